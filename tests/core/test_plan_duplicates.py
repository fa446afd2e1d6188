"""Plan tasks issued twice (two posts declaring a response level at once) count once on the
situation board — live, in the time series and in replay — the same on every post."""

from __future__ import annotations

import pytest
from oplab import Lab, LabPost

from app.ops import hlc_ms
from app.services import board, plans
from app.services.common import now_ms
from app.store.checkpoints import ReplayIndex


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def _sync(*posts: LabPost) -> None:
    for a in posts:
        for b in posts:
            if a is not b:
                a.send_to(b)


def test_a_plan_line_issued_twice_counts_once_on_every_post(lab):
    city = lab.authority
    rear = lab.post("区指挥中心", "rear")
    fwd = lab.post("现场前指", "forward", "scene")
    city.put("incident", "inc", title="长江洪峰过境", category="flood", status="open")
    for p in plans.DEFAULT_PLANS:
        plans.save_plan(city.store, "李明", **p)
    _sync(city, rear, fwd)
    a = plans.declare_level(city.store, "王芳", "inc", 3)
    b = plans.declare_level(rear.store, "李明", "inc", 3)
    assert len(a) == len(b) == 5
    city.send_to(fwd)  # the forward post hears one post first, then the other
    rear.send_to(fwd)
    _sync(city, rear, fwd)
    now = now_ms()
    figures = [board.figures(p.store, "inc", now) for p in (city, rear, fwd)]
    assert figures[0] == figures[1] == figures[2]
    assert figures[0].tasks["open"] == 5  # not 10: each plan line once
    for p in (city, rear, fwd):
        assert board.series(p.store, "inc").columns["task_open"][-1] == 5
        index = ReplayIndex(p.store, every=4, step=2)
        at = p.store.clock.last
        moment = index.moment(at, hlc_ms(at))
        assert board.ReplayTallies("inc").figures(moment, index).tasks["open"] == 5
        index.close()

    # the duplicates' issuer retires them: still five, now without duplicates at all
    issuer = city if plans.duplicate_plan_tasks(city.store.entities("task")) == set(a) else rear
    plans.retire_duplicates(issuer.store, "值班员")
    _sync(city, rear, fwd)
    assert all(board.figures(p.store, "inc", now).tasks["open"] == 5 for p in (city, rear, fwd))
