from __future__ import annotations

from sqlalchemy import ForeignKey, Index, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base


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
        {"schema": "stock"},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    code: Mapped[str]
    kind: Mapped[str] = mapped_column(server_default=text("'bin'"))
    pick_order: Mapped[int] = mapped_column(server_default=text("0"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
