"""Order use cases: take in what the shops' adapters read, and move orders along the workflow.

Intake (`import_orders`), as the user sees it:
- one order per (shop, platform order number): importing the same order again updates it when
  something changed and counts it as unchanged when nothing did; nothing is ever duplicated;
- orders not paid yet are skipped (counted), and come in when a later import finds them paid;
- the buyer cancelling or being refunded before shipment cancels our order and gives its
  reserved stock back; after shipment it is only recorded (returns are their own area);
- each order is checked at intake (domain/order_checks.check_order): a problem puts it in the
  exception queue with the reason, and fixing the field there re-runs the check;
- each line's platform SKU is mapped to ours (the shop's mapping, else our SKU code);
- each order is linked to a customer (platform buyer id, else normalised phone, else new);
- every change keeps the raw payload and writes the order's timeline; rejected rows are listed
  with row, field and reason, and one bad order never stops the others (a savepoint each).

Workflow (`approve_orders`, `hold_orders`, `cancel_orders`): the database refuses any status
change the workflow does not allow (sql/0008_orders.sql); approving reserves every line in the
order's warehouse through the stock ledger, and an order whose stock is short waits for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.domain import order_checks
from erp_desktop.domain import orders as o
from erp_desktop.domain.errors import ConcurrentChangeError, NotFoundError
from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, RejectedRow
from erp_desktop.domain.stock import NotEnoughStockError
from erp_desktop.services import order_intake, stock
from erp_desktop.services.order_events import jsonable, record_event, rows_json

OPEN = (o.REVIEW, o.EXCEPTION, o.WAITING)          # not yet holding stock
CANCELS = (o.CANCELLED, o.REFUNDED)


@dataclass(frozen=True)
class ImportSummary:
    run_id: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    rejected: int
    errors: tuple[RejectedRow, ...]
    order_ids: tuple[int, ...]         # created or changed: what the review step looks at


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RejectedRow] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# intake
# ---------------------------------------------------------------------------------------------

def import_orders(session: Session, shop_id: int, parsed: ParsedOrders, *, source: str = "file",
                  file_name: str | None = None, cursor_before: str | None = None,
                  cursor_after: str | None = None) -> ImportSummary:
    """Store what an adapter read for one shop; see the module's docstring for the rules."""
    shop = session.execute(text("SELECT id, platform_code FROM sales.shop WHERE id = :s"), {"s": shop_id}).first()
    if shop is None:
        raise NotFoundError("shop", shop_id)
    run_id = session.execute(text(
        "INSERT INTO sales.import_run (shop_id, source, file_name, cursor_before) VALUES (:s, :src, :f, :c) "
        "RETURNING id"), {"s": shop_id, "src": source, "f": file_name, "c": cursor_before}).scalar_one()
    counts = _Counts(errors=list(parsed.rejected))
    skus = _SkuMapper(session, shop_id, {ln.platform_sku for po in parsed.orders for ln in po.lines})
    numbers = [po.order_no for po in parsed.orders]
    order_intake.lock_order_numbers(session, shop.id, numbers)
    known = order_intake.known_orders(session, shop.id, numbers)
    fresh: list[order_intake.NewOrder] = []
    one_by_one: list[PlatformOrder] = []          # known orders that changed, and repeats in the batch
    seen: set[str] = set()
    for po in parsed.orders:
        current = known.get(po.order_no)
        if po.order_no in seen or current is not None:
            if po.order_no not in seen and current.payload_hash == _payload_hash(po):
                counts.unchanged += 1
            else:
                one_by_one.append(po)
            seen.add(po.order_no)
        elif po.status == o.UNPAID:
            counts.skipped += 1
        else:
            seen.add(po.order_no)
            fresh.append(_prepare(po, shop.id, skus))
    refused: list[PlatformOrder] = []
    for start in range(0, len(fresh), order_intake.CHUNK):
        chunk = fresh[start:start + order_intake.CHUNK]
        try:
            with session.begin_nested():
                ids = order_intake.store_new_orders(session, shop.id, shop.platform_code, run_id, chunk, _now())
            counts.created += len(ids)
            counts.touched += ids
        except DBAPIError:
            # the database refused one of them: one at a time, so the others go in and that one is listed
            refused += [n.po for n in chunk]
    one_by_one = refused + one_by_one        # first occurrences before the repeats
    for po in one_by_one:
        try:
            with session.begin_nested():
                _import_one(session, shop, run_id, po, skus, counts)
        except DBAPIError as exc:
            diag = getattr(exc.orig, "diag", None)
            detail = diag.message_primary if diag is not None and diag.message_primary else str(exc.orig)
            row = po.source_rows[0] if po.source_rows else 0
            counts.errors.append(RejectedRow(row, "order", "refused_by_database", detail, po.order_no))
    session.execute(text(
        "UPDATE sales.import_run SET finished_at = clock_timestamp(), created = :c, updated = :u, unchanged = :n, "
        "skipped = :k, rejected = :r, errors = CAST(:e AS jsonb), cursor_after = :ca WHERE id = :id"),
        {"c": counts.created, "u": counts.updated, "n": counts.unchanged, "k": counts.skipped,
         "r": len(counts.errors), "e": json.dumps([asdict(e) for e in counts.errors], ensure_ascii=False),
         "ca": cursor_after, "id": run_id})
    return ImportSummary(run_id, counts.created, counts.updated, counts.unchanged, counts.skipped,
                         len(counts.errors), tuple(counts.errors), tuple(counts.touched))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _payload_hash(po: PlatformOrder) -> str:
    """What the platform says of the order (not its raw rows): the same JSON as asdict() without
    `raw` and `source_rows`, built without asdict's deep copy of the raw payload (a third of the time)."""
    data = {f.name: getattr(po, f.name) for f in fields(po) if f.name not in ("raw", "source_rows", "lines")}
    data["lines"] = [{f.name: getattr(ln, f.name) for f in fields(ln)} for ln in po.lines]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class _SkuMapper:
    """Platform SKU -> (our SKU id, our units per platform unit): the shop's mapping first, then
    our own SKU code (any case).  Looked up once per import."""

    def __init__(self, session: Session, shop_id: int, platform_skus: set[str]) -> None:
        codes = sorted(s for s in platform_skus if s)
        self.found: dict[str, tuple[int, Decimal]] = {}
        if not codes:
            return
        for code, sku_id in session.execute(text(
                "SELECT lower(code), id FROM catalog.sku WHERE lower(code) = ANY(:c)"),
                {"c": [c.lower() for c in codes]}):
            self.found[code] = (sku_id, Decimal(1))
        mapped = session.execute(text(
            "SELECT platform_sku, sku_id, quantity FROM sales.sku_map WHERE shop_id = :s AND platform_sku = ANY(:c)"),
            {"s": shop_id, "c": codes})
        self.mapped = {p: (s, q) for p, s, q in mapped}

    def get(self, platform_sku: str) -> tuple[int, Decimal] | None:
        return self.mapped.get(platform_sku) or self.found.get(platform_sku.lower())


