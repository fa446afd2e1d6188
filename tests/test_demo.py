"""The demo scenario: loads cleanly on the authority post, once, and tells a full story."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.task import PRIORITIES, STATUSES, is_overdue, is_unacknowledged_late
from app.identity import Identity, new_authority, new_epoch
from app.ops import decode, hlc_ms
from app.services.common import now_ms
from app.services.demo import (
    DEMO_EPOCH,
    DEMO_POSTS,
    DISTRICT,
    SPAN_MS,
    demo_id,
    load_demo,
    scenario_ops,
)
from app.services.posts import init_post
from app.services.reports import incident_totals
from app.store.replay import state_at
from app.store.store import Refused, Store

NOW = 1_767_000_000_000  # 2025-12-29 09:20 UTC: a fixed moment for the deterministic checks
FLOOD = demo_id("incident", "flood-2rivers")
SLIDE = demo_id("incident", "landslide-huanghuayuan")
DEMO_ORIGINS = {p.origin for p in DEMO_POSTS}


def _city(path: Path, db_url: str | None = None) -> Store:
    folder = init_post(path, name="重庆市应急管理局指挥中心", role="rear", level="city", db_url=db_url)
    return folder.open_store()


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Store]:
    store = _city(tmp_path / "post")
    yield store
    store.close()


@pytest.fixture
def loaded(city: Store) -> Store:
    """The demo loaded as `zhijiu demo` does it: ending just before the real now."""
    load_demo(city)
    return city


# ----------------------------------------------------------------------------- loading


def test_loads_every_op_with_nothing_refused_quarantined_or_held(
    tmp_path: Path, store_url: str
) -> None:
    city = _city(tmp_path / "post", store_url)
    try:
        assert city.identity is not None
        expected = len(scenario_ops(NOW, city.identity.post_id))
        before = city.op_count()

        applied = load_demo(city, now_ms=NOW)

        assert applied == expected > 200
        assert city.refused() == []
        assert city.quarantined() == []
        assert city.held_count() == 0
        assert city.conflicts() == []  # every update named the version its author saw
        # the scenario ops plus one roster op per demo post
        assert city.op_count() == before + len(DEMO_POSTS) + applied
        assert load_demo(city, now_ms=NOW) == 0
        assert city.op_count() == before + len(DEMO_POSTS) + applied
    finally:
        city.close()


def test_second_run_adds_nothing(loaded: Store) -> None:
    ops, dump = loaded.op_count(), loaded.dump()
    assert load_demo(loaded) == 0
    assert load_demo(loaded, now_ms=now_ms() + 3_600_000) == 0  # later, other stamps: still nothing
    assert loaded.op_count() == ops
    assert loaded.dump() == dump
    assert loaded.quarantined() == []  # no equivocation: the same numbers were never re-signed


def test_demo_posts_are_enrolled_once_under_the_local_authority(loaded: Store) -> None:
    assert loaded.identity is not None
    roster = {e.eid: e for e in loaded.entities("post")}
    assert len(roster) == 1 + len(DEMO_POSTS)
    for p in DEMO_POSTS:
        entry = roster[p.post_id]
        assert (entry.get("name"), entry.get("role"), entry.get("level")) == (p.name, p.role, p.level)
        assert entry.get("sign_key") == p.sign_key.hex()
    assert roster[DISTRICT.post_id].get("parent") == loaded.identity.post_id
    assert {roster[p.post_id].get("parent") for p in DEMO_POSTS if p is not DISTRICT} == {
        DISTRICT.post_id
    }
    assert {e.get("role") for e in roster.values()} == {"rear", "forward"}


def test_identities_and_ids_are_deterministic(tmp_path: Path) -> None:
    a, b = _city(tmp_path / "a"), _city(tmp_path / "b")
    try:
        load_demo(a, now_ms=NOW)
        load_demo(b, now_ms=NOW)
        assert a.identity is not None and b.identity is not None
        assert a.identity.post_id != b.identity.post_id
        ids_a = {e.eid for e in a.entities()} - {a.identity.post_id}
        ids_b = {e.eid for e in b.entities()} - {b.identity.post_id}
        assert ids_a == ids_b and len(ids_a) > 150
        demo_vv = {o: s for o, s in a.version_vector().items() if o in DEMO_ORIGINS}
        assert demo_vv == {o: s for o, s in b.version_vector().items() if o in DEMO_ORIGINS}
        assert set(demo_vv) == DEMO_ORIGINS
    finally:
        a.close()
        b.close()


def test_stamps_spread_over_six_hours_increasing_per_origin() -> None:
    ops = scenario_ops(NOW, "c1c1c1c1c1c1c1c1")
    by_origin: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for op in ops:
        by_origin[op.origin].append((op.seq, op.hlc))
        assert op.origin.endswith("." + DEMO_EPOCH)
    for seqs in by_origin.values():
        assert [s for s, _ in seqs] == list(range(1, len(seqs) + 1))
        stamps = [h for _, h in seqs]
        assert stamps == sorted(set(stamps))  # strictly increasing
    times = [hlc_ms(op.hlc) for op in ops]
    assert min(times) >= NOW - SPAN_MS - 60_000 and max(times) < NOW - 10 * 60_000
    assert max(times) - min(times) > 5 * 3600 * 1000
    operators = {decode(op.raw).operator for op in ops}
    assert "李明(值班长)" in operators and "王芳(值班长)" in operators and len(operators) >= 10


# ----------------------------------------------------------------------------- who may load it


def test_a_post_that_is_not_the_roster_authority_is_refused(tmp_path: Path) -> None:
    authority = new_authority()
    district = Identity(Ed25519PrivateKey.generate(), new_epoch(), authority.anchor)
    store = Store(f"sqlite:///{tmp_path / 'district.db'}", anchor=authority.anchor, identity=district)
    try:
        assert not district.is_authority
        with pytest.raises(Refused, match="only be loaded on the roster authority"):
            load_demo(store, now_ms=NOW)
        assert store.op_count() == 0
    finally:
        store.close()


def test_a_store_without_identity_is_refused(tmp_path: Path) -> None:
    authority = new_authority()
    store = Store(f"sqlite:///{tmp_path / 'relay.db'}", anchor=authority.anchor)
    try:
        with pytest.raises(Refused, match="identity"):
            load_demo(store, now_ms=NOW)
        assert store.op_count() == 0
    finally:
        store.close()


# ----------------------------------------------------------------------------- the story


def test_two_incidents_open_and_the_flood_raised_from_four_to_three(loaded: Store) -> None:
    incidents = {e.eid: e for e in loaded.entities("incident")}
    assert set(incidents) == {FLOOD, SLIDE}
    assert all(e.get("status") == "open" for e in incidents.values())
    flood, slide = incidents[FLOOD], incidents[SLIDE]
    assert (flood.get("category"), flood.get("response_level")) == ("flood", 3)
    assert (slide.get("category"), slide.get("response_level")) == ("landslide", 4)
    assert flood.get("area")["type"] == "Polygon"
    levels = [op.fields["response_level"] for op, _, _ in loaded.history("incident", FLOOD)
              if "response_level" in op.fields]
    assert levels == [4, 3]
    # incidents come from rear posts
    rear = {p.origin for p in DEMO_POSTS if p.role == "rear"}
    assert {e.created_origin for e in incidents.values()} <= rear


def test_replay_shows_level_four_before_the_raise(loaded: Store) -> None:
    raise_op = next(op for op, _, _ in loaded.history("incident", FLOOD)
                    if op.fields.get("response_level") == 3)
    before = state_at(loaded, raise_op.hlc - 1).get("incident", FLOOD)
    after = state_at(loaded, raise_op.hlc).get("incident", FLOOD)
    assert before is not None and after is not None
    assert before.values()["response_level"] == 4
    assert after.values()["response_level"] == 3
    assert state_at(loaded, raise_op.hlc).get("incident", SLIDE) is None  # opened later


def test_warnings_orange_flood_and_yellow_geological(loaded: Store) -> None:
    warnings = {e.get("type"): e for e in loaded.entities("warning")}
    flood, geo = warnings["flood"], warnings["geological"]
    assert (flood.get("level"), geo.get("level")) == ("orange", "yellow")
    for w in (flood, geo):
        assert w.get("status") == "active" and w.get("stage") and w.get("tiers")
        assert w.get("area")["type"] == "Polygon"
        assert w.get("valid_from") < now_ms() < w.get("valid_to")
    assert (flood.get("incident_id"), geo.get("incident_id")) == (FLOOD, SLIDE)
    assert [op.fields.get("level") for op, _, _ in loaded.history("warning", flood.eid)
            if "level" in op.fields] == ["yellow", "orange"]


def test_map_features(loaded: Store) -> None:
    features = loaded.entities("feature")
    symbols = {e.get("symbol") for e in features}
    assert {"hazard", "risk_point", "shelter", "depot", "command_post", "road_cut",
            "evacuation_route", "danger_zone", "staging_area", "rescue_point", "gauge"} <= symbols
    gauge = next(e for e in features if e.get("symbol") == "gauge")
    assert "朝天门" in gauge.get("name") and "195" in gauge.get("note")
    assert gauge.get("props")["flood_standard_m"] == 195.0
    assert gauge.get("props")["level_m"] > gauge.get("props")["guarantee_level_m"]
    assert all(e.get("level") for e in features if e.get("symbol") in ("hazard", "risk_point"))
    # every point lies in 渝中区 (WGS-84)
    for e in features:
        g = e.get("geom")
        pts = [g["coordinates"]] if g["type"] == "Point" else (
            g["coordinates"] if g["type"] == "LineString" else g["coordinates"][0])
        for lon, lat in pts:
            assert 106.52 < lon < 106.60 and 29.53 < lat < 29.58, e.get("name")
    # a misplotted symbol was deleted (a tombstone), the rest are live
    deleted = [e for e in loaded.entities("feature", include_deleted=True) if e.deleted]
    assert len(deleted) == 1


def test_shelters_fill_within_capacity_and_depots_move_both_ways(loaded: Store) -> None:
    shelters = {e.eid: e for e in loaded.entities("feature") if e.get("symbol") == "shelter"}
    assert all(e.get("capacity") and e.get("shelter_kind") for e in shelters.values())
    occupied: dict[str, int] = defaultdict(int)
    for m in loaded.entities("occupancy"):
        occupied[m.get("shelter_id")] += m.get("delta")
    assert set(occupied) <= set(shelters) and len(occupied) >= 3
    for sid, n in occupied.items():
        assert 0 < n <= shelters[sid].get("capacity")

    depots = {e.eid for e in loaded.entities("feature") if e.get("symbol") == "depot"}
    assert len(depots) == 2
    stock: dict[tuple[str, str], float] = defaultdict(float)
    deltas = []
    for m in sorted(loaded.entities("stock"), key=lambda e: e.created_hlc):
        key = (m.get("depot_id"), m.get("item"))
        stock[key] += m.get("delta")
        assert stock[key] >= 0, key  # never draws more than is there
        deltas.append(m.get("delta"))
    assert {d for d, _ in stock} == depots
    assert any(d > 0 for d in deltas) and any(d < 0 for d in deltas)
    assert any(m.get("task_id") for m in loaded.entities("stock"))


def test_rescue_teams(loaded: Store) -> None:
    units = loaded.entities("unit")
    assert 6 <= len(units) <= 10
    assert len({u.get("type") for u in units}) >= 6
    assert len({u.get("status") for u in units}) >= 4
    posts = {p.post_id for p in DEMO_POSTS}
    for u in units:
        assert u.get("post_id") in posts
        assert u.get("headcount") > 0 and u.get("equipment") and u.get("geom")
    # the boat team moved: several positions in its history, ending at 大溪沟
    water = demo_id("unit", "water")
    moves = [op.fields["geom"] for op, _, _ in loaded.history("unit", water) if "geom" in op.fields]
    assert len(moves) >= 4
    assert loaded.get("unit", water).get("geom") == moves[-1]  # type: ignore[union-attr]


def test_tasks_in_every_status_some_overdue(loaded: Store) -> None:
    now = now_ms()
    tasks = loaded.entities("task")
    assert len(tasks) >= 10
    assert {t.get("status") for t in tasks} == set(STATUSES)
    assert any(is_overdue(t.data, now) for t in tasks)
    assert any(is_unacknowledged_late(t.data, now) for t in tasks)
    assert {t.get("assignee_kind") for t in tasks} == {"unit", "post"}
    units = {u.eid for u in loaded.entities("unit")}
    posts = {p.post_id for p in DEMO_POSTS}
    for t in tasks:
        assert t.get("assignee") in (units if t.get("assignee_kind") == "unit" else posts)
        assert t.get("incident_id") in (FLOOD, SLIDE)
        assert t.get("priority") in PRIORITIES
        assert t.get("issued_at") and t.get("deadline") > t.get("issued_at")
    # a forward post orders only its own units
    forward = {p.post_id for p in DEMO_POSTS if p.role == "forward"}
    own = {u.eid: u.get("post_id") for u in loaded.entities("unit")}
    assert sum(t.get("geom") is not None for t in tasks) >= len(tasks) - 1
    for t in tasks:
        if t.get("issuer") in forward:
            assert own[t.get("assignee")] == t.get("issuer")
    # feedback follows the tasks along
    fed = defaultdict(list)
    for fb in loaded.entities("feedback"):
        fed[fb.get("task_id")].append(fb)
    worked = [t for t in tasks if t.get("status") != "issued"]
    assert all(fed[t.eid] for t in worked)
    reassigned = demo_id("task", "pump")
    assert [op.fields.get("assignee") for op, _, _ in loaded.history("task", reassigned)
            if "assignee" in op.fields] == [demo_id("unit", "jfb-street"), demo_id("unit", "drainage")]


def test_first_and_followup_reports_with_growing_figures(loaded: Store) -> None:
    reports = loaded.entities("report")
    assert {r.get("kind") for r in reports} == {"first", "followup"}
    series: dict[tuple[str, str], list] = defaultdict(list)
    for r in sorted(reports, key=lambda e: e.created_hlc):
        series[(r.created_origin, r.get("incident_id"))].append(r)
    assert len(series) >= 4
    for rs in series.values():
        assert rs[0].get("kind") == "first"
        assert all(r.get("kind") == "followup" for r in rs[1:])
        evacuated = [r.get("evacuated") for r in rs]
        assert evacuated == sorted(evacuated)
    assert sum(len(rs) for rs in series.values() if len(rs) > 1) >= 5
    totals = incident_totals(loaded, FLOOD)
    assert totals["evacuated"] == 2630 + 980 + 760
    assert totals["missing"] == 1 and totals["dead"] == 0 and totals["loss_10k_yuan"] > 0


def test_duty_log_with_handover_and_messages(loaded: Store) -> None:
    assert loaded.identity is not None
    logs = loaded.entities("log")
    categories = {e.get("category") for e in logs}
    assert {"duty", "handover", "consultation", "order", "event"} <= categories
    handover = next(e for e in logs if e.get("category") == "handover")
    assert "交班" in handover.get("text") and "接班" in handover.get("text")
    messages = loaded.entities("message")
    assert len(messages) >= 3
    assert loaded.identity.post_id in {m.get("to") for m in messages}  # the city is told too
    senders = {m.created_origin for m in messages}
    assert len(senders) >= 2


# ----------------------------------------------------------------------------- peers


def _orders(raws: list[bytes]) -> dict[str, list[bytes]]:
    ops = [decode(r) for r in raws]
    by_origin: dict[str, list[bytes]] = defaultdict(list)
    for op in sorted(ops, key=lambda o: (o.origin, o.seq)):
        by_origin[op.origin].append(op.raw)
    rng = random.Random(7)
    interleaved, queues = [], {o: list(q) for o, q in by_origin.items()}
    while queues:
        o = rng.choice(sorted(queues))
        interleaved.append(queues[o].pop(0))
        if not queues[o]:
            del queues[o]
    shuffled = list(raws)
    rng.shuffle(shuffled)
    return {
        "origins in order": [r for o in sorted(by_origin) for r in by_origin[o]],
        "origins reversed": [r for o in sorted(by_origin, reverse=True) for r in by_origin[o]],
        "by clock": [op.raw for op in sorted(ops, key=lambda o: (o.hlc, o.origin))],
        "interleaved": interleaved,
        "shuffled": shuffled,
    }


@pytest.mark.parametrize(
    "order", ["origins in order", "origins reversed", "by clock", "interleaved", "shuffled"]
)
def test_a_peer_ends_with_the_same_state_whatever_the_delivery_order(
    loaded: Store, tmp_path: Path, order: str
) -> None:
    raws = _orders(list(loaded.ops_missing_from({})))[order]
    peer = Store(f"sqlite:///{tmp_path / 'peer.db'}", anchor=loaded.anchor)
    try:
        for i in range(0, len(raws), 40):  # in batches, as a sync session streams them
            peer.apply(raws[i : i + 40], source="peer")
        assert peer.refused() == [] and peer.quarantined() == [] and peer.held_count() == 0
        assert peer.dump() == loaded.dump()
    finally:
        peer.close()


def test_the_workflow_records_plans_receipts_and_alerts(loaded: Store) -> None:
    from app.services.alerts import alerts
    from app.services.duty import inbox, receipts
    from app.services.plans import plans

    assert {(p.get("category"), p.get("level")) for p in plans(loaded)} == {
        ("flood", 1), ("flood", 2), ("flood", 3), ("flood", 4), ("landslide", 3), ("landslide", 4),
    }  # fmt: skip
    states = [receipts(loaded, m.eid) for m in loaded.entities("message")]
    assert sum(r["read"] is not None for r in states) == 2
    assert sum(r["delivered"] is not None and r["read"] is None for r in states) == 1
    assert inbox(loaded)  # the district told the city: its own post marks delivery at run time
    kinds = {(a.kind, a.eid) for a in alerts(loaded, now_ms())}
    assert {k for k, _ in kinds} == {"unacknowledged", "overdue", "report_due"}
    assert ("report_due", FLOOD) in kinds  # the hourly 续报 is late
