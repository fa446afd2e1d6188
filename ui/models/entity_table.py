"""A table of one entity type over the store, kept current row by row from change events.

On each ``ApplyResult`` only the rows whose ``(etype, eid)`` changed are touched: a new record is
inserted, a deleted one removed, a changed one re-read and announced with ``dataChanged`` for
that row alone — never a model reset, so selection, scrolling and sorting survive a sync burst.
Subclasses name their columns and say how a record shows in each.

A change passes three stages, each coalescing repeats of the same id (the newest read wins):

* waiting: changed, not read yet. A few (``INLINE_MAX``, what a local write makes) are read at
  once on the GUI thread, so what the operator did shows before ``write`` returns; more (a sync
  burst) are read in one query per 500 ids (``Store.get_many``) on a reader thread.
* ready: read, not in the rows yet. Applied in arrival order for at most ``BUDGET_S`` per turn of
  the event loop, the rest on the next turn: the GUI thread never stalls on a burst. A read that
  comes back waits for that turn too, so the paint of the last put-in goes first.
* a read that comes back for an id changed again meanwhile is dropped (a newer read follows).

A big table (``BACKGROUND_LOAD_MIN`` records or more) loads on the reader thread too: it shows
empty (``loading``) and fills with one reset when the records are read and ordered; changes that
arrive meanwhile wait and are read after. ``zhijiu bench tasks`` measures it with 100,000 tasks.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from app.foreground import FOREGROUND
from app.store.apply import ApplyResult
from app.store.store import Entity, Store
from ui.session import Session

log = logging.getLogger(__name__)

EntityRole = Qt.ItemDataRole.UserRole + 1  # the Entity of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts the way a person expects
IdRole = Qt.ItemDataRole.UserRole + 3  # the entity id

# Changed records read at once on the GUI thread (a local write); more go to the reader thread.
INLINE_MAX = 16
# Time the GUI thread spends putting read records into the rows per turn of the event loop; the
# rest of a burst waits for the next turn (the GUI stays responsive through a sync burst).
BUDGET_S = 0.008

# A table of at least this many live records loads on the reader thread (the window stays
# responsive while 100,000 tasks are read and ordered); a smaller one loads at once, as before.
BACKGROUND_LOAD_MIN = 5000

# One reader thread for every table: reads are short, and SQLite serves one at a time anyway.
_READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zhijiu-table-reader")


class _ReadDone(QObject):
    """Carries a reader thread's records back to the GUI thread (a queued signal)."""

    done = Signal(object)  # (generation, ids, {id: Entity})
    loaded = Signal(object)  # (generation, the table's records, prepared)


def _read(store: Store, etype: str, ids: list[str], generation: int, reply: _ReadDone) -> None:
    """On the reader thread: the records of ``ids``, handed back through ``reply``."""
    try:
        found: dict[str, Entity] | None = store.get_many(etype, ids)
    except Exception:  # the store closed under us, or a read failed: the table re-reads later
        log.exception("reading %d changed %s records failed", len(ids), etype)
        found = None
    with contextlib.suppress(RuntimeError):  # the table is gone
        reply.done.emit((generation, ids, found))

