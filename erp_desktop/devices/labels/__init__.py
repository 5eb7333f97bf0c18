"""Shipping labels as label-printer bytes: ZPL (Zebra) and TSPL (TSC, Gprinter, Xprinter), pure
functions of a ShippingLabelDoc (DEVICES.md §4).  A carrier's layout is picked by name from
LAYOUTS; Chinese text goes in a printer-resident font or as a bitmap drawn here.

    data = render_zpl(label, dpi=203, cjk="font", layout="ewaybill")
    printers.send(config, data, timeout=10)
"""

from __future__ import annotations

from erp_desktop.devices.labels.bitmap import Bitmap, render_image, text_bitmap
from erp_desktop.devices.labels.layout import (
    DOTS_PER_MM,
    LAYOUTS,
    LabelError,
    LabelLayout,
    LabelPlan,
    Rule,
    Slot,
    check_code128,
    layout_for,
    plan,
    register_layout,
    sample_label,
)
from erp_desktop.devices.labels.tspl import render_tspl, test_label_tspl
from erp_desktop.devices.labels.zpl import render_zpl, test_label_zpl

__all__ = [
    "DOTS_PER_MM", "LAYOUTS", "Bitmap", "LabelError", "LabelLayout", "LabelPlan", "Rule", "Slot", "check_code128",
    "layout_for", "plan", "register_layout", "render_image", "render_tspl", "render_zpl", "sample_label",
    "test_label_tspl", "test_label_zpl", "text_bitmap",
]
