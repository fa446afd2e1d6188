"""The rules a new order, an allocation and a status change keep, whichever client writes them
(the window and `zhijiu task` both come through ``services.tasks``): refused with a reason, and
nothing written."""

from __future__ import annotations

import pytest
from oplab import Lab

from app.services import supplies
from app.services import tasks as ts
from app.services.common import create, now_ms, point
from app.store.store import Refused


@pytest.fixture
def rear(tmp_path):
    lab = Lab(tmp_path)
    post = lab.post("区指挥中心", "rear")
    lab.authority.send_to(post)  # the roster that names it
    post.put("feature", "d1", symbol="depot", name="区级储备库", geom=point(106.5, 29.5))
    post.put("feature", "d2", symbol="depot", name="菜园坝前置点", geom=point(106.5, 29.5))
    supplies.move_stock(post.store, "李明", "d1", "帐篷", 220, unit="顶")
    yield post
    lab.close()


def _tasks(post) -> int:
    return len(post.store.entities("task"))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": ""}, "needs a title"),
        ({"title": "   "}, "needs a title"),
        ({"deadline": now_ms() - 60_000}, "deadline is in the past"),
        ({"attachments": ["deadbeef"]}, "no media deadbeef"),
    ],
)
def test_a_new_order_is_refused_for_what_the_window_refuses(rear, fields, reason):
    order = {"title": "巡查堤防", "assignee": rear.post_id, "assignee_kind": "post", **fields}
    with pytest.raises(Refused, match=reason):
        ts.issue_task(rear.store, "李明", **order)
    assert _tasks(rear) == 0


def test_a_title_is_kept_without_its_surrounding_blanks(rear):
    tid = ts.issue_task(rear.store, "李明", title="  巡查堤防 ", assignee=rear.post_id, assignee_kind="post",
                        deadline=now_ms() + 60_000)  # fmt: skip
    assert rear.store.get("task", tid).get("title") == "巡查堤防"


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        ([{"item": "帐篷", "qty": 999_999, "unit": "顶"}], "not enough 帐篷 in the depot: 999999 asked, 220 there"),
        ([{"item": "火箭", "qty": 5}], "not enough 火箭 in the depot: 5 asked, the depot holds none"),
        ([{"item": "帐篷", "qty": 120}, {"item": "帐篷", "qty": 120}], "240 asked, 220 there"),  # lines add up
    ],
)
def test_an_allocation_asks_no_more_than_the_depot_holds(rear, items, reason):
    with pytest.raises(Refused, match=reason):
        ts.issue_allocation(rear.store, "李明", title="调拨", assignee=rear.post_id, assignee_kind="post",
                            from_depot="d1", to_depot="d2", items=items)  # fmt: skip
    assert _tasks(rear) == 0 and supplies.stock_levels(rear.store, "d1") == {"帐篷": 220}


def test_marking_an_allocation_done_rechecks_the_depot_here(rear):
    first, second = (
        ts.issue_allocation(rear.store, "李明", title=f"调拨{n}", assignee=rear.post_id, assignee_kind="post",
                            from_depot="d1", items=[{"item": "帐篷", "qty": 150}])  # fmt: skip
        for n in (1, 2)
    )  # each fits on its own
    ts.set_status(rear.store, "李明", first, "done")
    with pytest.raises(Refused, match="150 asked, 70 there"):
        ts.set_status(rear.store, "李明", second, "done")
    assert rear.store.get("task", second).get("status") == "issued"
    assert supplies.stock_levels(rear.store, "d1") == {"帐篷": 70}
    ts.set_status(rear.store, "李明", first, "in_progress")  # reopened and done again: moved already
    ts.set_status(rear.store, "李明", first, "done")
    assert supplies.stock_levels(rear.store, "d1") == {"帐篷": 70}


def test_one_update_writes_one_feedback_record(rear):
    tid = ts.issue_task(rear.store, "李明", title="巡查堤防", assignee=rear.post_id, assignee_kind="post")
    create(rear.store, "李明", "media", {"sha256": "0" * 64, "kind": "photo"}, eid="photo-1")
    ts.set_status(rear.store, "李明", tid, "in_progress", "已出发", progress=20, media=["photo-1"])
    (fb,) = ts.feedback_of(rear.store, tid)
    assert fb.data == {"task_id": tid, "status": "in_progress", "text": "已出发", "progress": 20,
                       "media": ["photo-1"]}  # fmt: skip


def test_feedback_naming_unknown_media_is_refused(rear):
    tid = ts.issue_task(rear.store, "李明", title="巡查堤防", assignee=rear.post_id, assignee_kind="post")
    for write in (
        lambda: ts.add_feedback(rear.store, "李明", tid, text="照片", media=["nosuchmedia"]),
        lambda: ts.set_status(rear.store, "李明", tid, "done", media=["nosuchmedia"]),
    ):
        with pytest.raises(Refused, match="no media nosuchmedia"):
            write()
    assert ts.feedback_of(rear.store, tid) == [] and rear.store.get("task", tid).get("status") == "issued"
