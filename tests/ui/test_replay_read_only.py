"""During replay (复盘) the window only shows the past: plotting on the map and every form that
writes are disabled, saying why (回放中，只读); measuring stays; leaving replay gives them back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from ui_scenario import Post

READ_ONLY = "回放中，只读"


def test_replay_holds_every_writing_control_and_gives_it_back(make_main_window, demo_post: Post, qtbot) -> None:
    window = make_main_window(demo_post)
    m, r, guard = window.map_dock, window.reports_dock, window.read_only
    writers = [m.draw_button, *m.draw_actions.values(), r.report_button, r.log_button,
               window.tasks_dock.issue_button, window.plans_dock.declare_button,
               window.units_dock.allocate_button, window.board_dock.warnings.issue_button,
               window.feeds_dock.import_btn, window.plugin_menu.import_action]
    assert all(w.isEnabled() for w in writers)
    assert not guard.label.isVisible()

    window.board_dock.replay.enter()
    assert not any(w.isEnabled() for w in writers)
    assert m.measure_button.isEnabled() and m.measure_distance_action.isEnabled()  # measuring stays
    assert guard.label.isVisible() and guard.label.text() == READ_ONLY
    assert guard.reason_for(m.draw_button) == READ_ONLY
    assert all(a.toolTip() == READ_ONLY for a in m.draw_actions.values())
    QApplication.sendEvent(m.draw_button, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2),
                                                     m.draw_button.mapToGlobal(QPoint(2, 2))))
    assert QToolTip.text() == READ_ONLY

    r.report_button.setEnabled(True)  # a dock enabling it meanwhile is not obeyed
    assert not r.report_button.isEnabled()
    m.start_drawing("marker")  # the map itself refuses to plot, and says why
    assert m.info_label.text() == READ_ONLY and not m.edit_selected()

    window.board_dock.replay_bar.toggle.click()  # back to live
    qtbot.waitUntil(lambda: not window.board_dock.replay.active)
    assert all(w.isEnabled() for w in writers)
    assert not guard.label.isVisible() and guard.reason_for(m.draw_button) is None
    assert all(a.toolTip() != READ_ONLY for a in m.draw_actions.values())