_UPDATE_ORDER = text(  # a re-import: every column the platform may have changed
    "UPDATE sales.\"order\" SET status = :status, hold_reason = :hold, payload_hash = :hash, "
    + ", ".join((f"{c} = CAST(:problems AS jsonb)" if c == "problems" else f"{c} = :{c}")
                for c in order_intake.ORDER_COLUMNS)
    + " WHERE id = :id")


def _prepare(po: PlatformOrder, shop_id: int, skus: _SkuMapper, digest: str | None = None) -> order_intake.NewOrder:
    """Check an order and map its lines: what either path stores."""
    checked = order_checks.check_order(po, shop_id)
    lines = tuple((ln, skus.get(ln.platform_sku)) for ln in po.lines)
    problems = list(checked.problems)
    for i, (ln, mapped) in enumerate(lines, start=1):
        if mapped is None:
            problems.append(order_checks.Problem(f"line {i}", "unknown_sku", ln.platform_sku or ln.title))
    status, hold = _intake_state(po.status, problems)
    return order_intake.NewOrder(po, order_checks.replace_problems(checked, problems), lines,
                                 digest or _payload_hash(po), status, hold)


def _import_one(session: Session, shop: Any, run_id: int, po: PlatformOrder, skus: _SkuMapper,
                counts: _Counts) -> None:
    """One order on its own (in its savepoint): a known order that changed, or a new one the batch could not take."""
    order_intake.lock_order_number(session, shop.id, po.order_no)
    current = order_intake.known_orders(session, shop.id, [po.order_no]).get(po.order_no)
    if current is None and po.status == o.UNPAID:
        counts.skipped += 1
        return
    digest = _payload_hash(po)
    if current is not None and current.payload_hash == digest:
        counts.unchanged += 1
        return
    new = _prepare(po, shop.id, skus, digest)
    if current is None:
        counts.touched += order_intake.store_new_orders(session, shop.id, shop.platform_code, run_id, [new], _now())
        counts.created += 1
        return
    problems = new.checked.problems
    values = order_intake.order_values(po, new.checked, current.customer_id, _now())
    status, hold, what = _update_state(session, current, po, problems, new.lines)
    session.execute(_UPDATE_ORDER, {**values, "problems": json.dumps(values["problems"], ensure_ascii=False),
                                    "id": current.id, "status": status, "hold": hold, "hash": digest})
    record_event(session, current.id, what, {"run": run_id, "status": status, "problems": len(problems)})
    session.execute(text("INSERT INTO sales.order_payload (order_id, import_run_id, payload) "
                         "VALUES (:o, :r, CAST(:p AS jsonb))"),
                    {"o": current.id, "r": run_id, "p": json.dumps(jsonable(po.raw), ensure_ascii=False)})
    counts.updated += 1
    counts.touched.append(current.id)


