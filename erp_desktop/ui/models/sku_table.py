"""The Products list: a lazy, id-backed table model over keyset pages of `services.catalog.list_skus`.

Only what the view scrolls to is fetched (pages of `page_size` rows, never the whole table).
Live updates (`bridge.changed` for "catalog.sku") refresh just the loaded rows that changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import catalog
from erp_desktop.services.catalog import SkuFilter, SkuRow
from erp_desktop.ui.models.keyset_table import KeysetTableModel
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


class SkuTableModel(KeysetTableModel):
    """Rows are `SkuRow`s in list order; `_index` maps SKU id -> row."""

    COLUMNS = COLUMNS
    SORT_KEYS = catalog.SORT_KEYS

    def __init__(self, sessions: sessionmaker[Session], parent=None, page_size: int = 200) -> None:
        super().__init__(sessions, SkuFilter(), parent, page_size)
        self._pending_updates: set[int] = set()
        self._pending_deletes: set[int] = set()

    def fetch_page(self, session: Session, after: tuple | None, limit: int) -> list[SkuRow]:
        return catalog.list_skus(session, self._filter, self._sort, self._descending, after=after, limit=limit)

    def row_sort_key(self, row: SkuRow) -> tuple:
        return catalog.sort_key(row, self._sort)

    # ------------------------------------------------------------------ Qt model
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

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> SkuFilter:
        return self._filter

    def sku_at(self, row: int) -> SkuRow | None:
        return self.row_at(row)

    def row_of_sku(self, sku_id: int) -> int:
        return self.row_of(sku_id)

    def ensure_loaded(self, sku_id: int, max_rows: int | None = None) -> int:
        """Fetch pages until the SKU is loaded (its row) or the list ends or `max_rows` are loaded (-1)."""
        if not self.loaded:
            self.reload()
        while sku_id not in self._index and not self._at_end:
            if max_rows is not None and len(self._rows) >= max_rows:
                break
            self.fetchMore()
        return self._index.get(sku_id, -1)

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
        self._replace_rows(fresh)
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

