"""The Orders list: a lazy, id-backed table model over keyset pages of `order_queries.list_orders`
(newest paid first), one tab (status) and the filter bar's conditions at a time.

Live updates (`bridge.changed` for "sales.order") come from every client and script writing
orders.  A burst is collected for a moment, then the changed orders are read once: a loaded row
that still belongs to the list changes in place (or moves, when its payment time changed), one
that left it (approved away from the review tab, cancelled ...) is taken out, and an order that
now belongs to it is put where the order says, or left to paging when it falls past the rows
loaded.  Whether a changed order belongs is told from its row where the filter allows (status,
shop, platform, province), else asked of the database (`filter_matches`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import order_lookup
from erp_desktop.services import order_queries as oq
from erp_desktop.services.order_queries import OrderFilter, OrderRow
from erp_desktop.ui.docks.orders.texts import hold_reason_text, problem_text, status_label
from erp_desktop.ui.models.keyset_table import KeysetTableModel
from erp_desktop.ui.widgets.money import format_money, format_qty

log = logging.getLogger(__name__)

TABLE = "sales.order"
ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
ASK_THE_DATABASE_AT_MOST = 50     # changed orders whose filter match is asked one by one; more: reload

# column key, header (translated in headerData), sort key (the list is always newest paid first)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("order_no", QT_TRANSLATE_NOOP("OrderTableModel", "Order number"), None),
    ("status", QT_TRANSLATE_NOOP("OrderTableModel", "Status"), None),
    ("reason", QT_TRANSLATE_NOOP("OrderTableModel", "Why"), None),
    ("shop", QT_TRANSLATE_NOOP("OrderTableModel", "Shop"), None),
    ("paid_at", QT_TRANSLATE_NOOP("OrderTableModel", "Paid"), None),
    ("buyer", QT_TRANSLATE_NOOP("OrderTableModel", "Buyer"), None),
    ("receiver", QT_TRANSLATE_NOOP("OrderTableModel", "Receiver"), None),
    ("phone", QT_TRANSLATE_NOOP("OrderTableModel", "Phone"), None),
    ("province", QT_TRANSLATE_NOOP("OrderTableModel", "Province"), None),
    ("city", QT_TRANSLATE_NOOP("OrderTableModel", "City"), None),
    ("quantity", QT_TRANSLATE_NOOP("OrderTableModel", "Items"), None),
    ("amount", QT_TRANSLATE_NOOP("OrderTableModel", "Paid amount"), None),
    ("warehouse", QT_TRANSLATE_NOOP("OrderTableModel", "Warehouse"), None),
    ("carrier", QT_TRANSLATE_NOOP("OrderTableModel", "Carrier"), None),
    ("tracking_no", QT_TRANSLATE_NOOP("OrderTableModel", "Tracking number"), None),
    ("handler", QT_TRANSLATE_NOOP("OrderTableModel", "Handler"), None),
    ("rule", QT_TRANSLATE_NOOP("OrderTableModel", "Rule"), None),
    ("buyer_message", QT_TRANSLATE_NOOP("OrderTableModel", "Buyer message"), None),
    ("seller_memo", QT_TRANSLATE_NOOP("OrderTableModel", "Seller memo"), None),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)
COL = {key: i for i, key in enumerate(COLUMN_KEYS)}
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_NUMERIC = {COL["quantity"], COL["amount"]}

EXCEPTION_BG = QColor("#ffcdd2")
WAITING_BG = QColor("#ffe0b2")
HELD_TEXT = QColor("#e65100")
CANCELLED_TEXT = QColor("#757575")


def header_label(column: int) -> str:
    return QCoreApplication.translate("OrderTableModel", COLUMNS[column][1])


def format_when(value: dt.datetime | None) -> str:
    """A moment in the user's time zone, short, by locale."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    moment = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def format_amount(value: Decimal | None, currency: str = "CNY") -> str:
    """Money by locale; a currency other than yuan is named."""
    if value is None:
        return ""
    text = format_money(value)
    return text if currency in ("CNY", "") else f"{currency} {text}"