def _intake_state(platform_status: str, problems: Sequence[order_checks.Problem]) -> tuple[str, str | None]:
    if platform_status in CANCELS:
        return o.CANCELLED_ORDER, platform_status
    if platform_status in (o.SHIPPED, o.COMPLETED):
        return o.SHIPPED_OUT, None           # shipped before we knew it (history, another system)
    if problems:
        return o.EXCEPTION, problems[0].code
    return o.REVIEW, None


def _update_state(session: Session, current: Any, po: PlatformOrder, problems: Sequence[order_checks.Problem],
                  lines: Sequence) -> tuple[str, str | None, str]:
    """The order's new status after a re-import, and what to call the change in its timeline."""
    status = current.status
    if status == o.CANCELLED_ORDER and current.merged_into is not None and po.status in CANCELS:
        # merged into another parcel: that one must not ship these lines; a person takes them out
        target = session.execute(text("SELECT status FROM sales.\"order\" WHERE id = :t FOR UPDATE"),
                                 {"t": current.merged_into}).scalar()
        if target in (*OPEN, o.APPROVED):
            release_lines(session, current.merged_into)
            session.execute(text("UPDATE sales.\"order\" SET status = 'review', hold_reason = 'merged_order_cancelled' "
                                 "WHERE id = :t"), {"t": current.merged_into})
        elif target == o.PICKING:       # in a wave: the warehouse takes it out first
            session.execute(text("UPDATE sales.\"order\" SET hold_reason = 'merged_order_cancelled' WHERE id = :t"),
                            {"t": current.merged_into})
        record_event(session, current.merged_into, "merged_order_cancelled", {"order": current.id})
        return status, "merged", "cancelled_by_platform"
    if status in (o.SHIPPED_OUT, o.CANCELLED_ORDER):
        return status, current.hold_reason, "updated"      # its life is over here: keep the platform's news
    if po.status in CANCELS or po.status == o.REFUNDING:
        if status == o.PICKING:                 # in a wave: the warehouse must take it out first
            return status, "cancel_requested", "cancel_requested"
        release_lines(session, current.id)
        if po.status == o.REFUNDING:
            return o.REVIEW, "refund_requested", "refund_requested"
        return o.CANCELLED_ORDER, po.status, "cancelled_by_platform"
    if po.status in (o.SHIPPED, o.COMPLETED) and status in (*OPEN, o.APPROVED):
        return status, "shipped_elsewhere", "shipped_elsewhere"
    if status in OPEN:                          # nothing reserved yet: lines may change freely
        session.execute(text("DELETE FROM sales.order_line WHERE order_id = :o"), {"o": current.id})
        rows = order_intake.line_rows(current.id, lines)
        if rows:
            session.execute(order_intake.INSERT_LINES, {"rows": rows_json(rows)})
        if problems:
            return o.EXCEPTION, problems[0].code, "updated"
        return (o.REVIEW if status == o.EXCEPTION else status), None, "updated"
    return status, None, "updated"


