"""Stocktake rules without a database: workflows, variance arithmetic, ABC classes, typed quantities."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.domain.stocktake import (
    BIN_TRANSITIONS,
    TRANSITIONS,
    StocktakeStateError,
    abc_classes,
    check_transition,
    expected_visible,
    parse_count_quantity,
    stocktake_ref,
    totals,
    variance,
)


def test_workflows_match_the_database_and_end_in_posted_or_cancelled():
    # the same pairs as stock.stocktake_check_state() in sql/0005_stocktake.sql
    pairs = {f"{a}>{b}" for a, bs in TRANSITIONS.items() for b in bs}
    assert pairs == {"draft>counting", "draft>cancelled", "counting>closed", "counting>cancelled",
                     "closed>counting", "closed>posted", "closed>cancelled"}
    bins = {f"{a}>{b}" for a, bs in BIN_TRANSITIONS.items() for b in bs}
    assert bins == {"pending>counting", "counting>counted", "counted>counting", "counting>recount",
                    "counted>recount", "recount>counting"}
    check_transition("closed", "posted")
    with pytest.raises(StocktakeStateError) as err:
        check_transition("posted", "posted")
    assert (err.value.state, err.value.action) == ("posted", "go to posted")
    with pytest.raises(StocktakeStateError):
        check_transition("counted", "pending", what="bin", key="A-01")


def test_variance_and_totals():
    v = variance(D("10"), D("8"), D("12.345"))
    assert (v.difference, v.value, v.kind) == (D("-2.000"), D("-24.69"), "short")
    rows = [(variance(D(5), D(6), D("2.50")), D("2.50")), (v, D("12.345")), (variance(D(3), D(3), D(1)), D(1))]
    t = totals(rows)
    assert (t.lines, t.lines_with_difference, t.qty_over, t.qty_short, t.net_qty) == (3, 2, 1, -2, -1)
    assert (t.value_over, t.value_short, t.net_value) == (D("2.50"), D("-24.69"), D("-22.19"))
    assert t.accuracy == D("0.3333") and totals([]).accuracy == 1


def test_abc_classes_by_value():
    values = {"a": D(500), "b": D(300), "c": D(120), "d": D(50), "e": D(30), "z": D(0)}
    assert abc_classes(values) == {"a": "A", "b": "A", "c": "B", "d": "B", "e": "C", "z": "C"}
    assert abc_classes({"only": D(1)}) == {"only": "A"}


def test_blind_counts_show_expected_to_leads_or_once_posted():
    assert expected_visible(False, "counting", False)
    assert not expected_visible(True, "counting", False) and not expected_visible(True, "closed", False)
    assert expected_visible(True, "counting", True) and expected_visible(True, "posted", False)


@pytest.mark.parametrize("typed, qty", [("12", D(12)), ("x12", D(12)), ("12*", D(12)), ("2,5", D("2.5")),
                                        ("-1", D(-1)), ("0", None), ("abc", None), ("1.0001", None), ("", None),
                                        ("nan", None), ("inf", None)])
def test_typed_quantities(typed, qty):
    assert parse_count_quantity(typed) == qty


def test_ref():
    assert stocktake_ref(42) == "ST000042"
