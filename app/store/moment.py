"""A past moment read like the store: ``get`` and ``entities`` over a replayed state.

Views built for the live store (the board's figures, the map's items, the task table) read a
``Moment`` during replay (复盘) without knowing the difference; it is read-only by having no
write methods at all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from app.domain import SPECS
from app.store.merge import EntityState
from app.store.replay import ReplayState
from app.store.store import Entity


def entity_of(st: EntityState) -> Entity:
    spec = SPECS[st.etype]
    values = st.values()
    incident = values.get(spec.incident_field) if spec.incident_field else None
    created = st.created or (0, "", "")
    return Entity(
        etype=st.etype,
        eid=st.eid,
        data=values,
        deleted=st.deleted,
        conflicted=any(len(fs.heads) > 1 for fs in st.fields.values()),
        incident_id=incident if isinstance(incident, str) else None,
        created_hlc=created[0],
        created_origin=created[1],
        created_by=created[2],
        updated_hlc=st.updated,
    )


class Moment:
    """The entities as they were at ``state.at``; entities are made on first read."""

    def __init__(
        self,
        state: ReplayState,
        at_ms: int,
        *,
        cache: dict[int, tuple[EntityState, Entity]] | None = None,
        fresh: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
        changed: set[tuple[str, str]] | frozenset[tuple[str, str]] | None = None,
        base: Any = None,
    ) -> None:
        """``cache`` keeps the entities of states that checkpoints share between jumps (by the
        state's identity); ``fresh`` names the states made for this moment alone, ``changed``
        every entity merged since ``base`` (default: the fresh ones)."""
        self.state = state
        self._cache = cache
        self.fresh = fresh
        self.changed = fresh if changed is None else changed
        self.base = base  # the checkpoint this moment was rebuilt from (None: from the start)
        self.at_ms = at_ms  # the wall-clock moment shown (for overdue and valid periods)
        self._by_type_made: dict[str, list[tuple[str, str]]] | None = None
        self._sorted: set[str] = set()
        self._made: dict[tuple[str, str], Entity] = {}

    def _keys(self, etype: str | None) -> list[tuple[str, str]]:
        """The keys of one type (or all), sorted; grouped by type on the first listing and
        sorted per type when first asked (a jump that only reads by key never pays for it)."""
        if self._by_type_made is None:
            by_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for key in self.state.states:
                by_type[key[0]].append(key)
            self._by_type_made = by_type
        if etype is None:
            return sorted(self.state.states)
        keys = self._by_type_made.get(etype, [])
        if etype not in self._sorted:
            keys.sort()
            self._sorted.add(etype)
        return keys

    def _entity(self, key: tuple[str, str]) -> Entity:
        e = self._made.get(key)
        if e is None:
            st = self.state.states[key]
            if self._cache is None or key in self.fresh:
                e = entity_of(st)
            else:
                hit = self._cache.get(id(st))
                if hit is None or hit[0] is not st:
                    hit = self._cache[id(st)] = (st, entity_of(st))
                e = hit[1]
            self._made[key] = e
        return e

    def get(self, etype: str, eid: str) -> Entity | None:
        key = (etype, eid)
        return self._entity(key) if key in self.state.states else None

    def entities(
        self,
        etype: str | None = None,
        *,
        incident_id: str | None = None,
        parent_id: str | None = None,
        include_deleted: bool = False,
    ) -> list[Entity]:
        """As ``Store.entities``; ``parent_id`` (with ``etype``) keeps the children of a parent."""
        parent_field = SPECS[etype].parent_field if etype is not None and parent_id is not None else None
        out = []
        for key in self._keys(etype):
            e = self._entity(key)
            if (include_deleted or not e.deleted) and (
                incident_id is None or e.incident_id == incident_id
            ) and (parent_field is None or e.data.get(parent_field) == parent_id):
                out.append(e)
        return out

    def op_count(self) -> int:
        return self.state.op_count
