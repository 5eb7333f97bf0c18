"""The Fulfilment dock's lists: each a tuple of Columns (heading, the value an export writes, the
text the list shows), shown through the Stocktake dock's plain RowsModel, and written to Excel
as shown (visible columns in the order the user put them, the rows in the list's order)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from erp_desktop.ui.docks.common import column_menu, setup_list_view
from erp_desktop.ui.docks.stocktake.table import GREEN, GREY, ORANGE, RED, Row, RowsModel

__all__ = ["GREEN", "GREY", "ORANGE", "RED", "Column", "Row", "RowsModel", "Table"]

_SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]                 # what an export writes (numbers stay numbers)
    text: Callable[[Any], str] | None = None    # what the list shows; default str(value)
    numeric: bool = False
    width: int = 8                               # default width in "M"s

    def shown(self, item: Any) -> str:
        if self.text is not None:
            return self.text(item)
        v = self.value(item)
        return "" if v is None else str(v)


class Table(QTableView):
    """A read-only list of items under `columns`."""

    def __init__(self, name: str, columns: Sequence[Column], parent: QWidget | None = None, *,
                 multi: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.columns = tuple(columns)
        self.rows_model = RowsModel([c.title for c in columns], [i for i, c in enumerate(columns) if c.numeric],
                                    self)
        self.setModel(self.rows_model)
        setup_list_view(self, stretch_last=True)
        if multi:
            self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        em = self.fontMetrics().horizontalAdvance("M")
        head = self.horizontalHeader().fontMetrics()
        for i, c in enumerate(columns):
            self.setColumnWidth(i, max(c.width * em, head.horizontalAdvance(c.title) + 24))
        self.items: list[Any] = []
        self.fitted = False            # widths fitted to the first rows shown (or the user's own restored)
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

    def _column_menu(self, pos: Any) -> None:
        self._column_popup = column_menu(self, self, pos, [c.title for c in self.columns], 0)

    def set_items(self, items: Iterable[Any], colors: Callable[[Any], dict[int, QColor]] | None = None,
                  bold: Callable[[Any], bool] | None = None, keep: Callable[[Any], Any] | None = None) -> None:
        """Show `items`; `keep(item)` names an item so the one selected before stays selected."""
        before = {keep(i) for i in self.selected_items()} if keep is not None else set()
        current = keep(self.current_item()) if keep is not None and self.current_item() is not None else None
        self.items = list(items)
        self.rows_model.set_rows([Row([c.shown(it) for c in self.columns], it, colors(it) if colors else {},
                                      bold(it) if bold else False) for it in self.items])
        if not self.fitted and self.items:
            self.fit_columns()
        if keep is None:
            return
        sm = self.selectionModel()
        for r, it in enumerate(self.items):
            k = keep(it)
            if k == current:
                self.setCurrentIndex(self.rows_model.index(r, 0))
            if k in before:
                sm.select(self.rows_model.index(r, 0), _SELECT)

    def fit_columns(self) -> None:
        """Each column as wide as its heading and first rows (at most 45 "M"s), once."""
        self.fitted = True
        most = self.fontMetrics().horizontalAdvance("M") * 45
        last = self.model().columnCount() - 1
        for col in range(last):             # the last one stretches
            before = self.columnWidth(col)
            self.resizeColumnToContents(col)
            self.setColumnWidth(col, min(max(before, self.columnWidth(col) + 12), most))

    def restore_header(self, state: Any) -> None:
        """The user's widths, order and hidden columns, as saved."""
        if state is not None and self.horizontalHeader().restoreState(state):
            self.fitted = True

    def current_item(self) -> Any:
        idx = self.currentIndex()
        return self.rows_model.item(idx.row()) if idx.isValid() else None

    def selected_items(self) -> list[Any]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        items = [self.rows_model.item(r) for r in rows]
        if not items and self.current_item() is not None:
            items = [self.current_item()]
        return [i for i in items if i is not None]

    def select_where(self, pred: Callable[[Any], bool]) -> int:
        """Select the items `pred` is true of (the first one current); returns how many."""
        sm = self.selectionModel()
        sm.clearSelection()
        n = 0
        for r, it in enumerate(self.items):
            if pred(it):
                idx = self.rows_model.index(r, 0)
                if n == 0:
                    self.setCurrentIndex(idx)
                sm.select(idx, _SELECT)
                n += 1
        return n

    def export_data(self) -> tuple[list[str], list[list[Any]]]:
        """(headings, rows) of the columns shown, in the order shown."""
        header = self.horizontalHeader()
        cols = [c for c in map(header.logicalIndex, range(header.count())) if not header.isSectionHidden(c)]
        return ([self.columns[c].title for c in cols],
                [[self.columns[c].value(it) for c in cols] for it in self.items])

