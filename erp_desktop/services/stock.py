"""Stock use cases.  Every write goes through the ledger's SECURITY DEFINER functions
(sql/0003_stock_ledger.sql): the database checks the rules and the role's right; these
functions turn its refusals into typed errors.  Reads for the Stock dock are in stock_queries."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from dataclasses import dataclass
from decimal import Decimal

import psycopg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.db.engine import autocommit_pool
from erp_desktop.domain.errors import NotFoundError, PermissionDeniedError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.services.tx import is_retryable


def _translate(exc: DBAPIError, action: str) -> Exception:
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if state == "P0001" and diag is not None and diag.message_hint == "not_enough_stock":
        d = json.loads(diag.message_detail or "{}")
        return NotEnoughStockError(d.get("sku", "?"), d.get("warehouse", "?"), Decimal(str(d.get("wanted", 0))),
                                   Decimal(str(d.get("available", 0))))
    if state == "42501":
        return PermissionDeniedError(action, str(orig).splitlines()[0])
    if state in ("23514", "23503", "22023"):   # check_violation, foreign_key_violation, invalid_parameter
        return StockRuleError(diag.message_primary if diag is not None else str(orig))
    if state == "P0002":                        # no_data_found
        return NotFoundError(action, diag.message_primary if diag is not None else "")
    return exc


def _call(session: Session, action: str, sql: str, params: dict) -> object:
    """Run one ledger function call (psycopg `%(name)s` parameters) in the session's transaction.

    The statement goes straight to the session's psycopg connection, which saves SQLAlchemy's
    statement and result machinery (a quarter to a third of the client's CPU per reservation, see
    benchmarks/stock.py); psycopg prepares it on the server after a few calls.  The transaction is
    still the Session's: it begins here as with session.execute() and commits or rolls back with
    the Session.  Errors come out as SQLAlchemy would raise them (DBAPIError subclasses, a dropped
    connection invalidated), so run_in_transaction retries deadlocks and serialization failures as
    before, and the ledger's refusals become typed errors."""
    conn = session.connection()
    driver = conn.connection.driver_connection
    try:
        with driver.execute(sql, params) as cur:
            row = cur.fetchone()
    except psycopg.Error as orig:
        dialect = conn.dialect
        invalidated = dialect.is_disconnect(orig, driver, None)
        exc = DBAPIError.instance(sql, params, orig, psycopg.Error, connection_invalidated=invalidated,
                                  dialect=dialect)
        if invalidated:
            conn.invalidate(exc)
        err = _translate(exc, action)
        raise err from (orig if err is exc else exc)
    return None if row is None else row[0]


def _call_alone(sessions: sessionmaker[Session], action: str, sql: str, params: dict, *, attempts: int = 6) -> object:
    """Run one ledger function call as a transaction of its own: the single statement runs on one
    of the engine's autocommit connections (db.engine.AutocommitPool), without a Session and
    without the BEGIN and COMMIT round trips, since the function is atomic by itself.  Deadlocks
    and serialization failures are retried (nothing was done); refusals become typed errors as
    with _call.  A dropped connection is not retried: the statement may have been committed."""
    engine = sessions.kw["bind"]
    pool = autocommit_pool(engine)
    for attempt in range(1, attempts + 1):
        try:
            with pool.connection() as conn, conn.execute(sql, params) as cur:
                row = cur.fetchone()
        except psycopg.Error as orig:
            exc = DBAPIError.instance(sql, params, orig, psycopg.Error, dialect=engine.dialect,
                                      connection_invalidated=engine.dialect.is_disconnect(orig, None, None))
            if is_retryable(exc) and attempt < attempts:
                time.sleep(random.uniform(0, 0.005 * 2 ** attempt))
                continue
            err = _translate(exc, action)
            raise err from (orig if err is exc else exc)
        return None if row is None else row[0]
    raise AssertionError("unreachable")


