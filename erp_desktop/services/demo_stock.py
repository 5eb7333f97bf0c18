"""The demo company's stock: supplier terms, 13 months of receipts and 12 months of daily sales.

Called at the end of `demo.seed_demo`, on the catalogue, warehouses and suppliers it made:

- **Supplier terms** (purchase.supplier_sku): each plain SKU gets a preferred supplier of its
  trade (electronics from Shenzhen and Dongguan, cosmetics from Guangzhou, food from Linyi ...)
  with lead time, minimum order quantity, pack size and unit cost; one SKU in four has a second,
  dearer supplier.
- **Demand**: every SKU gets a national daily demand from a long-tailed (log-normal) spread, a
  trend over the year, a weekly rhythm by category (weekends busier for fashion and beauty,
  quieter for office goods), a season for some categories (swimwear in summer, bedding in
  winter), the platform promotions (618, 双11, 双12) with their run-up, the Spring Festival
  courier stop, and now and then a live-stream spike.  Some SKUs stop selling (last season's,
  discontinued: dead stock), some never sold, some are new this year.  The main warehouse (the
  first) carries every SKU; the others carry the faster movers and a share of the rest, and a few
  SKUs sit in a warehouse whose region does not buy them (stock to transfer).
- **Stock**: an opening receipt 13 months ago into each SKU's bin in each warehouse that carries
  it, then a day-by-day simulation of a buyer who reviews weekly, reorders from the last four
  weeks' sales (rounded to the supplier's MOQ and packs) and waits the lead time; shipments are
  what the demand asked for and the stock allowed, one move per SKU x warehouse x day (as the
  daily sales of many orders add up).  So the stock ends in a realistic mix: some below safety
  stock or out of stock, some just replenished, some overstocked or dead.
- Goods on order for SKUs with lots (food, beauty, baby, pet food) arrive today, with a lot
  number and an expiry date (a few short-dated), through the ordinary receipt; a few transfers
  from a warehouse that does not sell a SKU to one that does are on their way (in transit).

Days and times are the database session's (its current_date and time zone): the calendar the
replenishment figures count in.  The past is written set-based through `stock.record_history`,
so the ledger check holds; then the replenishment figures are computed once, as a nightly run
would have.  The same seed gives the same quantities; the dates are counted back from today.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from erp_desktop.db.models.master import SupplierSku
from erp_desktop.db.models.stock import Replenishment
from erp_desktop.domain.forecast import PROMO_DAYS
from erp_desktop.services import replenishment
from erp_desktop.services.stock import PastMove, record_history

HISTORY_DAYS = 365                          # days of sales
OPENING_DAYS_AGO = 395                      # the opening receipt, 13 months ago
RECEIPT_TIME = dt.time(9, 30)
SALES_TIME = dt.time(18, 0)

# which supplier hubs (resources/demo/places.json, by city) supply which top category
SUPPLIER_CITIES = {
    "DG": ("深圳市", "东莞市"), "JJ": ("义乌市", "台州市"), "MZ": ("广州市",), "FZ": ("泉州市", "苏州市"),
    "SP": ("临沂市",), "MY": ("宁波市",), "YD": ("泉州市", "宁波市"), "CW": ("邢台市",),
}
# leaf categories whose stock has lots with expiry dates, and their shelf life in days
SHELF_LIFE = {
    "SP-SNK": 270, "SP-DRK": 365, "SP-TEA": 540, "SP-GRN": 540,
    "MZ-SKN": 1095, "MZ-MKP": 1095, "MZ-HAI": 1095, "MY-DIA": 1095, "CW-FOD": 540, "CW-SNK": 365,
}
# sales by weekday (Monday .. Sunday), by top category
WEEKDAYS = {
    "default": (1.0, 0.95, 0.95, 1.0, 1.05, 1.3, 1.25),
    "FZ": (0.9, 0.9, 0.95, 1.0, 1.1, 1.45, 1.4),
    "MZ": (0.9, 0.9, 0.95, 1.0, 1.1, 1.4, 1.35),
    "DG": (1.1, 1.1, 1.05, 1.05, 1.0, 0.85, 0.85),
}
# (peak month, amplitude) of a season over the year, by leaf category
SEASONS = {"YD-SWM": (7, 0.6), "YD-CMP": (5, 0.4), "YD-CYC": (5, 0.25), "JJ-BED": (12, 0.3),
           "SP-DRK": (8, 0.25), "SP-TEA": (4, 0.3), "FZ-TOP": (10, 0.15), "MY-TOY": (6, 0.2)}
# demand on the promotion days (PROMO_DAYS) against a normal day
PROMO_LIFT = {(6, 1): 1.6, (6, 16): 1.8, (6, 17): 2.2, (6, 18): 4.0, (10, 31): 2.0, (11, 1): 2.2,
              (11, 10): 2.0, (11, 11): 6.0, (11, 12): 1.5, (12, 12): 2.8}
# Spring Festival: couriers stop for about a week; people stock up the two weeks before
SPRING_FESTIVAL = (dt.date(2024, 2, 10), dt.date(2025, 1, 29), dt.date(2026, 2, 17), dt.date(2027, 2, 6),
                   dt.date(2028, 1, 26), dt.date(2029, 2, 13), dt.date(2030, 2, 3), dt.date(2031, 1, 23),
                   dt.date(2032, 2, 11))
MAIN_SHARE, OTHER_SHARES = 0.5, (0.3, 0.2)   # of a SKU's demand, when every warehouse carries it


@dataclass(frozen=True)
class StockSummary:
    supplier_skus: int
    pairs: int                # SKU x warehouse with stock history
    moves: int                # past moves recorded, opening and receipts and daily sales
    lots: int                 # lots received today
    transfers: int            # transfers in transit
    replenishment_rows: int   # SKU x warehouse with planning parameters set by people


@dataclass
class _Skus:
    id: np.ndarray
    code: list[str]
    top: list[str]
    leaf: list[str]
    status: list[str]
    cost: list[Decimal]
    unit: list[str]


def _load_skus(session: Session) -> _Skus:
    rows = session.execute(text("""
        SELECT s.id, s.code, coalesce(p.code, c.code), c.code, s.status, s.cost, s.unit
        FROM catalog.sku s JOIN catalog.category c ON c.id = s.category_id
        LEFT JOIN catalog.category p ON p.id = c.parent_id
        WHERE NOT s.is_kit ORDER BY s.id""")).all()
    return _Skus(np.array([r[0] for r in rows], dtype=np.int64), [r[1] for r in rows], [r[2] for r in rows],
                 [r[3] for r in rows], [r[4] for r in rows], [r[5] for r in rows], [r[6] for r in rows])


# ---------------------------------------------------------------------------------------------
# Supplier terms
# ---------------------------------------------------------------------------------------------


@dataclass
class _Terms:
    supplier: np.ndarray      # preferred supplier id per SKU
    lead: np.ndarray          # effective lead time (days)
    moq: np.ndarray
    pack: np.ndarray


def _seed_supplier_terms(session: Session, rng: np.random.Generator, skus: _Skus, demand: np.ndarray
                         ) -> tuple[_Terms, int]:
    """Most suppliers' minimum order is a few weeks of the SKU's sales; one in five asks for more."""
    suppliers = session.execute(text("SELECT id, code, address, lead_time_days FROM purchase.supplier ORDER BY code")
                                ).all()
    by_top: dict[str, list[int]] = {}
    for top, cities in SUPPLIER_CITIES.items():
        by_top[top] = [i for i, s in enumerate(suppliers) if any(c in (s[2] or "") for c in cities)] or \
            list(range(len(suppliers)))
    n = len(skus.id)
    chosen = np.zeros(n, dtype=np.int64)
    lead = np.zeros(n, dtype=np.int64)
    moq = np.ones(n)
    pack = np.ones(n)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        pool = by_top.get(skus.top[i]) or list(range(len(suppliers)))
        k = pool[int(rng.integers(len(pool)))]
        sid, scode, _addr, default_lead = suppliers[k]
        cost = float(skus.cost[i] or 0)
        own_lead = None if rng.random() < 0.3 else int(max(2, default_lead + rng.integers(-3, 6)))
        pack_choices = ((1, 1, 2, 5) if skus.unit[i] in ("pcs", "pair") and cost > 40
                        else (6, 12, 24) if skus.unit[i] in ("bottle", "box", "bag") else (1, 5, 10, 20))
        pk = pack_choices[int(rng.integers(len(pack_choices)))]
        if cost >= 300:
            mq = float(rng.choice((1, 2, 5)))
        elif cost >= 50:
            mq = float(rng.choice((5, 10, 20)))
        else:
            mq = float(rng.choice((10, 20, 50)))
        if rng.random() < 0.8:
            mq = min(mq, _nice(demand[i] * float(rng.uniform(20, 45))))
        mq = max(mq, pk)
        unit_cost = (Decimal(repr(cost * float(rng.uniform(0.88, 1.0)))).quantize(Decimal("0.01"), ROUND_HALF_UP)
                     if cost else None)
        chosen[i], lead[i], moq[i], pack[i] = sid, own_lead if own_lead is not None else default_lead, mq, pk
        rows.append({"supplier_id": sid, "sku_id": int(skus.id[i]), "supplier_code": f"{scode}-{skus.code[i]}",
                     "lead_time_days": own_lead, "moq": Decimal(repr(mq)), "pack_size": Decimal(pk),
                     "unit_cost": unit_cost, "preferred": True})
        if rng.random() < 0.25 and len(pool) > 1:
            other = suppliers[pool[(pool.index(k) + 1) % len(pool)]]
            rows.append({"supplier_id": other[0], "sku_id": int(skus.id[i]),
                         "supplier_code": f"{other[1]}-{skus.code[i]}",
                         "lead_time_days": int(max(2, other[3] + rng.integers(-5, 3))),
                         "moq": Decimal(repr(mq)) * 2, "pack_size": Decimal(pk),
                         "unit_cost": unit_cost * Decimal("1.08") if unit_cost else None, "preferred": False})
    session.execute(insert(SupplierSku), rows)
    return _Terms(chosen, lead, moq, pack), len(rows)


# ---------------------------------------------------------------------------------------------
# Demand
# ---------------------------------------------------------------------------------------------


@dataclass
class _Pairs:
    sku: np.ndarray           # index into _Skus
    wh: np.ndarray            # index into the warehouses
    share: np.ndarray         # of the SKU's demand that this warehouse ships
    planned_share: np.ndarray  # what the buyer thought it would ship (misplaced stock)
    start: np.ndarray         # day the SKU starts selling (index into the sale days)
    end: np.ndarray           # day it stops selling


def _calendar(first: dt.date, days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day: weekday (0 = Monday), promotion lift, and the Spring Festival factor."""
    dates = [first + dt.timedelta(days=i) for i in range(days)]
    weekday = np.array([d.weekday() for d in dates])
    promo = np.array([PROMO_LIFT.get((d.month, d.day), 1.0) if (d.month, d.day) in PROMO_DAYS else 1.0
                      for d in dates])
    festival = np.ones(days)
    for i, d in enumerate(dates):
        for sf in SPRING_FESTIVAL:
            off = (d - sf).days
            if -5 <= off <= 6:
                festival[i] = 0.15
            elif -16 <= off <= -6:
                festival[i] = 1.2
    return weekday, promo, festival


