"""Routing (分仓 / 选快递 / 分配) in pure Python: which routing rules fire for an order, which
warehouse(s) ship it, which carrier and service carry it, who handles it, the key that finds
orders to merge (合单), and dry runs of any rule (review or routing) over many orders.

The services pass the numbers in (stock available per warehouse, rate cards, the last handler of
a team) and store what comes out; nothing here reads a database. Every choice is deterministic, so
re-applying the rules to open orders gives the same answer for the same data, and each carries a
reason code for the order's timeline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from erp_desktop.domain.errors import ValidationError
from erp_desktop.domain.rules import (
    ASSIGN,
    ASSIGN_TEAM,
    ASSIGN_USER,
    CARRIER,
    HOLD,
    NO_RULE,
    REVIEW,
    USE_WAREHOUSE,
    WAREHOUSE,
    Decision,
    OrderFacts,
    RuleSpec,
    first_match,
    json_value,
    norm_text,
    ordered_rules,
    province_key,
    rule_order,
    validate_rule,
)

ZERO = Decimal(0)
CENT = Decimal("0.01")

# ---------------------------------------------------------------------------------------------
# Routing rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoutingDecision:
    """The first matching rule of each routing kind (None: no rule, the defaults apply)."""

    warehouse: Decision | None = None
    carrier: Decision | None = None
    assign: Decision | None = None

    @property
    def prefer_warehouses(self) -> tuple[int, ...]:
        """Warehouse ids to try first, in order (from use_warehouse or prefer_warehouses)."""
        hit = self.warehouse
        if hit is None:
            return ()
        if hit.action == USE_WAREHOUSE:
            return (hit.params["warehouse_id"],)
        return tuple(hit.params.get("warehouse_ids", ()))

    @property
    def only_warehouses(self) -> frozenset[int] | None:
        """use_warehouse ships from that warehouse alone (or the order waits for its stock)."""
        hit = self.warehouse
        return frozenset({hit.params["warehouse_id"]}) if hit and hit.action == USE_WAREHOUSE else None

    @property
    def carrier_id(self) -> int | None:
        return self.carrier.params.get("carrier_id") if self.carrier else None

    @property
    def service(self) -> str | None:
        return (self.carrier.params.get("service") or None) if self.carrier else None

    @property
    def user(self) -> str | None:
        return self.assign.params.get("user") if self.assign and self.assign.action == ASSIGN_USER else None

    @property
    def team_members(self) -> tuple[str, ...]:
        hit = self.assign
        return tuple(hit.params.get("members", ())) if hit and hit.action == ASSIGN_TEAM else ()

    def to_json(self) -> dict[str, Any]:
        return {kind: (hit.to_json() if hit else None)
                for kind, hit in ((WAREHOUSE, self.warehouse), (CARRIER, self.carrier), (ASSIGN, self.assign))}


def route(rules: Iterable[RuleSpec], facts: OrderFacts) -> RoutingDecision:
    """For each routing kind, the first rule (priority, then id) whose conditions match the order."""
    rules = list(rules)
    hits = [first_match(ordered_rules(rules, kind), facts) for kind in (WAREHOUSE, CARRIER, ASSIGN)]
    return RoutingDecision(*(Decision.of(rule, facts) if rule else None for rule in hits))


# ---------------------------------------------------------------------------------------------
# Warehouses
# ---------------------------------------------------------------------------------------------

SINGLE_PREFERRED = "single_preferred"   # one warehouse a rule named
SINGLE_LOCAL = "single_local"           # one warehouse serving the province
SINGLE_OTHER = "single_other"           # one warehouse, though it does not serve the province
SPLIT = "split"                         # several warehouses, every line filled
SHORT = "short"                         # some lines cannot be filled anywhere: the order waits for stock
NO_LINES = "no_lines"


@dataclass(frozen=True)
class WarehouseOption:
    """A warehouse that may ship the order. Lower priority is tried first; empty provinces or
    categories mean it serves everywhere / takes every product type."""

    id: int
    code: str
    priority: int = 100
    provinces: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    available: Mapping[int, Decimal] = field(default_factory=dict, hash=False)   # sku_id -> available to ship

    def serves(self, province: str) -> bool:
        return not self.provinces or province_key(province) in {province_key(p) for p in self.provinces}


class WarehousePart(NamedTuple):
    warehouse_id: int
    lines: dict[int, Decimal]           # sku_id -> quantity shipped from this warehouse


@dataclass(frozen=True)
class WarehousePlan:
    parts: tuple[WarehousePart, ...]
    short: dict[int, Decimal]           # sku_id -> line quantity no warehouse can ship (even split)
    reason: str

    @property
    def is_split(self) -> bool:
        return len(self.parts) > 1

    @property
    def waits_for_stock(self) -> bool:
        return bool(self.short)


def choose_warehouses(lines: Mapping[int, Decimal], province: str, warehouses: Iterable[WarehouseOption], *,
                      prefer: Iterable[int] = (), only: Collection[int] | None = None,
                      line_categories: Mapping[int, str] | None = None) -> WarehousePlan:
    """Where each line ships from.

    In this order: one warehouse that can fill the whole order (rule-preferred first, then those
    serving the province, then by priority and id); else as few warehouses as possible, taking
    each time the one that fills the most remaining lines whole (ties as above); a line no single
    warehouse holds in full is split across warehouses (those already shipping first, then the
    largest stock); a line that not even all warehouses together can fill is `short`.
    `line_categories` (sku_id -> category) matters for warehouses that take only some categories.
    """
    wanted = {sku: qty for sku, qty in sorted(lines.items()) if qty > 0}
    cats = line_categories or {}
    prefer = tuple(prefer)
    rank = {wid: i for i, wid in enumerate(prefer)}
    options = [w for w in warehouses if only is None or w.id in only]
    keys = {w.id: (rank.get(w.id, len(prefer)), not w.serves(province), w.priority, w.id) for w in options}

    def key(w: WarehouseOption) -> tuple[int, bool, int, int]:
        return keys[w.id]

    def takes(w: WarehouseOption, sku: int) -> bool:
        return not w.categories or cats.get(sku) in w.categories

    def holds(w: WarehouseOption, sku: int, qty: Decimal) -> bool:
        return takes(w, sku) and w.available.get(sku, ZERO) >= qty

    options.sort(key=key)
    if not wanted:
        return WarehousePlan((), {}, NO_LINES)
    for w in options:
        if all(holds(w, sku, qty) for sku, qty in wanted.items()):
            first, away = key(w)[:2]
            reason = SINGLE_PREFERRED if first < len(prefer) else SINGLE_OTHER if away else SINGLE_LOCAL
            return WarehousePlan((WarehousePart(w.id, dict(wanted)),), {}, reason)

    remaining = dict(wanted)
    chosen: dict[int, dict[int, Decimal]] = {}
    while remaining:
        best: tuple[int, tuple[int, bool, int, int], WarehouseOption, list[int]] | None = None
        for w in options:
            covered = [sku for sku, qty in remaining.items() if holds(w, sku, qty)]
            if covered and (best is None or (-len(covered), key(w)) < best[:2]):
                best = (-len(covered), key(w), w, covered)
        if best is None:
            break
        chosen[best[2].id] = {sku: remaining.pop(sku) for sku in best[3]}

    short: dict[int, Decimal] = {}
    for sku, qty in remaining.items():       # no warehouse holds the whole line: split it, or it is short
        sources = sorted((w for w in options if takes(w, sku) and w.available.get(sku, ZERO) > 0),
                         key=lambda w: (w.id not in chosen, -w.available.get(sku, ZERO), key(w)))
        if sum((w.available.get(sku, ZERO) for w in sources), ZERO) < qty:
            short[sku] = qty
            continue
        need = qty
        for w in sources:
            take = min(need, w.available.get(sku, ZERO))
            chosen.setdefault(w.id, {})[sku] = take
            need -= take
            if not need:
                break
    parts = tuple(WarehousePart(wid, dict(sorted(part.items()))) for wid, part in chosen.items())
    return WarehousePlan(parts, short, SHORT if short else SPLIT)


# ---------------------------------------------------------------------------------------------
# Carriers
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProvinceRate:
    first_fee: Decimal
    extra_fee_per_kg: Decimal


@dataclass(frozen=True)
class CarrierOption:
    """A carrier's service with its rate card (首重 / 续重): the first `first_weight_kg` cost
    `first_fee`, each further kg `extra_fee_per_kg`, the weight rounded up to `weight_step_kg`
    (1 kg, or 0.5 kg for carriers that charge by the half kilo). Provinces may have their own
    rates and a surcharge (偏远地区附加费). Empty provinces: delivers everywhere."""

    carrier_id: int
    service: str = ""
    provinces: frozenset[str] = frozenset()
    excluded_provinces: frozenset[str] = frozenset()
    max_weight_kg: Decimal | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    first_weight_kg: Decimal = Decimal(1)
    first_fee: Decimal = ZERO
    extra_fee_per_kg: Decimal = ZERO
    weight_step_kg: Decimal = Decimal(1)
    rates_by_province: Mapping[str, ProvinceRate] = field(default_factory=dict, hash=False)
    extra_fee_by_province: Mapping[str, Decimal] = field(default_factory=dict, hash=False)


def billable_weight(weight_kg: Decimal, step_kg: Decimal) -> Decimal:
    """The weight rounded up to the carrier's step: 1.2 kg is 1.5 kg by the half kilo, 2 kg by the kilo."""
    if weight_kg <= 0:
        return ZERO
    return (weight_kg / step_kg).to_integral_value(rounding=ROUND_CEILING) * step_kg


