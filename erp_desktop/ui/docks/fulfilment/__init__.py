"""The Fulfilment module (履约/发货): waves and picking, shipments, carriers' tracking pools."""

from erp_desktop.ui.docks.fulfilment.dock import FulfilmentDock

__all__ = ["FulfilmentDock"]
