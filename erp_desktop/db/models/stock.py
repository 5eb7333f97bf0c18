from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Computed, ForeignKey, Index, Numeric, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base
from erp_desktop.db.models.catalog import QTY


class Warehouse(Audited, Base):
    __tablename__ = "warehouse"
    __table_args__ = {"schema": "stock"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    province: Mapped[str | None]
    city: Mapped[str | None]
    address: Mapped[str | None]
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class Location(Audited, Base):
    __tablename__ = "location"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "code"),
        Index("location_pick_idx", "warehouse_id", "pick_order"),
        Index("location_one_transit_idx", "warehouse_id", unique=True, postgresql_where=text("kind = 'transit'")),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    code: Mapped[str]
    kind: Mapped[str] = mapped_column(server_default=text("'bin'"))
    pick_order: Mapped[int] = mapped_column(server_default=text("0"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class Reason(Audited, Base):
    __tablename__ = "reason"
    __table_args__ = {"schema": "stock"}

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    name_zh: Mapped[str]
    applies_to: Mapped[str]


class Lot(Audited, Base):
    __tablename__ = "lot"
    __table_args__ = (
        UniqueConstraint("sku_id", "lot_no"),
        Index("lot_expires_idx", "expires_on", postgresql_where=text("expires_on IS NOT NULL")),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_no: Mapped[str]
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("purchase.supplier.id", ondelete="RESTRICT"))
    received_on: Mapped[dt.date] = mapped_column(server_default=func.current_date())
    expires_on: Mapped[dt.date | None]


class Move(Base):
    """One line of the immutable stock ledger."""

    __tablename__ = "move"
    __table_args__ = (
        Index("move_sku_time_idx", "sku_id", "moved_at"),
        Index("move_from_location_idx", "from_location_id", "moved_at",
              postgresql_where=text("from_location_id IS NOT NULL")),
        Index("move_to_location_idx", "to_location_id", "moved_at",
              postgresql_where=text("to_location_id IS NOT NULL")),
        Index("move_doc_idx", "doc_type", "doc_id", postgresql_where=text("doc_id IS NOT NULL")),
        Index("move_kind_time_idx", "kind", "moved_at"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    moved_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    kind: Mapped[str]
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock.lot.id", ondelete="RESTRICT"))
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("stock.location.id", ondelete="RESTRICT"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("stock.location.id", ondelete="RESTRICT"))
    from_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    to_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    reason: Mapped[str | None] = mapped_column(ForeignKey("stock.reason.code"))
    note: Mapped[str | None]
    doc_type: Mapped[str | None]
    doc_id: Mapped[int | None] = mapped_column(BigInteger)
    doc_ref: Mapped[str | None]
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))


class Quant(Base):
    """On hand per SKU x lot x location."""

    __tablename__ = "quant"
    __table_args__ = (
        Index("quant_key", "sku_id", "location_id", func.coalesce(text("lot_id"), 0), unique=True),
        Index("quant_location_idx", "location_id"),
        Index("quant_sku_warehouse_idx", "sku_id", "warehouse_id"),
        Index("quant_lot_idx", "lot_id", postgresql_where=text("lot_id IS NOT NULL")),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock.lot.id", ondelete="RESTRICT"))
    location_id: Mapped[int] = mapped_column(ForeignKey("stock.location.id", ondelete="RESTRICT"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Level(Base):
    """On hand / reserved / in transit per SKU x warehouse."""

    __tablename__ = "level"
    __table_args__ = (
        UniqueConstraint("sku_id", "warehouse_id"),
        Index("level_warehouse_sku_idx", "warehouse_id", "sku_id"),
        Index("level_below_safety_idx", "warehouse_id", "sku_id", postgresql_where=text("below_safety")),
        Index("level_overstock_idx", "warehouse_id", "sku_id", postgresql_where=text("overstock")),
        Index("level_on_hand_idx", "on_hand", "id"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    on_hand: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    reserved: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    in_transit: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    tracks_expiry: Mapped[bool] = mapped_column(server_default=text("false"))
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    # copies of the replenishment marks (kept by triggers, sql/0006) and the flags they give
    safety_stock: Mapped[Decimal | None] = mapped_column(QTY)
    overstock_above: Mapped[Decimal | None] = mapped_column(QTY)
    below_safety: Mapped[bool | None] = mapped_column(Computed("on_hand - reserved < safety_stock", persisted=True))
    overstock: Mapped[bool | None] = mapped_column(Computed("on_hand - reserved > overstock_above", persisted=True))


class Reservation(Base):
    __tablename__ = "reservation"
    __table_args__ = (
        Index("reservation_sku_wh_idx", "sku_id", "warehouse_id", postgresql_where=text("quantity > 0")),
        Index("reservation_doc_idx", "doc_type", "doc_id"),
        Index("reservation_parent_idx", "parent_id", postgresql_where=text("parent_id IS NOT NULL")),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    consumed: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    doc_type: Mapped[str]
    doc_id: Mapped[int | None] = mapped_column(BigInteger)
    parent_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stock.reservation.id", ondelete="RESTRICT"))
    kit_quantity: Mapped[Decimal | None] = mapped_column(QTY)
    note: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Replenishment(Audited, Base):
    """Planning parameters (set by people) and computed figures per SKU x warehouse."""

    __tablename__ = "replenishment"
    __table_args__ = (
        UniqueConstraint("sku_id", "warehouse_id"),
        Index("replenishment_warehouse_idx", "warehouse_id", "sku_id"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="CASCADE"))
    service_level: Mapped[Decimal] = mapped_column(Numeric(5, 4), server_default=text("0.95"))
    review_days: Mapped[int] = mapped_column(server_default=text("7"))
    safety_stock_set: Mapped[Decimal | None] = mapped_column(QTY)
    max_stock_set: Mapped[Decimal | None] = mapped_column(QTY)
    forecast_daily: Mapped[Decimal | None] = mapped_column(QTY)
    demand_std_daily: Mapped[Decimal | None] = mapped_column(QTY)
    lead_time_days: Mapped[int | None]
    safety_stock: Mapped[Decimal | None] = mapped_column(QTY)
    reorder_point: Mapped[Decimal | None] = mapped_column(QTY)
    suggested_qty: Mapped[Decimal | None] = mapped_column(QTY)
    last_sale_at: Mapped[dt.datetime | None]
    sold_90d: Mapped[Decimal | None] = mapped_column(QTY)
    explanation: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    computed_at: Mapped[dt.datetime | None]
