"""From approved orders to parcels on their way, as the warehouse sees it: waves by warehouse and
carrier, picking lists along the pick path with lots first-expiry-first-out, picks scanned or
found short, the packing station's look-up, shipping once however often the station retries,
labels voided and reprinted, and the documents printed for it all."""

from __future__ import annotations

import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from erp_desktop.domain import documents as docs
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import NotFoundError
from erp_desktop.domain.orders import ParsedOrders
from erp_desktop.services import fulfilment, orders, stock
from tests.fulfilment_fixtures import CUP_EAN, MILK_EAN, an_order, approved_orders, level, make_ship_world, order_status


@pytest.fixture
def world(db, session_factory):
    return make_ship_world(db, session_factory)


@pytest.fixture
def warehouse(db, world):
    """A packer's sessions: waves, picks and shipping are the warehouse's."""
    return db.sessions(db.add_login("warehouse"))


def pool(session_factory, world, *numbers: str, carrier: str = "SF") -> None:
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, world.carrier[carrier], list(numbers))


def test_waves_group_by_warehouse_and_carrier_keep_single_items_apart_and_are_capped(
        session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [
        ("S1", [("CUP", 1)]), ("S2", [("PEN", 1)]), ("S3", [("LID", 1)]),
        ("M1", [("CUP", 2)]), ("M2", [("CUP", 1), ("LID", 2)])])
    ids |= approved_orders(session_factory, world, [("Y1", [("PEN", 3)])], carrier="YTO")
    ids |= approved_orders(session_factory, world, [("N1", [("PEN", 1)])], carrier=None)
    with warehouse.begin() as s:
        waves = fulfilment.create_waves(s, max_orders=2)
    shape = sorted((w.carrier, w.single_item, w.orders) for w in waves)
    # SF: 3 single-item orders in waves of at most 2, the 2 others in one; YTO its own; N1 (no carrier) left out
    assert shape == [("圆通速递", False, 1), ("顺丰速运", False, 2), ("顺丰速运", True, 1), ("顺丰速运", True, 2)]
    assert all(w.status == "open" and w.wave_no.startswith("W") for w in waves)
    for no in ("S1", "S2", "S3", "M1", "M2", "Y1"):
        assert order_status(session_factory, ids[no])[0] == "picking"
    assert order_status(session_factory, ids["N1"])[0] == "approved"
    with warehouse.begin() as s:           # nothing left to wave: nothing made
        assert fulfilment.create_waves(s) == []
        assert [w.wave_no for w in fulfilment.list_waves(s)] == sorted((w.wave_no for w in waves), reverse=True)


def test_a_picking_list_follows_the_pick_path_with_lots_first_expiry_first_out(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("P1", [("MILK", 2), ("CUP", 3)]), ("P2", [("MILK", 2)]),
                                                   ("P3", [("GIFT", 1)])])
    with warehouse.begin() as s:
        [wave] = fulfilment.create_waves(s, order_ids=list(ids.values()))
        doc = fulfilment.picking_list(s, wave.id)
    assert isinstance(doc, docs.PickingListDoc) and doc.wave_no == wave.wave_no and doc.warehouse == "杭州主仓"
    assert doc.order_nos == ("P1", "P2", "P3") and doc.carrier == "顺丰速运"
    picks = [(p.location_code, p.sku_code, p.lot_no, p.quantity) for p in doc.lines]
    # the gift kit is picked as its parts; milk: the 3 of the lot expiring first (in B-01) before the later lot
    assert picks == [("A-01", "LID", "", D(2)), ("A-01", "MILK", "M-LATE", D(1)),
                     ("A-02", "CUP", "", D(4)), ("B-01", "MILK", "M-SOON", D(3))]
    assert {p.sku_code: p.order_count for p in doc.lines} == {"LID": 1, "MILK": 2, "CUP": 2}
    assert next(p for p in doc.lines if p.sku_code == "MILK").barcode == MILK_EAN
    # a second wave plans after the first: the cup left in A-02, then the next bin on the path
    more = approved_orders(session_factory, world, [("P4", [("CUP", 6)])])
    with warehouse.begin() as s:
        [second] = fulfilment.create_waves(s, order_ids=list(more.values()))
        lines = [(p.location_code, p.quantity) for p in fulfilment.picking_list(s, second.id).lines]
    assert lines == [("A-02", D(1)), ("B-01", D(5))]


