"""Catalog read side: the Products list's keyset pages, its filters, global search, barcode lookup.

The Products list pages with keysets (never OFFSET): each page is one statement that starts
right after the last row loaded (`sort_key(row, sort)`, passed back as `after`) and walks the
index of the chosen order, or, when a search or a category matches few rows, collects them
through their index and sorts them (see page_ids).  The text filter is written on the exact
expression of the trigram index sku_search_trgm_idx.  Sorting by category is by category id
(the index sku_category_code_idx), which groups a category's SKUs; updated_at has no index.

Everything here is re-exported by catalog.py, which callers import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from erp_desktop.db.models import Barcode, Category, Sku
from erp_desktop.domain.barcodes import gtin_equivalents

# Sort keys the list supports (column name -> stable order with id as tie-breaker)
SORT_KEYS = ("code", "name", "price", "category", "status", "updated_at")


@dataclass(frozen=True)
class SkuFilter:
    text: str = ""                    # code prefix, name substring, barcode, or pinyin initials
    category_id: int | None = None    # includes sub-categories
    status: str | None = None         # active / inactive / discontinued
    kits_only: bool = False


@dataclass(frozen=True)
class SkuRow:
    """One row of the Products list."""

    id: int
    code: str
    name: str
    spec: str
    category: str | None
    status: str
    is_kit: bool
    unit: str
    price: Decimal
    cost: Decimal
    weight_kg: Decimal | None
    barcodes: tuple[str, ...]
    version: int
    category_id: int | None = None          # sort_key(row, "category") uses it
    updated_at: dt.datetime | None = None   # sort_key(row, "updated_at") uses it



# ---------------------------------------------------------------------------------------------
# the list: filters, keyset pages
# ---------------------------------------------------------------------------------------------

_INT_ARRAY = ARRAY(Integer)
_SP = literal_column("' '", Text)
# exactly the expression of sku_search_trgm_idx, so ILIKE '%..%' on it uses the trigram index
SEARCH_EXPR = Sku.code + _SP + Sku.name + _SP + Sku.pinyin

_SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "code": (Sku.code, Sku.id),
    "name": (Sku.name, Sku.id),
    "price": (Sku.price, Sku.id),
    "category": (Sku.category_id, Sku.code, Sku.id),   # index sku_category_code_idx
    "status": (Sku.status, Sku.code, Sku.id),          # index sku_status_code_idx
    "updated_at": (Sku.updated_at, Sku.id),
}


def _lit(value: str) -> Any:
    """A search pattern rendered into the SQL text, so each search is planned for its own value
    (a cached generic plan cannot tell a rare pattern from a common one)."""
    return bindparam(None, value, type_=Text, literal_execute=True)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _barcode_owner_ids(code: str) -> Any:
    """ARRAY(SELECT sku_id FROM barcode WHERE code IN (the code and its GTIN equivalents))."""
    sub = select(Barcode.sku_id).where(Barcode.code.in_(gtin_equivalents(code))).scalar_subquery()
    return func.array(sub)


def text_condition(text: str) -> ColumnElement[bool] | None:
    """Every word is found in the code, the name or the pinyin initials (any case); a single
    word may also be an exact barcode.

    Only `code || ' ' || name || ' ' || pinyin` is searched, the expression of the trigram
    index; a word holds no space, so it never spans two fields.  Words without letters
    (Chinese, digits) use LIKE, which is the same match and three times cheaper than ILIKE
    when the index cannot help (one- or two-character words)."""
    words = text.split()
    if not words:
        return None
    conds = []
    for w in words:
        pattern = _lit(f"%{like_escape(w)}%")
        conds.append(SEARCH_EXPR.like(pattern) if w.lower() == w.upper() else SEARCH_EXPR.ilike(pattern))
    cond = and_(*conds)
    if len(words) == 1:
        # = ANY(ARRAY(subquery)) keeps it an index condition (BitmapOr with the trigram scan)
        cond = or_(cond, Sku.id == any_(_barcode_owner_ids(words[0])))
    return cond


def category_subtree(category_id: int) -> Any:
    """ARRAY(the ids of the category and all its descendants): evaluated once, before the scan,
    and usable as an index condition (category_id = ANY(...))."""
    tree = select(Category.id).where(Category.id == category_id).cte("subcategories", recursive=True)
    tree = tree.union_all(select(Category.id).where(Category.parent_id == tree.c.id))
    return func.array(select(tree.c.id).scalar_subquery())


def filter_conditions(flt: SkuFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    tc = text_condition(flt.text or "")
    if tc is not None:
        conds.append(tc)
    if flt.category_id is not None:
        conds.append(Sku.category_id == any_(category_subtree(flt.category_id)))
    if flt.status:
        conds.append(Sku.status == flt.status)
    if flt.kits_only:
        conds.append(Sku.is_kit.is_(True))
    return conds


def sort_columns(sort: str) -> tuple[Any, ...]:
    try:
        return _SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORT_KEYS)}") from None


def _after(cols: Sequence[Any], values: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    left = tuple_(*cols)
    right = tuple_(*(bindparam(None, v, type_=c.type) for c, v in zip(cols, values, strict=True)))
    return left < right if descending else left > right


def _keyset_branches(sort: str, cols: tuple[Any, ...], descending: bool,
                     after: tuple | None) -> list[list[ColumnElement[bool]]]:
    """The conditions of the rows after `after`, as one or two index-range branches.

    Only category_id can be null: NULLS LAST ascending, NULLS FIRST descending (PostgreSQL's
    default, which the index walks in either direction).  A row comparison never matches null,
    so the null group is its own branch."""
    if after is None:
        return [[]]
    after = tuple(after)
    if len(after) != len(cols):
        raise ValueError(f"after must hold {len(cols)} values for sort {sort!r}")
    if sort != "category":
        return [[_after(cols, after, descending)]]
    is_null = Sku.category_id.is_(None)
    if after[0] is None:
        rest = [is_null, _after(cols[1:], after[1:], descending)]
        return [rest, [Sku.category_id.is_not(None)]] if descending else [rest]
    if descending:
        return [[_after(cols, after, descending)]]
    return [[_after(cols, after, descending)], [is_null]]


def _ordered(cols: Sequence[Any], descending: bool) -> list[Any]:
    return [c.desc() if descending else c.asc() for c in cols]


def _barcodes_array() -> Any:
    return func.array(select(Barcode.code).where(Barcode.sku_id == Sku.id)
                      .order_by(Barcode.id).correlate(Sku).scalar_subquery())


def row_columns() -> list[Any]:
    return [Sku.id, Sku.code, Sku.name, Sku.spec, Category.name.label("category"), Sku.status, Sku.is_kit,
            Sku.unit, Sku.price, Sku.cost, Sku.weight_kg, _barcodes_array().label("barcodes"), Sku.version,
            Sku.category_id, Sku.updated_at]


def to_row(r: Any) -> SkuRow:
    return SkuRow(id=r.id, code=r.code, name=r.name, spec=r.spec, category=r.category, status=r.status,
                  is_kit=r.is_kit, unit=r.unit, price=r.price, cost=r.cost, weight_kg=r.weight_kg,
                  barcodes=tuple(r.barcodes or ()), version=r.version, category_id=r.category_id,
                  updated_at=r.updated_at)


# Fewer matches of a text search than this: collect them all through the trigram index and sort
# them; more: walk the sort index and stop at the page's end.
DENSE_MATCHES = 1000


def searchable(text: str) -> bool:
    """True when some word has three letters or digits in a row: a trigram the index can use."""
    run = 0
    for ch in text:
        run = run + 1 if ch.isalnum() else 0
        if run >= 3:
            return True
    return False


def _ids_query(conds: list[Any], branches: list[list[Any]], cols: tuple[Any, ...], descending: bool,
               limit: int, fenced: bool) -> Select:
    parts = []
    for b in branches:
        if fenced:
            # OFFSET 0 keeps the planner from walking the sort index: all matches, then a top-N sort
            inner = select(*cols).where(*conds, *b).offset(0).subquery()
            parts.append(select(*inner.c).order_by(*_ordered([inner.c[c.key] for c in cols], descending))
                         .limit(limit))
        else:
            parts.append(select(*cols).where(*conds, *b).order_by(*_ordered(cols, descending)).limit(limit))
    if len(parts) == 1:
        return parts[0]
    both = union_all(*(select(p.subquery()) for p in parts)).subquery()
    return select(*both.c).order_by(*_ordered([both.c[c.key] for c in cols], descending)).limit(limit)


def page_ids(flt: SkuFilter, sort: str = "code", descending: bool = False, after: tuple | None = None,
             limit: int = 200) -> Any:
    """A subquery of the ids of one page, in no particular order.

    The ids come from an index walk in the sort order that stops after `limit` rows.  That walk
    is fast only when matches are common; rare matches of a text search or a category (say 900
    of 200,000, all near the end of the order) are found far faster through the trigram or the
    category index and then sorted.  The planner cannot tell the two cases apart from its
    statistics, so the statement first counts up to DENSE_MATCHES matches (cheap either way)
    and then runs only the branch that suits: still one statement, one round trip."""
    cols = sort_columns(sort)
    conds = filter_conditions(flt)
    branches = _keyset_branches(sort, cols, descending, after)
    walk = _ids_query(conds, branches, cols, descending, limit, fenced=False).subquery()
    if not (searchable(flt.text or "") or flt.category_id is not None):
        return select(walk.c.id).subquery("page")
    probe = select(func.count().label("n")).select_from(
        select(Sku.id).where(*conds).limit(DENSE_MATCHES).subquery()).cte("probe")
    n = select(probe.c.n).scalar_subquery()
    fence = _ids_query(conds, branches, cols, descending, limit, fenced=True).subquery()
    return union_all(select(walk.c.id).where(n >= DENSE_MATCHES),
                     select(fence.c.id).where(n < DENSE_MATCHES)).subquery("page")


def page_query(flt: SkuFilter, sort: str = "code", descending: bool = False, after: tuple | None = None,
               limit: int = 200, columns: list[Any] | None = None) -> Select:
    """One page: the page's ids first (page_ids), then their columns, category name and barcodes
    for just those rows."""
    page = page_ids(flt, sort, descending, after, limit)
    return (select(*(columns or row_columns()))
            .select_from(page)
            .join(Sku, Sku.id == page.c.id)
            .outerjoin(Category, Category.id == Sku.category_id)
            .order_by(*_ordered(sort_columns(sort), descending)))


def list_skus(session: Session, flt: SkuFilter, sort: str = "code", descending: bool = False,
              after: tuple | None = None, limit: int = 200) -> list[SkuRow]:
    """One keyset page: rows strictly after `after` (the sort_key() of the last row loaded)."""
    return [to_row(r) for r in session.execute(page_query(flt, sort, descending, after, limit))]


def sort_key(row: SkuRow, sort: str) -> tuple:
    """The keyset position of a row for `sort`, to pass back as `after`."""
    return tuple(getattr(row, c.key) for c in sort_columns(sort))


def get_sku_rows(session: Session, ids: list[int]) -> dict[int, SkuRow]:
    """Fresh rows for the given ids (for live updates); missing ids were deleted."""
    if not ids:
        return {}
    q = (select(*row_columns()).outerjoin(Category, Category.id == Sku.category_id)
         .where(Sku.id == any_(bindparam("ids", list(ids), type_=_INT_ARRAY))))
    return {r.id: to_row(r) for r in session.execute(q)}


def count_skus(session: Session, flt: SkuFilter) -> int:
    return session.execute(select(func.count()).select_from(Sku).where(*filter_conditions(flt))).scalar_one()


def find_sku_by_barcode(session: Session, code: str) -> int | None:
    """A scanned code: a barcode of a SKU (also as UPC-A / EAN-13 / GTIN-14 with more or fewer
    leading zeros), or a SKU code itself (any case)."""
    code = code.strip()
    if not code:
        return None
    q = union_all(
        select(Barcode.sku_id.label("id"), literal(0).label("rank")).where(Barcode.code.in_(gtin_equivalents(code))),
        select(Sku.id.label("id"), literal(1).label("rank")).where(func.lower(Sku.code) == code.lower()),
    ).subquery()
    return session.execute(select(q.c.id).order_by(q.c.rank).limit(1)).scalar()


SEARCH_POOL = 500


def _next_string(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix` (in code point order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else prefix


def search_skus(session: Session, text: str, limit: int = 20) -> list[SkuRow]:
    """Global search (Ctrl+K), best first: exact barcode, exact code, code prefix, pinyin
    initials prefix, name contains, then any other match of the list's text filter.

    The ranked candidates are the exact barcode and code, the first code-prefix matches
    (through the lower(code) index) and the first SEARCH_POOL matches of the list's text filter
    in code order: every match when there are fewer, which is when ranking matters."""
    t = text.strip()
    if not t:
        return []
    e, low = like_escape(t), t.lower()
    lc = func.lower(Sku.code)
    prefix = (select(Sku.id).where(lc >= low, lc < _next_string(low), lc.like(_lit(f"{like_escape(low)}%")))
              .order_by(lc).limit(limit).subquery())
    pool = page_ids(SkuFilter(text=t), "code", limit=SEARCH_POOL)
    cand = union_all(
        select(Barcode.sku_id.label("id")).where(Barcode.code.in_(gtin_equivalents(t))),
        select(Sku.id).where(lc == low),
        select(prefix.c.id),
        select(pool.c.id),
    ).subquery("cand")
    ids = select(cand.c.id).distinct().subquery("ids")
    rank = case(
        (Sku.id == any_(_barcode_owner_ids(t)), 0),
        (lc == low, 1),
        (Sku.code.ilike(_lit(f"{e}%")), 2),
        (Sku.pinyin.like(_lit(f"{like_escape(low)}%")), 3),
        (Sku.name.ilike(_lit(f"%{e}%")), 4),
        else_=5)
    q = (select(*row_columns()).select_from(ids).join(Sku, Sku.id == ids.c.id)
         .outerjoin(Category, Category.id == Sku.category_id)
         .order_by(rank, Sku.code, Sku.id).limit(limit))
    return [to_row(r) for r in session.execute(q)]

