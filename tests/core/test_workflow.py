"""The command workflow in the core: the order loop with its history, roles with their reasons,
alerts at a given moment, allocations that move stock once, plans that never double a task,
message receipts, the shift handover — across posts where merging matters."""

from __future__ import annotations

import pytest
from oplab import Lab, LabPost

from app.domain.roles import ONLY_RECIPIENT
from app.ops import hlc_ms
from app.services import duty, plans, supplies
from app.services import tasks as ts
from app.services.alerts import alerts, compute_alerts
from app.services.common import create, now_ms, point, update
from app.services.reports import file_report, incident_totals, report_due
from app.store.store import Draft, Refused

ONLY_ISSUER = "forbidden: only the issuer may cancel or reassign this task"
T0 = 1_767_000_000_000


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def everyone(*posts: LabPost) -> None:
    for a in posts:
        for b in posts:
            if a is not b:
                a.send_to(b)


@pytest.fixture
def chain(lab):
    """The authority, a district rear and a forward post with one incident, all in sync."""
    rear = lab.post("区指挥中心", "rear")
    fwd = lab.post("现场前指", "forward", "scene")
    lab.authority.put(
        "incident", "inc", title="长江洪峰过境", category="flood", status="open", opened_at=T0
    )
    everyone(lab.authority, rear, fwd)
    return lab.authority, rear, fwd


def test_the_order_loop_with_its_history(chain):
    _city, rear, fwd = chain
    for post, mid in ((rear, "m-map"), (fwd, "photo-1")):  # the photos named must be there
        create(post.store, "李明", "media", {"sha256": "0" * 64, "kind": "photo"}, eid=mid)
    tid = ts.issue_task(
        rear.store, "李明", title="转移低洼住户", assignee=fwd.post_id, assignee_kind="post",
        incident_id="inc", priority="urgent", deadline=now_ms() + 3_600_000, ack_within_s=600,
        geom=point(106.58, 29.55), description="菜园坝片区", attachments=["m-map"],
    )  # fmt: skip
    rear.send_to(fwd)
    assert [t.eid for t in ts.list_tasks(fwd.store, assigned_to_post=fwd.post_id)] == [tid]
    assert ts.may(fwd.store, tid, "work") is None
    ts.acknowledge(fwd.store, "赵刚", tid)
    ts.add_feedback(fwd.store, "赵刚", tid, text="已转移32人", progress=40, media=["photo-1"])
    ts.set_status(fwd.store, "赵刚", tid, "done", "全部转移完毕")
    fwd.send_to(rear)

    task = rear.store.get("task", tid)
    assert task is not None and task.get("status") == "done"
    assert task.get("attachments") == ["m-map"]
    trail = ts.feedback_of(rear.store, tid)
    assert [f.get("status") for f in trail] == ["acknowledged", None, "done"]
    assert trail[1].get("media") == ["photo-1"]
    history = ts.task_history(rear.store, tid)
    steps = [(h.action, h.post_name, h.operator) for h in history]
    assert steps == [
        ("issued", "区指挥中心", "李明"),
        ("status", "现场前指", "赵刚"),
        ("feedback", "现场前指", "赵刚"),
        ("status", "现场前指", "赵刚"),
        ("feedback", "现场前指", "赵刚"),
    ]
    assert history[3].detail == {"status": "done"} and history[4].detail["text"] == "全部转移完毕"


