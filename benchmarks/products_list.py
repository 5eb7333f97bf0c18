"""Products list on 200,000 SKUs: first page, text and pinyin search, barcode lookup (budget < 100 ms each).

    python benchmarks/products_list.py [--skus 200000] [--runs 15]

Builds its own data (DESIGN.md §9): a throwaway embedded server, or ERP_DATABASE_URL when set
(an empty database; the URL's role loads the data and is measured too).  The catalogue is loaded
in bulk with INSERT ... SELECT FROM generate_series: Chinese names made of the demo word lists
(resources/demo/catalog.json) with their pinyin initials, 4 colour variants per product, an
EAN-13 for every SKU and an internal Code 128 for one in four; then VACUUM ANALYZE.

Measured through erp_desktop.services.catalog, a new Session per call as the desktop client
does, as an app user of the sales group; the baseline is a bare keyset query over plain psycopg
on an open connection, in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from _common import BenchDb, Timing, bench_database, json_line, measure, print_table
from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop import paths
from erp_desktop.db.engine import make_engine, make_session_factory
from erp_desktop.domain.pinyin import initials
from erp_desktop.services import catalog

BUDGET_MS = 100.0
SEARCH_WORD = "蓝牙耳机"            # a product noun of the demo word lists: about 1 SKU in 160
BASELINE_SQL = "SELECT id, code, name FROM catalog.sku ORDER BY code, id LIMIT 200"

COLORS = (("黑色", "BK"), ("白色", "WH"), ("灰色", "GY"), ("蓝色", "BL"), ("粉色", "PK"),
          ("绿色", "GN"), ("红色", "RD"), ("米色", "BG"), ("卡其色", "KH"), ("藏青色", "NV"))


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def _names() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """From the demo word lists: top categories, leaves (code, name, parent) and every
    (name, pinyin, top code, leaf code) a product can take: brand x noun x attribute."""
    words = json.loads((paths.resources_dir() / "demo" / "catalog.json").read_text(encoding="utf-8"))
    tops, leaves, names = [], [], []
    for top in words["categories"]:
        tops.append((top["code"], top["name"]))
        for leaf in top["children"]:
            leaves.append((leaf["code"], leaf["name"], top["code"]))
            for item in leaf["items"]:
                for brand in leaf["brands"]:
                    for attr in item["attrs"]:
                        name = f"{brand} {item['noun']} {attr}"
                        names.append((name, initials(name), top["code"], leaf["code"]))
    return tops, leaves, names


def load(db: BenchDb, skus: int) -> float:
    """Load `skus` SKUs (4 per product) with their barcodes; seconds taken."""
    tops, leaves, names = _names()
    products = (skus + 3) // 4
    t0 = time.perf_counter()
    with psycopg.connect(db.owner_conninfo) as conn:
        if conn.execute("SELECT EXISTS (SELECT 1 FROM catalog.sku)").fetchone()[0]:
            sys.exit("the benchmark database already has SKUs: point ERP_DATABASE_URL at an empty database")
        cur = conn.cursor()
        cur.executemany("INSERT INTO catalog.category (code, name) VALUES (%s, %s)", tops)
        cur.executemany("INSERT INTO catalog.category (code, name, parent_id) "
                        "SELECT %s, %s, id FROM catalog.category WHERE code = %s", leaves)
        cur.execute("CREATE TEMP TABLE bench_name (k int PRIMARY KEY, name text, pinyin text, "
                    "top text, category_id int, brand text)")
        cat_ids = dict(cur.execute("SELECT code, id FROM catalog.category").fetchall())
        with cur.copy("COPY bench_name (k, name, pinyin, top, category_id, brand) FROM STDIN") as copy:
            for k, (name, pinyin, top, leaf) in enumerate(names):
                copy.write_row((k, name, pinyin, top, cat_ids[leaf], name.split(" ")[0]))
        cur.execute("CREATE TEMP TABLE bench_color (v int PRIMARY KEY, label text, code text)")
        cur.executemany("INSERT INTO bench_color VALUES (%s, %s, %s)",
                        [(i, label, code) for i, (label, code) in enumerate(COLORS)])
        # product p takes name k = p * 7919 mod n: every name about products / n times, spread out
        cur.execute("""
            INSERT INTO catalog.product (code, name, category_id, brand)
            SELECT n.top || '-' || lpad(p::text, 6, '0'), n.name, n.category_id, n.brand
            FROM generate_series(1, %(products)s) p
            JOIN bench_name n ON n.k = mod(p * 7919, %(n)s)""", {"products": products, "n": len(names)})
        # SKU g is variant (g - 1) mod 4 of product (g - 1) / 4 + 1, in colour (p + 3v) mod 10
        with _indexes_rebuilt(conn, "catalog.sku"):
            cur.execute("""
                INSERT INTO catalog.sku (product_id, code, name, spec, pinyin, category_id, status, unit,
                                         price, cost, weight_kg, length_cm, width_cm, height_cm)
                SELECT pr.id, pr.code || '-' || c.code, n.name, c.label, n.pinyin, n.category_id,
                       CASE WHEN mod(g, 23) = 0 THEN 'inactive' WHEN mod(g, 47) = 0 THEN 'discontinued'
                            ELSE 'active' END,
                       'pcs', x.price, round(x.price * 0.6, 2), mod(g * 31, 5000) / 1000.0 + 0.05,
                       20 + mod(g, 30), 10 + mod(g, 20), 3 + mod(g, 15)
                FROM generate_series(1, %(skus)s) g
                CROSS JOIN LATERAL (SELECT (g - 1) / 4 + 1 AS p, mod(g - 1, 4) AS v,
                                           round(9.9 + mod(g * 7919, 99000) / 100.0, 2) AS price) x
                JOIN bench_name n ON n.k = mod(x.p * 7919, %(n)s)
                JOIN catalog.product pr ON pr.code = n.top || '-' || lpad(x.p::text, 6, '0')
                JOIN bench_color c ON c.v = mod(x.p + 3 * x.v, 10)""", {"skus": skus, "n": len(names)})
        # EAN-13: 69 and 10 digits, then the check digit: weight 3 on the body's last digit, 1 on the one
        # before, and so on (the database CHECKs it too)
        cur.execute("""
            INSERT INTO catalog.barcode (sku_id, code, kind)
            SELECT id, b::text || mod(10 - mod(
                       3 * (mod(b, 10) + mod(b / 100, 10) + mod(b / 10000, 10) + mod(b / 1000000, 10)
                            + mod(b / 100000000, 10) + mod(b / 10000000000, 10))
                       + mod(b / 10, 10) + mod(b / 1000, 10) + mod(b / 100000, 10)
                       + mod(b / 10000000, 10) + mod(b / 1000000000, 10) + mod(b / 100000000000, 10),
                       10), 10), 'EAN13'
            FROM (SELECT id, 690000000000 + id AS b FROM catalog.sku) s""")
        cur.execute("""INSERT INTO catalog.barcode (sku_id, code, kind)
                       SELECT id, 'BX' || lpad(id::text, 8, '0'), 'CODE128' FROM catalog.sku WHERE mod(id, 4) = 0""")
        conn.commit()
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) catalog.product, catalog.sku, catalog.barcode, catalog.category")
    return time.perf_counter() - t0


@contextmanager
def _indexes_rebuilt(conn: psycopg.Connection, table: str) -> Iterator[None]:
    """Bulk load: drop the table's plain indexes, load, build them again (as pg_get_indexdef
    gives them), all in the load's transaction.  Where the role may not drop them (not the
    owner of the table), the rows go in with the indexes in place."""
    defs = conn.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", (table,)).fetchall()
    try:
        with conn.transaction():
            for name, _ in defs:
                conn.execute(f"DROP INDEX {name}")
    except psycopg.errors.InsufficientPrivilege:
        defs = []
    yield
    conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, ddl in defs:
        conn.execute(ddl)


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------


def run(db: BenchDb, runs: int) -> tuple[list[Timing], Timing, Timing]:
    engine = make_engine(db.app_url, application_name="erp-bench")
    sessions = make_session_factory(engine)

    def with_session(fn):
        def call(i: int):
            with sessions() as s:
                return fn(s, i)
        return call

    with psycopg.connect(db.app_conninfo) as conn:
        eans = [c for (c,) in conn.execute(
            "SELECT code FROM catalog.barcode WHERE kind = 'EAN13' ORDER BY md5(code) LIMIT %s",
            (runs + 5,)).fetchall()]
        baseline = measure("baseline: bare keyset SQL, psycopg", lambda i: conn.execute(BASELINE_SQL).fetchall(),
                           runs)
        conn.rollback()
    session_baseline = measure("baseline: bare keyset SQL, new Session",
                               with_session(lambda s, i: s.execute(text(BASELINE_SQL)).all()), runs)

    def first_page(s: Session, i: int):
        return catalog.list_skus(s, catalog.SkuFilter(), limit=200)

    with sessions() as s:
        page1 = catalog.list_skus(s, catalog.SkuFilter(), limit=200)
    after = catalog.sort_key(page1[-1], "code")

    def next_page(s: Session, i: int):
        return catalog.list_skus(s, catalog.SkuFilter(), after=after, limit=200)

    def search(s: Session, i: int):
        return catalog.list_skus(s, catalog.SkuFilter(text=SEARCH_WORD), limit=200)

    def pinyin_search(s: Session, i: int):
        return catalog.list_skus(s, catalog.SkuFilter(text=initials(SEARCH_WORD)), limit=200)

    def global_search(s: Session, i: int):
        return catalog.search_skus(s, SEARCH_WORD)

    def barcode(s: Session, i: int):
        found = catalog.find_sku_by_barcode(s, eans[i % len(eans)])
        assert found is not None, eans[i % len(eans)]
        return [found]

    timings = [
        measure("first page (list_skus, 200 rows)", with_session(first_page), runs),
        measure("next page (keyset after row 200)", with_session(next_page), runs),
        measure(f"search name '{SEARCH_WORD}' (list_skus)", with_session(search), runs),
        measure(f"search pinyin '{initials(SEARCH_WORD)}' (list_skus)", with_session(pinyin_search), runs),
        measure(f"global search '{SEARCH_WORD}' (search_skus)", with_session(global_search), runs),
        measure("barcode lookup (find_sku_by_barcode)", with_session(barcode), runs),
    ]
    timings += run_ui(sessions, eans, runs)
    engine.dispose()
    return timings, baseline, session_baseline


def run_ui(sessions, eans: list[str], runs: int) -> list[Timing]:
    """The same figures as the user meets them: the Products model and dock, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from erp_desktop.services.session import AppContext
    from erp_desktop.services.users import whoami
    from erp_desktop.ui.bridge import Bridge
    from erp_desktop.ui.docks.products import ProductsDock
    from erp_desktop.ui.models.sku_table import SkuTableModel

    app = QApplication.instance() or QApplication([])

    def model_first_page(i: int):
        model = SkuTableModel(sessions)
        model.fetchMore()
        assert model.rowCount() == 200
        return range(model.rowCount())

    def model_search(i: int):
        model = SkuTableModel(sessions)
        model.set_filter(catalog.SkuFilter(text=SEARCH_WORD if i % 2 else initials(SEARCH_WORD)))
        return range(model.rowCount())

    with sessions() as s:
        identity = whoami(s)
    ctx = AppContext(sessions=sessions, identity=identity, mode="embedded", database="bench", server="bench")
    dock = ProductsDock(ctx, Bridge())
    dock.model.fetchMore()

    def dock_scan(i: int):
        code = eans[i % len(eans)]
        dock.set_filter_widgets(catalog.SkuFilter())   # the full list, as a user has it open
        dock.apply_filter()
        dock.handle_scan(code)
        app.processEvents()
        current = dock.current_sku_id()
        assert current is not None, code
        return [current]

    return [
        measure("model: first page (SkuTableModel)", model_first_page, runs),
        measure(f"model: text filter '{SEARCH_WORD}' / '{initials(SEARCH_WORD)}'", model_search, runs),
        measure("dock: scan a barcode -> SKU selected", dock_scan, runs),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with bench_database("erp_bench_products") as db:
        print(f"database: {db.description}")
        load_s = load(db, args.skus)
        print(f"loaded {args.skus:,} SKUs with barcodes in {load_s:.1f} s")
        timings, baseline, session_baseline = run(db, args.runs)

    print_table(f"Products list, {args.skus:,} SKUs, {args.runs} runs each (budget: median < {BUDGET_MS:.0f} ms)",
                [baseline, session_baseline, *timings], BUDGET_MS)
    first, nxt, search, pinyin, glob, barcode, m_first, m_search, d_scan = timings
    ratio = first.median / baseline.median
    print(f"\nfirst page / bare SQL baseline: {ratio:.1f}x")
    figures = {
        "skus": args.skus, "runs": args.runs, "load_s": load_s,
        "first_page_ms": first.median, "next_page_ms": nxt.median, "search_ms": search.median,
        "pinyin_search_ms": pinyin.median, "global_search_ms": glob.median, "barcode_ms": barcode.median,
        "baseline_ms": baseline.median, "first_page_vs_baseline": ratio,
        "session_baseline_ms": session_baseline.median,
        "first_page_p95_ms": first.p95, "next_page_p95_ms": nxt.p95, "search_p95_ms": search.p95,
        "pinyin_search_p95_ms": pinyin.p95, "global_search_p95_ms": glob.p95, "barcode_p95_ms": barcode.p95,
        "baseline_p95_ms": baseline.p95,
        "model_first_page_ms": m_first.median, "model_search_ms": m_search.median, "dock_scan_ms": d_scan.median,
        "budget_ok": all(t.median < BUDGET_MS for t in timings),
    }
    print(json_line(figures))


if __name__ == "__main__":
    main()
