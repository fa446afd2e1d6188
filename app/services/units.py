"""Rescue teams (救援队伍): type, headcount, equipment, status and position, and who commands them.

A forward post edits only the teams it commands (``post_id``); rear posts edit any. Moving a
team writes only its position and status, so two posts updating different fields never clash.
"""

from __future__ import annotations

from typing import Any

from app.domain.unit import STATUSES
from app.services.common import create, point
from app.store.store import Draft, Entity, Refused, Store


def add_unit(
    store: Store,
    operator: str,
    *,
    name: str,
    type: str,
    status: str = "standby",
    headcount: int | None = None,
    equipment: list[str] | None = None,
    lon_lat: tuple[float, float] | None = None,
    post_id: str | None = None,
    incident_id: str | None = None,
    contact: str | None = None,
    callsign: str | None = None,
) -> str:
    """A new team; ``post_id`` defaults to this post (a forward post may only add its own)."""
    if post_id is None and store.identity is not None:
        post_id = store.identity.post_id
    fields: dict[str, Any] = {
        "name": name,
        "type": type,
        "status": status,
        "headcount": headcount,
        "equipment": equipment,
        "geom": point(*lon_lat) if lon_lat else None,
        "post_id": post_id,
        "incident_id": incident_id,
        "contact": contact,
        "callsign": callsign,
    }
    return create(store, operator, "unit", fields)


def move_unit(
    store: Store,
    operator: str,
    unit_id: str,
    *,
    status: str | None = None,
    lon_lat: tuple[float, float] | None = None,
) -> None:
    """A team's new status and/or position."""
    if store.get("unit", unit_id) is None:
        raise Refused(f"no unit {unit_id}")
    if status is not None and status not in STATUSES:
        raise Refused(f"invalid: field 'status' must be one of {', '.join(STATUSES)}")
    fields: dict[str, Any] = {}
    if status is not None:
        fields["status"] = status
    if lon_lat is not None:
        fields["geom"] = point(*lon_lat)
    if not fields:
        raise Refused("invalid: nothing to change")
    store.write([Draft("unit", unit_id, "put", fields)], operator=operator)


def units(
    store: Store, *, incident_id: str | None = None, post_id: str | None = None
) -> list[Entity]:
    """Teams (of an incident, or commanded by a post), by name."""
    found = [
        u
        for u in store.entities("unit", incident_id=incident_id)
        if post_id is None or u.get("post_id") == post_id
    ]
    return sorted(found, key=lambda u: (str(u.get("name")), u.eid))