def test_a_forward_post_cannot_cancel_or_reassign_a_rear_order_and_is_told_why(chain):
    city, rear, fwd = chain
    tid = ts.issue_task(rear.store, "李明", title="封控道路", assignee=fwd.post_id, assignee_kind="post")
    rear.send_to(fwd)
    assert ts.may(fwd.store, tid, "cancel") == ONLY_ISSUER
    assert ts.may(fwd.store, tid, "reassign") == ONLY_ISSUER
    with pytest.raises(Refused, match="only the issuer may cancel"):
        ts.cancel_task(fwd.store, "赵刚", tid)
    with pytest.raises(Refused, match="only the issuer may cancel"):
        ts.reassign(fwd.store, "赵刚", tid, "someone", "post")
    assert fwd.store.get("task", tid).get("status") == "issued"  # nothing was written
    assert ts.may(rear.store, tid, "cancel") is None  # the issuer may
    rear.send_to(city)
    assert ts.may(city.store, tid, "cancel") is None  # and the roster authority
    # a cancel forged by the forward post (say, an old version of the app) is refused on arrival,
    # and the history shows it with its reason
    fwd.store.apply([_forged_cancel(fwd, tid)], source="test")
    fwd.send_to(rear)
    refused = [h for h in ts.task_history(rear.store, tid) if h.status == "refused"]
    assert [(h.action, h.reason) for h in refused] == [("status", ONLY_ISSUER)]
    assert rear.store.get("task", tid).get("status") == "issued"


def _forged_cancel(post: LabPost, tid: str) -> bytes:
    from app.ops import encode

    vv = post.store.version_vector()
    return encode(
        post.identity.key, origin=post.identity.origin, seq=vv.get(post.identity.origin, 0) + 1,
        hlc=post.store.clock.now(), operator="赵刚", etype="task", eid=tid, kind="put",
        fields={"status": "cancelled"},
    )  # fmt: skip


def test_alerts_at_a_given_moment(chain):
    _city, rear, fwd = chain
    tid = ts.issue_task(
        rear.store, "李明", title="查看险情", assignee=fwd.post_id, assignee_kind="post",
        incident_id="inc", deadline=now_ms() + 3_600_000, ack_within_s=300,
    )  # fmt: skip
    task = rear.store.get("task", tid)
    issued = task.get("issued_at")
    assert task.get("deadline") - issued > 3_000_000  # issued after the deadline was set, on a slow machine too
    kinds = lambda at: [(a.kind, a.eid) for a in alerts(rear.store, at) if a.etype == "task"]  # noqa: E731
    assert kinds(issued + 299_000) == []
    assert kinds(issued + 301_000) == [("unacknowledged", tid)]
    at = task.get("deadline") + 100_000
    late = alerts(rear.store, at)
    assert {(a.kind, a.late_ms) for a in late if a.etype == "task"} == {
        ("unacknowledged", at - issued - 300_000),
        ("overdue", 100_000),
    }
    rear.send_to(fwd)
    ts.acknowledge(fwd.store, "赵刚", tid)
    fwd.send_to(rear)
    assert kinds(issued + 301_000) == []
    # reports: 首报 due an hour after opening, then 续报 every two hours, none after the 终报
    inc = rear.store.get("incident", "inc")
    assert report_due(inc.data, []) == ("first", T0 + 3_600_000)
    due = [a for a in alerts(rear.store, T0 + 3_700_000) if a.kind == "report_due"]
    assert [(a.eid, a.report_kind, a.late_ms) for a in due] == [("inc", "first", 100_000)]
    file_report(fwd.store, "赵刚", incident_id="inc", kind="first", dead=0, evacuated=120)
    fwd.send_to(rear)
    reports = rear.store.entities("report", incident_id="inc")
    kind, when = report_due(inc.data, reports)
    assert kind == "followup" and when == hlc_ms(reports[0].created_hlc) + 2 * 3_600_000
    assert compute_alerts([], [inc], reports, when - 1) == []
    assert [a.report_kind for a in compute_alerts([], [inc], reports, when + 1)] == ["followup"]
    file_report(fwd.store, "赵刚", incident_id="inc", kind="final", dead=0, evacuated=150)
    assert report_due(inc.data, fwd.store.entities("report", incident_id="inc")) is None
    assert incident_totals(fwd.store, "inc")["evacuated"] == 150  # the latest, not the sum



