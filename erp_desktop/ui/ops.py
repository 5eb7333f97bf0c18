"""Work off the GUI thread, with a progress dialog that can be cancelled; the one place errors become text.

    job = run_job(lambda ctl: import_file(ctl, path), parent=self, label=self.tr("Importing…"),
                  on_finished=self._show_report)

`fn(ctl)` runs on a QThreadPool thread with its own database session(s); it may call
`ctl.progress(done, total)` and `ctl.check()` (raises `Cancelled` once the user cancelled), so it
can roll back instead of committing.  Results and errors arrive on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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

log = logging.getLogger(__name__)


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("ops", text, disambiguation, n)


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
            show_progress: bool = True, cancellable: bool = True) -> Job:
    """Run `fn(control)` on the thread pool.  Errors go to `on_failed`, else to `show_error(parent, ...)`."""
    job = Job()
    _running.add(job)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(label or _tr("Working…"), _tr("Cancel") if cancellable else "", 0, 0, parent)
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
    QThreadPool.globalInstance().start(_Runnable(job, fn))
    return job


# ------------------------------------------------------------------------------------------------
# errors -> translated text
# ------------------------------------------------------------------------------------------------

def field_label(name: str) -> str:
    """A field of a command as the user knows it (barcodes[2] -> Barcodes)."""
    base = name.split("[", 1)[0].split(".", 1)[0]
    labels = {
        "code": _tr("SKU code"),
        "name": _tr("Name"),
        "product_code": _tr("Product code"),
        "spec": _tr("Specification"),
        "category_code": _tr("Category"),
        "category": _tr("Category"),
        "status": _tr("Status"),
        "unit": _tr("Unit"),
        "price": _tr("Price"),
        "cost": _tr("Cost"),
        "weight_kg": _tr("Weight (kg)"),
        "length_cm": _tr("Length (cm)"),
        "width_cm": _tr("Width (cm)"),
        "height_cm": _tr("Height (cm)"),
        "barcodes": _tr("Barcodes"),
        "barcode": _tr("Barcode"),
        "kit": _tr("Kit components"),
        "version": _tr("Version"),
    }
    return labels.get(base, name)


def reason_text(err: FieldError) -> str:
    """The reason of one field error, translated when its code is known, else its English detail."""
    reasons = {
        "required": _tr("is required"),
        "empty": _tr("is required"),
        "whitespace": _tr("may not contain spaces"),
        "too_long": _tr("is too long"),
        "not_a_number": _tr("is not a number"),
        "negative": _tr("may not be negative"),
        "not_positive": _tr("must be more than zero"),
        "too_many_decimals": _tr("has too many decimals"),
        "too_large": _tr("is too large"),
        "invalid_choice": _tr("is not one of the allowed values"),
        "bad_characters": _tr("may contain printable ASCII only, no spaces"),
        "bad_length": _tr("has a wrong length (a GTIN without its check digit?)"),
        "bad_check_digit": _tr("has a wrong check digit"),
        "looks_like_number": _tr("looks like a number that lost digits"),
        "duplicate": _tr("is a duplicate (already used, or listed twice)"),
        "self_reference": _tr("cannot contain the kit itself"),
        "in_use": _tr("is in use and cannot be changed"),
        "used_in_kit": _tr("is a component of a kit"),
        "unknown_sku": _tr("names an unknown SKU"),
        "is_kit": _tr("is itself a kit (kits cannot contain kits)"),
        "unknown_category": _tr("names an unknown category"),
        "unknown_unit": _tr("names an unknown unit"),
    }
    text = reasons.get(err.reason)
    if text is None:
        return err.detail or err.reason
    return text


def describe_field_error(err: FieldError) -> str:
    return _tr("%1 %2").replace("%1", field_label(err.field)).replace("%2", reason_text(err))


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
        return _tr("Please correct the input"), "\n".join(f"• {line}" for line in lines)
    if isinstance(exc, ConcurrentChangeError):
        return (_tr("Changed by someone else"),
                _tr("%1 %2 was changed by someone else since you opened it. Reload it and make your "
                    "change again.").replace("%1", _what(exc.what)).replace("%2", str(exc.key)))
    if isinstance(exc, PermissionDeniedError):
        return (_tr("Not allowed"),
                _tr("Your role may not %1. Ask an administrator if you need to.").replace("%1", _action(exc.action)))
    if isinstance(exc, NotFoundError):
        return (_tr("Not found"),
                _tr("%1 %2 does not exist (any more).").replace("%1", _what(exc.what)).replace("%2", str(exc.key)))
    if is_connection_lost(exc):
        return (_tr("Connection lost"),
                _tr("The connection to the database was lost. Check the network or the server and try "
                    "again; nothing was half-saved."))
    if isinstance(exc, PermissionError):
        return _tr("Cannot open the file"), _tr("The file cannot be opened: %1").replace("%1", str(exc))
    if isinstance(exc, OSError):
        return _tr("File error"), str(exc)
    log.error("unexpected error", exc_info=exc)
    return _tr("Unexpected error"), _tr("Something went wrong: %1").replace("%1", str(exc) or type(exc).__name__)


def _what(what: str) -> str:
    names = {"sku": _tr("SKU"), "SKU": _tr("SKU"), "category": _tr("Category"), "product": _tr("Product")}
    return names.get(what, what)


def _action(action: str) -> str:
    actions = {
        "save sku": _tr("save SKUs"),
        "save SKU": _tr("save SKUs"),
        "import skus": _tr("import SKUs"),
        "import SKUs": _tr("import SKUs"),
        "add user": _tr("add users"),
        "set password": _tr("set passwords"),
        "enable/disable user": _tr("enable or disable users"),
        "change role": _tr("change roles"),
    }
    return actions.get(action, action)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """Show an error without blocking (window-modal); returns the box."""
    heading, text = describe_error(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title or heading, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
