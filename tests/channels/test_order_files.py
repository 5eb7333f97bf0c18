"""The platforms' order export files become PlatformOrder values; bad rows are listed, never lost.

Every test writes real files the way the seller back-ends do (GBK or UTF-8-BOM CSV with ="..."
numbers, .xlsx with merged order cells) and reads them through the public API.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from erp_desktop.channels.cells import (
    CHINA_TIME,
    CellError,
    parse_amount,
    parse_datetime,
    parse_quantity,
    parse_refund_status,
    parse_status,
)
from erp_desktop.channels.files import ColumnMapping, detect_format, parse_order_files, suggest_mapping
from erp_desktop.domain.orders import CANCELLED, COMPLETED, PAID, REFUNDED, REFUNDING, SHIPPED, UNPAID
from tests.channels.export_files import (
    DOUYIN_HEADERS,
    JD_HEADERS,
    PDD_HEADERS,
    TAOBAO_ITEM_HEADERS,
    TAOBAO_ORDER_HEADERS,
    excel_text,
    table,
    taobao_export,
    write_csv,
    write_xlsx,
)


def china(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHINA_TIME)


def rejected(result) -> list[tuple[str, int, str, str, str]]:
    return [(r.file, r.row, r.field, r.reason, r.order_no) for r in result.rejected]


# ---------------------------------------------------------------------------------------------
# Taobao / Tmall: two files joined by order number
# ---------------------------------------------------------------------------------------------

def taobao_order(no: str, status: str = "买家已付款，等待卖家发货", **cells: str) -> dict[str, str]:
    return {"订单编号": excel_text(no), "买家会员名": "t**9", "买家应付货款": "￥298.00", "买家应付邮费": "￥10.00",
            "总金额": "308.00", "买家实际支付金额": "308.00", "订单状态": status, "收货人姓名": "张**",
            "收货地址": "浙江省 杭州市 西湖区 文三路 90 号 东部软件园(310012)", "联系手机": "'138****8000",
            "订单创建时间": "2026-11-28 10:02:03", "订单付款时间": "2026/11/28 10:05", **cells}


def taobao_item(no: str, title: str, price: str, qty: str, sku: str, **cells: str) -> dict[str, str]:
    return {"订单编号": excel_text(no), "标题": title, "价格": price, "购买数量": qty, "商家编码": sku,
            "订单状态": "买家已付款，等待卖家发货", "退款状态": "没有申请退款", **cells}


def test_a_taobao_order_report_and_item_report_in_gbk_become_orders(tmp_path: Path):
    orders = write_csv(tmp_path / "ExportOrderList202611.csv", table(TAOBAO_ORDER_HEADERS, [
        taobao_order("2580011223344556677", 买家留言="请发顺丰", 订单备注="送小样"),
        taobao_order("2580011223344556678", "等待买家付款", 买家实际支付金额="0.00", 订单付款时间=""),
        taobao_order("2580011223344556679", "交易成功", 联系手机=excel_text("13800138000-1234"),
                     收货地址="北京 北京市 朝阳区 建国路 88 号(000000)"),
    ]))
    items = write_csv(tmp_path / "ExportOrderDetailList202611.csv", table(TAOBAO_ITEM_HEADERS, [
        taobao_item("2580011223344556677", "保温杯 500ml", "149.00", "2", "CUP-500-BLU",
                    商品属性="颜色分类：蓝色；容量：500ml"),
        taobao_item("2580011223344556678", "保温杯 350ml", "99.00", "1", "CUP-350-RED", 订单状态="等待买家付款"),
        taobao_item("2580011223344556679", "纯棉T恤", "59.00", "1", "TS-M", 订单状态="交易成功"),
        taobao_item("9999", "不在订单报表里", "1.00", "1", "X"),
        taobao_item("2580011223344556679", "船袜 3 双装", "9.90", "3", "SOCK-3", 订单状态="交易关闭",
                    退款状态="退款成功"),
    ]))

    result = parse_order_files("taobao", [items, orders])      # the files may come in any order

    assert [o.order_no for o in result.orders] == ["2580011223344556677", "2580011223344556678",
                                                   "2580011223344556679"]
    first, unpaid, done = result.orders
    assert (first.status, first.platform_status) == (PAID, "买家已付款，等待卖家发货")
    assert (first.goods_amount, first.shipping_fee, first.paid_amount) == (Decimal("298.00"), Decimal("10.00"),
                                                                           Decimal("308.00"))
    assert (first.buyer_id, first.receiver_name, first.receiver_phone) == ("t**9", "张**", "138****8000")
    assert first.address == "浙江省 杭州市 西湖区 文三路 90 号 东部软件园(310012)"
    assert (first.buyer_message, first.seller_memo) == ("请发顺丰", "送小样")
    assert (first.ordered_at, first.paid_at) == (china(2026, 11, 28, 10, 2, 3), china(2026, 11, 28, 10, 5))
    [line] = first.lines
    assert (line.platform_sku, line.title, line.quantity, line.unit_price, line.variant, line.status) == (
        "CUP-500-BLU", "保温杯 500ml", Decimal(2), Decimal("149.00"), "颜色分类：蓝色；容量：500ml", PAID)
    assert first.source_rows == (2,)
    assert [(r["file"], r["row"]) for r in first.raw["rows"]] == [(orders.name, 2), (items.name, 2)]
    assert first.raw["rows"][0]["cells"]["收货地址"].startswith("浙江省")
    json.dumps(first.raw, ensure_ascii=False)                    # the services store it as JSON

    assert (unpaid.status, unpaid.paid_at, unpaid.lines[0].status) == (UNPAID, None, UNPAID)   # kept, not rejected
    assert done.status == COMPLETED and done.receiver_phone == "13800138000-1234"
    assert [(ln.platform_sku, ln.quantity, ln.status) for ln in done.lines] == [
        ("TS-M", Decimal(1), COMPLETED), ("SOCK-3", Decimal(3), REFUNDED)]
    assert rejected(result) == [(items.name, 5, "订单编号", "not_in_order_report", "9999")]
    assert result.rows_read == 3 + 5


def test_a_bad_row_rejects_its_whole_order_and_the_others_go_through(tmp_path: Path):
    orders = write_csv(tmp_path / "orders.csv", table(TAOBAO_ORDER_HEADERS, [
        taobao_order("1001"),
        taobao_order("1002"),
        taobao_order("1003", 订单付款时间="2026-13-45 10:00"),
        taobao_order("1004", "等待发财"),
        taobao_order("1005", 买家应付邮费="十元"),
        taobao_order("1006"),
    ]), encoding="utf-8-sig")
    items = write_csv(tmp_path / "items.csv", table(TAOBAO_ITEM_HEADERS, [
        taobao_item("1001", "保温杯", "149.00", "2", "CUP"),
        taobao_item("1002", "保温杯", "149.00", "1", "CUP"),
        taobao_item("1002", "杯套", "10.00", "两件", "SLEEVE"),
        taobao_item("1003", "保温杯", "149.00", "2", "CUP"),
        taobao_item("1004", "保温杯", "149.00", "2", "CUP"),
        taobao_item("1005", "保温杯", "149.00", "2", "CUP"),
    ]), encoding="utf-8-sig")

    result = parse_order_files("tmall", [orders, items])

    assert [o.order_no for o in result.orders] == ["1001"]
    assert rejected(result) == [
        ("orders.csv", 3, "订单编号", "order_rejected", "1002"),
        ("orders.csv", 4, "订单付款时间", "bad_date", "1003"),
        ("orders.csv", 5, "订单状态", "bad_status", "1004"),
        ("orders.csv", 6, "买家应付邮费", "bad_amount", "1005"),
        ("orders.csv", 7, "订单编号", "no_items", "1006"),
        ("items.csv", 3, "订单编号", "order_rejected", "1002"),
        ("items.csv", 4, "购买数量", "bad_quantity", "1002"),
        ("items.csv", 5, "订单编号", "order_rejected", "1003"),
        ("items.csv", 6, "订单编号", "order_rejected", "1004"),
        ("items.csv", 7, "订单编号", "order_rejected", "1005"),
    ]
    bad_date = next(r for r in result.rejected if r.reason == "bad_date")
    assert "2026-13-45" in bad_date.detail


def test_taobao_needs_both_reports(tmp_path: Path):
    orders = write_csv(tmp_path / "orders.csv", table(TAOBAO_ORDER_HEADERS, [taobao_order("1001")]))
    result = parse_order_files("taobao", [orders])
    assert result.orders == []
    assert rejected(result) == [("orders.csv", 1, "", "missing_file", "")]
    assert "item report" in result.rejected[0].detail


def test_ten_thousand_taobao_orders_parse_quickly(tmp_path: Path):
    order_file, item_file = taobao_export(tmp_path, 10_000)
    start = time.perf_counter()
    result = parse_order_files("taobao", [order_file, item_file])
    elapsed = time.perf_counter() - start
    assert len(result.orders) == 10_000 and result.rejected == []
    assert sum(len(o.lines) for o in result.orders) == 13_334
    assert elapsed < 3.0, f"10,000 orders took {elapsed:.2f} s"


# ---------------------------------------------------------------------------------------------
# Pinduoduo, Douyin, JD: one row per line
# ---------------------------------------------------------------------------------------------

def pdd_row(no: str, status: str, after_sales: str = "无售后或售后取消", **cells: str) -> dict[str, str]:
    return {"商品": "加厚保温杯", "订单号": "\t" + no, "订单状态": status, "商品总价(元)": "39.80",
            "店铺优惠折扣(元)": "3.00", "平台优惠折扣(元)": "2.00", "多多支付立减金额(元)": "0.00", "邮费(元)": "0.00",
            "用户实付金额(元)": "34.80", "商家实收金额（元）": "36.80", "商品数量(件)": "2", "收货人": "李**",
            "手机": "138****8000", "省": "浙江省", "市": "杭州市", "区": "西湖区", "街道": "文三路90号东部软件园",
            "支付时间": "2026-11-28 10:05:00", "订单成交时间": "2026-11-28 10:04:59", "商品规格": "蓝色 500ml",
            "商家编码-SKU维度": "CUP-500-BLU", "售后状态": after_sales, **cells}


def test_a_pinduoduo_export_in_utf8_with_bom(tmp_path: Path):
    path = write_csv(tmp_path / "orders_export.csv", table(PDD_HEADERS, [
        pdd_row("261128-012345678901234", "已发货，待签收"),
        pdd_row("261128-012345678901235", "待发货", "退款中", 手机="13800138000-1234"),
        pdd_row("261128-012345678901236", "未发货，退款成功", "退款成功"),
    ]), encoding="utf-8-sig")

    assert detect_format([path]) == "pdd"
    result = parse_order_files("pdd", [path])

    assert rejected(result) == []
    shipped, refunding, refunded = result.orders
    assert shipped.order_no == "261128-012345678901234"        # the tab Pinduoduo puts before it is gone
    assert (shipped.status, shipped.lines[0].status) == (SHIPPED, SHIPPED)
    assert (shipped.goods_amount, shipped.discount, shipped.paid_amount) == (Decimal("39.80"), Decimal("5.00"),
                                                                             Decimal("34.80"))
    assert (shipped.province, shipped.city, shipped.district, shipped.address_detail) == (
        "浙江省", "杭州市", "西湖区", "文三路90号东部软件园")
    [line] = shipped.lines
    assert (line.platform_sku, line.quantity, line.unit_price, line.variant) == (
        "CUP-500-BLU", Decimal(2), Decimal("19.90"), "蓝色 500ml")
    assert shipped.ordered_at == china(2026, 11, 28, 10, 4, 59)
    assert (refunding.status, refunding.lines[0].status, refunding.receiver_phone) == (
        PAID, REFUNDING, "13800138000-1234")
    assert (refunded.status, refunded.lines[0].status) == (REFUNDED, REFUNDED)


def merge_down(headers: list[str], columns: Iterable[str], first: int, last: int) -> list[str]:
    """The merged ranges of `columns` from row `first` to row `last`, as a seller's workbook has them."""
    letters = [get_column_letter(headers.index(h) + 1) for h in columns]
    return [f"{c}{first}:{c}{last}" for c in letters]


