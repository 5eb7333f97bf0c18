"""Serial scales (RS-232, or USB-serial) read with pyserial on a thread of their own (DEVICES.md §2).

    scale = Scale(ScaleConfig("usb:1a86:7523", protocol="sics"), on_weight=bridge_weight.emit).start()
    w = scale.read_stable(timeout=3.0)        # Weight(kg=Decimal("1.234"), stable=True, ...)
    scale.tare(); ...; scale.stop()

Two protocol families:

* "sics": Mettler Toledo MT-SICS, request/response lines ended by CRLF.  `S` answers with the next
  stable weight ("S S      1.234 kg"), `SI` at once, stable or not ("S D ..." while it moves),
  `SIR` repeats SI continuously, `T` tares ("T S ..." with the tare), `TAC` clears the tare, `Z`
  zeroes ("Z A").  Errors: "x I" not possible now (moving, busy), "x +" / "x -" over / under the
  range, "ES" / "ET" / "EL" syntax / transmission / logic error.
* "stream": the CAS-style line most Chinese indicators send, "ST,GS,+0001.234kg": ST stable, US
  unstable, OL overload; GS gross, NT net, TR tare; sign and padding vary, some wrap it in STX/ETX.
  Sent continuously, or in answer to a poll command (`poll_command`, "W" on many).  These scales
  take no tare command we could rely on, so `tare()` remembers the stable gross weight and
  subtracts it (kind "net").

Mode "continuous" listens to what the scale sends (SICS: `SIR` is sent on each connect);
mode "request" asks each time a weight is wanted.  Weights are Decimal kilograms (g and lb
converted); only readings the scale calls stable count for `read_stable`, and in continuous mode
`confirm_stable` equal stable readings in a row are wanted first, so a parcel still settling on
the platter is not booked.  `on_weight(weight)` hears every reading, from the reader's thread.

The port is named like a serial scanner's (a device, a pyserial URL or "usb:VID:PID[:SERIAL]")
and is opened again with a growing pause after an unplug.  No Qt here.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import serial

from erp_desktop.devices.serial_port import PortReader
from erp_desktop.devices.serial_scanner import CodeAssembler

log = logging.getLogger(__name__)

PROTOCOLS = ("sics", "stream")
MODES = ("request", "continuous")
UNIT_IN_KG: dict[str, Decimal] = {
    "kg": Decimal(1), "g": Decimal("0.001"), "lb": Decimal("0.45359237"), "lbs": Decimal("0.45359237"),
}
_SICS_ERRORS = {"ES": "syntax error", "ET": "transmission error", "EL": "logic error"}
_SICS_STATUS = {"S": "stable", "D": "unstable", "A": "ack", "I": "not_ready", "+": "overload",
                "-": "underload", "L": "error"}
_SICS_LINE = re.compile(r"^(?P<cmd>[A-Z][A-Z0-9]*)\s+(?P<st>[SDAIL+\-])(?:\s+(?P<w>[-+]?\s*\d+(?:\.\d+)?)"
                        r"\s*(?P<u>[A-Za-z]+)?)?\s*$")
_STREAM_LINE = re.compile(r"^(?P<st>ST|US|OL)\s*,\s*(?P<k>GS|NT|TR|GR|TA)?\s*,?\s*(?P<sign>[-+])?\s*"
                          r"(?P<w>\d+(?:\.\d+)?|O\s*L)?\s*,?\s*(?P<u>[A-Za-z]+)?$")
_KINDS = {"GS": "gross", "GR": "gross", "NT": "net", "TR": "tare", "TA": "tare"}


class ScaleError(Exception):
    """The scale could not give what was asked.  `reason`: "overload", "underload", "not_ready",
    "error", "timeout", "disconnected", "unsupported"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"scale: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Weight:
    kg: Decimal
    stable: bool
    kind: str = "gross"        # gross, net (after a tare), tare
    unit: str = "kg"           # the unit the scale sent
    raw: str = ""


@dataclass(frozen=True)
class ScaleReply:
    """One line from a scale, read: status "stable", "unstable", "ack", "not_ready", "overload",
    "underload" or "error"; `command` the SICS command it answers ("" for a stream line)."""

    status: str
    command: str = ""
    weight: Weight | None = None
    raw: str = ""


