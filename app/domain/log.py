"""Duty log entries (值班日志) and messages between posts; both append-only."""

from app.domain.schema import EntitySpec, FieldSpec, choice, ref, text

LOG_CATEGORIES = ("duty", "handover", "consultation", "event", "order", "other")

LOG = EntitySpec(
    name="log",
    append_only=True,
    fields={
        "text": FieldSpec(text(8000), required=True),
        "category": FieldSpec(choice(*LOG_CATEGORIES), required=True),
        "incident_id": FieldSpec(ref()),
    },
)

MESSAGE = EntitySpec(
    name="message",
    append_only=True,
    incident_field=None,
    fields={
        "to": FieldSpec(ref(), required=True),  # post id
        "text": FieldSpec(text(4000), required=True),
        "reply_to": FieldSpec(ref()),
    },
)
