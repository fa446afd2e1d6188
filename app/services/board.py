"""The situation board (态势): an incident's figures at a moment, and how they changed over time.

Figures: the casualty tiles (the workflow rule of ``app.services.reports``: the sum over
reporting posts of each post's latest report), rescue teams by status, tasks open / overdue /
done, shelter places used of the capacity, the highest warning in force and the response level.

Teams and shelters that name no incident count for every incident (a post's teams serve
whatever it works on); those that name another incident do not. A warning is in force at a
moment when it is active and the moment lies in its valid period.

``Tally`` keeps the figures current one record at a time, so the same code serves the live
board (fed by store changes), a replayed moment (fed by a ``Moment``) and the time series (fed
op by op in one pass over the op log, in stamp order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select

from app.domain import task as task_rules
from app.domain.warning import LEVELS as WARNING_LEVELS
from app.ops import decode, hlc_ms, split_origin
from app.store import models as m
from app.store.checkpoints import Checkpoint, ReplayIndex
from app.store.merge import EntityState
from app.store.moment import Moment, entity_of
from app.store.replay import ReplayState
from app.store.store import Entity, Store

CASUALTIES = ("dead", "missing", "injured", "trapped", "evacuated", "relocated")
TEAM_STATUSES = ("on_scene", "en_route", "standby")
TASK_FIGURES = ("open", "overdue", "done")
# the record types whose changes can move a figure
BOARD_TYPES = ("incident", "report", "unit", "task", "feature", "occupancy", "warning")
# every figure of a series, in chart order
SERIES_KEYS = (
    *CASUALTIES,
    *(f"team_{s}" for s in TEAM_STATUSES),
    *(f"task_{s}" for s in TASK_FIGURES),
    "shelter_used",
    "warning_rank",
    "response_level",
)


class Reader(Protocol):
    """What the board reads: the live ``Store`` or a replayed ``Moment``."""

    def entities(
        self,
        etype: str | None = None,
        *,
        incident_id: str | None = None,
        include_deleted: bool = False,
    ) -> list[Entity]: ...


@dataclass(frozen=True)
class Figures:
    at_ms: int
    casualties: dict[str, int]
    teams: dict[str, int]
    tasks: dict[str, int]
    shelter_used: int
    shelter_capacity: int
    warning_level: str | None  # the highest level in force (blue … red), None when none is
    warning_titles: tuple[str, ...]
    response_level: int | None  # 1 (Ⅰ, highest) … 4

    def flat(self) -> dict[str, float]:
        """One number per ``SERIES_KEYS`` entry (a missing level is 0)."""
        out: dict[str, float] = {k: float(self.casualties[k]) for k in CASUALTIES}
        out.update({f"team_{k}": float(v) for k, v in self.teams.items()})
        out.update({f"task_{k}": float(v) for k, v in self.tasks.items()})
        out["shelter_used"] = float(self.shelter_used)
        out["warning_rank"] = float(warning_rank(self.warning_level))
        out["response_level"] = float(self.response_level or 0)
        return out


def warning_rank(level: str | None) -> int:
    """0 for none, 1 blue … 4 red."""
    return WARNING_LEVELS.index(level) + 1 if level in WARNING_LEVELS else 0


def _belongs(e: Entity, incident_id: str, *, open_to_all: bool) -> bool:
    if e.incident_id == incident_id:
        return True
    return open_to_all and e.incident_id is None


@dataclass
class Tally:
    """The board's figures for one incident, kept current record by record."""

    incident_id: str
    response_level: int | None = None
    latest: dict[str, tuple[tuple[int, str], dict[str, Any]]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # eid -> status
    # eid -> status, deadline, plan line (plan_key) and creation order (HLC, origin, eid)
    tasks: dict[str, tuple[str, int | None, str | None, tuple[int, str, str]]] = field(
        default_factory=dict
    )
    shelters: dict[str, int] = field(default_factory=dict)  # eid -> capacity
    used: dict[str, int] = field(default_factory=dict)  # shelter eid -> places used
    seen_moves: set[str] = field(default_factory=set)
    warnings: dict[str, dict[str, Any]] = field(default_factory=dict)
    _report_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, reader: Reader, incident_id: str) -> Tally:
        tally = cls(incident_id)
        for etype in BOARD_TYPES:
            for e in reader.entities(etype):
                tally.put(e)
        return tally

    def copy(self) -> Tally:
        return Tally(
            self.incident_id,
            self.response_level,
            dict(self.latest),
            dict(self.units),
            dict(self.tasks),
            dict(self.shelters),
            dict(self.used),
            set(self.seen_moves),
            dict(self.warnings),
            set(self._report_ids),
        )

    def put(self, e: Entity) -> None:
        """Take the current state of one record (deleted records leave the figures)."""
        handler = getattr(self, f"_{e.etype}", None)
        if handler is not None:
            handler(e)

    def _incident(self, e: Entity) -> None:
        if e.eid == self.incident_id:
            level = e.get("response_level")
            self.response_level = level if isinstance(level, int) and not e.deleted else None

    def _report(self, e: Entity) -> None:
        if e.incident_id != self.incident_id or e.eid in self._report_ids:
            return
        self._report_ids.add(e.eid)
        post = split_origin(e.created_origin)[0]
        key = (e.created_hlc, e.created_origin)
        if post not in self.latest or key > self.latest[post][0]:
            self.latest[post] = (key, e.data)

    def _unit(self, e: Entity) -> None:
        if e.deleted or not _belongs(e, self.incident_id, open_to_all=True):
            self.units.pop(e.eid, None)
        else:
            self.units[e.eid] = str(e.get("status"))

    def _task(self, e: Entity) -> None:
        if e.deleted or e.incident_id != self.incident_id:
            self.tasks.pop(e.eid, None)
        else:
            deadline = e.get("deadline")
            plan_key = e.get("plan_key")
            self.tasks[e.eid] = (
                str(e.get("status")),
                deadline if isinstance(deadline, int) else None,
                plan_key if isinstance(plan_key, str) and plan_key else None,
                (e.created_hlc, e.created_origin, e.eid),
            )

    def _feature(self, e: Entity) -> None:
        capacity = e.get("capacity")
        if (
            e.deleted
            or e.get("symbol") != "shelter"
            or not _belongs(e, self.incident_id, open_to_all=True)
        ):
            self.shelters.pop(e.eid, None)
        else:
            self.shelters[e.eid] = capacity if isinstance(capacity, int) else 0

    def _occupancy(self, e: Entity) -> None:
        if e.eid in self.seen_moves:  # append-only: a movement counts once
            return
        self.seen_moves.add(e.eid)
        shelter = str(e.get("shelter_id"))
        self.used[shelter] = self.used.get(shelter, 0) + int(e.get("delta", 0))

    def _warning(self, e: Entity) -> None:
        if e.deleted or not _belongs(e, self.incident_id, open_to_all=True):
            self.warnings.pop(e.eid, None)
        else:
            self.warnings[e.eid] = e.data

    def figures(self, at_ms: int) -> Figures:
        casualties = dict.fromkeys(CASUALTIES, 0)
        for _key, values in self.latest.values():
            for name in CASUALTIES:
                casualties[name] += int(values.get(name, 0) or 0)
        teams = dict.fromkeys(TEAM_STATUSES, 0)
        for status in self.units.values():
            if status in teams:
                teams[status] += 1
        tasks = dict.fromkeys(TASK_FIGURES, 0)
        # a plan line issued twice (two posts declaring at once) counts once: the first created,
        # the rule of ``plans.duplicate_plan_tasks``, so every post shows the same figures
        first: dict[str, tuple[int, str, str]] = {}
        for _status, _deadline, plan_key, created in self.tasks.values():
            if plan_key is not None and (plan_key not in first or created < first[plan_key]):
                first[plan_key] = created
        for status, deadline, plan_key, created in self.tasks.values():
            if plan_key is not None and first[plan_key] != created:
                continue
            if status in task_rules.OPEN:
                tasks["open"] += 1
                if deadline is not None and deadline < at_ms:
                    tasks["overdue"] += 1
            elif status == "done":
                tasks["done"] += 1
        in_force = active_warnings_in(self.warnings.values(), at_ms)
        top = max((str(w.get("level")) for w in in_force), key=warning_rank, default=None)
        return Figures(
            at_ms=at_ms,
            casualties=casualties,
            teams=teams,
            tasks=tasks,
            shelter_used=sum(self.used.get(s, 0) for s in self.shelters),
            shelter_capacity=sum(self.shelters.values()),
            warning_level=top,
            warning_titles=tuple(str(w.get("title", "")) for w in in_force),
            response_level=self.response_level,
        )


