"""The Orders dock as the order desk uses it: tabs by status with their counts, search, approving
(stock reserved), holding with a reason, fixing an exception, importing an export file with its
rejected rows, manual orders, and orders arriving from elsewhere showing within a second."""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from erp_desktop import config
from erp_desktop.db.listener import ChangeListener
from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, PlatformOrderLine
from erp_desktop.services import orders, stock
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders import OrdersDock
from erp_desktop.ui.docks.orders.dialogs import ImportDialog
from erp_desktop.ui.docks.orders.model import COL
from erp_desktop.ui.docks.orders.texts import problem_text, reason_text
from tests.channels.platform_servers import ShopifyServer
from tests.stock_fixtures import make_world

PAID_AT = dt.datetime(2026, 11, 20, 10, 5, tzinfo=dt.UTC)


def an_order(no: str, minutes: int = 0, **kw) -> PlatformOrder:
    values = dict(order_no=no, status="paid", lines=(PlatformOrderLine("CUP", "保温杯 500ml", D(1), D("89.00")),
                                                     PlatformOrderLine("CUP-2PACK", "保温杯两只装", D(1), D("159.00"))),
                  paid_at=PAID_AT + dt.timedelta(minutes=minutes), buyer_id="tb_" + no, buyer_name="小王",
                  receiver_name="王小明", receiver_phone="13800138000", province="浙江省", city="杭州市",
                  district="西湖区", address_detail="文三路 90 号东部软件园 3 幢", paid_amount=D("248.00"),
                  discount=D("10.00"), shipping_fee=D("0.00"), platform_fee=D("2.48"))
    values.update(kw)
    return PlatformOrder(**values)


@pytest.fixture
def world(db, session_factory):
    w = make_world(db)
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('TB1', '淘宝旗舰店', 'taobao'), "
                   "('PDD1', '拼多多店', 'pdd')")
        su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id, quantity) "
                   "SELECT s.id, 'CUP-2PACK', k.id, 2 FROM sales.shop s, catalog.sku k "
                   "WHERE k.code = 'CUP' AND s.code = 'TB1'")
    with session_factory.begin() as s:
        stock.receive_goods(s, w.sku["CUP"], w.bin["HZ/A-01"], D(5))
        orders.import_orders(s, shop(s), ParsedOrders([
            an_order("A1", 0),
            an_order("A2", 10, receiver_phone="13900139000", buyer_name="李雷"),
            an_order("E1", 5, receiver_phone="1380013"),                         # a bad phone: an exception
        ]))
    return w


def shop(s, code: str = "TB1") -> int:
    return s.execute(text("SELECT id FROM sales.shop WHERE code = :c"), {"c": code}).scalar_one()


def order_id(sessions, no: str) -> int:
    with sessions() as s:
        return s.execute(text("SELECT id FROM sales.\"order\" WHERE platform_order_no = :n"), {"n": no}).scalar_one()


def status_of(sessions, no: str) -> tuple[str, str | None]:
    with sessions() as s:
        return tuple(s.execute(text("SELECT status, hold_reason FROM sales.\"order\" WHERE platform_order_no = :n"),
                               {"n": no}).one())


@pytest.fixture
def dock(qtbot, ctx, bridge, world):
    win = QMainWindow()
    qtbot.addWidget(win)
    d = OrdersDock(ctx, bridge, win)
    d.test_window = win
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: d.model.loaded and d.review_count is not None, timeout=3000)
    yield d
    win.close()


def numbers(dock: OrdersDock) -> list[str]:
    return [dock.model.row_at(r).platform_order_no for r in range(dock.model.rowCount())]


def shown(dock: OrdersDock, no: str, column: str) -> str:
    r = dock.model.row_of(next(x.id for x in map(dock.model.row_at, range(dock.model.rowCount()))
                               if x.platform_order_no == no))
    return dock.model.data(dock.model.index(r, COL[column]))


def wait_job(qtbot, job) -> None:
    qtbot.waitUntil(lambda: not job.running, timeout=5000)


