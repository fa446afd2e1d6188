"""pyqtgraph plots that clean up after themselves: pyqtgraph makes its context menus (and
their sub-menus) as parentless windows that would outlive the board; ``owned_plot`` remembers
them and ``release`` deletes them when the board goes."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from shiboken6 import getCppPointer

from ui import beijing_time


def owned_plot(parent: QWidget, orphans: list[QWidget], **kwargs: Any) -> pg.PlotWidget:
    # known by their C++ address: the Python wrappers of C++-made widgets are made per call, so
    # their id() can be reused by a new one
    before = {getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}
    plot = pg.PlotWidget(parent, axisItems={"bottom": pg.DateAxisItem(utcOffset=beijing_time.AXIS_UTC_OFFSET)}, **kwargs)
    # the parentless menus own everything else pyqtgraph made (sub-menus, the controls widget)
    orphans += [w for w in QApplication.topLevelWidgets()
                if getCppPointer(w)[0] not in before and w.parent() is None and isinstance(w, QMenu)]
    plot.setBackground("w")
    plot.showGrid(x=True, y=True, alpha=0.2)
    return plot


def release(orphans: list[QWidget]) -> None:
    for w in orphans:
        w.deleteLater()
    orphans.clear()