def active_warnings_in(warnings: Iterable[dict[str, Any]], at_ms: int) -> list[dict[str, Any]]:
    """The warnings in force at ``at_ms``, highest level first."""
    out = []
    for w in warnings:
        if w.get("status") != "active":
            continue
        start, end = w.get("valid_from"), w.get("valid_to")
        if isinstance(start, int) and at_ms < start:
            continue
        if isinstance(end, int) and at_ms > end:
            continue
        out.append(w)
    return sorted(out, key=lambda w: -warning_rank(w.get("level")))


def figures(reader: Reader, incident_id: str, at_ms: int) -> Figures:
    """The board's figures for an incident, read from the store or from a replayed moment."""
    return Tally.of(reader, incident_id).figures(at_ms)


class ReplayTallies:
    """The figures of one incident at replayed moments, fast: a tally per checkpoint of the
    replay index (made once, each from the one before plus what its segment changed), then per
    moment only the entities merged after its checkpoint."""

    def __init__(self, incident_id: str) -> None:
        self.incident_id = incident_id
        # checkpoint moment -> (its lineage, patches taken, tally): patched checkpoints are new
        # objects, so they are known by their moment and lineage, not by identity
        self._at: dict[int, tuple[int, int, Tally]] = {}

    def figures(self, moment: Moment, index: ReplayIndex) -> Figures:
        """The figures at a moment that ``index`` rebuilt."""
        tally = self._tally(moment.base, index.checkpoints(), index.entities)
        for key in moment.changed:
            if key[0] in BOARD_TYPES:
                e = moment.get(*key)
                if e is not None:
                    tally.put(e)
        return tally.figures(moment.at_ms)

    def _tally(
        self, base: Checkpoint | None, checkpoints: list[Checkpoint], cache: dict[int, Any]
    ) -> Tally:
        if base is None:
            return Tally(self.incident_id)
        lineage = {cp.at: cp.lineage for cp in checkpoints}
        self._at = {at: v for at, v in self._at.items() if lineage.get(at) == v[0]}
        tally = Tally(self.incident_id)
        for cp in checkpoints:
            hit = self._at.get(cp.at)
            if hit is not None and hit[1] == len(cp.patches):
                tally = hit[2]
            else:
                reader = Moment(ReplayState(cp.at, cp.states, cp.count), 0, cache=cache)
                if hit is not None:  # patched since: take again what the late ops touched
                    tally = hit[2].copy()
                    keys: Iterable[tuple[str, str]] = {
                        k for patch in cp.patches[hit[1]:] for k in patch
                    }
                else:  # from the checkpoint before, with what this segment changed
                    tally = tally.copy()
                    keys = cp.changed
                for key in keys:
                    if key[0] in BOARD_TYPES:
                        e = reader.get(*key)
                        if e is not None:
                            tally.put(e)
                self._at[cp.at] = (cp.lineage, len(cp.patches), tally)
            if cp is base:
                return tally.copy()
        return Tally.of(Moment(ReplayState(base.at, base.states, base.count), 0), self.incident_id)


