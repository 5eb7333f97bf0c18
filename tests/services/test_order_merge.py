"""Merging orders of one buyer into one parcel, splitting one across warehouses."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop.domain import rules as r
from erp_desktop.domain.orders import ParsedOrders, PlatformOrderLine
from erp_desktop.services import order_merge, order_review, orders, stock
from tests.services.test_orders import an_order, shop_id
from tests.services.test_orders import world as world

CUP = PlatformOrderLine("CUP", "保温杯", D(1), D("89.00"))
LID = PlatformOrderLine("LID", "杯盖", D(2), D("10.00"))


def import_(s, *pos):
    return orders.import_orders(s, shop_id(s), ParsedOrders(list(pos))).order_ids


def test_orders_of_one_buyer_merge_into_one_parcel_with_every_platform_number(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
        ids = import_(s, an_order("M1", lines=(CUP,), paid_amount=D("89.00")),
                      an_order("M2", lines=(CUP,), paid_amount=D("89.00"), buyer_message="一起发"),
                      an_order("OTHER", lines=(CUP,), receiver_phone="13900139000", buyer_id="someone"))
        orders.approve_orders(s, [ids[0]])
        [group] = order_merge.merge_candidates(s)
        assert set(group.order_ids) == {ids[0], ids[1]}
        with pytest.raises(order_merge.MergeRefusedError) as refused:
            order_merge.merge_orders(s, [ids[0], ids[2]])
        assert refused.value.reason == "different_buyer"
        target = order_merge.merge_orders(s, group.order_ids)
    with session_factory() as s:
        row = s.execute(text("SELECT status, platform_order_nos, paid_amount, buyer_message FROM sales.\"order\" "
                             "WHERE id = :t"), {"t": target}).one()
        assert tuple(row) == ("review", ["M1", "M2"], D("178.00"), "一起发")
        assert s.execute(text("SELECT count(*) FROM sales.order_line WHERE order_id = :t"), {"t": target}).scalar() == 2
        merged = s.execute(text("SELECT status, hold_reason, merged_into FROM sales.\"order\" "
                                "WHERE platform_order_no = 'M2'")).one()
        assert tuple(merged) == ("cancelled", "merged", target)
        # the stock the first order held went back; the merged order is reviewed again
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 0
    # the buyer cancels one of the merged shop orders: the parcel goes back to a person
    with session_factory.begin() as s:
        import_(s, an_order("M2", status="cancelled", lines=(CUP,), paid_amount=D("89.00"), buyer_message="一起发"))
    with session_factory() as s:
        assert tuple(s.execute(text("SELECT status, hold_reason FROM sales.\"order\" WHERE id = :t"),
                               {"t": target}).one()) == ("review", "merged_order_cancelled")


def test_an_order_no_one_warehouse_can_ship_is_split_and_each_part_reserved_where_it_ships(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        stock.receive_goods(s, world.sku["LID"], world.bin["GZ/A-01"], D(5))
        order_review.save_rule(s, r.RuleSpec(id=None, name="自动审", action="approve"))
        ids = import_(s, an_order("S1", lines=(CUP, LID), paid_amount=D("109.00")))
        result = order_review.review_orders(s, ids)
    assert len(result.approved) == 1
    with session_factory() as s:
        parts = s.execute(text("SELECT o.platform_order_no, w.code, o.status, o.platform_order_nos, "
                               "(SELECT array_agg(k.code) FROM sales.order_line l "
                               " JOIN catalog.sku k ON k.id = l.sku_id WHERE l.order_id = o.id) "
                               "FROM sales.\"order\" o JOIN stock.warehouse w "
                               "ON w.id = o.warehouse_id ORDER BY o.id")).all()
        assert [tuple(p) for p in parts] == [("S1", "HZ", "approved", ["S1"], ["CUP"]),
                                             ("S1-S1", "GZ", "approved", ["S1"], ["LID"])]
        assert s.execute(text("SELECT sum(paid_amount) FROM sales.\"order\"")).scalar_one() == D("109.00")
        assert stock.check_ledger(s) == []


def test_a_split_by_hand_keeps_every_line_once(session_factory, world):
    with session_factory.begin() as s:
        [oid] = import_(s, an_order("H1", lines=(CUP, LID, PlatformOrderLine("PEN", "笔", D(1), D(5)))))
        lines = s.execute(text("SELECT id FROM sales.order_line WHERE order_id = :o ORDER BY line_no"),
                          {"o": oid}).scalars().all()
        with pytest.raises(order_merge.MergeRefusedError):
            order_merge.split_order(s, oid, [[lines[0]], [lines[1]]])        # a line left out
        made = order_merge.split_order(s, oid, [[lines[0], lines[2]], [lines[1]]])
    with session_factory() as s:
        counts = s.execute(text("SELECT order_id, array_agg(line_no ORDER BY line_no) FROM sales.order_line "
                                "GROUP BY order_id ORDER BY order_id")).all()
        assert [tuple(c) for c in counts] == [(made[0], [1, 2]), (made[1], [1])]
