"""WooCommerceChannel against a local server that answers like the WooCommerce REST API v3."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

import pytest

from erp_desktop.channels.base import OrderChannel
from erp_desktop.channels.http import RetryPolicy
from erp_desktop.channels.woocommerce import WooCommerceChannel
from erp_desktop.domain.orders import (
    CANCELLED,
    COMPLETED,
    PAID,
    REFUNDED,
    UNPAID,
    ChannelError,
    PlatformOrder,
    ShipmentConfirmation,
    StockPush,
)
from tests.channels.platform_servers import WooCommerceServer


class Waits(list):
    """The adapter's sleep: records what it was asked to wait and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def site():
    with WooCommerceServer() as server:
        yield server


@pytest.fixture
def connect(site):
    opened = []

    def connect(secret: str | None = None, **options) -> WooCommerceChannel:
        options.setdefault("page_size", 3)
        options.setdefault("sleep", Waits())
        options.setdefault("retry", RetryPolicy(max_attempts=4, backoff=0.5, max_retry_wait=30))
        channel = WooCommerceChannel(site.url, site.key, secret or site.secret, **options)
        opened.append(channel)
        return channel

    yield connect
    for channel in opened:
        channel.close()


def run(channel: WooCommerceChannel, cursor: str | None) -> tuple[list[PlatformOrder], str | None]:
    """What the order service does: fetch pages, keeping each page's cursor, until the run ends."""
    got: list[PlatformOrder] = []
    while True:
        page = channel.fetch_orders(cursor)
        assert not page.rejected
        got.extend(page.orders)
        if page.cursor is None:
            return got, page.next_run
        cursor = page.cursor


def eight_orders(site: WooCommerceServer) -> list[str]:
    """Eight orders; four changed within one second, across a page boundary (pages of 3)."""
    ids = []
    for ticks in (0, 1, 1, 0, 0, 0, 1, 1):
        site.tick(ticks)
        ids.append(str(site.add_order()["id"]))
    return ids


def test_reads_every_page_oldest_change_first(site, connect):
    ids = eight_orders(site)
    channel = connect()
    assert isinstance(channel, OrderChannel)

    orders, next_run = run(channel, None)

    assert [o.order_no for o in orders] == ids
    assert orders[0].raw == site.orders[int(ids[0])] and orders[0].display_no == ids[0]
    assert next_run is not None
    lists = site.seen("GET", "/orders")
    assert len(lists) == 3
    first = lists[0].query
    assert (first["orderby"], first["order"], first["per_page"], first["dates_are_gmt"]) == (
        "modified", "asc", "3", "true")
    assert (first["consumer_key"], first["consumer_secret"]) == (site.key, site.secret)   # plain http


def test_statuses_amounts_and_addresses_are_mapped(site, connect):
    site.add_order(lines=[("Bar3", 2, "12.00"), ("Foo1", 1, "3.50")], discount_total="2.00",
                   shipping_total="10.00", total="37.50", customer_id=42, customer_note="Leave at the door")
    site.orders[max(site.orders)]["line_items"][0]["total"] = "22.00"         # a coupon took 2.00 off
    for status in ("pending", "on-hold", "completed", "cancelled", "refunded", "failed"):
        site.tick()
        site.add_order(status=status)

    orders = run(connect(page_size=100), None)[0]

    first = orders[0]
    assert (first.status, first.platform_status) == (PAID, "processing")
    assert first.goods_amount == Decimal("27.50") and first.discount == Decimal("2.00")
    assert first.shipping_fee == Decimal("10.00") and first.paid_amount == Decimal("37.50")
    a, b = first.lines
    assert (a.platform_sku, a.quantity, a.unit_price, a.amount, a.variant) == (
        "Bar3", 2, Decimal("12"), Decimal("22.00"), "Color: Black")
    assert (b.platform_sku, b.unit_price, b.amount) == ("Foo1", Decimal("3.5"), Decimal("3.50"))
    assert first.receiver_name == "John Doe" and first.receiver_phone == "(555) 555-5555"
    assert first.address_detail == "969 Market Suite 4"
    assert (first.province, first.city, first.postal_code, first.country) == ("CA", "San Francisco", "94103", "US")
    assert (first.buyer_id, first.buyer_message, first.email) == ("42", "Leave at the door", "john.doe@example.com")
    assert first.ordered_at == dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC) == first.paid_at
    assert [o.status for o in orders[1:]] == [UNPAID, UNPAID, COMPLETED, CANCELLED, REFUNDED, CANCELLED]
    assert orders[1].paid_at is None


def test_an_unknown_status_is_listed_not_lost(site, connect):
    site.add_order()
    site.tick()
    odd = site.add_order(status="awaiting-pickup")              # a plugin's own status

    page = connect(page_size=100).fetch_orders(None)

    assert len(page.orders) == 1
    assert [(r.row, r.field, r.reason, r.order_no) for r in page.rejected] == [
        (2, "status", "bad_status", str(odd["id"]))]


def test_a_429_waits_as_long_as_the_site_asks_then_retries(site, connect):
    eight_orders(site)
    waits = Waits()
    site.fail_next(1, 429, retry_after="7")

    orders, _ = run(connect(sleep=waits), None)

    assert len(orders) == 8 and waits == [7.0]


