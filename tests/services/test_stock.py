"""The stock ledger as users meet it: receive, move, reserve, ship, adjust; the database's guarantees."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal as D

import psycopg
import pytest
from sqlalchemy import text

from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.services import stock
from tests.stock_fixtures import make_world


@pytest.fixture
def world(db):
    return make_world(db)


def level(session, world, sku, wh):
    row = session.execute(text("SELECT on_hand, reserved, in_transit FROM stock.level WHERE sku_id = :s "
                               "AND warehouse_id = :w"), {"s": world.sku[sku], "w": world.wh[wh]}).first()
    return tuple(row) if row else (D(0), D(0), D(0))


def test_receipt_raises_on_hand_and_writes_one_move(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("12"), note="首批到货")
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (12, 0, 0)
        moves = s.execute(text("SELECT kind, quantity, to_location_id, created_by FROM stock.move")).all()
        assert [(m.kind, m.quantity, m.to_location_id) for m in moves] == [("receipt", 12, world.bin["HZ/A-01"])]
        assert moves[0].created_by == "boss@erp_test"
        assert stock.check_ledger(s) == []


def test_reserve_release_and_ship(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("5"))
        res = stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D("3"), doc_type="order_line", doc_id=7)
    with session_factory.begin() as s:
        assert level(s, world, "CUP", "HZ") == (5, 3, 0)
        assert stock.available_stock(s, world.sku["CUP"], world.wh["HZ"]) == 2
        with pytest.raises(NotEnoughStockError) as err:
            stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D("3"))
    assert (err.value.sku, err.value.warehouse, err.value.wanted, err.value.available) == ("CUP", "HZ", 3, 2)
    with session_factory.begin() as s:
        stock.release_stock(s, res, D("1"))
        stock.consume_stock(s, res, doc_ref="SO-1")
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (3, 0, 0)
        kinds = s.execute(text("SELECT kind, quantity, doc_type, doc_id FROM stock.move ORDER BY id")).all()
        assert [tuple(k) for k in kinds] == [("receipt", 5, "receipt", None), ("shipment", 2, "order_line", 7)]
        assert stock.check_ledger(s) == []


def test_reserved_stock_cannot_be_scrapped_or_moved_out(db, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/A-01"], D("2"))
        stock.reserve_stock(s, world.sku["PEN"], world.wh["HZ"], D("2"))
    with session_factory.begin() as s, pytest.raises(NotEnoughStockError):
        stock.scrap_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("1"), "damaged")
    with session_factory.begin() as s, pytest.raises(NotEnoughStockError):
        stock.ship_transfer(s, world.sku["PEN"], world.bin["HZ/A-01"], world.wh["GZ"], D("1"))


def test_kit_reserves_and_ships_its_components(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("3"))
        stock.receive_goods(s, world.sku["LID"], world.bin["HZ/A-02"], D("5"))
        res = stock.reserve_stock(s, world.sku["GIFT"], world.wh["HZ"], D("2"))
    with session_factory.begin() as s:
        assert level(s, world, "CUP", "HZ")[1] == 2 and level(s, world, "LID", "HZ")[1] == 4
        # a third kit needs 2 more lids: only 1 left, and nothing is held by the failed attempt
        with pytest.raises(NotEnoughStockError) as err:
            stock.reserve_stock(s, world.sku["GIFT"], world.wh["HZ"], D("1"))
    assert err.value.sku == "LID" and err.value.available == 1
    with session_factory.begin() as s:
        assert level(s, world, "CUP", "HZ")[1] == 2
        stock.consume_stock(s, res, D("1"))
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (2, 1, 0) and level(s, world, "LID", "HZ") == (3, 2, 0)
        assert stock.check_ledger(s) == []
    with session_factory.begin() as s, pytest.raises(StockRuleError, match="kit is not stocked"):
        stock.receive_goods(s, world.sku["GIFT"], world.bin["HZ/A-01"], D("1"))


def test_fefo_ships_the_earliest_expiry_first_and_expired_stock_is_not_available(session_factory, world):
    today = dt.date.today()
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-01"], D("4"), lot_no="L-LATE",
                            expires_on=today + dt.timedelta(days=60))
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/B-01"], D("3"), lot_no="L-SOON",
                            expires_on=today + dt.timedelta(days=5))
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-02"], D("6"), lot_no="L-OLD",
                            expires_on=today - dt.timedelta(days=1))
    with session_factory.begin() as s:
        assert stock.available_stock(s, world.sku["MILK"], world.wh["HZ"]) == 7   # 6 expired units do not count
        with pytest.raises(NotEnoughStockError):
            stock.reserve_stock(s, world.sku["MILK"], world.wh["HZ"], D("8"))
    with session_factory.begin() as s:
        res = stock.reserve_stock(s, world.sku["MILK"], world.wh["HZ"], D("5"))
        stock.consume_stock(s, res)
    with session_factory() as s:
        shipped = s.execute(text("SELECT l.lot_no, m.quantity FROM stock.move m JOIN stock.lot l ON l.id = m.lot_id "
                                 "WHERE m.kind = 'shipment' ORDER BY m.id")).all()
        assert [tuple(r) for r in shipped] == [("L-SOON", 3), ("L-LATE", 2)]
        assert stock.check_ledger(s) == []


def test_transfer_between_warehouses_goes_through_transit(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("10"))
        stock.ship_transfer(s, world.sku["CUP"], world.bin["HZ/A-01"], world.wh["GZ"], D("4"), doc_ref="TR-1")
    with session_factory.begin() as s:
        assert level(s, world, "CUP", "HZ") == (6, 0, 0)
        assert level(s, world, "CUP", "GZ") == (0, 0, 4)
        stock.receive_transfer(s, world.sku["CUP"], world.bin["GZ/A-02"], D("4"), doc_ref="TR-1")
        stock.transfer_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], world.bin["HZ/B-01"], D("1"))
    with session_factory() as s:
        assert level(s, world, "CUP", "GZ") == (4, 0, 0)
        assert stock.check_ledger(s) == []
    with session_factory.begin() as s, pytest.raises(StockRuleError, match="two warehouses"):
        stock.transfer_stock(s, world.sku["CUP"], world.bin["HZ/A-01"], world.bin["GZ/A-01"], D("1"))


def test_adjust_and_scrap_are_for_leads_only(db, world):
    wh = db.add_login("warehouse")
    lead = db.add_login("warehouse_lead")
    with db.sessions(wh).begin() as s:
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/A-01"], D("10"))
    with db.sessions(wh).begin() as s, pytest.raises(PermissionDeniedError):
        stock.adjust_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("-1"), "lost")
    with db.sessions(wh).begin() as s, pytest.raises(PermissionDeniedError):
        stock.scrap_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("1"), "damaged")
    with db.sessions(lead).begin() as s:
        stock.adjust_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("-2"), "lost", note="盘点少了")
        stock.scrap_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("1"), "damaged")
    with db.sessions(lead).begin() as s, pytest.raises(StockRuleError, match="reason"):
        stock.adjust_stock(s, world.sku["PEN"], world.bin["HZ/A-01"], D("1"), "damaged")  # a scrap reason
    with db.sessions(lead)() as s:
        assert level(s, world, "PEN", "HZ") == (7, 0, 0)


def test_nobody_writes_the_stock_tables_directly(db, world):
    for area in ("admin", "warehouse_lead", "warehouse", "sales"):
        login = db.add_login(area)
        with psycopg.connect(login.conninfo) as conn:
            for sql in ("UPDATE stock.level SET on_hand = 1000",
                        "INSERT INTO stock.quant (sku_id, location_id, warehouse_id, quantity) VALUES (1, 1, 1, 5)",
                        "DELETE FROM stock.move",
                        "UPDATE stock.reservation SET quantity = 0",
                        "SELECT stock.post_move('receipt', 1, NULL, NULL, 1, 5)"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
                conn.rollback()


def test_ledger_is_append_only_even_for_its_owner(db, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("1"))
    with db.superuser() as su, pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        su.execute("UPDATE stock.move SET quantity = 100")


def test_viewer_and_service_cannot_move_stock(db, world):
    for area in ("viewer", "service", "finance"):
        login = db.add_login(area)
        with db.sessions(login).begin() as s, pytest.raises(PermissionDeniedError):
            stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("1"))


def test_two_clients_reserving_the_last_units_exactly_one_wins(db, world):
    admin = db.add_login("admin")
    with db.sessions(admin).begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("3"))
    barrier = threading.Barrier(2)
    results: list[object] = []

    def client():
        sessions = db.sessions(admin)
        with sessions.begin() as s:
            barrier.wait()
            try:
                results.append(stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D("3")))
            except NotEnoughStockError as exc:
                results.append(exc)

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(type(r).__name__ for r in results) == ["NotEnoughStockError", "int"]
    with db.sessions(admin)() as s:
        assert level(s, world, "CUP", "HZ") == (3, 3, 0)
        assert stock.check_ledger(s) == []


def test_a_hold_is_its_own_transaction_and_the_last_units_go_to_one_client(db, admin, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D("3"))
    held = stock.hold_stock(session_factory, world.sku["CUP"], world.wh["HZ"], D("1"), note="样品留货")
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (3, 1, 0)
        assert s.execute(text("SELECT note, created_by FROM stock.reservation WHERE id = :r"),
                         {"r": held}).one() == ("样品留货", "boss@erp_test")
    # the pooled connection goes back to the pool in transaction mode: a Session on it still rolls back
    with session_factory() as s:
        stock.reserve_stock(s, world.sku["CUP"], world.wh["HZ"], D("1"))
        s.rollback()
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (3, 1, 0)

    barrier = threading.Barrier(2)
    results: list[object] = []

    def client():
        sessions = db.sessions(admin)
        barrier.wait()
        try:
            results.append(stock.hold_stock(sessions, world.sku["CUP"], world.wh["HZ"], D("2")))
        except NotEnoughStockError as exc:
            results.append(exc)

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(type(r).__name__ for r in results) == ["NotEnoughStockError", "int"]
    refused = next(r for r in results if isinstance(r, NotEnoughStockError))
    assert (refused.sku, refused.wanted, refused.available) == ("CUP", 2, 0)
    stock.unhold_stock(session_factory, held)
    with session_factory() as s:
        assert level(s, world, "CUP", "HZ") == (3, 2, 0)
        assert stock.check_ledger(s) == []


def test_history_is_recorded_with_its_dates_and_keeps_the_ledger(db, session_factory, world):
    now = dt.datetime.now(dt.UTC)
    moves = [stock.PastMove("receipt", world.sku["CUP"], D("100"), now - dt.timedelta(days=365),
                            to_location_id=world.bin["HZ/A-01"], doc_ref="opening")]
    moves += [stock.PastMove("shipment", world.sku["CUP"], D(day % 3 + 1), now - dt.timedelta(days=day),
                             from_location_id=world.bin["HZ/A-01"], doc_type="demo_sale") for day in range(1, 31)]
    with session_factory.begin() as s:
        assert stock.record_history(s, moves) == 31
    with session_factory() as s:
        sold = sum(day % 3 + 1 for day in range(1, 31))
        assert level(s, world, "CUP", "HZ") == (100 - sold, 0, 0)
        oldest = s.execute(text("SELECT min(moved_at) FROM stock.move")).scalar_one()
        assert abs((oldest - (now - dt.timedelta(days=365))).total_seconds()) < 1
        assert stock.check_ledger(s) == []
    # never the future, never more out than in, and only for administrators
    with session_factory.begin() as s, pytest.raises(StockRuleError, match="not a past move"):
        stock.record_history(s, [stock.PastMove("receipt", world.sku["PEN"], D(1), now + dt.timedelta(days=1),
                                                to_location_id=world.bin["HZ/A-01"])])
    with session_factory.begin() as s, pytest.raises(StockRuleError):
        stock.record_history(s, [stock.PastMove("shipment", world.sku["PEN"], D(1), now - dt.timedelta(days=1),
                                                from_location_id=world.bin["HZ/A-01"])])
    lead = db.add_login("warehouse_lead")
    with db.sessions(lead).begin() as s, pytest.raises(PermissionDeniedError):
        stock.record_history(s, moves[:1])


def test_history_in_small_batches_and_lots_received_in_the_past(session_factory, world):
    now = dt.datetime.now(dt.UTC)
    opened = now - dt.timedelta(days=400)
    moves = [stock.PastMove("receipt", world.sku["MILK"], D("50"), opened, to_location_id=world.bin["HZ/A-01"],
                            lot_no="M-2025-01", expires_on=(now + dt.timedelta(days=30)).date())]
    moves += [stock.PastMove("shipment", world.sku["MILK"], D("2"), now - dt.timedelta(days=d),
                             from_location_id=world.bin["HZ/A-01"], lot_no="M-2025-01") for d in range(1, 21)]
    with session_factory.begin() as s:
        # batches of 3: most of them ship more than they receive, from stock that is there
        assert stock.record_history(s, moves, batch=3) == 21
    with session_factory() as s:
        assert level(s, world, "MILK", "HZ") == (10, 0, 0)
        received, expires = s.execute(text("SELECT received_on, expires_on FROM stock.lot "
                                           "WHERE lot_no = 'M-2025-01'")).one()
        assert received == opened.date() and expires is not None
        # the lot's stock counts as expiring stock for reservations
        assert s.execute(text("SELECT tracks_expiry FROM stock.level WHERE sku_id = :s"),
                         {"s": world.sku["MILK"]}).scalar_one()
        assert stock.check_ledger(s) == []


def test_reserved_stock_may_move_between_bins_of_its_warehouse(session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["PEN"], world.bin["HZ/B-01"], D("5"))
        res = stock.reserve_stock(s, world.sku["PEN"], world.wh["HZ"], D("5"))
    with session_factory.begin() as s:   # refill the pick bin from reserve storage
        stock.transfer_stock(s, world.sku["PEN"], world.bin["HZ/B-01"], world.bin["HZ/A-01"], D("5"))
    with session_factory.begin() as s:
        assert level(s, world, "PEN", "HZ") == (5, 5, 0)
        stock.consume_stock(s, res)
    with session_factory() as s:
        assert level(s, world, "PEN", "HZ") == (0, 0, 0)
        assert stock.check_ledger(s) == []


def test_unexpired_stock_held_for_reservations_cannot_leave_beside_expired_stock(session_factory, world):
    today = dt.date.today()
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-01"], D("10"), lot_no="OLD",
                            expires_on=today - dt.timedelta(days=1))
        stock.receive_goods(s, world.sku["MILK"], world.bin["HZ/A-02"], D("10"), lot_no="NEW",
                            expires_on=today + dt.timedelta(days=30))
        res = stock.reserve_stock(s, world.sku["MILK"], world.wh["HZ"], D("10"))
        new_lot = s.execute(text("SELECT id FROM stock.lot WHERE lot_no = 'NEW'")).scalar_one()
        old_lot = s.execute(text("SELECT id FROM stock.lot WHERE lot_no = 'OLD'")).scalar_one()
    # on hand 20 >= reserved 10, but only 10 are good and they are held
    with session_factory.begin() as s, pytest.raises(NotEnoughStockError):
        stock.ship_transfer(s, world.sku["MILK"], world.bin["HZ/A-02"], world.wh["GZ"], D("1"), lot_id=new_lot)
    with session_factory.begin() as s:   # the expired lot may go
        stock.scrap_stock(s, world.sku["MILK"], world.bin["HZ/A-01"], D("10"), "expired", lot_id=old_lot)
        stock.consume_stock(s, res)
    with session_factory() as s:
        assert level(s, world, "MILK", "HZ") == (0, 0, 0)
        assert stock.check_ledger(s) == []
