"""The invoice (发货单) and the packing slip as PDFs read back with pypdf: Chinese text, the
embedded font, totals, page numbers over several pages, barcodes that scan back (decoded from a
pdftoppm render) and refused when a check digit is wrong.

The sample documents and the PDF helpers here are shared by the other tests of this folder."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.barcode.code128 import _patterns

from erp_desktop.documents.a4 import new_canvas
from erp_desktop.documents.barcodes import BarcodeError, check_barcode, draw_code128
from erp_desktop.documents.invoice import render_invoice
from erp_desktop.documents.packing_slip import render_packing_slip
from erp_desktop.domain.documents import CompanyHeader, DocumentLine, InvoiceDoc, PackingSlipDoc, Party

T0 = dt.datetime(2025, 3, 31, 10, 30, tzinfo=dt.UTC)
COMPANY = CompanyHeader("杭州好物电子商务有限公司", "浙江省杭州市余杭区文一西路 969 号", "0571-88886666",
                        "91330110MA2H3XXXXX")
RECIPIENT = Party("张三", "13812345678", "浙江省 杭州市 西湖区 文三路 478 号 华星时代广场 A 座 1201 室", "310012")
NAMES = ["保温杯 500ml", "蓝牙耳机", "机械键盘 青轴", "无线鼠标", "数据线 1.5米", "充电宝 20000mAh", "手机壳", "瑜伽垫"]
EAN = "6901234567892"


def doc_lines(n: int) -> tuple[DocumentLine, ...]:
    out = []
    for i in range(n):
        price = D("19.90") + i
        qty = D(1 + i % 3)
        out.append(DocumentLine(f"SKU-{i:05d}", NAMES[i % len(NAMES)], qty, "白色 / L" if i % 2 else "", price,
                                price * qty, barcode=(EAN, f"SKU-{i:05d}", "")[i % 3]))
    return tuple(out)


def invoice_doc(n: int = 4, order_no: str = "SO-2025-000123", **kw) -> InvoiceDoc:
    lines = doc_lines(n)
    goods = sum((ln.amount for ln in lines), D(0))
    fields = dict(company=COMPANY, order_no=order_no, shop_name="天猫 好物旗舰店", recipient=RECIPIENT, lines=lines,
                  platform_order_nos=("4012345678901234", "4012345678901235"), ordered_at=T0, paid_at=T0,
                  goods_amount=goods, discount=D("10.00"), shipping_fee=D("8.00"), paid_amount=goods - 2,
                  buyer_message="请尽快发货，谢谢！", seller_memo="赠品：杯刷一个", carrier="中通快递",
                  tracking_no="775012345678", printed_at=T0)
    fields.update(kw)
    return InvoiceDoc(**fields)


def pdf_pages(path: Path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(str(path))
    return reader, [p.extract_text() for p in reader.pages]


def page_fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(base font, embedded as TrueType i.e. /FontFile2 in its descriptor) of every font on every page."""
    fonts = []
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            for d in f.get("/DescendantFonts", [f]):
                d = d.get_object()
                desc = d.get("/FontDescriptor")
                fonts.append((str(d["/BaseFont"]), desc is not None and "/FontFile2" in desc.get_object()))
    return fonts


def assert_only_embedded_cjk_font(reader: PdfReader) -> None:
    fonts = page_fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("WenQuanYi" in name for name, _ in fonts), fonts      # no Helvetica, no STSong-Light


# ------------------------------------------------------------------------------------------------
# reading a barcode back from pixels: a scanline through the bars, decoded as Code 128
# ------------------------------------------------------------------------------------------------

# reportlab's table is the standard one: "BaBbBb" = bar 2, space 1, bar 2, space 2, bar 2, space 2
WIDTHS = {tuple(ord(ch.lower()) - 96 for ch in p): code for code, p in _patterns.items()}


def render_region(pdf: Path, tmp: Path, dpi: int, x_mm: float, y_mm: float, w_mm: float, h_mm: float,
                  page: int = 1) -> Image.Image:
    """A region of a page (mm from the top left) rendered in grey by pdftoppm."""
    px = dpi / 25.4
    out = tmp / f"region{page}"
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    "-x", str(int(x_mm * px)), "-y", str(int(y_mm * px)), "-W", str(int(w_mm * px)),
                    "-H", str(int(h_mm * px)), str(pdf), str(out)], check=True, timeout=60)
    return Image.open(out.with_suffix(".png")).convert("L")


