"""Per-user UI settings (layout, columns, filters) in QSettings, keyed by database and login role."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from erp_desktop.services.session import AppContext


def _clean(part: str) -> str:
    return "".join(c if c.isalnum() or c in "-_.@" else "_" for c in part) or "_"


def user_prefix(ctx: AppContext) -> str:
    """The settings group of this user on this database, e.g. "users/erp/alice@erp"."""
    return f"users/{_clean(ctx.database)}/{_clean(ctx.identity.role_name)}"


def user_settings(ctx: AppContext, group: str) -> QSettings:
    """QSettings opened in `<user prefix>/<group>` (call endGroup() is not needed: the object is short-lived)."""
    s = QSettings()
    s.beginGroup(f"{user_prefix(ctx)}/{group}")
    return s


def to_bool(value: object, default: bool = False) -> bool:
    """QSettings' INI backend returns "true"/"false" strings."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes")
