"""The Orders dock: every shop's orders in one list, a tab per status (with counts on the queues
that wait for people), the filter bar and search, the selected order in full below, and the
order desk's work: approve, hold and cancel a selection, fix exceptions, import exports (dropped
on the dock or chosen), enter orders by hand.  Changes made anywhere show within a second.

Who may do what is the database's to say: the actions are offered to the order desk (sales,
admin), and a refusal is said in words.  People who review are told of new orders: the count
on the dock's title ("Orders (12)") and a desktop notification (alerts.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import order_lookup, orders
from erp_desktop.services import order_queries as oq
from erp_desktop.services.order_queries import OrderRow
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.docks.common import (
    add_action,
    ask_save_path,
    column_menu,
    export_work,
    setup_list_view,
    visible_columns,
)
from erp_desktop.ui.docks.orders.actions import BulkActions
from erp_desktop.ui.docks.orders.alerts import ReviewAlerts
from erp_desktop.ui.docks.orders.bulk import MoreActions
from erp_desktop.ui.docks.orders.detail import OrderDetailPanel
from erp_desktop.ui.docks.orders.dialogs import ImportDialog, ReasonDialog, order_files_in
from erp_desktop.ui.docks.orders.filters import OrderFilterBar
from erp_desktop.ui.docks.orders.fix import FixOrderDialog
from erp_desktop.ui.docks.orders.fulfil_actions import FulfilActions
from erp_desktop.ui.docks.orders.manual import ManualOrderDialog
from erp_desktop.ui.docks.orders.model import COL, COLUMN_KEYS, TABLE, OrderTableModel, header_label, reason_of
from erp_desktop.ui.docks.orders.texts import BADGED, TABS, status_label, tab_label
from erp_desktop.ui.settings import user_settings

log = logging.getLogger(__name__)

SETTINGS = "orders"
FILTER_DELAY_MS = 300
COUNT_DELAY_MS = 200
HIDDEN_BY_DEFAULT = ("city", "carrier", "tracking_no", "handler", "rule", "buyer_message", "seller_memo")


class OrdersDock(QDockWidget):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.orders")
        self.can_edit = ctx.identity.can("sales")        # the order desk: approve, hold, cancel, fix, import
        self.reviews = self.can_edit                      # told of new orders in the review queue
        self.model = OrderTableModel(ctx.sessions, self)
        self.alerts = ReviewAlerts(self)
        self.bulk = BulkActions(self)
        self.counts: dict[str, int] = {}
        self.review_count: int | None = None      # this person's review queue (the title's badge)
        self.me: int | None = None                  # their app user id (0: a superuser, no queue of their own)
        self.last_result: Any = None
        self.dialog: QDialog | None = None
        self._count_generation = 0
        self._selected_before_reset: int | None = None
        self._bulk_change = False
        self._columns_fitted = False
        self._build()
        self._restore_settings()
        self._update_title()
        self.setAcceptDrops(self.can_edit)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.refresh_counts)
        self.filters.search.textChanged.connect(self._filter_timer.start)
        self.filters.search.returnPressed.connect(self.apply_filter)
        self.filters.changed.connect(self.apply_filter)
        self.filters.sku_unknown.connect(lambda code: self.show_message(
            self.tr("No SKU has the code or barcode %1.").replace("%1", code), error=True))
        self.tabs.currentChanged.connect(lambda _i: self.apply_filter())
        self.model.load_failed.connect(self._on_load_failed)
        self.model.rows_refreshed.connect(self._on_rows_refreshed)
        self.model.changes_applied.connect(self._count_timer.start)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.page_loaded.connect(lambda _n: self._show_loaded())
        self.model.page_loaded.connect(lambda _n: self._fit_columns())
        self.detail.failed.connect(self._on_load_failed)
        self.detail.fix_requested.connect(self.open_fix)
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)
        QTimer.singleShot(0, self, self._first_load)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        self.filters = OrderFilterBar(self.ctx.sessions, body)
        self.filters.load_reference()
        lay.addWidget(self.filters)

        self.tabs = QTabBar()
        self.tabs.setObjectName("orders.tabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(True)
        for status in TABS:
            i = self.tabs.addTab(tab_label(status))
            self.tabs.setTabData(i, status)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.approve_action = add_action(self, self.tr("&Approve"), "Ctrl+Return", self.approve_selected,
                                         self.tr("Approve the selected orders: their stock is reserved (Ctrl+Enter)"))
        self.hold_action = add_action(self, self.tr("&Hold…"), "Ctrl+H", self.hold_selected,
                                      self.tr("Put the selected orders on hold with a reason (Ctrl+H)"))
        self.cancel_action = add_action(self, self.tr("Cancel &order…"), "Ctrl+Shift+Del", self.cancel_selected,
                                        self.tr("Cancel the selected orders with a reason; reserved stock goes back"))
        self.fix_action = add_action(self, self.tr("&Fix…"), "F2", lambda: self.open_fix(),
                                     self.tr("Correct the order's receiver or map its SKUs, and check again (F2)"))
        self.import_action = add_action(self, self.tr("&Import orders…"), "Ctrl+I", lambda: self.open_import(),
                                        self.tr("Import a platform's order export now (or drop the file here)"))
        self.pull_action = add_action(self, self.tr("&Pull from the shops now"), "Ctrl+Shift+I", self.pull_now,
                                      self.tr("Fetch the new and changed orders of the shops with an API now "
                                              "(the filtered shop, else all of them)"))
        self.manual_action = add_action(self, self.tr("&Manual order…"), "Ctrl+N", self.open_manual,
                                        self.tr("Enter an order taken by phone, offline or on WeChat (Ctrl+N)"))
        self.export_action = add_action(self, self.tr("E&xport to Excel"), None, self.choose_export_file,
                                        self.tr("Export the orders shown (tab, filters, columns) to Excel"))
        self.refresh_action = add_action(self, self.tr("Re&fresh"), QKeySequence.StandardKey.Refresh, self.reload,
                                         self.tr("Load the list again (F5)"))
        self.search_action = add_action(self, self.tr("Search"), QKeySequence.StandardKey.Find, self.focus_search)
        for i in range(len(TABS)):
            add_action(self, tab_label(TABS[i]), f"Ctrl+{i + 1}", lambda i=i: self.tabs.setCurrentIndex(i))
        self.desk_actions = (self.approve_action, self.hold_action, self.cancel_action, self.fix_action,
                             self.import_action, self.pull_action, self.manual_action)
        for a in self.desk_actions:
            a.setVisible(self.can_edit)
            a.setEnabled(self.can_edit)
            self.toolbar.addAction(a)
            if a is self.fix_action:
                self.toolbar.addSeparator()
        self.more = MoreActions(self)         # assign, merge, split; rules and shops (bulk.py)
        self.more.add_to_toolbar(self.toolbar)
        if self.can_edit:
            self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.refresh_action)
        head = QHBoxLayout()
        head.addWidget(self.tabs, 1)
        lay.addLayout(head)
        lay.addWidget(self.toolbar)

        self.view = QTableView()
        self.view.setObjectName("orders.table")
        self.view.setModel(self.model)
        setup_list_view(self.view)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)          # no empty band right of the last column shown
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.approve_action, self.hold_action, self.cancel_action, self.fix_action):
            if self.can_edit:
                self.view.addAction(a)
        self.more.add_to_view(self.view)
        self.fulfil = FulfilActions(self)     # print invoices (发货单) / packing slips, create a wave
        self.fulfil.add_to_toolbar(self.toolbar, self.export_action)
        self.fulfil.add_to_view(self.view)
        self._default_widths()
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.view.doubleClicked.connect(lambda _i: self.detail.tabs.setCurrentIndex(0))

        self.detail = OrderDetailPanel(self.ctx.sessions, self, can_fix=self.can_edit)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("orders.splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay.addWidget(self.splitter, 1)

        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("orders.message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.count_label.setObjectName("orders.count")
        foot.addWidget(self.message, 1)
        foot.addWidget(self.count_label)
        lay.addLayout(foot)
        self.setWidget(body)
        self._update_actions()

    def _default_widths(self) -> None:
        em = self.view.fontMetrics().horizontalAdvance("M")
        header_fm = self.view.horizontalHeader().fontMetrics()
        widths = {"order_no": 11, "status": 8, "reason": 14, "shop": 8, "paid_at": 8, "buyer": 6, "receiver": 5,
                  "phone": 8, "province": 5, "city": 5, "quantity": 3, "amount": 6, "warehouse": 4, "carrier": 6,
                  "tracking_no": 9, "handler": 5, "rule": 7, "buyer_message": 10, "seller_memo": 10}
        for key, w in widths.items():
            col = COL[key]
            self.view.setColumnWidth(col, max(int(w * em), header_fm.horizontalAdvance(header_label(col)) + 20))
        for key in HIDDEN_BY_DEFAULT:
            self.view.setColumnHidden(COL[key], True)

    def _fit_columns(self) -> None:
        """The first time orders show without saved widths: numbers, times and shops as wide as they are."""
        if self._columns_fitted or not self.model.rowCount():
            return
        self._columns_fitted = True
        em = self.view.fontMetrics().horizontalAdvance("M")
        for key, most in (("order_no", 16), ("status", 10), ("paid_at", 12), ("shop", 12), ("phone", 11),
                          ("reason", 20)):
            col = COL[key]
            before = self.view.columnWidth(col)
            self.view.resizeColumnToContents(col)
            self.view.setColumnWidth(col, min(max(before, self.view.columnWidth(col)), most * em))

    def _column_menu(self, pos) -> None:
        self._column_popup = column_menu(self, self.view, pos, [header_label(c) for c in range(len(COLUMN_KEYS))],
                                         COLUMN_KEYS.index("order_no"))

    def menu(self) -> QMenu:
        """The main window's Orders menu."""
        m = QMenu(self.tr("&Orders"), self)
        m.setObjectName("menu.orders")
        for a in self.desk_actions:
            if a.isVisible():
                m.addAction(a)
        if not m.isEmpty():
            m.addSeparator()
        self.more.add_to_menu(m)
        self.fulfil.add_to_menu(m)
        m.addAction(self.export_action)
        m.addAction(self.refresh_action)
        return m

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    # ------------------------------------------------------------------ loading, tabs, counts
    def current_status(self) -> str | None:
        return self.tabs.tabData(self.tabs.currentIndex())

    def set_tab(self, status: str | None) -> None:
        self.tabs.setCurrentIndex(TABS.index(status))

    def _first_load(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filters.current_filter(self.current_status()))
        self.refresh_counts()
        self._save_filters()
        self._show_loaded()

    def reload(self) -> None:
        self.filters.load_reference()
        self.model.reload(keep_rows=self.model.rowCount())
        self.refresh_counts()
        self.detail.refresh()

    def _show_loaded(self) -> None:
        n = self.model.rowCount()
        text = self.tr("Orders shown: %1").replace("%1", QLocale().toString(n))
        self.count_label.setText(text + ("" if self.model.at_end else "+"))

    def refresh_counts(self) -> None:
        """How many orders each queue holds (the tabs' counts, the title's badge), off the GUI thread."""
        self._count_timer.stop()
        self._count_generation += 1
        generation, sessions, shop_id = self._count_generation, self.ctx.sessions, self.model.filter.shop_id

        prime = self.reviews and not self.alerts.ready

        def work(_ctl: ops.JobControl) -> tuple[int, dict[str, int], dict[str, int], int | None]:
            with sessions() as s:
                last = order_lookup.last_order_id(s) if prime else None
                everywhere = oq.count_by_status(s)
                per_shop = oq.count_by_status(s, shop_id) if shop_id is not None else everywhere
                if self.me is None:
                    self.me = oq.my_user_id(s) or 0
                # the badge: this person's review queue (assigned to them, or to nobody)
                everywhere = {**everywhere, "mine": oq.count_review_queue(s, self.me)}
            return generation, everywhere, per_shop, last

        ops.run_job(work, parent=self, show_progress=False, on_finished=self._show_counts,
                    on_failed=lambda exc: log.warning("cannot count orders: %s", exc))

    def _show_counts(self, result: tuple[int, dict[str, int], dict[str, int], int | None]) -> None:
        generation, everywhere, per_shop, last = result
        if last is not None and not self.alerts.ready:
            self.alerts.prime(last)
        if generation != self._count_generation:
            return
        before = self.review_count
        self.counts = dict(per_shop)
        self.review_count = everywhere.get("mine", everywhere.get("review", 0))
        loc = QLocale()
        for i, status in enumerate(TABS):
            n = self.counts.get(status or "", 0)
            label = tab_label(status)
            self.tabs.setTabText(i, f"{label} ({loc.toString(n)})" if status in BADGED and n else label)
        if self._bulk_change and self.reviews and before is not None and self.review_count > before:
            self.alerts.announce_count(self.review_count - before)
        self._bulk_change = False
        self._update_title()

    def _update_title(self) -> None:
        n = self.review_count or 0
        if self.reviews and n:
            self.setWindowTitle(self.tr("Orders (%1)").replace("%1", QLocale().toString(n)))
            self.setToolTip(self.tr("%n order(s) to review", "", n))
        else:
            self.setWindowTitle(self.tr("Orders"))
            self.setToolTip("")

    # ------------------------------------------------------------------ live updates
    def _on_changed(self, table: str, op: str, ids) -> None:
        if table == TABLE:
            if ids is None:
                self._bulk_change = True
            self.model.queue_change(table, op, ids)
            self._count_timer.start()
        elif table in ("sales.shop", "sales.rule"):
            self.filters.load_reference()

    def _on_rows_refreshed(self, rows: list[OrderRow], inserted: set[int]) -> None:
        if self.reviews and inserted:
            self.alerts.check(rows, inserted)
        if self.detail.order_id is not None and (not rows or any(r.id == self.detail.order_id for r in rows)):
            self.detail.refresh()
        self._show_loaded()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_message(ops.describe_error(exc)[1], error=True)

    def show_message(self, text: str, error: bool = False, warning: bool = False) -> None:
        style = "color: #c62828; font-weight: bold" if error else ("color: #e65100; font-weight: bold" if warning
                                                                    else "")
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids = [self.model.row_at(r).id for r in rows if self.model.row_at(r) is not None]
        if not ids:
            current = self.current_row()
            ids = [current.id] if current is not None else []
        return ids

    def current_row(self) -> OrderRow | None:
        idx = self.view.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select_order(self, order_id: int) -> bool:
        r = self.model.row_of(order_id)
        if r < 0:
            return False
        idx = self.model.index(r, COL["order_no"])
        self.view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _on_current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        new_id = row.id if row is not None else None
        if new_id != self.detail.order_id:
            self.detail.show_order(new_id)
        self._update_actions()

    def _remember_selection(self) -> None:
        row = self.current_row()
        self._selected_before_reset = row.id if row else None

    def _restore_selection(self) -> None:
        if self._selected_before_reset is not None and self.select_order(self._selected_before_reset):
            return
        self.detail.show_order(None)
        self._update_actions()

    def _update_actions(self) -> None:
        if not self.can_edit:
            return
        self.more.update()
        has = bool(self.view.selectionModel().selectedRows()) or self.current_row() is not None
        for a in (self.approve_action, self.hold_action, self.cancel_action):
            a.setEnabled(has)
        row = self.current_row()
        self.fix_action.setEnabled(row is not None and row.status in ("review", "exception", "waiting"))
        self.pull_action.setEnabled(any(s.api and s.active for s in self.filters.shops))

    # ------------------------------------------------------------------ bulk actions (actions.py)
    def approve_selected(self) -> ops.Job | None:
        return self.bulk.approve(self.selected_ids())

    def hold_selected(self) -> ReasonDialog | None:
        return self.bulk.ask_hold(self.selected_ids())

    def cancel_selected(self) -> ReasonDialog | None:
        return self.bulk.ask_cancel(self.selected_ids())

    def pull_now(self) -> ops.Job | None:
        """The API shops' orders fetched now: the filtered shop if it is one, else every one."""
        api = [s for s in self.filters.shops if s.api and s.active]
        chosen = [s for s in api if s.id == self.model.filter.shop_id] or api
        return self.bulk.pull(chosen)

    # ------------------------------------------------------------------ dialogs
    def _open(self, dlg: QDialog) -> QDialog:
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dlg
        dlg.open()
        return dlg

    def open_fix(self, order_id: int | None = None) -> FixOrderDialog | None:
        if not self.can_edit:
            return None
        if order_id is None:
            row = self.current_row()
            order_id = row.id if row is not None else None
        if order_id is None:
            return None
        dlg = FixOrderDialog(self.ctx, order_id, self)
        dlg.fixed.connect(self._on_fixed)
        self._open(dlg)
        return dlg

    def _on_fixed(self, ids: Sequence[int]) -> None:
        self.model.refresh(ids)
        self.refresh_counts()
        self.detail.refresh()

    def open_import(self, paths: Sequence[str | Path] = ()) -> ImportDialog | None:
        if not self.can_edit:
            return None
        shop = self.model.filter.shop_id
        dlg = ImportDialog(self.ctx, self.filters.shops, self, paths=paths, shop_id=shop)
        dlg.imported.connect(self._on_imported)
        self._open(dlg)
        return dlg

    def _on_imported(self, summary: orders.ImportSummary) -> None:
        self.last_result = summary
        self.model.reload(keep_rows=self.model.rowCount())
        self.refresh_counts()
        self.show_message(self.tr("Imported: %1 new, %2 updated, %3 rejected").replace("%1", str(summary.created))
                          .replace("%2", str(summary.updated)).replace("%3", str(summary.rejected)),
                          warning=bool(summary.rejected))

    def open_manual(self) -> ManualOrderDialog | None:
        if not self.can_edit:
            return None
        dlg = ManualOrderDialog(self.ctx, self.filters.shops, self)
        dlg.saved.connect(self._on_manual_saved)
        self._open(dlg)
        return dlg

    def _on_manual_saved(self, summary: orders.ImportSummary) -> None:
        self.last_result = summary
        self.model.refresh(summary.order_ids, inserted=())
        self.refresh_counts()
        if summary.order_ids:
            self.select_order(summary.order_ids[0])
        self.show_message(self.tr("Order saved."))

    # drop files on the dock: the import dialog opens with them
    def dragEnterEvent(self, event) -> None:
        if self.can_edit and event.mimeData().hasUrls() and order_files_in(
                [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = order_files_in([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])
        if paths:
            event.acceptProposedAction()
            self.open_import(paths)

    # ------------------------------------------------------------------ export
    def choose_export_file(self) -> None:
        path = ask_save_path(self, self.ctx, SETTINGS, self.tr("Export orders to Excel"), self.tr("orders.xlsx"),
                             self.tr("Excel files (*.xlsx)"))
        if path:
            self.export_to(path)

    def visible_columns(self) -> list[tuple[str, str]]:
        """(key, heading) of the columns shown, in the order shown."""
        return visible_columns(self.view, COLUMN_KEYS, header_label)

    def export_to(self, path: str | os.PathLike) -> ops.Job:
        """Export the orders the list shows (tab, filters, visible columns) off the GUI thread."""
        flt, columns, target = self.model.filter, self.visible_columns(), Path(path)
        words = {"status": lambda r: status_label(r.status), "reason": reason_of}
        work = export_work(self.ctx.sessions, target, lambda s, progress: order_lookup.export_orders(
            s, flt, target, columns, words=words, progress=progress))

        def done(n: int) -> None:
            self.show_message(self.tr("Exported to %1 (orders: %2)").replace("%1", str(target))
                              .replace("%2", QLocale().toString(n)))

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=done)

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        state = s.value("header")
        if state is not None and self.view.horizontalHeader().restoreState(state):
            self._columns_fitted = True          # the user's own widths
        splitter = s.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.filters.restore(s)
        tab = str(s.value("filter/tab", "review") or "")
        self.tabs.blockSignals(True)
        self.set_tab(tab if tab in TABS else None)
        self.tabs.blockSignals(False)

    def _save_filters(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        s.setValue("filter/tab", self.current_status() or "all")
        self.filters.save(s)

    def save_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        s.setValue("header", self.view.horizontalHeader().saveState())
        s.setValue("splitter", self.splitter.saveState())
        if self.model.loaded:
            self._save_filters()

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
