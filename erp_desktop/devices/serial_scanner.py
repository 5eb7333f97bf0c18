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

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

from erp_desktop.devices.serial_port import PortReader

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
# the reader
# ------------------------------------------------------------------------------------------------

class SerialScanner(PortReader):
    """Reads codes from a serial scanner on its own thread and hands each to `on_scan(code)`.

    `on_status(state, detail)` hears "connected", "disconnected" (with the reason) and "stopped"."""

    what = "serial scanner"

    def __init__(self, config: SerialScannerConfig, on_scan: Callable[[str], object],
                 on_status: Callable[[str, str], object] | None = None) -> None:
        super().__init__(config, on_status)
        self.config: SerialScannerConfig = config
        self.on_scan = on_scan
        self.assembler = CodeAssembler(config.terminator, config.prefix, config.suffix, config.encoding,
                                       config.stale_after)

    def start(self) -> SerialScanner:
        return super().start()

    def _serial_options(self) -> dict[str, Any]:
        return {"baudrate": self.config.baudrate}

    def _serve(self, ser: serial.SerialBase) -> None:
        self.assembler.reset()
        self._status("connected", ser.port or "")
        while not self._stop.is_set():
            data = ser.read(ser.in_waiting or 1)          # b"" after read_timeout
            for code in self.assembler.feed(data):
                try:
                    self.on_scan(code)
                except Exception:
                    log.exception("serial scanner callback failed for %r", code)
