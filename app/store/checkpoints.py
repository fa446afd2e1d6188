"""Fast replay (复盘): materialised checkpoints of the replayed state, so a jump costs one
checkpoint lookup, the overlay of a few small steps and the replay of at most ``step`` ops
instead of the whole op log.

The checkpoints are this post's own cache — local, never replicated, held in memory and built
in one pass over the op log (``build``, which the window runs on a worker thread). A checkpoint
is the merged state of every applied op whose order key (HLC stamp, or time received) is at or
before its moment; its entity states are never changed afterwards, so checkpoints share the
states of entities that did not change between them and a jump copies only what it re-merges.

Between two checkpoints, *steps* every ``step`` ops hold only the entities merged since the
step before (the states frozen like a checkpoint's): a full copy every ``every`` ops would cost
memory, a delta costs only what changed. A jump copies the checkpoint's map, lays the steps of
its segment over it and replays the rest. Steps are made while building and, after late ops or
new ops dropped some, again by the jumps that replay that stretch.

Late ops: an op that arrives now with an older HLC stamp belongs inside earlier checkpoints.
The index listens to the store and re-merges, in every checkpoint at or after the op's stamp,
just the entities the late ops touch (from that entity's ops in the op log); a burst of more
than ``PATCH_MOST`` late ops drops those checkpoints instead, and the next jump rebuilds them
from the last checkpoint still valid; steps at or after a late op's stamp are dropped. As a
second guard each checkpoint and step remembers how many ops it holds and is dropped when the
op log holds another number at its moment (ops applied while nobody listened, a restore).

Within one checkpoint segment, whether an op's base has "been seen" is judged at the
checkpoint's moment (``state_at`` judges it at the moment asked for); the two differ only for a
base stamped later than the op that names it — a post whose clock was more than five minutes
ahead — where this index keeps the store's own answer.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from app.foreground import FOREGROUND
from app.ops import Op, VersionRef, decode
from app.store import models as m
from app.store.apply import ApplyResult
from app.store.merge import EntityState, FieldState
from app.store.moment import Moment, entity_of
from app.store.replay import ReplayState
from app.store.store import Entity, Store

log = logging.getLogger(__name__)

EVERY = 2500  # ops between two checkpoints (full copies of the state map)
STEP = 250  # ops between two steps (deltas) in a segment: a jump replays about this many at most
PATCH_MOST = 2000  # more late ops than this at once: drop and rebuild instead of patching
NEWEST = 2**63 - 1  # an order key after every op
RECEIVED_MARGIN_MS = 60_000  # received-time checkpoints this close to now may still grow

States = dict[tuple[str, str], EntityState]


@dataclass(frozen=True)
class Checkpoint:
    at: int  # order key (HLC or received ms) through which every op is merged
    count: int  # applied ops with order key <= at
    states: States  # never mutated after the checkpoint is made
    changed: frozenset[tuple[str, str]]  # entities merged since the checkpoint before
    lineage: int = 0  # made by one build; kept when late ops patch it
    patches: tuple[frozenset[tuple[str, str]], ...] = ()  # entities each patch re-merged


@dataclass(frozen=True)
class Step:
    at: int  # order key through which every op is merged
    count: int  # applied ops with order key <= at
    states: States  # the entities merged since the step before (or the checkpoint); frozen


Segment = int | None  # a segment is known by its checkpoint's moment (None: before the first)

_lineages = itertools.count(1)


def clone(st: EntityState) -> EntityState:
    """A private copy of a state that a checkpoint shares (copy on write). ``absorb`` replaces
    versions and edits the lists and sets that hold them, never a version itself, so copying
    the containers is enough."""
    return EntityState(
        st.etype,
        st.eid,
        {n: FieldState(list(fs.heads), set(fs.pending)) for n, fs in st.fields.items()},
        st.created,
        st.updated,
        dict(st.record) if st.record is not None else None,
        set(st.assignees),
    )


class ReplayIndex:
    """``state_at(at)`` through checkpoints; ``by`` is ``"hlc"`` or ``"received"`` as in
    ``app.store.replay.state_at``."""

    def __init__(
        self, store: Store, *, by: str = "hlc", every: int | None = None, step: int | None = None
    ) -> None:
        if by not in ("hlc", "received"):
            raise ValueError("by must be 'hlc' or 'received'")
        self.store = store
        self.by = by
        self.every = every or EVERY
        self.step = max(1, min(step or STEP, self.every))
        self._steps: dict[Segment, list[Step]] = {}
        self._col = m.oplog.c.hlc if by == "hlc" else m.oplog.c.received_ms
        self._checkpoints: list[Checkpoint] = []
        self._key_of: dict[VersionRef, int] = {}  # applied op -> its order key
        # entities of the states checkpoints share, so a jump does not remake them every time
        self.entities: dict[int, tuple[EntityState, Entity]] = {}
        self._lock = threading.RLock()
        self.rebuilt = 0  # checkpoints made so far (tests and the bench read it)
        self.dropped = 0
        self.patched = 0  # checkpoints corrected for late ops
        store.subscribe(self._on_applied)

    def close(self) -> None:
        self.store.unsubscribe(self._on_applied)

    # ------------------------------------------------------------------ invalidation

    def _on_applied(self, result: ApplyResult) -> None:
        ops = result.applied_ops
        if not ops:
            return
        with FOREGROUND.holding(self._lock):
            if self.by == "received":  # new ops arrive now: only the newest checkpoints move
                if self._checkpoints or self._steps:
                    self._drop_from(time.time_ns() // 1_000_000 - RECEIVED_MARGIN_MS)
                return
            for op in ops:
                self._key_of[op.ref] = op.hlc
            self._drop_steps_from(min(op.hlc for op in ops))  # steps after a late stamp go
            if not self._checkpoints:
                return
            newest = self._checkpoints[-1].at
            late = [op for op in ops if op.hlc <= newest]
            if not late:
                return  # after every checkpoint: the next jump replays them
            if len(late) > PATCH_MOST:
                self._drop_from(min(op.hlc for op in late))
            else:
                self._patch(late)

    def _patch(self, late: list[Op]) -> None:
        """Late ops (older stamps than some checkpoints): re-merge only the entities they touch
        in the checkpoints at or after their stamps. Entities merge independently of each
        other, so this gives the checkpoints a rebuild would give."""
        first: dict[tuple[str, str], int] = {}
        for op in late:
            key = (op.etype, op.eid)
            first[key] = min(first.get(key, op.hlc), op.hlc)
        oldest = min(first.values())
        cps = self._checkpoints
        start = next(i for i, cp in enumerate(cps) if cp.at >= oldest)
        new_states = [dict(cp.states) for cp in cps[start:]]
        for key, since in first.items():
            ops = self._entity_ops(key)
            st: EntityState | None = None
            taken = 0
            for j, cp in enumerate(cps[start:]):
                if cp.at < since:
                    continue
                if st is None:
                    st = EntityState(*key)
                seen = self._seen_by(cp.at)
                while taken < len(ops) and ops[taken].hlc <= cp.at:
                    st.absorb(ops[taken], seen)
                    taken += 1
                new_states[j][key] = clone(st)
        for j, cp in enumerate(cps[start:]):
            added = sum(1 for op in late if op.hlc <= cp.at)
            touched = frozenset(k for k, since in first.items() if since <= cp.at)
            cps[start + j] = replace(
                cp,
                count=cp.count + added,
                states=new_states[j],
                changed=cp.changed | touched,
                patches=(*cp.patches, touched),
            )
        self.patched += len(cps) - start

    def _seen_by(self, limit: int) -> Callable[[VersionRef], bool]:
        key_of = self._key_of

        def seen(ref: VersionRef) -> bool:
            k = key_of.get(ref)
            return k is not None and k <= limit

        return seen

    def _entity_ops(self, key: tuple[str, str]) -> list[Op]:
        t = m.oplog
        q = (
            select(t.c.raw)
            .where(t.c.status == "applied", t.c.etype == key[0], t.c.eid == key[1])
            .order_by(t.c.hlc, t.c.origin)
        )
        with self.store.engine.connect() as c:
            return [decode(bytes(raw), trusted=True) for (raw,) in c.execute(q)]

    def _drop_steps_from(self, oldest: int) -> None:
        for seg, steps in self._steps.items():
            if steps and steps[-1].at >= oldest:
                self._steps[seg] = [st for st in steps if st.at < oldest]

    def _drop_from(self, oldest: int) -> None:
        self._drop_steps_from(oldest)
        keep = [cp for cp in self._checkpoints if cp.at < oldest]
        kept = {None, *(cp.at for cp in keep)}
        self._steps = {seg: st for seg, st in self._steps.items() if seg in kept}
        self.dropped += len(self._checkpoints) - len(keep)
        if len(keep) != len(self._checkpoints):
            self.entities.clear()  # states of dropped checkpoints must not stay alive here
        self._checkpoints = keep
        if not keep:
            self._key_of.clear()

    def invalidate(self) -> None:
        with FOREGROUND.holding(self._lock):
            self._drop_from(-1)

    # ------------------------------------------------------------------ reading the op log

    def _applied(self, after: int | None) -> Iterator[tuple[str, int, int, int]]:
        """(origin, seq, order key, hlc) of every applied op after ``after``, in replay order."""
        t = m.oplog
        q = select(t.c.origin, t.c.seq, self._col, t.c.hlc).where(t.c.status == "applied")
        if after is not None:
            q = q.where(self._col > after)
        q = q.order_by(self._col, t.c.hlc, t.c.origin)
        with self.store.engine.connect() as c:
            for row in c.execution_options(yield_per=5000).execute(q):
                yield row[0], row[1], row[2], row[3]

    def _raws(self, after: int | None, until: int) -> list[tuple[int, bytes]]:
        """(order key, raw op) of the applied ops in (``after``, ``until``], in replay order."""
        t = m.oplog
        q = select(self._col, t.c.raw).where(t.c.status == "applied", self._col <= until)
        if after is not None:
            q = q.where(self._col > after)
        with self.store.engine.connect() as c:
            return [
                (k, bytes(r)) for k, r in c.execute(q.order_by(self._col, t.c.hlc, t.c.origin))
            ]

    def _count(self, until: int) -> int:
        t = m.oplog
        with self.store.engine.connect() as c:
            n = c.execute(
                select(func.count()).where(t.c.status == "applied", self._col <= until)
            ).scalar()
        return int(n or 0)

    # ------------------------------------------------------------------ building

    def _valid_base(self, at: int) -> Checkpoint | None:
        """The latest checkpoint at or before ``at`` whose op count still holds."""
        while True:
            i = bisect_right([cp.at for cp in self._checkpoints], at)
            if i == 0:
                return None
            cp = self._checkpoints[i - 1]
            if self._count(cp.at) == cp.count:
                return cp
            log.info("replay checkpoint at %d is stale; rebuilding from the one before", cp.at)
            self._drop_from(cp.at)

    def _base_and_steps(self, at: int) -> tuple[Checkpoint | None, list[Step], bool]:
        """The checkpoint at or before ``at``, the steps of its segment up to ``at``, and
        whether those are all the segment's steps (a replay from there may add more). One count
        checks the newest of them: an op that came unheard below it makes them stale."""
        i = bisect_right([cp.at for cp in self._checkpoints], at)
        base = self._checkpoints[i - 1] if i else None
        steps = self._steps.get(base.at if base else None, [])
        j = bisect_right([s.at for s in steps], at)
        probe: Checkpoint | Step | None = steps[j - 1] if j else base
        if probe is None or self._count(probe.at) == probe.count:
            return base, steps[:j], j == len(steps)
        self._steps.pop(base.at if base else None, None)
        base = self._valid_base(at)
        self._steps.pop(base.at if base else None, None)
        return base, [], True

    def build(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> bool:
        """Make the checkpoints (and their steps) missing after the last valid one, up to the
        newest op. ``progress(done, total)`` is told when the work is known and after each
        checkpoint, and ``cancelled()`` asked before each: a build on a worker thread stops
        between two, keeping what it made. The lock is let go between checkpoints, so jumps and
        store changes can come between; when the checkpoints changed meanwhile (late ops), it
        goes on from the newest valid one. False when cancelled."""
        while True:
            with FOREGROUND.holding(self._lock):
                last = self._checkpoints[-1] if self._checkpoints else None
                if last is not None and self._count(last.at) != last.count:
                    self.invalidate()
                    last = None
                rows = list(self._applied(last.at if last else None))
                for origin, seq, key, _hlc in rows:
                    self._key_of[(origin, seq)] = key
            # segment boundaries: every ``every`` ops, never splitting ops of one order key
            bounds: list[int] = []
            i = self.every - 1
            while i < len(rows):
                key = rows[i][2]
                while i + 1 < len(rows) and rows[i + 1][2] == key:
                    i += 1
                bounds.append(key)
                i += self.every
            if not bounds:
                return True
            if progress is not None:
                progress(0, len(bounds))
            states: States = dict(last.states) if last else {}
            count = last.count if last else 0
            after = last.at if last else None
            mine = last
            for n, bound in enumerate(bounds):
                if cancelled is not None and cancelled():
                    return False
                with FOREGROUND.holding(self._lock):
                    if (self._checkpoints[-1] if self._checkpoints else None) is not mine:
                        break  # late ops changed the checkpoints: go on from the newest valid
                    owned: set[tuple[str, str]] = set()
                    changed: set[tuple[str, str]] = set()
                    self._steps[after] = []  # the segment's steps are cut again as it is made
                    raws = self._raws(after, bound)
                    count = self._merge(states, owned, raws, bound, count, after, changed)
                    mine = Checkpoint(bound, count, dict(states), frozenset(changed),
                                      next(_lineages))
                    self._checkpoints.append(mine)
                    for k in changed:  # read them once here (the worker), so a jump finds them read
                        st = states[k]
                        self.entities[id(st)] = (st, entity_of(st))
                    self.rebuilt += 1
                    after = bound
                if progress is not None:
                    progress(n + 1, len(bounds))
            else:
                with FOREGROUND.holding(self._lock):  # the steps after the newest checkpoint, so no jump makes them
                    newest = self._checkpoints[-1] if self._checkpoints else None
                    if newest is mine and not self._steps.get(after):
                        tail = self._raws(after, NEWEST)
                        self._merge(states, set(), tail, NEWEST, count, after)
                return True

    def _merge(
        self,
        states: States,
        owned: set[tuple[str, str]],
        raws: list[tuple[int, bytes]],
        limit: int,
        count: int = 0,
        segment: Segment | bool = False,
        changed: set[tuple[str, str]] | None = None,
    ) -> int:
        """Absorb ``raws`` into ``states``; ``owned`` collects the keys whose state is private
        to ``states`` (copied or new), the others still belong to a checkpoint or a step.
        With a ``segment`` (not False), a step of it is cut every ``step`` ops, where the next
        op has a later order key (a step holds every op through its moment); ``changed``
        collects every key merged. Returns ``count`` plus the ops merged."""
        seen = self._seen_by(limit)
        key_of = self._key_of
        stepping = segment is not False
        since = 0
        for n, (order, raw) in enumerate(raws):
            op = decode(raw, trusted=True)
            key_of[op.ref] = order  # known even when no build read it (a jump while one runs)
            key = (op.etype, op.eid)
            st = states.get(key)
            if st is None:
                st = states[key] = EntityState(op.etype, op.eid)
                owned.add(key)
            elif key not in owned:
                st = states[key] = clone(st)
                owned.add(key)
            st.absorb(op, seen)
            if changed is not None:
                changed.add(key)
            since += 1
            if stepping and since >= self.step and n + 1 < len(raws) and raws[n + 1][0] > order:
                step = Step(order, count + n + 1, {k: states[k] for k in owned})
                self._steps.setdefault(segment, []).append(step)
                owned.clear()  # the states now belong to the step: copy before changing
                since = 0
        return count + len(raws)

    # ------------------------------------------------------------------ jumping

    def state_at(self, at: int) -> ReplayState:
        """The state at ``at`` (an HLC stamp, or wall ms when ``by="received"``)."""
        return self._state_at(at)[0]

    def moment(self, at: int, at_ms: int, *, build: bool = True) -> Moment:
        """The store as it was at ``at``, read like the store (``at_ms``: the wall moment shown).
        ``build=False``: use the checkpoints made so far (a worker is making the rest)."""
        state, fresh, changed, base = self._state_at(at, build=build)
        return Moment(state, at_ms, cache=self.entities, fresh=fresh, changed=changed, base=base)

    def checkpoints(self) -> list[Checkpoint]:
        with FOREGROUND.holding(self._lock):
            return list(self._checkpoints)

    def steps(self) -> dict[Segment, list[Step]]:
        with FOREGROUND.holding(self._lock):
            return {seg: list(steps) for seg, steps in self._steps.items()}

    def _state_at(
        self, at: int, *, build: bool = True
    ) -> tuple[ReplayState, set[tuple[str, str]], set[tuple[str, str]], Checkpoint | None]:
        with FOREGROUND.holding(self._lock):
            if build and (not self._checkpoints or at >= self._checkpoints[-1].at):
                self.build()  # nothing yet, or ops may have come after the last checkpoint
            base, steps, all_steps = self._base_and_steps(at)
            states: States = dict(base.states) if base else {}
            changed: set[tuple[str, str]] = set()
            for step in steps:
                states.update(step.states)
                changed.update(step.states)
            start: Checkpoint | Step | None = steps[-1] if steps else base
            raws = self._raws(start.at if start else None, at)
            fresh: set[tuple[str, str]] = set()
            segment: Segment | bool = (base.at if base else None) if all_steps else False
            count = self._merge(states, fresh, raws, at, start.count if start else 0, segment,
                                changed)
            return ReplayState(at, states, count), fresh, changed, base

    def checkpoint_count(self) -> int:
        return len(self._checkpoints)
