"""Orders read side: the Orders dock's list (one row per order), its tab counts, an order's
detail with lines and timeline, fresh rows for live updates.

The list is newest first by payment time and pages with keysets: each page starts right after
the last row loaded (`sort_key(row)` = (paid_at, id), passed back as `after`).  A tab walks the
index (status, paid_at, id) backwards and stops after a page; a shop walks (shop_id, status,
paid_at, id).  A search (order number, phone, buyer, tracking number) first collects the few
matching ids through their own indexes, then sorts them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, any_, bindparam, exists, func, select, text, true, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from erp_desktop.db.models import (
    AppUser,
    Carrier,
    Order,
    OrderEvent,
    OrderLine,
    OrderPayload,
    Platform,
    Rule,
    Shop,
    Sku,
    Warehouse,
)
from erp_desktop.domain.orders import ORDER_STATES

SEARCH_POOL = 2000          # a search collects at most this many matches before sorting them
_BIGINT_ARRAY = ARRAY(BigInteger)


@dataclass(frozen=True)
class OrderFilter:
    status: str | None = None          # the tab; None: every status
    shop_id: int | None = None
    platform: str | None = None
    paid_from: dt.date | None = None
    paid_to: dt.date | None = None     # inclusive
    province: str | None = None
    sku_id: int | None = None
    handler_id: int | None = None
    rule_id: int | None = None
    text: str = ""                     # order number, phone, buyer, tracking number


@dataclass(frozen=True)
class OrderRow:
    id: int
    platform_order_no: str
    shop_id: int
    shop: str
    platform: str
    status: str
    hold_reason: str | None
    problems: int
    paid_at: dt.datetime
    buyer_name: str
    receiver_name: str
    receiver_phone: str
    province: str
    city: str
    paid_amount: Decimal
    currency: str
    lines: int
    quantity: Decimal
    warehouse: str | None
    carrier: str | None
    handler: str | None
    rule: str | None
    tracking_no: str | None
    buyer_message: str
    seller_memo: str
    handler_id: int | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.paid_at, self.id)


def sort_key(row: OrderRow) -> tuple:
    return row.sort_key


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def search_ids(text_: str) -> Any:
    """The ids of the orders a search text finds, through the indexes of what it may be: a
    platform order number (prefix), a tracking number, a phone (normalised, or as written), a
    buyer's name (prefix)."""
    t = text_.strip()
    like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    parts: list[Select] = [
        select(Order.id).where(Order.platform_order_no.like(like)).limit(SEARCH_POOL),
        select(Order.id).where(Order.tracking_no == t).limit(SEARCH_POOL),
        select(Order.id).where(Order.buyer_name.like(like)).limit(SEARCH_POOL),
        select(Order.id).where(Order.receiver_phone.like(like)).limit(SEARCH_POOL),
    ]
    digits = _digits(t)
    if len(digits) >= 7:
        keys = ["+86" + digits[-11:]] if len(digits) >= 11 else []
        keys.append("+" + digits)
        parts.append(select(Order.id).where(Order.phone_key == any_(bindparam(None, keys, type_=ARRAY(
            Order.phone_key.type)))).limit(SEARCH_POOL))
    found = parts[0].union(*parts[1:]).subquery()
    return select(found.c.id)


