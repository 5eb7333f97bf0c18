"""Schema migrations: Alembic revisions, each running its plain SQL file from sql/."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from alembic import op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from erp_desktop import paths
from erp_desktop.db import models  # noqa: F401  (registers every table)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def run_sql_file(name: str) -> None:
    """Run one file of sql/ inside the current migration's transaction.

    The file goes to PostgreSQL as it is (simple query protocol), so it may hold several
    statements, dollar-quoted bodies and casts without any escaping."""
    sql = (paths.sql_dir() / name).read_text(encoding="utf-8")
    op.get_bind().connection.driver_connection.execute(sql)


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


class SchemaState(enum.Enum):
    EMPTY = "empty"          # no erp-desktop schema yet
    CURRENT = "current"      # same revision as this client
    OLDER = "older"          # the database needs `erp-desktop db upgrade`
    NEWER = "newer"          # this client is older than the database: update the client


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    database_revision: str | None
    client_revision: str


def schema_status(connection: Connection) -> SchemaStatus:
    head = head_revision()
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        state = SchemaState.EMPTY
    elif current == head:
        state = SchemaState.CURRENT
    else:
        script = ScriptDirectory.from_config(alembic_config())
        known = {rev.revision for rev in script.walk_revisions()}
        state = SchemaState.OLDER if current in known else SchemaState.NEWER
    return SchemaStatus(state, current, head)


def upgrade(engine: Engine) -> SchemaStatus:
    """Bring the schema to this client's revision; refuses a database newer than the client."""
    from alembic import command

    with engine.connect() as conn:
        status = schema_status(conn)
        if status.state is SchemaState.NEWER:
            raise SchemaNewerError(status)
        if status.state is not SchemaState.CURRENT:
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
        return schema_status(conn)


class SchemaNewerError(RuntimeError):
    def __init__(self, status: SchemaStatus) -> None:
        super().__init__(
            f"the database schema is at revision {status.database_revision}, newer than this client "
            f"({status.client_revision}): install the newer erp-desktop"
        )
        self.status = status
