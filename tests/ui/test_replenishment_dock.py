"""The Replenishment dock as a buyer sees it: suggestions with how they came about, recompute, slow movers."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from erp_desktop.services import replenishment as rp
from erp_desktop.services import stock
from erp_desktop.ui.docks.replenishment import ReplenishmentDock
from tests.replenishment_fixtures import make_sales_world


@pytest.fixture
def world(db, session_factory):
    w = make_sales_world(db, session_factory)
    with session_factory.begin() as s:
        rp.compute_replenishment(s)
    return w


@pytest.fixture
def dock(qtbot, ctx, bridge, world):
    win = QMainWindow()
    qtbot.addWidget(win)
    d = ReplenishmentDock(ctx, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: d.suggestions.loaded and d.slow.loaded, timeout=5000)
    yield d
    win.close()


def cell(dock, row: int, key: str) -> str:
    model = dock.suggestions
    return dock.proxy.data(dock.proxy.index(row, model.column(key)))


def test_shows_suggestions_and_explains_the_selected_one(dock):
    assert dock.objectName() == "dock.replenishment"
    assert dock.proxy.rowCount() == 1
    assert cell(dock, 0, "sku_code") == "CUP" and cell(dock, 0, "warehouse_code") == "HZ"
    qty = Decimal(cell(dock, 0, "suggested_qty").replace(",", ""))
    assert qty % 24 == 0 and qty >= 100
    assert cell(dock, 0, "moq") == "100" and cell(dock, 0, "pack_size") == "24" and "S1" in cell(dock, 0, "supplier")
    s = dock.current_suggestion()
    assert s is not None and s.sku_code == "CUP"
    text = dock.explanation.toPlainText()
    e = s.explanation
    for part in ("Holt-Winters", "365 days", "Safety stock", "Reorder point", "lead time 12", "review 7",
                 "whole packs of 24", f"buy {qty:,}", "S1 义乌杯业"):
        assert part in text, part
    assert f"{e['z']:.2f}" in text and f"{e['sigma']:.2f}" in text
    assert "Below safety stock" in dock.alert.text() or "Nothing below" in dock.alert.text()
    assert dock.count_label.text() == "To buy: 1 · Slow movers: 3"


def test_recompute_updates_the_suggestions(qtbot, dock, world, session_factory):
    before = dock.current_suggestion()
    with session_factory.begin() as s:          # a delivery of 1,000 cups arrives
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-02"], Decimal(1000))
    job = dock.recompute()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: "Computed 4 SKU × warehouse" in dock.message.text(), timeout=5000)
    assert dock.proxy.rowCount() == 0               # nothing to buy any more
    assert before is not None and before.suggested_qty > 0
    assert dock.explanation.toPlainText() == ""


def test_slow_movers_tab_with_actions_and_export(qtbot, dock, tmp_path):
    dock.tabs.setCurrentIndex(1)
    rows = {(m.sku_code, m.warehouse_code): m for m in dock.slow.rows}
    assert rows[("CUP", "GZ")].action == "transfer" and rows[("MILK", "HZ")].action == "promote"
    texts = [dock.slow_proxy.data(dock.slow_proxy.index(i, dock.slow.column("action")))
             for i in range(dock.slow_proxy.rowCount())]
    assert any(t.startswith("Transfer") and t.endswith("to HZ") for t in texts) and "Promote" in texts
    dock.slow_view.selectRow(texts.index(next(t for t in texts if t.startswith("Transfer"))))
    assert "sells" in dock.slow_explanation.toPlainText() and "HZ" in dock.slow_explanation.toPlainText()
    job = dock.export_to(tmp_path / "slow.xlsx", slow=True)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    ws = openpyxl.load_workbook(tmp_path / "slow.xlsx").active
    head = [c.value for c in ws[1]]
    assert head[0] == "SKU" and "Suggested action" in head and ws.max_row == 4


def test_viewers_see_but_cannot_recompute(qtbot, db, bridge, world):
    from erp_desktop.services.session import AppContext
    from erp_desktop.services.users import whoami

    viewer = db.add_login("viewer")
    sessions = db.sessions(viewer)
    with sessions() as s:
        ctx = AppContext(sessions=sessions, identity=whoami(s), mode="embedded", database=db.name, server="test")
    d = ReplenishmentDock(ctx, bridge)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.suggestions.loaded, timeout=5000)
    assert not d.recompute_action.isEnabled() and d.recompute() is None
    assert d.suggestions.rowCount() == 1


def test_stock_moves_refresh_the_alert_and_new_figures_reload_the_lists(qtbot, dock, world, session_factory):
    """Live updates: a stock change re-reads the alert count; new figures (from any client) reload the lists."""
    qtbot.waitUntil(lambda: dock.below_safety == 1, timeout=5000)   # CUP in HZ: 4 left, safety stock about 25
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-02"], Decimal(1000))
    dock.bridge.changed.emit("stock.level", "U", None)
    assert dock._count_timer.isActive() and not dock._reload_timer.isActive()
    job = dock.refresh_alert()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert dock.below_safety == 0 and dock.windowTitle() == "Replenishment"
    assert dock.proxy.rowCount() == 1               # the suggestion stays until the figures are computed again
    with session_factory.begin() as s:              # another client recomputes
        rp.compute_replenishment(s)
    dock.bridge.changed.emit("stock.replenishment", "U", None)
    assert dock._reload_timer.isActive()
    dock.reload()
    qtbot.waitUntil(lambda: dock.proxy.rowCount() == 0, timeout=5000)