def test_a_posts_reports_go_first_followups_final_and_carry_their_figures(chain):
    from app.services.reports import ORDER_REASONS

    _city, rear, fwd = chain
    with pytest.raises(Refused, match="file the first report first"):
        file_report(fwd.store, "赵刚", incident_id="inc", kind="followup", evacuated=10)
    file_report(fwd.store, "赵刚", incident_id="inc", kind="first", evacuated=58, injured=2, loss_10k_yuan=3.5)
    file_report(rear.store, "李明", incident_id="inc", kind="first", evacuated=70)  # another post's own 首报
    with pytest.raises(Refused) as second:
        file_report(fwd.store, "赵刚", incident_id="inc", kind="first", evacuated=60)
    assert str(second.value) == ORDER_REASONS["second_first"] and "followup (续报)" in str(second.value)
    # a 续报 with text only keeps the post's figures; one given replaces it, 0 clears it
    rid = file_report(fwd.store, "赵刚", incident_id="inc", kind="followup", text="只有文字")
    assert {k: fwd.store.get("report", rid).get(k) for k in ("evacuated", "injured", "loss_10k_yuan")} == \
        {"evacuated": 58, "injured": 2, "loss_10k_yuan": 3.5}
    file_report(fwd.store, "赵刚", incident_id="inc", kind="followup", evacuated=80, injured=0)
    assert (incident_totals(fwd.store, "inc")["evacuated"], incident_totals(fwd.store, "inc")["injured"]) == (80, 0)
    file_report(fwd.store, "赵刚", incident_id="inc", kind="final", text="处置完毕")
    assert incident_totals(fwd.store, "inc")["evacuated"] == 80
    for kind in ("followup", "final", "first"):
        with pytest.raises(Refused, match="takes no more reports"):
            file_report(fwd.store, "赵刚", incident_id="inc", kind=kind, evacuated=1)
    assert len(fwd.store.entities("report", incident_id="inc")) == 4  # the refused ones wrote nothing

def _depot(post: LabPost, eid: str, name: str) -> None:
    post.put("feature", eid, symbol="depot", name=name, geom=point(106.5, 29.5))


def test_an_allocation_moves_stock_once_even_when_two_posts_mark_it_done(chain):
    city, rear, fwd = chain
    _depot(rear, "d1", "区级储备库")
    _depot(rear, "d2", "菜园坝前置点")
    supplies.move_stock(rear.store, "李明", "d1", "帐篷", 200, unit="顶")
    tid = ts.issue_allocation(
        rear.store, "李明", title="调拨帐篷", assignee=fwd.post_id, assignee_kind="post",
        from_depot="d1", to_depot="d2", items=[{"item": "帐篷", "qty": 50, "unit": "顶"}],
    )  # fmt: skip
    everyone(city, rear, fwd)
    # both mark it done before hearing of the other
    ts.set_status(fwd.store, "赵刚", tid, "done")
    ts.set_status(city.store, "王芳", tid, "done")
    assert supplies.stock_levels(fwd.store, "d1") == {"帐篷": 150}
    everyone(city, rear, fwd)
    everyone(city, rear, fwd)
    for p in (city, rear, fwd):
        assert supplies.stock_levels(p.store, "d1") == {"帐篷": 150}
        assert supplies.stock_levels(p.store, "d2") == {"帐篷": 50}
        assert p.store.get("task", tid).get("status") == "done"
    assert city.store.dump() == rear.store.dump() == fwd.store.dump()
    # reopened and done again: still once
    ts.set_status(rear.store, "李明", tid, "in_progress")
    ts.set_status(rear.store, "李明", tid, "done")
    assert supplies.stock_levels(rear.store, "d1") == {"帐篷": 150}
    # two posts drawing stock at once both count
    supplies.move_stock(rear.store, "李明", "d1", "帐篷", -10)
    supplies.move_stock(fwd.store, "赵刚", "d1", "帐篷", -20)
    everyone(rear, fwd)
    assert supplies.stock_levels(rear.store, "d1") == supplies.stock_levels(fwd.store, "d1") == {"帐篷": 120}
    with pytest.raises(Refused, match="not enough"):
        supplies.move_stock(rear.store, "李明", "d1", "帐篷", -500)


