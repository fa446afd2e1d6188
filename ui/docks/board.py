"""The situation board (态势): an incident in ten seconds — big-number tiles, the warning and
response level as a coloured banner, charts of how it changed, warnings, gauges, indicators —
and the replay (复盘) bar that shows any past moment instead of now.

Figures come from ``app.services.board`` (the live store, or a replayed ``Moment``). Two layout
presets: ``laptop`` (everything, normal type) and ``wall`` (tiles, banner and charts only, in
type readable from the back of the room). The replay controller (``self.replay``) is the one the
window's other docks follow (``follow``): while replaying they show the same moment, read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ops import hlc_ms
from app.services import board as board_service
from app.services import timeline
from app.services.common import now_ms
from app.store.apply import ApplyResult
from app.store.moment import Moment
from ui.board.charts import BoardCharts
from ui.board.gauges import GaugesPanel
from ui.board.tiles import PRESETS, LevelBanner, TileGrid
from ui.board.warnings import WarningsPanel
from ui.docks.base import ViewDock
from ui.replay.bar import ReplayBar
from ui.replay.controller import ReplayController
from ui.session import Session

REFRESH_MS = 50  # changes within this long make one redraw
WATCHED = frozenset({*board_service.BOARD_TYPES, "reading", "post"})


class BoardDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_board", parent)
        self.session = session
        self.replay = ReplayController(session, self)
        self.incident_id: str | None = None
        self.series = board_service.Series()
        self.figures: board_service.Figures | None = None
        self.moment: Moment | None = None
        self._tallies: board_service.ReplayTallies | None = None
        self._live: board_service.Tally | None = None  # the figures now, kept current
        self.preset_name = "laptop"

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.incident_label = QLabel(body)
        self.incident_combo = QComboBox(body)
        self.incident_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset_label = QLabel(body)
        self.preset_combo = QComboBox(body)
        for name in PRESETS:
            self.preset_combo.addItem("", name)
        self.export_csv_button = QPushButton(body)
        self.export_html_button = QPushButton(body)
        for w in (self.incident_label, self.incident_combo):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.preset_label, self.preset_combo, self.export_csv_button, self.export_html_button):
            top.addWidget(w)
        layout.addLayout(top)
        self.replay_bar = ReplayBar(self.replay, body)
        layout.addWidget(self.replay_bar)
        self.banner = LevelBanner(body)
        layout.addWidget(self.banner)
        self.tiles = TileGrid(body)
        layout.addWidget(self.tiles)
        self.split = QSplitter(Qt.Orientation.Horizontal, body)
        self.charts = BoardCharts(self.split)
        self.side = QTabWidget(self.split)
        self.warnings = WarningsPanel(session, self.side)
        self.gauges = GaugesPanel(session, self.side)
        self.indicators = QTextBrowser(self.side)
        self.indicators.setObjectName("indicators")
        self.side.addTab(self.warnings, "")
        self.side.addTab(self.gauges, "")
        self.side.addTab(self.indicators, "")
        self.split.addWidget(self.charts)
        self.split.addWidget(self.side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([900, 600])
        layout.addWidget(self.split, 1)
        self.set_scrolling_widget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._rebuild_series = True
        self._clock_timer = QTimer(self)  # overdue counts and warning periods move with time
        self._clock_timer.setInterval(30_000)
        self._clock_timer.timeout.connect(self._schedule)
        self._clock_timer.start()

        self.incident_combo.currentIndexChanged.connect(self._on_incident_chosen)
        self.preset_combo.currentIndexChanged.connect(
            lambda i: self.apply_preset(str(self.preset_combo.itemData(i))))
        self.export_csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.export_html_button.clicked.connect(lambda: self.choose_export("html"))
        session.bridge.changed.connect(self._on_store_changed)
        self.replay.momentChanged.connect(self.show_moment)
        self.warnings.changed.connect(self._schedule)
        self.drawAreaRequested = self.warnings.drawAreaRequested  # for the window: the map answers

        self._fill_incidents()
        self.apply_preset("laptop")
        self.retranslate()
        self.refresh()

    def cleanup(self) -> None:
        self._timer.stop()
        self._clock_timer.stop()
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.replay.cleanup()
        self.charts.cleanup()
        self.gauges.cleanup()

    # ------------------------------------------------------------------ words and layout

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Situation"))
        self.incident_label.setText(self.tr("Incident"))
        self.preset_label.setText(self.tr("Layout"))
        self.preset_combo.setItemText(0, self.tr("Laptop"))
        self.preset_combo.setItemText(1, self.tr("Wall screen"))
        self.export_csv_button.setText(self.tr("Timeline CSV…"))
        self.export_html_button.setText(self.tr("Timeline page…"))
        self.side.setTabText(0, self.tr("Warnings"))
        self.side.setTabText(1, self.tr("Gauges"))
        self.side.setTabText(2, self.tr("Indicators"))
        for part in (self.tiles, self.banner, self.charts, self.warnings, self.gauges, self.replay_bar):
            part.retranslate()
        self._show_indicators()

    def apply_preset(self, name: str) -> None:
        """``wall``: huge type, tiles, banner and charts only; ``laptop``: everything."""
        preset = PRESETS[name]
        self.preset_name = name
        i = self.preset_combo.findData(name)
        if i >= 0 and i != self.preset_combo.currentIndex():
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(i)
            self.preset_combo.blockSignals(False)
        self.tiles.apply(preset)
        self.banner.apply(preset)
        self.charts.apply(preset)
        self.side.setVisible(preset.show_lists)

    def follow(self, *docks: Any) -> None:
        """Other docks that show the replayed moment: each has ``show_moment(moment | None)``."""
        for dock in docks:
            if hasattr(dock, "show_moment"):
                self.replay.momentChanged.connect(dock.show_moment)

    # ------------------------------------------------------------------ the incident

    def _fill_incidents(self) -> None:
        incidents = self.session.store.entities("incident")
        ranked = sorted(incidents, key=lambda e: (e.get("status") != "open",
                                                  e.get("response_level") or 5, -e.created_hlc))
        current = self.incident_id
        self.incident_combo.blockSignals(True)
        self.incident_combo.clear()
        for e in ranked:
            self.incident_combo.addItem(str(e.get("title", e.eid)), e.eid)
        i = self.incident_combo.findData(current) if current else 0
        self.incident_combo.setCurrentIndex(max(0, i))
        self.incident_combo.blockSignals(False)
        chosen = self.incident_combo.currentData()
        if chosen != self.incident_id:
            self.incident_id = chosen
            self._rebuild_series = True

    def set_incident(self, incident_id: str) -> None:
        i = self.incident_combo.findData(incident_id)
        if i >= 0:
            self.incident_combo.setCurrentIndex(i)

    @Slot(int)
    def show_incident(self, eid: str) -> bool:
        """Show this incident's figures (from a link elsewhere); False when it is not listed."""
        i = self.incident_combo.findData(eid)
        if i >= 0:
            self.incident_combo.setCurrentIndex(i)
        return i >= 0

    def _on_incident_chosen(self, _i: int) -> None:
        self.incident_id = self.incident_combo.currentData()
        self._rebuild_series = True
        self.refresh()

    # ------------------------------------------------------------------ live changes

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        etypes = {etype for etype, _ in result.changed}
        if not etypes & WATCHED:
            return
        if "incident" in etypes:
            self._fill_incidents()
        if self._live is not None:  # the live tally takes just what changed
            store = self.session.store
            for etype, eid in result.changed:
                if etype in board_service.BOARD_TYPES:
                    entity = store.get(etype, eid)
                    if entity is not None:
                        self._live.put(entity)
        # a remote burst (no ops carried) or an op older than the chart's end: rebuild the series
        last = self.series.t[-1] if self.series.t else 0
        if not result.applied_ops or any(hlc_ms(op.hlc) < last for op in result.applied_ops):
            self._rebuild_series = True
        self._schedule()

    @Slot()
    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Redraw from the store (live) or from the moment being replayed."""
        if self.incident_id is None:
            self._fill_incidents()
        if self._rebuild_series and self.incident_id is not None:
            self.series = board_service.series(self.session.store, self.incident_id)
            self._rebuild_series = False
        if self.moment is not None:
            self._show(self.moment, self.moment.at_ms)
            return
        if self.incident_id is None:
            return
        if self._live is None or self._live.incident_id != self.incident_id:
            self._live = board_service.Tally.of(self.session.store, self.incident_id)
        f = self._live.figures(now_ms())
        self.series.add(f)
        self._draw(f, None)
        self.warnings.show_reader(self.session.store, None)
        self.gauges.show_reader(self.session.store, True)

    # ------------------------------------------------------------------ replay

    @Slot(object)
    def show_moment(self, moment: Moment | None) -> None:
        """The moment the replay controller shows (None: live again)."""
        self.moment = moment
        if moment is None:
            self.refresh()
            return
        self._show(moment, moment.at_ms)

    def _show(self, moment: Moment, at_ms: int) -> None:
        if self.incident_id is None:
            return
        if self._tallies is None or self._tallies.incident_id != self.incident_id:
            self._tallies = board_service.ReplayTallies(self.incident_id)
        f = self._tallies.figures(moment, self.replay.index)
        self._draw(f, at_ms)
        self.warnings.show_reader(moment, at_ms)
        self.gauges.show_reader(moment, False)

    def _draw(self, f: board_service.Figures, replay_at: int | None) -> None:
        self.figures = f
        self.tiles.show_figures(f)
        self.banner.show_figures(f, replay_at)
        self.charts.show_series(self.series, replay_at)

    # ------------------------------------------------------------------ timeline and indicators

    def _show_indicators(self) -> None:
        if self.incident_id is None:
            self.indicators.clear()
            return
        ind = timeline.indicators(self.session.store, self.incident_id)
        self.indicators.setHtml(timeline.indicators_html(ind, self._post_names()))

    def _post_names(self) -> dict[str, str]:
        return {p.eid: str(p.get("name", p.eid)) for p in self.session.store.entities("post")}

    def choose_export(self, fmt: str) -> None:
        what = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("Web pages (*.html)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the timeline"),
                                              f"timeline.{fmt}", what)
        if path:
            try:
                self.export_timeline(path, fmt)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Export the timeline"),
                                    f"{exc.strerror or exc}: {path}")

    def export_timeline(self, path: str | Path, fmt: str) -> Path:
        """Write the incident's timeline as CSV or as a readable page; returns the file."""
        assert self.incident_id is not None
        store, names = self.session.store, self._post_names()
        events = timeline.timeline(store, self.incident_id)
        if fmt == "csv":
            text = timeline.to_csv(events, names)
        else:
            incident = store.get("incident", self.incident_id)
            title = str(incident.get("title", "")) if incident else ""
            text = timeline.to_html(events, names, title, timeline.indicators(store, self.incident_id))
        out = Path(path)
        out.write_text(text, encoding="utf-8")
        return out

    def tile_text(self, key: str) -> str:
        return self.tiles.tiles[key].value()
