"""Who may do what: the role rules of DESIGN.md, checked in ``apply`` for local and remote ops.

| role                     | may                                                            |
|--------------------------|----------------------------------------------------------------|
| rear with authority      | everything, including the roster                               |
| rear                     | everything but the roster; cancel/reassign only tasks it issued |
| forward                  | features, reports, media, its own units, tasks to its own units,|
|                          | work the tasks issued to it or its units, messages, log, stock  |
| observer                 | messages and log entries                                        |
| any post                 | receipts only for messages sent to it                           |

A rule that depends on an entity (who issued a task, which post commands a unit) reads the
entity's merged state at the moment the op is applied. Ops reach a post by different paths, so
where the answer could change when another op arrives, the op is held (``awaits``) rather than
refused: an assignee's work on a task waits for the reassignment that made it the assignee. A
task counts as assigned to every post it was ever assigned to, so an acknowledgement made just
before a concurrent reassignment is still taken, on every post alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.ops import Op

Lookup = Callable[[str, str], Mapping[str, Any] | None]  # (etype, eid) -> current fields
Assignees = Callable[[str], set[str]]  # task id -> every assignee it ever had

FORWARD_MAY = frozenset(
    {"feature", "report", "media", "message", "receipt", "log", "stock", "occupancy", "feedback", "reading"}
)
OBSERVER_MAY = frozenset({"message", "receipt", "log"})
ONLY_RECIPIENT = "forbidden: only the recipient acknowledges a message"
WORK_STATUSES = frozenset({"acknowledged", "in_progress", "done", "failed"})


@dataclass(frozen=True)
class PostInfo:
    post_id: str
    role: str
    authority: bool = False
    revoked: bool = False


def awaits(op: Op, who: PostInfo, lookup: Lookup, assignees: Assignees) -> tuple[str, str] | None:
    """The entity a rule needs to judge this op and that has not arrived yet, or None.

    Such an op is held, not refused, until the entity arrives: ops reach a post by different
    paths, and the answer must not depend on which came first.
    """
    if op.etype == "receipt":
        message = str(op.fields.get("message_id"))
        return ("message", message) if lookup("message", message) is None else None
    if who.authority and who.role == "rear":
        return None
    if op.etype == "task":
        issued = _issued(lookup("task", op.eid))
        if issued is None and "issuer" not in op.fields:
            return ("task", op.eid)  # an update of an order this post has not received yet
        if issued is None and who.role == "forward" and op.fields.get("assignee_kind") == "unit":
            unit = str(op.fields.get("assignee"))
            return ("unit", unit) if lookup("unit", unit) is None else None
        if (
            issued is not None
            and who.role == "forward"
            and issued.get("issuer") != who.post_id
            and _is_work(op)
            and not _assigned_to(op.eid, issued, who.post_id, lookup, assignees)
        ):
            return ("task", op.eid)  # the reassignment to this post may still be on its way
    if (
        op.etype == "unit"
        and who.role == "forward"
        and lookup("unit", op.eid) is None
        and "post_id" not in op.fields
    ):
        return ("unit", op.eid)
    return None


def _issued(task: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The task as far as its issuing op has arrived; None before that (only edits seen yet)."""
    return task if task is not None and "issuer" in task else None


def refusal(op: Op, who: PostInfo, lookup: Lookup, assignees: Assignees) -> str | None:
    """Why ``who`` may not make this op, or None when it may."""
    if who.revoked:
        return "forbidden: the post is revoked"
    if op.etype == "post":
        return None if who.authority else "forbidden: only the roster authority edits the roster"
    if op.etype == "receipt":
        message = lookup("message", str(op.fields.get("message_id")))
        return None if message is not None and message.get("to") == who.post_id else ONLY_RECIPIENT
    if who.authority and who.role == "rear":
        return None
    if who.role == "observer":
        return (
            None
            if op.etype in OBSERVER_MAY
            else "forbidden: an observer writes only messages and log"
        )
    if op.etype == "task":
        return _task_refusal(op, who, lookup, assignees)
    if who.role == "rear":
        return None
    # forward
    if op.etype in FORWARD_MAY:
        return None
    if op.etype == "unit":
        current = lookup("unit", op.eid)
        owner = (current or {}).get("post_id", op.fields.get("post_id"))
        if owner == who.post_id and op.fields.get("post_id", owner) == who.post_id:
            return None
        return "forbidden: a forward post edits only the units it commands"
    return f"forbidden: a forward post may not write {op.etype}"


def _is_work(op: Op) -> bool:
    return (
        op.kind == "put" and set(op.fields) == {"status"} and op.fields["status"] in WORK_STATUSES
    )


def _assigned_to(
    task_id: str, task: Mapping[str, Any], post_id: str, lookup: Lookup, assignees: Assignees
) -> bool:
    """Is (or was) the task assigned to this post or to a unit it commands?"""
    for who in {str(task.get("assignee")), *assignees(task_id)}:
        if who == post_id:
            return True
        unit = lookup("unit", who)
        if unit is not None and unit.get("post_id") == post_id:
            return True
    return False


def _task_refusal(op: Op, who: PostInfo, lookup: Lookup, assignees: Assignees) -> str | None:
    current = _issued(lookup("task", op.eid))
    if current is None:  # a new order
        if op.fields.get("issuer") != who.post_id:
            return "forbidden: a task's issuer must be the post that issues it"
        if who.role == "rear" or _assigned_to(
            op.eid, op.fields, who.post_id, lookup, lambda _t: set()
        ):
            return None
        return "forbidden: a forward post issues tasks only to its own units"
    issuer = current.get("issuer")
    if issuer == who.post_id or (who.role == "rear" and who.authority):
        return None
    changes_owner = op.kind == "del" or "assignee" in op.fields or "issuer" in op.fields
    if op.fields.get("status") == "cancelled" or changes_owner:
        return "forbidden: only the issuer may cancel or reassign this task"
    if who.role == "rear":
        return None
    if not _assigned_to(op.eid, current, who.post_id, lookup, assignees):
        return "forbidden: the task is not assigned to this post or its units"
    if not _is_work(op):
        return "forbidden: an assignee may only acknowledge, work and report on a task"
    return None
