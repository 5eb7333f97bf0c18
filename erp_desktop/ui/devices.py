"""The workstation's devices: their settings, stored per machine, and the hub that runs them.

Settings live in QSettings under "devices/" in the application's user scope, with no database or
login in the key (unlike ui/settings.py's per-user groups): a scanner, a scale and a label printer
are plugged into this PC, so whoever logs in at packing station 3, to whichever database, gets
station 3's printer.  (The system scope would need administrator rights to write on Windows.)
The serial scanner keeps the keys the Stocktake dock's scanner dialog has always used
("devices/serial_scanner/port" ...), so a scanner set up there is found here.

`DeviceHub` owns the devices that run: the application-wide keyboard wedge (ui/scan_input.py),
a serial scanner reader, the scale (started when first wanted), the label printer's
configuration.  Scans from both scanners reach `bridge.scanned`, which the main window hands to
the screen that has the focus (DESIGN.md §8).  Device I/O never runs on the GUI thread: readers
have threads of their own, label printing and weighing run on the hub's own thread pool through
ui/ops, and `stop()` joins them all.  One hub per application: `current_hub()`.

    hub = DeviceHub(bridge).start()
    hub.print_label(hub.render_label(doc), on_failed=...)
    hub.read_weight(on_finished=lambda w: ...)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSysInfo, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from erp_desktop.devices import labels, printers
from erp_desktop.devices.printers import PrinterConfig, PrinterError
from erp_desktop.devices.scale import Scale, ScaleConfig, ScaleError, Weight
from erp_desktop.devices.serial_scanner import SerialScanner, SerialScannerConfig
from erp_desktop.devices.wedge import WedgeConfig
from erp_desktop.domain.documents import ShippingLabelDoc
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.scan_input import ScanInput
from erp_desktop.ui.settings import to_bool
from erp_desktop.ui.widgets.scan_filter import APP_WIDE_WEDGE

log = logging.getLogger(__name__)
translate = QCoreApplication.translate    # lupdate finds translate("devices", "...")

GROUP = "devices"
ASK_EACH_TIME = "ask"                 # A4 printer: show the print dialog every time
WEDGE_TERMINATORS = {"enter": "\r\n", "tab": "\t", "any": "\r\n\t"}
DEVICES = ("wedge", "serial_scanner", "scale", "label_printer")


# ------------------------------------------------------------------------------------------------
# settings
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WedgeSettings:
    """A USB scanner that types (HID keyboard): told from a person by the gap between keys."""

    enabled: bool = True
    max_gap_ms: int = 30              # keys further apart are a person typing (30-80 ms)
    min_length: int = 4               # shorter bursts are typing
    prefix: str = ""
    suffix: str = ""
    terminator: str = "enter"         # enter, tab or any: what the scanner sends after a code

    def config(self) -> WedgeConfig:
        return WedgeConfig(max_gap=min(max(self.max_gap_ms, 1), 1000) / 1000, min_length=max(self.min_length, 1),
                           terminators=WEDGE_TERMINATORS.get(self.terminator, "\r\n"), prefix=self.prefix,
                           suffix=self.suffix)


@dataclass(frozen=True)
class SerialScannerSettings:
    enabled: bool = False
    port: str = ""                    # /dev/ttyACM0, COM3, usb:VID:PID[:SERIAL] or a pyserial URL
    baudrate: int = 9600
    terminator: str = "CR"            # CR, LF, CRLF or ANY
    prefix: str = ""
    suffix: str = ""

    def config(self) -> SerialScannerConfig | None:
        if not self.enabled or not self.port.strip():
            return None
        return SerialScannerConfig(self.port.strip(), baudrate=self.baudrate, terminator=self.terminator,
                                   prefix=self.prefix, suffix=self.suffix)


@dataclass(frozen=True)
class ScaleSettings:
    enabled: bool = False
    port: str = ""
    baudrate: int = 9600
    protocol: str = "sics"            # sics (Mettler Toledo) or stream (ST,GS,+0001.234kg)
    mode: str = "request"             # request: asked for each weight; continuous: it keeps sending

    def config(self) -> ScaleConfig | None:
        if not self.enabled or not self.port.strip():
            return None
        return ScaleConfig(self.port.strip(), baudrate=self.baudrate, protocol=self.protocol, mode=self.mode)


@dataclass(frozen=True)
class LabelPrinterSettings:
    kind: str = "tcp"                 # tcp, serial, device, cups or windows (devices/printers.py)
    address: str = ""                 # "" = no label printer at this station
    name: str = ""                    # what the station calls it (printed on the test label)
    language: str = "zpl"             # zpl (Zebra and compatibles) or tspl (TSC, Gprinter, Xprinter)
    dpi: int = 203                    # 203 or 300
    cjk: str = "font"                 # font: the printer has a Chinese font; bitmap: text sent as pictures
    cjk_font: str = labels.zpl.DEFAULT_CJK_FONT    # ZPL: the printer's TrueType font with Chinese
    baudrate: int = 9600              # serial only
    flow_control: str = "none"        # serial only

    def config(self) -> PrinterConfig | None:
        if not self.address.strip():
            return None
        return PrinterConfig(self.kind, self.address.strip(), name=self.name, language=self.language, dpi=self.dpi,
                             cjk=self.cjk, cjk_font=self.cjk_font, baudrate=self.baudrate,
                             flow_control=self.flow_control)


@dataclass(frozen=True)
class DeviceSettings:
    wedge: WedgeSettings = field(default_factory=WedgeSettings)
    serial_scanner: SerialScannerSettings = field(default_factory=SerialScannerSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    label_printer: LabelPrinterSettings = field(default_factory=LabelPrinterSettings)
    a4_printer: str = ""              # a system printer's name; "" the system default; ASK_EACH_TIME
    packing_slip: bool = False        # the packing station prints a packing slip with each parcel


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _str(value: object, default: str = "") -> str:
    return default if value is None else str(value)


def _choice(value: object, choices: tuple[str, ...] | dict[str, Any], default: str) -> str:
    text = _str(value, default)
    return text if text in choices else default


def load_device_settings(settings: QSettings | None = None) -> DeviceSettings:
    """This machine's device settings (defaults for what was never saved)."""
    s = settings or QSettings()
    d = DeviceSettings()

    def get(key: str, default: object = None) -> object:
        return s.value(f"{GROUP}/{key}", default)

    w = d.wedge
    wedge = WedgeSettings(to_bool(get("wedge/enabled"), w.enabled), _int(get("wedge/max_gap_ms"), w.max_gap_ms),
                          _int(get("wedge/min_length"), w.min_length), _str(get("wedge/prefix")),
                          _str(get("wedge/suffix")), _choice(get("wedge/terminator"), WEDGE_TERMINATORS, w.terminator))
    # "autostart" is what the Stocktake dock's scanner dialog wrote before there was a hub
    ss = SerialScannerSettings(to_bool(get("serial_scanner/enabled", get("serial_scanner/autostart")), False),
                               _str(get("serial_scanner/port")), _int(get("serial_scanner/baudrate"), 9600),
                               _choice(get("serial_scanner/terminator"), ("CR", "LF", "CRLF", "ANY"), "CR"),
                               _str(get("serial_scanner/prefix")), _str(get("serial_scanner/suffix")))
    scale = ScaleSettings(to_bool(get("scale/enabled"), False), _str(get("scale/port")),
                          _int(get("scale/baudrate"), 9600), _choice(get("scale/protocol"), ("sics", "stream"), "sics"),
                          _choice(get("scale/mode"), ("request", "continuous"), "request"))
    lp = d.label_printer
    printer = LabelPrinterSettings(
        _choice(get("label_printer/kind"), printers.KINDS, lp.kind), _str(get("label_printer/address")),
        _str(get("label_printer/name")), _choice(get("label_printer/language"), ("zpl", "tspl"), lp.language),
        300 if _int(get("label_printer/dpi"), 203) == 300 else 203,
        _choice(get("label_printer/cjk"), ("font", "bitmap"), lp.cjk),
        _str(get("label_printer/cjk_font"), lp.cjk_font) or lp.cjk_font,
        _int(get("label_printer/baudrate"), 9600),
        _choice(get("label_printer/flow_control"), printers.FLOW_CONTROLS, "none"))
    return DeviceSettings(wedge, ss, scale, printer, _str(get("a4_printer/name")),
                          to_bool(get("packing/packing_slip"), False))


