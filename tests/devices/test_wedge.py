"""The keyboard-wedge detector fed keys with explicit times: a scanner's burst becomes one code and
none of its keys reach the focused widget; a person's keys all reach it, in order, unchanged."""

from __future__ import annotations

import pytest

from erp_desktop.devices.wedge import WedgeAction, WedgeConfig, WedgeDetector, to_ascii


class Screen:
    """Drives a detector the way the event filter does and records what the widget and the
    application would see: delivered text, and scans."""

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.detector = WedgeDetector(config)
        self.held: list[str] = []
        self.typed = ""
        self.scans: list[str] = []
        self.t = 0.0

    def _release(self, n: int) -> None:
        for _ in range(n):
            self.typed += self.held.pop(0)

    def _apply(self, text: str, decision) -> None:
        self._release(decision.release)
        if decision.action is WedgeAction.HOLD:
            self.held.append(text)
        elif decision.action is WedgeAction.PASS:
            self.typed += text
        elif decision.action is WedgeAction.SCAN:
            self.held.clear()
            self.scans.append(decision.code)
        assert len(self.held) == self.detector.holding

    def keys(self, keys, gap: float) -> None:
        """Each key `gap` seconds after the previous one; the timer fires as it would meanwhile."""
        for text in keys:
            self.t += gap
            deadline = self.detector.deadline
            if deadline is not None and deadline < self.t:
                self._apply("", self.detector.timeout())
            self._apply(text, self.detector.feed(text, self.t))

    def idle(self, seconds: float = 1.0) -> None:
        self.t += seconds
        if self.detector.deadline is not None and self.detector.deadline <= self.t:
            self._apply("", self.detector.timeout())


def test_fast_burst_with_enter_is_one_scan_and_nothing_is_typed():
    s = Screen()
    s.keys("6901234567892\r", gap=0.004)
    s.idle()
    assert s.scans == ["6901234567892"]
    assert s.typed == ""


def test_slow_typing_passes_through_untouched_and_never_scans():
    s = Screen()
    s.keys("ABC123\r", gap=0.120)
    s.idle()
    assert s.scans == []
    assert s.typed == "ABC123\r"


def test_a_fast_typist_rolled_pairs_are_not_a_scan():
    s = Screen()
    for pair in ("th", "e ", "qu", "ic", "k\r"):     # 20 ms inside a pair, 150 ms between pairs
        s.keys(pair[0], gap=0.150)
        s.keys(pair[1], gap=0.020)
    s.idle()
    assert s.scans == []
    assert s.typed == "the quick\r"


def test_the_last_gap_counts_too_an_enter_pressed_later_is_typing():
    s = Screen()
    s.keys("SKU-ABC-001", gap=0.003)
    s.keys("\r", gap=0.400)                  # the person pressed Enter after the scanner stopped
    assert s.scans == []
    assert s.typed == "SKU-ABC-001\r"


def test_burst_without_terminator_is_typing_after_the_pause():
    s = Screen()
    s.keys("12345678", gap=0.003)
    assert s.typed == ""                     # held while it could still become a scan
    s.idle()
    assert s.typed == "12345678" and s.scans == []


def test_short_fast_burst_is_typing():
    s = Screen(WedgeConfig(min_length=4))
    s.keys("ok\r", gap=0.010)
    assert s.scans == [] and s.typed == "ok\r"


def test_typing_scan_typing_keeps_the_order_of_the_typed_text():
    s = Screen()
    s.keys("note ", gap=0.200)
    s.idle(0.5)                              # the person picks up the scanner
    s.keys("6901234567892\t", gap=0.002)     # Tab terminator
    s.keys("done", gap=0.200)
    s.idle()
    assert s.scans == ["6901234567892"]
    assert s.typed == "note done"


def test_two_scans_back_to_back():
    s = Screen()
    s.keys("AAA-0001\r", gap=0.002)
    s.keys("BBB-0002\r", gap=0.002)          # the next scan starts 2 ms after the Enter
    assert s.scans == ["AAA-0001", "BBB-0002"] and s.typed == ""


