"""Composition root: settings -> (embedded server) -> migrations -> login -> engine -> AppContext.

Nothing here runs at import time; the GUI, the CLI, the tests and the benchmarks call it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from erp_desktop import config
from erp_desktop.db import embedded, migrate
from erp_desktop.db.engine import libpq_conninfo, make_engine, make_session_factory
from erp_desktop.services import users
from erp_desktop.services.session import AppContext

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """The client cannot start; the message says why and what to do."""


class SchemaTooOldError(StartupError):
    pass


class ClientTooOldError(StartupError):
    pass


@dataclass
class Connection:
    """A signed-in client: its context, its engine, where live updates listen."""

    ctx: AppContext
    engine: Engine
    listen_conninfo: str
    server: embedded.EmbeddedServer | None = None
    _closed: bool = field(default=False, repr=False)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()
        if self.server is not None:
            self.server.stop()


def start_embedded_server() -> embedded.EmbeddedServer:
    return embedded.start(config.data_dir() / "pgdata")


def prepare_embedded_database(server: embedded.EmbeddedServer, database: str) -> migrate.SchemaStatus:
    """Create and migrate the database if needed (embedded mode upgrades by itself)."""
    server.ensure_database(database)
    su = make_engine(server.url(database), pool_size=1)
    try:
        with su.connect() as c:
            before = migrate.schema_status(c)
        try:
            status = migrate.upgrade(su)
        except migrate.SchemaNewerError as exc:
            raise ClientTooOldError(str(exc)) from exc
        if before.state is migrate.SchemaState.OLDER:
            log.warning("the database %s was at schema revision %s, older than this client: upgraded to %s",
                        database, before.database_revision, status.database_revision)
        with make_session_factory(su).begin() as s:
            users.ensure_local_admin(s, config.local_login())
        return status
    finally:
        su.dispose()


def connect_embedded(*, demo: bool = False, database: str | None = None) -> Connection:
    database = database or (config.DEMO_DATABASE if demo else config.DEFAULT_DATABASE)
    server = start_embedded_server()
    try:
        prepare_embedded_database(server, database)
        su = make_engine(server.url(database), pool_size=1)
        with su.connect() as c:
            role = c.execute(text("SELECT core.login_role(:l)"), {"l": config.local_login()}).scalar_one()
            version = c.execute(text("SHOW server_version")).scalar_one()
        su.dispose()
        url = server.url(database, role)
        conn = _connect(url, mode="embedded", database=database,
                        server_label=f"PostgreSQL {version} (embedded)", demo=demo)
        conn.server = server
        return conn
    except BaseException:
        server.stop()
        raise


def connect_url(url: str, *, demo: bool = False) -> Connection:
    """A shared server: the schema must be there and current (an administrator upgrades it)."""
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as c:
            status = migrate.schema_status(c)
    finally:
        engine.dispose()
    if status.state is migrate.SchemaState.EMPTY:
        raise SchemaTooOldError("this database has no erp-desktop schema yet: an administrator must run "
                                "`erp-desktop db init` on it")
    if status.state is migrate.SchemaState.OLDER:
        raise SchemaTooOldError(
            f"the database schema is at revision {status.database_revision}, older than this client "
            f"({status.client_revision}): an administrator must run `erp-desktop db upgrade`")
    if status.state is migrate.SchemaState.NEWER:
        raise ClientTooOldError(
            f"the database schema is at revision {status.database_revision}, newer than this client "
            f"({status.client_revision}): install the newer erp-desktop")
    u = make_url(url)
    return _connect(url, mode="shared", database=u.database or "",
                    server_label=f"{u.host or 'localhost'}:{u.port or 5432}", demo=demo)


def _connect(url: str, *, mode: str, database: str, server_label: str, demo: bool) -> Connection:
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions() as s:
        identity = users.whoami(s)
    if identity.is_superuser:
        log.warning("connected as a superuser (%s): use an erp-desktop login instead", identity.role_name)
    ctx = AppContext(sessions=sessions, identity=identity, mode=mode, database=database,
                     server=server_label, demo=demo)
    return Connection(ctx=ctx, engine=engine, listen_conninfo=libpq_conninfo(url))


def saved_connection_url(password_prompt=None) -> str | None:
    """The connection the dialog saved, with its password from the keyring (or the prompt)."""
    saved = config.load_saved_connection()
    if saved is None:
        return None
    try:
        password = config.get_password(saved.user, saved.host)
    except config.KeyringUnavailable:
        password = None
    if password is None and password_prompt is not None:
        password = password_prompt(saved)
    return saved.url(password)


def connect(*, demo: bool = False, database: str | None = None, password_prompt=None) -> Connection:
    """ERP_DATABASE_URL, else the saved connection, else the embedded server."""
    url = config.database_url_from_env() or saved_connection_url(password_prompt)
    conn = connect_url(url, demo=demo) if url else connect_embedded(demo=demo, database=database)
    if demo:
        ensure_demo_data(conn)
    return conn


def ensure_demo_data(conn: Connection) -> bool:
    """Fill the demo company once; True when it was seeded now."""
    from erp_desktop.services import demo

    try:
        with conn.ctx.sessions.begin() as s:
            if demo.is_seeded(s):
                return False
            demo.seed_demo(s)
    except demo.DemoRefusedError as exc:
        conn.close()
        raise StartupError(f"--demo needs an empty database or a demo one, and {conn.ctx.database} holds "
                           f"a real company ({exc.detail})") from exc
    return True
