"""Review (审单) rules, evaluated in pure Python: the facts of an order, the fields and operators a
rule may use, rules as stored JSON, their validation, and the review decision.

The user edits rules in a dialog; the services store them in PostgreSQL as JSON (`RuleSpec.to_json`)
and hand them back here with each order's `OrderFacts`. Routing rules (warehouse, carrier,
assignment) use the same conditions; `erp_desktop.domain.routing` chooses them (`route`) and
dry-runs any rule over many orders (`dry_run`).

Conditions are compiled once, when a `Condition` is built, so reviewing an order is a handful of
closure calls per rule (the order pipeline runs it for every imported order). Text is compared
after NFKC and case folding, so "VIP", "vip" and full-width "ＶＩＰ" are the same and Chinese text
matches as written; amounts are Decimal throughout (JSON floats go through their shortest text,
never through binary arithmetic). A rule `validate_rule` finds fault with (a field removed since
the rule was saved ...) is never tried, so it never fires.

Validation reasons (`FieldError.reason`): required, bad_value, unknown_kind, bad_match,
unknown_field, bad_operator, empty_list, empty_keyword, empty_range, naive_datetime,
unknown_action, unknown_param.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from erp_desktop.domain.errors import FieldError, ValidationError

FORMAT_VERSION = 1
ZERO = Decimal(0)

# field kinds and the operators each allows
TEXT, NUMBER, BOOL, DATETIME, LIST = "text", "number", "bool", "datetime", "list"
OPERATORS: dict[str, tuple[str, ...]] = {
    TEXT: ("eq", "ne", "in", "not_in", "contains_any", "not_contains", "empty", "not_empty", "starts_with"),
    NUMBER: ("eq", "ne", "gt", "ge", "lt", "le", "between"),
    BOOL: ("is_true", "is_false"),
    DATETIME: ("before", "after", "between", "hour_between"),
    LIST: ("any_in", "all_in", "has_all", "none_in", "count_gt", "count_lt", "count_eq", "empty", "not_empty"),
}

# rule kinds and the actions each allows
REVIEW, WAREHOUSE, CARRIER, ASSIGN = "review", "warehouse", "carrier", "assign"
APPROVE, HOLD, REJECT, MERGE = "approve", "hold", "reject", "merge"
USE_WAREHOUSE, PREFER_WAREHOUSES = "use_warehouse", "prefer_warehouses"
USE_CARRIER = "use_carrier"
ASSIGN_USER, ASSIGN_TEAM = "assign_user", "assign_team"
ACTIONS: dict[str, tuple[str, ...]] = {
    REVIEW: (APPROVE, HOLD, REJECT, MERGE),
    WAREHOUSE: (USE_WAREHOUSE, PREFER_WAREHOUSES),
    CARRIER: (USE_CARRIER,),
    ASSIGN: (ASSIGN_USER, ASSIGN_TEAM),
}
NO_RULE = "no_rule"       # the reason of the hold when no review rule matched

# China's seven customary regions (华北 ...), so a rule can say "region in 西北" instead of listing provinces
_REGIONS = {
    "华北": "北京 天津 河北 山西 内蒙古", "东北": "辽宁 吉林 黑龙江",
    "华东": "上海 江苏 浙江 安徽 福建 江西 山东 台湾", "华中": "河南 湖北 湖南",
    "华南": "广东 广西 海南 香港 澳门", "西南": "重庆 四川 贵州 云南 西藏", "西北": "陕西 甘肃 青海 宁夏 新疆",
}
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")


def norm_text(text: str) -> str:
    """The form text is compared in: NFKC (full-width to half-width), case-folded, trimmed."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _squash(text: str) -> str:
    """Keyword form: `norm_text` without any whitespace, so "朝阳 区" finds "朝阳区"."""
    return "".join(norm_text(text).split())


def province_key(name: str) -> str:
    """"广东省", "广东" and " 广东 " are one province; "新疆维吾尔自治区" is "新疆"."""
    key = norm_text(name)
    for suffix in _PROVINCE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


