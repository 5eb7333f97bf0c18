"""Stocktakes as a warehouse meets them: a lead plans a count, two counters scan two bins at
once from their own clients, shipping goes on meanwhile, the lead looks at the differences and
posts them; the database keeps the workflow and the rights."""

from __future__ import annotations

import queue
import threading
import time
from decimal import Decimal as D

import psycopg
import pytest
from psycopg import errors
from pypdf import PdfReader
from sqlalchemy import text

from erp_desktop.db.listener import ChangeListener
from erp_desktop.documents.stocktake_report import render_stocktake_pdf
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.stocktake import (
    BlindCountError,
    LotRequiredError,
    NotInCountError,
    StocktakeIncompleteError,
    StocktakeOverlapError,
    StocktakeStateError,
    stocktake_ref,
)
from erp_desktop.services import stock, stocktake
from erp_desktop.services.tx import run_in_transaction
from tests.stock_fixtures import make_world

STOCKTAKE_MOVES = text("""SELECT kind, sku_id, from_location_id, to_location_id, quantity, reason, note
                           FROM stock.move WHERE doc_type = 'stocktake' AND doc_id = :st""")
BARCODES = {"CUP": make_ean13("690123400001"), "LID": make_ean13("690123400002"), "MILK": make_ean13("690123400003"),
            "PEN": make_ean13("690123400004")}


@pytest.fixture
def world(db):
    w = make_world(db)
    with db.superuser() as su:
        for code, bc in BARCODES.items():
            su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, %s, 'EAN13')", (w.sku[code], bc))
    return w


@pytest.fixture
def people(db):
    """A warehouse lead and two counters, each with their own client (session factory)."""
    lead, c1, c2 = db.add_login("warehouse_lead"), db.add_login("warehouse"), db.add_login("warehouse")
    return {"lead": db.sessions(lead), "c1": db.sessions(c1), "c2": db.sessions(c2),
            "logins": {"lead": lead, "c1": c1, "c2": c2}}


def bins_by_code(sessions, st):
    with sessions() as s:
        return {b.code: b for b in stocktake.list_bins(s, st)}


def scan(sessions, bin_id, code, qty=D(1), **kw):
    return run_in_transaction(sessions, lambda s: stocktake.record_scan(s, bin_id, code, qty, **kw))


