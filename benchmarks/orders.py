"""Orders: the order pipeline (budget >= 50 % of the baseline), the Orders list on 1,000,000 orders
(budget < 100 ms each), the import of a 10,000-row Taobao export (rows per second, peak memory).

    python benchmarks/orders.py [--orders 1000000] [--runs 5] [--seconds 3] [--workers 4] [--list-runs 15]
                                [--import-orders 10000] [--import-runs 3] [--[no-]profile] [--explain]
                                [--skip pipeline|list|import]

Builds its own data (DESIGN.md §9) on throwaway embedded servers, or ERP_DATABASE_URL when set (an
empty database whose role loads the data and owns the tables); measured as a login of the sales
group, the order desk.

1. Pipeline (benchmarks/orders_pipeline.py): `--workers` processes (spawn) parse Taobao report rows
   in memory, then import_orders + review_orders (4 review rules, a warehouse and a carrier rule;
   approval reserves each line through the stock ledger) in one transaction per order, and per 10
   orders; the baseline of the issue (one order row, 3 line rows, 3 conditional stock UPDATEs per
   transaction, plain psycopg) in the same run, the runs interleaved.  With --profile (or when
   under budget): the steps' time per order, statements per order, a cProfile of one worker.
2. List: a million orders loaded set-based (orders_data.load_orders: 7 statuses, mostly shipped, the
   open ones recent; 5 shops; 30 provinces; paid over 12 months; real phones for half; 1 to 3
   lines), then through erp_desktop.services.order_queries with a new Session per call: the first
   page of every tab, the next page, filters, searches, the tab counts.  A figure over budget (or
   all, with --explain) gets the EXPLAIN ANALYZE of its slowest statement.
3. Import: a GBK order report + item report pair written to a temp dir, then in a fresh process per
   run parse_order_files, import_orders (one transaction, as the import dialog does) and
   review_orders (another, as a shop pull does) into a new shop: rows and orders per second; peak
   memory as the process's ru_maxrss growth and, in a run of its own, tracemalloc's peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import psycopg
from _common import BenchDb, Timing, bench_database, json_line, measure, print_table
from orders_data import CatalogSku, load_orders, make_world, pipeline_rules, write_taobao_export
from orders_pipeline import prepare_baseline, run_pipeline
from orders_report import print_pipeline
from sqlalchemy import event

from erp_desktop.db.engine import make_engine, make_session_factory
from erp_desktop.services import order_queries as oq

PIPELINE_BUDGET = 0.50          # ours / baseline
LIST_BUDGET_MS = 100.0
PIPELINE_SKUS = 100
ON_HAND = 10_000_000


# ---------------------------------------------------------------------------------------------
# the list on a million orders
# ---------------------------------------------------------------------------------------------

def list_figures(db: BenchDb, sessions) -> list[tuple[str, str, Any]]:
    """(label, key, fn(i)) of every figure; what they look for is taken from the loaded data."""
    with psycopg.connect(db.owner_conninfo) as conn:
        shops = dict(conn.execute("SELECT code, id FROM sales.shop").fetchall())
        order_no = conn.execute("SELECT platform_order_no FROM sales.\"order\" WHERE shop_id = %s "
                                "ORDER BY id DESC LIMIT 1 OFFSET 3000", (shops["TB1"],)).fetchone()[0]
        shipped_no = conn.execute("SELECT platform_order_no FROM sales.\"order\" WHERE status = 'shipped' "
                                  "ORDER BY id DESC LIMIT 1 OFFSET 3000").fetchone()[0]
        phone = conn.execute("SELECT receiver_phone FROM sales.\"order\" WHERE phone_key IS NOT NULL "
                             "ORDER BY id DESC LIMIT 1 OFFSET 3000").fetchone()[0]
        # a SKU of middling popularity (the median of the SKUs' order counts) and the most popular one
        by_count = conn.execute("SELECT sku_id, count(*) FROM sales.order_line GROUP BY 1 ORDER BY 2, 1").fetchall()
        sku, sku_orders = by_count[len(by_count) // 2]
        top_sku, top_orders = by_count[-1]
    today = dt.date.today()

    def page(flt: oq.OrderFilter, after: tuple | None = None):
        def call(i: int):
            with sessions() as s:
                return oq.list_orders(s, flt, after)
        return call

    def after_first(flt: oq.OrderFilter) -> tuple:
        with sessions() as s:
            return oq.list_orders(s, flt)[-1].sort_key

    def counts(shop_id: int | None):
        def call(i: int):
            with sessions() as s:
                return oq.count_by_status(s, shop_id)
        return call

    out: list[tuple[str, str, Any]] = [
        (f"first page, tab {status or 'all'}", f"first_page_{status or 'all'}", page(oq.OrderFilter(status=status)))
        for status in (*oq.ORDER_STATES, None)]
    out += [
        ("next page (keyset), tab all", "next_page_all", page(oq.OrderFilter(), after_first(oq.OrderFilter()))),
        ("next page (keyset), tab shipped", "next_page_shipped",
         page(oq.OrderFilter(status="shipped"), after_first(oq.OrderFilter(status="shipped")))),
        ("shop JD1 (15 %), tab all", "shop_all", page(oq.OrderFilter(shop_id=shops["JD1"]))),
        ("shop JD1, tab review", "shop_review", page(oq.OrderFilter(status="review", shop_id=shops["JD1"]))),
        ("province 四川省 (5 %), tab all", "province_all", page(oq.OrderFilter(province="四川省"))),
        ("province 四川省, tab review", "province_review", page(oq.OrderFilter(status="review", province="四川省"))),
        (f"SKU in {sku_orders:,} orders, tab all", "sku_all", page(oq.OrderFilter(sku_id=sku))),
        ("same SKU, tab review", "sku_review", page(oq.OrderFilter(status="review", sku_id=sku))),
        (f"SKU in {top_orders:,} orders, tab all", "top_sku_all", page(oq.OrderFilter(sku_id=top_sku))),
        ("paid 200 to 170 days ago, tab all", "dates_all",
         page(oq.OrderFilter(paid_from=today - dt.timedelta(days=200), paid_to=today - dt.timedelta(days=170)))),
        ("paid last 7 days, tab approved", "dates_approved",
         page(oq.OrderFilter(status="approved", paid_from=today - dt.timedelta(days=7), paid_to=today))),
        (f"search order no. prefix {order_no[:14]}", "search_order_no", page(oq.OrderFilter(text=order_no[:14]))),
        ("search a whole order no.", "search_order_no_full", page(oq.OrderFilter(text=order_no))),
        (f"search phone {phone}", "search_phone", page(oq.OrderFilter(text=phone))),
        (f"search phone prefix {phone[:7]}", "search_phone_prefix", page(oq.OrderFilter(text=phone[:7]))),
        ("search buyer name 王晓明", "search_buyer", page(oq.OrderFilter(text="王晓明"))),
        ("search order no. within tab shipped", "search_shipped",
         page(oq.OrderFilter(status="shipped", text=shipped_no))),
        ("tab counts (count_by_status)", "counts", counts(None)),
        ("tab counts of shop TB1 (40 %)", "counts_shop", counts(shops["TB1"])),
    ]
    return out


def run_list(db: BenchDb, runs: int, explain: bool) -> tuple[list[Timing], dict, list[str]]:
    engine = make_engine(db.app_url, application_name="erp-bench")
    sessions = make_session_factory(engine)
    figures = list_figures(db, sessions)
    with psycopg.connect(db.app_conninfo) as conn:
        bare = "SELECT id FROM sales.\"order\" WHERE status = 'shipped' ORDER BY paid_at DESC, id DESC LIMIT 200"
        baseline = measure("baseline: bare keyset SELECT of ids, psycopg", lambda i: conn.execute(bare).fetchall(),
                           runs)
        conn.rollback()
    timings = [measure(label, fn, runs) for label, _, fn in figures]
    out = {f"list_{key}_ms": t.median for (_, key, _), t in zip(figures, timings, strict=True)}
    out.update({f"list_{key}_p95_ms": t.p95 for (_, key, _), t in zip(figures, timings, strict=True)})
    out["list_baseline_ms"] = baseline.median
    plans = []
    for (label, _, fn), t in zip(figures, timings, strict=True):
        if explain or t.median >= LIST_BUDGET_MS:
            plans.append(explain_slowest(engine, label, fn))
    engine.dispose()
    return [baseline, *timings], out, plans


def explain_slowest(engine, label: str, fn) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest statement one call of `fn` sends."""
    seen: list[tuple[float, str, Any]] = []
    started: list[float] = []

    def before(conn, cursor, statement, parameters, context, executemany) -> None:
        started.append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((time.perf_counter() - started.pop(), statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        fn(0)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    took, statement, parameters = max(seen, key=lambda s: s[0])
    with engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).scalars().all()
    head = f"--- {label}: its slowest statement took {1000 * took:.1f} ms\n{statement}\n{parameters}\n"
    return head + "\n".join(plan)


# ---------------------------------------------------------------------------------------------
# the Taobao import
# ---------------------------------------------------------------------------------------------

def prepare_import(db: BenchDb, n_skus: int = 200) -> tuple[list[CatalogSku], dict[str, int], int]:
    """SKUs with stock in two warehouses, a carrier and the pipeline's rules (when there are none yet)."""
    from erp_desktop.services import order_review

    with psycopg.connect(db.owner_conninfo) as conn:
        wh = dict(conn.execute("INSERT INTO stock.warehouse (code, name, province) VALUES "
                               "('IHZ', '杭州电商仓', '浙江'), ('IGZ', '广州电商仓', '广东') "
                               "RETURNING code, id").fetchall())
        product = conn.execute("INSERT INTO catalog.product (code, name) VALUES ('IP', '导入商品') RETURNING id"
                               ).fetchone()[0]
        rows = conn.execute("INSERT INTO catalog.sku (product_id, code, name, cost, price) "
                            "SELECT %s, 'IM-' || lpad(g::text, 4, '0'), '保温杯 ' || g || ' 号', 10, "
                            "29.9 + mod(g * 37, 300) FROM generate_series(1, %s) g RETURNING id, code, name, price",
                            (product, n_skus)).fetchall()
        for w in wh.values():
            loc = conn.execute("INSERT INTO stock.location (warehouse_id, code, pick_order) VALUES (%s, 'I-01', 1) "
                               "RETURNING id", (w,)).fetchone()[0]
            conn.execute("SELECT stock.receive(s, %s, %s) FROM unnest(%s::int[]) s",
                         (loc, ON_HAND, [r[0] for r in rows]))
        carrier = conn.execute("INSERT INTO fulfil.carrier (code, name) VALUES ('ISF', '顺丰速运') RETURNING id"
                               ).fetchone()[0]
        has_rules = conn.execute("SELECT EXISTS (SELECT 1 FROM sales.rule)").fetchone()[0]
        conn.commit()
    if not has_rules:
        engine = make_engine(db.owner_url, application_name="erp-bench")
        with make_session_factory(engine).begin() as s:
            for spec in pipeline_rules({"GZ": wh["IGZ"], **wh}, carrier):
                order_review.save_rule(s, spec)
        engine.dispose()
    return [CatalogSku(code, name, price) for _, code, name, price in rows], wh, carrier


def _import_child(url: str, shop_id: int, paths: list[str], trace: bool, results) -> None:
    """In a fresh process: parse, import (one transaction), review (another); seconds and memory."""
    try:
        from erp_desktop.channels.files import parse_order_files
        from erp_desktop.domain import order_checks
        from erp_desktop.domain.orders import PlatformOrder
        from erp_desktop.services import order_review, orders

        engine = make_engine(url, pool_size=1, application_name="erp-bench")
        sessions = make_session_factory(engine)
        with sessions() as s:
            s.connection()
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peaks: dict[str, float] = {}
        if trace:
            tracemalloc.start()
            # the address divisions load once per process, at the first order checked: measured apart
            order_checks.check_order(PlatformOrder("0", "paid", (), address="浙江省 杭州市 西湖区 文三路 1 号"), 0)
            peaks["divisions (loaded once per process)"] = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
        t0 = time.perf_counter()
        parsed = parse_order_files("taobao", paths)
        t1 = time.perf_counter()
        if trace:
            peaks["parse"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with sessions.begin() as s:
            summary = orders.import_orders(s, shop_id, parsed, source="file", file_name="ExportOrderList.csv")
        t2 = time.perf_counter()
        if trace:
            peaks["import"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
        with sessions.begin() as s:
            review = order_review.review_orders(s, summary.order_ids)
        t3 = time.perf_counter()
        if trace:
            peaks["review"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        engine.dispose()
        results.put({"parse_s": t1 - t0, "import_s": t2 - t1, "review_s": t3 - t2, "rows": parsed.rows_read,
                     "orders": len(parsed.orders), "rejected": len(parsed.rejected), "created": summary.created,
                     "import_errors": summary.rejected, "approved": len(review.approved), "held": len(review.held),
                     "rejected_by_rule": len(review.rejected), "rss_start_mb": rss0 / 1024,
                     "rss_parse_mb": (rss1 - rss0) / 1024, "rss_growth_mb": (rss2 - rss0) / 1024,
                     "peaks_mb": {k: v / 2 ** 20 for k, v in peaks.items()}})
    except BaseException:
        import traceback
        results.put({"error": traceback.format_exc()})


def run_import(db: BenchDb, n_orders: int, runs: int) -> dict:
    skus, _, _ = prepare_import(db)
    folder = Path(tempfile.mkdtemp(prefix="erp-bench-taobao-"))
    ctx = mp.get_context("spawn")
    try:
        paths = [str(p) for p in write_taobao_export(folder, n_orders, skus)]
        sizes = sum(Path(p).stat().st_size for p in paths)
        results = []
        for run in range(runs + 1):
            trace = run == runs           # the last run measures Python's allocations (and is slower for it)
            with psycopg.connect(db.owner_conninfo) as conn:
                shop = conn.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES (%s, %s, 'taobao') "
                                    "RETURNING id", (f"IMP{run}", f"导入旗舰店 {run}")).fetchone()[0]
                conn.commit()
            queue = ctx.Queue()
            child = ctx.Process(target=_import_child, args=(db.app_url, shop, paths, trace, queue))
            child.start()
            result = queue.get(timeout=1800)
            child.join(60)
            if "error" in result:
                raise SystemExit("the import failed:\n" + result["error"])
            results.append(result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    timed, traced = results[:-1], results[-1]
    med = {k: statistics.median(r[k] for r in timed) for k in ("parse_s", "import_s", "review_s",
                                                                  "rss_growth_mb", "rss_parse_mb")}
    first = timed[0]
    return {"runs": timed, "traced": traced, "median": med, "file_mb": sizes / 2 ** 20, "rows": first["rows"],
            "orders": first["orders"]}


def print_import(res: dict, n_orders: int) -> dict:
    med, rows, orders, traced = res["median"], res["rows"], res["orders"], res["traced"]
    total = med["parse_s"] + med["import_s"] + med["review_s"]
    first = res["runs"][0]
    print(f"\nTaobao import: an order report of {n_orders:,} rows and its item report ({rows:,} rows in all, "
          f"{res['file_mb']:.1f} MB GBK CSV), {len(res['runs'])} runs, each in a fresh process into a new shop "
          f"(medians)")
    print(f"  parse_order_files   {med['parse_s']:>6.2f} s   {rows / med['parse_s']:>8,.0f} rows/s")
    print(f"  import_orders       {med['import_s']:>6.2f} s   {orders / med['import_s']:>8,.0f} orders/s "
          f"(one transaction; created {first['created']:,}, errors {first['import_errors']})")
    print(f"  review_orders       {med['review_s']:>6.2f} s   {orders / med['review_s']:>8,.0f} orders/s "
          f"(approved {first['approved']:,}, held {first['held']:,}, rejected {first['rejected_by_rule']})")
    print(f"  in all              {total:>6.2f} s   {rows / total:>8,.0f} rows/s, {orders / total:,.0f} orders/s")
    print(f"  memory: the process grew by {med['rss_growth_mb']:.0f} MB (ru_maxrss, from "
          f"{first['rss_start_mb']:.0f} MB after start-up; {med['rss_parse_mb']:.0f} MB of it by the parse); "
          "tracemalloc, in a run of its own, peak of each step: "
          + ", ".join(f"{k} {v:.0f} MB" for k, v in traced["peaks_mb"].items()))
    return {"import_orders": orders, "import_rows": rows, "import_parse_s": med["parse_s"],
            "import_import_s": med["import_s"], "import_review_s": med["review_s"], "import_total_s": total,
            "import_rows_per_s": rows / total, "import_orders_per_s": orders / total,
            "import_parse_rows_per_s": rows / med["parse_s"], "import_rss_growth_mb": med["rss_growth_mb"],
            "import_rss_start_mb": first["rss_start_mb"],
            **{f"import_tracemalloc_{k.split()[0]}_mb": v for k, v in traced["peaks_mb"].items()}}


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000, help="orders in the list")
    parser.add_argument("--runs", type=int, default=5, help="measured pipeline runs of each variant")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one measured pipeline run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--list-runs", type=int, default=15)
    parser.add_argument("--import-orders", type=int, default=10_000)
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=None,
                        help="break the pipeline's time down (default: only when under budget)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every list figure")
    parser.add_argument("--skip", action="append", default=[], choices=("pipeline", "list", "import"))
    args = parser.parse_args()

    figures: dict[str, Any] = {"workers": args.workers, "runs": args.runs, "seconds": args.seconds,
                               "pipeline_skus": PIPELINE_SKUS, "parse_step": "taobao_rows_in_memory"}
    ok: list[bool] = []
    if "pipeline" not in args.skip:
        with bench_database("erp_bench_orders_pipeline") as db:
            print(f"database: {db.description}")
            world = make_world(db, PIPELINE_SKUS, ON_HAND)
            prepare_baseline(db.owner_conninfo, db.app_conninfo, world.sku_ids, ON_HAND)
            res = run_pipeline(db, world, runs=args.runs, seconds=args.seconds, workers=args.workers,
                               profile=args.profile, budget=PIPELINE_BUDGET)
            figures.update(print_pipeline(res, args.workers, args.seconds, PIPELINE_BUDGET, PIPELINE_SKUS))
            print(f"orders in the database after the runs, by status: {res['orders_by_status']}")
            ok.append(figures["pipeline_vs_baseline"] >= PIPELINE_BUDGET)
    if "list" in args.skip and "import" in args.skip:
        figures["budget_ok"] = bool(ok) and all(ok)
        print(json_line(figures))
        return
    with bench_database("erp_bench_orders") as db:
        print(f"\ndatabase: {db.description}")
        if "list" not in args.skip:
            steps = load_orders(db, args.orders)
            with psycopg.connect(db.owner_conninfo) as conn:
                lines = conn.execute("SELECT count(*) FROM sales.order_line").fetchone()[0]
            print(f"loaded {args.orders:,} orders with {lines:,} lines in {steps['load_s']:.0f} s (orders "
                  f"{steps['orders_s']:.0f} s, lines {steps['lines_s']:.0f} s, "
                  f"VACUUM ANALYZE {steps['vacuum_s']:.0f} s)")
            timings, list_out, plans = run_list(db, args.list_runs, args.explain)
            print_table(f"Orders list, {args.orders:,} orders, {args.list_runs} runs each, a new Session per call "
                        f"(budget: median < {LIST_BUDGET_MS:.0f} ms; the first row is the baseline)",
                        timings, LIST_BUDGET_MS)
            for plan in plans:
                print("\n" + plan)
            figures.update({"list_orders": args.orders, "list_lines": lines,
                            **{f"list_{k}": v for k, v in steps.items()}, **list_out})
            ok.append(all(t.median < LIST_BUDGET_MS for t in timings[1:]))
        if "import" not in args.skip:
            res = run_import(db, args.import_orders, args.import_runs)
            figures.update(print_import(res, args.import_orders))
    figures["budget_ok"] = bool(ok) and all(ok)
    print(json_line(figures))


if __name__ == "__main__":
    main()
