"""Shipping labels as PDF pages of 100 x 150 and 100 x 180 mm: the page size, what is printed
(carrier, sort code, tracking number, recipient, sender, order, items, weight, parcel x/y, cash
on delivery), the embedded font, and the tracking barcode read back from a render."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from erp_desktop.documents.barcodes import BarcodeError
from erp_desktop.documents.shipping_label import render_shipping_label
from erp_desktop.domain.documents import Party, ShippingLabelDoc
from tests.documents.test_invoice import (
    RECIPIENT,
    T0,
    assert_only_embedded_cjk_font,
    decode_code128,
    needs_poppler,
    pdf_pages,
    render_region,
)

SENDER = Party("杭州好物电子商务有限公司", "0571-88886666", "浙江省杭州市余杭区文一西路 969 号")
MM = 72 / 25.4


def label_doc(size: str = "100x180", tracking_no: str = "7750123456780", **kw) -> ShippingLabelDoc:
    fields = dict(carrier="中通快递", tracking_no=tracking_no, order_no="SO-2025-000123", recipient=RECIPIENT,
                  sender=SENDER, items_summary="保温杯 500ml x2; 蓝牙耳机 x1; 机械键盘 青轴 x1", size=size,
                  service="标准快递", sort_code="杭州 西湖 A12-05", weight_kg=D("1.25"), parcel_no=1, parcel_count=2,
                  printed_at=T0)
    fields.update(kw)
    return ShippingLabelDoc(**fields)


@pytest.mark.parametrize("size, height_mm", [("100x150", 150), ("100x180", 180)])
def test_page_is_the_label_size_and_says_everything(tmp_path, size, height_mm):
    out = tmp_path / f"{size}.pdf"
    assert render_shipping_label(label_doc(size), out) == 1
    reader, (text,) = pdf_pages(out)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / MM - 100) < 0.01 and abs(float(box.height) / MM - height_mm) < 0.01
    for expected in ("中通快递", "标准快递", "杭州 西湖 A12-05", "7750123456780", "张三", "13812345678",
                     "文三路 478 号", "310012", "杭州好物电子商务有限公司", "0571-88886666", "SO-2025-000123",
                     "保温杯 500ml x2", "重量 1.25 kg", "1/2"):
        assert expected in text, expected
    assert ("收件人存根" in text) == (size == "100x180")    # the tear-off stub of the e-waybill
    assert_only_embedded_cjk_font(reader)


def test_cash_on_delivery_and_english(tmp_path):
    buf = io.BytesIO()
    render_shipping_label(label_doc("100x150", cod_amount=D("99.5"), extra={"Route": "HZ-07"}), buf, lang="en")
    text = PdfReader(buf).pages[0].extract_text()
    assert "COD ¥99.50" in text and "TO" in text and "FROM" in text and "Route HZ-07" in text


def test_a_tracking_number_that_cannot_be_a_barcode_is_refused(tmp_path):
    out = tmp_path / "bad.pdf"
    with pytest.raises(BarcodeError):
        render_shipping_label(label_doc(tracking_no="中通 123"), out)
    assert not out.exists()


@needs_poppler
@pytest.mark.parametrize("tracking_no", ["7750123456780", "YT7512345678901"])
def test_the_tracking_barcode_scans_back(tmp_path, tracking_no):
    out = tmp_path / "scan.pdf"
    render_shipping_label(label_doc("100x180", tracking_no=tracking_no), out)
    # the big one: bars from 31.5 to 49.5 mm below the label's top edge
    img = render_region(out, tmp_path, 300, 4, 36, 92, 8)      # inside the label's border
    assert decode_code128(img, img.height // 2) == tracking_no
    # the stub's, below the tear line
    img = render_region(out, tmp_path, 600, 3, 150, 62, 6)
    assert decode_code128(img, img.height // 2) == tracking_no
