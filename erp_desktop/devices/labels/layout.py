"""Where things go on a shipping label, in millimetres, and the plan of one label in printer dots.

A layout names its size (100x150 or the 100x180 Chinese e-waybill) and places each field in a
slot (x, y, width, height, text size, lines).  `plan()` fills the slots from a ShippingLabelDoc at a
printer's resolution: text wrapped to its slot (Chinese breaks anywhere, Latin at spaces), the
tracking number checked as Code 128 and its module width chosen so the symbol fits.  The ZPL,
TSPL and image renderers only translate that plan, so the three print the same label.

Widths are estimated (a CJK character one em, anything else two thirds of one), generously,
because a printer-resident font's metrics are unknown here; a line that would not fit is wrapped
or, past the slot's lines, cut with an ellipsis rather than run off the label."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from barcode.codex import Code128

from erp_desktop.domain.documents import LABEL_SIZES_MM, Party, ShippingLabelDoc

# The nominal resolutions are rounded from whole dots per millimetre: a "203 dpi" head has 8 dots/mm
# (203.2 dpi) and a "300 dpi" one 12 (304.8), so 100 mm is 800 and 1200 dots, as the printers expect.
DOTS_PER_MM: dict[int, int] = {203: 8, 300: 12, 600: 24}
WIDE_EM = 1.0            # a CJK (or other full-width) character: as wide as the font size
NARROW_EM = 0.67         # anything else: TSPL font "3" is 16 x 24 dots, the widest of the fonts used
LINE_PITCH = 1.2         # line spacing, in font sizes (a font's ascent + descent is about 1.2 em)
MIN_MODULE_MM = 0.19     # narrowest Code 128 bar a handheld scanner reads reliably
MAX_MODULE_MM = 0.5
BARCODE_SPECIALS = '^~>"\\'   # control characters of ZPL field data (^ ~), ^BC (>) and TSPL strings (" \)


class LabelError(ValueError):
    """A label that cannot be printed as asked: `field` names what is wrong, `reason` a short code
    (bad_dpi, bad_layout, size_mismatch, bad_barcode, barcode_too_wide, bad_option), `value` the value."""

    def __init__(self, field: str, reason: str, value: object = None, detail: str = "") -> None:
        self.field, self.reason, self.value, self.detail = field, reason, value, detail
        super().__init__(f"{field}: {reason} ({value!r}){': ' + detail if detail else ''}")


# ------------------------------------------------------------------------------------------------
# layouts
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """One field's place: top-left corner and size in mm; `size` the text height in mm.

    Fields: carrier, parcel, sort_code, barcode, tracking, recipient, recipient_address, sender,
    sender_address, order, weight, cod, items, printed_at, and `extra:KEY` for label.extra[KEY]."""
    field: str
    x: float
    y: float
    w: float
    h: float
    size: float = 0.0
    lines: int = 1


@dataclass(frozen=True)
class Rule:
    """A filled bar (a line when thin), in mm."""
    x: float
    y: float
    w: float
    h: float = 0.4


CAPTIONS_ZH: dict[str, str] = {"recipient": "收", "sender": "寄", "order": "订单", "cod": "代收货款",
                               "items": "内件", "weight": "重量"}


@dataclass(frozen=True)
class LabelLayout:
    name: str
    size: str                                  # a key of LABEL_SIZES_MM
    slots: tuple[Slot, ...]
    rules: tuple[Rule, ...] = ()
    captions: Mapping[str, str] = field(default_factory=lambda: dict(CAPTIONS_ZH))
    description: str = ""

    def __post_init__(self) -> None:
        if self.size not in LABEL_SIZES_MM:
            raise LabelError("layout", "bad_layout", self.size, f"size must be one of {', '.join(LABEL_SIZES_MM)}")
        w, h = LABEL_SIZES_MM[self.size]
        for s in (*self.slots, *self.rules):
            if s.x < 0 or s.y < 0 or s.x + s.w > w + 1e-9 or s.y + s.h > h + 1e-9:
                raise LabelError("layout", "bad_layout", self.name, f"{s} is outside the {self.size} label")


def _r(y: float, x: float = 3.0, w: float = 94.0) -> Rule:
    return Rule(x, y, w)


STANDARD = LabelLayout(
    "standard", "100x150",
    slots=(
        Slot("carrier", 3, 3, 62, 6, 4.5), Slot("parcel", 70, 3, 27, 6, 4.5),
        Slot("sort_code", 3, 12, 94, 13, 11),
        Slot("barcode", 6, 29, 88, 20), Slot("tracking", 6, 50.5, 88, 5.5, 4.5),
        Slot("recipient", 3, 59, 94, 6, 5), Slot("recipient_address", 3, 66, 94, 16, 4, 3),
        Slot("sender", 3, 85, 94, 4.5, 3.5), Slot("sender_address", 3, 90, 94, 8, 3, 2),
        Slot("order", 3, 102, 62, 4.5, 3.5), Slot("weight", 68, 102, 29, 4.5, 3.5),
        Slot("cod", 3, 107.5, 94, 6, 5),
        Slot("items", 3, 115, 94, 26, 3.5, 6),
        Slot("printed_at", 3, 143, 60, 4, 3),
    ),
    rules=(_r(10.5), _r(26.5), _r(57), _r(83.5), _r(100)),
    description="100 x 150 mm: routing code, tracking barcode, recipient, sender, order and contents",
)

EWAYBILL = LabelLayout(
    "ewaybill", "100x180",
    slots=(
        Slot("carrier", 3, 3, 62, 6, 4.5), Slot("parcel", 70, 3, 27, 6, 4.5),
        Slot("sort_code", 3, 12, 94, 14, 12),
        Slot("barcode", 6, 30, 88, 18), Slot("tracking", 6, 49, 88, 5.5, 4.5),
        Slot("recipient", 3, 57, 94, 6, 5), Slot("recipient_address", 3, 64, 94, 15, 4, 3),
        Slot("sender", 3, 82, 94, 4.5, 3.5), Slot("sender_address", 3, 86.5, 94, 8, 3, 2),
        Slot("order", 3, 97, 62, 4.5, 3.5), Slot("weight", 68, 97, 29, 4.5, 3.5),
        Slot("cod", 3, 102, 94, 6, 5),
        Slot("printed_at", 3, 109.5, 60, 4, 3),
        # the stub below the tear line stays with the parcel's receiver / the sender
        Slot("barcode", 20, 118, 60, 12), Slot("tracking", 20, 131, 60, 4.5, 3.5),
        Slot("recipient", 3, 138, 94, 4.5, 3.5), Slot("recipient_address", 3, 142.5, 94, 8, 3, 2),
        Slot("items", 3, 153, 94, 19, 3.5, 4),
        Slot("order", 3, 174, 94, 4, 3),
    ),
    rules=(_r(10.5), _r(27.5), _r(55.5), _r(80.5), _r(95.5), Rule(0, 115, 100, 0.5), _r(136.5), _r(151.5)),
    description="100 x 180 mm e-waybill (一联单): the main part and a stub below the tear line",
)

LAYOUTS: dict[str, LabelLayout] = {STANDARD.name: STANDARD, EWAYBILL.name: EWAYBILL}
DEFAULT_LAYOUT_FOR_SIZE = {"100x150": "standard", "100x180": "ewaybill"}


def register_layout(layout: LabelLayout) -> None:
    """Add (or replace) a carrier's layout under its name."""
    LAYOUTS[layout.name] = layout


