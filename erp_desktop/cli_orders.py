"""`erp-desktop import orders`, `orders ...`, `shop ...` and `worker`: the order desk from the command
line, for cron and scripts, and the headless job runner.

    erp-desktop import orders --shop CODE [--format F] FILE...   an export file: imported, reviewed by the rules
    erp-desktop orders list [--status S] [--shop CODE] [--search TEXT] [--limit N]
    erp-desktop orders show NO [--shop CODE]                      lines, problems, timeline
    erp-desktop orders review                                    the rules again over the open orders
    erp-desktop orders approve|hold|cancel NO... [--shop CODE] [--reason TEXT]
    erp-desktop shop list | add CODE --name NAME --platform P [--api-url URL] [--location-id N]
    erp-desktop shop secret CODE | pull CODE | stock-file CODE FILE | map CODE PLATFORM_SKU SKU [--quantity N]
    erp-desktop shop mapping CODE MAPPING.json                   the columns of a file no platform writes
    erp-desktop worker [--once] [--interval S]                   background jobs, headless

Exit codes: 0 done; 1 refused in part (rejected rows, orders that could not be approved, a
platform error); 2 nothing done (unknown shop or order, a file that cannot be read).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import signal
import sys
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import text

from erp_desktop import bootstrap

log = logging.getLogger("erp_desktop.worker")

FILE_FORMATS = ("taobao", "tmall", "jd", "pdd", "douyin", "generic")
SECRET_FIELDS = {          # what make_channel reads from the keyring, per platform with an API adapter
    "shopify": (("access_token", "Admin API access token"),),
    "woocommerce": (("consumer_key", "Consumer key"), ("consumer_secret", "Consumer secret")),
}


class CliFailure(Exception):
    """A command that cannot go on: the message for the user and the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise SystemExit(f"erp-desktop: not a number: {value!r}") from None


def add_commands(sub) -> None:
    from erp_desktop.domain.orders import ORDER_STATES

    imp = sub.add_parser("import", help="import orders from the platforms' export files")
    ims = imp.add_subparsers(dest="import_command", required=True)
    io = ims.add_parser("orders", help="import order export files into a shop (re-imports never duplicate)")
    io.add_argument("--shop", required=True, metavar="CODE")
    io.add_argument("--format", choices=FILE_FORMATS, help="default: told by the files' headers; generic: the "
                                                          "shop's saved column mapping")
    io.add_argument("files", nargs="+", type=Path, metavar="FILE")

    orders = sub.add_parser("orders", help="the order desk: list, show, review, approve, hold, cancel")
    os_ = orders.add_subparsers(dest="orders_command", required=True)
    ls = os_.add_parser("list", help="orders, newest payment first")
    ls.add_argument("--status", choices=ORDER_STATES)
    ls.add_argument("--shop", metavar="CODE")
    ls.add_argument("--search", default="", metavar="TEXT", help="order number, phone, buyer or tracking number")
    ls.add_argument("--limit", type=int, default=50)
    sh = os_.add_parser("show", help="one order with its lines, problems and timeline")
    sh.add_argument("number", metavar="NO")
    sh.add_argument("--shop", metavar="CODE")
    os_.add_parser("review", help="run the review rules again over the open orders in review")
    for name, help_ in (("approve", "approve orders: their stock is reserved (short stock: they wait)"),
                        ("hold", "put orders back to review with a reason"),
                        ("cancel", "cancel orders; reserved stock goes back")):
        c = os_.add_parser(name, help=help_)
        c.add_argument("numbers", nargs="+", metavar="NO")
        c.add_argument("--shop", metavar="CODE")
        if name != "approve":
            c.add_argument("--reason", default=f"{'held' if name == 'hold' else 'cancelled'}_by_user")

    shop = sub.add_parser("shop", help="shops: add, credentials, pull, stock file, SKU mapping")
    ss = shop.add_subparsers(dest="shop_command", required=True)
    ss.add_parser("list", help="every shop with its platform")
    add = ss.add_parser("add", help="add a shop (a seller account on a platform)")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--platform", required=True, help="taobao, tmall, jd, pdd, douyin, shopify, woocommerce, ...")
    add.add_argument("--api-url", metavar="URL", help="the shop's API address (Shopify, WooCommerce)")
    add.add_argument("--location-id", type=int, metavar="N", help="Shopify: the location whose stock it sells")
    sec = ss.add_parser("secret", help="store the shop's API credentials in the system keyring")
    sec.add_argument("code")
    sec.add_argument("--stdin", action="store_true", help="read them from stdin, one per line")
    pull = ss.add_parser("pull", help="pull the shop's new and changed orders from its API now")
    pull.add_argument("code")
    sf = ss.add_parser("stock-file", help="write what the shop may sell as its platform's bulk stock file")
    sf.add_argument("code")
    sf.add_argument("file", type=Path)
    mp = ss.add_parser("map", help="the shop's SKU is QUANTITY of ours; open orders waiting on it are fixed")
    mp.add_argument("code")
    mp.add_argument("platform_sku")
    mp.add_argument("sku", help="our SKU code or barcode")
    mp.add_argument("--quantity", type=_decimal, default=Decimal(1))
    cm = ss.add_parser("mapping", help="save the column mapping ({\"order_no\": \"header\", ...}) the shop's "
                                       "files are read with when no platform format fits")
    cm.add_argument("code")
    cm.add_argument("file", type=Path, metavar="MAPPING.json")

    wk = sub.add_parser("worker", help="run background jobs (shop pulls, stock pushes, waiting orders) headless")
    wk.add_argument("--once", action="store_true", help="run what is due and exit (for cron)")
    wk.add_argument("--interval", type=float, default=10.0, metavar="S", help="seconds between rounds (default 10)")


