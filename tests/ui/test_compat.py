"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call: the UI guards against it."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLineEdit

import erp_desktop.ui  # noqa: F401  (importing the UI package installs the guard)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_many_void_calls_do_not_kill_none(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for i in range(20_000):          # more than None's natural reference count (~4,000)
        edit.setText(str(i % 7))
    assert sys.getrefcount(None) > 1 << 39
    assert edit.text() == str(19_999 % 7)
