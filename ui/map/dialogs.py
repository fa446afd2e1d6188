"""The map's small windows: what a drawn shape is (标绘), and "download this area for offline use".

Both are window-modal and opened with ``open()``, never ``exec()``: the event loop keeps
turning, so the map goes on updating behind them (and tests drive them without blocking).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import feature as feature_rules
from app.store.store import Entity
from ui import labels

log = logging.getLogger(__name__)

# which feature types make sense for each kind of drawn geometry, most likely first
TYPES_FOR = {
    "Point": ("hazard", "risk_point", "road_cut", "rescue_point", "staging_area", "landing_zone",
              "command_post", "shelter", "depot", "gauge", "other"),
    "LineString": ("evacuation_route", "road_cut", "danger_zone", "other"),
    "Polygon": ("danger_zone", "staging_area", "hazard", "risk_point", "shelter", "other"),
}
LEVELLED = frozenset({"hazard", "risk_point"})


class PlotDialog(QDialog):
    """Type, name (and level, capacity, incident, note) of a shape just drawn on the map."""

    def __init__(self, geometry: dict[str, Any], incidents: list[Entity], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plot_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.geometry_ = geometry
        kind = str(geometry.get("type"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.type_combo = QComboBox(self)
        for code in TYPES_FOR.get(kind, feature_rules.SYMBOLS):
            self.type_combo.addItem(labels.FEATURE_SYMBOL(code), code)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(200)
        self.level_combo = QComboBox(self)
        self.level_combo.addItem(self.tr("(not given)"), None)
        for code in feature_rules.RISK_LEVELS:
            self.level_combo.addItem(labels.RISK_LEVEL(code), code)
        self.capacity_spin = QSpinBox(self)
        self.capacity_spin.setRange(0, 1_000_000)
        self.capacity_spin.setSpecialValueText(self.tr("(not given)"))
        self.incident_combo = QComboBox(self)
        self.incident_combo.addItem(self.tr("(none)"), None)
        for e in sorted(incidents, key=lambda e: -e.created_hlc):
            self.incident_combo.addItem(str(e.get("title", "")), e.eid)
        if len(incidents) >= 1:
            self.incident_combo.setCurrentIndex(1)  # the newest open incident: usually the one
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setFixedHeight(60)
        self.level_label = QLabel(self.tr("&Level:"), self)
        self.capacity_label = QLabel(self.tr("&Capacity:"), self)
        rows: tuple[tuple[QLabel, QWidget], ...] = (
            (QLabel(self.tr("&Type:"), self), self.type_combo),
            (QLabel(self.tr("&Name:"), self), self.name_edit),
            (self.level_label, self.level_combo),
            (self.capacity_label, self.capacity_spin),
            (QLabel(self.tr("&Incident:"), self), self.incident_combo),
            (QLabel(self.tr("N&ote:"), self), self.note_edit),
        )
        for label, field in rows:
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("New map feature"))
        self.type_combo.currentIndexChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self._update()
        self.name_edit.setFocus()

    @Slot()
    def _update(self, *_: object) -> None:
        code = self.type_combo.currentData()
        for widget in (self.level_label, self.level_combo):
            widget.setVisible(code in LEVELLED)
        for other in (self.capacity_label, self.capacity_spin):
            other.setVisible(code == "shelter")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def set_type(self, code: str) -> bool:
        at = self.type_combo.findData(code)
        if at >= 0:
            self.type_combo.setCurrentIndex(at)
        return at >= 0

    def fields(self) -> dict[str, Any]:
        """The new feature's fields, as ``services.common.create`` takes them."""
        code = self.type_combo.currentData()
        out: dict[str, Any] = {"symbol": code, "name": self.name_edit.text().strip(), "geom": self.geometry_}
        if code in LEVELLED and self.level_combo.currentData():
            out["level"] = self.level_combo.currentData()
        if code == "shelter" and self.capacity_spin.value() > 0:
            out["capacity"] = self.capacity_spin.value()
        if self.incident_combo.currentData():
            out["incident_id"] = self.incident_combo.currentData()
        note = self.note_edit.toPlainText().strip()
        if note:
            out["note"] = note
        return out


