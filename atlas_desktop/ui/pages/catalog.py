"""The navigation: every page, in the order of the workflow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.projects import ProjectsPage

PAGE_KEYS = ("projects", "data", "train", "evaluate", "review", "release", "monitor")


def page_title(key: str) -> str:
    return {
        "projects": tr("Projects"), "data": tr("Data"), "train": tr("Train"), "evaluate": tr("Evaluate"),
        "review": tr("Review"), "release": tr("Release"), "monitor": tr("Monitor"),
    }[key]


def _data_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.data import DataPage  # imported when first shown: keeps start-up light

    return DataPage(ctx)


def _train_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.train import TrainPage  # pyqtgraph and the training core load when first shown

    return TrainPage(ctx)


def _evaluate_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.evaluate import EvaluatePage  # the evaluation core and pyqtgraph load when first shown

    return EvaluatePage(ctx)


def _review_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.review import ReviewPage  # the evaluation core loads when first shown

    return ReviewPage(ctx)


def _release_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.release import ReleasePage  # the release core (and scipy, for its checks) loads when first shown

    return ReleasePage(ctx)


def _monitor_page(ctx: AppContext) -> QWidget:
    from atlas_desktop.ui.pages.monitor import MonitorPage  # pyqtgraph, scikit-learn and the serving core load when first shown

    return MonitorPage(ctx)


def build_page(key: str, ctx: AppContext) -> QWidget:
    builders: dict[str, Callable[[], QWidget]] = {
        "projects": lambda: ProjectsPage(ctx),
        "data": lambda: _data_page(ctx),
        "train": lambda: _train_page(ctx),
        "evaluate": lambda: _evaluate_page(ctx),
        "review": lambda: _review_page(ctx),
        "release": lambda: _release_page(ctx),
        "monitor": lambda: _monitor_page(ctx),
    }
    return builders[key]()
