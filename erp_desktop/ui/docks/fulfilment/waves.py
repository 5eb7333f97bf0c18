"""The Waves tab: waves by status (tabs), warehouse and carrier; the selected wave's pick lines in
pick-path order and its orders; creating waves from approved orders (off the GUI thread),
printing picking lists, invoices (发货单) and packing slips of the selected waves as one PDF,
cancelling a wave and taking an order out of its wave, each with a reason."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import fulfilment
from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.fulfilment import WaveSummary
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import add_action
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.dialogs import CreateWavesDialog, WaveRequest
from erp_desktop.ui.docks.fulfilment.picking import pick_colors, pick_columns
from erp_desktop.ui.docks.fulfilment.printing import print_batch
from erp_desktop.ui.docks.fulfilment.table import GREEN, GREY, ORANGE, RED, Column, Table
from erp_desktop.ui.docks.fulfilment.texts import qty, when
from erp_desktop.ui.docks.orders.dialogs import ReasonDialog

if TYPE_CHECKING:
    from erp_desktop.ui.docks.fulfilment.dock import FulfilmentDock

translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")
STATUS_TABS: tuple[str | None, ...] = (None, *texts.WAVE_STATUSES)
LIST_LIMIT = 500
STATUS_COLORS = {"open": ORANGE, "picking": ORANGE, "picked": GREEN, "done": GREY, "cancelled": GREY}


def wave_columns() -> tuple[Column, ...]:
    return (
        Column(translate("fulfilment", "Wave"), lambda w: w.wave_no, width=9),
        Column(translate("fulfilment", "Status"), lambda w: texts.wave_status(w.status), width=5),
        Column(translate("fulfilment", "Warehouse"), lambda w: w.warehouse, width=5),
        Column(translate("fulfilment", "Carrier"), lambda w: w.carrier, width=6),
        Column(translate("fulfilment", "Single items"), lambda w: translate("fulfilment", "yes") if w.single_item
               else "", width=4),
        Column(translate("fulfilment", "Orders"), lambda w: w.orders, numeric=True, width=3),
        Column(translate("fulfilment", "Shipped"), lambda w: w.shipped, numeric=True, width=3),
        Column(translate("fulfilment", "Pick lines"), lambda w: w.pick_lines, numeric=True, width=3),
        Column(translate("fulfilment", "Units"), lambda w: w.units, lambda w: qty(w.units), numeric=True, width=3),
        Column(translate("fulfilment", "Created"), lambda w: w.created_at, lambda w: when(w.created_at), width=8),
    )


def order_columns() -> tuple[Column, ...]:
    return (
        Column(translate("fulfilment", "#"), lambda o: o.seq, numeric=True, width=2),
        Column(translate("fulfilment", "Order"), lambda o: o.order_no, width=10),
        Column(translate("fulfilment", "Shop"), lambda o: o.shop, width=7),
        Column(translate("fulfilment", "Receiver"), lambda o: o.receiver, width=5),
        Column(translate("fulfilment", "Units"), lambda o: o.units, lambda o: qty(o.units), numeric=True, width=3),
        Column(translate("fulfilment", "Status"), lambda o: texts.order_status(o.status, o.hold_reason), width=9),
        Column(translate("fulfilment", "Tracking no."), lambda o: o.tracking_nos, width=9),
        Column(translate("fulfilment", "Taken out"), lambda o: texts.reason(o.removed_reason) if o.removed_at else "",
               width=10),
    )


class WavesTab(QWidget):
    def __init__(self, dock: FulfilmentDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.ctx = dock.ctx
        ident = self.ctx.identity
        self.can_pick = ident.can("warehouse") or ident.can("warehouse_lead")      # waves, picks, cancel
        self.can_take_out = self.can_pick or ident.can("sales")
        self.waves: list[WaveSummary] = []
        self.dialog: QWidget | None = None
        self._build()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.status_tabs = QTabBar()
        self.status_tabs.setObjectName("fulfilment.wave_tabs")
        self.status_tabs.setExpanding(False)
        self.status_tabs.setDrawBase(False)
        for st in STATUS_TABS:
            self.status_tabs.setTabData(self.status_tabs.addTab(texts.wave_status(st)), st)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("fulfilment.filter_warehouse")
        self.carrier = QComboBox()
        self.carrier.setObjectName("fulfilment.filter_carrier")
        for combo in (self.warehouse, self.carrier):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        head.addWidget(self.status_tabs, 1)
        head.addWidget(QLabel(self.tr("Warehouse:")))
        head.addWidget(self.warehouse)
        head.addWidget(QLabel(self.tr("Carrier:")))
        head.addWidget(self.carrier)
        lay.addLayout(head)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.create_action = add_action(self, self.tr("&Create waves…"), QKeySequence.StandardKey.New,
                                        self.open_create_dialog,
                                        self.tr("Put approved orders into waves by warehouse and carrier (Ctrl+N)"))
        self.pick_action = add_action(self, self.tr("&Pick by scanning"), "Ctrl+K", self.open_pick,
                                      self.tr("Confirm the selected wave's picks by scanning bins and items "
                                              "(optional; Ctrl+K)"))
        self.short_action = add_action(self, self.tr("&Short pick…"), "F8", self.ask_short_pick,
                                       self.tr("Fewer found than the list says: the orders that cannot be filled "
                                               "go back to waiting for stock (F8)"))
        self.print_lists_action = add_action(self, self.tr("Print picking &lists"), QKeySequence.StandardKey.Print,
                                             lambda: self.print_picking_lists(),
                                             self.tr("The selected waves' picking lists as one PDF (Ctrl+P)"))
        self.print_invoices_action = add_action(self, self.tr("Print &invoices (发货单)"), "Ctrl+Shift+P",
                                                lambda: self.print_orders("invoice"),
                                                self.tr("An invoice per order of the selected waves, as one PDF "
                                                        "(Ctrl+Shift+P)"))
        self.print_slips_action = add_action(self, self.tr("Print packing sli&ps"), "Ctrl+Alt+P",
                                             lambda: self.print_orders("packing_slip"),
                                             self.tr("A packing slip per order of the selected waves, as one PDF "
                                                     "(Ctrl+Alt+P)"))
        self.cancel_action = add_action(self, self.tr("Cancel &wave…"), "Ctrl+Shift+Del", self.ask_cancel_wave,
                                        self.tr("Every order still to pack leaves the wave, with a reason"))
        self.take_out_action = add_action(self, self.tr("&Take order out of wave…"), "Ctrl+Shift+T",
                                          self.ask_take_out,
                                          self.tr("The order selected below leaves its wave (its goods go back to "
                                                  "the shelf), with a reason (Ctrl+Shift+T)"))
        self.refresh_action = add_action(self, self.tr("Re&fresh"), QKeySequence.StandardKey.Refresh, self.reload,
                                         self.tr("Load the waves again (F5)"))
        for i in range(len(STATUS_TABS)):
            add_action(self, texts.wave_status(STATUS_TABS[i]), f"Ctrl+{i + 1}",
                       lambda i=i: self.status_tabs.setCurrentIndex(i))
        for a in (self.create_action, self.pick_action, self.short_action, self.cancel_action):
            a.setVisible(self.can_pick)
        self.take_out_action.setVisible(self.can_take_out)
        for i, group in enumerate(((self.create_action, self.pick_action, self.short_action),
                                   (self.print_lists_action, self.print_invoices_action, self.print_slips_action),
                                   (self.cancel_action, self.take_out_action), (self.refresh_action,))):
            if i:
                self.toolbar.addSeparator()
            for a in group:
                self.toolbar.addAction(a)
        lay.addWidget(self.toolbar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("fulfilment.waves_splitter")
        self.table = Table("fulfilment.waves", wave_columns(), self, multi=True)
        self.table.activated.connect(lambda _i: self.open_pick() if self.can_pick else None)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.pick_action, self.print_lists_action, self.print_invoices_action, self.print_slips_action,
                  self.cancel_action):
            if a.isVisible():
                self.table.addAction(a)
        self.splitter.addWidget(self.table)
        self.detail = QTabWidget()
        self.detail.setObjectName("fulfilment.wave_detail")
        self.lines_table = Table("fulfilment.pick_lines", pick_columns(), self)
        self.orders_table = Table("fulfilment.wave_orders", order_columns(), self)
        self.orders_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        if self.can_take_out:
            self.orders_table.addAction(self.take_out_action)
        self.detail.addTab(self.lines_table, self.tr("Pick list"))
        self.detail.addTab(self.orders_table, self.tr("Orders"))
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay.addWidget(self.splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.orders_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.status_tabs.currentChanged.connect(lambda _i: self.reload())
        self.warehouse.currentIndexChanged.connect(lambda _i: self.reload())
        self.carrier.currentIndexChanged.connect(lambda _i: self.reload())
        self._update_actions()

    def fill_reference(self) -> None:
        """The warehouse and carrier filters (the dock read them)."""
        for combo, items, every in ((self.warehouse, [(w.id, w.code) for w in self.dock.warehouses],
                                     self.tr("All warehouses")),
                                    (self.carrier, [(c.id, c.name) for c in self.dock.carriers],
                                     self.tr("All carriers"))):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(every, None)
            for key, name in items:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
            fm = combo.fontMetrics()       # wide enough for its longest name, in Chinese too
            combo.setMinimumWidth(max(fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())) + 48)

    # ------------------------------------------------------------------ loading
    def status(self) -> str | None:
        return self.status_tabs.tabData(self.status_tabs.currentIndex())

    def reload(self) -> None:
        carrier = self.carrier.currentData()
        try:
            with self.ctx.sessions() as s:
                waves = fulfilment.list_waves(s, status=self.status(), warehouse_id=self.warehouse.currentData(),
                                              limit=LIST_LIMIT)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return
        self.waves = [w for w in waves if carrier is None or w.carrier_id == carrier]
        self.table.set_items(self.waves, lambda w: {1: STATUS_COLORS.get(w.status, GREY)}, keep=lambda w: w.id)
        if self.table.current_item() is None and self.waves:
            self.table.selectRow(0)
        self.show_detail()

    def current_wave(self) -> WaveSummary | None:
        return self.table.current_item()

    def selected_waves(self) -> list[WaveSummary]:
        return self.table.selected_items()

    def select_wave(self, wave_id: int) -> bool:
        return self.table.select_where(lambda w: w.id == wave_id) > 0

    def show_detail(self) -> None:
        w = self.current_wave()
        lines: list[fa.PickLineRow] = []
        orders: list[fa.WaveOrderRow] = []
        if w is not None:
            try:
                with self.ctx.sessions() as s:
                    lines = fa.wave_pick_lines(s, w.id)
                    orders = fa.wave_orders(s, w.id)
            except Exception as exc:
                self.dock.show_message(texts.describe(exc), error=True)
        self.lines_table.set_items(lines, pick_colors)
        self.orders_table.set_items(orders, lambda o: {5: GREY if o.removed_at else (
            GREEN if o.status == "shipped" else (RED if o.hold_reason else ORANGE))}, keep=lambda o: o.order_id)
        self.detail.setTabText(0, self.tr("Pick list (%1)").replace("%1", str(len(lines))))
        self.detail.setTabText(1, self.tr("Orders (%1)").replace("%1", str(sum(1 for o in orders
                                                                              if o.removed_at is None))))
        self._update_actions()

    def _update_actions(self) -> None:
        w = self.current_wave()
        live = w is not None and w.status in ("open", "picking", "picked")
        has = bool(self.selected_waves())
        self.pick_action.setEnabled(self.can_pick and live)
        self.short_action.setEnabled(self.can_pick and live)
        self.cancel_action.setEnabled(self.can_pick and live)
        for a in (self.print_lists_action, self.print_invoices_action, self.print_slips_action):
            a.setEnabled(has)
        o = self.orders_table.current_item()
        self.take_out_action.setEnabled(self.can_take_out and o is not None and o.removed_at is None
                                        and o.status == "picking")

    # ------------------------------------------------------------------ creating waves
    def open_create_dialog(self) -> CreateWavesDialog | None:
        if not self.can_pick:
            return None
        dlg = CreateWavesDialog(self.ctx, self.dock.warehouses, self.dock.carriers, self)
        if self.warehouse.currentData() is not None:
            dlg.warehouse.setCurrentIndex(max(0, dlg.warehouse.findData(self.warehouse.currentData())))
        if self.carrier.currentData() is not None:
            dlg.carrier.setCurrentIndex(max(0, dlg.carrier.findData(self.carrier.currentData())))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.create_waves(dlg.request()))
        self.dialog = dlg
        dlg.open()
        return dlg

    def create_waves(self, req: WaveRequest, order_ids: Sequence[int] | None = None) -> ops.Job:
        """Waves of the approved orders the request names (or of `order_ids`), off the GUI thread."""
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> list[WaveSummary]:
            with sessions.begin() as s:
                return fulfilment.create_waves(s, warehouse_id=req.warehouse_id, carrier_id=req.carrier_id,
                                               single_item_only=req.single_item_only, max_orders=req.max_orders,
                                               order_ids=order_ids, note=req.note)

        return ops.run_job(work, parent=self, label=self.tr("Creating waves…"), cancellable=False,
                           on_finished=self._created,
                           on_failed=lambda exc: self.dock.show_message(texts.describe(exc), error=True))

    def _created(self, waves: list[WaveSummary]) -> None:
        self.dock.last_result = waves
        if not waves:
            self.dock.show_message(self.tr("No wave was made: no approved order qualifies (each needs a warehouse "
                                           "and a carrier, and must not be in a wave already)."), warning=True)
            return
        self.status_tabs.setCurrentIndex(0)
        self.reload()
        self.table.select_where(lambda w: any(w.id == x.id for x in waves))
        self.dock.show_message(self.tr("%n wave(s) created: %1 (%2 orders)", "", len(waves))
                               .replace("%1", ", ".join(w.wave_no for w in waves))
                               .replace("%2", str(sum(w.orders for w in waves))))

    # ------------------------------------------------------------------ picking
    def open_pick(self) -> None:
        w = self.current_wave()
        if w is not None and self.can_pick and w.status in ("open", "picking", "picked"):
            self.dock.open_pick(w)

    def ask_short_pick(self) -> None:
        w = self.current_wave()
        if w is not None and self.can_pick and w.status in ("open", "picking", "picked"):
            self.dock.open_pick(w).ask_short_pick()

    # ------------------------------------------------------------------ printing
    def print_picking_lists(self, path: str | Path | None = None) -> ops.Job | None:
        waves = self.selected_waves()
        if not waves:
            return None
        name = f"{waves[0].wave_no}.pdf" if len(waves) == 1 else f"{waves[0].wave_no}-{waves[-1].wave_no}.pdf"
        return print_batch(self, self.ctx, "picking_list", [w.id for w in waves], path=path,
                           file_name=self.tr("picking-list-%1").replace("%1", name), on_done=self.dock.printed,
                           on_failed=self.dock.print_failed)

    def print_orders(self, kind: str, path: str | Path | None = None) -> ops.Job | None:
        """Invoices or packing slips of the selected waves' orders (not those taken out), one PDF."""
        waves = self.selected_waves()
        if not waves:
            return None
        with self.ctx.sessions() as s:
            ids = fa.wave_order_ids(s, [w.id for w in waves])
        if not ids:
            self.dock.show_message(self.tr("The selected waves have no orders left."), warning=True)
            return None
        base = self.tr("invoices-%1") if kind == "invoice" else self.tr("packing-slips-%1")
        name = base.replace("%1", waves[0].wave_no) + ".pdf"
        return print_batch(self, self.ctx, kind, ids, path=path, file_name=name, on_done=self.dock.printed,
                           on_failed=self.dock.print_failed)

    # ------------------------------------------------------------------ cancel, take out
    def _ask(self, title: str, question: str, codes: Sequence[str], ok: str, then) -> ReasonDialog:
        dlg = ReasonDialog(title, question, [(c, texts.reason(c)) for c in codes], self, ok_text=ok)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: then(dlg.reason()))
        self.dialog = dlg
        dlg.open()
        return dlg

    def ask_cancel_wave(self) -> ReasonDialog | None:
        w = self.current_wave()
        if w is None or not self.can_pick or w.status not in ("open", "picking", "picked"):
            return None
        return self._ask(self.tr("Cancel wave"), self.tr("Why cancel wave %1? Its orders still to pack go back to "
                                                         "approved and their goods back to the shelf.")
                         .replace("%1", w.wave_no), texts.CANCEL_WAVE_REASONS, self.tr("Cancel wave"),
                         lambda reason: self.cancel_wave(w, reason))

    def cancel_wave(self, wave: WaveSummary, reason: str) -> bool:
        try:
            with self.ctx.sessions.begin() as s:
                n = fulfilment.cancel_wave(s, wave.id, reason)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return False
        self.reload()
        self.dock.show_message(self.tr("Wave %1 is cancelled: %2 order(s) taken out.").replace("%1", wave.wave_no)
                               .replace("%2", str(n)))
        return True

    def ask_take_out(self) -> ReasonDialog | None:
        o = self.orders_table.current_item()
        if o is None or not self.can_take_out or o.removed_at is not None:
            return None
        return self._ask(self.tr("Take order out of wave"),
                         self.tr("Why take order %1 out of its wave? Its goods go back to the shelf.")
                         .replace("%1", o.order_no), texts.TAKE_OUT_REASONS, self.tr("Take out"),
                         lambda reason: self.take_out(o, reason))

    def take_out(self, order: fa.WaveOrderRow, reason: str) -> bool:
        try:
            with self.ctx.sessions.begin() as s:
                status = fulfilment.take_out_of_wave(s, order.order_id, reason)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return False
        self.reload()
        self.dock.show_message(self.tr("Order %1 is out of its wave; it is now: %2").replace("%1", order.order_no)
                               .replace("%2", texts.order_status(status)))
        return True
