"""The Fulfilment dock as the warehouse uses it: waves made from the dialog, picking lists printed
in pick-path order, picks confirmed by scanning bin and item, a short pick sending an order back
to waiting, tracking numbers imported into a carrier's pool, labels reprinted and voided; and
the Orders dock printing its selection's invoices (发货单) as one PDF, cancellable."""

from __future__ import annotations

import time
import uuid
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QPushButton
from sqlalchemy import text

from erp_desktop.db.listener import ChangeListener
from erp_desktop.services import fulfilment
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui import app as ui_app
from erp_desktop.ui.devices import DeviceHub, DeviceSettings, LabelPrinterSettings, WedgeSettings
from erp_desktop.ui.docks.fulfilment import FulfilmentDock
from erp_desktop.ui.docks.orders import OrdersDock
from erp_desktop.ui.docks.registry import DOCKS
from tests.fulfilment_fixtures import CUP_EAN, approved_orders, make_ship_world, order_status
from tests.ui.test_device_hub import Listener


def settled(qtbot, screen) -> None:
    """The pick screen asks the database off the GUI thread: wait until its answer is shown."""
    qtbot.waitUntil(lambda: not screen.busy, timeout=5000)


def pick_scan(qtbot, dock, code: str) -> None:
    dock.handle_scan(code)
    settled(qtbot, dock.pick_screen)


@pytest.fixture
def world(db, session_factory):
    return make_ship_world(db, session_factory)


def as_role(db, area: str) -> AppContext:
    sessions = db.sessions(db.add_login(area))
    with sessions() as s:
        identity = whoami(s)
    return AppContext(sessions=sessions, identity=identity, mode="embedded", database=db.name, server="tests")


