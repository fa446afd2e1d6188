"""pyqtgraph plots that clean up after themselves: pyqtgraph makes its context menus (and
their sub-menus) as parentless windows that would outlive the board; ``owned_plot`` remembers
them and ``release`` deletes them when the board goes."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMenu, QWidget


def owned_plot(parent: QWidget, orphans: list[QWidget], **kwargs: Any) -> pg.PlotWidget:
    before = {id(w) for w in QApplication.topLevelWidgets()}
    plot = pg.PlotWidget(parent, axisItems={"bottom": pg.DateAxisItem()}, **kwargs)
    # the parentless menus own everything else pyqtgraph made (sub-menus, the controls widget)
    orphans += [w for w in QApplication.topLevelWidgets()
                if id(w) not in before and w.parent() is None and isinstance(w, QMenu)]
    plot.setBackground("w")
    plot.showGrid(x=True, y=True, alpha=0.2)
    return plot


def release(orphans: list[QWidget]) -> None:
    for w in orphans:
        w.deleteLater()
    orphans.clear()
