"""The order pipeline of benchmarks/orders.py: worker processes that parse, import, review and reserve
orders as the app does, next to the baseline of the issue, both measured in the same run.

Each worker makes its own orders from its seed: Taobao report rows as the CSV reader yields them
(3 lines over the world's SKUs, real mobile numbers and addresses, 30 % repeat buyers, 5 % with a
buyer's message, 0.5 % with a blacklisted phone), parsed by the Taobao format's layouts in memory
(orders_data.parse_taobao_rows).  Ours, per transaction: import_orders (check, SKU mapping,
customer, order, lines, timeline, payload) and review_orders (rules, routing, carrier, approve
with a reservation per line through stock.reserve) in one Session transaction, retried on
deadlock as run_in_transaction does.  The baseline, per transaction over plain psycopg: one order
row and its 3 line rows into two simple tables and 3 conditional UPDATEs of a one-table stock row.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
from orders_data import CHINA, MESSAGES, CatalogSku, mobile, parse_taobao_rows, taobao_order

WARMUP_S = 0.5
LINES = 3

BASELINE_DDL = """
CREATE TABLE bench_order (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_no text NOT NULL UNIQUE,
    buyer text NOT NULL, phone text NOT NULL, address text NOT NULL, amount numeric(14,2) NOT NULL,
    paid_at timestamptz NOT NULL);
CREATE TABLE bench_order_line (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL,
    line_no smallint NOT NULL, sku integer NOT NULL, quantity numeric(14,3) NOT NULL, price numeric(14,2) NOT NULL);
CREATE TABLE bench_stock (sku integer PRIMARY KEY, on_hand numeric(14,3) NOT NULL,
    reserved numeric(14,3) NOT NULL DEFAULT 0, CHECK (reserved <= on_hand));
"""
BASELINE_ORDER = ("INSERT INTO bench_order (order_no, buyer, phone, address, amount, paid_at) "
                  "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id")
BASELINE_LINE = "INSERT INTO bench_order_line (order_id, line_no, sku, quantity, price) VALUES (%s, %s, %s, %s, %s)"
BASELINE_RESERVE = "UPDATE bench_stock SET reserved = reserved + %s WHERE sku = %s AND on_hand - reserved >= %s"


@dataclass(frozen=True)
class Job:
    """One worker's part of one measured run (picklable)."""

    kind: str                       # baseline, service
    url: str                        # SQLAlchemy URL (service) or libpq conninfo (baseline)
    seconds: float
    seed: int
    shop_id: int
    skus: tuple[CatalogSku, ...]
    sku_ids: tuple[int, ...]        # the baseline's stock rows (the same SKUs)
    blacklisted: tuple[str, ...]
    per_transaction: int = 1        # orders per transaction
    steps: bool = False             # time the steps and count the statements (the profile)
    cprofile: str = ""              # a file: run under cProfile and dump the stats there


# ---------------------------------------------------------------------------------------------
# the orders a worker makes
# ---------------------------------------------------------------------------------------------

