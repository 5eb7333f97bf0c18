"""Users are PostgreSQL logins in group roles; passwords travel as SCRAM verifiers."""

from __future__ import annotations

import psycopg
import pytest

from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.security import WeakPasswordError
from erp_desktop.services import users


def test_added_user_logs_in_with_password_and_is_in_its_group(db, session_factory):
    with session_factory.begin() as s:
        info = users.add_user(s, "alice", "warehouse", "correct horse", display_name="Alice Wang")
    assert info.role_name == "alice@erp_test"
    with psycopg.connect(db.conninfo(info.role_name, "correct horse")) as conn:
        who = conn.execute("SELECT login, area FROM core.whoami()").fetchone()
        assert who == ("alice", "warehouse")
        assert conn.execute("SELECT pg_has_role(session_user, 'erp_test_warehouse', 'MEMBER')").fetchone()[0]
        assert not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user").fetchone()[0]
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(db.conninfo(info.role_name, "wrong password")).close()


def test_password_is_stored_as_scram_verifier_never_clear_text(db, session_factory):
    with session_factory.begin() as s:
        users.add_user(s, "bob", "sales", "s3cret-password")
    with db.superuser() as su:
        stored = su.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'bob@erp_test'").fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$4096:")
    assert "s3cret" not in stored


def test_only_admins_add_users(db):
    sales = db.add_login("sales")
    with db.sessions(sales).begin() as s, pytest.raises(PermissionDeniedError):
        users.add_user(s, "mallory", "admin", "long enough pw")


def test_weak_password_refused_before_reaching_the_server(session_factory):
    with session_factory.begin() as s, pytest.raises(WeakPasswordError):
        users.add_user(s, "carol", "viewer", "short")


def test_user_changes_own_password_but_not_anothers(db, session_factory):
    with session_factory.begin() as s:
        users.add_user(s, "dave", "service", "first password")
        users.add_user(s, "erin", "service", "erins password")
    dave = db.url("dave@erp_test", "first password")
    from erp_desktop.db.engine import make_engine, make_session_factory

    engine = make_engine(dave)
    try:
        with make_session_factory(engine).begin() as s:
            users.set_password(s, "dave", "second password")
        with make_session_factory(engine).begin() as s, pytest.raises(PermissionDeniedError):
            users.set_password(s, "erin", "hijacked password")
    finally:
        engine.dispose()
    psycopg.connect(db.conninfo("dave@erp_test", "second password")).close()
    psycopg.connect(db.conninfo("erin@erp_test", "erins password")).close()


def test_disabled_user_cannot_log_in(db, session_factory):
    with session_factory.begin() as s:
        users.add_user(s, "frank", "viewer", "franks password")
        users.set_active(s, "frank", False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(db.conninfo("frank@erp_test", "franks password")).close()


def test_whoami_reports_identity_and_areas(db):
    lead = db.add_login("warehouse_lead")
    with db.sessions(lead)() as s:
        ident = users.whoami(s)
    assert ident.user is not None and ident.user.area == "warehouse_lead"
    assert ident.areas == {"warehouse_lead", "warehouse"}  # a lead is warehouse staff and more
    assert ident.can("warehouse") and not ident.can("finance") and not ident.is_superuser
