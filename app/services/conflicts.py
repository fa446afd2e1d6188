"""Resolving a conflict: a person picks the value to keep; the new put names every head it saw."""

from __future__ import annotations

from typing import Any

from app.store.store import Draft, Refused, Store


def resolve(store: Store, operator: str, etype: str, eid: str, field: str, value: Any) -> None:
    heads = store.heads(etype, eid, field)
    if len(heads) < 2:
        raise Refused("this field has no conflict (any more)")
    bases = {field: sorted(v.ref for v in heads)}
    store.write([Draft(etype, eid, "put", {field: value}, bases=bases)], operator=operator)
