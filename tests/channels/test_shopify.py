"""ShopifyChannel against a local server that answers like the Admin REST API (platform_servers.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from erp_desktop.channels.base import OrderChannel
from erp_desktop.channels.http import RetryPolicy
from erp_desktop.channels.shopify import ShopifyChannel
from erp_desktop.domain.orders import (
    CANCELLED,
    PAID,
    REFUNDED,
    SHIPPED,
    UNPAID,
    ChannelError,
    PlatformOrder,
    ShipmentConfirmation,
    StockPush,
)
from tests.channels.platform_servers import ShopifyServer


class Waits(list):
    """The adapter's sleep: records what it was asked to wait and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def shop():
    with ShopifyServer() as server:
        yield server


@pytest.fixture
def connect(shop):
    opened = []

    def connect(token: str | None = None, **options) -> ShopifyChannel:
        options.setdefault("page_size", 2)
        options.setdefault("sleep", Waits())
        options.setdefault("retry", RetryPolicy(max_attempts=4, backoff=0.5, max_retry_wait=30))
        channel = ShopifyChannel(shop.url, token or shop.token, **options)
        opened.append(channel)
        return channel

    yield connect
    for channel in opened:
        channel.close()


def run(channel: ShopifyChannel, cursor: str | None) -> tuple[list[PlatformOrder], str | None]:
    """What the order service does: fetch pages, keeping each page's cursor, until the run ends."""
    got: list[PlatformOrder] = []
    while True:
        page = channel.fetch_orders(cursor)
        assert not page.rejected
        got.extend(page.orders)
        if page.cursor is None:
            return got, page.next_run
        cursor = page.cursor


def seven_orders(shop: ShopifyServer) -> list[str]:
    """Seven orders; three changed within one second, across a page boundary (pages of 2)."""
    ids = []
    for number, ticks in zip(range(1001, 1008), (0, 1, 1, 0, 0, 1, 1), strict=True):
        shop.tick(ticks)
        ids.append(str(shop.add_order(number)["id"]))
    return ids


def test_reads_every_page_following_the_link_header(shop, connect):
    ids = seven_orders(shop)
    channel = connect()
    assert isinstance(channel, OrderChannel)

    orders, next_run = run(channel, None)

    assert [o.order_no for o in orders] == ids
    assert [o.display_no for o in orders] == [f"#{n}" for n in range(1001, 1008)]
    assert orders[0].raw == shop.orders[int(ids[0])]
    assert next_run is not None
    lists = shop.seen("GET", "orders.json")
    assert len(lists) == 4
    assert lists[0].query == {"status": "any", "limit": "2", "order": "updated_at asc"}
    assert all(set(r.query) == {"limit", "page_info"} for r in lists[1:])
    assert lists[0].headers["x-shopify-access-token"] == shop.token


