"""Fulfilment use cases: waves (波次) of approved orders, picking, the packing station's ship,
labels voided and reprinted, and the carriers' tracking number pools.

The rules that stock and money depend on are the database's (sql/0012_fulfilment.sql): an order
joins one wave at a time, ships once (idempotent on the station's pack id, so a retry after a
dropped connection never ships twice), never ships when its platform cancelled it, and each
tracking number is taken once.  These functions call its SECURITY DEFINER functions and turn
their refusals into typed errors (domain/fulfilment.py).  Reads and documents are in
fulfilment_queries, re-exported here.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.domain import documents as d
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import NotFoundError
from erp_desktop.services import stock
from erp_desktop.services.fulfilment_queries import (
    PackingSettings,
    PackItem,
    PackOrder,
    ShipmentInfo,
    WaveSummary,
    company_header,
    find_for_packing,
    find_in_wave,
    find_wave,
    invoice_doc,
    list_waves,
    pack_order,
    packing_settings,
    packing_slip_doc,
    picking_list,
    save_packing_settings,
    save_sender,
    sender_party,
    shipment_info,
    shipments_of,
    shipping_label_doc,
    wave_summaries,
)

__all__ = [
    "PackItem",
    "PackOrder",
    "PackingSettings",
    "Parcel",
    "PickProgress",
    "ShipResult",
    "ShipmentInfo",
    "TrackingImport",
    "WaveSummary",
    "cancel_wave",
    "company_header",
    "confirm_pick",
    "create_waves",
    "find_for_packing",
    "find_in_wave",
    "find_wave",
    "import_tracking_numbers",
    "invoice_doc",
    "label_printed",
    "list_waves",
    "pack_order",
    "packing_settings",
    "packing_slip_doc",
    "picking_list",
    "pool_left",
    "reprint",
    "save_packing_settings",
    "save_sender",
    "sender_party",
    "ship_order",
    "shipment_info",
    "shipments_of",
    "shipping_label_doc",
    "short_pick",
    "take_out_of_wave",
    "take_tracking_number",
    "void_shipment",
    "wave_summaries",
]

CANDIDATES_AT_ONCE = 5000         # approved orders looked at per create_waves call


# ---------------------------------------------------------------------------------------------
# the database's refusals as typed errors
# ---------------------------------------------------------------------------------------------

def _translate(exc: DBAPIError, action: str) -> Exception:
    diag = getattr(exc.orig, "diag", None)
    hint = diag.message_hint if diag is not None else None
    try:
        data = json.loads(diag.message_detail or "{}") if diag is not None and hint else {}
    except ValueError:
        data = {}
    if hint == "order_stopped":
        return f.OrderStoppedError(data.get("order", ""), data.get("reason", ""))
    if hint == "already_shipped":
        return f.AlreadyShippedError(data.get("order", ""), data.get("tracking_nos") or ())
    if hint == "not_ready":
        return f.NotReadyToShipError(data.get("order", ""), data.get("status", ""))
    if hint == "no_carrier":
        return f.NotReadyToShipError(data.get("order", ""), "no_carrier")
    if hint == "no_tracking_numbers":
        return f.NoTrackingNumberError(data.get("carrier") or "")
    if hint == "tracking_used":
        return f.TrackingNumberUsedError(data.get("carrier") or "", data.get("tracking_no", ""))
    if hint == "pick_mismatch":
        left = data.get("left")
        return f.PickMismatchError(data.get("reason", ""), data.get("wave", ""), "", data.get("sku", ""),
                                   None if left is None else Decimal(str(left)))
    if hint == "wave_closed":
        return f.WaveClosedError(data.get("wave", ""), data.get("status", ""))
    if hint == "not_in_wave":
        return f.NotInWaveError(data.get("order", ""), data.get("status", ""))
    if hint == "already_voided":
        return f.LabelVoidedError(data.get("tracking_no", ""))
    if hint == "not_found":
        return NotFoundError(data.get("what", action), data.get("key"))
    return stock._translate(exc, action)


def _call(session: Session, action: str, sql: str, params: dict[str, Any]) -> Any:
    try:
        return session.execute(text(sql), params)
    except DBAPIError as exc:
        err = _translate(exc, action)
        if err is exc:
            raise
        raise err from exc


# ---------------------------------------------------------------------------------------------
# waves
# ---------------------------------------------------------------------------------------------

def create_waves(session: Session, *, warehouse_id: int | None = None, carrier_id: int | None = None,
                 single_item_only: bool = False, max_orders: int = 50, order_ids: Sequence[int] | None = None,
                 note: str = "") -> list[WaveSummary]:
    """Waves of approved orders (all, or `order_ids`): one per warehouse and carrier, single-item
    orders in waves of their own, at most `max_orders` each, oldest payment first.  The orders go
    to picking; each wave's pick lines group its SKUs (kits as their components) per bin and lot,
    lots first-expiry-first-out, in the bins' pick-path order.  An order without a carrier, or
    one its platform cancelled, is left out."""
    rows = session.execute(text(
        "SELECT o.id, o.warehouse_id, o.carrier_id, count(l.id) AS lines, coalesce(sum(l.sku_quantity), 0) AS units, "
        "bool_or(k.is_kit) AS kit FROM sales.\"order\" o "
        "JOIN sales.order_line l ON l.order_id = o.id AND l.sku_id IS NOT NULL "
        "  AND l.platform_status NOT IN ('refunded', 'cancelled') "
        "JOIN catalog.sku k ON k.id = l.sku_id "
        "WHERE o.status = 'approved' AND o.warehouse_id IS NOT NULL AND o.carrier_id IS NOT NULL "
        "AND (CAST(:wh AS integer) IS NULL OR o.warehouse_id = :wh) "
        "AND (CAST(:c AS integer) IS NULL OR o.carrier_id = :c) "
        "AND (CAST(:ids AS bigint[]) IS NULL OR o.id = ANY(CAST(:ids AS bigint[]))) "
        "AND fulfil.stop_reason(o.platform_status, o.hold_reason) IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM fulfil.wave_order w WHERE w.order_id = o.id AND w.removed_at IS NULL) "
        "GROUP BY o.id ORDER BY o.paid_at, o.id LIMIT :n"),
        {"wh": warehouse_id, "c": carrier_id, "ids": None if order_ids is None else list(order_ids),
         "n": CANDIDATES_AT_ONCE}).all()
    candidates = [f.WaveCandidate(r.id, r.warehouse_id, r.carrier_id, f.is_single_item([(r.units, r.kit)])
                                  and r.lines == 1) for r in rows]
    made = []
    for plan in f.plan_waves(candidates, max_orders, single_item_only=single_item_only):
        wave = _call(session, "create a wave", "SELECT fulfil.open_wave(:wh, :c, :ids, :single, :note)",
                     {"wh": plan.warehouse_id, "c": plan.carrier_id, "ids": list(plan.order_ids),
                      "single": plan.single_item, "note": note}).scalar()
        if wave is not None:
            made.append(wave)
    return wave_summaries(session, made)


@dataclass(frozen=True)
class PickProgress:
    wave_no: str
    location_code: str
    sku_code: str
    picked: Decimal               # confirmed by this pick
    left_here: Decimal            # still to pick of the SKU in this bin
    left_in_wave: Decimal         # units still to pick in the whole wave
    wave_status: str


def _sku_for_code(session: Session, code: str) -> tuple[int, str] | None:
    row = session.execute(text(
        "SELECT s.id, s.code FROM catalog.barcode b JOIN catalog.sku s ON s.id = b.sku_id WHERE b.code = :c "
        "UNION ALL SELECT id, code FROM catalog.sku WHERE lower(code) = lower(:c) LIMIT 1"),
        {"c": code.strip()}).first()
    return None if row is None else (row.id, row.code)


def _open_wave(session: Session, wave_id: int) -> Any:
    w = session.execute(text("SELECT id, wave_no, status, warehouse_id FROM fulfil.wave WHERE id = :w"),
                        {"w": wave_id}).first()
    if w is None:
        raise NotFoundError("wave", wave_id)
    if w.status not in ("open", "picking", "picked"):
        raise f.WaveClosedError(w.wave_no, w.status)
    return w


def confirm_pick(session: Session, wave_id: int, location_code: str, sku_code: str,
                 quantity: Decimal = Decimal(1)) -> PickProgress:
    """A picker scanned a bin and an item (`sku_code`: a barcode or the SKU code): the wave's list
    counts `quantity` picked there.  Scanning is optional; a pick the list does not have (another
    bin, another SKU, more than is left) raises PickMismatchError and counts nothing."""
    w = _open_wave(session, wave_id)
    sku = _sku_for_code(session, sku_code)
    if sku is None:
        raise f.PickMismatchError("unknown_code", w.wave_no, location_code, sku_code)
    location = session.execute(text("SELECT id, code FROM stock.location WHERE warehouse_id = :w "
                                     "AND upper(code) = upper(:c)"), {"w": w.warehouse_id, "c": location_code.strip()}
                               ).first()
    lines = [] if location is None else session.execute(text(
        "SELECT id, quantity - picked_quantity - short_quantity AS open FROM fulfil.pick_line "
        "WHERE wave_id = :w AND sku_id = :k AND location_id = :l ORDER BY pick_order, id FOR UPDATE"),
        {"w": wave_id, "k": sku[0], "l": location.id}).all()
    where = location.code if location is not None else location_code
    if not lines:
        in_wave = session.execute(text("SELECT EXISTS (SELECT 1 FROM fulfil.pick_line WHERE wave_id = :w "
                                       "AND sku_id = :k)"), {"w": wave_id, "k": sku[0]}).scalar_one()
        raise f.PickMismatchError("wrong_location" if in_wave else "not_in_wave", w.wave_no, where, sku[1])
    open_here = sum((ln.open for ln in lines), Decimal(0))
    if quantity <= 0 or quantity > open_here:
        raise f.PickMismatchError("too_many", w.wave_no, where, sku[1], open_here)
    left = quantity
    for ln in lines:
        take = min(ln.open, left)
        if take > 0:
            session.execute(text("UPDATE fulfil.pick_line SET picked_quantity = picked_quantity + :q WHERE id = :i"),
                            {"q": take, "i": ln.id})
            left -= take
    wave_left = session.execute(text("SELECT coalesce(sum(quantity - picked_quantity - short_quantity), 0) "
                                     "FROM fulfil.pick_line WHERE wave_id = :w"), {"w": wave_id}).scalar_one()
    status = "picked" if wave_left == 0 else "picking"
    session.execute(text("UPDATE fulfil.wave SET status = :s, picked_at = CASE WHEN :s = 'picked' THEN now() END "
                         "WHERE id = :w AND status IN ('open', 'picking') AND status <> :s"),
                    {"s": status, "w": wave_id})
    return PickProgress(w.wave_no, where, sku[1], quantity, open_here - quantity, wave_left, status)


def short_pick(session: Session, wave_id: int, sku_id: int, short_qty: Decimal, reason: str, *,
               location_code: str | None = None) -> tuple[int, ...]:
    """The picker found `short_qty` fewer of a SKU than the list says (in the bin named, else
    wherever it is still to be picked).  The shortage is kept on the list; the wave's orders that
    want the SKU, latest payment first, go back to waiting for stock with the reason and their
    stock given back, until the shortage is covered; the bin is flagged for a count (a business
    event).  With the bin named, the missing units are also written off it in the ledger (reason
    short_pick), so they are not approved again or offered to the shops.  Returns the orders sent back."""
    location_id = None
    if location_code:
        location_id = session.execute(text(
            "SELECT l.id FROM stock.location l JOIN fulfil.wave w ON w.warehouse_id = l.warehouse_id "
            "WHERE w.id = :w AND upper(l.code) = upper(:c)"), {"w": wave_id, "c": location_code.strip()}).scalar()
        if location_id is None:
            raise NotFoundError("location", location_code)
    dropped = _call(session, "record a short pick", "SELECT fulfil.short_pick(:w, :k, :q, :r, :l)",
                    {"w": wave_id, "k": sku_id, "q": short_qty, "r": reason, "l": location_id}).scalar()
    return tuple(dropped or ())


def take_out_of_wave(session: Session, order_id: int, reason: str) -> str:
    """Take an order out of its wave (the goods go back to the shelf).  An order its platform
    cancelled while it was picked is cancelled and its stock given back; one being refunded goes
    to review; any other goes back to approved with its stock.  Returns its status after."""
    return _call(session, "take an order out of its wave", "SELECT fulfil.leave_wave(:o, :r)",
                 {"o": order_id, "r": reason}).scalar_one()


def cancel_wave(session: Session, wave_id: int, reason: str) -> int:
    """Every order still to pack leaves the wave (take_out_of_wave), and the wave is cancelled
    unless some of it shipped (then it is done).  Returns the orders taken out."""
    w = _open_wave(session, wave_id)
    ids = session.execute(text(
        "SELECT wo.order_id FROM fulfil.wave_order wo JOIN sales.\"order\" o ON o.id = wo.order_id "
        "WHERE wo.wave_id = :w AND wo.removed_at IS NULL AND o.status = 'picking' ORDER BY wo.order_id"),
        {"w": w.id}).scalars().all()
    for oid in ids:
        take_out_of_wave(session, oid, reason)
    return len(ids)


# ---------------------------------------------------------------------------------------------
# the packing station
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parcel:
    weight_kg: Decimal | None
    tracking_no: str | None = None     # typed or scanned from a pre-printed label; None: the carrier's pool


@dataclass(frozen=True)
class ShipResult:
    order_id: int
    order_no: str
    pack_id: uuid.UUID
    shipments: tuple[ShipmentInfo, ...]    # the pack's parcels (a replay after a void: voided ones too)
    replayed: bool                         # the pack had shipped before: nothing was done again

    @property
    def tracking_nos(self) -> tuple[str, ...]:
        return tuple(s.tracking_no for s in self.shipments if s.status == "shipped")


def ship_order(session: Session, order_id: int, parcels: Sequence[Parcel], packer: str | None,
               pack_id: uuid.UUID) -> ShipResult:
    """Ship a packed order: its reserved stock leaves the warehouse, each parcel gets a tracking
    number (the one given, else the carrier pool's next) and a shipment with its weight and
    packer, the order is shipped and the shop's confirmation queued (job confirm_shipment).

    `pack_id` is the station's id of this pack, made once when packing began: calling again with
    it (the connection dropped before the answer came) returns what the first call did and never
    ships twice; another pack of a shipped order raises AlreadyShippedError.  An order cancelled
    or being refunded on its platform raises OrderStoppedError."""
    replayed = session.execute(text("SELECT EXISTS (SELECT 1 FROM fulfil.shipment WHERE pack_id = :p)"),
                               {"p": pack_id}).scalar_one()
    expected = None
    if not replayed:
        with contextlib.suppress(NotFoundError):      # the database says so below
            expected = pack_order(session, order_id, stop=False).expected_weight_kg
    payload = json.dumps([{"weight_kg": None if p.weight_kg is None else str(p.weight_kg),
                           "tracking_no": f.clean_tracking_no(p.tracking_no or "")} for p in parcels])
    rows = _call(session, "ship an order", "SELECT id FROM fulfil.ship_order(:o, :p, CAST(:parcels AS jsonb), "
                 ":packer, :kg)", {"o": order_id, "p": pack_id, "parcels": payload, "packer": packer,
                                   "kg": expected}).scalars().all()
    order_no = session.execute(text("SELECT platform_order_no FROM sales.\"order\" WHERE id = :o"),
                               {"o": order_id}).scalar_one()
    return ShipResult(order_id, order_no, pack_id, tuple(shipment_info(session, i) for i in rows), replayed)


def void_shipment(session: Session, shipment_id: int, reason: str, *, replace: bool = False,
                  tracking_no: str | None = None) -> ShipmentInfo | None:
    """Void a parcel's label; its tracking number is never used again.  `replace`: a new label
    takes its place (`tracking_no`, else the pool's next), returned."""
    new_id = _call(session, "void a label", "SELECT fulfil.void_shipment(:s, :r, :rep, :t)",
                   {"s": shipment_id, "r": reason, "rep": replace,
                    "t": f.clean_tracking_no(tracking_no or "")}).scalar()
    return None if new_id is None else shipment_info(session, new_id)


def label_printed(session: Session, shipment_id: int) -> int:
    """Count a print of the parcel's label (the first or a reprint); returns the prints so far.
    A voided label is not printed again."""
    count = session.execute(text(
        "UPDATE fulfil.shipment SET labels_printed = labels_printed + 1, last_printed_at = now() "
        "WHERE id = :s AND status = 'shipped' RETURNING labels_printed"), {"s": shipment_id}).scalar()
    if count is None:
        info = shipment_info(session, shipment_id)      # NotFoundError when there is none
        raise f.LabelVoidedError(info.tracking_no)
    return count


def reprint(session: Session, shipment_id: int) -> d.ShippingLabelDoc:
    """The label to print again, counted."""
    label_printed(session, shipment_id)
    return shipping_label_doc(session, shipment_id)


# ---------------------------------------------------------------------------------------------
# tracking numbers
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrackingImport:
    range_id: int
    imported: int                   # new in the pool
    duplicates: int                 # the pool had them already
    rejected: tuple[str, ...]       # not tracking numbers (empty lines are skipped)


def import_tracking_numbers(session: Session, carrier_id: int, numbers: Iterable[str] | None = None, *,
                            number_range: str | tuple[str, str] | None = None,
                            file_name: str | None = None) -> TrackingImport:
    """Add numbers to a carrier's pool: a list (one per line of a carrier's file) or a range
    ('SF1000000001-SF1000001000'; UPU S10 numbers get their check digits).  Numbers the pool has
    already are counted, not added, so importing a file twice adds nothing."""
    if (numbers is None) == (number_range is None):
        raise ValueError("give the numbers or a range")
    rejected: list[str] = []
    first = last = None
    if number_range is not None:
        first, last = f.parse_range(number_range) if isinstance(number_range, str) else number_range
        wanted = f.expand_range(first, last)
        source = "range"
    else:
        wanted, seen = [], set()
        for raw in numbers or ():
            if not raw.strip():
                continue
            code = f.clean_tracking_no(raw)
            if code is None:
                rejected.append(raw.strip())
            elif code not in seen:
                seen.add(code)
                wanted.append(code)
        source = "list"
    row = _call(session, "import tracking numbers",
                "SELECT * FROM fulfil.import_tracking_numbers(:c, :n, :s, :a, :b, :f)",
                {"c": carrier_id, "n": wanted, "s": source, "a": first, "b": last, "f": file_name}).one()
    return TrackingImport(row.range_id, row.imported, row.duplicates, tuple(rejected))


def take_tracking_number(session: Session, carrier_id: int) -> str:
    """The carrier pool's next number, taken for good when the transaction commits (packers taking
    at once each get another); NoTrackingNumberError when the pool is empty."""
    return _call(session, "take a tracking number", "SELECT fulfil.take_tracking_no(:c)",
                 {"c": carrier_id}).scalar_one()


def pool_left(session: Session, carrier_id: int) -> int:
    """Numbers of the carrier's pool not taken yet."""
    return session.execute(text("SELECT count(*) FROM fulfil.tracking_number WHERE carrier_id = :c "
                                 "AND taken_at IS NULL"), {"c": carrier_id}).scalar_one()