def to_kg(value: Decimal, unit: str) -> Decimal:
    factor = UNIT_IN_KG.get(unit.lower())
    if factor is None:
        raise ValueError(f"unknown weight unit {unit!r}")
    return value * factor


def _weight(number: str, unit: str, stable: bool, kind: str, raw: str) -> Weight | None:
    try:
        value = Decimal(number.replace(" ", ""))
        return Weight(to_kg(value, unit or "kg"), stable, kind, (unit or "kg").lower(), raw)
    except (InvalidOperation, ValueError):
        return None


def parse_sics(line: str) -> ScaleReply | None:
    """An MT-SICS reply line, or None for noise."""
    s = line.strip().strip("\x02\x03").strip()
    if s in _SICS_ERRORS:
        return ScaleReply("error", s, None, line)
    m = _SICS_LINE.match(s)
    if m is None:
        return None
    status = _SICS_STATUS[m["st"]]
    weight = None
    if m["w"] is not None and status in ("stable", "unstable"):
        kind = "tare" if m["cmd"] in ("T", "TA") else "gross"
        weight = _weight(m["w"], m["u"] or "kg", status == "stable", kind, line)
        if weight is None:
            return None
    return ScaleReply(status, m["cmd"], weight, line)


def parse_stream(line: str) -> ScaleReply | None:
    """A CAS-style "ST,GS,+0001.234kg" line, or None for noise."""
    s = line.strip().strip("\x02\x03").strip()
    m = _STREAM_LINE.match(s)
    if m is None:
        return None
    if m["st"] == "OL":
        return ScaleReply("overload", "", None, line)
    if m["w"] is None or not m["w"][0].isdigit():
        return None
    number = ("-" if m["sign"] == "-" else "") + m["w"]
    weight = _weight(number, m["u"] or "kg", m["st"] == "ST", _KINDS.get(m["k"] or "GS", "gross"), line)
    if weight is None:
        return None
    return ScaleReply("stable" if weight.stable else "unstable", "", weight, line)


