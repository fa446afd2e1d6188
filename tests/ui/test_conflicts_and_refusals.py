"""A person resolves a conflict in the conflicts dock; a refused change is explained in words."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from ui_scenario import OPERATOR, Post

from app.store.store import Draft


def make_conflict(post: Post, field: str = "priority") -> tuple[str, str]:
    """Two writes of the same field where neither author saw the other (as after a cut link)."""
    tid = post.tasks["pumps"]
    seen = [v.ref for v in post.store.heads("task", tid, field)]
    post.store.write([Draft("task", tid, "put", {field: "urgent"}, bases={field: seen})], operator="李娜")
    post.store.write([Draft("task", tid, "put", {field: "low"}, bases={field: seen})], operator="王强")
    return tid, field


def test_resolving_a_conflict_in_the_dock_writes_a_resolve_op(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.conflicts_dock
    assert dock.model.rowCount() == 0
    assert dock.windowTitle() == "冲突"

    tid, field = make_conflict(post)

    assert dock.model.rowCount() == 1
    assert dock.windowTitle() == "冲突（1）"
    assert dock.model.index(0).data() == "任务「大溪沟排涝泵站值守」：紧急程度"
    rows = {dock.candidates.item(r, 0).text(): dock.candidates.item(r, 1).text()
            for r in range(dock.candidates.rowCount())}
    assert rows == {"缓办": "重庆市防汛抗旱指挥部 · 王强", "特急": "重庆市防汛抗旱指挥部 · 李娜"}
    assert post.store.get("task", tid).data[field] == "low"  # the merge rule's winner, for now

    # the person keeps the value that lost the merge
    ops_before = post.store.op_count()
    competing = sorted(v.ref for v in post.store.heads("task", tid, field))
    assert len(competing) == 2
    urgent_row = next(r for r in range(dock.candidates.rowCount())
                      if dock.candidates.item(r, 0).text() == "特急")
    dock.keep_buttons()[urgent_row].click()

    assert post.store.conflicts() == []
    assert post.store.get("task", tid).data[field] == "urgent"
    assert post.store.op_count() == ops_before + 1
    last_op, status, _ = post.store.history("task", tid)[-1]
    assert status == "applied" and last_op.operator == OPERATOR
    assert sorted(tuple(ref) for ref in last_op.bases[field]) == competing  # it saw both
    qtbot.waitUntil(lambda: dock.model.rowCount() == 0)
    assert dock.windowTitle() == "冲突"
    assert dock.candidates.rowCount() == 0
    # the table shows the kept value
    model = window.tasks_dock.model
    assert model.index(model.row_of(tid), 2).data() == "特急"


def test_a_forward_post_cannot_cancel_an_order_of_the_rear(make_main_window, forward_post: Post, qtbot) -> None:
    window = make_main_window(forward_post)
    dock = window.tasks_dock
    tid = forward_post.tasks["to_forward"]
    assert dock.select_task(tid)
    assert dock.buttons["cancelled"].isEnabled()  # the rules, not the button, decide

    assert not dock.set_selected_status("cancelled")

    box = dock.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "只有下达该任务的指挥所才能撤销或改派该任务。"
    assert box.informativeText() == "未做任何修改。"
    assert forward_post.store.get("task", tid).data["status"] == "issued"
    box.close()

    # what an assignee may do, it does
    assert dock.set_selected_status("acknowledged")
    assert forward_post.store.get("task", tid).data["status"] == "acknowledged"
    model = dock.model
    assert model.index(model.row_of(tid), 1).data() == "已签收"
    assert not dock.buttons["acknowledged"].isEnabled()


def test_refusals_with_figures_are_said_in_chinese(translations) -> None:
    from ui.reasons import explain

    assert explain("not enough 帐篷 in the depot: 999999 asked, 220 there") == \
        "库存不足：帐篷 需 999999，库中仅有 220。"
    assert explain("not enough 火箭 in the depot: 5 asked, the depot holds none").startswith("库存不足：火箭")
    assert explain("invalid: the deadline is in the past") == "完成时限已过。"
    assert explain("no media deadbeef") == "本指挥所没有此照片或文件：deadbeef。"
