"""Catalog use cases: one SKU (load for editing, validate, save, with its barcodes and kit
lines) and the categories.  This is the module callers import: it re-exports the rest of the area.

- catalog_queries.py: the read side, the Products list's keyset pages and filters, global
  search, barcode lookup, rows for live updates, counts (how pages are found is told there);
- catalog_files.py: reading import files (.xlsx, .csv), header row, cells; RowError, ImportReport;
- catalog_io.py: import and export; `import_skus` and `export_skus` here hand over to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.db.models import Barcode, BusinessEvent, Category, KitComponent, Product, Sku, Unit
from erp_desktop.domain.barcodes import classify
from erp_desktop.domain.catalog import validate_sku_fields
from erp_desktop.domain.errors import (
    ConcurrentChangeError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from erp_desktop.domain.pinyin import initials
from erp_desktop.services.catalog_files import ImportReport, RowError
from erp_desktop.services.catalog_queries import (
    DENSE_MATCHES,
    SEARCH_EXPR,
    SEARCH_POOL,
    SORT_KEYS,
    SkuFilter,
    SkuRow,
    category_subtree,
    count_skus,
    filter_conditions,
    find_sku_by_barcode,
    get_sku_rows,
    like_escape,
    list_skus,
    page_ids,
    page_query,
    row_columns,
    search_skus,
    searchable,
    sort_columns,
    sort_key,
    text_condition,
    to_row,
)

__all__ = [
    "DENSE_MATCHES", "SEARCH_EXPR", "SEARCH_POOL", "SORT_KEYS",
    "CategoryInfo", "ImportReport", "KitLine", "RowError", "SkuDetail", "SkuFilter", "SkuInput", "SkuRow",
    "category_subtree", "count_skus", "denied", "export_skus", "filter_conditions", "find_sku_by_barcode",
    "get_sku", "get_sku_rows", "import_skus", "like_escape", "list_categories", "list_skus", "page_ids",
    "page_query", "row_columns", "save_sku", "search_skus", "searchable", "sort_columns", "sort_key", "text_condition",
    "to_row", "validate_sku",
]


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


# ---------------------------------------------------------------------------------------------
# one SKU for editing; categories
# ---------------------------------------------------------------------------------------------

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
