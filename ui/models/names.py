"""Names of the things other records point to: units, posts and incidents by id, cached.

A task says ``assignee: <unit id>``; the table shows the unit's name. Names are looked up once
and looked up again when the named record changes; a renamed team shows its new name everywhere
(``namesChanged``), while a change that keeps every shown name announces nothing.

During replay (复盘) the book reads the moment shown (``show_moment``): a team renamed since shows
the name it had then (a record that did not exist yet keeps its present name). The replay
controller tells the book first, so the views redraw with the moment's names.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.store.apply import ApplyResult
from app.store.store import Entity, Store
from ui.bridge import StoreBridge

NAMED = {"unit": "name", "post": "name", "incident": "title", "feature": "name", "task": "title"}
CACHED = frozenset({"unit", "post", "incident"})


class NameBook(QObject):
    namesChanged = Signal(set)  # the entity types whose names changed

    def __init__(self, store: Store, bridge: StoreBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bridge: StoreBridge | None = bridge
        self._cache: dict[tuple[str, str], str] = {}
        self._moment: Any = None  # app.store.moment.Moment while replaying
        self._moment_cache: dict[tuple[str, str], str] = {}
        bridge.changed.connect(self._on_store_changed)

    @Slot(object)
    def show_moment(self, moment: Any) -> None:
        """Names as they were at ``moment`` (a ``Moment``); None: the store's names again."""
        if moment is None and self._moment is None:
            return
        self._moment = moment
        self._moment_cache = {}
        self.namesChanged.emit(set(CACHED))

    def cleanup(self) -> None:
        if self._bridge is not None:
            self._bridge.changed.disconnect(self._on_store_changed)
            self._bridge = None

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        """Announce the types whose shown names changed. Only names shown so far (cached) can be
        stale, and most changes of a named record are not renames (a team moves, a post's link
        comes and goes): announcing those would make every table refresh every row for nothing
        (100,000 task rows: a stall of a tenth of a second at each team's move)."""
        touched: dict[str, list[str]] = {}
        for etype, eid in result.changed:
            if (etype, eid) in self._cache:
                touched.setdefault(etype, []).append(eid)
        renamed: set[str] = set()
        for etype, eids in touched.items():
            found = self._store.get_many(etype, eids)  # one read for the batch
            for eid in eids:
                label = self._label(etype, eid, found.get(eid))
                if self._cache.get((etype, eid)) != label:
                    renamed.add(etype)
                self._cache[(etype, eid)] = label
        if renamed:
            self.namesChanged.emit(renamed)

    @staticmethod
    def _label(etype: str, eid: str, entity: Entity | None) -> str:
        # a record not here (yet) shows as a short id; when it arrives from a peer its key is in
        # the change event, which replaces this entry, so caching the short form is safe too
        return str(entity.get(NAMED.get(etype, "name")) or eid[:8]) if entity else eid[:8]

    def name(self, etype: str, eid: Any) -> str:
        """The record's name, or a short form of its id while the record is not here (yet)."""
        if not isinstance(eid, str) or not eid:
            return ""
        key = (etype, eid)
        if self._moment is not None:
            then = self._moment_cache.get(key)
            if then is None:
                entity = self._moment.get(etype, eid)
                then = str(entity.get(NAMED.get(etype, "name")) or "") if entity else ""
                self._moment_cache[key] = then
            if then:
                return then
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        label = self._label(etype, eid, self._store.get(etype, eid))
        if etype in CACHED:
            self._cache[key] = label
        return label

    def unit(self, eid: Any) -> str:
        return self.name("unit", eid)

    def post(self, eid: Any) -> str:
        return self.name("post", eid)

    def incident(self, eid: Any) -> str:
        return self.name("incident", eid)

    def assignee(self, task: dict[str, Any]) -> str:
        kind = "post" if task.get("assignee_kind") == "post" else "unit"
        return self.name(kind, task.get("assignee"))

    def origin_post(self, origin: str) -> str:
        """The post that wrote an op, from its origin ``<post id>.<epoch>``."""
        return self.post(origin.partition(".")[0])