def test_tabs_list_each_status_newest_first_with_counts_and_the_review_badge(qtbot, dock):
    assert dock.current_status() == "review"
    assert numbers(dock) == ["A2", "A1"]                     # newest paid first
    assert dock.tabs.tabText(0) == "To review (2)" and dock.tabs.tabText(1) == "Exceptions (1)"
    assert dock.windowTitle() == "Orders (2)"
    assert shown(dock, "A1", "amount") == "248.00" and shown(dock, "A1", "status") == "To review"
    dock.set_tab("exception")
    assert numbers(dock) == ["E1"]
    assert shown(dock, "E1", "reason") == "Phone is not valid: 1380013"    # its first problem, in words
    dock.select_order(dock.model.loaded_ids()[0])
    assert "Phone is not valid: 1380013" in dock.detail.problems.text()
    assert dock.detail.fix_button.isVisibleTo(dock.detail)
    dock.set_tab("approved")
    assert numbers(dock) == []
    dock.view.setFocus()
    qtbot.waitUntil(lambda: dock.view.hasFocus(), timeout=1000)
    QTest.keyClick(dock.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)     # Ctrl+1: the review tab
    assert dock.current_status() == "review" and numbers(dock) == ["A2", "A1"]


def test_search_by_order_number_and_by_phone(qtbot, dock):
    dock.set_tab(None)                                       # all statuses
    assert set(numbers(dock)) == {"A1", "A2", "E1"}
    qtbot.keyClicks(dock.filters.search, "A2")
    qtbot.waitUntil(lambda: numbers(dock) == ["A2"], timeout=2000)
    dock.filters.search.clear()
    qtbot.keyClicks(dock.filters.search, "139 0013 9000")     # as a customer says it on the phone
    qtbot.waitUntil(lambda: numbers(dock) == ["A2"], timeout=2000)
    dock.filters.search.setText("+86 13800138000")
    dock.apply_filter()
    assert numbers(dock) == ["A1"]
    dock.filters.search.clear()
    dock.filters.province.setText("浙江")                      # a short name is the official 浙江省
    dock.filters.sku.setText("cup")
    dock.apply_filter()
    assert set(numbers(dock)) == {"A1", "A2", "E1"}
    dock.filters.province.setText("广东")
    dock.apply_filter()
    assert numbers(dock) == []


def test_export_writes_what_the_list_shows(qtbot, dock, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "orders.xlsx"
    wait_job(qtbot, dock.export_to(target))
    sheet = openpyxl.load_workbook(target).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:3] == ["Order number", "Status", "Why"]
    assert [r[0] for r in rows[1:]] == ["A2", "A1"] and rows[1][1] == "To review"
    assert "Exported to" in dock.message.text()


def test_approving_reserves_stock_and_moves_the_order_to_the_approved_tab(qtbot, dock, session_factory, world):
    dock.select_order(order_id(session_factory, "A1"))
    job = dock.approve_selected()
    wait_job(qtbot, job)
    assert status_of(session_factory, "A1") == ("approved", None)
    with session_factory() as s:
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 3
    assert numbers(dock) == ["A2"]                           # it left the review tab at once
    assert "Approved: 1" in dock.message.text()
    qtbot.waitUntil(lambda: dock.windowTitle() == "Orders (1)", timeout=2000)
    dock.set_tab("approved")
    assert numbers(dock) == ["A1"] and shown(dock, "A1", "warehouse") == "HZ"
    # the second needs 3 more cups than there are: it waits for stock
    dock.set_tab("review")
    dock.select_order(order_id(session_factory, "A2"))
    wait_job(qtbot, dock.approve_selected())
    assert status_of(session_factory, "A2") == ("waiting", "not_enough_stock")
    assert "waiting for stock: 1" in dock.message.text()
    dock.set_tab("waiting")
    assert shown(dock, "A2", "reason") == "Not enough stock"
    timeline = dock.detail.timeline
    dock.select_order(order_id(session_factory, "A2"))
    assert [timeline.item(r, 2).text() for r in range(timeline.rowCount())] == ["Waiting for stock", "Imported"]
    assert "CUP in" in timeline.item(0, 3).text() and timeline.item(0, 1).text() == "boss"


