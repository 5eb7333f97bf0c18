"""The scanner-friendly SKU field of the stock dialogs, and the quantity field after it.

Scan a barcode (a keyboard-wedge burst ending in Enter, told from typing by timing) anywhere in
the dialog, or type a barcode or SKU code and press Enter: the field shows the SKU and hands the
focus on to the quantity, where Enter posts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import stock_queries as sq
from erp_desktop.services.stock_queries import SkuBrief
from erp_desktop.ui import ops
from erp_desktop.ui.widgets.scan_filter import ScanDetector

ERROR_STYLE = "color: #c62828; font-weight: bold"


class SkuField(QWidget):
    """A line edit for a barcode or SKU code and, beside it, what it found."""

    sku_changed = Signal(object)          # SkuBrief, or None when cleared or unknown
    looked_up = Signal(object)            # SkuBrief: found by a scan or Enter (the dialog moves on)

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None,
                 scan_scope: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.sku: SkuBrief | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName("stock.sku")
        self.edit.setPlaceholderText(self.tr("Scan a barcode or type a SKU code, then Enter"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("M") * 14)
        self.info = QLabel()
        self.info.setObjectName("stock.skuInfo")
        self.info.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.info.setWordWrap(True)
        lay.addWidget(self.edit, 2)
        lay.addWidget(self.info, 3)
        self.edit.returnPressed.connect(lambda: self.lookup(self.edit.text()))
        self.edit.textEdited.connect(self._edited)
        # a scan anywhere in the dialog is a SKU: the detector takes the burst back out of the
        # field it landed in and swallows its Enter
        self.scans = ScanDetector(scan_scope if scan_scope is not None else self.edit).install()
        self.scans.scanned.connect(self.lookup)

    def _edited(self, _text: str) -> None:
        if self.sku is not None:
            self.sku = None
            self.info.clear()
            self.sku_changed.emit(None)

    def lookup(self, code: str) -> SkuBrief | None:
        code = code.strip()
        if not code:
            self.set_sku(None)
            return None
        try:
            with self._sessions() as s:
                found = sq.find_sku(s, code)
        except Exception as exc:
            self._show_error(ops.describe_error(exc)[1])
            return None
        if found is None:
            self.sku = None
            self.edit.setText(code)
            self._show_error(self.tr("Unknown barcode or code: %1").replace("%1", code))
            self.edit.selectAll()
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.sku_changed.emit(None)
            return None
        self.set_sku(found)
        self.looked_up.emit(found)
        return found

    def set_sku(self, sku: SkuBrief | None) -> None:
        self.sku = sku
        self.edit.setText(sku.code if sku else "")
        self.info.setStyleSheet("")
        if sku is None:
            self.info.clear()
        else:
            text = f"{sku.name} {sku.spec}".strip()
            if sku.is_kit:
                text += " — " + self.tr("a kit: its components are stocked, not the kit")
                self.info.setStyleSheet(ERROR_STYLE)
            self.info.setText(text)
        self.sku_changed.emit(sku)

    def _show_error(self, text: str) -> None:
        self.info.setStyleSheet(ERROR_STYLE)
        self.info.setText(text)


class QuantityEdit(QLineEdit):
    """A quantity typed by locale (decimal point, group separators); at most 3 decimals."""

    def __init__(self, parent: QWidget | None = None, *, signed: bool = False) -> None:
        super().__init__(parent)
        self.signed = signed
        self.setObjectName("stock.quantity")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.setPlaceholderText("+5 / -2" if signed else "0")

    def value(self) -> Decimal | None:
        """The number typed, or None when it is not one."""
        return parse_quantity(self.text())


def parse_quantity(text: str, locale: QLocale | None = None) -> Decimal | None:
    loc = locale or QLocale()
    t = text.strip().replace(loc.groupSeparator(), "").replace(" ", "")
    if loc.decimalPoint() != ".":
        t = t.replace(loc.decimalPoint(), ".")
    t = t.replace(loc.negativeSign(), "-").replace(loc.positiveSign(), "+")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
