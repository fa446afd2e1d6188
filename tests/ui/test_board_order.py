"""The task board keeps its own order: a changed record moves to its place row by row (no reset),
stays selected while it moves, and sorting by any column in either direction is exact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_scenario import OPERATOR, Post

from app.services import tasks
from ui.models.entity_table import EntityRole, SortRole


def column_values(dock, column: int) -> list:
    proxy = dock.proxy
    return [proxy.index(r, column).data(SortRole) for r in range(proxy.rowCount())]


def test_sorting_and_moving_rows_without_a_reset(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    dock = window.tasks_dock
    resets: list[bool] = []
    dock.model.modelReset.connect(lambda: resets.append(True))
    for column in (0, 1, 2, 4):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            dock.table.sortByColumn(column, order)
            values = column_values(dock, column)
            assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder), (column, order)
    dock.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # open first, then finished
    tid = post.tasks["pumps"]
    assert dock.select_task(tid)
    first_finished = [e.data["status"] for e in
                      (dock.proxy.index(r, 0).data(EntityRole) for r in range(dock.proxy.rowCount()))]
    assert first_finished.index("done") > 0
    tasks.set_status(post.store, OPERATOR, tid, "done")  # finished: it moves down among the done
    statuses = [dock.proxy.index(r, 0).data(EntityRole).data["status"] for r in range(dock.proxy.rowCount())]
    open_flags = [s in ("issued", "acknowledged", "in_progress") for s in statuses]
    assert open_flags == sorted(open_flags, reverse=True)
    assert dock.selected_id() == tid  # still selected after its move
    assert dock.model.row_of(tid) is not None
    assert all(dock.model.row_of(e.eid) == r for r, e in enumerate(dock.model._rows))
    assert not resets
