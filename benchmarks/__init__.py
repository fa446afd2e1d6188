"""Benchmarks: each prints figures beside a baseline measured in the same run (machines are noisy).

``zhijiu bench [NAME …] [--json]`` runs them; each module exposes ``run(size) -> list[Figure]``.
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import asdict, dataclass

BENCHMARKS = {"store": "benchmarks.bench_store", "sync": "benchmarks.bench_sync", "node": "benchmarks.bench_node",
              "map": "benchmarks.bench_map", "feeds": "benchmarks.bench_feeds", "board": "benchmarks.bench_board",
              "tasks": "benchmarks.bench_tasks", "interop": "benchmarks.bench_interop",
              "layers": "benchmarks.bench_layers"}


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    note: str = ""


def run_benchmarks(names: list[str], *, as_json: bool = False, size: int | None = None) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(
            f"zhijiu: unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    results: dict[str, list[Figure]] = {}
    for name in names or list(BENCHMARKS):
        module = importlib.import_module(BENCHMARKS[name])
        if not as_json:
            print(f"== bench {name}", flush=True)
        results[name] = module.run(size)
        if not as_json:
            width = max(len(f.name) for f in results[name])
            for f in results[name]:
                value = f"{f.value:,.3f}" if f.value < 100 else f"{f.value:,.0f}"
                print(f"  {f.name:<{width}}  {value:>14} {f.unit:<8} {f.note}")
    if as_json:
        print(
            json.dumps(
                {k: [asdict(f) for f in v] for k, v in results.items()},
                ensure_ascii=False,
                indent=2,
            )
        )
    return 0
