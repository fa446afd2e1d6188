"""Replay (复盘) reaches the reports and the teams too: at a past moment the reports table, the
incident's totals, the duty log, the teams and the depots' stock are as they were then, and live
again afterwards — so nothing later than the moment shown is on screen anywhere."""

from __future__ import annotations

from ui_scenario import OPERATOR, Post

from app.ops import hlc_ms
from app.services import common, reports, supplies


def test_reports_and_teams_show_the_moment(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    reports_dock, units_dock = window.reports_dock, window.units_dock
    replay = window.board_dock.replay
    flood, team = post.incidents["flood"], post.units["fire"]
    depot = common.create(post.store, OPERATOR, "feature", {
        "symbol": "depot", "name": "渝中区应急物资储备库", "geom": common.point(106.55, 29.56)})
    supplies.move_stock(post.store, OPERATOR, depot, "帐篷", 100)
    before = post.store.clock.last
    qtbot.waitUntil(lambda: common.now_ms() > hlc_ms(before))  # what follows falls in a later ms
    reports.file_report(post.store, OPERATOR, incident_id=flood, kind="followup", category="flood",
                        missing=0, trapped=0, evacuated=4800, text="续报：全部转移。")
    common.create(post.store, OPERATOR, "log", {"text": "洪峰已过境。", "category": "duty"})
    common.update(post.store, OPERATOR, "unit", team, {"status": "on_scene"})
    supplies.move_stock(post.store, OPERATOR, depot, "帐篷", -40)

    status_column = [k for k, _t in units_dock.model.COLUMNS].index("status")

    def team_status() -> str:
        row = units_dock.model.row_of(team)
        assert row is not None
        return str(units_dock.model.index(row, status_column).data())

    live_status = "到场处置"
    qtbot.waitUntil(lambda: reports_dock.report_model.rowCount() == 3 and team_status() == live_status)
    assert "4800" in reports_dock.totals.text()
    assert units_dock.stock_shown()["渝中区应急物资储备库"]["帐篷"] == "60"
    log_rows = reports_dock.log_model.rowCount()

    replay.enter()
    replay.seek(hlc_ms(before))
    qtbot.waitUntil(lambda: reports_dock.report_model.rowCount() == 2)
    assert "4800" not in reports_dock.totals.text() and "2300" in reports_dock.totals.text()
    qtbot.waitUntil(lambda: reports_dock.log_model.rowCount() == log_rows - 1)
    qtbot.waitUntil(lambda: team_status() != live_status)
    assert team_status() == "待命"
    assert units_dock.stock_shown()["渝中区应急物资储备库"]["帐篷"] == "100"

    replay.leave()
    qtbot.waitUntil(lambda: reports_dock.report_model.rowCount() == 3 and team_status() == live_status)
    assert "4800" in reports_dock.totals.text()
    assert reports_dock.log_model.rowCount() == log_rows
    assert units_dock.stock_shown()["渝中区应急物资储备库"]["帐篷"] == "60"