def save_device_settings(d: DeviceSettings, settings: QSettings | None = None) -> None:
    s = settings or QSettings()
    values: dict[str, object] = {
        "wedge/enabled": d.wedge.enabled, "wedge/max_gap_ms": d.wedge.max_gap_ms,
        "wedge/min_length": d.wedge.min_length, "wedge/prefix": d.wedge.prefix, "wedge/suffix": d.wedge.suffix,
        "wedge/terminator": d.wedge.terminator,
        "serial_scanner/enabled": d.serial_scanner.enabled, "serial_scanner/autostart": d.serial_scanner.enabled,
        "serial_scanner/port": d.serial_scanner.port, "serial_scanner/baudrate": d.serial_scanner.baudrate,
        "serial_scanner/terminator": d.serial_scanner.terminator, "serial_scanner/prefix": d.serial_scanner.prefix,
        "serial_scanner/suffix": d.serial_scanner.suffix,
        "scale/enabled": d.scale.enabled, "scale/port": d.scale.port, "scale/baudrate": d.scale.baudrate,
        "scale/protocol": d.scale.protocol, "scale/mode": d.scale.mode,
        "a4_printer/name": d.a4_printer, "packing/packing_slip": d.packing_slip,
    }
    lp = d.label_printer
    for key in ("kind", "address", "name", "language", "dpi", "cjk", "cjk_font", "baudrate", "flow_control"):
        values[f"label_printer/{key}"] = getattr(lp, key)
    for key, value in values.items():
        s.setValue(f"{GROUP}/{key}", value)
    s.sync()