def test_a_late_timer_is_caught_up_by_the_next_key():
    # the GUI thread was busy and the timeout never ran: the next key's time tells
    d = WedgeDetector()
    assert d.feed("a", 0.0).action is WedgeAction.HOLD
    decision = d.feed("b", 0.5)
    assert (decision.action, decision.release) == (WedgeAction.HOLD, 1)
    decision = d.feed("\r", 1.0)
    assert (decision.action, decision.release) == (WedgeAction.PASS, 1)


def test_gap_threshold_is_configurable():
    slow_scanner = "\r".join(["12345678", ""])
    s = Screen()
    s.keys(slow_scanner, gap=0.045)           # over the 30 ms default: typing
    assert s.scans == []
    s = Screen(WedgeConfig(max_gap=0.060))    # a station set up for a slow wedge (RDP, old PC)
    s.keys(slow_scanner, gap=0.045)
    assert s.scans == ["12345678"]


def test_terminator_prefix_and_suffix_configurable():
    s = Screen(WedgeConfig(terminators="\n", prefix="]E0", suffix="#"))
    s.keys("]E06901234567892#\r", gap=0.002)     # CR is not this station's terminator
    s.idle()
    assert s.scans == [] and s.typed == "]E06901234567892#\r"
    s.keys("]E06901234567892#\n", gap=0.002)
    assert s.scans == ["6901234567892"]
    s.keys("SKU-77\n", gap=0.002)                 # prefix and suffix stripped only when there
    assert s.scans[-1] == "SKU-77"


def test_modifier_keys_inside_a_burst_keep_it_together():
    # a scanner sends Shift for each capital letter: key presses with no text
    s = Screen()
    keys = []
    for ch in "SKU-Ab1":
        if ch.isupper():
            keys.append("")
        keys.append(ch)
    s.keys([*keys, "\r"], gap=0.003)
    assert s.scans == ["SKU-Ab1"] and s.typed == ""


def test_a_lone_modifier_or_enter_passes_at_once():
    d = WedgeDetector()
    assert d.feed("", 0.0).action is WedgeAction.PASS
    assert d.feed("\r", 0.001).action is WedgeAction.PASS


def test_backspace_releases_what_was_held_then_passes():
    s = Screen()
    s.keys(["a", "b", "\x08"], gap=0.005)
    assert s.typed == "ab\x08" and s.detector.holding == 0


def test_gs1_group_separator_stays_in_the_code():
    s = Screen()
    s.keys("]C1010690123456789210LOT1\x1d21SN\r", gap=0.002)
    assert s.scans == ["]C1010690123456789210LOT1\x1d21SN"]


def test_chinese_input_method_commits_and_full_width_text():
    # input method active: text arrives as committed strings, some full-width or Chinese punctuation
    s = Screen()
    s.keys(["ＳＫＵ", "－", "Ａ", "。", "１", "\r"], gap=0.004)
    assert s.scans == ["SKU-A.1"]
    # a person typing Chinese gets their text untouched
    s.keys(["你好", "，", "Ａ", "\r"], gap=0.300)
    assert s.typed == "你好，Ａ\r"


def test_interrupt_releases_what_is_held():
    d = WedgeDetector()
    d.feed("x", 0.0)
    d.feed("y", 0.001)
    decision = d.interrupt()
    assert (decision.action, decision.release, d.holding) == (WedgeAction.NONE, 2, 0)


@pytest.mark.parametrize("text, ascii_", [
    ("６９０１２３", "690123"),
    ("ＡＢＣ－１２", "ABC-12"),
    ("【A】、《B》", "[A]/<B>"),
    ("A……B——C", "A^B_C"),
    ("X　Y", "X Y"),                    # ideographic space
    ("plain-ASCII_1", "plain-ASCII_1"),
])
def test_to_ascii(text, ascii_):
    assert to_ascii(text) == ascii_


def test_config_is_checked():
    with pytest.raises(ValueError):
        WedgeConfig(max_gap=0)
    with pytest.raises(ValueError):
        WedgeConfig(terminators="")
