"""GS1 element strings as scanners send them: what a packer scans off a carton or a medicine box
comes out as GTIN, lot, expiry, serial, count and weight, and a damaged or mistyped code is refused
with the reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from erp_desktop.domain.gs1 import AIS, GS, Gs1Error, looks_like_gs1, parse_gs1

TODAY = date(2025, 6, 15)


def parse(text: str, **kw) -> object:
    return parse_gs1(text, today=TODAY, **kw)


def test_gs1_128_with_symbology_id_and_gs_after_variable_lot():
    d = parse("]C1" + "0106901234567892" + "17261231" + "10LOT-42" + GS + "21SN0001")
    assert d.symbology == "GS1-128"
    assert (d.gtin, d.expiry, d.lot, d.serial) == ("06901234567892", date(2026, 12, 31), "LOT-42", "SN0001")
    assert d.raw == {"01": "06901234567892", "17": "261231", "10": "LOT-42", "21": "SN0001"}


def test_datamatrix_as_scanned_with_leading_fnc1_and_trailing_gs():
    # a DataMatrix on a medicine box: the scanner sends the symbol's leading FNC1 as GS too
    d = parse("]d2" + GS + "01069012345678921726063010A1B2" + GS + "21XYZ789" + GS)
    assert d.symbology == "GS1 DataMatrix"
    assert (d.gtin, d.expiry, d.lot, d.serial) == ("06901234567892", date(2026, 6, 30), "A1B2", "XYZ789")


@pytest.mark.parametrize("ident, name", [("]Q3", "GS1 QR Code"), ("]e0", "GS1 DataBar")])
def test_other_gs1_symbologies(ident, name):
    assert parse(ident + "0106901234567892").symbology == name


def test_without_symbology_identifier():
    d = parse("0106901234567892" + "3103001250" + "3712")      # fixed 01, fixed 3103, variable 37 last
    assert (d.gtin, d.weight_kg, d.quantity, d.symbology) == ("06901234567892", Decimal("1.250"), 12, "")


def test_human_readable_form_with_spaces():
    d = parse("(01) 06901234567892 (17) 270131 (10) B-7 (21) 42")
    assert (d.gtin, d.expiry, d.lot, d.serial) == ("06901234567892", date(2027, 1, 31), "B-7", "42")
    # 2027 is not a leap year: 29 February does not exist
    with pytest.raises(Gs1Error) as e:
        parse("(01)06901234567892(17)270229")
    assert e.value.reason == "bad_date" and e.value.ai == "17"
    d = parse("(01)06901234567892(17)280229(10)B-7")
    assert (d.gtin, d.expiry, d.lot) == ("06901234567892", date(2028, 2, 29), "B-7")


def test_day_00_is_the_last_day_of_the_month():
    assert parse("0106901234567892" + "17260200").expiry == date(2026, 2, 28)
    assert parse("0106901234567892" + "17280200").expiry == date(2028, 2, 29)
    assert parse("0106901234567892" + "17261100").expiry == date(2026, 11, 30)


def test_other_dates_and_the_century_window():
    d = parse("(11)240105(13)240106(15)991231(17)741231")
    assert d.production_date == date(2024, 1, 5)
    assert d.raw["13"] == "240106"
    assert d.best_before == date(1999, 12, 31)      # 99 is more than 50 years ahead of 2025: last century
    assert d.expiry == date(2074, 12, 31)           # 74 is at most 50 years ahead: this century


@pytest.mark.parametrize("ai, value, kg", [
    ("3100", "000002", Decimal("2")),
    ("3102", "001250", Decimal("12.50")),
    ("3103", "001234", Decimal("1.234")),
    ("3105", "123456", Decimal("1.23456")),
])
def test_net_weight_decimals_come_from_the_ai(ai, value, kg):
    assert parse("0106901234567892" + ai + value).weight_kg == kg


def test_net_weight_in_pounds_is_converted_and_gross_weight_kept_apart():
    d = parse("(3201)000020(3302)001500")
    assert d.weight_kg == Decimal("0.907184740")            # 2.0 lb
    assert d.gross_weight_kg == Decimal("15.00")


def test_logistic_label_sscc_content_count_and_po():
    d = parse("]C1" + "00106141411234567897" + "0206901234567892" + "3748" + GS + "400PO-2025-77")
    assert d.sscc == "106141411234567897"
    assert d.gtin == "06901234567892"                        # the contents' GTIN when there is no AI 01
    assert d.quantity == 48
    assert d.raw["400"] == "PO-2025-77"


def test_variable_count_30():
    assert parse("(30)5").quantity == 5


def test_placeholder_separator_from_a_programmed_scanner():
    d = parse("0106901234567892" + "10LOT1~21S1", separators="~" + GS)
    assert (d.lot, d.serial) == ("LOT1", "S1")


@pytest.mark.parametrize("text, reason, ai", [
    ("0106901234567891", "bad_check_digit", "01"),            # last digit misread / mistyped
    ("(02)06901234567890", "bad_check_digit", "02"),
    ("00106141411234567890", "bad_check_digit", "00"),
    ("01069012345678", "too_short", "01"),                    # cut off
    ("0106901234567892" + "17261", "too_short", "17"),
    ("0106901234567892" + "17261331", "bad_date", "17"),      # month 13
    ("0106901234567892" + "17260431", "bad_date", "17"),      # 31 April
    ("0106901234567892" + "1726A231", "bad_digits", "17"),
    ("0106901234567892" + "10LOT 1", "bad_characters", "10"), # space is not in the GS1 character set
    ("10" + "A" * 21, "too_long", "10"),
    ("(01)06901234567892(01)04006381333931", "conflicting", "01"),
    ("(30)123456789", "too_long", "30"),
])
def test_malformed_data_is_refused_with_the_reason(text, reason, ai):
    with pytest.raises(Gs1Error) as e:
        parse(text)
    assert (e.value.reason, e.value.ai) == (reason, ai)


def test_lost_gs_separator_makes_the_lot_too_long():
    # a keyboard-wedge scanner dropped the GS after the lot: lot and serial run together
    with pytest.raises(Gs1Error) as e:
        parse("0106901234567892" + "10LOT-2025-06-A" + "21SN-000000123")
    assert e.value.reason == "too_long" and "separator" in str(e.value)


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   ", "empty"),
    ("]E06901234567892", "not_gs1"),          # an EAN-13 with its AIM id: not GS1 data
    ("]C0SKU-ABC-001", "not_gs1"),            # plain Code 128
    ("SKU-ABC-001", "not_gs1"),
    ("0106901234567892" + "9912", "unknown_ai"),
    ("LOT42(10)", "not_gs1"),
])
def test_not_gs1_at_all(text, reason):
    with pytest.raises(Gs1Error) as e:
        parse(text)
    assert e.value.reason == reason


def test_unknown_ai_is_kept_in_the_bracketed_form():
    d = parse("(01)06901234567892(91)INTERNAL-7")
    assert d.gtin == "06901234567892" and d.raw["91"] == "INTERNAL-7"


def test_error_position_points_into_the_scanned_text():
    text = "]C1" + "0106901234567892" + "17261399"
    with pytest.raises(Gs1Error) as e:
        parse(text)
    assert text[e.value.position:].startswith("17")


def test_what_looks_like_gs1():
    assert looks_like_gs1("]C10106901234567892")
    assert looks_like_gs1("0106901234567892" + "10A" + GS + "21B")
    assert looks_like_gs1("(01)06901234567892")
    assert not looks_like_gs1("6901234567892")
    assert not looks_like_gs1("SKU-ABC-001")


def test_result_is_frozen_and_hashable():
    d = parse("0106901234567892")
    with pytest.raises(AttributeError):
        d.gtin = "x"
    assert hash(d) == hash(parse("0106901234567892"))


def test_ai_table_is_prefix_free():
    # no AI may be the start of another, or run-together data could be read two ways
    for a in AIS:
        for b in AIS:
            assert a == b or not b.startswith(a), (a, b)
