"""The Orders dock's fulfilment actions on a selection: print the orders' invoices (发货单) or
packing slips as one PDF (off the GUI thread, with progress and cancel; the Fulfilment dock's
printing), and put the selected approved orders into a wave (the warehouse's right).  The
outcome is said in the dock's message line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QToolBar, QToolButton

from erp_desktop.services import fulfilment
from erp_desktop.services.fulfilment import WaveSummary
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import add_action
from erp_desktop.ui.docks.fulfilment import texts as fulfil_texts
from erp_desktop.ui.docks.fulfilment.printing import Printed, print_batch

if TYPE_CHECKING:
    from erp_desktop.ui.docks.orders.dock import OrdersDock

WAVE_MAX_ORDERS = 500          # a selection goes into as few waves as its warehouses and carriers allow


class FulfilActions(QObject):
    def __init__(self, dock: OrdersDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.last_result: Any = None
        self.last_printed: Printed | None = None
        ident = dock.ctx.identity
        self.can_wave = ident.can("warehouse") or ident.can("warehouse_lead")
        self.print_invoices_action = add_action(
            dock, self.tr("Print &invoices (发货单)…"), "Ctrl+P", lambda: self.print_orders("invoice"),
            self.tr("An invoice per selected order, all in one PDF (Ctrl+P)"))
        self.print_slips_action = add_action(
            dock, self.tr("Print packing &slips…"), "Ctrl+Shift+P", lambda: self.print_orders("packing_slip"),
            self.tr("A packing slip per selected order, all in one PDF (Ctrl+Shift+P)"))
        self.wave_action = add_action(
            dock, self.tr("Create &wave"), "Ctrl+Alt+W", self.create_wave,
            self.tr("Put the selected approved orders into a wave for picking, by warehouse and carriers "
                    "(Ctrl+Alt+W)"))
        self.wave_action.setVisible(self.can_wave)
        dock.view.selectionModel().selectionChanged.connect(lambda *_: self.update())
        dock.view.selectionModel().currentRowChanged.connect(lambda *_: self.update())

    # ------------------------------------------------------------------ where they show
    def add_to_toolbar(self, toolbar: QToolBar, before: QAction) -> None:
        menu = QMenu(self.dock)
        menu.addAction(self.print_invoices_action)
        menu.addAction(self.print_slips_action)
        self.print_button = QToolButton()
        self.print_button.setObjectName("orders.print")
        self.print_button.setText(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print the selected orders' invoices (发货单) or packing slips"))
        self.print_button.setMenu(menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_menu = menu
        toolbar.insertWidget(before, self.print_button)
        if self.can_wave:
            toolbar.insertAction(before, self.wave_action)
        toolbar.insertSeparator(before)

    def add_to_view(self, view: QTableView) -> None:
        separator = QAction(view)
        separator.setSeparator(True)
        view.addAction(separator)
        for a in (self.print_invoices_action, self.print_slips_action, self.wave_action):
            if a.isVisible():
                view.addAction(a)

    def add_to_menu(self, menu: QMenu) -> None:
        for a in (self.print_invoices_action, self.print_slips_action, self.wave_action):
            if a.isVisible():
                menu.addAction(a)
        menu.addSeparator()

    def update(self) -> None:
        rows = self._selected_rows()
        self.print_invoices_action.setEnabled(bool(rows))
        self.print_slips_action.setEnabled(bool(rows))
        self.wave_action.setEnabled(self.can_wave and any(r.status == "approved" for r in rows))

    def _selected_rows(self) -> list:
        model = self.dock.model
        return [r for r in (model.row_at(model.row_of(i)) for i in self.dock.selected_ids()) if r is not None]

    # ------------------------------------------------------------------ work
    def print_orders(self, kind: str, path: str | Path | None = None) -> ops.Job | None:
        """The selected orders' invoices or packing slips, one PDF, in the list's order."""
        ids = self.dock.selected_ids()
        if not ids:
            return None
        base = self.tr("invoices-%1.pdf") if kind == "invoice" else self.tr("packing-slips-%1.pdf")
        rows = self._selected_rows()
        name = base.replace("%1", rows[0].platform_order_no if len(rows) == 1 else str(len(ids)))

        def done(printed: Printed) -> None:
            self.last_printed = printed
            if printed.path is None:
                text = self.tr("%1 document(s), %2 page(s) in the preview: print or save them there.")
            else:
                text = self.tr("%1 document(s), %2 page(s) saved to %3").replace("%3", str(printed.path))
            self.dock.show_message(text.replace("%1", str(printed.documents)).replace("%2", str(printed.pages)))

        def failed(exc: BaseException) -> None:
            self.dock.show_message(fulfil_texts.describe(exc), error=True)
            ops.show_error(self.dock, exc)

        return print_batch(self.dock, self.dock.ctx, kind, ids, path=path, file_name=name, on_done=done,
                           on_failed=failed)

    def create_wave(self) -> ops.Job | None:
        """The selected approved orders into waves (one per warehouse and carrier), off the GUI thread."""
        ids = [r.id for r in self._selected_rows() if r.status == "approved"]
        if not ids or not self.can_wave:
            return None
        dock, sessions = self.dock, self.dock.ctx.sessions

        def work(_ctl: ops.JobControl) -> list[WaveSummary]:
            with sessions.begin() as s:
                return fulfilment.create_waves(s, order_ids=ids, max_orders=WAVE_MAX_ORDERS)

        def finished(waves: list[WaveSummary]) -> None:
            self.last_result = dock.last_result = waves
            dock.model.refresh(ids)
            dock.refresh_counts()
            if not waves:
                dock.show_message(self.tr("No wave was made: the selected orders need a warehouse and a carrier, "
                                          "and must not be in a wave already."), warning=True)
                return
            dock.show_message(self.tr("%n wave(s) made for picking: %1 (%2 orders)", "", len(waves))
                              .replace("%1", ", ".join(w.wave_no for w in waves))
                              .replace("%2", str(sum(w.orders for w in waves))))

        def failed(exc: BaseException) -> None:
            dock.show_message(fulfil_texts.describe(exc), error=True)

        return ops.run_job(work, parent=dock, label=self.tr("Creating waves…"), cancellable=False,
                           on_finished=finished, on_failed=failed)
