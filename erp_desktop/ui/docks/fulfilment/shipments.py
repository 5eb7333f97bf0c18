"""The Shipments tab: the latest parcels (order, parcel x/y, carrier, tracking number, weight,
packer, status, whether the shop was told), found by tracking or order number; a label printed
again (on this station's label printer, else as a PDF) or voided (with a reason, its number never
used again); a file shop's bulk-ship file (批量发货) written where the user chooses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QToolBar, QVBoxLayout, QWidget

from erp_desktop.devices import printers
from erp_desktop.devices.printers import PrinterConfig
from erp_desktop.services import fulfilment, shipment_confirm
from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.order_lookup import ShopInfo, list_order_shops
from erp_desktop.ui import ops
from erp_desktop.ui.devices import current_hub
from erp_desktop.ui.docks.common import add_action, ask_save_path
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.printing import SETTINGS, Printed, print_batch
from erp_desktop.ui.docks.fulfilment.table import GREEN, GREY, ORANGE, RED, Column, Table
from erp_desktop.ui.docks.fulfilment.texts import qty, when
from erp_desktop.ui.docks.orders.dialogs import ReasonDialog
from erp_desktop.ui.packing.work import render_label

if TYPE_CHECKING:
    from erp_desktop.ui.docks.fulfilment.dock import FulfilmentDock

translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")
LIST_LIMIT = 300
CONFIRM_COLORS = {"pending": ORANGE, "confirmed": GREEN, "exported": GREEN, "failed": RED}


def shipment_columns() -> tuple[Column, ...]:
    return (
        Column(translate("fulfilment", "Shipped", "when"), lambda r: r.shipped_at, lambda r: when(r.shipped_at),
               width=8),
        Column(translate("fulfilment", "Order"), lambda r: r.order_no, width=10),
        Column(translate("fulfilment", "Shop"), lambda r: r.shop, width=6),
        Column(translate("fulfilment", "Parcel"), lambda r: f"{r.parcel_no}/{r.parcel_count}", width=3),
        Column(translate("fulfilment", "Carrier"), lambda r: r.carrier, width=6),
        Column(translate("fulfilment", "Tracking no."), lambda r: r.tracking_no, width=10),
        Column(translate("fulfilment", "Weight (kg)"), lambda r: r.weight_kg, lambda r: qty(r.weight_kg),
               numeric=True, width=4),
        Column(translate("fulfilment", "Packer"), lambda r: r.packer, width=5),
        Column(translate("fulfilment", "Status"), lambda r: texts.shipment_status(r.status)
               + (f" ({texts.reason(r.void_reason)})" if r.void_reason else ""), width=5),
        Column(translate("fulfilment", "Shop told"), lambda r: texts.confirm_state(r.confirm_state)
               + (f": {r.confirm_error}" if r.confirm_error else ""), width=7),
        Column(translate("fulfilment", "Label prints"), lambda r: r.labels_printed, numeric=True, width=3),
    )


class ShipmentsTab(QWidget):
    def __init__(self, dock: FulfilmentDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.ctx = dock.ctx
        ident = self.ctx.identity
        self.can_label = ident.can("warehouse") or ident.can("warehouse_lead")     # reprint, void
        self.can_tell = self.can_label or ident.can("sales")                       # shipment files
        self.rows: list[fa.ShipmentRow] = []
        self.dialog: QWidget | None = None
        self._build()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("fulfilment.shipment_search")
        self.search.setPlaceholderText(self.tr("Tracking number, order number or SO code, Enter (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(lambda t: self.reload() if not t else None)
        head.addWidget(self.search, 1)
        lay.addLayout(head)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.reprint_action = add_action(self, self.tr("&Reprint label"), "Ctrl+R", lambda: self.reprint(),
                                         self.tr("The selected parcels' labels again: to this station's label "
                                                 "printer, or as a PDF when it has none (Ctrl+R)"))
        self.void_action = add_action(self, self.tr("&Void label…"), "Ctrl+Shift+Del", self.ask_void,
                                      self.tr("The label is void and its tracking number never used again"))
        self.file_action = add_action(self, self.tr("Shipment &file…"), "Ctrl+Shift+F", self.ask_shipment_file,
                                      self.tr("A file shop's shipped orders as its platform's bulk-ship file "
                                              "(批量发货) (Ctrl+Shift+F)"))
        self.refresh_action = add_action(self, self.tr("Re&fresh"), QKeySequence.StandardKey.Refresh, self.reload,
                                         self.tr("Load the shipments again (F5)"))
        add_action(self, self.tr("Search"), QKeySequence.StandardKey.Find, self._focus_search)
        self.reprint_action.setVisible(self.can_label)
        self.void_action.setVisible(self.can_label)
        self.file_action.setVisible(self.can_tell)
        for a in (self.reprint_action, self.void_action, self.file_action, self.refresh_action):
            self.toolbar.addAction(a)
        lay.addWidget(self.toolbar)
        self.table = Table("fulfilment.shipments", shipment_columns(), self, multi=True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.reprint_action, self.void_action):
            if a.isVisible():
                self.table.addAction(a)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        lay.addWidget(self.table, 1)
        self._update_actions()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self.rows = fa.recent_shipments(s, self.search.text(), limit=LIST_LIMIT)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return
        self.table.set_items(self.rows, lambda r: {8: GREY if r.status == "voided" else GREEN,
                                                   9: CONFIRM_COLORS.get(r.confirm_state, GREY)}, keep=lambda r: r.id)
        if self.search.text().strip():
            self.dock.show_message(self.tr("Parcels found: %1").replace("%1", str(len(self.rows))),
                                   warning=not self.rows)
        self._update_actions()

    def find(self, code: str) -> int:
        """Show the parcels of a tracking or order number (a scan on this tab)."""
        self.search.setText(code.strip())
        self.reload()
        return len(self.rows)

    def _update_actions(self) -> None:
        live = [r for r in self.table.selected_items() if r.status == "shipped"]
        self.reprint_action.setEnabled(self.can_label and bool(live))
        self.void_action.setEnabled(self.can_label and len(self.table.selected_items()) == 1 and bool(live))

    # ------------------------------------------------------------------ labels
    def reprint(self, path: str | Path | None = None) -> ops.Job | None:
        """The selected parcels' labels again: to this station's label printer when it has one
        (Settings > Devices), else as a PDF in the preview (or to `path`).  Each print is counted."""
        live = [r for r in self.table.selected_items() if r.status == "shipped"]
        if not live or not self.can_label:
            return None
        hub = current_hub()
        printer = hub.label_printer() if hub is not None and path is None else None
        if printer is not None:
            return self._reprint_on(printer, live)

        def done(printed: Printed) -> None:
            self.reload()
            self.dock.printed(printed)

        return print_batch(self, self.ctx, "shipping_label", [r.id for r in live], path=path,
                           file_name=self.tr("labels-%1.pdf").replace("%1", live[0].tracking_no),
                           on_done=done, on_failed=self.dock.print_failed)

    def _reprint_on(self, printer: PrinterConfig, rows: list[fa.ShipmentRow]) -> ops.Job:
        sessions = self.ctx.sessions

        def work(ctl: ops.JobControl) -> list[str]:
            sent: list[str] = []
            for i, r in enumerate(rows):
                ctl.check()
                with sessions.begin() as s:          # counted once the printer took it
                    printers.send(printer, render_label(fulfilment.reprint(s, r.id), printer))
                sent.append(r.tracking_no)
                ctl.progress(i + 1, len(rows))
            return sent

        def done(sent: list[str]) -> None:
            self.reload()
            self.dock.last_result = sent
            self.dock.show_message(self.tr("Sent to the label printer %1: %2")
                                   .replace("%1", printer.name or printer.address).replace("%2", ", ".join(sent)))

        def failed(exc: BaseException) -> None:
            self.reload()
            self.dock.show_message(texts.describe(exc), error=True)

        return ops.run_job(work, parent=self, label=self.tr("Sending labels to the label printer…"),
                           on_finished=done, on_failed=failed)

    def ask_void(self) -> ReasonDialog | None:
        rows = self.table.selected_items()
        if len(rows) != 1 or rows[0].status != "shipped" or not self.can_label:
            return None
        r = rows[0]
        dlg = ReasonDialog(self.tr("Void label"), self.tr("Why void the label %1 of order %2? Its tracking number is "
                                                         "never used again.").replace("%1", r.tracking_no)
                           .replace("%2", r.order_no), [(c, texts.reason(c)) for c in texts.VOID_REASONS], self,
                           ok_text=self.tr("Void label"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.void(r, dlg.reason()))
        self.dialog = dlg
        dlg.open()
        return dlg

    def void(self, row: fa.ShipmentRow, reason: str) -> bool:
        try:
            with self.ctx.sessions.begin() as s:
                fulfilment.void_shipment(s, row.id, reason)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return False
        self.reload()
        self.dock.show_message(self.tr("Label %1 is void.").replace("%1", row.tracking_no))
        return True

    # ------------------------------------------------------------------ shipment files
    def file_shops(self) -> list[ShopInfo]:
        with self.ctx.sessions() as s:
            return [shop for shop in list_order_shops(s) if not shop.api]

    def ask_shipment_file(self) -> ops.Job | None:
        if not self.can_tell:
            return None
        try:
            shops = self.file_shops()
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return None
        if not shops:
            self.dock.show_message(self.tr("Every shop is told through its API: no shipment file is needed."))
            return None
        names = [f"{s.name} ({s.code})" for s in shops]
        name, ok = QInputDialog.getItem(self, self.tr("Shipment file"), self.tr("Shop:"), names, 0, False)
        if not ok:
            return None
        shop = shops[names.index(name)]
        path = ask_save_path(self, self.ctx, SETTINGS, self.tr("Shipment file"), f"{shop.code}-shipments.csv",
                             self.tr("CSV files (*.csv)"), ".csv")
        return self.write_shipment_file(shop, path) if path else None

    def write_shipment_file(self, shop: ShopInfo, path: str | Path) -> ops.Job:
        """The shop's shipped orders it was not told of into its bulk-ship file; they count as told."""
        target, sessions = Path(path), self.ctx.sessions

        def work(_ctl: ops.JobControl) -> int:
            with sessions.begin() as s:
                return shipment_confirm.write_shipment_file(s, shop.id, target)

        def done(n: int) -> None:
            self.reload()
            self.dock.last_result = n
            self.dock.show_message(self.tr("%1: %2 order(s) written to %3").replace("%1", shop.name)
                                   .replace("%2", str(n)).replace("%3", str(target)), warning=not n)

        return ops.run_job(work, parent=self, label=self.tr("Writing the shipment file…"), cancellable=False,
                           on_finished=done, on_failed=lambda exc: self.dock.show_message(texts.describe(exc),
                                                                                          error=True))
