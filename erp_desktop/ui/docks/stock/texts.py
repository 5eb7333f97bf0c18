"""Stock words in the user's language: move kinds, location kinds, reasons (the stock errors are
said by ops.describe_error)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from erp_desktop.services.stock_queries import ReasonInfo

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