# ------------------------------------------------------------------------------------------------
# errors in words
# ------------------------------------------------------------------------------------------------

def printer_error_text(exc: PrinterError) -> str:
    reasons = {
        "refused": translate("devices", "the printer refused the connection (switched off, or a wrong address or "
                                        "port?)"),
        "timeout": translate("devices", "the printer did not answer in time (switched off, out of paper, or not on "
                                        "the network?)"),
        "unknown_host": translate("devices", "no computer has this name on the network"),
        "not_found": translate("devices", "the printer is not plugged in, or the port or queue does not exist"),
        "permission": translate("devices", "this user may not use the port (on Linux: add the user to the lp or "
                                           "dialout group)"),
        "busy": translate("devices", "the port is in use by another program"),
        "io_error": translate("devices", "sending failed"),
        "lp_missing": translate("devices", "the CUPS print client (lp) is not installed"),
        "lp_failed": translate("devices", "CUPS refused the job"),
        "not_windows": translate("devices", "the Windows spooler is only on Windows"),
        "pywin32_missing": translate("devices", "pywin32 is not installed"),
        "spooler_error": translate("devices", "the Windows spooler refused the job"),
        "bad_config": translate("devices", "the printer settings are incomplete"),
        "not_configured": translate("devices", "no label printer is set up at this station (Settings > Devices)"),
    }
    text = translate("devices", "Label printer %1: %2").replace("%1", exc.address or exc.kind) \
        .replace("%2", reasons.get(exc.reason, exc.reason))
    return text + (f" ({exc.detail})" if exc.detail and exc.reason in ("io_error", "lp_failed", "spooler_error",
                                                                       "bad_config") else "")


def scale_error_text(exc: ScaleError) -> str:
    reasons = {
        "overload": translate("devices", "too heavy for the scale"),
        "underload": translate("devices", "below the scale's range (zero it)"),
        "not_ready": translate("devices", "the scale is busy or still moving"),
        "error": translate("devices", "the scale did not understand the command (check the protocol)"),
        "timeout": translate("devices", "no steady weight in time: keep the parcel still on the scale"),
        "disconnected": translate("devices", "the scale is not connected (cable, port, speed?)"),
        "unsupported": translate("devices", "this scale cannot do that from the computer: use its keypad"),
        "not_configured": translate("devices", "no scale is set up at this station (Settings > Devices)"),
    }
    return translate("devices", "Scale: %1").replace("%1", reasons.get(exc.reason, exc.reason))


