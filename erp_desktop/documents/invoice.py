"""The invoice / delivery note (发货单) of one order as an A4 PDF (the page kit is a4.py).

    render_invoice(doc, "SO-2024-000123.pdf")          # a path or a binary file; returns the pages
    draw_invoice(canvas, doc)                          # onto an open canvas (batch.render_batch)
"""

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
    PAD,
    PAGE_W,
    Cell,
    Column,
    Table,
    Target,
    draw_company_header,
    draw_continued,
    draw_fields,
    draw_text,
    fmt_money,
    fmt_qty,
    fmt_time,
    labels,
    lay_out,
    make_cont_header,
    make_footer,
    save_one,
    wrap,
)
from erp_desktop.documents.barcodes import check_barcode
from erp_desktop.domain.documents import DocumentLine, InvoiceDoc

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "发货单", "order_no": "订单号", "shop": "店铺", "platform": "平台单号", "ordered": "下单时间",
        "paid_at": "付款时间", "carrier": "物流", "recipient": "收货人", "address": "地址", "postal": "邮编",
        "c.no": "#", "c.sku": "商品编码 / 条码", "c.title": "商品名称 / 规格", "c.qty": "数量", "c.price": "单价",
        "c.amount": "金额", "items": "商品数量", "goods": "商品金额", "discount": "优惠", "shipping": "运费",
        "paid": "实付金额", "buyer_message": "买家留言", "seller_memo": "卖家备注", "lot": "批次",
        "continued": "续下页", "subtotal": "小计（截至本页）", "page": "第 {page} / {pages} 页",
        "printed": "打印时间", "tel": "电话", "tax": "税号", "sign": "收货人签字", "date": "日期", "pieces": "件",
        "sep": "：",
    },
    "en": {
        "title": "Invoice", "order_no": "Order no.", "shop": "Shop", "platform": "Platform order", "ordered": "Ordered",
        "paid_at": "Paid", "carrier": "Carrier", "recipient": "Ship to", "address": "Address", "postal": "Postcode",
        "c.no": "#", "c.sku": "SKU / barcode", "c.title": "Item / variant", "c.qty": "Qty", "c.price": "Unit price",
        "c.amount": "Amount", "items": "Items", "goods": "Goods", "discount": "Discount", "shipping": "Shipping",
        "paid": "Paid", "buyer_message": "Buyer's message", "seller_memo": "Seller's memo", "lot": "Lot",
        "continued": "continued on the next page", "subtotal": "Subtotal so far", "page": "Page {page} of {pages}",
        "printed": "Printed", "tel": "Tel.", "tax": "Tax ID", "sign": "Received by", "date": "Date", "pieces": "",
        "sep": ": ",
    },
}


# ------------------------------------------------------------------------------------------------
# the invoice
# ------------------------------------------------------------------------------------------------

def line_amount(line: DocumentLine) -> Decimal | None:
    if line.amount is not None:
        return line.amount
    return line.unit_price * line.quantity if line.unit_price is not None else None


