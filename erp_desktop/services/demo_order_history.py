"""The demo company's buyers and its past orders, and what demo_orders.py shares with them.

- **Buyers**: the master data's customers and about as many new ones as a year of orders needs:
  names from Faker's zh_CN surnames (weighted as it weights them) and given names, mobiles of the
  Chinese operators' prefixes, addresses across the provinces of places.json (official names, as
  the intake check gives them); the Shopify store's buyers are overseas Chinese in Hong Kong,
  Singapore, North America ...  Most buyers live near the warehouse that ships to them; a few buy
  often, most once or twice; each has an account on the platforms they buy on.
- **The past**: every shipment move of the stock history (one per SKU x warehouse x day) is cut
  into order lines of that warehouse and day, and the day's lines are put into baskets: shipped
  orders paid since the day before's 16:00 cut-off, with the platform's numbers, words and fees,
  the day's promotion discounts, a carrier and a tracking number.  So per SKU and day the orders
  ship what the ledger says (a 2-pack line counts twice).  Written set-based: one INSERT for the
  orders and their lines, one for their timelines; arrays travel as one text each (`sql`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from faker.providers.person.zh_CN import Provider as ZhNames
from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop import paths
from erp_desktop.domain import routing
from erp_desktop.domain import rules as r
from erp_desktop.domain.address import check_address
from erp_desktop.domain.forecast import PROMO_DAYS
from erp_desktop.domain.phone import parse_phone

CUT_OFF_H = 16                 # paid before 16:00: shipped the same day (the stock history ships at 18:00)
# hourly share of payments (0:00 .. 23:00): evenings are busiest
PAY_HOURS = np.array([3, 1.5, .8, .5, .4, .5, 1, 2, 3.5, 5, 6, 6, 5.5, 5, 5, 5, 5, 5, 5, 6, 7.5, 8.5, 8, 5.5])
TRACKING = {"SF": ("SF", 13), "ZTO": ("7", 13), "YTO": ("YT", 13), "YD": ("4", 14), "JD": ("JDVA", 11)}


class DemoOrdersError(RuntimeError):
    """The catalogue or shops are not the demo's (a shop on a platform the demo has no words for)."""


@cache
def data(name: str) -> dict[str, Any]:
    """resources/demo/orders.json (how the platforms word, number and charge orders) or places.json."""
    return json.loads((paths.resources_dir() / "demo" / name).read_text(encoding="utf-8"))


def sql(query: str) -> Any:
    """A statement whose `_A(:name, type)` are arrays sent as one text (see `arrays`)."""
    return text(re.sub(r"_A\(:(\w+), (\w+)\)", r"CAST((string_to_array(:\1, chr(31)))[2:] AS \2[])", query))


def arrays(**values: Any) -> dict[str, Any]:
    """Parameters for `sql`: lists and numpy arrays go as one text, each value after a unit
    separator (psycopg would adapt a list item by item: seconds for the orders of a year)."""
    def encode(v: Any) -> str:
        items = v.tolist() if isinstance(v, np.ndarray) else v
        return "".join("\x1f" + str(x) for x in items)      # empty: no items (not one empty text)
    return {k: encode(v) if isinstance(v, (list, tuple, np.ndarray)) else v for k, v in values.items()}


def pack_price(unit: np.ndarray) -> np.ndarray:
    """A 2-pack's price (cents) from the unit's: 10 % off, in whole dimes."""
    return (np.round(unit * 1.8 / 10) * 10).astype(np.int64)


