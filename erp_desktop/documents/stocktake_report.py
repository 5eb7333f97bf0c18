"""The stocktake variance report (盘点差异报告) as an A4 PDF and as an Excel workbook.

    render_stocktake_pdf(data, "ST000042.pdf", lang="zh_CN")
    render_stocktake_xlsx(data, "ST000042.xlsx", lang="zh_CN")

`data` is a StocktakeReportData of plain values (services.stocktake.report_data builds it);
the labels of the document are here, in Simplified Chinese and English."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from erp_desktop.documents.fonts import register_cjk_font
from erp_desktop.domain.stocktake import Variance, VarianceTotals, totals

Target = str | os.PathLike | BinaryIO


@dataclass(frozen=True)
class ReportLine:
    bin_code: str
    sku_code: str
    sku_name: str
    spec: str
    lot_no: str | None
    unit: str
    expected: Decimal
    counted: Decimal
    difference: Decimal
    unit_cost: Decimal
    value: Decimal
    moved_while_counting: bool = False


@dataclass(frozen=True)
class StocktakeReportData:
    company_name: str
    ref: str
    warehouse: str                    # "HZ 杭州主仓"
    scope: str                        # warehouse, bins, category, skus
    status: str                       # draft, counting, closed, posted, cancelled
    blind: bool
    created_at: dt.datetime
    created_by: str
    bins_total: int
    bins_counted: int
    lines: Sequence[ReportLine]
    totals: VarianceTotals            # of every counted line (also those without a difference)
    printed_at: dt.datetime
    company_address: str = ""
    scope_detail: str = ""            # the category's name, or how many SKUs a cycle count lists
    closed_at: dt.datetime | None = None
    posted_at: dt.datetime | None = None
    posted_by: str | None = None
    note: str = ""
    currency: str = "CNY"
    only_differences: bool = False


LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "盘点差异报告", "ref": "盘点单号", "warehouse": "仓库", "scope": "盘点范围", "blind": "盲盘",
        "yes": "是", "no": "否", "status": "状态", "created": "创建", "closed": "结束盘点", "posted": "过账",
        "printed": "打印时间", "bins": "库位（已盘/总数）", "note": "备注",
        "s.warehouse": "整仓盘点", "s.bins": "指定库位", "s.category": "按品类", "s.skus": "循环盘点（指定商品）",
        "st.draft": "草稿", "st.counting": "盘点中", "st.closed": "已结束", "st.posted": "已过账",
        "st.cancelled": "已取消",
        "c.bin": "库位", "c.sku": "商品编码", "c.name": "商品名称", "c.lot": "批次", "c.unit": "单位",
        "c.expected": "账面数量", "c.counted": "实盘数量", "c.difference": "差异数量", "c.cost": "单位成本",
        "c.value": "差异金额",
        "total": "合计", "over": "盘盈", "short": "盘亏", "net": "净差异", "quantity": "数量", "value": "金额",
        "lines": "明细行数", "diff_lines": "有差异行数", "accuracy": "准确率", "expected_value": "账面金额",
        "only_diff": "仅列出有差异的明细", "moved": "* 盘点该库位期间有出入库，建议复盘",
        "no_lines": "没有已盘点的明细。",
        "sign.counter": "盘点人", "sign.checker": "复核人", "sign.approver": "审核人", "sign.date": "日期",
        "page": "第 {page} 页，共 {pages} 页", "summary": "汇总",
    },
    "en": {
        "title": "Stocktake variance report", "ref": "Count no.", "warehouse": "Warehouse", "scope": "Scope",
        "blind": "Blind count", "yes": "yes", "no": "no", "status": "Status", "created": "Created",
        "closed": "Counting closed", "posted": "Posted", "printed": "Printed", "bins": "Bins (counted/total)",
        "note": "Note",
        "s.warehouse": "Whole warehouse", "s.bins": "Chosen bins", "s.category": "Category",
        "s.skus": "Cycle count (listed SKUs)",
        "st.draft": "Draft", "st.counting": "Counting", "st.closed": "Closed", "st.posted": "Posted",
        "st.cancelled": "Cancelled",
        "c.bin": "Bin", "c.sku": "SKU", "c.name": "Name", "c.lot": "Lot", "c.unit": "Unit", "c.expected": "Expected",
        "c.counted": "Counted", "c.difference": "Difference", "c.cost": "Unit cost", "c.value": "Value",
        "total": "Total", "over": "Over", "short": "Short", "net": "Net", "quantity": "Quantity", "value": "Value",
        "lines": "Lines", "diff_lines": "Lines with a difference", "accuracy": "Accuracy",
        "expected_value": "Expected value",
        "only_diff": "Only lines with a difference are listed", "moved": "* stock moved in or out of the bin "
        "while it was counted: consider a recount", "no_lines": "No counted lines.",
        "sign.counter": "Counted by", "sign.checker": "Checked by", "sign.approver": "Approved by",
        "sign.date": "Date", "page": "Page {page} of {pages}", "summary": "Summary",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS["zh_CN" if lang.lower().startswith("zh") else "en"]


# ------------------------------------------------------------------------------------------------
# numbers
# ------------------------------------------------------------------------------------------------

def fmt_qty(q: Decimal, *, signed: bool = False) -> str:
    """12, 2.5, 0.125 (no trailing zeros); with `signed` a difference shows its sign: +2, -3."""
    s = f"{q.quantize(Decimal('0.001')):,f}".rstrip("0").rstrip(".") if q % 1 else f"{int(q):,d}"
    if s in ("-0", ""):
        s = "0"
    return ("+" + s) if signed and q > 0 else s


def fmt_money(v: Decimal, *, signed: bool = False) -> str:
    s = f"{v.quantize(Decimal('0.01')):,.2f}"
    return ("+" + s) if signed and v > 0 else s


def fmt_time(t: dt.datetime | None) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t is not None else ""


def line_totals(lines: Sequence[ReportLine]) -> VarianceTotals:
    """Totals of the listed lines (the check the tests and the reader can do by hand)."""
    return totals((Variance(x.expected, x.counted, x.difference, x.value), x.unit_cost) for x in lines)


# ------------------------------------------------------------------------------------------------
# PDF
# ------------------------------------------------------------------------------------------------

PAGE = landscape(A4)
MARGIN = 14 * mm
RED = colors.HexColor("#c62828")
GREEN = colors.HexColor("#2e7d32")
GRID = colors.HexColor("#b0b7c3")
HEAD_BG = colors.HexColor("#e8edf5")


def _canvas_maker(font: str, lab: dict[str, str], running: str):
    class NumberedCanvas(rl_canvas.Canvas):
        """Holds the pages back until the end, so each can say 'page x of y'."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            n = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.setFillColor(colors.grey)
                w, _h = self._pagesize
                self.drawRightString(w - MARGIN, 8 * mm, lab["page"].format(page=self._pageNumber, pages=n))
                self.drawString(MARGIN, 8 * mm, running)
                super().showPage()
            super().save()

    return NumberedCanvas


