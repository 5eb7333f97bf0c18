"""`erp-desktop wave`, `tracking import`, `ship` and `shipment-file` as a warehouse user runs them:
in this process through `cli.main`, against the test database."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from erp_desktop import cli
from tests.fulfilment_fixtures import approved_orders, make_ship_world


@pytest.fixture
def shop_floor(db, session_factory, monkeypatch):
    world = make_ship_world(db, session_factory)
    ids = approved_orders(session_factory, world, [("A1", [("CUP", 2)]), ("A2", [("PEN", 3), ("LID", 1)]),
                                                   ("A3", [("PEN", 1)])])
    monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("warehouse").url)
    return world, ids


def erp(capsys, *args: str, expect: int = 0) -> str:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert code == expect, out.out + out.err
    return out.out + out.err


def test_waves_picking_lists_and_shipping_from_the_command_line(shop_floor, session_factory, capsys, tmp_path):
    _world, ids = shop_floor
    assert "6 new number(s), 0 in the pool already, 0 rejected; 6 free" in \
        erp(capsys, "tracking", "import", "--carrier", "sf", "--range", "SF100-SF105")
    numbers = tmp_path / "yto.txt"
    numbers.write_text("YT001\nYT002\n\nYT001\n运单\n", encoding="utf-8")
    out = erp(capsys, "tracking", "import", "--carrier", "YTO", numbers, expect=1)
    assert "2 new number(s)" in out and "not a tracking number: '运单'" in out
    assert "no carrier 'DHL'" in erp(capsys, "tracking", "import", "--carrier", "DHL", "--range", "1-2", expect=2)

    out = erp(capsys, "wave", "create", "--carrier", "SF")
    assert "2 wave(s), 3 order(s) to pick" in out                 # A3 (one pen) in a single-item wave
    assert "no approved order" in erp(capsys, "wave", "create")
    with session_factory() as s:
        wave_no = s.execute(text("SELECT wave_no FROM fulfil.wave WHERE NOT single_item")).scalar_one()
    listed = erp(capsys, "wave", "list")
    assert wave_no in listed and "2 wave(s)" in listed
    shown = erp(capsys, "wave", "show", wave_no)
    lines = [ln.split()[:5] for ln in shown.splitlines()[2:5]]
    assert lines == [["A-01", "LID", "1", "1", "杯盖"], ["A-01", "PEN", "3", "1", "签字笔"],
                     ["A-02", "CUP", "2", "1", "保温杯"]]
    assert "orders: A1, A2" in shown

    pack = uuid.uuid4()
    out = erp(capsys, "ship", "A1", "--weight", "0.85", "--pack-id", pack)
    assert "order A1 shipped with 顺丰速运: SF100" in out and "warning" not in out
    assert "nothing done again" in erp(capsys, "ship", "A1", "--weight", "0.85", "--pack-id", pack)
    assert "shipped already" in erp(capsys, "ship", "A1", "--weight", "0.85", expect=1)
    out = erp(capsys, "ship", f"SO{ids['A2']}", "--weight", "2.5", "--weight", "0.3", "--tracking", "SF-PAPER-1")
    assert "SF-PAPER-1, SF101" in out and "warning: weighed 2.8 kg, expected 0.16 kg" in out
    assert "no order NOPE" in erp(capsys, "ship", "NOPE", "--weight", "1", expect=2)

    csv_out = tmp_path / "ship.csv"
    assert "2 shipped order(s) of shop TB1" in erp(capsys, "shipment-file", "--shop", "TB1", csv_out)
    assert csv_out.read_text(encoding="utf-8-sig").splitlines() == [
        "订单编号,物流公司,运单号", "A1,顺丰速运,SF100", "A2,顺丰速运,SF-PAPER-1"]
