"""Engines and session factories (postgresql+psycopg).  Built after login, never at import."""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Iterator

import psycopg
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

IDLE_PING_AFTER = 30.0   # seconds a pooled connection may sit idle before it is checked on checkout


def make_engine(url: str, *, pool_size: int = 5, application_name: str = "erp-desktop") -> Engine:
    """READ COMMITTED always: the ledger functions are written for it (a server whose default is
    REPEATABLE READ would turn concurrent reservations into serialization failures)."""
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=5,
        isolation_level="READ COMMITTED",
        connect_args={"application_name": application_name, "connect_timeout": 10},
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection on checkout only when it sat idle for a while (a server restart or
    a dropped LAN link is found before the user's work fails), instead of one round trip on every
    checkout as pool_pre_ping does: busy paths such as reservations keep their speed."""

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_conn, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn, record, proxy) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_AFTER:
            return
        try:
            dbapi_conn.execute("SELECT 1")
            dbapi_conn.rollback()
        except Exception as err:
            raise exc.DisconnectionError() from err


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def libpq_conninfo(url: str) -> str:
    """The same target as a psycopg connection string (for the listener and raw connections)."""
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


class AutocommitPool:
    """A few psycopg connections in autocommit, next to an engine's pool, for calls that are a
    transaction by themselves (one ledger function: a manual hold).  Such a call needs no Session,
    no BEGIN and no COMMIT, and skips the pool's checkout, reset and isolation bookkeeping: it
    costs the client about what plain psycopg costs (benchmarks/stock.py).  Connections are made
    with the engine's URL and closed when the engine is disposed; a broken one is dropped."""

    def __init__(self, engine: Engine, size: int = 2) -> None:
        self._conninfo = libpq_conninfo(engine.url.render_as_string(hide_password=False))
        self._size = size
        self._idle: list[tuple[psycopg.Connection, float]] = []     # (connection, idle since)
        self._lock = threading.Lock()
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        conn = self._take()
        try:
            yield conn
        except BaseException:
            if conn.closed or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.close()
            self._give_back(conn)
            raise
        self._give_back(conn)

    def _take(self) -> psycopg.Connection:
        while True:
            with self._lock:
                conn, idle_since = self._idle.pop() if self._idle else (None, 0.0)
            if conn is None:
                return psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10,
                                       application_name="erp-desktop")
            if time.monotonic() - idle_since < IDLE_PING_AFTER:
                return conn
            try:                # idle for a while: is the server still there?
                conn.execute("SELECT 1")
                return conn
            except psycopg.Error:
                conn.close()

    def _give_back(self, conn: psycopg.Connection) -> None:
        if conn.closed:
            return
        with self._lock:
            if len(self._idle) < self._size:
                self._idle.append((conn, time.monotonic()))
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn, _ in idle:
            conn.close()


_autocommit_pools: weakref.WeakKeyDictionary[Engine, AutocommitPool] = weakref.WeakKeyDictionary()
_autocommit_lock = threading.Lock()


def autocommit_pool(engine: Engine) -> AutocommitPool:
    """The engine's AutocommitPool (made on first use)."""
    with _autocommit_lock:
        pool = _autocommit_pools.get(engine)
        if pool is None:
            pool = _autocommit_pools[engine] = AutocommitPool(engine)
        return pool
