"""The manual order: an order taken by phone, in a shop or on WeChat, entered by hand.

It goes through the same checks as an imported order (domain/order_checks: receiver, phone,
address, postal code; every line one of our SKUs), and they are shown while typing, in words,
before it is saved.  An order saved with problems goes to the exception queue like an imported
one: Save asks once more ("Save anyway") when there are problems.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.address import split_address
from erp_desktop.domain.order_checks import Problem, check_order
from erp_desktop.domain.orders import PAID, PlatformOrder, PlatformOrderLine
from erp_desktop.services import order_lookup, orders
from erp_desktop.services.order_lookup import ShopInfo, SkuOffer
from erp_desktop.services.orders import ImportSummary
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.texts import platform_label, problem_text
from erp_desktop.ui.widgets.money import format_money

ERROR_STYLE = "color: #c62828"
OK_STYLE = "color: #2e7d32"
LINE_COLUMNS = 5          # SKU, name, quantity, unit price, amount


def parse_number(text: str, locale: QLocale | None = None) -> Decimal | None:
    """A number typed by locale (group separators, decimal point, a ¥ sign); None when it is not one."""
    loc = locale or QLocale()
    t = text.strip().replace(loc.groupSeparator(), "").replace(" ", "").lstrip("¥￥")
    if loc.decimalPoint() != ".":
        t = t.replace(loc.decimalPoint(), ".")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class ManualOrderDialog(QDialog):
    """Shop, buyer, receiver, phone, address, lines (a SKU field each) and amounts."""

    saved = Signal(object)            # ImportSummary of the order saved

    def __init__(self, ctx: AppContext, shops: list[ShopInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shops = [s for s in shops if s.active]
        self.job: ops.Job | None = None
        self.problems: tuple[Problem, ...] = ()
        self._confirm = False
        self._skus: dict[int, SkuOffer | None] = {}       # line row -> the SKU its code found
        self.setObjectName("orders.manualDialog")
        self.setWindowTitle(self.tr("Manual order"))
        lay = QVBoxLayout(self)
        top = QGridLayout()
        who = QGroupBox(self.tr("Order and buyer"))
        wf = QFormLayout(who)
        self.shop = QComboBox()
        self.shop.setObjectName("orders.manual.shop")
        for s in self.shops:
            self.shop.addItem(f"{s.name} · {platform_label(s.platform_name, s.platform_name_zh)}", s.id)
        self.order_no = self._edit("order_no", self.tr("Empty: numbered M000123"))
        self.buyer = self._edit("buyer")
        self.buyer_message = self._edit("buyer_message")
        self.seller_memo = self._edit("seller_memo")
        wf.addRow(self.tr("Shop"), self.shop)
        wf.addRow(self.tr("Order number"), self.order_no)
        wf.addRow(self.tr("Buyer"), self.buyer)
        wf.addRow(self.tr("Buyer message"), self.buyer_message)
        wf.addRow(self.tr("Seller memo"), self.seller_memo)
        to = QGroupBox(self.tr("Receiver"))
        tf = QFormLayout(to)
        self.receiver = self._edit("receiver")
        self.phone = self._edit("phone", "13800138000")
        self.paste = self._edit("paste", self.tr("Paste a whole address here to fill the fields below"))
        self.province = self._edit("province")
        self.city = self._edit("city")
        self.district = self._edit("district")
        self.detail = self._edit("detail")
        self.postal_code = self._edit("postal_code")
        tf.addRow(self.tr("Name"), self.receiver)
        tf.addRow(self.tr("Phone"), self.phone)
        tf.addRow(self.tr("Address"), self.paste)
        parts = QHBoxLayout()
        for w in (self.province, self.city, self.district):
            parts.addWidget(w)
        tf.addRow(self.tr("Province / city / district"), parts)
        tf.addRow(self.tr("Street address"), self.detail)
        tf.addRow(self.tr("Postal code"), self.postal_code)
        top.addWidget(who, 0, 0)
        top.addWidget(to, 0, 1)
        lay.addLayout(top)

        lines_box = QGroupBox(self.tr("Lines"))
        ll = QVBoxLayout(lines_box)
        self.lines = QTableWidget(0, LINE_COLUMNS)
        self.lines.setObjectName("orders.manual.lines")
        self.lines.setHorizontalHeaderLabels([self.tr("SKU code or barcode"), self.tr("Item"), self.tr("Quantity"),
                                              self.tr("Unit price"), self.tr("Amount")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for col, width in ((0, 10), (2, 6), (3, 7), (4, 7)):
            self.lines.setColumnWidth(col, width * em)
        ll.addWidget(self.lines)
        row = QHBoxLayout()
        self.add_line_button = QPushButton(self.tr("Add line"))
        self.remove_line_button = QPushButton(self.tr("Remove line"))
        row.addWidget(self.add_line_button)
        row.addWidget(self.remove_line_button)
        row.addStretch(1)
        self.discount = self._edit("discount", "0.00")
        self.shipping = self._edit("shipping", "0.00")
        for w in (self.discount, self.shipping):
            w.setAlignment(Qt.AlignmentFlag.AlignRight)
            w.setMaximumWidth(8 * em)
        self.total = QLabel()
        self.total.setObjectName("orders.manual.total")
        row.addWidget(QLabel(self.tr("Discount")))
        row.addWidget(self.discount)
        row.addWidget(QLabel(self.tr("Shipping")))
        row.addWidget(self.shipping)
        row.addWidget(self.total)
        ll.addLayout(row)
        lay.addWidget(lines_box, 1)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("orders.manual.problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("Save order"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("orders.manual.save")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(200)
        self._check_timer.timeout.connect(self.check)
        for w in (self.receiver, self.phone, self.province, self.city, self.district, self.detail, self.postal_code,
                  self.discount, self.shipping, self.buyer):
            w.textChanged.connect(self._changed)
        self.paste.editingFinished.connect(self.split_pasted)
        self.add_line_button.clicked.connect(lambda: self.add_line())
        self.remove_line_button.clicked.connect(self.remove_line)
        self.lines.itemChanged.connect(self._line_changed)
        self.add_line()
        self.resize(em * 78, self.fontMetrics().height() * 38)
        self.check()

    def _edit(self, name: str, placeholder: str = "") -> QLineEdit:
        e = QLineEdit()
        e.setObjectName(f"orders.manual.{name}")
        if placeholder:
            e.setPlaceholderText(placeholder)
        return e

    def _changed(self, *_: object) -> None:
        self._confirm = False
        self._check_timer.start()

    # ------------------------------------------------------------------ address and lines
    def split_pasted(self) -> None:
        text = self.paste.text().strip()
        if not text:
            return
        parts = split_address(text)
        self.province.setText(parts.province)
        self.city.setText(parts.city)
        self.district.setText(parts.district)
        self.detail.setText(parts.detail)
        if parts.postal_code:
            self.postal_code.setText(parts.postal_code)

    def add_line(self, code: str = "", quantity: str = "1", price: str = "") -> int:
        r = self.lines.rowCount()
        self.lines.blockSignals(True)
        self.lines.insertRow(r)
        for c, text in enumerate((code, "", quantity, price, "")):
            item = QTableWidgetItem(text)
            if c in (2, 3, 4):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c in (1, 4):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.lines.setItem(r, c, item)
        self.lines.blockSignals(False)
        self._skus[r] = None
        if code:
            self._look_up(r)
        self._changed()
        return r

    def remove_line(self) -> None:
        r = self.lines.currentRow()
        if r < 0:
            return
        self.lines.removeRow(r)
        self._skus = {(i if i < r else i - 1): v for i, v in self._skus.items() if i != r}
        self._changed()

    def _line_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._look_up(item.row())
        elif item.column() in (2, 3):
            self._line_amount(item.row())
        self._changed()

    def _look_up(self, r: int) -> None:
        code = self.lines.item(r, 0).text().strip()
        found = None
        if code:
            try:
                with self.ctx.sessions() as s:
                    found = order_lookup.find_sku_offer(s, code)
            except Exception as exc:
                self.problem_label.setText(ops.describe_error(exc)[1])
        self._skus[r] = found
        self.lines.blockSignals(True)
        name = self.lines.item(r, 1)
        if found is None:
            name.setText(self.tr("Unknown SKU") if code else "")
            name.setForeground(QBrush(QColor("#c62828")))
        else:
            name.setText(f"{found.name} {found.spec}".strip())
            name.setData(Qt.ItemDataRole.ForegroundRole, None)
            if found.code != code:
                self.lines.item(r, 0).setText(found.code)       # a barcode scanned: the SKU's code
            price = self.lines.item(r, 3)
            if not price.text().strip() and found.price is not None:
                price.setText(format_money(found.price))
        self.lines.blockSignals(False)
        self._line_amount(r)

    def _line_amount(self, r: int) -> None:
        qty, price = self._number(r, 2), self._number(r, 3)
        self.lines.blockSignals(True)
        self.lines.item(r, 4).setText(format_money(qty * price) if qty is not None and price is not None else "")
        self.lines.blockSignals(False)

    def _number(self, r: int, c: int) -> Decimal | None:
        item = self.lines.item(r, c)
        return parse_number(item.text()) if item is not None else None

    # ------------------------------------------------------------------ the order and its checks
    def order(self) -> PlatformOrder:
        lines = []
        for r in range(self.lines.rowCount()):
            code = self.lines.item(r, 0).text().strip()
            if not code:
                continue
            sku = self._skus.get(r)
            qty = self._number(r, 2) or Decimal(0)
            price = self._number(r, 3) or Decimal(0)
            lines.append(PlatformOrderLine(sku.code if sku else code, sku.name if sku else code, qty, price,
                                           (qty * price).quantize(Decimal("0.01"))))
        goods = sum((ln.amount or Decimal(0) for ln in lines), Decimal(0))
        discount = parse_number(self.discount.text()) or Decimal(0)
        shipping = parse_number(self.shipping.text()) or Decimal(0)
        now = dt.datetime.now(dt.UTC)
        return PlatformOrder(
            order_no=self.order_no.text().strip(), status=PAID, lines=tuple(lines), ordered_at=now, paid_at=now,
            buyer_name=self.buyer.text().strip(), buyer_message=self.buyer_message.text().strip(),
            seller_memo=self.seller_memo.text().strip(), receiver_name=self.receiver.text().strip(),
            receiver_phone=self.phone.text().strip(), province=self.province.text().strip(),
            city=self.city.text().strip(), district=self.district.text().strip(),
            address_detail=self.detail.text().strip(), postal_code=self.postal_code.text().strip(),
            goods_amount=goods, discount=discount, shipping_fee=shipping,
            paid_amount=max(goods - discount + shipping, Decimal(0)), raw={"entered_by_hand": True})

    def check(self) -> tuple[Problem, ...]:
        """The intake checks on what is typed, and lines: a known SKU, a quantity, a price."""
        self._check_timer.stop()
        po = self.order()
        shop_id = self.shop.currentData() or 0
        problems = list(check_order(po, shop_id).problems)
        for r in range(self.lines.rowCount()):
            code = self.lines.item(r, 0).text().strip()
            if not code:
                continue
            if self._skus.get(r) is None:
                problems.append(Problem(f"line {r + 1}", "unknown_sku", code))
            qty = self._number(r, 2)
            if qty is None or qty <= 0:
                problems.append(Problem(f"line {r + 1}", "bad_quantity", self.lines.item(r, 2).text()))
            price = self._number(r, 3)
            if price is None or price < 0:
                problems.append(Problem(f"line {r + 1}", "bad_amount", self.lines.item(r, 3).text()))
        for name, edit in (("discount", self.discount), ("shipping_fee", self.shipping)):
            if edit.text().strip() and (parse_number(edit.text()) is None or parse_number(edit.text()) < 0):
                problems.append(Problem(name, "bad_amount", edit.text()))
        self.problems = tuple(problems)
        self.total.setText(self.tr("Total: %1").replace("%1", format_money(po.paid_amount)))
        if self.problems:
            self.problem_label.setStyleSheet(ERROR_STYLE)
            self.problem_label.setText("\n".join(f"⚠ {problem_text(vars(p))}" for p in self.problems))
        else:
            self.problem_label.setStyleSheet(OK_STYLE)
            self.problem_label.setText(self.tr("✓ The order passes the checks."))
        self.save_button.setText(self.tr("Save anyway") if self._confirm else self.tr("Save order"))
        return self.problems

    def save(self) -> ops.Job | None:
        """Save the order; with problems, the first Save says so and the second saves it (to the
        exception queue, where they are fixed)."""
        problems = self.check()
        po = self.order()
        shop_id = self.shop.currentData()
        if shop_id is None or not po.lines:
            return None
        if problems and not self._confirm:
            self._confirm = True
            self.save_button.setText(self.tr("Save anyway"))
            self.problem_label.setText(self.problem_label.text() + "\n" + self.tr(
                "Saved like this, the order goes to the exception queue until this is fixed."))
            return None
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> ImportSummary:
            with sessions.begin() as s:
                return orders.create_manual_order(s, shop_id, po)

        self.save_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, label=self.tr("Saving the order…"), cancellable=False,
                               on_finished=self._saved, on_failed=self._failed)
        return self.job

    def _saved(self, summary: ImportSummary) -> None:
        self.save_button.setEnabled(True)
        if summary.errors:
            e = summary.errors[0]
            self.problem_label.setStyleSheet(ERROR_STYLE)
            self.problem_label.setText(problem_text({"field": e.field, "code": e.reason, "detail": e.detail}))
            return
        self.saved.emit(summary)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setText(ops.describe_error(exc)[1])
