"""The Stock dock as a user sees it: rows per SKU x warehouse, low stock at a glance, the drill-down,
the scanner-friendly dialogs, roles, and changes made elsewhere showing within a second."""

from __future__ import annotations

import time
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import text

from erp_desktop.db.listener import ChangeListener
from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.services import stock
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui.docks.stock import StockDock
from erp_desktop.ui.docks.stock.dialogs import AdjustDialog
from erp_desktop.ui.models.stock_table import AMBER, COL, RED
from tests.stock_fixtures import make_world

BARCODES = {"CUP": "6901234567892", "LID": "6901234567809", "MILK": "6920000000012", "PEN": "6920000000029"}


@pytest.fixture
def world(db, session_factory):
    w = make_world(db)
    with db.superuser() as su:
        for code, barcode in BARCODES.items():
            su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, %s, 'EAN13')",
                       (w.sku[code], barcode))
    with session_factory.begin() as s:
        stock.receive_goods(s, w.sku["CUP"], w.bin["HZ/A-01"], D(12))
        stock.receive_goods(s, w.sku["CUP"], w.bin["GZ/A-01"], D(4))
        stock.receive_goods(s, w.sku["LID"], w.bin["HZ/A-02"], D(30))
        stock.receive_goods(s, w.sku["PEN"], w.bin["HZ/B-01"], D(2))
    return w


def plan(sessions, world, sku, wh, safety):
    with sessions.begin() as s:
        s.execute(text("INSERT INTO stock.replenishment (sku_id, warehouse_id, safety_stock_set) VALUES (:s, :w, :q) "
                       "ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET safety_stock_set = EXCLUDED.safety_stock_set"),
                  {"s": world.sku[sku], "w": world.wh[wh], "q": safety})


def open_dock(qtbot, ctx, bridge) -> StockDock:
    win = QMainWindow()
    qtbot.addWidget(win)
    d = StockDock(ctx, bridge, win)
    d.test_window = win                  # keeps the window (and so the dock) alive
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: d.model.loaded and d.alerts.ready and d.count_label.text() != "",
                    timeout=3000)
    return d


@pytest.fixture
def dock(qtbot, ctx, bridge, world):
    d = open_dock(qtbot, ctx, bridge)
    yield d
    d.window().close()


def shown(dock: StockDock, row: int, column: str) -> str:
    return dock.model.data(dock.model.index(row, COL[column]))


def row_of(dock: StockDock, code: str, warehouse: str) -> int:
    for r in range(dock.model.rowCount()):
        x = dock.model.row_at(r)
        if x.code == code and x.warehouse == warehouse:
            return r
    return -1


def focus(qtbot, widget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=1000)


def scan(widget, code: str) -> None:
    """A keyboard-wedge scanner: the keys at once, then Enter."""
    QTest.keyClicks(widget, code, Qt.KeyboardModifier.NoModifier, 0)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def on_hand(sessions, world, sku, wh) -> D:
    with sessions() as s:
        return s.execute(text("SELECT coalesce(sum(on_hand), 0) FROM stock.level WHERE sku_id = :s "
                              "AND warehouse_id = :w"), {"s": world.sku[sku], "w": world.wh[wh]}).scalar_one()


def test_rows_per_sku_and_warehouse_filter_and_sort(qtbot, dock, world):
    rows = [(shown(dock, r, "code"), shown(dock, r, "warehouse"), shown(dock, r, "on_hand"))
            for r in range(dock.model.rowCount())]
    assert rows == [("CUP", "杭州主仓", "12"), ("CUP", "广州仓", "4"), ("LID", "杭州主仓", "30"),
                    ("PEN", "杭州主仓", "2")]
    assert dock.count_label.text() == "Rows: 4"
    assert shown(dock, 0, "value") == "120.00" and shown(dock, 0, "available") == "12"
    dock.warehouse.setCurrentIndex(dock.warehouse.findData(world.wh["GZ"]))
    assert [shown(dock, r, "code") for r in range(dock.model.rowCount())] == ["CUP"]
    dock.warehouse.setCurrentIndex(0)
    qtbot.keyClicks(dock.search, "lid")
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1 and shown(dock, 0, "code") == "LID", timeout=2000)
    dock.search.clear()
    dock.apply_filter()
    dock.view.sortByColumn(COL["on_hand"], Qt.SortOrder.DescendingOrder)
    assert [shown(dock, r, "on_hand") for r in range(dock.model.rowCount())] == ["30", "12", "4", "2"]
    dock.view.sortByColumn(COL["value"], Qt.SortOrder.AscendingOrder)      # no index: the order stays
    assert shown(dock, 0, "on_hand") == "30"