def test_a_failed_run_resumes_from_its_last_good_page_without_repeats_or_gaps(site, connect):
    ids = eight_orders(site)
    waits = Waits()
    channel = connect(sleep=waits)
    first = channel.fetch_orders(None)
    site.fail_next(10, 503)

    with pytest.raises(ChannelError) as caught:
        channel.fetch_orders(first.cursor)
    assert (caught.value.status, caught.value.transient) == (503, True)
    assert waits == [0.5, 1.0, 2.0]

    site.heal()
    site.drop_next(1)                                           # and one dropped connection on the way
    rest, _ = run(connect(), first.cursor)
    assert [o.order_no for o in first.orders + tuple(rest)] == ids


def test_an_order_changed_during_a_run_skips_nothing(site, connect):
    # Page numbers would skip here: the changed order jumps to the end and the rest move up a place.
    ids = eight_orders(site)
    channel = connect()
    page = channel.fetch_orders(None)
    site.tick()
    site.update_order(int(ids[0]), status="cancelled")

    rest, next_run = run(channel, page.cursor)

    read = [o.order_no for o in page.orders + tuple(rest)]
    assert read == [*ids, ids[0]]
    assert rest[-1].status == CANCELLED

    site.update_order(int(ids[1]), status="completed")          # the same second as the last one read
    again, _ = run(connect(), next_run)
    assert [(o.order_no, o.status) for o in again] == [(ids[1], COMPLETED)]


def test_stock_goes_to_products_and_variations_by_sku(site, connect):
    simple = site.add_product("Beanie", "BEANIE")
    shirt = site.add_product("Shirt", "SHIRT", variations=[("SHIRT-RED", "Red"), ("SHIRT-BLUE", "Blue")])
    channel = connect()

    results = channel.push_stock([StockPush("SHIRT-BLUE", 4), StockPush("BEANIE", 9), StockPush("GHOST", 1),
                                  StockPush("SHIRT-RED", -2)])

    assert [(r.platform_sku, r.ok, r.reason) for r in results] == [
        ("SHIRT-BLUE", True, ""), ("BEANIE", True, ""), ("GHOST", False, "unknown_sku"), ("SHIRT-RED", True, "")]
    assert (site.by_sku("BEANIE")["stock_quantity"], site.by_sku("BEANIE")["manage_stock"]) == (9, True)
    assert site.by_sku("SHIRT-BLUE")["stock_quantity"] == 4
    assert site.by_sku("SHIRT-RED")["stock_quantity"] == 0     # never less than nothing
    batches = {r.path: r.body for r in site.seen("POST", "/batch")}
    assert batches[f"/wp-json/wc/v3/products/{shirt['id']}/variations/batch"]["update"] == [
        {"id": site.by_sku("SHIRT-BLUE")["id"], "stock_quantity": 4, "manage_stock": True},
        {"id": site.by_sku("SHIRT-RED")["id"], "stock_quantity": 0, "manage_stock": True}]
    assert batches["/wp-json/wc/v3/products/batch"]["update"] == [
        {"id": simple["id"], "stock_quantity": 9, "manage_stock": True}]

    lookups = len(site.seen("GET", "/products"))
    channel.push_stock([StockPush("BEANIE", 8)])
    assert len(site.seen("GET", "/products")) == lookups          # ids are cached
    assert site.by_sku("BEANIE")["stock_quantity"] == 8


def test_a_shipment_completes_the_order_and_tells_the_customer_once(site, connect):
    order = site.add_order()
    channel = connect()
    shipment = ShipmentConfirmation(str(order["id"]), "DHL", "JD014600003")

    channel.confirm_shipment(shipment)
    channel.confirm_shipment(shipment)                            # sent again (a retried job)

    assert site.orders[order["id"]]["status"] == "completed"
    assert [(n["note"], n["customer_note"]) for n in site.notes[order["id"]]] == [
        ("Shipped with DHL, tracking JD014600003", True)]
    assert len(site.seen("PUT", f"/orders/{order['id']}")) == 1


def test_a_partial_shipment_or_a_cancelled_order_is_not_completed(site, connect):
    order = site.add_order(lines=[("A", 1, "1.00"), ("B", 1, "2.00")])
    channel = connect()
    first_line = str(order["line_items"][0]["id"])
    channel.confirm_shipment(ShipmentConfirmation(str(order["id"]), "UPS", "1Z1", line_ids=(first_line,)))
    assert site.orders[order["id"]]["status"] == "processing"
    assert len(site.notes[order["id"]]) == 1

    gone = site.add_order(status="cancelled")
    with pytest.raises(ChannelError) as caught:
        channel.confirm_shipment(ShipmentConfirmation(str(gone["id"]), "UPS", "1Z2"))
    assert caught.value.transient is False and site.orders[gone["id"]]["status"] == "cancelled"


def test_bad_credentials_are_not_transient_and_never_logged(site, connect, caplog):
    site.add_order()
    waits = Waits()
    caplog.set_level(logging.DEBUG)
    connect(sleep=waits).fetch_orders(None)                       # a good run logs its requests too
    wrong = "cs_wrong_secret_123"

    with pytest.raises(ChannelError) as caught:
        connect(secret=wrong, sleep=waits).fetch_orders(None)

    assert (caught.value.status, caught.value.transient) == (401, False)
    assert waits == []
    assert "HTTP Request" in caplog.text                        # httpx did log the requests ...
    assert wrong not in caplog.text and site.secret not in caplog.text      # ... without the keys
    assert wrong not in str(caught.value)
