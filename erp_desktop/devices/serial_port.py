"""A serial device read on a thread of its own and opened again after an unplug: what the
serial scanner and the scale share (DEVICES.md §2).

A subclass says how to serve an open port (`_serve(ser)`: read until stopped or the port fails);
this class finds the port (a device, a pyserial URL or "usb:VID:PID[:SERIAL]", looked up again at
each connect since tty names and COM numbers move between USB sockets), opens it, reports
"connected" / "disconnected" (with the reason) / "stopped" to `on_status`, and after a failure
waits a growing pause (min_backoff doubled up to max_backoff) before trying again.  `stop()`
wakes a blocking read at once where the port type can."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import serial
from serial.tools import list_ports as _list_ports

log = logging.getLogger(__name__)


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

class ReaderConfig(Protocol):
    port: str
    read_timeout: float
    min_backoff: float
    max_backoff: float


class PortReader:
    what = "serial device"          # for the thread's name and the log

    def __init__(self, config: ReaderConfig, on_status: Callable[[str, str], object] | None = None) -> None:
        self.config = config
        self.on_status = on_status
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()           # _port (and what a subclass guards with it)
        self.connected = False
        self.last_error = ""

    # -------------------------------------------------------------------------------- control
    def start(self):
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.what} {self.config.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            port = self._port
            self._wake_waiters()
        if port is not None:
            with contextlib.suppress(Exception):      # not every port type can
                port.cancel_read()                     # wake a blocking read at once (POSIX)
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -------------------------------------------------------------------------------- for subclasses
    def _serve(self, ser: serial.SerialBase) -> None:
        """Read the open port until stopped; raise SerialException / OSError when it fails."""
        raise NotImplementedError

    def _serial_options(self) -> dict[str, Any]:
        """pyserial's settings besides the timeout (baud rate, parity ...)."""
        return {}

    def _wake_waiters(self) -> None:
        """Called with self._lock held when the port closes or the reader stops."""

    def _state_changed(self, state: str) -> None:
        """A hook for "connected" / "disconnected" / "stopped"."""

    def _status(self, state: str, detail: str = "") -> None:
        self.connected = state == "connected"
        if state == "disconnected":
            self.last_error = detail
        self._state_changed(state)
        if self.on_status is not None:
            try:
                self.on_status(state, detail)
            except Exception:
                log.exception("%s status callback failed", self.what)

    # -------------------------------------------------------------------------------- the thread
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
        ser = serial.serial_for_url(device, timeout=self.config.read_timeout, do_not_open=True,
                                    **self._serial_options())
        ser.open()
        with self._lock:
            self._port = ser
        try:
            self._serve(ser)
        finally:
            with self._lock:
                self._port = None
                self._wake_waiters()
            with contextlib.suppress(Exception):      # closing a port that is gone may fail too
                ser.close()
