"""Catalog rules that need no database: SKU field checks and parsing of what users type.

Used by the SKU dialog (as the user types), by the save service and by the importer, so the
checks are cheap and every problem carries a stable reason code:

=====================  =====================================================================
reason                 meaning
=====================  =====================================================================
required               the field is empty
whitespace             a code holds a space, tab or line break
too_long               longer than allowed (codes: MAX_CODE_LENGTH characters)
not_a_number           not a decimal number (or NaN / infinity, or a float where a Decimal
                       is expected)
negative               below zero
not_positive           zero or below where more than zero is needed (kit quantities)
too_many_decimals      more decimal places than the column keeps
too_large              more digits than the column keeps
invalid_choice         not one of the allowed values (status)
empty, bad_characters, from barcodes.classify
bad_length,
bad_check_digit,
looks_like_number
duplicate              the same barcode / kit component twice in one SKU
self_reference         a kit that lists itself as a component
=====================  =====================================================================

The services add the checks that need the database (reasons ``duplicate`` for a code another
SKU has, ``in_use``, ``unknown_sku``, ``is_kit``, ``used_in_kit``, ``unknown_category``,
``unknown_unit``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from erp_desktop.domain.barcodes import classify
from erp_desktop.domain.errors import ErpError, FieldError

STATUSES = ("active", "inactive", "discontinued")
MAX_CODE_LENGTH = 64

# (decimal places, largest value) of the database columns
MONEY = (2, Decimal("999999999999.99"))           # numeric(14,2)
WEIGHT = (3, Decimal("9999999.999"))              # numeric(10,3)
DIMENSION = (1, Decimal("9999999.9"))             # numeric(8,1)
QUANTITY = (3, Decimal("99999999999.999"))        # numeric(14,3)


class ParseError(ErpError, ValueError):
    """What the user typed is not a number.  `reason` is "required" or "not_a_number"."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason
        self.text = text


# ---------------------------------------------------------------------------------------------
# parsing what users type (and what spreadsheets hold)
# ---------------------------------------------------------------------------------------------

