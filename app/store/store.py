"""The Store: opens the database, runs ``apply`` in one transaction per batch, answers queries.

``apply`` (remote and local ops) and ``write`` (which builds this post's ops and hands them to
``apply``) are the only ways anything is written. Listeners registered with ``subscribe`` hear
what changed after each commit, on the thread that applied it — the UI turns that into a Qt
signal. One lock serialises writers inside the process; the data folder's lock keeps other
processes out.
"""

from __future__ import annotations

import heapq
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select, text

from app.foreground import FOREGROUND
from app.identity import Anchor, Identity
from app.ops import HybridClock, Op, decode, encode, hlc_of_ms
from app.store import models as m
from app.store.apply import ApplyResult, Batch, HeldIndex
from app.store.dump import dump_states
from app.store.merge import DELETED, EntityState, Version

log = logging.getLogger(__name__)

Listener = Callable[[ApplyResult], None]
_E = m.entity.c
# what an Entity is made of, in ``Store._entity``'s order (the merge state stays in the table)
_ENTITY_COLUMNS = (_E.etype, _E.eid, _E.data, _E.deleted, _E.conflicted, _E.incident_id,
                   _E.created_hlc, _E.created_origin, _E.created_by, _E.updated_hlc)
MIGRATIONS = Path(__file__).with_name("migrations")


class Refused(Exception):
    """A local change the rules do not allow; the message says why. Nothing was written."""


@dataclass(frozen=True)
class Draft:
    """A change this post wants to make; ``write`` turns it into a signed op.

    ``bases`` defaults to every current head of each field put: the author saw the current value.
    """

    etype: str
    eid: str
    kind: str  # put | del | add
    fields: Mapping[str, Any]
    bases: Mapping[str, list[tuple[str, int]]] | None = None


@dataclass(frozen=True)
class Entity:
    etype: str
    eid: str
    data: dict[str, Any]
    deleted: bool
    conflicted: bool
    incident_id: str | None
    created_hlc: int
    created_origin: str
    created_by: str
    updated_hlc: int

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


@dataclass(frozen=True)
class Conflict:
    etype: str
    eid: str
    field: str
    winner: Version
    losers: tuple[Version, ...]


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "before_cursor_execute", _give_way)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit survives a power cut (三断), not only a crash of the app
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "before_cursor_execute", _give_way)
    return engine


