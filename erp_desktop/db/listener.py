"""LISTEN erp_changes on a dedicated autocommit connection, in a thread, reconnecting with backoff.

Each notification is `{"t": "schema.table", "op": "I|U|D", "ids": [..] | null}` (DESIGN.md §7).
Writers only queue their changes (core.change_queue); one listener per database at a time, the
one holding an advisory lock, flushes the queue into notifications a few times a second (see
sql/0001_core.sql).  Any listener takes over when the flusher's client goes away.
After a reconnect, `on_reconnect` fires: notifications may have been missed, so views reload.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

log = logging.getLogger(__name__)

CHANNEL = "erp_changes"
FLUSHER_LOCK = 0x65727043   # advisory lock key of the database's change flusher ("erpC")
FLUSH_EVERY = 0.2           # seconds between flushes (the live-update budget is 1 s)
CLAIM_EVERY = 2.0           # seconds between attempts to become the flusher


@dataclass(frozen=True)
class Change:
    table: str
    op: str
    ids: tuple[int, ...] | None    # None: too many to list, reload the table


class ChangeListener:
    def __init__(self, conninfo: str, on_change: Callable[[Change], None],
                 on_status: Callable[[bool], None] = lambda connected: None,
                 on_reconnect: Callable[[], None] = lambda: None,
                 max_backoff: float = 30.0) -> None:
        self._conninfo = conninfo
        self._on_change = on_change
        self._on_status = on_status
        self._on_reconnect = on_reconnect
        self._max_backoff = max_backoff
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="erp-listener", daemon=True)
        self.connected = threading.Event()
        self.is_flusher = False

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        backoff = 0.5
        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True,
                                     application_name="erp-desktop listener") as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.is_flusher = False
                    self.connected.set()
                    self._on_status(True)
                    if not first:
                        self._on_reconnect()
                    first = False
                    backoff = 0.5
                    self._serve(conn)
            except psycopg.OperationalError as exc:
                log.warning("live updates: connection lost (%s); retrying in %.1f s", exc, backoff)
            except Exception:  # a bad callback must not kill live updates
                log.exception("live updates: listener error")
            self.is_flusher = False
            if self._stop.is_set():
                break
            self.connected.clear()
            self._on_status(False)
            self._stop.wait(backoff)
            backoff = min(backoff * 2, self._max_backoff)

    def _serve(self, conn: psycopg.Connection) -> None:
        next_claim = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if not self.is_flusher and now >= next_claim:
                self.is_flusher = bool(conn.execute("SELECT pg_try_advisory_lock(%s)", (FLUSHER_LOCK,)).fetchone()[0])
                next_claim = now + CLAIM_EVERY
            if self.is_flusher:
                conn.execute("SELECT core.flush_changes()")
            for n in conn.notifies(timeout=FLUSH_EVERY, stop_after=500):
                self._dispatch(n.payload)

    def _dispatch(self, payload: str) -> None:
        try:
            data = json.loads(payload)
            ids = data.get("ids")
            change = Change(data["t"], data["op"], tuple(ids) if ids is not None else None)
        except (ValueError, KeyError, TypeError):
            log.warning("live updates: unreadable payload %r", payload)
            return
        self._on_change(change)
