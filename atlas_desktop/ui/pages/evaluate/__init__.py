"""The Evaluate page: suites, a candidate evaluated against production, its report, the release gate."""

from atlas_desktop.ui.pages.evaluate.page import EvaluatePage

__all__ = ["EvaluatePage"]
