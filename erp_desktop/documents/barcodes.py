"""Code 128 barcodes drawn straight onto a reportlab canvas, their content checked first.

    draw_code128(c, "SO-2024-000123", x, y, height=12 * mm, max_width=60 * mm)

A product's barcode goes through domain.barcodes.classify before a bar is drawn: an all-digit
code of GTIN length (EAN-8, UPC-A, EAN-13, GTIN-14) must carry its right check digit, or
BarcodeError is raised.  python-barcode would silently print a recomputed check digit and reportlab's own
Code128 silently drops characters it cannot encode; either way the label scans as a code that
is on no product, so we refuse instead.  A good GTIN is printed in Code 128 (set C, the digits
as they are), which every scanner reads back as the same digits.  Our own references (order,
wave and tracking numbers) pass `gtin_check=False`: a carrier's 12- or 13-digit tracking number
is no GTIN and has no GS1 check digit, only the characters are checked.

The bars come from reportlab's Code128 encoder (start, code sets, check symbol, stop); we write
them as one filled path in module units, built once per code and scaled into place, which is
much smaller and faster than a Flowable per barcode when a batch prints thousands.  The
human-readable line uses the embedded CJK font (its Latin glyphs), so no unembedded base-14
font ends up in the PDF."""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.fonts import register_cjk_font
from erp_desktop.domain.barcodes import classify

QUIET_MODULES = 10                 # the quiet zone each side, in modules (ISO/IEC 15417 asks for 10)
DEFAULT_BAR = 0.33 * mm            # the narrowest bar: reads well from a 203 dpi thermal or any laser printer
MIN_BAR = 0.19 * mm                # below this office and thermal printers smear the bars


class BarcodeError(ValueError):
    """The content cannot be printed as asked: bad characters, a wrong check digit, too long for its room."""

    def __init__(self, value: str, reason: str, detail: str) -> None:
        super().__init__(f"barcode {value!r}: {detail}")
        self.value = value
        self.reason = reason


def check_barcode(value: str, *, gtin_check: bool = True) -> str:
    """The kind of a printable code ("EAN13", "CODE128", ...), or BarcodeError saying why not.

    Unlike domain.classify, surrounding spaces are not forgiven: what is printed is what is given.
    Without `gtin_check` a code of digits is not taken for a GTIN (references, tracking numbers)."""
    if value != value.strip():
        raise BarcodeError(value, "bad_characters", "leading or trailing spaces")
    if not gtin_check and value and all(0x21 <= ord(ch) <= 0x7E for ch in value):
        return "CODE128"
    kind, problem = classify(value)
    if problem is not None:
        raise BarcodeError(value, problem.reason, problem.detail)
    assert kind is not None
    return kind


@lru_cache(maxsize=4096)
def code128_modules(value: str, gtin_check: bool = True) -> tuple[tuple[int, int], ...]:
    """The bars of the symbol as (offset, width) in modules, quiet zones excluded; checked first."""
    check_barcode(value, gtin_check=gtin_check)
    symbol = Code128(value, quiet=0)
    symbol.validate()
    if symbol.validated != value:           # reportlab drops what it cannot encode: never print less
        raise BarcodeError(value, "bad_characters", "not encodable in Code 128")
    symbol.encode()
    symbol.decompose()
    bars: list[tuple[int, int]] = []
    pos = 0
    for ch in symbol.decomposed:           # "A".."D": a bar of 1..4 modules, "a".."d": a space
        n = ord(ch.lower()) - ord("a") + 1
        if ch.isupper():
            bars.append((pos, n))
        pos += n
    return tuple(bars)


@lru_cache(maxsize=4096)
def _bars_operators(value: str) -> str:
    """The bars as PDF path operators in module units (x in modules, height 1), built once per code."""
    return " ".join(f"{pos} 0 {n} 1 re" for pos, n in code128_modules(value, False)) + " f"


def symbol_modules(value: str) -> int:
    """Width of the symbol in modules, bars and spaces, without the quiet zones (content not GTIN-checked)."""
    bars = code128_modules(value, False)
    last_pos, last_w = bars[-1]
    return last_pos + last_w


def code128_width(value: str, bar_width: float = DEFAULT_BAR, *, quiet: bool = True) -> float:
    """Width in points the symbol takes, quiet zones included unless `quiet` is False."""
    return (symbol_modules(value) + (2 * QUIET_MODULES if quiet else 0)) * bar_width


def fit_bar_width(value: str, max_width: float, *, preferred: float = DEFAULT_BAR, quiet: bool = True) -> float:
    """The widest bar up to `preferred` with which the symbol fits into `max_width`.

    Raises BarcodeError when even MIN_BAR does not fit: a barcode squeezed below that does not scan."""
    modules = symbol_modules(value) + (2 * QUIET_MODULES if quiet else 0)
    bar = min(preferred, max_width / modules)
    if bar < MIN_BAR:
        raise BarcodeError(value, "too_long",
                           f"needs {modules * MIN_BAR / mm:.0f} mm at least, the room is {max_width / mm:.0f} mm")
    return bar


def draw_code128(c: Canvas, value: str, x: float, y: float, *, height: float, bar_width: float | None = None,
                 max_width: float | None = None, human_readable: bool = True, font_size: float = 7,
                 align: str = "left", gtin_check: bool = True) -> float:
    """Draw the symbol with (x, y) the lower left corner of its quiet zone; returns the width used.

    `max_width` shrinks the bars down to MIN_BAR to fit; `align` ("left", "center", "right") places
    the symbol inside `max_width`.  The human-readable text goes below the bars, inside `height`.
    The content is checked first (see check_barcode), so a refused code draws nothing."""
    code128_modules(value, gtin_check)
    if bar_width is None:
        bar_width = fit_bar_width(value, max_width) if max_width is not None else DEFAULT_BAR
    width = code128_width(value, bar_width)
    if max_width is not None and width > max_width + 0.01:
        raise BarcodeError(value, "too_long", f"{width / mm:.0f} mm wide, the room is {max_width / mm:.0f} mm")
    if max_width is not None and align != "left":
        x += (max_width - width) / (2 if align == "center" else 1)
    text_h = font_size * 1.15 if human_readable else 0.0
    bar_h = height - text_h
    left = x + QUIET_MODULES * bar_width
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.saveState()
    c.translate(left, y + text_h)
    c.transform(bar_width, 0, 0, bar_h, 0, 0)     # module units: a bar is "pos 0 n 1 re"
    c.addLiteral(_bars_operators(value))
    c.restoreState()
    if human_readable:
        c.setFont(register_cjk_font(), font_size)
        c.drawCentredString(x + width / 2, y + font_size * 0.2, value)
    c.restoreState()
    return width
