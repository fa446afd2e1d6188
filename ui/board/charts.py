"""The board's charts (pyqtgraph): casualty figures, task counts and teams on scene over time.

Each chart holds one ``PlotDataItem`` per line and refreshes with ``setData`` on the whole
series (step lines: a figure holds until the next change). During replay the series is cut at
the moment shown and a vertical line marks it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.services.board import Series
from ui.board.plots import owned_plot, release
from ui.board.tiles import Preset
from ui.i18n import QT_TRANSLATE_NOOP

# chart key, title, lines (series key, legend words, colour)
CHARTS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("casualties", QT_TRANSLATE_NOOP("BoardCharts", "People"), (
        ("evacuated", QT_TRANSLATE_NOOP("BoardCharts", "Evacuated"), "#1565c0"),
        ("relocated", QT_TRANSLATE_NOOP("BoardCharts", "Relocated"), "#2e7d32"),
        ("trapped", QT_TRANSLATE_NOOP("BoardCharts", "Trapped"), "#e65100"),
        ("injured", QT_TRANSLATE_NOOP("BoardCharts", "Injured"), "#f9a825"),
        ("missing", QT_TRANSLATE_NOOP("BoardCharts", "Missing"), "#6a1b9a"),
        ("dead", QT_TRANSLATE_NOOP("BoardCharts", "Dead"), "#b71c1c"),
    )),
    ("tasks", QT_TRANSLATE_NOOP("BoardCharts", "Tasks"), (
        ("task_open", QT_TRANSLATE_NOOP("BoardCharts", "Open"), "#37474f"),
        ("task_overdue", QT_TRANSLATE_NOOP("BoardCharts", "Overdue"), "#c62828"),
        ("task_done", QT_TRANSLATE_NOOP("BoardCharts", "Done"), "#2e7d32"),
    )),
    ("teams", QT_TRANSLATE_NOOP("BoardCharts", "Teams"), (
        ("team_on_scene", QT_TRANSLATE_NOOP("BoardCharts", "On scene"), "#00695c"),
        ("team_en_route", QT_TRANSLATE_NOOP("BoardCharts", "En route"), "#0277bd"),
    )),
)


class BoardCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plots: dict[str, pg.PlotWidget] = {}
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.cursors: dict[str, pg.InfiniteLine] = {}
        self.legends: dict[str, pg.LegendItem] = {}
        self.orphans: list[QWidget] = []
        self.title_pt = 11
        for key, _title, lines in CHARTS:
            plot = owned_plot(self, self.orphans)
            plot.setObjectName(f"chart_{key}")
            plot.setMouseEnabled(x=True, y=False)
            self.legends[key] = plot.addLegend(offset=(8, 8))
            for skey, _words, colour in lines:
                item = plot.plot([], [], pen=pg.mkPen(colour, width=2), stepMode="right")
                self.lines[skey] = item
            cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#9e9e9e", width=1, style=Qt.PenStyle.DashLine))
            cursor.setVisible(False)
            plot.addItem(cursor)
            self.cursors[key] = cursor
            self.plots[key] = plot
            layout.addWidget(plot, 1)
        self.series = Series()
        self.retranslate()

    def cleanup(self) -> None:
        release(self.orphans)

    def retranslate(self) -> None:
        for key, title, lines in CHARTS:
            plot = self.plots[key]
            plot.setTitle(QCoreApplication.translate("BoardCharts", title), size=f"{self.title_pt}pt")
            legend = self.legends[key]
            legend.clear()
            for skey, words, _colour in lines:
                legend.addItem(self.lines[skey], QCoreApplication.translate("BoardCharts", words))

    def apply(self, preset: Preset) -> None:
        font = QFont(self.font())
        font.setPointSize(preset.chart_pt)
        self.title_pt = preset.chart_pt + 2
        for plot in self.plots.values():
            for axis in ("bottom", "left"):
                ax = plot.getAxis(axis)
                ax.setTickFont(font)
                ax.setStyle(tickTextOffset=4)
            width = max(2, preset.chart_pt // 5)
            for _key, _title, lines in CHARTS:
                for skey, _w, colour in lines:
                    self.lines[skey].setPen(pg.mkPen(colour, width=width))
        for legend in self.legends.values():
            legend.setLabelTextSize(f"{preset.chart_pt}pt")
        self.retranslate()  # the legend's labels take the new size when made again

    def show_series(self, series: Series, until_ms: int | None = None) -> None:
        """Draw the series (up to ``until_ms`` during replay, with a line at that moment)."""
        self.series = series
        t = np.asarray(series.t, dtype=float) / 1000.0
        n = len(t)
        if until_ms is not None:
            n = int(np.searchsorted(t, until_ms / 1000.0, side="right"))
        for skey, item in self.lines.items():
            y = np.asarray(series.columns[skey][:n], dtype=float)
            x = t[:n]
            if n and until_ms is not None:  # hold the last value up to the moment shown
                x = np.append(x, until_ms / 1000.0)
                y = np.append(y, y[-1])
            item.setData(x, y)
        for cursor in self.cursors.values():
            cursor.setVisible(until_ms is not None)
            if until_ms is not None:
                cursor.setValue(until_ms / 1000.0)

    def points(self, skey: str) -> tuple[list[float], list[float]]:
        """What a line draws now (x in seconds, y), for tests."""
        x, y = self.lines[skey].getData()
        return ([] if x is None else list(x)), ([] if y is None else list(y))
