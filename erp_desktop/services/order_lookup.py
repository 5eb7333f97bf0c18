"""What the Orders dock needs besides the order list itself: the shops, platforms, handlers and
rules its filters offer, and the Excel export of what the list shows.

Reads only.  Some of these tables are not readable by every role that reads orders (the users
list is the admin's, rules are the order desk's): a list a role may not read comes back empty,
so the filter is simply not offered, instead of the whole dock failing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.db.models import AppUser, Order, Platform, Rule, Shop, Sku
from erp_desktop.services import catalog
from erp_desktop.services.order_queries import OrderFilter, OrderRow, list_orders

T = TypeVar("T")
INSUFFICIENT_PRIVILEGE = "42501"
HANDLER_AREAS = ("sales", "service", "admin")


@dataclass(frozen=True)
class ShopInfo:
    id: int
    code: str
    name: str
    platform: str              # sales.platform code: taobao, jd, pdd ...
    platform_name: str
    platform_name_zh: str
    active: bool
    api: bool = False          # reached through its platform's API (orders pulled, not imported from files)


@dataclass(frozen=True)
class PlatformInfo:
    code: str
    name: str
    name_zh: str


@dataclass(frozen=True)
class HandlerInfo:
    id: int
    name: str


@dataclass(frozen=True)
class RuleInfo:
    id: int
    kind: str
    name: str
    active: bool


def _readable(session: Session, read: Callable[[], list[T]]) -> list[T]:
    """`read()` in a savepoint; [] when the role may not read the table (the transaction goes on)."""
    try:
        with session.begin_nested():
            return read()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            return []
        raise


def list_order_shops(session: Session) -> list[ShopInfo]:
    """Every shop with its platform (code and names), by code."""
    q = (select(Shop.id, Shop.code, Shop.name, Shop.platform_code, Platform.name, Platform.name_zh, Shop.active,
                Platform.has_api & Shop.settings.has_key("api"))
         .join(Platform, Platform.code == Shop.platform_code).order_by(Shop.code))
    return [ShopInfo(*r) for r in session.execute(q)]


def list_platforms(session: Session) -> list[PlatformInfo]:
    return [PlatformInfo(*r) for r in session.execute(
        select(Platform.code, Platform.name, Platform.name_zh).order_by(Platform.name))]


def list_handlers(session: Session) -> list[HandlerInfo]:
    """Active users who may handle orders, by name; [] for roles that may not read the users list."""
    def read() -> list[HandlerInfo]:
        q = (select(AppUser.id, AppUser.display_name, AppUser.login)
             .where(AppUser.active, AppUser.area.in_(HANDLER_AREAS)).order_by(AppUser.display_name))
        return [HandlerInfo(i, name or login) for i, name, login in session.execute(q)]

    return _readable(session, read)


def list_rules(session: Session, kind: str | None = None) -> list[RuleInfo]:
    """The rules (of one kind, or all), by kind, priority; [] for roles that may not read them."""
    def read() -> list[RuleInfo]:
        q = select(Rule.id, Rule.kind, Rule.name, Rule.active).order_by(Rule.kind, Rule.priority, Rule.id)
        if kind is not None:
            q = q.where(Rule.kind == kind)
        return [RuleInfo(*r) for r in session.execute(q)]

    return _readable(session, read)


def last_order_id(session: Session) -> int:
    """The newest order's id (0: none yet): orders after it arrived later."""
    return session.execute(select(func.coalesce(func.max(Order.id), 0))).scalar_one()


def problems_of(session: Session, order_ids: Sequence[int]) -> dict[int, tuple[dict[str, Any], ...]]:
    """The validation problems ({"field", "code", "detail"}) of the given orders that have any
    (the list shows the first in words: which field, what is wrong)."""
    if not order_ids:
        return {}
    q = (select(Order.id, Order.problems)
         .where(Order.id.in_([int(i) for i in order_ids]), func.jsonb_array_length(Order.problems) > 0))
    return {i: tuple(p or ()) for i, p in session.execute(q)}


