"""What the packing station does off the GUI thread: look up a scanned code, ship, print labels
and packing slips.  Plain functions of a session factory and plain data, run by the station on
thread pools of its own (ui/ops.run_job), so a slow printer or a dropped database connection
never freezes the screen.  Each database call is one short transaction."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.devices import printers
from erp_desktop.devices.labels import LAYOUTS, render_tspl, render_zpl
from erp_desktop.devices.printers import PrinterConfig
from erp_desktop.documents.batch import render_batch
from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.documents import PackingSlipDoc, ShippingLabelDoc
from erp_desktop.domain.errors import NotFoundError
from erp_desktop.services import catalog_queries, fulfilment
from erp_desktop.services.fulfilment import PackOrder, Parcel, ShipmentInfo, ShipResult
from erp_desktop.services.tx import run_in_transaction
from erp_desktop.ui.print_preview import make_printer, print_pdf

Sessions = sessionmaker[Session]
VOID_REASON = "voided at the packing station"


@dataclass(frozen=True)
class SlipOutput:
    """Where packing slips go: a system printer (by its name; "" the default one) through
    QPrinter (ui/print_preview), or PDF files in a folder (a shared folder a print server watches, or tests)."""

    printer: str | None = None     # None: not to a printer
    folder: str = ""               # "": not to a folder

    @property
    def enabled(self) -> bool:
        return self.printer is not None or bool(self.folder)


# ---------------------------------------------------------------------------------------------
# looking up what was scanned
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lookup:
    """What a scanned code is.  kind: "order" (found, `order`), "stopped" (an order that must not
    be packed, `error` says why), "nothing" (the wave has no order left, for that item),
    "sku" (an item of the catalog: `sku_code`, `sku_name`), "unknown"."""

    kind: str
    code: str
    order: PackOrder | None = None
    error: Exception | None = None
    sku_code: str = ""
    sku_name: str = ""
    by_wave: str = ""             # the order came from this wave (scanned, or the one being packed)
    by_tracking_no: str = ""      # the order was found by this parcel's tracking number


def _sku(session: Session, code: str) -> tuple[str, str] | None:
    sku_id = catalog_queries.find_sku_by_barcode(session, code.strip())
    if sku_id is None:
        return None
    row = catalog_queries.get_sku_rows(session, [sku_id]).get(sku_id)
    return None if row is None else (row.code, f"{row.name} {row.spec or ''}".strip())


def _tracking_no(order: PackOrder, code: str) -> str:
    wanted = (f.clean_tracking_no(code) or "").upper()
    return next((s.tracking_no for s in order.shipments if s.tracking_no.upper() == wanted), "")


def look_up(sessions: Sessions, code: str, wave: str = "") -> Lookup:
    """An order to pack from a scanned code (a wave, our order code, a platform order number, a
    tracking number), or in the wave being packed the next order that wants the item scanned; else
    whether the code is an item at all."""
    with sessions() as s:
        try:
            order = fulfilment.find_for_packing(s, code)
        except f.OrderStoppedError as exc:
            return Lookup("stopped", code, error=exc)
        except f.NothingToPackError as exc:
            return Lookup("nothing", code, error=exc)
        except NotFoundError:
            pass
        else:
            is_wave = bool(order.wave_no) and code.strip().upper() == order.wave_no.upper()
            return Lookup("order", code, order, by_wave=order.wave_no if is_wave else "",
                          by_tracking_no=_tracking_no(order, code))
        sku = _sku(s, code)
        if wave and sku is not None:
            try:
                return Lookup("order", code, fulfilment.find_in_wave(s, wave, code), by_wave=wave)
            except f.NothingToPackError as exc:
                return Lookup("nothing", code, error=exc, sku_code=sku[0], sku_name=sku[1])
            except NotFoundError:
                pass
        if sku is not None:
            return Lookup("sku", code, sku_code=sku[0], sku_name=sku[1])
        return Lookup("unknown", code)


def classify(sessions: Sessions, code: str) -> Lookup:
    """A code that is no item of the order in hand: another item of the catalog, another order,
    or unknown."""
    with sessions() as s:
        sku = _sku(s, code)
        if sku is not None:
            return Lookup("sku", code, sku_code=sku[0], sku_name=sku[1])
        try:
            order = fulfilment.find_for_packing(s, code)
        except f.OrderStoppedError as exc:
            return Lookup("stopped", code, error=exc)
        except (NotFoundError, f.NothingToPackError):
            return Lookup("unknown", code)
        return Lookup("order", code, order, by_tracking_no=_tracking_no(order, code))


def reload_order(sessions: Sessions, order_id: int) -> PackOrder | f.OrderStoppedError:
    """The order as it is now, or why it must not be packed any more (a live update said it changed)."""
    with sessions() as s:
        try:
            return fulfilment.pack_order(s, order_id)
        except f.OrderStoppedError as exc:
            return exc


# ---------------------------------------------------------------------------------------------
# shipping
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelJob:
    shipment: ShipmentInfo
    doc: ShippingLabelDoc


@dataclass(frozen=True)
class Shipped:
    result: ShipResult
    order: PackOrder                   # after shipping: status shipped, its parcels
    labels: tuple[LabelJob, ...]       # to print (nothing when a replay finds them printed)
    slips: tuple[PackingSlipDoc, ...]


def ship(sessions: Sessions, order_id: int, parcels: Sequence[Parcel], packer: str | None, pack_id: uuid.UUID,
         slips: bool) -> Shipped:
    """Ship the pack (idempotent on `pack_id`) and read what is printed for it, in one transaction.
    A parcel that came with a pre-printed label's number gets no label printed."""
    preprinted = {p.tracking_no for p in parcels if p.tracking_no}

    def work(s: Session) -> Shipped:
        result = fulfilment.ship_order(s, order_id, parcels, packer, pack_id)
        live = [x for x in result.shipments if x.status == "shipped"]
        printed = result.replayed and any(x.labels_printed for x in live)
        labels = () if printed else tuple(LabelJob(x, fulfilment.shipping_label_doc(s, x.id)) for x in live
                                          if x.tracking_no not in preprinted)
        slip_docs = tuple(fulfilment.packing_slip_doc(s, order_id, x.id) for x in live) if slips and not printed \
            else ()
        return Shipped(result, fulfilment.pack_order(s, order_id, stop=False), labels, slip_docs)

    return run_in_transaction(sessions, work)


