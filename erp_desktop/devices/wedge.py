"""Keyboard-wedge scanners told from typing (DEVICES.md §1), as a pure state machine.

A USB-HID scanner "types" a barcode: a burst of keys a few ms apart ended by Enter or Tab.  A
person is ten times slower (100-300 ms a key, rolled pairs down to ~30-50 ms).  The detector is
fed each key's text and the time it was pressed and answers what to do with the key:

* HOLD: keep it back, it may be the start of a scan;
* PASS: deliver it (typing);
* SCAN: the burst is a scan ended by this key: drop the key and everything held back; `code`.

Every decision may also say `release=n`: deliver the n keys held back first, in order, as typing
(the burst turned out to be a person).  When no key follows a held one within `max_gap`, the UI
calls `timeout()`, which releases them.  So a person's keys arrive at most `max_gap` late and
untouched, and a scan never lands in the focused widget.  (A key typed less than `max_gap`
before a scan starts cannot be told from it and becomes part of the code.)

It works on the text the keys produce, never on key codes, so any keyboard layout does (the
scanner's layout must still match the OS layout, or digits arrive as symbols).  An input method
commit of several characters at once counts as one key.  With a Chinese input method in Chinese
mode, punctuation keys produce full-width or Chinese punctuation (，。、【】); a scanned code is
mapped back to ASCII (`to_ascii`), since barcodes are ASCII, while typing is passed on untouched.
Letters a Chinese IME swallows into its composition window never reach us: the scan field must
disable the input method (DEVICES.md §1).  Control characters a scanner sends inside a code
(GS for GS1 FNC1, RS, EOT) are kept in it.

No Qt here (devices/ never imports PySide6); ui/scan_input.py drives it from an event filter.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

DEFAULT_MAX_GAP = 0.030        # s between keys of one scan (DEVICES.md: 30 ms, a setting from 30 to 80 ms)
DEFAULT_MIN_LENGTH = 4
MAX_BURST = 4096               # characters held back at most: beyond that it is surely not a barcode
CODE_CONTROLS = frozenset("\x1d\x1e\x04")      # GS (FNC1), RS, EOT: inside GS1 / ISO 15434 data

# what Chinese input methods in Chinese-punctuation mode produce for ASCII punctuation keys (Sogou /
# Microsoft Pinyin); NFKC already maps the full-width forms (U+FF01-U+FF5E) and the ideographic space
_CHINESE_PUNCTUATION = str.maketrans({
    "。": ".", "、": "/", "【": "[", "】": "]", "《": "<", "》": ">", "「": "[", "」": "]",
    "‘": "'", "’": "'", "“": '"', "”": '"', "·": "`", "￥": "$", "¥": "$", "…": "^", "—": "_",
})


def to_ascii(text: str) -> str:
    """Full-width letters, digits and punctuation, and Chinese punctuation, as their ASCII keys."""
    text = text.replace("……", "^").replace("——", "_")     # one key each (Shift+6, Shift+-)
    return unicodedata.normalize("NFKC", text.translate(_CHINESE_PUNCTUATION))


class WedgeAction(Enum):
    HOLD = "hold"      # swallow the key for now; it may be part of a scan
    PASS = "pass"      # deliver the key
    SCAN = "scan"      # the key ended a scan: swallow it and drop every key held back
    NONE = "none"      # (timeout) no key to act on; only `release` matters


@dataclass(frozen=True)
class WedgeDecision:
    action: WedgeAction
    release: int = 0             # keys held back to deliver first, oldest first, as typing
    code: str = ""               # the scanned code (SCAN only)


@dataclass(frozen=True)
class WedgeConfig:
    max_gap: float = DEFAULT_MAX_GAP           # s: keys further apart are typing
    min_length: int = DEFAULT_MIN_LENGTH       # characters a code has at least (after prefix/suffix)
    terminators: str = "\r\n\t"                # characters that end a scan: Enter (CR or LF) and Tab
    prefix: str = ""                           # stripped from the start of a code when there
    suffix: str = ""                           # stripped from its end when there

    def __post_init__(self) -> None:
        if not 0 < self.max_gap <= 1:
            raise ValueError("max_gap is seconds between two keys of a scan, above 0 and at most 1")
        if self.min_length < 1:
            raise ValueError("min_length must be at least 1")
        if not self.terminators:
            raise ValueError("a scan needs a terminator (program the scanner to send Enter or Tab)")


class WedgeDetector:
    """Feed every key press that reaches the focused widget, in order, with its time in seconds."""

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config or WedgeConfig()
        self._held: list[str] = []       # texts of the keys held back ("" for a modifier key)
        self._last: float | None = None  # time of the last key held back

    # ---------------------------------------------------------------------------------- state
    @property
    def holding(self) -> int:
        """How many keys are held back now."""
        return len(self._held)

    @property
    def deadline(self) -> float | None:
        """When `timeout()` is due if no key comes first, or None when nothing is held."""
        return None if self._last is None else self._last + self.config.max_gap

    def reset(self) -> int:
        """Forget the held keys (the caller delivers them); returns how many there were."""
        n = len(self._held)
        self._held, self._last = [], None
        return n

    # ---------------------------------------------------------------------------------- input
    def feed(self, text: str, t: float) -> WedgeDecision:
        """A key press that produced `text` at time `t` (s).  Empty text is a modifier key (Shift
        for a capital, Ctrl for GS): it keeps its place among held keys without counting."""
        if text == "":
            if self._held:
                self._held.append("")
                return WedgeDecision(WedgeAction.HOLD)
            return WedgeDecision(WedgeAction.PASS)
        cfg = self.config
        fast = self._last is not None and 0 <= t - self._last <= cfg.max_gap
        if not fast and self._held:
            # timeout() was due before this key (a busy GUI thread calls it late): typing
            released = self.reset()
            decision = self.feed(text, t)
            return WedgeDecision(decision.action, released + decision.release, decision.code)
        if len(text) == 1 and text in cfg.terminators:
            if not self._held:
                return WedgeDecision(WedgeAction.PASS)
            code = self._code()
            held = self.reset()
            if code is not None:
                return WedgeDecision(WedgeAction.SCAN, 0, code)
            return WedgeDecision(WedgeAction.PASS, held)
        if not all(c.isprintable() or c in CODE_CONTROLS for c in text):
            # Backspace, Escape, Delete ...: a person editing; what was held goes first
            return WedgeDecision(WedgeAction.PASS, self.reset())
        if sum(len(h) for h in self._held) + len(text) > MAX_BURST:
            return WedgeDecision(WedgeAction.PASS, self.reset())
        self._held.append(text)
        self._last = t
        return WedgeDecision(WedgeAction.HOLD)

    def interrupt(self) -> WedgeDecision:
        """Something that is not a scanner key happened (a mouse click, auto-repeat, focus moved):
        deliver what is held."""
        return WedgeDecision(WedgeAction.NONE, self.reset())

    def timeout(self) -> WedgeDecision:
        """No key came within `max_gap` of the last held one: a person, deliver what is held."""
        return WedgeDecision(WedgeAction.NONE, self.reset())

    # ---------------------------------------------------------------------------------- codes
    def _code(self) -> str | None:
        """The held burst as a code, or None when it is too short to be one."""
        cfg = self.config
        code = to_ascii("".join(self._held))
        if cfg.prefix and code.startswith(cfg.prefix):
            code = code[len(cfg.prefix):]
        if cfg.suffix and code.endswith(cfg.suffix):
            code = code[: -len(cfg.suffix)]
        code = code.strip(" ")
        return code if len(code) >= cfg.min_length else None
