"""How a figure came about, in words and numbers, from the explanation the service stored with it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from erp_desktop.services.replenishment import SlowMover, Suggestion
from erp_desktop.ui.docks.replenishment.models import action_label, category_label, fmt_num, fmt_qty
from erp_desktop.ui.widgets.money import format_money

translate = QCoreApplication.translate     # lupdate finds translate("Explain", "...")


class _Plain(str):
    """A value put in as it is, not in bold."""


def _fill(template: str, *values: object) -> str:
    """The template with %1, %2 ... replaced by the values, escaped, numbers in bold."""
    out = template
    for i, v in reversed(list(enumerate(values, start=1))):     # %10 before %1
        text = html.escape(str(v))
        out = out.replace(f"%{i}", text if isinstance(v, _Plain) else f"<b>{text}</b>")
    return out


def _q(x: Any, places: int = 2) -> str:
    return fmt_qty(x, places) if x is not None else "–"


def _weekdays() -> list[str]:
    loc = QLocale()
    return [loc.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]


def suggestion_html(s: Suggestion) -> str:
    e = s.explanation or {}
    lines: list[tuple[str, str]] = []

    def add(label: str, text: str) -> None:
        lines.append((label, text))

    method = e.get("method")
    fcd = _q(e.get("forecast_daily"))
    days = e.get("history_days", 0)
    forecast = translate("Explain", "Forecast")
    if method == "holt_winters":
        add(forecast, _fill(translate(
            "Explain", "%1 a day: exponential smoothing with trend and weekly pattern (Holt-Winters) over %2 days "
            "of sales; level weight α %3, trend weight β %4, weekly weight γ %5, trend damping φ %6."),
            fcd, days, e.get("alpha"), e.get("beta"), e.get("gamma"), e.get("phi")))
        nxt = e.get("next_days") or []
        if nxt:
            names = _weekdays()
            start = _today_weekday()              # the history ends yesterday: the forecast starts today
            parts = [f"{names[(start + i) % 7]} {_q(v, 1)}" for i, v in enumerate(nxt)]
            add(translate("Explain", "Next 7 days"), html.escape(" · ".join(parts)))
    elif method == "average":
        add(forecast, _fill(translate(
            "Explain", "%1 a day: the average of the last 90 days. It sells on few days, so no trend or weekly "
            "pattern is fitted."), fcd))
    elif method == "short_history":
        add(forecast, _fill(translate(
            "Explain", "%1 a day: the average of the %2 days since it was first stocked (too short for a pattern)."),
            fcd, days))
    else:
        add(forecast, _fill(translate("Explain", "none: nothing was shipped in the last %1 days."), days or 365))
    if e.get("promo_days") or e.get("spikes_damped"):
        add(translate("Explain", "Spikes"), _fill(translate(
            "Explain", "%1 promotion days left out (618, Double 11, Double 12); %2 other spikes capped."),
            e.get("promo_days", 0), e.get("spikes_damped", 0)))
    if method == "holt_winters":
        sigma_note = translate("Explain", "the typical one-day forecast error of the last 90 days")
    else:
        sigma_note = translate("Explain", "the standard deviation of daily sales")
    add(translate("Explain", "Variability"),
        _fill(translate("Explain", "σ %1 a day: %2."), _q(e.get("sigma")), _Plain(sigma_note)))
    lead, review = e.get("lead_time_days"), e.get("review_days")
    safety = translate("Explain", "Safety stock")
    if e.get("safety_stock_set") is not None:
        add(safety, _fill(translate("Explain", "%1, set by hand (computed: %2)."),
                          _q(e.get("safety_stock_set"), 1), _q(e.get("safety_stock_computed"), 1)))
    else:
        level = QLocale().toString(float(e.get("service_level", 0)) * 100, "f", 1) + "%"
        add(safety, _fill(translate(
            "Explain", "z %1 (service level %2) × σ %3 × √(lead time %4 + review %5 days) = %6."),
            _q(e.get("z")), level, _q(e.get("sigma")), lead, review, _q(e.get("safety_stock"), 1)))
    add(translate("Explain", "Reorder point"), _fill(translate(
        "Explain", "forecast %1 × lead time %2 days + safety stock %3 = %4."),
        fcd, lead, _q(e.get("safety_stock"), 1), _q(e.get("reorder_point"), 1)))
    up_to = _fill(translate("Explain", "reorder point %1 + forecast %2 × review %3 days = %4."),
                  _q(e.get("reorder_point"), 1), fcd, review, _q(e.get("order_up_to"), 1))
    if e.get("capped_by_max"):
        up_to += " " + _fill(translate("Explain", "Capped at the maximum stock %1."), _q(e.get("max_stock_set"), 1))
    add(translate("Explain", "Order up to"), up_to)
    add(translate("Explain", "Stock position"), _fill(translate(
        "Explain", "available %1 + on order %2 + in transit %3 = %4."),
        _q(e.get("available")), _q(e.get("on_order")), _q(e.get("in_transit")), _q(e.get("position"))))
    decision = e.get("decision")
    if decision == "order":
        text = _fill(translate(
            "Explain", "%1 − %2 = %3 needed; raised to the minimum order %4: %5; rounded up to whole packs of %6: "
            "buy %7."),
            _q(e.get("order_up_to"), 1), _q(e.get("position")), _q(e.get("raw_qty"), 1), _q(e.get("moq")),
            _q(e.get("after_moq"), 1), _q(e.get("pack_size")), _q(e.get("after_pack")))
    elif decision == "above_reorder_point":
        text = translate("Explain", "The stock position is above the reorder point: nothing to buy now.")
    elif decision == "at_max_stock":
        text = translate("Explain", "The stock is at its maximum: nothing to buy.")
    else:
        text = translate("Explain", "No demand and no safety stock: nothing to buy.")
    add(translate("Explain", "Decision"), text)
    supplier_label = translate("Explain", "Supplier")
    if s.supplier_code:
        source = {"supplier_sku": translate("Explain", "the supplier's terms for this SKU"),
                  "supplier": translate("Explain", "the supplier's usual lead time")}.get(e.get("lead_time_source"), "")
        supplier = _fill(translate("Explain", "%1 %2, lead time %3 days (%4)."), s.supplier_code,
                         _Plain(s.supplier_name or ""), lead, _Plain(source))
        if s.order_value is not None and s.suggested_qty:
            supplier += " " + _fill(translate("Explain", "%1 × %2 = %3."), fmt_qty(s.suggested_qty),
                                    format_money(s.unit_cost), format_money(s.order_value))
        add(supplier_label, supplier)
    else:
        add(supplier_label, translate("Explain", "No supplier for this SKU yet: a lead time of 7 days is assumed."))
    if e.get("avg_on_hand") is not None:
        add(translate("Explain", "Stock health"), _fill(translate(
            "Explain", "average stock over the year %1, turnover %2 a year, %3 days of cover."),
            _q(e.get("avg_on_hand"), 1), fmt_num(e.get("turnover"), 1) or "–",
            fmt_num(e.get("days_of_cover"), 0) or "∞"))
    title = _fill(translate("Explain", "%1 %2 in %3"), s.sku_code, _Plain(s.sku_name), s.warehouse_code)
    return _table(title, lines)


def _today_weekday() -> int:
    return dt.date.today().weekday()


def slow_mover_html(m: SlowMover) -> str:
    e = m.explanation or {}
    lines: list[tuple[str, str]] = []
    cover = fmt_num(m.days_of_cover, 0) if m.days_of_cover is not None else "∞"
    if m.category == "dead":
        if m.days_since_sale is None:
            text = translate("Explain", "no sale in the last 365 days.")
        else:
            text = _fill(translate("Explain", "no sale for %1 days (from %2 days on, stock counts as dead)."),
                         m.days_since_sale, e.get("dead_days", 180))
    elif m.category == "slow":
        text = _fill(translate(
            "Explain", "turnover %1 a year (slow below %2) and %3 days of cover (slow above %4)."),
            fmt_num(m.turnover, 1) or "–", fmt_num(e.get("slow_turnover"), 1), cover,
            fmt_num(e.get("slow_cover_days"), 0))
    else:
        text = _fill(translate("Explain", "%1 days of cover, above %2."), cover,
                     fmt_num(e.get("overstock_cover_days"), 0))
    lines.append((category_label(m.category), text))
    lines.append((translate("Explain", "Value tied up"), _fill(translate(
        "Explain", "on hand %1 × cost %2 = %3; %4 of it (%5) above %6 days of demand."),
        fmt_qty(m.on_hand), format_money(m.unit_cost), format_money(m.value), fmt_qty(m.excess_qty, 0),
        format_money(m.excess_value), fmt_num(e.get("target_cover_days"), 0))))
    lines.append((translate("Explain", "Demand"), _fill(translate(
        "Explain", "forecast %1 a day; shipped %2 in a year with %3 on hand on average."),
        _q(m.forecast_daily), _q(e.get("shipped_365"), 0), _q(e.get("avg_on_hand"), 1))))
    if m.action == "transfer":
        text = _fill(translate(
            "Explain", "transfer %1 to %2: it sells %3 a day there, which has %4 and needs %5 for %6 days."),
            fmt_qty(m.transfer_qty), m.transfer_to_code or "", _q(e.get("other_forecast_daily")),
            _q(e.get("other_available"), 0), _q(e.get("other_need"), 0), fmt_num(e.get("target_cover_days"), 0))
    elif m.action == "promote":
        text = translate("Explain", "promote it (a discount, a kit, a live stream) to free the money tied up; "
                                    "buy no more.")
    else:
        text = _fill(translate("Explain", "buy no more until it has sold down to %1 days of cover."),
                     fmt_num(e.get("target_cover_days"), 0))
    lines.append((action_label(m.action), text))
    title = _fill(translate("Explain", "%1 %2 in %3"), m.sku_code, _Plain(m.sku_name), m.warehouse_code)
    return _table(title, lines)


def _table(title: str, lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td style='padding:2px 10px 2px 0; color:#555; white-space:nowrap' valign='top'>"
                   f"{html.escape(label)}</td><td style='padding:2px 0'>{text}</td></tr>" for label, text in lines)
    return f"<p style='margin:0 0 4px 0'>{title}</p><table cellspacing='0'>{rows}</table>"
