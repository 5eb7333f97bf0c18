"""Merging (合单) and splitting (拆单) orders.

Merge: unshipped orders of the same shop, buyer, receiver, phone and address (the same merge key,
domain/routing.merge_key) become one parcel: the oldest order takes the others' lines and
amounts and keeps every platform order number, so each shop order is confirmed when it ships;
the others are cancelled as "merged" and point to it.  Stock they held is given back and the
merged order goes through review again.

Split: an order's lines are shared out into several orders (by hand, or when no one warehouse
can ship them all): the first part stays the order, each other part is a new order numbered
`<platform no>-S<n>` that keeps the platform order number to confirm.  The parts go to review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain.errors import ErpError
from erp_desktop.services.orders import record_event, release_lines

MERGEABLE = ("review", "exception", "waiting", "approved")


class MergeRefusedError(ErpError):
    def __init__(self, reason: str, order_ids: Sequence[int] = ()) -> None:
        super().__init__(f"cannot merge or split: {reason}")
        self.reason = reason            # not_open, different_buyer, too_few, unknown_line, empty_part ...
        self.order_ids = tuple(order_ids)


@dataclass(frozen=True)
class MergeGroup:
    merge_key: str
    order_ids: tuple[int, ...]          # oldest first
    platform_order_nos: tuple[str, ...]


def merge_candidates(session: Session, shop_id: int | None = None, limit: int = 200) -> list[MergeGroup]:
    """Groups of open orders that could ship as one parcel."""
    rows = session.execute(text(
        "SELECT merge_key, array_agg(id ORDER BY paid_at, id) AS ids, "
        "array_agg(platform_order_no ORDER BY paid_at, id) AS nos FROM sales.\"order\" "
        "WHERE merge_key IS NOT NULL AND status IN ('review', 'exception', 'waiting', 'approved') "
        "AND (CAST(:shop AS integer) IS NULL OR shop_id = :shop) "
        "GROUP BY merge_key HAVING count(*) > 1 ORDER BY min(paid_at) LIMIT :n"),
        {"shop": shop_id, "n": limit}).all()
    return [MergeGroup(r.merge_key, tuple(r.ids), tuple(r.nos)) for r in rows]


def merge_orders(session: Session, order_ids: Iterable[int]) -> int:
    """Merge the orders into the oldest one; returns its id.  They must be open and share the
    merge key (same shop, buyer, receiver, phone and address)."""
    ids = sorted(set(order_ids))
    if len(ids) < 2:
        raise MergeRefusedError("too_few", ids)
    rows = session.execute(text(
        "SELECT id, status, merge_key, jsonb_array_length(problems) AS problems FROM sales.\"order\" "
        "WHERE id = ANY(:ids) ORDER BY paid_at, id FOR UPDATE"), {"ids": ids}).all()
    if len(rows) != len(ids) or any(r.status not in MERGEABLE for r in rows):
        raise MergeRefusedError("not_open", ids)
    if any(r.problems for r in rows):
        raise MergeRefusedError("has_problems", ids)
    if rows[0].merge_key is None or any(r.merge_key != rows[0].merge_key for r in rows):
        raise MergeRefusedError("different_buyer", ids)
    target, others = rows[0].id, [r.id for r in rows[1:]]
    for oid in ids:
        release_lines(session, oid)
    session.execute(text(
        "WITH moved AS (SELECT l.id, (SELECT coalesce(max(line_no), 0) FROM sales.order_line WHERE order_id = :t) "
        "  + row_number() OVER (ORDER BY o.paid_at, o.id, l.line_no) AS n "
        "  FROM sales.order_line l JOIN sales.\"order\" o ON o.id = l.order_id WHERE l.order_id = ANY(:others)) "
        "UPDATE sales.order_line l SET order_id = :t, line_no = moved.n FROM moved WHERE moved.id = l.id"),
        {"t": target, "others": others})
    session.execute(text(
        "UPDATE sales.\"order\" t SET goods_amount = t.goods_amount + s.goods, discount = t.discount + s.disc, "
        "shipping_fee = t.shipping_fee + s.ship, paid_amount = t.paid_amount + s.paid, "
        "platform_fee = t.platform_fee + s.fee, platform_order_nos = t.platform_order_nos || s.nos, "
        "buyer_message = concat_ws(' / ', nullif(t.buyer_message, ''), nullif(s.msgs, '')), "
        "status = 'review', hold_reason = NULL "
        "FROM (SELECT sum(goods_amount) AS goods, sum(discount) AS disc, sum(shipping_fee) AS ship, "
        "      sum(paid_amount) AS paid, sum(platform_fee) AS fee, "
        "      array_agg(n ORDER BY paid_at, id) AS nos, "
        "      string_agg(nullif(buyer_message, ''), ' / ' ORDER BY paid_at, id) AS msgs "
        "      FROM sales.\"order\", unnest(platform_order_nos) n WHERE id = ANY(:others)) s WHERE t.id = :t"),
        {"t": target, "others": others})
    session.execute(text(
        "UPDATE sales.\"order\" SET status = 'cancelled', hold_reason = 'merged', merged_into = :t, "
        "goods_amount = 0, discount = 0, shipping_fee = 0, paid_amount = 0, platform_fee = 0 WHERE id = ANY(:others)"),
        {"t": target, "others": others})
    record_event(session, target, "merged", {"from": others})
    for oid in others:
        record_event(session, oid, "merged_into", {"order": target})
    return target


def split_order(session: Session, order_id: int, parts: Sequence[Sequence[int]]) -> tuple[int, ...]:
    """Share the order's lines (ids) out into parts: the first part stays this order, each other
    becomes a new order.  Every line must be in exactly one part.  Returns the orders, this one first."""
    row = session.execute(text(
        "SELECT * FROM sales.\"order\" WHERE id = :o FOR UPDATE"), {"o": order_id}).mappings().first()
    if row is None or row["status"] not in MERGEABLE:
        raise MergeRefusedError("not_open", [order_id])
    lines = set(session.execute(text("SELECT id FROM sales.order_line WHERE order_id = :o"),
                                {"o": order_id}).scalars())
    chosen = [set(p) for p in parts]
    if len(chosen) < 2 or any(not p for p in chosen):
        raise MergeRefusedError("empty_part", [order_id])
    if set().union(*chosen) != lines or sum(map(len, chosen)) != len(lines):
        raise MergeRefusedError("unknown_line", [order_id])
    release_lines(session, order_id)
    made = [order_id]
    total = session.execute(text("SELECT coalesce(sum(amount), 0) FROM sales.order_line WHERE order_id = :o"),
                            {"o": order_id}).scalar_one()
    for n, part in enumerate(chosen[1:], start=1):
        share = session.execute(text("SELECT coalesce(sum(amount), 0) FROM sales.order_line WHERE id = ANY(:l)"),
                                {"l": sorted(part)}).scalar_one()
        ratio = (share / total) if total else 0
        new_id = session.execute(text(
            "INSERT INTO sales.\"order\" (shop_id, platform_order_no, status, platform_status, platform_status_text, "
            "customer_id, buyer_id, buyer_name, buyer_message, seller_memo, receiver_name, receiver_phone, phone_key, "
            "phone_ext, country, province, city, district, address_detail, address_raw, postal_code, email, currency, "
            "goods_amount, discount, paid_amount, ordered_at, paid_at, merge_key, split_from, platform_order_nos) "
            "SELECT shop_id, platform_order_no || '-S' || :n, 'review', platform_status, platform_status_text, "
            "customer_id, buyer_id, buyer_name, buyer_message, seller_memo, receiver_name, receiver_phone, phone_key, "
            "phone_ext, country, province, city, district, address_detail, address_raw, postal_code, email, currency, "
            "round(goods_amount * :r, 2), round(discount * :r, 2), round((paid_amount - shipping_fee) * :r, 2), "
            "ordered_at, paid_at, merge_key, id, platform_order_nos FROM sales.\"order\" WHERE id = :o RETURNING id"),
            {"n": n, "r": ratio, "o": order_id}).scalar_one()
        session.execute(text(
            "UPDATE sales.order_line l SET order_id = :new, line_no = s.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY line_no) AS n FROM sales.order_line WHERE id = ANY(:l)) s WHERE s.id = l.id"),
            {"new": new_id, "l": sorted(part)})
        session.execute(text(
            "UPDATE sales.\"order\" p SET goods_amount = p.goods_amount - c.goods_amount, "
            "discount = p.discount - c.discount, paid_amount = p.paid_amount - c.paid_amount "
            "FROM sales.\"order\" c WHERE c.id = :new AND p.id = :o"), {"new": new_id, "o": order_id})
        record_event(session, new_id, "split_from", {"order": order_id, "lines": sorted(part)})
        made.append(new_id)
    # the lines left renumbered 1..n (out of the way first: line numbers are unique per order)
    session.execute(text("UPDATE sales.order_line SET line_no = line_no + 10000 WHERE order_id = :o"),
                    {"o": order_id})
    session.execute(text(
        "WITH k AS (SELECT id, row_number() OVER (ORDER BY line_no) AS n FROM sales.order_line WHERE order_id = :o) "
        "UPDATE sales.order_line l SET line_no = k.n FROM k WHERE k.id = l.id"), {"o": order_id})
    session.execute(text("UPDATE sales.\"order\" SET status = 'review', hold_reason = NULL WHERE id = :o"),
                    {"o": order_id})
    record_event(session, order_id, "split", {"into": made[1:]})
    return tuple(made)
