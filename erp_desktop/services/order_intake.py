"""Intake of orders we have not seen before, a whole page or file at a time (orders.import_orders).

A pull page or an export file brings tens to thousands of new orders.  Written one by one, each
cost about twenty round trips to the database; here every table gets one statement for the
whole batch (`INSERT ... SELECT FROM unnest(...)`): the customers found in two queries and the
new ones inserted together, then the orders, their lines, their timeline and their payloads.
The result is the same as taking the orders one after the other in the batch's order: a
buyer's second order in the same file finds the customer the first one created.

Re-imports of known orders (an update, a cancellation) are rarer and have side effects
(releasing stock, merged parcels), so orders.py keeps taking those one at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain import order_checks
from erp_desktop.domain.orders import PlatformOrder, PlatformOrderLine
from erp_desktop.services.order_events import record_events, recordset, rows_json

# the columns an import writes, with their types for the batch's arrays
ORDER_TYPES = {
    "platform_status": "text", "platform_status_text": "text", "problems": "jsonb", "customer_id": "integer",
    "buyer_id": "text", "buyer_name": "text", "buyer_message": "text", "seller_memo": "text",
    "receiver_name": "text", "receiver_phone": "text", "phone_key": "text", "phone_ext": "text", "country": "text",
    "province": "text", "city": "text", "district": "text", "address_detail": "text", "address_raw": "text",
    "postal_code": "text", "email": "text", "currency": "text", "goods_amount": "numeric", "discount": "numeric",
    "shipping_fee": "numeric", "paid_amount": "numeric", "platform_fee": "numeric", "ordered_at": "timestamptz",
    "paid_at": "timestamptz", "merge_key": "text"}
ORDER_COLUMNS = tuple(ORDER_TYPES)
_ORDER_KEYS = {"shop_id": "integer", "platform_order_no": "text", "status": "text", "hold_reason": "text",
               "payload_hash": "text"}
_INSERT_ORDERS = text(
    "INSERT INTO sales.\"order\" (" + ", ".join((*_ORDER_KEYS, "platform_order_nos", *ORDER_COLUMNS)) + ") "
    "SELECT " + ", ".join((*_ORDER_KEYS, "ARRAY[platform_order_no]", *ORDER_COLUMNS)) + " FROM "
    + recordset({**_ORDER_KEYS, **ORDER_TYPES}) + " ORDER BY n RETURNING id, platform_order_no")
LINE_TYPES = {"o": "bigint", "line": "smallint", "pl": "text", "ps": "text", "t": "text", "v": "text", "st": "text",
              "q": "numeric", "up": "numeric", "a": "numeric", "sku": "integer", "sq": "numeric"}
INSERT_LINES = text(
    "INSERT INTO sales.order_line (order_id, line_no, platform_line_id, platform_sku, title, variant, "
    "platform_status, quantity, unit_price, amount, sku_id, sku_quantity) SELECT " + ", ".join(LINE_TYPES)
    + " FROM " + recordset(LINE_TYPES) + " ORDER BY n")
CHUNK = 500        # orders per batch statement: a big file's memory stays bounded
_CUSTOMER_COLUMNS = ("name", "phone", "phone_key", "email", "province", "city", "district", "address")


@dataclass(frozen=True)
class NewOrder:
    """An order ready to be stored: checked, its lines mapped, its intake status decided."""
    po: PlatformOrder
    checked: order_checks.CheckedOrder          # problems include the unmapped SKUs
    lines: tuple[tuple[PlatformOrderLine, tuple[int, Decimal] | None], ...]
    digest: str
    status: str
    hold: str | None


def order_values(po: PlatformOrder, checked: order_checks.CheckedOrder, customer_id: int | None,
                 now: Any) -> dict:
    """The order's row (ORDER_COLUMNS) from what the platform says and what the check made of it."""
    goods = po.goods_amount if po.goods_amount is not None else sum(
        (ln.unit_price * ln.quantity for ln in po.lines), Decimal(0))
    paid = po.paid_amount if po.paid_amount is not None else goods - po.discount + po.shipping_fee
    return {
        "platform_status": po.status, "platform_status_text": po.platform_status,
        "problems": [asdict(p) for p in checked.problems],
        "customer_id": customer_id, "buyer_id": po.buyer_id, "buyer_name": po.buyer_name,
        "buyer_message": po.buyer_message, "seller_memo": po.seller_memo, "receiver_name": po.receiver_name,
        "receiver_phone": checked.phone_display, "phone_key": checked.phone_key, "phone_ext": checked.phone_ext,
        "country": checked.country, "province": checked.province, "city": checked.city,
        "district": checked.district, "address_detail": checked.detail, "address_raw": checked.address_raw,
        "postal_code": po.postal_code, "email": po.email, "currency": po.currency or "CNY",
        "goods_amount": goods, "discount": po.discount, "shipping_fee": po.shipping_fee, "paid_amount": max(paid, 0),
        "platform_fee": po.platform_fee, "ordered_at": po.ordered_at, "paid_at": po.paid_at or po.ordered_at or now,
        "merge_key": checked.merge_key,
    }


