"""Permissions are the database's: a raw connection as each role tries what its role forbids.

The client hides what a role cannot do, but nothing stops a user with their own login and psql;
these tests connect as real app users with plain psycopg, no services in between."""

from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest
from psycopg import errors


@pytest.fixture
def sku_id(db) -> int:
    with db.superuser() as conn:
        pid = conn.execute(
            "INSERT INTO catalog.product (code, name) VALUES ('P-1', '蓝牙耳机') RETURNING id").fetchone()[0]
        sid = conn.execute("""INSERT INTO catalog.sku (product_id, code, name, price, weight_kg)
                              VALUES (%s, 'EAR-1', '蓝牙耳机', 199, 0.1) RETURNING id""", (pid,)).fetchone()[0]
        conn.execute("INSERT INTO crm.customer (name, phone) VALUES ('张三', '13800138000')")
    return sid


def refused(conn: psycopg.Connection, sql: str, params=()) -> bool:
    """True when the database refuses `sql` for lack of privilege (the transaction is rolled back)."""
    try:
        conn.execute(sql, params)
    except errors.InsufficientPrivilege:
        conn.rollback()
        return True
    conn.rollback()
    return False


def test_warehouse_reads_products_and_keeps_weights_but_not_prices(db, sku_id):
    login = db.add_login("warehouse")
    with psycopg.connect(login.conninfo) as conn:
        assert conn.execute("SELECT code, price FROM catalog.sku WHERE id = %s", (sku_id,)).fetchone()[0] == "EAR-1"
        conn.execute("UPDATE catalog.sku SET weight_kg = 0.25, length_cm = 12 WHERE id = %s", (sku_id,))
        conn.commit()
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE catalog.sku SET price = 1 WHERE id = %s", (sku_id,))
        conn.rollback()
        assert refused(conn, "UPDATE catalog.sku SET cost = 1 WHERE id = %s", (sku_id,))
        assert refused(conn, "DELETE FROM catalog.sku WHERE id = %s", (sku_id,))
        # they label what they stock: barcodes may be added
        conn.execute("INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, 'BIN-LABEL-1', 'CODE128')",
                     (sku_id,))
        conn.commit()
    with db.superuser() as conn:
        row = conn.execute("SELECT weight_kg, length_cm, price FROM catalog.sku WHERE id = %s", (sku_id,)).fetchone()
        assert row == (Decimal("0.250"), Decimal("12.0"), Decimal("199.00"))


def test_warehouse_cannot_read_customers(db, sku_id):
    login = db.add_login("warehouse")
    with psycopg.connect(login.conninfo) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("SELECT name, phone FROM crm.customer").fetchall()


def test_viewer_changes_nothing(db, sku_id):
    login = db.add_login("viewer")
    with psycopg.connect(login.conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM catalog.sku").fetchone()[0] == 1     # reads
        assert refused(conn, "INSERT INTO catalog.sku (product_id, code, name) "
                             "SELECT product_id, 'EAR-2', 'x' FROM catalog.sku WHERE id = %s", (sku_id,))
        assert refused(conn, "UPDATE catalog.sku SET weight_kg = 1 WHERE id = %s", (sku_id,))
        assert refused(conn, "UPDATE catalog.sku SET price = 1 WHERE id = %s", (sku_id,))
        assert refused(conn, "DELETE FROM catalog.sku WHERE id = %s", (sku_id,))
        assert refused(conn, "INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, 'V-1', 'CODE128')",
                       (sku_id,))
        assert refused(conn, "SELECT id FROM catalog.sku WHERE id = %s FOR UPDATE", (sku_id,))
        assert refused(conn, "INSERT INTO core.business_event (kind, entity) VALUES ('x', 'y')")


def test_finance_sets_prices_but_not_names(db, sku_id):
    login = db.add_login("finance")
    with psycopg.connect(login.conninfo) as conn:
        conn.execute("UPDATE catalog.sku SET price = 189, cost = 90 WHERE id = %s", (sku_id,))
        conn.commit()
        assert refused(conn, "UPDATE catalog.sku SET name = 'x' WHERE id = %s", (sku_id,))
        assert refused(conn, "UPDATE catalog.sku SET weight_kg = 1 WHERE id = %s", (sku_id,))
