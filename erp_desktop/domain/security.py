"""Passwords never leave the client in clear text: a SCRAM-SHA-256 verifier is made here."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

SCRAM_ITERATIONS = 4096
MIN_PASSWORD_LENGTH = 8


class WeakPasswordError(ValueError):
    def __init__(self, min_length: int) -> None:
        super().__init__(f"a password needs at least {min_length} characters")
        self.min_length = min_length


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(MIN_PASSWORD_LENGTH)


def scram_sha256_verifier(password: str, *, salt: bytes | None = None,
                          iterations: int = SCRAM_ITERATIONS) -> str:
    """The verifier PostgreSQL stores for SCRAM-SHA-256 (RFC 5802/7677), as `ALTER ROLE ... PASSWORD` takes it."""
    salt = salt if salt is not None else os.urandom(16)
    normalised = unicodedata.normalize("NFKC", password).encode("utf-8")  # SASLprep, for practical input
    salted = hashlib.pbkdf2_hmac("sha256", normalised, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