class DownloadAreaDialog(QDialog):
    """Zoom range, tile count and size estimate, a progress bar and cancel, for the area in view.

    The download runs on a thread of its own (``zhijiu-download-area``) through
    ``app.tiles.download.download_area``, which refuses sources whose terms forbid it; progress
    comes back through a queued signal. Closing the window cancels a running download.
    """

    _progress = Signal(int, int)
    _finished = Signal(object, str)  # DownloadReport | None, error text

    def __init__(
        self,
        sources: list[tuple[str, Any, Any]],  # (label, TileSource, CachedSource)
        bbox: tuple[float, float, float, float],
        zoom: int,
        current: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("download_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.sources = sources
        self.bbox = bbox
        self.plan: list[tuple[int, int, int]] = []
        self.report: Any = None
        self.error = ""
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.source_combo = QComboBox(self)
        for label, _src, _cached in sources:
            self.source_combo.addItem(label)
        self.source_combo.setCurrentIndex(max(0, min(current, len(sources) - 1)))
        self.area_label = QLabel(self)
        west, south, east, north = bbox
        self.area_label.setText(f"{south:.4f}°N – {north:.4f}°N, {west:.4f}°E – {east:.4f}°E")
        self.zmin = QSpinBox(self)
        self.zmax = QSpinBox(self)
        form.addRow(QLabel(self.tr("Source:"), self), self.source_combo)
        form.addRow(QLabel(self.tr("Area in view:"), self), self.area_label)
        form.addRow(QLabel(self.tr("From zoom:"), self), self.zmin)
        form.addRow(QLabel(self.tr("To zoom:"), self), self.zmax)
        layout.addLayout(form)
        self.estimate_label = QLabel(self)
        self.estimate_label.setWordWrap(True)
        layout.addWidget(self.estimate_label)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self.tr("&Download"), self)
        self.start_button.setObjectName("download_start")
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setObjectName("download_cancel")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(lambda: self.start())
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Download this area for offline use"))
        self.setMinimumWidth(440)

        self._progress.connect(self._on_progress)
        self._finished.connect(self._on_finished)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self.zmin.valueChanged.connect(self._update_estimate)
        self.zmax.valueChanged.connect(self._update_estimate)
        self._zoom = zoom
        self._on_source_changed()

    # ------------------------------------------------------------------ choosing

    def source(self) -> tuple[Any, Any]:
        _label, src, cached = self.sources[self.source_combo.currentIndex()]
        return src, cached

    @Slot()
    def _on_source_changed(self, *_: object) -> None:
        src, _cached = self.source()
        for spin in (self.zmin, self.zmax):
            spin.blockSignals(True)
            spin.setRange(src.min_zoom, src.max_zoom)
            spin.blockSignals(False)
        self.zmin.setValue(max(src.min_zoom, min(self._zoom, src.max_zoom)))
        self.zmax.setValue(max(self.zmin.value(), min(self._zoom + 2, src.max_zoom)))
        self._update_estimate()

    def refusal(self) -> str | None:
        """Why this source may not be downloaded, in words; None when it may."""
        src, _cached = self.source()
        if src.allow_bulk_download:
            return None
        return labels.arg(self.tr("The terms of %1 do not allow downloading an area: %2"),
                          src.name, src.terms or self.tr("no reason given"))

    @Slot()
    def _update_estimate(self, *_: object) -> None:
        from app.tiles.download import MAX_TILES, count_tiles, estimate, plan_area

        if self.zmax.value() < self.zmin.value():
            self.zmax.setValue(self.zmin.value())
            return
        refusal = self.refusal()
        self.plan = []
        try:
            count = count_tiles(self.bbox, self.zmin.value(), self.zmax.value())
        except ValueError as exc:
            self.estimate_label.setText(str(exc))
            self.start_button.setEnabled(False)
            return
        if count > MAX_TILES:
            text = labels.arg(self.tr("%1 tiles: more than %2 in one download. Choose fewer zoom "
                                      "levels or a smaller area."), f"{count:,}", f"{MAX_TILES:,}")
            ok = False
        else:
            self.plan = plan_area(self.bbox, self.zmin.value(), self.zmax.value())
            tiles, size = estimate(self.plan)
            text = labels.arg(self.tr("%1 tiles, about %2 MB (tiles already kept are skipped)."),
                              f"{tiles:,}", f"{size / 1e6:.1f}")
            ok = refusal is None
        if refusal:
            text = refusal if not self.plan else f"{text}\n{refusal}"
        self.estimate_label.setText(text)
        self.start_button.setEnabled(ok and not self.running)

    # ------------------------------------------------------------------ downloading

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        if self.running or not self.plan or self.refusal():
            return False
        from app.tiles.download import download_area

        src, cached = self.source()
        plan = list(self.plan)
        self._cancel.clear()
        self.report, self.error = None, ""
        self.progress.setRange(0, len(plan))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        for w in (self.start_button, self.source_combo, self.zmin, self.zmax):
            w.setEnabled(False)
        self.cancel_button.setText(self.tr("&Stop"))

        def work() -> None:
            try:
                report = download_area(src, cached.cache, plan, key=cached.key,
                                       progress=self._progress.emit, cancel=self._cancel)
                self._finished.emit(report, "")
            except Exception as exc:  # BulkDownloadNotAllowed, TooManyTiles, a disk full …
                log.warning("area download failed: %s", exc)
                self._finished.emit(None, str(exc))

        self._thread = threading.Thread(target=work, name="zhijiu-download-area", daemon=True)
        self._thread.start()
        return True

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    @Slot(object, str)
    def _on_finished(self, report: Any, error: str) -> None:
        self.report, self.error = report, error
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for w in (self.source_combo, self.zmin, self.zmax):
            w.setEnabled(True)
        self.cancel_button.setText(self.tr("&Close"))
        if report is None:
            self.estimate_label.setText(labels.arg(self.tr("The download failed: %1"), error))
        elif report.cancelled:
            self.estimate_label.setText(labels.arg(
                self.tr("Stopped: %1 tiles downloaded, %2 were already kept."), report.done, report.skipped_cached))
        else:
            text = labels.arg(self.tr("Done: %1 tiles downloaded, %2 were already kept, %3 failed."),
                              report.done, report.skipped_cached, report.failed)
            if report.error:
                text += "\n" + report.error
            self.estimate_label.setText(text)
        self._update_estimate()

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
        else:
            self.reject()

    def stop(self, timeout: float = 15.0) -> None:
        """Cancel a running download and wait for its thread (the dock's cleanup calls this)."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def reject(self) -> None:
        if self.running:
            self._cancel.set()
            return  # closes when the thread has stopped (cancel, then Close)
        super().reject()
