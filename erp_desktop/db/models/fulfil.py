"""fulfil: waves and their pick lines, shipments (one per parcel), the carriers' tracking number
pools (sql/0012_fulfilment.sql).  Carriers and their rate cards are in master.py.

Read through these models; orders join and leave waves, ship and have labels voided only through
the database's functions (services/fulfilment.py), which keep the order workflow and the stock
ledger in step."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, SmallInteger, UniqueConstraint, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Base
from erp_desktop.db.models.catalog import QTY

KG = Numeric(10, 3)


class SessionAudited:
    """Audit columns naming the login (session_user): rows written inside SECURITY DEFINER
    functions, where current_user is the functions' owner."""

    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    updated_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))


class Wave(SessionAudited, Base):
    """A wave (波次): approved orders of one warehouse and carrier picked together."""

    __tablename__ = "wave"
    __table_args__ = (
        Index("wave_status_idx", "status", "id"),
        Index("wave_warehouse_idx", "warehouse_id", "id"),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    wave_no: Mapped[str] = mapped_column(unique=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="RESTRICT"))
    single_item: Mapped[bool] = mapped_column(server_default=text("false"))
    status: Mapped[str] = mapped_column(server_default=text("'open'"))
    order_count: Mapped[int] = mapped_column(server_default=text("0"))
    note: Mapped[str] = mapped_column(server_default=text("''"))
    picked_at: Mapped[dt.datetime | None]
    done_at: Mapped[dt.datetime | None]


class WaveOrder(SessionAudited, Base):
    __tablename__ = "wave_order"
    __table_args__ = (
        UniqueConstraint("wave_id", "order_id"),
        Index("wave_order_current_idx", "order_id", unique=True, postgresql_where=text("removed_at IS NULL")),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    wave_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("fulfil.wave.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="RESTRICT"))
    seq: Mapped[int]
    removed_at: Mapped[dt.datetime | None]
    removed_reason: Mapped[str | None]


class PickLine(SessionAudited, Base):
    """One stop on the wave's pick path: a bin, a SKU and lot, how many in all."""

    __tablename__ = "pick_line"
    __table_args__ = (
        Index("pick_line_wave_idx", "wave_id", "pick_order", "id"),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    wave_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("fulfil.wave.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stock.location.id", ondelete="RESTRICT"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock.lot.id", ondelete="RESTRICT"))
    pick_order: Mapped[int] = mapped_column(server_default=text("0"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    picked_quantity: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    short_quantity: Mapped[Decimal] = mapped_column(QTY, server_default=text("0"))
    short_reason: Mapped[str | None]
    order_count: Mapped[int] = mapped_column(server_default=text("1"))


class TrackingRange(SessionAudited, Base):
    """One import into a carrier's tracking number pool: a range or a list."""

    __tablename__ = "tracking_range"
    __table_args__ = (
        Index("tracking_range_carrier_idx", "carrier_id", "id"),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="CASCADE"))
    source: Mapped[str]
    first_no: Mapped[str | None]
    last_no: Mapped[str | None]
    file_name: Mapped[str | None]
    imported: Mapped[int] = mapped_column(server_default=text("0"))
    duplicates: Mapped[int] = mapped_column(server_default=text("0"))


class TrackingNumber(SessionAudited, Base):
    """A number of a carrier's pool; taken once."""

    __tablename__ = "tracking_number"
    __table_args__ = (
        UniqueConstraint("carrier_id", "tracking_no"),
        Index("tracking_number_free_idx", "carrier_id", "id", postgresql_where=text("taken_at IS NULL")),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="CASCADE"))
    tracking_no: Mapped[str]
    range_id: Mapped[int | None] = mapped_column(ForeignKey("fulfil.tracking_range.id", ondelete="SET NULL"))
    taken_at: Mapped[dt.datetime | None]
    taken_by: Mapped[str | None]


class Shipment(SessionAudited, Base):
    """A parcel: its label's carrier and tracking number, weight, packer, and the shop told."""

    __tablename__ = "shipment"
    __table_args__ = (
        UniqueConstraint("carrier_id", "tracking_no", name="shipment_tracking_unique"),
        Index("shipment_pack_parcel_idx", "pack_id", "parcel_no", unique=True,
              postgresql_where=text("status = 'shipped'")),
        Index("shipment_pack_idx", "pack_id"),
        Index("shipment_order_idx", "order_id", "parcel_no"),
        Index("shipment_tracking_idx", "tracking_no"),
        Index("shipment_wave_idx", "wave_id", postgresql_where=text("wave_id IS NOT NULL")),
        Index("shipment_unconfirmed_idx", "order_id",
              postgresql_where=text("confirm_state = 'pending' AND status = 'shipped'")),
        {"schema": "fulfil"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="RESTRICT"))
    wave_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("fulfil.wave.id", ondelete="SET NULL"))
    pack_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    parcel_no: Mapped[int] = mapped_column(SmallInteger)
    parcel_count: Mapped[int] = mapped_column(SmallInteger)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="RESTRICT"))
    service: Mapped[str] = mapped_column(server_default=text("''"))
    tracking_no: Mapped[str]
    weight_kg: Mapped[Decimal | None] = mapped_column(KG)
    expected_weight_kg: Mapped[Decimal | None] = mapped_column(KG)
    freight_cost: Mapped[Decimal | None]
    packer: Mapped[str]
    status: Mapped[str] = mapped_column(server_default=text("'shipped'"))
    shipped_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    voided_at: Mapped[dt.datetime | None]
    void_reason: Mapped[str | None]
    replaced_by: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("fulfil.shipment.id", ondelete="SET NULL"))
    labels_printed: Mapped[int] = mapped_column(server_default=text("0"))
    last_printed_at: Mapped[dt.datetime | None]
    confirm_state: Mapped[str] = mapped_column(server_default=text("'pending'"))
    confirmed_at: Mapped[dt.datetime | None]
    confirm_error: Mapped[str | None]
