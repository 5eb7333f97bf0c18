"""The read side of fulfilment: waves as lists show them, what the packing station needs for the
code it scanned, and the printed documents (picking list, invoice, packing slip, shipping label)
as plain data for the renderers (domain/documents.py).

The packing station's look-up is on its budget (scan to feedback < 50 ms at the 95th percentile,
database included): a handful of indexed queries, no ORM, the matching of scanned item barcodes
left to the station (PackOrder.item_for) so an item scan needs no round trip at all."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain import documents as d
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import NotFoundError

PACKING_SETTING = "fulfil.packing"      # {"packaging_kg", "tolerance_kg", "tolerance_pct"}
SENDER_SETTING = "fulfil.sender"        # {"name", "phone", "address", "postal_code"}
STOPPING_HOLDS = ("cancel_requested", "refund_requested", "merged_order_cancelled", "shipped_elsewhere")
STOPPING_PLATFORM = ("cancelled", "refunded", "refunding")
_WAVE_NO = re.compile(r"^W\d{10,}$")
_BARCODE_RANK = "CASE b.kind WHEN 'EAN13' THEN 1 WHEN 'UPCA' THEN 2 WHEN 'EAN8' THEN 3 WHEN 'GTIN14' THEN 4 ELSE 5 END"


@dataclass(frozen=True)
class PackingSettings:
    packaging_kg: Decimal = Decimal("0.05")       # box and filling, added to the SKU weights
    tolerance_kg: Decimal = Decimal("0.05")
    tolerance_pct: Decimal = Decimal("5")


@dataclass(frozen=True)
class WaveSummary:
    id: int
    wave_no: str
    warehouse_id: int
    warehouse: str                 # its code
    carrier_id: int | None
    carrier: str                   # its name ("" for none)
    single_item: bool
    status: str                    # open, picking, picked, done, cancelled
    orders: int                    # in it now (not taken out)
    shipped: int
    pick_lines: int
    units: Decimal                 # to pick in all
    created_at: dt.datetime


@dataclass(frozen=True)
class ShipmentInfo:
    id: int
    order_id: int
    parcel_no: int
    parcel_count: int
    carrier_id: int
    carrier: str                   # its code
    tracking_no: str
    weight_kg: Decimal | None
    status: str                    # shipped, voided
    labels_printed: int
    confirm_state: str             # pending, confirmed, exported, failed
    pack_id: str


@dataclass(frozen=True)
class PackItem:
    sku_id: int
    sku_code: str
    title: str
    variant: str
    quantity: Decimal
    barcodes: tuple[str, ...]      # every code that scans as this SKU: its barcodes and its own code
    weight_kg: Decimal | None
    kit_code: str = ""             # the kit it is a component of, when it is


@dataclass(frozen=True)
class PackOrder:
    """An order as the packing station shows it after a scan."""

    order_id: int
    order_code: str                # SO123: our barcode on the invoice and packing slip
    order_no: str                  # the platform order number
    platform_order_nos: tuple[str, ...]
    shop: str
    status: str
    hold_reason: str | None
    carrier_id: int | None
    carrier: str
    service: str
    receiver_name: str
    items: tuple[PackItem, ...]
    expected_weight_kg: Decimal | None     # SKU weights and packaging; None when a SKU has no weight
    settings: PackingSettings
    wave_id: int | None = None
    wave_no: str = ""
    left_in_wave: int = 0          # the wave's orders still to pack, this one included
    buyer_message: str = ""
    seller_memo: str = ""
    shipments: tuple[ShipmentInfo, ...] = ()

    @property
    def ready(self) -> bool:
        return self.status in ("approved", "picking")

    @property
    def units(self) -> Decimal:
        return sum((i.quantity for i in self.items), Decimal(0))

    def item_for(self, code: str) -> PackItem | None:
        """The item a scanned barcode (or typed SKU code) is, None when the order has no such item."""
        code = code.strip()
        for item in self.items:
            if code in item.barcodes or code.lower() == item.sku_code.lower():
                return item
        return None

    def check_weight(self, actual_kg: Decimal) -> f.WeightCheck:
        return f.check_weight(self.expected_weight_kg, actual_kg, tolerance_kg=self.settings.tolerance_kg,
                              tolerance_pct=self.settings.tolerance_pct)


# ---------------------------------------------------------------------------------------------
# settings
# ---------------------------------------------------------------------------------------------

def _setting(session: Session, key: str) -> dict[str, Any]:
    value = session.execute(text("SELECT value FROM core.setting WHERE key = :k"), {"k": key}).scalar()
    return dict(value) if isinstance(value, dict) else {}


def _save_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    session.execute(text("INSERT INTO core.setting (key, value) VALUES (:k, CAST(:v AS jsonb)) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                    {"k": key, "v": json.dumps(value, ensure_ascii=False)})


def packing_settings(session: Session) -> PackingSettings:
    raw = _setting(session, PACKING_SETTING)
    default = PackingSettings()
    return PackingSettings(*(Decimal(str(raw.get(k, getattr(default, k)))) for k in
                             ("packaging_kg", "tolerance_kg", "tolerance_pct")))


def save_packing_settings(session: Session, settings: PackingSettings) -> None:
    """Packaging weight and the scale's tolerance for every station (administrators)."""
    _save_setting(session, PACKING_SETTING, {k: str(getattr(settings, k)) for k in
                                             ("packaging_kg", "tolerance_kg", "tolerance_pct")})


