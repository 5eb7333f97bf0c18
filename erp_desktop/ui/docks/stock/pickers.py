"""Where stock is or goes in the stock dialogs: a warehouse and one of its locations, and the lots
of a SKU in a location (first expiring first, with their quantities)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from erp_desktop.services import stock_queries as sq
from erp_desktop.services.stock_queries import QuantRow, SkuBrief
from erp_desktop.ui.docks.stock.texts import location_kind_label
from erp_desktop.ui.widgets.money import format_qty

if TYPE_CHECKING:
    from erp_desktop.ui.docks.stock.dialogs import StockDialog

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class LocationPicker(QWidget):
    """A warehouse and one of its locations (bins, receiving ...; never its transit location)."""

    changed = Signal()

    def __init__(self, dialog: StockDialog, name: str, *, with_location: bool = True) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName(f"stock.{name}.warehouse")
        self.location = QComboBox()
        self.location.setObjectName(f"stock.{name}.location")
        self.location.setVisible(with_location)
        lay.addWidget(self.warehouse, 1)
        lay.addWidget(self.location, 1)
        for w in dialog._load(sq.list_warehouses, []):
            self.warehouse.addItem(f"{w.name} ({w.code})", w.id)
        self.warehouse.currentIndexChanged.connect(self._warehouse_changed)
        self.location.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._warehouse_changed()

    def _warehouse_changed(self, *_: object) -> None:
        wh = self.warehouse_id()
        self.location.blockSignals(True)
        self.location.clear()
        if wh is not None:
            for loc in self.dialog._load(lambda s: sq.list_locations(s, wh), []):
                label = loc.code if loc.kind == "bin" else f"{loc.code} · {location_kind_label(loc.kind)}"
                self.location.addItem(label, loc.id)
                self.location.setItemData(self.location.count() - 1, loc.kind, KIND_ROLE)
        self.location.blockSignals(False)
        self.changed.emit()

    def warehouse_id(self) -> int | None:
        return self.warehouse.currentData()

    def location_id(self) -> int | None:
        return self.location.currentData()

    def select(self, warehouse_id: Any = None, location_id: Any = None) -> None:
        i = self.warehouse.findData(_int(warehouse_id))
        if i >= 0:
            self.warehouse.setCurrentIndex(i)
        j = self.location.findData(_int(location_id))
        if j >= 0:
            self.location.setCurrentIndex(j)

    def select_kind(self, kind: str) -> bool:
        """Choose the warehouse's first location of this kind (e.g. its receiving area)."""
        for i in range(self.location.count()):
            if self.location.itemData(i, KIND_ROLE) == kind:
                self.location.setCurrentIndex(i)
                return True
        return False

    def describe(self) -> str:
        return f"{self.warehouse.currentText()} / {self.location.currentText()}"


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class LotPicker(QComboBox):
    """The lots of the SKU in one location, first expiring first, with their quantities."""

    def __init__(self, dialog: StockDialog, name: str) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.setObjectName(f"stock.{name}.lot")
        self.quants: list[QuantRow] = []

    def fill(self, sku: SkuBrief | None, warehouse_id: int | None, location_id: int | None, *,
             transit: bool = False) -> None:
        self.clear()
        self.quants = []
        if sku is None or warehouse_id is None:
            return
        rows = self.dialog._load(lambda s: sq.list_quants(s, sku.id, warehouse_id), [])
        self.quants = [q for q in rows if (q.kind == "transit" if transit else q.location_id == location_id)]
        for q in self.quants:
            if q.lot_no is None:
                label = self.tr("(no lot) · %1").replace("%1", format_qty(q.quantity))
            else:
                label = f"{q.lot_no} · {format_qty(q.quantity)}"
                if q.expires_on is not None:
                    label += " · " + self.tr("expires %1").replace("%1", q.expires_on.isoformat())
            self.addItem(label, q.lot_id)
        if not any(q.lot_id is None for q in self.quants):
            self.addItem(self.tr("(no lot)"), None)

    def lot_id(self) -> int | None:
        return self.currentData()

    def lot_no(self) -> str | None:
        q = self.current_quant()
        return q.lot_no if q else None

    def current_quant(self) -> QuantRow | None:
        i = self.currentIndex()
        return self.quants[i] if 0 <= i < len(self.quants) else None