def _plan_pairs(rng: np.random.Generator, skus: _Skus, n_wh: int) -> tuple[_Pairs, np.ndarray, np.ndarray]:
    """Which warehouses carry which SKU, and each SKU's national demand and life cycle."""
    n = len(skus.id)
    demand = np.minimum(np.exp(rng.normal(-2.1, 1.2, n)), 50.0)          # units a day, long-tailed
    pct = demand.argsort().argsort() / max(n - 1, 1)
    demand[pct > 0.99] *= 5                                                # a few best sellers (爆款)
    start = np.zeros(n, dtype=np.int64)
    end = np.full(n, HISTORY_DAYS, dtype=np.int64)
    life = rng.random(n)
    new = life < 0.05                                                      # launched this year
    start[new] = rng.integers(150, 300, new.sum())
    dead = (life >= 0.05) & (life < 0.09)                                  # last season's: stopped selling
    end[dead] = rng.integers(30, 170, dead.sum())
    never = (life >= 0.09) & (life < 0.11)                                 # bought, never sold
    end[never] = 0
    status = np.array(skus.status)
    gone = status != "active"                                              # discontinued / inactive
    end[gone] = np.minimum(end[gone], rng.integers(120, 330, gone.sum()))

    sku_ix, wh_ix, share, planned = [], [], [], []
    for i in range(n):
        carry = [True] + [bool(rng.random() < (0.08 if w == 1 else 0.05) or pct[i] > 0.88) for w in range(1, n_wh)]
        weights = [MAIN_SHARE] + [OTHER_SHARES[(w - 1) % len(OTHER_SHARES)] for w in range(1, n_wh)]
        misplaced = [w > 0 and carry[w] and rng.random() < 0.08 for w in range(n_wh)]
        plan_total = sum(weights[w] for w in range(n_wh) if carry[w])
        real = [0.01 if misplaced[w] else weights[w] for w in range(n_wh)]
        real_total = sum(real[w] for w in range(n_wh) if carry[w])
        for w in range(n_wh):
            if carry[w]:
                sku_ix.append(i)
                wh_ix.append(w)
                share.append(real[w] / real_total)
                planned.append(weights[w] / plan_total)
    sku_a = np.array(sku_ix)
    pairs = _Pairs(sku_a, np.array(wh_ix), np.array(share), np.array(planned), start[sku_a], end[sku_a])
    return pairs, demand, pct


