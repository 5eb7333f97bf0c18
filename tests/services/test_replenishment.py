"""Replenishment on a real ledger: a year of history in, figures stored, suggestions and slow movers out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import event, text

from erp_desktop.domain import forecast as fc
from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.services import replenishment as rp
from erp_desktop.services import stock
from erp_desktop.services.stock import PastMove
from tests.replenishment_fixtures import make_sales_world


@pytest.fixture
def world(db, session_factory):
    return make_sales_world(db, session_factory)


def _row(session, w, sku, wh):
    return session.execute(text("SELECT * FROM stock.replenishment WHERE sku_id = :s AND warehouse_id = :w"),
                           {"s": w.sku[sku], "w": w.wh[wh]}).mappings().one()


def test_history_becomes_stored_figures_with_their_explanation(world, session_factory):
    w = world
    with session_factory.begin() as s:
        summary = rp.compute_replenishment(s)
    assert summary.pairs == 4                      # CUP x 2, MILK, PEN: every SKU x warehouse with stock
    with session_factory() as s:
        cup = _row(s, w, "CUP", "HZ")
        on_hand = s.execute(text("SELECT on_hand FROM stock.level WHERE sku_id = :s AND warehouse_id = :w"),
                            {"s": w.sku["CUP"], "w": w.wh["HZ"]}).scalar_one()
    e = cup["explanation"]
    assert e["method"] == fc.METHOD_HOLT_WINTERS and e["history_days"] == 365
    assert float(cup["forecast_daily"]) == pytest.approx((5 * 9 + 2 * 14) / 7, rel=0.15)
    assert cup["lead_time_days"] == 12 and e["lead_time_source"] == "supplier_sku" and e["review_days"] == 7
    assert e["weekly"][5] > e["weekly"][2]         # Saturdays sell more than Wednesdays
    ss = e["z"] * e["sigma"] * (12 + 7) ** 0.5
    assert float(cup["safety_stock"]) == pytest.approx(ss, rel=0.01)
    assert float(cup["reorder_point"]) == pytest.approx(e["forecast_daily"] * 12 + ss, rel=0.01)
    assert e["position"] == float(on_hand)
    assert cup["sold_90d"] > 0 and cup["last_sale_at"] is not None and cup["computed_at"] is not None
    assert e["avg_on_hand"] > float(on_hand) and e["turnover"] > 1


def test_suggestion_is_rounded_to_moq_and_packs(world, session_factory):
    w = world
    with session_factory.begin() as s:
        rp.compute_replenishment(s)
    with session_factory() as s:
        [sug] = [x for x in rp.list_suggestions(s) if x.sku_id == w.sku["CUP"]]
    e = sug.explanation
    assert e["decision"] == fc.DECISION_ORDER and sug.warehouse_code == "HZ"
    assert sug.suggested_qty % 24 == 0 and sug.suggested_qty >= 100
    assert sug.suggested_qty - 24 < max(Decimal(str(e["raw_qty"])), Decimal(100))
    assert e["after_moq"] == pytest.approx(max(e["raw_qty"], 100), abs=0.002)     # raw rounded up to 0.001
    assert (sug.supplier_code, sug.moq, sug.pack_size, sug.unit_cost) == ("S1", 100, 24, Decimal("8.50"))
    assert sug.order_value == (sug.suggested_qty * Decimal("8.50")).quantize(Decimal("0.01"))


def test_a_safety_stock_set_by_a_person_is_respected(world, session_factory):
    w = world
    with session_factory.begin() as s:
        s.execute(text("INSERT INTO stock.replenishment (sku_id, warehouse_id, safety_stock_set, review_days) "
                       "VALUES (:s, :w, 500, 14)"), {"s": w.sku["CUP"], "w": w.wh["HZ"]})
        rp.compute_replenishment(s, warehouse_id=w.wh["HZ"])
    with session_factory() as s:
        cup = _row(s, w, "CUP", "HZ")
        assert rp.count_below_safety(s) >= 1
    e = cup["explanation"]
    assert cup["safety_stock"] == 500 and cup["safety_stock_set"] == 500 and cup["review_days"] == 14
    assert e["safety_stock_set"] == 500 and 0 < e["safety_stock_computed"] < 500 and e["review_days"] == 14
    assert float(cup["reorder_point"]) == pytest.approx(e["forecast_daily"] * 12 + 500, rel=0.01)
    assert e["below_safety_stock"] is True


def test_only_the_pairs_asked_for_are_computed(world, session_factory):
    w = world
    with session_factory.begin() as s:
        assert rp.compute_replenishment(s, warehouse_id=w.wh["GZ"]).pairs == 1
        assert rp.compute_replenishment(s, sku_ids=[w.sku["MILK"], w.sku["PEN"]]).pairs == 2
    with session_factory() as s:
        n = s.execute(text("SELECT count(*) FROM stock.replenishment WHERE computed_at IS NOT NULL")).scalar_one()
    assert n == 3


def test_slow_movers_are_flagged_with_the_right_actions(world, session_factory):
    with session_factory.begin() as s:
        rp.compute_replenishment(s)
    with session_factory() as s:
        rows = {(m.sku_code, m.warehouse_code): m for m in rp.slow_movers(s)}
    gz = rows[("CUP", "GZ")]            # nobody in Guangzhou buys cups; Hangzhou runs low
    assert gz.category == fc.CLASS_DEAD and gz.action == fc.ACTION_TRANSFER
    assert gz.transfer_to_code == "HZ" and 0 < gz.transfer_qty <= 400
    milk = rows[("MILK", "HZ")]         # sold until seven months ago
    assert milk.category == fc.CLASS_DEAD and milk.action == fc.ACTION_PROMOTE and milk.days_since_sale >= 180
    pen = rows[("PEN", "HZ")]           # never sold
    assert pen.category == fc.CLASS_DEAD and pen.last_sale_at is None and pen.value == Decimal("500.00")
    assert ("CUP", "HZ") not in rows    # selling well: not a slow mover


def test_history_is_read_set_based_never_per_pair(db, world, session_factory):
    """The number of statements does not grow with the number of pairs (no N+1)."""
    w = world
    with db.superuser() as su:          # 300 more SKUs with stock in HZ
        su.execute("""INSERT INTO catalog.sku (product_id, code, name)
                      SELECT p.id, 'X' || g, 'x' FROM catalog.product p, generate_series(1, 300) g""")
    with session_factory.begin() as s:
        ids = [r[0] for r in s.execute(text("SELECT id FROM catalog.sku WHERE code LIKE 'X%'"))]
        at = dt.datetime.now() - dt.timedelta(days=3)
        stock.record_history(s, [PastMove("receipt", i, Decimal(5), at, to_location_id=w.bin["HZ/B-01"])
                                 for i in ids])
    engine = session_factory.kw["bind"]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_factory.begin() as s:
            summary = rp.compute_replenishment(s, batch_size=1000)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert summary.pairs == 304
    assert len(statements) <= 6         # today, the pairs, then per batch: stock, history, upsert


def test_export_both_to_excel(world, session_factory, tmp_path):
    with session_factory.begin() as s:
        rp.compute_replenishment(s)
    with session_factory() as s:
        sugs, slow = rp.list_suggestions(s), rp.slow_movers(s)
    a = rp.export_suggestions(sugs, tmp_path / "buy.xlsx", headers={"sku_code": "SKU编码"})
    b = rp.export_slow_movers(slow, tmp_path / "slow.xlsx", labels={"transfer": "调拨"})
    assert (a, b) == (len(sugs), len(slow))
    ws = openpyxl.load_workbook(tmp_path / "buy.xlsx").active
    head = [c.value for c in ws[1]]
    assert head[0] == "SKU编码" and "suggested_qty" in head and "moq" in head and "pack_size" in head
    row = [c.value for c in ws[2]]
    assert row[0] == "CUP" and row[head.index("suggested_qty")] % 24 == 0
    ws = openpyxl.load_workbook(tmp_path / "slow.xlsx").active
    actions = [r[ws[1].__len__() and [c.value for c in ws[1]].index("action")].value for r in ws.iter_rows(min_row=2)]
    assert "调拨" in actions and "promote" in actions


def test_roles_that_may_not_buy_cannot_compute(db, world):
    viewer = db.add_login("viewer")
    with pytest.raises(PermissionDeniedError), db.sessions(viewer).begin() as s:
        rp.compute_replenishment(s)
    buyer = db.add_login("purchasing")
    with db.sessions(buyer).begin() as s:
        assert rp.compute_replenishment(s).pairs == 4
    with db.sessions(viewer)() as s:
        assert rp.list_suggestions(s) and rp.slow_movers(s)


def test_cli_replenish_and_slow_movers(world, admin, monkeypatch, tmp_path, capsys):
    from erp_desktop import cli

    monkeypatch.setenv("ERP_DATABASE_URL", admin.url)
    assert cli.main(["stock", "replenish", "--warehouse", "hz", "--export", str(tmp_path / "buy.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "3 SKU x warehouse computed" in out and "1 to buy" in out and "1 suggestions written" in out
    assert cli.main(["stock", "slow-movers", "--export", str(tmp_path / "slow.xlsx")]) == 0
    assert "2 slow movers" in capsys.readouterr().out          # GZ was not computed: HZ's MILK and PEN
    assert openpyxl.load_workbook(tmp_path / "slow.xlsx").active.max_row == 3
    with pytest.raises(SystemExit, match="no warehouse"):
        cli.main(["stock", "replenish", "--warehouse", "XX"])
