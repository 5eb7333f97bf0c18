"""SKU import (.xlsx, .csv) and export (.xlsx); catalog.py re-exports import_skus and export_skus.

Import rules, as the user sees them:
- The first non-empty row holds the headers, in English or Chinese (code / SKU编码, name / 名称 ...),
  in any order; unknown columns are ignored (and listed in ImportReport.ignored_columns).
- A row whose code exists (any case) updates that SKU; a new code creates one.  Re-importing a
  file changes nothing and counts its rows as unchanged.
- Only the columns in the file are changed.  A blank cell clears what can be empty (spec,
  category, weight and sizes, barcodes, kit) and keeps what cannot (name, price, cost, unit,
  status; new SKUs get the defaults).
- Each bad row is reported with its row number (the header row is row 1), the column header as
  in the file and the reason; it never stops the good rows.
- Kits may list components that come later in the file.

Reading the file, finding its header row and parsing its cells are in catalog_files.py; this
module checks the parsed rows against the database and writes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ARRAY, Integer, Text, any_, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from erp_desktop.db.models import Barcode, Category, KitComponent, Product, Sku, Unit
from erp_desktop.domain.barcodes import classify
from erp_desktop.domain.catalog import validate_sku_fields
from erp_desktop.domain.errors import PermissionDeniedError, ValidationError
from erp_desktop.domain.pinyin import initials
from erp_desktop.services import catalog, catalog_queries
from erp_desktop.services.catalog import KitLine, SkuInput
from erp_desktop.services.catalog_files import KEEP, ImportReport, Row, RowError, find_header, parse_rows, read_rows
from erp_desktop.services.catalog_queries import SkuFilter

Progress = Callable[[int, int], object] | None

EXPORT_COLUMNS = ("code", "name", "product_code", "spec", "category", "category_name", "unit", "status",
                  "price", "cost", "weight_kg", "length_cm", "width_cm", "height_cm", "barcodes", "kit")

DEFAULTS = {"spec": "", "category": None, "weight_kg": None, "length_cm": None, "width_cm": None,
            "height_cm": None, "barcodes": (), "kit": (), "price": Decimal(0), "cost": Decimal(0),
            "unit": "pcs", "status": "active", "name": ""}
SKU_COLUMNS = ("name", "spec", "status", "unit", "price", "cost", "weight_kg", "length_cm", "width_cm",
               "height_cm")
BATCH = 5000


# ---------------------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------------------

def _texts(values: list[str]) -> Any:
    return bindparam(None, values, type_=ARRAY(Text))


def _ints(values: list[int]) -> Any:
    return bindparam(None, values, type_=ARRAY(Integer))


@dataclass
class _Context:
    """What the database holds for the codes in the file, loaded in a few queries."""

    units: dict[str, str]
    categories: dict[str, int]                # code, lower(code), unique lower(name) -> id
    category_codes: dict[int, str]
    existing: dict[str, dict[str, Any]]       # lower(sku code) -> row + barcodes, kit, product_code
    products: dict[str, tuple[int, int | None]]   # product code -> (id, category_id)
    barcode_owner: dict[str, str]             # barcode -> code of the SKU that has it now
    components: dict[str, tuple[int, bool]]   # lower(code) -> (id, is_kit) of SKUs named in kits
    kit_holder: dict[str, str]                # lower(code) of a component -> code of a kit holding it


def _load_units(session: Session) -> dict[str, str]:
    units: dict[str, str] = {}
    for code, name, name_zh in session.execute(select(Unit.code, Unit.name, Unit.name_zh)):
        for k in (code, name, name_zh):
            units.setdefault(k.lower(), code)
    return units


def _load_context(session: Session, rows: list[Row], units: dict[str, str]) -> _Context:
    categories: dict[str, int] = {}
    names: dict[str, list[int]] = {}
    category_codes: dict[int, str] = {}
    for cid, code, name in session.execute(select(Category.id, Category.code, Category.name)):
        categories[code] = cid
        categories.setdefault(code.lower(), cid)
        names.setdefault(name.lower(), []).append(cid)
        category_codes[cid] = code
    for name, ids in names.items():
        if len(ids) == 1:
            categories.setdefault(name, ids[0])

    keys = list({r.key for r in rows if r.code})
    existing: dict[str, dict[str, Any]] = {}
    for r in session.execute(
            select(Sku.__table__, Product.code.label("product_code"))
            .join(Product, Product.id == Sku.product_id)
            .where(func.lower(Sku.code) == any_(_texts(keys)))).mappings():
        existing[r["code"].lower()] = dict(r, barcodes=[], kit={})
    by_id = {e["id"]: e for e in existing.values()}
    kit_holder: dict[str, str] = {}
    if by_id:
        ids = _ints(list(by_id))
        for sku_id, code in session.execute(select(Barcode.sku_id, Barcode.code)
                                            .where(Barcode.sku_id == any_(ids)).order_by(Barcode.id)):
            by_id[sku_id]["barcodes"].append(code)
        comp, kit = aliased(Sku), aliased(Sku)
        for kit_id, ccode, qty in session.execute(
                select(KitComponent.kit_sku_id, comp.code, KitComponent.quantity)
                .join(comp, comp.id == KitComponent.component_sku_id)
                .where(KitComponent.kit_sku_id == any_(ids))):
            by_id[kit_id]["kit"][ccode.lower()] = (ccode, qty)
        for ccode, kcode in session.execute(
                select(comp.code, kit.code).select_from(KitComponent)
                .join(comp, comp.id == KitComponent.component_sku_id)
                .join(kit, kit.id == KitComponent.kit_sku_id)
                .where(KitComponent.component_sku_id == any_(ids))):
            kit_holder.setdefault(ccode.lower(), kcode)

    pcodes = [p for p in ({r.cells.get("product_code") for r in rows} | {r.code for r in rows}
                          | {e["product_code"] for e in existing.values()}) if isinstance(p, str) and p]
    products = {c: (i, cat) for c, i, cat in session.execute(
        select(Product.code, Product.id, Product.category_id).where(Product.code == any_(_texts(pcodes))))}

    bcs = list({b for r in rows if isinstance(r.cells.get("barcodes"), tuple) for b in r.cells["barcodes"]})
    owner = {b: c for b, c in session.execute(
        select(Barcode.code, Sku.code).join(Sku, Sku.id == Barcode.sku_id)
        .where(Barcode.code == any_(_texts(bcs))))} if bcs else {}

    named = list({c.lower() for r in rows if isinstance(r.cells.get("kit"), tuple) for c, _q in r.cells["kit"]})
    components = {c.lower(): (i, k) for c, i, k in session.execute(
        select(Sku.code, Sku.id, Sku.is_kit).where(func.lower(Sku.code) == any_(_texts(named))))
    } if named else {}
    return _Context(units, categories, category_codes, existing, products, owner, components, kit_holder)


def _value(row: Row, fld: str) -> Any:
    v = row.cells.get(fld, KEEP)
    if v is not KEEP:
        return v
    if row.existing is None:
        return DEFAULTS.get(fld)
    if fld == "barcodes":
        return tuple(row.existing["barcodes"])
    if fld == "kit":
        return tuple(row.existing["kit"].values())
    if fld == "category":
        return KEEP
    return row.existing[fld]


def _resolve(rows: list[Row], ctx: _Context) -> None:
    """Work out what each row's SKU becomes and find every problem (rows with errors stay out)."""
    first: dict[str, Row] = {}
    for row in rows:
        if row.errors:
            continue
        if not row.code:
            row.fail("code", "required", "the SKU code is empty")
            continue
        if row.key in first:
            row.fail("code", "duplicate", f"SKU code {row.code} is also on row {first[row.key].number}")
            continue
        first[row.key] = row
        row.existing = ctx.existing.get(row.key)
        f = row.final
        for fld in ("name", *SKU_COLUMNS[1:], "barcodes", "kit"):
            f[fld] = _value(row, fld)
        pcode = row.cells.get("product_code", KEEP)
        f["product_code"] = (pcode if pcode is not KEEP else
                             row.existing["product_code"] if row.existing else row.code)
        cat = row.cells.get("category", KEEP)
        if cat is KEEP:    # no category column: the product's (none for a new product)
            product = ctx.products.get(f["product_code"])
            f["category_id"] = product[1] if product else None
        elif cat is None:
            f["category_id"] = None
        else:
            f["category_id"] = ctx.categories.get(cat, ctx.categories.get(cat.lower()))
            if f["category_id"] is None:
                row.fail("category", "unknown_category", f"there is no category {cat!r}")
        for e in validate_sku_fields(
                code=row.code, name=f["name"], price=f["price"], cost=f["cost"], weight_kg=f["weight_kg"],
                length_cm=f["length_cm"], width_cm=f["width_cm"], height_cm=f["height_cm"],
                status=f["status"], unit=f["unit"], barcodes=f["barcodes"], kit=f["kit"],
                product_code=f["product_code"]):
            row.fail(e.field.split("[")[0], e.reason, e.detail)

    good = {r.key: r for r in rows if not r.errors}
    # barcodes: one SKU each, in the file and in the database
    claimed: dict[str, Row] = {}
    for row in good.values():
        for b in row.final["barcodes"] if "barcodes" in row.cells else ():
            holder = ctx.barcode_owner.get(b)
            if holder is not None and holder.lower() != row.key:
                other = good.get(holder.lower())
                if other is None or b in other.final["barcodes"]:   # its SKU keeps it
                    row.fail("barcodes", "in_use", f"barcode {b} belongs to SKU {holder}")
                    continue
            if b in claimed:
                row.fail("barcodes", "duplicate", f"barcode {b} is also on row {claimed[b].number}")
                continue
            claimed[b] = row
    # kits last: their components must be good plain SKUs, in the file or in the database
    good = {r.key: r for r in rows if not r.errors}
    bad_rows = {r.key: r for r in reversed(rows) if r.errors and r.code}
    for row in list(good.values()):
        if "kit" not in row.cells or not row.final["kit"]:
            continue
        holder = ctx.kit_holder.get(row.key)
        if holder is not None:
            hrow = good.get(holder.lower())
            if hrow is None or row.key in {c.lower() for c, _q in hrow.final["kit"]}:
                row.fail("kit", "used_in_kit", f"{row.code} is a component of kit {holder}, "
                                               "so it cannot be a kit itself")
        for comp, _q in row.final["kit"]:
            low = comp.lower()
            crow = good.get(low)
            if crow is not None:
                if crow.final["kit"]:
                    row.fail("kit", "is_kit", f"{comp} is a kit itself; a kit holds plain SKUs only")
            elif low in bad_rows:
                row.fail("kit", "component_has_errors",
                         f"component {comp} has errors on row {bad_rows[low].number}")
            elif low not in ctx.components:
                row.fail("kit", "unknown_sku", f"there is no SKU {comp}")
            elif ctx.components[low][1]:
                row.fail("kit", "is_kit", f"{comp} is a kit itself; a kit holds plain SKUs only")
    # a product takes one category: rows of the same product must agree
    cat_of: dict[str, Row] = {}
    for row in rows:
        if row.errors or "category" not in row.cells:
            continue
        p = row.final["product_code"]
        if p in cat_of and cat_of[p].final["category_id"] != row.final["category_id"]:
            row.fail("category", "category_conflict",
                     f"product {p} has another category on row {cat_of[p].number}")
        cat_of.setdefault(p, row)



