"""One embedded PostgreSQL per test run; each test gets its own database copied from a migrated template.

The test server is set up like a shared server: the superuser `postgres` logs in over the
local socket without a password (for set-up only), every other role must give its
SCRAM-SHA-256 password.  Tests act as real app users in real group roles.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from erp_desktop.db import embedded, migrate
from erp_desktop.db.engine import make_engine, make_session_factory
from erp_desktop.services import users

TEMPLATE = "erp_test"
PASSWORD = "test-password-1"
HBA = """\
local   all   postgres                 trust
local   all   all                      scram-sha-256
host    all   postgres  127.0.0.1/32   trust
host    all   all       127.0.0.1/32   scram-sha-256
"""


@pytest.fixture(scope="session")
def pg_server() -> Iterator[embedded.EmbeddedServer]:
    root = Path(tempfile.mkdtemp(prefix="erp-test-"))
    server = embedded.start(root / "pgdata")
    with server.connect() as conn:
        hba = conn.execute("SHOW hba_file").fetchone()[0]
        Path(hba).write_text(HBA)
        conn.execute("SELECT pg_reload_conf()")
    server.ensure_database(TEMPLATE)
    engine = make_engine(server.url(TEMPLATE))
    migrate.upgrade(engine)
    engine.dispose()
    yield server
    server.stop()


@dataclass
class AppLogin:
    login: str
    role_name: str
    area: str
    password: str
    url: str
    conninfo: str


@dataclass
class TestDb:
    """One test's own database: connect as the superuser for set-up, as app users for the test."""

    server: embedded.EmbeddedServer
    name: str
    _engines: list[Engine] = field(default_factory=list)
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def url(self, user: str = embedded.SUPERUSER, password: str | None = None) -> str:
        from sqlalchemy.engine import make_url

        u = make_url(self.server.url(self.name, user))
        return u.set(password=password).render_as_string(hide_password=False)

    def conninfo(self, user: str = embedded.SUPERUSER, password: str | None = None) -> str:
        extra = {"password": password} if password else {}
        return psycopg.conninfo.make_conninfo(self.server.conninfo(self.name, user), **extra)

    def engine(self, login: AppLogin | None = None, **kw) -> Engine:
        url = login.url if login else self.url()
        eng = make_engine(url, **kw)
        self._engines.append(eng)
        return eng

    def sessions(self, login: AppLogin | None = None) -> sessionmaker[Session]:
        return make_session_factory(self.engine(login))

    def superuser(self) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(), autocommit=True)

    def add_login(self, area: str, login: str | None = None) -> AppLogin:
        login = login or f"t{next(self._counter)}_{area}".replace("_lead", "l")
        with make_session_factory(self.engine()).begin() as s:
            info = users.add_user(s, login, area, PASSWORD)
        return AppLogin(login, info.role_name, area, PASSWORD,
                        self.url(info.role_name, PASSWORD), self.conninfo(info.role_name, PASSWORD))

    def dispose(self) -> None:
        for e in self._engines:
            e.dispose()


_db_counter = itertools.count(1)


@pytest.fixture
def db(pg_server: embedded.EmbeddedServer) -> Iterator[TestDb]:
    name = f"t_{os.getpid()}_{next(_db_counter)}"
    with pg_server.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}" STRATEGY FILE_COPY')
    tdb = TestDb(pg_server, name)
    yield tdb
    tdb.dispose()
    with pg_server.connect() as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        roles = [r for (r,) in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"%@{TEMPLATE}",))]
        for r in roles:
            conn.execute(f'DROP ROLE IF EXISTS "{r}"')


@pytest.fixture
def admin(db: TestDb) -> AppLogin:
    return db.add_login("admin", "boss")


@pytest.fixture
def session_factory(db: TestDb, admin: AppLogin) -> sessionmaker[Session]:
    """Sessions as an app user of the admin group (not a superuser)."""
    return db.sessions(admin)
