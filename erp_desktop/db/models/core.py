from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CHAR, BigInteger, ForeignKey, Index, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base


class Instance(Base):
    __tablename__ = "instance"
    __table_args__ = {"schema": "core"}

    singleton: Mapped[bool] = mapped_column(primary_key=True, server_default=text("true"))
    role_prefix: Mapped[str]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class RoleArea(Base):
    __tablename__ = "role_area"
    __table_args__ = {"schema": "core"}

    area: Mapped[str] = mapped_column(primary_key=True)
    description: Mapped[str]


class Company(Audited, Base):
    __tablename__ = "company"
    __table_args__ = {"schema": "core"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str]
    legal_name: Mapped[str | None]
    tax_id: Mapped[str | None]
    address: Mapped[str | None]
    phone: Mapped[str | None]
    currency: Mapped[str] = mapped_column(CHAR(3), server_default=text("'CNY'"))
    is_demo: Mapped[bool] = mapped_column(server_default=text("false"))


class AppUser(Audited, Base):
    __tablename__ = "app_user"
    __table_args__ = {"schema": "core"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    login: Mapped[str] = mapped_column(unique=True)
    role_name: Mapped[str] = mapped_column(unique=True)
    display_name: Mapped[str]
    area: Mapped[str] = mapped_column(ForeignKey("core.role_area.area"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class Setting(Audited, Base):
    __tablename__ = "setting"
    __table_args__ = {"schema": "core"}

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[Any] = mapped_column(JSONB)


class BusinessEvent(Base):
    __tablename__ = "business_event"
    __table_args__ = (Index("business_event_entity_idx", "entity", "entity_id"), {"schema": "core"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    actor: Mapped[str] = mapped_column(server_default=text("CURRENT_USER"))
    kind: Mapped[str]
    entity: Mapped[str]
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))


class ChangeQueue(Base):
    """Changes waiting to be sent as live-update notifications (unlogged; see core.flush_changes)."""

    __tablename__ = "change_queue"
    __table_args__ = {"schema": "core", "prefixes": ["UNLOGGED"]}

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    tbl: Mapped[str]
    op: Mapped[str] = mapped_column(CHAR(1))
    ids: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))


class Job(Base):
    """Background work claimed once however many runners (sql/0009_jobs_and_publishing.sql)."""

    __tablename__ = "job"
    __table_args__ = (
        Index("job_queued_key", "kind", "key", unique=True, postgresql_where=text("status = 'queued'")),
        Index("job_due_idx", "run_at", postgresql_where=text("status IN ('queued', 'running')")),
        Index("job_recent_idx", "kind", text("id DESC")),
        {"schema": "core"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    kind: Mapped[str]
    key: Mapped[str] = mapped_column(server_default=text("''"))
    payload: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    run_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    status: Mapped[str] = mapped_column(server_default=text("'queued'"))
    attempts: Mapped[int] = mapped_column(server_default=text("0"))
    max_attempts: Mapped[int] = mapped_column(server_default=text("8"))
    last_error: Mapped[str | None]
    claimed_by: Mapped[str | None]
    claimed_at: Mapped[dt.datetime | None]
    lease_until: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
