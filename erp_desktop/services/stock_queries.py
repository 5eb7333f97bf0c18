"""Stock read side: the Stock dock's rows (one per SKU x warehouse), its drill-downs, live refresh.

The list pages with keysets, like the Products list (catalog_queries): each page starts right
after the last row loaded (`sort_key(row, sort)`, passed back as `after`).  A page's level ids
come from one of two plans in one statement (see page_ids): walk the index of the sort order
and stop at the page's end (common matches), or collect every match through the filter's own
index and sort them (rare matches: a search, a category, the few rows below safety stock).
"Below safety stock" and "overstock" are flags stored on each level with partial indexes
(sql/0006_stock_views.sql).  Available follows stock.available(): on hand less reserved less
what lies in expired lots, the last only for the levels that track expiry.

Callers may import the whole area from here: it re-exports the rest.
- stock_reference.py: warehouses, locations, reasons, suppliers, a SKU by its code (filter bar,
  dialogs, CLI);
- stock_export.py: the Excel export of the list; `export_stock` here hands over to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    all_,
    and_,
    any_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from erp_desktop.db.models import Level, Location, Lot, Move, Quant, Reason, Replenishment, Sku, Supplier, Warehouse
from erp_desktop.services import catalog
from erp_desktop.services.stock_reference import (
    LocationInfo,
    ReasonInfo,
    SkuBrief,
    SupplierInfo,
    WarehouseInfo,
    find_sku,
    list_locations,
    list_reasons,
    list_suppliers,
    list_warehouses,
    sku_brief,
)

__all__ = [
    "DENSE_MATCHES", "OVERSTOCK_DAYS", "SORT_KEYS",
    "LocationInfo", "MoveRow", "QuantRow", "ReasonInfo", "SkuBrief", "StockFilter", "StockRow", "SupplierInfo",
    "WarehouseInfo",
    "below_safety_condition", "below_safety_ids", "count_below_safety", "count_stock", "export_stock",
    "filter_conditions", "find_sku", "get_stock_rows", "list_locations", "list_moves", "list_quants",
    "list_reasons", "list_stock", "list_suppliers", "list_warehouses", "move_sort_key", "page_ids", "page_query",
    "sku_brief", "sort_columns", "sort_key", "stock_rows_of_sku", "user_names",
]

OVERSTOCK_DAYS = 180            # more than this many days of forecast demand is overstock (sql/0006)
SORT_KEYS = ("code", "name", "on_hand")
# fewer matches than this of a filter with its own index: collect them all and sort; more: walk
DENSE_MATCHES = 10_000
_BIGINT_ARRAY = ARRAY(BigInteger)


@dataclass(frozen=True)
class StockFilter:
    text: str = ""                        # as the Products list: code, name, pinyin initials, barcode
    warehouse_id: int | None = None
    category_id: int | None = None        # includes sub-categories
    below_safety: bool = False            # available below safety stock
    overstock: bool = False               # above the maximum, or more than OVERSTOCK_DAYS of demand
    expiring_days: int | None = None      # holds a lot that expires within this many days (or has expired)


@dataclass(frozen=True)
class StockRow:
    """One SKU x warehouse of the Stock list."""

    id: int                          # stock.level id
    sku_id: int
    warehouse_id: int
    code: str
    name: str
    spec: str
    unit: str
    warehouse: str                   # warehouse code
    warehouse_name: str
    on_hand: Decimal
    reserved: Decimal
    expired: Decimal                 # on hand in expired lots: not available
    available: Decimal
    in_transit: Decimal
    safety_stock: Decimal | None
    reorder_point: Decimal | None
    forecast_daily: Decimal | None
    overstock_above: Decimal | None
    cost: Decimal
    below_safety: bool
    overstock: bool

    @property
    def value(self) -> Decimal:
        """On hand at cost."""
        return (self.on_hand * self.cost).quantize(Decimal("0.01"))

    @property
    def days_of_cover(self) -> Decimal | None:
        """Available / forecast daily demand; None when the forecast is unknown or zero."""
        if self.forecast_daily is None or self.forecast_daily <= 0:
            return None
        return (max(self.available, Decimal(0)) / self.forecast_daily).quantize(Decimal("0.1"))


# ---------------------------------------------------------------------------------------------
# conditions
# ---------------------------------------------------------------------------------------------

def _transit_ids() -> Any:
    """ARRAY(the transit locations): stock there is in transit, not on hand (a few, one per warehouse)."""
    return func.array(select(Location.id).where(Location.kind == "transit").scalar_subquery())


def _expired_expr() -> Any:
    """On hand of this level in expired lots (0 for levels without expiring lots): one index probe."""
    sub = (select(func.coalesce(func.sum(Quant.quantity), 0))
           .join(Lot, Lot.id == Quant.lot_id)
           .where(Quant.sku_id == Level.sku_id, Quant.warehouse_id == Level.warehouse_id,
                  Quant.location_id != all_(_transit_ids()), Lot.expires_on < func.current_date())
           .correlate(Level).scalar_subquery())
    return case((Level.tracks_expiry, sub), else_=literal(Decimal(0)))


def _expired_low_ids() -> Any:
    """ARRAY(ids of the levels below safety stock only because stock in expired lots is not
    available): the stored flag counts on hand less reserved.  Disjoint from the flagged rows.
    Few (expired lots are scrapped): found lot by lot through the lots' expiry index and the
    quants' lot index (a LATERAL join keeps it a walk of those indexes)."""
    lv = aliased(Level)
    per_lot = (select(Quant.warehouse_id, func.sum(Quant.quantity).label("expired"))
               .where(Quant.lot_id == Lot.id, Quant.quantity > 0, Quant.location_id != all_(_transit_ids()))
               .group_by(Quant.warehouse_id)
               .correlate(Lot).lateral("expired_stock"))
    q = (select(lv.id)
         .select_from(Lot)
         .join(per_lot, literal(True))
         .join(lv, and_(lv.sku_id == Lot.sku_id, lv.warehouse_id == per_lot.c.warehouse_id))
         .where(Lot.expires_on < func.current_date(), lv.tracks_expiry,
                func.coalesce(lv.below_safety, False).is_(False))
         .group_by(lv.id, lv.on_hand, lv.reserved, lv.safety_stock)
         .having(lv.on_hand - lv.reserved - func.sum(per_lot.c.expired) < lv.safety_stock))
    return func.array(q.scalar_subquery())


