"""Stocktakes (盘点): plan a count, count bin by bin with a scanner, look at the differences, post.

Every write goes through the SECURITY DEFINER functions of sql/0005_stocktake.sql, which keep
the workflow and the rights (warehouse staff count; warehouse leads and administrators plan,
close and post); their refusals become the typed errors of domain/stocktake.py.  A bin's
expected quantities are its quants when its counting began, so posting applies only the
difference found to today's stock and moves made during the count stay as they are."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop.documents.stocktake_report import ReportLine, StocktakeReportData
from erp_desktop.domain.errors import NotFoundError
from erp_desktop.domain.stocktake import (
    SCOPES,
    BlindCountError,
    LotRequiredError,
    NotInCountError,
    StocktakeIncompleteError,
    StocktakeOverlapError,
    StocktakeStateError,
    Variance,
    VarianceTotals,
    abc_classes,
    expected_visible,
    stocktake_ref,
    totals,
    variance,
)
from erp_desktop.services import catalog
from erp_desktop.services.stock import _translate as _stock_error

ONE = Decimal(1)


# ------------------------------------------------------------------------------------------------
# what the functions return
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StocktakeInfo:
    id: int
    ref: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    scope: str
    category_id: int | None
    category_name: str | None
    blind: bool
    status: str
    note: str | None
    created_at: dt.datetime
    created_by: str
    started_at: dt.datetime | None
    closed_at: dt.datetime | None
    closed_by: str | None
    posted_at: dt.datetime | None
    posted_by: str | None
    bins_total: int
    bins_counted: int
    bins_counting: int
    skus_listed: int              # category and cycle counts: how many SKUs they look at


@dataclass(frozen=True)
class BinInfo:
    id: int
    stocktake_id: int
    location_id: int
    code: str
    state: str
    snapshot_at: dt.datetime | None
    started_by: str | None
    counted_at: dt.datetime | None
    counted_by: str | None
    recounts: int
    moves_while_counting: int
    lines: int                    # scans and typed quantities
    counted: Decimal              # units counted in the bin


@dataclass(frozen=True)
class CountRow:
    sku_id: int
    sku_code: str
    sku_name: str
    spec: str
    unit: str
    lot_id: int | None
    lot_no: str | None
    expected: Decimal | None      # None in a blind count
    counted: Decimal
    last_scan_at: dt.datetime | None


@dataclass(frozen=True)
class BinView:
    """What a counter sees of the bin they count."""

    bin: BinInfo
    blind: bool
    rows: list[CountRow]


@dataclass(frozen=True)
class ScanResult:
    code: str
    known: bool                   # False: no SKU has this barcode (it was listed as unknown)
    sku_id: int | None = None
    sku_code: str = ""
    sku_name: str = ""
    lot_id: int | None = None
    lot_no: str | None = None
    added: Decimal = Decimal(0)
    counted: Decimal = Decimal(0)  # now counted of this SKU and lot in the bin
    expected: Decimal | None = None


@dataclass(frozen=True)
class UnknownScan:
    id: int
    code: str
    bin_code: str | None
    scanned_by: str
    scanned_at: dt.datetime


@dataclass(frozen=True)
class VarianceRow:
    bin_id: int
    location_id: int
    bin_code: str
    sku_id: int
    sku_code: str
    sku_name: str
    spec: str
    unit: str
    lot_id: int | None
    lot_no: str | None
    unit_cost: Decimal
    variance: Variance
    moved_while_counting: bool    # the SKU moved in or out of the bin while the bin was counted

    @property
    def expected(self) -> Decimal:
        return self.variance.expected

    @property
    def counted(self) -> Decimal:
        return self.variance.counted

    @property
    def difference(self) -> Decimal:
        return self.variance.difference

    @property
    def value(self) -> Decimal:
        return self.variance.value


@dataclass(frozen=True)
class VarianceReport:
    stocktake: StocktakeInfo
    rows: list[VarianceRow]
    totals: VarianceTotals
    bins_not_counted: int


@dataclass(frozen=True)
class Adjustment:
    """A 'stocktake' move written by posting."""

    move_id: int
    location_id: int
    sku_id: int
    lot_id: int | None
    delta: Decimal


@dataclass(frozen=True)
class CycleCandidate:
    sku_id: int
    code: str
    name: str
    shipped_value: Decimal        # at cost, over the period looked at
    abc: str
    last_counted_at: dt.datetime | None


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str


# ------------------------------------------------------------------------------------------------
# the database's refusals -> typed errors
# ------------------------------------------------------------------------------------------------

def _translate(exc: DBAPIError, action: str) -> Exception:
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    if getattr(orig, "sqlstate", None) == "P0001" and diag is not None:
        hint = diag.message_hint
        d = json.loads(diag.message_detail or "{}") if hint else {}
        if hint == "stocktake_state":
            key = d.get("bin") or d.get("id")
            if d.get("what") == "stocktake" and "id" in d:
                key = stocktake_ref(d["id"])
            return StocktakeStateError(d.get("what", "stocktake"), key, d.get("state", "?"),
                                       d.get("action") or f"go to {d.get('wanted')}")
        if hint == "not_in_count":
            return NotInCountError(d.get("what", "sku"), d.get("sku", "?"))
        if hint == "stocktake_incomplete":
            return StocktakeIncompleteError(list(d.get("bins") or []), int(d.get("count", 0)))
        if hint == "stocktake_overlap":
            return StocktakeOverlapError(d.get("bin", "?"), int(d.get("stocktake", 0)))
    return _stock_error(exc, action)


def _execute(session: Session, action: str, sql: str, params: dict):
    try:
        return session.execute(text(sql), params)
    except DBAPIError as exc:
        err = _translate(exc, action)
        if err is exc:
            raise
        raise err from exc


def _scalar(session: Session, action: str, sql: str, params: dict):
    return _execute(session, action, sql, params).scalar()


# ------------------------------------------------------------------------------------------------
# planning
# ------------------------------------------------------------------------------------------------

def warehouses(session: Session) -> list[Place]:
    rows = session.execute(text("SELECT id, code, name FROM stock.warehouse WHERE active ORDER BY code"))
    return [Place(*r) for r in rows]


def bins_of(session: Session, warehouse_id: int) -> list[Place]:
    """The countable locations of a warehouse, in pick-path order."""
    rows = session.execute(text("""SELECT id, code, kind FROM stock.location
                                   WHERE warehouse_id = :w AND kind <> 'transit' AND active
                                   ORDER BY pick_order, code"""), {"w": warehouse_id})
    return [Place(*r) for r in rows]


def create_stocktake(session: Session, warehouse_id: int, scope: str, *, blind: bool = False,
                     location_ids: Iterable[int] = (), category_id: int | None = None,
                     sku_ids: Iterable[int] = (), note: str | None = None) -> int:
    """Plan a count (warehouse leads and administrators): a whole warehouse, chosen bins, a
    category, or a list of SKUs (a cycle count, e.g. a_class_skus_due()).  Returns its id."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    return _scalar(session, "plan a stocktake",
                   "SELECT stock.stocktake_create(:w, :scope, :blind, :locs, :cat, :skus, :note)",
                   {"w": warehouse_id, "scope": scope, "blind": blind, "locs": list(location_ids) or None,
                    "cat": category_id, "skus": list(sku_ids) or None, "note": note or None})