REGION_OF: dict[str, str] = {p: r for r, ps in _REGIONS.items() for p in ps.split()}


# ---------------------------------------------------------------------------------------------
# What a rule can look at
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OrderFacts:
    """One order as the rules see it; the services fill it from the order, its lines and the customer.

    Datetimes are aware and given in the company's time zone: `paid_hour` and `hour_between` use
    the hour as the datetime says it.
    """

    order_id: int = 0
    shop: str = ""                      # shop code
    platform: str = ""
    buyer: str = ""                     # platform buyer id / nick
    amount: Decimal = ZERO              # what the buyer paid
    goods_amount: Decimal = ZERO
    shipping_fee: Decimal = ZERO
    discount: Decimal = ZERO
    buyer_message: str = ""
    seller_memo: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""                   # the full address text
    phone: str = ""                     # the phone match key
    customer_blacklisted: bool = False
    phone_blacklisted: bool = False
    first_order: bool = False
    customer_orders: int = 0            # the customer's earlier orders
    skus: tuple[str, ...] = ()          # our SKU codes
    categories: tuple[str, ...] = ()    # category codes of the lines (the product types)
    quantity: Decimal = ZERO            # units in all
    line_count: int = 0
    weight_kg: Decimal = ZERO
    paid_at: dt.datetime | None = None
    ordered_at: dt.datetime | None = None
    has_problems: bool = False
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("paid_at", "ordered_at"):
            when = getattr(self, name)
            if when is not None and when.utcoffset() is None:
                raise ValueError(f"OrderFacts.{name} must be an aware datetime")

    @property
    def paid_hour(self) -> int | None:
        return None if self.paid_at is None else self.paid_at.hour

    @property
    def region(self) -> str:
        return REGION_OF.get(province_key(self.province), "")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    personal: bool = False     # phone, address: the explanation shows what matched, not the whole value


FIELDS: dict[str, FieldSpec] = {f.name: f for f in (
    *(FieldSpec(n, TEXT) for n in ("shop", "platform", "buyer", "buyer_message", "seller_memo", "province",
                                   "city", "district", "region")),
    FieldSpec("address", TEXT, personal=True), FieldSpec("phone", TEXT, personal=True),
    *(FieldSpec(n, NUMBER) for n in ("amount", "goods_amount", "shipping_fee", "discount", "customer_orders",
                                     "quantity", "line_count", "weight_kg", "paid_hour")),
    *(FieldSpec(n, BOOL) for n in ("customer_blacklisted", "phone_blacklisted", "first_order", "has_problems")),
    FieldSpec("paid_at", DATETIME), FieldSpec("ordered_at", DATETIME),
    *(FieldSpec(n, LIST) for n in ("skus", "categories", "tags")),
)}

# what value an operator takes, so the dialog can show the right editor
VALUE_SHAPES: dict[str, str] = {
    "empty": "none", "not_empty": "none", "is_true": "none", "is_false": "none",
    "eq": "scalar", "ne": "scalar", "starts_with": "text", "gt": "number", "ge": "number", "lt": "number",
    "le": "number", "in": "texts", "not_in": "texts", "contains_any": "texts", "not_contains": "texts",
    "any_in": "texts", "all_in": "texts", "has_all": "texts", "none_in": "texts",
    "count_gt": "count", "count_lt": "count", "count_eq": "count",
    "before": "datetime", "after": "datetime", "hour_between": "hours",
}


def value_shape(field_name: str, op: str) -> str:
    """none, text, texts, number, count, datetime, hours, number_range or datetime_range."""
    kind = FIELDS[field_name].kind
    if op == "between":
        return "number_range" if kind == NUMBER else "datetime_range"
    shape = VALUE_SHAPES[op]
    return ("number" if kind == NUMBER else "text") if shape == "scalar" else shape


# ---------------------------------------------------------------------------------------------
# Values from JSON, and the tests they compile to
# ---------------------------------------------------------------------------------------------

