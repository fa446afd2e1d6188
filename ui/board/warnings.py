"""Warnings on the board: the list (in force first), and the windows to issue, change and lift one.

Every change goes through ``app.services.warnings`` (the one write path); a refusal is shown
and nothing changes. The area is the incident's area, or a shape handed over by the map
(``set_area``) — the map's drawing tool hands over the last polygon drawn.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import warning as rules
from app.services import warnings as service
from app.services.board import active_warnings_in
from app.services.common import now_ms
from app.store.store import Entity, Refused
from ui import beijing_time, labels
from ui.board.tiles import LEVEL_COLOURS
from ui.reasons import show_refused
from ui.session import Session


class WarningDialog(QDialog):
    drawAreaRequested = Signal()  # "draw the area on the map": the map's polygon comes to set_area
    """Issue a new warning, or change one (``current``)."""

    def __init__(self, incidents: list[Entity], current: Entity | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warning_dialog")
        self.current = current
        self.area: dict[str, Any] | None = current.get("area") if current else None
        d = current.data if current else {}
        self.setWindowTitle(self.tr("Change warning") if current else self.tr("Issue warning"))
        form = QFormLayout(self)
        self.title = QLineEdit(str(d.get("title", "")), self)
        self.level = QComboBox(self)
        for code in rules.LEVELS:
            self.level.addItem(labels.WARNING_LEVEL(code), code)
        self.type = QComboBox(self)
        for code in rules.TYPES:
            self.type.addItem(labels.WARNING_TYPE(code), code)
        self.stage = QComboBox(self)
        for code in rules.STAGES:
            self.stage.addItem(labels.WARNING_STAGE(code), code)
        tiers_box = QWidget(self)
        tiers_row = QHBoxLayout(tiers_box)
        tiers_row.setContentsMargins(0, 0, 0, 0)
        self.tiers: dict[str, QCheckBox] = {}
        for code in rules.TIERS:
            box = QCheckBox(labels.WARNING_TIER(code), tiers_box)
            box.setChecked(code in (d.get("tiers") or ["district", "township", "village"]))
            tiers_row.addWidget(box)
            self.tiers[code] = box
        start = int(d.get("valid_from") or now_ms())
        self.valid_from = beijing_time.time_field(start, self)
        self.valid_to = beijing_time.time_field(int(d.get("valid_to") or start + 6 * 3600_000), self)
        self.incident = QComboBox(self)
        self.incident.addItem(self.tr("(none)"), None)
        self.incident_areas: dict[str, Any] = {}
        for e in incidents:
            self.incident.addItem(str(e.get("title", e.eid)), e.eid)
            if e.get("area"):
                self.incident_areas[e.eid] = e.get("area")
        self.use_incident_area = QCheckBox(self.tr("Use the incident's area"), self)
        self.use_incident_area.setChecked(self.area is None)
        self.text = QPlainTextEdit(str(d.get("text", "")), self)
        self.text.setMaximumHeight(90)
        for combo, key, default in ((self.level, "level", "yellow"), (self.type, "type", "flood"),
                                    (self.stage, "stage", "h6"), (self.incident, "incident_id", None)):
            i = combo.findData(d.get(key, default))
            combo.setCurrentIndex(max(0, i))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Stage"), self.stage)
        form.addRow(self.tr("Tiers that must act"), tiers_box)
        form.addRow(self.tr("Valid from"), self.valid_from)
        form.addRow(self.tr("Valid until"), self.valid_to)
        form.addRow(self.tr("Incident"), self.incident)
        self.draw_button = QPushButton(self.tr("Draw the area on the map…"), self)
        self.draw_button.setObjectName("warning_draw_area")
        self.draw_button.clicked.connect(self.drawAreaRequested)
        self.area_label = QLabel(self)
        area_row = QHBoxLayout()
        area_row.addWidget(self.use_incident_area)
        area_row.addWidget(self.draw_button)
        area_row.addWidget(self.area_label, 1)
        form.addRow("", area_row)
        form.addRow(self.tr("Text"), self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.title.textChanged.connect(self._update)
        self._update()

    def set_area(self, geometry: dict[str, Any]) -> None:
        """A polygon drawn on the map becomes the warning's area."""
        self.area = geometry
        self.use_incident_area.setChecked(False)
        ring = (geometry.get("coordinates") or [[]])[0]
        self.area_label.setText(self.tr("Drawn area: %1 points").replace("%1", str(max(len(ring) - 1, 0))))

    def _update(self, *_: object) -> None:
        self.ok_button.setEnabled(bool(self.title.text().strip()))

    def fields(self) -> dict[str, Any]:
        incident = self.incident.currentData()
        area = self.area
        if self.use_incident_area.isChecked() and incident in self.incident_areas:
            area = self.incident_areas[incident]
        return {
            "title": self.title.text().strip(),
            "level": self.level.currentData(),
            "type": self.type.currentData(),
            "stage": self.stage.currentData(),
            "tiers": [code for code, box in self.tiers.items() if box.isChecked()],
            "valid_from": self.valid_from.dateTime().toMSecsSinceEpoch(),
            "valid_to": self.valid_to.dateTime().toMSecsSinceEpoch(),
            "incident_id": incident,
            "area": area,
            "text": self.text.toPlainText().strip() or None,
        }