def add_bins(session: Session, stocktake_id: int, location_ids: Iterable[int]) -> int:
    return _scalar(session, "plan a stocktake", "SELECT stock.stocktake_add_bins(:st, :locs)",
                   {"st": stocktake_id, "locs": list(location_ids)})


def a_class_skus_due(session: Session, warehouse_id: int, *, days: int = 90, a_share: Decimal = Decimal("0.8"),
                     cycle_days: int = 30, limit: int | None = None) -> list[CycleCandidate]:
    """The SKUs worth counting now: class A by value (at cost) of what the warehouse shipped in
    the last `days`, not counted in a posted count within `cycle_days`; highest value first."""
    shipped = session.execute(text("""
        SELECT m.sku_id, s.code, s.name, sum(m.quantity * s.cost) AS value
        FROM stock.move m JOIN catalog.sku s ON s.id = m.sku_id
        WHERE m.kind = 'shipment' AND m.from_warehouse_id = :w AND m.moved_at >= now() - make_interval(days => :d)
        GROUP BY m.sku_id, s.code, s.name"""), {"w": warehouse_id, "d": days}).all()
    classes = abc_classes({r.sku_id: Decimal(r.value) for r in shipped}, a_share=a_share)
    a_rows = [r for r in shipped if classes.get(r.sku_id) == "A"]
    last = dict(session.execute(text("""
        SELECT x.sku_id, max(st.posted_at)
        FROM stock.stocktake st
        JOIN stock.stocktake_bin b ON b.stocktake_id = st.id
        JOIN (SELECT bin_id, sku_id FROM stock.stocktake_line
              UNION SELECT bin_id, sku_id FROM stock.stocktake_expected) x ON x.bin_id = b.id
        WHERE st.status = 'posted' AND st.warehouse_id = :w AND x.sku_id = ANY(:skus)
        GROUP BY x.sku_id"""), {"w": warehouse_id, "skus": [r.sku_id for r in a_rows]}).all())
    cutoff = session.execute(text("SELECT now() - make_interval(days => :d)"), {"d": cycle_days}).scalar()
    out = [CycleCandidate(r.sku_id, r.code, r.name, Decimal(r.value).quantize(Decimal("0.01")), "A", last.get(r.sku_id))
           for r in a_rows if last.get(r.sku_id) is None or last[r.sku_id] < cutoff]
    out.sort(key=lambda c: (-c.shipped_value, c.code))
    return out[:limit] if limit else out