def _expiring_ids(days: int) -> Any:
    """ARRAY(ids of the levels holding a lot that expires within `days` days or has expired),
    lot by lot as _expired_low_ids."""
    horizon = func.current_date() + bindparam(None, int(days), type_=Integer)
    lv = aliased(Level)
    where = (select(Quant.warehouse_id).where(Quant.lot_id == Lot.id, Quant.quantity > 0)
             .distinct().correlate(Lot).lateral("lot_places"))
    q = (select(lv.id).select_from(Lot)
         .join(where, literal(True))
         .join(lv, and_(lv.sku_id == Lot.sku_id, lv.warehouse_id == where.c.warehouse_id))
         .where(Lot.expires_on <= horizon)
         .distinct())
    return func.array(q.scalar_subquery())


class _IdSets:
    """The id arrays of the index forms (expired-low, expiring): inline, or, when `shared`, each
    one CTE, so a statement that tests it twice (the probe and the collecting branch) builds it once."""

    def __init__(self, shared: bool = False) -> None:
        self.shared = shared
        self._ctes: dict[str, Any] = {}

    def get(self, name: str, make: Callable[[], Any], array_type: Any = None) -> Any:
        if not self.shared:
            return make()
        if name not in self._ctes:
            self._ctes[name] = select(make().label("ids")).cte(name)
        # a cast keeps `= ANY(...)` an array comparison (not ANY over a subquery's rows)
        return cast(select(self._ctes[name].c.ids).scalar_subquery(), array_type or _BIGINT_ARRAY)


def below_safety_condition(per_row: bool = False, ids: _IdSets | None = None) -> ColumnElement[bool]:
    """Available below safety stock.  `per_row`: the form for a walk that visits rows one by one
    (a probe of the row's expired stock where it has expiring lots); else the form for indexes
    (the flag's partial index or the few ids of _expired_low_ids)."""
    if per_row:
        return or_(Level.below_safety, and_(Level.tracks_expiry,
                                            Level.on_hand - Level.reserved - _expired_expr() < Level.safety_stock))
    return or_(Level.below_safety, Level.id == any_((ids or _IdSets()).get("expired_low", _expired_low_ids)))