def test_count_with_two_counters_while_shipping_goes_on(db, session_factory, world, people, tmp_path):
    lead, c1, c2 = people["lead"], people["c1"], people["c2"]
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
        stock.receive_goods(s, world.sku["LID"], world.bin["HZ/A-02"], D(5))
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/B-01"], D(4))
        cup_order = stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D(3), doc_type="order_line", doc_id=1)
        pen_order = stock.reserve_stock(s, world.sku["PEN"], world.wh["HZ"], D(1), doc_type="order_line", doc_id=2)

    with lead.begin() as s:
        st = stocktake.create_stocktake(s, world.wh["HZ"], "bins", note="月末盘点",
                                        location_ids=[world.bin["HZ/A-01"], world.bin["HZ/A-02"],
                                                      world.bin["HZ/B-01"]])
    bins = bins_by_code(lead, st)
    assert list(bins) == ["A-01", "A-02", "B-01"] and {b.state for b in bins.values()} == {"pending"}
    with lead() as s:
        assert stocktake.get_stocktake(s, st).status == "draft"

    # two counters start their bins and scan at the same moment, each from their own client
    with c1.begin() as s:
        stocktake.start_bin(s, bins["A-01"].id)
    with c2.begin() as s:
        stocktake.start_bin(s, bins["A-02"].id)
    go = threading.Barrier(2)
    errors_seen: list[BaseException] = []

    def counter(sessions, bin_id, code, n):
        try:
            go.wait(5)
            for _ in range(n):
                scan(sessions, bin_id, code)
        except BaseException as exc:      # report in the main thread
            errors_seen.append(exc)

    threads = [threading.Thread(target=counter, args=(c1, bins["A-01"].id, BARCODES["CUP"], 10)),
               threading.Thread(target=counter, args=(c2, bins["A-02"].id, BARCODES["LID"], 3))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors_seen == []
    # a case of lids counted by typing its quantity
    r = scan(c2, bins["A-02"].id, BARCODES["LID"], D(1))
    assert (r.known, r.sku_code, r.added, r.counted, r.expected) == (True, "LID", 1, 4, 5)
    with c1.begin() as s:
        assert stocktake.finish_bin(s, bins["A-01"].id) == 0
    with c2.begin() as s:
        stocktake.finish_bin(s, bins["A-02"].id)

    # shipping goes on: 3 cups leave the bin counted already, a pen leaves the bin not counted yet
    with session_factory.begin() as s:
        stock.consume_stock(s, cup_order, doc_ref="SO-1")
        stock.consume_stock(s, pen_order, doc_ref="SO-2")
    with c1.begin() as s:
        stocktake.start_bin(s, bins["B-01"].id)
    for code in [BARCODES["PEN"]] * 3 + [BARCODES["MILK"]] * 2:
        scan(c1, bins["B-01"].id, code)
    # someone scans a shelf label: loud error on the screen, listed for later
    assert scan(c1, bins["B-01"].id, "SHELF-LABEL-7").known is False
    with c1.begin() as s:
        stocktake.finish_bin(s, bins["B-01"].id)
    with c1() as s:
        assert [(u.code, u.bin_code) for u in stocktake.unknown_barcodes(s, st)] == [("SHELF-LABEL-7", "B-01")]
        # a counter may not close or post
        with pytest.raises(PermissionDeniedError):
            stocktake.close_stocktake(s, st)

    with lead.begin() as s:
        stocktake.close_stocktake(s, st)
    with lead() as s:
        rep = stocktake.variance_report(s, st)
    got = {(r.bin_code, r.sku_code): (r.expected, r.counted, r.difference, r.value) for r in rep.rows}
    assert got == {
        ("A-01", "CUP"): (10, 10, 0, 0),          # 3 shipped after the bin was counted: no difference
        ("A-02", "LID"): (5, 4, -1, D("-10.00")),
        ("B-01", "PEN"): (3, 3, 0, 0),            # 1 shipped before the bin was counted: no difference
        ("B-01", "MILK"): (0, 2, 2, D("20.00")),
    }
    assert (rep.totals.qty_over, rep.totals.qty_short, rep.totals.net_value) == (2, -1, D("10.00"))
    assert rep.totals.lines_with_difference == 2 and rep.bins_not_counted == 0

    # posting is for leads: a counter is refused by the service and on a raw connection
    with c1.begin() as s, pytest.raises(PermissionDeniedError):
        stocktake.post_stocktake(s, st)
    with psycopg.connect(people["logins"]["c1"].conninfo) as raw:
        with pytest.raises(errors.InsufficientPrivilege):
            raw.execute("SELECT * FROM stock.stocktake_post(%s)", (st,))
        raw.rollback()
        with pytest.raises(errors.InsufficientPrivilege):
            raw.execute("UPDATE stock.stocktake SET status = 'posted' WHERE id = %s", (st,))
        raw.rollback()
        with pytest.raises(errors.InsufficientPrivilege):
            raw.execute("SELECT stock.adjust(%s, %s, NULL, 5, 'count', NULL, 'stocktake', 'stocktake', %s)",
                        (world.sku["CUP"], world.bin["HZ/A-01"], st))
        raw.rollback()

    with lead.begin() as s:
        adjustments = stocktake.post_stocktake(s, st)
    assert sorted((a.location_id, a.sku_id, a.delta) for a in adjustments) == sorted([
        (world.bin["HZ/A-02"], world.sku["LID"], -1), (world.bin["HZ/B-01"], world.sku["MILK"], 2)])
    with session_factory() as s:
        moves = s.execute(STOCKTAKE_MOVES, {"st": st}).all()
        assert sorted(tuple(m) for m in moves) == sorted([
            ("stocktake", world.sku["LID"], world.bin["HZ/A-02"], None, 1, "count", f"{stocktake_ref(st)} A-02"),
            ("stocktake", world.sku["MILK"], None, world.bin["HZ/B-01"], 2, "count", f"{stocktake_ref(st)} B-01")])
        # today's stock: what was counted, less what was shipped after counting
        quants = dict(s.execute(text("SELECT location_id || '/' || sku_id, quantity FROM stock.quant "
                                         "WHERE quantity > 0")).all())
        assert quants == {f"{world.bin['HZ/A-01']}/{world.sku['CUP']}": 7,
                          f"{world.bin['HZ/A-02']}/{world.sku['LID']}": 4,
                          f"{world.bin['HZ/B-01']}/{world.sku['PEN']}": 3,
                          f"{world.bin['HZ/B-01']}/{world.sku['MILK']}": 2}
        assert stock.check_ledger(s) == []
        assert stocktake.get_stocktake(s, st).status == "posted"
    # the report as printed: only the differences, in Chinese
    with lead() as s:
        data = stocktake.report_data(s, st, only_differences=True)
    assert (data.ref, data.status, data.warehouse, data.posted_by) == (stocktake_ref(st), "posted", "HZ 杭州主仓",
                                                                       people["logins"]["lead"].login)
    assert [(x.bin_code, x.sku_code, x.difference) for x in data.lines] == [("A-02", "LID", -1), ("B-01", "MILK", 2)]
    render_stocktake_pdf(data, tmp_path / "st.pdf")
    assert "盘点差异报告" in PdfReader(str(tmp_path / "st.pdf")).pages[0].extract_text()
    # never twice
    with lead.begin() as s, pytest.raises(StocktakeStateError) as err:
        stocktake.post_stocktake(s, st)
    assert (err.value.state, err.value.action) == ("posted", "post")
    with psycopg.connect(people["logins"]["lead"].conninfo) as raw, pytest.raises(errors.RaiseException):
        raw.execute("SELECT * FROM stock.stocktake_post(%s)", (st,))


def test_blind_count_hides_expected_from_counters(db, world, people, session_factory):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["GZ/A-01"], D(6))
        stock.receive_goods(s, world.sku["LID"], world.bin["GZ/A-01"], D(2))
    with people["lead"].begin() as s:
        st = stocktake.create_stocktake(s, world.wh["GZ"], "bins", blind=True, location_ids=[world.bin["GZ/A-01"]])
    b = bins_by_code(people["lead"], st)["A-01"]
    with people["c1"].begin() as s:
        stocktake.start_bin(s, b.id)
    r = scan(people["c1"], b.id, BARCODES["CUP"], D(5))
    assert (r.counted, r.expected) == (5, None)
    with people["c1"]() as s:
        view = stocktake.bin_view(s, b.id)
        assert view.blind
        # only what was found is listed, without the ledger's figures (the lids are not hinted at)
        assert [(x.sku_code, x.counted, x.expected) for x in view.rows] == [("CUP", 5, None)]
        with pytest.raises(BlindCountError):
            stocktake.variance_report(s, st)
    # the lead who will post sees the figures
    with people["lead"]() as s:
        rep = stocktake.variance_report(s, st)
    assert rep.rows == []            # the bin is not counted yet
    with people["c1"].begin() as s:
        stocktake.finish_bin(s, b.id)
    with people["lead"]() as s:
        rows = {r.sku_code: (r.expected, r.counted) for r in stocktake.variance_report(s, st).rows}
    assert rows == {"CUP": (6, 5), "LID": (2, 0)}