def test_a_douyin_workbook_with_order_cells_merged_across_its_lines(tmp_path: Path):
    def line(sub: str, title: str, qty: int, price: float, paid: float, **cells: object) -> dict[str, object]:
        """A sub-order row: its own cells, and the order's times and status, which Douyin repeats on each."""
        return {"子订单编号": sub, "选购商品": title, "商品数量": qty, "商家编码": f"SKU-{sub[-1]}", "商品单价": price,
                "订单应付金额": paid, "售后状态": "-", "运费": 0, "订单提交时间": dt.datetime(2026, 11, 28, 9, 30),
                "支付完成时间": dt.datetime(2026, 11, 28, 9, 31, 15), "订单状态": "待发货", **cells}

    # the order's cells the seller merged across its sub-order rows
    order = {"主订单编号": "6920000000000000001", "收件人": "王**", "收件人手机号": "13800138000-1234", "省": "广东省",
             "市": "深圳市", "区": "南山区", "街道": "粤海街道", "详细地址": "科技园路1号"}
    rows = [["抖店订单导出 2026-11-28"], *table(DOUYIN_HEADERS, [
        {**order, **line("6920000000000000011", "运动短袜", 2, 9.9, 19.8)},
        line("6920000000000000012", "运动长袜", 1, 12.5, 12.5),
        {**order, "主订单编号": "6920000000000000002",
         **line("6920000000000000021", "毛巾", 1, 15, 15, 订单状态="已完成")},
        {**order, "主订单编号": "6920000000000000003", **line("6920000000000000031", "浴巾", 1, 49, 49)},
        line("6920000000000000032", "浴巾", 1, 49, 0, 售后状态="退款成功"),
    ])]
    merged = ["A1:F1", *merge_down(DOUYIN_HEADERS, order, 3, 4), *merge_down(DOUYIN_HEADERS, order, 6, 7)]
    path = write_xlsx(tmp_path / "fxg_export.xlsx", rows, merged)

    assert detect_format([path]) == "douyin"
    result = parse_order_files("douyin", [path])

    assert rejected(result) == []
    first, second, third = result.orders
    assert first.order_no == "6920000000000000001" and first.source_rows == (3, 4)
    assert [(ln.platform_line_id, ln.title, ln.quantity, ln.unit_price, ln.amount) for ln in first.lines] == [
        ("6920000000000000011", "运动短袜", Decimal(2), Decimal("9.9"), Decimal("19.8")),
        ("6920000000000000012", "运动长袜", Decimal(1), Decimal("12.5"), Decimal("12.5"))]
    assert (first.status, first.paid_amount, first.receiver_phone) == (PAID, Decimal("32.3"), "13800138000-1234")
    assert (first.ordered_at, first.paid_at) == (china(2026, 11, 28, 9, 30), china(2026, 11, 28, 9, 31, 15))
    assert (first.province, first.city, first.district, first.address_detail) == (
        "广东省", "深圳市", "南山区", "粤海街道科技园路1号")
    assert second.status == COMPLETED
    assert [ln.status for ln in third.lines] == [PAID, REFUNDED]
    assert third.receiver_name == "王**"
    assert [r["cells"]["主订单编号"] for r in third.raw["rows"]] == ["6920000000000000003"] * 2   # merged down