def _demand_matrix(rng: np.random.Generator, skus: _Skus, pairs: _Pairs, demand: np.ndarray,
                   first: dt.date) -> np.ndarray:
    """Units asked for per pair x sale day (before stock limits them)."""
    n_sku = len(skus.id)
    days = HISTORY_DAYS
    weekday, promo, festival = _calendar(first, days)
    t = np.arange(days)
    months = np.array([(first + dt.timedelta(days=int(i))).month for i in t]) + np.array(
        [(first + dt.timedelta(days=int(i))).day for i in t]) / 31.0
    growth = np.exp(np.clip(rng.normal(0.1, 0.35, n_sku), -0.9, 0.9))      # demand after a year vs before
    respond = np.where(rng.random(n_sku) < 0.7, rng.uniform(0.5, 1.2, n_sku), 0.15)
    sku_factor = np.empty((n_sku, days))
    for i in range(n_sku):
        wd = np.array(WEEKDAYS.get(skus.top[i], WEEKDAYS["default"]))[weekday]
        peak, amp = SEASONS.get(skus.leaf[i], (0, 0.0))
        season = 1 + amp * np.cos(2 * np.pi * (months - peak) / 12) if amp else 1.0
        sku_factor[i] = wd * season * promo ** respond[i] * festival * growth[i] ** ((t - days) / days + 0.5)
    lam = demand[pairs.sku, None] * pairs.share[:, None] * sku_factor[pairs.sku]
    live = rng.random(lam.shape) < 0.002                                   # a live-stream sells a lot one day
    lam = lam * np.where(live, rng.uniform(4, 10, lam.shape), 1.0)
    # new SKUs ramp up over their first weeks; stopped ones sell nothing
    age = t[None, :] - pairs.start[:, None]
    lam = lam * np.clip((age + 1) / 28.0, 0, 1) * (t[None, :] < pairs.end[:, None])
    qty = rng.poisson(lam).astype(np.float64)
    lumpy = rng.random(len(pairs.sku)) < 0.08                              # sold by the case now and then
    qty[lumpy] = rng.poisson(lam[lumpy] / 4.0) * 4.0
    return qty


