"""The tasks table (任务跟踪) and its filter by incident, status and assignee; overdue rows stand out.

Overdue means open with the deadline passed (``app.domain.task.is_overdue``). Time moves without
any change in the store, so a timer re-checks every half minute; the deadlines still to come wait
in a heap, so a check touches only the rows whose deadline has just passed, not every row.

The rows are kept sorted by the model itself (``sort``): one Python sort of cached keys, instead
of the proxy's C++ sort calling back into Python for every comparison (seconds for 100,000
tasks). Each row's key is ``(value, id)``, unique, so a row is found by bisection and a new or
re-keyed record goes straight to its place (remove + insert of one row); the filter proxy on top
only filters. ``zhijiu bench tasks`` measures it.

A plan line issued twice (two posts declaring a level at once, ``plans.duplicate_plan_tasks``)
shows its duplicates greyed, in italics, with a tool tip that says so: they count once on the
board. The plan tasks are few, so each line's duplicates are worked out again when one changes.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
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
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain import task as task_rules
from app.services.common import now_ms
from app.services.plans import duplicate_plan_tasks
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityRole, EntityTableModel, SortRole
from ui.session import Session

OVERDUE_BACKGROUND = QColor(255, 214, 214)
OVERDUE_FOREGROUND = QColor(140, 0, 0)
DUPLICATE_FOREGROUND = QColor(128, 128, 128)
PRIORITY_RANK = {code: i for i, code in enumerate(task_rules.PRIORITIES)}
RECHECK_MS = 30_000
_ABSENT = object()


class TaskTableModel(EntityTableModel):
    planLinesChanged = Signal()  # a plan task came, went or changed: its line's duplicates may have

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
        bold = QFont()
        bold.setBold(True)
        self._overdue_look: dict[int, Any] = {  # made once: a paint asks for them cell by cell
            Qt.ItemDataRole.BackgroundRole: QBrush(OVERDUE_BACKGROUND),
            Qt.ItemDataRole.ForegroundRole: QBrush(OVERDUE_FOREGROUND),
            Qt.ItemDataRole.FontRole: bold,
        }
        italic = QFont()
        italic.setItalic(True)
        self._duplicate_look: dict[int, Any] = {
            Qt.ItemDataRole.ForegroundRole: QBrush(DUPLICATE_FOREGROUND),
            Qt.ItemDataRole.FontRole: italic,
        }
        self._lines: dict[str, dict[str, Entity]] = {}  # plan_key -> its tasks by id
        self._line_of: dict[str, str] = {}  # task id -> its plan_key
        self._duplicates: set[str] = set()
        self._due: list[tuple[int, str]] = []  # heap: (deadline, id) of open tasks not overdue yet
        self._checked_at = 0  # the clock at the last overdue check
        self._sort_column = 4  # deadline: open orders first, the most overdue on top
        self._descending = False
        self._sorted_keys: list[Any] = []  # parallel to _rows, ascending in the current order
        # id -> its row's sort value (the key is the value and the id). Not the key tuples: a
        # dict holding only those is untracked by the garbage collector, and tracked again in
        # its youngest generation by every insert, so each young collection walked all 100,000
        # (5-15 ms, a sync burst's longest stall)
        self._value_of: dict[str, Any] = {}
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

    def _prepare_rows(self, rows: list[Entity]) -> Any:
        """The rows in order with their keys, and their overdue state (on the reader thread for
        a big table: no Qt here)."""
        order = (self._sort_column, self._descending)
        return order, self._arranged(rows), self._overdue_of(rows), _plan_lines(rows)

    def _install(self, prepared: Any) -> None:
        order, arranged, overdue, lines = prepared
        if order != (self._sort_column, self._descending):  # sorted otherwise meanwhile
            arranged = self._arranged(arranged[0])
        self._rows, self._sorted_keys, self._value_of = arranged
        self._overdue, self._due, self._checked_at = overdue
        self._lines, self._line_of, self._duplicates = lines

    # ------------------------------------------------------------------ duplicate plan tasks

    def _track_plan_line(self, eid: str, entity: Entity | None) -> set[str]:
        """Keep the plan lines current for a changed task; the other tasks whose duplicate
        state flipped (a new first one, or a duplicate left alone)."""
        old = self._line_of.pop(eid, None)
        new = entity.get("plan_key") if entity is not None else None
        new = new if isinstance(new, str) else None
        if old is None and not new:
            return set()
        flipped: set[str] = set()
        # the line it leaves first: its pass must not see the id already marked in the new one
        for key in dict.fromkeys(k for k in (old, new) if k):
            line = self._lines.setdefault(key, {})
            before = self._duplicates.intersection(line)
            line.pop(eid, None)
            if key == new and entity is not None:
                line[eid] = entity
                self._line_of[eid] = key
            after = duplicate_plan_tasks(line.values())
            self._duplicates.difference_update(before)
            self._duplicates.update(after)
            flipped |= before ^ after
            if not line:
                del self._lines[key]
        self.planLinesChanged.emit()
        flipped.discard(eid)  # its own row is announced anyway
        return flipped

    def duplicate_ids(self) -> set[str]:
        return set(self._duplicates)

    def own_open_duplicates(self, post_id: str) -> list[str]:
        """This post's duplicate plan tasks not cancelled yet (what ``retire_duplicates`` cancels)."""
        out = []
        for eid in self._duplicates:
            key = self._line_of.get(eid)
            entity = self._lines.get(key, {}).get(eid) if key else None
            if entity is not None and entity.get("issuer") == post_id and entity.get("status") != "cancelled":
                out.append(eid)
        return sorted(out)

    def _find_overdue(self) -> None:
        """Every row's overdue state afresh, and the heap of deadlines still to come."""
        self._overdue, self._due, self._checked_at = self._overdue_of(self._rows)

    def _overdue_of(self, rows: list[Entity]) -> tuple[set[str], list[tuple[int, str]], int]:
        """The overdue ones among ``rows``, the heap of the deadlines still to come, and now."""
        now = self.clock()
        overdue: set[str] = set()
        due: list[tuple[int, str]] = []
        is_open = task_rules.OPEN.__contains__
        for e in rows:
            d = e.data
            deadline = d.get("deadline")
            if isinstance(deadline, int) and is_open(d.get("status")):
                if deadline < now:
                    overdue.add(e.eid)
                else:
                    due.append((deadline, e.eid))
        heapq.heapify(due)
        return overdue, due, now

    def _watch_deadline(self, entity: Entity) -> None:
        """An open task not overdue yet: its deadline goes on the heap (stale entries of the
        same task are skipped when they come up)."""
        d = entity.data
        deadline = d.get("deadline")
        if isinstance(deadline, int) and deadline >= self._checked_at and d.get("status") in task_rules.OPEN:
            heapq.heappush(self._due, (deadline, entity.eid))
            if len(self._due) > 2 * len(self._rows) + 1024:  # mostly stale: rebuild
                self._due = [(int(e.data["deadline"]), e.eid) for e in self._rows
                             if e.eid not in self._overdue and isinstance(e.get("deadline"), int)
                             and e.get("status") in task_rules.OPEN]
                self._due.append((deadline, entity.eid))  # its row may not hold it yet
                heapq.heapify(self._due)

    # ------------------------------------------------------------------ order

    def _key(self, entity: Entity) -> Any:
        key = (self.sort_value(entity, self._keys[self._sort_column]), entity.eid)
        return _Descending(key) if self._descending else key

    def _arranged(self, rows: list[Entity]) -> tuple[list[Entity], list[Any], dict[str, Any]]:
        """``rows`` in the current order (one Python sort of plain keys), their keys, and each
        id's sort value. No ``_index``: this model finds a row by bisection of its key
        (``row_of``)."""
        column = self._keys[self._sort_column]
        sort_value = self.sort_value
        keys = [(sort_value(e, column), e.eid) for e in rows]
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=self._descending)
        ordered = [rows[i] for i in order]
        if self._descending:
            sorted_keys: list[Any] = [_Descending(keys[i]) for i in order]
        else:
            sorted_keys = [keys[i] for i in order]
        return ordered, sorted_keys, {e.eid: key[0] for e, key in zip(rows, keys, strict=True)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder every row by one column (the view's header; the proxy forwards it here)."""
        if not 0 <= column < len(self.COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending) and self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[i.row()].eid, i.column()) for i in persistent]
        self._sort_column, self._descending = column, descending
        self._rows, self._sorted_keys, self._value_of = self._arranged(self._rows)
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of(eid) or 0, c) for eid, c in held])
        self.layoutChanged.emit()
        self._out_of_collectors_sight()

    def row_of(self, eid: str) -> int | None:
        value = self._value_of.get(eid, _ABSENT)
        if value is _ABSENT:
            return None
        key = (value, eid)
        return bisect_left(self._sorted_keys, _Descending(key) if self._descending else key)

    def _update_row(self, eid: str, entity: Entity | None) -> None:
        for other in self._track_plan_line(eid, entity):
            self._announce(other)
        if entity is not None and self.is_overdue(entity):
            self._overdue.add(eid)
        else:
            self._overdue.discard(eid)
            if entity is not None:
                self._watch_deadline(entity)
        row = self.row_of(eid)
        key = self._key(entity) if entity is not None else None
        if row is not None and entity is not None and key == self._sorted_keys[row]:
            self._rows[row] = entity  # still in its place: that row alone is announced
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
            return
        if row is not None:  # gone, or moving to another place: out of this one
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self._sorted_keys[row], self._value_of[eid]
            self._index_stale = True
            self.endRemoveRows()
        if entity is not None:
            at = bisect_left(self._sorted_keys, key)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, entity)
            self._sorted_keys.insert(at, key)
            plain = key.key if isinstance(key, _Descending) else key
            self._value_of[eid] = plain[0]
            self._index_stale = True
            self.endInsertRows()

    @Slot()
    def recheck_overdue(self) -> None:
        """Announce the rows that became overdue with the passing of time: those whose deadline,
        first on the heap, has passed since the last check."""
        now = self.clock()
        if now < self._checked_at:  # the clock went back: every row afresh
            before = self._overdue
            self._find_overdue()
            for eid in before ^ self._overdue:
                self._announce(eid)
            return
        self._checked_at = now
        due, overdue = self._due, self._overdue
        while due and due[0][0] < now:
            _deadline, eid = heapq.heappop(due)
            row = self.row_of(eid)
            if row is None or eid in overdue or not task_rules.is_overdue(self._rows[row].data, now):
                continue  # gone, already overdue, or a stale entry (finished, deadline moved)
            overdue.add(eid)
            self._announce(eid)

    def _announce(self, eid: str) -> None:
        row = self.row_of(eid)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def overdue_ids(self) -> set[str]:
        return set(self._overdue)

    def is_overdue_id(self, eid: str) -> bool:
        return eid in self._overdue  # no copy: the filter asks once per row

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
        duplicate = entity.eid in self._duplicates
        if role == Qt.ItemDataRole.ToolTipRole:
            if duplicate:
                return QCoreApplication.translate(
                    "TaskTableModel", "Duplicate plan task: another post issued this plan line first; "
                    "it counts once.")
            if entity.eid in self._overdue:
                return labels.arg(QCoreApplication.translate(
                    "TaskTableModel", "Overdue: the deadline %1 has passed and the task is still open."
                ), labels.local_time(entity.get("deadline")))
            if key == "title" and entity.get("description"):
                return str(entity.get("description"))
            return None
        if duplicate:  # it does not count: greyed, not red even when late
            return self._duplicate_look.get(role)
        if entity.eid not in self._overdue:
            return None
        return self._overdue_look.get(role)


