"""Stock words in the user's language: move kinds, location kinds, reasons, and the stock errors."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from erp_desktop.domain.errors import PermissionDeniedError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.services.stock_queries import ReasonInfo
from erp_desktop.ui import ops
from erp_desktop.ui.models.stock_table import format_qty

translate = QCoreApplication.translate


def chinese() -> bool:
    app = QApplication.instance()
    return bool(app is not None and str(app.property("erp_language") or "").startswith("zh"))


def move_kind_label(kind: str) -> str:
    labels = {
        "receipt": translate("StockTexts", "Receipt"),
        "shipment": translate("StockTexts", "Shipment"),
        "transfer": translate("StockTexts", "Transfer"),
        "transfer_out": translate("StockTexts", "Transfer shipped"),
        "transfer_in": translate("StockTexts", "Transfer received"),
        "adjustment": translate("StockTexts", "Adjustment"),
        "stocktake": translate("StockTexts", "Stocktake"),
        "return": translate("StockTexts", "Return"),
        "scrap": translate("StockTexts", "Scrap"),
    }
    return labels.get(kind, kind)


def location_kind_label(kind: str) -> str:
    labels = {
        "bin": translate("StockTexts", "Bin"),
        "receiving": translate("StockTexts", "Receiving"),
        "shipping": translate("StockTexts", "Shipping"),
        "staging": translate("StockTexts", "Staging"),
        "transit": translate("StockTexts", "In transit"),
    }
    return labels.get(kind, kind)


def reason_label(reason: ReasonInfo | None = None, *, code: str | None = None, name: str | None = None,
                 name_zh: str | None = None) -> str:
    """A reason code by its name in the user's language (the database holds both)."""
    if reason is not None:
        code, name, name_zh = reason.code, reason.name, reason.name_zh
    if chinese() and name_zh:
        return name_zh
    return name or code or ""


def _action_label(action: str) -> str | None:
    labels = {
        "receive goods": translate("StockTexts", "receive goods"),
        "adjust stock": translate("StockTexts", "post stock adjustments"),
        "scrap stock": translate("StockTexts", "scrap stock"),
        "transfer stock": translate("StockTexts", "move stock between bins"),
        "ship transfer": translate("StockTexts", "ship transfers to other warehouses"),
        "receive transfer": translate("StockTexts", "receive transfers"),
        "read stock": translate("StockTexts", "read stock"),
    }
    return labels.get(action)


# the ledger's refusals (sql/0003_stock_ledger.sql), by the start of their English message
def _rule_label(detail: str) -> str | None:
    rules = (
        ("a kit is not stocked itself", translate("StockTexts", "A kit is not stocked itself: move its "
                                                                "components instead.")),
        ("goods are received into a bin", translate("StockTexts", "Goods are received into a bin, not into "
                                                                  "transit.")),
        ("bins of two warehouses", translate("StockTexts", "The bins are in two warehouses: ship the transfer "
                                                           "and receive it there instead.")),
        ("transit is reached by shipping", translate("StockTexts", "Goods reach transit only by shipping a "
                                                                   "transfer.")),
        ("a transfer within one warehouse", translate("StockTexts", "Within one warehouse, move the goods "
                                                                    "between bins.")),
        ("an adjustment needs a reason", translate("StockTexts", "An adjustment needs a reason.")),
        ("scrapping needs a reason", translate("StockTexts", "Scrapping needs a reason.")),
        ("a stock move needs a positive quantity", translate("StockTexts", "The quantity must be more than "
                                                                           "zero.")),
        ("a quantity has at most 3 decimals", translate("StockTexts", "A quantity has at most 3 decimals.")),
    )
    low = detail.lower()
    return next((text for start, text in rules if low.startswith(start)), None)


def describe_stock_error(exc: BaseException) -> tuple[str, str]:
    """(title, message) for an error of a stock operation; others as ops.describe_error says them."""
    if isinstance(exc, NotEnoughStockError):
        return (translate("StockTexts", "Not enough stock"),
                translate("StockTexts", "Not enough stock of %1 in warehouse %2: wanted %3, available %4.")
                .replace("%1", exc.sku).replace("%2", exc.warehouse)
                .replace("%3", format_qty(Decimal(exc.wanted))).replace("%4", format_qty(Decimal(exc.available))))
    if isinstance(exc, StockRuleError):
        return (translate("StockTexts", "Not possible"),
                _rule_label(exc.detail) or translate("StockTexts", "The stock rules refuse this: %1")
                .replace("%1", exc.detail))
    action = _action_label(exc.action) if isinstance(exc, PermissionDeniedError) else None
    if action is not None:
        return (translate("StockTexts", "Not allowed"),
                translate("StockTexts", "Your role may not %1. Ask an administrator if you need to.")
                .replace("%1", action))
    return ops.describe_error(exc)
