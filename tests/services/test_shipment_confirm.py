"""The shops are told what shipped: Shopify fulfillments and WooCommerce completions sent by the
'confirm_shipment' job to local servers that answer like the platforms, tried again later when
they fail for now, marked failed when the platform refuses for good; Taobao-style shops get their
bulk-ship file."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop import config
from erp_desktop.channels.http import RetryPolicy
from erp_desktop.channels.shopify import ShopifyChannel
from erp_desktop.channels.woocommerce import WooCommerceChannel
from erp_desktop.domain.orders import ParsedOrders
from erp_desktop.services import channel_sync, fulfilment, jobs, order_merge, orders, shipment_confirm
from tests.channels.platform_servers import ShopifyServer, WooCommerceServer
from tests.fulfilment_fixtures import an_order, approved_orders, make_ship_world

LOCATION = 655441491
FAST = RetryPolicy(max_attempts=2, backoff=0.01, max_retry_wait=1)


def ship(db, world, order_ids, numbers):
    """A packer ships each order with a number of the SF pool."""
    packer = db.sessions(db.add_login("warehouse"))
    with packer.begin() as s:
        fulfilment.import_tracking_numbers(s, world.carrier["SF"], numbers)
    for oid in order_ids:
        with packer.begin() as s:
            fulfilment.ship_order(s, oid, [fulfilment.Parcel(D("1.0"))], None, uuid.uuid4())


def states(session_factory, order_id):
    with session_factory() as s:
        return s.execute(text("SELECT confirm_state, confirm_error FROM fulfil.shipment WHERE order_id = :o"),
                         {"o": order_id}).one()


def test_a_shopify_order_is_fulfilled_with_its_tracking_number_by_the_job(db, session_factory):
    with ShopifyServer() as server:
        server.add_product("保温杯", [("IPOD2008PINK", "Pink")])
        placed = server.add_order(1001, lines=[("IPOD2008PINK", 2, "199.00")])
        settings = json.dumps({"api": {"url": server.url, "location_id": LOCATION}})
        world = make_ship_world(db, session_factory, shop_code="SHOPIFY", platform="shopify", shop_settings=settings)
        with db.superuser() as su:
            su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id) VALUES (%s, 'IPOD2008PINK', %s)",
                       (world.shop_id, world.sku["CUP"]))
            database = su.execute("SELECT current_database()").fetchone()[0]
        pulled = channel_sync.pull_orders(session_factory, world.shop_id, ShopifyChannel(
            server.url, server.token, location_id=LOCATION, retry=FAST, sleep=lambda _s: None), review=False)
        assert pulled.created == 1
        with session_factory.begin() as s:
            oid = s.execute(text("SELECT id FROM sales.\"order\"")).scalar_one()
            assert orders.approve_orders(s, [oid], warehouse_id=world.stock.wh["HZ"]).approved == (oid,)
            orders.assign_orders(s, [oid], carrier_id=world.carrier["SF"])
        ship(db, world, [oid], ["SF8001"])

        # a wrong token on this PC: nothing is lost, the job is tried again later with the error kept
        config.set_shop_secret("SHOPIFY", database, {"access_token": "shpat_wrong"})
        [failed] = jobs.run_due_jobs(session_factory, [shipment_confirm.KIND])
        assert failed.state == "retry" and "401" in failed.error
        assert states(session_factory, oid)[0] == "pending" and "401" in states(session_factory, oid)[1]
        assert server.fulfillments == []
        with db.superuser() as su:
            assert su.execute("SELECT run_at > now() FROM core.job WHERE kind = %s AND status = 'queued'",
                              (shipment_confirm.KIND,)).fetchone() == (True,)
            su.execute("UPDATE core.job SET run_at = now() WHERE kind = %s", (shipment_confirm.KIND,))
        config.set_shop_secret("SHOPIFY", database, {"access_token": server.token})
        [done] = jobs.run_due_jobs(session_factory, [shipment_confirm.KIND])
        assert done.state == "done", done.error
        [fulfillment] = server.fulfillments
        assert (fulfillment["order_id"], fulfillment["tracking_number"], fulfillment["tracking_company"]) == \
            (placed["id"], "SF8001", "SF Express")
        assert server.orders[placed["id"]]["fulfillment_status"] == "fulfilled"
        assert tuple(states(session_factory, oid)) == ("confirmed", None)
        with session_factory() as s:
            assert s.execute(text("SELECT count(*) FROM sales.order_event WHERE order_id = :o "
                                  "AND kind = 'shop_confirmed'"), {"o": oid}).scalar_one() == 1
        # nothing pending: the next run tells the shop nothing
        assert shipment_confirm.confirm_shipments(session_factory, world.shop_id).confirmed == 0


def test_woocommerce_orders_are_completed_and_one_cancelled_there_is_marked_failed(db, session_factory):
    with WooCommerceServer() as server:
        good = server.add_order(lines=[("Bar3", 2, "12.00")])
        gone = server.add_order(lines=[("Bar3", 1, "12.00")])
        settings = json.dumps({"api": {"url": server.url}})
        world = make_ship_world(db, session_factory, shop_code="WOO", platform="woocommerce", shop_settings=settings)
        ids = approved_orders(session_factory, world, [(str(good["id"]), [("CUP", 2)]),
                                                       (str(gone["id"]), [("CUP", 1)])])
        ship(db, world, [ids[str(good["id"])], ids[str(gone["id"])]], ["SF8101", "SF8102"])
        server.update_order(gone["id"], status="cancelled")          # the buyer cancelled after we shipped
        channel = WooCommerceChannel(server.url, server.key, server.secret, retry=FAST, sleep=lambda _s: None)
        summary = shipment_confirm.confirm_shipments(session_factory, world.shop_id, channel)
        channel.close()
    assert (summary.confirmed, summary.failed) == (1, 1)
    assert server.orders[good["id"]]["status"] == "completed"
    assert [n["note"] for n in server.notes[good["id"]]] == ["Shipped with 顺丰速运, tracking SF8101"]
    assert tuple(states(session_factory, ids[str(good["id"])])) == ("confirmed", None)
    state, error = states(session_factory, ids[str(gone["id"])])
    assert state == "failed" and "cancelled" in error


def test_a_file_shop_gets_its_bulk_ship_file_once_per_order_merged_orders_each_a_row(db, session_factory, tmp_path):
    world = make_ship_world(db, session_factory)
    ids = approved_orders(session_factory, world, [("F1", [("PEN", 1)])])
    with session_factory.begin() as s:         # two orders of one buyer to one address ship as one parcel
        merged = orders.import_orders(s, world.shop_id, ParsedOrders([
            an_order("F2", [("CUP", 1)], buyer_id="b-9"), an_order("F3", [("LID", 2)], buyer_id="b-9", minutes=5)]))
        target = order_merge.merge_orders(s, merged.order_ids)
        orders.approve_orders(s, [target], warehouse_id=world.stock.wh["HZ"])
        orders.assign_orders(s, [target], carrier_id=world.carrier["SF"])
    ship(db, world, [ids["F1"], target], ["SF8201", "SF8202"])
    out = tmp_path / "发货.csv"
    with session_factory.begin() as s:
        assert shipment_confirm.write_shipment_file(s, world.shop_id, out) == 3
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["订单编号", "物流公司", "运单号"], ["F1", "顺丰速运", "SF8201"],
                                        ["F2", "顺丰速运", "SF8202"], ["F3", "顺丰速运", "SF8202"]]
    assert states(session_factory, target)[0] == "exported"
    with session_factory.begin() as s:         # told already: the next file has none of them
        assert shipment_confirm.write_shipment_file(s, world.shop_id, tmp_path / "again.csv") == 0

    # with a folder in the shop's settings, the job appends each day's shipments to the day's file
    folder = tmp_path / "to-upload"
    with session_factory.begin() as s:
        orders.save_shop_settings(s, world.shop_id, {"shipment_file": {"dir": str(folder)}})
    more = approved_orders(session_factory, world, [("F4", [("PEN", 1)])])
    ship(db, world, [more["F4"]], ["SF8203"])
    assert [o.state for o in jobs.run_due_jobs(session_factory, [shipment_confirm.KIND])] == ["done"]
    day = folder / f"TB1-shipments-{dt.date.today():%Y%m%d}.csv"
    assert day.read_text(encoding="utf-8-sig").splitlines() == ["订单编号,物流公司,运单号", "F4,顺丰速运,SF8203"]
    assert states(session_factory, more["F4"])[0] == "exported"


@pytest.mark.parametrize("platform", ["pdd"])
def test_each_platform_file_has_its_own_columns(db, session_factory, tmp_path, platform):
    world = make_ship_world(db, session_factory, shop_code="PDD1", platform=platform)
    ids = approved_orders(session_factory, world, [("260101-123", [("PEN", 1)])])
    ship(db, world, [ids["260101-123"]], ["SF8301"])
    with session_factory.begin() as s:
        shipment_confirm.write_shipment_file(s, world.shop_id, tmp_path / "pdd.csv")
    assert (tmp_path / "pdd.csv").read_text(encoding="utf-8-sig").splitlines()[0] == "订单号,快递公司,快递单号"
