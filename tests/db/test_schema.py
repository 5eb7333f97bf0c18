"""The migrated schema and the typed models agree; revisions are checked against the client."""

from __future__ import annotations

import time

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from erp_desktop.db import migrate
from erp_desktop.db.base import Base


def test_models_match_migrated_schema(db):
    engine = db.engine()
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_schemas": True, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    # PostgreSQL's own schemas and alembic's table are not ours to model
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name == "alembic_version")]
    assert diff == []


def test_schema_status_current_after_upgrade(db):
    with db.engine().connect() as conn:
        status = migrate.schema_status(conn)
    assert status.state is migrate.SchemaState.CURRENT
    assert status.database_revision == migrate.head_revision()


def test_database_newer_than_client_is_refused(db):
    engine = db.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with engine.connect() as conn:
        assert migrate.schema_status(conn).state is migrate.SchemaState.NEWER
    try:
        migrate.upgrade(engine)
    except migrate.SchemaNewerError as exc:
        assert "9999" in str(exc)
    else:
        raise AssertionError("upgrade of a newer database must be refused")


def test_empty_database_is_migrated_from_scratch(pg_server):
    pg_server.ensure_database("erp_fresh_check")
    from erp_desktop.db.engine import make_engine

    engine = make_engine(pg_server.url("erp_fresh_check"))
    try:
        with engine.connect() as conn:
            assert migrate.schema_status(conn).state is migrate.SchemaState.EMPTY
        assert migrate.upgrade(engine).state is migrate.SchemaState.CURRENT
        with engine.connect() as conn:
            groups = conn.execute(text(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE 'erp_fresh_check_%' ORDER BY 1")).scalars().all()
        # its groups carry its own prefix: two companies on one server share no permissions
        assert "erp_fresh_check_admin" in groups and "erp_fresh_check_viewer" in groups
    finally:
        engine.dispose()
        with pg_server.connect() as conn:
            conn.execute('DROP DATABASE "erp_fresh_check" WITH (FORCE)')
            for (r,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'erp_fresh_check_%'"):
                conn.execute(f'DROP ROLE "{r}"')


def test_engine_reconnects_after_the_server_dropped_an_idle_connection(db, admin, monkeypatch):
    from erp_desktop.db import engine as engine_module

    monkeypatch.setattr(engine_module, "IDLE_PING_AFTER", 0.0)
    eng = db.engine(admin, pool_size=1)
    with eng.connect() as c:
        pid = c.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with db.superuser() as su:
        su.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with eng.connect() as c:   # the idle connection is found dead on checkout and replaced
        assert c.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
        assert c.execute(text("SHOW transaction_isolation")).scalar_one() == "read committed"


def test_autocommit_connections_replace_one_the_server_dropped_and_close_with_the_engine(db, admin, monkeypatch):
    from erp_desktop.db import engine as engine_module

    eng = db.engine(admin, pool_size=1)
    pool = engine_module.autocommit_pool(eng)
    assert engine_module.autocommit_pool(eng) is pool
    with pool.connection() as c:
        assert c.autocommit
        pid = c.execute("SELECT pg_backend_pid()").fetchone()[0]
    with db.superuser() as su:
        su.execute("SELECT pg_terminate_backend(%s)", (pid,))
    monkeypatch.setattr(engine_module, "IDLE_PING_AFTER", 0.0)
    with pool.connection() as c:     # found dead before use, replaced
        new_pid = c.execute("SELECT pg_backend_pid()").fetchone()[0]
    assert new_pid != pid
    eng.dispose()
    with db.superuser() as su:      # the backend leaves once its connection is closed
        for _ in range(40):
            su.execute("SELECT pg_stat_clear_snapshot()")
            if not su.execute("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE pid = %s)", (new_pid,)).fetchone()[0]:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the autocommit connection is still open after dispose()")
