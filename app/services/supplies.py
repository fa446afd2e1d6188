"""Supplies and shelter places: levels are sums of append-only movements, never overwritten, so
two posts drawing stock at once both count. A supply allocation (调拨) is a task; its movements
are written when it is done (``services.tasks``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.services.common import create
from app.store.store import Refused, Store


def _number(q: float) -> float:
    return int(q) if float(q).is_integer() else q


def stock_levels(store: Store, depot_id: str) -> dict[str, float]:
    """Current quantity of each item in a depot (its movements, through the parent index)."""
    levels: dict[str, float] = defaultdict(float)
    for mv in store.entities("stock", parent_id=depot_id):
        levels[str(mv.get("item"))] += mv.get("delta", 0)
    return {item: _number(q) for item, q in sorted(levels.items())}


def shortfall(store: Store, depot_id: str, items: Iterable[Mapping[str, Any]]) -> str | None:
    """Why the depot cannot give ``items`` now (an item it lacks, or less of it than asked), or
    None. Only this post's view of the stock: a draw at another post that has not arrived yet
    still counts when it does, so merged levels may go below zero; that is the design."""
    levels = stock_levels(store, depot_id)
    asked: dict[str, float] = defaultdict(float)
    for line in items:
        qty = line.get("qty")
        if isinstance(qty, int | float) and not isinstance(qty, bool) and qty > 0:  # else: the schema says
            asked[str(line.get("item"))] += qty
    for item, qty in asked.items():
        have = levels.get(item)
        if have is None:
            return f"not enough {item} in the depot: {_number(qty)} asked, the depot holds none"
        if qty > have:
            return f"not enough {item} in the depot: {_number(qty)} asked, {_number(have)} there"
    return None


def move_stock(
    store: Store,
    operator: str,
    depot_id: str,
    item: str,
    delta: float,
    *,
    unit: str | None = None,
    reason: str | None = None,
) -> str:
    """Stock in (delta > 0) or out of a depot; never below zero from here."""
    depot = store.get("feature", depot_id)
    if depot is None or depot.get("symbol") != "depot":
        raise Refused(f"no depot {depot_id}")
    if delta == 0:
        raise Refused("invalid: a movement of nothing")
    have = stock_levels(store, depot_id).get(item, 0)
    if have + delta < 0:
        raise Refused(f"not enough {item} in the depot: {_number(have)} left")
    return create(
        store,
        operator,
        "stock",
        {"depot_id": depot_id, "item": item, "delta": delta, "unit": unit, "reason": reason},
    )


def shelter_occupancy(store: Store, shelter_id: str) -> int:
    return sum(int(mv.get("delta", 0)) for mv in store.entities("occupancy", parent_id=shelter_id))


def move_occupancy(
    store: Store, operator: str, shelter_id: str, delta: int, note: str | None = None
) -> str:
    """People in (delta > 0) or out of a shelter."""
    shelter = store.get("feature", shelter_id)
    if shelter is None or shelter.get("symbol") != "shelter":
        raise Refused(f"no shelter {shelter_id}")
    if delta == 0:
        raise Refused("invalid: a movement of nobody")
    if shelter_occupancy(store, shelter_id) + delta < 0:
        raise Refused("invalid: more people leaving than the shelter holds")
    return create(
        store, operator, "occupancy", {"shelter_id": shelter_id, "delta": delta, "note": note}
    )


@dataclass(frozen=True)
class ShelterState:
    eid: str
    name: str
    capacity: int | None
    occupancy: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.occupancy


def shelters(store: Store, incident_id: str | None = None) -> list[ShelterState]:
    totals: dict[str, int] = defaultdict(int)
    for mv in store.entities("occupancy"):
        totals[str(mv.get("shelter_id"))] += int(mv.get("delta", 0))
    out = []
    for f in store.entities("feature", incident_id=incident_id):
        if f.get("symbol") == "shelter":
            cap = f.get("capacity")
            out.append(ShelterState(f.eid, str(f.get("name")), cap, totals.get(f.eid, 0)))
    return sorted(out, key=lambda s: s.name)


def depots(store: Store) -> list[tuple[str, str, dict[str, float]]]:
    """(id, name, levels) of every depot."""
    levels: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mv in store.entities("stock"):
        levels[str(mv.get("depot_id"))][str(mv.get("item"))] += mv.get("delta", 0)
    return sorted(
        (
            (f.eid, str(f.get("name")), {i: _number(q) for i, q in sorted(levels[f.eid].items())})
            for f in store.entities("feature")
            if f.get("symbol") == "depot"
        ),
        key=lambda d: d[1],
    )
