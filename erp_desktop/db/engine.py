"""Engines and session factories (postgresql+psycopg).  Built after login, never at import."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, pool_size: int = 5, application_name: str = "erp-desktop") -> Engine:
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=5,
        pool_pre_ping=True,
        connect_args={"application_name": application_name, "connect_timeout": 10},
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def libpq_conninfo(url: str) -> str:
    """The same target as a psycopg connection string (for the listener and raw connections)."""
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)
