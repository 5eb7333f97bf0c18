"""The packing station's screen, without its behaviour: big type, a banner that turns the whole
screen green or red, the order's items with how many are scanned, the parcels and the keys.
Nothing here takes the focus but the scan field, so a scanner (or the keyboard) is all it needs."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services.fulfilment import PackOrder
from erp_desktop.ui.packing.pack import Pack
from erp_desktop.ui.packing.texts import kg, qty

# kind -> (screen background, banner background, banner text)
COLOURS = {
    "info": ("#eceff1", "#1565c0", "#ffffff"),
    "order": ("#e3f2fd", "#1565c0", "#ffffff"),
    "ok": ("#e8f5e9", "#2e7d32", "#ffffff"),
    "done": ("#c8e6c9", "#1b5e20", "#ffffff"),
    "warn": ("#fff3e0", "#ef6c00", "#ffffff"),
    "error": ("#c62828", "#8e0000", "#ffffff"),
}
ROW_DONE, ROW_PART, ROW_NONE = QColor("#c8e6c9"), QColor("#fff59d"), QColor("#ffffff")

translate = QCoreApplication.translate      # lupdate finds translate("StationView", "...")


def command_keys() -> list[tuple[str, str, str]]:
    """(command barcode, key, what it does) of every station command, translated; Esc has no barcode."""
    return [
        ("*DONE*", "F10", translate("StationView", "ship now")),
        ("*NEWPARCEL*", "F2", translate("StationView", "new parcel")),
        ("*WEIGH*", "F5", translate("StationView", "weigh again")),
        ("*MANUAL*", "F6", translate("StationView", "type the weight")),
        ("*NOSLIP*", "F7", translate("StationView", "no packing slip")),
        ("*REPRINT*", "F3", translate("StationView", "reprint label")),
        ("*VOID*", "F4", translate("StationView", "void label")),
        ("*RELABEL*", "Shift+F4", translate("StationView", "new label")),
        ("*CANCEL*", "F8", translate("StationView", "put aside")),
        ("*TRACKING*", "F11", translate("StationView", "pre-printed label")),
        ("", "Esc", translate("StationView", "leave")),
    ]

class StationView(QWidget):
    """The widgets; PackingStation (station.py) fills them."""

    def _build_view(self) -> None:
        self.setAutoFillBackground(True)
        base = QFont(self.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        base.setPointSizeF(size * 1.6)
        self.setFont(base)
        self.big = QFont(base)
        self.big.setPointSizeF(size * 3.2)
        self.big.setBold(True)
        self.mid = QFont(base)
        self.mid.setPointSizeF(size * 2.0)
        self.mid.setBold(True)
        self.list_font = QFont(base)
        self.list_font.setPointSizeF(size * 2.0)
        self.small = QFont(base)
        self.small.setPointSizeF(size * 1.2)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)

        top = QHBoxLayout()
        title = QLabel(self.tr("Packing station"))
        title.setFont(self.mid)
        self.devices_label = QLabel()
        self.devices_label.setObjectName("packing.devices")
        self.devices_label.setFont(self.small)
        self.devices_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(title)
        top.addWidget(self.devices_label, 1)
        lay.addLayout(top)

        self.banner = QLabel()
        self.banner.setObjectName("packing.banner")
        self.banner.setFont(self.big)
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setMinimumHeight(170)
        self.banner.setMargin(12)
        self.banner.setAutoFillBackground(True)
        lay.addWidget(self.banner)

        self.order_label = QLabel()
        self.order_label.setObjectName("packing.order")
        self.order_label.setFont(self.mid)
        self.order_label.setWordWrap(True)
        self.order_detail = QLabel()
        self.order_detail.setObjectName("packing.order_detail")
        self.order_detail.setWordWrap(True)
        self.memo = QLabel()
        self.memo.setObjectName("packing.memo")
        self.memo.setWordWrap(True)
        self.memo.setStyleSheet("color: #bf360c; background: #fff8e1; border: 1px solid #ffb300; padding: 4px; "
                                "font-weight: bold")     # readable on the red screen too
        self.memo.setFont(self.font())
        self.memo.hide()
        lay.addWidget(self.order_label)
        lay.addWidget(self.order_detail)
        lay.addWidget(self.memo)

        middle = QHBoxLayout()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("packing.items")
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Item"), self.tr("To pack"),
                                              self.tr("Scanned"), self.tr("Lot")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setFont(self.list_font)
        self.table.horizontalHeader().setFont(self.font())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().height() * 1.5))
        middle.addWidget(self.table, 3)

        side = QFrame()
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side_lay = QVBoxLayout(side)
        self.count_label = QLabel()
        self.count_label.setObjectName("packing.count")
        self.count_label.setFont(self.big)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.parcels_label = QLabel()
        self.parcels_label.setObjectName("packing.parcels")
        self.parcels_label.setWordWrap(True)
        self.parcels_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side_lay.addWidget(self.count_label)
        side_lay.addWidget(self.parcels_label, 1)
        middle.addWidget(side, 1)
        lay.addLayout(middle, 1)

        self.input = QLineEdit()
        self.input.setObjectName("packing.input")
        self.input.setPlaceholderText(self.tr("Scan here — or type a code or a weight in kg and press Enter"))
        self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)    # no IME eating scans
        self.input.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
        lay.addWidget(self.input)

        keys = QGridLayout()
        keys.setHorizontalSpacing(18)
        for i, (code, key, text) in enumerate(command_keys()):
            label = QLabel(f"<b>{key}</b> {text} {code}")
            label.setFont(self.small)
            keys.addWidget(label, i // 5, i % 5)
        lay.addLayout(keys)

    # ------------------------------------------------------------------ painting the state
    def paint_kind(self, kind: str) -> None:
        screen, banner, text = COLOURS[kind]
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(screen))
        self.setPalette(pal)
        bpal = self.banner.palette()
        bpal.setColor(QPalette.ColorRole.Window, QColor(banner))
        bpal.setColor(QPalette.ColorRole.WindowText, QColor(text))
        self.banner.setPalette(bpal)

    def show_order(self, order: PackOrder | None, pack: Pack | None) -> None:
        """The order's header and its items (`pack`: with the scans; None: a shipped order shown)."""
        self.order_label.setVisible(order is not None)
        self.order_detail.setVisible(order is not None)
        if order is None:
            self.order_label.setText("")
            self.order_detail.setText("")
            self.memo.setText("")
            self.memo.hide()
            self.table.setRowCount(0)
            self.count_label.setText("")
            self.parcels_label.setText("")
            return
        nos = " + ".join(order.platform_order_nos) if len(order.platform_order_nos) > 1 else order.order_no
        self.order_label.setText(f"{nos}  ·  {order.order_code}  ·  {order.shop}")
        detail = [self.tr("Receiver: %1").replace("%1", order.receiver_name),
                  self.tr("Carrier: %1").replace("%1", order.carrier or "—")]
        if order.wave_no:
            detail.append(self.tr("Wave %1 (%2 to pack)").replace("%1", order.wave_no)
                          .replace("%2", str(order.left_in_wave)))
        self.order_detail.setText("  ·  ".join(detail))
        memo = []
        if order.buyer_message:
            memo.append(self.tr("Buyer: %1").replace("%1", order.buyer_message))
        if order.seller_memo:
            memo.append(self.tr("Memo: %1").replace("%1", order.seller_memo))
        self.memo.setText("   ".join(memo))
        self.memo.setVisible(bool(memo))
        self.table.setRowCount(len(order.items))
        for row, item in enumerate(order.items):
            name = f"{item.title} {item.variant}".strip()
            if item.kit_code:
                name += "  " + self.tr("(in kit %1)").replace("%1", item.kit_code)
            for col, text in enumerate((item.sku_code, name, qty(item.quantity), "", "")):
                cell = QTableWidgetItem(text)
                if col in (2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, cell)
            self.show_row(row, order, pack)
        self.show_progress(order, pack)

    def show_row(self, row: int, order: PackOrder, pack: Pack | None) -> None:
        item = order.items[row]
        done = pack.scanned.get(item.sku_id, Decimal(0)) if pack is not None else item.quantity
        self.table.item(row, 3).setText(qty(done))
        lots = pack.lots.get(item.sku_id, []) if pack is not None else []
        self.table.item(row, 4).setText(", ".join(dict.fromkeys(lots)))
        colour = ROW_DONE if done >= item.quantity else ROW_PART if done > 0 else ROW_NONE
        for col in range(5):
            self.table.item(row, col).setBackground(QBrush(colour))

    def show_progress(self, order: PackOrder, pack: Pack | None) -> None:
        if pack is None:
            self.count_label.setText(qty(order.units))
            live = [s for s in order.shipments if s.status == "shipped"]
            lines = [self.tr("Parcel %1/%2: %3  %4 kg").replace("%1", str(s.parcel_no))
                     .replace("%2", str(s.parcel_count)).replace("%3", s.tracking_no).replace("%4", kg(s.weight_kg))
                     for s in live]
            lines += [self.tr("voided: %1").replace("%1", s.tracking_no) for s in order.shipments
                      if s.status == "voided"]
            self.parcels_label.setText("\n".join(lines))
            return
        self.count_label.setText(f"{qty(pack.units_scanned)} / {qty(order.units)}")
        lines = []
        for p in pack.parcels:
            line = self.tr("Parcel %1: %2 items").replace("%1", str(p.no)).replace("%2", qty(p.units))
            if p.weight_kg is not None:
                line += "  " + self.tr("%1 kg (expected %2)").replace("%1", kg(p.weight_kg)) \
                    .replace("%2", kg(pack.expected_kg(p)))
            if p.tracking_no:
                line += "\n  " + self.tr("pre-printed label %1").replace("%1", p.tracking_no)
            lines.append(line)
        if pack.no_slip:
            lines.append(self.tr("No packing slip for this order"))
        self.parcels_label.setText("\n".join(lines))