@dataclass(frozen=True)
class SkuOffer:
    """A SKU as an order line takes it: what it is and its list price."""

    id: int
    code: str
    name: str
    spec: str
    price: Decimal | None


def find_sku_offer(session: Session, code: str) -> SkuOffer | None:
    """The SKU with this barcode or code (any case), with its price; None when there is none."""
    sku_id = catalog.find_sku_by_barcode(session, code.strip())
    if sku_id is None:
        return None
    r = session.execute(select(Sku.id, Sku.code, Sku.name, Sku.spec, Sku.price).where(Sku.id == sku_id)).first()
    return SkuOffer(*r) if r else None


# ---------------------------------------------------------------------------------------------
# the Excel export of the list
# ---------------------------------------------------------------------------------------------

EXPORT_PAGE = 2000
# column key -> (value of a row, number format or None)
EXPORT_VALUES: dict[str, tuple[Callable[[OrderRow], Any], str | None]] = {
    "order_no": (lambda r: r.platform_order_no, "@"),
    "shop": (lambda r: r.shop, None),
    "platform": (lambda r: r.platform, None),
    "paid_at": (lambda r: r.paid_at.astimezone().replace(tzinfo=None), "yyyy-mm-dd hh:mm"),
    "buyer": (lambda r: r.buyer_name, None),
    "receiver": (lambda r: r.receiver_name, None),
    "phone": (lambda r: r.receiver_phone, "@"),
    "province": (lambda r: r.province, None),
    "city": (lambda r: r.city, None),
    "lines": (lambda r: r.lines, "#,##0"),
    "quantity": (lambda r: r.quantity, "#,##0.###"),
    "amount": (lambda r: r.paid_amount, "#,##0.00"),
    "currency": (lambda r: r.currency, None),
    "warehouse": (lambda r: r.warehouse or "", None),
    "carrier": (lambda r: r.carrier or "", None),
    "tracking_no": (lambda r: r.tracking_no or "", "@"),
    "handler": (lambda r: r.handler or "", None),
    "rule": (lambda r: r.rule or "", None),
    "buyer_message": (lambda r: r.buyer_message, None),
    "seller_memo": (lambda r: r.seller_memo, None),
}


def export_orders(session: Session, flt: OrderFilter, path: str | Path, columns: Sequence[tuple[str, str]], *,
                  words: Mapping[str, Callable[[OrderRow], str]] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Write the orders the list shows (same filter, newest first) to .xlsx, streamed page by page.

    `columns` are (key, heading) in the list's order; `words` give the columns the caller says
    in the user's language (status, reasons), by key.  Returns the number of orders."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    values: dict[str, tuple[Callable[[OrderRow], Any], str | None]] = dict(EXPORT_VALUES)
    values.update({k: (fn, None) for k, fn in (words or {}).items()})
    cols = [(k, h) for k, h in columns if k in values]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Orders")
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    for i, (key, heading) in enumerate(cols):
        wide = key in ("order_no", "buyer_message", "seller_memo", "status")
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = 24 if wide else max(
            10, min(30, len(heading) * 2 + 2))

    def cell(value: Any, fmt: str | None = None, font: Any = None) -> Any:
        c = WriteOnlyCell(ws, value)
        if fmt:
            c.number_format = fmt
        if font is not None:
            c.font = font
        return c

    ws.append([cell(h, font=bold) for _, h in cols])
    after, n = None, 0
    while True:
        page = list_orders(session, flt, after, EXPORT_PAGE)
        for r in page:
            ws.append([cell(values[k][0](r), values[k][1]) for k, _ in cols])
        n += len(page)
        if progress:
            progress(n, 0)
        if len(page) < EXPORT_PAGE:
            break
        after = page[-1].sort_key
    wb.save(Path(path))
    return n
