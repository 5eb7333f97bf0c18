"""Admin → Background jobs…: what the clients and workers ran lately (shop pulls, stock pushes,
waiting orders), with each job's state and last error, so a pull that keeps failing (a token
that expired, a shop that moved) is seen by someone instead of only retried."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import jobs
from erp_desktop.ui import ops

LIMIT = 200


class JobsDialog(QDialog):
    COLUMNS = ("kind", "key", "status", "attempts", "run_at", "finished_at", "claimed_by", "last_error")

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.setObjectName("jobsDialog")
        self.setWindowTitle(self.tr("Background jobs"))
        self.resize(980, 480)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("Job"), self.tr("For"), self.tr("State"), self.tr("Tries"), self.tr("Due"),
            self.tr("Finished"), self.tr("Run by"), self.tr("Last error")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Every open client and `erp-desktop worker` run due jobs; each runs once. "
                                     "A failed job is tried again later, its error kept here.")))
        lay.addWidget(self.table)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.refresh()

    def _words(self) -> dict[str, str]:
        return {"pull_orders": self.tr("Pull orders"), "push_stock": self.tr("Push stock"),
                "stock_file": self.tr("Stock file"),
                "retry_waiting": self.tr("Orders waiting for stock"), "queued": self.tr("waiting"),
                "running": self.tr("running"), "done": self.tr("done"), "failed": self.tr("failed")}

    def refresh(self) -> None:
        """The latest jobs (one small indexed query: fine on the GUI thread)."""
        try:
            with self._sessions() as s:
                rows = jobs.recent_jobs(s, LIMIT)
        except Exception as exc:
            self.message.setText(ops.describe_error(exc)[1])
            return
        words = self._words()
        red = QColor("#c62828")
        self.table.setRowCount(len(rows))
        for i, job in enumerate(rows):
            for c, name in enumerate(self.COLUMNS):
                value = job.get(name)
                if isinstance(value, dt.datetime):
                    shown = value.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                elif name in ("kind", "status"):
                    shown = words.get(value, value)
                else:
                    shown = "" if value is None else str(value)
                item = QTableWidgetItem(shown.splitlines()[0] if shown else "")
                if name == "last_error" and value:
                    item.setToolTip(str(value))
                    item.setForeground(red)
                elif name == "status" and value == "failed":
                    item.setForeground(red)
                elif name == "attempts":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        failed = sum(1 for j in rows if j["status"] == "failed")
        self.message.setText(self.tr("%n job(s) gave up after their last try.", "", failed) if failed else "")
