"""Routing without a database: routing rules, warehouse plans (single, split, short), carrier costs
by Chinese rate cards, round-robin handlers, merge keys, dry runs, and the speed the order pipeline
relies on."""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal as D

import pytest

from erp_desktop.domain.errors import ValidationError
from erp_desktop.domain.routing import (
    CarrierOption,
    ProvinceRate,
    WarehouseOption,
    billable_weight,
    choose_carrier,
    choose_warehouses,
    dry_run,
    merge_key,
    next_in_team,
    route,
    shipping_cost,
)
from erp_desktop.domain.rules import Condition, OrderFacts, RuleSpec, review

CST = dt.timezone(dt.timedelta(hours=8))


def routing_rule(rule_id: int, priority: int, kind: str, action: str, params: dict, *conditions: Condition) -> RuleSpec:
    return RuleSpec(rule_id, f"{kind} {rule_id}", priority, "all", conditions, action, params, kind=kind)


# ---------------------------------------------------------------------------------------------
# Routing rules
# ---------------------------------------------------------------------------------------------

def test_route_takes_the_first_matching_rule_of_each_kind():
    south = Condition("region", "eq", "华南")
    heavy = Condition("weight_kg", "gt", "20")
    rules = [
        routing_rule(1, 10, "warehouse", "use_warehouse", {"warehouse_id": 7}, south),
        routing_rule(2, 20, "warehouse", "prefer_warehouses", {"warehouse_ids": [3, 1]}),
        routing_rule(3, 10, "carrier", "use_carrier", {"carrier_id": 9, "service": "重货"}, heavy),
        routing_rule(4, 10, "assign", "assign_team", {"team": "客服A", "members": ["li", "wang"]},
                     Condition("shop", "eq", "TB01")),
        routing_rule(5, 20, "assign", "assign_user", {"user": "zhao"}),
        RuleSpec(6, "review", 1, "all", (), "approve", {}),
    ]
    south_heavy = route(rules, OrderFacts(province="广东省", weight_kg=D("25"), shop="tb01"))
    assert south_heavy.warehouse.rule_id == 1 and south_heavy.only_warehouses == {7}
    assert south_heavy.prefer_warehouses == (7,)
    assert (south_heavy.carrier_id, south_heavy.service) == (9, "重货")
    assert south_heavy.team_members == ("li", "wang") and south_heavy.user is None
    north_light = route(rules, OrderFacts(province="北京", weight_kg=D("1"), shop="JD01"))
    assert north_light.warehouse.rule_id == 2 and north_light.only_warehouses is None
    assert north_light.prefer_warehouses == (3, 1)
    assert north_light.carrier is None and north_light.carrier_id is None
    assert north_light.user == "zhao" and north_light.team_members == ()
    stored = north_light.to_json()
    assert stored["carrier"] is None and stored["assign"]["params"] == {"user": "zhao"}


# ---------------------------------------------------------------------------------------------
# Warehouses
# ---------------------------------------------------------------------------------------------

def wh(wid: int, priority: int, stock: dict[int, str], provinces: str = "", categories: str = "") -> WarehouseOption:
    return WarehouseOption(wid, f"W{wid}", priority, frozenset(provinces.split()), frozenset(categories.split()),
                           {sku: D(q) for sku, q in stock.items()})


def test_one_local_warehouse_by_priority_when_it_can_fill_everything():
    lines = {1: D(2), 2: D(1)}
    shanghai = wh(10, 5, {1: "5", 2: "5"}, "上海 江苏 浙江")
    guangzhou = wh(20, 1, {1: "5", 2: "5"}, "广东")
    hangzhou = wh(30, 2, {1: "5", 2: "5"}, "浙江省")
    plan = choose_warehouses(lines, "浙江省", [shanghai, guangzhou, hangzhou])
    assert [p.warehouse_id for p in plan.parts] == [30] and plan.reason == "single_local"
    assert plan.parts[0].lines == {1: D(2), 2: D(1)} and not plan.short and not plan.is_split
    # the local ones cannot fill it: a single warehouse elsewhere rather than a split
    plan = choose_warehouses({1: D(8)}, "浙江", [shanghai, hangzhou, wh(20, 1, {1: "9"}, "广东")])
    assert [p.warehouse_id for p in plan.parts] == [20] and plan.reason == "single_other"
    # a warehouse without provinces serves everywhere
    plan = choose_warehouses(lines, "新疆", [shanghai, wh(40, 9, {1: "2", 2: "1"})])
    assert plan.parts[0].warehouse_id == 40 and plan.reason == "single_local"


