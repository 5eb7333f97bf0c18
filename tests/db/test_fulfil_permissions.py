"""Fulfilment's permissions, tried the way a user with psql would: a raw connection as each role.
The warehouse picks and ships through the database's functions; nobody writes parcels, pools or
order statuses around them; the order desk and viewers read."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from psycopg import errors

from erp_desktop.services import fulfilment
from tests.db.test_permissions import refused
from tests.fulfilment_fixtures import approved_orders, make_ship_world


@pytest.fixture
def shipping(db, session_factory):
    world = make_ship_world(db, session_factory)
    ids = approved_orders(session_factory, world, [("R1", [("PEN", 2)]), ("R2", [("CUP", 2)])])
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, world.carrier["SF"], ["SF9001", "SF9002", "SF9003"])
        [wave] = fulfilment.create_waves(s, order_ids=[ids["R2"]])
    return world, ids, wave


PARCEL = json.dumps([{"weight_kg": "0.2", "tracking_no": None}])


def test_the_warehouse_ships_through_the_function_and_nothing_around_it(db, shipping):
    world, ids, wave = shipping
    login = db.add_login("warehouse")
    with psycopg.connect(login.conninfo) as conn:
        rows = conn.execute("SELECT tracking_no, packer FROM fulfil.ship_order(%s, %s, %s::jsonb)",
                            (ids["R1"], uuid.uuid4(), PARCEL)).fetchall()
        conn.commit()
        assert rows == [("SF9001", login.role_name)]
        assert conn.execute("SELECT status FROM sales.\"order\" WHERE id = %s", (ids["R1"],)).fetchone() == ("shipped",)
        # labels are counted, picks confirmed; nothing else is written by hand
        conn.execute("UPDATE fulfil.shipment SET labels_printed = labels_printed + 1")
        conn.execute("UPDATE fulfil.pick_line SET picked_quantity = quantity WHERE wave_id = %s", (wave.id,))
        conn.commit()
        assert refused(conn, "UPDATE fulfil.shipment SET status = 'voided'")
        assert refused(conn, "UPDATE fulfil.shipment SET tracking_no = 'X1'")
        assert refused(conn, "DELETE FROM fulfil.shipment")
        assert refused(conn, "INSERT INTO fulfil.shipment (order_id, pack_id, parcel_no, parcel_count, carrier_id, "
                             "tracking_no, packer) VALUES (%s, gen_random_uuid(), 1, 1, %s, 'X2', 'me')",
                       (ids["R2"], world.carrier["SF"]))
        assert refused(conn, "UPDATE fulfil.tracking_number SET taken_at = NULL")
        assert refused(conn, "INSERT INTO fulfil.tracking_number (carrier_id, tracking_no) VALUES (%s, 'X3')",
                       (world.carrier["SF"],))
        assert refused(conn, "UPDATE fulfil.pick_line SET quantity = 1")
        assert refused(conn, "UPDATE sales.\"order\" SET status = 'shipped' WHERE id = %s", (ids["R2"],))
        assert refused(conn, "INSERT INTO fulfil.wave (wave_no, warehouse_id) VALUES ('W1', %s)",
                       (world.stock.wh["HZ"],))


def test_viewers_and_the_order_desk_read_but_do_not_pack(db, shipping):
    world, ids, wave = shipping
    viewer = db.add_login("viewer")
    with psycopg.connect(viewer.conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM fulfil.pick_line WHERE wave_id = %s", (wave.id,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM fulfil.tracking_number").fetchone() == (3,)
        assert refused(conn, "SELECT * FROM fulfil.ship_order(%s, %s, %s::jsonb)", (ids["R1"], uuid.uuid4(), PARCEL))
        assert refused(conn, "SELECT fulfil.take_tracking_no(%s)", (world.carrier["SF"],))
        assert refused(conn, "SELECT fulfil.open_wave(%s, %s, %s)", (world.stock.wh["HZ"], world.carrier["SF"],
                                                                       [ids["R1"]]))
        assert refused(conn, "SELECT fulfil.leave_wave(%s, 'x')", (ids["R2"],))
        assert refused(conn, "UPDATE fulfil.wave SET status = 'cancelled'")
        assert refused(conn, "UPDATE fulfil.shipment SET labels_printed = 9")
    sales = db.add_login("sales")
    with psycopg.connect(sales.conninfo) as conn:
        assert refused(conn, "SELECT * FROM fulfil.ship_order(%s, %s, %s::jsonb)", (ids["R1"], uuid.uuid4(), PARCEL))
        assert refused(conn, "SELECT fulfil.short_pick(%s, %s, 1, 'x')", (wave.id, world.sku["CUP"]))
        # the order desk takes an order out of its wave (a cancellation it took from the platform)
        assert conn.execute("SELECT fulfil.leave_wave(%s, 'by_desk')", (ids["R2"],)).fetchone() == ("approved",)
        conn.commit()
    service = db.add_login("service")
    with psycopg.connect(service.conninfo) as conn:
        conn.execute("SELECT tracking_no FROM fulfil.shipment").fetchall()      # customer service answers "where is it"
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT tracking_no FROM fulfil.tracking_number").fetchall()
