"""Shopify through its Admin REST API: orders, inventory levels, fulfillments.

Orders are read changed-since: `status=any`, oldest change first (`order=updated_at asc`), from
the watermark the last run left (`updated_at_min`, inclusive), following the `Link: <...page_info
...>; rel="next"` header page by page (with page_info Shopify accepts only `limit` and `fields`).
The cursor after a page is that page_info plus the run's watermark, so a run that failed resumes
at the page it did not get; the page that ends a run leaves `next_run`, the highest `updated_at`
read (and the orders read at that second), so the next run asks only for what changed since, and
an order changed while a run was going is read again, by this run or the next.

The order number is Shopify's numeric `id` (unique, and what the fulfillment API needs); the
`#1001` people see is `display_no`.  Stock is per inventory item x location: SKUs are mapped to
inventory items through the products' variants (cached), and set with inventory_levels/set.
Shipments go through the fulfillment orders API, grouped by the location Shopify assigned.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import httpx

from erp_desktop.channels.http import (
    ApiClient,
    BadField,
    RetryPolicy,
    Watermark,
    body_json,
    decimal_of,
    decode_cursor,
    encode_cursor,
    utc_of,
)
from erp_desktop.domain.orders import (
    CANCELLED,
    PAID,
    REFUNDED,
    SHIPPED,
    UNPAID,
    ChannelError,
    FetchPage,
    PlatformOrder,
    PlatformOrderLine,
    PushResult,
    RejectedRow,
    ShipmentConfirmation,
    StockPush,
)

DEFAULT_API_VERSION = "2025-01"
PAID_STATES = frozenset({"paid", "authorized", "partially_refunded"})   # authorized: captured when fulfilled
UNPAID_STATES = frozenset({"pending", "partially_paid"})
OPEN_FULFILLMENT = frozenset({"open", "in_progress"})
WAITING_FULFILLMENT = frozenset({"on_hold", "scheduled", "incomplete"})


def shopify_status(raw: dict[str, Any]) -> tuple[str, str]:
    """(our status, Shopify's words) from financial_status, fulfillment_status and cancelled_at."""
    financial = raw.get("financial_status") or ""
    fulfilled = raw.get("fulfillment_status") or ""          # null: nothing fulfilled yet
    words = f"{financial or '-'}/{fulfilled or 'unfulfilled'}"
    if raw.get("cancelled_at"):
        return CANCELLED, f"cancelled ({words})"
    if financial == "voided" or fulfilled == "restocked":
        return CANCELLED, words
    if financial == "refunded":
        # refunded after it left: a return, the order itself was shipped
        return (SHIPPED if fulfilled == "fulfilled" else REFUNDED), words
    if financial in UNPAID_STATES:
        return UNPAID, words
    if financial not in PAID_STATES:
        raise BadField("financial_status", "bad_status", repr(financial))
    return (SHIPPED if fulfilled == "fulfilled" else PAID), words


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _name(part: dict[str, Any] | None) -> str:
    if not part:
        return ""
    return _text(part.get("name")) or " ".join(p for p in (_text(part.get("first_name")),
                                                           _text(part.get("last_name"))) if p)


def _refunded_quantities(raw: dict[str, Any]) -> dict[str, Decimal]:
    refunded: dict[str, Decimal] = defaultdict(Decimal)
    for refund in raw.get("refunds") or ():
        for item in refund.get("refund_line_items") or ():
            refunded[str(item.get("line_item_id"))] += decimal_of(item.get("quantity"), "refund_line_items.quantity")
    return refunded


def order_from_shopify(raw: dict[str, Any]) -> PlatformOrder:
    """One order object of orders.json as a PlatformOrder (BadField when a field makes no sense)."""
    if raw.get("id") in (None, ""):
        raise BadField("id", "missing")
    status, words = shopify_status(raw)
    refunded = _refunded_quantities(raw)
    lines = []
    for n, item in enumerate(raw.get("line_items") or ()):
        where = f"line_items[{n}]"
        quantity = decimal_of(item.get("quantity"), f"{where}.quantity")
        if quantity <= 0:
            raise BadField(f"{where}.quantity", "bad_quantity", repr(item.get("quantity")))
        price = decimal_of(item.get("price"), f"{where}.price")
        allocated = sum((decimal_of(a.get("amount"), f"{where}.discount_allocations.amount")
                         for a in item.get("discount_allocations") or ()), Decimal(0))
        line_id = _text(item.get("id"))
        if refunded.get(line_id, Decimal(0)) >= quantity:
            line_status = REFUNDED
        elif item.get("fulfillment_status") == "fulfilled":
            line_status = SHIPPED
        else:
            line_status = status if status in (UNPAID, CANCELLED, REFUNDED) else PAID
        lines.append(PlatformOrderLine(
            platform_sku=_text(item.get("sku")), title=_text(item.get("title")) or _text(item.get("name")),
            quantity=quantity, unit_price=price, amount=price * quantity - allocated,
            variant=_text(item.get("variant_title")), platform_line_id=line_id, status=line_status))
    if not lines:
        raise BadField("line_items", "missing")

    ship = raw.get("shipping_address") or {}
    customer = raw.get("customer") or {}
    street = " ".join(p for p in (_text(ship.get("address1")), _text(ship.get("address2"))) if p)
    one_line = ", ".join(p for p in (street, _text(ship.get("city")), _text(ship.get("province")),
                                      _text(ship.get("zip")), _text(ship.get("country"))) if p)
    shipping_fee = sum((decimal_of(s.get("price"), "shipping_lines.price") for s in raw.get("shipping_lines") or ()),
                       Decimal(0))
    return PlatformOrder(
        order_no=str(raw["id"]), display_no=_text(raw.get("name")), status=status, platform_status=words,
        lines=tuple(lines),
        ordered_at=utc_of(raw.get("created_at"), "created_at", naive_is_utc=False),
        paid_at=utc_of(raw.get("processed_at"), "processed_at", naive_is_utc=False) if status != UNPAID else None,
        buyer_id=_text(customer.get("id")), buyer_name=_name(customer), buyer_message=_text(raw.get("note")),
        receiver_name=_name(ship),
        receiver_phone=_text(ship.get("phone")) or _text(raw.get("phone")) or _text(customer.get("phone")),
        address=one_line, province=_text(ship.get("province")), city=_text(ship.get("city")),
        address_detail=street, postal_code=_text(ship.get("zip")), country=_text(ship.get("country_code")),
        email=_text(raw.get("email")) or _text(raw.get("contact_email")),
        currency=_text(raw.get("currency")) or "USD",
        goods_amount=decimal_of(raw.get("total_line_items_price"), "total_line_items_price",
                                default=sum((ln.unit_price * ln.quantity for ln in lines), Decimal(0))),
        discount=decimal_of(raw.get("total_discounts"), "total_discounts", default=Decimal(0)),
        shipping_fee=shipping_fee,
        paid_amount=decimal_of(raw.get("total_price"), "total_price"),
        raw=raw)


class ShopifyChannel:
    """One Shopify shop, reached with an Admin API access token (from the OS keyring, by the services)."""

    platform = "shopify"

    def __init__(self, shop_url: str, access_token: str, *, api_version: str = DEFAULT_API_VERSION,
                 location_id: int | None = None, since: dt.datetime | None = None, page_size: int = 250,
                 catalog_max_age: float = 600.0, timeout: float = 30.0, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if "://" not in shop_url:
            shop_url = f"https://{shop_url}"
        self.shop_url = shop_url.rstrip("/")
        self._api = f"/admin/api/{api_version}"
        self._since = Watermark(since.astimezone(dt.UTC)) if since else Watermark()
        self._page_size = max(1, min(page_size, 250))
        self._location_id = location_id
        self._items_by_sku: dict[str, list[int]] | None = None
        self._items_read_at = 0.0
        self._catalog_max_age = catalog_max_age
        self._client = ApiClient(self.shop_url, platform=self.platform, timeout=timeout, retry=retry,
                                 sleep=sleep, headers={"X-Shopify-Access-Token": access_token,
                                                       "Accept": "application/json"})

    def __repr__(self) -> str:
        return f"ShopifyChannel({self.shop_url!r})"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ShopifyChannel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- orders --------------------------------------------------------------------------------

    def fetch_orders(self, cursor: str | None) -> FetchPage:
        state = decode_cursor(cursor, self.platform)
        since = Watermark.from_json(state["since"]) if "since" in state else self._since
        progress = Watermark.from_json(state["progress"]) if "progress" in state else since
        page_info = state.get("page_info")
        if page_info:
            params: dict[str, Any] = {"limit": self._page_size, "page_info": page_info}
        else:
            params = {"status": "any", "limit": self._page_size, "order": "updated_at asc"}
            if since.at is not None:
                params["updated_at_min"] = since.at.isoformat()
        response = self._client.get(f"{self._api}/orders.json", params=params)
        body = body_json(response)
        records = body.get("orders") if isinstance(body, dict) else None
        if not isinstance(records, list):
            raise ChannelError("shopify orders.json: no orders list in the answer", status=response.status_code)

        orders: list[PlatformOrder] = []
        rejected: list[RejectedRow] = []
        for index, raw in enumerate(records, start=1):
            order_id = _text(raw.get("id")) if isinstance(raw, dict) else ""
            try:
                if not isinstance(raw, dict):
                    raise BadField("order", "bad_record", type(raw).__name__)
                changed = utc_of(raw.get("updated_at"), "updated_at", naive_is_utc=False)
                if changed is None:
                    raise BadField("updated_at", "missing")
                if not since.is_new(order_id, changed):
                    continue                        # read by the run that left this watermark
                progress = progress.advance(order_id, changed)
                orders.append(order_from_shopify(raw))
            except BadField as bad:
                rejected.append(RejectedRow(row=index, field=bad.field, reason=bad.reason, detail=bad.detail,
                                            order_no=order_id))

        next_info = _page_info(response)
        if next_info:
            return FetchPage(tuple(orders), encode_cursor(since=since.to_json(), progress=progress.to_json(),
                                                          page_info=next_info), tuple(rejected))
        return FetchPage(tuple(orders), None, tuple(rejected), next_run=encode_cursor(since=progress.to_json()))

    # -- stock ---------------------------------------------------------------------------------

    def push_stock(self, levels: Sequence[StockPush]) -> list[PushResult]:
        """Set `available` at the shop's location; refusals of one item do not stop the others."""
        if not levels:
            return []
        items = self._inventory_items({level.platform_sku for level in levels})
        location = self._location()
        results = []
        for level in levels:
            found = items.get(level.platform_sku, [])
            if not found:
                results.append(PushResult(level.platform_sku, ok=False, reason="unknown_sku"))
                continue
            if len(found) > 1:
                # two listings of one SKU would each show the full quantity: the shop could oversell
                results.append(PushResult(level.platform_sku, ok=False, reason="duplicate_sku"))
                continue
            body = {"location_id": location, "inventory_item_id": found[0], "available": max(0, level.quantity)}
            try:
                self._client.post(f"{self._api}/inventory_levels/set.json", json=body, idempotent=True)
            except ChannelError as exc:
                if exc.transient or exc.status in (401, 403):
                    raise
                results.append(PushResult(level.platform_sku, ok=False, reason=f"refused_{exc.status}: {exc}"))
                continue
            results.append(PushResult(level.platform_sku, ok=True))
        return results

    def _inventory_items(self, wanted: set[str]) -> dict[str, list[int]]:
        """SKU -> inventory item ids, from the variants of every product.

        Read again when a SKU is not in it and the copy is older than `catalog_max_age` seconds (a
        product added in the shop since), not on every push of a SKU the shop does not list.
        """
        stale = time.monotonic() - self._items_read_at >= self._catalog_max_age
        if self._items_by_sku is None or (stale and not wanted <= self._items_by_sku.keys()):
            index: dict[str, list[int]] = defaultdict(list)
            for body in self._pages(f"{self._api}/products.json", {"fields": "id,variants"}):
                for product in body.get("products") or ():
                    for variant in product.get("variants") or ():
                        sku = _text(variant.get("sku"))
                        if sku and variant.get("inventory_item_id") is not None:
                            index[sku].append(int(variant["inventory_item_id"]))
            self._items_by_sku = dict(index)
            self._items_read_at = time.monotonic()
        return self._items_by_sku

    def _location(self) -> int:
        if self._location_id is None:
            body = body_json(self._client.get(f"{self._api}/locations.json"))
            active = [loc for loc in body.get("locations") or () if loc.get("active", True)]
            if not active:
                raise ChannelError("shopify: the shop has no active location to hold stock", transient=False)
            self._location_id = int(active[0]["id"])
        return self._location_id

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every page of a list; after the first page only limit and fields may go with page_info."""
        query: dict[str, Any] = {"limit": 250, **params}
        while True:
            response = self._client.get(path, params=query)
            yield body_json(response)
            page_info = _page_info(response)
            if not page_info:
                return
            query = {"limit": 250, "page_info": page_info}
            if "fields" in params:
                query["fields"] = params["fields"]

    # -- shipments -----------------------------------------------------------------------------

    def confirm_shipment(self, shipment: ShipmentConfirmation) -> None:
        """Create fulfillments for what is still open; a repeated confirmation finds nothing open and stops."""
        body = body_json(self._client.get(f"{self._api}/orders/{shipment.order_no}/fulfillment_orders.json"))
        fulfillment_orders = body.get("fulfillment_orders") or []
        wanted = set(shipment.line_ids)
        by_location: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        waiting = []
        for fo in fulfillment_orders:
            items = [{"id": li["id"], "quantity": li["fulfillable_quantity"]} for li in fo.get("line_items") or ()
                     if (li.get("fulfillable_quantity") or 0) > 0
                     and (not wanted or str(li.get("line_item_id")) in wanted)]
            if not items:
                continue
            if fo.get("status") in OPEN_FULFILLMENT:
                by_location[fo.get("assigned_location_id")].append(
                    {"fulfillment_order_id": fo["id"], "fulfillment_order_line_items": items})
            elif fo.get("status") in WAITING_FULFILLMENT:
                waiting.append(f"{fo['id']} is {fo['status']}")
        if not by_location:
            if waiting:
                raise ChannelError(f"shopify order {shipment.order_no}: cannot be fulfilled now: {', '.join(waiting)}",
                                   transient=False)
            if fulfillment_orders and all(fo.get("status") == "cancelled" for fo in fulfillment_orders):
                raise ChannelError(f"shopify order {shipment.order_no} is cancelled", transient=False)
            return                                  # fulfilled already (this confirmation was sent before)
        for groups in by_location.values():
            # one fulfillment per location: Shopify fulfils the fulfillment orders of one location together
            self._client.post(f"{self._api}/fulfillments.json", json={"fulfillment": {
                "line_items_by_fulfillment_order": groups,
                "tracking_info": {"company": shipment.carrier, "number": shipment.tracking_no},
                "notify_customer": False}})


def _page_info(response: httpx.Response) -> str | None:
    link = response.links.get("next")
    if not link or not link.get("url"):
        return None
    return httpx.URL(link["url"]).params.get("page_info") or None
