"""What the printed documents say, as plain data: the services fill these from the database and
the renderers (documents/ for A4 and label PDFs, devices/ for ZPL/TSPL labels) turn them into
pages or printer bytes.  Neither side knows the other, so a renderer is tested with a value
built in the test and a service with the value it returns.

Money is Decimal, quantities Decimal; text is whatever the order says (Chinese included).
Barcode fields hold the content to encode (Code 128), already checked by the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

LABEL_SIZES_MM = {"100x150": (100, 150), "100x180": (100, 180)}   # 100 x 180: the Chinese e-waybill


@dataclass(frozen=True)
class Party:
    """A sender or recipient: name, phone and the address lines as they are printed."""
    name: str
    phone: str = ""
    address: str = ""                 # one line: province city district detail
    postal_code: str = ""


@dataclass(frozen=True)
class CompanyHeader:
    name: str
    address: str = ""
    phone: str = ""
    tax_id: str = ""                  # 统一社会信用代码 / VAT number
    email: str = ""


@dataclass(frozen=True)
class DocumentLine:
    sku_code: str
    title: str
    quantity: Decimal
    variant: str = ""
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    barcode: str = ""                 # the SKU's barcode to print next to the line, "" for none
    lot_no: str = ""


@dataclass(frozen=True)
class InvoiceDoc:
    """The invoice / delivery note (发货单) of one order."""
    company: CompanyHeader
    order_no: str                     # ours (the barcode at the top)
    shop_name: str
    recipient: Party
    lines: tuple[DocumentLine, ...]
    platform_order_nos: tuple[str, ...] = ()
    ordered_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    currency: str = "CNY"
    goods_amount: Decimal = Decimal("0")
    discount: Decimal = Decimal("0")
    shipping_fee: Decimal = Decimal("0")
    paid_amount: Decimal = Decimal("0")
    buyer_message: str = ""
    seller_memo: str = ""
    carrier: str = ""
    tracking_no: str = ""
    printed_at: dt.datetime | None = None


@dataclass(frozen=True)
class PackingSlipDoc:
    """What is in one parcel, without prices (it goes into the box)."""
    company: CompanyHeader
    order_no: str
    recipient: Party
    lines: tuple[DocumentLine, ...]
    parcel_no: int = 1
    parcel_count: int = 1
    packer: str = ""
    tracking_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class PickLine:
    """One stop on the pick path: a bin, a SKU (and lot), how many for the whole wave."""
    location_code: str
    sku_code: str
    title: str
    quantity: Decimal
    pick_order: int = 0
    variant: str = ""
    lot_no: str = ""
    expires_on: dt.date | None = None
    barcode: str = ""
    order_count: int = 1              # how many of the wave's orders want this SKU


@dataclass(frozen=True)
class PickingListDoc:
    """A wave's picking list, lines already in pick-path order."""
    company: CompanyHeader
    wave_no: str                      # the barcode the packing station scans
    warehouse: str
    lines: tuple[PickLine, ...]
    carrier: str = ""
    created_at: dt.datetime | None = None
    order_nos: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class ShippingLabelDoc:
    """A parcel's shipping label, 100 x 150 or 100 x 180 mm."""
    carrier: str
    tracking_no: str
    order_no: str
    recipient: Party
    sender: Party
    items_summary: str = ""           # e.g. "T恤 白 L x2; 马克杯 x1"
    size: str = "100x180"
    service: str = ""
    sort_code: str = ""               # the carrier's routing code (大头笔), printed large
    weight_kg: Decimal | None = None
    parcel_no: int = 1
    parcel_count: int = 1
    cod_amount: Decimal | None = None
    printed_at: dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)   # carrier-specific fields a layout may show

    def __post_init__(self) -> None:
        if self.size not in LABEL_SIZES_MM:
            raise ValueError(f"label size must be one of {', '.join(LABEL_SIZES_MM)}, not {self.size!r}")
