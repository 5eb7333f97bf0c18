"""Taobao and Tmall: the order report (订单报表) and the item report (宝贝报表), joined by 订单编号.

The seller back-end exports an order in two files: the order report, one row per order (buyer,
receiver, amounts, status, times), and the item report, one row per line (title, price, quantity,
the seller's SKU code, the line's own status and refund status).  Tmall writes the same files.
Both are needed; which file is which is told by its headers, so they may be given in any order
(and several pairs at once).  An item row whose order is not in the order report, and an order
without items, are rejected rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from erp_desktop.channels.files.engine import (
    Grouper,
    Layout,
    build_order,
    sort_rejected,
    table_rows,
)
from erp_desktop.channels.tabular import Table, TableError, header_key, open_table
from erp_desktop.domain.orders import ParsedOrders, RejectedRow

ORDER_REPORT = Layout(
    platform="taobao",
    columns={
        "order_no": ("订单编号", "主订单编号", "订单号"),
        "buyer_id": ("买家会员名", "买家昵称"),
        "goods_amount": ("买家应付货款",),
        "shipping_fee": ("买家应付邮费", "邮费"),
        "paid_amount": ("买家实际支付金额", "买家实付金额", "实付金额", "支付金额"),
        "status": ("订单状态",),
        "buyer_message": ("买家留言",),
        "receiver_name": ("收货人姓名", "收货人"),
        "address": ("收货地址",),
        "receiver_phone": ("联系手机", "收货人手机号", "手机"),
        "phone_alt": ("联系电话",),
        "ordered_at": ("订单创建时间", "创建时间", "下单时间"),
        "paid_at": ("订单付款时间", "付款时间"),
        "seller_memo": ("订单备注", "商家备注", "卖家备注"),
    },
    required=(("order_no",), ("status",)),
)

ITEM_REPORT = Layout(
    platform="taobao",
    columns={
        "order_no": ("订单编号", "主订单编号"),
        "line_id": ("子订单编号",),
        "title": ("标题", "宝贝标题", "商品标题"),
        "unit_price": ("价格", "单价", "商品价格"),
        "quantity": ("购买数量", "数量"),
        "sku": ("商家编码", "SKU编码"),
        "sku_alt": ("外部系统编号",),
        "variant": ("商品属性", "销售属性"),
        "line_order_status": ("订单状态",),
        "line_status": ("退款状态",),
        "line_amount": ("买家实际支付金额", "买家实付金额", "实付金额"),
    },
    required=(("order_no",), ("quantity",), ("sku", "sku_alt", "title"), ("unit_price",)),
)

_ITEM_SIGNS = frozenset(header_key(h) for h in ("购买数量", "标题", "价格", "外部系统编号", "商品属性", "套餐信息",
                                                "退款状态"))
_ORDER_SIGNS = frozenset(header_key(h) for h in ("买家会员名", "买家应付货款", "买家应付邮费", "收货地址",
                                                 "收货人姓名", "联系手机", "总金额", "宝贝标题", "宝贝总数量"))
SIGNATURE = _ITEM_SIGNS | _ORDER_SIGNS | {header_key("订单编号")}
_KNOWN = ORDER_REPORT.known | ITEM_REPORT.known


def _is_item_report(table: Table) -> bool:
    keys = table.by_key.keys()
    return len(_ITEM_SIGNS & keys) > len(_ORDER_SIGNS & keys)


@dataclass(frozen=True)
class TaobaoFormat:
    """Taobao's (or Tmall's) two report files: an OrderFileFormat."""

    platform: str = "taobao"

    def parse(self, paths: Sequence[Path]) -> ParsedOrders:
        out = ParsedOrders()
        orders, items = Grouper(out.rejected), Grouper(out.rejected)
        found = {"order": False, "item": False}
        for path in paths:
            try:
                table = open_table(Path(path), _KNOWN, 3)
            except TableError as exc:
                out.rejected.append(RejectedRow(exc.row, exc.field, exc.reason, exc.detail, file=Path(path).name))
                continue
            kind = "item" if _is_item_report(table) else "order"
            found[kind] = True
            layout, grouper = (ITEM_REPORT, items) if kind == "item" else (ORDER_REPORT, orders)
            for row in table_rows(table, layout, out):
                grouper.add(row)
        if not all(found.values()):
            which = "item report (宝贝报表)" if found["order"] else "order report (订单报表)"
            out.rejected.append(RejectedRow(1, "", "missing_file", f"the {which} is missing: a Taobao import needs "
                                            "the order report and the item report of the same export",
                                            file=Path(paths[0]).name if paths else ""))
            sort_rejected(out, paths)
            return out
        layout = dataclasses.replace(ORDER_REPORT, platform=self.platform)
        for order_no, order_rows in orders.groups.items():
            item_rows = items.groups.pop(order_no, None)
            if not item_rows:
                out.rejected.extend(RejectedRow(r.number, r.header("order_no"), "no_items",
                                                "the item report has no rows for this order", order_no, r.file)
                                    for r in order_rows)
                continue
            order, rejected = build_order(order_no, order_rows, item_rows, layout)
            if order is not None:
                out.orders.append(order)
            else:
                out.rejected.extend(rejected)
        for order_no, item_rows in items.groups.items():
            out.rejected.extend(RejectedRow(r.number, r.header("order_no"), "not_in_order_report",
                                            "the order report has no order with this number", order_no, r.file)
                                for r in item_rows)
        sort_rejected(out, paths)
        return out
