"""The tasks table: what the store holds shows, changes arrive row by row (also from a worker
thread), filters narrow it, overdue orders stand out."""

from __future__ import annotations

import threading

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from ui_scenario import HOUR_MS, OPERATOR, Post

from app.services import common, tasks
from ui.models.entity_table import EntityRole
from ui.models.tasks import OVERDUE_BACKGROUND, TaskFilterProxy, TaskTableModel
from ui.session import Session


def visible_titles(window) -> list[str]:
    proxy = window.tasks_dock.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_tasks_in_the_store_are_the_rows_of_the_table(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    stored = post.store.entities("task")
    model = window.tasks_dock.model
    assert model.rowCount() == len(stored) == 6
    assert sorted(visible_titles(window)) == sorted(e.data["title"] for e in stored)
    # codes become words: statuses in Chinese, the assignee's name instead of its id
    row = model.row_of(post.tasks["evacuate"])
    assert model.index(row, 1).data() == "执行中"
    assert model.index(row, 2).data() == "特急"
    assert model.index(row, 3).data() == "市综合应急救援总队"
    assert model.index(row, 5).data() == f"重庆市防汛抗旱指挥部 · {OPERATOR}"
    assert model.index(row, 6).data() == "长江嘉陵江洪峰过境渝中区"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "任务"


def test_the_demo_tasks_appear_in_the_table(make_main_window, demo_post: Post) -> None:
    window = make_main_window(demo_post)
    stored = demo_post.store.entities("task")
    assert stored
    assert window.tasks_dock.model.rowCount() == len(stored)
    assert sorted(visible_titles(window)) == sorted(e.data["title"] for e in stored)
    # open orders come first (soonest deadline on top), finished ones after
    proxy = window.tasks_dock.proxy
    statuses = [proxy.index(r, 0).data(EntityRole).data["status"] for r in range(proxy.rowCount())]
    open_flags = [s in ("issued", "acknowledged", "in_progress") for s in statuses]
    assert open_flags == sorted(open_flags, reverse=True)


def test_a_change_applied_on_another_thread_reaches_the_table(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    model = window.tasks_dock.model
    handled_on: list[threading.Thread] = []
    model.rowsInserted.connect(lambda *_: handled_on.append(threading.current_thread()))
    errors: list[BaseException] = []

    def worker() -> None:  # what the sync thread does: write through the store, off the GUI thread
        try:
            tid = tasks.issue_task(post.store, "远程值班员", title="远程下达：加固朝天门堤段",
                                   assignee=post.units["fire"], incident_id=post.incidents["flood"])
            tasks.set_status(post.store, "远程值班员", post.tasks["pumps"], "in_progress")
            assert tid
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=worker, name="fake-sync")
    thread.start()
    qtbot.waitUntil(lambda: "远程下达：加固朝天门堤段" in visible_titles(window), timeout=5000)
    pumps = model.row_of(post.tasks["pumps"])
    qtbot.waitUntil(lambda: model.index(pumps, 1).data() == "执行中", timeout=5000)
    thread.join(5)
    assert not errors
    assert model.rowCount() == 7
    assert handled_on and all(t is threading.main_thread() for t in handled_on)


def test_updating_one_task_announces_that_row_only(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    model = window.tasks_dock.model
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    model.modelReset.connect(lambda: resets.append(True))
    model.layoutChanged.connect(lambda *_: resets.append(True))
    row = model.row_of(post.tasks["check"])

    common.update(post.store, OPERATOR, "task", post.tasks["check"], {"title": "核查沿江商铺人员（复核）"})

    assert changed == [(row, row)]
    assert not resets
    assert model.index(row, 0).data() == "核查沿江商铺人员（复核）"


def test_a_deleted_task_leaves_the_table(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    model = window.tasks_dock.model
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    row = model.row_of(post.tasks["slope"])
    common.delete(post.store, OPERATOR, "task", post.tasks["slope"])
    assert removed == [(row, row)]
    assert model.rowCount() == 5
    assert model.row_of(post.tasks["slope"]) is None
    assert "巡查滨江路边坡" not in visible_titles(window)


def test_filters_by_incident_status_and_assignee(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.tasks_dock

    def choose(combo, data) -> None:
        combo.setCurrentIndex(combo.findData(data))

    choose(dock.incident_filter, post.incidents["rain"])
    assert sorted(visible_titles(window)) == sorted(["调拨冲锋舟6艘", "巡查滨江路边坡"])
    choose(dock.incident_filter, None)
    choose(dock.status_filter, "open")
    assert sorted(visible_titles(window)) == sorted(
        ["转移菜园坝低洼区域群众", "储奇门码头设置警戒线", "大溪沟排涝泵站值守"])
    choose(dock.status_filter, "done")
    assert visible_titles(window) == ["核查沿江商铺人员"]
    choose(dock.status_filter, "overdue")
    assert visible_titles(window) == ["储奇门码头设置警戒线"]
    choose(dock.status_filter, None)
    choose(dock.assignee_filter, post.units["blue_sky"])
    assert sorted(visible_titles(window)) == sorted(["大溪沟排涝泵站值守", "巡查滨江路边坡"])
    assert dock.count_label.text() == "显示 2 / 共 6 项任务"
    # a filtered view follows the store: a new order for that team appears, one for another does not
    tasks.issue_task(post.store, OPERATOR, title="蓝天救援队增援", assignee=post.units["blue_sky"])
    tasks.issue_task(post.store, OPERATOR, title="消防一站增援", assignee=post.units["fire"])
    assert "蓝天救援队增援" in visible_titles(window)
    assert "消防一站增援" not in visible_titles(window)


def test_overdue_tasks_are_highlighted(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    model = window.tasks_dock.model
    late = model.index(model.row_of(post.tasks["cordon"]), 0)
    on_time = model.index(model.row_of(post.tasks["evacuate"]), 0)
    finished_late = model.index(model.row_of(post.tasks["check"]), 0)  # deadline passes, but done

    background = late.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == OVERDUE_BACKGROUND
    font = late.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert "已超时" in late.data(Qt.ItemDataRole.ToolTipRole)
    for index in (on_time, finished_late):
        assert index.data(Qt.ItemDataRole.BackgroundRole) is None
        assert index.data(Qt.ItemDataRole.FontRole) is None


def test_a_task_becomes_overdue_as_time_passes(qapp, translations, post: Post) -> None:
    now = [common.now_ms()]
    session = Session(post.folder, post.store, OPERATOR)
    model = TaskTableModel(session, clock=lambda: now[0], recheck_ms=3_600_000)
    try:
        row = model.row_of(post.tasks["evacuate"])  # deadline in two hours
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
        changed: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
        now[0] += 3 * HOUR_MS
        model.recheck_overdue()
        # three hours on: the open task due in two hours flips; the one due in four does not, the
        # one already overdue stays so, the finished one was never overdue — none announced
        assert changed == [(row, row)]
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    finally:
        model.cleanup()
        session.cleanup()
        model.deleteLater()
        session.deleteLater()


def test_filter_proxy_without_a_window(qapp, translations, post: Post) -> None:
    session = Session(post.folder, post.store, OPERATOR)
    model = TaskTableModel(session)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    try:
        proxy.set_status("cancelled")
        assert proxy.rowCount() == 1
        assert proxy.index(0, 0).data() == "调拨冲锋舟6艘"
        proxy.set_status(None)
        proxy.set_incident(post.incidents["flood"])
        assert proxy.rowCount() == 4
        assert not proxy.index(0, 0, QModelIndex()).parent().isValid()
    finally:
        model.cleanup()
        session.cleanup()