def test_hold_asks_a_reason_and_cancel_gives_the_stock_back(qtbot, dock, session_factory, world):
    with session_factory.begin() as s:
        orders.approve_orders(s, [order_id(session_factory, "A1")])
    dock.set_tab("approved")
    dock.select_order(order_id(session_factory, "A1"))
    dlg = dock.hold_selected()
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()                                # no reason, no hold
    dlg.combo.setCurrentIndex(dlg.combo.findText("The buyer asked to wait"))
    ok.click()
    qtbot.waitUntil(lambda: status_of(session_factory, "A1") == ("review", "buyer_asked_to_wait"), timeout=3000)
    qtbot.waitUntil(lambda: numbers(dock) == [], timeout=2000)
    dock.set_tab("review")
    assert shown(dock, "A1", "reason") == "The buyer asked to wait"
    with session_factory() as s:
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 0
    dock.select_order(order_id(session_factory, "A2"))
    dlg = dock.cancel_selected()
    dlg.set_reason("买家电话取消")                              # a reason of one's own
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: status_of(session_factory, "A2") == ("cancelled", "买家电话取消"), timeout=3000)
    dock.set_tab("cancelled")
    qtbot.waitUntil(lambda: numbers(dock) == ["A2"], timeout=2000)
    assert shown(dock, "A2", "reason") == "买家电话取消"


def test_an_illegal_step_is_refused_in_words(qtbot, dock, session_factory):
    with session_factory.begin() as s:
        orders.cancel_orders(s, [order_id(session_factory, "A1")], "duplicate_order")
    dock.set_tab("cancelled")
    dock.select_order(order_id(session_factory, "A1"))
    wait_job(qtbot, dock.approve_selected())
    assert "not approved: 1" in dock.message.text()
    assert reason_text("not_open") in dock.message.text()


def test_fixing_an_exception_checks_it_again_and_maps_unknown_skus(qtbot, dock, session_factory, world):
    dock.set_tab("exception")
    dock.select_order(order_id(session_factory, "E1"))
    fix = dock.open_fix()
    assert "Phone is not valid" in fix.problem_label.text()
    fix.edits["receiver_phone"].setText("138 0013 8000")
    wait_job(qtbot, fix.check_again())
    assert status_of(session_factory, "E1") == ("review", None)
    assert "No problems left" in fix.problem_label.text()
    qtbot.waitUntil(lambda: numbers(dock) == [], timeout=2000)      # it left the exception tab
    qtbot.waitUntil(lambda: dock.tabs.tabText(1) == "Exceptions", timeout=2000)
    fix.close()
    # a line the shop sells under its own code: map it to ours, once for every order that has it
    with session_factory.begin() as s:
        orders.import_orders(s, shop(s), ParsedOrders([
            an_order("E2", 20, lines=(PlatformOrderLine("LID-RED", "红色杯盖", D(2), D("5.00")),))]))
    dock.reload()
    qtbot.waitUntil(lambda: numbers(dock) == ["E2"], timeout=2000)
    dock.select_order(order_id(session_factory, "E2"))
    assert problem_text({"field": "line 1", "code": "unknown_sku", "detail": "LID-RED"}) in dock.detail.problems.text()
    fix = dock.open_fix()
    mapper = fix.map_sku("LID-RED", "红色杯盖")
    mapper.sku_field.lookup("LID")
    mapper.quantity.setText("1")
    wait_job(qtbot, mapper.run())
    assert mapper.fixed == (order_id(session_factory, "E2"),)
    assert status_of(session_factory, "E2") == ("review", None)
    qtbot.waitUntil(lambda: numbers(dock) == [], timeout=2000)
    dock.set_tab("review")
    dock.select_order(order_id(session_factory, "E2"))
    assert dock.detail.lines.item(0, 4).text().startswith("LID")


PDD_HEADERS = ("订单号", "商品", "商品规格", "商品数量(件)", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
               "邮费(元)", "用户实付金额(元)", "商家实收金额(元)", "订单状态", "售后状态", "订单成交时间", "支付时间",
               "收货人", "手机", "省", "市", "区", "街道", "商家编码-SKU维度")


def pdd_row(no: str, qty: str, total: str, paid: str = "2026-11-21 09:30:00", phone: str = "13700137000") -> str:
    return ",".join((no, "保温杯", "500ml", qty, total, "0", "0", "0", total, total, "待发货", "无售后",
                     "2026-11-21 09:29:00", paid, "韩梅梅", phone, "广东省", "广州市", "天河区",
                     "体育西路 101 号", "CUP"))