# ----------------------------------------------------------------------------- time series


@dataclass
class Series:
    """Figures over time: ``t`` (wall ms) and one column per ``SERIES_KEYS`` entry."""

    t: list[int] = field(default_factory=list)
    columns: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in SERIES_KEYS})

    def add(self, f: Figures) -> bool:
        """Add a point when any figure changed since the last one; True when added."""
        flat = f.flat()
        if self.t and all(self.columns[k][-1] == flat[k] for k in SERIES_KEYS):
            return False
        if self.t and f.at_ms <= self.t[-1]:  # same millisecond: the later state replaces it
            for k in SERIES_KEYS:
                self.columns[k][-1] = flat[k]
            return True
        self.t.append(f.at_ms)
        for k in SERIES_KEYS:
            self.columns[k].append(flat[k])
        return True

    def __len__(self) -> int:
        return len(self.t)


def _board_ops(store: Store, until_hlc: int | None) -> Iterator[bytes]:
    t = m.oplog
    q = select(t.c.raw).where(t.c.status == "applied", t.c.etype.in_(BOARD_TYPES))
    if until_hlc is not None:
        q = q.where(t.c.hlc <= until_hlc)
    with store.engine.connect() as c:
        for (raw,) in c.execution_options(yield_per=2000).execute(q.order_by(t.c.hlc, t.c.origin)):
            yield bytes(raw)


def series(store: Store, incident_id: str, *, until_hlc: int | None = None) -> Series:
    """How the incident's figures changed, rebuilt in one pass over the op log (stamp order).

    A point is added at each op that moved a figure. Overdue counts change with time as well as
    with ops; between two ops the series shows the count as of the earlier one.
    """
    tally = Tally(incident_id)
    states: dict[tuple[str, str], EntityState] = {}
    out = Series()
    for raw in _board_ops(store, until_hlc):
        op = decode(raw, trusted=True)
        key = (op.etype, op.eid)
        st = states.get(key)
        if st is None:
            st = states[key] = EntityState(op.etype, op.eid)
        st.absorb(op, lambda _ref: True)  # stamp order: every base came before
        tally.put(entity_of(st))
        out.add(tally.figures(hlc_ms(op.hlc)))
    return out