def _expiring_condition(days: int) -> ColumnElement[bool]:
    horizon = func.current_date() + bindparam(None, int(days), type_=Integer)
    return and_(Level.tracks_expiry, exists(
        select(literal(1)).select_from(Quant).join(Lot, Lot.id == Quant.lot_id)
        .where(Quant.sku_id == Level.sku_id, Quant.warehouse_id == Level.warehouse_id, Quant.quantity > 0,
               Lot.expires_on <= horizon)))


def _sku_conditions(flt: StockFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    tc = catalog.text_condition(flt.text or "")
    if tc is not None:
        conds.append(tc)
    if flt.category_id is not None:
        conds.append(Sku.category_id == any_(catalog.category_subtree(flt.category_id)))
    return conds


def _level_conditions(flt: StockFilter, per_row: bool, ids: _IdSets | None = None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.warehouse_id is not None:
        conds.append(Level.warehouse_id == flt.warehouse_id)
    if flt.below_safety:
        conds.append(below_safety_condition(per_row, ids))
    if flt.overstock:
        conds.append(Level.overstock)
    if flt.expiring_days is not None:
        conds.append(_expiring_condition(flt.expiring_days) if per_row
                     else Level.id == any_((ids or _IdSets()).get(
                         "expiring", lambda: _expiring_ids(flt.expiring_days or 0))))
    return conds


def filter_conditions(flt: StockFilter, per_row: bool = False) -> list[ColumnElement[bool]]:
    """The filter on stock.level joined with catalog.sku; `per_row` as below_safety_condition says."""
    return _sku_conditions(flt) + _level_conditions(flt, per_row)


def _selective(flt: StockFilter) -> bool:
    """A filter with an index of its own, which may match few rows."""
    return bool(catalog.searchable(flt.text or "") or flt.category_id is not None or flt.below_safety
                or flt.overstock or flt.expiring_days is not None)


# ---------------------------------------------------------------------------------------------
# keyset pages
# ---------------------------------------------------------------------------------------------

# sort -> (columns of the order, the StockRow fields that hold them)
_SORTS: dict[str, tuple[tuple[Any, ...], tuple[str, ...]]] = {
    "code": ((Sku.code, Sku.id, Level.warehouse_id), ("code", "sku_id", "warehouse_id")),
    "name": ((Sku.name, Sku.id, Level.warehouse_id), ("name", "sku_id", "warehouse_id")),
    "on_hand": ((Level.on_hand, Level.id), ("on_hand", "id")),
}


def sort_columns(sort: str) -> tuple[Any, ...]:
    try:
        return _SORTS[sort][0]
    except KeyError:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORT_KEYS)}") from None


def sort_key(row: StockRow, sort: str) -> tuple:
    """The keyset position of a row for `sort`, to pass back as `after`."""
    sort_columns(sort)
    return tuple(getattr(row, f) for f in _SORTS[sort][1])


def _bind(col: Any, value: Any) -> Any:
    return bindparam(None, value, type_=col.type)


def _after(sort: str, descending: bool, after: tuple | None) -> list[ColumnElement[bool]]:
    """Rows strictly after `after`; for the SKU sorts also the SKU part alone (>=), which the walk
    of the SKU index can start from."""
    if after is None:
        return []
    cols = sort_columns(sort)
    after = tuple(after)
    if len(after) != len(cols):
        raise ValueError(f"after must hold {len(cols)} values for sort {sort!r}")
    whole_l, whole_r = tuple_(*cols), tuple_(*(_bind(c, v) for c, v in zip(cols, after, strict=True)))
    conds = [whole_l < whole_r if descending else whole_l > whole_r]
    if sort in ("code", "name"):
        sku_l, sku_r = tuple_(*cols[:2]), tuple_(*(_bind(c, v) for c, v in zip(cols[:2], after[:2], strict=True)))
        conds.append(sku_l <= sku_r if descending else sku_l >= sku_r)
    return conds


def _ordered(cols: Sequence[Any], descending: bool) -> list[Any]:
    return [c.desc() if descending else c.asc() for c in cols]


