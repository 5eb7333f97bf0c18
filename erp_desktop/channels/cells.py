"""The cells of the platforms' order exports: text, amounts, quantities, times and status words.

Exports are written for Excel, not for programs: numbers are wrapped as ="..." or prefixed with '
or a tab so Excel keeps them as text, amounts carry ¥/￥/元, blanks are written "-", times come in
several spellings (or as Excel serial numbers), and every platform says "paid" in its own words.
Each parser here takes the cleaned text of one cell and raises CellError with a stable reason
code (the RejectedRow reason) when the text cannot be what the column says.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from erp_desktop.domain.catalog import ParseError, parse_money
from erp_desktop.domain.catalog import parse_quantity as _parse_number
from erp_desktop.domain.orders import CANCELLED, COMPLETED, PAID, REFUNDED, REFUNDING, SHIPPED, UNPAID

# The platforms' back-ends write China time without saying so; China has kept UTC+8 all year since 1991.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")


class CellError(ValueError):
    """A cell that cannot be what its column says; `reason` is the stable code, `detail` says what was there."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


# ---------------------------------------------------------------------------------------------
# cleaning
# ---------------------------------------------------------------------------------------------

_WS = " \t\r\n\u3000\xa0\ufeff"
_DIRTY_START = frozenset("='" + _WS)
_DIRTY_END = frozenset(_WS)
_EXACT_INT = 2 ** 53      # above this a float no longer holds every integer: the digits are lost


def clean_text(text: str) -> str:
    """A cell's text without what the export added for Excel: blanks (also full-width and no-break
    spaces, tabs), the ="..." wrapping and the leading ' that keep numbers as text."""
    if not text or (text[0] not in _DIRTY_START and text[-1] not in _DIRTY_END):
        return text          # the common case, checked first: this runs for every cell of a 10,000-row file
    text = text.strip(_WS)
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1].replace('""', '"').strip(_WS)
    elif text.startswith("'"):
        text = text[1:].strip(_WS)
    return text


def clean_cell(value: object) -> str:
    """A spreadsheet cell (str, number, datetime or None) as text: whole numbers without ".0" (an order
    number stored as a number), times as "YYYY-MM-DD HH:MM:SS" (what parse_datetime reads)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INT:
            return str(int(value))
        return format(value, ".15g")      # what Excel shows; a mangled order number stays recognisably mangled
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return clean_text(str(value))


_BLANK = frozenset({"", "-", "--", "—", "/", "null", "none", "n/a", "无"})
_MANGLED_NUMBER = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")


def check_order_no(text: str) -> str:
    """The order number as written; CellError when Excel has turned it into a rounded number
    (1.93068E+18): its last digits are gone and no order can be found by it."""
    if _MANGLED_NUMBER.fullmatch(text):
        raise CellError("bad_order_no", f"{text!r} is an order number Excel rounded; export the file again "
                                        "and open it without letting Excel convert the column")
    return text


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------

_PLAIN_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")
_QTY_UNIT = re.compile(r"\s*(?:件|个|pcs?|x)$", re.IGNORECASE)


def parse_amount(text: str) -> Decimal | None:
    """"12.50", "¥12.50", "￥1,299.00", "12.5元", "RMB 3" -> Decimal; blank or "-" -> None."""
    if _PLAIN_AMOUNT.fullmatch(text):
        return Decimal(text)
    if text.lower() in _BLANK:
        return None
    try:
        return parse_money(text)
    except ParseError:
        raise CellError("bad_amount", f"{text!r} is not an amount") from None


def parse_quantity(text: str) -> Decimal:
    """"2", "２", "1,000", "3件" -> Decimal, more than zero; CellError("missing") for a blank."""
    if text.isascii() and text.isdigit():
        value = Decimal(text)
    elif text.lower() in _BLANK:
        raise CellError("missing", "no quantity")
    else:
        try:
            value = _parse_number(_QTY_UNIT.sub("", text))
        except ParseError:
            raise CellError("bad_quantity", f"{text!r} is not a quantity") from None
    if value <= 0:
        raise CellError("bad_quantity", f"quantity {text!r} is not more than zero")
    return value


# ---------------------------------------------------------------------------------------------
# times
# ---------------------------------------------------------------------------------------------

_DATETIME = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?")
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_datetime(text: str, tz: dt.tzinfo = CHINA_TIME) -> dt.datetime | None:
    """"2026-11-28 10:02:03", "2026/11/28 10:02", "2026/5/3", "2026年11月28日 10:02", ISO with an
    offset, or an Excel serial number (46354.42) -> an aware datetime (`tz` when the text has no
    offset); blank, "-" or 0000-00-00 -> None."""
    if not text or text.lower() in _BLANK or text.startswith("0000"):
        return None
    m = _DATETIME.fullmatch(text)
    if m is not None:
        y, mo, d, h, mi, s, offset = m.groups()
        try:
            value = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
        except ValueError:
            raise CellError("bad_date", f"{text!r} is not a date") from None
        return value.replace(tzinfo=_offset(offset) if offset else tz)
    if _EXCEL_SERIAL.fullmatch(text) and 20000 <= float(text) < 80000:     # 1954 .. 2119
        seconds = round(float(text) * 86400)
        return (_EXCEL_EPOCH + dt.timedelta(seconds=seconds)).replace(tzinfo=tz)
    raise CellError("bad_date", f"{text!r} is not a date")


def _offset(text: str) -> dt.tzinfo:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# ---------------------------------------------------------------------------------------------
# status words
# ---------------------------------------------------------------------------------------------

def status_key(text: str) -> str:
    """The form status words are compared in: full-width punctuation as ASCII, no blanks, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# Words any platform (and the generic import) may use.  Full-width commas and brackets need not be
