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
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import _common
import psycopg
from _common import backend_cpu
from orders_data import CHINA, MESSAGES, CatalogSku, mobile, parse_taobao_rows, taobao_order

WARMUP_S = 0.5
LINES = 3
# a deadlock victim starts its transaction again, as run_in_transaction does, but up to 30 times
# (run_in_transaction gives up after 6: ten orders per transaction from 4 workers deadlock that often)
ATTEMPTS = 30

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

# the same order written into our tables by hand (plain psycopg, no service layer): what the schema costs
SCHEMA_CUSTOMER = ("INSERT INTO crm.customer (name, phone, phone_key, province, city, district, address) "
                   "VALUES (%s, %s, %s, '广东省', '深圳市', '南山区', '科技园路 12 号') RETURNING id")
SCHEMA_ACCOUNT = "INSERT INTO crm.customer_account (customer_id, platform_code, buyer_id) VALUES (%s, 'taobao', %s)"
SCHEMA_ORDER = (
    "INSERT INTO sales.\"order\" (shop_id, platform_order_no, status, payload_hash, platform_order_nos, customer_id, "
    "buyer_id, receiver_name, receiver_phone, phone_key, province, city, district, address_detail, address_raw, "
    "goods_amount, paid_amount, ordered_at, paid_at, merge_key) VALUES (%s, %s, 'review', md5(%s), ARRAY[%s], %s, %s, "
    "'王小明', %s, %s, '广东省', '深圳市', '南山区', '科技园路 12 号', '广东省 深圳市 南山区 科技园路 12 号', "
    "%s, %s, %s, %s, md5(%s)) RETURNING id")
SCHEMA_LINES = ("INSERT INTO sales.order_line (order_id, line_no, platform_sku, title, quantity, unit_price, amount, "
                "sku_id, sku_quantity) SELECT %s, n, 'BP-' || s, '基准商品', q, p, p * q, s, q "
                "FROM unnest(%s::int[], %s::numeric[], %s::numeric[]) WITH ORDINALITY AS x(s, q, p, n) "
                "RETURNING id, sku_id, sku_quantity")
SCHEMA_EVENT = "INSERT INTO sales.order_event (order_id, kind, detail) VALUES (%s, %s, %s::jsonb)"
SCHEMA_PAYLOAD = "INSERT INTO sales.order_payload (order_id, payload) VALUES (%s, %s::jsonb)"
SCHEMA_RESERVE = "SELECT stock.reserve(%s, %s, %s, 'order_line', %s)"
SCHEMA_LINK = "UPDATE sales.order_line SET reservation_id = %s WHERE id = %s"
SCHEMA_APPROVE = ("UPDATE sales.\"order\" SET status = 'approved', warehouse_id = %s, carrier_service = '标快' "
                  "WHERE id = %s")


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
    warehouse: int = 0              # schema: the warehouse it reserves in
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

def _timed(barrier, job: Job, op, backend_pid: int | None, reset=None) -> dict:
    """Warm up, wait for the other workers, run op() (per_transaction orders, returns attempts) for
    `seconds`: orders made, conflicts retried, CPU of this process and of its server backend."""
    t_end = time.perf_counter() + WARMUP_S
    while time.perf_counter() < t_end:
        op()
    barrier.wait(timeout=300)
    if reset is not None:
        reset()
    # CPU time, not wall time: what the worker itself spends, without the waits for the server
    profiler = cProfile.Profile(time.process_time) if job.cprofile else None
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
            for attempt in range(1, ATTEMPTS + 1):
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
                    if attempt == ATTEMPTS:
                        raise
                    time.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
            raise AssertionError("unreachable")

        return _timed(barrier, job, op, conn.info.backend_pid)


