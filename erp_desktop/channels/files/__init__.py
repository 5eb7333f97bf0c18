"""File imports of the platforms' own order exports, and of any other order list with a column mapping.

    FORMATS["jd"].parse([path]) -> ParsedOrders
    detect_format(paths) -> "taobao" | "jd" | "pdd" | "douyin" | None
    parse_order_files(platform, paths, mapping=None) -> ParsedOrders

Platform codes are sales.platform's.  Taobao and Tmall write the same two files (order report and
item report), so detect_format says "taobao" for both; the shop says which it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from erp_desktop.channels.base import OrderFileFormat
from erp_desktop.channels.files import douyin, jd, pdd, taobao
from erp_desktop.channels.files.generic import ColumnMapping, GenericFormat, suggest_mapping
from erp_desktop.channels.tabular import TableError, header_key, read_headers
from erp_desktop.domain.orders import ParsedOrders

FORMATS: dict[str, OrderFileFormat] = {
    "taobao": taobao.TaobaoFormat("taobao"),
    "tmall": taobao.TaobaoFormat("tmall"),
    "jd": jd.FORMAT,
    "pdd": pdd.FORMAT,
    "douyin": douyin.FORMAT,
}

_SIGNATURES = {"taobao": taobao.SIGNATURE, "jd": jd.SIGNATURE, "pdd": pdd.SIGNATURE, "douyin": douyin.SIGNATURE}
_MIN_SCORE = 4          # signature headers the files must have between them to be taken for an export


def detect_format(paths: Sequence[Path | str]) -> str | None:
    """Which platform's export the files are, told by their header rows; None when none fits
    (the user then maps the columns: generic import)."""
    scores = dict.fromkeys(_SIGNATURES, 0)
    for path in paths:
        try:
            _, headers = read_headers(Path(path))
        except TableError:
            continue
        keys = {header_key(h) for h in headers}
        for code, signature in _SIGNATURES.items():
            scores[code] += len(signature & keys)
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= _MIN_SCORE else None


def parse_order_files(platform: str, paths: Sequence[Path | str],
                      mapping: ColumnMapping | Mapping[str, str] | None = None) -> ParsedOrders:
    """The orders in the files: with the platform's own format, or with the shop's column mapping
    when one is given (a saved mapping may be passed as its JSON dict)."""
    files = [Path(p) for p in paths]
    if mapping is not None:
        if not isinstance(mapping, ColumnMapping):
            mapping = ColumnMapping.from_json(mapping)
        return GenericFormat(platform, mapping).parse(files)
    fmt = FORMATS.get(platform)
    if fmt is None:
        raise ValueError(f"{platform} has no export format of its own: import its files with a column mapping")
    return fmt.parse(files)


__all__ = ["FORMATS", "ColumnMapping", "GenericFormat", "detect_format", "parse_order_files", "suggest_mapping"]