def make_dock(qtbot, ctx, bridge, cls=FulfilmentDock, size=(1300, 800)):
    win = QMainWindow()
    qtbot.addWidget(win)
    d = cls(ctx, bridge, win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    d.host = win                          # keep the window alive as long as the dock
    return d


@pytest.fixture
def warehouse_ctx(db, world) -> AppContext:
    return as_role(db, "warehouse")


@pytest.fixture
def dock(qtbot, warehouse_ctx, bridge):
    d = make_dock(qtbot, warehouse_ctx, bridge)
    qtbot.waitUntil(lambda: d.carriers_tab.table.rows_model.rowCount() == 2, timeout=3000)
    return d


def waves_of(sessions, ids) -> list:
    with sessions.begin() as s:
        return fulfilment.create_waves(s, order_ids=list(ids))


def wait_job(qtbot, job, signal: str = "finished"):
    assert job is not None
    with qtbot.waitSignal(getattr(job, signal), timeout=10000) as sig:
        pass
    return sig.args[0] if sig.args else None


def pdf_text(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def cell(table, row: int, col: int) -> str:
    m = table.rows_model
    return m.data(m.index(row, col))


# ---------------------------------------------------------------------------------------------
# waves
# ---------------------------------------------------------------------------------------------

def test_waves_created_from_the_dialog_show_in_the_list(qtbot, dock, session_factory, world):
    ids = approved_orders(session_factory, world, [("S1", [("CUP", 1)]), ("S2", [("PEN", 1)]),
                                                   ("M1", [("CUP", 2), ("LID", 1)])])
    approved_orders(session_factory, world, [("Y1", [("PEN", 3)])], carrier="YTO")
    dlg = dock.waves.open_create_dialog()
    assert dlg.qualify.text() == "Approved orders that qualify: 4 (single-item: 2)"
    dlg.carrier.setCurrentIndex(dlg.carrier.findText("顺丰速运"))
    assert dlg.qualify.text() == "Approved orders that qualify: 3 (single-item: 2)"
    dlg.max_orders.setValue(10)
    with qtbot.waitSignal(dock.waves.table.rows_model.modelReset, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "2 wave(s) created" in dock.message.text(), timeout=5000)
    t = dock.waves.table
    assert t.rows_model.rowCount() == 2
    shown = sorted((cell(t, r, 3), cell(t, r, 4), cell(t, r, 5), cell(t, r, 1)) for r in range(2))
    assert shown == [("顺丰速运", "", "1", "Open"), ("顺丰速运", "yes", "2", "Open")]
    assert {order_status(session_factory, i)[0] for i in ids.values()} == {"picking"}
    # the selected wave's detail: its orders, and its pick lines along the path
    t.select_where(lambda w: not w.single_item)
    assert [cell(dock.waves.orders_table, r, 1) for r in range(dock.waves.orders_table.rows_model.rowCount())] \
        == ["M1"]
    lines = dock.waves.lines_table
    assert [(cell(lines, r, 0), cell(lines, r, 1), cell(lines, r, 5)) for r in range(lines.rows_model.rowCount())] \
        == [("A-01", "LID", "1"), ("A-02", "CUP", "2")]
    # the Y1 order still qualifies
    assert dock.waves.open_create_dialog().qualify.text() == "Approved orders that qualify: 1 (single-item: 0)"


def test_a_viewer_reads_waves_but_is_offered_no_warehouse_work(qtbot, db, world, bridge):
    assert next(s for s in DOCKS if s.object_name == "dock.fulfilment").allowed(as_role(db, "viewer").identity)
    d = make_dock(qtbot, as_role(db, "viewer"), bridge)
    qtbot.waitUntil(lambda: d.carriers_tab.table.rows_model.rowCount() == 2, timeout=3000)
    assert not d.waves.create_action.isVisible() and d.waves.open_create_dialog() is None
    assert not d.shipments.void_action.isVisible() and not d.carriers_tab.save_layout_button.isEnabled()
    assert d.waves.print_lists_action.isVisible()


def test_picking_lists_print_to_one_pdf_in_pick_path_order(qtbot, dock, session_factory, world, tmp_path):
    ids = approved_orders(session_factory, world, [("P1", [("MILK", 2), ("CUP", 3)]), ("P2", [("MILK", 2)])])
    [wave] = waves_of(session_factory, ids.values())
    dock.waves.reload()
    assert dock.waves.select_wave(wave.id)
    out = tmp_path / "lists.pdf"
    printed, _ = wait_job(qtbot, dock.waves.print_picking_lists(out))
    assert (printed.path, printed.documents) == (out, 1) and printed.pages >= 1
    body = "\n".join(pdf_text(out))
    assert wave.wave_no in body and "P1" in body and "P2" in body
    # bins in pick-path order: A-01 (the later milk lot) before A-02 (cups) before B-01 (the earlier lot)
    assert body.index("A-01") < body.index("A-02") < body.index("B-01")
    assert "saved to" in dock.message.text() and str(out) in dock.message.text()
    # without a file: the invoices of the wave's orders in the preview, to print or save there
    _, pdf = wait_job(qtbot, dock.waves.print_orders("invoice"))
    printed = dock.last_printed
    preview = printed.preview
    assert printed.path is None and printed.documents == 2
    assert preview.isVisible() and preview.document.pageCount() == printed.pages == len(PdfReader(BytesIO(pdf)).pages)
    assert "in the preview" in dock.message.text()
    preview.close()


# ---------------------------------------------------------------------------------------------
# pick confirmation
# ---------------------------------------------------------------------------------------------

def test_scanning_a_bin_then_an_item_confirms_the_pick(qtbot, dock, session_factory, world, bridge):
    ids = approved_orders(session_factory, world, [("K1", [("CUP", 2)]), ("K2", [("PEN", 3)])])
    [wave] = waves_of(session_factory, ids.values())
    dock.waves.reload()
    dock.waves.select_wave(wave.id)
    dock.waves.open_pick()
    screen = dock.pick_screen
    settled(qtbot, screen)
    assert dock.stack.currentWidget() is dock.pick_page and "A-01" in screen.banner.text()
    pick_scan(qtbot, dock, CUP_EAN)                            # no bin yet: refused, loudly
    assert screen.banner_kind == "error" and "scan the bin's label first" in screen.banner.text()
    pick_scan(qtbot, dock, "a-01")
    assert screen.bin == "A-01" and "pick 3 × PEN" in screen.banner.text()
    pick_scan(qtbot, dock, CUP_EAN)                            # cups are in A-02
    assert screen.banner_kind == "error" and "not to be picked from A-01" in screen.banner.text()
    screen.quantity.setValue(3)                                # a pack of 3 pens: one scan
    pick_scan(qtbot, dock, "PEN")
    assert screen.banner_kind == "ok" and "Picked 3 × PEN" in screen.banner.text()
    assert (screen.progress.value(), screen.progress.maximum(), screen.quantity.value()) == (3, 5, 1)
    # typed into the field like a scanner would, quicker than the answers come: none is lost
    screen.input.setText("A-02")
    screen.input.returnPressed.emit()
    screen.input.setText(CUP_EAN)
    screen.input.returnPressed.emit()
    settled(qtbot, screen)
    assert "1 more here" in screen.banner.text()
    pick_scan(qtbot, dock, CUP_EAN)
    assert f"Wave {wave.wave_no} is picked completely" in screen.banner.text()
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM fulfil.wave WHERE id = :w"), {"w": wave.id}).scalar_one() \
            == "picked"
    assert screen.table.rows_model.rowCount() == 2 and cell(screen.table, 1, 6) == "2"
    screen.back_button.click()
    assert dock.stack.currentIndex() == 0


def test_waves_made_and_picked_elsewhere_show_within_a_second(qtbot, db, dock, session_factory, world):
    picker = db.add_login("warehouse")
    listener = ChangeListener(db.conninfo(picker.role_name, picker.password), dock.bridge.on_change,
                              dock.bridge.on_status)
    listener.start()
    try:
        assert listener.connected.wait(5)
        other = db.sessions(picker)
        ids = approved_orders(session_factory, world, [("L1", [("CUP", 2)])])
        [wave] = waves_of(other, ids.values())
        committed = time.monotonic()
        qtbot.waitUntil(lambda: dock.waves.table.rows_model.rowCount() == 1, timeout=1000)
        assert time.monotonic() - committed < 1.0 and cell(dock.waves.table, 0, 0) == wave.wave_no
        with other.begin() as s:
            fulfilment.confirm_pick(s, wave.id, "A-02", CUP_EAN)
        qtbot.waitUntil(lambda: cell(dock.waves.lines_table, 0, 6) == "1", timeout=1000)
        assert cell(dock.waves.table, 0, 1) == "Picking"
    finally:
        listener.stop()


def test_scanning_a_waves_barcode_opens_it_for_picking(qtbot, dock, session_factory, world):
    ids = approved_orders(session_factory, world, [("B1", [("CUP", 1)])])
    [wave] = waves_of(session_factory, ids.values())
    pick_scan(qtbot, dock, wave.wave_no)
    assert dock.stack.currentWidget() is dock.pick_page and dock.pick_screen.wave.id == wave.id


def test_a_short_pick_sends_the_orders_it_cannot_fill_back_to_waiting(qtbot, dock, session_factory, world):
    ids = approved_orders(session_factory, world, [("E1", [("CUP", 2)]), ("E2", [("CUP", 2), ("PEN", 1)])])
    [wave] = waves_of(session_factory, ids.values())
    dock.waves.reload()
    dock.waves.select_wave(wave.id)
    dock.waves.open_pick()
    pick_scan(qtbot, dock, "A-02")
    dlg = dock.pick_screen.ask_short_pick()
    assert dlg.sku.currentText().startswith("CUP") and dlg.location_code() == "A-02"
    dlg.set_values(D(1), "bin_empty")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    screen = dock.pick_screen
    settled(qtbot, screen)
    assert screen.sent_back == ["E2"] and screen.banner_kind == "warn"
    assert "Back to waiting for stock: E2" in screen.banner.text()
    assert order_status(session_factory, ids["E2"]) == ("waiting", "short_pick")
    assert order_status(session_factory, ids["E1"])[0] == "picking"
    row = next(r for r in range(screen.table.rows_model.rowCount()) if cell(screen.table, r, 7))
    assert (cell(screen.table, row, 0), cell(screen.table, row, 7), cell(screen.table, row, 9)) == \
        ("A-02", "1", "Bin empty")
    screen.back_button.click()
    orders = dock.waves.orders_table
    assert [(cell(orders, r, 1), cell(orders, r, 7)) for r in range(orders.rows_model.rowCount())] == \
        [("E1", ""), ("E2", "Short pick: not found in the bin")]


def test_cancelling_a_wave_and_taking_an_order_out_ask_a_reason(qtbot, dock, session_factory, world):
    ids = approved_orders(session_factory, world, [("C1", [("CUP", 2)]), ("C2", [("PEN", 2)])])
    [wave] = waves_of(session_factory, ids.values())
    dock.waves.reload()
    dock.waves.select_wave(wave.id)
    dock.waves.orders_table.select_where(lambda o: o.order_no == "C1")
    dlg = dock.waves.ask_take_out()
    dlg.set_reason("buyer_asked_to_cancel")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "C1 is out of its wave; it is now: Approved" in dock.message.text()
    dlg = dock.waves.ask_cancel_wave()
    dlg.combo.setCurrentIndex(dlg.combo.findData("made_by_mistake"))
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert f"Wave {wave.wave_no} is cancelled: 1 order(s) taken out." == dock.message.text()
    assert order_status(session_factory, ids["C2"])[0] == "approved"
    assert dock.waves.table.rows_model.rowCount() == 0         # the Active tab no longer has it
    dock.waves.status_tabs.setCurrentIndex(5)
    assert cell(dock.waves.table, 0, 1) == "Cancelled"


# ---------------------------------------------------------------------------------------------
# carriers, shipments
# ---------------------------------------------------------------------------------------------

def test_tracking_numbers_imported_from_a_file_and_a_range(qtbot, db, world, bridge, tmp_path):
    d = make_dock(qtbot, as_role(db, "sales"), bridge)
    tab = d.carriers_tab
    qtbot.waitUntil(lambda: tab.table.rows_model.rowCount() == 2, timeout=3000)
    tab.select_carrier(world.carrier["SF"])
    numbers = tmp_path / "sf.txt"
    numbers.write_text("SF0000001\nSF0000002\n\nsf0000002\nSF 0000003\n顺丰单号\n", encoding="utf-8")
    dlg = tab.open_import()
    dlg.path.setText(str(numbers))
    with qtbot.waitSignal(tab.table.rows_model.modelReset, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "added" in d.message.text(), timeout=5000)
    assert d.message.text() == ("顺丰速运: 3 number(s) added, 0 already in the pool; 3 left in the pool. "
                                "1 line(s) refused (not tracking numbers): 顺丰单号")
    row = next(r for r in range(2) if cell(tab.table, r, 0) == "SF")
    assert cell(tab.table, row, 3) == "3"
    # a range; importing it again adds nothing
    for said in ("7 number(s) added, 1 already in the pool; 10 left", "0 number(s) added, 8 already in the pool"):
        dlg = tab.open_import()
        dlg.range.setText("SF0000003-SF0000010")
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda said=said: said in d.message.text(), timeout=5000)
    assert cell(tab.table, row, 3) == "10"
    # a UPU range with a wrong check digit is refused with the reason
    dlg = tab.open_import()
    dlg.range.setText("EA000000014CN-EA000000025CN")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "check digit" in d.message.text(), timeout=5000)
    assert "#c62828" in d.message.styleSheet()