def _conditions(flt: OrderFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.status is not None:
        if flt.status not in ORDER_STATES:
            raise ValueError(f"unknown order status {flt.status!r}")
        conds.append(Order.status == flt.status)
    if flt.shop_id is not None:
        conds.append(Order.shop_id == flt.shop_id)
    if flt.platform:
        conds.append(Order.shop_id.in_(select(Shop.id).where(Shop.platform_code == flt.platform)))
    if flt.paid_from is not None:
        conds.append(Order.paid_at >= func.cast(bindparam(None, flt.paid_from), Order.paid_at.type))
    if flt.paid_to is not None:
        conds.append(Order.paid_at < func.cast(bindparam(None, flt.paid_to + dt.timedelta(days=1)),
                                               Order.paid_at.type))
    if flt.province:
        conds.append(Order.province == flt.province)
    if flt.sku_id is not None:
        conds.append(exists(select(OrderLine.id).where(OrderLine.order_id == Order.id,
                                                       OrderLine.sku_id == flt.sku_id)))
    if flt.handler_id is not None:
        conds.append(Order.handler_id == flt.handler_id)
    if flt.rule_id is not None:
        conds.append(Order.rule_id == flt.rule_id)
    if flt.text.strip():
        conds.append(Order.id.in_(search_ids(flt.text)))
    return conds


def _row_query() -> Select:
    wh, car = aliased(Warehouse), aliased(Carrier)
    counts = (select(func.count().label("n"), func.coalesce(func.sum(OrderLine.quantity), 0).label("q"))
              .where(OrderLine.order_id == Order.id).correlate(Order).lateral("line_counts"))
    return (select(Order.id, Order.platform_order_no, Order.shop_id, Shop.name.label("shop"),
                   Shop.platform_code.label("platform"), Order.status, Order.hold_reason,
                   func.jsonb_array_length(Order.problems).label("problems"), Order.paid_at, Order.buyer_name,
                   Order.receiver_name, Order.receiver_phone, Order.province, Order.city, Order.paid_amount,
                   Order.currency, counts.c.n.label("lines"), counts.c.q.label("quantity"),
                   wh.code.label("warehouse"), car.name.label("carrier"), AppUser.display_name.label("handler"),
                   Rule.name.label("rule"), Order.tracking_no, Order.buyer_message, Order.seller_memo,
                   Order.handler_id)
            .join(Shop, Shop.id == Order.shop_id)
            .join(counts, true())
            .outerjoin(wh, wh.id == Order.warehouse_id)
            .outerjoin(car, car.id == Order.carrier_id)
            .outerjoin(AppUser, AppUser.id == Order.handler_id)
            .outerjoin(Rule, Rule.id == Order.rule_id))


def _to_row(r: Any) -> OrderRow:
    return OrderRow(**{k: getattr(r, k) for k in OrderRow.__dataclass_fields__})


def list_orders(session: Session, flt: OrderFilter, after: tuple | None = None, limit: int = 200) -> list[OrderRow]:
    """One keyset page, newest first: rows strictly before `after` (the sort_key of the last row)."""
    conds = _conditions(flt)
    if after is not None:
        conds.append(tuple_(Order.paid_at, Order.id) < tuple_(bindparam(None, after[0], type_=Order.paid_at.type),
                                                              bindparam(None, int(after[1]), type_=BigInteger)))
    page = select(Order.id).where(*conds).order_by(Order.paid_at.desc(), Order.id.desc()).limit(limit).subquery()
    q = _row_query().where(Order.id.in_(select(page.c.id))).order_by(Order.paid_at.desc(), Order.id.desc())
    return [_to_row(r) for r in session.execute(q)]


def get_order_rows(session: Session, ids: Sequence[int]) -> dict[int, OrderRow]:
    """Fresh rows for the given order ids (live updates)."""
    if not ids:
        return {}
    q = _row_query().where(Order.id == any_(bindparam("ids", [int(i) for i in ids], type_=_BIGINT_ARRAY)))
    return {r.id: _to_row(r) for r in session.execute(q)}


COUNTED_STATES = ("review", "exception", "waiting", "approved", "picking")
COUNT_CAP = 100_000


def count_by_status(session: Session, shop_id: int | None = None) -> dict[str, int]:
    """How many orders each open tab holds (index-only counts; capped at COUNT_CAP)."""
    out: dict[str, int] = {}
    for state in COUNTED_STATES:
        conds = [Order.status == state] + ([Order.shop_id == shop_id] if shop_id is not None else [])
        sub = select(Order.id).where(*conds).limit(COUNT_CAP).subquery()
        out[state] = session.execute(select(func.count()).select_from(sub)).scalar_one()
    return out


def my_user_id(session: Session) -> int | None:
    """The app user id of whoever is connected (None for a superuser or an unknown login)."""
    return session.execute(text("SELECT u.id FROM core.app_user u JOIN core.whoami() w ON w.login = u.login")).scalar()


def count_review_queue(session: Session, handler_id: int | None) -> int:
    """The orders in review that are this person's to look at: assigned to them, or to nobody."""
    sub = (select(Order.id).where(Order.status == "review",
                                  (Order.handler_id.is_(None)) | (Order.handler_id == handler_id))
           .limit(COUNT_CAP).subquery())
    return session.execute(select(func.count()).select_from(sub)).scalar_one()


def filter_matches(session: Session, flt: OrderFilter, order_id: int) -> bool:
    """Whether an order (changed elsewhere) belongs in a list with this filter."""
    return session.execute(select(Order.id).where(Order.id == order_id, *_conditions(flt))).first() is not None


# ---------------------------------------------------------------------------------------------
# one order
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LineInfo:
    id: int
    line_no: int
    platform_sku: str
    title: str
    variant: str
    sku_id: int | None
    sku_code: str | None
    sku_name: str | None
    quantity: Decimal
    sku_quantity: Decimal | None
    unit_price: Decimal
    amount: Decimal
    platform_status: str
    reserved: bool


@dataclass(frozen=True)
class EventInfo:
    at: dt.datetime
    actor: str
    kind: str
    detail: dict


@dataclass(frozen=True)
class OrderDetail:
    row: OrderRow
    platform_status: str
    platform_status_text: str
    buyer_id: str
    phone_ext: str
    country: str
    district: str
    address_detail: str
    address_raw: str
    postal_code: str
    email: str
    goods_amount: Decimal
    discount: Decimal
    shipping_fee: Decimal
    platform_fee: Decimal
    ordered_at: dt.datetime | None
    customer_id: int | None
    warehouse_id: int | None
    carrier_id: int | None
    problems: tuple[dict, ...]
    platform_order_nos: tuple[str, ...]
    version: int
    lines: tuple[LineInfo, ...]
    events: tuple[EventInfo, ...]
    payload: Any                       # the last raw payload, as imported (None: the role may not read it)


def order_detail(session: Session, order_id: int) -> OrderDetail | None:
    rows = get_order_rows(session, [order_id])
    if order_id not in rows:
        return None
    o = session.get(Order, order_id)
    assert o is not None
    lines = session.execute(
        select(OrderLine, Sku.code, Sku.name).outerjoin(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)).all()
    events = session.execute(select(OrderEvent).where(OrderEvent.order_id == order_id)
                             .order_by(OrderEvent.id)).scalars().all()
    payload = None              # the raw payload holds the buyer's data as sent: only for the desks that may read it
    if session.execute(text("SELECT has_table_privilege('sales.order_payload', 'SELECT')")).scalar():
        payload = session.execute(select(OrderPayload.payload).where(OrderPayload.order_id == order_id)
                                  .order_by(OrderPayload.id.desc()).limit(1)).scalar()
    names = {r.role_name: r.display_name or r.login for r in session.execute(
        text("SELECT role_name, login, display_name FROM core.user_names(:r)"),
        {"r": sorted({e.actor for e in events})})}
    return OrderDetail(
        row=rows[order_id], platform_status=o.platform_status, platform_status_text=o.platform_status_text,
        buyer_id=o.buyer_id, phone_ext=o.phone_ext, country=o.country, district=o.district,
        address_detail=o.address_detail, address_raw=o.address_raw, postal_code=o.postal_code, email=o.email,
        goods_amount=o.goods_amount, discount=o.discount, shipping_fee=o.shipping_fee, platform_fee=o.platform_fee,
        ordered_at=o.ordered_at, customer_id=o.customer_id, warehouse_id=o.warehouse_id, carrier_id=o.carrier_id,
        problems=tuple(o.problems or ()), platform_order_nos=tuple(o.platform_order_nos or ()), version=o.version,
        lines=tuple(LineInfo(ln.id, ln.line_no, ln.platform_sku, ln.title, ln.variant, ln.sku_id, code, name,
                             ln.quantity, ln.sku_quantity, ln.unit_price, ln.amount, ln.platform_status,
                             ln.reservation_id is not None) for ln, code, name in lines),
        events=tuple(EventInfo(e.at, names.get(e.actor, e.actor), e.kind, dict(e.detail or {})) for e in events),
        payload=payload)


def list_shops(session: Session) -> list[tuple[int, str, str, str]]:
    """(id, code, name, platform name) of every shop, for filters and import dialogs."""
    return [tuple(r) for r in session.execute(
        select(Shop.id, Shop.code, Shop.name, Platform.name).join(Platform, Platform.code == Shop.platform_code)
        .order_by(Shop.code))]



@dataclass(frozen=True)
class PublishedRow:
    shop_id: int
    shop: str
    platform: str
    rule: str                   # ratio / fixed / buffer / none, or "" (the shop's stock ratio)
    rule_value: Decimal | None
    quantity: int               # what the shop may sell now
    available: int              # the SKU's available-to-sell it was computed from
    computed_at: dt.datetime
    pushed_quantity: int | None  # what the shop was last told (API shops)
    pushed_at: dt.datetime | None
    push_error: str | None


def published_for_sku(session: Session, sku_id: int) -> list[PublishedRow]:
    """What each shop may sell of a SKU, by which rule, and what it was last told (the Stock dock)."""
    rows = session.execute(text(
        "SELECT p.shop_id, s.name AS shop, s.platform_code AS platform, "
        "coalesce(r1.mode, r0.mode, '') AS rule, coalesce(r1.value, r0.value, s.stock_ratio) AS rule_value, "
        "p.quantity, p.available, p.computed_at, p.pushed_quantity, p.pushed_at, p.push_error "
        "FROM sales.published p JOIN sales.shop s ON s.id = p.shop_id "
        "LEFT JOIN sales.publish_rule r1 ON r1.shop_id = p.shop_id AND r1.sku_id = p.sku_id "
        "LEFT JOIN sales.publish_rule r0 ON r0.shop_id = p.shop_id AND r0.sku_id IS NULL "
        "WHERE p.sku_id = :k ORDER BY s.name"), {"k": sku_id}).all()
    return [PublishedRow(**r._asdict()) for r in rows]
