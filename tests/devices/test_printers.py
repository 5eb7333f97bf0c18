"""Label bytes handed to printers over each transport, at the machine's boundary: a TCP listener
on 127.0.0.1 as the network printer, a pseudo-terminal as the serial one, files and a FIFO as the
USB device, and real `lp` / `lpstat` executables first on PATH as the CUPS client."""

from __future__ import annotations

import os
import pty
import select
import socket
import stat
import sys
import threading
import time
import tty
from pathlib import Path

import pytest

from erp_desktop.devices import labels
from erp_desktop.devices.printers import PrinterConfig, PrinterError, list_cups_queues, send
from tests.devices.test_labels import LABEL


class RawPrinter:
    """A port-9100 printer: accepts one connection, reads to EOF, keeps the job."""

    def __init__(self, read: bool = True) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.job = b""
        self.read = read
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            if not self.read:
                self.done.wait(10)
                return
            while chunk := conn.recv(65536):
                self.job += chunk
        self.done.set()

    def close(self) -> None:
        self.done.set()
        self.thread.join(5)
        self.sock.close()


def test_tcp_printer_receives_exactly_the_zpl_bytes() -> None:
    data = labels.render_zpl(LABEL, cjk="bitmap")
    printer = RawPrinter()
    try:
        send(PrinterConfig("tcp", f"127.0.0.1:{printer.port}"), data, timeout=5)
        assert printer.done.wait(5)
        assert printer.job == data
    finally:
        printer.close()


def test_tcp_printer_that_refuses_gives_a_typed_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]          # closed again below: nothing listens there any more
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("tcp", f"127.0.0.1:{port}"), b"^XA^XZ", timeout=2)
    assert (e.value.kind, e.value.address, e.value.reason) == ("tcp", f"127.0.0.1:{port}", "refused")


def test_tcp_printer_that_stops_reading_times_out() -> None:
    printer = RawPrinter(read=False)
    try:
        t0 = time.monotonic()
        with pytest.raises(PrinterError) as e:
            send(PrinterConfig("tcp", f"127.0.0.1:{printer.port}"), b"\0" * (64 << 20), timeout=0.5)
        assert e.value.reason == "timeout"
        assert time.monotonic() - t0 < 5
    finally:
        printer.close()


def read_master(fd: int, size: int, timeout: float = 5) -> bytes:
    got = b""
    deadline = time.monotonic() + timeout
    while len(got) < size and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            got += os.read(fd, 65536)
    return got


def test_serial_printer_on_a_pty_receives_the_tspl_job() -> None:
    data = labels.render_tspl(LABEL, cjk="font")
    master, slave = pty.openpty()
    tty.setraw(slave)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(read_master(master, len(data))), daemon=True)
    reader.start()
    try:
        send(PrinterConfig("serial", os.ttyname(slave), baudrate=115200, flow_control="xonxoff"), data, timeout=5)
        reader.join(6)
        assert got == [data]
        assert '"收 张三 13800138000"'.encode("gb18030") in got[0]
    finally:
        os.close(master)
        os.close(slave)


def test_serial_printer_that_is_not_there() -> None:
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("serial", "/dev/ttyNO-SUCH-PRINTER"), b"CLS\r\n", timeout=1)
    assert e.value.reason == "not_found"


def test_usb_device_file_gets_the_bytes(tmp_path: Path) -> None:
    lp0 = tmp_path / "lp0"
    lp0.touch()
    data = labels.render_zpl(LABEL)
    send(PrinterConfig("device", str(lp0)), data, timeout=5)
    assert lp0.read_bytes() == data
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("device", str(tmp_path / "usb" / "lp9")), data, timeout=5)
    assert e.value.reason == "not_found"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_usb_device_without_write_permission(tmp_path: Path) -> None:
    lp0 = tmp_path / "lp0"
    lp0.touch()
    lp0.chmod(stat.S_IRUSR)
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("device", str(lp0)), b"^XA^XZ", timeout=5)
    assert e.value.reason == "permission" and "lp group" in e.value.detail


def test_usb_device_that_never_takes_the_data_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)                     # nobody reads: opening it for writing blocks, as a stalled printer
    t0 = time.monotonic()
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("device", str(fifo)), b"^XA^XZ", timeout=0.3)
    assert e.value.reason == "timeout" and time.monotonic() - t0 < 3
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)     # let the stuck writer finish
    try:
        assert read_master(fd, 6, timeout=3) == b"^XA^XZ"
    finally:
        os.close(fd)


def fake_cups_tool(bin_dir: Path, name: str, body: str) -> None:
    tool = bin_dir / name
    tool.write_text("#!/bin/sh\n" + body)
    tool.chmod(0o755)


@pytest.fixture
def cups_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return bin_dir


def test_cups_raw_queue_gets_lp_with_raw_option_and_the_job_on_stdin(cups_bin: Path) -> None:
    out = cups_bin.parent
    fake_cups_tool(cups_bin, "lp", f'printf "%s\\n" "$@" > "{out}/argv"\ncat > "{out}/stdin"\n'
                                   'echo "request id is ZEBRA_RAW-12 (1 file(s))"\n')
    data = labels.render_tspl(LABEL, cjk="bitmap")
    send(PrinterConfig("cups", "ZEBRA_RAW"), data, timeout=5)
    assert (out / "argv").read_text().splitlines() == ["-d", "ZEBRA_RAW", "-o", "raw"]
    assert (out / "stdin").read_bytes() == data


def test_cups_failure_and_missing_lp_are_typed_errors(cups_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cups_tool(cups_bin, "lp", 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("cups", "NOPE"), b"^XA^XZ", timeout=5)
    assert (e.value.kind, e.value.address, e.value.reason) == ("cups", "NOPE", "lp_failed")
    assert "does not exist" in e.value.detail
    monkeypatch.setenv("PATH", str(cups_bin.parent / "empty"))
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("cups", "NOPE"), b"^XA^XZ", timeout=5)
    assert e.value.reason == "lp_missing"


def test_cups_queues_are_discovered_with_lpstat(cups_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cups_tool(cups_bin, "lpstat", '[ "$1" = "-e" ] || exit 2\nprintf "Zebra_ZD420\\nTSC_TE244\\n"\n')
    assert list_cups_queues() == ["Zebra_ZD420", "TSC_TE244"]
    monkeypatch.setenv("PATH", str(cups_bin.parent / "empty"))
    assert list_cups_queues() == []


@pytest.mark.skipif(sys.platform == "win32", reason="the real spooler is there")
def test_windows_spooler_elsewhere_says_so() -> None:
    with pytest.raises(PrinterError) as e:
        send(PrinterConfig("windows", "ZDesigner ZD420-203dpi ZPL"), b"^XA^XZ")
    assert (e.value.kind, e.value.address, e.value.reason) == ("windows", "ZDesigner ZD420-203dpi ZPL", "not_windows")


def test_a_config_with_an_unknown_transport_is_refused() -> None:
    with pytest.raises(PrinterError) as e:
        PrinterConfig("bluetooth", "00:11:22:33:44:55")
    assert e.value.reason == "bad_config"