# ---------------------------------------------------------------------------------------------
# the workflow
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ApproveResult:
    approved: tuple[int, ...]
    waiting: tuple[int, ...]           # not enough stock: they wait, their reason in the timeline
    refused: tuple[tuple[int, str], ...]   # (order id, reason code): problems, not open, no warehouse


def lock_for_stock(session: Session, order_ids: Iterable[int]) -> None:
    """Lock the orders (by id) and then the stock levels of every SKU their lines take (a kit: its
    components; every warehouse), in (SKU, warehouse) order as the ledger locks them.  A batch
    that reserves or releases for several orders in one transaction takes its locks up front in
    this one global order, so two batches sharing SKUs wait for each other instead of
    deadlocking (each order alone would lock its own SKUs in its own order)."""
    ids = sorted(set(order_ids))
    if len(ids) < 2:
        return
    session.execute(text("SELECT id FROM sales.\"order\" WHERE id = ANY(:ids) ORDER BY id FOR UPDATE"),
                    {"ids": ids})
    session.execute(text("SELECT stock.lock_levels(ARRAY(SELECT DISTINCT sku_id FROM sales.order_line "
                         "WHERE order_id = ANY(:ids) AND sku_id IS NOT NULL))"), {"ids": ids})


def approve_orders(session: Session, order_ids: Iterable[int], *, warehouse_id: int | None = None,
                   by_rule: int | None = None) -> ApproveResult:
    """Approve orders: reserve every line in the order's warehouse (the one given, the one already
    chosen, else the first active warehouse that can fill the whole order).  An order whose stock
    is short waits for it; an order with problems or not open is refused."""
    approved, waiting, refused = [], [], []
    lock_for_stock(session, order_ids := sorted(set(order_ids)))
    for oid in order_ids:
        order = session.execute(text(
            "SELECT id, status, problems, warehouse_id, platform_order_no FROM sales.\"order\" WHERE id = :o "
            "FOR UPDATE"), {"o": oid}).first()
        if order is None:
            refused.append((oid, "not_found"))
            continue
        if order.status not in OPEN:
            refused.append((oid, "not_open"))
            continue
        if order.problems:
            refused.append((oid, "has_problems"))
            continue
        lines = session.execute(text(
            "SELECT id, sku_id, sku_quantity FROM sales.order_line WHERE order_id = :o AND platform_status "
            "NOT IN ('refunded', 'cancelled') ORDER BY sku_id, id"), {"o": oid}).all()
        wh = warehouse_id or order.warehouse_id or _warehouse_that_fills(session, lines)
        if wh is None:
            refused.append((oid, "no_warehouse"))
            continue
        try:
            with session.begin_nested():
                held = [stock.reserve_stock(session, ln.sku_id, wh, ln.sku_quantity, doc_type="order_line",
                                            doc_id=ln.id) for ln in lines]
                if lines:     # the lines linked to their reservations in one statement
                    session.execute(text(
                        "UPDATE sales.order_line l SET reservation_id = v.r FROM unnest(CAST(:r AS bigint[]), "
                        "CAST(:l AS bigint[])) AS v(r, l) WHERE l.id = v.l"), {"r": held, "l": [ln.id for ln in lines]})
                session.execute(text("UPDATE sales.\"order\" SET status = 'approved', hold_reason = NULL, "
                                     "warehouse_id = :w, rule_id = coalesce(:rule, rule_id) WHERE id = :o"),
                                {"w": wh, "o": oid, "rule": by_rule})
                record_event(session, oid, "approved", {"warehouse": wh, "rule": by_rule, "lines": len(lines)})
            approved.append(oid)
        except NotEnoughStockError as short:
            session.execute(text("UPDATE sales.\"order\" SET status = 'waiting', hold_reason = 'not_enough_stock', "
                                 "warehouse_id = :w WHERE id = :o"), {"w": wh, "o": oid})
            record_event(session, oid, "waiting_for_stock", {"sku": short.sku, "warehouse": short.warehouse,
                                                      "wanted": short.wanted, "available": short.available})
            waiting.append(oid)
    return ApproveResult(tuple(approved), tuple(waiting), tuple(refused))


