"""Demand forecasts and replenishment rules: pure, on made-up series whose answer is known."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import numpy as np
import pytest

from erp_desktop.domain import forecast as fc

FIRST = dt.date(2025, 1, 6)          # a Monday
DAYS = 365
WEEK = np.array([0.0, -1.0, -1.0, 0.0, 1.0, 4.0, 3.0])       # Monday .. Sunday


def series(level=20.0, slope=0.05, noise=1.0, seed=1, days=DAYS) -> tuple[np.ndarray, list[float]]:
    """A demand series with a known trend and weekly pattern, and the truth of its next 7 days."""
    t = np.arange(days)
    rng = np.random.default_rng(seed)
    y = level + slope * t + WEEK[(FIRST.weekday() + t) % 7] + rng.normal(0, noise, days)
    truth = [level + slope * (days - 1 + h) + WEEK[(FIRST.weekday() + days - 1 + h) % 7] for h in range(1, 8)]
    return np.maximum(y, 0), truth


def test_trend_and_weekly_pattern_are_forecast_within_tolerance():
    y, truth = series()
    [f] = fc.forecast_demand(y[None, :], FIRST, horizon_days=7)
    assert f.method == fc.METHOD_HOLT_WINTERS
    assert f.forecast_daily == pytest.approx(np.mean(truth), rel=0.03)
    assert np.allclose(f.next_days, truth, atol=1.5)
    # the weekly pattern is learnt: Saturday well above Tuesday
    assert f.weekly[5] - f.weekly[1] == pytest.approx(5.0, abs=1.0)
    assert f.trend > 0
    assert f.sigma_daily == pytest.approx(1.0, rel=0.35)
    assert f.history_days == DAYS and f.sale_days == DAYS


def test_promotion_spikes_are_damped():
    y, truth = series(seed=2)
    spiky = y.copy()
    promo = fc.promo_mask(FIRST, DAYS)
    assert promo.sum() == 10                        # 618, 双11 and 双12 with their run-up
    spiky[promo] *= 6                               # 11.11 and friends
    spiky[200] += 150                               # a live-stream day nobody put in the calendar
    spiky[DAYS - 3] += 120                          # and one just before the forecast
    plain, damped = fc.forecast_demand(np.vstack([y, spiky]), FIRST, horizon_days=7)
    assert damped.forecast_daily == pytest.approx(plain.forecast_daily, rel=0.05)
    assert damped.forecast_daily == pytest.approx(np.mean(truth), rel=0.06)
    assert damped.promo_days_skipped == 10
    assert damped.spikes_damped >= 2
    assert damped.sigma_daily < 2 * plain.sigma_daily + 0.5
    # without damping a spike of 120 just before would lift the forecast by far more
    naive = spiky[-28:].mean()
    assert naive > plain.forecast_daily + 3


def test_sparse_series_are_averaged_with_big_orders_capped():
    y = np.zeros(DAYS)
    y[::10] = 1                                     # one a day every ten days ...
    y[DAYS - 5] = 40                                # ... and one big order
    [f] = fc.forecast_demand(y[None, :], FIRST, horizon_days=14)
    assert f.method == fc.METHOD_AVERAGE
    assert f.spikes_damped == 1
    assert 0.08 < f.forecast_daily < 0.15          # the 40 counts as 3, not 40
    assert f.sigma_daily > 0


def test_short_history_no_sales_and_starts():
    y = np.zeros((3, DAYS))
    y[0, -10:] = 5                                   # a new SKU, 10 days old
    y[2, :] = 2                                      # sells steadily ...
    starts = np.array([DAYS - 10, 0, DAYS - 60])     # ... but exists only for 60 days
    new, none, young = fc.forecast_demand(y, FIRST, starts=starts, horizon_days=7)
    assert new.method == fc.METHOD_SHORT and new.history_days == 10 and new.forecast_daily == pytest.approx(5)
    assert none.method == fc.METHOD_NO_SALES and none.forecast_daily == 0 and none.sigma_daily == 0
    assert young.history_days == 60 and young.forecast_daily == pytest.approx(2, rel=0.05)


def test_twenty_thousand_series_in_a_few_seconds():
    rng = np.random.default_rng(5)
    lam = np.exp(rng.normal(0, 1, 20_000))[:, None] * np.ones(DAYS)
    y = rng.poisson(lam).astype(float)
    t0 = time.perf_counter()
    out = fc.forecast_demand(y, FIRST, horizon_days=rng.integers(7, 40, 20_000))
    assert time.perf_counter() - t0 < 25
    assert len(out) == 20_000
    means = np.array([f.forecast_daily for f in out])
    assert np.corrcoef(means, lam[:, 0])[0, 1] > 0.95


# ---------------------------------------------------------------------------------------------
# Safety stock, reorder point, order quantity
# ---------------------------------------------------------------------------------------------


def test_safety_stock_grows_with_variability_and_lead_time():
    z = fc.z_value(0.95)
    assert z == pytest.approx(1.645, abs=0.001)
    base = fc.safety_stock(z, 2.0, 5, 7)
    assert fc.safety_stock(z, 4.0, 5, 7) == pytest.approx(2 * base)
    assert fc.safety_stock(z, 2.0, 20, 7) > base
    assert fc.safety_stock(z, 2.0, 41, 7) == pytest.approx(2 * base)      # sqrt(48) = 2 sqrt(12)
    assert fc.safety_stock(fc.z_value(0.99), 2.0, 5, 7) > base
    with pytest.raises(ValueError):
        fc.z_value(1.0)


@pytest.mark.parametrize(("raw", "moq", "pack", "after_moq", "after_pack"), [
    (73.4, "50", "12", "73.4", "84"),      # above the MOQ: whole packs of 12
    (10, "50", "12", "50", "60"),          # raised to the MOQ, then to whole packs
    (48, "1", "24", "48", "48"),           # exactly two packs
    (0.2, "1", "1", "1", "1"),
    (0, "50", "12", "0", "0"),             # nothing needed: nothing ordered, whatever the MOQ
    (5.5, "2.5", "0.5", "5.5", "5.5"),     # fractional units (kg, m)
])
def test_moq_and_pack_size_rounding(raw, moq, pack, after_moq, after_pack):
    got_moq, got_pack = fc.round_order(raw, Decimal(moq), Decimal(pack))
    assert got_moq == Decimal(after_moq) and got_pack == Decimal(after_pack)


def test_plan_orders_up_to_and_explains_every_number():
    f = fc.DemandForecast(method=fc.METHOD_HOLT_WINTERS, history_days=365, sale_days=300, shipped=1500,
                          forecast_daily=4.0, sigma_daily=2.0, horizon_days=19, alpha=0.2, beta=0.1, gamma=0.05,
                          phi=0.98, level=4.0, trend=0.01, weekly=(0,) * 7)
    plan = fc.plan_replenishment(f, None, fc.PlanningParameters(service_level=0.95, review_days=7),
                                 fc.SupplyTerms(12, Decimal(50), Decimal(12)),
                                 fc.StockPosition(on_hand=25, available=20, in_transit=5))
    ss = 1.6449 * 2.0 * (19 ** 0.5)
    assert plan.safety_stock == pytest.approx(ss, rel=1e-3)
    assert plan.reorder_point == pytest.approx(4 * 12 + ss, rel=1e-3)
    assert plan.order_up_to == pytest.approx(4 * 12 + ss + 4 * 7, rel=1e-3)
    raw = plan.order_up_to - 25
    assert plan.raw_qty == pytest.approx(raw)
    assert plan.decision == fc.DECISION_ORDER
    assert plan.suggested_qty % 12 == 0 and plan.suggested_qty >= 50 and plan.suggested_qty - 12 < max(raw, 50)
    e = plan.explanation
    for key in ("method", "history_days", "alpha", "beta", "gamma", "phi", "forecast_daily", "sigma", "z",
                "service_level", "lead_time_days", "review_days", "safety_stock", "reorder_point", "order_up_to",
                "available", "in_transit", "on_order", "position", "raw_qty", "moq", "after_moq", "pack_size",
                "after_pack", "suggested_qty", "decision"):
        assert key in e, key
    assert e["z"] == pytest.approx(1.645, abs=0.001) and e["lead_time_days"] == 12 and e["review_days"] == 7
    assert e["after_pack"] == float(plan.suggested_qty) and e["position"] == 25
    assert plan.below_safety_stock is (ss > 20)


def test_no_order_above_the_reorder_point_and_overrides():
    terms = fc.SupplyTerms(10, Decimal(1), Decimal(1))
    enough = fc.plan_replenishment(3.0, 1.0, fc.PlanningParameters(), terms, fc.StockPosition(100, 100))
    assert enough.decision == fc.DECISION_ENOUGH and enough.suggested_qty == 0
    own = fc.plan_replenishment(3.0, 1.0, fc.PlanningParameters(safety_stock_set=80), terms,
                                fc.StockPosition(100, 100))
    assert own.safety_stock == 80 and own.safety_stock_computed < 10
    assert own.reorder_point == pytest.approx(110) and own.decision == fc.DECISION_ORDER
    capped = fc.plan_replenishment(3.0, 1.0, fc.PlanningParameters(safety_stock_set=80, max_stock_set=120), terms,
                                   fc.StockPosition(100, 100))
    assert capped.order_up_to == 120 and capped.suggested_qty == 20 and capped.explanation["capped_by_max"]
    idle = fc.plan_replenishment(0.0, 0.0, fc.PlanningParameters(), terms, fc.StockPosition(0, 0))
    assert idle.decision == fc.DECISION_NO_DEMAND and idle.suggested_qty == 0


# ---------------------------------------------------------------------------------------------
# Slow movers and overstock
# ---------------------------------------------------------------------------------------------

TODAY = dt.date(2026, 3, 1)


def assess(**kw):
    args = {"on_hand": 100.0, "available": 100.0, "forecast_daily": 1.0, "shipped_365": 365.0,
            "avg_on_hand": 40.0, "last_sale": TODAY - dt.timedelta(days=1), "today": TODAY,
            "unit_cost": Decimal("12.50")}
    args.update(kw)
    return fc.assess_stock(**args)


def test_healthy_stock_is_not_flagged():
    a = assess(on_hand=60.0, available=60.0)
    assert a.category is None and a.action is None
    assert a.days_of_cover == 60 and a.turnover == pytest.approx(9.125) and a.value == Decimal("750.00")


def test_dead_stock_is_promoted_or_sent_where_it_sells():
    dead = assess(forecast_daily=0.0, shipped_365=0.0, last_sale=TODAY - dt.timedelta(days=200))
    assert dead.category == fc.CLASS_DEAD and dead.action == fc.ACTION_PROMOTE and dead.days_since_sale == 200
    never = assess(forecast_daily=0.0, shipped_365=0.0, last_sale=None)
    assert never.category == fc.CLASS_DEAD and never.days_of_cover is None
    other = fc.OtherWarehouse(warehouse_id=7, forecast_daily=3.0, available=20.0)
    moved = assess(forecast_daily=0.0, shipped_365=0.0, last_sale=None, best_other=other)
    assert moved.action == fc.ACTION_TRANSFER and moved.transfer_to == 7
    assert moved.transfer_qty == 100            # all of it: the other needs 3 x 60 - 20 = 160
    assert moved.explanation["other_need"] == 160


def test_slow_and_overstock_stop_buying_or_promote():
    slow = assess(forecast_daily=0.5, shipped_365=150, avg_on_hand=120, available=120, on_hand=120)
    assert slow.category == fc.CLASS_SLOW and slow.action == fc.ACTION_STOP_BUYING      # 240 days of cover
    very = assess(forecast_daily=0.2, shipped_365=70, avg_on_hand=120, available=120, on_hand=120)
    assert very.category == fc.CLASS_SLOW and very.action == fc.ACTION_PROMOTE          # 600 days
    over = assess(forecast_daily=1.0, available=120, on_hand=120, avg_on_hand=50)      # 120 days
    assert over.category == fc.CLASS_OVERSTOCK and over.action == fc.ACTION_STOP_BUYING
    assert over.excess_qty == 60 and over.excess_value == Decimal("750.00")
    capped = assess(on_hand=85.0, available=85.0, max_stock_set=80.0)
    assert capped.category == fc.CLASS_OVERSTOCK
    # another warehouse that sells less gets nothing
    weaker = assess(forecast_daily=1.0, available=120, on_hand=120, best_other=fc.OtherWarehouse(3, 0.5, 0))
    assert weaker.action == fc.ACTION_STOP_BUYING and weaker.transfer_to is None


def test_average_on_hand_walks_back_from_today():
    # 10 now, nothing moved today, 3 came in yesterday: end-of-day stock 7, 10, 10
    assert fc.average_on_hand(10, np.array([-5.0, 3.0, 0.0])) == pytest.approx(9.0)
    many = fc.average_on_hand_many(np.array([10.0, 4.0]), np.array([[-5.0, 3.0, 0.0], [0.0, 0.0, 4.0]]),
                                   np.array([0, 2]))
    assert many == pytest.approx([9.0, 4.0])            # the second exists only since today
