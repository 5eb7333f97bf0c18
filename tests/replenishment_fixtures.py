"""A year of sales on the small stock world (tests/stock_fixtures.py), for replenishment tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from sqlalchemy import text

from erp_desktop.services import stock
from erp_desktop.services.stock import PastMove
from tests.stock_fixtures import World, make_world


def make_sales_world(db, session_factory) -> World:
    """CUP sells about 10 a day in HZ (more at weekends) and has run low; GZ holds CUPs nobody there
    buys; MILK sold in HZ until seven months ago; PEN was never sold.  CUP comes from a supplier
    with an MOQ of 100 in packs of 24.  Recorded by `session_factory`'s user (an administrator)."""
    w = make_world(db)
    with db.superuser() as su:
        su.execute("INSERT INTO purchase.supplier (code, name, lead_time_days) VALUES ('S1', '义乌杯业', 10)")
        su.execute("""INSERT INTO purchase.supplier_sku (supplier_id, sku_id, lead_time_days, moq, pack_size, unit_cost)
                      SELECT id, %s, 12, 100, 24, 8.50 FROM purchase.supplier""", (w.sku["CUP"],))
    with session_factory() as s:
        today = s.execute(text("SELECT current_date")).scalar_one()     # the database's calendar
    rng = np.random.default_rng(7)
    hz, gz = w.bin["HZ/A-01"], w.bin["GZ/A-01"]
    start = dt.datetime.combine(today - dt.timedelta(days=400), dt.time(9))
    moves = [PastMove("receipt", w.sku["CUP"], Decimal(370), start, to_location_id=hz),
             PastMove("receipt", w.sku["CUP"], Decimal(400), start, to_location_id=gz),
             PastMove("receipt", w.sku["MILK"], Decimal(300), start, to_location_id=hz),
             PastMove("receipt", w.sku["PEN"], Decimal(50), start, to_location_id=hz)]
    sold = delivered = 0
    for d in range(365, 0, -1):
        day = today - dt.timedelta(days=d)
        at = dt.datetime.combine(day, dt.time(18))
        if d % 30 == 5 and d > 30:      # a delivery a month, the last one a month ago
            moves.append(PastMove("receipt", w.sku["CUP"], Decimal(290), at - dt.timedelta(hours=8),
                                  to_location_id=hz))
            delivered += 290
        q = int(rng.poisson(14 if day.weekday() >= 5 else 9))
        if q:
            moves.append(PastMove("shipment", w.sku["CUP"], Decimal(q), at, from_location_id=hz))
            sold += q
        if d > 210 and d % 3 == 0:
            moves.append(PastMove("shipment", w.sku["MILK"], Decimal(1), at, from_location_id=hz))
    # the opening stock makes CUP end with 4 in HZ, whatever weekday today is (sales follow the week)
    opening = 4 + sold - delivered
    assert opening > 0
    moves[0] = PastMove("receipt", w.sku["CUP"], Decimal(opening), start, to_location_id=hz)
    with session_factory.begin() as s:
        stock.record_history(s, moves)
    return w