def render_stocktake_pdf(data: StocktakeReportData, out: Target, *, lang: str = "zh_CN") -> None:
    font = register_cjk_font()
    lab = labels(lang)
    base = ParagraphStyle("base", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555"))
    title = ParagraphStyle("title", parent=base, fontSize=17, leading=22)
    company = ParagraphStyle("company", parent=base, fontSize=11, leading=14)
    right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)

    target = os.fspath(out) if isinstance(out, os.PathLike) else out
    doc = SimpleDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=16 * mm, title=f"{lab['title']} {data.ref}", author=data.company_name,
                            subject=data.warehouse, creator="erp-desktop",
                            initialFontName=font)     # no unembedded Helvetica in the file
    story: list = []

    # header: company, title, the count's facts in two columns
    story.append(Paragraph(_esc(data.company_name), company))
    if data.company_address:
        story.append(Paragraph(_esc(data.company_address), small))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(f"{lab['title']}　{_esc(data.ref)}", title))
    story.append(Spacer(1, 2 * mm))
    scope = lab[f"s.{data.scope}"] + (f"：{data.scope_detail}" if data.scope_detail and lang.startswith("zh")
                                      else f": {data.scope_detail}" if data.scope_detail else "")
    facts = [
        (lab["warehouse"], data.warehouse, lab["status"], lab[f"st.{data.status}"]),
        (lab["scope"], scope, lab["blind"], lab["yes"] if data.blind else lab["no"]),
        (lab["created"], f"{fmt_time(data.created_at)}  {data.created_by}", lab["bins"],
         f"{data.bins_counted} / {data.bins_total}"),
        (lab["closed"], fmt_time(data.closed_at), lab["posted"],
         f"{fmt_time(data.posted_at)}  {data.posted_by or ''}".strip()),
        (lab["printed"], fmt_time(data.printed_at), lab["note"] if data.note else "", data.note),
    ]
    fact_rows = [[Paragraph(_esc(a), small), Paragraph(_esc(b), base), Paragraph(_esc(c), small),
                  Paragraph(_esc(d), base)] for a, b, c, d in facts]
    ft = Table(fact_rows, colWidths=[30 * mm, 100 * mm, 32 * mm, None])
    ft.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 8.5),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(ft)
    story.append(Spacer(1, 4 * mm))

    # the lines
    cols = ["c.bin", "c.sku", "c.name", "c.lot", "c.unit", "c.expected", "c.counted", "c.difference", "c.cost",
            "c.value"]
    widths = [20 * mm, 30 * mm, None, 24 * mm, 12 * mm, 22 * mm, 22 * mm, 22 * mm, 20 * mm, 26 * mm]
    fixed = sum(w for w in widths if w)
    widths[2] = PAGE[0] - 2 * MARGIN - fixed
    head = [Paragraph(lab[c], right if i >= 5 else base) for i, c in enumerate(cols)]
    rows: list[list] = [head]
    style = [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#5c6b80")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
        ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    moved_any = False
    for i, x in enumerate(data.lines, start=1):
        name = x.sku_name + (f"  {x.spec}" if x.spec else "")
        flag = "*" if x.moved_while_counting else ""
        moved_any = moved_any or x.moved_while_counting
        rows.append([x.bin_code + flag, x.sku_code, Paragraph(_esc(name), base), x.lot_no or "", x.unit,
                     fmt_qty(x.expected), fmt_qty(x.counted), fmt_qty(x.difference, signed=True),
                     fmt_money(x.unit_cost), fmt_money(x.value, signed=True)])
        if x.difference:
            color = GREEN if x.difference > 0 else RED
            style.append(("TEXTCOLOR", (7, i), (7, i), color))
            style.append(("TEXTCOLOR", (9, i), (9, i), color))
        if i % 2 == 0:
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f7f8fa")))
    t = data.totals
    if not data.lines:
        rows.append([lab["no_lines"]] + [""] * 9)
        style.append(("SPAN", (0, 1), (-1, 1)))
    n = len(rows)
    listed = line_totals(data.lines)
    rows.append([lab["total"], "", "", "", "", fmt_qty(listed.expected), fmt_qty(listed.counted),
                 fmt_qty(listed.net_qty, signed=True), "", fmt_money(listed.net_value, signed=True)])
    style += [("SPAN", (0, n), (4, n)), ("LINEABOVE", (0, n), (-1, n), 0.8, colors.black),
              ("BACKGROUND", (0, n), (-1, n), HEAD_BG)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    notes = []
    if data.only_differences:
        notes.append(lab["only_diff"])
    if moved_any:
        notes.append(lab["moved"])
    for note in notes:
        story.append(Spacer(1, 1.5 * mm))
        story.append(Paragraph(_esc(note), small))

    # summary and signatures, kept together at the end
    story_end: list = [Spacer(1, 5 * mm), Paragraph(lab["summary"], company), Spacer(1, 1.5 * mm)]
    summary = [
        ["", lab["quantity"], lab["value"] + f" ({data.currency})"],
        [lab["over"], fmt_qty(t.qty_over, signed=True), fmt_money(t.value_over, signed=True)],
        [lab["short"], fmt_qty(t.qty_short), fmt_money(t.value_short)],
        [lab["net"], fmt_qty(t.net_qty, signed=True), fmt_money(t.net_value, signed=True)],
        [lab["expected_value"], fmt_qty(t.expected), fmt_money(t.expected_value)],
        [lab["lines"], str(t.lines), ""],
        [lab["diff_lines"], str(t.lines_with_difference), ""],
        [lab["accuracy"], f"{t.accuracy * 100:.1f}%", ""],
    ]
    st = Table(summary, colWidths=[40 * mm, 30 * mm, 36 * mm], hAlign="LEFT")
    st.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black), ("LINEABOVE", (0, 3), (-1, 3), 0.6, colors.black),
        ("TEXTCOLOR", (1, 1), (-1, 1), GREEN), ("TEXTCOLOR", (1, 2), (-1, 2), RED),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    signs = Table([[f"{lab['sign.counter']}：", "", f"{lab['sign.checker']}：", "", f"{lab['sign.approver']}：",
                    "", f"{lab['sign.date']}：", ""]],
                  colWidths=[22 * mm, 38 * mm, 22 * mm, 38 * mm, 22 * mm, 38 * mm, 16 * mm, 30 * mm], hAlign="LEFT")
    signs.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                               *[("LINEBELOW", (c, 0), (c, 0), 0.6, colors.black) for c in (1, 3, 5, 7)]]))
    story_end += [st, Spacer(1, 10 * mm), signs]
    story.append(KeepTogether(story_end))

    running = f"{data.company_name} · {lab['title']} {data.ref} · {data.warehouse}"
    doc.build(story, canvasmaker=_canvas_maker(font, lab, running))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------------------------------------
