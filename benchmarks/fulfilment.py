"""Fulfilment: 500 invoices and 500 picking lists to PDF (budget < 10 s each), the packing
station's scan-to-feedback with a pseudo-terminal scanner (budget p95 < 50 ms), labels rendered
per second (ZPL and TSPL).  DESIGN.md §9.

    python benchmarks/fulfilment.py [--runs 3] [--scans 500] [--skip docs|station|labels]

Each part is its own script that can also run alone (fulfilment_docs.py, fulfilment_station.py,
fulfilment_labels.py); this one runs them in turn, prints their tables and ends with one line of
JSON holding every figure and `budget_ok`.
"""

from __future__ import annotations

import argparse
from typing import Any

from _common import json_line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scans", type=int, default=500)
    ap.add_argument("--skip", action="append", default=[], choices=("docs", "station", "labels"))
    args = ap.parse_args()
    figures: dict[str, Any] = {}
    ok: list[bool] = []
    if "docs" not in args.skip:
        import fulfilment_docs

        docs = fulfilment_docs.measure(args.runs)
        print(f"\nA4 documents: 500 invoices {docs['invoices_s']:.2f} s ({docs['invoices_pages']} pages), "
              f"500 picking lists {docs['picking_lists_s']:.2f} s ({docs['picking_lists_pages']} pages); "
              f"budget {docs['budget_s']:.0f} s each: {'ok' if docs['budget_ok'] else 'OVER'}")
        figures.update({f"docs_{k}": v for k, v in docs.items() if k != "budget_ok"})
        ok.append(bool(docs["budget_ok"]))
    if "station" not in args.skip:
        import fulfilment_station

        station = fulfilment_station.measure(scans=args.scans)
        print("\nPacking station, scan to feedback with a pseudo-terminal scanner: " + ", ".join(
            f"{k} {v:.1f}" for k, v in station.items() if k.endswith("_ms")))
        figures.update({f"station_{k}": v for k, v in station.items() if k != "budget_ok"})
        ok.append(bool(station.get("budget_ok")))
    if "labels" not in args.skip:
        import fulfilment_labels

        lab = fulfilment_labels.measure(max(args.runs, 3))
        print("\nShipping labels rendered per second (203 dpi): " + ", ".join(
            f"{k.removesuffix('_labels_per_s')} {v:,.0f}" for k, v in lab.items() if k.endswith("_per_s")))
        figures.update({f"labels_{k}": v for k, v in lab.items()})
    figures["budget_ok"] = bool(ok) and all(ok)
    print(json_line(figures))


if __name__ == "__main__":
    main()
