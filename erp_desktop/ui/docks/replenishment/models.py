"""The Replenishment dock's tables: what to buy, and the slow-mover / overstock report.

Both are reports computed in the background and loaded whole (a few thousand rows at most: only
the pairs to buy, or with stock that is not moving), then sorted in the view by a proxy model on
the raw numbers (SORT_ROLE)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from erp_desktop.services.replenishment import SlowMover, Suggestion
from erp_desktop.ui.widgets.money import format_decimal, format_money

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_ALERT = QColor("#c62828")
_ALERT_BG = QColor(198, 40, 40, 28)


def fmt_qty(value: Decimal | float | None, places: int = 3) -> str:
    """A quantity by locale, without trailing zeros: 12, 12.5, 0.125."""
    if value is None:
        return ""
    d = Decimal(str(value))
    d = d.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP).normalize()
    exp = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    return format_decimal(d, int(exp))


def fmt_num(value: float | Decimal | None, places: int = 1) -> str:
    if value is None:
        return ""
    return format_decimal(Decimal(str(round(float(value), places))), places)


def category_label(category: str) -> str:
    return {
        "dead": QCoreApplication.translate("ReplenishmentLabels", "Dead stock"),
        "slow": QCoreApplication.translate("ReplenishmentLabels", "Slow mover"),
        "overstock": QCoreApplication.translate("ReplenishmentLabels", "Overstock"),
    }.get(category, category)


def action_label(action: str) -> str:
    return {
        "transfer": QCoreApplication.translate("ReplenishmentLabels", "Transfer"),
        "promote": QCoreApplication.translate("ReplenishmentLabels", "Promote"),
        "stop_buying": QCoreApplication.translate("ReplenishmentLabels", "Stop buying"),
    }.get(action, action)


def method_label(method: str) -> str:
    return {
        "holt_winters": QCoreApplication.translate("ReplenishmentLabels", "Holt-Winters"),
        "average": QCoreApplication.translate("ReplenishmentLabels", "Average"),
        "short_history": QCoreApplication.translate("ReplenishmentLabels", "Short history"),
        "no_sales": QCoreApplication.translate("ReplenishmentLabels", "No sales"),
    }.get(method, method)


class _ReportModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = ()
    NUMERIC: frozenset[str] = frozenset()
    CONTEXT = ""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.loaded = False            # the first load came back (screenshots wait for it)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.loaded = True
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def column(self, key: str) -> int:
        return next(i for i, (k, _) in enumerate(self.COLUMNS) if k == key)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, key)
        if role == SORT_ROLE:
            v = self.value(r, key)
            if isinstance(v, Decimal):
                return float(v)
            return v if v is not None else (-1.0 if key in self.NUMERIC else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.NUMERIC:
            return _RIGHT
        return self.style(r, key, role)

    def text(self, r: Any, key: str) -> str:
        raise NotImplementedError

    def value(self, r: Any, key: str) -> Any:
        return getattr(r, key, None)

    def style(self, r: Any, key: str, role: int) -> Any:
        return None


class SuggestionTableModel(_ReportModel):
    CONTEXT = "SuggestionTableModel"
    COLUMNS = (
        ("sku_code", QT_TRANSLATE_NOOP("SuggestionTableModel", "SKU")),
        ("sku_name", QT_TRANSLATE_NOOP("SuggestionTableModel", "Name")),
        ("warehouse_code", QT_TRANSLATE_NOOP("SuggestionTableModel", "Warehouse")),
        ("available", QT_TRANSLATE_NOOP("SuggestionTableModel", "Available")),
        ("in_transit", QT_TRANSLATE_NOOP("SuggestionTableModel", "In transit")),
        ("forecast_daily", QT_TRANSLATE_NOOP("SuggestionTableModel", "Forecast/day")),
        ("safety_stock", QT_TRANSLATE_NOOP("SuggestionTableModel", "Safety stock")),
        ("reorder_point", QT_TRANSLATE_NOOP("SuggestionTableModel", "Reorder point")),
        ("suggested_qty", QT_TRANSLATE_NOOP("SuggestionTableModel", "Suggested qty")),
        ("supplier", QT_TRANSLATE_NOOP("SuggestionTableModel", "Supplier")),
        ("moq", QT_TRANSLATE_NOOP("SuggestionTableModel", "MOQ")),
        ("pack_size", QT_TRANSLATE_NOOP("SuggestionTableModel", "Pack size")),
        ("order_value", QT_TRANSLATE_NOOP("SuggestionTableModel", "Order value")),
    )
    NUMERIC = frozenset({"available", "in_transit", "forecast_daily", "safety_stock", "reorder_point",
                         "suggested_qty", "moq", "pack_size", "order_value"})

    def value(self, r: Suggestion, key: str) -> Any:
        if key == "supplier":
            return r.supplier_code or ""
        return getattr(r, key, None)

    def text(self, r: Suggestion, key: str) -> str:
        if key == "supplier":
            return " ".join(x for x in (r.supplier_code, r.supplier_name) if x)
        if key == "forecast_daily":
            return fmt_qty(r.forecast_daily, 2)
        if key in ("safety_stock", "reorder_point"):
            return fmt_qty(r.safety_stock if key == "safety_stock" else r.reorder_point, 1)
        if key == "order_value":
            return format_money(r.order_value)
        if key in self.NUMERIC:
            return fmt_qty(getattr(r, key))
        return str(getattr(r, key) or "")

    def style(self, r: Suggestion, key: str, role: int) -> Any:
        if not r.below_safety:
            if role == Qt.ItemDataRole.FontRole and key == "suggested_qty":
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_ALERT_BG)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("available", "safety_stock"):
            return QBrush(_ALERT)
        if role == Qt.ItemDataRole.FontRole and key in ("available", "suggested_qty"):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("SuggestionTableModel", "Available is below the safety stock")
        return None


class SlowMoverTableModel(_ReportModel):
    CONTEXT = "SlowMoverTableModel"
    COLUMNS = (
        ("sku_code", QT_TRANSLATE_NOOP("SlowMoverTableModel", "SKU")),
        ("sku_name", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Name")),
        ("warehouse_code", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Warehouse")),
        ("category", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Class")),
        ("action", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Suggested action")),
        ("on_hand", QT_TRANSLATE_NOOP("SlowMoverTableModel", "On hand")),
        ("forecast_daily", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Forecast/day")),
        ("days_of_cover", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Days of cover")),
        ("turnover", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Turnover/year")),
        ("last_sale_at", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Last sale")),
        ("value", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Value at cost")),
        ("excess_value", QT_TRANSLATE_NOOP("SlowMoverTableModel", "Excess value")),
    )
    NUMERIC = frozenset({"on_hand", "forecast_daily", "days_of_cover", "turnover", "value", "excess_value"})

    def value(self, r: SlowMover, key: str) -> Any:
        if key == "last_sale_at":
            return r.last_sale_at.isoformat() if r.last_sale_at else ""
        if key == "days_of_cover" and r.days_of_cover is None:
            return float("inf")
        return getattr(r, key, None)

    def text(self, r: SlowMover, key: str) -> str:
        if key == "category":
            return category_label(r.category)
        if key == "action":
            if r.action == "transfer" and r.transfer_to_code:
                return QCoreApplication.translate("SlowMoverTableModel", "Transfer %1 to %2").replace(
                    "%1", fmt_qty(r.transfer_qty)).replace("%2", r.transfer_to_code)
            return action_label(r.action)
        if key == "forecast_daily":
            return fmt_qty(r.forecast_daily, 2)
        if key == "days_of_cover":
            return "∞" if r.days_of_cover is None else fmt_num(r.days_of_cover, 0)
        if key == "turnover":
            return fmt_num(r.turnover, 1)
        if key == "last_sale_at":
            if r.last_sale_at is None:
                return QCoreApplication.translate("SlowMoverTableModel", "none in a year")
            return r.last_sale_at.date().isoformat()
        if key in ("value", "excess_value"):
            return format_money(getattr(r, key))
        if key == "on_hand":
            return fmt_qty(r.on_hand)
        return str(getattr(r, key) or "")

    def style(self, r: SlowMover, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and key == "category" and r.category == "dead":
            return QBrush(_ALERT)
        if role == Qt.ItemDataRole.FontRole and key == "action":
            f = QFont()
            f.setBold(True)
            return f
        return None
