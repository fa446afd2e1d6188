"""How the tasks table takes a burst of changes: one bulk read for many ids off the GUI thread,
repeats of an id coalesced, records put in a few at a time while the rows stay in order, and the
overdue check touching only the rows whose deadline just passed."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from ui_scenario import HOUR_MS, OPERATOR, Post

from app.services import common
from app.store.store import Draft
from ui.models import entity_table
from ui.models import tasks as task_model
from ui.models.entity_table import EntityRole
from ui.models.tasks import TaskFilterProxy, TaskTableModel
from ui.session import Session


@pytest.fixture
def model(qapp, translations, post: Post) -> Iterator[TaskTableModel]:
    session = Session(post.folder, post.store, OPERATOR)
    table = TaskTableModel(session, recheck_ms=3_600_000)
    yield table
    table.cleanup()
    session.cleanup()
    table.deleteLater()
    session.deleteLater()


def new_orders(post: Post, n: int, **fields: object) -> list[Draft]:
    base = {"title": "转移群众", "status": "issued", "issuer": post.post_id,
            "assignee": post.units["fire"], "assignee_kind": "unit",
            "incident_id": post.incidents["flood"], "deadline": common.now_ms() + 5 * HOUR_MS}
    return [Draft("task", uuid.uuid4().hex, "put", {**base, "title": f"转移群众{i:02d}", **fields})
            for i in range(n)]


def in_order(model: TaskTableModel) -> bool:
    keys = model._sorted_keys
    return keys == sorted(keys) and all(model.row_of(e.eid) == r for r, e in enumerate(model._rows))


def test_a_burst_is_read_in_bulk_off_the_gui_thread_and_repeats_coalesce(
        model: TaskTableModel, post: Post, qtbot, monkeypatch) -> None:
    store = post.store
    bulk: list[list[str]] = []
    single: list[str] = []
    get_many, get = store.get_many, store.get
    monkeypatch.setattr(store, "get_many", lambda etype, eids: (
        bulk.append(list(eids)) if etype == "task" else None) or get_many(etype, eids))
    monkeypatch.setattr(store, "get", lambda etype, eid: (
        single.append(eid) if etype == "task" else None) or get(etype, eid))
    inserted: list[str] = []
    changed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _l: inserted.append(model.entity(first).eid))
    model.dataChanged.connect(lambda top, *_: changed.append(top.row()))
    before = model.rowCount()

    drafts = new_orders(post, 40)
    ids = sorted(d.eid for d in drafts)
    store.write(drafts, operator=OPERATOR)  # more than a local write makes: to the reader thread
    assert not model.settled() and model.rowCount() == before
    # the same 40 change again while the first read is in flight: that read is dropped
    store.write([Draft("task", eid, "put", {"status": "acknowledged"}) for eid in ids], operator=OPERATOR)
    qtbot.waitUntil(model.settled)

    assert bulk == [ids, ids]  # two reads of many ids each, none of one id alone
    assert not single
    assert sorted(inserted) == ids  # each put in once, with what the second read found
    assert not changed
    assert model.rowCount() == before + 40
    assert {model.entity(model.row_of(eid)).get("status") for eid in ids} == {"acknowledged"}
    assert in_order(model)


def test_a_local_write_shows_at_once(model: TaskTableModel, post: Post) -> None:
    drafts = new_orders(post, 3)
    post.store.write(drafts, operator=OPERATOR)  # on the GUI thread, a few: read there and then
    assert model.settled()
    assert all(model.row_of(d.eid) is not None for d in drafts)


def test_a_burst_is_put_in_a_few_rows_a_turn_and_the_rows_stay_in_order(
        model: TaskTableModel, post: Post, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(entity_table, "BUDGET_S", 0.0)  # one record per turn of the event loop
    store = post.store
    drafts = new_orders(post, 30)
    ids = sorted(d.eid for d in drafts)
    last = ids[-1]
    inserted: list[str] = []
    waiting_then: list[int] = []
    orderly: list[bool] = []

    def on_inserted(_parent: object, first: int, _last: int) -> None:
        inserted.append(model.entity(first).eid)
        waiting_then.append(len(model._ready))
        orderly.append(in_order(model))
        if len(inserted) == 1:  # while the rest wait their turn, the last one changes again
            QTimer.singleShot(0, lambda: store.write(
                [Draft("task", last, "put", {"status": "in_progress"})], operator=OPERATOR))

    model.rowsInserted.connect(on_inserted)
    store.write(drafts, operator=OPERATOR)
    qtbot.waitUntil(model.settled)

    assert sorted(inserted) == ids and len(inserted) == 30  # each once
    assert inserted[:-1] == [eid for eid in ids if eid != last]  # in the order they arrived
    assert inserted[-1] == last  # its newer read came after the others
    # one a turn, the rest waiting: each put-in left one fewer waiting, give or take the last
    # one leaving (its read was stale) and coming back (its newer read) in between
    steps = [a - b for a, b in zip(waiting_then[:28], waiting_then[1:29], strict=True)]
    assert waiting_then[0] == 29
    assert set(steps) <= {0, 1, 2} and steps.count(1) >= 26
    assert all(orderly)
    assert model.entity(model.row_of(last)).get("status") == "in_progress"


def test_the_overdue_check_touches_only_the_deadlines_just_passed(
        qapp, translations, post: Post, monkeypatch) -> None:
    now = [common.now_ms()]
    store = post.store
    drafts = new_orders(post, 1, deadline=now[0] + 10 * HOUR_MS)
    drafts += new_orders(post, 1, deadline=now[0] + 11 * HOUR_MS)
    drafts += new_orders(post, 1, deadline=now[0] + 30 * HOUR_MS)
    soon, moved, later = (d.eid for d in drafts)
    store.write(drafts, operator=OPERATOR)
    session = Session(post.folder, store, OPERATOR)
    model = TaskTableModel(session, clock=lambda: now[0], recheck_ms=3_600_000)
    try:
        store.write([Draft("task", moved, "put", {"deadline": now[0] + 40 * HOUR_MS})],
                    operator=OPERATOR)  # its first deadline stays on the heap, stale
        now[0] += 6 * HOUR_MS  # the scenario's own open orders (due within five hours) pass
        model.recheck_overdue()
        overdue_before = model.overdue_ids()
        assert {post.tasks["evacuate"], post.tasks["pumps"]} <= overdue_before
        looked_at: list[str] = []
        real = task_model.task_rules.is_overdue
        monkeypatch.setattr(task_model.task_rules, "is_overdue", lambda d, at: (
            looked_at.append(str(d.get("title"))), real(d, at))[1])
        announced: list[int] = []
        model.dataChanged.connect(lambda top, *_: announced.append(top.row()))

        now[0] += 6 * HOUR_MS
        model.recheck_overdue()
        # the two deadlines passed were looked at (one of them stale), no other row
        assert len(looked_at) == 2
        assert model.overdue_ids() == overdue_before | {soon}
        assert announced == [model.row_of(soon)]

        looked_at.clear()
        announced.clear()
        model.recheck_overdue()  # nothing passed since: nothing looked at
        assert not looked_at and not announced

        now[0] += 20 * HOUR_MS
        model.recheck_overdue()
        assert model.overdue_ids() == overdue_before | {soon, later}
        assert announced == [model.row_of(later)]

        announced.clear()
        now[0] -= 25 * HOUR_MS  # the clock went back (to 7 h on): every row afresh
        model.recheck_overdue()
        assert model.overdue_ids() == overdue_before
        assert sorted(announced) == sorted([model.row_of(soon), model.row_of(later)])
    finally:
        model.cleanup()
        session.cleanup()
        model.deleteLater()
        session.deleteLater()


def test_only_a_rename_refreshes_the_names_shown(model: TaskTableModel, post: Post) -> None:
    row = model.row_of(post.tasks["evacuate"])  # assigned to 市综合应急救援总队
    assert model.index(row, 3).data() == "市综合应急救援总队"
    announced: list[set[str]] = []
    model.session.names.namesChanged.connect(announced.append)
    unit = post.units["general"]
    post.store.write([Draft("unit", unit, "put", {"status": "en_route"})], operator=OPERATOR)
    assert not announced  # the team moved on: no name changed, no row refreshed
    post.store.write([Draft("unit", unit, "put", {"name": "市综合应急救援总队二支队"})], operator=OPERATOR)
    assert announced == [{"unit"}]
    assert model.index(row, 3).data() == "市综合应急救援总队二支队"


def test_the_filter_answers_rows_that_arrive_after_it_was_set(model: TaskTableModel, post: Post) -> None:
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("acknowledged")  # every row answered in one pass
    shown = proxy.rowCount()
    drafts = new_orders(post, 2)
    drafts[1] = Draft("task", drafts[1].eid, "put", {**drafts[1].fields, "status": "acknowledged"})
    post.store.write(drafts, operator=OPERATOR)  # a new row: answered on its own
    assert proxy.rowCount() == shown + 1
    assert {proxy.index(r, 0).data(EntityRole).get("status") for r in range(proxy.rowCount())} == {"acknowledged"}
    proxy.set_status(None)
    assert proxy.rowCount() == model.rowCount()


def test_the_deadline_heap_is_rebuilt_when_mostly_stale(model: TaskTableModel, post: Post) -> None:
    task = model.entity(model.row_of(post.tasks["pumps"]))  # open, due in four hours
    later = dataclasses.replace(task, data={**task.data, "deadline": task.data["deadline"] + HOUR_MS})
    for _ in range(2 * model.rowCount() + 1024):  # a task whose deadline keeps moving
        model._watch_deadline(later)
    assert len(model._due) <= model.rowCount() + 1  # rebuilt from the rows …
    assert (later.data["deadline"], later.eid) in model._due  # … keeping the newest deadline


def test_a_big_table_loads_on_the_reader_thread(qapp, translations, post: Post, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(entity_table, "BACKGROUND_LOAD_MIN", 1)  # this post's six tasks are "big"
    session = Session(post.folder, post.store, OPERATOR)
    model = TaskTableModel(session, recheck_ms=3_600_000)
    try:
        assert model.loading and model.rowCount() == 0 and not model.settled()
        new = new_orders(post, 1)
        post.store.write(new, operator=OPERATOR)  # while loading: waits, read after the load
        model.sort(0)  # sorted by title meanwhile: the load comes in in that order
        qtbot.waitUntil(model.settled)
        assert not model.loading
        stored = post.store.entities("task")
        assert model.rowCount() == len(stored) == 7 and model.row_of(new[0].eid) is not None
        titles = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert titles == sorted(titles)
        assert in_order(model)
        assert post.tasks["cordon"] in model.overdue_ids()  # its deadline passed an hour ago
    finally:
        model.cleanup()
        session.cleanup()
        model.deleteLater()
        session.deleteLater()


def test_the_board_says_it_is_loading_a_big_board(make_main_window, post: Post, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(entity_table, "BACKGROUND_LOAD_MIN", 1)
    dock = make_main_window(post).tasks_dock
    if dock.model.loading:  # not "0 tasks" while the records are read
        assert dock.count_label.text() == "正在载入任务…"
    qtbot.waitUntil(lambda: not dock.model.loading)
    assert dock.count_label.text() == "显示 6 / 共 6 项任务"
