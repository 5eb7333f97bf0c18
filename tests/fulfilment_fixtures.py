"""A warehouse ready to ship: the stock world (tests/stock_fixtures.py) with weights and barcodes,
two carriers, a Taobao shop, stock in bins along the pick path (milk in two lots), and approved
orders made the way the order desk makes them (imported, approved, a carrier assigned)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, PlatformOrderLine
from erp_desktop.services import orders, stock
from tests.stock_fixtures import World, make_world

CUP_EAN = make_ean13("690123456789")
MILK_EAN = make_ean13("690123456790")
PAID = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ShipWorld:
    stock: World
    carrier: dict[str, int]          # code -> id
    shop_id: int

    @property
    def sku(self) -> dict[str, int]:
        return self.stock.sku

    @property
    def bin(self) -> dict[str, int]:
        return self.stock.bin


def make_ship_world(db, session_factory: sessionmaker[Session], *, shop_code: str = "TB1",
                    platform: str = "taobao", shop_settings: str = "{}") -> ShipWorld:
    w = make_world(db)
    with db.superuser() as su:
        su.execute("UPDATE catalog.sku SET weight_kg = v.w FROM (VALUES ('CUP', 0.400), ('LID', 0.050), "
                   "('MILK', 1.000), ('PEN', 0.020)) AS v(c, w) WHERE code = v.c")
        su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) SELECT id, %s, 'EAN13' FROM catalog.sku "
                   "WHERE code = 'CUP'", (CUP_EAN,))
        su.execute("INSERT INTO catalog.barcode (sku_id, code, kind) SELECT id, %s, 'EAN13' FROM catalog.sku "
                   "WHERE code = 'MILK'", (MILK_EAN,))
        su.execute("INSERT INTO fulfil.carrier (code, name, platform_names, label_size) VALUES "
                   "('SF', '顺丰速运', '{\"shopify\": \"SF Express\"}', '100x150'), "
                   "('YTO', '圆通速递', '{}', '100x180')")
        su.execute("INSERT INTO sales.shop (code, name, platform_code, settings) VALUES (%s, '旗舰店', %s, %s)",
                   (shop_code, platform, shop_settings))
        su.execute("UPDATE core.company SET name = '杭州好物有限公司', address = '杭州市西湖区文三路 1 号', "
                   "phone = '0571-88886666'")
        if su.execute("SELECT count(*) FROM core.company").fetchone()[0] == 0:
            su.execute("INSERT INTO core.company (name, address, phone) VALUES "
                       "('杭州好物有限公司', '杭州市西湖区文三路 1 号', '0571-88886666')")
        carriers = dict(su.execute("SELECT code, id FROM fulfil.carrier").fetchall())
        shop_id = su.execute("SELECT id FROM sales.shop WHERE code = %s", (shop_code,)).fetchone()[0]
    with session_factory.begin() as s:
        stock.receive_goods(s, w.sku["CUP"], w.bin["HZ/B-01"], D(10))
        stock.receive_goods(s, w.sku["CUP"], w.bin["HZ/A-02"], D(5))
        stock.receive_goods(s, w.sku["LID"], w.bin["HZ/A-01"], D(40))
        stock.receive_goods(s, w.sku["PEN"], w.bin["HZ/A-01"], D(50))
        # the lot that expires first is in the last bin of the path: it is picked first all the same
        stock.receive_goods(s, w.sku["MILK"], w.bin["HZ/A-01"], D(6), lot_no="M-LATE",
                            expires_on=dt.date(2031, 6, 1))
        stock.receive_goods(s, w.sku["MILK"], w.bin["HZ/B-01"], D(3), lot_no="M-SOON",
                            expires_on=dt.date(2030, 3, 1))
    return ShipWorld(w, carriers, shop_id)


def an_order(no: str, lines: list[tuple[str, int]], *, minutes: int = 0, status: str = "paid",
             **kw) -> PlatformOrder:
    values = dict(order_no=no, status=status,
                  lines=tuple(PlatformOrderLine(sku, f"商品 {sku}", D(q), D("10.00"), platform_line_id=f"{no}-{i}")
                              for i, (sku, q) in enumerate(lines, start=1)),
                  platform_status="买家已付款，等待卖家发货", ordered_at=PAID,
                  paid_at=PAID + dt.timedelta(minutes=minutes),
                  buyer_id=f"buyer-{no}", buyer_name="小王", receiver_name="王小明", receiver_phone="13800138000",
                  province="浙江省", city="杭州市", district="西湖区", address_detail="文三路 90 号东部软件园 3 幢",
                  paid_amount=D("99.00"), raw={"订单编号": no}, source_rows=(2,))
    values.update(kw)
    return PlatformOrder(**values)


def approved_orders(session_factory: sessionmaker[Session], world: ShipWorld,
                    specs: list[tuple[str, list[tuple[str, int]]]], *, carrier: str | None = "SF",
                    warehouse: str = "HZ") -> dict[str, int]:
    """Orders imported, approved in the warehouse (stock reserved) and given a carrier: no -> id."""
    parsed = ParsedOrders([an_order(no, lines, minutes=i) for i, (no, lines) in enumerate(specs)])
    with session_factory.begin() as s:
        ids = list(orders.import_orders(s, world.shop_id, parsed).order_ids)
        result = orders.approve_orders(s, ids, warehouse_id=world.stock.wh[warehouse])
        assert set(result.approved) == set(ids), result
        if carrier is not None:
            orders.assign_orders(s, ids, carrier_id=world.carrier[carrier])
        return dict(s.execute(text("SELECT platform_order_no, id FROM sales.\"order\" WHERE id = ANY(:i)"),
                              {"i": ids}).all())


def order_status(session_factory: sessionmaker[Session], order_id: int) -> tuple:
    with session_factory() as s:
        return tuple(s.execute(text("SELECT status, hold_reason FROM sales.\"order\" WHERE id = :o"),
                               {"o": order_id}).one())


def level(session_factory: sessionmaker[Session], sku_id: int, warehouse_id: int) -> tuple[D, D]:
    """(on hand, reserved)"""
    with session_factory() as s:
        return tuple(s.execute(text("SELECT on_hand, reserved FROM stock.level WHERE sku_id = :k "
                                    "AND warehouse_id = :w"), {"k": sku_id, "w": warehouse_id}).one())