def test_low_stock_is_highlighted_and_counted_on_the_title(qtbot, dock, world, session_factory):
    assert dock.windowTitle() == "Stock"
    plan(session_factory, world, "PEN", "HZ", 5)       # 2 of 5: amber
    plan(session_factory, world, "CUP", "GZ", 6)       # 4 of 6: amber
    with session_factory.begin() as s:
        stock.reserve_stock(s, world.sku["CUP"], world.wh["GZ"], D(4))     # nothing left: red
    dock.reload()
    qtbot.waitUntil(lambda: dock.windowTitle() == "Stock (2)", timeout=2000)
    pen, cup_gz, lid = row_of(dock, "PEN", "HZ"), row_of(dock, "CUP", "GZ"), row_of(dock, "LID", "HZ")
    background = Qt.ItemDataRole.BackgroundRole
    assert dock.model.data(dock.model.index(pen, COL["available"]), background).color() == AMBER
    assert dock.model.data(dock.model.index(cup_gz, COL["code"]), background).color() == RED
    assert dock.model.data(dock.model.index(lid, COL["code"]), background) is None
    tip = dock.model.data(dock.model.index(pen, COL["available"]), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Below safety stock: available 2, safety stock 5"
    dock.below_safety.setChecked(True)
    assert sorted((shown(dock, r, "code"), shown(dock, r, "warehouse")) for r in range(dock.model.rowCount())) == [
        ("CUP", "广州仓"), ("PEN", "杭州主仓")]


def test_falling_below_safety_stock_is_announced_once_per_sku_and_warehouse(qtbot, dock, world, bridge,
                                                                         session_factory):
    plan(session_factory, world, "PEN", "HZ", 5)            # low already when the session starts: not announced
    plan(session_factory, world, "CUP", "HZ", 10)
    plan(session_factory, world, "LID", "HZ", 5)
    dock.alerts.known.clear()
    dock.alerts.ready = False
    dock.refresh_badge(prime=True)
    qtbot.waitUntil(lambda: dock.alerts.ready, timeout=2000)
    level = {dock.model.row_at(r).code + dock.model.row_at(r).warehouse: dock.model.row_at(r).id
             for r in range(dock.model.rowCount())}

    def reserve(sku, qty):
        with session_factory.begin() as s:
            res = stock.reserve_stock(s, world.sku[sku], world.wh["HZ"], D(qty))
        bridge.changed.emit("stock.level", "U", (level[sku + "HZ"],))     # as the listener would
        return res

    reserve("CUP", 3)                                         # 9 of 10
    qtbot.waitUntil(lambda: len(dock.alerts.history) == 1, timeout=2000)
    assert dock.alerts.history[0].code == "CUP"
    assert "Below safety stock" in dock.message.text() and "CUP" in dock.message.text()
    res = reserve("CUP", 2)                                   # lower still: said already
    with session_factory.begin() as s:
        stock.release_stock(s, res)
    bridge.changed.emit("stock.level", "U", (level["CUPHZ"],))
    reserve("CUP", 2)                                         # up and down again: still once per session
    reserve("PEN", 1)                                         # was low at the start
    reserve("LID", 26)                                        # 4 of 5: a second SKU
    qtbot.waitUntil(lambda: len(dock.alerts.history) == 2, timeout=2000)
    qtbot.wait(100)
    assert [r.code for r in dock.alerts.history] == ["CUP", "LID"]
    qtbot.waitUntil(lambda: dock.windowTitle() == "Stock (3)", timeout=2000)
    # a planning run changes many rows at once (the notification lists none): still said once
    plan(session_factory, world, "CUP", "GZ", 50)
    bridge.changed.emit("stock.level", "U", None)
    qtbot.waitUntil(lambda: len(dock.alerts.history) == 3, timeout=2000)
    assert (dock.alerts.history[2].code, dock.alerts.history[2].warehouse) == ("CUP", "GZ")
    qtbot.waitUntil(lambda: dock.windowTitle() == "Stock (4)", timeout=2000)


def test_drill_down_shows_bins_lots_and_who_moved_what_why(qtbot, db, dock, world, session_factory):
    lead = db.add_login("warehouse_lead", "laoli")
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-02"], D(5), lot_no="B-2025", doc_ref="DN-88")
    with db.sessions(lead).begin() as s:
        stock.adjust_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], D(-1), "lost",
                           note="盘点少了")
    dock.reload()
    dock.select_row(row_of(dock, "CUP", "HZ"))
    detail = dock.detail
    assert "CUP" in detail.title.text() and "杭州主仓" in detail.title.text()
    quants = [[detail.quants.item(r, c).text() for c in (0, 1, 4)] for r in range(detail.quants.rowCount())]
    assert quants == [["A-01", "", "11"], ["A-02", "B-2025", "5"]]
    m = detail.moves_model
    moves = [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert [(x[1], x[2], x[6], x[8]) for x in moves] == [("Adjustment", "-1", "Lost · 盘点少了", "laoli"),
                                                         ("Receipt", "+5", "", "boss"), ("Receipt", "+12", "", "boss")]
    assert moves[1][7] == "DN-88" and moves[1][4] == "HZ/A-02" and moves[1][5] == "B-2025"


def test_drill_down_shows_what_each_shop_may_sell(qtbot, db, dock, world, session_factory):
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('TM', '天猫店', 'tmall'), "
                   "('PDD', '拼多多店', 'pdd')")
        su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id) SELECT s.id, 'X-CUP', %s "
                   "FROM sales.shop s", (world.sku["CUP"],))
        su.execute("INSERT INTO sales.publish_rule (shop_id, mode, value) SELECT id, 'buffer', 2 FROM sales.shop "
                   "WHERE code = 'PDD'")
    with session_factory.begin() as s:
        s.execute(text("SELECT * FROM sales.publish(ARRAY[:k])"), {"k": world.sku["CUP"]})
        available = s.execute(text("SELECT sales.available_to_sell(:k)"), {"k": world.sku["CUP"]}).scalar_one()
    dock.reload()
    dock.select_row(row_of(dock, "CUP", "HZ"))
    table = dock.detail.published
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    # the Tmall shop wants all of it, Pinduoduo all but 2; together they would oversell, so each
    # gets its share and the two add up to no more than there is
    assert [r[:2] for r in rows] == [["天猫店", "100 % of available"], ["拼多多店", "all but 2"]]
    assert available > 2 and sum(int(r[2]) for r in rows) <= available and all(int(r[2]) > 0 for r in rows)


