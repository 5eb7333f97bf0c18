"""`erp-desktop import orders`, `orders ...` and `shop ...` as a sales user runs them from a script or cron.

The commands run in this process through `cli.main` (as the console script does) against the
test database, with real export files written as the platforms' back-ends write them.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import text

from erp_desktop import cli
from erp_desktop.domain import rules as r
from erp_desktop.services import order_review, stock
from tests.channels.export_files import (
    JD_HEADERS,
    TAOBAO_ITEM_HEADERS,
    TAOBAO_ORDER_HEADERS,
    excel_text,
    table,
    write_csv,
)
from tests.stock_fixtures import make_world


@pytest.fixture
def desk(db, session_factory, monkeypatch):
    """A company with stock of CUP only, an 'approve everything' rule, and a sales user's CLI."""
    world = make_world(db)
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
        order_review.save_rule(s, r.RuleSpec(id=None, name="auto", action="approve"))
    monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("sales").url)
    return world


def erp(capsys, *args: str, expect: int = 0) -> str:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert code == expect, out.out + out.err
    return out.out + out.err


def taobao_order(no: str, status: str = "买家已付款，等待卖家发货", **cells: str) -> dict[str, str]:
    return {"订单编号": excel_text(no), "买家会员名": "t**9", "买家应付货款": "298.00", "买家应付邮费": "0.00",
            "总金额": "298.00", "买家实际支付金额": "298.00", "订单状态": status, "收货人姓名": "张三",
            "收货地址": "浙江省 杭州市 西湖区 文三路 90 号 东部软件园(310012)", "联系手机": excel_text("13800138000"),
            "订单创建时间": "2026-11-28 10:02:03", "订单付款时间": "2026-11-28 10:05:00", **cells}


def taobao_item(no: str, sku: str, qty: str = "2", status: str = "买家已付款，等待卖家发货") -> dict[str, str]:
    return {"订单编号": excel_text(no), "标题": f"商品 {sku}", "价格": "149.00", "购买数量": qty, "商家编码": sku,
            "订单状态": status, "退款状态": "没有申请退款"}


def taobao_files(folder: Path, orders: list[dict], items: list[dict], stem: str = "") -> tuple[Path, Path]:
    return (write_csv(folder / f"ExportOrderList{stem}.csv", table(TAOBAO_ORDER_HEADERS, orders)),
            write_csv(folder / f"ExportOrderDetailList{stem}.csv", table(TAOBAO_ITEM_HEADERS, items)))


def order_rows(session_factory) -> list[tuple]:
    with session_factory() as s:
        return [tuple(x) for x in s.execute(text(
            "SELECT platform_order_no, status FROM sales.\"order\" ORDER BY platform_order_no"))]


def test_a_taobao_export_goes_in_reviewed_once_however_often_it_is_imported(desk, session_factory, capsys,
                                                                           tmp_path):
    assert "shop TB1 added" in erp(capsys, "shop", "add", "TB1", "--name", "淘宝旗舰店", "--platform", "taobao")
    assert "exists already" in erp(capsys, "shop", "add", "tb1", "--name", "again", "--platform", "taobao",
                                   expect=1)
    assert "0 open order" in erp(capsys, "shop", "map", "TB1", "CUP-500-BLU", "CUP")
    files = taobao_files(tmp_path, [taobao_order("1001"), taobao_order("1002"),
                                    taobao_order("1003", "等待买家付款", 订单付款时间="")],
                         [taobao_item("1001", "CUP-500-BLU"), taobao_item("1002", "LID", "1"),
                          taobao_item("1003", "CUP-500-BLU", status="等待买家付款")])

    out = erp(capsys, "import", "orders", "--shop", "TB1", *files)
    assert "created 2, updated 0, unchanged 0, skipped 1 (not paid yet), rejected 0" in out
    # the rule approves both; CUP is in stock, LID is not: that one waits
    assert "approved 1, waiting for stock 1" in out
    assert order_rows(session_factory) == [("1001", "approved"), ("1002", "waiting")]

    again = erp(capsys, "import", "orders", "--shop", "TB1", *files)
    assert "created 0, updated 0, unchanged 2" in again and "reviewed" not in again
    assert order_rows(session_factory) == [("1001", "approved"), ("1002", "waiting")]
    with session_factory() as s:
        assert s.execute(text("SELECT count(*) FROM sales.order_line")).scalar_one() == 2
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": desk.sku["CUP"]}).scalar_one() == 2

    # what the shop may sell, as the bulk stock file its back-end takes
    out_file = tmp_path / "stock.csv"
    assert "1 SKUs of shop TB1" in erp(capsys, "shop", "stock-file", "TB1", out_file)
    with out_file.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["商家编码", "库存"], ["CUP-500-BLU", "8"]]


def test_a_bad_row_is_listed_with_exit_1_and_the_good_orders_go_in(desk, session_factory, capsys, tmp_path):
    erp(capsys, "shop", "add", "TM1", "--name", "天猫店", "--platform", "tmall")
    files = taobao_files(tmp_path, [taobao_order("2001"), taobao_order("2002", 订单付款时间="2026-13-45 10:00")],
                         [taobao_item("2001", "CUP"), taobao_item("2002", "CUP")])

    out = erp(capsys, "import", "orders", "--shop", "TM1", *files, expect=1)

    assert "created 1" in out and "rejected 2" in out
    assert "ExportOrderList.csv row 3, 订单付款时间: bad_date (" in out and "2026-13-45" in out
    assert "[order 2002]" in out
    assert "ExportOrderDetailList.csv row 3, 订单编号: order_rejected" in out
    assert order_rows(session_factory) == [("2001", "approved")]


