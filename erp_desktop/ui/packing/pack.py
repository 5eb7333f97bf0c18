"""One order on the packing bench, in memory: which of its items were scanned into which parcel,
the lots GS1 codes named, each parcel's weight, and the pack id made when packing began.

Matching a scan is done here, without the database (the station's budget is 50 ms from scan to
screen): the PackOrder loaded with the order carries every code that scans as each item.  No Qt
here, so the rules of a pack are tested on their own."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.gs1 import Gs1Error, looks_like_gs1, parse_gs1
from erp_desktop.services.fulfilment import PackItem, PackOrder, Parcel

ZERO = Decimal(0)
ONE = Decimal(1)
MAX_WEIGHT_KG = Decimal(1000)
_WEIGHT = re.compile(r"^\d{1,4}(?:[.,]\d{1,3})?$")

# command barcodes (print them as Code 128 with the asterisks) and what they do
COMMANDS = {
    "*DONE*": "done",             # ship now: accept a weight outside the tolerance
    "*NEWPARCEL*": "new_parcel",  # close this parcel (weigh it) and fill the next
    "*WEIGH*": "weigh",           # read the scale again
    "*MANUAL*": "manual",         # no scale: type the weight
    "*NOSLIP*": "no_slip",        # no packing slip for this order
    "*REPRINT*": "reprint",       # print the label(s) of the order shown again
    "*VOID*": "void",             # void the label(s) of the order shown (scanned twice)
    "*RELABEL*": "relabel",       # void the label(s) and print new ones in their place (scanned twice)
    "*CANCEL*": "cancel",         # put the order aside: its scans are dropped
    "*TRACKING*": "tracking",     # the next scan is the tracking number of a pre-printed label on this parcel
}
_TRACKING = re.compile(r"^[0-9A-Za-z-]{6,40}$")


def tracking_number(code: str) -> str | None:
    """A scanned or typed tracking number as carriers print them (letters, digits, dashes), else None."""
    code = code.strip()
    return code.upper() if _TRACKING.match(code) else None


def command_of(code: str) -> str | None:
    """The command a scanned command barcode (or its text) names, None for any other code."""
    return COMMANDS.get(code.strip().upper())


def parse_weight(text: str) -> Decimal | None:
    """A typed weight in kg ("1.35", "1,35"), None when the text is not one."""
    text = text.strip()
    if not _WEIGHT.match(text):
        return None
    kg = Decimal(text.replace(",", "."))
    return kg if ZERO < kg < MAX_WEIGHT_KG else None


def gtin_forms(code: str) -> tuple[str, ...]:
    """The forms one GTIN takes in a catalog: a GTIN-14 from a GS1 code (or an ITF-14) is the
    EAN-13, UPC-A or EAN-8 with leading zeros; a scanner may send a UPC-A as 13 digits."""
    if not code.isdigit():
        return (code,)
    forms = [code]
    body = code.lstrip("0")
    for width in (8, 12, 13, 14):
        if len(body) <= width:
            forms.append(body.rjust(width, "0"))
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class ScanResult:
    """What an item scan did: kind "ok" (counted), "extra" (the item is complete already),
    "miss" (not an item of this order), "bad_gs1" (a GS1 code that does not read)."""

    kind: str
    code: str
    item: PackItem | None = None
    lot: str | None = None
    gs1_error: Gs1Error | None = None


@dataclass
class PackParcel:
    """A parcel of the pack as it is filled (services.fulfilment.Parcel is what ships)."""

    no: int
    items: dict[int, Decimal] = field(default_factory=dict)     # sku id -> units in this parcel
    weight_kg: Decimal | None = None
    weight_check: f.WeightCheck | None = None
    manual_weight: bool = False
    tracking_no: str | None = None       # a pre-printed label's number; None: the carrier's pool gives one

    @property
    def units(self) -> Decimal:
        return sum(self.items.values(), ZERO)


class Pack:
    """An order being packed.  `pack_id` stays the same until the order ships, so a retry after a
    dropped connection is the same pack to the database (ship_order is idempotent on it)."""

    def __init__(self, order: PackOrder, pack_id: uuid.UUID | None = None) -> None:
        self.order = order
        self.pack_id = pack_id or uuid.uuid4()
        self.scanned: dict[int, Decimal] = {i.sku_id: ZERO for i in order.items}
        self.lots: dict[int, list[str]] = {}
        self.parcels: list[PackParcel] = [PackParcel(1)]
        self.no_slip = False

    # ------------------------------------------------------------------ items
    @property
    def parcel(self) -> PackParcel:
        return self.parcels[-1]

    def item(self, sku_id: int) -> PackItem:
        return next(i for i in self.order.items if i.sku_id == sku_id)

    def left(self, item: PackItem) -> Decimal:
        return item.quantity - self.scanned.get(item.sku_id, ZERO)

    @property
    def units_scanned(self) -> Decimal:
        return sum(self.scanned.values(), ZERO)

    @property
    def complete(self) -> bool:
        return bool(self.order.items) and all(self.left(i) <= 0 for i in self.order.items)

    @property
    def started(self) -> bool:
        return self.units_scanned > 0 or len(self.parcels) > 1

    def find(self, code: str) -> ScanResult:
        """The item a code is (its barcodes, its SKU code, or a GS1 element string with its GTIN),
        without counting it."""
        code = code.strip()
        lot = None
        candidates: tuple[str, ...] = (code,)
        if looks_like_gs1(code):
            try:
                data = parse_gs1(code)
            except Gs1Error as exc:
                return ScanResult("bad_gs1", code, gs1_error=exc)
            if data.gtin is None:
                return ScanResult("miss", code)
            lot = data.lot
            candidates = gtin_forms(data.gtin)
        elif code.isdigit() and len(code) in (8, 12, 13, 14):
            candidates = gtin_forms(code)
        for c in candidates:
            item = self.order.item_for(c)
            if item is not None:
                return ScanResult("ok" if self.left(item) > 0 else "extra", code, item, lot)
        return ScanResult("miss", code, lot=lot)

    def scan(self, code: str) -> ScanResult:
        """Find the item and count it into the open parcel; extra and unknown items are not counted."""
        result = self.find(code)
        if result.kind == "ok" and result.item is not None:
            sku = result.item.sku_id
            self.scanned[sku] = self.scanned.get(sku, ZERO) + ONE
            self.parcel.items[sku] = self.parcel.items.get(sku, ZERO) + ONE
            if result.lot:
                self.lots.setdefault(sku, []).append(result.lot)
        return result

    # ------------------------------------------------------------------ parcels
    def new_parcel(self) -> PackParcel:
        """Start the next parcel (the open one must hold something and have its weight)."""
        p = PackParcel(len(self.parcels) + 1)
        self.parcels.append(p)
        return p

    def expected_kg(self, parcel: PackParcel) -> Decimal | None:
        """What the parcel should weigh: its items' SKU weights and the packaging; None when an
        item has no weight (nothing to compare with)."""
        total = self.order.settings.packaging_kg
        for sku, qty in parcel.items.items():
            w = self.item(sku).weight_kg
            if w is None:
                return None
            total += w * qty
        return total

    def weigh(self, parcel: PackParcel, kg: Decimal, *, manual: bool = False) -> f.WeightCheck:
        s = self.order.settings
        check = f.check_weight(self.expected_kg(parcel), kg, tolerance_kg=s.tolerance_kg,
                               tolerance_pct=s.tolerance_pct)
        parcel.weight_kg = kg
        parcel.weight_check = check
        parcel.manual_weight = manual
        return check

    def ship_parcels(self) -> list[Parcel]:
        """The parcels for ship_order: a pre-printed label's number, else one from the carrier's pool."""
        return [Parcel(p.weight_kg, p.tracking_no) for p in self.parcels]

    @property
    def preprinted(self) -> frozenset[str]:
        """Tracking numbers of pre-printed labels: their parcels need no label printed."""
        return frozenset(p.tracking_no for p in self.parcels if p.tracking_no)
