"""WooCommerce through its REST API v3 (/wp-json/wc/v3): orders, product stock, shipment notes.

Orders are read changed-since, oldest change first (`orderby=modified&order=asc`,
`modified_after` in GMT).  Page numbers are not a safe cursor here: an order changed during a run
jumps to the end of the list and every later order moves up one place, so "page 3" would skip
one.  The cursor is therefore a watermark: the highest `date_modified_gmt` read and the ids read
at that second; every request asks page 1 from that second on, excluding those ids, and
X-WP-TotalPages says whether more is waiting.  A failed run resumes exactly there, and the page
that ends a run leaves the same watermark as `next_run`.

The order number is WooCommerce's `id` (what the API addresses); `number` (which a sequential
numbers plugin may change) is `display_no`.  Credentials: HTTP Basic with the consumer key and
secret over https; over plain http (a test server) they go as consumer_key/consumer_secret query
parameters, which WooCommerce also accepts.  Stock is set with the products (or a variable
product's variations) batch endpoint, ids found by SKU (`/products?sku=` finds variations too)
and cached.  WooCommerce has no tracking field of its own: a shipment completes the order and
adds a customer note with the carrier and tracking number (once, however often it is confirmed).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    COMPLETED,
    PAID,
    REFUNDED,
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

API = "/wp-json/wc/v3"
STATUSES = {
    "processing": PAID, "on-hold": UNPAID, "pending": UNPAID, "checkout-draft": UNPAID,
    "completed": COMPLETED, "cancelled": CANCELLED, "refunded": REFUNDED, "failed": CANCELLED,
    "trash": CANCELLED,
}
CLOSED = frozenset({"cancelled", "refunded", "failed", "trash"})
BATCH_SIZE = 100            # WooCommerce's limit of objects per batch request
SKU_LOOKUP_CHUNK = 40       # SKUs per /products?sku=a,b,c lookup (a comma list; keeps URLs short)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _join(*parts: Any, sep: str = " ") -> str:
    return sep.join(p for p in (_text(x) for x in parts) if p)


def _variant(item: dict[str, Any]) -> str:
    """The attributes of a variation as the shop shows them ("Color: Black, Size: M")."""
    shown = []
    for meta in item.get("meta_data") or ():
        key = _text(meta.get("display_key")) or _text(meta.get("key"))
        value = meta.get("display_value", meta.get("value"))
        if key and not key.startswith("_") and isinstance(value, str | int | float):
            shown.append(f"{key}: {value}")
    return ", ".join(shown)


def order_from_woocommerce(raw: dict[str, Any]) -> PlatformOrder:
    """One order object of /orders as a PlatformOrder (BadField when a field makes no sense)."""
    if raw.get("id") in (None, ""):
        raise BadField("id", "missing")
    words = _text(raw.get("status"))
    if words not in STATUSES:
        raise BadField("status", "bad_status", repr(words))
    status = STATUSES[words]
    lines = []
    goods = Decimal(0)
    for n, item in enumerate(raw.get("line_items") or ()):
        where = f"line_items[{n}]"
        quantity = decimal_of(item.get("quantity"), f"{where}.quantity")
        if quantity <= 0:
            raise BadField(f"{where}.quantity", "bad_quantity", repr(item.get("quantity")))
        subtotal = decimal_of(item.get("subtotal"), f"{where}.subtotal", default=Decimal(-1))
        price = decimal_of(item.get("price"), f"{where}.price",
                           default=subtotal / quantity if subtotal >= 0 else None)
        goods += subtotal if subtotal >= 0 else price * quantity
        lines.append(PlatformOrderLine(
            platform_sku=_text(item.get("sku")), title=_text(item.get("name")), quantity=quantity,
            unit_price=price, amount=decimal_of(item.get("total"), f"{where}.total"), variant=_variant(item),
            platform_line_id=_text(item.get("id")),
            status=status if status in (UNPAID, CANCELLED, REFUNDED) else PAID))
    if not lines:
        raise BadField("line_items", "missing")

    billing = raw.get("billing") or {}
    shipping = raw.get("shipping") or {}
    ship = shipping if _text(shipping.get("address_1")) or _text(shipping.get("city")) else billing
    street = _join(ship.get("address_1"), ship.get("address_2"))
    customer = raw.get("customer_id")
    return PlatformOrder(
        order_no=str(raw["id"]), display_no=_text(raw.get("number")), status=status, platform_status=words,
        lines=tuple(lines),
        ordered_at=utc_of(raw.get("date_created_gmt"), "date_created_gmt"),
        paid_at=utc_of(raw.get("date_paid_gmt"), "date_paid_gmt"),
        buyer_id=_text(customer) if customer not in (None, 0, "0") else "",
        buyer_name=_join(billing.get("first_name"), billing.get("last_name")),
        buyer_message=_text(raw.get("customer_note")),
        receiver_name=_join(ship.get("first_name"), ship.get("last_name")) or _text(ship.get("company")),
        receiver_phone=_text(ship.get("phone")) or _text(billing.get("phone")),
        address=_join(street, ship.get("city"), ship.get("state"), ship.get("postcode"), ship.get("country"),
                      sep=", "),
        province=_text(ship.get("state")), city=_text(ship.get("city")), address_detail=street,
        postal_code=_text(ship.get("postcode")), country=_text(ship.get("country")),
        email=_text(billing.get("email")), currency=_text(raw.get("currency")) or "USD",
        goods_amount=goods,
        discount=decimal_of(raw.get("discount_total"), "discount_total", default=Decimal(0)),
        shipping_fee=decimal_of(raw.get("shipping_total"), "shipping_total", default=Decimal(0)),
        paid_amount=decimal_of(raw.get("total"), "total"),
        raw=raw)


@dataclass(frozen=True)
class _StockRef:
    id: int
    parent_id: int | None         # a variation is set through its variable product


class WooCommerceChannel:
    """One WooCommerce shop, reached with a REST API consumer key and secret (from the OS keyring)."""

    platform = "woocommerce"

    def __init__(self, site_url: str, consumer_key: str, consumer_secret: str, *,
                 since: dt.datetime | None = None, page_size: int = 100, timeout: float = 30.0,
                 retry: RetryPolicy | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.site_url = site_url.rstrip("/")
        self._since = Watermark(since.astimezone(dt.UTC)) if since else Watermark()
        self._page_size = max(1, min(page_size, 100))
        self._refs: dict[str, _StockRef] = {}
        over_tls = httpx.URL(self.site_url).scheme == "https"
        self._client = ApiClient(
            self.site_url, platform=self.platform, timeout=timeout, retry=retry, sleep=sleep,
            headers={"Accept": "application/json"},
            auth=(consumer_key, consumer_secret) if over_tls else None,
            params=None if over_tls else {"consumer_key": consumer_key, "consumer_secret": consumer_secret})

    def __repr__(self) -> str:
        return f"WooCommerceChannel({self.site_url!r})"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> WooCommerceChannel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- orders --------------------------------------------------------------------------------

    def fetch_orders(self, cursor: str | None) -> FetchPage:
        state = decode_cursor(cursor, self.platform)
        since = Watermark.from_json(state["since"]) if "since" in state else self._since
        params: dict[str, Any] = {"per_page": self._page_size, "page": 1, "orderby": "modified", "order": "asc",
                                  "status": "any", "dates_are_gmt": "true"}
        if since.at is not None:
            # modified_after is "later than": one second earlier asks from the watermark's second on
            params["modified_after"] = (since.at - dt.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S")
            if since.ids:
                params["exclude"] = ",".join(sorted(since.ids, key=lambda i: (len(i), i)))
        response = self._client.get(f"{API}/orders", params=params)
        records = body_json(response)
        if not isinstance(records, list):
            raise ChannelError("woocommerce /orders: the answer is not a list of orders", status=response.status_code)

        progress = since
        orders: list[PlatformOrder] = []
        rejected: list[RejectedRow] = []
        for index, raw in enumerate(records, start=1):
            order_id = _text(raw.get("id")) if isinstance(raw, dict) else ""
            try:
                if not isinstance(raw, dict):
                    raise BadField("order", "bad_record", type(raw).__name__)
                changed = utc_of(raw.get("date_modified_gmt"), "date_modified_gmt")
                if changed is None:
                    raise BadField("date_modified_gmt", "missing")
                if not since.is_new(order_id, changed):
                    continue                        # read already (a server that took modified_after inclusively)
                progress = progress.advance(order_id, changed)
                orders.append(order_from_woocommerce(raw))
            except BadField as bad:
                rejected.append(RejectedRow(row=index, field=bad.field, reason=bad.reason, detail=bad.detail,
                                            order_no=order_id))

        try:
            pages = int(response.headers.get("X-WP-TotalPages", "0"))
        except ValueError:
            pages = 0
        resume = encode_cursor(since=progress.to_json())
        if pages > 1 and len(records) >= self._page_size and progress != since:
            return FetchPage(tuple(orders), resume, tuple(rejected))
        return FetchPage(tuple(orders), None, tuple(rejected), next_run=resume)

    # -- stock ---------------------------------------------------------------------------------

    def push_stock(self, levels: Sequence[StockPush]) -> list[PushResult]:
        """Set stock_quantity (and manage_stock) per product or variation, in batches of 100."""
        if not levels:
            return []
        self._look_up({level.platform_sku for level in levels} - self._refs.keys())
        outcome: dict[str, PushResult] = {}
        batches: dict[int | None, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for level in levels:
            ref = self._refs.get(level.platform_sku)
            if ref is None:
                outcome[level.platform_sku] = PushResult(level.platform_sku, ok=False, reason="unknown_sku")
                continue
            batches[ref.parent_id].append((level.platform_sku, {"id": ref.id, "stock_quantity": max(0, level.quantity),
                                                                 "manage_stock": True}))
        for parent, updates in batches.items():
            path = f"{API}/products/batch" if parent is None else f"{API}/products/{parent}/variations/batch"
            for start in range(0, len(updates), BATCH_SIZE):
                chunk = updates[start:start + BATCH_SIZE]
                body = body_json(self._client.post(path, json={"update": [u for _, u in chunk]}, idempotent=True))
                answered = {int(item["id"]): item for item in (body.get("update") or ())
                            if isinstance(item, dict) and item.get("id") is not None}
                for sku, update in chunk:
                    item = answered.get(update["id"])
                    if item is None:
                        outcome[sku] = PushResult(sku, ok=False, reason="no_answer")
                    elif item.get("error"):
                        error = item["error"]
                        reason = f"refused: {error.get('code', '')}: {error.get('message', '')}"
                        outcome[sku] = PushResult(sku, ok=False, reason=reason)
                        if error.get("code") in ("woocommerce_rest_product_invalid_id", "woocommerce_rest_invalid_id"):
                            self._refs.pop(sku, None)          # deleted in the shop: look it up again next time
                    else:
                        outcome[sku] = PushResult(sku, ok=True)
        return [outcome[level.platform_sku] for level in levels]

    def _look_up(self, skus: set[str]) -> None:
        """Find products and variations by SKU (`sku=a,b,c`; a SKU holding a comma is asked alone)."""
        plain = sorted(s for s in skus if s and "," not in s)
        asks = [plain[i:i + SKU_LOOKUP_CHUNK] for i in range(0, len(plain), SKU_LOOKUP_CHUNK)]
        asks += [[s] for s in sorted(skus) if "," in s]
        for ask in asks:
            found = body_json(self._client.get(f"{API}/products", params={"sku": ",".join(ask), "per_page": 100}))
            for product in found if isinstance(found, list) else ():
                sku = _text(product.get("sku"))
                if sku not in ask:
                    continue                        # SKUs are compared case-blind by MySQL; ours are exact
                parent = product.get("parent_id") if product.get("type") == "variation" else None
                self._refs[sku] = _StockRef(int(product["id"]), int(parent) if parent else None)

    # -- shipments -----------------------------------------------------------------------------

    def confirm_shipment(self, shipment: ShipmentConfirmation) -> None:
        """Complete the order (unless only some lines left) and tell the customer carrier and tracking."""
        path = f"{API}/orders/{shipment.order_no}"
        order = body_json(self._client.get(path))
        status = _text(order.get("status"))
        if status in CLOSED:
            raise ChannelError(f"woocommerce order {shipment.order_no} is {status}", status=None, transient=False)
        all_lines = {_text(item.get("id")): _text(item.get("name")) for item in order.get("line_items") or ()}
        partial = bool(shipment.line_ids) and not set(all_lines) <= set(shipment.line_ids)
        note = f"Shipped with {shipment.carrier}, tracking {shipment.tracking_no}"
        if partial:
            note += ": " + ", ".join(all_lines.get(i, i) for i in shipment.line_ids)
        elif status != "completed":
            self._client.put(path, json={"status": "completed"})
        notes = body_json(self._client.get(f"{path}/notes", params={"type": "customer"}))
        if any(_text(n.get("note")) == note for n in notes if isinstance(n, dict)):
            return                                  # told already (this confirmation was sent before)
        self._client.post(f"{path}/notes", json={"note": note, "customer_note": True})
