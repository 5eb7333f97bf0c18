"""Settings > Devices as the person setting up a packing bench meets it: print a test label to a
network printer (a TCP listener gets the exact ZPL), weigh and tare on a scale (a pseudo-terminal
answering MT-SICS), test scans from the keyboard wedge and a serial scanner (GS1 read), CUPS
queues found by a real lpstat on PATH, OK keeps the settings for this machine and Cancel goes
back; the main window's Settings menu and status bar; the dialog in Chinese, tab by tab."""

from __future__ import annotations

import os
import stat
import sys
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erp_desktop.devices.labels import test_label_zpl
from erp_desktop.ui import app as ui_app
from erp_desktop.ui.devices import (
    DeviceHub,
    DeviceSettings,
    LabelPrinterSettings,
    WedgeSettings,
    load_device_settings,
)
from erp_desktop.ui.devices_dialog import DevicesDialog
from tests.devices.test_scale import PtyScale
from tests.ui.test_device_hub import Listener, PtyPort

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and shell scripts are POSIX")


@pytest.fixture
def hub(bridge):
    h = DeviceHub(bridge, load_device_settings()).start()
    yield h
    h.stop()


@pytest.fixture
def dialog(qtbot, hub):
    dlg = DevicesDialog(hub)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(lambda: dlg.refresh_button.isEnabled(), timeout=5000)     # discovery is back
    return dlg


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def wait_job(qtbot, job, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: not job.running, timeout=timeout)


def test_print_test_label_sends_the_exact_zpl_and_ok_keeps_the_settings(qtbot, dialog, hub):
    printer = Listener()
    dialog.tabs.setCurrentIndex(2)
    choose(dialog.label_kind, "tcp")
    dialog.label_address.setEditText(f"127.0.0.1:{printer.port}")
    dialog.label_name.setText("打包台 3")
    choose(dialog.label_language, "zpl")
    choose(dialog.label_dpi, 203)
    choose(dialog.label_cjk, "font")
    dialog.label_font.setText("E:SIMSUN.TTF")
    assert dialog.label_font.isVisibleTo(dialog) and not dialog.label_baud.isVisibleTo(dialog)
    QTest.mouseClick(dialog.print_test_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, dialog.job)
    printer.thread.join(2)
    assert printer.jobs == [test_label_zpl("打包台 3", dpi=203, cjk="font", cjk_font="E:SIMSUN.TTF")]
    assert dialog.print_result.text().startswith(f"The test label went to 127.0.0.1:{printer.port}")
    assert dialog.label_status.text() == "the last label was sent"
    printer.close()

    # nobody listens any more: said in words, in red
    dialog.print_test_label()
    wait_job(qtbot, dialog.job)
    assert "refused the connection" in dialog.print_result.text() and "#c62828" in dialog.print_result.styleSheet()
    # no address: the printer settings are incomplete, nothing is sent
    dialog.label_address.setEditText("")
    assert dialog.print_test_label() is None and "settings are incomplete" in dialog.print_result.text()

    dialog.label_address.setEditText(f"127.0.0.1:{printer.port}")
    choose(dialog.label_kind, "serial")
    assert dialog.label_baud.isVisibleTo(dialog) and dialog.address_label.text() == "Port:"
    choose(dialog.label_kind, "tcp")
    dialog.packing_slip.setChecked(True)
    dialog.accept()
    saved = load_device_settings()
    assert saved.label_printer == LabelPrinterSettings("tcp", f"127.0.0.1:{printer.port}", "打包台 3", "zpl", 203,
                                                       "font", "E:SIMSUN.TTF")
    assert saved.packing_slip and hub.settings == saved and hub.packing_slip()


@POSIX
def test_weigh_and_tare_on_a_sics_scale_then_cancel_goes_back(qtbot, dialog, hub, tmp_path):
    readings = iter(["S D      1.100 kg", "S S      1.234 kg"])
    tared = []

    def answer(cmd: str) -> list[str]:
        if cmd == "SI":
            return [f"S S      {Decimal('1.234') - Decimal('0.250'):.3f} kg"] if tared else [next(readings)]
        if cmd == "T":
            tared.append(True)
            return ["T S      0.250 kg"]
        return ["ES"]

    scale = PtyScale(tmp_path / "ttyScale", answer)
    scale.plug()
    try:
        dialog.tabs.setCurrentIndex(1)
        dialog.scale_box.setChecked(True)
        dialog.scale_port.setEditText(str(scale.link))
        choose(dialog.scale_protocol, "sics")
        choose(dialog.scale_mode, "request")
        wait_job(qtbot, dialog.test_weigh())
        assert dialog.weight_label.text() == "1.100 kg"
        assert dialog.weight_state.text() == "unstable (still moving) · gross"
        assert dialog.scale_status.text() == f"connected ({scale.link})"
        wait_job(qtbot, dialog.test_weigh())
        assert dialog.weight_label.text() == "1.234 kg" and dialog.weight_state.text() == "stable · gross"
        wait_job(qtbot, dialog.test_tare())
        assert dialog.weight_state.text() == "Tared: 0.250 kg will be taken off each weight."
        wait_job(qtbot, dialog.test_weigh())
        assert dialog.weight_label.text() == "0.984 kg" and dialog.weight_state.text() == "stable · net"
        assert hub.describe() == ("Scale: connected", False)

        running = hub.scale()
        dialog.reject()                               # nothing saved: the scale is off again
        assert not running.running and hub.state("scale")[0] == "off"
        assert load_device_settings() == DeviceSettings() == hub.settings
    finally:
        scale.unplug()


