"""The merge: how one entity's state absorbs an op, so that every post computes the same value.

Per field, each put is a *version* named by its op ``(origin, seq)``. The versions that no other
version names as its base are the *heads*. One head: that is the value. Several heads (writes
where neither author saw the other): the winner is the highest ``(hlc, origin)`` — for a task's
status the furthest state first — and the others are the conflict record. Only the heads are
kept, plus the base references whose version has not arrived yet, so the state is small; the
result depends only on the set of ops, never on their order.

Deletes are a put of the reserved field ``deleted``, so delete, edit and undelete merge by the
same rule. Append-only records are written once; were two ops ever to claim one id, the earliest
``(hlc, origin)`` is kept, on every post alike.

This module is pure: no database, no I/O. The store keeps an ``EntityState`` per entity; the
replay builds them in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgpack

from app.domain.task import STATUS_RANK
from app.ops import Op, VersionRef, unpack

DELETED = "deleted"

Seen = Callable[[VersionRef], bool]  # has the op named by this reference been received here?


@dataclass(slots=True)
class Version:
    origin: str
    seq: int
    hlc: int
    value: Any

    @property
    def ref(self) -> VersionRef:
        return (self.origin, self.seq)


def _rank_key(etype: str, name: str) -> Callable[[Version], tuple[Any, ...]]:
    if etype == "task" and name == "status":
        return lambda v: (STATUS_RANK.get(v.value, -1), v.hlc, v.origin)
    return lambda v: (v.hlc, v.origin)


@dataclass(slots=True)
class FieldState:
    heads: list[Version] = field(default_factory=list)
    pending: set[VersionRef] = field(default_factory=set)


@dataclass(slots=True)
class EntityState:
    etype: str
    eid: str
    fields: dict[str, FieldState] = field(default_factory=dict)
    created: tuple[int, str, str] | None = None  # (hlc, origin, operator) of the earliest op
    updated: int = 0  # highest hlc of any op applied to it
    record: dict[str, Any] | None = None  # append-only: the fields as written
    assignees: set[str] = field(default_factory=set)  # task: everyone it was ever assigned to

    # ------------------------------------------------------------------ reading

    def winner(self, name: str) -> Version | None:
        fs = self.fields.get(name)
        if fs is None or not fs.heads:
            return None
        if len(fs.heads) == 1:  # the common case: no conflict to rank
            return fs.heads[0]
        return max(fs.heads, key=_rank_key(self.etype, name))

    def values(self) -> dict[str, Any]:
        """The current value of every field (append-only: the record); None values left out."""
        if self.record is not None:
            return dict(self.record)
        out: dict[str, Any] = {}
        for name in self.fields:
            if name == DELETED:
                continue
            w = self.winner(name)
            if w is not None and w.value is not None:
                out[name] = w.value
        return out

    @property
    def deleted(self) -> bool:
        w = self.winner(DELETED)
        return bool(w is not None and w.value)

    def conflicts(self) -> dict[str, tuple[Version, list[Version]]]:
        """Fields with several heads: the winner and the losers, losers in rank order."""
        out: dict[str, tuple[Version, list[Version]]] = {}
        for name, fs in self.fields.items():
            if len(fs.heads) > 1:
                ranked = sorted(fs.heads, key=_rank_key(self.etype, name), reverse=True)
                out[name] = (ranked[0], ranked[1:])
        return out

    def head_refs(self, name: str) -> list[VersionRef]:
        """What a new write of this field has seen: every current head (resolves a conflict)."""
        fs = self.fields.get(name)
        return sorted(v.ref for v in fs.heads) if fs else []

    # ------------------------------------------------------------------ merging

    def absorb(self, op: Op, seen: Seen) -> None:
        """Merge one valid op. ``seen`` tells whether a base reference's op has arrived."""
        creator = (op.hlc, op.origin, op.operator)
        if self.created is None or creator[:2] < self.created[:2]:
            self.created = creator
        self.updated = max(self.updated, op.hlc)
        if op.kind == "add":
            if self.record is None or creator[:2] <= self.created[:2]:
                self.record = dict(op.fields)
            return
        if op.etype == "task" and isinstance(op.fields.get("assignee"), str):
            self.assignees.add(op.fields["assignee"])
        puts = {DELETED: True} if op.kind == "del" else op.fields
        for name, value in puts.items():
            fs = self.fields.get(name)
            if fs is None:
                fs = self.fields[name] = FieldState()
            superseded = op.ref in fs.pending
            if superseded:
                fs.pending.discard(op.ref)
            for base in op.bases.get(name, ()):
                for i, head in enumerate(fs.heads):
                    if head.ref == base:
                        del fs.heads[i]
                        break
                else:
                    if not seen(base):
                        fs.pending.add(base)
            if not superseded:
                fs.heads.append(Version(op.origin, op.seq, op.hlc, value))
                fs.heads.sort(key=lambda v: v.ref)

    # ------------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        return bytes(
            msgpack.packb(
                {
                    "f": {
                        n: {
                            "h": [[v.origin, v.seq, v.hlc, v.value] for v in fs.heads],
                            "p": sorted([list(r) for r in fs.pending]),
                        }
                        for n, fs in self.fields.items()
                    },
                    "c": list(self.created) if self.created else None,
                    "u": self.updated,
                    "r": self.record,
                    "a": sorted(self.assignees),
                },
                use_bin_type=True,
            )
        )

    @classmethod
    def from_bytes(cls, etype: str, eid: str, data: bytes) -> EntityState:
        m = unpack(data)
        fields = {
            n: FieldState(
                heads=[Version(o, s, h, v) for o, s, h, v in f["h"]],
                pending={(o, s) for o, s in f["p"]},
            )
            for n, f in m["f"].items()
        }
        created = (m["c"][0], m["c"][1], m["c"][2]) if m["c"] else None
        return cls(etype, eid, fields, created, m["u"], m["r"], set(m.get("a", ())))
