"""Background jobs (core.job, sql/0009): asked for by anyone with the right, claimed once however
many runners there are (every open client runs due jobs in a worker thread; `erp-desktop worker`
runs them headless), retried with backoff when they fail.

A job kind is a function `handler(sessions, job) -> None` registered in HANDLERS; it runs its own
transactions and raises to have the job tried again later.  A runner only claims the kinds its
user may run (`kinds_for`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

RETRY_BASE_S = 30           # the first retry after a failure; doubles each time, at most RETRY_MAX_S
RETRY_MAX_S = 3600


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    key: str
    payload: dict
    attempts: int


@dataclass(frozen=True)
class JobOutcome:
    job: Job
    state: str                 # done, retry, failed, merged, lost
    error: str | None = None


Handler = Callable[[sessionmaker[Session], Job], None]
HANDLERS: dict[str, Handler] = {}
SKIPS: list[Callable[[Session], list[str]]] = []     # what this machine cannot run ('kind:key', 'kind:*')


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn
    return register


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def request_job(session: Session, kind: str, key: str = "", payload: dict | None = None,
                run_at: dt.datetime | None = None) -> int | None:
    """Ask for a job; None when the same one (kind, key) already waits."""
    return session.execute(text("SELECT core.request_job(:k, :key, CAST(:p AS jsonb), coalesce(:at, now()))"),
                           {"k": kind, "key": key, "p": json.dumps(payload or {}), "at": run_at}).scalar()


def claim_job(session: Session, kinds: Iterable[str], worker: str, lease_s: int = 300,
              skip: Iterable[str] = ()) -> Job | None:
    """The next due job of `kinds`, not one of `skip` ('kind:key' or 'kind:*': what this runner cannot do)."""
    row = session.execute(text("SELECT id, kind, key, payload, attempts FROM core.claim_job(:k, :w, "
                               "make_interval(secs => :l), :skip)"),
                          {"k": list(kinds), "w": worker, "l": lease_s, "skip": list(skip)}).first()
    return None if row is None else Job(row.id, row.kind, row.key, dict(row.payload or {}), row.attempts)


def finish_job(session: Session, job: Job, worker: str, error: str | None = None) -> str:
    retry = min(RETRY_BASE_S * 2 ** max(job.attempts - 1, 0), RETRY_MAX_S)
    return session.execute(text("SELECT core.finish_job(:i, :w, :e, make_interval(secs => :r))"),
                           {"i": job.id, "w": worker, "e": error, "r": retry}).scalar_one()


def run_due_jobs(sessions: sessionmaker[Session], kinds: Iterable[str] | None = None, *, max_jobs: int = 20,
                 worker: str | None = None, skip: Iterable[str] | None = None) -> list[JobOutcome]:
    """Claim and run due jobs of `kinds` (default: every registered kind) until none is due or
    `max_jobs` have run.  A failing job is put back with backoff; its error is kept.  `skip`: what
    this runner cannot do (default: what the SKIPS functions say, e.g. shops without credentials here)."""
    worker = worker or worker_name()
    kinds = sorted(HANDLERS if kinds is None else kinds)
    if skip is None:
        with sessions() as s:
            skip = [item for fn in SKIPS for item in fn(s)]
    skip = list(skip)
    outcomes: list[JobOutcome] = []
    while len(outcomes) < max_jobs:
        with sessions.begin() as s:
            job = claim_job(s, kinds, worker, skip=skip)
        if job is None:
            break
        fn = HANDLERS.get(job.kind)
        error = None
        try:
            if fn is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            fn(sessions, job)
        except Exception as exc:           # the job's own failure: kept with the job, tried again later
            log.warning("job %s %s failed: %s", job.kind, job.key, exc, exc_info=True)
            error = f"{type(exc).__name__}: {exc}"[:2000]
        with sessions.begin() as s:
            state = finish_job(s, job, worker, error)
        outcomes.append(JobOutcome(job, state, error))
    return outcomes


def recent_jobs(session: Session, limit: int = 50) -> list[dict[str, Any]]:
    """The latest jobs with their state and last error, for the user to see what ran."""
    rows = session.execute(text(
        "SELECT id, kind, key, status, attempts, run_at, finished_at, last_error, claimed_by FROM core.job "
        "ORDER BY id DESC LIMIT :n"), {"n": limit}).mappings().all()
    return [dict(r) for r in rows]


def kinds_for(areas: Iterable[str], is_superuser: bool = False) -> list[str]:
    """The job kinds a user of these areas may run (sql/0009 grants them to sales and admin)."""
    if is_superuser or {"sales", "admin"} & set(areas):
        return sorted(HANDLERS)
    return []