def test_the_import_dialog_imports_an_export_and_lists_its_rejected_rows(qtbot, dock, tmp_path, session_factory):
    export = tmp_path / "pdd_orders.csv"
    export.write_text("\n".join([",".join(PDD_HEADERS), pdd_row("P-1001", "1", "89.00"),
                                 pdd_row("P-1002", "two", "178.00"), pdd_row("P-1003", "2", "178.00")]) + "\n",
                      encoding="utf-8-sig")
    with session_factory() as s:
        pdd_shop = shop(s, "PDD1")
    dlg = dock.open_import([str(export), str(tmp_path / "notes.pdf")])
    assert isinstance(dlg, ImportDialog) and [p.name for p in dlg.paths] == ["pdd_orders.csv"]
    dlg.shop.setCurrentIndex(dlg.shop.findData(pdd_shop))
    assert dlg.detected == "pdd" and "Detected" in dlg.format_label.text()
    job = dlg.run_import()
    wait_job(qtbot, job)
    summary = dlg.summary
    assert (summary.created, summary.rejected) == (2, 1)
    shown_rows = dlg.summary_dialog.rejected_rows()
    assert shown_rows == [["pdd_orders.csv", "3", "商品数量(件)", "Is not a quantity", "P-1002", shown_rows[0][5]]]
    assert "two" in shown_rows[0][5]
    assert "New: 2" in dlg.summary_dialog.counts.text() and "Rejected: 1" in dlg.summary_dialog.counts.text()
    qtbot.waitUntil(lambda: numbers(dock)[:2] == ["P-1003", "P-1001"], timeout=2000)
    dlg.summary_dialog.close()


def test_a_file_of_no_known_platform_is_read_with_columns_chosen_once_per_shop(qtbot, dock, tmp_path,
                                                                              session_factory):
    sheet = tmp_path / "wechat_orders.csv"
    sheet.write_text("单号,收件人,电话,地址,货号,数量,单价\n"
                     "WX-1,周杰,13500135000,浙江省杭州市西湖区文三路 90 号 3 幢,CUP,1,79.00\n", encoding="utf-8")
    dlg = dock.open_import([sheet])
    assert dlg.detected is None and dlg.mapping is not None
    mapping = dlg.edit_mapping_dialog()
    assert mapping.combos["receiver_name"].currentData() == "收件人"        # guessed from the headers
    mapping.combos["order_no"].setCurrentIndex(0)                           # — not in the file —
    assert not mapping.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "Order number" in mapping.missing.text()
    mapping.combos["order_no"].setCurrentIndex(mapping.combos["order_no"].findData("单号"))
    mapping.accept()
    assert dlg.mapping.fields["order_no"] == "单号" and dlg.import_button.isEnabled()
    wait_job(qtbot, dlg.run_import())
    assert (dlg.summary.created, dlg.summary.rejected) == (1, 0)
    assert status_of(session_factory, "WX-1") == ("review", "no_rule")      # the rules ran: none approved it
    with session_factory() as s:                 # kept with the shop: every user and the command line use it
        assert s.execute(text("SELECT count(*) FROM sales.shop "
                              "WHERE settings -> 'column_mapping' ->> 'order_no' = '单号'")).scalar_one() == 1
    again = dock.open_import([sheet])                                        # remembered for the shop
    assert again.mapping.fields["order_no"] == "单号" and again.import_button.isEnabled()
    again.close()


def test_pull_now_fetches_the_api_shops_orders(qtbot, db, ctx, bridge, world, session_factory):
    with ShopifyServer() as server:
        server.add_product("保温杯", [("CUP", "Pink")])
        server.add_order(1001, lines=[("CUP", 1, "199.00")])
        settings = json.dumps({"api": {"url": server.url}})
        with db.superuser() as su:
            su.execute("INSERT INTO sales.shop (code, name, platform_code, settings) VALUES "
                       "('SHOPIFY', 'Shopify 海外店', 'shopify', %s)", (settings,))
        config.set_shop_secret("SHOPIFY", ctx.database, {"access_token": server.token})
        win = QMainWindow()
        qtbot.addWidget(win)
        dock = OrdersDock(ctx, bridge, win)
        qtbot.waitUntil(lambda: dock.model.loaded, timeout=3000)
        assert dock.pull_action.isEnabled()
        wait_job(qtbot, dock.pull_now())
        assert dock.message.text() == "Shopify 海外店: 1 new, 0 updated, 0 rejected"
        assert str(450789469 + 1001) in numbers(dock)
        win.close()


