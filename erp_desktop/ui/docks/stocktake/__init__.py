"""The Stocktake module (盘点): counts planned, counted bin by bin with a scanner, posted."""

from erp_desktop.ui.docks.stocktake.count_screen import CountScreen
from erp_desktop.ui.docks.stocktake.dock import StocktakeDock

__all__ = ["CountScreen", "StocktakeDock"]