def _ids_query(conds: list[Any], cols: tuple[Any, ...], descending: bool, limit: int, fenced: bool) -> Select:
    keys = [c.label(f"k{i}") for i, c in enumerate(cols)]
    if not fenced:
        return (select(Level.id.label("level_id")).join(Sku, Sku.id == Level.sku_id).where(*conds)
                .order_by(*_ordered(cols, descending)).limit(limit))
    # The LIMIT keeps the planner from walking the sort index (all matches, then a top-N sort)
    # and, as this branch runs only for fewer matches, makes it reach them through nested index
    # lookups rather than a scan of every level (its estimate of a text search is often far off)
    inner = (select(Level.id.label("level_id"), *keys).join(Sku, Sku.id == Level.sku_id).where(*conds)
             .limit(DENSE_MATCHES).subquery())
    return (select(inner.c.level_id).order_by(*_ordered([inner.c[f"k{i}"] for i in range(len(cols))], descending))
            .limit(limit))


def page_ids(flt: StockFilter, sort: str = "code", descending: bool = False, after: tuple | None = None,
             limit: int = 200) -> Any:
    """A subquery of the level ids of one page (in no particular order).

    Without a selective filter: walk the sort order's index (SKU code or name, or on hand) and
    stop after `limit` rows.  With one, first count up to DENSE_MATCHES matches (cheap through
    the filter's index), then either walk (common matches) or collect all matches and sort them
    (rare ones): one statement, one round trip, only the chosen branch runs."""
    cols = sort_columns(sort)
    keyset = _after(sort, descending, after)
    by_sku = _sku_conditions(flt)            # built once: a category's sub-tree is one CTE
    walk = _ids_query(by_sku + _level_conditions(flt, True) + keyset, cols, descending, limit,
                      fenced=False).subquery()
    if not _selective(flt):
        return select(walk.c.level_id.label("id")).subquery("page")
    # Collected through the indexes of the filters: the level flags', the lots', the category's.
    # A text search is the exception: the planner cannot tell how many SKUs it finds (and would
    # rather scan every level), so the matching SKUs come first, then their levels by the index
    # on sku_id, each tested row by row (an id array tested row by row is a linear search).
    shared = _IdSets(shared=True)
    searching = catalog.searchable(flt.text or "")
    matches = _level_conditions(flt, searching, shared)
    counted = select(Level.id)
    if searching:
        sku_ids = shared.get("skus", lambda: func.array(select(Sku.id).where(*by_sku).scalar_subquery()),
                             ARRAY(Integer))
        matches.append(Level.sku_id == any_(sku_ids))
    elif by_sku:
        matches += by_sku
        counted = counted.join(Sku, Sku.id == Level.sku_id)
    counted = counted.where(*matches)
    probe = select(func.count().label("n")).select_from(counted.limit(DENSE_MATCHES).subquery()).cte("probe")
    n = select(probe.c.n).scalar_subquery()
    fence = _ids_query(matches + keyset, cols, descending, limit, fenced=True).subquery()
    return union_all(select(walk.c.level_id.label("id")).where(n >= DENSE_MATCHES),
                     select(fence.c.level_id.label("id")).where(n < DENSE_MATCHES)).subquery("page")


def _row_columns() -> list[Any]:
    expired = _expired_expr()
    available = Level.on_hand - Level.reserved - expired
    return [
        Level.id, Level.sku_id, Level.warehouse_id, Sku.code, Sku.name, Sku.spec, Sku.unit,
        Warehouse.code.label("warehouse"), Warehouse.name.label("warehouse_name"),
        Level.on_hand, Level.reserved, expired.label("expired"), Level.in_transit, Level.safety_stock,
        Replenishment.reorder_point, Replenishment.forecast_daily, Level.overstock_above, Sku.cost,
        func.coalesce(available < Level.safety_stock, False).label("below_safety"),
        func.coalesce(Level.overstock, False).label("overstock"),
    ]


def _with_row_joins(q: Select) -> Select:
    return (q.join(Sku, Sku.id == Level.sku_id)
            .join(Warehouse, Warehouse.id == Level.warehouse_id)
            .outerjoin(Replenishment, and_(Replenishment.sku_id == Level.sku_id,
                                           Replenishment.warehouse_id == Level.warehouse_id)))


