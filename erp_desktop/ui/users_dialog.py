"""The administrator's Users dialog: add users in a role, change a role, reset a password, disable a login."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.domain.errors import ErpError
from erp_desktop.domain.security import MIN_PASSWORD_LENGTH, WeakPasswordError
from erp_desktop.services import users
from erp_desktop.ui.labels import area_label


class PasswordFields(QWidget):
    """Two password fields that must match and be long enough."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setPlaceholderText(self.tr("again"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.first)
        lay.addWidget(self.second)

    def problem(self) -> str | None:
        if len(self.first.text()) < MIN_PASSWORD_LENGTH:
            return self.tr("The password needs at least %n characters.", "", MIN_PASSWORD_LENGTH)
        if self.first.text() != self.second.text():
            return self.tr("The two passwords differ.")
        return None


class AddUserDialog(QDialog):
    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.setWindowTitle(self.tr("Add user"))
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("lower case, e.g. wang.li"))
        self.display_name = QLineEdit()
        self.area = QComboBox()
        for a in users.AREAS:
            self.area.addItem(area_label(a), a)
        self.password = PasswordFields()
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.area)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def accept(self) -> None:
        problem = self.password.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            with self._sessions.begin() as s:
                users.add_user(s, self.login.text().strip(), self.area.currentData(), self.password.first.text(),
                               self.display_name.text().strip())
        except (ErpError, WeakPasswordError) as exc:
            self.message.setText(str(exc))
            return
        except Exception as exc:  # a refusal by the database (bad login name ...) is for the user to read
            orig = getattr(exc, "orig", None)
            if orig is None:
                raise
            self.message.setText(str(orig).splitlines()[0])
            return
        super().accept()


class UsersDialog(QDialog):
    COLUMNS = ("login", "name", "role", "status", "PostgreSQL login")

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.setWindowTitle(self.tr("Users"))
        self.resize(760, 420)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Login"), self.tr("Name"), self.tr("Role"),
                                              self.tr("Status"), self.tr("PostgreSQL login")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.add_button = QPushButton(self.tr("Add…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.password_button = QPushButton(self.tr("Set password…"))
        self.toggle_button = QPushButton(self.tr("Disable / enable"))
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.password_button.clicked.connect(self.set_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.role_button, self.password_button, self.toggle_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        lay.addWidget(close)
        self.reload()

    def reload(self) -> None:
        with self._sessions() as s:
            rows = users.list_users(s)
        self.table.setRowCount(len(rows))
        for r, u in enumerate(rows):
            values = (u.login, u.display_name, area_label(u.area),
                      self.tr("active") if u.active else self.tr("disabled"), u.role_name)
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, u)
                self.table.setItem(r, c, item)

    def selected(self) -> users.UserInfo | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _run(self, fn) -> bool:
        try:
            with self._sessions.begin() as s:
                fn(s)
        except (ErpError, WeakPasswordError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.reload()
        return True

    def add_user(self) -> None:
        if AddUserDialog(self._sessions, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def change_role(self) -> None:
        u = self.selected()
        if u is None:
            return
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Role of %1").replace("%1", u.login))
        combo = QComboBox()
        for a in users.AREAS:
            combo.addItem(area_label(a), a)
        combo.setCurrentIndex(users.AREAS.index(u.area))
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(dlg.accept)
        bb.rejected.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(combo)
        lay.addWidget(bb)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: users.set_area(s, u.login, combo.currentData()))

    def set_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Password of %1").replace("%1", u.login))
        fields = PasswordFields()
        msg = QLabel()
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)

        def ok() -> None:
            problem = fields.problem()
            if problem:
                msg.setText(problem)
            elif self._run(lambda s: users.set_password(s, u.login, fields.first.text())):
                dlg.accept()

        bb.accepted.connect(ok)
        bb.rejected.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(fields)
        lay.addWidget(msg)
        lay.addWidget(bb)
        dlg.exec()

    def toggle_active(self) -> None:
        u = self.selected()
        if u is not None:
            self._run(lambda s: users.set_active(s, u.login, not u.active))
