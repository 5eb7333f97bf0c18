"""The scanner-only packing screen (打包台), opened full screen from the main window (履约 > 打包台,
F12).  The screen itself is ui/packing/ (station.py behaviour, view.py widgets, pack.py the order
in hand, work.py what runs off the GUI thread).

Command barcodes (Code 128 of the text with its asterisks; the keys do the same):

    *DONE*       F10       ship now (accept a weight outside the tolerance; retry a refused ship)
    *NEWPARCEL*  F2        close this parcel (it is weighed) and fill the next one
    *WEIGH*      F5        read the scale again
    *MANUAL*     F6        stop waiting for the scale: type the weight in kg and press Enter
    *NOSLIP*     F7        no packing slip for this order (again: print it)
    *REPRINT*    F3        print the label(s) of the shipped order shown again
    *VOID*       F4        void the label(s) of the order shown (scan twice to confirm)
    *RELABEL*    Shift+F4  void them and print new ones in their place (scan twice)
    *CANCEL*     F8        put the order in hand aside; its scans are dropped
    *TRACKING*   F11       the next scan is the number of a pre-printed label on this parcel
                 Esc       leave the station (asks first)

A scanned tracking number of a shipped order selects that parcel for *REPRINT* / *VOID*.
`command_sheet_pdf()` puts the command barcodes on an A4 page to print and stick to the bench."""

from __future__ import annotations

import io
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from erp_desktop.documents.command_sheet import render_command_sheet
from erp_desktop.ui.devices import ASK_EACH_TIME, DeviceHub, current_hub
from erp_desktop.ui.packing.pack import COMMANDS
from erp_desktop.ui.packing.station import PackingStation
from erp_desktop.ui.packing.view import command_keys
from erp_desktop.ui.packing.work import SlipOutput

__all__ = ["COMMANDS", "PackingStation", "SlipOutput", "command_sheet_pdf", "open_packing_station", "station_devices"]

translate = QCoreApplication.translate      # lupdate finds translate("StationView", "...")


def command_sheet_pdf() -> bytes:
    """The station's command barcodes with their keys, translated, on one A4 page."""
    out = io.BytesIO()
    render_command_sheet([row for row in command_keys() if row[0]], out,
                         title=translate("StationView", "Packing station commands"),
                         note=translate("StationView", "Scanning a barcode does what its key does."))
    return out.getvalue()


def station_devices(hub: DeviceHub | None) -> dict[str, Any]:
    """The workstation's scale, label printer and packing-slip printer (ui/devices.py's hub), as
    PackingStation takes them.  A4 printer "ask each time" prints to the system's default printer:
    a dialog has no place at a scanner-only station."""
    if hub is None:
        return {"scale": None, "label_printer": None, "slips": SlipOutput()}
    a4 = hub.a4_printer()
    slips = SlipOutput(printer="" if a4 == ASK_EACH_TIME else a4) if hub.packing_slip() else SlipOutput()
    return {"scale": hub.scale(), "label_printer": hub.label_printer(), "slips": slips}


def open_packing_station(window: QMainWindow, hub: DeviceHub | None = None) -> PackingStation:
    """Show the station full screen (one per main window) with the devices of this workstation;
    scans (bridge.scanned) go to it while it is shown.  Closing it stops the scale's reader."""
    if hub is None:
        hub = getattr(window, "devices", None) or current_hub()
    station: PackingStation | None = getattr(window, "packing_station", None)
    if station is None or not shiboken6.isValid(station):
        station = PackingStation(window.ctx, bridge=window.bridge, parent=window, **station_devices(hub))
        window.bridge.scanned.connect(lambda code, s=station: s.handle_scan(code)
                                      if shiboken6.isValid(s) and s.isVisible() else None)
        if hub is not None:
            hub.settings_changed.connect(lambda _settings, s=station, h=hub: s.set_devices(**station_devices(h))
                                         if shiboken6.isValid(s) and s.isVisible() else None)
            station.closed.connect(hub.release_scale)
        window.packing_station = station
    else:
        station.set_devices(**station_devices(hub))
    station.showFullScreen()
    station.raise_()
    station.activateWindow()
    return station