def draw_invoice(c: Canvas, doc: InvoiceDoc, *, lang: str = "zh_CN") -> int:
    """Draw the invoice onto `c` from a fresh page on; returns the pages it took."""
    lab = labels(LABELS, lang)
    cur = doc.currency
    check_barcode(doc.order_no, gtin_check=False)
    c.setPageSize(A4)
    table = Table([Column(lab["c.no"], 8 * mm, "center"), Column(lab["c.sku"], 46 * mm),
                   Column(lab["c.title"], 0), Column(lab["c.qty"], 15 * mm, "right"),
                   Column(lab["c.price"], 23 * mm, "right"), Column(lab["c.amount"], 25 * mm, "right")])
    items = []
    for i, line in enumerate(doc.lines, start=1):
        sub = "　".join(s for s in (line.variant, f"{lab['lot']} {line.lot_no}" if line.lot_no else "") if s)
        amount = line_amount(line)
        items.append(table.row([
            Cell(str(i)), Cell(line.sku_code, barcode=line.barcode, max_lines=2), Cell(line.title, sub=sub),
            Cell(fmt_qty(line.quantity)),
            Cell(fmt_money(line.unit_price, cur) if line.unit_price is not None else ""),
            Cell(fmt_money(amount, cur) if amount is not None else ""),
        ], shade=i % 2 == 0))

    # the first page's header and the order's facts
    y = draw_company_header(c, doc.company, lab["title"], doc.order_no, lab)
    half = CONTENT_W / 2 - 4 * mm
    left = [(lab["order_no"], doc.order_no), (lab["shop"], doc.shop_name),
            (lab["platform"], ", ".join(doc.platform_order_nos)), (lab["ordered"], fmt_time(doc.ordered_at)),
            (lab["paid_at"], fmt_time(doc.paid_at)),
            (lab["carrier"], "  ".join(s for s in (doc.carrier, doc.tracking_no) if s))]
    r = doc.recipient
    right = [(lab["recipient"], "  ".join(s for s in (r.name, r.phone) if s)), (lab["address"], r.address),
             (lab["postal"], r.postal_code)]
    y_left = draw_fields(c, MARGIN, y - 3 * mm, half, left)
    y_right = draw_fields(c, MARGIN + CONTENT_W / 2 + 4 * mm, y - 3 * mm, half, right)
    first_top = min(y_left, y_right) - 2 * mm

    # the closing block: messages left, totals right, a signature line
    msgs = [(lab["buyer_message"], doc.buyer_message), (lab["seller_memo"], doc.seller_memo)]
    msg_w = CONTENT_W - 78 * mm
    msg_lines = [(k, wrap(v, 8.5, msg_w - 4 * mm, 5)) for k, v in msgs if v]
    msg_h = sum(8 * 1.4 + len(ls) * 8.5 * 1.3 + 2 * mm for _, ls in msg_lines)
    total_qty = sum((ln.quantity for ln in doc.lines), Decimal(0))
    totals = [(lab["items"], f"{fmt_qty(total_qty)} {lab['pieces']}".strip(), False),
              (lab["goods"], fmt_money(doc.goods_amount, cur), False),
              (lab["discount"], fmt_money(-doc.discount, cur) if doc.discount else fmt_money(Decimal(0), cur), False),
              (lab["shipping"], fmt_money(doc.shipping_fee, cur), False),
              (lab["paid"], fmt_money(doc.paid_amount, cur), True)]
    totals_h = 4 * mm + len(totals) * 5.2 * mm + 4.5 * mm
    end_height = max(totals_h, msg_h + 4 * mm) + 16 * mm

    def draw_end(c: Canvas, y: float) -> None:
        y -= 4 * mm
        ty = y
        x_label, x_value = PAGE_W - MARGIN - 72 * mm, PAGE_W - MARGIN - PAD
        for k, v, strong in totals:
            if strong:
                ty -= 1 * mm
                c.setStrokeColor(INK)
                c.setLineWidth(0.8)
                c.line(x_label, ty, x_value + PAD, ty)
                ty -= 1.5 * mm
            size = 11 if strong else 9
            draw_text(c, x_label, ty - size, k, size - 1, bold=strong, color=INK if strong else GREY)
            draw_text(c, x_value, ty - size, v, size, bold=strong, align="right")
            ty -= 5.2 * mm
        my = y
        for k, ls in msg_lines:
            draw_text(c, MARGIN, my - 8, k, 8, color=GREY)
            my -= 8 * 1.4
            for line in ls:
                draw_text(c, MARGIN + 2 * mm, my - 8.5, line, 8.5)
                my -= 8.5 * 1.3
            my -= 2 * mm
        sy = min(ty, my) - 10 * mm
        draw_text(c, MARGIN, sy, f"{lab['sign']}{lab['sep']}", 8.5, color=GREY)
        draw_text(c, MARGIN + 80 * mm, sy, f"{lab['date']}{lab['sep']}", 8.5, color=GREY)
        c.setStrokeColor(INK)
        c.setLineWidth(0.5)
        c.line(MARGIN + 22 * mm, sy - 1.5, MARGIN + 70 * mm, sy - 1.5)
        c.line(MARGIN + 92 * mm, sy - 1.5, MARGIN + 130 * mm, sy - 1.5)

    def continued(c: Canvas, y: float, done: int) -> None:
        so_far = [line_amount(ln) for ln in doc.lines[:done]]
        qty = sum((ln.quantity for ln in doc.lines[:done]), Decimal(0))
        amount = sum((a for a in so_far if a is not None), Decimal(0))
        draw_continued(c, y, f"{lab['subtotal']}  {lab['c.qty']} {fmt_qty(qty)}  {lab['c.amount']} "
                             f"{fmt_money(amount, cur)}    {lab['continued']} →")

    printed = fmt_time(doc.printed_at)
    left_footer = f"{doc.company.name} · {lab['title']} {doc.order_no}" + (
        f" · {lab['printed']} {printed}" if printed else "")
    return lay_out(c, items, first_top=first_top, cont_header=make_cont_header(doc.company, lab["title"],
                                                                                  doc.order_no),
                   end_height=end_height, draw_end=draw_end, footer=make_footer(left_footer, lab),
                   continued=continued)


def render_invoice(doc: InvoiceDoc, out: Target, *, lang: str = "zh_CN") -> int:
    """Write the invoice as a PDF to a path or binary file; returns the pages."""
    lab = labels(LABELS, lang)
    return save_one(out, lambda c: draw_invoice(c, doc, lang=lang), title=f"{lab['title']} {doc.order_no}",
                    author=doc.company.name)