def layout_for(label: ShippingLabelDoc, name: str | None = None) -> LabelLayout:
    """The named layout, or the default one for the label's size; it must be for that size."""
    name = name or DEFAULT_LAYOUT_FOR_SIZE[label.size]
    if name not in LAYOUTS:
        raise LabelError("layout", "bad_layout", name, f"known layouts: {', '.join(sorted(LAYOUTS))}")
    layout = LAYOUTS[name]
    if layout.size != label.size:
        raise LabelError("layout", "size_mismatch", name, f"the layout is {layout.size} mm, the label {label.size} mm")
    return layout


# ------------------------------------------------------------------------------------------------
# the plan: what to draw, in dots
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """One line; `height` is the font size (a CJK character is that wide), `width` the room the
    line has (it was wrapped to fit in it)."""
    x: int
    y: int
    height: int
    text: str
    width: int


@dataclass(frozen=True)
class Barcode:
    """Code 128 (the printer picks subsets A/B/C); `modules` is the symbol's width in modules."""
    x: int
    y: int
    height: int
    module: int
    data: str
    modules: int


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    w: int
    h: int


Element = Text | Barcode | Bar


@dataclass(frozen=True)
class LabelPlan:
    width: int                  # dots
    height: int
    dpi: int
    size: str                   # "100x150"
    elements: tuple[Element, ...]