def test_rule_preferences_and_use_warehouse():
    lines = {1: D(1)}
    options = [wh(1, 1, {1: "5"}, "浙江"), wh(2, 2, {1: "5"}), wh(3, 3, {1: "5"}, "广东")]
    plan = choose_warehouses(lines, "浙江", options, prefer=[3, 2])
    assert plan.parts[0].warehouse_id == 3 and plan.reason == "single_preferred"
    plan = choose_warehouses(lines, "浙江", [wh(1, 1, {1: "5"}), wh(3, 3, {1: "0"})], prefer=[3])
    assert plan.parts[0].warehouse_id == 1                  # the preferred one has none: the next best
    plan = choose_warehouses({1: D(9)}, "浙江", options, only={2})
    assert plan.parts == () and plan.short == {1: D(9)} and plan.waits_for_stock


def test_split_across_as_few_warehouses_as_possible():
    lines = {1: D(1), 2: D(1), 3: D(1), 4: D(1)}
    options = [
        wh(1, 1, {1: "1"}),                         # best priority, but one line only
        wh(2, 5, {1: "1", 2: "1", 3: "1"}),         # most lines
        wh(3, 3, {4: "1", 1: "1"}),
        wh(4, 2, {4: "1"}),
    ]
    plan = choose_warehouses(lines, "浙江", options)
    assert plan.reason == "split" and plan.is_split and not plan.short
    assert [(p.warehouse_id, p.lines) for p in plan.parts] == [
        (2, {1: D(1), 2: D(1), 3: D(1)}),
        (4, {4: D(1)}),                             # 3 and 4 both cover the last line: priority decides
    ]


def test_a_line_is_split_only_when_no_warehouse_holds_it_whole():
    options = [wh(1, 1, {1: "7"}), wh(2, 2, {1: "6"}), wh(3, 3, {1: "4", 2: "5"})]
    plan = choose_warehouses({1: D(10)}, "浙江", options)
    assert [(p.warehouse_id, p.lines) for p in plan.parts] == [(1, {1: D(7)}), (2, {1: D(3)})]   # largest first
    # a warehouse already shipping another line is used first, so fewer parcels go out
    plan = choose_warehouses({1: D(10), 2: D(5)}, "浙江", options)
    assert [(p.warehouse_id, p.lines) for p in plan.parts] == [(3, {1: D(4), 2: D(5)}), (1, {1: D(6)})]
    assert plan.reason == "split"


def test_lines_nobody_can_fill_are_short_and_the_order_waits():
    options = [wh(1, 1, {1: "2", 2: "1"}), wh(2, 2, {2: "1", 3: "1"})]
    plan = choose_warehouses({1: D(2), 2: D(5), 3: D(1)}, "浙江", options)
    assert plan.short == {2: D(5)} and plan.reason == "short" and plan.waits_for_stock
    assert [(p.warehouse_id, p.lines) for p in plan.parts] == [(1, {1: D(2)}), (2, {3: D(1)})]
    assert choose_warehouses({}, "浙江", options).reason == "no_lines"


def test_product_types_go_only_to_warehouses_that_take_them():
    lines = {1: D(1), 2: D(1)}
    cold = wh(1, 1, {1: "5", 2: "5"}, categories="frozen")
    dry = wh(2, 2, {1: "5", 2: "5"}, categories="snacks toys")
    plan = choose_warehouses(lines, "浙江", [cold, dry], line_categories={1: "frozen", 2: "toys"})
    assert [(p.warehouse_id, p.lines) for p in plan.parts] == [(1, {1: D(1)}), (2, {2: D(1)})]


def test_the_plan_does_not_depend_on_input_order():
    rng = random.Random(7)
    options = [wh(i, rng.randint(1, 3), {s: str(rng.randint(0, 4)) for s in range(1, 9)},
                  rng.choice(["浙江", "广东", ""])) for i in range(1, 13)]
    lines = {s: D(rng.randint(1, 5)) for s in range(1, 9)}
    first = choose_warehouses(lines, "浙江", options)
    for _ in range(5):
        rng.shuffle(options)
        assert choose_warehouses(dict(reversed(list(lines.items()))), "浙江", options) == first


# ---------------------------------------------------------------------------------------------
# Carriers
# ---------------------------------------------------------------------------------------------

YTO = CarrierOption(1, "标准快递", first_weight_kg=D(1), first_fee=D(5), extra_fee_per_kg=D(2),
                    weight_step_kg=D("0.5"), excluded_provinces=frozenset({"西藏"}),
                    rates_by_province={"新疆维吾尔自治区": ProvinceRate(D(15), D(10))},
                    extra_fee_by_province={"海南省": D(3)}, max_weight_kg=D(30))
SF = CarrierOption(2, "顺丰标快", first_weight_kg=D(1), first_fee=D(12), extra_fee_per_kg=D(2),
                   min_amount=D(200))
EMS = CarrierOption(3, "EMS", first_fee=D(8), extra_fee_per_kg=D(4))


