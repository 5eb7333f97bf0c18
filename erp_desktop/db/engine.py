"""Engines and session factories (postgresql+psycopg).  Built after login, never at import."""

from __future__ import annotations

import time

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
