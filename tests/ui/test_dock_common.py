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
