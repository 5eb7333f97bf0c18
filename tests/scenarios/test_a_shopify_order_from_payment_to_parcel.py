"""A Shopify order from payment to parcel, as the company lives it.

A buyer pays for two cups and a carton of milk on the Shopify shop.  The pull brings the order in,
the rules approve it and send it with SF; the stock is reserved.  The warehouse lead makes a wave;
its picking list leads the picker along the pick path, milk from the lot that expires first.  The
picker scans bin and item for each pick.  At the packing station the packer scans the wave, then
each item; the scale weighs the parcel; the label printer gets the label with the tracking number
from SF's pool; the order is shipped and the stock leaves the shelves.  The job that tells the
shops sends Shopify the fulfillment with the tracking number, and the stock ledger still adds up.

Real parts throughout: the embedded PostgreSQL, Shopify's API as a local HTTP server, a
pseudo-terminal as the scale, a TCP listener as the label printer, a PDF read back as text."""

from __future__ import annotations

import io
import json
import uuid
from decimal import Decimal as D

from pypdf import PdfReader
from sqlalchemy import text

from erp_desktop import config
from erp_desktop.channels.http import RetryPolicy
from erp_desktop.channels.shopify import ShopifyChannel
from erp_desktop.devices import labels
from erp_desktop.devices.printers import PrinterConfig, send
from erp_desktop.devices.scale import Scale, ScaleConfig
from erp_desktop.documents.picking_list import render_picking_list
from erp_desktop.domain import rules as r
from erp_desktop.services import channel_sync, fulfilment, jobs, order_review, shipment_confirm, stock
from tests.channels.platform_servers import ShopifyServer
from tests.devices.test_printers import RawPrinter
from tests.devices.test_scale import PtyScale
from tests.fulfilment_fixtures import CUP_EAN, MILK_EAN, level, make_ship_world, order_status

LOCATION = 655441491


def rule(name, action, kind="review", **params):
    return r.RuleSpec(id=None, name=name, kind=kind, priority=10, action=action, params=params, conditions=())


