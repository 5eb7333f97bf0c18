"""Replenishment: forecasts, safety stock, reorder points and what to buy; slow movers and overstock.

`compute_replenishment` reads the ledger set-based, a batch of SKU x warehouse pairs at a time:
one query for the pairs' stock, parameters and supplier terms, one for their daily shipments and
stock changes over the last 365 days (aggregated in the database, one row per pair), then the
pure rules of `domain.forecast`, then one bulk upsert of the figures into stock.replenishment
(parameters set by people, such as a safety stock of their own, are read, never overwritten).

`list_suggestions` (what to buy, from whom, and why) and `slow_movers` (dead, slow and excess
stock with a suggested action) read the stored figures with today's stock; both export to Excel.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.domain import forecast as fc
from erp_desktop.domain.errors import PermissionDeniedError

HISTORY_DAYS = 365
DEFAULT_LEAD_TIME = 7          # days, when a SKU has no supplier
Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class ComputeSummary:
    pairs: int                 # SKU x warehouse pairs computed
    to_buy: int                # with a suggested quantity
    below_safety: int          # available below safety stock
    seconds: float
    read_seconds: float = 0.0
    compute_seconds: float = 0.0
    write_seconds: float = 0.0


@dataclass(frozen=True)
class Suggestion:
    sku_id: int
    sku_code: str
    sku_name: str
    spec: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    on_hand: Decimal
    available: Decimal
    in_transit: Decimal
    forecast_daily: Decimal
    demand_std_daily: Decimal
    safety_stock: Decimal
    reorder_point: Decimal
    suggested_qty: Decimal
    supplier_id: int | None
    supplier_code: str | None
    supplier_name: str | None
    lead_time_days: int | None
    moq: Decimal | None
    pack_size: Decimal | None
    unit_cost: Decimal | None
    order_value: Decimal | None
    below_safety: bool
    safety_stock_set: Decimal | None
    computed_at: dt.datetime | None
    explanation: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SlowMover:
    sku_id: int
    sku_code: str
    sku_name: str
    spec: str
    sku_status: str
    warehouse_id: int
    warehouse_code: str
    on_hand: Decimal
    available: Decimal
    forecast_daily: float
    days_of_cover: float | None
    turnover: float | None
    last_sale_at: dt.datetime | None
    days_since_sale: int | None
    unit_cost: Decimal
    value: Decimal
    excess_qty: float
    excess_value: Decimal
    category: str                      # dead, slow, overstock
    action: str                        # transfer, promote, stop_buying
    transfer_to_id: int | None
    transfer_to_code: str | None
    transfer_qty: float
    explanation: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Compute
# ---------------------------------------------------------------------------------------------

_PAIRS_SQL = """
SELECT sku_id, warehouse_id FROM stock.level l
WHERE (CAST(:wh AS integer) IS NULL OR l.warehouse_id = :wh)
  AND (CAST(:skus AS integer[]) IS NULL OR l.sku_id = ANY(:skus))
UNION
SELECT sku_id, warehouse_id FROM stock.replenishment r
WHERE (CAST(:wh AS integer) IS NULL OR r.warehouse_id = :wh)
  AND (CAST(:skus AS integer[]) IS NULL OR r.sku_id = ANY(:skus))
ORDER BY 1, 2
"""

# per pair: stock, parameters, preferred supplier's terms, and when its history starts
_INFO_SQL = """
SELECT p.sku_id, p.warehouse_id,
       coalesce(l.on_hand, 0), coalesce(l.reserved, 0), coalesce(l.in_transit, 0),
       CASE WHEN l.tracks_expiry THEN coalesce((
           SELECT sum(q.quantity) FROM stock.quant q
           JOIN stock.lot t ON t.id = q.lot_id JOIN stock.location loc ON loc.id = q.location_id
           WHERE q.sku_id = p.sku_id AND q.warehouse_id = p.warehouse_id AND loc.kind <> 'transit'
             AND t.expires_on < :today), 0) ELSE 0 END AS expired,
       coalesce(r.service_level, 0.95), coalesce(r.review_days, 7), r.safety_stock_set, r.max_stock_set,
       ss.supplier_id, ss.lead_time_days, sup.lead_time_days, ss.moq, ss.pack_size,
       (SELECT m.moved_at FROM stock.move m
        WHERE m.sku_id = p.sku_id AND (m.to_warehouse_id = p.warehouse_id OR m.from_warehouse_id = p.warehouse_id)
        ORDER BY m.sku_id, m.moved_at LIMIT 1) AS first_move