def save_sender(session: Session, sender: d.Party) -> None:
    """The sender printed on shipping labels (administrators); unset parts come from the company
    and the shipping warehouse."""
    _save_setting(session, SENDER_SETTING, {"name": sender.name, "phone": sender.phone, "address": sender.address,
                                            "postal_code": sender.postal_code})


def company_header(session: Session) -> d.CompanyHeader:
    row = session.execute(text("SELECT name, legal_name, address, phone, tax_id FROM core.company "
                               "ORDER BY id LIMIT 1")).first()
    if row is None:
        return d.CompanyHeader(name="")
    return d.CompanyHeader(name=row.legal_name or row.name, address=row.address or "", phone=row.phone or "",
                           tax_id=row.tax_id or "")


def sender_party(session: Session, warehouse_id: int | None) -> d.Party:
    saved = _setting(session, SENDER_SETTING)
    company = session.execute(text("SELECT name, address, phone FROM core.company ORDER BY id LIMIT 1")).first()
    wh = session.execute(text("SELECT province, city, address FROM stock.warehouse WHERE id = :w"),
                         {"w": warehouse_id}).first() if warehouse_id is not None else None
    wh_address = " ".join(p for p in (wh.province, wh.city, wh.address) if p) if wh is not None else ""
    return d.Party(name=saved.get("name") or (company.name if company else ""),
                   phone=saved.get("phone") or (company.phone or "" if company else ""),
                   address=saved.get("address") or wh_address or (company.address or "" if company else ""),
                   postal_code=saved.get("postal_code") or "")


# ---------------------------------------------------------------------------------------------
# waves
# ---------------------------------------------------------------------------------------------

_WAVES = """
SELECT w.id, w.wave_no, w.warehouse_id, wh.code AS warehouse, w.carrier_id, coalesce(c.name, '') AS carrier,
       w.single_item, w.status, w.created_at,
       (SELECT count(*) FROM fulfil.wave_order wo WHERE wo.wave_id = w.id AND wo.removed_at IS NULL) AS orders,
       (SELECT count(DISTINCT s.order_id) FROM fulfil.shipment s WHERE s.wave_id = w.id AND s.status = 'shipped')
           AS shipped,
       (SELECT count(*) FROM fulfil.pick_line p WHERE p.wave_id = w.id) AS pick_lines,
       (SELECT coalesce(sum(p.quantity), 0) FROM fulfil.pick_line p WHERE p.wave_id = w.id) AS units
FROM fulfil.wave w JOIN stock.warehouse wh ON wh.id = w.warehouse_id LEFT JOIN fulfil.carrier c ON c.id = w.carrier_id
"""


