"""The response plans dock (应急预案): edit the templates per incident type and response level
Ⅰ–Ⅳ (stored as data, ``plan`` records, so they sync like everything else), and declare or raise
an incident's response level, which issues the plan's standard tasks
(``services.plans.declare_level``: never twice for the same template line).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import incident as incident_rules
from app.domain import task as task_rules
from app.services import plans as plan_service
from app.store.apply import ApplyResult
from app.store.store import Entity, Refused
from ui import labels
from ui.docks.base import ViewDock
from ui.reasons import show_refused
from ui.session import Session

# the template table's columns: (key in a plan's task line, least width; wider for a long header)
TEMPLATE_COLUMNS = (("title", 220), ("priority", 70), ("deadline_min", 80), ("ack_within_min", 80),
                    ("description", 200))


class PlansDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_plans", parent)
        self.session = session
        self.last_message: QMessageBox | None = None
        self.editing: str | None = None  # the plan id being edited; None: a new plan

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        self.declare_box = QGroupBox(body)
        declare = QHBoxLayout(self.declare_box)
        self.declare_incident = QComboBox(self.declare_box)
        self.declare_level = QComboBox(self.declare_box)
        for level in incident_rules.RESPONSE_LEVELS:
            self.declare_level.addItem(labels.RESPONSE_LEVEL(level), level)
        self.declare_button = QPushButton(self.declare_box)
        self.declare_button.setObjectName("declare_level")
        self.declare_button.setStyleSheet("font-weight: bold;")
        self.declare_button.clicked.connect(lambda: self.declare())
        self.declare_result = QLabel(self.declare_box)
        declare.addWidget(self.declare_incident, 1)
        declare.addWidget(self.declare_level)
        declare.addWidget(self.declare_button)
        declare.addWidget(self.declare_result, 1)
        layout.addWidget(self.declare_box)

        splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.plan_list = QListWidget(splitter)
        self.plan_list.currentItemChanged.connect(self._on_plan_selected)
        editor = QWidget(splitter)
        edit_layout = QVBoxLayout(editor)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name_edit = QLineEdit(editor)
        self.category_combo = QComboBox(editor)
        for code in incident_rules.CATEGORIES:
            self.category_combo.addItem(labels.INCIDENT_CATEGORY(code), code)
        self.level_combo = QComboBox(editor)
        for level in incident_rules.RESPONSE_LEVELS:
            self.level_combo.addItem(labels.RESPONSE_LEVEL(level), level)
        self._labels = [QLabel(editor) for _ in range(3)]
        for label, widget in zip(self._labels, (self.name_edit, self.category_combo, self.level_combo),
                                 strict=True):
            form.addRow(label, widget)
            label.setBuddy(widget)  # addRow(label, field) sets no buddy: the & would show
        edit_layout.addLayout(form)
        self.template = QTableWidget(0, len(TEMPLATE_COLUMNS), editor)
        self.template.verticalHeader().setVisible(False)
        self.template.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.template.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        edit_layout.addWidget(self.template, 1)
        buttons = QHBoxLayout()
        self.new_button, self.add_row_button = QPushButton(editor), QPushButton(editor)
        self.remove_row_button, self.save_button = QPushButton(editor), QPushButton(editor)
        self.save_button.setObjectName("save_plan")
        self.new_button.clicked.connect(self.new_plan)
        self.add_row_button.clicked.connect(lambda: self.add_template_row())
        self.remove_row_button.clicked.connect(self._remove_rows)
        self.save_button.clicked.connect(lambda: self.save())
        for b in (self.new_button, self.add_row_button, self.remove_row_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        edit_layout.addLayout(buttons)
        self.problem = QLabel(editor)
        self.problem.setStyleSheet("color: #b00020;")
        edit_layout.addWidget(self.problem)
        splitter.addWidget(self.plan_list)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.set_scrolling_widget(body)

        session.bridge.changed.connect(self._on_store_changed)
        self.retranslate()
        self.new_plan()

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Response plans"))
        self.declare_box.setTitle(self.tr("Declare or raise the response level"))
        self.declare_button.setText(self.tr("Declare"))
        for label, text in zip(self._labels, (self.tr("&Plan:"), self.tr("Incident &type:"),
                                              self.tr("Response &level:")), strict=True):
            label.setText(text)
        self.template.setHorizontalHeaderLabels([
            self.tr("Standard task"), self.tr("Priority"), self.tr("Deadline (min)"),
            self.tr("Acknowledge (min)"), self.tr("Description")])
        self._fit_template_columns()
        self.new_button.setText(self.tr("New plan"))
        self.add_row_button.setText(self.tr("Add task"))
        self.remove_row_button.setText(self.tr("Remove task"))
        self.save_button.setText(self.tr("Save plan"))
        self._fill_plans()
        self._fill_incidents()

    def _fit_template_columns(self) -> None:
        """Each column at least as wide as its header in the current language ("签收时限（分钟）"
        is wider than the English); the title column takes the room left."""
        header = self.template.horizontalHeader()
        for c, (_key, width) in enumerate(TEMPLATE_COLUMNS):
            if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch:
                self.template.setColumnWidth(c, max(width, header.sectionSizeHint(c)))

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        etypes = {etype for etype, _ in result.changed}
        if "plan" in etypes:
            self._fill_plans()
        if "incident" in etypes:
            self._fill_incidents()

    def _fill_incidents(self) -> None:
        current = self.declare_incident.currentData()
        self.declare_incident.clear()
        for e in sorted(self.session.store.entities("incident"), key=lambda e: -e.created_hlc):
            if e.get("status") == "open":
                level = labels.RESPONSE_LEVEL(e.get("response_level"))
                text = self.session.names.incident(e.eid) + (f"（{level}）" if level else "")
                self.declare_incident.addItem(text, e.eid)
        if current is not None:
            self.declare_incident.setCurrentIndex(max(self.declare_incident.findData(current), 0))

    def _fill_plans(self) -> None:
        self.plan_list.blockSignals(True)
        self.plan_list.clear()
        plans = sorted(plan_service.plans(self.session.store),
                       key=lambda p: (str(p.get("category")), -int(p.get("level", 4)), str(p.get("name"))))
        for plan in plans:
            text = labels.arg(self.tr("%1 · %2 · %3"), labels.INCIDENT_CATEGORY(plan.get("category")),
                              labels.RESPONSE_LEVEL(plan.get("level")), plan.get("name"))
            item = QListWidgetItem(text, self.plan_list)
            item.setData(Qt.ItemDataRole.UserRole, plan.eid)
            if plan.eid == self.editing:
                self.plan_list.setCurrentItem(item)
        self.plan_list.blockSignals(False)

    # ------------------------------------------------------------------ editing

    @Slot()
    def new_plan(self) -> None:
        self.editing = None
        self.plan_list.clearSelection()
        self.name_edit.clear()
        self.template.setRowCount(0)
        self.add_template_row()
        self.problem.clear()

    def add_template_row(self, line: dict[str, Any] | None = None) -> int:
        line = line or {}
        row = self.template.rowCount()
        self.template.insertRow(row)
        for c, (key, _w) in enumerate(TEMPLATE_COLUMNS):
            if key == "priority":
                combo = QComboBox(self.template)
                for code in task_rules.PRIORITIES:
                    combo.addItem(labels.PRIORITY(code), code)
                combo.setCurrentIndex(task_rules.PRIORITIES.index(line.get("priority", "normal")))
                self.template.setCellWidget(row, c, combo)
            else:
                value = line.get(key)
                self.template.setItem(row, c, QTableWidgetItem("" if value is None else str(value)))
        return row

    @Slot()
    def _remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.template.selectedIndexes()}, reverse=True):
            self.template.removeRow(row)

    @Slot()
    def _on_plan_selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        plan = self.session.store.get("plan", item.data(Qt.ItemDataRole.UserRole)) if item else None
        if plan is not None:
            self.show_plan(plan)

    def show_plan(self, plan: Entity) -> None:
        self.editing = plan.eid
        self.name_edit.setText(str(plan.get("name", "")))
        self.category_combo.setCurrentIndex(max(self.category_combo.findData(plan.get("category")), 0))
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(plan.get("level")), 0))
        self.template.setRowCount(0)
        for line in plan.get("tasks") or ():
            self.add_template_row(dict(line))
        self.problem.clear()

    def template_lines(self) -> list[dict[str, Any]] | str:
        lines: list[dict[str, Any]] = []
        for row in range(self.template.rowCount()):
            line: dict[str, Any] = {}
            for c, (key, _w) in enumerate(TEMPLATE_COLUMNS):
                if key == "priority":
                    combo = self.template.cellWidget(row, c)
                    assert isinstance(combo, QComboBox)
                    line[key] = combo.currentData()
                    continue
                item = self.template.item(row, c)
                text = item.text().strip() if item is not None else ""
                if not text:
                    continue
                if key in ("deadline_min", "ack_within_min"):
                    if not text.isdigit() or int(text) < 1:
                        return labels.arg(self.tr("Row %1: minutes are a whole number above 0."), row + 1)
                    line[key] = int(text)
                else:
                    line[key] = text
            if "title" in line:
                lines.append(line)
            elif len(line) > 1:
                return labels.arg(self.tr("Row %1: a standard task needs a title."), row + 1)
        return lines

    def save(self) -> str | None:
        name = self.name_edit.text().strip()
        lines = self.template_lines()
        if isinstance(lines, str):
            self.problem.setText(lines)
            return None
        if not name or not lines:
            self.problem.setText(self.tr("A plan needs a name and at least one standard task."))
            return None
        try:
            self.editing = plan_service.save_plan(
                self.session.store, self.session.operator, name=name[:200],
                category=self.category_combo.currentData(), level=self.level_combo.currentData(),
                tasks=lines, plan_id=self.editing)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
        self.problem.clear()
        self._fill_plans()
        return self.editing

    # ------------------------------------------------------------------ declaring

    def declare(self, incident_id: str | None = None, level: int | None = None) -> list[str] | None:
        incident_id = self.declare_incident.currentData() if incident_id is None else incident_id
        level = self.declare_level.currentData() if level is None else level
        if incident_id is None:
            return None
        try:
            issued = plan_service.declare_level(self.session.store, self.session.operator,
                                                incident_id, int(level))
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
        self.declare_result.setText(labels.arg(
            self.tr("%1 response declared: %2 standard tasks issued."),
            labels.RESPONSE_LEVEL(level), len(issued)))
        return issued
