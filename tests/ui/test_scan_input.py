"""Scan anywhere: a keyboard-wedge burst aimed at a focused line edit becomes one `scanned` signal
(also on the bridge) and leaves the field and its dialog alone; a person typing into the same
field sees every key land, in order, and no scan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from erp_desktop.devices.wedge import WedgeConfig
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.scan_input import SKIP_PROPERTY, ScanInput


@pytest.fixture
def form(qtbot):
    w = QWidget()
    layout = QVBoxLayout(w)
    edit, other = QLineEdit(), QLineEdit()
    layout.addWidget(edit)
    layout.addWidget(other)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    return w, edit, other


@pytest.fixture
def scan_input(qapp):
    bridge = Bridge()
    f = ScanInput(WedgeConfig(max_gap=0.030, min_length=4), bridge=bridge).install()
    yield f, bridge
    f.uninstall()


def key_event(kind, key, text, ms) -> QKeyEvent:
    ev = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
    ev.setTimestamp(ms)
    return ev


def send_keys(widget, text: str, start_ms: int, gap_ms: int) -> int:
    """Key presses and releases with window-system timestamps `gap_ms` apart, sent at once."""
    ms = start_ms
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        QApplication.sendEvent(widget, key_event(QEvent.Type.KeyPress, key, ch, ms))
        QApplication.sendEvent(widget, key_event(QEvent.Type.KeyRelease, key, ch, ms + 1))
        ms += gap_ms
    return ms


def test_fast_burst_is_one_scan_and_nothing_lands_in_the_field(form, scan_input, qtbot):
    _, edit, _ = form
    f, bridge = scan_input
    edit.setText("note: ")
    returns, scans, bridged = [], [], []
    edit.returnPressed.connect(lambda: returns.append(1))
    f.scanned.connect(scans.append)
    bridge.scanned.connect(bridged.append)
    with qtbot.waitSignals([f.scanned, bridge.scanned], timeout=2000):
        QTest.keyClicks(edit, "6901234567892")            # back to back, like a scanner
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert scans == bridged == ["6901234567892"]
    qtbot.wait(80)                                        # well past the release delay
    assert edit.text() == "note: "
    assert returns == []                                  # the scanner's Enter did not reach the field


def test_slow_typing_lands_in_the_field_and_is_no_scan(form, scan_input, qtbot):
    _, edit, _ = form
    f, _ = scan_input
    returns = []
    edit.returnPressed.connect(lambda: returns.append(edit.text()))
    with qtbot.assertNotEmitted(f.scanned, wait=100):
        QTest.keyClicks(edit, "ABC123", delay=60)       # press and release: 120 ms a key
        QTest.keyClick(edit, Qt.Key.Key_Return, delay=60)
    assert edit.text() == "ABC123"
    assert returns == ["ABC123"]


def test_window_system_timestamps_decide_not_arrival_time(form, scan_input, qtbot):
    _, edit, _ = form
    f, _ = scan_input
    # stamped 150 ms apart (a person), delivered in one go (a busy GUI thread catching up)
    with qtbot.assertNotEmitted(f.scanned, wait=100):
        send_keys(edit, "SLOW1\r", start_ms=10_000, gap_ms=150)
    assert edit.text() == "SLOW1"
    edit.clear()
    # stamped 3 ms apart (a scanner)
    with qtbot.waitSignal(f.scanned, timeout=2000) as sig:
        send_keys(edit, "SKU-9\r", start_ms=20_000, gap_ms=3)
    assert sig.args == ["SKU-9"]
    qtbot.wait(80)
    assert edit.text() == ""


def test_typing_then_a_scan_then_typing(form, scan_input, qtbot):
    _, edit, _ = form
    f, _ = scan_input
    QTest.keyClicks(edit, "ab", delay=50)
    qtbot.wait(100)
    with qtbot.waitSignal(f.scanned, timeout=2000) as sig:
        send_keys(edit, "LOT-2025\r", start_ms=50_000, gap_ms=2)
    QTest.keyClicks(edit, "cd", delay=50)
    qtbot.wait(100)
    assert sig.args == ["LOT-2025"]
    assert edit.text() == "abcd"


def test_held_keys_go_back_to_their_field_before_a_click(form, scan_input, qtbot):
    _, edit, other = form
    QTest.keyClick(edit, Qt.Key.Key_X)                    # held: it could be a scan's first key
    assert edit.text() == ""
    QTest.mouseClick(other, Qt.MouseButton.LeftButton)
    assert edit.text() == "x"                             # delivered where it was typed, at once


def test_input_method_commits_full_width(form, scan_input, qtbot):
    _, edit, _ = form
    f, _ = scan_input
    with qtbot.waitSignal(f.scanned, timeout=2000) as sig:
        for piece in ("ＳＫＵ", "－", "１２"):
            ev = QInputMethodEvent()
            ev.setCommitString(piece)
            QApplication.sendEvent(edit, ev)
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert sig.args == ["SKU-12"]
    qtbot.wait(80)
    assert edit.text() == ""
    # a person committing Chinese gets it in the field
    ev = QInputMethodEvent()
    ev.setCommitString("张三")
    QApplication.sendEvent(edit, ev)
    qtbot.waitUntil(lambda: edit.text() == "张三", timeout=1000)


def test_password_fields_and_skipped_widgets_are_left_alone(form, scan_input, qtbot):
    _, edit, other = form
    f, _ = scan_input
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    with qtbot.assertNotEmitted(f.scanned, wait=50):
        QTest.keyClicks(edit, "secret-1234")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == "secret-1234"
    other.setProperty(SKIP_PROPERTY, True)
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    with qtbot.assertNotEmitted(f.scanned, wait=50):
        QTest.keyClicks(other, "6901234567892")
        QTest.keyClick(other, Qt.Key.Key_Return)
    assert other.text() == "6901234567892"


def test_uninstalled_filter_lets_everything_through(form, qtbot):
    _, edit, _ = form
    f = ScanInput().install()
    f.uninstall()
    with qtbot.assertNotEmitted(f.scanned, wait=50):
        QTest.keyClicks(edit, "6901234567892")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == "6901234567892"
