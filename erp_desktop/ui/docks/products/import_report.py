"""What an import did: created / updated / unchanged, and every rejected row with its column and reason."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.errors import FieldError
from erp_desktop.services.catalog import ImportReport
from erp_desktop.ui import ops


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import finished"))
        loc = QLocale()
        self.summary = QLabel(
            self.tr("Created: %1    Updated: %2    Unchanged: %3    Rejected rows: %4")
            .replace("%1", loc.toString(report.created)).replace("%2", loc.toString(report.updated))
            .replace("%3", loc.toString(report.unchanged)).replace("%4", loc.toString(len(report.errors))))
        self.summary.setObjectName("importReport.summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(len(report.errors), 4)
        self.table.setObjectName("importReport.errors")
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem"),
                                              self.tr("Details")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for i, e in enumerate(report.errors):
            row = QTableWidgetItem()
            row.setData(Qt.ItemDataRole.DisplayRole, e.row)
            row.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, row)
            self.table.setItem(i, 1, QTableWidgetItem(e.column))
            problem = ops.reason_text(FieldError(e.column, e.code, e.reason)) if e.code else e.reason
            self.table.setItem(i, 2, QTableWidgetItem(problem))
            detail = QTableWidgetItem(e.reason)       # the service's own words: values, other rows
            detail.setToolTip(e.reason)
            self.table.setItem(i, 3, detail)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)         # by row number first, as in the file

        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        if report.errors:
            hint = QLabel(self.tr("These rows were not imported. Correct them in the file and import it "
                                  "again: rows already imported are not duplicated."))
            hint.setWordWrap(True)
            lay.addWidget(hint)
            lay.addWidget(self.table, 1)
        else:
            self.table.hide()
            lay.addWidget(QLabel(self.tr("Every row was imported.")))
        if report.ignored_columns:
            note = QLabel(self.tr("Columns not used: %1").replace("%1", ", ".join(report.ignored_columns)))
            note.setObjectName("importReport.ignored")
            note.setWordWrap(True)
            lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(760, 440 if report.errors else 160)
