"""bench store: 100,000 mixed signed ops applied through `Store.apply` (verified, merged, committed
in batches of 1,000) against the same rows inserted raw with `sqlite3` in the same run; and the
time of `state_at` (replay) over those ops."""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.identity import Anchor, Identity, new_authority, new_epoch
from app.ops import encode, hlc_of_ms
from app.store.replay import state_at
from app.store.store import Store
from benchmarks import Figure

BATCH = 1000


def make_ops(n: int, seed: int = 7) -> tuple[Anchor, list[bytes]]:
    """n signed ops from four posts: puts with bases on incidents, features, units and tasks,
    deletes, and append-only reports and log entries — roughly what a busy incident writes."""
    rng = random.Random(seed)
    auth = new_authority()
    posts = [auth] + [
        Identity(Ed25519PrivateKey.generate(), new_epoch(), auth.anchor) for _ in range(3)
    ]
    seqs = {p.origin: 0 for p in posts}
    last: dict[tuple[str, str, str], list[list[object]]] = {}
    ops: list[bytes] = []
    t = 1_782_000_000_000

    def emit(p: Identity, etype: str, eid: str, kind: str, fields: dict[str, object]) -> None:
        nonlocal t
        t += 7
        seqs[p.origin] += 1
        names = ["deleted"] if kind == "del" else list(fields)
        bases = {f: last.get((etype, eid, f), []) for f in names} if kind != "add" else {}
        ops.append(
            encode(
                p.key,
                origin=p.origin,
                seq=seqs[p.origin],
                hlc=hlc_of_ms(t),
                operator="值班员",
                etype=etype,
                eid=eid,
                kind=kind,
                fields=fields,
                bases=bases,
            )
        )
        for f in names:
            last[(etype, eid, f)] = [[p.origin, seqs[p.origin]]]

    for p in posts:
        emit(
            auth,
            "post",
            p.post_id,
            "put",
            {
                "name": f"指挥所{p.post_id[:4]}",
                "role": "rear",
                "level": "district",
                "sign_key": p.sign_key.hex(),
            },
        )
    entities = {
        k: [uuid.uuid4().hex for _ in range(c)]
        for k, c in (("incident", 20), ("feature", 2000), ("unit", 300), ("task", 3000))
    }
    statuses = ["issued", "acknowledged", "in_progress", "done"]
    issued: set[str] = set()
    while len(ops) < n:
        p = rng.choice(posts)
        r = rng.random()
        if r < 0.25:
            eid = rng.choice(entities["feature"])
            emit(
                p,
                "feature",
                eid,
                "put",
                {
                    "symbol": "hazard",
                    "name": f"险情{rng.randint(1, 999)}",
                    "geom": {
                        "type": "Point",
                        "coordinates": [106.5 + rng.random() / 10, 29.5 + rng.random() / 10],
                    },
                },
            )
        elif r < 0.45:
            eid = rng.choice(entities["task"])
            if eid in issued:
                emit(p, "task", eid, "put", {"status": rng.choice(statuses)})
            else:
                issued.add(eid)
                emit(
                    p,
                    "task",
                    eid,
                    "put",
                    {
                        "title": "转移群众",
                        "status": "issued",
                        "issuer": p.post_id,
                        "assignee": rng.choice(entities["unit"]),
                        "assignee_kind": "unit",
                    },
                )
        elif r < 0.60:
            eid = rng.choice(entities["unit"])
            emit(
                p,
                "unit",
                eid,
                "put",
                {
                    "name": "救援队",
                    "type": "comprehensive",
                    "status": "on_scene",
                    "geom": {"type": "Point", "coordinates": [106.5 + rng.random() / 10, 29.5]},
                },
            )
        elif r < 0.65:
            emit(
                p,
                "incident",
                rng.choice(entities["incident"]),
                "put",
                {
                    "title": "洪水",
                    "category": "flood",
                    "status": "open",
                    "response_level": rng.randint(1, 4),
                },
            )
        elif r < 0.67:
            emit(p, "feature", rng.choice(entities["feature"]), "del", {})
        elif r < 0.85:
            emit(
                p,
                "report",
                uuid.uuid4().hex,
                "add",
                {
                    "incident_id": rng.choice(entities["incident"]),
                    "kind": "followup",
                    "trapped": rng.randint(0, 50),
                    "evacuated": rng.randint(0, 900),
                },
            )
        else:
            emit(
                p,
                "log",
                uuid.uuid4().hex,
                "add",
                {"text": "值班记录：水位上涨", "category": "duty"},
            )
    return auth.anchor, ops[:n]


def raw_insert(path: Path, ops: list[bytes]) -> float:
    """Baseline: the op-log rows alone, inserted with sqlite3 in batches, same pragmas."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE oplog (origin TEXT, seq INTEGER, hlc INTEGER, raw BLOB, PRIMARY KEY (origin, seq))"
    )
    rows = [(str(i % 4), i, i, raw) for i, raw in enumerate(ops)]
    t0 = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        with con:
            con.executemany("INSERT INTO oplog VALUES (?, ?, ?, ?)", rows[i : i + BATCH])
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def run(size: int | None = None) -> list[Figure]:
    n = size or 100_000
    t0 = time.perf_counter()
    anchor, ops = make_ops(n)
    gen = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as d:
        store = Store(f"sqlite:///{d}/bench.db", anchor=anchor)
        t0 = time.perf_counter()
        for i in range(0, n, BATCH):
            store.apply(ops[i : i + BATCH], source="bench")
        applied = time.perf_counter() - t0
        assert store.op_count() == n and not store.refused() and not store.quarantined()
        raw = raw_insert(Path(d) / "raw.db", ops)
        t0 = time.perf_counter()
        replay = state_at(store, store.clock.last)
        replay_s = time.perf_counter() - t0
        db_mb = os.path.getsize(f"{d}/bench.db") / 1e6
        store.close()
    return [
        Figure(
            "ops", n, "ops", f"from 4 posts, generated and signed in {gen:.1f} s (not timed below)"
        ),
        Figure("apply (verified, merged, committed)", n / applied, "ops/s", "goal ≥ 5,000"),
        Figure("raw sqlite3 insert of the same rows", n / raw, "rows/s", "baseline"),
        Figure("ratio apply / raw insert", applied / raw, "×", "how much slower the real path is"),
        Figure("state_at over all ops (replay)", replay_s, "s", f"{replay.op_count:,} ops rebuilt"),
        Figure("store size", db_mb, "MB", "SQLite file after apply"),
    ]
