"""Warning (预警): blue / yellow / orange / red, for an area and a period, in one of four stages."""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    list_of,
    ref,
    text,
    time_ms,
)

LEVELS = ("blue", "yellow", "orange", "red")
TYPES = ("rainstorm", "flood", "geological", "wind", "heat", "cold", "fire", "chemical", "other")
STAGES = ("days", "h6", "h2", "realtime")  # 1–3 天 / 6 小时 / 2 小时 / 实时
TIERS = ("city", "district", "township", "village")  # who must act
STATUSES = ("active", "cancelled")

SPEC = EntitySpec(
    name="warning",
    label_field="title",
    fields={
        "title": FieldSpec(text(200), required=True),
        "level": FieldSpec(choice(*LEVELS), required=True),
        "type": FieldSpec(choice(*TYPES), required=True),
        "status": FieldSpec(choice(*STATUSES), required=True),
        "stage": FieldSpec(choice(*STAGES)),
        "tiers": FieldSpec(list_of(choice(*TIERS), 4)),
        "area": FieldSpec(geometry("Polygon")),
        "valid_from": FieldSpec(time_ms(), time=True),
        "valid_to": FieldSpec(time_ms(), time=True),
        "incident_id": FieldSpec(ref()),
        "text": FieldSpec(text(8000)),
        # the outside messages merged into this warning (CAP "sender,identifier"), so an update or a
        # cancellation that references any of them finds it
        "source_ids": FieldSpec(list_of(text(400), 200)),
    },
)
