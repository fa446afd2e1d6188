"""Duty log entries (值班日志), messages between posts and their receipts; all append-only.

A receipt says a message was delivered to (or read at) the post it was sent to; only that post
writes it, and its id is derived from the message and the kind, so it is written once.
"""

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
    parent_field="to",
    fields={
        "to": FieldSpec(ref(), required=True),  # post id
        "text": FieldSpec(text(4000), required=True),
        "reply_to": FieldSpec(ref()),
    },
)

RECEIPT_KINDS = ("delivered", "read")

RECEIPT = EntitySpec(
    name="receipt",
    append_only=True,
    incident_field=None,
    parent_field="message_id",
    fields={
        "message_id": FieldSpec(ref(), required=True),
        "kind": FieldSpec(choice(*RECEIPT_KINDS), required=True),
    },
)
