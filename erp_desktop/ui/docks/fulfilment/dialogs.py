"""The Fulfilment dock's dialogs: create waves (how many approved orders qualify, shown as the
choices change), a short pick (SKU, bin, quantity, reason), and tracking numbers imported into a
carrier's pool (a file of one number per line, or a range FIRST-LAST)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.session import AppContext
from erp_desktop.services.shop_settings import CarrierInfo
from erp_desktop.services.stock_reference import WarehouseInfo
from erp_desktop.ui.docks.common import last_dir, remember_dir
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.texts import qty
from erp_desktop.ui.settings import to_bool, user_settings

SETTINGS = "fulfilment"


@dataclass(frozen=True)
class WaveRequest:
    warehouse_id: int | None
    carrier_id: int | None
    single_item_only: bool
    max_orders: int
    note: str


class CreateWavesDialog(QDialog):
    """Which approved orders go into waves; the dock creates them off the GUI thread."""

    def __init__(self, ctx: AppContext, warehouses: Sequence[WarehouseInfo], carriers: Sequence[CarrierInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("fulfilment.createWaves")
        self.setWindowTitle(self.tr("Create waves"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Approved orders go into waves by warehouse and carrier, single-item orders in "
                               "waves of their own, oldest payment first."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("fulfilment.wave_warehouse")
        self.warehouse.addItem(self.tr("Every warehouse"), None)
        for w in warehouses:
            self.warehouse.addItem(f"{w.code} {w.name}", w.id)
        self.carrier = QComboBox()
        self.carrier.setObjectName("fulfilment.wave_carrier")
        self.carrier.addItem(self.tr("Every carrier"), None)
        for c in carriers:
            self.carrier.addItem(c.name, c.id)
        self.single = QCheckBox(self.tr("Single-item orders only (one unit of one SKU)"))
        self.max_orders = QSpinBox()
        self.max_orders.setObjectName("fulfilment.max_orders")
        self.max_orders.setRange(1, 1000)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Printed on the picking list (optional)"))
        form.addRow(self.tr("Warehouse:"), self.warehouse)
        form.addRow(self.tr("Carrier:"), self.carrier)
        form.addRow("", self.single)
        form.addRow(self.tr("Orders per wave at most:"), self.max_orders)
        form.addRow(self.tr("Note:"), self.note)
        lay.addLayout(form)
        self.qualify = QLabel()
        self.qualify.setObjectName("fulfilment.qualify")
        self.qualify.setWordWrap(True)
        lay.addWidget(self.qualify)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Create waves"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        s = user_settings(ctx, SETTINGS)
        self.max_orders.setValue(int(s.value("waves/max_orders", 50) or 50))
        self.single.setChecked(to_bool(s.value("waves/single_only"), False))
        self.candidates: fa.WaveCandidates | None = None
        self.warehouse.currentIndexChanged.connect(self.count)
        self.carrier.currentIndexChanged.connect(self.count)
        self.single.toggled.connect(self._show_count)
        self.count()

    def request(self) -> WaveRequest:
        return WaveRequest(self.warehouse.currentData(), self.carrier.currentData(), self.single.isChecked(),
                           self.max_orders.value(), self.note.text().strip())

    def count(self) -> None:
        """How many approved orders qualify (a count, quick enough to ask on each change)."""
        r = self.request()
        try:
            with self.ctx.sessions() as s:
                self.candidates = fa.wave_candidates(s, warehouse_id=r.warehouse_id, carrier_id=r.carrier_id)
        except Exception as exc:
            self.candidates = None
            self.qualify.setText(texts.describe(exc))
            self.ok.setEnabled(False)
            return
        self._show_count()

    def _show_count(self) -> None:
        c = self.candidates
        if c is None:
            return
        n = c.single_item if self.single.isChecked() else c.orders
        self.qualify.setText(self.tr("Approved orders that qualify: %1 (single-item: %2)")
                             .replace("%1", str(n)).replace("%2", str(c.single_item)))
        self.qualify.setStyleSheet("" if n else "color: #b26a00; font-weight: bold")
        self.ok.setEnabled(n > 0)

    def accept(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        s.setValue("waves/max_orders", self.max_orders.value())
        s.setValue("waves/single_only", self.single.isChecked())
        super().accept()


class ShortPickDialog(QDialog):
    """The picker found fewer than the list says: which SKU, in which bin, how many short, why."""

    def __init__(self, lines: Sequence[fa.PickLineRow], parent: QWidget | None = None, *,
                 sku_id: int | None = None, location: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fulfilment.shortPick")
        self.setWindowTitle(self.tr("Short pick"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 28)
        self.lines = [ln for ln in lines if ln.open > 0]
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("The orders that cannot be filled go back to waiting for stock, the latest paid "
                               "first; the bin is flagged for a count."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.sku = QComboBox()
        self.sku.setObjectName("fulfilment.short_sku")
        seen: dict[int, Decimal] = {}
        for ln in self.lines:
            seen[ln.sku_id] = seen.get(ln.sku_id, Decimal(0)) + ln.open
        names = {ln.sku_id: f"{ln.sku_code}  {ln.name}" for ln in self.lines}
        for sid, left in seen.items():
            self.sku.addItem(self.tr("%1 (%2 to pick)").replace("%1", names[sid]).replace("%2", qty(left)), sid)
        self.location = QComboBox()
        self.location.setObjectName("fulfilment.short_location")
        self.quantity = QDoubleSpinBox()
        self.quantity.setObjectName("fulfilment.short_quantity")
        self.quantity.setDecimals(3)
        self.reason = QComboBox()
        self.reason.setObjectName("fulfilment.short_reason")
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in texts.SHORT_REASONS:
            self.reason.addItem(texts.reason(code), code)
        form.addRow(self.tr("SKU:"), self.sku)
        form.addRow(self.tr("Bin:"), self.location)
        form.addRow(self.tr("Short by:"), self.quantity)
        form.addRow(self.tr("Reason:"), self.reason)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record short pick"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.sku.currentIndexChanged.connect(self._fill_locations)
        self.location.currentIndexChanged.connect(self._limit)
        self.reason.currentTextChanged.connect(self._update)
        if sku_id is not None and self.sku.findData(sku_id) >= 0:
            self.sku.setCurrentIndex(self.sku.findData(sku_id))
        self._fill_locations()
        if location and self.location.findData(location) >= 0:
            self.location.setCurrentIndex(self.location.findData(location))

    def _fill_locations(self) -> None:
        self.location.blockSignals(True)
        self.location.clear()
        sid = self.sku.currentData()
        bins: dict[str, Decimal] = {}
        for ln in self.lines:
            if ln.sku_id == sid and ln.location_code:
                bins[ln.location_code] = bins.get(ln.location_code, Decimal(0)) + ln.open
        self.location.addItem(self.tr("Wherever it is still to pick"), None)
        for code, left in bins.items():
            self.location.addItem(self.tr("%1 (%2 to pick)").replace("%1", code).replace("%2", qty(left)), code)
        if len(bins) == 1:
            self.location.setCurrentIndex(1)
        self.location.blockSignals(False)
        self._limit()

    def _open_left(self) -> Decimal:
        sid, loc = self.sku.currentData(), self.location.currentData()
        return sum((ln.open for ln in self.lines if ln.sku_id == sid and (loc is None or ln.location_code == loc)),
                   Decimal(0))

    def _limit(self) -> None:
        left = self._open_left()
        self.quantity.setRange(0, float(left))
        self.quantity.setValue(min(max(self.quantity.value(), 1.0), float(left)))
        self._update()

    def _update(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.sku.currentData() is not None and self.quantity.value() > 0 and bool(self.reason_code()))

    def set_values(self, quantity: Decimal, reason: str) -> None:
        self.quantity.setValue(float(quantity))
        i = self.reason.findData(reason)
        if i >= 0:
            self.reason.setCurrentIndex(i)
        else:
            self.reason.setEditText(reason)

    def sku_id(self) -> int | None:
        return self.sku.currentData()

    def location_code(self) -> str | None:
        return self.location.currentData()

    def short_quantity(self) -> Decimal:
        return Decimal(str(round(self.quantity.value(), 3))).normalize()

    def reason_code(self) -> str:
        t = self.reason.currentText().strip()
        i = self.reason.findText(t)
        return str(self.reason.itemData(i)) if i >= 0 and self.reason.itemData(i) else t


class TrackingImportDialog(QDialog):
    """Numbers for one carrier's pool: a carrier's file (one number per line) or a range."""

    def __init__(self, ctx: AppContext, carrier: fa.CarrierRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.carrier = carrier
        self.setObjectName("fulfilment.trackingImport")
        self.setWindowTitle(self.tr("Import tracking numbers"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        lay = QVBoxLayout(self)
        head = QLabel(self.tr("Carrier: %1 — numbers left in its pool: %2").replace("%1", carrier.name)
                      .replace("%2", str(carrier.pool_left)))
        head.setWordWrap(True)
        lay.addWidget(head)
        self.from_file = QRadioButton(self.tr("From a file (one number per line)"))
        self.from_range = QRadioButton(self.tr("A range of numbers"))
        group = QButtonGroup(self)
        group.addButton(self.from_file)
        group.addButton(self.from_range)
        self.from_file.setChecked(True)
        lay.addWidget(self.from_file)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("fulfilment.tracking_file")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        lay.addWidget(self.from_range)
        self.range = QLineEdit()
        self.range.setObjectName("fulfilment.tracking_range")
        self.range.setPlaceholderText("SF1000000001-SF1000001000")
        lay.addWidget(self.range)
        hint = QLabel(self.tr("Numbers the pool has already are counted, not added, so a file imported twice adds "
                              "nothing. UPU numbers (EA123456785CN) in a range get their check digits."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        lay.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.path.textChanged.connect(lambda _t: self.from_file.setChecked(True) or self._update())
        self.range.textChanged.connect(lambda _t: self.from_range.setChecked(True) or self._update())
        self.from_file.toggled.connect(self._update)
        self._update()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Tracking numbers"), last_dir(self.ctx, SETTINGS),
                                              self.tr("Text files (*.txt *.csv);;All files (*)"))
        if path:
            remember_dir(self.ctx, SETTINGS, path)
            self.path.setText(path)

    def _update(self, *_: object) -> None:
        ok = bool(self.path.text().strip()) if self.from_file.isChecked() else bool(self.range.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choice(self) -> tuple[Path | None, str | None]:
        """(file, None) or (None, range)."""
        if self.from_file.isChecked():
            return Path(self.path.text().strip()), None
        return None, self.range.text().strip()


def read_numbers(path: Path) -> list[str]:
    """A carrier's file: one number per line (the first cell of a CSV line), UTF-8 or GB18030."""
    raw = path.read_bytes()
    try:
        body = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        body = raw.decode("gb18030")
    return [line.split(",")[0].strip().strip('"') for line in body.splitlines()]