# ---------------------------------------------------------------------------------------------
# writing: a few set-based statements for all good rows
# ---------------------------------------------------------------------------------------------

_INSERT_SKU = text("""
    INSERT INTO catalog.sku (product_id, code, name, spec, pinyin, category_id, status, is_kit, unit,
                             price, cost, weight_kg, length_cm, width_cm, height_cm)
    SELECT * FROM unnest(CAST(:product_id AS int[]), CAST(:code AS text[]), CAST(:name AS text[]),
                         CAST(:spec AS text[]), CAST(:pinyin AS text[]), CAST(:category_id AS int[]),
                         CAST(:status AS text[]), CAST(:is_kit AS boolean[]), CAST(:unit AS text[]),
                         CAST(:price AS numeric[]), CAST(:cost AS numeric[]), CAST(:weight_kg AS numeric[]),
                         CAST(:length_cm AS numeric[]), CAST(:width_cm AS numeric[]),
                         CAST(:height_cm AS numeric[]))
    RETURNING id, code""")

_ARRAY_TYPES = {"product_id": "int[]", "code": "text[]", "name": "text[]", "spec": "text[]", "pinyin": "text[]",
                "category_id": "int[]", "status": "text[]", "is_kit": "boolean[]", "unit": "text[]",
                "price": "numeric[]", "cost": "numeric[]", "weight_kg": "numeric[]", "length_cm": "numeric[]",
                "width_cm": "numeric[]", "height_cm": "numeric[]"}
