"""Excel export of the Stock list: the rows the dock shows (same filter and order), streamed
page by page into a write-only workbook.  Callers go through stock_queries.export_stock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from erp_desktop.services.stock_queries import StockFilter, StockRow, count_stock, list_stock, sort_key

EXPORT_PAGE = 2000
# column key -> (value of a row, number format or None)
EXPORT_VALUES: dict[str, tuple[Callable[[StockRow], Any], str | None]] = {
    "code": (lambda r: r.code, None),
    "name": (lambda r: r.name, None),
    "spec": (lambda r: r.spec, None),
    "warehouse": (lambda r: r.warehouse_name, None),
    "on_hand": (lambda r: r.on_hand, "#,##0.###"),
    "reserved": (lambda r: r.reserved, "#,##0.###"),
    "expired": (lambda r: r.expired, "#,##0.###"),
    "available": (lambda r: r.available, "#,##0.###"),
    "in_transit": (lambda r: r.in_transit, "#,##0.###"),
    "safety_stock": (lambda r: r.safety_stock, "#,##0.###"),
    "reorder_point": (lambda r: r.reorder_point, "#,##0.###"),
    "days_of_cover": (lambda r: r.days_of_cover, "#,##0.0"),
    "cost": (lambda r: r.cost, "#,##0.00"),
    "value": (lambda r: r.value, "#,##0.00"),
}


def export_stock(session: Session, flt: StockFilter, path: str | Path, columns: Sequence[tuple[str, str]],
                 sort: str = "code", descending: bool = False, *,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Write the rows the list shows (same filter and order) with `columns` ((key, heading), in
    the list's order) to .xlsx; returns the row count.  Streams page by page."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cols = [(k, h) for k, h in columns if k in EXPORT_VALUES]
    total = count_stock(session, flt) if progress else 0
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Stock")
    ws.freeze_panes = "A2"
    for i, (key, heading) in enumerate(cols):
        width = 36 if key == "name" else max(12, min(30, len(heading) * 2 + 2))
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = width
    bold = Font(bold=True)
    low_fill = PatternFill("solid", fgColor="FFCDD2")

    def cell(value: Any, **style: Any) -> Any:
        c = WriteOnlyCell(ws, value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    ws.append([cell(h, font=bold) for _, h in cols])
    after, n = None, 0
    while True:
        page = list_stock(session, flt, sort, descending, after, EXPORT_PAGE)
        for r in page:
            line = []
            for key, _ in cols:
                get, fmt = EXPORT_VALUES[key]
                style: dict[str, Any] = {"number_format": fmt} if fmt else {}
                if r.below_safety and key in ("available", "safety_stock"):
                    style["fill"] = low_fill
                line.append(cell(get(r), **style))
            ws.append(line)
        n += len(page)
        if progress:
            progress(n, total)
        if len(page) < EXPORT_PAGE:
            break
        after = sort_key(page[-1], sort)
    wb.save(Path(path))
    return n
