"""Every user-visible string of the UI has its Simplified Chinese, and the shipped .ts is up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "erp_desktop_zh_CN.ts"


def _sources(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    out = {}
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source"))] = msg.find("translation")
    return out


def test_every_string_is_translated():
    missing = [key for key, tr in _sources(TS).items()
               if tr is None or tr.get("type") == "unfinished" or not (tr.text or list(tr))]
    assert missing == []


def test_ts_file_covers_every_string_in_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run([lupdate, "-extensions", "py", str(ROOT / "erp_desktop" / "ui"), "-source-language", "en",
                    "-target-language", "zh_CN", "-no-obsolete", "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    new = set(_sources(fresh)) - set(_sources(TS))
    assert new == set(), "run pyside6-lupdate and translate (see resources/translations/README.md)"
