"""The data of benchmarks/orders.py: Taobao export rows, their in-memory parse, the pipeline's world
(SKUs with lots of stock, a shop, review and routing rules) and a million orders loaded set-based.

Taobao rows are what the CSV reader hands the Taobao format (header as written -> cell text, with
the ="..." wrapping Taobao puts round its numbers); `parse_taobao_rows` runs them through the same
layouts, grouping and order building as erp_desktop.channels.files.taobao, without the file, and
`write_taobao_export` writes them as the GBK CSV pair the seller back-end exports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import psycopg
from _common import BenchDb

from erp_desktop.channels.cells import clean_text
from erp_desktop.channels.files.engine import Grouper, build_order, table_rows
from erp_desktop.channels.files.taobao import ITEM_REPORT, ORDER_REPORT
from erp_desktop.channels.tabular import Table
from erp_desktop.domain import rules as r
from erp_desktop.domain.orders import ParsedOrders, RejectedRow

CHINA = dt.timezone(dt.timedelta(hours=8))

# (province, city, district) as the divisions name them; the first ones are where most buyers live
ADDRESSES = (
    ("广东省", "深圳市", "南山区"), ("浙江省", "杭州市", "西湖区"), ("江苏省", "南京市", "鼓楼区"),
    ("上海市", "上海市", "浦东新区"), ("北京市", "北京市", "朝阳区"), ("山东省", "济南市", "历下区"),
    ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "洪山区"), ("河南省", "郑州市", "金水区"),
    ("福建省", "福州市", "鼓楼区"), ("湖南省", "长沙市", "岳麓区"), ("安徽省", "合肥市", "蜀山区"),
    ("河北省", "石家庄市", "长安区"), ("重庆市", "重庆市", "渝中区"), ("陕西省", "西安市", "雁塔区"),
    ("天津市", "天津市", "南开区"), ("辽宁省", "沈阳市", "和平区"), ("江西省", "南昌市", "东湖区"),
    ("广西壮族自治区", "南宁市", "青秀区"), ("云南省", "昆明市", "五华区"), ("山西省", "太原市", "小店区"),
    ("贵州省", "贵阳市", "南明区"), ("黑龙江省", "哈尔滨市", "南岗区"), ("吉林省", "长春市", "朝阳区"),
    ("内蒙古自治区", "呼和浩特市", "新城区"), ("海南省", "海口市", "龙华区"), ("甘肃省", "兰州市", "城关区"),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区"), ("宁夏回族自治区", "银川市", "兴庆区"),
    ("青海省", "西宁市", "城东区"),
)
# how many buyers in 100 live in each of ADDRESSES (sums to 100)
ADDRESS_WEIGHTS = (12, 10, 8, 7, 6, 5, 5, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
STREETS = ("科技园路", "文三路", "中山路", "人民路", "解放路", "建设路", "和平路", "长江路", "新华路", "学院路")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "晓明", "小红", "建华", "志强", "海燕", "文静", "子涵", "浩然")
MOBILE_PREFIXES = ("138", "139", "136", "137", "135", "150", "158", "159", "186", "188", "181", "177")
MESSAGES = ("请发顺丰", "周末不在家，请放快递柜", "送人的，不要放发票", "尽快发货谢谢")
PAID_TEXT = "买家已付款，等待卖家发货"

# Taobao's two reports: the headers (with the trailing blanks its CSV has) of the columns filled here
ORDER_HEADERS = (
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
    "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ",
    "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注",
    "宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
)
ITEM_HEADERS = ("订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态",
                "商家编码", "退款状态")
_ORDER_KEYS = {h.strip(): h for h in ORDER_HEADERS}


# ---------------------------------------------------------------------------------------------
# Taobao rows
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogSku:
    code: str
    title: str
    price: Decimal


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def buyer_address(rng: random.Random) -> tuple[str, str, str]:
    return rng.choices(ADDRESSES, ADDRESS_WEIGHTS)[0]


def taobao_order(rng: random.Random, order_no: str, skus: Sequence[CatalogSku], paid_at: dt.datetime, *,
                 lines: int, buyer: str, phone: str, message: str = "") -> tuple[dict[str, str], list[dict[str, str]]]:
    """One paid order as Taobao's order report row and item report rows (header -> cell text)."""
    province, city, district = buyer_address(rng)
    items = []
    goods = Decimal(0)
    count = 0
    for sku in rng.sample(list(skus), lines):
        qty = 1 if rng.random() < 0.8 else 2
        goods += sku.price * qty
        count += qty
        items.append({"订单编号": f'="{order_no}"', "标题": sku.title, "价格": f"{sku.price:.2f}", "购买数量": str(qty),
                      "商品属性": "颜色分类：" + rng.choice(("黑色", "白色", "蓝色")), "订单状态": PAID_TEXT,
                      "商家编码": sku.code, "退款状态": "没有申请退款"})
    ordered = paid_at - dt.timedelta(seconds=rng.randrange(30, 600))
    row = {"订单编号": f'="{order_no}"', "买家会员名": buyer, "买家应付货款": f"{goods:.2f}", "买家应付邮费": "0.00",
           "总金额": f"{goods:.2f}", "买家实际支付金额": f"{goods:.2f}", "订单状态": PAID_TEXT, "买家留言": message,
           "收货人姓名": rng.choice(SURNAMES) + rng.choice(GIVEN),
           "收货地址": f"{province} {city} {district} {rng.choice(STREETS)} {rng.randrange(1, 300)} 号 "
                       f"{rng.randrange(1, 30)} 栋 {rng.randrange(1, 30)}0{rng.randrange(1, 6)} 室",
           "运送方式": "快递", "联系手机": phone, "订单创建时间": ordered.strftime("%Y-%m-%d %H:%M:%S"),
           "订单付款时间": paid_at.strftime("%Y-%m-%d %H:%M:%S"), "宝贝标题": items[0]["标题"],
           "宝贝种类": str(lines), "宝贝总数量": str(count), "店铺名称": "基准旗舰店", "是否手机订单": "手机订单"}
    return {_ORDER_KEYS[k]: v for k, v in row.items()}, items


