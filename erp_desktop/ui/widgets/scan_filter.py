"""Keyboard-wedge scanners told from typing by timing (DEVICES.md §1).

A scanner "types" a barcode much faster than a person: a burst of at least `min_len` printable
keys, each within `max_gap_ms` of the previous one, ended by Enter or Tab, is a scan.  Slower
keys pass through untouched.  On a scan the burst is taken back out of the line edit it landed
in, the terminating key is swallowed (no default button fires) and `scanned(code)` is emitted.

The detector is an application-wide event filter limited to a scope: only keys aimed at the
scope widget or one of its children (in the same window) count, so each dock has its own.

When the workstation's device hub runs the application-wide wedge (ui/scan_input.ScanInput, which
holds a scan's keys back so they never land in a field), it sets the QApplication property
APP_WIDE_WEDGE and every ScanDetector stands aside: the scan comes once, through bridge.scanned,
and the main window hands it to `detector_for(focus widget)`, so the same slot handles it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
DEFAULT_MAX_GAP_MS = 30
DEFAULT_MIN_LEN = 6
APP_WIDE_WEDGE = "erpAppWideWedge"


def app_wide_wedge() -> bool:
    """Whether the device hub's application-wide wedge takes the scans."""
    app = QApplication.instance()
    return bool(app is not None and app.property(APP_WIDE_WEDGE))


def detector_for(widget: QWidget | None) -> ScanDetector | None:
    """The enabled detector whose scope holds `widget` (the innermost one), or None."""
    w = widget
    while w is not None:
        for det in w.findChildren(ScanDetector, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if det.enabled and det.scope is w:
                return det
        w = w.parentWidget()
    return None


class ScanDetector(QObject):
    scanned = Signal(str)

    def __init__(self, scope: QWidget | None = None, *, max_gap_ms: int = DEFAULT_MAX_GAP_MS,
                 min_len: int = DEFAULT_MIN_LEN, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else scope)
        self.scope = scope
        self.max_gap_ms = max_gap_ms
        self.min_len = min_len
        self._buf = ""
        self._last_ms: int | None = None
        self._installed = False
        self.enabled = True

    # --------------------------------------------------------------------------------------------
    def install(self) -> ScanDetector:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        return self

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def reset(self) -> None:
        self._buf, self._last_ms = "", None

    def _in_scope(self, obj: QObject) -> bool:
        if not isinstance(obj, QWidget):
            return False
        if self.scope is None:
            return True
        try:
            return obj is self.scope or self.scope.isAncestorOf(obj)
        except RuntimeError:      # the scope was deleted
            self.uninstall()
            return False

    @staticmethod
    def _now_ms(ev: QKeyEvent) -> int:
        # the windowing system's timestamp says when the key was generated (immune to a busy GUI
        # thread); synthetic events (QTest) carry 0, so fall back to the monotonic clock
        return ev.timestamp() or time.monotonic_ns() // 1_000_000

    # --------------------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() != QEvent.Type.KeyPress or not self.enabled or app_wide_wedge():
            return False
        # the same key press visits the window and, if ignored, the parents: count it once
        if obj is not QApplication.focusWidget() or not self._in_scope(obj):
            return False
        assert isinstance(ev, QKeyEvent)
        if ev.isAutoRepeat():
            return False
        key, text, now = ev.key(), ev.text(), self._now_ms(ev)
        gap = None if self._last_ms is None else now - self._last_ms
        self._last_ms = now
        fast = gap is not None and gap <= self.max_gap_ms
        if key in TERMINATORS:
            burst, self._buf = self._buf, ""
            if fast and len(burst) >= self.min_len:
                _take_back(obj, burst)
                self.scanned.emit(burst)
                return True                      # swallow the Enter/Tab
            return False
        if text and len(text) == 1 and text.isprintable() and not text.isspace():
            self._buf = self._buf + text if fast else text
        elif key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr):
            self._buf = ""                       # arrows, Backspace ...: a person
        return False


def _take_back(widget: QObject, burst: str) -> None:
    """Remove the scanned text from the editor it was typed into (it is not the user's input)."""
    edit: QLineEdit | None = None
    if isinstance(widget, QLineEdit):
        edit = widget
    elif isinstance(widget, QComboBox) and widget.isEditable():
        edit = widget.lineEdit()
    elif isinstance(widget, QAbstractSpinBox):
        edit = widget.findChild(QLineEdit)
    if edit is None:
        return
    text = edit.text()
    pos = edit.cursorPosition()
    if text[:pos].endswith(burst):
        edit.setText(text[: pos - len(burst)] + text[pos:])
        edit.setCursorPosition(pos - len(burst))
    elif text.endswith(burst):
        edit.setText(text[: -len(burst)])