def test_an_administrator_chooses_the_label_layout_and_sender(qtbot, ctx, world, bridge, session_factory):
    d = make_dock(qtbot, ctx, bridge)
    tab = d.carriers_tab
    qtbot.waitUntil(lambda: tab.table.rows_model.rowCount() == 2, timeout=3000)
    tab.select_carrier(world.carrier["SF"])
    tab.layout_combo.setCurrentIndex(tab.layout_combo.findData("ewaybill"))
    assert tab.save_layout()
    with session_factory() as s:
        assert s.execute(text("SELECT label_layout, label_size FROM fulfil.carrier WHERE code = 'SF'")).one() == \
            ("ewaybill", "100x180")
    tab.sender_name.setText("好物仓")
    tab.sender_name.setModified(True)
    assert tab.save_sender()
    with session_factory() as s:
        assert fulfilment.sender_party(s, None).name == "好物仓"


def ship(session_factory, world, no: str, *tracking: str) -> int:
    ids = approved_orders(session_factory, world, [(no, [("CUP", 1)])])
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, world.carrier["SF"], list(tracking))
        fulfilment.ship_order(s, ids[no], [fulfilment.Parcel(D("0.5"))], "张三", uuid.uuid4())
    return ids[no]


def test_labels_reprinted_and_voided_from_the_shipments_tab(qtbot, dock, session_factory, world, bridge, tmp_path):
    ship(session_factory, world, "R1", "SF7000001")
    ship(session_factory, world, "R2", "SF7000002")
    tab = dock.shipments
    dock.tabs.setCurrentWidget(tab)
    tab.reload()
    assert [cell(tab.table, r, 5) for r in range(2)] == ["SF7000002", "SF7000001"]
    assert tab.find("R1") == 1 and cell(tab.table, 0, 5) == "SF7000001"
    tab.table.selectRow(0)
    out = tmp_path / "label.pdf"
    wait_job(qtbot, tab.reprint(out))
    assert "SF7000001" in "\n".join(pdf_text(out))
    qtbot.waitUntil(lambda: cell(tab.table, 0, 10) == "1", timeout=3000)       # counted as printed
    # a station with a label printer: the label goes to it, in its language
    printer = Listener()
    hub = DeviceHub(bridge, DeviceSettings(WedgeSettings(enabled=False), label_printer=LabelPrinterSettings(
        "tcp", f"127.0.0.1:{printer.port}", "打包台 1", "zpl", 203, "bitmap"))).start()
    try:
        assert wait_job(qtbot, tab.reprint()) == ["SF7000001"]
    finally:
        hub.stop()
    printer.thread.join(2)
    printer.close()
    assert len(printer.jobs) == 1 and printer.jobs[0].startswith(b"^XA") and b"SF7000001" in printer.jobs[0]
    assert dock.message.text() == "Sent to the label printer 打包台 1: SF7000001"
    qtbot.waitUntil(lambda: cell(tab.table, 0, 10) == "2", timeout=3000)
    dlg = tab.ask_void()
    dlg.set_reason("misprint")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dock.message.text() == "Label SF7000001 is void."
    assert cell(tab.table, 0, 8) == "Voided (Misprinted label)"
    assert not tab.reprint_action.isEnabled() and tab.reprint() is None
    # the shop's shipment file: the parcel still live goes in it
    shops = tab.file_shops()
    target = tmp_path / "tb.csv"
    assert wait_job(qtbot, tab.write_shipment_file(shops[0], target)) == 1
    assert "R2" in target.read_text(encoding="utf-8-sig")


