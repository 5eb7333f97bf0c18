"""Decimal amounts and quantities shown by locale (group separator, decimal point) without ever going
through float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale


def format_decimal(value: Decimal | None, places: int = 2, locale: QLocale | None = None,
                   group: bool = True) -> str:
    if value is None:
        return ""
    loc = locale or QLocale()
    q = Decimal(1).scaleb(-places) if places > 0 else Decimal(1)
    v = Decimal(value).quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if v < 0 else ""
    digits = f"{abs(v):f}"
    whole, _, frac = digits.partition(".")
    if group and len(whole) > 3 and not (loc.numberOptions() & QLocale.NumberOption.OmitGroupSeparator):
        sep = loc.groupSeparator()
        parts = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        parts.insert(0, whole)
        whole = sep.join(parts)
    out = whole + (loc.decimalPoint() + frac if places > 0 else "")
    return (loc.negativeSign() if sign else "") + out


def format_money(value: Decimal | None, locale: QLocale | None = None) -> str:
    """1234.5 -> "1,234.50" (en, zh_CN); "1.234,50" (de)."""
    return format_decimal(value, 2, locale)


def format_qty(value: Decimal | None) -> str:
    """A quantity by locale with as many decimals as it has (at most 3): 12, 1.5, 1,250.125."""
    if value is None:
        return ""
    exp = Decimal(value).normalize().as_tuple().exponent
    places = min(3, max(0, -exp)) if isinstance(exp, int) else 0
    return format_decimal(value, places)
