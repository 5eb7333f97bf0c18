"""Stock files for bulk upload: each platform's columns, CSV with a BOM or .xlsx, a shop's own columns."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from erp_desktop.channels.files.stock_file import stock_file

ROWS = [("CUP-500", 12), ("012345678901234567", 0), ("保温杯-白", 3)]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")          # the BOM Excel and the bulk tools want
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("platform, head", [("taobao", ["商家编码", "库存"]), ("jd", ["商家SKU编码", "库存数量"]),
                                            ("pdd", ["SKU编码", "库存"]), ("douyin", ["商家编码", "库存"]),
                                            ("own_shop", ["sku", "quantity"])])
def test_each_platform_gets_its_columns_in_a_csv(platform, head):
    assert read_csv(stock_file(platform, ROWS)) == [head, ["CUP-500", "12"], ["012345678901234567", "0"],
                                                    ["保温杯-白", "3"]]


def test_an_xlsx_keeps_long_numeric_codes_as_text_and_quantities_as_numbers():
    book = openpyxl.load_workbook(io.BytesIO(stock_file("jd", ROWS, fmt="xlsx")))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows == [["商家SKU编码", "库存数量"], ["CUP-500", 12], ["012345678901234567", 0], ["保温杯-白", 3]]


def test_a_shop_names_its_own_columns_and_bad_settings_are_refused():
    assert read_csv(stock_file("pdd", ROWS[:1], columns=["外部编码", "可售数量"]))[0] == ["外部编码", "可售数量"]
    with pytest.raises(ValueError, match="two named columns"):
        stock_file("pdd", ROWS, columns=["只有一列"])
    with pytest.raises(ValueError, match="csv, xlsx"):
        stock_file("pdd", ROWS, fmt="xls")