FROM unnest(CAST(:skus AS integer[]), CAST(:whs AS integer[])) AS p(sku_id, warehouse_id)
LEFT JOIN stock.level l ON l.sku_id = p.sku_id AND l.warehouse_id = p.warehouse_id
LEFT JOIN stock.replenishment r ON r.sku_id = p.sku_id AND r.warehouse_id = p.warehouse_id
LEFT JOIN purchase.supplier_sku ss ON ss.sku_id = p.sku_id AND ss.preferred
LEFT JOIN purchase.supplier sup ON sup.id = ss.supplier_id
"""

# Per pair, its days with stock changes since :start as one bytea of (day int4, shipped float8,
# net change of on hand float8) records (int4send/float8send: big-endian binary), read straight
# into numpy: 20,000 pairs x a year of days would be millions of Python objects otherwise.
# On hand leaves with every move out of a bin (shipment, transfer_out, adjustment ...) and
# arrives with every move into one; a move from or to the transit location is in transit.  The
# last sale is the latest shipment within the window (none: nothing sold for a year or more).
_HISTORY_SQL = """
WITH p AS (SELECT * FROM unnest(CAST(:skus AS integer[]), CAST(:whs AS integer[])) AS p(sku_id, warehouse_id)),
flows AS (
    SELECT m.sku_id, m.from_warehouse_id AS wh, m.moved_at,
           CASE WHEN m.kind = 'shipment' THEN m.quantity ELSE 0 END AS shipped,
           CASE WHEN m.kind = 'transfer_in' THEN 0 ELSE -m.quantity END AS net
    FROM stock.move m WHERE m.sku_id = ANY(:sku_set) AND m.moved_at >= CAST(CAST(:start_day AS date) AS timestamptz)
          AND m.from_warehouse_id IS NOT NULL
    UNION ALL
    SELECT m.sku_id, m.to_warehouse_id, m.moved_at, 0,
           CASE WHEN m.kind = 'transfer_out' THEN 0 ELSE m.quantity END
    FROM stock.move m WHERE m.sku_id = ANY(:sku_set) AND m.moved_at >= CAST(CAST(:start_day AS date) AS timestamptz)
          AND m.to_warehouse_id IS NOT NULL
), daily AS (
    SELECT f.sku_id, f.wh, CAST(f.moved_at AS date) - CAST(:start_day AS date) AS day,
           sum(f.shipped) AS shipped, sum(f.net) AS net, max(f.moved_at) FILTER (WHERE f.shipped > 0) AS last_sale
    FROM flows f JOIN p ON p.sku_id = f.sku_id AND p.warehouse_id = f.wh
    GROUP BY 1, 2, 3
)
SELECT sku_id, wh, string_agg(int4send(day) || float8send(shipped::float8) || float8send(net::float8), ''::bytea
                              ORDER BY day),
       max(last_sale)
FROM daily GROUP BY 1, 2
"""
_DAY = np.dtype([("day", ">i4"), ("shipped", ">f8"), ("net", ">f8")])

_UPSERT_SQL = """
INSERT INTO stock.replenishment AS r (sku_id, warehouse_id, forecast_daily, demand_std_daily, lead_time_days,
                                      safety_stock, reorder_point, suggested_qty, last_sale_at, sold_90d,
                                      explanation, computed_at)
