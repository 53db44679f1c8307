"""The project's evaluation settings: the review quota, the gate's margin and tolerance, how much
of the holdout joins the suite, and the answers' length (evaluation.settings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation.generation import DECODING_RANGES
from atlas_desktop.core.evaluation.settings import RANGES, get_settings, set_settings
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import N_, tr

FIELDS = (  # key, label, help
    ("min_reviewers_per_item", N_("Reviewers per item"), N_("The review quota: every item rated by at least this many reviewers.")),
    ("calibration_items", N_("Calibration items"), N_("Items every reviewer rates, to measure how well they agree.")),
    ("calibration_reviewers", N_("Reviewers per calibration item"), N_("The quota on the calibration items.")),
    ("margin", N_("Win-rate margin"), N_("The lower end of the win rate's 95% interval must reach this share.")),
    ("tolerance", N_("Tolerated drop"), N_("No intent's task success may fall by more than this.")),
    ("holdout_items", N_("Holdout items"), N_("Conversations from the dataset version's holdout added to the suite's items (0: none).")),
    ("max_new_tokens", N_("Answer length (tokens)"), N_("The longest answer each model may give; a longer one is cut off and not scored.")),
)


class EvalSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, project: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project = ctx, project
        self.setWindowTitle(tr("Evaluation settings"))
        self.current = get_settings(ctx.ws, project)
        self.fields: dict[str, QSpinBox | QDoubleSpinBox] = {}
        form = QFormLayout()
        for key, label, help_text in FIELDS:
            if key == "max_new_tokens":
                lo, hi = DECODING_RANGES[key]
                value = self.current["decoding"][key]
            else:
                lo, hi = RANGES[key]
                value = self.current[key]
            if isinstance(value, float):
                spin: QSpinBox | QDoubleSpinBox = QDoubleSpinBox()
                spin.setDecimals(2)
                spin.setSingleStep(0.05)
            else:
                spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setValue(value)
            spin.setToolTip(tr(help_text))
            spin.setObjectName(f"setting_{key}")
            self.fields[key] = spin
            form.addRow(tr(label), spin)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b03a2e")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("These settings apply to every evaluation of the project from now on.")))
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, spin in self.fields.items():
            value = round(spin.value(), 2) if isinstance(spin, QDoubleSpinBox) else spin.value()
            if key == "max_new_tokens":
                if value != self.current["decoding"][key]:
                    out["decoding"] = {**self.current["decoding"], key: value}
            elif value != self.current[key]:
                out[key] = value
        return out

    @Slot()
    def _on_ok(self) -> None:
        changes = self.changes()
        if changes:
            try:
                set_settings(self.ctx.ws, self.project, changes)
            except AtlasError as exc:
                self.problem.setText(localize(exc, self.ctx))
                self.problem.show()
                return
        self.accept()