def test_shelter_occupancy_is_a_sum_of_movements(chain):
    _city, rear, fwd = chain
    rear.put("feature", "s1", symbol="shelter", name="大溪沟小学", geom=point(106.55, 29.56), capacity=300)
    rear.send_to(fwd)
    supplies.move_occupancy(rear.store, "李明", "s1", 120)
    supplies.move_occupancy(fwd.store, "赵刚", "s1", 46)
    everyone(rear, fwd)
    (state,) = supplies.shelters(fwd.store)
    assert (state.name, state.capacity, state.occupancy, state.free) == ("大溪沟小学", 300, 166, 134)
    with pytest.raises(Refused):
        supplies.move_occupancy(fwd.store, "赵刚", "s1", -500)


def _plans(post: LabPost) -> None:
    for p in plans.DEFAULT_PLANS:
        plans.save_plan(post.store, "李明", **p)


def test_declaring_or_raising_a_level_issues_the_plan_tasks_once(chain):
    city, rear, _fwd = chain
    _plans(city)
    city.send_to(rear)
    four = plans.declare_level(rear.store, "李明", "inc", 4)
    assert len(four) == 2 and plans.declare_level(rear.store, "李明", "inc", 4) == []
    three = plans.declare_level(rear.store, "李明", "inc", 3)
    assert len(three) == 3 and not set(three) & set(four)
    assert rear.store.get("incident", "inc").get("response_level") == 3
    assert plans.declare_level(rear.store, "李明", "inc", 3) == []
    assert len(plans.declare_level(rear.store, "李明", "inc", 1)) == 3  # Ⅱ and Ⅰ lines
    titles = [t.get("title") for t in rear.store.entities("task", incident_id="inc")]
    assert len(titles) == len(set(titles)) == 8


def test_two_posts_declaring_at_once_agree_on_one_task_per_line(chain):
    city, rear, fwd = chain
    _plans(city)
    city.send_to(rear)
    a = plans.declare_level(city.store, "王芳", "inc", 3)
    b = plans.declare_level(rear.store, "李明", "inc", 3)
    assert len(a) == len(b) == 5
    everyone(city, rear, fwd)
    dupes = {p.name: plans.duplicate_plan_tasks(p.store.entities("task")) for p in (city, rear, fwd)}
    assert len(set(map(frozenset, dupes.values()))) == 1  # every post names the same ones
    (named,) = {frozenset(d) for d in dupes.values()}
    assert len(named) == 5 and (named == set(a) or named == set(b))
    # the alerts and the board leave them out; their issuer retires them
    issuer = city if named == set(a) else rear
    assert sorted(plans.retire_duplicates(issuer.store, "值班员")) == sorted(named)
    everyone(city, rear, fwd)
    for p in (city, rear, fwd):
        live = [t for t in p.store.entities("task", incident_id="inc") if t.get("status") != "cancelled"]
        assert len(live) == 5 and len({t.get("plan_key") for t in live}) == 5
    assert city.store.dump() == rear.store.dump() == fwd.store.dump()


def test_a_forward_post_may_not_declare_a_level(chain):
    city, _rear, fwd = chain
    _plans(city)
    city.send_to(fwd)
    with pytest.raises(Refused, match="forward post may not write incident"):
        plans.declare_level(fwd.store, "赵刚", "inc", 3)


