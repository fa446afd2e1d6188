"""Monitoring points on the board (雨情, 水情): each gauge's latest reading against its 警戒 and
保证 thresholds (the row turns orange above 警戒, red above 保证), the selected gauge's readings
as a chart with the threshold lines, and entering a reading by hand or importing a CSV file."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import gauges as service
from app.store.store import Refused
from ui import labels
from ui.board.plots import owned_plot, release
from ui.reasons import show_refused
from ui.session import Session

ALERT_COLOURS = {"warning": ("#ff7f00", "#ffffff"), "guarantee": ("#e60000", "#ffffff")}
THRESHOLD_PENS = {"warning": "#ff7f00", "guarantee": "#e60000", "standard": "#6a1b9a"}



class GaugesPanel(QWidget):
    alertRaised = Signal(str, str)  # gauge eid, alert code: a reading crossed a threshold

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reader: Any = session.store
        self.live = True
        self.alerts: dict[str, str | None] = {}
        self.last_message: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.list = QTreeWidget(split)
        self.list.setObjectName("gauges_list")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(5)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.orphans: list[QWidget] = []
        self.chart = owned_plot(split, self.orphans)
        self.chart.setObjectName("gauge_chart")
        self.line = self.chart.plot([], [], pen=pg.mkPen("#0277bd", width=2), symbol="o",
                                    symbolSize=6, symbolBrush="#0277bd")
        self.thresholds: dict[str, pg.InfiniteLine] = {}
        for key, colour in THRESHOLD_PENS.items():
            line = pg.InfiniteLine(angle=0, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                                   label="", labelOpts={"position": 0.05, "color": colour})
            line.setVisible(False)
            self.chart.addItem(line)
            self.thresholds[key] = line
        split.addWidget(self.list)
        split.addWidget(self.chart)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.import_button = QPushButton(self)
        row.addWidget(self.add_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.ask_reading)
        self.import_button.clicked.connect(self.choose_csv)
        self.list.itemSelectionChanged.connect(self._show_chart)
        self.retranslate()

    def cleanup(self) -> None:
        release(self.orphans)

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Gauge"), self.tr("Latest"), self.tr("Warning level"),
                                   self.tr("Guaranteed level"), self.tr("State")])
        self.add_button.setText(self.tr("Enter reading…"))
        self.import_button.setText(self.tr("Import CSV…"))
        self.refresh()

    def show_reader(self, reader: Any, live: bool) -> None:
        self.reader, self.live = reader, live
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        self.list.clear()
        statuses = service.statuses(self.reader)
        for st in statuses:
            unit = self.tr("m") if st.quantity == "level_m" else self.tr("mm")
            def fmt(v: float | None, unit: str = unit) -> str:
                return "" if v is None else f"{v:.2f} {unit}"

            state = {None: self.tr("Normal"), "warning": self.tr("Above warning level"),
                     "guarantee": self.tr("Above guaranteed level")}[st.alert]
            item = QTreeWidgetItem([str(st.gauge.get("name", "")), fmt(st.latest), fmt(st.warning),
                                    fmt(st.guarantee), state if st.latest is not None else self.tr("No reading")])
            item.setData(0, Qt.ItemDataRole.UserRole, st.gauge.eid)
            if st.alert is not None:
                bg, fg = ALERT_COLOURS[st.alert]
                for c in range(5):
                    item.setBackground(c, QBrush(QColor(bg)))
                    item.setForeground(c, QBrush(QColor(fg)))
            self.list.addTopLevelItem(item)
            if st.gauge.eid == selected or (selected is None and self.list.topLevelItemCount() == 1):
                item.setSelected(True)
            if self.live:
                before = self.alerts.get(st.gauge.eid, "unknown")
                if before != "unknown" and st.alert is not None and st.alert != before:
                    self.alertRaised.emit(st.gauge.eid, st.alert)
                self.alerts[st.gauge.eid] = st.alert
        for c in range(1, 5):
            self.list.resizeColumnToContents(c)
        self.add_button.setEnabled(self.live and bool(statuses))
        self.import_button.setEnabled(self.live and bool(statuses))
        self._show_chart()

    def row_colour(self, eid: str) -> str | None:
        """The background of a gauge's row (None: not coloured), for tests and the wall screen."""
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == eid:
                brush = item.background(0)
                return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None
        return None

    def selected_id(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    @Slot()
    def _show_chart(self) -> None:
        eid = self.selected_id()
        gauge = self.reader.get("feature", eid) if eid else None
        if gauge is None:
            self.line.setData([], [])
            for line in self.thresholds.values():
                line.setVisible(False)
            return
        rows = service.readings(self.reader, eid)
        x = np.asarray([r.get("measured_at") for r in rows], dtype=float) / 1000.0
        y = np.asarray([r.get("value") for r in rows], dtype=float)
        self.line.setData(x, y)
        warning, guarantee = service.thresholds(gauge)
        standard = (gauge.get("props") or {}).get("flood_standard_m")
        words = {"warning": self.tr("Warning level %1"), "guarantee": self.tr("Guaranteed level %1"),
                 "standard": self.tr("Flood standard %1")}
        for key, value in (("warning", warning), ("guarantee", guarantee), ("standard", standard)):
            line = self.thresholds[key]
            line.setVisible(isinstance(value, int | float))
            if isinstance(value, int | float):
                line.setValue(float(value))
                line.label.setFormat(labels.arg(words[key], value))
        self.chart.setTitle(str(gauge.get("name", "")))

    @Slot()
    def ask_reading(self) -> None:
        eid = self.selected_id()
        if eid is None:
            return
        value, ok = QInputDialog.getDouble(self, self.tr("Enter reading"), self.tr("Reading"), 0.0, -1000, 100000, 2)
        if ok:
            self.add_reading(eid, value)

    def add_reading(self, eid: str, value: float) -> bool:
        try:
            service.add_reading(self.session.store, self.session.operator, eid, value)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        return True

    @Slot()
    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import gauge readings"), "", self.tr("CSV files (*.csv)"))
        if path:
            self.import_csv(path)

    def import_csv(self, path: str) -> int:
        try:
            return service.import_csv(self.session.store, self.session.operator, path)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return 0