# ------------------------------------------------------------------------------------------------
# reading counts and bins
# ------------------------------------------------------------------------------------------------

_INFO_SQL = """
    SELECT st.id, st.warehouse_id, w.code AS wh_code, w.name AS wh_name, st.scope, st.category_id,
           c.name AS category_name, st.blind, st.status, st.note, st.created_at, st.created_by, st.started_at,
           st.closed_at, st.closed_by, st.posted_at, st.posted_by,
           (SELECT count(*) FROM stock.stocktake_bin b WHERE b.stocktake_id = st.id) AS bins_total,
           (SELECT count(*) FROM stock.stocktake_bin b WHERE b.stocktake_id = st.id AND b.state = 'counted')
               AS bins_counted,
           (SELECT count(*) FROM stock.stocktake_bin b WHERE b.stocktake_id = st.id AND b.state = 'counting')
               AS bins_counting,
           (SELECT count(*) FROM stock.stocktake_sku k WHERE k.stocktake_id = st.id) AS skus_listed
    FROM stock.stocktake st
    JOIN stock.warehouse w ON w.id = st.warehouse_id
    LEFT JOIN catalog.category c ON c.id = st.category_id
"""


def _info(r) -> StocktakeInfo:
    return StocktakeInfo(r.id, stocktake_ref(r.id), r.warehouse_id, r.wh_code, r.wh_name, r.scope, r.category_id,
                         r.category_name, r.blind, r.status, r.note, r.created_at, r.created_by, r.started_at,
                         r.closed_at, r.closed_by, r.posted_at, r.posted_by, r.bins_total, r.bins_counted,
                         r.bins_counting, r.skus_listed)


def list_stocktakes(session: Session, *, warehouse_id: int | None = None, open_only: bool = False,
                    limit: int = 200) -> list[StocktakeInfo]:
    """Newest first."""
    where, params = [], {"limit": limit}
    if warehouse_id is not None:
        where.append("st.warehouse_id = :w")
        params["w"] = warehouse_id
    if open_only:
        where.append("st.status IN ('draft', 'counting', 'closed')")
    sql = _INFO_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY st.id DESC LIMIT :limit"
    return [_info(r) for r in session.execute(text(sql), params)]


def get_stocktake(session: Session, stocktake_id: int) -> StocktakeInfo:
    r = session.execute(text(_INFO_SQL + " WHERE st.id = :id"), {"id": stocktake_id}).first()
    if r is None:
        raise NotFoundError("stocktake", stocktake_id)
    return _info(r)


_BIN_SQL = """
    SELECT b.id, b.stocktake_id, b.location_id, l.code, b.state, b.snapshot_at, b.started_by, b.counted_at,
           b.counted_by, b.recounts, b.moves_while_counting,
           (SELECT count(*) FROM stock.stocktake_line x WHERE x.bin_id = b.id) AS lines,
           (SELECT coalesce(sum(x.quantity), 0) FROM stock.stocktake_line x WHERE x.bin_id = b.id) AS counted
    FROM stock.stocktake_bin b JOIN stock.location l ON l.id = b.location_id
"""


