"""The rows of a CSV or Excel export, numbered as the user sees them in Excel, cells cleaned.

Sellers open these files in Excel and tell us "row 57 is wrong", so a row's number is its record
number in the file (the header is usually row 1; title lines above it count too).  CSV files come
as UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or GBK/GB18030, with
commas, tabs or semicolons.  In .xlsx files sellers merge an order's cells across its item rows:
only the top cell holds the value, and openpyxl's streaming (read-only) mode does not say which
cells are merged, so the merged ranges are read from the sheet's XML and their value is applied to
every row they span.  Rows are streamed, never loaded as a whole sheet.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from erp_desktop.channels.cells import clean_cell, clean_text

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH = 20          # non-blank lines (titles, notes) a file may have above its header row


class TableError(Exception):
    """The file as a whole cannot be read: `reason` is the RejectedRow reason code."""

    def __init__(self, reason: str, detail: str, row: int = 1, field: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.row, self.field = reason, detail, row, field


def header_key(text: str) -> str:
    """How headers are compared: full-width brackets as ASCII ("金额（元）" = "金额(元)"), no blanks
    (Taobao writes "收货地址 " with a trailing space), lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the line that has most of them among the first lines (title lines have none)."""
    best, best_count = ",", 0
    for line in text[:20000].splitlines()[:HEADER_SEARCH]:
        for d in (",", "\t", ";"):
            if line.count(d) > best_count:
                best, best_count = d, line.count(d)
    return best


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        text = decode_text(path.read_bytes())
    except UnicodeDecodeError as exc:
        raise TableError("unreadable_file", f"{path.name} is not text in a known encoding: {exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [clean_text(c) for c in row]
    except csv.Error as exc:
        raise TableError("unreadable_file", f"{path.name}: {exc}", row=number + 1) from None


# ---------------------------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n


def _sheet_members(zf: zipfile.ZipFile) -> list[str]:
    """The sheets' XML parts, in the workbook's order (the order openpyxl lists its worksheets in)."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    members = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        members.append(target.lstrip("/") if target.startswith("/") else "xl/" + target.removeprefix("./"))
    return members


def _merged_ranges(zf: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, found by scanning the
    sheet's XML in chunks (the list follows the cell data, at the end of the part)."""
    ranges: list[tuple[int, int, int, int]] = []
    with zf.open(member) as f:
        tail = b""
        while chunk := f.read(1 << 20):
            buf = tail + chunk
            end = 0
            if b"mergeCell" in buf:
                for m in _MERGE.finditer(buf):
                    c0, r0, c1, r1 = m.groups()
                    if c1 is not None:
                        ranges.append((int(r0), _column_number(c0), int(r1), _column_number(c1)))
                    end = m.end()
            tail = buf[max(end, len(buf) - 512):]
    return ranges


def _fill_merged(rows: Iterator[tuple[int, list[str]]], ranges: list[tuple[int, int, int, int]]
                 ) -> Iterator[tuple[int, list[str]]]:
    """Every cell of a merged range gets the value of the range's top-left cell."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for r0, c0, r1, c1 in ranges:
        for r in range(r0, r1 + 1):
            spans.setdefault(r, []).append((r0, c0, c1))
    anchors: dict[tuple[int, int], str] = {}
    for number, cells in rows:
        for r0, c0, c1 in spans.get(number, ()):
            if len(cells) < c1:
                cells.extend([""] * (c1 - len(cells)))
            if number == r0:
                anchors[(r0, c0)] = cells[c0 - 1]
            value = anchors.get((r0, c0), "")
            for c in range(c0 if number != r0 else c0 + 1, c1 + 1):
                cells[c - 1] = value
        yield number, cells


def _xlsx_sheets(path: Path) -> Iterator[Iterator[tuple[int, list[str]]]]:
    """One row iterator per sheet, in order; the workbook stays open until the caller is done."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:       # openpyxl raises zipfile, KeyError, ValueError ... for a damaged file
        raise TableError("unreadable_file", f"{path.name} is not a readable .xlsx workbook: {exc}") from None
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                members = _sheet_members(zf)
                merges = [_merged_ranges(zf, m) for m in members]
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
            merges = []             # an unusual package layout: read the values, without merges
        for index, ws in enumerate(wb.worksheets):
            ws.reset_dimensions()   # some writers record wrong dimensions; read what is there
            rows = ((i, [clean_cell(v) for v in row])
                    for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1))
            ranges = merges[index] if index < len(merges) else []
            yield _fill_merged(rows, ranges) if ranges else rows
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------------
# the header row, then the data rows
# ---------------------------------------------------------------------------------------------

