"""The canonical dump: the replicated state as JSON; two posts holding the same ops print the same bytes.

It contains every entity (deleted ones marked), the conflict record and the roster — nothing
local to a post (peers, link state, quarantine, held ops, blobs, settings, operators). Keys
sorted, UTF-8, times as UTC ISO 8601 with milliseconds, HLC stamps as integers, coordinates
rounded to 7 decimals (about 1 cm).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from app.domain import SPECS
from app.store.merge import EntityState, Version

DUMP_FORMAT = "zhijiu-dump"
DUMP_VERSION = 1
COORD_DIGITS = 7


def iso_ms(ms: int) -> str:
    return (
        datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
    )


def parse_iso_ms(text: str) -> int:
    dt = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return int(round(dt.timestamp() * 1000))


def _round_coords(c: Any) -> Any:
    if isinstance(c, list):
        return [_round_coords(x) for x in c]
    if isinstance(c, float):
        return round(c, COORD_DIGITS)
    return c


def to_dump_value(etype: str, name: str, value: Any) -> Any:
    """A stored field value as the dump shows it."""
    spec = SPECS.get(etype)
    fspec = spec.fields.get(name) if spec else None
    if fspec is not None and fspec.time and isinstance(value, int):
        return iso_ms(value)
    if isinstance(value, dict) and set(value) == {"type", "coordinates"}:
        return {"type": value["type"], "coordinates": _round_coords(value["coordinates"])}
    return value


def from_dump_value(etype: str, name: str, value: Any) -> Any:
    """The inverse of ``to_dump_value`` (used by import)."""
    spec = SPECS.get(etype)
    fspec = spec.fields.get(name) if spec else None
    if fspec is not None and fspec.time and isinstance(value, str):
        return parse_iso_ms(value)
    return value


def _version(etype: str, name: str, v: Version) -> dict[str, Any]:
    return {
        "origin": v.origin,
        "seq": v.seq,
        "hlc": v.hlc,
        "value": to_dump_value(etype, name, v.value),
    }


def _entity(state: EntityState) -> dict[str, Any]:
    created = state.created or (0, "", "")
    return {
        "type": state.etype,
        "id": state.eid,
        "deleted": state.deleted,
        "fields": {k: to_dump_value(state.etype, k, v) for k, v in state.values().items()},
        "created": {"hlc": created[0], "origin": created[1], "operator": created[2]},
        "updated": state.updated,
    }


def dump_states(states: Iterable[EntityState]) -> str:
    """The canonical JSON text of a set of entity states."""
    entities: list[dict[str, Any]] = []
    roster: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for st in sorted(states, key=lambda s: (s.etype, s.eid)):
        (roster if st.etype == "post" else entities).append(_entity(st))
        for name, (win, losers) in sorted(st.conflicts().items()):
            conflicts.append(
                {
                    "type": st.etype,
                    "id": st.eid,
                    "field": name,
                    "winner": _version(st.etype, name, win),
                    "losers": [_version(st.etype, name, v) for v in losers],
                }
            )
    doc = {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "entities": entities,
        "conflicts": conflicts,
        "roster": roster,
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