class _Bad(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def _decimal(value: object) -> Decimal:
    """A JSON number or numeric text as an exact Decimal (a float through its shortest text)."""
    if isinstance(value, bool):
        raise _Bad("bad_value", f"{value!r} is not a number")
    try:
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            raise _Bad("bad_value", f"{value!r} is not a number")
    except InvalidOperation:
        raise _Bad("bad_value", f"{value!r} is not a number") from None
    if not number.is_finite():
        raise _Bad("bad_value", f"{value!r} is not a finite number")
    return number


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Bad("bad_value", f"{value!r} is not text")
    if not value.strip():
        raise _Bad("required", "empty text")
    return value


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise _Bad("bad_value", f"{value!r} is not a list of texts")
    if not value:
        raise _Bad("empty_list", "the list is empty")
    for item in value:
        if not isinstance(item, str):
            raise _Bad("bad_value", f"{item!r} is not text")
        if not item.strip():
            raise _Bad("empty_keyword", "a blank entry in the list")
    return tuple(value)


def _pair(value: object) -> tuple[object, object]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or len(value) != 2:
        raise _Bad("bad_value", f"{value!r} is not a pair [from, to]")
    return value[0], value[1]


def _when(value: object) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise _Bad("bad_value", f"{value!r} is not an ISO 8601 date and time") from None
    if not isinstance(value, dt.datetime):
        raise _Bad("bad_value", f"{value!r} is not a date and time")
    if value.utcoffset() is None:
        raise _Bad("naive_datetime", f"{value.isoformat()} has no time zone")
    return value


def _whole(value: object, low: int, high: int) -> int:
    number = _decimal(value)
    if number != number.to_integral_value() or not low <= number <= high:
        raise _Bad("bad_value", f"{value!r} is not a whole number from {low} to {high}")
    return int(number)


Test = Callable[[Any], bool]


def _compile_text(op: str, value: object, norm: Callable[[str], str] = norm_text) -> tuple[object, Test]:
    """`norm`: the form both sides are compared in (province_key for provinces: 浙江 is 浙江省)."""
    if op in ("empty", "not_empty"):
        want_empty = op == "empty"
        return None, lambda a: (not a.strip()) == want_empty
    if op in ("eq", "ne", "starts_with"):
        text = _text(value)
        key = norm(text)
        if op == "eq":
            return text, lambda a: norm(a) == key
        if op == "ne":
            return text, lambda a: norm(a) != key
        return text, lambda a: norm(a).startswith(key)
    texts = _texts(value)
    if op in ("in", "not_in"):
        keys = frozenset(norm(t) for t in texts)
        inside = op == "in"
        return texts, lambda a: (norm(a) in keys) == inside
    words = tuple(_squash(t) for t in texts)
    if op == "contains_any":
        return texts, lambda a: any(w in _squash(a) for w in words)
    return texts, lambda a: not any(w in _squash(a) for w in words)


_NUMBER_TESTS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "eq": lambda a, v: a == v, "ne": lambda a, v: a != v, "gt": lambda a, v: a > v,
    "ge": lambda a, v: a >= v, "lt": lambda a, v: a < v, "le": lambda a, v: a <= v,
}


def _compile_number(op: str, value: object) -> tuple[object, Test]:
    if op == "between":             # inclusive at both ends
        low, high = (_decimal(v) for v in _pair(value))
        if low > high:
            raise _Bad("empty_range", f"{low} is above {high}")
        return (low, high), lambda a: a is not None and low <= a <= high
    number = _decimal(value)
    compare = _NUMBER_TESTS[op]
    return number, lambda a: a is not None and compare(a, number)


def _compile_datetime(op: str, value: object) -> tuple[object, Test]:
    if op == "hour_between":        # [from, to) in whole hours; 22 to 6 runs across midnight
        start, end = _whole(_pair(value)[0], 0, 23), _whole(_pair(value)[1], 0, 24)
        if start == end % 24:
            raise _Bad("empty_range", "the hours begin where they end")
        if start < end:
            return (start, end), lambda a: a is not None and start <= a.hour < end
        return (start, end), lambda a: a is not None and (a.hour >= start or a.hour < end)
    if op == "between":             # [from, to)
        low, high = (_when(v) for v in _pair(value))
        if low >= high:
            raise _Bad("empty_range", f"{low.isoformat()} is not before {high.isoformat()}")
        return (low, high), lambda a: a is not None and low <= a < high
    when = _when(value)
    if op == "before":
        return when, lambda a: a is not None and a < when
    return when, lambda a: a is not None and a >= when      # after: from that moment on


