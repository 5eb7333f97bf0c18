"""The packing station's commands (pack.COMMANDS: keys and printable command barcodes): ship
now, new parcel, weigh again, type the weight, no slip, pre-printed label, put aside, reprint,
void and relabel.  A part of PackingStation (station.py), kept apart for its size; its strings
are in the station's translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.ui.packing import texts, work
from erp_desktop.ui.packing.pack import COMMANDS, tracking_number
from erp_desktop.ui.packing.texts import qty
from erp_desktop.ui.packing.work import Voided

translate = QCoreApplication.translate      # lupdate finds translate("PackingStation", "...")

IDLE, LOADED, WEIGHING, WEIGHT_NEEDED, WEIGHT_WARNING = "idle", "loaded", "weighing", "weight_needed", "weight_warning"
SHIPPING, OFFLINE, SHIP_FAILED, SHIPPED = "shipping", "offline", "ship_failed", "shipped"
PACKING_STATES = (LOADED, WEIGHING, WEIGHT_NEEDED, WEIGHT_WARNING, SHIP_FAILED)


class StationCommands:
    """Mixed into PackingStation, whose state, pack and feedback these use."""

    def command(self, cmd: str) -> None:
        if self._busy:
            self._queue.append(next(k for k, v in COMMANDS.items() if v == cmd))
            return
        armed, self._armed = self._armed, ""
        handler = getattr(self, f"_cmd_{cmd}")
        if cmd in ("void", "relabel"):
            handler(armed == cmd)
        else:
            handler()

    def _cmd_done(self) -> None:
        if self.state == WEIGHT_WARNING:
            self._weight_accepted()
        elif self.state == SHIP_FAILED:
            self._ship()
        elif self.state == LOADED and self.pack is not None:
            pack = self.pack
            missing = [f"{i.sku_code} × {qty(pack.left(i))}" for i in pack.order.items if pack.left(i) > 0]
            self.say("error", translate(
                "PackingStation", "Not all items are scanned: %1").replace("%1", ", ".join(missing)))
        elif self.state == WEIGHT_NEEDED:
            self.say("error", translate("PackingStation", "Type the weight in kg first and press Enter."))

    def _cmd_new_parcel(self) -> None:
        pack = self.pack
        if self.state != LOADED or pack is None:
            self.say("error", translate("PackingStation", "A new parcel starts while an order's items are scanned."))
        elif pack.parcel.units == 0:
            self.say("error", translate("PackingStation", "Parcel %1 is empty: scan items into it first.")
                     .replace("%1", str(pack.parcel.no)))
        else:
            self._close_parcel(last=False)

    def _cmd_weigh(self) -> None:
        if self.state in (WEIGHT_NEEDED, WEIGHT_WARNING, WEIGHING) and self.scale is not None:
            self._gen += 1
            self._read_scale()
        elif self.state in (WEIGHT_NEEDED, WEIGHT_WARNING):
            self.say("error", translate("PackingStation", "There is no scale: type the weight in kg and press Enter."))

    def _cmd_manual(self) -> None:
        if self.state in (WEIGHING, WEIGHT_WARNING, WEIGHT_NEEDED) and self.pack is not None:
            self._gen += 1                      # the scale's answer is not waited for
            self._set_state(WEIGHT_NEEDED)
            self.say("warn", translate("PackingStation", "Parcel %1: type its weight in kg and press Enter.")
                     .replace("%1", str(self.pack.parcel.no)), sound="-")

    def _cmd_no_slip(self) -> None:
        if self.pack is None:
            self.say("error", translate("PackingStation", "No order is open."))
            return
        self.pack.no_slip = not self.pack.no_slip
        self.show_progress(self.pack.order, self.pack)
        self.say("info", translate("PackingStation", "No packing slip for this order.") if self.pack.no_slip
                 else translate("PackingStation", "The packing slip is printed for this order."), sound="-")

    def _cmd_tracking(self) -> None:
        if self.pack is None or self.state not in PACKING_STATES:
            self.say("error", translate(
                "PackingStation", "A pre-printed label belongs to a parcel: scan the order first."))
            return
        self._expect_tracking = True
        self.say("info", translate("PackingStation", "Parcel %1: scan the tracking number of its pre-printed label.")
                 .replace("%1", str(self.pack.parcel.no)), sound="-")

    def _preprinted(self, code: str) -> None:
        pack = self.pack
        assert pack is not None
        number = tracking_number(code)
        if number is None:
            self.say("error", translate(
                "PackingStation", "%1 is not a tracking number. Scan *TRACKING* (F11) and the label again.")
                     .replace("%1", code))
            return
        if any(p.tracking_no == number for p in pack.parcels):
            self.say("error", translate(
                "PackingStation", "Tracking number %1 is on another parcel of this order already.")
                     .replace("%1", number))
            return
        pack.parcel.tracking_no = number
        self.show_progress(pack.order, pack)
        self.say("ok", translate(
            "PackingStation", "Parcel %1 ships with the pre-printed label %2 (no label is printed for it).")
                 .replace("%1", str(pack.parcel.no)).replace("%2", number))

    def _cmd_cancel(self) -> None:
        if self.state in (SHIPPING, OFFLINE):
            self.say("error", translate("PackingStation", "The order is being shipped and cannot be put aside now."))
            return
        if self.pack is None:
            self._idle_prompt()
            return
        self._gen += 1
        order_no = self.pack.order.order_no
        self.pack = None
        self._set_state(IDLE)
        self.show_order(None, None)
        self.say("info", translate(
            "PackingStation", "Order %1 put aside; its scans are dropped.").replace("%1", order_no), sound="-")

    def _cmd_reprint(self) -> None:
        targets = self._targets()
        if self.state != SHIPPED or not targets:
            self.say("error", translate(
                "PackingStation", "Reprint: scan a shipped order or its tracking number first."))
            return
        if self.label_printer is None:
            self.say("error", translate("PackingStation", "No label printer is set up."))
            return
        ids = [s.id for s in targets]
        self.say("info", translate(
            "PackingStation", "Printing %1 again…").replace("%1", ", ".join(s.tracking_no for s in targets)),
                 sound="-")
        self._run(self._db_pool, lambda: work.label_jobs(self.ctx.sessions, ids), lambda jobs: self._print(jobs),
                  lambda exc: self.say("error", texts.describe(exc)), busy=False)

    def _cmd_void(self, confirmed: bool) -> None:
        self._void(confirmed, replace=False)

    def _cmd_relabel(self, confirmed: bool) -> None:
        self._void(confirmed, replace=True)

    def _void(self, confirmed: bool, *, replace: bool) -> None:
        targets = self._targets()
        if self.state != SHIPPED or not targets:
            self.say("error", translate("PackingStation", "Scan a shipped order or its tracking number first."))
            return
        nos = ", ".join(s.tracking_no for s in targets)
        if not confirmed:
            self._armed = "relabel" if replace else "void"
            again = "*RELABEL* (Shift+F4)" if replace else "*VOID* (F4)"
            self.say("warn", (translate(
                "PackingStation", "Void label %1 and print a new one? Scan %2 again to confirm.") if replace
                              else translate(
                                  "PackingStation", "Void label %1? Scan %2 again to confirm.")).replace("%1", nos)
                     .replace("%2", again), sound="error")
            return
        ids = [s.id for s in targets]
        self._run(self._db_pool, lambda: work.void(self.ctx.sessions, ids, replace), self._voided,
                  lambda exc: self.say("error", texts.describe(exc)))

    def _voided(self, result: Voided) -> None:
        self.shown_order = result.order
        self.selected_tracking = result.replacements[0].shipment.tracking_no if len(result.replacements) == 1 else ""
        self.show_order(result.order, None)
        text = translate("PackingStation", "Voided: %1").replace("%1", ", ".join(result.voided))
        if result.replacements:
            text += "\n" + translate("PackingStation", "New label: %1").replace(
                "%1", ", ".join(j.shipment.tracking_no for j in result.replacements))
        self.say("done", text)
        self._print(result.replacements)

