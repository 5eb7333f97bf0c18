"""Work off the GUI thread, with a progress dialog that can be cancelled; the one place errors become text.

    job = run_job(lambda ctl: import_file(ctl, path), parent=self, label=self.tr("Importing…"),
                  on_finished=self._show_report)

`fn(ctl)` runs on a QThreadPool thread with its own database session(s); it may call
`ctl.progress(done, total)` and `ctl.check()` (raises `Cancelled` once the user cancelled), so it
can roll back instead of committing.  Results and errors arrive on the GUI thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy import exc as sa_exc

from erp_desktop.domain.errors import (
    ConcurrentChangeError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from erp_desktop.domain.orders import IllegalTransitionError
from erp_desktop.domain.stock import NotEnoughStockError, StockRuleError
from erp_desktop.ui.widgets.money import format_qty

log = logging.getLogger(__name__)
translate = QCoreApplication.translate    # lupdate finds translate("ops", "...")


class Cancelled(Exception):
    """The user cancelled the job; the work function stops and commits nothing."""


class JobControl:
    """What the work function sees (thread-safe): report progress, notice a cancel."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0) -> None:
        self._job._progress_from_worker.emit(int(done), int(total))


class Job(QObject):
    """One background job; its public signals are delivered on the GUI thread."""

    finished = Signal(object)       # the work function's result
    failed = Signal(object)         # the exception (never Cancelled)
    progress = Signal(int, int)     # done, total (0: unknown)
    cancelled = Signal()            # the user cancelled and the work stopped

    # emitted by the worker thread, received here (GUI thread) through a queued connection
    _done_from_worker = Signal(object)
    _error_from_worker = Signal(object)
    _progress_from_worker = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = JobControl(self)
        self.running = True
        self._done_from_worker.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._error_from_worker.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._progress_from_worker.connect(self.progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.control._cancel.set()

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.running = False
        _running.discard(self)
        if self.control.cancelled:
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    @Slot(object)
    def _on_error(self, exc: BaseException) -> None:
        self.running = False
        _running.discard(self)
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


_running: set[Job] = set()    # keeps jobs alive until they report back


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[[JobControl], Any]) -> None:
        super().__init__()
        self._job = job
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._job.control)
        except BaseException as exc:  # every failure goes back to the GUI thread
            if not isinstance(exc, Cancelled):
                log.info("background job failed", exc_info=exc)
            self._job._error_from_worker.emit(exc)
        else:
            self._job._done_from_worker.emit(result)


def run_job(fn: Callable[[JobControl], Any], *, parent: QWidget | None, label: str | None = None,
            on_finished: Callable[[Any], None] | None = None,
            on_failed: Callable[[BaseException], None] | None = None,
            show_progress: bool = True, cancellable: bool = True, pool: QThreadPool | None = None) -> Job:
    """Run `fn(control)` on the thread pool (`pool`, else Qt's global one: a screen that must not
    wait behind other work, such as the packing station, brings its own).  Errors go to
    `on_failed`, else to `show_error(parent, ...)`."""
    job = Job()
    _running.add(job)
    dialog: QProgressDialog | None = None
    if show_progress:
        cancel_text = translate("ops", "Cancel") if cancellable else ""
        dialog = QProgressDialog(label or translate("ops", "Working…"), cancel_text, 0, 0, parent)
        dialog.setWindowTitle(QCoreApplication.applicationName())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancel)

        def on_progress(done: int, total: int) -> None:
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))

        job.progress.connect(on_progress)

        def close_dialog(*_: object) -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

        job.finished.connect(close_dialog)
        job.failed.connect(close_dialog)
        job.cancelled.connect(close_dialog)
    job.dialog = dialog
    if on_finished is not None:
        job.finished.connect(on_finished)
    job.failed.connect(on_failed if on_failed is not None else (lambda exc: show_error(parent, exc)))
    (pool if pool is not None else QThreadPool.globalInstance()).start(_Runnable(job, fn))
    return job


# ------------------------------------------------------------------------------------------------
# errors -> translated text
# ------------------------------------------------------------------------------------------------

def field_label(name: str) -> str:
    """A field of a command as the user knows it (barcodes[2] -> Barcodes)."""
    base = name.split("[", 1)[0].split(".", 1)[0]
    labels = {
        "code": translate("ops", "SKU code"),
        "name": translate("ops", "Name"),
        "product_code": translate("ops", "Product code"),
        "spec": translate("ops", "Specification"),
        "category_code": translate("ops", "Category"),
        "category": translate("ops", "Category"),
        "status": translate("ops", "Status"),
        "unit": translate("ops", "Unit"),
        "price": translate("ops", "Price"),
        "cost": translate("ops", "Cost"),
        "weight_kg": translate("ops", "Weight (kg)"),
        "length_cm": translate("ops", "Length (cm)"),
        "width_cm": translate("ops", "Width (cm)"),
        "height_cm": translate("ops", "Height (cm)"),
        "barcodes": translate("ops", "Barcodes"),
        "barcode": translate("ops", "Barcode"),
        "kit": translate("ops", "Kit components"),
        "version": translate("ops", "Version"),
    }
    return labels.get(base, name)