def test_recount_clears_the_bin_and_takes_a_new_snapshot(world, people, session_factory):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(4))
    with people["lead"].begin() as s:
        st = stocktake.create_stocktake(s, world.wh["HZ"], "bins", location_ids=[world.bin["HZ/A-01"]])
    b = bins_by_code(people["lead"], st)["A-01"]
    with people["c1"].begin() as s:
        first = stocktake.start_bin(s, b.id)
    for _ in range(9):
        scan(people["c1"], b.id, BARCODES["CUP"])
    with people["c1"].begin() as s:
        stocktake.finish_bin(s, b.id)
        # a finished bin takes no more scans
    with pytest.raises(StocktakeStateError) as err:
        scan(people["c1"], b.id, BARCODES["CUP"])
    assert (err.value.what, err.value.key, err.value.state) == ("bin", "A-01", "counted")
    # 9 cannot be right: count again; stock arrived meanwhile, so the new snapshot says 6
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(2))
    with people["c1"].begin() as s:
        second = stocktake.recount_bin(s, b.id)
    assert second > first
    with people["c1"]() as s:
        view = stocktake.bin_view(s, b.id)
    assert (view.bin.state, view.bin.recounts, view.bin.lines) == ("counting", 1, 0)
    assert [(x.sku_code, x.expected, x.counted) for x in view.rows] == [("CUP", 6, 0)]
    r = scan(people["c1"], b.id, BARCODES["CUP"], D(6))
    assert (r.counted, r.expected) == (6, 6)
    # a wrong scan is taken back with a negative line; below zero is refused
    scan(people["c1"], b.id, BARCODES["CUP"])
    assert scan(people["c1"], b.id, BARCODES["CUP"], D(-1)).counted == 6
    with pytest.raises(Exception, match="below zero"):
        scan(people["c1"], b.id, BARCODES["CUP"], D(-7))
    with people["c1"].begin() as s:
        stocktake.finish_bin(s, b.id)
        stocktake.resume_bin(s, b.id)          # finished too early: back in, the count stays
        assert stocktake.get_bin(s, b.id).counted == 6
        stocktake.finish_bin(s, b.id)
    with people["lead"].begin() as s:
        stocktake.close_stocktake(s, st)
        assert stocktake.post_stocktake(s, st) == []      # nothing to correct
        assert stock.check_ledger(s) == []


