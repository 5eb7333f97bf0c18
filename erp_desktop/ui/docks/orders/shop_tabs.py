"""Two pages of the shops dialog: what the shop publishes of our stock (its default rule and the
per-SKU rules, a preview of what each shop would publish of a SKU, the stock file of a shop
without an API) and the shop's SKU mapping (its SKU or outer code -> ours, how many of ours).

Writes run off the GUI thread (services/shop_settings); what is wrong is said next to the form in
words, an unknown SKU code by name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.errors import FieldError, ValidationError
from erp_desktop.services import channel_sync, shop_settings
from erp_desktop.services.catalog_queries import find_sku_by_barcode
from erp_desktop.services.session import AppContext
from erp_desktop.services.shop_settings import PublishRule, ShopSettings, SkuMapping
from erp_desktop.ui import ops
from erp_desktop.ui.docks.common import last_dir, remember_dir
from erp_desktop.ui.widgets.money import format_qty

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828"
OK_STYLE = "color: #2e7d32"
SETTINGS = "orders"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
translate = QCoreApplication.translate      # lupdate finds translate("ShopTexts", "...")


def field_error_text(err: FieldError, labels: dict[str, str]) -> str:
    """One field error of the shop settings as a sentence, the field by its label."""
    reasons = {
        "required": translate("ShopTexts", "is needed"),
        "unknown_sku": translate("ShopTexts", "names no SKU of ours (no SKU has the code or barcode “%1”)"),
        "not_positive": translate("ShopTexts", "must be more than zero"),
        "not_a_number": translate("ShopTexts", "is not a number"),
        "negative": translate("ShopTexts", "may not be negative"),
        "above_all": translate("ShopTexts", "cannot be more than 100 %"),
        "not_whole": translate("ShopTexts", "must be a whole number"),
        "not_a_url": translate("ShopTexts", "is not a web address (https://…)"),
        "out_of_range": translate("ShopTexts", "must be from 1 to 1440 minutes"),
        "duplicate": translate("ShopTexts", "is used by another shop"),
        "whitespace": translate("ShopTexts", "may not contain spaces"),
        "invalid_choice": translate("ShopTexts", "is not one of the choices"),
        "no_api": translate("ShopTexts", "has no API"),
    }
    words = reasons.get(err.reason, err.detail or err.reason).replace("%1", err.detail)
    return translate("ShopTexts", "%1 %2", "a field, then what is wrong with it") \
        .replace("%1", labels.get(err.field, err.field)).replace("%2", words)


def mode_label(mode: str) -> str:
    labels = {"ratio": translate("ShopTexts", "A share of what is available"),
              "fixed": translate("ShopTexts", "A fixed quantity"),
              "buffer": translate("ShopTexts", "All but a buffer"),
              "none": translate("ShopTexts", "Nothing (not sold)")}
    return labels.get(mode, mode)


def rule_value_text(mode: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    if mode == "ratio":
        return f"{format_qty(value * 100)} %"
    return "" if mode == "none" else format_qty(value)


def _table(headers: Sequence[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if j in right:
                item.setTextAlignment(_RIGHT)
            table.setItem(i, j, item)
    for j in range(table.columnCount() - 1):
        table.horizontalHeader().setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)


class _Page(QWidget):
    """What both pages share: the shop shown, a message line, jobs that say their failure."""

    changed = Signal()

    def __init__(self, ctx: AppContext, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = editable
        self.shop: ShopSettings | None = None
        self.job: ops.Job | None = None
        self.labels: dict[str, str] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def run(self, work: Callable[[Any], Any], done: Callable[[Any], None]) -> ops.Job:
        sessions = self.ctx.sessions

        def job(_ctl: ops.JobControl) -> Any:
            with sessions.begin() as s:
                return work(s)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.say("\n".join(field_error_text(e, self.labels) for e in exc.errors), error=True)
            else:
                self.say(ops.describe_error(exc)[1], error=True)

        self.job = ops.run_job(job, parent=self, show_progress=False, on_finished=done, on_failed=failed)
        return self.job


class PublishingPage(_Page):
    def __init__(self, ctx: AppContext, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, editable, parent)
        self.rules: list[PublishRule] = []
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("What the shop may sell of each SKU: a share of its available-to-sell, a fixed "
                              "quantity, or all of it but a buffer. The shops together are never offered more "
                              "than there is."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.table = _table([self.tr("SKU"), self.tr("Publishes"), self.tr("Value")])
        self.table.setObjectName("shops.publish.rules")
        self.table.itemSelectionChanged.connect(self._row_chosen)
        lay.addWidget(self.table, 1)
        form = QHBoxLayout()
        self.sku = QLineEdit()
        self.sku.setObjectName("shops.publish.sku")
        self.sku.setPlaceholderText(self.tr("SKU code (empty: every SKU)"))
        self.sku.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.sku.placeholderText()) + 16)
        self.mode = QComboBox()
        self.mode.setObjectName("shops.publish.mode")
        for m in shop_settings.MODES:
            self.mode.addItem(mode_label(m), m)
        self.value = QDoubleSpinBox()
        self.value.setObjectName("shops.publish.value")
        self.value.setRange(0, 1_000_000_000)
        self.value.setAlignment(_RIGHT)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("shops.publish.save")
        self.delete_button = QPushButton(self.tr("Delete"))
        for w in (self.sku, self.mode, self.value):
            form.addWidget(w)
        form.addWidget(self.save_button)
        form.addWidget(self.delete_button)
        lay.addLayout(form)
        lay.addWidget(self.message)
        preview = QHBoxLayout()
        preview.addWidget(QLabel(self.tr("What each shop would publish of")))
        self.preview_sku = QLineEdit()
        self.preview_sku.setObjectName("shops.publish.previewSku")
        self.preview_sku.setPlaceholderText(self.tr("SKU code"))
        self.preview_button = QPushButton(self.tr("Show"))
        preview.addWidget(self.preview_sku, 1)
        preview.addWidget(self.preview_button)
        lay.addLayout(preview)
        self.preview = _table([self.tr("Shop"), self.tr("Publishes"), self.tr("May sell"), self.tr("Available")])
        self.preview.setObjectName("shops.publish.preview")
        self.preview.setMaximumHeight(self.fontMetrics().height() * 8)
        lay.addWidget(self.preview)
        file_row = QHBoxLayout()
        self.file_hint = QLabel()
        self.file_hint.setWordWrap(True)
        self.file_button = QPushButton(self.tr("Write stock file…"))
        self.file_button.setObjectName("shops.stockFile")
        file_row.addWidget(self.file_hint, 1)
        file_row.addWidget(self.file_button)
        lay.addLayout(file_row)
        self.labels = {"value": self.tr("The value"), "mode": self.tr("The rule"), "sku_code": self.tr("The SKU")}
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.save_button.clicked.connect(lambda: self.save())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.preview_button.clicked.connect(lambda: self.show_preview(self.preview_sku.text()))
        self.preview_sku.returnPressed.connect(lambda: self.show_preview(self.preview_sku.text()))
        self.file_button.clicked.connect(self.choose_stock_file)
        for w in (self.sku, self.mode, self.value, self.save_button, self.delete_button):
            w.setEnabled(editable)
        self._mode_changed()

    def set_shop(self, shop: ShopSettings | None) -> None:
        self.shop = shop
        self.message.clear()
        self.preview.setRowCount(0)
        api = shop is not None and shop.has_api
        self.file_hint.setText(self.tr("The platform is told of stock changes through its API.") if api else
                               self.tr("This shop has no API: upload a stock file with the platform's bulk tool."))
        self.file_button.setEnabled(shop is not None and not api and self.editable)
        self.table.clearSelection()
        self.reload()
        if self.table.rowCount():
            self.table.selectRow(0)             # the shop's default in the form

    def reload(self) -> None:
        self.rules = []
        if self.shop is not None:
            try:
                with self.ctx.sessions() as s:
                    self.rules = shop_settings.list_publish_rules(s, self.shop.id)
            except Exception as exc:
                self.say(ops.describe_error(exc)[1], error=True)
        ratio = self.shop.stock_ratio if self.shop is not None else Decimal(1)
        rows = [[f"{p.sku_code} · {p.sku_name}" if p.sku_id else self.tr("Every SKU (the shop's default)"),
                 mode_label(p.mode), rule_value_text(p.mode, p.value)] for p in self.rules]
        if not any(p.sku_id is None for p in self.rules):
            rows.insert(0, [self.tr("Every SKU (the shop's default)"), mode_label("ratio"),
                            rule_value_text("ratio", ratio)])
        _fill(self.table, rows, right=(2,))

    def _mode_changed(self, *_: object) -> None:
        mode = self.mode.currentData()
        self.value.setEnabled(self.editable and mode != "none")
        if mode == "ratio":
            self.value.setDecimals(1)
            self.value.setRange(0, 100)
            self.value.setSuffix(" %")
        else:
            self.value.setDecimals(0)
            self.value.setRange(0, 1_000_000_000)
            self.value.setSuffix("")

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        i = rows[0].row() - (0 if any(p.sku_id is None for p in self.rules) else 1)
        rule = self.rules[i] if 0 <= i < len(self.rules) else None
        self.sku.setText(rule.sku_code if rule is not None else "")
        self.mode.setCurrentIndex(self.mode.findData(rule.mode if rule is not None else "ratio"))
        value = rule.value if rule is not None else (self.shop.stock_ratio if self.shop else Decimal(1))
        self.value.setValue(float(value * 100 if self.mode.currentData() == "ratio" else value))

    def rule_value(self) -> Decimal:
        value = Decimal(str(round(self.value.value(), 4)))
        return (value / 100).quantize(Decimal("0.0001")) if self.mode.currentData() == "ratio" else value

    def _sku_id(self, s: Any, code: str) -> int | None:
        if not code.strip():
            return None
        sku = find_sku_by_barcode(s, code)
        if sku is None:
            raise ValidationError([FieldError("sku_code", "unknown_sku", code.strip())])
        return sku

    def save(self) -> ops.Job | None:
        if self.shop is None or not self.editable:
            return None
        shop_id, code, mode, value = self.shop.id, self.sku.text(), str(self.mode.currentData()), self.rule_value()

        def work(s: Any) -> None:
            shop_settings.save_publish_rule(s, shop_id, self._sku_id(s, code), mode, value)

        def done(_r: object) -> None:
            self.reload()
            self.say(self.tr("Saved; the shops' figures are recomputed and sent."))
            self.changed.emit()

        return self.run(work, done)

    def delete(self) -> ops.Job | None:
        if self.shop is None or not self.editable:
            return None
        shop_id, code = self.shop.id, self.sku.text()

        def work(s: Any) -> bool:
            return shop_settings.delete_publish_rule(s, shop_id, self._sku_id(s, code))

        def done(gone: bool) -> None:
            self.reload()
            self.say(self.tr("Rule deleted.") if gone else self.tr("There was no such rule."), error=not gone)

        return self.run(work, done)

    def show_preview(self, code: str) -> None:
        try:
            with self.ctx.sessions.begin() as s:
                sku = self._sku_id(s, code)
                rows = shop_settings.publish_preview(s, sku) if sku is not None else []
        except ValidationError as exc:
            self.say("\n".join(field_error_text(e, self.labels) for e in exc.errors), error=True)
            return
        except Exception as exc:
            self.say(ops.describe_error(exc)[1], error=True)
            return
        _fill(self.preview, [[p.shop, self._rule_words(p.rule, p.rule_value), str(p.quantity), str(p.available)]
                             for p in rows], right=(2, 3))
        if not rows:
            self.say(self.tr("No shop sells this SKU (map it to a shop's SKU first)."), error=True)

    @staticmethod
    def _rule_words(mode: str, value: Decimal | None) -> str:
        """A shop without a rule publishes its stock ratio of what is available."""
        mode = mode or "ratio"
        return f"{mode_label(mode)} {rule_value_text(mode, value)}".strip()

    def choose_stock_file(self) -> None:
        if self.shop is None:
            return
        start = str(Path(last_dir(self.ctx, SETTINGS)) / f"stock_{self.shop.code}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write stock file"), start,
                                              self.tr("CSV files (*.csv)"))
        if path:
            remember_dir(self.ctx, SETTINGS, path)
            self.write_stock_file(path)

    def write_stock_file(self, path: str | Path) -> ops.Job | None:
        """The shop's quantities, computed afresh, as the platform's bulk stock file."""
        if self.shop is None:
            return None
        shop_id, target = self.shop.id, Path(path)

        def work(s: Any) -> int:
            shop_settings.publish_shop(s, shop_id)
            return channel_sync.write_stock_file(s, shop_id, target)

        return self.run(work, lambda n: self.say(self.tr("%1 SKUs written to %2").replace("%1", str(n))
                                                 .replace("%2", str(target))))


class MappingPage(_Page):
    def __init__(self, ctx: AppContext, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, editable, parent)
        self.rows: list[SkuMapping] = []
        self.editing: str | None = None            # the platform SKU of the row being edited
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("The shop's SKU or outer code (商家编码) → our SKU or kit, and how many of ours one "
                              "of theirs is. Orders use it from their import on; open orders waiting on it are "
                              "fixed when it is saved."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.search = QLineEdit()
        self.search.setObjectName("shops.map.search")
        self.search.setPlaceholderText(self.tr("Search either code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.reload())
        lay.addWidget(self.search)
        self.table = _table([self.tr("Shop's SKU"), self.tr("Our SKU"), self.tr("Name"), self.tr("Ours per unit")])
        self.table.setObjectName("shops.map.table")
        self.table.itemSelectionChanged.connect(self._row_chosen)
        lay.addWidget(self.table, 1)
        form = QHBoxLayout()
        self.platform_sku = QLineEdit()
        self.platform_sku.setObjectName("shops.map.platformSku")
        self.platform_sku.setPlaceholderText(self.tr("Shop's SKU"))
        self.sku_code = QLineEdit()
        self.sku_code.setObjectName("shops.map.skuCode")
        self.sku_code.setPlaceholderText(self.tr("Our SKU code or barcode"))
        self.quantity = QLineEdit("1")
        self.quantity.setObjectName("shops.map.quantity")
        self.quantity.setAlignment(_RIGHT)
        self.quantity.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("shops.map.save")
        self.delete_button = QPushButton(self.tr("Delete"))
        for w in (self.platform_sku, self.sku_code, self.quantity, self.new_button, self.save_button,
                  self.delete_button):
            form.addWidget(w)
        lay.addLayout(form)
        lay.addWidget(self.message)
        self.labels = {"platform_sku": self.tr("The shop's SKU"), "sku_code": self.tr("Our SKU"),
                       "quantity": self.tr("The quantity")}
        self.new_button.clicked.connect(self.new_row)
        self.save_button.clicked.connect(lambda: self.save())
        self.delete_button.clicked.connect(lambda: self.delete())
        for w in (self.platform_sku, self.sku_code, self.quantity, self.new_button, self.save_button,
                  self.delete_button):
            w.setEnabled(editable)

    def set_shop(self, shop: ShopSettings | None) -> None:
        self.shop = shop
        self.message.clear()
        self.new_row()
        self.reload()

    def reload(self) -> None:
        self.rows = []
        if self.shop is not None:
            try:
                with self.ctx.sessions() as s:
                    self.rows = shop_settings.list_sku_map(s, self.shop.id, self.search.text())
            except Exception as exc:
                self.say(ops.describe_error(exc)[1], error=True)
        _fill(self.table, [[m.platform_sku, m.sku_code, m.sku_name, format_qty(m.quantity)] for m in self.rows],
              right=(3,))

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return
        m = self.rows[rows[0].row()]
        self.editing = m.platform_sku
        self.platform_sku.setText(m.platform_sku)
        self.sku_code.setText(m.sku_code)
        self.quantity.setText(format_qty(m.quantity))

    def new_row(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for e in (self.platform_sku, self.sku_code):
            e.clear()
        self.quantity.setText("1")

    def save(self) -> ops.Job | None:
        if self.shop is None or not self.editable:
            return None
        shop_id, replacing = self.shop.id, self.editing
        platform_sku, code, qty = self.platform_sku.text(), self.sku_code.text(), self.quantity.text().strip()

        def work(s: Any) -> tuple[int, ...]:
            return shop_settings.save_sku_mapping(s, shop_id, platform_sku, code, qty or "0", replacing=replacing)

        def done(fixed: tuple[int, ...]) -> None:
            self.reload()
            self.new_row()
            text = self.tr("Mapping saved.")
            if fixed:
                text += " " + self.tr("%n open order(s) fixed.", "", len(fixed))
            self.say(text)
            self.changed.emit()

        return self.run(work, done)

    def delete(self) -> ops.Job | None:
        if self.shop is None or not self.editable or not self.platform_sku.text().strip():
            return None
        shop_id, platform_sku = self.shop.id, self.platform_sku.text().strip()

        def done(gone: bool) -> None:
            self.reload()
            self.new_row()
            self.say(self.tr("Mapping deleted.") if gone else self.tr("There was no such mapping."), error=not gone)

        return self.run(lambda s: shop_settings.delete_sku_mapping(s, shop_id, platform_sku), done)