def decode_code128(img: Image.Image, row: int) -> str:
    """The text of the first Code 128 symbol on one pixel row (sets B and C, check symbol verified)."""
    px = [img.getpixel((x, row)) < 128 for x in range(img.width)]
    runs: list[int] = []
    start = px.index(True)
    cur, n = True, 0
    for dark in px[start:]:
        if dark == cur:
            n += 1
        else:
            runs.append(n)
            cur, n = dark, 1
    runs.append(n)
    codes = []
    i = 0
    while i + 6 <= len(runs):
        group = runs[i:i + 6]
        module = sum(group) / 11
        key = tuple(max(1, round(r / module)) for r in group)
        if key == (2, 3, 3, 1, 1, 1):              # the stop symbol's first six elements
            break
        assert key in WIDTHS, f"unreadable symbol {key} at element {i}"
        codes.append(WIDTHS[key])
        i += 6
    start_code, *data, check = codes
    assert start_code in (104, 105), "no start B/C"
    assert (start_code + sum(k * v for k, v in enumerate(data, start=1))) % 103 == check, "bad check symbol"
    text, mode = "", "B" if start_code == 104 else "C"
    for v in data:
        if v == 99:
            mode = "C"
        elif v == 100:
            mode = "B"
        else:
            text += f"{v:02d}" if mode == "C" else chr(v + 32)
    return text


needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")


# ------------------------------------------------------------------------------------------------
# the invoice
# ------------------------------------------------------------------------------------------------

def test_one_page_invoice_has_the_order_chinese_text_totals_and_an_embedded_font(tmp_path):
    out = tmp_path / "SO-2025-000123.pdf"
    doc = invoice_doc(4)
    assert render_invoice(doc, out) == 1
    reader, (text,) = pdf_pages(out)
    assert "发货单" in text and "杭州好物电子商务有限公司" in text and "SO-2025-000123" in text
    assert "4012345678901234, 4012345678901235" in text and "天猫 好物旗舰店" in text
    assert "张三" in text and "13812345678" in text and "文三路 478 号" in text and "中通快递" in text
    for ln in doc.lines:
        assert ln.sku_code in text and ln.title in text
    assert "白色 / L" in text
    # goods 19.90 + 2 x 20.90 + 3 x 21.90 + 22.90 = 150.30; paid = goods - 10 + 8
    assert doc.goods_amount == D("150.30")
    assert re.search(r"商品数量\s*7 件", text)
    assert re.search(r"商品金额\s*¥150\.30", text) and re.search(r"优惠\s*-¥10\.00", text)
    assert re.search(r"运费\s*¥8\.00", text) and re.search(r"实付金额\s*¥148\.30", text)
    assert "¥41.80" in text                              # a line's amount: 2 x 20.90
    assert "请尽快发货，谢谢！" in text and "赠品：杯刷一个" in text
    assert "第 1 / 1 页" in text
    assert_only_embedded_cjk_font(reader)
    assert reader.metadata.title == "发货单 SO-2025-000123"


def test_many_lines_run_over_pages_with_page_numbers_and_totals_on_the_last(tmp_path):
    out = tmp_path / "long.pdf"
    doc = invoice_doc(45)
    pages = render_invoice(doc, out)
    _, texts = pdf_pages(out)
    assert pages == len(texts) >= 3
    for p, text in enumerate(texts, start=1):
        assert f"第 {p} / {pages} 页" in text
        assert "商品名称 / 规格" in text                 # the table's header on every page
        assert "SO-2025-000123" in text
    everything = "\n".join(texts)
    for ln in doc.lines:                                 # every line once, in order
        assert everything.count(ln.sku_code) == 1
    positions = [everything.index(ln.sku_code) for ln in doc.lines]
    assert positions == sorted(positions)
    # the totals only on the last page, the running subtotal on the others
    assert all("实付金额" not in t for t in texts[:-1]) and "实付金额" in texts[-1]
    first_page_skus = [ln for ln in doc.lines if ln.sku_code in texts[0]]
    subtotal = sum((ln.amount for ln in first_page_skus), D(0))
    assert f"¥{subtotal:,.2f}" in texts[0] and "续下页" in texts[0] and "续下页" not in texts[-1]
    assert re.search(rf"实付金额\s*¥{doc.paid_amount:,.2f}", texts[-1])