# ---------------------------------------------------------------------------------------------
# Stock: opening, a buyer's weekly reviews, receipts and shipments
# ---------------------------------------------------------------------------------------------


def _nice(x: float) -> float:
    """A round order quantity at least x: 1, 2, 5, 10, 20, 50 ..."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if x <= step:
            return float(step)
    return float(math.ceil(x / 1000) * 1000)


def _round_up(qty: np.ndarray, moq: np.ndarray, pack: np.ndarray) -> np.ndarray:
    q = np.maximum(np.ceil(qty), moq)
    return np.ceil(q / pack) * pack


def _simulate(rng: np.random.Generator, pairs: _Pairs, asked: np.ndarray, demand: np.ndarray, terms: _Terms
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(opening qty per pair, receipts pair x day, shipments pair x day, still on order per pair)."""
    p, days = asked.shape
    lead = terms.lead[pairs.sku].astype(np.int64)
    moq, pack = terms.moq[pairs.sku], terms.pack[pairs.sku]
    planned = demand[pairs.sku] * pairs.planned_share
    habit = rng.random(p)
    cover = np.where(habit < 0.08, rng.uniform(120, 240, p), rng.uniform(15, 45, p))    # some buyers overbuy
    safety = rng.uniform(0.0, 0.9, p)
    opening = _round_up(planned * np.where(habit < 0.08, cover, rng.uniform(30, 75, p)), moq, pack)
    opening = np.where(pairs.start > 120, _round_up(planned * 30, moq, pack), opening)
    review_day = rng.integers(0, 7, p)
    buying_until = np.where(pairs.end < HISTORY_DAYS, pairs.end - rng.integers(20, 90, p), days)

    stock = opening.copy()
    receipts = np.zeros((p, days + 60))
    shipped = np.zeros((p, days))
    on_order = np.zeros(p)
    window = 56
    sold_window = np.zeros(p)
    for d in range(days):
        arriving = receipts[:, d]
        stock += arriving
        on_order -= arriving
        out = np.minimum(asked[:, d], stock)
        stock -= out
        shipped[:, d] = out
        sold_window += out
        if d >= window:
            sold_window -= shipped[:, d - window]
        est = np.maximum(sold_window / min(d + 1, window), planned * 0.2 * (d < window))
        review = (d % 7 == review_day) & (d < buying_until)
        reorder_at = est * (lead + 7) * (1 + safety)
        order = review & (stock + on_order <= reorder_at) & (est > 0)
        if order.any():
            qty = _round_up(est[order] * cover[order], moq[order], pack[order])
            late = rng.integers(-1, 4, int(order.sum()))
            when = np.clip(d + lead[order] + late, d + 1, days + 59)
            np.add.at(receipts, (np.flatnonzero(order), when), qty)
            on_order[order] += qty
    return opening, receipts[:, :days], shipped, on_order


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def seed_stock(session: Session, *, seed: int, today: dt.date | None = None, compute: bool = True) -> StockSummary:
    """Supplier terms, stock and a year of sales for the demo catalogue (see the module doc)."""
    rng = np.random.default_rng([seed, 0x5707])
    today = today or session.execute(text("SELECT current_date")).scalar_one()
    skus = _load_skus(session)
    warehouses = session.execute(text("SELECT id, code FROM stock.warehouse ORDER BY id")).all()
    if len(skus.id) == 0 or not warehouses:
        return StockSummary(0, 0, 0, 0, 0, 0)
    bins: list[list[int]] = []
    for wid, _code in warehouses:
        bins.append([r[0] for r in session.execute(text(
            "SELECT id FROM stock.location WHERE warehouse_id = :w AND kind = 'bin' ORDER BY pick_order"),
            {"w": wid})])
    pairs, demand, pct = _plan_pairs(rng, skus, len(warehouses))
    terms, n_terms = _seed_supplier_terms(session, rng, skus, demand)
    first_sale_day = today - dt.timedelta(days=HISTORY_DAYS)
    asked = _demand_matrix(rng, skus, pairs, demand, first_sale_day)
    opening, receipts, shipped, on_order = _simulate(rng, pairs, asked, demand, terms)

    wh_ids = np.array([w[0] for w in warehouses])
    bin_of = np.array([bins[w][(int(s) * 7 + w * 3) % len(bins[w])] if bins[w] else 0
                       for s, w in zip(pairs.sku, pairs.wh, strict=True)])
    sku_ids = skus.id[pairs.sku]
    n_moves = 0
    for chunk in _past_moves(today, sku_ids, bin_of, opening, receipts, shipped):
        n_moves += record_history(session, chunk, batch=len(chunk))

    lots = _receive_lots_today(session, rng, today, skus, pairs, bin_of, on_order, terms)
    transfers = _transfers_in_transit(session, pairs, sku_ids, wh_ids, bin_of, opening, receipts, shipped)
    params = _planning_parameters(session, rng, pairs, sku_ids, wh_ids, pct, demand)
    if compute:     # the buyer's figures, as the nightly run would have left them
        replenishment.compute_replenishment(session)
    return StockSummary(supplier_skus=n_terms, pairs=len(pairs.sku), moves=n_moves, lots=lots,
                        transfers=transfers, replenishment_rows=params)


