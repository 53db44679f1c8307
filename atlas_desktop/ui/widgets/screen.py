"""Windows sized for the screen they open on (a 1366×768 laptop as well as a large monitor), and file dialogs."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QWidget

# File dialogs: Qt's own (labelled by its Arabic translation, qtbase_ar), and a filter shown by its
# name only: "(*.jsonl *.csv)" after Arabic words came out scrambled in the mirrored list.
FILE_DIALOG = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.HideNameFilterDetails


def fit_screen(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, or less where the screen's free area (less the window's frame) is smaller."""
    screen = widget.screen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    frame = 40  # title bar and borders, drawn by the window manager outside the window's own size
    return QSize(min(width, free.width() - 16), min(height, free.height() - frame))
