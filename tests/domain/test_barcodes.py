"""Barcodes: a typist's wrong check digit is caught and explained; what a scanner sends is found."""

from __future__ import annotations

import pytest

from erp_desktop.domain.barcodes import classify, gtin_check_digit, gtin_equivalents, gtin_valid, make_ean13


@pytest.mark.parametrize(("code", "kind"), [
    ("4006381333931", "EAN13"),     # a real EAN-13
    ("6901234567892", "EAN13"),     # a Chinese (690-699) EAN-13
    ("036000291452", "UPCA"),       # a real UPC-A
    ("96385074", "EAN8"),
    ("10614141000415", "GTIN14"),
    ("SKU-RED-42", "CODE128"),      # an internal label
    ("12345", "CODE128"),           # short numbers are internal codes, not GTINs
])
def test_good_codes_are_classified(code, kind):
    assert classify(code) == (kind, None)


def test_wrong_check_digit_names_the_right_one():
    kind, problem = classify("6901234567891")
    assert kind is None
    assert problem.reason == "bad_check_digit"
    assert "should be 2" in problem.detail


@pytest.mark.parametrize(("code", "reason"), [
    ("", "empty"),
    ("   ", "empty"),
    ("AB 12", "bad_characters"),            # a space inside
    ("条码123", "bad_characters"),           # not what a scanner can print
    ("690123456789", "bad_check_digit"),    # 12 digits: a UPC-A with a wrong check digit
    ("69012345678", "bad_length"),          # an EAN-13 / UPC-A without its check digit
    ("6.90123E+12", "looks_like_number"),   # what Excel makes of a barcode in a number column
])
def test_bad_codes_are_refused_with_a_reason(code, reason):
    kind, problem = classify(code)
    assert kind is None and problem.reason == reason


def test_surrounding_blanks_are_ignored():
    assert classify(" 4006381333931\n") == ("EAN13", None)


def test_check_digit_arithmetic():
    assert gtin_check_digit("400638133393") == 1
    assert make_ean13("690123456789") == "6901234567892"
    assert gtin_valid("6901234567892") and not gtin_valid("6901234567893")
    with pytest.raises(ValueError):
        gtin_check_digit("69012A")


def test_upc_a_and_ean13_are_the_same_number_to_a_scanner():
    assert gtin_equivalents("036000291452") == ["036000291452", "0036000291452", "00036000291452"]
    assert "036000291452" in gtin_equivalents("0036000291452")
    assert gtin_equivalents("SKU-1") == ["SKU-1"]           # not a GTIN: only itself
    assert gtin_equivalents("6901234567891") == ["6901234567891"]   # bad check digit: only itself
    assert gtin_equivalents("96385074") == ["96385074"]     # EAN-8 is its own number space