# what a row's SKU columns compare against and are written from
_COMPARED = ("product_id", "code", "name", "spec", "category_id", "status", "is_kit", "unit", "price", "cost",
             "weight_kg", "length_cm", "width_cm", "height_cm")


def _chunks(items: list, n: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _sku_values(row: Row, product_id: int | None) -> dict[str, Any]:
    f = row.final
    v = {k: f[k] for k in SKU_COLUMNS}
    v.update(product_id=product_id, code=row.code, name=f["name"].strip(), spec=f["spec"].strip(),
             category_id=f["category_id"], is_kit=bool(f["kit"]))
    return v


def _write(session: Session, rows: list[Row], ctx: _Context, report: ImportReport) -> None:
    good = [r for r in rows if not r.errors]
    # products: create the missing ones, give each the category of its rows
    products = dict(ctx.products)
    new_products: dict[str, Row] = {}
    for r in good:
        if r.final["product_code"] not in products:
            new_products.setdefault(r.final["product_code"], r)
    for chunk in _chunks(list(new_products.items())):
        for pid, code in session.execute(text("""
                INSERT INTO catalog.product (code, name, category_id)
                SELECT * FROM unnest(CAST(:code AS text[]), CAST(:name AS text[]), CAST(:cat AS int[]))
                RETURNING id, code"""), {"code": [c for c, _r in chunk], "name": [r.final["name"] for _c, r in chunk],
                                         "cat": [r.final["category_id"] for _c, r in chunk]}):
            products[code] = (pid, None)
    recategorised = {}
    for r in good:
        pid, pcat = products[r.final["product_code"]]
        if r.final["product_code"] in new_products or pcat != r.final["category_id"]:
            recategorised[pid] = r.final["category_id"]
    if recategorised:
        session.execute(text("""
            UPDATE catalog.product p SET category_id = v.cat
            FROM unnest(CAST(:id AS int[]), CAST(:cat AS int[])) AS v(id, cat)
            WHERE p.id = v.id AND p.category_id IS DISTINCT FROM v.cat"""),
            {"id": list(recategorised), "cat": list(recategorised.values())})

    # SKUs: insert the new, update the changed (only the columns that change)
    inserts, updates, changed_cols = [], [], set()
    children: dict[int, set[str]] = {}
    for r in good:
        v = _sku_values(r, products[r.final["product_code"]][0])
        if r.existing is None:
            v["pinyin"] = initials(v["name"])
            inserts.append((r, v))
            continue
        diff = {k for k in _COMPARED if r.existing[k] != v[k]}
        if diff:
            if "name" in diff:
                v["pinyin"] = initials(v["name"])
                diff.add("pinyin")
            changed_cols |= diff
            updates.append((r, v, diff))
    ids: dict[str, int] = {e["code"].lower(): e["id"] for e in ctx.existing.values()}
    for chunk in _chunks(inserts):
        params = {k: [v[k] for _r, v in chunk] for k in _ARRAY_TYPES}
        for sku_id, code in session.execute(_INSERT_SKU, params):
            ids[code.lower()] = sku_id
    if updates:
        cols = sorted(changed_cols)
        sets = ", ".join(f"{c} = v.{c}" for c in cols)
        arrays = ", ".join(f"CAST(:{c} AS {_ARRAY_TYPES[c]})" for c in cols)
        stmt = text(f"UPDATE catalog.sku s SET {sets} FROM unnest(CAST(:id AS int[]), {arrays}) "
                    f"AS v(id, {', '.join(cols)}) WHERE s.id = v.id")
        for chunk in _chunks(updates):
            params = {c: [v.get(c, r.existing.get(c)) for r, v, _d in chunk] for c in cols}
            params["id"] = [r.existing["id"] for r, _v, _d in chunk]
            session.execute(stmt, params)
    if recategorised:    # sibling SKUs follow their product's category
        session.execute(text("""
            UPDATE catalog.sku s SET category_id = p.category_id FROM catalog.product p
            WHERE p.id = s.product_id AND p.id = ANY(CAST(:ids AS int[]))
              AND s.category_id IS DISTINCT FROM p.category_id"""), {"ids": list(recategorised)})

    # barcodes: drop the ones gone first (another row may take them), then add
    drop, add = [], []
    for r in good:
        if "barcodes" not in r.cells:
            continue
        have = r.existing["barcodes"] if r.existing else []
        want = list(dict.fromkeys(r.final["barcodes"]))
        gone = [b for b in have if b not in want]
        new = [b for b in want if b not in have]
        drop += gone
        add += [(ids[r.key], b) for b in new]
        if gone or new:
            children.setdefault(ids[r.key], set()).add("barcodes")
    if drop:
        session.execute(text("DELETE FROM catalog.barcode WHERE code = ANY(CAST(:c AS text[]))"), {"c": drop})
    for chunk in _chunks(add):
        session.execute(text("""
            INSERT INTO catalog.barcode (sku_id, code, kind)
            SELECT * FROM unnest(CAST(:s AS int[]), CAST(:c AS text[]), CAST(:k AS text[]))"""),
            {"s": [i for i, _b in chunk], "c": [b for _i, b in chunk], "k": [classify(b)[0] for _i, b in chunk]})

    # kit lines: replaced where they differ; components may be SKUs created above
    kits, lines = [], []
    comp_ids = {k: i for k, (i, _kit) in ctx.components.items()} | ids
    for r in good:
        if "kit" not in r.cells:
            continue
        want = {c.lower(): q for c, q in r.final["kit"]}
        have = {k: q for k, (_c, q) in (r.existing["kit"] if r.existing else {}).items()}
        if want != have:
            kits.append(ids[r.key])
            lines += [(ids[r.key], comp_ids[k], q) for k, q in want.items()]
            children.setdefault(ids[r.key], set()).add("kit")
    if kits:
        session.execute(text("DELETE FROM catalog.kit_component WHERE kit_sku_id = ANY(CAST(:k AS int[]))"),
                        {"k": kits})
    for chunk in _chunks(lines):
        session.execute(text("""
            INSERT INTO catalog.kit_component (kit_sku_id, component_sku_id, quantity)
            SELECT * FROM unnest(CAST(:k AS int[]), CAST(:c AS int[]), CAST(:q AS numeric[]))"""),
            {"k": [k for k, _c, _q in chunk], "c": [c for _k, c, _q in chunk], "q": [q for _k, _c, q in chunk]})

    # a save of barcodes or kit lines alone still bumps the SKU's version (optimistic locking)
    updated_ids = {r.existing["id"] for r, _v, _d in updates}
    existing_code = {e["id"]: e["code"] for e in ctx.existing.values()}
    touch = [i for i in children if i in existing_code and i not in updated_ids]
    if touch:
        _touch(session, touch)

    events = []
    for r, _v in inserts:
        events.append(("sku_created", ids[r.key], {"code": r.code, "source": "import"}))
    for r, _v, diff in updates:
        events.append(("sku_updated", ids[r.key],
                       {"code": r.code, "source": "import", "changed": sorted(diff | children.get(ids[r.key], set()))}))
    for i in touch:
        events.append(("sku_updated", i, {"code": existing_code[i], "source": "import",
                                          "changed": sorted(children[i])}))
    for chunk in _chunks(events):
        session.execute(text("""
            INSERT INTO core.business_event (kind, entity, entity_id, payload)
            SELECT k, 'catalog.sku', i, p FROM unnest(CAST(:k AS text[]), CAST(:i AS bigint[]),
                                                      CAST(:p AS jsonb[])) AS v(k, i, p)"""),
            {"k": [k for k, _i, _p in chunk], "i": [i for _k, i, _p in chunk],
             "p": [json.dumps(p, ensure_ascii=False) for _k, _i, p in chunk]})
    report.created += len(inserts)
    report.updated += len(updates) + len(touch)
    report.unchanged += len(good) - len(inserts) - len(updates) - len(touch)


def _touch(session: Session, ids: list[int]) -> None:
    try:
        with session.begin_nested():
            session.execute(text("UPDATE catalog.sku SET version = version WHERE id = ANY(CAST(:i AS int[]))"),
                            {"i": ids})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise


def _fallback(session: Session, rows: list[Row], ctx: _Context, report: ImportReport) -> None:
    """Row by row through save_sku, each in its own savepoint: for when a set-based write hit
    something the checks did not foresee (a concurrent change, say).  Plain SKUs before kits."""
    good = sorted((r for r in rows if not r.errors), key=lambda r: bool(r.final["kit"]))
    for r in good:
        f = r.final
        existing = ctx.existing.get(r.key)
        cmd = SkuInput(
            code=r.code, name=f["name"], product_code=f["product_code"], spec=f["spec"],
            category_code=ctx.category_codes.get(f["category_id"]) if f["category_id"] else None,
            status=f["status"], unit=f["unit"], price=f["price"], cost=f["cost"], weight_kg=f["weight_kg"],
            length_cm=f["length_cm"], width_cm=f["width_cm"], height_cm=f["height_cm"],
            barcodes=tuple(f["barcodes"]), kit=tuple(KitLine(c, q) for c, q in f["kit"]),
            id=existing["id"] if existing else None)
        try:
            with session.begin_nested():
                sku_id = catalog.save_sku(session, cmd)
        except ValidationError as exc:
            for e in exc.errors:
                r.fail(_FIELD_OF.get(e.field.split("[")[0], e.field.split("[")[0]), e.reason, e.detail)
            continue
        except PermissionDeniedError:
            raise
        except DBAPIError as exc:
            r.fail("code", "database", str(exc.orig).splitlines()[0])
            continue
        if existing is None:
            report.created += 1
        elif session.execute(select(Sku.version).where(Sku.id == sku_id)).scalar() != existing["version"]:
            report.updated += 1
        else:
            report.unchanged += 1


_FIELD_OF = {"category_code": "category"}


def import_skus(session: Session, path: str | Path, *, sheet: str | None = None,
                progress: Progress = None) -> ImportReport:
    """Import SKUs from .xlsx or .csv (UTF-8, UTF-8 with BOM or GBK); good rows go in, bad rows are reported.

    Runs in the caller's transaction: commit it to keep the import.  `progress(done, total)` is
    called as the rows are read and written; an exception raised in it cancels the import."""
    path = Path(path)
    report = ImportReport()
    rows_in = read_rows(path, sheet)
    head = find_header(rows_in, report)
    if head is None:
        return report
    _header_row, columns = head
    headers = {fld: h for _i, fld, h in columns}
    units = _load_units(session)
    rows = parse_rows(rows_in, columns, units)
    if progress:
        progress(0, len(rows))
    ctx = _load_context(session, rows, units)
    _resolve(rows, ctx)
    if progress:
        progress(len(rows) // 2, len(rows))
    try:
        try:
            with session.begin_nested():
                _write(session, rows, ctx, report)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise
            report.created = report.updated = report.unchanged = 0
            _fallback(session, rows, ctx, report)
    except DBAPIError as exc:
        err = catalog.denied(exc, "import SKUs")
        if err is exc:
            raise
        raise err from exc
    for r in rows:
        for fld, code, reason in r.errors:
            report.errors.append(RowError(r.number, headers.get(fld, fld), reason, code))
    report.errors.sort(key=lambda e: e.row)
    if progress:
        progress(len(rows), len(rows))
    return report


# ---------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------

EXPORT_PAGE = 2000


def _export_columns() -> list[Any]:
    comp = aliased(Sku)
    kit = (select(func.string_agg(comp.code + "*" + func.trim_scale(KitComponent.quantity).cast(Text),
                                  aggregate_order_by(text("';'"), comp.code)))
           .select_from(KitComponent).join(comp, comp.id == KitComponent.component_sku_id)
           .where(KitComponent.kit_sku_id == Sku.id).correlate(Sku).scalar_subquery())
    product = select(Product.code).where(Product.id == Sku.product_id).correlate(Sku).scalar_subquery()
    return [*catalog_queries.row_columns(), Category.code.label("category_code"), product.label("product_code"),
            Sku.length_cm, Sku.width_cm, Sku.height_cm, kit.label("kit")]


def export_skus(session: Session, flt: SkuFilter, path: str | Path, sort: str = "code",
                descending: bool = False, *, progress: Progress = None) -> int:
    """Write what the list shows (same filter and order) to .xlsx; returns the row count.

    Streams page by page (keyset) into a write-only workbook, so 200,000 rows need little memory.
    The columns are those import_skus reads: the file imports back unchanged."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    total = catalog_queries.count_skus(session, flt) if progress else 0
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("SKUs")
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOP", (18, 36, 18, 16, 14, 16, 8, 12, 12, 12, 10, 10, 10, 10, 30, 30),
                             strict=True):
        ws.column_dimensions[letter].width = width
    bold = Font(bold=True)
    ws.append([_styled(WriteOnlyCell(ws, h), font=bold) for h in EXPORT_COLUMNS])
    sort_cols = [c.key for c in catalog_queries.sort_columns(sort)]
    columns = _export_columns()
    after, n = None, 0
    while True:
        page = session.execute(catalog_queries.page_query(flt, sort, descending, after, EXPORT_PAGE, columns)).all()
        for r in page:
            ws.append([
                r.code, r.name, r.product_code, r.spec, r.category_code, r.category, r.unit, r.status,
                _styled(WriteOnlyCell(ws, r.price), number_format="0.00"),
                _styled(WriteOnlyCell(ws, r.cost), number_format="0.00"),
                r.weight_kg, r.length_cm, r.width_cm, r.height_cm,
                ";".join(r.barcodes or ()), r.kit,
            ])
        n += len(page)
        if progress:
            progress(n, total)
        if len(page) < EXPORT_PAGE:
            break
        after = tuple(getattr(page[-1], k) for k in sort_cols)
    wb.save(Path(path))
    return n


def _styled(cell: Any, **style: Any) -> Any:
    for k, v in style.items():
        setattr(cell, k, v)
    return cell