def list_bins(session: Session, stocktake_id: int) -> list[BinInfo]:
    """The bins of a count in pick-path order, with their progress."""
    rows = session.execute(text(_BIN_SQL + " WHERE b.stocktake_id = :st ORDER BY l.pick_order, l.code"),
                           {"st": stocktake_id})
    return [BinInfo(*r) for r in rows]


def get_bin(session: Session, bin_id: int) -> BinInfo:
    r = session.execute(text(_BIN_SQL + " WHERE b.id = :b"), {"b": bin_id}).first()
    if r is None:
        raise NotFoundError("bin", bin_id)
    return BinInfo(*r)


def find_bin(session: Session, stocktake_id: int, code: str) -> BinInfo | None:
    """A scanned bin label: the bin of this count with that code (any case), or None."""
    r = session.execute(text(_BIN_SQL + " WHERE b.stocktake_id = :st AND lower(l.code) = lower(:c)"),
                        {"st": stocktake_id, "c": code.strip()}).first()
    return BinInfo(*r) if r else None


def bin_view(session: Session, bin_id: int) -> BinView:
    """The counter's screen: what is counted so far; expected quantities only when not blind."""
    b = get_bin(session, bin_id)
    blind = bool(session.execute(text("SELECT blind FROM stock.stocktake WHERE id = :st"),
                                 {"st": b.stocktake_id}).scalar())
    rows = session.execute(text("""
        WITH x AS (
            SELECT sku_id, lot_id, quantity AS e, 0::numeric AS c, NULL::timestamptz AS at
            FROM stock.stocktake_expected WHERE bin_id = :b
            UNION ALL
            SELECT sku_id, lot_id, 0, quantity, scanned_at FROM stock.stocktake_line WHERE bin_id = :b
        )
        SELECT x.sku_id, s.code, s.name, s.spec, s.unit, x.lot_id, t.lot_no, sum(x.e) AS expected,
               sum(x.c) AS counted, max(x.at) AS last_scan
        FROM x JOIN catalog.sku s ON s.id = x.sku_id LEFT JOIN stock.lot t ON t.id = x.lot_id
        GROUP BY x.sku_id, s.code, s.name, s.spec, s.unit, x.lot_id, t.lot_no
        HAVING NOT (:blind AND sum(x.c) = 0)
        ORDER BY max(x.at) DESC NULLS LAST, s.code, t.lot_no NULLS FIRST"""), {"b": bin_id, "blind": blind})
    out = [CountRow(r.sku_id, r.code, r.name, r.spec, r.unit, r.lot_id, r.lot_no, None if blind else r.expected,
                    r.counted, r.last_scan) for r in rows]
    return BinView(b, blind, out)


def unknown_barcodes(session: Session, stocktake_id: int) -> list[UnknownScan]:
    rows = session.execute(text("""
        SELECT u.id, u.code, l.code AS bin_code, u.scanned_by, u.scanned_at FROM stock.stocktake_unknown u
        LEFT JOIN stock.stocktake_bin b ON b.id = u.bin_id LEFT JOIN stock.location l ON l.id = b.location_id
        WHERE u.stocktake_id = :st ORDER BY u.scanned_at DESC, u.id DESC"""), {"st": stocktake_id})
    return [UnknownScan(*r) for r in rows]


# ------------------------------------------------------------------------------------------------
# counting
# ------------------------------------------------------------------------------------------------

def start_bin(session: Session, bin_id: int) -> dt.datetime:
    """Begin counting a bin: its quants now become its expected quantities.  Returns that moment."""
    return _scalar(session, "count stock", "SELECT stock.stocktake_start_bin(:b)", {"b": bin_id})


def count_sku(session: Session, bin_id: int, sku_id: int, quantity: Decimal = ONE, *, lot_id: int | None = None,
              barcode: str | None = None) -> Decimal:
    """Add `quantity` (negative corrects) of a SKU to the bin's count; returns the new count."""
    return _scalar(session, "count stock", "SELECT stock.stocktake_count(:b, :sku, :lot, :qty, :code)",
                   {"b": bin_id, "sku": sku_id, "lot": lot_id, "qty": quantity, "code": barcode})


