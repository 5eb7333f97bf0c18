"""Serial scales against a pseudo-terminal acting as the scale: a thread on the pty's master side
answers MT-SICS commands or sends a CAS-style stream (frames split across writes, moving then
settled), and is unplugged and plugged back under the same name like a udev by-id link."""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
import time
import tty
from collections.abc import Callable
from decimal import Decimal

import pytest

from erp_desktop.devices.scale import Scale, ScaleConfig, ScaleError, Weight, parse_sics, parse_stream

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class PtyScale:
    """A pty pair whose slave is reachable under a fixed name; `answer(cmd)` gives the lines the
    scale sends back for a command line the app wrote."""

    def __init__(self, link, answer: Callable[[str], list[str]] | None = None) -> None:
        self.link = link
        self.answer = answer or (lambda cmd: [])
        self.commands: queue.Queue[str] = queue.Queue()
        self.master: int | None = None
        self.slave: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        os.symlink(os.ttyname(self.slave), self.link)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def unplug(self) -> None:
        self._stop.set()
        self._thread.join(2)
        os.unlink(self.link)
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = None

    def send(self, data: str) -> None:
        os.write(self.master, data.encode("ascii"))

    def _serve(self) -> None:
        buf = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                buf += os.read(self.master, 256)
            except OSError:
                return
            while b"\r\n" in buf:
                line, buf = buf.split(b"\r\n", 1)
                cmd = line.decode("ascii")
                self.commands.put(cmd)
                for reply in self.answer(cmd):
                    self.send(reply + "\r\n")

    def seen(self) -> list[str]:
        out = []
        while not self.commands.empty():
            out.append(self.commands.get())
        return out


def wait_state(states: queue.Queue, wanted: str, timeout: float = 3.0) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            state, detail = states.get(timeout=max(0.0, end - time.monotonic()))
        except queue.Empty:
            break
        if state == wanted:
            return detail
    raise AssertionError(f"no {wanted!r} within {timeout} s")


@pytest.fixture
def rig(tmp_path):
    """rig(answer, **config) -> (fake scale, Scale, weights heard, states); all stopped at the end."""
    made: list[tuple[PtyScale, Scale]] = []

    def make(answer=None, **config):
        fake = PtyScale(tmp_path / f"ttyScale{len(made)}", answer)
        fake.plug()
        weights: list[Weight] = []
        states: queue.Queue[tuple[str, str]] = queue.Queue()
        cfg = ScaleConfig(str(fake.link), read_timeout=0.05, min_backoff=0.05, max_backoff=0.2,
                          retry_interval=0.05, reply_timeout=0.5, **config)
        scale = Scale(cfg, on_weight=weights.append, on_status=lambda s, d: states.put((s, d))).start()
        wait_state(states, "connected")
        made.append((fake, scale))
        return fake, scale, weights, states

    yield make
    for fake, scale in made:
        scale.stop()
        assert not scale.running
        if fake.master is not None:
            fake.unplug()


# ------------------------------------------------------------------------------------ parsers

@pytest.mark.parametrize("line, status, command, kg, stable", [
    ("S S      1.234 kg", "stable", "S", Decimal("1.234"), True),
    ("S D      1.230 kg", "unstable", "S", Decimal("1.230"), False),
    ("S S     -0.012 kg", "stable", "S", Decimal("-0.012"), True),
    ("S S    250.5 g", "stable", "S", Decimal("0.2505"), True),
    ("S S      2.000 lb", "stable", "S", Decimal("0.90718474"), True),
    ("T S      0.350 kg", "stable", "T", Decimal("0.350"), True),
    ("S I", "not_ready", "S", None, None),
    ("S +", "overload", "S", None, None),
    ("S -", "underload", "S", None, None),
    ("Z A", "ack", "Z", None, None),
    ("TAC A", "ack", "TAC", None, None),
    ("ES", "error", "ES", None, None),
    ("EL", "error", "EL", None, None),
])
def test_parse_sics(line, status, command, kg, stable):
    r = parse_sics(line)
    assert (r.status, r.command) == (status, command)
    if kg is None:
        assert r.weight is None
    else:
        assert (r.weight.kg, r.weight.stable) == (kg, stable)


