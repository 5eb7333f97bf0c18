"""The Orders dock's filter bar: shop, platform, paid date range, province, SKU, handler, rule, and
the search (order number, buyer, phone or tracking number).  It says what to list as an
`OrderFilter` (the tab adds the status) and remembers itself per user by codes, not ids."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.domain.address import check_address
from erp_desktop.services import order_lookup
from erp_desktop.services.order_lookup import HandlerInfo, PlatformInfo, RuleInfo, ShopInfo
from erp_desktop.services.order_queries import OrderFilter
from erp_desktop.ui.docks.orders.texts import platform_label

log = logging.getLogger(__name__)
NO_DATE = QDate(2000, 1, 1)          # the date edits' "any" (shown as their special text)
NO_SUCH_SKU = 0                      # a SKU filter whose code is unknown lists nothing


def normal_province(text: str) -> str:
    """A province as typed (浙江, 浙江省, zhejiang is not one) -> its official name, else as typed."""
    text = text.strip()
    if not text:
        return ""
    try:
        return check_address(text, "", "", "").province or text
    except Exception:                    # the division data is missing: filter by what was typed
        return text


class OrderFilterBar(QWidget):
    changed = Signal()                   # a filter changed (the search: after typing pauses)
    sku_unknown = Signal(str)            # the SKU code typed is no SKU of ours

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.shops: list[ShopInfo] = []
        self.platforms: list[PlatformInfo] = []
        self.handlers: list[HandlerInfo] = []
        self.rules: list[RuleInfo] = []
        self._sku: tuple[str, int | None] = ("", None)     # code typed -> its SKU id (looked up once)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("orders.search")
        self.search.setPlaceholderText(self.tr("Search: order number, buyer, phone or tracking number"))
        self.search.setClearButtonEnabled(True)
        self.shop = self._combo("orders.shop")
        self.platform = self._combo("orders.platform")
        self.paid_from = self._date("orders.paidFrom", self.tr("Paid from"))
        self.paid_to = self._date("orders.paidTo", self.tr("to"))
        self.province = QLineEdit()
        self.province.setObjectName("orders.province")
        self.province.setPlaceholderText(self.tr("Province"))
        self.sku = QLineEdit()
        self.sku.setObjectName("orders.sku")
        self.sku.setPlaceholderText(self.tr("SKU code"))
        self.handler = self._combo("orders.handler")
        self.rule = self._combo("orders.rule")
        em = self.fontMetrics().horizontalAdvance("M")
        for w, width in ((self.province, 6), (self.sku, 7)):
            w.setMaximumWidth(width * em)
            w.setClearButtonEnabled(True)
        lay.addWidget(self.search, 4)
        for w in (self.shop, self.platform):
            lay.addWidget(w, 1)
        self.paid_label = QLabel(self.tr("Paid"))
        lay.addWidget(self.paid_label)
        lay.addWidget(self.paid_from)
        lay.addWidget(QLabel("–"))
        lay.addWidget(self.paid_to)
        for w in (self.province, self.sku, self.handler, self.rule):
            lay.addWidget(w, 1 if isinstance(w, QComboBox) else 0)
        for combo in (self.shop, self.platform, self.handler, self.rule):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for d in (self.paid_from, self.paid_to):
            d.dateChanged.connect(lambda _d: self.changed.emit())
        for e in (self.province, self.sku):
            e.editingFinished.connect(self._edited)
            e.textChanged.connect(lambda t, e=e: t == "" and self._edited())     # the clear button

    def _combo(self, name: str) -> QComboBox:
        c = QComboBox()
        c.setObjectName(name)
        c.setMinimumContentsLength(6)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return c

    def _date(self, name: str, tip: str) -> QDateEdit:
        d = QDateEdit()
        d.setObjectName(name)
        d.setCalendarPopup(True)
        d.setMinimumDate(NO_DATE)
        d.setSpecialValueText(self.tr("any"))
        d.setDate(NO_DATE)
        d.setToolTip(tip)
        d.setDisplayFormat("yyyy-MM-dd")
        return d

    def _edited(self) -> None:
        self.changed.emit()

    # ------------------------------------------------------------------ reference data
    def load_reference(self) -> None:
        """Shops, platforms, handlers and rules from the database; a list the role may not read is
        not offered."""
        try:
            with self._sessions() as s:
                self.shops = order_lookup.list_order_shops(s)
                self.platforms = order_lookup.list_platforms(s)
                self.handlers = order_lookup.list_handlers(s)
                self.rules = order_lookup.list_rules(s, "review")
        except Exception as exc:
            log.warning("cannot load the order filters' lists: %s", exc)
        self._fill(self.shop, self.tr("All shops"), [(s.id, s.name) for s in self.shops])
        used = {s.platform for s in self.shops}
        self._fill(self.platform, self.tr("All platforms"),
                   [(p.code, platform_label(p.name, p.name_zh)) for p in self.platforms if p.code in used])
        self._fill(self.handler, self.tr("All handlers"), [(h.id, h.name) for h in self.handlers])
        self._fill(self.rule, self.tr("All rules"), [(r.id, r.name) for r in self.rules])
        self.handler.setVisible(bool(self.handlers))
        self.rule.setVisible(bool(self.rules))

    def _fill(self, combo: QComboBox, everything: str, items: Sequence[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ the filter
    def _date_value(self, d: QDateEdit) -> dt.date | None:
        return None if d.date() == NO_DATE else d.date().toPython()

    def sku_id(self) -> int | None:
        code = self.sku.text().strip()
        if not code:
            return None
        if self._sku[0] != code:
            found = None
            try:
                with self._sessions() as s:
                    offer = order_lookup.find_sku_offer(s, code)
                found = offer.id if offer is not None else None
            except Exception as exc:
                log.info("cannot look up SKU %s: %s", code, exc)
            self._sku = (code, found)
            if found is None:
                self.sku_unknown.emit(code)
        return self._sku[1] if self._sku[1] is not None else NO_SUCH_SKU

    def current_filter(self, status: str | None) -> OrderFilter:
        return OrderFilter(status=status, shop_id=self.shop.currentData(), platform=self.platform.currentData(),
                           paid_from=self._date_value(self.paid_from), paid_to=self._date_value(self.paid_to),
                           province=normal_province(self.province.text()) or None, sku_id=self.sku_id(),
                           handler_id=self.handler.currentData(), rule_id=self.rule.currentData(),
                           text=self.search.text().strip())

    def clear(self) -> None:
        widgets = (self.search, self.shop, self.platform, self.paid_from, self.paid_to, self.province, self.sku,
                   self.handler, self.rule)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for c in (self.shop, self.platform, self.handler, self.rule):
            c.setCurrentIndex(0)
        for d in (self.paid_from, self.paid_to):
            d.setDate(NO_DATE)
        self.province.clear()
        self.sku.clear()
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()

    # ------------------------------------------------------------------ remembered
    def save(self, s: QSettings) -> None:
        s.setValue("filter/shop", next((x.code for x in self.shops if x.id == self.shop.currentData()), ""))
        s.setValue("filter/platform", self.platform.currentData() or "")
        for key, d in (("paid_from", self.paid_from), ("paid_to", self.paid_to)):
            value = self._date_value(d)
            s.setValue(f"filter/{key}", value.isoformat() if value else "")
        s.setValue("filter/province", self.province.text().strip())
        s.setValue("filter/sku", self.sku.text().strip())
        s.setValue("filter/handler", self.handler.currentData() or "")
        s.setValue("filter/rule", self.rule.currentData() or "")

    def restore(self, s: QSettings) -> None:
        widgets = (self.shop, self.platform, self.paid_from, self.paid_to, self.province, self.sku, self.handler,
                   self.rule)
        for w in widgets:
            w.blockSignals(True)
        shop_code = str(s.value("filter/shop", "") or "")
        shop_id = next((x.id for x in self.shops if x.code == shop_code), None)
        self.shop.setCurrentIndex(max(self.shop.findData(shop_id), 0))
        self.platform.setCurrentIndex(max(self.platform.findData(str(s.value("filter/platform", "") or "")), 0))
        for key, d in (("paid_from", self.paid_from), ("paid_to", self.paid_to)):
            text = str(s.value(f"filter/{key}", "") or "")
            try:
                d.setDate(QDate(dt.date.fromisoformat(text)) if text else NO_DATE)
            except ValueError:
                d.setDate(NO_DATE)
        self.province.setText(str(s.value("filter/province", "") or ""))
        self.sku.setText(str(s.value("filter/sku", "") or ""))
        for combo, key in ((self.handler, "filter/handler"), (self.rule, "filter/rule")):
            value = s.value(key, "")
            try:
                combo.setCurrentIndex(max(combo.findData(int(value)), 0) if value not in (None, "") else 0)
            except (TypeError, ValueError):
                combo.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
