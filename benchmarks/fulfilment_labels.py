"""Shipping labels rendered per second, ZPL and TSPL, with Chinese in a printer font or as bitmaps.

    python benchmarks/fulfilment_labels.py [--runs 5] [--dpi 203]

No database: rendering is a pure function of a ShippingLabelDoc (devices/labels).  Each measured
run renders a batch of different labels (recipients, addresses, tracking numbers and sort codes
differ; the sender and carrier lines repeat, and the items from a few dozen combinations, as in a
shop's day, so bitmap mode reuses those lines' drawings) on the 100 x 150 "standard" and the
100 x 180 "ewaybill" layouts in turn; the figure is labels per second, the median over the runs.
benchmarks/fulfilment.py calls `measure(runs)` for its report; run alone it prints a table and one
line of JSON (DESIGN.md §9).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from _common import Timing, json_line, print_table

from erp_desktop.devices.labels import render_tspl, render_zpl
from erp_desktop.domain.documents import Party, ShippingLabelDoc

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
PLACES = ("浙江省杭州市西湖区文三路", "广东省深圳市南山区科技园南区高新南七道", "上海市浦东新区张江路",
          "北京市朝阳区建国路", "四川省成都市武侯区天府大道北段", "江苏省苏州市工业园区星湖街")
ITEMS = ("T恤 白 L x2", "马克杯 x1", "帆布包 黑 x1", "数据线 1m x3", "袜子 5双装 x1", "手机壳 透明 x2")
# per batch: bitmap mode draws each Chinese line with FreeType, so fewer labels keep a run short
BATCH = {"font": 200, "bitmap": 40}


def sample_labels(n: int, seed: int = 0) -> list[ShippingLabelDoc]:
    out = []
    for i in range(n):
        k = seed * 7919 + i
        name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[(k * 13) % len(GIVEN)]
        size = "100x150" if i % 2 == 0 else "100x180"
        out.append(ShippingLabelDoc(
            carrier="中通快递", service="标快", tracking_no=f"ZT{7_300_000_000_000 + k:013d}", order_no=f"SO-{k:08d}",
            recipient=Party(name, f"13{k % 1_000_000_000:09d}",
                            f"{PLACES[k % len(PLACES)]} {k % 900 + 1} 号 {k % 30 + 1} 栋 {k % 20 + 1}0{k % 9 + 1} 室",
                            f"{310000 + k % 9000}"),
            sender=Party("ACME 旗舰店", "021-12345678", "上海市浦东新区张江路 88 号 1 号仓"),
            items_summary="; ".join(ITEMS[(k + j) % len(ITEMS)] for j in range(1 + k % 4)),
            size=size, sort_code=f"{k % 900 + 100}-{k % 90 + 10} {PLACES[k % len(PLACES)][:2]}",
            weight_kg=Decimal(k % 5000 + 100) / 1000, printed_at=dt.datetime(2024, 11, 11, 9, 0)))
    return out


def _render(language: str) -> Callable[..., bytes]:
    return render_zpl if language == "zpl" else render_tspl


def _measure(runs: int, dpi: int) -> tuple[dict[str, Any], list[Timing]]:
    figures: dict[str, Any] = {}
    timings = []
    for language in ("zpl", "tspl"):
        render = _render(language)
        for cjk in ("font", "bitmap"):
            n = BATCH[cjk]
            render(sample_labels(1, seed=999)[0], dpi=dpi, cjk=cjk)          # warm up: fonts loaded
            ms, sizes = [], []
            for run in range(runs):
                batch = sample_labels(n, seed=run)
                t0 = time.perf_counter()
                jobs = [render(label, dpi=dpi, cjk=cjk) for label in batch]
                ms.append((time.perf_counter() - t0) * 1000)
                sizes.append(statistics.median(len(j) for j in jobs))
            figures[f"{language}_{cjk}_labels_per_s"] = 1000 * n / statistics.median(ms)
            figures[f"{language}_{cjk}_job_bytes"] = int(statistics.median(sizes))
            timings.append(Timing(f"{language.upper()} {cjk}: {n} labels", tuple(ms), n))
    figures["dpi"] = dpi
    return figures, timings


def measure(runs: int = 5, dpi: int = 203) -> dict[str, Any]:
    """Labels rendered per second (from the median batch time of `runs`) for zpl/tspl x font/bitmap,
    and the median job size in bytes of each."""
    return _measure(runs, dpi)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dpi", type=int, default=203, choices=(203, 300))
    args = ap.parse_args()
    figures, timings = _measure(args.runs, args.dpi)
    print_table(f"Shipping labels rendered at {args.dpi} dpi ({args.runs} runs, one batch each)", timings)
    print(f"\n{'figure':<12}  {'labels/s':>9}  {'job bytes':>9}")
    for language in ("zpl", "tspl"):
        for cjk in ("font", "bitmap"):
            print(f"{language.upper() + ' ' + cjk:<12}  {figures[f'{language}_{cjk}_labels_per_s']:>9.0f}  "
                  f"{figures[f'{language}_{cjk}_job_bytes']:>9}")
    print(json_line(figures))


if __name__ == "__main__":
    main()
