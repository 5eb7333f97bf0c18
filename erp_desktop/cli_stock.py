"""`erp-desktop stock ...`: the ledger and replenishment from the command line (for scripts and cron).

    erp-desktop stock levels [TEXT] [--warehouse CODE] [--below-safety]   what is where
    erp-desktop stock receive SKU QTY --bin WH/BIN [--lot NO --expires YYYY-MM-DD]
    erp-desktop stock adjust SKU DELTA --bin WH/BIN --reason CODE [--note TEXT]
    erp-desktop stock transfer SKU QTY --from WH/BIN --to WH/BIN       (another warehouse: goes into transit)
    erp-desktop stock receive-transfer SKU QTY --bin WH/BIN
    erp-desktop stock scrap SKU QTY --bin WH/BIN --reason CODE
    erp-desktop stock check                                            the ledger check
    erp-desktop stock replenish [--warehouse CODE] [--export FILE]     forecast and what to buy
    erp-desktop stock slow-movers [--warehouse CODE] --export FILE     dead, slow and excess stock

SKU is a SKU code or a barcode; a bin is WAREHOUSE/LOCATION, e.g. WH-HZ/A-01-02-03.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from erp_desktop import bootstrap


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise SystemExit(f"erp-desktop: not a number: {text!r}") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"erp-desktop: not a date (YYYY-MM-DD): {text!r}") from None


def add_commands(sub) -> None:
    stock = sub.add_parser("stock", help="stock: levels, receipts, moves, the ledger check, replenishment")
    ss = stock.add_subparsers(dest="stock_command", required=True)

    lv = ss.add_parser("levels", help="on hand, reserved and available per SKU x warehouse")
    lv.add_argument("text", nargs="?", default="", help="code, name, pinyin initials or barcode")
    lv.add_argument("--warehouse", metavar="CODE")
    lv.add_argument("--below-safety", action="store_true", help="only what is below safety stock")
    lv.add_argument("--limit", type=int, default=50)

    rc = ss.add_parser("receive", help="goods arrive in a bin")
    rc.add_argument("sku")
    rc.add_argument("quantity", type=_decimal)
    rc.add_argument("--bin", required=True, metavar="WH/BIN")
    rc.add_argument("--lot", metavar="NO")
    rc.add_argument("--expires", type=_date, metavar="YYYY-MM-DD")
    rc.add_argument("--note")

    ad = ss.add_parser("adjust", help="correct a bin by DELTA (warehouse leads and administrators)")
    ad.add_argument("sku")
    ad.add_argument("delta", type=_decimal)
    ad.add_argument("--bin", required=True, metavar="WH/BIN")
    ad.add_argument("--reason", required=True, help="reason code, e.g. lost, found, correction")
    ad.add_argument("--lot", metavar="NO")
    ad.add_argument("--note")

    tr = ss.add_parser("transfer", help="move stock between bins; to another warehouse it goes into transit")
    tr.add_argument("sku")
    tr.add_argument("quantity", type=_decimal)
    tr.add_argument("--from", dest="source", required=True, metavar="WH/BIN")
    tr.add_argument("--to", dest="target", required=True, metavar="WH/BIN or WH")
    tr.add_argument("--lot", metavar="NO")

    rt = ss.add_parser("receive-transfer", help="goods in transit arrive in a bin of their warehouse")
    rt.add_argument("sku")
    rt.add_argument("quantity", type=_decimal)
    rt.add_argument("--bin", required=True, metavar="WH/BIN")
    rt.add_argument("--lot", metavar="NO")

    sc = ss.add_parser("scrap", help="write off damaged or expired goods (warehouse leads and administrators)")
    sc.add_argument("sku")
    sc.add_argument("quantity", type=_decimal)
    sc.add_argument("--bin", required=True, metavar="WH/BIN")
    sc.add_argument("--reason", required=True, help="reason code, e.g. damaged, expired, defective")
    sc.add_argument("--lot", metavar="NO")
    sc.add_argument("--note")

    ss.add_parser("check", help="check that every stored quantity equals the sum of its moves")

    rep = ss.add_parser("replenish", help="forecast demand and compute safety stock, reorder points and what to buy")
    rep.add_argument("--warehouse", metavar="CODE", help="only this warehouse (default: all)")
    rep.add_argument("--export", type=Path, metavar="FILE", help="also write the suggestions to this .xlsx")
    slow = ss.add_parser("slow-movers", help="dead, slow and excess stock with a suggested action")
    slow.add_argument("--warehouse", metavar="CODE", help="only this warehouse (default: all)")
    slow.add_argument("--export", type=Path, metavar="FILE", required=True, help="write the report to this .xlsx")


# -- look-ups -------------------------------------------------------------------------------------

def _warehouse(session, code: str | None):
    from erp_desktop.services import stock_reference

    if not code:
        return None
    for w in stock_reference.list_warehouses(session):
        if w.code.lower() == code.lower():
            return w
    raise SystemExit(f"erp-desktop: no warehouse {code!r}")


def _warehouse_id(session, code: str | None) -> int | None:
    w = _warehouse(session, code)
    return w.id if w else None


def _bin(session, ref: str) -> int:
    from erp_desktop.services import stock_reference

    wh_code, _, loc_code = ref.partition("/")
    if not loc_code:
        raise SystemExit(f"erp-desktop: a bin is WAREHOUSE/LOCATION, not {ref!r}")
    wh = _warehouse(session, wh_code)
    for loc in stock_reference.list_locations(session, wh.id):
        if loc.code.lower() == loc_code.lower():
            return loc.id
    raise SystemExit(f"erp-desktop: no location {loc_code!r} in warehouse {wh.code}")


def _sku(session, code: str) -> int:
    from erp_desktop.services import stock_reference

    found = stock_reference.find_sku(session, code)
    if found is None:
        raise SystemExit(f"erp-desktop: no SKU with the code or barcode {code!r}")
    return found.id


def _lot(session, sku_id: int, lot_no: str | None) -> int | None:
    from sqlalchemy import select

    from erp_desktop.db.models import Lot

    if not lot_no:
        return None
    lot_id = session.execute(select(Lot.id).where(Lot.sku_id == sku_id, Lot.lot_no == lot_no)).scalar()
    if lot_id is None:
        raise SystemExit(f"erp-desktop: no lot {lot_no!r} of this SKU")
    return lot_id


# -- commands -------------------------------------------------------------------------------------

def _levels(args, conn) -> int:
    from erp_desktop.services import stock_queries

    with conn.ctx.sessions() as s:
        flt = stock_queries.StockFilter(text=args.text, warehouse_id=_warehouse_id(s, args.warehouse),
                                        below_safety=args.below_safety)
        rows = stock_queries.list_stock(s, flt, limit=args.limit)
    print(f"{'SKU':24} {'warehouse':10} {'on hand':>10} {'reserved':>10} {'available':>10} {'in transit':>10} "
          f"{'safety':>8}")
    for r in rows:
        safety = "" if r.safety_stock is None else f"{r.safety_stock:.0f}"
        print(f"{r.code:24} {r.warehouse:10} {r.on_hand:>10.0f} {r.reserved:>10.0f} {r.available:>10.0f} "
              f"{r.in_transit:>10.0f} {safety:>8}")
    return 0


def _receive(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions.begin() as s:
        stock.receive_goods(s, _sku(s, args.sku), _bin(s, args.bin), args.quantity, lot_no=args.lot,
                            expires_on=args.expires, note=args.note)
    print(f"received {args.quantity} x {args.sku} into {args.bin}")
    return 0


def _adjust(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions.begin() as s:
        sku = _sku(s, args.sku)
        stock.adjust_stock(s, sku, _bin(s, args.bin), args.delta, args.reason, lot_id=_lot(s, sku, args.lot),
                           note=args.note)
    print(f"adjusted {args.sku} in {args.bin} by {args.delta:+}")
    return 0


def _transfer(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions.begin() as s:
        sku = _sku(s, args.sku)
        lot = _lot(s, sku, args.lot)
        source = _bin(s, args.source)
        source_wh = args.source.partition("/")[0].lower()
        target_wh = args.target.partition("/")[0]
        if target_wh.lower() == source_wh:
            stock.transfer_stock(s, sku, source, _bin(s, args.target), args.quantity, lot_id=lot)
            print(f"moved {args.quantity} x {args.sku} from {args.source} to {args.target}")
        else:
            stock.ship_transfer(s, sku, source, _warehouse_id(s, target_wh), args.quantity, lot_id=lot)
            print(f"shipped {args.quantity} x {args.sku} from {args.source} to {target_wh}: in transit until "
                  f"received (erp-desktop stock receive-transfer)")
    return 0


def _receive_transfer(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions.begin() as s:
        sku = _sku(s, args.sku)
        stock.receive_transfer(s, sku, _bin(s, args.bin), args.quantity, lot_id=_lot(s, sku, args.lot))
    print(f"received {args.quantity} x {args.sku} from transit into {args.bin}")
    return 0


def _scrap(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions.begin() as s:
        sku = _sku(s, args.sku)
        stock.scrap_stock(s, sku, _bin(s, args.bin), args.quantity, args.reason, lot_id=_lot(s, sku, args.lot),
                          note=args.note)
    print(f"scrapped {args.quantity} x {args.sku} from {args.bin} ({args.reason})")
    return 0


def _check(args, conn) -> int:
    from erp_desktop.services import stock

    with conn.ctx.sessions() as s:
        diffs = stock.check_ledger(s)
    if not diffs:
        print("the stock ledger holds: every quantity equals the sum of its moves")
        return 0
    for d in diffs:
        print(f"{d.what}: SKU {d.sku_id} at {d.place} lot {d.lot_id}: stored {d.stored}, moves say {d.expected}")
    return 1


def _replenish(args, conn) -> int:
    from erp_desktop.services import replenishment

    with conn.ctx.sessions.begin() as s:
        summary = replenishment.compute_replenishment(s, _warehouse_id(s, args.warehouse))
    print(f"{summary.pairs} SKU x warehouse computed in {summary.seconds:.1f} s: {summary.to_buy} to buy, "
          f"{summary.below_safety} below safety stock")
    if args.export:
        with conn.ctx.sessions() as s:
            rows = replenishment.list_suggestions(s, _warehouse_id(s, args.warehouse))
        replenishment.export_suggestions(rows, args.export)
        print(f"{len(rows)} suggestions written to {args.export}")
    return 0


def _slow_movers(args, conn) -> int:
    from erp_desktop.services import replenishment

    with conn.ctx.sessions() as s:
        rows = replenishment.slow_movers(s, _warehouse_id(s, args.warehouse))
    replenishment.export_slow_movers(rows, args.export)
    value = sum((r.value for r in rows), start=0)
    print(f"{len(rows)} slow movers (value at cost {value:,.2f}) written to {args.export}")
    return 0


COMMANDS = {"levels": _levels, "receive": _receive, "adjust": _adjust, "transfer": _transfer,
            "receive-transfer": _receive_transfer, "scrap": _scrap, "check": _check,
            "replenish": _replenish, "slow-movers": _slow_movers}


def run(args) -> int:
    from erp_desktop.domain.errors import ErpError

    conn = bootstrap.connect(demo=args.demo, database=args.database)
    try:
        return COMMANDS[args.stock_command](args, conn)
    except ErpError as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 1
    finally:
        conn.close()
