"""The saved connection: everything but the password in a file, the password in the OS keyring."""

from __future__ import annotations

import json

import pytest

from erp_desktop import bootstrap, config


@pytest.fixture
def cfg_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ERP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ERP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ERP_DATABASE_URL", raising=False)
    return tmp_path


def _use_keyring(monkeypatch, tmp_path, backend: str):
    import keyring
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    keyring.core._keyring_backend = None  # let keyring read the environment again
    keyring.set_keyring(keyring.core.load_keyring(backend))


def test_saved_connection_keeps_password_out_of_the_file(cfg_home, monkeypatch, tmp_path):
    _use_keyring(monkeypatch, tmp_path, "keyrings.alt.file.PlaintextKeyring")
    saved = config.SavedConnection("db.example.com", 5433, "erp", "alice@erp", "verify-full")
    config.save_connection(saved)
    config.set_password("alice@erp", "db.example.com", "kept-in-keyring")
    text = (cfg_home / "config" / "connection.json").read_text()
    assert "kept-in-keyring" not in text
    assert json.loads(text)["host"] == "db.example.com"
    url = bootstrap.saved_connection_url()
    assert url == "postgresql+psycopg://alice%40erp:kept-in-keyring@db.example.com:5433/erp?sslmode=verify-full"


def test_without_a_keyring_the_user_is_asked_for_the_password(cfg_home, monkeypatch, tmp_path):
    _use_keyring(monkeypatch, tmp_path, "keyring.backends.fail.Keyring")
    config.save_connection(config.SavedConnection("db.example.com", 5432, "erp", "bob@erp"))
    with pytest.raises(config.KeyringUnavailable):
        config.set_password("bob@erp", "db.example.com", "x")
    asked = []
    url = bootstrap.saved_connection_url(lambda saved: asked.append(saved.user) or "typed-password")
    assert asked == ["bob@erp"]
    assert ":typed-password@db.example.com" in url


def test_shared_server_from_saved_connection_is_used(cfg_home, monkeypatch, tmp_path, db, admin):
    from sqlalchemy.engine import make_url

    _use_keyring(monkeypatch, tmp_path, "keyrings.alt.file.PlaintextKeyring")
    u = make_url(admin.url)
    host = u.query["host"]
    config.save_connection(config.SavedConnection(host, int(u.query["port"]), u.database, admin.role_name, "disable"))
    config.set_password(admin.role_name, host, admin.password)
    conn = bootstrap.connect()
    try:
        assert conn.ctx.mode == "shared" and conn.ctx.identity.user.login == "boss"
    finally:
        conn.close()


def test_env_url_accepts_plain_postgresql_scheme():
    assert config.normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(ValueError):
        config.normalise_url("mysql://u@h/db")
