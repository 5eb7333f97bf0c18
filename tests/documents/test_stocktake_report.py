"""The variance report as a PDF read back with pypdf (Chinese text, embedded font, totals, page
numbers), rendered to an image when poppler is there, and as an Excel workbook."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from erp_desktop.documents.stocktake_report import (
    ReportLine,
    StocktakeReportData,
    fmt_qty,
    line_totals,
    render_stocktake_pdf,
    render_stocktake_xlsx,
)
from erp_desktop.domain.stocktake import totals, variance

NAMES = ["保温杯 500ml", "蓝牙耳机", "机械键盘", "无线鼠标", "数据线 1.5米", "充电宝 20000mAh", "手机壳", "瑜伽垫"]
T0 = dt.datetime(2025, 3, 31, 18, 30, tzinfo=dt.UTC)


def make_lines(n: int) -> list[ReportLine]:
    lines = []
    for i in range(n):
        expected = D(10 + i % 7)
        counted = expected + D((-1, 0, 0, 2, 0)[i % 5])
        cost = D("12.50") + i
        v = variance(expected, counted, cost)
        lines.append(ReportLine(f"A-{i // 4 + 1:02d}", f"SKU{i:05d}", NAMES[i % len(NAMES)], "黑色" if i % 3 else "",
                                f"L{i:03d}" if i % 4 == 0 else None, "件", expected, counted, v.difference, cost,
                                v.value, moved_while_counting=(i == 5)))
    return lines


@pytest.fixture
def data() -> StocktakeReportData:
    lines = make_lines(70)             # enough for two pages
    t = totals((variance(x.expected, x.counted, x.unit_cost), x.unit_cost) for x in lines)
    return StocktakeReportData(
        company_name="杭州好物电子商务有限公司", company_address="浙江省杭州市余杭区文一西路 969 号", ref="ST000042",
        warehouse="HZ 杭州主仓", scope="bins", status="closed", blind=True, created_at=T0, created_by="li.lei",
        bins_total=18, bins_counted=18, lines=lines, totals=t, printed_at=T0 + dt.timedelta(hours=1),
        closed_at=T0 + dt.timedelta(minutes=50), note="月末盘点")


def pdf_text(path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(str(path))
    return reader, [p.extract_text() for p in reader.pages]


def test_pdf_has_chinese_text_embedded_font_totals_and_page_numbers(tmp_path, data):
    out = tmp_path / "ST000042.pdf"
    render_stocktake_pdf(data, out, lang="zh_CN")
    reader, pages = pdf_text(out)
    n = len(pages)
    assert n >= 2
    first, last, everything = pages[0], pages[-1], "\n".join(pages)
    assert "盘点差异报告" in first and "ST000042" in first and "杭州好物电子商务有限公司" in first
    assert "HZ 杭州主仓" in first and "盲盘" in first and "已结束" in first
    assert "保温杯 500ml" in first and "账面数量" in first and "实盘数量" in first
    assert f"第 1 页，共 {n} 页" in first and f"第 {n} 页，共 {n} 页" in last
    # the table header comes again on every page
    assert all("账面数量" in p for p in pages[:-1])

    # the one font is embedded as TrueType (FontFile2): no viewer-dependent CID or base-14 font
    fonts = []
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            for d in f.get("/DescendantFonts", [f]):
                desc = d.get_object().get("/FontDescriptor")
                fonts.append((str(d.get_object()["/BaseFont"]),
                              desc is not None and "/FontFile2" in desc.get_object()))
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("WenQuanYi" in name for name, _ in fonts)

    # totals: the listed lines and the summary
    t = line_totals(data.lines)
    assert t.net_qty == 14 * 2 - 14 and t.lines_with_difference == 28
    total_row = [fmt_qty(t.expected), fmt_qty(t.counted), f"+{fmt_qty(t.net_qty)}", f"+{t.net_value:,.2f}"]
    assert re.search(r"合计\s+" + r"\s+".join(map(re.escape, total_row)), everything)
    assert total_row == ["910", "924", "+14", "+714.00"]
    assert re.search(rf"盘盈\s*\+{fmt_qty(t.qty_over)}\s*\+{t.value_over:,.2f}", last)
    assert re.search(rf"盘亏\s*{fmt_qty(t.qty_short)}\s*{t.value_short:,.2f}", last)
    assert re.search(r"准确率\s*60\.0%", last) and "* 盘点该库位期间有出入库" in everything
    assert "盘点人" in last and "审核人" in last


def test_pdf_in_english_and_empty(tmp_path, data):
    from dataclasses import replace

    out = tmp_path / "empty.pdf"
    render_stocktake_pdf(replace(data, lines=[], totals=totals([])), out, lang="en")
    _, pages = pdf_text(out)
    assert len(pages) == 1
    assert "Stocktake variance report" in pages[0] and "No counted lines." in pages[0] and "Page 1 of 1" in pages[0]
    assert "杭州好物电子商务有限公司" in pages[0]          # Chinese data in an English document


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_first_page_renders(tmp_path, data):
    out = tmp_path / "r.pdf"
    render_stocktake_pdf(data, out)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "page")], check=True, timeout=60)
    png = (tmp_path / "page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_excel_workbook(tmp_path, data):
    out = tmp_path / "ST000042.xlsx"
    render_stocktake_xlsx(data, out, lang="zh_CN")
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "库位")
    assert rows[head][:10] == ("库位", "商品编码", "商品名称", "批次", "单位", "账面数量", "实盘数量", "差异数量",
                               "单位成本", "差异金额")
    body = rows[head + 1: head + 1 + len(data.lines)]
    assert body[0][:3] == ("A-01", "SKU00000", "保温杯 500ml") and len(body) == 70
    assert sum(D(str(r[7])) for r in body) == line_totals(data.lines).net_qty
    total = rows[head + 1 + len(data.lines)]
    assert total[0] == "合计" and total[7] == f"=SUM(H{head + 2}:H{head + 71})"