def test_a_jd_export_with_one_row_per_item(tmp_path: Path):
    def jd_row(no: str, status: str, sku_id: str, qty: str, price: str, code: str = "") -> dict[str, str]:
        return {"订单号": no, "商品ID": sku_id, "商品名称": f"商品{sku_id}", "订购数量": qty, "支付方式": "在线支付",
                "下单时间": "2026-11-28 23:19:56", "京东价": price, "订单金额": "1097.00", "结算金额": "932.45",
                "应付金额": "932.45", "订单状态": status, "订单类型": "销售订单", "下单帐号": "jd_a**1",
                "客户姓名": "赵**", "客户地址": "江西南昌市青山湖区昌东工业区恒源科技园1栋", "联系电话": "139****1772",
                "运费金额": "0.00", "付款确认时间": "2026-11-28 23:20:30", "货号": code}

    path = write_csv(tmp_path / "jd_orders.csv", table(JD_HEADERS, [
        jd_row("317293840720", "等待出库", "1953814331", "1", "758.00", "NECK-01"),
        jd_row("317293840720", "等待出库", "1953814332", "1", "339.00"),
        jd_row("317293840721", "(删除)等待出库", "1953814331", "1", "758.00"),
        jd_row("317293840722", "锁定", "1953814331", "1", "758.00"),
    ]), encoding="utf-8")

    assert detect_format([path]) == "jd"
    result = parse_order_files("jd", [path])

    assert rejected(result) == []
    paid, deleted, locked = result.orders
    assert [(ln.platform_sku, ln.unit_price) for ln in paid.lines] == [("NECK-01", Decimal("758.00")),
                                                                       ("1953814332", Decimal("339.00"))]
    assert (paid.status, paid.paid_amount, paid.goods_amount, paid.buyer_id) == (
        PAID, Decimal("932.45"), Decimal("1097.00"), "jd_a**1")
    assert (deleted.status, locked.status) == (CANCELLED, REFUNDING)