def _give_way(*_: Any) -> None:
    """Before each statement: a worker's (a sync burst's writes, a table's reads) waits while
    the window paints (``app.foreground``)."""
    FOREGROUND.give_way()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest) — a new store, or one made by an
    older version of Zhijiu."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "will assume…" is noise to operators
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class Store:
    def __init__(
        self,
        url: str,
        *,
        anchor: Anchor,
        identity: Identity | None = None,
        on_skew: Callable[[int], None] | None = None,
    ) -> None:
        self.url = url
        self.anchor = anchor
        self.identity = identity
        self.engine = make_engine(url)
        migrate(self.engine)
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        with self.engine.connect() as c:
            self._vv: dict[str, int] = dict(
                c.execute(
                    select(m.oplog.c.origin, func.max(m.oplog.c.seq)).group_by(m.oplog.c.origin)
                ).all()
            )
            self._held = HeldIndex()
            for origin, seq, awaits in c.execute(
                select(m.held.c.origin, m.held.c.seq, m.held.c.awaits)
            ):
                self._held.add(origin, seq, awaits)
            horizon = hlc_of_ms(time.time_ns() // 1_000_000 + 5 * 60 * 1000)
            last = c.execute(
                select(func.max(m.oplog.c.hlc)).where(m.oplog.c.hlc <= horizon)
            ).scalar()
        self.clock = HybridClock(int(last or 0), on_skew=on_skew)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ events

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, result: ApplyResult) -> None:
        for listener in list(self._listeners):
            try:
                listener(result)
            except Exception:  # a view's bug must not undo or block a commit
                log.exception("change listener failed")

    # ------------------------------------------------------------------ the write path

    def apply(self, raws: list[bytes], *, source: str = "local") -> ApplyResult:
        """Apply a batch of ops (envelopes) in one transaction; never raises for bad input."""
        with FOREGROUND.holding(self._lock):
            try:
                result = self._apply_batch(raws, source)
            except Exception:
                if len(raws) == 1:
                    log.exception("internal error applying an op from %s", source)
                    result = self._quarantine_raw(raws[0], source)
                else:  # find the op that trips the bug; keep every other one
                    log.exception("batch from %s failed; applying its ops one by one", source)
                    result = ApplyResult()
                    for raw in raws:
                        result.merge(self.apply([raw], source=source))
                    return result
        if result.changed or result.applied or result.refused or result.quarantined or result.held:
            self._emit(result)
        return result

    def _apply_batch(
        self, raws: list[bytes], source: str, strict: bool = False, signed_here: bool = False
    ) -> ApplyResult:
        vv = dict(self._vv)
        held = self._held.copy()
        with self.engine.begin() as conn:
            batch = Batch(
                conn,
                anchor=self.anchor,
                vv=vv,
                held=held,
                source=source,
                observe=self.clock.observe,
                strict=strict,
                signed_here=signed_here,
            )
            batch.take_all(raws)
            r = batch.result
            if strict and (r.refused or r.quarantined or r.held):
                reason = (
                    r.refused[0][2]
                    if r.refused
                    else r.quarantined[0]
                    if r.quarantined
                    else "this post is not in its own roster yet"
                )
                raise Refused(reason)
            batch.flush()
        self._vv, self._held = vv, held
        return batch.result

    def _quarantine_raw(self, raw: bytes, source: str) -> ApplyResult:
        with self.engine.begin() as conn:
            batch = Batch(
                conn,
                anchor=self.anchor,
                vv=dict(self._vv),
                held=HeldIndex(),
                source=source,
                observe=lambda _h: True,
            )
            batch._quarantine(raw, "internal error while applying; kept for inspection")
            batch.flush()
            return batch.result

    def write(self, drafts: list[Draft], *, operator: str) -> ApplyResult:
        """Sign this post's changes as ops and apply them; raise Refused (nothing written) if any
        breaks a rule."""
        if self.identity is None:
            raise Refused("this store has no post identity to sign with")
        ident = self.identity
        with FOREGROUND.holding(self._lock):
            seqs: dict[str, int] = {}
            raws = []
            states = self._states_of(
                {(d.etype, d.eid) for d in drafts if d.bases is None and d.kind != "add"}
            )  # one query for the batch, not one per draft
            written: dict[tuple[str, str, str], list[tuple[str, int]]] = {}  # by earlier drafts
            for d in drafts:
                # the roster has its own stream, so an enrollment package can carry all of it
                origin = ident.roster_origin if d.etype == "post" else ident.origin
                seq = seqs[origin] = seqs.get(origin, self._vv.get(origin, 0)) + 1
                key = (d.etype, d.eid)
                names = [DELETED] if d.kind == "del" else list(d.fields)
                bases = d.bases
                if bases is None and d.kind != "add":
                    if key not in states:
                        states[key] = self._state(*key)
                    st = states[key]
                    bases = {
                        n: written.get((*key, n)) or (st.head_refs(n) if st else []) for n in names
                    }
                for n in names:
                    written[(*key, n)] = [(origin, seq)]
                raws.append(
                    encode(
                        ident.key,
                        origin=origin,
                        seq=seq,
                        hlc=self.clock.now(),
                        operator=operator,
                        etype=d.etype,
                        eid=d.eid,
                        kind=d.kind,
                        fields=dict(d.fields),
                        bases=bases,
                    )
                )
            result = self._apply_batch(raws, "local", strict=True, signed_here=True)
        self._emit(result)
        return result

    # ------------------------------------------------------------------ reading

    def _state(self, etype: str, eid: str) -> EntityState | None:
        with self.engine.connect() as c:
            blob = c.execute(
                select(m.entity.c.mstate).where(m.entity.c.etype == etype, m.entity.c.eid == eid)
            ).scalar()
        return EntityState.from_bytes(etype, eid, blob) if blob is not None else None

    def _states_of(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], EntityState | None]:
        out: dict[tuple[str, str], EntityState | None] = dict.fromkeys(keys)
        by_type: dict[str, list[str]] = {}
        for etype, eid in keys:
            by_type.setdefault(etype, []).append(eid)
        t = m.entity
        with self.engine.connect() as c:
            for etype, eids in by_type.items():
                for i in range(0, len(eids), 500):
                    q = select(t.c.eid, t.c.mstate).where(
                        t.c.etype == etype, t.c.eid.in_(eids[i : i + 500])
                    )
                    for eid, blob in c.execute(q):
                        out[(etype, eid)] = EntityState.from_bytes(etype, eid, bytes(blob))
        return out

    def states(self) -> Iterator[EntityState]:
        """Every entity's merge state (deleted ones too), for the dump and for tests."""
        t = m.entity
        with self.engine.connect() as c:
            q = select(t.c.etype, t.c.eid, t.c.mstate).order_by(t.c.etype, t.c.eid)
            for etype, eid, blob in c.execution_options(yield_per=2000).execute(q):
                yield EntityState.from_bytes(etype, eid, bytes(blob))

    def dump(self) -> str:
        """The canonical JSON dump of the replicated state (see ``app.store.dump``)."""
        return dump_states(self.states())

    def version_vector(self) -> dict[str, int]:
        with FOREGROUND.holding(self._lock):
            return dict(self._vv)

    def op_count(self) -> int:
        return sum(self.version_vector().values())

    @staticmethod
    def _entity(row: Any) -> Entity:
        """An Entity from a row of ``_ENTITY_COLUMNS`` (in that order)."""
        etype, eid, data, deleted, conflicted, incident_id, c_hlc, c_origin, c_by, u_hlc = row
        return Entity(etype, eid, json.loads(data), bool(deleted), bool(conflicted), incident_id,
                      c_hlc, c_origin, c_by, u_hlc)

    def get(self, etype: str, eid: str) -> Entity | None:
        t = m.entity
        with self.engine.connect() as c:
            row = c.execute(select(*_ENTITY_COLUMNS).where(t.c.etype == etype, t.c.eid == eid)).first()
        return self._entity(row) if row else None

    def count(self, etype: str) -> int:
        """How many live (not deleted) entities of one type there are."""
        t = m.entity
        with self.engine.connect() as c:
            q = select(func.count()).select_from(t).where(t.c.etype == etype, t.c.deleted.is_(False))
            return int(c.execute(q).scalar() or 0)

    def get_many(self, etype: str, eids: list[str]) -> dict[str, Entity]:
        """The entities of one type among ``eids`` that exist (deleted ones too), in one query
        per 500 ids."""
        t = m.entity
        out: dict[str, Entity] = {}
        with self.engine.connect() as c:
            for i in range(0, len(eids), 500):
                q = select(*_ENTITY_COLUMNS).where(t.c.etype == etype, t.c.eid.in_(eids[i : i + 500]))
                out.update((row[1], self._entity(row)) for row in c.execute(q))
        return out

    def entities(
        self,
        etype: str | None = None,
        *,
        incident_id: str | None = None,
        parent_id: str | None = None,
        include_deleted: bool = False,
    ) -> list[Entity]:
        """``parent_id`` (with ``etype``): the children named by the spec's parent field, found
        through an index — a task's feedback, a depot's stock movements, a message's receipts."""
        t = m.entity
        q = select(*_ENTITY_COLUMNS)  # not the merge state: a bulk read stays light
        if etype is not None:
            q = q.where(t.c.etype == etype)
        if incident_id is not None:
            q = q.where(t.c.incident_id == incident_id)
        if parent_id is not None:
            q = q.where(t.c.parent_id == parent_id)
        if not include_deleted:
            q = q.where(t.c.deleted.is_(False))
        with self.engine.connect() as c:
            return list(map(self._entity, c.execute(q.order_by(t.c.etype, t.c.eid))))

    def conflicts(self) -> list[Conflict]:
        t = m.entity
        out: list[Conflict] = []
        with self.engine.connect() as c:
            rows = c.execute(
                select(t.c.etype, t.c.eid, t.c.mstate)
                .where(t.c.conflicted.is_(True))
                .order_by(t.c.etype, t.c.eid)
            ).all()
        for etype, eid, blob in rows:
            st = EntityState.from_bytes(etype, eid, blob)
            for name, (win, losers) in sorted(st.conflicts().items()):
                out.append(Conflict(etype, eid, name, win, tuple(losers)))
        return out

    def heads(self, etype: str, eid: str, name: str) -> list[Version]:
        st = self._state(etype, eid)
        fs = st.fields.get(name) if st else None
        return list(fs.heads) if fs else []

    def history(self, etype: str, eid: str) -> list[tuple[Op, str, str | None]]:
        """Every op that touched an entity, oldest first, with its status and reason."""
        t = m.oplog
        with self.engine.connect() as c:
            rows = c.execute(
                select(t.c.raw, t.c.status, t.c.reason)
                .where(t.c.etype == etype, t.c.eid == eid)
                .order_by(t.c.hlc, t.c.origin)
            ).all()
        return [(decode(bytes(raw)), status, reason) for raw, status, reason in rows]

    def received_ms(self, etype: str) -> dict[str, int]:
        """For each entity of a type, when this post first held an op of it (its own write, or
        the arrival from a peer): UTC ms of the earliest applied op received here."""
        t = m.oplog
        q = (select(t.c.eid, func.min(t.c.received_ms))
             .where(t.c.etype == etype, t.c.status == "applied").group_by(t.c.eid))
        with self.engine.connect() as c:
            return {str(eid): int(ms) for eid, ms in c.execute(q)}

    def oplog_rows(
        self,
        *,
        status: str | None = None,
        after_hlc: int | None = None,
        until_hlc: int | None = None,
    ) -> Iterator[tuple[str, int, int, str, bytes]]:
        """(origin, seq, hlc, status, raw) in HLC order; streamed, for replay and backup."""
        t = m.oplog
        q = select(t.c.origin, t.c.seq, t.c.hlc, t.c.status, t.c.raw).order_by(t.c.hlc, t.c.origin)
        if status is not None:
            q = q.where(t.c.status == status)
        if after_hlc is not None:
            q = q.where(t.c.hlc > after_hlc)
        if until_hlc is not None:
            q = q.where(t.c.hlc <= until_hlc)
        with self.engine.connect() as c:
            for row in c.execution_options(stream_results=True, yield_per=2000).execute(q):
                yield row.origin, row.seq, row.hlc, row.status, bytes(row.raw)

    def ops_missing_from(self, vv: Mapping[str, int]) -> Iterator[bytes]:
        """Every op held here that a peer with version vector ``vv`` lacks, in per-origin order."""
        t = m.oplog
        mine = self.version_vector()
        with self.engine.connect() as c:
            for origin in sorted(mine):
                have = int(vv.get(origin, 0))
                if mine[origin] <= have:
                    continue
                q = select(t.c.raw).where(t.c.origin == origin, t.c.seq > have).order_by(t.c.seq)
                for (raw,) in c.execute(q):
                    yield bytes(raw)

    def ops_after(self, vv: Mapping[str, int], limit: int) -> list[tuple[str, int, int, bytes]]:
        """Up to ``limit`` ops a holder of ``vv`` lacks, as (origin, seq, hlc, raw), oldest HLC
        first across origins — close to causal order, so receivers rarely have to hold an op —
        and in sequence order within each origin, which receivers require.

        A k-way merge over one cursor per origin: each origin is read in pages (the first a fair
        share of ``limit``, each next one twice as long, never more than still fits), so about
        ``limit`` rows are read in all rather than ``limit`` from every origin."""
        t = m.oplog
        mine = self.version_vector()
        behind = {o: int(vv.get(o, 0)) for o, top in mine.items() if top > int(vv.get(o, 0))}
        if limit <= 0 or not behind:
            return []
        pages = {o: max(1, -(-limit // len(behind))) for o in behind}  # ceil(limit / k)
        after = dict(behind)  # each origin's cursor: the last seq read
        buffered: dict[str, Iterator[tuple[int, int, bytes]]] = {}
        heap: list[tuple[int, str, int, bytes]] = []
        out: list[tuple[str, int, int, bytes]] = []
        with self.engine.connect() as c:

            def advance(origin: str) -> None:
                """Push the origin's next row on the heap, reading its next page if needed."""
                row = next(buffered[origin], None) if origin in buffered else None
                if row is None:
                    want = min(pages[origin], limit - len(out))
                    pages[origin] *= 2
                    q = (
                        select(t.c.seq, t.c.hlc, t.c.raw)
                        .where(t.c.origin == origin, t.c.seq > after[origin])
                        .order_by(t.c.seq)
                        .limit(want)
                    )
                    buffered[origin] = iter([(r.seq, r.hlc, bytes(r.raw)) for r in c.execute(q)])
                    row = next(buffered[origin], None)
                    if row is None:
                        return  # this origin is exhausted
                seq, hlc, raw = row
                after[origin] = seq
                # a per-origin HLC is monotonic in seq, so (hlc, origin) keeps each origin's order
                heapq.heappush(heap, (hlc, origin, seq, raw))

            for origin in behind:
                advance(origin)
            while heap and len(out) < limit:
                hlc, origin, seq, raw = heapq.heappop(heap)
                out.append((origin, seq, hlc, raw))
                if len(out) < limit:
                    advance(origin)
        return out

    def refused(self) -> list[tuple[str, int, str | None, str | None]]:
        t = m.oplog
        with self.engine.connect() as c:
            return [
                (r.origin, r.seq, r.etype, r.reason)
                for r in c.execute(select(t).where(t.c.status == "refused").order_by(t.c.hlc))
            ]

    def quarantined(self) -> list[tuple[int, str, str]]:
        t = m.quarantine
        with self.engine.connect() as c:
            return [
                (r.received_ms, r.source, r.reason) for r in c.execute(select(t).order_by(t.c.id))
            ]

    def held_count(self) -> int:
        with FOREGROUND.holding(self._lock):
            return self._held.count()

    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> None:
        with self.engine.connect() as c:
            c.execute(text("SELECT 1"))
