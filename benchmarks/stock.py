"""Stock: reservations per second (budget >= 50 % of a bare conditional UPDATE), the Stock dock on
200,000 SKUs x 3 warehouses (budget < 100 ms), forecasts for 20,000 SKU x warehouse pairs (< 60 s).

    python benchmarks/stock.py [--skus 200000] [--runs 5] [--seconds 3] [--workers 4] [--[no-]profile]
                               [--skip reserve|dock|forecast]

Builds its own data (DESIGN.md §9) on a throwaway embedded server, or ERP_DATABASE_URL when set
(an empty database whose role loads the data and owns the tables).  Measured as a login of the
warehouse group.

1. The Stock dock: benchmarks/stock_list.py's run_dock (its data: the products_list catalogue,
   a level, quant and receipt for every SKU x warehouse, planning figures, lots), through
   erp_desktop.services.stock_queries.
2. Reservations, on that database in a warehouse of their own: `--workers` processes
   (multiprocessing, spawn), each with its own connection, reserve 1 unit of a random one of the
   same 100 SKUs, one transaction per reservation, for `--seconds` per run.  Reserve only, never
   released: every SKU has 10 million on hand, so none fails.  Ours is
   erp_desktop.services.stock.hold_stock (one reservation as a transaction of its own: the ledger
   function in autocommit on a pooled connection); the baseline, measured in
   the same run with the runs interleaved, is the bare single-statement conditional UPDATE on a
   one-table stock row (`UPDATE bench_stock SET reserved = reserved + 1 WHERE sku = $1 AND
   on_hand - reserved >= 1`) over plain psycopg, autocommit (the statement is the transaction),
   same workers, same SKUs.  Besides the rate, the CPU each reservation costs in the worker and in
   its server backend (/proc, when the server is local).  Where ours is under budget (or with
   --profile), the steps between the two are measured the same way (PROFILE, PROFILE_HELP).
3. Forecast and suggestions: benchmarks/replenishment_bench.py's run(db, pairs), on a database
   of its own, when that file is there.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import _common
import psycopg
from _common import BenchDb, Timing, backend_cpu, bench_database, json_line, print_table

RESERVE_BUDGET = 0.50          # ours / baseline
DOCK_BUDGET_MS = 100.0
FORECAST_BUDGET_S = 60.0
HOT_SKUS = 100
ON_HAND = 10_000_000
WARMUP_S = 0.5

BASELINE_SQL = "UPDATE bench_stock SET reserved = reserved + 1 WHERE sku = %s AND on_hand - reserved >= 1"


# ---------------------------------------------------------------------------------------------
# Reservations: the workers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One worker's part of one measured run (picklable)."""

    kind: str                  # baseline, level_update, psycopg_reserve, service
    url: str                   # SQLAlchemy URL (service) or libpq conninfo (the psycopg kinds)
    skus: tuple[int, ...]
    warehouse: int
    seconds: float
    seed: int
    async_commit: bool = False  # synchronous_commit = off: what the work costs without waiting for the disk
    statement_path: bool = False   # the call through session.execute(text(...)) instead of stock.reserve_stock
    per_transaction: int = 1    # reservations per transaction (an order's lines), in SKU order
    in_transaction: bool = False   # one reservation through run_in_transaction (Session, BEGIN, COMMIT)


def _timed(barrier, seconds: float, op, backend_pid: int | None, per_op: int = 1) -> dict:
    """Warm up, wait for the other workers, then run op() for `seconds`: how many reservations it
    made (op makes `per_op` and returns how many attempts it took), and the CPU this process and its
    server backend used."""
    t_end = time.perf_counter() + WARMUP_S
    while time.perf_counter() < t_end:
        op()
    barrier.wait(timeout=300)
    n = attempts = 0
    cpu0, server0 = time.process_time(), backend_cpu(backend_pid)
    t0 = now = time.perf_counter()
    t_end = t0 + seconds
    while now < t_end:
        attempts += op()
        n += 1
        now = time.perf_counter()
    server1 = backend_cpu(backend_pid)
    return {"count": n * per_op, "elapsed": now - t0, "retries": attempts - n,
            "client_cpu": time.process_time() - cpu0,
            "server_cpu": None if server0 is None or server1 is None else server1 - server0}


