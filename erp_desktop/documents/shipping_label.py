"""A parcel's shipping label as a PDF page of 100 x 150 mm or 100 x 180 mm (the Chinese e-waybill).

    render_shipping_label(doc, "ZT7812345678901.pdf")  # a path or a binary file; returns the pages (1)
    draw_shipping_label(canvas, doc)                   # onto an open canvas (batch.render_batch)

Laid out as the carriers' e-waybills are: carrier and service, the sort code (大头笔) as large as
the width allows, the tracking number as a wide Code 128, the recipient in large type, the
sender, then the order, the items, the weight and the parcel's number.  The 100 x 180 label adds
the tear-off stub below a dashed line, with the tracking barcode again for the recipient's copy.
The page is the label: print it at 100 % on a label printer's driver (devices/ sends ZPL/TSPL
bytes instead where the printer speaks them)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.a4 import (
    GREY,
    INK,
    Target,
    draw_text,
    fit_size,
    fmt_money,
    fmt_qty,
    fmt_time,
    labels,
    save_one,
    wrap,
)
from erp_desktop.documents.barcodes import check_barcode, draw_code128, fit_bar_width
from erp_desktop.domain.documents import LABEL_SIZES_MM, Party, ShippingLabelDoc

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {"to": "收", "from": "寄", "order": "订单号", "items": "物品", "weight": "重量", "parcel": "件数",
              "cod": "代收货款", "printed": "打印时间", "stub": "收件人存根", "sign": "签收人"},
    "en": {"to": "TO", "from": "FROM", "order": "Order", "items": "Items", "weight": "Weight", "parcel": "Parcel",
           "cod": "COD", "printed": "Printed", "stub": "Recipient's copy", "sign": "Signature"},
}

EDGE = 2.5 * mm                     # the printers' unprintable margin
LINE = 0.9                          # the section rules
TRACKING_BAR = 0.5 * mm             # 4 dots of a 203 dpi printer: read from a metre by the sorting line's scanners


def label_page_size(size: str) -> tuple[float, float]:
    """The page of a label size ("100x150", "100x180") in points."""
    w, h = LABEL_SIZES_MM[size]
    return w * mm, h * mm


def _rule(c: Canvas, y: float, width: float) -> None:
    c.setStrokeColor(INK)
    c.setLineWidth(LINE)
    c.line(EDGE, y, width - EDGE, y)


def _badge(c: Canvas, x: float, y_top: float, text: str, size: float) -> float:
    """A black square with white text ("收", "寄"); returns its side."""
    side = size * 1.55
    c.setFillColor(INK)
    c.rect(x, y_top - side, side, side, stroke=0, fill=1)
    draw_text(c, x + side / 2, y_top - side / 2 - size * 0.36, text, size * (0.8 if len(text) > 2 else 1),
              align="center", color=colors.white)
    return side


def _party(c: Canvas, p: Party, x: float, y_top: float, width: float, *, size: float, lines: int) -> None:
    head = "  ".join(s for s in (p.name, p.phone) if s)
    draw_text(c, x, y_top - size, head, fit_size(head, size, width), bold=True)
    y = y_top - size - size * 1.35
    addr = p.address + (f"  {p.postal_code}" if p.postal_code else "")
    small = size * 0.85
    for line in wrap(addr, small, width, lines):
        draw_text(c, x, y, line, small)
        y -= small * 1.3


def draw_shipping_label(c: Canvas, doc: ShippingLabelDoc, *, lang: str = "zh_CN") -> int:
    """Draw the label as one page of its own size onto `c`; returns 1."""
    lab = labels(LABELS, lang)
    check_barcode(doc.tracking_no, gtin_check=False)     # a carrier's 13 digits are no EAN-13
    check_barcode(doc.order_no, gtin_check=False)
    w, h = label_page_size(doc.size)
    c.setPageSize((w, h))
    inner = w - 2 * EDGE
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.rect(EDGE, EDGE, inner, h - 2 * EDGE, stroke=1, fill=0)

    # carrier, service, cash on delivery
    y = h - EDGE
    cw = draw_text(c, EDGE + 2 * mm, y - 7.5 * mm, doc.carrier, fit_size(doc.carrier, 15, 45 * mm), bold=True)
    if doc.cod_amount is not None:
        if doc.service:
            draw_text(c, EDGE + 4 * mm + cw, y - 7.5 * mm, doc.service, fit_size(doc.service, 8, 44 * mm - cw))
        cod = f"{lab['cod']} {fmt_money(doc.cod_amount)}"
        size = fit_size(cod, 10, 44 * mm)
        c.setFillColor(INK)
        c.rect(w - EDGE - 46 * mm, y - 9 * mm, 46 * mm, 9 * mm, stroke=0, fill=1)
        draw_text(c, w - EDGE - 23 * mm, y - 6 * mm, cod, size, bold=True, align="center", color=colors.white)
    elif doc.service:
        draw_text(c, w - EDGE - 2 * mm, y - 7 * mm, doc.service, fit_size(doc.service, 11, 46 * mm), align="right")
    y -= 10 * mm
    _rule(c, y, w)

    # the sort code, as large as it fits
    if doc.sort_code:
        size = fit_size(doc.sort_code, 30, inner - 6 * mm, 12)
        draw_text(c, w / 2, y - 8 * mm - size * 0.36, doc.sort_code, size, bold=True, align="center")
    y -= 16 * mm
    _rule(c, y, w)

    # the tracking barcode, as wide as the label allows
    room = inner - 4 * mm
    draw_code128(c, doc.tracking_no, EDGE + 2 * mm, y - 21 * mm, height=18 * mm, max_width=room,
                 bar_width=fit_bar_width(doc.tracking_no, room, preferred=TRACKING_BAR), human_readable=False,
                 align="center", gtin_check=False)
    draw_text(c, w / 2, y - 25.2 * mm, doc.tracking_no, 12, bold=True, align="center")
    y -= 27 * mm
    _rule(c, y, w)

    # recipient and sender
    side = _badge(c, EDGE + 2 * mm, y - 2 * mm, lab["to"], 13)
    _party(c, doc.recipient, EDGE + 4 * mm + side, y - 2 * mm, inner - side - 6 * mm, size=12, lines=3)
    y -= 27 * mm
    c.setLineWidth(0.5)
    c.line(EDGE, y, w - EDGE, y)
    side = _badge(c, EDGE + 2 * mm, y - 2 * mm, lab["from"], 9)
    _party(c, doc.sender, EDGE + 4 * mm + side, y - 2 * mm, inner - side - 6 * mm, size=8.5, lines=2)
    y -= 14 * mm
    _rule(c, y, w)

    # the order: number (and its barcode), items, weight, parcel x of y
    bottom = EDGE + (33 * mm if doc.size == "100x180" else 0)
    draw_text(c, EDGE + 2 * mm, y - 4.5 * mm, f"{lab['order']}  {doc.order_no}", 9, bold=True)
    parcel = f"{doc.parcel_no}/{doc.parcel_count}"
    draw_text(c, w - EDGE - 2 * mm, y - 9 * mm, parcel, 18, bold=True, align="right")
    draw_text(c, w - EDGE - 2 * mm, y - 13 * mm, lab["parcel"], 7, color=GREY, align="right")
    facts = []
    if doc.weight_kg is not None:
        facts.append(f"{lab['weight']} {fmt_qty(doc.weight_kg.quantize(Decimal('0.001')))} kg")
    facts += [f"{k} {v}" for k, v in doc.extra.items()]
    ty = y - 9 * mm
    for line in wrap("    ".join(facts), 8, inner - 26 * mm, 2) if facts else []:
        draw_text(c, EDGE + 2 * mm, ty, line, 8)
        ty -= 8 * 1.3
    ty = min(ty, y - 15 * mm) - 1 * mm
    room = int((ty - bottom - 6 * mm) / (8.5 * 1.3))
    if doc.items_summary and room > 0:
        draw_text(c, EDGE + 2 * mm, ty, lab["items"], 7, color=GREY)
        for line in wrap(doc.items_summary, 8.5, inner - 14 * mm, room):
            draw_text(c, EDGE + 12 * mm, ty, line, 8.5)
            ty -= 8.5 * 1.3
    if doc.printed_at is not None:
        draw_text(c, w - EDGE - 2 * mm, bottom + 2 * mm, f"{lab['printed']} {fmt_time(doc.printed_at)}", 6.5,
                  color=GREY, align="right")

    if doc.size == "100x180":           # the recipient's stub below the tear line
        y = bottom
        c.setDash(3, 2)
        c.setLineWidth(0.8)
        c.line(EDGE, y, w - EDGE, y)
        c.setDash()
        draw_text(c, EDGE + 2 * mm, y - 4.5 * mm, f"{doc.carrier}  {lab['stub']}", 7.5, color=GREY)
        draw_code128(c, doc.tracking_no, EDGE + 2 * mm, y - 19 * mm, height=13 * mm, max_width=58 * mm,
                     font_size=7.5, gtin_check=False)
        right = EDGE + 64 * mm
        to = "  ".join(s for s in (doc.recipient.name, doc.recipient.phone) if s)
        draw_text(c, right, y - 8 * mm, f"{lab['to']}  {to}", fit_size(f"{lab['to']}  {to}", 8, 31 * mm))
        draw_text(c, right, y - 13 * mm, f"{lab['order']} {doc.order_no}",
                  fit_size(f"{lab['order']} {doc.order_no}", 7.5, 31 * mm))
        draw_text(c, right, y - 18 * mm, f"{lab['parcel']} {parcel}", 7.5)
        sign = f"{lab['sign']}："
        sw = draw_text(c, EDGE + 2 * mm, EDGE + 4 * mm, sign, 8, color=GREY)
        c.setLineWidth(0.5)
        c.line(EDGE + 3 * mm + sw, EDGE + 3.5 * mm, w - EDGE - 4 * mm, EDGE + 3.5 * mm)
    c.showPage()
    return 1


def render_shipping_label(doc: ShippingLabelDoc, out: Target, *, lang: str = "zh_CN") -> int:
    """Write the label as a one-page PDF of the label's size; returns 1."""
    return save_one(out, lambda c: draw_shipping_label(c, doc, lang=lang), title=f"{doc.carrier} {doc.tracking_no}",
                    author=doc.sender.name)
