"""Fulfilment rules that need no database: how approved orders are grouped into waves, what the
packing station scans (our order code), tracking number ranges as carriers hand them out, the
weight check at the scale; and the typed errors of picking, packing and shipping.

Errors carry data, not UI text: the station turns `reason` codes into its red-screen words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from erp_desktop.domain.errors import ErpError, FieldError, ValidationError

ORDER_CODE_PREFIX = "SO"          # our order's barcode on the invoice and packing slip: SO + order id
MAX_RANGE = 1_000_000             # numbers one range import may add
_TRACKING_OK = re.compile(r"^[\x21-\x7e]+$")
_RANGE_PART = re.compile(r"^([A-Z]*)(\d+)([A-Z]*)$")


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------

class FulfilmentError(ErpError):
    """Base of picking, packing and shipping refusals."""


class OrderStoppedError(FulfilmentError):
    """The order must not be packed: cancelled on its platform (reason 'cancelled', 'refunded'),
    being refunded ('refunding', 'refund_requested'), cancelled here ('cancelled', 'merged' ...),
    a merged platform order cancelled ('merged_order_cancelled'), shipped elsewhere."""

    def __init__(self, order_no: str, reason: str) -> None:
        super().__init__(f"order {order_no} is stopped: {reason}")
        self.order_no = order_no
        self.reason = reason


class AlreadyShippedError(FulfilmentError):
    def __init__(self, order_no: str, tracking_nos: Sequence[str] = ()) -> None:
        super().__init__(f"order {order_no} is shipped already ({', '.join(tracking_nos) or 'no tracking number'})")
        self.order_no = order_no
        self.tracking_nos = tuple(tracking_nos)


class NotReadyToShipError(FulfilmentError):
    """status: the order's status (review, waiting ...), or 'not_reserved' / 'no_carrier'."""

    def __init__(self, order_no: str, status: str) -> None:
        super().__init__(f"order {order_no} cannot ship: {status}")
        self.order_no = order_no
        self.status = status


class NoTrackingNumberError(FulfilmentError):
    """The carrier's pool is empty: import a range, or type the number of a pre-printed label."""

    def __init__(self, carrier: str) -> None:
        super().__init__(f"no tracking numbers left for carrier {carrier}")
        self.carrier = carrier


class TrackingNumberUsedError(FulfilmentError):
    def __init__(self, carrier: str, tracking_no: str) -> None:
        super().__init__(f"tracking number {tracking_no} of {carrier} is on another parcel already")
        self.carrier = carrier
        self.tracking_no = tracking_no


class LabelVoidedError(FulfilmentError):
    """The label was voided: it is not printed or voided again."""

    def __init__(self, tracking_no: str) -> None:
        super().__init__(f"the label {tracking_no} is voided")
        self.tracking_no = tracking_no


class PickMismatchError(FulfilmentError):
    """A pick the wave's list does not have: reason 'not_in_wave' (the SKU is not in it),
    'wrong_location' (not in this bin), 'too_many' (more than is left to pick there), 'unknown_code'."""

    def __init__(self, reason: str, wave_no: str, location: str = "", sku: str = "",
                 left: Decimal | None = None) -> None:
        super().__init__(f"wave {wave_no}: {reason} ({location} {sku})".rstrip())
        self.reason = reason
        self.wave_no = wave_no
        self.location = location
        self.sku = sku
        self.left = left


class WaveClosedError(FulfilmentError):
    def __init__(self, wave_no: str, status: str) -> None:
        super().__init__(f"wave {wave_no} is {status}")
        self.wave_no = wave_no
        self.status = status


class NotInWaveError(FulfilmentError):
    def __init__(self, order_no: str, status: str) -> None:
        super().__init__(f"order {order_no} is in no wave ({status})")
        self.order_no = order_no
        self.status = status


class NothingToPackError(FulfilmentError):
    """Every order of the wave scanned is shipped or taken out (or none wants the item scanned)."""

    def __init__(self, wave_no: str, item: str = "") -> None:
        super().__init__(f"nothing left to pack in wave {wave_no}" + (f" for {item}" if item else ""))
        self.wave_no = wave_no
        self.item = item


# ---------------------------------------------------------------------------------------------
# our order code
# ---------------------------------------------------------------------------------------------

def order_code(order_id: int) -> str:
    """The barcode of our order on its invoice and packing slip (the station scans it)."""
    return f"{ORDER_CODE_PREFIX}{order_id}"


def parse_order_code(code: str) -> int | None:
    """Our order id from a scanned order code, None when it is not one."""
    code = code.strip().upper()
    if code.startswith(ORDER_CODE_PREFIX) and code[len(ORDER_CODE_PREFIX):].isdigit():
        return int(code[len(ORDER_CODE_PREFIX):])
    return None


# ---------------------------------------------------------------------------------------------
# waves
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WaveCandidate:
    order_id: int
    warehouse_id: int
    carrier_id: int | None
    single_item: bool             # one unit of one plain SKU (domain rule: is_single_item)


@dataclass(frozen=True)
class WavePlan:
    warehouse_id: int
    carrier_id: int | None
    single_item: bool
    order_ids: tuple[int, ...]


def is_single_item(lines: Iterable[tuple[Decimal, bool]]) -> bool:
    """(units of our SKU, is a kit) per line: one line of one unit of a plain SKU.  Such orders
    pack without a count: scan the item, the label prints, the next."""
    lines = list(lines)
    return len(lines) == 1 and lines[0][0] == 1 and not lines[0][1]


