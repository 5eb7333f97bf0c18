"""Shipping labels as ZPL and TSPL bytes: the exact job for a fixed label, Chinese text in the
encoding each printer language needs, bitmaps whose byte counts match their size, the barcode
checked and fitted, and the label drawn to a PNG whose Chinese glyphs are real glyphs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

import pytest
from PIL import Image

from erp_desktop.devices import labels
from erp_desktop.devices.labels import bitmap, layout, zpl
from erp_desktop.domain.documents import Party, ShippingLabelDoc

LABEL = ShippingLabelDoc(
    carrier="顺丰速运", service="标准快递", tracking_no="SF1234567890123", order_no="SO-2024-0001",
    recipient=Party("张三", "13800138000", "浙江省杭州市西湖区文三路 100 号 华星科技大厦 5 楼", "310012"),
    sender=Party("ACME 旗舰店", "021-12345678", "上海市浦东新区张江路 88 号"),
    items_summary="T恤 白 L x2; mug_large^2~ x1", size="100x150", sort_code="755W 沪浦东",
    weight_kg=Decimal("1.250"), cod_amount=Decimal("99"), printed_at=dt.datetime(2024, 5, 6, 14, 30),
)

ZPL_203 = """\
^XA
^CI28
^PW800
^LL1200
^LH0,0
^FO24,84^GB752,3,3^FS
^FO24,212^GB752,3,3^FS
^FO24,456^GB752,3,3^FS
^FO24,668^GB752,3,3^FS
^FO24,800^GB752,3,3^FS
^FO24,24^A@N,36,36,E:SIMSUN.TTF^FH^FD顺丰速运 标准快递^FS
^FO24,96^A@N,88,88,E:SIMSUN.TTF^FH^FD755W 沪浦东^FS
^FO88,232^BY4,3,160^BCN,160,N,N,N,A^FDSF1234567890123^FS
^FO48,404^A0N,36,36^FH^FDSF1234567890123^FS
^FO24,472^A@N,40,40,E:SIMSUN.TTF^FH^FD收 张三 13800138000^FS
^FO24,528^A@N,32,32,E:SIMSUN.TTF^FH^FD浙江省杭州市西湖区文三路 100 号 华星科技大厦^FS
^FO24,566^A@N,32,32,E:SIMSUN.TTF^FH^FD5 楼 310012^FS
^FO24,680^A@N,28,28,E:SIMSUN.TTF^FH^FD寄 ACME 旗舰店 021-12345678^FS
^FO24,720^A@N,24,24,E:SIMSUN.TTF^FH^FD上海市浦东新区张江路 88 号^FS
^FO24,816^A@N,28,28,E:SIMSUN.TTF^FH^FD订单 SO-2024-0001^FS
^FO544,816^A@N,28,28,E:SIMSUN.TTF^FH^FD重量 1.25 kg^FS
^FO24,860^A@N,40,40,E:SIMSUN.TTF^FH^FD代收货款 ￥99.00^FS
^FO24,920^A@N,28,28,E:SIMSUN.TTF^FH^FD内件: T恤 白 L x2; mug_5Flarge_5E2_7E x1^FS
^FO24,1144^A0N,24,24^FH^FD2024-05-06 14:30^FS
^PQ1
^XZ
"""

TSPL_203 = """\
SIZE 100 mm,150 mm
GAP 2 mm,0 mm
DIRECTION 1
REFERENCE 0,0
CLS
BAR 24,84,752,3
BAR 24,212,752,3
BAR 24,456,752,3
BAR 24,668,752,3
BAR 24,800,752,3
TEXT 24,24,"TSS24.BF2",0,1,1,"顺丰速运 标准快递"
TEXT 24,96,"TSS24.BF2",0,4,4,"755W 沪浦东"
BARCODE 88,232,"128",160,0,0,4,4,"SF1234567890123"
TEXT 48,404,"3",0,1,1,"SF1234567890123"
TEXT 24,472,"TSS24.BF2",0,2,2,"收 张三 13800138000"
TEXT 24,528,"TSS24.BF2",0,1,1,"浙江省杭州市西湖区文三路 100 号 华星科技大厦"
TEXT 24,566,"TSS24.BF2",0,1,1,"5 楼 310012"
TEXT 24,680,"TSS24.BF2",0,1,1,"寄 ACME 旗舰店 021-12345678"
TEXT 24,720,"TSS24.BF2",0,1,1,"上海市浦东新区张江路 88 号"
TEXT 24,816,"TSS24.BF2",0,1,1,"订单 SO-2024-0001"
TEXT 544,816,"TSS24.BF2",0,1,1,"重量 1.25 kg"
TEXT 24,860,"TSS24.BF2",0,2,2,"代收货款 ￥99.00"
TEXT 24,920,"TSS24.BF2",0,1,1,"内件: T恤 白 L x2; mug_large^2~ x1"
TEXT 24,1144,"3",0,1,1,"2024-05-06 14:30"
PRINT 1,1
""".replace("\n", "\r\n")

FIELD = re.compile(r"\^FO(\d+),(\d+)((?:\^(?!FD)[A-Z@0-9][^\^]*)*)\^FD(.*?)\^FS", re.S)


def zpl_fields(zpl: str) -> list[dict]:
    return [{"x": int(m[1]), "y": int(m[2]), "cmds": m[3], "data": m[4]} for m in FIELD.finditer(zpl)]


def zpl_unescape(s: str) -> str:
    return re.sub(r"_([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), s)


# ------------------------------------------------------------------------------------------------
# ZPL
# ------------------------------------------------------------------------------------------------

def test_zpl_at_203_dpi_is_exactly_the_expected_job() -> None:
    data = labels.render_zpl(LABEL, dpi=203)
    assert data == ZPL_203.encode("utf-8")


def test_zpl_at_300_dpi_scales_every_size_to_12_dots_a_mm() -> None:
    zpl = labels.render_zpl(LABEL, dpi=300).decode("utf-8")
    assert "^PW1200\n^LL1800\n" in zpl
    assert "^FO132,348^BY6,3,240^BCN,240,N,N,N,A^FDSF1234567890123^FS" in zpl
    assert "^FO36,708^A@N,60,60,E:SIMSUN.TTF^FH^FD收 张三 13800138000^FS" in zpl
    tall = labels.render_zpl(dataclasses.replace(LABEL, size="100x180"), dpi=300).decode("utf-8")
    assert "^PW1200\n^LL2160\n" in tall
    assert tall.count("^BCN") == 2                 # the e-waybill's stub repeats the barcode


def test_zpl_chinese_is_utf8_under_ci28_in_the_configured_printer_font() -> None:
    data = labels.render_zpl(LABEL, cjk_font="E:ANMDS.TTF")
    assert data.startswith(b"^XA\n^CI28\n")
    assert "^A@N,40,40,E:ANMDS.TTF^FH^FD收 张三 13800138000^FS".encode() in data
    assert "收 张三".encode("gb18030") not in data


def test_zpl_field_data_escapes_what_would_end_a_field() -> None:
    fields = zpl_fields(labels.render_zpl(LABEL).decode("utf-8"))
    items = [f for f in fields if f["data"].startswith("内件")]
    assert items and "^" not in items[0]["data"] and "~" not in items[0]["data"]
    assert zpl_unescape(items[0]["data"]) == "内件: T恤 白 L x2; mug_large^2~ x1"
    assert "^FH" in items[0]["cmds"]


def decompress_acs(data: str, row_bytes: int) -> bytes:
    """Zebra's ASCII hex compression, read back independently of the writer."""
    rows: list[str] = []
    row, count, i = "", 0, 0
    width = 2 * row_bytes
    while i < len(data):
        c = data[i]
        if "G" <= c <= "Y":
            count += ord(c) - ord("F")
        elif "g" <= c <= "z":
            count += 20 * (ord(c) - ord("f"))
        elif c == ",":
            rows.append(row.ljust(width, "0"))
            row = ""
        elif c == "!":
            rows.append(row.ljust(width, "F"))
            row = ""
        elif c == ":":
            rows.append(rows[-1])
        else:
            row += c * (count or 1)
            count = 0
            if len(row) == width:
                rows.append(row)
                row = ""
        i += 1
    assert row == ""
    return bytes.fromhex("".join(rows))