def _load(prepare: Any, store: Store, generation: int, reply: _ReadDone) -> None:
    """On the reader thread: every record of a table, prepared (read and ordered)."""
    try:
        prepared = prepare(store)
    except Exception:  # the GUI thread reads them itself
        log.exception("loading a table in the background failed")
        prepared = None
    with contextlib.suppress(RuntimeError):  # the table is gone
        reply.loaded.emit((generation, prepared))


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
        self.loading = False  # records being read on the reader thread; the rows are empty
        self._index_stale = False  # rows moved since _index was built
        self._waiting: dict[str, None] = {}  # ids changed but not read yet, in arrival order
        self._reading: list[str] | None = None  # ids the reader thread is reading now
        self._ready: dict[str, Entity | None] = {}  # read, not in the rows yet (None: leaves)
        self._generation = 0  # a reload makes every read in flight stale
        self._reply = _ReadDone()
        self._reply.done.connect(self._on_read)
        self._reply.loaded.connect(self._on_loaded)
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._drain_ready)
        self._load()
        session.bridge.changed.connect(self._on_store_changed)
        session.names.namesChanged.connect(self._on_names_changed)

    def cleanup(self) -> None:
        self._drain.stop()
        self._waiting.clear()
        self._ready.clear()
        self._generation += 1
        self._reply.done.disconnect(self._on_read)
        self._reply.loaded.disconnect(self._on_loaded)
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.session.names.namesChanged.disconnect(self._on_names_changed)

    # ------------------------------------------------------------------ loading and updating

    def _load(self) -> None:
        self._forget_changes()
        if not self.replaying and self.store.count(self.ETYPE) >= BACKGROUND_LOAD_MIN:
            self.loading = True
            self.beginResetModel()
            self._install(self._prepare_rows([]))
            self.endResetModel()
            _READER.submit(_load, self._prepare, self.store, self._generation, self._reply)
            return
        self.loading = False
        prepared = self._prepare(self.store)
        self.beginResetModel()
        self._install(prepared)
        self.endResetModel()

    @Slot(object)
    def _on_loaded(self, reply: tuple[int, Any]) -> None:
        FOREGROUND.busy()  # the sync workers wait meanwhile
        generation, prepared = reply
        if generation != self._generation:
            return  # a newer load is under way
        self.loading = False
        self.beginResetModel()
        self._install(prepared if prepared is not None else self._prepare(self.store))
        self.endResetModel()
        self._out_of_collectors_sight()
        self._read_waiting()  # what changed meanwhile

    def _out_of_collectors_sight(self) -> None:
        """The rows just made (a big table's load, a re-sort) live as long as the table: frozen,
        a full collection no longer walks 100,000 of them (0.4 s at first, the longest stall of
        a sync burst; 15 ms after a re-sort), the GUI thread holding or waiting for the
        interpreter meanwhile. They are freed by reference counts as ever; young garbage cycles
        are collected first, not frozen with them."""
        if len(self._rows) >= BACKGROUND_LOAD_MIN:
            gc.collect(1)
            gc.freeze()

    def _prepare(self, store: Any) -> Any:
        """Every record of the table, ready to ``_install``. May run on the reader thread: it
        reads the store and Python state only, never Qt."""
        return self._prepare_rows([e for e in store.entities(self.ETYPE) if self.accepts(e)])

    def _prepare_rows(self, rows: list[Entity]) -> Any:
        return rows

    def _install(self, prepared: Any) -> None:
        """Take prepared records as the rows (between a model reset's begin and end)."""
        self._rows = prepared
        self._reindex()

    def _forget_changes(self) -> None:
        """A full load reads everything afresh: changes waiting or in flight are moot."""
        self._generation += 1
        self._waiting.clear()
        self._ready.clear()
        self._reading = None

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
        for eid in eids:
            self._ready.pop(eid, None)  # a newer read follows
            self._waiting.pop(eid, None)  # to the end: arrival order
            self._waiting[eid] = None
        if self.loading:
            return  # read once the load is in: it may have read them before they changed
        if self._reading is None and not self._ready and len(self._waiting) <= INLINE_MAX:
            ids = list(self._waiting)
            self._waiting.clear()
            self._take(ids, self.store.get_many(self.ETYPE, ids))
            self._drain_ready()
        else:
            self._read_waiting()

    def _read_waiting(self) -> None:
        """Hand the waiting ids to the reader thread, unless it is reading for us already."""
        if self._reading is not None or not self._waiting or self.loading:
            return
        self._reading = list(self._waiting)
        self._waiting.clear()
        _READER.submit(_read, self.session.store, self.ETYPE, self._reading, self._generation, self._reply)

    @Slot(object)
    def _on_read(self, reply: tuple[int, list[str], dict[str, Entity] | None]) -> None:
        FOREGROUND.busy()  # the sync workers wait meanwhile
        generation, ids, found = reply
        if generation != self._generation:
            return  # read before a reload
        self._reading = None
        if found is None:  # the read failed: try these again with the next change, not now
            for eid in ids:
                self._waiting.setdefault(eid, None)
            return
        self._take([eid for eid in ids if eid not in self._waiting], found)
        self._read_waiting()
        # on the drain's turn, not now: the paint of the last put-in, waiting since, goes first
        self._drain.start()

    def _take(self, ids: list[str], found: dict[str, Entity]) -> None:
        for eid in ids:
            entity = found.get(eid)
            self._ready[eid] = entity if entity is not None and self.accepts(entity) else None

    @Slot()
    def _drain_ready(self) -> None:
        """Put read records into the rows for at most BUDGET_S; the rest next turn."""
        FOREGROUND.busy()  # the sync workers wait meanwhile
        end = time.perf_counter() + BUDGET_S
        ready = self._ready
        for eid in list(ready):
            self._update_row(eid, ready.pop(eid))
            if time.perf_counter() > end:
                break
        if ready:
            self._drain.start()

    def settled(self) -> bool:
        """The rows are loaded and every change announced so far is in them (nothing waits to be
        read or shown)."""
        return not self.loading and not self._waiting and self._reading is None and not self._ready

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

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        self.fill_roles(index, roleDataSpan)

    def fill_roles(self, index: Index, roles: Any) -> None:
        """Every role a view paints a cell with, in one call into Python rather than one per role
        (about seven): a paint stays short while a sync thread wants the interpreter too.
        ``roles`` is a ``QModelRoleDataSpan``; a proxy over this model forwards here."""
        row = index.row() if index.isValid() else -1
        entity = self._rows[row] if 0 <= row < len(self._rows) else None
        key = self._keys[index.column()] if entity is not None else ""
        for i in range(len(roles)):
            slot = roles[i]
            role = slot.role()
            value: Any
            if entity is None:
                value = None
            elif role == Qt.ItemDataRole.DisplayRole:
                value = self.display(entity, key)
            elif role == SortRole:
                value = self.sort_value(entity, key)
            elif role == EntityRole:
                value = entity
            elif role == IdRole:
                value = entity.eid
            else:
                value = self.extra(entity, key, role)
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

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
