"""The Stock dock's read side: rows per SKU x warehouse, low stock and overstock, expired lots,
keyset pages in every order through both plans, drill-downs, export, who may read what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from erp_desktop.services import stock
from erp_desktop.services import stock_queries as sq
from erp_desktop.services.stock_queries import StockFilter
from tests.stock_fixtures import make_world

TODAY = dt.date.today()


@pytest.fixture
def world(db):
    return make_world(db)


def plan(session, world, sku, wh, **figures):
    """Planning figures of a SKU x warehouse, as a buyer or the replenishment run stores them."""
    cols = ", ".join(figures)
    vals = ", ".join(f":{k}" for k in figures)
    sets = ", ".join(f"{k} = EXCLUDED.{k}" for k in figures)
    session.execute(text(f"INSERT INTO stock.replenishment (sku_id, warehouse_id, {cols}) VALUES (:s, :w, {vals}) "
                         f"ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET {sets}"),
                    {"s": world.sku[sku], "w": world.wh[wh], **figures})


def rows(session, flt: StockFilter | None = None, sort="code", descending=False):
    return sq.list_stock(session, flt or StockFilter(), sort, descending)


def by_key(rs):
    return {(r.code, r.warehouse): r for r in rs}


def test_one_row_per_sku_and_warehouse_with_its_figures(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(12))
        stock.receive_goods(s, world.sku["CUP"], world.bin["GZ/A-02"], D(3))
        stock.receive_goods(s, world.sku["LID"], world.bin["HZ/A-02"], D("2.5"))
        stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D(2))
        stock.ship_transfer(s, world.sku["LID"], world.bin["HZ/A-02"], world.wh["GZ"], D(1))
        plan(s, world, "CUP", "HZ", safety_stock=D(4), reorder_point=D(6), forecast_daily=D("0.5"))
    with session_factory() as s:
        got = by_key(rows(s))
    assert list(got) == [("CUP", "HZ"), ("CUP", "GZ"), ("LID", "HZ"), ("LID", "GZ")]   # warehouses in their order
    cup = got[("CUP", "HZ")]
    assert (cup.on_hand, cup.reserved, cup.available, cup.in_transit) == (12, 2, 10, 0)
    assert (cup.safety_stock, cup.reorder_point, cup.days_of_cover) == (4, 6, D("20.0"))
    assert cup.value == D("120.00") and cup.warehouse_name == "杭州主仓" and cup.name == "保温杯"
    assert not cup.below_safety and not cup.overstock
    lid_gz = got[("LID", "GZ")]
    assert (lid_gz.on_hand, lid_gz.in_transit, lid_gz.available) == (0, 1, 0)
    assert got[("LID", "HZ")].on_hand == D("1.5")
    assert got[("CUP", "GZ")].days_of_cover is None and got[("CUP", "GZ")].safety_stock is None


def test_below_safety_stock_follows_moves_and_planning(session_factory, world):
    with session_factory.begin() as s:
        plan(s, world, "PEN", "HZ", safety_stock=D(5))       # planned before the first receipt
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/A-01"], D(8))
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(8))
    with session_factory() as s:
        assert sq.count_below_safety(s) == 0
        assert rows(s, StockFilter(below_safety=True)) == []
    with session_factory.begin() as s:
        stock.reserve_stock(s, world.sku["PEN"], world.wh["HZ"], D(4))      # available 4 < 5
        plan(s, world, "CUP", "HZ", safety_stock=D(3), safety_stock_set=D(9))  # a person's 9 wins
    with session_factory() as s:
        low = rows(s, StockFilter(below_safety=True))
        assert [(r.code, r.available, r.safety_stock) for r in low] == [("CUP", 8, 9), ("PEN", 4, 5)]
        assert all(r.below_safety for r in low)
        assert sq.count_below_safety(s) == 2 and sorted(sq.below_safety_ids(s)) == sorted(r.id for r in low)
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/A-01"], D(1))
        s.execute(text("DELETE FROM stock.replenishment WHERE sku_id = :s"), {"s": world.sku["CUP"]})
    with session_factory() as s:
        assert sq.count_below_safety(s) == 0
        assert by_key(rows(s))[("CUP", "HZ")].safety_stock is None


def test_stock_in_expired_lots_is_not_available(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-02"], D(5), lot_no="OLD",
                            expires_on=TODAY - dt.timedelta(days=2))
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-02"], D(7), lot_no="NEW",
                            expires_on=TODAY + dt.timedelta(days=20))
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(3), lot_no="C1",
                            expires_on=TODAY + dt.timedelta(days=200))
        plan(s, world, "MILK", "HZ", safety_stock=D(10))
    with session_factory() as s:
        milk = by_key(rows(s))[("MILK", "HZ")]
        # on hand 12 less reserved 0 is above 10, but 5 of it has expired
        assert (milk.on_hand, milk.expired, milk.available) == (12, 5, 7)
        assert milk.available == stock.available_stock(s, world.sku["MILK"], world.wh["HZ"])
        assert milk.below_safety and sq.count_below_safety(s) == 1
        assert [r.code for r in rows(s, StockFilter(below_safety=True))] == ["MILK"]
        quants = sq.list_quants(s, world.sku["MILK"], world.wh["HZ"])
        assert [(q.location, q.lot_no, q.quantity, q.expired) for q in quants] == [
            ("A-02", "OLD", 5, True), ("A-02", "NEW", 7, False)]
        assert [r.code for r in rows(s, StockFilter(expiring_days=30))] == ["MILK"]
        assert [r.code for r in rows(s, StockFilter(expiring_days=365))] == ["CUP", "MILK"]
        assert [r.code for r in rows(s, StockFilter(expiring_days=0))] == ["MILK"]


def test_overstock_is_above_the_maximum_or_half_a_year_of_demand(session_factory, world):
    with session_factory.begin() as s:
        for sku in ("CUP", "LID", "PEN"):
            stock.receive_goods(s, world.sku[sku], world.bin["HZ/A-01"], D(100))
        plan(s, world, "CUP", "HZ", max_stock_set=D(80), forecast_daily=D(5))     # 100 > 80
        plan(s, world, "LID", "HZ", forecast_daily=D("0.5"))                      # 100 > 90 (180 days)
        plan(s, world, "PEN", "HZ", forecast_daily=D(1))                          # 100 < 180
    with session_factory() as s:
        over = rows(s, StockFilter(overstock=True))
        assert [(r.code, r.overstock_above) for r in over] == [("CUP", 80), ("LID", 90)]
        assert by_key(rows(s))[("LID", "HZ")].days_of_cover == D("200.0")


@pytest.fixture
def many(db, session_factory, world):
    """40 more SKUs in a category tree, stocked in both warehouses with varied quantities; a few low."""
    with db.superuser() as su:
        su.execute("INSERT INTO catalog.category (code, name) VALUES ('FOOD', '食品')")
        su.execute("INSERT INTO catalog.category (code, name, parent_id) "
                   "SELECT 'TEA', '茶叶', id FROM catalog.category WHERE code = 'FOOD'")
        su.execute("""INSERT INTO catalog.sku (product_id, code, name, pinyin, cost, category_id)
                      SELECT p.id, 'T' || lpad(g::text, 3, '0'),
                             CASE WHEN g % 2 = 0 THEN '绿茶 ' ELSE '红茶 ' END || g,
                             CASE WHEN g % 2 = 0 THEN 'lc' ELSE 'hc' END || g, 2,
                             (SELECT id FROM catalog.category
                              WHERE code = CASE WHEN g % 4 = 0 THEN 'TEA' ELSE 'FOOD' END)
                      FROM catalog.product p, generate_series(1, 40) g""")
        su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) SELECT id, 'TB' || code, 'CODE128' "
                   "FROM catalog.sku WHERE code LIKE 'T%'")
        ids = dict(su.execute("SELECT code, id FROM catalog.sku WHERE code LIKE 'T%'").fetchall())
    with session_factory.begin() as s:
        for code, sku_id in sorted(ids.items()):
            g = int(code[1:])
            stock.receive_goods(s, sku_id, world.bin["HZ/A-01"], D(g * 7 % 23 + 1))
            stock.receive_goods(s, sku_id, world.bin["GZ/B-01"], D(g * 5 % 17 + 1))
            if g % 5 == 0:
                s.execute(text("INSERT INTO stock.replenishment (sku_id, warehouse_id, safety_stock) "
                               "VALUES (:s, :w, 1000)"), {"s": sku_id, "w": world.wh["GZ"]})
    return ids


@pytest.mark.parametrize("dense", [1, 1_000_000], ids=["walk", "collect"])
def test_keyset_pages_in_every_order_and_filter_match_the_whole_list(monkeypatch, session_factory, world, many,
                                                                     dense):
    monkeypatch.setattr(sq, "DENSE_MATCHES", dense)
    fields = {"code": lambda r: (r.code, r.sku_id, r.warehouse_id), "name": lambda r: (r.name, r.sku_id,
                                                                                        r.warehouse_id),
              "on_hand": lambda r: (r.on_hand, r.id)}
    filters = [StockFilter(), StockFilter(warehouse_id=world.wh["GZ"]), StockFilter(text="绿茶"),
               StockFilter(text="lc"), StockFilter(text="T00"), StockFilter(below_safety=True),
               StockFilter(text="T0", warehouse_id=world.wh["HZ"])]
    with session_factory() as s:
        food = s.execute(text("SELECT id FROM catalog.category WHERE code = 'FOOD'")).scalar_one()
        filters.append(StockFilter(category_id=food, below_safety=True))
        for flt in filters:
            everything = sq.list_stock(s, flt, "code", limit=10_000)
            assert everything, flt
            for sort, key in fields.items():
                for desc in (False, True):
                    expected = sorted(everything, key=key, reverse=desc)
                    got, after = [], None
                    while True:
                        page = sq.list_stock(s, flt, sort, desc, after, limit=13)
                        got += page
                        if len(page) < 13:
                            break
                        after = sq.sort_key(page[-1], sort)
                    assert [r.id for r in got] == [r.id for r in expected], (flt, sort, desc)
        assert {r.code[:1] for r in sq.list_stock(s, StockFilter(text="lc"), limit=1000)} == {"T"}
        assert len(sq.list_stock(s, StockFilter(category_id=food), limit=1000)) == 80
        tea = s.execute(text("SELECT id FROM catalog.category WHERE code = 'TEA'")).scalar_one()
        assert len(sq.list_stock(s, StockFilter(category_id=tea), limit=1000)) == 20
        assert [r.code for r in sq.list_stock(s, StockFilter(text="TBT007"))] == ["T007", "T007"]   # a barcode
        assert sq.count_stock(s, StockFilter(category_id=tea, warehouse_id=world.wh["HZ"])) == 10
        assert sq.count_stock(s, StockFilter(below_safety=True)) == 8 == sq.count_below_safety(s)


def test_live_refresh_rows_by_id_and_by_sku(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        stock.receive_goods(s, world.sku["CUP"], world.bin["GZ/A-01"], D(6))
    with session_factory() as s:
        ids = {r.warehouse: r.id for r in rows(s)}
        assert {r.warehouse: r.on_hand for r in sq.get_stock_rows(s, [ids["HZ"]]).values()} == {"HZ": 5}
        assert {r.warehouse: r.on_hand for r in sq.stock_rows_of_sku(s, world.sku["CUP"]).values()} == {
            "HZ": 5, "GZ": 6}
        assert sq.get_stock_rows(s, []) == {}


def test_move_history_says_who_when_why_and_which_document(db, session_factory, world):
    clerk, lead = db.add_login("warehouse", "xiaowang"), db.add_login("warehouse_lead", "laoli")
    with db.superuser() as su:
        su.execute("UPDATE core.app_user SET display_name = '小王' WHERE login = 'xiaowang'")
    with db.sessions(clerk).begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10), doc_ref="DN-7")
    with db.sessions(lead).begin() as s:
        stock.adjust_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], D(-2), "lost", note="箱子破了")
    with db.sessions(clerk).begin() as s:
        stock.transfer_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], world.bin["HZ/B-01"], D(3))
        stock.ship_transfer(s, world.sku["CUP"], world.bin["HZ/B-01"], world.wh["GZ"], D(1), doc_ref="TR-1")
    viewer = db.sessions(db.add_login("viewer"))
    with viewer() as s:
        moves = sq.list_moves(s, world.sku["CUP"], world.wh["HZ"])
        assert [(m.kind, m.delta, m.user) for m in moves] == [
            ("transfer_out", -1, "小王"), ("transfer", 0, "小王"), ("adjustment", -2, "laoli"), ("receipt", 10, "小王")]
        adj = moves[2]
        assert (adj.reason, adj.reason_name, adj.reason_name_zh, adj.note) == ("lost", "Lost", "丢失", "箱子破了")
        assert (adj.from_warehouse, adj.from_location, adj.to_location) == ("HZ", "A-01", None)
        assert moves[3].doc_ref == "DN-7" and moves[0].doc_ref == "TR-1" and moves[0].to_location == "TRANSIT"
        assert moves[0].moved_at >= moves[3].moved_at
        first = sq.list_moves(s, world.sku["CUP"], world.wh["HZ"], limit=3)
        rest = sq.list_moves(s, world.sku["CUP"], world.wh["HZ"], after=sq.move_sort_key(first[-1]), limit=3)
        assert [m.id for m in first + rest] == [m.id for m in moves]
        gz = sq.list_moves(s, world.sku["CUP"], world.wh["GZ"])
        assert [(m.kind, m.delta) for m in gz] == [("transfer_out", 0)]        # in transit, not on hand yet
        assert len(sq.list_moves(s, world.sku["CUP"])) == 4


def test_export_writes_the_columns_shown(tmp_path, session_factory, world):
    openpyxl = pytest.importorskip("openpyxl")
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(12))
        stock.receive_goods(s, world.sku["PEN"], world.bin["GZ/A-01"], D(2))
        plan(s, world, "PEN", "GZ", safety_stock=D(5))
    target = tmp_path / "stock.xlsx"
    with session_factory() as s:
        n = sq.export_stock(s, StockFilter(), target, [("code", "编码"), ("warehouse", "仓库"), ("available", "可用"),
                                                        ("value", "金额")])
    assert n == 2
    ws = openpyxl.load_workbook(target).active
    values = [tuple(r) for r in ws.iter_rows(values_only=True)]
    assert values == [("编码", "仓库", "可用", "金额"), ("CUP", "杭州主仓", 12, 120), ("PEN", "广州仓", 2, 20)]
    assert ws["C3"].fill.fgColor.rgb.endswith("FFCDD2")         # below safety stock: marked


def test_who_reads_what(db, world):
    with db.superuser() as su:
        su.execute("INSERT INTO purchase.supplier (code, name, phone) VALUES ('S1', '义乌杯业', '13800000000')")
    warehouse = db.sessions(db.add_login("warehouse"))
    with warehouse() as s:
        assert [(x.code, x.name) for x in sq.list_suppliers(s)] == [("S1", "义乌杯业")]
        assert [r.code for r in sq.list_reasons(s, "scrap")] == ["damaged", "defective", "expired", "other"]
        assert [w.code for w in sq.list_warehouses(s)] == ["HZ", "GZ"]
        assert [loc.code for loc in sq.list_locations(s, world.wh["HZ"])] == ["A-01", "A-02", "B-01"]
    with warehouse() as s, pytest.raises(DBAPIError):
        s.execute(text("SELECT phone FROM purchase.supplier")).all()        # names only, not contacts
    service = db.sessions(db.add_login("service"))
    with service() as s, pytest.raises(DBAPIError):
        sq.list_stock(s, StockFilter())
