"""The Fulfilment dock (履约/发货): waves and their picking, the parcels shipped, the carriers'
tracking pools and label layouts, in three tabs; and the pick screen for confirming picks with a
scanner.  Changes made anywhere (another client picking, the packing station shipping) show
within a second through bridge.changed.

Who may do what is the database's to say: the warehouse makes waves, picks, reprints and voids;
the order desk takes orders out of waves, imports tracking numbers and writes shipment files;
administrators choose label layouts and the sender; viewers read."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import fulfilment, shop_settings, stock_reference
from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.fulfilment import WaveSummary
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.docks.common import ask_save_path
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.carriers import CarriersTab
from erp_desktop.ui.docks.fulfilment.picking import PickScreen
from erp_desktop.ui.docks.fulfilment.printing import SETTINGS, Printed
from erp_desktop.ui.docks.fulfilment.shipments import ShipmentsTab
from erp_desktop.ui.docks.fulfilment.table import Table
from erp_desktop.ui.docks.fulfilment.waves import STATUS_TABS, WavesTab
from erp_desktop.ui.settings import user_settings

log = logging.getLogger(__name__)

WAVE_TABLES = ("fulfil.wave", "fulfil.wave_order", "fulfil.pick_line", "sales.order")
SHIPMENT_TABLES = ("fulfil.shipment",)
CARRIER_TABLES = ("fulfil.carrier", "fulfil.tracking_range", "fulfil.shipment")
CHANGE_DELAY_MS = 300
_WAVE_NO = re.compile(r"^W\d{10,}$")


class FulfilmentDock(QDockWidget):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.fulfilment")
        self.setWindowTitle(self.tr("Fulfilment"))
        self.warehouses: list[stock_reference.WarehouseInfo] = []
        self.carriers: list[shop_settings.CarrierInfo] = []
        self.last_result: Any = None
        self.last_printed: Printed | None = None
        self._build()
        self._restore_settings()
        self._timers = {"waves": self._timer(self._reload_waves), "shipments": self._timer(self.shipments.reload),
                        "carriers": self._timer(self.carriers_tab.reload)}
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)
        QTimer.singleShot(0, self, self.reload)

    def _timer(self, slot) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(CHANGE_DELAY_MS)
        t.timeout.connect(slot)
        return t

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.stack = QStackedWidget()
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("fulfilment.tabs")
        self.waves = WavesTab(self)
        self.shipments = ShipmentsTab(self)
        self.carriers_tab = CarriersTab(self)
        self.tabs.addTab(self.waves, self.tr("Waves"))
        self.tabs.addTab(self.shipments, self.tr("Shipments"))
        self.tabs.addTab(self.carriers_tab, self.tr("Carriers"))
        lay.addWidget(self.tabs, 1)
        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("fulfilment.message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        foot.addWidget(self.message, 1)
        lay.addLayout(foot)
        self.pick_screen = PickScreen(self.ctx, self)
        self.pick_screen.back_requested.connect(self.show_lists)
        self.pick_screen.changed.connect(self._timers_start_waves)
        self.pick_page = QScrollArea()        # big type in a narrow dock scrolls instead of widening the window
        self.pick_page.setFrameShape(QFrame.Shape.NoFrame)
        self.pick_page.setWidgetResizable(True)
        self.pick_page.setWidget(self.pick_screen)
        self.stack.addWidget(page)
        self.stack.addWidget(self.pick_page)
        self.setWidget(self.stack)

    def menu(self) -> QMenu:
        """The main window's Fulfilment menu."""
        m = QMenu(self.tr("F&ulfilment"), self)
        m.setObjectName("menu.fulfilment")
        w = self.waves
        for group in ((w.create_action, w.pick_action, w.short_action),
                      (w.print_lists_action, w.print_invoices_action, w.print_slips_action),
                      (w.cancel_action, w.take_out_action),
                      (self.shipments.reprint_action, self.shipments.void_action, self.shipments.file_action),
                      (self.carriers_tab.import_action,)):
            for a in group:
                if a.isVisible():
                    m.addAction(a)
            m.addSeparator()
        return m

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self.warehouses = stock_reference.list_warehouses(s)
                self.carriers = shop_settings.list_carriers(s)
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
        self.waves.fill_reference()
        self.waves.reload()
        self.shipments.reload()
        self.carriers_tab.reload()
        if self.stack.currentWidget() is self.pick_page:
            self.pick_screen.refresh()

    def _reload_waves(self) -> None:
        self.waves.reload()
        if self.stack.currentWidget() is self.pick_page:
            self.pick_screen.refresh()

    def _timers_start_waves(self) -> None:
        self._timers["waves"].start()

    def _on_changed(self, table: str, _op: str, _ids) -> None:
        for name, tables in (("waves", WAVE_TABLES), ("shipments", SHIPMENT_TABLES), ("carriers", CARRIER_TABLES)):
            if table in tables:
                self._timers[name].start()

    def show_message(self, text: str, error: bool = False, warning: bool = False) -> None:
        style = "color: #c62828; font-weight: bold" if error else ("color: #e65100; font-weight: bold" if warning
                                                                    else "")
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # ------------------------------------------------------------------ pick screen and scans
    def open_pick(self, wave: WaveSummary) -> PickScreen:
        self.pick_screen.open_wave(wave)
        self.stack.setCurrentWidget(self.pick_page)
        self.pick_screen.input.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.pick_screen

    def show_lists(self) -> None:
        self.stack.setCurrentIndex(0)
        self.waves.reload()
        self.waves.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def handle_scan(self, code: str) -> None:
        """A scan while the dock is active: a pick on the pick screen; a wave's number (the picking
        list's barcode) selects the wave and opens it for picking; on the Shipments tab a tracking
        or order number finds its parcels."""
        code = code.strip()
        if not code:
            return
        if self.stack.currentWidget() is self.pick_page:
            if _WAVE_NO.match(code.upper()) and self.pick_screen.wave is not None \
                    and code.upper() != self.pick_screen.wave.wave_no:
                self._scan_wave(code.upper())
                return
            self.pick_screen.handle_scan(code)
            return
        if _WAVE_NO.match(code.upper()):
            self._scan_wave(code.upper())
            return
        self.tabs.setCurrentWidget(self.shipments)
        n = self.shipments.find(code)
        if not n:
            self.show_message(self.tr("Scanned %1: no wave and no parcel has this number.").replace("%1", code),
                              error=True)

    def _scan_wave(self, wave_no: str) -> None:
        try:
            with self.ctx.sessions() as s:
                wave_id = fulfilment.find_wave(s, wave_no)
                [wave] = fulfilment.wave_summaries(s, [wave_id])
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
            return
        self.tabs.setCurrentWidget(self.waves)
        if not self.waves.select_wave(wave.id):
            self.waves.status_tabs.setCurrentIndex(STATUS_TABS.index(wave.status))
            self.waves.select_wave(wave.id)
        if self.waves.can_pick and wave.status in ("open", "picking", "picked"):
            self.open_pick(wave)
        else:
            self.show_lists()
            self.waves.select_wave(wave.id)
            self.show_message(self.tr("Wave %1 is %2.").replace("%1", wave.wave_no)
                              .replace("%2", texts.wave_status(wave.status)))

    # ------------------------------------------------------------------ printing
    def printed(self, printed: Printed) -> None:
        self.last_printed = printed
        if printed.path is None:
            self.show_message(self.tr("%1 document(s), %2 page(s) in the preview: print or save them there.")
                              .replace("%1", str(printed.documents)).replace("%2", str(printed.pages)))
        else:
            self.show_message(self.tr("%1 document(s), %2 page(s) saved to %3").replace("%1", str(printed.documents))
                              .replace("%2", str(printed.pages)).replace("%3", str(printed.path)))

    def print_failed(self, exc: BaseException) -> None:
        self.show_message(texts.describe(exc), error=True)
        ops.show_error(self, exc)

    # ------------------------------------------------------------------ export
    def current_table(self):
        tab = self.tabs.currentWidget()
        return {self.waves: self.waves.table, self.shipments: self.shipments.table,
                self.carriers_tab: self.carriers_tab.table}[tab]

    def choose_export_file(self) -> None:
        """File > Export…: the list of the tab shown, as it is shown."""
        name = {self.waves: self.tr("waves.xlsx"), self.shipments: self.tr("shipments.xlsx"),
                self.carriers_tab: self.tr("carriers.xlsx")}[self.tabs.currentWidget()]
        path = ask_save_path(self, self.ctx, SETTINGS, self.tr("Export to Excel"), name,
                             self.tr("Excel files (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | os.PathLike) -> ops.Job:
        target = Path(path)
        sheet = self.tabs.tabText(self.tabs.currentIndex())
        headers, rows = self.current_table().export_data()

        def work(_ctl: ops.JobControl) -> int:
            return fa.export_rows(target, sheet, headers, rows)

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=lambda n: self.show_message(
                               self.tr("Exported to %1 (rows: %2)").replace("%1", str(target)).replace("%2", str(n))),
                           on_failed=lambda exc: self.show_message(texts.describe(exc), error=True))

    # ------------------------------------------------------------------ settings
    def _views(self) -> dict[str, Table]:
        return {"waves": self.waves.table, "pick_lines": self.waves.lines_table,
                "wave_orders": self.waves.orders_table, "shipments": self.shipments.table,
                "carriers": self.carriers_tab.table, "pick_screen": self.pick_screen.table}

    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        for key, view in self._views().items():
            view.restore_header(s.value(f"header/{key}"))
        splitter = s.value("splitter")
        if splitter is not None:
            self.waves.splitter.restoreState(splitter)
        self.tabs.setCurrentIndex(int(s.value("tab", 0) or 0))
        status = str(s.value("waves/status", "") or "")
        self.waves.status_tabs.blockSignals(True)
        self.waves.status_tabs.setCurrentIndex(STATUS_TABS.index(status) if status in STATUS_TABS else 0)
        self.waves.status_tabs.blockSignals(False)

    def save_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        for key, view in self._views().items():
            s.setValue(f"header/{key}", view.horizontalHeader().saveState())
        s.setValue("splitter", self.waves.splitter.saveState())
        s.setValue("tab", self.tabs.currentIndex())
        s.setValue("waves/status", self.waves.status() or "")

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