def _warehouse_that_fills(session: Session, lines: Sequence[Any]) -> int | None:
    """The first active warehouse (by id) whose available stock covers every line; else the first one."""
    need: dict[int, Decimal] = {}
    for ln in lines:
        need[ln.sku_id] = need.get(ln.sku_id, Decimal(0)) + ln.sku_quantity
    rows = session.execute(text(
        "SELECT w.id, bool_and(stock.available(n.sku, w.id) >= n.qty) AS fills FROM stock.warehouse w "
        "CROSS JOIN unnest(CAST(:skus AS int[]), CAST(:qty AS numeric[])) n(sku, qty) "
        "WHERE w.active GROUP BY w.id ORDER BY NOT bool_and(stock.available(n.sku, w.id) >= n.qty), w.id"),
        {"skus": list(need), "qty": list(need.values())}).all()
    if rows:
        return rows[0].id
    return session.execute(text("SELECT min(id) FROM stock.warehouse WHERE active")).scalar()


def hold_orders(session: Session, order_ids: Iterable[int], reason: str) -> int:
    """Put open orders back to review with a reason (approved ones give their stock back).  A
    person's hold: no rule put it there, so re-applying the rules leaves it alone."""
    return _take_back(session, order_ids, "review", reason, "held", ", rule_id = NULL")


def cancel_orders(session: Session, order_ids: Iterable[int], reason: str) -> int:
    """Cancel orders that are not picked or shipped; their reserved stock goes back."""
    return _take_back(session, order_ids, "cancelled", reason, "cancelled")


def _take_back(session: Session, order_ids: Iterable[int], status: str, reason: str, event: str,
               also: str = "") -> int:
    """Open orders (not in a wave, not shipped) to `status`, their stock given back; how many."""
    n = 0
    lock_for_stock(session, order_ids := sorted(set(order_ids)))
    for oid in order_ids:
        current = session.execute(text("SELECT status FROM sales.\"order\" WHERE id = :o FOR UPDATE"),
                                  {"o": oid}).scalar()
        if current not in (*OPEN, o.APPROVED):
            continue
        release_lines(session, oid)
        session.execute(text(f"UPDATE sales.\"order\" SET status = :s, hold_reason = :r{also} WHERE id = :o"),
                        {"s": status, "r": reason, "o": oid})
        record_event(session, oid, event, {"reason": reason})
        n += 1
    return n


def release_lines(session: Session, order_id: int) -> None:
    """Give back the stock every line of the order holds."""
    for line_id, res in session.execute(text(
            "SELECT id, reservation_id FROM sales.order_line WHERE order_id = :o AND reservation_id IS NOT NULL "
            "ORDER BY sku_id, id"), {"o": order_id}).all():
        held = session.execute(text("SELECT coalesce(kit_quantity, quantity) FROM stock.reservation WHERE id = :r"),
                               {"r": res}).scalar()
        if held:
            stock.release_stock(session, res)
        session.execute(text("UPDATE sales.order_line SET reservation_id = NULL WHERE id = :l"), {"l": line_id})


# ---------------------------------------------------------------------------------------------
# the exception queue: fix a field, map a SKU, enter an order by hand
# ---------------------------------------------------------------------------------------------

