"""Task (指令/任务): an order issued to a unit or a post, and its feedback trail.

Status machine: issued → acknowledged → in_progress → done | failed, and cancelled from any
state. When two posts change the status concurrently the furthest state wins; a write that saw
the current status simply replaces it, so a task can be reopened on purpose.
"""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    integer,
    list_of,
    number,
    ref,
    text,
    time_ms,
)

STATUSES = ("issued", "acknowledged", "in_progress", "done", "failed", "cancelled")
TERMINAL = frozenset({"done", "failed", "cancelled"})
OPEN = frozenset({"issued", "acknowledged", "in_progress"})
PRIORITIES = ("urgent", "high", "normal", "low")
ASSIGNEE_KINDS = ("unit", "post")
KINDS = ("order", "allocation")  # 指令 / 物资调拨 (an allocation moves stock when done)

# Rank for concurrent writes: further along the lifecycle wins.
STATUS_RANK = {
    "issued": 0,
    "acknowledged": 1,
    "in_progress": 2,
    "done": 3,
    "failed": 3,
    "cancelled": 3,
}

_qty = number(0.001, 1e9)
_item_name, _unit = text(100), text(20)


def _item(v: object) -> str | None:
    """One line of an allocation: ``{"item": 帐篷, "qty": 50, "unit": 顶}``."""
    if not isinstance(v, dict) or not {"item", "qty"} <= set(v) <= {"item", "qty", "unit"}:
        return "must be a map with item, qty and optionally unit"
    return _item_name(v["item"]) or _qty(v["qty"]) or (_unit(v["unit"]) if "unit" in v else None)


SPEC = EntitySpec(
    name="task",
    label_field="title",
    fields={
        "title": FieldSpec(text(200), required=True),
        "status": FieldSpec(choice(*STATUSES), required=True),
        "issuer": FieldSpec(ref(), required=True),  # post id of the issuing post
        "assignee": FieldSpec(ref(), required=True),
        "assignee_kind": FieldSpec(choice(*ASSIGNEE_KINDS), required=True),
        "incident_id": FieldSpec(ref()),
        "description": FieldSpec(text(4000)),
        "priority": FieldSpec(choice(*PRIORITIES)),
        "deadline": FieldSpec(time_ms(), time=True),
        "issued_at": FieldSpec(time_ms(), time=True),
        "ack_within_s": FieldSpec(integer(0, 7 * 24 * 3600)),
        "geom": FieldSpec(geometry("Point")),
        "attachments": FieldSpec(list_of(ref(), 50)),  # media ids
        "kind": FieldSpec(choice(*KINDS)),  # absent: an order
        "items": FieldSpec(list_of(_item, 100)),  # allocation: what moves
        "from_depot": FieldSpec(ref()),  # allocation: the depot it is drawn from
        "to_depot": FieldSpec(ref()),  # allocation: the depot it goes to, if any
        "plan_key": FieldSpec(text(200)),  # made by a response plan: incident/plan/level/#
    },
)

FEEDBACK = EntitySpec(
    name="feedback",
    append_only=True,
    incident_field=None,
    parent_field="task_id",
    fields={
        "task_id": FieldSpec(ref(), required=True),
        "text": FieldSpec(text(4000)),
        "progress": FieldSpec(integer(0, 100)),
        "status": FieldSpec(choice(*STATUSES)),
        "media": FieldSpec(list_of(ref(), 50)),
    },
)


def is_overdue(task: dict[str, object], now_ms: int) -> bool:
    """An open task whose deadline has passed."""
    deadline = task.get("deadline")
    return task.get("status") in OPEN and isinstance(deadline, int) and deadline < now_ms


def is_unacknowledged_late(task: dict[str, object], now_ms: int) -> bool:
    """Issued, not yet acknowledged, and the acknowledgement time is up."""
    issued_at, within = task.get("issued_at"), task.get("ack_within_s")
    if task.get("status") != "issued" or not isinstance(issued_at, int):
        return False
    return isinstance(within, int) and issued_at + within * 1000 < now_ms