def _plan_lines(rows: list[Entity]) -> tuple[dict[str, dict[str, Entity]], dict[str, str], set[str]]:
    """The plan tasks among ``rows`` by line, each one's line, and the duplicates."""
    lines: dict[str, dict[str, Entity]] = {}
    line_of: dict[str, str] = {}
    for e in rows:
        key = e.get("plan_key")
        if key and isinstance(key, str):
            lines.setdefault(key, {})[e.eid] = e
            line_of[e.eid] = key
    duplicates: set[str] = set()
    for line in lines.values():
        if len(line) > 1:
            duplicates |= duplicate_plan_tasks(line.values())
    return lines, line_of, duplicates


class _Descending:
    """A sort key in reverse: the rows stay in ascending order of these."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.key < self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.key == other.key

    __hash__ = None  # type: ignore[assignment]


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
        self._answers: list[bool] | None = None  # every row's answer, while the filter changes
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
        if mine is None:  # whose they are does not matter: nothing else does either
            post_id, my_units = "", frozenset()
        if (mine, post_id, my_units) == (self._mine, self._post_id, self._my_units):
            return

        def change() -> None:
            self._mine, self._post_id, self._my_units = mine, post_id, my_units

        self._refilter(change)

    def _set(self, name: str, value: str | None) -> None:
        if getattr(self, name) != value:
            self._refilter(lambda: setattr(self, name, value))

    def _refilter(self, change: Callable[[], object]) -> None:
        """Apply ``change`` to the filter and filter every row again. The answers for all rows
        are worked out first in one pass over the model's records, so the proxy's call per row
        only looks one up (100,000 rows: a fraction of the time)."""
        self.beginFilterChange()
        change()
        model = self.sourceModel()
        if isinstance(model, TaskTableModel):
            accepts = self._accepts
            self._answers = [accepts(model, e) for e in model._rows]
        try:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        finally:
            self._answers = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The task model keeps its own order (one Python sort, not a comparison per call)."""
        model = self.sourceModel()
        if isinstance(model, TaskTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:
        """A cell's roles in one call (the proxy's own would call the model once per role)."""
        model = self.sourceModel()
        if isinstance(model, EntityTableModel):
            model.fill_roles(self.mapToSource(index), roleDataSpan)
        else:
            super().multiData(index, roleDataSpan)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        answers = self._answers
        if answers is not None and source_row < len(answers):
            return answers[source_row]
        if self._incident is self._status is self._assignee is self._mine is None:
            return True  # no filter: every row, without a look at it
        model = self.sourceModel()
        if isinstance(model, TaskTableModel):  # straight to the record: no round trip through Qt
            entity: Entity | None = model._rows[source_row] if source_row < len(model._rows) else None
        else:
            entity = model.index(source_row, 0, source_parent).data(EntityRole)
        return entity is not None and self._accepts(model, entity)

    def _accepts(self, model: Any, entity: Entity) -> bool:
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
            return isinstance(model, TaskTableModel) and model.is_overdue_id(entity.eid)
        return self._status is None or d.get("status") == self._status