class SchemaWriter:
    """An order as our tables hold it, written with plain psycopg: a customer and its account, the
    order, its 3 lines (one statement), 4 timeline events and the raw payload, 3 stock.reserve calls
    in SKU order, the lines linked to them, the order approved.  One order per transaction;
    `times` (statement -> seconds), when given, gets each statement's round trip."""

    EVENTS = ("imported", "rule", "routed", "approved")

    def __init__(self, conn: psycopg.Connection, seed: int, skus: tuple[CatalogSku, ...], sku_ids: tuple[int, ...],
                 blacklisted: tuple[str, ...], shop_id: int, warehouse: int) -> None:
        import json

        self.conn, self.cur = conn, conn.cursor()
        self.rng = random.Random(seed)
        self.seed, self.shop_id, self.warehouse = seed, shop_id, warehouse
        self.source = OrderSource(seed, skus, blacklisted)
        self.sku_ids = sku_ids
        self.price = {i: s.price for s, i in zip(skus, sku_ids, strict=True)}
        self.payload = json.dumps({"rows": [{"file": "ExportOrderList.csv", "row": 2,
                                             "cells": {"订单编号": "x" * 19}}]})

    def order(self, times: dict[str, float] | None = None) -> None:
        conn, cur, rng, source = self.conn, self.cur, self.rng, self.source
        source.count += 1
        nick, phone = source._buyer()
        no = str(3_000_000_000_000_000_000 + self.seed * 10_000_000 + source.count)
        picked = sorted(rng.sample(self.sku_ids, LINES))
        qty = [Decimal(1 if rng.random() < 0.8 else 2) for _ in picked]
        amount = sum((q * self.price[s] for s, q in zip(picked, qty, strict=True)), Decimal(0))
        paid = _china(time.time())
        clock = time.perf_counter
        t = clock()

        def lap(name: str) -> None:
            nonlocal t
            if times is not None:
                now = clock()
                times[name] = times.get(name, 0.0) + now - t
                t = now

        with conn.transaction():
            lap("BEGIN")
            customer = conn.execute(SCHEMA_CUSTOMER, ("王小明", phone, "+86" + phone), prepare=True).fetchone()[0]
            lap("INSERT crm.customer")
            conn.execute(SCHEMA_ACCOUNT, (customer, f"{nick}s{source.count}"), prepare=True)
            lap("INSERT crm.customer_account")
            oid = conn.execute(SCHEMA_ORDER, (self.shop_id, no, no, no, customer, nick, phone, "+86" + phone,
                                              amount, amount, paid, paid, no), prepare=True).fetchone()[0]
            lap("INSERT sales.order")
            lines = conn.execute(SCHEMA_LINES, (oid, picked, qty, [self.price[s] for s in picked]),
                                 prepare=True).fetchall()
            lap("INSERT 3 sales.order_line (one statement)")
            cur.executemany(SCHEMA_EVENT, [(oid, k, '{"run": 1}') for k in self.EVENTS])
            lap("INSERT 4 sales.order_event (executemany)")
            conn.execute(SCHEMA_PAYLOAD, (oid, self.payload), prepare=True)
            lap("INSERT sales.order_payload")
            links = []
            for lid, s, q in sorted(lines, key=lambda x: x[1]):
                links.append((conn.execute(SCHEMA_RESERVE, (s, self.warehouse, q, lid), prepare=True).fetchone()[0],
                              lid))
                lap("3 x SELECT stock.reserve")
            cur.executemany(SCHEMA_LINK, links)
            lap("UPDATE 3 sales.order_line (executemany)")
            conn.execute(SCHEMA_APPROVE, (self.warehouse, oid), prepare=True)
            lap("UPDATE sales.order (approved)")
        lap("COMMIT")


def _schema_job(job: Job, barrier) -> dict:
    with psycopg.connect(job.url, autocommit=True) as conn:
        writer = SchemaWriter(conn, job.seed, job.skus, job.sku_ids, job.blacklisted, job.shop_id, job.warehouse)

        def op() -> int:
            writer.order()
            return 1

        return _timed(barrier, job, op, conn.info.backend_pid)


def schema_statement_times(conninfo: str, world, n: int = 400) -> dict[str, float]:
    """Each statement of the by-hand order, alone on one connection (nothing else running):
    microseconds per order, for the round trip (server work + about 30 us of socket and client)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        writer = SchemaWriter(conn, 999_999, world.skus, world.sku_ids, world.blacklisted, world.shop_id,
                              world.warehouses["HZ"])
        for _ in range(50):
            writer.order()
        times: dict[str, float] = {}
        for _ in range(n):
            writer.order(times)
    return {k: 1e6 * v / n for k, v in times.items()}


def baseline_statement_times(conninfo: str, world, n: int = 400) -> dict[str, float]:
    """The baseline's statements the same way (one order per transaction, alone on one connection)."""
    rng = random.Random(7)
    times: dict[str, float] = {}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        cur = conn.cursor()
        for i in range(n + 50):
            skus = sorted(rng.sample(world.sku_ids, LINES))
            t = time.perf_counter()
            marks = []
            with conn.transaction():
                marks.append(("BEGIN", time.perf_counter()))
                oid = conn.execute(BASELINE_ORDER, (f"T{i}-{time.time_ns()}", "tb", "13800138000", "广东省 深圳市",
                                                    Decimal("99.90"), _china(time.time())), prepare=True).fetchone()[0]
                marks.append(("INSERT bench_order", time.perf_counter()))
                cur.executemany(BASELINE_LINE, [(oid, k, s, Decimal(1), Decimal("33.30"))
                                                for k, s in enumerate(skus, 1)])
                marks.append(("INSERT 3 bench_order_line (executemany)", time.perf_counter()))
                for s in skus:
                    conn.execute(BASELINE_RESERVE, (1, s, 1), prepare=True)
                    marks.append(("3 x UPDATE bench_stock", time.perf_counter()))
            marks.append(("COMMIT", time.perf_counter()))
            if i >= 50:
                for name, at in marks:
                    times[name] = times.get(name, 0.0) + at - t
                    t = at
    return {k: 1e6 * v / n for k, v in times.items()}


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
        for attempt in range(1, ATTEMPTS + 1):
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
                if not is_retryable(exc) or attempt == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
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
    if job.kind == "schema":
        return _schema_job(job, barrier)
    raise ValueError(job.kind)


