"""Douyin Shop (抖店): the order export of the merchant back-end, one row per sub-order (line).

主订单编号 is the order, 子订单编号 the line; each sub-order has its own status, after-sales
state (售后状态) and payable amount (订单应付金额), so the order's paid amount is the sum of its
lines'.  The receiver's address comes in parts (省, 市, 区, 街道, 详细地址) in recent exports and
as one text (收件地址) in older ones.  In .xlsx exports the order's cells may be merged across its
sub-order rows.
"""

from __future__ import annotations

from erp_desktop.channels.files.engine import Layout, LineFileFormat
from erp_desktop.channels.tabular import header_key

LAYOUT = Layout(
    platform="douyin",
    columns={
        "order_no": ("主订单编号", "订单编号", "订单号"),
        "line_id": ("子订单编号",),
        "title": ("选购商品", "商品名称"),
        "variant": ("商品规格", "规格"),
        "quantity": ("商品数量", "数量"),
        "sku": ("商家编码", "商品编码", "SKU编码"),
        "sku_alt": ("商品ID", "SKU ID"),
        "unit_price": ("商品单价", "商品金额", "单价"),
        "line_amount": ("订单应付金额", "应付金额"),
        "shipping_fee": ("运费",),
        "discount": ("优惠总金额",),
        "status": ("订单状态",),
        "line_order_status": ("订单状态",),
        "line_status": ("售后状态",),
        "ordered_at": ("订单提交时间", "下单时间"),
        "paid_at": ("支付完成时间", "支付时间"),
        "buyer_id": ("买家昵称", "用户昵称"),
        "receiver_name": ("收件人", "收货人"),
        "receiver_phone": ("收件人手机号", "收件人电话", "收货人手机号"),
        "province": ("省",),
        "city": ("市",),
        "district": ("区",),
        "street": ("街道",),
        "address_detail": ("详细地址",),
        "address": ("收件地址", "收货地址"),
        "buyer_message": ("买家留言",),
        "seller_memo": ("商家备注",),
    },
    paid_from_lines=True,
)

SIGNATURE = frozenset(header_key(h) for h in ("主订单编号", "子订单编号", "选购商品", "订单应付金额", "订单提交时间",
                                              "支付完成时间", "收件人手机号", "商品单价", "售后状态"))

FORMAT = LineFileFormat("douyin", LAYOUT, SIGNATURE)
