"""Every text a person can see in a window (labels, buttons, tables, lists, combo boxes,
editors, tabs, group titles, menus), each with where it was found."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit, QListWidget, QMainWindow,
    QPlainTextEdit, QTableWidget, QTabWidget, QTextEdit, QWidget,
)

_TAGS = re.compile(r"<[^>]+>")
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """Without markup and the invisible direction marks."""
    text = _TAGS.sub(" ", text).replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _MARKS.sub("", text)


def visible_texts(root: QWidget, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(where, text) for every visible text under ``root``; widgets named in ``skip`` (and their children) are left out."""
    out: list[tuple[str, str]] = []

    def name(w: QWidget) -> str:
        return f"{type(w).__name__}#{w.objectName() or '?'}"

    def skipped(w: QWidget) -> bool:
        while w is not None:
            if w.objectName() in skip:
                return True
            w = w.parentWidget()
        return False

    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root or skipped(w):
            continue
        texts: list[str] = []
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts += [w.text(), w.toolTip()]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractSpinBox):
            texts.append(w.text())
        elif isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
        elif isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                texts += [w.item(r, c).text() for c in range(w.columnCount()) if w.item(r, c) is not None]
            texts += [w.horizontalHeaderItem(c).text() for c in range(w.columnCount()) if w.horizontalHeaderItem(c) is not None]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QMainWindow):
            texts.append(w.windowTitle())
            for action in w.menuBar().actions():
                texts.append(action.text())
                if action.menu() is not None:
                    texts += [a.text() for a in action.menu().actions()]
        elif isinstance(w, QHeaderView):
            continue
        out += [(name(w), plain(t)) for t in texts if t and t.strip()]
    return out