def test_receipt_by_scanner_enter_posts_and_the_list_follows(qtbot, dock, world, session_factory):
    dock.view.clearSelection()
    dock.view.setCurrentIndex(dock.model.index(-1, -1))
    dlg = dock.open_dialog("receipt")
    dlg.place.select(world.wh["HZ"], world.bin["HZ/B-01"])
    focus(qtbot, dlg.sku_field.edit)
    scan(dlg.sku_field.edit, BARCODES["MILK"])
    qtbot.waitUntil(lambda: dlg.sku_field.sku is not None and QApplication.focusWidget() is dlg.quantity,
                    timeout=1000)
    assert dlg.sku_field.edit.text() == "MILK" and "牛奶" in dlg.sku_field.info.text()
    QTest.keyClicks(dlg.quantity, "24")
    QTest.keyClick(dlg.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Posted" in dlg.result.text(), timeout=3000)
    assert "24 × MILK into 杭州主仓 (HZ) / B-01" in dlg.result.text()
    assert on_hand(session_factory, world, "MILK", "HZ") == 24
    qtbot.waitUntil(lambda: row_of(dock, "MILK", "HZ") >= 0, timeout=2000)
    assert shown(dock, row_of(dock, "MILK", "HZ"), "on_hand") == "24"
    # ready for the next SKU: typed as a code this time
    assert dlg.sku_field.edit.text() == "" and QApplication.focusWidget() is dlg.sku_field.edit
    QTest.keyClicks(dlg.sku_field.edit, "pen", Qt.KeyboardModifier.NoModifier, 40)
    QTest.keyClick(dlg.sku_field.edit, Qt.Key.Key_Return)
    assert dlg.sku_field.sku.code == "PEN" and QApplication.focusWidget() is dlg.quantity
    dlg.close()


def test_unknown_barcode_and_missing_quantity_are_said_in_the_dialog(qtbot, dock):
    dlg = dock.open_dialog("receipt")
    focus(qtbot, dlg.sku_field.edit)
    scan(dlg.sku_field.edit, "4006381333931")
    assert "Unknown barcode or code: 4006381333931" in dlg.sku_field.info.text()
    assert dlg.sku_field.sku is None
    QTest.keyClicks(dlg.sku_field.edit, "CUP")
    QTest.keyClick(dlg.sku_field.edit, Qt.Key.Key_Return)
    QTest.keyClick(dlg.quantity, Qt.Key.Key_Return)
    assert dlg.error.text() == "Type the quantity."
    QTest.keyClicks(dlg.quantity, "1.2345", Qt.KeyboardModifier.NoModifier, 40)   # a person (a burst is a scan)
    QTest.keyClick(dlg.quantity, Qt.Key.Key_Return)
    assert dlg.error.text() == "A quantity has at most 3 decimals."
    assert dlg.sku_field.edit.text() == "CUP"          # nothing lost
    dlg.close()


def test_adjust_scrap_and_transfers_by_scanner(qtbot, dock, world, session_factory):
    adj = dock.open_dialog("adjust")
    adj.place.select(world.wh["HZ"], world.bin["HZ/A-02"])
    focus(qtbot, adj.sku_field.edit)
    scan(adj.sku_field.edit, BARCODES["LID"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is adj.quantity, timeout=1000)
    adj.reason.setCurrentIndex(adj.reason.findData("found"))
    QTest.keyClicks(adj.quantity, "+3")
    QTest.keyClick(adj.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Posted" in adj.result.text(), timeout=3000)
    assert on_hand(session_factory, world, "LID", "HZ") == 33
    adj.close()

    scrap = dock.open_dialog("scrap")
    scrap.place.select(world.wh["HZ"], world.bin["HZ/A-02"])
    focus(qtbot, scrap.sku_field.edit)
    scan(scrap.sku_field.edit, BARCODES["LID"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is scrap.quantity, timeout=1000)
    QTest.keyClicks(scrap.quantity, "2")
    QTest.keyClick(scrap.quantity, Qt.Key.Key_Return)
    assert scrap.error.text() == "Choose a reason."
    scrap.reason.setCurrentIndex(scrap.reason.findData("damaged"))
    QTest.keyClick(scrap.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Posted" in scrap.result.text(), timeout=3000)
    assert "破损" not in scrap.result.text() and "Damaged" in scrap.result.text()
    assert on_hand(session_factory, world, "LID", "HZ") == 31
    scrap.close()

    move = dock.open_dialog("transfer")
    move.place.select(world.wh["HZ"], world.bin["HZ/A-01"])
    focus(qtbot, move.sku_field.edit)
    scan(move.sku_field.edit, BARCODES["CUP"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is move.quantity, timeout=1000)
    move.to_warehouse.setChecked(True)
    move.target_warehouse.setCurrentIndex(move.target_warehouse.findData(world.wh["GZ"]))
    QTest.keyClicks(move.quantity, "5")
    QTest.keyClick(move.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Posted" in move.result.text(), timeout=3000)
    assert "in transit" in move.result.text()
    move.close()
    qtbot.waitUntil(lambda: shown(dock, row_of(dock, "CUP", "GZ"), "in_transit") == "5", timeout=2000)

    arrive = dock.open_dialog("receive_transfer")
    arrive.place.select(world.wh["GZ"], world.bin["GZ/A-02"])
    focus(qtbot, arrive.sku_field.edit)
    scan(arrive.sku_field.edit, BARCODES["CUP"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is arrive.quantity, timeout=1000)
    assert arrive.in_transit.text() == "5" and arrive.quantity.text() == "5"
    QTest.keyClick(arrive.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Posted" in arrive.result.text(), timeout=3000)
    arrive.close()
    assert (on_hand(session_factory, world, "CUP", "HZ"), on_hand(session_factory, world, "CUP", "GZ")) == (7, 9)
    with session_factory() as s:
        assert stock.check_ledger(s) == []


def test_not_enough_stock_is_said_with_its_numbers(qtbot, dock, world, session_factory):
    with session_factory.begin() as s:
        stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D(10))
    dlg = dock.open_dialog("transfer")
    dlg.place.select(world.wh["HZ"], world.bin["HZ/A-01"])
    dlg.to_warehouse.setChecked(True)
    focus(qtbot, dlg.sku_field.edit)
    scan(dlg.sku_field.edit, BARCODES["CUP"])
    QTest.keyClicks(dlg.quantity, "5")
    QTest.keyClick(dlg.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.error.text() != "", timeout=3000)
    assert dlg.error.text() == "Not enough stock of CUP in warehouse HZ: wanted 5, available 2."
    assert dlg.quantity.text() == "5" and dlg.sku_field.sku.code == "CUP"    # nothing lost
    assert on_hand(session_factory, world, "CUP", "HZ") == 12
    dlg.close()


def _context(db, area: str) -> AppContext:
    sessions = db.sessions(db.add_login(area))
    with sessions() as s:
        identity = whoami(s)
    return AppContext(sessions=sessions, identity=identity, mode="shared", database=db.name, server="test")


def test_warehouse_staff_receive_but_neither_adjust_nor_scrap(qtbot, db, bridge, world):
    ctx = _context(db, "warehouse")
    d = open_dock(qtbot, ctx, bridge)
    assert d.receive_action.isVisible() and d.transfer_action.isVisible()
    assert not d.adjust_action.isVisible() and not d.scrap_action.isVisible()
    assert d.open_dialog("adjust") is None
    titles = [a.text() for a in d.menu().actions()]
    assert "&Receive…" in titles and "&Adjust…" not in titles
    # the database is the gatekeeper: the dialog itself, or a raw call, is refused
    dlg = AdjustDialog(ctx, d)
    dlg.place.select(world.wh["HZ"], world.bin["HZ/A-01"])
    dlg.sku_field.lookup("CUP")
    dlg.reason.setCurrentIndex(dlg.reason.findData("lost"))
    dlg.quantity.setText("-1")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.error.text() != "", timeout=3000)
    assert dlg.error.text() == "Your role may not post stock adjustments. Ask an administrator if you need to."
    with ctx.sessions.begin() as s, pytest.raises(PermissionDeniedError):
        stock.adjust_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], D(-1), "lost")
    dlg.close()
    viewer = open_dock(qtbot, _context(db, "viewer"), bridge)
    assert not viewer.receive_action.isVisible() and viewer.model.rowCount() == 4
    d.window().close()
    viewer.window().close()


def test_stock_received_in_another_client_shows_within_a_second(qtbot, db, dock, world):
    viewer = db.add_login("viewer")
    listener = ChangeListener(db.conninfo(viewer.role_name, viewer.password), dock.bridge.on_change,
                              dock.bridge.on_status)
    listener.start()
    try:
        assert listener.connected.wait(5)
        row = row_of(dock, "LID", "HZ")
        assert shown(dock, row, "on_hand") == "30"
        clerk = db.sessions(db.add_login("warehouse"))
        with clerk.begin() as s:
            stock.receive_goods(s, world.sku["LID"], world.bin["HZ/A-01"], D(7))
        committed = time.monotonic()
        qtbot.waitUntil(lambda: shown(dock, row, "on_hand") == "37", timeout=1000)
        assert time.monotonic() - committed < 1.0
        # a script shipping through its own connection shows too (and a new row appears)
        with clerk.begin() as s:
            stock.receive_goods(s, world.sku["MILK"], world.bin["GZ/A-01"], D(3))
        qtbot.waitUntil(lambda: row_of(dock, "MILK", "GZ") >= 0, timeout=1000)
    finally:
        listener.stop()


def test_scan_in_the_dock_shows_that_skus_rows_and_export(qtbot, dock, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    focus(qtbot, dock.view)
    scan(dock.view, BARCODES["CUP"])
    qtbot.waitUntil(lambda: dock.search.text() == "CUP", timeout=1000)
    assert [shown(dock, r, "warehouse") for r in range(dock.model.rowCount())] == ["杭州主仓", "广州仓"]
    assert dock.current_row().code == "CUP" and "Scanned" in dock.message.text()
    dock.view.setColumnHidden(COL["value"], True)
    target = tmp_path / "stock.xlsx"
    dock.export_to(target)
    qtbot.waitUntil(lambda: "Exported" in dock.message.text(), timeout=5000)
    ws = openpyxl.load_workbook(target).active
    values = [tuple(r) for r in ws.iter_rows(values_only=True)]
    assert values[0][:4] == ("Code", "Name", "Warehouse", "On hand") and "Value at cost" not in values[0]
    assert [v[0] for v in values[1:]] == ["CUP", "CUP"]


def test_filters_are_remembered(qtbot, ctx, bridge, world):
    d = open_dock(qtbot, ctx, bridge)
    d.set_filter_widgets(d.current_filter().__class__(warehouse_id=world.wh["GZ"], below_safety=True,
                                                      expiring_days=14))
    d.apply_filter()
    d.save_settings()
    d.window().close()
    again = open_dock(qtbot, ctx, bridge)
    flt = again.current_filter()
    assert (flt.warehouse_id, flt.below_safety, flt.expiring_days) == (world.wh["GZ"], True, 14)
    again.window().close()


def test_the_main_window_has_a_stock_menu_for_the_dialogs(qtbot, ctx, bridge, world):
    from erp_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx, bridge)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    menu = win.dock_menus["dock.stock"]
    assert menu.title() == "&Stock"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:5] == ["&Receive…", "&Transfer…", "Receive trans&fer…", "&Adjust…", "&Scrap…"]
    next(a for a in menu.actions() if a.text() == "&Scrap…").trigger()
    dock = win.docks["dock.stock"]
    assert dock.isVisible() and dock._dialogs["scrap"].isVisible()
    assert dock._dialogs["scrap"].windowTitle() == "Scrap stock"
    dock._dialogs["scrap"].close()
    win.close()


def test_in_chinese(qtbot, qapp, ctx, bridge, world, session_factory):
    from erp_desktop.ui import app as ui_app

    ui_app.install_translations(qapp, "zh_CN")
    plan(session_factory, world, "PEN", "HZ", 5)
    d = open_dock(qtbot, ctx, bridge)
    qtbot.waitUntil(lambda: d.windowTitle() == "库存 (1)", timeout=2000)
    assert d.model.headerData(COL["on_hand"], Qt.Orientation.Horizontal) == "在库"
    assert d.receive_action.text() == "收货(&R)…" and d.below_safety.text() == "低于安全库存"
    dlg = d.open_dialog("adjust")
    assert dlg.windowTitle() == "库存调整" and dlg.reason.itemText(1) in ("数据更正", "盘盈/找到", "丢失", "盘点差异",
                                                                     "样品领用", "其他")
    dlg.close()
    d.window().close()
