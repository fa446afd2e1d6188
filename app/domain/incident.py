"""Incident (事件): what the whole post works on; several can be open at once."""

from app.domain.schema import EntitySpec, FieldSpec, choice, geometry, integer, text, time_ms

CATEGORIES = ("flood", "landslide", "fire", "chemical", "earthquake", "rainstorm", "other")
STATUSES = ("open", "closed")
RESPONSE_LEVELS = (1, 2, 3, 4)  # 应急响应 Ⅰ (highest) … Ⅳ

SPEC = EntitySpec(
    name="incident",
    incident_field=None,
    label_field="title",
    fields={
        "title": FieldSpec(text(200), required=True),
        "category": FieldSpec(choice(*CATEGORIES), required=True),
        "response_level": FieldSpec(integer(1, 4)),
        "status": FieldSpec(choice(*STATUSES), required=True),
        "geom": FieldSpec(geometry("Point")),
        "area": FieldSpec(geometry("Polygon")),
        "opened_at": FieldSpec(time_ms(), time=True),
        "closed_at": FieldSpec(time_ms(), time=True),
        "district": FieldSpec(text(100)),
        "description": FieldSpec(text(4000)),
        # reporting deadlines (报送时限): 首报 within this of opening, then 续报 at this cadence
        "first_report_within_min": FieldSpec(integer(1, 7 * 24 * 60)),
        "report_every_min": FieldSpec(integer(1, 7 * 24 * 60)),
    },
)
