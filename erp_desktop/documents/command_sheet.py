"""The packing station's command sheet: each command as a large Code 128 barcode with its key
and what it does, to print and stick to the bench, so a packer with a scanner in hand never
reaches for the keyboard.

    render_command_sheet([("*DONE*", "F10", "确认发货"), ...], "commands.pdf", title="打包台指令条码")

One A4 page, two columns of cards; the rows come translated from the station (ui/packing)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.a4 import CONTENT_W, GREY, MARGIN, PAGE_H, RULE, Target, draw_text, fit_size, save_one
from erp_desktop.documents.barcodes import draw_code128

CARD_H = 34 * mm
GAP = 6 * mm


def draw_command_sheet(c: Canvas, rows: Sequence[tuple[str, str, str]], *, title: str, note: str = "") -> int:
    """Draw the sheet onto `c`; returns the pages it took (a new page after every 14 commands)."""
    col_w = (CONTENT_W - GAP) / 2
    per_page = 2 * int((PAGE_H - 2 * MARGIN - 16 * mm) // (CARD_H + 3 * mm))
    pages = 0
    for start in range(0, max(len(rows), 1), per_page):
        pages += 1
        top = PAGE_H - MARGIN
        draw_text(c, MARGIN, top - 6 * mm, title, 16, bold=True)
        if note:
            draw_text(c, MARGIN, top - 12 * mm, note, 9, color=GREY)
        y0 = top - 16 * mm
        for i, (code, key, what) in enumerate(rows[start:start + per_page]):
            x = MARGIN + (i % 2) * (col_w + GAP)
            y = y0 - (i // 2 + 1) * (CARD_H + 3 * mm)
            c.setStrokeColor(RULE)
            c.roundRect(x, y, col_w, CARD_H, 2 * mm, stroke=1, fill=0)
            label = f"{key}  {what}" if key else what
            draw_text(c, x + 4 * mm, y + CARD_H - 7 * mm, label, fit_size(label, 12, col_w - 8 * mm), bold=True)
            draw_code128(c, code, x + 4 * mm, y + 3 * mm, height=CARD_H - 13 * mm, max_width=col_w - 8 * mm,
                         align="center", font_size=9, gtin_check=False)
        c.showPage()
    return pages


def render_command_sheet(rows: Sequence[tuple[str, str, str]], out: Target, *, title: str, note: str = "") -> int:
    """(barcode text, key, what it does) per command into a PDF; returns the pages."""
    return save_one(out, lambda c: draw_command_sheet(c, rows, title=title, note=note), title=title)
