"""Demand forecasts and replenishment rules (pure: numpy and the standard library only).

Forecast
    Daily demand per SKU x warehouse from its daily shipments, many series at once (one row each):

    - **Holt-Winters exponential smoothing** with a damped additive trend and an additive weekly
      pattern (ETS(A,Ad,A) in error-correction form), run over all series together with numpy
      (one step per day, each step a few array operations over every series and every candidate
      set of smoothing parameters).  For each series the parameters (alpha, beta, gamma from a
      small grid; phi fixed) with the smallest one-day-ahead squared error are kept.  statsmodels'
      ExponentialSmoothing fits one series in about 160 ms (an hour for 20,000 series), so it is
      not used; this runs 20,000 series x 365 days in seconds.
    - **Promotion spikes are damped** two ways.  Known promotion days (618, 11.11, 12.12 and their
      run-up, `PROMO_DAYS`) are skipped: the model neither learns from them nor counts their error.
      Any other outlier is cleaned as in Gelper, Fried & Croux (2010), "Robust forecasting with
      exponential and Holt-Winters smoothing": the error that updates the model is clipped at
      `huber_k` times a robust running scale of the errors, which itself grows by clipped errors
      only, so one spike moves the forecast by at most a few typical errors.
    - Series that sell on few days (less than `intermittent_share` of the last `recent_days`) are
      forecast by their **average** over the last `recent_days` days, each day capped at `huber_k`
      times the median size of a selling day; series shorter than `min_history_days` by the
      average of what there is.  Weekly patterns and trends cannot be told from noise there.
    - Variability (sigma) is the root mean square of the one-day-ahead forecast errors over the
      last `recent_days` days (clipped as above, promotion days left out); for the average
      methods, the standard deviation of the (capped) daily demand.

Replenishment (`plan_replenishment`)
    safety stock  = z(service level) x sigma x sqrt(lead time + review days)  (or a person's value)
    reorder point = forecast x lead time + safety stock
    order-up-to   = reorder point + forecast x review days   (capped by a maximum stock, if set)
    position      = available + on order + in transit
    When the position is at or below the reorder point, buy order-up-to - position, raised to the
    supplier's minimum order quantity, then rounded up to whole packs.

Slow movers and overstock (`assess_stock`): days of cover, turnover (shipped in 365 days / average
on hand), last sale, value tied up, and a suggested action: transfer to the warehouse that sells
the SKU best, promote (clear it), or stop buying.

Every result carries an `explanation`: a JSON-ready dict of the numbers it was derived from, so
the user interface can show a buyer how each figure came about.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from statistics import NormalDist
from typing import Any

import numpy as np

# (month, day) of the big platform promotions: 618 (kick-off on 1 June, peak 16-18 June), 双11
# (first wave 31 Oct / 1 Nov, peak 10-11 Nov, stragglers on the 12th) and 双12.
PROMO_DAYS: frozenset[tuple[int, int]] = frozenset({
    (6, 1), (6, 16), (6, 17), (6, 18),
    (10, 31), (11, 1), (11, 10), (11, 11), (11, 12),
    (12, 12),
})

METHOD_HOLT_WINTERS = "holt_winters"
METHOD_AVERAGE = "average"                # sells on few days
METHOD_SHORT = "short_history"            # too little history for a pattern
METHOD_NO_SALES = "no_sales"              # nothing shipped in the history

QTY = Decimal("0.001")


@dataclass(frozen=True)
class ForecastSettings:
    season_length: int = 7
    alphas: tuple[float, ...] = (0.05, 0.1, 0.2, 0.35)     # level
    betas: tuple[float, ...] = (0.02, 0.1)                  # trend, as a share of alpha
    gammas: tuple[float, ...] = (0.05, 0.15)                # weekly pattern
    phi: float = 0.98                                       # trend damping per day
    huber_k: float = 3.0                                    # errors clipped at k robust scales
    scale_lambda: float = 0.05                              # how fast the robust scale follows
    scale_floor: float = 0.5                                # units/day: the scale never drops below
    warmup_days: int = 28                                   # to start the model; errors not counted
    recent_days: int = 90                                   # sigma, sale share and averages
    min_history_days: int = 28
    intermittent_share: float = 0.3
    max_horizon_days: int = 180


DEFAULT_SETTINGS = ForecastSettings()


@dataclass(frozen=True)
class DemandForecast:
    """The forecast of one series and how it was made."""

    method: str
    history_days: int            # days the series existed in the window
    sale_days: int               # days with a shipment
    shipped: float               # units shipped in the window
    forecast_daily: float        # mean forecast per day over the horizon
    sigma_daily: float
    horizon_days: int
    promo_days_skipped: int = 0  # known promotion days left out
    spikes_damped: int = 0       # other days whose demand was capped
    alpha: float | None = None
    beta: float | None = None
    gamma: float | None = None
    phi: float | None = None
    level: float | None = None
    trend: float | None = None
    weekly: tuple[float, ...] | None = None     # additive weekly pattern, Monday..Sunday
    next_days: tuple[float, ...] = ()            # the forecast of the next 7 days

    def explanation(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "method": self.method, "history_days": self.history_days, "sale_days": self.sale_days,
            "shipped": _r(self.shipped), "forecast_daily": _r(self.forecast_daily), "sigma": _r(self.sigma_daily),
            "horizon_days": self.horizon_days, "promo_days": self.promo_days_skipped,
            "spikes_damped": self.spikes_damped,
        }
        if self.method == METHOD_HOLT_WINTERS:
            out.update(alpha=self.alpha, beta=self.beta, gamma=self.gamma, phi=self.phi, level=_r(self.level),
                       trend=_r(self.trend, 4), weekly=[_r(x) for x in self.weekly or ()])
        if self.next_days:
            out["next_days"] = [_r(x) for x in self.next_days]
        return out


def _dec(x: float | Decimal) -> Decimal:
    return Decimal(repr(float(x)))


def _r(x: float | None, places: int = 3) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), places)


def promo_mask(first_day: dt.date, days: int, promo_days: Iterable[tuple[int, int]] = PROMO_DAYS) -> np.ndarray:
    """True for each of `days` days from `first_day` that is a known promotion day."""
    wanted = set(promo_days)
    return np.array([((first_day + dt.timedelta(days=i)).month, (first_day + dt.timedelta(days=i)).day) in wanted
                     for i in range(days)], dtype=bool)


def forecast_demand(history: np.ndarray, first_day: dt.date, *, starts: np.ndarray | None = None,
                    horizon_days: np.ndarray | int = 14,
                    promo_days: Iterable[tuple[int, int]] = PROMO_DAYS,
                    settings: ForecastSettings = DEFAULT_SETTINGS) -> list[DemandForecast]:
    """Forecast every row of `history` (series x days, units shipped per day, the last column is
    the day before the forecast starts).  `starts[i]` is the first day (column) series i existed:
    earlier days are not counted as days without sales.  `horizon_days` (per series or one for
    all) is how many days the mean daily forecast covers, e.g. lead time + review period."""
    y = np.asarray(history, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("history must be a 2-d array: series x days")
    n, days = y.shape
    if n == 0:
        return []
    st = np.zeros(n, dtype=np.int64) if starts is None else np.clip(np.asarray(starts, dtype=np.int64), 0, days)
    horizon = np.broadcast_to(np.asarray(horizon_days, dtype=np.int64), (n,))
    horizon = np.clip(np.maximum(horizon, settings.season_length), 1, settings.max_horizon_days)
    y = np.where(np.isfinite(y), np.maximum(y, 0.0), 0.0)
    cols = np.arange(days)
    valid = cols[None, :] >= st[:, None]
    promo = promo_mask(first_day, days, promo_days)
    usable = valid & ~promo[None, :]
    history_days = valid.sum(axis=1)
    sale_days = ((y > 0) & valid).sum(axis=1)
    shipped = (y * valid).sum(axis=1)
    promo_skipped = (valid & promo[None, :]).sum(axis=1)

    recent = valid & (cols[None, :] >= days - settings.recent_days)
    recent_days = recent.sum(axis=1)
    recent_share = np.divide(((y > 0) & recent).sum(axis=1), recent_days,
                             out=np.zeros(n), where=recent_days > 0)

    method = np.full(n, METHOD_HOLT_WINTERS, dtype=object)
    method[recent_share < settings.intermittent_share] = METHOD_AVERAGE
    method[history_days < settings.min_history_days] = METHOD_SHORT
    method[sale_days == 0] = METHOD_NO_SALES

    out: list[DemandForecast | None] = [None] * n
    hw = np.flatnonzero(method == METHOD_HOLT_WINTERS)
    if hw.size:
        for i, f in zip(hw, _holt_winters(y[hw], valid[hw], usable[hw], promo, st[hw], first_day, horizon[hw],
                                          history_days[hw], sale_days[hw], shipped[hw], promo_skipped[hw],
                                          settings), strict=True):
            out[i] = f
    avg = np.flatnonzero((method == METHOD_AVERAGE) | (method == METHOD_SHORT))
    if avg.size:
        window = np.where(method[avg, None] == METHOD_AVERAGE, recent[avg] & usable[avg], usable[avg])
        window = np.where(window.sum(axis=1, keepdims=True) > 0, window, valid[avg])   # only promo days: use them
        ya = y[avg]
        sizes = np.where((ya > 0) & valid[avg], ya, np.nan)
        with np.errstate(all="ignore"):
            typical = np.nanmedian(sizes, axis=1)
        cap = np.maximum(settings.huber_k * np.nan_to_num(typical, nan=1.0), 1.0)
        capped = np.minimum(ya, cap[:, None])
        count = window.sum(axis=1)
        mean = (capped * window).sum(axis=1) / np.maximum(count, 1)
        var = (((capped - mean[:, None]) ** 2) * window).sum(axis=1) / np.maximum(count - 1, 1)
        damped = ((ya > cap[:, None]) & window).sum(axis=1)
        # the promotion days left out of the days averaged (all history for a short one)
        averaged = np.where(method[avg, None] == METHOD_AVERAGE, recent[avg], valid[avg])
        skipped = (averaged & promo[None, :]).sum(axis=1)
        for k, i in enumerate(avg):
            out[i] = DemandForecast(
                method=str(method[i]), history_days=int(history_days[i]), sale_days=int(sale_days[i]),
                shipped=float(shipped[i]), forecast_daily=float(mean[k]), sigma_daily=float(math.sqrt(var[k])),
                horizon_days=int(horizon[i]), promo_days_skipped=int(skipped[k]), spikes_damped=int(damped[k]),
                next_days=tuple([float(mean[k])] * 7))
    for i in np.flatnonzero(method == METHOD_NO_SALES):
        out[i] = DemandForecast(method=METHOD_NO_SALES, history_days=int(history_days[i]), sale_days=0,
                                shipped=0.0, forecast_daily=0.0, sigma_daily=0.0, horizon_days=int(horizon[i]),
                                promo_days_skipped=int(promo_skipped[i]))
    return out  # type: ignore[return-value]


def _holt_winters(y: np.ndarray, valid: np.ndarray, usable: np.ndarray, promo: np.ndarray, starts: np.ndarray,
                  first_day: dt.date, horizon: np.ndarray, history_days: np.ndarray, sale_days: np.ndarray,
                  shipped: np.ndarray, promo_skipped: np.ndarray, s: ForecastSettings) -> list[DemandForecast]:
    n, days = y.shape
    m = s.season_length
    combos = [(a, b, g) for a in s.alphas for b in s.betas for g in s.gammas]
    c = len(combos)
    alpha = np.array([x[0] for x in combos])[:, None]
    beta = np.array([x[1] for x in combos])[:, None]
    gamma = np.array([x[2] for x in combos])[:, None]
    phi = s.phi
    weekday0 = first_day.weekday()
    weekday = (weekday0 + np.arange(days)) % m

    # start: level and weekly pattern from the first warm-up days of each series
    rank = np.cumsum(usable, axis=1)
    init = usable & (rank <= s.warmup_days)
    count0 = np.maximum(init.sum(axis=1), 1)
    level0 = (y * init).sum(axis=1) / count0
    season0 = np.zeros((m, n))
    for j in range(m):
        on_j = init & (weekday[None, :] == j)
        k = on_j.sum(axis=1)
        season0[j] = np.where(k > 0, (y * on_j).sum(axis=1) / np.maximum(k, 1) - level0, 0.0)
    season0 -= season0.mean(axis=0, keepdims=True)
    dev = np.sqrt((((y - level0[:, None]) ** 2) * init).sum(axis=1) / count0)
    scale0 = np.maximum(dev, s.scale_floor)

    level = np.repeat(level0[None, :], c, axis=0)
    trend = np.zeros((c, n))
    season = np.repeat(season0[:, None, :], c, axis=1)          # weekday x combo x series
    scale = np.repeat(scale0[None, :], c, axis=0)
    sse = np.zeros((c, n))
    sse_recent = np.zeros((c, n))
    spikes = np.zeros((c, n), dtype=np.int32)
    recent_from = days - s.recent_days
    scored_from = starts + s.warmup_days
    floor2 = s.scale_floor ** 2
    k = s.huber_k
    lam = s.scale_lambda
    alpha_beta = alpha * beta
    for t in range(days):
        ok = usable[:, t]
        if not ok.any():
            continue
        j = weekday[t]
        fc = level + phi * trend + season[j]
        err = y[:, t] - fc
        lim = k * scale
        clipped = np.clip(err, -lim, lim) * ok
        scored = ok & (t >= scored_from)
        sq = clipped * clipped * scored
        sse += sq
        if t >= recent_from:
            sse_recent += sq
        spikes += (err > lim) & scored
        level = level + phi * trend + alpha * clipped
        trend = phi * trend + alpha_beta * clipped
        season[j] += gamma * clipped
        new_scale2 = (1 - lam) * scale * scale + lam * np.minimum(err * err, lim * lim)
        scale = np.where(ok, np.sqrt(np.maximum(new_scale2, floor2)), scale)

    best = np.argmin(np.where(sse > 0, sse, np.inf), axis=0)
    best = np.where(np.isfinite(sse.min(axis=0)), best, 0)
    cols = np.arange(n)
    lv, tr = level[best, cols], trend[best, cols]
    se = season[:, best, cols]                                  # weekday x series
    recent_count = (usable & (np.arange(days)[None, :] >= np.maximum(recent_from, 0))
                    & (np.arange(days)[None, :] >= scored_from[:, None])).sum(axis=1)
    sigma = np.sqrt(sse_recent[best, cols] / np.maximum(recent_count, 1))

    hmax = int(horizon.max())
    steps = np.arange(1, hmax + 1)
    damp = np.cumsum(phi ** steps)                              # phi + phi^2 + ... + phi^h
    future_weekday = (weekday0 + days - 1 + steps) % m
    path = np.maximum(lv[:, None] + damp[None, :] * tr[:, None] + se[future_weekday].T, 0.0)
    within = steps[None, :] <= horizon[:, None]
    mean = (path * within).sum(axis=1) / horizon
    by_weekday = se.T                                           # series x weekday (Mon..Sun)
    result = []
    for i in range(n):
        a, b, g = combos[best[i]]
        result.append(DemandForecast(
            method=METHOD_HOLT_WINTERS, history_days=int(history_days[i]), sale_days=int(sale_days[i]),
            shipped=float(shipped[i]), forecast_daily=float(mean[i]), sigma_daily=float(sigma[i]),
            horizon_days=int(horizon[i]), promo_days_skipped=int(promo_skipped[i]),
            spikes_damped=int(spikes[best[i], i]), alpha=a, beta=b, gamma=g, phi=phi, level=float(lv[i]),
            trend=float(tr[i]), weekly=tuple(float(x) for x in by_weekday[i]),
            next_days=tuple(float(x) for x in path[i, :7])))
    return result


# ---------------------------------------------------------------------------------------------
# Replenishment: safety stock, reorder point, suggested quantity
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanningParameters:
    service_level: float = 0.95
    review_days: int = 7
    safety_stock_set: float | None = None     # a person's override
    max_stock_set: float | None = None


@dataclass(frozen=True)
class SupplyTerms:
    lead_time_days: int
    moq: Decimal = Decimal(1)
    pack_size: Decimal = Decimal(1)
    lead_time_source: str = "supplier_sku"    # supplier_sku, supplier, default


@dataclass(frozen=True)
class StockPosition:
    on_hand: float
    available: float                          # on hand less reserved and expired
    in_transit: float = 0.0
    on_order: float = 0.0

    @property
    def position(self) -> float:
        return self.available + self.on_order + self.in_transit


DECISION_ORDER = "order"
DECISION_ENOUGH = "above_reorder_point"
DECISION_NO_DEMAND = "no_demand"
DECISION_AT_MAX = "at_max_stock"


@dataclass(frozen=True)
class ReplenishmentPlan:
    forecast_daily: float
    sigma_daily: float
    lead_time_days: int
    z: float
    safety_stock_computed: float
    safety_stock: float
    reorder_point: float
    order_up_to: float
    raw_qty: float
    after_moq: Decimal
    suggested_qty: Decimal
    decision: str
    below_safety_stock: bool
    explanation: dict[str, Any] = field(default_factory=dict)


def z_value(service_level: float) -> float:
    """The standard normal quantile of a service level (0.95 -> 1.645)."""
    if not 0 < service_level < 1:
        raise ValueError(f"a service level is between 0 and 1, not {service_level}")
    return NormalDist().inv_cdf(service_level)


def safety_stock(z: float, sigma_daily: float, lead_time_days: float, review_days: float) -> float:
    return max(z, 0.0) * max(sigma_daily, 0.0) * math.sqrt(max(lead_time_days + review_days, 0))


def round_order(raw_qty: float, moq: Decimal, pack_size: Decimal) -> tuple[Decimal, Decimal]:
    """(after MOQ, after pack size): a positive need raised to the MOQ, then up to whole packs."""
    if raw_qty <= 0:
        return Decimal(0), Decimal(0)
    need = _dec(raw_qty).quantize(QTY, ROUND_CEILING)
    after_moq = max(need, moq)
    pack = pack_size if pack_size > 0 else Decimal(1)
    packs = (after_moq / pack).to_integral_value(ROUND_CEILING)
    return after_moq, (packs * pack).quantize(QTY)


def plan_replenishment(forecast: DemandForecast | float, sigma_daily: float | None, params: PlanningParameters,
                       terms: SupplyTerms, stock: StockPosition) -> ReplenishmentPlan:
    """Safety stock, reorder point and the quantity to buy now, with the numbers behind them."""
    fc = forecast.forecast_daily if isinstance(forecast, DemandForecast) else float(forecast)
    sigma = forecast.sigma_daily if isinstance(forecast, DemandForecast) and sigma_daily is None else (sigma_daily or 0)
    lead = max(int(terms.lead_time_days), 0)
    review = max(int(params.review_days), 0)
    z = z_value(params.service_level)
    ss_computed = safety_stock(z, sigma, lead, review)
    ss = float(params.safety_stock_set) if params.safety_stock_set is not None else ss_computed
    rop = fc * lead + ss
    up_to = rop + fc * review
    capped = params.max_stock_set is not None and up_to > float(params.max_stock_set)
    if capped:
        up_to = float(params.max_stock_set)
    position = stock.position
    if fc <= 0 and ss <= 0:
        decision, raw = DECISION_NO_DEMAND, 0.0
    elif position > rop:
        decision, raw = DECISION_ENOUGH, 0.0
    else:
        raw = up_to - position
        decision = DECISION_ORDER if raw > 0 else DECISION_AT_MAX
        raw = max(raw, 0.0)
    after_moq, qty = round_order(raw, terms.moq, terms.pack_size)
    below = ss > 0 and stock.available < ss
    explanation = {
        "forecast_daily": _r(fc), "sigma": _r(sigma), "service_level": float(params.service_level), "z": _r(z),
        "lead_time_days": lead, "lead_time_source": terms.lead_time_source, "review_days": review,
        "safety_stock_computed": _r(ss_computed),
        "safety_stock_set": None if params.safety_stock_set is None else float(params.safety_stock_set),
        "safety_stock": _r(ss), "reorder_point": _r(rop), "order_up_to": _r(up_to),
        "max_stock_set": None if params.max_stock_set is None else float(params.max_stock_set),
        "capped_by_max": capped,
        "on_hand": _r(stock.on_hand), "available": _r(stock.available), "on_order": _r(stock.on_order),
        "in_transit": _r(stock.in_transit), "position": _r(position),
        "raw_qty": _r(raw), "moq": float(terms.moq), "after_moq": float(after_moq),
        "pack_size": float(terms.pack_size), "after_pack": float(qty), "suggested_qty": float(qty),
        "decision": decision, "below_safety_stock": below,
    }
    if isinstance(forecast, DemandForecast):
        explanation = {**forecast.explanation(), **explanation}
    return ReplenishmentPlan(forecast_daily=fc, sigma_daily=sigma, lead_time_days=lead, z=z,
                             safety_stock_computed=ss_computed, safety_stock=ss, reorder_point=rop,
                             order_up_to=up_to, raw_qty=raw, after_moq=after_moq, suggested_qty=qty,
                             decision=decision, below_safety_stock=below, explanation=explanation)


# ---------------------------------------------------------------------------------------------
# Slow movers and overstock
# ---------------------------------------------------------------------------------------------

CLASS_DEAD = "dead"                 # nothing sold for `dead_days`
CLASS_SLOW = "slow"                 # turns over slowly / more than `slow_cover_days` of cover
CLASS_OVERSTOCK = "overstock"       # more than `overstock_cover_days` of cover, or above the maximum

ACTION_TRANSFER = "transfer"
ACTION_PROMOTE = "promote"
ACTION_STOP_BUYING = "stop_buying"


@dataclass(frozen=True)
class SlowMoverRules:
    dead_days: int = 180
    slow_turnover: float = 2.0           # turns a year
    slow_cover_days: float = 180.0
    overstock_cover_days: float = 90.0
    promote_cover_days: float = 365.0    # cover beyond this: clear it rather than wait
    target_cover_days: float = 60.0      # what a warehouse should hold, when moving stock between them


DEFAULT_RULES = SlowMoverRules()


@dataclass(frozen=True)
class OtherWarehouse:
    """The warehouse that sells the SKU best, besides this one."""

    warehouse_id: int
    forecast_daily: float
    available: float


@dataclass(frozen=True)
class StockAssessment:
    category: str | None                 # dead, slow, overstock; None: healthy
    action: str | None
    days_of_cover: float | None          # None: no demand
    turnover: float | None               # turns a year; None: no stock held
    days_since_sale: int | None
    value: Decimal                       # on hand at cost
    excess_qty: float                    # above `target_cover_days` of demand
    excess_value: Decimal
    transfer_to: int | None = None
    transfer_qty: float = 0.0
    explanation: dict[str, Any] = field(default_factory=dict)


def assess_stock(*, on_hand: float, available: float, forecast_daily: float, shipped_365: float,
                 avg_on_hand: float, last_sale: dt.date | None, today: dt.date, unit_cost: Decimal,
                 max_stock_set: float | None = None, best_other: OtherWarehouse | None = None,
                 rules: SlowMoverRules = DEFAULT_RULES) -> StockAssessment:
    """Is this stock dead, slow or too much, and what to do about it."""
    fc = max(float(forecast_daily), 0.0)
    cover = available / fc if fc > 0 else None
    turnover = shipped_365 / avg_on_hand if avg_on_hand > 0 else None
    since = (today - last_sale).days if last_sale is not None else None
    cost = unit_cost if unit_cost is not None else Decimal(0)
    value = (_dec(on_hand) * cost).quantize(Decimal("0.01"))
    keep = fc * rules.target_cover_days
    excess = max(available - keep, 0.0)
    excess_value = (_dec(excess) * cost).quantize(Decimal("0.01"))

    category = None
    if on_hand > 0:
        if since is None or since >= rules.dead_days:
            category = CLASS_DEAD
        elif (turnover is not None and turnover < rules.slow_turnover) or (cover is not None
                                                                           and cover > rules.slow_cover_days):
            category = CLASS_SLOW
        elif (cover is not None and cover > rules.overstock_cover_days) or (
                max_stock_set is not None and on_hand > max_stock_set):
            category = CLASS_OVERSTOCK

    action, to, qty, need = None, None, 0.0, 0.0
    if category is not None:
        if best_other is not None and best_other.forecast_daily > fc and best_other.forecast_daily > 0:
            need = max(best_other.forecast_daily * rules.target_cover_days - best_other.available, 0.0)
            qty = math.floor(min(excess, need))
            if qty > 0:
                action, to = ACTION_TRANSFER, best_other.warehouse_id
        if action is None:
            action = ACTION_PROMOTE if (category == CLASS_DEAD or cover is None
                                        or cover > rules.promote_cover_days) else ACTION_STOP_BUYING
    explanation = {
        "category": category, "action": action, "on_hand": _r(on_hand), "available": _r(available),
        "forecast_daily": _r(fc), "days_of_cover": _r(cover, 1), "shipped_365": _r(shipped_365),
        "avg_on_hand": _r(avg_on_hand), "turnover": _r(turnover, 2), "days_since_sale": since,
        "unit_cost": float(cost), "value": float(value), "target_cover_days": rules.target_cover_days,
        "excess_qty": _r(excess), "excess_value": float(excess_value), "dead_days": rules.dead_days,
        "slow_turnover": rules.slow_turnover, "slow_cover_days": rules.slow_cover_days,
        "overstock_cover_days": rules.overstock_cover_days, "promote_cover_days": rules.promote_cover_days,
    }
    if best_other is not None:
        explanation.update(other_warehouse=best_other.warehouse_id, other_forecast_daily=_r(best_other.forecast_daily),
                           other_available=_r(best_other.available), other_need=_r(need))
    if action == ACTION_TRANSFER:
        explanation.update(transfer_to=to, transfer_qty=qty)
    return StockAssessment(category=category, action=action, days_of_cover=cover, turnover=turnover,
                           days_since_sale=since, value=value, excess_qty=excess, excess_value=excess_value,
                           transfer_to=to, transfer_qty=float(qty), explanation=explanation)


def average_on_hand(on_hand_now: float, net_change: np.ndarray) -> float:
    """Mean end-of-day stock over the days of `net_change` (units in minus out per day, the last
    entry is the most recent day), walked back from today's stock."""
    net = np.asarray(net_change, dtype=np.float64)
    if net.size == 0:
        return float(on_hand_now)
    after = np.concatenate([np.cumsum(net[::-1])[::-1][1:], [0.0]])   # change after each day's end
    return float(np.maximum(on_hand_now - after, 0.0).mean())


def average_on_hand_many(on_hand_now: np.ndarray, net_change: np.ndarray, starts: np.ndarray | None = None
                         ) -> np.ndarray:
    """`average_on_hand` for many series at once (series x days), from each series' start column."""
    net = np.asarray(net_change, dtype=np.float64)
    n, days = net.shape
    if days == 0:
        return np.asarray(on_hand_now, dtype=np.float64)
    rev = np.cumsum(net[:, ::-1], axis=1)[:, ::-1]
    after = np.concatenate([rev[:, 1:], np.zeros((n, 1))], axis=1)
    level = np.maximum(np.asarray(on_hand_now, dtype=np.float64)[:, None] - after, 0.0)
    if starts is None:
        return level.mean(axis=1)
    st = np.clip(np.asarray(starts, dtype=np.int64), 0, days - 1)
    mask = np.arange(days)[None, :] >= st[:, None]
    return (level * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1)


def to_qty(x: float | None) -> Decimal | None:
    """A float figure as a NUMERIC(14,3) quantity."""
    if x is None or not math.isfinite(x):
        return None
    return _dec(x).quantize(QTY)
