"""The situation board's core: figures, fast replay through checkpoints (late ops included),
warnings, gauges with CSV import, the timeline export and the indicators."""

from __future__ import annotations

import csv
import io

import pytest
from oplab import Lab

from app.ops import hlc_ms
from app.services import board, gauges, timeline, warnings
from app.services.common import now_ms
from app.services.reports import file_report, incident_totals
from app.store import checkpoints
from app.store.checkpoints import ReplayIndex
from app.store.moment import Moment
from app.store.replay import state_at
from app.store.store import Draft, Refused

POLY = {"type": "Polygon", "coordinates": [[[106.5, 29.5], [106.6, 29.5], [106.6, 29.6], [106.5, 29.5]]]}


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def _incident(post, eid="i1", level=4):
    post.put("incident", eid, title="洪水", category="flood", status="open", response_level=level)


def test_figures_sum_each_posts_latest_report_and_count_teams_tasks_shelters(lab):
    a = lab.authority
    fwd = lab.post("前方", "forward")
    _incident(a)
    a.send_to(fwd)
    file_report(a.store, "甲", incident_id="i1", kind="first", evacuated=100, trapped=5)
    file_report(a.store, "甲", incident_id="i1", kind="followup", evacuated=300, trapped=2)
    file_report(fwd.store, "乙", incident_id="i1", kind="first", evacuated=50, dead=1)
    fwd.send_to(a)
    _incident(a, "other")  # another incident's figures stay out of i1's tiles
    file_report(a.store, "甲", incident_id="other", kind="first", evacuated=9999)
    a.put("unit", "u1", name="消防", type="fire_rescue", status="on_scene")
    a.put("unit", "u2", name="民兵", type="militia", status="en_route")
    a.put("unit", "u3", name="蓝天", type="volunteer", status="standby", incident_id="other")
    past = now_ms() - 60_000
    for tid, status, deadline in (("t1", "issued", past), ("t2", "in_progress", None), ("t3", "done", None)):
        a.put("task", tid, title=tid, status=status, issuer=a.post_id, assignee="u1",
              assignee_kind="unit", incident_id="i1", **({"deadline": deadline} if deadline else {}))
    a.put("feature", "s1", symbol="shelter", name="体育场", capacity=800,
          geom={"type": "Point", "coordinates": [106.5, 29.5]})
    a.write(Draft("occupancy", "m1", "add", {"shelter_id": "s1", "delta": 120}))
    warnings.issue_warning(a.store, "甲", title="黄色预警", level="yellow", type="flood",
                           incident_id="i1", area=POLY)

    f = board.figures(a.store, "i1", now_ms())
    totals = incident_totals(a.store, "i1")
    assert f.casualties == {k: totals[k] for k in board.CASUALTIES}
    assert (f.casualties["evacuated"], f.casualties["trapped"], f.casualties["dead"]) == (350, 2, 1)
    assert f.teams == {"on_scene": 1, "en_route": 1, "standby": 0}
    assert f.tasks == {"open": 2, "overdue": 1, "done": 1}
    assert (f.shelter_used, f.shelter_capacity) == (120, 800)
    assert (f.warning_level, f.response_level) == ("yellow", 4)

    s = board.series(a.store, "i1")
    assert s.columns["evacuated"][-1] == 350 and 100.0 in s.columns["evacuated"]
    assert s.t == sorted(s.t)


