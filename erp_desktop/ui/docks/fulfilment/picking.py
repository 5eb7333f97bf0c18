"""Pick confirmation by scanning (optional): with a wave open, the picker scans a bin's label and
then each item taken from it; the wave's list counts it (services/fulfilment.confirm_pick), a pick
the list does not have is refused loudly and counts nothing.  A bin found short is recorded with
"Short pick…": the orders that cannot be filled go back to waiting for stock, and are named.

Scans arrive from any scanner through the dock's handle_scan (bridge.scanned via the main window),
or are typed into the field and ended with Enter.  Big type: it is read from a trolley.  The
database is asked off the GUI thread (ui/ops): while an answer is on its way, further scans wait
their turn in order, so a quick picker loses none and a slow network never freezes the screen."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.errors import ErpError
from erp_desktop.services import fulfilment
from erp_desktop.services import fulfilment_admin as fa
from erp_desktop.services.fulfilment import WaveSummary
from erp_desktop.services.session import AppContext
from erp_desktop.services.tx import run_in_transaction
from erp_desktop.ui import ops
from erp_desktop.ui.docks.fulfilment import texts
from erp_desktop.ui.docks.fulfilment.dialogs import ShortPickDialog
from erp_desktop.ui.docks.fulfilment.table import GREEN, GREY, ORANGE, RED, Column, Table
from erp_desktop.ui.docks.fulfilment.texts import qty

log = logging.getLogger(__name__)
translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")

BANNER = {
    "ok": "background: #e8f5e9; color: #1b5e20; border: 2px solid #66bb6a;",
    "info": "background: #e3f2fd; color: #0d47a1; border: 2px solid #64b5f6;",
    "warn": "background: #fff8e1; color: #7a4f01; border: 2px solid #ffb300;",
    "error": "background: #c62828; color: white; border: 2px solid #8e0000; font-weight: bold;",
}


def pick_columns() -> tuple[Column, ...]:
    """A wave's pick lines, as the wave's detail and the pick screen list them."""
    return (
        Column(translate("fulfilment", "Bin"), lambda p: p.location_code, width=6),
        Column(translate("fulfilment", "SKU"), lambda p: p.sku_code, width=8),
        Column(translate("fulfilment", "Name"), lambda p: f"{p.name} {p.spec}".strip(), width=14),
        Column(translate("fulfilment", "Lot"), lambda p: p.lot_no, width=6),
        Column(translate("fulfilment", "Expiry"), lambda p: p.expires_on,
               lambda p: p.expires_on.isoformat() if p.expires_on else "", width=6),
        Column(translate("fulfilment", "Quantity"), lambda p: p.quantity, lambda p: qty(p.quantity), numeric=True,
               width=4),
        Column(translate("fulfilment", "Picked"), lambda p: p.picked, lambda p: qty(p.picked), numeric=True, width=4),
        Column(translate("fulfilment", "Short"), lambda p: p.short, lambda p: qty(p.short) if p.short else "",
               numeric=True, width=4),
        Column(translate("fulfilment", "Orders"), lambda p: p.order_count, numeric=True, width=3),
        Column(translate("fulfilment", "Short reason"), lambda p: texts.reason(p.short_reason), width=10),
    )


def pick_colors(p: fa.PickLineRow) -> dict:
    if p.short:
        return {7: RED, 6: GREEN if p.picked else GREY}
    if p.open == 0:
        return {6: GREEN}
    if p.picked:
        return {6: ORANGE}
    return {}


class PickScreen(QWidget):
    back_requested = Signal()
    changed = Signal()            # something was picked or found short

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("fulfilment.pickScreen")
        self.can_pick = ctx.identity.can("warehouse") or ctx.identity.can("warehouse_lead")
        self.wave: WaveSummary | None = None
        self.lines: list[fa.PickLineRow] = []
        self.bin: str | None = None
        self.banner_kind = "info"
        self.sent_back: list[str] = []        # order numbers the last short pick sent back
        self.dialog: ShortPickDialog | None = None
        self._calls = 0                       # database calls on their way: scans wait in _queue
        self._queue: list[str] = []
        self._reload_wanted = False           # a live change came while busy: read the list after
        self._build()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.8)
        big.setBold(True)
        self.title = QLabel()
        self.title.setObjectName("fulfilment.pick_title")
        self.title.setFont(big)
        lay.addWidget(self.title)
        self.banner = QLabel()
        self.banner.setObjectName("fulfilment.pick_banner")
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(self.fontMetrics().height() * 3)
        f = QFont(self.font())
        f.setPointSizeF(self.font().pointSizeF() * 1.4)
        self.banner.setFont(f)
        self.banner.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.banner)
        row = QHBoxLayout()
        self.bin_label = QLabel()
        self.bin_label.setObjectName("fulfilment.pick_bin")
        self.bin_label.setFont(big)
        self.progress = QProgressBar()
        self.progress.setObjectName("fulfilment.pick_progress")
        self.progress.setFormat(self.tr("%v of %m units"))
        self.progress.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        row.addWidget(self.bin_label, 1)
        row.addWidget(self.progress)
        lay.addLayout(row)
        entry = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setObjectName("fulfilment.pick_input")
        self.input.setPlaceholderText(self.tr("Scan or type a bin, then each item taken from it (Enter)"))
        self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.input.setFont(f)
        self.input.returnPressed.connect(self._typed)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("fulfilment.pick_quantity")
        self.quantity.setRange(1, 9999)
        self.quantity.setPrefix(self.tr("× "))
        self.quantity.setToolTip(self.tr("How many the next scan counts (a case of 12: type 12, then scan)"))
        self.quantity.setFont(f)
        entry.addWidget(self.input, 1)
        entry.addWidget(self.quantity)
        lay.addLayout(entry)
        self.table = Table("fulfilment.pick_lines_screen", pick_columns(), self)
        medium = QFont(self.font())
        medium.setPointSizeF(self.font().pointSizeF() * 1.2)
        self.table.setFont(medium)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.short_button = QPushButton(self.tr("Short pick… (F8)"))
        self.short_button.setShortcut(QKeySequence("F8"))
        self.short_button.clicked.connect(lambda: self.ask_short_pick())
        self.short_button.setVisible(self.can_pick)
        self.back_button = QPushButton(self.tr("Back to the waves (Esc)"))
        self.back_button.setShortcut(QKeySequence("Esc"))
        self.back_button.clicked.connect(self.back_requested)
        buttons.addWidget(self.short_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        lay.addLayout(buttons)

    # ------------------------------------------------------------------ the database, off the GUI thread
    def _db(self, work, done, *, write: bool = False) -> None:
        """Run `work(session)` on the thread pool (in a transaction when `write`), then `done(result)`
        here; a failure is said in the banner.  Scans that come meanwhile wait in order."""
        sessions = self.ctx.sessions

        def run(_control):
            if write:
                return run_in_transaction(sessions, work)
            with sessions() as s:
                return work(s)

        def finished(result) -> None:
            self._calls -= 1
            done(result)
            self._drain()

        def failed(exc: BaseException) -> None:
            self._calls -= 1
            self.say("error", texts.describe(exc) if isinstance(exc, ErpError) else ops.describe_error(exc)[1])
            self._drain()

        self._calls += 1
        ops.run_job(run, parent=self, show_progress=False, on_finished=finished, on_failed=failed)

    @property
    def _busy(self) -> bool:
        return self._calls > 0

    def _drain(self) -> None:
        while self._queue and not self._busy:
            self.handle_scan(self._queue.pop(0))
        if self._reload_wanted and not self._busy:
            self._reload_wanted = False
            self.refresh()

    @property
    def busy(self) -> bool:
        """A database call is on its way or scans wait: what a test waits for."""
        return self._busy or bool(self._queue)

    # ------------------------------------------------------------------ loading
    def open_wave(self, wave: WaveSummary) -> None:
        self.wave = wave
        self.bin = None
        self.sent_back = []
        self.lines = []
        self._queue.clear()
        self.quantity.setValue(1)
        self.refresh(lambda: self.say("info", self.tr("Scan the label of the first bin: %1")
                                      .replace("%1", self._next_bin() or "—")))

    def refresh(self, then=None) -> None:
        """Read the wave's pick lines again (off the GUI thread), show them, then `then()`."""
        if self.wave is None:
            return
        if self._busy and then is None:        # another client's change: after what is on its way
            self._reload_wanted = True
            return
        wave_id = self.wave.id

        def work(s):
            return fa.wave_pick_lines(s, wave_id), fulfilment.wave_summaries(s, [wave_id])

        def show(result) -> None:
            lines, waves = result
            if self.wave is None or self.wave.id != wave_id:
                return                          # another wave was opened meanwhile
            self.lines = lines
            if waves:
                self.wave = waves[0]
            self._show_lines()
            if then is not None:
                then()

        self._db(work, show)

    def _show_lines(self) -> None:
        w = self.wave
        assert w is not None
        self.title.setText(self.tr("Wave %1 · %2 · %3 · %4").replace("%1", w.wave_no).replace("%2", w.warehouse)
                           .replace("%3", w.carrier or "—").replace("%4", texts.wave_status(w.status)))
        total = sum((ln.quantity for ln in self.lines), Decimal(0))
        done = sum((ln.picked + ln.short for ln in self.lines), Decimal(0))
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(done))
        self.table.set_items(self.lines, pick_colors, lambda p: bool(self.bin) and p.location_code == self.bin
                             and p.open > 0)
        self._show_bin()

    def _next_bin(self) -> str | None:
        return next((ln.location_code for ln in self.lines if ln.open > 0 and ln.location_code), None)

    def _show_bin(self) -> None:
        if self.bin is None:
            self.bin_label.setText(self.tr("Bin: scan its label"))
            return
        left = sum((ln.open for ln in self.lines if ln.location_code == self.bin), Decimal(0))
        self.bin_label.setText(self.tr("Bin %1 · %2 left here").replace("%1", self.bin).replace("%2", qty(left)))

    def say(self, kind: str, text: str) -> None:
        """The banner: ok (green), info, warn, error (red, with a beep)."""
        self.banner_kind = kind
        self.banner.setStyleSheet(BANNER[kind])
        self.banner.setText(text)
        if kind == "error":
            QApplication.beep()

    # ------------------------------------------------------------------ scans
    def _typed(self) -> None:
        code = self.input.text()
        self.input.clear()
        self.handle_scan(code)

    def handle_scan(self, code: str) -> None:
        """A bin's label chooses the bin; an item's barcode (or SKU code) is a pick from it."""
        code = code.strip()
        if not code or self.wave is None:
            return
        if self._busy:
            self._queue.append(code)
            return
        if not self.can_pick:
            self.say("error", self.tr("Your role may not confirm picks."))
            return
        bins = {ln.location_code.upper(): ln.location_code for ln in self.lines if ln.location_code}
        if code.upper() in bins:
            self.bin = bins[code.upper()]
            here = [ln for ln in self.lines if ln.location_code == self.bin and ln.open > 0]
            if here:
                what = ", ".join(f"{qty(ln.open)} × {ln.sku_code}" for ln in here)
                self.say("info", self.tr("Bin %1: pick %2").replace("%1", self.bin).replace("%2", what))
            else:
                self.say("warn", self.tr("Nothing is left to pick in bin %1. Next: %2").replace("%1", self.bin)
                         .replace("%2", self._next_bin() or "—"))
            self._show_lines()
            return
        if self.bin is None:
            self.say("error", self.tr("%1: scan the bin's label first, then the item.").replace("%1", code))
            return
        wave_id, where, n = self.wave.id, self.bin, Decimal(self.quantity.value())
        self._db(lambda s: fulfilment.confirm_pick(s, wave_id, where, code, n), self._picked, write=True)

    def _picked(self, p: fulfilment.PickProgress) -> None:
        self.quantity.setValue(1)
        self.changed.emit()
        if p.wave_status == "picked":
            text = self.tr("Picked %1 × %2. Wave %3 is picked completely: take it to packing.") \
                .replace("%1", qty(p.picked)).replace("%2", p.sku_code).replace("%3", p.wave_no)
        elif p.left_here > 0:
            text = self.tr("Picked %1 × %2 from %3; %4 more here.").replace("%1", qty(p.picked)) \
                .replace("%2", p.sku_code).replace("%3", p.location_code).replace("%4", qty(p.left_here))
        else:
            text = None
        # the list again, then the words (the next bin is the list's)
        self.refresh(lambda: self.say("ok", text or self.tr("Picked %1 × %2 from %3. Next bin: %4")
                                      .replace("%1", qty(p.picked)).replace("%2", p.sku_code)
                                      .replace("%3", p.location_code).replace("%4", self._next_bin() or "—")))

    # ------------------------------------------------------------------ short picks
    def ask_short_pick(self) -> ShortPickDialog | None:
        if self.wave is None or not self.can_pick:
            return None
        current = self.table.current_item()
        here = next((ln for ln in self.lines if ln.location_code == self.bin and ln.open > 0), None)
        pick = current if current is not None and current.open > 0 else here
        dlg = ShortPickDialog(self.lines, self, sku_id=pick.sku_id if pick else None,
                              location=pick.location_code if pick else self.bin)
        if dlg.sku.count() == 0:
            self.say("warn", self.tr("Nothing is left to pick in this wave."))
            dlg.deleteLater()
            return None
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.short_pick(dlg.sku_id(), dlg.short_quantity(), dlg.reason_code(),
                                                     dlg.location_code()))
        self.dialog = dlg
        dlg.open()
        return dlg

    def short_pick(self, sku_id: int, short_qty: Decimal, reason: str, location: str | None) -> bool:
        """Record the short pick (off the GUI thread); the banner names the orders sent back."""
        if self.wave is None:
            return False
        wave_id = self.wave.id

        def work(s):
            dropped = fulfilment.short_pick(s, wave_id, sku_id, short_qty, reason, location_code=location)
            numbers = fa.order_numbers(s, dropped)
            return [numbers.get(i, str(i)) for i in dropped]

        def done(sent_back: list[str]) -> None:
            self.sent_back = sent_back
            self.changed.emit()
            if sent_back:
                self.refresh(lambda: self.say("warn", self.tr("Short pick recorded. Back to waiting for stock: %1")
                                              .replace("%1", ", ".join(sent_back))))
            else:
                self.refresh(lambda: self.say("ok", self.tr("Short pick recorded; every order can still be filled.")))

        self._db(work, done, write=True)
        return True