def test_zpl_bitmap_mode_sends_chinese_lines_as_graphic_fields_of_the_right_size() -> None:
    data = labels.render_zpl(LABEL, cjk="bitmap")
    zpl = data.decode("ascii")                      # no Chinese bytes left, no printer font asked for
    assert "^A@" not in zpl and "^CI28" in zpl
    graphics = re.findall(r"\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([^\^]*)\^FS", zpl)
    plan = labels.plan(LABEL)
    chinese = [el for el in plan.elements if isinstance(el, layout.Text) and not layout.is_ascii(el.text)]
    assert len(graphics) == len(chinese) == 11
    for (x, y, b, c, row_bytes, hexdata), el in zip(graphics, chinese, strict=True):
        expected = bitmap.text_bitmap(el.text, el.height)
        assert (int(x), int(y)) == (el.x, el.y)
        assert int(b) == int(c) == expected.row_bytes * expected.height
        assert int(row_bytes) == expected.row_bytes == (expected.width + 7) // 8
        assert decompress_acs(hexdata, int(row_bytes)) == expected.data
    # Latin-only lines still use the resident font
    assert "^FO24,1144^A0N,24,24^FH^FD2024-05-06 14:30^FS" in zpl


def test_zpl_compression_counts_long_runs_repeats_rows_and_pads_zeros() -> None:
    rows = [bytes([0xFF] * 450 + [0xA0] + [0] * 9)] * 2 + [bytes(460), bytes([0x12, 0x34] + [0xF0] * 3 + [0] * 455)]
    image = bitmap.Bitmap(460 * 8, 4, b"".join(rows))
    # 900 F = z z (400 each) k (100); ',' zeros to the row's end; ':' the row above; a half byte finished first
    assert zpl.compress_rows(image) == "zzkFA0,:,1234F0F0F0,"
    assert decompress_acs(zpl.compress_rows(image), 460) == image.data