def receive_goods(session: Session, sku_id: int, location_id: int, quantity: Decimal, *, lot_no: str | None = None,
                  expires_on: dt.date | None = None, supplier_id: int | None = None, note: str | None = None,
                  doc_ref: str | None = None) -> int:
    """Goods arrive (without a purchase order for now): returns the move id."""
    return _call(session, "receive goods",
                 "SELECT stock.receive(%(sku)s, %(loc)s, %(qty)s, %(lot)s, %(exp)s, %(sup)s, %(note)s, %(ref)s)",
                 {"sku": sku_id, "loc": location_id, "qty": quantity, "lot": lot_no, "exp": expires_on,
                  "sup": supplier_id, "note": note, "ref": doc_ref})


def adjust_stock(session: Session, sku_id: int, location_id: int, delta: Decimal, reason: str, *,
                 lot_id: int | None = None, note: str | None = None) -> int | None:
    """Correct a bin's quantity by `delta` (warehouse leads and administrators only)."""
    return _call(session, "adjust stock",
                 "SELECT stock.adjust(%(sku)s, %(loc)s, %(lot)s, %(delta)s, %(reason)s, %(note)s)",
                 {"sku": sku_id, "loc": location_id, "lot": lot_id, "delta": delta, "reason": reason, "note": note})


def scrap_stock(session: Session, sku_id: int, location_id: int, quantity: Decimal, reason: str, *,
                lot_id: int | None = None, note: str | None = None) -> int:
    return _call(session, "scrap stock",
                 "SELECT stock.scrap(%(sku)s, %(loc)s, %(lot)s, %(qty)s, %(reason)s, %(note)s)",
                 {"sku": sku_id, "loc": location_id, "lot": lot_id, "qty": quantity, "reason": reason, "note": note})


def transfer_stock(session: Session, sku_id: int, from_location_id: int, to_location_id: int, quantity: Decimal, *,
                   lot_id: int | None = None, note: str | None = None) -> int:
    """Between two bins of one warehouse."""
    return _call(session, "transfer stock",
                 "SELECT stock.transfer(%(sku)s, %(lot)s, %(src)s, %(dst)s, %(qty)s, %(note)s)",
                 {"sku": sku_id, "lot": lot_id, "src": from_location_id, "dst": to_location_id, "qty": quantity,
                  "note": note})


def ship_transfer(session: Session, sku_id: int, from_location_id: int, to_warehouse_id: int, quantity: Decimal, *,
                  lot_id: int | None = None, note: str | None = None, doc_ref: str | None = None) -> int:
    """Between warehouses, step one: the goods leave and are in transit to the other warehouse."""
    return _call(session, "ship transfer",
                 "SELECT stock.ship_transfer(%(sku)s, %(lot)s, %(src)s, %(wh)s, %(qty)s, %(note)s, %(ref)s)",
                 {"sku": sku_id, "lot": lot_id, "src": from_location_id, "wh": to_warehouse_id, "qty": quantity,
                  "note": note, "ref": doc_ref})


def receive_transfer(session: Session, sku_id: int, to_location_id: int, quantity: Decimal, *,
                     lot_id: int | None = None, note: str | None = None, doc_ref: str | None = None) -> int:
    """Between warehouses, step two: goods in transit arrive in a bin."""
    return _call(session, "receive transfer",
                 "SELECT stock.receive_transfer(%(sku)s, %(lot)s, %(dst)s, %(qty)s, %(note)s, %(ref)s)",
                 {"sku": sku_id, "lot": lot_id, "dst": to_location_id, "qty": quantity, "note": note, "ref": doc_ref})


def reserve_stock(session: Session, sku_id: int, warehouse_id: int, quantity: Decimal, *, doc_type: str = "hold",
                  doc_id: int | None = None, note: str | None = None) -> int:
    """Hold stock for a document (a kit holds its components); NotEnoughStockError holds nothing."""
    return _call(session, "reserve stock",
                 "SELECT stock.reserve(%(sku)s, %(wh)s, %(qty)s, %(dtype)s, %(did)s, %(note)s)",
                 {"sku": sku_id, "wh": warehouse_id, "qty": quantity, "dtype": doc_type, "did": doc_id, "note": note})