def record_scan(session: Session, bin_id: int, code: str, quantity: Decimal = ONE, *,
                lot_id: int | None = None) -> ScanResult:
    """A barcode scanned in the bin being counted: +1 (or a typed quantity, for a case) of its
    SKU.  A code no SKU has is listed with the count's unknown barcodes (known=False).  When the
    SKU has several lots in the bin and none is given, LotRequiredError says which."""
    code = code.strip()
    sku_id = catalog.find_sku_by_barcode(session, code) if code else None
    if sku_id is None:
        _scalar(session, "count stock", "SELECT stock.stocktake_unknown_code("
                "(SELECT stocktake_id FROM stock.stocktake_bin WHERE id = :b), :b, :code)",
                {"b": bin_id, "code": code or "?"})
        return ScanResult(code, known=False)
    info = session.execute(text("""
        SELECT s.code, s.name, st.blind,
               coalesce((SELECT json_agg(json_build_object('id', e.lot_id, 'no', t.lot_no) ORDER BY t.expires_on,
                                         t.lot_no)
                         FROM stock.stocktake_expected e LEFT JOIN stock.lot t ON t.id = e.lot_id
                         WHERE e.bin_id = b.id AND e.sku_id = s.id), '[]') AS lots
        FROM stock.stocktake_bin b JOIN stock.stocktake st ON st.id = b.stocktake_id, catalog.sku s
        WHERE b.id = :b AND s.id = :sku"""), {"b": bin_id, "sku": sku_id}).first()
    if info is None:
        raise NotFoundError("bin", bin_id)
    lots = info.lots if isinstance(info.lots, list) else json.loads(info.lots)
    if lot_id is None and len(lots) > 1:
        raise LotRequiredError(info.code, [x["no"] or "" for x in lots], [x["id"] for x in lots])
    if lot_id is None and lots:
        lot_id = lots[0]["id"]
    counted = count_sku(session, bin_id, sku_id, quantity, lot_id=lot_id, barcode=code)
    lot_no = session.execute(text("SELECT lot_no FROM stock.lot WHERE id = :l"), {"l": lot_id}).scalar() \
        if lot_id is not None else None
    expected = None
    if not info.blind:
        expected = session.execute(text("""SELECT coalesce(sum(quantity), 0) FROM stock.stocktake_expected
                                           WHERE bin_id = :b AND sku_id = :s AND coalesce(lot_id, 0) = :l"""),
                                   {"b": bin_id, "s": sku_id, "l": lot_id or 0}).scalar()
    return ScanResult(code, True, sku_id, info.code, info.name, lot_id, lot_no, quantity, counted, expected)


def finish_bin(session: Session, bin_id: int) -> int:
    """The bin is counted.  Returns how many moves touched it while it was counted (> 0: consider a recount)."""
    return _scalar(session, "count stock", "SELECT stock.stocktake_finish_bin(:b)", {"b": bin_id})


def resume_bin(session: Session, bin_id: int) -> None:
    """Back into a bin finished too early; its snapshot and count stay."""
    _execute(session, "count stock", "SELECT stock.stocktake_resume_bin(:b)", {"b": bin_id})


def recount_bin(session: Session, bin_id: int, *, start: bool = True) -> dt.datetime | None:
    """Count a bin again from zero: its lines and snapshot go; with `start`, counting begins at
    once with a new snapshot (returned)."""
    _execute(session, "count stock", "SELECT stock.stocktake_recount_bin(:b)", {"b": bin_id})
    return start_bin(session, bin_id) if start else None


# ------------------------------------------------------------------------------------------------
# closing, the differences, posting
# ------------------------------------------------------------------------------------------------

def close_stocktake(session: Session, stocktake_id: int) -> None:
    """Counting is over (every bin counted): the differences are final unless it is reopened."""
    _execute(session, "close a stocktake", "SELECT stock.stocktake_close(:st)", {"st": stocktake_id})


def reopen_stocktake(session: Session, stocktake_id: int) -> None:
    _execute(session, "reopen a stocktake", "SELECT stock.stocktake_reopen(:st)", {"st": stocktake_id})


def cancel_stocktake(session: Session, stocktake_id: int) -> None:
    _execute(session, "cancel a stocktake", "SELECT stock.stocktake_cancel(:st)", {"st": stocktake_id})


def may_post(session: Session) -> bool:
    """Whether this login may plan, close and post counts (the database decides in the end)."""
    return bool(session.execute(text("""
        SELECT r.rolsuper OR pg_has_role(session_user, core.group_role('warehouse_lead'), 'MEMBER')
               OR pg_has_role(session_user, core.group_role('admin'), 'MEMBER')
        FROM pg_roles r WHERE r.rolname = session_user""")).scalar())


