"""ui/docks/common.py: the export file dialog every dock asks through."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from erp_desktop.ui.docks import common


def test_ask_save_path_adds_the_extension_and_remembers_the_folder(qtbot, ctx, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    asked = []

    def answer(path: str):
        def fake(_parent, title, default, filters):
            asked.append((title, default, filters))
            return path, filters
        return fake

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(str(tmp_path / "out" / "report")))
    assert common.ask_save_path(parent, ctx, "stock", "Export", "stock.xlsx", "Excel (*.xlsx)") == \
        str(tmp_path / "out" / "report.xlsx")
    assert common.last_dir(ctx, "stock") == str(tmp_path / "out")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(str(tmp_path / "a.PDF")))
    assert common.ask_save_path(parent, ctx, "stock", "Export", "ST1.pdf", "PDF (*.pdf)", ".pdf") == \
        str(tmp_path / "a.PDF")
    assert asked[1] == ("Export", str(Path(tmp_path / "out" / "ST1.pdf")), "PDF (*.pdf)")   # the last folder
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(""))
    assert common.ask_save_path(parent, ctx, "stock", "Export", "stock.xlsx", "Excel (*.xlsx)") is None
    assert common.last_dir(ctx, "stock") == str(tmp_path)
    assert common.last_dir(ctx, "products") != str(tmp_path)                 # each dock its own folder


def test_the_header_menu_hides_and_shows_columns_but_not_the_one_naming_the_row(qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from erp_desktop.ui.docks.common import column_menu

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(QStandardItemModel(2, 3, view))
    menu = column_menu(view, view, QPoint(0, 0), ["Code", "Name", "Price"], fixed=0)
    actions = menu.actions()
    assert [a.text() for a in actions] == ["Code", "Name", "Price"] and not actions[0].isEnabled()
    actions[2].setChecked(False)
    assert view.isColumnHidden(2) and not view.isColumnHidden(1)
    actions[2].setChecked(True)
    assert not view.isColumnHidden(2)
    menu.close()
