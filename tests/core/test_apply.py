"""The one write path: what `apply` refuses, holds, keeps and merges — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from oplab import Lab

from app.ops import encode, pack, unpack
from app.store.store import Draft, Refused, Store


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def good_op(post, seq, eid="feat-1", name="险情"):
    ident = post.identity
    return encode(
        ident.key,
        origin=ident.origin,
        seq=seq,
        hlc=(1_700_000_000_000 + seq) << 16,
        operator="王强",
        etype="feature",
        eid=eid,
        kind="put",
        fields={
            "symbol": "hazard",
            "name": name,
            "geom": {"type": "Point", "coordinates": [106.54, 29.55]},
        },
    )


def test_each_bad_op_is_refused_with_its_reason_and_the_rest_of_the_batch_is_kept(lab, store_url):
    forward = lab.post("菜园坝前指", "forward", "scene")
    receiver = lab.replica("receiver", store_url)
    receiver.apply(lab.authority.raws(), source="authority")  # the roster
    stranger = Ed25519PrivateKey.generate()
    f = forward.identity

    malformed = b"\x93\x01\x02"
    body = unpack(good_op(forward, 1))[0]
    unsigned = pack([body, b"\0" * 64])
    wrongly_signed = pack([body, stranger.sign(body)])
    forbidden = encode(
        f.key,
        origin=f.origin,
        seq=1,
        hlc=1 << 60,
        operator="王强",
        etype="incident",
        eid="inc-x",
        kind="put",
        fields={"title": "x", "category": "flood", "status": "open"},
    )
    invalid = encode(
        f.key,
        origin=f.origin,
        seq=2,
        hlc=(1 << 60) + 1,
        operator="王强",
        etype="feature",
        eid="feat-9",
        kind="put",
        fields={"symbol": "spaceship", "name": "x"},
    )
    fine = good_op(forward, 3, eid="feat-ok")
    result = receiver.apply(
        [malformed, unsigned, wrongly_signed, forbidden, invalid, fine], source="peer"
    )

    assert result.quarantined[0].startswith("malformed envelope")
    assert result.quarantined[1:] == ["bad signature", "bad signature"]
    reasons = [reason for _o, _s, reason in result.refused]
    assert reasons[0].startswith("forbidden: a forward post may not write incident")
    assert reasons[1].startswith("invalid: field 'symbol'")
    assert result.applied == 1
    assert receiver.get("feature", "feat-ok").data["name"] == "险情"
    assert receiver.get("incident", "inc-x") is None
    assert len(receiver.quarantined()) == 3 and len(receiver.refused()) == 2


def test_op_from_unknown_origin_is_held_then_applied_when_the_roster_arrives(lab, store_url):
    forward = lab.post("储奇门前突车", "forward", "scene")
    receiver = lab.replica("receiver", store_url)
    ops = [good_op(forward, 1), good_op(forward, 2, name="险情扩大")]
    r = receiver.apply(ops, source="forward")
    assert r.held == 2 and r.applied == 0 and receiver.held_count() == 2
    r = receiver.apply(lab.authority.raws(), source="authority")
    assert receiver.held_count() == 0 and r.released == 2
    assert receiver.get("feature", "feat-1").data["name"] == "险情扩大"


def test_a_gap_is_held_until_the_missing_op_comes_and_duplicates_add_nothing(lab, store_url):
    forward = lab.post("前指", "forward", "scene")
    receiver = lab.replica("receiver", store_url)
    receiver.apply(lab.authority.raws())
    one, two, three = (good_op(forward, n, eid=f"f{n}") for n in (1, 2, 3))
    assert receiver.apply([three, two]).held == 2
    r = receiver.apply([one, one, two])
    assert r.applied == 3 and r.duplicates == 2 and receiver.held_count() == 0
    assert receiver.apply([one, two, three]).duplicates == 3
    assert receiver.version_vector()[forward.identity.origin] == 3


def test_a_second_op_with_the_same_number_is_quarantined_as_equivocation(lab):
    forward = lab.post("前指", "forward", "scene")
    receiver = lab.replica("receiver")
    receiver.apply(lab.authority.raws())
    receiver.apply([good_op(forward, 1)])
    r = receiver.apply([good_op(forward, 1, name="改过的")])
    assert r.quarantined == ["equivocation: another op has this origin and number"]
    assert receiver.get("feature", "feat-1").data["name"] == "险情"


def test_a_forward_post_cannot_cancel_a_rear_order_and_is_told_why(lab):
    rear, fwd = lab.post("区指挥中心", "rear"), lab.post("前指", "forward", "scene")
    for p in (rear, fwd):
        lab.authority.send_to(p)
    rear.put(
        "task",
        "t1",
        title="转移群众",
        status="issued",
        issuer=rear.post_id,
        assignee=fwd.post_id,
        assignee_kind="post",
    )
    rear.send_to(fwd)
    fwd.put("task", "t1", status="acknowledged")  # allowed: it is assigned to this post
    with pytest.raises(Refused, match="only the issuer may cancel"):
        fwd.put("task", "t1", status="cancelled")
    assert fwd.store.get("task", "t1").data["status"] == "acknowledged"


def test_concurrent_writes_conflict_and_the_task_status_furthest_along_wins(lab):
    rear, fwd = lab.post("区指挥中心", "rear"), lab.post("前指", "forward", "scene")
    for p in (rear, fwd):
        lab.authority.send_to(p)
    rear.put(
        "task",
        "t1",
        title="转移群众",
        status="issued",
        issuer=rear.post_id,
        assignee=fwd.post_id,
        assignee_kind="post",
    )
    rear.send_to(fwd)
    fwd.put("task", "t1", status="in_progress")
    rear.put(
        "task", "t1", status="acknowledged", title="转移菜园坝群众"
    )  # later HLC, but not as far
    fwd.send_to(rear)
    rear.send_to(fwd)
    for store in (rear.store, fwd.store):
        t = store.get("task", "t1")
        assert t.data["status"] == "in_progress" and t.conflicted
        (c,) = store.conflicts()
        assert (c.field, c.winner.value, [v.value for v in c.losers]) == (
            "status",
            "in_progress",
            ["acknowledged"],
        )
    assert rear.store.dump() == fwd.store.dump()
    # a person resolves it: the new write names both heads, and the conflict is gone everywhere
    from app.services.conflicts import resolve

    resolve(rear.store, "李明", "task", "t1", "status", "acknowledged")
    rear.send_to(fwd)
    assert (
        fwd.store.conflicts() == [] and fwd.store.get("task", "t1").data["status"] == "acknowledged"
    )


def test_a_write_that_saw_the_current_value_replaces_it_so_a_task_can_be_reopened(lab):
    a = lab.authority
    a.put(
        "task",
        "t1",
        title="巡堤",
        status="issued",
        issuer=a.post_id,
        assignee="u1",
        assignee_kind="unit",
    )
    a.put("task", "t1", status="done")
    a.put("task", "t1", status="issued")
    assert a.store.get("task", "t1").data["status"] == "issued" and a.store.conflicts() == []


def test_delete_is_a_tombstone_and_the_entity_stays_in_the_dump(lab):
    a = lab.authority
    a.put(
        "feature",
        "f1",
        symbol="road_cut",
        name="道路中断",
        geom={"type": "Point", "coordinates": [106.5, 29.5]},
    )
    a.write(Draft("feature", "f1", "del", {}))
    assert a.store.get("feature", "f1").deleted
    assert a.store.entities("feature") == []
    assert '"deleted": true' in a.store.dump()


def test_stock_is_a_sum_of_movements_so_two_posts_drawing_at_once_both_count(lab):
    from app.services.supplies import stock_levels

    rear, fwd = lab.post("区指挥中心", "rear"), lab.post("前指", "forward", "scene")
    for p in (rear, fwd):
        lab.authority.send_to(p)
    lab.authority.write(
        Draft("stock", "s0", "add", {"depot_id": "d1", "item": "救生衣", "delta": 100})
    )
    lab.authority.send_to(rear)
    lab.authority.send_to(fwd)
    rear.write(Draft("stock", "s1", "add", {"depot_id": "d1", "item": "救生衣", "delta": -30}))
    fwd.write(Draft("stock", "s2", "add", {"depot_id": "d1", "item": "救生衣", "delta": -20}))
    rear.send_to(fwd)
    fwd.send_to(rear)
    assert stock_levels(rear.store, "d1") == stock_levels(fwd.store, "d1") == {"救生衣": 50}


def test_an_op_of_a_newer_format_is_kept_byte_identical_and_relayed(lab):
    fwd = lab.post("前指", "forward", "scene")
    relay, receiver = lab.replica("relay"), lab.replica("receiver")
    for s in (relay, receiver):
        s.apply(lab.authority.raws())
    f = fwd.identity
    future = encode(
        f.key,
        origin=f.origin,
        seq=1,
        hlc=1 << 60,
        operator="王强",
        etype="hologram",
        eid="h1",
        kind="beam",
        fields={"x": 1},
        version=2,
        extra={"z": "新字段"},
    )
    after = good_op(fwd, 2)
    r = relay.apply([future, after])
    assert r.future == 1 and r.applied == 1
    receiver.apply(list(relay.ops_missing_from(receiver.version_vector())))
    relayed = list(receiver.ops_missing_from({}))
    assert future in relayed
    from app.ops import open_envelope

    env, _ = open_envelope(future)
    assert env.verify(f.sign_key)


def test_a_listener_hears_changes_after_commit_and_its_failure_changes_nothing(lab):
    heard = []
    a = lab.authority
    a.store.subscribe(lambda r: heard.append(sorted(r.changed)))
    a.store.subscribe(lambda r: 1 / 0)
    a.put("incident", "i1", title="洪水", category="flood", status="open")
    assert heard == [[("incident", "i1")]]
    assert a.store.get("incident", "i1") is not None


def test_the_store_reopens_with_its_version_vector_and_held_ops(lab, tmp_path):
    fwd = lab.post("前指", "forward", "scene")
    url = f"sqlite:///{tmp_path}/reopen.db"
    s = Store(url, anchor=lab.anchor)
    s.apply([good_op(fwd, 1)])
    s.close()
    s = Store(url, anchor=lab.anchor)
    assert s.held_count() == 1
    s.apply(lab.authority.raws())
    assert s.held_count() == 0 and s.version_vector()[fwd.identity.origin] == 1
    s.close()


def test_work_on_a_task_waits_for_the_reassignment_it_depends_on_whatever_the_order(lab):
    rear, fwd = lab.post("区指挥中心", "rear"), lab.post("储奇门前突车", "forward", "scene")
    for p in (rear, fwd):
        lab.authority.send_to(p)
    rear.put("unit", "u-other", name="他队", type="other", status="standby", post_id=rear.post_id)
    rear.put("unit", "u-mine", name="本队", type="other", status="standby", post_id=fwd.post_id)
    rear.put(
        "task",
        "t1",
        title="封控道路",
        status="issued",
        issuer=rear.post_id,
        assignee="u-other",
        assignee_kind="unit",
    )
    rear.put("task", "t1", assignee="u-mine", assignee_kind="unit")
    rear.send_to(fwd)
    fwd.put("task", "t1", status="acknowledged")
    setup = lab.authority.raws()
    r_ops, f_ops = rear.own_raws(), fwd.own_raws()
    early = lab.replica("early")
    early.apply(setup)
    early.apply(r_ops[:3])
    assert early.apply(f_ops).held == 1  # the acknowledgement came before the reassignment
    assert early.apply(r_ops[3:]).released == 1
    late = lab.replica("late")
    late.apply(setup + r_ops + f_ops)
    assert early.dump() == late.dump() and early.get("task", "t1").data["status"] == "acknowledged"
    assert early.refused() == late.refused() == []
