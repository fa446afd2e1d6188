"""Helpers every service uses: new ids, the time, and plain create / update / delete."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from app.domain import SPECS
from app.store.store import Draft, Refused, Store


def new_id() -> str:
    return uuid.uuid4().hex


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def create(
    store: Store, operator: str, etype: str, fields: Mapping[str, Any], eid: str | None = None
) -> str:
    """A new entity with every required field; returns its id."""
    spec = SPECS[etype]
    clean = {k: v for k, v in fields.items() if v is not None}
    problem = spec.check_fields(clean, creating=True)
    if problem:
        raise Refused(f"invalid: {problem}")
    eid = eid or new_id()
    kind = "add" if spec.append_only else "put"
    store.write([Draft(etype, eid, kind, clean)], operator=operator)
    return eid


def update(store: Store, operator: str, etype: str, eid: str, fields: Mapping[str, Any]) -> None:
    """Change some fields of an existing entity (None clears an optional field)."""
    if store.get(etype, eid) is None:
        raise Refused(f"no {etype} {eid}")
    store.write([Draft(etype, eid, "put", dict(fields))], operator=operator)


def delete(store: Store, operator: str, etype: str, eid: str) -> None:
    if store.get(etype, eid) is None:
        raise Refused(f"no {etype} {eid}")
    store.write([Draft(etype, eid, "del", {})], operator=operator)