def test_rows_without_an_order_number(tmp_path: Path):
    """An item row under a blanked order cell continues the order above; a row with order cells but
    no order number is rejected; Excel's rounding of an order number is caught."""
    path = write_xlsx(tmp_path / "jd.xlsx", table(JD_HEADERS, [
        {"订单号": "317293840720", "商品ID": "1", "商品名称": "A", "订购数量": 1, "京东价": 10, "订单状态": "等待出库"},
        {"商品ID": "2", "商品名称": "B", "订购数量": 2, "京东价": 5},
        {"商品ID": "3", "商品名称": "C", "订购数量": 1, "京东价": 5, "订单状态": "等待出库", "客户姓名": "钱**"},
        {"订单号": 2.58001122334456e18, "商品ID": "4", "商品名称": "D", "订购数量": 1, "京东价": 5,
         "订单状态": "等待出库"},
        {"订单号": 317293840799, "商品ID": "5", "商品名称": "E", "订购数量": 1, "京东价": 5, "订单状态": "等待出库"},
    ]))
    result = parse_order_files("jd", [path])
    assert [(o.order_no, [ln.title for ln in o.lines]) for o in result.orders] == [
        ("317293840720", ["A", "B"]), ("317293840799", ["E"])]
    assert rejected(result) == [("jd.xlsx", 4, "订单号", "missing", ""),
                                ("jd.xlsx", 5, "订单号", "bad_order_no", "2.58001122334456e+18")]