# -- look-ups -------------------------------------------------------------------------------------

def _shop(session, code: str):
    from erp_desktop.services import order_lookup

    for shop in order_lookup.list_order_shops(session):
        if shop.code.lower() == code.lower():
            return shop
    raise CliFailure(f"no shop {code!r} (erp-desktop shop list)")


def _order_ids(session, numbers: list[str], shop_code: str | None) -> dict[int, str]:
    """Order id -> number for platform order numbers (unique per shop: --shop when two shops have one)."""
    shop_id = _shop(session, shop_code).id if shop_code else None
    rows = session.execute(text(
        "SELECT o.id, o.platform_order_no, s.code FROM sales.\"order\" o JOIN sales.shop s ON s.id = o.shop_id "
        "WHERE o.platform_order_no = ANY(:n) AND (CAST(:s AS integer) IS NULL OR o.shop_id = :s)"),
        {"n": numbers, "s": shop_id}).all()
    found: dict[str, list] = {}
    for r in rows:
        found.setdefault(r.platform_order_no, []).append(r)
    missing = [n for n in numbers if n not in found]
    if missing:
        raise CliFailure(f"no order {', '.join(missing)}" + (f" in shop {shop_code}" if shop_code else ""))
    twice = {n: [r.code for r in rs] for n, rs in found.items() if len(rs) > 1}
    if twice:
        n, codes = next(iter(twice.items()))
        raise CliFailure(f"order {n} is in shops {', '.join(codes)}: say which with --shop")
    return {rs[0].id: n for n, rs in found.items()}


def _when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _review_line(r) -> str:
    return (f"reviewed by the rules: approved {len(r.approved)}, waiting for stock {len(r.waiting)}, "
            f"held {len(r.held)}, rejected {len(r.rejected)}")


# -- import orders --------------------------------------------------------------------------------