def _table(name: str, headers: Sequence[str], rows: Sequence[dict[str, str]]) -> Table:
    def data() -> Generator[tuple[int, dict[str, str]], None, None]:
        for number, row in enumerate(rows, start=2):
            yield number, {h: c for h, v in row.items() if (c := clean_text(v))}
    return Table(name, 1, tuple(headers), data())


def parse_taobao_rows(order_rows: Sequence[dict[str, str]], item_rows: Sequence[dict[str, str]],
                      platform: str = "taobao") -> ParsedOrders:
    """What TaobaoFormat.parse makes of the two reports, from their rows as the CSV reader yields them."""
    out = ParsedOrders()
    orders, items = Grouper(out.rejected), Grouper(out.rejected)
    for table, layout, grouper in ((_table("ExportOrderList.csv", ORDER_HEADERS, order_rows), ORDER_REPORT, orders),
                                   (_table("ExportOrderDetailList.csv", ITEM_HEADERS, item_rows), ITEM_REPORT, items)):
        for row in table_rows(table, layout, out):
            grouper.add(row)
    layout = dataclasses.replace(ORDER_REPORT, platform=platform)
    for order_no, rows in orders.groups.items():
        order, rejected = build_order(order_no, rows, items.groups.get(order_no, ()), layout)
        if order is not None:
            out.orders.append(order)
        else:
            out.rejected.extend(rejected or [RejectedRow(rows[0].number, "订单编号", "no_items", order_no=order_no)])
    return out


