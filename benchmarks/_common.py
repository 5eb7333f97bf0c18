"""Shared by the benchmarks: the database to measure on, timing, and the report (DESIGN.md §9).

A benchmark builds its own data on a throwaway embedded server, or on the database of
ERP_DATABASE_URL when that is set (it must be empty or blank: the benchmark loads its data there
as the URL's role, which needs the rights of the database owner).  Every figure runs a few times
unmeasured, then `runs` times measured; the report is a table for people and one last line of
JSON for machines.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from erp_desktop.db import embedded, migrate
from erp_desktop.db.engine import libpq_conninfo, make_engine, make_session_factory
from erp_desktop.services import users


@dataclass
class BenchDb:
    """Where a benchmark runs: `owner_url` loads the data, `app_url` measures as an app user."""

    owner_url: str
    app_url: str
    description: str
    embedded: bool

    @property
    def owner_conninfo(self) -> str:
        return libpq_conninfo(self.owner_url)

    @property
    def app_conninfo(self) -> str:
        return libpq_conninfo(self.app_url)


@contextmanager
def bench_database(name: str, app_area: str = "sales") -> Iterator[BenchDb]:
    """A migrated database: ERP_DATABASE_URL, or a new one on a throwaway embedded server.

    On the embedded server the figures are measured as a login of the `app_area` group (not a
    superuser), over the local socket, as the desktop client connects."""
    url = os.environ.get("ERP_DATABASE_URL")
    if url:
        _migrate(url)
        yield BenchDb(url, url, "ERP_DATABASE_URL", embedded=False)
        return
    root = Path(tempfile.mkdtemp(prefix="erp-bench-"))
    server = embedded.start(root / "pgdata")
    try:
        server.ensure_database(name)
        owner_url = server.url(name)
        engine = _migrate(owner_url)
        with make_session_factory(engine).begin() as s:
            login = f"bench_{app_area}"
            users.add_user(s, login, app_area, None)   # local socket: no password (trust)
            role = users.login_role_name(s, login)
            version = s.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
        yield BenchDb(owner_url, server.url(name, role),
                      f"embedded PostgreSQL {version}, unix socket, as {role}", embedded=True)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _migrate(url: str) -> Engine:
    engine = make_engine(url, application_name="erp-bench")
    migrate.upgrade(engine)
    return engine


@dataclass(frozen=True)
class Timing:
    label: str
    ms: tuple[float, ...]
    rows: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        """95th percentile, interpolated between the measured runs."""
        if len(self.ms) < 2:
            return self.ms[0]
        return statistics.quantiles(self.ms, n=20, method="inclusive")[-1]


def measure(label: str, fn: Callable[[int], Any], runs: int = 15, warmup: int = 2) -> Timing:
    """Time fn(i) for i in range(runs) after `warmup` unmeasured calls; rows = len() of the last result."""
    for i in range(warmup):
        fn(-1 - i)
    times = []
    result: Any = None
    for i in range(runs):
        t0 = time.perf_counter()
        result = fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    rows = len(result) if hasattr(result, "__len__") else None
    return Timing(label, tuple(times), rows)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def print_table(title: str, timings: list[Timing], budget_ms: float | None = None) -> None:
    width = max(_width(t.label) for t in timings)
    print(f"\n{title}")
    head = f"{'figure':<{width}}  {'median ms':>10}  {'p95 ms':>8}  {'min ms':>8}  {'rows':>5}"
    if budget_ms is not None:
        head += f"  {'budget':>8}"
    print(head)
    print("-" * len(head))
    for t in timings:
        line = (f"{_ljust(t.label, width)}  {t.median:>10.2f}  {t.p95:>8.2f}  {min(t.ms):>8.2f}  "
                f"{'' if t.rows is None else t.rows:>5}")
        if budget_ms is not None:
            line += f"  {'ok' if t.median < budget_ms else 'OVER':>8}"
        print(line)


def json_line(figures: dict[str, Any]) -> str:
    """The last line of a benchmark: every figure, floats rounded to 0.01."""
    def clean(v: Any) -> Any:
        if isinstance(v, float):
            return None if math.isnan(v) else round(v, 2)
        return v
    return json.dumps({k: clean(v) for k, v in figures.items()}, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# worker processes that run one job each per measured run (stock.py, orders_pipeline.py)
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


def _crew_main(run_job, inbox, barrier, results) -> None:
    import traceback

    while (job := inbox.get()) is not None:
        try:
            results.put(run_job(job, barrier))
        except BaseException:
            barrier.abort()
            results.put({"error": traceback.format_exc()})


class Crew:
    """`n` worker processes (spawn) that each run one job per measured run, started together by a
    barrier; `run_job(job, barrier) -> dict` is a module-level function (it is sent to them by name)."""

    def __init__(self, n: int, run_job: Callable) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        self.barrier = ctx.Barrier(n)
        self.results = ctx.Queue()
        self.inboxes = [ctx.Queue() for _ in range(n)]
        self.procs = [ctx.Process(target=_crew_main, args=(run_job, q, self.barrier, self.results), daemon=True)
                      for q in self.inboxes]
        for p in self.procs:
            p.start()

    def collect(self, jobs: list, timeout: float = 900) -> list[dict]:
        """One job per worker; their results (the run stops the script if one failed)."""
        import sys

        for q, job in zip(self.inboxes, jobs, strict=True):
            q.put(job)
        parts = [self.results.get(timeout=timeout) for _ in jobs]
        errors = [p["error"] for p in parts if "error" in p]
        if errors:
            sys.exit("a worker failed:\n" + "\n".join(errors))
        return parts

    @staticmethod
    def summary(parts: list[dict]) -> dict:
        """Per second over the measured window, all workers; CPU per unit in the workers and their backends."""
        count = sum(p["count"] for p in parts)
        window = statistics.fmean(p["elapsed"] for p in parts)
        server = [p["server_cpu"] for p in parts]
        return {"per_s": count / window, "count": count, "retries": sum(p["retries"] for p in parts),
                "client_us": 1e6 * sum(p["client_cpu"] for p in parts) / count,
                "server_us": None if None in server else 1e6 * sum(server) / count}

    def close(self) -> None:
        for q in self.inboxes:
            q.put(None)
        for p in self.procs:
            p.join(10)
