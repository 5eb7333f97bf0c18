"""The demo company's warehouse floor: carriers' rate cards and label layouts, tracking number
pools, and waves of the approved orders in every state (one shipped, one half picked, the rest
waiting for the pickers), made through the real fulfilment services so the Fulfilment dock, the
packing station and the Orders dock's Picking and Shipped tabs have something to show.

`seed_rate_cards` runs before the demo's orders are reviewed (routing picks the cheapest card);
`seed_fulfilment` after them."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.services import fulfilment

REMOTE = ("新疆维吾尔自治区", "西藏自治区")
# carrier code -> services: (service, first kg fee, per extra kg, weight step, remote first fee, remote per kg)
RATE_CARDS: dict[str, tuple[tuple[str, str, str, str, str, str], ...]] = {
    "ZTO": (("标快", "5.00", "2.00", "1", "18.00", "12.00"),),
    "YTO": (("标快", "5.50", "2.00", "1", "18.00", "12.00"),),
    "YD": (("标快", "4.80", "2.20", "1", "20.00", "13.00"),),
    "SF": (("标快", "12.00", "5.00", "0.5", "25.00", "15.00"), ("特快", "18.00", "8.00", "0.5", "30.00", "20.00")),
    "JD": (("特惠送", "10.00", "4.00", "1", "22.00", "14.00"),),
}
LABELS = {"SF": ("standard", "100x150"), "JD": ("standard", "100x150")}    # the rest: the 100 x 180 e-waybill
POOL = 2000                       # tracking numbers per carrier


@dataclass(frozen=True)
class FulfilmentSummary:
    rate_cards: int = 0
    tracking_numbers: int = 0
    waves: int = 0
    shipped: int = 0
    picked_lines: int = 0


def seed_rate_cards(session: Session) -> int:
    """Each demo carrier's services with their first-kilo and extra-kilo fees, dearer to the far west."""
    carriers = dict(session.execute(text("SELECT code, id FROM fulfil.carrier")).all())
    n = 0
    for code, services in RATE_CARDS.items():
        if code not in carriers:
            continue
        for service, first, extra, step, far_first, far_extra in services:
            rates = {p: {"first_fee": far_first, "extra_fee_per_kg": far_extra} for p in REMOTE}
            session.execute(text(
                "INSERT INTO fulfil.carrier_service (carrier_id, service, first_fee, extra_fee_per_kg, weight_step_kg, "
                "province_rates) VALUES (:c, :s, :f, :e, :w, CAST(:r AS jsonb))"),
                {"c": carriers[code], "s": service, "f": Decimal(first), "e": Decimal(extra), "w": Decimal(step),
                 "r": json.dumps(rates, ensure_ascii=False)})
            n += 1
    return n


def seed_fulfilment(session: Session, *, wave_size: int = 15, waves: int = 4) -> FulfilmentSummary:
    """Label layouts, a tracking pool per carrier, and `waves` waves of the main warehouse's
    approved orders: the first picked and shipped, the second half picked, the others open."""
    carriers = dict(session.execute(text("SELECT code, id FROM fulfil.carrier ORDER BY id")).all())
    for code, cid in carriers.items():
        layout, size = LABELS.get(code, ("ewaybill", "100x180"))
        session.execute(text("UPDATE fulfil.carrier SET label_layout = :l, label_size = :s WHERE id = :c"),
                        {"l": layout, "s": size, "c": cid})
    numbers = 0
    for i, (code, cid) in enumerate(carriers.items()):
        base = 7_310_000_000 + i * 10_000_000
        numbers += fulfilment.import_tracking_numbers(
            session, cid, number_range=f"{code}{base}-{code}{base + POOL - 1}").imported
    main = session.execute(text(
        "SELECT warehouse_id FROM sales.\"order\" WHERE status = 'approved' AND carrier_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")).scalar()
    if main is None:
        return FulfilmentSummary(tracking_numbers=numbers)
    ids = session.execute(text(
        "SELECT id FROM sales.\"order\" WHERE status = 'approved' AND carrier_id IS NOT NULL AND warehouse_id = :w "
        "ORDER BY paid_at, id LIMIT :n"), {"w": main, "n": wave_size * waves}).scalars().all()
    made = fulfilment.create_waves(session, warehouse_id=main, order_ids=ids, max_orders=wave_size)
    shipped = picked = 0
    for k, wave in enumerate(made[:2]):
        lines = fulfilment.picking_list(session, wave.id).lines
        for line in lines[: len(lines) if k == 0 else len(lines) // 2]:
            fulfilment.confirm_pick(session, wave.id, line.location_code, line.sku_code, line.quantity)
            picked += 1
        if k == 0:
            for oid in session.execute(text("SELECT order_id FROM fulfil.wave_order WHERE wave_id = :w "
                                            "AND removed_at IS NULL ORDER BY order_id"), {"w": wave.id}).scalars():
                expected = fulfilment.pack_order(session, oid).expected_weight_kg or Decimal("0.5")
                fulfilment.ship_order(session, oid, [fulfilment.Parcel(expected)], None, uuid.uuid4())
                shipped += 1
    return FulfilmentSummary(sum(len(s) for s in RATE_CARDS.values()), numbers, len(made), shipped, picked)