def test_english_invoice_in_dollars(tmp_path):
    out = tmp_path / "en.pdf"
    render_invoice(invoice_doc(2, currency="USD"), out, lang="en")
    _, (text,) = pdf_pages(out)
    assert "Invoice" in text and "Page 1 of 1" in text and "$19.90" in text and "保温杯 500ml" in text
    assert re.search(r"Paid\s*\$\d", text)


def test_a_wrong_ean_check_digit_is_refused_not_recomputed(tmp_path):
    assert check_barcode(EAN) == "EAN13"
    bad = EAN[:-1] + "0"
    with pytest.raises(BarcodeError, match="check digit should be 2"):
        check_barcode(bad)
    lines = (DocumentLine("SKU-1", "保温杯", D(1), barcode=bad),)
    out = tmp_path / "bad.pdf"
    with pytest.raises(BarcodeError) as e:
        render_invoice(invoice_doc(lines=lines), out)
    assert e.value.reason == "bad_check_digit" and e.value.value == bad
    assert not out.exists()
    # not a GTIN when it is a reference: a carrier's 13 digits print as they are
    assert check_barcode("7750123456780", gtin_check=False) == "CODE128"
    for value in ("订单123", "SO 1", " SO1", ""):
        with pytest.raises(BarcodeError):
            check_barcode(value, gtin_check=False)
    c = new_canvas(tmp_path / "x.pdf", title="x")
    with pytest.raises(BarcodeError, match="the room is 10 mm"):
        draw_code128(c, "SO-2025-000123-LONG", 0, 0, height=20, max_width=10 * 72 / 25.4)


def test_a_sku_barcode_too_long_for_its_column_is_printed_as_text(tmp_path):
    long_code = "HZ-TSHIRT-COTTON-WHITE-XL-2025"
    lines = (DocumentLine("SKU-1", "T恤 纯棉", D(1), barcode=long_code),
             DocumentLine("SKU-2", "马克杯", D(1), barcode=EAN))
    out = tmp_path / "long-code.pdf"
    render_invoice(invoice_doc(lines=lines), out)
    _, (text,) = pdf_pages(out)
    assert long_code in text and "T恤 纯棉" in text and EAN in text


@needs_poppler
def test_the_order_and_sku_barcodes_scan_back(tmp_path):
    out = tmp_path / "scan.pdf"
    render_invoice(invoice_doc(3), out)
    # the order number's barcode: top right, bars from 25 to 35 mm below the page's top edge
    img = render_region(out, tmp_path, 400, 105, 25, 105, 10)
    assert decode_code128(img, img.height // 2) == "SO-2025-000123"
    # the first line's EAN, in the SKU column: find the bars below the table header
    img = render_region(out, tmp_path, 600, 23, 60, 46, 60)
    rows = [y for y in range(img.height) if sum(img.getpixel((x, y)) < 128 for x in range(0, img.width, 3)) > 60]
    assert rows, "no barcode in the SKU column"
    assert decode_code128(img, rows[len(rows) // 4]) == EAN


# ------------------------------------------------------------------------------------------------
# the packing slip
# ------------------------------------------------------------------------------------------------

def test_packing_slip_has_no_prices_and_says_which_parcel(tmp_path):
    out = tmp_path / "slip.pdf"
    doc = PackingSlipDoc(COMPANY, "SO-2025-000123", RECIPIENT, doc_lines(5), parcel_no=2, parcel_count=3,
                         packer="王五", tracking_no="775012345678", note="易碎品，轻拿轻放")
    assert render_packing_slip(doc, out) == 1
    reader, (text,) = pdf_pages(out)
    assert "装箱单" in text and "SO-2025-000123" in text and "2 / 3" in text and "王五" in text
    assert "易碎品，轻拿轻放" in text and "张三" in text and "775012345678" in text
    assert all(ln.title in text for ln in doc.lines)
    assert re.search(r"本包裹商品\s*9 件", text)
    assert "¥" not in text and "19.90" not in text and "单价" not in text
    assert_only_embedded_cjk_font(reader)
