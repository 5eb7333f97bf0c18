"""`erp-desktop stock ...` from a script: receive, move, adjust, scrap, levels and the ledger check."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.stock_fixtures import make_world


def run(env, *args, expect=0):
    out = subprocess.run([sys.executable, "-m", "erp_desktop", "stock", *args], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == expect, out.stdout + out.stderr
    return out.stdout + out.stderr


def test_stock_commands_as_a_warehouse_lead(db):
    make_world(db)
    lead = db.add_login("warehouse_lead")
    env = dict(os.environ, ERP_DATABASE_URL=lead.url)
    run(env, "receive", "CUP", "10", "--bin", "HZ/A-01")
    run(env, "receive", "MILK", "6", "--bin", "HZ/A-02", "--lot", "L1", "--expires", "2099-01-31")
    run(env, "transfer", "CUP", "3", "--from", "HZ/A-01", "--to", "HZ/B-01")
    assert "in transit" in run(env, "transfer", "CUP", "2", "--from", "HZ/A-01", "--to", "GZ")
    run(env, "receive-transfer", "CUP", "2", "--bin", "GZ/A-01")
    run(env, "adjust", "CUP", "-1", "--bin", "HZ/B-01", "--reason", "lost", "--note", "找不到")
    run(env, "scrap", "MILK", "1", "--bin", "HZ/A-02", "--lot", "L1", "--reason", "damaged")
    levels = run(env, "levels", "CUP").splitlines()
    rows = {tuple(line.split()[:3]) for line in levels[1:]}
    assert ("CUP", "HZ", "7") in rows and ("CUP", "GZ", "2") in rows
    assert "holds" in run(env, "check")
    # refusals are said in words, with a non-zero exit
    assert "not enough stock" in run(env, "scrap", "CUP", "100", "--bin", "HZ/A-01", "--reason", "damaged",
                                     expect=1)
    assert "no SKU" in run(env, "receive", "NOPE", "1", "--bin", "HZ/A-01", expect=1)


def test_warehouse_staff_cannot_adjust_from_the_command_line(db):
    make_world(db)
    staff = db.add_login("warehouse")
    env = dict(os.environ, ERP_DATABASE_URL=staff.url)
    run(env, "receive", "PEN", "5", "--bin", "HZ/A-01")
    assert "permission denied" in run(env, "adjust", "PEN", "-1", "--bin", "HZ/A-01", "--reason", "lost", expect=1)
