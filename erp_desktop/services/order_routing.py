"""Routing and approval of the orders one review looks at, written together (order_review.review_orders).

For each order the review approves, routing picks the warehouse, the carrier and the handler
(domain/routing.py), and approval reserves its lines.  Taken one by one that was a dozen round
trips per order, most of them reading the same things again: the carriers' rate cards, the
stock of the same SKUs, the team's last handler.  `RoutingBatch` reads them once for the whole
review, keeps the stock it hands out in step itself (the review locked those stock levels up
front, so nobody else moves them meanwhile), and writes the outcome in a few statements: every
reservation in one `stock.reserve` call per line inside one statement, the lines linked, the
orders updated, the timeline appended.

What is not plain (a split over several warehouses, an order that must wait for stock, a merge
or a rejection, which the review runs itself) goes the one-at-a-time way: the batch writes what
it holds first, so the timeline stays in order, and reads the stock again afterwards.  Should
the database still refuse a reservation of the batch, the batch is rolled back and its orders
are approved one at a time, where a short one waits with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.domain import routing
from erp_desktop.domain import rules as r
from erp_desktop.services import order_merge, orders
from erp_desktop.services.order_events import record_events, recordset, rows_json

ZERO = Decimal(0)
FLUSH_EVERY = 500


@dataclass
class _Pending:
    """What the batch will write for one order."""
    oid: int
    events: list[tuple[int, str, dict]] = field(default_factory=list)
    route: tuple[int | None, str | None, int | None, Decimal | None, Decimal] | None = None
    hold: tuple[str, int | None] | None = None          # (reason, rule)
    approve: tuple[int, int | None] | None = None       # (warehouse, rule)


@dataclass(frozen=True)
class _Line:
    id: int
    sku_id: int
    quantity: Decimal


class RoutingBatch:
    def __init__(self, session: Session, order_ids: Iterable[int], rules: Sequence[r.RuleSpec]) -> None:
        self.session, self.rules = session, rules
        self.pending: list[_Pending] = []
        self.lines: dict[int, list[_Line]] = {}
        self.needs: dict[int, dict[int, Decimal]] = {}
        self.available: dict[tuple[int, int], Decimal] = {}     # (warehouse, sku) -> left to reserve
        self.warehouses: dict[int, tuple[str, str]] = {}        # id -> (code, province)
        self._carriers: list[routing.CarrierOption] | None = None
        self._last_assigned: dict[int, str | None] = {}
        self._users: dict[str, int] | None = None
        self.load(order_ids)

    # ----------------------------------------------------------------------------- reading

    def load(self, order_ids: Iterable[int]) -> None:
        """The orders' reservable lines and what they take from a warehouse (a kit: its components),
        and the stock of those SKUs in every active warehouse."""
        ids = sorted(set(order_ids))
        if not ids:
            return
        for oid in ids:
            self.lines[oid], self.needs[oid] = [], {}
        for oid, line_id, sku, qty in self.session.execute(text(
                "SELECT order_id, id, sku_id, sku_quantity FROM sales.order_line WHERE order_id = ANY(:o) "
                "AND platform_status NOT IN ('refunded', 'cancelled') ORDER BY order_id, sku_id, id"), {"o": ids}):
            self.lines[oid].append(_Line(line_id, sku, qty))
        for oid, sku, qty in self.session.execute(text(
                "SELECT l.order_id, coalesce(c.component_sku_id, l.sku_id), "
                "sum(l.sku_quantity * coalesce(c.quantity, 1)) FROM sales.order_line l "
                "LEFT JOIN catalog.kit_component c ON c.kit_sku_id = l.sku_id "
                "WHERE l.order_id = ANY(:o) AND l.platform_status NOT IN ('refunded', 'cancelled') GROUP BY 1, 2"),
                {"o": ids}):
            self.needs[oid][sku] = qty
        self.read_stock({sku for oid in ids for sku in self.needs[oid]})

    def read_stock(self, skus: Iterable[int] | None = None) -> None:
        """Available stock per warehouse of these SKUs (all SKUs the batch knows when None)."""
        wanted = sorted(set(skus) if skus is not None else {sku for need in self.needs.values() for sku in need})
        if not wanted:
            return
        for wid, code, province, sku, available in self.session.execute(text(
                "SELECT w.id, w.code, w.province, n.sku, stock.available(n.sku, w.id) FROM stock.warehouse w "
                "CROSS JOIN unnest(CAST(:skus AS int[])) n(sku) WHERE w.active ORDER BY w.id"), {"skus": wanted}):
            self.warehouses[wid] = (code, province)
            self.available[(wid, sku)] = max(available, ZERO)

    def options(self, need: dict[int, Decimal]) -> list[routing.WarehouseOption]:
        return [routing.WarehouseOption(
            id=wid, code=code, priority=100, provinces=frozenset({province}) if province else frozenset(),
            available={sku: self.available.get((wid, sku), ZERO) for sku in need})
            for wid, (code, province) in self.warehouses.items()]

    @property
    def carriers(self) -> list[routing.CarrierOption]:
        if self._carriers is None:
            self._carriers = carrier_options(self.session)
        return self._carriers

    def assign(self, decision: routing.RoutingDecision) -> int | None:
        """The handler's app user id: the rule's user, or the next of its team (round-robin; the
        rule's last handler is read once, locked, and written back when the batch is written)."""
        login = decision.user
        if decision.team_members and decision.assign is not None:
            rule_id = decision.assign.rule_id
            if rule_id not in self._last_assigned:
                self._last_assigned[rule_id] = self.session.execute(text(
                    "SELECT last_assigned FROM sales.rule WHERE id = :r FOR UPDATE"), {"r": rule_id}).scalar()
            login = self._last_assigned[rule_id] = routing.next_in_team(decision.team_members,
                                                                        self._last_assigned[rule_id])
        if not login:
            return None
        if self._users is None:
            self._users = dict(self.session.execute(text("SELECT login, id FROM core.app_user")).all())
        return self._users.get(login)

    # ----------------------------------------------------------------------------- deciding

    def _pending_for(self, oid: int) -> _Pending:
        if not self.pending or self.pending[-1].oid != oid:
            self.pending.append(_Pending(oid))
        return self.pending[-1]

    def event(self, oid: int, kind: str, detail: dict) -> None:
        self._pending_for(oid).events.append((oid, kind, detail))

    def hold(self, oid: int, reason: str, rule_id: int | None) -> None:
        self._pending_for(oid).hold = (reason, rule_id)

    def route(self, oid: int, f: r.OrderFacts, rule_id: int | None,
              decision: routing.RoutingDecision | None = None) -> str:
        """Route an approved order and reserve its stock: 'approved', 'waiting' or 'held'.  `decision`:
        the routing rules' verdict when already taken (routing.route(rules, f))."""
        decision = decision or routing.route(self.rules, f)
        need = self.needs.get(oid, {})
        plan = routing.choose_warehouses(need, f.province, self.options(need),
                                         prefer=decision.prefer_warehouses, only=decision.only_warehouses)
        self.event(oid, "routed", {"plan": plan.reason, "parts": [
            {"warehouse": p.warehouse_id, "lines": {str(k): v for k, v in p.lines.items()}} for p in plan.parts],
            "rules": decision.to_json()})
        handler = self.assign(decision)
        carrier = routing.choose_carrier(self.carriers, f.province, f.weight_kg, f.amount,
                                         carrier_id=decision.carrier_id, service=decision.service)
        self.event(oid, "carrier", {
            "reason": carrier.reason, "carrier": carrier.carrier_id, "service": carrier.service,
            "cost": carrier.estimated_cost, "weight_kg": f.weight_kg,
            "quotes": [{"carrier": q.carrier_id, "service": q.service, "cost": q.cost, "excluded": q.excluded}
                       for q in carrier.quotes]})
        pending = self._pending_for(oid)
        pending.route = (carrier.carrier_id, carrier.service or None, handler, carrier.estimated_cost, f.weight_kg)
        if carrier.reason == "rule_carrier_ineligible":      # the rule's carrier cannot take it: a person decides
            pending.hold = ("no_carrier", rule_id)
            return "held"
        if len(plan.parts) == 1 and not plan.short:
            warehouse = plan.parts[0].warehouse_id
            for sku, qty in need.items():
                self.available[(warehouse, sku)] = self.available.get((warehouse, sku), ZERO) - qty
            pending.approve = (warehouse, rule_id)
            if len(self.pending) >= FLUSH_EVERY:      # a big file: write as it goes, memory stays bounded
                self.flush()
            return "approved"
        # split over warehouses, or short of stock: one at a time, after what the batch holds
        self.flush()
        outcome = _approve_planned(self.session, oid, plan, decision, rule_id)
        self.read_stock()
        return outcome

    # ----------------------------------------------------------------------------- writing

    def flush(self) -> None:
        """Write what the batch holds: reservations, lines, orders, timeline, in a few statements."""
        pending, self.pending = self.pending, []
        if pending:
            try:
                with self.session.begin_nested():
                    self._write(pending)
            except DBAPIError:
                # the ledger refused a reservation the batch thought possible: one at a time
                self._write_one_by_one(pending)
        if self._last_assigned:
            self.session.execute(text(
                "UPDATE sales.rule r SET last_assigned = v.l FROM unnest(CAST(:r AS int[]), CAST(:l AS text[])) "
                "AS v(r, l) WHERE r.id = v.r"),
                {"r": list(self._last_assigned), "l": list(self._last_assigned.values())})

    def _write(self, pending: list[_Pending]) -> None:
        session = self.session
        reserve = [(ln.id, ln.sku_id, p.approve[0], ln.quantity)
                   for p in pending if p.approve for ln in self.lines.get(p.oid, ())]
        if reserve:
            reserve.sort(key=lambda x: (x[1], x[2], x[0]))       # the ledger's lock order
            held = session.execute(_RESERVE, {"rows": rows_json(
                [{"l": line, "s": sku, "w": wh, "q": qty} for line, sku, wh, qty in reserve])}).all()
            session.execute(text(
                "UPDATE sales.order_line l SET reservation_id = x.r FROM " + recordset({"l": "bigint", "r": "bigint"})
                + " WHERE l.id = x.l"), {"rows": rows_json([{"l": line, "r": res} for line, res in held])})
        rows = [_order_row(p) for p in pending if p.route or p.hold or p.approve]
        if rows:
            session.execute(_UPDATE_ORDERS, {"rows": rows_json(rows)})
        events = []
        for p in pending:
            events += p.events
            if p.approve:
                events.append((p.oid, "approved", {"warehouse": p.approve[0], "rule": p.approve[1],
                                                   "lines": len(self.lines.get(p.oid, ()))}))
        record_events(session, events)

    def _write_one_by_one(self, pending: list[_Pending]) -> None:
        for p in pending:
            record_events(self.session, p.events)
            if p.route or p.hold:
                row = _order_row(_Pending(p.oid, route=p.route, hold=p.hold))
                self.session.execute(_UPDATE_ORDERS, {"rows": rows_json([row])})
            if p.approve:
                orders.approve_orders(self.session, [p.oid], warehouse_id=p.approve[0], by_rule=p.approve[1])
        self.read_stock()


_ROW_TYPES = {"id": "bigint", "status": "text", "set_hold": "boolean", "hold": "text", "warehouse": "integer",
              "rule": "integer", "routed": "boolean", "carrier": "integer", "service": "text", "handler": "integer",
              "cost": "numeric", "kg": "numeric"}
_RESERVE = text("SELECT l, stock.reserve(s, w, q, 'order_line', l) FROM "
                + recordset({"l": "bigint", "s": "integer", "w": "integer", "q": "numeric"}) + " ORDER BY n")
_UPDATE_ORDERS = text("""
UPDATE sales."order" o SET
    status = coalesce(x.status, o.status),
    hold_reason = CASE WHEN x.set_hold THEN x.hold ELSE o.hold_reason END,
    warehouse_id = coalesce(x.warehouse, o.warehouse_id),
    rule_id = CASE WHEN x.status IS NOT NULL THEN coalesce(x.rule, o.rule_id) WHEN x.set_hold THEN x.rule
                   ELSE o.rule_id END,
    carrier_id = CASE WHEN x.routed THEN coalesce(x.carrier, o.carrier_id) ELSE o.carrier_id END,
    carrier_service = CASE WHEN x.routed THEN coalesce(x.service, o.carrier_service) ELSE o.carrier_service END,
    handler_id = CASE WHEN x.routed THEN coalesce(x.handler, o.handler_id) ELSE o.handler_id END,
    freight_estimate = CASE WHEN x.routed THEN x.cost ELSE o.freight_estimate END,
    weight_kg = CASE WHEN x.routed THEN x.kg ELSE o.weight_kg END
FROM """ + recordset(_ROW_TYPES) + """
WHERE o.id = x.id
""")


def _order_row(p: _Pending) -> dict[str, Any]:
    carrier, service, handler, cost, kg = p.route or (None, None, None, None, None)
    if p.approve:           # approved: no hold reason; the rule that approved, else the one before
        status, set_hold, hold, warehouse, rule = "approved", True, None, p.approve[0], p.approve[1]
    elif p.hold:            # held: the reason and the rule that held it (none: a person's hold)
        status, set_hold, hold, warehouse, rule = None, True, p.hold[0], None, p.hold[1]
    else:
        status, set_hold, hold, warehouse, rule = None, False, None, None, None
    return {"id": p.oid, "status": status, "set_hold": set_hold, "hold": hold, "warehouse": warehouse,
            "rule": rule, "routed": p.route is not None, "carrier": carrier, "service": service,
            "handler": handler, "cost": cost, "kg": kg}


def _approve_planned(session: Session, oid: int, plan: routing.WarehousePlan, decision: routing.RoutingDecision,
                     rule_id: int | None) -> str:
    """An order that is not one warehouse's whole: split per warehouse, or approved where it
    waits for its stock (the ledger says what is short)."""
    if plan.is_split:
        groups = _line_groups(session, oid, plan)
        if groups is None:          # a line would have to ship from two warehouses: a person decides
            session.execute(text("UPDATE sales.\"order\" SET hold_reason = 'needs_split', rule_id = :r "
                                 "WHERE id = :o"), {"r": rule_id, "o": oid})
            return "held"
        parts = order_merge.split_order(session, oid, [lines for _, lines in groups])
        outcomes = []
        for part_id, (warehouse, _) in zip(parts, groups, strict=True):
            res = orders.approve_orders(session, [part_id], warehouse_id=warehouse, by_rule=rule_id)
            outcomes.append("approved" if res.approved else "waiting" if res.waiting else "held")
        return "approved" if all(o == "approved" for o in outcomes) else "waiting"
    warehouse = plan.parts[0].warehouse_id if plan.parts else (
        next(iter(decision.only_warehouses)) if decision.only_warehouses else None)
    result = orders.approve_orders(session, [oid], warehouse_id=warehouse, by_rule=rule_id)
    if result.approved:
        return "approved"
    if result.waiting:
        return "waiting"
    return "held"


def _line_groups(session: Session, oid: int, plan: routing.WarehousePlan) -> list[tuple[int, list[int]]] | None:
    """The order's lines per warehouse of a split plan, when every line ships whole from one
    warehouse (no kits: their components could part ways); else None."""
    lines = session.execute(text(
        "SELECT l.id, l.sku_id, l.sku_quantity, k.is_kit FROM sales.order_line l JOIN catalog.sku k ON k.id = l.sku_id "
        "WHERE l.order_id = :o AND l.platform_status NOT IN ('refunded', 'cancelled') ORDER BY l.line_no"),
        {"o": oid}).all()
    if any(ln.is_kit for ln in lines):
        return None
    left = [dict(p.lines) for p in plan.parts]
    groups: list[tuple[int, list[int]]] = [(p.warehouse_id, []) for p in plan.parts]
    for ln in lines:
        for i, part in enumerate(left):
            if part.get(ln.sku_id, 0) >= ln.sku_quantity:
                part[ln.sku_id] -= ln.sku_quantity
                groups[i][1].append(ln.id)
                break
        else:
            return None
    groups = [g for g in groups if g[1]]
    return groups if len(groups) > 1 else None


def carrier_options(session: Session) -> list[routing.CarrierOption]:
    """The active services of the active carriers with their rate cards (sql/0010)."""
    rows = session.execute(text(
        "SELECT cs.* FROM fulfil.carrier_service cs JOIN fulfil.carrier c ON c.id = cs.carrier_id "
        "WHERE cs.active AND c.active ORDER BY cs.carrier_id, cs.service")).mappings().all()
    return [routing.CarrierOption(
        carrier_id=r["carrier_id"], service=r["service"], provinces=frozenset(r["provinces"]),
        excluded_provinces=frozenset(r["excluded_provinces"]), max_weight_kg=r["max_weight_kg"],
        min_amount=r["min_amount"], max_amount=r["max_amount"], first_weight_kg=r["first_weight_kg"],
        first_fee=r["first_fee"], extra_fee_per_kg=r["extra_fee_per_kg"], weight_step_kg=r["weight_step_kg"],
        rates_by_province={p: routing.ProvinceRate(Decimal(str(v["first_fee"])), Decimal(str(v["extra_fee_per_kg"])))
                           for p, v in (r["province_rates"] or {}).items()},
        extra_fee_by_province={p: Decimal(str(v)) for p, v in (r["province_surcharges"] or {}).items()})
        for r in rows]

