from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base


class Platform(Base):
    __tablename__ = "platform"
    __table_args__ = {"schema": "sales"}

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    name_zh: Mapped[str]
    has_api: Mapped[bool] = mapped_column(server_default=text("false"))


class Shop(Audited, Base):
    __tablename__ = "shop"
    __table_args__ = {"schema": "sales"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    platform_code: Mapped[str] = mapped_column(ForeignKey("sales.platform.code"))
    stock_ratio: Mapped[Decimal] = mapped_column(Numeric(5, 4), server_default=text("1"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
