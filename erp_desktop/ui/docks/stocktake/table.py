"""A plain table model for the Stocktake dock's lists (counts, bins, differences, count lines):
rows of display texts, right-aligned number columns, a colour per cell, the row's object."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

RED = QColor("#c62828")
GREEN = QColor("#2e7d32")
ORANGE = QColor("#b26a00")
GREY = QColor("#757575")

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    cells: Sequence[str]
    item: Any = None
    colors: dict[int, QColor] = field(default_factory=dict)
    bold: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], numeric: Sequence[int] = (), parent=None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.numeric = set(numeric)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self.rows[row].item if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col] if col < len(row.cells) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in row.colors:
            return row.colors[col]
        if role == Qt.ItemDataRole.FontRole and row.bold:
            f = QFont()
            f.setBold(True)
            return f
        return None
