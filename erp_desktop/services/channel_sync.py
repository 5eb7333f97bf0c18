"""Shops reached through their platform's API: pull orders, push stock (jobs 'pull_orders' and
'push_stock', services/jobs.py); and a stock file in a platform's bulk-update format for the
shops that are not.

Pulls resume exactly: each page's orders and the cursor after it are written in one transaction,
so a failed run keeps what it got and the next run starts at the page it did not get; the page
that ends a run leaves the platform's watermark as the shop's cursor.  New orders are reviewed by
the rules straight away.  Pushes take the SKUs whose stock changed (coalesced, sql/0009), let the
database compute each shop's share (sales.publish) and tell each API shop its figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop import config
from erp_desktop.channels.base import OrderChannel
from erp_desktop.channels.files import stock_file
from erp_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from erp_desktop.domain.orders import ParsedOrders, StockPush
from erp_desktop.services import jobs, order_review, orders

PULL_EVERY_MIN = 5          # default minutes between two pulls of an API shop


@dataclass(frozen=True)
class ShopApi:
    id: int
    code: str
    platform: str
    settings: dict
    cursor: str | None
    database: str              # the company database: its shops' credentials are kept apart


def shop_api(session: Session, shop_id: int) -> ShopApi:
    row = session.execute(text("SELECT id, code, platform_code, settings, pull_cursor, current_database() AS db "
                               "FROM sales.shop WHERE id = :s"), {"s": shop_id}).first()
    if row is None:
        raise NotFoundError("shop", shop_id)
    return ShopApi(row.id, row.code, row.platform_code, dict(row.settings or {}), row.pull_cursor, row.db)


ChannelFactory = Callable[[ShopApi], OrderChannel]


def make_channel(shop: ShopApi, secret: Mapping[str, Any] | None = None, **options: Any) -> OrderChannel:
    """The adapter of an API shop, from its settings ({"api": {"url", ...}}) and its credentials
    (the OS keyring unless given)."""
    api = shop.settings.get("api") or {}
    url = api.get("url")
    if not url:
        raise ValidationError([FieldError("api.url", "required", f"shop {shop.code} has no API address")])
    if secret is None:
        secret = config.get_shop_secret(shop.code, shop.database) or {}
    if shop.platform == "shopify":
        from erp_desktop.channels.shopify import ShopifyChannel
        return ShopifyChannel(url, secret.get("access_token", ""), location_id=api.get("location_id"), **options)
    if shop.platform == "woocommerce":
        from erp_desktop.channels.woocommerce import WooCommerceChannel
        return WooCommerceChannel(url, secret.get("consumer_key", ""), secret.get("consumer_secret", ""), **options)
    raise ValueError(f"platform {shop.platform!r} has no API adapter")


@dataclass(frozen=True)
class PullResult:
    pages: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    reviewed: order_review.ReviewSummary | None


def pull_orders(sessions: sessionmaker[Session], shop_id: int, channel: OrderChannel | None = None, *,
                max_pages: int = 100, review: bool = True) -> PullResult:
    """Fetch what changed since the shop's cursor, page by page, each page in its own transaction
    with the cursor after it.  A ChannelError stops the run; what was stored stays."""
    with sessions() as s:
        shop = shop_api(s, shop_id)
    channel = channel or make_channel(shop)
    cursor = shop.cursor
    pages = created = updated = unchanged = rejected = 0
    touched: list[int] = []
    while pages < max_pages:
        page = channel.fetch_orders(cursor)
        after = page.cursor if page.cursor is not None else (page.next_run or cursor)
        with sessions.begin() as s:
            summary = orders.import_orders(s, shop_id, ParsedOrders(list(page.orders), list(page.rejected)),
                                           source="api", cursor_before=cursor, cursor_after=after)
            s.execute(text("UPDATE sales.shop SET pull_cursor = :c, last_pull_at = now() WHERE id = :s"),
                      {"c": after, "s": shop_id})
        pages += 1
        created, updated = created + summary.created, updated + summary.updated
        unchanged, rejected = unchanged + summary.unchanged, rejected + summary.rejected
        touched += summary.order_ids
        cursor = after
        if page.cursor is None:
            break
    reviewed = None
    if review and touched:
        with sessions.begin() as s:
            reviewed = order_review.review_orders(s, touched)
    return PullResult(pages, created, updated, unchanged, rejected, reviewed)


@dataclass(frozen=True)
class PushSummary:
    skus: int
    pushed: int
    refused: int


def push_stock(sessions: sessionmaker[Session], channels: Mapping[int, OrderChannel] | None = None, *,
               batch: int = 500, factory: ChannelFactory | None = None) -> PushSummary:
    """Push the queued SKUs' shares to every active API shop that sells them.  A shop that cannot
    be reached gets its SKUs queued again (the job is tried again later) and the error raised."""
    skus_done = pushed = refused = 0
    failures: list[str] = []
    unsent: set[int] = set()
    while True:
        with sessions.begin() as s:
            skus = list(s.execute(text("SELECT sales.take_push_queue(:n)"), {"n": batch}).scalar_one())
            if not skus:
                break
            shares = s.execute(text("SELECT shop_id, sku_id, quantity FROM sales.publish(:k)"), {"k": skus}).all()
            targets = s.execute(text(
                "SELECT m.shop_id, m.sku_id, m.platform_sku, m.quantity FROM sales.sku_map m "
                "JOIN sales.shop sh ON sh.id = m.shop_id JOIN sales.platform p ON p.code = sh.platform_code "
                "WHERE sh.active AND p.has_api AND sh.settings ? 'api' AND m.sku_id = ANY(:k) "
                "ORDER BY m.shop_id, m.platform_sku"),
                {"k": skus}).all()
        skus_done += len(skus)
        share = {(r.shop_id, r.sku_id): r.quantity for r in shares}
        by_shop: dict[int, list[tuple[int, str, int]]] = {}
        for t in targets:
            units = int(share.get((t.shop_id, t.sku_id), 0) // t.quantity)    # a 2-pack sells half as many
            by_shop.setdefault(t.shop_id, []).append((t.sku_id, t.platform_sku, units))
        for shop_id, items in by_shop.items():
            try:
                channel = (channels or {}).get(shop_id)
                if channel is None:
                    with sessions() as s:
                        shop = shop_api(s, shop_id)
                    channel = (factory or make_channel)(shop)
                results = {res.platform_sku: res for res in channel.push_stock(
                    [StockPush(p, q) for _, p, q in items])}
            except Exception as exc:
                failures.append(f"shop {shop_id}: {exc}")
                unsent.update(k for k, _, _ in items)
                continue
            errors = [None if results.get(p) is None or results[p].ok else results[p].reason for _, p, _ in items]
            pushed += sum(e is None for e in errors)
            refused += sum(e is not None for e in errors)
            with sessions.begin() as s:
                s.execute(text("SELECT sales.record_push(:s, :k, :q, :e)"),
                          {"s": shop_id, "k": [k for k, _, _ in items], "q": [q for _, _, q in items],
                           "e": errors})
    if failures:          # queued again for the job's next try (not in this run: it would go round and round)
        with sessions.begin() as s:
            s.execute(text("SELECT sales.queue_push(:k)"), {"k": sorted(unsent)})
        raise RuntimeError("; ".join(failures))
    return PushSummary(skus_done, pushed, refused)


def write_stock_file(session: Session, shop_id: int, path: Path) -> int:
    """The shop's share of each of its SKUs, computed now (sales.publish), as the platform's bulk
    stock file (channels/files/stock_file: its columns, or the shop's own "stock_file" columns;
    .xlsx when the path says so, else CSV).  Returns the rows written."""
    session.execute(text("SELECT count(*) FROM sales.publish(ARRAY(SELECT sku_id FROM sales.sku_map "
                         "WHERE shop_id = :s))"), {"s": shop_id})
    shop = session.execute(text("SELECT platform_code, settings FROM sales.shop WHERE id = :s"),
                           {"s": shop_id}).one()
    rows = session.execute(text(
        "SELECT m.platform_sku, floor(coalesce(p.quantity, 0) / m.quantity)::int AS qty FROM sales.sku_map m "
        "LEFT JOIN sales.published p ON p.shop_id = m.shop_id AND p.sku_id = m.sku_id "
        "WHERE m.shop_id = :s ORDER BY m.platform_sku"), {"s": shop_id}).all()
    spec = (shop.settings or {}).get("stock_file") or {}
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    path.write_bytes(stock_file.stock_file(shop.platform_code, [(r.platform_sku, r.qty) for r in rows],
                                           columns=spec.get("columns"), fmt=fmt))
    return len(rows)


def publish_all(session: Session) -> int:
    """Recompute every shop's share of every mapped SKU (after rules changed)."""
    return len(session.execute(text("SELECT * FROM sales.publish(ARRAY(SELECT DISTINCT sku_id FROM sales.sku_map))"))
               .all())


