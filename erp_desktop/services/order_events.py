"""An order's timeline (sales.order_event): one event, or many in one statement."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


def jsonable(value: Any) -> Any:
    """Decimals, dates and the like as JSON has them (strings), so the stored detail reads back the same."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def record_event(session: Session, order_id: int, kind: str, detail: dict) -> None:
    """Add to the order's timeline (who and when are the database's)."""
    session.execute(text("INSERT INTO sales.order_event (order_id, kind, detail) VALUES (:o, :k, CAST(:d AS jsonb))"),
                    {"o": order_id, "k": kind, "d": dumps(detail)})


def record_events(session: Session, events: Sequence[tuple[int, str, dict]]) -> None:
    """(order id, kind, detail) for several orders in one statement, in the order given."""
    if not events:
        return
    session.execute(text(
        "INSERT INTO sales.order_event (order_id, kind, detail) SELECT o, k, d FROM unnest(CAST(:o AS bigint[]), "
        "CAST(:k AS text[]), CAST(:d AS jsonb[])) WITH ORDINALITY AS e(o, k, d, n) ORDER BY n"),
        {"o": [e[0] for e in events], "k": [e[1] for e in events], "d": [dumps(e[2]) for e in events]})
