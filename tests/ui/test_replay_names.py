"""Replay (复盘) shows the names a moment had: a team renamed since appears under its old name
in the task list and the task's detail, an incident under its old title; live again, the new."""

from __future__ import annotations

from ui_scenario import OPERATOR, Post

from app.ops import hlc_ms
from app.services import common


def test_replay_shows_the_names_of_the_moment(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    tasks, names = window.tasks_dock, window.session.names
    replay = window.board_dock.replay
    unit, flood, task = post.units["general"], post.incidents["flood"], post.tasks["evacuate"]
    before = post.store.clock.last
    qtbot.waitUntil(lambda: common.now_ms() > hlc_ms(before))  # the renames fall in a later ms
    common.update(post.store, OPERATOR, "unit", unit, {"name": "市综合应急救援突击队"})
    common.update(post.store, OPERATOR, "incident", flood, {"title": "渝中区特大洪水"})
    qtbot.waitUntil(lambda: names.unit(unit) == "市综合应急救援突击队")
    column = [k for k, _t in tasks.model.COLUMNS].index("assignee")

    def shown() -> str:
        row = tasks.model.row_of(task)
        assert row is not None
        return str(tasks.model.index(row, column).data())

    assert shown() == "市综合应急救援突击队"
    replay.enter()
    replay.seek(hlc_ms(before))  # the moment before the renames
    assert names.unit(unit) == "市综合应急救援总队" and names.incident(flood) == "长江嘉陵江洪峰过境渝中区"
    qtbot.waitUntil(lambda: shown() == "市综合应急救援总队")
    assert tasks.select_task(task)
    qtbot.waitUntil(lambda: "市综合应急救援总队" in tasks.detail.toPlainText())
    assert "长江嘉陵江洪峰过境渝中区" in tasks.detail.toPlainText()
    assert "突击队" not in tasks.detail.toPlainText()

    replay.leave()
    assert names.unit(unit) == "市综合应急救援突击队" and names.incident(flood) == "渝中区特大洪水"
    qtbot.waitUntil(lambda: shown() == "市综合应急救援突击队")
