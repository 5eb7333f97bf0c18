"""The packing slip (装箱单) of one parcel as an A4 PDF: what is in the box, without prices.

    render_packing_slip(doc, "SO-2024-000123-1.pdf")   # a path or a binary file; returns the pages
    draw_packing_slip(canvas, doc)                     # onto an open canvas (batch.render_batch)

It goes into the parcel, so it shows no prices; "包裹 1 / 2" is printed large because a
multi-parcel order's slips must not be swapped between boxes.  Layout pieces come from a4.py."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.a4 import (
    CONTENT_W,
    GREY,
    INK,
    MARGIN,
    PAGE_W,
    Cell,
    Column,
    Table,
    Target,
    draw_company_header,
    draw_continued,
    draw_fields,
    draw_text,
    fmt_qty,
    labels,
    lay_out,
    make_cont_header,
    make_footer,
    save_one,
    wrap,
)
from erp_desktop.documents.barcodes import check_barcode
from erp_desktop.domain.documents import PackingSlipDoc

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "装箱单", "order_no": "订单号", "recipient": "收货人", "address": "地址", "postal": "邮编",
        "tracking": "运单号", "packer": "打包员", "parcel": "包裹", "parcel_of": "{no} / {count}",
        "c.no": "#", "c.sku": "商品编码 / 条码", "c.title": "商品名称 / 规格", "c.lot": "批次", "c.qty": "数量",
        "c.check": "核对", "items": "本包裹商品", "pieces": "件", "note": "备注", "continued": "续下页 →",
        "page": "第 {page} / {pages} 页", "tel": "电话", "tax": "税号", "thanks": "感谢您的购买！如有问题请联系客服。",
    },
    "en": {
        "title": "Packing slip", "order_no": "Order no.", "recipient": "Ship to", "address": "Address",
        "postal": "Postcode", "tracking": "Tracking no.", "packer": "Packed by", "parcel": "Parcel",
        "parcel_of": "{no} of {count}", "c.no": "#", "c.sku": "SKU / barcode", "c.title": "Item / variant",
        "c.lot": "Lot", "c.qty": "Qty", "c.check": "Check", "items": "Items in this parcel", "pieces": "",
        "note": "Note", "continued": "continued on the next page →", "page": "Page {page} of {pages}",
        "tel": "Tel.", "tax": "Tax ID", "thanks": "Thank you for your order. Questions? Contact our customer service.",
    },
}


def draw_packing_slip(c: Canvas, doc: PackingSlipDoc, *, lang: str = "zh_CN") -> int:
    """Draw the slip onto `c` from a fresh page on; returns the pages it took."""
    lab = labels(LABELS, lang)
    check_barcode(doc.order_no, gtin_check=False)
    c.setPageSize(A4)
    table = Table([Column(lab["c.no"], 8 * mm, "center"), Column(lab["c.sku"], 50 * mm),
                   Column(lab["c.title"], 0), Column(lab["c.lot"], 26 * mm), Column(lab["c.qty"], 16 * mm, "right"),
                   Column(lab["c.check"], 14 * mm, "center")])
    items = [table.row([Cell(str(i)), Cell(ln.sku_code, barcode=ln.barcode, max_lines=2),
                        Cell(ln.title, sub=ln.variant), Cell(ln.lot_no), Cell(fmt_qty(ln.quantity), size=10, bold=True),
                        Cell(checkbox=True)], shade=i % 2 == 0)
             for i, ln in enumerate(doc.lines, start=1)]

    y = draw_company_header(c, doc.company, lab["title"], doc.order_no, lab)
    # the parcel's number, large, at the right; the recipient and the order at the left
    box_w, box_h = 46 * mm, 20 * mm
    bx, by = PAGE_W - MARGIN - box_w, y - 2 * mm - box_h
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.rect(bx, by, box_w, box_h, stroke=1, fill=0)
    draw_text(c, bx + box_w / 2, by + box_h - 5 * mm, lab["parcel"], 9, align="center", color=GREY)
    draw_text(c, bx + box_w / 2, by + 4 * mm, lab["parcel_of"].format(no=doc.parcel_no, count=doc.parcel_count),
              22, bold=True, align="center")
    r = doc.recipient
    fields = [(lab["order_no"], doc.order_no), (lab["recipient"], "  ".join(s for s in (r.name, r.phone) if s)),
              (lab["address"], r.address), (lab["postal"], r.postal_code), (lab["tracking"], doc.tracking_no),
              (lab["packer"], doc.packer)]
    y_fields = draw_fields(c, MARGIN, y - 3 * mm, CONTENT_W - box_w - 8 * mm, fields)
    first_top = min(y_fields, by) - 3 * mm

    total = sum((ln.quantity for ln in doc.lines), Decimal(0))
    note_lines = wrap(doc.note, 9, CONTENT_W - 20 * mm, 4) if doc.note else []
    end_height = 14 * mm + len(note_lines) * 9 * 1.35 + 12 * mm

    def draw_end(c: Canvas, y: float) -> None:
        y -= 6 * mm
        draw_text(c, PAGE_W - MARGIN, y, f"{lab['items']}  {fmt_qty(total)} {lab['pieces']}".strip(), 10, bold=True,
                  align="right")
        y -= 7 * mm
        for i, line in enumerate(note_lines):
            if i == 0:
                draw_text(c, MARGIN, y, lab["note"], 8, color=GREY)
            draw_text(c, MARGIN + 16 * mm, y, line, 9)
            y -= 9 * 1.35
        draw_text(c, MARGIN, y - 6 * mm, lab["thanks"], 8.5, color=GREY)

    left_footer = f"{doc.company.name} · {lab['title']} {doc.order_no} · {lab['parcel']} " \
                  f"{lab['parcel_of'].format(no=doc.parcel_no, count=doc.parcel_count)}"
    return lay_out(c, items, first_top=first_top, cont_header=make_cont_header(doc.company, lab["title"],
                                                                                  doc.order_no),
                   end_height=end_height, draw_end=draw_end, footer=make_footer(left_footer, lab),
                   continued=lambda c, y, done: draw_continued(c, y, lab["continued"]))


def render_packing_slip(doc: PackingSlipDoc, out: Target, *, lang: str = "zh_CN") -> int:
    """Write the slip as a PDF to a path or binary file; returns the pages."""
    lab = labels(LABELS, lang)
    return save_one(out, lambda c: draw_packing_slip(c, doc, lang=lang),
                    title=f"{lab['title']} {doc.order_no} ({doc.parcel_no}/{doc.parcel_count})",
                    author=doc.company.name)
