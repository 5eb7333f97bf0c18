"""Any other CSV or Excel order list: the user maps its columns to our fields once, in a dialog.

The mapping (our field -> the file's header) is plain JSON the services save per shop, so the next
file of that shop imports without asking.  suggest_mapping pre-fills the dialog from the headers
(Chinese and English words sellers and other systems use).  The file has one row per order line;
rows with the same order number are one order; a file without a status column imports its orders
as paid (to be shipped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from erp_desktop.channels.files.engine import Layout, parse_line_files
from erp_desktop.channels.tabular import header_key
from erp_desktop.domain.orders import PAID, ParsedOrders, RejectedRow

# The fields the dialog offers, in its order, with their labels (English, Chinese).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "order_no": ("Order number", "订单号"),
    "status": ("Order status", "订单状态"),
    "ordered_at": ("Ordered at", "下单时间"),
    "paid_at": ("Paid at", "付款时间"),
    "buyer_id": ("Buyer account", "买家账号"),
    "buyer_name": ("Buyer name", "买家姓名"),
    "buyer_message": ("Buyer message", "买家留言"),
    "seller_memo": ("Seller memo", "卖家备注"),
    "receiver_name": ("Receiver", "收货人"),
    "receiver_phone": ("Receiver phone", "收货人电话"),
    "address": ("Address (one text)", "收货地址"),
    "province": ("Province", "省"),
    "city": ("City", "市"),
    "district": ("District", "区"),
    "address_detail": ("Street address", "详细地址"),
    "postal_code": ("Postal code", "邮编"),
    "email": ("Email", "邮箱"),
    "country": ("Country", "国家"),
    "currency": ("Currency", "币种"),
    "goods_amount": ("Goods amount", "商品总额"),
    "discount": ("Discount", "优惠金额"),
    "shipping_fee": ("Shipping fee", "运费"),
    "paid_amount": ("Amount paid", "实付金额"),
    "platform_fee": ("Platform fee", "平台费用"),
    "sku": ("SKU code", "商家编码"),
    "title": ("Item title", "商品名称"),
    "variant": ("Variant", "规格"),
    "quantity": ("Quantity", "数量"),
    "unit_price": ("Unit price", "单价"),
    "line_total": ("Line total (price x quantity)", "小计"),
    "line_amount": ("Line amount paid", "明细实付金额"),
    "line_id": ("Line id", "子订单号"),
    "line_status": ("Refund status", "退款状态"),
}
# each group: one of these fields must be mapped
REQUIRED = (("order_no",), ("quantity",), ("sku", "title"), ("unit_price", "line_total", "line_amount"))

# Words a header may say for each field; compared in header_key form (no blanks, lower case).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "order_no": ("订单号", "订单编号", "平台订单号", "主订单编号", "外部订单号", "订单id", "order no", "order number",
                 "order id", "order"),
    "status": ("订单状态", "状态", "交易状态", "status", "order status", "financial status"),
    "ordered_at": ("下单时间", "订单创建时间", "创建时间", "成交时间", "订单提交时间", "order date", "created at",
                   "created", "date"),
    "paid_at": ("付款时间", "支付时间", "订单付款时间", "paid at", "payment date"),
    "buyer_id": ("买家会员名", "买家昵称", "买家账号", "买家id", "buyer", "buyer id", "customer id", "username"),
    "buyer_name": ("买家姓名", "客户姓名", "客户名称", "customer name", "billing name", "customer"),
    "buyer_message": ("买家留言", "买家备注", "客户备注", "留言", "buyer message", "customer note", "note", "notes"),
    "seller_memo": ("卖家备注", "商家备注", "订单备注", "客服备注", "备注", "seller memo", "internal note", "memo",
                    "remark"),
    "receiver_name": ("收货人", "收货人姓名", "收件人", "收件人姓名", "联系人", "receiver", "recipient",
                      "shipping name", "ship to name"),
    "receiver_phone": ("收货人手机", "收货人手机号", "收件人手机号", "收件人电话", "联系手机", "联系电话", "手机",
                       "手机号", "电话", "phone", "mobile", "shipping phone", "telephone"),
    "address": ("收货地址", "收件地址", "地址", "详细收货地址", "address", "shipping address"),
    "province": ("省", "省份", "province", "state", "shipping province"),
    "city": ("市", "城市", "city", "shipping city"),
    "district": ("区", "区县", "县区", "district", "county"),
    "address_detail": ("详细地址", "街道地址", "address detail", "address1", "shipping address1", "street"),
    "postal_code": ("邮编", "邮政编码", "postcode", "postal code", "zip", "zip code"),
    "email": ("邮箱", "电子邮件", "email", "e-mail"),
    "country": ("国家", "country", "country code"),
    "currency": ("币种", "货币", "currency"),
    "goods_amount": ("商品总额", "商品金额合计", "货款", "商品总价", "subtotal", "goods amount"),
    "discount": ("优惠金额", "优惠", "折扣", "折扣金额", "discount", "discount amount", "discounts"),
    "shipping_fee": ("运费", "邮费", "shipping", "shipping fee", "freight"),
    "paid_amount": ("实付金额", "支付金额", "实收金额", "订单金额", "应付金额", "总金额", "total", "paid amount",
                    "amount paid", "order total"),
    "platform_fee": ("平台佣金", "佣金", "手续费", "平台费用", "fee", "commission"),
    "sku": ("商家编码", "sku", "sku编码", "商品编码", "货号", "规格编码", "外部编码", "lineitem sku", "item sku",
            "product code"),
    "title": ("商品名称", "商品标题", "宝贝标题", "标题", "商品", "品名", "product", "product name", "item", "title",
              "lineitem name", "item name"),
    "variant": ("规格", "商品规格", "颜色分类", "属性", "商品属性", "variant", "variation", "option"),
    "quantity": ("数量", "购买数量", "商品数量", "件数", "qty", "quantity", "lineitem quantity"),
    "unit_price": ("单价", "价格", "商品单价", "售价", "price", "unit price", "lineitem price"),
    "line_total": ("小计", "金额小计", "line total", "line subtotal"),
    "line_amount": ("明细实付金额", "行实付金额", "line amount", "line paid"),
    "line_id": ("子订单编号", "子订单号", "明细id", "line id", "line item id"),
    "line_status": ("退款状态", "售后状态", "refund status"),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Our field -> the file's header, as the user chose them; JSON as to_json() / from_json()."""

    fields: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELD_LABELS))
        if unknown:
            raise ValueError(f"unknown fields in the column mapping: {', '.join(unknown)}")

    def to_json(self) -> dict[str, str]:
        return dict(self.fields)

    @classmethod
    def from_json(cls, data: Mapping[str, str]) -> ColumnMapping:
        return cls({str(k): str(v) for k, v in data.items() if v})

    def missing(self) -> list[str]:
        """The required fields (a group as "sku|title") that have no column yet."""
        return ["|".join(group) for group in REQUIRED if not any(self.fields.get(f) for f in group)]

    def layout(self, platform: str) -> Layout:
        columns = {f: (h,) for f, h in self.fields.items() if h}
        return Layout(platform=platform, columns=columns, required=REQUIRED, default_status=PAID,
                      min_known=min(3, len(columns)) or 1)


