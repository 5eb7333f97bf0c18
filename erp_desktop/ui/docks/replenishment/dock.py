"""The Replenishment dock: what to buy (with how each figure came about) and the slow movers.

Figures are computed by `services.replenishment.compute_replenishment` (Recompute, off the GUI
thread, with progress) and read back as two reports: suggestions and slow movers / overstock.
The alert counts the SKU x warehouse pairs whose available stock is below their safety stock.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import replenishment as rp
from erp_desktop.services import stock_reference
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.docks.common import add_action, ask_save_path, setup_list_view
from erp_desktop.ui.docks.replenishment.explain import slow_mover_html, suggestion_html
from erp_desktop.ui.docks.replenishment.models import (
    SORT_ROLE,
    SlowMoverTableModel,
    SuggestionTableModel,
    action_label,
    category_label,
    method_label,
)
from erp_desktop.ui.settings import to_bool, user_settings

log = logging.getLogger(__name__)

RELOAD_DELAY_MS = 1500     # after the figures changed (a recompute, a parameter)
COUNT_DELAY_MS = 5000      # after stock moved: only the alert count is read again
MAX_ROWS = 20_000          # a report, not a lazy list: more than this is narrowed by warehouse or text


class ReplenishmentDock(QDockWidget):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.replenishment")
        self.can_compute = ctx.identity.can("purchasing")
        self.suggestions = SuggestionTableModel(self)
        self.slow = SlowMoverTableModel(self)
        self.below_safety = 0
        self._generation = 0
        self.compute_job: ops.Job | None = None
        self._build()
        self._update_title()
        self._load_warehouses()
        self._restore_settings()

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.reload)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.refresh_alert)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self.reload)
        self.warehouse.currentIndexChanged.connect(self.reload)
        self.below_only.toggled.connect(self.reload)
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)
        QTimer.singleShot(0, self, self.reload)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("replenishment.search")
        self.search.setPlaceholderText(self.tr("Filter: SKU code or name, supplier"))
        self.search.setClearButtonEnabled(True)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("replenishment.warehouse")
        self.warehouse.setMinimumContentsLength(8)
        self.below_only = QCheckBox(self.tr("Below safety stock only"))
        self.alert = QLabel()
        self.alert.setObjectName("replenishment.alert")
        bar.addWidget(self.search, 3)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(self.below_only)
        bar.addStretch(0)
        bar.addWidget(self.alert)
        lay.addLayout(bar)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.recompute_action = add_action(self, self.tr("&Recompute"), QKeySequence(Qt.Key.Key_F5), self.recompute,
                                           self.tr("Forecast demand and compute safety stock, reorder points and "
                                                   "suggestions again from the stock history (F5)"))
        self.recompute_action.setEnabled(self.can_compute)
        self.export_action = add_action(self, self.tr("E&xport to Excel"), None, self.choose_export_file,
                                        self.tr("Export the list shown (suggestions or slow movers) to Excel"))
        self.toolbar.addAction(self.recompute_action)
        self.toolbar.addAction(self.export_action)
        lay.addWidget(self.toolbar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("replenishment.tabs")
        self.view, self.proxy, self.explanation, page = self._report(self.suggestions, "replenishment.suggestions")
        self.tabs.addTab(page, self.tr("What to buy"))
        self.slow_view, self.slow_proxy, self.slow_explanation, page = self._report(self.slow,
                                                                                    "replenishment.slow")
        self.tabs.addTab(page, self.tr("Slow movers and overstock"))
        lay.addWidget(self.tabs, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_explanation())
        self.slow_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_slow_explanation())

        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("replenishment.message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.count_label.setObjectName("replenishment.count")
        foot.addWidget(self.message, 1)
        foot.addWidget(self.count_label)
        lay.addLayout(foot)
        self.setWidget(body)

    def _report(self, model, name: str) -> tuple[QTableView, QSortFilterProxyModel, QTextBrowser, QWidget]:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView()
        view.setObjectName(name)
        view.setModel(proxy)
        setup_list_view(view)
        # the service's order (below safety stock first, then by value) until a column header is clicked
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        header = view.horizontalHeader()
        em = view.fontMetrics().horizontalAdvance("M")
        header_fm = header.fontMetrics()
        for col, (key, _title) in enumerate(model.COLUMNS):
            width = {"sku_code": 11, "sku_name": 14, "supplier": 12, "action": 14, "category": 8,
                     "last_sale_at": 8}.get(key, 6)
            title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            view.setColumnWidth(col, max(int(width * em), header_fm.horizontalAdvance(title) + 24))
        text = QTextBrowser()
        text.setObjectName(name + ".explanation")
        text.setOpenLinks(False)
        text.setPlaceholderText(self.tr("Select a row to see how its figures came about."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(view)
        split.addWidget(text)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        return view, proxy, text, split

    def _load_warehouses(self) -> None:
        try:
            with self.ctx.sessions() as s:
                warehouses = sorted(stock_reference.list_warehouses(s), key=lambda w: w.code)
        except Exception as exc:
            log.warning("cannot load warehouses: %s", exc)
            warehouses = []
        self.warehouse.blockSignals(True)
        self.warehouse.clear()
        self.warehouse.addItem(self.tr("All warehouses"), None)
        for w in warehouses:
            self.warehouse.addItem(f"{w.code} {w.name}", w.id)
        self.warehouse.blockSignals(False)

    # ------------------------------------------------------------------ loading
    def reload(self) -> ops.Job:
        """Read both reports and the alert count off the GUI thread."""
        self._filter_timer.stop()
        self._reload_timer.stop()
        self._generation += 1
        generation = self._generation
        sessions = self.ctx.sessions
        wh, text, below = self.warehouse.currentData(), self.search.text().strip(), self.below_only.isChecked()
        self._save_filters()

        def work(_ctl: ops.JobControl):
            with sessions() as s:
                sugs = rp.list_suggestions(s, wh, below_safety_only=below, search=text, limit=MAX_ROWS)
                slow = rp.slow_movers(s, wh)
                if text:
                    needle = text.lower()
                    slow = [m for m in slow if needle in m.sku_code.lower() or needle in m.sku_name.lower()]
                return generation, sugs, slow[:MAX_ROWS], rp.count_below_safety(s, wh), rp.last_computed(s)

        return ops.run_job(work, parent=self, show_progress=False, on_finished=self._loaded,
                           on_failed=self._load_failed)

    def _loaded(self, result) -> None:
        generation, sugs, slow, below, computed = result
        if generation != self._generation:
            return
        current = self._current(self.view, self.proxy, self.suggestions)
        self.suggestions.set_rows(sugs)
        self.slow.set_rows(slow)
        self.below_safety = below
        self._update_title()
        loc = QLocale()
        self.count_label.setText(self.tr("To buy: %1 · Slow movers: %2").replace("%1", loc.toString(len(sugs)))
                                 .replace("%2", loc.toString(len(slow))))
        if computed is None:
            self.show_message(self.tr("Not computed yet: press Recompute.") if self.can_compute
                              else self.tr("Not computed yet: ask purchasing to compute the figures."))
        else:
            when = loc.toString(computed.astimezone(), QLocale.FormatType.ShortFormat)
            self.show_message(self.tr("Computed %1").replace("%1", when))
        self._reselect(current)

    def _load_failed(self, exc: BaseException) -> None:
        self.suggestions.loaded = self.slow.loaded = True
        self.show_message(ops.describe_error(exc)[1], error=True)

    def _current(self, view: QTableView, proxy: QSortFilterProxyModel, model) -> tuple[int, int] | None:
        idx = view.currentIndex()
        row = model.row_at(proxy.mapToSource(idx).row()) if idx.isValid() else None
        return (row.sku_id, row.warehouse_id) if row is not None else None

    def _reselect(self, key: tuple[int, int] | None) -> None:
        target = 0
        if key is not None:
            for i, r in enumerate(self.suggestions.rows):
                if (r.sku_id, r.warehouse_id) == key:
                    target = self.proxy.mapFromSource(self.suggestions.index(i, 0)).row()
                    break
        if self.proxy.rowCount() > 0:
            self.view.selectRow(target)
        else:
            self.explanation.clear()
        if self.slow_proxy.rowCount() > 0 and not self.slow_view.currentIndex().isValid():
            self.slow_view.selectRow(0)
        self._show_explanation()
        self._show_slow_explanation()

    def _update_title(self) -> None:
        title = self.tr("Replenishment")
        if self.below_safety:
            title = self.tr("Replenishment (%1)").replace("%1", QLocale().toString(self.below_safety))
            self.alert.setText(self.tr("⚠ Below safety stock: %1").replace("%1", QLocale().toString(self.below_safety)))
            self.alert.setStyleSheet("color: #c62828; font-weight: bold")
        else:
            self.alert.setText(self.tr("Nothing below safety stock"))
            self.alert.setStyleSheet("color: #2e7d32")
        self.setWindowTitle(title)

    def _on_changed(self, table: str, _op: str, _ids) -> None:
        if self.compute_job is not None and self.compute_job.running:
            return
        if table == "stock.replenishment":
            self._reload_timer.start()
        elif table == "stock.level" and not self._count_timer.isActive():
            self._count_timer.start()       # stock moves all day: count at most every few seconds

    def refresh_alert(self) -> ops.Job:
        """Read the below-safety-stock count again (stock moved); the lists wait for a recompute."""
        sessions, wh = self.ctx.sessions, self.warehouse.currentData()

        def work(_ctl: ops.JobControl) -> int:
            with sessions() as s:
                return rp.count_below_safety(s, wh)

        def done(n: int) -> None:
            self.below_safety = n
            self._update_title()

        return ops.run_job(work, parent=self, show_progress=False, on_finished=done, on_failed=self._load_failed)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------------ explanations
    def current_suggestion(self) -> rp.Suggestion | None:
        idx = self.view.currentIndex()
        return self.suggestions.row_at(self.proxy.mapToSource(idx).row()) if idx.isValid() else None

    def current_slow_mover(self) -> rp.SlowMover | None:
        idx = self.slow_view.currentIndex()
        return self.slow.row_at(self.slow_proxy.mapToSource(idx).row()) if idx.isValid() else None

    def _show_explanation(self) -> None:
        s = self.current_suggestion()
        self.explanation.setHtml(suggestion_html(s) if s is not None else "")

    def _show_slow_explanation(self) -> None:
        m = self.current_slow_mover()
        self.slow_explanation.setHtml(slow_mover_html(m) if m is not None else "")

    # ------------------------------------------------------------------ recompute
    def recompute(self) -> ops.Job | None:
        """Compute every pair again (or the chosen warehouse's), off the GUI thread with progress."""
        if not self.can_compute or (self.compute_job is not None and self.compute_job.running):
            return None
        sessions, wh = self.ctx.sessions, self.warehouse.currentData()

        def work(ctl: ops.JobControl) -> rp.ComputeSummary:
            def progress(done: int, total: int) -> None:
                ctl.progress(done, total)
                ctl.check()

            with sessions() as s, s.begin():
                summary = rp.compute_replenishment(s, warehouse_id=wh, progress=progress)
                ctl.check()                   # cancelled at the end: nothing is kept
            return summary

        self.recompute_action.setEnabled(False)
        self.compute_job = ops.run_job(work, parent=self, label=self.tr("Computing replenishment…"),
                                       on_finished=self._computed, on_failed=self._compute_failed)
        self.compute_job.cancelled.connect(lambda: self.recompute_action.setEnabled(self.can_compute))
        return self.compute_job

    def _computed(self, summary: rp.ComputeSummary) -> None:
        self.recompute_action.setEnabled(self.can_compute)
        loc = QLocale()
        self.reload().finished.connect(lambda *_: self.show_message(
            self.tr("Computed %1 SKU × warehouse in %2 s: %3 to buy, %4 below safety stock.")
            .replace("%1", loc.toString(summary.pairs)).replace("%2", loc.toString(summary.seconds, "f", 1))
            .replace("%3", loc.toString(summary.to_buy)).replace("%4", loc.toString(summary.below_safety))))

    def _compute_failed(self, exc: BaseException) -> None:
        self.recompute_action.setEnabled(self.can_compute)
        ops.show_error(self, exc)

    # ------------------------------------------------------------------ export
    def choose_export_file(self) -> None:
        slow = self.tabs.currentIndex() == 1
        name = self.tr("slow-movers.xlsx") if slow else self.tr("purchase-suggestions.xlsx")
        path = ask_save_path(self, self.ctx, "replenishment", self.tr("Export to Excel"), name,
                             self.tr("Excel files (*.xlsx)"))
        if path:
            self.export_to(path, slow=slow)

    def export_to(self, path: str | os.PathLike, *, slow: bool = False) -> ops.Job:
        """Export the rows shown, in the order shown, with translated headers."""
        target = Path(path)
        if slow:
            rows = [self.slow.row_at(self.slow_proxy.mapToSource(self.slow_proxy.index(i, 0)).row())
                    for i in range(self.slow_proxy.rowCount())]
        else:
            rows = [self.suggestions.row_at(self.proxy.mapToSource(self.proxy.index(i, 0)).row())
                    for i in range(self.proxy.rowCount())]
        headers, labels = self._export_headers(), self._export_labels()

        def work(_ctl: ops.JobControl) -> int:
            if slow:
                return rp.export_slow_movers(rows, target, headers=headers, labels=labels)
            return rp.export_suggestions(rows, target, headers=headers, labels=labels)

        def done(n: int) -> None:
            self.show_message(self.tr("Exported to %1 (rows: %2)").replace("%1", str(target))
                              .replace("%2", QLocale().toString(n)))

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=done)

    def _export_headers(self) -> dict[str, str]:
        return {
            "sku_code": self.tr("SKU"), "sku_name": self.tr("Name"), "spec": self.tr("Specification"),
            "status": self.tr("Status"), "warehouse": self.tr("Warehouse"), "on_hand": self.tr("On hand"),
            "available": self.tr("Available"), "in_transit": self.tr("In transit"),
            "forecast_daily": self.tr("Forecast/day"), "sigma": self.tr("σ/day"),
            "lead_time_days": self.tr("Lead time (days)"), "review_days": self.tr("Review (days)"),
            "service_level": self.tr("Service level"), "safety_stock": self.tr("Safety stock"),
            "reorder_point": self.tr("Reorder point"), "order_up_to": self.tr("Order up to"),
            "position": self.tr("Stock position"), "raw_qty": self.tr("Needed"), "moq": self.tr("MOQ"),
            "pack_size": self.tr("Pack size"), "suggested_qty": self.tr("Suggested qty"),
            "supplier": self.tr("Supplier"), "unit_cost": self.tr("Unit cost"), "order_value": self.tr("Order value"),
            "method": self.tr("Forecast method"), "below_safety": self.tr("Below safety stock"),
            "days_of_cover": self.tr("Days of cover"), "turnover": self.tr("Turnover/year"),
            "last_sale": self.tr("Last sale"), "days_since_sale": self.tr("Days since sale"),
            "value": self.tr("Value at cost"), "excess_qty": self.tr("Excess qty"),
            "excess_value": self.tr("Excess value"), "category": self.tr("Class"),
            "action": self.tr("Suggested action"), "transfer_to": self.tr("Transfer to"),
            "transfer_qty": self.tr("Transfer qty"),
        }

    def _export_labels(self) -> dict[str, str]:
        labels = {m: method_label(m) for m in ("holt_winters", "average", "short_history", "no_sales")}
        labels.update({c: category_label(c) for c in ("dead", "slow", "overstock")})
        labels.update({a: action_label(a) for a in ("transfer", "promote", "stop_buying")})
        labels.update(yes=self.tr("yes"), no=self.tr("no"), active=self.tr("active"), inactive=self.tr("inactive"),
                      discontinued=self.tr("discontinued"))
        return labels

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, "replenishment")
        for view, key in ((self.view, "header/suggestions"), (self.slow_view, "header/slow")):
            state = s.value(key)
            if state is not None:
                view.horizontalHeader().restoreState(state)
        wh = s.value("filter/warehouse")
        if wh:
            i = self.warehouse.findText(str(wh), Qt.MatchFlag.MatchStartsWith)
            if i >= 0:
                self.warehouse.setCurrentIndex(i)
        self.search.setText(str(s.value("filter/text", "") or ""))
        self.below_only.setChecked(to_bool(s.value("filter/below_only"), False))
        self.tabs.setCurrentIndex(int(s.value("tab", 0) or 0))

    def _save_filters(self) -> None:
        s = user_settings(self.ctx, "replenishment")
        wh = self.warehouse.currentText().split(" ")[0] if self.warehouse.currentData() is not None else ""
        s.setValue("filter/warehouse", wh)
        s.setValue("filter/text", self.search.text().strip())
        s.setValue("filter/below_only", self.below_only.isChecked())

    def save_settings(self) -> None:
        s = user_settings(self.ctx, "replenishment")
        s.setValue("header/suggestions", self.view.horizontalHeader().saveState())
        s.setValue("header/slow", self.slow_view.horizontalHeader().saveState())
        s.setValue("tab", self.tabs.currentIndex())
        self._save_filters()

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
