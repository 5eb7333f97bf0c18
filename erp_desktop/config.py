"""Typed settings: where the database is and who logs in.  Secrets live in the OS keyring.

Order of precedence: ERP_DATABASE_URL, then the connection saved by the connection dialog
(`connection.json` in the user config folder, never with a password), then the embedded server.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

APP_NAME = "erp-desktop"
KEYRING_SERVICE = "erp-desktop"
DEFAULT_DATABASE = "erp"
DEMO_DATABASE = "erp_demo"


def data_dir() -> Path:
    """Where the embedded server keeps its data (ERP_DATA_DIR overrides)."""
    override = os.environ.get("ERP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("ERP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def local_login() -> str:
    """The machine's user as an erp-desktop login (lower case, safe characters)."""
    try:
        name = getpass.getuser()
    except OSError:
        name = "user"
    name = re.sub(r"[^a-z0-9_.-]", "_", name.lower()) or "user"
    if not name[0].isalpha():
        name = "u" + name
    return name[:31]


@dataclass(frozen=True)
class SavedConnection:
    """What the connection dialog remembers: everything but the password."""

    host: str
    port: int
    database: str
    user: str
    sslmode: str = "prefer"

    def url(self, password: str | None) -> str:
        from sqlalchemy.engine import URL

        if self.host.startswith("/"):  # a unix socket folder goes in the query, as libpq takes it
            return URL.create(
                "postgresql+psycopg", username=self.user, password=password or None, database=self.database,
                query={"host": self.host, "port": str(self.port)},
            ).render_as_string(hide_password=False)
        return URL.create(
            "postgresql+psycopg", username=self.user, password=password or None, host=self.host,
            port=self.port, database=self.database, query={"sslmode": self.sslmode},
        ).render_as_string(hide_password=False)


def load_saved_connection() -> SavedConnection | None:
    path = config_dir() / "connection.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return SavedConnection(**data)


def save_connection(conn: SavedConnection | None) -> None:
    path = config_dir() / "connection.json"
    if conn is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(conn), indent=2), encoding="utf-8")


class KeyringUnavailable(RuntimeError):
    """No OS keyring on this machine (e.g. a headless Linux box without Secret Service)."""


def get_password(user: str, host: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, f"{user}@{host}")
    except NoKeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc
    except KeyringError:
        return None


def set_password(user: str, host: str, password: str) -> None:
    import keyring
    from keyring.errors import NoKeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, f"{user}@{host}", password)
    except NoKeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def database_url_from_env() -> str | None:
    url = os.environ.get("ERP_DATABASE_URL")
    if not url:
        return None
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Accept postgresql:// and postgres:// URLs; SQLAlchemy wants the psycopg driver named."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError(f"not a PostgreSQL URL: {url.split('@')[-1]}")


def get_shop_secret(shop_code: str, database: str) -> dict | None:
    """A shop's API credentials (a JSON object) from the OS keyring; None when none are stored."""
    text_ = get_password(f"shop:{shop_code}", database)
    return None if text_ is None else json.loads(text_)


def set_shop_secret(shop_code: str, database: str, secret: dict) -> None:
    set_password(f"shop:{shop_code}", database, json.dumps(secret))
