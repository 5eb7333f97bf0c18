"""The words of the Stocktake module: states, scopes, and its errors as sentences."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.domain.stocktake import (
    BlindCountError,
    LotRequiredError,
    NotInCountError,
    StocktakeIncompleteError,
    StocktakeOverlapError,
    StocktakeStateError,
)
from erp_desktop.ui import ops

translate = QCoreApplication.translate     # lupdate finds translate("stocktake", "...")


def status(value: str) -> str:
    return {
        "draft": translate("stocktake", "Draft"),
        "counting": translate("stocktake", "Counting"),
        "closed": translate("stocktake", "Counted, not posted"),
        "posted": translate("stocktake", "Posted"),
        "cancelled": translate("stocktake", "Cancelled"),
    }.get(value, value)


def bin_state(value: str) -> str:
    return {
        "pending": translate("stocktake", "not counted"),
        "counting": translate("stocktake", "counting"),
        "counted": translate("stocktake", "counted"),
        "recount": translate("stocktake", "to recount"),
    }.get(value, value)


def scope(value: str) -> str:
    return {
        "warehouse": translate("stocktake", "Whole warehouse"),
        "bins": translate("stocktake", "Chosen bins"),
        "category": translate("stocktake", "Category"),
        "skus": translate("stocktake", "Cycle count"),
    }.get(value, value)


def _action(action: str) -> str:
    return {
        "count": translate("stocktake", "count"),
        "count stock": translate("stocktake", "count stock"),
        "start counting": translate("stocktake", "start counting"),
        "start counting a bin": translate("stocktake", "start counting a bin"),
        "finish": translate("stocktake", "finish the bin"),
        "finish a bin": translate("stocktake", "finish a bin"),
        "resume": translate("stocktake", "resume the bin"),
        "resume a bin": translate("stocktake", "resume a bin"),
        "recount": translate("stocktake", "recount the bin"),
        "recount a bin": translate("stocktake", "recount a bin"),
        "record a scan": translate("stocktake", "record a scan"),
        "close": translate("stocktake", "close the count"),
        "close a stocktake": translate("stocktake", "close counts"),
        "reopen": translate("stocktake", "reopen the count"),
        "reopen a stocktake": translate("stocktake", "reopen counts"),
        "cancel": translate("stocktake", "cancel the count"),
        "cancel a stocktake": translate("stocktake", "cancel counts"),
        "post": translate("stocktake", "post the count"),
        "post a stocktake": translate("stocktake", "post counts"),
        "plan a stocktake": translate("stocktake", "plan counts"),
        "add bins": translate("stocktake", "add bins"),
    }.get(action, action)


def describe(exc: BaseException) -> str:
    """One sentence for the banner or a message box, in the user's language."""
    if isinstance(exc, StocktakeStateError):
        if exc.what == "bin":
            return (translate("stocktake", "Cannot %1: bin %2 is %3.").replace("%1", _action(exc.action))
                    .replace("%2", str(exc.key)).replace("%3", bin_state(exc.state)))
        return (translate("stocktake", "Cannot %1: count %2 is %3.").replace("%1", _action(exc.action))
                .replace("%2", str(exc.key)).replace("%3", status(exc.state)))
    if isinstance(exc, NotInCountError):
        if exc.what == "kit":
            return translate("stocktake", "%1 is a kit: count its components, not the kit.").replace("%1", exc.code)
        return translate("stocktake", "%1 is not part of this count — not counted.").replace("%1", exc.code)
    if isinstance(exc, StocktakeIncompleteError):
        return (translate("stocktake", "%1 bin(s) are not counted yet: %2").replace("%1", str(exc.count))
                .replace("%2", ", ".join(exc.bins[:10]) + (" …" if exc.count > 10 else "")))
    if isinstance(exc, StocktakeOverlapError):
        return (translate("stocktake", "Bin %1 is being counted in %2 already; finish or cancel that count first.")
                .replace("%1", exc.bin_code).replace("%2", f"ST{exc.other:06d}"))
    if isinstance(exc, LotRequiredError):
        return (translate("stocktake", "%1 has several lots in this bin: %2").replace("%1", exc.sku)
                .replace("%2", ", ".join(exc.lots)))
    if isinstance(exc, BlindCountError):
        return translate("stocktake", "This is a blind count: expected quantities and differences are shown to "
                                      "warehouse leads, and to everyone once it is posted.")
    if isinstance(exc, NotEnoughStockError):
        return (translate("stocktake", "Cannot take %1 of %2 out of warehouse %3: only %4 are free (the rest is "
                                       "reserved). Release reservations or recount, then post again.")
                .replace("%1", str(exc.wanted)).replace("%2", exc.sku).replace("%3", exc.warehouse)
                .replace("%4", str(exc.available)))
    if isinstance(exc, PermissionDeniedError):
        return (translate("stocktake", "Your role may not %1. Ask a warehouse lead or an administrator.")
                .replace("%1", _action(exc.action)))
    if isinstance(exc, StockRuleError):
        return translate("stocktake", "Refused: %1").replace("%1", exc.detail)
    return ops.describe_error(exc)[1]
