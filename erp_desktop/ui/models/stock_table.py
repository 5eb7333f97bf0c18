"""The Stock list: a lazy, id-backed table model over keyset pages of `services.stock_queries.list_stock`.

One row per SKU x warehouse (a stock level).  Only what the view scrolls to is fetched.  Live
updates (`bridge.changed` for "stock.level") arrive in bursts while goods move; they are
collected for a moment and applied together: one query refreshes every changed level, the loaded
rows among them change in place, and `rows_refreshed` hands all of them on (the dock announces
the ones that fell below safety stock).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import stock_queries as sq
from erp_desktop.services.stock_queries import StockFilter, StockRow
from erp_desktop.ui.models.keyset_table import KeysetTableModel
from erp_desktop.ui.widgets.money import format_decimal, format_money, format_qty

log = logging.getLogger(__name__)

TABLE = "stock.level"
LEVEL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STOCK_ROW_ROLE = Qt.ItemDataRole.UserRole + 2

# column key, header (translated in headerData), the list's sort key or None
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("code", QT_TRANSLATE_NOOP("StockTableModel", "Code"), "code"),
    ("name", QT_TRANSLATE_NOOP("StockTableModel", "Name"), "name"),
    ("spec", QT_TRANSLATE_NOOP("StockTableModel", "Specification"), None),
    ("warehouse", QT_TRANSLATE_NOOP("StockTableModel", "Warehouse"), None),
    ("on_hand", QT_TRANSLATE_NOOP("StockTableModel", "On hand"), "on_hand"),
    ("reserved", QT_TRANSLATE_NOOP("StockTableModel", "Reserved"), None),
    ("available", QT_TRANSLATE_NOOP("StockTableModel", "Available"), None),
    ("in_transit", QT_TRANSLATE_NOOP("StockTableModel", "In transit"), None),
    ("expired", QT_TRANSLATE_NOOP("StockTableModel", "Expired"), None),
    ("safety_stock", QT_TRANSLATE_NOOP("StockTableModel", "Safety stock"), None),
    ("reorder_point", QT_TRANSLATE_NOOP("StockTableModel", "Reorder point"), None),
    ("days_of_cover", QT_TRANSLATE_NOOP("StockTableModel", "Days of cover"), None),
    ("cost", QT_TRANSLATE_NOOP("StockTableModel", "Unit cost"), None),
    ("value", QT_TRANSLATE_NOOP("StockTableModel", "Value at cost"), None),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)
COL = {key: i for i, key in enumerate(COLUMN_KEYS)}
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_NUMERIC = {COL[k] for k in ("on_hand", "reserved", "available", "in_transit", "expired", "safety_stock",
                             "reorder_point", "days_of_cover", "cost", "value")}

# out of stock (nothing available) and below safety stock; overstock shows in days of cover
RED = QColor("#ffcdd2")
AMBER = QColor("#ffe0b2")
OVERSTOCK_TEXT = QColor("#1565c0")
EXPIRED_TEXT = QColor("#c62828")


def header_label(column: int) -> str:
    return QCoreApplication.translate("StockTableModel", COLUMNS[column][1])


def format_planned(value: Decimal | None) -> str:
    """A computed planning figure (safety stock, reorder point): one decimal is precise enough."""
    return format_qty(Decimal(value).quantize(Decimal("0.1"))) if value is not None else ""


def is_out(row: StockRow) -> bool:
    """Below safety stock with nothing left to sell: shown red (else amber)."""
    return row.below_safety and row.available <= 0


class StockTableModel(KeysetTableModel):
    """Rows are `StockRow`s in list order; `_index` maps level id -> row."""

    rows_refreshed = Signal(object)      # list[StockRow]: fresh rows of every changed level (loaded or not)

    COLUMNS = COLUMNS
    SORT_KEYS = sq.SORT_KEYS

    def __init__(self, sessions: sessionmaker[Session], parent=None, page_size: int = 200) -> None:
        super().__init__(sessions, StockFilter(), parent, page_size)
        self._pending: set[int] = set()

    def fetch_page(self, session: Session, after: tuple | None, limit: int) -> list[StockRow]:
        return sq.list_stock(session, self._filter, self._sort, self._descending, after=after, limit=limit)

    def row_sort_key(self, row: StockRow) -> tuple:
        return sq.sort_key(row, self._sort)

    # ------------------------------------------------------------------ Qt model
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return header_label(section)
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return _RIGHT
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tip(COLUMN_KEYS[section])
        return None

    def _header_tip(self, key: str) -> str | None:
        tips = {
            "available": self.tr("On hand less reserved, less stock in expired lots"),
            "expired": self.tr("On hand in lots past their expiry date: not available"),
            "in_transit": self.tr("Shipped from another warehouse to this one, not received yet"),
            "safety_stock": self.tr("Rows below it are highlighted: red when nothing is available, else amber"),
            "days_of_cover": self.tr("Available divided by the forecast daily demand"),
            "value": self.tr("On hand at unit cost"),
        }
        return tips.get(key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, COLUMN_KEYS[col])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col in _NUMERIC else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.below_safety:
                return QBrush(RED if is_out(r) else AMBER)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.below_safety:
                return QBrush(QColor("#000000"))      # readable on the highlight in dark themes too
            if col == COL["days_of_cover"] and r.overstock:
                return QBrush(OVERSTOCK_TEXT)
            if col == COL["expired"] and r.expired > 0:
                return QBrush(EXPIRED_TEXT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, COLUMN_KEYS[col])
        if role == LEVEL_ID_ROLE:
            return r.id
        if role == STOCK_ROW_ROLE:
            return r
        return None

    def _display(self, r: StockRow, key: str) -> str:
        if key == "code":
            return r.code
        if key == "name":
            return r.name
        if key == "spec":
            return r.spec
        if key == "warehouse":
            return r.warehouse_name
        if key == "expired":
            return format_qty(r.expired) if r.expired else ""
        if key in ("on_hand", "reserved", "available", "in_transit"):
            return format_qty(getattr(r, key))
        if key in ("safety_stock", "reorder_point"):
            return format_planned(getattr(r, key))
        if key == "days_of_cover":
            if r.forecast_daily is not None and r.forecast_daily <= 0:
                return "∞" if r.available > 0 else ""
            return format_decimal(r.days_of_cover, 0) if r.days_of_cover is not None else ""
        if key == "cost":
            return format_money(r.cost)
        if key == "value":
            return format_money(r.value)
        return ""

    def _tooltip(self, r: StockRow, key: str) -> str | None:
        if r.below_safety:
            return (self.tr("Below safety stock: available %1, safety stock %2")
                    .replace("%1", format_qty(r.available)).replace("%2", format_planned(r.safety_stock)))
        if r.overstock and key in ("days_of_cover", "available", "on_hand"):
            return (self.tr("Overstock: more than %1 (the maximum, or %2 days of demand)")
                    .replace("%1", format_qty(r.overstock_above)).replace("%2", str(sq.OVERSTOCK_DAYS)))
        if key in ("name", "spec"):
            return self._display(r, key) or None
        return None

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> StockFilter:
        return self._filter

    def row_of_level(self, level_id: int) -> int:
        return self.row_of(level_id)

    # ------------------------------------------------------------------ live updates
    def queue_change(self, table: str, op: str, ids: Iterable[int] | None) -> None:
        """Collect a notification; a burst is applied together a moment later."""
        if table != TABLE:
            return
        if ids is None:
            self._pending_reload = True
        else:
            self._pending.update(int(i) for i in ids)
            if op in ("I", "T"):
                self._pending_reload = True      # a new SKU x warehouse: its place in the order is unknown
        self._flush_timer.start()

    def flush_changes(self) -> None:
        self._flush_timer.stop()
        reload, ids = self._pending_reload, self._pending
        self._pending_reload, self._pending = False, set()
        if ids:
            self.refresh(ids)
        if reload:
            self.apply_change(TABLE, "I", None)

    def apply_change(self, table: str, op: str, ids: Iterable[int] | None) -> None:
        """Apply one change now: refresh the changed levels, or reload (inserts, too many to list)."""
        if table != TABLE or not self.loaded:
            return
        if ids is None or op in ("I", "T"):
            self.reload(keep_rows=len(self._rows))
            self.changes_applied.emit()
            return
        self.refresh(ids)

    def refresh(self, ids: Iterable[int]) -> list[StockRow]:
        """Fetch the given levels; update the loaded ones in place; hand all of them on."""
        wanted = list(dict.fromkeys(int(i) for i in ids))
        if not wanted:
            return []
        try:
            with self._sessions() as s:
                fresh = sq.get_stock_rows(s, wanted)
        except Exception as exc:
            self.load_failed.emit(exc)
            return []
        self._apply_rows(fresh)
        return list(fresh.values())

    def refresh_sku(self, sku_id: int) -> list[StockRow]:
        """Every warehouse's row of one SKU (after a move made here; live updates may be off)."""
        try:
            with self._sessions() as s:
                fresh = sq.stock_rows_of_sku(s, sku_id)
        except Exception as exc:
            self.load_failed.emit(exc)
            return []
        if self.loaded and any(i not in self._index for i in fresh):
            # a first receipt made a new row: where it goes depends on the filter and order
            self.reload(keep_rows=len(self._rows))
            self.rows_refreshed.emit(list(fresh.values()))
            self.changes_applied.emit()
        else:
            self._apply_rows(fresh)
        return list(fresh.values())

    def _apply_rows(self, fresh: dict[int, StockRow]) -> None:
        self._replace_rows(fresh)
        self.rows_refreshed.emit(list(fresh.values()))
        self.changes_applied.emit()
