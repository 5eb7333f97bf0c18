"""The Stocktake dock as counters meet it: scan a bin label, scan items (keyboard wedge or a
serial scanner through a pseudo-terminal), typed quantities for cases, loud unknown barcodes,
blind counts; the list with bins, differences and the post button for leads."""

from __future__ import annotations

import os
import sys
import tty
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from erp_desktop.devices.serial_scanner import SerialScannerConfig
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.services import stock, stocktake
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui import app as ui_app
from erp_desktop.ui.docks.registry import DOCKS
from erp_desktop.ui.docks.stocktake import StocktakeDock
from erp_desktop.ui.main_window import MainWindow
from tests.stock_fixtures import make_world

CUP, LID, UNKNOWN = make_ean13("690123400001"), make_ean13("690123400002"), make_ean13("400638133393")


@pytest.fixture
def count(db, session_factory):
    """Warehouse HZ with cups in A-01 and lids in A-02; a count of both bins, planned."""
    w = make_world(db)
    with db.superuser() as su:
        su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, %s, 'EAN13'), (%s, %s, 'EAN13')",
                   (w.sku["CUP"], CUP, w.sku["LID"], LID))
    with session_factory.begin() as s:
        stock.receive_goods(s, w.sku["CUP"], w.bin["HZ/A-01"], D(5))
        stock.receive_goods(s, w.sku["LID"], w.bin["HZ/A-02"], D(24))
        st = stocktake.create_stocktake(s, w.wh["HZ"], "bins", location_ids=[w.bin["HZ/A-01"], w.bin["HZ/A-02"]],
                                        note="月末盘点")
    return st


def make_dock(qtbot, ctx, bridge) -> StocktakeDock:
    win = QMainWindow()
    qtbot.addWidget(win)
    d = StocktakeDock(ctx, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: d.counts_model.rowCount() == 1, timeout=3000)
    d.host = win                          # keep the window alive as long as the dock
    return d


@pytest.fixture
def dock(qtbot, ctx, bridge, count):
    d = make_dock(qtbot, ctx, bridge)
    yield d
    d.scanner.stop()


def focus(qtbot, widget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=1000)


def wedge(widget, code: str, delay_ms: int = -1) -> None:
    """A keyboard-wedge scanner: the keys one right after the other, then Enter."""
    QTest.keyClicks(widget, code, Qt.KeyboardModifier.NoModifier, delay_ms)
    QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, delay_ms)


def counted(screen) -> dict[str, str]:
    m = screen.model
    return {m.data(m.index(r, 0)): m.data(m.index(r, 3)) for r in range(m.rowCount())}


def open_screen(qtbot, dock):
    screen = dock.open_count_screen()
    assert screen is not None and dock.stack.currentWidget() is dock.count_page
    focus(qtbot, screen.input)
    return screen


def test_wedge_scans_count_one_each(qtbot, dock):
    screen = open_screen(qtbot, dock)
    assert "bin" in screen.banner.text().lower()
    with qtbot.waitSignal(dock.scan_detector.scanned):
        wedge(screen.input, "A-01")                 # the bin label
    assert screen.bin_label.text() == "A-01" and screen.bin.state == "counting"
    for n in (1, 2):
        with qtbot.waitSignal(dock.scan_detector.scanned) as sig:
            wedge(screen.input, CUP)
        assert sig.args == [CUP]
        assert counted(screen) == {"CUP": str(n)}
    assert screen.input.text() == ""                # the scan was taken back out of the field
    assert screen.banner_kind == "ok" and "now 2 in A-01" in screen.banner.text()
    # the expected quantity is shown (not a blind count); undo takes the last scan back
    m = screen.model
    assert m.data(m.index(0, 4)) == "5" and not screen.table.isColumnHidden(4)
    screen.undo_last()
    assert counted(screen) == {"CUP": "1"}
    screen.finish_bin()
    assert screen.bin is None and "A-01 is counted" in screen.banner.text()
    dock.show_list()
    qtbot.waitUntil(lambda: dock.bins_model.rowCount() == 2, timeout=2000)
    assert dock.bins_model.data(dock.bins_model.index(0, 1)) == "counted"


def test_slow_typing_is_not_a_scan_but_a_typed_quantity_counts_the_next_scan(qtbot, dock):
    screen = open_screen(qtbot, dock)
    screen.enter_bin(next(b.id for b in screen.bins if b.code == "A-02"))
    focus(qtbot, screen.input)
    with qtbot.assertNotEmitted(dock.scan_detector.scanned, wait=50):
        wedge(screen.input, LID, delay_ms=120)      # a person typing, 120 ms between keys
    assert counted(screen) == {"LID": "0"}
    assert screen.input.text() == LID and screen.banner_kind == "warn"
    assert "not counted" in screen.banner.text()
    screen.input.clear()
    # a case of 12: type the quantity, Enter, then scan the case's barcode
    wedge(screen.input, "12", delay_ms=120)
    assert screen.quantity_label.text() == "Next scan counts: 12"
    wedge(screen.input, LID)
    qtbot.waitUntil(lambda: counted(screen) == {"LID": "12"}, timeout=2000)
    assert screen.quantity_label.text() == "Next scan counts: 1"


