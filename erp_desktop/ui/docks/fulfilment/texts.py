"""The words of the Fulfilment module: wave and shipment states, the reasons people pick, and the
fulfilment services' refusals as sentences (the errors carry codes, not text)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from erp_desktop.documents.batch import BatchCancelled
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import FieldError, ValidationError
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.texts import hold_reason_text, readable
from erp_desktop.ui.docks.orders.texts import status_label as order_status_label
from erp_desktop.ui.widgets.money import format_decimal

translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")

WAVE_STATUSES = ("open", "picking", "picked", "done", "cancelled")
SHORT_REASONS = ("bin_empty", "not_enough_in_bin", "damaged", "wrong_item_in_bin", "expired")
VOID_REASONS = ("misprint", "wrong_carrier", "parcel_repacked", "order_cancelled")
TAKE_OUT_REASONS = ("buyer_asked_to_cancel", "address_to_confirm", "stock_to_check", "packed_later")
CANCEL_WAVE_REASONS = ("made_by_mistake", "carrier_changed", "picker_unavailable")


def qty(q: Decimal | None) -> str:
    """A quantity without trailing zeros (2, 1.5)."""
    if q is None:
        return ""
    places = 0 if q == q.to_integral() else 3
    text = format_decimal(q, places)
    return text.rstrip("0").rstrip(QLocale().decimalPoint()) if places else text


def when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def wave_status(value: str | None) -> str:
    return {
        "open": translate("fulfilment", "Open"),
        "picking": translate("fulfilment", "Picking"),
        "picked": translate("fulfilment", "Picked", "wave status"),
        "done": translate("fulfilment", "Done"),
        "cancelled": translate("fulfilment", "Cancelled"),
        None: translate("fulfilment", "Active", "waves not done or cancelled"),
    }.get(value) or readable(str(value))


def shipment_status(value: str) -> str:
    return {
        "shipped": translate("fulfilment", "Shipped"),
        "voided": translate("fulfilment", "Voided"),
    }.get(value) or readable(value)


def confirm_state(value: str) -> str:
    """Whether the shop was told of the parcel."""
    return {
        "pending": translate("fulfilment", "Not yet told"),
        "confirmed": translate("fulfilment", "Confirmed"),
        "exported": translate("fulfilment", "In a shipment file"),
        "failed": translate("fulfilment", "Refused by the shop"),
    }.get(value) or readable(value)


def reason(code: str | None) -> str:
    """A reason code (short pick, void, take out, cancel wave; an order's hold reason) in words;
    words a person typed stay as they are."""
    if not code:
        return ""
    known = {
        "bin_empty": translate("fulfilment", "Bin empty"),
        "not_enough_in_bin": translate("fulfilment", "Fewer in the bin than the list says"),
        "damaged": translate("fulfilment", "Damaged"),
        "wrong_item_in_bin": translate("fulfilment", "Another item in the bin"),
        "expired": translate("fulfilment", "Expired"),
        "misprint": translate("fulfilment", "Misprinted label"),
        "wrong_carrier": translate("fulfilment", "Wrong carrier"),
        "parcel_repacked": translate("fulfilment", "Parcel packed again"),
        "order_cancelled": translate("fulfilment", "Order cancelled"),
        "packed_later": translate("fulfilment", "To pack later"),
        "made_by_mistake": translate("fulfilment", "Made by mistake"),
        "carrier_changed": translate("fulfilment", "Carrier changed"),
        "picker_unavailable": translate("fulfilment", "No picker free"),
        "short_pick": translate("fulfilment", "Short pick: not found in the bin"),
        "wave_cancelled": translate("fulfilment", "Wave cancelled"),
        "cancelled_on_platform": translate("fulfilment", "Cancelled on the platform"),
    }
    return known.get(code) or hold_reason_text(code)


def order_status(status: str, hold_reason: str | None = None) -> str:
    text = order_status_label(status)
    return f"{text} ({reason(hold_reason)})" if hold_reason else text


def _mismatch(exc: f.PickMismatchError) -> str:
    if exc.reason == "unknown_code":
        return (translate("fulfilment", "%1 is neither a bin of this wave nor a known item: not counted.")
                .replace("%1", exc.sku))
    if exc.reason == "not_in_wave":
        return translate("fulfilment", "%1 is not on this wave's list: put it back.").replace("%1", exc.sku)
    if exc.reason == "wrong_location":
        return (translate("fulfilment", "%1 is not to be picked from %2: look at the list for its bin.")
                .replace("%1", exc.sku).replace("%2", exc.location))
    if exc.reason == "too_many":
        return (translate("fulfilment", "Only %1 of %2 are left to pick in %3: not counted.")
                .replace("%1", qty(exc.left)).replace("%2", exc.sku).replace("%3", exc.location))
    return str(exc)


def _field(err: FieldError) -> str:
    if err.field == "range":
        return {
            "bad_range": translate("fulfilment", "The range is not FIRST-LAST of one kind of number: %1"),
            "bad_check_digit": translate("fulfilment", "A number of the range has a wrong check digit: %1"),
            "too_many": translate("fulfilment", "The range is too long: %1"),
        }.get(err.reason, "%1").replace("%1", err.detail)
    return ops.describe_field_error(err)


def describe(exc: BaseException) -> str:
    """One sentence for the dock's message line, the pick screen's banner or a message box."""
    if isinstance(exc, f.PickMismatchError):
        return _mismatch(exc)
    if isinstance(exc, f.WaveClosedError):
        return (translate("fulfilment", "Wave %1 is %2: nothing more can be done in it.")
                .replace("%1", exc.wave_no).replace("%2", wave_status(exc.status)))
    if isinstance(exc, f.NotInWaveError):
        return (translate("fulfilment", "Order %1 is in no wave (it is %2).")
                .replace("%1", exc.order_no).replace("%2", order_status_label(exc.status)))
    if isinstance(exc, f.LabelVoidedError):
        return translate("fulfilment", "The label %1 is voided: it is not printed or voided again.").replace(
            "%1", exc.tracking_no)
    if isinstance(exc, f.NoTrackingNumberError):
        return (translate("fulfilment", "The tracking number pool of %1 is empty: import numbers first.")
                .replace("%1", exc.carrier))
    if isinstance(exc, f.TrackingNumberUsedError):
        return (translate("fulfilment", "Tracking number %1 is on another parcel already.")
                .replace("%1", exc.tracking_no))
    if isinstance(exc, f.OrderStoppedError):
        return (translate("fulfilment", "Order %1 must not ship: %2.")
                .replace("%1", exc.order_no).replace("%2", reason(exc.reason)))
    if isinstance(exc, f.NothingToPackError):
        return translate("fulfilment", "Nothing is left to pack in wave %1.").replace("%1", exc.wave_no)
    if isinstance(exc, ValidationError):
        return "\n".join(_field(e) for e in exc.errors)
    if isinstance(exc, BatchCancelled):
        return translate("fulfilment", "Cancelled: nothing was written.")
    return ops.describe_error(exc)[1]
