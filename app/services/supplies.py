"""Supplies and shelter places: levels are sums of append-only movements, never overwritten."""

from __future__ import annotations

from collections import defaultdict

from app.store.store import Store


def stock_levels(store: Store, depot_id: str) -> dict[str, float]:
    """Current quantity of each item in a depot."""
    levels: dict[str, float] = defaultdict(float)
    for mv in store.entities("stock"):
        if mv.get("depot_id") == depot_id:
            levels[str(mv.get("item"))] += mv.get("delta", 0)
    return {item: (int(q) if float(q).is_integer() else q) for item, q in sorted(levels.items())}


def shelter_occupancy(store: Store, shelter_id: str) -> int:
    return sum(
        int(mv.get("delta", 0))
        for mv in store.entities("occupancy")
        if mv.get("shelter_id") == shelter_id
    )
