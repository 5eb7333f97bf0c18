"""What the Fulfilment dock reads and sets beyond services/fulfilment: the carriers with the
tracking numbers left in their pools and their label layouts (chosen here, by administrators),
how many approved orders a wave would take, a wave's orders and pick lines with what was picked
and found short, the latest shipments with their orders and packers, and a list as shown
written to Excel.

Reads are a few indexed queries each (the dock reloads them on every change it is told of);
the rules stay in the database and in services/fulfilment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.devices.labels import LAYOUTS
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import FieldError, NotFoundError, ValidationError

# ---------------------------------------------------------------------------------------------
# carriers: tracking pools and label layouts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierRow:
    id: int
    code: str
    name: str
    active: bool
    label_layout: str              # a name in devices.labels.LAYOUTS
    label_size: str                # 100x150, 100x180
    pool_left: int                 # tracking numbers not taken yet
    last_import_at: dt.datetime | None


def list_carrier_rows(session: Session) -> list[CarrierRow]:
    """Every carrier (active ones first, by name) with its pool and layout."""
    rows = session.execute(text(
        "SELECT c.id, c.code, c.name, c.active, c.label_layout, c.label_size, "
        "(SELECT count(*) FROM fulfil.tracking_number t WHERE t.carrier_id = c.id AND t.taken_at IS NULL) AS left_, "
        "(SELECT max(r.created_at) FROM fulfil.tracking_range r WHERE r.carrier_id = c.id) AS last_import "
        "FROM fulfil.carrier c ORDER BY NOT c.active, c.name, c.id"))
    return [CarrierRow(r.id, r.code, r.name, r.active, r.label_layout, r.label_size, r.left_, r.last_import)
            for r in rows]


def set_label_layout(session: Session, carrier_id: int, layout: str) -> None:
    """The carrier's labels are printed with `layout` (a name in devices.labels.LAYOUTS), on the
    label size that layout is drawn for.  Administrators only (the database refuses others)."""
    if layout not in LAYOUTS:
        raise ValidationError([FieldError("label_layout", "invalid_choice",
                                          f"{layout!r}: known layouts are {', '.join(sorted(LAYOUTS))}")])
    found = session.execute(text("UPDATE fulfil.carrier SET label_layout = :l, label_size = :s WHERE id = :c "
                                 "RETURNING id"), {"l": layout, "s": LAYOUTS[layout].size, "c": carrier_id}).scalar()
    if found is None:
        raise NotFoundError("carrier", carrier_id)


# ---------------------------------------------------------------------------------------------
# waves
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WaveCandidates:
    orders: int                    # approved orders a wave may take (warehouse and carrier set, not stopped)
    single_item: int               # of them, one unit of one plain SKU


def wave_candidates(session: Session, *, warehouse_id: int | None = None,
                    carrier_id: int | None = None) -> WaveCandidates:
    """How many approved orders create_waves would put into waves with these filters."""
    rows = session.execute(text(
        "SELECT count(l.id) AS lines, coalesce(sum(l.sku_quantity), 0) AS units, bool_or(k.is_kit) AS kit "
        "FROM sales.\"order\" o JOIN sales.order_line l ON l.order_id = o.id AND l.sku_id IS NOT NULL "
        "  AND l.platform_status NOT IN ('refunded', 'cancelled') "
        "JOIN catalog.sku k ON k.id = l.sku_id "
        "WHERE o.status = 'approved' AND o.warehouse_id IS NOT NULL AND o.carrier_id IS NOT NULL "
        "AND (CAST(:wh AS integer) IS NULL OR o.warehouse_id = :wh) "
        "AND (CAST(:c AS integer) IS NULL OR o.carrier_id = :c) "
        "AND fulfil.stop_reason(o.platform_status, o.hold_reason) IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM fulfil.wave_order w WHERE w.order_id = o.id AND w.removed_at IS NULL) "
        "GROUP BY o.id"), {"wh": warehouse_id, "c": carrier_id}).all()
    single = sum(1 for r in rows if r.lines == 1 and f.is_single_item([(r.units, r.kit)]))
    return WaveCandidates(len(rows), single)


@dataclass(frozen=True)
class WaveOrderRow:
    order_id: int
    order_no: str                  # the platform order number
    shop: str
    status: str                    # the order's status now
    hold_reason: str | None
    receiver: str
    units: Decimal
    seq: int
    removed_at: dt.datetime | None  # taken out of the wave (short pick, cancelled, by hand)
    removed_reason: str
    tracking_nos: str              # its live parcels' numbers, comma separated


def wave_orders(session: Session, wave_id: int) -> list[WaveOrderRow]:
    """The wave's orders in their order, those taken out last."""
    rows = session.execute(text(
        "SELECT wo.order_id, o.platform_order_no, s.name AS shop, o.status, o.hold_reason, o.receiver_name, wo.seq, "
        "wo.removed_at, coalesce(wo.removed_reason, '') AS removed_reason, "
        "(SELECT coalesce(sum(l.sku_quantity), 0) FROM sales.order_line l WHERE l.order_id = o.id "
        "  AND l.sku_id IS NOT NULL AND l.platform_status NOT IN ('refunded', 'cancelled')) AS units, "
        "coalesce((SELECT string_agg(sh.tracking_no, ', ' ORDER BY sh.parcel_no) FROM fulfil.shipment sh "
        "  WHERE sh.order_id = o.id AND sh.status = 'shipped'), '') AS tracking "
        "FROM fulfil.wave_order wo JOIN sales.\"order\" o ON o.id = wo.order_id JOIN sales.shop s ON s.id = o.shop_id "
        "WHERE wo.wave_id = :w ORDER BY wo.removed_at IS NOT NULL, wo.seq, wo.id"), {"w": wave_id})
    return [WaveOrderRow(r.order_id, r.platform_order_no, r.shop, r.status, r.hold_reason, r.receiver_name or "",
                         r.units, r.seq, r.removed_at, r.removed_reason, r.tracking) for r in rows]