def _file_format(fmt: str | None, paths: list[Path], shop, settings: dict):
    """(platform, column mapping or None) the files are read with: the format given, else the one
    the headers tell, else the shop's saved column mapping."""
    from erp_desktop.channels.files import ColumnMapping, detect_format, suggest_mapping
    from erp_desktop.channels.tabular import TableError, read_headers

    detected = detect_format(paths) if fmt is None else None
    if fmt is not None and fmt != "generic":
        return fmt, None
    if detected is not None:
        platform = shop.platform if detected == "taobao" and shop.platform in ("taobao", "tmall") else detected
        if platform != shop.platform:
            raise CliFailure(f"the files are a {platform} export, but shop {shop.code} is on {shop.platform}: "
                             f"pass --format {platform} to import them into it anyway")
        return platform, None
    saved = settings.get("column_mapping")
    if saved:
        try:
            return shop.platform, ColumnMapping.from_json(saved)
        except ValueError as exc:
            raise CliFailure(f"the saved column mapping of shop {shop.code} is not usable: {exc}") from None
    try:
        suggestion = json.dumps(suggest_mapping(read_headers(paths[0])[1]).to_json(), ensure_ascii=False)
    except TableError as exc:
        raise CliFailure(f"cannot read {paths[0].name}: {exc.detail}") from None
    what = "has no saved column mapping" if fmt == "generic" else "is not an order export of a platform we know"
    raise CliFailure(f"{paths[0].name if fmt is None else 'shop ' + shop.code} {what}: save the columns for shop "
                     f"{shop.code} with `erp-desktop shop mapping {shop.code} MAPPING.json`, e.g. as its headers "
                     f"suggest: {suggestion}")


def _import(args, conn) -> int:
    from erp_desktop.channels.files import parse_order_files
    from erp_desktop.channels.tabular import TableError
    from erp_desktop.services import channel_sync, order_review, orders

    paths = [Path(p) for p in args.files]
    for p in paths:
        if not p.is_file():
            raise CliFailure(f"cannot read {p}: no such file")
    sessions = conn.ctx.sessions
    with sessions() as s:
        shop = _shop(s, args.shop)
        settings = channel_sync.shop_api(s, shop.id).settings
    platform, mapping = _file_format(args.format, paths, shop, settings)
    try:
        parsed = parse_order_files(platform, paths, mapping)
    except (TableError, OSError) as exc:
        detail = exc.detail if isinstance(exc, TableError) else str(exc)
        raise CliFailure(f"cannot read {', '.join(p.name for p in paths)}: {detail}") from None
    names = ", ".join(p.name for p in paths)
    with sessions.begin() as s:
        summary = orders.import_orders(s, shop.id, parsed, source="file", file_name=names[:200])
    print(f"{names} -> shop {shop.code} ({platform if mapping is None else 'column mapping'}): "
          f"created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}, "
          f"skipped {summary.skipped} (not paid yet), rejected {summary.rejected}")
    if summary.order_ids:
        with sessions.begin() as s:
            print(_review_line(order_review.review_orders(s, summary.order_ids)))
    if summary.errors:
        print("rejected rows (file, row, column: reason, detail):")
        for e in summary.errors:
            where = f"{e.file or names} row {e.row}"
            order = f" [order {e.order_no}]" if e.order_no else ""
            print(f"  {where}, {e.field}: {e.reason}" + (f" ({e.detail})" if e.detail else "") + order)
    return 1 if summary.rejected else 0


# -- orders ---------------------------------------------------------------------------------------

def _list(args, conn) -> int:
    from erp_desktop.services import order_queries

    with conn.ctx.sessions() as s:
        shop_id = _shop(s, args.shop).id if args.shop else None
        flt = order_queries.OrderFilter(status=args.status, shop_id=shop_id, text=args.search)
        rows = order_queries.list_orders(s, flt, limit=args.limit)
    print(f"{'order':24} {'shop':14} {'status':28} {'paid':16} {'receiver':10} {'amount':>10} {'lines':>5}")
    for r in rows:
        status = r.status + (f" ({r.hold_reason})" if r.hold_reason else "")
        print(f"{r.platform_order_no:24} {r.shop[:14]:14} {status[:28]:28} {_when(r.paid_at):16} "
              f"{r.receiver_name[:10]:10} {r.paid_amount:>10.2f} {r.lines:>5}")
    print(f"{len(rows)} orders" + (" (more with --limit)" if len(rows) == args.limit else ""))
    return 0