def line_rows(order_id: int, lines: Sequence[tuple[PlatformOrderLine, tuple[int, Decimal] | None]]) -> list[dict]:
    return [{"o": order_id, "line": i, "pl": ln.platform_line_id, "ps": ln.platform_sku, "t": ln.title,
             "v": ln.variant, "st": ln.status, "q": ln.quantity, "up": ln.unit_price,
             "a": ln.amount if ln.amount is not None else ln.unit_price * ln.quantity,
             "sku": None if m is None else m[0], "sq": None if m is None else ln.quantity * m[1]}
            for i, (ln, m) in enumerate(lines, start=1)]


def lock_order_numbers(session: Session, shop_id: int, order_nos: Sequence[str]) -> None:
    """Two imports of the same orders at once (a pull and a file, two clients) take turns: the
    second then finds the orders the first stored instead of failing on the unique key.  One
    advisory lock per order number (a row lock cannot cover a row not there yet), taken in one
    statement in a fixed order so two batches never wait on each other in a circle."""
    if order_nos:
        session.execute(text(
            "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(:s || ':' || n, "
            "1869771364) AS k FROM unnest(CAST(:n AS text[])) AS n ORDER BY k) AS keys"),
            {"s": str(shop_id), "n": list(order_nos)})


def lock_order_number(session: Session, shop_id: int, order_no: str) -> None:
    lock_order_numbers(session, shop_id, [order_no])


def known_orders(session: Session, shop_id: int, order_nos: Sequence[str]) -> dict[str, Any]:
    """The shop's stored orders among these numbers, locked: number -> row."""
    rows = session.execute(text(
        "SELECT id, platform_order_no, status, payload_hash, customer_id, merged_into, hold_reason "
        "FROM sales.\"order\" WHERE shop_id = :s AND platform_order_no = ANY(:n) ORDER BY id FOR UPDATE"),
        {"s": shop_id, "n": list(order_nos)}).all()
    return {r.platform_order_no: r for r in rows}


def store_new_orders(session: Session, shop_id: int, platform_code: str, run_id: int,
                     new: Sequence[NewOrder], now: Any) -> list[int]:
    """Store new orders (numbers not in the shop yet, locked by the caller): their customers,
    rows, lines, 'imported' events and payloads; returns their ids in the order given."""
    if not new:
        return []
    customers = _customers(session, platform_code, new)
    rows = [{**order_values(n.po, n.checked, c, now), "shop_id": shop_id, "platform_order_no": n.po.order_no,
             "status": n.status, "hold_reason": n.hold, "payload_hash": n.digest} for n, c in zip(new, customers,
                                                                                                strict=True)]
    stored = session.execute(_INSERT_ORDERS, {"rows": rows_json(rows)})
    by_no = {no: i for i, no in stored}
    ids = [by_no[n.po.order_no] for n in new]
    lines = [row for n, oid in zip(new, ids, strict=True) for row in line_rows(oid, n.lines)]
    if lines:
        session.execute(INSERT_LINES, {"rows": rows_json(lines)})
    counted: dict[int, int] = {}
    for c in customers:
        if c is not None:
            counted[c] = counted.get(c, 0) + 1
    if counted:
        session.execute(text(
            "UPDATE crm.customer c SET orders_count = orders_count + x.k FROM "
            + recordset({"c": "integer", "k": "integer"}) + " WHERE c.id = x.c"),
            {"rows": rows_json([{"c": c, "k": k} for c, k in sorted(counted.items())])})
    record_events(session, [(oid, "imported", {"run": run_id, "status": n.status, "problems": len(n.checked.problems)})
                            for n, oid in zip(new, ids, strict=True)])
    session.execute(text(
        "INSERT INTO sales.order_payload (order_id, import_run_id, payload) SELECT o, :r, p FROM "
        + recordset({"o": "bigint", "p": "jsonb"}) + " ORDER BY n"),
        {"r": run_id, "rows": rows_json([{"o": oid, "p": n.po.raw} for n, oid in zip(new, ids, strict=True)])})
    return ids


