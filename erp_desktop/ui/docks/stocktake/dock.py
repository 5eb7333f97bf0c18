"""The Stocktake dock: the counts with their bins, differences and unknown barcodes; plan, close,
post, export; and the count screen for the scanner.  Counters on other clients show up live."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.documents.stocktake_report import render_stocktake_pdf, render_stocktake_xlsx
from erp_desktop.domain.stocktake import BlindCountError, can
from erp_desktop.services import stocktake
from erp_desktop.services.session import AppContext
from erp_desktop.services.stocktake import StocktakeInfo, VarianceReport, login_name
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.devices import current_hub
from erp_desktop.ui.docks.common import add_action, ask_save_path, setup_list_view
from erp_desktop.ui.docks.stocktake import texts
from erp_desktop.ui.docks.stocktake.count_screen import CountScreen, qty
from erp_desktop.ui.docks.stocktake.create_dialog import CreateStocktakeDialog
from erp_desktop.ui.docks.stocktake.scanner import SerialScannerDialog, SerialScannerLink, load_config
from erp_desktop.ui.docks.stocktake.table import GREEN, GREY, ORANGE, RED, Row, RowsModel
from erp_desktop.ui.settings import to_bool, user_settings
from erp_desktop.ui.widgets.money import format_money
from erp_desktop.ui.widgets.scan_filter import ScanDetector

log = logging.getLogger(__name__)
TABLES = ("stock.stocktake", "stock.stocktake_bin", "stock.stocktake_line", "stock.stocktake_unknown")


class StocktakeDock(QDockWidget):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setObjectName("dock.stocktake")
        self.setWindowTitle(self.tr("Stocktake"))
        self.can_count = ctx.identity.can("warehouse")
        self.can_plan = ctx.identity.can("warehouse_lead")
        self.counts: list[StocktakeInfo] = []
        self.report: VarianceReport | None = None
        self._variance_generation = 0
        self._loading = False
        self._unfitted: set[QTableView] = set()      # no saved widths yet: fit to the first rows shown
        self._build()
        self._restore_settings()
        self.open_only.toggled.connect(self.reload)

        self.scanner = SerialScannerLink(bridge, self)
        self.scanner.status_changed.connect(lambda *_: self.scanner_label.setText(self.scanner.describe()))
        # the workstation's device hub runs the serial scanner (and the keyboard wedge) when there is one
        self.hub = current_hub()
        cfg, autostart = load_config()
        if self.hub is not None:
            self.hub.status_changed.connect(self._hub_status)
            self._hub_status("serial_scanner", *self.hub.state("serial_scanner"))
        elif cfg is not None and autostart and self.can_count:
            self.scanner.start(cfg)

        self._changes = QTimer(self)
        self._changes.setSingleShot(True)
        self._changes.setInterval(300)
        self._changes.timeout.connect(self.reload)
        bridge.changed.connect(self._on_changed)
        bridge.reload_all.connect(self.reload)
        self.scan_detector = ScanDetector(self, min_len=4).install()     # bin labels are short: A-01
        self.scan_detector.scanned.connect(self.handle_scan)
        QTimer.singleShot(0, self, self.reload)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.stack = QStackedWidget()
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = add_action(self, self.tr("&New count…"), QKeySequence.StandardKey.New, self.new_count,
                                     self.tr("Plan a count: whole warehouse, bins, a category or a cycle count "
                                             "(Ctrl+N)"))
        self.count_action = add_action(self, self.tr("&Count"), None, self.open_count_screen,
                                       self.tr("Open the count screen for the scanner (Enter)"))
        self.close_action = add_action(self, self.tr("C&lose counting"), None, self.close_count,
                                       self.tr("Every bin is counted: fix the differences"))
        self.reopen_action = add_action(self, self.tr("&Reopen"), None, self.reopen_count,
                                        self.tr("Back to counting, e.g. to recount a bin"))
        self.post_action = add_action(self, self.tr("&Post count"), None, self.post_count,
                                      self.tr("Write the differences to the stock ledger"))
        self.cancel_action = add_action(self, self.tr("Cancel count"), None, self.cancel_count, "")
        self.pdf_action = add_action(self, self.tr("Export &PDF…"), None, self.choose_pdf_file,
                                     self.tr("The variance report as a PDF to print"))
        self.xlsx_action = add_action(self, self.tr("Export to E&xcel…"), None, self.choose_export_file,
                                      self.tr("The variance report as an Excel workbook"))
        self.scanner_action = add_action(self, self.tr("Serial scanner…"), None, self.show_scanner_dialog,
                                         self.tr("Connect a scanner on a serial or USB (CDC) port"))
        for a in (self.new_action, self.count_action, self.close_action, self.reopen_action, self.post_action,
                  self.cancel_action):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        for a in (self.pdf_action, self.xlsx_action, self.scanner_action):
            self.toolbar.addAction(a)
        for a in (self.close_action, self.reopen_action, self.post_action, self.cancel_action, self.new_action):
            a.setVisible(self.can_plan)
        self.scanner_action.setVisible(self.can_count)
        lay.addWidget(self.toolbar)

        bar = QHBoxLayout()
        self.open_only = QCheckBox(self.tr("Open counts only"))
        self.open_only.setChecked(True)
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        lay.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.counts_model = RowsModel([self.tr("Count"), self.tr("Warehouse"), self.tr("Scope"), self.tr("Blind"),
                                       self.tr("Status"), self.tr("Bins counted"), self.tr("Created"),
                                       self.tr("By"), self.tr("Note")], numeric=(5,), parent=self)
        self.counts_view = self._table(self.counts_model, "stocktake.counts")
        self.counts_view.selectionModel().currentRowChanged.connect(
            lambda *_: None if self._loading else self._show_selected())
        self.counts_view.activated.connect(lambda _i: self.open_count_screen())
        split.addWidget(self.counts_view)

        self.tabs = QTabWidget()
        self.bins_model = RowsModel([self.tr("Bin"), self.tr("State"), self.tr("Started"), self.tr("Counted by"),
                                     self.tr("Lines"), self.tr("Units"), self.tr("Recounts"),
                                     self.tr("Moves while counting")], numeric=(4, 5, 6, 7), parent=self)
        self.bins_view = self._table(self.bins_model, "stocktake.bins")
        self.bins_view.activated.connect(self._open_bin)
        self.tabs.addTab(self.bins_view, self.tr("Bins"))
        var_page = QWidget()
        var_lay = QVBoxLayout(var_page)
        var_lay.setContentsMargins(0, 2, 0, 0)
        var_bar = QHBoxLayout()
        self.only_differences = QCheckBox(self.tr("Only differences"))
        self.only_differences.toggled.connect(self._show_variance)
        self.variance_totals = QLabel()
        self.variance_totals.setObjectName("stocktake.variance_totals")
        self.variance_totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        var_bar.addWidget(self.only_differences)
        var_bar.addWidget(self.variance_totals, 1)
        var_lay.addLayout(var_bar)
        self.variance_model = RowsModel([self.tr("Bin"), self.tr("SKU"), self.tr("Name"), self.tr("Lot"),
                                         self.tr("Expected"), self.tr("Counted"), self.tr("Difference"),
                                         self.tr("Unit cost"), self.tr("Value")], numeric=(4, 5, 6, 7, 8), parent=self)
        self.variance_view = self._table(self.variance_model, "stocktake.variance")
        var_lay.addWidget(self.variance_view, 1)
        self.tabs.addTab(var_page, self.tr("Differences"))
        self.unknown_list = QListWidget()
        self.unknown_list.setObjectName("stocktake.unknown")
        self.tabs.addTab(self.unknown_list, self.tr("Unknown barcodes"))
        self.tabs.currentChanged.connect(lambda _i: self._show_selected())
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 1)

        foot = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("stocktake.message")
        self.message.setWordWrap(True)
        self.scanner_label = QLabel(self.tr("Serial scanner off"))
        self.scanner_label.setObjectName("stocktake.scanner")
        foot.addWidget(self.message, 1)
        foot.addWidget(self.scanner_label)
        lay.addLayout(foot)

        self.count_screen = CountScreen(self.ctx, self)
        self.count_screen.back_requested.connect(self.show_list)
        # big type needs room: in a narrow dock the screen scrolls instead of widening the window
        self.count_page = QScrollArea()
        self.count_page.setFrameShape(QFrame.Shape.NoFrame)
        self.count_page.setWidgetResizable(True)
        self.count_page.setWidget(self.count_screen)
        self.stack.addWidget(page)
        self.stack.addWidget(self.count_page)
        self.setWidget(self.stack)

    def _table(self, model: RowsModel, name: str) -> QTableView:
        v = QTableView()
        v.setObjectName(name)
        v.setModel(model)
        setup_list_view(v, stretch_last=True)
        return v

    # ------------------------------------------------------------------ loading
    def selected(self) -> StocktakeInfo | None:
        idx = self.counts_view.currentIndex()
        return self.counts_model.item(idx.row()) if idx.isValid() else None

    def reload(self) -> None:
        keep = self.selected().id if self.selected() else None
        try:
            with self.ctx.sessions() as s:
                self.counts = stocktake.list_stocktakes(s, open_only=self.open_only.isChecked())
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
            return
        rows = []
        for c in self.counts:
            colors = {4: {"counting": ORANGE, "closed": GREEN, "posted": GREY, "cancelled": GREY}.get(c.status, GREY)}
            rows.append(Row([c.ref, f"{c.warehouse_code} {c.warehouse_name}",
                             texts.scope(c.scope) + (f": {c.category_name}" if c.category_name else ""),
                             self.tr("yes") if c.blind else "", texts.status(c.status),
                             f"{c.bins_counted} / {c.bins_total}", c.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                             login_name(c.created_by), c.note or ""], c, colors))
        self._loading = True
        try:
            self.counts_model.set_rows(rows)
            row = next((i for i, c in enumerate(self.counts) if c.id == keep), 0 if self.counts else -1)
            if row >= 0:
                self.counts_view.selectionModel().setCurrentIndex(
                    self.counts_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._loading = False
        self._fit_once(self.counts_view)
        self._show_selected()
        if self.stack.currentWidget() is self.count_page:
            self.count_screen.refresh()

    def _on_changed(self, table: str, _op: str, _ids) -> None:
        if table in TABLES:
            self._changes.start()

    def _update_actions(self, c: StocktakeInfo | None) -> None:
        st = c.status if c else ""
        self.count_action.setEnabled(c is not None and self.can_count and can(st, "count"))
        self.close_action.setEnabled(c is not None and can(st, "close") and c.bins_counted == c.bins_total)
        self.reopen_action.setEnabled(c is not None and can(st, "reopen"))
        self.post_action.setEnabled(c is not None and can(st, "post"))
        self.cancel_action.setEnabled(c is not None and can(st, "cancel"))
        self.pdf_action.setEnabled(c is not None)
        self.xlsx_action.setEnabled(c is not None)

    def _show_selected(self) -> None:
        c = self.selected()
        self._update_actions(c)
        if c is None:
            self.bins_model.set_rows([])
            self.variance_model.set_rows([])
            self.unknown_list.clear()
            self.variance_totals.clear()
            return
        try:
            with self.ctx.sessions() as s:
                bins = stocktake.list_bins(s, c.id)
                unknown = stocktake.unknown_barcodes(s, c.id)
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
            return
        rows = []
        for b in bins:
            colors = {1: {"counting": ORANGE, "counted": GREEN, "recount": RED}.get(b.state, GREY)}
            if b.moves_while_counting:
                colors[7] = ORANGE
            rows.append(Row([b.code, texts.bin_state(b.state),
                             b.snapshot_at.astimezone().strftime("%H:%M") if b.snapshot_at else "",
                             login_name(b.counted_by or b.started_by), str(b.lines), qty(b.counted), str(b.recounts),
                             str(b.moves_while_counting or "")], b, colors))
        self.bins_model.set_rows(rows)
        self._fit_once(self.bins_view)
        self.unknown_list.clear()
        for u in unknown:
            self.unknown_list.addItem(f"{u.code}   {u.bin_code or ''}   {login_name(u.scanned_by)}   "
                                      f"{u.scanned_at.astimezone().strftime('%H:%M:%S')}")
        self.tabs.setTabText(2, self.tr("Unknown barcodes (%1)").replace("%1", str(len(unknown))))
        if self.tabs.currentIndex() == 1:
            self.load_variance()

    def load_variance(self) -> ops.Job | None:
        """The differences of the selected count, off the GUI thread (a whole warehouse has many lines)."""
        c = self.selected()
        if c is None:
            return None
        self._variance_generation += 1
        generation, sessions = self._variance_generation, self.ctx.sessions

        def work(_ctl: ops.JobControl):
            with sessions() as s:
                try:
                    return generation, stocktake.variance_report(s, c.id)
                except BlindCountError as exc:
                    return generation, exc

        def done(result) -> None:
            gen, report = result
            if gen != self._variance_generation:
                return
            self.report = None if isinstance(report, BlindCountError) else report
            if isinstance(report, BlindCountError):
                self.variance_model.set_rows([])
                self.variance_totals.setText(texts.describe(report))
            else:
                self._show_variance()

        return ops.run_job(work, parent=self, show_progress=False, on_finished=done,
                           on_failed=lambda exc: self.show_message(texts.describe(exc), error=True))

    def _show_variance(self) -> None:
        rep = self.report
        if rep is None:
            return
        rows = []
        for r in rep.rows:
            if self.only_differences.isChecked() and not r.difference:
                continue
            colors = {}
            if r.difference:
                colors = {6: GREEN if r.difference > 0 else RED, 8: GREEN if r.difference > 0 else RED}
            if r.moved_while_counting:
                colors[0] = ORANGE
            rows.append(Row([r.bin_code + (" *" if r.moved_while_counting else ""), r.sku_code,
                             f"{r.sku_name} {r.spec}".strip(), r.lot_no or "", qty(r.expected), qty(r.counted),
                             ("+" if r.difference > 0 else "") + qty(r.difference), format_money(r.unit_cost),
                             ("+" if r.value > 0 else "") + format_money(r.value)], r, colors))
        self.variance_model.set_rows(rows)
        self._fit_once(self.variance_view)
        t = rep.totals
        text = (self.tr("Over %1 (%2) · short %3 (%4) · net %5 · lines with a difference: %6 of %7")
                .replace("%1", qty(t.qty_over)).replace("%2", format_money(t.value_over))
                .replace("%3", qty(t.qty_short)).replace("%4", format_money(t.value_short))
                .replace("%5", format_money(t.net_value)).replace("%6", str(t.lines_with_difference))
                .replace("%7", str(t.lines)))
        if rep.bins_not_counted:
            text += " · " + self.tr("bins not counted yet: %1").replace("%1", str(rep.bins_not_counted))
        self.variance_totals.setText(text)

    def _fit_once(self, view: QTableView) -> None:
        if view in self._unfitted and view.model().rowCount():
            self._unfitted.discard(view)
            view.resizeColumnsToContents()
            most = view.fontMetrics().horizontalAdvance("M") * 30
            for col in range(view.model().columnCount()):
                view.setColumnWidth(col, min(view.columnWidth(col) + 12, most))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------------ count screen and scans
    def open_count_screen(self, bin_id: int | None = None) -> CountScreen | None:
        c = self.selected()
        if c is None or not self.can_count or not can(c.status, "count"):
            return None
        try:
            self.count_screen.open_count(c.id, bin_id)
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
            return None
        self.stack.setCurrentWidget(self.count_page)
        self.count_screen.input.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.count_screen

    def _open_bin(self, index) -> None:
        b = self.bins_model.item(index.row())
        if b is not None:
            self.open_count_screen(b.id)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.reload()
        self.counts_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def handle_scan(self, code: str) -> None:
        """A scan (wedge or serial): counted on the count screen; on the list it opens the selected count."""
        if self.stack.currentWidget() is not self.count_screen and self.open_count_screen() is None:
            self.show_message(self.tr("Scanned %1: open a count that is being counted first.").replace("%1", code),
                              error=True)
            QApplication.beep()
            return
        self.count_screen.handle_scan(code)

    # ------------------------------------------------------------------ planning, closing, posting
    def new_count(self) -> CreateStocktakeDialog | None:
        if not self.can_plan:
            return None
        try:
            dlg = CreateStocktakeDialog(self.ctx, self)
        except Exception as exc:
            ops.show_error(self, exc)
            return None
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.created.connect(self._created)
        dlg.open()
        self.create_dialog = dlg
        return dlg

    def _created(self, st: int) -> None:
        self.open_only.setChecked(True)
        self.reload()
        row = next((i for i, c in enumerate(self.counts) if c.id == st), -1)
        if row >= 0:
            self.counts_view.selectRow(row)
        self.show_message(self.tr("Count %1 is planned: counters can start.").replace("%1", f"ST{st:06d}"))

    def _run(self, action, done_text: str) -> bool:
        c = self.selected()
        if c is None:
            return False
        try:
            with self.ctx.sessions.begin() as s:
                action(s, c.id)
        except Exception as exc:
            self.show_message(texts.describe(exc), error=True)
            return False
        self.show_message(done_text.replace("%1", c.ref))
        self.reload()
        return True

    def close_count(self) -> bool:
        return self._run(stocktake.close_stocktake, self.tr("Counting of %1 is closed: check the differences, "
                                                           "then post."))

    def reopen_count(self) -> bool:
        return self._run(stocktake.reopen_stocktake, self.tr("%1 is open for counting again."))

    def cancel_count(self, confirmed: bool = False) -> QMessageBox | bool:
        c = self.selected()
        if c is None:
            return False
        if not confirmed:
            return self._confirm(self.tr("Cancel count"), self.tr("Cancel %1? What was counted is kept but never "
                                                                  "posted.").replace("%1", c.ref),
                                 lambda: self.cancel_count(True))
        return self._run(stocktake.cancel_stocktake, self.tr("%1 is cancelled."))

    def post_count(self, confirmed: bool = False) -> QMessageBox | ops.Job | None:
        c = self.selected()
        if c is None:
            return None
        if not confirmed:
            return self._confirm(self.tr("Post count"), self.tr("Post %1? Each difference becomes a stocktake move "
                                                                "in the stock ledger; this cannot be undone.")
                                 .replace("%1", c.ref), lambda: self.post_count(True))
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl):
            with sessions.begin() as s:
                return stocktake.post_stocktake(s, c.id)

        def done(adjustments) -> None:
            self.show_message(self.tr("%1 is posted: %2 stock adjustment(s).").replace("%1", c.ref)
                              .replace("%2", str(len(adjustments))))
            self.reload()

        return ops.run_job(work, parent=self, label=self.tr("Posting %1…").replace("%1", c.ref), cancellable=False,
                           on_finished=done, on_failed=lambda exc: self.show_message(texts.describe(exc), error=True))

    def _confirm(self, title: str, text: str, then) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(then)
        box.open()
        return box

    # ------------------------------------------------------------------ exports and the scanner
    def choose_pdf_file(self) -> None:
        self._choose_file("pdf", self.tr("PDF files (*.pdf)"))

    def choose_export_file(self) -> None:
        """File > Export…: the selected count's variance report to Excel."""
        self._choose_file("xlsx", self.tr("Excel files (*.xlsx)"))

    def _choose_file(self, ext: str, filters: str) -> None:
        c = self.selected()
        if c is None:
            return
        path = ask_save_path(self, self.ctx, "stocktake", self.tr("Export the variance report"), f"{c.ref}.{ext}",
                             filters, f".{ext}")
        if path:
            self.export_to(path)

    def export_to(self, path: str | os.PathLike) -> ops.Job | None:
        """The selected count's variance report as .pdf or .xlsx (by the file's extension), off the GUI thread."""
        c = self.selected()
        if c is None:
            return None
        target, sessions = Path(path), self.ctx.sessions
        only = self.only_differences.isChecked()
        lang = str(QApplication.instance().property("erp_language") or "en")
        render = render_stocktake_pdf if target.suffix.lower() == ".pdf" else render_stocktake_xlsx

        def work(_ctl: ops.JobControl) -> Path:
            with sessions() as s:
                data = stocktake.report_data(s, c.id, only_differences=only)
            render(data, target, lang=lang)
            return target

        return ops.run_job(work, parent=self, label=self.tr("Exporting to %1…").replace("%1", target.name),
                           on_finished=lambda p: self.show_message(self.tr("Exported to %1").replace("%1", str(p))),
                           on_failed=lambda exc: self.show_message(texts.describe(exc), error=True))

    def show_scanner_dialog(self) -> QDialog:
        """The scanner's settings: the workstation's Devices dialog when a hub runs the devices."""
        if self.hub is not None:
            from erp_desktop.ui.devices_dialog import DevicesDialog

            dlg: QDialog = DevicesDialog(self.hub, self)
        else:
            dlg = SerialScannerDialog(self.scanner, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _hub_status(self, device: str, state: str, detail: str) -> None:
        if device == "serial_scanner":
            self.scanner_label.setText(self.scanner.describe_state("stopped" if state == "off" else state, detail))

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = user_settings(self.ctx, "stocktake")
        for key, view in (("counts", self.counts_view), ("bins", self.bins_view), ("variance", self.variance_view)):
            state = s.value(f"header/{key}")
            if state is None or not view.horizontalHeader().restoreState(state):
                self._unfitted.add(view)
        self.open_only.setChecked(to_bool(s.value("filter/open_only"), True))
        self.only_differences.setChecked(to_bool(s.value("filter/only_differences"), False))

    def save_settings(self) -> None:
        s = user_settings(self.ctx, "stocktake")
        for key, view in (("counts", self.counts_view), ("bins", self.bins_view), ("variance", self.variance_view)):
            s.setValue(f"header/{key}", view.horizontalHeader().saveState())
        s.setValue("filter/open_only", self.open_only.isChecked())
        s.setValue("filter/only_differences", self.only_differences.isChecked())

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
