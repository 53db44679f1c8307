"""The window's visible texts, as the app itself reads them (atlas_desktop/ui/visible_text.py)."""

from atlas_desktop.ui.visible_text import plain, unmarked, visible_texts

__all__ = ["plain", "unmarked", "visible_texts"]
