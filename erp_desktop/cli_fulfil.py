"""`erp-desktop wave ...`, `tracking import`, `ship` and `shipment-file`: the warehouse's side of
fulfilment from the command line, for scripts and for shipping without a packing station.

    erp-desktop wave create [--warehouse W] [--carrier C] [--single] [--max N]   waves of approved orders
    erp-desktop wave list [--status S] [--limit N]                              open waves (or of a status)
    erp-desktop wave show NO                                                    its picking list and orders
    erp-desktop tracking import --carrier C FILE | --range FIRST-LAST            numbers into a carrier's pool
    erp-desktop ship ORDER --weight KG [--weight KG ...] [--tracking NO ...] [--pack-id UUID]
    erp-desktop shipment-file --shop CODE OUT                                   a file shop's bulk-ship file
    erp-desktop print picking-lists|invoices|packing-slips|labels CODE... -o OUT [--format pdf|zpl|tspl]

`print` writes many documents into one file, as the Fulfilment window prints them: picking lists of
waves; invoices (发货单), packing slips or shipping labels of orders, where a wave number stands for
its orders.  Labels are a PDF of 100 x 150 / 100 x 180 mm pages, or the label printer's own bytes
(ZPL or TSPL) to send to it (`nc printer 9100 < labels.zpl`, or `lp -o raw`).

ORDER is a platform order number, our order code (SO123) or a parcel's tracking number.  `ship`
sends one parcel per --weight; --tracking gives the pre-printed labels' numbers in the same order
(else the carrier's pool).  --pack-id makes a retried `ship` idempotent: the same id never ships twice.

Exit codes: 0 done; 1 refused (an order that cannot ship, an empty pool, a bad line in a file);
2 nothing done (unknown warehouse, carrier, shop or order; a file that cannot be read).
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import text

from erp_desktop.cli_orders import CliFailure, run_connected


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise SystemExit(f"erp-desktop: not a number: {value!r}") from None


def add_commands(sub) -> None:
    wave = sub.add_parser("wave", help="waves (波次): make them from approved orders, list them, show one")
    ws = wave.add_subparsers(dest="wave_command", required=True)
    cr = ws.add_parser("create", help="waves of the approved orders, by warehouse and carrier")
    cr.add_argument("--warehouse", metavar="W", help="only this warehouse (its code)")
    cr.add_argument("--carrier", metavar="C", help="only this carrier (its code)")
    cr.add_argument("--single", action="store_true", help="only single-item orders (one unit of one SKU)")
    cr.add_argument("--max", type=int, default=50, metavar="N", help="orders per wave at most (default 50)")
    ls = ws.add_parser("list", help="waves, newest first (default: those not done)")
    ls.add_argument("--status", choices=("open", "picking", "picked", "done", "cancelled"))
    ls.add_argument("--limit", type=int, default=50)
    sh = ws.add_parser("show", help="a wave's picking list (pick-path order) and its orders")
    sh.add_argument("number", metavar="NO")

    tr = sub.add_parser("tracking", help="the carriers' tracking number pools")
    ts = tr.add_subparsers(dest="tracking_command", required=True)
    ti = ts.add_parser("import", help="add numbers to a carrier's pool (a file, one per line, or a range)")
    ti.add_argument("--carrier", required=True, metavar="C")
    what = ti.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", type=Path, metavar="FILE")
    what.add_argument("--range", metavar="FIRST-LAST", dest="number_range")

    sp = sub.add_parser("ship", help="ship a packed order: stock out, tracking number, shop told")
    sp.add_argument("order", metavar="ORDER")
    sp.add_argument("--weight", type=_decimal, action="append", required=True, metavar="KG",
                    help="a parcel's weight (once per parcel)")
    sp.add_argument("--tracking", action="append", default=[], metavar="NO",
                    help="a pre-printed label's number, per parcel in order (default: the carrier's pool)")
    sp.add_argument("--pack-id", type=uuid.UUID, metavar="UUID", help="this pack's id: a retry with it never "
                                                                      "ships twice")
    sp.add_argument("--packer", default=None, help="who packed it (default: the login)")

    pr = sub.add_parser("print", help="picking lists, invoices, packing slips or labels into one file")
    pr.add_argument("what", choices=PRINTABLE)
    pr.add_argument("codes", nargs="+", metavar="CODE", help="wave numbers; for the others also order numbers, "
                                                              "SO codes or tracking numbers")
    pr.add_argument("-o", "--out", type=Path, required=True, metavar="OUT")
    pr.add_argument("--format", choices=("pdf", "zpl", "tspl"), default="pdf", help="labels only: pdf (default), "
                                                                                    "zpl or tspl")
    pr.add_argument("--dpi", type=int, choices=(203, 300), default=203, help="zpl/tspl: the printer's dpi")

    sf = sub.add_parser("shipment-file", help="a file shop's shipped orders as its platform's bulk-ship file")
    sf.add_argument("--shop", required=True, metavar="CODE")
    sf.add_argument("out", type=Path, metavar="OUT")


PRINTABLE = ("picking-lists", "invoices", "packing-slips", "labels")


def _id_of(session, table: str, code: str, what: str) -> int:
    found = session.execute(text(f"SELECT id FROM {table} WHERE lower(code) = lower(:c)"), {"c": code}).scalar()
    if found is None:
        raise CliFailure(f"no {what} {code!r}")
    return found


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


# -- waves ----------------------------------------------------------------------------------------

def _wave_line(w) -> str:
    kind = "single" if w.single_item else "mixed"
    return (f"{w.wave_no:14} {w.warehouse:6} {w.carrier[:10]:10} {kind:6} {w.status:9} {w.orders:>6} "
            f"{w.shipped:>7} {w.pick_lines:>5} {_qty(w.units):>7}")


WAVE_HEADER = f"{'wave':14} {'wh':6} {'carrier':10} {'kind':6} {'status':9} {'orders':>6} {'shipped':>7} " \
              f"{'picks':>5} {'units':>7}"


def _wave_create(args, conn) -> int:
    from erp_desktop.services import fulfilment

    if args.max < 1:
        raise CliFailure("--max must be 1 or more")
    with conn.ctx.sessions.begin() as s:
        wh = _id_of(s, "stock.warehouse", args.warehouse, "warehouse") if args.warehouse else None
        carrier = _id_of(s, "fulfil.carrier", args.carrier, "carrier") if args.carrier else None
        waves = fulfilment.create_waves(s, warehouse_id=wh, carrier_id=carrier, single_item_only=args.single,
                                        max_orders=args.max)
    if not waves:
        print("no approved order with a carrier is waiting for a wave")
        return 0
    print(WAVE_HEADER)
    for w in waves:
        print(_wave_line(w))
    print(f"{len(waves)} wave(s), {sum(w.orders for w in waves)} order(s) to pick")
    return 0


def _wave_list(args, conn) -> int:
    from erp_desktop.services import fulfilment

    with conn.ctx.sessions() as s:
        waves = fulfilment.list_waves(s, status=args.status, limit=args.limit)
    print(WAVE_HEADER)
    for w in waves:
        print(_wave_line(w))
    print(f"{len(waves)} wave(s)")
    return 0


def _wave_show(args, conn) -> int:
    from erp_desktop.domain.errors import NotFoundError
    from erp_desktop.services import fulfilment

    with conn.ctx.sessions() as s:
        try:
            wave_id = fulfilment.find_wave(s, args.number)
        except NotFoundError:
            raise CliFailure(f"no wave {args.number}") from None
        [w] = fulfilment.wave_summaries(s, [wave_id])
        doc = fulfilment.picking_list(s, wave_id)
    print(f"wave {doc.wave_no} ({w.status}), warehouse {doc.warehouse}, carrier {doc.carrier or '-'}, "
          f"{w.orders} order(s), {w.shipped} shipped")
    print(f"{'bin':10} {'SKU':16} {'lot':12} {'expires':10} {'qty':>7} {'orders':>6}  name")
    for p in doc.lines:
        expires = p.expires_on.isoformat() if p.expires_on else ""
        print(f"{p.location_code:10} {p.sku_code[:16]:16} {p.lot_no[:12]:12} {expires:10} {_qty(p.quantity):>7} "
              f"{p.order_count:>6}  {p.title} {p.variant}".rstrip())
    print(f"orders: {', '.join(doc.order_nos) or '-'}")
    return 0


# -- tracking numbers -----------------------------------------------------------------------------

def _tracking_import(args, conn) -> int:
    from erp_desktop.services import fulfilment

    numbers = None
    if args.file is not None:
        try:
            lines = args.file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliFailure(f"cannot read {args.file}: {exc}") from None
        numbers = [line.split(",")[0] for line in lines]       # a CSV's first column, or one number a line
    with conn.ctx.sessions.begin() as s:
        carrier = _id_of(s, "fulfil.carrier", args.carrier, "carrier")
        res = fulfilment.import_tracking_numbers(s, carrier, numbers, number_range=args.number_range,
                                                 file_name=args.file.name if args.file else None)
        left = fulfilment.pool_left(s, carrier)
    print(f"carrier {args.carrier}: {res.imported} new number(s), {res.duplicates} in the pool already, "
          f"{len(res.rejected)} rejected; {left} free in the pool")
    for bad in res.rejected:
        print(f"  not a tracking number: {bad!r}")
    return 1 if res.rejected else 0


# -- shipping -------------------------------------------------------------------------------------

def _ship(args, conn) -> int:
    from erp_desktop.domain.errors import NotFoundError
    from erp_desktop.services import fulfilment

    if len(args.tracking) > len(args.weight):
        raise CliFailure("more --tracking numbers than parcels (one --weight each)")
    tracking = args.tracking + [None] * (len(args.weight) - len(args.tracking))
    parcels = [fulfilment.Parcel(kg, no) for kg, no in zip(args.weight, tracking, strict=True)]
    pack_id = args.pack_id or uuid.uuid4()
    with conn.ctx.sessions.begin() as s:
        try:
            order = fulfilment.find_for_packing(s, args.order)
        except NotFoundError:
            raise CliFailure(f"no order {args.order}") from None
        result = fulfilment.ship_order(s, order.order_id, parcels, args.packer, pack_id)
    again = " (this pack had shipped already: nothing done again)" if result.replayed else ""
    print(f"order {result.order_no} shipped with {order.carrier}: {', '.join(result.tracking_nos)}{again}")
    check = order.check_weight(sum(args.weight, Decimal(0)))
    if not check.ok:
        print(f"warning: weighed {_qty(check.actual_kg)} kg, expected {_qty(check.expected_kg)} kg "
              f"(± {_qty(check.allowed_kg)})")
    print(f"pack id {pack_id}")
    return 0


def _shipment_file(args, conn) -> int:
    from erp_desktop.services import shipment_confirm

    with conn.ctx.sessions.begin() as s:
        shop = _id_of(s, "sales.shop", args.shop, "shop")
        n = shipment_confirm.write_shipment_file(s, shop, args.out)
    print(f"{n} shipped order(s) of shop {args.shop} written to {args.out}")
    return 0


# -- printing -------------------------------------------------------------------------------------

def _print_docs(session, what: str, codes: list[str]) -> list:
    """The documents the codes name, in the order given (a wave: its orders in wave order)."""
    from erp_desktop.domain.errors import NotFoundError
    from erp_desktop.services import fulfilment, fulfilment_admin, fulfilment_queries

    def wave_of(code: str) -> int | None:
        try:
            return fulfilment.find_wave(session, code)
        except NotFoundError:
            return None

    if what == "picking-lists":
        waves = [(c, wave_of(c)) for c in codes]
        missing = [c for c, w in waves if w is None]
        if missing:
            raise CliFailure(f"no wave {', '.join(missing)}")
        return [fulfilment.picking_list(session, w) for _, w in waves]
    order_ids: list[int] = []
    for code in codes:
        wave = wave_of(code)
        found = fulfilment_admin.wave_order_ids(session, [wave]) if wave is not None else \
            [oid for oid in [fulfilment_queries.order_by_code(session, code)] if oid is not None]
        if not found:
            raise CliFailure(f"no order or wave {code}")
        order_ids += [oid for oid in found if oid not in order_ids]
    if what == "invoices":
        return [fulfilment.invoice_doc(session, oid) for oid in order_ids]
    if what == "packing-slips":
        return [fulfilment.packing_slip_doc(session, oid) for oid in order_ids]
    labels = [fulfilment.shipping_label_doc(session, sh.id) for oid in order_ids
              for sh in fulfilment.shipments_of(session, oid) if sh.status == "shipped"]
    if not labels:
        raise CliFailure("no shipped parcel among these orders: nothing to label")
    return labels


def _print(args, conn) -> int:
    from erp_desktop.devices import labels as label_bytes
    from erp_desktop.documents.batch import render_batch

    if args.format != "pdf" and args.what != "labels":
        raise CliFailure("--format zpl|tspl is for labels; the other documents are PDFs")
    with conn.ctx.sessions() as s:
        docs = _print_docs(s, args.what, args.codes)
    if args.format == "pdf":
        kind = {"picking-lists": "picking_list", "invoices": "invoice", "packing-slips": "packing_slip",
                "labels": "shipping_label"}[args.what]
        pages = render_batch(kind, docs, args.out)
        print(f"{len(docs)} {args.what.replace('-', ' ')}, {pages} page(s), written to {args.out}")
        return 0
    render = label_bytes.render_zpl if args.format == "zpl" else label_bytes.render_tspl
    data = b"".join(render(doc, dpi=args.dpi) for doc in docs)
    args.out.write_bytes(data)
    print(f"{len(docs)} label(s) as {args.format.upper()} ({len(data):,} bytes), written to {args.out}")
    return 0


COMMANDS = {
    ("wave", "create"): _wave_create, ("wave", "list"): _wave_list, ("wave", "show"): _wave_show,
    ("tracking", "import"): _tracking_import, ("ship", None): _ship, ("shipment-file", None): _shipment_file,
    ("print", None): _print,
}


def run(args) -> int:
    sub = {"wave": "wave_command", "tracking": "tracking_command"}.get(args.command)
    return run_connected(args, COMMANDS[(args.command, getattr(args, sub) if sub else None)])


HANDLERS = {"wave": run, "tracking": run, "ship": run, "shipment-file": run, "print": run}
