"""Scan anywhere: keyboard-wedge scans caught before they reach the focused widget.

`ScanInput` is an event filter on the QApplication that feeds every key press aimed at the focused
widget to devices/wedge.py's detector.  Keys that may be the start of a scan are held back (for at
most the detector's `max_gap` plus a little slack) and either dropped, when they turn out to be a
scanner's burst ended by Enter/Tab, or re-delivered to the widget they were aimed at, in order and
untouched, when they turn out to be a person typing.  So a scan never lands in a line edit, its
Enter never presses a default button, and typing is only a few ms late.

A scan is announced by `scanned(code)`, after the key event has been handled; given a Bridge, it
is forwarded to `bridge.scanned`, the signal serial scanners use too, so a screen handles both
the same way.  Unlike ui/widgets/scan_filter.py's ScanDetector (scoped to one dock; takes a scan
back out of the line edit after it landed), this one is application-wide and holds keys back.

Key times come from the window system's timestamp when the event has one (when the key was
pressed, whatever the GUI thread was doing), else from `clock` (QTest events carry none).  Input
method commits (Chinese IME) count as keys too.  Password fields, and widgets (or their parents)
with the property `SKIP_PROPERTY` set, are left alone: a scanner is never needed there and a
password must not be held back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from erp_desktop.devices.wedge import WedgeAction, WedgeConfig, WedgeDecision, WedgeDetector
from erp_desktop.ui.bridge import Bridge

log = logging.getLogger(__name__)

SKIP_PROPERTY = "erpScanInputSkip"
RELEASE_SLACK_S = 0.020         # the next key of a burst may still be on its way when max_gap is over

_MODIFIERS = frozenset(int(k.value) for k in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                                              Qt.Key.Key_AltGr, Qt.Key.Key_Meta))
_KEY_TEXT = {int(Qt.Key.Key_Return.value): "\r", int(Qt.Key.Key_Enter.value): "\r", int(Qt.Key.Key_Tab.value): "\t"}


class ScanInput(QObject):
    scanned = Signal(str)

    def __init__(self, config: WedgeConfig | None = None, *, bridge: Bridge | None = None,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector(config)
        self.clock = clock
        self.enabled = True
        # held events in arrival order: (target, copy, is_press); releases ride along with their presses
        self._held: list[tuple[QObject, QEvent, bool]] = []
        self._replaying = False
        self._installed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round((self.detector.config.max_gap + RELEASE_SLACK_S) * 1000)))
        self._timer.timeout.connect(self._on_timeout)
        if bridge is not None:
            self.scanned.connect(bridge.scanned)

    # ------------------------------------------------------------------------------------ control
    def install(self) -> ScanInput:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        return self

    def uninstall(self) -> None:
        self._release(self.detector.interrupt())
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def set_config(self, config: WedgeConfig) -> None:
        """New settings (the Devices dialog); what is held goes to its widget first."""
        self._release(self.detector.interrupt())
        self.detector = WedgeDetector(config)
        self._timer.setInterval(max(1, round((config.max_gap + RELEASE_SLACK_S) * 1000)))

    # ------------------------------------------------------------------------------------ events
    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if self._replaying or not self.enabled:
            return False
        kind = ev.type()
        if kind == QEvent.Type.KeyPress:
            return self._key_press(obj, ev)
        if kind == QEvent.Type.KeyRelease:
            if self._held and obj is QApplication.focusWidget():
                self._held.append((obj, _copy(ev), False))
                return True
            return False
        if kind == QEvent.Type.InputMethod:
            return self._input_method(obj, ev)
        if self._held and kind in (QEvent.Type.MouseButtonPress, QEvent.Type.WindowDeactivate):
            self._release(self.detector.interrupt())      # before the click moves the cursor or focus
        return False

    def _key_press(self, obj: QObject, ev: QEvent) -> bool:
        # the same key press visits the window and, if ignored, the parents: count it once
        if obj is not QApplication.focusWidget() or self._skipped(obj):
            return False
        assert isinstance(ev, QKeyEvent)
        if ev.isAutoRepeat():                               # a key held down: a person
            self._release(self.detector.interrupt())
            return False
        key = int(ev.key())
        text = ev.text() or _KEY_TEXT.get(key, "")
        if not text and key not in _MODIFIERS:         # arrows, F-keys, Home ...: a person
            self._release(self.detector.interrupt())
            return False
        now = ev.timestamp() / 1000 if ev.timestamp() else self.clock()
        return self._apply(obj, ev, self.detector.feed(text, now))

    def _input_method(self, obj: QObject, ev: QEvent) -> bool:
        if obj is not QApplication.focusWidget() or self._skipped(obj):
            return False
        assert isinstance(ev, QInputMethodEvent)
        if ev.preeditString() or not ev.commitString():    # a person composing Chinese
            self._release(self.detector.interrupt())
            return False
        return self._apply(obj, ev, self.detector.feed(ev.commitString(), self.clock()))

    def _apply(self, obj: QObject, ev: QEvent, decision: WedgeDecision) -> bool:
        self._release(decision)
        if decision.action is WedgeAction.HOLD:
            self._held.append((obj, _copy(ev), True))
            self._timer.start()
            return True
        if decision.action is WedgeAction.SCAN:
            self._held.clear()
            self._timer.stop()
            # after this key event is done: a slot may open a dialog with its own event loop
            QTimer.singleShot(0, self, partial(self.scanned.emit, decision.code))
            return True
        return False

    def _on_timeout(self) -> None:
        self._release(self.detector.timeout())

    def _release(self, decision: WedgeDecision) -> None:
        """Re-deliver the first `decision.release` held key presses (and the releases that came
        with them) to the widgets they were aimed at."""
        presses = decision.release
        if presses == 0:
            return
        out: list[tuple[QObject, QEvent, bool]] = []
        while self._held and (presses > 0 or not self._held[0][2]):
            item = self._held.pop(0)
            if item[2]:
                presses -= 1
            out.append(item)
        if not self._held:
            self._timer.stop()
        self._replaying = True
        try:
            for target, event, _press in out:
                if shiboken6.isValid(target):
                    QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    @staticmethod
    def _skipped(obj: QObject) -> bool:
        if isinstance(obj, QLineEdit) and obj.echoMode() != QLineEdit.EchoMode.Normal:
            return True
        w = obj if isinstance(obj, QWidget) else None
        while w is not None:
            if w.property(SKIP_PROPERTY):
                return True
            w = w.parentWidget()
        return False


def _copy(ev: QEvent) -> QEvent:
    """The event outlives its delivery while it is held: keep a copy of it."""
    return ev.clone()
