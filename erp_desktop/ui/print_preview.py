"""A4 documents (and any PDF) previewed in the app with QtPdf, printed through QPrinter, saved as PDF.

    show_pdf(parent, pdf_bytes_or_path, title)       # the preview window (non-blocking)
    print_pdf(pdf, printer_name=None)                # straight to the station's A4 printer

The PDF that documents/ rendered is the one source: the preview shows it, printing renders its
pages with QPdfDocument.render at the printer's resolution (at most `PRINT_DPI`, so a page is a
few MB, not the 1200 dpi QPrinter.HighResolution asks for) and paints them full page, so what
prints is what the preview showed, on every platform, without a PDF viewer installed.  Each
printed page takes the PDF page's size (A4 invoices, 100 x 150 mm labels).  Printing runs off the
GUI thread (QPainter may paint on a QPrinter in a worker thread) with progress and cancel.

The station's A4 printer is Settings > Devices: a system printer's name, "" for the system
default, or "ask" for the print dialog every time.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.ui import ops
from erp_desktop.ui.devices import ASK_EACH_TIME, current_hub, load_device_settings

log = logging.getLogger(__name__)
translate = QCoreApplication.translate    # lupdate finds translate("print_preview", "...")

PdfSource = bytes | str | os.PathLike
PRINT_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfLoadError(OSError):
    """The PDF cannot be read (a file that is gone, or not a PDF)."""


def load_pdf(pdf: PdfSource, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument of `pdf` (bytes or a path), ready to render; raises PdfLoadError."""
    doc = QPdfDocument(parent)
    if isinstance(pdf, (bytes, bytearray)):
        buf = QBuffer(doc)                       # lives as long as the document, which reads it lazily
        buf.setData(QByteArray(bytes(pdf)))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buf)
        name = "PDF"
    else:
        name = os.fspath(pdf)
        doc.load(name)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
        error = doc.error().name
        doc.deleteLater()
        raise PdfLoadError(f"cannot read the PDF {name}: {error}")
    return doc


def station_printer_name() -> str:
    """The A4 printer of this station: a name, "" (system default) or ASK_EACH_TIME."""
    hub = current_hub()
    return hub.a4_printer() if hub is not None else load_device_settings().a4_printer