def test_weight_is_rounded_up_to_the_carriers_step():
    assert billable_weight(D("1.2"), D("0.5")) == D("1.5")
    assert billable_weight(D("1.5"), D("0.5")) == D("1.5")
    assert billable_weight(D("1.01"), D(1)) == D(2)
    assert billable_weight(D(0), D(1)) == D(0)
    assert shipping_cost(YTO, "浙江", D("0.3")) == D("5.00")          # first weight only
    assert shipping_cost(YTO, "浙江", D("1.2")) == D("6.00")          # 1.5 kg: 5 + 0.5 * 2
    assert shipping_cost(EMS, "浙江", D("1.2")) == D("12.00")         # by the kilo: 2 kg, 8 + 1 * 4
    assert shipping_cost(YTO, "新疆", D("2.1")) == D("30.00")         # Xinjiang's own rate: 15 + 1.5 * 10
    assert shipping_cost(YTO, "海南", D("1")) == D("8.00")            # remote-area surcharge


def test_cheapest_eligible_carrier_with_reasons_for_the_others():
    choice = choose_carrier([SF, EMS, YTO], "浙江省", D("1.2"), D(300))
    assert (choice.carrier_id, choice.service, choice.estimated_cost, choice.reason) == (1, "标准快递", D("6.00"),
                                                                                          "cheapest")
    assert {q.carrier_id: q.cost for q in choice.quotes} == {1: D("6.00"), 2: D("14.00"), 3: D("12.00")}
    assert choose_carrier([SF, EMS, YTO], "西藏", D(1), D(300)).carrier_id == 3        # YTO excludes Tibet
    cheap = choose_carrier([SF, EMS], "浙江", D(1), D(50))
    assert cheap.carrier_id == 3 and {q.carrier_id: q.excluded for q in cheap.quotes}[2] == "amount_low"
    heavy = choose_carrier([YTO], "浙江", D(31), D(50))
    assert (heavy.carrier_id, heavy.estimated_cost, heavy.reason) == (None, None, "none_eligible")
    assert heavy.quotes[0].excluded == "weight"
    local = CarrierOption(4, "同城", provinces=frozenset({"上海"}), first_fee=D(1))
    assert choose_carrier([local, EMS], "浙江", D(1), D(5)).carrier_id == 3
    assert choose_carrier([], "浙江", D(1), D(5)).reason == "no_options"
    # no rate cards kept at all: a rule's carrier is taken as it says, its cost unknown
    ruled = choose_carrier([], "浙江", D(1), D(5), carrier_id=7, service="标快")
    assert (ruled.carrier_id, ruled.service, ruled.estimated_cost, ruled.reason) == (7, "标快", None, "rule")


def test_ties_go_to_the_lower_carrier_id_and_rules_limit_the_choice():
    twin = CarrierOption(5, "标准快递", first_fee=D(5), extra_fee_per_kg=D(2), weight_step_kg=D("0.5"))
    assert choose_carrier([twin, YTO], "浙江", D(1), D(10)).carrier_id == 1
    forced = choose_carrier([SF, EMS, YTO], "浙江", D(1), D(300), carrier_id=2)
    assert (forced.carrier_id, forced.reason) == (2, "rule")
    refused = choose_carrier([SF, EMS, YTO], "浙江", D(1), D(50), carrier_id=2)
    assert (refused.carrier_id, refused.reason) == (None, "rule_carrier_ineligible")
    assert choose_carrier([SF, EMS], "浙江", D(1), D(300), carrier_id=2, service="顺丰特快").carrier_id is None


# ---------------------------------------------------------------------------------------------
# Handlers, merging
# ---------------------------------------------------------------------------------------------

def test_round_robin_inside_a_team():
    team = ("li", "wang", "zhao")
    assert next_in_team(team, None) == "li"
    assert next_in_team(team, "li") == "wang"
    assert next_in_team(team, "zhao") == "li"
    assert next_in_team(team, "left_the_company") == "li"
    who, turns = None, []
    for _ in range(5):
        who = next_in_team(team, who)
        turns.append(who)
    assert turns == ["li", "wang", "zhao", "li", "wang"]
    with pytest.raises(ValueError):
        next_in_team((), None)


def test_merge_key_ignores_spacing_punctuation_width_and_case():
    a = merge_key("TB01", "buyer_小王", "王小明", "13812345678", "浙江省杭州市西湖区 文三路 100号, 3-201")
    b = merge_key("tb01", "Buyer_小王 ", "王 小明", "138-1234-5678", "浙江省杭州市西湖区文三路１００号 3-201")
    assert a == b and a.startswith("m1:")
    assert "13812345678" not in a
    assert merge_key("TB02", "buyer_小王", "王小明", "13812345678", "浙江省杭州市西湖区 文三路 100号, 3-201") != a
    assert merge_key("TB01", "buyer_小王", "王小明", "13812345678", "浙江省杭州市西湖区 文三路 101号, 3-201") != a