@dataclass
class Table:
    """One file's data: its header row, the headers as written (duplicates numbered), and the data
    rows as (row number, {header: text}) with only the non-blank cells, blank rows skipped."""

    file: str
    header_row: int
    headers: tuple[str, ...]
    rows: Generator[tuple[int, dict[str, str]], None, None]

    def __post_init__(self) -> None:
        self.by_key: dict[str, str] = {}
        for h in self.headers:
            self.by_key.setdefault(header_key(h), h)

    def column(self, *variants: str) -> str | None:
        """The header as written in this file of the first of `variants` it has."""
        for v in variants:
            h = self.by_key.get(header_key(v))
            if h is not None:
                return h
        return None


def _sheets(path: Path) -> Generator[Iterator[tuple[int, list[str]]], None, None]:
    """The file's sheets (a CSV file is one); closing the generator closes the file."""
    if not path.is_file():
        raise TableError("unreadable_file", f"there is no file {path}")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        yield from _xlsx_sheets(path)
    elif suffix in CSV_SUFFIXES:
        yield _csv_rows(path)
    else:
        raise TableError("unsupported_format", f"{path.name}: only .csv, .txt, .tsv and .xlsx files can be imported")


def _headers(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    seen: dict[str, int] = {}
    headers = []
    for h in cells:
        if h:
            seen[h] = seen.get(h, 0) + 1
            if seen[h] > 1:
                h = f"{h} ({seen[h]})"
        headers.append(h)
    return tuple(headers)


def _data_rows(rows: Iterator[tuple[int, list[str]]], headers: tuple[str, ...],
               sheets: Generator[object, None, None]) -> Generator[tuple[int, dict[str, str]], None, None]:
    try:
        for number, cells in rows:
            data = {h: v for h, v in zip(headers, cells, strict=False) if v and h}
            if data:
                yield number, data
    finally:
        sheets.close()      # the workbook is closed when its rows are read (or the reader is dropped)


def open_table(path: Path, known: Collection[str], min_known: int) -> Table:
    """The first sheet of `path` whose header row (within the first HEADER_SEARCH non-blank lines)
    has at least `min_known` of the `known` header keys (header_key form).  TableError otherwise."""
    path = Path(path)
    sheets = _sheets(path)
    first_line = 0
    try:
        for rows in sheets:
            tried = 0
            for number, cells in rows:
                if not any(cells):
                    continue
                first_line = first_line or number
                if sum(1 for c in cells if c and header_key(c) in known) >= min_known:
                    headers = _headers(cells)
                    return Table(path.name, number, headers, _data_rows(rows, headers, sheets))
                tried += 1
                if tried >= HEADER_SEARCH:
                    break
    except BaseException:
        sheets.close()
        raise
    sheets.close()
    if not first_line:
        raise TableError("empty_file", f"{path.name} has no rows")
    raise TableError("no_header", f"{path.name}: none of the first rows has this export's column headers",
                     row=first_line)


def read_headers(path: Path) -> tuple[int, tuple[str, ...]]:
    """For the column-mapping dialog of a file we know nothing about: the header row's number and
    headers, taken to be the first line at least 60 % as wide as the widest of the first lines."""
    path = Path(path)
    sheets = _sheets(path)
    try:
        for rows in sheets:
            first: list[tuple[int, list[str]]] = []
            for number, cells in rows:
                if any(cells):
                    first.append((number, cells))
                    if len(first) >= HEADER_SEARCH:
                        break
            if first:
                widest = max(sum(1 for c in cells if c) for _, cells in first)
                for number, cells in first:
                    if sum(1 for c in cells if c) >= 0.6 * widest:
                        return number, tuple(h for h in _headers(cells) if h)
    finally:
        sheets.close()
    raise TableError("empty_file", f"{path.name} has no rows")
