"""The supply allocation form (物资调拨): items and quantities drawn from a depot, carried by a team
or post, optionally into another depot. It is a task: the stock moves when the task is done
(``services.tasks.issue_allocation``). Each line's quantity may not exceed what the depot holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDateTime, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import task as task_rules
from app.services import supplies
from ui import beijing_time, labels
from ui.session import Session


@dataclass
class AllocationForm:
    title: str
    from_depot: str
    to_depot: str | None
    items: list[dict[str, Any]]
    assignee: str
    assignee_kind: str
    priority: str
    deadline: int
    incident_id: str | None


class AllocationDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 from_depot: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allocation_dialog")
        self.session = session
        store, names = session.store, session.names
        self.depots = supplies.depots(store)
        self.title_edit = QLineEdit(self)
        self.from_combo, self.to_combo = QComboBox(self), QComboBox(self)
        self.to_combo.addItem("—", None)
        for eid, name, _levels in self.depots:
            self.from_combo.addItem(name, eid)
            self.to_combo.addItem(name, eid)
        if from_depot is not None:
            self.from_combo.setCurrentIndex(max(self.from_combo.findData(from_depot), 0))
        self.assignee_combo = QComboBox(self)
        for e in sorted(store.entities("unit"), key=lambda e: str(e.get("name", ""))):
            self.assignee_combo.addItem(names.unit(e.eid), ("unit", e.eid))
        for e in sorted(store.entities("post"), key=lambda e: str(e.get("name", ""))):
            self.assignee_combo.addItem(names.post(e.eid), ("post", e.eid))
        self.incident_combo = QComboBox(self)
        self.incident_combo.addItem("—", None)
        for e in store.entities("incident"):
            if e.get("status") == "open":
                self.incident_combo.addItem(names.incident(e.eid), e.eid)
        self.priority_combo = QComboBox(self)
        for code in task_rules.PRIORITIES:
            self.priority_combo.addItem(labels.PRIORITY(code), code)
        self.priority_combo.setCurrentIndex(task_rules.PRIORITIES.index("high"))
        self.deadline_edit = beijing_time.time_field(QDateTime.currentMSecsSinceEpoch() + 4 * 3_600_000, self)

        self.items = QTableWidget(0, 3, self)  # item, in stock, quantity to move
        self.items.verticalHeader().setVisible(False)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.setMinimumHeight(140)
        self.quantities: dict[str, QDoubleSpinBox] = {}

        form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(7)]
        for label, widget in zip(self._labels, (
            self.title_edit, self.from_combo, self.to_combo, self.assignee_combo,
            self.incident_combo, self.priority_combo, self.deadline_edit), strict=True):
            form.addRow(label, widget)
            label.setBuddy(widget)  # addRow(label, field) sets no buddy: the & would show
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.result_form: AllocationForm | None = None
        self.from_combo.currentIndexChanged.connect(self._fill_items)
        self._fill_items()
        self.retranslate()
        self.resize(560, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Allocate supplies"))
        for label, text in zip(self._labels, (
            self.tr("&Title:"), self.tr("&From depot:"), self.tr("&To depot:"),
            self.tr("&Carried by:"), self.tr("&Incident:"), self.tr("&Priority:"),
            self.tr("&Deadline:")), strict=True):
            label.setText(text)
        self.title_edit.setPlaceholderText(self.tr("e.g. tents to the Caiyuanba shelter"))
        self.items.setHorizontalHeaderLabels([self.tr("Item"), self.tr("In stock"), self.tr("To move")])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue allocation"))

    @Slot()
    def _fill_items(self) -> None:
        levels = next((lv for eid, _n, lv in self.depots if eid == self.from_combo.currentData()), {})
        self.items.setRowCount(0)
        self.quantities = {}
        for item, qty in levels.items():
            row = self.items.rowCount()
            self.items.insertRow(row)
            name = QLabel(item, self.items)
            have = QLabel(f"{qty:g}", self.items)
            spin = QDoubleSpinBox(self.items)
            spin.setDecimals(0 if float(qty).is_integer() else 2)
            spin.setRange(0, max(float(qty), 0))
            self.items.setCellWidget(row, 0, name)
            self.items.setCellWidget(row, 1, have)
            self.items.setCellWidget(row, 2, spin)
            self.quantities[item] = spin

    def set_quantity(self, item: str, qty: float) -> bool:
        spin = self.quantities.get(item)
        if spin is None:
            return False
        spin.setValue(qty)
        return True

    def set_assignee(self, eid: str) -> bool:
        for i in range(self.assignee_combo.count()):
            if self.assignee_combo.itemData(i)[1] == eid:
                self.assignee_combo.setCurrentIndex(i)
                return True
        return False

    def check(self) -> AllocationForm | str:
        if self.from_combo.currentData() is None:
            return self.tr("There is no depot to draw from.")
        items = [{"item": item, "qty": spin.value()} for item, spin in self.quantities.items()
                 if spin.value() > 0]
        if not items:
            return self.tr("Say how much of at least one item is to move.")
        if self.to_combo.currentData() == self.from_combo.currentData():
            return self.tr("The depot it goes to must differ from the one it leaves.")
        if self.assignee_combo.currentIndex() < 0:
            return self.tr("Choose who carries the supplies.")
        kind, assignee = self.assignee_combo.currentData()
        title = self.title_edit.text().strip() or labels.arg(
            self.tr("Allocation from %1"), self.from_combo.currentText())
        return AllocationForm(
            title=title[:200], from_depot=self.from_combo.currentData(),
            to_depot=self.to_combo.currentData(), items=items, assignee=assignee,
            assignee_kind=kind, priority=self.priority_combo.currentData(),
            deadline=self.deadline_edit.dateTime().toMSecsSinceEpoch(),
            incident_id=self.incident_combo.currentData(),
        )

    @Slot()
    def _on_accept(self) -> None:
        result = self.check()
        if isinstance(result, str):
            self.problem.setText(result)
            return
        self.result_form = result
        self.accept()