# ---------------------------------------------------------------------------------------------
# Dry runs
# ---------------------------------------------------------------------------------------------

def past_orders() -> list[OrderFacts]:
    return [OrderFacts(order_id=i, amount=D(100 * i), buyer_message="要发票" if i % 3 == 0 else "")
            for i in range(1, 11)]


def test_dry_run_counts_what_a_rule_would_have_done():
    big = RuleSpec(None, "大额人工审", 5, "all", (Condition("amount", "ge", "500"),), "hold", {"reason": "big"})
    alone = dry_run(big, past_orders(), sample_size=3)
    assert (alone.total, alone.matched, alone.fired) == (10, 6, 6)
    assert alone.sample_order_ids == (5, 6, 7)
    assert alone.by_action == {"hold": 10}         # the rest would be held too, by no rule at all

    current = [
        RuleSpec(1, "发票单", 1, "all", (Condition("buyer_message", "contains_any", ["发票"]),), "hold",
                 {"reason": "invoice"}),
        RuleSpec(2, "全部通过", 99, "all", (), "approve", {}),
    ]
    among = dry_run(big, past_orders(), rules=current)
    assert (among.matched, among.fired) == (6, 4)          # orders 6 and 9 are taken by the invoice rule first
    assert among.sample_order_ids == (5, 7, 8, 10)
    assert among.changed == 4 and among.by_action == {"hold": 7, "approve": 3}
    # an edited version of rule 2 replaces it rather than running beside it
    edited = RuleSpec(2, "全部通过", 99, "all", (Condition("amount", "lt", "300"),), "approve", {})
    result = dry_run(edited, past_orders(), rules=current)
    assert (result.fired, result.changed) == (2, 5)        # 4, 5, 7, 8, 10 now fall through to no_rule
    assert result.by_action == {"approve": 2, "hold": 8}


def test_dry_run_of_routing_rules_and_of_a_broken_rule():
    wh_rule = RuleSpec(None, "south", 1, "all", (Condition("amount", "gt", "800"),), "use_warehouse",
                       {"warehouse_id": 3}, kind="warehouse")
    result = dry_run(wh_rule, past_orders())
    assert result.by_action == {"use_warehouse": 2, "none": 8} and result.changed == 2
    with pytest.raises(ValidationError):
        dry_run(RuleSpec(None, "", 1, "all", (), "hold", {}), past_orders())


# ---------------------------------------------------------------------------------------------
# Speed: every imported order is reviewed and routed
# ---------------------------------------------------------------------------------------------

def twenty_rules() -> list[RuleSpec]:
    review_rules = [
        RuleSpec(i, f"r{i}", i, "all", (
            Condition("shop", "in", [f"S{i}", f"T{i}"]),
            Condition("amount", "between", [str(i), str(1000 + i)]),
            Condition("address", "contains_any", [f"关键词{i}", "学校"]),
        ), "hold", {"reason": f"r{i}"}) for i in range(1, 15)
    ]
    review_rules.append(RuleSpec(15, "catch-all", 100, "all", (Condition("phone_blacklisted", "is_false"),
                                                                 Condition("paid_at", "hour_between", [8, 22])),
                                 "approve", {}))
    routing_rules = [
        routing_rule(16, 1, "warehouse", "use_warehouse", {"warehouse_id": 1}, Condition("region", "eq", "西北")),
        routing_rule(17, 2, "warehouse", "prefer_warehouses", {"warehouse_ids": [2, 1]}),
        routing_rule(18, 1, "carrier", "use_carrier", {"carrier_id": 4}, Condition("weight_kg", "gt", "20")),
        routing_rule(19, 1, "assign", "assign_user", {"user": "li"}, Condition("skus", "any_in", ["VIP1"])),
        routing_rule(20, 2, "assign", "assign_team", {"members": ["a", "b"]}, Condition("tags", "not_empty")),
    ]
    return review_rules + routing_rules


def test_review_and_route_of_one_order_with_20_rules_is_well_under_100_microseconds():
    rules = twenty_rules()
    facts = OrderFacts(order_id=1, shop="TB01", amount=D("199.00"), province="浙江省", address="浙江省杭州市 某小区",
                       paid_at=dt.datetime(2025, 3, 1, 10, tzinfo=CST), skus=("A", "B"), weight_kg=D("1.2"))
    decision, routing = review(rules, facts), route(rules, facts)
    assert (decision.rule_id, routing.warehouse.rule_id, routing.carrier, routing.assign) == (15, 17, None, None)
    rounds = 1000
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            review(rules, facts)
            route(rules, facts)
        best = min(best, (time.perf_counter() - start) / rounds)
    print(f"review + route, 20 rules: {best * 1e6:.1f} µs per order")
    assert best < 100e-6
