"""LISTEN erp_changes on a dedicated autocommit connection, in a thread, reconnecting with backoff.

Each notification is `{"t": "schema.table", "op": "I|U|D", "ids": [..] | null}` (DESIGN.md §7).
After a reconnect, `on_reconnect` fires: notifications may have been missed, so views reload.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

log = logging.getLogger(__name__)

CHANNEL = "erp_changes"


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
        self._conn: psycopg.Connection | None = None
        self.connected = threading.Event()

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
                    self.connected.set()
                    self._on_status(True)
                    if not first:
                        self._on_reconnect()
                    first = False
                    backoff = 0.5
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=0.5, stop_after=200):
                            self._dispatch(n.payload)
            except psycopg.OperationalError as exc:
                log.warning("live updates: connection lost (%s); retrying in %.1f s", exc, backoff)
            except Exception:  # a bad callback must not kill live updates
                log.exception("live updates: listener error")
            if self._stop.is_set():
                break
            self.connected.clear()
            self._on_status(False)
            self._stop.wait(backoff)
            backoff = min(backoff * 2, self._max_backoff)

    def _dispatch(self, payload: str) -> None:
        try:
            data = json.loads(payload)
            ids = data.get("ids")
            change = Change(data["t"], data["op"], tuple(ids) if ids is not None else None)
        except (ValueError, KeyError, TypeError):
            log.warning("live updates: unreadable payload %r", payload)
            return
        self._on_change(change)
