"""The Carriers tab: per carrier the tracking numbers left in its pool and the label layout it
prints with; numbers imported into a pool (a carrier's file or a range, off the GUI thread,
with a summary of what was added, already there or refused); the sender printed on labels.
Layouts and the sender are the administrators' to set (the database refuses others)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.devices.labels import LAYOUTS
from erp_desktop.domain import documents as d
from erp_desktop.services import fulfilment
from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.fulfilment import TrackingImport
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import add_action
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.dialogs import TrackingImportDialog, read_numbers
from erp_desktop.ui.docks.fulfilment.table import GREY, RED, Column, Table
from erp_desktop.ui.docks.fulfilment.texts import when

if TYPE_CHECKING:
    from erp_desktop.ui.docks.fulfilment.dock import FulfilmentDock

translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")
LOW_POOL = 100          # a pool with fewer numbers left is shown in red


def layout_label(name: str) -> str:
    lay = LAYOUTS.get(name)
    return f"{name} ({lay.size.replace('x', ' × ')} mm)" if lay is not None else name


def layout_fits(c: fa.CarrierRow) -> bool:
    lay = LAYOUTS.get(c.label_layout)
    return lay is not None and lay.size == c.label_size


def carrier_layout(c: fa.CarrierRow) -> str:
    """The layout, and the carrier's label size when the layout is drawn for another one."""
    if layout_fits(c):
        return layout_label(c.label_layout)
    return translate("fulfilment", "%1 — does not fit its %2 mm labels").replace("%1", layout_label(c.label_layout)) \
        .replace("%2", c.label_size.replace("x", " × "))


def carrier_columns() -> tuple[Column, ...]:
    return (
        Column(translate("fulfilment", "Code"), lambda c: c.code, width=5),
        Column(translate("fulfilment", "Carrier"), lambda c: c.name, width=8),
        Column(translate("fulfilment", "Active", "carrier in use"),
               lambda c: translate("fulfilment", "yes") if c.active else translate("fulfilment", "no"), width=3),
        Column(translate("fulfilment", "Numbers left"), lambda c: c.pool_left, numeric=True, width=5),
        Column(translate("fulfilment", "Label layout"), lambda c: c.label_layout, carrier_layout, width=10),
        Column(translate("fulfilment", "Last import"), lambda c: c.last_import_at, lambda c: when(c.last_import_at),
               width=8),
    )