# ---------------------------------------------------------------------------------------------
# files that cannot be read
# ---------------------------------------------------------------------------------------------

def test_files_that_cannot_be_read_are_reported_not_raised(tmp_path: Path):
    pdf = tmp_path / "orders.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    empty = write_csv(tmp_path / "empty.csv", [])
    notes = write_csv(tmp_path / "notes.csv", [["导出说明"], ["这不是订单"]])
    no_qty = write_csv(tmp_path / "no_qty.csv", table([h for h in JD_HEADERS if h != "订购数量"], [
        {"订单号": "1", "商品名称": "A", "京东价": "1", "订单状态": "等待出库"}]))

    result = parse_order_files("jd", [pdf, broken, empty, notes, no_qty, tmp_path / "gone.csv"])

    assert result.orders == []
    assert rejected(result) == [("orders.pdf", 1, "", "unsupported_format", ""),
                                ("broken.xlsx", 1, "", "unreadable_file", ""),
                                ("empty.csv", 1, "", "empty_file", ""),
                                ("notes.csv", 1, "", "no_header", ""),
                                ("no_qty.csv", 1, "订购数量", "missing_column", ""),
                                ("gone.csv", 1, "", "unreadable_file", "")]


def test_detect_format_tells_the_exports_apart(tmp_path: Path):
    orders = write_csv(tmp_path / "o.csv", table(TAOBAO_ORDER_HEADERS, []))
    items = write_csv(tmp_path / "i.csv", table(TAOBAO_ITEM_HEADERS, []))
    other = write_csv(tmp_path / "x.csv", [["Order ID", "SKU", "Qty", "Price"]])
    assert detect_format([orders, items]) == "taobao"
    assert detect_format([items]) == "taobao"
    assert detect_format([write_xlsx(tmp_path / "d.xlsx", table(DOUYIN_HEADERS, []))]) == "douyin"
    assert detect_format([other]) is None
    with pytest.raises(ValueError, match="column mapping"):
        parse_order_files("shopify", [other])