def dots_per_mm(dpi: int) -> int:
    if dpi not in DOTS_PER_MM:
        raise LabelError("dpi", "bad_dpi", dpi, f"supported: {', '.join(map(str, DOTS_PER_MM))}")
    return DOTS_PER_MM[dpi]


def is_ascii(text: str) -> bool:
    return all(" " <= c <= "~" for c in text)


def check_code128(data: str) -> str:
    """The content a tracking barcode may hold: 1 to 48 printable ASCII characters, none of which
    the printer languages treat as commands.  Returns it; raises LabelError otherwise."""
    if not data:
        raise LabelError("tracking_no", "bad_barcode", data, "empty")
    if len(data) > 48:
        raise LabelError("tracking_no", "bad_barcode", data, "longer than 48 characters")
    if not is_ascii(data):
        raise LabelError("tracking_no", "bad_barcode", data, "Code 128 holds printable ASCII only")
    if bad := sorted(set(data) & set(BARCODE_SPECIALS)):
        raise LabelError("tracking_no", "bad_barcode", data, f"contains {''.join(bad)}, control characters of ZPL/TSPL")
    return data


def code128_modules(data: str) -> str:
    """The symbol as a string of 1 (bar) and 0 (space) modules, without quiet zones."""
    return Code128(check_code128(data)).build()[0]


def char_em(c: str) -> float:
    return WIDE_EM if unicodedata.east_asian_width(c) in "WF" else NARROW_EM


def text_width(text: str, height: float) -> float:
    return sum(char_em(c) for c in text) * height


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def wrap(text: str, width: float, height: float, max_lines: int) -> list[str]:
    """Lines of at most `width` (same unit as `height`); the last one cut with an ellipsis when more
    would be needed.  Chinese wraps between any two characters, Latin words at spaces where it can."""
    text = _clean(text)
    lines: list[str] = []
    line, used = "", 0.0
    for c in text:
        w = char_em(c) * height
        if used + w > width and line:
            cut = line.rfind(" ")
            if c != " " and unicodedata.east_asian_width(c) not in "WF" and cut > 0 and is_ascii(line[cut:]):
                lines.append(line[:cut])
                line = line[cut + 1:]
            else:
                lines.append(line.rstrip())
                line = ""
            used = text_width(line, height)
            if c == " " and not line:
                continue
        line += c
        used += w
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        ellipsis = "..." if is_ascii(last) else "…"
        while last and text_width(last + ellipsis, height) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + ellipsis]
    return lines


def _party_line(caption: str, party: Party) -> str:
    return " ".join(p for p in (caption, party.name, party.phone) if p)


def _address(party: Party) -> str:
    return " ".join(p for p in (party.address, party.postal_code) if p)


def _kg(w: Decimal) -> str:
    return f"{w.normalize():f}"           # 1.250 -> 1.25, 2.000 -> 2


def field_text(label: ShippingLabelDoc, name: str, captions: Mapping[str, str]) -> str:
    """The text a slot shows ("" hides it)."""
    cap = captions.get
    if name.startswith("extra:"):
        return label.extra.get(name[6:], "")
    match name:
        case "carrier":
            return " ".join(p for p in (label.carrier, label.service) if p)
        case "parcel":
            return f"{label.parcel_no}/{label.parcel_count}" if label.parcel_count > 1 else ""
        case "sort_code":
            return label.sort_code
        case "tracking" | "barcode":
            return label.tracking_no
        case "recipient":
            return _party_line(cap("recipient", ""), label.recipient)
        case "recipient_address":
            return _address(label.recipient)
        case "sender":
            return _party_line(cap("sender", ""), label.sender)
        case "sender_address":
            return _address(label.sender)
        case "order":
            return f"{cap('order', '')} {label.order_no}".strip() if label.order_no else ""
        case "weight":
            return f"{cap('weight', '')} {_kg(label.weight_kg)} kg".strip() if label.weight_kg is not None else ""
        case "cod":
            return f"{cap('cod', '')} ￥{label.cod_amount:.2f}".strip() if label.cod_amount else ""
        case "items":
            return f"{cap('items', '')}: {label.items_summary}" if label.items_summary else ""
        case "printed_at":
            return label.printed_at.strftime("%Y-%m-%d %H:%M") if label.printed_at else ""
    raise LabelError("layout", "bad_layout", name, "unknown field")


