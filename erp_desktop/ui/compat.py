"""Work-arounds for the Qt binding on the Python we run on.

PySide6 6.12.0 on CPython 3.11 returns None (from every void method: setText(), show(),
processEvents() ...) and True/False (from Signal.emit()) without taking a reference, as if
they were immortal, which they are only from Python 3.12 on (PEP 683).  Each such call drops
one reference that was never taken; after enough calls the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None" (or bool_dealloc).  Measured here:
`edit.setText("a")` lowers sys.getrefcount(None) by one, `signal.emit()` lowers True's.

Until the project runs on Python >= 3.12 (or a PySide6 without the bug), give the three
singletons so many references that the missing ones never bring them to zero: the same
thing Python 3.12 does by making them immortal.  On 3.12+ this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_MANY = 1 << 40
_done = False


def protect_singletons() -> bool:
    """Make None, True and False effectively immortal on CPython < 3.12; True if it did."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field of every object
        refcnt.value += _MANY
    _done = True
    return True
