"""Reports, supplies, response plans, the duty log and messages in the window: each form writes
through its service and what it wrote shows where a person looks for it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QStyle
from ui_scenario import OPERATOR, Post, sync

from app.services import common, duty, supplies, tasks
from app.services import reports as report_service


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_followup_report_starts_from_the_posts_figures(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.reports_dock
    form = dock.open_report_form(post.incidents["flood"])
    qtbot.waitUntil(form.isVisible)
    assert form.kind_combo.currentData() == "followup"  # this post reported already
    assert form.figures["evacuated"].value() == 2300  # its latest 续报's figures
    form.figures["evacuated"].setValue(2600)
    form.figures["dead"].setValue(1)
    form.loss_spin.setValue(350.5)
    form.category_combo.setCurrentIndex(form.category_combo.findData("disaster"))
    form.text_edit.setPlainText("续报：新增转移300人，1人遇难。")
    form.grab().save("/tmp/zhijiu_report_form.png")
    ok(form)
    totals = report_service.incident_totals(post.store, post.incidents["flood"])
    assert totals["evacuated"] == 2600 and totals["dead"] == 1  # the latest, not a sum
    assert "转移人员 <b>2600</b>" in dock.totals.text() or "2600" in dock.totals.text()
    assert "350.5" in dock.totals.text()



def test_the_report_form_refuses_reports_out_of_order_in_chinese(make_main_window, post: Post, qtbot) -> None:
    flood = post.incidents["flood"]
    count = lambda: len(post.store.entities("report", incident_id=flood))  # noqa: E731
    window = make_main_window(post)
    dock = window.reports_dock
    form = dock.open_report_form(flood)
    qtbot.waitUntil(form.isVisible)
    before = count()
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("first"))  # this post reported already
    ok(form)
    assert form.isVisible() and "已报送过该事件的首报" in form.problem.text() and "续报" in form.problem.text()
    assert count() == before
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("final"))
    form.figures["evacuated"].setValue(0)  # everyone home: a 0 is news, not a figure left out
    ok(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert count() == before + 1
    assert report_service.post_latest(post.store, flood, post.post_id).get("evacuated") == 0
    form = dock.open_report_form(flood)
    qtbot.waitUntil(form.isVisible)
    ok(form)  # after this post's 终报
    assert form.isVisible() and "已报送该事件的终报" in form.problem.text() and count() == before + 1
    form.reject()

def test_allocation_moves_stock_when_done(make_main_window, post: Post, qtbot) -> None:
    s = post.store
    depot = common.create(s, OPERATOR, "feature", {"symbol": "depot", "name": "渝中区应急物资储备库",
                                                    "geom": common.point(106.55, 29.56)})
    supplies.move_stock(s, OPERATOR, depot, "帐篷", 120, unit="顶")
    supplies.move_stock(s, OPERATOR, depot, "救生衣", 500, unit="件")
    shelter = common.create(s, OPERATOR, "feature", {"symbol": "shelter", "name": "菜园坝体育馆",
                                                     "capacity": 800, "geom": common.point(106.54, 29.55)})
    supplies.move_occupancy(s, OPERATOR, shelter, 760)
    window = make_main_window(post)
    dock = window.units_dock
    assert dock.stock_shown()["渝中区应急物资储备库"] == {"帐篷": "120", "救生衣": "500"}
    assert dock.shelter_table.item(0, 2).text() == "760" and dock.shelter_table.item(0, 3).text() == "40"

    form = dock.open_allocation_form(depot)
    qtbot.waitUntil(form.isVisible)
    assert form.set_quantity("帐篷", 50)
    assert form.set_assignee(post.units["general"])
    form.title_edit.setText("调拨帐篷50顶至菜园坝")
    ok(form)
    alloc = next(t for t in s.entities("task") if t.get("title") == "调拨帐篷50顶至菜园坝")
    assert alloc.data["kind"] == "allocation"
    assert dock.stock_shown()["渝中区应急物资储备库"]["帐篷"] == "120"  # not moved before done
    tasks.set_status(s, OPERATOR, alloc.eid, "done")
    qtbot.waitUntil(lambda: dock.stock_shown()["渝中区应急物资储备库"]["帐篷"] == "70")
    dock.tabs.setCurrentIndex(1)
    dock.grab().save("/tmp/zhijiu_depots.png")


def test_declaring_a_level_issues_the_plans_tasks(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.plans_dock
    dock.name_edit.setText("防汛Ⅲ级应急响应预案")
    dock.category_combo.setCurrentIndex(dock.category_combo.findData("flood"))
    dock.level_combo.setCurrentIndex(dock.level_combo.findData(3))
    dock.template.item(0, 0).setText("发布Ⅲ级响应启动通知")
    dock.template.item(0, 2).setText("30")
    row = dock.add_template_row()
    dock.template.item(row, 0).setText("组织低洼区域群众转移")
    dock.template.item(row, 3).setText("abc")
    assert dock.save() is None and "第 2 行" in dock.problem.text()
    dock.template.item(row, 3).setText("15")
    plan_id = dock.save()
    assert plan_id is not None
    assert len(post.store.get("plan", plan_id).data["tasks"]) == 2
    assert dock.plan_list.count() == 1

    before = window.tasks_dock.model.rowCount()
    issued = dock.declare(post.incidents["flood"], 2)  # raising to Ⅱ includes Ⅲ's tasks
    assert issued is not None and len(issued) == 2
    assert "2" in dock.declare_result.text()
    qtbot.waitUntil(lambda: window.tasks_dock.model.rowCount() == before + 2)
    assert dock.declare(post.incidents["flood"], 2) == []  # never twice
    assert post.store.get("incident", post.incidents["flood"]).data["response_level"] == 2
    dock.resize(900, 520)
    dock.grab().save("/tmp/zhijiu_plans.png")


def test_handover_and_messages_with_receipts(make_main_window, post: Post, forward_post: Post, qtbot) -> None:
    rear_window = make_main_window(post)
    rear = rear_window.reports_dock
    assert rear.add_log_entry("22时洪峰通过朝天门，水位回落。")
    handover_id = rear.hand_over("李娜")
    entry = post.store.get("log", handover_id)
    assert entry.data["category"] == "handover" and "李娜" in entry.data["text"]
    assert rear.log_model.row_of(handover_id) is not None

    mid = rear.send_message(forward_post.post_id, "请于23时前回传储奇门码头现场照片。")
    assert mid is not None
    row = rear.message_model.row_of(mid)
    assert rear.message_model.index(row, 4).data() == "尚未送达"

    fwd_window = make_main_window(forward_post)
    sync(post.store, forward_post.store)
    fwd = fwd_window.reports_dock
    qtbot.waitUntil(lambda: fwd.message_model.row_of(mid) is not None)
    assert duty.receipts(forward_post.store, mid)["delivered"] is not None  # delivered at once
    index = fwd.message_proxy.mapFromSource(fwd.message_model.index(fwd.message_model.row_of(mid), 0))
    fwd.message_view.selectRow(index.row())  # reading it
    assert duty.receipts(forward_post.store, mid)["read"] is not None

    sync(forward_post.store, post.store)
    qtbot.waitUntil(lambda: rear.message_model.index(row, 4).data().startswith("已读"))
    rear.tabs.setCurrentIndex(2)
    rear.grab().save("/tmp/zhijiu_messages.png")


def test_the_plan_template_headers_are_not_clipped(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    window.resize(1600, 1000)
    dock = window.plans_dock
    dock.raise_()
    qtbot.waitExposed(dock.template)
    header = dock.template.horizontalHeader()
    margin = 2 * dock.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for c in range(1, header.count()):  # the first (标准任务) stretches
        text = dock.template.horizontalHeaderItem(c).text()
        assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(text) + margin, text
    assert dock.template.horizontalHeaderItem(3).text() == "签收时限（分钟）"


def test_a_report_with_an_unreadable_photo_says_so_and_files_nothing(
        make_main_window, post: Post, qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.forms.report import ReportForm

    window = make_main_window(post)
    dock = window.reports_dock
    ops_before = post.store.op_count()
    form = ReportForm(incident_id=post.incidents["flood"], kind="followup", category="flood",
                      figures={"evacuated": 10}, text="现场照片", geom=None,
                      photos=[tmp_path / "gone.jpg"])
    assert dock.file_report(form) is None
    box = dock.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text().startswith("照片文件“gone.jpg”无法读取")
    assert box.informativeText() == "信息未报送。"
    assert post.store.op_count() == ops_before
    box.close()
