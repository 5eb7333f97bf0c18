"""The words of the rules (审单/分仓/快递/分配): rule kinds, the order fields a condition looks at,
operators, actions, what is wrong with a rule, and one condition as a sentence (the rules list,
the timeline's "why").  domain/rules.py holds the codes; this is the one place that says them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain import rules as r

translate = QCoreApplication.translate      # lupdate finds translate("RuleTexts", "...")

KINDS = (r.REVIEW, r.WAREHOUSE, r.CARRIER, r.ASSIGN)


def _readable(code: str) -> str:
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else ""


def kind_label(kind: str) -> str:
    labels = {
        r.REVIEW: translate("RuleTexts", "Review", "a kind of rule"),
        r.WAREHOUSE: translate("RuleTexts", "Warehouse", "a kind of rule"),
        r.CARRIER: translate("RuleTexts", "Carrier", "a kind of rule"),
        r.ASSIGN: translate("RuleTexts", "Assignment", "a kind of rule"),
    }
    return labels.get(kind) or _readable(kind)


def field_label(name: str) -> str:
    labels = {
        "shop": translate("RuleTexts", "Shop code"),
        "platform": translate("RuleTexts", "Platform"),
        "buyer": translate("RuleTexts", "Buyer ID"),
        "buyer_message": translate("RuleTexts", "Buyer message"),
        "seller_memo": translate("RuleTexts", "Seller memo"),
        "province": translate("RuleTexts", "Province"),
        "city": translate("RuleTexts", "City"),
        "district": translate("RuleTexts", "District"),
        "region": translate("RuleTexts", "Region (华东, 西北 …)"),
        "address": translate("RuleTexts", "Address"),
        "phone": translate("RuleTexts", "Phone"),
        "amount": translate("RuleTexts", "Amount paid"),
        "goods_amount": translate("RuleTexts", "Goods amount"),
        "shipping_fee": translate("RuleTexts", "Shipping fee"),
        "discount": translate("RuleTexts", "Discount"),
        "customer_orders": translate("RuleTexts", "Customer's earlier orders"),
        "quantity": translate("RuleTexts", "Units"),
        "line_count": translate("RuleTexts", "Order lines"),
        "weight_kg": translate("RuleTexts", "Weight (kg)"),
        "paid_hour": translate("RuleTexts", "Hour paid (0–23)"),
        "customer_blacklisted": translate("RuleTexts", "Customer blacklisted"),
        "phone_blacklisted": translate("RuleTexts", "Phone blacklisted"),
        "first_order": translate("RuleTexts", "First order of the customer"),
        "has_problems": translate("RuleTexts", "Has problems"),
        "paid_at": translate("RuleTexts", "Paid at"),
        "ordered_at": translate("RuleTexts", "Ordered at"),
        "skus": translate("RuleTexts", "SKU codes"),
        "categories": translate("RuleTexts", "Categories"),
        "tags": translate("RuleTexts", "Tags"),
    }
    return labels.get(name) or _readable(name)


def op_label(op: str, kind: str = r.TEXT) -> str:
    """An operator as it reads after the field's name ("Amount paid" "is below")."""
    if kind == r.NUMBER:
        numbers = {
            "eq": translate("RuleTexts", "equals"), "ne": translate("RuleTexts", "does not equal"),
            "gt": translate("RuleTexts", "is above"), "ge": translate("RuleTexts", "is at least"),
            "lt": translate("RuleTexts", "is below"), "le": translate("RuleTexts", "is at most"),
            "between": translate("RuleTexts", "is between"),
        }
        if op in numbers:
            return numbers[op]
    if kind == r.LIST:
        lists = {
            "any_in": translate("RuleTexts", "include any of"), "all_in": translate("RuleTexts", "are all among"),
            "has_all": translate("RuleTexts", "include all of"), "none_in": translate("RuleTexts", "include none of"),
            "count_gt": translate("RuleTexts", "number more than"),
            "count_lt": translate("RuleTexts", "number fewer than"),
            "count_eq": translate("RuleTexts", "number exactly"), "empty": translate("RuleTexts", "are none"),
            "not_empty": translate("RuleTexts", "are some"),
        }
        if op in lists:
            return lists[op]
    labels = {
        "eq": translate("RuleTexts", "is"), "ne": translate("RuleTexts", "is not"),
        "in": translate("RuleTexts", "is one of"), "not_in": translate("RuleTexts", "is none of"),
        "contains_any": translate("RuleTexts", "contains any of"),
        "not_contains": translate("RuleTexts", "contains none of"),
        "empty": translate("RuleTexts", "is empty"), "not_empty": translate("RuleTexts", "is not empty"),
        "starts_with": translate("RuleTexts", "starts with"),
        "is_true": translate("RuleTexts", "yes"), "is_false": translate("RuleTexts", "no"),
        "before": translate("RuleTexts", "is before"), "after": translate("RuleTexts", "is from"),
        "between": translate("RuleTexts", "is between"),
        "hour_between": translate("RuleTexts", "is between the hours"),
    }
    return labels.get(op) or _readable(op).lower()


