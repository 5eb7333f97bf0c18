"""Barcodes: GTIN family check digits (EAN-8, UPC-A, EAN-13, GTIN-14) and Code 128 content."""

from __future__ import annotations

import re
from dataclasses import dataclass

GTIN_KINDS = {8: "EAN8", 12: "UPCA", 13: "EAN13", 14: "GTIN14"}


def gtin_check_digit(body: str) -> int:
    """The check digit for a GTIN body (all digits but the last)."""
    if not body.isdigit():
        raise ValueError("a GTIN has digits only")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin_valid(code: str) -> bool:
    return code.isdigit() and len(code) in GTIN_KINDS and gtin_check_digit(code[:-1]) == int(code[-1])


def make_ean13(body12: str) -> str:
    return body12 + str(gtin_check_digit(body12))


@dataclass(frozen=True)
class BarcodeProblem:
    reason: str   # "empty", "bad_characters", "bad_length", "bad_check_digit", "looks_like_number"
    detail: str


# 6.90123E+12: what Excel shows (and saves to CSV) for a long barcode in a number-formatted column
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+\d+$")


def classify(code: str) -> tuple[str | None, BarcodeProblem | None]:
    """(kind, None) for a good code, (None, problem) for a bad one.

    All-digit codes of GTIN length must carry a right check digit (a scanner never misreads
    one, a typist does); anything else printable is an internal Code 128."""
    code = code.strip()
    if not code:
        return None, BarcodeProblem("empty", "empty barcode")
    if not all(0x21 <= ord(c) <= 0x7E for c in code):
        return None, BarcodeProblem("bad_characters", "a barcode has printable ASCII only, no spaces")
    if code.isdigit() and len(code) in GTIN_KINDS:
        if not gtin_valid(code):
            expected = gtin_check_digit(code[:-1])
            return None, BarcodeProblem(
                "bad_check_digit", f"{GTIN_KINDS[len(code)]} check digit should be {expected}, not {code[-1]}")
        return GTIN_KINDS[len(code)], None
    if code.isdigit() and len(code) in (7, 11):
        return None, BarcodeProblem("bad_length", "looks like a GTIN without its check digit")
    if _SCIENTIFIC.match(code):
        return None, BarcodeProblem(
            "looks_like_number", "looks like a number a spreadsheet shortened (e.g. 6.90123E+12): "
                                 "format the column as text and enter the barcode again")
    return "CODE128", None



def gtin_equivalents(code: str) -> list[str]:
    """The same GTIN written with more or fewer leading zeros, as scanners report it.

    A UPC-A 036000291452 is the EAN-13 0036000291452 and the GTIN-14 00036000291452; a scanner
    may send any of them.  The code itself comes first; a non-GTIN code has only itself."""
    code = code.strip()
    if not (code.isascii() and gtin_valid(code)):
        return [code]
    digits = code.lstrip("0")
    out = [code]
    for n in (8, 12, 13, 14):
        if n >= len(digits) and n != len(code):
            # EAN-8 is its own number space: never pad a shorter code into it, nor shorten into it
            if n == 8 or len(code) == 8:
                continue
            out.append(digits.rjust(n, "0"))
    return out