def _summary(r: Any) -> WaveSummary:
    return WaveSummary(r.id, r.wave_no, r.warehouse_id, r.warehouse, r.carrier_id, r.carrier, r.single_item, r.status,
                       r.orders, r.shipped, r.pick_lines, r.units, r.created_at)


def wave_summaries(session: Session, wave_ids: Sequence[int]) -> list[WaveSummary]:
    rows = session.execute(text(_WAVES + " WHERE w.id = ANY(:ids) ORDER BY w.id"), {"ids": list(wave_ids)})
    return [_summary(r) for r in rows]


def list_waves(session: Session, *, status: str | None = None, warehouse_id: int | None = None,
               limit: int = 50) -> list[WaveSummary]:
    """Newest first; `status` None: every wave not done or cancelled."""
    rows = session.execute(text(
        _WAVES + " WHERE (CAST(:st AS text) IS NULL AND w.status NOT IN ('done', 'cancelled') OR w.status = :st) "
        "AND (CAST(:wh AS integer) IS NULL OR w.warehouse_id = :wh) ORDER BY w.id DESC LIMIT :n"),
        {"st": status, "wh": warehouse_id, "n": limit})
    return [_summary(r) for r in rows]


def find_wave(session: Session, wave: int | str) -> int:
    """A wave's id from its number (as scanned) or id."""
    if isinstance(wave, int) or str(wave).isdigit():
        found = session.execute(text("SELECT id FROM fulfil.wave WHERE id = :i"), {"i": int(wave)}).scalar()
    else:
        found = session.execute(text("SELECT id FROM fulfil.wave WHERE wave_no = :n"),
                                {"n": str(wave).strip().upper()}).scalar()
    if found is None:
        raise NotFoundError("wave", wave)
    return found


def _sku_barcode(session: Session, sku_ids: Sequence[int]) -> dict[int, str]:
    """The barcode printed for each SKU: a GTIN first, else a Code 128, else its code when a scanner can carry it."""
    rows = session.execute(text(
        "SELECT s.id, coalesce((SELECT b.code FROM catalog.barcode b WHERE b.sku_id = s.id "
        f"ORDER BY {_BARCODE_RANK}, b.id LIMIT 1), s.code) FROM catalog.sku s WHERE s.id = ANY(:k)"),
        {"k": list(sku_ids)})
    return {i: code if re.fullmatch(r"[\x21-\x7e]+", code) else "" for i, code in rows}


def picking_list(session: Session, wave_id: int) -> d.PickingListDoc:
    """The wave's picking list in pick-path order: per bin, SKU and lot how many in all."""
    w = session.execute(text(
        "SELECT w.wave_no, w.note, w.created_at, wh.name AS warehouse, coalesce(c.name, '') AS carrier, "
        "w.warehouse_id FROM fulfil.wave w JOIN stock.warehouse wh ON wh.id = w.warehouse_id "
        "LEFT JOIN fulfil.carrier c ON c.id = w.carrier_id WHERE w.id = :w"), {"w": wave_id}).first()
    if w is None:
        raise NotFoundError("wave", wave_id)
    rows = session.execute(text(
        "SELECT coalesce(l.code, '?') AS location, p.pick_order, k.id AS sku_id, k.code, k.name, k.spec, "
        "p.quantity, t.lot_no, t.expires_on, p.order_count FROM fulfil.pick_line p "
        "JOIN catalog.sku k ON k.id = p.sku_id LEFT JOIN stock.location l ON l.id = p.location_id "
        "LEFT JOIN stock.lot t ON t.id = p.lot_id WHERE p.wave_id = :w "
        "ORDER BY p.pick_order, l.code NULLS LAST, k.code, t.expires_on NULLS LAST, p.id"), {"w": wave_id}).all()
    barcodes = _sku_barcode(session, sorted({r.sku_id for r in rows}))
    orders = session.execute(text(
        "SELECT o.platform_order_no FROM fulfil.wave_order wo JOIN sales.\"order\" o ON o.id = wo.order_id "
        "WHERE wo.wave_id = :w AND wo.removed_at IS NULL ORDER BY wo.seq"), {"w": wave_id}).scalars().all()
    return d.PickingListDoc(
        company=company_header(session), wave_no=w.wave_no, warehouse=w.warehouse, carrier=w.carrier,
        created_at=w.created_at, order_nos=tuple(orders), note=w.note,
        lines=tuple(d.PickLine(r.location, r.code, r.name, r.quantity, r.pick_order, r.spec, r.lot_no or "",
                               r.expires_on, barcodes.get(r.sku_id, ""), r.order_count) for r in rows))


