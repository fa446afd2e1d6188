"""The situation board (态势) in the window: tiles equal the workflow rule's totals, a new report
moves the tile and the chart, the replay slider shows earlier figures and tasks, the banner
follows the warning level, a gauge above 警戒水位 raises the alert."""

from __future__ import annotations

from pathlib import Path

from ui_scenario import OPERATOR, Post

from app.ops import hlc_ms
from app.services import gauges, reports, warnings
from app.services.board import CASUALTIES
from app.services.demo import demo_id
from app.store.store import Draft

FLOOD = demo_id("incident", "flood-2rivers")


def test_demo_totals_on_the_tiles_equal_the_workflow_sum(make_main_window, demo_post: Post) -> None:
    window = make_main_window(demo_post)
    board = window.board_dock
    assert board.incident_id == FLOOD  # the open incident at the highest response level
    totals = reports.incident_totals(demo_post.store, FLOOD)
    for key in CASUALTIES:
        assert board.tile_text(key) == f"{int(totals[key]):,}", key
    assert int(board.tile_text("evacuated").replace(",", "")) > 0
    assert board.tile_text("task_overdue") != "0"
    assert board.tile_text("shelter") != "0"
    assert "11,200" in board.tiles.tiles["shelter"].caption.text()
    assert board.banner.level == "orange" and board.banner.response == 3
    assert "橙色" in board.banner.text() and "Ⅲ级" in board.banner.text()