def test_a_manual_order_shows_its_problems_before_saving(qtbot, dock, session_factory):
    dlg = dock.open_manual()
    dlg.receiver.setText("赵六")
    dlg.paste.setText("上海市 浦东新区 世纪大道 100 号")
    dlg.split_pasted()
    dlg.lines.item(0, 0).setText("cup")
    problems = dlg.check()
    assert [p.field for p in problems] == ["receiver_phone"]
    assert "Phone is missing" in dlg.problem_label.text()
    assert dlg.lines.item(0, 1).text() == "保温杯" and dlg.lines.item(0, 0).text() == "CUP"
    dlg.lines.item(0, 3).setText("59.90")
    dlg.phone.setText("13600136000")
    assert dlg.check() == () and "passes the checks" in dlg.problem_label.text()
    wait_job(qtbot, dlg.save())
    no = dock.last_result
    assert no.created == 1
    with session_factory() as s:
        row = s.execute(text("SELECT platform_order_no, status, province, paid_amount FROM sales.\"order\" "
                             "WHERE id = :o"), {"o": no.order_ids[0]}).one()
    assert row[0].startswith("M") and tuple(row[1:]) == ("review", "上海市", D("59.90"))
    assert dock.current_row().id == no.order_ids[0]


def test_orders_imported_elsewhere_show_within_a_second_and_are_announced(qtbot, db, dock, session_factory):
    seller = db.add_login("sales")
    listener = ChangeListener(db.conninfo(seller.role_name, seller.password), dock.bridge.on_change,
                              dock.bridge.on_status)
    listener.start()
    try:
        assert listener.connected.wait(5)
        other = db.sessions(seller)
        with other.begin() as s:
            orders.import_orders(s, shop(s), ParsedOrders([an_order("N1", 30)]))
        committed = time.monotonic()
        qtbot.waitUntil(lambda: numbers(dock)[:1] == ["N1"], timeout=1000)
        assert time.monotonic() - committed < 1.0
        qtbot.waitUntil(lambda: dock.windowTitle() == "Orders (3)", timeout=1000)
        assert [r.platform_order_no for r in dock.alerts.history] == ["N1"]
        assert "new order" in dock.message.text() and "N1" in dock.message.text()
        # approved by someone else: it leaves the review tab here
        with other.begin() as s:
            orders.cancel_orders(s, [order_id(session_factory, "A2")], "duplicate_order")
        qtbot.waitUntil(lambda: "A2" not in numbers(dock), timeout=1000)
    finally:
        listener.stop()


def test_unknown_codes_are_still_said_readably():
    assert reason_text("brand_new_reason") == "Brand new reason"
    assert problem_text({"field": "province", "code": "unknown_province", "detail": "火星"}) == \
        "Province is not a known province: 火星"



def test_refusals_of_the_database_are_said_in_words(db, session_factory, world):
    a1 = order_id(session_factory, "A1")
    with session_factory.begin() as s:
        orders.cancel_orders(s, [a1], "duplicate_order")
    seller = db.sessions(db.add_login("sales"))
    with pytest.raises(DBAPIError) as refused, seller.begin() as s:
        s.execute(text("UPDATE sales.\"order\" SET status = 'approved' WHERE id = :o"), {"o": a1})
    title, message = ops.describe_error(refused.value)
    assert title == "Not possible" and message.startswith("Order A1 cannot go from “Cancelled” to “Approved”")
    viewer = db.sessions(db.add_login("viewer"))
    with pytest.raises(DBAPIError) as refused, viewer.begin() as s:
        orders.hold_orders(s, [order_id(session_factory, "A2")], "suspected_fraud")
    assert ops.describe_error(refused.value)[0] == "Not allowed"
