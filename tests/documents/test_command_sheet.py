"""The packing station's command sheet: every command's barcode scans back as its text, with its
key and words in Chinese, on one A4 page in the embedded font."""

from __future__ import annotations

from erp_desktop.documents.command_sheet import render_command_sheet
from tests.documents.test_invoice import (
    assert_only_embedded_cjk_font,
    decode_code128,
    needs_poppler,
    pdf_pages,
    render_region,
)

ROWS = [("*DONE*", "F10", "确认发货"), ("*NEWPARCEL*", "F2", "新包裹"), ("*WEIGH*", "F5", "重新称重"),
        ("*TRACKING*", "F11", "预印面单")]


def test_each_command_is_on_the_sheet_with_its_key_and_words(tmp_path):
    out = tmp_path / "commands.pdf"
    assert render_command_sheet(ROWS, out, title="打包台指令条码", note="扫描条码等同按键") == 1
    reader, pages = pdf_pages(out)
    assert "打包台指令条码" in pages[0]
    for code, key, words in ROWS:
        assert code in pages[0] and f"{key} {words}" in " ".join(pages[0].split())
    assert_only_embedded_cjk_font(reader)


@needs_poppler
def test_the_first_cards_barcode_scans_back_as_its_command(tmp_path):
    out = tmp_path / "commands.pdf"
    render_command_sheet(ROWS, out, title="打包台指令条码")
    # the first card: left column, its bars 44 to 65 mm from the top of the page
    img = render_region(out, tmp_path, 400, 15, 46, 90, 12)
    assert decode_code128(img, img.height // 2) == "*DONE*"