def _compile_list(op: str, value: object) -> tuple[object, Test]:
    if op in ("empty", "not_empty"):
        want_empty = op == "empty"
        return None, lambda a: (not a) == want_empty
    if op.startswith("count_"):
        count = _whole(value, 0, 1_000_000)
        if op == "count_gt":
            return count, lambda a: len(a) > count
        if op == "count_lt":
            return count, lambda a: len(a) < count
        return count, lambda a: len(a) == count
    texts = _texts(value)
    keys = frozenset(norm_text(t) for t in texts)
    if op == "any_in":
        return texts, lambda a: any(norm_text(x) in keys for x in a)
    if op == "none_in":
        return texts, lambda a: not any(norm_text(x) in keys for x in a)
    if op == "all_in":              # every item of the order is in the list ("only gift cards")
        return texts, lambda a: bool(a) and all(norm_text(x) in keys for x in a)
    return texts, lambda a: keys <= {norm_text(x) for x in a}      # has_all: the order has every one


def _compile_bool(op: str, value: object) -> tuple[object, Test]:
    want = op == "is_true"
    return None, lambda a: bool(a) == want


_COMPILERS = {TEXT: _compile_text, NUMBER: _compile_number, BOOL: _compile_bool, DATETIME: _compile_datetime,
              LIST: _compile_list}


