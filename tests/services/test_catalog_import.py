"""SKU import and export with real files (CSV in GBK and UTF-8 with BOM, xlsx) on a real PostgreSQL."""

from __future__ import annotations

import csv
import io
import time
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, insert, select

from erp_desktop.db.models import Barcode, BusinessEvent, Category, KitComponent, Product, Sku
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.errors import PermissionDeniedError, ValidationError
from erp_desktop.services import catalog
from erp_desktop.services.catalog import KitLine, SkuFilter, SkuInput

ZH = ["SKU编码", "名称", "规格", "分类", "售价", "成本", "重量", "条码", "单位", "状态"]
EN = ["code", "name", "spec", "category", "price", "cost", "weight_kg", "barcodes", "unit", "status"]


def ean(n: int) -> str:
    return make_ean13(f"690{n:09d}")


@pytest.fixture
def cats(session_factory):
    with session_factory.begin() as s:
        elec = s.execute(insert(Category).values(code="ELEC", name="电子").returning(Category.id)).scalar_one()
        s.execute(insert(Category).values(code="ELEC-EAR", name="耳机", parent_id=elec))
        s.execute(insert(Category).values(code="CLOTH", name="服装"))


def write_csv(path, rows, encoding="utf-8-sig", delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def run(session_factory, path, **kw):
    with session_factory.begin() as s:
        return catalog.import_skus(s, path, **kw)


def count(session_factory, model=Sku) -> int:
    with session_factory() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def errors(report) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.code) for e in report.errors]


# ---------------------------------------------------------------------------------------------
# files as people make them
# ---------------------------------------------------------------------------------------------

def test_gbk_csv_with_chinese_headers(cats, session_factory, tmp_path):
    path = write_csv(tmp_path / "商品.csv", [
        ZH,
        ["EAR-BT-01", "蓝牙耳机", "黑色", "ELEC-EAR", "￥1,299.00", "650", "0.12", f"{ean(1)};EAR-INT-1", "件", "在售"],
        ["TEE-M", "纯棉T恤", "M", "服装", "59.9", "20", "", "", "件", "停用"],    # category by name
    ], encoding="gbk")
    report = run(session_factory, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (2, 0, 0, [])
    with session_factory() as s:
        ear = catalog.get_sku(s, catalog.find_sku_by_barcode(s, ean(1)))
        assert (ear.name, ear.spec, ear.category_code, ear.price, ear.cost) == (
            "蓝牙耳机", "黑色", "ELEC-EAR", Decimal("1299.00"), Decimal("650.00"))
        assert ear.weight_kg == Decimal("0.120") and ear.barcodes == (ean(1), "EAR-INT-1") and ear.unit == "pcs"
        tee = catalog.list_skus(s, SkuFilter(text="TEE-M"))[0]
        assert tee.status == "inactive" and tee.category == "服装" and tee.weight_kg is None
        assert catalog.list_skus(s, SkuFilter(text="lyej"))[0].code == "EAR-BT-01"    # pinyin computed


def test_utf8_bom_csv_with_excel_text_cells(cats, session_factory, tmp_path):
    # Excel keeps leading zeros when a cell is written ="0012": the import must unwrap it
    path = write_csv(tmp_path / "skus.csv", [
        EN,
        ['="00123"', "Leading zeros", "", "", "10", "5", "", '="0036000291452"', "pcs", "active"],
        ["A-2", '="Quoted, name"', "", "", "1,000.50", "0", "1.5", f"{ean(2)}, {ean(3)}", "box", ""],
    ], encoding="utf-8-sig")
    report = run(session_factory, path)
    assert report.errors == [] and report.created == 2
    with session_factory() as s:
        d = catalog.get_sku(s, catalog.find_sku_by_barcode(s, "036000291452"))
        assert d.code == "00123" and d.barcodes == ("0036000291452",)
        a2 = catalog.get_sku(s, catalog.find_sku_by_barcode(s, "A-2"))
        assert a2.name == "Quoted, name" and a2.price == Decimal("1000.50") and a2.unit == "box"
        assert a2.barcodes == (ean(2), ean(3)) and a2.status == "active"


def test_xlsx_with_numbers_as_numbers(cats, session_factory, tmp_path):
    path = write_xlsx(tmp_path / "skus.xlsx", [
        ["SKU编码", "名称", "售价", "重量(kg)", "条码", "货品编码", "Colour"],
        [10001, "数字编码商品", 12.5, 0.25, int(ean(4)), "P-1", "red"],     # what Excel stores as numbers
        ["10002", "同款 大号", 0.1 + 0.2, None, None, "P-1", "blue"],
    ])
    report = run(session_factory, path)
    assert report.errors == [] and report.created == 2
    assert report.ignored_columns == ["Colour"]
    with session_factory() as s:
        d = catalog.get_sku(s, catalog.find_sku_by_barcode(s, ean(4)))
        assert (d.code, d.price, d.weight_kg, d.product_code) == ("10001", Decimal("12.50"), Decimal("0.250"), "P-1")
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, "10002")).price == Decimal("0.30")
        assert s.execute(select(func.count()).select_from(Product)).scalar() == 1     # both in product P-1