SELECT u.sku, u.wh, u.fc, u.sd, u.lt, u.ss, u.rop, u.qty, u.last_sale, u.sold, CAST(u.expl AS jsonb), now()
FROM unnest(CAST(:skus AS integer[]), CAST(:whs AS integer[]), CAST(:fc AS numeric[]), CAST(:sd AS numeric[]),
            CAST(:lt AS integer[]), CAST(:ss AS numeric[]), CAST(:rop AS numeric[]), CAST(:qty AS numeric[]),
            CAST(:last_sale AS timestamptz[]), CAST(:sold AS numeric[]), CAST(:expl AS text[]))
     AS u(sku, wh, fc, sd, lt, ss, rop, qty, last_sale, sold, expl)
ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET
    forecast_daily = EXCLUDED.forecast_daily, demand_std_daily = EXCLUDED.demand_std_daily,
    lead_time_days = EXCLUDED.lead_time_days, safety_stock = EXCLUDED.safety_stock,
    reorder_point = EXCLUDED.reorder_point, suggested_qty = EXCLUDED.suggested_qty,
    last_sale_at = EXCLUDED.last_sale_at, sold_90d = EXCLUDED.sold_90d, explanation = EXCLUDED.explanation,
    computed_at = EXCLUDED.computed_at
"""


def _denied(exc: DBAPIError) -> Exception:
    if getattr(exc.orig, "sqlstate", None) == "42501":
        return PermissionDeniedError("compute replenishment", str(exc.orig).splitlines()[0])
    return exc


def compute_replenishment(session: Session, warehouse_id: int | None = None, sku_ids: Sequence[int] | None = None,
                          *, today: dt.date | None = None, batch_size: int = 5000, progress: Progress = None,
                          settings: fc.ForecastSettings = fc.DEFAULT_SETTINGS) -> ComputeSummary:
    """Forecast and plan every SKU x warehouse with stock or planning parameters (or those asked for)."""
    t0 = time.perf_counter()
    if today is None:
        today = session.execute(text("SELECT current_date")).scalar_one()
    pairs = session.execute(text(_PAIRS_SQL), {"wh": warehouse_id,
                                               "skus": list(sku_ids) if sku_ids is not None else None}).all()
    total = len(pairs)
    if progress:
        progress(0, total)
    read_s = compute_s = write_s = 0.0
    to_buy = below = 0
    for i in range(0, total, batch_size):
        batch = pairs[i:i + batch_size]
        t1 = time.perf_counter()
        info, shipped, net, starts = _read_batch(session, batch, today)
        t2 = time.perf_counter()
        rows, n_below = _plan_batch(info, shipped, net, starts, today, settings)
        t3 = time.perf_counter()
        try:
            session.execute(text(_UPSERT_SQL), rows)
        except DBAPIError as exc:
            err = _denied(exc)
            if err is exc:
                raise
            raise err from exc
        t4 = time.perf_counter()
        read_s, compute_s, write_s = read_s + t2 - t1, compute_s + t3 - t2, write_s + t4 - t3
        to_buy += sum(1 for q in rows["qty"] if q and q > 0)
        below += n_below
        if progress:
            progress(min(i + batch_size, total), total)
    return ComputeSummary(pairs=total, to_buy=to_buy, below_safety=below, seconds=time.perf_counter() - t0,
                          read_seconds=read_s, compute_seconds=compute_s, write_seconds=write_s)


@dataclass
class _Info:
    sku: np.ndarray
    wh: np.ndarray
    on_hand: np.ndarray
    available: np.ndarray
    in_transit: np.ndarray
    params: list[fc.PlanningParameters]
    terms: list[fc.SupplyTerms]
    last_sale: list[dt.datetime | None]


def _read_batch(session: Session, batch: Sequence[Any], today: dt.date
                ) -> tuple[_Info, np.ndarray, np.ndarray, np.ndarray]:
    skus = [int(r[0]) for r in batch]
    whs = [int(r[1]) for r in batch]
    start_day = today - dt.timedelta(days=HISTORY_DAYS)
    info_rows = session.execute(text(_INFO_SQL), {"skus": skus, "whs": whs, "today": today}).all()
    index = {(r[0], r[1]): k for k, r in enumerate(info_rows)}
    n = len(info_rows)
    on_hand = np.array([float(r[2]) for r in info_rows])
    reserved = np.array([float(r[3]) for r in info_rows])
    expired = np.array([float(r[5]) for r in info_rows])
    params, terms, last_sale = [], [], []
    starts = np.zeros(n, dtype=np.int64)
    for k, r in enumerate(info_rows):
        params.append(fc.PlanningParameters(
            service_level=float(r[6]), review_days=int(r[7]),
            safety_stock_set=None if r[8] is None else float(r[8]),
            max_stock_set=None if r[9] is None else float(r[9])))
        if r[10] is None:
            terms.append(fc.SupplyTerms(DEFAULT_LEAD_TIME, Decimal(1), Decimal(1), "default"))
        else:
            lead, source = (r[11], "supplier_sku") if r[11] is not None else (r[12], "supplier")
            terms.append(fc.SupplyTerms(int(lead), r[13], r[14], source))
        first = r[15]
        if first is not None:
            starts[k] = max((first.date() - start_day).days, 0)
        else:
            starts[k] = HISTORY_DAYS
        last_sale.append(None)
    shipped = np.zeros((n, HISTORY_DAYS))
    net = np.zeros((n, HISTORY_DAYS + 1))             # the last column is today
    hist = session.execute(text(_HISTORY_SQL), {"skus": skus, "whs": whs, "sku_set": sorted(set(skus)),
                                                "start_day": start_day})
    for sku, wh, blob, last in hist:
        k = index[(sku, wh)]
        last_sale[k] = last
        rec = np.frombuffer(blob, dtype=_DAY)
        days = rec["day"].astype(np.int64)
        inside = (days >= 0) & (days <= HISTORY_DAYS)
        net[k, days[inside]] = rec["net"][inside]
        past = inside & (days < HISTORY_DAYS)
        shipped[k, days[past]] = rec["shipped"][past]
    info = _Info(sku=np.array([r[0] for r in info_rows]), wh=np.array([r[1] for r in info_rows]),
                 on_hand=on_hand, available=np.maximum(on_hand - reserved - expired, 0.0),
                 in_transit=np.array([float(r[4]) for r in info_rows]), params=params, terms=terms,
                 last_sale=last_sale)
    return info, shipped, net, starts


def _plan_batch(info: _Info, shipped: np.ndarray, net: np.ndarray, starts: np.ndarray, today: dt.date,
                settings: fc.ForecastSettings) -> tuple[dict[str, list[Any]], int]:
    n = len(info.sku)
    horizon = np.array([t.lead_time_days + p.review_days for t, p in zip(info.terms, info.params, strict=True)])
    first_day = today - dt.timedelta(days=HISTORY_DAYS)
    forecasts = fc.forecast_demand(shipped, first_day, starts=starts, horizon_days=horizon, settings=settings)
    avg_stock = fc.average_on_hand_many(info.on_hand, net, np.minimum(starts, HISTORY_DAYS))
    sold_90 = shipped[:, -90:].sum(axis=1)
    rows: dict[str, list[Any]] = {k: [] for k in ("skus", "whs", "fc", "sd", "lt", "ss", "rop", "qty", "last_sale",
                                                  "sold", "expl")}
    below = 0
    for k in range(n):
        f = forecasts[k]
        stock = fc.StockPosition(on_hand=float(info.on_hand[k]), available=float(info.available[k]),
                                 in_transit=float(info.in_transit[k]))
        plan = fc.plan_replenishment(f, None, info.params[k], info.terms[k], stock)
        expl = plan.explanation
        below += plan.below_safety_stock
        expl["sold_90d"] = round(float(sold_90[k]), 3)
        expl["avg_on_hand"] = round(float(avg_stock[k]), 3)
        expl["turnover"] = round(f.shipped / avg_stock[k], 2) if avg_stock[k] > 0 else None
        expl["days_of_cover"] = round(stock.available / f.forecast_daily, 1) if f.forecast_daily > 0 else None
        last = info.last_sale[k]
        rows["skus"].append(int(info.sku[k]))
        rows["whs"].append(int(info.wh[k]))
        rows["fc"].append(fc.to_qty(plan.forecast_daily))
        rows["sd"].append(fc.to_qty(plan.sigma_daily))
        rows["lt"].append(plan.lead_time_days)
        rows["ss"].append(fc.to_qty(plan.safety_stock))
        rows["rop"].append(fc.to_qty(plan.reorder_point))
        rows["qty"].append(plan.suggested_qty)
        rows["last_sale"].append(last)
        rows["sold"].append(fc.to_qty(float(sold_90[k])))
        rows["expl"].append(json.dumps(expl))
    return rows, below


# ---------------------------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------------------------

_AVAILABLE = ("CASE WHEN l.tracks_expiry THEN stock.available(r.sku_id, r.warehouse_id) "
              "ELSE coalesce(l.on_hand - l.reserved, 0) END")

_SUGGESTIONS_SQL = f"""
SELECT r.sku_id, s.code, s.name, s.spec, r.warehouse_id, w.code, w.name,
       coalesce(l.on_hand, 0), {_AVAILABLE} AS available, coalesce(l.in_transit, 0),
       r.forecast_daily, r.demand_std_daily, r.safety_stock, r.reorder_point, r.suggested_qty,
       ss.supplier_id, sup.code, sup.name, r.lead_time_days, ss.moq, ss.pack_size,
       coalesce(ss.unit_cost, s.cost), r.safety_stock_set, r.computed_at, r.explanation