_CURRENCY_WORDS = r"(?:RMB|CNY|USD|EUR|HKD|[¥$€£])"
_PREFIX = re.compile(rf"^{_CURRENCY_WORDS}\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:RMB|CNY|USD|EUR|HKD|元|[¥$€£])$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def _number(value: object, currency: bool) -> Decimal:
    if isinstance(value, bool):
        raise ParseError("not_a_number", str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParseError("not_a_number", str(value))
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # a spreadsheet's number: what Excel shows has 15 significant digits (0.1+0.2 -> 0.3)
        if value != value or value in (float("inf"), float("-inf")):
            raise ParseError("not_a_number", str(value))
        return Decimal(format(value, ".15g"))
    if value is None:
        raise ParseError("required", "")
    raw = str(value)
    # full-width digits, signs, commas and ￥ become ASCII
    s = unicodedata.normalize("NFKC", raw).strip().replace("\u2212", "-")
    if not s:
        raise ParseError("required", raw)
    negative = False
    if s.startswith("(") and s.endswith(")"):        # accounting style (1,234.00)
        negative, s = True, s[1:-1].strip()
    if currency:
        if s[:1] in "+-" and _PREFIX.match(s[1:].lstrip()):    # -¥5
            negative, s = negative != (s[0] == "-"), s[1:].lstrip()
        s = _SUFFIX.sub("", _PREFIX.sub("", s))
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        raise ParseError("not_a_number", raw)
    d = Decimal(s)
    return -d if negative else d


def parse_money(value: object) -> Decimal:
    """"¥1,234.50", "￥12", "12.5元", "RMB 3", "(5.00)", 12.5 -> Decimal.

    Raises ParseError("required") for an empty value, ParseError("not_a_number") otherwise.
    Commas are thousands separators only in groups of three ("1,5" is refused, not guessed)."""
    return _number(value, currency=True)


def parse_quantity(value: object) -> Decimal:
    """"1,234.5", "２", 3 -> Decimal; ParseError as parse_money (no currency symbols)."""
    return _number(value, currency=False)


# ---------------------------------------------------------------------------------------------
# field checks
# ---------------------------------------------------------------------------------------------

def check_code(field: str, code: str | None, errors: list[FieldError], what: str = "code") -> None:
    if code is None or code == "":
        errors.append(FieldError(field, "required", f"{what} is required"))
        return
    if any(c.isspace() for c in code):
        errors.append(FieldError(field, "whitespace", f"{what} {code!r} must not contain spaces"))
    if len(code) > MAX_CODE_LENGTH:
        errors.append(FieldError(field, "too_long", f"{what} is longer than {MAX_CODE_LENGTH} characters"))


def check_decimal(field: str, value: object, scale_max: tuple[int, Decimal], errors: list[FieldError], *,
                  positive: bool = False, label: str | None = None) -> None:
    """A Decimal (or int) within the column's decimal places and size; >= 0 (> 0 if positive)."""
    places, largest = scale_max
    label = label or field
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or (
            isinstance(value, Decimal) and not value.is_finite()):
        errors.append(FieldError(field, "not_a_number", f"{label}: {value!r} is not a number"))
        return
    d = Decimal(value)
    if positive and d <= 0:
        errors.append(FieldError(field, "not_positive", f"{label} must be more than 0"))
        return
    if d < 0:
        errors.append(FieldError(field, "negative", f"{label} must not be negative"))
        return
    try:
        exact = d == d.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:   # more digits than the context holds
        exact = False
    if not exact:
        errors.append(FieldError(field, "too_many_decimals", f"{label} {d} has more than {places} decimals"))
    elif d > largest:
        errors.append(FieldError(field, "too_large", f"{label} {d} is too large"))


def _kit_pair(line: object) -> tuple[str, object]:
    if hasattr(line, "component_code"):
        return line.component_code, line.quantity  # type: ignore[attr-defined]
    code, qty = line  # type: ignore[misc]
    return code, qty


def validate_sku_fields(
    *,
    code: str,
    name: str,
    price: object = Decimal(0),
    cost: object = Decimal(0),
    weight_kg: object = None,
    length_cm: object = None,
    width_cm: object = None,
    height_cm: object = None,
    status: str = "active",
    unit: str = "pcs",
    barcodes: Iterable[str] = (),
    kit: Iterable[object] = (),
    product_code: str | None = None,
) -> list[FieldError]:
    """Every problem of a SKU that can be seen without a database, in field order.

    Fields are named as in the service's SkuInput; a barcode or kit line problem names its
    position, e.g. "barcodes[1]" or "kit[0]".  `kit` holds (component_code, quantity) pairs or
    objects with those attributes."""
    errors: list[FieldError] = []
    check_code("code", code, errors)
    if name is None or not name.strip():
        errors.append(FieldError("name", "required", "name is required"))
    if product_code is not None and len(product_code) > MAX_CODE_LENGTH:
        errors.append(FieldError("product_code", "too_long",
                                 f"product code is longer than {MAX_CODE_LENGTH} characters"))
    check_decimal("price", price, MONEY, errors)
    check_decimal("cost", cost, MONEY, errors)
    if weight_kg is not None:
        check_decimal("weight_kg", weight_kg, WEIGHT, errors)
    for f, v in (("length_cm", length_cm), ("width_cm", width_cm), ("height_cm", height_cm)):
        if v is not None:
            check_decimal(f, v, DIMENSION, errors)
    if status not in STATUSES:
        errors.append(FieldError("status", "invalid_choice",
                                 f"status {status!r} is not one of {', '.join(STATUSES)}"))
    if not unit:
        errors.append(FieldError("unit", "required", "unit is required"))

    seen: set[str] = set()
    for i, bc in enumerate(barcodes):
        field = f"barcodes[{i}]"
        _kind, problem = classify(bc)
        if problem is not None:
            errors.append(FieldError(field, problem.reason, f"barcode {bc!r}: {problem.detail}"))
        elif bc.strip() in seen:
            errors.append(FieldError(field, "duplicate", f"barcode {bc.strip()} is listed twice"))
        seen.add(bc.strip())

    own = (code or "").lower()
    parts: set[str] = set()
    for i, line in enumerate(kit):
        field = f"kit[{i}]"
        comp, qty = _kit_pair(line)
        n = len(errors)
        check_code(field, comp, errors, what="component code")
        if len(errors) > n:
            continue
        key = comp.lower()
        if key == own:
            errors.append(FieldError(field, "self_reference", f"a kit cannot contain itself ({comp})"))
        elif key in parts:
            errors.append(FieldError(field, "duplicate", f"component {comp} is listed twice"))
        parts.add(key)
        check_decimal(field, qty, QUANTITY, errors, positive=True, label=f"quantity of {comp}")
    return errors


# ---------------------------------------------------------------------------------------------
# spreadsheet cells (the importer reads them; the rules are here so they can be tested and reused)
# ---------------------------------------------------------------------------------------------

# SKU field -> the column headers it is known by, in English and Chinese (compared by header_key)
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "sku", "sku code", "sku编码", "sku编号", "商品编码", "商家编码", "编码"),
    "name": ("name", "sku name", "名称", "商品名称", "品名", "sku名称"),
    "spec": ("spec", "specification", "variant", "规格", "规格型号", "规格名称"),
    "category": ("category", "category code", "分类", "分类编码", "类目"),
    "price": ("price", "sale price", "售价", "价格", "销售价", "零售价"),
    "cost": ("cost", "cost price", "成本", "成本价", "进价"),
    "weight_kg": ("weight_kg", "weight", "weight (kg)", "重量", "重量(kg)", "毛重"),
    "length_cm": ("length_cm", "length", "length (cm)", "长", "长度", "长(cm)", "长度(cm)"),
    "width_cm": ("width_cm", "width", "width (cm)", "宽", "宽度", "宽(cm)", "宽度(cm)"),
    "height_cm": ("height_cm", "height", "height (cm)", "高", "高度", "高(cm)", "高度(cm)"),
    "barcodes": ("barcodes", "barcode", "ean", "条码", "条形码", "商品条码"),
    "unit": ("unit", "单位"),
    "status": ("status", "状态"),
    "product_code": ("product_code", "product code", "货品编码", "款号", "款式编码", "商品货号"),
    "kit": ("kit", "kit components", "components", "组合", "组合明细", "组合商品"),
}
# columns an export writes for people to read, which an import passes over without a word
READ_ONLY_HEADERS = ("category_name", "分类名称", "id", "updated_at", "更新时间")

