"""500 invoices and 500 picking lists, each batch into one PDF (budget: < 10 s each, DESIGN.md §9).

    python benchmarks/fulfilment_docs.py [--runs 3] [--docs 500]

No database: the documents are plain values (domain/documents.py) and the PDF is written by
documents.batch.render_batch as the app prints a wave, into a temporary file renamed into place.
The invoices are a shop's day: one to eight lines (a few run over two pages), most lines with
an EAN-13 or SKU barcode out of a catalogue of 300 SKUs, Chinese titles and addresses, two
platform order numbers, messages.  The picking lists are waves of 12 to 40 pick lines (lots and
expiry dates on a third, barcodes on all) with 10 to 80 order numbers, one to three pages each.
Every run uses new order and wave numbers, so no barcode of a document is drawn from an earlier
run's cache.  The figure is the median of `runs` after one unmeasured warm-up of 20 documents.
benchmarks/fulfilment.py calls `measure(runs)` for its report; run alone it prints a table and
one line of JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from _common import Timing, json_line, print_table

from erp_desktop.documents.batch import render_batch
from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.documents import CompanyHeader, DocumentLine, InvoiceDoc, Party, PickingListDoc, PickLine

BUDGET_S = 10.0
DOCS = 500

COMPANY = CompanyHeader("杭州好物电子商务有限公司", "浙江省杭州市余杭区文一西路 969 号 3 幢 5 楼", "0571-88886666",
                        "91330110MA2H3XXXXX", "service@haowu.example")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
PLACES = ("浙江省 杭州市 西湖区 文三路", "广东省 深圳市 南山区 科技园南区高新南七道", "上海市 浦东新区 张江路",
          "北京市 朝阳区 建国路", "四川省 成都市 武侯区 天府大道北段", "江苏省 苏州市 工业园区 星湖街")
TITLES = ("保温杯 500ml 不锈钢真空", "蓝牙耳机 降噪", "机械键盘 青轴 104 键", "无线鼠标 静音", "数据线 1.5米 快充",
          "充电宝 20000mAh", "手机壳 透明 防摔", "瑜伽垫 加厚 10mm 防滑", "T恤 纯棉 圆领", "帆布包 大容量")
VARIANTS = ("白色 / L", "黑色 / XL", "蓝色", "", "粉色 / M", "")
SKUS = [(f"SKU-{k:05d}", TITLES[k % len(TITLES)], VARIANTS[k % len(VARIANTS)],
         make_ean13(f"690{k:09d}") if k % 3 else f"SKU-{k:05d}") for k in range(300)]
T0 = dt.datetime(2024, 11, 11, 9, 0, tzinfo=dt.UTC)


def _name(k: int) -> str:
    return SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[(k * 13) % len(GIVEN)]


def sample_invoices(n: int, run: int = 0) -> list[InvoiceDoc]:
    out = []
    for i in range(n):
        k = run * 100_003 + i
        count = 14 if i % 50 == 7 else 1 + (k * 5) % 8
        lines = []
        for j in range(count):
            code, title, variant, barcode = SKUS[(k * 31 + j * 17) % len(SKUS)]
            price = Decimal(19 + (k + j) % 180) + Decimal("0.90")
            qty = Decimal(1 + (k + j) % 3)
            lines.append(DocumentLine(code, title, qty, variant, price, price * qty, barcode))
        goods = sum((ln.amount or Decimal(0) for ln in lines), Decimal(0))
        out.append(InvoiceDoc(
            COMPANY, f"SO{run:02d}-{i:06d}", "天猫 好物旗舰店",
            Party(_name(k), f"13{k % 1_000_000_000:09d}",
                  f"{PLACES[k % len(PLACES)]} {k % 900 + 1} 号 {k % 30 + 1} 栋 {k % 20 + 1}0{k % 9 + 1} 室",
                  f"{310000 + k % 9000}"),
            tuple(lines), (f"40{k:014d}", f"40{k + 1:014d}") if k % 4 == 0 else (f"40{k:014d}",), T0, T0, "CNY",
            goods, Decimal(k % 20), Decimal("8.00") if k % 3 else Decimal(0), goods - k % 20 + (8 if k % 3 else 0),
            "请尽快发货，谢谢！" if k % 5 == 0 else "", "赠品：杯刷一个" if k % 7 == 0 else "", "中通快递",
            f"7750{k:08d}", T0))
    return out


def sample_picking_lists(n: int, run: int = 0) -> list[PickingListDoc]:
    out = []
    for i in range(n):
        k = run * 100_003 + i
        lines = []
        for j in range(12 + k % 29):
            code, title, variant, barcode = SKUS[(k * 13 + j * 7) % len(SKUS)]
            lines.append(PickLine(f"{'ABCDEF'[j // 8 % 6]}-{j % 8 + 1:02d}-{(k + j) % 5 + 1:02d}", code, title,
                                  Decimal(1 + (k + j) % 6), j, variant, f"L{(k + j) % 90:04d}" if j % 3 == 0 else "",
                                  dt.date(2025, 1 + (k + j) % 12, 1) if j % 3 == 0 else None, barcode, 1 + j % 5))
        out.append(PickingListDoc(COMPANY, f"W{run:02d}-{i:06d}", "HZ 杭州主仓", tuple(lines), "中通快递", T0,
                                  tuple(f"SO{run:02d}-{i:04d}{m:03d}" for m in range(10 + k % 71)),
                                  "单品波次" if k % 4 == 0 else ""))
    return out


def _batch_seconds(kind: str, docs: list[Any], folder: Path) -> tuple[float, int, int]:
    out = folder / f"{kind}.pdf"
    t0 = time.perf_counter()
    pages = render_batch(kind, docs, out)
    seconds = time.perf_counter() - t0
    return seconds, pages, out.stat().st_size


def _measure(runs: int, n: int) -> tuple[dict[str, Any], list[Timing]]:
    figures: dict[str, Any] = {"docs": n, "runs": runs, "budget_s": BUDGET_S, "cpus": os.cpu_count()}
    timings = []
    with tempfile.TemporaryDirectory(prefix="erp-bench-docs-") as tmp:
        folder = Path(tmp)
        for kind, make in (("invoice", sample_invoices), ("picking_list", sample_picking_lists)):
            _batch_seconds(kind, make(20, run=99), folder)                    # warm up: font, imports
            secs, pages, sizes = [], [], []
            for run in range(runs):
                docs = make(n, run=run)
                s, p, size = _batch_seconds(kind, docs, folder)
                secs.append(s)
                pages.append(p)
                sizes.append(size)
            name = "invoices" if kind == "invoice" else "picking_lists"
            median = statistics.median(secs)
            figures[f"{name}_s"] = median
            figures[f"{name}_min_s"] = min(secs)
            figures[f"{name}_pages"] = pages[-1]
            figures[f"{name}_pdf_mb"] = statistics.median(sizes) / 1e6
            figures[f"{name}_budget_ok"] = median < BUDGET_S
            timings.append(Timing(f"{n} {name.replace('_', ' ')} -> one PDF ({pages[-1]} pages)",
                                  tuple(s * 1000 for s in secs), n))
    figures["budget_ok"] = bool(figures["invoices_budget_ok"] and figures["picking_lists_budget_ok"])
    return figures, timings


def measure(runs: int = 3, n: int = DOCS) -> dict[str, Any]:
    """Seconds (median of `runs`) to write `n` invoices and `n` picking lists each into one PDF,
    with the pages, the file sizes and the budget check (< 10 s each)."""
    return _measure(runs, n)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--docs", type=int, default=DOCS)
    args = ap.parse_args()
    figures, timings = _measure(args.runs, args.docs)
    print_table(f"A4 documents to PDF ({args.runs} runs, {figures['cpus']} CPUs), figures in ms", timings,
                budget_ms=BUDGET_S * 1000)
    for name in ("invoices", "picking_lists"):
        print(f"{name.replace('_', ' ')}: {figures[f'{name}_s']:.2f} s, {figures[f'{name}_pages']} pages, "
              f"{figures[f'{name}_pdf_mb']:.1f} MB; budget {BUDGET_S:.0f} s: "
              f"{'ok' if figures[f'{name}_budget_ok'] else 'OVER'}")
    print(json_line(figures))


if __name__ == "__main__":
    main()
