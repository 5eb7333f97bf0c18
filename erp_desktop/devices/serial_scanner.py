"""Barcode scanners on a serial port (RS-232, or USB in CDC / virtual COM mode), read with
pyserial on a thread of their own (DEVICES.md §2).

    scanner = SerialScanner(SerialScannerConfig("/dev/ttyACM0"), on_scan=bridge.scanned.emit)
    scanner.start()  ...  scanner.stop()

The reader reassembles codes that arrive in pieces, ends each at the configured terminator
(CR, LF, CRLF or any of them), strips a configured prefix and suffix, and calls `on_scan(code)`
from its thread (a Qt signal's emit is safe to pass: it is delivered on the GUI thread).  When
the port goes away (unplugged) it closes it and tries again with a growing pause, so plugging
the scanner back in is enough.  A port may be named by its device (/dev/ttyACM0, COM3), a
pyserial URL, or "usb:VID:PID[:SERIAL]", looked up again at each connect because COM numbers
and tty names move between USB sockets.  No Qt here: devices/ never imports PySide6."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import serial
from serial.tools import list_ports as _list_ports

log = logging.getLogger(__name__)

TERMINATORS: dict[str, tuple[bytes, ...]] = {
    "CR": (b"\r",),
    "LF": (b"\n",),
    "CRLF": (b"\r\n",),
    "ANY": (b"\r\n", b"\r", b"\n"),
}
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
MAX_CODE = 4096            # bytes without a terminator that are surely noise


@dataclass(frozen=True)
class SerialScannerConfig:
    port: str                         # /dev/ttyACM0, COM3, a pyserial URL, or usb:VID:PID[:SERIAL]
    baudrate: int = 9600
    terminator: str = "CR"            # CR, LF, CRLF or ANY
    prefix: str = ""                  # stripped from the start of a code (e.g. an AIM id "]E0")
    suffix: str = ""                  # stripped from its end
    encoding: str = "utf-8"           # codes that are not valid in it are read as GB18030
    read_timeout: float = 0.1         # seconds a read waits: how quickly stop() is noticed
    min_backoff: float = 0.2          # pause before connecting again, doubled up to max_backoff
    max_backoff: float = 5.0
    stale_after: float = 2.0          # a piece of a code older than this is dropped as noise


class CodeAssembler:
    """Bytes as they arrive -> whole codes.  Pure (no port), so it can be fed anything."""

    def __init__(self, terminator: str = "CR", prefix: str = "", suffix: str = "", encoding: str = "utf-8",
                 stale_after: float = 2.0) -> None:
        if terminator not in TERMINATORS:
            raise ValueError(f"terminator must be one of {', '.join(TERMINATORS)}, not {terminator!r}")
        self.terminators = TERMINATORS[terminator]
        self.prefix, self.suffix, self.encoding = prefix, suffix, encoding
        self.stale_after = stale_after
        self._buf = b""
        self._last = 0.0

    def reset(self) -> None:
        self._buf = b""

    def feed(self, data: bytes, now: float | None = None) -> list[str]:
        now = time.monotonic() if now is None else now
        if self._buf and now - self._last > self.stale_after:
            log.debug("dropping a stale piece of a code: %r", self._buf)
            self._buf = b""
        if data:
            self._last = now
        self._buf += data
        codes = []
        while True:
            cut = [(i, t) for t in self.terminators if (i := self._buf.find(t)) >= 0]
            if not cut:
                break
            i, t = min(cut, key=lambda x: (x[0], -len(x[1])))
            raw, self._buf = self._buf[:i], self._buf[i + len(t):]
            code = self._decode(raw)
            if code:
                codes.append(code)
        if len(self._buf) > MAX_CODE:
            self._buf = b""
        return codes

    def _decode(self, raw: bytes) -> str:
        try:
            s = raw.decode(self.encoding)
        except UnicodeDecodeError:
            s = raw.decode("gb18030", errors="replace")
        s = s.strip("\r\n\t \x00")
        if self.prefix and s.startswith(self.prefix):
            s = s[len(self.prefix):]
        if self.suffix and s.endswith(self.suffix):
            s = s[: -len(self.suffix)]
        return s.strip()


# ------------------------------------------------------------------------------------------------
# finding the port
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PortInfo:
    device: str
    description: str
    vid: int | None
    pid: int | None
    serial_number: str | None
    manufacturer: str | None
    product: str | None
    hwid: str

    @property
    def usb_id(self) -> str:
        """"1a86:7523", or "" for a port that is not on USB."""
        return f"{self.vid:04x}:{self.pid:04x}" if self.vid is not None and self.pid is not None else ""

    @property
    def spec(self) -> str:
        """How to name this port so it is found again in another USB socket."""
        if not self.usb_id:
            return self.device
        return f"usb:{self.usb_id}" + (f":{self.serial_number}" if self.serial_number else "")

    def label(self) -> str:
        parts = [self.device, self.description if self.description and self.description != "n/a" else ""]
        if self.usb_id:
            parts.append(f"[{self.usb_id}]")
        return " ".join(p for p in parts if p)


def port_info(p) -> PortInfo:
    """From pyserial's ListPortInfo."""
    return PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number, p.manufacturer, p.product,
                    p.hwid or "")


