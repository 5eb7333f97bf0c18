"""`erp-desktop serve`: other PCs log in over TLS with a password; the PC's own client still works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import psycopg
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lan_server_requires_tls_and_password(tmp_path):
    env = dict(os.environ, ERP_DATA_DIR=str(tmp_path / "data"), ERP_CONFIG_DIR=str(tmp_path / "cfg"))
    env.pop("ERP_DATABASE_URL", None)
    # the PC's own user adds a colleague (as the local administrator, on the embedded server)
    add = subprocess.run([sys.executable, "-m", "erp_desktop", "user", "add", "zhang", "--role", "sales",
                          "--password-stdin"], input="zhang-password\n", env=env, capture_output=True, text=True,
                         timeout=120)
    assert add.returncode == 0, add.stderr
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "erp_desktop", "serve", "--listen", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 60
        lines = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "SHA-256 fingerprint" in line or not line:
                break
        assert any("listening on 127.0.0.1" in x for x in lines), "".join(lines) + proc.stderr.read()
        cert = next(x.split(":", 1)[1].strip() for x in lines if "certificate:" in x)
        base = f"host=127.0.0.1 port={port} dbname=erp user=zhang@erp"
        with psycopg.connect(f"{base} password=zhang-password sslmode=verify-ca sslrootcert={cert}") as conn:
            assert conn.info.pgconn.ssl_in_use
            assert conn.execute("SELECT login, area FROM core.whoami()").fetchone() == ("zhang", "sales")
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(f"{base} password=wrong sslmode=require").close()
        with pytest.raises(psycopg.OperationalError, match="TLS connections only"):
            psycopg.connect(f"{base} password=zhang-password sslmode=disable").close()
        # the PC's own client, as on any embedded install, still gets in without a password
        status = subprocess.run([sys.executable, "-m", "erp_desktop", "db", "status"], env=env,
                                capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and "-> current" in status.stdout, status.stderr
        # ... and leaving does not stop the server for the others
        with psycopg.connect(f"{base} password=zhang-password sslmode=require") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} dbname=erp user=zhang@erp password=zhang-password "
                        "connect_timeout=3").close()
