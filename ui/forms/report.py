"""The report form (信息报送): 首报 / 续报 / 终报 of one incident, its 七情 category, the figures
(dead, missing, injured, trapped, evacuated, relocated, houses damaged, direct economic loss), a
text, photos and a location.

A 续报 or 终报 restates the totals this post knows, so the form starts from this post's latest
report of the incident (the incident totals count each post's latest report once). The dock
writes the report through ``services.reports.file_report``; the form refuses what that would
refuse for order (a second 首报, a 续报 before the 首报, anything after the 终报), in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import report as report_rules
from app.services import reports as report_service
from ui import labels
from ui.forms.issue_task import parse_coordinate
from ui.session import Session


@dataclass
class ReportForm:
    incident_id: str
    kind: str
    category: str | None
    figures: dict[str, Any]
    text: str | None
    geom: dict[str, Any] | None
    photos: list[Path] = field(default_factory=list)


class ReportDialog(QDialog):
    pickOnMapRequested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 incident_id: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.session = session
        store, names = session.store, session.names
        form = QFormLayout()
        self.incident_combo = QComboBox(self)
        for e in sorted(store.entities("incident"), key=lambda e: -e.created_hlc):
            if e.get("status") == "open":
                self.incident_combo.addItem(names.incident(e.eid), e.eid)
        if incident_id is not None:
            self.incident_combo.setCurrentIndex(max(self.incident_combo.findData(incident_id), 0))
        self.kind_combo = QComboBox(self)
        for code in report_rules.KINDS:
            self.kind_combo.addItem(labels.REPORT_KIND(code), code)
        self.category_combo = QComboBox(self)
        for code in report_rules.CATEGORIES:
            self.category_combo.addItem(labels.REPORT_CATEGORY(code), code)

        grid = QGridLayout()
        self.figures: dict[str, QSpinBox] = {}
        for i, name in enumerate(report_rules.FIGURES):
            spin = QSpinBox(self)
            spin.setObjectName(f"figure_{name}")
            spin.setRange(0, 10_000_000)
            spin.setGroupSeparatorShown(True)
            grid.addWidget(QLabel(labels.REPORT_FIGURE(name), self), i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
            self.figures[name] = spin
        self.loss_spin = QDoubleSpinBox(self)
        self.loss_spin.setRange(0, 1e9)
        self.loss_spin.setDecimals(1)
        n = len(report_rules.FIGURES)
        grid.addWidget(QLabel(labels.REPORT_FIGURE("loss_10k_yuan"), self), n // 4, (n % 4) * 2)
        grid.addWidget(self.loss_spin, n // 4, (n % 4) * 2 + 1)

        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setMinimumHeight(80)
        self.lat_edit, self.lon_edit = QLineEdit(self), QLineEdit(self)
        self.pick_button = QPushButton(self)
        self.pick_button.clicked.connect(self.pickOnMapRequested)
        where = QHBoxLayout()
        self.lat_label, self.lon_label = QLabel(self), QLabel(self)
        for w in (self.lat_label, self.lat_edit, self.lon_label, self.lon_edit, self.pick_button):
            where.addWidget(w)
        self.photo_label = QLabel(self)
        self.photo_button = QPushButton(self)
        self.photo_button.clicked.connect(self._choose_photos)
        photos = QHBoxLayout()
        photos.addWidget(self.photo_label, 1)
        photos.addWidget(self.photo_button)
        self.photos: list[Path] = []

        self._labels = [QLabel(self) for _ in range(6)]
        for label, widget in zip(self._labels, (
            self.incident_combo, self.kind_combo, self.category_combo, where, self.text_edit, photos,
        ), strict=True):
            form.addRow(label, widget)
            if isinstance(widget, QWidget):  # addRow(label, field) sets no buddy: the & would show
                label.setBuddy(widget)
        self.figures_title = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.figures_title)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.result_form: ReportForm | None = None
        self.incident_combo.currentIndexChanged.connect(self._start_from_latest)
        self._start_from_latest()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("File a report"))
        for label, text in zip(self._labels, (
            self.tr("&Incident:"), self.tr("&Report:"), self.tr("&Category:"), self.tr("Location:"),
            self.tr("&Text:"), self.tr("Photos:")), strict=True):
            label.setText(text)
        self.figures_title.setText(self.tr("Figures (the totals this post knows now):"))
        self.loss_spin.setSuffix(self.tr(" ×10k yuan"))
        self.lat_label.setText(self.tr("Lat"))
        self.lon_label.setText(self.tr("Lon"))
        self.pick_button.setText(self.tr("Pick on map"))
        self.photo_button.setText(self.tr("Add photos…"))
        self._show_photos()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("File report"))

    @Slot()
    def _start_from_latest(self) -> None:
        """首报 when this post has not reported on the incident yet; else 续报 from its figures."""
        incident_id = self.incident_combo.currentData()
        if incident_id is None:
            return
        latest = report_service.post_latest(self.session.store, incident_id, self.session.post_id)
        self.kind_combo.setCurrentIndex(report_rules.KINDS.index("followup" if latest else "first"))
        figures = report_service.carried_figures(latest)
        for name, spin in self.figures.items():
            spin.setValue(int(figures.get(name, 0)))
        self.loss_spin.setValue(float(figures.get("loss_10k_yuan", 0)))
        if latest is not None and latest.get("category"):
            self.category_combo.setCurrentIndex(max(self.category_combo.findData(latest.get("category")), 0))

    @Slot(float, float)
    def set_location(self, lon: float, lat: float) -> None:
        self.lat_edit.setText(f"{lat:.6f}")
        self.lon_edit.setText(f"{lon:.6f}")

    def add_photo(self, path: Path) -> None:
        self.photos.append(path)
        self._show_photos()

    def _show_photos(self) -> None:
        self.photo_label.setText(", ".join(p.name for p in self.photos) or self.tr("none"))

    @Slot()
    def _choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), "",
                                                self.tr("Images (*.jpg *.jpeg *.png)"))
        for f in files:
            self.add_photo(Path(f))

    def check(self) -> ReportForm | str:
        incident_id = self.incident_combo.currentData()
        if incident_id is None:
            return self.tr("There is no open incident to report on.")
        kind = self.kind_combo.currentData()
        latest = report_service.post_latest(self.session.store, incident_id, self.session.post_id)
        problem = report_service.order_problem(kind, latest)
        if problem is not None:
            return self._order_words(problem)
        geom = None
        lat_text, lon_text = self.lat_edit.text().strip(), self.lon_edit.text().strip()
        if lat_text or lon_text:
            lat, lon = parse_coordinate(lat_text, -90, 90), parse_coordinate(lon_text, -180, 180)
            if lat is None or lon is None:
                return self.tr("The location needs a latitude (−90…90) and a longitude "
                               "(−180…180) in decimal degrees.")
            geom = {"type": "Point", "coordinates": [lon, lat]}
        figures: dict[str, Any] = {name: spin.value() for name, spin in self.figures.items()}
        figures["loss_10k_yuan"] = self.loss_spin.value()
        return ReportForm(incident_id=incident_id, kind=kind,
                          category=self.category_combo.currentData(), figures=figures,
                          text=self.text_edit.toPlainText().strip() or None, geom=geom,
                          photos=list(self.photos))

    def _order_words(self, problem: str) -> str:
        """``services.reports.order_problem``'s answer, for the person filling the form."""
        return {
            "second_first": self.tr("This post has already filed its first report on this incident: "
                                    "file a follow-up report."),
            "before_first": self.tr("This post has not filed its first report on this incident "
                                    "yet: file the first report first."),
            "after_final": self.tr("This post has filed its final report on this incident and "
                                   "takes no more reports on it."),
        }[problem]

    @Slot()
    def _on_accept(self) -> None:
        result = self.check()
        if isinstance(result, str):
            self.problem.setText(result)
            return
        self.result_form = result
        self.accept()