def test_what_cannot_be_imported_says_why_with_exit_2(desk, session_factory, capsys, tmp_path):
    erp(capsys, "shop", "add", "TB1", "--name", "淘宝店", "--platform", "taobao")
    files = taobao_files(tmp_path, [taobao_order("1001")], [taobao_item("1001", "CUP")])
    assert "no shop 'NOPE'" in erp(capsys, "import", "orders", "--shop", "NOPE", *files, expect=2)
    assert "no such file" in erp(capsys, "import", "orders", "--shop", "TB1", tmp_path / "gone.csv", expect=2)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert "cannot read broken.xlsx" in erp(capsys, "import", "orders", "--shop", "TB1", broken, expect=2)
    jd = write_csv(tmp_path / "jd.csv", table(JD_HEADERS, [{"订单号": "JD1", "商品名称": "保温杯", "订购数量": "1",
                                                           "京东价": "99", "订单状态": "等待出库"}]))
    assert "--format jd" in erp(capsys, "import", "orders", "--shop", "TB1", jd, expect=2)
    assert order_rows(session_factory) == []


def test_a_file_no_platform_writes_imports_with_the_shops_saved_columns(desk, session_factory, capsys, tmp_path):
    erp(capsys, "shop", "add", "OWN", "--name", "自有商城", "--platform", "own")
    path = write_csv(tmp_path / "orders.csv", [
        ["单号", "收件人", "手机", "地址", "商家编码", "数量", "单价"],
        ["W-1", "李四", "13900139000", "广东省 广州市 天河区 体育西路 1 号", "CUP", "1", "99.00"]], encoding="utf-8")

    out = erp(capsys, "import", "orders", "--shop", "OWN", path, expect=2)
    assert "erp-desktop shop mapping OWN" in out
    suggestion = json.loads(out[out.index("{"):out.rindex("}") + 1])
    assert suggestion["sku"] == "商家编码" and "order_no" not in suggestion      # 单号 is not a word it knows
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(suggestion, ensure_ascii=False), encoding="utf-8")
    assert "no column for order_no" in erp(capsys, "shop", "mapping", "OWN", mapping, expect=2)
    mapping.write_text(json.dumps({**suggestion, "order_no": "单号"}, ensure_ascii=False), encoding="utf-8")
    erp(capsys, "shop", "mapping", "OWN", mapping)

    assert "created 1" in erp(capsys, "import", "orders", "--shop", "OWN", path)
    assert order_rows(session_factory) == [("W-1", "approved")]


def test_the_order_desk_from_the_command_line(desk, session_factory, capsys, tmp_path):
    erp(capsys, "shop", "add", "TB1", "--name", "淘宝旗舰店", "--platform", "taobao")
    files = taobao_files(tmp_path, [taobao_order("1001"), taobao_order("1002"), taobao_order("1003")],
                         [taobao_item("1001", "CUP"), taobao_item("1002", "LID", "1"),
                          taobao_item("1003", "TB-SKU-9")])
    erp(capsys, "import", "orders", "--shop", "TB1", *files)

    listed = erp(capsys, "orders", "list", "--status", "waiting")
    assert "1002" in listed and "1001" not in listed and "1 orders" in listed
    assert "1003" in erp(capsys, "orders", "list", "--status", "exception", "--shop", "TB1")
    assert "1001" in erp(capsys, "orders", "list", "--search", "1001")

    shown = erp(capsys, "orders", "show", "1003")
    assert "exception (unknown_sku)" in shown and "not mapped" in shown and "imported" in shown
    # the shop's SKU mapped to ours: the order leaves the exception queue, and the rules approve it
    assert "1 open order(s) updated" in erp(capsys, "shop", "map", "TB1", "TB-SKU-9", "CUP", "--quantity", "2")
    assert "reviewed by the rules: approved 1, waiting for stock 0" in erp(capsys, "orders", "review")
    shown = erp(capsys, "orders", "show", "1003", "--shop", "TB1")
    assert "-> CUP x4 (reserved)" in shown and "approved" in shown and "rule" in shown

    assert "hold: 1 of 1" in erp(capsys, "orders", "hold", "1001", "--reason", "address_to_confirm")
    assert "review (address_to_confirm)" in erp(capsys, "orders", "show", "1001")
    assert "approved: 1001" in erp(capsys, "orders", "approve", "1001")
    assert "cancel: 2 of 2" in erp(capsys, "orders", "cancel", "1001", "1002")
    assert "cancel: 0 of 1" in erp(capsys, "orders", "cancel", "1001", expect=1)
    assert "refused: 1001 (not_open)" in erp(capsys, "orders", "approve", "1001", expect=1)
    assert "no order 9999" in erp(capsys, "orders", "show", "9999", expect=2)
    assert order_rows(session_factory) == [("1001", "cancelled"), ("1002", "cancelled"), ("1003", "approved")]
    with session_factory() as s:
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": desk.sku["CUP"]}).scalar_one() == 4


def test_a_viewer_is_refused_in_words(db, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("viewer").url)
    assert "permission denied" in erp(capsys, "shop", "add", "TB1", "--name", "x", "--platform", "taobao", expect=1)