def _to_row(r: Any) -> StockRow:
    expired = Decimal(r.expired or 0)
    return StockRow(
        id=r.id, sku_id=r.sku_id, warehouse_id=r.warehouse_id, code=r.code, name=r.name, spec=r.spec, unit=r.unit,
        warehouse=r.warehouse, warehouse_name=r.warehouse_name, on_hand=r.on_hand, reserved=r.reserved,
        expired=expired, available=r.on_hand - r.reserved - expired, in_transit=r.in_transit,
        safety_stock=r.safety_stock, reorder_point=r.reorder_point, forecast_daily=r.forecast_daily,
        overstock_above=r.overstock_above, cost=r.cost, below_safety=bool(r.below_safety),
        overstock=bool(r.overstock))


def page_query(flt: StockFilter, sort: str = "code", descending: bool = False, after: tuple | None = None,
               limit: int = 200) -> Select:
    page = page_ids(flt, sort, descending, after, limit)
    q = select(*_row_columns()).select_from(page).join(Level, Level.id == page.c.id)
    return _with_row_joins(q).order_by(*_ordered(sort_columns(sort), descending))


def list_stock(session: Session, flt: StockFilter, sort: str = "code", descending: bool = False,
               after: tuple | None = None, limit: int = 200) -> list[StockRow]:
    """One keyset page: rows strictly after `after` (the sort_key() of the last row loaded)."""
    return [_to_row(r) for r in session.execute(page_query(flt, sort, descending, after, limit))]


def get_stock_rows(session: Session, ids: Sequence[int]) -> dict[int, StockRow]:
    """Fresh rows for the given level ids (live updates)."""
    if not ids:
        return {}
    q = _with_row_joins(select(*_row_columns()).select_from(Level)).where(
        Level.id == any_(bindparam("ids", [int(i) for i in ids], type_=_BIGINT_ARRAY)))
    return {r.id: _to_row(r) for r in session.execute(q)}


def stock_rows_of_sku(session: Session, sku_id: int) -> dict[int, StockRow]:
    """Every warehouse's row of one SKU (after a move the dock made itself)."""
    q = _with_row_joins(select(*_row_columns()).select_from(Level)).where(Level.sku_id == sku_id)
    return {r.id: _to_row(r) for r in session.execute(q)}


def count_stock(session: Session, flt: StockFilter) -> int:
    q = select(func.count()).select_from(Level)
    if flt.text.strip() or flt.category_id is not None:
        q = q.join(Sku, Sku.id == Level.sku_id)
    return session.execute(q.where(*filter_conditions(flt))).scalar_one()


def count_below_safety(session: Session) -> int:
    """Rows (SKU x warehouse) whose available is below safety stock, all warehouses: the badge.
    The flagged rows (an index-only count) and the few low through expired lots, apart."""
    flagged = select(func.count()).select_from(Level).where(Level.below_safety).scalar_subquery()
    return session.execute(select(flagged + func.cardinality(_expired_low_ids()))).scalar_one()


def below_safety_ids(session: Session, limit: int = 100_000) -> list[int]:
    """Level ids below safety stock now (a client's session starts knowing these)."""
    return list(session.execute(select(Level.id).where(below_safety_condition()).limit(limit)).scalars())


# ---------------------------------------------------------------------------------------------
# drill-downs: bins and lots, move history
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuantRow:
    location_id: int
    location: str
    kind: str                    # bin, receiving, shipping, staging, transit
    lot_id: int | None
    lot_no: str | None
    expires_on: dt.date | None
    received_on: dt.date | None
    supplier: str | None
    quantity: Decimal

    @property
    def expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < dt.date.today()


def list_quants(session: Session, sku_id: int, warehouse_id: int) -> list[QuantRow]:
    """Where a SKU lies in a warehouse: per bin and lot, in pick-path order; transit last."""
    q = (select(Quant.location_id, Location.code.label("location"), Location.kind, Quant.lot_id, Lot.lot_no,
                Lot.expires_on, Lot.received_on, Supplier.name.label("supplier"), Quant.quantity)
         .join(Location, Location.id == Quant.location_id)
         .outerjoin(Lot, Lot.id == Quant.lot_id)
         .outerjoin(Supplier, Supplier.id == Lot.supplier_id)
         .where(Quant.sku_id == sku_id, Quant.warehouse_id == warehouse_id, Quant.quantity > 0)
         .order_by(Location.kind == "transit", Location.pick_order, Location.code, Lot.expires_on.nulls_last(),
                   Lot.lot_no))
    return [QuantRow(*r) for r in session.execute(q)]


