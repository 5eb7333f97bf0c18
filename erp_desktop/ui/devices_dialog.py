"""Settings > Devices: this workstation's scanners, scale, label printer and A4 printer.

A tab per device with what the machine offers (serial ports by USB id, CUPS queues, USB printer
device files, the system's printers; looked up off the GUI thread) and a test that goes through
the same path real work does: "Test scan" takes the next scan from the keyboard wedge or the
serial scanner and reads GS1 data in it, "Read weight" and "Tare" ask the scale, "Print test
label" renders devices.labels' test label and sends it through the chosen transport.  A test
runs with the settings as they stand in the dialog (the hub switches to them); OK saves them for
this machine, Cancel goes back to what was saved.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.devices import printers, serial_port, serial_scanner
from erp_desktop.devices.printers import PrinterError
from erp_desktop.devices.scale import Weight
from erp_desktop.domain.gs1 import Gs1Data, Gs1Error, looks_like_gs1, parse_gs1
from erp_desktop.ui import ops
from erp_desktop.ui.devices import (
    ASK_EACH_TIME,
    DeviceHub,
    DeviceSettings,
    LabelPrinterSettings,
    ScaleSettings,
    SerialScannerSettings,
    WedgeSettings,
)
from erp_desktop.ui.widgets.money import format_decimal, format_qty

log = logging.getLogger(__name__)
OK_STYLE = "color: #2e7d32; font-weight: bold"
ERROR_STYLE = "color: #c62828; font-weight: bold"


def _combo(items: list[tuple[str, Any]], current: Any) -> QComboBox:
    c = QComboBox()
    for text, data in items:
        c.addItem(text, data)
    c.setCurrentIndex(max(c.findData(current), 0))
    return c


def _port_value(combo: QComboBox) -> str:
    """The port chosen from the list (its spec, e.g. usb:1a86:7523) or typed."""
    i = combo.currentIndex()
    if i >= 0 and combo.currentText() == combo.itemText(i) and combo.itemData(i):
        return str(combo.itemData(i))
    return combo.currentText().strip()


def _fill_ports(combo: QComboBox, items: list[tuple[str, str]], current: str) -> None:
    combo.blockSignals(True)
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)
    i = combo.findData(current)
    if i >= 0:
        combo.setCurrentIndex(i)
    else:
        combo.setCurrentIndex(-1)
        combo.setEditText(current)
    combo.blockSignals(False)


def _editable(width_chars: int = 30) -> QComboBox:
    c = QComboBox()
    c.setEditable(True)
    c.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    c.setMinimumContentsLength(width_chars)
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return c


def discover() -> dict[str, list[Any]]:
    """What this machine offers (runs off the GUI thread: lpstat may take a while)."""
    return {"ports": serial_port.list_ports(), "cups": printers.list_cups_queues(),
            "usb_lp": printers.list_usb_printer_devices(), "windows": printers.list_windows_printers()}


class DevicesDialog(QDialog):
    def __init__(self, hub: DeviceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.saved = hub.settings
        self.found: dict[str, list[Any]] = {"ports": [], "cups": [], "usb_lp": [], "windows": []}
        self.discovery: ops.Job | None = None
        self.job: ops.Job | None = None          # the latest test (weigh, tare, print)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("Devices of this workstation"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._scanner_tab(), self.tr("Scanners"))
        self.tabs.addTab(self._scale_tab(), self.tr("Scale"))
        self.tabs.addTab(self._label_tab(), self.tr("Label printer"))
        self.tabs.addTab(self._a4_tab(), self.tr("A4 printer"))
        note = QLabel(self.tr("These settings belong to this computer, whoever logs in."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.refresh_button = self.buttons.addButton(self.tr("Look for devices"),
                                                     QDialogButtonBox.ButtonRole.ResetRole)
        self.refresh_button.clicked.connect(self.refresh)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(note)
        lay.addWidget(self.buttons)
        hub.status_changed.connect(self._show_status)
        hub.weight_read.connect(self._show_weight)
        self._listening = True
        for device in ("serial_scanner", "scale", "label_printer"):
            self._show_status(device, *hub.state(device))
        self._kind_changed()
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())
        self.refresh()

    # ------------------------------------------------------------------------------ tabs
    def _scanner_tab(self) -> QWidget:
        s = self.hub.settings
        page = QWidget()
        lay = QVBoxLayout(page)
        wedge = QGroupBox(self.tr("USB scanner that types like a keyboard"))
        wedge.setObjectName("devices.wedge")
        wedge.setCheckable(True)
        wedge.setChecked(s.wedge.enabled)
        self.wedge_box = wedge
        form = QFormLayout(wedge)
        self.wedge_gap = QSpinBox()
        self.wedge_gap.setRange(5, 200)
        self.wedge_gap.setSuffix(" ms")
        self.wedge_gap.setValue(s.wedge.max_gap_ms)
        self.wedge_gap.setToolTip(self.tr("Keys further apart than this are a person typing (30 ms suits most "
                                          "scanners; raise it on slow or remote-desktop PCs)"))
        self.wedge_min = QSpinBox()
        self.wedge_min.setRange(1, 50)
        self.wedge_min.setValue(s.wedge.min_length)
        self.wedge_end = _combo([(self.tr("Enter"), "enter"), (self.tr("Tab"), "tab"),
                                 (self.tr("Enter or Tab"), "any")], s.wedge.terminator)
        self.wedge_prefix = QLineEdit(s.wedge.prefix)
        self.wedge_suffix = QLineEdit(s.wedge.suffix)
        form.addRow(self.tr("Longest gap between keys:"), self.wedge_gap)
        form.addRow(self.tr("Shortest code:"), self.wedge_min)
        form.addRow(self.tr("Code ends with:"), self.wedge_end)
        form.addRow(self.tr("Remove prefix:"), self.wedge_prefix)
        form.addRow(self.tr("Remove suffix:"), self.wedge_suffix)
        lay.addWidget(wedge)

        serial = QGroupBox(self.tr("Serial scanner (RS-232 or USB virtual COM port)"))
        serial.setObjectName("devices.serial")
        serial.setCheckable(True)
        serial.setChecked(s.serial_scanner.enabled)
        self.serial_box = serial
        form = QFormLayout(serial)
        self.serial_port = _editable()
        self.serial_port.setToolTip(self.tr("A port such as /dev/ttyACM0 or COM3, or usb:VID:PID to find the "
                                            "scanner in any USB socket"))
        _fill_ports(self.serial_port, [], s.serial_scanner.port)
        self.serial_baud = _combo([(str(b), b) for b in serial_scanner.BAUD_RATES], s.serial_scanner.baudrate)
        self.serial_end = _combo([(self.tr("CR (carriage return)"), "CR"), (self.tr("LF (line feed)"), "LF"),
                                  (self.tr("CR LF"), "CRLF"), (self.tr("Any of them"), "ANY")],
                                 s.serial_scanner.terminator)
        self.serial_prefix = QLineEdit(s.serial_scanner.prefix)
        self.serial_suffix = QLineEdit(s.serial_scanner.suffix)
        self.serial_status = QLabel()
        self.serial_status.setObjectName("devices.serial.status")
        form.addRow(self.tr("Port:"), self.serial_port)
        form.addRow(self.tr("Speed (baud):"), self.serial_baud)
        form.addRow(self.tr("Code ends with:"), self.serial_end)
        form.addRow(self.tr("Remove prefix:"), self.serial_prefix)
        form.addRow(self.tr("Remove suffix:"), self.serial_suffix)
        form.addRow(self.tr("Status:"), self.serial_status)
        lay.addWidget(serial)

        test = QGroupBox(self.tr("Test"))
        tl = QVBoxLayout(test)
        row = QHBoxLayout()
        self.test_scan_button = QPushButton(self.tr("Test scan"))
        self.test_scan_button.setObjectName("devices.testScan")
        self.test_scan_button.clicked.connect(self.test_scan)
        row.addWidget(self.test_scan_button)
        self.scan_result = QLabel(self.tr("Press “Test scan”, then scan any barcode."))
        self.scan_result.setObjectName("devices.scanResult")
        self.scan_result.setWordWrap(True)
        self.scan_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.scan_result, 1)
        tl.addLayout(row)
        self.gs1_result = QLabel()
        self.gs1_result.setObjectName("devices.gs1")
        self.gs1_result.setWordWrap(True)
        tl.addWidget(self.gs1_result)
        lay.addWidget(test)
        lay.addStretch(1)
        return page

    def _scale_tab(self) -> QWidget:
        s = self.hub.settings.scale
        page = QWidget()
        lay = QVBoxLayout(page)
        box = QGroupBox(self.tr("Serial scale"))
        box.setObjectName("devices.scale")
        box.setCheckable(True)
        box.setChecked(s.enabled)
        self.scale_box = box
        form = QFormLayout(box)
        self.scale_port = _editable()
        _fill_ports(self.scale_port, [], s.port)
        self.scale_baud = _combo([(str(b), b) for b in serial_scanner.BAUD_RATES], s.baudrate)
        self.scale_protocol = _combo([(self.tr("MT-SICS (Mettler Toledo and compatibles)"), "sics"),
                                      (self.tr("Continuous line “ST,GS,+0001.234kg” (most Chinese indicators)"),
                                       "stream")], s.protocol)
        self.scale_mode = _combo([(self.tr("Ask for each weight"), "request"),
                                  (self.tr("The scale sends all the time"), "continuous")], s.mode)
        self.scale_status = QLabel()
        self.scale_status.setObjectName("devices.scale.status")
        form.addRow(self.tr("Port:"), self.scale_port)
        form.addRow(self.tr("Speed (baud):"), self.scale_baud)
        form.addRow(self.tr("Protocol:"), self.scale_protocol)
        form.addRow(self.tr("Mode:"), self.scale_mode)
        form.addRow(self.tr("Status:"), self.scale_status)
        lay.addWidget(box)
        test = QGroupBox(self.tr("Test"))
        tl = QVBoxLayout(test)
        row = QHBoxLayout()
        self.weigh_button = QPushButton(self.tr("Read weight"))
        self.weigh_button.setObjectName("devices.weigh")
        self.weigh_button.clicked.connect(self.test_weigh)
        self.tare_button = QPushButton(self.tr("Tare"))
        self.tare_button.setObjectName("devices.tare")
        self.tare_button.clicked.connect(self.test_tare)
        row.addWidget(self.weigh_button)
        row.addWidget(self.tare_button)
        row.addStretch(1)
        tl.addLayout(row)
        self.weight_label = QLabel("—")
        self.weight_label.setObjectName("devices.weight")
        font = self.weight_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.weight_label.setFont(font)
        self.weight_state = QLabel()
        self.weight_state.setObjectName("devices.weightState")
        self.weight_state.setWordWrap(True)
        tl.addWidget(self.weight_label)
        tl.addWidget(self.weight_state)
        lay.addWidget(test)
        lay.addStretch(1)
        return page

    def _label_tab(self) -> QWidget:
        s = self.hub.settings.label_printer
        page = QWidget()
        lay = QVBoxLayout(page)
        box = QGroupBox(self.tr("Thermal label printer"))
        box.setObjectName("devices.label")
        form = QFormLayout(box)
        self.label_kind = _combo([(self.tr("Network (raw TCP, port 9100)"), "tcp"),
                                  (self.tr("Serial port"), "serial"),
                                  (self.tr("USB printer device (Linux /dev/usb/lp*)"), "device"),
                                  (self.tr("CUPS queue (raw)"), "cups"),
                                  (self.tr("Windows printer (raw)"), "windows")], s.kind)
        self.label_kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.label_address = _editable()
        self.label_address.setObjectName("devices.label.address")
        _fill_ports(self.label_address, [], s.address)
        self.label_name = QLineEdit(s.name)
        self.label_name.setPlaceholderText(self.tr("e.g. Packing bench 3"))
        self.label_language = _combo([(self.tr("ZPL (Zebra and compatibles)"), "zpl"),
                                      (self.tr("TSPL (TSC, Gprinter, Xprinter)"), "tspl")], s.language)
        self.label_language.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.label_dpi = _combo([("203 dpi", 203), ("300 dpi", 300)], s.dpi)
        self.label_cjk = _combo([(self.tr("The printer's Chinese font"), "font"),
                                 (self.tr("Sent as pictures (printer without a Chinese font)"), "bitmap")], s.cjk)
        self.label_cjk.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.label_font = QLineEdit(s.cjk_font)
        self.label_font.setToolTip(self.tr("The TrueType font with Chinese on the printer, as the printer lists it "
                                           "(e.g. E:SIMSUN.TTF)"))
        self.label_baud = _combo([(str(b), b) for b in serial_scanner.BAUD_RATES], s.baudrate)
        self.label_flow = _combo([(self.tr("None"), "none"), (self.tr("XON/XOFF (software)"), "xonxoff"),
                                  (self.tr("RTS/CTS (hardware)"), "rtscts"), (self.tr("DSR/DTR (hardware)"), "dsrdtr")],
                                 s.flow_control)
        self.label_status = QLabel()
        self.label_status.setObjectName("devices.label.status")
        self.label_status.setWordWrap(True)
        self.address_label = QLabel(self.tr("Address:"))
        form.addRow(self.tr("Connected by:"), self.label_kind)
        form.addRow(self.address_label, self.label_address)
        form.addRow(self.tr("Name:"), self.label_name)
        form.addRow(self.tr("Language:"), self.label_language)
        form.addRow(self.tr("Resolution:"), self.label_dpi)
        form.addRow(self.tr("Chinese text:"), self.label_cjk)
        form.addRow(self.tr("Printer font:"), self.label_font)
        form.addRow(self.tr("Speed (baud):"), self.label_baud)
        form.addRow(self.tr("Flow control:"), self.label_flow)
        form.addRow(self.tr("Status:"), self.label_status)
        self.label_form = form
        lay.addWidget(box)
        row = QHBoxLayout()
        self.print_test_button = QPushButton(self.tr("Print test label"))
        self.print_test_button.setObjectName("devices.printTest")
        self.print_test_button.clicked.connect(self.print_test_label)
        row.addWidget(self.print_test_button)
        self.print_result = QLabel()
        self.print_result.setObjectName("devices.printResult")
        self.print_result.setWordWrap(True)
        row.addWidget(self.print_result, 1)
        lay.addLayout(row)
        lay.addStretch(1)
        return page

    def _a4_tab(self) -> QWidget:
        s = self.hub.settings
        page = QWidget()
        lay = QVBoxLayout(page)
        box = QGroupBox(self.tr("Office printer for invoices, picking lists and packing slips"))
        form = QFormLayout(box)
        self.a4_printer = QComboBox()
        self.a4_printer.setObjectName("devices.a4")
        self.a4_printer.setMinimumContentsLength(30)
        self.a4_printer.addItem(self.tr("The system's default printer"), "")
        self.a4_printer.addItem(self.tr("Ask every time"), ASK_EACH_TIME)
        for name in QPrinterInfo.availablePrinterNames():
            self.a4_printer.addItem(name, name)
        if self.a4_printer.findData(s.a4_printer) < 0:
            self.a4_printer.addItem(self.tr("%1 (not found)").replace("%1", s.a4_printer), s.a4_printer)
        self.a4_printer.setCurrentIndex(self.a4_printer.findData(s.a4_printer))
        form.addRow(self.tr("Printer:"), self.a4_printer)
        self.packing_slip = QCheckBox(self.tr("Print a packing slip with each parcel packed at this station"))
        self.packing_slip.setObjectName("devices.packingSlip")
        self.packing_slip.setChecked(s.packing_slip)
        form.addRow("", self.packing_slip)
        lay.addWidget(box)
        lay.addStretch(1)
        return page

    def _kind_changed(self) -> None:
        kind = self.label_kind.currentData()
        placeholder = {"tcp": self.tr("192.168.1.50 or printer-name:9100"), "serial": self.tr("/dev/ttyUSB0, COM3 …"),
                       "device": "/dev/usb/lp0", "cups": self.tr("the raw queue's name"),
                       "windows": self.tr("the printer's name in Windows")}
        self.label_address.lineEdit().setPlaceholderText(placeholder.get(kind, ""))
        self.address_label.setText(self.tr("Queue:") if kind == "cups" else self.tr("Printer:") if kind == "windows"
                                   else self.tr("Port:") if kind == "serial" else self.tr("Address:"))
        current = _port_value(self.label_address)
        items: list[tuple[str, str]] = []
        if kind == "serial":
            items = [(p.label(), p.spec) for p in self.found["ports"]]
        elif kind in ("device", "cups", "windows"):
            items = [(n, n) for n in self.found[{"device": "usb_lp"}.get(kind, kind)]]
        _fill_ports(self.label_address, items, current)
        serial = kind == "serial"
        zpl = self.label_language.currentData() == "zpl"
        font = self.label_cjk.currentData() == "font"
        for w, visible in ((self.label_baud, serial), (self.label_flow, serial), (self.label_font, zpl and font)):
            self.label_form.setRowVisible(w, visible)

    # ------------------------------------------------------------------------------ discovery
    def refresh(self) -> ops.Job:
        self.refresh_button.setEnabled(False)
        self.discovery = ops.run_job(lambda _ctl: discover(), parent=self, show_progress=False, pool=self.hub.pool,
                                     on_finished=self._found,
                                     on_failed=lambda _exc: self.refresh_button.setEnabled(True))
        return self.discovery

    def _found(self, found: dict[str, list[Any]]) -> None:
        self.found = found
        ports = [(p.label(), p.spec) for p in found["ports"]]
        _fill_ports(self.serial_port, ports, _port_value(self.serial_port))
        _fill_ports(self.scale_port, ports, _port_value(self.scale_port))
        self._kind_changed()
        self.refresh_button.setEnabled(True)

    # ------------------------------------------------------------------------------ settings
    def settings(self) -> DeviceSettings:
        """The settings as the dialog shows them."""
        return DeviceSettings(
            WedgeSettings(self.wedge_box.isChecked(), self.wedge_gap.value(), self.wedge_min.value(),
                          self.wedge_prefix.text(), self.wedge_suffix.text(), str(self.wedge_end.currentData())),
            SerialScannerSettings(self.serial_box.isChecked(), _port_value(self.serial_port),
                                  int(self.serial_baud.currentData()), str(self.serial_end.currentData()),
                                  self.serial_prefix.text(), self.serial_suffix.text()),
            ScaleSettings(self.scale_box.isChecked(), _port_value(self.scale_port), int(self.scale_baud.currentData()),
                          str(self.scale_protocol.currentData()), str(self.scale_mode.currentData())),
            LabelPrinterSettings(str(self.label_kind.currentData()), _port_value(self.label_address),
                                 self.label_name.text().strip(), str(self.label_language.currentData()),
                                 int(self.label_dpi.currentData()), str(self.label_cjk.currentData()),
                                 self.label_font.text().strip() or LabelPrinterSettings().cjk_font,
                                 int(self.label_baud.currentData()), str(self.label_flow.currentData())),
            str(self.a4_printer.currentData() or ""), self.packing_slip.isChecked())

    def _try(self) -> DeviceSettings:
        """Run the devices with the dialog's settings (not saved yet)."""
        s = self.settings()
        if s != self.hub.settings:
            self.hub.apply(s)
        return s

    def apply(self) -> None:
        self.saved = self.settings()
        self.hub.apply(self.saved, save=True)

    def accept(self) -> None:
        self.apply()
        self._done()
        super().accept()

    def reject(self) -> None:
        if self.hub.settings != self.saved:
            self.hub.apply(self.saved)           # back to what is saved
        self._done()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._done()
        super().closeEvent(event)

    def _done(self) -> None:
        """Stop listening to the hub (the dialog may be closed more than once)."""
        if self._listening:
            self._listening = False
            self.hub.cancel_capture()
            self.hub.status_changed.disconnect(self._show_status)
            self.hub.weight_read.disconnect(self._show_weight)

    # ------------------------------------------------------------------------------ status
    def _show_status(self, device: str, state: str, detail: str) -> None:
        texts = {"connected": self.tr("connected (%1)"), "disconnected": self.tr("not connected: %1"),
                 "off": self.tr("off"), "ready": self.tr("set up"), "ok": self.tr("the last label was sent"),
                 "error": self.tr("the last label failed: %1")}
        text = texts.get(state, state).replace("%1", detail)
        style = OK_STYLE if state in ("connected", "ok") else ERROR_STYLE if state in ("disconnected", "error") else ""
        label = {"serial_scanner": self.serial_status, "scale": self.scale_status,
                 "label_printer": self.label_status}.get(device)
        if label is not None:
            label.setText(text)
            label.setStyleSheet(style)

    # ------------------------------------------------------------------------------ tests
    def test_scan(self) -> None:
        s = self._try()
        if not s.wedge.enabled and not s.serial_scanner.enabled:
            self._say(self.scan_result, self.tr("Turn on a scanner above first."), False)
            return
        self.hub.capture_next_scan(self._scanned)
        self.gs1_result.clear()
        self._say(self.scan_result, self.tr("Waiting for a scan… scan any barcode now."), None)

    def _scanned(self, code: str, source: str) -> None:
        where = (self.tr("the keyboard scanner") if source == "wedge"
                 else self.tr("the serial scanner on %1").replace("%1", self.hub.state("serial_scanner")[1]))
        self._say(self.scan_result, self.tr("Scanned “%1” from %2.").replace("%1", code).replace("%2", where), True)
        self.gs1_result.setText(self.describe_gs1(code))

    def describe_gs1(self, code: str) -> str:
        if not looks_like_gs1(code):
            return ""
        try:
            data = parse_gs1(code)
        except Gs1Error as exc:
            return self.tr("GS1 data that cannot be read: %1").replace("%1", str(exc))
        sep = self.tr("; ", "between the GS1 fields")
        return self.tr("GS1: %1").replace("%1", sep.join(self._gs1_parts(data)))

    def _gs1_parts(self, d: Gs1Data) -> list[str]:
        parts = []
        for value, text in ((d.gtin, self.tr("GTIN %1")), (d.lot, self.tr("lot %1")),
                            (d.expiry, self.tr("expiry %1")), (d.best_before, self.tr("best before %1")),
                            (d.production_date, self.tr("made %1")), (d.serial, self.tr("serial %1")),
                            (d.sscc, self.tr("SSCC %1")), (d.quantity, self.tr("quantity %1")),
                            (d.weight_kg, self.tr("net %1 kg"))):
            if value is not None:
                parts.append(text.replace("%1", format_qty(value) if text.endswith("kg") else str(value)))
        return parts

    def test_weigh(self) -> ops.Job | None:
        s = self._try()
        if not s.scale.enabled or not s.scale.port:
            self._say(self.weight_state, self.tr("Turn on the scale and choose its port first."), False)
            return None
        self._say(self.weight_state, self.tr("Reading the scale…"), None)
        self.job = self.hub.read_weight(stable=False, timeout=3.0, on_finished=self._weighed, on_failed=self._failed)
        return self.job

    def test_tare(self) -> ops.Job | None:
        s = self._try()
        if not s.scale.enabled or not s.scale.port:
            self._say(self.weight_state, self.tr("Turn on the scale and choose its port first."), False)
            return None
        self._say(self.weight_state, self.tr("Taring…"), None)
        self.job = self.hub.tare(on_finished=self._tared, on_failed=self._failed)
        return self.job

    def _weighed(self, w: Weight) -> None:
        self._show_weight(w)

    def _show_weight(self, w: Weight) -> None:
        self.weight_label.setText(self.tr("%1 kg").replace("%1", format_decimal(w.kg, 3)))
        kind = {"net": self.tr("net"), "gross": self.tr("gross")}.get(w.kind, w.kind)
        state = self.tr("stable") if w.stable else self.tr("unstable (still moving)")
        self._say(self.weight_state, f"{state} · {kind}", w.stable)

    def _tared(self, w: Weight) -> None:
        self._say(self.weight_state, self.tr("Tared: %1 kg will be taken off each weight.")
                  .replace("%1", format_decimal(w.kg, 3)), True)

    def _failed(self, exc: BaseException) -> None:
        self._say(self.weight_state, ops.describe_error(exc)[1], False)

    def print_test_label(self) -> ops.Job | None:
        s = self._try()
        try:
            printer = s.label_printer.config()
            if printer is None:
                raise PrinterError(s.label_printer.kind, "", "bad_config", self.tr("no address"))
            data = self.hub.test_label(printer)
        except Exception as exc:
            self._say(self.print_result, ops.describe_error(exc)[1], False)
            return None
        self._say(self.print_result, self.tr("Sending the test label…"), None)
        self.job = self.hub.print_label(
            data, printer=printer,
            on_finished=lambda _r: self._say(self.print_result, self.tr("The test label went to %1 (%2 bytes).")
                                              .replace("%1", printer.address).replace("%2", str(len(data))), True),
            on_failed=lambda exc: self._say(self.print_result, ops.describe_error(exc)[1], False))
        return self.job

    @staticmethod
    def _say(label: QLabel, text: str, ok: bool | None) -> None:
        label.setText(text)
        label.setStyleSheet("" if ok is None else OK_STYLE if ok else ERROR_STYLE)

