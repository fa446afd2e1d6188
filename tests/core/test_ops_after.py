"""Store.ops_after: what a peer lacks, oldest HLC first across origins, in seq order per origin,
read as a k-way merge (about ``limit`` rows read, not ``limit`` from every origin)."""

from __future__ import annotations

import random

import pytest
from oplab import Lab
from sqlalchemy import event

from app.ops import open_envelope
from app.store.store import Draft


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A replica holding the ops of six posts written in an interleaved, uneven order."""
    lab = Lab(tmp_path_factory.mktemp("ops_after"))
    posts = [lab.post(f"前方{i}", "forward") for i in range(6)]
    hub = lab.replica("hub")
    for p in posts:
        lab.authority.send_to(p)  # each post knows the roster before it writes
    rnd = random.Random(9)
    for n in range(90):
        p = posts[min(rnd.randrange(8), 5)]  # the last post writes three times as much
        p.store.write([Draft("feature", f"f-{n}", "put", {"name": f"标绘{n}"})], operator="测试员")
    for p in [lab.authority, *posts]:
        hub.apply(list(p.store.ops_missing_from(hub.version_vector())), source=p.name)
    yield hub
    lab.close()


def reference(store, vv, limit):
    """Every op the holder of ``vv`` lacks, sorted by (hlc, origin, seq), the first ``limit``."""
    rows = []
    for raw in store.ops_missing_from({}):
        env, _ = open_envelope(raw)
        if env.seq > vv.get(env.origin, 0):
            rows.append((env.hlc, env.origin, env.seq, raw))
    rows.sort(key=lambda r: r[:3])
    return [(o, s, h, raw) for h, o, s, raw in rows[:limit]]


def count_rows_asked(store):
    """The LIMITs of the oplog SELECTs run: an upper bound of the rows read."""
    asked: list[int] = []

    def after(conn, cursor, statement, parameters, context, executemany):
        stmt = getattr(context.compiled, "statement", None)
        if "FROM oplog" in statement and getattr(stmt, "_limit", None) is not None:
            asked.append(int(stmt._limit))

    event.listen(store.engine, "after_cursor_execute", after)
    return asked, lambda: event.remove(store.engine, "after_cursor_execute", after)


@pytest.mark.parametrize("limit", [1, 7, 25, 64, 500])
def test_the_merge_gives_the_same_ops_in_the_same_order_as_a_full_sort(hub, limit):
    vv = hub.version_vector()
    origins = sorted(vv)
    rnd = random.Random(limit)
    for holder in ({}, {o: rnd.randrange(vv[o] + 1) for o in origins}, {origins[0]: vv[origins[0]]}):
        got = hub.ops_after(holder, limit)
        assert got == reference(hub, holder, limit)
        for o in origins:  # each origin in sequence order, without gaps from the holder's vector
            seqs = [s for oo, s, _, _ in got if oo == o]
            assert seqs == list(range(holder.get(o, 0) + 1, holder.get(o, 0) + 1 + len(seqs)))


def test_about_limit_rows_are_read_not_limit_from_every_origin(hub):
    vv = hub.version_vector()
    k, limit = len(vv), 20
    asked, stop = count_rows_asked(hub)
    try:
        got = hub.ops_after({}, limit)
    finally:
        stop()
    assert len(got) == limit
    # the old way read up to `limit` rows from each of the k origins: k × limit
    assert sum(asked) <= 2 * limit + k, asked
    assert sum(asked) < k * limit


def test_nothing_lacking_or_no_room_reads_nothing(hub):
    vv = hub.version_vector()
    assert hub.ops_after(vv, 50) == []
    assert hub.ops_after({}, 0) == []
