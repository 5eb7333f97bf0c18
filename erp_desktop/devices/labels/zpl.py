"""Shipping labels as ZPL II (Zebra, and the Chinese printers that emulate it).

Field data is UTF-8 (^CI28) behind ^FH, so `_`, `^` and `~` in an address cannot end a field.
Latin-only text uses the resident scalable font 0.  Text with Chinese in it either names a CJK
TrueType font that is on the printer (^A@ with e.g. E:SIMSUN.TTF; which file exists depends on
the model, so it is a per-printer setting) or, with cjk="bitmap", goes as a 1-bit picture of the
line drawn here (^GFA, hex, by default run-length compressed the way Zebra documents it).  The
tracking number is a Code 128 (^BC automatic subsets, no interpretation line: the layout prints
the number itself), its module width chosen by the plan so that it fits."""

from __future__ import annotations

import re
from pathlib import Path

from erp_desktop.devices.labels.bitmap import Bitmap, text_bitmap
from erp_desktop.devices.labels.layout import (
    Bar,
    Barcode,
    LabelError,
    LabelLayout,
    Text,
    is_ascii,
    plan,
    sample_label,
)
from erp_desktop.domain.documents import ShippingLabelDoc

DEFAULT_CJK_FONT = "E:SIMSUN.TTF"
CJK_MODES = ("font", "bitmap")
_RUNS = re.compile(r"(.)\1{2,}")     # shorter runs cost no more written out than counted


def zpl_escape(value: str) -> str:
    """Field data for ^FH: the hex indicator itself and the two command prefixes as _XX."""
    return value.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def _run(count: int, ch: str) -> str:
    """A run of `count` equal hex digits in Zebra's ASCII compression: z = 400, g..y = 20..380
    (steps of 20), G..Y = 1..19, then the digit."""
    if count == 1:
        return ch
    out = "z" * (count // 400)
    count %= 400
    if count >= 20:
        out += chr(ord("f") + count // 20)
        count %= 20
    if count:
        out += chr(ord("F") + count)
    return out + ch


def _counted(m: re.Match[str]) -> str:
    return _run(len(m[0]), m[1])


def compress_rows(bitmap: Bitmap) -> str:
    """The image as compressed ASCII hex: ':' repeats the row above, ',' fills the rest of a row
    with zeros, runs of one digit are counted."""
    n = bitmap.row_bytes
    out: list[str] = []
    prev = None
    for r in range(bitmap.height):
        row = bitmap.data[r * n:(r + 1) * n]
        if row == prev:
            out.append(":")
            continue
        prev = row
        hexrow = row.hex().upper()
        body = hexrow.rstrip("0")
        zeros = len(hexrow) - len(body)
        if zeros % 2:                          # ',' pads whole bytes: finish the half byte first
            body += "0"
            zeros -= 1
        out.append(_RUNS.sub(_counted, body) + ("," if zeros else ""))
    return "".join(out)


def graphic_field(bitmap: Bitmap, compress: bool = True) -> str:
    """^GFA for the bitmap: byte count and field count are both width-in-bytes x height."""
    total = bitmap.row_bytes * bitmap.height
    data = compress_rows(bitmap) if compress else bitmap.data.hex().upper()
    return f"^GFA,{total},{total},{bitmap.row_bytes},{data}"


def _text(el: Text, cjk: str, cjk_font: str, font_path: Path | str | None, compress: bool) -> str:
    if is_ascii(el.text):
        return f"^FO{el.x},{el.y}^A0N,{el.height},{el.height}^FH^FD{zpl_escape(el.text)}^FS"
    if cjk == "font":
        return f"^FO{el.x},{el.y}^A@N,{el.height},{el.height},{cjk_font}^FH^FD{zpl_escape(el.text)}^FS"
    return f"^FO{el.x},{el.y}{graphic_field(text_bitmap(el.text, el.height, font_path), compress)}^FS"


def render_zpl(label: ShippingLabelDoc, *, dpi: int = 203, cjk: str = "font", layout: str | LabelLayout | None = None,
               cjk_font: str = DEFAULT_CJK_FONT, font_path: Path | str | None = None, copies: int = 1,
               compress: bool = True) -> bytes:
    """The label as one ZPL format (^XA ... ^XZ), UTF-8 bytes.

    cjk="font": Chinese text in the printer's TrueType font `cjk_font` (drive:name as the printer
    lists it); cjk="bitmap": drawn here with the TTF at `font_path` and sent as ^GFA."""
    if cjk not in CJK_MODES:
        raise LabelError("cjk", "bad_option", cjk, f"one of {', '.join(CJK_MODES)}")
    if copies < 1:
        raise LabelError("copies", "bad_option", copies, "at least 1")
    p = plan(label, dpi=dpi, layout=layout)
    out = ["^XA", "^CI28", f"^PW{p.width}", f"^LL{p.height}", "^LH0,0"]
    for el in p.elements:
        if isinstance(el, Bar):
            out.append(f"^FO{el.x},{el.y}^GB{el.w},{el.h},{min(el.w, el.h)}^FS")
        elif isinstance(el, Barcode):
            out.append(f"^FO{el.x},{el.y}^BY{el.module},3,{el.height}^BCN,{el.height},N,N,N,A^FD{el.data}^FS")
        else:
            out.append(_text(el, cjk, cjk_font, font_path, compress))
    out += [f"^PQ{copies}", "^XZ", ""]
    return "\n".join(out).encode("utf-8")


def test_label_zpl(printer_name: str, *, dpi: int = 203, cjk: str = "font", cjk_font: str = DEFAULT_CJK_FONT,
                   size: str = "100x150", font_path: Path | str | None = None) -> bytes:
    """The Devices dialog's test print: a sample label through the same path as a real one."""
    return render_zpl(sample_label(printer_name, size), dpi=dpi, cjk=cjk, cjk_font=cjk_font, font_path=font_path)


test_label_zpl.__test__ = False        # type: ignore[attr-defined]  # not a pytest test when imported into one
