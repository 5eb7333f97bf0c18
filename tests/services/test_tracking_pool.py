"""Tracking numbers from a carrier's pool: ranges and lists imported once, and every number taken
once however many packers take at the same moment (real parallel connections, each holding its
number until it commits)."""

from __future__ import annotations

import threading
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop.domain import fulfilment as f
from erp_desktop.domain.errors import ValidationError
from erp_desktop.services import fulfilment
from tests.fulfilment_fixtures import approved_orders, make_ship_world


@pytest.fixture
def world(db, session_factory):
    return make_ship_world(db, session_factory)


def test_ranges_count_up_keeping_letters_and_width_and_s10_numbers_get_their_check_digits():
    assert f.expand_range("SF0000000098", "sf0000000101") == ["SF0000000098", "SF0000000099", "SF0000000100",
                                                               "SF0000000101"]
    assert f.expand_range("7700001", "7700002") == ["7700001", "7700002"]
    # UPU S10 (EMS / China Post): the serial counts, each number gets its own check digit
    assert f.expand_range("RR473124829GB", "RR473124832GB") == ["RR473124829GB", "RR473124832GB"]
    with pytest.raises(ValidationError, match="S10"):          # a typo in a check digit is not a plain range
        f.expand_range("RR473124829GB", "RR473124837GB")
    assert f.parse_range("EA000000014CN ~ EA000000028CN") == ("EA000000014CN", "EA000000028CN")
    assert f.expand_range(*f.parse_range("EA000000014CN-EA000000028CN")) == ["EA000000014CN", "EA000000028CN"]
    for first, last in (("SF001", "YT002"), ("SF010", "SF009"), ("SF01", "SF002"), ("运单1", "运单2")):
        with pytest.raises(ValidationError):
            f.expand_range(first, last)
    with pytest.raises(ValidationError, match="at most"):
        f.expand_range("1000000", "3000000")


def test_a_list_and_a_range_are_imported_once_and_bad_lines_are_listed(session_factory, world):
    sf = world.carrier["SF"]
    with session_factory.begin() as s:
        listed = fulfilment.import_tracking_numbers(s, sf, ["SF100", " sf 101 ", "", "SF100", "运单号", "SF102"],
                                                    file_name="sf-numbers.txt")
        ranged = fulfilment.import_tracking_numbers(s, sf, number_range="SF101-SF105")
    assert (listed.imported, listed.duplicates, listed.rejected) == (3, 0, ("运单号",))
    assert (ranged.imported, ranged.duplicates) == (3, 2)             # SF101 and SF102 were there
    with session_factory.begin() as s:
        again = fulfilment.import_tracking_numbers(s, sf, number_range=("SF100", "SF105"))
        assert (again.imported, again.duplicates) == (0, 6)
        assert fulfilment.pool_left(s, sf) == 6
        assert fulfilment.pool_left(s, world.carrier["YTO"]) == 0      # each carrier its own pool
        assert [fulfilment.take_tracking_number(s, sf) for _ in range(2)] == ["SF100", "SF101"]
        runs = s.execute(text("SELECT source, imported, duplicates, file_name FROM fulfil.tracking_range "
                              "ORDER BY id")).all()
        assert [tuple(r) for r in runs] == [("list", 3, 0, "sf-numbers.txt"), ("range", 3, 2, None),
                                            ("range", 0, 6, None)]


def test_packers_taking_numbers_at_once_never_get_the_same_one(db, session_factory, world):
    sf = world.carrier["SF"]
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, sf, number_range="SF5000-SF5029")
    packers, rounds = 6, 5
    barrier = threading.Barrier(packers, timeout=20)
    taken: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def packer(sessions) -> None:
        try:
            for _ in range(rounds):
                with sessions.begin() as s:
                    number = fulfilment.take_tracking_number(s, sf)
                    barrier.wait()            # every packer holds its number, uncommitted, at the same moment
                with lock:
                    taken.append(number)
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()

    logins = [db.sessions(db.add_login("warehouse")) for _ in range(packers)]
    threads = [threading.Thread(target=packer, args=(sessions,)) for sessions in logins]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(taken) == packers * rounds and len(set(taken)) == len(taken)
    with session_factory.begin() as s, pytest.raises(f.NoTrackingNumberError) as empty:
        fulfilment.take_tracking_number(s, sf)
    assert empty.value.carrier == "SF"


def test_packers_shipping_at_once_each_get_their_own_number(db, session_factory, world):
    ids = approved_orders(session_factory, world, [(f"Q{i}", [("PEN", 2)]) for i in range(4)])
    with session_factory.begin() as s:
        fulfilment.import_tracking_numbers(s, world.carrier["SF"], number_range="SF7001-SF7004")
    barrier = threading.Barrier(4, timeout=20)
    shipped: list[str] = []
    errors: list[BaseException] = []

    def pack(order_id: int) -> None:
        try:
            sessions = db.sessions(db.add_login("warehouse"))
            barrier.wait()
            with sessions.begin() as s:
                result = fulfilment.ship_order(s, order_id, [fulfilment.Parcel(D("0.1"))], None, uuid.uuid4())
            shipped.extend(result.tracking_nos)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pack, args=(oid,)) for oid in ids.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(shipped) == ["SF7001", "SF7002", "SF7003", "SF7004"]