# listed twice: status_key folds them.
_COMMON_WORDS: dict[str, tuple[str, ...]] = {
    UNPAID: ("等待买家付款", "待付款", "待支付", "未付款", "等待付款", "unpaid", "pending", "pending payment"),
    PAID: ("买家已付款,等待卖家发货", "等待卖家发货", "待发货", "已付款", "已支付", "部分发货", "paid",
           "processing", "awaiting shipment", "unfulfilled", "to ship"),
    SHIPPED: ("卖家已发货,等待买家确认", "已发货", "待收货", "等待确认收货", "shipped", "fulfilled", "in transit"),
    COMPLETED: ("交易成功", "已完成", "完成", "交易完成", "已签收", "已收货", "completed", "complete", "delivered"),
    CANCELLED: ("交易关闭", "已取消", "取消", "已关闭", "订单取消", "cancelled", "canceled", "closed", "voided"),
    REFUNDING: ("退款中", "售后中", "refunding", "refund requested"),
    REFUNDED: ("退款成功", "已退款", "refunded"),
}

# Each platform's own words (its order status column), from their exports.
PLATFORM_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "taobao": {
        PAID: ("卖家部分发货",),
        CANCELLED: ("付款以前,卖家或买家主动关闭交易", "交易关闭(付款以前,卖家或买家主动关闭交易)"),
        REFUNDED: ("交易关闭(付款以后用户退款成功,交易自动关闭)", "付款以后用户退款成功,交易自动关闭"),
    },
    "jd": {
        UNPAID: ("等待付款确认",),
        PAID: ("等待出库", "等待发货"),
        SHIPPED: ("等待确认收货", "配送中"),
        COMPLETED: ("完成",),
        REFUNDING: ("锁定",),        # JD locks an order while the buyer's cancellation request is open
    },
    "pdd": {
        PAID: ("待发货,未揽收",),
        SHIPPED: ("已发货,待签收", "已发货,待收货", "已揽收"),
        COMPLETED: ("已签收",),
        REFUNDED: ("未发货,退款成功", "已发货,退款成功"),
    },
    "douyin": {
        PAID: ("备货中", "待发货"),
        SHIPPED: ("已发货", "待收货"),
        COMPLETED: ("已完成",),
        CANCELLED: ("已关闭", "已取消"),
    },
}
PLATFORM_WORDS["tmall"] = PLATFORM_WORDS["taobao"]


def _table(*groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {status_key(word): status for words in groups for status, group in words.items() for word in group}


_COMMON = _table(_COMMON_WORDS)
_BY_PLATFORM = {p: {**_COMMON, **_table(words)} for p, words in PLATFORM_WORDS.items()}


def parse_status(text: str, platform: str = "") -> str:
    """The platform's order status words -> one of domain.orders.PLATFORM_STATUSES.  Words of other
    platforms are understood too (exports get re-saved and mixed); an unknown word is an error, never
    a guess: an order must not be shipped because we misread "closed"."""
    if not text:
        raise CellError("missing", "no order status")
    key = status_key(text)
    status = _BY_PLATFORM.get(platform, _COMMON).get(key) or _COMMON.get(key)
    if status is None:
        if key.startswith("(删除)"):       # JD: an order the seller deleted
            return CANCELLED
        raise CellError("bad_status", f"unknown order status {text!r}")
    return status


# A line's refund / after-sales column (Taobao 退款状态, PDD and Douyin 售后状态).  These columns
# are free-er than the order status: the words change with every after-sales flow the platforms
# add, so they are read by what they say rather than listed one by one.
_NO_REFUND = ("无售后", "没有申请退款", "关闭", "取消", "撤销", "拒绝", "失败", "换货", "none", "no refund")
_REFUNDED = ("退款成功", "已退款", "退货退款成功", "refunded")


def parse_refund_status(text: str) -> str | None:
    """REFUNDED, REFUNDING, or None when the line has no refund (blank, "-", 没有申请退款, 退款关闭,
    售后取消 ...).  Any other after-sales words mean a refund is under way: a person looks at it."""
    key = status_key(text)
    if key in _BLANK or key == "0" or any(word in key for word in _NO_REFUND):
        return None
    if any(word in key for word in _REFUNDED):
        return REFUNDED
    return REFUNDING
