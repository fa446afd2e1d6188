"""The main window frame: docks in place, the language switch, the status bar, the saved layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel
from ui_scenario import OPERATOR, Post

from app.services import common, tasks
from ui.docks.map import MapDock
from ui.main_window import dock_titles
from ui.map import features
from ui.settings import UiSettings


def status_texts(window) -> list[str]:
    return [w.text() for w in window.statusBar().findChildren(QLabel)]


def test_the_frame_docks_every_view(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    titles = dock_titles(window)
    assert titles == {
        "dock_map": "一张图",
        "dock_board": "态势",
        "dock_feeds": "图传",
        "dock_tasks": "任务",
        "dock_reports": "信息报送与值班日志",
        "dock_units": "救援队伍与物资",
        "dock_conflicts": "冲突",
        "dock_link": "链路状态",
        "dock_plans": "应急预案",
    }
    assert isinstance(window.map_dock, MapDock)  # the live map, its page served offline
    qtbot.waitUntil(lambda: window.map_dock.bridge.is_ready, timeout=60_000)
    assert window.windowTitle() == "智救指挥所 — 重庆市防汛抗旱指挥部"


def test_language_switch_changes_visible_text(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    assert window.tasks_dock.windowTitle() == "任务"
    assert window.tasks_dock.buttons["acknowledged"].text() == "签收"
    model = window.tasks_dock.model
    row = model.row_of(post.tasks["evacuate"])
    assert model.index(row, 1).data() == "执行中"

    window.language_actions["en"].trigger()

    qtbot.waitUntil(lambda: window.tasks_dock.windowTitle() == "Tasks")
    assert window.tasks_dock.buttons["acknowledged"].text() == "Acknowledge"
    assert window.units_dock.windowTitle() == "Teams and supplies"
    assert window.map_dock.windowTitle() == "Map"
    assert model.index(row, 1).data() == "In progress"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Task"
    assert window.post_menu.title() == "&Post"
    assert "Operator: 张伟" in status_texts(window)
    assert window.tasks_dock.status_filter.itemText(0) == "All statuses"
    # remembered for the next start
    assert QSettings(str(UiSettings(post.folder.path).path), QSettings.Format.IniFormat).value(
        "ui/language") == "en"

    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.tasks_dock.windowTitle() == "任务")
    assert model.index(row, 1).data() == "执行中"
    assert UiSettings(post.folder.path).language == "zh_CN"


def test_status_bar_shows_post_operator_ops_and_link(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    texts = status_texts(window)
    assert "重庆市防汛抗旱指挥部 · 后方指挥部（市级）" in texts
    assert f"值班员：{OPERATOR}" in texts
    assert "单机（未配置同步）" in texts
    before = post.store.op_count()
    assert f"操作数：{before}" in texts
    tasks.issue_task(post.store, OPERATOR, title="新任务", assignee=post.units["fire"])
    assert post.store.op_count() == before + 1
    assert f"操作数：{before + 1}" in status_texts(window)


def test_layout_is_saved_and_restored(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    window.units_dock.hide()
    window.tasks_dock.setFloating(True)
    window.close()  # saves the layout into the post folder's ui.ini

    again = make_main_window(post)
    qtbot.waitUntil(lambda: again.isVisible())
    assert not again.units_dock.isVisible()
    assert again.tasks_dock.isFloating()

    again.reset_layout()
    assert again.units_dock.isVisible()
    assert not again.tasks_dock.isFloating()
    assert not any(d.isHidden() for d in again.findChildren(QDockWidget))


def test_a_record_picked_on_the_map_is_picked_in_its_table_and_back(make_main_window, post: Post, qtbot) -> None:
    tid = tasks.issue_task(post.store, OPERATOR, title="朝天门码头封控", assignee=post.units["fire"],
                           incident_id=post.incidents["flood"], geom=common.point(106.5856, 29.5664))
    window = make_main_window(post)
    map_dock, tasks_dock = window.map_dock, window.tasks_dock
    qtbot.waitUntil(lambda: map_dock.bridge.is_ready and features.map_id("task", tid) in map_dock.bridge.shown,
                    timeout=60_000)

    map_dock.featureSelected.emit("task", tid)  # what a click on its marker emits
    assert tasks_dock.selected_id() == tid

    other = post.tasks["evacuate"]
    tasks_dock.select_task(other)
    assert map_dock.selected == ("task", other)
    tasks_dock.select_task(tid)
    assert map_dock.selected == ("task", tid)
    answers: list[object] = []

    def highlighted() -> bool:  # asks the page again on each poll; true once it answered the id
        map_dock.page.runJavaScript("Zhijiu.selectedId()", 0, answers.append)
        return features.map_id("task", tid) in answers

    qtbot.waitUntil(highlighted, timeout=10_000)

    unit = post.units["general"]
    map_dock.featureSelected.emit("unit", unit)
    assert window.units_dock.selected_id() == unit
    window.units_dock.select_unit(post.units["fire"])
    assert map_dock.selected == ("unit", post.units["fire"])


def test_the_order_forms_pick_on_map_takes_the_maps_click(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    map_dock = window.map_dock
    qtbot.waitUntil(lambda: map_dock.bridge.is_ready, timeout=60_000)
    dialog = window.tasks_dock.open_issue_form()
    dialog.pick_button.click()
    assert map_dock.picking == "marker"
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.NonModal  # the map takes clicks

    map_dock.bridge.channel.shapeDrawn.emit({"type": "Point", "coordinates": [106.5856, 29.5664]})  # the click
    assert (dialog.lat_edit.text(), dialog.lon_edit.text()) == ("29.566400", "106.585600")
    assert not map_dock.picking and map_dock.plot_dialog is None  # not taken for a plotted feature
    dialog.close()

    report_form = window.reports_dock.open_report_form()
    report_form.pick_button.click()
    map_dock.bridge.channel.shapeDrawn.emit({"type": "Point", "coordinates": [106.57, 29.55]})
    assert (report_form.lat_edit.text(), report_form.lon_edit.text()) == ("29.550000", "106.570000")
    report_form.close()

    window.alerts.banner.incidentActivated.emit(post.incidents["rain"])  # a late report's link
    assert window.board_dock.incident_id == post.incidents["rain"]


def test_a_warning_area_is_drawn_on_the_map(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    map_dock = window.map_dock
    qtbot.waitUntil(lambda: map_dock.bridge.is_ready, timeout=60_000)
    dialog = window.board_dock.warnings.open_dialog(None)
    dialog.draw_button.click()
    assert map_dock.picking == "polygon" and dialog.isVisible()
    ring = [[106.56, 29.55], [106.58, 29.55], [106.58, 29.57], [106.56, 29.55]]
    map_dock.bridge.channel.shapeDrawn.emit({"type": "Polygon", "coordinates": [ring]})
    assert dialog.area == {"type": "Polygon", "coordinates": [ring]}
    assert not dialog.use_incident_area.isChecked() and map_dock.plot_dialog is None
    dialog.close()


def test_the_feeds_position_is_picked_on_the_map(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    map_dock = window.map_dock
    qtbot.waitUntil(lambda: map_dock.bridge.is_ready, timeout=60_000)
    window.feeds_dock.pick_btn.click()
    assert map_dock.picking == "marker"
    map_dock.bridge.channel.shapeDrawn.emit({"type": "Point", "coordinates": [106.5856, 29.5664]})
    assert window.feeds_dock.position_edit.text() == "106.585600, 29.566400"
    assert window.feeds_dock._position() == (106.5856, 29.5664)