def test_a_new_report_moves_the_tile_and_the_chart(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    board = window.board_dock
    board.set_incident(post.incidents["flood"])
    before = int(board.tile_text("trapped").replace(",", ""))
    _x, ys = board.charts.points("trapped")
    points_before = len(ys)
    reports.file_report(post.store, OPERATOR, incident_id=post.incidents["flood"], kind="followup",
                        trapped=before + 7, evacuated=500)
    qtbot.waitUntil(lambda: board.tile_text("trapped") == str(before + 7))
    _x, ys = board.charts.points("trapped")
    assert len(ys) > points_before and ys[-1] == before + 7


def test_the_slider_back_shows_earlier_figures_and_tasks(make_main_window, demo_post: Post, qtbot) -> None:
    window = make_main_window(demo_post)
    board, tasks = window.board_dock, window.tasks_dock
    live_evacuated = board.tile_text("evacuated")
    live_rows = tasks.model.rowCount()
    replay = board.replay
    replay.enter()
    assert replay.active and board.replay_bar.toggle.isChecked()
    assert board.tile_text("evacuated") == live_evacuated  # the last moment equals now
    orders = [ms for ms, kind in replay.marks if kind == "order"]
    reports_in = [ms for ms, kind in replay.marks if kind == "report"]
    assert orders and reports_in
    assert len(board.replay_bar.slider.mark_positions()) == len(replay.marks)

    # just before the first order: no task yet, nobody evacuated, the warning was yellow
    slider = board.replay_bar.slider
    slider.setValue((orders[0] - replay.start_ms) // 1000 - 1)
    qtbot.waitUntil(lambda: replay.at_ms < orders[0])
    assert tasks.model.rowCount() == 0 < live_rows
    assert board.tile_text("evacuated") == "0"
    assert board.banner.level == "yellow" and board.banner.response == 4
    assert "回放" in board.banner.text() or "复盘" in board.banner.text()
    assert all(not b.isEnabled() for b in tasks.buttons.values())
    x, _y = board.charts.points("evacuated")
    assert x and max(x) <= replay.at_ms / 1000 + 1e-6

    # a report written now does not move the replayed board; leaving replay shows it
    reports.file_report(demo_post.store, OPERATOR, incident_id=FLOOD, kind="first", evacuated=99999)  # its own 首报
    qtbot.wait(120)
    assert board.tile_text("evacuated") == "0"
    board.replay_bar.toggle.click()
    qtbot.waitUntil(lambda: not replay.active)
    qtbot.waitUntil(lambda: board.tile_text("evacuated") != live_evacuated)
    assert tasks.model.rowCount() == live_rows


def test_the_banner_follows_the_warning_level(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    board = window.board_dock
    board.set_incident(post.incidents["flood"])
    assert board.banner.level is None
    wid = warnings.issue_warning(post.store, OPERATOR, title="渝中区洪水蓝色预警", level="blue",
                                 type="flood", incident_id=post.incidents["flood"])
    qtbot.waitUntil(lambda: board.banner.level == "blue")
    blue = board.banner.colour()
    warnings.update_warning(post.store, OPERATOR, wid, level="red")
    qtbot.waitUntil(lambda: board.banner.level == "red")
    assert board.banner.colour() != blue and "红色" in board.banner.text()
    assert "background: #c62828" in board.banner.styleSheet()
    board.warnings.list.topLevelItem(0).setSelected(True)
    assert board.warnings.lift_selected()
    qtbot.waitUntil(lambda: board.banner.level is None)
    assert "无预警" in board.banner.text() or "未发布" in board.banner.text()


def test_the_warning_dialog_issues_through_the_service(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    panel = window.board_dock.warnings
    dialog = panel.open_dialog(None)
    dialog.title.setText("菜园坝暴雨橙色预警")
    dialog.level.setCurrentIndex(dialog.level.findData("orange"))
    dialog.incident.setCurrentIndex(dialog.incident.findData(post.incidents["flood"]))
    dialog.accept()
    qtbot.waitUntil(lambda: any(w.get("title") == "菜园坝暴雨橙色预警"
                                for w in warnings.active_warnings(post.store)))
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 1)
    assert panel.list.topLevelItem(0).text(0) == "菜园坝暴雨橙色预警"
    assert panel.list.topLevelItem(0).text(1) == "橙色预警"


def test_a_gauge_above_its_warning_level_raises_the_alert(make_main_window, post: Post, qtbot) -> None:
    gid = "g-ctm"
    post.store.write([Draft("feature", gid, "put", {
        "symbol": "gauge", "name": "朝天门水位站",
        "geom": {"type": "Point", "coordinates": [106.5855, 29.5660]},
        "props": {"warning_level_m": 180.5, "guarantee_level_m": 183.5, "flood_standard_m": 195.0},
    })], operator=OPERATOR)
    gauges.add_reading(post.store, OPERATOR, gid, 179.2)
    window = make_main_window(post)
    panel = window.board_dock.gauges
    assert panel.row_colour(gid) is None
    with qtbot.waitSignal(panel.alertRaised) as raised:
        assert panel.add_reading(gid, 181.3)
    assert raised.args == [gid, "warning"]
    qtbot.waitUntil(lambda: panel.row_colour(gid) == "#ff7f00")
    x, y = panel.line.getData()
    assert list(y) == [179.2, 181.3]
    assert panel.thresholds["warning"].value() == 180.5


def test_timeline_export(make_main_window, demo_post: Post, tmp_path: Path) -> None:
    window = make_main_window(demo_post)
    board = window.board_dock
    csv_file = board.export_timeline(tmp_path / "t.csv", "csv")
    page = board.export_timeline(tmp_path / "t.html", "html")
    assert "指令下达" in csv_file.read_text("utf-8-sig")
    text = page.read_text("utf-8")
    assert "复盘时间线" in text and "朝天门水位站" in text and "指令签收用时" in text
    assert "首张图像" in board.indicators.toPlainText()


def test_wall_and_laptop_presets(make_main_window, demo_post: Post) -> None:
    window = make_main_window(demo_post)
    board = window.board_dock
    laptop_pt = board.tiles.tiles["dead"].number.font().pointSize()
    board.apply_preset("wall")
    assert board.tiles.tiles["dead"].number.font().pointSize() >= 2 * laptop_pt
    assert not board.side.isVisibleTo(board)
    board.apply_preset("laptop")
    assert board.side.isVisibleTo(board)


def test_late_ops_keep_the_replay_true(make_main_window, demo_post: Post) -> None:
    window = make_main_window(demo_post)
    replay = window.board_dock.replay
    replay.enter()
    stamps = sorted(h for _o, _s, h, _st, _r in demo_post.store.oplog_rows(status="applied"))
    mid = hlc_ms(stamps[len(stamps) // 2])
    replay.seek(mid)
    assert replay.moment is not None and replay.moment.op_count() <= len(stamps)
    replay.leave()
