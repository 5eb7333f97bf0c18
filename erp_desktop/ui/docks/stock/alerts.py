"""Low stock announced once per SKU x warehouse and client session: a desktop notification where
the system has a tray, and always the Stock dock's message line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from erp_desktop.services.stock_queries import StockRow
from erp_desktop.ui.models.stock_table import format_planned
from erp_desktop.ui.widgets.money import format_qty

if TYPE_CHECKING:
    from erp_desktop.ui.docks.stock.dock import StockDock


class LowStockAlerts(QObject):
    """Say once per SKU x warehouse (per client session) that it fell below safety stock.

    Rows already low when the client starts are known, not announced (the count on the title
    shows them).  A desktop notification where the system has a tray, and the dock's message line."""

    announced = Signal(object)          # StockRow

    def __init__(self, dock: StockDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.known: set[int] = set()
        self.ready = False
        self._waiting: list[StockRow] = []
        self.history: list[StockRow] = []
        self.tray: QSystemTrayIcon | None = None

    def prime(self, low_ids: list[int]) -> None:
        self.known.update(low_ids)
        self.ready = True
        waiting, self._waiting = self._waiting, []
        self.check(waiting)

    def check(self, rows: list[StockRow]) -> None:
        if not self.ready:
            self._waiting.extend(rows)
            return
        for r in rows:
            if r.below_safety and r.id not in self.known:
                self.known.add(r.id)
                self.announce(r)

    def announce(self, r: StockRow) -> None:
        title = self.tr("Below safety stock")
        text = (self.tr("%1 %2 in %3: available %4, safety stock %5")
                .replace("%1", r.code).replace("%2", r.name).replace("%3", r.warehouse_name)
                .replace("%4", format_qty(r.available)).replace("%5", format_planned(r.safety_stock)))
        self.history.append(r)
        self.dock.show_message(f"⚠ {title}: {text}", warning=True)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                app = QApplication.instance()
                icon = app.windowIcon() if app is not None and not app.windowIcon().isNull() else \
                    self.dock.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                self.tray = QSystemTrayIcon(icon, self)
                self.tray.setToolTip("erp-desktop")
                self.tray.show()
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        self.announced.emit(r)
