"""Stock reference data for the Stock dock's filter bar and dialogs, the stock CLI and the
Replenishment dock: warehouses, their locations, reason codes, suppliers, a SKU by a scanned code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_desktop.db.models import Location, Reason, Sku, Supplier, Warehouse
from erp_desktop.services import catalog


@dataclass(frozen=True)
class WarehouseInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class LocationInfo:
    id: int
    warehouse_id: int
    code: str
    kind: str


@dataclass(frozen=True)
class ReasonInfo:
    code: str
    name: str
    name_zh: str


@dataclass(frozen=True)
class SupplierInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class SkuBrief:
    id: int
    code: str
    name: str
    spec: str
    unit: str
    is_kit: bool


def list_warehouses(session: Session) -> list[WarehouseInfo]:
    q = select(Warehouse.id, Warehouse.code, Warehouse.name).where(Warehouse.active).order_by(Warehouse.id)
    return [WarehouseInfo(*r) for r in session.execute(q)]


def list_locations(session: Session, warehouse_id: int, *, transit: bool = False) -> list[LocationInfo]:
    """Active locations of a warehouse in pick-path order (its transit location only if asked)."""
    q = (select(Location.id, Location.warehouse_id, Location.code, Location.kind)
         .where(Location.warehouse_id == warehouse_id, Location.active))
    if not transit:
        q = q.where(Location.kind != "transit")
    return [LocationInfo(*r) for r in session.execute(q.order_by(Location.pick_order, Location.code))]


def list_reasons(session: Session, applies_to: str) -> list[ReasonInfo]:
    """Reason codes for 'adjustment' or 'scrap' (with those for any)."""
    q = (select(Reason.code, Reason.name, Reason.name_zh)
         .where(Reason.applies_to.in_((applies_to, "any")))
         .order_by(Reason.applies_to == "any", Reason.code))
    return [ReasonInfo(*r) for r in session.execute(q)]


def list_suppliers(session: Session) -> list[SupplierInfo]:
    q = select(Supplier.id, Supplier.code, Supplier.name).order_by(Supplier.name)
    return [SupplierInfo(*r) for r in session.execute(q)]


def find_sku(session: Session, code: str) -> SkuBrief | None:
    """A scanned or typed code: the SKU with this barcode (or SKU code)."""
    sku_id = catalog.find_sku_by_barcode(session, code)
    return sku_brief(session, sku_id) if sku_id is not None else None


def sku_brief(session: Session, sku_id: int) -> SkuBrief | None:
    r = session.execute(select(Sku.id, Sku.code, Sku.name, Sku.spec, Sku.unit, Sku.is_kit)
                        .where(Sku.id == sku_id)).first()
    return SkuBrief(*r) if r else None
