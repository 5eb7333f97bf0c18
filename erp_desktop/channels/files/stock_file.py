"""Stock files for shops that take stock by bulk upload: each platform's bulk stock tool reads a
sheet of (the seller's SKU code, the quantity) under its own column names.

    stock_file("jd", [("CUP-500", 12)], fmt="xlsx") -> bytes

The column names below are those of the sellers' bulk stock templates as we know them; the
platforms change their templates now and then, so a shop may name its own columns (shop setting
"stock_file": {"columns": ["编码列", "库存列"], "format": "xlsx"}).  CSV is written in UTF-8 with
a BOM (what the bulk tools and Excel read without asking); .xlsx with openpyxl, codes as text so
Excel does not turn a long numeric code into 1.23E+17."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

STOCK_COLUMNS: dict[str, tuple[str, str]] = {
    "taobao": ("商家编码", "库存"),
    "tmall": ("商家编码", "库存"),
    "jd": ("商家SKU编码", "库存数量"),
    "pdd": ("SKU编码", "库存"),
    "douyin": ("商家编码", "库存"),
}
DEFAULT_COLUMNS = ("sku", "quantity")
FORMATS = ("csv", "xlsx")


def stock_columns(platform: str, columns: Sequence[str] | None = None) -> tuple[str, str]:
    """The two column names for the platform (or the shop's own, when it names two)."""
    if columns:
        if len(columns) != 2 or not all(isinstance(c, str) and c.strip() for c in columns):
            raise ValueError("a stock file has two named columns: the SKU code and the quantity")
        return columns[0].strip(), columns[1].strip()
    return STOCK_COLUMNS.get(platform, DEFAULT_COLUMNS)


def stock_file(platform: str, rows: Iterable[tuple[str, int]], *, columns: Sequence[str] | None = None,
               fmt: str = "csv") -> bytes:
    """The file's bytes: a header row, then one row per platform SKU code and quantity."""
    head = stock_columns(platform, columns)
    if fmt == "csv":
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\r\n")
        out.writerow(head)
        out.writerows((code, int(qty)) for code, qty in rows)
        return buf.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("库存")
        sheet.append(list(head))
        for code, qty in rows:
            sheet.append([str(code), int(qty)])
        buf_b = io.BytesIO()
        book.save(buf_b)
        return buf_b.getvalue()
    raise ValueError(f"a stock file is one of {', '.join(FORMATS)}, not {fmt!r}")
