"""What arrived while this post was offline, grouped for a person: new orders first.

``build_digest`` takes the ops that came from other posts after a link returned
(``ui.link.LinkMonitor.digestReady``) and groups the records they touched by kind — tasks, then
warnings, then reports, then the rest in the core's order — each with a count, its title or name
as it stands now, whether it is new, who sent it and when. Only the first ``limit`` records of a
kind are read from the store, so a catch-up of ten thousand ops costs the GUI thread little; the
counts stay exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from app.domain import SPECS
from app.ops import Op, hlc_ms
from app.store.store import Entity, Store
from ui import labels
from ui.models.names import NameBook

FIRST = ("task", "feedback", "warning", "report")  # orders and their feedback, warnings, reports
LIMIT = 50  # records read per kind
TEXT_CHARS = 60


@dataclass
class DigestItem:
    etype: str
    eid: str
    text: str
    new: bool
    deleted: bool
    post: str  # the post that sent the latest change
    operator: str
    time_ms: int


@dataclass
class DigestGroup:
    etype: str
    count: int  # records of this kind touched (all of them, also those not listed)
    items: list[DigestItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return labels.arg(QCoreApplication.translate("Digest", "%1 (%2)"),
                          labels.ENTITY_TYPE(self.etype), self.count)


@dataclass
class Digest:
    groups: list[DigestGroup]
    ops: int  # changes received

    @property
    def records(self) -> int:
        return sum(g.count for g in self.groups)

    def count(self, etype: str) -> int:
        return next((g.count for g in self.groups if g.etype == etype), 0)

    def texts(self, etype: str) -> list[str]:
        return next(([i.text for i in g.items] for g in self.groups if g.etype == etype), [])


def kind_rank(etype: str) -> tuple[int, int]:
    if etype in FIRST:
        return (0, FIRST.index(etype))
    order = list(SPECS)
    return (1, order.index(etype) if etype in order else len(order))


def _short(text: object) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= TEXT_CHARS else s[: TEXT_CHARS - 1] + "…"


def describe(store: Store, names: NameBook, etype: str, entity: Entity | None, eid: str) -> str:
    """A record in a few words: a task's title and status, a report's kind and incident …"""
    if entity is None:
        return eid[:8]
    d = entity.data
    if etype == "task":
        return labels.arg(QCoreApplication.translate("Digest", "%1 · %2"),
                          d.get("title") or eid[:8], labels.TASK_STATUS(d.get("status")))
    if etype == "warning":
        return labels.arg(QCoreApplication.translate("Digest", "[%1] %2"),
                          labels.WARNING_LEVEL(d.get("level")), d.get("title") or eid[:8])
    if etype == "report":
        parts = [labels.REPORT_KIND(d.get("kind"))]
        if d.get("category"):
            parts.append(labels.REPORT_CATEGORY(d.get("category")))
        if d.get("incident_id"):
            parts.append(names.incident(d.get("incident_id")))
        if d.get("text"):
            parts.append(_short(d.get("text")))
        return QCoreApplication.translate("Digest", " · ").join(parts)
    if etype == "feedback":
        task = names.name("task", d.get("task_id"))
        what = labels.TASK_STATUS(d.get("status")) if d.get("status") else _short(d.get("text"))
        return labels.arg(QCoreApplication.translate("Digest", "%1: %2"), task, what)
    spec = SPECS.get(etype)
    if spec is not None and spec.label_field and d.get(spec.label_field):
        return _short(d.get(spec.label_field))
    if d.get("text"):
        return _short(d.get("text"))
    if d.get("name") or d.get("title"):
        return _short(d.get("name") or d.get("title"))
    return eid[:8]


def build_digest(store: Store, names: NameBook, ops: Iterable[Op], limit: int = LIMIT) -> Digest:
    latest: dict[tuple[str, str], Op] = {}
    stamps: dict[tuple[str, str], set[tuple[str, int]]] = {}  # (origin, hlc) of each op received
    n = 0
    for op in ops:
        n += 1
        key = (op.etype, op.eid)
        stamps.setdefault(key, set()).add((op.origin, op.hlc))
        if key not in latest or op.hlc >= latest[key].hlc:
            latest[key] = op
    by_kind: dict[str, list[Op]] = {}
    for (etype, _eid), op in latest.items():
        by_kind.setdefault(etype, []).append(op)
    groups = []
    for etype in sorted(by_kind, key=kind_rank):
        kind_ops = sorted(by_kind[etype], key=lambda o: o.hlc, reverse=True)
        group = DigestGroup(etype, len(kind_ops))
        for op in kind_ops[:limit]:
            entity = store.get(etype, op.eid)
            # new: the op that created the record is among those received
            new = entity is not None and (
                (entity.created_origin, entity.created_hlc) in stamps[(etype, op.eid)])
            group.items.append(DigestItem(
                etype=etype, eid=op.eid, text=describe(store, names, etype, entity, op.eid),
                new=new, deleted=bool(entity is not None and entity.deleted),
                post=names.origin_post(op.origin), operator=op.operator, time_ms=hlc_ms(op.hlc),
            ))
        group.items.sort(key=lambda i: not i.new)  # new records first, newest first within
        groups.append(group)
    return Digest(groups, n)
