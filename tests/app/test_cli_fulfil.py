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


def test_picking_lists_invoices_and_labels_print_into_one_file_each(shop_floor, session_factory, capsys, tmp_path):
    from pypdf import PdfReader

    _world, ids = shop_floor
    erp(capsys, "tracking", "import", "--carrier", "SF", "--range", "SF100-SF105")
    erp(capsys, "wave", "create", "--carrier", "SF")
    with session_factory() as s:
        waves = s.execute(text("SELECT wave_no FROM fulfil.wave ORDER BY single_item, id")).scalars().all()
    out = erp(capsys, "print", "picking-lists", *waves, "-o", tmp_path / "picks.pdf")
    assert "2 picking lists, 2 page(s)" in out
    text_of = [p.extract_text() for p in PdfReader(tmp_path / "picks.pdf").pages]
    assert waves[0] in text_of[0] and waves[1] in text_of[1] and "拣货单" in text_of[0]

    # a wave stands for its orders; an order number adds one more (never twice)
    erp(capsys, "print", "invoices", waves[0], "A3", "A1", "-o", tmp_path / "invoices.pdf")
    invoices = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "invoices.pdf").pages)
    assert invoices.count("第 1 / 1 页") == 3 and all(f"发货单 SO{ids[n]}" in invoices for n in ("A1", "A2", "A3"))

    assert "no shipped parcel" in erp(capsys, "print", "labels", "A1", "-o", tmp_path / "l.zpl", expect=2)
    erp(capsys, "ship", "A1", "--weight", "0.85")
    out = erp(capsys, "print", "labels", "A1", "--format", "zpl", "-o", tmp_path / "labels.zpl")
    assert "1 label(s) as ZPL" in out
    job = (tmp_path / "labels.zpl").read_bytes()
    assert job.startswith(b"^XA") and b"SF100" in job
    erp(capsys, "print", "labels", "A1", "-o", tmp_path / "labels.pdf")
    assert "SF100" in PdfReader(tmp_path / "labels.pdf").pages[0].extract_text()
    assert "no order or wave NOPE" in erp(capsys, "print", "invoices", "NOPE", "-o", tmp_path / "x.pdf", expect=2)
    assert "--format zpl|tspl is for labels" in erp(capsys, "print", "invoices", "A1", "--format", "zpl", "-o",
                                                    tmp_path / "x.zpl", expect=2)
