"""Catalogue rules the database keeps for every writer, psql included (migration 0002)."""

from __future__ import annotations

import psycopg
import pytest

SEED = """
INSERT INTO catalog.product (code, name) VALUES ('P', '礼盒');
INSERT INTO catalog.sku (product_id, code, name) SELECT id, 'CUP', '保温杯' FROM catalog.product;
INSERT INTO catalog.sku (product_id, code, name) SELECT id, 'LID', '杯盖' FROM catalog.product;
INSERT INTO catalog.sku (product_id, code, name, is_kit) SELECT id, 'GIFT', '礼盒套装', true FROM catalog.product;
INSERT INTO catalog.kit_component (kit_sku_id, component_sku_id, quantity)
    SELECT k.id, c.id, 1 FROM catalog.sku k, catalog.sku c WHERE k.code = 'GIFT' AND c.code IN ('CUP', 'LID');
"""


def _version(conn, code: str) -> int:
    return conn.execute("SELECT version FROM catalog.sku WHERE code = %s", (code,)).fetchone()[0]


def test_barcode_added_by_any_role_moves_the_sku_version_on(db):
    with db.superuser() as su:
        su.execute(SEED)
    wh = db.add_login("warehouse")
    with psycopg.connect(wh.conninfo) as conn:
        before = _version(conn, "CUP")
        # a warehouse user may add barcodes but has no UPDATE right on the version column
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE catalog.sku SET version = version WHERE code = 'CUP'")
        conn.rollback()
        conn.execute("INSERT INTO catalog.barcode (sku_id, code, kind) "
                     "SELECT id, '6901234567892', 'EAN13' FROM catalog.sku WHERE code = 'CUP'")
        conn.commit()
        assert _version(conn, "CUP") > before
        updated_by = conn.execute("SELECT updated_by FROM catalog.sku WHERE code = 'CUP'").fetchone()[0]
    assert updated_by == wh.role_name  # the login, not the function's owner


def test_kit_line_change_moves_the_kit_version_on(db):
    with db.superuser() as su:
        su.execute(SEED)
    sales = db.add_login("sales")
    with psycopg.connect(sales.conninfo) as conn:
        before = _version(conn, "GIFT")
        conn.execute("UPDATE catalog.kit_component SET quantity = 2 WHERE component_sku_id = "
                     "(SELECT id FROM catalog.sku WHERE code = 'LID')")
        conn.commit()
        assert _version(conn, "GIFT") > before


def test_component_cannot_become_a_kit_and_kit_cannot_drop_its_flag(db):
    with db.superuser() as su:
        su.execute(SEED)
    sales = db.add_login("sales")
    with psycopg.connect(sales.conninfo) as conn:
        conn.execute("UPDATE catalog.sku SET is_kit = true WHERE code = 'CUP'")
        with pytest.raises(psycopg.errors.CheckViolation, match="component of a kit"):
            conn.commit()
        conn.execute("UPDATE catalog.sku SET is_kit = false WHERE code = 'GIFT'")
        with pytest.raises(psycopg.errors.CheckViolation, match="not a kit"):
            conn.commit()
        # in one transaction, in either order: drop the lines, then the flag
        conn.execute("UPDATE catalog.sku SET is_kit = false WHERE code = 'GIFT'")
        conn.execute("DELETE FROM catalog.kit_component")
        conn.commit()
        assert conn.execute("SELECT is_kit FROM catalog.sku WHERE code = 'GIFT'").fetchone() == (False,)