def test_zpl_uncompressed_graphic_field_is_plain_hex_of_width_times_height() -> None:
    zpl = labels.render_zpl(LABEL, cjk="bitmap", compress=False).decode("ascii")
    for b, c, row_bytes, hexdata in re.findall(r"\^GFA,(\d+),(\d+),(\d+),([^\^]*)\^FS", zpl):
        assert int(b) == int(c) and len(hexdata) == 2 * int(b) and int(b) % int(row_bytes) == 0


# ------------------------------------------------------------------------------------------------
# TSPL
# ------------------------------------------------------------------------------------------------

def test_tspl_at_203_dpi_is_exactly_the_expected_job_in_gb18030() -> None:
    data = labels.render_tspl(LABEL, dpi=203)
    assert data == TSPL_203.encode("gb18030")
    assert '"收 张三 13800138000"'.encode("gb18030") in data
    assert "收 张三".encode() not in data


def test_tspl_at_300_dpi_and_the_tall_label() -> None:
    data = labels.render_tspl(dataclasses.replace(LABEL, size="100x180"), dpi=300, copies=2, gap_mm=3)
    text = data.decode("gb18030")
    assert text.startswith("SIZE 100 mm,180 mm\r\nGAP 3 mm,0 mm\r\nDIRECTION 1\r\nREFERENCE 0,0\r\nCLS\r\n")
    assert 'BARCODE 132,360,"128",216,0,0,6,6,"SF1234567890123"\r\n' in text
    assert text.endswith("PRINT 1,2\r\n")


def test_tspl_quotes_inside_text_are_escaped() -> None:
    label = dataclasses.replace(LABEL, items_summary='海报 "A1" x1')
    expected = 'TEXT 24,920,"TSS24.BF2",0,1,1,"内件: 海报 \\["]A1\\["] x1"\r\n'
    assert expected.encode("gb18030") in labels.render_tspl(label)


def tspl_bitmaps(data: bytes) -> list[tuple[int, int, int, int, bytes]]:
    """(x, y, width bytes, height, raw data) of each BITMAP, checking each is followed by CRLF and a command."""
    found = []
    pos = 0
    while (i := data.find(b"\r\nBITMAP ", pos)) >= 0:
        head_end = i + 2
        for _ in range(5):
            head_end = data.index(b",", head_end) + 1
        x, y, wb, h, mode = (int(v) for v in data[i + 9:head_end - 1].split(b","))
        assert mode == 0
        raw = data[head_end:head_end + wb * h]
        assert data[head_end + wb * h:head_end + wb * h + 2] == b"\r\n"
        assert re.match(rb"[A-Z]+ ", data[head_end + wb * h + 2:head_end + wb * h + 12])
        found.append((x, y, wb, h, raw))
        pos = head_end + wb * h
    return found


def test_tspl_bitmap_mode_sends_chinese_as_bitmaps_with_zero_for_black() -> None:
    data = labels.render_tspl(LABEL, cjk="bitmap")
    assert b"TSS24.BF2" not in data
    found = tspl_bitmaps(data)
    chinese = [el for el in labels.plan(LABEL).elements if isinstance(el, layout.Text) and not layout.is_ascii(el.text)]
    assert len(found) == len(chinese) == 11
    for (x, y, wb, h, raw), el in zip(found, chinese, strict=True):
        expected = bitmap.text_bitmap(el.text, el.height)
        assert (x, y, wb, h) == (el.x, el.y, expected.row_bytes, expected.height)
        assert len(raw) == wb * h
        assert bytes(255 - b for b in raw) == expected.data     # 0 = a printed dot
    assert b'TEXT 24,1144,"3",0,1,1,"2024-05-06 14:30"\r\n' in data


# ------------------------------------------------------------------------------------------------
# barcode, layouts, wrapping
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tracking", "reason"), [
    ("SF12345中文", "bad_barcode"), ("SF^123", "bad_barcode"), ('SF"1', "bad_barcode"), ("", "bad_barcode"),
    ("SF\t123", "bad_barcode"), ("A1" * 24, "barcode_too_wide"),
])
def test_tracking_numbers_that_cannot_be_a_code_128_are_refused(tracking: str, reason: str) -> None:
    label = dataclasses.replace(LABEL, size="100x180", tracking_no=tracking)
    for render in (labels.render_zpl, labels.render_tspl):
        with pytest.raises(labels.LabelError) as e:
            render(label, layout="ewaybill")
        assert (e.value.field, e.value.reason) == ("tracking_no", reason)