# ---------------------------------------------------------------------------------------------
# job kinds
# ---------------------------------------------------------------------------------------------

@jobs.handler("pull_orders")
def _pull_job(sessions: sessionmaker[Session], job: jobs.Job) -> None:
    shop_id = int(job.key)
    try:
        pull_orders(sessions, shop_id)
    finally:          # the next pull is due whatever happened to this one
        with sessions.begin() as s:
            every = shop_api(s, shop_id).settings.get("pull_every_min", PULL_EVERY_MIN)
            jobs.request_job(s, "pull_orders", job.key,
                             run_at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=float(every)))


@jobs.handler("push_stock")
def _push_job(sessions: sessionmaker[Session], job: jobs.Job) -> None:
    push_stock(sessions)


@jobs.handler("retry_waiting")
def _retry_waiting_job(sessions: sessionmaker[Session], job: jobs.Job) -> None:
    with sessions.begin() as s:
        order_review.retry_waiting(s)


@jobs.handler("stock_file")
def _stock_file_job(sessions: sessionmaker[Session], job: jobs.Job) -> None:
    """A file shop's stock file written into its folder (settings "stock_file": {"dir", "every_min",
    "format", "columns"}), named <shop>-stock-<time>.csv (or .xlsx), then the next one scheduled."""
    shop_id = int(job.key)
    with sessions.begin() as s:
        shop = shop_api(s, shop_id)
        spec = shop.settings.get("stock_file") or {}
        if not spec.get("dir"):
            return
        folder = Path(spec["dir"])
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = "xlsx" if spec.get("format") == "xlsx" else "csv"
        write_stock_file(s, shop_id, folder / f"{shop.code}-stock-{stamp}.{suffix}")
        every = float(spec.get("every_min", 60))
        jobs.request_job(s, "stock_file", job.key, run_at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=every))