def _by_province(table: Mapping[str, Any], province: str) -> Any:
    home = province_key(province)
    for name, value in table.items():
        if province_key(name) == home:
            return value
    return None


def shipping_cost(option: CarrierOption, province: str, weight_kg: Decimal) -> Decimal:
    rate = _by_province(option.rates_by_province, province)
    first, per_kg = (rate.first_fee, rate.extra_fee_per_kg) if rate else (option.first_fee, option.extra_fee_per_kg)
    extra_kg = max(ZERO, billable_weight(weight_kg, option.weight_step_kg) - option.first_weight_kg)
    surcharge = _by_province(option.extra_fee_by_province, province) or ZERO
    return (first + extra_kg * per_kg + surcharge).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CarrierQuote:
    carrier_id: int
    service: str
    cost: Decimal | None        # None when excluded
    excluded: str = ""          # province, excluded_province, weight, amount_low, amount_high, not_rule_carrier


@dataclass(frozen=True)
class CarrierChoice:
    """The carrier chosen (None when none is eligible), its estimated cost and why; `quotes` lists
    every option with its cost or the reason it was left out, for the timeline and the dialog."""

    carrier_id: int | None
    service: str
    estimated_cost: Decimal | None
    reason: str                 # cheapest, rule, no_options, none_eligible, rule_carrier_ineligible
    quotes: tuple[CarrierQuote, ...] = ()


