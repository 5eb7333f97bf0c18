"""Where the shipped data lives: inside the installed package, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cannot find the {name}/ folder of erp-desktop (looked in {installed} and {checkout})")


def sql_dir() -> Path:
    return _data_dir("sql")


def resources_dir() -> Path:
    return _data_dir("resources")
