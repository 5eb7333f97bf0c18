"""Catalog services on a real PostgreSQL, as an app user of the admin group (no mocks)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text

from erp_desktop.db.models import BusinessEvent, Category, Product, Sku
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.errors import ConcurrentChangeError, NotFoundError, PermissionDeniedError, ValidationError
from erp_desktop.services import catalog
from erp_desktop.services.catalog import KitLine, SkuFilter, SkuInput

_ean = itertools.count(1)


def ean() -> str:
    return make_ean13(f"690{next(_ean):09d}")


def add_categories(s) -> dict[str, int]:
    """电子 (ELEC) > 耳机 (ELEC-EAR) > 蓝牙耳机 (ELEC-EAR-BT); 服装 (CLOTH)."""
    ids: dict[str, int] = {}
    for code, name, parent in (("ELEC", "电子", None), ("ELEC-EAR", "耳机", "ELEC"),
                               ("ELEC-EAR-BT", "蓝牙耳机", "ELEC-EAR"), ("CLOTH", "服装", None)):
        ids[code] = s.execute(insert(Category).values(code=code, name=name, parent_id=ids.get(parent))
                              .returning(Category.id)).scalar_one()
    return ids


def save(s, code, name, **kw) -> int:
    return catalog.save_sku(s, SkuInput(code=code, name=name, **kw))


@pytest.fixture
def shop(session_factory):
    """A small catalogue: categories, a few named SKUs with barcodes, a kit."""
    with session_factory.begin() as s:
        cats = add_categories(s)
        ids = {
            "EAR-BT-01": save(s, "EAR-BT-01", "蓝牙耳机 黑色", category_code="ELEC-EAR-BT", price=Decimal("199.00"),
                              barcodes=("6901234567892", "EAR-BT-01-INT")),
            "EAR-W-02": save(s, "EAR-W-02", "有线耳机", category_code="ELEC-EAR", price=Decimal("39.90")),
            "SPK-01": save(s, "SPK-01", "Bluetooth Speaker", category_code="ELEC", price=Decimal("299")),
            "TEE-RED-M": save(s, "TEE-RED-M", "纯棉T恤 红色 M", category_code="CLOTH", status="inactive",
                              barcodes=("036000291452",)),
            "NOCAT-1": save(s, "NOCAT-1", "Loose item"),
        }
        ids["SET-01"] = save(s, "SET-01", "耳机音箱套装", kit=(KitLine("EAR-W-02", Decimal("2")),
                                                           KitLine("spk-01", Decimal("1"))))
    return cats, ids


def codes(rows) -> list[str]:
    return [r.code for r in rows]


# ---------------------------------------------------------------------------------------------
# the list: keyset pages
# ---------------------------------------------------------------------------------------------

ORDER_SQL = {
    "code": "code {d}, id {d}",
    "name": "name {d}, id {d}",
    "price": "price {d}, id {d}",
    "category": "category_id {d}, code {d}, id {d}",     # nulls last ascending, first descending
    "status": "status {d}, code {d}, id {d}",
    "updated_at": "updated_at {d}, id {d}",
}


def test_keyset_pages_return_every_row_exactly_once_in_every_order(session_factory):
    with session_factory.begin() as s:
        cats = add_categories(s)
        cat_codes = [None, "ELEC", "ELEC-EAR", "CLOTH"]
        for i in range(41):
            # ties everywhere: 5 prices, 3 statuses, 4 categories (one null), shared names, one updated_at
            save(s, f"K-{i % 7}-{i:03d}" if i % 2 else f"k-{i % 7}-{i:03d}", f"商品 {i % 6}",
                 price=Decimal(i % 5), status=("active", "inactive", "discontinued")[i % 3],
                 category_code=cat_codes[i % 4], product_code=f"P{i}")
    assert cats
    with session_factory() as s:
        for sort in catalog.SORT_KEYS:
            for desc in (False, True):
                d = "DESC" if desc else "ASC"
                expected = s.execute(text(f"SELECT id FROM catalog.sku ORDER BY {ORDER_SQL[sort].format(d=d)}"))
                expected = [i for (i,) in expected]
                got, after, pages = [], None, 0
                while True:
                    page = catalog.list_skus(s, SkuFilter(), sort, desc, after=after, limit=6)
                    got += [r.id for r in page]
                    pages += 1
                    if len(page) < 6:
                        break
                    after = catalog.sort_key(page[-1], sort)
                assert got == expected, (sort, desc)
                assert len(expected) == 41 and pages == 7


def test_keyset_paging_with_a_filter_and_a_search(session_factory):
    with session_factory.begin() as s:
        for i in range(30):
            save(s, f"EAR-{i:02d}", f"蓝牙耳机 {i}" if i % 3 else f"音箱 {i}", price=Decimal(i % 4))
    with session_factory() as s:
        flt = SkuFilter(text="lyej")
        for sort in ("code", "price", "category"):
            got, after = [], None
            while page := catalog.list_skus(s, flt, sort, True, after=after, limit=4):
                got += codes(page)
                after = catalog.sort_key(page[-1], sort)
            assert sorted(got) == sorted(f"EAR-{i:02d}" for i in range(30) if i % 3)
            assert len(got) == len(set(got)) == catalog.count_skus(s, flt) == 20


def test_rows_carry_what_the_list_shows(shop, session_factory):
    with session_factory() as s:
        row = next(r for r in catalog.list_skus(s, SkuFilter()) if r.code == "EAR-BT-01")
        assert row.name == "蓝牙耳机 黑色"
        assert row.category == "蓝牙耳机"
        assert row.price == Decimal("199.00")
        assert row.barcodes == ("6901234567892", "EAR-BT-01-INT")
        assert row.unit == "pcs" and row.status == "active" and not row.is_kit
        kit = next(r for r in catalog.list_skus(s, SkuFilter()) if r.code == "SET-01")
        assert kit.is_kit and kit.barcodes == () and kit.category is None


def test_unknown_sort_or_wrong_key_is_refused(session_factory):
    with session_factory() as s:
        with pytest.raises(ValueError):
            catalog.list_skus(s, SkuFilter(), "colour")
        with pytest.raises(ValueError):
            catalog.list_skus(s, SkuFilter(), "code", after=("A",))


# ---------------------------------------------------------------------------------------------
# filters and searches
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ear", ["EAR-BT-01", "EAR-W-02"]),                  # code prefix, any case
    ("耳机", ["EAR-BT-01", "EAR-W-02", "SET-01"]),        # part of the name
    ("lyej", ["EAR-BT-01"]),                             # pinyin initials of 蓝牙耳机
    ("EJ", ["EAR-BT-01", "EAR-W-02", "SET-01"]),         # ... any part of them (耳机 ej), any case
    ("speaker", ["SPK-01"]),                             # an English name, any case
    ("6901234567892", ["EAR-BT-01"]),                    # a barcode
    ("0036000291452", ["TEE-RED-M"]),                    # a UPC-A scanned as EAN-13
    ("耳机 黑色", ["EAR-BT-01"]),                          # every word must match
    ("100%", []),                                         # LIKE wildcards are plain characters
    ("EAR_", []),
])
def test_text_filter(shop, session_factory, text, expected):
    with session_factory() as s:
        rows = catalog.list_skus(s, SkuFilter(text=text))
        assert codes(rows) == expected
        assert catalog.count_skus(s, SkuFilter(text=text)) == len(expected)


def test_category_filter_includes_sub_categories(shop, session_factory):
    cats, _ids = shop
    with session_factory() as s:
        assert codes(catalog.list_skus(s, SkuFilter(category_id=cats["ELEC"]))) == ["EAR-BT-01", "EAR-W-02", "SPK-01"]
        assert codes(catalog.list_skus(s, SkuFilter(category_id=cats["ELEC-EAR"]))) == ["EAR-BT-01", "EAR-W-02"]
        assert codes(catalog.list_skus(s, SkuFilter(category_id=cats["CLOTH"]))) == ["TEE-RED-M"]
        assert catalog.count_skus(s, SkuFilter(category_id=cats["ELEC"], text="耳机")) == 2


def test_status_and_kits_only(shop, session_factory):
    with session_factory() as s:
        assert codes(catalog.list_skus(s, SkuFilter(status="inactive"))) == ["TEE-RED-M"]
        assert codes(catalog.list_skus(s, SkuFilter(kits_only=True))) == ["SET-01"]
        assert catalog.count_skus(s, SkuFilter()) == 6


def test_search_ranks_the_best_match_first(session_factory):
    with session_factory.begin() as s:
        save(s, "LYEJ-9", "充电线")                               # code prefix
        save(s, "X-1", "蓝牙耳机")                                # pinyin initials prefix
        save(s, "X-2", "新款蓝牙耳机")                            # pinyin inside (xklyej), not a prefix
        save(s, "X-3", "lyej edition speaker")                   # name contains
        save(s, "LYEJ", "exact code")                            # exact code
        save(s, "Z-9", "barcode holder", barcodes=("LYEJ-LABEL",))
    with session_factory() as s:
        assert codes(catalog.search_skus(s, "lyej")) == ["LYEJ", "LYEJ-9", "X-1", "X-3", "X-2"]
        assert codes(catalog.search_skus(s, "lyej-label")) == []          # a barcode matches exactly
        assert codes(catalog.search_skus(s, "LYEJ-LABEL")) == ["Z-9"]
        assert codes(catalog.search_skus(s, "lyej", limit=2)) == ["LYEJ", "LYEJ-9"]
        assert catalog.search_skus(s, "  ") == []


def test_find_by_barcode_or_code(shop, session_factory):
    _cats, ids = shop
    with session_factory() as s:
        assert catalog.find_sku_by_barcode(s, "6901234567892") == ids["EAR-BT-01"]
        assert catalog.find_sku_by_barcode(s, "EAR-BT-01-INT\n") == ids["EAR-BT-01"]
        assert catalog.find_sku_by_barcode(s, "0036000291452") == ids["TEE-RED-M"]   # UPC-A as EAN-13
        assert catalog.find_sku_by_barcode(s, "spk-01") == ids["SPK-01"]             # the SKU code, any case
        assert catalog.find_sku_by_barcode(s, "6901234567893") is None
        assert catalog.find_sku_by_barcode(s, "") is None


def test_get_sku_rows_for_live_updates(shop, session_factory):
    _cats, ids = shop
    with session_factory() as s:
        rows = catalog.get_sku_rows(s, [ids["SPK-01"], ids["SET-01"], 999999])
        assert set(rows) == {ids["SPK-01"], ids["SET-01"]}     # a missing id was deleted
        assert rows[ids["SPK-01"]].name == "Bluetooth Speaker"
        assert catalog.get_sku_rows(s, []) == {}


def test_list_categories(shop, session_factory):
    cats, _ids = shop
    with session_factory() as s:
        got = {c.code: c for c in catalog.list_categories(s)}
        assert set(got) == {"ELEC", "ELEC-EAR", "ELEC-EAR-BT", "CLOTH"}
        assert got["ELEC-EAR-BT"].parent_id == cats["ELEC-EAR"] and got["ELEC"].parent_id is None


# ---------------------------------------------------------------------------------------------
# save
# ---------------------------------------------------------------------------------------------

def test_save_creates_product_pinyin_and_event(session_factory):
    with session_factory.begin() as s:
        add_categories(s)
        sku_id = save(s, "EAR-BT-02", "蓝牙耳机 白色", category_code="ELEC-EAR-BT", price=Decimal("199"),
                      barcodes=(" 6901234567892 ",), weight_kg=Decimal("0.120"))
    with session_factory() as s:
        d = catalog.get_sku(s, sku_id)
        assert d.product_code == "EAR-BT-02" and d.category_code == "ELEC-EAR-BT"
        assert d.barcodes == ("6901234567892",) and d.weight_kg == Decimal("0.120")
        sku = s.get(Sku, sku_id)
        assert sku.pinyin == "lyejbs"
        product = s.execute(select(Product).where(Product.code == "EAR-BT-02")).scalar_one()
        assert product.name == "蓝牙耳机 白色" and product.category_id == sku.category_id
        kinds = s.execute(select(BusinessEvent.kind).where(BusinessEvent.entity == "catalog.sku",
                                                           BusinessEvent.entity_id == sku_id)).scalars().all()
        assert kinds == ["sku_created"]


def test_variants_share_a_product_and_its_category(session_factory):
    with session_factory.begin() as s:
        add_categories(s)
        m = save(s, "TEE-M", "T恤 M", product_code="TEE", category_code="CLOTH")
        save(s, "TEE-L", "T恤 L", product_code="TEE", category_code="CLOTH")
    with session_factory.begin() as s:
        d = catalog.get_sku(s, m)
        catalog.save_sku(s, SkuInput(**{**_input(d), "category_code": "ELEC"}))
    with session_factory() as s:
        got = dict(s.execute(select(Sku.code, Category.code).join(Category, Category.id == Sku.category_id)).all())
        assert got == {"TEE-M": "ELEC", "TEE-L": "ELEC"}      # the category is the product's
        assert s.execute(select(func.count()).select_from(Product)).scalar() == 1


def _input(d) -> dict:
    return dict(code=d.code, name=d.name, product_code=d.product_code, spec=d.spec, category_code=d.category_code,
                status=d.status, unit=d.unit, price=d.price, cost=d.cost, weight_kg=d.weight_kg,
                length_cm=d.length_cm, width_cm=d.width_cm, height_cm=d.height_cm, barcodes=d.barcodes,
                kit=d.kit, id=d.id, version=d.version)


def test_update_replaces_barcodes_and_bumps_the_version(shop, session_factory):
    _cats, ids = shop
    with session_factory.begin() as s:
        d = catalog.get_sku(s, ids["EAR-BT-01"])
        catalog.save_sku(s, SkuInput(**{**_input(d), "barcodes": ("EAR-BT-01-INT", "4006381333931")}))
    with session_factory() as s:
        d2 = catalog.get_sku(s, ids["EAR-BT-01"])
        assert d2.barcodes == ("EAR-BT-01-INT", "4006381333931")
        assert d2.version > d.version
        assert catalog.find_sku_by_barcode(s, "6901234567892") is None
    # another desktop still holding the version before the barcode change is told to reload
    with session_factory.begin() as s, pytest.raises(ConcurrentChangeError):
        catalog.save_sku(s, SkuInput(**{**_input(d), "price": Decimal("1.00")}))


def test_validation_reports_every_problem_and_saves_nothing(shop, session_factory):
    with session_factory() as s:
        cmd = SkuInput(code="ear-bt-01", name="", price=Decimal("-1"), category_code="NOPE", unit="crate",
                       barcodes=("6901234567891", "036000291452"),
                       kit=(KitLine("NO-SUCH", Decimal("1")), KitLine("SET-01", Decimal("1"))))
        with pytest.raises(ValidationError) as exc:
            catalog.save_sku(s, cmd)
        got = {(e.field, e.reason) for e in exc.value.errors}
        assert got == {
            ("code", "duplicate"),                  # another SKU has it (any case)
            ("name", "required"),
            ("price", "negative"),
            ("barcodes[0]", "bad_check_digit"),
            ("barcodes[1]", "in_use"),              # TEE-RED-M has it
            ("kit[0]", "unknown_sku"),
            ("kit[1]", "is_kit"),                   # a kit holds plain SKUs only
            ("category_code", "unknown_category"),
            ("unit", "unknown_unit"),
        }
        assert {(e.field, e.reason) for e in catalog.validate_sku(s, cmd)} == got
        s.rollback()
        assert catalog.count_skus(s, SkuFilter()) == 6


def test_kits(shop, session_factory):
    _cats, ids = shop
    with session_factory() as s:
        d = catalog.get_sku(s, ids["SET-01"])
        assert d.kit == (KitLine("EAR-W-02", Decimal("2.000")), KitLine("SPK-01", Decimal("1.000")))
        # a component cannot become a kit while a kit holds it
        part = catalog.get_sku(s, ids["SPK-01"])
        errors = catalog.validate_sku(s, SkuInput(**{**_input(part), "kit": (KitLine("NOCAT-1", Decimal(1)),)}))
        assert [(e.field, e.reason) for e in errors] == [("kit", "used_in_kit")]
        # nor contain itself, even under its old code after a rename
        errors = catalog.validate_sku(s, SkuInput(**{**_input(d), "code": "SET-02", "kit": (KitLine("SET-01", 1),)}))
        assert [(e.field, e.reason) for e in errors] == [("kit[0]", "self_reference")]
    with session_factory.begin() as s:   # change a quantity, drop a component
        catalog.save_sku(s, SkuInput(**{**_input(d), "kit": (KitLine("ear-w-02", Decimal("3")),)}))
    with session_factory.begin() as s:   # no components: a plain SKU again
        d = catalog.get_sku(s, ids["SET-01"])
        assert d.kit == (KitLine("EAR-W-02", Decimal("3.000")),)
        catalog.save_sku(s, SkuInput(**{**_input(d), "kit": ()}))
    with session_factory() as s:
        assert catalog.get_sku(s, ids["SET-01"]).kit == ()
        assert catalog.list_skus(s, SkuFilter(kits_only=True)) == []


def test_concurrent_edit_is_refused(shop, session_factory):
    _cats, ids = shop
    with session_factory() as s:
        mine = catalog.get_sku(s, ids["SPK-01"])
    with session_factory() as s:
        theirs = catalog.get_sku(s, ids["SPK-01"])
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(**{**_input(theirs), "price": Decimal("279")}))
    with session_factory() as s, pytest.raises(ConcurrentChangeError):
        catalog.save_sku(s, SkuInput(**{**_input(mine), "price": Decimal("259")}))
    with session_factory() as s:
        assert catalog.get_sku(s, ids["SPK-01"]).price == Decimal("279.00")   # their change stands


def test_a_barcode_only_change_also_guards_against_a_stale_edit(shop, session_factory):
    _cats, ids = shop
    with session_factory() as s:
        mine = catalog.get_sku(s, ids["SPK-01"])
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(**{**_input(mine), "barcodes": ("4006381333931",)}))
    with session_factory() as s, pytest.raises(ConcurrentChangeError):
        catalog.save_sku(s, SkuInput(**{**_input(mine), "name": "Speaker"}))


def test_saving_an_unchanged_sku_changes_nothing(shop, session_factory):
    _cats, ids = shop
    with session_factory.begin() as s:
        d = catalog.get_sku(s, ids["EAR-BT-01"])
        catalog.save_sku(s, SkuInput(**_input(d)))
    with session_factory() as s:
        assert catalog.get_sku(s, ids["EAR-BT-01"]).version == d.version
        n = s.execute(select(func.count()).select_from(BusinessEvent)
                      .where(BusinessEvent.entity_id == ids["EAR-BT-01"])).scalar()
        assert n == 1


def test_missing_sku(session_factory):
    with session_factory() as s:
        with pytest.raises(NotFoundError):
            catalog.get_sku(s, 424242)
        with pytest.raises(NotFoundError):
            catalog.save_sku(s, SkuInput(code="A", name="B", id=424242))


def test_warehouse_user_may_change_weights_but_not_prices(shop, db):
    _cats, ids = shop
    warehouse = db.sessions(db.add_login("warehouse"))
    with warehouse.begin() as s:
        d = catalog.get_sku(s, ids["SPK-01"])
        catalog.save_sku(s, SkuInput(**{**_input(d), "weight_kg": Decimal("1.250")}))
    with warehouse() as s:
        d = catalog.get_sku(s, ids["SPK-01"])
        assert d.weight_kg == Decimal("1.250")
        with pytest.raises(PermissionDeniedError):
            catalog.save_sku(s, SkuInput(**{**_input(d), "price": Decimal("1")}))
    viewer = db.sessions(db.add_login("viewer"))
    with viewer() as s, pytest.raises(PermissionDeniedError):
        catalog.save_sku(s, SkuInput(code="NEW-1", name="new"))
