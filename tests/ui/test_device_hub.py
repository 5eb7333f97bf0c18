"""The workstation's device hub: settings kept per machine, a serial scanner on a pseudo-terminal
whose codes reach bridge.scanned and whose unplug / replug shows in the status, the app-wide
keyboard wedge as the one path for scans (the docks' own detectors stand aside while it runs),
labels sent to a TCP listener standing in for a network printer, errors said in words."""

from __future__ import annotations

import os
import socket
import sys
import threading
import tty

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from erp_desktop.devices.labels import test_label_tspl
from erp_desktop.devices.printers import PrinterError
from erp_desktop.ui import ops
from erp_desktop.ui.devices import (
    ASK_EACH_TIME,
    DeviceHub,
    DeviceSettings,
    LabelPrinterSettings,
    ScaleSettings,
    SerialScannerSettings,
    WedgeSettings,
    current_hub,
    load_device_settings,
    save_device_settings,
)
from erp_desktop.ui.docks.stocktake.scanner import load_config
from erp_desktop.ui.widgets.scan_filter import ScanDetector
from tests.ui.test_stocktake_dock import count as stocktake_count  # noqa: F401  (a fixture)

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
NO_WEDGE = WedgeSettings(enabled=False)


class PtyPort:
    """A pseudo-terminal reachable under a fixed name, like a udev /dev/serial/by-id link."""

    def __init__(self, link) -> None:
        self.link = link
        self.master = self.slave = -1

    def plug(self) -> PtyPort:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        os.symlink(os.ttyname(self.slave), self.link)
        return self

    def unplug(self) -> None:
        os.unlink(self.link)
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = -1


