"""The background job runner every client and `erp-desktop worker` run (DESIGN.md §2).

A JobRunner is a thread that, every `interval` seconds, runs what is due of the job kinds its
user may run (services/jobs.py claims each job once however many runners there are).  About
once a minute it also does the housekeeping that makes jobs due: a pull job for each API shop and
a stock-file job for each shop with a stock-file folder, where none waits yet
(channel_sync.schedule_pulls), and a 'retry_waiting' job when orders wait for stock, so stock
that comes in releases them even when nobody has the Orders dock open.

It is Qt-free: the desktop client starts one after login, the worker runs one headless.  A round
that fails (the database went away, a permission is missing) is logged and tried again at the
next round; nothing is ever raised out of the thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.db.listener import FLUSHER_LOCK
from erp_desktop.services import channel_sync, jobs, shipment_confirm  # noqa: F401  (registers confirm_shipment)
from erp_desktop.services.users import Identity

log = logging.getLogger(__name__)

INTERVAL_S = 10.0           # seconds between two rounds
HOUSEKEEPING_S = 60.0       # seconds between two schedule_pulls / retry_waiting requests
BATCH = 20                  # jobs per run_due_jobs call
MAX_BATCHES = 10            # run_due_jobs calls per round at most


def job_kinds(identity: Identity) -> list[str]:
    """The job kinds this user may run; [] when none (the runner is then not started).  Importing
    channel_sync above registered the kinds (pull_orders, push_stock, retry_waiting)."""
    return jobs.kinds_for(identity.areas, identity.is_superuser)


def housekeeping(session: Session, kinds: Sequence[str]) -> dict[str, int]:
    """Make the periodic jobs due: the shops' scheduled jobs that have none waiting (API pulls,
    stock files: channel_sync.schedule_pulls), and a 'retry_waiting' job when some order waits for
    stock (the live-update flush asks for one when stock moves; this is the safety net for stock
    that came while nobody flushed).  Returns how many were asked for."""
    done = {"shop jobs": 0, "retry_waiting": 0}
    if "pull_orders" in kinds:
        done["shop jobs"] = channel_sync.schedule_pulls(session)
    if "retry_waiting" in kinds and session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM sales.\"order\" WHERE status = 'waiting')")).scalar_one():
        done["retry_waiting"] = int(jobs.request_job(session, "retry_waiting") is not None)
    return done


def flush_changes_if_free(sessions: sessionmaker[Session]) -> bool:
    """Flush the live-update queue once, unless another client is the flusher (it holds the
    lock and flushes anyway).  Stock level changes only queue their shop pushes when flushed, so
    a worker run from cron does this before it runs the due jobs.  True when it flushed."""
    with sessions.begin() as s:           # the transaction's lock conflicts with the listener's session lock
        if not s.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": FLUSHER_LOCK}).scalar_one():
            return False
        s.execute(text("SELECT core.flush_changes()"))
    return True


class JobRunner:
    """Runs due jobs in a thread until stopped; see the module's docstring."""

    def __init__(self, sessions: sessionmaker[Session], kinds: Sequence[str], *, interval: float = INTERVAL_S,
                 housekeeping_every: float = HOUSEKEEPING_S,
                 on_outcomes: Callable[[list[jobs.JobOutcome]], None] | None = None) -> None:
        self.sessions = sessions
        self.kinds = sorted(kinds)
        self.interval = interval
        self.housekeeping_every = housekeeping_every
        self.on_outcomes = on_outcomes
        self.rounds = 0                          # rounds completed (with or without a failure)
        self.last_error: str | None = None       # the last round's failure, None after a good one
        self._next_housekeeping = 0.0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="erp-jobs", daemon=True)

    # ------------------------------------------------------------------ one round
    def run_once(self) -> list[jobs.JobOutcome]:
        """One round: the housekeeping when it is due, then every due job (at most MAX_BATCHES
        batches, so a job that keeps asking for itself cannot hold the runner)."""
        now = time.monotonic()
        if now >= self._next_housekeeping:
            with self.sessions.begin() as s:
                asked = housekeeping(s, self.kinds)
            if any(asked.values()):
                log.info("jobs asked for: %s", ", ".join(f"{k} x{n}" for k, n in asked.items() if n))
            self._next_housekeeping = now + self.housekeeping_every
        outcomes: list[jobs.JobOutcome] = []
        for _ in range(MAX_BATCHES):
            if self._stop.is_set():
                break
            batch = jobs.run_due_jobs(self.sessions, self.kinds, max_jobs=BATCH)
            outcomes += batch
            if len(batch) < BATCH:               # nothing more is due
                break
        for o in outcomes:
            log.info("job %s %s: %s%s", o.job.kind, o.job.key, o.state, f" ({o.error})" if o.error else "")
        return outcomes

    # ------------------------------------------------------------------ the thread
    def start(self) -> JobRunner:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Run a round now instead of at the end of the interval (a job was just asked for)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask the thread to stop after the job it is running; True when it has stopped."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        log.info("job runner started: %s, every %.0f s", ", ".join(self.kinds), self.interval)
        while not self._stop.is_set():
            self._wake.clear()
            try:
                outcomes = self.run_once()
                self.last_error = None
                if outcomes and self.on_outcomes is not None:
                    self.on_outcomes(outcomes)
            except Exception as exc:             # the database went away ...: try again next round
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("job runner: %s", self.last_error, exc_info=log.isEnabledFor(logging.DEBUG))
            self.rounds += 1
            self._wake.wait(self.interval)
        log.info("job runner stopped")


def start_for(sessions: sessionmaker[Session], identity: Identity, **options) -> JobRunner | None:
    """A started runner for this user's job kinds; None when the user may run none."""
    kinds = job_kinds(identity)
    if not kinds:
        return None
    return JobRunner(sessions, kinds, **options).start()
