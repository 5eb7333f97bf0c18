"""Typed models of every schema; importing this package registers them all on Base.metadata."""

from erp_desktop.db.models.catalog import Barcode, Category, KitComponent, Product, Sku, Unit
from erp_desktop.db.models.core import AppUser, BusinessEvent, ChangeQueue, Company, Instance, RoleArea, Setting
from erp_desktop.db.models.master import Carrier, Customer, Supplier, SupplierSku
from erp_desktop.db.models.sales import Platform, Shop
from erp_desktop.db.models.stock import Level, Location, Lot, Move, Quant, Reason, Replenishment, Reservation, Warehouse
from erp_desktop.db.models.stocktake import (
    Stocktake,
    StocktakeBin,
    StocktakeExpected,
    StocktakeLine,
    StocktakeSku,
    StocktakeUnknown,
)

__all__ = [
    "AppUser",
    "Barcode",
    "BusinessEvent",
    "Carrier",
    "Category",
    "ChangeQueue",
    "Company",
    "Customer",
    "Instance",
    "KitComponent",
    "Level",
    "Location",
    "Lot",
    "Move",
    "Platform",
    "Product",
    "Quant",
    "Reason",
    "Replenishment",
    "Reservation",
    "RoleArea",
    "Setting",
    "Shop",
    "Sku",
    "Stocktake",
    "StocktakeBin",
    "StocktakeExpected",
    "StocktakeLine",
    "StocktakeSku",
    "StocktakeUnknown",
    "Supplier",
    "SupplierSku",
    "Unit",
    "Warehouse",
]
