"""Review (审单), routing (分仓/选快递) and assignment (分配) of orders by the rules in sales.rule.

`review_orders` runs each open order through the rules (domain/rules.py, domain/routing.py):
- the first review rule that matches decides: approve, hold for a person with the rule's reason,
  or reject (the order is cancelled); no rule matching holds it ("no_rule");
- an approved order gets its warehouse (warehouse rules, then one warehouse that can ship all of
  it, local first), its carrier and service (the cheapest rate card that takes the parcel by
  region, weight and amount, or the carrier rules' choice) with the freight estimated, and its
  handler (assignment rules, round-robin inside a team), and its lines are reserved; short stock
  makes it wait, in payment order;
- an order that only several warehouses together can ship is split into one order per warehouse,
  each reserved there (order_merge.split_order); when a line itself would have to part, a person
  decides ("needs_split");
- a review rule may merge (合单): the buyer's open orders to the same address become one parcel
  (order_merge), which the other rules then decide on;
- every decision is in the order's timeline with the rule and the conditions that matched.
`retry_waiting` approves the waiting orders whose stock has come (oldest payment first).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain import routing
from erp_desktop.domain import rules as r
from erp_desktop.domain.errors import ValidationError
from erp_desktop.services import order_merge, order_routing, orders


@dataclass(frozen=True)
class ReviewSummary:
    approved: tuple[int, ...] = ()
    waiting: tuple[int, ...] = ()
    held: tuple[int, ...] = ()
    rejected: tuple[int, ...] = ()
    skipped: tuple[int, ...] = ()          # not open for review (problems, a person's hold, gone)


# ---------------------------------------------------------------------------------------------
# rules in the database
# ---------------------------------------------------------------------------------------------

_PARSED: dict[str, r.RuleSpec] = {}     # a rule's stored JSON -> the rule, its conditions compiled
_PARSED_MAX = 1000


def load_rules(session: Session, *, active_only: bool = True) -> list[r.RuleSpec]:
    """The rules as stored now.  They are read on every call; a rule whose stored form is the same
    as last time is not parsed and compiled again (that took longer than reviewing an order)."""
    rows = session.execute(text(
        "SELECT id, kind, name, priority, active, conditions, action, params FROM sales.rule "
        + ("WHERE active " if active_only else "") + "ORDER BY kind, priority, id")).all()
    out = []
    for row in rows:
        data = dict(row.conditions or {})
        data.update({"id": row.id, "kind": row.kind, "name": row.name, "priority": row.priority,
                     "enabled": row.active, "action": row.action, "params": row.params or {}})
        stored = json.dumps(data, default=str)
        spec = _PARSED.get(stored)
        if spec is None:
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            spec = _PARSED[stored] = r.RuleSpec.from_json(json.loads(stored, parse_float=Decimal))
        out.append(spec)
    return out


def save_rule(session: Session, spec: r.RuleSpec) -> int:
    """Store a rule (new when spec.id is None); ValidationError lists what is wrong with it."""
    errors = r.validate_rule(spec)
    if errors:
        raise ValidationError(errors)
    stored = spec.to_json()
    conditions = json.dumps({"v": stored["v"], "match": stored["match"], "conditions": stored["conditions"]},
                            ensure_ascii=False)
    values = {"kind": spec.kind, "name": spec.name, "priority": spec.priority, "active": spec.enabled,
              "c": conditions, "action": spec.action, "p": json.dumps(stored["params"], ensure_ascii=False)}
    if spec.id is None:
        return session.execute(text(
            "INSERT INTO sales.rule (kind, name, priority, active, conditions, action, params) VALUES "
            "(:kind, :name, :priority, :active, CAST(:c AS jsonb), :action, CAST(:p AS jsonb)) RETURNING id"),
            values).scalar_one()
    session.execute(text(
        "UPDATE sales.rule SET kind = :kind, name = :name, priority = :priority, active = :active, "
        "conditions = CAST(:c AS jsonb), action = :action, params = CAST(:p AS jsonb), version = version + 1 "
        "WHERE id = :id"), {**values, "id": spec.id})
    return spec.id


def delete_rule(session: Session, rule_id: int) -> None:
    session.execute(text("DELETE FROM sales.rule WHERE id = :i"), {"i": rule_id})


# ---------------------------------------------------------------------------------------------
# facts
# ---------------------------------------------------------------------------------------------

_FACTS_SQL = text("""
SELECT o.id, s.code AS shop, s.platform_code AS platform, o.buyer_id, o.paid_amount, o.goods_amount,
       o.shipping_fee, o.discount, o.buyer_message, o.seller_memo, o.province, o.city, o.district,
       concat_ws(' ', o.province, o.city, o.district, o.address_detail) AS address, o.phone_key,
       o.paid_at, o.ordered_at, jsonb_array_length(o.problems) > 0 AS has_problems,
       EXISTS (SELECT 1 FROM sales.blacklist b WHERE b.customer_id = o.customer_id) AS customer_blacklisted,
       EXISTS (SELECT 1 FROM sales.blacklist b WHERE b.phone_key = o.phone_key) AS phone_blacklisted,
       (SELECT count(*) FROM sales."order" p WHERE p.customer_id = o.customer_id AND p.id < o.id) AS earlier,
       coalesce(l.skus, '{}') AS skus, coalesce(l.categories, '{}') AS categories,
       coalesce(l.quantity, 0) AS quantity, coalesce(l.lines, 0) AS lines, coalesce(l.weight, 0) AS weight