def hold_stock(sessions: sessionmaker[Session], sku_id: int, warehouse_id: int, quantity: Decimal, *,
               doc_type: str = "hold", doc_id: int | None = None, note: str | None = None) -> int:
    """reserve_stock as a transaction of its own (a manual hold, a single line): the fastest way to
    reserve one thing, since the ledger function is one atomic statement.  Returns the reservation."""
    return _call_alone(sessions, "reserve stock",
                       "SELECT stock.reserve(%(sku)s, %(wh)s, %(qty)s, %(dtype)s, %(did)s, %(note)s)",
                       {"sku": sku_id, "wh": warehouse_id, "qty": quantity, "dtype": doc_type, "did": doc_id,
                        "note": note})


def unhold_stock(sessions: sessionmaker[Session], reservation_id: int, quantity: Decimal | None = None) -> None:
    """release_stock as a transaction of its own."""
    _call_alone(sessions, "release stock", "SELECT stock.release(%(r)s, %(qty)s)",
                {"r": reservation_id, "qty": quantity})


def release_stock(session: Session, reservation_id: int, quantity: Decimal | None = None) -> None:
    _call(session, "release stock", "SELECT stock.release(%(r)s, %(qty)s)", {"r": reservation_id, "qty": quantity})


def consume_stock(session: Session, reservation_id: int, quantity: Decimal | None = None, *,
                  doc_ref: str | None = None) -> None:
    """Ship what a reservation holds: lots first-expiry-first-out, bins in pick-path order."""
    _call(session, "ship stock", "SELECT stock.consume(%(r)s, %(qty)s, %(ref)s)",
          {"r": reservation_id, "qty": quantity, "ref": doc_ref})


def available_stock(session: Session, sku_id: int, warehouse_id: int) -> Decimal:
    """On hand less expired lots and reservations."""
    return Decimal(_call(session, "read stock", "SELECT stock.available(%(sku)s, %(wh)s)",
                         {"sku": sku_id, "wh": warehouse_id}))


@dataclass(frozen=True)
class LedgerDifference:
    what: str          # quant, on_hand, in_transit, reserved
    sku_id: int
    place: int         # location id for quants, warehouse id for levels
    lot_id: int | None
    stored: Decimal
    expected: Decimal


def check_ledger(session: Session) -> list[LedgerDifference]:
    """Every stored quantity against the sum of the moves (and reservations); empty when the ledger holds."""
    rows = session.execute(text("SELECT what, sku_id, place, lot_id, stored, expected FROM stock.check_ledger()"))
    return [LedgerDifference(*r) for r in rows]


@dataclass(frozen=True)
class PastMove:
    """A move that happened before the system knew it (opening balance, imported history)."""

    kind: str                     # receipt, shipment, return, adjustment
    sku_id: int
    quantity: Decimal
    at: dt.datetime
    from_location_id: int | None = None
    to_location_id: int | None = None
    lot_id: int | None = None
    doc_type: str | None = None
    doc_ref: str | None = None
    reason: str | None = None
    lot_no: str | None = None          # instead of lot_id: the SKU's lot by number, made if new
    expires_on: dt.date | None = None  # for a new lot
    supplier_id: int | None = None     # for a new lot


def record_history(session: Session, moves: list[PastMove], *, batch: int = 20_000) -> int:
    """Record past moves with their real dates, set-based (administrators only); returns the count."""
    total = 0
    for i in range(0, len(moves), batch):
        payload = json.dumps([{
            "kind": m.kind, "sku": m.sku_id, "lot": m.lot_id, "from": m.from_location_id, "to": m.to_location_id,
            "qty": str(m.quantity), "at": m.at.isoformat(), "doc_type": m.doc_type, "doc_ref": m.doc_ref,
            "reason": m.reason, "lot_no": m.lot_no, "supplier": m.supplier_id,
            "expires": m.expires_on.isoformat() if m.expires_on else None} for m in moves[i:i + batch]])
        total += _call(session, "record stock history", "SELECT stock.record_history(%(m)s::jsonb)",
                       {"m": payload})
    return total