class Crew(_common.Crew):
    """The pipeline workers (run_job above)."""

    def __init__(self, n: int) -> None:
        super().__init__(n, run_job)

    def run(self, jobs: list[Job]) -> dict:
        """One job per worker: orders per second over the measured window, all workers; CPU per order."""
        parts = self.collect(jobs)
        out: dict[str, Any] = self.summary(parts)
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


# ours as the app runs it: an API pull imports a page per transaction (WooCommerce 100, Shopify 250) and
# reviews what it brought; a file import takes the whole file.  One order per transaction is shown beside it.
PAGE = 100
VARIANTS = (("baseline", 1), ("schema", 1), ("service", 1), ("baseline", 10), ("service", 10), ("service", PAGE))


def run_pipeline(db, world, *, runs: int, seconds: float, workers: int, profile: bool | None,
                 budget: float) -> dict:
    """The rates (median of `runs` interleaved runs of each variant) and, with --profile or when ours
    is under budget, where the time goes (steps in every worker, then cProfile of one worker)."""
    import tempfile

    def jobs(kind: str, run: int, per: int, **options) -> list[Job]:
        url = db.app_url if kind == "service" else db.app_conninfo
        seed = 1000 * run + 100 * VARIANTS.index((kind, per)) + 1
        return [Job(kind, url, seconds, seed + i, world.shop_id, world.skus, world.sku_ids, world.blacklisted, per,
                    world.warehouses["HZ"], **options) for i in range(workers)]

    crew = Crew(workers)
    rates: dict[str, list[dict]] = {f"{k}_{p}": [] for k, p in VARIANTS}
    profiled: dict[str, Any] = {}
    try:
        for run in range(runs):
            # interleaved, and in turns first and last: drift, autovacuum and checkpoints hit all alike
            for kind, per in VARIANTS[::1 if run % 2 == 0 else -1]:
                rates[f"{kind}_{per}"].append(crew.run(jobs(kind, run, per)))
        base = statistics.median(r["per_s"] for r in rates["baseline_1"])
        ours = statistics.median(r["per_s"] for r in rates[f"service_{PAGE}"])
        if profile or (profile is None and ours < budget * base):
            steps_runs = [crew.run(jobs("service", 100 + run, PAGE, steps=True)) for run in range(2)]
            profiled["steps"] = steps_runs
            stats = Path(tempfile.mkdtemp(prefix="erp-bench-prof-")) / "worker0.pstats"
            cjobs = jobs("service", 200, PAGE)
            cjobs[0] = Job(**{**cjobs[0].__dict__, "cprofile": str(stats)})
            profiled["cprofile_run"] = crew.run(cjobs)
            profiled["cprofile"] = str(stats)
    finally:
        crew.close()
    if profiled:       # alone on the machine's database now: each statement's round trip
        profiled["schema_statements"] = schema_statement_times(db.app_conninfo, world)
        profiled["baseline_statements"] = baseline_statement_times(db.app_conninfo, world)
    with psycopg.connect(db.owner_conninfo) as conn:
        wrong = conn.execute("SELECT count(*) FROM stock.check_ledger()").fetchone()[0]
        made = dict(conn.execute("SELECT status, count(*) FROM sales.\"order\" GROUP BY 1").fetchall())
    if wrong:
        sys.exit(f"the ledger check found {wrong} differences after the pipeline runs")
    return {"rates": rates, "profile": profiled, "orders_by_status": made}
