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