# ---------------------------------------------------------------------------------------------
# the packing station
# ---------------------------------------------------------------------------------------------

def stop_reason(status: str, platform_status: str, hold_reason: str | None) -> str | None:
    """Why an order must not be packed, None when nothing stops it (sql/0012 fulfil.stop_reason)."""
    if status == "cancelled":
        return hold_reason or "cancelled"
    if status == "shipped":
        return None
    if platform_status in STOPPING_PLATFORM:
        return platform_status
    if hold_reason in STOPPING_HOLDS:
        return hold_reason
    return None


def order_by_code(session: Session, code: str) -> int | None:
    """Our order code, else a platform order number (an order merged into another: that one),
    else a parcel's tracking number."""
    own = f.parse_order_code(code)
    if own is not None:
        return session.execute(text("SELECT id FROM sales.\"order\" WHERE id = :i"), {"i": own}).scalar()
    rows = session.execute(text(
        "SELECT id, status, merged_into FROM sales.\"order\" WHERE platform_order_no = :c "
        "ORDER BY status IN ('shipped', 'cancelled'), id DESC"), {"c": code}).all()
    if rows:
        first = rows[0]
        return first.merged_into if first.status == "cancelled" and first.merged_into else first.id
    found = session.execute(text("SELECT order_id FROM fulfil.shipment WHERE tracking_no = :c "
                                 "ORDER BY status = 'voided', id DESC LIMIT 1"), {"c": code}).scalar()
    if found is None:
        found = session.execute(text("SELECT id FROM sales.\"order\" WHERE tracking_no = :c ORDER BY id DESC "
                                     "LIMIT 1"), {"c": code}).scalar()
    return found


def find_for_packing(session: Session, code: str) -> PackOrder:
    """The order a scanned code names: a wave's number (its next order to pack), our order code
    (SO123), a platform order number or a tracking number.  An order that must not ship
    (cancelled here or on its platform, being refunded ...) raises OrderStoppedError with the
    reason; a shipped one comes back with its parcels (to reprint or void)."""
    code = code.strip()
    if not code:
        raise NotFoundError("order", code)
    if _WAVE_NO.match(code.upper()):
        return find_in_wave(session, code.upper())
    order_id = order_by_code(session, code)
    if order_id is None:
        raise NotFoundError("order", code)
    return pack_order(session, order_id)