FROM stock.replenishment r
JOIN catalog.sku s ON s.id = r.sku_id
JOIN stock.warehouse w ON w.id = r.warehouse_id
LEFT JOIN stock.level l ON l.sku_id = r.sku_id AND l.warehouse_id = r.warehouse_id
LEFT JOIN purchase.supplier_sku ss ON ss.sku_id = r.sku_id AND ss.preferred
LEFT JOIN purchase.supplier sup ON sup.id = ss.supplier_id
WHERE r.computed_at IS NOT NULL
  AND (CAST(:wh AS integer) IS NULL OR r.warehouse_id = :wh)
  AND (CAST(:text AS text) IS NULL OR s.code ILIKE :text OR s.name ILIKE :text OR sup.code ILIKE :text
       OR sup.name ILIKE :text)
"""


def list_suggestions(session: Session, warehouse_id: int | None = None, *, only_to_buy: bool = True,
                     below_safety_only: bool = False, search: str = "", limit: int | None = None) -> list[Suggestion]:
    """What to buy: the stored suggestions (or every computed pair), below safety stock first, then by value."""
    sql = _SUGGESTIONS_SQL
    if only_to_buy:
        sql += f" AND (r.suggested_qty > 0 OR {_AVAILABLE} < r.safety_stock)"
    if below_safety_only:
        sql += f" AND {_AVAILABLE} < r.safety_stock"
    sql += (f" ORDER BY ({_AVAILABLE} < r.safety_stock) DESC, r.suggested_qty * coalesce(ss.unit_cost, s.cost) DESC"
            " NULLS LAST, s.code, w.code")
    if limit is not None:
        sql += " LIMIT :limit"
    params = {"wh": warehouse_id, "text": f"%{search.strip()}%" if search.strip() else None, "limit": limit}
    out = []
    for r in session.execute(text(sql), params):
        qty, cost = r[14], r[21]
        out.append(Suggestion(
            sku_id=r[0], sku_code=r[1], sku_name=r[2], spec=r[3] or "", warehouse_id=r[4], warehouse_code=r[5],
            warehouse_name=r[6], on_hand=r[7], available=r[8], in_transit=r[9], forecast_daily=r[10],
            demand_std_daily=r[11], safety_stock=r[12], reorder_point=r[13], suggested_qty=qty, supplier_id=r[15],
            supplier_code=r[16], supplier_name=r[17], lead_time_days=r[18], moq=r[19], pack_size=r[20],
            unit_cost=cost, order_value=(qty * cost).quantize(Decimal("0.01")) if qty and cost is not None else None,
            below_safety=r[12] is not None and r[8] < r[12], safety_stock_set=r[22], computed_at=r[23],
            explanation=r[24] or {}))
    return out


def count_below_safety(session: Session, warehouse_id: int | None = None) -> int:
    """SKU x warehouse pairs whose available stock is below their safety stock now."""
    return session.execute(text(f"""
        SELECT count(*) FROM stock.replenishment r
        LEFT JOIN stock.level l ON l.sku_id = r.sku_id AND l.warehouse_id = r.warehouse_id
        WHERE r.safety_stock > 0 AND {_AVAILABLE} < r.safety_stock
          AND (CAST(:wh AS integer) IS NULL OR r.warehouse_id = :wh)"""), {"wh": warehouse_id}).scalar_one()


def last_computed(session: Session) -> dt.datetime | None:
    return session.execute(text("SELECT max(computed_at) FROM stock.replenishment")).scalar()


# ---------------------------------------------------------------------------------------------
# Slow movers and overstock
# ---------------------------------------------------------------------------------------------

_STOCK_SQL = f"""
SELECT r.sku_id, s.code, s.name, s.spec, s.status, r.warehouse_id, w.code, l.on_hand, {_AVAILABLE} AS available,
       coalesce(r.forecast_daily, 0), r.last_sale_at, coalesce(ss.unit_cost, s.cost, 0), r.max_stock_set,
       r.explanation, best.warehouse_id, best.code, best.forecast_daily, best.available
