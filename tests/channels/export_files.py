"""Order export files as the platforms' seller back-ends write them, for the file import tests.

Headers are the platforms' own (Taobao's with the trailing blanks its CSV has); CSV files are
written the way the back-ends write them: ="..." cells left unquoted, CRLF line ends, GBK or UTF-8
with BOM.  .xlsx files can merge an order's cells across its item rows, as sellers' workbooks do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import openpyxl

TAOBAO_ORDER_HEADERS = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
    "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ",
    "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注",
    "宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
    "分阶段订单信息", "特权订金订单id", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣",
    "集分宝抵扣", "是否是O2O交易", "退款金额",
]
TAOBAO_ITEM_HEADERS = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注",
                       "订单状态", "商家编码", "退款状态"]

PDD_HEADERS = [
    "商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "多多支付立减金额(元)",
    "邮费(元)", "用户实付金额(元)", "商家实收金额（元）", "商品数量(件)", "身份证姓名", "身份证号码", "收货人", "手机",
    "是否审核中", "省", "市", "区", "街道", "支付时间", "拼单成功时间", "订单确认时间", "承诺发货时间", "发货时间",
    "确认收货时间", "商品id", "商品规格", "用户购买手机号", "样式ID", "商家编码-SKU维度", "商家编码-商品维度",
    "快递单号", "快递公司", "商家备注", "售后状态", "买家留言", "订单成交时间",
]

DOUYIN_HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品单价", "订单应付金额",
    "运费", "优惠总金额", "商家改价", "支付优惠", "红包抵扣", "手续费", "订单提交时间", "支付完成时间", "订单完成时间",
    "订单状态", "售后状态", "取消原因", "支付方式", "收件人", "收件人手机号", "省", "市", "区", "街道", "详细地址",
    "买家留言", "商家备注", "快递单号", "快递公司", "达人ID", "仓库名称",
]

JD_HEADERS = [
    "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付",
    "应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型",
    "发票抬头", "发票内容", "商家备注", "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票",
    "货号", "订单完成时间", "订单来源", "订单渠道",
]


def table(headers: Sequence[str], records: Iterable[Mapping[str, object]]) -> list[list[object]]:
    """The header row, then one row per record (keys as the headers without their blanks)."""
    rows: list[list[object]] = [list(headers)]
    for record in records:
        unknown = set(record) - {h.strip() for h in headers}
        assert not unknown, f"not a column of this export: {unknown}"
        rows.append([record.get(h.strip(), "") for h in headers])
    return rows


def excel_text(value: str) -> str:
    """How Taobao keeps long numbers as text in its CSV: ="2580011223344556677"."""
    return f'="{value}"'


def _csv_field(value: object, delimiter: str) -> str:
    text = "" if value is None else str(value)
    if text.startswith('="') and text.endswith('"') and delimiter not in text:
        return text                        # the back-ends write these bare
    if any(c in text for c in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "gbk", delimiter: str = ",") -> Path:
    text = "".join(delimiter.join(_csv_field(v, delimiter) for v in row) + "\r\n" for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], merges: Iterable[str] = ()) -> Path:
    """Cells keep their Python types (numbers, datetimes); each merge is a range like "A3:A4"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


# ---------------------------------------------------------------------------------------------
# a big Taobao export, for the speed guard and the benchmark
# ---------------------------------------------------------------------------------------------

def taobao_export(folder: Path, orders: int) -> tuple[Path, Path]:
    """A GBK order report of `orders` rows and its item report (every third order has two items)."""
    start = dt.datetime(2026, 11, 1, 8, 0, 0)
    order_rows, item_rows = [], []
    for i in range(orders):
        no = str(3_100_000_000_000_000_000 + i * 7919)
        two = i % 3 == 0
        goods = "298.00" if two else "149.00"
        when = start + dt.timedelta(minutes=i)
        order_rows.append({
            "订单编号": excel_text(no), "买家会员名": f"t**{i % 10}", "买家支付宝账号": "", "买家应付货款": goods,
            "买家应付邮费": "0.00", "总金额": goods, "买家实际支付金额": goods,
            "订单状态": "买家已付款，等待卖家发货", "收货人姓名": "王**",
            "收货地址": "广东省 深圳市 南山区 科技园路 1 号(518000)", "运送方式": "快递", "联系手机": "'138****8000",
            "订单创建时间": when.strftime("%Y-%m-%d %H:%M:%S"),
            "订单付款时间": (when + dt.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S"),
            "宝贝标题": "保温杯 500ml", "宝贝种类": "2" if two else "1", "宝贝总数量": "2" if two else "1",
            "店铺名称": "杯子旗舰店"})
        for k in range(2 if two else 1):
            item_rows.append({"订单编号": excel_text(no), "标题": f"保温杯 500ml 款{k}", "价格": "149.00",
                              "购买数量": "1", "商品属性": "颜色分类：蓝色", "订单状态": "买家已付款，等待卖家发货",
                              "商家编码": f"CUP-{k}", "退款状态": "没有申请退款"})
    order_file = write_csv(folder / "ExportOrderList_big.csv", table(TAOBAO_ORDER_HEADERS, order_rows))
    item_file = write_csv(folder / "ExportOrderDetailList_big.csv", table(TAOBAO_ITEM_HEADERS, item_rows))
    return order_file, item_file