def reason_of(row: OrderRow, problems: Sequence[Mapping[str, Any]] = ()) -> str:
    """Why the order waits, in words: its first problem (field and what is wrong) or its hold
    reason, and how many more problems it has."""
    text = problem_text(problems[0]) if problems else hold_reason_text(row.hold_reason)
    if row.problems > 1:
        more = QCoreApplication.translate("OrderTableModel", "(+%1 more)").replace("%1", str(row.problems - 1))
        text = f"{text} {more}".strip()
    return text


class OrderTableModel(KeysetTableModel):
    """Rows are `OrderRow`s newest paid first; `_index` maps order id -> row."""

    rows_refreshed = Signal(object, object)   # list[OrderRow] of the changed orders, set of ids inserted

    COLUMNS = COLUMNS
    SORT_KEYS = ()

    def __init__(self, sessions: sessionmaker[Session], parent=None, page_size: int = 200) -> None:
        super().__init__(sessions, OrderFilter(status="review"), parent, page_size)
        self._pending: set[int] = set()
        self._inserted: set[int] = set()
        self._deleted: set[int] = set()
        self._problems: dict[int, tuple[dict[str, Any], ...]] = {}    # order id -> its problems

    def fetch_page(self, session: Session, after: tuple | None, limit: int) -> list[OrderRow]:
        rows = oq.list_orders(session, self._filter, after, limit)
        if after is None:                  # the list starts over
            self._problems.clear()
        self._read_problems(session, rows)
        return rows

    def _read_problems(self, session: Session, rows: Iterable[OrderRow]) -> None:
        rows = list(rows)
        for r in rows:
            self._problems.pop(r.id, None)
        self._problems.update(order_lookup.problems_of(session, [r.id for r in rows if r.problems]))

    def problems(self, order_id: int) -> tuple[dict[str, Any], ...]:
        return self._problems.get(order_id, ())

    def reason(self, row: OrderRow) -> str:
        return reason_of(row, self._problems.get(row.id, ()))

    def row_sort_key(self, row: OrderRow) -> tuple:
        return row.sort_key

    @property
    def filter(self) -> OrderFilter:
        return self._filter

    # ------------------------------------------------------------------ Qt model
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return header_label(section)
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return _RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r: OrderRow = self._rows[index.row()]
        col = index.column()
        key = COLUMN_KEYS[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col in _NUMERIC else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.status == "exception":
                return QBrush(EXCEPTION_BG)
            if r.status == "waiting":
                return QBrush(WAITING_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status in ("exception", "waiting"):
                return QBrush(QColor("#000000"))          # readable on the tint in dark themes too
            if r.status == "cancelled":
                return QBrush(CANCELLED_TEXT)
            if key == "reason" and r.hold_reason:
                return QBrush(HELD_TEXT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("reason", "status") and (r.hold_reason or r.problems):
                return "\n".join(problem_text(p) for p in self.problems(r.id)) or self.reason(r)
            if key in ("buyer_message", "seller_memo", "shop", "receiver"):
                return self.display(r, key) or None
            return None
        if role == ORDER_ID_ROLE:
            return r.id
        if role == ORDER_ROW_ROLE:
            return r
        return None

    def display(self, r: OrderRow, key: str) -> str:
        if key == "order_no":
            return r.platform_order_no
        if key == "status":
            return status_label(r.status)
        if key == "reason":
            return self.reason(r)
        if key == "paid_at":
            return format_when(r.paid_at)
        if key == "buyer":
            return r.buyer_name
        if key == "receiver":
            return r.receiver_name
        if key == "phone":
            return r.receiver_phone
        if key == "quantity":
            return format_qty(r.quantity)
        if key == "amount":
            return format_amount(r.paid_amount, r.currency)
        value = getattr(r, key, None)
        return "" if value is None else str(value)

    # ------------------------------------------------------------------ live updates
    def queue_change(self, table: str, op: str, ids: Iterable[int] | None) -> None:
        """Collect a notification; a burst is applied together a moment later."""
        if table != TABLE:
            return
        if ids is None:
            self._pending_reload = True
        else:
            got = {int(i) for i in ids}
            self._pending.update(got)
            if op == "I":
                self._inserted.update(got)
            elif op == "D":
                self._deleted.update(got)
        self._flush_timer.start()

    def flush_changes(self) -> None:
        self._flush_timer.stop()
        reload, ids, inserted, deleted = self._pending_reload, self._pending, self._inserted, self._deleted
        self._pending_reload, self._pending, self._inserted, self._deleted = False, set(), set(), set()
        if reload and self.loaded:
            self.reload(keep_rows=len(self._rows))
            self.rows_refreshed.emit([], set())
            self.changes_applied.emit()
        elif ids:
            self.refresh(ids, inserted=inserted, deleted=deleted)

    def refresh(self, ids: Iterable[int], *, inserted: Iterable[int] = (),
                deleted: Iterable[int] = ()) -> list[OrderRow]:
        """Read the given orders again and put the list right: rows change in place, leave it, or
        join it where they belong.  Returns the fresh rows (of orders that still exist)."""
        wanted = list(dict.fromkeys(int(i) for i in ids))
        if not wanted:
            return []
        flt = self._filter
        try:
            with self._sessions() as s:
                fresh = oq.get_order_rows(s, wanted)
                self._read_problems(s, fresh.values())
                belongs = {i: _belongs(r, flt) for i, r in fresh.items()}
                unsure = [i for i, b in belongs.items() if b is None]
                if len(unsure) > ASK_THE_DATABASE_AT_MOST:
                    belongs = {}
                else:
                    for i in unsure:
                        belongs[i] = oq.filter_matches(s, flt, i)
        except Exception as exc:
            self.load_failed.emit(exc)
            return []
        if self.loaded:
            if not belongs and fresh:
                self.reload(keep_rows=len(self._rows))
            else:
                self._place(wanted, fresh, belongs, set(deleted))
        self.rows_refreshed.emit(list(fresh.values()), set(inserted))
        self.changes_applied.emit()
        return list(fresh.values())

    def _place(self, ids: list[int], fresh: dict[int, OrderRow], belongs: dict[int, bool | None],
               deleted: set[int]) -> None:
        last = len(COLUMNS) - 1
        for i in ids:
            row = fresh.get(i)
            keep = row is not None and i not in deleted and bool(belongs.get(i))
            pos = self._index.get(i)
            if pos is not None:
                if not keep:
                    self._remove_at(pos)
                elif row.sort_key == self._rows[pos].sort_key:
                    self._rows[pos] = row
                    self.dataChanged.emit(self.index(pos, 0), self.index(pos, last))
                else:                              # paid at another time: it moves
                    self._remove_at(pos)
                    self._insert(row)
            elif keep and row is not None:
                self._insert(row)

    def _remove_at(self, pos: int) -> None:
        self.beginRemoveRows(QModelIndex(), pos, pos)
        gone = self._rows.pop(pos)
        del self._index[gone.id]
        for j in range(pos, len(self._rows)):
            self._index[self._rows[j].id] = j
        self.endRemoveRows()

    def _insert(self, row: OrderRow) -> None:
        """Put a row in its place (newest first); past the loaded rows it is left to paging."""
        key = row.sort_key
        lo, hi = 0, len(self._rows)
        while lo < hi:                             # first position whose row is older
            mid = (lo + hi) // 2
            if self._rows[mid].sort_key > key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self._rows) and not self._at_end:
            return
        self.beginInsertRows(QModelIndex(), lo, lo)
        self._rows.insert(lo, row)
        for j in range(lo, len(self._rows)):
            self._index[self._rows[j].id] = j
        self.endInsertRows()


def _belongs(row: OrderRow, flt: OrderFilter) -> bool | None:
    """Whether a fresh row belongs in a list with this filter, told from the row alone; None
    when only the database can say (dates, SKU, handler, rule, a search)."""
    if flt.status is not None and row.status != flt.status:
        return False
    if flt.shop_id is not None and row.shop_id != flt.shop_id:
        return False
    if flt.platform and row.platform != flt.platform:
        return False
    if flt.province and row.province != flt.province:
        return False
    if (flt.paid_from or flt.paid_to or flt.sku_id is not None or flt.handler_id is not None
            or flt.rule_id is not None or flt.text.strip()):
        return None
    return True