def plan_waves(candidates: Sequence[WaveCandidate], max_orders: int, *, single_item_only: bool = False
               ) -> list[WavePlan]:
    """Group orders (oldest payment first as given) by warehouse and carrier, single-item orders
    in waves of their own, each wave at most `max_orders`."""
    if max_orders < 1:
        raise ValueError("a wave has one order or more")
    groups: dict[tuple[int, int | None, bool], list[int]] = {}
    for c in candidates:
        if single_item_only and not c.single_item:
            continue
        groups.setdefault((c.warehouse_id, c.carrier_id, c.single_item), []).append(c.order_id)
    plans = []
    for (wh, carrier, single), ids in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0, not kv[0][2])):
        for i in range(0, len(ids), max_orders):
            plans.append(WavePlan(wh, carrier, single, tuple(ids[i:i + max_orders])))
    return plans


# ---------------------------------------------------------------------------------------------
# tracking numbers
# ---------------------------------------------------------------------------------------------

def s10_check_digit(serial: str) -> int:
    """The check digit of a UPU S10 item number's 8-digit serial (EMS / China Post: EA123456785CN)."""
    total = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    return {10: 0, 11: 5}.get(check, check)


def _s10_shaped(prefix: str, digits: str, suffix: str) -> bool:
    return len(prefix) == 2 and len(suffix) == 2 and len(digits) == 9


def _is_s10(prefix: str, digits: str, suffix: str) -> bool:
    return _s10_shaped(prefix, digits, suffix) and s10_check_digit(digits[:8]) == int(digits[8])


def clean_tracking_no(text: str) -> str | None:
    """A tracking number as typed or read from a file (upper case, no spaces), None when it is
    not one (empty, or characters a barcode cannot carry)."""
    code = re.sub(r"\s+", "", text or "").upper()
    return code if code and _TRACKING_OK.match(code) else None


def parse_range(text: str) -> tuple[str, str]:
    """'SF1000000001-SF1000001000' (or with '~') -> (first, last)."""
    parts = [p for p in re.split(r"\s*(?:~|\.\.|-)\s*", text.strip()) if p]
    if len(parts) != 2:
        raise ValidationError([FieldError("range", "bad_range", f"not FIRST-LAST: {text!r}")])
    return parts[0], parts[1]


def expand_range(first: str, last: str, *, limit: int = MAX_RANGE) -> list[str]:
    """Every number from `first` to `last`: the same letters before and after a run of digits of
    one length, counted up.  UPU S10 numbers (two letters, 8 digits and a check digit, two
    letters) count their serial and get each check digit computed."""
    a, b = clean_tracking_no(first) or "", clean_tracking_no(last) or ""
    ma, mb = _RANGE_PART.match(a), _RANGE_PART.match(b)
    if not ma or not mb:
        raise ValidationError([FieldError("range", "bad_range", f"{first!r}-{last!r}: letters, digits, letters")])
    (pa, da, sa), (pb, db, sb) = ma.groups(), mb.groups()
    if (pa, sa, len(da)) != (pb, sb, len(db)):
        raise ValidationError([FieldError("range", "bad_range", f"{a} and {b} differ in more than their number")])
    s10 = _is_s10(pa, da, sa) and _is_s10(pb, db, sb)
    if _s10_shaped(pa, da, sa) and not s10 and (_is_s10(pa, da, sa) or _is_s10(pb, db, sb)):
        bad = b if _is_s10(pa, da, sa) else a
        raise ValidationError([FieldError("range", "bad_check_digit", f"{bad}: not a UPU S10 number")])
    width = 8 if s10 else len(da)
    lo, hi = (int(da[:8]), int(db[:8])) if s10 else (int(da), int(db))
    if hi < lo:
        raise ValidationError([FieldError("range", "bad_range", f"{b} comes before {a}")])
    if hi - lo + 1 > limit:
        raise ValidationError([FieldError("range", "too_many", f"{hi - lo + 1} numbers; at most {limit} at once")])
    if s10:
        return [f"{pa}{n:08d}{s10_check_digit(f'{n:08d}')}{sa}" for n in range(lo, hi + 1)]
    return [f"{pa}{n:0{width}d}{sa}" for n in range(lo, hi + 1)]


# ---------------------------------------------------------------------------------------------
# the scale
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WeightCheck:
    ok: bool
    expected_kg: Decimal | None
    actual_kg: Decimal
    difference_kg: Decimal | None      # actual - expected
    allowed_kg: Decimal | None         # the tolerance that applied


def check_weight(expected_kg: Decimal | None, actual_kg: Decimal, *, tolerance_kg: Decimal,
                 tolerance_pct: Decimal) -> WeightCheck:
    """The parcel's weight against the order's (SKU weights and packaging): within the larger of
    an absolute tolerance and a share of the expected weight.  Unknown expected weight (a SKU
    without one) passes: there is nothing to compare with."""
    if expected_kg is None:
        return WeightCheck(True, None, actual_kg, None, None)
    allowed = max(tolerance_kg, expected_kg * tolerance_pct / 100)
    diff = actual_kg - expected_kg
    return WeightCheck(abs(diff) <= allowed, expected_kg, actual_kg, diff, allowed)


def items_summary(items: Iterable[tuple[str, str, Decimal]], max_chars: int = 80) -> str:
    """'T恤 白 L x2; 马克杯 x1' for a label: (title, variant, quantity) each, cut to `max_chars`."""
    parts = []
    for title, variant, qty in items:
        name = f"{title} {variant}".strip()
        parts.append(f"{name} x{qty.normalize():f}" if isinstance(qty, Decimal) else f"{name} x{qty}")
    text = "; ".join(parts)
    return text if len(text) <= max_chars else text[:max_chars - 1] + "…"