def test_tab_separated_utf16_from_excel_unicode_text(cats, session_factory, tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("code\tname\tprice\r\nU-1\t统一码文本\t8\r\n".encode("utf-16"))
    report = run(session_factory, path)
    assert report.errors == [] and report.created == 1


# ---------------------------------------------------------------------------------------------
# bad rows, re-imports, kits
# ---------------------------------------------------------------------------------------------

def test_bad_rows_are_listed_and_good_rows_go_in(cats, session_factory, tmp_path):
    rows = [["编码", "名称", "售价", "条码", "组合"]]
    for i in range(1, 41):
        rows.append([f"SKU-{i:03d}", f"商品{i}", f"{i}.5", ean(100 + i), ""])
    rows[7][3] = "6901234567891"                 # file row 8: wrong check digit
    rows[20][2] = "-5"                           # file row 21: negative price
    rows[33][4] = "SKU-001*2;NO-SUCH*1"          # file row 34: a kit with an unknown component
    rows.append(["", "", "", "", ""])            # a blank line at the end is not an error
    report = run(session_factory, write_csv(tmp_path / "many.csv", rows))
    assert errors(report) == [(8, "条码", "bad_check_digit"), (21, "售价", "negative"), (34, "组合", "unknown_sku")]
    assert "should be 2" in report.errors[0].reason
    assert "NO-SUCH" in report.errors[2].reason
    assert report.created == 37
    with session_factory() as s:
        for bad in ("SKU-007", "SKU-020", "SKU-033"):
            assert catalog.find_sku_by_barcode(s, bad) is None
        assert catalog.find_sku_by_barcode(s, "SKU-008") is not None


def test_reimport_updates_and_never_duplicates(cats, session_factory, tmp_path):
    rows = [EN] + [[f"R-{i}", f"商品{i}", "", "ELEC", "10", "4", "0.5", ean(200 + i), "pcs", "active"]
                   for i in range(10)]
    path = write_csv(tmp_path / "r.csv", rows)
    assert run(session_factory, path).created == 10
    again = run(session_factory, path)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 10, [])
    rows[3][4] = "12"                      # a new price
    rows[5][0] = "r-4"                     # another case of the same code: the same SKU
    rows[6][7] = f"{ean(205)};NEW-LABEL"   # one more barcode
    report = run(session_factory, write_csv(tmp_path / "r2.csv", rows))
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 3, 7)
    assert count(session_factory) == 10 and count(session_factory, Product) == 10
    with session_factory() as s:   # one set-based write, each change recorded for the other areas
        events = s.execute(select(BusinessEvent.payload).where(BusinessEvent.kind == "sku_updated")).scalars()
        assert sorted((e["code"], e["source"], tuple(e["changed"])) for e in events) == [
            ("R-2", "import", ("price",)), ("R-5", "import", ("barcodes",)), ("r-4", "import", ("code",))]
    with session_factory() as s:
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, "R-2")).price == Decimal("12.00")
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, "NEW-LABEL")).code == "R-5"
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, "r-4")).code == "r-4"


def test_only_the_columns_in_the_file_change(cats, session_factory, tmp_path):
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(code="W-1", name="称重商品", price=Decimal("9.90"), category_code="CLOTH",
                                     barcodes=(ean(300),)))
    report = run(session_factory, write_csv(tmp_path / "w.csv", [["SKU编码", "重量"], ["W-1", "1.25"]]))
    assert report.updated == 1 and report.errors == []
    with session_factory() as s:
        d = catalog.get_sku(s, catalog.find_sku_by_barcode(s, "W-1"))
        assert (d.weight_kg, d.price, d.category_code, d.barcodes, d.name) == (
            Decimal("1.250"), Decimal("9.90"), "CLOTH", (ean(300),), "称重商品")


