"""A table of one entity type over the store, kept current row by row from change events.

On each ``ApplyResult`` only the rows whose ``(etype, eid)`` changed are touched: a new record is
inserted, a deleted one removed, a changed one re-read and announced with ``dataChanged`` for
that row alone — never a model reset, so selection, scrolling and sorting survive a sync burst.
Subclasses name their columns and say how a record shows in each.

A burst (a sync session delivers hundreds of changes at once) is worked off ``CHUNK`` records
per turn of the event loop: each record is re-read by id, and the GUI thread never stalls on one
big read of the whole table (``zhijiu bench tasks`` measures it with 100,000 tasks).
"""

from __future__ import annotations

import time
from itertools import islice
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)

from app.store.apply import ApplyResult
from app.store.store import Entity
from ui.session import Session

EntityRole = Qt.ItemDataRole.UserRole + 1  # the Entity of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts the way a person expects
IdRole = Qt.ItemDataRole.UserRole + 3  # the entity id

# Records re-read per turn of the event loop, and the time that may take; the rest of a burst
# waits for the next turn (the GUI stays responsive through a sync of thousands of changes).
CHUNK = 100
BUDGET_S = 0.015

Index = QModelIndex | QPersistentModelIndex


class EntityTableModel(QAbstractTableModel):
    ETYPE = ""
    CONTEXT = ""  # translation context of the column titles
    COLUMNS: tuple[tuple[str, str], ...] = ()  # (key, source title marked with QT_TRANSLATE_NOOP)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.names = session.names
        self._rows: list[Entity] = []
        self._index: dict[str, int] = {}
        self._keys = [key for key, _ in self.COLUMNS]
        self.replaying = False
        self._index_stale = False  # rows moved since _index was built
        self._waiting: dict[str, None] = {}  # ids changed but not re-read yet, in arrival order
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._drain_waiting)
        self._load()
        session.bridge.changed.connect(self._on_store_changed)
        session.names.namesChanged.connect(self._on_names_changed)

    def cleanup(self) -> None:
        self._drain.stop()
        self._waiting.clear()
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.session.names.namesChanged.disconnect(self._on_names_changed)

    # ------------------------------------------------------------------ loading and updating

    def _load(self) -> None:
        self.beginResetModel()
        self._rows = [e for e in self.store.entities(self.ETYPE) if self.accepts(e)]
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._index = {e.eid: i for i, e in enumerate(self._rows)}
        self._index_stale = False

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): the rows as they were at ``moment`` (an ``app.store.moment.Moment``,
        read-only); ``None`` returns to the live store. Live changes wait until then."""
        self.replaying = moment is not None
        self.store = moment if moment is not None else self.session.store
        self._load()

    def accepts(self, entity: Entity) -> bool:
        """Whether a live record of our type belongs in this table at all."""
        return not entity.deleted

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if self.replaying:
            return
        eids = sorted({eid for etype, eid in result.changed if etype == self.ETYPE})
        if not eids:
            return
        self._waiting.update(dict.fromkeys(eids))
        self._drain_waiting()

    @Slot()
    def _drain_waiting(self) -> None:
        """Re-read waiting records for at most BUDGET_S (CHUNK at most); the rest next turn."""
        end = time.perf_counter() + BUDGET_S
        for eid in list(islice(self._waiting, CHUNK)):
            del self._waiting[eid]
            entity = self.store.get(self.ETYPE, eid)
            self._update_row(eid, entity if entity is not None and self.accepts(entity) else None)
            if time.perf_counter() > end:
                break
        if self._waiting:
            self._drain.start()

    def settled(self) -> bool:
        """Every change announced so far is in the rows (nothing waits for the next turn)."""
        return not self._waiting

    def _update_row(self, eid: str, entity: Entity | None) -> None:
        row = self.row_of(eid)
        if entity is None:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self._reindex()
                self.endRemoveRows()
        elif row is None:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n)
            self._rows.append(entity)
            self._index[eid] = n
            self.endInsertRows()
        else:
            self._rows[row] = entity
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    @Slot(set)
    def _on_names_changed(self, etypes: set[str]) -> None:
        columns = [c for c, key in enumerate(self._keys) if self.column_names(key) & etypes]
        if columns and self._rows:
            top, bottom = min(columns), max(columns)
            self.dataChanged.emit(
                self.index(0, top), self.index(len(self._rows) - 1, bottom),
                [Qt.ItemDataRole.DisplayRole],
            )

    def retranslate(self) -> None:
        """Words changed language: every header and cell text is new (the rows are not)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    # ------------------------------------------------------------------ to override

    def column_names(self, key: str) -> set[str]:
        """The entity types whose names this column shows (refreshed when those change)."""
        return set()

    def display(self, entity: Entity, key: str) -> str:
        value = entity.get(key)
        return "" if value is None else str(value)

    def sort_value(self, entity: Entity, key: str) -> Any:
        return self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        """Decoration roles (background, font, tooltip …); None for the default look."""
        return None

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def entity(self, row: int) -> Entity:
        return self._rows[row]

    def row_of(self, eid: str) -> int | None:
        if self._index_stale:
            self._reindex()
        return self._index.get(eid)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entity = self._rows[index.row()]
        key = self._keys[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(entity, key)
        if role == SortRole:
            return self.sort_value(entity, key)
        if role == EntityRole:
            return entity
        if role == IdRole:
            return entity.eid
        return self.extra(entity, key, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None


def select_row(table: Any, model: EntityTableModel, eid: str) -> bool:
    """Select and show the row of ``eid`` in ``table`` (a view over a sort/filter proxy of
    ``model``); False when the record is not in the model or the filter hides it."""
    row = model.row_of(eid)
    if row is None:
        return False
    index = table.model().mapFromSource(model.index(row, 0))
    if not index.isValid():
        return False
    table.selectRow(index.row())
    table.scrollTo(index)
    return True


def selected_entity_ids(table: Any) -> list[str]:
    """The ids of the rows selected in ``table``, in selection order."""
    entities = (index.data(EntityRole) for index in table.selectionModel().selectedRows())
    return [e.eid for e in entities if e is not None]
