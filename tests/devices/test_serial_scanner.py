"""The serial scanner reader against a pseudo-terminal standing in for the scanner: the test
writes to the pty's master side as a scanner would (a few ms per character), the reader opens
the slave side by name like a real /dev/ttyACM0.  Unplugging closes the pair and removes the
name; plugging back makes a new pair under the same name."""

from __future__ import annotations

import os
import queue
import sys
import time
import tty

import pytest
from serial.tools.list_ports_common import ListPortInfo

from erp_desktop.devices.serial_port import match_port, port_info
from erp_desktop.devices.serial_scanner import CodeAssembler, SerialScanner, SerialScannerConfig

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class PtyScanner:
    """A pty pair whose slave is reachable under a fixed name (a symlink), like a udev by-id link."""

    def __init__(self, link) -> None:
        self.link = link
        self.master: int | None = None
        self.slave: int | None = None

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        os.symlink(os.ttyname(self.slave), self.link)

    def unplug(self) -> None:
        os.unlink(self.link)
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = None

    def type(self, text: str, per_char: float = 0.002, end: bytes = b"\r") -> None:
        """Send a code the way a scanner at ~9600 baud with a small inter-character delay does."""
        for b in text.encode() + end:
            os.write(self.master, bytes([b]))
            time.sleep(per_char)


@pytest.fixture
def port(tmp_path):
    p = PtyScanner(tmp_path / "ttyScanner")
    p.plug()
    yield p
    if p.master is not None:
        p.unplug()


@pytest.fixture
def reader(port):
    codes: queue.Queue[str] = queue.Queue()
    states: queue.Queue[tuple[str, str]] = queue.Queue()
    cfg = SerialScannerConfig(str(port.link), terminator="CR", prefix="]E0", read_timeout=0.05, min_backoff=0.05,
                              max_backoff=0.2)
    scanner = SerialScanner(cfg, on_scan=codes.put, on_status=lambda s, d: states.put((s, d))).start()
    wait_state(states, "connected")
    yield scanner, codes, states
    scanner.stop()
    assert not scanner.running


def wait_state(states: queue.Queue, wanted: str, timeout: float = 5.0) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            state, detail = states.get(timeout=max(0.0, end - time.monotonic()))
        except queue.Empty:
            break
        if state == wanted:
            return detail
    raise AssertionError(f"no {wanted!r} within {timeout} s")


def test_codes_arrive_at_scanner_speed_with_prefix_stripped(port, reader):
    _scanner, codes, _ = reader
    t0 = time.monotonic()
    port.type("]E06901234567892")
    port.type("SKU-ABC-001")
    assert codes.get(timeout=2) == "6901234567892"
    assert codes.get(timeout=2) == "SKU-ABC-001"
    assert time.monotonic() - t0 < 1.5


def test_a_code_split_across_two_writes_is_put_back_together(port, reader):
    _scanner, codes, _ = reader
    os.write(port.master, b"69012345")
    time.sleep(0.15)                     # the reader has surely seen the first half on its own
    assert codes.empty()
    os.write(port.master, b"67892\r69")
    time.sleep(0.1)
    os.write(port.master, b"00000000017\r")
    assert [codes.get(timeout=2), codes.get(timeout=2)] == ["6901234567892", "6900000000017"]


def test_unplug_and_replug_reconnects(port, reader):
    scanner, codes, states = reader
    port.type("BEFORE-1")
    assert codes.get(timeout=2) == "BEFORE-1"
    port.unplug()
    wait_state(states, "disconnected")
    assert not scanner.connected
    time.sleep(0.3)                      # a few attempts fail while it is away
    port.plug()
    wait_state(states, "connected")
    port.type("AFTER-2")
    assert codes.get(timeout=2) == "AFTER-2"
    assert scanner.running


def test_stop_is_quick_and_says_so(port):
    states: queue.Queue[tuple[str, str]] = queue.Queue()
    scanner = SerialScanner(SerialScannerConfig(str(port.link), read_timeout=1.0), on_scan=print,
                            on_status=lambda s, d: states.put((s, d))).start()
    wait_state(states, "connected")
    t0 = time.monotonic()
    scanner.stop()
    assert time.monotonic() - t0 < 0.8 and not scanner.running   # cancel_read, not the 1 s timeout
    wait_state(states, "stopped", timeout=1)


def test_missing_port_keeps_trying(tmp_path):
    states: queue.Queue[tuple[str, str]] = queue.Queue()
    scanner = SerialScanner(SerialScannerConfig(str(tmp_path / "nothing"), min_backoff=0.02, max_backoff=0.05),
                            on_scan=print, on_status=lambda s, d: states.put((s, d))).start()
    try:
        assert "nothing" in wait_state(states, "disconnected")
        wait_state(states, "disconnected")        # and again
    finally:
        scanner.stop()


@pytest.mark.parametrize("terminator, data, codes", [
    ("CR", b"A1234\rB5678\r", ["A1234", "B5678"]),
    ("LF", b"A1234\nB5678\n", ["A1234", "B5678"]),
    ("CRLF", b"A1234\r\nB5678\r\n", ["A1234", "B5678"]),
    ("CR", b"A1234\r\nB5678\r\n", ["A1234", "B5678"]),     # a scanner sending more than asked
    ("ANY", b"A1234\r\nB5678\nC9\r", ["A1234", "B5678", "C9"]),
    ("CR", "条码-一\r".encode("gb18030"), ["条码-一"]),
])
def test_terminators_and_encodings(terminator, data, codes):
    asm = CodeAssembler(terminator)
    assert asm.feed(data, now=0.0) == codes


def test_suffix_and_stale_pieces():
    asm = CodeAssembler("CR", suffix="#", stale_after=1.0)
    assert asm.feed(b"NOISE", now=0.0) == []
    assert asm.feed(b"690123#\r", now=5.0) == ["690123"]    # the old piece was dropped


def test_ports_found_by_usb_id():
    p = ListPortInfo("/dev/ttyACM3")
    p.vid, p.pid, p.serial_number, p.description = 0x1A86, 0x7523, "SN42", "USB Serial"
    info = port_info(p)
    assert (info.usb_id, info.spec, info.label()) == ("1a86:7523", "usb:1a86:7523:SN42",
                                                       "/dev/ttyACM3 USB Serial [1a86:7523]")
    assert match_port("usb:1A86:7523", [info]) == "/dev/ttyACM3"
    assert match_port("usb:1a86:7523:sn42", [info]) == "/dev/ttyACM3"
    assert match_port("usb:1a86:7523:OTHER", [info]) is None
    assert match_port("/dev/ttyUSB0", []) == "/dev/ttyUSB0"
