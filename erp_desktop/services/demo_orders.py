"""The demo company's orders: what its five shops sell under which codes and how they publish
stock, the review and routing rules, and open orders in every state of the Orders dock; with
demo_order_history.py, the buyers and a year of shipped orders.

Called at the end of `demo.seed_demo`, on the catalogue, shops and stock history it made:

- **Shops** sell every SKU (sales.sku_map) under the code their platform knows: Tmall,
  Pinduoduo and Shopify our codes, JD its own 12-digit SKU ids, Douyin our codes without dashes;
  Tmall and Pinduoduo also sell cheap SKUs as 2-packs (quantity 2).  Publishing rules
  (sales.publish_rule): JD a ratio, Pinduoduo a buffer, Shopify a fixed quantity, Douyin a fixed
  quantity of its live-stream best sellers.  The Shopify store has no API address: its settings
  say it is a demo.
- **Rules**: review (黑名单拒单, 大额订单转人工, 有买家留言转人工, 新客首单转人工, 其余自动审核 except the
  Shopify store's, which wait for a person: "no_rule"), a warehouse rule (the north ships from
  Beijing first) and carrier rules (JD's orders by JD Logistics, heavy parcels by SF).
- **The past** (demo_order_history): the stock history's shipments as shipped orders of the
  buyers, written set-based.
- **Open orders** (OPEN_PLAN) go through the real intake: `orders.import_orders` per shop, then
  `order_review.review_orders` by the rules above, so each lands where the rules put it (to
  review, exception, waiting for stock, approved with its stock reserved, rejected); a few are
  then cancelled by the buyer (a re-import the platform says is closed).

The same seed gives the same orders; dates are counted back from the database's today, and the
open orders are paid between yesterday's cut-off and now.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain import rules as r
from erp_desktop.domain.address import check_address
from erp_desktop.domain.orders import CANCELLED, PAID, ParsedOrders, PlatformOrder, PlatformOrderLine
from erp_desktop.services import demo_order_history as history
from erp_desktop.services import demo_stock, order_review, orders
from erp_desktop.services.demo_order_history import Buyers, Catalog, People, Shop

BIG_AMOUNT = Decimal(2000)     # 大额订单转人工
TWO_PACKS = 40                 # cheap SKUs Tmall and Pinduoduo also sell by two
# what the open orders should show, by the rule or check that puts them there
OPEN_PLAN = {"approved": 110, "buyer_cancelled": 8, "waiting": 12, "message": 20, "big": 8, "first": 12,
             "no_rule": 12, "blacklisted": 3, "bad_district": 5, "bad_phone": 5, "unknown_sku": 5}


@dataclass(frozen=True)
class OrdersSummary:
    sku_maps: int = 0
    publish_rules: int = 0
    rules: int = 0
    customers: int = 0          # buyers added (the master data's customers are buyers too)
    shipped: int = 0            # past orders, shipped
    shipped_lines: int = 0
    open: int = 0               # orders imported now and reviewed by the rules
    by_status: dict[str, int] = field(default_factory=dict)     # every order, by status


# ---------------------------------------------------------------------------------------------
# Shops: SKU codes, publishing, rules
# ---------------------------------------------------------------------------------------------


def _prices(shop: Shop, cat: Catalog) -> np.ndarray:
    cents = cat.price * shop.style["price"]
    if shop.currency == "CNY":
        return np.maximum(np.round(cents / 10) * 10, 10).astype(np.int64)
    return np.maximum(np.ceil(cents / 100) * 100 - 1, 99).astype(np.int64)     # $12.99


def _seed_sku_maps(session: Session, rng: np.random.Generator, cat: Catalog, shops: list[Shop]) -> int:
    cheap = np.flatnonzero(cat.active & ~cat.kit & (cat.price < 3000))
    packs = [int(i) for i in np.sort(rng.choice(cheap, min(TWO_PACKS, len(cheap)), replace=False))]
    rows = []
    for shop in shops:
        shop.unit = _prices(shop, cat)
        if shop.platform == "jd":
            shop.codes = [str(x) for x in history.unique_ints(rng, len(cat.code), 100_000_000_000, 100_099_999_999)]
        elif shop.platform == "douyin":
            shop.codes = [c.replace("-", "") for c in cat.code]
        else:
            shop.codes = list(cat.code)
        if shop.platform in ("tmall", "pdd"):
            shop.packs = {i: f"{cat.code[i]}*2" for i in packs}
        rows += [{"shop_id": shop.id, "platform_sku": c, "sku_id": int(s), "quantity": Decimal(1)}
                 for s, c in zip(cat.id, shop.codes, strict=True)]
        rows += [{"shop_id": shop.id, "platform_sku": c, "sku_id": int(cat.id[i]), "quantity": Decimal(2)}
                 for i, c in shop.packs.items()]
        settings: dict[str, Any] = {"demo": True}
        if shop.platform == "shopify":
            settings["note"] = "演示店铺：未连接 Shopify API，订单为演示数据"
            settings["currency"] = shop.currency
        session.execute(text("UPDATE sales.shop SET settings = settings || CAST(:s AS jsonb) WHERE id = :i"),
                        {"s": json.dumps(settings, ensure_ascii=False), "i": shop.id})
    if rows:
        session.execute(history.sql(
            "INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id, quantity) "
            "SELECT * FROM unnest(_A(:s, int), _A(:p, text), _A(:k, int), _A(:q, numeric))"),
            history.arrays(s=[x["shop_id"] for x in rows], p=[x["platform_sku"] for x in rows],
                           k=[x["sku_id"] for x in rows], q=[x["quantity"] for x in rows]))
    return len(rows)


def _seed_publish_rules(session: Session, shops: list[Shop], best: list[int]) -> int:
    """JD shows 80 % of what there is, Pinduoduo keeps 5 back, Shopify shows 20 of each, Douyin's
    live-stream best sellers 30 each (its other SKUs go by the shop's ratio)."""
    rows: list[tuple[int, int | None, str, Decimal]] = []
    for shop in shops:
        if shop.platform == "jd":
            rows.append((shop.id, None, "ratio", Decimal("0.8")))
        elif shop.platform == "pdd":
            rows.append((shop.id, None, "buffer", Decimal(5)))
        elif shop.platform == "shopify":
            rows.append((shop.id, None, "fixed", Decimal(20)))
        elif shop.platform == "douyin":
            rows += [(shop.id, sku, "fixed", Decimal(30)) for sku in best]
    for row in rows:
        session.execute(text("INSERT INTO sales.publish_rule (shop_id, sku_id, mode, value) VALUES (:s, :k, :m, :v)"),
                        dict(zip(("s", "k", "m", "v"), row, strict=True)))
    return len(rows)


def _seed_rules(session: Session, warehouses: list[tuple[int, str, str]]) -> int:
    C = r.Condition
    specs = [
        r.RuleSpec(None, "黑名单拒单", 10, "any",
                   (C("customer_blacklisted", "is_true"), C("phone_blacklisted", "is_true")), r.REJECT,
                   {"reason": "黑名单客户"}),
        r.RuleSpec(None, "大额订单转人工", 20, "all", (C("amount", "ge", str(BIG_AMOUNT)),), r.HOLD,
                   {"reason": "大额订单，请核实"}),
        r.RuleSpec(None, "有买家留言转人工", 30, "all", (C("buyer_message", "not_empty"),), r.HOLD,
                   {"reason": "买家有留言"}),
        r.RuleSpec(None, "新客首单转人工", 40, "all", (C("first_order", "is_true"),
                                                 C("platform", "in", ["pdd", "douyin"])), r.HOLD,
                   {"reason": "拼多多/抖音新客户首单"}),
        r.RuleSpec(None, "其余自动审核", 100, "all", (C("platform", "not_in", ["shopify"]),), r.APPROVE),
    ]
    carriers = dict(session.execute(text("SELECT code, id FROM fulfil.carrier")).all())
    if "JD" in carriers:
        specs.append(r.RuleSpec(None, "京东店铺发京东物流", 10, "all", (C("platform", "eq", "jd"),), r.USE_CARRIER,
                                {"carrier_id": carriers["JD"]}, kind=r.CARRIER))
    if "SF" in carriers:
        specs.append(r.RuleSpec(None, "大件发顺丰", 20, "all", (C("weight_kg", "gt", "10"),), r.USE_CARRIER,
                                {"carrier_id": carriers["SF"]}, kind=r.CARRIER))
    north = [w for w, _c, p in warehouses if r.REGION_OF.get(r.province_key(p)) == "华北"]
    if north and len(warehouses) > 1:
        specs.append(r.RuleSpec(None, "北方订单北京仓优先", 10, "all", (C("region", "in", ["华北", "东北", "西北"]),),
                                r.PREFER_WAREHOUSES, {"warehouse_ids": [north[0], warehouses[0][0]]},
                                kind=r.WAREHOUSE))
    for spec in specs:
        order_review.save_rule(session, spec)
    return len(specs)


# ---------------------------------------------------------------------------------------------
# Open orders, through the intake and the rules
# ---------------------------------------------------------------------------------------------


@dataclass
class _Open:
    kind: str                  # a key of OPEN_PLAN
    shop: int                  # index into the shops
    buyer: int                 # index into the buyers, -1: someone new
    buyer_id: str
    lines: list[tuple[int, int, bool]]     # (SKU index, units of ours, as the 2-pack)
    po: PlatformOrder | None = None


class _Picker:
    """SKUs for the open orders: sellers in stock at the main warehouse (every order can ship
    whole from there), weighted by last year's sales, never promised twice."""

    def __init__(self, rng: np.random.Generator, cat: Catalog, sold: np.ndarray, main: np.ndarray) -> None:
        self.rng, self.cat, self.left = rng, cat, main.copy()
        self.pool = np.flatnonzero(cat.active & ~cat.kit & (main >= 6) & (cat.price < 60000))
        w = sold[self.pool] + 1.0
        self.p = w / w.sum()

    def lines(self, budget: int = 120000) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        want = int(self.rng.choice([1, 2, 3], p=[0.6, 0.25, 0.15]))
        spent = 0
        for sku in self.rng.choice(self.pool, min(8, len(self.pool)), replace=False, p=self.p):
            qty = int(self.rng.choice([1, 2], p=[0.8, 0.2]))
            if self.left[sku] - qty >= 2 and spent + qty * self.cat.price[sku] <= budget:
                self.left[sku] -= qty
                spent += qty * int(self.cat.price[sku])
                out.append((int(sku), qty))
            if len(out) == want:
                break
        return out


def _plan_open(rng: np.random.Generator, cat: Catalog, shops: list[Shop], b: Buyers,
               pairs: dict[int, list[tuple[int, str]]], sold: np.ndarray, main: np.ndarray,
               total: np.ndarray) -> list[_Open]:
    cn = [i for i, s in enumerate(shops) if s.platform != "shopify" and pairs.get(i)]
    picker = _Picker(rng, cat, sold, main)
    if not cn or not len(picker.pool):
        return []
    sold_out = np.flatnonzero(cat.active & ~cat.kit & (total <= 0) & (sold > 0))
    dear = picker.pool[cat.price[picker.pool] >= 40000]
    taken: set[int] = set()
    plan: list[_Open] = []

    def known(shop: int) -> tuple[int, str]:
        for _ in range(20):
            x, bid = pairs[shop][int(rng.integers(len(pairs[shop])))]
            if x not in taken:
                break
        taken.add(x)
        return x, bid

    for kind, count in OPEN_PLAN.items():
        shop_pool = cn
        if kind == "first":
            shop_pool = [i for i in cn if shops[i].platform in ("pdd", "douyin")] or cn
        elif kind == "no_rule":
            shop_pool = [i for i, s in enumerate(shops) if s.platform == "shopify" and pairs.get(i)]
        elif kind == "waiting" and not len(sold_out):
            continue
        if not shop_pool:
            continue
        p = np.array([shops[i].style["share"] for i in shop_pool])
        for _ in range(count):
            shop = shop_pool[int(rng.choice(len(shop_pool), p=p / p.sum()))]
            x, bid = (-1, "") if kind == "first" else known(shop)
            lines = picker.lines()
            if kind == "waiting":
                lines = [(int(rng.choice(sold_out)), 1), *lines[:1]]
            elif kind == "big" and len(dear):
                sku = int(rng.choice(dear))
                lines = [(sku, int(-(-(int(BIG_AMOUNT) * 100 + 10000) // int(shops[shop].unit[sku]))))]
            if not lines:
                continue
            plan.append(_Open(kind, shop, x, bid, [(k, q, k in shops[shop].packs and rng.random() < 0.3 and q == 2)
                                                   for k, q in lines]))
    return plan


def _wrong_district(rng: np.random.Generator, province: str, city: str, detail: str) -> str:
    """A district of another city, that this city has not (the buyer picked the wrong one)."""
    regions = history.data("places.json")["regions"]
    for ix in rng.permutation(len(regions)):
        for district in regions[ix][3]:
            if regions[ix][1] != city and "district_not_in_city" in check_address(province, city, district,
                                                                                  detail).problems:
                return district
    return "不存在区"


def _orders_for(session: Session, rng: np.random.Generator, plan: list[_Open], cat: Catalog, shops: list[Shop],
                b: Buyers, pairs: dict[int, list[tuple[int, str]]], people: People, now: dt.datetime,
                cut_off: dt.datetime) -> None:
    """The PlatformOrder of each planned order, as the shop's export or API would give it."""
    style = history.data("orders.json")
    names = dict(session.execute(text("SELECT id, name || coalesce(' ' || nullif(spec, ''), '') FROM catalog.sku")
                                 ).all())
    paid = sorted(cut_off + (now - cut_off) * float(f) for f in rng.uniform(0.02, 0.98, len(plan)))
    when = rng.permutation(len(plan))
    for s, shop in enumerate(shops):
        mine = sorted((paid[when[i]], i) for i, o in enumerate(plan) if o.shop == s)
        numbers = _fresh_numbers(session, rng, shop, [t.date() for t, _ in mine])
        for (paid_at, i), no in zip(mine, numbers, strict=True):
            o = plan[i]
            if o.buyer < 0:                    # someone new: their first order
                history.add_buyers(b, people, 1, {})
                known = frozenset(bid for _x, bid in pairs.get(s, ()))
                o.buyer, o.buyer_id = len(b.name) - 1, history.buyer_ids(rng, shop.platform, 1, known)[0]
            x, words = o.buyer, shop.style["words"]
            phone, district = b.phone[x], b.district[x]
            if o.kind == "bad_phone":
                phone = phone.replace(" ", "")[:-1]
            elif o.kind == "bad_district":
                district = _wrong_district(rng, b.province[x], b.city[x], b.detail[x])
            lines = []
            for n, (k, q, pack) in enumerate(o.lines):
                code = shop.packs[k] if pack else shop.codes[k]
                unit = Decimal(int(history.pack_price(shop.unit[k]) if pack else shop.unit[k])) / 100
                if o.kind == "unknown_sku" and n == 0:
                    code = f"{cat.code[k]}-2023"           # last year's listing, never mapped
                lines.append(PlatformOrderLine(code, str(names[int(cat.id[k])]), Decimal(q // 2 if pack else q), unit))
            goods = sum((ln.unit_price * ln.quantity for ln in lines), Decimal(0))
            abroad = shop.currency != "CNY"
            ship = Decimal("9.90") if abroad and goods < 49 else Decimal(0)
            message = ""
            if o.kind == "message":
                message = style["buyer_messages"][int(rng.integers(len(style["buyer_messages"])))]
            ordered = paid_at - dt.timedelta(seconds=int(rng.integers(5, 600)))
            address = " ".join(p for p in (b.province[x], b.city[x], district, b.detail[x]) if p)
            raw = ({"id": no, "name": f"#{int(no) % 100000}", "financial_status": "paid", "email": b.email[x],
                    "shipping_address": {"name": b.name[x], "phone": phone, "country_code": b.country[x],
                                         "province": b.province[x], "city": b.city[x], "address1": b.detail[x],
                                         "zip": b.postal[x]},
                    "line_items": [{"sku": ln.platform_sku, "title": ln.title, "quantity": str(ln.quantity),
                                    "price": str(ln.unit_price)} for ln in lines]} if abroad else
                   {"订单编号": no, "买家会员名": o.buyer_id, "订单状态": words["paid"], "收货人姓名": b.name[x],
                    "联系手机": phone, "收货地址": address, "买家留言": message, "订单付款时间": paid_at.isoformat(),
                    "宝贝": [{"商家编码": ln.platform_sku, "宝贝标题": ln.title, "购买数量": str(ln.quantity),
                            "价格": str(ln.unit_price)} for ln in lines]})
            o.po = PlatformOrder(
                order_no=no, status=PAID, lines=tuple(lines), platform_status=words["paid"], ordered_at=ordered,
                paid_at=paid_at, buyer_id=o.buyer_id, buyer_name=b.name[x], buyer_message=message,
                receiver_name=b.name[x], receiver_phone=phone, province=b.province[x], city=b.city[x],
                district=district, address_detail=b.detail[x], postal_code=b.postal[x], email=b.email[x],
                currency=shop.currency, shipping_fee=ship,
                platform_fee=((goods + ship) * Decimal(str(shop.style["fee"]))).quantize(Decimal("0.01")),
                display_no=f"#{int(no) % 100000}" if abroad else "", country=b.country[x], raw=raw)


def _fresh_numbers(session: Session, rng: np.random.Generator, shop: Shop, dates: list[dt.date]) -> list[str]:
    """Numbers for new orders of the shop: none it has used, after its last one where numbers rise."""
    taken = set(session.execute(text('SELECT platform_order_no FROM sales."order" WHERE shop_id = :s'),
                                {"s": shop.id}).scalars())
    last = max((int(t) for t in taken if t.isdigit()), default=0)
    out: list[str] = []
    while len(out) < len(dates):
        out += [no for no in history.order_numbers(rng, shop.platform, dates[len(out):], last) if no not in taken]
    return out[:len(dates)]


def _seed_open(session: Session, rng: np.random.Generator, cat: Catalog, shops: list[Shop], b: Buyers,
               pairs: dict[int, list[tuple[int, str]]], people: People, sold: np.ndarray,
               warehouses: list[tuple[int, str, str]]) -> int:
    """Import the open orders shop by shop, review them by the rules, then the buyers cancel a few."""
    main = np.zeros(len(cat.id))
    total = np.zeros(len(cat.id))
    for sku, wh, avail in session.execute(text(
            "SELECT sku_id, warehouse_id, stock.available(sku_id, warehouse_id) FROM stock.level ORDER BY 1, 2")):
        total[cat.ix[sku]] += max(float(avail), 0)
        if wh == warehouses[0][0]:
            main[cat.ix[sku]] = float(avail)
    plan = _plan_open(rng, cat, shops, b, pairs, sold, main, total)
    if not plan:
        return 0
    now, cut_off = session.execute(text(
        "SELECT now(), CAST(current_date - 1 + make_time(:h, 0, 0) AS timestamptz)"), {"h": history.CUT_OFF_H}).one()
    _orders_for(session, rng, plan, cat, shops, b, pairs, people, now, cut_off)
    ids: list[int] = []
    for s, shop in enumerate(shops):
        mine = [o.po for o in plan if o.shop == s and o.po is not None]
        if mine:
            name = shop.style.get("file", "orders_export_1.csv").format(date=now)
            ids += orders.import_orders(session, shop.id, ParsedOrders(mine, rows_read=len(mine)),
                                        file_name=name).order_ids
    bad = sorted({b.key[o.buyer] for o in plan if o.kind == "blacklisted"})
    session.execute(history.sql("INSERT INTO sales.blacklist (phone_key, reason) SELECT k, '多次恶意退款' "
                                "FROM unnest(_A(:k, text)) k ON CONFLICT DO NOTHING"), history.arrays(k=bad))
    order_review.review_orders(session, ids)
    for s, shop in enumerate(shops):
        gone = [replace(o.po, status=CANCELLED, platform_status=shop.style["words"]["cancelled"])
                for o in plan if o.shop == s and o.kind == "buyer_cancelled" and o.po is not None]
        if gone:
            orders.import_orders(session, shop.id, ParsedOrders(gone, rows_read=len(gone)), source="api")
    return len(ids)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def seed_orders(session: Session, *, seed: int, today: dt.date | None = None) -> OrdersSummary:
    """The demo company's shops, buyers and orders (see the module doc), on the catalogue, shops
    and stock history `demo.seed_demo` made.  Refuses a database that has orders already."""
    if session.execute(text('SELECT 1 FROM sales."order" LIMIT 1')).first() is not None:
        from erp_desktop.services.demo import DemoRefusedError  # demo imports this module
        raise DemoRefusedError("not_empty", 'sales."order" already has rows')
    rng = np.random.default_rng([seed, 0x0DE5])
    today = today or session.execute(text("SELECT current_date")).scalar_one()
    cat, shops = history.load(session)
    if not shops or not len(cat.id):
        return OrdersSummary()
    customers_before = session.execute(text("SELECT count(*) FROM crm.customer")).scalar_one()
    warehouses = [(w, c, p or "") for w, c, p in session.execute(text(
        "SELECT id, code, province FROM stock.warehouse ORDER BY id"))]
    n_maps = _seed_sku_maps(session, rng, cat, shops)
    first = today - dt.timedelta(days=demo_stock.HISTORY_DAYS)
    past = history.plan_past(session, rng, cat, shops, warehouses, first) if warehouses else None
    sold = np.zeros(len(cat.id))
    if past is not None:
        sold = np.bincount(past.line_sku, weights=past.line_qty, minlength=len(cat.id))
    best = [int(cat.id[i]) for i in np.argsort(-sold, kind="stable")[:10] if sold[i] > 0]
    n_publish = _seed_publish_rules(session, shops, best)
    n_rules = _seed_rules(session, warehouses)
    zones = history.zone_of(warehouses) if warehouses else {}
    b = history.load_buyers(session, zones)
    people = People(rng, set(b.phone))
    shipped = lines = 0
    pairs: dict[int, list[tuple[int, str]]] = {}
    if past is not None:
        history.assign_buyers(rng, past, b, shops, people, zones)
        history.store_buyers(session, b, np.bincount(past.buyer, minlength=len(b.name)))
        shipped, lines, pairs = history.write_past(session, rng, past, cat, shops, b, warehouses, first,
                                                   demo_stock.HISTORY_DAYS)
    else:
        history.store_buyers(session, b, np.zeros(len(b.name), dtype=np.int64))
    opened = _seed_open(session, rng, cat, shops, b, pairs, people, sold, warehouses) if warehouses else 0
    by_status = dict(session.execute(text('SELECT status, count(*) FROM sales."order" GROUP BY 1 ORDER BY 1')).all())
    customers = session.execute(text("SELECT count(*) FROM crm.customer")).scalar_one() - customers_before
    return OrdersSummary(sku_maps=n_maps, publish_rules=n_publish, rules=n_rules, customers=customers,
                         shipped=shipped, shipped_lines=lines, open=opened, by_status=by_status)
