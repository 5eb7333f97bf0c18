"""The Stock dock on 200,000 SKUs x 3 warehouses: first page, filters, drill-downs (budget < 100 ms each).

    python benchmarks/stock_list.py [--skus 200000] [--runs 15]

Builds its own data (DESIGN.md §9): the catalogue of benchmarks/products_list.py, then 3
warehouses with 300 bins each, and for every SKU x warehouse a level with its quant and the
receipt move that made it (the ledger check holds), planning figures (stock.replenishment) for
every pair, about 5 % below safety stock and 10 % overstock, lots with an expiry for one SKU in
ten (some expired), a few reservations; then VACUUM ANALYZE.  Measured through
erp_desktop.services.stock_queries, a new Session per call as the desktop client does, as an app
user of the warehouse group; the baseline is a bare keyset query over plain psycopg in the same
run.  `run_dock(db, skus, runs)` is what benchmarks/stock.py calls for its Stock dock figures.
"""

from __future__ import annotations

import argparse
import time

import psycopg
from _common import BenchDb, Timing, bench_database, json_line, measure, print_table
from products_list import SEARCH_WORD
from products_list import load as load_skus

from erp_desktop.db.engine import make_engine, make_session_factory
from erp_desktop.domain.pinyin import initials
from erp_desktop.services import stock_queries as sq

BUDGET_MS = 100.0
BINS = 300
BASELINE_SQL = ("SELECT l.id, s.code FROM catalog.sku s JOIN stock.level l ON l.sku_id = s.id "
                "ORDER BY s.code, s.id, l.warehouse_id LIMIT 200")


def load_stock(db: BenchDb) -> float:
    """Warehouses, bins, levels, quants, receipts, lots, planning figures for every SKU; seconds taken."""
    t0 = time.perf_counter()
    with psycopg.connect(db.owner_conninfo) as conn:
        cur = conn.cursor()
        cur.execute("""INSERT INTO stock.warehouse (code, name, province) VALUES
                       ('HZ', '杭州主仓', '浙江'), ('GZ', '广州仓', '广东'), ('BJ', '北京仓', '北京')""")
        cur.execute("""INSERT INTO stock.location (warehouse_id, code, kind, pick_order)
                       SELECT w.id, 'A-' || lpad(b::text, 3, '0'), 'bin', b
                       FROM stock.warehouse w, generate_series(1, %s) b""", (BINS,))
        # lots: one SKU in ten keeps food with an expiry; one such lot in fifty has expired
        cur.execute("""INSERT INTO stock.lot (sku_id, lot_no, received_on, expires_on)
                       SELECT s.id, 'L' || s.id, current_date - 30,
                              CASE WHEN mod(s.id, 500) = 0 THEN current_date - 3
                                   ELSE current_date + mod(s.id * 13, 400) END
                       FROM catalog.sku s WHERE mod(s.id, 10) = 0""")
        cur.execute("CREATE TEMP TABLE bench_level AS "
                    "SELECT s.id AS sku_id, w.id AS warehouse_id, "
                    "       (SELECT id FROM stock.location l WHERE l.warehouse_id = w.id AND l.kind = 'bin' "
                    "        AND l.code = 'A-' || lpad((1 + mod(s.id * 7 + w.id, %s))::text, 3, '0')) AS loc, "
                    "       t.id AS lot_id, "
                    "       mod(s.id * 31 + w.id * 17, 400)::numeric AS qty, "
                    "       mod(s.id * 7919 + w.id * 101, 1000) AS r "
                    "FROM catalog.sku s CROSS JOIN stock.warehouse w "
                    "LEFT JOIN stock.lot t ON t.sku_id = s.id", (BINS,))
        # planning figures first: a level takes its marks when it is made (trigger of sql/0006)
        cur.execute("""INSERT INTO stock.replenishment (sku_id, warehouse_id, forecast_daily, demand_std_daily,
                                                         lead_time_days, safety_stock, reorder_point, computed_at)
                       SELECT b.sku_id, b.warehouse_id, f.daily, round(f.daily * 0.4, 3), 7,
                              f.safety, f.safety + f.daily * 7, now()
                       FROM bench_level b
                       CROSS JOIN LATERAL (SELECT
                           CASE WHEN b.r < 100 THEN 0 ELSE round(0.1 + mod(b.r * 37, 500) / 100.0, 3) END AS daily,
                           -- about 5 %% above their stock (below safety), the rest well under it
                           CASE WHEN b.r >= 950 THEN b.qty + 5 ELSE round(b.qty * 0.1, 3) END AS safety) f""")
        cur.execute("""
            WITH m AS (
                INSERT INTO stock.move (moved_at, kind, sku_id, lot_id, to_location_id, to_warehouse_id, quantity,
                                        doc_type, created_by)
                SELECT now() - interval '30 days' + make_interval(secs => b.r), 'receipt', b.sku_id, b.lot_id,
                       b.loc, b.warehouse_id, b.qty, 'receipt', 'bench_seed'
                FROM bench_level b WHERE b.qty > 0 RETURNING 1)
            SELECT count(*) FROM m""")
        cur.execute("""INSERT INTO stock.quant (sku_id, lot_id, location_id, warehouse_id, quantity)
                       SELECT sku_id, lot_id, loc, warehouse_id, qty FROM bench_level WHERE qty > 0""")
        cur.execute("""INSERT INTO stock.level (sku_id, warehouse_id, on_hand, tracks_expiry)
                       SELECT sku_id, warehouse_id, qty, lot_id IS NOT NULL FROM bench_level""")
        conn.commit()
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) stock.level, stock.quant, stock.move, stock.lot, stock.replenishment, "
                     "stock.location")
    return time.perf_counter() - t0