@POSIX
def test_scale_errors_are_said_in_words(qtbot, dialog, tmp_path):
    dialog.scale_box.setChecked(True)
    dialog.scale_port.setEditText(str(tmp_path / "ttyNothing"))
    wait_job(qtbot, dialog.test_weigh(), timeout=8000)
    assert dialog.weight_state.text() == "Scale: the scale is not connected (cable, port, speed?)"
    assert dialog.scale_status.text().startswith("not connected: ")
    dialog.scale_box.setChecked(False)
    assert dialog.test_tare() is None and "Turn on the scale" in dialog.weight_state.text()


@POSIX
def test_test_scan_from_the_wedge_and_from_a_serial_scanner_with_gs1(qtbot, dialog, hub, bridge, tmp_path):
    dialog.tabs.setCurrentIndex(0)
    dialog.activateWindow()
    dialog.wedge_prefix.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.wedge_prefix, timeout=1000)
    dialog.test_scan_button.click()
    assert dialog.scan_result.text() == "Waiting for a scan… scan any barcode now."
    with qtbot.assertNotEmitted(bridge.scanned, wait=100):      # the test scan does not reach the screens
        QTest.keyClicks(dialog.wedge_prefix, "6901234567892")
        QTest.keyClick(dialog.wedge_prefix, Qt.Key.Key_Return)
    assert dialog.scan_result.text() == "Scanned “6901234567892” from the keyboard scanner."
    assert dialog.wedge_prefix.text() == "" and dialog.gs1_result.text() == ""

    port = PtyPort(tmp_path / "ttyScanner").plug()
    try:
        dialog.serial_box.setChecked(True)
        dialog.serial_port.setEditText(str(port.link))
        choose(dialog.serial_end, "CRLF")
        dialog.test_scan()                           # runs the serial scanner as the dialog shows it
        qtbot.waitUntil(lambda: hub.state("serial_scanner")[0] == "connected", timeout=3000)
        assert dialog.serial_status.text() == f"connected ({port.link})"
        os.write(port.master, b"]C101069012345678921726123110LOT42\r\n")     # GS1-128 with its AIM id
        qtbot.waitUntil(lambda: "serial scanner" in dialog.scan_result.text(), timeout=3000)
        assert dialog.gs1_result.text() == "GS1: GTIN 06901234567892; lot LOT42; expiry 2026-12-31"
        # a scan after the test goes to the screens again
        with qtbot.waitSignal(bridge.scanned, timeout=3000) as sig:
            os.write(port.master, b"A-01-02\r\n")
        assert sig.args == ["A-01-02"]
    finally:
        dialog.reject()
        port.unplug()
    assert hub.serial is None


@POSIX
def test_cups_queues_found_by_lpstat_are_offered(qtbot, hub, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lpstat = bin_dir / "lpstat"
    lpstat.write_text("#!/bin/sh\necho Zebra_GK420d_raw\necho TSC_TE244\n")
    lpstat.chmod(lpstat.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    dlg = DevicesDialog(hub)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.found["cups"] != [], timeout=5000)
    choose(dlg.label_kind, "cups")
    items = [dlg.label_address.itemText(i) for i in range(dlg.label_address.count())]
    assert items == ["Zebra_GK420d_raw", "TSC_TE244"] and dlg.address_label.text() == "Queue:"
    assert dlg.settings().label_printer.kind == "cups"


def test_main_window_settings_menu_and_device_status(qtbot, ctx, bridge, hub):
    from erp_desktop.ui.main_window import MainWindow

    hub.apply(DeviceSettings(WedgeSettings(), label_printer=LabelPrinterSettings("tcp", "127.0.0.1:9")))
    win = MainWindow(ctx, bridge, docks=(), devices=hub)
    qtbot.addWidget(win)
    win.show()
    assert win.settings_menu.title() == "&Settings" and win.devices_action.text() == "&Devices…"
    assert win.devices_label.text() == "Label printer: ready" and win.devices_label.isVisible()
    dlg = win.show_devices()
    assert isinstance(dlg, DevicesDialog) and dlg.isVisible()
    wait_job(qtbot, dlg.print_test_label())           # port 9: nothing listens
    assert win.devices_label.text() == "Label printer: error" and "#c62828" in win.devices_label.styleSheet()
    dlg.reject()
    win.close()


def test_dialog_in_chinese(qtbot, qapp, hub, tmp_path):
    ui_app.install_translations(qapp, "zh_CN")
    dlg = DevicesDialog(hub)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.windowTitle() == "本工位的设备"
    titles = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert titles == ["扫描枪", "电子秤", "标签打印机", "A4 打印机"]
    dlg.scan_result.setText(dlg.tr("Scanned “%1” from %2.").replace("%1", "6901234567892")
                            .replace("%2", dlg.tr("the keyboard scanner")))
    dlg.gs1_result.setText(dlg.describe_gs1("(01)06901234567892(17)261231(10)LOT42"))
    for i in range(dlg.tabs.count()):
        dlg.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        assert dlg.grab().save(str(tmp_path / f"devices_zh_{i}.png"))
    assert dlg.gs1_result.text() == "GS1：GTIN 06901234567892；批号 LOT42；有效期至 2026-12-31"
    dlg.reject()
