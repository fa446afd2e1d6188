"""`zhijiu bench node` at a tiny size: 3 forward posts × 20 ops on real CURVE sockets, pushed to a
`zhijiu serve` node on PostgreSQL and on SQLite; the figures are sane and the node holds every op."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import BENCHMARKS
from benchmarks.bench_node import figures, measure, pct, shape
from benchmarks.pgcluster import PgCluster

POSTS, OPS = 3, 20


def test_registered_and_shaped() -> None:
    assert BENCHMARKS["node"] == "benchmarks.bench_node"
    assert shape(None) == (50, 400)
    assert shape(20_000) == (50, 400)
    assert shape(60) == (6, 10)
    assert pct([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert pct([1.0, 2.0, 3.0, 4.0], 95) == 4.0


@pytest.mark.postgres
def test_tiny_run_on_both_stores(tmp_path: Path, postgres_server: PgCluster) -> None:
    url = postgres_server.create_database("bench_node_test")
    try:
        pg = measure("PostgreSQL", tmp_path / "pg", posts=POSTS, ops_per_post=OPS, clients=2,
                     batch=8, window=2, db_url=url, pg_root=postgres_server.root, fanout_timeout=60)
    finally:
        postgres_server.drop_database("bench_node_test")
    lite = measure("SQLite", tmp_path / "lite", posts=POSTS, ops_per_post=OPS, clients=2,
                   batch=8, window=2, fanout_timeout=60)

    for run, dialect in ((pg, "postgresql"), (lite, "sqlite")):
        v = run.verified
        assert v["dialect"] == dialect
        # the roster (authority + 3 enrolled posts) and every pushed op, nothing else
        assert v["roster_ops"] == POSTS + 1
        assert v["ops"] == POSTS * OPS + POSTS + 1
        assert (v["held"], v["quarantined"], v["refused"]) == (0, 0, 0)
        assert run.total_ops == POSTS * OPS
        assert len(run.catchup_s) == POSTS
        assert 0 < run.catchup_s[0] <= run.catchup_s[-1] <= run.elapsed_s < 30
        assert run.ops_per_s > 10
        assert run.fanout_s is not None and run.fanout_s >= run.catchup_s[0]
        assert run.node_cpu_s >= 0
        assert not [line for line in run.odd if "Traceback" in line or "ERROR" in line]
    assert pg.db_cpu_s is not None and lite.db_cpu_s is None

    figs = {f.name: f for f in figures(pg, lite)}
    ratio = figs["sustained ops/s at the node — ratio PostgreSQL / SQLite"].value
    assert ratio == pytest.approx(pg.ops_per_s / lite.ops_per_s)
    assert figs["sustained ops/s at the node — SQLite"].value == pytest.approx(lite.ops_per_s)
    assert figs["per-post catch-up max — PostgreSQL"].value == pg.catchup_s[-1]
    assert figs["ops held after the run — SQLite"].value == POSTS * OPS + POSTS + 1
    assert all(f.value >= 0 for f in figs.values())