def _show(args, conn) -> int:
    from erp_desktop.services import order_queries

    with conn.ctx.sessions() as s:
        [order_id] = _order_ids(s, [args.number], args.shop)
        d = order_queries.order_detail(s, order_id)
    if d is None:
        raise CliFailure(f"no order {args.number}")
    r = d.row
    print(f"order {r.platform_order_no} · {r.shop} ({r.platform}) · {r.status}"
          + (f" ({r.hold_reason})" if r.hold_reason else ""))
    print(f"paid {_when(r.paid_at)}: {r.paid_amount:.2f} {r.currency} (goods {d.goods_amount:.2f}, "
          f"shipping {d.shipping_fee:.2f}, discount {d.discount:.2f})")
    print(f"buyer {d.buyer_id or r.buyer_name or '-'} · receiver {r.receiver_name} {r.receiver_phone} · "
          f"{r.province} {r.city} {d.district} {d.address_detail}".rstrip())
    print(f"warehouse {r.warehouse or '-'} · carrier {r.carrier or '-'} · handler {r.handler or '-'}"
          + (f" · rule {r.rule}" if r.rule else ""))
    if r.buyer_message or r.seller_memo:
        print(f"buyer message: {r.buyer_message or '-'} · seller memo: {r.seller_memo or '-'}")
    if d.problems:
        print("problems:")
        for p in d.problems:
            print(f"  {p.get('field')}: {p.get('code')}" + (f" ({p['detail']})" if p.get("detail") else ""))
    print("lines:")
    for ln in d.lines:
        ours = f"{ln.sku_code} x{_qty(ln.sku_quantity)}" if ln.sku_code else "not mapped"
        print(f"  {ln.line_no:>2} {ln.platform_sku or '-':16} {ln.title[:30]:30} x{_qty(ln.quantity)} "
              f"{ln.amount:>9.2f} -> {ours}" + (" (reserved)" if ln.reserved else "")
              + (f" [{ln.platform_status}]" if ln.platform_status not in ("", "paid") else ""))
    print("timeline:")
    for e in d.events:
        detail = json.dumps(e.detail, ensure_ascii=False, default=str) if e.detail else ""
        print(f"  {_when(e.at)} {e.actor:12} {e.kind:18} {detail[:100]}")
    return 0


def _review(args, conn) -> int:
    from erp_desktop.services import order_review

    with conn.ctx.sessions.begin() as s:
        summary = order_review.reapply_rules(s)
    print(_review_line(summary))
    return 0


def _workflow(args, conn) -> int:
    from erp_desktop.services import orders

    with conn.ctx.sessions.begin() as s:
        ids = _order_ids(s, list(dict.fromkeys(args.numbers)), args.shop)
        if args.orders_command == "approve":
            res = orders.approve_orders(s, ids)
        else:
            step = orders.hold_orders if args.orders_command == "hold" else orders.cancel_orders
            changed = step(s, ids, args.reason)
    if args.orders_command != "approve":
        print(f"{args.orders_command}: {changed} of {len(ids)} order(s) ({args.reason})")
        if changed < len(ids):
            print("the others are picked, shipped or cancelled already")
        return 0 if changed == len(ids) else 1
    print(f"approved: {', '.join(ids[i] for i in res.approved) or '-'}")
    if res.waiting:
        print(f"waiting for stock: {', '.join(ids[i] for i in res.waiting)}")
    if res.refused:
        print(f"refused: {', '.join(f'{ids[i]} ({why})' for i, why in res.refused)}")
    return 1 if res.refused else 0


# -- shops ----------------------------------------------------------------------------------------

def _shop_list(args, conn) -> int:
    from erp_desktop.services import order_lookup

    with conn.ctx.sessions() as s:
        shops = order_lookup.list_order_shops(s)
        settings = dict(s.execute(text("SELECT id, settings FROM sales.shop")).all())
    for sh in shops:
        api = (settings.get(sh.id) or {}).get("api", {}).get("url", "")
        print(f"{sh.code:12} {sh.name[:20]:20} {sh.platform:12} {'active' if sh.active else 'inactive':8} {api}")
    return 0