def test_picks_are_scanned_against_the_list_and_the_wave_is_picked_when_all_are(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("K1", [("CUP", 2)]), ("K2", [("PEN", 3)])])
    with warehouse.begin() as s:
        [wave] = fulfilment.create_waves(s, order_ids=list(ids.values()))
    with warehouse.begin() as s:
        with pytest.raises(f.PickMismatchError) as wrong:
            fulfilment.confirm_pick(s, wave.id, "A-01", CUP_EAN)
        assert (wrong.value.reason, wrong.value.location, wrong.value.sku) == ("wrong_location", "A-01", "CUP")
        with pytest.raises(f.PickMismatchError) as unknown:
            fulfilment.confirm_pick(s, wave.id, "B-01", "0000000000")
        assert unknown.value.reason == "unknown_code"
        with pytest.raises(f.PickMismatchError) as absent:
            fulfilment.confirm_pick(s, wave.id, "A-01", "MILK")
        assert absent.value.reason == "not_in_wave"
        first = fulfilment.confirm_pick(s, wave.id, "a-02", CUP_EAN)
        assert (first.location_code, first.sku_code, first.left_here, first.wave_status) == \
            ("A-02", "CUP", D(1), "picking")
        with pytest.raises(f.PickMismatchError) as over:
            fulfilment.confirm_pick(s, wave.id, "A-02", "CUP", D(2))
        assert over.value.reason == "too_many" and over.value.left == 1
    with warehouse.begin() as s:
        fulfilment.confirm_pick(s, wave.id, "A-02", "CUP")
        done = fulfilment.confirm_pick(s, wave.id, "A-01", "PEN", D(3))
    assert (done.left_in_wave, done.wave_status) == (0, "picked")


def test_a_short_pick_sends_the_latest_order_back_to_waiting_with_its_stock_released(
        session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("E1", [("CUP", 2)]), ("E2", [("CUP", 2), ("PEN", 1)]),
                                                   ("E3", [("PEN", 2)])])
    hz = world.stock.wh["HZ"]
    with warehouse.begin() as s:
        [wave] = fulfilment.create_waves(s, order_ids=list(ids.values()))
        sent_back = fulfilment.short_pick(s, wave.id, world.sku["CUP"], D(1), "bin_empty", location_code="A-02")
    assert sent_back == (ids["E2"],)                   # paid last of those wanting cups
    assert order_status(session_factory, ids["E2"]) == ("waiting", "short_pick")
    assert order_status(session_factory, ids["E1"])[0] == "picking"
    # E2's two cups given back; the one missing in A-02 written off (reason short_pick), so it is not
    # available to approve E2 again or to offer to the shops
    assert level(session_factory, world.sku["CUP"], hz) == (D(14), D(2))
    assert level(session_factory, world.sku["PEN"], hz) == (D(50), D(2))
    with session_factory() as s:
        event = s.execute(text("SELECT detail FROM sales.order_event WHERE order_id = :o AND kind = 'short_pick'"),
                          {"o": ids["E2"]}).scalar_one()
        assert (event["sku"], event["reason"], event["wave"]) == ("CUP", "bin_empty", wave.wave_no)
        flagged = s.execute(text("SELECT payload FROM core.business_event WHERE kind = 'short_pick'")).scalar_one()
        assert flagged["location_id"] == world.bin["HZ/A-02"] and flagged["quantity"] == 1
        short = s.execute(text("SELECT sum(short_quantity) FROM fulfil.pick_line WHERE wave_id = :w"),
                          {"w": wave.id}).scalar_one()
        assert short == 1
        assert stock.check_ledger(s) == []
        written_off = s.execute(text(
            "SELECT m.quantity, l.code, m.reason, m.doc_type FROM stock.move m JOIN stock.location l "
            "ON l.id = m.from_location_id WHERE m.kind = 'adjustment' AND m.sku_id = :k"),
            {"k": world.sku["CUP"]}).one()
        assert tuple(written_off) == (1, "A-02", "short_pick", "pick_line")
    with warehouse.begin() as s:                       # the rest of the wave ships
        assert fulfilment.find_for_packing(s, wave.wave_no).order_no == "E1"


