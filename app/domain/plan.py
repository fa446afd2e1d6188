"""Response plan (应急预案): the standard tasks of an incident type at a response level Ⅰ–Ⅳ.

A plan is data, edited like any entity (rear posts write it). When a level is declared or
raised, ``services.plans.declare_level`` issues one task per template line that does not exist
yet for that incident (its ``plan_key``), so raising twice never doubles a task.
"""

from app.domain.incident import CATEGORIES
from app.domain.schema import EntitySpec, FieldSpec, choice, integer, list_of, text
from app.domain.task import ASSIGNEE_KINDS, PRIORITIES

_title, _desc, _assignee = text(200), text(4000), text(64)
_priority, _kind = choice(*PRIORITIES), choice(*ASSIGNEE_KINDS)
_minutes = integer(1, 30 * 24 * 60)
TEMPLATE_KEYS = frozenset(
    {"title", "priority", "description", "assignee", "assignee_kind", "deadline_min", "ack_within_min"}
)


def _template(v: object) -> str | None:
    """One standard task: a title, and optionally priority, description, a default assignee
    (a unit or post id), the deadline and the acknowledgement time in minutes after declaring."""
    if not isinstance(v, dict) or "title" not in v or not set(v) <= TEMPLATE_KEYS:
        return f"must be a map with title and only {', '.join(sorted(TEMPLATE_KEYS))}"
    checks = {
        "title": _title,
        "priority": _priority,
        "description": _desc,
        "assignee": _assignee,
        "assignee_kind": _kind,
        "deadline_min": _minutes,
        "ack_within_min": _minutes,
    }
    for name, value in v.items():
        if (problem := checks[name](value)) is not None:
            return f"{name} {problem}"
    return None


SPEC = EntitySpec(
    name="plan",
    incident_field=None,
    label_field="name",
    fields={
        "name": FieldSpec(text(200), required=True),
        "category": FieldSpec(choice(*CATEGORIES), required=True),
        "level": FieldSpec(integer(1, 4), required=True),
        "tasks": FieldSpec(list_of(_template, 100), required=True),
        "note": FieldSpec(text(4000)),
    },
)