FROM stock.replenishment r
JOIN stock.level l ON l.sku_id = r.sku_id AND l.warehouse_id = r.warehouse_id
JOIN catalog.sku s ON s.id = r.sku_id
JOIN stock.warehouse w ON w.id = r.warehouse_id
LEFT JOIN purchase.supplier_sku ss ON ss.sku_id = r.sku_id AND ss.preferred
LEFT JOIN LATERAL (
    SELECT o.warehouse_id, ow.code, o.forecast_daily,
           coalesce(ol.on_hand - ol.reserved, 0) + coalesce(ol.in_transit, 0) AS available
    FROM stock.replenishment o
    JOIN stock.warehouse ow ON ow.id = o.warehouse_id
    LEFT JOIN stock.level ol ON ol.sku_id = o.sku_id AND ol.warehouse_id = o.warehouse_id
    WHERE o.sku_id = r.sku_id AND o.warehouse_id <> r.warehouse_id AND o.forecast_daily > 0
    ORDER BY o.forecast_daily DESC, o.warehouse_id LIMIT 1
) best ON true
WHERE r.computed_at IS NOT NULL AND l.on_hand > 0
  AND (CAST(:wh AS integer) IS NULL OR r.warehouse_id = :wh)
"""


def slow_movers(session: Session, warehouse_id: int | None = None, *, rules: fc.SlowMoverRules = fc.DEFAULT_RULES,
                today: dt.date | None = None) -> list[SlowMover]:
    """Dead, slow and excess stock with a suggested action, the most value tied up first."""
    if today is None:
        today = session.execute(text("SELECT current_date")).scalar_one()
    out = []
    for r in session.execute(text(_STOCK_SQL), {"wh": warehouse_id}):
        expl = r[13] or {}
        best = (fc.OtherWarehouse(r[14], float(r[16]), float(r[17])) if r[14] is not None else None)
        last = r[10]
        a = fc.assess_stock(on_hand=float(r[7]), available=float(r[8]), forecast_daily=float(r[9]),
                            shipped_365=float(expl.get("shipped") or 0),
                            avg_on_hand=float(expl.get("avg_on_hand") or 0),
                            last_sale=last.date() if last is not None else None, today=today, unit_cost=r[11],
                            max_stock_set=None if r[12] is None else float(r[12]), best_other=best, rules=rules)
        if a.category is None:
            continue
        out.append(SlowMover(
            sku_id=r[0], sku_code=r[1], sku_name=r[2], spec=r[3] or "", sku_status=r[4], warehouse_id=r[5],
            warehouse_code=r[6], on_hand=r[7], available=r[8], forecast_daily=float(r[9]),
            days_of_cover=a.days_of_cover, turnover=a.turnover, last_sale_at=last, days_since_sale=a.days_since_sale,
            unit_cost=r[11], value=a.value, excess_qty=a.excess_qty, excess_value=a.excess_value,
            category=a.category, action=a.action or "", transfer_to_id=a.transfer_to,
            transfer_to_code=r[15] if a.transfer_to is not None else None, transfer_qty=a.transfer_qty,
            explanation={**a.explanation, "other_warehouse_code": r[15]}))
    out.sort(key=lambda m: (-m.value, m.sku_code, m.warehouse_code))
    return out


# ---------------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------------

SUGGESTION_COLUMNS = ("sku_code", "sku_name", "spec", "warehouse", "on_hand", "available", "in_transit",
                      "forecast_daily", "sigma", "lead_time_days", "review_days", "service_level", "safety_stock",
                      "reorder_point", "order_up_to", "position", "raw_qty", "moq", "pack_size", "suggested_qty",
                      "supplier", "unit_cost", "order_value", "method", "below_safety")
SLOW_MOVER_COLUMNS = ("sku_code", "sku_name", "spec", "status", "warehouse", "on_hand", "available", "forecast_daily",
                      "days_of_cover", "turnover", "last_sale", "days_since_sale", "unit_cost", "value", "excess_qty",
                      "excess_value", "category", "action", "transfer_to", "transfer_qty")


def _write_sheet(path: str | Path, title: str, columns: Sequence[str], headers: Mapping[str, str] | None,
                 rows: list[list[Any]], formats: Mapping[str, str]) -> int:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = (
            30 if c in ("sku_name", "supplier") else 16 if c in ("sku_code", "spec") else 12)
    bold = Font(bold=True)
    head = []
    for c in columns:
        cell = WriteOnlyCell(ws, (headers or {}).get(c, c))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for values in rows:
        out = []
        for c, v in zip(columns, values, strict=True):
            fmt = formats.get(c)
            if fmt and v is not None:
                cell = WriteOnlyCell(ws, v)
                cell.number_format = fmt
                out.append(cell)
            else:
                out.append(v)
        ws.append(out)
    wb.save(Path(path))
    return len(rows)


def export_suggestions(rows: Sequence[Suggestion], path: str | Path, *, headers: Mapping[str, str] | None = None,
                       labels: Mapping[str, str] | None = None) -> int:
    """The suggestions with the numbers behind them to .xlsx; `headers` and `labels` (method names,
    yes/no) translate the column titles and words."""
    lab = labels or {}
    data = []
    for s in rows:
        e = s.explanation
        data.append([
            s.sku_code, s.sku_name, s.spec, s.warehouse_code, s.on_hand, s.available, s.in_transit, s.forecast_daily,
            s.demand_std_daily, s.lead_time_days, e.get("review_days"), e.get("service_level"), s.safety_stock,
            s.reorder_point, e.get("order_up_to"), e.get("position"), e.get("raw_qty"), s.moq, s.pack_size,
            s.suggested_qty, " ".join(x for x in (s.supplier_code, s.supplier_name) if x) or None, s.unit_cost,
            s.order_value, lab.get(str(e.get("method")), e.get("method")),
            lab.get("yes", "yes") if s.below_safety else lab.get("no", "no")])
    qty = "#,##0.###"
    return _write_sheet(path, "Suggestions", SUGGESTION_COLUMNS, headers, data, {
        "on_hand": qty, "available": qty, "in_transit": qty, "forecast_daily": "0.00", "sigma": "0.00",
        "service_level": "0.0%", "safety_stock": qty, "reorder_point": qty, "order_up_to": qty, "position": qty,
        "raw_qty": qty, "moq": qty, "pack_size": qty, "suggested_qty": qty, "unit_cost": "#,##0.00",
        "order_value": "#,##0.00"})


def export_slow_movers(rows: Sequence[SlowMover], path: str | Path, *, headers: Mapping[str, str] | None = None,
                       labels: Mapping[str, str] | None = None) -> int:
    lab = labels or {}
    data = [[m.sku_code, m.sku_name, m.spec, lab.get(m.sku_status, m.sku_status), m.warehouse_code, m.on_hand,
             m.available, round(m.forecast_daily, 3),
             None if m.days_of_cover is None else round(m.days_of_cover, 1),
             None if m.turnover is None else round(m.turnover, 2),
             m.last_sale_at.date() if m.last_sale_at is not None else None, m.days_since_sale, m.unit_cost, m.value,
             round(m.excess_qty, 3), m.excess_value, lab.get(m.category, m.category), lab.get(m.action, m.action),
             m.transfer_to_code, m.transfer_qty or None] for m in rows]
    qty = "#,##0.###"
    return _write_sheet(path, "Slow movers", SLOW_MOVER_COLUMNS, headers, data, {
        "on_hand": qty, "available": qty, "forecast_daily": "0.00", "days_of_cover": "#,##0.0", "turnover": "0.00",
        "last_sale": "yyyy-mm-dd", "unit_cost": "#,##0.00", "value": "#,##0.00", "excess_qty": qty,
        "excess_value": "#,##0.00", "transfer_qty": qty})
