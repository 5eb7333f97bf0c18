"""The drill-down under the Stock list: where the selected SKU x warehouse lies (bins and lots)
and the SKU's move history (who, when, what, why, which document), newest first, paged lazily."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import order_queries
from erp_desktop.services import stock_queries as sq
from erp_desktop.services.order_queries import PublishedRow
from erp_desktop.services.stock_queries import MoveRow, StockRow
from erp_desktop.ui.docks.stock.texts import location_kind_label, move_kind_label, reason_label
from erp_desktop.ui.models.stock_table import EXPIRED_TEXT
from erp_desktop.ui.widgets.money import format_qty

log = logging.getLogger(__name__)
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value

MOVE_COLUMNS = (
    ("moved_at", "When"),
    ("kind", "What"),
    ("quantity", "Quantity"),
    ("from", "From"),
    ("to", "To"),
    ("lot", "Lot"),
    ("reason", "Why"),
    ("document", "Document"),
    ("user", "Who"),
)


def _move_header(key: str) -> str:
    labels = {
        "moved_at": QCoreApplication.translate("MoveTableModel", "When"),
        "kind": QCoreApplication.translate("MoveTableModel", "What"),
        "quantity": QCoreApplication.translate("MoveTableModel", "Quantity"),
        "from": QCoreApplication.translate("MoveTableModel", "From"),
        "to": QCoreApplication.translate("MoveTableModel", "To"),
        "lot": QCoreApplication.translate("MoveTableModel", "Lot"),
        "reason": QCoreApplication.translate("MoveTableModel", "Why"),
        "document": QCoreApplication.translate("MoveTableModel", "Document"),
        "user": QCoreApplication.translate("MoveTableModel", "Who"),
    }
    return labels[key]


def _place(warehouse: str | None, location: str | None) -> str:
    if location is None:
        return ""
    return f"{warehouse}/{location}" if warehouse else location


class MoveTableModel(QAbstractTableModel):
    """The moves of one SKU (in one warehouse, or all), newest first, keyset pages of 100."""

    load_failed = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], parent=None, page_size: int = 100) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.page_size = page_size
        self._rows: list[MoveRow] = []
        self._sku_id: int | None = None
        self._warehouse_id: int | None = None
        self._at_end = True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MOVE_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(MOVE_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _move_header(MOVE_COLUMNS[section][0])
            if role == Qt.ItemDataRole.TextAlignmentRole and MOVE_COLUMNS[section][0] == "quantity":
                return _RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        m = self._rows[index.row()]
        key = MOVE_COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(m, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "quantity":
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and key == "quantity" and m.delta is not None and m.delta < 0:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "reason" and m.note:
                return m.note
            if key == "user":
                return m.created_by
        return None

    def display(self, m: MoveRow, key: str) -> str:
        if key == "moved_at":
            return QLocale().toString(m.moved_at.astimezone(), QLocale.FormatType.ShortFormat)
        if key == "kind":
            return move_kind_label(m.kind)
        if key == "quantity":
            if m.delta is None:
                return format_qty(m.quantity)
            if m.delta == 0:
                return "±" + format_qty(m.quantity)   # within the warehouse, or into its transit
            return ("+" if m.delta > 0 else "") + format_qty(Decimal(m.delta))
        if key == "from":
            return _place(m.from_warehouse, m.from_location)
        if key == "to":
            return _place(m.to_warehouse, m.to_location)
        if key == "lot":
            return m.lot_no or ""
        if key == "reason":
            text = reason_label(code=m.reason, name=m.reason_name, name_zh=m.reason_name_zh) if m.reason else ""
            if m.note:
                text = f"{text} · {m.note}" if text else m.note
            return text
        if key == "document":
            return m.doc_ref or (f"{m.doc_type} {m.doc_id}" if m.doc_id is not None else "")
        if key == "user":
            return m.user
        return ""

    def move_at(self, row: int) -> MoveRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def show(self, sku_id: int | None, warehouse_id: int | None) -> None:
        self._sku_id, self._warehouse_id = sku_id, warehouse_id
        self.reload()

    def reload(self) -> None:
        rows: list[MoveRow] = []
        if self._sku_id is not None:
            try:
                with self._sessions() as s:
                    rows = sq.list_moves(s, self._sku_id, self._warehouse_id, limit=self.page_size)
            except Exception as exc:
                self.load_failed.emit(exc)
        self.beginResetModel()
        self._rows = rows
        self._at_end = len(rows) < self.page_size
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end and self._sku_id is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        try:
            with self._sessions() as s:
                page = sq.list_moves(s, self._sku_id, self._warehouse_id, after=sq.move_sort_key(self._rows[-1]),
                                     limit=self.page_size)
        except Exception as exc:
            self._at_end = True
            self.load_failed.emit(exc)
            return
        self._at_end = len(page) < self.page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()


class StockDetail(QWidget):
    """Bins and lots of the selected row, and its SKU's moves."""

    failed = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.row: StockRow | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("stock.detail.title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.all_warehouses = QCheckBox(self.tr("Moves of all warehouses"))
        self.all_warehouses.setObjectName("stock.detail.allWarehouses")
        head.addWidget(self.title, 1)
        head.addWidget(self.all_warehouses)
        lay.addLayout(head)
        self.tabs = QTabWidget()
        self.quants = QTableWidget(0, 6)
        self.quants.setObjectName("stock.detail.quants")
        self.quants.setHorizontalHeaderLabels([self.tr("Location"), self.tr("Lot"), self.tr("Expires"),
                                               self.tr("Received"), self.tr("Quantity"), self.tr("Supplier")])
        self.moves_model = MoveTableModel(sessions, self)
        self.moves = QTableView()
        self.moves.setObjectName("stock.detail.moves")
        self.moves.setModel(self.moves_model)
        for view in (self.quants, self.moves):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for col, width in enumerate((12, 8, 6, 13, 13, 7, 14, 12, 8)):
            self.moves.setColumnWidth(col, width * em)
        for col, width in enumerate((12, 10, 8, 8, 7, 12)):
            self.quants.setColumnWidth(col, width * em)
        self.published = QTableWidget(0, 6)
        self.published.setObjectName("stock.detail.published")
        self.published.setHorizontalHeaderLabels([self.tr("Shop"), self.tr("Rule"), self.tr("May sell"),
                                                  self.tr("Shop was told"), self.tr("Told at"), self.tr("Error")])
        self.published.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.published.verticalHeader().setVisible(False)
        self.published.horizontalHeader().setStretchLastSection(True)
        self._fitted: set[str] = set()
        self.tabs.addTab(self.quants, self.tr("Bins and lots"))
        self.tabs.addTab(self.moves, self.tr("Moves"))
        self.tabs.addTab(self.published, self.tr("Published to shops"))
        lay.addWidget(self.tabs, 1)
        self.all_warehouses.toggled.connect(lambda _on: self._load_moves())
        self.moves_model.load_failed.connect(self.failed)

    def show_row(self, row: StockRow | None) -> None:
        self.row = row
        if row is None:
            self.title.clear()
        else:
            self.title.setText(f"<b>{row.code}</b> {row.name} {row.spec} · {row.warehouse_name}".strip())
        self.refresh()

    def refresh(self) -> None:
        self._load_quants()
        self._load_moves()
        self._load_published()

    def _rule_text(self, p: PublishedRow) -> str:
        value = p.rule_value
        if p.rule == "fixed":
            return self.tr("fixed %1").replace("%1", format_qty(value))
        if p.rule == "buffer":
            return self.tr("all but %1").replace("%1", format_qty(value))
        if p.rule == "none":
            return self.tr("not sold")
        return self.tr("%1 % of available").replace("%1", format_qty((value or 0) * 100))

    def _load_published(self) -> None:
        """Each shop's share of the SKU (sql/0009: never more than its available-to-sell in all)."""
        self.published.setRowCount(0)
        row = self.row
        if row is None:
            return
        try:
            with self._sessions() as s:
                rows = order_queries.published_for_sku(s, row.sku_id)
        except Exception as exc:        # a role that may not read the shops' figures sees none
            log.info("cannot load published stock: %s", exc)
            return
        self.published.setRowCount(len(rows))
        for i, p in enumerate(rows):
            told = "" if p.pushed_quantity is None else str(p.pushed_quantity)
            when = p.pushed_at.astimezone().strftime("%Y-%m-%d %H:%M") if p.pushed_at else ""
            for j, text in enumerate((p.shop, self._rule_text(p), str(p.quantity), told, when, p.push_error or "")):
                item = QTableWidgetItem(text)
                if j in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.published.setItem(i, j, item)
        self._fit_once("published", self.published, len(rows))

    def _load_quants(self) -> None:
        self.quants.setRowCount(0)
        row = self.row
        if row is None:
            return
        try:
            with self._sessions() as s:
                quants = sq.list_quants(s, row.sku_id, row.warehouse_id)
        except Exception as exc:
            log.info("cannot load bins and lots: %s", exc)
            self.failed.emit(exc)
            return
        self.quants.setRowCount(len(quants))
        for i, q in enumerate(quants):
            place = q.location if q.kind == "bin" else f"{q.location} · {location_kind_label(q.kind)}"
            cells = [place, q.lot_no or "", q.expires_on.isoformat() if q.expires_on else "",
                     q.received_on.isoformat() if q.received_on and q.lot_id else "", format_qty(q.quantity),
                     q.supplier or ""]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if q.expired and j in (1, 2):
                    item.setForeground(QBrush(EXPIRED_TEXT))
                    item.setToolTip(self.tr("Expired: not available"))
                self.quants.setItem(i, j, item)
        self._fit_once("quants", self.quants, len(quants))

    def _load_moves(self) -> None:
        row = self.row
        if row is None:
            self.moves_model.show(None, None)
            return
        self.moves_model.show(row.sku_id, None if self.all_warehouses.isChecked() else row.warehouse_id)
        self._fit_once("moves", self.moves, self.moves_model.rowCount())

    def _fit_once(self, name: str, view, rows: int) -> None:
        """The first time the table has rows: columns as wide as what they show (within reason)."""
        if name in self._fitted or rows == 0:
            return
        self._fitted.add(name)
        em = self.fontMetrics().horizontalAdvance("M")
        for col in range(view.model().columnCount() - 1):
            before = view.columnWidth(col)
            view.resizeColumnToContents(col)
            view.setColumnWidth(col, min(max(before, view.columnWidth(col)), 24 * em))
