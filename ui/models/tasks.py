"""The tasks table (任务跟踪) and its filter by incident, status and assignee; overdue rows stand out.

Overdue means open with the deadline passed (``app.domain.task.is_overdue``). Time moves without
any change in the store, so a timer re-checks the open tasks every half minute and announces only
the rows whose overdue state flipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain import task as task_rules
from app.services.common import now_ms
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityRole, EntityTableModel, SortRole
from ui.session import Session

OVERDUE_BACKGROUND = QColor(255, 214, 214)
OVERDUE_FOREGROUND = QColor(140, 0, 0)
PRIORITY_RANK = {code: i for i, code in enumerate(task_rules.PRIORITIES)}
RECHECK_MS = 30_000


class TaskTableModel(EntityTableModel):
    ETYPE = "task"
    CONTEXT = "TaskTableModel"
    COLUMNS = (
        ("title", QT_TRANSLATE_NOOP("TaskTableModel", "Task")),
        ("status", QT_TRANSLATE_NOOP("TaskTableModel", "Status")),
        ("priority", QT_TRANSLATE_NOOP("TaskTableModel", "Priority")),
        ("assignee", QT_TRANSLATE_NOOP("TaskTableModel", "Assigned to")),
        ("deadline", QT_TRANSLATE_NOOP("TaskTableModel", "Deadline")),
        ("issuer", QT_TRANSLATE_NOOP("TaskTableModel", "Issued by")),
        ("incident", QT_TRANSLATE_NOOP("TaskTableModel", "Incident")),
    )

    def __init__(
        self,
        session: Session,
        parent: QObject | None = None,
        *,
        clock: Callable[[], int] = now_ms,
        recheck_ms: int = RECHECK_MS,
    ) -> None:
        self.clock = clock
        self._live_clock = clock
        self._overdue: set[str] = set()
        super().__init__(session, parent)
        self._timer = QTimer(self)
        self._timer.setInterval(recheck_ms)
        self._timer.timeout.connect(self.recheck_overdue)
        self._timer.start()

    def cleanup(self) -> None:
        self._timer.stop()
        super().cleanup()

    def show_moment(self, moment: Any | None) -> None:
        """Replay: overdue as it was at the moment shown."""
        if moment is not None:
            self.clock = lambda: int(moment.at_ms)
        else:
            self.clock = self._live_clock
        super().show_moment(moment)

    # ------------------------------------------------------------------ overdue

    def is_overdue(self, entity: Entity) -> bool:
        return task_rules.is_overdue(entity.data, self.clock())

    def _load(self) -> None:
        super()._load()
        self._overdue = {e.eid for e in self._rows if self.is_overdue(e)}

    def _update_row(self, eid: str, entity: Entity | None) -> None:
        if entity is not None and self.is_overdue(entity):
            self._overdue.add(eid)
        else:
            self._overdue.discard(eid)
        super()._update_row(eid, entity)

    @Slot()
    def recheck_overdue(self) -> None:
        """Announce the rows whose overdue state changed with the passing of time."""
        now = self.clock()
        for row, entity in enumerate(self._rows):
            overdue = task_rules.is_overdue(entity.data, now)
            if overdue != (entity.eid in self._overdue):
                (self._overdue.add if overdue else self._overdue.discard)(entity.eid)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def overdue_ids(self) -> set[str]:
        return set(self._overdue)

    # ------------------------------------------------------------------ cells

    def column_names(self, key: str) -> set[str]:
        return {"assignee": {"unit", "post"}, "issuer": {"post"}, "incident": {"incident"}}.get(
            key, set()
        )

    def display(self, entity: Entity, key: str) -> str:
        d = entity.data
        if key == "status":
            return labels.TASK_STATUS(d.get("status"))
        if key == "priority":
            return labels.PRIORITY(d.get("priority"))
        if key == "assignee":
            return self.names.assignee(d)
        if key == "deadline":
            return labels.short_time(d.get("deadline"))
        if key == "issuer":
            post = self.names.post(d.get("issuer"))
            return f"{post} · {entity.created_by}" if entity.created_by else post
        if key == "incident":
            return self.names.incident(d.get("incident_id"))
        return str(d.get(key) or "")

    def sort_value(self, entity: Entity, key: str) -> Any:
        d = entity.data
        if key == "status":
            return task_rules.STATUSES.index(d["status"]) if d.get("status") in task_rules.STATUSES else 99
        if key == "priority":
            return PRIORITY_RANK.get(d.get("priority", "normal"), 99)
        if key == "deadline":
            # open orders first, soonest (most overdue) on top; finished ones after; none last
            deadline = d.get("deadline")
            finished = d.get("status") not in task_rules.OPEN
            return (int(finished) << 50) | (deadline if isinstance(deadline, int) else (1 << 49))
        return self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if entity.eid in self._overdue:
                return labels.arg(QCoreApplication.translate(
                    "TaskTableModel", "Overdue: the deadline %1 has passed and the task is still open."
                ), labels.local_time(entity.get("deadline")))
            if key == "title" and entity.get("description"):
                return str(entity.get("description"))
            return None
        if entity.eid not in self._overdue:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


OPEN = "open"
OVERDUE = "overdue"
BY_ME = "by_me"  # issued by this post
TO_ME = "to_me"  # assigned to this post or a team it commands


class TaskFilterProxy(QSortFilterProxyModel):
    """Rows of the tasks table for one incident, status (or open / overdue), assignee, and
    whose they are (issued by this post / assigned to it or its teams)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._incident: str | None = None
        self._status: str | None = None
        self._assignee: str | None = None
        self._mine: str | None = None
        self._post_id = ""
        self._my_units: frozenset[str] = frozenset()
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_incident(self, incident_id: str | None) -> None:
        self._set("_incident", incident_id)

    def set_status(self, status: str | None) -> None:
        """A task status code, ``"open"`` (not finished) or ``"overdue"``; None for all."""
        self._set("_status", status)

    def set_assignee(self, assignee: str | None) -> None:
        self._set("_assignee", assignee)

    def set_mine(self, mine: str | None, post_id: str = "", my_units: frozenset[str] = frozenset()) -> None:
        """``"by_me"``, ``"to_me"`` (this post or the teams in ``my_units``) or None for all."""
        if (mine, post_id, my_units) == (self._mine, self._post_id, self._my_units):
            return
        self.beginFilterChange()
        self._mine, self._post_id, self._my_units = mine, post_id, my_units
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _set(self, name: str, value: str | None) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        entity: Entity = model.index(source_row, 0, source_parent).data(EntityRole)
        if entity is None:
            return False
        d = entity.data
        if self._incident is not None and d.get("incident_id") != self._incident:
            return False
        if self._assignee is not None and d.get("assignee") != self._assignee:
            return False
        if self._mine == BY_ME and d.get("issuer") != self._post_id:
            return False
        if self._mine == TO_ME and d.get("assignee") != self._post_id \
                and d.get("assignee") not in self._my_units:
            return False
        if self._status == OPEN:
            return d.get("status") in task_rules.OPEN
        if self._status == OVERDUE:
            return isinstance(model, TaskTableModel) and entity.eid in model.overdue_ids()
        return self._status is None or d.get("status") == self._status