# Excel
# ------------------------------------------------------------------------------------------------

def render_stocktake_xlsx(data: StocktakeReportData, out: Target, *, lang: str = "zh_CN") -> None:
    lab = labels(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = data.ref
    bold = Font(bold=True)
    ws["A1"] = data.company_name
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = f"{lab['title']} {data.ref}"
    ws["A2"].font = Font(bold=True, size=14)
    facts = [(lab["warehouse"], data.warehouse), (lab["scope"], lab[f"s.{data.scope}"]
                                                  + (f" {data.scope_detail}" if data.scope_detail else "")),
             (lab["status"], lab[f"st.{data.status}"]), (lab["blind"], lab["yes"] if data.blind else lab["no"]),
             (lab["bins"], f"{data.bins_counted} / {data.bins_total}"), (lab["printed"], fmt_time(data.printed_at))]
    for i, (k, v) in enumerate(facts, start=3):
        ws.cell(i, 1, k).font = bold
        ws.cell(i, 2, v)
    head_row = 3 + len(facts) + 1
    cols = ["c.bin", "c.sku", "c.name", "c.lot", "c.unit", "c.expected", "c.counted", "c.difference", "c.cost",
            "c.value"]
    fill = PatternFill("solid", fgColor="E8EDF5")
    thin = Side(style="thin", color="5C6B80")
    for c, key in enumerate(cols, start=1):
        cell = ws.cell(head_row, c, lab[key])
        cell.font = bold
        cell.fill = fill
        cell.border = Border(bottom=thin)
        cell.alignment = Alignment(horizontal="right" if c >= 6 else "left")
    qty_fmt, money_fmt = "#,##0.###;-#,##0.###;0", "#,##0.00;-#,##0.00;0.00"
    r = head_row
    for r, x in enumerate(data.lines, start=head_row + 1):
        values = [x.bin_code, x.sku_code, x.sku_name + (f" {x.spec}" if x.spec else ""), x.lot_no or "", x.unit,
                  x.expected, x.counted, x.difference, x.unit_cost, x.value]
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c, v)
            if c in (6, 7, 8):
                cell.number_format = qty_fmt
            elif c in (9, 10):
                cell.number_format = money_fmt
            if c in (8, 10) and x.difference:
                cell.font = Font(color="2E7D32" if x.difference > 0 else "C62828")
    first, last, total_row = head_row + 1, r, r + 1
    ws.cell(total_row, 1, lab["total"]).font = bold
    for c in (6, 7, 8, 10):
        col = get_column_letter(c)
        cell = ws.cell(total_row, c, f"=SUM({col}{first}:{col}{last})" if data.lines else 0)
        cell.font = bold
        cell.number_format = money_fmt if c == 10 else qty_fmt
        cell.border = Border(top=thin)
    t = data.totals
    summary = [(lab["over"], t.qty_over, t.value_over), (lab["short"], t.qty_short, t.value_short),
               (lab["net"], t.net_qty, t.net_value), (lab["lines"], t.lines, None),
               (lab["diff_lines"], t.lines_with_difference, None), (lab["accuracy"], float(t.accuracy), None)]
    row = total_row + 2
    for k, q, v in summary:
        ws.cell(row, 1, k).font = bold
        qc = ws.cell(row, 2, q)
        qc.number_format = "0.0%" if k == lab["accuracy"] else qty_fmt
        if v is not None:
            ws.cell(row, 3, v).number_format = money_fmt
        row += 1
    for c, w in enumerate([12, 18, 36, 14, 8, 12, 12, 12, 12, 14], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    ws.auto_filter.ref = f"A{head_row}:J{max(last, head_row)}"
    wb.save(os.fspath(out) if isinstance(out, os.PathLike) else out)
