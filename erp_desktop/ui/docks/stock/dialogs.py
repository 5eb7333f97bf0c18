"""Stock dialogs: receipt, adjustment, transfer (between bins, or shipped to another warehouse),
receiving a transfer, scrap.

Each is made for a scanner: scan (or type) the SKU, the focus moves to the quantity, Enter posts.
The dialog stays open for the next SKU and says what it posted; a refusal of the database (not
enough stock, a rule, the role's rights) is said in words in the dialog and the input stays.
Posting runs off the GUI thread in its own transaction (retried on deadlock).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from erp_desktop.services import stock
from erp_desktop.services import stock_queries as sq
from erp_desktop.services.session import AppContext
from erp_desktop.services.stock_queries import SkuBrief
from erp_desktop.services.tx import run_in_transaction
from erp_desktop.ui import ops
from erp_desktop.ui.docks.stock.pickers import LocationPicker, LotPicker
from erp_desktop.ui.docks.stock.sku_field import ERROR_STYLE, QuantityEdit, SkuField
from erp_desktop.ui.docks.stock.texts import reason_label
from erp_desktop.ui.settings import user_settings
from erp_desktop.ui.widgets.money import format_qty

OK_STYLE = "color: #2e7d32"


class StockDialog(QDialog):
    """The frame every stock dialog shares: SKU, quantity, error and result lines, Post / Close."""

    posted = Signal(int, str)           # SKU id, what was posted (for the dock's message line)
    settings_key = "dialog"
    signed = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, sku: SkuBrief | None = None,
                 warehouse_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: ops.Job | None = None
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        lay.addLayout(self.form)
        self.sku_field = SkuField(ctx.sessions, self, scan_scope=self)
        self.quantity = QuantityEdit(self, signed=self.signed)
        self.note = QLineEdit()
        self.note.setObjectName("stock.note")
        self.error = QLabel()
        self.error.setObjectName("stock.error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QLabel()
        self.result.setObjectName("stock.result")
        self.result.setWordWrap(True)
        self.result.setStyleSheet(OK_STYLE)
        self.build_form()
        lay.addWidget(self.error)
        lay.addWidget(self.result)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.post_button = QPushButton(self.tr("&Post"))
        self.post_button.setObjectName("stock.post")
        self.close_button = QPushButton(self.tr("Close"))
        for b in (self.post_button, self.close_button):
            b.setAutoDefault(False)          # Enter in the SKU field looks the SKU up, it does not post
            b.setDefault(False)
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.post_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)
        self.quantity.returnPressed.connect(self.submit)
        self.sku_field.looked_up.connect(self._sku_found)
        self.sku_field.sku_changed.connect(self.sku_changed)
        self.restore_choices(warehouse_id)
        if sku is not None:
            self.sku_field.set_sku(sku)
            self.quantity.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.sku_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ for subclasses
    def build_form(self) -> None:
        raise NotImplementedError

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        """What to do in a session (run off the GUI thread: it reads no widget) and what it does, in words."""
        raise NotImplementedError

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        """What is missing before posting (None: nothing)."""
        return None

    def sku_changed(self, sku: SkuBrief | None) -> None:
        """The SKU changed: refresh what depends on it (lots ...)."""

    def restore_choices(self, warehouse_id: int | None) -> None:
        """Pre-select the warehouse (the dock's row, else the last one used)."""

    def save_choices(self) -> None:
        """Remember the warehouse and bins for next time."""

    def reset_after_post(self) -> None:
        self.sku_field.set_sku(None)
        self.quantity.clear()
        self.note.clear()
        self.sku_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ flow
    def _sku_found(self, _sku: SkuBrief) -> None:
        self.error.clear()
        self.quantity.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quantity.selectAll()

    def submit(self) -> ops.Job | None:
        """Check the input, then post off the GUI thread."""
        if self.job is not None and self.job.running:
            return None
        sku = self.sku_field.sku
        if sku is None:
            if self.sku_field.edit.text().strip() and self.sku_field.lookup(self.sku_field.edit.text()):
                sku = self.sku_field.sku
            else:
                return self._refuse(self.tr("Scan or type the SKU first."), self.sku_field.edit)
        assert sku is not None
        qty = self.quantity.value()
        if qty is None:
            return self._refuse(self.tr("Type the quantity."), self.quantity)
        if qty != qty.quantize(Decimal("0.001")):
            return self._refuse(self.tr("A quantity has at most 3 decimals."), self.quantity)
        if qty == 0 or (qty < 0 and not self.signed):
            return self._refuse(self.tr("The quantity must be more than zero.") if not self.signed
                                else self.tr("The change must not be zero."), self.quantity)
        missing = self.check(sku, qty)
        if missing:
            return self._refuse(missing, None)
        self.error.clear()
        self.result.clear()
        self.post_button.setEnabled(False)
        sessions = self.ctx.sessions
        action, text = self.command(sku, qty)

        def work(_ctl: ops.JobControl) -> str:
            run_in_transaction(sessions, action)
            return text

        self.job = ops.run_job(work, parent=self, show_progress=False,
                               on_finished=lambda text: self._done(sku, text), on_failed=self._failed)
        return self.job

    def _refuse(self, text: str, focus: QWidget | None) -> None:
        self.error.setText(text)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    def _done(self, sku: SkuBrief, text: str) -> None:
        self.post_button.setEnabled(True)
        self.result.setText(self.tr("Posted: %1").replace("%1", text))
        self.save_choices()
        self.posted.emit(sku.id, text)
        self.reset_after_post()

    def _failed(self, exc: BaseException) -> None:
        self.post_button.setEnabled(True)
        self.error.setText(ops.describe_error(exc)[1])
        self.quantity.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quantity.selectAll()

    # ------------------------------------------------------------------ helpers for the forms
    def _settings(self):
        return user_settings(self.ctx, f"stock/{self.settings_key}")

    def _load(self, fn: Callable[[Session], Any], default: Any) -> Any:
        try:
            with self.ctx.sessions() as s:
                return fn(s)
        except Exception as exc:
            self.error.setText(ops.describe_error(exc)[1])
            return default


def _lot_text(lot_no: str | None) -> str:
    return f" [{lot_no}]" if lot_no else ""


class ReceiptDialog(StockDialog):
    """Goods arrive (without a purchase order for now): SKU, where, how many, lot and supplier."""

    settings_key = "receipt"

    def build_form(self) -> None:
        self.setWindowTitle(self.tr("Receive goods"))
        self.setObjectName("stock.receiptDialog")
        self.place = LocationPicker(self, "to")
        self.lot_no = QLineEdit()
        self.lot_no.setObjectName("stock.lotNo")
        self.lot_no.setPlaceholderText(self.tr("optional"))
        self.has_expiry = QCheckBox(self.tr("Expires on"))
        self.expires = QDateEdit(QDate.currentDate().addYears(1))
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setEnabled(False)
        self.has_expiry.toggled.connect(self.expires.setEnabled)
        expiry = QHBoxLayout()
        expiry.addWidget(self.has_expiry)
        expiry.addWidget(self.expires, 1)
        self.supplier = QComboBox()
        self.supplier.setObjectName("stock.supplier")
        self.supplier.addItem(self.tr("(none)"), None)
        for sup in self._load(sq.list_suppliers, []):
            self.supplier.addItem(f"{sup.name} ({sup.code})", sup.id)
        self.doc_ref = QLineEdit()
        self.doc_ref.setPlaceholderText(self.tr("delivery note, optional"))
        self.form.addRow(self.tr("SKU"), self.sku_field)
        self.form.addRow(self.tr("Into"), self.place)
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow(self.tr("Lot"), self.lot_no)
        self.form.addRow("", _wrap(expiry))
        self.form.addRow(self.tr("Supplier"), self.supplier)
        self.form.addRow(self.tr("Reference"), self.doc_ref)
        self.form.addRow(self.tr("Note"), self.note)

    def restore_choices(self, warehouse_id: int | None) -> None:
        s = self._settings()
        receiving = None
        if warehouse_id is None:
            warehouse_id = s.value("warehouse")
            receiving = s.value("location")
        self.place.select(warehouse_id, receiving)
        if receiving is None:         # goods come in at the receiving area where there is one
            self.place.select_kind("receiving")

    def save_choices(self) -> None:
        s = self._settings()
        s.setValue("warehouse", self.place.warehouse_id())
        s.setValue("location", self.place.location_id())

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.place.location_id() is None:
            return self.tr("Choose where the goods go.")
        if self.has_expiry.isChecked() and not self.lot_no.text().strip():
            return self.tr("An expiry date belongs to a lot: type the lot number.")
        return None

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        lot = self.lot_no.text().strip() or None
        expires = self.expires.date().toPython() if self.has_expiry.isChecked() and lot else None
        loc, supplier, note = self.place.location_id(), self.supplier.currentData(), self.note.text().strip() or None
        ref = self.doc_ref.text().strip() or None

        def action(session: Session) -> object:
            return stock.receive_goods(session, sku.id, loc, qty, lot_no=lot, expires_on=expires, supplier_id=supplier,
                                       note=note, doc_ref=ref)

        return action, (self.tr("%1 × %2%3 into %4").replace("%1", format_qty(qty)).replace("%2", sku.code)
                .replace("%3", _lot_text(lot)).replace("%4", self.place.describe()))

    def reset_after_post(self) -> None:
        self.lot_no.clear()
        self.has_expiry.setChecked(False)
        super().reset_after_post()


class _FromBinDialog(StockDialog):
    """Dialogs that take stock out of one bin (and lot): adjustment, transfer, scrap."""

    def _build_source(self) -> None:
        self.place = LocationPicker(self, "from")
        self.lot = LotPicker(self, "from")
        self.place.changed.connect(self._refill_lots)

    def sku_changed(self, sku: SkuBrief | None) -> None:
        self._refill_lots()
        if sku is not None:
            self._prefer_bin_with_stock(sku)

    def _refill_lots(self) -> None:
        self.lot.fill(self.sku_field.sku, self.place.warehouse_id(), self.place.location_id())

    def restore_choices(self, warehouse_id: int | None) -> None:
        s = self._settings()
        if warehouse_id is None:
            self.place.select(s.value("warehouse"), s.value("location"))
        else:
            self.place.select(warehouse_id)

    def save_choices(self) -> None:
        s = self._settings()
        s.setValue("warehouse", self.place.warehouse_id())
        s.setValue("location", self.place.location_id())

    def _prefer_bin_with_stock(self, sku: SkuBrief) -> None:
        """If the chosen bin holds none of the SKU, choose the first one that does."""
        if self.lot.quants or self.place.warehouse_id() is None:
            return
        wh = self.place.warehouse_id()
        quants = [q for q in self._load(lambda s: sq.list_quants(s, sku.id, wh), []) if q.kind != "transit"]
        if quants:
            self.place.select(wh, quants[0].location_id)

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.place.location_id() is None:
            return self.tr("Choose the bin.")
        return None

    def reset_after_post(self) -> None:
        super().reset_after_post()
        self._refill_lots()


class AdjustDialog(_FromBinDialog):
    """Correct a bin's quantity (+ found, - lost ...) with a reason: warehouse leads and admins."""

    settings_key = "adjust"
    signed = True

    def build_form(self) -> None:
        self.setWindowTitle(self.tr("Adjust stock"))
        self.setObjectName("stock.adjustDialog")
        self._build_source()
        self.reason = _reason_combo(self, "adjustment")
        self.quantity.setToolTip(self.tr("More (+5) or less (-2) than the bin holds now"))
        self.form.addRow(self.tr("SKU"), self.sku_field)
        self.form.addRow(self.tr("Bin"), self.place)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("Change (+/-)"), self.quantity)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Note"), self.note)

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.reason.currentData() is None:
            return self.tr("Choose a reason.")
        return super().check(sku, qty)

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        loc, reason, lot, note = (self.place.location_id(), self.reason.currentData(), self.lot.lot_id(),
                                  self.note.text().strip() or None)

        def action(session: Session) -> object:
            return stock.adjust_stock(session, sku.id, loc, qty, reason, lot_id=lot, note=note)

        sign = "+" if qty > 0 else ""
        return action, (self.tr("%1%2 × %3%4 in %5 (%6)").replace("%1", sign).replace("%2", format_qty(qty))
                .replace("%3", sku.code).replace("%4", _lot_text(self.lot.lot_no()))
                .replace("%5", self.place.describe()).replace("%6", self.reason.currentText()))


