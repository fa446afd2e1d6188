"""Imported records become ops of this post: one write path, stable ids, nothing duplicated.

An importer (GeoJSON, KML, CSV, CAP, CoT …) turns its input into ``Record``\\ s — an entity type,
an id derived from the source's own id (``stable_id``), and the fields — plus ``Problem``\\ s for
the parts it could not read (with the line or element at fault). ``write_records`` compares each
record with what the store holds and writes only the difference, so importing the same file twice
adds nothing. A record the rules refuse is reported and skipped; the others are still taken, and
nothing already stored changes because of a bad record.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain import SPECS
from app.store.store import Draft, Entity, Refused, Store

CHUNK = 500
_NAMESPACE = uuid.UUID("6c1f4e0e-8c9a-4c53-9b59-3f4f1c0d2a77")  # Zhijiu imports, fixed forever
_OWN_ID = re.compile(r"^[0-9a-f]{32}$")


def stable_id(source: str, source_id: str) -> str:
    """The id an entity imported from ``source`` (a format or a feed) with its own id gets.

    A 32-hex id is taken as is: it is one of ours, exported earlier, and comes home to the same
    entity. Any other id is hashed with the source's name, so two imports of it agree.
    """
    if _OWN_ID.match(source_id):
        return source_id
    return uuid.uuid5(_NAMESPACE, f"{source}:{source_id}").hex


@dataclass(frozen=True)
class Problem:
    """A part of the input that was skipped: where (line, element, feature n) and why."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class Record:
    """One entity an import wants to hold these field values (others it does not mention are
    left alone). ``where`` names the part of the input it came from, for the report."""

    etype: str
    eid: str
    fields: Mapping[str, Any]
    where: str = ""
    create_only: Mapping[str, Any] = field(default_factory=dict)  # set only when it is new


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def taken(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.problems)} skipped"
        )


def _draft(rec: Record, local: Entity | None) -> tuple[str, Draft | None, str]:
    """(what, draft, reason) for one record against what the store holds of it."""
    spec = SPECS.get(rec.etype)
    if spec is None or rec.etype == "post":
        return "skip", None, f"cannot import entities of type {rec.etype!r}"
    if local is None:
        fields = {k: v for k, v in {**rec.create_only, **rec.fields}.items() if v is not None}
        problem = spec.check_fields(fields, creating=True)
        if problem:
            return "skip", None, problem
        return "create", Draft(rec.etype, rec.eid, "add" if spec.append_only else "put", fields), ""
    if local.deleted:
        return "skip", None, "deleted here; an import does not bring it back"
    changes = {k: v for k, v in rec.fields.items() if local.data.get(k) != v}
    if not changes:
        return "same", None, ""
    if spec.append_only:
        return "skip", None, "append-only records are never edited"
    problem = spec.check_fields(changes, creating=False)
    if problem:
        return "skip", None, problem
    return "update", Draft(rec.etype, rec.eid, "put", changes), ""


def write_records(
    store: Store,
    operator: str,
    records: Iterable[Record],
    report: ImportReport | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Write what differs between ``records`` and the store, as ops of this post; ``progress``
    hears (written so far, to write) after each chunk (a window's progress bar)."""
    report = report or ImportReport()
    latest: dict[tuple[str, str], Record] = {}
    for rec in records:  # the last record of an id wins (a position report stream, a CAP update)
        key = (rec.etype, rec.eid)
        old = latest.pop(key, None)
        if old is not None:
            rec = Record(rec.etype, rec.eid, {**old.fields, **rec.fields}, rec.where,
                         {**old.create_only, **rec.create_only})
        latest[key] = rec
    held: dict[str, dict[str, Entity]] = {}
    by_type: dict[str, list[str]] = {}
    for etype, eid in latest:
        by_type.setdefault(etype, []).append(eid)
    for etype, eids in by_type.items():  # one query per type, not one per record
        held[etype] = store.get_many(etype, eids) if etype in SPECS else {}
    pending: list[tuple[str, Draft, Record]] = []
    for rec in latest.values():
        what, draft, reason = _draft(rec, held.get(rec.etype, {}).get(rec.eid))
        if draft is None:
            if what == "same":
                report.unchanged += 1
            else:
                report.problems.append(Problem(rec.where or f"{rec.etype} {rec.eid}", reason))
            continue
        pending.append((what, draft, rec))
    for i in range(0, len(pending), CHUNK):
        chunk = pending[i : i + CHUNK]
        try:
            store.write([d for _, d, _ in chunk], operator=operator)
            done = chunk
        except Refused:  # find the ones the rules refuse; write the others
            done = []
            for item in chunk:
                try:
                    store.write([item[1]], operator=operator)
                    done.append(item)
                except Refused as exc:
                    report.problems.append(Problem(item[2].where or item[1].eid, str(exc)))
        for what, _, _ in done:
            if what == "create":
                report.created += 1
            else:
                report.updated += 1
        if progress is not None:
            progress(min(i + CHUNK, len(pending)), len(pending))
    return report