def variance_report(session: Session, stocktake_id: int, *, only_differences: bool = False) -> VarianceReport:
    """Per bin x SKU x lot of the counted bins: expected (at the bin's snapshot), counted, the
    difference in quantity and in value at cost.  A blind count's report is for leads until posted."""
    info = get_stocktake(session, stocktake_id)
    if not expected_visible(info.blind, info.status, may_post(session)):
        raise BlindCountError(stocktake_id)
    rows = session.execute(text("""
        SELECT v.bin_id, v.location_id, l.code AS bin_code, v.sku_id, s.code, s.name, s.spec, s.unit, v.lot_id,
               t.lot_no, s.cost, v.expected, v.counted,
               EXISTS (SELECT 1 FROM stock.move m
                       WHERE m.sku_id = v.sku_id AND m.moved_at >= b.snapshot_at
                         AND m.moved_at <= coalesce(b.counted_at, now())
                         AND (m.from_location_id = v.location_id OR m.to_location_id = v.location_id)
                         AND m.kind <> 'stocktake') AS moved
        FROM stock.stocktake_variance(:st) v
        JOIN stock.stocktake_bin b ON b.id = v.bin_id
        JOIN stock.location l ON l.id = v.location_id
        JOIN catalog.sku s ON s.id = v.sku_id
        LEFT JOIN stock.lot t ON t.id = v.lot_id
        WHERE b.state = 'counted' AND (NOT :only OR v.difference <> 0)
        ORDER BY l.pick_order, l.code, s.code, t.lot_no NULLS FIRST"""), {"st": stocktake_id, "only": only_differences})
    out = [VarianceRow(r.bin_id, r.location_id, r.bin_code, r.sku_id, r.code, r.name, r.spec, r.unit, r.lot_id,
                       r.lot_no, r.cost, variance(r.expected, r.counted, r.cost), r.moved) for r in rows]
    return VarianceReport(info, out, totals((r.variance, r.unit_cost) for r in out),
                          info.bins_total - info.bins_counted)


def post_stocktake(session: Session, stocktake_id: int) -> list[Adjustment]:
    """Write the differences of a closed count as 'stocktake' moves (warehouse leads and
    administrators only).  All or nothing; a posted count cannot be posted again."""
    rows = _execute(session, "post a stocktake",
                    "SELECT move_id, location_id, sku_id, lot_id, delta FROM stock.stocktake_post(:st)",
                    {"st": stocktake_id}).all()
    return [Adjustment(*r) for r in rows]


def login_name(role: str | None) -> str:
    """A login role as people know it: "li.lei@erp" -> "li.lei"."""
    return (role or "").rsplit("@", 1)[0]


def report_data(session: Session, stocktake_id: int, *, only_differences: bool = False) -> StocktakeReportData:
    """The variance report as the documents print it (PDF, Excel)."""
    rep = variance_report(session, stocktake_id)
    info = rep.stocktake
    company = session.execute(text("SELECT name, coalesce(address, '') AS address, currency FROM core.company "
                                   "ORDER BY id LIMIT 1")).first()
    detail = info.category_name or ""
    if info.scope == "skus":
        detail = str(info.skus_listed)
    lines = [ReportLine(r.bin_code, r.sku_code, r.sku_name, r.spec, r.lot_no, r.unit, r.expected, r.counted,
                        r.difference, r.unit_cost, r.value, r.moved_while_counting)
             for r in rep.rows if not only_differences or r.difference]
    now = session.execute(text("SELECT now()")).scalar()
    return StocktakeReportData(
        company_name=company.name if company else "", company_address=company.address if company else "",
        currency=company.currency if company else "CNY", ref=info.ref,
        warehouse=f"{info.warehouse_code} {info.warehouse_name}", scope=info.scope, scope_detail=detail,
        status=info.status, blind=info.blind, created_at=info.created_at, created_by=login_name(info.created_by),
        closed_at=info.closed_at, posted_at=info.posted_at, posted_by=login_name(info.posted_by) or None,
        bins_total=info.bins_total, bins_counted=info.bins_counted, lines=lines, totals=rep.totals,
        printed_at=now, note=info.note or "", only_differences=only_differences)