def _psycopg_job(job: Job, barrier, sql: str, params, *, autocommit: bool = True) -> dict:
    rng = random.Random(job.seed)
    options = {"options": "-c synchronous_commit=off"} if job.async_commit else {}
    with psycopg.connect(job.url, autocommit=autocommit, **options) as conn:
        def op() -> int:
            cur = conn.execute(sql, params(rng.choice(job.skus)), prepare=True)
            if cur.rowcount != 1:
                raise RuntimeError(f"{job.kind}: {cur.rowcount} rows")
            if not autocommit:
                conn.commit()
            return 1
        return _timed(barrier, job.seconds, op, conn.info.backend_pid)


def _service_job(job: Job, barrier) -> dict:
    from erp_desktop.db.engine import make_engine, make_session_factory
    from erp_desktop.services import stock

    url = job.url
    if job.async_commit:     # for the engine's connections and its autocommit ones alike
        url += ("&" if "?" in url else "?") + "options=-csynchronous_commit%3Doff"
    engine = make_engine(url, pool_size=1, application_name="erp-bench")
    sessions = make_session_factory(engine)
    rng = random.Random(job.seed)
    one = Decimal(1)

    if job.per_transaction == 1 and not job.statement_path and not job.in_transaction:
        def hold() -> int:      # one reservation, its own transaction: the service's autocommit path
            stock.hold_stock(sessions, rng.choice(job.skus), job.warehouse, one)
            return 1
        op = hold
    else:
        hold = None
        op = _transaction_op(job, sessions, rng, statement_path=job.statement_path)

    if op is hold:      # its one autocommit connection
        from erp_desktop.db.engine import autocommit_pool

        with autocommit_pool(engine).connection() as conn:
            pid = conn.info.backend_pid
    else:
        with engine.connect() as conn:       # pool_size 1: the one connection every transaction uses
            pid = conn.connection.driver_connection.info.backend_pid
    try:
        return _timed(barrier, job.seconds, op, pid, job.per_transaction)
    finally:
        engine.dispose()


def _transaction_op(job: Job, sessions, rng: random.Random, *, statement_path: bool):
    from sqlalchemy import text

    from erp_desktop.services import stock
    from erp_desktop.services.tx import run_in_transaction

    one = Decimal(1)
    statement = text("SELECT stock.reserve(:sku, :wh, :qty, :dtype, :did, :note)")

    def op() -> int:
        # several lines of one transaction are reserved in SKU order, as the ledger locks its rows
        skus = sorted(rng.sample(job.skus, job.per_transaction))
        attempts = 0

        def work(session):
            nonlocal attempts
            attempts += 1
            for sku in skus:
                if statement_path:
                    session.execute(statement, {"sku": sku, "wh": job.warehouse, "qty": one, "dtype": "hold",
                                                "did": None, "note": None}).scalar()
                else:
                    stock.reserve_stock(session, sku, job.warehouse, one)
        run_in_transaction(sessions, work)
        return attempts
    return op


def run_job(job: Job, barrier) -> dict:
    wh = job.warehouse
    if job.kind == "baseline":
        return _psycopg_job(job, barrier, BASELINE_SQL, lambda s: (s,))
    if job.kind == "service":
        return _service_job(job, barrier)
    if job.kind == "psycopg_reserve":
        return _psycopg_job(job, barrier, "SELECT stock.reserve(%s, %s, 1, 'hold')", lambda s: (s, wh))
    if job.kind == "level_update":
        # adds 0, so the ledger check still holds afterwards: the same work for the database as adding 1
        return _psycopg_job(job, barrier, "UPDATE stock.level SET reserved = reserved + 0, updated_at = now() "
                            "WHERE sku_id = %s AND warehouse_id = %s AND NOT tracks_expiry AND on_hand - reserved >= 1",
                            lambda s: (s, wh))
    raise ValueError(job.kind)


class Crew(_common.Crew):
    """The reservation workers (run_job above)."""

    def __init__(self, n: int) -> None:
        super().__init__(n, run_job)

    def rate(self, jobs: list[Job]) -> dict:
        """Run one job per worker; transactions per second over the measured window, all workers."""
        summary = self.summary(self.collect(jobs, timeout=600))
        summary["tps"] = summary.pop("per_s")
        return summary


# ---------------------------------------------------------------------------------------------
# Reservations: data and runs
# ---------------------------------------------------------------------------------------------