def make_printer(name: str = "") -> QPrinter:
    """A QPrinter for the system printer `name` ("" or ASK_EACH_TIME: the default one), A4, full page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name and name != ASK_EACH_TIME:
        printer.setPrinterName(name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    return printer


def _page_layout(size_pt: QSizeF) -> QPageLayout:
    landscape = size_pt.width() > size_pt.height()
    portrait = QSizeF(size_pt.height(), size_pt.width()) if landscape else size_pt
    page = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(page, QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                       QMarginsF())


def print_document(doc: QPdfDocument, printer: QPrinter, *, dpi: int = PRINT_DPI,
                   progress: Callable[[int, int], object] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> int:
    """Paint every page of `doc` on `printer`, each on a page of its own size; the pages printed.
    `cancelled()` is asked between pages: the job is then aborted (nothing is printed)."""
    total = doc.pageCount()
    painter = QPainter()
    try:
        for page in range(total):
            if cancelled is not None and cancelled():
                printer.abort()
                return 0
            size_pt = doc.pagePointSize(page)
            printer.setPageLayout(_page_layout(size_pt))
            if page == 0:
                if not painter.begin(printer):
                    raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName() or 'printer'}")
            elif not printer.newPage():
                raise OSError("the printer refused a new page")
            res = min(printer.resolution(), dpi)
            image = doc.render(page, QSize(max(1, round(size_pt.width() / 72 * res)),
                                           max(1, round(size_pt.height() / 72 * res))))
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(QPointF(0, 0), target.size()), image)
            if progress is not None:
                progress(page + 1, total)
    finally:
        if painter.isActive():
            painter.end()
    return total


def print_pdf(pdf: PdfSource, printer_name: str | None = None, *, printer: QPrinter | None = None,
              parent: QWidget | None = None) -> int:
    """Print `pdf` now, on this thread: to `printer`, else to the system printer `printer_name`
    (None: the station's A4 printer; ASK_EACH_TIME: the print dialog).  The pages printed, 0 when
    the dialog was cancelled."""
    if printer is None:
        printer = choose_printer(parent, printer_name)
        if printer is None:
            return 0
    doc = load_pdf(pdf)
    try:
        return print_document(doc, printer)
    finally:
        doc.deleteLater()


def choose_printer(parent: QWidget | None, printer_name: str | None = None, *, ask: bool = False) -> QPrinter | None:
    """The printer to use (the dialog when `ask` or when the station asks every time); None: cancelled."""
    name = station_printer_name() if printer_name is None else printer_name
    printer = make_printer(name)
    if ask or name == ASK_EACH_TIME:
        dialog = QPrintDialog(printer, parent)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    return printer


def print_pdf_job(parent: QWidget | None, pdf: PdfSource, printer: QPrinter, *,
                  on_finished: Callable[[int], object] | None = None,
                  on_failed: Callable[[BaseException], object] | None = None) -> ops.Job:
    """Print `pdf` on `printer` off the GUI thread, with a progress dialog that can cancel."""
    data = pdf if isinstance(pdf, (bytes, bytearray)) else None
    path = None if data is not None else os.fspath(pdf)

    def work(ctl: ops.JobControl) -> int:
        doc = load_pdf(data if data is not None else path)      # a document of this thread
        try:
            return print_document(doc, printer, progress=ctl.progress, cancelled=lambda: ctl.cancelled)
        finally:
            doc.deleteLater()

    return ops.run_job(work, parent=parent, label=translate("print_preview", "Printing…"),
                       on_finished=on_finished, on_failed=on_failed)


def save_pdf(pdf: PdfSource, path: str | os.PathLike) -> Path:
    """Write `pdf` (bytes, or a copy of the file) to `path`."""
    target = Path(path)
    if isinstance(pdf, (bytes, bytearray)):
        target.write_bytes(bytes(pdf))
    elif Path(pdf).resolve() != target.resolve():
        shutil.copyfile(pdf, target)
    return target


class PrintPreview(QDialog):
    """A PDF with page navigation and zoom; print (dialog, or straight to the station's A4 printer)
    and save as PDF."""

    def __init__(self, pdf: PdfSource, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.pdf = pdf
        self.title = title or (Path(pdf).stem if not isinstance(pdf, (bytes, bytearray)) else "")
        self.setWindowTitle(self.tr("Preview — %1").replace("%1", self.title) if self.title else self.tr("Preview"))
        self.document = load_pdf(pdf, self)
        self.job: ops.Job | None = None
        self.printer_name = station_printer_name()

        self.view = QPdfView(self)
        self.view.setObjectName("printPreview.view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)

        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.prev_action = self._action(bar, self.tr("◀ Previous"), QKeySequence.StandardKey.MoveToPreviousPage,
                                        lambda: self.go_to(self.page() - 1))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("printPreview.page")
        self.page_spin.setRange(1, self.document.pageCount())
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        bar.addWidget(self.page_spin)
        self.page_count = QLabel(self.tr("of %1").replace("%1", str(self.document.pageCount())))
        self.page_count.setObjectName("printPreview.pageCount")
        self.page_count.setContentsMargins(4, 0, 8, 0)
        bar.addWidget(self.page_count)
        self.next_action = self._action(bar, self.tr("Next ▶"), QKeySequence.StandardKey.MoveToNextPage,
                                        lambda: self.go_to(self.page() + 1))
        bar.addSeparator()
        self._action(bar, self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_step(-1))
        self.zoom = QComboBox()
        self.zoom.setObjectName("printPreview.zoom")
        self.zoom.addItem(self.tr("Fit width"), "width")
        self.zoom.addItem(self.tr("Whole page"), "page")
        for z in ZOOMS:
            self.zoom.addItem(f"{round(z * 100)} %", z)
        self.zoom.activated.connect(lambda _i: self._zoom_chosen())
        bar.addWidget(self.zoom)
        self._action(bar, self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_step(1))
        bar.addSeparator()
        self.save_action = self._action(bar, self.tr("Save as PDF…"), QKeySequence.StandardKey.Save,
                                        self.choose_save_path)
        self.print_dialog_action = self._action(bar, self.tr("Print…"), QKeySequence.StandardKey.Print,
                                                lambda: self.print_with_dialog())
        self.print_action = self._action(bar, self._direct_text(), None, lambda: self.print_to())
        self.print_action.setVisible(self.printer_name != ASK_EACH_TIME)

        self.message = QLabel()
        self.message.setObjectName("printPreview.message")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(bar)
        lay.addWidget(self.view, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.message, 1)
        lay.addLayout(foot)
        self.resize(900, 1000)
        self._page_shown(0)

    def _action(self, bar: QToolBar, text: str, shortcut, slot: Callable[[], object]) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(lambda _checked=False: slot())
        bar.addAction(a)
        return a

    def _direct_text(self) -> str:
        if self.printer_name:
            return self.tr("Print to %1").replace("%1", self.printer_name)
        return self.tr("Print to the default printer")

    # ------------------------------------------------------------------------------ pages, zoom
    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.prev_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.document.pageCount() - 1)

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        i = self.zoom.findData(factor)
        if i >= 0:
            self.zoom.setCurrentIndex(i)
        else:
            self.zoom.setEditText(f"{round(factor * 100)} %")

    def zoom_step(self, direction: int) -> None:
        now = self._effective_zoom()
        steps = [z for z in ZOOMS if (z > now + 1e-6 if direction > 0 else z < now - 1e-6)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        # fitted: the factor that makes the page as wide as the view (points at the screen's dpi)
        size = self.document.pagePointSize(max(self.page(), 0))
        dpi = self.logicalDpiX() or 96
        return self.view.viewport().width() / max(1.0, size.width() / 72 * dpi)

    def _zoom_chosen(self) -> None:
        data = self.zoom.currentData()
        if data == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif data == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif isinstance(data, float):
            self.set_zoom(data)

    # ------------------------------------------------------------------------------ print, save
    def print_with_dialog(self) -> ops.Job | None:
        printer = choose_printer(self, self.printer_name, ask=True)
        return self.print_to(printer) if printer is not None else None

    def print_to(self, printer: QPrinter | None = None) -> ops.Job | None:
        """Print off the GUI thread: to `printer`, else to the station's A4 printer (asked for when
        the station asks every time)."""
        if printer is None:
            printer = choose_printer(self, self.printer_name)
            if printer is None:
                return None
        where = printer.outputFileName() or printer.printerName() or self.tr("the default printer")
        self.message.setText(self.tr("Printing to %1…").replace("%1", where))

        def done(pages: int) -> None:
            self.message.setText(self.tr("%1 page(s) sent to %2.").replace("%1", str(pages)).replace("%2", where))

        def failed(exc: BaseException) -> None:
            self.message.setText(ops.describe_error(exc)[1])
            ops.show_error(self, exc)

        self.job = print_pdf_job(self, self.pdf, printer, on_finished=done, on_failed=failed)
        self.job.cancelled.connect(lambda: self.message.setText(self.tr("Printing cancelled.")))
        return self.job

    def choose_save_path(self) -> Path | None:
        name = (self.title or "document").replace("/", "-") + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), name, self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> Path | None:
        try:
            target = save_pdf(self.pdf, path)
        except OSError as exc:
            ops.show_error(self, exc)
            return None
        self.message.setText(self.tr("Saved as %1").replace("%1", str(target)))
        return target


def show_pdf(parent: QWidget | None, pdf: PdfSource, title: str = "") -> PrintPreview | None:
    """Open the preview of `pdf` (non-blocking); None (and the error shown) when it cannot be read."""
    try:
        dialog = PrintPreview(pdf, title, parent)
    except PdfLoadError as exc:
        ops.show_error(parent, exc)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
