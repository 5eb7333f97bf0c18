"""A wave's picking list (拣货单) as an A4 PDF.

    render_picking_list(doc, "W20250331-007.pdf")      # a path or a binary file; returns the pages
    draw_picking_list(canvas, doc)                     # onto an open canvas (batch.render_batch)

The lines are printed in the order given: the service sorts them by the bins' pick path, and a
picker walks the list from top to bottom.  The bin is the largest thing on a line, since that is
what the picker looks for first; each line has a box to tick.  The wave number is a barcode the
packing station scans, and the wave's order numbers follow the lines.  Layout pieces come from
a4.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.a4 import (
    CONTENT_W,
    GREY,
    INK,
    MARGIN,
    RULE,
    Cell,
    Column,
    Group,
    Item,
    Table,
    Target,
    draw_company_header,
    draw_continued,
    draw_fields,
    draw_text,
    fit_size,
    fmt_qty,
    fmt_time,
    labels,
    lay_out,
    make_cont_header,
    make_footer,
    save_one,
)
from erp_desktop.documents.barcodes import check_barcode
from erp_desktop.domain.documents import PickingListDoc

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "拣货单", "wave": "波次号", "warehouse": "仓库", "carrier": "物流", "created": "创建时间",
        "orders": "订单数", "lines": "拣货行 / 总件数", "note": "备注",
        "c.no": "#", "c.bin": "库位", "c.sku": "商品编码 / 条码", "c.title": "商品名称 / 规格",
        "c.lot": "批次 / 效期", "c.qty": "数量", "c.orders": "订单", "c.check": "已拣",
        "expires": "效期 {date}", "order_list": "本波次订单（共 {n} 单）", "continued": "续下页 →",
        "picker": "拣货人", "started": "开始时间", "finished": "完成时间", "checker": "复核人",
        "page": "第 {page} / {pages} 页", "tel": "电话", "tax": "税号", "pieces": "件",
    },
    "en": {
        "title": "Picking list", "wave": "Wave no.", "warehouse": "Warehouse", "carrier": "Carrier",
        "created": "Created", "orders": "Orders", "lines": "Lines / pieces", "note": "Note",
        "c.no": "#", "c.bin": "Bin", "c.sku": "SKU / barcode", "c.title": "Item / variant", "c.lot": "Lot / expiry",
        "c.qty": "Qty", "c.orders": "Orders", "c.check": "Done", "expires": "exp. {date}",
        "order_list": "Orders in this wave ({n})", "continued": "continued on the next page →",
        "picker": "Picked by", "started": "Started", "finished": "Finished", "checker": "Checked by",
        "page": "Page {page} of {pages}", "tel": "Tel.", "tax": "Tax ID", "pieces": "",
    },
}

ORDER_COLS = 4
ORDER_ROW_H = 5.2 * mm


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else ""


def draw_picking_list(c: Canvas, doc: PickingListDoc, *, lang: str = "zh_CN") -> int:
    """Draw the list onto `c` from a fresh page on; returns the pages it took."""
    lab = labels(LABELS, lang)
    check_barcode(doc.wave_no, gtin_check=False)
    c.setPageSize(A4)
    table = Table([Column(lab["c.no"], 8 * mm, "center"), Column(lab["c.bin"], 24 * mm),
                   Column(lab["c.sku"], 42 * mm), Column(lab["c.title"], 0), Column(lab["c.lot"], 25 * mm),
                   Column(lab["c.qty"], 14 * mm, "right"), Column(lab["c.orders"], 12 * mm, "right"),
                   Column(lab["c.check"], 11 * mm, "center")])
    items: list[Item] = []
    for i, ln in enumerate(doc.lines, start=1):
        expiry = lab["expires"].format(date=_date(ln.expires_on)) if ln.expires_on else ""
        items.append(table.row([
            Cell(str(i)), Cell(ln.location_code, size=11, bold=True, max_lines=2),
            Cell(ln.sku_code, barcode=ln.barcode, max_lines=2), Cell(ln.title, sub=ln.variant),
            Cell(ln.lot_no, sub=expiry, size=8), Cell(fmt_qty(ln.quantity), size=11, bold=True),
            Cell(str(ln.order_count)), Cell(checkbox=True),
        ], shade=i % 2 == 0))

    # the wave's order numbers, a few to a line, after the lines
    heading = lab["order_list"].format(n=len(doc.order_nos))

    def draw_orders_heading(c: Canvas, y: float) -> None:
        draw_text(c, MARGIN, y - 7 * mm, heading, 9.5, bold=True)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN, y - 8.8 * mm, MARGIN + CONTENT_W, y - 8.8 * mm)

    orders_group = Group(10 * mm, draw_orders_heading)
    col_w = CONTENT_W / ORDER_COLS

    def order_row(first: int, nos: tuple[str, ...]) -> Item:
        def draw(c: Canvas, y: float) -> None:
            for k, no in enumerate(nos):
                x = MARGIN + k * col_w
                draw_text(c, x + 7 * mm, y - 4 * mm, f"{first + k}.", 7, color=GREY, align="right")
                draw_text(c, x + 8.5 * mm, y - 4 * mm, no, fit_size(no, 8.5, col_w - 10 * mm))
        return Item(ORDER_ROW_H, draw, orders_group)

    for k in range(0, len(doc.order_nos), ORDER_COLS):
        items.append(order_row(k + 1, doc.order_nos[k:k + ORDER_COLS]))

    y = draw_company_header(c, doc.company, lab["title"], doc.wave_no, lab)
    total = sum((ln.quantity for ln in doc.lines), Decimal(0))
    half = CONTENT_W / 2 - 4 * mm
    left = [(lab["wave"], doc.wave_no), (lab["warehouse"], doc.warehouse), (lab["carrier"], doc.carrier)]
    right = [(lab["created"], fmt_time(doc.created_at)), (lab["orders"], str(len(doc.order_nos))),
             (lab["lines"], f"{len(doc.lines)} / {fmt_qty(total)} {lab['pieces']}".strip())]
    y_left = draw_fields(c, MARGIN, y - 3 * mm, half, left, size=10)
    y_right = draw_fields(c, MARGIN + CONTENT_W / 2 + 4 * mm, y - 3 * mm, half, right, size=10)
    y = min(y_left, y_right)
    if doc.note:
        y = draw_fields(c, MARGIN, y, CONTENT_W, [(lab["note"], doc.note)], size=10)
    first_top = y - 2 * mm

    def draw_end(c: Canvas, y: float) -> None:
        sy = y - 14 * mm
        x = MARGIN
        c.setStrokeColor(INK)
        c.setLineWidth(0.5)
        for key in ("picker", "started", "finished", "checker"):
            w = draw_text(c, x, sy, lab[key] + "：" if lang.startswith("zh") else lab[key] + ":", 8.5, color=GREY)
            c.line(x + w + 1 * mm, sy - 1.5, x + CONTENT_W / 4 - 4 * mm, sy - 1.5)
            x += CONTENT_W / 4

    left_footer = f"{doc.company.name} · {lab['title']} {doc.wave_no} · {doc.warehouse}"
    return lay_out(c, items, first_top=first_top, cont_header=make_cont_header(doc.company, lab["title"],
                                                                                  doc.wave_no),
                   end_height=18 * mm, draw_end=draw_end, footer=make_footer(left_footer, lab),
                   continued=lambda c, y, done: draw_continued(c, y, lab["continued"]))


def render_picking_list(doc: PickingListDoc, out: Target, *, lang: str = "zh_CN") -> int:
    """Write the picking list as a PDF to a path or binary file; returns the pages."""
    lab = labels(LABELS, lang)
    return save_one(out, lambda c: draw_picking_list(c, doc, lang=lang), title=f"{lab['title']} {doc.wave_no}",
                    author=doc.company.name)
