"""Minimal master data that later areas extend: customers (crm), suppliers (purchase), carriers (fulfil)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base
from erp_desktop.db.models.catalog import QTY


class Customer(Audited, Base):
    __tablename__ = "customer"
    __table_args__ = (Index("customer_phone_idx", "phone"),
                      Index("customer_phone_key_idx", "phone_key", postgresql_where=text("phone_key IS NOT NULL")),
                      {"schema": "crm"})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str]
    phone: Mapped[str | None]
    email: Mapped[str | None]
    province: Mapped[str | None]
    city: Mapped[str | None]
    district: Mapped[str | None]
    address: Mapped[str | None]
    note: Mapped[str | None]
    phone_key: Mapped[str | None]                  # E.164, for matching orders to customers (sql/0008)
    orders_count: Mapped[int] = mapped_column(server_default=text("0"))


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
    label_layout: Mapped[str] = mapped_column(server_default=text("'standard'"))     # sql/0012
    label_size: Mapped[str] = mapped_column(server_default=text("'100x150'"))
    platform_names: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))


class SupplierSku(Audited, Base):
    """What a supplier delivers of a SKU: lead time, minimum order, pack size."""

    __tablename__ = "supplier_sku"
    __table_args__ = (
        Index("supplier_sku_sku_idx", "sku_id"),
        Index("supplier_sku_preferred_idx", "sku_id", unique=True, postgresql_where=text("preferred")),
        {"schema": "purchase"},
    )

    supplier_id: Mapped[int] = mapped_column(ForeignKey("purchase.supplier.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"), primary_key=True)
    supplier_code: Mapped[str | None]
    lead_time_days: Mapped[int | None]
    moq: Mapped[Decimal] = mapped_column(QTY, server_default=text("1"))
    pack_size: Mapped[Decimal] = mapped_column(QTY, server_default=text("1"))
    unit_cost: Mapped[Decimal | None]
    preferred: Mapped[bool] = mapped_column(server_default=text("true"))


class CarrierService(Audited, Base):
    """A carrier's service and its rate card (sql/0010_carrier_rates.sql)."""

    __tablename__ = "carrier_service"
    __table_args__ = (UniqueConstraint("carrier_id", "service"), {"schema": "fulfil"})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(server_default=text("'standard'"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    first_weight_kg: Mapped[Decimal] = mapped_column(Numeric(8, 3), server_default=text("1"))
    first_fee: Mapped[Decimal]
    extra_fee_per_kg: Mapped[Decimal] = mapped_column(server_default=text("0"))
    weight_step_kg: Mapped[Decimal] = mapped_column(Numeric(8, 3), server_default=text("1"))
    max_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    min_amount: Mapped[Decimal | None]
    max_amount: Mapped[Decimal | None]
    provinces: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    excluded_provinces: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    province_rates: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    province_surcharges: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
