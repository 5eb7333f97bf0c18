"""The Products list: a lazy, id-backed table model over keyset pages of `services.catalog.list_skus`.

Only what the view scrolls to is fetched (pages of `page_size` rows, never the whole table).
Live updates (`bridge.changed` for "catalog.sku") refresh just the loaded rows that changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import catalog
from erp_desktop.services.catalog import SkuFilter, SkuRow
from erp_desktop.ui.widgets.money import format_decimal, format_money

log = logging.getLogger(__name__)

TABLE = "catalog.sku"
SKU_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SKU_ROW_ROLE = Qt.ItemDataRole.UserRole + 2

# column key, header (translated in headerData), the list's sort key or None
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("code", QT_TRANSLATE_NOOP("SkuTableModel", "Code"), "code"),
    ("name", QT_TRANSLATE_NOOP("SkuTableModel", "Name"), "name"),
    ("spec", QT_TRANSLATE_NOOP("SkuTableModel", "Specification"), None),
    ("category", QT_TRANSLATE_NOOP("SkuTableModel", "Category"), "category"),
    ("status", QT_TRANSLATE_NOOP("SkuTableModel", "Status"), "status"),
    ("price", QT_TRANSLATE_NOOP("SkuTableModel", "Price"), "price"),
    ("cost", QT_TRANSLATE_NOOP("SkuTableModel", "Cost"), None),
    ("weight", QT_TRANSLATE_NOOP("SkuTableModel", "Weight (kg)"), None),
    ("barcodes", QT_TRANSLATE_NOOP("SkuTableModel", "Barcodes"), None),
    ("kit", QT_TRANSLATE_NOOP("SkuTableModel", "Kit"), None),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)
COL = {key: i for i, key in enumerate(COLUMN_KEYS)}
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_CENTER = Qt.AlignmentFlag.AlignCenter.value
_NUMERIC = {COL["price"], COL["cost"], COL["weight"]}

STATUSES = ("active", "inactive", "discontinued")


def status_label(status: str) -> str:
    labels = {
        "active": QCoreApplication.translate("SkuTableModel", "Active"),
        "inactive": QCoreApplication.translate("SkuTableModel", "Inactive"),
        "discontinued": QCoreApplication.translate("SkuTableModel", "Discontinued"),
    }
    return labels.get(status, status)


def header_label(column: int) -> str:
    return QCoreApplication.translate("SkuTableModel", COLUMNS[column][1])


class SkuTableModel(QAbstractTableModel):
    """Rows are `SkuRow`s in list order; `_index` maps SKU id -> row."""

    page_loaded = Signal(int)            # rows now loaded
    load_failed = Signal(object)         # the exception (e.g. connection lost)
    changes_applied = Signal()           # live updates were applied (the count may have changed)

    def __init__(self, sessions: sessionmaker[Session], parent=None, page_size: int = 200) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.page_size = page_size
        self._rows: list[SkuRow] = []
        self._index: dict[int, int] = {}
        self._filter = SkuFilter()
        self._sort = "code"
        self._descending = False
        self._at_end = False
        self.loaded = False              # the first page has been fetched
        # live updates arriving in bursts are applied together
        self._pending_reload = False
        self._pending_updates: set[int] = set()
        self._pending_deletes: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(40)
        self._flush_timer.timeout.connect(self.flush_changes)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return header_label(section)
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return _RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in _NUMERIC:
                return _RIGHT
            if col == COL["kit"]:
                return _CENTER
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL["barcodes"] and r.barcodes:
                return "\n".join(r.barcodes)
            if col in (COL["name"], COL["spec"]):
                return self._display(r, col) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole and r.status != "active":
            return QBrush(QColor(128, 128, 128))
        if role == SKU_ID_ROLE:
            return r.id
        if role == SKU_ROW_ROLE:
            return r
        return None

    def _display(self, r: SkuRow, col: int) -> str:
        key = COLUMN_KEYS[col]
        if key == "code":
            return r.code
        if key == "name":
            return r.name
        if key == "spec":
            return r.spec
        if key == "category":
            return r.category or ""
        if key == "status":
            return status_label(r.status)
        if key == "price":
            return format_money(r.price)
        if key == "cost":
            return format_money(r.cost)
        if key == "weight":
            return format_decimal(r.weight_kg, 3) if r.weight_kg is not None else ""
        if key == "barcodes":
            return ", ".join(r.barcodes)
        if key == "kit":
            return "✓" if r.is_kit else ""
        return ""

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._at_end:
            return
        after = catalog.sort_key(self._rows[-1], self._sort) if self._rows else None
        try:
            with self._sessions() as s:
                page = catalog.list_skus(s, self._filter, self._sort, self._descending, after=after,
                                         limit=self.page_size)
        except Exception as exc:
            self._at_end = True          # do not hammer a broken connection; a reload starts over
            self.load_failed.emit(exc)
            return
        if len(page) < self.page_size:
            self._at_end = True
        page = [r for r in page if r.id not in self._index]   # a row edited meanwhile may come twice
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
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
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
    def filter(self) -> SkuFilter:
        return self._filter

    @property
    def sort_column_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def sort_column(self) -> int:
        for i, c in enumerate(COLUMNS):
            if c[2] == self._sort:
                return i
        return 0

    @staticmethod
    def column_sort_key(column: int) -> str | None:
        return COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][2] is not None

    def set_filter(self, flt: SkuFilter) -> None:
        if flt == self._filter and self.loaded:
            return
        self._filter = flt
        self.reload()

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Set the order without loading (before the first reload)."""
        if key in catalog.SORT_KEYS:
            self._sort, self._descending = key, descending

    @property
    def at_end(self) -> bool:
        return self._at_end

    def sku_at(self, row: int) -> SkuRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_sku(self, sku_id: int) -> int:
        return self._index.get(sku_id, -1)

    def loaded_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def ensure_loaded(self, sku_id: int, max_rows: int | None = None) -> int:
        """Fetch pages until the SKU is loaded (its row) or the list ends or `max_rows` are loaded (-1)."""
        if not self.loaded:
            self.reload()
        while sku_id not in self._index and not self._at_end:
            if max_rows is not None and len(self._rows) >= max_rows:
                break
            self.fetchMore()
        return self._index.get(sku_id, -1)

    def reload(self, keep_rows: int = 0) -> None:
        """Start over from the first row, loading at least `keep_rows` rows (in one query)."""
        limit = max(self.page_size, keep_rows)
        try:
            with self._sessions() as s:
                rows = catalog.list_skus(s, self._filter, self._sort, self._descending, after=None, limit=limit)
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

    # ------------------------------------------------------------------ live updates
    def queue_change(self, table: str, op: str, ids: Iterable[int] | None) -> None:
        """Collect a notification; bursts (an import) are applied together a moment later."""
        if table != TABLE:
            return
        if ids is None or op in ("I", "T"):
            self._pending_reload = True
        elif op == "D":
            self._pending_deletes.update(ids)
        else:
            self._pending_updates.update(ids)
        self._flush_timer.start()

    def flush_changes(self) -> None:
        self._flush_timer.stop()
        reload, upd, dele = self._pending_reload, self._pending_updates, self._pending_deletes
        self._pending_reload, self._pending_updates, self._pending_deletes = False, set(), set()
        if reload:
            self.apply_change(TABLE, "I", None)
        else:
            if dele:
                self.apply_change(TABLE, "D", tuple(dele))
            if upd:
                self.apply_change(TABLE, "U", tuple(upd - dele))

    def apply_change(self, table: str, op: str, ids: Iterable[int] | None) -> None:
        """Apply one change now: refetch changed loaded rows, drop deleted ones, reload on inserts."""
        if table != TABLE or not self.loaded:
            return
        if ids is None or op in ("I", "T"):
            self.reload(keep_rows=len(self._rows))
            self.changes_applied.emit()
            return
        loaded = [i for i in dict.fromkeys(ids) if i in self._index]
        if not loaded:
            return
        if op == "D":
            self._remove(loaded)
            self.changes_applied.emit()
            return
        try:
            with self._sessions() as s:
                fresh = catalog.get_sku_rows(s, loaded)
        except Exception as exc:
            self.load_failed.emit(exc)
            return
        gone = [i for i in loaded if i not in fresh]
        last = len(COLUMNS) - 1
        for sku_id, row in fresh.items():
            r = self._index.get(sku_id)
            if r is None:
                continue
            self._rows[r] = row
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))
        if gone:
            self._remove(gone)
        self.changes_applied.emit()

    def _remove(self, ids: list[int]) -> None:
        rows = sorted((self._index[i] for i in ids if i in self._index), reverse=True)
        # remove contiguous runs from the bottom up so the row numbers above stay valid
        while rows:
            hi = lo = rows.pop(0)
            while rows and rows[0] == lo - 1:
                lo = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), lo, hi)
            del self._rows[lo:hi + 1]
            self.endRemoveRows()
        self._index = {r.id: i for i, r in enumerate(self._rows)}