def test_a_list_exports_to_excel_as_shown_and_keeps_its_columns(qtbot, dock, session_factory, world, bridge,
                                                                  warehouse_ctx, tmp_path):
    import openpyxl

    ids = approved_orders(session_factory, world, [("X1", [("CUP", 1)])])
    [wave] = waves_of(session_factory, ids.values())
    dock.waves.reload()
    dock.waves.table.setColumnHidden(2, True)
    out = tmp_path / "waves.xlsx"
    assert wait_job(qtbot, dock.export_to(out)) == 1
    rows = list(openpyxl.load_workbook(out).active.values)
    assert rows[0][:3] == ("Wave", "Status", "Carrier")
    assert rows[1][:3] == (wave.wave_no, "Open", "顺丰速运") and rows[1][4] == 1
    # the columns shown, the tab and the wave status tab come back in the next session
    dock.waves.status_tabs.setCurrentIndex(1)
    dock.tabs.setCurrentWidget(dock.shipments)
    dock.save_settings()
    again = make_dock(qtbot, warehouse_ctx, bridge)
    assert again.waves.table.isColumnHidden(2) and not again.waves.table.isColumnHidden(3)
    assert again.tabs.currentWidget() is again.shipments and again.waves.status() == "open"


# ---------------------------------------------------------------------------------------------
# the Orders dock: invoices of a selection, a wave from it
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def orders_dock(qtbot, warehouse_ctx, bridge):
    d = make_dock(qtbot, warehouse_ctx, bridge, OrdersDock)
    d.set_tab("approved")
    qtbot.waitUntil(lambda: d.model.loaded, timeout=3000)
    return d