def test_kits_may_list_components_further_down(cats, session_factory, tmp_path):
    path = write_csv(tmp_path / "kits.csv", [
        ["code", "name", "kit"],
        ["GIFT-SET", "礼盒", "CUP-1*2; spoon-1"],       # the parts come later in the file
        ["BAD-SET", "坏套装", "GIFT-SET*1"],            # a kit inside a kit
        ["CUP-1", "杯子", ""],
        ["SPOON-1", "勺子", ""],
    ])
    report = run(session_factory, path)
    assert errors(report) == [(3, "kit", "is_kit")]
    assert report.created == 3
    with session_factory() as s:
        d = catalog.get_sku(s, catalog.find_sku_by_barcode(s, "GIFT-SET"))
        assert d.kit == (KitLine("CUP-1", Decimal("2.000")), KitLine("SPOON-1", Decimal("1.000")))
    again = run(session_factory, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_problems_between_rows_and_with_the_database(cats, session_factory, tmp_path):
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(code="OLD-1", name="已有", barcodes=(ean(400),)))
    path = write_csv(tmp_path / "x.csv", [
        ["code", "name", "barcodes", "category", "status", "unit", "price"],
        ["D-1", "一", ean(401), "", "", "", ""],
        ["d-1", "二", "", "", "", "", ""],              # the same code twice
        ["D-2", "三", ean(401), "", "", "", ""],        # a barcode already on row 2
        ["D-3", "四", ean(400), "", "", "", ""],        # a barcode of another SKU
        ["D-4", "五", "", "NOPE", "", "", ""],          # unknown category
        ["D-5", "六", "", "", "sold", "", ""],          # unknown status
        ["D-6", "七", "", "", "", "crate", ""],         # unknown unit
        ["D-7", "八", "", "", "", "", "12元3"],         # not a number
        ["D 8", "九", "", "", "", "", ""],              # a space in the code
    ])
    report = run(session_factory, path)
    assert errors(report) == [
        (3, "code", "duplicate"), (4, "barcodes", "duplicate"), (5, "barcodes", "in_use"),
        (6, "category", "unknown_category"), (7, "status", "invalid_choice"), (8, "unit", "unknown_unit"),
        (9, "price", "not_a_number"), (10, "code", "whitespace")]
    assert "OLD-1" in report.errors[2].reason
    assert report.created == 1


def test_an_unforeseen_conflict_still_keeps_the_good_rows(cats, session_factory, tmp_path):
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(code="HOLDER", name="有条码", barcodes=(ean(450),)))
    # row 3 gives up the barcode that row 2 takes, but row 3 fails on its kit: the set-based
    # write then meets the unique barcode; the import redoes the rows one by one
    path = write_csv(tmp_path / "c.csv", [
        ["code", "name", "barcodes", "kit"],
        ["TAKER", "拿条码", ean(450), ""],
        ["HOLDER", "有条码", "", "NO-SUCH*1"],
        ["FINE-1", "正常", ean(451), ""],
    ])
    report = run(session_factory, path)
    assert errors(report) == [(2, "barcodes", "in_use"), (3, "kit", "unknown_sku")]
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    with session_factory() as s:
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, ean(450))).code == "HOLDER"
        assert catalog.find_sku_by_barcode(s, "FINE-1") is not None
        assert catalog.find_sku_by_barcode(s, "TAKER") is None


def test_title_rows_above_the_header_keep_the_row_numbers(cats, session_factory, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [
        ["2026年11月 商品资料"],
        [],
        ["SKU编码", "名称", "货品编码", "分类"],
        ["T-1", "上衣 S", "TOP", "CLOTH"],
        ["T-2", "上衣 M", "TOP", "ELEC"],          # the same product, another category
        ["T-3", "上衣 L", "TOP", "CLOTH"],
    ])
    report = run(session_factory, path)
    assert errors(report) == [(5, "分类", "category_conflict")]
    assert "row 4" in report.errors[0].reason
    assert report.created == 2


def test_a_file_without_a_code_column(session_factory, tmp_path):
    report = run(session_factory, write_csv(tmp_path / "n.csv", [["名称", "售价"], ["x", "1"]]))
    assert errors(report) == [(1, "", "missing_column")]
    report = run(session_factory, write_csv(tmp_path / "e.csv", []))
    assert errors(report) == [(1, "", "empty_file")]
    with pytest.raises(ValidationError):
        run(session_factory, tmp_path / "skus.pdf")


def test_viewer_may_not_import(cats, db, tmp_path):
    viewer = db.sessions(db.add_login("viewer"))
    path = write_csv(tmp_path / "v.csv", [["code", "name"], ["V-1", "查看"]])
    with viewer.begin() as s, pytest.raises(PermissionDeniedError):
        catalog.import_skus(s, path)


