"""The Products dock: filter bar, the lazy SKU list, New / Edit / Import / Export, scan to select."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import catalog
from erp_desktop.services.catalog import CategoryInfo, ImportReport, SkuFilter
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.docks.common import (
    add_action,
    add_category_tree,
    ask_save_path,
    export_work,
    keep_sort_indicator,
    last_dir,
    remember_dir,
    restore_list_header,
    setup_list_view,
)
from erp_desktop.ui.docks.products.import_report import ImportReportDialog
from erp_desktop.ui.docks.products.sku_dialog import SkuDialog
from erp_desktop.ui.models.sku_table import COL, STATUSES, TABLE, SkuTableModel, status_label
from erp_desktop.ui.settings import to_bool, user_settings
from erp_desktop.ui.widgets.scan_filter import ScanDetector

log = logging.getLogger(__name__)

SEEK_LIMIT = 1000        # rows fetched at most to reach a scanned SKU before narrowing the filter
FILTER_DELAY_MS = 250


class ProductsDock(QDockWidget):
    sku_selected = Signal(int)

    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.products")
        self.setWindowTitle(self.tr("Products"))
        self.can_edit = ctx.identity.can("sales")
        self.model = SkuTableModel(ctx.sessions, self)
        self._categories: list[CategoryInfo] = []
        self._count_generation = 0
        self._dialog: SkuDialog | None = None
        self._columns_fitted = False
        self._header_restored = False
        self._build()
        self._restore_settings()

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.category.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.kits_only.toggled.connect(self.apply_filter)

        self.model.load_failed.connect(self._on_load_failed)
        self.model.page_loaded.connect(self._maybe_fit_columns)
        self.model.changes_applied.connect(self.refresh_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._selected_before_reset: int | None = None
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)

        self.scan_detector = ScanDetector(self).install()
        self.scan_detector.scanned.connect(self.handle_scan)
        QTimer.singleShot(0, self, self.apply_filter)      # first page once the window is up

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("products.search")
        self.search.setPlaceholderText(self.tr("Filter: code, name, barcode or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setObjectName("products.category")
        self.category.setMinimumContentsLength(10)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status = QComboBox()
        self.status.setObjectName("products.status")
        self.status.addItem(self.tr("All statuses"), None)
        for st in STATUSES:
            self.status.addItem(status_label(st), st)
        self.kits_only = QCheckBox(self.tr("Kits only"))
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.status)
        bar.addWidget(self.kits_only)
        lay.addLayout(bar)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = add_action(self, self.tr("&New"), QKeySequence.StandardKey.New, self.new_sku,
                                     self.tr("New SKU (Ctrl+N)"))
        self.edit_action = add_action(self, self.tr("&Edit"), None, self.edit_current,
                                      self.tr("Edit the selected SKU (Enter, double-click)"))
        self.import_action = add_action(self, self.tr("&Import…"), None, self.choose_import_file,
                                        self.tr("Import SKUs from Excel or CSV"))
        self.export_action = add_action(self, self.tr("E&xport to Excel"), None, self.choose_export_file,
                                        self.tr("Export the SKUs shown (filter and order) to Excel"))
        for a in (self.new_action, self.edit_action, self.import_action, self.export_action):
            self.toolbar.addAction(a)
        self.new_action.setEnabled(self.can_edit)
        self.import_action.setEnabled(self.can_edit)
        lay.addWidget(self.toolbar)

        self.view = QTableView()
        self.view.setObjectName("products.table")
        self.view.setModel(self.model)
        setup_list_view(self.view)
        self._default_widths()
        self.view.activated.connect(lambda _index: self.edit_current())
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        lay.addWidget(self.view, 1)

        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("products.message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.count_label.setObjectName("products.count")
        foot.addWidget(self.message, 1)
        foot.addWidget(self.count_label)
        lay.addLayout(foot)
        self.setWidget(body)
        self._load_categories()

    def _default_widths(self) -> None:
        fm = self.view.fontMetrics()
        em = fm.horizontalAdvance("M")
        header_fm = self.view.horizontalHeader().fontMetrics()
        widths = {"code": 8, "name": 14, "spec": 7, "category": 6, "status": 5, "price": 7, "cost": 7,
                  "weight": 5, "barcodes": 10, "kit": 3}
        for key, w in widths.items():
            col = COL[key]
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            # room for the title and the sort arrow
            self.view.setColumnWidth(col, max(int(w * em), header_fm.horizontalAdvance(title) + 28))

    def _fit_columns(self) -> None:
        """First show without saved widths: codes as wide as the loaded ones, spare width to the name."""
        em = self.view.fontMetrics().horizontalAdvance("M")
        for key, most in (("code", 18), ("status", 8)):
            col = COL[key]
            before = self.view.columnWidth(col)
            self.view.resizeColumnToContents(col)
            self.view.setColumnWidth(col, min(max(before, self.view.columnWidth(col)), most * em))
        spare = self.view.viewport().width() - self.view.horizontalHeader().length()
        if spare <= 0:
            return
        for key, share in (("name", 0.5), ("barcodes", 0.3), ("spec", 0.2)):
            col = COL[key]
            self.view.setColumnWidth(col, self.view.columnWidth(col) + int(spare * share))

    def _maybe_fit_columns(self, *_: object) -> None:
        if self._columns_fitted or self._header_restored or not self.isVisible() or not self.model.loaded:
            return
        self._columns_fitted = True
        QTimer.singleShot(0, self, self._fit_columns)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._maybe_fit_columns()

    # ------------------------------------------------------------------ categories and filters
    def _load_categories(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self._categories = catalog.list_categories(s)
        except Exception as exc:
            log.warning("cannot load categories: %s", exc)
            self._categories = []
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        add_category_tree(self.category, self._categories)
        i = self.category.findData(current)
        self.category.setCurrentIndex(max(i, 0))
        self.category.blockSignals(False)

    def current_filter(self) -> SkuFilter:
        return SkuFilter(text=self.search.text().strip(), category_id=self.category.currentData(),
                         status=self.status.currentData(), kits_only=self.kits_only.isChecked())

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = self.current_filter()
        self.model.set_filter(flt)
        self.refresh_count()
        self._save_filters()

    def reload(self) -> None:
        self._load_categories()
        self.model.reload(keep_rows=self.model.rowCount())
        self.refresh_count()

    def refresh_count(self) -> None:
        """Count the SKUs that match, off the GUI thread (a count over a big table takes a moment)."""
        self._count_generation += 1
        generation, flt = self._count_generation, self.model.filter
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> tuple[int, int]:
            with sessions() as s:
                return generation, catalog.count_skus(s, flt)

        ops.run_job(work, parent=self, show_progress=False, on_finished=self._show_count,
                    on_failed=self._count_failed)

    def _show_count(self, result: tuple[int, int]) -> None:
        generation, n = result
        if generation == self._count_generation:
            self.count_label.setText(self.tr("SKUs: %1").replace("%1", QLocale().toString(n)))
            self.count = n

    def _count_failed(self, exc: BaseException) -> None:
        log.warning("cannot count SKUs: %s", exc)

    def _on_changed(self, table: str, op: str, ids) -> None:
        if table == TABLE:
            self.model.queue_change(table, op, ids)
        elif table == "catalog.category":
            self._load_categories()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_message(ops.describe_error(exc)[1], error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------------ selection
    def current_sku_id(self) -> int | None:
        idx = self.view.currentIndex()
        row = self.model.sku_at(idx.row()) if idx.isValid() else None
        return row.id if row else None

    def _on_current_changed(self, current, _previous) -> None:
        row = self.model.sku_at(current.row()) if current.isValid() else None
        if row is not None:
            self.sku_selected.emit(row.id)

    def _remember_selection(self) -> None:
        self._selected_before_reset = self.current_sku_id()

    def _restore_selection(self) -> None:
        if self._selected_before_reset is not None:
            row = self.model.row_of_sku(self._selected_before_reset)
            if row >= 0:
                self._select_row(row)

    def _select_row(self, row: int) -> None:
        idx = self.model.index(row, COL["code"])
        self.view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)

    def select_sku(self, sku_id: int) -> bool:
        """Show and select a SKU; if the filter hides it, narrow the filter to its code."""
        row = self.model.ensure_loaded(sku_id, max_rows=SEEK_LIMIT)
        if row < 0:
            try:
                with self.ctx.sessions() as s:
                    found = catalog.get_sku_rows(s, [sku_id]).get(sku_id)
            except Exception as exc:
                self.show_message(ops.describe_error(exc)[1], error=True)
                return False
            if found is None:
                return False
            self.set_filter_widgets(SkuFilter(text=found.code))
            self.apply_filter()
            row = self.model.ensure_loaded(sku_id, max_rows=SEEK_LIMIT)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def set_filter_widgets(self, flt: SkuFilter) -> None:
        for w in (self.search, self.category, self.status, self.kits_only):
            w.blockSignals(True)
        self.search.setText(flt.text)
        self.category.setCurrentIndex(max(self.category.findData(flt.category_id), 0))
        self.status.setCurrentIndex(max(self.status.findData(flt.status), 0))
        self.kits_only.setChecked(flt.kits_only)
        for w in (self.search, self.category, self.status, self.kits_only):
            w.blockSignals(False)

    def handle_scan(self, code: str) -> None:
        """A barcode (or SKU code) from a scanner: select its SKU, or say it is unknown."""
        code = code.strip()
        try:
            with self.ctx.sessions() as s:
                sku_id = catalog.find_sku_by_barcode(s, code)
        except Exception as exc:
            self.show_message(ops.describe_error(exc)[1], error=True)
            return
        if sku_id is None or not self.select_sku(sku_id):
            self.show_message(self.tr("Unknown barcode: %1 — no SKU has this barcode or code.").replace("%1", code),
                              error=True)
            return
        row = self.model.sku_at(self.model.row_of_sku(sku_id))
        self.show_message(self.tr("Scanned %1: %2").replace("%1", code).replace("%2", row.name if row else ""))
        self.view.setFocus()

    # ------------------------------------------------------------------ new / edit
    def new_sku(self) -> SkuDialog | None:
        if not self.can_edit:
            return None
        return self._open_dialog(None)

    def edit_current(self) -> SkuDialog | None:
        sku_id = self.current_sku_id()
        if sku_id is None:
            return None
        return self._open_dialog(sku_id)

    def _open_dialog(self, sku_id: int | None) -> SkuDialog | None:
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            self._dialog.activateWindow()
            return self._dialog
        try:
            dlg = SkuDialog(self.ctx, sku_id, self, read_only=not self.can_edit)
        except Exception as exc:
            ops.show_error(self, exc)
            return None
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.saved.connect(self._on_saved)
        dlg.destroyed.connect(self._forget_dialog)
        self._dialog = dlg
        dlg.open()
        return dlg

    def _forget_dialog(self, *_: object) -> None:
        self._dialog = None

    def _on_saved(self, sku_id: int, created: bool) -> None:
        # live updates will say so too; do not rely on them being connected
        self.model.apply_change(TABLE, "I" if created else "U", (sku_id,))
        if created:
            self.refresh_count()
        self.select_sku(sku_id)

    # ------------------------------------------------------------------ import / export
    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import SKUs"), last_dir(self.ctx, "products"),
                                              self.tr("Excel or CSV files (*.xlsx *.csv);;All files (*)"))
        if path:
            remember_dir(self.ctx, "products", path)
            self.import_file(path)

    def import_file(self, path: str | os.PathLike) -> ops.Job:
        """Import off the GUI thread; a cancel rolls the whole import back.  Then show the report."""
        sessions = self.ctx.sessions

        def work(ctl: ops.JobControl) -> ImportReport:
            def progress(done: int, total: int) -> None:
                ctl.progress(done, total)
                ctl.check()              # cancelled: raising here stops the import

            with sessions() as s, s.begin():
                report = catalog.import_skus(s, Path(path), progress=progress)
                ctl.check()              # cancelled at the end: leaving the block rolls it all back
            return report

        return ops.run_job(work, parent=self, label=self.tr("Importing %1…").replace("%1", Path(path).name),
                           on_finished=self._show_import_report)

    def _show_import_report(self, report: ImportReport) -> None:
        self.reload()
        dlg = ImportReportDialog(report, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_report = dlg
        dlg.open()

    def choose_export_file(self) -> None:
        path = ask_save_path(self, self.ctx, "products", self.tr("Export SKUs to Excel"), self.tr("skus.xlsx"),
                             self.tr("Excel files (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | os.PathLike) -> ops.Job:
        """Export what the list shows (same filter and order) off the GUI thread."""
        sessions, flt = self.ctx.sessions, self.model.filter
        sort, desc = self.model.sort_column_key, self.model.descending
        target = Path(path)
        work = export_work(sessions, target, lambda s, progress: catalog.export_skus(s, flt, target, sort, desc,
                                                                                      progress=progress))

        def done(n: int) -> None:
            self.show_message(self.tr("Exported to %1 (rows: %2)").replace("%1", str(target))
                              .replace("%2", QLocale().toString(n)))

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=done)

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, "products")
        self._header_restored = restore_list_header(self.view, self.model, s.value("header"), COL["code"])
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator)
        self.search.setText(str(s.value("filter/text", "") or ""))
        cat_code = s.value("filter/category")
        if cat_code:
            ids = [c.id for c in self._categories if c.code == cat_code]
            if ids:
                self.category.setCurrentIndex(max(self.category.findData(ids[0]), 0))
        status = s.value("filter/status")
        if status:
            self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.kits_only.setChecked(to_bool(s.value("filter/kits_only"), False))

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        if keep_sort_indicator(self.view, self.model, column):
            self.save_settings()

    def _save_filters(self) -> None:
        s = user_settings(self.ctx, "products")
        flt = self.model.filter
        s.setValue("filter/text", flt.text)
        code = next((c.code for c in self._categories if c.id == flt.category_id), "")
        s.setValue("filter/category", code)
        s.setValue("filter/status", flt.status or "")
        s.setValue("filter/kits_only", flt.kits_only)

    def save_settings(self) -> None:
        s = user_settings(self.ctx, "products")
        s.setValue("header", self.view.horizontalHeader().saveState())
        if self.model.loaded:
            self._save_filters()

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)