@dataclass(frozen=True)
class PickLineRow:
    id: int
    location_code: str             # "" when no stock was found for it
    sku_id: int
    sku_code: str
    name: str
    spec: str
    lot_no: str
    expires_on: dt.date | None
    quantity: Decimal
    picked: Decimal
    short: Decimal
    short_reason: str
    order_count: int

    @property
    def open(self) -> Decimal:
        return self.quantity - self.picked - self.short


def wave_pick_lines(session: Session, wave_id: int) -> list[PickLineRow]:
    """The wave's pick lines in pick-path order (as its picking list prints them) with what was
    picked and found short so far."""
    rows = session.execute(text(
        "SELECT p.id, coalesce(l.code, '') AS location, p.sku_id, k.code, k.name, k.spec, "
        "coalesce(t.lot_no, '') AS lot, "
        "t.expires_on, p.quantity, p.picked_quantity, p.short_quantity, coalesce(p.short_reason, '') AS reason, "
        "p.order_count FROM fulfil.pick_line p JOIN catalog.sku k ON k.id = p.sku_id "
        "LEFT JOIN stock.location l ON l.id = p.location_id LEFT JOIN stock.lot t ON t.id = p.lot_id "
        "WHERE p.wave_id = :w ORDER BY p.pick_order, l.code NULLS LAST, k.code, t.expires_on NULLS LAST, p.id"),
        {"w": wave_id})
    return [PickLineRow(r.id, r.location, r.sku_id, r.code, r.name, r.spec or "", r.lot, r.expires_on, r.quantity,
                        r.picked_quantity, r.short_quantity, r.reason, r.order_count) for r in rows]


def wave_order_ids(session: Session, wave_ids: Sequence[int]) -> list[int]:
    """The orders in the waves now (not taken out), wave by wave in their order: whose invoices
    and packing slips a wave prints."""
    return list(session.execute(text(
        "SELECT wo.order_id FROM fulfil.wave_order wo WHERE wo.wave_id = ANY(:w) AND wo.removed_at IS NULL "
        "ORDER BY array_position(CAST(:w AS bigint[]), wo.wave_id), wo.seq, wo.id"), {"w": list(wave_ids)}).scalars())


def order_numbers(session: Session, order_ids: Sequence[int]) -> dict[int, str]:
    """id -> platform order number."""
    return dict(session.execute(text("SELECT id, platform_order_no FROM sales.\"order\" WHERE id = ANY(:i)"),
                                {"i": list(order_ids)}).all())


# ---------------------------------------------------------------------------------------------
# shipments
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShipmentRow:
    id: int
    order_id: int
    order_no: str
    shop: str
    parcel_no: int
    parcel_count: int
    carrier: str                   # its name
    tracking_no: str
    weight_kg: Decimal | None
    packer: str
    status: str                    # shipped, voided
    confirm_state: str             # pending, confirmed, exported, failed
    confirm_error: str
    labels_printed: int
    shipped_at: dt.datetime
    void_reason: str


def recent_shipments(session: Session, search: str = "", limit: int = 200) -> list[ShipmentRow]:
    """The latest parcels, newest first; `search`: a tracking number, a platform order number or
    our order code (SO123), matched exactly (each by its index)."""
    search = search.strip()
    own = f.parse_order_code(search) if search else None
    rows = session.execute(text(
        "SELECT s.id, s.order_id, o.platform_order_no, sh.name AS shop, s.parcel_no, s.parcel_count, "
        "c.name AS carrier, s.tracking_no, s.weight_kg, s.packer, s.status, s.confirm_state, "
        "coalesce(s.confirm_error, '') AS error, "
        "s.labels_printed, s.shipped_at, coalesce(s.void_reason, '') AS void_reason "
        "FROM fulfil.shipment s JOIN sales.\"order\" o ON o.id = s.order_id JOIN sales.shop sh ON sh.id = o.shop_id "
        "JOIN fulfil.carrier c ON c.id = s.carrier_id "
        "WHERE CAST(:q AS text) IS NULL OR s.tracking_no = :t OR s.order_id = :own "
        "OR s.order_id IN (SELECT x.id FROM sales.\"order\" x WHERE x.platform_order_no = :q) "
        "ORDER BY s.id DESC LIMIT :n"),
        {"q": search or None, "t": f.clean_tracking_no(search) or search, "own": own, "n": limit})
    return [ShipmentRow(r.id, r.order_id, r.platform_order_no, r.shop, r.parcel_no, r.parcel_count, r.carrier,
                        r.tracking_no, r.weight_kg, r.packer, r.status, r.confirm_state, r.error, r.labels_printed,
                        r.shipped_at, r.void_reason) for r in rows]


# ---------------------------------------------------------------------------------------------
# a list as shown, to Excel
# ---------------------------------------------------------------------------------------------

def export_rows(path: str | Path, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """The rows (already in the order and columns shown) under bold headers in one sheet; numbers
    stay numbers.  Returns the rows written."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31] or "Sheet")
    ws.freeze_panes = "A2"
    for i, heading in enumerate(headers):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = max(10, min(30, len(heading) * 2 + 4))
    bold = Font(bold=True)
    head = []
    for h in headers:
        c = WriteOnlyCell(ws, h)
        c.font = bold
        head.append(c)
    ws.append(head)
    for row in rows:
        ws.append([v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v for v in row])
    wb.save(Path(path))
    return len(rows)
