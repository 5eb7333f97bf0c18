"""The packing station's words: why a scan was refused, why an order stops, device failures, all
as sentences a packer reads at arm's length."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from erp_desktop.devices.printers import PrinterError
from erp_desktop.devices.scale import ScaleError
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.gs1 import Gs1Error
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.texts import status_label

translate = QCoreApplication.translate     # lupdate finds translate("PackingStation", "...")


def kg(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.quantize(Decimal('0.001')).normalize():f}"


def qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def connection_lost() -> str:
    return translate("PackingStation", "The database connection was lost. The scans are kept; the pack finishes "
                                       "by itself when the connection is back.")


def stop_reason(reason: str) -> str:
    """Why an order must not be packed (OrderStoppedError.reason)."""
    texts = {
        "cancelled": translate("PackingStation", "the order was cancelled on the platform"),
        "refunded": translate("PackingStation", "the order was refunded on the platform"),
        "refunding": translate("PackingStation", "the buyer is getting a refund on the platform"),
        "refund_requested": translate("PackingStation", "the buyer asked for a refund"),
        "cancel_requested": translate("PackingStation", "the buyer cancelled the order on the platform"),
        "merged_order_cancelled": translate("PackingStation", "an order merged into this parcel was cancelled"),
        "shipped_elsewhere": translate("PackingStation", "the platform says it was shipped elsewhere"),
        "merged": translate("PackingStation", "it was merged into another order: scan that one"),
    }
    return texts.get(reason, translate("PackingStation", "it was cancelled (%1)").replace("%1", reason))


def stopped(order_no: str, reason: str) -> str:
    return (translate("PackingStation", "STOP — order %1 must not ship: %2. Put the goods back.")
            .replace("%1", order_no).replace("%2", stop_reason(reason)))


def not_ready(order_no: str, status: str) -> str:
    if status == "not_reserved":
        why = translate("PackingStation", "its stock is not reserved")
    elif status == "no_carrier":
        why = translate("PackingStation", "it has no carrier")
    else:
        why = translate("PackingStation", "it is “%1”").replace("%1", status_label(status))
    return (translate("PackingStation", "Order %1 is not ready to pack: %2.")
            .replace("%1", order_no).replace("%2", why))


def already_shipped(order_no: str, tracking_nos: tuple[str, ...] | list[str]) -> str:
    return (translate("PackingStation", "Order %1 is shipped already (%2). Reprint: *REPRINT*; void: *VOID*.")
            .replace("%1", order_no).replace("%2", ", ".join(tracking_nos) or "—"))


def gs1_error(exc: Gs1Error) -> str:
    reasons = {
        "bad_check_digit": translate("PackingStation", "a wrong check digit"),
        "too_long": translate("PackingStation", "a value too long (a lost separator?)"),
        "too_short": translate("PackingStation", "a value too short"),
        "bad_date": translate("PackingStation", "a date that does not exist"),
        "unknown_ai": translate("PackingStation", "an application identifier we do not know"),
    }
    why = reasons.get(exc.reason, exc.detail)
    return translate("PackingStation", "The GS1 barcode cannot be read: %1. Not counted.").replace("%1", why)


def scale_error(exc: ScaleError) -> str:
    reasons = {
        "timeout": translate("PackingStation", "the weight did not settle in time"),
        "overload": translate("PackingStation", "the scale is overloaded"),
        "underload": translate("PackingStation", "the scale shows less than zero (zero it)"),
        "not_ready": translate("PackingStation", "the scale is not ready"),
        "disconnected": translate("PackingStation", "the scale is not connected"),
    }
    return reasons.get(exc.reason, exc.detail or exc.reason)


def printer_error(exc: PrinterError) -> str:
    reasons = {
        "refused": translate("PackingStation", "it refuses the connection (off, or another address?)"),
        "timeout": translate("PackingStation", "it does not answer"),
        "unknown_host": translate("PackingStation", "its address is not known"),
        "not_found": translate("PackingStation", "it is not plugged in"),
        "permission": translate("PackingStation", "this user may not use it"),
        "busy": translate("PackingStation", "another program is using it"),
    }
    why = reasons.get(exc.reason, exc.detail or exc.reason)
    return translate("PackingStation", "label printer %1: %2").replace("%1", exc.address).replace("%2", why)


def describe(exc: BaseException) -> str:
    """Any error of a station's step as one sentence."""
    if isinstance(exc, f.OrderStoppedError):
        return stopped(exc.order_no, exc.reason)
    if isinstance(exc, f.AlreadyShippedError):
        return already_shipped(exc.order_no, exc.tracking_nos)
    if isinstance(exc, f.NotReadyToShipError):
        return not_ready(exc.order_no, exc.status)
    if isinstance(exc, f.NoTrackingNumberError):
        return (translate("PackingStation", "No tracking numbers left for carrier %1: import a range, then scan "
                                            "*DONE* to try again.").replace("%1", exc.carrier))
    if isinstance(exc, f.TrackingNumberUsedError):
        return (translate("PackingStation", "Tracking number %1 is on another parcel already.")
                .replace("%1", exc.tracking_no))
    if isinstance(exc, f.LabelVoidedError):
        return translate("PackingStation", "The label %1 is voided.").replace("%1", exc.tracking_no)
    if isinstance(exc, f.NothingToPackError):
        if exc.item:
            return (translate("PackingStation", "No order of wave %1 still needs this item (%2).")
                    .replace("%1", exc.wave_no).replace("%2", exc.item))
        return translate("PackingStation", "Wave %1 has nothing left to pack.").replace("%1", exc.wave_no)
    if isinstance(exc, PrinterError):
        return printer_error(exc)
    if isinstance(exc, ScaleError):
        return translate("PackingStation", "Scale: %1").replace("%1", scale_error(exc))
    if ops.is_connection_lost(exc):
        return translate("PackingStation", "The database connection was lost: scan again when it is back.")
    return ops.describe_error(exc)[1]