def select_all(qtbot, d, n: int) -> None:
    d.reload()
    qtbot.waitUntil(lambda: d.model.rowCount() == n, timeout=3000)
    d.view.selectAll()


def test_invoices_of_the_selected_orders_print_as_one_pdf(qtbot, orders_dock, session_factory, world, tmp_path):
    ids = approved_orders(session_factory, world, [("I1", [("CUP", 1)]), ("I2", [("PEN", 2)]),
                                                   ("I3", [("LID", 3)])])
    select_all(qtbot, orders_dock, 3)
    out = tmp_path / "invoices.pdf"
    wait_job(qtbot, orders_dock.fulfil.print_orders("invoice", out))
    assert orders_dock.fulfil.last_printed.documents == 3
    body = "\n".join(pdf_text(out))
    for no, oid in ids.items():
        assert body.count(f"SO{oid}") >= 1 and no in body
    assert body.count("Order no. SO") == 3             # one invoice each (in the language the app shows)
    # a wave of the selection
    job = orders_dock.fulfil.create_wave()
    waves = wait_job(qtbot, job)                     # the single-item order in a wave of its own
    assert sorted(w.orders for w in waves) == [1, 2]
    assert all(w.wave_no in orders_dock.message.text() for w in waves)
    assert {order_status(session_factory, i)[0] for i in ids.values()} == {"picking"}


