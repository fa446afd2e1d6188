"""Unit (救援队伍): a rescue team with its people, equipment, status and position."""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    integer,
    list_of,
    mapping,
    ref,
    text,
    time_ms,
)

TYPES = (
    "comprehensive",  # 综合性救援队伍
    "specialist",  # 专业救援队伍
    "volunteer",  # 社会救援力量
    "grassroots",  # 基层救援队伍
    "fire_rescue",  # 消防救援
    "medical",  # 医疗救护
    "militia",  # 民兵
    "other",
)
STATUSES = ("standby", "en_route", "on_scene", "returning", "off_duty")

SPEC = EntitySpec(
    name="unit",
    label_field="name",
    fields={
        "name": FieldSpec(text(200), required=True),
        "type": FieldSpec(choice(*TYPES), required=True),
        "status": FieldSpec(choice(*STATUSES), required=True),
        "headcount": FieldSpec(integer(0, 100_000)),
        "equipment": FieldSpec(list_of(text(200))),
        "geom": FieldSpec(geometry("Point")),
        "post_id": FieldSpec(ref()),  # the post that commands this unit
        "incident_id": FieldSpec(ref()),
        "contact": FieldSpec(text(200)),
        "callsign": FieldSpec(text(64)),
        # position reports from outside (TAK devices): team colour, when last heard, when stale
        "team_color": FieldSpec(text(32)),
        "last_seen": FieldSpec(time_ms(), time=True),
        "stale_at": FieldSpec(time_ms(), time=True),
        "props": FieldSpec(mapping()),
    },
)