def load_hot_skus(db: BenchDb) -> tuple[tuple[int, ...], int]:
    """100 SKUs with 10 million on hand each in one warehouse, through the ledger's own function;
    the baseline's one-table stock with the same SKUs and quantities.  Returns (SKU ids, warehouse id)."""
    with psycopg.connect(db.owner_conninfo) as conn:
        wh = conn.execute("INSERT INTO stock.warehouse (code, name) VALUES ('RSV', '预留基准仓') "
                          "RETURNING id").fetchone()[0]
        loc = conn.execute("INSERT INTO stock.location (warehouse_id, code, pick_order) VALUES (%s, 'R-01', 1) "
                           "RETURNING id", (wh,)).fetchone()[0]
        product = conn.execute("INSERT INTO catalog.product (code, name) VALUES ('RSV', '预留基准商品') "
                               "RETURNING id").fetchone()[0]
        skus = tuple(r[0] for r in conn.execute(
            "INSERT INTO catalog.sku (product_id, code, name, cost) SELECT %s, 'RSV-' || lpad(g::text, 3, '0'), "
            "'预留基准 ' || g, 10 FROM generate_series(1, %s) g RETURNING id", (product, HOT_SKUS)).fetchall())
        conn.execute("SELECT stock.receive(s, %s, %s) FROM unnest(%s::int[]) s", (loc, ON_HAND, list(skus)))
        conn.execute("CREATE TABLE bench_stock (sku integer PRIMARY KEY, on_hand numeric(14,3) NOT NULL, "
                     "reserved numeric(14,3) NOT NULL DEFAULT 0, CHECK (reserved <= on_hand))")
        conn.execute("INSERT INTO bench_stock (sku, on_hand) SELECT s, %s FROM unnest(%s::int[]) s",
                     (ON_HAND, list(skus)))
        role = conn.execute("SELECT current_user").fetchone()[0]
        with psycopg.connect(db.app_conninfo) as app:
            app_role = app.execute("SELECT current_user").fetchone()[0]
        if app_role != role:
            conn.execute(f'GRANT SELECT, UPDATE ON bench_stock TO "{app_role}"')
        conn.commit()
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) bench_stock, stock.level, stock.quant, stock.move")
    return skus, wh


# what the profile measures, with the same workers: the steps between the baseline and ours.
# name -> (kind, notify triggers of stock.level enabled, Job options)
PROFILE: dict[str, tuple[str, bool, dict]] = {
    "level_update": ("level_update", True, {}),
    "level_update_no_notify": ("level_update", False, {}),
    "psycopg_reserve": ("psycopg_reserve", True, {}),
    "psycopg_reserve_no_notify": ("psycopg_reserve", False, {}),
    "service_no_notify": ("service", False, {}),
    "service_in_transaction": ("service", True, {"in_transaction": True}),
    "service_statement_path": ("service", True, {"statement_path": True}),
    "service_10_per_transaction": ("service", True, {"per_transaction": 10}),
    "baseline_async": ("baseline", True, {"async_commit": True}),
    "psycopg_reserve_async": ("psycopg_reserve", True, {"async_commit": True}),
    "service_async": ("service", True, {"async_commit": True}),
}
PROFILE_HELP = {
    "level_update": "the baseline's conditional UPDATE (adding 0) on the real stock.level row (CHECKs, generated "
                    "columns, indexes, notify trigger), psycopg, autocommit",
    "psycopg_reserve": "SELECT stock.reserve(...) (the SECURITY DEFINER function: kit check, hold, reservation "
                       "INSERT with its foreign keys), psycopg, autocommit",
    "service": "hold_stock: the one statement on one of the engine's autocommit connections (its own transaction)",
    "in_transaction": "reserve_stock through run_in_transaction instead: Session, pool checkout, BEGIN, SELECT, COMMIT",
    "no_notify": "with the notify triggers of stock.level disabled (ALTER TABLE ... DISABLE TRIGGER)",
    "statement_path": "reserve_stock's call through session.execute(text(...)) in run_in_transaction, "
                      "SQLAlchemy's statement path",
    "10_per_transaction": "ours, 10 reservations (10 SKUs, in SKU order) per transaction, as for an order's lines; "
                          "per reservation",
    "async": "synchronous_commit = off: the same work without waiting for the WAL flush (its CPU cost)",
}


def _notify_triggers(db: BenchDb, enable: bool) -> None:
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        for trigger in ("notify_upd", "notify_ins"):
            conn.execute(f"ALTER TABLE stock.level {'ENABLE' if enable else 'DISABLE'} TRIGGER {trigger}")


