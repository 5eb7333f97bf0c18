"""Pinduoduo (拼多多): the order export of the merchant back-end, one row per order.

A Pinduoduo order holds one goods with a quantity; 商品总价(元) is its price times quantity (the
unit price is derived from it), the discounts are the shop's, the platform's and the payment
channel's, and 售后状态 is the after-sales state.  Amount headers are written with half- or
full-width brackets, "(元)" or "（元）", depending on the export's age: both are read.  The
receiver's address comes in parts (省, 市, 区, 街道).
"""

from __future__ import annotations

from erp_desktop.channels.files.engine import Layout, LineFileFormat
from erp_desktop.channels.tabular import header_key

LAYOUT = Layout(
    platform="pdd",
    columns={
        "order_no": ("订单号", "订单编号"),
        "title": ("商品", "商品名称"),
        "variant": ("商品规格", "规格"),
        "quantity": ("商品数量(件)", "商品数量"),
        "unit_price": ("商品单价(元)", "商品单价"),
        "line_total": ("商品总价(元)", "商品总价"),
        "goods_amount": ("商品总价(元)", "商品总价"),
        "discount": ("店铺优惠折扣(元)", "店铺优惠(元)"),
        "platform_discount": ("平台优惠折扣(元)", "平台优惠(元)"),
        "payment_discount": ("多多支付立减金额(元)", "支付立减金额(元)"),
        "shipping_fee": ("邮费(元)", "运费(元)", "邮费"),
        "paid_amount": ("用户实付金额(元)", "用户实付金额", "实付金额(元)"),
        "status": ("订单状态",),
        "line_order_status": ("订单状态",),
        "line_status": ("售后状态",),
        "ordered_at": ("订单成交时间", "成交时间", "订单创建时间", "下单时间"),
        "paid_at": ("支付时间", "付款时间", "拼单成功时间"),
        "receiver_name": ("收货人", "收货人姓名"),
        "receiver_phone": ("手机", "收货人手机号", "收货人手机", "收货人电话", "联系电话"),
        "province": ("省", "省份", "收货省份"),
        "city": ("市", "城市", "收货城市"),
        "district": ("区", "区县", "收货区县"),
        "street": ("街道",),
        "address_detail": ("详细地址",),
        "address": ("收货地址",),
        "sku": ("商家编码-SKU维度", "商家编码-规格维度", "规格编码", "SKU编码"),
        "sku_alt": ("商家编码-商品维度", "样式ID", "商品id"),
        "buyer_message": ("买家留言",),
        "seller_memo": ("商家备注",),
    },
)

SIGNATURE = frozenset(header_key(h) for h in ("商品总价(元)", "商家实收金额(元)", "用户实付金额(元)", "商品数量(件)",
                                              "店铺优惠折扣(元)", "平台优惠折扣(元)", "商家编码-SKU维度", "售后状态",
                                              "订单号", "邮费(元)"))

FORMAT = LineFileFormat("pdd", LAYOUT, SIGNATURE)
