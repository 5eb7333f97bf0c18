"""The Products dock as a user sees it: filter, scanner (keyboard wedge) selects, unknown barcodes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow

from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.ui.docks.products import ProductsDock
from erp_desktop.ui.models.sku_table import COL
from tests.ui.conftest import seed_skus


@pytest.fixture
def skus(db):
    return seed_skus(db, 300)


@pytest.fixture
def dock(qtbot, ctx, bridge, skus):
    win = QMainWindow()
    qtbot.addWidget(win)
    d = ProductsDock(ctx, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: d.model.loaded and d.count_label.text() == "SKUs: 300", timeout=3000)
    yield d
    win.close()


def focus(qtbot, widget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=1000)


def scan(widget, code: str, delay_ms: int = -1) -> None:
    """Keys one after the other, then Enter; `delay_ms` between one key press and the next."""
    for key in [*code, Qt.Key.Key_Return]:
        QTest.keyPress(widget, key, Qt.KeyboardModifier.NoModifier, delay_ms)
        QTest.keyRelease(widget, key, Qt.KeyboardModifier.NoModifier)


def selected_code(dock: ProductsDock) -> str | None:
    idx = dock.view.currentIndex()
    return dock.model.data(dock.model.index(idx.row(), COL["code"])) if idx.isValid() else None


def test_filter_by_text_narrows_the_list_and_the_count(qtbot, dock):
    qtbot.keyClicks(dock.search, "SKU0012")
    qtbot.waitUntil(lambda: dock.model.rowCount() == 10, timeout=2000)
    codes = [dock.model.data(dock.model.index(r, COL["code"])) for r in range(dock.model.rowCount())]
    assert codes == [f"SKU0012{i}" for i in range(10)]
    qtbot.waitUntil(lambda: dock.count_label.text() == "SKUs: 10", timeout=2000)
    dock.kits_only.setChecked(True)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 0 and dock.count_label.text() == "SKUs: 0", timeout=2000)


def test_fast_wedge_scan_anywhere_in_the_dock_selects_the_sku(qtbot, dock, skus):
    far = skus[257]                      # not on the first page: the dock fetches until it is loaded
    assert dock.model.row_of_sku(far.id) == -1
    focus(qtbot, dock.view)
    with qtbot.waitSignal(dock.scan_detector.scanned) as sig:
        scan(dock.view, far.barcode)
    assert sig.args == [far.barcode]
    assert selected_code(dock) == far.code
    assert "Scanned" in dock.message.text() and far.name in dock.message.text()
    assert not dock.findChildren(QDialog)          # the scanner's Enter did not open the SKU for editing

    # a scan into the filter field leaves the filter text as it was
    focus(qtbot, dock.search)
    qtbot.keyClicks(dock.search, "Product")
    qtbot.wait(60)
    with qtbot.waitSignal(dock.scan_detector.scanned):
        scan(dock.search, skus[3].barcode)
    assert dock.search.text() == "Product"
    assert selected_code(dock) == skus[3].code


def test_slow_typing_is_not_a_scan(qtbot, dock, skus):
    focus(qtbot, dock.search)
    with qtbot.assertNotEmitted(dock.scan_detector.scanned, wait=50):
        scan(dock.search, "SKU00042", delay_ms=120)        # a person typing, 120 ms between keys
    assert dock.search.text() == "SKU00042"
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=2000)


def test_unknown_barcode_is_said_clearly(qtbot, dock):
    unknown = make_ean13("400638133393")
    focus(qtbot, dock.view)
    scan(dock.view, unknown)
    assert "Unknown barcode" in dock.message.text() and unknown in dock.message.text()
    assert "c62828" in dock.message.styleSheet()


def test_enter_opens_the_selected_sku(qtbot, dock, skus):
    focus(qtbot, dock.view)
    dock.view.setCurrentIndex(dock.model.index(2, 0))
    QTest.keyClick(dock.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock._dialog is not None and dock._dialog.isVisible(), timeout=2000)
    assert dock._dialog.code.text() == skus[2].code
    dock._dialog.reject()


def test_import_then_report_lists_rejected_rows(qtbot, dock, tmp_path):
    src = tmp_path / "skus.csv"
    src.write_text("code,name,price,barcode,备注\n"
                   "NEW-1,新品一号,12.50,6901234567892,\n"
                   "NEW-2,,3.00,,\n"
                   "NEW-3,新品三号,abc,,\n", encoding="utf-8")
    dock.import_file(src)
    qtbot.waitUntil(lambda: getattr(dock, "import_report", None) is not None
                    and dock.import_report.isVisible(), timeout=10000)
    report = dock.import_report
    assert report.report.created == 1
    assert "Created: 1" in report.summary.text() and "Rejected rows: 2" in report.summary.text()
    rejected = sorted((int(report.table.item(r, 0).text()), report.table.item(r, 1).text(),
                       report.table.item(r, 2).text()) for r in range(report.table.rowCount()))
    assert rejected == [(3, "name", "is required"), (4, "price", "is not a number")]
    assert "备注" in report.findChild(QLabel, "importReport.ignored").text()
    qtbot.waitUntil(lambda: "NEW-1" in [dock.model.sku_at(r).code for r in range(dock.model.rowCount())],
                    timeout=2000)
    report.accept()


def test_export_writes_what_the_list_shows(qtbot, dock, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    dock.search.setText("SKU0001")
    dock.apply_filter()
    target = tmp_path / "out.xlsx"
    dock.export_to(target)
    qtbot.waitUntil(lambda: "Exported" in dock.message.text(), timeout=10000)
    ws = openpyxl.load_workbook(target).active
    values = [row for row in ws.iter_rows(values_only=True) if row and row[0]]
    codes = [v[0] for v in values[1:]]
    assert codes == [f"SKU0001{i}" for i in range(10)]


def test_filters_and_column_widths_are_remembered(qtbot, ctx, bridge, dock):
    dock.search.setText("SKU001")
    dock.status.setCurrentIndex(dock.status.findData("active"))
    dock.apply_filter()
    dock.view.setColumnWidth(COL["name"], 333)
    dock.view.horizontalHeader().setSortIndicator(COL["price"], Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: dock.model.sort_column_key == "price" and dock.model.descending, timeout=1000)
    dock.save_settings()

    win = QMainWindow()
    qtbot.addWidget(win)
    again = ProductsDock(ctx, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, again)
    win.show()
    qtbot.waitUntil(lambda: again.model.loaded, timeout=2000)
    assert again.search.text() == "SKU001" and again.status.currentData() == "active"
    assert again.model.filter == dock.model.filter
    assert again.view.columnWidth(COL["name"]) == 333
    assert (again.model.sort_column_key, again.model.descending) == ("price", True)
    prices = [again.model.sku_at(r).price for r in range(again.model.rowCount())]
    assert prices == sorted(prices, reverse=True) and prices
    win.close()


def test_ctrl_n_opens_a_new_sku_and_a_viewer_may_only_look(qtbot, db, ctx, bridge, dock, skus):
    focus(qtbot, dock.view)
    QTest.keyClick(dock.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock._dialog is not None and dock._dialog.isVisible(), timeout=2000)
    assert dock._dialog.windowTitle() == "New SKU" and dock._dialog.ok_button.isEnabled() is False
    dock._dialog.reject()

    from erp_desktop.services.session import AppContext
    from erp_desktop.services.users import whoami

    viewer = db.sessions(db.add_login("viewer"))
    with viewer() as s:
        look_only = AppContext(viewer, whoami(s), "embedded", db.name, "tests")
    win = QMainWindow()
    qtbot.addWidget(win)
    theirs = ProductsDock(look_only, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, theirs)
    win.show()
    qtbot.waitUntil(lambda: theirs.model.loaded, timeout=2000)
    assert not theirs.new_action.isEnabled() and not theirs.import_action.isEnabled()
    theirs.view.setCurrentIndex(theirs.model.index(0, 0))
    dlg = theirs.edit_current()
    assert dlg.code.text() == skus[0].code and not dlg.code.isEnabled() and dlg.ok_button.isHidden()
    dlg.reject()
    win.close()
