"""Stocktake (盘点) rules that need no database: scopes, the workflows of a count and of its
bins (the same tables the database keeps in sql/0005_stocktake.sql), variance arithmetic,
ABC classes for cycle counts, and the typed errors a count can meet."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from erp_desktop.domain.errors import ErpError

K = TypeVar("K", bound=Hashable)

SCOPES = ("warehouse", "bins", "category", "skus")

# a count: planned (draft), being counted, counting over (closed), posted to the ledger
STATUSES = ("draft", "counting", "closed", "posted", "cancelled")
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"counting", "cancelled"}),
    "counting": frozenset({"closed", "cancelled"}),
    "closed": frozenset({"counting", "posted", "cancelled"}),
    "posted": frozenset(),
    "cancelled": frozenset(),
}
OPEN_STATUSES = frozenset({"draft", "counting", "closed"})

# a bin of a count: not begun, being counted, done, to be counted again
BIN_STATES = ("pending", "counting", "counted", "recount")
BIN_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"counting"}),
    "counting": frozenset({"counted", "recount"}),
    "counted": frozenset({"counting", "recount"}),
    "recount": frozenset({"counting"}),
}

ZERO = Decimal(0)
QTY_STEP = Decimal("0.001")
MONEY_STEP = Decimal("0.01")


def stocktake_ref(stocktake_id: int) -> str:
    """The number people say and print: ST000042 (the same as the moves' note)."""
    return f"ST{stocktake_id:06d}"


class StocktakeStateError(ErpError):
    """A count or a bin is not in a state that allows this (counting a closed count, posting twice ...)."""

    def __init__(self, what: str, key: object, state: str, action: str) -> None:
        super().__init__(f"cannot {action}: {what} {key} is {state}")
        self.what = what          # "stocktake" or "bin"
        self.key = key            # id or bin code
        self.state = state
        self.action = action


class NotInCountError(ErpError):
    """A scanned SKU (or kit) or bin is not part of this count."""

    def __init__(self, what: str, code: str) -> None:
        super().__init__(f"{what} {code} is not part of this count")
        self.what = what          # "sku", "kit" or "bin"
        self.code = code


class StocktakeIncompleteError(ErpError):
    """A count cannot close while bins are not counted."""

    def __init__(self, bins: list[str], count: int) -> None:
        super().__init__(f"{count} bins are not counted yet: {', '.join(bins[:10])}")
        self.bins = bins
        self.count = count


class StocktakeOverlapError(ErpError):
    """Another open count covers the same SKUs in this bin."""

    def __init__(self, bin_code: str, other: int) -> None:
        super().__init__(f"bin {bin_code} is being counted in {stocktake_ref(other)} already")
        self.bin_code = bin_code
        self.other = other


class LotRequiredError(ErpError):
    """The SKU has several lots in this bin: the counter must say which lot was found."""

    def __init__(self, sku: str, lots: list[str], lot_ids: list[int | None]) -> None:
        super().__init__(f"SKU {sku} has several lots in this bin: {', '.join(lots)}")
        self.sku = sku
        self.lots = lots              # lot numbers ("" for stock without a lot)
        self.lot_ids = lot_ids


class BlindCountError(ErpError):
    """Expected quantities of a blind count stay hidden from counters until it is closed."""

    def __init__(self, stocktake_id: int) -> None:
        super().__init__(f"{stocktake_ref(stocktake_id)} is a blind count: expected quantities are hidden")
        self.stocktake_id = stocktake_id


def check_transition(current: str, target: str, *, what: str = "stocktake", key: object = "") -> None:
    """Refuse a move along the workflow the table does not have."""
    table = TRANSITIONS if what == "stocktake" else BIN_TRANSITIONS
    if target not in table.get(current, frozenset()):
        raise StocktakeStateError(what, key, current, f"go to {target}")


def can(status: str, action: str) -> bool:
    """What the UI offers for a count in `status` (the database refuses the rest anyway)."""
    allowed = {
        "count": {"draft", "counting"},
        "close": {"counting"},
        "reopen": {"closed"},
        "post": {"closed"},
        "cancel": OPEN_STATUSES,
        "add_bins": {"draft", "counting"},
    }
    return status in allowed.get(action, set())


def bin_can(state: str, action: str) -> bool:
    allowed = {
        "start": {"pending", "recount"},
        "scan": {"counting"},
        "finish": {"counting"},
        "resume": {"counted"},
        "recount": {"counting", "counted"},
    }
    return state in allowed.get(action, set())


def expected_visible(blind: bool, status: str, may_post: bool) -> bool:
    """Whether the variance report may show expected quantities: a blind count hides them from
    counters until it is posted; the leads who review and post it see them."""
    return not blind or may_post or status in ("posted", "cancelled")


@dataclass(frozen=True)
class Variance:
    expected: Decimal
    counted: Decimal
    difference: Decimal       # counted - expected: > 0 found more (盘盈), < 0 found less (盘亏)
    value: Decimal            # difference x unit cost, to the cent

    @property
    def kind(self) -> str:
        return "over" if self.difference > 0 else "short" if self.difference < 0 else "match"


def variance(expected: Decimal, counted: Decimal, unit_cost: Decimal) -> Variance:
    diff = (counted - expected).quantize(QTY_STEP)
    return Variance(expected, counted, diff, (diff * unit_cost).quantize(MONEY_STEP))


@dataclass(frozen=True)
class VarianceTotals:
    lines: int
    lines_with_difference: int
    expected: Decimal
    counted: Decimal
    qty_over: Decimal
    qty_short: Decimal          # negative or zero
    value_over: Decimal
    value_short: Decimal        # negative or zero
    expected_value: Decimal

    @property
    def net_qty(self) -> Decimal:
        return self.qty_over + self.qty_short

    @property
    def net_value(self) -> Decimal:
        return self.value_over + self.value_short

    @property
    def accuracy(self) -> Decimal:
        """Share of lines counted right (0..1); 1 for an empty count."""
        if self.lines == 0:
            return Decimal(1)
        return (Decimal(self.lines - self.lines_with_difference) / self.lines).quantize(Decimal("0.0001"))


def totals(rows: Iterable[tuple[Variance, Decimal]]) -> VarianceTotals:
    """Sum variances; each row comes with its unit cost (for the expected value)."""
    n = diff_lines = 0
    exp = cnt = q_over = q_short = v_over = v_short = exp_value = ZERO
    for v, cost in rows:
        n += 1
        exp += v.expected
        cnt += v.counted
        exp_value += (v.expected * cost).quantize(MONEY_STEP)
        if v.difference > 0:
            diff_lines += 1
            q_over += v.difference
            v_over += v.value
        elif v.difference < 0:
            diff_lines += 1
            q_short += v.difference
            v_short += v.value
    return VarianceTotals(n, diff_lines, exp, cnt, q_over, q_short, v_over, v_short, exp_value)


def abc_classes(values: Mapping[K, Decimal], a_share: Decimal = Decimal("0.8"),
                b_share: Decimal = Decimal("0.95")) -> dict[K, str]:
    """Pareto classes by value: the items making up the first `a_share` of the total are A (the
    item that crosses the line is A too), up to `b_share` B, the rest C.  Ties keep key order."""
    ranked = sorted(((v, k) for k, v in values.items() if v > 0), key=lambda vk: -vk[0])
    total = sum((v for v, _ in ranked), ZERO)
    out: dict[K, str] = {k: "C" for k, v in values.items() if v <= 0}
    running = ZERO
    for v, k in ranked:
        before = running / total if total else Decimal(1)
        running += v
        out[k] = "A" if before < a_share else "B" if before < b_share else "C"
    return out


def parse_count_quantity(text: str) -> Decimal | None:
    """A typed quantity for a case ("12", "12.5", "x12", "12*"): None when it is not one."""
    t = text.strip().lower().removeprefix("x").removesuffix("*").strip().replace(",", ".")
    try:
        q = Decimal(t)
    except ArithmeticError:
        return None
    if not q.is_finite() or q == 0 or q != q.quantize(QTY_STEP) or abs(q) >= Decimal("100000000000"):
        return None
    return q