def jobs_without_credentials(session: Session) -> list[str]:
    """The jobs this machine cannot run: the pulls of API shops whose credentials are not in this
    PC's keyring (another PC holds them), and the stock push when it lacks any shop's."""
    missing = []
    for shop_id, code in session.execute(text(
            "SELECT s.id, s.code FROM sales.shop s JOIN sales.platform p ON p.code = s.platform_code "
            "WHERE s.active AND p.has_api AND s.settings ? 'api'")):
        try:
            found = config.get_shop_secret(code, session.execute(text("SELECT current_database()")).scalar_one())
        except config.KeyringUnavailable:
            found = None
        if not found:
            missing.append(f"pull_orders:{shop_id}")
    return [*missing, "push_stock:*"] if missing else []


jobs.SKIPS.append(jobs_without_credentials)


def schedule_pulls(session: Session) -> int:
    """A pull job for each active API shop, and a stock-file job for each shop with a stock-file
    folder, that has none waiting (run at start and by the worker).  Returns the jobs asked for."""
    n = 0
    for (shop_id,) in session.execute(text(
            "SELECT id FROM sales.shop WHERE active AND settings -> 'stock_file' ? 'dir'")):
        n += jobs.request_job(session, "stock_file", str(shop_id)) is not None
    for (shop_id,) in session.execute(text(
            "SELECT s.id FROM sales.shop s JOIN sales.platform p ON p.code = s.platform_code "
            "WHERE s.active AND p.has_api AND s.settings ? 'api'")):
        n += jobs.request_job(session, "pull_orders", str(shop_id)) is not None
    return n
