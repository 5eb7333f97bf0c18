"""The A4 page kit the invoice, packing slip and picking list share (and the label PDFs its text
drawing): page geometry, colours, money and time formats, text set in the embedded CJK font,
tables that paginate themselves, the company header, footers with "第 1 / 2 页".

The pages are drawn on the reportlab canvas directly, not with platypus: a warehouse prints
hundreds of these at once and platypus' tables cost several times as much per page.  Because we
lay out ourselves, each document knows its page count before it draws a footer, so the page
numbers count the pages of that document also inside a batch of 500.  Every string is set in the
embedded CJK font (fonts.py); bold is the same face stroked, since it ships without a bold face.

`draw_text` writes its PDF text operators itself (through the canvas' public `addLiteral`, with
the font's subset names): reportlab's pure-Python number formatting was two thirds of a batch's
time, and its C accelerator is not installable here.  It leans on reportlab internals
(`canvas._doc`, the TTF font's `splitString`): a reportlab upgrade must pass tests/documents."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents.barcodes import MIN_BAR, check_barcode, code128_width, draw_code128
from erp_desktop.documents.fonts import register_cjk_font
from erp_desktop.domain.documents import CompanyHeader

Target = str | os.PathLike | BinaryIO

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
FOOTER_Y = 9 * mm                   # baseline of the footer line
BOTTOM = 17 * mm                    # nothing of the body below this
CONT_H = 7 * mm                     # room kept at the bottom of a page for "continued on the next page"
CONT_HEADER_H = 16 * mm             # the short header of the pages after the first
PAD = 1.6 * mm                      # cell padding
CELL_BARCODE_H = 8.5 * mm           # a SKU barcode in a table cell, its digits included

INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#5f6670")
RULE = colors.HexColor("#b0b7c3")
HEAD_BG = colors.HexColor("#e8edf5")
ZEBRA = colors.HexColor("#f6f7f9")

def labels(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    return table["zh_CN" if lang.lower().startswith("zh") else "en"]


# ------------------------------------------------------------------------------------------------
# numbers and text
# ------------------------------------------------------------------------------------------------

CURRENCY_SIGNS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "JP¥",
                  "TWD": "NT$", "AUD": "A$", "CAD": "C$"}


def fmt_money(v: Decimal, currency: str = "CNY") -> str:
    """¥1,234.50, -¥10.00, US$ as $; a currency without a sign as "SGD 12.00"."""
    sign = CURRENCY_SIGNS.get(currency.upper())
    body = f"{abs(v).quantize(Decimal('0.01')):,.2f}"
    minus = "-" if v < 0 and body.strip("0.,") else ""
    return f"{minus}{sign}{body}" if sign else f"{minus}{currency.upper()} {body}"


def fmt_qty(q: Decimal) -> str:
    """3, 2.5, 0.125: no trailing zeros."""
    if q == q.to_integral_value():
        return f"{int(q):,d}"
    return f"{q.normalize():,f}"


def fmt_time(t: dt.datetime | None) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t is not None else ""


_TOKENS = re.compile(r"[A-Za-z0-9@#&%+\-_.,:;/()'\"]+|\s+|.", re.S)


def wrap(text: str, size: float, width: float, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width` at `size`: Chinese breaks between any two characters,
    Latin words and codes between words; an overlong last line ends in "…"."""
    font = register_cjk_font()
    out: list[str] = []
    for para in text.splitlines() or [""]:
        if stringWidth(para, font, size) <= width:
            out.append(para)
            continue
        line, used = "", 0.0
        for tok in _TOKENS.findall(para):
            w = stringWidth(tok, font, size)
            if used + w <= width:
                line, used = line + tok, used + w
                continue
            if tok.isspace():
                out.append(line)
                line, used = "", 0.0
                continue
            if w > width or (line and not tok[0].isascii()):   # a long code or a CJK char: fill up, then break
                for ch in tok:
                    cw = stringWidth(ch, font, size)
                    if used + cw > width and line:
                        out.append(line)
                        line, used = "", 0.0
                    line, used = line + ch, used + cw
                continue
            out.append(line.rstrip())
            line, used = tok, w
        out.append(line.rstrip())
    if max_lines is not None and len(out) > max_lines:
        last = out[max_lines - 1]
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        out = [*out[:max_lines - 1], last + "…"]
    return out


@cache
def _font() -> TTFont:
    return pdfmetrics.getFont(register_cjk_font())


