"""sales: platforms, shops, orders with lines and their timeline, import runs, SKU mapping, rules
(sql/0001_core.sql, sql/0008_orders.sql)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CHAR,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from erp_desktop.db.base import Audited, Base
from erp_desktop.db.models.catalog import QTY

OPEN_STATES = "status IN ('review', 'exception', 'waiting', 'approved')"


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
    settings: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    pull_cursor: Mapped[str | None]
    last_pull_at: Mapped[dt.datetime | None]


class SkuMap(Audited, Base):
    __tablename__ = "sku_map"
    __table_args__ = (UniqueConstraint("shop_id", "platform_sku"), Index("sku_map_sku_idx", "sku_id"),
                      {"schema": "sales"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("sales.shop.id", ondelete="CASCADE"))
    platform_sku: Mapped[str]
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"))
    quantity: Mapped[Decimal] = mapped_column(QTY, server_default=text("1"))


class OrderState(Base):
    __tablename__ = "order_state"
    __table_args__ = {"schema": "sales"}

    code: Mapped[str] = mapped_column(primary_key=True)
    sort: Mapped[int] = mapped_column(SmallInteger)


class OrderTransition(Base):
    __tablename__ = "order_transition"
    __table_args__ = {"schema": "sales"}

    from_state: Mapped[str] = mapped_column(ForeignKey("sales.order_state.code"), primary_key=True)
    to_state: Mapped[str] = mapped_column(ForeignKey("sales.order_state.code"), primary_key=True)


class Order(Audited, Base):
    __tablename__ = "order"
    __table_args__ = (
        UniqueConstraint("shop_id", "platform_order_no", name="order_platform_no_unique"),
        CheckConstraint("goods_amount >= 0 AND discount >= 0 AND shipping_fee >= 0 AND paid_amount >= 0 "
                        "AND platform_fee >= 0", name="order_amounts_not_negative"),
        Index("order_status_paid_idx", "status", "paid_at", "id"),
        Index("order_paid_idx", "paid_at", "id"),
        Index("order_shop_status_idx", "shop_id", "status", "paid_at", "id"),
        Index("order_no_idx", "platform_order_no", postgresql_ops={"platform_order_no": "text_pattern_ops"}),
        Index("order_phone_idx", "phone_key", postgresql_where=text("phone_key IS NOT NULL")),
        Index("order_receiver_phone_idx", "receiver_phone", postgresql_ops={"receiver_phone": "text_pattern_ops"}),
        Index("order_buyer_idx", "buyer_name", postgresql_ops={"buyer_name": "text_pattern_ops"}),
        Index("order_tracking_idx", "tracking_no", postgresql_where=text("tracking_no IS NOT NULL")),
        Index("order_customer_idx", "customer_id"),
        Index("order_merge_idx", "merge_key", postgresql_where=text(OPEN_STATES)),
        Index("order_waiting_idx", "paid_at", "id", postgresql_where=text("status = 'waiting'")),
        {"schema": "sales"},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("sales.shop.id", ondelete="RESTRICT"))
    platform_order_no: Mapped[str]
    status: Mapped[str] = mapped_column(ForeignKey("sales.order_state.code"), server_default=text("'review'"))
    platform_status: Mapped[str] = mapped_column(server_default=text("'paid'"))
    platform_status_text: Mapped[str] = mapped_column(server_default=text("''"))
    hold_reason: Mapped[str | None]
    problems: Mapped[Any] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("crm.customer.id", ondelete="SET NULL"))
    buyer_id: Mapped[str] = mapped_column(server_default=text("''"))
    buyer_name: Mapped[str] = mapped_column(server_default=text("''"))
    buyer_message: Mapped[str] = mapped_column(server_default=text("''"))
    seller_memo: Mapped[str] = mapped_column(server_default=text("''"))
    receiver_name: Mapped[str] = mapped_column(server_default=text("''"))
    receiver_phone: Mapped[str] = mapped_column(server_default=text("''"))
    phone_key: Mapped[str | None]
    phone_ext: Mapped[str] = mapped_column(server_default=text("''"))
    country: Mapped[str] = mapped_column(CHAR(2), server_default=text("'CN'"))
    province: Mapped[str] = mapped_column(server_default=text("''"))
    city: Mapped[str] = mapped_column(server_default=text("''"))
    district: Mapped[str] = mapped_column(server_default=text("''"))
    address_detail: Mapped[str] = mapped_column(server_default=text("''"))
    address_raw: Mapped[str] = mapped_column(server_default=text("''"))
    postal_code: Mapped[str] = mapped_column(server_default=text("''"))
    email: Mapped[str] = mapped_column(server_default=text("''"))
    currency: Mapped[str] = mapped_column(CHAR(3), server_default=text("'CNY'"))
    goods_amount: Mapped[Decimal] = mapped_column(server_default=text("0"))
    discount: Mapped[Decimal] = mapped_column(server_default=text("0"))
    shipping_fee: Mapped[Decimal] = mapped_column(server_default=text("0"))
    paid_amount: Mapped[Decimal] = mapped_column(server_default=text("0"))
    platform_fee: Mapped[Decimal] = mapped_column(server_default=text("0"))
    ordered_at: Mapped[dt.datetime | None]
    paid_at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("stock.warehouse.id", ondelete="RESTRICT"))
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("fulfil.carrier.id", ondelete="RESTRICT"))
    carrier_service: Mapped[str] = mapped_column(server_default=text("''"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("core.app_user.id", ondelete="SET NULL"))
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("sales.rule.id", ondelete="SET NULL",
                                                           name="order_rule_fkey"))
    merge_key: Mapped[str | None]
    merged_into: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="RESTRICT"))
    split_from: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="RESTRICT"))
    platform_order_nos: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    tracking_no: Mapped[str | None]
    shipped_at: Mapped[dt.datetime | None]
    payload_hash: Mapped[str | None]
    version: Mapped[int] = mapped_column(server_default=text("1"))
    freight_estimate: Mapped[Decimal | None]          # what the chosen carrier's rate card says (sql/0010)


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (UniqueConstraint("order_id", "line_no"), Index("order_line_sku_idx", "sku_id", "order_id"),
                      {"schema": "sales"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(SmallInteger)
    platform_line_id: Mapped[str] = mapped_column(server_default=text("''"))
    platform_sku: Mapped[str] = mapped_column(server_default=text("''"))
    title: Mapped[str] = mapped_column(server_default=text("''"))
    variant: Mapped[str] = mapped_column(server_default=text("''"))
    platform_status: Mapped[str] = mapped_column(server_default=text("'paid'"))
    quantity: Mapped[Decimal] = mapped_column(QTY)
    unit_price: Mapped[Decimal] = mapped_column(server_default=text("0"))
    amount: Mapped[Decimal] = mapped_column(server_default=text("0"))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.sku.id", ondelete="RESTRICT"))
    sku_quantity: Mapped[Decimal | None] = mapped_column(QTY)
    reservation_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stock.reservation.id",
                                                                              ondelete="SET NULL"))


class OrderEvent(Base):
    __tablename__ = "order_event"
    __table_args__ = (Index("order_event_order_idx", "order_id", "id"), {"schema": "sales"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
    actor: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))
    kind: Mapped[str]
    detail: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))


class ImportRun(Base):
    __tablename__ = "import_run"
    __table_args__ = (Index("import_run_shop_idx", "shop_id", text("id DESC")), {"schema": "sales"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("sales.shop.id", ondelete="CASCADE"))
    source: Mapped[str]
    file_name: Mapped[str | None]
    started_at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
    finished_at: Mapped[dt.datetime | None]
    created: Mapped[int] = mapped_column(server_default=text("0"))
    updated: Mapped[int] = mapped_column(server_default=text("0"))
    unchanged: Mapped[int] = mapped_column(server_default=text("0"))
    skipped: Mapped[int] = mapped_column(server_default=text("0"))
    rejected: Mapped[int] = mapped_column(server_default=text("0"))
    errors: Mapped[Any] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    cursor_before: Mapped[str | None]
    cursor_after: Mapped[str | None]
    failure: Mapped[str | None]
    created_by: Mapped[str] = mapped_column(server_default=text("SESSION_USER"))


class OrderPayload(Base):
    __tablename__ = "order_payload"
    __table_args__ = (Index("order_payload_order_idx", "order_id", "id"), {"schema": "sales"})

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales.order.id", ondelete="CASCADE"))
    import_run_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("sales.import_run.id",
                                                                             ondelete="SET NULL"))
    received_at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
    payload: Mapped[Any] = mapped_column(JSONB)


class Rule(Audited, Base):
    __tablename__ = "rule"
    __table_args__ = (Index("rule_kind_idx", "kind", "priority", "id", postgresql_where=text("active")),
                      {"schema": "sales"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str]
    name: Mapped[str]
    priority: Mapped[int] = mapped_column(server_default=text("100"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    conditions: Mapped[dict[str, Any]] = mapped_column(
        server_default=text("""'{"v": 1, "match": "all", "conditions": []}'::jsonb"""))
    action: Mapped[str]
    params: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    last_assigned: Mapped[str | None]
    version: Mapped[int] = mapped_column(server_default=text("1"))


class Blacklist(Audited, Base):
    __tablename__ = "blacklist"
    __table_args__ = {"schema": "sales"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    phone_key: Mapped[str | None] = mapped_column(unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("crm.customer.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(server_default=text("''"))


class CustomerAccount(Base):
    __tablename__ = "customer_account"
    __table_args__ = (Index("customer_account_customer_idx", "customer_id"), {"schema": "crm"})

    customer_id: Mapped[int] = mapped_column(ForeignKey("crm.customer.id", ondelete="CASCADE"))
    platform_code: Mapped[str] = mapped_column(ForeignKey("sales.platform.code"), primary_key=True)
    buyer_id: Mapped[str] = mapped_column(primary_key=True)


class PublishRule(Audited, Base):
    __tablename__ = "publish_rule"
    __table_args__ = (UniqueConstraint("shop_id", "sku_id", name="publish_rule_unique",
                                       postgresql_nulls_not_distinct=True),
                      {"schema": "sales"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("sales.shop.id", ondelete="CASCADE"))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"))
    mode: Mapped[str]
    value: Mapped[Decimal] = mapped_column(Numeric(14, 4), server_default=text("1"))


class Published(Base):
    __tablename__ = "published"
    __table_args__ = (Index("published_sku_idx", "sku_id"), {"schema": "sales"})

    shop_id: Mapped[int] = mapped_column(ForeignKey("sales.shop.id", ondelete="CASCADE"), primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"), primary_key=True)
    quantity: Mapped[int]
    available: Mapped[int]
    computed_at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
    pushed_quantity: Mapped[int | None]
    pushed_at: Mapped[dt.datetime | None]
    push_error: Mapped[str | None]


class PushQueue(Base):
    __tablename__ = "push_queue"
    __table_args__ = {"schema": "sales"}

    sku_id: Mapped[int] = mapped_column(ForeignKey("catalog.sku.id", ondelete="CASCADE"), primary_key=True)
    queued_at: Mapped[dt.datetime] = mapped_column(server_default=text("now()"))