def _past_moves(today: dt.date, sku_ids: np.ndarray, bin_of: np.ndarray, opening: np.ndarray,
                receipts: np.ndarray, shipped: np.ndarray, *, chunk: int = 60_000) -> list[list[PastMove]]:
    """Opening, receipts (09:30) and each day's sales (18:00), in time order, in chunks of whole pairs.

    Each chunk holds every move of its SKU x warehouse pairs: stock.record_history adds up a
    call's moves per quant and level, so each call must leave every balance it touches >= 0."""
    opened = dt.datetime.combine(today - dt.timedelta(days=OPENING_DAYS_AGO), RECEIPT_TIME)
    first = today - dt.timedelta(days=HISTORY_DAYS)
    days = shipped.shape[1]
    receipt_at = [dt.datetime.combine(first + dt.timedelta(days=d), RECEIPT_TIME) for d in range(days)]
    sales_at = [dt.datetime.combine(first + dt.timedelta(days=d), SALES_TIME) for d in range(days)]
    receipt_ref = [f"GRN-{first + dt.timedelta(days=d):%Y%m%d}" for d in range(days)]
    sales_ref = [f"SALES-{first + dt.timedelta(days=d):%Y%m%d}" for d in range(days)]
    qty = {float(x): Decimal(int(x)) for x in np.unique(np.concatenate([receipts[receipts > 0],
                                                                        shipped[shipped > 0], opening]))}
    per_pair = (opening > 0) + (receipts > 0).sum(axis=1) + (shipped > 0).sum(axis=1)
    chunks: list[list[PastMove]] = []
    start = 0
    while start < len(per_pair):
        end = start + max(1, int(np.searchsorted(np.cumsum(per_pair[start:]), chunk, side="right")))
        rows = slice(start, end)
        moves = [PastMove("receipt", int(s), qty[float(q)], opened, to_location_id=int(b), doc_type="opening",
                          doc_ref="OPENING")
                 for s, b, q in zip(sku_ids[rows], bin_of[rows], opening[rows], strict=True) if q > 0]
        r_pair, r_day = np.nonzero(receipts[rows].T)       # day-major: time order
        s_pair, s_day = np.nonzero(shipped[rows].T)
        dated: list[tuple[int, int, PastMove]] = []
        for d, i in zip(r_pair, r_day, strict=True):
            k = start + i
            dated.append((d, 0, PastMove("receipt", int(sku_ids[k]), qty[float(receipts[k, d])], receipt_at[d],
                                         to_location_id=int(bin_of[k]), doc_type="receipt", doc_ref=receipt_ref[d])))
        for d, i in zip(s_pair, s_day, strict=True):
            k = start + i
            dated.append((d, 1, PastMove("shipment", int(sku_ids[k]), qty[float(shipped[k, d])], sales_at[d],
                                         from_location_id=int(bin_of[k]), doc_type="sales_day",
                                         doc_ref=sales_ref[d])))
        dated.sort(key=lambda x: (x[0], x[1]))
        moves += [m for _d, _k, m in dated]
        chunks.append(moves)
        start = end
    return chunks