class CarriersTab(QWidget):
    def __init__(self, dock: FulfilmentDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.ctx = dock.ctx
        ident = self.ctx.identity
        self.can_import = ident.can("warehouse") or ident.can("warehouse_lead") or ident.can("sales")
        self.can_admin = ident.can("admin")
        self.carriers: list[fa.CarrierRow] = []
        self.dialog: QWidget | None = None
        self._build()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.import_action = add_action(self, self.tr("&Import tracking numbers…"), "Ctrl+I", self.open_import,
                                        self.tr("Add a carrier's numbers to its pool: a file or a range (Ctrl+I)"))
        self.refresh_action = add_action(self, self.tr("Re&fresh"), QKeySequence.StandardKey.Refresh, self.reload,
                                         self.tr("Load the carriers again (F5)"))
        self.import_action.setVisible(self.can_import)
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.refresh_action)
        lay.addWidget(self.toolbar)
        self.table = Table("fulfilment.carriers", carrier_columns(), self)
        self.table.activated.connect(lambda _i: self.open_import() if self.can_import else None)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        lay.addWidget(self.table, 1)

        below = QHBoxLayout()
        box = QGroupBox(self.tr("Label layout of the selected carrier"))
        form = QVBoxLayout(box)
        row = QHBoxLayout()
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("fulfilment.label_layout")
        for name in sorted(LAYOUTS):
            self.layout_combo.addItem(layout_label(name), name)
        self.save_layout_button = QPushButton(self.tr("Save layout"))
        self.save_layout_button.clicked.connect(lambda: self.save_layout())
        row.addWidget(self.layout_combo, 1)
        row.addWidget(self.save_layout_button)
        form.addLayout(row)
        hint = QLabel(self.tr("The label size follows the layout: 100 × 150 mm, or 100 × 180 mm for the "
                              "e-waybill (电子面单)."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        form.addWidget(hint)
        form.addStretch(1)
        below.addWidget(box, 1)

        sender = QGroupBox(self.tr("Sender printed on the labels"))
        sform = QFormLayout(sender)
        self.sender_name = QLineEdit()
        self.sender_name.setObjectName("fulfilment.sender_name")
        self.sender_phone = QLineEdit()
        self.sender_address = QLineEdit()
        self.sender_postal = QLineEdit()
        self.save_sender_button = QPushButton(self.tr("Save sender"))
        self.save_sender_button.clicked.connect(lambda: self.save_sender())
        sform.addRow(self.tr("Name:"), self.sender_name)
        sform.addRow(self.tr("Phone:"), self.sender_phone)
        sform.addRow(self.tr("Address:"), self.sender_address)
        sform.addRow(self.tr("Postal code:"), self.sender_postal)
        sform.addRow("", self.save_sender_button)
        below.addWidget(sender, 2)
        lay.addLayout(below)
        for w in (self.layout_combo, self.save_layout_button, self.sender_name, self.sender_phone,
                  self.sender_address, self.sender_postal, self.save_sender_button):
            w.setEnabled(self.can_admin)
        if not self.can_admin:
            tip = self.tr("Administrators set the label layouts and the sender.")
            box.setToolTip(tip)
            sender.setToolTip(tip)

    def reload(self) -> None:
        try:
            with self.ctx.sessions() as s:
                self.carriers = fa.list_carrier_rows(s)
                party = fulfilment.sender_party(s, None)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return
        self.table.set_items(self.carriers, self._colors, keep=lambda c: c.id)
        if self.table.current_item() is None and self.carriers:
            self.table.selectRow(0)
        for edit, value in ((self.sender_name, party.name), (self.sender_phone, party.phone),
                            (self.sender_address, party.address), (self.sender_postal, party.postal_code)):
            if not edit.isModified():
                edit.setText(value)
        self._show_current()

    @staticmethod
    def _colors(c: fa.CarrierRow) -> dict:
        colors = {} if c.active else {1: GREY}
        if c.active and c.pool_left < LOW_POOL:
            colors[3] = RED
        if not layout_fits(c):
            colors[4] = RED
        return colors

    def current(self) -> fa.CarrierRow | None:
        return self.table.current_item()

    def select_carrier(self, carrier_id: int) -> bool:
        return self.table.select_where(lambda c: c.id == carrier_id) > 0

    def _show_current(self) -> None:
        c = self.current()
        self.import_action.setEnabled(self.can_import and c is not None)
        if c is not None:
            self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(c.label_layout)))

    # ------------------------------------------------------------------ tracking numbers
    def open_import(self) -> TrackingImportDialog | None:
        c = self.current()
        if c is None or not self.can_import:
            return None
        dlg = TrackingImportDialog(self.ctx, c, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.import_numbers(c, *dlg.choice()))
        self.dialog = dlg
        dlg.open()
        return dlg

    def import_numbers(self, carrier: fa.CarrierRow, path: Path | None, number_range: str | None) -> ops.Job:
        """A file's numbers or a range into the carrier's pool, off the GUI thread."""
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> tuple[TrackingImport, int]:
            numbers = read_numbers(path) if path is not None else None
            with sessions.begin() as s:
                result = fulfilment.import_tracking_numbers(s, carrier.id, numbers, number_range=number_range,
                                                            file_name=path.name if path is not None else None)
                return result, fulfilment.pool_left(s, carrier.id)

        return ops.run_job(work, parent=self, label=self.tr("Importing tracking numbers…"), cancellable=False,
                           on_finished=lambda r: self._imported(carrier, *r),
                           on_failed=lambda exc: self.dock.show_message(texts.describe(exc), error=True))

    def _imported(self, carrier: fa.CarrierRow, result: TrackingImport, left: int) -> None:
        self.dock.last_result = result
        self.reload()
        text = (self.tr("%1: %2 number(s) added, %3 already in the pool; %4 left in the pool.")
                .replace("%1", carrier.name).replace("%2", str(result.imported))
                .replace("%3", str(result.duplicates)).replace("%4", str(left)))
        if result.rejected:
            shown = ", ".join(result.rejected[:5]) + (" …" if len(result.rejected) > 5 else "")
            text += " " + self.tr("%1 line(s) refused (not tracking numbers): %2").replace(
                "%1", str(len(result.rejected))).replace("%2", shown)
        self.dock.show_message(text, warning=bool(result.rejected))

    # ------------------------------------------------------------------ layout and sender
    def save_layout(self) -> bool:
        c = self.current()
        name = self.layout_combo.currentData()
        if c is None or not self.can_admin or name is None:
            return False
        try:
            with self.ctx.sessions.begin() as s:
                fa.set_label_layout(s, c.id, name)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return False
        self.reload()
        self.dock.show_message(self.tr("%1 prints its labels with the layout %2.").replace("%1", c.name)
                               .replace("%2", layout_label(name)))
        return True

    def save_sender(self) -> bool:
        if not self.can_admin:
            return False
        party = d.Party(self.sender_name.text().strip(), self.sender_phone.text().strip(),
                        self.sender_address.text().strip(), self.sender_postal.text().strip())
        try:
            with self.ctx.sessions.begin() as s:
                fulfilment.save_sender(s, party)
        except Exception as exc:
            self.dock.show_message(texts.describe(exc), error=True)
            return False
        for edit in (self.sender_name, self.sender_phone, self.sender_address, self.sender_postal):
            edit.setModified(False)
        self.dock.show_message(self.tr("The sender on the labels is saved."))
        return True