@dataclass(frozen=True)
class MoveRow:
    id: int
    moved_at: dt.datetime
    kind: str
    quantity: Decimal
    delta: Decimal | None            # change of on hand in the warehouse asked for (None: all warehouses)
    from_warehouse: str | None
    from_location: str | None
    to_warehouse: str | None
    to_location: str | None
    lot_no: str | None
    reason: str | None
    reason_name: str | None
    reason_name_zh: str | None
    note: str | None
    doc_type: str | None
    doc_id: int | None
    doc_ref: str | None
    created_by: str                  # the login role
    user: str                        # the user's display name (or login) when known


def list_moves(session: Session, sku_id: int, warehouse_id: int | None = None, after: tuple | None = None,
               limit: int = 100) -> list[MoveRow]:
    """The move history of a SKU (in one warehouse, or all), newest first; `after` is
    move_sort_key() of the last row loaded."""
    src, dst = aliased(Location), aliased(Location)
    src_wh, dst_wh = aliased(Warehouse), aliased(Warehouse)
    conds: list[Any] = [Move.sku_id == sku_id]
    if warehouse_id is not None:
        conds.append(or_(Move.from_warehouse_id == warehouse_id, Move.to_warehouse_id == warehouse_id))
    if after is not None:
        at, move_id = after
        conds.append(tuple_(Move.moved_at, Move.id) < tuple_(_bind(Move.moved_at, at), _bind(Move.id, move_id)))
        conds.append(Move.moved_at <= _bind(Move.moved_at, at))
    if warehouse_id is not None:
        into = case((and_(Move.to_warehouse_id == warehouse_id, dst.kind != "transit"), Move.quantity), else_=0)
        out = case((and_(Move.from_warehouse_id == warehouse_id, src.kind != "transit"), Move.quantity), else_=0)
        delta: Any = (into - out).label("delta")
    else:
        delta = literal(None).label("delta")
    q = (select(Move.id, Move.moved_at, Move.kind, Move.quantity, delta, src_wh.code.label("from_warehouse"),
                src.code.label("from_location"), dst_wh.code.label("to_warehouse"), dst.code.label("to_location"),
                Lot.lot_no, Move.reason, Reason.name.label("reason_name"), Reason.name_zh.label("reason_name_zh"),
                Move.note, Move.doc_type, Move.doc_id, Move.doc_ref, Move.created_by)
         .outerjoin(src, src.id == Move.from_location_id)
         .outerjoin(dst, dst.id == Move.to_location_id)
         .outerjoin(src_wh, src_wh.id == Move.from_warehouse_id)
         .outerjoin(dst_wh, dst_wh.id == Move.to_warehouse_id)
         .outerjoin(Lot, Lot.id == Move.lot_id)
         .outerjoin(Reason, Reason.code == Move.reason)
         .where(*conds)
         .order_by(Move.moved_at.desc(), Move.id.desc())
         .limit(limit))
    rows = session.execute(q).all()
    names = user_names(session, {r.created_by for r in rows})
    return [MoveRow(*r, user=names.get(r.created_by) or _login_of(r.created_by)) for r in rows]


def move_sort_key(row: MoveRow) -> tuple:
    return (row.moved_at, row.id)


def _login_of(role_name: str) -> str:
    return role_name.split("@", 1)[0]


def user_names(session: Session, role_names: set[str] | Sequence[str]) -> dict[str, str]:
    """Display names of login roles (core.user_names, readable by every user)."""
    roles = sorted(set(role_names))
    if not roles:
        return {}
    rows = session.execute(text("SELECT role_name, login, display_name FROM core.user_names(:r)"), {"r": roles})
    return {r.role_name: (r.display_name or r.login) for r in rows}


# ---------------------------------------------------------------------------------------------
# export (stock_export.py)
# ---------------------------------------------------------------------------------------------

def export_stock(session: Session, flt: StockFilter, path: str | Path, columns: Sequence[tuple[str, str]],
                 sort: str = "code", descending: bool = False, *,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Write the rows the list shows (same filter and order) with `columns` ((key, heading), in
    the list's order) to .xlsx; returns the row count (stock_export.export_stock)."""
    from erp_desktop.services import stock_export

    return stock_export.export_stock(session, flt, path, columns, sort, descending, progress=progress)
