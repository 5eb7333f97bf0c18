"""The count screen, made for a scanner: big type, the current bin, one scan = one more of that
SKU in the bin (or the quantity typed before the scan, for a case), loud errors for unknown
barcodes, recount and finish.  Scans arrive by handle_scan() from the keyboard-wedge detector
and from a serial scanner alike."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.errors import ErpError
from erp_desktop.domain.stocktake import LotRequiredError, bin_can, parse_count_quantity
from erp_desktop.services import stocktake
from erp_desktop.services.session import AppContext
from erp_desktop.services.stocktake import BinInfo, StocktakeInfo
from erp_desktop.services.tx import run_in_transaction
from erp_desktop.ui import ops
from erp_desktop.ui.docks.stocktake import texts
from erp_desktop.ui.docks.stocktake.table import GREEN, ORANGE, Row, RowsModel
from erp_desktop.ui.widgets.money import format_decimal

log = logging.getLogger(__name__)
ONE = Decimal(1)

BANNER = {
    "ok": "background: #e8f5e9; color: #1b5e20; border: 2px solid #66bb6a;",
    "info": "background: #e3f2fd; color: #0d47a1; border: 2px solid #64b5f6;",
    "warn": "background: #fff8e1; color: #7a4f01; border: 2px solid #ffb300;",
    "error": "background: #c62828; color: white; border: 2px solid #8e0000; font-weight: bold;",
}


def qty(q: Decimal | None) -> str:
    if q is None:
        return ""
    places = 0 if q == q.to_integral() else 3
    text = format_decimal(q, places)
    return text.rstrip("0").rstrip(QLocale().decimalPoint()) if places else text


class CountScreen(QWidget):
    back_requested = Signal()
    changed = Signal(int)                     # the count's id: its bins or lines changed here

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("stocktake.count_screen")
        self._fonts()
        self.info: StocktakeInfo | None = None
        self.bins: list[BinInfo] = []
        self.bin: BinInfo | None = None
        self.next_qty = ONE
        self.last_scan: tuple[int, int | None, Decimal, str] | None = None   # sku, lot, quantity, code
        self._lot_for: str | None = None      # the SKU code the lot choice is for
        self.banner_kind = ""
        self._build()

    # ------------------------------------------------------------------ building
    def _fonts(self) -> None:
        """Big type, readable at arm's length with a scanner in the hand."""
        base = QFont(self.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        base.setPointSizeF(size * 1.45)
        self.setFont(base)
        self.big = QFont(base)
        self.big.setPointSizeF(size * 3.0)
        self.big.setBold(True)
        self.banner_font = QFont(base)
        self.banner_font.setPointSizeF(size * 1.6)
        self.small = QFont(base)
        self.small.setPointSizeF(size * 1.25)

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("◀ Counts"))
        self.back_button.setToolTip(self.tr("Back to the list of counts (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("count.title")
        self.title.setFont(self.small)
        self.title.setStyleSheet("color: #455a64")
        self.progress = QLabel()
        self.progress.setObjectName("count.progress")
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        lay.addLayout(top)

        bin_row = QHBoxLayout()
        caption = QLabel(self.tr("Bin"))
        self.bin_label = QLabel("—")
        self.bin_label.setObjectName("count.bin")
        self.bin_label.setFont(self.big)
        self.bin_state = QLabel()
        self.bin_state.setObjectName("count.bin_state")
        self.bin_pick = QComboBox()
        self.bin_pick.setObjectName("count.bin_pick")
        self.bin_pick.setToolTip(self.tr("Scan a bin label, or pick the bin here"))
        self.bin_pick.setMinimumContentsLength(14)
        self.bin_pick.activated.connect(self._bin_picked)
        bin_row.addWidget(caption)
        bin_row.addWidget(self.bin_label)
        bin_row.addWidget(self.bin_state, 1)
        bin_row.addWidget(self.bin_pick)
        lay.addLayout(bin_row)

        self.banner = QLabel()
        self.banner.setObjectName("count.banner")
        self.banner.setWordWrap(True)
        self.banner.setFont(self.banner_font)
        self.banner.setMinimumHeight(64)
        self.banner.setMargin(8)
        lay.addWidget(self.banner)

        entry = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setObjectName("count.input")
        self.input.setPlaceholderText(self.tr("Scan — or type a quantity for the next scan and press Enter"))
        self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)   # no IME eating scans
        self.input.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
        self.input.returnPressed.connect(self._typed)
        self.quantity_label = QLabel()
        self.quantity_label.setObjectName("count.quantity")
        self.lot_pick = QComboBox()
        self.lot_pick.setObjectName("count.lot")
        self.lot_pick.setToolTip(self.tr("The lot of the SKU found (it has several lots in this bin)"))
        self.lot_pick.hide()
        entry.addWidget(self.input, 3)
        entry.addWidget(self.lot_pick)
        entry.addWidget(self.quantity_label)
        lay.addLayout(entry)

        buttons = QHBoxLayout()
        self.finish_button = self._button(self.tr("Finish bin (F9)"), "F9", self.finish_bin)
        self.recount_button = self._button(self.tr("Recount bin"), None, self.recount_bin)
        self.resume_button = self._button(self.tr("Resume bin"), None, self.resume_bin)
        self.undo_button = self._button(self.tr("Undo last scan (Ctrl+Z)"), "Ctrl+Z", self.undo_last)
        self.typed_button = self._button(self.tr("Count typed code (Ctrl+Enter)"), "Ctrl+Return", self.count_typed)
        for b in (self.finish_button, self.recount_button, self.resume_button, self.undo_button, self.typed_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.back_requested)
        self.addAction(back)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RowsModel([self.tr("SKU"), self.tr("Name"), self.tr("Lot"), self.tr("Counted"),
                                self.tr("Expected")], numeric=(3, 4), parent=self)
        self.table = QTableView()
        self.table.setObjectName("count.rows")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # the scan field keeps the focus
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() * 2)
        split.addWidget(self.table)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(QLabel(self.tr("Unknown barcodes")))
        self.unknown = QListWidget()
        self.unknown.setObjectName("count.unknown")
        self.unknown.setStyleSheet("color: #c62828")
        self.unknown.setFont(self.font())             # a style sheet of its own stops the inherited size
        self.unknown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side_lay.addWidget(self.unknown)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self._show_quantity()

    def _button(self, text: str, shortcut: str | None, slot) -> QPushButton:
        b = QPushButton(text)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda _checked=False: slot())
        if shortcut:
            a = QAction(self)
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(lambda _checked=False: slot())
            self.addAction(a)
        return b

    # ------------------------------------------------------------------ opening
    def open_count(self, stocktake_id: int, bin_id: int | None = None) -> None:
        with self.ctx.sessions() as s:
            self.info = stocktake.get_stocktake(s, stocktake_id)
            self.bins = stocktake.list_bins(s, stocktake_id)
            unknown = stocktake.unknown_barcodes(s, stocktake_id)
        self.bin = None
        self.last_scan = None
        self.unknown.clear()
        for u in unknown:
            self.unknown.addItem(self._unknown_text(u.code, u.bin_code))
        self._fill_bin_pick()
        self._show_header()
        if bin_id is not None:
            self.enter_bin(bin_id)
        else:
            current = [b for b in self.bins if b.state == "counting" and b.started_by == self.ctx.identity.role_name]
            if current:
                self.enter_bin(current[0].id)
            else:
                self._show_bin()
                self.say("info", self.tr("Scan the label of the bin you count first."))
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Someone (here or in another client) changed the count: reload what is shown."""
        if self.info is None:
            return
        try:
            with self.ctx.sessions() as s:
                self.info = stocktake.get_stocktake(s, self.info.id)
                self.bins = stocktake.list_bins(s, self.info.id)
                if self.bin is not None:
                    self.bin = next((b for b in self.bins if b.id == self.bin.id), None)
                    view = stocktake.bin_view(s, self.bin.id) if self.bin else None
                else:
                    view = None
        except Exception as exc:
            self.say("error", ops.describe_error(exc)[1])
            return
        self._fill_bin_pick()
        self._show_header()
        self._show_bin(view)

    def _fill_bin_pick(self) -> None:
        self.bin_pick.blockSignals(True)
        self.bin_pick.clear()
        self.bin_pick.addItem(self.tr("Pick a bin…"), None)
        for b in self.bins:
            self.bin_pick.addItem(f"{b.code}  ·  {texts.bin_state(b.state)}", b.id)
        if self.bin is not None:
            self.bin_pick.setCurrentIndex(max(self.bin_pick.findData(self.bin.id), 0))
        self.bin_pick.blockSignals(False)

    def _show_header(self) -> None:
        if self.info is None:
            return
        i = self.info
        blind = "  ·  " + self.tr("Blind count") if i.blind else ""
        self.title.setText(f"{i.ref}  ·  {i.warehouse_code} {i.warehouse_name}  ·  {texts.scope(i.scope)}{blind}")
        counted = sum(1 for b in self.bins if b.state == "counted")
        self.progress.setText(self.tr("Bins counted: %1 / %2").replace("%1", str(counted))
                              .replace("%2", str(len(self.bins))))

    def _show_bin(self, view: stocktake.BinView | None = None) -> None:
        b = self.bin
        self.bin_label.setText(b.code if b else "—")
        self.bin_state.setText(texts.bin_state(b.state) if b else "")
        counting = b is not None and b.state == "counting"
        self.finish_button.setEnabled(counting)
        self.recount_button.setEnabled(b is not None and bin_can(b.state, "recount"))
        self.resume_button.setVisible(b is not None and b.state == "counted")
        self.undo_button.setEnabled(counting and self.last_scan is not None)
        blind = self.info.blind if self.info else False
        self.table.setColumnHidden(4, blind)
        rows = []
        if view is not None:
            for r in view.rows:
                colors = {}
                if r.expected is not None and r.counted == r.expected:
                    colors = {3: GREEN}               # matches what the ledger expects
                elif r.expected is not None and r.counted > r.expected:
                    colors = {3: ORANGE}              # more than expected already
                rows.append(Row([r.sku_code, f"{r.sku_name} {r.spec}".strip(), r.lot_no or "", qty(r.counted),
                                 qty(r.expected)], r, colors))
        self.model.set_rows(rows)

    def _load_bin_rows(self) -> None:
        if self.bin is None:
            self._show_bin()
            return
        with self.ctx.sessions() as s:
            view = stocktake.bin_view(s, self.bin.id)
        self.bin = view.bin
        self.bins = [view.bin if b.id == view.bin.id else b for b in self.bins]
        self._show_bin(view)

    # ------------------------------------------------------------------ feedback
    def say(self, kind: str, text: str) -> None:
        """The banner: ok (green), info, warn, error (red, with a beep)."""
        self.banner_kind = kind
        self.banner.setStyleSheet(BANNER[kind])
        self.banner.setText(text)
        if kind == "error":
            QApplication.beep()

    def _fail(self, exc: BaseException) -> None:
        self.say("error", texts.describe(exc) if isinstance(exc, ErpError) else ops.describe_error(exc)[1])

    def _show_quantity(self) -> None:
        self.quantity_label.setText(self.tr("Next scan counts: %1").replace("%1", qty(self.next_qty)))
        self.quantity_label.setStyleSheet("" if self.next_qty == ONE else "color: #b26a00; font-weight: bold;")

    def _unknown_text(self, code: str, bin_code: str | None) -> str:
        return f"{code}  ({bin_code})" if bin_code else code

    # ------------------------------------------------------------------ scans
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        if not code or self.info is None:
            return
        target = next((b for b in self.bins if b.code.lower() == code.lower()), None)
        if target is not None:
            self.enter_bin(target.id)
            return
        if self.bin is None:
            self.say("error", self.tr("Scan a bin label first: %1 is not a bin of this count.").replace("%1", code))
            return
        if self.bin.state != "counting":
            self.say("error", self.tr("Bin %1 is %2: press Resume bin or Recount bin to count in it.")
                     .replace("%1", self.bin.code).replace("%2", texts.bin_state(self.bin.state)))
            return
        amount, lot_id = self.next_qty, None
        if self.lot_pick.isVisible() and self.lot_pick.count():
            lot_id = self.lot_pick.currentData()
        bin_id = self.bin.id
        try:
            result = run_in_transaction(self.ctx.sessions,
                                        lambda s: stocktake.record_scan(s, bin_id, code, amount, lot_id=lot_id))
        except LotRequiredError as exc:
            self._ask_lot(exc)
            return
        except Exception as exc:
            self._fail(exc)
            return
        if not result.known:
            self.unknown.insertItem(0, self._unknown_text(code, self.bin.code))
            self.say("error", self.tr("Unknown barcode %1 — not counted. Put the item aside; it is listed on the "
                                      "right.").replace("%1", code))
            self.changed.emit(self.info.id)
            return
        self.lot_pick.hide()
        self.last_scan = (result.sku_id, result.lot_id, amount, code)
        self.next_qty = ONE
        self._show_quantity()
        lot = f" [{result.lot_no}]" if result.lot_no else ""
        self.say("ok", self.tr("+%1  %2 %3%4 — now %5 in %6").replace("%1", qty(amount))
                 .replace("%2", result.sku_code).replace("%3", result.sku_name).replace("%4", lot)
                 .replace("%5", qty(result.counted)).replace("%6", self.bin.code))
        self._load_bin_rows()
        self.changed.emit(self.info.id)

    def _ask_lot(self, exc: LotRequiredError) -> None:
        self.lot_pick.clear()
        for lot_id, lot_no in zip(exc.lot_ids, exc.lots, strict=False):
            self.lot_pick.addItem(lot_no or self.tr("(no lot)"), lot_id)
        self.lot_pick.show()
        self._lot_for = exc.sku
        self.say("warn", self.tr("%1 has several lots in this bin: choose the lot on the right, then scan again.")
                 .replace("%1", exc.sku))

    def _typed(self) -> None:
        """Enter in the field after typing (not a scan: the scan detector takes those)."""
        text = self.input.text().strip()
        if not text:
            return
        q = parse_count_quantity(text)
        if q is not None and q > 0:
            self.next_qty = q
            self.input.clear()
            self._show_quantity()
            self.say("info", self.tr("The next scan counts %1.").replace("%1", qty(q)))
            return
        self.say("warn", self.tr("Typed text is not counted: scan the barcode, or press Ctrl+Enter to count "
                                 "%1 by hand.").replace("%1", text))

    def count_typed(self) -> None:
        """The barcode cannot be read: count by the code typed into the field."""
        text = self.input.text().strip()
        if text:
            self.input.clear()
            self.handle_scan(text)

    # ------------------------------------------------------------------ bins
    def _bin_picked(self, index: int) -> None:
        bin_id = self.bin_pick.itemData(index)
        if bin_id is not None:
            self.enter_bin(int(bin_id))
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter_bin(self, bin_id: int) -> None:
        """Go to a bin; a bin not begun (or to be recounted) begins now: its snapshot is taken."""
        target = next((b for b in self.bins if b.id == bin_id), None)
        if target is None:
            return
        try:
            if bin_can(target.state, "start"):
                run_in_transaction(self.ctx.sessions, lambda s: stocktake.start_bin(s, bin_id))
            self.bin = target
            self.last_scan = None
            self._load_bin_rows()
        except Exception as exc:
            self._fail(exc)
            return
        self._fill_bin_pick()
        self._show_header()
        if self.bin.state == "counted":
            self.say("warn", self.tr("Bin %1 is counted already. Resume bin to add to its count, Recount bin to "
                                     "count it again from zero.").replace("%1", self.bin.code))
        else:
            self.say("info", self.tr("Counting bin %1: scan each item.").replace("%1", self.bin.code))
        self.changed.emit(self.info.id)

    def finish_bin(self) -> None:
        if self.bin is None or self.bin.state != "counting":
            return
        bin_id, code = self.bin.id, self.bin.code
        try:
            moves = run_in_transaction(self.ctx.sessions, lambda s: stocktake.finish_bin(s, bin_id))
        except Exception as exc:
            self._fail(exc)
            return
        self.refresh()
        self.bin = None
        self._show_bin()
        self._fill_bin_pick()
        if moves:
            self.say("warn", self.tr("Bin %1 is counted, but stock moved in or out of it %n time(s) while you "
                                     "counted: consider a recount.", "", moves).replace("%1", code))
        else:
            self.say("ok", self.tr("Bin %1 is counted. Scan the next bin label.").replace("%1", code))
        self.changed.emit(self.info.id)

    def resume_bin(self) -> None:
        if self.bin is None or self.bin.state != "counted":
            return
        bin_id = self.bin.id
        try:
            run_in_transaction(self.ctx.sessions, lambda s: stocktake.resume_bin(s, bin_id))
            self._load_bin_rows()
        except Exception as exc:
            self._fail(exc)
            return
        self._fill_bin_pick()
        self.say("info", self.tr("Counting bin %1 again: scans add to its count.").replace("%1", self.bin.code))
        self.changed.emit(self.info.id)

    def recount_bin(self, confirmed: bool = False) -> QMessageBox | None:
        if self.bin is None or not bin_can(self.bin.state, "recount"):
            return None
        if not confirmed:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Recount bin"),
                              self.tr("Clear everything counted in bin %1 and count it again from zero?")
                              .replace("%1", self.bin.code),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.accepted.connect(lambda: self.recount_bin(True))
            box.open()
            return box
        bin_id = self.bin.id
        try:
            run_in_transaction(self.ctx.sessions, lambda s: stocktake.recount_bin(s, bin_id))
            self.last_scan = None
            self._load_bin_rows()
        except Exception as exc:
            self._fail(exc)
            return None
        self._fill_bin_pick()
        self.say("info", self.tr("Bin %1 is cleared: count it again from zero.").replace("%1", self.bin.code))
        self.changed.emit(self.info.id)
        QTimer.singleShot(0, self, lambda: self.input.setFocus(Qt.FocusReason.OtherFocusReason))
        return None

    def undo_last(self) -> None:
        if self.bin is None or self.last_scan is None or self.bin.state != "counting":
            return
        sku_id, lot_id, amount, code = self.last_scan
        bin_id = self.bin.id
        try:
            run_in_transaction(self.ctx.sessions,
                               lambda s: stocktake.count_sku(s, bin_id, sku_id, -amount, lot_id=lot_id))
        except Exception as exc:
            self._fail(exc)
            return
        self.last_scan = None
        self._load_bin_rows()
        self.say("info", self.tr("Took back the last scan: -%1 of %2.").replace("%1", qty(amount))
                 .replace("%2", code))
        self.changed.emit(self.info.id)
