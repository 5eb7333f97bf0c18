"""The Orders dock: every shop's orders by status, filters and search, the order in full, the
order desk's actions, imports and manual orders."""

from erp_desktop.ui.docks.orders.dock import OrdersDock

__all__ = ["OrdersDock"]
