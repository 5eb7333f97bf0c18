"""The packing station as a packer meets it, on the real database: scan an order, scan its items
(EAN, SKU code, GS1 with a lot), wrong / extra / unknown items refused in red, the parcel weighed
on a scale that is a pseudo-terminal (or typed), the order shipped with its label sent to a TCP
listener standing in for the label printer and its packing slip written as a PDF; multi-parcel
orders, reprint and void, an order its platform cancelled meanwhile, and a database connection
that drops before the ship and comes back."""

from __future__ import annotations

import socket
import sys
import threading
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from sqlalchemy import text

from erp_desktop.devices.printers import PrinterConfig
from erp_desktop.devices.scale import Scale, ScaleConfig
from erp_desktop.domain.orders import ParsedOrders
from erp_desktop.services import fulfilment, orders
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui.packing import texts
from erp_desktop.ui.packing.station import (
    IDLE,
    LOADED,
    OFFLINE,
    SHIPPED,
    WEIGHT_NEEDED,
    WEIGHT_WARNING,
    PackingStation,
)
from erp_desktop.ui.packing.work import SlipOutput
from tests.devices.test_scale import PtyScale
from tests.fulfilment_fixtures import CUP_EAN, MILK_EAN, an_order, approved_orders, level, make_ship_world