def suggest_mapping(headers: Iterable[str]) -> ColumnMapping:
    """A first guess for the mapping dialog: headers that are one of a field's words, then headers
    that contain one (the longest word first), each header used once."""
    headers = [h for h in headers if h]
    keys = {h: header_key(h) for h in headers}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for fld, words in SYNONYMS.items():
        wanted = [header_key(w) for w in words]
        for w in wanted:
            h = next((h for h in headers if keys[h] == w and h not in used), None)
            if h is not None:
                chosen[fld] = h
                used.add(h)
                break
    candidates = sorted(((len(header_key(w)), fld, h) for fld, words in SYNONYMS.items() if fld not in chosen
                         for w in words if len(header_key(w)) >= 2
                         for h in headers if h not in used and header_key(w) in keys[h]),
                        key=lambda c: -c[0])
    for _, fld, h in candidates:
        if fld not in chosen and h not in used:
            chosen[fld] = h
            used.add(h)
    return ColumnMapping({f: chosen[f] for f in FIELD_LABELS if f in chosen})


@dataclass(frozen=True)
class GenericFormat:
    """A file read with a user's column mapping: an OrderFileFormat for any platform."""

    platform: str
    mapping: ColumnMapping

    def parse(self, paths: Sequence[Path]) -> ParsedOrders:
        missing = self.mapping.missing()
        if missing:
            return ParsedOrders(rejected=[RejectedRow(1, m, "not_mapped", f"no column is mapped to {m}",
                                                      file=Path(paths[0]).name if paths else "") for m in missing])
        return parse_line_files(self.mapping.layout(self.platform), paths)
