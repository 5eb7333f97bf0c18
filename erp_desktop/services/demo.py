"""The demo company: a deterministic, realistic data set for trying the app (`erp-desktop --demo`).

`seed_demo` fills an empty company database with master data: the company, warehouses with
bins, a category tree, products with their SKUs, barcodes and kits, shops, customers,
suppliers and carriers.  The same seed always gives the same data (codes, names, prices), so
screenshots, manuals and bug reports can refer to it.

Each area is one small function that takes the shared `_Gen` (the session, the two seeded
random sources and the word lists from resources/demo/) and returns what later areas need.
Later areas (sales history, orders, stock) add their own functions after `_seed_carriers`.
Inserts are bulk statements (one round trip per 1,000 rows), so the whole seed takes about a
second.  The caller owns the transaction: `with sessions.begin() as s: seed_demo(s)`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from faker import Faker
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from erp_desktop import paths
from erp_desktop.db.models import (
    Barcode,
    BusinessEvent,
    Carrier,
    Category,
    Company,
    Customer,
    KitComponent,
    Location,
    Product,
    Shop,
    Sku,
    Supplier,
    Warehouse,
)
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.errors import ErpError
from erp_desktop.domain.pinyin import initials
from erp_desktop.services import demo_fulfilment, demo_orders, demo_stock

DEFAULT_SEED = 20260101
EVENT_KIND = "demo_seeded"
_LOCK_KEY = 0x6572_7064_656D_6F  # pg_advisory_xact_lock key: two clients never seed at once

CENT = Decimal("0.01")

# (platform, shop code, name template, stock ratio); {brand} is the company's brand, {brand_en} its pinyin
SHOPS = (
    ("tmall", "TM01", "{brand}旗舰店", "1.0000"),
    ("douyin", "DY01", "{brand}抖音小店", "0.8000"),
    ("jd", "JD01", "{brand}京东专营店", "0.9000"),
    ("pdd", "PDD01", "{brand}百货拼多多店", "0.6000"),
    ("shopify", "SHOPIFY01", "{brand_en} Global Store", "0.5000"),
)

# tracking_url: {tracking_no} is replaced by the shipment's tracking number
CARRIERS = (
    ("SF", "顺丰速运", "https://www.sf-express.com/chn/sc/waybill/waybill-detail/{tracking_no}"),
    ("ZTO", "中通快递", "https://www.zto.com/express/expressCheck.html?txtBill={tracking_no}"),
    ("YTO", "圆通速递", "https://www.yto.net.cn/query/?waybillNo={tracking_no}"),
    ("YD", "韵达速递", "https://www.yundaex.com/cn/index.php?tracking={tracking_no}"),
    ("JD", "京东物流", "https://www.jdl.com/orderSearch/?waybillCodes={tracking_no}"),
)

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198", "199")
CUSTOMER_NOTES = ("老客户", "发顺丰", "周末不在家，请放快递柜", "要发票", "VIP客户", "收货前请电话联系")
KIT_THEMES = ("新年", "七夕", "中秋", "双11", "618", "开学季", "年货节")
MODEL_SUFFIXES = ("Pro", "Plus", "Max", "Mini", "2代", "3代", "升级款")


class DemoRefusedError(ErpError):
    """The database already holds a company (or business data): the demo only fills an empty one."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"cannot seed the demo company: {detail}")
        self.reason = reason      # "company_exists" or "not_empty"
        self.detail = detail


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    company_id: int
    company_name: str
    warehouses: int
    locations: int
    categories: int
    products: int
    skus: int
    kits: int
    barcodes: int
    shops: int
    customers: int
    suppliers: int
    carriers: int
    supplier_skus: int = 0        # supplier terms (lead time, MOQ, pack size) per SKU
    stock_pairs: int = 0          # SKU x warehouse with a stock history
    stock_moves: int = 0          # past moves: opening, receipts, a year of daily sales
    orders: int = 0               # past (shipped) and open orders of the shops (demo_orders)
    buyers: int = 0               # customers the orders brought besides `customers`
    waves: int = 0                # waves of approved orders (demo_fulfilment): shipped, picking, open
    shipments: int = 0            # parcels the first wave shipped


