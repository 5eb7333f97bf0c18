"""JD (京东 POP shops): the order export of the seller back-end, one row per order line.

The order number repeats on every line; order-level cells (amounts, receiver, times) repeat too.
The price column is 京东价 (the list price); 应付金额 is what the buyer pays for the order.
The seller's own code is 货号 / 商家SKU where the shop keeps one, else JD's 商品ID is the SKU.
"""

from __future__ import annotations

from erp_desktop.channels.files.engine import Layout, LineFileFormat
from erp_desktop.channels.tabular import header_key

LAYOUT = Layout(
    platform="jd",
    columns={
        "order_no": ("订单号", "订单编号"),
        "sku": ("货号", "商家SKUID", "商家SKU", "商家编码", "商品货号"),
        "sku_alt": ("商品ID", "商品编号", "SKU编号", "skuid"),
        "title": ("商品名称",),
        "quantity": ("订购数量", "商品数量", "数量"),
        "unit_price": ("京东价", "商品单价", "单价"),
        "status": ("订单状态",),
        "line_order_status": ("订单状态",),
        "ordered_at": ("下单时间",),
        "paid_at": ("付款确认时间", "付款时间", "支付时间"),
        "buyer_id": ("下单帐号", "下单账号", "用户账号"),
        "receiver_name": ("客户姓名", "收货人姓名", "收货人"),
        "address": ("客户地址", "收货地址"),
        "receiver_phone": ("联系电话", "收货人手机", "手机"),
        "buyer_message": ("订单备注", "买家留言", "客户留言"),
        "seller_memo": ("商家备注",),
        "shipping_fee": ("运费金额", "运费"),
        "paid_amount": ("应付金额", "实付金额"),
    },
)

SIGNATURE = frozenset(header_key(h) for h in ("京东价", "订购数量", "客户姓名", "客户地址", "付款确认时间",
                                              "下单帐号", "运费金额", "应付金额", "结算金额", "商品ID"))

FORMAT = LineFileFormat("jd", LAYOUT, SIGNATURE)
