"""From export rows to PlatformOrder values: what every platform's file import shares.

A Layout says where one export keeps each of our fields (the headers it has had over the years;
the first one a file has wins).  Rows are grouped by order number, in the order first seen; the
order's own fields come from the first of its rows that has them (merged cells fill every row, a
blank continuation row has none), and each row is one order line.  A cell that cannot be read
rejects its order as a whole, every row of it listed, so an order is never imported half; the
other orders go through.  File-level problems (no header, a column missing, an unreadable file)
are rejected rows too: the import summary lists them and nothing is raised.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from erp_desktop.channels.cells import (
    CellError,
    check_order_no,
    parse_amount,
    parse_datetime,
    parse_quantity,
    parse_refund_status,
    parse_status,
)
from erp_desktop.channels.tabular import Table, TableError, header_key, open_table
from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, PlatformOrderLine, RejectedRow

# Our fields (the generic import's column mapping uses the same names).
ORDER_TEXT_FIELDS = ("buyer_id", "buyer_name", "buyer_message", "seller_memo", "receiver_name", "receiver_phone",
                     "phone_alt", "address", "province", "city", "district", "street", "address_detail",
                     "postal_code", "email", "currency", "country")
ORDER_AMOUNT_FIELDS = ("goods_amount", "discount", "platform_discount", "payment_discount", "shipping_fee",
                       "paid_amount", "platform_fee")
ORDER_DATE_FIELDS = ("ordered_at", "paid_at")
ORDER_FIELDS = ("order_no", "status", *ORDER_DATE_FIELDS, *ORDER_TEXT_FIELDS, *ORDER_AMOUNT_FIELDS)
LINE_FIELDS = ("sku", "sku_alt", "title", "variant", "quantity", "unit_price", "line_total", "line_amount",
               "line_id", "line_status", "line_order_status")
# what a line is known by: a row without any of these cannot continue the order above it
_LINE_IDENTITY = ("sku", "sku_alt", "title", "quantity")
_FOOTER_WORDS = frozenset({"合计", "总计", "小计", "total"})
CENT = Decimal("0.01")

DEFAULT_REQUIRED = (("order_no",), ("status",), ("quantity",), ("sku", "sku_alt", "title"),
                    ("unit_price", "line_total"))


@dataclass(frozen=True)
class Layout:
    """Where one export keeps our fields: field -> the headers it may have (first found wins)."""

    platform: str
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...] = DEFAULT_REQUIRED   # each: one of these fields must have a column
    default_status: str | None = None     # an order's status when the file says none (the generic import)
    paid_from_lines: bool = False         # the paid amount is the sum of the lines' (Douyin: per sub-order)
    min_known: int = 3                    # known headers a row needs to be taken for the header row

    @cached_property
    def known(self) -> frozenset[str]:
        return frozenset(header_key(h) for variants in self.columns.values() for h in variants)

    def resolve(self, table: Table) -> tuple[dict[str, str], list[str]]:
        """field -> the header as written in this file; and the required columns it lacks (as headers)."""
        columns = {f: h for f, variants in self.columns.items() if (h := table.column(*variants)) is not None}
        missing = [" / ".join(self.columns[f][0] if f in self.columns else f for f in group)
                   for group in self.required if not any(f in columns for f in group)]
        return columns, missing


class SourceRow:
    """One data row: its file, number as the user sees it, non-blank cells, and its file's columns."""

    __slots__ = ("cells", "columns", "file", "number")

    def __init__(self, file: str, number: int, cells: dict[str, str], columns: dict[str, str]) -> None:
        self.file, self.number, self.cells, self.columns = file, number, cells, columns

    def get(self, fld: str) -> str:
        h = self.columns.get(fld)
        return self.cells.get(h, "") if h is not None else ""

    def header(self, fld: str) -> str:
        return self.columns.get(fld, fld)

    def raw(self) -> dict[str, object]:
        return {"file": self.file, "row": self.number, "cells": self.cells}


# ---------------------------------------------------------------------------------------------
# reading and grouping
# ---------------------------------------------------------------------------------------------

def read_rows(layout: Layout, path: Path | str, out: ParsedOrders) -> Iterator[SourceRow]:
    """The data rows of one file; a file that cannot be read as this layout becomes rejected rows."""
    path = Path(path)
    try:
        table = open_table(path, layout.known, layout.min_known)
    except TableError as exc:
        out.rejected.append(RejectedRow(exc.row, exc.field, exc.reason, exc.detail, file=path.name))
        return
    yield from table_rows(table, layout, out)


def table_rows(table: Table, layout: Layout, out: ParsedOrders) -> Iterator[SourceRow]:
    """The data rows of an opened file read as `layout`; missing columns become rejected rows."""
    columns, missing = layout.resolve(table)
    if missing:
        table.rows.close()
        out.rejected.extend(RejectedRow(table.header_row, m, "missing_column", f"{table.file} has no column {m}",
                                        file=table.file) for m in missing)
        return
    try:
        for number, cells in table.rows:
            out.rows_read += 1
            yield SourceRow(table.file, number, cells, columns)
    except TableError as exc:        # a damaged line half-way: the rows before it are kept
        out.rejected.append(RejectedRow(exc.row, exc.field, exc.reason, exc.detail, file=table.file))


