"""Translated names of things the database knows by code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def area_label(area: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("Labels", "Administrator"),
        "finance": QCoreApplication.translate("Labels", "Finance"),
        "sales": QCoreApplication.translate("Labels", "Sales"),
        "service": QCoreApplication.translate("Labels", "Customer service"),
        "warehouse": QCoreApplication.translate("Labels", "Warehouse"),
        "warehouse_lead": QCoreApplication.translate("Labels", "Warehouse lead"),
        "purchasing": QCoreApplication.translate("Labels", "Purchasing"),
        "viewer": QCoreApplication.translate("Labels", "Viewer"),
    }
    return labels.get(area, area)
