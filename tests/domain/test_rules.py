"""Review rules without a database: every operator on its kind, priority order, the explanation an
order's timeline shows, the stored JSON and what validation tells the rule dialog."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from erp_desktop.domain.errors import ValidationError
from erp_desktop.domain.rules import (
    FIELDS,
    NO_RULE,
    OPERATORS,
    Condition,
    OrderFacts,
    RuleSpec,
    province_key,
    review,
    validate_rule,
    value_shape,
)

CST = dt.timezone(dt.timedelta(hours=8))


def at(hour: int, minute: int = 0, day: int = 1) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=CST)


def holds(field: str, op: str, value: object, **facts: object) -> bool:
    condition = Condition(field, op, value)
    assert condition.valid, condition._errors
    return condition.matches(OrderFacts(**facts))


def rule(rule_id: int | None, priority: int, *conditions: Condition, action: str = "approve",
         match: str = "all", **params: object) -> RuleSpec:
    return RuleSpec(rule_id, f"rule {rule_id}", priority, match, conditions, action, params)


# ---------------------------------------------------------------------------------------------
# Operators
# ---------------------------------------------------------------------------------------------

def test_text_equality_ignores_case_width_and_surrounding_space():
    assert holds("shop", "eq", "TB01", shop="tb01")
    assert holds("shop", "eq", "ＴＢ０１", shop=" tb01 ")          # full-width as an IME types it
    assert not holds("shop", "eq", "TB01", shop="TB02")
    assert holds("shop", "ne", "TB01", shop="JD01")
    assert not holds("shop", "ne", "tb01", shop="TB01")
    assert holds("platform", "in", ["taobao", "Tmall"], platform="TMALL")
    assert not holds("platform", "in", ["taobao", "tmall"], platform="jd")
    assert holds("platform", "not_in", ["taobao", "tmall"], platform="jd")
    assert holds("city", "starts_with", "Shen", city="shenzhen")
    assert not holds("city", "starts_with", "zhen", city="shenzhen")


def test_keywords_match_chinese_as_written_and_latin_in_any_case():
    address = "广东省 深圳市南山区 科技园 Tower B 18楼"
    assert holds("address", "contains_any", ["学校", "科技园"], address=address)
    assert holds("address", "contains_any", ["tower b"], address=address)
    assert holds("address", "contains_any", ["南山 区"], address=address)      # spaces do not split a word
    assert not holds("address", "contains_any", ["学校", "医院"], address=address)
    assert holds("buyer_message", "not_contains", ["发票", "加急"], buyer_message="请尽快发货")
    assert not holds("buyer_message", "not_contains", ["发票", "加急"], buyer_message="需要开发票")
    assert not holds("buyer_message", "not_contains", ["URGENT"], buyer_message="urgent please")


def test_empty_text_means_blank_as_well():
    assert holds("buyer_message", "empty", None, buyer_message="")
    assert holds("buyer_message", "empty", None, buyer_message="  \n ")
    assert not holds("buyer_message", "empty", None, buyer_message="送礼")
    assert holds("seller_memo", "not_empty", None, seller_memo="换货")
    assert not holds("seller_memo", "not_empty", None, seller_memo=" ")


def test_numbers_compare_exactly_as_decimal_whatever_json_gave():
    assert holds("amount", "eq", "100.10", amount=D("100.1"))
    assert holds("amount", "gt", "100", amount=D("100.01"))
    assert not holds("amount", "gt", 100, amount=D("100.00"))
    assert holds("amount", "ge", 100, amount=D("100.00"))
    assert holds("amount", "lt", " 99.99 ", amount=D("99.98"))
    assert holds("amount", "le", D("99.99"), amount=D("99.99"))
    assert holds("quantity", "ne", 1, quantity=D("2"))
    # 0.1 + 0.2 as floats is 0.30000000000000004; the rule's 0.3 must still equal a paid 0.3
    assert holds("discount", "eq", 0.3, discount=D("0.1") + D("0.2"))
    assert Condition("amount", "eq", 0.1).value == D("0.1")
    assert holds("weight_kg", "between", ["1", "2.5"], weight_kg=D("2.5"))        # both ends included
    assert holds("weight_kg", "between", ["1", "2.5"], weight_kg=D("1"))
    assert not holds("weight_kg", "between", ["1", "2.5"], weight_kg=D("2.501"))
    assert holds("customer_orders", "ge", "3", customer_orders=3)
    assert not holds("paid_hour", "ge", 0)             # unpaid: no hour, no match (not hour 0)
    assert holds("paid_hour", "ge", 22, paid_at=at(23, 30))


def test_bool_fields():
    assert holds("phone_blacklisted", "is_true", None, phone_blacklisted=True)
    assert not holds("phone_blacklisted", "is_true", None)
    assert holds("first_order", "is_false", None, first_order=False)
    assert holds("customer_blacklisted", "is_false", None)


def test_payment_time_before_after_between():
    assert holds("paid_at", "before", "2025-03-01T12:00:00+08:00", paid_at=at(11, 59))
    assert not holds("paid_at", "before", "2025-03-01T12:00:00+08:00", paid_at=at(12))
    assert holds("paid_at", "after", "2025-03-01T12:00:00+08:00", paid_at=at(12))
    # the same moment written in UTC
    assert holds("paid_at", "after", "2025-03-01T04:00:00Z", paid_at=at(12))
    window = ["2025-03-01T00:00:00+08:00", "2025-03-02T00:00:00+08:00"]
    assert holds("paid_at", "between", window, paid_at=at(23, 59))
    assert not holds("paid_at", "between", window, paid_at=at(0, day=2))
    assert not holds("paid_at", "after", "2020-01-01T00:00:00+08:00")          # not paid yet
    assert holds("ordered_at", "before", "2025-03-01T12:00:00+08:00", ordered_at=at(8))


def test_hours_across_midnight():
    night = [22, 6]
    assert not holds("paid_at", "hour_between", night, paid_at=at(21, 59))
    assert holds("paid_at", "hour_between", night, paid_at=at(22, 0))
    assert holds("paid_at", "hour_between", night, paid_at=at(0, 30))
    assert holds("paid_at", "hour_between", night, paid_at=at(5, 59))
    assert not holds("paid_at", "hour_between", night, paid_at=at(6, 0))
    assert holds("paid_at", "hour_between", ["9", "18"], paid_at=at(9))
    assert not holds("paid_at", "hour_between", [9, 18], paid_at=at(18))
    assert holds("paid_at", "hour_between", [18, 24], paid_at=at(23, 59))
    # the hour is the one the datetime carries: 15:00 UTC is 23:00 in Beijing
    assert not holds("paid_at", "hour_between", night, paid_at=dt.datetime(2025, 3, 1, 15, tzinfo=dt.UTC))
    assert holds("paid_at", "hour_between", night, paid_at=dt.datetime(2025, 3, 1, 15, tzinfo=dt.UTC).astimezone(CST))


def test_lists_of_skus_categories_tags():
    skus = ("SKU-1", "sku-2")
    assert holds("skus", "any_in", ["sku-1", "X"], skus=skus)
    assert not holds("skus", "any_in", ["X"], skus=skus)
    assert holds("skus", "none_in", ["X", "Y"], skus=skus)
    assert not holds("skus", "none_in", ["SKU-2"], skus=skus)
    assert holds("skus", "all_in", ["SKU-1", "SKU-2", "SKU-3"], skus=skus)      # only listed SKUs in the order
    assert not holds("skus", "all_in", ["SKU-1"], skus=skus)
    assert not holds("skus", "all_in", ["SKU-1"], skus=())
    assert holds("skus", "has_all", ["SKU-1", "SKU-2"], skus=("SKU-3", *skus))
    assert not holds("skus", "has_all", ["SKU-1", "SKU-4"], skus=skus)
    assert holds("categories", "count_gt", 1, categories=("food", "toys"))
    assert not holds("categories", "count_gt", "2", categories=("food", "toys"))
    assert holds("categories", "count_lt", 2, categories=("food",))
    assert holds("tags", "count_eq", 0)
    assert holds("tags", "empty", None)
    assert holds("tags", "not_empty", None, tags=("vip",))


def test_a_province_matches_by_its_short_or_full_name():
    assert holds("province", "in", ["浙江", "广东省"], province="浙江省")
    assert holds("province", "eq", "新疆", province="新疆维吾尔自治区")
    assert not holds("province", "in", ["浙江"], province="江苏省")
    assert holds("province", "ne", "上海", province="北京市")


def test_region_comes_from_the_province_however_it_is_written():
    assert province_key("新疆维吾尔自治区") == province_key("新疆") == "新疆"
    assert province_key("广东省") == "广东" and province_key("上海市") == "上海"
    assert holds("region", "in", ["西北"], province="新疆维吾尔自治区")
    assert holds("region", "eq", "华南", province="广东")
    assert holds("region", "empty", None, province="California")


def test_every_operator_has_a_value_shape_for_the_dialog():
    for name, spec in FIELDS.items():
        for op in OPERATORS[spec.kind]:
            assert value_shape(name, op)
    assert value_shape("amount", "eq") == "number" and value_shape("shop", "eq") == "text"
    assert value_shape("paid_at", "between") == "datetime_range"


def test_facts_refuse_naive_datetimes():
    with pytest.raises(ValueError):
        OrderFacts(paid_at=dt.datetime(2025, 3, 1, 12))


# ---------------------------------------------------------------------------------------------
# Review
# ---------------------------------------------------------------------------------------------

BIG = Condition("amount", "ge", "1000")
BLACK = Condition("phone_blacklisted", "is_true")


def test_lower_priority_first_ties_by_id_first_match_decides():
    rules = [
        rule(7, 20, BIG, action="hold", reason="big_order"),
        rule(3, 10, BLACK, action="reject", reason="blacklist"),
        rule(5, 20, BIG, action="approve"),
        rule(9, 99),                                         # catch-all
    ]
    assert review(rules, OrderFacts(amount=D(1500), phone_blacklisted=True)).rule_id == 3
    decision = review(rules, OrderFacts(amount=D(1500)))
    assert (decision.rule_id, decision.action) == (5, "approve")     # id 5 before id 7 at priority 20
    assert review(list(reversed(rules)), OrderFacts(amount=D(1500))).rule_id == 5
    assert review(rules, OrderFacts(amount=D(10))).rule_id == 9


def test_no_rule_holds_for_manual_review_and_disabled_or_other_kinds_do_not_count():
    disabled = RuleSpec(1, "off", 1, "all", (), "approve", {}, enabled=False)
    routing = RuleSpec(2, "wh", 1, "all", (), "use_warehouse", {"warehouse_id": 4}, kind="warehouse")
    decision = review([disabled, routing], OrderFacts())
    assert (decision.action, decision.rule_id, decision.reason) == ("hold", None, NO_RULE)


def test_match_any_and_all():
    either = rule(1, 1, BIG, BLACK, action="hold", match="any", reason="check")
    both = rule(1, 1, BIG, BLACK, action="hold", match="all", reason="check")
    facts = OrderFacts(amount=D(5))
    assert review([either], OrderFacts(amount=D(5), phone_blacklisted=True)).rule_id == 1
    assert review([both], OrderFacts(amount=D(5), phone_blacklisted=True)).reason == NO_RULE
    assert review([either], facts).reason == NO_RULE


def test_explanation_says_why_without_spilling_personal_data():
    r = RuleSpec(11, "大额夜单", 5, "any", (
        Condition("amount", "gt", "500"),
        Condition("paid_at", "hour_between", [22, 6]),
        Condition("address", "contains_any", ["学校", "Campus"]),
        Condition("phone", "ne", "00000000"),
        Condition("skus", "any_in", ["GIFT"]),
    ), "hold", {"reason": "night_big_order"})
    facts = OrderFacts(order_id=42, amount=D("888.80"), paid_at=at(23, 5), address="北京市海淀区 XX大学 east campus",
                       phone="13812345678", skus=("A1",))
    decision = review([r], facts)
    assert (decision.action, decision.rule_id, decision.rule_name, decision.reason) == \
        ("hold", 11, "大额夜单", "night_big_order")
    why = {c.field: c for c in decision.explanation}
    assert (why["amount"].value, why["amount"].actual, why["amount"].matched) == ("500", "888.80", True)
    assert why["paid_at"].actual == "2025-03-01T23:05:00+08:00" and why["paid_at"].matched
    assert why["address"].actual == ["Campus"] and why["address"].matched       # the keyword, not the address
    assert why["phone"].actual == "*******5678"
    assert why["skus"].actual == ["A1"] and not why["skus"].matched
    stored = json.loads(json.dumps(decision.to_json(), ensure_ascii=False))
    assert stored["rule_id"] == 11 and stored["reason"] == "night_big_order"
    assert [c["matched"] for c in stored["conditions"]] == [True, True, True, True, False]
    assert "13812345678" not in json.dumps(stored) and "海淀" not in json.dumps(stored, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Stored JSON and validation
# ---------------------------------------------------------------------------------------------

def test_json_round_trip_through_text():
    original = RuleSpec(12, "夜间大额留言单", -3, "any", (
        Condition("amount", "between", ["100.50", 2000]),
        Condition("buyer_message", "contains_any", ["发票", "Invoice"]),
        Condition("paid_at", "between", ["2025-01-01T00:00:00+08:00", "2025-02-01T00:00:00+08:00"]),
        Condition("paid_at", "hour_between", [22, 6]),
        Condition("first_order", "is_true"),
        Condition("skus", "count_gt", 3),
        Condition("seller_memo", "empty"),
    ), "hold", {"reason": "manual"})
    data = original.to_json()
    assert data["v"] == 1 and data["match"] == "any"
    assert data["conditions"][0] == {"field": "amount", "op": "between", "value": ["100.50", "2000"]}
    assert data["conditions"][4] == {"field": "first_order", "op": "is_true"}
    text = json.dumps(data, ensure_ascii=False)
    again = RuleSpec.from_json(text)
    assert again == original
    assert again.to_json() == data
    assert RuleSpec.from_json(json.loads(text)) == original
    assert validate_rule(again) == []
    facts = OrderFacts(amount=D("150"))
    assert review([again], facts).rule_id == review([original], facts).rule_id == 12


def test_json_numbers_stay_exact():
    r = RuleSpec.from_json('{"v": 1, "id": 1, "name": "x", "conditions": [{"field": "amount", "op": "eq",'
                           ' "value": 0.1}], "action": "approve"}')
    assert r.conditions[0].value == D("0.1")
    assert review([r], OrderFacts(amount=D("0.10"))).rule_id == 1


def test_unknown_format_version_or_shape_is_refused():
    with pytest.raises(ValidationError) as err:
        RuleSpec.from_json({"v": 2, "name": "x"})
    assert err.value.errors[0].field == "v"
    with pytest.raises(ValidationError):
        RuleSpec.from_json({"v": 1, "name": "x", "conditions": "amount > 5"})
    with pytest.raises(ValidationError):
        RuleSpec.from_json("[1, 2]")


def reasons(spec: RuleSpec) -> dict[str, str]:
    return {e.field: e.reason for e in validate_rule(spec)}


def test_validation_tells_the_dialog_what_and_where():
    bad = RuleSpec(None, " ", 1, "most", (
        Condition("colour", "eq", "red"),
        Condition("amount", "contains_any", ["5"]),
        Condition("amount", "gt", "lots"),
        Condition("address", "contains_any", []),
        Condition("address", "contains_any", ["学校", " "]),
        Condition("amount", "between", [10, 5]),
        Condition("paid_at", "after", "2025-03-01T12:00:00"),
        Condition("paid_at", "hour_between", [6, 6]),
        Condition("shop", "eq", 5),
        Condition("amount", "gt", True),
        Condition("tags", "any_in", "vip"),
    ), "hold", {})
    assert reasons(bad) == {
        "name": "required", "match": "bad_match",
        "conditions[0].field": "unknown_field", "conditions[1].op": "bad_operator",
        "conditions[2].value": "bad_value", "conditions[3].value": "empty_list",
        "conditions[4].value": "empty_keyword", "conditions[5].value": "empty_range",
        "conditions[6].value": "naive_datetime", "conditions[7].value": "empty_range",
        "conditions[8].value": "bad_value", "conditions[9].value": "bad_value",
        "conditions[10].value": "bad_value", "params.reason": "required",
    }
    assert not bad.valid


def test_validation_of_actions_per_kind():
    assert reasons(rule(1, 1, action="reject")) == {"params.reason": "required"}
    assert reasons(rule(1, 1, action="reject", reason="fraud")) == {}
    assert reasons(rule(1, 1, action="merge")) == {}
    assert reasons(rule(1, 1, action="ship_now")) == {"action": "unknown_action"}
    assert reasons(rule(1, 1, action="approve", resaon="typo")) == {"params.resaon": "unknown_param"}
    assert reasons(RuleSpec(1, "x", kind="billing")) == {"kind": "unknown_kind"}
    wh = RuleSpec(1, "x", 1, "all", (), "use_warehouse", {"warehouse_id": "3"}, kind="warehouse")
    assert reasons(wh) == {"params.warehouse_id": "bad_value"}
    assert reasons(RuleSpec(1, "x", 1, "all", (), "approve", {}, kind="warehouse")) == {"action": "unknown_action"}
    prefer = RuleSpec(1, "x", 1, "all", (), "prefer_warehouses", {"warehouse_ids": [3, 3]}, kind="warehouse")
    assert reasons(prefer) == {"params.warehouse_ids": "bad_value"}
    team = RuleSpec(1, "x", 1, "all", (), "assign_team", {"members": []}, kind="assign")
    assert reasons(team) == {"params.members": "required"}
    carrier = RuleSpec(1, "x", 1, "all", (), "use_carrier", {"carrier_id": 2, "service": "标快"}, kind="carrier")
    assert reasons(carrier) == {}


def test_an_invalid_rule_never_fires():
    broken = RuleSpec.from_json({"v": 1, "id": 1, "name": "old", "priority": 1, "action": "reject",
                                 "params": {"reason": "x"}, "conditions": [{"field": "removed_field", "op": "eq",
                                                                            "value": "a"}]})
    assert not broken.valid
    assert review([broken, rule(2, 5)], OrderFacts()).rule_id == 2
