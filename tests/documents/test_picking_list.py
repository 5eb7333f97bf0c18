"""A wave's picking list read back from the PDF: the lines in the pick-path order given (not
sorted by bin name), lots, expiry dates, quantities, the wave's order numbers, page numbers, the
embedded font; the wave's barcode scans back; a page rendered to PNG is not blank."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal as D

from PIL import Image

from erp_desktop.documents.picking_list import render_picking_list
from erp_desktop.domain.documents import PickingListDoc, PickLine
from tests.documents.test_invoice import (
    COMPANY,
    EAN,
    NAMES,
    T0,
    assert_only_embedded_cjk_font,
    decode_code128,
    needs_poppler,
    pdf_pages,
    render_region,
)

# a pick path that walks the aisles C, A, B: the printed order must be this one, not the alphabet's
PATH = ["C-03-01", "C-01-02", "A-01-01", "A-02-07", "B-05-01", "B-01-03"]


def picking_doc(n: int = 6, orders: int = 9) -> PickingListDoc:
    lines = tuple(
        PickLine(f"{PATH[i % len(PATH)]}{'' if i < len(PATH) else f'-{i}'}", f"SKU-{i:05d}", NAMES[i % len(NAMES)],
                 D(1 + i % 5), pick_order=i, variant="黑色 / XL" if i % 2 else "",
                 lot_no=f"LOT{i:04d}" if i % 3 == 0 else "",
                 expires_on=dt.date(2026, 1 + i % 12, 15) if i % 3 == 0 else None,
                 barcode=EAN if i % 2 == 0 else "", order_count=1 + i % 4)
        for i in range(n))
    return PickingListDoc(COMPANY, "W20250331-007", "HZ 杭州主仓", lines, carrier="中通快递", created_at=T0,
                          order_nos=tuple(f"SO-2025-{k:06d}" for k in range(1, orders + 1)), note="单品波次")


def test_lines_in_pick_path_order_with_lots_expiry_quantities_and_the_orders(tmp_path):
    out = tmp_path / "W20250331-007.pdf"
    doc = picking_doc()
    assert render_picking_list(doc, out) == 1
    reader, (text,) = pdf_pages(out)
    assert "拣货单" in text and "W20250331-007" in text and "HZ 杭州主仓" in text and "中通快递" in text
    assert "单品波次" in text and "第 1 / 1 页" in text
    positions = [text.index(code) for code in PATH]
    assert positions == sorted(positions)                 # C before A before B, as the path goes
    assert "LOT0000" in text and "效期 2026-01-15" in text and "LOT0003" in text and "效期 2026-04-15" in text
    assert "保温杯 500ml" in text and "黑色 / XL" in text
    # header: 6 lines, 1+2+3+4+5+1 = 16 pieces, 9 orders
    assert re.search(r"拣货行 / 总件数\s*6 / 16 件", text) and re.search(r"订单数\s*9", text)
    # each line: bin ... quantity and the number of orders wanting it
    for ln in doc.lines:
        row = text[text.index(ln.location_code):]
        assert re.search(rf"^{re.escape(ln.location_code)}\s.*?{ln.sku_code}.*?\s{ln.quantity}\s+{ln.order_count}\b",
                         row, re.S), ln
    assert "本波次订单（共 9 单）" in text
    assert all(f"SO-2025-{k:06d}" in text for k in range(1, 10))
    assert_only_embedded_cjk_font(reader)


def test_a_big_wave_runs_over_pages_and_keeps_the_order(tmp_path):
    out = tmp_path / "big.pdf"
    doc = picking_doc(40, orders=150)
    pages = render_picking_list(doc, out, lang="en")
    _, texts = pdf_pages(out)
    assert pages == len(texts) >= 3
    assert all(f"Page {p} of {pages}" in t for p, t in enumerate(texts, start=1))
    everything = "\n".join(texts)
    positions = [everything.index(ln.sku_code) for ln in doc.lines]
    assert positions == sorted(positions)
    order_nos = re.findall(r"SO-2025-\d{6}", everything)
    assert order_nos == list(doc.order_nos)               # every order once, in order, after the lines
    assert everything.index(doc.lines[-1].sku_code) < everything.index("Orders in this wave (150)")
    assert "Picked by" in texts[-1] and "Picked by" not in texts[0]


@needs_poppler
def test_page_renders_to_png_and_the_wave_barcode_scans(tmp_path):
    out = tmp_path / "render.pdf"
    render_picking_list(picking_doc(), out)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "page")], check=True, timeout=60)
    img = Image.open(tmp_path / "page.png").convert("L")
    assert abs(img.width - 413) <= 1 and abs(img.height - 585) <= 1      # A4 at 50 dpi
    dark = sum(img.histogram()[:128])
    assert dark / (img.width * img.height) > 0.02         # text, rules and barcodes, not a blank page
    top = render_region(out, tmp_path, 400, 105, 25, 105, 10)
    assert decode_code128(top, top.height // 2) == "W20250331-007"
