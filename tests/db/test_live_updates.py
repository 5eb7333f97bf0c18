"""Catalog changes are announced on commit, one small notification per statement (DESIGN.md §7)."""

from __future__ import annotations

import queue
import time

import psycopg

from erp_desktop.db.listener import ChangeListener

SEED = """
INSERT INTO catalog.product (code, name) VALUES ('P1', '蓝牙耳机');
INSERT INTO catalog.sku (product_id, code, name, price)
    SELECT p.id, 'SKU-' || g, '蓝牙耳机 ' || g, 99 FROM catalog.product p, generate_series(1, 600) g;
"""


def _listen(db, login):
    got: queue.Queue = queue.Queue()
    status: queue.Queue = queue.Queue()
    lst = ChangeListener(db.conninfo(login.role_name, login.password), got.put, status.put)
    lst.start()
    assert status.get(timeout=5) is True
    return lst, got


def _next(got, table, op="U", timeout=2.0):
    """The next change of `table` by `op` (the seeding inserts may still be on their way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        c = got.get(timeout=max(0.01, deadline - time.monotonic()))
        if c.table == table and c.op == op:
            return c
    raise AssertionError(f"no {op} of {table} within {timeout} s")


def test_price_change_reaches_another_client_within_a_second(db):
    with db.superuser() as su:
        su.execute(SEED)
    viewer = db.add_login("viewer")
    sales = db.add_login("sales")
    lst, got = _listen(db, viewer)
    try:
        with psycopg.connect(sales.conninfo) as conn:
            sku_id = conn.execute("SELECT id FROM catalog.sku WHERE code = 'SKU-7'").fetchone()[0]
            conn.execute("UPDATE catalog.sku SET price = 120 WHERE id = %s", (sku_id,))
            t0 = time.monotonic()
        change = _next(got, "catalog.sku")
        assert time.monotonic() - t0 < 1.0
        assert (change.op, change.ids) == ("U", (sku_id,))
    finally:
        lst.stop()


def test_nothing_is_announced_for_a_rolled_back_change(db):
    with db.superuser() as su:
        su.execute(SEED)
    admin = db.add_login("admin")
    lst, got = _listen(db, admin)
    try:
        with psycopg.connect(admin.conninfo) as conn:
            conn.execute("UPDATE catalog.sku SET price = 1 WHERE code = 'SKU-1'")
            conn.rollback()
            conn.execute("UPDATE catalog.sku SET price = 2 WHERE code = 'SKU-2'")
        change = _next(got, "catalog.sku")
        with psycopg.connect(admin.conninfo) as conn:
            sku2 = conn.execute("SELECT id FROM catalog.sku WHERE code = 'SKU-2'").fetchone()[0]
        assert change.ids == (sku2,)
    finally:
        lst.stop()


def test_bulk_change_says_reload_instead_of_listing_every_id(db):
    with db.superuser() as su:
        su.execute(SEED)
    admin = db.add_login("admin")
    lst, got = _listen(db, admin)
    try:
        with psycopg.connect(admin.conninfo) as conn:
            conn.execute("UPDATE catalog.sku SET price = price + 1")
        change = _next(got, "catalog.sku")
        assert change.op == "U" and change.ids is None
    finally:
        lst.stop()


def test_barcode_added_is_announced_as_a_change_of_its_sku(db):
    with db.superuser() as su:
        su.execute(SEED)
    wh = db.add_login("warehouse")
    lst, got = _listen(db, wh)
    try:
        with psycopg.connect(wh.conninfo) as conn:
            sku_id = conn.execute("SELECT id FROM catalog.sku WHERE code = 'SKU-3'").fetchone()[0]
            conn.execute("INSERT INTO catalog.barcode (sku_id, code, kind) VALUES (%s, '6901234567892', 'EAN13')",
                         (sku_id,))
        change = _next(got, "catalog.sku")
        assert change.ids == (sku_id,)
    finally:
        lst.stop()


def test_listener_reconnects_and_asks_for_a_reload(db):
    with db.superuser() as su:
        su.execute(SEED)
    admin = db.add_login("admin")
    got: queue.Queue = queue.Queue()
    status: queue.Queue = queue.Queue()
    reloads: queue.Queue = queue.Queue()
    lst = ChangeListener(admin.conninfo, got.put, status.put, lambda: reloads.put(True), max_backoff=0.5)
    lst.start()
    try:
        assert status.get(timeout=5) is True
        with db.superuser() as su:  # the server drops the listener's connection
            su.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE application_name = 'erp-desktop listener' AND datname = current_database()")
        assert status.get(timeout=5) is False
        assert status.get(timeout=5) is True
        assert reloads.get(timeout=5) is True
        with psycopg.connect(admin.conninfo) as conn:
            conn.execute("UPDATE catalog.sku SET price = 5 WHERE code = 'SKU-9'")
        assert _next(got, "catalog.sku").op == "U"
    finally:
        lst.stop()


def test_one_listener_flushes_and_another_takes_over_when_it_leaves(db):
    with db.superuser() as su:
        su.execute(SEED)
    a_login = db.add_login("viewer")
    b_login = db.add_login("viewer")
    writer = db.add_login("sales")
    a, got_a = _listen(db, a_login)
    b, got_b = _listen(db, b_login)
    try:
        time.sleep(0.5)
        assert a.is_flusher != b.is_flusher          # exactly one of them flushes the queue
        with psycopg.connect(writer.conninfo) as conn:
            conn.execute("UPDATE catalog.sku SET price = 7 WHERE code = 'SKU-5'")
        assert _next(got_a, "catalog.sku").ids == _next(got_b, "catalog.sku").ids
        flusher, other, got_other = (a, b, got_b) if a.is_flusher else (b, a, got_a)
        flusher.stop()
        with psycopg.connect(writer.conninfo) as conn:
            conn.execute("UPDATE catalog.sku SET price = 8 WHERE code = 'SKU-6'")
        change = _next(got_other, "catalog.sku", timeout=5.0)   # it claims the flusher's lock within seconds
        assert change.op == "U" and other.is_flusher
    finally:
        a.stop()
        b.stop()