# ---------------------------------------------------------------------------------------------
# Shared state and small helpers
# ---------------------------------------------------------------------------------------------


@cache
def _resource(name: str) -> dict[str, Any]:
    return json.loads((paths.resources_dir() / "demo" / name).read_text(encoding="utf-8"))


@dataclass
class _Gen:
    session: Session
    seed: int
    rng: random.Random
    fake: Faker
    catalog: dict[str, Any]
    places: dict[str, Any]
    brand: str = ""          # the company's brand, e.g. 云仓
    brand_en: str = ""       # YunCang
    brand_abbr: str = ""     # YC: internal Code 128 barcodes start with it


@dataclass
class _SkuPlan:
    code: str
    name: str
    spec: str
    top: str                 # top category code, e.g. DG
    category: str            # leaf category code, e.g. DG-AUD
    noun: str
    brand: str
    status: str
    unit: str
    price: Decimal
    cost: Decimal
    weight_kg: Decimal
    dims: tuple[Decimal, ...]           # length, width, height (cm)
    is_kit: bool = False
    components: list[tuple[int, Decimal]] = field(default_factory=list)   # (index in plan list, qty)
    id: int = 0


@dataclass
class _ProductPlan:
    code: str
    name: str
    category: str
    brand: str
    description: str
    skus: list[_SkuPlan]


