"""ops.describe_error: the one place errors become words, stock errors included, in English and Chinese."""

from __future__ import annotations

from decimal import Decimal

from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.ui import app as ui_app
from erp_desktop.ui import ops


def test_stock_errors_in_english():
    assert ops.describe_error(NotEnoughStockError("CUP", "HZ", Decimal("5"), Decimal("2.500"))) == (
        "Not enough stock", "Not enough stock of CUP in warehouse HZ: wanted 5, available 2.5.")
    assert ops.describe_error(StockRuleError("an adjustment needs a reason")) == (
        "Not possible", "An adjustment needs a reason.")
    assert ops.describe_error(StockRuleError("something new")) == (
        "Not possible", "The stock rules refuse this: something new")
    assert ops.describe_error(PermissionDeniedError("adjust stock")) == (
        "Not allowed", "Your role may not post stock adjustments. Ask an administrator if you need to.")


def test_stock_errors_in_chinese(qapp):
    ui_app.install_translations(qapp, "zh_CN")
    assert ops.describe_error(NotEnoughStockError("CUP", "HZ", Decimal("5"), Decimal("2"))) == (
        "库存不足", "仓库 HZ 中 CUP 的库存不足：需要 5，可用 2。")
    assert ops.describe_error(StockRuleError("bins of two warehouses")) == (
        "无法执行", "两个库位属于不同仓库：请改为调拨发货，再在对方仓库收货。")
    assert ops.describe_error(PermissionDeniedError("scrap stock")) == (
        "无权操作", "您的角色无权报废库存。如有需要，请联系管理员。")
