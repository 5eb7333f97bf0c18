"""Typed stock errors: they carry the data the user needs, the UI words them."""

from __future__ import annotations

from decimal import Decimal

from erp_desktop.domain.errors import ErpError


class NotEnoughStockError(ErpError):
    """Not enough available stock: the data the user needs to act on it."""

    def __init__(self, sku: str, warehouse: str, wanted: Decimal, available: Decimal) -> None:
        super().__init__(f"not enough stock: SKU {sku}, warehouse {warehouse}, wanted {wanted}, available {available}")
        self.sku = sku
        self.warehouse = warehouse
        self.wanted = wanted
        self.available = available


class StockRuleError(ErpError):
    """A stock operation the ledger's rules refuse (a kit is not stocked, a transfer needs two bins ...)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
