"""Sending raw bytes (ZPL, TSPL) to a label printer, by the transport its configuration names
(DEVICES.md §4 "Transports"):

    tcp      "192.168.1.50" or "host:port": raw TCP, port 9100 unless given (JetDirect)
    serial   "/dev/ttyUSB0", "COM3", "usb:1a86:7523" or a pyserial URL, at `baudrate` with `flow_control`
    device   a USB printer-class device file: "/dev/usb/lp0" (Linux usblp)
    cups     a CUPS queue made with the "Raw" model: `lp -d QUEUE -o raw`, the job on stdin
    windows  a Windows printer name: the spooler's RAW datatype through win32print (pywin32)

`send()` blocks until the bytes are handed over (or `timeout` passes), so callers run it off the
GUI thread.  Failures are PrinterError with the transport, the address and a short reason code;
the UI words them.  Discovery lists what the machine offers for the Devices dialog."""

from __future__ import annotations

import contextlib
import errno
import glob
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

import serial

from erp_desktop.devices.serial_port import resolve_port

KINDS = ("tcp", "serial", "device", "cups", "windows")
FLOW_CONTROLS = ("none", "xonxoff", "rtscts", "dsrdtr")
RAW_PORT = 9100


class PrinterError(Exception):
    """`reason`: refused, timeout, unknown_host, not_found, permission, busy, io_error, lp_missing,
    lp_failed, not_windows, pywin32_missing, spooler_error, bad_config; `detail` the system's words."""

    def __init__(self, kind: str, address: str, reason: str, detail: str = "") -> None:
        self.kind, self.address, self.reason, self.detail = kind, address, reason, detail
        super().__init__(f"{kind} printer {address!r}: {reason}{': ' + detail if detail else ''}")


@dataclass(frozen=True)
class PrinterConfig:
    kind: str                      # one of KINDS
    address: str                   # see the module docstring
    name: str = ""                 # what the station calls it
    language: str = "zpl"          # zpl or tspl: which renderer feeds it
    dpi: int = 203
    cjk: str = "font"              # font: the printer has a CJK font; bitmap: Chinese text sent as pictures
    cjk_font: str = "E:SIMSUN.TTF"  # ZPL only: the CJK TrueType font on the printer
    baudrate: int = 9600           # serial only
    flow_control: str = "none"     # serial only: none, xonxoff (software), rtscts or dsrdtr (hardware)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PrinterError(self.kind, self.address, "bad_config", f"kind must be one of {', '.join(KINDS)}")
        if self.flow_control not in FLOW_CONTROLS:
            raise PrinterError(self.kind, self.address, "bad_config",
                               f"flow control must be one of {', '.join(FLOW_CONTROLS)}")
        if not self.address.strip():
            raise PrinterError(self.kind, self.address, "bad_config", "no address")


_ERRNO_REASONS = {errno.ENOENT: "not_found", errno.ENODEV: "not_found", errno.ENXIO: "not_found",
                  errno.EACCES: "permission", errno.EPERM: "permission", errno.EBUSY: "busy"}


def _reason(e: BaseException) -> str:
    """The reason code of an OSError (or a pyserial error carrying its errno)."""
    return _ERRNO_REASONS.get(getattr(e, "errno", None) or -1, "io_error")


def send(config: PrinterConfig, data: bytes, timeout: float = 10.0) -> None:
    """Hand `data` to the printer; raises PrinterError."""
    senders = {"tcp": _send_tcp, "serial": _send_serial, "device": _send_device, "cups": _send_cups,
               "windows": _send_windows}
    senders[config.kind](config, bytes(data), timeout)


# ------------------------------------------------------------------------------------------------
# raw TCP (port 9100)
# ------------------------------------------------------------------------------------------------

def split_host_port(address: str, default_port: int = RAW_PORT) -> tuple[str, int]:
    """"host", "host:port", "[v6]" or "[v6]:port"."""
    address = address.strip()
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    if address.count(":") == 1:
        host, port = address.split(":")
        return host, int(port)
    return address, default_port


def _send_tcp(config: PrinterConfig, data: bytes, timeout: float) -> None:
    try:
        host, port = split_host_port(config.address)
    except ValueError as e:
        raise PrinterError("tcp", config.address, "bad_config", str(e)) from None
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError as e:
        raise PrinterError("tcp", config.address, "refused", str(e)) from None
    except TimeoutError as e:
        raise PrinterError("tcp", config.address, "timeout", str(e) or "no answer") from None
    except socket.gaierror as e:
        raise PrinterError("tcp", config.address, "unknown_host", str(e)) from None
    except OSError as e:
        raise PrinterError("tcp", config.address, "io_error", str(e)) from None
    with sock:
        try:
            sock.sendall(data)
            # Half-close, then wait (briefly) for the printer to close its side: closing with its
            # status bytes unread would reset the connection, and a reset may drop the job's tail.
            sock.shutdown(socket.SHUT_WR)
            sock.settimeout(min(timeout, 2.0))
            with contextlib.suppress(TimeoutError, OSError):
                while sock.recv(4096):
                    pass
        except TimeoutError as e:
            raise PrinterError("tcp", config.address, "timeout", str(e) or "sending timed out") from None
        except OSError as e:
            raise PrinterError("tcp", config.address, "io_error", str(e)) from None


# ------------------------------------------------------------------------------------------------
# serial
# ------------------------------------------------------------------------------------------------

