"""Catalog use cases: SKUs, barcodes, kits; the lazy list's keyset queries.

The Products list pages with keysets (never OFFSET): each page is one statement that starts
right after the last row loaded (`sort_key(row, sort)`, passed back as `after`) and walks the
index of the chosen order, or, when a search or a category matches few rows, collects them
through their index and sorts them (see page_ids).  The text filter is written on the exact
expression of the trigram index sku_search_trgm_idx.  Sorting by category is by category id
(the index sku_category_code_idx), which groups a category's SKUs; updated_at has no index.

Import and export live in catalog_io.py; `import_skus` and `export_skus` are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.db.models import Barcode, BusinessEvent, Category, KitComponent, Product, Sku, Unit
from erp_desktop.domain.barcodes import classify, gtin_equivalents
from erp_desktop.domain.catalog import validate_sku_fields
from erp_desktop.domain.errors import (
    ConcurrentChangeError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from erp_desktop.domain.pinyin import initials

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


@dataclass(frozen=True)
class KitLine:
    component_code: str
    quantity: Decimal


@dataclass(frozen=True)
class SkuInput:
    """Create (id=None) or update a SKU.  Its product is found by product_code, else created."""

    code: str
    name: str
    product_code: str | None = None   # defaults to the SKU code (on update: keeps the current product)
    spec: str = ""
    category_code: str | None = None
    status: str = "active"
    unit: str = "pcs"
    price: Decimal = Decimal("0")
    cost: Decimal = Decimal("0")
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    barcodes: tuple[str, ...] = ()
    kit: tuple[KitLine, ...] = ()     # non-empty makes it a kit
    id: int | None = None
    version: int | None = None        # the version loaded; a mismatch raises ConcurrentChangeError


@dataclass(frozen=True)
class SkuDetail:
    id: int
    code: str
    name: str
    product_code: str
    spec: str
    category_code: str | None
    status: str
    unit: str
    price: Decimal
    cost: Decimal
    weight_kg: Decimal | None
    length_cm: Decimal | None
    width_cm: Decimal | None
    height_cm: Decimal | None
    barcodes: tuple[str, ...]
    kit: tuple[KitLine, ...]
    version: int


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    parent_id: int | None


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


def _searchable(text: str) -> bool:
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
    if not (_searchable(flt.text or "") or flt.category_id is not None):
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


def get_sku(session: Session, sku_id: int) -> SkuDetail:
    r = session.execute(
        select(Sku.id, Sku.code, Sku.name, Product.code.label("product_code"), Sku.spec,
               Category.code.label("category_code"), Sku.status, Sku.unit, Sku.price, Sku.cost, Sku.weight_kg,
               Sku.length_cm, Sku.width_cm, Sku.height_cm, Sku.version)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(Category, Category.id == Sku.category_id)
        .where(Sku.id == sku_id)
    ).mappings().one_or_none()
    if r is None:
        raise NotFoundError("SKU", sku_id)
    barcodes = session.execute(select(Barcode.code).where(Barcode.sku_id == sku_id).order_by(Barcode.id)).scalars()
    kit = session.execute(
        select(Sku.code, KitComponent.quantity).join(KitComponent, KitComponent.component_sku_id == Sku.id)
        .where(KitComponent.kit_sku_id == sku_id).order_by(Sku.code)).all()
    return SkuDetail(**r, barcodes=tuple(barcodes), kit=tuple(KitLine(c, q) for c, q in kit))


def list_categories(session: Session) -> list[CategoryInfo]:
    """Every category, by name; parent_id makes the tree."""
    rows = session.execute(select(Category.id, Category.code, Category.name, Category.parent_id)
                           .order_by(Category.name, Category.id))
    return [CategoryInfo(r.id, r.code, r.name, r.parent_id) for r in rows]


# ---------------------------------------------------------------------------------------------
# validate and save
# ---------------------------------------------------------------------------------------------

def _clean(cmd: SkuInput) -> SkuInput:
    """What is stored: names and barcodes without surrounding blanks, empty codes as None."""
    return replace(
        cmd,
        name=(cmd.name or "").strip(),
        spec=(cmd.spec or "").strip(),
        product_code=(cmd.product_code or "").strip() or None,
        category_code=(cmd.category_code or "").strip() or None,
        unit=(cmd.unit or "").strip(),
        barcodes=tuple(b.strip() for b in cmd.barcodes),
        kit=tuple(KitLine(k.component_code.strip(), k.quantity) for k in cmd.kit),
    )


def _domain_errors(cmd: SkuInput) -> list[FieldError]:
    return validate_sku_fields(
        code=cmd.code, name=cmd.name, price=cmd.price, cost=cmd.cost, weight_kg=cmd.weight_kg,
        length_cm=cmd.length_cm, width_cm=cmd.width_cm, height_cm=cmd.height_cm, status=cmd.status,
        unit=cmd.unit, barcodes=cmd.barcodes, kit=cmd.kit, product_code=cmd.product_code)


def validate_sku(session: Session, cmd: SkuInput) -> list:
    """Field errors (domain FieldError) incl. those needing the database (duplicate code/barcode, unknown kit part)."""
    cmd = _clean(cmd)
    errors = _domain_errors(cmd)
    bad = {e.field for e in errors}
    own = cmd.id if cmd.id is not None else -1

    if "code" not in bad:
        other = session.execute(select(Sku.code).where(func.lower(Sku.code) == cmd.code.lower(),
                                                       Sku.id != own)).scalar()
        if other is not None:
            errors.append(FieldError("code", "duplicate", f"SKU code {other} exists already"))

    codes = {b: i for i, b in enumerate(cmd.barcodes) if f"barcodes[{i}]" not in bad}
    if codes:
        for bc, other in session.execute(
                select(Barcode.code, Sku.code).join(Sku, Sku.id == Barcode.sku_id)
                .where(Barcode.code.in_(list(codes)), Barcode.sku_id != own)):
            errors.append(FieldError(f"barcodes[{codes[bc]}]", "in_use", f"barcode {bc} belongs to SKU {other}"))

    parts = {k.component_code.lower(): i for i, k in enumerate(cmd.kit) if f"kit[{i}]" not in bad}
    if parts:
        found = {c.lower(): (i, c, k) for i, c, k in session.execute(
            select(Sku.id, Sku.code, Sku.is_kit).where(func.lower(Sku.code).in_(list(parts))))}
        for low, i in parts.items():
            code = cmd.kit[i].component_code
            if low not in found:
                errors.append(FieldError(f"kit[{i}]", "unknown_sku", f"there is no SKU {code}"))
            elif found[low][0] == own:
                errors.append(FieldError(f"kit[{i}]", "self_reference", f"a kit cannot contain itself ({code})"))
            elif found[low][2]:
                errors.append(FieldError(f"kit[{i}]", "is_kit",
                                         f"{found[low][1]} is a kit itself; a kit holds plain SKUs only"))
    if cmd.kit and cmd.id is not None:
        holder = session.execute(
            select(Sku.code).join(KitComponent, KitComponent.kit_sku_id == Sku.id)
            .where(KitComponent.component_sku_id == cmd.id).order_by(Sku.code).limit(1)).scalar()
        if holder is not None:
            errors.append(FieldError("kit", "used_in_kit",
                                     f"this SKU is a component of kit {holder}, so it cannot be a kit itself"))

    if cmd.category_code is not None and _category_id(session, cmd.category_code) is None:
        errors.append(FieldError("category_code", "unknown_category", f"there is no category {cmd.category_code}"))
    if "unit" not in bad and session.execute(select(Unit.code).where(Unit.code == cmd.unit)).scalar() is None:
        errors.append(FieldError("unit", "unknown_unit", f"there is no unit {cmd.unit}"))
    return errors


def _category_id(session: Session, code: str) -> int | None:
    return session.execute(select(Category.id).where(Category.code == code)).scalar()


_SKU_FIELDS = ("code", "name", "spec", "status", "unit", "price", "cost", "weight_kg", "length_cm", "width_cm",
               "height_cm")


def denied(exc: DBAPIError, action: str) -> Exception:
    """A database refusal as a typed error: permission (42501) or a unique code/barcode (23505)."""
    state = getattr(exc.orig, "sqlstate", None)
    if state == "42501":
        return PermissionDeniedError(action, str(exc.orig).splitlines()[0])
    if state == "23505":
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", "") or ""
        if constraint == "sku_code_key":
            return ValidationError([FieldError("code", "duplicate", "the SKU code exists already")])
        if constraint == "barcode_code_key":
            return ValidationError([FieldError("barcodes", "in_use", "a barcode belongs to another SKU")])
    return exc


def save_sku(session: Session, cmd: SkuInput) -> int:
    """Create or update a SKU with its barcodes and kit lines; returns its id.

    The SKU's product is the one with `product_code` (default: the SKU code; on update, the
    current product), created with the SKU's name if missing.  The category belongs to the
    product: setting it here sets the product's and every sibling SKU's category.
    Raises ValidationError (all problems at once), ConcurrentChangeError when `cmd.version`
    is not the stored version, NotFoundError, PermissionDeniedError."""
    try:
        return _save(session, _clean(cmd))
    except DBAPIError as exc:
        err = denied(exc, "save SKU")
        if err is exc:
            raise
        raise err from exc


def _save(session: Session, cmd: SkuInput) -> int:
    current = None
    if cmd.id is not None:
        current = session.execute(
            select(Sku.__table__).where(Sku.id == cmd.id).with_for_update()).mappings().one_or_none()
        if current is None:
            raise NotFoundError("SKU", cmd.id)
        if cmd.version is not None and current["version"] != cmd.version:
            raise ConcurrentChangeError("SKU", current["code"])
    errors = validate_sku(session, cmd)
    if errors:
        raise ValidationError(errors)

    category_id = _category_id(session, cmd.category_code) if cmd.category_code else None
    product_id = _product_for(session, cmd, current, category_id)
    values: dict[str, Any] = {f: getattr(cmd, f) for f in _SKU_FIELDS}
    values.update(product_id=product_id, category_id=category_id, pinyin=initials(cmd.name),
                  is_kit=bool(cmd.kit))
    if current is None:
        sku_id = session.execute(insert(Sku).values(**values).returning(Sku.id)).scalar_one()
        changed = list(values)
    else:
        sku_id = cmd.id
        changed = [k for k, v in values.items() if current[k] != v]
        if changed:
            session.execute(update(Sku).where(Sku.id == sku_id).values({k: values[k] for k in changed}))
    # the database moves the SKU's version on when its barcodes or kit lines change (0002)
    children = _replace_barcodes(session, sku_id, cmd.barcodes) | _replace_kit(session, sku_id, cmd.kit)
    if current is None or changed or children:
        kind = "sku_created" if current is None else "sku_updated"
        session.execute(insert(BusinessEvent).values(
            kind=kind, entity="catalog.sku", entity_id=sku_id,
            payload={"code": cmd.code, "changed": sorted(set(changed) | children)}))
    return sku_id


def _product_for(session: Session, cmd: SkuInput, current: Any, category_id: int | None) -> int:
    if cmd.product_code is None and current is not None:
        pid = current["product_id"]
    else:
        code = cmd.product_code or cmd.code
        pid = session.execute(select(Product.id).where(Product.code == code)).scalar()
        if pid is None:
            return session.execute(insert(Product).values(code=code, name=cmd.name, category_id=category_id)
                                   .returning(Product.id)).scalar_one()
    pcat = session.execute(select(Product.category_id).where(Product.id == pid)).scalar()
    if pcat != category_id:
        session.execute(update(Product).where(Product.id == pid).values(category_id=category_id))
        siblings = Sku.product_id == pid
        if current is not None:
            siblings = and_(siblings, Sku.id != current["id"])
        session.execute(update(Sku).where(siblings, Sku.category_id.is_distinct_from(category_id))
                        .values(category_id=category_id))
    return pid


def _replace_barcodes(session: Session, sku_id: int, codes: Sequence[str]) -> set[str]:
    have = dict(session.execute(select(Barcode.code, Barcode.id).where(Barcode.sku_id == sku_id)).all())
    gone = [i for c, i in have.items() if c not in codes]
    new = [c for c in dict.fromkeys(codes) if c not in have]
    if gone:
        session.execute(delete(Barcode).where(Barcode.id.in_(gone)))
    if new:
        session.execute(insert(Barcode), [{"sku_id": sku_id, "code": c, "kind": classify(c)[0]} for c in new])
    return {"barcodes"} if gone or new else set()


def _replace_kit(session: Session, sku_id: int, kit: Sequence[KitLine]) -> set[str]:
    have = dict(session.execute(select(KitComponent.component_sku_id, KitComponent.quantity)
                                .where(KitComponent.kit_sku_id == sku_id)).all())
    want: dict[int, Decimal] = {}
    if kit:
        ids = dict(session.execute(select(func.lower(Sku.code), Sku.id)
                                   .where(func.lower(Sku.code).in_([k.component_code.lower() for k in kit]))).all())
        want = {ids[k.component_code.lower()]: k.quantity for k in kit}
    if want == have:
        return set()
    session.execute(delete(KitComponent).where(KitComponent.kit_sku_id == sku_id))
    if want:
        session.execute(insert(KitComponent), [{"kit_sku_id": sku_id, "component_sku_id": c, "quantity": q}
                                               for c, q in want.items()])
    return {"kit"}


# ---------------------------------------------------------------------------------------------
# import / export (catalog_io.py)
# ---------------------------------------------------------------------------------------------

def import_skus(session: Session, path, *, sheet: str | None = None, progress=None) -> ImportReport:
    """Import SKUs from .xlsx or .csv (UTF-8, UTF-8 with BOM or GBK); good rows go in, bad rows are reported."""
    from erp_desktop.services import catalog_io

    return catalog_io.import_skus(session, path, sheet=sheet, progress=progress)


def export_skus(session: Session, flt: SkuFilter, path, sort: str = "code", descending: bool = False, *,
                progress=None) -> int:
    """Write what the list shows (same filter and order) to .xlsx; returns the row count."""
    from erp_desktop.services import catalog_io

    return catalog_io.export_skus(session, flt, path, sort, descending, progress=progress)