def unique_ints(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """n different random integers in [low, high), in the order drawn."""
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        out = np.concatenate([out, rng.integers(low, high, n - len(out) + 8, dtype=np.int64)])
        out = out[np.sort(np.unique(out, return_index=True)[1])]
    return out[:n]


def order_numbers(rng: np.random.Generator, platform: str, dates: list[dt.date], after: int = 0) -> list[str]:
    """Numbers in the platform's style, one per date (in payment order): Taobao/Tmall and Douyin 19
    digits, Pinduoduo 231128-123456789012345, JD 12 digits and Shopify 13-digit API ids, these two
    rising with time (`after`: the last one given)."""
    n = len(dates)
    rising = {"jd": (280_000_000_000, 50_000_000_000), "shopify": (5_600_000_000_000, 300_000_000_000)}
    if platform in rising:
        low, span = rising[platform]
        low = max(low, after + 1)
        return [str(x) for x in np.sort(unique_ints(rng, n, low, low + (span if after == 0 else 10**8)))]
    if platform == "pdd":
        return [f"{d:%y%m%d}-{x:015d}" for d, x in zip(dates, unique_ints(rng, n, 0, 10**15), strict=True)]
    low, high = (6_900_000_000_000_000_000, 6_999_999_999_999_999_999) if platform == "douyin" else (
        1_000_000_000_000_000_000, 4_000_000_000_000_000_000)
    return [str(x) for x in unique_ints(rng, n, low, high)]


def buyer_ids(rng: np.random.Generator, platform: str, n: int, taken: frozenset[str] = frozenset()) -> list[str]:
    """n different buyer ids as the platform exports them (Taobao nicks tb1234567890 / t_..., jd_5f3a...,
    Shopify customer ids), none of `taken`."""
    out: list[str] = []
    while len(out) < n:
        xs = unique_ints(rng, n - len(out), 10**9, 10**10)
        if platform in ("tmall", "taobao"):
            ids = [f"tb{x}" if x % 3 else f"t_{x}{x % 997:03d}" for x in xs]
        elif platform in ("jd", "pdd", "douyin"):
            ids = [f"jd_{x:x}" if platform == "jd" else f"{platform[:3]}{x}" for x in xs]
        else:
            ids = [str(7 * 10**12 + x) for x in xs]
        out += [i for i in ids if i not in taken and i not in out]
    return out


# ---------------------------------------------------------------------------------------------
# The catalogue and the shops as the orders need them
# ---------------------------------------------------------------------------------------------


@dataclass
class Catalog:
    id: np.ndarray
    code: list[str]
    price: np.ndarray          # cents
    grams: np.ndarray
    active: np.ndarray
    kit: np.ndarray
    ix: dict[int, int]         # sku id -> index


@dataclass
class Shop:
    id: int
    code: str
    platform: str
    style: dict[str, Any]
    codes: list[str] = field(default_factory=list)          # per SKU index: the platform's code
    packs: dict[int, str] = field(default_factory=dict)     # SKU index -> the 2-pack's code
    unit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))   # price per SKU, cents

    @property
    def currency(self) -> str:
        return self.style.get("currency", "CNY")


def load(session: Session) -> tuple[Catalog, list[Shop]]:
    rows = session.execute(text("SELECT id, code, price, weight_kg, status, is_kit FROM catalog.sku ORDER BY id")).all()
    cat = Catalog(np.array([x[0] for x in rows], dtype=np.int64), [x[1] for x in rows],
                   np.array([int((x[2] or 0) * 100) for x in rows], dtype=np.int64),
                   np.array([int((x[3] or 0) * 1000) for x in rows], dtype=np.int64),
                   np.array([x[4] == "active" for x in rows], dtype=bool), np.array([x[5] for x in rows], dtype=bool),
                   {x[0]: i for i, x in enumerate(rows)})
    styles = data("orders.json")["platforms"]
    shops = []
    for sid, code, platform in session.execute(text("SELECT id, code, platform_code FROM sales.shop ORDER BY id")):
        style = styles.get("tmall" if platform == "taobao" else platform)
        if style is None:
            raise DemoOrdersError(f"the demo has no orders for platform {platform!r}")
        shops.append(Shop(sid, code, platform, style))
    return cat, shops


# ---------------------------------------------------------------------------------------------
# Buyers
# ---------------------------------------------------------------------------------------------

# the nearest warehouse region for the regions without a warehouse
NEAR = {"华中": "华东", "西南": "华南", "东北": "华北", "西北": "华北"}


@dataclass
class Buyers:
    """Everyone who buys: the master data's customers first (db_id set), then new ones."""

    name: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)     # as the intake writes it (national form)
    key: list[str] = field(default_factory=list)       # E.164
    country: list[str] = field(default_factory=list)
    province: list[str] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    district: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)
    postal: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    zone: list[int] = field(default_factory=list)      # warehouse index nearby, -1 abroad
    db_id: list[int] = field(default_factory=list)     # 0: not stored yet

    def add(self, **values: Any) -> None:
        for k, v in values.items():
            getattr(self, k).append(v)

    def address(self, i: int) -> str:
        return " ".join((self.province[i], self.city[i], self.district[i], self.detail[i]))