def _receive_lots_today(session: Session, rng: np.random.Generator, today: dt.date, skus: _Skus, pairs: _Pairs,
                        bin_of: np.ndarray, on_order: np.ndarray, terms: _Terms) -> int:
    """Goods on order for SKUs with lots arrive this morning, each with a lot number and expiry."""
    rows = []
    for i in np.flatnonzero(on_order > 0):
        s = int(pairs.sku[i])
        life = SHELF_LIFE.get(skus.leaf[s])
        if life is None:
            continue
        made = today - dt.timedelta(days=int(rng.integers(10, 60)))
        expires = made + dt.timedelta(days=life)
        if rng.random() < 0.12:                       # short-dated goods, bought cheap (临期)
            expires = today + dt.timedelta(days=int(rng.integers(15, 50)))
        rows.append({"sku": int(skus.id[s]), "loc": int(bin_of[i]), "qty": float(on_order[i]),
                     "lot": f"L{made:%y%m%d}{int(rng.integers(1, 99)):02d}", "exp": expires.isoformat(),
                     "sup": int(terms.supplier[s]), "ref": f"GRN-{today:%Y%m%d}"})
    if rows:
        session.execute(text("""
            SELECT stock.receive(x.sku, x.loc, x.qty, x.lot, x.exp, x.sup, NULL, x.ref)
            FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                 AS x(sku integer, loc integer, qty numeric, lot text, exp date, sup integer, ref text)"""),
            {"rows": json.dumps(rows)})
    return len(rows)


