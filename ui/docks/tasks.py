"""The tasks dock (任务跟踪反馈): filter the orders, move the selected one along its lifecycle, read
its feedback trail.

Status changes go through ``services.tasks.set_status``; when the rules refuse one (a forward
post cannot cancel an order the rear issued), the reason is shown in words and nothing changes.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import task as task_rules
from app.ops import hlc_ms
from app.services import tasks as task_service
from app.store.apply import ApplyResult
from app.store.store import Entity, Refused
from ui import labels
from ui.docks.base import ViewDock, fit_columns
from ui.models.entity_table import EntityRole
from ui.models.tasks import OPEN, OVERDUE, TaskFilterProxy, TaskTableModel
from ui.reasons import show_refused
from ui.session import Session

# (status to set, statuses the task may be in for the button to apply)
ACTIONS = (
    ("acknowledged", frozenset({"issued"})),
    ("in_progress", frozenset({"issued", "acknowledged"})),
    ("done", task_rules.OPEN),
    ("failed", task_rules.OPEN),
    ("cancelled", task_rules.OPEN),
)


class TasksDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_tasks", parent)
        self.session = session
        self.last_message: QMessageBox | None = None  # the last refusal shown (tests read it)

        self.model = TaskTableModel(session, self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        filters = QHBoxLayout()
        self.incident_label = QLabel(body)
        self.incident_filter = QComboBox(body)
        self.status_label = QLabel(body)
        self.status_filter = QComboBox(body)
        self.assignee_label = QLabel(body)
        self.assignee_filter = QComboBox(body)
        for label, combo in (
            (self.incident_label, self.incident_filter),
            (self.status_label, self.status_filter),
            (self.assignee_label, self.assignee_filter),
        ):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.count_label = QLabel(body)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.table = QTableView(body)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by deadline
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        self.detail = QTextBrowser(body)
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, body)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for status, _allowed in ACTIONS:
            button = QPushButton(body)
            button.setObjectName(f"task_{status}")
            button.clicked.connect(lambda _=False, s=status: self.set_selected_status(s))
            actions.addWidget(button)
            self.buttons[status] = button
        actions.addStretch(1)
        layout.addLayout(actions)
        self.setWidget(body)

        self.incident_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.assignee_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        session.bridge.changed.connect(self._on_store_changed)

        self._resize_columns()
        self.retranslate()
        self._update_buttons()  # nothing selected yet: nothing to act on

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.model.cleanup()

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tasks"))
        self.incident_label.setText(self.tr("&Incident:"))
        self.status_label.setText(self.tr("&Status:"))
        self.assignee_label.setText(self.tr("&Assigned to:"))
        words = {
            "acknowledged": self.tr("Acknowledge"),
            "in_progress": self.tr("Start work"),
            "done": self.tr("Done"),
            "failed": self.tr("Not accomplished"),
            "cancelled": self.tr("Cancel task"),
        }
        for status, button in self.buttons.items():
            button.setText(words[status])
        self.buttons["cancelled"].setToolTip(
            self.tr("Cancel the order (only the post that issued it may do this)")
        )
        self._fill_filters()
        self.model.retranslate()
        fit_columns(self.table, (1, 2, 4))  # status, priority, deadline
        self._update_count()
        self._show_detail()

    def _fill_filters(self) -> None:
        store, names = self.session.store, self.session.names
        incidents = sorted(store.entities("incident"), key=lambda e: -e.created_hlc)
        self._refill(self.incident_filter, self.tr("All incidents"),
                     [(names.incident(e.eid), e.eid) for e in incidents])
        statuses = [(self.tr("Open (not finished)"), OPEN), (self.tr("Overdue"), OVERDUE)]
        statuses += [(labels.TASK_STATUS(code), code) for code in task_rules.STATUSES]
        self._refill(self.status_filter, self.tr("All statuses"), statuses)
        units = sorted(store.entities("unit"), key=lambda e: str(e.get("name", "")))
        posts = sorted(store.entities("post"), key=lambda e: str(e.get("name", "")))
        self._refill(
            self.assignee_filter, self.tr("Everyone"),
            [(names.unit(e.eid), e.eid) for e in units] + [(names.post(e.eid), e.eid) for e in posts],
        )

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        """Replace the choices, keeping the one selected when it is still there."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        at = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)
        if current is not None and at < 0:
            combo.currentIndexChanged.emit(0)  # what was filtered on is gone: show everything

    # ------------------------------------------------------------------ reacting

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        etypes = {etype for etype, _ in result.changed}
        if etypes & {"incident", "unit", "post"}:
            self._fill_filters()
        selected = self.selected_id()
        if selected is not None and (("task", selected) in result.changed or "feedback" in etypes):
            self._update_buttons()
            self._show_detail()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.proxy.set_incident(self.incident_filter.currentData())
        self.proxy.set_status(self.status_filter.currentData())
        self.proxy.set_assignee(self.assignee_filter.currentData())
        self._update_count()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()
        self._show_detail()

    @Slot()
    def _update_count(self, *_: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(labels.arg(self.tr("%1 of %2 tasks"), shown, total))

    def _resize_columns(self) -> None:
        widths = (0, 80, 70, 160, 95, 200, 170)
        for column, width in enumerate(widths):
            if width:
                self.table.setColumnWidth(column, width)

    # ------------------------------------------------------------------ the selected task

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        entity: Entity | None = rows[0].data(EntityRole) if rows else None
        return entity.eid if entity is not None else None

    def selected_task(self) -> Entity | None:
        eid = self.selected_id()
        return self.model.store.get("task", eid) if eid is not None else None

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): the tasks as they were at ``moment``, read-only; None: live again."""
        self.model.show_moment(moment)
        self._fill_filters()
        self._update_buttons()
        self._show_detail()

    def select_task(self, eid: str) -> bool:
        row = self.model.row_of(eid)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        task = self.selected_task()
        status = task.get("status") if task is not None else None
        for wanted, allowed in ACTIONS:
            self.buttons[wanted].setEnabled(status in allowed and not self.model.replaying)

    def set_selected_status(self, status: str) -> bool:
        """Move the selected task to ``status``; a refusal is shown and nothing changes."""
        task = self.selected_task()
        if task is None:
            return False
        try:
            task_service.set_status(self.session.store, self.session.operator, task.eid, status)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        return True

    def _show_detail(self) -> None:
        task = self.selected_task()
        if task is None:
            self.detail.setHtml(
                "<p style='color:gray'>" + html.escape(self.tr("Select a task to see its feedback trail.")) + "</p>"
            )
            return
        d, names = task.data, self.session.names
        parts = [f"<b>{html.escape(str(d.get('title', '')))}</b> — {html.escape(labels.TASK_STATUS(d.get('status')))}"]
        if d.get("description"):
            parts.append(f"<p>{html.escape(str(d['description']))}</p>")
        rows = []
        for fb in task_service.feedback_of(self.model.store, task.eid):  # type: ignore[arg-type]
            what = labels.TASK_STATUS(fb.get("status")) if fb.get("status") else ""
            if fb.get("progress") is not None:
                what = (what + " " if what else "") + f"{fb.get('progress')}%"
            text = str(fb.get("text") or "")
            rows.append(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                    html.escape(labels.local_time(hlc_ms(fb.created_hlc))),
                    html.escape(f"{names.origin_post(fb.created_origin)} · {fb.created_by}"),
                    html.escape(what),
                    html.escape(text),
                )
            )
        if rows:
            parts.append("<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>")
        else:
            parts.append("<p style='color:gray'>" + html.escape(self.tr("No feedback yet.")) + "</p>")
        self.detail.setHtml("".join(parts))