@dataclass(frozen=True)
class ScaleConfig:
    port: str                        # /dev/ttyUSB0, COM3, a pyserial URL, or usb:VID:PID[:SERIAL]
    baudrate: int = 9600
    protocol: str = "sics"           # "sics" or "stream"
    mode: str = "request"            # "request" or "continuous"
    bytesize: int = 8
    parity: str = "N"                # "N", "E", "O" (many indicators ship 7E1)
    stopbits: float = 1
    poll_command: str = "W"          # stream protocol, request mode: what makes the scale send a line
    confirm_stable: int = 2          # continuous mode: equal stable readings in a row before one counts
    retry_interval: float = 0.2      # request mode: pause before asking again (not stable yet, no reply)
    reply_timeout: float = 1.0       # seconds an answer to one command may take
    read_timeout: float = 0.1        # seconds a read waits: how quickly stop() is noticed
    min_backoff: float = 0.2         # pause before connecting again, doubled up to max_backoff
    max_backoff: float = 5.0

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise ValueError(f"protocol must be one of {', '.join(PROTOCOLS)}, not {self.protocol!r}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.confirm_stable < 1:
            raise ValueError("confirm_stable must be at least 1")


class Scale(PortReader):
    """A serial scale on its own reader thread.  `read_stable`, `read`, `tare`, `zero` may be
    called from any thread (one at a time is served; others wait their turn)."""

    what = "scale"

    def __init__(self, config: ScaleConfig, on_weight: Callable[[Weight], object] | None = None,
                 on_status: Callable[[str, str], object] | None = None) -> None:
        super().__init__(config, on_status)
        self.config: ScaleConfig = config
        self.on_weight = on_weight
        self._assembler = CodeAssembler("ANY", stale_after=max(1.0, config.reply_timeout))
        self._request = threading.Lock()         # one command and its answer at a time
        self._connected_event = threading.Event()
        self._replies: queue.Queue[ScaleReply] | None = None
        self._readings = threading.Condition(self._lock)     # _lock also guards _replies, the tare, readings
        self._seq = 0                            # readings seen so far
        self._stable_run = 0                     # equal stable readings in a row
        self._last: Weight | None = None
        self._alarm: ScaleReply | None = None    # overload / underload since the last weight
        self._software_tare: Decimal | None = None
        self._scale_tared = False                # SICS: the scale holds a tare, its weights are net

    def start(self) -> Scale:
        return super().start()

    @property
    def last_weight(self) -> Weight | None:
        """The latest reading (stable or not), tare applied."""
        with self._lock:
            return self._last

    # -------------------------------------------------------------------------------- weighing
    def read_stable(self, timeout: float = 5.0) -> Weight:
        """The next stable weight; ScaleError("timeout") when the load does not settle in time, or
        "overload" / "underload" / "disconnected"."""
        deadline = time.monotonic() + timeout
        if self.config.mode == "continuous":
            return self._wait_reading(deadline, stable=True)
        while True:
            cmd = "S" if self.config.protocol == "sics" else self.config.poll_command
            try:
                reply = self._command(cmd, deadline)
            except ScaleError as exc:
                if exc.reason != "timeout" or time.monotonic() >= deadline:
                    raise
                reply = None
            if reply is not None:
                self._raise_for(reply, allow=("not_ready", "unstable"))
                if reply.status == "stable" and reply.weight is not None:
                    return self._tared(reply.weight)
            if self._stop.wait(min(self.config.retry_interval, max(0.0, deadline - time.monotonic()))) \
                    or time.monotonic() >= deadline:
                raise ScaleError("timeout", "no stable weight in time")

    def read(self, timeout: float = 2.0) -> Weight:
        """The weight now, stable or not."""
        deadline = time.monotonic() + timeout
        if self.config.mode == "continuous":
            return self._wait_reading(deadline, stable=False)
        cmd = "SI" if self.config.protocol == "sics" else self.config.poll_command
        reply = self._command(cmd, deadline)
        self._raise_for(reply)
        if reply.weight is None:
            raise ScaleError("error", reply.raw.strip())
        return self._tared(reply.weight)

    def tare(self, timeout: float = 5.0) -> Weight:
        """Tare with what is on the platter now; returns the tare weight (kind "tare")."""
        deadline = time.monotonic() + timeout
        if self.config.protocol == "sics":
            reply = self._command("T", deadline)
            self._raise_for(reply)
            if reply.weight is None:
                raise ScaleError("error", reply.raw.strip())
            with self._lock:
                self._scale_tared = True
            self._after_command()
            return reply.weight
        with self._lock:
            self._software_tare = None
        gross = self.read_stable(max(0.0, deadline - time.monotonic()))
        with self._lock:
            self._software_tare = gross.kg
        return replace(gross, kind="tare")

    def clear_tare(self, timeout: float = 2.0) -> None:
        if self.config.protocol == "sics":
            reply = self._command("TAC", time.monotonic() + timeout)
            self._raise_for(reply)
            self._after_command()
        with self._lock:
            self._software_tare = None
            self._scale_tared = False

    def zero(self, timeout: float = 5.0) -> None:
        if self.config.protocol != "sics":
            raise ScaleError("unsupported", "zero the scale on its keypad")
        reply = self._command("Z", time.monotonic() + timeout)
        self._raise_for(reply)
        self._after_command()

    # -------------------------------------------------------------------------------- internals
    @staticmethod
    def _raise_for(reply: ScaleReply, allow: tuple[str, ...] = ()) -> None:
        if reply.status in ("stable", "unstable", "ack") or reply.status in allow:
            return
        raise ScaleError(reply.status, reply.raw.strip())

    def _tared(self, w: Weight) -> Weight:
        with self._lock:
            tare, scale_tared = self._software_tare, self._scale_tared
        if w.kind != "gross":
            return w
        if scale_tared:
            return replace(w, kind="net")
        if tare is None:
            return w
        return replace(w, kg=w.kg - tare, kind="net")

    def _after_command(self) -> None:
        # a command ends SIR on MT-SICS scales: ask for the continuous readings again
        if self.config.protocol == "sics" and self.config.mode == "continuous":
            self._write("SIR")

    def _write(self, cmd: str) -> None:
        with self._lock:
            port = self._port
        if port is None:
            raise ScaleError("disconnected", self.last_error or "the scale is not connected")
        try:
            port.write(cmd.encode("ascii") + b"\r\n")
        except (serial.SerialException, OSError) as exc:
            raise ScaleError("disconnected", str(exc)) from exc

    def _command(self, cmd: str, deadline: float) -> ScaleReply:
        """Send a command and wait for its answer (SICS: the line naming it, or ES/ET/EL)."""
        with self._request:
            if not self._connected_event.wait(max(0.0, deadline - time.monotonic())):
                raise ScaleError("disconnected", self.last_error or "the scale is not connected")
            replies: queue.Queue[ScaleReply] = queue.Queue()
            with self._lock:
                self._replies = replies
            try:
                self._write(cmd)
                end = min(deadline, time.monotonic() + self.config.reply_timeout)
                while True:
                    try:
                        reply = replies.get(timeout=max(0.0, end - time.monotonic()))
                    except queue.Empty:
                        raise ScaleError("timeout", f"no answer to {cmd!r}") from None
                    if self.config.protocol != "sics" or reply.command in (cmd, "ES", "ET", "EL") \
                            or (cmd in ("S", "SI") and reply.command == "S"):
                        return reply
            finally:
                with self._lock:
                    self._replies = None

    def _wait_reading(self, deadline: float, stable: bool) -> Weight:
        with self._lock:
            seen = self._seq
            while not self._stop.is_set():
                if self._seq > seen and self._alarm is not None:
                    raise ScaleError(self._alarm.status, self._alarm.raw.strip())
                if self._seq > seen and self._last is not None:
                    if not stable:
                        return self._last
                    if self._last.stable and self._stable_run >= self.config.confirm_stable:
                        return self._last
                    seen = self._seq
                left = deadline - time.monotonic()
                if left <= 0:
                    if not self.connected:
                        raise ScaleError("disconnected", self.last_error)
                    raise ScaleError("timeout", "no stable weight in time" if stable else "no reading")
                self._readings.wait(left)
        raise ScaleError("disconnected", "the scale was stopped")

    def _state_changed(self, state: str) -> None:
        if state == "connected":
            self._connected_event.set()
        else:
            self._connected_event.clear()

    def _wake_waiters(self) -> None:
        self._readings.notify_all()

    def _handle_line(self, line: str) -> None:
        parse = parse_sics if self.config.protocol == "sics" else parse_stream
        reply = parse(line)
        if reply is None:
            log.debug("scale: not understood: %r", line)
            return
        with self._lock:
            waiting = self._replies
        # in continuous mode the weight lines are no answer to a command (T, Z ... are)
        if waiting is not None and (self.config.mode == "request" or reply.command not in ("S", "")):
            waiting.put(reply)
        self._note(reply)

    def _note(self, reply: ScaleReply) -> None:
        """A weight reading: remember it, count stable repeats, wake waiters, tell on_weight."""
        if reply.status in ("overload", "underload"):
            with self._lock:
                self._alarm = reply
                self._stable_run = 0
                self._seq += 1
                self._readings.notify_all()
            return
        if reply.weight is None or reply.weight.kind == "tare":
            return
        w = self._tared(reply.weight)
        with self._lock:
            self._alarm = None
            prev = self._last
            same = prev is not None and prev.stable and w.stable and prev.kg == w.kg
            self._stable_run = (self._stable_run + 1 if same else 1) if w.stable else 0
            self._last = w
            self._seq += 1
            self._readings.notify_all()
        if self.on_weight is not None:
            try:
                self.on_weight(w)
            except Exception:
                log.exception("scale weight callback failed")

    # -------------------------------------------------------------------------------- thread
    def _serial_options(self) -> dict[str, Any]:
        cfg = self.config
        return {"baudrate": cfg.baudrate, "bytesize": cfg.bytesize, "parity": cfg.parity, "stopbits": cfg.stopbits}

    def _serve(self, ser: serial.SerialBase) -> None:
        cfg = self.config
        self._assembler.reset()
        with self._lock:
            self._stable_run = 0
        self._status("connected", ser.port or "")
        if cfg.protocol == "sics" and cfg.mode == "continuous":
            ser.write(b"SIR\r\n")
        while not self._stop.is_set():
            data = ser.read(ser.in_waiting or 1)          # b"" after read_timeout
            for line in self._assembler.feed(data):
                self._handle_line(line)