def run_reservations(db: BenchDb, runs: int, seconds: float, workers: int, profile: bool | None) -> dict:
    skus, wh = load_hot_skus(db)
    crew = Crew(workers)

    def jobs(kind: str, run: int, **options) -> list[Job]:
        url = db.app_url if kind == "service" else (db.owner_conninfo if kind == "level_update" else db.app_conninfo)
        return [Job(kind, url, skus, wh, seconds, 7919 * run + i, **options) for i in range(workers)]

    try:
        # interleaved, and in turns first and second: drift, and what a run leaves behind for the
        # next (autovacuum, checkpoints), hit both alike
        rates: dict[str, list[dict]] = {"baseline": [], "service": []}
        for run in range(runs):
            for kind in ("baseline", "service")[::1 if run % 2 == 0 else -1]:
                rates[kind].append(crew.rate(jobs(kind, run)))
        baseline = statistics.median(r["tps"] for r in rates["baseline"])
        ours = statistics.median(r["tps"] for r in rates["service"])
        if profile or (profile is None and ours < RESERVE_BUDGET * baseline):
            names = list(PROFILE)
            for name in names:
                rates[name] = []
            for run in range(max(3, runs // 2 + 1)):
                shift = run * len(names) // max(3, runs // 2 + 1)      # each variant runs early and late
                for name in names[shift:] + names[:shift]:
                    kind, notify, options = PROFILE[name]
                    if not notify:
                        _notify_triggers(db, enable=False)
                    try:
                        rates[name].append(crew.rate(jobs(kind, run, **options)))
                    finally:
                        if not notify:
                            _notify_triggers(db, enable=True)
    finally:
        crew.close()
    with psycopg.connect(db.owner_conninfo) as conn:
        held = conn.execute("SELECT sum(reserved) FROM stock.level WHERE warehouse_id = %s", (wh,)).fetchone()[0]
        wrong = conn.execute("SELECT count(*) FROM stock.check_ledger()").fetchone()[0]
    if wrong:
        sys.exit(f"the ledger check found {wrong} differences after the reservation runs")
    return {"rates": rates, "reserved_total": int(held or 0)}


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def print_reservations(res: dict, workers: int, seconds: float) -> dict:
    rates = res["rates"]
    tps = {k: [r["tps"] for r in v] for k, v in rates.items()}
    med = {k: statistics.median(v) for k, v in tps.items()}
    client = {k: _median(r["client_us"] for r in v) for k, v in rates.items()}
    server = {k: _median(r["server_us"] for r in v) for k, v in rates.items()}
    base = med["baseline"]
    retries = sum(r["retries"] for r in rates["service"])
    labels = {"baseline": "baseline: bare conditional UPDATE, one-table row, psycopg",
              "service": "ours: hold_stock (its own transaction)",
              **{k: f"  profile: {k}" for k in PROFILE}}
    width = max(len(labels[k]) for k in rates)
    print(f"\nReservations, {workers} worker processes, same {HOT_SKUS} SKUs, {len(tps['baseline'])} runs of "
          f"{seconds:g} s, reserve only (budget: ours >= {RESERVE_BUDGET:.0%} of the baseline)")
    head = (f"{'figure':<{width}}  {'median/s':>9}  {'min/s':>8}  {'max/s':>8}  {'vs base':>7}  "
            f"{'client CPU':>10}  {'server CPU':>10}")
    print(head)
    print("-" * len(head))
    us = lambda v: "" if v is None else f"{v:.0f} us"   # noqa: E731
    for k, v in tps.items():
        print(f"{labels[k]:<{width}}  {med[k]:>9.0f}  {min(v):>8.0f}  {max(v):>8.0f}  {med[k] / base:>7.0%}  "
              f"{us(client[k]):>10}  {us(server[k]):>10}")
    print("(CPU per reservation: the worker process, and its server backend from /proc where it is local)")
    if any(k in rates for k in PROFILE):
        for k, v in PROFILE_HELP.items():
            print(f"  {k}: {v}")
    ratio = med["service"] / base
    print(f"ours / baseline: {ratio:.0%} ({'ok' if ratio >= RESERVE_BUDGET else 'UNDER BUDGET'}); "
          f"conflicts retried: {retries}")
    figures = {"reserve_per_s": med["service"], "reserve_baseline_per_s": base, "reserve_vs_baseline": ratio,
               "reserve_retries": retries, "reserve_client_cpu_us": client["service"],
               "reserve_server_cpu_us": server["service"], "reserve_baseline_client_cpu_us": client["baseline"],
               "reserve_baseline_server_cpu_us": server["baseline"]}
    for k in PROFILE:
        if k in rates:
            figures[f"reserve_profile_{k}_per_s"] = med[k]
            figures[f"reserve_profile_{k}_cpu_us"] = (None if server[k] is None else client[k] + server[k])
    return figures


# ---------------------------------------------------------------------------------------------
# The Stock dock (erp_desktop/services/stock_queries.py)
# ---------------------------------------------------------------------------------------------


def run_dock(db: BenchDb, skus: int, runs: int) -> tuple[list[Timing], dict]:
    """benchmarks/stock_list.py's figures (its data: the catalogue of products_list.py, 3 warehouses,
    a level, quant and receipt for every SKU x warehouse, planning figures, lots, reservations)."""
    from stock_list import run_dock as stock_list_dock

    timings, figures = stock_list_dock(db, skus, runs)
    print_table(f"Stock dock, {skus:,} SKUs x 3 warehouses, {runs} runs each (budget: median < "
                f"{DOCK_BUDGET_MS:.0f} ms; the first row is the baseline)", timings, DOCK_BUDGET_MS)
    return timings[1:], figures


# ---------------------------------------------------------------------------------------------
# Forecast and suggestions (benchmarks/replenishment_bench.py)
# ---------------------------------------------------------------------------------------------


def run_forecast(pairs: int) -> dict | None:
    """replenishment_bench.run(db, pairs) on a database of its own: its figures (seconds), None when
    the module is not there."""
    path = Path(__file__).with_name("replenishment_bench.py")
    if not path.exists():
        print(f"\nForecast and suggestions: skipped, benchmarks/{path.name} is not there")
        return None
    spec = importlib.util.spec_from_file_location("replenishment_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with bench_database("erp_bench_replenishment", app_area="purchasing") as db:
        print(f"\nForecast and suggestions for {pairs:,} SKU x warehouse pairs (benchmarks/{path.name}), "
              f"database: {db.description}")
        result = module.run(db, pairs=pairs)
    print(f"compute_replenishment (read history, forecast, plan, write): {result['compute_s']:.1f} s median "
          f"(budget < {FORECAST_BUDGET_S:.0f} s: {'ok' if result['compute_s'] < FORECAST_BUDGET_S else 'OVER'}); "
          f"list_suggestions {result.get('suggestions_s', float('nan')):.2f} s, "
          f"slow_movers {result.get('slow_movers_s', float('nan')):.2f} s; history loaded in "
          f"{result.get('load_s', float('nan')):.0f} s")
    return result


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000, help="SKUs for the Stock dock (x 3 warehouses)")
    parser.add_argument("--pairs", type=int, default=20_000, help="SKU x warehouse pairs to forecast")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dock-runs", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one measured reservation run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=None,
                        help="break the reservation time down (default: only when under budget)")
    parser.add_argument("--skip", action="append", default=[], choices=("reserve", "dock", "forecast"))
    args = parser.parse_args()

    figures: dict = {"workers": args.workers, "hot_skus": HOT_SKUS, "runs": args.runs, "seconds": args.seconds}
    ok = []
    with bench_database("erp_bench_stock", app_area="warehouse") as db:
        print(f"database: {db.description}")
        # the dock's data first (its catalogue loads only into an empty one); the reservations then
        # run on that big database, in a warehouse of their own
        if "dock" not in args.skip:
            timings, dock_figures = run_dock(db, args.skus, args.dock_runs)
            figures.update(dock_figures)
            figures["dock_skus"] = args.skus
            ok.append(all(t.median < DOCK_BUDGET_MS for t in timings))
        if "reserve" not in args.skip:
            res = run_reservations(db, args.runs, args.seconds, args.workers, args.profile)
            figures.update(print_reservations(res, args.workers, args.seconds))
            ok.append(figures["reserve_vs_baseline"] >= RESERVE_BUDGET)
    if "forecast" not in args.skip:
        fc = run_forecast(args.pairs)
        if fc is not None:
            figures["replenishment_pairs"] = args.pairs
            figures.update({f"replenishment_{k}": v for k, v in fc.items()})
            ok.append(fc["compute_s"] < FORECAST_BUDGET_S)
    figures["budget_ok"] = bool(ok) and all(ok)
    print(json_line(figures))


if __name__ == "__main__":
    main()
