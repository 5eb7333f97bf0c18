"""The Replenishment module: what to buy and why, and the slow-mover / overstock report."""

from erp_desktop.ui.docks.replenishment.dock import ReplenishmentDock

__all__ = ["ReplenishmentDock"]
