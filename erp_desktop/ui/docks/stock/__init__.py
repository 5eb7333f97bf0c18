"""The Stock dock: stock per SKU x warehouse, drill-down, stock dialogs."""

from erp_desktop.ui.docks.stock.dock import StockDock

__all__ = ["StockDock"]
