"""The task board in the window: the kanban, filters, the issue form, bulk actions with per-task
refusals, and escalation (an order left unacknowledged past its time raises the red banner and
the alarm; the clock is injected). The whole command loop is in test_command_loop.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_scenario import HOUR_MS, OPERATOR, Post, sync

from app.services import common, tasks


def test_the_kanban_shows_a_column_per_status(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.tasks_dock
    dock.kanban_button.click()
    assert dock.kanban_shown()
    board = dock.kanban
    assert board.headers["issued"].text() == "已下达（1）"
    assert board.card_texts("in_progress")[0].startswith("转移菜园坝低洼区域群众\n市综合应急救援总队")
    # a change moves one card from one column to the next
    tasks.set_status(post.store, OPERATOR, post.tasks["cordon"], "acknowledged")
    qtbot.waitUntil(lambda: board.proxies["issued"].rowCount() == 0)
    assert "储奇门码头设置警戒线" in "".join(board.card_texts("acknowledged"))
    # filters apply to the kanban too
    dock.incident_filter.setCurrentIndex(dock.incident_filter.findData(post.incidents["rain"]))
    assert board.proxies["acknowledged"].rowCount() == 0
    assert board.proxies["cancelled"].rowCount() == 1
    dock.incident_filter.setCurrentIndex(0)
    assert board.select(post.tasks["pumps"])
    assert dock.selected_id() == post.tasks["pumps"]
    assert "大溪沟排涝泵站值守" in dock.detail.toPlainText()
    window.resize(1600, 1000)
    dock.grab().save("/tmp/zhijiu_kanban.png")


def test_bulk_actions_report_each_refusal(make_main_window, post: Post, forward_post: Post, qtbot) -> None:
    # the forward post commands a team of its own and orders it
    fwd = forward_post
    own_team = common.create(fwd.store, OPERATOR, "unit", {
        "name": "前指突击队", "type": "fire_rescue", "status": "on_scene", "post_id": fwd.post_id})
    own = tasks.issue_task(fwd.store, OPERATOR, title="突击队清理码头杂物", assignee=own_team,
                           deadline=common.now_ms() + HOUR_MS)
    window = make_main_window(fwd)
    dock = window.tasks_dock
    rear_order = fwd.tasks["to_forward"]
    assert dock.select_tasks([own, rear_order]) == 2
    assert dock.buttons["cancelled"].isEnabled()

    assert not dock.set_selected_status("cancelled")

    box = dock.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "1 项已撤销，1 项被拒绝："  # in the action's words: a cancel is not "done"
    assert box.informativeText() == "只有下达该任务的指挥所才能撤销或改派该任务。"
    assert box.detailedText() == "前方指挥部回传储奇门现场图像：只有下达该任务的指挥所才能撤销或改派该任务。"
    assert fwd.store.get("task", own).data["status"] == "cancelled"  # its own order: cancelled
    assert fwd.store.get("task", rear_order).data["status"] == "issued"  # the rear's: untouched
    box.close()
    # the button says in advance why, for the rear's order
    dock.select_task(rear_order)
    assert dock.buttons["cancelled"].toolTip() == "只有下达该任务的指挥所才能撤销或改派该任务。"
    assert dock.buttons["acknowledged"].toolTip() == ""


def test_a_bulk_action_all_refused_says_so_in_its_own_words(
        make_main_window, post: Post, forward_post: Post, qtbot) -> None:
    fwd = forward_post
    more = [tasks.issue_task(post.store, OPERATOR, title=f"前指巡查堤段 {i}", assignee=fwd.post_id,
                             assignee_kind="post", deadline=common.now_ms() + HOUR_MS) for i in (1, 2, 3)]
    sync(post.store, fwd.store)
    window = make_main_window(fwd)
    dock = window.tasks_dock
    assert dock.select_tasks([fwd.tasks["to_forward"], *more]) == 4

    assert not dock.set_selected_status("cancelled")  # the rear's orders: only the rear cancels

    box = dock.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "0 项已撤销，4 项被拒绝："
    assert box.informativeText() == "只有下达该任务的指挥所才能撤销或改派该任务。"  # once, not four times
    details = box.detailedText().splitlines()
    assert details[0] == "前方指挥部回传储奇门现场图像：只有下达该任务的指挥所才能撤销或改派该任务。"
    assert len(details) == 4 and not any("forbidden" in line for line in details)
    box.close()


def test_feedback_with_an_unreadable_photo_says_so_and_sends_nothing(
        make_main_window, post: Post, forward_post: Post, qtbot, tmp_path: Path) -> None:
    fwd = forward_post
    window = make_main_window(fwd)
    dock = window.tasks_dock
    assert dock.select_task(fwd.tasks["to_forward"])
    good = tmp_path / "现场.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    assert image.save(str(good))
    ops_before = fwd.store.op_count()

    assert not dock.send_feedback("现场照片两张", photos=[good, tmp_path / "nonexistent.jpg"])

    box = dock.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "照片文件“nonexistent.jpg”无法读取：文件不存在（已被移动、改名或删除？）。"
    assert box.informativeText() == "未发送任何内容。"
    assert box.detailedText() == str(tmp_path / "nonexistent.jpg")
    assert fwd.store.op_count() == ops_before  # not even the readable photo's media record
    assert tasks.feedback_of(fwd.store, fwd.tasks["to_forward"]) == []
    box.close()


def test_the_issue_form_says_what_is_wrong(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    form = window.tasks_dock.open_issue_form()
    qtbot.waitUntil(form.isVisible)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert form.isVisible() and "标题" in form.problem.text()
    form.title_edit.setText("巡查滨江路")
    form.lat_edit.setText("129.5")
    form.lon_edit.setText("106.5")
    ok.click()
    assert form.isVisible() and "纬度" in form.problem.text()
    form.lat_edit.setText("29,55")  # a decimal comma is taken as a point
    picked: list[bool] = []
    window.tasks_dock.pickOnMapRequested.connect(lambda: picked.append(True))
    form.pick_button.click()
    assert picked == [True]
    window.tasks_dock.set_picked_location(106.57, 29.56)
    assert form.lat_edit.text() == "29.560000"
    form.grab().save("/tmp/zhijiu_issue_form.png")
    before = len(post.store.entities("task"))
    ok.click()
    assert not form.isVisible()
    assert len(post.store.entities("task")) == before + 1


def test_an_unacknowledged_order_past_its_time_raises_the_alert(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    alerts = window.alerts
    now = common.now_ms()
    clock = [now]
    alerts.monitor.clock = lambda: clock[0]
    tid = tasks.issue_task(post.store, OPERATOR, title="派出冲锋舟接应被困群众",
                           assignee=post.units["blue_sky"], incident_id=post.incidents["flood"],
                           deadline=now + 3 * HOUR_MS, ack_within_s=15 * 60)
    alerts.monitor.poll()
    banner_text = alerts.banner.text.text()
    assert "派出冲锋舟接应被困群众" not in banner_text  # not late yet
    sounded = alerts.monitor.sound.sounded

    clock[0] = now + 16 * 60 * 1000  # sixteen minutes later, still not acknowledged
    alerts.monitor.poll()
    assert alerts.bar.isVisible() and alerts.banner.isVisible()
    assert "派出冲锋舟接应被困群众 — 未签收" in alerts.banner.text.text()
    assert alerts.monitor.sound.sounded == sounded + 1  # the alarm went off
    alerts.monitor.poll()
    assert alerts.monitor.sound.sounded == sounded + 1  # once per new alert, not per poll
    qtbot.waitUntil(lambda: alerts.bar.geometry().height() > 10)  # laid out across the window
    window.grab().save("/tmp/zhijiu_alert.png")

    # clicking it selects the order on the board
    alerts.banner.taskActivated.emit(tid)
    assert window.tasks_dock.selected_id() == tid

    # acknowledged: that alert is gone
    tasks.set_status(post.store, OPERATOR, tid, "acknowledged")
    alerts.monitor.poll()
    assert "派出冲锋舟接应被困群众" not in alerts.banner.text.text()