def _customers(session: Session, platform_code: str, new: Sequence[NewOrder]) -> list[int | None]:
    """Each order's customer, as if taken one after the other: by platform buyer id, else by
    normalised phone (the oldest customer with it), else a new customer, whose buyer id and
    phone the later orders of the batch then find."""
    buyers = sorted({n.po.buyer_id for n in new if n.po.buyer_id})
    by_buyer: dict[str, Any] = dict(session.execute(text(
        "SELECT buyer_id, customer_id FROM crm.customer_account WHERE platform_code = :p AND buyer_id = ANY(:b)"),
        {"p": platform_code, "b": buyers}).all()) if buyers else {}
    keys = sorted({n.checked.phone_key for n in new if n.checked.phone_key})
    by_phone: dict[str, Any] = dict(session.execute(text(
        "SELECT DISTINCT ON (phone_key) phone_key, id FROM crm.customer WHERE phone_key = ANY(:k) "
        "ORDER BY phone_key, id"), {"k": keys}).all()) if keys else {}
    refs: list[Any] = []          # a customer id, ("new", i) for the i-th customer to create, or None
    created: list[dict] = []
    accounts: list[tuple[Any, str]] = []
    for n in new:
        po, checked = n.po, n.checked
        if po.buyer_id and po.buyer_id in by_buyer:
            refs.append(by_buyer[po.buyer_id])
            continue
        ref = by_phone.get(checked.phone_key) if checked.phone_key else None
        if ref is None:
            name = po.receiver_name or po.buyer_name or po.buyer_id
            if not name:
                refs.append(None)
                continue
            ref = ("new", len(created))
            created.append({"name": name, "phone": checked.phone_display or None, "phone_key": checked.phone_key,
                            "email": po.email or None, "province": checked.province or None,
                            "city": checked.city or None, "district": checked.district or None,
                            "address": checked.detail or None})
            if checked.phone_key:
                by_phone[checked.phone_key] = ref
        if po.buyer_id:
            accounts.append((ref, po.buyer_id))
            by_buyer[po.buyer_id] = ref
        refs.append(ref)
    new_ids: list[int] = []
    if created:
        # RETURNING gives the rows in the order the SELECT made them (ORDER BY n)
        new_ids = list(session.execute(text(
            "INSERT INTO crm.customer (" + ", ".join(_CUSTOMER_COLUMNS) + ") SELECT " + ", ".join(_CUSTOMER_COLUMNS)
            + " FROM " + recordset(dict.fromkeys(_CUSTOMER_COLUMNS, "text")) + " ORDER BY n RETURNING id"),
            {"rows": rows_json(created)}).scalars())
        if len(new_ids) != len(created):
            raise RuntimeError("the customers inserted do not match those asked for")

    def resolve(ref: Any) -> int | None:
        return new_ids[ref[1]] if isinstance(ref, tuple) else ref

    if accounts:
        session.execute(text(
            "INSERT INTO crm.customer_account (customer_id, platform_code, buyer_id) SELECT c, :p, b FROM "
            + recordset({"c": "integer", "b": "text"}) + " ORDER BY n ON CONFLICT DO NOTHING"),
            {"p": platform_code, "rows": rows_json([{"c": resolve(r), "b": b} for r, b in accounts])})
    return [resolve(r) for r in refs]
