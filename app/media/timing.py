"""The timing figures the agency cares about, per incident, computed from the store alone:
from a team's arrival — the first position of a unit inside the incident's area, or within
``radius_m`` of its point — to the first image (photo, clip or panorama) received at this post,
and to the first panorama. Run at the rear, "received" is when the item's op arrived there (its
thumbnail follows within seconds); run at the post that took it, it is when it was ingested.

Units counted are those assigned to the incident; when none is, every unit counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.geo.shapes import distance_m, point_in_geometry
from app.ops import hlc_ms
from app.store.store import Store

ARRIVAL_RADIUS_M = 500.0


@dataclass(frozen=True)
class IncidentTiming:
    incident_id: str
    arrived_at: int | None  # UTC ms of the first unit's arrival
    arrived_unit: str | None
    first_image_at: int | None  # first image received here at or after the arrival
    first_panorama_at: int | None

    @property
    def to_first_image_s(self) -> float | None:
        return _span(self.arrived_at, self.first_image_at)

    @property
    def to_first_panorama_s(self) -> float | None:
        return _span(self.arrived_at, self.first_panorama_at)


def _span(a: int | None, b: int | None) -> float | None:
    return None if a is None or b is None else (b - a) / 1000


def _inside(incident: Any, geom: Any, radius_m: float) -> bool:
    if not isinstance(geom, dict) or geom.get("type") != "Point":
        return False
    lon, lat = geom["coordinates"][:2]
    area = incident.get("area")
    if area and point_in_geometry(lon, lat, area):
        return True
    centre = incident.get("geom")
    if centre and centre.get("type") == "Point":
        return distance_m(lon, lat, *centre["coordinates"][:2]) <= radius_m
    return False


def arrival(store: Store, incident: Any, radius_m: float = ARRIVAL_RADIUS_M) -> tuple[int | None, str | None]:
    units = list(store.entities("unit"))
    assigned = [u for u in units if u.get("incident_id") == incident.eid]
    first: tuple[int, str] | None = None
    for unit in assigned or units:
        for op, status, _reason in store.history("unit", unit.eid):
            if status != "applied" or "geom" not in op.fields:
                continue
            if _inside(incident, op.fields["geom"], radius_m):
                at = hlc_ms(op.hlc)
                if first is None or at < first[0]:
                    first = (at, unit.eid)
                break  # this unit's first arrival; later positions cannot be earlier
    return (first[0], first[1]) if first else (None, None)


def incident_timing(store: Store, incident_id: str, radius_m: float = ARRIVAL_RADIUS_M) -> IncidentTiming:
    incident = store.get("incident", incident_id)
    if incident is None:
        raise KeyError(incident_id)
    arrived_at, unit = arrival(store, incident, radius_m)
    received = store.received_ms("media")
    first_image = first_pano = None
    if arrived_at is not None:
        for m in store.entities("media"):
            if m.get("incident_id") != incident_id or m.eid not in received:
                continue
            at = received[m.eid]
            if at < arrived_at:
                continue
            first_image = at if first_image is None else min(first_image, at)
            if m.get("kind") == "panorama":
                first_pano = at if first_pano is None else min(first_pano, at)
    return IncidentTiming(incident_id, arrived_at, unit, first_image, first_pano)


def all_timings(store: Store, radius_m: float = ARRIVAL_RADIUS_M) -> list[IncidentTiming]:
    return [incident_timing(store, i.eid, radius_m) for i in store.entities("incident")]