def _csv_field(value: str) -> str:
    if value.startswith('="') and value.endswith('"'):
        return value                           # the back-end writes these bare
    if any(c in value for c in (",", '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _write_csv(path: Path, headers: Sequence[str], rows: Sequence[dict[str, str]]) -> Path:
    lines = [",".join(headers)] + [",".join(_csv_field(row.get(h, "")) for h in headers) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def write_taobao_export(folder: Path, orders: int, skus: Sequence[CatalogSku], seed: int = 1) -> tuple[Path, Path]:
    """A GBK order report of `orders` rows and its item report (1 to 3 items per order, 1.8 on average),
    paid over the last days, phones real, buyers partly repeat."""
    rng = random.Random(seed)
    start = dt.datetime.now(CHINA).replace(microsecond=0) - dt.timedelta(days=3)
    order_rows, item_rows = [], []
    for i in range(orders):
        no = str(3_200_000_000_000_000_000 + seed * 100_000_000 + i * 7919)
        row, items = taobao_order(rng, no, skus, start + dt.timedelta(seconds=20 * i),
                                  lines=rng.choices((1, 2, 3), (45, 30, 25))[0],
                                  buyer=f"tb{rng.randrange(orders // 2):07d}", phone=mobile(rng),
                                  message=rng.choice(MESSAGES) if rng.random() < 0.05 else "")
        order_rows.append(row)
        item_rows.extend(items)
    return (_write_csv(folder / "ExportOrderList202611.csv", ORDER_HEADERS, order_rows),
            _write_csv(folder / "ExportOrderDetailList202611.csv", ITEM_HEADERS, item_rows))


# ---------------------------------------------------------------------------------------------
# the pipeline's world: SKUs with lots of stock in two warehouses, a shop, rules
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class World:
    shop_id: int
    skus: tuple[CatalogSku, ...]
    sku_ids: tuple[int, ...]
    warehouses: dict[str, int]
    blacklisted: tuple[str, ...]     # phones on the blacklist (a few orders use them)


def _rule(name: str, kind: str, action: str, priority: int, *conditions: tuple, **params: object) -> r.RuleSpec:
    return r.RuleSpec(id=None, name=name, kind=kind, priority=priority, action=action, params=params,
                      conditions=tuple(r.Condition(*c) for c in conditions))


def pipeline_rules(warehouses: dict[str, int], carrier_id: int) -> list[r.RuleSpec]:
    """What an order desk sets up: 4 review rules (blacklist, buyer's message, large amount, remote
    provinces held; the rest approved), a warehouse rule (south China from Guangzhou) and a carrier."""
    return [
        _rule("黑名单拒单", r.REVIEW, r.REJECT, 1, ("phone_blacklisted", "is_true", None), reason="blacklisted"),
        _rule("有留言人工审", r.REVIEW, r.HOLD, 2, ("buyer_message", "not_empty", None), reason="看留言"),
        _rule("大额人工审", r.REVIEW, r.HOLD, 3, ("amount", "gt", "1500"), reason="大额订单"),
        _rule("偏远地区人工审", r.REVIEW, r.HOLD, 4, ("province", "in", ["新疆维吾尔自治区", "西藏自治区"]),
              reason="偏远地区"),
        _rule("自动审单", r.REVIEW, r.APPROVE, 100),
        _rule("华南走广州仓", r.WAREHOUSE, r.PREFER_WAREHOUSES, 1, ("region", "in", ["华南"]),
              warehouse_ids=[warehouses["GZ"]]),
        _rule("默认顺丰", r.CARRIER, r.USE_CARRIER, 100, carrier_id=carrier_id, service="标快"),
    ]


def make_world(db: BenchDb, n_skus: int, on_hand: int) -> World:
    """`n_skus` SKUs with `on_hand` each in Hangzhou and Guangzhou (through the ledger), a Taobao shop,
    the rules (through the service, so they are validated), a blacklist of 20 phones."""
    from erp_desktop.db.engine import make_engine, make_session_factory
    from erp_desktop.services import order_review

    rng = random.Random(5)
    with psycopg.connect(db.owner_conninfo) as conn:
        wh = dict(conn.execute("INSERT INTO stock.warehouse (code, name, province) VALUES ('HZ', '杭州主仓', '浙江'), "
                               "('GZ', '广州仓', '广东') RETURNING code, id").fetchall())
        locs = [conn.execute("INSERT INTO stock.location (warehouse_id, code, pick_order) VALUES (%s, 'A-01', 1) "
                             "RETURNING id", (w,)).fetchone()[0] for w in wh.values()]
        product = conn.execute("INSERT INTO catalog.product (code, name) VALUES ('BP', '基准商品') "
                               "RETURNING id").fetchone()[0]
        prices = [Decimal(rng.randrange(29, 400)) - Decimal("0.10") for _ in range(n_skus)]
        rows = conn.execute(
            "INSERT INTO catalog.sku (product_id, code, name, cost, price, weight_kg) "
            "SELECT %s, 'BP-' || lpad(g::text, 4, '0'), '基准商品 ' || g, 10, p, 0.5 "
            "FROM unnest(%s::numeric[]) WITH ORDINALITY AS x(p, g) RETURNING id, code, name, price",
            (product, prices)).fetchall()
        for loc in locs:
            conn.execute("SELECT stock.receive(s, %s, %s) FROM unnest(%s::int[]) s",
                         (loc, on_hand, [x[0] for x in rows]))
        shop = conn.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('TBP', '基准旗舰店', 'taobao') "
                            "RETURNING id").fetchone()[0]
        carrier = conn.execute("INSERT INTO fulfil.carrier (code, name) VALUES ('SF', '顺丰速运') "
                               "RETURNING id").fetchone()[0]
        blacklisted = tuple(mobile(rng) for _ in range(20))
        conn.execute("INSERT INTO sales.blacklist (phone_key, reason) "
                     "SELECT '+86' || p, '恶意退款' FROM unnest(%s::text[]) p", (list(blacklisted),))
        conn.commit()
    engine = make_engine(db.owner_url, application_name="erp-bench")
    with make_session_factory(engine).begin() as s:
        for spec in pipeline_rules(wh, carrier):
            order_review.save_rule(s, spec)
    engine.dispose()
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) catalog.sku, stock.level, stock.quant, sales.rule")
    return World(shop, tuple(CatalogSku(code, name, price) for _, code, name, price in rows),
                 tuple(x[0] for x in rows), wh, blacklisted)


# ---------------------------------------------------------------------------------------------
# a million orders, set-based
# ---------------------------------------------------------------------------------------------

LIST_SHOPS = (("TB1", "淘宝旗舰店", "taobao", 40), ("TM1", "天猫旗舰店", "tmall", 25), ("JD1", "京东自营店", "jd", 15),
              ("PDD1", "拼多多店", "pdd", 12), ("DY1", "抖音小店", "douyin", 8))
LIST_SKUS = 2000
CUSTOMERS = 300_000
RECENT = 0.05          # the newest 5 % (about 18 days) hold every open order


def load_orders(db: BenchDb, n: int, chunk: int = 250_000) -> dict[str, float]:
    """`n` orders over 12 months with 1 to 3 lines each, by plain INSERT ... SELECT generate_series in
    chunks, through the migration's indexes and triggers; seconds per step."""
    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    with psycopg.connect(db.owner_conninfo) as conn:
        wh = [x[0] for x in conn.execute(
            "INSERT INTO stock.warehouse (code, name, province) VALUES ('LHZ', '杭州仓', '浙江'), "
            "('LGZ', '广州仓', '广东'), ('LBJ', '北京仓', '北京') RETURNING id").fetchall()]
        carriers = [x[0] for x in conn.execute(
            "INSERT INTO fulfil.carrier (code, name) VALUES ('LSF', '顺丰'), ('LZTO', '中通'), ('LYTO', '圆通'), "
            "('LJD', '京东物流') RETURNING id").fetchall()]
        shops = [conn.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES (%s, %s, %s) RETURNING id",
                              (c, nm, p)).fetchone()[0] for c, nm, p, _ in LIST_SHOPS]
        product = conn.execute("INSERT INTO catalog.product (code, name) VALUES ('LP', '列表商品') RETURNING id"
                               ).fetchone()[0]
        conn.execute("INSERT INTO catalog.sku (product_id, code, name, cost, price) "
                     "SELECT %s, 'LS-' || lpad(g::text, 5, '0'), '列表商品 ' || g, 10, 19.9 + mod(g * 37, 380) "
                     "FROM generate_series(1, %s) g", (product, LIST_SKUS))
        # lookup tables the generator joins by equality: buckets of 100 for shops and provinces
        conn.execute("CREATE TEMP TABLE b_shop (b int PRIMARY KEY, shop_id int, platform text)")
        bucket = [(b, shops[i], LIST_SHOPS[i][2]) for b, i in enumerate(
            i for i, s in enumerate(LIST_SHOPS) for _ in range(s[3]))]
        conn.cursor().executemany("INSERT INTO b_shop VALUES (%s, %s, %s)", bucket)
        conn.execute("CREATE TEMP TABLE b_addr (b int PRIMARY KEY, province text, city text, district text)")
        bucket_a = [(b, *ADDRESSES[i])
                    for b, i in enumerate(i for i, w in enumerate(ADDRESS_WEIGHTS) for _ in range(w))]
        conn.cursor().executemany("INSERT INTO b_addr VALUES (%s, %s, %s, %s)", bucket_a)
        conn.execute("CREATE TEMP TABLE b_sku AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, code, name, "
                     "price FROM catalog.sku WHERE product_id = %s", (product,))
        conn.execute("ALTER TABLE b_sku ADD PRIMARY KEY (k)")
        conn.execute("INSERT INTO crm.customer (name, phone) SELECT '客户' || g, NULL FROM generate_series(1, %s) g",
                     (CUSTOMERS,))
        first_customer = conn.execute("SELECT min(id) FROM crm.customer").fetchone()[0]
        conn.commit()
        steps["setup_s"] = time.perf_counter() - t0

        t1 = time.perf_counter()
        for lo in range(1, n + 1, chunk):
            _insert_orders(conn, lo, min(n, lo + chunk - 1), n, wh, carriers, first_customer)
            conn.commit()
        steps["orders_s"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        first, last = conn.execute("SELECT min(id), max(id) FROM sales.\"order\"").fetchone()
        for lo in range(first, last + 1, chunk):
            conn.execute(LINES_SQL, {"lo": lo, "hi": lo + chunk - 1, "skus": LIST_SKUS})
            conn.commit()
        steps["lines_s"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    with psycopg.connect(db.owner_conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) sales.\"order\", sales.order_line, crm.customer, catalog.sku")
    steps["vacuum_s"] = time.perf_counter() - t3
    steps["load_s"] = time.perf_counter() - t0
    return steps


# g = 1 .. n in time order (n the newest); h a scrambled copy of g for everything drawn at random
ORDERS_SQL = """
INSERT INTO sales."order" (shop_id, platform_order_no, status, platform_status, platform_status_text, hold_reason,
    problems, customer_id, buyer_id, buyer_name, buyer_message, receiver_name, receiver_phone, phone_key,
    province, city, district, address_detail, address_raw, goods_amount, shipping_fee, paid_amount, ordered_at,
    paid_at, warehouse_id, carrier_id, tracking_no, shipped_at, payload_hash, platform_order_nos, merge_key)
SELECT s.shop_id, x.no, x.status,
       CASE x.status WHEN 'shipped' THEN (CASE WHEN x.age > 15 THEN 'completed' ELSE 'shipped' END)
                     WHEN 'cancelled' THEN 'refunded' ELSE 'paid' END,
       '', CASE x.status WHEN 'review' THEN (CASE WHEN mod(x.h, 4) = 0 THEN '看留言' ELSE 'no_rule' END)
                         WHEN 'waiting' THEN 'not_enough_stock' WHEN 'exception' THEN 'invalid'
                         WHEN 'cancelled' THEN 'refunded' END,
       CASE WHEN x.status = 'exception' THEN '[{"field": "receiver_phone", "code": "invalid", "detail": ""}]'::jsonb
            ELSE '[]'::jsonb END,
       %(c0)s + mod(x.h, %(customers)s), 'tb' || lpad(mod(x.h, %(customers)s)::text, 7, '0'),
       x.name, CASE WHEN mod(x.h, 20) = 0 THEN '请发顺丰' ELSE '' END, x.name,
       CASE WHEN x.real THEN x.phone ELSE left(x.phone, 3) || '****' || right(x.phone, 4) END,
       CASE WHEN x.real THEN '+86' || x.phone END,
       a.province, a.city, a.district, '人民路 ' || mod(x.h, 300) || ' 号',
       a.province || ' ' || a.city || ' ' || a.district || ' 人民路 ' || mod(x.h, 300) || ' 号',
       x.amount, 0, x.amount, x.paid - interval '3 minutes', x.paid,
       CASE WHEN x.status IN ('approved', 'picking', 'shipped') THEN (%(wh)s::int[])[1 + mod(x.h, 3)] END,
       CASE WHEN x.status IN ('approved', 'picking', 'shipped') THEN (%(carriers)s::int[])[1 + mod(x.h / 3, 4)] END,
       CASE WHEN x.status = 'shipped' THEN 'SF' || lpad(x.g::text, 12, '0') END,
       CASE WHEN x.status = 'shipped' THEN x.paid + interval '20 hours' END,
       md5(x.no), ARRAY[x.no],
       CASE WHEN x.status NOT IN ('shipped', 'cancelled') THEN md5('m' || mod(x.h, %(customers)s)) END
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g
CROSS JOIN LATERAL (SELECT g, mod(g * 2654435761, 4294967291) AS h, %(n)s - g AS rank) y
CROSS JOIN LATERAL (SELECT y.g, y.h,
    -- paid over the 12 months before now, evenly, newest last, a few seconds of jitter
    now() - make_interval(secs => (y.rank::float8 / %(n)s) * 365 * 86400 + mod(y.h, 17)) AS paid,
    (y.rank::float8 / %(n)s) * 365 AS age,
    CASE WHEN y.rank < %(recent)s * %(n)s THEN
        (ARRAY['review', 'review', 'review', 'review', 'review', 'approved', 'approved', 'approved', 'approved',
               'approved', 'approved', 'picking', 'picking', 'picking', 'waiting', 'waiting', 'exception',
               'exception', 'shipped', 'cancelled'])[1 + mod(y.h / 7, 20)]
        WHEN mod(y.h / 7, 100) < 6 THEN 'cancelled' ELSE 'shipped' END AS status,
    mod(y.h / 11, 2) = 0 AS real,
    (ARRAY['138', '139', '136', '137', '135', '150', '158', '159', '186', '188'])[1 + mod(y.h / 13, 10)]
        || lpad(mod(y.h * 7, 100000000)::text, 8, '0') AS phone,
    substr(%(surnames)s::text, (1 + mod(y.h / 17, 20))::int, 1) || (%(given)s::text[])[1 + mod(y.h / 19, 30)] AS name,
    round((19.9 + mod(y.h / 23, 800))::numeric, 2) AS amount,
    (SELECT b.platform FROM b_shop b WHERE b.b = mod(y.h / 29, 100)) AS platform
    ) x0
CROSS JOIN LATERAL (SELECT x0.*,
    CASE WHEN x0.platform IN ('taobao', 'tmall') THEN (3100000000000000000 + x0.g * 7919)::text
         WHEN x0.platform = 'jd' THEN (260000000000 + x0.g * 37)::text
         WHEN x0.platform = 'pdd' THEN to_char(x0.paid, 'YYMMDD') || '-' || lpad((x0.g * 7919)::text, 15, '0')
         ELSE (6900000000000000000 + x0.g * 7919)::text END AS no) x
JOIN b_shop s ON s.b = mod(x.h / 29, 100)
JOIN b_addr a ON a.b = mod(x.h / 31, 100)
"""

# 1 to 3 lines (50 / 30 / 20 %); the SKU drawn with a square law, so a few are in many orders
LINES_SQL = """
INSERT INTO sales.order_line (order_id, line_no, platform_sku, title, platform_status, quantity, unit_price, amount,
                              sku_id, sku_quantity)
SELECT o.id, l, k.code, k.name, o.platform_status, q.qty, k.price, k.price * q.qty, k.id, q.qty
FROM sales."order" o
CROSS JOIN LATERAL (SELECT mod(o.id * 2654435761, 4294967291) AS h) y
CROSS JOIN LATERAL generate_series(1, CASE WHEN mod(y.h, 10) < 5 THEN 1 WHEN mod(y.h, 10) < 8 THEN 2 ELSE 3 END) l
CROSS JOIN LATERAL (SELECT (1 + mod(y.h / 7 + l, 3) / 2)::numeric AS qty,
                           floor(%(skus)s * power(mod(y.h / (11 * l), 10007) / 10007.0, 2))::int AS k) q
JOIN b_sku k ON k.k = q.k
WHERE o.id BETWEEN %(lo)s AND %(hi)s AND o.shop_id IN (SELECT shop_id FROM b_shop)
"""


def _insert_orders(conn: psycopg.Connection, lo: int, hi: int, n: int, wh: list[int], carriers: list[int],
                   first_customer: int) -> None:
    conn.execute(ORDERS_SQL, {"lo": lo, "hi": hi, "n": n, "wh": wh, "carriers": carriers, "c0": first_customer,
                              "customers": CUSTOMERS, "recent": RECENT, "surnames": SURNAMES, "given": list(GIVEN)})
