"""The panel under the Orders list: the selected order in full.  Its customer and address, the
amounts (goods, discounts, shipping, the platform's fee), what is wrong with it in words, its
lines with the SKU each maps to, the timeline of everything that happened to it (who, when,
what) and the platform's own data as it was imported."""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import order_queries as oq
from erp_desktop.services.order_queries import OrderDetail
from erp_desktop.ui.docks.orders.model import format_amount, format_when, reason_of
from erp_desktop.ui.docks.orders.texts import (
    event_detail,
    event_label,
    platform_status_label,
    problem_text,
    status_label,
)
from erp_desktop.ui.widgets.money import format_qty

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
UNMAPPED = QColor("#c62828")


def _table(columns: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 6)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(_RIGHT)
    return item


def _fit(table: QTableWidget, most: int) -> None:
    """Columns (but the last, which stretches) at least as wide as what they show, within reason."""
    for col in range(table.columnCount() - 1):
        before = table.columnWidth(col)
        table.resizeColumnToContents(col)
        table.setColumnWidth(col, min(max(before, table.columnWidth(col)), most))


class _Form(QGroupBox):
    """A titled group of label: value rows whose values can be selected and copied."""

    def __init__(self, title: str, keys: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, label in keys:
            value = QLabel()
            value.setObjectName(f"orders.detail.{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setMinimumWidth(1)         # long values are cut at the panel's edge, shown whole as a tip
            form.addRow(label, value)
            self.values[key] = value

    def set(self, key: str, text: str) -> None:
        self.values[key].setText(text)
        self.values[key].setToolTip(text if len(text) > 20 else "")

    def clear(self) -> None:
        for v in self.values.values():
            v.clear()


class OrderDetailPanel(QWidget):
    """One order in full; `show_order(id)` loads it (None clears)."""

    failed = Signal(object)
    fix_requested = Signal(int)          # order id: open the exception fix dialog

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None, *,
                 can_fix: bool = False) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.can_fix = can_fix
        self.order_id: int | None = None
        self.detail: OrderDetail | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("orders.detail.title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix_button = QPushButton(self.tr("Fix problems…"))
        self.fix_button.setObjectName("orders.detail.fix")
        self.fix_button.setToolTip(self.tr("Correct the receiver's fields or map unknown SKUs, then check again"))
        self.fix_button.clicked.connect(lambda: self.order_id is not None and self.fix_requested.emit(self.order_id))
        self.fix_button.hide()
        head.addWidget(self.title, 1)
        head.addWidget(self.fix_button)
        lay.addLayout(head)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("orders.detail.tabs")
        self.tabs.setDocumentMode(True)
        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.setContentsMargins(4, 4, 4, 4)
        self.problems = QLabel()
        self.problems.setObjectName("orders.detail.problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ov.addWidget(self.problems)
        groups = QHBoxLayout()
        self.customer = _Form(self.tr("Customer and address"), [
            ("buyer", self.tr("Buyer")), ("receiver", self.tr("Receiver")), ("phone", self.tr("Phone")),
            ("address", self.tr("Address")), ("postal_code", self.tr("Postal code")),
            ("buyer_message", self.tr("Buyer message")), ("seller_memo", self.tr("Seller memo"))])
        self.amounts = _Form(self.tr("Amounts"), [
            ("goods", self.tr("Goods")), ("discount", self.tr("Discount")), ("shipping", self.tr("Shipping")),
            ("paid", self.tr("Paid by the buyer")), ("platform_fee", self.tr("Platform fee")),
            ("net", self.tr("Net after fees"))])
        self.status_form = _Form(self.tr("Status"), [
            ("status", self.tr("Status")), ("platform_status", self.tr("On the platform")),
            ("paid_at", self.tr("Paid")), ("warehouse", self.tr("Warehouse")), ("carrier", self.tr("Carrier")),
            ("tracking_no", self.tr("Tracking number")), ("handler", self.tr("Handler")), ("rule", self.tr("Rule"))])
        for amount in self.amounts.values.values():
            amount.setAlignment(_RIGHT)
        groups.addWidget(self.customer, 3)
        groups.addWidget(self.amounts, 2)
        groups.addWidget(self.status_form, 2)
        ov.addLayout(groups)
        ov.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(overview)
        self.lines = _table([self.tr("#"), self.tr("Platform SKU"), self.tr("Title"), self.tr("Variant"),
                             self.tr("Our SKU"), self.tr("Quantity"), self.tr("Our quantity"), self.tr("Unit price"),
                             self.tr("Amount"), self.tr("Stock")])
        self.lines.setObjectName("orders.detail.lines")
        self.timeline = _table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.timeline.setObjectName("orders.detail.timeline")
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("orders.detail.payload")
        self.payload.setReadOnly(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for col, width in enumerate((2, 8, 16, 7, 12, 5, 5, 6, 6, 6)):
            self.lines.setColumnWidth(col, width * em)
        for col, width in enumerate((12, 8, 12)):
            self.timeline.setColumnWidth(col, width * em)
        self.tabs.addTab(scroll, self.tr("Order"))
        self.tabs.addTab(self.lines, self.tr("Lines"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.payload, self.tr("Platform data"))
        lay.addWidget(self.tabs, 1)

    # ------------------------------------------------------------------ loading
    def show_order(self, order_id: int | None) -> None:
        self.order_id = order_id
        self.refresh()

    def refresh(self) -> None:
        detail = None
        if self.order_id is not None:
            try:
                with self._sessions() as s:
                    detail = oq.order_detail(s, self.order_id)
            except Exception as exc:
                log.info("cannot load order %s: %s", self.order_id, exc)
                self.failed.emit(exc)
        self.detail = detail
        self._fill(detail)

    def _fill(self, d: OrderDetail | None) -> None:
        for form in (self.customer, self.amounts, self.status_form):
            form.clear()
        self.lines.setRowCount(0)
        self.timeline.setRowCount(0)
        self.payload.clear()
        self.problems.clear()
        self.problems.hide()
        self.fix_button.hide()
        if d is None:
            self.title.setText(self.tr("No order selected") if self.order_id is None
                               else self.tr("This order does not exist any more."))
            self._tab_counts(0, 0)
            return
        r = d.row
        self.title.setText(f"<b>{r.platform_order_no}</b> · {r.shop} · {status_label(r.status)}")
        self._fill_overview(d)
        self._fill_lines(d)
        self._fill_timeline(d)
        if d.payload is not None:
            self.payload.setPlainText(json.dumps(d.payload, ensure_ascii=False, indent=2, default=str))
        open_ = r.status in ("review", "exception", "waiting")
        self.fix_button.setVisible(self.can_fix and open_ and (bool(d.problems) or r.status == "exception"))
        self._tab_counts(len(d.lines), len(d.events))

    def _tab_counts(self, lines: int, events: int) -> None:
        self.tabs.setTabText(1, self.tr("Lines (%1)").replace("%1", str(lines)) if lines else self.tr("Lines"))
        self.tabs.setTabText(2, self.tr("Timeline (%1)").replace("%1", str(events)) if events
                             else self.tr("Timeline"))

    def _fill_overview(self, d: OrderDetail) -> None:
        r = d.row
        c = self.customer
        buyer = r.buyer_name or d.buyer_id
        if d.buyer_id and r.buyer_name and d.buyer_id != r.buyer_name:
            buyer = f"{r.buyer_name} ({d.buyer_id})"
        c.set("buyer", buyer)
        c.set("receiver", r.receiver_name)
        phone = r.receiver_phone + (self.tr(" ext. %1").replace("%1", d.phone_ext) if d.phone_ext else "")
        c.set("phone", phone)
        address = " ".join(p for p in (r.province, r.city, d.district, d.address_detail) if p)
        if d.country and d.country != "CN":
            address = f"{address} ({d.country})"
        c.set("address", address or d.address_raw)
        if d.address_raw and address and d.address_raw.replace(" ", "") != address.replace(" ", ""):
            c.values["address"].setToolTip(self.tr("As written: %1").replace("%1", d.address_raw))
        c.set("postal_code", d.postal_code)
        c.set("buyer_message", r.buyer_message)
        c.set("seller_memo", r.seller_memo)
        a = self.amounts
        cur = r.currency
        a.set("goods", format_amount(d.goods_amount, cur))
        a.set("discount", format_amount(-d.discount, cur) if d.discount else format_amount(d.discount, cur))
        a.set("shipping", format_amount(d.shipping_fee, cur))
        a.set("paid", f"<b>{format_amount(r.paid_amount, cur)}</b>")
        a.set("platform_fee", format_amount(-d.platform_fee, cur) if d.platform_fee else format_amount(0, cur))
        a.set("net", format_amount(r.paid_amount - d.platform_fee, cur))
        st = self.status_form
        status = status_label(r.status)
        why = reason_of(r, d.problems)
        st.set("status", f"{status} — {why}" if why else status)
        st.set("platform_status", d.platform_status_text or platform_status_label(d.platform_status))
        st.set("paid_at", format_when(r.paid_at))
        st.set("warehouse", r.warehouse or "")
        st.set("carrier", r.carrier or "")
        st.set("tracking_no", r.tracking_no or "")
        st.set("handler", r.handler or "")
        st.set("rule", r.rule or "")
        if d.problems:
            self.problems.setText("\n".join(f"⚠ {problem_text(p)}" for p in d.problems))
            self.problems.show()

    def _fill_lines(self, d: OrderDetail) -> None:
        self.lines.setRowCount(len(d.lines))
        cur = d.row.currency
        for i, ln in enumerate(d.lines):
            ours = f"{ln.sku_code} {ln.sku_name or ''}".strip() if ln.sku_code else self.tr("not mapped")
            cells = [_item(str(ln.line_no), True), _item(ln.platform_sku), _item(ln.title), _item(ln.variant),
                     _item(ours), _item(format_qty(ln.quantity), True),
                     _item(format_qty(ln.sku_quantity) if ln.sku_quantity is not None else "", True),
                     _item(format_amount(ln.unit_price, cur), True), _item(format_amount(ln.amount, cur), True),
                     _item(self.tr("reserved") if ln.reserved else "")]
            if ln.sku_id is None:
                cells[4].setForeground(QBrush(UNMAPPED))
                cells[4].setToolTip(self.tr("The shop's SKU %1 is not mapped to one of ours").replace(
                    "%1", ln.platform_sku or ln.title))
            if ln.platform_status not in ("paid", ""):
                cells[9].setText(platform_status_label(ln.platform_status))
            cells[2].setToolTip(ln.title)
            for j, item in enumerate(cells):
                self.lines.setItem(i, j, item)
        _fit(self.lines, self.fontMetrics().horizontalAdvance("M") * 24)

    def _fill_timeline(self, d: OrderDetail) -> None:
        events = list(reversed(d.events))             # newest first
        self.timeline.setRowCount(len(events))
        for i, e in enumerate(events):
            details = event_detail(e.kind, e.detail)
            cells = [_item(format_when(e.at)), _item(e.actor), _item(event_label(e.kind)), _item(details)]
            cells[3].setToolTip(details)
            for j, item in enumerate(cells):
                self.timeline.setItem(i, j, item)
        _fit(self.timeline, self.fontMetrics().horizontalAdvance("M") * 20)
