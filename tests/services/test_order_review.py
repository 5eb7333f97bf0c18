"""Review, routing and assignment by rules, as the order desk sets them up."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop.domain import rules as r
from erp_desktop.domain.errors import ValidationError
from erp_desktop.domain.orders import ParsedOrders, PlatformOrderLine
from erp_desktop.services import order_review, orders, stock
from tests.services.test_orders import an_order, shop_id
from tests.services.test_orders import world as world


def rule(name, action, *conditions, kind="review", priority=100, **params):
    return r.RuleSpec(id=None, name=name, kind=kind, priority=priority, action=action, params=params,
                      conditions=tuple(r.Condition(*c) for c in conditions))


def status_of(s, no):
    return tuple(s.execute(text("SELECT status, hold_reason FROM sales.\"order\" WHERE platform_order_no = :n"),
                           {"n": no}).one())


def test_rules_approve_hold_and_reject_and_say_why(db, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(20))
        order_review.save_rule(s, rule("黑名单拒单", "reject", ("phone_blacklisted", "is_true", None),
                                       priority=1, reason="blacklisted"))
        order_review.save_rule(s, rule("有留言人工审", "hold", ("buyer_message", "not_empty", None),
                                       priority=2, reason="看留言"))
        order_review.save_rule(s, rule("小额自动审", "approve", ("amount", "lt", "500"), priority=3))
        s.execute(text("INSERT INTO sales.blacklist (phone_key, reason) VALUES ('+8613700137000', '恶意退款')"))
        summary = orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("OK1"), an_order("MSG", buyer_message="请发顺丰"), an_order("BL", receiver_phone="13700137000",
                                                                            buyer_id="bad"),
            an_order("BIG", paid_amount=D("999.00"))]))
        result = order_review.review_orders(s, summary.order_ids)
    assert len(result.approved) == 1 and len(result.held) == 2 and len(result.rejected) == 1
    with session_factory() as s:
        assert status_of(s, "OK1") == ("approved", None)
        assert status_of(s, "MSG") == ("review", "看留言")
        assert status_of(s, "BL") == ("cancelled", "blacklisted")
        assert status_of(s, "BIG") == ("review", "no_rule")
        fired = s.execute(text(
            "SELECT e.detail FROM sales.order_event e JOIN sales.\"order\" o ON o.id = e.order_id "
            "WHERE o.platform_order_no = 'MSG' AND e.kind = 'rule'")).scalar_one()
        assert fired["rule_name"] == "有留言人工审"
        assert fired["conditions"][0]["field"] == "buyer_message" and fired["conditions"][0]["matched"] is True
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k AND warehouse_id = :w"),
                         {"k": world.sku["CUP"], "w": world.wh["HZ"]}).scalar_one() == 3


def test_routing_prefers_the_local_warehouse_and_waiting_orders_go_when_stock_comes(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(3))
        stock.receive_goods(s, world.sku["CUP"], world.bin["GZ/A-01"], D(3))
        order_review.save_rule(s, rule("全部自动审", "approve"))
        summary = orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("GD1", province="广东省", city="广州市", district="天河区", address_detail="体育西路 100 号"),
            an_order("ZJ1"), an_order("ZJ2")]))
        result = order_review.review_orders(s, summary.order_ids)
    with session_factory() as s:
        wh = dict(s.execute(text("SELECT platform_order_no, w.code FROM sales.\"order\" o "
                                 "JOIN stock.warehouse w ON w.id = o.warehouse_id")).all())
        assert wh["GD1"] == "GZ" and wh["ZJ1"] == "HZ"
        assert status_of(s, "ZJ2") == ("waiting", "not_enough_stock")
    assert len(result.approved) == 2 and len(result.waiting) == 1
    with session_factory.begin() as s:
        assert order_review.retry_waiting(s).approved == ()
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-02"], D(5))
    with session_factory.begin() as s:
        assert len(order_review.retry_waiting(s).approved) == 1
    with session_factory() as s:
        assert status_of(s, "ZJ2") == ("approved", None)


def test_assignment_goes_round_the_team_and_bad_rules_are_refused(db, session_factory, world):
    for login in ("xiaoli", "xiaozhang"):
        db.add_login("sales", login)
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(30))
        order_review.save_rule(s, rule("自动审", "approve"))
        order_review.save_rule(s, rule("客服组", "assign_team", kind="assign", members=["xiaoli", "xiaozhang"]))
        with pytest.raises(ValidationError):
            order_review.save_rule(s, rule("坏规则", "hold", ("amount", "contains_any", ["x"])))
        summary = orders.import_orders(s, shop_id(s), ParsedOrders([an_order(f"T{i}") for i in range(3)]))
        order_review.review_orders(s, summary.order_ids)
    with session_factory() as s:
        handlers = s.execute(text("SELECT u.login FROM sales.\"order\" o JOIN core.app_user u ON u.id = o.handler_id "
                                  "ORDER BY o.paid_at, o.id")).scalars().all()
    assert handlers == ["xiaoli", "xiaozhang", "xiaoli"]


def test_a_dry_run_counts_what_a_rule_would_do_and_changes_nothing(session_factory, world):
    with session_factory.begin() as s:
        orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("D1", buyer_message="加急"), an_order("D2"),
            an_order("D3", lines=(PlatformOrderLine("CUP", "保温杯", D(9), D(10)),))]))
        result = order_review.dry_run_rule(s, rule("多件人工审", "hold", ("quantity", "gt", "5"), reason="大单"))
        assert (result.total, result.matched) == (3, 1)
        assert s.execute(text("SELECT count(*) FROM sales.\"order\" WHERE status <> 'review'")).scalar_one() == 0


def test_the_cheapest_carrier_that_takes_the_parcel_unless_a_rule_says_which(db, session_factory, world):
    with db.superuser() as su:
        su.execute("UPDATE catalog.sku SET weight_kg = 1.5 WHERE code = 'CUP'")
        su.execute("INSERT INTO fulfil.carrier (code, name) VALUES ('ZTO', '中通快递'), ('SF', '顺丰速运')")
        su.execute("INSERT INTO fulfil.carrier_service (carrier_id, service, first_fee, extra_fee_per_kg, "
                   "excluded_provinces) SELECT id, '标快', 5, 2, '{新疆维吾尔自治区}' FROM fulfil.carrier "
                   "WHERE code = 'ZTO'")
        su.execute("INSERT INTO fulfil.carrier_service (carrier_id, service, first_fee, extra_fee_per_kg, "
                   "weight_step_kg) SELECT id, '特快', 12, 5, 0.5 FROM fulfil.carrier WHERE code = 'SF'")
        sf = su.execute("SELECT id FROM fulfil.carrier WHERE code = 'SF'").fetchone()[0]
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(30))
        order_review.save_rule(s, rule("自动审", "approve"))
        order_review.save_rule(s, rule("大单走顺丰", "use_carrier", ("amount", "gt", "1000"), kind="carrier",
                                       carrier_id=sf))
        cups = (PlatformOrderLine("CUP", "保温杯", D(2), D("89.00")),)
        ids = orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("ZJ", lines=cups),
            an_order("XJ", lines=cups, province="新疆维吾尔自治区", city="乌鲁木齐市", district="天山区",
                     address_detail="解放北路 1 号"),
            an_order("BIG", lines=cups, paid_amount=D("1999.00"))])).order_ids
        order_review.review_orders(s, ids)
    with session_factory() as s:
        got = {r.platform_order_no: (r.code, r.carrier_service, r.freight_estimate) for r in s.execute(text(
            "SELECT o.platform_order_no, c.code, o.carrier_service, o.freight_estimate FROM sales.\"order\" o "
            "JOIN fulfil.carrier c ON c.id = o.carrier_id"))}
    # 3 kg: ZTO 5 + 2 x 2 kg; SF by the half kilo 12 + 4 x 2.5
    assert got == {"ZJ": ("ZTO", "标快", D("9.00")), "XJ": ("SF", "特快", D("22.00")),
                   "BIG": ("SF", "特快", D("22.00"))}


def test_re_applying_the_rules_leaves_a_persons_hold_alone(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(30))
        order_review.save_rule(s, rule("自动审", "approve"))
        ids = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("P1"), an_order("P2")])).order_ids
        order_review.review_orders(s, ids)
        orders.hold_orders(s, [ids[0]], "客户要求改地址")
        orders.hold_orders(s, [ids[1]], "先等等")
        s.execute(text("UPDATE sales.\"order\" SET hold_reason = NULL WHERE id = :o"), {"o": ids[1]})
        summary = order_review.reapply_rules(s)
    assert summary.approved == (ids[1],)
    with session_factory() as s:
        assert status_of(s, "P1") == ("review", "客户要求改地址")


def test_a_merge_rule_merges_the_buyers_open_orders_then_the_other_rules_decide(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(30))
        order_review.save_rule(s, rule("同一买家合单", "merge", priority=1))
        order_review.save_rule(s, rule("自动审", "approve", priority=2))
        first = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("G1")])).order_ids
        order_review.review_orders(s, first)           # alone: nothing to merge, approved
        later = orders.import_orders(s, shop_id(s), ParsedOrders([an_order("G2"), an_order(
            "OTHER", receiver_phone="13900139000", buyer_id="other")])).order_ids
        result = order_review.review_orders(s, later)
    with session_factory() as s:
        assert status_of(s, "G2") == ("cancelled", "merged")
        assert status_of(s, "G1") == ("approved", None) and status_of(s, "OTHER") == ("approved", None)
        nos = s.execute(text("SELECT platform_order_nos FROM sales.\"order\" WHERE platform_order_no = 'G1'"))
        assert nos.scalar_one() == ["G1", "G2"]
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 9      # 3 cups each for G1, G2, OTHER
    assert len(result.approved) == 2


def test_two_batches_reviewed_at_once_over_the_same_skus_never_deadlock(db, admin, session_factory, world):
    """Each batch reserves its orders one by one, the two in opposite SKU order: without the
    batch's locks taken up front, one of them would be picked as a deadlock victim."""
    import datetime as dt
    import threading

    with session_factory.begin() as s:
        for sku in ("CUP", "PEN"):
            stock.receive_goods(s, world.sku[sku], world.bin["HZ/A-01"], D(1000))
        order_review.save_rule(s, rule("自动审", "approve"))
    cup, pen = (PlatformOrderLine(k, k, D(1), D(10)) for k in ("CUP", "PEN"))
    t0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    errors: list[BaseException] = []
    for round_ in range(4):
        with session_factory.begin() as s:
            def make(no, line, minutes, round_=round_):
                return an_order(no, lines=(line,), paid_at=t0 + dt.timedelta(minutes=minutes), buyer_id=no,
                                receiver_phone=f"1380013{round_:02d}{minutes:02d}")
            a = orders.import_orders(s, shop_id(s), ParsedOrders([make(f"A{round_}-1", cup, 1),
                                                                  make(f"A{round_}-2", pen, 2)])).order_ids
            b = orders.import_orders(s, shop_id(s), ParsedOrders([make(f"B{round_}-1", pen, 3),
                                                                  make(f"B{round_}-2", cup, 4)])).order_ids
        barrier = threading.Barrier(2)

        def review(ids, barrier=barrier):
            sessions = db.sessions(admin)
            try:
                with sessions.begin() as s:
                    barrier.wait()
                    order_review.review_orders(s, ids)
            except BaseException as exc:         # a deadlock victim would land here
                errors.append(exc)

        threads = [threading.Thread(target=review, args=(ids,)) for ids in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert errors == []
    with session_factory() as s:
        assert s.execute(text("SELECT count(*) FROM sales.\"order\" WHERE status = 'approved'")).scalar_one() == 16
        assert stock.check_ledger(s) == []


def test_orders_reviewed_together_each_keep_their_own_timeline_in_order(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(6))
        order_review.save_rule(s, rule("有留言人工审", "hold", ("buyer_message", "not_empty", None),
                                       priority=1, reason="看留言"))
        order_review.save_rule(s, rule("全部自动审", "approve", priority=2))
        summary = orders.import_orders(s, shop_id(s), ParsedOrders([
            an_order("T1"), an_order("T2", buyer_message="周末送"), an_order("T3"), an_order("T4")]))
        result = order_review.review_orders(s, summary.order_ids)
    assert (len(result.approved), len(result.held), len(result.waiting)) == (2, 1, 1)
    with session_factory() as s:
        kinds = {no: s.execute(text(
            "SELECT array_agg(e.kind ORDER BY e.id) FROM sales.order_event e JOIN sales.\"order\" o "
            "ON o.id = e.order_id WHERE o.platform_order_no = :n"), {"n": no}).scalar_one()
            for no in ("T1", "T2", "T3", "T4")}
        assert kinds["T1"] == kinds["T3"] == ["imported", "rule", "routed", "carrier", "approved"]
        assert kinds["T2"] == ["imported", "rule"]
        assert kinds["T4"] == ["imported", "rule", "routed", "carrier", "waiting_for_stock"]
        # each approved line holds its own reservation; the level holds their sum (3 units per order)
        held = s.execute(text(
            "SELECT o.platform_order_no, sum(r.quantity) FROM sales.order_line l JOIN sales.\"order\" o "
            "ON o.id = l.order_id JOIN stock.reservation r ON r.id = l.reservation_id GROUP BY 1 ORDER BY 1")).all()
        assert [tuple(h) for h in held] == [("T1", 3), ("T3", 3)]
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k AND warehouse_id = :w"),
                         {"k": world.sku["CUP"], "w": world.wh["HZ"]}).scalar_one() == 6
        assert status_of(s, "T2") == ("review", "看留言")
