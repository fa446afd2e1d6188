"""Supplies and shelter places as append-only movements: quantities are sums, never overwritten.

Two posts drawing stock at the same moment both count; nothing is lost to last-writer-wins.
"""

from app.domain.schema import EntitySpec, FieldSpec, integer, number, ref, text

STOCK = EntitySpec(
    name="stock",
    append_only=True,
    incident_field=None,
    parent_field="depot_id",
    fields={
        "depot_id": FieldSpec(ref(), required=True),  # a feature with symbol "depot"
        "item": FieldSpec(text(100), required=True),
        "delta": FieldSpec(number(-1e9, 1e9), required=True),
        "unit": FieldSpec(text(20)),  # 件 / 顶 / 吨 …
        "reason": FieldSpec(text(1000)),
        "task_id": FieldSpec(ref()),
    },
)

OCCUPANCY = EntitySpec(
    name="occupancy",
    append_only=True,
    incident_field=None,
    parent_field="shelter_id",
    fields={
        "shelter_id": FieldSpec(ref(), required=True),  # a feature with symbol "shelter"
        "delta": FieldSpec(integer(-1_000_000, 1_000_000), required=True),
        "note": FieldSpec(text(1000)),
    },
)
