"""The Data page and its import wizard."""

from atlas_desktop.ui.pages.data.page import DataPage

__all__ = ["DataPage"]