def _exclusion(option: CarrierOption, province: str, weight_kg: Decimal, amount: Decimal) -> str:
    home = province_key(province)
    if option.provinces and home not in {province_key(p) for p in option.provinces}:
        return "province"
    if home in {province_key(p) for p in option.excluded_provinces}:
        return "excluded_province"
    if option.max_weight_kg is not None and weight_kg > option.max_weight_kg:
        return "weight"
    if option.min_amount is not None and amount < option.min_amount:
        return "amount_low"
    if option.max_amount is not None and amount > option.max_amount:
        return "amount_high"
    return ""


def choose_carrier(options: Iterable[CarrierOption], province: str, weight_kg: Decimal, amount: Decimal, *,
                   carrier_id: int | None = None, service: str | None = None) -> CarrierChoice:
    """The cheapest eligible carrier service, ties by carrier id then service. A routing rule's
    `carrier_id` (and `service`) limits the choice to that carrier; if it cannot take the parcel,
    nothing is chosen (the order goes to a person rather than silently to another carrier)."""
    quotes: list[CarrierQuote] = []
    for option in sorted(options, key=lambda o: (o.carrier_id, o.service)):
        excluded = _exclusion(option, province, weight_kg, amount)
        if not excluded and carrier_id is not None and (
                option.carrier_id != carrier_id or (service and option.service != service)):
            excluded = "not_rule_carrier"
        cost = None if excluded else shipping_cost(option, province, weight_kg)
        quotes.append(CarrierQuote(option.carrier_id, option.service, cost, excluded))
    eligible = [q for q in quotes if q.cost is not None]
    if not quotes and carrier_id is not None:      # no rate cards kept at all: the rule's carrier, cost unknown
        return CarrierChoice(carrier_id, service or "", None, "rule", ())
    if not eligible:
        reason = "no_options" if not quotes else "rule_carrier_ineligible" if carrier_id is not None \
            else "none_eligible"
        return CarrierChoice(None, "", None, reason, tuple(quotes))
    best = min(eligible, key=lambda q: (q.cost, q.carrier_id, q.service))
    return CarrierChoice(best.carrier_id, best.service, best.cost, "rule" if carrier_id is not None else "cheapest",
                         tuple(quotes))


