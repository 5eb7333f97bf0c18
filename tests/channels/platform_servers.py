"""Local HTTP servers that answer like Shopify's Admin REST API and WooCommerce's REST API v3.

Real sockets on 127.0.0.1 (ThreadingHTTPServer in a thread), payloads shaped like the examples
in the platforms' documentation, state kept in memory so a test can change an order between two
requests.  Each server checks credentials (401 otherwise), pages as its platform does (Shopify:
`Link` with page_info, keyset on updated_at and id; WooCommerce: page numbers with X-WP-Total and
X-WP-TotalPages), and can be told to answer the next requests with 429 + Retry-After, a 5xx, or
by dropping the connection.  Time is a clock the test moves (`tick`), to the second as the
platforms keep it, so several orders can change within one second.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

UTC = dt.UTC


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class Fault:
    count: int
    status: int | None            # None: drop the connection without answering
    retry_after: str | None = None
    path_contains: str = ""


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:    # quiet test output
        pass

    def do_GET(self) -> None:
        self.server.platform.handle(self)

    do_POST = do_PUT = do_DELETE = do_GET


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    platform: PlatformServer


class PlatformServer:
    """What both fake platforms share: the socket, the request log, faults, the clock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Seen] = []
        self.faults: list[Fault] = []
        self.clock = dt.datetime(2025, 3, 1, 9, 0, 0, tzinfo=UTC)
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.platform = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> PlatformServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def tick(self, seconds: int = 1) -> dt.datetime:
        with self.lock:
            self.clock += dt.timedelta(seconds=seconds)
            return self.clock

    def fail_next(self, count: int, status: int, *, retry_after: str | None = None, path_contains: str = "") -> None:
        with self.lock:
            self.faults.append(Fault(count, status, retry_after, path_contains))

    def drop_next(self, count: int, *, path_contains: str = "") -> None:
        with self.lock:
            self.faults.append(Fault(count, None, None, path_contains))

    def heal(self) -> None:
        with self.lock:
            self.faults.clear()

    def seen(self, method: str, path_contains: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.method == method and path_contains in r.path]

    # -- request plumbing ----------------------------------------------------------------------

    def handle(self, h: _Handler) -> None:
        parts = urlsplit(h.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        with self.lock:
            self.requests.append(Seen(h.command, parts.path, query, {k.lower(): v for k, v in h.headers.items()}, body))
            fault = next((f for f in self.faults if f.count > 0 and f.path_contains in parts.path), None)
            if fault is not None:
                fault.count -= 1
        if fault is not None and fault.status is None:
            h.close_connection = True          # the client sees the connection closed with no answer
            return
        if fault is not None:
            answer = self.fault_answer(fault)
        elif not self.authorised(h, query):
            answer = self.unauthorised()
        else:
            with self.lock:
                answer = self.route(h.command, parts.path, query, body)
        payload = json.dumps(answer.body).encode()
        h.send_response(answer.status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(payload)

    def fault_answer(self, fault: Fault) -> Answer:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
        return Answer(fault.status or 500, {"errors": "Internal Server Error" if fault.status != 429 else
                                            "Exceeded 2 calls per second for api client. Reduce request rates "
                                            "to resume uninterrupted service."}, headers)

    def authorised(self, h: _Handler, query: dict[str, str]) -> bool:
        raise NotImplementedError

    def unauthorised(self) -> Answer:
        raise NotImplementedError

    def route(self, method: str, path: str, query: dict[str, str], body: Any) -> Answer:
        raise NotImplementedError


def _iso(when: dt.datetime, offset_hours: int = 0) -> str:
    return when.astimezone(dt.timezone(dt.timedelta(hours=offset_hours))).isoformat()


def _token(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _untoken(text: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


# =============================================================================================
# Shopify
# =============================================================================================


class ShopifyServer(PlatformServer):
    """A shop on the Admin REST API: orders, products/variants, locations, inventory, fulfillments."""

    SHOP_OFFSET = -5               # the shop's time zone: Shopify writes times with the shop's offset

    def __init__(self, token: str = "shpat_test_token", api_version: str = "2025-01") -> None:
        super().__init__()
        self.token = token
        self.api_version = api_version
        self.orders: dict[int, dict[str, Any]] = {}
        self.products: dict[int, dict[str, Any]] = {}
        self.locations = [{"id": 655441491, "name": "Main Warehouse", "active": True},
                          {"id": 487838322, "name": "Store", "active": True}]
        self.tracked: set[int] = set()                  # inventory items with tracking enabled
        self.levels: dict[tuple[int, int], int] = {}    # (inventory_item_id, location_id) -> available
        self.fulfillment_orders: dict[int, list[dict[str, Any]]] = {}
        self.fulfillments: list[dict[str, Any]] = []
        self._ids = itertools.count(1_000_001)
        self._calls = 0

    def authorised(self, h: _Handler, query: dict[str, str]) -> bool:
        return h.headers.get("X-Shopify-Access-Token") == self.token

    def unauthorised(self) -> Answer:
        return Answer(401, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})

    # -- building the shop ---------------------------------------------------------------------

    def add_product(self, title: str, variants: list[tuple[str, str]], *, tracked: bool = True) -> dict[str, Any]:
        """variants: (sku, variant title); each gets an inventory item stocked at every location."""
        product_id = next(self._ids)
        product = {"id": product_id, "title": title, "status": "active", "vendor": "Burton",
                   "created_at": _iso(self.clock, self.SHOP_OFFSET), "variants": []}
        for position, (sku, name) in enumerate(variants, start=1):
            item = next(self._ids)
            product["variants"].append({
                "id": next(self._ids), "product_id": product_id, "title": name, "price": "199.00", "sku": sku,
                "position": position, "inventory_policy": "deny",
                "inventory_management": "shopify" if tracked else None, "inventory_item_id": item,
                "inventory_quantity": 0, "barcode": None, "grams": 567})
            if tracked:
                self.tracked.add(item)
                for loc in self.locations:
                    self.levels[(item, loc["id"])] = 0
        self.products[product_id] = product
        return product

    def variant(self, sku: str) -> dict[str, Any]:
        return next(v for p in self.products.values() for v in p["variants"] if v["sku"] == sku)

    def add_order(self, number: int, *, financial_status: str = "paid", fulfillment_status: str | None = None,
                  lines: list[tuple[str, int, str]] | None = None, locations: list[int] | None = None,
                  **fields: Any) -> dict[str, Any]:
        """An order shaped like the docs' example; lines: (sku, quantity, price). Updated now (the clock)."""
        order_id = 450789469 + number
        lines = lines or [("IPOD2008PINK", 1, "199.00")]
        stamp = _iso(self.clock, self.SHOP_OFFSET)
        line_items = [{
            "id": 466157049 + number * 10 + n, "variant_id": 39072856, "product_id": 632910392,
            "title": "IPod Nano - 8GB",
            "variant_title": "Pink", "name": "IPod Nano - 8GB - Pink", "sku": sku, "vendor": None, "quantity": qty,
            "current_quantity": qty, "price": price, "total_discount": "0.00", "fulfillable_quantity": qty,
            "fulfillment_status": None, "requires_shipping": True, "taxable": True, "gift_card": False,
            "price_set": {"shop_money": {"amount": price, "currency_code": "USD"}},
            "discount_allocations": [], "tax_lines": [], "properties": []}
            for n, (sku, qty, price) in enumerate(lines)]
        total_lines = sum(float(li["price"]) * li["quantity"] for li in line_items)
        order = {
            "id": order_id, "admin_graphql_api_id": f"gid://shopify/Order/{order_id}", "name": f"#{number}",
            "order_number": number, "number": number - 1000, "email": "bob.norman@mail.example.com",
            "contact_email": "bob.norman@mail.example.com", "phone": "+557734881234",
            "created_at": stamp, "updated_at": stamp, "processed_at": stamp, "closed_at": None,
            "cancelled_at": None, "cancel_reason": None, "currency": "USD", "presentment_currency": "USD",
            "financial_status": financial_status, "fulfillment_status": fulfillment_status, "confirmed": True,
            "test": False, "taxes_included": False, "total_weight": 0, "note": None, "tags": "",
            "subtotal_price": f"{total_lines:.2f}", "total_line_items_price": f"{total_lines:.2f}",
            "total_discounts": "0.00", "total_tax": "0.00", "total_price": f"{total_lines:.2f}",
            "total_shipping_price_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}},
            "line_items": line_items, "shipping_lines": [], "refunds": [], "fulfillments": [],
            "discount_codes": [], "discount_applications": [],
            "customer": {"id": 207119551, "email": "bob.norman@mail.example.com", "first_name": "Bob",
                         "last_name": "Norman", "phone": None, "state": "disabled", "currency": "USD"},
            "billing_address": {"first_name": "Bob", "last_name": "Norman", "address1": "Chestnut Street 92",
                                "address2": "", "city": "Louisville", "province": "Kentucky", "zip": "40202",
                                "country": "United States", "country_code": "US", "province_code": "KY",
                                "phone": "+1(502)-459-2181", "name": "Bob Norman", "company": None},
            "shipping_address": {"first_name": "Bob", "last_name": "Norman", "address1": "Chestnut Street 92",
                                 "address2": "Apt 2", "city": "Louisville", "province": "Kentucky", "zip": "40202",
                                 "country": "United States", "country_code": "US", "province_code": "KY",
                                 "phone": "+1(502)-459-2181", "name": "Bob Norman", "company": None,
                                 "latitude": 45.41634, "longitude": -75.6868},
            "order_status_url": f"https://jsmith.myshopify.com/548380009/orders/{order_id}/authenticate",
        }
        order.update(fields)
        self.orders[order_id] = order
        # one fulfillment order per location the lines are assigned to (all at the first one by default)
        assigned = locations or [self.locations[0]["id"]] * len(line_items)
        fos: dict[int, dict[str, Any]] = {}
        for li, loc in zip(line_items, assigned, strict=True):
            fo = fos.setdefault(loc, {
                "id": next(self._ids), "shop_id": 548380009, "order_id": order_id, "assigned_location_id": loc,
                "request_status": "unsubmitted", "status": "open", "fulfill_at": None, "fulfillment_holds": [],
                "supported_actions": ["create_fulfillment", "move"], "line_items": [],
                "destination": {"address1": "Chestnut Street 92", "city": "Louisville", "country": "United States"},
                "delivery_method": {"method_type": "shipping"}})
            fo["line_items"].append({
                "id": next(self._ids), "shop_id": 548380009, "fulfillment_order_id": fo["id"],
                "quantity": li["quantity"], "line_item_id": li["id"], "inventory_item_id": 49148385,
                "fulfillable_quantity": li["quantity"], "variant_id": li["variant_id"]})
        self.fulfillment_orders[order_id] = list(fos.values())
        return order

    def update_order(self, order_id: int, **changes: Any) -> dict[str, Any]:
        """Change an order as the shop would: updated_at becomes the clock's now."""
        with self.lock:
            order = self.orders[order_id]
            order.update(changes)
            order["updated_at"] = _iso(self.clock, self.SHOP_OFFSET)
            return order

    # -- the API -------------------------------------------------------------------------------

    def route(self, method: str, path: str, query: dict[str, str], body: Any) -> Answer:
        self._calls += 1
        prefix = f"/admin/api/{self.api_version}/"
        if not path.startswith(prefix):
            return Answer(404, {"errors": "Not Found"})
        rest = path[len(prefix):]
        answer = self._dispatch(method, rest, query, body)
        answer.headers["X-Shopify-Shop-Api-Call-Limit"] = f"{min(self._calls, 40)}/40"
        return answer

    def _dispatch(self, method: str, rest: str, query: dict[str, str], body: Any) -> Answer:
        if (method, rest) == ("GET", "orders.json"):
            return self._list_orders(query)
        if (method, rest) == ("GET", "products.json"):
            return self._list_products(query)
        if (method, rest) == ("GET", "locations.json"):
            return Answer(200, {"locations": copy.deepcopy(self.locations)})
        if (method, rest) == ("POST", "inventory_levels/set.json"):
            return self._set_level(body)
        if (method, rest) == ("POST", "fulfillments.json"):
            return self._fulfil(body)
        m = re.fullmatch(r"orders/(\d+)/fulfillment_orders\.json", rest)
        if method == "GET" and m:
            if int(m[1]) not in self.orders:
                return Answer(404, {"errors": "Not Found"})
            return Answer(200, {"fulfillment_orders": copy.deepcopy(self.fulfillment_orders[int(m[1])])})
        return Answer(404, {"errors": "Not Found"})

    def _page(self, path: str, query: dict[str, str], key: str, filter_names: tuple[str, ...],
              rows_for: Any) -> Answer:
        """Keyset pages: page_info carries the first request's filters and the last sort key sent."""
        limit = int(query.get("limit", 50))
        if not 1 <= limit <= 250:
            return Answer(400, {"errors": {"limit": "must be between 1 and 250"}})
        after = None
        filters = {k: query[k] for k in filter_names if k in query}
        if "page_info" in query:
            extra = set(query) - {"page_info", "limit", "fields"}
            if extra:
                return Answer(400, {"errors": {"page_info": f"cannot be combined with {', '.join(sorted(extra))}"}})
            state = _untoken(query["page_info"])
            filters, after = state["filters"], tuple(state["after"])
        rows = sorted(rows_for(filters), key=lambda r: r[0])
        if after is not None:
            rows = [r for r in rows if r[0] > after]
        page, more = rows[:limit], len(rows) > limit
        headers = {}
        if more:
            info = _token({"filters": filters, "after": list(page[-1][0])})
            fields = f"&fields={query['fields']}" if "fields" in query else ""
            headers["Link"] = f'<{self.url}{path}?limit={limit}{fields}&page_info={info}>; rel="next"'
        records = [r[1] for r in page]
        if "fields" in query:
            wanted = query["fields"].split(",")
            records = [{k: r[k] for k in wanted if k in r} for r in records]
        return Answer(200, {key: copy.deepcopy(records)}, headers)

    def _list_orders(self, query: dict[str, str]) -> Answer:
        def rows_for(filters: dict[str, Any]) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
            rows = list(self.orders.values())
            if filters.get("status", "open") == "open":     # Shopify's default: not closed, not cancelled
                rows = [o for o in rows if not (o["closed_at"] or o["cancelled_at"])]
            if filters.get("updated_at_min"):                # "at or after"
                since = dt.datetime.fromisoformat(filters["updated_at_min"])
                rows = [o for o in rows if dt.datetime.fromisoformat(o["updated_at"]) >= since]
            if filters.get("order", "created_at asc") == "updated_at asc":
                return [((dt.datetime.fromisoformat(o["updated_at"]).timestamp(), o["id"]), o) for o in rows]
            return [((o["id"],), o) for o in rows]

        return self._page(f"/admin/api/{self.api_version}/orders.json", query, "orders",
                          ("status", "updated_at_min", "order"), rows_for)

    def _list_products(self, query: dict[str, str]) -> Answer:
        return self._page(f"/admin/api/{self.api_version}/products.json", query, "products", (),
                          lambda filters: [((p["id"],), p) for p in self.products.values()])

    def _set_level(self, body: Any) -> Answer:
        item, location, available = body.get("inventory_item_id"), body.get("location_id"), body.get("available")
        if not isinstance(available, int) or location not in {loc["id"] for loc in self.locations}:
            return Answer(422, {"errors": ["Required parameter missing or invalid"]})
        if item not in self.tracked:
            return Answer(422, {"errors": ["Inventory item does not have inventory tracking enabled"]})
        self.levels[(item, location)] = available
        return Answer(200, {"inventory_level": {"inventory_item_id": item, "location_id": location,
                                                "available": available, "updated_at": _iso(self.clock, -5)}})

    def _fulfil(self, body: Any) -> Answer:
        spec = (body or {}).get("fulfillment") or {}
        groups = spec.get("line_items_by_fulfillment_order") or []
        all_fos = {fo["id"]: fo for fos in self.fulfillment_orders.values() for fo in fos}
        if not groups or any(g.get("fulfillment_order_id") not in all_fos for g in groups):
            return Answer(422, {"errors": ["Fulfillment order does not exist."]})
        fos = [all_fos[g["fulfillment_order_id"]] for g in groups]
        if len({fo["assigned_location_id"] for fo in fos}) > 1 or len({fo["order_id"] for fo in fos}) > 1:
            return Answer(422, {"errors": ["All fulfillment orders must belong to the same order and location."]})
        shipped = []
        for group, fo in zip(groups, fos, strict=True):
            if fo["status"] not in ("open", "in_progress"):
                return Answer(422, {"errors": [f"Fulfillment order {fo['id']} has an unfulfillable status= closed."]})
            wanted = {i["id"]: i["quantity"] for i in group.get("fulfillment_order_line_items") or ()} or \
                {li["id"]: li["fulfillable_quantity"] for li in fo["line_items"]}
            for li in fo["line_items"]:
                qty = wanted.get(li["id"], 0)
                if qty > li["fulfillable_quantity"]:
                    return Answer(422, {"errors": ["Invalid fulfillment order line item quantity requested."]})
                if qty:
                    li["fulfillable_quantity"] -= qty
                    shipped.append((li["line_item_id"], qty))
            left = any(li["fulfillable_quantity"] for li in fo["line_items"])
            fo["status"] = "in_progress" if left else "closed"
        order = self.orders[fos[0]["order_id"]]
        for item in order["line_items"]:
            for line_id, qty in shipped:
                if item["id"] == line_id:
                    item["fulfillable_quantity"] -= qty
                    item["fulfillment_status"] = "fulfilled" if item["fulfillable_quantity"] == 0 else "partial"
        done = all(i["fulfillable_quantity"] == 0 for i in order["line_items"])
        self.tick()
        self.update_order(order["id"], fulfillment_status="fulfilled" if done else "partial")
        tracking = spec.get("tracking_info") or {}
        fulfillment = {"id": next(self._ids), "order_id": order["id"], "status": "success",
                       "location_id": fos[0]["assigned_location_id"],
                       "tracking_company": tracking.get("company"), "tracking_number": tracking.get("number"),
                       "notify_customer": spec.get("notify_customer"),
                       "line_items": [{"id": line_id, "quantity": qty} for line_id, qty in shipped]}
        self.fulfillments.append(fulfillment)
        return Answer(201, {"fulfillment": copy.deepcopy(fulfillment)})


# =============================================================================================
# WooCommerce
# =============================================================================================


class WooCommerceServer(PlatformServer):
    """A WordPress site with WooCommerce: orders, notes, products and variations, batch updates."""

    SITE_OFFSET = -3               # the site's time zone (date_created is local, date_created_gmt is UTC)
    PREFIX = "/wp-json/wc/v3/"

    def __init__(self, key: str = "ck_test_key", secret: str = "cs_test_secret") -> None:
        super().__init__()
        self.key, self.secret = key, secret
        self.orders: dict[int, dict[str, Any]] = {}
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.products: dict[int, dict[str, Any]] = {}       # products and variations, by id
        self._ids = itertools.count(700)

    def authorised(self, h: _Handler, query: dict[str, str]) -> bool:
        basic = h.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            user, _, password = base64.b64decode(basic[6:]).decode().partition(":")
            return (user, password) == (self.key, self.secret)
        return (query.get("consumer_key"), query.get("consumer_secret")) == (self.key, self.secret)

    def unauthorised(self) -> Answer:
        return Answer(401, {"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list resources.",
                            "data": {"status": 401}})

    def _stamp(self, name: str, when: dt.datetime) -> dict[str, str]:
        local = when.astimezone(dt.timezone(dt.timedelta(hours=self.SITE_OFFSET))).replace(tzinfo=None)
        return {name: local.isoformat(), f"{name}_gmt": when.astimezone(UTC).replace(tzinfo=None).isoformat()}

    # -- building the shop ---------------------------------------------------------------------

    def add_product(self, name: str, sku: str, *, variations: list[tuple[str, str]] = ()) -> dict[str, Any]:
        """A simple product, or a variable one whose variations are (sku, attribute value)."""
        product = {"id": next(self._ids), "name": name, "type": "variable" if variations else "simple",
                   "parent_id": 0, "status": "publish", "sku": sku, "price": "21.99", "regular_price": "21.99",
                   "manage_stock": False, "stock_quantity": None, "stock_status": "instock", "variations": []}
        self.products[product["id"]] = product
        for vsku, value in variations:
            variation = {"id": next(self._ids), "name": f"{name} - {value}", "type": "variation",
                         "parent_id": product["id"], "status": "publish", "sku": vsku, "price": "21.99",
                         "manage_stock": False, "stock_quantity": None, "stock_status": "instock",
                         "attributes": [{"id": 6, "name": "Color", "option": value}]}
            self.products[variation["id"]] = variation
            product["variations"].append(variation["id"])
        return product

    def by_sku(self, sku: str) -> dict[str, Any]:
        return next(p for p in self.products.values() if p["sku"] == sku)

    def add_order(self, *, status: str = "processing", lines: list[tuple[str, int, str]] | None = None,
                  **fields: Any) -> dict[str, Any]:
        """An order shaped like the docs' example; lines: (sku, quantity, unit price). Modified now."""
        order_id = next(self._ids)
        lines = lines or [("Bar3", 1, "12.00")]
        items = [{"id": next(self._ids), "name": "Ship Your Idea &ndash; Color: Black", "product_id": 22,
                  "variation_id": 23, "quantity": qty, "tax_class": "",
                  "subtotal": f"{float(price) * qty:.2f}", "subtotal_tax": "0.00",
                  "total": f"{float(price) * qty:.2f}", "total_tax": "0.00", "taxes": [],
                  "meta_data": [{"id": 2095, "key": "pa_color", "value": "black", "display_key": "Color",
                                 "display_value": "Black"}],
                  "sku": sku, "price": float(price)} for sku, qty, price in lines]
        goods = sum(float(i["total"]) for i in items)
        order = {
            "id": order_id, "parent_id": 0, "number": str(order_id), "order_key": f"wc_order_{order_id}",
            "created_via": "checkout", "version": "8.5.0", "status": status, "currency": "USD",
            **self._stamp("date_created", self.clock), **self._stamp("date_modified", self.clock),
            "discount_total": "0.00", "discount_tax": "0.00", "shipping_total": "10.00", "shipping_tax": "0.00",
            "cart_tax": "0.00", "total": f"{goods + 10:.2f}", "total_tax": "0.00", "prices_include_tax": False,
            "customer_id": 0, "customer_note": "",
            "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                        "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103",
                        "country": "US", "email": "john.doe@example.com", "phone": "(555) 555-5555"},
            "shipping": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                         "address_2": "Suite 4", "city": "San Francisco", "state": "CA", "postcode": "94103",
                         "country": "US", "phone": ""},
            "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer", "transaction_id": "",
            **({"date_paid": None, "date_paid_gmt": None} if status in ("pending", "on-hold", "failed")
               else self._stamp("date_paid", self.clock)),
            "date_completed": None, "date_completed_gmt": None, "cart_hash": "", "meta_data": [],
            "line_items": items, "tax_lines": [],
            "shipping_lines": [{"id": next(self._ids), "method_title": "Flat Rate", "method_id": "flat_rate",
                                "total": "10.00", "total_tax": "0.00", "taxes": [], "meta_data": []}],
            "fee_lines": [], "coupon_lines": [], "refunds": [],
            "_links": {"self": [{"href": f"https://example.com/wp-json/wc/v3/orders/{order_id}"}]},
        }
        order.update(fields)
        self.orders[order_id] = order
        self.notes[order_id] = []
        return order

    def update_order(self, order_id: int, **changes: Any) -> dict[str, Any]:
        with self.lock:
            order = self.orders[order_id]
            order.update(changes)
            order.update(self._stamp("date_modified", self.clock))
            return order

    # -- the API -------------------------------------------------------------------------------

    def route(self, method: str, path: str, query: dict[str, str], body: Any) -> Answer:
        if not path.startswith(self.PREFIX):
            return Answer(404, {"code": "rest_no_route", "message": "No route was found matching the URL and "
                                "request method.", "data": {"status": 404}})
        rest = path[len(self.PREFIX):]
        if (method, rest) == ("GET", "orders"):
            return self._list_orders(query)
        if (method, rest) == ("GET", "products"):
            skus = set(query.get("sku", "").split(",")) | {query.get("sku", "")}
            found = [p for p in self.products.values() if p["sku"].lower() in {s.lower() for s in skus if s}]
            return Answer(200, copy.deepcopy(found), {"X-WP-Total": str(len(found)), "X-WP-TotalPages": "1"})
        if method == "POST" and (m := re.fullmatch(r"products(?:/(\d+)/variations)?/batch", rest)):
            return self._batch(int(m[1]) if m[1] else None, body)
        m = re.fullmatch(r"orders/(\d+)(/notes)?", rest)
        if not m or int(m[1]) not in self.orders:
            return Answer(404, {"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID.",
                                "data": {"status": 404}})
        order_id = int(m[1])
        if m[2] and method == "GET":
            kind = query.get("type", "any")
            notes = [n for n in self.notes[order_id] if kind == "any" or n["customer_note"] == (kind == "customer")]
            return Answer(200, copy.deepcopy(notes))
        if m[2] and method == "POST":
            note = {"id": next(self._ids), "author": "WooCommerce", **self._stamp("date_created", self.clock),
                    "note": body["note"], "customer_note": bool(body.get("customer_note")), "added_by_user": False}
            self.notes[order_id].append(note)
            return Answer(201, copy.deepcopy(note))
        if method == "GET":
            return Answer(200, copy.deepcopy(self.orders[order_id]))
        if method == "PUT":
            self.tick()
            changes = {"status": body["status"]} if "status" in body else {}
            if changes.get("status") == "completed":
                changes.update(self._stamp("date_completed", self.clock))
            return Answer(200, copy.deepcopy(self.update_order(order_id, **changes)))
        return Answer(404, {"code": "rest_no_route", "message": "No route.", "data": {"status": 404}})

    def _list_orders(self, query: dict[str, str]) -> Answer:
        per_page, page = int(query.get("per_page", 10)), int(query.get("page", 1))
        if not 1 <= per_page <= 100:
            return Answer(400, {"code": "rest_invalid_param", "message": "Invalid parameter(s): per_page",
                                "data": {"status": 400}})
        gmt = query.get("dates_are_gmt") in ("true", "1")
        column = "date_modified_gmt" if gmt else "date_modified"
        rows = list(self.orders.values())
        status = query.get("status", "any")
        if status != "any":
            rows = [o for o in rows if o["status"] in status.split(",")]
        if query.get("modified_after"):         # date_query "after": strictly later
            after = dt.datetime.fromisoformat(query["modified_after"]).replace(tzinfo=None)
            rows = [o for o in rows if dt.datetime.fromisoformat(o[column]) > after]
        if query.get("exclude"):
            excluded = {int(i) for i in query["exclude"].split(",")}
            rows = [o for o in rows if o["id"] not in excluded]
        columns = {"modified": "date_modified_gmt", "date": "date_created_gmt", "id": "id"}
        orderby = columns[query.get("orderby", "date")]
        rows.sort(key=lambda o: (o[orderby], o["id"]), reverse=query.get("order", "desc") == "desc")
        total = len(rows)
        pages = max(1, -(-total // per_page)) if total else 0
        chunk = rows[(page - 1) * per_page: page * per_page]
        return Answer(200, copy.deepcopy(chunk), {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})

    def _batch(self, parent: int | None, body: Any) -> Answer:
        answered = []
        for update in (body or {}).get("update") or ():
            target = self.products.get(update.get("id"))
            right_kind = target is not None and (target["parent_id"] == parent if parent else target["parent_id"] == 0)
            if not right_kind:
                answered.append({"id": update.get("id"), "error": {
                    "code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.", "data": {"status": 400}}})
                continue
            for key in ("stock_quantity", "manage_stock"):
                if key in update:
                    target[key] = update[key]
            answered.append(copy.deepcopy(target))
        return Answer(200, {"update": answered})
