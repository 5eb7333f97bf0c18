"""What the lazy, id-backed lists share: keyset pages fetched as the view scrolls, the order and
filter they are fetched by, a reload that starts over, and rows replaced in place by live updates.

A list sets COLUMNS ((key, header, the list's sort key or None), ...) and SORT_KEYS, and says how
a page is fetched (`fetch_page`) and where a row stands in the order (`row_sort_key`, passed back
as `after`).  Its live updates are its own; `flush_changes` is called a moment after the last
`_flush_timer.start()`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker


class KeysetTableModel(QAbstractTableModel):
    """Rows in list order; `_index` maps a row's id -> its position."""

    page_loaded = Signal(int)            # rows now loaded
    load_failed = Signal(object)         # the exception (e.g. connection lost)
    changes_applied = Signal()           # live updates were applied (the count may have changed)

    COLUMNS: ClassVar[tuple[tuple[str, str, str | None], ...]] = ()
    SORT_KEYS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, sessions: sessionmaker[Session], empty_filter: Any, parent=None, page_size: int = 200) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.page_size = page_size
        self._rows: list[Any] = []
        self._index: dict[int, int] = {}
        self._filter = empty_filter
        self._sort = "code"
        self._descending = False
        self._at_end = False
        self.loaded = False              # the first page has been fetched
        self._pending_reload = False     # live updates arriving in bursts are applied together
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(40)
        self._flush_timer.timeout.connect(self.flush_changes)

    # ------------------------------------------------------------------ what a list says
    def fetch_page(self, session: Session, after: tuple | None, limit: int) -> list[Any]:
        """Up to `limit` rows by the current filter and order, strictly after `after`."""
        raise NotImplementedError

    def row_sort_key(self, row: Any) -> tuple:
        """Where `row` stands in the current order (the `after` of the next page)."""
        raise NotImplementedError

    def flush_changes(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._at_end:
            return
        after = self.row_sort_key(self._rows[-1]) if self._rows else None
        try:
            with self._sessions() as s:
                page = self.fetch_page(s, after, self.page_size)
        except Exception as exc:
            self._at_end = True          # do not hammer a broken connection; a reload starts over
            self.load_failed.emit(exc)
            return
        if len(page) < self.page_size:
            self._at_end = True
        page = [r for r in page if r.id not in self._index]   # a row changed meanwhile may come twice
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            for i, r in enumerate(page, start=first):
                self._rows.append(r)
                self._index[r.id] = i
            self.endInsertRows()
        self.loaded = True
        self.page_loaded.emit(len(self._rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.column_sort_key(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._sort and descending == self._descending and self.loaded:
            return
        self._sort, self._descending = key, descending
        if self.loaded:              # before the first load (a view turning sorting on) just remember it
            self.reload()

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> Any:
        return self._filter

    @property
    def sort_column_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def at_end(self) -> bool:
        return self._at_end

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.COLUMNS) if c[2] == self._sort), 0)

    @classmethod
    def column_sort_key(cls, column: int) -> str | None:
        return cls.COLUMNS[column][2] if 0 <= column < len(cls.COLUMNS) else None

    @classmethod
    def is_sortable(cls, column: int) -> bool:
        return cls.column_sort_key(column) is not None

    def set_filter(self, flt: Any) -> None:
        if flt == self._filter and self.loaded:
            return
        self._filter = flt
        self.reload()

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Set the order without loading (before the first reload)."""
        if key in self.SORT_KEYS:
            self._sort, self._descending = key, descending

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        return self._index.get(row_id, -1)

    def loaded_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def reload(self, keep_rows: int = 0) -> None:
        """Start over from the first row, loading at least `keep_rows` rows (in one query)."""
        limit = max(self.page_size, keep_rows)
        try:
            with self._sessions() as s:
                rows = self.fetch_page(s, None, limit)
        except Exception as exc:
            self.load_failed.emit(exc)
            return
        self.beginResetModel()
        self._rows = rows
        self._index = {r.id: i for i, r in enumerate(rows)}
        self._at_end = len(rows) < limit
        self.loaded = True
        self.endResetModel()
        self.page_loaded.emit(len(self._rows))

    def _replace_rows(self, fresh: dict[int, Any]) -> None:
        """Put fresh rows (by id) in the place of the loaded ones; rows not loaded are passed over."""
        last = len(self.COLUMNS) - 1
        for row_id, row in fresh.items():
            r = self._index.get(row_id)
            if r is None:
                continue
            self._rows[r] = row
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))
