"""Telling the shops what shipped: the 'confirm_shipment' job (one per shop; fulfil.ship_order asks
for it with every shipment) and shipment files for the shops that have no API.

API shops (Shopify, WooCommerce) get each shipped order confirmed through their adapter, once per
platform order it carries (a merged parcel confirms every order merged into it; a split part
confirms its own lines), with the carrier's name as that platform knows it and the first
parcel's tracking number.  The adapters are idempotent, so a confirmation sent again after a
failure changes nothing.  What the platform refuses for good (the order was cancelled there)
is marked failed with the reason; what failed for now (the platform is down, the credentials are
wrong) stays pending with its error and the job raises, so the job system tries again later
with backoff.

File shops (Taobao, JD, Pinduoduo, Douyin ...) get a shipment file in the platform's bulk-ship
format (order number, carrier, tracking number), written on demand (`write_shipment_file`, the
CLI's `shipment-file`) or, when the shop's settings name a folder ({"shipment_file": {"dir"}}),
appended to that day's file by the job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.channels.base import OrderChannel
from erp_desktop.domain.errors import NotFoundError
from erp_desktop.domain.orders import ChannelError, ShipmentConfirmation
from erp_desktop.services import channel_sync, jobs
from erp_desktop.services.orders import record_event

log = logging.getLogger(__name__)

KIND = "confirm_shipment"
# the platforms' bulk-ship (批量发货) upload columns: order number, carrier, tracking number
FILE_HEADERS = {
    "taobao": ("订单编号", "物流公司", "运单号"),
    "tmall": ("订单编号", "物流公司", "运单号"),
    "jd": ("订单号", "物流公司", "运单号"),
    "pdd": ("订单号", "快递公司", "快递单号"),
    "douyin": ("订单编号", "快递公司", "快递单号"),
}
DEFAULT_HEADERS = ("order-id", "carrier-name", "tracking-number")
SHOP_LEVEL_STATUSES = (401, 403)       # the shop's credentials or rights: not the order's fault


@dataclass(frozen=True)
class PendingConfirmation:
    order_id: int
    platform_order_nos: tuple[str, ...]
    carrier: str                        # as the shop's platform knows it
    tracking_no: str                    # the first parcel's
    line_ids: tuple[str, ...]           # a split part's own lines; () for the whole order
    shipped_at: dt.datetime | None


@dataclass(frozen=True)
class ConfirmSummary:
    confirmed: int                      # orders confirmed through the API
    exported: int                       # orders written to a shipment file
    failed: int                         # refused for good (marked failed with the reason)
    errors: tuple[str, ...] = ()        # failed for now: tried again by the job


def pending_confirmations(session: Session, shop_id: int) -> list[PendingConfirmation]:
    """The shop's shipped orders whose parcels the shop has not been told of, oldest first."""
    rows = session.execute(text(
        "SELECT o.id, o.platform_order_no, o.platform_order_nos, o.shipped_at, first.tracking_no, "
        "coalesce(c.platform_names ->> sh.platform_code, c.name) AS carrier, "
        "(o.split_from IS NOT NULL OR EXISTS (SELECT 1 FROM sales.\"order\" x WHERE x.split_from = o.id)) AS split, "
        "ARRAY(SELECT l.platform_line_id FROM sales.order_line l WHERE l.order_id = o.id "
        "      AND l.platform_line_id <> '' ORDER BY l.line_no) AS line_ids "
        "FROM sales.\"order\" o JOIN sales.shop sh ON sh.id = o.shop_id "
        "CROSS JOIN LATERAL (SELECT s.tracking_no, s.carrier_id FROM fulfil.shipment s WHERE s.order_id = o.id "
        "      AND s.status = 'shipped' ORDER BY s.parcel_no, s.id LIMIT 1) first "
        "JOIN fulfil.carrier c ON c.id = first.carrier_id "
        "WHERE o.shop_id = :s AND EXISTS (SELECT 1 FROM fulfil.shipment p WHERE p.order_id = o.id "
        "      AND p.status = 'shipped' AND p.confirm_state = 'pending') "
        "ORDER BY o.shipped_at, o.id"), {"s": shop_id}).all()
    return [PendingConfirmation(r.id, tuple(r.platform_order_nos or (r.platform_order_no,)), r.carrier, r.tracking_no,
                                tuple(r.line_ids) if r.split else (), r.shipped_at) for r in rows]


def _mark(session: Session, order_ids: Sequence[int], state: str, error: str | None = None) -> None:
    """The orders' pending parcels: told (confirmed, exported), refused for good (failed), or
    still pending with the last error."""
    session.execute(text(
        "UPDATE fulfil.shipment SET confirm_state = :st, confirm_error = :e, "
        "confirmed_at = CASE WHEN :st IN ('confirmed', 'exported') THEN now() END "
        "WHERE order_id = ANY(:o) AND status = 'shipped' AND confirm_state = 'pending'"),
        {"st": state, "e": error, "o": list(order_ids)})