@dataclass(frozen=True)
class LineFileFormat:
    """An export with one row per order line (JD, Pinduoduo, Douyin): an OrderFileFormat."""

    platform: str
    layout: Layout
    signature: frozenset[str]      # header keys that tell this export from others (detect_format)

    def parse(self, paths: Sequence[Path]) -> ParsedOrders:
        return parse_line_files(self.layout, paths)


class Grouper:
    """Rows by order number, in the order first seen.  A row without an order number continues the
    order above it when it has line cells and no order cells (an item row under a merged or blanked
    order cell); otherwise it is rejected."""

    def __init__(self, rejected: list[RejectedRow]) -> None:
        self.groups: dict[str, list[SourceRow]] = {}
        self.rejected = rejected
        self._last: list[SourceRow] | None = None
        self._order_only: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def add(self, row: SourceRow) -> None:
        no = row.get("order_no")
        if not no:
            if self._last is not None and self._continues(row):
                self._last.append(row)
                return
            self._last = None
            self.rejected.append(RejectedRow(row.number, row.header("order_no"), "missing",
                                             "the row has no order number", file=row.file))
            return
        if no.lower() in _FOOTER_WORDS:
            self._last = None
            return
        try:
            check_order_no(no)
        except CellError as exc:
            self._last = None
            self.rejected.append(RejectedRow(row.number, row.header("order_no"), exc.reason, exc.detail, no, row.file))
            return
        group = self.groups.get(no)
        if group is None:
            group = self.groups[no] = []
        group.append(row)
        self._last = group

    def _continues(self, row: SourceRow) -> bool:
        key = id(row.columns)
        split = self._order_only.get(key)
        if split is None:
            line_headers = {h for f, h in row.columns.items() if f in LINE_FIELDS}
            order_only = tuple({h for f, h in row.columns.items() if f in ORDER_FIELDS} - line_headers)
            identity = tuple(h for f, h in row.columns.items() if f in _LINE_IDENTITY)
            split = self._order_only[key] = (order_only, identity)
        order_only, identity = split
        cells = row.cells
        return not any(h in cells for h in order_only) and any(h in cells for h in identity)


# ---------------------------------------------------------------------------------------------
# building an order
# ---------------------------------------------------------------------------------------------

class _Build:
    """The problems found while building one order."""

    def __init__(self, order_no: str) -> None:
        self.order_no = order_no
        self.problems: list[RejectedRow] = []

    def fail(self, row: SourceRow, fld: str, exc: CellError) -> None:
        self.problems.append(RejectedRow(row.number, row.header(fld), exc.reason, exc.detail, self.order_no, row.file))

    def amount(self, row: SourceRow, fld: str) -> Decimal | None:
        text = row.get(fld)
        if not text:
            return None
        try:
            return parse_amount(text)
        except CellError as exc:
            self.fail(row, fld, exc)
            return None


def _first(rows: Sequence[SourceRow], fld: str) -> tuple[str, SourceRow | None]:
    for r in rows:
        h = r.columns.get(fld)
        if h is not None:
            v = r.cells.get(h)
            if v:
                return v, r
    return "", None


def build_order(order_no: str, order_rows: Sequence[SourceRow], line_rows: Sequence[SourceRow], layout: Layout
                ) -> tuple[PlatformOrder | None, list[RejectedRow]]:
    """The order of `order_rows` (its own fields) and `line_rows` (one line each): the same rows for
    one-row-per-line exports, Taobao's order report row and item report rows.  On any problem: None
    and every row of the order as rejected rows (the problems, then the rows they took down)."""
    b = _Build(order_no)
    texts = {f: _first(order_rows, f)[0] for f in ORDER_TEXT_FIELDS}
    amounts: dict[str, Decimal | None] = {}
    for f in ORDER_AMOUNT_FIELDS:
        text, row = _first(order_rows, f)
        amounts[f] = b.amount(row, f) if row is not None else None
    dates = {}
    for f in ORDER_DATE_FIELDS:
        text, row = _first(order_rows, f)
        dates[f] = None
        if row is not None:
            try:
                dates[f] = parse_datetime(text)
            except CellError as exc:
                b.fail(row, f, exc)
    status_text, row = _first(order_rows, "status")
    status = layout.default_status or ""
    if row is not None:
        try:
            status = parse_status(status_text, layout.platform)
        except CellError as exc:
            b.fail(row, "status", exc)
    elif not status:
        b.fail(order_rows[0], "status", CellError("missing", "no order status"))
    lines = [line for r in line_rows if (line := _build_line(b, r, status, layout)) is not None]

    all_rows = list(dict.fromkeys([*order_rows, *line_rows]))
    if b.problems:
        return None, _rejection(b.problems, all_rows, order_no)

    discounts = [a for f in ("discount", "platform_discount", "payment_discount") if (a := amounts[f]) is not None]
    goods = amounts["goods_amount"]
    if goods is None:
        goods = sum((ln.unit_price * ln.quantity for ln in lines), Decimal(0))
    paid = amounts["paid_amount"]
    if paid is None and layout.paid_from_lines and all(ln.amount is not None for ln in lines):
        paid = sum((ln.amount for ln in lines if ln.amount is not None), Decimal(0))
    street, detail = texts["street"], texts["address_detail"]
    if street and not detail.startswith(street):
        detail = street + detail
    order = PlatformOrder(
        order_no=order_no, status=status, lines=tuple(lines), platform_status=status_text,
        ordered_at=dates["ordered_at"], paid_at=dates["paid_at"],
        buyer_id=texts["buyer_id"], buyer_name=texts["buyer_name"], buyer_message=texts["buyer_message"],
        seller_memo=texts["seller_memo"], receiver_name=texts["receiver_name"],
        receiver_phone=texts["receiver_phone"] or texts["phone_alt"], address=texts["address"],
        province=texts["province"], city=texts["city"], district=texts["district"], address_detail=detail,
        postal_code=texts["postal_code"], email=texts["email"], currency=(texts["currency"] or "CNY").upper(),
        country=texts["country"], goods_amount=goods, discount=sum(discounts, Decimal(0)),
        shipping_fee=amounts["shipping_fee"] or Decimal(0), paid_amount=paid,
        platform_fee=amounts["platform_fee"] or Decimal(0),
        raw={"rows": [r.raw() for r in all_rows]}, source_rows=tuple(r.number for r in order_rows))
    return order, []


