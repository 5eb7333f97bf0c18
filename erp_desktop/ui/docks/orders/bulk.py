"""The Orders dock's other actions on a selection (assign a warehouse, carrier or handler; merge;
split), the merge suggestions, and the rules and shops dialogs: their QActions (shortcuts, the
toolbar, the context menu, the Orders menu) and what each does.

Like approve/hold/cancel (actions.py) each change runs off the GUI thread in one transaction;
the orders are read again after it and the outcome is said in the dock's message line.  What a
role may not do is the database's to refuse; the actions are offered to the order desk only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QTableView, QToolBar, QToolButton

from erp_desktop.services import order_merge, orders, shop_settings, stock_reference
from erp_desktop.services import order_queries as oq
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import add_action
from erp_desktop.ui.docks.orders.bulk_dialogs import AssignDialog, MergeSuggestionsDialog, SplitDialog, refusal_text
from erp_desktop.ui.docks.orders.rules import RulesDialog
from erp_desktop.ui.docks.orders.shops import ShopsDialog

if TYPE_CHECKING:
    from erp_desktop.ui.docks.orders.dock import OrdersDock

log = logging.getLogger(__name__)
SPLITTABLE = order_merge.MERGEABLE


class MoreActions(QObject):
    def __init__(self, dock: OrdersDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.dialog: QDialog | None = None
        self.last_result: Any = None
        d = dock
        self.assign_warehouse_action = add_action(
            d, self.tr("Assign &warehouse…"), "Ctrl+Shift+W", lambda: self.ask_assign("warehouse"),
            self.tr("Ship the selected orders from a warehouse of your choice (Ctrl+Shift+W)"))
        self.assign_carrier_action = add_action(
            d, self.tr("Assign &carrier…"), "Ctrl+Shift+C", lambda: self.ask_assign("carrier"),
            self.tr("Ship the selected orders with a carrier and service of your choice (Ctrl+Shift+C)"))
        self.assign_handler_action = add_action(
            d, self.tr("Assign &handler…"), "Ctrl+Shift+U", lambda: self.ask_assign("handler"),
            self.tr("Hand the selected orders to a person (Ctrl+Shift+U)"))
        self.merge_action = add_action(
            d, self.tr("&Merge"), "Ctrl+M", self.merge_selected,
            self.tr("Merge the selected orders of one buyer into one parcel (Ctrl+M)"))
        self.suggest_action = add_action(
            d, self.tr("Merge s&uggestions…"), "Ctrl+Shift+M", self.open_merge_suggestions,
            self.tr("Orders of one buyer that could ship as one parcel (Ctrl+Shift+M)"))
        self.split_action = add_action(
            d, self.tr("&Split…"), "Ctrl+Shift+S", self.open_split,
            self.tr("Split the order's lines into parcels that ship on their own (Ctrl+Shift+S)"))
        self.rules_action = add_action(
            d, self.tr("&Rules…"), None, self.open_rules,
            self.tr("Review, warehouse, carrier and assignment rules: edit, dry-run, re-apply"))
        self.shops_action = add_action(
            d, self.tr("S&hops…"), None, self.open_shops,
            self.tr("Shops: API settings and credentials, stock publishing, SKU mapping, stock files"))
        self.selection_actions = (self.assign_warehouse_action, self.assign_carrier_action,
                                  self.assign_handler_action, self.merge_action, self.split_action)
        for a in (*self.selection_actions, self.suggest_action):
            a.setVisible(d.can_edit)
            a.setEnabled(d.can_edit)

    # ------------------------------------------------------------------ where they show
    def add_to_toolbar(self, toolbar: QToolBar) -> None:
        if not self.dock.can_edit:
            return
        menu = QMenu(self.dock)
        for a in (self.assign_warehouse_action, self.assign_carrier_action, self.assign_handler_action):
            menu.addAction(a)
        self.assign_button = QToolButton()
        self.assign_button.setObjectName("orders.assign")
        self.assign_button.setText(self.tr("Assign"))
        self.assign_button.setToolTip(self.tr("Assign a warehouse, carrier or handler to the selected orders"))
        self.assign_button.setMenu(menu)
        self.assign_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.assign_menu = menu
        toolbar.addWidget(self.assign_button)
        toolbar.addAction(self.merge_action)
        toolbar.addAction(self.split_action)

    def add_to_view(self, view: QTableView) -> None:
        if not self.dock.can_edit:
            return
        separator = QAction(view)
        separator.setSeparator(True)
        view.addAction(separator)
        for a in self.selection_actions:
            view.addAction(a)

    def add_to_menu(self, menu: QMenu) -> None:
        if self.dock.can_edit:
            for a in (*self.selection_actions, self.suggest_action):
                menu.addAction(a)
            menu.addSeparator()
        menu.addAction(self.rules_action)
        menu.addAction(self.shops_action)
        menu.addSeparator()

    def update(self) -> None:
        if not self.dock.can_edit:
            return
        ids = self.dock.selected_ids()
        for a in (self.assign_warehouse_action, self.assign_carrier_action, self.assign_handler_action):
            a.setEnabled(bool(ids))
        self.merge_action.setEnabled(len(ids) >= 2)
        row = self.dock.current_row()
        self.split_action.setEnabled(row is not None and row.status in SPLITTABLE and row.lines >= 2)

    # ------------------------------------------------------------------ running
    def _run(self, ids: Sequence[int], label: str, work: Callable[[Any], Any], done: Callable[[Any], None]) -> ops.Job:
        dock, sessions, ids = self.dock, self.dock.ctx.sessions, list(ids)

        def job(_ctl: ops.JobControl) -> Any:
            with sessions.begin() as s:
                return work(s)

        def finished(result: Any) -> None:
            self.last_result = dock.last_result = result
            dock.model.refresh(ids)
            dock.refresh_counts()
            dock.detail.refresh()
            done(result)

        def failed(exc: BaseException) -> None:
            dock.show_message(refusal_text(exc), error=True)
            if not isinstance(exc, order_merge.MergeRefusedError):
                ops.show_error(dock, exc)

        return ops.run_job(job, parent=dock, label=label, cancellable=False, on_finished=finished, on_failed=failed)

    def _open(self, dlg: QDialog) -> QDialog:
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = self.dock.dialog = dlg
        dlg.open()
        return dlg

    # ------------------------------------------------------------------ assign
    def choices(self, kind: str) -> list[tuple[Any, str]]:
        with self.dock.ctx.sessions() as s:
            if kind == "warehouse":
                return [(w.id, f"{w.code} · {w.name}") for w in stock_reference.list_warehouses(s)]
            if kind == "carrier":
                return [(c.id, c.name) for c in shop_settings.list_carriers(s)]
            return [(u.id, u.name) for u in shop_settings.list_users(s)]

    def ask_assign(self, kind: str) -> AssignDialog | None:
        ids = self.dock.selected_ids()
        if not ids or not self.dock.can_edit:
            return None
        try:
            choices = self.choices(kind)
        except Exception as exc:
            self.dock.show_message(ops.describe_error(exc)[1], error=True)
            return None
        dlg = AssignDialog(kind, choices, len(ids), self.dock)
        dlg.accepted.connect(lambda: self.assign(ids, kind, dlg.choice(), dlg.service.text().strip() or None))
        self._open(dlg)
        return dlg

    def assign(self, ids: Sequence[int], kind: str, choice: Any, service: str | None = None) -> ops.Job:
        ids = list(ids)
        args: dict[str, Any] = {"warehouse": {"warehouse_id": choice},
                                "carrier": {"carrier_id": choice, "carrier_service": service},
                                "handler": {"handler_id": choice}}[kind]

        def done(n: int) -> None:
            text = self.tr("Assigned: %1 of %2").replace("%1", str(n)).replace("%2", str(len(ids)))
            if n < len(ids):
                text += self.tr(" (the others are picked, shipped or cancelled already)")
            self.dock.show_message(text, warning=n < len(ids))

        return self._run(ids, self.tr("Assigning %n order(s)…", "", len(ids)),
                         lambda s: orders.assign_orders(s, ids, **args), done)

    # ------------------------------------------------------------------ merge and split
    def merge_selected(self) -> ops.Job | None:
        ids = self.dock.selected_ids()
        if not self.dock.can_edit or not ids:
            return None
        if len(ids) < 2:
            self.dock.show_message(refusal_text(order_merge.MergeRefusedError("too_few")), error=True)
            return None
        return self._run(ids, self.tr("Merging %n order(s)…", "", len(ids)),
                         lambda s: order_merge.merge_orders(s, ids), lambda target: self._merged(target, ids))

    def _merged(self, target: int, ids: Sequence[int]) -> None:
        self.dock.model.refresh(list(ids))
        self.dock.refresh_counts()
        self.dock.select_order(target)
        self.dock.show_message(self.tr("Merged %n order(s) into one parcel; it is reviewed again.", "", len(ids)))

    def open_merge_suggestions(self) -> MergeSuggestionsDialog | None:
        if not self.dock.can_edit:
            return None
        dlg = MergeSuggestionsDialog(self.dock.ctx, self.dock.model.filter.shop_id, self.dock)
        dlg.merged.connect(self._merged)
        self._open(dlg)
        return dlg

    def open_split(self) -> SplitDialog | None:
        row = self.dock.current_row()
        if not self.dock.can_edit or row is None:
            return None
        dlg = SplitDialog(self.dock.ctx, row.id, self.dock)
        dlg.split_done.connect(self._split)
        self._open(dlg)
        return dlg

    def _split(self, ids: Sequence[int]) -> None:
        self.last_result = self.dock.last_result = tuple(ids)
        self.dock.model.refresh(list(ids), inserted=())
        self.dock.refresh_counts()
        self.dock.detail.refresh()
        self.dock.show_message(self.tr("Split into %n order(s); each is reviewed again.", "", len(ids)))

    # ------------------------------------------------------------------ rules and shops
    def open_rules(self) -> RulesDialog:
        dlg = RulesDialog(self.dock.ctx, self.dock, editable=self.dock.can_edit)
        dlg.order_chosen.connect(self.show_order)
        dlg.orders_changed.connect(self.dock.reload)
        self._open(dlg)
        return dlg

    def open_shops(self) -> ShopsDialog:
        dlg = ShopsDialog(self.dock.ctx, self.dock, editable=self.dock.can_edit)
        dlg.shops_changed.connect(self.dock.filters.load_reference)
        self._open(dlg)
        return dlg

    def show_order(self, order_id: int) -> bool:
        """An order in the list, whatever tab and filter: its number searched in every status if need be."""
        dock = self.dock
        if dock.select_order(order_id):
            return True
        try:
            with dock.ctx.sessions() as s:
                row = oq.get_order_rows(s, [order_id]).get(order_id)
        except Exception as exc:
            dock.show_message(ops.describe_error(exc)[1], error=True)
            return False
        if row is None:
            return False
        dock.filters.search.setText(row.platform_order_no)
        dock.tabs.blockSignals(True)
        dock.set_tab(None)
        dock.tabs.blockSignals(False)
        dock.apply_filter()
        return dock.select_order(order_id)