def test_statuses_amounts_and_addresses_are_mapped(shop, connect):
    shop.add_order(1001, lines=[("SKU-A", 2, "10.00"), ("SKU-B", 1, "5.50")], total_discounts="3.00",
                   total_price="28.00", shipping_lines=[{"title": "Standard", "price": "5.50", "code": "std"}])
    shop.orders[450790470]["line_items"][0]["discount_allocations"] = [
        {"amount": "3.00", "discount_application_index": 0}]
    shop.add_order(1002, financial_status="pending")
    shop.add_order(1003, financial_status="refunded")
    shop.add_order(1004, financial_status="paid", fulfillment_status="fulfilled")
    shop.add_order(1005, financial_status="voided", cancelled_at="2025-03-01T05:00:00-05:00")
    partly = shop.add_order(1006, financial_status="partially_refunded",
                            lines=[("SKU-A", 1, "10.00"), ("SKU-C", 1, "7.00")])
    partly["refunds"] = [{"id": 1, "refund_line_items": [{"line_item_id": partly["line_items"][1]["id"],
                                                          "quantity": 1}]}]

    orders = {o.display_no: o for o in run(connect(page_size=250), None)[0]}

    first = orders["#1001"]
    assert first.status == PAID and first.platform_status == "paid/unfulfilled"
    assert first.goods_amount == Decimal("25.50") and first.discount == Decimal("3.00")
    assert first.shipping_fee == Decimal("5.50") and first.paid_amount == Decimal("28.00")
    assert first.currency == "USD"
    a, b = first.lines
    assert (a.platform_sku, a.quantity, a.unit_price, a.amount) == ("SKU-A", 2, Decimal("10.00"), Decimal("17.00"))
    assert (b.platform_sku, b.amount, b.variant) == ("SKU-B", Decimal("5.50"), "Pink")
    assert first.receiver_name == "Bob Norman" and first.receiver_phone == "+1(502)-459-2181"
    assert (first.province, first.city, first.postal_code, first.country) == ("Kentucky", "Louisville", "40202", "US")
    assert first.address_detail == "Chestnut Street 92 Apt 2"
    assert first.ordered_at == dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert first.paid_at is not None and first.email == "bob.norman@mail.example.com"

    assert (orders["#1002"].status, orders["#1002"].paid_at) == (UNPAID, None)
    assert orders["#1003"].status == REFUNDED
    assert orders["#1004"].status == SHIPPED
    assert orders["#1005"].status == CANCELLED
    partly = orders["#1006"]
    assert partly.status == PAID
    assert [line.status for line in partly.lines] == [PAID, REFUNDED]


def test_a_429_waits_as_long_as_shopify_asks_then_retries(shop, connect):
    seven_orders(shop)
    waits = Waits()
    channel = connect(sleep=waits)
    shop.fail_next(2, 429, retry_after="2.0")

    page = channel.fetch_orders(None)

    assert len(page.orders) == 2
    assert waits == [2.0, 2.0]
    assert len(shop.seen("GET", "orders.json")) == 3


def test_a_retry_after_longer_than_the_cap_gives_up_at_once_and_says_when(shop, connect):
    seven_orders(shop)
    waits = Waits()
    channel = connect(sleep=waits, retry=RetryPolicy(max_retry_wait=30))
    shop.fail_next(1, 429, retry_after="120")

    with pytest.raises(ChannelError) as caught:
        channel.fetch_orders(None)

    assert (caught.value.status, caught.value.retry_after, caught.value.transient) == (429, 120.0, True)
    assert waits == []


def test_dropped_connections_are_retried_with_backoff(shop, connect):
    seven_orders(shop)
    waits = Waits()
    shop.drop_next(2)

    orders, _ = run(connect(sleep=waits), None)

    assert len(orders) == 7
    assert waits == [0.5, 1.0]


def test_a_failed_run_resumes_from_its_last_good_page_without_repeats_or_gaps(shop, connect):
    ids = seven_orders(shop)
    waits = Waits()
    channel = connect(sleep=waits)
    first = channel.fetch_orders(None)
    shop.fail_next(10, 500)

    with pytest.raises(ChannelError) as caught:
        channel.fetch_orders(first.cursor)
    assert (caught.value.status, caught.value.transient) == (500, True)
    assert waits == [0.5, 1.0, 2.0]                      # 4 attempts, backing off

    shop.heal()
    rest, _ = run(connect(), first.cursor)               # a new adapter, as after a restart
    assert [o.order_no for o in first.orders + tuple(rest)] == ids


def test_changes_during_and_after_a_run_reach_the_next_run(shop, connect):
    ids = seven_orders(shop)
    channel = connect()
    page = channel.fetch_orders(None)
    shop.tick()
    shop.update_order(int(ids[0]), financial_status="refunded")      # read on page 1 already
    rest, next_run = run(channel, page.cursor)
    read = [o.order_no for o in page.orders + tuple(rest)]
    assert set(read) == set(ids)
    assert [o.status for o in rest if o.order_no == ids[0]] == [REFUNDED]   # read again, changed

    # within the same second as the last change read, and a second later
    shop.update_order(int(ids[3]), financial_status="refunded")
    shop.tick()
    shop.add_order(1008)
    again, _ = run(connect(), next_run)
    assert [(o.order_no, o.status) for o in again] == [(ids[3], REFUNDED), (str(450789469 + 1008), PAID)]
    nothing, _ = run(connect(), _)
    assert nothing == []


