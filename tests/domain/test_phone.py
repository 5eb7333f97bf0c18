"""Receiver phones as the platforms export them: parsed, normalised, and a reason when unusable."""

from __future__ import annotations

import pytest

from erp_desktop.domain.phone import parse_phone


@pytest.mark.parametrize(("raw", "e164", "national"), [
    ("13800138000", "+8613800138000", "13800138000"),
    ('="13800138000"', "+8613800138000", "13800138000"),         # Excel's text-formula export
    ("'13800138000", "+8613800138000", "13800138000"),           # a typed-in apostrophe
    (" 138 0013 8000 ", "+8613800138000", "13800138000"),
    ("+86 138-0013-8000", "+8613800138000", "13800138000"),
    ("86-13800138000", "+8613800138000", "13800138000"),
    ("0086 13800138000", "+8613800138000", "13800138000"),
    ("(+86)13800138000", "+8613800138000", "13800138000"),
    ("１３８００１３８０００", "+8613800138000", "13800138000"),      # full-width digits
    ("手机:13800138000", "+8613800138000", "13800138000"),         # a label in the cell
    ("13800138000(本人)", "+8613800138000", "13800138000"),
    ("19912345678", "+8619912345678", "19912345678"),            # the 199 range
])
def test_mobiles_in_every_spelling_become_one_number(raw, e164, national):
    check = parse_phone(raw)
    assert (check.kind, check.e164, check.national, check.extension, check.problem) == (
        "mobile", e164, national, None, None)
    assert check.match_key == e164
    assert check.region == "CN"


@pytest.mark.parametrize(("raw", "e164", "national", "extension"), [
    ("0571-88886666", "+8657188886666", "0571-88886666", None),
    ("057188886666", "+8657188886666", "0571-88886666", None),
    ("(0571)88886666", "+8657188886666", "0571-88886666", None),
    ("0571 8888 6666", "+8657188886666", "0571-88886666", None),
    ("0571/88886666", "+8657188886666", "0571-88886666", None),  # a slash after the area code
    ("010-12345678", "+861012345678", "010-12345678", None),     # Beijing: two-digit area code
    ("020-88886666", "+862088886666", "020-88886666", None),
    ("+86 571 8888 6666", "+8657188886666", "0571-88886666", None),
    ("0571-88886666-801", "+8657188886666", "0571-88886666", "801"),   # a switchboard extension
    ("0571-88886666转801", "+8657188886666", "0571-88886666", "801"),
])
def test_landlines_keep_their_area_code(raw, e164, national, extension):
    check = parse_phone(raw)
    assert (check.kind, check.e164, check.national, check.extension, check.problem) == (
        "fixed_line", e164, national, extension, None)
    assert check.match_key == e164                     # a company's main line does identify it


@pytest.mark.parametrize(("raw", "extension"), [
    ("17012345678-1234", "1234"),                      # JD / Taobao privacy numbers
    ("13800138000-1234", "1234"),
    ("13800138000转1234", "1234"),
    ("13800138000#1234", "1234"),
    ("13800138000 ext. 1234", "1234"),
    ("+86 138 0013 8000 转 5678", "5678"),
])
def test_virtual_numbers_keep_the_extension_and_match_no_customer(raw, extension):
    check = parse_phone(raw)
    assert check.kind == "virtual"
    assert check.extension == extension
    assert check.problem is None                       # the courier can call it
    assert check.e164 is not None and check.e164.startswith("+86")
    assert check.match_key is None                     # the main line is shared by thousands of buyers


@pytest.mark.parametrize(("raw", "national"), [
    ("138****8000", "138****8000"),
    ("+86-138****8000", "138****8000"),
    ("138xxxx8000", "138****8000"),
    ("１３８＊＊＊＊８０００", "138****8000"),
])
def test_masked_numbers_ship_through_the_platform_but_match_nobody(raw, national):
    check = parse_phone(raw)
    assert (check.kind, check.national, check.e164, check.problem, check.match_key) == (
        "masked", national, None, None, None)


def test_a_masked_cell_of_no_phone_length_is_a_problem():
    check = parse_phone("****")
    assert (check.kind, check.problem) == ("masked", "masked_unusable")


@pytest.mark.parametrize(("raw", "kind", "problem"), [
    ("", "missing", "missing"),
    ("   ", "missing", "missing"),
    (None, "missing", "missing"),
    ('=""', "missing", "missing"),
    ("88886666", "invalid", "missing_area_code"),      # a landline without 0571-
    ("14012345678", "invalid", "invalid"),             # 140 is no mobile range
    ("1380013800", "invalid", "invalid"),              # a digit short
    ("138001380001", "invalid", "invalid"),            # a digit too many
    ("无", "invalid", "invalid"),
    ("1.38001E+10", "invalid", "invalid"),             # what a spreadsheet made of it
])
def test_unusable_numbers_say_why(raw, kind, problem):
    check = parse_phone(raw)
    assert (check.kind, check.problem) == (kind, problem)
    assert check.e164 is None and check.match_key is None
    assert not check.ok


def test_two_numbers_in_one_cell_take_the_first_valid_and_keep_the_other():
    check = parse_phone("13800138000/13900139000")
    assert (check.e164, check.others) == ("+8613800138000", ("+8613900139000",))
    check = parse_phone("13800138000，0571-88886666")       # a full-width comma
    assert (check.e164, check.others) == ("+8613800138000", ("+8657188886666",))
    check = parse_phone("13800138000 13900139000")
    assert (check.e164, check.others) == ("+8613800138000", ("+8613900139000",))
    check = parse_phone("1380013800/13900139000")           # the first is a digit short
    assert (check.e164, check.others, check.problem) == ("+8613900139000", ("1380013800",), None)
    check = parse_phone("123/456")
    assert check.problem == "invalid" and check.others == ("456",)


@pytest.mark.parametrize(("raw", "region", "e164", "where"), [
    ("+852 2123 4567", "CN", "+85221234567", "HK"),
    ("+853 6612 3456", "CN", "+85366123456", "MO"),
    ("+1 415-555-2671", "CN", "+14155552671", "US"),
    ("(415) 555-2671", "US", "+14155552671", "US"),         # a Shopify order from the US
    ("020 7946 0018", "GB", "+442079460018", "GB"),
])
def test_foreign_numbers_are_valid_and_say_where(raw, region, e164, where):
    check = parse_phone(raw, region=region)
    assert (check.kind, check.e164, check.region, check.problem) == ("foreign", e164, where, None)
    assert check.match_key == e164


def test_a_chinese_mobile_in_a_foreign_order_is_still_chinese():
    check = parse_phone("+86 13800138000", region="US")
    assert (check.kind, check.e164) == ("mobile", "+8613800138000")


def test_service_numbers_are_reachable():
    check = parse_phone("400-123-4567")
    assert (check.kind, check.e164, check.problem) == ("fixed_line", "+864001234567", None)
