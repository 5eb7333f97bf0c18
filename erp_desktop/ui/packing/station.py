"""The packing station (打包台): a full-screen, scanner-only screen.

Scan an order (our order code, a platform order number, a tracking number) or a wave's picking
list -> the order's items show; scan each item -> it is ticked off; a wrong, extra or unknown
item turns the screen red with the reason and a loud sound, and is not counted.  When all are
scanned the parcel is weighed (the scale, or a typed weight) and checked against the SKU weights
plus packaging; then the order ships (one transaction: stock consumed, parcels with tracking
numbers, the shop's confirmation queued), the label goes to the label printer and the packing
slip to the A4 printer.  Commands are keys and printable command barcodes (pack.COMMANDS).

States: idle -> loaded (scanning items) -> weighing (-> weight_needed / weight_warning) ->
shipping (-> offline while the database is away, retried with the same pack id; ship_failed
when it refused) -> shipped.  Item scans are matched in memory; the database is asked when an
order is loaded, for a code that is no item of the order, and when shipping, always off the GUI
thread.  `feedback_shown(kind)` is emitted once the screen shows the outcome of a scan (the
benchmark measures scan-to-feedback with it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from erp_desktop.devices.printers import PrinterConfig
from erp_desktop.domain import fulfilment as f
from erp_desktop.services.fulfilment import PackOrder, ShipmentInfo
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.packing import texts, work
from erp_desktop.ui.packing.commands import (
    IDLE,
    LOADED,
    OFFLINE,
    PACKING_STATES,
    SHIP_FAILED,
    SHIPPED,
    SHIPPING,
    WEIGHING,
    WEIGHT_NEEDED,
    WEIGHT_WARNING,
    StationCommands,
)
from erp_desktop.ui.packing.pack import Pack, ScanResult, command_of, parse_weight
from erp_desktop.ui.packing.sound import Sounds
from erp_desktop.ui.packing.texts import kg, qty
from erp_desktop.ui.packing.view import StationView
from erp_desktop.ui.packing.work import Lookup, Printed, Shipped, SlipOutput

log = logging.getLogger(__name__)

KEYS = {"F10": "done", "F2": "new_parcel", "F5": "weigh", "F6": "manual", "F7": "no_slip", "F3": "reprint",
        "F4": "void", "Shift+F4": "relabel", "F8": "cancel", "F11": "tracking"}


class ScaleLike(Protocol):
    def read_stable(self, timeout: float = ...) -> Any: ...     # -> devices.scale.Weight (kg)


class PackingStation(StationCommands, StationView):
    feedback_shown = Signal(str)        # the kind of feedback ("ok", "error" ...), once it is on screen
    state_changed = Signal(str)
    order_shipped = Signal(object)      # work.Shipped
    labels_printed = Signal(object)     # work.Printed
    closed = Signal()

    def __init__(self, ctx: AppContext, *, scale: ScaleLike | None = None, label_printer: PrinterConfig | None = None,
                 slips: SlipOutput | None = None, bridge: Bridge | None = None, scale_timeout: float = 5.0,
                 retry_interval_ms: int = 3000, sound: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("packing.station")
        self.setWindowTitle(self.tr("Packing station"))
        self.ctx = ctx
        self.scale = scale
        self.label_printer = label_printer
        self.slips = slips or SlipOutput()
        self.scale_timeout = scale_timeout
        user = ctx.identity.user
        self.packer = (user.display_name or user.login) if user is not None else ctx.identity.role_name
        self.sounds = Sounds(self, enabled=sound)
        self.state = IDLE
        self.pack: Pack | None = None
        self.shown_order: PackOrder | None = None     # a shipped order on screen (reprint, void)
        self.selected_tracking = ""                   # its parcel scanned by tracking number
        self.wave = ""                                # the wave being packed: items scanned find its orders
        self.last_kind = ""
        self.last_text = ""
        self._armed = ""                              # "void" / "relabel" scanned once, waiting for the second
        self._expect_tracking = False                 # *TRACKING* scanned: the next scan is a pre-printed label
        self._busy = False
        self._queue: list[str] = []
        self._gen = 0                                 # bumped when the pack in hand changes: late answers drop
        self._new_parcel_after_weight = False
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(2)
        self._print_pool = QThreadPool(self)
        self._print_pool.setMaxThreadCount(1)
        self._scale_pool = QThreadPool(self)
        self._scale_pool.setMaxThreadCount(1)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(retry_interval_ms)
        self.retry_timer.timeout.connect(self._ship)
        self._build_view()
        self._build_keys()
        self.input.returnPressed.connect(self._typed)
        if bridge is not None:
            bridge.changed.connect(self._on_changed)
        self.show_devices()
        self.show_order(None, None)
        self._idle_prompt()

    # ------------------------------------------------------------------ set-up
    def _build_keys(self) -> None:
        for key, cmd in KEYS.items():
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, c=cmd: self.command(c))
            self.addAction(action)
        leave = QAction(self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave.triggered.connect(self.ask_leave)
        self.addAction(leave)

    def set_devices(self, *, scale: ScaleLike | None = None, label_printer: PrinterConfig | None = None,
                    slips: SlipOutput | None = None) -> None:
        """The workstation's devices changed (the Devices dialog)."""
        self.scale, self.label_printer, self.slips = scale, label_printer, slips or SlipOutput()
        self.show_devices()

    def show_devices(self) -> None:
        parts = [self.tr("Packer: %1").replace("%1", self.packer)]
        parts.append(self.tr("Scale: on") if self.scale is not None else self.tr("No scale: type weights"))
        parts.append(self.tr("Label printer: %1").replace("%1", self.label_printer.name or self.label_printer.address)
                     if self.label_printer is not None else self.tr("No label printer"))
        if self.slips.enabled:
            parts.append(self.tr("Packing slips: on"))
        self.devices_label.setText("   ·   ".join(parts))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.retry_timer.stop()
        super().closeEvent(event)
        self.closed.emit()

    def ask_leave(self) -> QMessageBox:
        """Esc: leave the station, after asking (an order in hand is dropped, a pack waiting for the
        database does not ship)."""
        text = self.tr("Leave the packing station?")
        if self.state in (SHIPPING, OFFLINE):
            text += "\n" + self.tr("The order in hand has not reached the database yet: leaving now stops it.")
        elif self.pack is not None:
            text += "\n" + self.tr("The order in hand is put aside; its scans are dropped.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Packing station"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("packing.leave")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda b: self.close() if box.standardButton(b) == QMessageBox.StandardButton.Yes else None)
        box.open()
        return box

    # ------------------------------------------------------------------ feedback
    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def say(self, kind: str, text: str, *, sound: str | None = None) -> None:
        """Show the outcome on the whole screen (and sound it), then tell feedback_shown."""
        self.last_kind, self.last_text = kind, text
        self.paint_kind(kind)
        self.banner.setText(text)
        if self.isVisible():
            self.repaint()                 # on screen now, not after the next event
        if sound != "-":
            self.sounds.play(sound or ("error" if kind == "error" else "done" if kind == "done" else "ok"))
        self.feedback_shown.emit(kind)

    def _idle_prompt(self) -> None:
        self.say("info", self.tr("Scan an order, a picking list (wave) or a tracking number"), sound="-")

    def _run(self, pool: QThreadPool, fn: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None], *, busy: bool = True, keep: bool = False) -> None:
        """`fn()` off the GUI thread; its answer is dropped when the pack changed meanwhile
        (unless `keep`) or the station is gone."""
        gen = self._gen
        if busy:
            self._busy = True

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            if not shiboken6.isValid(self):
                return
            if busy:
                self._busy = False
            if keep or gen == self._gen:
                handler(value)
            if not self._busy:
                self._drain()

        ops.run_job(lambda _ctl: fn(), parent=self, show_progress=False, pool=pool,
                    on_finished=lambda v: finish(done, v), on_failed=lambda e: finish(failed, e))

    def _drain(self) -> None:
        while self._queue and not self._busy:
            self.handle_scan(self._queue.pop(0))

    # ------------------------------------------------------------------ scans
    def _typed(self) -> None:
        text = self.input.text()
        self.input.clear()
        self.handle_scan(text)

    def handle_scan(self, code: str) -> None:
        """A scan (any scanner) or a typed line."""
        code = code.strip()
        if not code:
            return
        if self._busy:
            self._queue.append(code)
            return
        cmd = command_of(code)
        if cmd is not None:
            self._expect_tracking = False
            self.command(cmd)
            return
        if self._expect_tracking and self.pack is not None and self.state in PACKING_STATES:
            self._expect_tracking = False
            self._preprinted(code)
            return
        if self.state in (IDLE, SHIPPED):
            self._load(code)
        elif self.state == LOADED:
            self._item(code)
        elif self.state in (WEIGHT_NEEDED, WEIGHT_WARNING, WEIGHING):
            weight = parse_weight(code)
            if weight is not None:
                self._weighed(weight, manual=True)
            else:
                self.say("error", self.tr("Weigh the parcel first: put it on the scale, or type its weight in kg "
                                          "and press Enter."))
        elif self.state == OFFLINE:
            self.say("error", texts.connection_lost())
        elif self.state == SHIP_FAILED:
            self.say("error", self.tr("The order is not shipped: scan *DONE* to try again or *CANCEL* to put it "
                                      "aside."))

    def _load(self, code: str) -> None:
        self._run(self._db_pool, lambda: work.look_up(self.ctx.sessions, code, self.wave), self._looked_up,
                  lambda exc: self.say("error", texts.describe(exc)))

    def _looked_up(self, found: Lookup) -> None:
        if found.kind == "order" and found.order is not None:
            self._open(found)
        elif found.kind in ("stopped", "nothing") and found.error is not None:
            self.say("error", texts.describe(found.error))
        elif found.kind == "sku":
            self.say("error", self.tr("%1 is an item (%2), but no order is open: scan the order first.")
                     .replace("%1", found.code).replace("%2", f"{found.sku_code} {found.sku_name}"))
        else:
            self.say("error", self.tr("Unknown barcode %1: not an order, wave, tracking number or item.")
                     .replace("%1", found.code))

    def _open(self, found: Lookup) -> None:
        order = found.order
        assert order is not None
        self._gen += 1
        self._armed = ""
        self.pack = None
        self.shown_order = None
        if order.status == "shipped":
            self.shown_order = order
            self.selected_tracking = found.by_tracking_no
            self._set_state(SHIPPED)
            self.show_order(order, None)
            self.say("error", texts.already_shipped(order.order_no, [s.tracking_no for s in order.shipments
                                                                     if s.status == "shipped"]))
            return
        if not order.ready or not order.items:
            self._set_state(IDLE)
            self.show_order(order, None)
            self.say("error", texts.not_ready(order.order_no, order.status))
            return
        self.pack = Pack(order)
        self.wave = found.by_wave or order.wave_no or self.wave
        self._set_state(LOADED)
        self.show_order(order, self.pack)
        if found.by_wave and found.code.strip().upper() != found.by_wave.upper():
            self._item(found.code)          # a single-item wave: the item scanned found its order
            return
        self.say("order", self.tr("Order %1: scan its %2 items").replace("%1", order.order_no)
                 .replace("%2", qty(order.units)))

    def _item(self, code: str) -> None:
        pack = self.pack
        assert pack is not None
        result = pack.scan(code)
        if result.kind == "ok" and result.item is not None:
            row = pack.order.items.index(result.item)
            self.show_row(row, pack.order, pack)
            self.show_progress(pack.order, pack)
            if pack.complete:
                self.say("ok", self.tr("All %1 items scanned: weighing…").replace("%1", qty(pack.units_scanned)))
                self._close_parcel(last=True)
                return
            self.say("ok", self.tr("✓ %1 %2  (%3 of %4)").replace("%1", result.item.sku_code)
                     .replace("%2", result.item.title).replace("%3", qty(pack.scanned[result.item.sku_id]))
                     .replace("%4", qty(result.item.quantity)))
        elif result.kind == "extra" and result.item is not None:
            self.say("error", self.tr("Extra item: all %1 of %2 are scanned already. Not counted.")
                     .replace("%1", qty(result.item.quantity)).replace("%2", result.item.sku_code))
        elif result.kind == "bad_gs1" and result.gs1_error is not None:
            self.say("error", texts.gs1_error(result.gs1_error))
        else:
            self._run(self._db_pool, lambda: work.classify(self.ctx.sessions, code), self._classified,
                      lambda _exc: self._not_in_order(result))

    def _not_in_order(self, result: ScanResult) -> None:
        self.say("error", self.tr("%1 is not in this order. Not counted.").replace("%1", result.code))

    def _classified(self, found: Lookup) -> None:
        pack = self.pack
        if found.kind == "sku":
            self.say("error", self.tr("Wrong item: %1 is not in this order. Not counted.")
                     .replace("%1", f"{found.sku_code} {found.sku_name}"))
        elif found.kind in ("order", "stopped") and (pack is None or not pack.started):
            self._looked_up(found)              # nothing scanned yet: the packer took another order
        elif found.kind in ("order", "stopped"):
            self.say("error", self.tr("That is another order. Finish this one first, or scan *CANCEL* to put it "
                                      "aside."))
        else:
            self.say("error", self.tr("Unknown barcode %1. Not counted.").replace("%1", found.code))

    # ------------------------------------------------------------------ weighing
    def _close_parcel(self, *, last: bool) -> None:
        self._new_parcel_after_weight = not last
        self._set_state(WEIGHING)
        self._read_scale()

    def _read_scale(self) -> None:
        pack = self.pack
        assert pack is not None
        if self.scale is None:
            self._set_state(WEIGHT_NEEDED)
            self.say("warn", self.tr("Parcel %1: type its weight in kg and press Enter.")
                     .replace("%1", str(pack.parcel.no)), sound="-")
            return
        self._set_state(WEIGHING)
        scale, timeout = self.scale, self.scale_timeout
        # not busy: a typed weight or *MANUAL* may come first, and the reading is then dropped
        self._run(self._scale_pool, lambda: scale.read_stable(timeout),
                  lambda w: self._weighed(Decimal(w.kg)), self._scale_failed, busy=False)

    def _scale_failed(self, exc: BaseException) -> None:
        self._set_state(WEIGHT_NEEDED)
        self.say("error", texts.describe(exc) + "\n" + self.tr("Weigh again (F5), or type the weight in kg and "
                                                                "press Enter."))

    def _weighed(self, weight: Decimal, *, manual: bool = False) -> None:
        pack = self.pack
        if pack is None or self.state not in (WEIGHING, WEIGHT_NEEDED, WEIGHT_WARNING):
            return
        self._gen += 1                          # a scale reading still on its way is stale now
        check = pack.weigh(pack.parcel, weight, manual=manual)
        self.show_progress(pack.order, pack)
        if not check.ok:
            self._set_state(WEIGHT_WARNING)
            self.say("error", self.tr("Weight %1 kg, expected %2 ± %3 kg. Check the parcel: weigh again (F5) or "
                                      "ship it as it is (F10, *DONE*).").replace("%1", kg(weight))
                     .replace("%2", kg(check.expected_kg)).replace("%3", kg(check.allowed_kg)))
            return
        self._weight_accepted()

    def _weight_accepted(self) -> None:
        pack = self.pack
        assert pack is not None
        if self._new_parcel_after_weight:
            self._new_parcel_after_weight = False
            closed = pack.parcel
            pack.new_parcel()
            self._set_state(LOADED)
            self.show_progress(pack.order, pack)
            self.say("ok", self.tr("Parcel %1: %2 kg. Parcel %3 is open: scan the rest.")
                     .replace("%1", str(closed.no)).replace("%2", kg(closed.weight_kg)).replace("%3",
                                                                                                str(pack.parcel.no)))
            return
        self._ship()

    # ------------------------------------------------------------------ shipping
    def _ship(self) -> None:
        pack = self.pack
        if pack is None:
            return
        if self.state != OFFLINE:
            self._set_state(SHIPPING)
        slips = self.slips.enabled and not pack.no_slip
        order_id, parcels, pack_id = pack.order.order_id, pack.ship_parcels(), pack.pack_id
        self._run(self._db_pool, lambda: work.ship(self.ctx.sessions, order_id, parcels, self.packer, pack_id, slips),
                  self._shipped, self._ship_failed)

    def _ship_failed(self, exc: BaseException) -> None:
        if ops.is_connection_lost(exc):
            if self.state != OFFLINE:          # said once; the retries are quiet
                self._set_state(OFFLINE)
                self.say("warn", texts.connection_lost(), sound="error")
            self.retry_timer.start()
            return
        if isinstance(exc, (f.OrderStoppedError, f.AlreadyShippedError)):
            self._gen += 1
            self.pack = None
            self._set_state(IDLE)
            self.show_order(None, None)
            self.say("error", texts.describe(exc))
            return
        self._set_state(SHIP_FAILED)
        self.say("error", texts.describe(exc))

    def _shipped(self, shipped: Shipped) -> None:
        self.retry_timer.stop()
        self._gen += 1
        self.pack = None
        self.shown_order = shipped.order
        self.selected_tracking = ""
        self._armed = ""
        self._set_state(SHIPPED)
        self.show_order(shipped.order, None)
        nos = ", ".join(shipped.result.tracking_nos)
        text = self.tr("Shipped: %1 · %2").replace("%1", shipped.order.order_no).replace("%2", nos)
        if shipped.order.wave_no:
            text += "\n" + self.tr("Wave %1: %2 orders left").replace("%1", shipped.order.wave_no) \
                .replace("%2", str(shipped.order.left_in_wave))
        self.say("done", text)
        self.order_shipped.emit(shipped)
        self._print(shipped.labels, shipped.slips)

    # ------------------------------------------------------------------ printing
    def _print(self, labels: tuple[work.LabelJob, ...], slips: tuple = ()) -> None:
        printer, out = self.label_printer, self.slips
        if labels and printer is None:
            self.say("warn", self.last_text + "\n" + self.tr("No label printer is set up: no label printed."),
                     sound="-")
        if (not labels or printer is None) and not slips:
            return

        def run() -> tuple[Printed, Exception | None]:
            printed = work.print_labels(printer, labels) if labels and printer is not None else Printed(())
            slip_error = None
            try:
                work.output_slips(out, slips)
            except Exception as exc:            # the labels matter more: say it, go on
                slip_error = exc
            return printed, slip_error

        self._run(self._print_pool, run, self._printed, lambda exc: self.say("error", texts.describe(exc)),
                  busy=False, keep=True)

    def _printed(self, outcome: tuple[Printed, Exception | None]) -> None:
        printed, slip_error = outcome
        self.labels_printed.emit(printed)
        if printed.shipment_ids:
            ids = printed.shipment_ids
            self._run(self._db_pool, lambda: work.count_prints(self.ctx.sessions, ids), lambda _r: None,
                      lambda exc: log.warning("label prints not counted: %s", exc), busy=False, keep=True)
        if printed.error is not None:
            self.say("error", texts.describe(printed.error) + "\n" + self.tr(
                "The order is shipped: scan *REPRINT* (F3) to print the label again."))
        elif slip_error is not None:
            self.say("error", self.tr("The packing slip was not printed: %1").replace(
                "%1", texts.describe(slip_error)))

    def _targets(self) -> list[ShipmentInfo]:
        order = self.shown_order
        if order is None:
            return []
        live = [s for s in order.shipments if s.status == "shipped"]
        chosen = [s for s in live if s.tracking_no == self.selected_tracking]
        return chosen or live

    # ------------------------------------------------------------------ live changes
    def _on_changed(self, table: str, _op: str, ids: object) -> None:
        """Another client or an import changed the order in hand (its platform cancelled it?)."""
        pack = self.pack
        if table != "sales.order" or pack is None or self.state not in PACKING_STATES:
            return
        if ids is not None and pack.order.order_id not in ids:
            return
        order_id = pack.order.order_id
        self._run(self._db_pool, lambda: work.reload_order(self.ctx.sessions, order_id), self._recheck,
                  lambda exc: log.info("cannot re-read the order in hand: %s", exc), busy=False)

    def _recheck(self, now: PackOrder | Exception) -> None:
        if isinstance(now, f.OrderStoppedError):
            self._ship_failed(now)
        elif isinstance(now, PackOrder) and now.status == "shipped":       # by another station
            self._ship_failed(f.AlreadyShippedError(now.order_no, [s.tracking_no for s in now.shipments
                                                                   if s.status == "shipped"]))
