"""Orders and their tracking (任务跟踪反馈): issue, acknowledge, work, report back, cancel."""

from __future__ import annotations

from typing import Any

from app.services.common import create, new_id, now_ms
from app.store.store import Draft, Entity, Refused, Store


def issue_task(
    store: Store,
    operator: str,
    *,
    title: str,
    assignee: str,
    assignee_kind: str = "unit",
    incident_id: str | None = None,
    priority: str = "normal",
    deadline: int | None = None,
    ack_within_s: int | None = None,
    geom: dict[str, Any] | None = None,
    description: str | None = None,
) -> str:
    assert store.identity is not None
    return create(
        store,
        operator,
        "task",
        {
            "title": title,
            "status": "issued",
            "issuer": store.identity.post_id,
            "assignee": assignee,
            "assignee_kind": assignee_kind,
            "incident_id": incident_id,
            "priority": priority,
            "deadline": deadline,
            "issued_at": now_ms(),
            "ack_within_s": ack_within_s,
            "geom": geom,
            "description": description,
        },
    )


def set_status(
    store: Store, operator: str, task_id: str, status: str, text: str | None = None
) -> None:
    """Move a task to a new status; the transition is also written as feedback, so the task's
    history says who did what, when."""
    if store.get("task", task_id) is None:
        raise Refused(f"no task {task_id}")
    feedback = {"task_id": task_id, "status": status, **({"text": text} if text else {})}
    store.write(
        [
            Draft("task", task_id, "put", {"status": status}),
            Draft("feedback", new_id(), "add", feedback),
        ],
        operator=operator,
    )


def add_feedback(
    store: Store,
    operator: str,
    task_id: str,
    *,
    text: str | None = None,
    progress: int | None = None,
    media: list[str] | None = None,
) -> str:
    return create(
        store,
        operator,
        "feedback",
        {"task_id": task_id, "text": text, "progress": progress, "media": media},
    )


def reassign(store: Store, operator: str, task_id: str, assignee: str, assignee_kind: str) -> None:
    store.write(
        [Draft("task", task_id, "put", {"assignee": assignee, "assignee_kind": assignee_kind})],
        operator=operator,
    )


def feedback_of(store: Store, task_id: str) -> list[Entity]:
    """The task's feedback trail, oldest first."""
    items = [e for e in store.entities("feedback") if e.get("task_id") == task_id]
    return sorted(items, key=lambda e: (e.created_hlc, e.created_origin))