def _build_line(b: _Build, r: SourceRow, order_status: str, layout: Layout) -> PlatformOrderLine | None:
    before = len(b.problems)
    sku, title = r.get("sku") or r.get("sku_alt"), r.get("title")
    if not sku and not title:
        fld = next((f for f in ("title", "sku", "sku_alt") if f in r.columns), "title")
        b.fail(r, fld, CellError("missing", "the line has neither a title nor a SKU"))
    quantity = None
    try:
        quantity = parse_quantity(r.get("quantity"))
    except CellError as exc:
        b.fail(r, "quantity", exc)
    unit = b.amount(r, "unit_price")
    total = b.amount(r, "line_total")
    amount = b.amount(r, "line_amount")
    if quantity is not None and len(b.problems) == before:
        if unit is None and total is not None:
            unit = (total / quantity).quantize(CENT)
        if unit is None and amount is not None and "unit_price" not in r.columns and "line_total" not in r.columns:
            unit = (amount / quantity).quantize(CENT)       # a generic file with only the paid amount per line
        if unit is None:
            fld = next((f for f in ("unit_price", "line_total", "line_amount") if f in r.columns), "unit_price")
            b.fail(r, fld, CellError("missing", "the line has no price"))
    status = order_status
    refund = parse_refund_status(r.get("line_status"))
    if refund is not None:
        status = refund
    elif text := r.get("line_order_status"):
        try:
            status = parse_status(text, layout.platform)
        except CellError as exc:
            b.fail(r, "line_order_status", exc)
    if len(b.problems) > before or quantity is None or unit is None:
        return None
    return PlatformOrderLine(platform_sku=sku, title=title, quantity=quantity, unit_price=unit, amount=amount,
                             variant=r.get("variant"), platform_line_id=r.get("line_id"), status=status)


def _rejection(problems: list[RejectedRow], rows: list[SourceRow], order_no: str) -> list[RejectedRow]:
    seen: set[tuple[str, int, str, str]] = set()
    out = []
    for p in problems:            # the same cell read as the order's status and the line's: say it once
        key = (p.file, p.row, p.field, p.reason)
        if key not in seen:
            seen.add(key)
            out.append(p)
    bad = {(p.file, p.row) for p in out}
    out.extend(RejectedRow(r.number, r.header("order_no"), "order_rejected",
                           f"another row of order {order_no} could not be read", order_no, r.file)
               for r in rows if (r.file, r.number) not in bad)
    return out


# ---------------------------------------------------------------------------------------------
# whole imports
# ---------------------------------------------------------------------------------------------

def build_orders(layout: Layout, groups: Mapping[str, list[SourceRow]], out: ParsedOrders) -> None:
    for order_no, rows in groups.items():
        order, rejected = build_order(order_no, rows, rows, layout)
        if order is not None:
            out.orders.append(order)
        else:
            out.rejected.extend(rejected)


def sort_rejected(out: ParsedOrders, paths: Sequence[Path | str]) -> None:
    """Rejected rows in file order, then row order: how the summary lists them."""
    order = {Path(p).name: i for i, p in enumerate(paths)}
    out.rejected.sort(key=lambda r: (order.get(r.file, len(order)), r.row))


def parse_line_files(layout: Layout, paths: Sequence[Path | str]) -> ParsedOrders:
    """An export with one row per order line, in one or several files (an order may span files)."""
    out = ParsedOrders()
    grouper = Grouper(out.rejected)
    for path in paths:
        for row in read_rows(layout, path, out):
            grouper.add(row)
    build_orders(layout, grouper.groups, out)
    sort_rejected(out, paths)
    return out
