"""Import of a canonical dump: the differences become new ops of this post (an editing tool).

Backup and restore keep the original ops and signatures; this does not — it is for carrying
edits from one store into another. Each change is checked like any other write; what the rules
refuse is listed in the report, and the rest is still taken.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.domain import SPECS
from app.store.dump import DUMP_FORMAT, from_dump_value
from app.store.store import Draft, Refused, Store

CHUNK = 200
COUNTERS = {"create": "created", "update": "updated", "delete": "deleted"}


class DumpError(ValueError):
    """The file is not a dump this version can read; the message says what is wrong."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # type, id, reason


def _drafts_for(store: Store, item: dict[str, Any]) -> tuple[str, Draft | None, str]:
    """(what, draft, reason): the change one dump entity asks of this store."""
    etype, eid = item.get("type"), item.get("id")
    if not isinstance(etype, str) or not isinstance(eid, str) or etype not in SPECS:
        return "skip", None, "not an entity of a known type"
    if etype == "post":
        return "skip", None, "the roster is changed by enrollment, not by import"
    spec = SPECS[etype]
    raw_fields = item.get("fields")
    if not isinstance(raw_fields, dict):
        return "skip", None, "no fields"
    fields = {k: from_dump_value(etype, k, v) for k, v in raw_fields.items()}
    deleted = bool(item.get("deleted"))
    local = store.get(etype, eid)
    if local is None:
        if deleted:
            return "same", None, ""
        if spec.append_only:
            return "create", Draft(etype, eid, "add", fields), ""
        return "create", Draft(etype, eid, "put", fields), ""
    if local.deleted != deleted:
        if deleted:
            return "delete", Draft(etype, eid, "del", {}), ""
        return "skip", None, "deleted here; an import does not bring it back"
    if spec.append_only:
        same = local.data == fields
        return (
            ("same", None, "") if same else ("skip", None, "append-only records are never edited")
        )
    changes = {k: v for k, v in fields.items() if local.data.get(k) != v}
    changes.update({k: None for k in local.data if k not in fields})
    if not changes:
        return "same", None, ""
    return "update", Draft(etype, eid, "put", changes), ""


def import_dump(store: Store, operator: str, text: str) -> ImportReport:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise DumpError(f"not JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != DUMP_FORMAT:
        raise DumpError('not a zhijiu dump (missing "format": "zhijiu-dump")')
    if doc.get("version") != 1:
        raise DumpError(f"dump version {doc.get('version')!r} is not supported by this version")
    items = doc.get("entities")
    if not isinstance(items, list):
        raise DumpError("the dump has no entity list")
    report = ImportReport()
    pending: list[tuple[str, Draft]] = []
    for item in items:
        what, draft, reason = _drafts_for(store, item if isinstance(item, dict) else {})
        if draft is None:
            if what == "same":
                report.unchanged += 1
            else:
                report.skipped.append((str(item.get("type")), str(item.get("id")), reason))
            continue
        pending.append((what, draft))
    for i in range(0, len(pending), CHUNK):
        chunk = pending[i : i + CHUNK]
        try:
            store.write([d for _, d in chunk], operator=operator)
            done = chunk
        except Refused:  # find the ones the rules refuse; write the others
            done = []
            for what, d in chunk:
                try:
                    store.write([d], operator=operator)
                    done.append((what, d))
                except Refused as exc:
                    report.skipped.append((d.etype, d.eid, str(exc)))
        for what, _ in done:
            counter = COUNTERS[what]
            setattr(report, counter, getattr(report, counter) + 1)
    return report
