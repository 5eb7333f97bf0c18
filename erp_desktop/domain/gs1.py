"""GS1 element strings as a scanner sends them (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar).

A GS1 barcode carries Application Identifiers (AIs) and their values run together:
"01" + GTIN-14, "17" + expiry YYMMDD, "10" + lot ...  Values of AIs whose length is fixed by
the standard follow each other directly; a variable-length value ends at the end of the data or
at FNC1, which a scanner transmits as GS (0x1D).  The leading FNC1 that marks a symbol as GS1
is not transmitted; the scanner may instead prefix an AIM symbology identifier ("]C1" GS1-128,
"]d2" GS1 DataMatrix, "]Q3" GS1 QR, "]e0" GS1 DataBar, "]J1" GS1 DotCode).  People and label
files write the same data in the human-readable form "(01)06901234567892(17)261231(10)LOT42".

`parse_gs1` reads any of these into a `Gs1Data` and refuses malformed input with a `Gs1Error`
that says where and why: a GTIN with a wrong check digit, a 30 February, a lot longer than 20
characters (usually a GS separator that a keyboard-wedge scanner dropped, DEVICES.md §1), an AI
this parser does not know.  Unknown AIs are an error in the run-together form (their length is
unknown, so nothing after them can be read) but are kept in `raw` in the bracketed form, where
the brackets say where each value ends.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from erp_desktop.domain.barcodes import gtin_check_digit
from erp_desktop.domain.errors import ErpError

GS = "\x1d"

# AIM symbology identifiers that mean "GS1 data follows" (ISO/IEC 15424)
GS1_SYMBOLOGIES: dict[str, str] = {
    "]C1": "GS1-128",
    "]d2": "GS1 DataMatrix",
    "]Q3": "GS1 QR Code",
    "]e0": "GS1 DataBar",
    "]J1": "GS1 DotCode",
}
_AIM_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")

# GS1 AI encodable character set 82: printable ASCII without space # $ @ [ \ ] ^ ` { | } ~
_CSET82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")

LB_IN_KG = Decimal("0.45359237")     # exact, by definition


@dataclass(frozen=True)
class AiSpec:
    title: str
    length: int            # exact length of a fixed value, maximum length of a variable one
    fixed: bool
    kind: str              # "n" digits, "x" character set 82, "date" YYMMDD, "gtin", "sscc", "gln", "measure"
    decimals: int = 0      # measures: implied decimal places (the AI's last digit)


def _measures(prefix: str, title: str) -> dict[str, AiSpec]:
    return {f"{prefix}{d}": AiSpec(title, 6, True, "measure", d) for d in range(6)}


AIS: dict[str, AiSpec] = {
    "00": AiSpec("SSCC", 18, True, "sscc"),
    "01": AiSpec("GTIN", 14, True, "gtin"),
    "02": AiSpec("GTIN of contained trade items", 14, True, "gtin"),
    "10": AiSpec("batch or lot", 20, False, "x"),
    "11": AiSpec("production date", 6, True, "date"),
    "12": AiSpec("due date", 6, True, "date"),
    "13": AiSpec("packaging date", 6, True, "date"),
    "15": AiSpec("best before date", 6, True, "date"),
    "16": AiSpec("sell by date", 6, True, "date"),
    "17": AiSpec("expiration date", 6, True, "date"),
    "20": AiSpec("variant", 2, True, "n"),
    "21": AiSpec("serial number", 20, False, "x"),
    "22": AiSpec("consumer product variant", 20, False, "x"),
    "240": AiSpec("additional product identification", 30, False, "x"),
    "241": AiSpec("customer part number", 30, False, "x"),
    "250": AiSpec("secondary serial number", 30, False, "x"),
    "251": AiSpec("reference to source entity", 30, False, "x"),
    "30": AiSpec("variable count", 8, False, "n"),
    "37": AiSpec("count of trade items", 8, False, "n"),
    **_measures("310", "net weight (kg)"),
    **_measures("320", "net weight (lb)"),
    **_measures("330", "gross weight (kg)"),
    "400": AiSpec("customer's purchase order number", 30, False, "x"),
    "401": AiSpec("global identification number for consignment", 30, False, "x"),
    "402": AiSpec("global shipment identification number", 17, True, "n"),
    "403": AiSpec("routing code", 30, False, "x"),
    "410": AiSpec("ship to GLN", 13, True, "gln"),
    "411": AiSpec("bill to GLN", 13, True, "gln"),
    "412": AiSpec("purchased from GLN", 13, True, "gln"),
    "413": AiSpec("ship for GLN", 13, True, "gln"),
    "414": AiSpec("location GLN", 13, True, "gln"),
    "415": AiSpec("invoicing party GLN", 13, True, "gln"),
    "420": AiSpec("ship to postal code", 20, False, "x"),
}


class Gs1Error(ErpError):
    """Input that is not a well-formed GS1 element string.

    `reason` is a stable code: "empty", "not_gs1", "unknown_ai", "too_short", "too_long",
    "bad_digits", "bad_characters", "bad_check_digit", "bad_date", "conflicting"."""

    def __init__(self, reason: str, detail: str, ai: str = "", position: int = -1) -> None:
        super().__init__(f"{detail} (AI {ai})" if ai else detail)
        self.reason = reason
        self.detail = detail
        self.ai = ai
        self.position = position


@dataclass(frozen=True)
class Gs1Data:
    """What a GS1 barcode says, the common fields typed; every AI and its value text in `raw`."""

    gtin: str | None = None                 # AI 01, else 02 (the GTIN of the contents)
    lot: str | None = None                  # AI 10
    expiry: date | None = None              # AI 17
    best_before: date | None = None         # AI 15
    production_date: date | None = None     # AI 11
    serial: str | None = None               # AI 21
    sscc: str | None = None                 # AI 00
    quantity: int | None = None             # AI 37 (count of trade items), else 30 (variable count)
    weight_kg: Decimal | None = None        # AI 310n, else 320n converted from pounds
    gross_weight_kg: Decimal | None = None  # AI 330n
    symbology: str = ""                     # "GS1-128", "GS1 DataMatrix" ... when the scanner said so
    raw: Mapping[str, str] = field(default_factory=dict, hash=False)


def looks_like_gs1(text: str) -> bool:
    """Whether a scanned code should be read as GS1 data rather than as a plain code.

    True for a GS1 symbology identifier, a GS separator, or the bracketed "(01)..." form.  A
    bare run of digits (an EAN-13, an internal number) is not taken for GS1."""
    text = text.strip()
    return text[:3] in GS1_SYMBOLOGIES or GS in text or re.match(r"^\(\d{2,4}\)", text) is not None


def parse_gs1(text: str, *, today: date | None = None, separators: str = GS) -> Gs1Data:
    """Read a GS1 element string as scanned, or in the bracketed human-readable form.

    `separators`: the characters that stand for FNC1; a scanner may be programmed to send a
    printable placeholder instead of GS when the keyboard wedge would lose it.  `today` decides
    the century of two-digit years (GS1 General Specifications 7.12); it defaults to the date."""
    today = today or date.today()
    if not text or not text.strip():
        raise Gs1Error("empty", "empty GS1 data")
    text = text.strip(" \r\n\t")
    symbology = ""
    if _AIM_ID.match(text):
        ident = text[:3]
        if ident not in GS1_SYMBOLOGIES:
            raise Gs1Error("not_gs1", f"symbology identifier {ident} is not a GS1 symbology", position=0)
        symbology = GS1_SYMBOLOGIES[ident]
        text = text[3:]
    if text.startswith("("):
        pairs = _split_bracketed(text)
    else:
        pairs = _split_elements(text, separators, offset=3 if symbology else 0)
    if not pairs:
        raise Gs1Error("empty", "no application identifier in the data")
    raw: dict[str, str] = {}
    values: dict[str, object] = {}
    for ai, value, pos in pairs:
        if ai in raw and raw[ai] != value:
            raise Gs1Error("conflicting", f"two different values {raw[ai]!r} and {value!r}", ai, pos)
        raw[ai] = value
        spec = AIS.get(ai)
        if spec is not None:
            values[ai] = _check(ai, spec, value, pos, today)
    return _data(values, raw, symbology)


def _split_bracketed(text: str) -> list[tuple[str, str, int]]:
    """"(01)0690...(10) LOT42" -> [(ai, value, position)].  Spaces are not in the GS1 character
    set, so the spaces people put around values are dropped."""
    pieces = list(re.finditer(r"\((\d{2,4})\)", text))
    if not pieces or pieces[0].start() != 0:
        raise Gs1Error("not_gs1", "expected an application identifier in brackets, e.g. (01)", position=0)
    out = []
    for i, m in enumerate(pieces):
        end = pieces[i + 1].start() if i + 1 < len(pieces) else len(text)
        value = re.sub(r"\s+", "", text[m.end():end])
        out.append((m.group(1), value, m.start()))
    return out


def _split_elements(text: str, separators: str, offset: int) -> list[tuple[str, str, int]]:
    """Run-together AIs and values -> [(ai, value, position in the scanned text)]."""
    seps = set(separators)
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        if text[pos] in seps:                      # a leading FNC1, or one after a fixed-length value
            pos += 1
            continue
        at = pos + offset
        ai = next((text[pos:pos + k] for k in (2, 3, 4) if text[pos:pos + k] in AIS), None)
        if ai is None:
            head = text[pos:pos + 4]
            if not head[:2].isdigit():
                raise Gs1Error("not_gs1", f"expected an application identifier at {head!r}", position=at)
            raise Gs1Error("unknown_ai", f"unknown application identifier at {head!r}", position=at)
        spec = AIS[ai]
        start = pos + len(ai)
        if spec.fixed:
            value = text[start:start + spec.length]
            if len(value) < spec.length or any(c in seps for c in value):
                raise Gs1Error("too_short", f"{spec.title} needs {spec.length} characters", ai, at)
            pos = start + spec.length
        else:
            end = next((i for i in range(start, n) if text[i] in seps), n)
            value = text[start:end]
            if len(value) > spec.length:
                raise Gs1Error("too_long", f"{spec.title} has {len(value)} characters, at most {spec.length} "
                               "(was a GS separator lost?)", ai, at)
            pos = end
        out.append((ai, value, at))
    return out


def _check(ai: str, spec: AiSpec, value: str, pos: int, today: date) -> object:
    """A value's typed form; Gs1Error if it breaks the AI's format."""
    if not value:
        raise Gs1Error("too_short", f"{spec.title} is empty", ai, pos)
    if spec.fixed and len(value) != spec.length:
        raise Gs1Error("too_short" if len(value) < spec.length else "too_long",
                       f"{spec.title} needs {spec.length} characters, not {len(value)}", ai, pos)
    if not spec.fixed and len(value) > spec.length:
        raise Gs1Error("too_long", f"{spec.title} has at most {spec.length} characters", ai, pos)
    if spec.kind == "x":
        bad = sorted({c for c in value if c not in _CSET82})
        if bad:
            raise Gs1Error("bad_characters", f"{spec.title} has characters GS1 does not allow: {''.join(bad)!r}",
                           ai, pos)
        return value
    if not (value.isascii() and value.isdigit()):
        raise Gs1Error("bad_digits", f"{spec.title} must be digits, not {value!r}", ai, pos)
    if spec.kind in ("gtin", "sscc", "gln"):
        expected = gtin_check_digit(value[:-1])
        if int(value[-1]) != expected:
            raise Gs1Error("bad_check_digit", f"{spec.title} {value} check digit should be {expected}", ai, pos)
        return value
    if spec.kind == "date":
        return _date(value, ai, spec, pos, today)
    if spec.kind == "measure":
        return Decimal(int(value)).scaleb(-spec.decimals)
    return int(value)


def _date(value: str, ai: str, spec: AiSpec, pos: int, today: date) -> date:
    """YYMMDD; DD 00 is the last day of the month (GS1 General Specifications 3.4)."""
    yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:6])
    # the century that puts the year within 49 years back and 50 years ahead of today (7.12)
    diff = yy - today.year % 100
    century = today.year // 100 * 100 + (-100 if diff >= 51 else 100 if diff <= -50 else 0)
    year = century + yy
    if not 1 <= mm <= 12:
        raise Gs1Error("bad_date", f"{spec.title} {value} has no month {mm:02d}", ai, pos)
    last = calendar.monthrange(year, mm)[1]
    if dd > last:
        raise Gs1Error("bad_date", f"{spec.title} {value}: {year}-{mm:02d} has no day {dd}", ai, pos)
    return date(year, mm, dd or last)


def _data(values: dict[str, object], raw: dict[str, str], symbology: str) -> Gs1Data:
    def first(*ais: str) -> object:
        return next((values[a] for a in ais if a in values), None)

    net_kg = first(*(f"310{d}" for d in range(6)))
    if net_kg is None:
        lb = first(*(f"320{d}" for d in range(6)))
        net_kg = lb * LB_IN_KG if isinstance(lb, Decimal) else None
    return Gs1Data(
        gtin=first("01", "02"), lot=first("10"), expiry=first("17"), best_before=first("15"),
        production_date=first("11"), serial=first("21"), sscc=first("00"), quantity=first("37", "30"),
        weight_kg=net_kg, gross_weight_kg=first(*(f"330{d}" for d in range(6))), symbology=symbology, raw=raw,
    )
