"""The shops dialog of the Orders dock: the shops (code, name, platform, active), and for the one
chosen its general settings, the API settings of a platform with an API (address, Shopify's
location, minutes between pulls) and its credentials ("Set credentials…": kept in the OS keyring,
never shown again), what it publishes of our stock (shop_tabs.PublishingPage, with the stock file
of a shop without an API) and its SKU mapping (shop_tabs.MappingPage).

The order desk (sales, admin) edits; everybody else sees the settings without being able to
change them, and the database refuses anyway (said in words).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.errors import ValidationError
from erp_desktop.services import order_lookup, shop_settings
from erp_desktop.services.session import AppContext
from erp_desktop.services.shop_settings import ShopSettings
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.shop_tabs import (
    ERROR_STYLE,
    OK_STYLE,
    MappingPage,
    PublishingPage,
    _fill,
    _table,
    field_error_text,
)
from erp_desktop.ui.docks.orders.texts import platform_label

log = logging.getLogger(__name__)


class CredentialsDialog(QDialog):
    """The platform's key(s), typed once: stored in the keyring, never shown again."""

    def __init__(self, shop: ShopSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shops.credentialsDialog")
        self.setWindowTitle(self.tr("Credentials of %1").replace("%1", shop.name))
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("They are kept in this computer's keyring, for this company only, and are never "
                              "shown again. Type them anew to replace them."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        labels = {"access_token": self.tr("Access token"), "consumer_key": self.tr("Consumer key"),
                  "consumer_secret": self.tr("Consumer secret")}
        for key in shop_settings.CREDENTIAL_FIELDS.get(shop.platform, ()):
            e = QLineEdit()
            e.setObjectName(f"shops.credentials.{key}")
            e.setEchoMode(QLineEdit.EchoMode.Password)
            e.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
            self.edits[key] = e
            form.addRow(labels.get(key, key), e)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        for e in self.edits.values():
            e.textChanged.connect(self._update)
        self._update()

    def secret(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.edits.items()}

    def _update(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.edits) and all(self.secret().values()))


class ShopsDialog(QDialog):
    shops_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = editable
        self.shops: list[ShopSettings] = []
        self.platforms: list[order_lookup.PlatformInfo] = []
        self.job: ops.Job | None = None
        self.credentials_dialog: CredentialsDialog | None = None
        self.setObjectName("orders.shopsDialog")
        self.setWindowTitle(self.tr("Shops"))
        lay = QVBoxLayout(self)
        if not editable:
            ro = QLabel(self.tr("You may look at the shops' settings; changing them is for the order desk."))
            ro.setWordWrap(True)
            lay.addWidget(ro)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.table = _table([self.tr("Code"), self.tr("Name"), self.tr("Platform"), self.tr("Active")])
        self.table.setObjectName("shops.list")
        self.table.itemSelectionChanged.connect(self._shop_chosen)
        ll.addWidget(self.table, 1)
        self.new_button = QPushButton(self.tr("New shop"))
        self.new_button.setObjectName("shops.new")
        self.new_button.setEnabled(editable)
        self.new_button.clicked.connect(self.new_shop)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        ll.addLayout(row)
        split.addWidget(left)

        self.pages = QTabWidget()
        self.pages.setObjectName("shops.pages")
        self.pages.addTab(self._general_page(), self.tr("General"))
        self.pages.addTab(self._api_page(), self.tr("API"))
        self.publishing = PublishingPage(ctx, editable)
        self.publishing.setObjectName("shops.publishing")
        self.mapping = MappingPage(ctx, editable)
        self.mapping.setObjectName("shops.mapping")
        self.pages.addTab(self.publishing, self.tr("Stock publishing"))
        self.pages.addTab(self.mapping, self.tr("SKU mapping"))
        split.addWidget(self.pages)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        lay.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 84, self.fontMetrics().height() * 38)
        split.setSizes([em * 28, em * 56])
        self.reload()

    # ------------------------------------------------------------------ pages
    def _general_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setObjectName("shops.code")
        self.name = QLineEdit()
        self.name.setObjectName("shops.name")
        self.platform = QComboBox()
        self.platform.setObjectName("shops.platform")
        self.active = QCheckBox(self.tr("Active: its orders are imported and it is offered stock"))
        self.active.setObjectName("shops.active")
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow("", self.active)
        lay.addLayout(form)
        self.general_save = QPushButton(self.tr("Save"))
        self.general_save.setObjectName("shops.general.save")
        self.general_save.clicked.connect(lambda: self.save_general())
        row = QHBoxLayout()
        row.addWidget(self.general_save)
        row.addStretch(1)
        lay.addLayout(row)
        self.general_message = QLabel()
        self.general_message.setWordWrap(True)
        lay.addWidget(self.general_message)
        lay.addStretch(1)
        for w in (self.code, self.name, self.platform, self.active, self.general_save):
            w.setEnabled(self.editable)
        return page

    def _api_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.api_hint = QLabel()
        self.api_hint.setWordWrap(True)
        lay.addWidget(self.api_hint)
        self.api_form = QWidget()
        form = QFormLayout(self.api_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.api_url = QLineEdit()
        self.api_url.setObjectName("shops.api.url")
        self.api_url.setPlaceholderText("https://example.myshopify.com")
        self.location = QLineEdit()
        self.location.setObjectName("shops.api.location")
        self.location.setToolTip(self.tr("Shopify: the location whose stock the shop sells (empty: the first)"))
        self.pull_every = QSpinBox()
        self.pull_every.setObjectName("shops.api.pullEvery")
        self.pull_every.setRange(1, shop_settings.PULL_EVERY_MAX_MIN)
        self.pull_every.setSuffix(self.tr(" min"))
        form.addRow(self.tr("API address"), self.api_url)
        self.location_label = QLabel(self.tr("Location ID"))
        form.addRow(self.location_label, self.location)
        form.addRow(self.tr("Pull orders every"), self.pull_every)
        self.api_save = QPushButton(self.tr("Save"))
        self.api_save.setObjectName("shops.api.save")
        self.api_save.clicked.connect(lambda: self.save_api())
        self.credentials_state = QLabel()
        self.credentials_state.setObjectName("shops.credentials.state")
        self.credentials_button = QPushButton(self.tr("Set credentials…"))
        self.credentials_button.setObjectName("shops.credentials")
        self.credentials_button.clicked.connect(lambda: self.ask_credentials())
        cred = QHBoxLayout()
        cred.addWidget(self.credentials_state, 1)
        cred.addWidget(self.credentials_button)
        form.addRow(self.tr("Credentials"), cred)
        row = QHBoxLayout()
        row.addWidget(self.api_save)
        row.addStretch(1)
        form.addRow(row)
        lay.addWidget(self.api_form)
        self.api_message = QLabel()
        self.api_message.setWordWrap(True)
        lay.addWidget(self.api_message)
        lay.addStretch(1)
        for w in (self.api_url, self.location, self.pull_every, self.api_save, self.credentials_button):
            w.setEnabled(self.editable)
        return page

    # ------------------------------------------------------------------ loading
    def reload(self, select_id: int | None = None) -> None:
        chosen = select_id if select_id is not None else (self.shop.id if self.shop else None)
        try:
            with self.ctx.sessions() as s:
                self.shops = shop_settings.list_shops(s)
                self.platforms = order_lookup.list_platforms(s)
        except Exception as exc:
            self.shops = []
            self._say(self.general_message, ops.describe_error(exc)[1], error=True)
        self.platform.blockSignals(True)
        self.platform.clear()
        for p in self.platforms:
            self.platform.addItem(platform_label(p.name, p.name_zh), p.code)
        self.platform.blockSignals(False)
        self.table.blockSignals(True)
        _fill(self.table, [[x.code, x.name, platform_label(x.platform_name, x.platform_name_zh),
                            "✓" if x.active else ""] for x in self.shops])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(3, header.ResizeMode.ResizeToContents)
        self.table.blockSignals(False)
        row = next((i for i, x in enumerate(self.shops) if x.id == chosen), 0 if self.shops else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._shop_chosen()

    @property
    def shop(self) -> ShopSettings | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.shops[rows[0].row()] if rows and rows[0].row() < len(self.shops) else None

    def select_shop(self, code: str) -> ShopSettings | None:
        for i, x in enumerate(self.shops):
            if x.code == code:
                self.table.selectRow(i)
                return x
        return None

    def _shop_chosen(self) -> None:
        shop = self.shop
        self.code.setText(shop.code if shop else "")
        self.name.setText(shop.name if shop else "")
        self.platform.setCurrentIndex(self.platform.findData(shop.platform) if shop else -1)
        self.active.setChecked(shop.active if shop else True)
        self.general_message.clear()
        self._show_api(shop)
        self.publishing.set_shop(shop)
        self.mapping.set_shop(shop)
        for i in (1, 2, 3):
            self.pages.setTabEnabled(i, shop is not None)

    def _show_api(self, shop: ShopSettings | None) -> None:
        self.api_message.clear()
        api = shop is not None and shop.has_api
        self.api_form.setVisible(api)
        if not api:
            self.api_hint.setText(self.tr("This platform has no API: its orders come from export files and its "
                                          "stock goes out as a file (Stock publishing)."))
            return
        assert shop is not None
        self.api_hint.setText(self.tr("Orders are pulled from the platform and stock is pushed to it."))
        self.api_url.setText(str(shop.api.get("url", "")))
        self.location.setText(str(shop.api.get("location_id", "")))
        shopify = shop.platform == "shopify"
        self.location.setVisible(shopify)
        self.location_label.setVisible(shopify)
        self.pull_every.setValue(shop.pull_every_min)
        try:
            with self.ctx.sessions() as s:
                stored = shop_settings.has_credentials(s, shop.id)
        except Exception as exc:
            log.info("cannot tell whether credentials are stored: %s", exc)
            stored = False
        self.credentials_state.setText(self.tr("Stored in the keyring") if stored else self.tr("Not set yet"))
        self.credentials_state.setStyleSheet(OK_STYLE if stored else ERROR_STYLE)

    # ------------------------------------------------------------------ writing
    def _say(self, label: QLabel, text: str, error: bool = False) -> None:
        label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        label.setText(text)

    def _run(self, work, done, label: QLabel, labels: dict[str, str]) -> ops.Job:
        sessions = self.ctx.sessions

        def job(_ctl: ops.JobControl) -> Any:
            with sessions.begin() as s:
                return work(s)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self._say(label, "\n".join(field_error_text(e, labels) for e in exc.errors), error=True)
            else:
                self._say(label, ops.describe_error(exc)[1], error=True)

        self.job = ops.run_job(job, parent=self, show_progress=False, on_finished=done, on_failed=failed)
        return self.job

    def new_shop(self) -> None:
        self.table.clearSelection()
        for e in (self.code, self.name):
            e.clear()
        self.active.setChecked(True)
        self.platform.setCurrentIndex(0)
        self.pages.setCurrentIndex(0)
        for i in (1, 2, 3):
            self.pages.setTabEnabled(i, False)
        self.code.setFocus()

    def save_general(self) -> ops.Job | None:
        if not self.editable:
            return None
        shop = self.shop
        shop_id = shop.id if shop else None
        values = {"code": self.code.text(), "name": self.name.text(), "platform": str(self.platform.currentData()),
                  "active": self.active.isChecked()}

        def done(new_id: int) -> None:
            self.reload(select_id=new_id)
            self._say(self.general_message, self.tr("Shop saved."))
            self.shops_changed.emit()

        return self._run(lambda s: shop_settings.save_shop(s, shop_id, **values), done, self.general_message,
                         {"code": self.tr("The code"), "name": self.tr("The name"),
                          "platform": self.tr("The platform")})

    def save_api(self) -> ops.Job | None:
        shop = self.shop
        if not self.editable or shop is None:
            return None
        url, location, every = self.api_url.text(), self.location.text(), self.pull_every.value()

        def done(_settings: object) -> None:
            self.reload(select_id=shop.id)
            self._say(self.api_message, self.tr("API settings saved; orders are pulled every %1 minutes.")
                      .replace("%1", str(every)))
            self.shops_changed.emit()

        return self._run(lambda s: shop_settings.save_api_settings(s, shop.id, url=url, location_id=location,
                                                                   pull_every_min=every),
                         done, self.api_message, {"api.url": self.tr("The API address"),
                                                  "pull_every_min": self.tr("The pull interval")})

    def ask_credentials(self) -> CredentialsDialog | None:
        shop = self.shop
        if not self.editable or shop is None or not shop.has_api:
            return None
        dlg = CredentialsDialog(shop, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.set_credentials(dlg.secret()))
        self.credentials_dialog = dlg
        dlg.open()
        return dlg

    def set_credentials(self, secret: dict[str, str]) -> ops.Job | None:
        shop = self.shop
        if shop is None:
            return None

        def done(_r: object) -> None:
            self._show_api(shop)
            self._say(self.api_message, self.tr("Credentials stored in the keyring."))

        labels = {"access_token": self.tr("The access token"), "consumer_key": self.tr("The consumer key"),
                  "consumer_secret": self.tr("The consumer secret")}
        return self._run(lambda s: shop_settings.set_credentials(s, shop.id, secret), done, self.api_message,
                         labels)

    def tables(self) -> dict[str, QTableWidget]:
        """The dialog's tables by name (tests, screenshots)."""
        return {"shops": self.table, "publish": self.publishing.table, "preview": self.publishing.preview,
                "mapping": self.mapping.table}
