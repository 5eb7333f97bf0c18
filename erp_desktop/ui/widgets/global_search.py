"""The toolbar's global search (Ctrl+K): SKUs by code, name, barcode or pinyin initials, in a popup."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services import catalog
from erp_desktop.ui.widgets.money import format_money

log = logging.getLogger(__name__)

SKU_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 150


class GlobalSearch(QLineEdit):
    sku_chosen = Signal(int)
    failed = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.setObjectName("globalSearch")
        self.setPlaceholderText(self.tr("Search SKUs: code, name, barcode, pinyin (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(em * 22)
        self.setMaximumWidth(em * 34)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._chosen)
        self.popup = self.completer_.popup()
        self.popup.setObjectName("globalSearch.popup")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._enter)

    def search_now(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        self.results.clear()
        if not text:
            self.popup.hide()
            return
        try:
            with self._sessions() as s:
                rows = catalog.search_skus(s, text, limit=20)
        except Exception as exc:
            self.failed.emit(exc)
            return
        for r in rows:
            label = f"{r.code}    {r.name}" + (f"  ({r.spec})" if r.spec else "") + f"    {format_money(r.price)}"
            item = QStandardItem(label)
            item.setData(r.id, SKU_ID_ROLE)
            item.setToolTip(", ".join(r.barcodes))
            item.setEditable(False)
            self.results.appendRow(item)
        if rows:
            self.completer_.complete(self.rect())
            self.popup.setCurrentIndex(self.results.index(0, 0))
        else:
            item = QStandardItem(self.tr("No SKU found for “%1”").replace("%1", text))
            item.setEnabled(False)
            item.setSelectable(False)
            self.results.appendRow(item)
            self.completer_.complete(self.rect())

    def _enter(self) -> None:
        """Enter: the highlighted result; if a search is pending, search now and take the first."""
        # the completer hands Enter to the line edit before it handles it itself
        if self.popup.isVisible() and not self._timer.isActive():
            current = self.popup.currentIndex()
            if current.isValid() and current.data(SKU_ID_ROLE) is not None:
                self._chosen(current)
                return
        self.search_now()
        first = self.results.index(0, 0)
        if first.isValid() and first.data(SKU_ID_ROLE) is not None:
            self._chosen(first)

    def _chosen(self, index: QModelIndex) -> None:
        sku_id = index.data(SKU_ID_ROLE)
        if sku_id is None:
            return
        self._timer.stop()
        self.popup.hide()
        # the completer is still handling the key or click that chose: change its model afterwards
        QTimer.singleShot(0, self, lambda: self._finish_choice(int(sku_id)))

    def _finish_choice(self, sku_id: int) -> None:
        self.clear()
        self.results.clear()
        self.sku_chosen.emit(sku_id)

    def cancel(self) -> None:
        self._timer.stop()
        self.popup.hide()