FIXABLE = ("receiver_name", "receiver_phone", "province", "city", "district", "address_detail", "postal_code",
           "seller_memo")


def fix_order(session: Session, order_id: int, changes: dict[str, str], *, version: int | None = None) -> tuple:
    """Correct an order's receiver fields and check it again: returns its problems after the fix.
    An order whose problems are gone leaves the exception queue for review.  `version` (as loaded)
    refuses the fix when someone else changed the order meanwhile."""
    unknown = set(changes) - set(FIXABLE)
    if unknown:
        raise ValueError(f"not a field to fix: {', '.join(sorted(unknown))}")
    row = session.execute(text(
        "SELECT o.*, s.platform_code FROM sales.\"order\" o JOIN sales.shop s ON s.id = o.shop_id "
        "WHERE o.id = :o FOR UPDATE OF o"), {"o": order_id}).mappings().first()
    if row is None:
        raise NotFoundError("order", order_id)
    if version is not None and row["version"] != version:
        raise ConcurrentChangeError("order", row["platform_order_no"])
    current = {k: row[k] for k in FIXABLE}
    current.update({k: v.strip() for k, v in changes.items()})
    po = PlatformOrder(order_no=row["platform_order_no"], status=row["platform_status"], lines=_lines_of(
        session, order_id), receiver_name=current["receiver_name"], receiver_phone=current["receiver_phone"],
        province=current["province"], city=current["city"], district=current["district"],
        address_detail=current["address_detail"], postal_code=current["postal_code"], buyer_id=row["buyer_id"],
        country=row["country"])
    checked = order_checks.check_order(po, row["shop_id"])
    problems = list(checked.problems) + _line_problems(session, order_id)
    status = row["status"]
    if status == o.EXCEPTION and not problems:
        status = o.REVIEW
    elif status in (o.REVIEW, o.WAITING) and problems:
        status = o.EXCEPTION
    session.execute(text(
        "UPDATE sales.\"order\" SET receiver_name = :rn, receiver_phone = :rp, phone_key = :pk, phone_ext = :pe, "
        "province = :pv, city = :c, district = :d, address_detail = :ad, postal_code = :pc, seller_memo = :sm, "
        "merge_key = :mk, problems = CAST(:pr AS jsonb), status = :st, "
        "hold_reason = CASE WHEN :st = 'exception' THEN :hr ELSE NULL END WHERE id = :o"),
        {"rn": current["receiver_name"], "rp": checked.phone_display, "pk": checked.phone_key,
         "pe": checked.phone_ext, "pv": checked.province, "c": checked.city, "d": checked.district,
         "ad": checked.detail, "pc": current["postal_code"], "sm": current["seller_memo"], "mk": checked.merge_key,
         "pr": json.dumps([asdict(p) for p in problems], ensure_ascii=False), "st": status,
         "hr": problems[0].code if problems else None, "o": order_id})
    record_event(session, order_id, "fixed", {"fields": sorted(changes), "problems": len(problems)})
    return tuple(problems)


def _lines_of(session: Session, order_id: int) -> tuple[o.PlatformOrderLine, ...]:
    return tuple(o.PlatformOrderLine(r.platform_sku, r.title, r.quantity, r.unit_price, r.amount, r.variant)
                 for r in session.execute(text("SELECT platform_sku, title, quantity, unit_price, amount, variant "
                                               "FROM sales.order_line WHERE order_id = :o ORDER BY line_no"),
                                          {"o": order_id}))


def _line_problems(session: Session, order_id: int) -> list[order_checks.Problem]:
    return [order_checks.Problem(f"line {n}", "unknown_sku", ps or title) for n, ps, title in session.execute(text(
        "SELECT line_no, platform_sku, title FROM sales.order_line WHERE order_id = :o AND sku_id IS NULL "
        "ORDER BY line_no"), {"o": order_id})]


