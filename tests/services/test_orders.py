"""Orders as the order desk meets them: imported once however often the file comes, checked,
linked to customers, approved with their stock reserved, cancelled by the buyer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, PlatformOrderLine, RejectedRow
from erp_desktop.services import orders, stock
from tests.stock_fixtures import make_world

PAID_AT = dt.datetime(2026, 11, 20, 10, 5, tzinfo=dt.UTC)


@pytest.fixture
def world(db):
    w = make_world(db)
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('TB1', '淘宝旗舰店', 'taobao')")
        su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id, quantity) "
                   "SELECT s.id, 'CUP-2PACK', k.id, 2 FROM sales.shop s, catalog.sku k WHERE k.code = 'CUP'")
    return w


def shop_id(session) -> int:
    return session.execute(text("SELECT id FROM sales.shop WHERE code = 'TB1'")).scalar_one()


def an_order(no: str = "3300112233445566", *, status: str = "paid", lines=None, **kw) -> PlatformOrder:
    lines = lines or (PlatformOrderLine("CUP", "保温杯 500ml", D(1), D("89.00")),
                      PlatformOrderLine("CUP-2PACK", "保温杯两只装", D(1), D("159.00")))
    values = dict(order_no=no, status=status, lines=tuple(lines), platform_status="买家已付款，等待卖家发货",
                  ordered_at=PAID_AT, paid_at=PAID_AT, buyer_id="tb_buyer_01", buyer_name="小王",
                  receiver_name="王小明", receiver_phone="13800138000", province="浙江省", city="杭州市",
                  district="西湖区", address_detail="文三路 90 号东部软件园 3 幢", paid_amount=D("248.00"),
                  raw={"订单编号": no}, source_rows=(2,))
    values.update(kw)
    return PlatformOrder(**values)


def test_an_import_creates_orders_and_a_second_import_of_the_same_file_changes_nothing(session_factory, world):
    parsed = ParsedOrders([an_order("A1"), an_order("A2", buyer_id="tb_buyer_02", receiver_phone="13900139000")],
                          [RejectedRow(5, "订单编号", "missing")])
    with session_factory.begin() as s:
        first = orders.import_orders(s, shop_id(s), parsed, file_name="ExportOrderList.csv")
    assert (first.created, first.updated, first.unchanged, first.rejected) == (2, 0, 0, 1)
    assert first.errors[0] == RejectedRow(5, "订单编号", "missing")
    with session_factory.begin() as s:
        again = orders.import_orders(s, shop_id(s), parsed, file_name="ExportOrderList.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    with session_factory() as s:
        rows = s.execute(text("SELECT platform_order_no, status, paid_amount, receiver_phone, phone_key, province, "
                              "district FROM sales.\"order\" ORDER BY 1")).all()
        assert [tuple(r) for r in rows] == [
            ("A1", "review", D("248.00"), "13800138000", "+8613800138000", "浙江省", "西湖区"),
            ("A2", "review", D("248.00"), "13900139000", "+8613900139000", "浙江省", "西湖区")]
        lines = s.execute(text("SELECT l.platform_sku, k.code, l.sku_quantity FROM sales.order_line l "
                               "JOIN catalog.sku k ON k.id = l.sku_id JOIN sales.\"order\" o ON o.id = l.order_id "
                               "WHERE o.platform_order_no = 'A1' ORDER BY l.line_no")).all()
        assert [tuple(r) for r in lines] == [("CUP", "CUP", 1), ("CUP-2PACK", "CUP", 2)]
        runs = s.execute(text("SELECT created, unchanged, rejected, errors->0->>'field' FROM sales.import_run "
                              "ORDER BY id")).all()
        assert [tuple(r) for r in runs] == [(2, 0, 1, "订单编号"), (0, 2, 1, "订单编号")]
        assert s.execute(text("SELECT count(*) FROM sales.order_payload")).scalar_one() == 2


def test_unpaid_orders_wait_outside_and_come_in_when_paid(session_factory, world):
    with session_factory.begin() as s:
        r = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("U1", status="unpaid", paid_at=None)]))
    assert (r.created, r.skipped) == (0, 1)
    with session_factory.begin() as s:
        r = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("U1")]))
    assert r.created == 1


def test_problems_go_to_the_exception_queue_with_their_reasons(session_factory, world):
    bad = an_order("E1", receiver_phone="1380013", district="朝阳区",
                   lines=(PlatformOrderLine("NO-SUCH", "神秘商品", D(1), D(10)),))
    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([bad]))
    with session_factory() as s:
        status, problems = s.execute(text("SELECT status, problems FROM sales.\"order\" "
                                          "WHERE platform_order_no = 'E1'")).one()
    assert status == "exception"
    found = {(p["field"], p["code"]) for p in problems}
    assert ("receiver_phone", "invalid") in found
    assert ("line 1", "unknown_sku") in found
    assert any(f == "district" for f, _ in found)
    # the platform's corrected order (the buyer fixed the address and phone) clears the exception
    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([an_order("E1")]))
    with session_factory() as s:
        assert s.execute(text("SELECT status, problems FROM sales.\"order\" WHERE platform_order_no = 'E1'")).one() \
            == ("review", [])


def test_orders_of_one_buyer_share_one_customer(session_factory, world):
    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("C1"), an_order("C2"),
            an_order("C3", buyer_id="", receiver_phone="+86 138-0013-8000")]))   # same phone, no buyer id
    with session_factory() as s:
        customers = s.execute(text("SELECT DISTINCT customer_id FROM sales.\"order\"")).scalars().all()
        assert len(customers) == 1
        assert s.execute(text("SELECT name, orders_count FROM crm.customer")).one() == ("王小明", 3)


def test_an_order_the_database_refuses_is_listed_and_the_rest_of_the_file_goes_in(session_factory, world):
    batch = [an_order("R1"), an_order("R2", discount=D("-5.00"), buyer_id="tb_bad", receiver_phone="13700137000"),
             an_order("R3", buyer_id="tb_buyer_03", receiver_phone="13600136000")]
    with session_factory.begin() as s:
        r = orders.import_orders(s, shop_id(s), ParsedOrders(batch))
    assert (r.created, r.rejected) == (2, 1)
    assert (r.errors[0].order_no, r.errors[0].field, r.errors[0].reason) == ("R2", "order", "refused_by_database")
    with session_factory() as s:
        assert s.execute(text("SELECT platform_order_no FROM sales.\"order\" ORDER BY 1")).scalars().all() \
            == ["R1", "R3"]
        # nothing of the refused order stays behind: no customer, no buyer account
        assert s.execute(text("SELECT count(*) FROM crm.customer_account WHERE buyer_id = 'tb_bad'")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM crm.customer WHERE phone_key = '+8613700137000'")).scalar() == 0


def test_the_same_order_twice_in_one_file_is_stored_once_with_its_later_state(session_factory, world):
    with session_factory.begin() as s:
        r = orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("D1"), an_order("D1", seller_memo="加急")]))
    assert (r.created, r.updated) == (1, 1)
    with session_factory() as s:
        assert s.execute(text("SELECT seller_memo FROM sales.\"order\" WHERE platform_order_no = 'D1'")).all() \
            == [("加急",)]
        assert s.execute(text("SELECT orders_count FROM crm.customer")).scalar_one() == 1


def test_approval_reserves_the_lines_and_a_buyer_cancellation_gives_the_stock_back(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        orders.import_orders(s, shop_id(s), ParsedOrders([an_order("R1"), an_order("R2")]))
        ids = s.execute(text("SELECT id FROM sales.\"order\" ORDER BY platform_order_no")).scalars().all()
    with session_factory.begin() as s:
        result = orders.approve_orders(s, ids)
    # each order needs 3 cups: the first gets them, the second waits for stock
    assert result.approved == (ids[0],) and result.waiting == (ids[1],)
    with session_factory() as s:
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 3
        events = s.execute(text("SELECT kind FROM sales.order_event WHERE order_id = :o ORDER BY id"),
                           {"o": ids[1]}).scalars().all()
        assert events == ["imported", "waiting_for_stock"]
    with session_factory.begin() as s:
        r = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("R1", status="cancelled",
                                                                       platform_status="交易关闭")]))
    assert r.updated == 1
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM sales.\"order\" WHERE id = :o"), {"o": ids[0]}).scalar_one() \
            == "cancelled"
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 0
        assert stock.check_ledger(s) == []


def test_the_database_refuses_a_status_change_the_workflow_does_not_allow(db, admin, session_factory, world):
    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([an_order("W1")]))
        oid = s.execute(text("SELECT id FROM sales.\"order\"")).scalar_one()
        assert orders.cancel_orders(s, [oid], "buyer asked by phone") == 1
    seller = db.add_login("sales")
    with db.sessions(seller).begin() as s, pytest.raises(DBAPIError, match="cannot go from cancelled to approved"):
        s.execute(text("UPDATE sales.\"order\" SET status = 'approved' WHERE id = :o"), {"o": oid})


@pytest.mark.parametrize("area", ["sales", "service", "warehouse", "finance", "viewer"])
def test_every_desk_reads_the_orders_but_only_the_order_desk_changes_them(db, session_factory, world, area):
    from erp_desktop.services import order_queries

    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([an_order("P1")]))
    login = db.add_login(area)
    with db.sessions(login)() as s:
        [row] = order_queries.list_orders(s, order_queries.OrderFilter(status="review"))
        assert row.platform_order_no == "P1" and row.receiver_name == "王小明"
        detail = order_queries.order_detail(s, row.id)
        assert [e.kind for e in detail.events] == ["imported"]
    if area == "sales":
        with db.sessions(login).begin() as s:
            assert orders.cancel_orders(s, [row.id], "buyer asked") == 1
    else:
        with db.sessions(login).begin() as s, pytest.raises(DBAPIError, match="permission denied"):
            orders.cancel_orders(s, [row.id], "buyer asked")


def test_assigning_another_warehouse_gives_the_stock_back_and_reviews_again(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        orders.import_orders(s, shop_id(s), ParsedOrders([an_order("AS1")]))
        oid = s.execute(text("SELECT id FROM sales.\"order\"")).scalar_one()
        orders.approve_orders(s, [oid])
        assert orders.assign_orders(s, [oid], warehouse_id=world.wh["GZ"]) == 1
        settings = orders.save_shop_settings(s, shop_id(s), {"pull_every_min": 10, "column_mapping": {"a": "b"}})
        assert orders.save_shop_settings(s, shop_id(s), {"column_mapping": None}) == {"pull_every_min": 10}
    assert settings["column_mapping"] == {"a": "b"}
    with session_factory() as s:
        row = s.execute(text("SELECT status, hold_reason, warehouse_id FROM sales.\"order\"")).one()
        assert tuple(row) == ("review", "warehouse_changed", world.wh["GZ"])
        assert s.execute(text("SELECT sum(reserved) FROM stock.level")).scalar_one() == 0


def test_a_reviewers_queue_is_what_is_assigned_to_them_or_to_nobody(db, session_factory, world):
    from erp_desktop.services import order_queries

    xiaoli, xiaowang = db.add_login("sales", "xiaoli"), db.add_login("sales", "xiaowang")
    with session_factory.begin() as s:
        ids = orders.import_orders(s, shop_id(s), ParsedOrders([an_order(f"Q{i}") for i in range(3)])).order_ids
        li = s.execute(text("SELECT id FROM core.app_user WHERE login = 'xiaoli'")).scalar_one()
        wang = s.execute(text("SELECT id FROM core.app_user WHERE login = 'xiaowang'")).scalar_one()
        orders.assign_orders(s, [ids[0]], handler_id=li)
        orders.assign_orders(s, [ids[1]], handler_id=wang)
    with db.sessions(xiaoli)() as s:
        me = order_queries.my_user_id(s)
        assert me == li and order_queries.count_review_queue(s, me) == 2
    with db.sessions(xiaowang)() as s:
        assert order_queries.count_review_queue(s, order_queries.my_user_id(s)) == 2


def test_an_order_in_a_wave_is_neither_held_nor_cancelled_and_keeps_its_stock(db, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        [oid] = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("PK1")])).order_ids
        orders.approve_orders(s, [oid])
    with db.superuser() as su:                  # the warehouse took it into a wave
        su.execute("UPDATE sales.\"order\" SET status = 'picking' WHERE id = %s", (oid,))
    with session_factory.begin() as s:
        assert orders.hold_orders(s, [oid], "wait") == 0
        assert orders.cancel_orders(s, [oid], "buyer") == 0
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM sales.\"order\"")).scalar_one() == "picking"
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 3


def test_the_same_orders_imported_by_two_clients_at_once_are_stored_once_and_nothing_is_rejected(
        db, admin, session_factory, world):
    import threading

    parsed = ParsedOrders([an_order(f"C{i}", buyer_id=f"b{i}", receiver_phone=f"138001380{i:02d}")
                           for i in range(20)])
    barrier = threading.Barrier(2)
    summaries: list[orders.ImportSummary] = []
    errors: list[BaseException] = []

    def client():
        try:
            with db.sessions(admin).begin() as s:
                barrier.wait()
                summaries.append(orders.import_orders(s, shop_id(s), parsed))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and sorted(x.rejected for x in summaries) == [0, 0]
    assert sum(x.created for x in summaries) == 20 and sum(x.unchanged for x in summaries) == 20
    with session_factory() as s:
        assert s.execute(text("SELECT count(*) FROM sales.\"order\"")).scalar_one() == 20
        assert s.execute(text("SELECT count(*) FROM crm.customer")).scalar_one() == 20
