"""Connect to a shared PostgreSQL server: host, port, database, user; the password goes to the OS keyring."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop import config


class ConnectionDialog(QDialog):
    """Edits the saved connection.  Accepting saves it (without the password) and, if asked,
    stores the password in the OS keyring; where there is none, says so and asks again next time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a database server"))
        saved = config.load_saved_connection()
        self.host = QLineEdit(saved.host if saved else "")
        self.host.setPlaceholderText("db.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(saved.port if saved else 5432)
        self.database = QLineEdit(saved.database if saved else config.DEFAULT_DATABASE)
        self.user = QLineEdit(saved.user if saved else "")
        self.user.setPlaceholderText(self.tr("your login, e.g. alice@erp"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        self.sslmode.addItems(["verify-full", "require", "prefer", "disable"])
        self.sslmode.setCurrentText(saved.sslmode if saved else "verify-full")
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.remember.setChecked(True)
        self.use_embedded = QCheckBox(self.tr("Forget this server and use the database on this computer"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("TLS"), self.sslmode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.use_embedded)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def connection(self) -> config.SavedConnection:
        return config.SavedConnection(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                                      self.user.text().strip(), self.sslmode.currentText())

    def accept(self) -> None:
        if self.use_embedded.isChecked():
            config.save_connection(None)
            super().accept()
            return
        conn = self.connection()
        if not (conn.host and conn.database and conn.user):
            self.message.setText(self.tr("Server, database and user are needed."))
            return
        config.save_connection(conn)
        if self.remember.isChecked() and self.password.text():
            try:
                config.set_password(conn.user, conn.host, self.password.text())
            except config.KeyringUnavailable:
                QMessageBox.information(self, self.windowTitle(), self.tr(
                    "This computer has no system keyring, so the password cannot be remembered: "
                    "you will be asked for it each time."))
        super().accept()


def ask_password(saved: config.SavedConnection) -> str | None:
    """Asked at start-up when the keyring has no password for the saved connection."""
    text, ok = QInputDialog.getText(
        None, QDialog.tr("Password"),
        QDialog.tr("Password for {user} on {host}:").format(user=saved.user, host=saved.host),
        QLineEdit.EchoMode.Password)
    return text if ok else None
