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


def recordset(columns: dict[str, str], param: str = "rows") -> str:
    """SQL for a batch of rows sent as one JSON array (`rows_json`): `jsonb_to_recordset(...) AS x(...)`
    with a column `n`, the row's place in the batch.  One JSON text is much cheaper for the client
    than an array per column, whose text elements psycopg escapes one by one in Python."""
    cols = ", ".join(f"{c} {t}" for c, t in columns.items())
    return (f"ROWS FROM (jsonb_to_recordset(CAST(:{param} AS jsonb)) AS ({cols})) WITH ORDINALITY "
            f"AS x({', '.join(columns)}, n)")


def rows_json(rows: Sequence[dict]) -> str:
    """Rows for `recordset`: Decimals and datetimes as their text, which PostgreSQL reads back exactly."""
    return json.dumps(rows, ensure_ascii=False, default=str)


_EVENTS = text("INSERT INTO sales.order_event (order_id, kind, detail) SELECT o, k, d FROM "
               + recordset({"o": "bigint", "k": "text", "d": "jsonb"}) + " ORDER BY n")


def record_events(session: Session, events: Sequence[tuple[int, str, dict]]) -> None:
    """(order id, kind, detail) for several orders in one statement, in the order given."""
    if events:
        session.execute(_EVENTS, {"rows": rows_json([{"o": o, "k": k, "d": d} for o, k, d in events])})
