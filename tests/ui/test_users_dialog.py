"""An administrator adds a user in the Users dialog; that user can then log in with the password."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtWidgets import QDialog

from erp_desktop.ui.users_dialog import AddUserDialog, UsersDialog


def test_admin_adds_user_who_can_then_log_in(qtbot, db, session_factory):
    dlg = AddUserDialog(session_factory)
    qtbot.addWidget(dlg)
    dlg.login.setText("li.na")
    dlg.display_name.setText("李娜")
    dlg.area.setCurrentIndex(dlg.area.findData("warehouse"))
    dlg.password.first.setText("warehouse-pw-1")
    dlg.password.second.setText("warehouse-pw-2")
    dlg.accept()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "differ" in dlg.message.text()
    dlg.password.second.setText("warehouse-pw-1")
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    with psycopg.connect(db.conninfo("li.na@erp_test", "warehouse-pw-1")) as conn:
        assert conn.execute("SELECT display_name, area FROM core.whoami()").fetchone() == ("李娜", "warehouse")

    users = UsersDialog(session_factory)
    qtbot.addWidget(users)
    logins = [users.table.item(r, 0).text() for r in range(users.table.rowCount())]
    assert "li.na" in logins and "boss" in logins


def test_duplicate_login_is_explained_and_nothing_changes(qtbot, session_factory):
    dlg = AddUserDialog(session_factory)
    qtbot.addWidget(dlg)
    dlg.login.setText("boss")
    dlg.password.first.setText("another-pw-1")
    dlg.password.second.setText("another-pw-1")
    dlg.accept()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "exists already" in dlg.message.text()


def test_disable_from_dialog_blocks_login(qtbot, db, session_factory):
    clerk = db.add_login("sales", "clerk")
    dlg = UsersDialog(session_factory)
    qtbot.addWidget(dlg)
    row = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 0).text() == "clerk")
    dlg.table.selectRow(row)
    dlg.toggle_active()
    assert dlg.table.item(row, 3).text() == "disabled"
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(clerk.conninfo).close()
