"""The modules of the main window, one dock each.  A new module is one line in DOCKS.

A dock is a QDockWidget built as `Factory(ctx, bridge, parent)` with a unique objectName (it is
the key of the saved layout).  Optional methods the main window uses when present:
`save_settings()` (on close), `handle_scan(code)` (a scanner fired while the dock was active),
`choose_export_file()` (File > Export…), `menu()` (a QMenu of its own, put in the menu bar).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from erp_desktop.services.session import AppContext
from erp_desktop.services.users import Identity
from erp_desktop.ui.bridge import Bridge


def _everyone(_identity: Identity) -> bool:
    return True


def _reads_stock(identity: Identity) -> bool:
    """Every role reads stock but customer service (sql/0003_stock_ledger.sql grants)."""
    return identity.is_superuser or bool(identity.areas - {"service"})


@dataclass(frozen=True)
class DockSpec:
    object_name: str                                   # "dock.products"
    factory: str                                       # "package.module:Class", imported when built
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea
    allowed: Callable[[Identity], bool] = _everyone    # who sees the module at all

    def create(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None) -> QDockWidget:
        module, _, name = self.factory.partition(":")
        cls = getattr(importlib.import_module(module), name)
        dock = cls(ctx, bridge, parent)
        if dock.objectName() != self.object_name:
            dock.setObjectName(self.object_name)
        return dock


DOCKS: tuple[DockSpec, ...] = (
    DockSpec("dock.products", "erp_desktop.ui.docks.products:ProductsDock"),
    DockSpec("dock.stock", "erp_desktop.ui.docks.stock:StockDock", allowed=_reads_stock),
    DockSpec("dock.orders", "erp_desktop.ui.docks.orders:OrdersDock", allowed=lambda i: any(map(i.can, (
        "sales", "service", "warehouse", "warehouse_lead", "finance", "viewer")))),    # SELECT on sales.order
    DockSpec("dock.stocktake", "erp_desktop.ui.docks.stocktake:StocktakeDock",
             allowed=lambda i: i.can("warehouse") or i.can("viewer")),
    DockSpec("dock.replenishment", "erp_desktop.ui.docks.replenishment:ReplenishmentDock",
             allowed=lambda i: any(map(i.can, ("purchasing", "warehouse", "finance", "viewer")))),
    DockSpec("dock.fulfilment", "erp_desktop.ui.docks.fulfilment:FulfilmentDock",
             allowed=lambda i: any(map(i.can, ("warehouse", "warehouse_lead", "sales", "viewer")))),
)
