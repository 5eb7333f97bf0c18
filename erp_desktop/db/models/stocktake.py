"""Stocktakes (sql/0005_stocktake.sql): read through these models, written only through the
database's functions (services/stocktake.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Base
from erp_desktop.db.models.catalog import QTY


class SessionAudited:
    """Audit columns naming the login (session_user), as core.touch does: these rows are written
    inside SECURITY DEFINER functions, where current_user is the functions' owner."""

    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    updated_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))


class Stocktake(SessionAudited, Base):
    """A count (盘点): its scope, blind or not, and where it is in its workflow."""

    __tablename__ = "stocktake"
    __table_args__ = (
        Index("stocktake_warehouse_status_idx", "warehouse_id", "status"),
        Index("stocktake_open_idx", "id", postgresql_where=text("status IN ('draft', 'counting', 'closed')")),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    scope: Mapped[str]
    category_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.category.id", ondelete="RESTRICT"))
    blind: Mapped[bool] = mapped_column(server_default=text("false"))
    status: Mapped[str] = mapped_column(server_default=text("'draft'"))
    note: Mapped[str | None]
    started_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str | None]
    posted_at: Mapped[dt.datetime | None]
    posted_by: Mapped[str | None]
    cancelled_at: Mapped[dt.datetime | None]
    cancelled_by: Mapped[str | None]


class StocktakeSku(SessionAudited, Base):
    """The SKUs a category or cycle count looks at."""

    __tablename__ = "stocktake_sku"
    __table_args__ = {"schema": "stock"}

    stocktake_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("stock.stocktake.id", ondelete="CASCADE"),
                                              primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"), primary_key=True)


class StocktakeBin(SessionAudited, Base):
    """A bin of a count, counted on its own; its snapshot time is when its counting began."""

    __tablename__ = "stocktake_bin"
    __table_args__ = (
        UniqueConstraint("stocktake_id", "location_id"),
        Index("stocktake_bin_location_idx", "location_id"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    stocktake_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("stock.stocktake.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("stock.location.id", ondelete="RESTRICT"))
    state: Mapped[str] = mapped_column(server_default=text("'pending'"))
    snapshot_at: Mapped[dt.datetime | None]
    started_by: Mapped[str | None]
    counted_at: Mapped[dt.datetime | None]
    counted_by: Mapped[str | None]
    recounts: Mapped[int] = mapped_column(server_default=text("0"))
    moves_while_counting: Mapped[int] = mapped_column(server_default=text("0"))


class StocktakeExpected(SessionAudited, Base):
    """The bin's quants when its counting began."""

    __tablename__ = "stocktake_expected"
    __table_args__ = (
        Index("stocktake_expected_key", "bin_id", "sku_id", func.coalesce(text("lot_id"), 0), unique=True),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    bin_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("stock.stocktake_bin.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock.lot.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(QTY)


class StocktakeLine(SessionAudited, Base):
    """One scan (or typed quantity; negative corrects) of a SKU in a bin."""

    __tablename__ = "stocktake_line"
    __table_args__ = (
        Index("stocktake_line_bin_sku_idx", "bin_id", "sku_id", "lot_id"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    bin_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("stock.stocktake_bin.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock.lot.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    barcode: Mapped[str | None]
    counted_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    scanned_at: Mapped[dt.datetime] = mapped_column(server_default=func.clock_timestamp())


class StocktakeUnknown(SessionAudited, Base):
    """A barcode scanned during a count that names no SKU."""

    __tablename__ = "stocktake_unknown"
    __table_args__ = (
        Index("stocktake_unknown_stocktake_idx", "stocktake_id", "scanned_at"),
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    stocktake_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("stock.stocktake.id", ondelete="CASCADE"))
    bin_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stock.stocktake_bin.id", ondelete="CASCADE"))
    code: Mapped[str]
    scanned_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    scanned_at: Mapped[dt.datetime] = mapped_column(server_default=func.clock_timestamp())
