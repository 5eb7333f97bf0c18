"""SKU field checks and number parsing: what the dialog shows as the user types, and the importer reports."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from erp_desktop.domain.catalog import (
    ParseError,
    cell_text,
    format_kit,
    header_field,
    parse_barcode_list,
    parse_kit_text,
    parse_money,
    parse_quantity,
    parse_status,
    validate_sku_fields,
)


def good(**kw):
    base = dict(code="EAR-BT-01", name="蓝牙耳机", price=Decimal("199.00"), cost=Decimal("80.5"),
                weight_kg=Decimal("0.125"), length_cm=Decimal("10.5"), status="active", unit="pcs",
                barcodes=["6901234567892", "EAR-BT-01-INT"])
    base.update(kw)
    return base


def reasons(**kw):
    return {(e.field, e.reason) for e in validate_sku_fields(**good(**kw))}


@pytest.mark.parametrize(("text", "value"), [
    ("¥1,234.50", Decimal("1234.50")),
    ("￥12", Decimal("12")),              # full-width yen
    ("12.5元", Decimal("12.5")),
    ("RMB 3", Decimal("3")),
    ("¥ 12.00", Decimal("12.00")),
    ("12 元", Decimal("12")),
    ("  99 ", Decimal("99")),
    ("１２３．５", Decimal("123.5")),      # full-width digits from a Chinese IME
    ("-¥5", Decimal("-5")),
    ("(5.00)", Decimal("-5.00")),         # accounting style
    ("1,234,567.8", Decimal("1234567.8")),
    (".5", Decimal("0.5")),
    (12.5, Decimal("12.5")),
    (0.1 + 0.2, Decimal("0.3")),          # a spreadsheet float shows as 0.3, and is 0.3
    (7, Decimal("7")),
    (Decimal("1.10"), Decimal("1.10")),
])
def test_parse_money(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize(("text", "reason"), [
    ("", "required"),
    ("   ", "required"),
    (None, "required"),
    ("abc", "not_a_number"),
    ("1,5", "not_a_number"),      # a decimal comma is not guessed
    ("1.2.3", "not_a_number"),
    ("1e5", "not_a_number"),
    ("12 34", "not_a_number"),    # a space inside is a typo, not a separator
    (float("nan"), "not_a_number"),
    (True, "not_a_number"),
])
def test_parse_money_refuses_with_a_reason(text, reason):
    with pytest.raises(ParseError) as exc:
        parse_money(text)
    assert exc.value.reason == reason


def test_parse_quantity():
    assert parse_quantity("2") == 2
    assert parse_quantity("1,000.5") == Decimal("1000.5")
    assert parse_quantity("２") == 2
    for bad in ("2kg", "¥3", "x"):
        with pytest.raises(ParseError) as exc:
            parse_quantity(bad)
        assert exc.value.reason == "not_a_number"


def test_a_good_sku_has_no_problems():
    assert validate_sku_fields(**good()) == []
    assert validate_sku_fields(code="A", name="B") == []


def test_required_fields():
    assert reasons(code="", name="  ") == {("code", "required"), ("name", "required")}


def test_code_rules():
    assert reasons(code="EAR 01") == {("code", "whitespace")}
    assert reasons(code="A" * 65) == {("code", "too_long")}
    assert reasons(code="A" * 64) == set()


def test_money_rules():
    assert reasons(price=Decimal("-1")) == {("price", "negative")}
    assert reasons(cost=Decimal("1.234")) == {("cost", "too_many_decimals")}
    assert reasons(price=Decimal("1.500")) == set()          # trailing zeros are not decimals
    assert reasons(price=Decimal("1000000000000")) == {("price", "too_large")}
    assert reasons(price=1.5) == {("price", "not_a_number")}  # a float never gets near money
    assert reasons(price=Decimal("NaN")) == {("price", "not_a_number")}


def test_weight_and_size_rules():
    assert reasons(weight_kg=Decimal("0.1234")) == {("weight_kg", "too_many_decimals")}
    assert reasons(weight_kg=Decimal("-0.1")) == {("weight_kg", "negative")}
    assert reasons(length_cm=Decimal("10.25")) == {("length_cm", "too_many_decimals")}
    assert reasons(height_cm=Decimal("-1"), width_cm=Decimal("2.5")) == {("height_cm", "negative")}
    assert reasons(weight_kg=None, length_cm=None) == set()


def test_status_must_be_known():
    assert reasons(status="deleted") == {("status", "invalid_choice")}


def test_barcodes_are_checked_one_by_one():
    errors = validate_sku_fields(**good(barcodes=["6901234567892", "6901234567891", "bad code", "6901234567892"]))
    by_field = {e.field: e for e in errors}
    assert set(by_field) == {"barcodes[1]", "barcodes[2]", "barcodes[3]"}
    assert by_field["barcodes[1]"].reason == "bad_check_digit"
    assert "should be 2" in by_field["barcodes[1]"].detail
    assert by_field["barcodes[2]"].reason == "bad_characters"
    assert by_field["barcodes[3]"].reason == "duplicate"


def test_kit_lines():
    ok = [("CABLE-1", Decimal("2")), ("CASE-1", Decimal("1"))]
    assert reasons(kit=ok) == set()
    assert reasons(kit=[("ear-bt-01", Decimal("1"))]) == {("kit[0]", "self_reference")}
    assert reasons(kit=[("C1", Decimal("0")), ("C2", Decimal("-1"))]) == {("kit[0]", "not_positive"),
                                                                          ("kit[1]", "not_positive")}
    assert reasons(kit=[("C1", Decimal("1")), ("c1", Decimal("2"))]) == {("kit[1]", "duplicate")}
    assert reasons(kit=[("C1", Decimal("0.0005"))]) == {("kit[0]", "too_many_decimals")}
    assert reasons(kit=[("", Decimal("1"))]) == {("kit[0]", "required")}


def test_kit_lines_as_objects():
    class Line:
        def __init__(self, component_code, quantity):
            self.component_code, self.quantity = component_code, quantity

    assert reasons(kit=[Line("C1", Decimal("0"))]) == {("kit[0]", "not_positive")}


def test_every_problem_at_once_with_details():
    errors = validate_sku_fields(code="", name="", price=Decimal("-1"), status="x", barcodes=["1"])
    assert {e.field for e in errors} == {"code", "name", "price", "status"}
    assert all(e.detail for e in errors)


def test_fast_enough_to_run_on_every_keystroke():
    kw = good(kit=[("C1", Decimal("1")), ("C2", Decimal("2"))])
    start = time.perf_counter()
    for _ in range(2000):
        validate_sku_fields(**kw)
    assert time.perf_counter() - start < 1.0      # typically ~30 ms for 2,000 checks


# ---------------------------------------------------------------------------------------------
# spreadsheet cells
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "field"), [
    ("SKU编码", "code"), ("code", "code"), ("SKU Code", "code"), ("名称", "name"), ("售价", "price"),
    ("Weight (kg)", "weight_kg"), ("重量（kg）", "weight_kg"), ("条码", "barcodes"), ("货品编码", "product_code"),
    ("组合", "kit"), ("category_name", ""), ("颜色", None),
])
def test_headers_in_english_or_chinese(header, field):
    assert header_field(header) == field


@pytest.mark.parametrize(("cell", "text"), [
    (None, ""), ("  abc ", "abc"), (6901234567892, "6901234567892"), (6901234567892.0, "6901234567892"),
    (12.5, "12.5"), ('="00123"', "00123"), ('="say ""hi"""', 'say "hi"'), (Decimal("1.50"), "1.50"),
])
def test_cell_text(cell, text):
    assert cell_text(cell) == text


def test_status_words():
    assert parse_status("在售") == "active" and parse_status(" Inactive ") == "inactive"
    assert parse_status("停产") == "discontinued"
    with pytest.raises(ParseError) as exc:
        parse_status("sold")
    assert exc.value.reason == "invalid_choice"


def test_barcode_and_kit_lists():
    assert parse_barcode_list("6901234567892; INT-1,INT-2  INT-3；INT-4") == (
        "6901234567892", "INT-1", "INT-2", "INT-3", "INT-4")
    lines = parse_kit_text("CUP-1*2; SPOON-1 ；BOX-1×1.5")
    assert lines == (("CUP-1", Decimal(2)), ("SPOON-1", Decimal(1)), ("BOX-1", Decimal("1.5")))
    assert format_kit([("CUP-1", Decimal("2.000")), ("BOX-1", Decimal("10")), ("S", Decimal("1.500"))]) == \
        "CUP-1*2;BOX-1*10;S*1.5"
    assert parse_kit_text(format_kit(lines)) == lines
    with pytest.raises(ParseError):
        parse_kit_text("CUP-1*two")