def test_stock_is_set_per_inventory_item_at_the_location(shop, connect):
    shop.add_product("Snowboard", [("BOARD-S", "Small"), ("BOARD-L", "Large")])
    shop.add_product("Wax", [("WAX", "Default Title")], tracked=False)
    shop.add_product("Board again", [("BOARD-L", "Large")])               # one SKU on two listings
    channel = connect()

    results = channel.push_stock([StockPush("BOARD-S", 7), StockPush("NOPE", 3), StockPush("BOARD-L", 2),
                                  StockPush("WAX", 4)])

    assert [(r.platform_sku, r.ok, r.reason[:12]) for r in results] == [
        ("BOARD-S", True, ""), ("NOPE", False, "unknown_sku"), ("BOARD-L", False, "duplicate_sk"),
        ("WAX", False, "refused_422:")]
    main = shop.locations[0]["id"]                                        # the first active location
    item = shop.variant("BOARD-S")["inventory_item_id"]
    assert shop.levels[(item, main)] == 7
    assert shop.seen("POST", "inventory_levels/set.json")[0].body == {
        "location_id": main, "inventory_item_id": item, "available": 7}

    shop.add_product("New", [("NEW-1", "Default Title")])
    assert channel.push_stock([StockPush("NEW-1", 1)])[0].ok is False     # the catalogue copy is fresh
    later = connect(location_id=shop.locations[1]["id"], catalog_max_age=0)
    assert later.push_stock([StockPush("NEW-1", 5)])[0].ok is True
    assert shop.levels[(shop.variant("NEW-1")["inventory_item_id"], shop.locations[1]["id"])] == 5


def test_a_shipment_creates_a_fulfillment_with_tracking_once(shop, connect):
    order = shop.add_order(1001, lines=[("A", 1, "5.00"), ("B", 2, "6.00")])
    channel = connect()
    shipment = ShipmentConfirmation(str(order["id"]), "UPS", "1Z999AA10123456784")

    channel.confirm_shipment(shipment)
    channel.confirm_shipment(shipment)                    # sent again (a retried job): nothing new

    assert len(shop.fulfillments) == 1
    made = shop.fulfillments[0]
    assert (made["tracking_company"], made["tracking_number"], made["notify_customer"]) == (
        "UPS", "1Z999AA10123456784", False)
    assert sorted(i["quantity"] for i in made["line_items"]) == [1, 2]
    assert shop.orders[order["id"]]["fulfillment_status"] == "fulfilled"


def test_a_partial_shipment_from_two_locations_fulfils_only_its_lines(shop, connect):
    there = [loc["id"] for loc in shop.locations]
    order = shop.add_order(1001, lines=[("A", 1, "5.00"), ("B", 1, "6.00"), ("C", 1, "7.00")],
                           locations=[there[0], there[1], there[0]])
    a, b, _ = (str(li["id"]) for li in order["line_items"])

    connect().confirm_shipment(ShipmentConfirmation(str(order["id"]), "DHL", "JD0001", line_ids=(a, b)))

    assert sorted(f["location_id"] for f in shop.fulfillments) == sorted(there)
    assert shop.orders[order["id"]]["fulfillment_status"] == "partial"
    assert [li["fulfillment_status"] for li in shop.orders[order["id"]]["line_items"]] == [
        "fulfilled", "fulfilled", None]


def test_bad_credentials_are_not_transient_and_not_retried(shop, connect):
    seven_orders(shop)
    waits = Waits()
    channel = connect(token="shpat_wrong", sleep=waits)

    with pytest.raises(ChannelError) as caught:
        channel.fetch_orders(None)

    assert (caught.value.status, caught.value.transient) == (401, False)
    assert "shpat_wrong" not in str(caught.value) and "shpat_wrong" not in repr(channel)
    assert waits == [] and len(shop.requests) == 1