def test_the_packing_station_finds_an_order_by_any_code_it_may_scan(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("T1", [("CUP", 2), ("GIFT", 1)]), ("T2", [("PEN", 2)])])
    with warehouse.begin() as s:
        [wave] = fulfilment.create_waves(s, order_ids=list(ids.values()))
        by_wave = fulfilment.find_for_packing(s, wave.wave_no.lower())
        by_code = fulfilment.find_for_packing(s, f"SO{ids['T1']}")
        by_no = fulfilment.find_for_packing(s, " T1 ")
    assert by_wave == by_code == by_no
    po = by_no
    assert (po.order_no, po.status, po.ready, po.wave_no, po.left_in_wave, po.shop) == \
        ("T1", "picking", True, wave.wave_no, 2, "旗舰店")
    # the gift kit is packed as its parts: 1 cup and 2 lids, with the 2 cups ordered on their own
    assert [(i.sku_code, i.quantity, i.kit_code) for i in po.items] == [("CUP", 3, "GIFT"), ("LID", 2, "GIFT")]
    assert po.item_for(CUP_EAN).sku_code == "CUP" and po.item_for("lid").sku_code == "LID"
    assert po.item_for(MILK_EAN) is None
    # 3 x 0.4 + 2 x 0.05 + packaging 0.05
    assert po.expected_weight_kg == D("1.35")
    assert po.check_weight(D("1.38")).ok and not po.check_weight(D("1.60")).ok
    with warehouse() as s, pytest.raises(NotFoundError):
        fulfilment.find_for_packing(s, "NO-SUCH-CODE")
    # after shipping, its tracking number finds it too (to reprint or void)
    pool(session_factory, world, "SF0001")
    with warehouse.begin() as s:
        fulfilment.ship_order(s, ids["T1"], [fulfilment.Parcel(D("1.36"))], None, uuid.uuid4())
    with warehouse() as s:
        shipped = fulfilment.find_for_packing(s, "SF0001")
        assert (shipped.order_no, shipped.status, [x.tracking_no for x in shipped.shipments]) == \
            ("T1", "shipped", ["SF0001"])
        assert fulfilment.find_for_packing(s, wave.wave_no).order_no == "T2"    # the wave's next
    pool(session_factory, world, "SF0002")
    with warehouse.begin() as s:                       # its last order shipped, the wave is done
        fulfilment.ship_order(s, ids["T2"], [fulfilment.Parcel(D("0.1"))], None, uuid.uuid4())
        assert fulfilment.wave_summaries(s, [wave.id])[0].status == "done"
        with pytest.raises(f.NothingToPackError):
            fulfilment.find_for_packing(s, wave.wave_no)


def test_an_order_cancelled_on_the_platform_while_picked_is_stopped_at_the_station(
        session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("C1", [("CUP", 2)])])
    with warehouse.begin() as s:
        fulfilment.create_waves(s, order_ids=list(ids.values()))
    with session_factory.begin() as s:                 # the next import brings the buyer's cancellation
        orders.import_orders(s, world.shop_id, ParsedOrders([an_order("C1", [("CUP", 2)], status="cancelled")]))
    assert order_status(session_factory, ids["C1"]) == ("picking", "cancel_requested")
    pool(session_factory, world, "SF0100")
    with warehouse.begin() as s, pytest.raises(f.OrderStoppedError) as stopped:
        fulfilment.find_for_packing(s, "C1")
    assert (stopped.value.order_no, stopped.value.reason) == ("C1", "cancelled")
    with warehouse.begin() as s, pytest.raises(f.OrderStoppedError):
        fulfilment.ship_order(s, ids["C1"], [fulfilment.Parcel(D(1))], None, uuid.uuid4())
    # nobody sets it shipped by hand either
    with session_factory.begin() as s, pytest.raises(DBAPIError, match="cannot ship"):
        s.execute(text("UPDATE sales.\"order\" SET status = 'shipped' WHERE id = :o"), {"o": ids["C1"]})
    # taken out of the wave it is cancelled and its cups go back
    with warehouse.begin() as s:
        assert fulfilment.take_out_of_wave(s, ids["C1"], "cancelled_on_platform") == "cancelled"
    assert order_status(session_factory, ids["C1"]) == ("cancelled", "cancelled")
    assert level(session_factory, world.sku["CUP"], world.stock.wh["HZ"]) == (D(15), D(0))


