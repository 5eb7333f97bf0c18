"""Shipping labels as TSPL/TSPL2 (TSC, Gprinter 佳博, Xprinter, HPRT label printers).

Commands end in CRLF and the job is GB18030 bytes: the printers' resident Simplified Chinese font
TSS24.BF2 (24 x 24 dots, scaled by whole multiples) reads GB-encoded text.  Latin-only text uses
the resident font "3" (16 x 24 dots).  With cjk="bitmap" (a printer without TSS24.BF2, or
characters outside GB2312 that it would print blank), text with Chinese in it is drawn here and
sent as BITMAP, whose data is raw bytes with 0 = a printed dot.  A double quote inside a string
is written \\["] as the TSPL manual says.  The tracking number is BARCODE "128" (automatic
subsets), without the printer's interpretation line: the layout prints the number."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from erp_desktop.devices.labels.bitmap import text_bitmap
from erp_desktop.devices.labels.layout import (
    LINE_PITCH,
    Bar,
    Barcode,
    LabelError,
    LabelLayout,
    Text,
    is_ascii,
    plan,
    sample_label,
)
from erp_desktop.domain.documents import LABEL_SIZES_MM, ShippingLabelDoc

CJK_FONT = "TSS24.BF2"
LATIN_FONT = "3"
FONT_CELL = 24            # both fonts are 24 dots high
CJK_MODES = ("font", "bitmap")
ENCODING = "gb18030"


def tspl_quote(value: str) -> str:
    return '"' + value.replace('"', '\\["]') + '"'


def _line(cmd: str) -> bytes:
    return cmd.encode(ENCODING) + b"\r\n"


def multiplier(el: Text, latin: bool) -> int:
    """The largest whole scale of a 24-dot font whose line is no taller than the layout's line pitch
    and no wider than the line's room (TSS24.BF2: 24 dots a Chinese character, 12 any other;
    font "3": 16)."""
    narrow = 16 if latin else 12
    cells = sum(24 if unicodedata.east_asian_width(c) in "WF" else narrow for c in el.text)
    mul = max(1, math.floor(el.height * LINE_PITCH / FONT_CELL))
    while mul > 1 and cells * mul > el.width:
        mul -= 1
    return mul


def _text(el: Text, cjk: str, font_path: Path | str | None) -> bytes:
    if is_ascii(el.text):
        mul = multiplier(el, latin=True)
        return _line(f"TEXT {el.x},{el.y},{tspl_quote(LATIN_FONT)},0,{mul},{mul},{tspl_quote(el.text)}")
    if cjk == "font":
        mul = multiplier(el, latin=False)
        return _line(f"TEXT {el.x},{el.y},{tspl_quote(CJK_FONT)},0,{mul},{mul},{tspl_quote(el.text)}")
    bm = text_bitmap(el.text, el.height, font_path)
    return f"BITMAP {el.x},{el.y},{bm.row_bytes},{bm.height},0,".encode("ascii") + bm.inverted() + b"\r\n"


def render_tspl(label: ShippingLabelDoc, *, dpi: int = 203, cjk: str = "font", layout: str | LabelLayout | None = None,
                font_path: Path | str | None = None, copies: int = 1, gap_mm: float = 2, direction: int = 1) -> bytes:
    """The label as one TSPL job (SIZE ... PRINT), GB18030 bytes.

    `gap_mm` is the gap between labels on the roll (0 for continuous media); `direction` 0 or 1
    turns the print 180 degrees to match how the roll comes out of the printer."""
    if cjk not in CJK_MODES:
        raise LabelError("cjk", "bad_option", cjk, f"one of {', '.join(CJK_MODES)}")
    if copies < 1:
        raise LabelError("copies", "bad_option", copies, "at least 1")
    if direction not in (0, 1):
        raise LabelError("direction", "bad_option", direction, "0 or 1")
    p = plan(label, dpi=dpi, layout=layout)
    w_mm, h_mm = LABEL_SIZES_MM[p.size]
    out = [_line(c) for c in (f"SIZE {w_mm} mm,{h_mm} mm", f"GAP {gap_mm:g} mm,0 mm", f"DIRECTION {direction}",
                              "REFERENCE 0,0", "CLS")]
    for el in p.elements:
        if isinstance(el, Bar):
            out.append(_line(f"BAR {el.x},{el.y},{el.w},{el.h}"))
        elif isinstance(el, Barcode):
            out.append(_line(f'BARCODE {el.x},{el.y},"128",{el.height},0,0,{el.module},{el.module},'
                             f"{tspl_quote(el.data)}"))
        else:
            out.append(_text(el, cjk, font_path))
    out.append(_line(f"PRINT 1,{copies}"))
    return b"".join(out)


def test_label_tspl(printer_name: str, *, dpi: int = 203, cjk: str = "font", size: str = "100x150",
                    font_path: Path | str | None = None) -> bytes:
    """The Devices dialog's test print: a sample label through the same path as a real one."""
    return render_tspl(sample_label(printer_name, size), dpi=dpi, cjk=cjk, font_path=font_path)


test_label_tspl.__test__ = False       # type: ignore[attr-defined]  # not a pytest test when imported into one
