"""Read-only tables of records, filled from rows of strings, with right-to-left-safe selection.

``make_table`` gives a QTableWidget (one item per cell; fine for tens of rows, and the cells
can be changed in place). ``make_record_table`` gives a view over rows it formats only when
they are shown, for the lists an import can make long (200,000 conversations: tens of
thousands of redactions or duplicates), which would otherwise take seconds to fill."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem

from atlas_desktop.core.arabic import dominant_direction
from atlas_desktop.ui.widgets.bidi import LRM, display_text


class PagedRows(Sequence):
    """``count`` rows read a page at a time by ``fetch(offset, limit)`` (a database query) and
    formatted by ``fmt``; a few pages are remembered. ``raw(i)`` is row ``i`` as fetched."""

    PAGE = 200

    def __init__(self, count: int, fetch: Callable[[int, int], list[Any]], fmt: Callable[[Any], list[Any]] = list) -> None:
        self._count, self._fetch, self._fmt = count, fetch, fmt
        self._pages: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return self._count

    def raw(self, i: int) -> Any:
        if not 0 <= i < self._count:
            raise IndexError(i)
        page = self._pages.get(i // self.PAGE)
        if page is None:
            if len(self._pages) >= 8:
                self._pages.clear()
            page = self._pages[i // self.PAGE] = self._fetch(i - i % self.PAGE, self.PAGE)
        return page[i % self.PAGE]

    def __getitem__(self, i: int) -> list[Any]:  # type: ignore[override]
        return self._fmt(self.raw(i))


def _cell(text: str, column: int, user_columns: tuple[int, ...]) -> str:
    """The user's data takes the direction of its own script (an IBAN inside Arabic reads left to right);
    the ui's own words and numbers (in a table that names its user columns) are laid out as the ui's."""
    return display_text(text) if not user_columns or column in user_columns else text


class _RowsModel(QAbstractTableModel):
    CACHE = 512  # formatted rows kept (a screenful is a few dozen)

    def __init__(self, headers: list[str]) -> None:
        super().__init__()
        self.user_columns: tuple[int, ...] = ()
        self._headers, self._rows = headers, []
        self._cache: dict[int, list[tuple[str, int | None]]] = {}

    def set_rows(self, rows: Sequence[list[Any]]) -> None:
        self.beginResetModel()
        self._rows, self._cache = rows, {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def _row(self, r: int) -> list[tuple[str, int | None]]:
        """Row ``r`` as shown: each cell's text and alignment, worked out once (not on every repaint)."""
        row = self._cache.get(r)
        if row is None:
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            row = self._cache[r] = [self._shown(str(v), c) for c, v in enumerate(self._rows[r])]
        return row

    def _shown(self, value: str, column: int) -> tuple[str, int | None]:
        text = _cell(value, column, self.user_columns)
        align = None
        if column in self.user_columns and (text[:1] == LRM or dominant_direction(text) == "ltr"):
            # a value that reads left to right (an IBAN, an email) starts at the left even in the Arabic
            # ui, so a narrow column cuts its end, not the start that identifies it
            align = int(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return text, align

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        row = self._row(index.row())
        text, align = row[index.column()] if index.column() < len(row) else ("", None)
        return text if role == Qt.ItemDataRole.DisplayRole else align

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class RecordTable(QTableView):
    """A read-only table whose rows are formatted only when shown (see the module's note)."""

    itemSelectionChanged = Signal()  # noqa: N815 (the name QTableWidget uses)

    def __init__(self, headers: list[str]) -> None:
        super().__init__()
        self._model = _RowsModel(headers)
        self.setModel(self._model)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        _style(self)
        # Column widths from the header and the first screenful, not from every row; no column
        # wider than a long value needs (a conversation's text), so the columns after it stay in view.
        self.horizontalHeader().setResizeContentsPrecision(50)
        self.horizontalHeader().setMaximumSectionSize(320)

    @Slot()
    def _on_selection_changed(self) -> None:
        self.itemSelectionChanged.emit()

    def set_rows(self, rows: Sequence[list[Any]]) -> None:
        self._model.set_rows(rows)

    def rowCount(self) -> int:  # noqa: N802
        return self._model.rowCount()

    def cell_text(self, row: int, column: int) -> str:
        return self._model.data(self._model.index(row, column)) or ""


USER_COLUMNS = "userColumns"  # a table's property: the columns that show the user's own data, as written


def make_record_table(headers: list[str], user_columns: tuple[int, ...] = ()) -> RecordTable:
    """``user_columns``: columns that show the user's data (values, texts, file names), which keep
    their own script and digits; every other cell is the ui's words and numbers."""
    t = RecordTable(headers)
    t.setProperty(USER_COLUMNS, list(user_columns))
    t._model.user_columns = tuple(user_columns)
    return t


def _style(t: QTableView) -> None:
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)


def make_table(headers: list[str], user_columns: tuple[int, ...] = ()) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setProperty(USER_COLUMNS, list(user_columns))
    _style(t)
    return t


def select_row(t: QTableWidget | RecordTable, row: int) -> None:
    """Select a whole row through the selection model. QTableView.selectRow finds the row's
    columns by screen position, which fails in a right-to-left layout before the table has
    been laid out (it selects nothing)."""
    if 0 <= row < t.rowCount():
        index = t.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        t.selectionModel().setCurrentIndex(index, flags)


def selected_row(t: QTableWidget | RecordTable) -> int:
    rows = t.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def fill_table(t: QTableWidget | RecordTable, rows: Sequence[list[Any]]) -> None:
    if isinstance(t, RecordTable):
        t.set_rows(rows)
        return
    t.setRowCount(len(rows))
    user = tuple(t.property(USER_COLUMNS) or ())
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(_cell(str(value), c, user)))