def _shop_add(args, conn) -> int:
    api = {k: v for k, v in (("url", args.api_url), ("location_id", args.location_id)) if v is not None}
    with conn.ctx.sessions.begin() as s:
        platforms = dict(s.execute(text("SELECT code, has_api FROM sales.platform")).all())
        if args.platform not in platforms:
            raise CliFailure(f"no platform {args.platform!r}: one of {', '.join(sorted(platforms))}")
        if api and not platforms[args.platform]:
            raise CliFailure(f"{args.platform} shops are imported from files here: they have no API address")
        if s.execute(text("SELECT 1 FROM sales.shop WHERE lower(code) = lower(:c)"), {"c": args.code}).first():
            raise CliFailure(f"shop {args.code!r} exists already", 1)
        s.execute(text("INSERT INTO sales.shop (code, name, platform_code, settings) VALUES (:c, :n, :p, "
                       "CAST(:st AS jsonb))"),
                  {"c": args.code, "n": args.name, "p": args.platform,
                   "st": json.dumps({"api": api} if api else {})})
    print(f"shop {args.code} added ({args.platform})")
    if api:
        print(f"store its credentials with `erp-desktop shop secret {args.code}`; the worker then pulls its orders")
    return 0


def _shop_secret(args, conn) -> int:
    from erp_desktop import config
    from erp_desktop.services import channel_sync

    with conn.ctx.sessions() as s:
        shop = channel_sync.shop_api(s, _shop(s, args.code).id)
    fields = SECRET_FIELDS.get(shop.platform)
    if fields is None:
        raise CliFailure(f"{shop.platform} has no API adapter: shop {shop.code}'s orders come as files")
    secret = {}
    for key, label in fields:
        value = (sys.stdin.readline().rstrip("\n") if args.stdin
                 else getpass.getpass(f"{label} of shop {shop.code}: ")).strip()
        if not value:
            raise CliFailure(f"no {label.lower()} given: nothing stored")
        secret[key] = value
    try:
        config.set_shop_secret(shop.code, shop.database, secret)
    except config.KeyringUnavailable as exc:
        raise CliFailure(f"this machine has no keyring to keep the credentials in ({exc}); on a server "
                         "without one, install keyrings.alt and set PYTHON_KEYRING_BACKEND") from None
    print(f"credentials of shop {shop.code} stored in the system keyring")
    return 0


def _shop_pull(args, conn) -> int:
    from erp_desktop.services import channel_sync

    with conn.ctx.sessions() as s:
        shop = _shop(s, args.code)
    try:
        res = channel_sync.pull_orders(conn.ctx.sessions, shop.id)
    except ValueError as exc:          # a platform without an API adapter
        raise CliFailure(str(exc)) from None
    print(f"pulled {res.pages} page(s) from shop {shop.code}: created {res.created}, updated {res.updated}, "
          f"unchanged {res.unchanged}, rejected {res.rejected}")
    if res.reviewed is not None:
        print(_review_line(res.reviewed))
    return 1 if res.rejected else 0


def _shop_stock_file(args, conn) -> int:
    from erp_desktop.services import channel_sync

    with conn.ctx.sessions.begin() as s:
        shop = _shop(s, args.code)
        s.execute(text("SELECT count(*) FROM sales.publish(ARRAY(SELECT sku_id FROM sales.sku_map "
                       "WHERE shop_id = :s))"), {"s": shop.id})
        n = channel_sync.write_stock_file(s, shop.id, args.file)
    print(f"{n} SKUs of shop {shop.code} written to {args.file}")
    return 0


def _shop_map(args, conn) -> int:
    from erp_desktop.services import orders, stock_reference

    with conn.ctx.sessions.begin() as s:
        shop = _shop(s, args.code)
        sku = stock_reference.find_sku(s, args.sku)
        if sku is None:
            raise CliFailure(f"no SKU with the code or barcode {args.sku!r}")
        fixed = orders.map_platform_sku(s, shop.id, args.platform_sku, sku.id, args.quantity)
    print(f"{shop.code} {args.platform_sku} = {_qty(args.quantity)} x {args.sku}; {len(fixed)} open order(s) updated")
    return 0