def _rgb(color: colors.Color) -> str:
    return f"{color.red:.3f} {color.green:.3f} {color.blue:.3f}"


def draw_text(c: Canvas, x: float, y: float, s: str, size: float, *, bold: bool = False, align: str = "left",
              color: colors.Color = INK) -> float:
    """One line at baseline y; returns its width.  `bold` strokes the outline as well.

    Written as PDF operators of our own, between q and Q so the canvas' idea of its font and
    colours stays true: canvas.drawString formats every number through reportlab's pure-Python
    fp_str (its C accelerator is not on PyPI for us), which made text two thirds of the time of
    a batch of picking lists.  The glyphs still go through the font's subsetting (splitString),
    so the font is embedded and the text extracts exactly as drawString's would."""
    font = _font()
    w = font.stringWidth(s, size)
    if align == "right":
        x -= w
    elif align == "center":
        x -= w / 2
    if not s:
        return w
    doc = c._doc                                     # the document the font's subsets belong to
    rgb = _rgb(color)
    ops = [f"q BT {rgb} rg 1 0 0 1 {x:.2f} {y:.2f} Tm"]
    if bold:
        ops.append(f"{rgb} RG {size * 0.045:.3f} w 2 Tr")
    for subset, chunk in font.splitString(s, doc):
        ops.append(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf ({escapePDF(chunk)}) Tj")
    ops.append("ET Q")
    c.addLiteral(" ".join(ops))
    return w


def fit_size(s: str, size: float, width: float, min_size: float = 6) -> float:
    """The largest size up to `size` at which `s` fits `width` on one line (not below min_size)."""
    w = stringWidth(s, register_cjk_font(), size)
    return size if w <= width else max(min_size, size * width / w)


# ------------------------------------------------------------------------------------------------
# canvas and output
# ------------------------------------------------------------------------------------------------

def new_canvas(out: Target, *, title: str, author: str = "", subject: str = "") -> Canvas:
    """A canvas whose only font is the embedded CJK one (no unembedded Helvetica in the file)."""
    font = register_cjk_font()
    # plain Flate streams: ASCII85 on top only makes them larger, and without reportlab's C
    # accelerator it was a fifth of the time of a batch of invoices
    rl_config.useA85 = 0
    target = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    c = Canvas(target, pagesize=A4, initialFontName=font, initialFontSize=9, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator("erp-desktop")
    return c


def save_one(out: Target, draw: Callable[[Canvas], int], *, title: str, author: str = "") -> int:
    c = new_canvas(out, title=title, author=author)
    pages = draw(c)
    c.save()
    return pages


# ------------------------------------------------------------------------------------------------
# tables and pages
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    title: str
    width: float                     # points; 0 = what the other columns leave
    align: str = "left"              # left, right, center


@dataclass(frozen=True)
class Cell:
    text: str = ""
    sub: str = ""                    # smaller grey text below (a variant, a lot)
    barcode: str = ""                # Code 128 below the text (checked before anything is drawn)
    size: float = 8.5
    bold: bool = False
    checkbox: bool = False
    max_lines: int = 3


@dataclass(frozen=True)
class Item:
    """One unit of the page flow: a table row, a line of order numbers; never split across pages."""
    height: float
    draw: Callable[[Canvas, float], None]          # (canvas, y of the item's top)
    group: Group


@dataclass(frozen=True)
class Group:
    """Items that share a heading drawn above the first of them on each page (a table's header)."""
    header_height: float
    draw_header: Callable[[Canvas, float], None]


class Table:
    """Columns over the content width; rows are measured (wrapped) first, then drawn."""

    def __init__(self, columns: Sequence[Column], *, header_size: float = 8) -> None:
        fixed = sum(col.width for col in columns)
        self.columns = [Column(col.title, col.width or CONTENT_W - fixed, col.align) for col in columns]
        self.xs = [MARGIN + sum(col.width for col in self.columns[:i]) for i in range(len(self.columns))]
        self.header_size = header_size
        self.group = Group(header_size * 1.2 + 2 * PAD + 1, self.draw_header)

    def draw_header(self, c: Canvas, y: float) -> None:
        h = self.group.header_height
        c.setFillColor(HEAD_BG)
        c.rect(MARGIN, y - h, CONTENT_W, h, stroke=0, fill=1)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.8)
        c.line(MARGIN, y - h, MARGIN + CONTENT_W, y - h)
        for col, x in zip(self.columns, self.xs, strict=True):
            draw_text(c, self._x(col, x), y - PAD - self.header_size, col.title, self.header_size, color=GREY,
                      align=col.align)

    def _x(self, col: Column, x: float) -> float:
        return {"left": x + PAD, "right": x + col.width - PAD, "center": x + col.width / 2}[col.align]

    @staticmethod
    def _fitted(cell: Cell, col: Column) -> Cell:
        """The cell with its barcode checked (a wrong check digit stops the document here); a code too
        long for the column even at the narrowest bar that scans is printed as text only."""
        if not cell.barcode:
            return cell
        check_barcode(cell.barcode)
        if code128_width(cell.barcode, MIN_BAR) <= col.width - 2 * PAD:
            return cell
        sub = "  ".join(s for s in (cell.sub, cell.barcode if cell.barcode != cell.text else "") if s)
        return replace(cell, barcode="", sub=sub)

    def row(self, cells: Sequence[Cell], *, shade: bool = False) -> Item:
        cells = [self._fitted(cell, col) for cell, col in zip(cells, self.columns, strict=True)]
        laid = []
        height = 0.0
        for cell, col in zip(cells, self.columns, strict=True):
            inner = col.width - 2 * PAD
            main = wrap(cell.text, cell.size, inner, cell.max_lines) if cell.text else []
            sub = wrap(cell.sub, cell.size - 1.5, inner, 2) if cell.sub else []
            h = 2 * PAD + len(main) * cell.size * 1.2 + len(sub) * (cell.size - 1.5) * 1.2
            if cell.barcode:
                h += CELL_BARCODE_H + 0.8 * mm
            if cell.checkbox:
                h = max(h, 2 * PAD + 4.5 * mm)
            laid.append((cell, col, main, sub))
            height = max(height, h)
        height = max(height, 6.5 * mm)

        def draw(c: Canvas, y: float) -> None:
            if shade:
                c.setFillColor(ZEBRA)
                c.rect(MARGIN, y - height, CONTENT_W, height, stroke=0, fill=1)
            for (cell, col, main, sub), x in zip(laid, self.xs, strict=True):
                tx, ty = self._x(col, x), y - PAD - cell.size * 0.95
                for line in main:
                    draw_text(c, tx, ty, line, cell.size, bold=cell.bold, align=col.align)
                    ty -= cell.size * 1.2
                for line in sub:
                    draw_text(c, tx, ty, line, cell.size - 1.5, align=col.align, color=GREY)
                    ty -= (cell.size - 1.5) * 1.2
                if cell.barcode:
                    draw_code128(c, cell.barcode, x + PAD, ty - CELL_BARCODE_H + cell.size * 0.6,
                                 height=CELL_BARCODE_H, max_width=col.width - 2 * PAD,
                                 human_readable=cell.barcode != cell.text, font_size=6.5, align=col.align)
                if cell.checkbox:
                    box = 4.2 * mm
                    c.setStrokeColor(INK)
                    c.setLineWidth(0.8)
                    c.rect(x + (col.width - box) / 2, y - PAD - box, box, box, stroke=1, fill=0)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.line(MARGIN, y - height, MARGIN + CONTENT_W, y - height)

        return Item(height, draw, self.group)


def paginate(items: Sequence[Item], first: float, following: float, end: float) -> list[list[int]]:
    """The items' indices on each page.  `first`/`following`: the body's height on the first and
    the other pages; `end`: the closing block (totals, signatures) that follows the last item, on
    the same page and never alone on it when it can take the last item along."""
    pages: list[list[int]] = [[]]
    cap, used, group = first, 0.0, None
    for i, it in enumerate(items):
        need = it.height + (it.group.header_height if it.group is not group else 0)
        if used + need > cap and pages[-1]:
            pages.append([])
            cap, used = following, 0.0
            need = it.height + it.group.header_height
        pages[-1].append(i)
        used += need
        group = it.group
    if used + end > cap + CONT_H:
        last = pages[-1]
        if len(last) >= 2:                       # carry the last item over, the totals come with it
            pages.append([last.pop()])
        else:
            pages.append([])
    return pages


def lay_out(c: Canvas, items: Sequence[Item], *, first_top: float, cont_header: Callable[[Canvas], None],
            end_height: float, draw_end: Callable[[Canvas, float], None],
            footer: Callable[[Canvas, int, int], None],
            continued: Callable[[Canvas, float, int], None]) -> int:
    """Draw the items over as many pages as they need (the first page's header is already drawn,
    its body starts at `first_top`), the end block after the last, a footer on each page."""
    body = first_top - BOTTOM - CONT_H
    following = PAGE_H - MARGIN - CONT_HEADER_H - BOTTOM - CONT_H
    pages = paginate(items, body, following, end_height)
    for p, indices in enumerate(pages):
        if p:
            cont_header(c)
        y = first_top if p == 0 else PAGE_H - MARGIN - CONT_HEADER_H
        group = None
        for i in indices:
            it = items[i]
            if it.group is not group:
                it.group.draw_header(c, y)
                y -= it.group.header_height
                group = it.group
            it.draw(c, y)
            y -= it.height
        if p == len(pages) - 1:
            draw_end(c, y)
        else:
            continued(c, y, indices[-1] + 1 if indices else 0)
        footer(c, p + 1, len(pages))
        c.showPage()
    return len(pages)


# ------------------------------------------------------------------------------------------------
# header and footer
# ------------------------------------------------------------------------------------------------

def draw_company_header(c: Canvas, company: CompanyHeader, title: str, code: str, lab: dict[str, str]) -> float:
    """Company left, document title and its barcode right; returns the y below the rule."""
    top = PAGE_H - MARGIN
    size = fit_size(company.name, 14, CONTENT_W - 80 * mm)
    draw_text(c, MARGIN, top - 14, company.name, size, bold=True)
    y = top - 14 - 5 * mm
    details = [company.address, f"{lab['tel']} {company.phone}" if company.phone else "",
               f"{lab['tax']} {company.tax_id}" if company.tax_id else "", company.email]
    for line in wrap("　".join(d for d in details if d), 7.5, CONTENT_W - 80 * mm, 3):
        draw_text(c, MARGIN, y, line, 7.5, color=GREY)
        y -= 7.5 * 1.3
    draw_text(c, PAGE_W - MARGIN, top - 17, title, 20, bold=True, align="right")
    draw_code128(c, code, PAGE_W - MARGIN - 75 * mm, top - 10 * mm - 13 * mm, height=13 * mm,
                 max_width=75 * mm, font_size=8, align="right", gtin_check=False)
    y = min(y, top - 26 * mm)
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.line(MARGIN, y, PAGE_W - MARGIN, y)
    return y - 3 * mm


def make_cont_header(company: CompanyHeader, title: str, code: str) -> Callable[[Canvas], None]:
    def draw(c: Canvas) -> None:
        top = PAGE_H - MARGIN
        draw_text(c, MARGIN, top - 10, company.name, 9, color=GREY)
        draw_text(c, PAGE_W - MARGIN, top - 11, f"{title}  {code}", 12, bold=True, align="right")
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.line(MARGIN, top - 8 * mm, PAGE_W - MARGIN, top - 8 * mm)
    return draw


def make_footer(left: str, lab: dict[str, str]) -> Callable[[Canvas, int, int], None]:
    def draw(c: Canvas, page: int, pages: int) -> None:
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(MARGIN, FOOTER_Y + 9, PAGE_W - MARGIN, FOOTER_Y + 9)
        draw_text(c, MARGIN, FOOTER_Y, left, 7.5, color=GREY)
        draw_text(c, PAGE_W - MARGIN, FOOTER_Y, lab["page"].format(page=page, pages=pages), 8.5, align="right")
    return draw


def draw_fields(c: Canvas, x: float, y: float, width: float, fields: Sequence[tuple[str, str]], *,
                label_w: float = 20 * mm, size: float = 8.5, max_lines: int = 3) -> float:
    """Label-value lines (empty values left out); returns the y below the last.  The values start
    at `label_w` or after the longest label, whichever is further right."""
    font = register_cjk_font()
    label_w = max([label_w] + [stringWidth(k, font, size - 1) + 3 * mm for k, v in fields if v])
    for label, value in fields:
        if not value:
            continue
        draw_text(c, x, y, label, size - 1, color=GREY)
        for line in wrap(value, size, width - label_w, max_lines):
            draw_text(c, x + label_w, y, line, size)
            y -= size * 1.35
    return y


def draw_continued(c: Canvas, y: float, text: str) -> None:
    draw_text(c, PAGE_W - MARGIN, y - 4.5 * mm, text, 8, color=GREY, align="right")


