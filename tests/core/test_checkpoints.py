"""Replay checkpoints with steps (deltas between two checkpoints): every moment equals the full
replay byte for byte, before and after late ops, and a build on a worker thread reports its
progress, can be cancelled between checkpoints, and leaves jumps meanwhile true."""

from __future__ import annotations

import threading

import pytest
from oplab import Lab

from app.ops import hlc_ms
from app.services import board
from app.services.reports import file_report
from app.store.checkpoints import ReplayIndex
from app.store.replay import state_at


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def _history(lab: Lab, n: int = 25):
    a = lab.authority
    fwd = lab.post("前方", "forward")
    a.put("incident", "i1", title="洪水", category="flood", status="open", response_level=4)
    a.send_to(fwd)
    file_report(fwd.store, "乙", incident_id="i1", kind="first", evacuated=40)
    late_stamp = fwd.store.clock.last
    for i in range(n):
        file_report(a.store, "甲", incident_id="i1", kind="followup" if i else "first", evacuated=i * 10)
        a.put("unit", f"u{i % 3}", name=f"队{i % 3}", type="fire_rescue",
              status=("en_route", "on_scene")[i % 2],
              geom={"type": "Point", "coordinates": [106.5 + i / 1000, 29.5]})
        a.put("task", f"t{i % 4}", title=f"任务{i}", status="issued", issuer=a.post_id,
              assignee="u1", assignee_kind="unit", incident_id="i1")
    return a, fwd, late_stamp


def _stamps(store) -> list[int]:
    return [h for _o, _s, h, _st, _r in store.oplog_rows(status="applied")]


def _agrees(index: ReplayIndex, store, at: int, tallies: board.ReplayTallies) -> None:
    assert index.state_at(at).dump() == state_at(store, at).dump()
    moment = index.moment(at, hlc_ms(at))
    assert tallies.figures(moment, index) == board.figures(moment, "i1", hlc_ms(at))


def test_every_moment_through_checkpoints_and_steps_equals_the_full_replay(lab):
    a, fwd, late_stamp = _history(lab)
    index = ReplayIndex(a.store, every=12, step=3)
    tallies = board.ReplayTallies("i1")
    index.build()
    assert index.checkpoint_count() >= 5
    assert sum(len(s) for s in index.steps().values()) >= 10  # steps between the checkpoints
    for at in _stamps(a.store):
        _agrees(index, a.store, at, tallies)

    fwd.send_to(a)  # a late op: its stamp is older than most checkpoints and steps
    assert all(s.at < late_stamp for steps in index.steps().values() for s in steps)
    for at in _stamps(a.store)[::2] + [a.store.clock.last]:
        _agrees(index, a.store, at, tallies)
    assert any(s.at > late_stamp for steps in index.steps().values() for s in steps)  # remade
    now = a.store.clock.last
    assert index.state_at(now).dump() == a.store.dump()
    index.close()


def test_a_build_reports_progress_and_stops_when_cancelled(lab):
    a, _fwd, _late = _history(lab)
    index = ReplayIndex(a.store, every=10, step=3)
    seen: list[tuple[int, int]] = []
    done = index.build(progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 3)
    assert done is False and index.checkpoint_count() == 2 == seen[-1][0]
    assert seen[0][0] == 0 and seen[0][1] >= 5  # the total is known from the start
    seen.clear()
    assert index.build(progress=lambda d, t: seen.append((d, t))) is True
    assert seen[-1][0] == seen[-1][1] and index.checkpoint_count() >= 5
    tallies = board.ReplayTallies("i1")
    for at in _stamps(a.store)[::3]:
        _agrees(index, a.store, at, tallies)
    index.close()


def test_jumps_while_a_worker_builds_stay_true(lab):
    a, _fwd, _late = _history(lab, 40)
    index = ReplayIndex(a.store, every=8, step=3)
    stamps = _stamps(a.store)
    halfway = threading.Event()
    go_on = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 2:
            halfway.set()
            go_on.wait(10)

    worker = threading.Thread(target=index.build, kwargs={"progress": progress})
    worker.start()
    assert halfway.wait(30)
    for at in stamps[::5] + [stamps[-1]]:  # the worker waits between two checkpoints
        assert index.moment(at, hlc_ms(at), build=False).state.dump() == state_at(a.store, at).dump()
    go_on.set()
    worker.join(30)
    assert not worker.is_alive() and index.checkpoint_count() >= 10
    tallies = board.ReplayTallies("i1")
    for at in stamps[::4]:
        _agrees(index, a.store, at, tallies)
    index.close()