# ---------------------------------------------------------------------------------------------
# any other file, with the shop's column mapping
# ---------------------------------------------------------------------------------------------

GENERIC_HEADERS = ["Order ID", "Created At", "Status", "Customer", "Phone", "Shipping Address", "Lineitem SKU",
                   "Product Name", "Qty", "Unit Price", "Shipping", "Notes", "Internal column"]


def test_suggest_mapping_guesses_the_fields_and_survives_json():
    mapping = suggest_mapping(GENERIC_HEADERS)
    assert dict(mapping.fields) == {
        "order_no": "Order ID", "status": "Status", "ordered_at": "Created At", "buyer_name": "Customer",
        "buyer_message": "Notes", "receiver_phone": "Phone", "address": "Shipping Address",
        "shipping_fee": "Shipping", "sku": "Lineitem SKU", "title": "Product Name", "quantity": "Qty",
        "unit_price": "Unit Price"}
    assert mapping.missing() == []
    assert ColumnMapping.from_json(json.loads(json.dumps(mapping.to_json()))) == mapping
    chinese = suggest_mapping(["平台订单号", "收件人", "收件人手机号", "商品名称", "商家编码", "数量", "单价", "备注"])
    assert dict(chinese.fields) == {"order_no": "平台订单号", "seller_memo": "备注", "receiver_name": "收件人",
                                    "receiver_phone": "收件人手机号", "sku": "商家编码", "title": "商品名称",
                                    "quantity": "数量", "unit_price": "单价"}
    assert ColumnMapping({"order_no": "单号"}).missing() == ["quantity", "sku|title",
                                                            "unit_price|line_total|line_amount"]
    with pytest.raises(ValueError, match="unknown fields"):
        ColumnMapping({"colour": "颜色"})


def test_a_generic_unicode_text_file_with_a_saved_mapping(tmp_path: Path):
    rows = [["Orders exported 2026-11-28"], GENERIC_HEADERS,
            ["#1001", "2026-11-28T10:02:03+00:00", "paid", "Ann", "+86 138 0013 8000", "1 Main St", "CUP-1",
             "Cup", "2", "$12.50", "5", "gift wrap", "x"],
            ["", "", "", "", "", "", "LID-1", "Lid", "1", "$3.00", "", "", ""],
            ["#1002", "2026-11-28 11:00", "", "Bob", "", "2 Side St", "CUP-1", "Cup", "1", "12.50", "", "", ""],
            ["", "2026-11-28 12:00", "shipped", "Cy", "", "", "CUP-1", "Cup", "1", "12.50", "", "", ""]]
    path = write_csv(tmp_path / "orders.txt", rows, encoding="utf-16", delimiter="\t")
    saved = suggest_mapping(GENERIC_HEADERS).to_json()

    result = parse_order_files("own", [path], saved)

    first, second = result.orders
    assert (first.order_no, first.status, first.buyer_name, first.shipping_fee) == ("#1001", PAID, "Ann",
                                                                                    Decimal(5))
    assert first.ordered_at == dt.datetime(2026, 11, 28, 10, 2, 3, tzinfo=dt.UTC)
    assert [(ln.platform_sku, ln.quantity, ln.unit_price) for ln in first.lines] == [
        ("CUP-1", Decimal(2), Decimal("12.50")), ("LID-1", Decimal(1), Decimal("3.00"))]
    assert first.source_rows == (3, 4) and first.goods_amount == Decimal("28.00")
    assert second.status == PAID                  # no status in the file: an order to ship
    assert rejected(result) == [("orders.txt", 6, "Order ID", "missing", "")]

    incomplete = parse_order_files("own", [path], {"order_no": "Order ID", "title": "Product Name"})
    assert [(r.field, r.reason) for r in incomplete.rejected] == [
        ("quantity", "not_mapped"), ("unit_price|line_total|line_amount", "not_mapped")]


