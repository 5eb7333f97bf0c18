"""Start-up as a user meets it: the embedded server on a fresh machine, a shared server, version checks."""

from __future__ import annotations

import os
import subprocess
import sys

import psutil
import pytest
from sqlalchemy import text

from erp_desktop import bootstrap, config
from erp_desktop.db import migrate
from erp_desktop.db.engine import make_engine


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ERP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ERP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("ERP_DATABASE_URL", raising=False)
    return tmp_path


def test_embedded_first_start_migrates_and_logs_in_as_local_admin_not_superuser(fresh_home):
    conn = bootstrap.connect()
    try:
        ident = conn.ctx.identity
        assert conn.ctx.mode == "embedded" and conn.ctx.database == "erp"
        assert ident.user is not None and ident.user.login == config.local_login()
        assert ident.user.area == "admin" and not ident.is_superuser
        assert "(embedded)" in conn.ctx.server
        with conn.ctx.sessions() as s:
            assert s.execute(text("SELECT count(*) FROM sales.platform")).scalar_one() >= 5
    finally:
        conn.close()


def test_second_client_shares_the_server_and_last_one_out_stops_it(fresh_home):
    conn = bootstrap.connect()
    pid = conn.server.pid
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "status"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "embedded" in out.stdout and "-> current" in out.stdout
    # the other client exited; the server it shared is still ours and still running
    assert conn.server.pid == pid and psutil.pid_exists(pid)
    with conn.ctx.sessions() as s:
        assert s.execute(text("SELECT 1")).scalar_one() == 1
    conn.close()
    proc = psutil.Process(pid)
    proc.wait(timeout=15)
    assert not psutil.pid_exists(pid) or proc.status() == psutil.STATUS_ZOMBIE


def test_shared_server_without_schema_asks_for_db_init(pg_server):
    pg_server.ensure_database("erp_blank")
    try:
        with pytest.raises(bootstrap.SchemaTooOldError, match="db init"):
            bootstrap.connect_url(pg_server.url("erp_blank"))
    finally:
        with pg_server.connect() as c:
            c.execute('DROP DATABASE "erp_blank" WITH (FORCE)')


def test_client_older_than_schema_refuses_to_start(db, admin):
    with db.superuser() as su:
        su.execute("UPDATE alembic_version SET version_num = '0999'")
    with pytest.raises(bootstrap.ClientTooOldError, match="newer than this client"):
        bootstrap.connect_url(admin.url)


def test_shared_server_login_as_app_user(db, admin):
    conn = bootstrap.connect_url(admin.url)
    try:
        assert conn.ctx.mode == "shared"
        assert conn.ctx.identity.user.login == "boss"
        assert conn.ctx.identity.areas == {"admin"}
    finally:
        conn.close()


def test_env_url_wins_over_embedded(db, admin, fresh_home, monkeypatch):
    monkeypatch.setenv("ERP_DATABASE_URL", admin.url.replace("postgresql+psycopg://", "postgresql://"))
    conn = bootstrap.connect()
    try:
        assert conn.ctx.mode == "shared" and conn.server is None
        assert conn.ctx.identity.role_name == "boss@erp_test"
    finally:
        conn.close()


def test_db_init_prepares_an_empty_server_with_a_first_admin(pg_server, tmp_path):
    pg_server.ensure_database("erp_initme")
    url = pg_server.url("erp_initme")
    try:
        out = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "init", "--url", url,
                              "--admin", "root_admin", "--password-stdin"],
                             input="a long password\n", capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert "root_admin@erp_initme" in out.stdout
        again = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "init", "--url", url],
                               capture_output=True, text=True, timeout=60)
        assert again.returncode == 1 and "initialised already" in again.stderr
        status = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "status", "--url", url],
                                capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and "PostgreSQL 18" in status.stdout
        assert migrate.head_revision() in status.stdout
        engine = make_engine(url)
        with engine.connect() as c:
            area = c.execute(text("SELECT area FROM core.app_user WHERE login = 'root_admin'")).scalar_one()
        engine.dispose()
        assert area == "admin"
    finally:
        with pg_server.connect() as c:
            c.execute('DROP DATABASE "erp_initme" WITH (FORCE)')
            for (r,) in c.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'erp_initme%' "
                                  "OR rolname LIKE '%@erp_initme'").fetchall():
                c.execute(f'DROP ROLE "{r}"')


def test_cli_user_add_and_list(db, admin, monkeypatch):
    env = dict(os.environ, ERP_DATABASE_URL=admin.url)
    add = subprocess.run([sys.executable, "-m", "erp_desktop", "user", "add", "wang", "--role", "warehouse",
                          "--password-stdin"], input="warehouse pw 1\n", env=env,
                         capture_output=True, text=True, timeout=60)
    assert add.returncode == 0, add.stderr
    assert "wang@erp_test" in add.stdout
    dup = subprocess.run([sys.executable, "-m", "erp_desktop", "user", "add", "wang", "--role", "sales",
                          "--password-stdin"], input="another pw 1\n", env=env,
                         capture_output=True, text=True, timeout=60)
    assert dup.returncode == 1 and "wang" in dup.stderr
    listing = subprocess.run([sys.executable, "-m", "erp_desktop", "user", "list"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert any(line.split()[:2] == ["wang", "warehouse"] for line in listing.stdout.splitlines())


def test_demo_on_a_real_company_database_is_refused_clearly(db, admin):
    with db.superuser() as su:
        su.execute("INSERT INTO core.company (name) VALUES ('真实公司')")
    with pytest.raises(bootstrap.StartupError, match="--demo needs an empty database"):
        conn = bootstrap.connect_url(admin.url, demo=True)
        bootstrap.ensure_demo_data(conn)


@pytest.fixture
def old_schema_db(pg_server):
    """A company database still at the first revision, as an older client left it."""
    from alembic import command

    name = "erp_oldschema"
    pg_server.ensure_database(name)
    engine = make_engine(pg_server.url(name))
    with engine.connect() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.commit()
    engine.dispose()
    yield name
    with pg_server.connect() as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        for (r,) in c.execute(f"SELECT rolname FROM pg_roles WHERE rolname LIKE '{name}%' "
                              f"OR rolname LIKE '%@{name}'").fetchall():
            c.execute(f'DROP ROLE "{r}"')


def test_shared_server_with_older_schema_asks_an_administrator_to_upgrade(pg_server, old_schema_db):
    with pytest.raises(bootstrap.SchemaTooOldError, match="erp-desktop db upgrade"):
        bootstrap.connect_url(pg_server.url(old_schema_db))
    out = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "upgrade", "--url", pg_server.url(old_schema_db)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert f"revision {migrate.head_revision()}" in out.stdout
    conn = bootstrap.connect_url(pg_server.url(old_schema_db))
    conn.close()


def test_embedded_database_with_older_schema_is_upgraded_by_the_client(pg_server, old_schema_db):
    status = bootstrap.prepare_embedded_database(pg_server, old_schema_db)
    assert status.state is migrate.SchemaState.CURRENT
    with pg_server.connect(old_schema_db) as c:
        assert c.execute("SELECT to_regclass('catalog.sku_updated_id_idx') IS NOT NULL").fetchone()[0]