# ---------------------------------------------------------------------------------------------
# Handlers and merging
# ---------------------------------------------------------------------------------------------

def next_in_team(members: tuple[str, ...], last: str | None) -> str:
    """Round-robin: the member after `last`, wrapping; the first if `last` is None or left the team."""
    if not members:
        raise ValueError("a team without members cannot take orders")
    if last not in members:
        return members[0]
    return members[(members.index(last) + 1) % len(members)]


MERGE_KEY_VERSION = "m1"


def _merge_part(text: str) -> str:
    """Letters and digits only, NFKC and case-folded: spaces, punctuation and width do not split a buyer."""
    return "".join(ch for ch in norm_text(text) if ch.isalnum() or ch == "*")


def merge_key(shop: str, buyer: str, receiver_name: str, phone_key: str, address: str) -> str:
    """One text per (shop, buyer, receiver, phone, address), the same however the address was spaced
    or punctuated; a hash, so the indexed column holds no personal data. "m1:" names the scheme."""
    parts = "\x1f".join(_merge_part(p) for p in (shop, buyer, receiver_name, phone_key, address))
    return f"{MERGE_KEY_VERSION}:{hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()}"


# ---------------------------------------------------------------------------------------------
# Dry run
# ---------------------------------------------------------------------------------------------

NO_ACTION = "none"      # a routing kind where no rule matched (the defaults apply)


@dataclass(frozen=True)
class DryRunResult:
    """What a rule would have done to these orders.

    matched: orders whose facts meet its conditions; fired: orders it would decide, given the rules
    tried before it (the same as matched without other rules); changed: orders whose outcome differs
    from what the current rules decide; by_action: the outcomes with the rule in place.
    """

    total: int
    matched: int
    fired: int
    changed: int
    by_action: dict[str, int]
    sample_order_ids: tuple[int, ...]


def _outcome(rule: RuleSpec | None, kind: str) -> tuple[str, str]:
    if rule is None:
        return (HOLD, NO_RULE) if kind == REVIEW else (NO_ACTION, "")
    return rule.action, json.dumps(json_value(rule.params), sort_keys=True)


def dry_run(rule: RuleSpec, facts_list: Iterable[OrderFacts], *, rules: Iterable[RuleSpec] = (),
            sample_size: int = 20) -> DryRunResult:
    """Run `rule` over past (or open) orders among the current `rules` of its kind (it replaces the
    rule with its id); nothing is changed. The sample lists orders it would decide, in the given order."""
    errors = validate_rule(rule)
    if errors:
        raise ValidationError(errors)
    current = ordered_rules(rules, rule.kind)
    trial = [r for r in current if rule.id is None or r.id != rule.id]
    trial.append(rule)                  # tried even while it is disabled: that is what a dry run is for
    trial.sort(key=rule_order)
    total = matched = fired = changed = 0
    by_action: dict[str, int] = {}
    sample: list[int] = []
    for facts in facts_list:
        total += 1
        if rule.matches(facts):
            matched += 1
        decided = first_match(trial, facts)
        if decided is rule:
            fired += 1
            if len(sample) < sample_size:
                sample.append(facts.order_id)
        action, params = _outcome(decided, rule.kind)
        by_action[action] = by_action.get(action, 0) + 1
        if (action, params) != _outcome(first_match(current, facts), rule.kind):
            changed += 1
    return DryRunResult(total, matched, fired, changed, by_action, tuple(sample))
