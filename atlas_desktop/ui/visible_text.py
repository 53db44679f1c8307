"""Every text a person can see in a window (labels, buttons, tables, lists, combo boxes,
editors, tabs, group titles, menus), each with where it was found: what the glyph check
(`atlas gui --screenshot --check-glyphs`) reads, and what the tests check Arabic pages with."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit, QMainWindow,
    QPlainTextEdit, QTableView, QTabWidget, QTextEdit, QWidget,
)

_TAGS = re.compile(r"<[^>]+>")
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def unmarked(text: str) -> str:
    """Without markup (the invisible direction marks kept: they show what is embedded user text)."""
    return _TAGS.sub(" ", text).replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain(text: str) -> str:
    """Without markup and the invisible direction marks."""
    return _MARKS.sub("", unmarked(text))


def _rows(view: QAbstractItemView) -> int:
    return view.verticalHeader().count() if isinstance(view, QTableView) else view.count() if hasattr(view, "count") else 0


def visible_texts(root: QWidget, skip: tuple[str, ...] = (), user_columns: bool = False) -> list[tuple[str, str]]:
    """(where, text) for every visible text under ``root``, direction marks kept; widgets named in ``skip`` (and their children)
    are left out, and so are the table columns a view marks as the user's own data unless ``user_columns``."""
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
        elif isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w, QComboBox):
            model = w.model()  # tables and lists, widget-based or over a model: the first rows a person sees
            columns = w.horizontalHeader().count() if isinstance(w, QTableView) else 1
            user = set() if user_columns else set(w.property("userColumns") or ())  # the user's own data, shown as written
            for r in range(min(_rows(w), 60)):
                for c in (c for c in range(columns) if c not in user):
                    value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                    if value is not None:
                        texts.append(str(value))
            for c in range(columns if isinstance(w, QTableView) else 0):
                value = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    texts.append(str(value))
        elif isinstance(w, QMainWindow):
            texts.append(w.windowTitle())
            for action in w.menuBar().actions():
                texts.append(action.text())
                if action.menu() is not None:
                    texts += [a.text() for a in action.menu().actions()]
        elif isinstance(w, QHeaderView):
            continue
        out += [(name(w), unmarked(t)) for t in texts if t and t.strip()]
    return out