def test_cancelling_a_batch_leaves_no_file(qtbot, orders_dock, session_factory, world, tmp_path):
    approved_orders(session_factory, world, [(f"Z{i}", [("PEN", 1)]) for i in range(40)])
    select_all(qtbot, orders_dock, 40)
    folder = tmp_path / "print"
    folder.mkdir()
    out = folder / "invoices.pdf"
    job = orders_dock.fulfil.print_orders("invoice", out)
    job.dialog.findChild(QPushButton).click()        # the progress dialog's Cancel
    wait_job(qtbot, job, "cancelled")
    assert list(folder.iterdir()) == []                 # no PDF, no half-written part
    assert orders_dock.fulfil.last_printed is None


# ---------------------------------------------------------------------------------------------
# in Chinese
# ---------------------------------------------------------------------------------------------

def test_the_dock_and_pick_screen_in_chinese(qtbot, qapp, warehouse_ctx, bridge, session_factory, world, tmp_path):
    ui_app.install_translations(qapp, "zh_CN")
    ids = approved_orders(session_factory, world, [("T1", [("MILK", 2), ("CUP", 3)]), ("T2", [("PEN", 1)]),
                                                   ("T3", [("CUP", 1)])])
    waves_of(session_factory, ids.values())
    ship(session_factory, world, "T9", "SF8000001", "SF8000002")
    d = make_dock(qtbot, warehouse_ctx, bridge, size=(1200, 720))
    qtbot.waitUntil(lambda: d.waves.table.rows_model.rowCount() == 2, timeout=3000)
    assert d.windowTitle() == "履约发货" and d.tabs.tabText(0) == "波次"
    assert d.waves.status_tabs.tabText(0) == "进行中"
    qapp.processEvents()                           # the layout follows the filters' names
    shots = {"waves": d.host.grab()}
    d.tabs.setCurrentWidget(d.shipments)
    shots["shipments"] = d.host.grab()
    d.tabs.setCurrentWidget(d.carriers_tab)
    shots["carriers"] = d.host.grab()
    d.tabs.setCurrentWidget(d.waves)
    d.waves.table.select_where(lambda w: not w.single_item)
    d.waves.open_pick()
    pick_scan(qtbot, d, "B-01")                    # the milk lot that expires first
    shots["pick"] = d.host.grab()
    assert d.pick_screen.banner.text() == "库位 B-01：拣 2 × MILK"
    short = d.pick_screen.ask_short_pick()
    shots["short"] = short.grab()
    short.reject()
    d.pick_screen.back_button.click()
    shots["create"] = d.waves.open_create_dialog().grab()
    d.carriers_tab.select_carrier(world.carrier["SF"])
    shots["import"] = d.carriers_tab.open_import().grab()
    for name, pix in shots.items():
        assert pix.save(str(tmp_path / f"fulfilment-{name}.png"))
