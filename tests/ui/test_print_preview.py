"""The PDF preview and printing: a picking list rendered by documents/ opens with its page count,
pages and zoom move, "print" to a QPrinter writing a PDF file gives the same pages at the same
sizes (A4, and a 100 x 150 mm label), save as PDF writes the document, a broken PDF is refused
in words; the preview in Chinese as a screenshot."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from erp_desktop.documents.picking_list import render_picking_list
from erp_desktop.documents.shipping_label import render_shipping_label
from erp_desktop.ui import app as ui_app
from erp_desktop.ui import print_preview
from erp_desktop.ui.devices import ASK_EACH_TIME, DeviceSettings, save_device_settings
from erp_desktop.ui.print_preview import PdfLoadError, PrintPreview, print_pdf, show_pdf
from tests.documents.test_picking_list import picking_doc
from tests.documents.test_shipping_label_pdf import label_doc

MM = 72 / 25.4


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_sizes_mm(path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in PdfReader(path).pages]


def dark_pixels(image: QImage, step: int = 1) -> int:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return sum(1 for y in range(0, gray.height(), step) for x in range(0, gray.width(), step)
               if gray.pixelColor(x, y).value() < 128)


def picking_pdf(tmp_path, lines: int = 40):
    out = tmp_path / "W20250331-007.pdf"
    pages = render_picking_list(picking_doc(lines, orders=150), out)
    return out, pages


def test_preview_shows_the_pages_and_moves_between_them(qtbot, tmp_path):
    path, pages = picking_pdf(tmp_path)
    assert pages >= 3
    dlg = show_pdf(None, path.read_bytes(), "拣货单 W20250331-007")
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    assert dlg.document.pageCount() == pages and dlg.page_count.text() == f"of {pages}"
    assert dlg.windowTitle() == "Preview — 拣货单 W20250331-007"
    assert dlg.page_spin.value() == 1 and not dlg.prev_action.isEnabled() and dlg.next_action.isEnabled()
    dlg.next_action.trigger()
    qtbot.waitUntil(lambda: dlg.page_spin.value() == 2, timeout=2000)
    dlg.page_spin.setValue(pages)
    qtbot.waitUntil(lambda: dlg.page() == pages - 1, timeout=2000)
    assert not dlg.next_action.isEnabled()
    dlg.set_zoom(1.0)
    dlg.zoom_step(1)
    assert dlg.zoom_factor() == 1.25 and dlg.zoom.currentText() == "125 %"
    dlg.zoom_step(-1)
    dlg.zoom_step(-1)
    assert dlg.zoom_factor() == 0.75
    # the station prints to the system default printer: a direct print button says so
    assert dlg.print_action.isVisible() and dlg.print_action.text() == "Print to the default printer"

    saved = dlg.save_to(tmp_path / "copy.pdf")
    assert saved.read_bytes() == path.read_bytes() and "Saved as" in dlg.message.text()
    dlg.close()


def test_printing_gives_the_same_pages_at_their_own_sizes(qtbot, tmp_path):
    path, pages = picking_pdf(tmp_path)
    out = tmp_path / "printed.pdf"
    assert print_pdf(path, printer=pdf_printer(out)) == pages
    assert page_sizes_mm(out) == [(210, 297)] * pages
    # the pages carry the document, not blank paper: dark pixels where the text and barcodes are
    printed = print_preview.load_pdf(out)
    for page in (0, pages - 1):
        dark = dark_pixels(printed.render(page, QSize(210, 297)))
        assert dark > 300, (page, dark)

    label = tmp_path / "label.pdf"
    render_shipping_label(label_doc(size="100x150"), label)
    out2 = tmp_path / "label-printed.pdf"
    assert print_pdf(label.read_bytes(), printer=pdf_printer(out2)) == 1
    assert page_sizes_mm(out2) == [(100, 150)]


def test_print_from_the_preview_runs_off_the_gui_thread(qtbot, tmp_path):
    path, pages = picking_pdf(tmp_path, lines=12)
    dlg = PrintPreview(path, "picking")
    qtbot.addWidget(dlg)
    out = tmp_path / "from-preview.pdf"
    job = dlg.print_to(pdf_printer(out))
    with qtbot.waitSignal(job.finished, timeout=20000) as sig:
        pass
    assert sig.args == [pages] and len(PdfReader(out).pages) == pages
    assert dlg.message.text() == f"{pages} page(s) sent to {out}."


def test_a_station_that_asks_each_time_has_no_direct_print_and_broken_pdfs_are_refused(qtbot, tmp_path):
    save_device_settings(DeviceSettings(a4_printer=ASK_EACH_TIME))
    path, _ = picking_pdf(tmp_path, lines=3)
    dlg = PrintPreview(path)
    qtbot.addWidget(dlg)
    assert not dlg.print_action.isVisible() and dlg.title == "W20250331-007"
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a PDF")
    try:
        print_preview.load_pdf(bad)
    except PdfLoadError as exc:
        assert "broken.pdf" in str(exc)
    else:
        raise AssertionError("a broken PDF was loaded")
    assert show_pdf(None, b"nonsense") is None
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "errorBox")
    assert "cannot read the PDF" in box.text()
    box.close()


def test_preview_in_chinese(qtbot, qapp, tmp_path):
    ui_app.install_translations(qapp, "zh_CN")
    path, pages = picking_pdf(tmp_path)
    dlg = PrintPreview(path.read_bytes(), "拣货单 W20250331-007")
    qtbot.addWidget(dlg)
    dlg.resize(900, 700)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.windowTitle() == "预览 — 拣货单 W20250331-007"
    assert dlg.page_count.text() == f"/ {pages} 页" and dlg.print_dialog_action.text() == "打印…"
    qtbot.waitUntil(lambda: dark_pixels(dlg.view.grab().toImage(), 3) > 100, timeout=5000)   # pages draw on a thread
    shot = tmp_path / "preview_zh.png"
    assert dlg.grab().save(str(shot))