@pytest.mark.parametrize("line, status, kind, kg", [
    ("ST,GS,+0001.234kg", "stable", "gross", Decimal("1.234")),
    ("US,GS,+0001.230kg", "unstable", "gross", Decimal("1.230")),
    ("ST,NT,-0000.500kg", "stable", "net", Decimal("-0.500")),
    ("ST,GS,+  1.234kg", "stable", "gross", Decimal("1.234")),
    ("ST,GS,  +1.234 kg", "stable", "gross", Decimal("1.234")),
    ("\x02ST,GS,+0001.234kg\x03", "stable", "gross", Decimal("1.234")),
    ("ST,GS,+001234.0g", "stable", "gross", Decimal("1.2340")),
    ("ST,GS,+0002.50lb", "stable", "gross", Decimal("1.133980925")),
    ("OL,GS,+  OL  kg", "overload", None, None),
])
def test_parse_stream(line, status, kind, kg):
    r = parse_stream(line)
    assert r.status == status
    if kg is None:
        assert r.weight is None
    else:
        assert (r.weight.kind, r.weight.kg, r.weight.stable) == (kind, kg, status == "stable")


@pytest.mark.parametrize("line", ["", "garbage", "ST,GS,+1.234oz", "I4 A \"0123456789\""])
def test_noise_is_not_a_weight(line):
    assert parse_sics(line) is None and parse_stream(line) is None


def test_config_is_checked():
    with pytest.raises(ValueError):
        ScaleConfig("/dev/ttyUSB0", protocol="xk3190")
    with pytest.raises(ValueError):
        ScaleConfig("/dev/ttyUSB0", mode="sometimes")


# ------------------------------------------------------------------------------------ MT-SICS

def test_sics_request_stable_weight(rig):
    fake, scale, weights, _ = rig({"S": ["S S      1.234 kg"]}.get, protocol="sics", mode="request")
    w = scale.read_stable(timeout=2)
    assert (w.kg, w.stable, w.kind, w.unit) == (Decimal("1.234"), True, "gross", "kg")
    assert fake.seen() == ["S"]
    assert weights == [w]


def test_sics_waits_while_the_load_moves(rig):
    asked = {"S": 0}

    def answer(cmd):
        if cmd == "SI":
            return ["S D      2.431 kg"]
        asked["S"] += 1
        return ["S I"] if asked["S"] < 3 else ["S S      2.500 kg"]     # not stable yet, twice

    _fake, scale, _, _ = rig(answer, protocol="sics")
    now = scale.read(timeout=2)
    assert (now.kg, now.stable) == (Decimal("2.431"), False)
    w = scale.read_stable(timeout=2)
    assert (w.kg, w.stable) == (Decimal("2.500"), True)
    assert asked["S"] == 3


def test_sics_gives_up_when_it_never_settles(rig):
    _fake, scale, _, _ = rig(lambda cmd: ["S I"], protocol="sics")
    t0 = time.monotonic()
    with pytest.raises(ScaleError) as e:
        scale.read_stable(timeout=0.3)
    assert e.value.reason == "timeout" and time.monotonic() - t0 < 1.0


def test_sics_tare_then_net_weights_and_clear(rig):
    replies = {"T": ["T S      0.350 kg"], "S": ["S S      1.000 kg"], "TAC": ["TAC A"], "Z": ["Z A"]}
    fake, scale, _, _ = rig(replies.get, protocol="sics")
    t = scale.tare()
    assert (t.kg, t.kind) == (Decimal("0.350"), "tare")
    assert scale.read_stable(1).kind == "net"             # the scale subtracts its tare itself
    scale.clear_tare()
    assert scale.read_stable(1).kind == "gross"
    scale.zero()
    assert fake.seen() == ["T", "S", "TAC", "S", "Z"]


@pytest.mark.parametrize("reply, reason", [("S +", "overload"), ("S -", "underload"), ("ES", "error")])
def test_sics_errors(rig, reply, reason):
    _fake, scale, _, _ = rig(lambda cmd: [reply], protocol="sics")
    with pytest.raises(ScaleError) as e:
        scale.read_stable(timeout=1)
    assert e.value.reason == reason


def test_sics_tare_refused_while_moving(rig):
    _fake, scale, _, _ = rig({"T": ["T I"]}.get, protocol="sics")
    with pytest.raises(ScaleError) as e:
        scale.tare(timeout=1)
    assert e.value.reason == "not_ready"


