"""The report of benchmarks/orders.py's pipeline: the rates next to the baseline, and with --profile
where the time goes (the steps inside the workers, statements per order, a CPU profile of one worker,
each statement's round trip on its own).
"""

from __future__ import annotations

import os
import shutil
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

LABELS = {"baseline_1": "baseline: 1 order + 3 lines + 3 stock UPDATEs, psycopg",
          "schema_1": "our tables written by hand, psycopg (see below)",
          "service_1": "ours: import_orders + review_orders, 1 order",
          "baseline_10": "baseline, 10 orders per transaction",
          "service_10": "ours, 10 orders per transaction",
          "service_100": "ours as the app runs: a page of 100 orders per transaction"}
PAGE_KEY = "service_100"


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _us(v: float | None) -> str:
    return "" if v is None else f"{v:.0f} us"


def print_pipeline(res: dict, workers: int, seconds: float, budget: float, n_skus: int) -> dict:
    rates = res["rates"]
    med = {k: statistics.median(r["per_s"] for r in v) for k, v in rates.items()}
    client = {k: _median(r["client_us"] for r in v) for k, v in rates.items()}
    server = {k: _median(r["server_us"] for r in v) for k, v in rates.items()}
    base = med["baseline_1"]
    width = max(len(v) for v in LABELS.values())
    print(f"\nOrder pipeline, {workers} worker processes, {len(rates['baseline_1'])} interleaved runs of {seconds:g} s "
          f"each (budget: ours >= {budget:.0%} of the baseline).  Parse step: Taobao report rows as the CSV reader "
          "yields them, through the Taobao layouts in memory; 3 lines per order over "
          f"{n_skus} SKUs")
    head = (f"{'figure':<{width}}  {'orders/s':>9}  {'min/s':>7}  {'max/s':>7}  {'vs base':>7}  {'client CPU':>10}  "
            f"{'server CPU':>10}")
    print(head)
    print("-" * len(head))
    for k, label in LABELS.items():
        per_s = [r["per_s"] for r in rates[k]]
        print(f"{label:<{width}}  {med[k]:>9.0f}  {min(per_s):>7.0f}  {max(per_s):>7.0f}  {med[k] / base:>7.0%}  "
              f"{_us(client[k]):>10}  {_us(server[k]):>10}")
    print("(CPU per order: the worker process, and its server backend from /proc)")
    print("our tables written by hand: per transaction a customer and its account, the order (its 11 indexes and "
          "triggers), its 3 lines in one INSERT, 4 timeline events, the raw payload, 3 stock.reserve calls in SKU "
          "order, the lines linked, the order approved; 11 statements: what our schema costs the server without "
          "the service layer")
    outcomes: dict[str, int] = defaultdict(int)
    for r in rates[PAGE_KEY]:
        for k, v in r["outcomes"].items():
            outcomes[k] += v
    retries = {k: sum(r["retries"] for r in rates[k]) for k in rates}
    ratio = med[PAGE_KEY] / base
    print(f"ours (a page per transaction, as the app imports) / baseline: {ratio:.0%} "
          f"({'ok' if ratio >= budget else 'UNDER BUDGET'}); one order per transaction {med['service_1'] / base:.0%}, "
          f"10 per transaction {med['service_10'] / base:.0%}; review outcomes of the page runs {dict(outcomes)}; "
          f"deadlocks retried {retries}")
    figures: dict[str, Any] = {
        "pipeline_per_s": med[PAGE_KEY], "pipeline_baseline_per_s": base, "pipeline_vs_baseline": ratio,
        "pipeline_page_orders": int(PAGE_KEY.split("_")[1]),
        "pipeline_page_client_cpu_us": client[PAGE_KEY], "pipeline_page_server_cpu_us": server[PAGE_KEY],
        "pipeline_1_per_s": med["service_1"], "pipeline_1_vs_baseline": med["service_1"] / base,
        "pipeline_10_per_s": med["service_10"], "pipeline_baseline_10_per_s": med["baseline_10"],
        "pipeline_10_vs_baseline": med["service_10"] / base,
        "pipeline_10_vs_baseline_10": med["service_10"] / med["baseline_10"],
        "pipeline_1_client_cpu_us": client["service_1"], "pipeline_1_server_cpu_us": server["service_1"],
        "pipeline_baseline_client_cpu_us": client["baseline_1"],
        "pipeline_baseline_server_cpu_us": server["baseline_1"],
        "pipeline_10_client_cpu_us": client["service_10"], "pipeline_10_server_cpu_us": server["service_10"],
        "pipeline_approved": outcomes.get("approved", 0), "pipeline_held": outcomes.get("held", 0),
        "pipeline_rejected": outcomes.get("rejected", 0), "pipeline_deadlocks_retried": sum(retries.values()),
    }
    if res["profile"]:
        figures.update(print_profile(res["profile"], workers, int(PAGE_KEY.split("_")[1])))
    return figures