def reason_text(err: FieldError) -> str:
    """The reason of one field error, translated when its code is known, else its English detail."""
    reasons = {
        "required": translate("ops", "is required"),
        "empty": translate("ops", "is required"),
        "whitespace": translate("ops", "may not contain spaces"),
        "too_long": translate("ops", "is too long"),
        "not_a_number": translate("ops", "is not a number"),
        "negative": translate("ops", "may not be negative"),
        "not_positive": translate("ops", "must be more than zero"),
        "too_many_decimals": translate("ops", "has too many decimals"),
        "too_large": translate("ops", "is too large"),
        "invalid_choice": translate("ops", "is not one of the allowed values"),
        "bad_characters": translate("ops", "may contain printable ASCII only, no spaces"),
        "bad_length": translate("ops", "has a wrong length (a GTIN without its check digit?)"),
        "bad_check_digit": translate("ops", "has a wrong check digit"),
        "looks_like_number": translate("ops", "looks like a number that lost digits"),
        "duplicate": translate("ops", "is a duplicate (already used, or listed twice)"),
        "self_reference": translate("ops", "cannot contain the kit itself"),
        "in_use": translate("ops", "is already used by another SKU"),
        "used_in_kit": translate("ops", "is a component of a kit"),
        "unknown_sku": translate("ops", "names an unknown SKU"),
        "is_kit": translate("ops", "is itself a kit (kits cannot contain kits)"),
        "unknown_category": translate("ops", "names an unknown category"),
        "unknown_unit": translate("ops", "names an unknown unit"),
        # imports
        "category_conflict": translate("ops", "differs from the category of the same product on another row"),
        "component_has_errors": translate("ops", "names a component whose own row has errors"),
        "database": translate("ops", "was refused by the database"),
        "duplicate_column": translate("ops", "is a second column for the same field"),
        "missing_column": translate("ops", "the file has no SKU code column"),
        "empty_file": translate("ops", "the file is empty"),
        "unknown_sheet": translate("ops", "the workbook has no such sheet"),
        "unsupported_format": translate("ops", "the file is not .xlsx or .csv"),
    }
    text = reasons.get(err.reason)
    if text is None:
        return err.detail or err.reason
    return text


def describe_field_error(err: FieldError) -> str:
    text = translate("ops", "%1 %2", "a field, then what is wrong with it")
    return text.replace("%1", field_label(err.field)).replace("%2", reason_text(err))


def is_connection_lost(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError)):
        return True
    # the driver's own error (psycopg.OperationalError), without importing the driver
    return type(exc).__name__ in ("OperationalError", "InterfaceError") and not isinstance(exc, sa_exc.SQLAlchemyError)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(title, message) for any error a job or a service call raised, in the user's language."""
    if isinstance(exc, ValidationError):
        lines = [describe_field_error(e) for e in exc.errors]
        return translate("ops", "Please correct the input"), "\n".join(f"• {line}" for line in lines)
    if isinstance(exc, ConcurrentChangeError):
        return (translate("ops", "Changed by someone else"),
                translate("ops", "%1 %2 was changed by someone else since you opened it. Reload it and make "
                          "your change again.").replace("%1", _what(exc.what)).replace("%2", str(exc.key)))
    if isinstance(exc, PermissionDeniedError):
        return (translate("ops", "Not allowed"),
                translate("ops", "Your role may not %1. Ask an administrator if you need to.")
                .replace("%1", _action(exc.action)))
    if isinstance(exc, NotFoundError):
        return (translate("ops", "Not found"),
                translate("ops", "%1 %2 does not exist (any more).")
                .replace("%1", _what(exc.what)).replace("%2", str(exc.key)))
    if isinstance(exc, NotEnoughStockError):
        return (translate("ops", "Not enough stock"),
                translate("ops", "Not enough stock of %1 in warehouse %2: wanted %3, available %4.")
                .replace("%1", exc.sku).replace("%2", exc.warehouse)
                .replace("%3", format_qty(Decimal(exc.wanted))).replace("%4", format_qty(Decimal(exc.available))))
    if isinstance(exc, StockRuleError):
        return (translate("ops", "Not possible"),
                _stock_rule(exc.detail)
                or translate("ops", "The stock rules refuse this: %1").replace("%1", exc.detail))
    if isinstance(exc, IllegalTransitionError):
        return translate("ops", "Not possible"), _transition(exc.order_no, exc.from_state, exc.to_state)
    refused = _database_refusal(exc)
    if refused is not None:
        return refused
    from erp_desktop.ui.devices import device_error_text  # imports this module

    device = device_error_text(exc)
    if device is not None:
        return translate("ops", "Device problem"), device
    if is_connection_lost(exc):
        return (translate("ops", "Connection lost"),
                translate("ops", "The connection to the database was lost. Check the network or the server "
                          "and try again; nothing was half-saved."))
    if isinstance(exc, PermissionError):
        return (translate("ops", "Cannot open the file"),
                translate("ops", "The file cannot be opened: %1").replace("%1", str(exc)))
    if isinstance(exc, OSError):
        return translate("ops", "File error"), str(exc)
    log.error("unexpected error", exc_info=exc)
    return (translate("ops", "Unexpected error"),
            translate("ops", "Something went wrong: %1").replace("%1", str(exc) or type(exc).__name__))