def test_layouts_are_chosen_by_name_and_must_match_the_label_size() -> None:
    assert {"standard", "ewaybill"} <= set(labels.LAYOUTS)
    assert labels.LAYOUTS["standard"].size == "100x150" and labels.LAYOUTS["ewaybill"].size == "100x180"
    with pytest.raises(labels.LabelError) as e:
        labels.render_zpl(LABEL, layout="ewaybill")
    assert e.value.reason == "size_mismatch"
    with pytest.raises(labels.LabelError) as e:
        labels.render_tspl(LABEL, layout="no-such-carrier")
    assert e.value.reason == "bad_layout"
    with pytest.raises(labels.LabelError) as e:
        labels.render_zpl(LABEL, dpi=250)
    assert e.value.reason == "bad_dpi"


def test_a_registered_carrier_layout_places_its_fields_and_extra_values() -> None:
    labels.register_layout(labels.LabelLayout("test-yto", "100x150", slots=(
        labels.Slot("barcode", 10, 10, 80, 15), labels.Slot("extra:route", 10, 30, 80, 10, 8),
        labels.Slot("recipient", 10, 45, 80, 6, 5))))
    try:
        zpl = labels.render_zpl(dataclasses.replace(LABEL, extra={"route": "杭州转运中心"}), layout="test-yto")
    finally:
        del labels.LAYOUTS["test-yto"]
    fields = zpl_fields(zpl.decode("utf-8"))
    # the barcode is centred in its 80 mm slot: 156 modules + quiet zones at 3 dots each
    assert [(f["x"], f["y"], f["data"]) for f in fields] == [
        (166, 80, "SF1234567890123"), (80, 240, "杭州转运中心"), (80, 360, "收 张三 13800138000")]


def test_long_addresses_wrap_inside_their_slot_and_are_cut_with_an_ellipsis() -> None:
    address = "广东省深圳市南山区粤海街道科技园南区高新南七道 " * 4
    plan = labels.plan(dataclasses.replace(LABEL, recipient=Party("王五", "13900000000", address)))
    slot = next(s for s in labels.LAYOUTS["standard"].slots if s.field == "recipient_address")
    lines = [el for el in plan.elements if isinstance(el, layout.Text) and slot.y * 8 <= el.y < (slot.y + slot.h) * 8]
    assert len(lines) == slot.lines == 3
    assert all(layout.text_width(el.text, el.height) <= slot.w * 8 for el in lines)
    assert lines[-1].text.endswith("…")
    assert "".join(el.text for el in lines).replace(" ", "").startswith(address.replace(" ", "")[:40])


# ------------------------------------------------------------------------------------------------
# pictures: the label as PNG, glyphs that are glyphs
# ------------------------------------------------------------------------------------------------

def test_the_label_rendered_to_png_shows_real_chinese_glyphs(tmp_path) -> None:
    def recipient_strip(name: str) -> Image.Image:
        path = tmp_path / f"{name}.png"
        labels.render_image(labels.plan(dataclasses.replace(LABEL, recipient=dataclasses.replace(
            LABEL.recipient, name=name)))).save(path)
        img = Image.open(path)
        assert img.size == (800, 1200)
        return img.convert("L").crop((24, 472, 400, 520))   # the recipient line at 203 dpi

    zhang, li = recipient_strip("张三"), recipient_strip("李四")
    assert zhang.tobytes() != li.tobytes()                 # two names, two different pictures: not tofu boxes
    # and a character the font lacks (a private-use code point) draws differently from both
    assert bitmap.text_bitmap("\ue000", 40).data not in (bitmap.text_bitmap("张", 40).data,
                                                          bitmap.text_bitmap("李", 40).data)
    inked = sum(zhang.histogram()[:128])
    assert 300 < inked < 48 * 376 // 2                     # text, not an empty strip or a filled block


def test_the_devices_dialog_test_label_prints_through_both_languages() -> None:
    zpl = labels.test_label_zpl("Zebra ZD420 打包台1")
    assert zpl.startswith(b"^XA\n^CI28\n") and zpl.endswith(b"^XZ\n")
    assert "Zebra ZD420 打包台1".encode() in zpl and b"^BCN" in zpl
    tspl = labels.test_label_tspl("Gprinter GP-1324D", dpi=300, cjk="bitmap")
    assert tspl.startswith(b"SIZE 100 mm,150 mm\r\n") and tspl.endswith(b"PRINT 1,1\r\n")
    assert b'"128"' in tspl and b"BITMAP " in tspl