def test_an_order_ships_once_however_often_the_station_retries(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("H1", [("MILK", 4), ("CUP", 1)])])
    pool(session_factory, world, "SF1001", "SF1002", "SF1003")
    hz = world.stock.wh["HZ"]
    pack = uuid.uuid4()
    parcels = [fulfilment.Parcel(D("2.9")), fulfilment.Parcel(D("1.6"), "sf-pre 777")]
    with warehouse.begin() as s:
        first = fulfilment.ship_order(s, ids["H1"], parcels, "张三", pack)
    assert not first.replayed and first.tracking_nos == ("SF1001", "SF-PRE777")
    assert [(x.parcel_no, x.parcel_count, x.weight_kg, x.carrier) for x in first.shipments] == \
        [(1, 2, D("2.900"), "SF"), (2, 2, D("1.600"), "SF")]
    assert level(session_factory, world.sku["MILK"], hz) == (D(5), D(0))
    assert level(session_factory, world.sku["CUP"], hz) == (D(14), D(0))
    with warehouse.begin() as s:                    # the answer was lost: the station sends the pack again
        again = fulfilment.ship_order(s, ids["H1"], parcels, "张三", pack)
    assert again.replayed and again.shipments == first.shipments
    with warehouse.begin() as s, pytest.raises(f.AlreadyShippedError) as twice:
        fulfilment.ship_order(s, ids["H1"], parcels, "李四", uuid.uuid4())     # another packer, another pack
    assert twice.value.tracking_nos == ("SF1001", "SF-PRE777")
    assert level(session_factory, world.sku["MILK"], hz) == (D(5), D(0))
    with session_factory() as s:
        row = s.execute(text("SELECT status, tracking_no, shipped_at IS NOT NULL FROM sales.\"order\" WHERE id = :o"),
                        {"o": ids["H1"]}).one()
        assert tuple(row) == ("shipped", "SF1001", True)
        # the lot expiring first left first
        lots = s.execute(text("SELECT t.lot_no, sum(m.quantity) FROM stock.move m JOIN stock.lot t ON t.id = m.lot_id "
                              "WHERE m.kind = 'shipment' GROUP BY 1 ORDER BY 1")).all()
        assert [tuple(r) for r in lots] == [("M-LATE", D(1)), ("M-SOON", D(3))]
        packer, expected = s.execute(text("SELECT packer, expected_weight_kg FROM fulfil.shipment "
                                          "WHERE parcel_no = 1")).one()
        assert packer == "张三" and expected == D("4.450")
        job = s.execute(text("SELECT kind, key FROM core.job WHERE kind = 'confirm_shipment'")).one()
        assert tuple(job) == ("confirm_shipment", str(world.shop_id))
        assert stock.check_ledger(s) == []
        assert fulfilment.pool_left(s, world.carrier["SF"]) == 2


def test_a_connection_dropped_before_the_commit_ships_nothing_and_the_retry_ships_once(
        db, session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("D1", [("CUP", 3)])])
    pool(session_factory, world, "SF2001", "SF2002")
    pack = uuid.uuid4()
    s = warehouse()
    try:
        fulfilment.ship_order(s, ids["D1"], [fulfilment.Parcel(D("1.3"))], None, pack)
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with db.superuser() as su:                     # the station's network goes away before COMMIT
            su.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(DBAPIError):
            s.commit()
    finally:
        s.close()
    assert order_status(session_factory, ids["D1"])[0] == "approved"
    with warehouse.begin() as s2:                      # connection back: the station finishes the pack
        done = fulfilment.ship_order(s2, ids["D1"], [fulfilment.Parcel(D("1.3"))], None, pack)
    assert not done.replayed and done.tracking_nos == ("SF2001",)     # the number came back to the pool
    with warehouse.begin() as s2:
        assert fulfilment.ship_order(s2, ids["D1"], [fulfilment.Parcel(D("1.3"))], None, pack).replayed
    assert level(session_factory, world.sku["CUP"], world.stock.wh["HZ"]) == (D(12), D(0))


def test_a_voided_label_is_replaced_and_its_number_never_used_again(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("V1", [("PEN", 2)]), ("V2", [("PEN", 1)])])
    pool(session_factory, world, "SF3001", "SF3002")
    with warehouse.begin() as s:
        [parcel] = fulfilment.ship_order(s, ids["V1"], [fulfilment.Parcel(D("0.1"))], None, uuid.uuid4()).shipments
        assert fulfilment.label_printed(s, parcel.id) == 1
        label = fulfilment.reprint(s, parcel.id)
        assert label.tracking_no == "SF3001"
        assert fulfilment.shipment_info(s, parcel.id).labels_printed == 2
    with warehouse.begin() as s:
        new = fulfilment.void_shipment(s, parcel.id, "printer_jam", replace=True)
    assert (new.tracking_no, new.parcel_no, new.status) == ("SF3002", 1, "shipped")
    with warehouse.begin() as s:
        assert fulfilment.shipment_info(s, parcel.id).status == "voided"
        with pytest.raises(f.LabelVoidedError):
            fulfilment.reprint(s, parcel.id)
    with warehouse.begin() as s, pytest.raises(f.TrackingNumberUsedError):
        fulfilment.ship_order(s, ids["V2"], [fulfilment.Parcel(D("0.1"), "SF3001")], None, uuid.uuid4())
    with warehouse.begin() as s, pytest.raises(f.NoTrackingNumberError):
        fulfilment.ship_order(s, ids["V2"], [fulfilment.Parcel(D("0.1"))], None, uuid.uuid4())
    with session_factory() as s:
        assert s.execute(text("SELECT tracking_no FROM sales.\"order\" WHERE id = :o"),
                         {"o": ids["V1"]}).scalar_one() == "SF3002"


