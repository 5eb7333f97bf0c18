"""Catalog use cases: SKUs, barcodes, kits; the lazy list's keyset queries.

CONTRACT (being implemented): the UI codes against these names and dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

# Sort keys the list supports (column name -> stable order with id as tie-breaker)
SORT_KEYS = ("code", "name", "price", "category", "status", "updated_at")


@dataclass(frozen=True)
class SkuFilter:
    text: str = ""                    # code prefix, name substring, barcode, or pinyin initials
    category_id: int | None = None    # includes sub-categories
    status: str | None = None         # active / inactive / discontinued
    kits_only: bool = False


@dataclass(frozen=True)
class SkuRow:
    """One row of the Products list."""

    id: int
    code: str
    name: str
    spec: str
    category: str | None
    status: str
    is_kit: bool
    unit: str
    price: Decimal
    cost: Decimal
    weight_kg: Decimal | None
    barcodes: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class KitLine:
    component_code: str
    quantity: Decimal


@dataclass(frozen=True)
class SkuInput:
    """Create (id=None) or update a SKU.  Its product is found by product_code, else created."""

    code: str
    name: str
    product_code: str | None = None   # defaults to the SKU code
    spec: str = ""
    category_code: str | None = None
    status: str = "active"
    unit: str = "pcs"
    price: Decimal = Decimal("0")
    cost: Decimal = Decimal("0")
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    barcodes: tuple[str, ...] = ()
    kit: tuple[KitLine, ...] = ()     # non-empty makes it a kit
    id: int | None = None
    version: int | None = None        # the version loaded; a mismatch raises ConcurrentChangeError


@dataclass(frozen=True)
class SkuDetail:
    id: int
    code: str
    name: str
    product_code: str
    spec: str
    category_code: str | None
    status: str
    unit: str
    price: Decimal
    cost: Decimal
    weight_kg: Decimal | None
    length_cm: Decimal | None
    width_cm: Decimal | None
    height_cm: Decimal | None
    barcodes: tuple[str, ...]
    kit: tuple[KitLine, ...]
    version: int


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class RowError:
    row: int           # 1-based row number as the user sees it in the file (header is row 1)
    column: str        # column header as in the file
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def list_skus(session: Session, flt: SkuFilter, sort: str = "code", descending: bool = False,
              after: tuple | None = None, limit: int = 200) -> list[SkuRow]:
    """One keyset page: rows strictly after `after` (the sort_key() of the last row loaded)."""
    raise NotImplementedError


def sort_key(row: SkuRow, sort: str) -> tuple:
    """The keyset position of a row for `sort`, to pass back as `after`."""
    raise NotImplementedError


def get_sku_rows(session: Session, ids: list[int]) -> dict[int, SkuRow]:
    """Fresh rows for the given ids (for live updates); missing ids were deleted."""
    raise NotImplementedError


def count_skus(session: Session, flt: SkuFilter) -> int:
    raise NotImplementedError


def find_sku_by_barcode(session: Session, code: str) -> int | None:
    """A scanned code: a barcode of a SKU, or a SKU code itself."""
    raise NotImplementedError


def search_skus(session: Session, text: str, limit: int = 20) -> list[SkuRow]:
    """Global search (Ctrl+K): exact barcode, then code prefix, pinyin initials, name."""
    raise NotImplementedError


def get_sku(session: Session, sku_id: int) -> SkuDetail:
    raise NotImplementedError


def validate_sku(session: Session, cmd: SkuInput) -> list:
    """Field errors (domain FieldError) incl. those needing the database (duplicate code/barcode, unknown kit part)."""
    raise NotImplementedError


def save_sku(session: Session, cmd: SkuInput) -> int:
    raise NotImplementedError


def list_categories(session: Session) -> list[CategoryInfo]:
    raise NotImplementedError


def import_skus(session: Session, path, *, sheet: str | None = None) -> ImportReport:
    """Import SKUs from .xlsx or .csv (UTF-8, UTF-8 with BOM or GBK); good rows go in, bad rows are reported."""
    raise NotImplementedError


def export_skus(session: Session, flt: SkuFilter, path, sort: str = "code", descending: bool = False) -> int:
    """Write what the list shows (same filter and order) to .xlsx; returns the row count."""
    raise NotImplementedError