def test_sics_silent_scale_times_out(rig):
    _fake, scale, _, _ = rig(lambda cmd: [], protocol="sics")
    with pytest.raises(ScaleError) as e:
        scale.read(timeout=0.3)
    assert e.value.reason == "timeout"


# ------------------------------------------------------------------------------------ stream

def test_stream_split_frames_unstable_then_stable(rig):
    fake, scale, weights, _ = rig(protocol="stream", mode="continuous", confirm_stable=2)
    got: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: got.put(scale.read_stable(timeout=3)), daemon=True).start()
    time.sleep(0.05)
    for kg in ("0.812", "1.190", "1.236"):
        fake.send(f"US,GS,+000{kg}kg\r\n")
        time.sleep(0.02)
    fake.send("ST,GS,+00")                               # one frame split across two reads
    time.sleep(0.12)
    fake.send("01.234kg\r\nST,GS,+0001.234kg\r\n")
    w = got.get(timeout=3)
    assert (w.kg, w.stable) == (Decimal("1.234"), True)
    assert [x.stable for x in weights[:3]] == [False, False, False]
    assert weights[3].kg == Decimal("1.234")              # the split frame was put back together


def test_stream_one_stable_reading_is_not_enough_when_two_are_wanted(rig):
    fake, scale, _, _ = rig(protocol="stream", mode="continuous", confirm_stable=2)
    got: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: got.put(scale.read_stable(timeout=2)), daemon=True).start()
    time.sleep(0.05)
    fake.send("ST,GS,+0001.100kg\r\nST,GS,+0001.150kg\r\n")   # stable, but not the same twice
    time.sleep(0.2)
    assert got.empty()
    fake.send("ST,GS,+0001.150kg\r\n")
    assert got.get(timeout=2).kg == Decimal("1.150")


def test_stream_overload_is_reported(rig):
    fake, scale, _, _ = rig(protocol="stream", mode="continuous")
    threading.Timer(0.1, fake.send, args=("OL,GS,+  OL  kg\r\n",)).start()
    with pytest.raises(ScaleError) as e:
        scale.read_stable(timeout=2)
    assert e.value.reason == "overload"


def test_stream_request_mode_polls_and_tares_in_software(rig):
    load = {"kg": "0000.400"}
    fake, scale, _, _ = rig(lambda cmd: [f"ST,GS,+{load['kg']}kg"] if cmd == "W" else [],
                            protocol="stream", mode="request")
    t = scale.tare(timeout=2)                               # the empty box
    assert (t.kg, t.kind) == (Decimal("0.400"), "tare")
    load["kg"] = "0001.650"                                  # box with the goods
    w = scale.read_stable(timeout=2)
    assert (w.kg, w.kind) == (Decimal("1.250"), "net")
    scale.clear_tare()
    assert scale.read(timeout=2).kg == Decimal("1.650")
    assert fake.seen() == ["W", "W", "W"]
    with pytest.raises(ScaleError) as e:
        scale.zero()
    assert e.value.reason == "unsupported"


# ------------------------------------------------------------------------------------ unplug

def test_unplug_and_replug_continuous_sics(rig):
    fake, scale, _, states = rig(protocol="sics", mode="continuous", confirm_stable=1)
    assert fake.commands.get(timeout=2) == "SIR"           # asked for continuous readings on connect
    fake.send("S S      0.700 kg\r\n")
    assert scale.read_stable(timeout=2).kg == Decimal("0.700")
    fake.unplug()
    wait_state(states, "disconnected")
    assert not scale.connected
    with pytest.raises(ScaleError) as e:
        scale.read(timeout=0.2)
    assert e.value.reason == "disconnected"
    fake.plug()
    wait_state(states, "connected")
    assert fake.commands.get(timeout=2) == "SIR"           # and again after the scale came back
    threading.Timer(0.1, fake.send, args=("S D      0.910 kg\r\nS S      0.950 kg\r\n",)).start()
    w = scale.read_stable(timeout=2)
    assert (w.kg, w.stable) == (Decimal("0.950"), True)
    assert scale.running


def test_request_while_unplugged_says_disconnected(rig):
    fake, scale, _, states = rig({"S": ["S S      1.000 kg"]}.get, protocol="sics")
    fake.unplug()
    wait_state(states, "disconnected")
    t0 = time.monotonic()
    with pytest.raises(ScaleError) as e:
        scale.read_stable(timeout=0.3)
    assert e.value.reason == "disconnected" and time.monotonic() - t0 < 1.0
