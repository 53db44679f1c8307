"""The Release page: versions, the staged release and its checks, rollback, history, the launch checklist."""

from atlas_desktop.ui.pages.release.page import ReleasePage

__all__ = ["ReleasePage"]
