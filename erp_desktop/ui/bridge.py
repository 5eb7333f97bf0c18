"""Listener and device callbacks (any thread) -> Qt signals delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bridge(QObject):
    """Emit from any thread; slots connected in the GUI thread run there (queued connection)."""

    # table ("catalog.sku"), op ("I"/"U"/"D"), ids (tuple of int, or None: reload the table)
    changed = Signal(str, str, object)
    live_status = Signal(bool)       # live updates connected or not
    reload_all = Signal()            # after a reconnect: notifications may have been missed
    scanned = Signal(str)            # a barcode from any scanner

    def on_change(self, change) -> None:
        """Callback for ChangeListener (duck-typed: table, op, ids)."""
        self.changed.emit(change.table, change.op, change.ids)

    def on_status(self, connected: bool) -> None:
        self.live_status.emit(connected)

    def on_reconnect(self) -> None:
        self.reload_all.emit()