def action_label(action: str) -> str:
    labels = {
        r.APPROVE: translate("RuleTexts", "Approve"),
        r.HOLD: translate("RuleTexts", "Hold for a person"),
        r.REJECT: translate("RuleTexts", "Reject (cancel the order)"),
        r.MERGE: translate("RuleTexts", "Hold to merge"),
        r.USE_WAREHOUSE: translate("RuleTexts", "Ship from the warehouse"),
        r.PREFER_WAREHOUSES: translate("RuleTexts", "Prefer the warehouses, in order"),
        r.USE_CARRIER: translate("RuleTexts", "Ship with the carrier"),
        r.ASSIGN_USER: translate("RuleTexts", "Assign to a person"),
        r.ASSIGN_TEAM: translate("RuleTexts", "Assign to a team (in turn)"),
    }
    return labels.get(action) or _readable(action)


def param_label(name: str) -> str:
    labels = {
        "reason": translate("RuleTexts", "Reason"),
        "warehouse_id": translate("RuleTexts", "Warehouse"),
        "warehouse_ids": translate("RuleTexts", "Warehouses"),
        "carrier_id": translate("RuleTexts", "Carrier"),
        "service": translate("RuleTexts", "Service"),
        "user": translate("RuleTexts", "Person"),
        "members": translate("RuleTexts", "Team members"),
        "team": translate("RuleTexts", "Team name"),
    }
    return labels.get(name) or _readable(name)


def error_text(reason: str) -> str:
    """What is wrong with a part of a rule (domain/rules.py validation reasons, and the dialog's own)."""
    reasons = {
        "required": translate("RuleTexts", "is needed"),
        "bad_value": translate("RuleTexts", "is not a valid value here"),
        "empty_list": translate("RuleTexts", "needs at least one entry"),
        "empty_keyword": translate("RuleTexts", "has an empty entry"),
        "empty_range": translate("RuleTexts", "is an empty range: the start must come before the end"),
        "naive_datetime": translate("RuleTexts", "needs a time zone"),
        "unknown_field": translate("RuleTexts", "is not a field rules know"),
        "bad_operator": translate("RuleTexts", "does not apply to this field"),
        "bad_match": translate("RuleTexts", "must be all or any"),
        "unknown_action": translate("RuleTexts", "is not an action of this kind of rule"),
        "unknown_param": translate("RuleTexts", "is not used by this action"),
        "unknown_kind": translate("RuleTexts", "is not a kind of rule"),
        "unknown_sku": translate("RuleTexts", "names SKU codes we do not have: %1"),
    }
    return reasons.get(reason) or _readable(reason)


def field_error(what: str, words: str) -> str:
    """A part of a rule and what is wrong with it: "The value needs at least one entry"."""
    return translate("RuleTexts", "%1 %2", "a part of a rule, then what is wrong with it") \
        .replace("%1", what).replace("%2", words)


def split_words(text: str) -> list[str]:
    """A list typed in one line: entries apart by commas (, ，、), semicolons or new lines."""
    for sep in ("，", "、", ";", "；", "\n"):
        text = text.replace(sep, ",")
    return [w.strip() for w in text.split(",") if w.strip()]


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "、".join(str(v) for v in value)
    return str(value)


def describe_condition(cond: Mapping[str, Any]) -> str:
    """{"field", "op", "value"} as a phrase: "Amount paid is below 500"."""
    name = str(cond.get("field") or "")
    op = str(cond.get("op") or "")
    spec = r.FIELDS.get(name)
    kind = spec.kind if spec else r.TEXT
    value = cond.get("value")
    if op in ("between", "hour_between") and isinstance(value, Sequence) and not isinstance(value, str) \
            and len(value) == 2:
        shown = translate("RuleTexts", "%1 and %2").replace("%1", str(value[0])).replace("%2", str(value[1]))
    else:
        shown = _value_text(value)
    return " ".join(p for p in (field_label(name), op_label(op, kind), shown) if p)


def describe_conditions(conds: Sequence[Mapping[str, Any]], match: str = "all") -> str:
    if not conds:
        return translate("RuleTexts", "every order")
    joiner = translate("RuleTexts", " or ") if match == "any" else translate("RuleTexts", " and ")
    return joiner.join(describe_condition(c) for c in conds)