def find_in_wave(session: Session, wave: int | str, item_code: str | None = None) -> PackOrder:
    """The wave's next order to pack (its place in the wave), or with `item_code` the next one
    that wants that item: a single-item wave packs as its items are scanned."""
    wave_id = find_wave(session, wave)
    sku_id = None
    if item_code:
        sku_id = session.execute(text(
            "SELECT sku_id FROM catalog.barcode WHERE code = :c UNION ALL "
            "SELECT id FROM catalog.sku WHERE lower(code) = lower(:c) LIMIT 1"), {"c": item_code.strip()}).scalar()
    rows = session.execute(text(
        "SELECT o.id, o.status, o.platform_status, o.hold_reason FROM fulfil.wave_order wo "
        "JOIN sales.\"order\" o ON o.id = wo.order_id WHERE wo.wave_id = :w AND wo.removed_at IS NULL "
        "AND o.status = 'picking' AND (CAST(:k AS integer) IS NULL OR EXISTS (SELECT 1 FROM sales.order_line l "
        "LEFT JOIN catalog.kit_component c ON c.kit_sku_id = l.sku_id WHERE l.order_id = o.id "
        "AND coalesce(c.component_sku_id, l.sku_id) = :k)) ORDER BY wo.seq"), {"w": wave_id, "k": sku_id}).all()
    wave_no = session.execute(text("SELECT wave_no FROM fulfil.wave WHERE id = :w"), {"w": wave_id}).scalar_one()
    for r in rows:        # orders stopped meanwhile are skipped: the station is told when it scans them
        if stop_reason(r.status, r.platform_status, r.hold_reason) is None:
            return pack_order(session, r.id)
    raise f.NothingToPackError(wave_no, item_code or "")


def pack_order(session: Session, order_id: int, *, stop: bool = True) -> PackOrder:
    """The order with what goes into its parcel (kits as their components), each item's
    barcodes, the expected weight and its parcels so far.  `stop`: raise OrderStoppedError for an
    order that must not be packed."""
    o = session.execute(text(
        "SELECT o.id, o.platform_order_no, o.platform_order_nos, o.status, o.platform_status, o.hold_reason, "
        "o.carrier_id, coalesce(c.name, '') AS carrier, o.carrier_service, o.receiver_name, o.buyer_message, "
        "o.seller_memo, s.name AS shop, wo.wave_id, w.wave_no FROM sales.\"order\" o "
        "JOIN sales.shop s ON s.id = o.shop_id LEFT JOIN fulfil.carrier c ON c.id = o.carrier_id "
        "LEFT JOIN fulfil.wave_order wo ON wo.order_id = o.id AND wo.removed_at IS NULL "
        "LEFT JOIN fulfil.wave w ON w.id = wo.wave_id WHERE o.id = :o"), {"o": order_id}).first()
    if o is None:
        raise NotFoundError("order", order_id)
    why = stop_reason(o.status, o.platform_status, o.hold_reason)
    if stop and why is not None:
        raise f.OrderStoppedError(o.platform_order_no, why)
    rows = session.execute(text(
        "SELECT k.id, k.code, k.name, k.spec, k.weight_kg, sum(x.qty) AS qty, min(x.kit) AS kit, "
        "array_remove(array_agg(DISTINCT b.code), NULL) AS barcodes FROM ("
        "  SELECT coalesce(c.component_sku_id, l.sku_id) AS sku, l.sku_quantity * coalesce(c.quantity, 1) AS qty, "
        "         CASE WHEN c.kit_sku_id IS NOT NULL THEN kit.code END AS kit "
        "  FROM sales.order_line l LEFT JOIN catalog.kit_component c ON c.kit_sku_id = l.sku_id "
        "  LEFT JOIN catalog.sku kit ON kit.id = c.kit_sku_id "
        "  WHERE l.order_id = :o AND l.sku_id IS NOT NULL AND l.platform_status NOT IN ('refunded', 'cancelled')) x "
        "JOIN catalog.sku k ON k.id = x.sku LEFT JOIN catalog.barcode b ON b.sku_id = k.id "
        "GROUP BY k.id ORDER BY k.code"), {"o": order_id}).all()
    items = tuple(PackItem(r.id, r.code, r.name, r.spec, r.qty, (*sorted(r.barcodes), r.code), r.weight_kg,
                           r.kit or "") for r in rows)
    settings = packing_settings(session)
    expected = None
    if items and all(i.weight_kg is not None for i in items):
        expected = sum((i.weight_kg * i.quantity for i in items), settings.packaging_kg)
    left = 0
    if o.wave_id is not None:
        left = session.execute(text(
            "SELECT count(*) FROM fulfil.wave_order wo JOIN sales.\"order\" x ON x.id = wo.order_id "
            "WHERE wo.wave_id = :w AND wo.removed_at IS NULL AND x.status = 'picking'"), {"w": o.wave_id}).scalar_one()
    return PackOrder(
        order_id=o.id, order_code=f.order_code(o.id), order_no=o.platform_order_no,
        platform_order_nos=tuple(o.platform_order_nos or (o.platform_order_no,)), shop=o.shop, status=o.status,
        hold_reason=o.hold_reason, carrier_id=o.carrier_id, carrier=o.carrier, service=o.carrier_service,
        receiver_name=o.receiver_name, items=items, expected_weight_kg=expected, settings=settings,
        wave_id=o.wave_id, wave_no=o.wave_no or "", left_in_wave=left, buyer_message=o.buyer_message,
        seller_memo=o.seller_memo, shipments=tuple(shipments_of(session, order_id)))


