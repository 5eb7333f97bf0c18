"""Users: each a PostgreSQL login role in one group role (DESIGN.md §6)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.db.models import AppUser
from erp_desktop.domain.errors import AlreadyExistsError, PermissionDeniedError
from erp_desktop.domain.security import check_password, scram_sha256_verifier

AREAS = ("admin", "finance", "sales", "service", "warehouse", "warehouse_lead", "purchasing", "viewer")


@dataclass(frozen=True)
class UserInfo:
    login: str
    display_name: str
    area: str
    role_name: str
    active: bool = True


@dataclass(frozen=True)
class Identity:
    """Who is connected: the app user (None for a superuser or an unknown role) and their groups."""

    role_name: str
    user: UserInfo | None
    areas: frozenset[str]
    is_superuser: bool

    def can(self, area: str) -> bool:
        return self.is_superuser or "admin" in self.areas or area in self.areas


def _denied(exc: DBAPIError, action: str) -> Exception:
    if getattr(exc.orig, "sqlstate", None) == "42501":
        return PermissionDeniedError(action, str(exc.orig).splitlines()[0])
    return exc


def add_user(session: Session, login: str, area: str, password: str | None,
             display_name: str = "") -> UserInfo:
    """Create the login role `<login>@<prefix>` in the group of `area`.

    `password=None` makes a role that logs in without a password, which only the embedded
    server's local trust authentication lets in."""
    if password is not None:
        check_password(password)
    secret = scram_sha256_verifier(password) if password is not None else None
    try:
        session.execute(text("SELECT core.create_user(:login, :name, :area, :secret)"),
                        {"login": login, "name": display_name, "area": area, "secret": secret})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) in ("23505", "42710"):  # unique violation, duplicate role
            raise AlreadyExistsError("user", login) from exc
        raise _denied(exc, "add user") from exc
    return get_user(session, login)


def set_password(session: Session, login: str, password: str) -> None:
    check_password(password)
    try:
        session.execute(text("SELECT core.set_user_password(:login, :secret)"),
                        {"login": login, "secret": scram_sha256_verifier(password)})
    except DBAPIError as exc:
        raise _denied(exc, "set password") from exc


def set_active(session: Session, login: str, active: bool) -> None:
    try:
        session.execute(text("SELECT core.set_user_active(:login, :active)"), {"login": login, "active": active})
    except DBAPIError as exc:
        raise _denied(exc, "enable/disable user") from exc


def set_area(session: Session, login: str, area: str) -> None:
    try:
        session.execute(text("SELECT core.set_user_area(:login, :area)"), {"login": login, "area": area})
    except DBAPIError as exc:
        raise _denied(exc, "change role") from exc


def get_user(session: Session, login: str) -> UserInfo:
    u = session.execute(select(AppUser).where(AppUser.login == login)).scalar_one()
    return UserInfo(u.login, u.display_name, u.area, u.role_name, u.active)


def list_users(session: Session) -> list[UserInfo]:
    rows = session.execute(select(AppUser).order_by(AppUser.login)).scalars()
    return [UserInfo(u.login, u.display_name, u.area, u.role_name, u.active) for u in rows]


def login_role_name(session: Session, login: str) -> str:
    return session.execute(text("SELECT core.login_role(:l)"), {"l": login}).scalar_one()


def whoami(session: Session) -> Identity:
    role, superuser = session.execute(
        text("SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user")).one()
    row = session.execute(text("SELECT login, display_name, area, role_name FROM core.whoami()")).first()
    user = UserInfo(row.login, row.display_name, row.area, row.role_name) if row and row.login else None
    areas = {
        a for (a,) in session.execute(text(
            "SELECT area FROM core.role_area WHERE pg_has_role(session_user, core.group_role(area), 'MEMBER')"))
    }
    return Identity(role_name=role, user=user, areas=frozenset(areas), is_superuser=bool(superuser))


def ensure_local_admin(session: Session, login: str, display_name: str = "") -> UserInfo:
    """Embedded mode: make sure the machine's user has a password-less login in the admin group.

    Runs as the server's superuser.  Repairs the case where the login role outlived an earlier
    database of the same name (roles belong to the server, not to one database)."""
    existing = session.execute(select(AppUser).where(AppUser.login == login)).scalar_one_or_none()
    if existing is not None:
        if not existing.active:
            set_active(session, login, True)
        return get_user(session, login)
    role = login_role_name(session, login)
    if session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
        session.execute(text(
            "INSERT INTO core.app_user (login, role_name, display_name, area) VALUES (:l, :r, :n, 'admin')"),
            {"l": login, "r": role, "n": display_name or login})
        group = session.execute(text("SELECT core.group_role('admin')")).scalar_one()
        session.execute(text(f'GRANT "{group}" TO "{role}"'))
        return get_user(session, login)
    return add_user(session, login, "admin", None, display_name)