def _transfers_in_transit(session: Session, pairs: _Pairs, sku_ids: np.ndarray, wh_ids: np.ndarray,
                          bin_of: np.ndarray, opening: np.ndarray, receipts: np.ndarray, shipped: np.ndarray,
                          limit: int = 12) -> int:
    """A few SKUs left in a warehouse whose region does not buy them are on their way to the main one."""
    stock = opening + receipts.sum(axis=1) - shipped.sum(axis=1)
    rows = []
    for i in np.flatnonzero((pairs.share < pairs.planned_share * 0.2) & (stock >= 10)):
        qty = math.floor(stock[i] * 0.4)
        rows.append({"sku": int(sku_ids[i]), "src": int(bin_of[i]), "wh": int(wh_ids[0]), "qty": qty})
        if len(rows) == limit:
            break
    if rows:
        session.execute(text("""
            SELECT stock.ship_transfer(x.sku, NULL, x.src, x.wh, x.qty, NULL, 'TRF-DEMO')
            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(sku integer, src integer, wh integer, qty numeric)"""),
            {"rows": json.dumps(rows)})
    return len(rows)


def _planning_parameters(session: Session, rng: np.random.Generator, pairs: _Pairs, sku_ids: np.ndarray,
                         wh_ids: np.ndarray, pct: np.ndarray, demand: np.ndarray) -> int:
    """A buyer's settings: higher service for the best sellers, lower for the tail, a few own safety stocks."""
    rows = []
    for i in range(len(pairs.sku)):
        rank = pct[pairs.sku[i]]
        row: dict[str, Any] = {}
        if rank > 0.95:
            row["service_level"] = Decimal("0.98")
        elif rank < 0.3 and rng.random() < 0.5:
            row["service_level"] = Decimal("0.90")
        if rank > 0.9 and rng.random() < 0.15 and pairs.share[i] >= pairs.planned_share[i] \
                and pairs.end[i] == HISTORY_DAYS:                       # still selling
            own = demand[pairs.sku[i]] * pairs.share[i] * float(rng.uniform(6, 12))   # about a week and a half
            row["safety_stock_set"] = Decimal(max(5, round(own / 5) * 5))
        if rng.random() < 0.03:
            row["review_days"] = 14
        if row:
            rows.append({"sku_id": int(sku_ids[i]), "warehouse_id": int(wh_ids[pairs.wh[i]]), **row})
    for r in rows:
        r.setdefault("service_level", Decimal("0.95"))
        r.setdefault("safety_stock_set", None)
        r.setdefault("review_days", 7)
    if rows:
        session.execute(insert(Replenishment), rows)
    return len(rows)