def test_unknown_barcode_is_loud_and_listed(qtbot, dock, count):
    screen = open_screen(qtbot, dock)
    wedge(screen.input, "A-01")
    qtbot.waitUntil(lambda: screen.bin is not None, timeout=2000)
    wedge(screen.input, UNKNOWN)
    assert screen.banner_kind == "error" and "#c62828" in screen.banner.styleSheet()
    assert UNKNOWN in screen.banner.text() and "Unknown barcode" in screen.banner.text()
    assert screen.unknown.count() == 1 and UNKNOWN in screen.unknown.item(0).text()
    assert counted(screen) == {"CUP": "0"}
    # a scan of a SKU works again right after
    wedge(screen.input, CUP)
    assert screen.banner_kind == "ok" and counted(screen) == {"CUP": "1"}
    dock.show_list()
    dock.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: dock.unknown_list.count() == 1, timeout=2000)
    assert UNKNOWN in dock.unknown_list.item(0).text() and dock.tabs.tabText(2) == "Unknown barcodes (1)"


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_serial_scanner_scan_reaches_the_count_screen(qtbot, ctx, bridge, count, tmp_path):
    spec = next(s for s in DOCKS if s.object_name == "dock.stocktake")
    win = MainWindow(ctx, bridge, docks=(spec,))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["dock.stocktake"]
    qtbot.waitUntil(lambda: dock.counts_model.rowCount() == 1, timeout=3000)
    screen = open_screen(qtbot, dock)
    assert win._last_active is dock

    master, slave = os.openpty()
    tty.setraw(slave)
    link = tmp_path / "ttyScanner"
    os.symlink(os.ttyname(slave), link)
    try:
        dock.scanner.start(SerialScannerConfig(str(link), terminator="CRLF", read_timeout=0.05))
        qtbot.waitUntil(lambda: dock.scanner.state == "connected", timeout=3000)
        assert "connected" in dock.scanner_label.text()
        os.write(master, b"A-02\r\n")
        qtbot.waitUntil(lambda: screen.bin is not None and screen.bin.code == "A-02", timeout=3000)
        os.write(master, LID[:6].encode())              # the code arrives in two pieces
        qtbot.wait(30)
        os.write(master, LID[6:].encode() + b"\r\n")
        qtbot.waitUntil(lambda: counted(screen) == {"LID": "1"}, timeout=3000)
        assert screen.banner_kind == "ok"
    finally:
        dock.scanner.stop()
        os.close(master)
        os.close(slave)
    win.close()


def test_blind_count_hides_expected_and_counters_cannot_post(qtbot, db, bridge, count, session_factory):
    with session_factory.begin() as s:
        stocktake.cancel_stocktake(s, count)
        wh = stocktake.get_stocktake(s, count).warehouse_id
        bins = [b.location_id for b in stocktake.list_bins(s, count)]
        stocktake.create_stocktake(s, wh, "bins", blind=True, location_ids=bins)
    counter = db.add_login("warehouse")
    sessions = db.sessions(counter)
    with sessions() as s:
        ctx = AppContext(sessions=sessions, identity=whoami(s), mode="embedded", database=db.name, server="test")
    d = make_dock(qtbot, ctx, bridge)
    assert not d.post_action.isVisible() and not d.new_action.isVisible() and d.count_action.isEnabled()
    screen = open_screen(qtbot, d)
    wedge(screen.input, "A-01")
    wedge(screen.input, CUP)
    qtbot.waitUntil(lambda: counted(screen) == {"CUP": "1"}, timeout=2000)
    assert screen.table.isColumnHidden(4)
    assert "5" not in screen.banner.text()
    d.show_list()
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "blind count" in d.variance_totals.text(), timeout=3000)
    assert d.variance_model.rowCount() == 0
    d.scanner.stop()


def test_lead_closes_and_posts_and_exports(qtbot, dock, count, session_factory, tmp_path):
    screen = open_screen(qtbot, dock)
    for code in ("A-01", CUP, CUP, CUP, CUP):
        wedge(screen.input, code)
    screen.finish_bin()
    wedge(screen.input, "A-02")
    screen.next_qty = D(24)
    wedge(screen.input, LID)
    screen.finish_bin()
    dock.show_list()
    assert dock.close_count()
    dock.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dock.variance_model.rowCount() == 2, timeout=3000)
    m = dock.variance_model
    assert [m.data(m.index(r, 6)) for r in range(2)] == ["-1", "0"]
    assert "net -10.00" in dock.variance_totals.text()
    job = dock.export_to(tmp_path / "st.pdf")
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert (tmp_path / "st.pdf").stat().st_size > 10_000
    box = dock.post_count()
    box.accept()
    qtbot.waitUntil(lambda: "is posted: 1 stock adjustment" in dock.message.text(), timeout=5000)
    with session_factory() as s:
        assert stock.check_ledger(s) == []
        assert stocktake.get_stocktake(s, count).status == "posted"


def test_count_screen_screenshot_in_chinese(qtbot, qapp, dock, tmp_path):
    ui_app.install_translations(qapp, "zh_CN")
    d2 = make_dock(qtbot, dock.ctx, dock.bridge)
    screen = open_screen(qtbot, d2)
    for code in ("A-02", LID, LID, UNKNOWN):
        wedge(screen.input, code)
    d2.window().resize(1100, 640)
    path = tmp_path / "count_screen.png"
    assert screen.grab().save(str(path))
    assert "未知条码" in screen.banner.text() and screen.quantity_label.text() == "下次扫描计数：1"
    screen.finish_bin()
    d2.show_list()
    d2.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d2.variance_model.rowCount() == 1, timeout=3000)
    assert d2.counts_model.data(d2.counts_model.index(0, 4)) == "盘点中"
    assert d2.grab().save(str(tmp_path / "list.png"))
    d2.scanner.stop()
