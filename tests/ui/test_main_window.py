"""The main window: docks in the View menu, a remembered layout, Ctrl+K search, status bar, Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erp_desktop.domain.pinyin import initials
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui import app as ui_app
from erp_desktop.ui.main_window import MainWindow
from erp_desktop.ui.models.sku_table import COL
from tests.ui.conftest import seed_skus


@pytest.fixture
def skus(db):
    return seed_skus(db, 60, chinese=True)


def open_window(qtbot, ctx, bridge) -> MainWindow:
    win = MainWindow(ctx, bridge)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dock = win.products_dock()
    qtbot.waitUntil(lambda: dock.model.loaded, timeout=3000)
    return win


def selected_code(dock) -> str | None:
    idx = dock.view.currentIndex()
    return dock.model.data(dock.model.index(idx.row(), COL["code"])) if idx.isValid() else None


def test_docks_are_in_the_view_menu(qtbot, ctx, bridge, skus):
    win = open_window(qtbot, ctx, bridge)
    dock = win.docks["dock.products"]
    texts = [a.text() for a in win.view_menu.actions()]
    assert "Products" in texts and "&Reset layout" in texts
    toggle = next(a for a in win.view_menu.actions() if a.text() == "Products")
    assert toggle.isChecked() and dock.isVisible()
    toggle.trigger()
    assert not dock.isVisible() and not toggle.isChecked()
    toggle.trigger()
    assert dock.isVisible()
    assert [m.title() for m in (win.file_menu, win.view_menu, win.help_menu)] == ["&File", "&View", "&Help"]
    win.close()


def test_layout_is_remembered_per_user_and_reset_restores_the_default(qtbot, ctx, bridge, skus, tmp_path):
    win = open_window(qtbot, ctx, bridge)
    win.docks["dock.products"].hide()
    win.resize(700, 500)                 # within the offscreen screen (800 x 600)
    win.close()
    ini = QSettings().fileName()
    assert ini.startswith(str(tmp_path)), ini                 # the tests never touch the user's settings
    keys = QSettings().allKeys()
    assert any(k.endswith(f"{ctx.identity.role_name}/window/state") for k in keys), keys

    again = open_window(qtbot, ctx, bridge)
    assert not again.docks["dock.products"].isVisible()
    assert (again.width(), again.height()) == (700, 500)
    again.reset_layout_action.trigger()
    assert again.docks["dock.products"].isVisible()
    again.close()


def test_ctrl_k_searches_and_the_chosen_sku_is_selected(qtbot, ctx, bridge, skus):
    win = open_window(qtbot, ctx, bridge)
    dock = win.products_dock()
    win.activateWindow()
    dock.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dock.view, timeout=1000)
    QTest.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search, timeout=1000)

    target = skus[40]
    query = initials(target.name)                     # 护手霜 41 -> "hss41"
    assert query == "hss41"
    qtbot.keyClicks(win.search, query)
    qtbot.waitUntil(lambda: win.search.popup.isVisible(), timeout=2000)
    first = win.search.results.index(0, 0).data()
    assert target.code in first and target.name in first
    QTest.keyClick(win.search.popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: selected_code(dock) == target.code, timeout=2000)
    assert QApplication.focusWidget() is dock.view
    assert not win.search.popup.isVisible() and win.search.text() == ""
    win.close()


def test_scan_into_the_search_field_selects_the_sku(qtbot, ctx, bridge, skus):
    win = open_window(qtbot, ctx, bridge)
    win.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search, timeout=1000)
    for ch in skus[7].barcode:
        QTest.keyClick(win.search, ch)
    QTest.keyClick(win.search, Qt.Key.Key_Return)
    dock = win.products_dock()
    qtbot.waitUntil(lambda: selected_code(dock) == skus[7].code, timeout=2000)
    assert win.search.text() == ""
    win.close()


def test_status_bar_shows_database_user_and_live_updates(qtbot, ctx, bridge, skus):
    win = open_window(qtbot, ctx, bridge)
    assert "Embedded database" in win.mode_label.text() and ctx.database in win.mode_label.text()
    assert "boss" in win.user_label.text() and "Administrator" in win.user_label.text()
    bridge.live_status.emit(False)
    assert "disconnected" in win.live_label.text() and "#c62828" in win.live_label.styleSheet()
    bridge.live_status.emit(True)
    assert "on" in win.live_label.text() and "#2e7d32" in win.live_label.styleSheet()
    win.close()


def test_chinese_translation_and_font(qtbot, qapp, ctx, bridge, skus, tmp_path):
    app = ui_app.create_application([], "zh_CN")
    assert app is qapp
    assert "WenQuanYi Micro Hei" in app.font().families()
    win = open_window(qtbot, ctx, bridge)
    assert win.file_menu.title() == "文件(&F)"
    assert win.docks["dock.products"].windowTitle() == "商品"
    assert win.products_dock().model.headerData(COL["price"], Qt.Orientation.Horizontal) == "售价"
    shot = ui_app.screenshot(win, tmp_path / "zh.png")
    image = QImage(str(shot))
    assert image.width() == win.width() and not image.isNull()
    win.close()


def test_admin_menu_only_for_administrators(qtbot, db, ctx, bridge, skus):
    win = open_window(qtbot, ctx, bridge)
    assert win.users_action.text().replace("&", "") == "Users…"
    viewer = db.add_login("viewer")
    sessions = db.sessions(viewer)
    with sessions() as s:
        ident = whoami(s)
    viewer_ctx = AppContext(sessions=sessions, identity=ident, mode="shared", database=db.name, server="test")
    win2 = open_window(qtbot, viewer_ctx, bridge)
    assert not hasattr(win2, "admin_menu")
    assert win2.connect_action.isEnabled()
