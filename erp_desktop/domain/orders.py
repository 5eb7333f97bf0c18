"""Orders as every platform's adapter hands them over, and the order workflow.

The channel adapters (`erp_desktop/channels/`) turn a platform's export file or API payload into
PlatformOrder values: text as the platform wrote it, amounts as Decimal, nothing looked up yet.
The order services validate them, map their SKUs, find the customer and store them; one order per
(shop, platform order number), so importing the same order again updates it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from erp_desktop.domain.errors import ErpError

# ---------------------------------------------------------------------------------------------
# What the platform says about an order (normalised across platforms)
# ---------------------------------------------------------------------------------------------

UNPAID = "unpaid"            # 等待买家付款: not imported until paid
PAID = "paid"                # 买家已付款, 待发货: to be shipped by us
SHIPPED = "shipped"          # 卖家已发货 (by us or elsewhere)
COMPLETED = "completed"      # 交易成功
CANCELLED = "cancelled"      # 交易关闭 / 已取消
REFUNDING = "refunding"      # buyer asked for a refund before shipment (退款中)
REFUNDED = "refunded"        # refunded before shipment (退款成功)
PLATFORM_STATUSES = (UNPAID, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDING, REFUNDED)


@dataclass(frozen=True)
class PlatformOrderLine:
    platform_sku: str              # the shop's SKU / outer code (商家编码), mapped to our SKU later
    title: str                     # item title as on the platform (宝贝标题)
    quantity: Decimal
    unit_price: Decimal            # list price per unit
    amount: Decimal | None = None  # what the buyer paid for the line after discounts, when known
    variant: str = ""              # 颜色分类 / SKU properties text
    platform_line_id: str = ""     # 子订单编号 / line item id
    status: str = PAID             # a line may be refunded on its own (one of PLATFORM_STATUSES)


@dataclass(frozen=True)
class PlatformOrder:
    order_no: str                  # platform order number, text (never a number)
    status: str                    # one of PLATFORM_STATUSES
    lines: tuple[PlatformOrderLine, ...]
    platform_status: str = ""      # the platform's own words, kept for the user
    ordered_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    buyer_id: str = ""             # platform buyer id / nick (masked as exported)
    buyer_name: str = ""
    buyer_message: str = ""        # 买家留言
    seller_memo: str = ""          # 卖家备注
    receiver_name: str = ""
    receiver_phone: str = ""       # as written: masked, virtual with extension, with +86 ...
    address: str = ""              # the full address as one text, when the platform gives one
    province: str = ""             # the parts, when the platform gives them separately
    city: str = ""
    district: str = ""
    address_detail: str = ""
    postal_code: str = ""
    email: str = ""
    currency: str = "CNY"
    goods_amount: Decimal | None = None    # sum of list prices
    discount: Decimal = Decimal(0)
    shipping_fee: Decimal = Decimal(0)
    paid_amount: Decimal | None = None     # what the buyer paid in all
    platform_fee: Decimal = Decimal(0)
    display_no: str = ""           # the number the shop shows people (Shopify "#1001"), when order_no is an API id
    country: str = ""              # ISO 3166 code of the address, for shops that sell abroad (Shopify, WooCommerce)
    raw: dict[str, Any] = field(default_factory=dict, compare=False)     # the payload / row(s) as read
    source_rows: tuple[int, ...] = field(default=(), compare=False)      # file rows it came from


@dataclass(frozen=True)
class RejectedRow:
    """A row (or API record) that could not become an order: it is listed, never silently lost."""

    row: int                       # 1-based row number in the file (the header is row 1); API: record index
    field: str                     # the column header as in the file, or the payload field
    reason: str                    # stable code: missing, bad_amount, bad_date, bad_quantity, bad_status ...
    detail: str = ""               # what was there, in English, for the log
    order_no: str = ""
    file: str = ""                 # the file's name, when an import reads several (Taobao: order + item report)


@dataclass
class ParsedOrders:
    """What an adapter read: the orders, and the rows it had to reject."""

    orders: list[PlatformOrder] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    rows_read: int = 0


@dataclass(frozen=True)
class FetchPage:
    """One page of orders from a platform API; `cursor` resumes after it (None: nothing more)."""

    orders: tuple[PlatformOrder, ...]
    cursor: str | None
    rejected: tuple[RejectedRow, ...] = ()
    # On the page that ends a run (cursor None): where the next run starts, so it fetches only what
    # changed since (a watermark).  Keep it as the shop's cursor; None: start from the beginning.
    next_run: str | None = None


@dataclass(frozen=True)
class StockPush:
    platform_sku: str
    quantity: int                  # what the shop may sell


@dataclass(frozen=True)
class PushResult:
    platform_sku: str
    ok: bool
    reason: str = ""               # why the platform refused it (unknown SKU ...)


@dataclass(frozen=True)
class ShipmentConfirmation:
    order_no: str                  # the platform order number
    carrier: str                   # carrier name as the platform knows it
    tracking_no: str
    line_ids: tuple[str, ...] = ()  # the platform lines shipped (all when empty)
    shipped_at: dt.datetime | None = None


class ChannelError(ErpError):
    """A platform could not be reached or refused a request; `retry_after` when it said when."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None,
                 transient: bool = True) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.transient = transient


# ---------------------------------------------------------------------------------------------
# Our workflow
# ---------------------------------------------------------------------------------------------

REVIEW = "review"          # 待审核: waits for a person (held by a rule, or no rule approved it)
EXCEPTION = "exception"    # 异常: validation failed; fixing the field re-runs validation
WAITING = "waiting"        # 缺货等待: approved but not enough stock to reserve
APPROVED = "approved"      # 已审核: stock reserved, warehouse and carrier chosen
PICKING = "picking"        # 拣货中: in a wave
SHIPPED_OUT = "shipped"    # 已发货
CANCELLED_ORDER = "cancelled"   # 已取消 (by the buyer, a rule, or a person), or merged into another
ORDER_STATES = (REVIEW, EXCEPTION, WAITING, APPROVED, PICKING, SHIPPED_OUT, CANCELLED_ORDER)

# from -> states it may go to (the database enforces the same table, sql/0007_orders.sql)
TRANSITIONS: dict[str, frozenset[str]] = {
    REVIEW: frozenset({EXCEPTION, WAITING, APPROVED, CANCELLED_ORDER}),
    EXCEPTION: frozenset({REVIEW, WAITING, APPROVED, CANCELLED_ORDER}),
    WAITING: frozenset({REVIEW, EXCEPTION, APPROVED, CANCELLED_ORDER}),
    APPROVED: frozenset({REVIEW, WAITING, PICKING, SHIPPED_OUT, CANCELLED_ORDER}),
    PICKING: frozenset({APPROVED, WAITING, SHIPPED_OUT}),
    SHIPPED_OUT: frozenset(),
    CANCELLED_ORDER: frozenset(),
}


class IllegalTransitionError(ErpError):
    def __init__(self, order_no: str, from_state: str, to_state: str) -> None:
        super().__init__(f"order {order_no} cannot go from {from_state} to {to_state}")
        self.order_no, self.from_state, self.to_state = order_no, from_state, to_state


def check_transition(order_no: str, from_state: str, to_state: str) -> None:
    if from_state != to_state and to_state not in TRANSITIONS[from_state]:
        raise IllegalTransitionError(order_no, from_state, to_state)