class ScrapDialog(_FromBinDialog):
    """Take damaged, expired or defective goods out of stock, with a reason."""

    settings_key = "scrap"

    def build_form(self) -> None:
        self.setWindowTitle(self.tr("Scrap stock"))
        self.setObjectName("stock.scrapDialog")
        self._build_source()
        self.reason = _reason_combo(self, "scrap")
        self.form.addRow(self.tr("SKU"), self.sku_field)
        self.form.addRow(self.tr("From"), self.place)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Note"), self.note)

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.reason.currentData() is None:
            return self.tr("Choose a reason.")
        return super().check(sku, qty)

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        loc, reason, lot, note = (self.place.location_id(), self.reason.currentData(), self.lot.lot_id(),
                                  self.note.text().strip() or None)

        def action(session: Session) -> object:
            return stock.scrap_stock(session, sku.id, loc, qty, reason, lot_id=lot, note=note)

        return action, (self.tr("%1 × %2%3 scrapped from %4 (%5)").replace("%1", format_qty(qty))
                        .replace("%2", sku.code).replace("%3", _lot_text(self.lot.lot_no()))
                        .replace("%4", self.place.describe()).replace("%5", self.reason.currentText()))


class TransferDialog(_FromBinDialog):
    """Move stock to another bin of the warehouse, or ship it to another warehouse (in transit
    there until it is received)."""

    settings_key = "transfer"

    def build_form(self) -> None:
        self.setWindowTitle(self.tr("Transfer stock"))
        self.setObjectName("stock.transferDialog")
        self._build_source()
        self.to_bin = QRadioButton(self.tr("To another bin"))
        self.to_bin.setObjectName("stock.toBin")
        self.to_warehouse = QRadioButton(self.tr("To another warehouse (ship; received there later)"))
        self.to_warehouse.setObjectName("stock.toWarehouse")
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.to_bin)
        self.mode.addButton(self.to_warehouse)
        self.to_bin.setChecked(True)
        self.target_bin = QComboBox()
        self.target_bin.setObjectName("stock.to.location")
        self.target_warehouse = QComboBox()
        self.target_warehouse.setObjectName("stock.to.warehouse")
        self.doc_ref = QLineEdit()
        self.doc_ref.setPlaceholderText(self.tr("transfer note, optional"))
        self.place.changed.connect(self._refill_targets)
        self.to_bin.toggled.connect(self._mode_changed)
        self.form.addRow(self.tr("SKU"), self.sku_field)
        self.form.addRow(self.tr("From"), self.place)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow("", self.to_bin)
        self.form.addRow(self.tr("Bin"), self.target_bin)
        self.form.addRow("", self.to_warehouse)
        self.form.addRow(self.tr("Warehouse"), self.target_warehouse)
        self.form.addRow(self.tr("Reference"), self.doc_ref)
        self.form.addRow(self.tr("Note"), self.note)
        self._refill_targets()
        self._mode_changed()

    def _refill_targets(self) -> None:
        wh = self.place.warehouse_id()
        current_bin, current_wh = self.target_bin.currentData(), self.target_warehouse.currentData()
        self.target_bin.clear()
        self.target_warehouse.clear()
        for i in range(self.place.location.count()):
            if self.place.location.itemData(i) != self.place.location_id():
                self.target_bin.addItem(self.place.location.itemText(i), self.place.location.itemData(i))
        for i in range(self.place.warehouse.count()):
            if self.place.warehouse.itemData(i) != wh:
                self.target_warehouse.addItem(self.place.warehouse.itemText(i), self.place.warehouse.itemData(i))
        self.target_bin.setCurrentIndex(max(self.target_bin.findData(current_bin), 0))
        self.target_warehouse.setCurrentIndex(max(self.target_warehouse.findData(current_wh), 0))

    def _mode_changed(self, *_: object) -> None:
        bin_mode = self.to_bin.isChecked()
        self.target_bin.setEnabled(bin_mode)
        self.target_warehouse.setEnabled(not bin_mode)
        self.to_warehouse.setEnabled(self.place.warehouse.count() > 1)

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.to_bin.isChecked() and self.target_bin.currentData() is None:
            return self.tr("Choose the bin the goods go to.")
        if self.to_warehouse.isChecked() and self.target_warehouse.currentData() is None:
            return self.tr("Choose the warehouse the goods go to.")
        return super().check(sku, qty)

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        note, lot, src = self.note.text().strip() or None, self.lot.lot_id(), self.place.location_id()
        what = (self.tr("%1 × %2%3").replace("%1", format_qty(qty)).replace("%2", sku.code)
                .replace("%3", _lot_text(self.lot.lot_no())))
        if self.to_bin.isChecked():
            dst = self.target_bin.currentData()

            def move(session: Session) -> object:
                return stock.transfer_stock(session, sku.id, src, dst, qty, lot_id=lot, note=note)

            return move, (self.tr("%1 moved from %2 to %3").replace("%1", what)
                          .replace("%2", self.place.describe()).replace("%3", self.target_bin.currentText()))
        wh, ref = self.target_warehouse.currentData(), self.doc_ref.text().strip() or None

        def ship(session: Session) -> object:
            return stock.ship_transfer(session, sku.id, src, wh, qty, lot_id=lot, note=note, doc_ref=ref)

        return ship, (self.tr("%1 shipped from %2 to %3 (in transit)").replace("%1", what)
                      .replace("%2", self.place.describe()).replace("%3", self.target_warehouse.currentText()))