_SHIPMENTS = ("SELECT s.id, s.order_id, s.parcel_no, s.parcel_count, s.carrier_id, c.code AS carrier, s.tracking_no, "
              "s.weight_kg, s.status, s.labels_printed, s.confirm_state, s.pack_id FROM fulfil.shipment s "
              "JOIN fulfil.carrier c ON c.id = s.carrier_id ")


def _shipment(r: Any) -> ShipmentInfo:
    return ShipmentInfo(r.id, r.order_id, r.parcel_no, r.parcel_count, r.carrier_id, r.carrier, r.tracking_no,
                        r.weight_kg, r.status, r.labels_printed, r.confirm_state, str(r.pack_id))


def shipments_of(session: Session, order_id: int) -> list[ShipmentInfo]:
    """The order's parcels, live ones first."""
    rows = session.execute(text(_SHIPMENTS + "WHERE s.order_id = :o ORDER BY s.status = 'voided', s.parcel_no, s.id"),
                           {"o": order_id})
    return [_shipment(r) for r in rows]


def shipment_info(session: Session, shipment_id: int) -> ShipmentInfo:
    row = session.execute(text(_SHIPMENTS + "WHERE s.id = :s"), {"s": shipment_id}).first()
    if row is None:
        raise NotFoundError("shipment", shipment_id)
    return _shipment(row)


# ---------------------------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------------------------

def _recipient(o: Any) -> d.Party:
    address = " ".join(p for p in (o.province, o.city, o.district, o.address_detail) if p) or o.address_raw
    phone = o.receiver_phone + (f"-{o.phone_ext}" if o.phone_ext and o.phone_ext not in o.receiver_phone else "")
    return d.Party(o.receiver_name, phone, address, o.postal_code)


def _order_row(session: Session, order_id: int) -> Any:
    o = session.execute(text(
        "SELECT o.*, s.name AS shop_name, coalesce(c.name, '') AS carrier_name FROM sales.\"order\" o "
        "JOIN sales.shop s ON s.id = o.shop_id LEFT JOIN fulfil.carrier c ON c.id = o.carrier_id WHERE o.id = :o"),
        {"o": order_id}).first()
    if o is None:
        raise NotFoundError("order", order_id)
    return o


