"""What every page needs: the workspace, the job manager, and app-wide signals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from atlas_desktop.core.arabic import format_date, format_number, to_eastern_digits
from atlas_desktop.core.workspace import Workspace
from atlas_desktop.ui.workers import JobManager


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so each page refreshes only what it shows of it (as Anki's
    operations tell its screens). ``project`` is the project the change belongs to."""

    project: str = ""
    datasets: bool = False  # a dataset version was saved
    runs: bool = False  # a training run was created, finished, paused, failed
    models: bool = False  # a model version or base model was registered
    evaluations: bool = False  # an evaluation was stored, a suite version saved, a rating saved or a flag resolved


class AppContext(QObject):
    project_changed = Signal(str)  # the current project's name
    projects_changed = Signal()  # a project was created, renamed or edited
    changed = Signal(object)  # Changes: an operation changed records that pages show

    def notify(self, **what: bool) -> None:
        """Tell every page what an operation just changed in the current project."""
        self.changed.emit(Changes(project=self.current_project, **what))

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.jobs = JobManager(self)

    @property
    def settings(self):  # noqa: ANN201
        return self.ws.settings

    @property
    def current_project(self) -> str:
        return self.ws.settings.current_project

    def set_current_project(self, name: str) -> None:
        if name != self.ws.settings.current_project:
            self.ws.settings.current_project = name
            self.ws.save_settings()
            self.project_changed.emit(name)

    def num(self, value: int | float) -> str:
        """A number as the user reads it (Eastern Arabic digits in the Arabic ui)."""
        return format_number(value, self.ws.settings.uses_arabic_digits())

    def fixed(self, value: float | None, places: int = 4) -> str:
        """A measurement (a loss, a learning rate) with a fixed number of decimals, in the user's digits; — when unknown."""
        if value is None or value != value:
            return "—"
        return format_number(value, self.ws.settings.uses_arabic_digits(), places)

    def percent(self, share: float) -> str:
        """A share (0.33) as a whole percentage: 33% in English, ٣٣٪ with Arabic digits."""
        n = self.num(round(share * 100))
        return n + ("٪" if self.ws.settings.uses_arabic_digits() else "%")

    def digits(self, text: str) -> str:
        """Digits inside a formatted string (dates, durations) as the user reads them."""
        return to_eastern_digits(text) if self.ws.settings.uses_arabic_digits() else text

    def date(self, when: datetime) -> str:
        return format_date(when, self.ws.settings.language, self.ws.settings.uses_arabic_digits())
