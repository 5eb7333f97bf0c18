"""Importing an order file for a shop, as the Orders dock and `erp-desktop import orders` do it:
the shop's saved column mapping for files no platform format reads, then the import and the review
rules on what came in, in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from erp_desktop.domain.orders import ParsedOrders
from erp_desktop.services import order_review, orders


def column_mapping(session: Session, shop_id: int) -> dict[str, Any] | None:
    """The shop's column mapping (our field -> the file's header), as saved; None if none."""
    value = session.execute(text("SELECT settings -> 'column_mapping' FROM sales.shop WHERE id = :s"),
                            {"s": shop_id}).scalar()
    return value if isinstance(value, dict) and value else None


def save_column_mapping(session: Session, shop_id: int, mapping: dict[str, Any]) -> None:
    """Remember the columns of the shop's files for every user and the command line."""
    orders.save_shop_settings(session, shop_id, {"column_mapping": mapping})


def import_parsed(session: Session, shop_id: int, parsed: ParsedOrders, *, file_name: str | None = None,
                  review: bool = True) -> tuple[orders.ImportSummary, order_review.ReviewSummary | None]:
    """Store what the file held, then run the review rules on the new and changed orders."""
    summary = orders.import_orders(session, shop_id, parsed, source="file", file_name=file_name)
    reviewed = order_review.review_orders(session, summary.order_ids) if review and summary.order_ids else None
    return summary, reviewed
