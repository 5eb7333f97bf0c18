"""The SKU dialog: checks as you type, saves for real, and handles a SKU changed meanwhile by someone else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.services import catalog
from erp_desktop.ui.docks.products import SkuDialog
from tests.ui.conftest import seed_skus


@pytest.fixture
def seeded(db):
    return seed_skus(db, 2)


@pytest.fixture
def dialog(qtbot, ctx, seeded):
    dlg = SkuDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    dlg.close()


def test_a_wrong_ean_check_digit_marks_the_field_and_disables_ok(qtbot, dialog):
    qtbot.keyClicks(dialog.code, "EAR-01")
    dialog.name.setText("蓝牙耳机")            # QTest types ASCII only; an IME commits whole words
    assert dialog.ok_button.isEnabled()
    good = make_ean13("690123456789")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    qtbot.keyClicks(dialog.barcode_input, bad)
    assert not dialog.ok_button.isEnabled()
    assert "c62828" in dialog.barcode_input.styleSheet()
    assert "check digit" in dialog.barcode_input.toolTip()
    assert "check digit" in dialog.error_label.text()
    # Enter does not add it (nor press OK)
    qtbot.keyClick(dialog.barcode_input, Qt.Key.Key_Return)
    assert dialog.barcode_list.count() == 0 and dialog.isVisible()

    dialog.barcode_input.clear()
    qtbot.keyClicks(dialog.barcode_input, good)
    qtbot.keyClick(dialog.barcode_input, Qt.Key.Key_Return)
    assert dialog.barcodes() == [good]
    assert dialog.barcode_input.styleSheet() == "" and dialog.ok_button.isEnabled()

    # a price with three decimals is refused as it is typed
    qtbot.keyClicks(dialog.price, "12.345")
    assert not dialog.ok_button.isEnabled()
    assert "c62828" in dialog.price.styleSheet() and "decimals" in dialog.price.toolTip()
    dialog.price.setText("¥12.34")
    assert dialog.ok_button.isEnabled()


def test_saving_creates_the_sku(qtbot, dialog, session_factory):
    dialog.code.setText("GIFT-01")
    dialog.name.setText("礼盒套装")
    dialog.spec.setText("红色")
    assert dialog.category.findData("HOME") > 0
    dialog.category.setCurrentIndex(dialog.category.findData("HOME"))
    dialog.price.setText("1,299.00")
    dialog.cost.setText("650.5")
    dialog.weight.setText("1.25")
    dialog.length.setText("30")
    dialog.width.setText("20")
    dialog.height.setText("10.5")
    ean = make_ean13("690000000123")
    dialog.barcode_input.setText(ean)
    dialog.add_barcode()
    dialog.barcode_input.setText("GIFT01-INT")
    dialog.add_barcode()
    dialog.is_kit.setChecked(True)
    dialog.kit_table.item(0, 0).setText("SKU00001")
    dialog.kit_table.item(0, 1).setText("2")
    dialog.add_component("SKU00002", Decimal("1"))
    assert dialog.errors == [] and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    sku_id, created = saved.args
    assert created
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=1000)
    with session_factory() as s:
        d = catalog.get_sku(s, sku_id)
    assert (d.code, d.name, d.spec, d.category_code) == ("GIFT-01", "礼盒套装", "红色", "HOME")
    assert (d.price, d.cost, d.weight_kg) == (Decimal("1299.00"), Decimal("650.50"), Decimal("1.250"))
    assert (d.length_cm, d.width_cm, d.height_cm) == (Decimal("30.0"), Decimal("20.0"), Decimal("10.5"))
    assert d.barcodes == (ean, "GIFT01-INT")
    assert [(k.component_code, k.quantity) for k in d.kit] == [("SKU00001", Decimal("2")), ("SKU00002", Decimal("1"))]


def test_duplicate_code_is_found_in_the_database_on_ok(qtbot, dialog):
    dialog.code.setText("sku00001")          # codes are unique whatever the case
    dialog.name.setText("Another")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "c62828" in dialog.code.styleSheet(), timeout=3000)
    assert "duplicate" in dialog.code.toolTip()
    assert not dialog.ok_button.isEnabled() and dialog.isVisible()
    dialog.code.setText("SKU-NEW")            # editing clears the database's verdict until the next OK
    assert dialog.ok_button.isEnabled()


def test_a_sku_changed_meanwhile_offers_to_reload(qtbot, ctx, db, session_factory, seeded):
    sku = seeded[0]
    dlg = SkuDialog(ctx, sku.id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.price.text() == f"{sku.price:.2f}"

    other = db.sessions(db.add_login("finance"))          # another desktop changes the price
    with other.begin() as s:
        from sqlalchemy import text

        s.execute(text("UPDATE catalog.sku SET price = 77.70 WHERE id = :id"), {"id": sku.id})

    dlg.name.setText("Renamed here")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.concurrent_box is not None and dlg.concurrent_box.isVisible(), timeout=3000)
    box = dlg.concurrent_box
    assert "changed by someone else" in box.text()
    assert dlg.isVisible()                                  # nothing saved, nothing lost yet
    with session_factory() as s:
        assert catalog.get_sku(s, sku.id).name == sku.name

    qtbot.mouseClick(dlg.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.price.text() == "77.70", timeout=2000)
    assert dlg.name.text() == sku.name
    dlg.name.setText("Renamed after reload")
    with qtbot.waitSignal(dlg.saved, timeout=5000):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    with session_factory() as s:
        d = catalog.get_sku(s, sku.id)
    assert (d.name, d.price) == ("Renamed after reload", Decimal("77.70"))
