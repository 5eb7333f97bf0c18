"""The serial scanner of this machine: its settings, the reader (devices/serial_scanner.py)
started and stopped here, its codes handed to bridge.scanned like any other scan."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.devices.serial_port import list_ports
from erp_desktop.devices.serial_scanner import BAUD_RATES, SerialScanner, SerialScannerConfig
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.settings import to_bool

log = logging.getLogger(__name__)
GROUP = "devices/serial_scanner"          # per machine, not per user: the scanner is plugged in here


def load_config() -> tuple[SerialScannerConfig | None, bool]:
    s = QSettings()
    s.beginGroup(GROUP)
    port = str(s.value("port", "") or "")
    if not port:
        return None, False
    try:
        baud = int(s.value("baudrate", 9600))
    except (TypeError, ValueError):
        baud = 9600
    cfg = SerialScannerConfig(port, baudrate=baud, terminator=str(s.value("terminator", "CR") or "CR"),
                              prefix=str(s.value("prefix", "") or ""), suffix=str(s.value("suffix", "") or ""))
    return cfg, to_bool(s.value("autostart"), False)


def save_config(cfg: SerialScannerConfig, autostart: bool) -> None:
    s = QSettings()
    s.beginGroup(GROUP)
    for key, value in (("port", cfg.port), ("baudrate", cfg.baudrate), ("terminator", cfg.terminator),
                       ("prefix", cfg.prefix), ("suffix", cfg.suffix), ("autostart", autostart)):
        s.setValue(key, value)


class SerialScannerLink(QObject):
    """Runs the reader; `status_changed(state, detail)` arrives on the GUI thread."""

    status_changed = Signal(str, str)

    def __init__(self, bridge: Bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.reader: SerialScanner | None = None
        self.state, self.detail = "stopped", ""
        self._status_from_reader.connect(self._on_status)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    _status_from_reader = Signal(str, str)     # emitted on the reader's thread, queued here

    @property
    def running(self) -> bool:
        return self.reader is not None and self.reader.running

    def start(self, cfg: SerialScannerConfig) -> None:
        self.stop()
        self.reader = SerialScanner(cfg, on_scan=self.bridge.scanned.emit, on_status=self._status_from_reader.emit)
        self.reader.start()

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()
            self.reader = None
            self._on_status("stopped", "")

    def _on_status(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail
        self.status_changed.emit(state, detail)

    def describe(self) -> str:
        return self.describe_state(self.state, self.detail)

    def describe_state(self, state: str, detail: str) -> str:
        texts = {
            "connected": self.tr("Serial scanner connected: %1"),
            "disconnected": self.tr("Serial scanner not connected (%1); trying again…"),
            "stopped": self.tr("Serial scanner off"),
        }
        return texts.get(state, state).replace("%1", detail)


class SerialScannerDialog(QDialog):
    """Choose the port (USB scanners by vendor and product id), speed and framing; connect."""

    def __init__(self, link: SerialScannerLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setWindowTitle(self.tr("Serial scanner"))
        self.setObjectName("stocktake.scanner_dialog")
        cfg, autostart = load_config()
        form = QFormLayout()
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.setMinimumContentsLength(28)
        for p in list_ports():
            self.port.addItem(p.label(), p.spec)
        self.port.setToolTip(self.tr("A port such as /dev/ttyACM0 or COM3, or usb:VID:PID to find the scanner "
                                     "in any USB socket"))
        if cfg is not None:
            i = self.port.findData(cfg.port)
            if i >= 0:
                self.port.setCurrentIndex(i)
            else:
                self.port.setEditText(cfg.port)
        self.baud = QComboBox()
        for b in BAUD_RATES:
            self.baud.addItem(str(b), b)
        self.baud.setCurrentIndex(max(self.baud.findData(cfg.baudrate if cfg else 9600), 0))
        self.terminator = QComboBox()
        for key, text in (("CR", self.tr("CR (carriage return)")), ("LF", self.tr("LF (line feed)")),
                          ("CRLF", self.tr("CR LF")), ("ANY", self.tr("Any of them"))):
            self.terminator.addItem(text, key)
        self.terminator.setCurrentIndex(max(self.terminator.findData(cfg.terminator if cfg else "CR"), 0))
        self.prefix = QLineEdit(cfg.prefix if cfg else "")
        self.suffix = QLineEdit(cfg.suffix if cfg else "")
        self.autostart = QCheckBox(self.tr("Connect when the client starts"))
        self.autostart.setChecked(autostart)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Speed (baud):"), self.baud)
        form.addRow(self.tr("Code ends with:"), self.terminator)
        form.addRow(self.tr("Remove prefix:"), self.prefix)
        form.addRow(self.tr("Remove suffix:"), self.suffix)
        form.addRow("", self.autostart)
        self.status = QLabel(link.describe())
        self.status.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.disconnect_button = QPushButton(self.tr("Disconnect"))
        self.connect_button.clicked.connect(self.connect_scanner)
        self.disconnect_button.clicked.connect(self.link.stop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.disconnect_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        link.status_changed.connect(self._show_status)

    def config(self) -> SerialScannerConfig | None:
        port = self.port.currentData() if self.port.currentText() == self.port.itemText(self.port.currentIndex()) \
            else None
        port = (port or self.port.currentText()).strip()
        if not port:
            return None
        return SerialScannerConfig(port, baudrate=int(self.baud.currentData()),
                                   terminator=str(self.terminator.currentData()), prefix=self.prefix.text(),
                                   suffix=self.suffix.text())

    def connect_scanner(self) -> None:
        cfg = self.config()
        if cfg is None:
            self.status.setText(self.tr("Choose or type the scanner's port."))
            return
        save_config(cfg, self.autostart.isChecked())
        self.link.start(cfg)

    def _show_status(self, *_: str) -> None:
        self.status.setText(self.link.describe())
