"""Transactions that retry themselves when PostgreSQL picks them as a deadlock victim or
reports a serialization failure: the work is redone from the start in a new transaction."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")

RETRYABLE = {"40001", "40P01"}   # serialization_failure, deadlock_detected


def is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in RETRYABLE


def run_in_transaction(sessions: sessionmaker[Session], work: Callable[[Session], T], *, attempts: int = 6) -> T:
    """Run `work(session)` in its own transaction; retry it on deadlock or serialization failure."""
    for attempt in range(1, attempts + 1):
        try:
            with sessions.begin() as session:
                return work(session)
        except DBAPIError as exc:
            if not is_retryable(exc) or attempt == attempts:
                raise
            time.sleep(random.uniform(0, 0.005 * 2 ** attempt))
    raise AssertionError("unreachable")