@pytest.mark.parametrize("patch_most", [2000, 0], ids=["patched", "dropped"])
def test_checkpoints_give_the_full_replay_and_survive_a_late_op(lab, monkeypatch, patch_most):
    monkeypatch.setattr(checkpoints, "PATCH_MOST", patch_most)
    a = lab.authority
    fwd = lab.post("前方", "forward")
    _incident(a)
    a.send_to(fwd)
    # the forward post writes early, but its op reaches the rear only after checkpoints exist
    file_report(fwd.store, "乙", incident_id="i1", kind="first", evacuated=40)
    late_stamp = fwd.store.clock.last
    for n in range(30):
        file_report(a.store, "甲", incident_id="i1", kind="followup" if n else "first", evacuated=n * 10)
        a.put("unit", "u1", name="消防", type="fire_rescue", status="en_route",
              geom={"type": "Point", "coordinates": [106.5 + n / 1000, 29.5]})
    index = ReplayIndex(a.store, every=7)
    tallies = board.ReplayTallies("i1")
    stamps = [h for _o, _s, h, _st, _r in a.store.oplog_rows(status="applied")]
    for at in stamps[::9] + [stamps[-1]]:
        assert index.state_at(at).dump() == state_at(a.store, at).dump()
        moment = index.moment(at, hlc_ms(at))
        assert tallies.figures(moment, index) == board.figures(moment, "i1", hlc_ms(at))
    assert index.checkpoint_count() >= 5

    before = index.checkpoint_count()
    fwd.send_to(a)  # the late op: an older stamp than most checkpoints
    if patch_most:  # the late op's entity is re-merged in the checkpoints after its stamp
        assert index.checkpoint_count() == before and index.patched > 0 and index.dropped == 0
    else:  # a burst: the checkpoints after its stamp are dropped and made again
        assert index.checkpoint_count() < before and index.dropped > 0
    now = a.store.clock.last
    assert index.state_at(now).dump() == state_at(a.store, now).dump() == a.store.dump()
    moment = Moment(index.state_at(now), hlc_ms(now))
    assert board.figures(moment, "i1", hlc_ms(now)).casualties["evacuated"] == 290 + 40
    early = Moment(index.state_at(late_stamp), hlc_ms(late_stamp))
    assert board.figures(early, "i1", hlc_ms(late_stamp)).casualties["evacuated"] == 40
    for at in (late_stamp, stamps[len(stamps) // 2], now):  # the tallies forgot what was dropped
        moment = index.moment(at, hlc_ms(at))
        assert tallies.figures(moment, index) == board.figures(moment, "i1", hlc_ms(at))
    index.close()


def test_warning_issue_update_cancel_and_what_is_in_force(lab):
    a = lab.authority
    t0 = now_ms()
    wid = warnings.issue_warning(
        a.store, "甲", title="暴雨蓝色预警", level="blue", type="rainstorm", stage="days",
        tiers=["city", "district"], area=POLY, valid_from=t0, valid_to=t0 + 3_600_000,
    )
    assert [w.eid for w in warnings.active_warnings(a.store)] == [wid]
    warnings.update_warning(a.store, "甲", wid, level="red", stage="h2")
    assert a.store.get("warning", wid).get("level") == "red"
    assert warnings.active_warnings(a.store, t0 + 7_200_000) == []  # past its period
    with pytest.raises(Refused):
        warnings.update_warning(a.store, "甲", wid, valid_to=t0 - 1)
    with pytest.raises(Refused):
        warnings.update_warning(a.store, "甲", wid, level="purple")
    warnings.cancel_warning(a.store, "甲", wid)
    assert warnings.active_warnings(a.store) == []
    assert a.store.get("warning", wid).get("status") == "cancelled"


def test_gauge_alert_and_csv_import_with_numbered_errors(lab, tmp_path):
    a = lab.authority
    a.put("feature", "g1", symbol="gauge", name="朝天门水位站",
          geom={"type": "Point", "coordinates": [106.58, 29.56]},
          props={"warning_level_m": 180.5, "guarantee_level_m": 183.5})
    gauge = a.store.get("feature", "g1")
    gauges.add_reading(a.store, "甲", "g1", 179.9)
    assert gauges.status(a.store, gauge).alert is None
    gauges.add_reading(a.store, "甲", "g1", 181.0)
    assert gauges.status(a.store, gauge).alert == "warning"
    with pytest.raises(Refused):
        gauges.add_reading(a.store, "甲", "nope", 1.0)

    bad = tmp_path / "bad.csv"
    bad.write_text("gauge,measured_at,value\n朝天门水位站,2026-07-01 08:00,184.1\n"
                   "不存在站,2026-07-01 09:00,1\n朝天门水位站,昨天,1\n朝天门水位站,2026-07-01 10:00,高\n",
                   encoding="utf-8")
    with pytest.raises(gauges.GaugeImportError) as err:
        gauges.import_csv(a.store, "甲", bad)
    assert [n for n, _ in err.value.problems] == [3, 4, 5]
    assert "line 3" in str(err.value) and "line 5" in str(err.value)
    assert len(gauges.readings(a.store, "g1")) == 2  # nothing of the bad file was written

    good = tmp_path / "good.csv"
    good.write_text("gauge,measured_at,value,note\n朝天门水位站,2026-07-01T08:00:00+08:00,184.1,\n"
                    "g1,1782866400000,184.6,复测\n", encoding="gb18030")
    assert gauges.import_csv(a.store, "甲", good) == 2
    st = gauges.status(a.store, gauge)
    assert (st.latest, st.alert) == (181.0, "warning")  # imported readings are older
    assert [r.get("value") for r in gauges.readings(a.store, "g1")][:2] == [184.1, 184.6]
    with pytest.raises(Refused):
        gauges.import_csv(a.store, "甲", tmp_path / "missing.csv")


def test_timeline_export_and_indicators(lab):
    a = lab.authority
    fwd = lab.post("菜园坝前方指挥部", "forward")
    _incident(a)
    a.put("unit", "u1", name="消防", type="fire_rescue", status="standby", post_id=fwd.post_id)
    a.put("task", "t1", title="群众转移", status="issued", issuer=a.post_id, assignee="u1",
          assignee_kind="unit", incident_id="i1")
    a.send_to(fwd)
    fwd.put("task", "t1", status="acknowledged")
    file_report(fwd.store, "乙", incident_id="i1", kind="first", trapped=3)
    fwd.write(Draft("media", "p1", "add", {"sha256": "ab" * 32, "kind": "photo", "incident_id": "i1"}))
    fwd.send_to(a)
    a.put("incident", "i1", response_level=3)

    events = timeline.timeline(a.store, "i1")
    kinds = [e.kind for e in events]
    assert kinds[0] == "incident" and {"order", "task_status", "report", "media",
                                       "response_level"} <= set(kinds)
    names = {p.eid: p.get("name") for p in a.store.entities("post")}
    text = timeline.to_csv(events, names)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "时间(北京)" and len(rows) == len(events) + 1
    assert any("被困3人" in r[5] and r[3] == "菜园坝前方指挥部" for r in rows)
    ind = timeline.indicators(a.store, "i1")
    page = timeline.to_html(events, names, "洪水", ind)
    assert "<html lang=\"zh-CN\">" in page and "应急响应调整为Ⅲ级" in page and "签收用时" in page
    assert ind.first_image_s is not None and ind.first_panorama_s is None
    assert [o.task_id for o in ind.orders] == ["t1"] and ind.orders[0].seconds is not None
    assert set(ind.longest_gap_s) == {fwd.post_id}