STATUS_WORDS = {
    "active": "active", "启用": "active", "在售": "active", "正常": "active", "上架": "active",
    "inactive": "inactive", "停用": "inactive", "禁用": "inactive", "下架": "inactive",
    "discontinued": "discontinued", "停产": "discontinued", "停售": "discontinued", "淘汰": "discontinued",
}


def header_key(header: object) -> str:
    """"Weight (kg)", "weight_kg", "重量（kg）" -> "weightkg" / "重量kg": case, width, blanks,
    underscores, dashes and brackets do not matter."""
    s = unicodedata.normalize("NFKC", str(header or "")).strip().lower()
    return re.sub(r"[\s_\-()]+", "", s)


_FIELD_OF_HEADER = {header_key(a): f for f, names in HEADERS.items() for a in names}
_READ_ONLY = {header_key(a) for a in READ_ONLY_HEADERS}


def header_field(header: object) -> str | None:
    """The SKU field a column header means, "" for a known read-only column, None if unknown."""
    key = header_key(header)
    return _FIELD_OF_HEADER.get(key, "" if key in _READ_ONLY else None)


_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious ".0" (a barcode stored as a number), Excel's
    ="0123" wrapping (how a CSV keeps leading zeros) removed, blanks trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else format(value, ".15g")
    if isinstance(value, int | Decimal):
        return str(value)
    s = str(value).strip()
    m = _EXCEL_TEXT.match(s)
    return m.group(1).replace('""', '"').strip() if m else s


def parse_status(text: str) -> str:
    """"active", "在售", "停用" ... -> a status; ParseError("invalid_choice") otherwise."""
    status = STATUS_WORDS.get(text.strip().lower())
    if status is None:
        raise ParseError("invalid_choice", text)
    return status


def parse_barcode_list(text: str) -> tuple[str, ...]:
    """"6901234567892; 6901234567885,INT-1" -> each barcode (separated by ; , or blanks)."""
    return tuple(p for p in re.split(r"[;,\s]+", unicodedata.normalize("NFKC", text)) if p)


def parse_kit_text(text: str) -> tuple[tuple[str, Decimal], ...]:
    """"CUP-1*2; SPOON-1" -> (("CUP-1", 2), ("SPOON-1", 1)); a missing quantity is 1.
    Raises ParseError("not_a_number") for a bad quantity."""
    lines = []
    for part in re.split(r"[;,]+", unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if not part:
            continue
        code, sep, qty = part.rpartition("*") if "*" in part else part.rpartition("×")
        lines.append((code.strip(), parse_quantity(qty)) if sep else (part, Decimal(1)))
    return tuple(lines)


def format_kit(lines: Iterable[tuple[str, Decimal]]) -> str:
    """The text parse_kit_text reads: "CUP-1*2;SPOON-1*1.5"."""
    return ";".join(f"{code}*{qty.normalize():f}" for code, qty in lines)