def _shop_mapping(args, conn) -> int:
    from erp_desktop.channels.files import ColumnMapping

    try:
        mapping = ColumnMapping.from_json(json.loads(args.file.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError) as exc:
        raise CliFailure(f"{args.file}: not a column mapping ({exc})") from None
    if mapping.missing():
        raise CliFailure(f"the mapping has no column for {', '.join(mapping.missing())}")
    with conn.ctx.sessions.begin() as s:
        shop = _shop(s, args.code)
        s.execute(text("UPDATE sales.shop SET settings = settings || jsonb_build_object('column_mapping', "
                       "CAST(:m AS jsonb)) WHERE id = :s"),
                  {"m": json.dumps(mapping.to_json(), ensure_ascii=False), "s": shop.id})
    print(f"shop {shop.code}: files no platform format fits are read with these {len(mapping.fields)} columns")
    return 0


# -- the worker -----------------------------------------------------------------------------------

def _worker(args, conn) -> int:
    """Background jobs without a client: --once for cron, else until SIGINT/SIGTERM."""
    from erp_desktop.db.listener import ChangeListener
    from erp_desktop.services import job_runner

    if logging.getLogger().level > logging.INFO:
        logging.getLogger().setLevel(logging.INFO)
    ident = conn.ctx.identity
    kinds = job_runner.job_kinds(ident)
    if not kinds:
        raise CliFailure(f"{ident.role_name} may run no background jobs: run the worker as a sales user or an "
                         "administrator")
    sessions = conn.ctx.sessions
    if args.once:
        job_runner.flush_changes_if_free(sessions)
        outcomes = job_runner.JobRunner(sessions, kinds).run_once()
        for o in outcomes:
            print(f"{o.job.kind} {o.job.key}: {o.state}" + (f" ({o.error})" if o.error else ""))
        print(f"{len(outcomes)} job(s) run")
        return 1 if any(o.error for o in outcomes) else 0
    stop = threading.Event()

    def _stop(signum, _frame) -> None:
        log.info("signal %s: stopping after the running job", signum)
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    # the worker takes its turn as the live-update flusher, so stock changes still queue their
    # shop pushes when no client is open
    listener = ChangeListener(conn.listen_conninfo, lambda _change: None)
    runner = job_runner.JobRunner(sessions, kinds, interval=args.interval)
    listener.start()
    runner.start()
    log.info("worker running as %s on %s (%s): %s", ident.role_name, conn.ctx.database, conn.ctx.server,
             ", ".join(kinds))
    try:
        while not stop.wait(1.0):
            pass
    finally:
        stopped = runner.stop()
        listener.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("worker stopped" if stopped else "worker stopped with a job still running (its lease runs out)")
    return 0


COMMANDS = {
    ("import", "orders"): _import,
    ("orders", "list"): _list, ("orders", "show"): _show, ("orders", "review"): _review,
    ("orders", "approve"): _workflow, ("orders", "hold"): _workflow, ("orders", "cancel"): _workflow,
    ("shop", "list"): _shop_list, ("shop", "add"): _shop_add, ("shop", "secret"): _shop_secret,
    ("shop", "pull"): _shop_pull, ("shop", "stock-file"): _shop_stock_file, ("shop", "map"): _shop_map,
    ("shop", "mapping"): _shop_mapping,
    ("worker", None): _worker,
}


def run(args) -> int:
    sub = {"import": "import_command", "orders": "orders_command", "shop": "shop_command"}.get(args.command)
    return run_connected(args, COMMANDS[(args.command, getattr(args, sub) if sub else None)])


def run_connected(args, command) -> int:
    """Connect as configured, run `command(args, conn)`, and say a refusal on stderr with its exit
    code (CliFailure's own; 1 for the database's or the domain's refusals)."""
    from sqlalchemy.exc import DBAPIError

    from erp_desktop.domain.errors import ErpError

    conn = bootstrap.connect(demo=args.demo, database=args.database)
    try:
        return command(args, conn)
    except CliFailure as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return exc.code
    except ErpError as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:          # refusals (permission denied ...) are the user's to read
        print(f"erp-desktop: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        conn.close()


HANDLERS = {"import": run, "orders": run, "shop": run, "worker": run}