def test_ten_thousand_rows_in_a_few_seconds(cats, session_factory, tmp_path):
    rows = [[*ZH, "组合"]]
    for i in range(10_000):
        kit = f"BIG-{i - 1:05d}*2" if i % 100 == 1 else ""     # a hundred kits of the row above
        rows.append([f"BIG-{i:05d}", f"蓝牙耳机 {i}", "", "ELEC-EAR", f"{i % 500}.99", "3", "0.2",
                     ean(10_000 + i), "件", "在售", kit])
    path = write_csv(tmp_path / "big.csv", rows, encoding="gbk")
    start = time.perf_counter()
    report = run(session_factory, path)
    first = time.perf_counter() - start
    assert report.errors == [] and report.created == 10_000
    start = time.perf_counter()
    again = run(session_factory, path)
    second = time.perf_counter() - start
    assert again.unchanged == 10_000
    with session_factory() as s:
        assert s.execute(select(func.count()).select_from(KitComponent)).scalar() == 100
        assert s.execute(select(func.count()).select_from(Barcode)).scalar() == 10_000
    assert first < 20 and second < 20, (first, second)     # a few seconds on the reference machine


# ---------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def catalogue(cats, session_factory):
    with session_factory.begin() as s:
        catalog.save_sku(s, SkuInput(code="EX-1", name="蓝牙耳机", category_code="ELEC-EAR", price=Decimal("199"),
                                     cost=Decimal("80.5"), weight_kg=Decimal("0.125"), length_cm=Decimal("10.5"),
                                     barcodes=(ean(500), "EX-1-INT"), spec="黑色"))
        catalog.save_sku(s, SkuInput(code="EX-2", name="耳机收纳盒", product_code="BOXES", status="inactive",
                                     unit="box", price=Decimal("9.9")))
        catalog.save_sku(s, SkuInput(code="00EX-3", name="套装", kit=(KitLine("EX-1", Decimal("2")),
                                                                      KitLine("EX-2", Decimal("1.5")))))


def test_export_writes_what_the_list_shows(catalogue, session_factory, tmp_path):
    path = tmp_path / "export.xlsx"
    flt = SkuFilter(text="ej")
    with session_factory() as s:
        n = catalog.export_skus(s, flt, path, sort="price", descending=True)
        shown = [r.code for r in catalog.list_skus(s, flt, "price", True)]
    assert n == 2 and shown == ["EX-1", "EX-2"]
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert [r[0] for r in rows[1:]] == shown
    first = dict(zip(header, rows[1], strict=True))
    assert first["price"] == 199 and isinstance(first["price"], int | float)          # a number, not text
    assert ws.cell(row=2, column=header.index("price") + 1).number_format == "0.00"
    assert first["barcodes"] == f"{ean(500)};EX-1-INT"
    assert (first["category"], first["category_name"], first["weight_kg"]) == ("ELEC-EAR", "耳机", 0.125)


def test_export_then_import_is_a_round_trip(catalogue, session_factory, tmp_path):
    path = tmp_path / "all.xlsx"
    with session_factory() as s:
        assert catalog.export_skus(s, SkuFilter(), path) == 3
    report = run(session_factory, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 3, [])
    # edit the exported file as a user would, and import it back
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    kit_row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "00EX-3")
    assert kit_row[header.index("kit")].value == "EX-1*2;EX-2*1.5"
    kit_row[header.index("price")].value = 350
    ws.append(["EX-4", "新商品", "EX-4", "", "CLOTH", "", "pcs", "active", 5, 1, None, None, None, None,
               ean(501), None])
    wb.save(path)
    report = run(session_factory, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (1, 1, 2, [])
    with session_factory() as s:
        assert catalog.get_sku(s, catalog.find_sku_by_barcode(s, "00EX-3")).price == Decimal("350.00")


def test_round_trip_into_an_empty_catalogue(catalogue, session_factory, db, tmp_path):
    path = tmp_path / "all.xlsx"
    with session_factory() as s:
        before = {r.code: catalog.get_sku(s, r.id) for r in catalog.list_skus(s, SkuFilter())}
        catalog.export_skus(s, SkuFilter(), path)
    with db.superuser() as conn:
        conn.execute("TRUNCATE catalog.kit_component, catalog.barcode, catalog.sku, catalog.product CASCADE")
    report = run(session_factory, path)
    assert report.created == 3 and report.errors == []
    with session_factory() as s:
        after = {r.code: catalog.get_sku(s, r.id) for r in catalog.list_skus(s, SkuFilter())}
    strip = ("id", "version")
    assert {c: {k: v for k, v in vars(d).items() if k not in strip} for c, d in after.items()} == \
           {c: {k: v for k, v in vars(d).items() if k not in strip} for c, d in before.items()}


def test_unknown_sheet(cats, session_factory, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", [["code", "name"], ["S-1", "x"]])
    with pytest.raises(ValidationError):
        run(session_factory, path, sheet="Products")
    assert run(session_factory, path, sheet="Sheet").created == 1
