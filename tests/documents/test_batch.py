"""Many documents into one PDF: pages and per-document page numbers, progress, cancelling from
another thread (no file, not even a temporary one, and an older file at the target untouched), a
bad document named in the error, labels of two sizes in one file."""

from __future__ import annotations

import io
import queue
import re
import threading
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from erp_desktop.documents.barcodes import BarcodeError
from erp_desktop.documents.batch import BatchCancelled, render_batch
from erp_desktop.documents.invoice import render_invoice
from erp_desktop.domain.documents import DocumentLine
from tests.documents.test_invoice import EAN, invoice_doc, pdf_pages
from tests.documents.test_picking_list import picking_doc
from tests.documents.test_shipping_label_pdf import MM, label_doc


def invoices(n: int) -> list:
    # two of them run over more than one page
    return [invoice_doc(30 if i % 7 == 3 else 1 + i % 5, order_no=f"SO-2025-{i:06d}") for i in range(n)]


def test_invoices_into_one_pdf_each_numbered_on_its_own(tmp_path):
    out = tmp_path / "invoices.pdf"
    docs = invoices(15)
    seen: list[tuple[int, int]] = []
    pages = render_batch("invoice", docs, out, progress=lambda done, total: seen.append((done, total)))
    reader, texts = pdf_pages(out)
    each = [render_invoice(d, io.BytesIO()) for d in docs]        # the pages of each on its own
    assert each.count(1) == 13 and all(k > 1 for k in each if k != 1)
    assert pages == len(texts) == sum(each)
    assert seen == [(k, 15) for k in range(16)]
    numbers = [tuple(map(int, re.search(r"第 (\d+) / (\d+) 页", t).groups())) for t in texts]
    assert numbers == [(i, k) for k in each for i in range(1, k + 1)]
    # the documents in the order given, each starting on a page of its own
    firsts = [re.search(r"订单号\s*(SO-2025-\d{6})", t) for t in texts]
    assert [m.group(1) for m in firsts if m] == [d.order_no for d in docs]
    assert reader.metadata.title == "发货单"
    assert [p.name for p in tmp_path.iterdir()] == ["invoices.pdf"]


def test_cancel_from_another_thread_leaves_no_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "wave.pdf"
    out.write_bytes(b"%PDF- the previous print run")
    cancel, reached, resume = threading.Event(), threading.Event(), threading.Event()
    progress: queue.Queue[tuple[int, int]] = queue.Queue()
    result: list[BaseException | int] = []

    def on_progress(done: int, total: int) -> None:
        progress.put((done, total))
        if done == 3:                   # hold the worker here until the GUI thread has pressed cancel
            reached.set()
            resume.wait(10)

    def work() -> None:
        try:
            result.append(render_batch("picking_list", [picking_doc(8) for _ in range(20)], out,
                                       progress=on_progress, cancelled=cancel.is_set))
        except BaseException as e:
            result.append(e)

    worker = threading.Thread(target=work)
    worker.start()
    assert reached.wait(10)
    cancel.set()
    resume.set()
    worker.join(10)
    (err,) = result
    assert isinstance(err, BatchCancelled) and err.done == 3 and err.total == 20
    assert out.read_bytes() == b"%PDF- the previous print run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wave.pdf"]      # no .part file left
    reported = []
    while not progress.empty():
        reported.append(progress.get())
    assert reported == [(k, 20) for k in range(4)]


def test_cancel_into_a_binary_file_writes_nothing():
    buf = io.BytesIO()
    with pytest.raises(BatchCancelled):
        render_batch("invoice", invoices(5), buf, cancelled=lambda: True)
    assert buf.getvalue() == b""


def test_a_bad_document_is_named_and_nothing_is_written(tmp_path):
    out = tmp_path / "bad.pdf"
    docs = invoices(4)
    docs[2] = invoice_doc(order_no="SO-BAD", lines=(DocumentLine("SKU-1", "保温杯", D(1), barcode=EAN[:-1] + "3"),))
    with pytest.raises(BarcodeError) as e:
        render_batch("invoice", docs, out)
    assert "in document 3 of the batch (SO-BAD)" in e.value.__notes__
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="no documents"):
        render_batch("invoice", [], out)
    with pytest.raises(ValueError, match="kind must be one of"):
        render_batch("receipt", docs, out)
    assert list(tmp_path.iterdir()) == []


def test_labels_of_both_sizes_from_a_generator_into_a_binary_file():
    buf = io.BytesIO()
    seen: list[tuple[int, int]] = []
    sizes = ["100x180", "100x150", "100x180"]
    pages = render_batch("shipping_label", (label_doc(s, tracking_no=f"ZT{i:013d}") for i, s in enumerate(sizes)),
                         buf, progress=lambda d, t: seen.append((d, t)))
    reader = PdfReader(buf)
    assert pages == len(reader.pages) == 3
    assert [round(float(p.mediabox.height) / MM) for p in reader.pages] == [180, 150, 180]
    assert seen[-1] == (3, 0)                             # a generator has no length: total unknown
    assert "ZT0000000000001" in reader.pages[1].extract_text()
