"""Minimal master data that later areas extend: customers (crm), suppliers (purchase), carriers (fulfil)."""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base


class Customer(Audited, Base):
    __tablename__ = "customer"
    __table_args__ = (Index("customer_phone_idx", "phone"), {"schema": "crm"})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str]
    phone: Mapped[str | None]
    email: Mapped[str | None]
    province: Mapped[str | None]
    city: Mapped[str | None]
    district: Mapped[str | None]
    address: Mapped[str | None]
    note: Mapped[str | None]


class Supplier(Audited, Base):
    __tablename__ = "supplier"
    __table_args__ = {"schema": "purchase"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    contact: Mapped[str | None]
    phone: Mapped[str | None]
    email: Mapped[str | None]
    address: Mapped[str | None]
    lead_time_days: Mapped[int] = mapped_column(server_default=text("7"))


class Carrier(Audited, Base):
    __tablename__ = "carrier"
    __table_args__ = {"schema": "fulfil"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    tracking_url: Mapped[str | None]
    active: Mapped[bool] = mapped_column(server_default=text("true"))