# ---------------------------------------------------------------------------------------------
# cells
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("12.50", Decimal("12.50")), ("¥12.50", Decimal("12.50")), ("￥1,299.00", Decimal("1299.00")),
    ("12.5元", Decimal("12.5")), ("-", None), ("", None), ("-3.00", Decimal("-3.00"))])
def test_amounts(text: str, value: Decimal | None):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["12,5", "十元", "12.5.1"])
def test_bad_amounts(text: str):
    with pytest.raises(CellError) as exc:
        parse_amount(text)
    assert exc.value.reason == "bad_amount"


def test_quantities():
    assert [parse_quantity(t) for t in ("2", "２", "1,000", "3件")] == [Decimal(2), Decimal(2), Decimal(1000),
                                                                       Decimal(3)]
    for text, reason in (("0", "bad_quantity"), ("-1", "bad_quantity"), ("两", "bad_quantity"), ("", "missing")):
        with pytest.raises(CellError) as exc:
            parse_quantity(text)
        assert exc.value.reason == reason


@pytest.mark.parametrize(("text", "value"), [
    ("2026-11-28 10:02:03", china(2026, 11, 28, 10, 2, 3)), ("2026/11/28 10:02", china(2026, 11, 28, 10, 2)),
    ("2016/5/3 9:07", china(2016, 5, 3, 9, 7)), ("2026-11-28", china(2026, 11, 28)),
    ("2026年11月28日 10:02:03", china(2026, 11, 28, 10, 2, 3)), ("46354.5", china(2026, 11, 28, 12)),
    ("2026-11-28T02:02:03Z", dt.datetime(2026, 11, 28, 2, 2, 3, tzinfo=dt.UTC)),
    ("", None), ("-", None), ("0000-00-00 00:00:00", None)])
def test_datetimes(text: str, value: dt.datetime | None):
    assert parse_datetime(text) == value


@pytest.mark.parametrize("text", ["2026-02-30 10:00:00", "yesterday", "28/11/2026"])
def test_bad_datetimes(text: str):
    with pytest.raises(CellError) as exc:
        parse_datetime(text)
    assert exc.value.reason == "bad_date"


@pytest.mark.parametrize(("text", "platform", "status"), [
    ("等待买家付款", "taobao", UNPAID), ("买家已付款，等待卖家发货", "taobao", PAID),
    ("买家已付款,等待卖家发货", "tmall", PAID), ("卖家已发货，等待买家确认", "taobao", SHIPPED),
    ("交易成功", "taobao", COMPLETED), ("交易关闭", "taobao", CANCELLED),
    ("交易关闭（付款以后用户退款成功，交易自动关闭）", "taobao", REFUNDED), ("等待出库", "jd", PAID),
    ("等待确认收货", "jd", SHIPPED), ("完成", "jd", COMPLETED), ("已发货，待签收", "pdd", SHIPPED),
    ("已签收", "pdd", COMPLETED), ("备货中", "douyin", PAID), ("已关闭", "douyin", CANCELLED),
    ("退款中", "", REFUNDING), ("Processing", "woocommerce", PAID)])
def test_status_words(text: str, platform: str, status: str):
    assert parse_status(text, platform) == status


def test_an_unknown_status_word_is_refused_not_guessed():
    with pytest.raises(CellError) as exc:
        parse_status("交易成功了吗", "taobao")
    assert exc.value.reason == "bad_status"


@pytest.mark.parametrize(("text", "status"), [
    ("", None), ("-", None), ("没有申请退款", None), ("无售后或售后取消", None), ("退款关闭", None),
    ("售后取消，退款失败", None), ("退款成功", REFUNDED), ("买家已经申请退款，等待卖家同意", REFUNDING),
    ("待商家处理", REFUNDING)])
def test_line_refund_words(text: str, status: str | None):
    assert parse_refund_status(text) == status