class OrderSource:
    """Paid Taobao orders, as the export's rows, never the same number twice across workers and runs."""

    def __init__(self, seed: int, skus: tuple[CatalogSku, ...], blacklisted: tuple[str, ...]) -> None:
        self.rng = random.Random(seed)
        self.seed, self.skus, self.blacklisted = seed, skus, blacklisted
        self.count = 0
        self.buyers: list[tuple[str, str]] = []

    def _buyer(self) -> tuple[str, str]:
        rng = self.rng
        if self.buyers and rng.random() < 0.3:
            return rng.choice(self.buyers)
        buyer = (f"tb{self.seed}x{self.count}", rng.choice(self.blacklisted) if rng.random() < 0.005 else mobile(rng))
        self.buyers.append(buyer)
        if len(self.buyers) > 500:
            self.buyers.pop(0)
        return buyer

    def rows(self, n: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        order_rows: list[dict[str, str]] = []
        item_rows: list[dict[str, str]] = []
        now = time.time()
        for _ in range(n):
            self.count += 1
            nick, phone = self._buyer()
            row, items = taobao_order(
                self.rng, str(3_000_000_000_000_000_000 + self.seed * 10_000_000 + self.count), self.skus,
                _china(now), lines=LINES, buyer=nick, phone=phone,
                message=self.rng.choice(MESSAGES) if self.rng.random() < 0.05 else "")
            order_rows.append(row)
            item_rows.extend(items)
        return order_rows, item_rows


def _china(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(ts), CHINA)


# ---------------------------------------------------------------------------------------------
# timing inside a worker
# ---------------------------------------------------------------------------------------------

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def backend_cpu(pid: int | None) -> float | None:
    """CPU seconds a local server backend has used so far (Linux /proc), None where not readable."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _timed(barrier, job: Job, op, backend_pid: int | None, reset=None) -> dict:
    """Warm up, wait for the other workers, run op() (per_transaction orders, returns attempts) for
    `seconds`: orders made, conflicts retried, CPU of this process and of its server backend."""
    t_end = time.perf_counter() + WARMUP_S
    while time.perf_counter() < t_end:
        op()
    barrier.wait(timeout=300)
    if reset is not None:
        reset()
    profiler = cProfile.Profile() if job.cprofile else None
    n = attempts = 0
    cpu0, server0 = time.process_time(), backend_cpu(backend_pid)
    t0 = now = time.perf_counter()
    t_end = t0 + job.seconds
    if profiler:
        profiler.enable()
    while now < t_end:
        attempts += op()
        n += 1
        now = time.perf_counter()
    if profiler:
        profiler.disable()
        profiler.dump_stats(job.cprofile)
    server1 = backend_cpu(backend_pid)
    return {"count": n * job.per_transaction, "elapsed": now - t0, "retries": attempts - n,
            "client_cpu": time.process_time() - cpu0,
            "server_cpu": None if server0 is None or server1 is None else server1 - server0}


# ---------------------------------------------------------------------------------------------
# the baseline
# ---------------------------------------------------------------------------------------------

def _baseline_job(job: Job, barrier) -> dict:
    rng = random.Random(job.seed)
    source = OrderSource(job.seed, job.skus, job.blacklisted)
    prices = {s.code: s.price for s in job.skus}
    sku_id = dict(zip((s.code for s in job.skus), job.sku_ids, strict=True))
    with psycopg.connect(job.url, autocommit=True) as conn:
        cur = conn.cursor()

        def one_order() -> tuple[tuple, list[tuple[int, Decimal, Decimal]]]:
            source.count += 1
            nick, phone = source._buyer()
            lines = [(sku_id[s.code], Decimal(1 if rng.random() < 0.8 else 2), prices[s.code])
                     for s in rng.sample(job.skus, LINES)]
            amount = sum((q * p for _, q, p in lines), Decimal(0))
            order = (str(3_000_000_000_000_000_000 + job.seed * 10_000_000 + source.count), nick, phone,
                     "广东省 深圳市 南山区 科技园路 12 号", amount, _china(time.time()))
            return order, lines

        def op() -> int:
            batch = [one_order() for _ in range(job.per_transaction)]
            # the stock rows of the whole transaction in SKU order: no deadlocks between the workers
            updates = sorted((s, q) for _, lines in batch for s, q, _ in lines)
            for attempt in range(1, 7):
                try:
                    with conn.transaction():
                        for order, lines in batch:
                            oid = conn.execute(BASELINE_ORDER, order, prepare=True).fetchone()[0]
                            cur.executemany(BASELINE_LINE, [(oid, i, s, q, p) for i, (s, q, p) in enumerate(lines, 1)])
                        for s, q in updates:
                            if conn.execute(BASELINE_RESERVE, (q, s, q), prepare=True).rowcount != 1:
                                raise RuntimeError("baseline: no stock")
                    return attempt
                except psycopg.errors.DeadlockDetected:
                    if attempt == 6:
                        raise
                    time.sleep(random.uniform(0, 0.005 * 2 ** attempt))
            raise AssertionError("unreachable")

        return _timed(barrier, job, op, conn.info.backend_pid)


# ---------------------------------------------------------------------------------------------
# ours
# ---------------------------------------------------------------------------------------------

class Steps:
    """Where one worker's time goes: wall time per step, statements and their round-trip time per
    phase (SQLAlchemy's cursor events; the ledger calls go to psycopg directly and are not seen)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.statements: dict[str, int] = defaultdict(int)
        self.statement_s: dict[str, float] = defaultdict(float)
        self.phase = "other"
        self._t0 = 0.0

    def reset(self) -> None:
        self.wall.clear()
        self.statements.clear()
        self.statement_s.clear()

    def listen(self, engine) -> None:
        from sqlalchemy import event

        @event.listens_for(engine, "before_cursor_execute")
        def _before(conn, cursor, statement, parameters, context, executemany) -> None:
            self._t0 = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def _after(conn, cursor, statement, parameters, context, executemany) -> None:
            self.statements[self.phase] += 1
            self.statement_s[self.phase] += time.perf_counter() - self._t0

    def as_dict(self) -> dict:
        return {"wall": dict(self.wall), "statements": dict(self.statements), "statement_s": dict(self.statement_s)}


def _service_job(job: Job, barrier) -> dict:
    from sqlalchemy.exc import DBAPIError

    from erp_desktop.db.engine import make_engine, make_session_factory
    from erp_desktop.domain import order_checks
    from erp_desktop.services import order_review, orders
    from erp_desktop.services.tx import is_retryable

    engine = make_engine(job.url, pool_size=1, application_name="erp-bench")
    sessions = make_session_factory(engine)
    source = OrderSource(job.seed, job.skus, job.blacklisted)
    steps = Steps() if job.steps else None
    if steps:
        steps.listen(engine)
    outcomes: dict[str, int] = defaultdict(int)

    def op() -> int:
        t0 = time.perf_counter()
        rows = source.rows(job.per_transaction)
        t1 = time.perf_counter()
        parsed = parse_taobao_rows(*rows)
        if len(parsed.orders) != job.per_transaction:
            raise RuntimeError(f"parse: {parsed.rejected[:3]}")
        t2 = t3 = time.perf_counter()
        if steps:      # the intake check on its own (import_orders runs it again, inside)
            for po in parsed.orders:
                order_checks.check_order(po, job.shop_id)
            t3 = time.perf_counter()
        for attempt in range(1, 7):
            try:
                with sessions() as s:
                    ta = time.perf_counter()
                    with s.begin():
                        if steps:
                            steps.phase = "import"
                        tb = time.perf_counter()
                        summary = orders.import_orders(s, job.shop_id, parsed, source="file")
                        tc = time.perf_counter()
                        if steps:
                            steps.phase = "review"
                        review = order_review.review_orders(s, summary.order_ids)
                        td = time.perf_counter()
                        if steps:
                            steps.phase = "commit"
                    te = time.perf_counter()
                break
            except DBAPIError as exc:
                if not is_retryable(exc) or attempt == 6:
                    raise
                time.sleep(random.uniform(0, 0.005 * 2 ** attempt))
        if summary.created != job.per_transaction:
            raise RuntimeError(f"import: {summary}")
        for name in ("approved", "waiting", "held", "rejected", "skipped"):
            outcomes[name] += len(getattr(review, name))
        if steps:
            for name, t in (("make the rows (the platform's part)", t1 - t0), ("parse", t2 - t1),
                            ("validate (check_order, timed apart)", t3 - t2), ("Session, BEGIN", tb - ta),
                            ("import_orders", tc - tb), ("review_orders", td - tc), ("COMMIT", te - td)):
                steps.wall[name] += t
        return attempt

    def reset() -> None:
        outcomes.clear()
        if steps:
            steps.reset()

    with engine.connect() as conn:       # pool_size 1: the one connection every transaction uses
        pid = conn.connection.driver_connection.info.backend_pid
    try:
        result = _timed(barrier, job, op, pid, reset)
    finally:
        engine.dispose()
    result["outcomes"] = dict(outcomes)
    if steps:
        result["steps"] = steps.as_dict()
    return result


# ---------------------------------------------------------------------------------------------
# the crew and the runs
# ---------------------------------------------------------------------------------------------

def run_job(job: Job, barrier) -> dict:
    if job.kind == "baseline":
        return _baseline_job(job, barrier)
    if job.kind == "service":
        return _service_job(job, barrier)
    raise ValueError(job.kind)


def _crew_main(inbox, barrier, results) -> None:
    while (job := inbox.get()) is not None:
        try:
            results.put(run_job(job, barrier))
        except BaseException:
            barrier.abort()
            results.put({"error": traceback.format_exc()})


class Crew:
    """`n` worker processes (spawn) that run one Job each per measured run, started together."""

    def __init__(self, n: int) -> None:
        ctx = mp.get_context("spawn")
        self.barrier = ctx.Barrier(n)
        self.results = ctx.Queue()
        self.inboxes = [ctx.Queue() for _ in range(n)]
        self.procs = [ctx.Process(target=_crew_main, args=(q, self.barrier, self.results), daemon=True)
                      for q in self.inboxes]
        for p in self.procs:
            p.start()

    def run(self, jobs: list[Job]) -> dict:
        """One job per worker: orders per second over the measured window, all workers; CPU per order."""
        for q, job in zip(self.inboxes, jobs, strict=True):
            q.put(job)
        parts = [self.results.get(timeout=900) for _ in jobs]
        errors = [p["error"] for p in parts if "error" in p]
        if errors:
            sys.exit("a worker failed:\n" + "\n".join(errors))
        count = sum(p["count"] for p in parts)
        window = statistics.fmean(p["elapsed"] for p in parts)
        server = [p["server_cpu"] for p in parts]
        out: dict[str, Any] = {
            "per_s": count / window, "count": count, "retries": sum(p["retries"] for p in parts),
            "client_us": 1e6 * sum(p["client_cpu"] for p in parts) / count,
            "server_us": None if None in server else 1e6 * sum(server) / count}
        outcomes: dict[str, int] = defaultdict(int)
        for p in parts:
            for k, v in p.get("outcomes", {}).items():
                outcomes[k] += v
        out["outcomes"] = dict(outcomes)
        if any("steps" in p for p in parts):
            steps: dict[str, dict[str, float]] = {"wall": defaultdict(float), "statements": defaultdict(float),
                                                  "statement_s": defaultdict(float)}
            for p in parts:
                for part, values in p.get("steps", {}).items():
                    for k, v in values.items():
                        steps[part][k] += v
            out["steps"] = {part: dict(v) for part, v in steps.items()}
        return out

    def close(self) -> None:
        for q in self.inboxes:
            q.put(None)
        for p in self.procs:
            p.join(10)


def prepare_baseline(owner_conninfo: str, app_conninfo: str, sku_ids: tuple[int, ...], on_hand: int) -> None:
    """The baseline's simple tables, its stock rows for the same SKUs, granted to the app's login."""
    with psycopg.connect(owner_conninfo) as conn:
        conn.execute(BASELINE_DDL)
        conn.execute("INSERT INTO bench_stock (sku, on_hand) SELECT s, %s FROM unnest(%s::int[]) s",
                     (on_hand, list(sku_ids)))
        role = conn.execute("SELECT current_user").fetchone()[0]
        with psycopg.connect(app_conninfo) as app:
            app_role = app.execute("SELECT current_user").fetchone()[0]
        if app_role != role:
            conn.execute(f'GRANT SELECT, INSERT ON bench_order, bench_order_line TO "{app_role}"')
            conn.execute(f'GRANT SELECT, UPDATE ON bench_stock TO "{app_role}"')
        conn.commit()
    with psycopg.connect(owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) bench_stock")


VARIANTS = (("baseline", 1), ("service", 1), ("baseline", 10), ("service", 10))


def run_pipeline(db, world, *, runs: int, seconds: float, workers: int, profile: bool | None,
                 budget: float) -> dict:
    """The rates (median of `runs` interleaved runs of each variant) and, with --profile or when ours
    is under budget, where the time goes (steps in every worker, then cProfile of one worker)."""
    import tempfile

    def jobs(kind: str, run: int, per: int, **options) -> list[Job]:
        url = db.app_url if kind == "service" else db.app_conninfo
        return [Job(kind, url, seconds, 1000 * run + 10 * per + i + 1, world.shop_id, world.skus, world.sku_ids,
                    world.blacklisted, per, **options) for i in range(workers)]

    crew = Crew(workers)
    rates: dict[str, list[dict]] = {f"{k}_{p}": [] for k, p in VARIANTS}
    profiled: dict[str, Any] = {}
    try:
        for run in range(runs):
            # interleaved, and in turns first and last: drift, autovacuum and checkpoints hit all alike
            for kind, per in VARIANTS[::1 if run % 2 == 0 else -1]:
                rates[f"{kind}_{per}"].append(crew.run(jobs(kind, run, per)))
        base = statistics.median(r["per_s"] for r in rates["baseline_1"])
        ours = statistics.median(r["per_s"] for r in rates["service_1"])
        if profile or (profile is None and ours < budget * base):
            steps_runs = [crew.run(jobs("service", 100 + run, 1, steps=True)) for run in range(2)]
            profiled["steps"] = steps_runs
            stats = Path(tempfile.mkdtemp(prefix="erp-bench-prof-")) / "worker0.pstats"
            cjobs = jobs("service", 200, 1)
            cjobs[0] = Job(**{**cjobs[0].__dict__, "cprofile": str(stats)})
            profiled["cprofile_run"] = crew.run(cjobs)
            profiled["cprofile"] = str(stats)
    finally:
        crew.close()
    with psycopg.connect(db.owner_conninfo) as conn:
        wrong = conn.execute("SELECT count(*) FROM stock.check_ledger()").fetchone()[0]
        made = dict(conn.execute("SELECT status, count(*) FROM sales.\"order\" GROUP BY 1").fetchall())
    if wrong:
        sys.exit(f"the ledger check found {wrong} differences after the pipeline runs")
    return {"rates": rates, "profile": profiled, "orders_by_status": made}


# ---------------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------------

LABELS = {"baseline_1": "baseline: 1 order + 3 lines + 3 stock UPDATEs, psycopg",
          "service_1": "ours: import_orders + review_orders, 1 order",
          "baseline_10": "baseline, 10 orders per transaction",
          "service_10": "ours, 10 orders per transaction"}


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _us(v: float | None) -> str:
    return "" if v is None else f"{v:.0f} us"


def print_pipeline(res: dict, workers: int, seconds: float, budget: float, n_skus: int) -> dict:
    rates = res["rates"]
    med = {k: statistics.median(r["per_s"] for r in v) for k, v in rates.items()}
    client = {k: _median(r["client_us"] for r in v) for k, v in rates.items()}
    server = {k: _median(r["server_us"] for r in v) for k, v in rates.items()}
    base = med["baseline_1"]
    width = max(len(v) for v in LABELS.values())
    print(f"\nOrder pipeline, {workers} worker processes, {len(rates['baseline_1'])} interleaved runs of {seconds:g} s "
          f"each (budget: ours >= {budget:.0%} of the baseline).  Parse step: Taobao report rows as the CSV reader "
          "yields them, through the Taobao layouts in memory; 3 lines per order over "
          f"{n_skus} SKUs")
    head = (f"{'figure':<{width}}  {'orders/s':>9}  {'min/s':>7}  {'max/s':>7}  {'vs base':>7}  {'client CPU':>10}  "
            f"{'server CPU':>10}")
    print(head)
    print("-" * len(head))
    for k, label in LABELS.items():
        per_s = [r["per_s"] for r in rates[k]]
        print(f"{label:<{width}}  {med[k]:>9.0f}  {min(per_s):>7.0f}  {max(per_s):>7.0f}  {med[k] / base:>7.0%}  "
              f"{_us(client[k]):>10}  {_us(server[k]):>10}")
    print("(CPU per order: the worker process, and its server backend from /proc)")
    outcomes: dict[str, int] = defaultdict(int)
    for r in rates["service_1"] + rates["service_10"]:
        for k, v in r["outcomes"].items():
            outcomes[k] += v
    retries = {k: sum(r["retries"] for r in rates[k]) for k in rates}
    ratio = med["service_1"] / base
    print(f"ours / baseline: {ratio:.0%} ({'ok' if ratio >= budget else 'UNDER BUDGET'}); with 10 orders per "
          f"transaction {med['service_10'] / med['baseline_10']:.0%} of the baseline's 10; review outcomes "
          f"{dict(outcomes)}; deadlocks retried {retries}")
    figures: dict[str, Any] = {
        "pipeline_per_s": med["service_1"], "pipeline_baseline_per_s": base, "pipeline_vs_baseline": ratio,
        "pipeline_10_per_s": med["service_10"], "pipeline_baseline_10_per_s": med["baseline_10"],
        "pipeline_10_vs_baseline": med["service_10"] / base,
        "pipeline_10_vs_baseline_10": med["service_10"] / med["baseline_10"],
        "pipeline_client_cpu_us": client["service_1"], "pipeline_server_cpu_us": server["service_1"],
        "pipeline_baseline_client_cpu_us": client["baseline_1"],
        "pipeline_baseline_server_cpu_us": server["baseline_1"],
        "pipeline_10_client_cpu_us": client["service_10"], "pipeline_10_server_cpu_us": server["service_10"],
        "pipeline_approved": outcomes.get("approved", 0), "pipeline_held": outcomes.get("held", 0),
        "pipeline_rejected": outcomes.get("rejected", 0), "pipeline_deadlocks_retried": sum(retries.values()),
    }
    if res["profile"]:
        figures.update(print_profile(res["profile"], workers))
    return figures


def print_profile(profiled: dict, workers: int) -> dict:
    """The steps (wall time per order inside a worker, all 4 busy) and statements per order; then
    the cProfile of one worker: its time by package and its busiest functions."""
    runs = profiled["steps"]
    orders = sum(r["count"] for r in runs)
    wall: dict[str, float] = defaultdict(float)
    statements: dict[str, float] = defaultdict(float)
    statement_s: dict[str, float] = defaultdict(float)
    for r in runs:
        for k, v in r["steps"]["wall"].items():
            wall[k] += v
        for k, v in r["steps"]["statements"].items():
            statements[k] += v
        for k, v in r["steps"]["statement_s"].items():
            statement_s[k] += v
    total = sum(v for k, v in wall.items() if "timed apart" not in k)
    print(f"\nWhere the time goes (--profile): {len(runs)} runs with every worker timing its steps, "
          f"{orders} orders, {sum(r['per_s'] for r in runs) / len(runs):.0f} orders/s while timing; "
          f"wall time per order inside one worker (the {workers} share the machine's {os.cpu_count()} cores with "
          "the server)")
    width = 40
    print(f"{'step':<{width}}  {'us/order':>9}  {'share':>6}")
    for k, v in wall.items():
        share = "" if "timed apart" in k else f"{v / total:.0%}"
        print(f"{k:<{width}}  {1e6 * v / orders:>9.0f}  {share:>6}")
    print(f"{'all':<{width}}  {1e6 * total / orders:>9.0f}")
    n_statements = sum(statements.values())
    reserves = 3 * sum(r["outcomes"].get("approved", 0) for r in runs)
    print(f"\nround trips per order: {(n_statements + reserves) / orders + 2:.1f} = {n_statements / orders:.1f} "
          f"statements through SQLAlchemy (waiting for their answers {1e6 * sum(statement_s.values()) / orders:.0f} "
          f"us) + {reserves / orders:.1f} stock.reserve calls (straight on psycopg) + BEGIN and COMMIT")
    for k in ("import", "review", "commit", "other"):
        if k in statements:
            print(f"  {k:<8} {statements[k] / orders:>5.1f} statements, {1e6 * statement_s[k] / orders:>6.0f} us")
    figures = {"profile_orders_per_s": sum(r["per_s"] for r in runs) / len(runs),
               "profile_statements_per_order": n_statements / orders,
               "profile_round_trips_per_order": (n_statements + reserves) / orders + 2,
               "profile_statement_wait_us": 1e6 * sum(statement_s.values()) / orders}
    figures.update({f"profile_{_key(k)}_us": 1e6 * v / orders for k, v in wall.items()})
    figures.update({f"profile_{k}_statements": v / orders for k, v in statements.items()})
    if profiled.get("cprofile"):
        figures.update(print_cprofile(profiled["cprofile"]))
    return figures


def _key(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label.split(" (")[0].lower()).strip("_")


def _package(filename: str, func: str) -> str:
    if filename == "~":
        if "wait" in func or "poll" in func or "select" in func:
            return "waiting for the server (socket)"
        return "built-ins (str, dict, json, hashlib ...)"
    for part, name in (("/sqlalchemy/", "SQLAlchemy"), ("/psycopg/", "psycopg (Python part)"),
                       ("/erp_desktop/domain/", "erp_desktop.domain (checks, rules, routing)"),
                       ("/erp_desktop/services/", "erp_desktop.services"),
                       ("/erp_desktop/channels/", "erp_desktop.channels (parse)"),
                       ("/phonenumbers/", "phonenumbers"), ("orders_", "benchmark (making rows)")):
        if part in filename:
            return name
    return "other Python (stdlib: json, decimal, dataclasses ...)"


def print_cprofile(path: str) -> dict:
    import pstats

    stats = pstats.Stats(path)
    raw = stats.stats      # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    calls_by_func = {f"{Path(k[0]).name}:{k[2]}": v for k, v in raw.items()}
    orders = calls_by_func.get("orders.py:import_orders", (0, 0))[1] or 1      # one call per order
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _line, func), v in raw.items():
        by_package[_package(filename, func)] += v[2]
    print(f"\ncProfile of one worker ({orders} orders; cProfile itself slows Python down, so read the shares): "
          "its own time by package, per order")
    for name, t in sorted(by_package.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<50} {1e6 * t / orders:>7.0f} us  {t / total:>4.0%}")
    print("busiest functions (own time):")
    top = sorted(raw.items(), key=lambda kv: -kv[1][2])[:15]
    for (filename, line, func), v in top:
        where = "built-in" if filename == "~" else f"{Path(filename).parent.name}/{Path(filename).name}:{line}"
        print(f"  {1e6 * v[2] / orders:>7.0f} us  {v[1] / orders:>6.1f} calls  {func}  ({where})")
    print("cumulative, per order:")
    for name in ("orders_data.py:parse_taobao_rows", "orders.py:import_orders", "order_checks.py:check_order",
                 "order_review.py:review_orders", "order_review.py:load_rules", "stock.py:reserve_stock",
                 "orders.py:approve_orders", "orders.py:record_event", "session.py:commit"):
        v = calls_by_func.get(name)
        if v:
            print(f"  {name:<40} {1e6 * v[3] / orders:>7.0f} us  {v[1] / orders:>5.1f} calls")
    return {"cprofile_" + _key(k) + "_share": t / total for k, t in by_package.items()}