def test_a_paid_shopify_order_is_picked_packed_weighed_labelled_shipped_and_the_shop_is_told(
        db, session_factory, tmp_path):
    with ShopifyServer() as server:
        server.add_product("保温杯", [("SHOP-CUP", "500ml")])
        server.add_product("鲜牛奶", [("SHOP-MILK", "1L")])
        placed = server.add_order(1001, lines=[("SHOP-CUP", 2, "19.90"), ("SHOP-MILK", 1, "12.00")])
        settings = json.dumps({"api": {"url": server.url, "location_id": LOCATION}})
        world = make_ship_world(db, session_factory, shop_code="SHOPIFY", platform="shopify", shop_settings=settings)
        wh = world.stock.wh["HZ"]
        with db.superuser() as su:
            su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id) VALUES (%s, 'SHOP-CUP', %s), "
                       "(%s, 'SHOP-MILK', %s)", (world.shop_id, world.sku["CUP"], world.shop_id, world.sku["MILK"]))
            database = su.execute("SELECT current_database()").fetchone()[0]
        config.set_shop_secret("SHOPIFY", database, {"access_token": server.token})
        with session_factory.begin() as s:
            order_review.save_rule(s, rule("全部自动审", r.APPROVE))
            order_review.save_rule(s, rule("顺丰", r.USE_CARRIER, kind="carrier", carrier_id=world.carrier["SF"]))
            fulfilment.import_tracking_numbers(s, world.carrier["SF"], ["SF1000000001", "SF1000000002"])

        # 1. the pull brings the order in; the rules approve it, route it to SF and reserve its stock
        pulled = channel_sync.pull_orders(session_factory, world.shop_id, ShopifyChannel(
            server.url, server.token, location_id=LOCATION, retry=RetryPolicy(max_attempts=2, backoff=0.01),
            sleep=lambda _s: None))
        assert (pulled.created, len(pulled.reviewed.approved)) == (1, 1)
        [order_id] = pulled.reviewed.approved
        assert order_status(session_factory, order_id) == ("approved", None)
        assert level(session_factory, world.sku["CUP"], wh) == (D(15), D(2))

        # 2. a wave; its picking list follows the pick path, the milk from the lot that expires first
        with session_factory.begin() as s:
            [wave] = fulfilment.create_waves(s, warehouse_id=wh)
            picking = fulfilment.picking_list(s, wave.id)
        assert wave.orders == 1 and order_status(session_factory, order_id)[0] == "picking"
        pdf = io.BytesIO()
        render_picking_list(picking, pdf)
        page = PdfReader(io.BytesIO(pdf.getvalue())).pages[0].extract_text()
        assert wave.wave_no in page and "M-SOON" in page
        assert [p.pick_order for p in picking.lines] == sorted(p.pick_order for p in picking.lines)
        assert [(p.sku_code, p.lot_no, p.quantity) for p in picking.lines if p.sku_code == "MILK"] == \
            [("MILK", "M-SOON", 1)]

        # 3. the picker scans bin and item for every pick
        with session_factory.begin() as s:
            for line in picking.lines:
                for _ in range(int(line.quantity)):
                    progress = fulfilment.confirm_pick(s, wave.id, line.location_code,
                                                       line.barcode or line.sku_code)
        assert progress.left_in_wave == 0

        # 4. the packing station: the wave's barcode, then each item; a wrong item is not counted
        with session_factory() as s:
            pack = fulfilment.find_for_packing(s, wave.wave_no)
        assert pack.order_id == order_id and pack.ready
        scanned: dict[str, int] = {}
        for code in (CUP_EAN, "4006381333931", CUP_EAN, MILK_EAN):
            item = pack.item_for(code)
            if item is not None:
                scanned[item.sku_code] = scanned.get(item.sku_code, 0) + 1
        assert scanned == {"CUP": 2, "MILK": 1}

        # the scale on its serial port says 1.87 kg, stable; that is within the tolerance
        scale_port = PtyScale(tmp_path / "ttyScale", lambda cmd: ["S S      1.870 kg"] if cmd == "S" else [])
        scale_port.plug()
        scale = Scale(ScaleConfig(str(scale_port.link), read_timeout=0.05, min_backoff=0.05, reply_timeout=1)).start()
        try:
            weight = scale.read_stable(timeout=5)
        finally:
            scale.stop()
            scale_port.unplug()
        assert weight.kg == D("1.870") and pack.check_weight(weight.kg).ok

        packer = db.sessions(db.add_login("warehouse"))
        with packer.begin() as s:
            shipped = fulfilment.ship_order(s, order_id, [fulfilment.Parcel(weight.kg)], None, uuid.uuid4())
        [tracking] = shipped.tracking_nos
        assert tracking == "SF1000000001"

        # the label goes to the label printer on port 9100
        printer = RawPrinter()
        try:
            with session_factory() as s:
                label = fulfilment.shipping_label_doc(s, shipped.shipments[0].id)
            send(PrinterConfig(kind="tcp", address=f"127.0.0.1:{printer.port}"), labels.render_zpl(label))
            printer.done.wait(5)
        finally:
            printer.close()
        assert tracking.encode() in printer.job and printer.job.startswith(b"^XA")

        # 5. the order is shipped; its stock has left the shelves and nothing is reserved for it
        assert order_status(session_factory, order_id)[0] == "shipped"
        assert level(session_factory, world.sku["CUP"], wh) == (D(13), D(0))
        assert level(session_factory, world.sku["MILK"], wh) == (D(8), D(0))
        with session_factory() as s:
            assert s.execute(text("SELECT l.lot_no FROM stock.move m JOIN stock.lot l ON l.id = m.lot_id "
                                  "WHERE m.sku_id = :k AND m.kind = 'shipment'"), {"k": world.sku["MILK"]}).scalars() \
                .all() == ["M-SOON"]
            assert stock.check_ledger(s) == []

        # 6. the shops are told: Shopify gets the fulfillment with the tracking number
        done = jobs.run_due_jobs(session_factory, [shipment_confirm.KIND])
        assert [j.state for j in done] == ["done"]
        [fulfillment] = server.fulfillments
        assert (fulfillment["order_id"], fulfillment["tracking_number"]) == (placed["id"], tracking)
        assert server.orders[placed["id"]]["fulfillment_status"] == "fulfilled"
