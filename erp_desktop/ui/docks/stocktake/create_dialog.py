"""Plan a count: the warehouse, what to count (everything, chosen bins, a category, a cycle-count
list of SKUs such as the A-class SKUs that are due), blind or not."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.services import catalog, stocktake
from erp_desktop.services.session import AppContext
from erp_desktop.ui.docks.stocktake import texts
from erp_desktop.ui.widgets.money import format_money


class CreateStocktakeDialog(QDialog):
    created = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("stocktake.create_dialog")
        self.setWindowTitle(self.tr("New count"))
        self.resize(560, 520)
        with ctx.sessions() as s:
            self._warehouses = stocktake.warehouses(s)
            self._categories = catalog.list_categories(s)

        form = QFormLayout()
        self.warehouse = QComboBox()
        for w in self._warehouses:
            self.warehouse.addItem(f"{w.code}  {w.name}", w.id)
        self.warehouse.currentIndexChanged.connect(self._load_bins)
        form.addRow(self.tr("Warehouse:"), self.warehouse)

        scope_box = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for i, key in enumerate(("warehouse", "bins", "category", "skus")):
            b = QRadioButton(texts.scope(key))
            self.scope_group.addButton(b, i)
            self.scope_buttons[key] = b
            scope_box.addWidget(b)
        self.scope_buttons["warehouse"].setChecked(True)
        form.addRow(self.tr("Count:"), scope_box)

        # what each scope needs
        self.pages = QStackedWidget()
        self.pages.addWidget(QLabel(self.tr("Every bin of the warehouse is counted.")))
        self.bins = QListWidget()
        self.bins.setObjectName("stocktake.create.bins")
        self.pages.addWidget(self.bins)
        self.category = QComboBox()
        for c in sorted(self._categories, key=lambda c: c.name):
            self.category.addItem(c.name, c.id)
        cat_page = QWidget()
        cat_lay = QVBoxLayout(cat_page)
        cat_lay.addWidget(self.category)
        cat_lay.addWidget(QLabel(self.tr("Its subcategories are counted too, in every bin that holds them.")))
        cat_lay.addStretch(1)
        self.pages.addWidget(cat_page)
        sku_page = QWidget()
        sku_lay = QVBoxLayout(sku_page)
        self.a_class_button = QPushButton(self.tr("A-class SKUs due"))
        self.a_class_button.setToolTip(self.tr("The SKUs making up 80% of the value shipped from this warehouse in "
                                               "the last 90 days, not counted in the last 30 days"))
        self.a_class_button.clicked.connect(self.fill_a_class)
        self.sku_codes = QPlainTextEdit()
        self.sku_codes.setObjectName("stocktake.create.skus")
        self.sku_codes.setPlaceholderText(self.tr("SKU codes or barcodes, one per line"))
        self.sku_hint = QLabel()
        self.sku_hint.setWordWrap(True)
        sku_lay.addWidget(self.a_class_button)
        sku_lay.addWidget(self.sku_codes, 1)
        sku_lay.addWidget(self.sku_hint)
        self.pages.addWidget(sku_page)
        self.scope_group.idClicked.connect(self.pages.setCurrentIndex)

        self.blind = QCheckBox(self.tr("Blind count: counters do not see the expected quantities"))
        self.note = QLineEdit()
        self.message = QLabel()
        self.message.setObjectName("stocktake.create.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.blind)
        note_row = QFormLayout()
        note_row.addRow(self.tr("Note:"), self.note)
        lay.addLayout(note_row)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self._load_bins()

    def scope(self) -> str:
        return next(k for k, b in self.scope_buttons.items() if b.isChecked())

    def set_scope(self, key: str) -> None:
        self.scope_buttons[key].setChecked(True)
        self.pages.setCurrentIndex(list(self.scope_buttons).index(key))

    def _load_bins(self) -> None:
        self.bins.clear()
        wh = self.warehouse.currentData()
        if wh is None:
            return
        with self.ctx.sessions() as s:
            places = stocktake.bins_of(s, wh)
        for p in places:
            item = QListWidgetItem(p.code)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.bins.addItem(item)

    def check_bins(self, codes: set[str]) -> None:
        for i in range(self.bins.count()):
            item = self.bins.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in codes else Qt.CheckState.Unchecked)

    def chosen_bins(self) -> list[int]:
        return [self.bins.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.bins.count())
                if self.bins.item(i).checkState() == Qt.CheckState.Checked]

    def fill_a_class(self) -> None:
        wh = self.warehouse.currentData()
        if wh is None:
            return
        with self.ctx.sessions() as s:
            due = stocktake.a_class_skus_due(s, wh)
        self.sku_codes.setPlainText("\n".join(c.code for c in due))
        if due:
            total = sum((c.shipped_value for c in due), start=due[0].shipped_value * 0)
            self.sku_hint.setText(self.tr("%1 A-class SKUs due, shipped value %2 in 90 days")
                                  .replace("%1", str(len(due))).replace("%2", format_money(total)))
        else:
            self.sku_hint.setText(self.tr("No A-class SKU is due: nothing shipped in 90 days, or all were counted "
                                          "in the last 30 days."))

    def _sku_ids(self) -> tuple[list[int], list[str]]:
        ids, unknown = [], []
        with self.ctx.sessions() as s:
            for line in self.sku_codes.toPlainText().splitlines():
                code = line.strip()
                if not code:
                    continue
                sku = catalog.find_sku_by_barcode(s, code)
                if sku is None:
                    unknown.append(code)
                elif sku not in ids:
                    ids.append(sku)
        return ids, unknown

    def create(self) -> int | None:
        wh = self.warehouse.currentData()
        if wh is None:
            self.message.setText(self.tr("There is no warehouse to count."))
            return None
        scope = self.scope()
        kw: dict = {"blind": self.blind.isChecked(), "note": self.note.text().strip() or None}
        if scope == "bins":
            kw["location_ids"] = self.chosen_bins()
            if not kw["location_ids"]:
                self.message.setText(self.tr("Tick the bins to count."))
                return None
        elif scope == "category":
            kw["category_id"] = self.category.currentData()
            if kw["category_id"] is None:
                self.message.setText(self.tr("Choose a category."))
                return None
        elif scope == "skus":
            kw["sku_ids"], unknown = self._sku_ids()
            if unknown:
                self.message.setText(self.tr("Unknown SKU codes or barcodes: %1").replace("%1", ", ".join(unknown)))
                return None
            if not kw["sku_ids"]:
                self.message.setText(self.tr("List the SKUs to count, or take the A-class SKUs that are due."))
                return None
        try:
            with self.ctx.sessions.begin() as s:
                st = stocktake.create_stocktake(s, wh, scope, **kw)
        except Exception as exc:
            self.message.setText(texts.describe(exc))
            return None
        self.created.emit(st)
        self.accept()
        return st