class Listener:
    """A raw TCP printer on 127.0.0.1: each connection's bytes, read to EOF, are one job."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.jobs: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            chunks = []
            while data := conn.recv(65536):
                chunks.append(data)
            self.jobs.append(b"".join(chunks))

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def hubs(bridge):
    made: list[DeviceHub] = []

    def make(settings: DeviceSettings) -> DeviceHub:
        hub = DeviceHub(bridge, settings).start()
        made.append(hub)
        return hub

    yield make
    for hub in made:
        hub.stop()
    assert not QApplication.instance().property("erpAppWideWedge")


def test_settings_are_kept_per_machine_and_read_back(qtbot):
    assert load_device_settings() == DeviceSettings()          # nothing saved: the defaults
    wanted = DeviceSettings(
        WedgeSettings(True, 50, 6, "]C1", "", "tab"),
        SerialScannerSettings(True, "usb:1a86:7523", 115200, "CRLF", "]E0", ""),
        ScaleSettings(True, "/dev/ttyUSB1", 4800, "stream", "continuous"),
        LabelPrinterSettings("serial", "COM4", "打包台 3", "tspl", 300, "bitmap", "E:SIMSUN.TTF", 19200, "rtscts"),
        ASK_EACH_TIME, True)
    save_device_settings(wanted)
    assert load_device_settings() == wanted
    keys = QSettings().allKeys()
    # the machine's, not a user's or a database's (ui/settings.py keeps those under users/<db>/<role>/)
    assert keys and all(k.startswith("devices/") for k in keys), keys
    # the Stocktake dock's scanner dialog reads the same serial scanner
    cfg, autostart = load_config()
    assert cfg is not None and (cfg.port, cfg.baudrate, cfg.terminator, cfg.prefix) == ("usb:1a86:7523", 115200,
                                                                                      "CRLF", "]E0")
    assert autostart
    # values that make no sense fall back to the defaults instead of breaking the start
    QSettings().setValue("devices/scale/protocol", "morse")
    QSettings().setValue("devices/label_printer/dpi", "600")
    again = load_device_settings()
    assert again.scale.protocol == "sics" and again.label_printer.dpi == 203


@POSIX
def test_serial_scans_reach_the_bridge_and_unplug_replug_shows_in_the_status(qtbot, hubs, bridge, tmp_path):
    port = PtyPort(tmp_path / "ttyScanner").plug()
    hub = hubs(DeviceSettings(NO_WEDGE, SerialScannerSettings(True, str(port.link), terminator="CRLF")))
    assert current_hub() is hub
    qtbot.waitUntil(lambda: hub.state("serial_scanner")[0] == "connected", timeout=3000)
    assert hub.describe() == ("Scanner: connected", False)
    seen = []
    hub.scan_seen.connect(lambda code, source: seen.append((code, source)))
    with qtbot.waitSignal(bridge.scanned, timeout=3000) as sig:
        os.write(port.master, b"69012345")               # a code in two pieces
        qtbot.wait(30)
        os.write(port.master, b"67892\r\n")
    assert sig.args == ["6901234567892"] and seen == [("6901234567892", "serial")]

    with qtbot.waitSignal(hub.status_changed, timeout=3000,
                          check_params_cb=lambda d, s, _x: (d, s) == ("serial_scanner", "disconnected")):
        port.unplug()
    text, attention = hub.describe()
    assert text == "Scanner: not connected" and attention
    port.plug()                                          # plugged back: found again under its name
    qtbot.waitUntil(lambda: hub.state("serial_scanner")[0] == "connected", timeout=5000)
    with qtbot.waitSignal(bridge.scanned, timeout=3000) as sig:
        os.write(port.master, b"A-01-02\r\n")
    assert sig.args == ["A-01-02"]

    # the Devices dialog's test scan takes the next code instead of the screens
    captured = []
    hub.capture_next_scan(lambda code, source: captured.append((code, source)))
    with qtbot.assertNotEmitted(bridge.scanned, wait=300):
        os.write(port.master, b"TEST-1\r\n")
        qtbot.waitUntil(lambda: captured == [("TEST-1", "serial")], timeout=3000)

    reader = hub.serial
    hub.stop()
    assert not reader.running and hub.serial is None and current_hub() is None
    port.unplug()


def test_the_app_wide_wedge_is_the_one_path_for_scans(qtbot, hubs, bridge):
    hub = hubs(DeviceSettings(WedgeSettings(True, 30, 4)))      # started before the window, as app.py does
    assert hub.state("wedge") == ("on", "")
    win = QWidget()
    qtbot.addWidget(win)
    edit = QLineEdit()
    QVBoxLayout(win).addWidget(edit)
    dock_scans = []
    detector = ScanDetector(win).install()          # a dock's own detector, as the Stocktake dock has
    detector.scanned.connect(dock_scans.append)
    win.show()
    qtbot.waitExposed(win)
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=1000)

    with qtbot.waitSignal(bridge.scanned, timeout=2000) as sig:
        QTest.keyClicks(edit, "6901234567892")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert sig.args == ["6901234567892"]
    qtbot.wait(50)
    assert edit.text() == "" and dock_scans == []   # nothing landed in the field, the scan came once

    # turned off in the settings: the dock's detector takes scans again
    hub.apply(DeviceSettings(NO_WEDGE))
    assert hub.wedge is None and hub.state("wedge") == ("off", "")
    QTest.keyClicks(edit, "6901234567892")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert dock_scans == ["6901234567892"]
    detector.uninstall()


def test_labels_go_to_the_network_printer_and_failures_are_said_in_words(qtbot, hubs):
    printer = Listener()
    hub = hubs(DeviceSettings(NO_WEDGE, label_printer=LabelPrinterSettings(
        "tcp", f"127.0.0.1:{printer.port}", "Station 3", "tspl", 203, "font")))
    assert hub.state("label_printer")[0] == "ready" and hub.label_printer().language == "tspl"
    data = hub.test_label()
    assert data == test_label_tspl("Station 3", dpi=203, cjk="font")
    done = []
    with qtbot.waitSignal(hub.status_changed, timeout=5000, check_params_cb=lambda d, s, _x: s == "ok"):
        hub.print_label(data, on_finished=done.append)
    printer.thread.join(2)
    assert printer.jobs == [data] and done == [None]
    printer.close()

    failures: list[BaseException] = []
    with qtbot.waitSignal(hub.status_changed, timeout=5000, check_params_cb=lambda d, s, _x: s == "error"):
        hub.print_label(data, on_failed=failures.append)     # nobody listens on the port any more
    assert isinstance(failures[0], PrinterError) and failures[0].reason == "refused"
    title, text = ops.describe_error(failures[0])
    assert title == "Device problem"
    assert "refused the connection" in text and f"127.0.0.1:{printer.port}" in text
    assert hub.describe() == ("Label printer: error", True)
    assert "refused" in hub.state("label_printer")[1]

    # no label printer at this station: the packing station hears why
    hub.apply(DeviceSettings(NO_WEDGE))
    assert hub.label_printer() is None and hub.state("label_printer")[0] == "off"
    with qtbot.waitSignal(hub.status_changed, timeout=5000, check_params_cb=lambda d, s, _x: s == "error"):
        hub.print_label(b"^XA^XZ", on_failed=failures.append)
    assert "no label printer is set up" in ops.describe_error(failures[-1])[1]


@pytest.mark.usefixtures("stocktake_count")          # a planned count of bins
def test_the_stocktake_dock_counts_wedge_scans_once_through_the_hub(qtbot, ctx, bridge, hubs):
    from erp_desktop.ui.devices_dialog import DevicesDialog
    from erp_desktop.ui.docks.registry import DOCKS
    from erp_desktop.ui.main_window import MainWindow
    from tests.ui.test_stocktake_dock import CUP, counted, open_screen, wedge

    save_device_settings(DeviceSettings(serial_scanner=SerialScannerSettings(True, "/dev/ttyNothing")))
    hub = hubs(load_device_settings())                      # started before the window, as app.py does
    spec = next(s for s in DOCKS if s.object_name == "dock.stocktake")
    win = MainWindow(ctx, bridge, docks=(spec,), devices=hub)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["dock.stocktake"]
    qtbot.waitUntil(lambda: dock.counts_model.rowCount() == 1, timeout=3000)
    # the hub runs the serial scanner: the dock starts no reader of its own on the same port
    assert not dock.scanner.running
    assert dock.scanner_label.text().startswith("Serial scanner not connected (")
    screen = open_screen(qtbot, dock)
    with qtbot.waitSignal(bridge.scanned, timeout=2000):
        wedge(screen.input, "A-01")
    qtbot.waitUntil(lambda: screen.bin is not None and screen.bin.code == "A-01", timeout=2000)
    wedge(screen.input, CUP)
    qtbot.waitUntil(lambda: counted(screen) == {"CUP": "1"}, timeout=2000)
    qtbot.wait(100)
    assert counted(screen) == {"CUP": "1"} and screen.input.text() == ""     # once, and not in the field
    wedge(screen.input, "12", delay_ms=120)               # typed by a person: a quantity, not a scan
    assert screen.quantity_label.text() == "Next scan counts: 12"
    dlg = dock.show_scanner_dialog()
    assert isinstance(dlg, DevicesDialog)
    dlg.reject()
    win.close()