def test_messages_carry_delivered_and_read_receipts_written_by_the_recipient(chain):
    _city, rear, fwd = chain
    mid = duty.send_message(rear.store, "李明", fwd.post_id, "请报告菜园坝水位")
    assert duty.receipts(rear.store, mid) == {"delivered": None, "read": None}
    with pytest.raises(Refused, match=ONLY_RECIPIENT):
        duty.mark_read(rear.store, "李明", mid)  # the sender cannot claim it was read
    rear.send_to(fwd)
    assert [m.eid for m in duty.inbox(fwd.store)] == [mid]
    assert duty.mark_delivered(fwd.store, "赵刚") == 1 and duty.mark_delivered(fwd.store, "赵刚") == 0
    fwd.send_to(rear)
    got = duty.receipts(rear.store, mid)
    assert got["delivered"] is not None and got["read"] is None
    duty.mark_read(fwd.store, "赵刚", mid)
    fwd.send_to(rear)
    assert duty.receipts(rear.store, mid)["read"] is not None
    assert [m.eid for m in duty.outbox(rear.store)] == [mid]


def test_a_receipt_arriving_before_its_message_waits_for_it(lab):
    rear = lab.post("区指挥中心", "rear")
    fwd = lab.post("现场前指", "forward", "scene")
    relay = lab.replica("relay")
    lab.authority.send_to(fwd)
    lab.authority.send_to(rear)
    rear.send_to(fwd)
    fwd.send_to(rear)
    mid = duty.send_message(rear.store, "李明", fwd.post_id, "收到请回复")
    rear.send_to(fwd)
    duty.mark_read(fwd.store, "赵刚", mid)
    relay.apply(list(lab.authority.store.ops_missing_from({})))
    relay.apply(fwd.own_raws())  # the receipts first: held, not refused
    assert relay.held_count() == 2 and relay.refused() == []
    relay.apply(rear.own_raws())
    assert relay.held_count() == 0 and relay.refused() == []
    assert len(relay.entities("receipt", parent_id=mid)) == 2


def test_the_handover_writes_what_is_open(chain):
    _city, rear, fwd = chain
    tid = ts.issue_task(rear.store, "李明", title="巡查堤防", assignee=fwd.post_id, assignee_kind="post",
                        incident_id="inc", deadline=now_ms() + 60_000)  # fmt: skip
    update(rear.store, "李明", "task", tid, {"deadline": now_ms() - 60_000})  # now overdue
    lid = duty.handover(rear.store, "李明", to_operator="王芳")
    entry = rear.store.get("log", lid)
    assert entry.get("category") == "handover"
    text = entry.get("text")
    assert text.startswith("李明 交班给 王芳。值班交接") and "在办任务1项" in text
    assert "已超期：巡查堤防" in text and "报送超时" in text


def test_feedback_is_found_through_the_parent_index(chain):
    _city, rear, _fwd = chain
    tid = ts.issue_task(rear.store, "李明", title="甲", assignee=rear.post_id, assignee_kind="post")
    other = ts.issue_task(rear.store, "李明", title="乙", assignee=rear.post_id, assignee_kind="post")
    ts.add_feedback(rear.store, "李明", tid, text="一")
    ts.add_feedback(rear.store, "李明", other, text="二")
    assert [f.get("text") for f in ts.feedback_of(rear.store, tid)] == ["一"]
    with rear.store.engine.connect() as c:
        plan = c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM entity WHERE etype='feedback' AND parent_id='x'"
        ).all()
    assert "ix_entity_parent" in " ".join(str(r) for r in plan)


def test_bad_input_is_refused_with_a_reason(chain):
    _city, rear, _fwd = chain
    with pytest.raises(Refused, match="no task"):
        ts.add_feedback(rear.store, "李明", "nope", text="x")
    with pytest.raises(Refused, match="no depot"):
        ts.issue_allocation(rear.store, "李明", title="x", assignee="u", from_depot="nope",
                            items=[{"item": "水", "qty": 1}])  # fmt: skip
    _depot(rear, "d1", "库")
    with pytest.raises(Refused, match="items"):
        ts.issue_allocation(rear.store, "李明", title="x", assignee="u", from_depot="d1",
                            items=[{"item": "水", "qty": -1}])  # fmt: skip
    with pytest.raises(Refused, match="tasks"):
        plans.save_plan(rear.store, "李明", name="x", category="flood", level=3, tasks=[{"name": "?"}])
    with pytest.raises(Refused, match="response level"):
        plans.declare_level(rear.store, "李明", "inc", 5)
    rear.write(Draft("log", "l1", "add", {"text": "ok", "category": "duty"}))