def _document_lines(session: Session, order_id: int, prices: bool) -> tuple[d.DocumentLine, ...]:
    rows = session.execute(text(
        "SELECT l.sku_id, coalesce(k.code, l.platform_sku) AS code, "
        "coalesce(nullif(l.title, ''), k.name, '') AS title, "
        "coalesce(nullif(l.variant, ''), k.spec, '') AS variant, l.quantity, l.unit_price, l.amount "
        "FROM sales.order_line l LEFT JOIN catalog.sku k ON k.id = l.sku_id WHERE l.order_id = :o "
        "AND l.platform_status NOT IN ('refunded', 'cancelled') ORDER BY l.line_no"), {"o": order_id}).all()
    barcodes = _sku_barcode(session, sorted({r.sku_id for r in rows if r.sku_id is not None}))
    return tuple(d.DocumentLine(r.code, r.title, r.quantity, r.variant, r.unit_price if prices else None,
                                r.amount if prices else None, barcodes.get(r.sku_id, "")) for r in rows)


def invoice_doc(session: Session, order_id: int) -> d.InvoiceDoc:
    """The invoice / delivery note (发货单) of an order; its barcode is our order code."""
    o = _order_row(session, order_id)
    return d.InvoiceDoc(
        company=company_header(session), order_no=f.order_code(o.id), shop_name=o.shop_name, recipient=_recipient(o),
        lines=_document_lines(session, order_id, prices=True),
        platform_order_nos=tuple(o.platform_order_nos or (o.platform_order_no,)), ordered_at=o.ordered_at,
        paid_at=o.paid_at, currency=o.currency, goods_amount=o.goods_amount, discount=o.discount,
        shipping_fee=o.shipping_fee, paid_amount=o.paid_amount, buyer_message=o.buyer_message,
        seller_memo=o.seller_memo, carrier=o.carrier_name, tracking_no=o.tracking_no or "",
        printed_at=dt.datetime.now(dt.UTC))


def packing_slip_doc(session: Session, order_id: int, shipment_id: int | None = None) -> d.PackingSlipDoc:
    """What goes into the order's parcel, without prices (a shipment: its parcel number and label)."""
    o = _order_row(session, order_id)
    parcel = packer = None
    if shipment_id is not None:
        parcel = session.execute(text("SELECT parcel_no, parcel_count, tracking_no, packer FROM fulfil.shipment "
                                      "WHERE id = :s AND order_id = :o"), {"s": shipment_id, "o": order_id}).first()
        if parcel is None:
            raise NotFoundError("shipment", shipment_id)
        packer = parcel.packer
    return d.PackingSlipDoc(
        company=company_header(session), order_no=f.order_code(o.id), recipient=_recipient(o),
        lines=_document_lines(session, order_id, prices=False), parcel_no=parcel.parcel_no if parcel else 1,
        parcel_count=parcel.parcel_count if parcel else 1, packer=packer or "",
        tracking_no=parcel.tracking_no if parcel else (o.tracking_no or ""), note=o.buyer_message)


def shipping_label_doc(session: Session, shipment_id: int) -> d.ShippingLabelDoc:
    """A parcel's label: recipient, sender, the carrier's layout and size, the tracking barcode."""
    s = session.execute(text(
        "SELECT s.*, c.name AS carrier_name, c.label_layout, c.label_size FROM fulfil.shipment s "
        "JOIN fulfil.carrier c ON c.id = s.carrier_id WHERE s.id = :s"), {"s": shipment_id}).first()
    if s is None:
        raise NotFoundError("shipment", shipment_id)
    o = _order_row(session, s.order_id)
    lines = _document_lines(session, s.order_id, prices=False)
    return d.ShippingLabelDoc(
        carrier=s.carrier_name, tracking_no=s.tracking_no, order_no=o.platform_order_no, recipient=_recipient(o),
        sender=sender_party(session, o.warehouse_id),
        items_summary=f.items_summary((ln.title, ln.variant, ln.quantity) for ln in lines), size=s.label_size,
        service=s.service, weight_kg=s.weight_kg, parcel_no=s.parcel_no, parcel_count=s.parcel_count,
        printed_at=dt.datetime.now(dt.UTC),
        extra={"layout": s.label_layout, "shop": o.shop_name, "order_code": f.order_code(o.id),
               "status": s.status})