def print_profile(profiled: dict, workers: int, per_transaction: int) -> dict:
    """The steps (wall time per order inside a worker, all 4 busy) and statements per order; then
    the cProfile of one worker: its time by package and its busiest functions."""
    runs = profiled["steps"]
    orders = sum(r["count"] for r in runs)
    wall: dict[str, float] = defaultdict(float)
    statements: dict[str, float] = defaultdict(float)
    statement_s: dict[str, float] = defaultdict(float)
    for r in runs:
        for k, v in r["steps"]["wall"].items():
            wall[k] += v
        for k, v in r["steps"]["statements"].items():
            statements[k] += v
        for k, v in r["steps"]["statement_s"].items():
            statement_s[k] += v
    total = sum(v for k, v in wall.items() if "timed apart" not in k)
    print(f"\nWhere the time goes (--profile): {len(runs)} runs with every worker timing its steps, "
          f"{orders} orders, {sum(r['per_s'] for r in runs) / len(runs):.0f} orders/s while timing; "
          f"wall time per order inside one worker (the {workers} share the machine's {os.cpu_count()} cores with "
          "the server)")
    width = 40
    print(f"{'step':<{width}}  {'us/order':>9}  {'share':>6}")
    for k, v in wall.items():
        share = "" if "timed apart" in k else f"{v / total:.0%}"
        print(f"{k:<{width}}  {1e6 * v / orders:>9.0f}  {share:>6}")
    print(f"{'all':<{width}}  {1e6 * total / orders:>9.0f}")
    n_statements = sum(statements.values())
    # the batch reserves inside one statement; only an order approved one at a time calls the ledger
    # straight on psycopg (not counted here); BEGIN and COMMIT once per transaction
    per_order_tx = 2 / per_transaction
    print(f"\nround trips per order: {n_statements / orders + per_order_tx:.1f} = {n_statements / orders:.1f} "
          f"statements through SQLAlchemy (waiting for their answers {1e6 * sum(statement_s.values()) / orders:.0f} "
          f"us) + BEGIN and COMMIT ({per_transaction} orders per transaction)")
    for k in ("import", "review", "commit", "other"):
        if k in statements:
            print(f"  {k:<8} {statements[k] / orders:>5.1f} statements, {1e6 * statement_s[k] / orders:>6.0f} us")
    figures = {"profile_orders_per_s": sum(r["per_s"] for r in runs) / len(runs),
               "profile_statements_per_order": n_statements / orders,
               "profile_round_trips_per_order": n_statements / orders + per_order_tx,
               "profile_statement_wait_us": 1e6 * sum(statement_s.values()) / orders}
    figures.update({f"profile_{_key(k)}_us": 1e6 * v / orders for k, v in wall.items()})
    figures.update({f"profile_{k}_statements": v / orders for k, v in statements.items()})
    if profiled.get("cprofile"):
        figures.update(print_cprofile(profiled["cprofile"], per_transaction))
    for key, title in (("baseline_statements", "the baseline's statements"),
                       ("schema_statements", "our tables written by hand")):
        times = profiled.get(key)
        if times:
            print(f"\n{title}, one order per transaction, alone on one connection: round trip per order "
                  f"(server work + about 30 us of socket and client), {sum(times.values()):.0f} us in all")
            for k, v in times.items():
                print(f"  {k:<45} {v:>6.0f} us")
            figures[f"profile_{key}_us"] = sum(times.values())
    return figures


def _key(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label.split(" (")[0].lower()).strip("_")


def _package(filename: str, func: str) -> str:
    if filename == "~":
        if "wait" in func or "poll" in func or "select" in func:
            return "psycopg's socket calls"
        return "built-ins (str, dict, json, hashlib ...)"
    for part, name in (("/sqlalchemy/", "SQLAlchemy"), ("/psycopg/", "psycopg (Python part)"),
                       ("/erp_desktop/domain/", "erp_desktop.domain (checks, rules, routing)"),
                       ("/erp_desktop/services/", "erp_desktop.services"),
                       ("/erp_desktop/channels/", "erp_desktop.channels (parse)"),
                       ("/phonenumbers/", "phonenumbers"), ("orders_", "benchmark (making rows)")):
        if part in filename:
            return name
    return "other Python (stdlib: json, decimal, dataclasses ...)"


def print_cprofile(path: str, per_transaction: int) -> dict:
    import pstats

    stats = pstats.Stats(path)
    shutil.rmtree(Path(path).parent, ignore_errors=True)       # the run's temp folder
    raw = stats.stats      # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    calls_by_func = {f"{Path(k[0]).name}:{k[2]}": v for k, v in raw.items()}
    orders = (calls_by_func.get("orders.py:import_orders", (0, 0))[1] or 1) * per_transaction
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _line, func), v in raw.items():
        by_package[_package(filename, func)] += v[2]
    print(f"\ncProfile of one worker, CPU time ({orders} orders; cProfile itself slows Python down, so read the "
          "shares): its own CPU by package, per order")
    for name, t in sorted(by_package.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<50} {1e6 * t / orders:>7.0f} us  {t / total:>4.0%}")
    print("busiest functions (own time):")
    top = sorted(raw.items(), key=lambda kv: -kv[1][2])[:15]
    for (filename, line, func), v in top:
        where = "built-in" if filename == "~" else f"{Path(filename).parent.name}/{Path(filename).name}:{line}"
        print(f"  {1e6 * v[2] / orders:>7.0f} us  {v[1] / orders:>6.1f} calls  {func}  ({where})")
    print("cumulative, per order:")
    for name in ("orders_data.py:parse_taobao_rows", "orders.py:import_orders", "order_checks.py:check_order",
                 "order_review.py:review_orders", "order_review.py:load_rules", "stock.py:reserve_stock",
                 "orders.py:approve_orders", "orders.py:record_event", "session.py:commit"):
        v = calls_by_func.get(name)
        if v:
            print(f"  {name:<40} {1e6 * v[3] / orders:>7.0f} us  {v[1] / orders:>5.1f} calls")
    return {"cprofile_" + _key(k) + "_share": t / total for k, t in by_package.items()}
