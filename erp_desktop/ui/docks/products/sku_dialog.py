"""Create or edit a SKU: validated as you type (pure domain rules), checked against the database on OK."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain import catalog as domain_catalog
from erp_desktop.domain.barcodes import classify
from erp_desktop.domain.errors import ConcurrentChangeError, FieldError, ValidationError
from erp_desktop.services import catalog
from erp_desktop.services.catalog import KitLine, SkuDetail, SkuInput
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.models.sku_table import STATUSES, status_label
from erp_desktop.ui.widgets.money import format_decimal

log = logging.getLogger(__name__)

INVALID_STYLE = "border: 1px solid #c62828; background-color: #ffebee;"
# the units the first migration ships (catalog.unit); one not listed here is kept as it is
UNITS = ("pcs", "box", "set", "pair", "bottle", "bag", "kg", "m")


def unit_label(code: str) -> str:
    labels = {
        "pcs": QCoreApplication.translate("SkuDialog", "piece"),
        "box": QCoreApplication.translate("SkuDialog", "box"),
        "set": QCoreApplication.translate("SkuDialog", "set"),
        "pair": QCoreApplication.translate("SkuDialog", "pair"),
        "bottle": QCoreApplication.translate("SkuDialog", "bottle"),
        "bag": QCoreApplication.translate("SkuDialog", "bag"),
        "kg": QCoreApplication.translate("SkuDialog", "kilogram"),
        "m": QCoreApplication.translate("SkuDialog", "metre"),
    }
    return labels.get(code, code)


def _decimal_text(value: Decimal | None, places: int) -> str:
    return "" if value is None else format_decimal(value, places, group=False)


def _positions(errors: list[FieldError], name: str) -> dict[int, list[str]]:
    """{i: reasons} for errors on `name[i]`."""
    out: dict[int, list[str]] = {}
    for e in errors:
        if e.field.startswith(name + "["):
            try:
                i = int(e.field[len(name) + 1:].split("]", 1)[0])
            except ValueError:
                continue
            out.setdefault(i, []).append(ops.reason_text(e))
    return out


class _EnterAdds(QObject):
    """Enter in the new-barcode field adds the barcode instead of pressing OK (a scanner ends with Enter)."""

    def __init__(self, dialog: SkuDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.KeyPress and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._dialog.barcode_input.text().strip():
                self._dialog.add_barcode()
            return True
        return False


class SkuDialog(QDialog):
    saved = Signal(int, bool)        # sku id, created

    def __init__(self, ctx: AppContext, sku_id: int | None = None, parent: QWidget | None = None,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sku_id = sku_id
        self.version: int | None = None
        self.read_only = read_only
        self.errors: list[FieldError] = []
        self._db_errors: list[FieldError] = []
        self._busy = False
        self.concurrent_box: QMessageBox | None = None
        self.setObjectName("skuDialog")
        self._build()
        if sku_id is not None:
            with ctx.sessions() as s:
                detail = catalog.get_sku(s, sku_id)
            self._fill(detail)
        self._set_title()
        self._connect()
        if read_only:
            for w in self.findChildren(QWidget):
                if isinstance(w, (QLineEdit, QComboBox, QCheckBox, QPushButton, QTableWidget)):
                    w.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self.revalidate()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.code = QLineEdit()
        self.code.setObjectName("sku.code")
        self.name = QLineEdit()
        self.name.setObjectName("sku.name")
        self.product_code = QLineEdit()
        self.product_code.setPlaceholderText(self.tr("same as the SKU code"))
        self.spec = QLineEdit()
        self.spec.setPlaceholderText(self.tr("e.g. black / XL"))
        self.category = QComboBox()
        self.category.addItem(self.tr("(none)"), None)
        try:
            with self.ctx.sessions() as s:
                cats = catalog.list_categories(s)
        except Exception as exc:
            log.warning("cannot load categories: %s", exc)
            cats = []
        for c in sorted(cats, key=lambda c: c.name):
            self.category.addItem(f"{c.name} ({c.code})", c.code)
        self.status = QComboBox()
        for st in STATUSES:
            self.status.addItem(status_label(st), st)
        self.unit = QComboBox()
        for u in UNITS:
            self.unit.addItem(unit_label(u), u)
        self.price = self._number_edit("0.00")
        self.price.setObjectName("sku.price")
        self.cost = self._number_edit("0.00")
        self.weight = self._number_edit("0.000")
        self.length = self._number_edit(self.tr("L"))
        self.width = self._number_edit(self.tr("W"))
        self.height = self._number_edit(self.tr("H"))
        dims = QHBoxLayout()
        dims.setContentsMargins(0, 0, 0, 0)
        for w in (self.length, self.width, self.height):
            dims.addWidget(w)
        dims_box = QWidget()
        dims_box.setLayout(dims)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("SKU code *"), self.code)
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Product code"), self.product_code)
        form.addRow(self.tr("Specification"), self.spec)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Price"), self.price)
        form.addRow(self.tr("Cost"), self.cost)
        form.addRow(self.tr("Weight (kg)"), self.weight)
        form.addRow(self.tr("L × W × H (cm)"), dims_box)

        # barcodes: several per SKU
        self.barcode_input = QLineEdit()
        self.barcode_input.setObjectName("sku.barcode_input")
        self.barcode_input.setPlaceholderText(self.tr("Type or scan a barcode, then Enter"))
        self.barcode_input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.barcode_input.installEventFilter(_EnterAdds(self))
        self.add_barcode_button = QPushButton(self.tr("Add"))
        self.add_barcode_button.setAutoDefault(False)
        self.add_barcode_button.clicked.connect(self.add_barcode)
        self.barcode_list = QListWidget()
        self.barcode_list.setObjectName("sku.barcodes")
        self.remove_barcode_button = QPushButton(self.tr("Remove"))
        self.remove_barcode_button.setAutoDefault(False)
        self.remove_barcode_button.clicked.connect(self.remove_barcode)
        bc_top = QHBoxLayout()
        bc_top.addWidget(self.barcode_input, 1)
        bc_top.addWidget(self.add_barcode_button)
        bc_box = QGroupBox(self.tr("Barcodes"))
        bc_lay = QVBoxLayout(bc_box)
        bc_lay.addLayout(bc_top)
        bc_lay.addWidget(self.barcode_list, 1)
        bc_lay.addWidget(self.remove_barcode_button, 0, Qt.AlignmentFlag.AlignRight)

        # kit components
        self.is_kit = QCheckBox(self.tr("Kit: this SKU is made of other SKUs"))
        self.is_kit.setObjectName("sku.is_kit")
        self.kit_table = QTableWidget(0, 2)
        self.kit_table.setObjectName("sku.kit")
        self.kit_table.setHorizontalHeaderLabels([self.tr("Component SKU code"), self.tr("Quantity")])
        self.kit_table.verticalHeader().setVisible(False)
        self.kit_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.kit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_component_button = QPushButton(self.tr("Add component"))
        self.add_component_button.setAutoDefault(False)
        self.add_component_button.clicked.connect(lambda: self.add_component())
        self.remove_component_button = QPushButton(self.tr("Remove component"))
        self.remove_component_button.setAutoDefault(False)
        self.remove_component_button.clicked.connect(self.remove_component)
        kit_buttons = QHBoxLayout()
        kit_buttons.addStretch(1)
        kit_buttons.addWidget(self.add_component_button)
        kit_buttons.addWidget(self.remove_component_button)
        kit_box = QGroupBox(self.tr("Kit"))
        kit_lay = QVBoxLayout(kit_box)
        kit_lay.addWidget(self.is_kit)
        kit_lay.addWidget(self.kit_table, 1)
        kit_lay.addLayout(kit_buttons)

        right = QVBoxLayout()
        right.addWidget(bc_box, 1)
        right.addWidget(kit_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(right, 2)

        self.error_label = QLabel()
        self.error_label.setObjectName("sku.errors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(columns, 1)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.resize(860, 520)
        self._update_kit_enabled()

        self._widgets = {
            "code": self.code, "name": self.name, "product_code": self.product_code, "spec": self.spec,
            "category_code": self.category, "status": self.status, "unit": self.unit, "price": self.price,
            "cost": self.cost, "weight_kg": self.weight, "length_cm": self.length, "width_cm": self.width,
            "height_cm": self.height, "barcodes": self.barcode_list, "barcode_input": self.barcode_input,
            "kit": self.kit_table,
        }

    def _number_edit(self, placeholder: str) -> QLineEdit:
        e = QLineEdit()
        e.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        e.setPlaceholderText(placeholder)
        return e

    def _connect(self) -> None:
        for e in (self.code, self.name, self.product_code, self.spec, self.price, self.cost, self.weight,
                  self.length, self.width, self.height, self.barcode_input):
            e.textChanged.connect(self._edited)
        for c in (self.category, self.status, self.unit):
            c.currentIndexChanged.connect(self._edited)
        self.is_kit.toggled.connect(self._kit_toggled)
        self.kit_table.itemChanged.connect(self._edited)

    def _set_title(self) -> None:
        if self.sku_id is None:
            self.setWindowTitle(self.tr("New SKU"))
        else:
            self.setWindowTitle(self.tr("SKU %1").replace("%1", self.code.text()))

    # ------------------------------------------------------------------ data in and out
    def _fill(self, d: SkuDetail) -> None:
        self.sku_id, self.version = d.id, d.version
        self.code.setText(d.code)
        self.name.setText(d.name)
        self.product_code.setText(d.product_code if d.product_code != d.code else "")
        self.spec.setText(d.spec)
        i = self.category.findData(d.category_code)
        if i < 0 and d.category_code:
            self.category.addItem(d.category_code, d.category_code)
            i = self.category.count() - 1
        self.category.setCurrentIndex(max(i, 0))
        self.status.setCurrentIndex(max(self.status.findData(d.status), 0))
        i = self.unit.findData(d.unit)
        if i < 0:
            self.unit.addItem(d.unit, d.unit)
            i = self.unit.count() - 1
        self.unit.setCurrentIndex(i)
        self.price.setText(_decimal_text(d.price, 2))
        self.cost.setText(_decimal_text(d.cost, 2))
        self.weight.setText(_decimal_text(d.weight_kg, 3))
        self.length.setText(_decimal_text(d.length_cm, 1))
        self.width.setText(_decimal_text(d.width_cm, 1))
        self.height.setText(_decimal_text(d.height_cm, 1))
        self.barcode_list.clear()
        for b in d.barcodes:
            self.barcode_list.addItem(b)
        self.barcode_input.clear()
        self.kit_table.blockSignals(True)
        self.kit_table.setRowCount(0)
        self.kit_table.blockSignals(False)
        for line in d.kit:
            self.add_component(line.component_code, line.quantity)
        self.is_kit.setChecked(bool(d.kit))
        self._update_kit_enabled()

    def _parse_decimal(self, edit: QLineEdit, field: str, errors: list[FieldError],
                       money: bool = False) -> Decimal | None:
        """What the user typed as a Decimal (never a float); empty is None."""
        text = edit.text().strip()
        if not text:
            return None
        try:
            return domain_catalog.parse_money(text) if money else domain_catalog.parse_quantity(text)
        except domain_catalog.ParseError as exc:
            errors.append(FieldError(field, exc.reason, str(exc)))
            return None

    def barcodes(self) -> list[str]:
        return [self.barcode_list.item(i).text() for i in range(self.barcode_list.count())]

    def _cell(self, r: int, c: int) -> str:
        item = self.kit_table.item(r, c)
        return item.text().strip() if item is not None else ""

    def _kit_rows(self) -> list[int]:
        """Table rows that hold a kit line (blank rows are skipped), in the order of kit[i]."""
        return [r for r in range(self.kit_table.rowCount()) if self._cell(r, 0) or self._cell(r, 1)]

    def kit_lines(self, errors: list[FieldError]) -> tuple[KitLine, ...]:
        if not self.is_kit.isChecked():
            return ()
        lines = []
        for r in self._kit_rows():
            code, qty_text = self._cell(r, 0), self._cell(r, 1)
            try:
                qty = domain_catalog.parse_quantity(qty_text) if qty_text else Decimal("1")
            except domain_catalog.ParseError as exc:
                errors.append(FieldError(f"kit[{len(lines)}]", exc.reason, str(exc)))
                qty = Decimal("1")
            lines.append(KitLine(code, qty))
        return tuple(lines)

    def build_input(self) -> tuple[SkuInput, list[FieldError]]:
        """The command the form describes, and the problems a user can see without the database."""
        errors: list[FieldError] = []
        price = self._parse_decimal(self.price, "price", errors, money=True)
        cost = self._parse_decimal(self.cost, "cost", errors, money=True)
        weight = self._parse_decimal(self.weight, "weight_kg", errors)
        length = self._parse_decimal(self.length, "length_cm", errors)
        width = self._parse_decimal(self.width, "width_cm", errors)
        height = self._parse_decimal(self.height, "height_cm", errors)
        barcodes = self.barcodes()
        pending = self.barcode_input.text().strip()
        if pending:
            _kind, problem = classify(pending)
            if problem is not None:
                errors.append(FieldError("barcode_input", problem.reason, problem.detail))
            elif pending not in barcodes:
                barcodes.append(pending)      # typed but not added yet: it is meant to be saved
        kit = self.kit_lines(errors)
        if self.is_kit.isChecked() and not kit:
            errors.append(FieldError("kit", "required", "a kit needs at least one component"))
        cmd = SkuInput(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            product_code=self.product_code.text().strip() or None,
            spec=self.spec.text().strip(),
            category_code=self.category.currentData(),
            status=self.status.currentData() or "active",
            unit=self.unit.currentData() or "pcs",
            price=price if price is not None else Decimal("0"),
            cost=cost if cost is not None else Decimal("0"),
            weight_kg=weight, length_cm=length, width_cm=width, height_cm=height,
            barcodes=tuple(barcodes), kit=kit, id=self.sku_id, version=self.version,
        )
        known = {(e.field, e.reason) for e in errors}
        for e in domain_catalog.validate_sku_fields(
                code=cmd.code, name=cmd.name, price=cmd.price, cost=cmd.cost, weight_kg=cmd.weight_kg,
                length_cm=cmd.length_cm, width_cm=cmd.width_cm, height_cm=cmd.height_cm, status=cmd.status,
                unit=cmd.unit, barcodes=cmd.barcodes, kit=cmd.kit, product_code=cmd.product_code):
            if (e.field, e.reason) not in known:
                errors.append(e)
        return cmd, errors

    # ------------------------------------------------------------------ validation as you type
    def _edited(self, *_: object) -> None:
        self._db_errors = []           # the database checks are redone on the next OK
        self.revalidate()

    def revalidate(self) -> list[FieldError]:
        _cmd, errors = self.build_input()
        self.errors = errors + [e for e in self._db_errors if e not in errors]
        self._show_errors(self.errors)
        self.ok_button.setEnabled(not self.errors and not self._busy and not self.read_only)
        return self.errors

    def widget_for(self, field: str) -> QWidget | None:
        base = field.split("[", 1)[0].split(".", 1)[0]
        return self._widgets.get(base)

    def _show_errors(self, errors: list[FieldError]) -> None:
        by_widget: dict[QWidget, list[str]] = {}
        lines = []
        for e in errors:
            text = ops.describe_field_error(e) if e.field != "barcode_input" else \
                self.tr("New barcode %1").replace("%1", ops.reason_text(e))
            lines.append(text)
            w = self.widget_for(e.field)
            if w is not None:
                by_widget.setdefault(w, []).append(ops.reason_text(e))
        for w in set(self._widgets.values()):
            problems = by_widget.get(w)
            w.setStyleSheet(INVALID_STYLE if problems else "")
            w.setToolTip("\n".join(problems) if problems else "")
        # a bad barcode in the list (barcodes[i]) or a bad kit line (kit[i]): mark the item itself
        bad_barcodes = _positions(errors, "barcodes")
        for i in range(self.barcode_list.count()):
            item = self.barcode_list.item(i)
            item.setForeground(Qt.GlobalColor.red if i in bad_barcodes else self.palette().text().color())
            item.setToolTip("\n".join(bad_barcodes.get(i, [])))
        bad_lines = _positions(errors, "kit")
        self.kit_table.blockSignals(True)
        for r, line in enumerate(self._kit_rows()):
            for c in range(2):
                item = self.kit_table.item(line, c)
                if item is not None:
                    item.setForeground(Qt.GlobalColor.red if r in bad_lines else self.palette().text().color())
                    item.setToolTip("\n".join(bad_lines.get(r, [])))
        self.kit_table.blockSignals(False)
        self.error_label.setText("\n".join(f"• {line}" for line in lines))

    # ------------------------------------------------------------------ barcodes and kit editing
    def add_barcode(self) -> bool:
        code = self.barcode_input.text().strip()
        if not code:
            return False
        _kind, problem = classify(code)
        if problem is not None:
            self.revalidate()
            return False
        if code not in self.barcodes():
            self.barcode_list.addItem(QListWidgetItem(code))
        self.barcode_input.clear()       # revalidates
        return True

    def remove_barcode(self) -> None:
        for item in self.barcode_list.selectedItems():
            self.barcode_list.takeItem(self.barcode_list.row(item))
        self.revalidate()

    def add_component(self, code: str = "", quantity: Decimal | None = None) -> None:
        r = self.kit_table.rowCount()
        self.kit_table.blockSignals(True)
        self.kit_table.insertRow(r)
        self.kit_table.setItem(r, 0, QTableWidgetItem(code))
        qty = QTableWidgetItem(format_decimal(quantity, 3, group=False).rstrip("0").rstrip(
            QLocale().decimalPoint()) if quantity is not None else "1")
        qty.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.kit_table.setItem(r, 1, qty)
        self.kit_table.blockSignals(False)
        if not code and self.isVisible():
            self.kit_table.setCurrentCell(r, 0)
            self.kit_table.editItem(self.kit_table.item(r, 0))
        self.revalidate()

    def remove_component(self) -> None:
        rows = sorted({i.row() for i in self.kit_table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.kit_table.removeRow(r)
        self.revalidate()

    def _kit_toggled(self, checked: bool) -> None:
        if checked and self.kit_table.rowCount() == 0:
            self.add_component()
        self._update_kit_enabled()
        self.revalidate()

    def _update_kit_enabled(self) -> None:
        on = self.is_kit.isChecked() and not self.read_only
        for w in (self.kit_table, self.add_component_button, self.remove_component_button):
            w.setEnabled(on)

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        if self.read_only or self._busy:
            return
        cmd, errors = self.build_input()
        if errors:
            self.revalidate()
            return
        self._set_busy(True)
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> int:
            with sessions.begin() as s:
                problems = catalog.validate_sku(s, cmd)
                if problems:
                    raise ValidationError(list(problems))
                return catalog.save_sku(s, cmd)

        self._created = cmd.id is None
        ops.run_job(work, parent=self, show_progress=False, on_finished=self._on_saved,
                    on_failed=self._on_save_failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy and not self.errors and not self.read_only)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _on_saved(self, sku_id: int) -> None:
        self._set_busy(False)
        self.sku_id = sku_id
        self.saved.emit(sku_id, self._created)
        super().accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self._db_errors = list(exc.errors)
            self.revalidate()
            first = self.widget_for(exc.errors[0].field) if exc.errors else None
            if first is not None:
                first.setFocus()
        elif isinstance(exc, ConcurrentChangeError):
            self._offer_reload()
        else:
            ops.show_error(self, exc)

    def _offer_reload(self) -> None:
        title, text = ops.describe_error(ConcurrentChangeError("SKU", self.code.text()))
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("concurrentChange")
        box.setInformativeText(self.tr("Reload shows what is saved now; your changes in this window are "
                                       "discarded. Keep editing to copy them first."))
        self.reload_button = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.reload_button)
        box.finished.connect(lambda _r: self._after_concurrent(box))
        self.concurrent_box = box
        box.open()

    def _after_concurrent(self, box: QMessageBox) -> None:
        if box.clickedButton() is self.reload_button:
            self.reload_from_database()
        self.concurrent_box = None
        box.deleteLater()

    def reload_from_database(self) -> None:
        if self.sku_id is None:
            return
        try:
            with self.ctx.sessions() as s:
                detail = catalog.get_sku(s, self.sku_id)
        except Exception as exc:
            ops.show_error(self, exc)
            return
        self._db_errors = []
        self._fill(detail)
        self._set_title()
        self.revalidate()