FROM sales."order" o
JOIN sales.shop s ON s.id = o.shop_id
LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT k.code) AS skus, array_agg(DISTINCT c.code) FILTER (WHERE c.code IS NOT NULL)
           AS categories, sum(ln.quantity) AS quantity, count(*) AS lines,
           sum(coalesce(k.weight_kg, 0) * coalesce(ln.sku_quantity, ln.quantity)) AS weight
    FROM sales.order_line ln LEFT JOIN catalog.sku k ON k.id = ln.sku_id
    LEFT JOIN catalog.product p ON p.id = k.product_id LEFT JOIN catalog.category c ON c.id = p.category_id
    WHERE ln.order_id = o.id) l ON true
WHERE o.id = ANY(:ids)
""")


def order_facts(session: Session, order_ids: Sequence[int]) -> dict[int, r.OrderFacts]:
    """What the rules see of each order (one statement for all of them)."""
    out = {}
    for row in session.execute(_FACTS_SQL, {"ids": list(order_ids)}):
        out[row.id] = r.OrderFacts(
            order_id=row.id, shop=row.shop, platform=row.platform, buyer=row.buyer_id, amount=row.paid_amount,
            goods_amount=row.goods_amount, shipping_fee=row.shipping_fee, discount=row.discount,
            buyer_message=row.buyer_message, seller_memo=row.seller_memo, province=row.province, city=row.city,
            district=row.district, address=row.address, phone=row.phone_key or "",
            customer_blacklisted=row.customer_blacklisted, phone_blacklisted=row.phone_blacklisted,
            first_order=row.earlier == 0, customer_orders=row.earlier, skus=tuple(row.skus),
            categories=tuple(row.categories), quantity=row.quantity, line_count=row.lines,
            weight_kg=Decimal(row.weight), paid_at=row.paid_at, ordered_at=row.ordered_at,
            has_problems=row.has_problems)
    return out


# ---------------------------------------------------------------------------------------------
# review
# ---------------------------------------------------------------------------------------------

def review_orders(session: Session, order_ids: Iterable[int], *,
                  rules: Sequence[r.RuleSpec] | None = None) -> ReviewSummary:
    """Review, route and assign the given orders by the rules (see the module's docstring).
    Orders not in review, with problems, or held by a person are left alone (skipped)."""
    rules = load_rules(session) if rules is None else list(rules)
    ids = sorted(set(order_ids))
    open_ids = set(session.execute(text(
        "SELECT id FROM sales.\"order\" WHERE id = ANY(:ids) AND status = 'review' "
        "AND jsonb_array_length(problems) = 0 AND (hold_reason IS NULL OR hold_reason = 'no_rule')"),
        {"ids": ids}).scalars())
    facts = order_facts(session, sorted(open_ids))
    # the rules decide before the stock levels are locked (they do not look at stock), so other
    # reviews over the same SKUs wait only for the routing and the writing
    decisions = {oid: r.review(rules, facts[oid]) for oid in open_ids}
    routes = {oid: routing.route(rules, facts[oid]) for oid, d in decisions.items() if d.action == r.APPROVE}
    orders.lock_for_stock(session, open_ids)       # several orders in one transaction: no deadlocks
    batch = order_routing.RoutingBatch(session, open_ids, rules)
    out: dict[str, list[int]] = {"approved": [], "waiting": [], "held": [], "rejected": [], "skipped": []}
    out["skipped"] = [i for i in ids if i not in open_ids]
    merged_away: set[int] = set()
    for oid in sorted(open_ids, key=lambda i: (facts[i].paid_at, i)):
        if oid in merged_away:
            continue
        f, decision = facts[oid], decisions[oid]
        batch.event(oid, "rule", decision.to_json())
        if decision.action == r.MERGE:
            # the rule merges this buyer's open orders into one parcel, then the other rules decide
            batch.flush()
            oid, gone = _merge_open(session, oid)
            merged_away.update(gone)
            batch.load([oid])
            rest = [x for x in rules if not (x.kind == r.REVIEW and x.action == r.MERGE)]
            f = order_facts(session, [oid])[oid]
            decision = r.review(rest, f)
            routes[oid] = routing.route(rules, f)
            batch.event(oid, "rule", decision.to_json())
        if decision.action == r.REJECT:
            batch.flush()
            orders.cancel_orders(session, [oid], decision.reason or "rejected_by_rule")
            out["rejected"].append(oid)
            continue
        if decision.action != r.APPROVE:       # hold
            batch.hold(oid, decision.reason or decision.action, decision.rule_id)
            out["held"].append(oid)
            continue
        out[batch.route(oid, f, decision.rule_id, routes[oid])].append(oid)
    batch.flush()
    for key in ("approved", "waiting", "held", "rejected"):
        out[key] = [i for i in out[key] if i not in merged_away]
    out["skipped"] += sorted(merged_away)
    return ReviewSummary(**{k: tuple(v) for k, v in out.items()})


def _merge_open(session: Session, oid: int) -> tuple[int, set[int]]:
    """Merge the order with the same buyer's other open orders without problems (the merge key);
    returns the order that remains and those merged into it."""
    ids = session.execute(text(
        "SELECT o2.id FROM sales.\"order\" o JOIN sales.\"order\" o2 ON o2.merge_key = o.merge_key "
        "WHERE o.id = :o AND o2.status IN ('review', 'waiting', 'approved') "
        "AND jsonb_array_length(o2.problems) = 0 ORDER BY o2.paid_at, o2.id"), {"o": oid}).scalars().all()
    if len(ids) < 2:
        return oid, set()
    target = order_merge.merge_orders(session, ids)
    return target, set(ids) - {target}


def retry_waiting(session: Session, limit: int = 500) -> orders.ApproveResult:
    """Approve the orders waiting for stock whose stock has come, oldest payment first."""
    ids = session.execute(text(
        "SELECT id FROM sales.\"order\" WHERE status = 'waiting' ORDER BY paid_at, id LIMIT :n"),
        {"n": limit}).scalars().all()
    approved, waiting, refused = [], [], []
    orders.lock_for_stock(session, ids)
    for oid in ids:
        res = orders.approve_orders(session, [oid])
        approved += res.approved
        waiting += res.waiting
        refused += res.refused
    return orders.ApproveResult(tuple(approved), tuple(waiting), tuple(refused))


def dry_run_rule(session: Session, spec: r.RuleSpec, *, limit: int = 5000) -> routing.DryRunResult:
    """What `spec` would have done to the last `limit` orders (nothing is changed)."""
    ids = session.execute(text("SELECT id FROM sales.\"order\" ORDER BY paid_at DESC, id DESC LIMIT :n"),
                          {"n": limit}).scalars().all()
    facts = order_facts(session, ids)
    return routing.dry_run(spec, [facts[i] for i in ids if i in facts], rules=load_rules(session))


def reapply_rules(session: Session) -> ReviewSummary:
    """Run the rules again over the open orders waiting in review (not those a person holds)."""
    ids = session.execute(text(
        "SELECT id FROM sales.\"order\" WHERE status = 'review' AND (hold_reason IS NULL OR hold_reason = 'no_rule' "
        "OR rule_id IS NOT NULL)")).scalars().all()
    session.execute(text("UPDATE sales.\"order\" SET hold_reason = NULL WHERE id = ANY(:ids) AND rule_id IS NOT NULL"),
                    {"ids": list(ids)})
    return review_orders(session, ids)