class WarningsPanel(QWidget):
    """The warnings list with issue / change / lift."""

    changed = Signal()
    drawAreaRequested = Signal()  # the open dialog wants a polygon from the map

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reader: Any = session.store
        self.at_ms: int | None = None  # replay: the moment shown
        self.dialog: WarningDialog | None = None
        self.last_message: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QTreeWidget(self)
        self.list.setObjectName("warnings_list")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(5)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.issue_button = QPushButton(self)
        self.change_button = QPushButton(self)
        self.lift_button = QPushButton(self)
        for b in (self.issue_button, self.change_button, self.lift_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.issue_button.clicked.connect(lambda: self.open_dialog(None))
        self.change_button.clicked.connect(lambda: self.open_dialog(self.selected()))
        self.lift_button.clicked.connect(self.lift_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Warning"), self.tr("Level"), self.tr("Stage"), self.tr("Valid until"),
                                   self.tr("Status")])
        self.issue_button.setText(self.tr("Issue warning…"))
        self.change_button.setText(self.tr("Change…"))
        self.lift_button.setText(self.tr("Lift"))
        self.refresh()

    def show_reader(self, reader: Any, at_ms: int | None) -> None:
        self.reader, self.at_ms = reader, at_ms
        self.refresh()

    def refresh(self) -> None:
        at = self.at_ms if self.at_ms is not None else now_ms()
        all_warnings = self.reader.entities("warning")
        in_force = {id(w) for w in active_warnings_in((w.data for w in all_warnings), at)}
        rows = sorted(all_warnings, key=lambda e: (id(e.data) not in in_force, -e.updated_hlc))
        selected = self.selected_id()
        self.list.clear()
        for e in rows:
            d = e.data
            item = QTreeWidgetItem([
                str(d.get("title", "")), labels.WARNING_LEVEL(d.get("level")),
                labels.WARNING_STAGE(d.get("stage")), labels.short_time(d.get("valid_to")),
                labels.WARNING_STATUS(d.get("status")) if id(d) in in_force or d.get("status") != "active"
                else self.tr("Expired"),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, e.eid)
            bg, fg = LEVEL_COLOURS.get(d.get("level"), LEVEL_COLOURS[None])
            item.setBackground(1, QBrush(QColor(bg)))
            item.setForeground(1, QBrush(QColor(fg)))
            if id(d) not in in_force:
                for c in range(5):
                    item.setForeground(c, QBrush(QColor("#9e9e9e")))
            self.list.addTopLevelItem(item)
            if e.eid == selected:
                item.setSelected(True)
        for c in range(1, 5):
            self.list.resizeColumnToContents(c)
        self._update_buttons()

    def selected_id(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def selected(self) -> Entity | None:
        eid = self.selected_id()
        return self.session.store.get("warning", eid) if eid else None

    def _update_buttons(self) -> None:
        live = self.at_ms is None
        sel = self.selected()
        self.issue_button.setEnabled(live)
        self.change_button.setEnabled(live and sel is not None and sel.get("status") == "active")
        self.lift_button.setEnabled(live and sel is not None and sel.get("status") == "active")

    def open_dialog(self, current: Entity | None) -> WarningDialog:
        incidents = [e for e in self.session.store.entities("incident") if e.get("status") == "open"]
        self.dialog = WarningDialog(incidents, current, self)
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog.drawAreaRequested.connect(self.drawAreaRequested)
        self.dialog.open()
        return self.dialog

    @Slot()
    def _on_dialog_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        self.save(dialog.fields(), dialog.current)

    def save(self, fields: dict[str, Any], current: Entity | None) -> str | None:
        """Issue or change through the service; a refusal is shown. Returns the warning id."""
        store, who = self.session.store, self.session.operator
        try:
            if current is None:
                eid = service.issue_warning(store, who, **fields)
            else:
                changes = {k: v for k, v in fields.items() if v != current.get(k)}
                if changes:
                    service.update_warning(store, who, current.eid, **changes)
                eid = current.eid
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
        self.changed.emit()
        return eid

    def lift_selected(self) -> bool:
        sel = self.selected()
        if sel is None:
            return False
        try:
            service.cancel_warning(self.session.store, self.session.operator, sel.eid)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        self.changed.emit()
        return True
