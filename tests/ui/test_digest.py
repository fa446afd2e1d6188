"""离线期间收到: what arrived from other posts, grouped by kind with counts, orders first — and a
panel that neither blocks the window nor shows on a locked screen."""

from __future__ import annotations

from ui_scenario import OPERATOR, PIN, Post

from app.services import common, reports, tasks
from ui.models.digest import build_digest


def arrive(rear: Post, fwd: Post) -> list:
    """What a sync session applies at the forward post: the rear's ops it lacks."""
    result = fwd.store.apply(list(rear.store.ops_missing_from(fwd.store.version_vector())),
                             source="test-peer")
    return result.applied_ops


def rear_writes_while_cut_off(rear: Post, fwd: Post) -> None:
    s = rear.store
    common.create(s, OPERATOR, "log", {"text": "会商：洪峰提前两小时", "category": "consultation"})
    reports.file_report(s, OPERATOR, incident_id=rear.incidents["flood"], kind="followup",
                        category="flood", trapped=4, text="储奇门码头被困4人")
    common.create(s, OPERATOR, "warning", {"title": "渝中区暴雨红色预警", "level": "red",
                                           "type": "rainstorm", "status": "active"})
    tasks.issue_task(s, OPERATOR, title="转移储奇门码头被困群众", assignee=fwd.post_id,
                     assignee_kind="post", priority="urgent")
    tasks.set_status(s, OPERATOR, rear.tasks["cordon"], "in_progress", text="警戒线已拉设")


def test_orders_first_then_warnings_reports_and_the_rest(make_main_window, post: Post,
                                                         forward_post: Post) -> None:
    rear_writes_while_cut_off(post, forward_post)
    ops = arrive(post, forward_post)
    window = make_main_window(forward_post)
    dialog = window.show_digest(ops)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.group_titles() == ["任务（2）", "任务反馈（1）", "预警（1）", "信息报送（1）",
                                     "值班日志（1）"]
    assert dialog.item_texts(0) == ["转移储奇门码头被困群众 · 已下达",  # new ones first
                                    "储奇门码头设置警戒线 · 执行中"]
    changes = [dialog.tree.topLevelItem(0).child(i).text(1) for i in range(2)]
    assert changes == ["新", "更新"]
    assert dialog.item_texts(1) == ["储奇门码头设置警戒线：执行中"]
    assert dialog.item_texts(2) == ["【红色预警】渝中区暴雨红色预警"]
    assert dialog.item_texts(3) == ["续报 · 汛情 · 长江嘉陵江洪峰过境渝中区 · 储奇门码头被困4人"]
    assert dialog.item_texts(4) == ["会商：洪峰提前两小时"]
    assert dialog.tree.topLevelItem(0).child(0).text(2) == f"重庆市防汛抗旱指挥部 · {OPERATOR}"
    assert dialog.heading.text() == "链路已恢复。离线期间其他指挥所有 6 条记录发生变化："


def test_counts_stay_exact_beyond_the_listed_records(post: Post, forward_post: Post,
                                                     make_main_window) -> None:
    for i in range(7):
        tasks.issue_task(post.store, OPERATOR, title=f"排查第{i + 1}网格", assignee=forward_post.post_id,
                         assignee_kind="post")
    ops = arrive(post, forward_post)
    window = make_main_window(forward_post)
    digest = build_digest(forward_post.store, window.session.names, ops, limit=3)
    assert digest.count("task") == 7 and len(digest.texts("task")) == 3
    assert digest.ops == 7


def test_a_second_catch_up_adds_to_the_open_panel(make_main_window, post: Post,
                                                  forward_post: Post) -> None:
    window = make_main_window(forward_post)
    tasks.issue_task(post.store, OPERATOR, title="第一批指令", assignee=forward_post.post_id,
                     assignee_kind="post")
    dialog = window.show_digest(arrive(post, forward_post))
    tasks.issue_task(post.store, OPERATOR, title="第二批指令", assignee=forward_post.post_id,
                     assignee_kind="post")
    assert window.show_digest(arrive(post, forward_post)) is dialog
    assert dialog.group_titles() == ["任务（2）"]
    dialog.close()  # read: the next one starts afresh
    tasks.issue_task(post.store, OPERATOR, title="第三批指令", assignee=forward_post.post_id,
                     assignee_kind="post")
    window.show_digest(arrive(post, forward_post))
    assert dialog.item_texts(0) == ["第三批指令 · 已下达"]


def test_the_panel_hides_behind_the_screen_lock(make_main_window, post: Post,
                                                forward_post: Post) -> None:
    window = make_main_window(forward_post)
    tasks.issue_task(post.store, OPERATOR, title="锁屏前到达", assignee=forward_post.post_id,
                     assignee_kind="post")
    dialog = window.show_digest(arrive(post, forward_post))
    window.lock.lock()
    assert not dialog.isVisible()
    tasks.issue_task(post.store, OPERATOR, title="锁屏时到达", assignee=forward_post.post_id,
                     assignee_kind="post")
    window.show_digest(arrive(post, forward_post))
    assert not dialog.isVisible()  # nothing of the work shows on a locked screen
    window.lock.view.pin.setText(PIN)
    assert window.lock.view.try_unlock()
    assert dialog.isVisible()
    assert dialog.group_titles() == ["任务（2）"]