def list_ports() -> list[PortInfo]:
    """The serial ports of this machine (USB ones with vendor and product id), by device name."""
    return sorted((port_info(p) for p in _list_ports.comports()), key=lambda p: p.device)


def match_port(spec: str, ports: Iterable[PortInfo]) -> str | None:
    """The device a port spec names now: "usb:VID:PID[:SERIAL]" is looked up among `ports`;
    anything else (a device path, COM3, a pyserial URL) is taken as it is."""
    if not spec.lower().startswith("usb:"):
        return spec
    want = spec[4:].lower().split(":", 2)
    if len(want) < 2:
        return None
    for p in ports:
        if p.usb_id == f"{want[0]}:{want[1]}" and (len(want) < 3 or (p.serial_number or "").lower() == want[2]):
            return p.device
    return None


def resolve_port(spec: str) -> str | None:
    return match_port(spec, list_ports() if spec.lower().startswith("usb:") else ())


# ------------------------------------------------------------------------------------------------
# the reader
# ------------------------------------------------------------------------------------------------

class SerialScanner:
    """Reads codes from a serial scanner on its own thread and hands each to `on_scan(code)`.

    `on_status(state, detail)` hears "connected", "disconnected" (with the reason) and "stopped"."""

    def __init__(self, config: SerialScannerConfig, on_scan: Callable[[str], object],
                 on_status: Callable[[str, str], object] | None = None) -> None:
        self.config = config
        self.on_scan = on_scan
        self.on_status = on_status
        self.assembler = CodeAssembler(config.terminator, config.prefix, config.suffix, config.encoding,
                                       config.stale_after)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()
        self.connected = False
        self.last_error = ""

    # -------------------------------------------------------------------------------- control
    def start(self) -> SerialScanner:
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial-scanner {self.config.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            port = self._port
        if port is not None:
            with contextlib.suppress(Exception):      # not every port type can
                port.cancel_read()                     # wake a blocking read at once (POSIX)
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -------------------------------------------------------------------------------- thread
    def _status(self, state: str, detail: str = "") -> None:
        self.connected = state == "connected"
        if state == "disconnected":
            self.last_error = detail
        if self.on_status is not None:
            try:
                self.on_status(state, detail)
            except Exception:
                log.exception("serial scanner status callback failed")

    def _run(self) -> None:
        cfg = self.config
        backoff = cfg.min_backoff
        while not self._stop.is_set():
            device = resolve_port(cfg.port)
            if device is None:
                self._status("disconnected", f"{cfg.port} is not plugged in")
            else:
                try:
                    self._read_port(device)
                    backoff = cfg.min_backoff
                except (serial.SerialException, OSError) as exc:
                    # unplugged, busy, not there; ser.in_waiting raises a bare OSError(EIO) after an unplug
                    if not self._stop.is_set():
                        if self.connected:
                            backoff = cfg.min_backoff
                        self._status("disconnected", str(exc) or type(exc).__name__)
            if self._stop.wait(backoff):
                break
            backoff = min(backoff * 2, cfg.max_backoff)
        self._status("stopped")

    def _read_port(self, device: str) -> None:
        cfg = self.config
        ser = serial.serial_for_url(device, baudrate=cfg.baudrate, timeout=cfg.read_timeout, do_not_open=True)
        ser.open()
        with self._lock:
            self._port = ser
        try:
            self.assembler.reset()
            self._status("connected", device)
            while not self._stop.is_set():
                data = ser.read(ser.in_waiting or 1)          # b"" after read_timeout
                for code in self.assembler.feed(data):
                    try:
                        self.on_scan(code)
                    except Exception:
                        log.exception("serial scanner callback failed for %r", code)
        finally:
            with self._lock:
                self._port = None
            with contextlib.suppress(Exception):      # closing a port that is gone may fail too
                ser.close()