def confirm_shipments(sessions: sessionmaker[Session], shop_id: int, channel: OrderChannel | None = None, *,
                      factory: Callable[[channel_sync.ShopApi], OrderChannel] | None = None) -> ConfirmSummary:
    """Tell one shop what shipped (see the module's docstring).  Raises when something failed for
    now, after doing what it could, so the job is tried again later."""
    with sessions() as s:
        shop = channel_sync.shop_api(s, shop_id)
        has_api = bool(s.execute(text("SELECT has_api FROM sales.platform WHERE code = :p"),
                                 {"p": shop.platform}).scalar())
        pending = pending_confirmations(s, shop_id)
    if not pending:
        return ConfirmSummary(0, 0, 0)
    if not (has_api and shop.settings.get("api")):
        folder = (shop.settings.get("shipment_file") or {}).get("dir")
        if not folder:
            return ConfirmSummary(0, 0, 0)        # they wait for `write_shipment_file`
        with sessions.begin() as s:
            exported = append_shipment_file(s, shop_id, Path(folder))
        return ConfirmSummary(0, exported, 0)
    channel = channel or (factory or channel_sync.make_channel)(shop)
    confirmed = failed = 0
    errors: list[str] = []
    for p in pending:
        try:
            for no in p.platform_order_nos:
                channel.confirm_shipment(ShipmentConfirmation(no, p.carrier, p.tracking_no, p.line_ids, p.shipped_at))
        except ChannelError as exc:
            if exc.transient or exc.status in SHOP_LEVEL_STATUSES:
                errors.append(f"order {p.order_id}: {exc}")
                with sessions.begin() as s:
                    s.execute(text("UPDATE fulfil.shipment SET confirm_error = :e WHERE order_id = :o "
                                   "AND confirm_state = 'pending'"), {"e": str(exc)[:2000], "o": p.order_id})
                if exc.status in SHOP_LEVEL_STATUSES:
                    break                          # every other order would fail the same way
                continue
            failed += 1
            with sessions.begin() as s:
                _mark(s, [p.order_id], "failed", str(exc)[:2000])
                record_event(s, p.order_id, "shop_confirm_failed", {"error": str(exc)[:500]})
            continue
        except Exception as exc:                   # the network, a bug in a payload: try again later
            log.warning("confirming order %s failed: %s", p.order_id, exc)
            errors.append(f"order {p.order_id}: {type(exc).__name__}: {exc}")
            continue
        confirmed += 1
        with sessions.begin() as s:
            _mark(s, [p.order_id], "confirmed")
            record_event(s, p.order_id, "shop_confirmed", {"tracking_no": p.tracking_no,
                                                           "platform_orders": list(p.platform_order_nos)})
    if errors:
        raise RuntimeError("; ".join(errors))
    return ConfirmSummary(confirmed, 0, failed)


# ---------------------------------------------------------------------------------------------
# shipment files
# ---------------------------------------------------------------------------------------------

def _file_rows(session: Session, shop_id: int) -> tuple[tuple[str, ...], list[tuple[str, str, str]], list[int]]:
    platform = session.execute(text("SELECT platform_code FROM sales.shop WHERE id = :s"), {"s": shop_id}).scalar()
    if platform is None:
        raise NotFoundError("shop", shop_id)
    pending = pending_confirmations(session, shop_id)
    rows = [(no, p.carrier, p.tracking_no) for p in pending for no in p.platform_order_nos]
    return FILE_HEADERS.get(platform, DEFAULT_HEADERS), rows, [p.order_id for p in pending]


def _csv(header: tuple[str, ...] | None, rows: Sequence[tuple[str, str, str]]) -> str:
    buf = io.StringIO()
    out = csv.writer(buf)
    if header:
        out.writerow(header)
    out.writerows(rows)
    return buf.getvalue()


def write_shipment_file(session: Session, shop_id: int, path: Path) -> int:
    """The shop's shipped orders it has not been told of, as its platform's bulk-ship file (CSV in
    UTF-8 with BOM, which the platforms' upload and Excel read); they count as told.  Returns the
    rows written (one per platform order)."""
    header, rows, order_ids = _file_rows(session, shop_id)
    path.write_text(_csv(header, rows), encoding="utf-8-sig", newline="")
    _mark(session, order_ids, "exported")
    return len(rows)


def append_shipment_file(session: Session, shop_id: int, folder: Path) -> int:
    """As write_shipment_file, appended to the day's file <shop>-shipments-<date>.csv in `folder`."""
    code = session.execute(text("SELECT code FROM sales.shop WHERE id = :s"), {"s": shop_id}).scalar_one()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}-shipments-{dt.date.today():%Y%m%d}.csv"
    header, rows, order_ids = _file_rows(session, shop_id)
    if not rows:
        return 0
    if path.exists():
        with path.open("a", encoding="utf-8", newline="") as fh:
            fh.write(_csv(None, rows))
    else:
        path.write_text(_csv(header, rows), encoding="utf-8-sig", newline="")
    _mark(session, order_ids, "exported")
    return len(rows)


# ---------------------------------------------------------------------------------------------
# the job
# ---------------------------------------------------------------------------------------------

@jobs.handler(KIND)
def _confirm_job(sessions: sessionmaker[Session], job: jobs.Job) -> None:
    confirm_shipments(sessions, int(job.key))


def _without_credentials(session: Session) -> list[str]:
    """The shops whose confirmations this PC cannot send (their credentials are on another PC)."""
    return [f"{KIND}:{item.split(':', 1)[1]}" for item in channel_sync.jobs_without_credentials(session)
            if item.startswith("pull_orders:")]


jobs.SKIPS.append(_without_credentials)