def _barcode(slot: Slot, data: str, dpmm: int) -> Barcode:
    modules = len(code128_modules(data))
    box_w, box_h = slot.w * dpmm, round(slot.h * dpmm)
    # ten modules of quiet zone on either side stay inside the slot
    module = min(math.floor(box_w / (modules + 20)), max(1, round(MAX_MODULE_MM * dpmm)))
    if module < 1 or module / dpmm < MIN_MODULE_MM:
        raise LabelError("tracking_no", "barcode_too_wide", data,
                         f"{modules} modules do not fit {slot.w} mm at {dpmm} dots/mm")
    x = round(slot.x * dpmm + (box_w - modules * module) / 2)
    return Barcode(x, round(slot.y * dpmm), box_h, module, data, modules)


def plan(label: ShippingLabelDoc, *, dpi: int = 203, layout: str | LabelLayout | None = None) -> LabelPlan:
    """The label at `dpi`, laid out by `layout` (a name in LAYOUTS, a LabelLayout, or the default
    for the label's size)."""
    dpmm = dots_per_mm(dpi)
    lay = layout if isinstance(layout, LabelLayout) else layout_for(label, layout)
    if lay.size != label.size:
        raise LabelError("layout", "size_mismatch", lay.name, f"the layout is {lay.size} mm, the label {label.size} mm")
    check_code128(label.tracking_no)
    w_mm, h_mm = LABEL_SIZES_MM[label.size]
    elements: list[Element] = [Bar(round(r.x * dpmm), round(r.y * dpmm), max(1, round(r.w * dpmm)),
                                   max(1, round(r.h * dpmm))) for r in lay.rules]
    for slot in lay.slots:
        text = field_text(label, slot.field, lay.captions)
        if not text:
            continue
        if slot.field == "barcode":
            elements.append(_barcode(slot, text, dpmm))
            continue
        width = math.floor(slot.w * dpmm)
        height = max(1, round(slot.size * dpmm))
        if slot.lines == 1:           # one line: shrink to as little as 60 % before cutting
            fit = math.floor(width / max(text_width(_clean(text), 1), 1e-9))
            height = max(min(height, fit), round(height * 0.6), 1)
        for i, line in enumerate(wrap(text, width, height, slot.lines)):
            elements.append(Text(round(slot.x * dpmm), round(slot.y * dpmm + i * height * LINE_PITCH), height, line,
                                 width))
    return LabelPlan(w_mm * dpmm, h_mm * dpmm, dpi, label.size, tuple(elements))


# ------------------------------------------------------------------------------------------------
# the test label the Devices dialog prints
# ------------------------------------------------------------------------------------------------

def sample_label(printer_name: str, size: str = "100x150", when: dt.datetime | None = None) -> ShippingLabelDoc:
    """A label that exercises what a real one needs: Chinese and Latin text, a barcode, rules."""
    return ShippingLabelDoc(
        carrier="打印测试 TEST", service=printer_name[:40], tracking_no="TEST0123456789", order_no="TEST-0001",
        recipient=Party("张三", "13800138000", "浙江省杭州市西湖区 文三路 100 号 测试地址", "310000"),
        sender=Party("李四", "021-12345678", "上海市浦东新区 测试仓库"),
        items_summary="中文字体测试 汉字 ABC abc 0123456789", size=size, sort_code="测试 000-00",
        weight_kg=Decimal("1.25"), printed_at=when or dt.datetime.now().replace(microsecond=0),
    )
