"""Many documents of one kind into ONE PDF, for printing a wave's worth at once.

    pages = render_batch("invoice", docs, "wave-007-invoices.pdf",
                         progress=lambda done, total: ..., cancelled=lambda: stop_requested)

Meant to run off the GUI thread: `progress(done, total)` is called before the first document and
after each one (total is 0 when `docs` has no len()), `cancelled()` is asked between documents.
A cancelled or failed batch raises (BatchCancelled, or the document's error with a note saying
which document) and leaves nothing behind: the PDF is written to a temporary file beside the
target and renamed over it only when complete, and a binary file target gets bytes only then.
Each document keeps its own page numbering ("第 1 / 2 页" of that invoice, not of the batch)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sized
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from erp_desktop.documents import invoice, packing_slip, picking_list, shipping_label
from erp_desktop.documents.a4 import Target, new_canvas

Drawer = Callable[..., int]

KINDS: dict[str, tuple[Drawer, dict[str, str]]] = {
    "invoice": (invoice.draw_invoice, {"zh_CN": "发货单", "en": "Invoices"}),
    "packing_slip": (packing_slip.draw_packing_slip, {"zh_CN": "装箱单", "en": "Packing slips"}),
    "picking_list": (picking_list.draw_picking_list, {"zh_CN": "拣货单", "en": "Picking lists"}),
    "shipping_label": (shipping_label.draw_shipping_label, {"zh_CN": "快递面单", "en": "Shipping labels"}),
}


class BatchCancelled(Exception):
    """The batch was cancelled between two documents; nothing was written."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"cancelled after {done} of {total or '?'} documents")
        self.done = done
        self.total = total


def _doc_name(doc: Any) -> str:
    for attr in ("order_no", "wave_no", "tracking_no"):
        if getattr(doc, attr, ""):
            return str(getattr(doc, attr))
    return ""


def _draw_all(c: Canvas, kind: str, docs: Iterable[Any], total: int, lang: str,
              progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool] | None) -> int:
    draw = KINDS[kind][0]
    pages = done = 0
    if progress is not None:
        progress(0, total)
    for doc in docs:
        if cancelled is not None and cancelled():
            raise BatchCancelled(done, total)
        try:
            pages += draw(c, doc, lang=lang)
        except Exception as e:
            e.add_note(f"in document {done + 1} of the batch ({_doc_name(doc)})")
            raise
        done += 1
        if progress is not None:
            progress(done, total)
    if cancelled is not None and cancelled():          # the last chance before anything is written
        raise BatchCancelled(done, total)
    if not done:
        raise ValueError("no documents to render")     # a PDF without pages is no PDF
    return pages


def render_batch(kind: str, docs: Iterable[Any], out: Target, *,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, lang: str = "zh_CN") -> int:
    """Render every document of `kind` ("invoice", "packing_slip", "picking_list", "shipping_label")
    into one PDF at `out` (a path or a binary file); returns the pages written.

    No documents at all is a ValueError (a PDF cannot have no pages), and nothing is written."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    total = len(docs) if isinstance(docs, Sized) else 0
    title = KINDS[kind][1]["zh_CN" if lang.lower().startswith("zh") else "en"]
    if isinstance(out, (str, os.PathLike)):
        dest = Path(out)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                c = new_canvas(f, title=title)
                pages = _draw_all(c, kind, docs, total, lang, progress, cancelled)
                c.save()
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        return pages
    with tempfile.TemporaryFile() as f:                # the caller's file gets the bytes only when complete
        c = new_canvas(f, title=title)
        pages = _draw_all(c, kind, docs, total, lang, progress, cancelled)
        c.save()
        f.seek(0)
        shutil.copyfileobj(f, out)
    return pages