UNKNOWN_EAN = "4006381333931"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class LabelPrinter:
    """A port-9100 printer on 127.0.0.1: every connection is one job, read to EOF."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.jobs: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                job = b""
                while chunk := conn.recv(65536):
                    job += chunk
                self.jobs.append(job)

    @property
    def config(self) -> PrinterConfig:
        return PrinterConfig("tcp", f"127.0.0.1:{self.port}", name="Zebra 打包台 1")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def world(db, session_factory):
    w = make_ship_world(db, session_factory)
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, w.carrier["SF"], [f"SF70000{i:02d}" for i in range(1, 13)])
    return w


@pytest.fixture
def packer(db, world):
    login = db.add_login("warehouse", "packer1")
    sessions = db.sessions(login)
    with sessions() as s:
        identity = whoami(s)
    return AppContext(sessions=sessions, identity=identity, mode="embedded", database=db.name, server="tests")


@pytest.fixture
def printer():
    p = LabelPrinter()
    yield p
    p.close()


@pytest.fixture
def make_station(qtbot, packer, bridge):
    made = []

    def make(**kw) -> PackingStation:
        kw.setdefault("sound", False)
        st = PackingStation(packer, bridge=bridge, **kw)
        qtbot.addWidget(st)
        st.resize(1280, 800)
        st.show()
        qtbot.waitExposed(st)
        st.activateWindow()
        st.input.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is st.input, timeout=2000)
        made.append(st)
        return st

    yield make
    for st in made:
        st.retry_timer.stop()
        for pool in (st._db_pool, st._print_pool, st._scale_pool):
            pool.waitForDone(10000)


def waved(session_factory, packer, world, specs) -> dict[str, int]:
    ids = approved_orders(session_factory, world, specs)
    with packer.sessions.begin() as s:
        fulfilment.create_waves(s, order_ids=list(ids.values()))
    return ids


def scan(qtbot, station: PackingStation, code: str, kind: str | None = None) -> None:
    """A scan, waited for until its feedback is on screen (`kind` the feedback wanted)."""
    with qtbot.waitSignal(station.feedback_shown, timeout=5000,
                          check_params_cb=(lambda k: k == kind) if kind else None):
        station.handle_scan(code)


def scanned(station: PackingStation) -> dict[str, str]:
    t = station.table
    return {t.item(r, 0).text(): t.item(r, 3).text() for r in range(t.rowCount())}


def type_line(station: PackingStation, line: str) -> None:
    """Typed on the keyboard into the scan field, then Enter."""
    QTest.keyClicks(station.input, line)
    QTest.keyClick(station.input, Qt.Key.Key_Return)


def shipment_rows(session_factory, order_id: int) -> list[tuple]:
    with session_factory() as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT parcel_no, parcel_count, tracking_no, weight_kg, packer, status, labels_printed "
            "FROM fulfil.shipment WHERE order_id = :o ORDER BY id"), {"o": order_id})]


# ---------------------------------------------------------------------------------------------

def test_items_are_ticked_off_and_wrong_extra_unknown_scans_are_refused_in_red(
        qtbot, session_factory, packer, world, make_station):
    ids = waved(session_factory, packer, world, [("X1", [("CUP", 2), ("LID", 1)])])
    st = make_station()
    assert st.state == IDLE and st.last_kind == "info"
    scan(qtbot, st, f"SO{ids['X1']}", "order")
    assert st.state == LOADED and "X1" in st.order_label.text()
    assert scanned(st) == {"CUP": "0", "LID": "0"} and st.count_label.text() == "0 / 3"

    scan(qtbot, st, CUP_EAN, "ok")
    assert scanned(st)["CUP"] == "1" and st.count_label.text() == "1 / 3"
    scan(qtbot, st, MILK_EAN, "error")                  # in the catalog, not in the order
    assert "Wrong item" in st.last_text and "MILK" in st.last_text
    scan(qtbot, st, UNKNOWN_EAN, "error")
    assert "Unknown barcode" in st.last_text
    # a GS1-128 of the cup with its lot, as a scanner sends it (GTIN-14, GS separator)
    scan(qtbot, st, f"]C1010{CUP_EAN}10LOT-7\x1d17301231", "ok")
    assert scanned(st)["CUP"] == "2" and st.table.item(0, 4).text() == "LOT-7"
    scan(qtbot, st, CUP_EAN, "error")                   # both cups are in
    assert "Extra item" in st.last_text and scanned(st)["CUP"] == "2"
    assert st.palette().color(st.backgroundRole()).name() == "#c62828"      # the whole screen red
    scan(qtbot, st, "(01)06901234567890(10)X", "error")  # a wrong check digit
    assert "check digit" in st.last_text
    # the lid by its SKU code, typed: the last item -> the parcel is weighed (no scale here: typed)
    with qtbot.waitSignal(st.feedback_shown):
        type_line(st, "lid")
    assert st.state == WEIGHT_NEEDED and scanned(st) == {"CUP": "2", "LID": "1"}
    assert st.pack is not None and st.pack.lots == {world.sku["CUP"]: ["LOT-7"]}
    with session_factory() as s:                          # nothing shipped yet
        assert s.execute(text("SELECT status FROM sales.\"order\" WHERE id = :o"), {"o": ids["X1"]}).scalar() \
            == "picking"


@POSIX
def test_a_full_pack_weighs_on_the_scale_ships_prints_the_label_and_the_slip(
        qtbot, tmp_path, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("F1", [("CUP", 2), ("LID", 1)])])
    fake = PtyScale(tmp_path / "ttyScale", lambda cmd: ["S S      0.910 kg"] if cmd == "S" else [])
    fake.plug()
    scale = Scale(ScaleConfig(str(fake.link), read_timeout=0.05, reply_timeout=0.5)).start()
    try:
        st = make_station(scale=scale, label_printer=printer.config, slips=SlipOutput(folder=str(tmp_path / "slips")))
        scan(qtbot, st, "F1", "order")                 # the platform order number
        scan(qtbot, st, CUP_EAN)
        scan(qtbot, st, "CUP")
        with qtbot.waitSignal(st.labels_printed, timeout=10000) as printed:
            st.handle_scan("LID")
        assert st.state == SHIPPED and st.last_kind == "done" and printed.args[0].error is None
    finally:
        scale.stop()
        fake.unplug()
    assert "S" in fake.seen()                             # the station asked the scale for a stable weight
    hz = world.stock.wh["HZ"]
    assert level(session_factory, world.sku["CUP"], hz) == (D(13), D(0))    # consumed from the reservation
    assert level(session_factory, world.sku["LID"], hz) == (D(39), D(0))
    qtbot.waitUntil(lambda: shipment_rows(session_factory, ids["F1"])[0][-1] == 1, timeout=5000)
    [(parcel, count, tracking, weight, who, status, prints)] = shipment_rows(session_factory, ids["F1"])
    assert (parcel, count, tracking, weight, who, status, prints) == (1, 1, "SF7000001", D("0.910"), "packer1",
                                                                      "shipped", 1)
    assert tracking in st.last_text
    [job] = printer.jobs
    assert job.startswith(b"^XA") and b"SF7000001" in job and "王小明".encode() in job
    with session_factory() as s:
        assert s.execute(text("SELECT status, tracking_no FROM sales.\"order\" WHERE id = :o"),
                         {"o": ids["F1"]}).one() == ("shipped", "SF7000001")
        assert s.execute(text("SELECT count(*) FROM core.job WHERE kind = 'confirm_shipment'")).scalar() == 1
    [slip] = (tmp_path / "slips").glob("*.pdf")
    from pypdf import PdfReader

    page = PdfReader(slip).pages[0].extract_text()
    assert "装箱单" in page and "SF7000001" in page and "packer1" in page


def test_a_weight_outside_the_tolerance_warns_and_ships_only_when_confirmed(
        qtbot, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("W1", [("MILK", 1)])])     # 1.0 kg + 0.05 packaging
    st = make_station(label_printer=printer.config)
    scan(qtbot, st, f"SO{ids['W1']}", "order")
    scan(qtbot, st, MILK_EAN)
    assert st.state == WEIGHT_NEEDED
    with qtbot.waitSignal(st.feedback_shown):
        type_line(st, "1.5")
    assert st.state == WEIGHT_WARNING and st.last_kind == "error"
    assert "1.5 kg" in st.last_text and "1.05" in st.last_text and "± 0.052 kg" in st.last_text
    assert shipment_rows(session_factory, ids["W1"]) == []
    scan(qtbot, st, "*WEIGH*", "error")                   # no scale: typed weights only
    with qtbot.waitSignal(st.order_shipped, timeout=5000):
        type_line(st, "1,06")                             # weighed again by hand: within 1.05 ± 0.0525
    assert shipment_rows(session_factory, ids["W1"])[0][3] == D("1.060")

    ids = waved(session_factory, packer, world, [("W2", [("MILK", 1)])])
    scan(qtbot, st, f"SO{ids['W2']}", "order")
    scan(qtbot, st, "MILK")
    type_line(st, "2")
    assert st.state == WEIGHT_WARNING
    with qtbot.waitSignal(st.order_shipped, timeout=5000):
        QTest.keyClick(st.input, Qt.Key.Key_F10)          # ship it as it is
    assert shipment_rows(session_factory, ids["W2"])[0][3] == D("2.000")


def test_an_order_cancelled_on_the_platform_while_packed_is_stopped(
        qtbot, session_factory, packer, world, make_station, bridge):
    ids = waved(session_factory, packer, world, [("C1", [("CUP", 2)]), ("C2", [("LID", 2)])])
    st = make_station()
    scan(qtbot, st, "C1", "order")
    scan(qtbot, st, "CUP", "ok")
    with session_factory.begin() as s:        # the next import brings the buyer's cancellation
        orders.import_orders(s, world.shop_id, ParsedOrders([an_order("C1", [("CUP", 2)], status="cancelled")]))
    scan(qtbot, st, "CUP", "warn")            # the last cup: weigh ...
    with qtbot.waitSignal(st.feedback_shown, timeout=5000):
        type_line(st, "0.85")                 # ... and ship: the database refuses
    assert st.state == IDLE and st.pack is None and st.last_kind == "error"
    assert "STOP" in st.last_text and "cancelled on the platform" in st.last_text
    assert shipment_rows(session_factory, ids["C1"]) == []
    assert level(session_factory, world.sku["CUP"], world.stock.wh["HZ"]) == (D(15), D(2))

    # a live update (another client's import) stops the pack at once, before anything else is scanned
    scan(qtbot, st, "C2", "order")
    scan(qtbot, st, "LID", "ok")
    with session_factory.begin() as s:
        orders.import_orders(s, world.shop_id, ParsedOrders([an_order("C2", [("LID", 2)], status="cancelled")]))
    with qtbot.waitSignal(st.feedback_shown, timeout=5000):
        bridge.changed.emit("sales.order", "U", (ids["C2"],))
    assert st.state == IDLE and "STOP" in st.last_text
    scan(qtbot, st, "C2", "error")            # scanned again: refused with the reason
    assert "cancelled on the platform" in st.last_text


def test_a_multi_parcel_order_ships_each_parcel_with_its_weight_and_label(
        qtbot, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("M1", [("MILK", 2), ("CUP", 1)])])
    st = make_station(label_printer=printer.config)
    scan(qtbot, st, "M1", "order")
    scan(qtbot, st, "MILK")
    scan(qtbot, st, "*NEWPARCEL*", "warn")                # parcel 1 is weighed first
    scan(qtbot, st, "1.04", "ok")                         # 1.0 + 0.05 packaging
    assert st.state == LOADED and len(st.pack.parcels) == 2
    scan(qtbot, st, "MILK")
    with qtbot.waitSignal(st.feedback_shown):
        QTest.keyClick(st.input, Qt.Key.Key_F2)           # the key does what the barcode does
    type_line(st, "1.05")
    with qtbot.waitSignal(st.labels_printed, timeout=10000):
        scan(qtbot, st, "CUP", "warn")
        type_line(st, "0.46")
    rows = shipment_rows(session_factory, ids["M1"])
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [(1, 3, D("1.040"), "shipped"), (2, 3, D("1.050"), "shipped"),
                                                         (3, 3, D("0.460"), "shipped")]
    assert len(printer.jobs) == 3 and all(r[2].encode() in job for r, job in zip(rows, printer.jobs, strict=True))
    assert level(session_factory, world.sku["MILK"], world.stock.wh["HZ"]) == (D(7), D(0))


def test_a_parcel_with_a_pre_printed_label_ships_under_its_number_and_gets_no_printed_label(
        qtbot, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("P1", [("MILK", 1), ("CUP", 1)])])
    st = make_station(label_printer=printer.config)
    scan(qtbot, st, "P1", "order")
    scan(qtbot, st, "MILK")
    scan(qtbot, st, "*TRACKING*", "info")
    scan(qtbot, st, "sf1234567890", "ok")                # the pre-printed label already on parcel 1
    assert "SF1234567890" in st.parcels_label.text()
    scan(qtbot, st, "*NEWPARCEL*", "warn")
    scan(qtbot, st, "1.04", "ok")
    with qtbot.waitSignal(st.labels_printed, timeout=10000):
        scan(qtbot, st, "CUP", "warn")
        type_line(st, "0.45")                            # parcel 2: a number from SF's pool, its label printed
    rows = shipment_rows(session_factory, ids["P1"])
    assert [(r[0], r[2], r[5]) for r in rows] == [(1, "SF1234567890", "shipped"), (2, "SF7000001", "shipped")]
    assert len(printer.jobs) == 1 and b"SF7000001" in printer.jobs[0] and b"SF1234567890" not in printer.jobs[0]


def test_a_pre_printed_label_must_look_like_a_tracking_number(qtbot, packer, world, session_factory,
                                                             make_station):
    waved(session_factory, packer, world, [("P2", [("MILK", 1)])])
    st = make_station()
    scan(qtbot, st, "P2", "order")
    scan(qtbot, st, "*TRACKING*", "info")
    scan(qtbot, st, "运单 12", "error")
    assert st.pack.parcel.tracking_no is None


def test_reprint_sends_the_label_again_and_void_marks_it_voided(
        qtbot, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("R1", [("PEN", 2)])])
    st = make_station(label_printer=printer.config)
    scan(qtbot, st, "R1", "order")
    scan(qtbot, st, "PEN")
    with qtbot.waitSignal(st.labels_printed, timeout=10000):
        scan(qtbot, st, "PEN")
        type_line(st, "0.09")
    [(_, _, tracking, *_)] = shipment_rows(session_factory, ids["R1"])
    # later: the label is scanned (its tracking number) and printed again
    scan(qtbot, st, tracking, "error")                    # shipped already: says so, offers reprint / void
    assert "shipped already" in st.last_text and st.state == SHIPPED
    with qtbot.waitSignal(st.labels_printed, timeout=10000):
        QTest.keyClick(st.input, Qt.Key.Key_F3)
    assert len(printer.jobs) == 2 and printer.jobs[0] == printer.jobs[1]
    qtbot.waitUntil(lambda: shipment_rows(session_factory, ids["R1"])[0][-1] == 2, timeout=5000)
    scan(qtbot, st, "*VOID*", "warn")                     # asks first
    assert shipment_rows(session_factory, ids["R1"])[0][5] == "shipped"
    scan(qtbot, st, "*VOID*", "done")
    assert shipment_rows(session_factory, ids["R1"])[0][5] == "voided"
    assert "voided: " + tracking in st.parcels_label.text()
    scan(qtbot, st, "*REPRINT*", "error")                 # nothing live left to print
    assert len(printer.jobs) == 2


def test_a_dropped_database_connection_keeps_the_scans_and_ships_once_when_it_is_back(
        qtbot, db, session_factory, packer, world, make_station, printer):
    ids = waved(session_factory, packer, world, [("D1", [("CUP", 1), ("LID", 2)])])
    st = make_station(label_printer=printer.config, retry_interval_ms=200)
    scan(qtbot, st, "D1", "order")
    for code in ("CUP", "LID", "LID"):
        scan(qtbot, st, code)
    role = packer.identity.role_name
    with db.superuser() as su:                # the station's network goes away
        su.execute(f'ALTER ROLE "{role}" NOLOGIN')
        su.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
    pack_id = st.pack.pack_id
    with qtbot.waitSignal(st.feedback_shown, timeout=10000):
        type_line(st, "0.55")
    assert st.state == OFFLINE and st.last_text == texts.connection_lost()
    assert st.pack is not None and st.pack.pack_id == pack_id and st.pack.units_scanned == 3
    qtbot.wait(600)                           # it keeps trying, with the same pack
    assert st.state == OFFLINE and st.pack.pack_id == pack_id
    # the first attempt had in fact reached the database (its answer was lost on the way)
    with session_factory.begin() as s:
        fulfilment.ship_order(s, ids["D1"], [fulfilment.Parcel(D("0.55"))], "packer1", pack_id)
    with db.superuser() as su:
        su.execute(f'ALTER ROLE "{role}" LOGIN')
    qtbot.waitUntil(lambda: st.state == SHIPPED, timeout=10000)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    rows = shipment_rows(session_factory, ids["D1"])
    assert [(r[0], r[2], r[3]) for r in rows] == [(1, "SF7000001", D("0.550"))]       # shipped once
    assert level(session_factory, world.sku["LID"], world.stock.wh["HZ"]) == (D(38), D(0))
    assert b"SF7000001" in printer.jobs[0]


def test_a_single_item_wave_packs_as_its_items_are_scanned(qtbot, session_factory, packer, world, make_station):
    ids = approved_orders(session_factory, world, [("S1", [("PEN", 1)]), ("S2", [("PEN", 1)])])
    with packer.sessions.begin() as s:
        [wave] = fulfilment.create_waves(s, order_ids=list(ids.values()))
    st = make_station()
    scan(qtbot, st, wave.wave_no, "order")                 # the picking list's barcode: its first order
    assert "S1" in st.order_label.text()
    scan(qtbot, st, "PEN", "warn")
    with qtbot.waitSignal(st.order_shipped, timeout=5000):
        type_line(st, "0.07")
    # the next pen finds the wave's next order by itself
    scan(qtbot, st, "PEN", "warn")
    assert "S2" in st.order_label.text() and st.state == WEIGHT_NEEDED
    scan(qtbot, st, "*CANCEL*", "info")
    assert st.state == IDLE and st.pack is None


def test_escape_asks_before_leaving(qtbot, make_station, world):
    st = make_station()
    QTest.keyClick(st.input, Qt.Key.Key_Escape)
    box = st.findChild(QMessageBox, "packing.leave")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert st.isVisible()
    QTest.keyClick(st.input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: st.findChild(QMessageBox, "packing.leave") is not None)
    st.findChild(QMessageBox, "packing.leave").button(QMessageBox.StandardButton.Yes).click()
    assert not st.isVisible()
    QApplication.processEvents()


def test_commands_and_weights_are_read_as_such():
    from erp_desktop.ui.packing.pack import command_of, gtin_forms, parse_weight

    assert command_of(" *newparcel* ") == "new_parcel" and command_of("NEWPARCEL") is None
    assert parse_weight("1,35") == D("1.35") and parse_weight("6901234567892") is None and parse_weight("0") is None
    assert gtin_forms("06901234567892")[:2] == ("06901234567892", "6901234567892")


def test_the_command_sheet_prints_every_command_barcode_from_the_fulfilment_menu(qtbot, packer, world, bridge):
    import io

    from pypdf import PdfReader

    from erp_desktop.ui.main_window import MainWindow
    from erp_desktop.ui.packing.pack import COMMANDS
    from erp_desktop.ui.print_preview import PrintPreview

    window = MainWindow(packer, bridge)
    qtbot.addWidget(window)
    window.findChild(QAction, "action.command_sheet").trigger()
    preview = window.findChild(PrintPreview)
    assert preview is not None and preview.isVisible()
    from erp_desktop.ui.packing_station import command_sheet_pdf

    text = PdfReader(io.BytesIO(command_sheet_pdf())).pages[0].extract_text()
    assert all(code in text for code in COMMANDS) and "F11" in text
    preview.close()


def test_the_main_window_opens_the_station_with_this_workstations_devices_and_gives_it_the_scans(
        qtbot, session_factory, packer, world, bridge, printer):
    from erp_desktop.ui.devices import DeviceHub, DeviceSettings, LabelPrinterSettings, WedgeSettings
    from erp_desktop.ui.main_window import MainWindow

    ids = waved(session_factory, packer, world, [("H1", [("PEN", 1)])])
    settings = DeviceSettings(wedge=WedgeSettings(enabled=False), packing_slip=False,
                              label_printer=LabelPrinterSettings("tcp", f"127.0.0.1:{printer.port}", name="Zebra"))
    hub = DeviceHub(bridge, settings).start()
    win = MainWindow(packer, bridge)
    qtbot.addWidget(win)
    try:
        win.show()
        qtbot.waitExposed(win)
        assert win.packing_action in win.findChild(QMenu, "menu.fulfilment").actions()
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
        QTest.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_F12)
        st = win.packing_station
        assert st is not None and st.isVisible() and st.isFullScreen()
        assert st.label_printer == settings.label_printer.config() and st.scale is None
        with qtbot.waitSignal(st.feedback_shown, timeout=5000):
            bridge.scanned.emit(f"SO{ids['H1']}")         # what any scanner of the hub emits
        assert st.state == LOADED and "H1" in st.order_label.text()
        st.close()
        assert not st.isVisible()
    finally:
        hub.stop()
        if win.packing_station is not None:
            for pool in (win.packing_station._db_pool, win.packing_station._print_pool):
                pool.waitForDone(5000)


def test_a_carrier_on_the_default_layout_with_100x180_labels_gets_its_label(
        qtbot, session_factory, packer, world, make_station, printer):
    with session_factory.begin() as s:      # YTO: 100 x 180 mm labels, layout left at its default
        fulfilment.import_tracking_numbers(s, world.carrier["YTO"], ["YT900000001"])
    ids = approved_orders(session_factory, world, [("Y1", [("PEN", 1)])], carrier="YTO")
    st = make_station(label_printer=printer.config)
    scan(qtbot, st, "Y1", "order")
    scan(qtbot, st, "PEN", "warn")
    with qtbot.waitSignal(st.labels_printed, timeout=10000) as printed:
        type_line(st, "0.08")
    assert printed.args[0].error is None and printed.args[0].shipment_ids
    [job] = printer.jobs
    assert b"YT900000001" in job and b"^LL1440" in job       # 180 mm at 8 dots per mm
    assert shipment_rows(session_factory, ids["Y1"])[0][2] == "YT900000001"
