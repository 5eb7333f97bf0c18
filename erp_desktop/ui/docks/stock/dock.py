"""The Stock dock: one row per SKU x warehouse, filters, low stock at a glance (highlight, a count
on the title, one notification per SKU x warehouse: alerts.py), the drill-down (detail.py), the
stock dialogs (dialogs.py), export."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import catalog
from erp_desktop.services import stock_queries as sq
from erp_desktop.services.catalog import CategoryInfo
from erp_desktop.services.session import AppContext
from erp_desktop.services.stock_queries import StockFilter, StockRow, WarehouseInfo
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.docks.common import (
    add_action,
    add_category_tree,
    ask_save_path,
    column_menu,
    export_work,
    keep_sort_indicator,
    restore_list_header,
    setup_list_view,
    visible_columns,
)
from erp_desktop.ui.docks.stock.alerts import LowStockAlerts
from erp_desktop.ui.docks.stock.detail import StockDetail
from erp_desktop.ui.docks.stock.dialogs import DIALOGS, StockDialog
from erp_desktop.ui.models.stock_table import (
    COL,
    COLUMN_KEYS,
    TABLE,
    StockTableModel,
    header_label,
)
from erp_desktop.ui.settings import to_bool, user_settings
from erp_desktop.ui.widgets.scan_filter import ScanDetector

log = logging.getLogger(__name__)

FILTER_DELAY_MS = 250
BADGE_DELAY_MS = 150
DEFAULT_EXPIRY_DAYS = 30
SETTINGS = "stock"
HIDDEN_BY_DEFAULT = ("spec", "cost")
ANNOUNCE_AT_ONCE = 20        # rows that fell below safety stock in one bulk change, announced one by one


class StockDock(QDockWidget):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.stock")
        ident = ctx.identity
        self.can_receive = ident.can("warehouse")          # receive, transfer, receive transfers
        self.can_adjust = ident.can("warehouse_lead")      # adjust, scrap
        self.model = StockTableModel(ctx.sessions, self)
        self.alerts = LowStockAlerts(self)
        self.low_count: int | None = None
        self._categories: list[CategoryInfo] = []
        self._warehouses: list[WarehouseInfo] = []
        self._dialogs: dict[str, StockDialog] = {}
        self._count_generation = 0
        self._badge_generation = 0
        self._selected_before_reset: int | None = None
        self._columns_fitted = False
        self._header_restored = False
        self._recheck_low = False
        self._build()
        self._update_title()
        self._restore_settings()

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._badge_timer = QTimer(self)
        self._badge_timer.setSingleShot(True)
        self._badge_timer.setInterval(BADGE_DELAY_MS)
        self._badge_timer.timeout.connect(self.refresh_badge)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        for combo in (self.warehouse, self.category):
            combo.currentIndexChanged.connect(self.apply_filter)
        for box in (self.below_safety, self.overstock, self.expiring):
            box.toggled.connect(self.apply_filter)
        self.expiring.toggled.connect(self.expiry_days.setEnabled)
        self.expiry_days.valueChanged.connect(lambda _v: self.expiring.isChecked() and self._filter_timer.start())

        self.model.load_failed.connect(self._on_load_failed)
        self.model.page_loaded.connect(self._maybe_fit_columns)
        self.model.rows_refreshed.connect(self._on_rows_refreshed)
        self.model.changes_applied.connect(self._badge_timer.start)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.detail.failed.connect(self._on_load_failed)
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)

        self.scan_detector = ScanDetector(self).install()
        self.scan_detector.scanned.connect(self.handle_scan)
        QTimer.singleShot(0, self, self._first_load)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("stock.search")
        self.search.setPlaceholderText(self.tr("Filter: code, name, barcode or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("stock.warehouse")
        self.category = QComboBox()
        self.category.setObjectName("stock.category")
        self.category.setMinimumContentsLength(8)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.below_safety = QCheckBox(self.tr("Below safety stock"))
        self.below_safety.setObjectName("stock.belowSafety")
        self.overstock = QCheckBox(self.tr("Overstock"))
        self.overstock.setObjectName("stock.overstock")
        self.overstock.setToolTip(self.tr("Above the maximum stock, or more than %1 days of forecast demand")
                                  .replace("%1", str(sq.OVERSTOCK_DAYS)))
        self.expiring = QCheckBox(self.tr("Expiring within"))
        self.expiring.setObjectName("stock.expiring")
        self.expiry_days = QSpinBox()
        self.expiry_days.setObjectName("stock.expiryDays")
        self.expiry_days.setRange(0, 3650)
        self.expiry_days.setValue(DEFAULT_EXPIRY_DAYS)
        self.expiry_days.setSuffix(self.tr(" days"))
        self.expiry_days.setEnabled(False)
        self.expiry_days.setToolTip(self.tr("Lots that expire within this many days, or have expired"))
        bar.addWidget(self.search, 3)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.below_safety)
        bar.addWidget(self.overstock)
        bar.addWidget(self.expiring)
        bar.addWidget(self.expiry_days)
        lay.addLayout(bar)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.receive_action = add_action(self, self.tr("&Receive…"), "Ctrl+R", lambda: self.open_dialog("receipt"),
                                         self.tr("Receive goods into a bin (Ctrl+R)"))
        self.transfer_action = add_action(
            self, self.tr("&Transfer…"), "Ctrl+T", lambda: self.open_dialog("transfer"),
            self.tr("Move stock to another bin or ship it to another warehouse (Ctrl+T)"))
        self.receive_transfer_action = add_action(
            self, self.tr("Receive trans&fer…"), None, lambda: self.open_dialog("receive_transfer"),
            self.tr("Goods shipped from another warehouse arrive here"))
        self.adjust_action = add_action(self, self.tr("&Adjust…"), "Ctrl+J", lambda: self.open_dialog("adjust"),
                                        self.tr("Correct a bin's quantity with a reason (Ctrl+J)"))
        self.scrap_action = add_action(self, self.tr("&Scrap…"), None, lambda: self.open_dialog("scrap"),
                                       self.tr("Take damaged, expired or defective goods out of stock"))
        self.export_action = add_action(self, self.tr("E&xport to Excel"), None, self.choose_export_file,
                                        self.tr("Export the rows shown (filter, order, columns) to Excel"))
        self.refresh_action = add_action(self, self.tr("Re&fresh"), QKeySequence.StandardKey.Refresh, self.reload,
                                         self.tr("Load the list again (F5)"))
        for a in (self.receive_action, self.transfer_action, self.receive_transfer_action):
            a.setVisible(self.can_receive)
            a.setEnabled(self.can_receive)
        for a in (self.adjust_action, self.scrap_action):
            a.setVisible(self.can_adjust)
            a.setEnabled(self.can_adjust)
        for a in (self.receive_action, self.transfer_action, self.receive_transfer_action, self.adjust_action,
                  self.scrap_action):
            self.toolbar.addAction(a)
        if self.can_receive or self.can_adjust:
            self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.refresh_action)
        lay.addWidget(self.toolbar)

        self.view = QTableView()
        self.view.setObjectName("stock.table")
        self.view.setModel(self.model)
        setup_list_view(self.view)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self._default_widths()
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.detail = StockDetail(self.ctx.sessions, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("stock.splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        lay.addWidget(self.splitter, 1)

        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("stock.message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.count_label.setObjectName("stock.count")
        foot.addWidget(self.message, 1)
        foot.addWidget(self.count_label)
        lay.addLayout(foot)
        self.setWidget(body)
        self._load_reference_data()

    def _default_widths(self) -> None:
        em = self.view.fontMetrics().horizontalAdvance("M")
        header_fm = self.view.horizontalHeader().fontMetrics()
        widths = {"code": 9, "name": 14, "spec": 7, "warehouse": 6, "on_hand": 5, "reserved": 5, "available": 5,
                  "in_transit": 5, "expired": 4, "safety_stock": 5, "reorder_point": 5, "days_of_cover": 5,
                  "cost": 6, "value": 7}
        for key, w in widths.items():
            col = COL[key]
            self.view.setColumnWidth(col, max(int(w * em), header_fm.horizontalAdvance(header_label(col)) + 24))
        for key in HIDDEN_BY_DEFAULT:
            self.view.setColumnHidden(COL[key], True)

    def _fit_columns(self) -> None:
        """First show without saved widths: codes as wide as the loaded ones, spare width to the name."""
        em = self.view.fontMetrics().horizontalAdvance("M")
        for key, most in (("code", 16), ("warehouse", 10)):
            col = COL[key]
            before = self.view.columnWidth(col)
            self.view.resizeColumnToContents(col)
            self.view.setColumnWidth(col, min(max(before, self.view.columnWidth(col)), most * em))
        spare = self.view.viewport().width() - self.view.horizontalHeader().length()
        if spare > 0:
            col = COL["name"]
            self.view.setColumnWidth(col, min(self.view.columnWidth(col) + spare, 40 * em))

    def _maybe_fit_columns(self, *_: object) -> None:
        if self._columns_fitted or self._header_restored or not self.isVisible() or not self.model.loaded:
            return
        self._columns_fitted = True
        QTimer.singleShot(0, self, self._fit_columns)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._maybe_fit_columns()

    def _column_menu(self, pos) -> None:
        self._column_popup = column_menu(self, self.view, pos, [header_label(c) for c in range(len(COLUMN_KEYS))],
                                         COLUMN_KEYS.index("code"))

    def menu(self) -> QMenu:
        """The main window's Stock menu (the dialogs, export)."""
        m = QMenu(self.tr("&Stock"), self)
        m.setObjectName("menu.stock")
        for a in (self.receive_action, self.transfer_action, self.receive_transfer_action, self.adjust_action,
                  self.scrap_action):
            if a.isVisible():
                m.addAction(a)
        if not m.isEmpty():
            m.addSeparator()
        m.addAction(self.export_action)
        m.addAction(self.refresh_action)
        return m

    # ------------------------------------------------------------------ reference data and filters
    def _load_reference_data(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self._warehouses = sq.list_warehouses(s)
                self._categories = catalog.list_categories(s)
        except Exception as exc:
            log.warning("cannot load warehouses and categories: %s", exc)
        current_wh, current_cat = self.warehouse.currentData(), self.category.currentData()
        for w in (self.warehouse, self.category):
            w.blockSignals(True)
        self.warehouse.clear()
        self.warehouse.addItem(self.tr("All warehouses"), None)
        for wh in self._warehouses:
            self.warehouse.addItem(wh.name, wh.id)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        add_category_tree(self.category, self._categories)
        self.warehouse.setCurrentIndex(max(self.warehouse.findData(current_wh), 0))
        self.category.setCurrentIndex(max(self.category.findData(current_cat), 0))
        for w in (self.warehouse, self.category):
            w.blockSignals(False)

    def current_filter(self) -> StockFilter:
        return StockFilter(text=self.search.text().strip(), warehouse_id=self.warehouse.currentData(),
                           category_id=self.category.currentData(), below_safety=self.below_safety.isChecked(),
                           overstock=self.overstock.isChecked(),
                           expiring_days=self.expiry_days.value() if self.expiring.isChecked() else None)

    def set_filter_widgets(self, flt: StockFilter) -> None:
        widgets = (self.search, self.warehouse, self.category, self.below_safety, self.overstock, self.expiring,
                   self.expiry_days)
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(flt.text)
        self.warehouse.setCurrentIndex(max(self.warehouse.findData(flt.warehouse_id), 0))
        self.category.setCurrentIndex(max(self.category.findData(flt.category_id), 0))
        self.below_safety.setChecked(flt.below_safety)
        self.overstock.setChecked(flt.overstock)
        self.expiring.setChecked(flt.expiring_days is not None)
        self.expiry_days.setEnabled(flt.expiring_days is not None)
        if flt.expiring_days is not None:
            self.expiry_days.setValue(flt.expiring_days)
        for w in widgets:
            w.blockSignals(False)

    def _first_load(self) -> None:
        self.apply_filter()
        self.refresh_badge(prime=True)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())
        self.refresh_count()
        self._save_filters()

    def reload(self) -> None:
        self._load_reference_data()
        self.model.reload(keep_rows=self.model.rowCount())
        self.refresh_count()
        self.refresh_badge()
        self.detail.refresh()

    def refresh_count(self) -> None:
        """Count the rows that match, off the GUI thread."""
        self._count_generation += 1
        generation, flt, sessions = self._count_generation, self.model.filter, self.ctx.sessions

        def work(_ctl: ops.JobControl) -> tuple[int, int]:
            with sessions() as s:
                return generation, sq.count_stock(s, flt)

        ops.run_job(work, parent=self, show_progress=False, on_finished=self._show_count,
                    on_failed=lambda exc: log.warning("cannot count stock rows: %s", exc))

    def _show_count(self, result: tuple[int, int]) -> None:
        generation, n = result
        if generation == self._count_generation:
            self.count_label.setText(self.tr("Rows: %1").replace("%1", QLocale().toString(n)))

    # ------------------------------------------------------------------ low stock: badge, alerts
    def refresh_badge(self, prime: bool = False) -> None:
        """Count the rows below safety stock (the title's badge), off the GUI thread.  The first
        time also learn which are low already (they are not announced); after a change too big to
        list (a planning run, a bulk import), find the rows that became low and announce them."""
        self._badge_timer.stop()
        self._badge_generation += 1
        generation, sessions = self._badge_generation, self.ctx.sessions
        recheck, self._recheck_low = self._recheck_low and not prime, False

        def work(_ctl: ops.JobControl) -> tuple[int, int, list[int] | None, list[StockRow]]:
            with sessions() as s:
                n = sq.count_below_safety(s)
                ids = sq.below_safety_ids(s) if prime or recheck else None
                fresh: list[StockRow] = []
                if recheck and ids is not None:
                    new = [i for i in ids if i not in known][:ANNOUNCE_AT_ONCE]
                    fresh = list(sq.get_stock_rows(s, new).values())
                return generation, n, ids if prime else None, fresh

        known = frozenset(self.alerts.known)
        ops.run_job(work, parent=self, show_progress=False, on_finished=self._show_badge,
                    on_failed=lambda exc: log.warning("cannot count low stock: %s", exc))

    def _show_badge(self, result: tuple[int, int, list[int] | None, list[StockRow]]) -> None:
        generation, n, low_ids, fresh = result
        if low_ids is not None:
            self.alerts.prime(low_ids)
        self.alerts.check(fresh)
        if generation == self._badge_generation:
            self.low_count = n
            self._update_title()

    def _update_title(self) -> None:
        n = self.low_count or 0
        self.setWindowTitle(self.tr("Stock (%1)").replace("%1", QLocale().toString(n)) if n else self.tr("Stock"))
        self.setToolTip(self.tr("%n row(s) below safety stock", "", n) if n else "")

    def _on_rows_refreshed(self, rows: list[StockRow]) -> None:
        self.alerts.check(rows)
        current = self.detail.row
        if current is not None:
            fresh = next((r for r in rows if r.id == current.id), None)
            if fresh is not None:
                self.detail.row = fresh
                self.detail.refresh()

    # ------------------------------------------------------------------ live updates
    def _on_changed(self, table: str, op: str, ids) -> None:
        if table == TABLE:
            if ids is None:
                self._recheck_low = True
            self.model.queue_change(table, op, ids)
        elif table in ("catalog.category", "stock.warehouse"):
            self._load_reference_data()
        elif table == "stock.replenishment":
            self._badge_timer.start()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_message(ops.describe_error(exc)[1], error=True)

    def show_message(self, text: str, error: bool = False, warning: bool = False) -> None:
        style = "color: #c62828; font-weight: bold" if error else ("color: #e65100; font-weight: bold" if warning
                                                                    else "")
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # ------------------------------------------------------------------ selection, scans
    def current_row(self) -> StockRow | None:
        idx = self.view.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def _on_current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None or self.detail.row is None or row.id != self.detail.row.id:
            self.detail.show_row(row)

    def _remember_selection(self) -> None:
        row = self.current_row()
        self._selected_before_reset = row.id if row else None

    def _restore_selection(self) -> None:
        if self._selected_before_reset is not None:
            r = self.model.row_of_level(self._selected_before_reset)
            if r >= 0:
                self.select_row(r)
                return
        self.detail.show_row(None)

    def select_row(self, row: int) -> None:
        idx = self.model.index(row, COL["code"])
        self.view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)

    def handle_scan(self, code: str) -> None:
        """A barcode (or SKU code) from a scanner: show that SKU's rows, the first selected."""
        code = code.strip()
        try:
            with self.ctx.sessions() as s:
                sku = sq.find_sku(s, code)
        except Exception as exc:
            self.show_message(ops.describe_error(exc)[1], error=True)
            return
        if sku is None:
            self.show_message(self.tr("Unknown barcode: %1 — no SKU has this barcode or code.").replace("%1", code),
                              error=True)
            return
        self.search.setText(sku.code)
        self.apply_filter()
        if self.model.rowCount():
            self.select_row(0)
            self.show_message(self.tr("Scanned %1: %2").replace("%1", code).replace("%2", sku.name))
        else:
            self.show_message(self.tr("%1 (%2) has no stock in any warehouse.").replace("%1", sku.code)
                              .replace("%2", sku.name))
        self.view.setFocus()

    # ------------------------------------------------------------------ dialogs
    def open_dialog(self, kind: str) -> StockDialog | None:
        allowed = self.can_adjust if kind in ("adjust", "scrap") else self.can_receive
        if not allowed or kind not in DIALOGS:
            return None
        self.show()
        self.raise_()
        dlg = self._dialogs.get(kind)
        if dlg is not None and dlg.isVisible():
            dlg.raise_()
            dlg.activateWindow()
            return dlg
        row = self.current_row()
        sku = None
        if row is not None:
            sku = sq.SkuBrief(row.sku_id, row.code, row.name, row.spec, row.unit, False)
        try:
            dlg = DIALOGS[kind](self.ctx, self, sku=sku, warehouse_id=row.warehouse_id if row else None)
        except Exception as exc:
            ops.show_error(self, exc)
            return None
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.posted.connect(self._on_posted)
        dlg.destroyed.connect(lambda *_a, k=kind: self._dialogs.pop(k, None))
        self._dialogs[kind] = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def _on_posted(self, sku_id: int, text: str) -> None:
        # live updates will say so too; do not rely on them being connected
        self.model.refresh_sku(sku_id)
        self.show_message(self.tr("Posted: %1").replace("%1", text))

    # ------------------------------------------------------------------ export
    def choose_export_file(self) -> None:
        path = ask_save_path(self, self.ctx, SETTINGS, self.tr("Export stock to Excel"), self.tr("stock.xlsx"),
                             self.tr("Excel files (*.xlsx)"))
        if path:
            self.export_to(path)

    def visible_columns(self) -> list[tuple[str, str]]:
        """(key, heading) of the columns shown, in the order shown."""
        return visible_columns(self.view, COLUMN_KEYS, header_label)

    def export_to(self, path: str | os.PathLike) -> ops.Job:
        """Export the rows the list shows (filter, order, visible columns) off the GUI thread."""
        sessions, flt = self.ctx.sessions, self.model.filter
        sort, desc = self.model.sort_column_key, self.model.descending
        columns = self.visible_columns()
        target = Path(path)
        work = export_work(sessions, target, lambda s, progress: sq.export_stock(s, flt, target, columns, sort, desc,
                                                                                  progress=progress))

        def done(n: int) -> None:
            self.show_message(self.tr("Exported to %1 (rows: %2)").replace("%1", str(target))
                              .replace("%2", QLocale().toString(n)))

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=done)

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        self._header_restored = restore_list_header(self.view, self.model, s.value("header"), COL["code"])
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator)
        splitter = s.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        wh_code, cat_code = s.value("filter/warehouse"), s.value("filter/category")
        days = s.value("filter/expiring_days")
        self.set_filter_widgets(StockFilter(
            text=str(s.value("filter/text", "") or ""),
            warehouse_id=next((w.id for w in self._warehouses if w.code == wh_code), None),
            category_id=next((c.id for c in self._categories if c.code == cat_code), None),
            below_safety=to_bool(s.value("filter/below_safety"), False),
            overstock=to_bool(s.value("filter/overstock"), False),
            expiring_days=int(days) if days not in (None, "") else None))

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        if keep_sort_indicator(self.view, self.model, column):
            self.save_settings()

    def _save_filters(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        flt = self.model.filter
        s.setValue("filter/text", flt.text)
        s.setValue("filter/warehouse", next((w.code for w in self._warehouses if w.id == flt.warehouse_id), ""))
        s.setValue("filter/category", next((c.code for c in self._categories if c.id == flt.category_id), ""))
        s.setValue("filter/below_safety", flt.below_safety)
        s.setValue("filter/overstock", flt.overstock)
        s.setValue("filter/expiring_days", "" if flt.expiring_days is None else flt.expiring_days)

    def save_settings(self) -> None:
        s = user_settings(self.ctx, SETTINGS)
        s.setValue("header", self.view.horizontalHeader().saveState())
        s.setValue("splitter", self.splitter.saveState())
        if self.model.loaded:
            self._save_filters()

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
