"""The small dialogs of the Orders dock's bulk actions: a warehouse, carrier (and service) or
handler to assign; the merge suggestions (groups of one buyer's open orders, each merged with one
click); and the split of an order by hand (each line put in a part).

Merges and splits run off the GUI thread in one transaction each; a refusal (an order shipped
meanwhile, another buyer, a part without lines) is said in words and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import order_merge
from erp_desktop.services import order_queries as oq
from erp_desktop.services.order_merge import MergeGroup, MergeRefusedError
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.model import format_amount
from erp_desktop.ui.docks.orders.texts import merge_refusal_text, status_label
from erp_desktop.ui.widgets.money import format_qty

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def refusal_text(exc: BaseException) -> str:
    """A merge or split refused in words; any other error as ops says it."""
    if isinstance(exc, MergeRefusedError):
        return merge_refusal_text(exc.reason)
    return ops.describe_error(exc)[1]


def _table(headers: Sequence[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 12)
    return t


# ------------------------------------------------------------------------------------------------
# assign a warehouse, carrier or handler
# ------------------------------------------------------------------------------------------------

class AssignDialog(QDialog):
    """One choice (a warehouse, carrier or handler) for the selected orders; a carrier also takes
    its service (标快, 特快 …)."""

    def __init__(self, kind: str, choices: Sequence[tuple[Any, str]], count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"orders.assignDialog.{kind}")
        titles = {"warehouse": self.tr("Assign a warehouse"), "carrier": self.tr("Assign a carrier"),
                  "handler": self.tr("Assign a handler")}
        self.setWindowTitle(titles.get(kind, kind))
        lay = QVBoxLayout(self)
        hint = {"warehouse": self.tr("Ship %n order(s) from this warehouse. Approved orders give back the stock "
                                     "they reserved elsewhere and are reviewed again.", "", count),
                "carrier": self.tr("Ship %n order(s) with this carrier.", "", count),
                "handler": self.tr("Hand %n order(s) to this person.", "", count)}.get(kind, "")
        label = QLabel(hint)
        label.setWordWrap(True)
        lay.addWidget(label)
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("orders.assign.choice")
        self.combo.setMinimumContentsLength(20)
        for key, text in choices:
            self.combo.addItem(text, key)
        self.combo.setCurrentIndex(-1 if len(choices) != 1 else 0)
        form.addRow({"warehouse": self.tr("Warehouse"), "carrier": self.tr("Carrier"),
                     "handler": self.tr("Handler")}.get(kind, kind), self.combo)
        self.service = QLineEdit()
        self.service.setObjectName("orders.assign.service")
        self.service.setPlaceholderText(self.tr("e.g. standard, express (optional)"))
        if kind == "carrier":
            form.addRow(self.tr("Service"), self.service)
        lay.addLayout(form)
        if not choices:
            empty = QLabel(self.tr("There is nothing to choose from yet."))
            empty.setStyleSheet(ERROR_STYLE)
            lay.addWidget(empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Assign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()

    def choose(self, key: Any) -> None:
        self.combo.setCurrentIndex(self.combo.findData(key))

    def choice(self) -> Any:
        return self.combo.currentData()

    def _update(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.choice() is not None)


# ------------------------------------------------------------------------------------------------
# merge suggestions
# ------------------------------------------------------------------------------------------------

class MergeSuggestionsDialog(QDialog):
    """Open orders that could ship as one parcel, a group per row; "Merge" merges the group."""

    merged = Signal(int, object)         # the order that ships them, the ids merged

    def __init__(self, ctx: AppContext, shop_id: int | None = None, parent: QWidget | None = None,
                 *, editable: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shop_id = shop_id
        self.editable = editable
        self.groups: list[MergeGroup] = []
        self.job: ops.Job | None = None
        self.setObjectName("orders.mergeSuggestions")
        self.setWindowTitle(self.tr("Merge suggestions"))
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("Orders of one buyer, to one address, from one shop that are not shipped yet can "
                              "ship as one parcel. The oldest order takes the others' lines and keeps every "
                              "platform order number."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.table = _table([self.tr("Orders"), self.tr("Shop"), self.tr("Receiver"), self.tr("Where"),
                             self.tr("Amount"), ""])
        self.table.setObjectName("orders.mergeSuggestions.table")
        lay.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("orders.mergeSuggestions.message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, self.fontMetrics().height() * 22)
        self.reload()

    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self.groups = order_merge.merge_candidates(s, self.shop_id)
                rows = oq.get_order_rows(s, [i for g in self.groups for i in g.order_ids])
        except Exception as exc:
            self.say(ops.describe_error(exc)[1], error=True)
            self.groups, rows = [], {}
        self.table.setRowCount(len(self.groups))
        for i, g in enumerate(self.groups):
            first = rows.get(g.order_ids[0])
            total = sum((rows[o].paid_amount for o in g.order_ids if o in rows), Decimal(0))
            cells = [" + ".join(g.platform_order_nos), first.shop if first else "",
                     first.receiver_name if first else "",
                     f"{first.province} {first.city}".strip() if first else "",
                     format_amount(total, first.currency) if first is not None else ""]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if j == 4:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(i, j, item)
            button = QPushButton(self.tr("Merge"))
            button.setObjectName(f"orders.mergeSuggestions.merge.{i}")
            button.setEnabled(self.editable)
            button.clicked.connect(lambda _c=False, group=g: self.merge(group))
            self.table.setCellWidget(i, 5, button)
        header = self.table.horizontalHeader()
        for j in range(5):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if not self.groups and not self.message.text():
            self.say(self.tr("No orders to merge now."))

    def merge(self, group: MergeGroup) -> ops.Job | None:
        if not self.editable:
            return None
        sessions, ids = self.ctx.sessions, list(group.order_ids)

        def work(_ctl: ops.JobControl) -> int:
            with sessions.begin() as s:
                return order_merge.merge_orders(s, ids)

        def done(target: int) -> None:
            self.say(self.tr("Merged %1 into one parcel.").replace("%1", " + ".join(group.platform_order_nos)))
            self.merged.emit(target, ids)
            self.reload()

        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=done,
                               on_failed=lambda exc: self.say(refusal_text(exc), error=True))
        return self.job

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)


# ------------------------------------------------------------------------------------------------
# split by hand
# ------------------------------------------------------------------------------------------------

class SplitDialog(QDialog):
    """The order's lines, each with the part it goes to; the first part stays the order, each other
    becomes a new order (numbered <order>-S1 …) that keeps the platform number to confirm."""

    split_done = Signal(object)          # the orders, this one first

    def __init__(self, ctx: AppContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.lines: list[oq.LineInfo] = []
        self.part_spins: list[QSpinBox] = []
        self.job: ops.Job | None = None
        self.result_ids: tuple[int, ...] = ()
        self.setObjectName("orders.splitDialog")
        self.setWindowTitle(self.tr("Split the order"))
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("orders.split.title")
        lay.addWidget(self.title)
        hint = QLabel(self.tr("Put each line in a part. Part 1 stays this order; every other part becomes a new "
                              "order that ships on its own. Reserved stock is given back and the parts are "
                              "reviewed again."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Parts")))
        self.parts = QSpinBox()
        self.parts.setObjectName("orders.split.parts")
        self.parts.setRange(2, 2)
        row.addWidget(self.parts)
        row.addStretch(1)
        lay.addLayout(row)
        self.table = _table([self.tr("Line"), self.tr("SKU"), self.tr("Item"), self.tr("Qty"), self.tr("Amount"),
                             self.tr("Part")])
        self.table.setObjectName("orders.split.lines")
        lay.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setObjectName("orders.split.error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.split_button = self.buttons.addButton(self.tr("Split"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.split_button.setObjectName("orders.split.ok")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.parts.valueChanged.connect(self._parts_changed)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 52, self.fontMetrics().height() * 20)
        self.reload()

    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                detail = oq.order_detail(s, self.order_id)
        except Exception as exc:
            self.error.setText(ops.describe_error(exc)[1])
            detail = None
        if detail is None:
            self.split_button.setEnabled(False)
            return
        self.title.setText(f"<b>{detail.row.platform_order_no}</b> · {detail.row.shop} · "
                           f"{status_label(detail.row.status)}")
        self.lines = list(detail.lines)
        self.parts.setRange(2, max(2, len(self.lines)))
        self.table.setRowCount(len(self.lines))
        self.part_spins = []
        for i, ln in enumerate(self.lines):
            cells = [str(ln.line_no), ln.sku_code or ln.platform_sku, f"{ln.title} {ln.variant}".strip(),
                     format_qty(ln.quantity), format_amount(ln.amount, detail.row.currency)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (0, 3, 4):
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(i, j, item)
            spin = QSpinBox()
            spin.setRange(1, self.parts.value())
            spin.setValue(1 if i == 0 else 2 if i == len(self.lines) - 1 else 1)
            self.table.setCellWidget(i, 5, spin)
            self.part_spins.append(spin)
        header = self.table.horizontalHeader()
        for j in range(5):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(5, self.fontMetrics().horizontalAdvance("M") * 5)
        if len(self.lines) < 2:
            self.error.setText(self.tr("An order with one line cannot be split."))
            self.split_button.setEnabled(False)

    def _parts_changed(self, n: int) -> None:
        for spin in self.part_spins:
            spin.setMaximum(n)

    def set_part(self, line_index: int, part: int) -> None:
        self.part_spins[line_index].setValue(part)

    def chosen_parts(self) -> list[list[int]]:
        parts: list[list[int]] = [[] for _ in range(self.parts.value())]
        for ln, spin in zip(self.lines, self.part_spins, strict=True):
            parts[spin.value() - 1].append(ln.id)
        return parts

    def run(self) -> ops.Job | None:
        parts = self.chosen_parts()
        if any(not p for p in parts):
            self.error.setText(merge_refusal_text("empty_part"))
            return None
        sessions, oid = self.ctx.sessions, self.order_id

        def work(_ctl: ops.JobControl) -> tuple[int, ...]:
            with sessions.begin() as s:
                return order_merge.split_order(s, oid, parts)

        def done(ids: tuple[int, ...]) -> None:
            self.result_ids = tuple(ids)
            self.split_done.emit(self.result_ids)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.split_button.setEnabled(True)
            self.error.setText(refusal_text(exc))

        self.split_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=done, on_failed=failed)
        return self.job