def test_the_situation_report_is_self_contained_chinese_html(chain):
    from app.services.sitrep import sitrep_html

    city, rear, fwd = chain
    city.put("incident", "inc", response_level=3)
    rear.put("unit", "u1", name="渝中区水上应急救援队", type="specialist", status="on_scene", headcount=16)
    city.send_to(fwd)
    file_report(fwd.store, "赵刚", incident_id="inc", kind="first", evacuated=120, injured=1, text="<b>首报</b>")
    file_report(fwd.store, "赵刚", incident_id="inc", kind="followup", evacuated=300, injured=1)
    file_report(rear.store, "李明", incident_id="inc", kind="first", evacuated=50, loss_10k_yuan=12.5)
    tid = ts.issue_task(rear.store, "李明", title="搜寻落水人员", assignee="u1", incident_id="inc")
    update(rear.store, "李明", "task", tid, {"deadline": T0 + 60_000})  # the lab's T0 is in the past
    fwd.send_to(rear)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    html = sitrep_html(rear.store, "inc", now=T0 + 3_600_000, map_png=png, post_name="区指挥中心")
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert "Ⅲ级应急响应" in html and "data:image/png;base64,iVBORw0KGgo" in html
    assert '<div class="v">350</div>转移（人）' in html  # 300 + 50: each post's latest, not the sum
    assert '<div class="v">12.5</div>直接经济损失（万元）' in html
    # short words (status, priority, type) and times keep to one line in the tables
    assert '<td class="w">已下达</td>' in html and '<td class="w">一般</td>' in html
    assert "td.w { white-space: nowrap; }" in html
    assert "渝中区水上应急救援队" in html and "搜寻落水人员" in html and "59分钟" in html
    assert "<b>首报</b>" not in html  # text is escaped


def test_teams_with_type_headcount_equipment_status_and_position(chain):
    from app.services import units

    _city, rear, fwd = chain
    uid = units.add_unit(fwd.store, "赵刚", name="菜园坝街道综合应急救援队", type="grassroots",
                         headcount=18, equipment=["救生衣20件", "扩音喇叭"], lon_lat=(106.54, 29.55))  # fmt: skip
    units.move_unit(fwd.store, "赵刚", uid, status="on_scene", lon_lat=(106.545, 29.546))
    fwd.send_to(rear)
    (team,) = units.units(rear.store, post_id=fwd.post_id)
    assert (team.get("status"), team.get("headcount"), team.get("geom")["coordinates"]) == (
        "on_scene", 18, [106.545, 29.546],
    )  # fmt: skip
    other = units.add_unit(rear.store, "李明", name="区消防救援支队", type="fire_rescue")
    rear.send_to(fwd)
    with pytest.raises(Refused, match="edits only the units it commands"):
        units.move_unit(fwd.store, "赵刚", other, status="en_route")


def test_a_message_is_marked_delivered_as_it_arrives(chain):
    _city, rear, fwd = chain
    duty.hook_delivery_receipts(fwd.store)
    duty.hook_delivery_receipts(fwd.store)  # idempotent: one listener
    mid = duty.send_message(rear.store, "李明", fwd.post_id, "收到请回复")
    rear.send_to(fwd)
    fwd.send_to(rear)
    assert duty.receipts(rear.store, mid)["delivered"] is not None
    assert len(fwd.store.entities("receipt")) == 1