class ReceiveTransferDialog(StockDialog):
    """Goods shipped from another warehouse arrive: from this warehouse's transit into a bin."""

    settings_key = "receive_transfer"

    def build_form(self) -> None:
        self.setWindowTitle(self.tr("Receive a transfer"))
        self.setObjectName("stock.receiveTransferDialog")
        self.place = LocationPicker(self, "to")
        self.lot = LotPicker(self, "transit")
        self.in_transit = QLabel()
        self.in_transit.setObjectName("stock.inTransit")
        self.doc_ref = QLineEdit()
        self.doc_ref.setPlaceholderText(self.tr("transfer note, optional"))
        self.place.warehouse.currentIndexChanged.connect(lambda _i: self._refill_lots())
        self.lot.currentIndexChanged.connect(lambda _i: self._show_in_transit())
        self.form.addRow(self.tr("SKU"), self.sku_field)
        self.form.addRow(self.tr("Into"), self.place)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("In transit"), self.in_transit)
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow(self.tr("Reference"), self.doc_ref)
        self.form.addRow(self.tr("Note"), self.note)

    def sku_changed(self, sku: SkuBrief | None) -> None:
        self._refill_lots()

    def _refill_lots(self) -> None:
        self.lot.fill(self.sku_field.sku, self.place.warehouse_id(), None, transit=True)
        self._show_in_transit()

    def _show_in_transit(self) -> None:
        q = self.lot.current_quant()
        self.in_transit.setText(format_qty(q.quantity) if q else "0")

    def _sku_found(self, sku: SkuBrief) -> None:
        super()._sku_found(sku)
        q = self.lot.current_quant()
        if q is not None and not self.quantity.text():
            self.quantity.setText(format_qty(q.quantity))
            self.quantity.selectAll()

    def restore_choices(self, warehouse_id: int | None) -> None:
        s = self._settings()
        if warehouse_id is None:
            self.place.select(s.value("warehouse"), s.value("location"))
        else:
            self.place.select(warehouse_id)

    def save_choices(self) -> None:
        s = self._settings()
        s.setValue("warehouse", self.place.warehouse_id())
        s.setValue("location", self.place.location_id())

    def check(self, sku: SkuBrief, qty: Decimal) -> str | None:
        if self.place.location_id() is None:
            return self.tr("Choose the bin the goods go to.")
        if self.lot.current_quant() is None:
            return self.tr("Nothing of %1 is in transit to this warehouse.").replace("%1", sku.code)
        return None

    def command(self, sku: SkuBrief, qty: Decimal) -> tuple[Callable[[Session], object], str]:
        loc, lot = self.place.location_id(), self.lot.lot_id()
        note, ref = self.note.text().strip() or None, self.doc_ref.text().strip() or None

        def action(session: Session) -> object:
            return stock.receive_transfer(session, sku.id, loc, qty, lot_id=lot, note=note, doc_ref=ref)

        return action, (self.tr("%1 × %2%3 received into %4").replace("%1", format_qty(qty)).replace("%2", sku.code)
                .replace("%3", _lot_text(self.lot.lot_no())).replace("%4", self.place.describe()))

    def reset_after_post(self) -> None:
        super().reset_after_post()
        self._refill_lots()


def _reason_combo(dialog: StockDialog, applies_to: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("stock.reason")
    combo.addItem(QCoreApplication.translate("StockDialog", "(choose a reason)"), None)
    for r in dialog._load(lambda s: sq.list_reasons(s, applies_to), []):
        combo.addItem(reason_label(r), r.code)
    return combo


def _wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


DIALOGS: dict[str, type[StockDialog]] = {
    "receipt": ReceiptDialog,
    "adjust": AdjustDialog,
    "transfer": TransferDialog,
    "receive_transfer": ReceiveTransferDialog,
    "scrap": ScrapDialog,
}
