"""The demo company: what it promises, the same data for the same seed, and never over a real company."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop import paths
from erp_desktop.domain.barcodes import gtin_valid
from erp_desktop.domain.order_checks import check_order
from erp_desktop.domain.orders import PlatformOrder, PlatformOrderLine
from erp_desktop.domain.pinyin import initials
from erp_desktop.services import demo, demo_orders
from tests import conftest


@pytest.fixture(scope="module")
def seeded(pg_server) -> Iterator[tuple[conftest.TestDb, demo.DemoSummary, float]]:
    """One database seeded with the default demo, shared by the read-only tests of this module.

    Seeded by an app user of the admin group (not a superuser), read back as the superuser."""
    name = "t_demo_module"
    with pg_server.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE erp_test STRATEGY FILE_COPY')
    tdb = conftest.TestDb(pg_server, name)
    try:
        login = tdb.add_login("admin", "demo_seeder")
        with tdb.sessions(login).begin() as s:
            t0 = time.perf_counter()
            summary = demo.seed_demo(s)
        elapsed = time.perf_counter() - t0
        yield tdb, summary, elapsed
    finally:
        tdb.dispose()
        with pg_server.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute('DROP ROLE IF EXISTS "demo_seeder@erp_test"')


def _q(tdb: conftest.TestDb, sql: str) -> list[tuple]:
    with tdb.superuser() as conn:
        return conn.execute(sql).fetchall()


def _one(tdb: conftest.TestDb, sql: str):
    return _q(tdb, sql)[0][0]


def test_seed_is_fast(seeded):
    _tdb, summary, elapsed = seeded
    print(f"\nseed_demo: {summary.skus} SKUs, {summary.customers} customers, {summary.stock_moves} stock moves, "
          f"{summary.orders} orders of {summary.buyers} more buyers in {elapsed:.2f} s")
    assert elapsed < 30         # a year of daily sales and of orders included (about 11 s and 5-7 s on a busy machine)


def test_summary_matches_the_database(seeded):
    tdb, s, _ = seeded
    assert s.warehouses == _one(tdb, "SELECT count(*) FROM stock.warehouse") == 3
    assert s.locations == _one(tdb, "SELECT count(*) FROM stock.location WHERE kind <> 'transit'")
    assert s.categories == _one(tdb, "SELECT count(*) FROM catalog.category")
    assert s.products == _one(tdb, "SELECT count(*) FROM catalog.product")
    assert s.skus == _one(tdb, "SELECT count(*) FROM catalog.sku") == 2000
    assert s.kits == _one(tdb, "SELECT count(*) FROM catalog.sku WHERE is_kit")
    assert s.barcodes == _one(tdb, "SELECT count(*) FROM catalog.barcode")
    assert s.shops == _one(tdb, "SELECT count(*) FROM sales.shop") == 5
    assert s.customers == 500 and s.buyers > 5000
    assert s.customers + s.buyers == _one(tdb, "SELECT count(*) FROM crm.customer")
    assert s.orders == _one(tdb, 'SELECT count(*) FROM sales."order"')
    assert s.suppliers == _one(tdb, "SELECT count(*) FROM purchase.supplier") == 20
    assert s.carriers == _one(tdb, "SELECT count(*) FROM fulfil.carrier") == 5
    assert s.supplier_skus == _one(tdb, "SELECT count(*) FROM purchase.supplier_sku")
    assert s.stock_pairs == _one(tdb, "SELECT count(*) FROM stock.level")
    assert s.stock_moves == _one(tdb, "SELECT count(*) FROM stock.move WHERE kind IN ('receipt', 'shipment') "
                                      "AND moved_at < current_date")


def test_company_is_a_demo_with_an_event(seeded):
    tdb, s, _ = seeded
    [(cid, name, tax_id, phone, is_demo)] = _q(tdb, "SELECT id, name, tax_id, phone, is_demo FROM core.company")
    assert (cid, name, is_demo) == (s.company_id, s.company_name, True)
    assert name.endswith("有限公司") and len(tax_id) == 18 and phone
    [(entity, entity_id, payload)] = _q(
        tdb, "SELECT entity, entity_id, payload FROM core.business_event WHERE kind = 'demo_seeded'")
    assert (entity, entity_id) == ("core.company", cid)
    assert payload["skus"] == 2000 and payload["seed"] == demo.DEFAULT_SEED


def test_warehouses_in_three_provinces_with_bins_in_walking_order(seeded):
    tdb, _, _ = seeded
    assert _one(tdb, "SELECT count(DISTINCT province) FROM stock.warehouse") == 3
    per_wh = _q(tdb, """
        SELECT w.code,
               count(*) FILTER (WHERE l.kind = 'bin'),
               count(*) FILTER (WHERE l.kind = 'receiving'),
               count(*) FILTER (WHERE l.kind = 'shipping'),
               count(DISTINCT l.pick_order) = count(*)
        FROM stock.warehouse w JOIN stock.location l ON l.warehouse_id = w.id GROUP BY w.code""")
    assert len(per_wh) == 3
    for _code, bins, receiving, shipping, distinct_order in per_wh:
        assert 40 <= bins <= 80 and receiving == 1 and shipping == 1 and distinct_order
    codes = [c for (c,) in _q(tdb, """
        SELECT l.code FROM stock.location l JOIN stock.warehouse w ON w.id = l.warehouse_id
        WHERE w.code = 'WH-HZ' AND l.kind = 'bin' ORDER BY l.pick_order""")]
    assert all(len(c.split("-")) == 4 for c in codes)
    # the path snakes: up the first aisle, back down the second
    first_aisle = [c for c in codes if c.startswith("A-01-")]
    second_aisle = [c for c in codes if c.startswith("A-02-")]
    assert first_aisle[0].startswith("A-01-01-") and second_aisle[-1].startswith("A-02-01-")
    assert _one(tdb, """SELECT bool_and(l.pick_order < s.pick_order) FROM stock.location l
                        JOIN stock.location s ON s.warehouse_id = l.warehouse_id AND s.kind = 'shipping'
                        WHERE l.kind = 'bin'""")


def test_category_tree_has_two_levels_with_ascii_codes(seeded):
    tdb, _, _ = seeded
    tops = _q(tdb, "SELECT id, code FROM catalog.category WHERE parent_id IS NULL")
    assert len(tops) == 8
    children = dict(_q(tdb, "SELECT parent_id, count(*) FROM catalog.category WHERE parent_id IS NOT NULL "
                            "GROUP BY parent_id"))
    assert all(3 <= children[tid] <= 5 for tid, _ in tops)
    assert _one(tdb, "SELECT count(*) FROM catalog.category c JOIN catalog.category p ON p.id = c.parent_id "
                     "WHERE p.parent_id IS NOT NULL") == 0
    assert all(code.isascii() for (code,) in _q(tdb, "SELECT code FROM catalog.category"))


def test_skus_look_real(seeded):
    tdb, s, _ = seeded
    assert 600 <= s.products <= 850
    rows = _q(tdb, "SELECT code, name, spec, pinyin, status, price, cost, weight_kg, length_cm, category_id "
                   "FROM catalog.sku WHERE NOT is_kit")
    for code, name, _spec, pinyin, _status, price, cost, weight, length, category_id in rows:
        assert code.isascii() and " " in name and pinyin == initials(name)
        assert price > 0 and price.as_tuple().exponent == -2
        assert price * 45 / 100 - 1 <= cost <= price * 75 / 100 + 1
        assert weight > 0 and length > 0 and category_id is not None
    statuses = {st for *_x, st, _p, _c, _w, _l, _cat in rows}
    assert statuses == {"active", "inactive", "discontinued"}
    assert sum(1 for r in rows if r[4] == "active") > 0.8 * len(rows)
    assert any("/" in spec for _c, _n, spec, *_ in rows)      # colour/size variants
    # codes like DG-001234-BK-M: a product's variants share its code
    assert _one(tdb, """SELECT bool_and(s.code LIKE p.code || '%') FROM catalog.sku s
                        JOIN catalog.product p ON p.id = s.product_id""")


def test_every_sku_has_a_valid_ean13_and_some_an_internal_code(seeded):
    tdb, _, _ = seeded
    assert _one(tdb, "SELECT count(*) FROM catalog.sku s WHERE NOT EXISTS "
                     "(SELECT 1 FROM catalog.barcode b WHERE b.sku_id = s.id AND b.kind = 'EAN13')") == 0
    per_sku = {n for (n,) in _q(tdb, "SELECT count(*) FROM catalog.barcode GROUP BY sku_id")}
    assert per_sku == {1, 2}
    eans = [c for (c,) in _q(tdb, "SELECT code FROM catalog.barcode WHERE kind = 'EAN13'")]
    assert all(gtin_valid(c) and c.startswith("69") for c in eans)
    assert _one(tdb, "SELECT count(*) FROM catalog.barcode WHERE kind = 'CODE128'") > 100


def test_kits_are_made_of_plain_skus(seeded):
    tdb, s, _ = seeded
    assert 30 <= s.kits <= 40
    kits = _q(tdb, """SELECT k.name, count(c.*), bool_and(NOT part.is_kit), sum(c.quantity)
                      FROM catalog.sku k
                      JOIN catalog.kit_component c ON c.kit_sku_id = k.id
                      JOIN catalog.sku part ON part.id = c.component_sku_id
                      WHERE k.is_kit GROUP BY k.id, k.name""")
    assert len(kits) == s.kits
    for name, parts, all_plain, qty in kits:
        assert name.endswith("礼盒套装") and 2 <= parts <= 4 and all_plain and qty >= parts


def test_shops_customers_suppliers_carriers(seeded):
    tdb, _, _ = seeded
    assert _one(tdb, "SELECT count(DISTINCT platform_code) FROM sales.shop") == 5
    assert {p for (p,) in _q(tdb, "SELECT platform_code FROM sales.shop")} == {
        "douyin", "tmall", "jd", "pdd", "shopify"}
    assert all(0 < r <= 1 for (r,) in _q(tdb, "SELECT stock_ratio FROM sales.shop"))
    customers = _q(tdb, "SELECT name, phone, province, city, district, address FROM crm.customer ORDER BY id LIMIT 500")
    assert all(len(phone) == 11 and phone.isdigit() and phone[0] == "1" for _n, phone, *_ in customers)
    assert len({c[1] for c in customers}) == len(customers)
    assert all(all(c) for c in customers)
    assert len({c[2] for c in customers}) > 10
    leads = [d for (d,) in _q(tdb, "SELECT lead_time_days FROM purchase.supplier")]
    assert all(3 <= d <= 30 for d in leads)
    carriers = dict(_q(tdb, "SELECT code, tracking_url FROM fulfil.carrier"))
    assert set(carriers) == {"SF", "ZTO", "YTO", "YD", "JD"}
    assert all("{tracking_no}" in u for u in carriers.values())


def _fingerprint(session: Session) -> str:
    h = hashlib.sha256()
    for sql in ("SELECT s.code, p.code, ss.lead_time_days, ss.moq::text, ss.pack_size::text, ss.unit_cost::text, "
                "ss.preferred FROM purchase.supplier_sku ss JOIN catalog.sku s ON s.id = ss.sku_id "
                "JOIN purchase.supplier p ON p.id = ss.supplier_id ORDER BY 1, 2",
                "SELECT s.code, w.code, l.on_hand::text, l.in_transit::text FROM stock.level l "
                "JOIN catalog.sku s ON s.id = l.sku_id JOIN stock.warehouse w ON w.id = l.warehouse_id ORDER BY 1, 2",
                "SELECT s.code, m.kind, current_date - CAST(m.moved_at AS date), m.quantity::text FROM stock.move m "
                "JOIN catalog.sku s ON s.id = m.sku_id ORDER BY 1, 2, 3, 4",
"SELECT code, name, spec, price::text, cost::text, status FROM catalog.sku ORDER BY code",
                "SELECT b.code, s.code FROM catalog.barcode b JOIN catalog.sku s ON s.id = b.sku_id ORDER BY 1",
                "SELECT name, phone, address FROM crm.customer ORDER BY id",
                "SELECT code, name, phone FROM purchase.supplier ORDER BY code",
                "SELECT name, tax_id, address FROM core.company",
                # the orders: the same numbers, buyers, amounts and outcomes (paid times follow the clock)
                "SELECT s.code, o.platform_order_no, o.status, o.hold_reason, o.paid_amount::text, o.receiver_name, "
                "o.phone_key, o.tracking_no, current_date - CAST(o.shipped_at AS date) FROM sales.\"order\" o "
                "JOIN sales.shop s ON s.id = o.shop_id ORDER BY 1, 2",
                "SELECT o.platform_order_no, l.line_no, l.platform_sku, l.quantity::text, l.amount::text "
                "FROM sales.order_line l JOIN sales.\"order\" o ON o.id = l.order_id ORDER BY 1, 2",
                "SELECT m.platform_sku, s.code, m.quantity::text FROM sales.sku_map m JOIN sales.shop s "
                "ON s.id = m.shop_id ORDER BY 2, 1"):
        for row in session.execute(text(sql)):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def test_same_seed_gives_the_same_data(seeded, session_factory):
    tdb, _, _ = seeded
    with session_factory.begin() as s:
        demo.seed_demo(s)
    with session_factory() as s:
        again = _fingerprint(s)
    with tdb.sessions().begin() as s:
        first = _fingerprint(s)
    assert again == first


def test_another_seed_gives_other_data(seeded, session_factory):
    tdb, _, _ = seeded
    with session_factory.begin() as s:
        demo.seed_demo(s, seed=7, skus=200, customers=20)
    sqls = ("SELECT name, phone FROM crm.customer ORDER BY id LIMIT 20",
            "SELECT code, name, price FROM catalog.sku ORDER BY id LIMIT 50")
    with session_factory() as s:
        other = [s.execute(text(q)).all() for q in sqls]
        assert s.execute(text("SELECT count(*) FROM catalog.sku")).scalar_one() == 200
    with tdb.sessions()() as s:
        default = [s.execute(text(q)).all() for q in sqls]
    assert other[0] != default[0] and other[1] != default[1]


# ---------------------------------------------------------------------------------------------
# Stock: supplier terms, a year of history, replenishment figures
# ---------------------------------------------------------------------------------------------


def test_every_plain_sku_has_a_preferred_supplier_with_terms(seeded):
    tdb, _, _ = seeded
    assert _one(tdb, """SELECT count(*) FROM catalog.sku s WHERE NOT s.is_kit AND NOT EXISTS (
                            SELECT 1 FROM purchase.supplier_sku ss WHERE ss.sku_id = s.id AND ss.preferred)""") == 0
    assert _one(tdb, "SELECT count(*) FROM purchase.supplier_sku ss JOIN catalog.sku s ON s.id = ss.sku_id "
                     "WHERE s.is_kit") == 0
    assert _one(tdb, "SELECT count(*) FROM purchase.supplier_sku WHERE NOT preferred") > 200
    assert _one(tdb, "SELECT bool_and(moq >= pack_size AND unit_cost > 0) FROM purchase.supplier_sku")
    assert _one(tdb, "SELECT count(DISTINCT pack_size) FROM purchase.supplier_sku") >= 5
    leads = [d for (d,) in _q(tdb, """SELECT coalesce(ss.lead_time_days, p.lead_time_days) FROM purchase.supplier_sku ss
                                      JOIN purchase.supplier p ON p.id = ss.supplier_id""")]
    assert min(leads) >= 2 and max(leads) <= 40
    # food comes from Linyi, cosmetics from Guangzhou
    assert _one(tdb, """SELECT bool_and(p.address LIKE '%临沂%') FROM purchase.supplier_sku ss
                        JOIN purchase.supplier p ON p.id = ss.supplier_id JOIN catalog.sku s ON s.id = ss.sku_id
                        WHERE ss.preferred AND s.code LIKE 'SP-%'""")


def test_a_year_of_daily_sales_with_weekends_and_promotions(seeded):
    tdb, s, _ = seeded
    assert 100_000 < s.stock_moves < 250_000
    # an opening receipt 13 months ago, shipments for the last 12 months, one per SKU x warehouse x day
    assert _one(tdb, "SELECT current_date - min(CAST(moved_at AS date)) FROM stock.move") == 395
    assert _one(tdb, "SELECT current_date - min(CAST(moved_at AS date)) FROM stock.move WHERE kind = 'shipment'") == 365
    # (the parcels the demo's first wave shipped today are moves of their own, one per order)
    assert _one(tdb, """SELECT count(*) FROM (SELECT 1 FROM stock.move m WHERE kind = 'shipment'
                        AND NOT EXISTS (SELECT 1 FROM sales."order" o JOIN fulfil.shipment s ON s.order_id = o.id
                                        WHERE o.platform_order_no = m.doc_ref)
                        GROUP BY sku_id, from_warehouse_id, CAST(moved_at AS date) HAVING count(*) > 1) x""") == 0
    assert _one(tdb, "SELECT count(*) FROM stock.move WHERE moved_at > now()") == 0
    by_day = dict(_q(tdb, """SELECT CAST(moved_at AS date), sum(quantity) FROM stock.move WHERE kind = 'shipment'
                             GROUP BY 1"""))
    mean = sum(by_day.values()) / len(by_day)
    double11 = [q for d, q in by_day.items() if (d.month, d.day) == (11, 11)]
    assert double11 and double11[0] > 3 * mean                       # 双11
    weekend = [q for d, q in by_day.items() if d.weekday() >= 5]
    weekday = [q for d, q in by_day.items() if d.weekday() < 5]
    assert float(sum(weekend)) / len(weekend) > 1.1 * float(sum(weekday)) / len(weekday)
    # the long tail: most pairs sell on few days, a few sell every day
    days_sold = [n for (n,) in _q(tdb, """SELECT count(*) FROM stock.move WHERE kind = 'shipment'
                                          GROUP BY sku_id, from_warehouse_id""")]
    assert max(days_sold) > 300 and sorted(days_sold)[len(days_sold) // 2] < 120


def test_stock_ends_in_a_realistic_mix(seeded):
    tdb, _, _ = seeded
    assert _one(tdb, "SELECT count(*) FROM stock.check_ledger()") == 0
    assert _one(tdb, "SELECT count(DISTINCT warehouse_id) FROM stock.level") == 3
    assert _one(tdb, "SELECT count(*) FROM stock.level WHERE tracks_expiry") > 20           # lots with expiry
    assert _one(tdb, "SELECT count(*) FROM stock.lot WHERE expires_on < current_date + 60") > 0   # short-dated
    assert _one(tdb, "SELECT count(*) FROM stock.level WHERE in_transit > 0") > 0
    assert _one(tdb, "SELECT count(*) FROM stock.level WHERE on_hand = 0") > 10              # sold out
    # the figures were computed: some to buy, some below safety stock, some slow or dead
    total = _one(tdb, "SELECT count(*) FROM stock.replenishment WHERE computed_at IS NOT NULL")
    assert total == _one(tdb, "SELECT count(*) FROM stock.level")
    to_buy = _one(tdb, "SELECT count(*) FROM stock.replenishment WHERE suggested_qty > 0")
    below = _one(tdb, """SELECT count(*) FROM stock.replenishment r JOIN stock.level l USING (sku_id, warehouse_id)
                         WHERE l.on_hand - l.reserved < r.safety_stock""")
    dead = _one(tdb, """SELECT count(*) FROM stock.replenishment r JOIN stock.level l USING (sku_id, warehouse_id)
                        WHERE l.on_hand > 0
                          AND (r.last_sale_at IS NULL OR r.last_sale_at < now() - interval '180 days')""")
    over = _one(tdb, """SELECT count(*) FROM stock.replenishment r JOIN stock.level l USING (sku_id, warehouse_id)
                        WHERE r.forecast_daily > 0 AND l.on_hand / r.forecast_daily > 90""")
    assert 0.05 * total < to_buy < 0.4 * total
    assert 0.02 * total < below < 0.2 * total
    assert 0.03 * total < dead < 0.25 * total
    assert 0.05 * total < over < 0.4 * total
    assert _one(tdb, "SELECT count(*) FROM stock.replenishment WHERE safety_stock_set IS NOT NULL") > 0
    methods = dict(_q(tdb, "SELECT explanation->>'method', count(*) FROM stock.replenishment GROUP BY 1"))
    assert methods.get("holt_winters", 0) > 200 and methods.get("average", 0) > 200


def test_seeding_twice_is_refused(session_factory):
    with session_factory.begin() as s:
        assert not demo.is_seeded(s)
        demo.seed_demo(s, skus=100, customers=10)
    with session_factory.begin() as s:
        assert demo.is_seeded(s)
    with pytest.raises(demo.DemoRefusedError) as err, session_factory.begin() as s:
        demo.seed_demo(s, skus=100, customers=10)
    assert err.value.reason == "company_exists"
    with session_factory() as s:
        assert s.execute(text("SELECT count(*) FROM catalog.sku")).scalar_one() == 100
        orders = s.execute(text('SELECT count(*) FROM sales."order"')).scalar_one()
    assert orders > 0
    # the orders alone are not seeded twice either
    with pytest.raises(demo.DemoRefusedError) as err, session_factory.begin() as s:
        demo_orders.seed_orders(s, seed=demo.DEFAULT_SEED)
    assert err.value.reason == "not_empty"
    with session_factory() as s:
        assert s.execute(text('SELECT count(*) FROM sales."order"')).scalar_one() == orders


def test_a_real_company_is_never_overwritten(session_factory):
    with session_factory.begin() as s:
        s.execute(text("INSERT INTO core.company (name) VALUES ('真实公司')"))
    with pytest.raises(demo.DemoRefusedError), session_factory.begin() as s:
        demo.seed_demo(s)
    with session_factory() as s:
        assert not demo.is_seeded(s)
        assert s.execute(text("SELECT count(*) FROM catalog.sku")).scalar_one() == 0


# ---------------------------------------------------------------------------------------------
# Orders: the shops' codes and rules, a year of shipped orders, open orders in every state
# ---------------------------------------------------------------------------------------------


def test_shops_sell_every_sku_under_their_platforms_codes(seeded):
    tdb, s, _ = seeded
    per_shop = dict(_q(tdb, """SELECT s.platform_code, count(DISTINCT m.sku_id) FROM sales.shop s
                               JOIN sales.sku_map m ON m.shop_id = s.id GROUP BY 1"""))
    assert per_shop == {p: s.skus for p in ("tmall", "jd", "pdd", "douyin", "shopify")}
    codes = dict(_q(tdb, """SELECT s.platform_code, array_agg(m.platform_sku) FROM sales.sku_map m
                            JOIN sales.shop s ON s.id = m.shop_id WHERE m.quantity = 1 GROUP BY 1"""))
    ours = {c for (c,) in _q(tdb, "SELECT code FROM catalog.sku")}
    assert set(codes["tmall"]) == set(codes["shopify"]) == set(codes["pdd"]) == ours
    assert all(len(c) == 12 and c.isdigit() for c in codes["jd"])                 # JD's own SKU ids
    assert {c.replace("-", "") for c in ours} == set(codes["douyin"])
    # cheap SKUs also sold by two on Tmall and Pinduoduo: the 2-pack is 2 of ours
    packs = _q(tdb, """SELECT s.platform_code, m.platform_sku, k.code FROM sales.sku_map m
                       JOIN sales.shop s ON s.id = m.shop_id JOIN catalog.sku k ON k.id = m.sku_id
                       WHERE m.quantity = 2""")
    assert {p for p, _m, _k in packs} == {"tmall", "pdd"} and len(packs) >= 40
    assert all(m == f"{k}*2" for _p, m, k in packs)
    modes = {(p, m) for p, m in _q(tdb, """SELECT s.platform_code, r.mode FROM sales.publish_rule r
                                            JOIN sales.shop s ON s.id = r.shop_id""")}
    assert {("jd", "ratio"), ("pdd", "buffer"), ("shopify", "fixed"), ("douyin", "fixed")} <= modes
    [(settings,)] = _q(tdb, "SELECT settings FROM sales.shop WHERE platform_code = 'shopify'")
    assert settings["demo"] is True and "api" not in settings           # no pulls: nothing to reach


def test_review_and_routing_rules(seeded):
    tdb, _, _ = seeded
    rules = {name: (kind, action) for name, kind, action in _q(tdb, "SELECT name, kind, action FROM sales.rule")}
    assert rules["黑名单拒单"] == ("review", "reject")
    assert rules["大额订单转人工"] == rules["有买家留言转人工"] == rules["新客首单转人工"] == ("review", "hold")
    assert rules["其余自动审核"] == ("review", "approve")
    assert {kind for kind, _a in rules.values()} == {"review", "warehouse", "carrier"}


def test_past_orders_ship_what_the_stock_history_shipped(seeded):
    """The history's orders (not the parcels the demo's first wave shipped today, with shipments)."""
    tdb, _, _ = seeded
    shipped = _one(tdb, """SELECT count(*) FROM sales."order" WHERE status = 'shipped'""")
    assert 20_000 <= shipped <= 50_000
    # per SKU and day, the orders' units (a 2-pack is 2) are the shipment moves'
    assert _one(tdb, """
        WITH o AS (SELECT l.sku_id, CAST(o.shipped_at AS date) AS day, sum(l.sku_quantity) AS q
                   FROM sales.order_line l JOIN sales."order" o ON o.id = l.order_id WHERE o.status = 'shipped'
                   AND NOT EXISTS (SELECT 1 FROM fulfil.shipment s WHERE s.order_id = o.id) GROUP BY 1, 2),
             m AS (SELECT sku_id, CAST(moved_at AS date) AS day, sum(quantity) AS q FROM stock.move mv
                   WHERE kind = 'shipment' AND NOT EXISTS (SELECT 1 FROM sales."order" o JOIN fulfil.shipment s
                   ON s.order_id = o.id WHERE o.platform_order_no = mv.doc_ref) GROUP BY 1, 2)
        SELECT count(*) FROM o FULL JOIN m USING (sku_id, day) WHERE o.q IS DISTINCT FROM m.q""") == 0
    # and from the warehouse that shipped them
    assert _one(tdb, """SELECT count(*) FROM sales."order" o WHERE o.status = 'shipped'
                            AND NOT EXISTS (SELECT 1 FROM fulfil.shipment s WHERE s.order_id = o.id) AND EXISTS (
                            SELECT 1 FROM sales.order_line l WHERE l.order_id = o.id AND NOT EXISTS (
                                SELECT 1 FROM stock.move m WHERE m.kind = 'shipment' AND m.sku_id = l.sku_id
                                AND m.from_warehouse_id = o.warehouse_id
                                AND CAST(m.moved_at AS date) = CAST(o.shipped_at AS date)))""") == 0
    # paid before they shipped, all in the past, sums that add up
    assert _one(tdb, """SELECT count(*) FROM sales."order" o WHERE o.status = 'shipped'
                            AND NOT EXISTS (SELECT 1 FROM fulfil.shipment s WHERE s.order_id = o.id) AND NOT (
                            o.ordered_at <= o.paid_at AND o.paid_at < o.created_at AND o.created_at < o.shipped_at
                            AND o.shipped_at < now() AND o.problems = '[]' AND o.merge_key IS NOT NULL
                            AND o.phone_key LIKE '+%' AND o.customer_id IS NOT NULL AND o.tracking_no IS NOT NULL
                            AND o.carrier_id IS NOT NULL AND o.paid_amount = o.goods_amount - o.discount
                            + o.shipping_fee AND o.goods_amount = (SELECT sum(l.unit_price * l.quantity)
                            FROM sales.order_line l WHERE l.order_id = o.id) AND o.goods_amount - o.discount =
                            (SELECT sum(l.amount) FROM sales.order_line l WHERE l.order_id = o.id))""") == 0
    lines = dict(_q(tdb, """SELECT n, count(*) FROM (SELECT count(*) AS n FROM sales.order_line GROUP BY order_id) x
                            GROUP BY 1"""))
    assert min(lines) == 1 and max(lines) <= 8
    assert _one(tdb, """SELECT count(*) FROM sales."order" WHERE discount > 0 AND status = 'shipped'
                        AND extract(month FROM paid_at) = 11 AND extract(day FROM shipped_at) = 11""") > 50   # 双11
    assert _one(tdb, "SELECT count(*) FROM sales.order_event WHERE kind = 'shipped'") == shipped


def test_order_numbers_look_like_each_platform(seeded):
    tdb, _, _ = seeded
    patterns = {"tmall": r"^[1-3]\d{18}$", "douyin": r"^69\d{17}$", "jd": r"^\d{12}$",
                "pdd": r"^\d{6}-\d{15}$", "shopify": r"^\d{13}$"}
    for platform, pattern in patterns.items():
        bad = _one(tdb, f"""SELECT count(*) FROM sales."order" o JOIN sales.shop s ON s.id = o.shop_id
                            WHERE s.platform_code = '{platform}' AND o.platform_order_no !~ '{pattern}'""")
        assert bad == 0, platform
    # Pinduoduo's number starts with the day it was paid; JD's rise with time
    assert _one(tdb, """SELECT count(*) FROM sales."order" o JOIN sales.shop s ON s.id = o.shop_id
                        WHERE s.platform_code = 'pdd' AND left(o.platform_order_no, 6) <> to_char(o.paid_at, 'YYMMDD')
                        """) == 0
    nos = [int(n) for (n,) in _q(tdb, """SELECT o.platform_order_no FROM sales."order" o JOIN sales.shop s
                                          ON s.id = o.shop_id WHERE s.platform_code = 'jd'
                                          ORDER BY o.paid_at, o.platform_order_no""")]
    assert nos == sorted(nos)


def test_buyers_look_real_and_come_back(seeded):
    tdb, _, _ = seeded
    buyers = _q(tdb, """SELECT c.name, c.phone_key, c.province, c.orders_count,
                               (SELECT count(*) FROM sales."order" o WHERE o.customer_id = c.id)
                        FROM crm.customer c WHERE c.orders_count > 0""")
    assert len(buyers) > 5000
    assert all(n == count for _name, _k, _p, n, count in buyers)
    assert len({k for _n, k, *_ in buyers}) == len(buyers) and all(k.startswith("+") for _n, k, *_ in buyers)
    chinese = [n for n, k, *_ in buyers if k.startswith("+86")]
    assert all(2 <= len(n) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in n) for n in chinese)
    provinces = {r[0] for r in json.loads((paths.resources_dir() / "demo" / "places.json").read_text())["regions"]}
    assert {p for _n, k, p, *_ in buyers if k.startswith("+86")} == provinces
    counts = sorted(n for *_x, n in buyers)
    assert counts[len(counts) // 2] <= 3 and counts[-1] >= 15                   # most once or twice, a few often
    # each buyer has an account on the platforms they bought on
    assert _one(tdb, """SELECT count(*) FROM sales."order" o JOIN sales.shop s ON s.id = o.shop_id
                        WHERE NOT EXISTS (SELECT 1 FROM crm.customer_account a WHERE a.customer_id = o.customer_id
                                          AND a.platform_code = s.platform_code AND a.buyer_id = o.buyer_id)""") == 0
    # the Shopify store sells abroad, in dollars
    abroad = dict(_q(tdb, """SELECT o.country, count(*) FROM sales."order" o JOIN sales.shop s ON s.id = o.shop_id
                             WHERE s.platform_code = 'shopify' GROUP BY 1"""))
    assert "CN" not in abroad and len(abroad) >= 5
    assert _one(tdb, """SELECT bool_and(o.currency = CASE s.platform_code WHEN 'shopify' THEN 'USD' ELSE 'CNY' END)
                        FROM sales."order" o JOIN sales.shop s ON s.id = o.shop_id""")


def test_past_orders_pass_the_intake_check(seeded):
    """What the intake would have made of each order: same phone key, address and merge key, no problems."""
    tdb, _, _ = seeded
    rows = _q(tdb, """SELECT o.shop_id, o.platform_order_no, o.buyer_id, o.receiver_name, o.receiver_phone, o.country,
                             o.province, o.city, o.district, o.address_detail, o.postal_code, o.phone_key, o.merge_key,
                             o.address_raw
                      FROM sales."order" o WHERE o.status = 'shipped' AND o.id % 97 = 0 ORDER BY o.id""")
    assert len(rows) > 200
    for shop, no, buyer, name, phone, country, prov, city, dist, detail, postal, key, merge, raw in rows:
        po = PlatformOrder(no, "shipped", (PlatformOrderLine("X", "x", Decimal(1), Decimal(1)),), buyer_id=buyer,
                           receiver_name=name, receiver_phone=phone, country=country, province=prov, city=city,
                           district=dist, address_detail=detail, postal_code=postal)
        checked = check_order(po, shop)
        assert checked.problems == ()
        assert (checked.phone_key, checked.merge_key, checked.address_raw) == (key, merge, raw)
        assert (checked.province, checked.city, checked.district, checked.detail) == (prov, city, dist, detail)


def test_every_tab_has_orders_and_each_queue_its_reason(seeded):
    tdb, _, _ = seeded
    tabs = dict(_q(tdb, 'SELECT status, count(*) FROM sales."order" GROUP BY 1'))
    assert {t for t in tabs if t != "picking"} == {"review", "exception", "waiting", "approved", "shipped",
                                                    "cancelled"}
    assert 150 <= sum(n for t, n in tabs.items() if t != "shipped") <= 400
    held = dict(_q(tdb, """SELECT hold_reason, count(*) FROM sales."order" WHERE status = 'review' GROUP BY 1"""))
    assert set(held) == {"买家有留言", "大额订单，请核实", "拼多多/抖音新客户首单", "no_rule"}
    assert _one(tdb, """SELECT bool_and(buyer_message <> '') FROM sales."order" WHERE hold_reason = '买家有留言'""")
    assert _one(tdb, """SELECT bool_and(paid_amount >= 2000) FROM sales."order"
                        WHERE hold_reason = '大额订单，请核实'""")
    # exceptions: what is wrong, on which field, and what was there
    problems = _q(tdb, """SELECT o.hold_reason, p->>'field', p->>'code', p->>'detail' FROM sales."order" o,
                          jsonb_array_elements(o.problems) p WHERE o.status = 'exception'""")
    assert {(r, f, c) for r, f, c, _d in problems} == {
        ("district_not_in_city", "district", "district_not_in_city"), ("invalid", "receiver_phone", "invalid"),
        ("unknown_sku", "line 1", "unknown_sku")}
    assert all(d.endswith("-2023") for r, _f, _c, d in problems if r == "unknown_sku")
    assert all(len(d) == 10 for r, _f, _c, d in problems if r == "invalid")
    # waiting: a SKU with nothing left anywhere; approved: every line holds its stock in the order's warehouse
    assert _one(tdb, """SELECT bool_and(hold_reason = 'not_enough_stock') FROM sales."order"
                        WHERE status = 'waiting'""")
    assert _one(tdb, """SELECT count(*) FROM sales.order_line l JOIN sales."order" o ON o.id = l.order_id
                        LEFT JOIN stock.reservation r ON r.id = l.reservation_id
                        WHERE o.status = 'approved' AND (r.id IS NULL OR r.warehouse_id <> o.warehouse_id)""") == 0
    assert _one(tdb, "SELECT sum(reserved) FROM stock.level") == _one(tdb, """
        SELECT sum(l.sku_quantity) FROM sales.order_line l JOIN sales."order" o ON o.id = l.order_id
        WHERE o.status IN ('approved', 'picking')""")
    # cancelled by the buyer after approval (stock given back) or refused by the blacklist rule
    cancelled = dict(_q(tdb, """SELECT hold_reason, count(*) FROM sales."order" WHERE status = 'cancelled'
                                GROUP BY 1"""))
    assert set(cancelled) == {"cancelled", "黑名单客户"}
    assert _one(tdb, """SELECT count(*) FROM sales.order_line l JOIN sales."order" o ON o.id = l.order_id
                        WHERE o.status = 'cancelled' AND l.reservation_id IS NOT NULL""") == 0
    events = {k for (k,) in _q(tdb, """SELECT DISTINCT e.kind FROM sales.order_event e JOIN sales."order" o
                                       ON o.id = e.order_id WHERE o.hold_reason = 'cancelled'""")}
    assert {"imported", "approved", "cancelled_by_platform"} <= events


def test_the_warehouse_floor_has_waves_in_every_state_and_pools_per_carrier(seeded):
    tdb, summary, _ = seeded
    waves = dict(_q(tdb, "SELECT status, count(*) FROM fulfil.wave GROUP BY 1"))
    assert summary.waves == sum(waves.values()) >= 3
    assert waves.get("done", 0) == 1 and waves.get("picking", 0) >= 1 and waves.get("open", 0) >= 1
    # the first wave shipped: each order a parcel with a pool number, its weight, the shop still to be told
    shipped = _q(tdb, """SELECT s.tracking_no, s.weight_kg, s.confirm_state, c.code FROM fulfil.shipment s
                         JOIN fulfil.carrier c ON c.id = s.carrier_id""")
    assert len(shipped) == summary.shipments > 0
    assert all(no.startswith(code) and kg > 0 and state == "pending" for no, kg, state, code in shipped)
    assert _one(tdb, "SELECT count(DISTINCT carrier_id) FROM fulfil.tracking_number") == 5
    # routing took the cheapest rate card: every approved or waved order has a carrier and its freight
    assert _one(tdb, """SELECT count(*) FROM sales."order" WHERE status IN ('approved', 'picking')
                        AND (carrier_id IS NULL OR freight_estimate IS NULL)""") == 0
    assert _one(tdb, "SELECT count(*) FROM stock.check_ledger()") == 0
