"""The task board (任务跟踪反馈): the orders as a table or a kanban by status, filtered by
incident, team or post, status (open / overdue) and whose they are (issued by this post /
assigned to it); bulk actions on the selection; the issue-order form; the selected order's
detail with its full history and feedback thread, and a composer for feedback with photos.

Status changes go through ``services.tasks.set_status``; when the rules refuse one (a forward
post cannot cancel an order the rear issued), the reason is shown in words and nothing changes.
Buttons are enabled by the task's status only — the rules, not the button, decide — but their
tooltips say in advance when this post may not do it (``services.tasks.may``). A bulk action
applies task by task and reports each refusal by the task's title.

"Pick on map" in the issue form is relayed as ``pickOnMapRequested``; the map's click comes back
through ``set_picked_location(lon, lat)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import task as task_rules
from app.services import plans
from app.services import tasks as task_service
from app.store.apply import ApplyResult
from app.store.store import Entity, Refused
from ui import labels
from ui.docks.base import ViewDock, fit_columns
from ui.forms.issue_task import IssueTaskDialog, OrderForm
from ui.kanban import KanbanBoard
from ui.media import attach_photos, show_unreadable
from ui.models.entity_table import select_row, selected_entity_ids
from ui.models.tasks import BY_ME, OPEN, OVERDUE, TO_ME, TaskFilterProxy, TaskTableModel
from ui.reasons import explain, show_refusals, show_refused
from ui.session import Session
from ui.task_detail import task_detail_html

# (status to set, statuses the task may be in for the button to apply, rule checked by ``may``)
ACTIONS = (
    ("acknowledged", frozenset({"issued"}), "work"),
    ("in_progress", frozenset({"issued", "acknowledged"}), "work"),
    ("done", task_rules.OPEN, "work"),
    ("failed", task_rules.OPEN, "work"),
    ("cancelled", task_rules.OPEN, "cancel"),
)
TABLE, KANBAN = 0, 1


class TasksDock(ViewDock):
    pickOnMapRequested = Signal()  # the issue form wants a click on the map (lead: wire to the map)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_tasks", parent)
        self.session = session
        session.foreground.watch(self)  # floating, its paints are its own window's
        self.last_message: QMessageBox | None = None  # the last refusal shown (tests read it)
        self.issue_dialog: IssueTaskDialog | None = None
        self.photo_paths: list[Path] = []  # photos chosen for the next feedback

        self.model = TaskTableModel(session, self)
        # a record whose sort key changes moves (out of its row, into another): keep it selected;
        # connected before the proxy, which drops the selection of a row it is told is going
        self._moving: list[str] = []
        self.model.rowsAboutToBeRemoved.connect(self._remember_selection)
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
        self.mine_filter = QComboBox(body)
        self.mine_filter.setObjectName("mine_filter")
        for label, combo in (
            (self.incident_label, self.incident_filter),
            (self.status_label, self.status_filter),
            (self.assignee_label, self.assignee_filter),
            (None, self.mine_filter),
        ):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
            if label is not None:
                label.setBuddy(combo)
                filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.count_label = QLabel(body)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        tools = QHBoxLayout()
        self.view_buttons = QButtonGroup(self)
        self.table_button, self.kanban_button = QPushButton(body), QPushButton(body)
        for i, button in enumerate((self.table_button, self.kanban_button)):
            button.setCheckable(True)
            self.view_buttons.addButton(button, i)
            tools.addWidget(button)
        self.table_button.setChecked(True)
        self.view_buttons.idClicked.connect(self.show_view)
        tools.addStretch(1)
        # two posts declared a level at once: this post's copies of plan lines issued first
        # elsewhere count once, and one click cancels them (``plans.retire_duplicates``)
        self.retire_button = QPushButton(body)
        self.retire_button.setObjectName("retire_duplicates")
        self.retire_button.clicked.connect(self.retire_duplicates)
        self.retire_button.hide()
        tools.addWidget(self.retire_button)
        self.issue_button = QPushButton(body)
        self.issue_button.setObjectName("issue_order")
        self.issue_button.clicked.connect(lambda: self.open_issue_form())
        tools.addWidget(self.issue_button)
        layout.addLayout(tools)

        self.table = QTableView(body)
        self.table.setModel(self.proxy)
        # by deadline, the model's own order: enabling sorting then sorts nothing again
        self.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(200)  # fitting a column samples 200 rows, not 1000
        self.kanban: KanbanBoard | None = None  # built the first time it is shown
        self.views = QStackedWidget(body)
        self.views.addWidget(self.table)

        detail_box = QWidget(body)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(detail_box)
        self.detail.setOpenLinks(False)
        detail_layout.addWidget(self.detail, 1)
        composer = QHBoxLayout()
        self.feedback_text = QLineEdit(detail_box)
        self.feedback_text.setObjectName("feedback_text")
        self.feedback_progress = QSpinBox(detail_box)
        self.feedback_progress.setRange(-1, 100)
        self.feedback_progress.setValue(-1)
        self.photo_button = QPushButton(detail_box)
        self.photo_button.clicked.connect(self._choose_photos)
        self.send_button = QPushButton(detail_box)
        self.send_button.setObjectName("send_feedback")
        self.send_button.clicked.connect(lambda: self.send_feedback())
        self.feedback_text.returnPressed.connect(lambda: self.send_feedback())
        composer.addWidget(self.feedback_text, 1)
        composer.addWidget(self.feedback_progress)
        composer.addWidget(self.photo_button)
        composer.addWidget(self.send_button)
        detail_layout.addLayout(composer)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        splitter.addWidget(self.views)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for status, _allowed, _rule in ACTIONS:
            button = QPushButton(body)
            button.setObjectName(f"task_{status}")
            button.clicked.connect(lambda _=False, s=status: self.set_selected_status(s))
            actions.addWidget(button)
            self.buttons[status] = button
        actions.addStretch(1)
        layout.addLayout(actions)
        self.setWidget(body)

        for combo in (self.incident_filter, self.status_filter, self.assignee_filter, self.mine_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.rowsInserted.connect(self._restore_selection)
        self.model.modelReset.connect(self._fit_after_load)
        self.model.modelReset.connect(self._update_retire_button)
        self.model.planLinesChanged.connect(self._update_retire_button)
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
        if self.issue_dialog is not None:
            self.issue_dialog.close()

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tasks"))
        self.incident_label.setText(self.tr("&Incident:"))
        self.status_label.setText(self.tr("&Status:"))
        self.assignee_label.setText(self.tr("&Assigned to:"))
        self.table_button.setText(self.tr("Table"))
        self.kanban_button.setText(self.tr("Kanban"))
        self.issue_button.setText(self.tr("Issue order…"))
        self.retire_button.setToolTip(self.tr(
            "Plan tasks this post issued that another post had issued first (both declared the "
            "level at once). They count once; cancel this post's copies."))
        self._update_retire_button()
        self.feedback_text.setPlaceholderText(self.tr("Feedback on the selected task…"))
        self.feedback_progress.setSpecialValueText(self.tr("progress"))
        self.feedback_progress.setSuffix("%")
        self.photo_button.setText(self.tr("Photo…"))
        self.send_button.setText(self.tr("Send feedback"))
        words = {
            "acknowledged": self.tr("Acknowledge"),
            "in_progress": self.tr("Start work"),
            "done": self.tr("Done"),
            "failed": self.tr("Not accomplished"),
            "cancelled": self.tr("Cancel task"),
        }
        for status, button in self.buttons.items():
            button.setText(words[status])
        self._fill_filters()
        self.model.retranslate()
        if self.kanban is not None:
            self.kanban.retranslate()
        fit_columns(self.table, (1, 2, 4))  # status, priority, deadline
        self._update_count()
        self._update_buttons()
        self.show_detail()

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
        self._refill(self.mine_filter, self.tr("All posts' tasks"),
                     [(self.tr("Issued by this post"), BY_ME), (self.tr("Assigned to this post"), TO_ME)])

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

    # ------------------------------------------------------------------ views

    @Slot(int)
    def show_view(self, which: int) -> None:
        """Show the table (0) or the kanban (1); the selection carries over when it can."""
        selected = self.selected_ids()
        if which == KANBAN and self.kanban is None:
            self.kanban = KanbanBoard(self.proxy, self.views)
            self.kanban.selectionChanged.connect(self._on_selection_changed)
            self.views.addWidget(self.kanban)
        self.views.setCurrentIndex(which)
        self.view_buttons.button(which).setChecked(True)
        if selected:
            self.select_task(selected[0])
        self._on_selection_changed()

    def kanban_shown(self) -> bool:
        return self.kanban is not None and self.views.currentWidget() is self.kanban

    # ------------------------------------------------------------------ reacting

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        etypes = {etype for etype, _ in result.changed}
        if etypes & {"incident", "unit", "post"}:
            self._fill_filters()
            if self.mine_filter.currentData() == TO_ME:
                self._on_filter_changed()  # the teams this post commands may have changed
        selected = self.selected_id()
        if selected is not None and (("task", selected) in result.changed or etypes & {"feedback", "media"}):
            self._update_buttons()
            self.show_detail()

    @Slot()
    def _remember_selection(self, *_: object) -> None:
        if not self.kanban_shown():
            self._moving = self.selected_ids()

    @Slot()
    def _restore_selection(self, *_: object) -> None:
        if self._moving and not self.kanban_shown() and not self.selected_ids():
            moving, self._moving = self._moving, []
            self.select_tasks(moving) if len(moving) > 1 else self.select_task(moving[0])

    def my_units(self) -> frozenset[str]:
        return frozenset(e.eid for e in self.session.store.entities("unit")
                         if e.get("post_id") == self.session.post_id)

    @Slot()
    def _on_filter_changed(self) -> None:
        self.proxy.set_incident(self.incident_filter.currentData())
        self.proxy.set_status(self.status_filter.currentData())
        self.proxy.set_assignee(self.assignee_filter.currentData())
        mine = self.mine_filter.currentData()
        self.proxy.set_mine(mine, self.session.post_id, self.my_units() if mine == TO_ME else frozenset())
        self._update_count()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()
        self.show_detail()

    @Slot()
    def _update_count(self, *_: object) -> None:
        if self.model.loading:  # a big board is being read: not "0 tasks"
            self.count_label.setText(self.tr("Loading tasks…"))
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(labels.arg(self.tr("%1 of %2 tasks"), shown, total))

    @Slot()
    def _update_retire_button(self) -> None:
        own = [] if self.model.replaying else self.model.own_open_duplicates(self.session.post_id)
        self.retire_button.setText(labels.arg(self.tr("Cancel duplicate plan tasks (%1)"), len(own)))
        self.retire_button.setVisible(bool(own))

    @Slot()
    def retire_duplicates(self) -> list[str]:
        """Cancel this post's duplicate plan tasks, saying why in each one's history."""
        try:
            retired = plans.retire_duplicates(  # the model knows them: no read of every task
                self.session.store, self.session.operator,
                set(self.model.own_open_duplicates(self.session.post_id)))
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return []
        self._update_retire_button()
        return retired

    @Slot()
    def _fit_after_load(self) -> None:
        """A big board comes in after the dock is shown (read on the reader thread): fit the
        short columns to its words then."""
        if not self.model.loading:
            fit_columns(self.table, (1, 2, 4))

    def _resize_columns(self) -> None:
        widths = (0, 80, 70, 160, 95, 200, 170)
        for column, width in enumerate(widths):
            if width:
                self.table.setColumnWidth(column, width)

    # ------------------------------------------------------------------ the selection

    def selected_ids(self) -> list[str]:
        if self.kanban_shown():
            assert self.kanban is not None
            return self.kanban.selected_ids()
        return selected_entity_ids(self.table)

    def selected_id(self) -> str | None:
        """The one task the detail shows: the selection's first."""
        ids = self.selected_ids()
        return ids[0] if ids else None

    def selected_task(self) -> Entity | None:
        eid = self.selected_id()
        return self.model.store.get("task", eid) if eid is not None else None

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): the tasks as they were at ``moment``, read-only; None: live again."""
        self.model.show_moment(moment)
        self._fill_filters()
        self._update_buttons()
        self.show_detail()

    def select_task(self, eid: str) -> bool:
        if self.kanban_shown():
            assert self.kanban is not None
            return self.kanban.select(eid)
        return select_row(self.table, self.model, eid)

    def select_tasks(self, eids: list[str]) -> int:
        """Select these tasks in the table (those shown by the filter); how many were."""
        self.show_view(TABLE)
        selection = QItemSelection()
        for eid in eids:
            row = self.model.row_of(eid)
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
            if index is not None and index.isValid():
                last = self.proxy.index(index.row(), self.proxy.columnCount() - 1)
                selection.select(index, last)
        self.table.selectionModel().select(
            selection, self.table.selectionModel().SelectionFlag.ClearAndSelect)
        return len(self.selected_ids())

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        store = self.session.store
        live = not self.model.replaying  # replay (复盘) shows the past read-only
        tasks = [t for t in (self.model.store.get("task", eid) for eid in ids[:200]) if t is not None]
        for wanted, allowed, rule in ACTIONS:
            button = self.buttons[wanted]
            button.setEnabled(live and any(t.get("status") in allowed for t in tasks))
            why = task_service.may(store, tasks[0].eid, rule) if len(tasks) == 1 else None
            button.setToolTip(explain(why) if why else "")
        one = live and len(tasks) == 1
        for w in (self.feedback_text, self.feedback_progress, self.photo_button, self.send_button):
            w.setEnabled(one)

    # ------------------------------------------------------------------ acting

    def set_selected_status(self, status: str) -> bool:
        """Move every selected task to ``status``; each refusal is shown by the task's title
        (one task: its reason in a box) and those tasks are left as they were. True when every
        task moved."""
        refused: list[tuple[str, str]] = []
        moved = 0
        allowed = next(a for s, a, _r in ACTIONS if s == status)
        chosen = self.selected_ids()  # once: a moved row may leave the selection meanwhile
        for eid in chosen:
            task = self.session.store.get("task", eid)
            if task is None or (len(chosen) > 1 and task.get("status") not in allowed):
                continue  # in a bulk action, tasks this action does not apply to are left alone
            try:
                task_service.set_status(self.session.store, self.session.operator, eid, status)
                moved += 1
            except Refused as exc:
                refused.append((str(task.get("title", "")), str(exc)))
        if len(refused) == 1 and moved == 0:
            self.last_message = show_refused(self, refused[0][1])
        elif refused:
            self.last_message = show_refusals(self, refused, self._bulk_summary(status, moved, len(refused)))
        return not refused and moved > 0

    def _bulk_summary(self, status: str, moved: int, refused: int) -> str:
        """The head of a bulk action's refusals, in that action's words (a cancel is not "done")."""
        words = {
            "acknowledged": self.tr("%1 acknowledged, %2 refused:"),
            "in_progress": self.tr("%1 started, %2 refused:"),
            "done": self.tr("%1 done, %2 refused:"),
            "failed": self.tr("%1 marked not accomplished, %2 refused:"),
            "cancelled": self.tr("%1 cancelled, %2 refused:"),
        }
        return labels.arg(words[status], moved, refused)

    @Slot()
    def _choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach photos"), "", self.tr("Images (*.jpg *.jpeg *.png)"))
        self.photo_paths += [Path(f) for f in files]
        self.photo_button.setText(labels.arg(self.tr("Photo… (%1)"), len(self.photo_paths))
                                  if self.photo_paths else self.tr("Photo…"))

    def send_feedback(self, text: str | None = None, progress: int | None = None,
                      photos: list[Path] | None = None) -> bool:
        """Append feedback (text, progress, photos) to the selected task; refusals are shown."""
        task = self.selected_task()
        if task is None:
            return False
        text = self.feedback_text.text().strip() if text is None else text
        if progress is None and self.feedback_progress.value() >= 0:
            progress = self.feedback_progress.value()
        photos = self.photo_paths if photos is None else photos
        if not (text or progress is not None or photos):
            return False
        try:
            media = attach_photos(self.session, photos, incident_id=task.get("incident_id"))
            task_service.add_feedback(self.session.store, self.session.operator, task.eid,
                                      text=text or None, progress=progress, media=media or None)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        except OSError as exc:
            self.last_message = show_unreadable(self, exc, self.tr("Nothing was sent."))
            return False
        self.feedback_text.clear()
        self.feedback_progress.setValue(-1)
        self.photo_paths = []
        self.photo_button.setText(self.tr("Photo…"))
        return True

    # ------------------------------------------------------------------ issuing

    def open_issue_form(self, *, assignee: str | None = None) -> IssueTaskDialog:
        """The issue-order form (window-modal, does not block the event loop)."""
        if self.issue_dialog is not None:
            self.issue_dialog.close()
        dialog = IssueTaskDialog(self.session, self, incident_id=self.incident_filter.currentData())
        if assignee is not None:
            dialog.set_assignee(assignee)
        dialog.pickOnMapRequested.connect(self.pickOnMapRequested)
        dialog.accepted.connect(lambda: self._on_issue_accepted(dialog))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.issue_dialog = dialog
        return dialog

    @Slot(float, float)
    def set_picked_location(self, lon: float, lat: float) -> None:
        """The map's click, for the open issue form."""
        if self.issue_dialog is not None and self.issue_dialog.isVisible():
            self.issue_dialog.set_location(lon, lat)

    def _on_issue_accepted(self, dialog: IssueTaskDialog) -> None:
        if dialog.result_form is not None:
            tid = self.issue(dialog.result_form)
            if tid is not None:
                self.select_task(tid)

    def issue(self, form: OrderForm) -> str | None:
        """Write the order; its id, or None when refused (the reason is shown)."""
        try:
            attachments = attach_photos(self.session, form.attachments, incident_id=form.incident_id)
            return task_service.issue_task(
                self.session.store, self.session.operator, title=form.title,
                assignee=form.assignee, assignee_kind=form.assignee_kind,
                incident_id=form.incident_id, priority=form.priority, deadline=form.deadline,
                ack_within_s=form.ack_within_s, geom=form.geom, description=form.description,
                attachments=attachments or None,
            )
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
        except OSError as exc:
            self.last_message = show_unreadable(self, exc, self.tr("The order was not issued."))
        return None

    def show_detail(self) -> None:
        task = self.selected_task()
        if task is None:
            self.detail.setHtml(
                "<p style='color:gray'>" + self.tr("Select a task to see its history and feedback.") + "</p>"
            )
            return
        moment = self.model.store if self.model.replaying else None
        self.detail.setHtml(task_detail_html(self.session, task, moment=moment))
