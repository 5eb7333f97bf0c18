"""The Products module: the SKU list dock and the SKU dialog."""

from erp_desktop.ui.docks.products.dock import ProductsDock
from erp_desktop.ui.docks.products.sku_dialog import SkuDialog

__all__ = ["ProductsDock", "SkuDialog"]
