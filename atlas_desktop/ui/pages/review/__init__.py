"""The Review page: blind side-by-side rating of an evaluation's answer pairs (page.ReviewPage)."""

from atlas_desktop.ui.pages.review.page import ReviewPage

__all__ = ["ReviewPage"]
