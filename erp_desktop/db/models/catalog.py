from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, func, text
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base

QTY = Numeric(14, 3)


class Category(Audited, Base):
    __tablename__ = "category"
    __table_args__ = {"schema": "catalog"}

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.category.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]


class Unit(Base):
    __tablename__ = "unit"
    __table_args__ = {"schema": "catalog"}

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    name_zh: Mapped[str]


class Product(Audited, Base):
    __tablename__ = "product"
    __table_args__ = (Index("product_category_idx", "category_id"), {"schema": "catalog"})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    category_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.category.id", ondelete="RESTRICT"))
    brand: Mapped[str | None]
    description: Mapped[str | None]
    custom: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))


class Sku(Audited, Base):
    __tablename__ = "sku"
    __table_args__ = (
        Index("sku_code_id_idx", "code", "id"),
        Index("sku_name_id_idx", "name", "id"),
        Index("sku_price_id_idx", "price", "id"),
        Index("sku_category_code_idx", "category_id", "code", "id"),
        Index("sku_status_code_idx", "status", "code", "id"),
        Index("sku_product_idx", "product_id"),
        Index("sku_updated_id_idx", "updated_at", "id"),
        Index("sku_code_key", func.lower(text("code")), unique=True),
        Index("sku_search_trgm_idx", text("(((code || ' '::text) || name) || ' '::text) || pinyin"),
              postgresql_using="gin", postgresql_ops={"anon_1": "gin_trgm_ops"}),
        {"schema": "catalog"},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog.product.id", ondelete="RESTRICT"))
    code: Mapped[str]
    name: Mapped[str]
    spec: Mapped[str] = mapped_column(server_default=text("''"))
    pinyin: Mapped[str] = mapped_column(server_default=text("''"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.category.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(server_default=text("'active'"))
    is_kit: Mapped[bool] = mapped_column(server_default=text("false"))
    unit: Mapped[str] = mapped_column(ForeignKey("catalog.unit.code"), server_default=text("'pcs'"))
    price: Mapped[Decimal] = mapped_column(server_default=text("0"))
    cost: Mapped[Decimal] = mapped_column(server_default=text("0"))
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    length_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    width_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    height_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    custom: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    version: Mapped[int] = mapped_column(server_default=text("1"))


class Barcode(Audited, Base):
    __tablename__ = "barcode"
    __table_args__ = (Index("barcode_sku_idx", "sku_id"), {"schema": "catalog"})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str]


class KitComponent(Audited, Base):
    __tablename__ = "kit_component"
    __table_args__ = (Index("kit_component_component_idx", "component_sku_id"), {"schema": "catalog"})

    kit_sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"), primary_key=True)
    component_sku_id: Mapped[int] = mapped_column(
        ForeignKey("catalog.sku.id", ondelete="RESTRICT"), primary_key=True
    )
    quantity: Mapped[Decimal] = mapped_column(QTY)