def label_jobs(sessions: Sessions, shipment_ids: Sequence[int]) -> tuple[LabelJob, ...]:
    """The labels of live parcels, to print again (a voided one is not printed)."""
    with sessions() as s:
        out = []
        for sid in shipment_ids:
            info = fulfilment.shipment_info(s, sid)
            if info.status != "shipped":
                raise f.LabelVoidedError(info.tracking_no)
            out.append(LabelJob(info, fulfilment.shipping_label_doc(s, sid)))
        return tuple(out)


def count_prints(sessions: Sessions, shipment_ids: Sequence[int]) -> None:
    if shipment_ids:
        run_in_transaction(sessions, lambda s: [fulfilment.label_printed(s, sid) for sid in shipment_ids])


@dataclass(frozen=True)
class Voided:
    voided: tuple[str, ...]                # tracking numbers voided
    replacements: tuple[LabelJob, ...]     # the new labels (relabel)
    order: PackOrder


def void(sessions: Sessions, shipment_ids: Sequence[int], replace: bool) -> Voided:
    def work(s: Session) -> Voided:
        voided, new = [], []
        order_id = None
        for sid in shipment_ids:
            info = fulfilment.shipment_info(s, sid)
            order_id = info.order_id
            made = fulfilment.void_shipment(s, sid, VOID_REASON, replace=replace)
            voided.append(info.tracking_no)
            if made is not None:
                new.append(LabelJob(made, fulfilment.shipping_label_doc(s, made.id)))
        if order_id is None:
            raise NotFoundError("shipment", "")
        return Voided(tuple(voided), tuple(new), fulfilment.pack_order(s, order_id, stop=False))

    return run_in_transaction(sessions, work)


# ---------------------------------------------------------------------------------------------
# printing
# ---------------------------------------------------------------------------------------------

def render_label(doc: ShippingLabelDoc, cfg: PrinterConfig) -> bytes:
    """The label in the printer's language, in the carrier's layout; a layout made for the other
    label size gives way to that size's default (a carrier left at sql/0012's defaults has the
    100 x 150 layout "standard" with 100 x 180 labels)."""
    layout = str(doc.extra.get("layout") or "") or None
    if layout in LAYOUTS and LAYOUTS[layout].size != doc.size:
        layout = None
    if cfg.language == "tspl":
        return render_tspl(doc, dpi=cfg.dpi, cjk=cfg.cjk, layout=layout)
    return render_zpl(doc, dpi=cfg.dpi, cjk=cfg.cjk, layout=layout, cjk_font=cfg.cjk_font)


@dataclass(frozen=True)
class Printed:
    shipment_ids: tuple[int, ...]          # labels the printer took
    error: Exception | None = None         # the first failure (the rest were not tried)


def print_labels(cfg: PrinterConfig, jobs: Sequence[LabelJob], timeout: float = 10.0) -> Printed:
    done: list[int] = []
    for job in jobs:
        try:
            printers.send(cfg, render_label(job.doc, cfg), timeout=timeout)
        except Exception as exc:
            return Printed(tuple(done), exc)
        done.append(job.shipment.id)
    return Printed(tuple(done))


def _slip_name(doc: PackingSlipDoc, when: dt.datetime) -> str:
    safe = re.sub(r"[^0-9A-Za-z_.-]+", "_", f"{doc.order_no}-{doc.parcel_no}-{doc.tracking_no}")
    return f"{when:%Y%m%d-%H%M%S}-{safe}.pdf"


def output_slips(out: SlipOutput, docs: Sequence[PackingSlipDoc]) -> list[Path]:
    """The packing slips as one PDF each into the folder, and/or printed; returns the files written."""
    if not docs or not out.enabled:
        return []
    now = dt.datetime.now()
    written = []
    if out.folder:
        folder = Path(out.folder)
        folder.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            path = folder / _slip_name(doc, now)
            render_batch("packing_slip", [doc], path)
            written.append(path)
    if out.printer is not None:
        with tempfile.TemporaryDirectory(prefix="erp-slip-") as tmp:
            path = Path(tmp) / "slips.pdf"
            render_batch("packing_slip", list(docs), path)
            print_pdf(path, printer=make_printer(out.printer))
    return written