def test_cycle_count_of_a_class_skus_due(world, people, session_factory):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(100))
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/A-02"], D(100))
        stock.receive_goods(s, world.sku["LID"], world.bin["HZ/A-02"], D(100))
        for sku, qty in (("CUP", 40), ("PEN", 5), ("LID", 2)):
            res = stock.reserve_stock(s, world.sku[sku], world.wh["HZ"], D(qty))
            stock.consume_stock(s, res)
    with people["lead"]() as s:
        due = stocktake.a_class_skus_due(s, world.wh["HZ"])
    assert [c.code for c in due] == ["CUP"]          # 40 of 47 shipped units, all at the same cost
    with people["lead"].begin() as s:
        st = stocktake.create_stocktake(s, world.wh["HZ"], "skus", sku_ids=[c.sku_id for c in due])
    bins = bins_by_code(people["lead"], st)
    assert list(bins) == ["A-01"]                     # where the listed SKU is
    with people["c1"].begin() as s:
        stocktake.start_bin(s, bins["A-01"].id)
    with pytest.raises(NotInCountError) as err:
        scan(people["c1"], bins["A-01"].id, BARCODES["PEN"])
    assert (err.value.what, err.value.code) == ("sku", "PEN")
    # a count of the whole warehouse cannot start while this one covers A-01's cups
    with people["lead"].begin() as s, pytest.raises(StocktakeOverlapError) as err:
        stocktake.create_stocktake(s, world.wh["HZ"], "warehouse")
    assert err.value.bin_code == "A-01" and err.value.other == st
    # but the other warehouse can be counted, and closing needs every bin counted
    with people["lead"].begin() as s:
        other = stocktake.create_stocktake(s, world.wh["GZ"], "warehouse")
        assert [b.code for b in stocktake.list_bins(s, other)] == ["A-01", "A-02", "B-01"]
    with people["lead"].begin() as s, pytest.raises(StocktakeIncompleteError) as err:
        stocktake.close_stocktake(s, st)
    assert err.value.bins == ["A-01"]
    with people["lead"].begin() as s:
        stocktake.cancel_stocktake(s, st)
        # once cancelled, A-01 is free for the next count
        stocktake.create_stocktake(s, world.wh["HZ"], "warehouse")


def test_a_sku_with_two_lots_in_the_bin_needs_its_lot(world, people, session_factory):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-01"], D(3), lot_no="M-01")
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-01"], D(2), lot_no="M-02")
        lots = dict(s.execute(text("SELECT lot_no, id FROM stock.lot")).all())
    with people["lead"].begin() as s:
        st = stocktake.create_stocktake(s, world.wh["HZ"], "bins", location_ids=[world.bin["HZ/A-01"]])
    b = bins_by_code(people["lead"], st)["A-01"]
    with people["c1"].begin() as s:
        stocktake.start_bin(s, b.id)
    with pytest.raises(LotRequiredError) as err:
        scan(people["c1"], b.id, BARCODES["MILK"])
    assert err.value.lots == ["M-01", "M-02"] and err.value.lot_ids == [lots["M-01"], lots["M-02"]]
    r = scan(people["c1"], b.id, BARCODES["MILK"], D(2), lot_id=lots["M-02"])
    assert (r.lot_no, r.counted, r.expected) == ("M-02", 2, 2)


def test_progress_of_one_counter_reaches_the_others_client_live(db, world, people, session_factory):
    """Counters on different bins see each other's progress: scans and finished bins are announced."""
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(2))
    with people["lead"].begin() as s:
        st = stocktake.create_stocktake(s, world.wh["HZ"], "bins", location_ids=[world.bin["HZ/A-01"]])
    b = bins_by_code(people["lead"], st)["A-01"]
    got: queue.Queue = queue.Queue()
    status: queue.Queue = queue.Queue()
    c2 = people["logins"]["c2"]
    listener = ChangeListener(db.conninfo(c2.role_name, c2.password), got.put, status.put)
    listener.start()
    try:
        assert status.get(timeout=5) is True
        with people["c1"].begin() as s:
            stocktake.start_bin(s, b.id)
        line = scan(people["c1"], b.id, BARCODES["CUP"])
        t0 = time.monotonic()
        with people["c1"].begin() as s:
            stocktake.finish_bin(s, b.id)
        seen: dict[str, set[str]] = {}
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and not {"stock.stocktake_line", "stock.stocktake_bin"} <= set(seen):
            try:
                c = got.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.setdefault(c.table, set()).add(c.op)
        assert time.monotonic() - t0 < 1.0
        assert "I" in seen["stock.stocktake_line"] and "U" in seen["stock.stocktake_bin"]
        assert line.counted == 1
    finally:
        listener.stop()