def reserve_some(db: BenchDb, n: int = 2000) -> None:
    """A few reservations through the ledger (as the clients make them)."""
    with psycopg.connect(db.owner_conninfo) as conn:
        conn.execute("""SELECT stock.reserve(l.sku_id, l.warehouse_id, 1, 'hold')
                        FROM stock.level l WHERE l.on_hand > 10 AND NOT l.tracks_expiry
                        ORDER BY l.id LIMIT %s""", (n,))
        conn.commit()


def run_dock(db: BenchDb, skus: int, runs: int, *, load: bool = True) -> tuple[list[Timing], dict]:
    """The Stock dock's queries on `skus` SKUs x 3 warehouses (loaded here unless `load` is False)."""
    if load:
        load_s = load_skus(db, skus)
        print(f"loaded {skus:,} SKUs with barcodes in {load_s:.1f} s")
        stock_s = load_stock(db)
        reserve_some(db)
        print(f"loaded {skus * 3:,} stock levels, quants, receipts and planning figures in {stock_s:.1f} s")
    engine = make_engine(db.app_url, application_name="erp-bench")
    sessions = make_session_factory(engine)

    def with_session(fn):
        def call(i: int):
            with sessions() as s:
                return fn(s, i)
        return call

    with psycopg.connect(db.app_conninfo) as conn:
        baseline = measure("baseline: bare keyset SQL, psycopg", lambda i: conn.execute(BASELINE_SQL).fetchall(),
                           runs)
        wh = conn.execute("SELECT id FROM stock.warehouse WHERE code = 'GZ'").fetchone()[0]
        cat = conn.execute("SELECT id FROM catalog.category WHERE parent_id IS NULL ORDER BY code "
                           "LIMIT 1").fetchone()[0]
        some = [r[0] for r in conn.execute("SELECT id FROM stock.level ORDER BY md5(id::text) LIMIT 200")]
        sku_wh = conn.execute("SELECT sku_id, warehouse_id FROM stock.level WHERE tracks_expiry LIMIT 1").fetchone()
        conn.rollback()

    with sessions() as s:
        page1 = sq.list_stock(s, sq.StockFilter())
    after = sq.sort_key(page1[-1], "code")

    def page(flt: sq.StockFilter, sort: str = "code", descending: bool = False, after_=None):
        return with_session(lambda s, i: sq.list_stock(s, flt, sort, descending, after_))

    figures = [
        ("first page (code order)", "first_page", page(sq.StockFilter())),
        ("next page (keyset after row 200)", "next_page", page(sq.StockFilter(), after_=after)),
        ("first page by name", "by_name", page(sq.StockFilter(), "name")),
        ("first page by on hand, most first", "by_on_hand", page(sq.StockFilter(), "on_hand", True)),
        ("warehouse GZ", "warehouse", page(sq.StockFilter(warehouse_id=wh))),
        (f"text '{SEARCH_WORD}'", "text", page(sq.StockFilter(text=SEARCH_WORD))),
        (f"pinyin '{initials(SEARCH_WORD)}'", "pinyin", page(sq.StockFilter(text=initials(SEARCH_WORD)))),
        ("category (top level, with sub-categories)", "category", page(sq.StockFilter(category_id=cat))),
        ("below safety stock", "below_safety", page(sq.StockFilter(below_safety=True))),
        ("below safety stock, GZ, by on hand", "below_safety_wh",
         page(sq.StockFilter(below_safety=True, warehouse_id=wh), "on_hand")),
        ("overstock", "overstock", page(sq.StockFilter(overstock=True))),
        ("lots expiring within 30 days", "expiring", page(sq.StockFilter(expiring_days=30))),
        (f"text '{SEARCH_WORD}' + below safety stock", "text_below",
         page(sq.StockFilter(text=SEARCH_WORD, below_safety=True))),
        ("badge: count below safety stock", "badge_count", with_session(lambda s, i: [sq.count_below_safety(s)])),
        ("footer: count all rows", "count_all", with_session(lambda s, i: [sq.count_stock(s, sq.StockFilter())])),
        ("live refresh: 200 rows by id", "refresh_rows", with_session(lambda s, i: sq.get_stock_rows(s, some))),
        ("drill-down: bins and lots", "quants", with_session(lambda s, i: sq.list_quants(s, *sku_wh))),
        ("drill-down: move history", "moves", with_session(lambda s, i: sq.list_moves(s, sku_wh[0]))),
    ]
    timings = [measure(label, fn, runs) for label, _, fn in figures]
    engine.dispose()
    out = {f"dock_{key}_ms": t.median for (_, key, _), t in zip(figures, timings, strict=True)}
    out["dock_baseline_ms"] = baseline.median
    out["dock_rows"] = skus * 3
    return [baseline, *timings], out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with bench_database("erp_bench_stock_list", app_area="warehouse") as db:
        print(f"database: {db.description}")
        timings, figures = run_dock(db, args.skus, args.runs)
    print_table(f"Stock dock, {args.skus:,} SKUs x 3 warehouses, {args.runs} runs each "
                f"(budget: median < {BUDGET_MS:.0f} ms)", timings, BUDGET_MS)
    figures["budget_ok"] = all(t.median < BUDGET_MS for t in timings[1:])
    print(json_line(figures))


if __name__ == "__main__":
    main()
