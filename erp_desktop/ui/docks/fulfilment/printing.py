"""Printing a batch of documents (picking lists, invoices 发货单, packing slips, shipping labels)
as ONE PDF off the GUI thread, with progress and cancel: the documents' data are read in one
session, then documents/batch.render_batch draws them, and the preview (ui/print_preview) shows
the PDF to print or save.  A cancel stops between two documents and leaves nothing behind
(render_batch hands out the PDF, or renames its temporary file over a target, only when complete).

The Orders dock prints its selection the same way (print_orders)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.orm import Session

from erp_desktop.documents.batch import BatchCancelled, render_batch
from erp_desktop.services import fulfilment
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.print_preview import show_pdf

translate = QCoreApplication.translate     # lupdate finds translate("fulfilment", "...")
SETTINGS = "fulfilment"

# kind -> how one document's data is read (from an order id, a wave id or a shipment id)
DOC_OF: dict[str, Callable[[Session, int], Any]] = {
    "invoice": fulfilment.invoice_doc,
    "packing_slip": lambda s, order_id: fulfilment.packing_slip_doc(s, order_id),
    "picking_list": fulfilment.picking_list,
    "shipping_label": fulfilment.reprint,        # a label printed again is counted
}
WRITES = ("shipping_label",)


def kind_title(kind: str) -> str:
    return {
        "invoice": translate("fulfilment", "Invoices (发货单)"),
        "packing_slip": translate("fulfilment", "Packing slips"),
        "picking_list": translate("fulfilment", "Picking lists"),
        "shipping_label": translate("fulfilment", "Shipping labels"),
    }.get(kind, kind)


def document_language() -> str:
    """The documents are printed in the language the app shows."""
    app = QApplication.instance()
    lang = str(app.property("erp_language") or "") if app is not None else ""
    return "zh_CN" if lang.startswith("zh") else "en"


@dataclass(frozen=True)
class Printed:
    path: Path | None              # the file written; None: shown in the preview
    documents: int
    pages: int
    preview: Any = None            # the preview window (ui/print_preview.PrintPreview)


def print_batch(parent: QWidget, ctx: AppContext, kind: str, ids: Sequence[int], *, file_name: str,
                path: str | Path | None = None, on_done: Callable[[Printed], None] | None = None,
                on_failed: Callable[[BaseException], None] | None = None) -> ops.Job | None:
    """Print the documents of `kind` for `ids` into one PDF: shown in the preview (to print or
    save from there), or with `path` written to that file.  `on_done(Printed)`; a cancel calls
    nothing and leaves no file.  Returns the job, None when there is nothing to print."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return None
    target, sessions, lang = (Path(path) if path is not None else None), ctx.sessions, document_language()
    read = DOC_OF[kind]
    writes = kind in WRITES

    def work(ctl: ops.JobControl) -> tuple[Printed, bytes]:
        total = 2 * len(ids)            # reading the data, then drawing
        docs = []
        out = io.BytesIO() if target is None else target
        with (sessions.begin() if writes else sessions()) as s:
            for i, key in enumerate(ids, start=1):
                ctl.check()
                docs.append(read(s, key))
                ctl.progress(i, total)
            ctl.check()                  # cancelled while reading: the labels are not counted
            try:
                pages = render_batch(kind, docs, out, lang=lang, cancelled=lambda: ctl.cancelled,
                                     progress=lambda done, _n: ctl.progress(len(ids) + done, total))
            except BatchCancelled:
                raise ops.Cancelled() from None
        return Printed(target, len(docs), pages), out.getvalue() if isinstance(out, io.BytesIO) else b""

    def finished(result: tuple[Printed, bytes]) -> None:
        printed, pdf = result
        if printed.path is None:
            printed = replace(printed, preview=show_pdf(parent, pdf, f"{kind_title(kind)} — {file_name}"))
        if on_done is not None:
            on_done(printed)

    label = translate("fulfilment", "Printing %1 (%2)…").replace("%1", kind_title(kind)).replace("%2", str(len(ids)))
    return ops.run_job(work, parent=parent, label=label, on_failed=on_failed, on_finished=finished)