def json_value(value: object) -> Any:
    """Decimal -> exact text, datetime -> ISO 8601, tuples -> lists: what JSON (and jsonb) can hold."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [json_value(v) for v in items]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------------------------
# Conditions and rules
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConditionResult:
    """One line of "why": the condition, what the order had, and whether it matched (JSON-ready values)."""

    field: str
    op: str
    value: Any
    actual: Any
    matched: bool

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "op": self.op, "value": self.value, "actual": self.actual,
                "matched": self.matched}


@dataclass(frozen=True)
class Condition:
    """`field op value`; the value is normalised (Decimal, aware datetime, tuple) when it is valid."""

    field: str
    op: str
    value: Any = None
    _test: Callable[[OrderFacts], bool] | None = field(default=None, init=False, repr=False, compare=False)
    _errors: tuple[tuple[str, str, str], ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        spec = FIELDS.get(self.field)
        if spec is None:
            self._fail("field", "unknown_field", f"no field {self.field!r}")
            return
        if self.op not in OPERATORS[spec.kind]:
            self._fail("op", "bad_operator", f"{self.op!r} does not apply to {spec.kind} field {self.field}")
            return
        try:
            if self.field == "province":        # short and full names are one province
                value, test = _compile_text(self.op, self.value, province_key)
            else:
                value, test = _COMPILERS[spec.kind](self.op, self.value)
        except _Bad as bad:
            self._fail("value", bad.reason, bad.detail)
            return
        get = attrgetter(self.field)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "_test", lambda facts: test(get(facts)))

    def _fail(self, part: str, reason: str, detail: str) -> None:
        if isinstance(self.value, list):
            object.__setattr__(self, "value", tuple(self.value))
        object.__setattr__(self, "_errors", ((part, reason, detail),))

    @property
    def valid(self) -> bool:
        return self._test is not None

    def matches(self, facts: OrderFacts) -> bool:
        return self._test is not None and self._test(facts)

    def explain(self, facts: OrderFacts) -> ConditionResult:
        matched = self.matches(facts)
        spec = FIELDS.get(self.field)
        actual = getattr(facts, self.field, None) if spec else None
        if spec is not None and spec.personal and isinstance(actual, str):
            if self.op in ("contains_any", "not_contains"):      # the keywords found, not the address
                actual = [w for w in self.value if _squash(w) in _squash(actual)]
            elif len(actual) > 4:
                actual = "*" * (len(actual) - 4) + actual[-4:]
        return ConditionResult(self.field, self.op, json_value(self.value), json_value(actual), matched)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "op": self.op}
        if self.value is not None:
            out["value"] = json_value(self.value)
        return out


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the user wrote it. Lower priority runs first; ties go by id (unsaved rules last).

    No conditions: the rule matches every order (a catch-all at the end of the list).
    """

    id: int | None
    name: str
    priority: int = 100
    match: str = "all"                     # "all" or "any" of the conditions
    conditions: tuple[Condition, ...] = ()
    action: str = APPROVE
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    kind: str = REVIEW
    enabled: bool = True
    _tests: tuple[Callable[[OrderFacts], bool], ...] | None = field(
        default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", tuple(self.conditions))
        object.__setattr__(self, "params", dict(self.params))
        if not validate_rule(self):
            object.__setattr__(self, "_tests", tuple(c._test for c in self.conditions if c._test))

    @property
    def valid(self) -> bool:
        """False when `validate_rule` finds anything: such a rule is never tried (never fires)."""
        return self._tests is not None

    def matches(self, facts: OrderFacts) -> bool:
        """Whether the rule's conditions hold for this order (no conditions: always)."""
        tests = self._tests
        if tests is None:
            return False
        if self.match == "any" and tests:
            return any(test(facts) for test in tests)
        return all(test(facts) for test in tests)

    def explain(self, facts: OrderFacts) -> tuple[ConditionResult, ...]:
        return tuple(c.explain(facts) for c in self.conditions)

    def to_json(self) -> dict[str, Any]:
        return {"v": FORMAT_VERSION, "id": self.id, "name": self.name, "kind": self.kind,
                "priority": self.priority, "enabled": self.enabled, "match": self.match,
                "conditions": [c.to_json() for c in self.conditions], "action": self.action,
                "params": json_value(self.params)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> RuleSpec:
        """The stored form back; text is parsed with JSON floats as Decimal. A bad shape raises
        ValidationError; bad field names or values are kept for `validate_rule` to report."""
        if isinstance(data, str):
            data = json.loads(data, parse_float=Decimal)
        if not isinstance(data, Mapping):
            raise ValidationError([FieldError("rule", "bad_value", "a rule is a JSON object")])
        version = data.get("v", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ValidationError([FieldError("v", "bad_value", f"unknown rule format version {version!r}")])
        raw = data.get("conditions", [])
        params = data.get("params") or {}
        if (not isinstance(raw, list) or not all(isinstance(c, Mapping) for c in raw)
                or not isinstance(params, Mapping)):
            raise ValidationError([FieldError("conditions", "bad_value", "conditions: a list of objects")])
        return cls(id=data.get("id"), name=data.get("name", ""), priority=data.get("priority", 100),
                   match=data.get("match", "all"), action=data.get("action", ""), params=params,
                   conditions=tuple(Condition(str(c.get("field", "")), str(c.get("op", "")), c.get("value"))
                                    for c in raw),
                   kind=data.get("kind", REVIEW), enabled=data.get("enabled", True))


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _list_of(check: Callable[[object], bool]) -> Callable[[object], bool]:
    def ok(value: object) -> bool:
        return (isinstance(value, (list, tuple)) and all(check(v) for v in value)
                and len(set(value)) == len(value))
    return ok


# action -> param -> (what a good value is, required)
PARAMS: dict[str, dict[str, tuple[Callable[[object], bool], bool]]] = {
    APPROVE: {"reason": (_is_text, False)}, MERGE: {"reason": (_is_text, False)},
    HOLD: {"reason": (_is_text, True)}, REJECT: {"reason": (_is_text, True)},
    USE_WAREHOUSE: {"warehouse_id": (_is_id, True)},
    PREFER_WAREHOUSES: {"warehouse_ids": (_list_of(_is_id), True)},      # in order of preference
    USE_CARRIER: {"carrier_id": (_is_id, True), "service": (_is_text, False)},
    ASSIGN_USER: {"user": (_is_text, True)},                               # a login
    ASSIGN_TEAM: {"members": (_list_of(_is_text), True), "team": (_is_text, False)},
}


def _check_params(action: str, params: Mapping[str, Any]) -> list[FieldError]:
    allowed = PARAMS[action]
    errors = [FieldError(f"params.{k}", "unknown_param", f"{action} takes no {k}") for k in params if k not in allowed]
    for key, (good, required) in allowed.items():
        value = params.get(key)
        if value is None or value in ("", [], ()):
            if required:
                errors.append(FieldError(f"params.{key}", "required", f"{action} needs {key}"))
        elif not good(value):
            errors.append(FieldError(f"params.{key}", "bad_value", f"{value!r} is not a good {key}"))
    return errors


def validate_rule(spec: RuleSpec) -> list[FieldError]:
    """Everything wrong with a rule, each with the place ("conditions[2].value", "params.reason")."""
    errors: list[FieldError] = []
    if spec.id is not None and not _is_id(spec.id):
        errors.append(FieldError("id", "bad_value", f"{spec.id!r} is not an id"))
    if not isinstance(spec.name, str) or not spec.name.strip():
        errors.append(FieldError("name", "required", "a rule needs a name"))
    if isinstance(spec.priority, bool) or not isinstance(spec.priority, int):
        errors.append(FieldError("priority", "bad_value", f"{spec.priority!r} is not a whole number"))
    if spec.match not in ("all", "any"):
        errors.append(FieldError("match", "bad_match", f"{spec.match!r}: use all or any"))
    for i, condition in enumerate(spec.conditions):
        errors += [FieldError(f"conditions[{i}].{part}", reason, detail)
                   for part, reason, detail in condition._errors]
    if spec.kind not in ACTIONS:
        errors.append(FieldError("kind", "unknown_kind", f"{spec.kind!r} is not a rule kind"))
    elif spec.action not in ACTIONS[spec.kind]:
        errors.append(FieldError("action", "unknown_action", f"{spec.action!r} is not a {spec.kind} action"))
    else:
        errors += _check_params(spec.action, spec.params)
    return errors


def ordered_rules(rules: Iterable[RuleSpec], kind: str) -> list[RuleSpec]:
    """The enabled rules of one kind in the order they are tried: priority, then id, unsaved last."""
    chosen = [r for r in rules if r.kind == kind and r.enabled and r.valid]
    chosen.sort(key=rule_order)
    return chosen


def rule_order(rule: RuleSpec) -> tuple[int, bool, int]:
    return rule.priority, rule.id is None, rule.id or 0


# ---------------------------------------------------------------------------------------------
# Review
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    """What a rule decided, which rule and why; stored with the order and shown in its timeline."""

    action: str
    rule_id: int | None
    rule_name: str
    reason: str = ""
    explanation: tuple[ConditionResult, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, rule: RuleSpec, facts: OrderFacts) -> Decision:
        reason = rule.params.get("reason") or ""
        return cls(rule.action, rule.id, rule.name, reason if isinstance(reason, str) else "",
                   rule.explain(facts), dict(rule.params))

    def to_json(self) -> dict[str, Any]:
        return {"v": FORMAT_VERSION, "action": self.action, "rule_id": self.rule_id, "rule_name": self.rule_name,
                "reason": self.reason, "params": json_value(self.params),
                "conditions": [c.to_json() for c in self.explanation]}


def first_match(ordered: Sequence[RuleSpec], facts: OrderFacts) -> RuleSpec | None:
    for rule in ordered:
        if rule.matches(facts):
            return rule
    return None


def review(rules: Iterable[RuleSpec], facts: OrderFacts) -> Decision:
    """The first review rule (by priority, then id) whose conditions match decides; none: hold, "no_rule".

    Rules of other kinds in `rules` are ignored, so the services may pass all rules at once.
    """
    rule = first_match(ordered_rules(rules, REVIEW), facts)
    if rule is None:
        return Decision(HOLD, None, "", NO_RULE)
    return Decision.of(rule, facts)
