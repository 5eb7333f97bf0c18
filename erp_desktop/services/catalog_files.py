"""SKU import, the file side: reading .xlsx and .csv, finding the header row, parsing cells.

No database here: catalog_io.py looks the parsed rows up, checks them against what is stored
and writes them.  RowError and ImportReport are re-exported by catalog.py, which callers import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from erp_desktop.domain.catalog import (
    ParseError,
    cell_text,
    header_field,
    parse_barcode_list,
    parse_kit_text,
    parse_money,
    parse_quantity,
    parse_status,
)
from erp_desktop.domain.errors import FieldError, ValidationError

# what a blank cell means: None = clear it, KEEP = keep the current value (default for a new SKU)
KEEP = object()
BLANK = {"spec": "", "category": None, "weight_kg": None, "length_cm": None, "width_cm": None,
         "height_cm": None, "barcodes": (), "kit": (), "product_code": KEEP, "name": KEEP,
         "price": KEEP, "cost": KEEP, "unit": KEEP, "status": KEEP}


@dataclass(frozen=True)
class RowError:
    row: int           # 1-based row number as the user sees it in the file (header is row 1)
    column: str        # column header as in the file
    reason: str
    code: str = ""     # the stable reason code (e.g. "bad_check_digit"), for translation


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)   # headers the import does not know


# ---------------------------------------------------------------------------------------------
# reading files
# ---------------------------------------------------------------------------------------------

def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else GBK/GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    content = decode_csv(path.read_bytes())
    first = content.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    for i, row in enumerate(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter), start=1):
        yield i, list(row)


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[object]]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise ValidationError([FieldError("sheet", "unknown_sheet", f"the workbook has no sheet {sheet!r}")])
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        ws.reset_dimensions()    # some writers record wrong dimensions; read what is there
        for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            yield i, list(row)
    finally:
        wb.close()


def read_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[object]]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(path)
    raise ValidationError([FieldError("path", "unsupported_format",
                                      f"{path.name}: only .xlsx and .csv files can be imported")])


# ---------------------------------------------------------------------------------------------
# parsing rows
# ---------------------------------------------------------------------------------------------

@dataclass
class Row:
    """One data row of the file: what its cells say, then what the SKU will be."""

    number: int
    cells: dict[str, Any]                    # field -> parsed value, or KEEP; only the file's columns
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # (field, code, reason)
    code: str = ""
    existing: dict[str, Any] | None = None
    final: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.code.lower()

    def fail(self, fld: str, code: str, reason: str) -> None:
        self.errors.append((fld, code, reason))


class CellError(ValueError):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code, reason)
        self.code, self.reason = code, reason


def _parse_cell(fld: str, raw: object, units: dict[str, str]) -> Any:
    """The value of one cell for `fld` (BLANK's meaning for an empty cell); CellError if bad."""
    s = cell_text(raw)
    if s == "":
        return BLANK.get(fld, KEEP) if fld != "code" else ""
    try:
        if fld in ("price", "cost"):
            return parse_money(raw if isinstance(raw, int | float | Decimal) else s)
        if fld in ("weight_kg", "length_cm", "width_cm", "height_cm"):
            return parse_quantity(raw if isinstance(raw, int | float | Decimal) else s)
        if fld == "barcodes":
            return parse_barcode_list(s)
        if fld == "kit":
            return parse_kit_text(s)
        if fld == "status":
            return parse_status(s)
    except ParseError as exc:
        if exc.reason == "invalid_choice":
            raise CellError(exc.reason, f"status {s!r} is not one of active, inactive, discontinued") from exc
        raise CellError(exc.reason, f"{exc.text!r} is not a number") from exc
    if fld == "unit":
        if s.lower() not in units:
            raise CellError("unknown_unit", f"there is no unit {s!r}")
        return units[s.lower()]
    return s


# ---------------------------------------------------------------------------------------------
# the header row, then the data rows
# ---------------------------------------------------------------------------------------------

HEADER_SEARCH = 10    # title lines a sheet may have above its header row


def find_header(rows: Iterator[tuple[int, list[object]]], report: ImportReport
                ) -> tuple[int, list[tuple[int, str, str]]] | None:
    """The header row's number and its columns (index, field, header as in the file): the first
    row with a SKU code column, after at most HEADER_SEARCH title lines."""
    first, tried = None, 0
    for number, cells in rows:
        texts = [cell_text(c) for c in cells]
        if not any(texts):
            continue
        first = first or number
        if "code" not in {header_field(h) for h in texts}:
            tried += 1
            if tried > HEADER_SEARCH:
                break
            continue
        columns: list[tuple[int, str, str]] = []
        seen: dict[str, str] = {}
        for i, h in enumerate(texts):
            fld = header_field(h)
            if not fld:
                if fld is None and h:
                    report.ignored_columns.append(h)
                continue
            if fld in seen:
                report.errors.append(RowError(number, h, f"column {h!r} means the same as {seen[fld]!r}",
                                              "duplicate_column"))
                continue
            seen[fld] = h
            columns.append((i, fld, h))
        return number, columns
    if first is None:
        report.errors.append(RowError(1, "", "the file is empty", "empty_file"))
    else:
        report.errors.append(RowError(first, "", "the file has no SKU code column (code / SKU编码)",
                                      "missing_column"))
    return None


def parse_rows(rows: Iterator[tuple[int, list[object]]], columns: list[tuple[int, str, str]],
               units: dict[str, str]) -> list[Row]:
    out = []
    for number, cells in rows:
        if not any(cell_text(c) for c in cells):
            continue
        row = Row(number, {})
        for i, fld, _h in columns:
            raw = cells[i] if i < len(cells) else None
            try:
                row.cells[fld] = _parse_cell(fld, raw, units)
            except CellError as exc:
                row.fail(fld, exc.code, exc.reason)
        row.code = row.cells.get("code") or ""
        out.append(row)
    return out

