"""The exception queue's fix: correct the receiver's fields of an order and check it again, or
map a shop's unknown SKU to one of ours (remembered for the shop, applied to every open order
waiting on it).  An order whose problems are gone leaves the exception queue for review.

Both run off the GUI thread in their own transaction.  The fix carries the order's version as
loaded, so a fix over someone else's newer change is refused (said in words) instead of lost.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import order_queries as oq
from erp_desktop.services import orders
from erp_desktop.services.order_queries import OrderDetail
from erp_desktop.services.orders import FIXABLE
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.manual import parse_number
from erp_desktop.ui.docks.orders.texts import field_label, problem_text, status_label
from erp_desktop.ui.docks.stock.sku_field import SkuField

ERROR_STYLE = "color: #c62828"
OK_STYLE = "color: #2e7d32"


class MapSkuDialog(QDialog):
    """The shop's SKU -> one of ours (scan or type it), and how many of ours one of theirs is."""

    mapped = Signal(object)              # tuple of the order ids checked again

    def __init__(self, ctx: AppContext, shop_id: int, platform_sku: str, title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shop_id = shop_id
        self.platform_sku = platform_sku
        self.job: ops.Job | None = None
        self.fixed: tuple[int, ...] = ()
        self.setObjectName("orders.mapSkuDialog")
        self.setWindowTitle(self.tr("Map to our SKU"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("The shop sells <b>%1</b> %2. Which of our SKUs is it? The mapping is remembered "
                               "for the shop and fixes every open order waiting on it.")
                       .replace("%1", platform_sku or "—").replace("%2", title))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.sku_field = SkuField(ctx.sessions, self, scan_scope=self)
        self.sku_field.edit.setObjectName("orders.map.sku")
        self.quantity = QLineEdit("1")
        self.quantity.setObjectName("orders.map.quantity")
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quantity.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 8)
        self.quantity.setToolTip(self.tr("How many of our SKU one of the shop's is (2 for a two-pack)"))
        form.addRow(self.tr("Our SKU"), self.sku_field)
        form.addRow(self.tr("Ours per platform unit"), self.quantity)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("orders.map.error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.map_button = self.buttons.addButton(self.tr("Map"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.map_button.setObjectName("orders.map.ok")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.sku_field.looked_up.connect(lambda _sku: self.quantity.setFocus())

    def run(self) -> ops.Job | None:
        sku = self.sku_field.sku or self.sku_field.lookup(self.sku_field.edit.text())
        qty = parse_number(self.quantity.text())
        if sku is None:
            self.error.setText(self.tr("Choose one of our SKUs first."))
            return None
        if qty is None or qty <= 0:
            self.error.setText(self.tr("The quantity must be more than zero."))
            return None
        sessions, shop_id, platform_sku = self.ctx.sessions, self.shop_id, self.platform_sku

        def work(_ctl: ops.JobControl) -> tuple[int, ...]:
            with sessions.begin() as s:
                return orders.map_platform_sku(s, shop_id, platform_sku, sku.id, Decimal(qty))

        self.map_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=self._done,
                               on_failed=self._failed)
        return self.job

    def _done(self, fixed: tuple[int, ...]) -> None:
        self.fixed = tuple(fixed)
        self.mapped.emit(self.fixed)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.map_button.setEnabled(True)
        self.error.setText(ops.describe_error(exc)[1])


class FixOrderDialog(QDialog):
    """An order's problems in words, its receiver fields to correct, and "Check again"."""

    fixed = Signal(object)               # ids of the orders changed (this one; a mapping: every one it fixed)

    def __init__(self, ctx: AppContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.detail: OrderDetail | None = None
        self.job: ops.Job | None = None
        self.map_dialog: MapSkuDialog | None = None
        self.setObjectName("orders.fixDialog")
        self.setWindowTitle(self.tr("Fix the order"))
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("orders.fix.title")
        lay.addWidget(self.title)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("orders.fix.problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.problem_label)
        box = QGroupBox(self.tr("Receiver"))
        form = QFormLayout(box)
        self.edits: dict[str, QLineEdit] = {}
        for name in FIXABLE:
            e = QLineEdit()
            e.setObjectName(f"orders.fix.{name}")
            self.edits[name] = e
            form.addRow(field_label(name), e)
        lay.addWidget(box)
        self.sku_box = QGroupBox(self.tr("Lines not mapped to our SKUs"))
        self.sku_layout = QVBoxLayout(self.sku_box)
        lay.addWidget(self.sku_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = self.buttons.addButton(self.tr("Check again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("orders.fix.check")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check_again)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        self.reload()

    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self.detail = oq.order_detail(s, self.order_id)
        except Exception as exc:
            self._say(ops.describe_error(exc)[1], error=True)
            return
        d = self.detail
        if d is None:
            self._say(self.tr("This order does not exist any more."), error=True)
            self.check_button.setEnabled(False)
            return
        r = d.row
        self.title.setText(f"<b>{r.platform_order_no}</b> · {r.shop} · {status_label(r.status)}")
        values = {"receiver_name": r.receiver_name, "receiver_phone": r.receiver_phone, "province": r.province,
                  "city": r.city, "district": d.district, "address_detail": d.address_detail,
                  "postal_code": d.postal_code, "seller_memo": r.seller_memo}
        for name, e in self.edits.items():
            e.setText(values.get(name, ""))
        self._show_problems(d.problems)
        self._fill_skus(d)

    def _fill_skus(self, d: OrderDetail) -> None:
        while self.sku_layout.count():
            item = self.sku_layout.takeAt(0)
            w = item.widget()
            if w is not None:
                w.deleteLater()
        self.map_buttons: dict[str, QPushButton] = {}
        unmapped = [ln for ln in d.lines if ln.sku_id is None]
        for ln in unmapped:
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"{ln.line_no}. <b>{ln.platform_sku or '—'}</b> {ln.title} {ln.variant}".strip())
            label.setWordWrap(True)
            button = QPushButton(self.tr("Map to our SKU…"))
            button.setObjectName(f"orders.fix.map.{ln.line_no}")
            button.setEnabled(bool(ln.platform_sku))
            if not ln.platform_sku:
                button.setToolTip(self.tr("The line has no SKU code of the shop to map"))
            button.clicked.connect(lambda _c=False, p=ln.platform_sku, t=ln.title: self.map_sku(p, t))
            h.addWidget(label, 1)
            h.addWidget(button)
            self.sku_layout.addWidget(row)
            self.map_buttons[ln.platform_sku] = button
        self.sku_box.setVisible(bool(unmapped))

    def _show_problems(self, problems) -> None:
        if problems:
            self._say("\n".join(f"⚠ {problem_text(p if isinstance(p, dict) else vars(p))}" for p in problems),
                      error=True)
        else:
            self._say(self.tr("✓ No problems left: the order is back in the review queue."))

    def _say(self, text: str, error: bool = False) -> None:
        self.problem_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.problem_label.setText(text)

    def changes(self) -> dict[str, str]:
        """The fields edited (as typed) against the order as loaded."""
        d = self.detail
        if d is None:
            return {}
        r = d.row
        loaded = {"receiver_name": r.receiver_name, "receiver_phone": r.receiver_phone, "province": r.province,
                  "city": r.city, "district": d.district, "address_detail": d.address_detail,
                  "postal_code": d.postal_code, "seller_memo": r.seller_memo}
        return {k: e.text() for k, e in self.edits.items() if e.text().strip() != (loaded.get(k) or "").strip()}

    def check_again(self) -> ops.Job | None:
        """Save the fields changed and run the checks again (fix_order)."""
        if self.detail is None:
            return None
        changes, version, sessions, oid = self.changes(), self.detail.version, self.ctx.sessions, self.order_id

        def work(_ctl: ops.JobControl) -> tuple:
            with sessions.begin() as s:
                return orders.fix_order(s, oid, changes, version=version)

        self.check_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=self._checked,
                               on_failed=self._failed)
        return self.job

    def _checked(self, _problems: tuple) -> None:
        self.check_button.setEnabled(True)
        self.reload()
        self.fixed.emit((self.order_id,))

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._say(ops.describe_error(exc)[1], error=True)

    def map_sku(self, platform_sku: str, title: str = "") -> MapSkuDialog | None:
        if self.detail is None or not platform_sku:
            return None
        dlg = MapSkuDialog(self.ctx, self.detail.row.shop_id, platform_sku, title, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.mapped.connect(self._mapped)
        self.map_dialog = dlg
        dlg.open()
        return dlg

    def _mapped(self, fixed: tuple[int, ...]) -> None:
        self.reload()
        self.fixed.emit(tuple(dict.fromkeys((self.order_id, *fixed))))