def map_platform_sku(session: Session, shop_id: int, platform_sku: str, sku_id: int,
                     quantity: Decimal = Decimal(1)) -> tuple[int, ...]:
    """Remember that the shop's `platform_sku` is `quantity` of our SKU (or kit), and apply it to the
    open orders waiting on it; returns the orders that were fixed (their problems checked again)."""
    session.execute(text(
        "INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id, quantity) VALUES (:s, :p, :k, :q) "
        "ON CONFLICT (shop_id, platform_sku) DO UPDATE SET sku_id = excluded.sku_id, quantity = excluded.quantity"),
        {"s": shop_id, "p": platform_sku, "k": sku_id, "q": quantity})
    ids = session.execute(text(
        "UPDATE sales.order_line l SET sku_id = :k, sku_quantity = l.quantity * :q FROM sales.\"order\" o "
        "WHERE o.id = l.order_id AND o.shop_id = :s AND l.platform_sku = :p AND l.reservation_id IS NULL "
        "AND o.status IN ('review', 'exception', 'waiting') RETURNING o.id"),
        {"k": sku_id, "q": quantity, "s": shop_id, "p": platform_sku}).scalars().all()
    fixed = tuple(sorted(set(ids)))
    for oid in fixed:
        fix_order(session, oid, {})
    return fixed


def create_manual_order(session: Session, shop_id: int, po: PlatformOrder) -> ImportSummary:
    """An order taken by phone, offline or on WeChat: the same checks as an import.  Without a
    number of its own it gets the next `M000123`."""
    if not po.order_no:
        no = session.execute(text("SELECT nextval('sales.manual_order_no')")).scalar_one()
        po = replace(po, order_no=f"M{no:06d}")
    return import_orders(session, shop_id, ParsedOrders([po]), source="manual")


def assign_orders(session: Session, order_ids: Iterable[int], *, warehouse_id: int | None = None,
                  carrier_id: int | None = None, carrier_service: str | None = None,
                  handler_id: int | None = None) -> int:
    """Set the warehouse, carrier or handler of open orders (what is None is left as it is).  A new
    warehouse gives back the stock reserved in the old one and sends approved orders to review."""
    n = 0
    for oid in sorted(set(order_ids)):
        row = session.execute(text("SELECT status, warehouse_id FROM sales.\"order\" WHERE id = :o FOR UPDATE"),
                              {"o": oid}).first()
        if row is None or row.status not in (*OPEN, o.APPROVED):
            continue
        moved = warehouse_id is not None and warehouse_id != row.warehouse_id
        if moved and row.status == o.APPROVED:
            release_lines(session, oid)
        session.execute(text(
            "UPDATE sales.\"order\" SET warehouse_id = coalesce(:w, warehouse_id), "
            "carrier_id = coalesce(:c, carrier_id), carrier_service = coalesce(:sv, carrier_service), "
            "handler_id = coalesce(:h, handler_id), "
            "status = CASE WHEN :moved AND status = 'approved' THEN 'review' ELSE status END, "
            "hold_reason = CASE WHEN :moved AND status = 'approved' THEN 'warehouse_changed' ELSE hold_reason END "
            "WHERE id = :o"),
            {"w": warehouse_id, "c": carrier_id, "sv": carrier_service, "h": handler_id, "moved": moved, "o": oid})
        record_event(session, oid, "assigned", {k: v for k, v in (("warehouse", warehouse_id), ("carrier", carrier_id),
                                                                   ("service", carrier_service),
                                                                   ("handler", handler_id)) if v is not None})
        n += 1
    return n


def save_shop_settings(session: Session, shop_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Merge `changes` into the shop's settings (API address, pull interval, column mapping of its
    export files ...); a key set to None is removed.  Returns the settings as stored."""
    current = session.execute(text("SELECT settings FROM sales.shop WHERE id = :s FOR UPDATE"),
                              {"s": shop_id}).scalar()
    if current is None:
        raise NotFoundError("shop", shop_id)
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    session.execute(text("UPDATE sales.shop SET settings = CAST(:v AS jsonb) WHERE id = :s"),
                    {"v": json.dumps(jsonable(merged), ensure_ascii=False), "s": shop_id})
    return merged
