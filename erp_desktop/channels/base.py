"""The one Protocol every platform adapter keeps (DESIGN.md §3 `channels/`).

Adapters take and return plain data (erp_desktop.domain.orders) and bytes; they never touch the
database.  The services keep cursors, raw payloads and retries' bookkeeping; an adapter only says
what the platform answered, and raises ChannelError (with `retry_after` when the platform said
when to come back) when it could not.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from erp_desktop.domain.orders import FetchPage, ParsedOrders, PushResult, ShipmentConfirmation, StockPush


@runtime_checkable
class OrderChannel(Protocol):
    """A shop reached through its platform's API."""

    platform: str

    def fetch_orders(self, cursor: str | None) -> FetchPage:
        """The next page of orders created or changed since `cursor` (None: from the start the
        shop's settings say).  The page's cursor resumes after it; None when nothing is left."""
        ...

    def push_stock(self, levels: Sequence[StockPush]) -> list[PushResult]:
        """Tell the platform how many of each SKU the shop may sell."""
        ...

    def confirm_shipment(self, shipment: ShipmentConfirmation) -> None:
        """Mark the order shipped on the platform with its carrier and tracking number."""
        ...


class OrderFileFormat(Protocol):
    """A platform's own order export, as sellers download it from their seller back-end."""

    platform: str

    def parse(self, paths: Sequence[Path]) -> ParsedOrders:
        """Read the file(s) of one export (Taobao's order report and item report are two files)."""
        ...
