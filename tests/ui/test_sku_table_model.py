"""The Products list model: lazy keyset pages, sort, filter, and live updates from other sessions."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from erp_desktop.db.listener import ChangeListener
from erp_desktop.services.catalog import SkuFilter
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.models.sku_table import COL, SkuTableModel
from tests.ui.conftest import seed_skus

DISPLAY = Qt.ItemDataRole.DisplayRole


def shown(model: SkuTableModel, row: int, column: str) -> str:
    return model.data(model.index(row, COL[column]), DISPLAY)


@pytest.fixture
def thousand(db):
    return seed_skus(db, 1000)


def test_holds_one_page_and_fetches_the_next_on_demand(qtbot, session_factory, thousand):
    model = SkuTableModel(session_factory)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.reload()
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    # a shown view asks for no more than it needs: one page of 200, not the 1,000 SKUs
    assert model.rowCount() == 200
    assert model.canFetchMore()
    assert [shown(model, r, "code") for r in (0, 1, 199)] == ["SKU00001", "SKU00002", "SKU00200"]

    model.fetchMore()
    assert model.rowCount() == 400
    assert shown(model, 200, "code") == "SKU00201"

    sizes = []
    while model.canFetchMore():
        model.fetchMore()
        sizes.append(model.rowCount())
    assert sizes == [600, 800, 1000, 1000]   # the last page is short: then the list knows its end
    codes = [shown(model, r, "code") for r in range(model.rowCount())]
    assert codes == sorted(codes) and len(set(codes)) == 1000


def test_sort_by_price_descending_shows_the_dearest_first(qtbot, db, session_factory, thousand):
    model = SkuTableModel(session_factory)
    model.reload()
    model.sort(COL["price"], Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 200
    dearest = max(thousand, key=lambda s: (s.price, s.id))
    assert shown(model, 0, "code") == dearest.code
    prices = [model.sku_at(r).price for r in range(model.rowCount())]
    assert prices == sorted(prices, reverse=True)
    # money: two decimals, grouped by the locale, right-aligned
    assert shown(model, 0, "price") == f"{dearest.price:,.2f}"
    assert "," in shown(model, 0, "price")
    align = model.data(model.index(0, COL["price"]), Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(align) & Qt.AlignmentFlag.AlignRight
    # the next page continues where the first ended
    model.fetchMore()
    more = [model.sku_at(r).price for r in range(model.rowCount())]
    assert more == sorted(more, reverse=True) and model.rowCount() == 400
    # a column without an index to sort by leaves the order as it is
    model.sort(COL["barcodes"], Qt.SortOrder.AscendingOrder)
    assert shown(model, 0, "code") == dearest.code


def test_filter_by_text_and_status(qtbot, session_factory, thousand):
    model = SkuTableModel(session_factory)
    model.set_filter(SkuFilter(text="SKU0012"))
    assert [shown(model, r, "code") for r in range(model.rowCount())] == [f"SKU0012{i}" for i in range(10)]
    model.set_filter(SkuFilter(text=thousand[41].barcode))
    assert model.rowCount() == 1 and shown(model, 0, "code") == thousand[41].code
    model.set_filter(SkuFilter(status="discontinued"))
    assert model.rowCount() > 0
    assert {shown(model, r, "status") for r in range(model.rowCount())} == {"Discontinued"}


def test_price_changed_in_another_session_updates_just_that_row(qtbot, db, session_factory, thousand):
    model = SkuTableModel(session_factory)
    model.reload()
    target = thousand[10]
    row = model.row_of_sku(target.id)
    assert shown(model, row, "price") == f"{target.price:,.2f}"
    other = db.sessions(db.add_login("finance"))
    with other.begin() as s:
        from sqlalchemy import text

        s.execute(text("UPDATE catalog.sku SET price = 1234.5 WHERE id = :id"), {"id": target.id})
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.apply_change("catalog.sku", "U", (target.id,))
    assert changed.args[0].row() == row == changed.args[1].row()
    assert shown(model, row, "price") == "1,234.50"
    assert model.rowCount() == 200

    # deleted elsewhere: the row goes, the others stay in order
    with db.superuser() as conn:
        conn.execute("DELETE FROM catalog.barcode WHERE sku_id = %s", (thousand[0].id,))
        conn.execute("DELETE FROM catalog.sku WHERE id = %s", (thousand[0].id,))
    model.apply_change("catalog.sku", "D", (thousand[0].id,))
    assert model.rowCount() == 199 and shown(model, 0, "code") == "SKU00002"
    assert model.row_of_sku(thousand[10].id) == 9

    # an insert reloads, keeping as many rows as were loaded
    model.fetchMore()
    loaded = model.rowCount()
    [new] = seed_skus(db, 1, prefix="SKU000", start=15, categories=False)   # SKU00000015 sorts first
    model.apply_change("catalog.sku", "I", (new.id,))
    assert model.rowCount() == loaded and model.canFetchMore()
    assert shown(model, 0, "code") == new.code == "SKU00000015"


def test_live_update_from_another_client_shows_within_a_second(qtbot, db, session_factory, thousand):
    viewer = db.add_login("viewer")
    bridge = Bridge()
    model = SkuTableModel(session_factory)
    model.reload()
    bridge.changed.connect(model.queue_change)
    statuses = []
    bridge.live_status.connect(statuses.append)
    listener = ChangeListener(db.conninfo(viewer.role_name, viewer.password), bridge.on_change, bridge.on_status)
    listener.start()
    try:
        assert listener.connected.wait(5)
        qtbot.waitUntil(lambda: statuses == [True], timeout=2000)
        target = thousand[5]
        clerk = db.sessions(db.add_login("sales"))
        with clerk.begin() as s:
            from sqlalchemy import text

            s.execute(text("UPDATE catalog.sku SET price = 88.8 WHERE id = :id"), {"id": target.id})
        committed = time.monotonic()
        row = model.row_of_sku(target.id)
        qtbot.waitUntil(lambda: shown(model, row, "price") == "88.80", timeout=1000)
        assert time.monotonic() - committed < 1.0
        assert model.sku_at(row).price == Decimal("88.80")
    finally:
        listener.stop()
