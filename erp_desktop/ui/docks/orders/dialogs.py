"""Orders dialogs: the reason asked before holding or cancelling, importing a platform's order
export (files dropped or chosen, the format detected, parsed and imported as one job), the
column mapping of any other order list, and the summary every import ends with.

An import runs off the GUI thread in one transaction: a cancel rolls it back whole.  Rejected
rows never stop the good ones; the summary lists each with its file, row, column and reason.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.channels import files as order_files
from erp_desktop.channels.files.generic import FIELD_LABELS, REQUIRED, ColumnMapping, suggest_mapping
from erp_desktop.channels.tabular import TableError, read_headers
from erp_desktop.domain.orders import ParsedOrders, RejectedRow
from erp_desktop.services import order_import
from erp_desktop.services.order_lookup import ShopInfo
from erp_desktop.services.orders import ImportSummary
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import last_dir, remember_dir
from erp_desktop.ui.docks.orders.texts import chinese, field_label, platform_label, reason_sentence, reason_text
from erp_desktop.ui.settings import user_settings

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828"
WARNING_STYLE = "color: #e65100"
FILE_SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")
SETTINGS = "orders"


def order_files_in(paths: Sequence[str | Path]) -> list[Path]:
    """The paths that may be order exports (by their suffix)."""
    return [Path(p) for p in paths if Path(p).suffix.lower() in FILE_SUFFIXES]


# ------------------------------------------------------------------------------------------------
# a reason before holding or cancelling
# ------------------------------------------------------------------------------------------------

class ReasonDialog(QDialog):
    """Asks why: one of the usual reasons (stored as its code, said in words) or the user's own."""

    def __init__(self, title: str, question: str, reasons: Sequence[tuple[str, str]],
                 parent: QWidget | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orders.reasonDialog")
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.combo = QComboBox()
        self.combo.setObjectName("orders.reason")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(28)
        for code, text in reasons:
            self.combo.addItem(text, code)
        self.combo.setCurrentIndex(-1)
        self.combo.lineEdit().setPlaceholderText(self.tr("Choose or type a reason"))
        lay.addWidget(self.combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.combo.currentTextChanged.connect(self._update)
        self._update()

    def reason(self) -> str:
        """The code of a reason chosen from the list, else the words typed."""
        text = self.combo.currentText().strip()
        i = self.combo.findText(text)
        if i >= 0 and self.combo.itemData(i):
            return str(self.combo.itemData(i))
        return text

    def set_reason(self, text: str) -> None:
        self.combo.setEditText(text)

    def _update(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.combo.currentText().strip()))


# ------------------------------------------------------------------------------------------------
# the column mapping of a file no platform format reads
# ------------------------------------------------------------------------------------------------

def _field_name(key: str) -> str:
    en, zh = FIELD_LABELS[key]
    return zh if chinese() else en


class ColumnMappingDialog(QDialog):
    """Our fields, each with the file's column that holds it (pre-filled by a guess)."""

    def __init__(self, headers: Sequence[str], mapping: ColumnMapping | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orders.mappingDialog")
        self.setWindowTitle(self.tr("Columns of the file"))
        self.headers = list(headers)
        guess = mapping if mapping is not None else suggest_mapping(self.headers)
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("Choose the column of the file for each field. Fields marked * are needed; "
                              "the choice is remembered for the shop."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        body = QWidget()
        form = QFormLayout(body)
        required = {f for group in REQUIRED for f in group}
        self.combos: dict[str, QComboBox] = {}
        for key in FIELD_LABELS:
            combo = QComboBox()
            combo.setObjectName(f"orders.mapping.{key}")
            combo.addItem(self.tr("— not in the file —"), "")
            for h in self.headers:
                combo.addItem(h, h)
            combo.setCurrentIndex(max(combo.findData(guess.fields.get(key, "")), 0))
            combo.currentIndexChanged.connect(self._update)
            self.combos[key] = combo
            form.addRow(_field_name(key) + (" *" if key in required else ""), combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        lay.addWidget(scroll, 1)
        self.missing = QLabel()
        self.missing.setObjectName("orders.mapping.missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.missing)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 34, self.fontMetrics().height() * 30)
        self._update()

    def mapping(self) -> ColumnMapping:
        return ColumnMapping({k: c.currentData() for k, c in self.combos.items() if c.currentData()})

    def _update(self, *_: object) -> None:
        missing = self.mapping().missing()
        words = [" / ".join(_field_name(f) for f in group.split("|")) for group in missing]
        self.missing.setText(self.tr("Still needed: %1").replace("%1", ", ".join(words)) if words else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)


def saved_mapping(ctx: AppContext, shop_id: int, shop_code: str) -> ColumnMapping | None:
    """The shop's column mapping as saved with the shop (every user, the CLI), else as this user
    once kept it on this PC."""
    try:
        with ctx.sessions() as s:
            data = order_import.column_mapping(s, shop_id)
    except Exception as exc:        # a role that may not read the shop's settings: this PC's copy
        log.info("cannot read the shop's column mapping: %s", exc)
        data = None
    if data is None:
        data = user_settings(ctx, SETTINGS).value(f"mapping/{shop_code}")
    if not isinstance(data, dict) or not data:
        return None
    try:
        return ColumnMapping.from_json({str(k): str(v) for k, v in data.items()})
    except ValueError:
        return None


def save_mapping(ctx: AppContext, shop_id: int, shop_code: str, mapping: ColumnMapping) -> None:
    user_settings(ctx, SETTINGS).setValue(f"mapping/{shop_code}", mapping.to_json())
    try:
        with ctx.sessions.begin() as s:
            order_import.save_column_mapping(s, shop_id, mapping.to_json())
    except Exception as exc:        # kept on this PC at least; the database said why not
        log.info("cannot save the shop's column mapping: %s", exc)


# ------------------------------------------------------------------------------------------------
# importing files
# ------------------------------------------------------------------------------------------------

class _FileList(QListWidget):
    """The files to import; files dropped on it join the list."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class ImportDialog(QDialog):
    """Choose the shop and the export file(s); the platform's format is detected from the headers
    (else the columns are mapped once per shop); Import parses and imports them as one job."""

    imported = Signal(object)            # ImportSummary

    def __init__(self, ctx: AppContext, shops: Sequence[ShopInfo], parent: QWidget | None = None,
                 paths: Sequence[str | Path] = (), shop_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shops = list(shops)
        self.paths: list[Path] = []
        self.detected: str | None = None
        self.mapping: ColumnMapping | None = None
        self.headers: tuple[str, ...] = ()
        self.job: ops.Job | None = None
        self.summary: ImportSummary | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.setObjectName("orders.importDialog")
        self.setWindowTitle(self.tr("Import orders"))
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.shop = QComboBox()
        self.shop.setObjectName("orders.import.shop")
        for s in self.shops:
            if s.active:
                self.shop.addItem(f"{s.name} · {platform_label(s.platform_name, s.platform_name_zh)}", s.id)
        if shop_id is not None:
            self.shop.setCurrentIndex(max(self.shop.findData(shop_id), 0))
        form.addRow(self.tr("Shop"), self.shop)
        lay.addLayout(form)
        hint = QLabel(self.tr("Drop the order export here, or choose the file(s). Taobao and Tmall export two "
                              "files (the order report and the item report): import both at once."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.files = _FileList()
        self.files.setObjectName("orders.import.files")
        self.files.setMinimumHeight(self.fontMetrics().height() * 5)
        lay.addWidget(self.files, 1)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose files…"))
        self.choose_button.setObjectName("orders.import.choose")
        self.clear_button = QPushButton(self.tr("Clear"))
        self.map_button = QPushButton(self.tr("Columns…"))
        self.map_button.setObjectName("orders.import.map")
        self.map_button.setToolTip(self.tr("Choose which column of the file holds which field"))
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.map_button)
        lay.addLayout(row)
        self.format_label = QLabel()
        self.format_label.setObjectName("orders.import.format")
        self.format_label.setWordWrap(True)
        lay.addWidget(self.format_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("orders.import.run")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.choose_button.clicked.connect(self.choose_files)
        self.clear_button.clicked.connect(lambda: self.set_paths([]))
        self.map_button.clicked.connect(self.edit_mapping)
        self.files.dropped.connect(self.add_paths)
        self.shop.currentIndexChanged.connect(lambda _i: self._detect())
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.fontMetrics().height() * 20)
        self.set_paths(paths)

    # ------------------------------------------------------------------ files
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Order export files"), last_dir(self.ctx, SETTINGS),
                                                self.tr("Order exports (*.csv *.xlsx *.txt *.tsv);;All files (*)"))
        if paths:
            remember_dir(self.ctx, SETTINGS, paths[0])
            self.add_paths(paths)

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        self.set_paths(self.paths + [p for p in order_files_in(paths) if p not in self.paths])

    def set_paths(self, paths: Sequence[str | Path]) -> None:
        self.paths = order_files_in(paths)
        self.files.clear()
        for p in self.paths:
            self.files.addItem(p.name)
            self.files.item(self.files.count() - 1).setToolTip(str(p))
        self._detect()

    def shop_info(self) -> ShopInfo | None:
        sid = self.shop.currentData()
        return next((s for s in self.shops if s.id == sid), None)

    def _detect(self) -> None:
        """Which platform's export the files are; else the shop's saved column mapping, or a guess."""
        shop = self.shop_info()
        self.detected, self.mapping, self.headers = None, None, ()
        self.format_label.setStyleSheet("")
        if not self.paths or shop is None:
            self.format_label.setText(self.tr("No file chosen yet.") if shop is not None
                                      else self.tr("There is no shop to import into: add one first."))
            self.map_button.setEnabled(False)
            self.import_button.setEnabled(False)
            return
        try:
            self.detected = order_files.detect_format(self.paths)
        except Exception as exc:                # a file that cannot be read at all
            log.info("cannot detect the order file format: %s", exc)
        if self.detected is not None:
            platform = self._platform(shop)
            name = next((platform_label(s.platform_name, s.platform_name_zh) for s in self.shops
                         if s.platform == platform), platform)
            text = self.tr("Detected: %1 order export").replace("%1", name)
            if platform != shop.platform:
                text += " — " + self.tr("but the shop is on %1: check the shop").replace(
                    "%1", platform_label(shop.platform_name, shop.platform_name_zh))
                self.format_label.setStyleSheet(WARNING_STYLE)
            self.format_label.setText(text)
            self.map_button.setEnabled(False)
            self.import_button.setEnabled(True)
            return
        try:
            _, self.headers = read_headers(self.paths[0])
        except TableError as exc:
            self.format_label.setStyleSheet(ERROR_STYLE)
            self.format_label.setText(f"{self.paths[0].name}: {reason_text(exc.reason)}")
            self.map_button.setEnabled(False)
            self.import_button.setEnabled(False)
            return
        self.mapping = saved_mapping(self.ctx, shop.id, shop.code) or suggest_mapping(self.headers)
        self.map_button.setEnabled(True)
        self._show_mapping_state()

    def _platform(self, shop: ShopInfo) -> str:
        """Taobao and Tmall write the same export: the shop says which."""
        if self.detected == "taobao" and shop.platform in ("taobao", "tmall"):
            return shop.platform
        return self.detected or shop.platform

    def _show_mapping_state(self) -> None:
        missing = self.mapping.missing() if self.mapping is not None else ["order_no"]
        if missing:
            self.format_label.setStyleSheet(WARNING_STYLE)
            self.format_label.setText(self.tr("Not a platform export we know: choose its columns (Columns…)."))
        else:
            self.format_label.setStyleSheet("")
            self.format_label.setText(self.tr("Not a platform export we know: read with the columns chosen "
                                              "(%1 fields).").replace("%1", str(len(self.mapping.fields))))
        self.import_button.setEnabled(not missing)

    def edit_mapping(self) -> None:
        self.edit_mapping_dialog()

    def edit_mapping_dialog(self) -> ColumnMappingDialog | None:
        """The column mapping dialog (window-modal); OK keeps the mapping for the shop."""
        if not self.headers:
            return None
        dlg = ColumnMappingDialog(self.headers, self.mapping, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._mapping_chosen(dlg.mapping()))
        self.mapping_dialog = dlg
        dlg.open()
        return dlg

    def _mapping_chosen(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        shop = self.shop_info()
        if shop is not None:
            save_mapping(self.ctx, shop.id, shop.code, mapping)
        self._show_mapping_state()

    # ------------------------------------------------------------------ importing
    def run_import(self) -> ops.Job | None:
        shop = self.shop_info()
        if shop is None or not self.paths or (self.detected is None and self.mapping is None):
            return None
        platform = self._platform(shop)
        mapping = None if self.detected is not None else self.mapping
        paths, sessions = list(self.paths), self.ctx.sessions
        names = ", ".join(p.name for p in paths)

        def work(ctl: ops.JobControl) -> ImportSummary:
            try:
                parsed = order_files.parse_order_files(platform, paths, mapping)
            except TableError as exc:
                parsed = ParsedOrders(rejected=[RejectedRow(exc.row, exc.field, exc.reason, exc.detail,
                                                            file=paths[0].name)])
            ctl.check()
            with sessions() as s, s.begin():
                # the review rules run on what came in, as for pulls and the command line
                summary, _reviewed = order_import.import_parsed(s, shop.id, parsed, file_name=names[:200])
                ctl.check()               # cancelled: leaving the block rolls it all back
            return summary

        self.import_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, label=self.tr("Importing %1…").replace("%1", names),
                               on_finished=self._finished, on_failed=self._failed)
        self.job.cancelled.connect(lambda: self.import_button.setEnabled(True))
        return self.job

    def _finished(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.imported.emit(summary)
        self.summary_dialog = ImportSummaryDialog(summary, self.parentWidget())
        self.summary_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary_dialog.open()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        ops.show_error(self, exc)


class ImportSummaryDialog(QDialog):
    """New, updated, unchanged, not paid yet, rejected; and each rejected row: file, row, column, reason."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orders.importSummary")
        self.setWindowTitle(self.tr("Import finished"))
        loc = QLocale()
        lay = QVBoxLayout(self)
        self.counts = QLabel(
            self.tr("New: %1    Updated: %2    Unchanged: %3    Not paid yet: %4    Rejected: %5")
            .replace("%1", loc.toString(summary.created)).replace("%2", loc.toString(summary.updated))
            .replace("%3", loc.toString(summary.unchanged)).replace("%4", loc.toString(summary.skipped))
            .replace("%5", loc.toString(summary.rejected)))
        self.counts.setObjectName("orders.importSummary.counts")
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.counts)
        errors = list(summary.errors)
        with_file = any(e.file for e in errors)
        headers: list[tuple[str, Any]] = [("row", self.tr("Row")), ("field", self.tr("Column")),
                                          ("reason", self.tr("Reason")), ("order_no", self.tr("Order number")),
                                          ("detail", self.tr("Details"))]
        if with_file:
            headers.insert(0, ("file", self.tr("File")))
        self.table = QTableWidget(len(errors), len(headers))
        self.table.setObjectName("orders.importSummary.rejected")
        self.table.setHorizontalHeaderLabels([h for _, h in headers])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for i, e in enumerate(errors):
            for j, (key, _) in enumerate(headers):
                if key == "row":
                    item = QTableWidgetItem()
                    item.setData(Qt.ItemDataRole.DisplayRole, e.row)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif key == "field":
                    item = QTableWidgetItem(field_label(e.field))
                elif key == "reason":
                    item = QTableWidgetItem(reason_sentence(e.reason))
                else:
                    item = QTableWidgetItem(str(getattr(e, key)))
                    item.setToolTip(item.text())
                self.table.setItem(i, j, item)
        header = self.table.horizontalHeader()
        for j in range(len(headers) - 1):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        if errors:
            hint = QLabel(self.tr("These rows were not imported. Correct them in the file and import it again: "
                                  "orders already imported are updated, never duplicated."))
            hint.setWordWrap(True)
            lay.addWidget(hint)
            lay.addWidget(self.table, 1)
        else:
            self.table.hide()
            lay.addWidget(QLabel(self.tr("Every row was imported.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 60, self.fontMetrics().height() * (24 if errors else 6))

    def rejected_rows(self) -> list[list[str]]:
        """The rejected rows as shown (for tests and copying)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