def _bulk(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows in bulk; their new ids in the order of `rows`."""
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.execute(stmt, rows).scalars())


def _money(x: float | Decimal) -> Decimal:
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def _nice_price(x: float) -> Decimal:
    """A shop price: 9.90, 15.90, 59.00, 299.00, 1299.00."""
    if x < 20:
        return _money(max(math.floor(x), 1) + 0.9)
    if x < 1000:
        return _money(max(round(x / 10), 2) * 10 - 1)
    return _money(round(x / 100) * 100 - 1)


def _dec(x: float, places: str) -> Decimal:
    return Decimal(x).quantize(Decimal(places), ROUND_HALF_UP)


def _mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _uscc(rng: random.Random, region_code: str) -> str:
    """A well-formed 统一社会信用代码 (GB 32100-2015) for an enterprise registered in `region_code`."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body8 = [rng.randrange(10) for _ in range(8)]
    c9 = 11 - sum(d * w for d, w in zip(body8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org = "".join(map(str, body8)) + {10: "X", 11: "0"}.get(c9, str(c9))
    code17 = "91" + region_code + org
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(chars.index(c) * w for c, w in zip(code17, weights, strict=True))
    return code17 + chars[(31 - total % 31) % 31]


class _Gs1:
    """EAN-13 numbers: each brand its own 69x company prefix (China), items numbered within it."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._prefixes: set[str] = set()
        self._current: dict[str, tuple[str, int]] = {}

    def _new_prefix(self) -> str:
        while True:
            p = "69" + str(self._rng.randrange(10)) + f"{self._rng.randrange(10**6):06d}"
            if p not in self._prefixes:
                self._prefixes.add(p)
                return p

    def next(self, owner: str) -> str:
        prefix, item = self._current.get(owner) or (self._new_prefix(), self._rng.randint(1, 200))
        if item > 999:
            prefix, item = self._new_prefix(), 1
        self._current[owner] = (prefix, item + 1)
        return make_ean13(f"{prefix}{item:03d}")


# ---------------------------------------------------------------------------------------------
# The areas, in the order they are seeded
# ---------------------------------------------------------------------------------------------


def _check_empty(session: Session) -> None:
    session.execute(select(func.pg_advisory_xact_lock(_LOCK_KEY)))
    name = session.execute(select(Company.name).limit(1)).scalar()
    if name is not None:
        raise DemoRefusedError("company_exists", f"the database already belongs to the company {name!r}")
    for model in (Sku, Warehouse, Shop, Customer, Supplier):
        if session.execute(select(model.id).limit(1)).first() is not None:
            raise DemoRefusedError("not_empty", f"{model.__table__.fullname} already has rows")


def _seed_company(g: _Gen) -> tuple[int, str]:
    g.brand, g.brand_en, g.brand_abbr = g.rng.choice(g.places["company_brands"])
    hq = g.places["headquarters"]
    name = f"{hq['city_short']}{g.brand}电子商务有限公司"
    street = g.rng.choice(hq["addresses"]).format(n=g.rng.randint(100, 1999), b=g.rng.randint(1, 12))
    row = {
        "name": name, "legal_name": name, "tax_id": _uscc(g.rng, hq["region_code"]),
        "address": f"{hq['province']}{hq['city']}{street}",
        "phone": f"{hq['area_code']}-{g.rng.randint(8000_0000, 8999_9999)}",
        "currency": "CNY", "is_demo": True,
    }
    return _bulk(g.session, Company, [row])[0], name


def _bins(layout: dict[str, Any]) -> list[str]:
    """Bin codes zone-aisle-shelf-level in walking order: aisles snake (up one, down the next)."""
    codes = []
    for zone in layout["zones"]:
        for aisle in range(1, layout["aisles"] + 1):
            shelves = range(1, layout["shelves"] + 1)
            for shelf in (shelves if aisle % 2 else reversed(shelves)):
                for level in range(1, layout["levels"] + 1):
                    codes.append(f"{zone}-{aisle:02d}-{shelf:02d}-{level:02d}")
    return codes


def _seed_warehouses(g: _Gen) -> tuple[int, int]:
    whs = g.places["warehouses"]
    ids = _bulk(g.session, Warehouse, [
        {"code": w["code"], "name": w["name"], "province": w["province"], "city": w["city"],
         "address": w["address"], "active": True} for w in whs])
    rows = []
    for wid, w in zip(ids, whs, strict=True):
        bins = _bins(w["layout"])
        rows.append({"warehouse_id": wid, "code": "RCV-01", "kind": "receiving", "pick_order": 0})
        rows += [{"warehouse_id": wid, "code": c, "kind": "bin", "pick_order": 10 * (i + 1)}
                 for i, c in enumerate(bins)]
        rows.append({"warehouse_id": wid, "code": "SHP-01", "kind": "shipping", "pick_order": 10 * (len(bins) + 1)})
    _bulk(g.session, Location, rows)
    return len(ids), len(rows)


def _seed_categories(g: _Gen) -> dict[str, int]:
    tops = g.catalog["categories"]
    ids = dict(zip((t["code"] for t in tops),
                   _bulk(g.session, Category, [{"code": t["code"], "name": t["name"], "parent_id": None}
                                               for t in tops]), strict=True))
    children = [{"code": c["code"], "name": c["name"], "parent_id": ids[t["code"]]}
                for t in tops for c in t["children"]]
    ids.update(zip((c["code"] for c in children), _bulk(g.session, Category, children), strict=True))
    return ids


def _variants(g: _Gen, axes: list[str]) -> list[list[list[Any]]]:
    """The variant combinations of one product: per SKU, its axis values ([label, code, factors...])."""
    count_weights = {1: (2, 3, 3, 2), 2: (5, 4, 1)}   # how many values of each axis a product uses
    combos: list[list[list[Any]]] = [[]]
    for i, axis in enumerate(axes):
        values = g.catalog["axes"][axis]["values"]
        if len(axes) == 2 and i == 1:
            k = g.rng.choices((2, 3, 4), (3, 4, 3))[0]
        else:
            w = count_weights[len(axes)]
            k = g.rng.choices(range(1, len(w) + 1), w)[0]
        picked = sorted(g.rng.sample(range(len(values)), min(k, len(values))))
        combos = [[*c, values[j]] for c in combos for j in picked]
    return combos


def _unique_name(taken: set[str], name: str) -> str:
    candidate, n = name, 0
    while candidate in taken:
        suffix = MODEL_SUFFIXES[n] if n < len(MODEL_SUFFIXES) else f"{n - len(MODEL_SUFFIXES) + 4}代"
        candidate, n = f"{name} {suffix}", n + 1
    taken.add(candidate)
    return candidate


def _product_name(g: _Gen, taken: set[str], leaf: dict[str, Any], item: dict[str, Any]) -> tuple[str, str]:
    """(brand, name): a few draws for a name not used yet, then a model suffix."""
    for _ in range(5):
        brand = g.rng.choice(leaf["brands"])
        name = f"{brand} {item['noun']} {g.rng.choice(item['attrs'])}"
        if name not in taken:
            break
    return brand, _unique_name(taken, name)


def _plan_products(g: _Gen, n_skus: int) -> list[_ProductPlan]:
    tops = g.catalog["categories"]
    products: list[_ProductPlan] = []
    names: set[str] = set()
    total = 0
    while total < n_skus:
        top = g.rng.choice(tops)
        leaf = g.rng.choice(top["children"])
        item = {**leaf, **g.rng.choice(leaf["items"])}     # the item's own values win over its leaf's
        brand, name = _product_name(g, names, leaf, item)
        code = f"{top['code']}-{1001 + len(products):06d}"
        lo, hi = item["price"]
        base_price = math.exp(g.rng.uniform(math.log(lo), math.log(hi)))
        base_weight = g.rng.uniform(*item["weight"])
        base_dims = [d * g.rng.uniform(0.8, 1.25) for d in item["dims"]]
        margin = Decimal(str(round(g.rng.uniform(0.45, 0.75), 4)))
        status = "discontinued" if g.rng.random() < 0.04 else "active"
        skus = []
        for combo in _variants(g, item["axes"])[: n_skus - total]:
            price_factor = math.prod(v[2] if len(v) > 2 else 1.0 for v in combo)
            weight_factor = math.prod(v[3] if len(v) > 3 else 1.0 for v in combo)
            price = _nice_price(base_price * price_factor)
            skus.append(_SkuPlan(
                code="-".join([code, *(v[1] for v in combo)]), name=name, spec="/".join(v[0] for v in combo),
                top=top["code"], category=leaf["code"], noun=item["noun"], brand=brand,
                status=status if status != "active" or g.rng.random() >= 0.05 else "inactive",
                unit=item["unit"], price=price, cost=_money(price * margin),
                weight_kg=_dec(base_weight * weight_factor, "0.001"),
                dims=tuple(_dec(d * weight_factor ** (1 / 3), "0.1") for d in base_dims),
            ))
        desc = f"{name}，{'、'.join(s.spec for s in skus if s.spec) or '单规格'}。"
        products.append(_ProductPlan(code, name, leaf["code"], brand, desc, skus))
        total += len(skus)
    return products


def _plan_kits(g: _Gen, plain: list[_SkuPlan], n_kits: int) -> list[_ProductPlan]:
    """Kits (组合商品) of 2-4 active plain SKUs of different products, mostly of one top category."""
    by_top: dict[str, list[int]] = {}
    for i, s in enumerate(plain):
        if s.status == "active":
            by_top.setdefault(s.top, []).append(i)
    every = [i for ix in by_top.values() for i in ix]
    names: set[str] = set()
    kits = []
    for n in range(1, n_kits + 1):
        top = g.rng.choice(sorted(by_top))
        pool = by_top[top] if len(by_top[top]) >= 8 else every
        want = g.rng.choices((2, 3, 4), (5, 3, 2))[0]
        picked: list[int] = []
        for _ in range(50):
            i = g.rng.choice(pool)
            if all(plain[i].name != plain[j].name and plain[i].noun != plain[j].noun for j in picked):
                picked.append(i)
            if len(picked) == want:
                break
        if len(picked) < 2:
            continue
        qty = [Decimal(g.rng.choices((1, 2, 3), (16, 3, 1))[0]) for _ in picked]
        nouns = "+".join(plain[i].noun for i in picked)
        name = f"{g.brand} {nouns} 礼盒套装"
        if name in names:
            name = f"{g.brand} {g.rng.choice(KIT_THEMES)} {nouns} 礼盒套装"
        name = _unique_name(names, name)
        parts = [plain[i] for i in picked]
        price = _nice_price(float(sum(p.price * q for p, q in zip(parts, qty, strict=True)))
                            * g.rng.uniform(0.8, 0.95))
        cost = sum((p.cost * q for p, q in zip(parts, qty, strict=True)), Decimal(0))
        weight = sum((p.weight_kg * q for p, q in zip(parts, qty, strict=True)), Decimal("0.2"))
        dims = tuple(_dec(float(max(p.dims[k] for p in parts)) * (1.4 if k == 2 else 1.1), "0.1")
                     for k in range(3))
        code = f"KIT-{plain[picked[0]].top}-{n:04d}"
        sku = _SkuPlan(code=code, name=name, spec=f"{sum(qty)}件装", top=plain[picked[0]].top,
                       category=plain[picked[0]].category, noun="礼盒", brand=g.brand, status="active",
                       unit="set", price=price, cost=min(cost, price), weight_kg=_dec(float(weight), "0.001"),
                       dims=dims, is_kit=True,
                       components=list(zip(picked, qty, strict=True)))
        desc = "礼盒内含：" + "，".join(f"{p.name} {p.spec} ×{q}" for p, q in zip(parts, qty, strict=True))
        kits.append(_ProductPlan(code, name, sku.category, g.brand, desc, [sku]))
    return kits


@cache
def _initials(name: str) -> str:
    return initials(name)


def _insert_catalog(g: _Gen, products: list[_ProductPlan], categories: dict[str, int]) -> list[_SkuPlan]:
    """Products, then their SKUs (ids written back into the plans), then kit components."""
    product_ids = _bulk(g.session, Product, [
        {"code": p.code, "name": p.name, "category_id": categories[p.category], "brand": p.brand,
         "description": p.description} for p in products])
    skus = [s for p in products for s in p.skus]
    rows = [
        {"product_id": pid, "code": s.code, "name": s.name, "spec": s.spec, "pinyin": _initials(s.name),
         "category_id": categories[s.category], "status": s.status, "is_kit": s.is_kit, "unit": s.unit,
         "price": s.price, "cost": s.cost, "weight_kg": s.weight_kg,
         "length_cm": s.dims[0], "width_cm": s.dims[1], "height_cm": s.dims[2]}
        for pid, p in zip(product_ids, products, strict=True) for s in p.skus]
    for s, sid in zip(skus, _bulk(g.session, Sku, rows), strict=True):
        s.id = sid
    plain = [s for s in skus if not s.is_kit]
    components = [{"kit_sku_id": s.id, "component_sku_id": plain[i].id, "quantity": q}
                  for s in skus if s.is_kit for i, q in s.components]
    if components:
        g.session.execute(insert(KitComponent), components)
    return skus


def _seed_barcodes(g: _Gen, skus: list[_SkuPlan]) -> int:
    """An EAN-13 for every SKU (the brand's, or the company's own for kits); some get an internal Code 128."""
    gs1 = _Gs1(g.rng)
    rows = []
    internal = 0
    for s in skus:
        rows.append({"sku_id": s.id, "code": gs1.next(s.brand), "kind": "EAN13"})
        if s.is_kit or g.rng.random() < 0.3:
            internal += 1
            rows.append({"sku_id": s.id, "code": f"{g.brand_abbr}{internal:08d}", "kind": "CODE128"})
    g.session.execute(insert(Barcode), rows)
    return len(rows)


def _seed_shops(g: _Gen) -> int:
    rows = [{"code": code, "platform_code": platform, "stock_ratio": Decimal(ratio), "active": True,
             "name": template.format(brand=g.brand, brand_en=g.brand_en)}
            for platform, code, template, ratio in SHOPS]
    return len(_bulk(g.session, Shop, rows))


def _street_address(g: _Gen) -> str:
    p, rng = g.places, g.rng
    if rng.random() < 0.8:
        return (f"{rng.choice(p['streets'])}{rng.randint(1, 999)}号{rng.choice(p['communities'])}"
                f"{rng.randint(1, 30)}幢{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室")
    return f"{rng.choice(p['streets'])}{rng.randint(1, 999)}号{rng.randint(1, 30)}楼"


def _seed_customers(g: _Gen, n: int) -> int:
    regions = g.places["regions"]
    weights = [r[2] for r in regions]
    phones: set[str] = set()
    rows = []
    for _ in range(n):
        province, city, _w, districts = g.rng.choices(regions, weights)[0]
        phone = _mobile(g.rng)
        while phone in phones:
            phone = _mobile(g.rng)
        phones.add(phone)
        rows.append({
            "name": g.fake.name(), "phone": phone,
            "email": g.fake.email() if g.rng.random() < 0.35 else None,
            "province": province, "city": city, "district": g.rng.choice(districts),
            "address": _street_address(g),
            "note": g.rng.choice(CUSTOMER_NOTES) if g.rng.random() < 0.08 else None,
        })
    return len(_bulk(g.session, Customer, rows))


def _seed_suppliers(g: _Gen, n: int = 20) -> int:
    hubs = g.places["supplier_hubs"]
    names: set[str] = set()
    rows = []
    for i in range(n):
        hub = hubs[i % len(hubs)]
        while True:
            word = g.rng.choice(g.places["trade_names"])
            name = f"{hub['short']}{word}{g.rng.choice(hub['trades'])}有限公司"
            if name not in names:
                break
        names.add(name)
        phone = (f"{hub['area_code']}-{g.rng.randint(2000_0000, 8999_9999)}" if g.rng.random() < 0.5
                 else _mobile(g.rng))
        rows.append({
            "code": f"SUP{i + 1:03d}", "name": name, "contact": g.fake.name(), "phone": phone,
            "email": g.fake.email(),
            "address": f"{hub['province']}{hub['city']}{g.rng.choice(hub['districts'])}"
                       f"{g.rng.choice(g.places['streets'])}{g.rng.randint(1, 999)}号",
            "lead_time_days": g.rng.randint(3, 30),
        })
    return len(_bulk(g.session, Supplier, rows))


def _seed_carriers(g: _Gen) -> int:
    return len(_bulk(g.session, Carrier, [{"code": c, "name": n, "tracking_url": u, "active": True}
                                          for c, n, u in CARRIERS]))


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------


def seed_demo(session: Session, *, seed: int = DEFAULT_SEED, skus: int = 2000, customers: int = 500) -> DemoSummary:
    """Fill an empty company database with the demo company; refuses (DemoRefusedError) a used one.

    `skus` counts every SKU, kits included (about one kit per 50 SKUs, at most 40)."""
    if skus < 0 or customers < 0:
        raise ValueError("skus and customers must not be negative")
    _check_empty(session)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    g = _Gen(session, seed, random.Random(seed), fake, _resource("catalog.json"), _resource("places.json"))

    company_id, company_name = _seed_company(g)
    n_warehouses, n_locations = _seed_warehouses(g)
    categories = _seed_categories(g)
    n_kits = min(40, skus // 50)
    products = _plan_products(g, skus - n_kits)
    kits = _plan_kits(g, [s for p in products for s in p.skus], n_kits)
    all_skus = _insert_catalog(g, products + kits, categories)
    n_barcodes = _seed_barcodes(g, all_skus)
    n_shops = _seed_shops(g)
    n_customers = _seed_customers(g, customers)
    n_suppliers = _seed_suppliers(g)
    n_carriers = _seed_carriers(g)
    demo_fulfilment.seed_rate_cards(session)          # before the orders: routing takes the cheapest
    stock = demo_stock.seed_stock(session, seed=seed)
    sales = demo_orders.seed_orders(session, seed=seed)
    floor = demo_fulfilment.seed_fulfilment(session)

    summary = DemoSummary(
        seed=seed, company_id=company_id, company_name=company_name, warehouses=n_warehouses,
        locations=n_locations, categories=len(categories), products=len(products) + len(kits),
        skus=len(all_skus), kits=len(kits), barcodes=n_barcodes, shops=n_shops, customers=n_customers,
        suppliers=n_suppliers, carriers=n_carriers, supplier_skus=stock.supplier_skus, stock_pairs=stock.pairs,
        stock_moves=stock.moves, orders=sum(sales.by_status.values()), buyers=sales.customers, waves=floor.waves,
        shipments=floor.shipped)
    session.execute(insert(BusinessEvent).values(
        kind=EVENT_KIND, entity="core.company", entity_id=company_id, payload=dataclasses.asdict(summary)))
    session.flush()
    return summary


def is_seeded(session: Session) -> bool:
    """True when the database holds the demo company."""
    return session.execute(select(Company.id).where(Company.is_demo).limit(1)).first() is not None