class People:
    """Chinese names by Faker's zh_CN surnames (weighted as it weights them) and given names;
    mobiles of the Chinese operators' prefixes, never the same twice."""

    def __init__(self, rng: np.random.Generator, taken: set[str]) -> None:
        self.rng = rng
        self.taken = taken
        last = ZhNames.last_names
        self.last = list(last)
        w = np.array([float(last[k]) for k in self.last])
        self.last_p = w / w.sum()
        self.first = list(ZhNames.first_names)
        self.prefixes = data("orders.json")["mobile_prefixes"]

    def names(self, n: int) -> list[str]:
        a = self.rng.choice(len(self.last), n, p=self.last_p)
        b = self.rng.integers(0, len(self.first), n)
        return [self.last[i] + self.first[j] for i, j in zip(a, b, strict=True)]

    def mobiles(self, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            k = n - len(out)
            prefix = self.rng.integers(0, len(self.prefixes), k)
            for p, x in zip(prefix, self.rng.integers(0, 10**8, k), strict=True):
                phone = f"{self.prefixes[p]}{x:08d}"
                if phone not in self.taken:
                    self.taken.add(phone)
                    out.append(phone)
        return out


def zone_of(warehouses: list[tuple[int, str, str]]) -> dict[str, int]:
    """Region (华东 ...) -> the index of the warehouse that ships there: its own region's, else the nearest's."""
    by_region = {r.REGION_OF.get(r.province_key(p), ""): i for i, (_w, _c, p) in reversed(list(enumerate(warehouses)))}
    return {region: by_region.get(region, by_region.get(NEAR.get(region, ""), 0))
            for region in set(r.REGION_OF.values())}


@cache
def _official(province: str, city: str, district: str) -> tuple[str, str, str]:
    a = check_address(province, city, district, "x")
    return a.province, a.city, a.district


def load_buyers(session: Session, zones: dict[str, int]) -> Buyers:
    b = Buyers()
    for cid, name, phone, email, prov, city, dist, addr in session.execute(text(
            "SELECT id, name, phone, email, province, city, district, address FROM crm.customer ORDER BY id")):
        check = parse_phone(phone or "")
        if check.match_key is None or not (prov and city and addr):
            continue                               # not one the demo made: left out of its orders
        p, c, d = _official(prov, city, dist or "")
        b.add(name=name, phone=check.national, key=check.match_key, country="CN", province=p, city=c, district=d,
              detail=addr, postal="", email=email or "", zone=zones.get(r.REGION_OF.get(r.province_key(p), ""), 0),
              db_id=cid)
    return b


def _streets(rng: np.random.Generator, n: int) -> list[str]:
    """Street addresses as places.json words them: 人民路123号阳光花园3幢2单元1203室, or 建设路8号12楼."""
    p = data("places.json")
    streets, communities = p["streets"], p["communities"]
    s, c = rng.integers(0, len(streets), n), rng.integers(0, len(communities), n)
    x = rng.integers(1, 1000, (n, 5))
    return [f"{streets[s[i]]}{x[i, 0]}号{communities[c[i]]}{x[i, 2] % 30 + 1}幢{x[i, 3] % 4 + 1}单元"
            f"{x[i, 4] % 28 + 1}{x[i, 1] % 4 + 1:02d}室" if x[i, 1] % 5
            else f"{streets[s[i]]}{x[i, 0]}号{x[i, 2] % 30 + 1}楼" for i in range(n)]


def add_buyers(b: Buyers, people: People, n: int, zones: dict[str, int]) -> None:
    """n new buyers in China, where places.json's regions say people live (and buy)."""
    rng = people.rng
    regions = data("places.json")["regions"]
    w = np.array([x[2] for x in regions], dtype=float)
    picks = rng.choice(len(regions), n, p=w / w.sum())
    district = rng.random(n)
    domains = data("orders.json")["email_domains"]
    mail = np.where(rng.random(n) < 0.1, rng.integers(0, len(domains), n), -1)
    for name, ix, dx, phone, street, m in zip(people.names(n), picks, district, people.mobiles(n), _streets(rng, n),
                                              mail, strict=True):
        prov, city, _w, districts = regions[ix]
        p, c, d = _official(prov, city, districts[int(dx * len(districts))])
        b.add(name=name, phone=phone, key=f"+86{phone}", country="CN", province=p, city=c, district=d,
              detail=street, postal="", email=f"{phone[2:]}@{domains[m]}" if m >= 0 else "",
              zone=zones.get(r.REGION_OF.get(r.province_key(p), ""), 0), db_id=0)


def _add_overseas(b: Buyers, people: People, n: int) -> None:
    """The Shopify store's buyers: overseas Chinese in Hong Kong, Singapore, North America ..."""
    places = data("orders.json")["overseas"]
    w = np.array([x["weight"] for x in places], dtype=float)
    rng = people.rng
    for name, ix in zip(people.names(n), rng.choice(len(places), n, p=w / w.sum()), strict=True):
        pl = places[ix]
        while True:
            phone = parse_phone(rng.choice(pl["phone"]) + f"{int(rng.integers(10 ** pl['digits'])):0{pl['digits']}d}",
                                region=pl["country"])
            if phone.match_key and phone.match_key not in people.taken:
                people.taken.add(phone.match_key)
                break
        state, city = pl["places"][int(rng.integers(len(pl["places"])))]
        n1, n2 = rng.integers(1, 300, 2)
        flat = f"{n2 % 30 + 1}{'ABCD'[n2 % 4]}" if "Flat" in pl["street_format"] else n2 % 30 + 1
        detail = pl["street_format"].format(n=n1, f=flat, street=pl["streets"][int(rng.integers(len(pl["streets"])))])
        digits = {f"d{k}": f"{int(rng.integers(10**k)):0{k}d}" for k in (4, 5, 6)}
        b.add(name=name, phone=phone.national, key=phone.match_key, country=pl["country"], province=state, city=city,
              district="", detail=detail, postal=pl.get("postal", "").format(**digits),
              email=f"{''.join(rng.choice(list('abcdefghijklmnopqrstuvwxyz'), 6))}{n2 % 100:02d}@gmail.com",
              zone=-1, db_id=0)


def store_buyers(session: Session, b: Buyers, orders: np.ndarray) -> int:
    """Store the buyers with past orders (`orders`: how many, per buyer) that are new, with that
    count; the master data's customers get their phone key and count.  Returns the buyers added."""
    old = [i for i, cid in enumerate(b.db_id) if cid]
    session.execute(sql("UPDATE crm.customer c SET phone_key = x.k, orders_count = x.n "
                        "FROM unnest(_A(:i, int), _A(:k, text), _A(:n, int)) x(i, k, n) WHERE c.id = x.i"),
                    arrays(i=[b.db_id[i] for i in old], k=[b.key[i] for i in old],
                           n=[int(orders[i]) if i < len(orders) else 0 for i in old]))
    new = [i for i in np.flatnonzero(orders).tolist() if not b.db_id[i]]
    if not new:
        return 0
    ids = dict(session.execute(sql(
        "INSERT INTO crm.customer (name, phone, phone_key, email, province, city, district, address, orders_count) "
        "SELECT n, p, k, nullif(e, ''), nullif(pv, ''), nullif(c, ''), nullif(d, ''), a, o FROM unnest(_A(:n, text), "
        "_A(:p, text), _A(:k, text), _A(:e, text), _A(:pv, text), _A(:c, text), _A(:d, text), _A(:a, text), "
        "_A(:o, int)) AS x(n, p, k, e, pv, c, d, a, o) RETURNING phone_key, id"),   # new buyers' phones all differ
        arrays(n=[b.name[i] for i in new], p=[b.phone[i] for i in new], k=[b.key[i] for i in new],
               e=[b.email[i] for i in new], pv=[b.province[i] for i in new], c=[b.city[i] for i in new],
               d=[b.district[i] for i in new], a=[b.detail[i] for i in new], o=orders[new])).all())
    for i in new:
        b.db_id[i] = ids[b.key[i]]
    return len(new)


# ---------------------------------------------------------------------------------------------
# The past: the stock history's shipments as shipped orders
# ---------------------------------------------------------------------------------------------


@dataclass
class Past:
    """The shipped orders (per order) and their lines (per line, ordered by order)."""

    shop: np.ndarray
    wh: np.ndarray
    day: np.ndarray
    buyer: np.ndarray
    line_order: np.ndarray
    line_sku: np.ndarray
    line_qty: np.ndarray       # units of our SKU


def plan_past(session: Session, rng: np.random.Generator, cat: Catalog, shops: list[Shop],
               warehouses: list[tuple[int, str, str]], first: dt.date) -> Past | None:
    moves = session.execute(text(
        "SELECT string_agg(concat_ws(' ', sku_id, from_warehouse_id, CAST(moved_at AS date) - CAST(:first AS date), "
        "CAST(quantity AS integer)), ' ' ORDER BY sku_id, from_warehouse_id, moved_at) FROM stock.move "
        "WHERE kind = 'shipment' AND doc_type = 'sales_day' AND quantity = round(quantity)"),
        {"first": first}).scalar()
    if not moves or not shops:
        return None
    sku_id, wh_id, day, q = np.array(moves.split(), dtype=np.int64).reshape(-1, 4).T
    wh_ids = np.array([w for w, _c, _p in warehouses])
    sku, wh = np.searchsorted(cat.id, sku_id), np.searchsorted(wh_ids, wh_id)
    # a move of many units is several buyers' lines; then the day's lines of a warehouse go into baskets
    n = np.maximum(np.ceil(q / rng.choice([6, 10, 20], len(q))), 1).astype(np.int64)
    move = np.repeat(np.arange(len(q)), n)
    k = np.arange(len(move)) - np.repeat(np.cumsum(n) - n, n)
    qty = q[move] // n[move] + (k < q[move] % n[move])
    ordered = np.lexsort((rng.random(len(move)), day[move], wh[move]))
    move, qty = move[ordered], qty[ordered]
    group_start = np.r_[True, (wh[move][1:] != wh[move][:-1]) | (day[move][1:] != day[move][:-1])]
    basket = rng.choice(np.arange(1, 9), len(move), p=[0.2, 0.18, 0.16, 0.14, 0.11, 0.09, 0.07, 0.05])
    ends = np.cumsum(basket)
    starts = np.zeros(len(move), dtype=bool)
    starts[np.r_[0, ends[ends < len(move)]]] = True
    order = np.cumsum(starts | group_start) - 1
    # the same SKU twice in a basket is one line
    uniq, inverse = np.unique(order * len(cat.id) + sku[move], return_inverse=True)
    line_qty = np.bincount(inverse, weights=qty).astype(np.int64)
    line_order, line_sku = uniq // len(cat.id), uniq % len(cat.id)
    heads = np.flatnonzero(np.r_[True, order[1:] != order[:-1]])
    o_wh, o_day = wh[move][heads], day[move][heads]
    share = np.array([s.style["share"] for s in shops])
    o_shop = rng.choice(len(shops), len(heads), p=share / share.sum())
    return Past(o_shop, o_wh, o_day, np.zeros(len(heads), dtype=np.int64), line_order, line_sku, line_qty)


def assign_buyers(rng: np.random.Generator, past: Past, b: Buyers, shops: list[Shop], people: People,
                   zones: dict[str, int]) -> None:
    """Buyers for the past orders: most near the warehouse that shipped, a few buying often."""
    abroad = np.array([s.platform == "shopify" for s in shops])
    cn_shops = np.flatnonzero(~abroad)
    n_cn, n_abroad = int((~abroad[past.shop]).sum()), int(abroad[past.shop].sum())
    add_buyers(b, people, max(0, n_cn // 2 - len(b.name)), zones)
    first_abroad = len(b.name)
    _add_overseas(b, people, n_abroad // 3 + 20 if abroad.any() else 0)
    n = len(b.name)
    member = np.zeros((n, len(shops)), dtype=bool)
    if len(cn_shops):
        share = np.array([shops[i].style["share"] for i in cn_shops])
        main = cn_shops[rng.choice(len(cn_shops), first_abroad, p=share / share.sum())]
        member[np.arange(first_abroad), main] = True
        other = cn_shops[rng.integers(0, len(cn_shops), first_abroad)]
        member[np.arange(first_abroad), other] |= rng.random(first_abroad) < 0.25
    member[first_abroad:, abroad] = True
    weight = rng.lognormal(0, 1.1, n)
    zone = np.array(b.zone)
    local = np.where(rng.random(len(past.shop)) < 0.8, past.wh, -1)
    for s in range(len(shops)):
        for z in np.unique(local[past.shop == s]):
            sel = np.flatnonzero((past.shop == s) & (local == z))
            pool = np.flatnonzero(member[:, s] & ((zone == z) if z >= 0 and not abroad[s] else True))
            if len(pool) == 0:
                pool = np.flatnonzero(member[:, s]) if member[:, s].any() else np.arange(n)
            cum = np.cumsum(weight[pool])
            past.buyer[sel] = pool[np.minimum(np.searchsorted(cum, rng.random(len(sel)) * cum[-1]), len(pool) - 1)]


_INSERT_ORDERS = sql("""
WITH b AS (SELECT * FROM unnest(_A(:b_id, int), _A(:b_name, text), _A(:b_phone, text),
                                _A(:b_key, text), _A(:b_country, text), _A(:b_prov, text),
                                _A(:b_city, text), _A(:b_dist, text), _A(:b_detail, text),
                                _A(:b_postal, text), _A(:b_email, text))
           WITH ORDINALITY AS b(id, name, phone, key, country, prov, city, dist, detail, postal, email, ix)),
p AS (SELECT * FROM unnest(_A(:p_buyer, text), _A(:p_merge, text)) WITH ORDINALITY AS p(buyer, merge, ix)),
x AS (SELECT * FROM unnest(_A(:shop, int), _A(:no, text), _A(:bix, int), _A(:pix, int),
                           _A(:pst, text), _A(:pstx, text), _A(:msg, text), _A(:memo, text),
                           _A(:cur, text), _A(:goods, bigint), _A(:disc, bigint),
                           _A(:ship, bigint), _A(:fee, bigint), _A(:t_ord, int),
                           _A(:t_paid, int), _A(:t_new, int), _A(:t_ship, int),
                           _A(:grams, bigint), _A(:wh, int), _A(:carrier, int), _A(:track, text))
           WITH ORDINALITY AS x(shop, no, bix, pix, pst, pstx, msg, memo, cur, goods, disc, ship, fee, t_ord, t_paid,
                                t_new, t_ship, grams, wh, carrier, track, ix))
INSERT INTO sales."order" (shop_id, platform_order_no, status, platform_status, platform_status_text, customer_id,
        buyer_id, buyer_name, buyer_message, seller_memo, receiver_name, receiver_phone, phone_key, country, province,
        city, district, address_detail, address_raw, postal_code, email, currency, goods_amount, discount,
        shipping_fee, paid_amount, platform_fee, ordered_at, paid_at, weight_kg, warehouse_id, carrier_id,
        merge_key, platform_order_nos, tracking_no, shipped_at, created_at)
    SELECT x.shop, x.no, 'shipped', x.pst, x.pstx, b.id, p.buyer, b.name, x.msg, x.memo, b.name, b.phone, b.key,
           b.country, b.prov, b.city, b.dist, b.detail, concat_ws(' ', nullif(b.prov, ''), nullif(b.city, ''),
           nullif(b.dist, ''), b.detail), b.postal, b.email, x.cur, x.goods / 100.0, x.disc / 100.0, x.ship / 100.0,
           (x.goods - x.disc + x.ship) / 100.0, x.fee / 100.0, t.base + x.t_ord * interval '1 second',
           t.base + x.t_paid * interval '1 second', x.grams / 1000.0, x.wh, nullif(x.carrier, 0), p.merge,
           ARRAY[x.no], x.track, t.base + x.t_ship * interval '1 second', t.base + x.t_new * interval '1 second'
    FROM x JOIN b ON b.ix = x.bix JOIN p ON p.ix = x.pix CROSS JOIN (SELECT CAST(:first AS timestamp) AS base) t
RETURNING id, shop_id, platform_order_no
""")
_INSERT_LINES = sql("""
INSERT INTO sales.order_line (order_id, line_no, platform_sku, title, variant, platform_status, quantity, unit_price,
                              amount, sku_id, sku_quantity)
SELECT l.o, l.n, l.psku, k.name, coalesce(k.spec, ''), l.st, l.q, l.unit / 100.0, l.amount / 100.0, l.sku, l.skuq
FROM unnest(_A(:l_order, bigint), _A(:l_n, int), _A(:l_psku, text), _A(:l_q, int), _A(:l_unit, bigint),
            _A(:l_amount, bigint), _A(:l_sku, int), _A(:l_skuq, int), _A(:l_st, text))
     AS l(o, n, psku, q, unit, amount, sku, skuq, st)
JOIN catalog.sku k ON k.id = l.sku
""")


def write_past(session: Session, rng: np.random.Generator, past: Past, cat: Catalog, shops: list[Shop],
                b: Buyers, warehouses: list[tuple[int, str, str]], first: dt.date,
                days: int) -> tuple[int, int, dict[int, list[tuple[int, str]]]]:
    """Prices, discounts, numbers and times of the past orders, written in one statement; returns
    (orders, lines, per shop index: its (buyer, platform buyer id) pairs)."""
    style = data("orders.json")
    no, nl = len(past.shop), len(past.line_order)
    lo, ls = past.line_order, past.line_sku
    shop_l = past.shop[lo]
    # 2-packs: an even quantity of a SKU the shop also sells by two, now and then
    codes = np.array([shop.codes for shop in shops], dtype=object)
    pack_codes = np.full(codes.shape, "", dtype=object)
    for i, shop in enumerate(shops):
        pack_codes[i, list(shop.packs)] = list(shop.packs.values())
    packed = (pack_codes[shop_l, ls] != "") & (past.line_qty % 2 == 0) & (rng.random(nl) < 0.6)
    pq = np.where(packed, past.line_qty // 2, past.line_qty)
    unit = np.stack([shop.unit for shop in shops])[shop_l, ls]
    unit = np.where(packed, pack_price(unit), unit)
    psku = np.where(packed, pack_codes[shop_l, ls], codes[shop_l, ls])
    gross = unit * pq
    goods = np.bincount(lo, weights=gross, minlength=no).astype(np.int64)
    dates = [first + dt.timedelta(days=int(d)) for d in range(days)]
    promo = np.array([(d.month, d.day) in PROMO_DAYS for d in dates])[past.day]
    usd = np.array([s.currency != "CNY" for s in shops])[past.shop]
    coupon = rng.choice([500, 1000, 2000], no) * (rng.random(no) < 0.25)
    disc = np.where(promo, goods // 30000 * 4000, np.where(goods >= coupon * 6, coupon, 0))
    disc = np.where(usd, np.where(rng.random(no) < 0.1, goods // 10, 0), disc)
    ship = np.where(usd & (goods < 4900), 990, 0)
    fee = np.round((goods - disc + ship) * np.array([s.style["fee"] for s in shops])[past.shop]).astype(np.int64)
    share = np.where(goods[lo] > 0, gross * disc[lo] // np.maximum(goods[lo], 1), 0)
    head = np.r_[True, lo[1:] != lo[:-1]]
    rest = disc - np.bincount(lo, weights=share, minlength=no).astype(np.int64)
    amount = gross - share - np.where(head, rest[lo], 0)
    line_no = np.arange(nl) - np.flatnonzero(head)[np.cumsum(head) - 1] + 1
    # times: paid from yesterday's cut-off to today's, shipped before the day's 18:00 shipment move
    hours = np.roll(PAY_HOURS, -CUT_OFF_H)
    k = rng.choice(24, no, p=hours / hours.sum())
    t_paid = past.day * 86400 + (k - (24 - CUT_OFF_H)) * 3600 + rng.integers(0, 3600, no)
    t_ord = t_paid - rng.integers(5, 900, no)
    t_new = t_paid + rng.integers(60, 1800, no)
    t_ship = past.day * 86400 + 17 * 3600 + rng.integers(0, 3600, no)
    done = past.day < days - 10
    # numbers in payment order per shop; carriers and tracking numbers by platform
    numbers = np.empty(no, dtype=object)
    for s, shop in enumerate(shops):
        sel = np.flatnonzero(past.shop == s)
        sel = sel[np.argsort(t_paid[sel], kind="stable")]
        numbers[sel] = order_numbers(rng, shop.platform, [first + dt.timedelta(days=int(d))
                                                          for d in t_paid[sel] // 86400])
    carrier_ids = dict(session.execute(text("SELECT code, id FROM fulfil.carrier")).all())
    carrier = np.zeros(no, dtype=np.int64)
    track = np.empty(no, dtype=object)
    for s, shop in enumerate(shops):
        known = {c: w for c, w in shop.style["carriers"].items() if c in carrier_ids} or {"": 1}
        sel = np.flatnonzero(past.shop == s)
        w = np.array(list(known.values()), dtype=float)
        pick = rng.choice(len(known), len(sel), p=w / w.sum())
        for j, code in enumerate(known):
            these = sel[pick == j]
            carrier[these] = carrier_ids.get(code, 0)
            prefix, digits = TRACKING.get(code, ("", 12))
            track[these] = [f"{prefix}{x:0{digits}d}" for x in unique_ints(rng, len(these), 0, 10**digits)]
    msgs, memos = style["buyer_messages"], style["seller_memos"]
    msg = [msgs[x] if y < 0.03 else "" for x, y in zip(rng.integers(0, len(msgs), no), rng.random(no), strict=True)]
    memo = [memos[x] if y < 0.015 else "" for x, y in zip(rng.integers(0, len(memos), no), rng.random(no), strict=True)]
    grams = np.bincount(lo, weights=past.line_qty * cat.grams[ls], minlength=no).astype(np.int64)
    # buyers and their platform accounts
    used = np.unique(past.buyer)
    b_ix = np.zeros(len(b.name), dtype=np.int64)
    b_ix[used] = np.arange(1, len(used) + 1)
    pair_key, pair_of = np.unique(past.buyer * len(shops) + past.shop, return_inverse=True)
    pair_buyer, pair_shop = pair_key // len(shops), pair_key % len(shops)
    buyer_id = np.empty(len(pair_key), dtype=object)
    for s, shop in enumerate(shops):
        sel = np.flatnonzero(pair_shop == s)
        buyer_id[sel] = buyer_ids(rng, shop.platform, len(sel))
    merge = [routing.merge_key(str(shops[s].id), buyer_id[i], b.name[x], b.key[x], b.address(x))
             for i, (x, s) in enumerate(zip(pair_buyer, pair_shop, strict=True))]
    words = [shops[s].style["words"] for s in past.shop]
    shop_ids = [shops[s].id for s in past.shop]
    made = session.execute(_INSERT_ORDERS, arrays(
        b_id=[b.db_id[i] for i in used], b_name=[b.name[i] for i in used], b_phone=[b.phone[i] for i in used],
        b_key=[b.key[i] for i in used], b_country=[b.country[i] for i in used], b_prov=[b.province[i] for i in used],
        b_city=[b.city[i] for i in used], b_dist=[b.district[i] for i in used], b_detail=[b.detail[i] for i in used],
        b_postal=[b.postal[i] for i in used], b_email=[b.email[i] for i in used], p_buyer=list(buyer_id),
        p_merge=merge, shop=shop_ids, no=list(numbers), bix=b_ix[past.buyer], pix=pair_of + 1,
        pst=["completed" if d else "shipped" for d in done],
        pstx=[w["completed"] if d else w["shipped"] for w, d in zip(words, done, strict=True)], msg=msg, memo=memo,
        cur=[shops[s].currency for s in past.shop], goods=goods, disc=disc, ship=ship, fee=fee, t_ord=t_ord,
        t_paid=t_paid, t_new=t_new, t_ship=t_ship, grams=grams, wh=[warehouses[w][0] for w in past.wh],
        carrier=carrier, track=list(track), first=first)).all()
    order_id = {(shop, no_): oid for oid, shop, no_ in made}
    ids = np.array([order_id[k] for k in zip(shop_ids, numbers, strict=True)], dtype=np.int64)
    session.execute(_INSERT_LINES, arrays(
        l_order=ids[lo], l_n=line_no, l_psku=psku, l_q=pq, l_unit=unit, l_amount=amount, l_sku=cat.id[ls],
        l_skuq=past.line_qty, l_st=["completed" if d else "shipped" for d in done[lo]]))
    session.execute(sql("INSERT INTO crm.customer_account (customer_id, platform_code, buyer_id) "
                        "SELECT * FROM unnest(_A(:c, int), _A(:p, text), _A(:b, text)) ON CONFLICT DO NOTHING"),
                    arrays(c=[b.db_id[x] for x in pair_buyer], p=[shops[s].platform for s in pair_shop],
                           b=list(buyer_id)))
    # the timeline: shipped, with its carrier and tracking number
    session.execute(text("""
        INSERT INTO sales.order_event (order_id, at, kind, detail)
        SELECT o.id, o.shipped_at, 'shipped', jsonb_build_object('carrier', c.code, 'tracking_no', o.tracking_no)
        FROM sales."order" o LEFT JOIN fulfil.carrier c ON c.id = o.carrier_id WHERE o.status = 'shipped'"""))
    pairs: dict[int, list[tuple[int, str]]] = {}
    for x, s, bid in zip(pair_buyer, pair_shop, buyer_id, strict=True):
        pairs.setdefault(int(s), []).append((int(x), str(bid)))
    return no, nl, pairs
