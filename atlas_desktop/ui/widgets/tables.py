"""Read-only tables of records, filled from rows of strings, with right-to-left-safe selection."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from atlas_desktop.ui.widgets.bidi import display_text


def make_table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    return t


def select_row(t: QTableWidget, row: int) -> None:
    """Select a whole row through the selection model. QTableView.selectRow finds the row's
    columns by screen position, which fails in a right-to-left layout before the table has
    been laid out (it selects nothing)."""
    if 0 <= row < t.rowCount():
        index = t.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        t.selectionModel().setCurrentIndex(index, flags)


def selected_row(t: QTableWidget) -> int:
    rows = t.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def fill_table(t: QTableWidget, rows: list[list[str]]) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(display_text(str(value))))