def device_error_text(exc: BaseException) -> str | None:
    """Words for a device error, or None when it is not one (ops.describe_error asks this)."""
    if isinstance(exc, PrinterError):
        return printer_error_text(exc)
    if isinstance(exc, ScaleError):
        return scale_error_text(exc)
    if isinstance(exc, labels.LabelError):
        return translate("devices", "The label cannot be made: %1").replace("%1", str(exc))
    return None


# ------------------------------------------------------------------------------------------------
# the hub
# ------------------------------------------------------------------------------------------------

_current: DeviceHub | None = None


def current_hub() -> DeviceHub | None:
    """The application's running hub, or None (tests, or before the main window starts it)."""
    return _current


class DeviceHub(QObject):
    """The devices of this workstation, per its DeviceSettings.  Signals arrive on the GUI thread."""

    status_changed = Signal(str, str, str)      # device (DEVICES), state, detail
    scan_seen = Signal(str, str)                # every scan: code, source ("wedge" or "serial")
    weight_read = Signal(object)                # every reading the scale sends: a Weight
    settings_changed = Signal(object)           # the DeviceSettings now in force

    # emitted on reader threads with the generation of the reader, queued to the GUI thread here
    _serial_scan = Signal(int, str)
    _serial_status = Signal(int, str, str)
    _scale_status = Signal(int, str, str)
    _scale_weight = Signal(int, object)

    def __init__(self, bridge: Bridge, settings: DeviceSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings if settings is not None else load_device_settings()
        self.pool = QThreadPool(self)              # device work never waits behind database jobs
        self.pool.setMaxThreadCount(2)
        self.wedge: ScanInput | None = None
        self.serial: SerialScanner | None = None
        self._scale: Scale | None = None
        self._gen = {"serial_scanner": 0, "scale": 0}
        self._states: dict[str, tuple[str, str]] = {d: ("off", "") for d in DEVICES}
        self._capture: Callable[[str, str], object] | None = None
        self.last_weight: Weight | None = None
        self.running = False
        self._serial_scan.connect(self._on_serial_scan)
        self._serial_status.connect(self._on_serial_status)
        self._scale_status.connect(self._on_scale_status)
        self._scale_weight.connect(self._on_scale_weight)

    # ------------------------------------------------------------------------------ life cycle
    def start(self) -> DeviceHub:
        """Install the wedge and start the serial scanner per the settings; the app's hub from now."""
        global _current
        if self.running:
            return self
        self.running = True
        _current = self
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._start_wedge()
        self._start_serial()
        self._set_state("label_printer", "ready" if self.settings.label_printer.config() else "off",
                        self.settings.label_printer.address)
        if not (self.settings.scale.enabled and self.settings.scale.port):
            self._set_state("scale", "off", "")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every device and join their threads; waits for a label being sent."""
        global _current
        self._stop_wedge()
        self._stop_serial()
        self.release_scale()
        self.pool.waitForDone(int(timeout * 1000))
        self.running = False
        if _current is self:
            _current = None

    def apply(self, settings: DeviceSettings, *, save: bool = False) -> None:
        """New settings: restart only the devices whose settings changed."""
        old, self.settings = self.settings, settings
        if save:
            save_device_settings(settings)
        if self.running:
            if settings.wedge != old.wedge:
                if settings.wedge.enabled and self.wedge is not None:
                    self.wedge.set_config(settings.wedge.config())
                else:
                    self._stop_wedge()
                    self._start_wedge()
            if settings.serial_scanner != old.serial_scanner:
                self._stop_serial()
                self._start_serial()
            if settings.scale != old.scale and self._scale is not None:
                self.release_scale()
                self.scale()
            if settings.label_printer != old.label_printer:
                self._set_state("label_printer", "ready" if settings.label_printer.config() else "off",
                                settings.label_printer.address)
        self.settings_changed.emit(settings)

    # ------------------------------------------------------------------------------ scanners
    def _start_wedge(self) -> None:
        w = self.settings.wedge
        if not w.enabled:
            self._set_state("wedge", "off", "")
            return
        self.wedge = ScanInput(w.config(), parent=self).install()
        self.wedge.scanned.connect(self._on_wedge_scan)
        app = QApplication.instance()
        if app is not None:
            app.setProperty(APP_WIDE_WEDGE, True)    # the docks' own detectors stand aside
        self._set_state("wedge", "on", "")

    def _stop_wedge(self) -> None:
        if self.wedge is not None:
            self.wedge.uninstall()
            self.wedge.deleteLater()
            self.wedge = None
            app = QApplication.instance()
            if app is not None:
                app.setProperty(APP_WIDE_WEDGE, False)
        self._set_state("wedge", "off", "")

    def _start_serial(self) -> None:
        cfg = self.settings.serial_scanner.config()
        if cfg is None:
            self._set_state("serial_scanner", "off", "")
            return
        self._gen["serial_scanner"] += 1
        gen = self._gen["serial_scanner"]
        self.serial = SerialScanner(cfg, on_scan=lambda code: self._serial_scan.emit(gen, code),
                                    on_status=lambda state, detail: self._serial_status.emit(gen, state, detail))
        self._set_state("serial_scanner", "disconnected", cfg.port)
        self.serial.start()

    def _stop_serial(self) -> None:
        if self.serial is not None:
            self._gen["serial_scanner"] += 1        # what the old reader still says is ignored
            self.serial.stop()
            self.serial = None
        self._set_state("serial_scanner", "off", "")

    def _on_wedge_scan(self, code: str) -> None:
        self._on_scan(code, "wedge")

    def _on_serial_scan(self, gen: int, code: str) -> None:
        if gen == self._gen["serial_scanner"]:
            self._on_scan(code, "serial")

    def _on_serial_status(self, gen: int, state: str, detail: str) -> None:
        if gen == self._gen["serial_scanner"] and state != "stopped":
            self._set_state("serial_scanner", state, detail)

    def _on_scan(self, code: str, source: str) -> None:
        self.scan_seen.emit(code, source)
        receiver, self._capture = self._capture, None
        if receiver is not None:
            receiver(code, source)
        else:
            self.bridge.scanned.emit(code)

    def capture_next_scan(self, receiver: Callable[[str, str], object]) -> None:
        """The next scan goes to `receiver(code, source)` instead of the screens (the Devices
        dialog's test scan)."""
        self._capture = receiver

    def cancel_capture(self) -> None:
        self._capture = None

    # ------------------------------------------------------------------------------ scale
    def scale(self) -> Scale | None:
        """The scale, started on first use; None when the station has none."""
        if self._scale is not None:
            return self._scale
        cfg = self.settings.scale.config()
        if cfg is None:
            return None
        self._gen["scale"] += 1
        gen = self._gen["scale"]
        self._scale = Scale(cfg, on_weight=lambda w: self._scale_weight.emit(gen, w),
                            on_status=lambda state, detail: self._scale_status.emit(gen, state, detail))
        self._set_state("scale", "disconnected", cfg.port)
        self._scale.start()
        return self._scale

    def release_scale(self) -> None:
        """Stop the scale's reader (the packing station closed, or the app quits)."""
        if self._scale is not None:
            self._gen["scale"] += 1
            self._scale.stop()
            self._scale = None
            self._set_state("scale", "off", "")

    def _on_scale_status(self, gen: int, state: str, detail: str) -> None:
        if gen == self._gen["scale"] and state != "stopped":
            self._set_state("scale", state, detail)

    def _on_scale_weight(self, gen: int, weight: Weight) -> None:
        if gen == self._gen["scale"]:
            self.last_weight = weight
            self.weight_read.emit(weight)

    def read_weight(self, *, stable: bool = True, timeout: float = 5.0,
                    on_finished: Callable[[Weight], object] | None = None,
                    on_failed: Callable[[BaseException], object] | None = None) -> ops.Job:
        """Read the scale off the GUI thread: the next stable weight (or the weight now)."""
        scale = self.scale()

        def work(_ctl: ops.JobControl) -> Weight:
            if scale is None:
                raise ScaleError("not_configured")
            return scale.read_stable(timeout) if stable else scale.read(min(timeout, 2.0))
        return self._job(work, on_finished, on_failed)

    def tare(self, *, on_finished: Callable[[Weight], object] | None = None,
             on_failed: Callable[[BaseException], object] | None = None) -> ops.Job:
        """Tare with what is on the scale now (the empty box); `on_finished(tare weight)`."""
        scale = self.scale()

        def work(_ctl: ops.JobControl) -> Weight:
            if scale is None:
                raise ScaleError("not_configured")
            return scale.tare()
        return self._job(work, on_finished, on_failed)

    # ------------------------------------------------------------------------------ printers
    def label_printer(self) -> PrinterConfig | None:
        """The station's label printer, or None."""
        try:
            return self.settings.label_printer.config()
        except PrinterError:
            return None

    def render_label(self, label: ShippingLabelDoc, *, layout: str | None = None, copies: int = 1,
                     printer: PrinterConfig | None = None) -> bytes:
        """A shipping label in the station printer's language, resolution and Chinese mode."""
        p = printer or self.label_printer()
        if p is None:
            raise PrinterError("", "", "not_configured")
        if p.language == "tspl":
            return labels.render_tspl(label, dpi=p.dpi, cjk=p.cjk, layout=layout, copies=copies)
        return labels.render_zpl(label, dpi=p.dpi, cjk=p.cjk, cjk_font=p.cjk_font, layout=layout, copies=copies)

    def test_label(self, printer: PrinterConfig | None = None) -> bytes:
        """The Devices dialog's test label for `printer` (the station's when None)."""
        p = printer or self.label_printer()
        if p is None:
            raise PrinterError("", "", "not_configured")
        name = p.name or QSysInfo.machineHostName()
        if p.language == "tspl":
            return labels.test_label_tspl(name, dpi=p.dpi, cjk=p.cjk)
        return labels.test_label_zpl(name, dpi=p.dpi, cjk=p.cjk, cjk_font=p.cjk_font)

    def print_label(self, data: bytes, *, printer: PrinterConfig | None = None,
                    on_finished: Callable[[object], object] | None = None,
                    on_failed: Callable[[BaseException], object] | None = None) -> ops.Job:
        """Send label bytes to the label printer off the GUI thread; the outcome is also shown as
        the label printer's status (status bar)."""
        p = printer or self.label_printer()

        def work(_ctl: ops.JobControl) -> None:
            if p is None:
                raise PrinterError("", "", "not_configured")
            printers.send(p, data)

        def done(result: object) -> None:
            self._set_state("label_printer", "ok", p.address if p else "")
            if on_finished is not None:
                on_finished(result)

        def failed(exc: BaseException) -> None:
            self._set_state("label_printer", "error", ops.describe_error(exc)[1])
            if on_failed is not None:
                on_failed(exc)
        return self._job(work, done, failed)

    def a4_printer(self) -> str:
        """The A4 printer's system name: "" for the system default, ASK_EACH_TIME to ask."""
        return self.settings.a4_printer

    def packing_slip(self) -> bool:
        return self.settings.packing_slip

    # ------------------------------------------------------------------------------ state
    def state(self, device: str) -> tuple[str, str]:
        """(state, detail): off, on (wedge), connected / disconnected (serial devices), ready / ok /
        error (label printer)."""
        return self._states[device]

    def _set_state(self, device: str, state: str, detail: str) -> None:
        if self._states.get(device) != (state, detail):
            self._states[device] = (state, detail)
            self.status_changed.emit(device, state, detail)

    def describe(self) -> tuple[str, bool]:
        """The status bar's text for the devices that are set up, and whether one needs attention."""
        names = {"serial_scanner": translate("devices", "Scanner"), "scale": translate("devices", "Scale"),
                 "label_printer": translate("devices", "Label printer")}
        states = {"connected": translate("devices", "connected"), "disconnected": translate("devices", "not connected"),
                  "ready": translate("devices", "ready"), "ok": translate("devices", "ready"),
                  "error": translate("devices", "error")}
        parts, bad = [], False
        for device in ("serial_scanner", "scale", "label_printer"):
            state = self._states[device][0]
            if state in states:
                parts.append(f"{names[device]}: {states[state]}")
                bad = bad or state in ("disconnected", "error")
        return " · ".join(parts), bad

    def _job(self, work: Callable[[ops.JobControl], Any], on_finished: Callable[[Any], object] | None,
             on_failed: Callable[[BaseException], object] | None) -> ops.Job:
        return ops.run_job(work, parent=None, show_progress=False, pool=self.pool,
                           on_finished=on_finished, on_failed=on_failed or (lambda exc: log.info("device: %s", exc)))