def test_the_documents_say_what_the_order_and_its_parcel_are(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("I1", [("CUP", 2), ("PEN", 1)])])
    pool(session_factory, world, "SF4001")
    with session_factory.begin() as s:
        fulfilment.save_sender(s, docs.Party("好物发货部", "0571-1234", "浙江省杭州市余杭区仓前街道 8 号"))
    with warehouse.begin() as s:
        [parcel] = fulfilment.ship_order(s, ids["I1"], [fulfilment.Parcel(D("0.9"))], "王五", uuid.uuid4()).shipments
        invoice = fulfilment.invoice_doc(s, ids["I1"])
        slip = fulfilment.packing_slip_doc(s, ids["I1"], parcel.id)
        label = fulfilment.shipping_label_doc(s, parcel.id)
    assert invoice.order_no == f"SO{ids['I1']}" and invoice.platform_order_nos == ("I1",)
    assert invoice.company.name == "杭州好物有限公司" and invoice.shop_name == "旗舰店"
    assert [(ln.sku_code, ln.quantity, ln.unit_price, ln.barcode) for ln in invoice.lines] == \
        [("CUP", D(2), D("10.00"), CUP_EAN), ("PEN", D(1), D("10.00"), "PEN")]
    assert invoice.recipient == docs.Party("王小明", "13800138000", "浙江省 杭州市 西湖区 文三路 90 号东部软件园 3 幢")
    assert (invoice.tracking_no, invoice.carrier) == ("SF4001", "顺丰速运")
    assert (slip.packer, slip.tracking_no, slip.parcel_count) == ("王五", "SF4001", 1)
    assert all(ln.unit_price is None for ln in slip.lines)
    assert (label.carrier, label.tracking_no, label.order_no, label.size) == ("顺丰速运", "SF4001", "I1", "100x150")
    assert label.sender == docs.Party("好物发货部", "0571-1234", "浙江省杭州市余杭区仓前街道 8 号")
    assert label.items_summary == "商品 CUP x2; 商品 PEN x1" and label.weight_kg == D("0.900")
    assert label.extra["layout"] == "standard"


def test_a_single_item_wave_packs_as_its_items_are_scanned(session_factory, warehouse, world):
    ids = approved_orders(session_factory, world, [("S1", [("CUP", 1)]), ("S2", [("PEN", 1)]),
                                                   ("S3", [("CUP", 1)]), ("M1", [("CUP", 2)])])
    pool(session_factory, world, "SF5001", "SF5002")
    with warehouse.begin() as s:
        [wave] = fulfilment.create_waves(s, single_item_only=True)
        assert (wave.single_item, wave.orders) == (True, 3)           # M1 waits for a mixed wave
        first = fulfilment.find_in_wave(s, wave.wave_no, CUP_EAN)
        assert first.order_no == "S1"
        fulfilment.ship_order(s, first.order_id, [fulfilment.Parcel(D("0.45"))], None, uuid.uuid4())
    with warehouse.begin() as s:
        assert fulfilment.find_in_wave(s, wave.wave_no, "pen").order_no == "S2"
        nxt = fulfilment.find_in_wave(s, wave.wave_no, CUP_EAN)
        assert nxt.order_no == "S3"
        fulfilment.ship_order(s, nxt.order_id, [fulfilment.Parcel(D("0.45"))], None, uuid.uuid4())
    with warehouse.begin() as s, pytest.raises(f.NothingToPackError) as none_left:
        fulfilment.find_in_wave(s, wave.wave_no, CUP_EAN)
    assert (none_left.value.wave_no, none_left.value.item) == (wave.wave_no, CUP_EAN)
    assert order_status(session_factory, ids["M1"])[0] == "approved"
