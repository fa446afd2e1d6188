"""``apply``: the single write path. Every change, local or remote, passes through here.

For each op: decode the envelope; drop an exact duplicate; hold it when its origin is not in the
roster yet or an earlier op of its origin is missing; verify the signature; keep an op of a newer
format version as it is; validate the fields and the origin's role; merge it into the entity;
append it to the op log — all of one batch in one transaction. Input that is not a genuine op
goes to the quarantine with its reason; a genuine op that breaks a rule is kept in the op log as
*refused* with its reason (it holds its place in the origin's sequence, and relays pass it on).
Nothing in a batch is lost because of another op in it.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from app.domain import SPECS
from app.domain.roles import PostInfo, awaits, refusal
from app.foreground import FOREGROUND
from app.identity import Anchor
from app.ops import FORMAT_VERSION, Envelope, Op, OpError, VersionRef, op_from_map, open_envelope
from app.ops import post_id_of as _post_id_of
from app.store import models as m
from app.store.merge import EntityState

log = logging.getLogger(__name__)

PREFETCH_CHUNK = 400
PARALLEL_VERIFY_MIN = 64
_pool: ThreadPoolExecutor | None = None


def _verifier() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verify")
    return _pool


@dataclass
class ApplyResult:
    """What one call of ``apply`` did; ``changed`` names the entities whose state changed."""

    applied: int = 0
    duplicates: int = 0
    refused: list[tuple[str, int, str]] = field(default_factory=list)  # origin, seq, reason
    quarantined: list[str] = field(default_factory=list)  # reasons
    held: int = 0
    future: int = 0
    released: int = 0  # held ops applied this time
    changed: set[tuple[str, str]] = field(default_factory=set)
    applied_ops: list[Op] = field(default_factory=list)

    def merge(self, other: ApplyResult) -> None:
        self.applied += other.applied
        self.duplicates += other.duplicates
        self.refused += other.refused
        self.quarantined += other.quarantined
        self.held += other.held
        self.future += other.future
        self.released += other.released
        self.changed |= other.changed
        self.applied_ops += other.applied_ops


def entity_row(state: EntityState) -> dict[str, Any]:
    spec = SPECS[state.etype]
    values = state.values()
    incident = values.get(spec.incident_field) if spec.incident_field else None
    parent = values.get(spec.parent_field) if spec.parent_field else None
    return {
        "etype": state.etype,
        "eid": state.eid,
        "incident_id": incident if isinstance(incident, str) else None,
        "parent_id": parent if isinstance(parent, str) else None,
        "deleted": state.deleted,
        "conflicted": bool(state.conflicts()),
        "created_hlc": state.created[0] if state.created else 0,
        "created_origin": state.created[1] if state.created else "",
        "created_by": state.created[2] if state.created else "",
        "updated_hlc": state.updated,
        "data": json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "mstate": state.to_bytes(),
    }


def validate(op: Op) -> str | None:
    """Schema problems of a format-1 op, or None."""
    spec = SPECS.get(op.etype)
    if spec is None:
        return f"invalid: unknown entity type {op.etype!r}"
    if spec.append_only != (op.kind == "add"):
        return f"invalid: {op.etype} is {'append-only' if spec.append_only else 'not append-only'}"
    if op.kind == "del":
        return "invalid: a delete carries no fields" if op.fields else None
    if not op.fields:
        return "invalid: no fields"
    problem = spec.check_fields(op.fields, creating=False)
    if problem:
        return f"invalid: {problem}"
    if op.etype == "post":
        key = op.fields.get("sign_key")
        if key is not None:
            try:
                if _post_id_of(bytes.fromhex(key)) != op.eid:
                    return "invalid: a post's id must be derived from its signing key"
            except ValueError:
                return "invalid: sign_key is not hex"
    return None


@dataclass
class HeldIndex:
    """Which ops are held: per origin the sequence numbers, per awaited entity the ops."""

    by_origin: dict[str, set[int]] = field(default_factory=dict)
    waiting: dict[str, set[tuple[str, int]]] = field(default_factory=dict)
    awaits_of: dict[tuple[str, int], str] = field(default_factory=dict)

    def add(self, origin: str, seq: int, awaits: str | None) -> None:
        self.by_origin.setdefault(origin, set()).add(seq)
        if awaits:
            self.waiting.setdefault(awaits, set()).add((origin, seq))
            self.awaits_of[(origin, seq)] = awaits

    def discard(self, origin: str, seq: int) -> bool:
        seqs = self.by_origin.get(origin)
        if not seqs or seq not in seqs:
            return False
        seqs.discard(seq)
        if not seqs:
            del self.by_origin[origin]
        key = self.awaits_of.pop((origin, seq), None)
        if key is not None:
            self.waiting[key].discard((origin, seq))
            if not self.waiting[key]:
                del self.waiting[key]
        return True

    def count(self) -> int:
        return sum(len(s) for s in self.by_origin.values())

    def copy(self) -> HeldIndex:
        return HeldIndex(
            {o: set(s) for o, s in self.by_origin.items()},
            {k: set(v) for k, v in self.waiting.items()},
            dict(self.awaits_of),
        )


class Batch:
    """One transaction of ``apply``: caches entity states, the version vector and held ops."""

    def __init__(
        self,
        conn: Connection,
        *,
        anchor: Anchor,
        vv: dict[str, int],
        held: HeldIndex,
        source: str,
        observe: Callable[[int], bool],
        strict: bool = False,
        signed_here: bool = False,
    ) -> None:
        self.conn = conn
        # ops this post signed a moment ago in ``Store.write``: checking its own signatures
        # again would cost as much as making them (half the signing work of a big import)
        self.signed_here = signed_here
        self.anchor = anchor
        self.vv = vv  # updated in place; the store keeps it only if the batch commits
        self.held = held  # likewise
        self.strict = strict  # this post's own ops: refuse rather than hold
        self.source = source
        self.observe = observe
        self.now = time.time_ns() // 1_000_000
        self.states: dict[tuple[str, str], EntityState | None] = {}
        self.dirty: set[tuple[str, str]] = set()
        self.new: set[tuple[str, str]] = set()
        self.oplog_rows: list[dict[str, Any]] = []
        self.quarantine_rows: list[dict[str, Any]] = []
        self.held_new: dict[tuple[str, int], dict[str, Any]] = {}
        self.held_released: list[tuple[str, int]] = []
        self.result = ApplyResult()
        self.roster_changed = False
        self.verified: dict[int, bool] = {}  # id(envelope) -> signature checked ahead
        self.touched: list[tuple[str, str]] = []  # entities just changed: ops may wait for them

    # ------------------------------------------------------------------ entity cache

    def prefetch(self, keys: Iterable[tuple[str, str]]) -> None:
        wanted = [k for k in set(keys) if k not in self.states]
        for k in wanted:
            self.states[k] = None
        by_type: dict[str, list[str]] = defaultdict(list)
        for etype, eid in wanted:
            by_type[etype].append(eid)
        for etype, eids in by_type.items():
            for i in range(0, len(eids), PREFETCH_CHUNK):
                chunk = eids[i : i + PREFETCH_CHUNK]
                rows = self.conn.execute(
                    select(m.entity.c.eid, m.entity.c.mstate).where(
                        m.entity.c.etype == etype, m.entity.c.eid.in_(chunk)
                    )
                )
                for eid, mstate in rows:
                    self.states[(etype, eid)] = EntityState.from_bytes(etype, eid, mstate)

    def state(self, etype: str, eid: str) -> EntityState | None:
        key = (etype, eid)
        if key not in self.states:
            self.prefetch([key])
        return self.states[key]

    def lookup(self, etype: str, eid: str) -> Mapping[str, Any] | None:
        s = self.state(etype, eid)
        return s.values() if s is not None else None

    def assignees(self, task_id: str) -> set[str]:
        s = self.state("task", task_id)
        return s.assignees if s is not None else set()

    def post_info(self, post_id: str) -> tuple[PostInfo, bytes] | None:
        """The roster entry and signing key of a post, or None when it is not known yet."""
        roster = self.lookup("post", post_id)
        if post_id == self.anchor.post_id:
            role = str((roster or {}).get("role", "rear"))
            return PostInfo(post_id, role, authority=True), self.anchor.sign_key
        if roster is None or "sign_key" not in roster or "role" not in roster:
            return None
        info = PostInfo(post_id, str(roster["role"]), revoked=bool(roster.get("revoked")))
        return info, bytes.fromhex(str(roster["sign_key"]))

    # ------------------------------------------------------------------ taking ops

    def take_all(self, raws: Iterable[bytes]) -> None:
        """Open every envelope first, fetch the entities they touch in a few queries, then take."""
        opened: list[tuple[Envelope, dict[str, Any]]] = []
        for raw in raws:
            try:
                opened.append(open_envelope(raw))
            except OpError as exc:
                self._quarantine(raw, str(exc))
        self.prefetch(
            (b["t"], b["i"])
            for _, b in opened
            if isinstance(b.get("t"), str) and isinstance(b.get("i"), str)
        )
        self._verify_ahead([env for env, _ in opened])
        for env, body in opened:
            FOREGROUND.give_way()  # a peer's burst waits while the window paints
            self.take(env, body)

    def _verify_ahead(self, envs: list[Envelope]) -> None:
        """Check the signatures of a large batch on two threads (the library releases the GIL);
        signing keys are bound to post ids, so the answers stay true for the whole batch."""
        if self.signed_here:
            self.verified = {id(env): True for env in envs}
            return
        if len(envs) < PARALLEL_VERIFY_MIN:
            return
        keys: dict[str, bytes | None] = {}
        for env in envs:
            if env.post_id not in keys:
                info = self.post_info(env.post_id)
                keys[env.post_id] = info[1] if info else None
        todo = [(env, keys[env.post_id]) for env in envs if keys[env.post_id] is not None]
        results = _verifier().map(lambda pair: pair[0].verify(pair[1]), todo, chunksize=64)
        self.verified = {id(env): ok for (env, _k), ok in zip(todo, results, strict=True)}

    def take(self, env: Envelope, body: dict[str, Any]) -> None:
        """Take one op, then every held op it unblocks: its origin's next op, ops waiting for an
        entity it created, ops of posts it enrolled. A work queue, not recursion."""
        queue: deque[tuple[Envelope, dict[str, Any], bool]] = deque([(env, body, False)])
        while queue:
            env, body, was_held = queue.popleft()
            advanced = self._take_one(env, body)
            candidates: list[tuple[str, int]] = []
            if advanced is not None:
                self.result.released += was_held
                candidates.append((advanced, self.vv.get(advanced, 0) + 1))
            for key in self.touched:
                candidates += sorted(self.held.waiting.get(f"{key[0]}/{key[1]}", ()))
            self.touched.clear()
            if self.roster_changed:
                self.roster_changed = False
                candidates += [
                    (o, min(seqs)) for o, seqs in sorted(self.held.by_origin.items()) if seqs
                ]
            for origin, seq in candidates:
                if seq != self.vv.get(origin, 0) + 1:
                    continue
                raw = self._pop_held(origin, seq)
                if raw is None:
                    continue
                try:
                    queue.append((*open_envelope(raw), True))
                except OpError as exc:  # cannot happen for what we held; never lose the batch
                    self._quarantine(raw, str(exc))

    def _take_one(self, env: Envelope, body: dict[str, Any]) -> str | None:
        """Returns the origin when its sequence advanced (so a held successor may follow)."""
        have = self.vv.get(env.origin, 0)
        if env.seq <= have:
            self._duplicate(env)
            return None
        if env.seq in self.held.by_origin.get(env.origin, ()):
            self.result.duplicates += 1  # already held, waiting
            return None
        who = self.post_info(env.post_id)
        if who is None:
            self._hold(env, "unknown origin: waiting for its roster entry")
            return None
        ok = self.verified.pop(id(env), None)
        if not (ok if ok is not None else env.verify(who[1])):
            self._quarantine(env.raw, "bad signature", env)
            return None
        if env.seq > have + 1:
            self._hold(env, f"gap: waiting for op {have + 1} of this origin")
            return None
        if env.v > FORMAT_VERSION:
            self._log(env, None, "future", f"format version {env.v}: kept until upgrade")
            self.result.future += 1
            return env.origin
        try:
            op = op_from_map(env, body)
        except OpError as exc:
            self._log(env, None, "refused", f"invalid: {exc}")
            return env.origin
        reason = validate(op)
        if reason is None:
            needed = awaits(op, who[0], self.lookup, self.assignees)
            if needed is not None and not self.strict:  # our own ops: nothing is on its way
                self._hold(
                    env, f"waiting for {needed[0]} {needed[1]}", awaits=f"{needed[0]}/{needed[1]}"
                )
                return None
            reason = refusal(op, who[0], self.lookup, self.assignees)
            if reason is None and needed is not None:
                reason = f"forbidden: no {needed[0]} {needed[1]} that this post may work on"
        if reason:
            self._log(env, op, "refused", reason)
        else:
            self._absorb(op)
            self._log(env, op, "applied", None)
        return env.origin

    def _absorb(self, op: Op) -> None:
        key = (op.etype, op.eid)
        state = self.state(*key)
        if state is None:
            state = self.states[key] = EntityState(op.etype, op.eid)
            self.new.add(key)
        state.absorb(op, self.seen)
        if self.held.waiting:
            self.touched.append(key)
        self.dirty.add(key)
        self.result.changed.add(key)
        self.result.applied_ops.append(op)
        if op.etype == "post":
            self.roster_changed = True
        self.observe(op.hlc)

    def seen(self, ref: VersionRef) -> bool:
        origin, seq = ref
        return seq <= self.vv.get(origin, 0)

    def _log(self, env: Envelope, op: Op | None, status: str, reason: str | None) -> None:
        self.oplog_rows.append(
            {
                "origin": env.origin,
                "seq": env.seq,
                "hlc": env.hlc,
                "etype": op.etype if op else None,
                "eid": op.eid if op else None,
                "status": status,
                "reason": reason,
                "received_ms": self.now,
                "raw": env.raw,
            }
        )
        self.vv[env.origin] = env.seq
        if status == "applied":
            self.result.applied += 1
        elif status == "refused":
            self.result.refused.append((env.origin, env.seq, reason or ""))
            log.warning("refused op %s/%d from %s: %s", env.origin, env.seq, self.source, reason)

    def _duplicate(self, env: Envelope) -> None:
        stored = self.conn.execute(
            select(m.oplog.c.raw).where(m.oplog.c.origin == env.origin, m.oplog.c.seq == env.seq)
        ).scalar()
        if stored is None:  # written earlier in this batch
            stored = next(
                (
                    r["raw"]
                    for r in self.oplog_rows
                    if (r["origin"], r["seq"]) == (env.origin, env.seq)
                ),
                None,
            )
        if stored is None or bytes(stored) == env.raw:
            self.result.duplicates += 1
        else:
            self._quarantine(env.raw, "equivocation: another op has this origin and number", env)

    def _quarantine(self, raw: bytes, reason: str, env: Envelope | None = None) -> None:
        self.quarantine_rows.append(
            {
                "received_ms": self.now,
                "source": self.source[:200],
                "reason": reason,
                "origin": env.origin if env else None,
                "seq": env.seq if env else None,
                "raw": bytes(raw)[: 1 << 20],
            }
        )
        self.result.quarantined.append(reason)
        log.warning("quarantined input from %s: %s", self.source, reason)

    def _hold(self, env: Envelope, reason: str, awaits: str | None = None) -> None:
        self.held_new[(env.origin, env.seq)] = {
            "origin": env.origin,
            "seq": env.seq,
            "reason": reason,
            "awaits": awaits,
            "received_ms": self.now,
            "raw": env.raw,
        }
        self.held.add(env.origin, env.seq, awaits)
        self.result.held += 1

    def _pop_held(self, origin: str, seq: int) -> bytes | None:
        if not self.held.discard(origin, seq):
            return None
        row = self.held_new.pop((origin, seq), None)
        if row is not None:
            self.result.held -= 1
            return bytes(row["raw"])
        raw = self.conn.execute(
            select(m.held.c.raw).where(m.held.c.origin == origin, m.held.c.seq == seq)
        ).scalar()
        self.held_released.append((origin, seq))
        return bytes(raw) if raw is not None else None

    # ------------------------------------------------------------------ writing

    def flush(self) -> None:
        c = self.conn
        if self.oplog_rows:
            c.execute(insert(m.oplog), self.oplog_rows)
        if self.quarantine_rows:
            c.execute(insert(m.quarantine), self.quarantine_rows)
        if self.held_released:
            for i in range(0, len(self.held_released), PREFETCH_CHUNK):
                chunk = self.held_released[i : i + PREFETCH_CHUNK]
                c.execute(
                    delete(m.held).where(
                        or_(*(and_(m.held.c.origin == o, m.held.c.seq == s) for o, s in chunk))
                    )
                )
        if self.held_new:
            c.execute(insert(m.held), list(self.held_new.values()))
        new_rows: list[dict[str, Any]] = []
        changed_rows: list[dict[str, Any]] = []
        for key in self.dirty:
            state = self.states[key]
            assert state is not None
            row = entity_row(state)
            (new_rows if key in self.new else changed_rows).append(row)
        if new_rows:
            c.execute(insert(m.entity), new_rows)
        if changed_rows:
            t = m.entity
            stmt = (
                update(t)
                .where(t.c.etype == bindparam("k_etype"), t.c.eid == bindparam("k_eid"))
                .values(
                    {
                        col: bindparam(col)
                        for col in (
                            "incident_id",
                            "parent_id",
                            "deleted",
                            "conflicted",
                            "created_hlc",
                            "created_origin",
                            "created_by",
                            "updated_hlc",
                            "data",
                            "mstate",
                        )
                    }
                )
            )
            for row in changed_rows:
                row["k_etype"], row["k_eid"] = row.pop("etype"), row.pop("eid")
            c.execute(stmt, changed_rows)