def _send_serial(config: PrinterConfig, data: bytes, timeout: float) -> None:
    port = config.address
    if port.lower().startswith("usb:"):
        found = resolve_port(port)
        if found is None:
            raise PrinterError("serial", config.address, "not_found", "no serial port with that USB id is plugged in")
        port = found
    fc = config.flow_control
    try:
        ser = serial.serial_for_url(port, baudrate=config.baudrate, timeout=timeout, write_timeout=timeout,
                                    xonxoff=fc == "xonxoff", rtscts=fc == "rtscts", dsrdtr=fc == "dsrdtr")
    except (serial.SerialException, OSError, ValueError) as e:
        raise PrinterError("serial", config.address, _reason(e), str(e)) from None
    try:
        ser.write(data)
        ser.flush()                     # wait until it has left the port
    except serial.SerialTimeoutException as e:
        raise PrinterError("serial", config.address, "timeout", str(e) or "the printer did not take the data") from None
    except (serial.SerialException, OSError) as e:
        raise PrinterError("serial", config.address, "io_error", str(e)) from None
    finally:
        with contextlib.suppress(Exception):
            ser.close()


# ------------------------------------------------------------------------------------------------
# USB printer device file
# ------------------------------------------------------------------------------------------------

def _send_device(config: PrinterConfig, data: bytes, timeout: float) -> None:
    """A write to /dev/usb/lp0 blocks while the printer is busy or out of paper, with no timeout of
    its own: it runs on a helper thread, and a write still hanging after `timeout` is reported
    (the thread is left to the driver)."""
    error: list[BaseException] = []

    def write() -> None:
        try:
            with open(config.address, "wb", buffering=0) as f:
                view = memoryview(data)
                while view:
                    n = f.write(view)
                    view = view[n or 0:]
        except BaseException as e:            # handed to the caller
            error.append(e)

    t = threading.Thread(target=write, name=f"printer {config.address}", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise PrinterError("device", config.address, "timeout", "the device did not take the data")
    if error:
        reason = _reason(error[0])
        detail = str(error[0]) + (" (is the user in the lp group?)" if reason == "permission" else "")
        raise PrinterError("device", config.address, reason, detail)


def list_usb_printer_devices() -> list[str]:
    """Linux USB printer-class device files (usblp): /dev/usb/lp0, ..."""
    return sorted(glob.glob("/dev/usb/lp*"))


# ------------------------------------------------------------------------------------------------
# CUPS raw queue
# ------------------------------------------------------------------------------------------------

def _send_cups(config: PrinterConfig, data: bytes, timeout: float) -> None:
    lp = shutil.which("lp")
    if lp is None:
        raise PrinterError("cups", config.address, "lp_missing", "the CUPS client (lp) is not installed")
    try:
        done = subprocess.run([lp, "-d", config.address, "-o", "raw"], input=data, capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PrinterError("cups", config.address, "timeout", f"lp did not finish in {timeout:g} s") from None
    except OSError as e:
        raise PrinterError("cups", config.address, "lp_failed", str(e)) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).decode(errors="replace").strip() or f"exit status {done.returncode}"
        raise PrinterError("cups", config.address, "lp_failed", detail)


def list_cups_queues(timeout: float = 5.0) -> list[str]:
    """The CUPS queues (`lpstat -e`), [] where CUPS is not installed or does not answer."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return []
    try:
        done = subprocess.run([lpstat, "-e"], capture_output=True, timeout=timeout, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return []
    if done.returncode != 0:
        return []
    return [q for q in done.stdout.decode(errors="replace").split() if q]


# ------------------------------------------------------------------------------------------------
# Windows spooler (RAW)
# ------------------------------------------------------------------------------------------------

def _win32print() -> Any:
    """The win32print module (pywin32, which has no type stubs)."""
    if sys.platform != "win32":
        raise PrinterError("windows", "", "not_windows", "the Windows spooler is only on Windows")
    try:
        import win32print  # type: ignore[import-not-found]
    except ImportError:
        raise PrinterError("windows", "", "pywin32_missing", "pywin32 is not installed") from None
    return win32print


def _send_windows(config: PrinterConfig, data: bytes, timeout: float) -> None:
    try:
        wp = _win32print()
    except PrinterError as e:
        raise PrinterError("windows", config.address, e.reason, e.detail) from None
    try:
        handle = wp.OpenPrinter(config.address)
    except Exception as e:   # pywintypes.error
        raise PrinterError("windows", config.address, "not_found", str(e)) from None
    try:
        wp.StartDocPrinter(handle, 1, ("erp-desktop label", None, "RAW"))
        try:
            wp.StartPagePrinter(handle)
            wp.WritePrinter(handle, data)
            wp.EndPagePrinter(handle)
        finally:
            wp.EndDocPrinter(handle)
    except Exception as e:   # pywintypes.error
        raise PrinterError("windows", config.address, "spooler_error", str(e)) from None
    finally:
        wp.ClosePrinter(handle)


def list_windows_printers() -> list[str]:
    """The local and connected printers' names; [] off Windows or without pywin32."""
    try:
        wp = _win32print()
    except PrinterError:
        return []
    flags = wp.PRINTER_ENUM_LOCAL | wp.PRINTER_ENUM_CONNECTIONS
    return [p[2] for p in wp.EnumPrinters(flags, None, 1)]
