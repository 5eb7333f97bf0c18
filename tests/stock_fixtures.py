"""A small warehouse world for stock tests: two warehouses with bins, plain SKUs and a kit."""

from __future__ import annotations

from dataclasses import dataclass

WORLD_SQL = """
INSERT INTO stock.warehouse (code, name, province) VALUES ('HZ', '杭州主仓', '浙江'), ('GZ', '广州仓', '广东');
INSERT INTO stock.location (warehouse_id, code, pick_order)
    SELECT w.id, b.code, b.ord FROM stock.warehouse w,
           (VALUES ('A-01', 1), ('A-02', 2), ('B-01', 3)) AS b(code, ord);
INSERT INTO catalog.product (code, name) VALUES ('P', '测试商品');
INSERT INTO catalog.sku (product_id, code, name, cost)
    SELECT p.id, c, n, 10 FROM catalog.product p,
           (VALUES ('CUP', '保温杯'), ('LID', '杯盖'), ('MILK', '牛奶'), ('PEN', '签字笔')) AS s(c, n);
INSERT INTO catalog.sku (product_id, code, name, is_kit) SELECT id, 'GIFT', '礼盒套装', true FROM catalog.product;
INSERT INTO catalog.kit_component (kit_sku_id, component_sku_id, quantity)
    SELECT k.id, c.id, CASE c.code WHEN 'CUP' THEN 1 ELSE 2 END
    FROM catalog.sku k, catalog.sku c WHERE k.code = 'GIFT' AND c.code IN ('CUP', 'LID');
"""


@dataclass(frozen=True)
class World:
    wh: dict[str, int]            # warehouse code -> id
    bin: dict[str, int]           # "HZ/A-01" -> location id
    transit: dict[str, int]       # warehouse code -> its transit location id
    sku: dict[str, int]           # SKU code -> id


def make_world(db) -> World:
    with db.superuser() as su:
        su.execute(WORLD_SQL)
        wh = dict(su.execute("SELECT code, id FROM stock.warehouse").fetchall())
        bins = {f"{w}/{c}": i for w, c, i in su.execute(
            "SELECT w.code, l.code, l.id FROM stock.location l JOIN stock.warehouse w ON w.id = l.warehouse_id "
            "WHERE l.kind = 'bin'").fetchall()}
        transit = dict(su.execute("SELECT w.code, l.id FROM stock.location l JOIN stock.warehouse w "
                                  "ON w.id = l.warehouse_id WHERE l.kind = 'transit'").fetchall())
        sku = dict(su.execute("SELECT code, id FROM catalog.sku").fetchall())
    return World(wh, bins, transit, sku)
