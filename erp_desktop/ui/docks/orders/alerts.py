"""New orders in the manual-review queue, told to the people who review them: a desktop
notification where the system has a tray, and always the Orders dock's message line.

An order is announced once per client session, when it arrives (is inserted) and lands in
review in this person's queue (assigned to them or to nobody); orders a rule approved on arrival
are not, nor orders older than the client's start
(the newest order id then is the watermark).  A batch (an import) is one notification.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from erp_desktop.services.order_queries import OrderRow

if TYPE_CHECKING:
    from erp_desktop.ui.docks.orders.dock import OrdersDock

NAMED_AT_MOST = 3          # order numbers named in one notification


class ReviewAlerts(QObject):
    announced = Signal(object)           # list[OrderRow] announced together

    def __init__(self, dock: OrdersDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.known: set[int] = set()
        self.history: list[OrderRow] = []
        self.tray: QSystemTrayIcon | None = None
        self.watermark: int | None = None       # orders up to this id were there before
        self._waiting: list[tuple[list[OrderRow], set[int]]] = []

    @property
    def ready(self) -> bool:
        return self.watermark is not None

    def prime(self, last_id: int) -> None:
        self.watermark = last_id
        waiting, self._waiting = self._waiting, []
        for rows, inserted in waiting:
            self.check(rows, inserted)

    def check(self, rows: Iterable[OrderRow], inserted: Iterable[int]) -> list[OrderRow]:
        """Announce the inserted orders among `rows` that are in review."""
        new_ids = set(inserted)
        if self.watermark is None:
            self._waiting.append((list(rows), new_ids))
            return []
        me = self.dock.me
        new = [r for r in rows if r.id in new_ids and r.id > self.watermark and r.status == "review"
               and r.id not in self.known and r.handler_id in (None, me)]
        if new:
            self.known.update(r.id for r in new)
            self.announce(new)
        return new

    def announce_count(self, n: int) -> None:
        """Orders arrived in numbers too large to list (a big import): say how many."""
        if n > 0:
            self._tell(self.tr("%n new order(s) to review", "", n), "")

    def announce(self, rows: list[OrderRow]) -> None:
        rows = sorted(rows, key=lambda r: r.sort_key, reverse=True)
        self.history.extend(rows)
        title = self.tr("%n new order(s) to review", "", len(rows))
        named = ", ".join(f"{r.platform_order_no} ({r.shop})" for r in rows[:NAMED_AT_MOST])
        if len(rows) > NAMED_AT_MOST:
            named += " …"
        self._tell(title, named)
        self.announced.emit(rows)

    def _tell(self, title: str, text: str) -> None:
        self.dock.show_message(f"🔔 {title}: {text}" if text else f"🔔 {title}", warning=True)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                app = QApplication.instance()
                icon = app.windowIcon() if app is not None and not app.windowIcon().isNull() else \
                    self.dock.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                self.tray = QSystemTrayIcon(icon, self)
                self.tray.setToolTip("erp-desktop")
                self.tray.show()
            self.tray.showMessage(title, text or title, QSystemTrayIcon.MessageIcon.Information, 10_000)