def _transition(order_no: str, from_state: str, to_state: str) -> str:
    from erp_desktop.ui.docks.orders.texts import status_label

    return (translate("ops", "Order %1 cannot go from “%2” to “%3”: someone may have moved it meanwhile. "
                      "Reload and look at it again.")
            .replace("%1", order_no).replace("%2", status_label(from_state)).replace("%3", status_label(to_state)))


def _database_refusal(exc: BaseException) -> tuple[str, str] | None:
    """What the database refused, said in words: a right the role lacks, an order's workflow."""
    if not isinstance(exc, sa_exc.DBAPIError) or exc.connection_invalidated:
        return None
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if sqlstate == "42501":
        return (translate("ops", "Not allowed"),
                translate("ops", "Your role may not do this: the database refused it. Ask an administrator if "
                                 "you need to."))
    if getattr(diag, "message_hint", None) == "illegal_transition":
        try:
            d = json.loads(getattr(diag, "message_detail", None) or "{}")
        except ValueError:
            d = {}
        if d.get("order") and d.get("from") and d.get("to"):
            return translate("ops", "Not possible"), _transition(str(d["order"]), str(d["from"]), str(d["to"]))
        return (translate("ops", "Not possible"),
                translate("ops", "The order's workflow does not allow this step: %1")
                .replace("%1", getattr(diag, "message_primary", None) or str(orig)))
    return None


def _what(what: str) -> str:
    names = {"sku": translate("ops", "SKU"), "SKU": translate("ops", "SKU"),
             "category": translate("ops", "Category"), "product": translate("ops", "Product"),
             "order": translate("ops", "Order"), "shop": translate("ops", "Shop")}
    return names.get(what, what)


def _action(action: str) -> str:
    actions = {
        "save sku": translate("ops", "save SKUs"),
        "save SKU": translate("ops", "save SKUs"),
        "import skus": translate("ops", "import SKUs"),
        "import SKUs": translate("ops", "import SKUs"),
        "add user": translate("ops", "add users"),
        "set password": translate("ops", "set passwords"),
        "enable/disable user": translate("ops", "enable or disable users"),
        "change role": translate("ops", "change roles"),
        "receive goods": translate("ops", "receive goods"),
        "adjust stock": translate("ops", "post stock adjustments"),
        "scrap stock": translate("ops", "scrap stock"),
        "transfer stock": translate("ops", "move stock between bins"),
        "ship transfer": translate("ops", "ship transfers to other warehouses"),
        "receive transfer": translate("ops", "receive transfers"),
        "read stock": translate("ops", "read stock"),
    }
    return actions.get(action, action)


# the stock ledger's refusals (sql/0003_stock_ledger.sql), by the start of their English message
def _stock_rule(detail: str) -> str | None:
    rules = (
        ("a kit is not stocked itself", translate("ops", "A kit is not stocked itself: move its components instead.")),
        ("goods are received into a bin", translate("ops", "Goods are received into a bin, not into transit.")),
        ("bins of two warehouses", translate("ops", "The bins are in two warehouses: ship the transfer and receive "
                                                    "it there instead.")),
        ("transit is reached by shipping", translate("ops", "Goods reach transit only by shipping a transfer.")),
        ("a transfer within one warehouse", translate("ops", "Within one warehouse, move the goods between bins.")),
        ("an adjustment needs a reason", translate("ops", "An adjustment needs a reason.")),
        ("scrapping needs a reason", translate("ops", "Scrapping needs a reason.")),
        ("a stock move needs a positive quantity", translate("ops", "The quantity must be more than zero.")),
        ("a quantity has at most 3 decimals", translate("ops", "A quantity has at most 3 decimals.")),
    )
    low = detail.lower()
    return next((text for start, text in rules if low.startswith(start)), None)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """Show an error without blocking (window-modal); returns the box."""
    heading, text = describe_error(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title or heading, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:          # nothing else holds a box without a parent: Python would delete it at once
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


_open_boxes: set[QMessageBox] = set()
