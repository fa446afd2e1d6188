"""Orders and their tracking (任务跟踪反馈): issue, acknowledge, work, report back, cancel, reassign;
supply allocations (调拨) that move stock when done; the who-did-what history from the op log.

The role rules live in ``app.domain.roles`` and are checked by ``apply``; ``may`` asks the same
rules ahead of time, so a view can disable a button and say why before anyone presses it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain.roles import PostInfo, refusal
from app.domain.task import OPEN, is_overdue
from app.ops import Op, hlc_ms, split_origin
from app.services.common import create, new_id, now_ms
from app.services.supplies import shortfall
from app.store.store import Draft, Entity, Refused, Store

# Stock movements of an allocation have ids derived from the task, so however many posts mark
# it done (concurrently, or again after a reopening) the stock moves once: the merge keeps one
# record per id.
_ALLOC_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhijiu.invalid/allocation")


def _me(store: Store) -> str:
    if store.identity is None:
        raise Refused("this store has no post identity to sign with")
    return store.identity.post_id


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
    attachments: list[str] | None = None,
    eid: str | None = None,
    **extra: Any,
) -> str:
    """A new order from this post; ``extra`` carries the allocation and plan fields. Refused
    (nothing written) without a title, with a deadline already past, or naming unknown media."""
    if not title.strip():
        raise Refused("invalid: the order needs a title (say what is to be done)")
    if deadline is not None and deadline < now_ms():
        raise Refused("invalid: the deadline is in the past")
    _check_media(store, attachments)
    return create(
        store,
        operator,
        "task",
        {
            "title": title.strip(),
            "status": "issued",
            "issuer": _me(store),
            "assignee": assignee,
            "assignee_kind": assignee_kind,
            "incident_id": incident_id,
            "priority": priority,
            "deadline": deadline,
            "issued_at": now_ms(),
            "ack_within_s": ack_within_s,
            "geom": geom,
            "description": description,
            "attachments": attachments or None,
            **extra,
        },
        eid=eid,
    )


def issue_allocation(
    store: Store,
    operator: str,
    *,
    title: str,
    assignee: str,
    from_depot: str,
    items: Sequence[Mapping[str, Any]],
    assignee_kind: str = "unit",
    to_depot: str | None = None,
    **task_fields: Any,
) -> str:
    """A supply allocation (调拨): a task whose items leave ``from_depot`` (and reach ``to_depot``)
    when it is done. Refused when the depot does not hold what it asks for now."""
    if not items:
        raise Refused("invalid: an allocation needs at least one item")
    depot = store.get("feature", from_depot)
    if depot is None or depot.get("symbol") != "depot":
        raise Refused(f"no depot {from_depot}")
    if to_depot is not None:
        target = store.get("feature", to_depot)
        if target is None or target.get("symbol") != "depot":
            raise Refused(f"no depot {to_depot}")
    short = shortfall(store, from_depot, items)
    if short is not None:
        raise Refused(short)
    return issue_task(
        store,
        operator,
        title=title,
        assignee=assignee,
        assignee_kind=assignee_kind,
        kind="allocation",
        items=[dict(i) for i in items],
        from_depot=from_depot,
        to_depot=to_depot,
        **task_fields,
    )


def allocation_movements(task_id: str, task: Mapping[str, Any]) -> list[Draft]:
    """The stock movements an allocation makes when done, with ids derived from the task."""
    drafts: list[Draft] = []
    sides = [("out", task.get("from_depot"), -1), ("in", task.get("to_depot"), 1)]
    for n, line in enumerate(task.get("items") or ()):
        for side, depot, sign in sides:
            if not isinstance(depot, str):
                continue
            fields: dict[str, Any] = {
                "depot_id": depot,
                "item": line["item"],
                "delta": sign * line["qty"],
                "reason": f"调拨：{task.get('title', '')}",
                "task_id": task_id,
            }
            if "unit" in line:
                fields["unit"] = line["unit"]
            eid = uuid.uuid5(_ALLOC_NS, f"{task_id}/{n}/{side}").hex
            drafts.append(Draft("stock", eid, "add", fields))
    return drafts


def set_status(
    store: Store,
    operator: str,
    task_id: str,
    status: str,
    text: str | None = None,
    *,
    progress: int | None = None,
    media: list[str] | None = None,
) -> None:
    """Move a task to a new status; the transition is also written as feedback (one record, with
    any text, progress and photos said with it), so the task's history says who did what, when.
    An allocation moving to done moves its stock, once, if the depot still holds it here."""
    task = store.get("task", task_id)
    if task is None:
        raise Refused(f"no task {task_id}")
    _check_media(store, media)
    said = {"text": text or None, "progress": progress, "media": media or None}
    feedback = {"task_id": task_id, "status": status, **{k: v for k, v in said.items() if v is not None}}
    drafts = [
        Draft("task", task_id, "put", {"status": status}),
        Draft("feedback", new_id(), "add", feedback),
    ]
    if status == "done" and task.get("kind") == "allocation":
        moves = [d for d in allocation_movements(task_id, task.data) if not store.get("stock", d.eid)]
        if moves and isinstance(task.get("from_depot"), str):
            short = shortfall(store, task.data["from_depot"], task.get("items") or ())
            if short is not None:
                raise Refused(short)
        drafts += moves
    store.write(drafts, operator=operator)


def acknowledge(store: Store, operator: str, task_id: str, text: str | None = None) -> None:
    set_status(store, operator, task_id, "acknowledged", text)


def cancel_task(store: Store, operator: str, task_id: str, text: str | None = None) -> None:
    """Only the issuer (or the roster authority) may cancel; others get the reason."""
    set_status(store, operator, task_id, "cancelled", text)


def add_feedback(
    store: Store,
    operator: str,
    task_id: str,
    *,
    text: str | None = None,
    progress: int | None = None,
    media: list[str] | None = None,
) -> str:
    if store.get("task", task_id) is None:
        raise Refused(f"no task {task_id}")
    if text is None and progress is None and not media:
        raise Refused("invalid: feedback needs text, progress or a photo")
    _check_media(store, media)
    return create(
        store,
        operator,
        "feedback",
        {"task_id": task_id, "text": text, "progress": progress, "media": media or None},
    )


def _check_media(store: Store, media: Sequence[str] | None) -> None:
    """Attachments and photos name media items this post has (one that is unknown is refused)."""
    ids = list(media or ())
    if not ids:
        return
    known = store.get_many("media", ids)
    missing = [m for m in ids if m not in known]
    if missing:
        raise Refused(f"no media {', '.join(missing)}")


def reassign(store: Store, operator: str, task_id: str, assignee: str, assignee_kind: str) -> None:
    if store.get("task", task_id) is None:
        raise Refused(f"no task {task_id}")
    store.write(
        [Draft("task", task_id, "put", {"assignee": assignee, "assignee_kind": assignee_kind})],
        operator=operator,
    )


def feedback_of(store: Store, task_id: str) -> list[Entity]:
    """The task's feedback trail, oldest first (found through the parent index)."""
    items = store.entities("feedback", parent_id=task_id)
    return sorted(items, key=lambda e: (e.created_hlc, e.created_origin))


# ----------------------------------------------------------------------------- asking the rules

_PROBES: dict[str, dict[str, Any]] = {
    "cancel": {"status": "cancelled"},
    "reassign": {"assignee": "?", "assignee_kind": "post"},
    "work": {"status": "acknowledged"},
    "edit": {"title": "?"},
}


def may(store: Store, task_id: str, action: str) -> str | None:
    """None when this post may do ``action`` (cancel, reassign, work, edit) on the task now;
    otherwise the reason ``apply`` would refuse it with."""
    if action not in _PROBES:
        raise ValueError(f"unknown action {action!r}")
    if store.get("task", task_id) is None:
        return f"no task {task_id}"
    me = _me(store)
    roster = store.get("post", me)
    who = PostInfo(
        me,
        str((roster.get("role") if roster else None) or "rear"),
        authority=me == store.anchor.post_id,
        revoked=bool(roster and roster.get("revoked")),
    )
    probe = Op(1, f"{me}.probe", 1, 0, "", "task", task_id, "put", _PROBES[action], {},
               b"", b"", b"")  # fmt: skip

    def lookup(etype: str, eid: str) -> Mapping[str, Any] | None:
        e = store.get(etype, eid)
        return e.data if e is not None else None

    def assignees(tid: str) -> set[str]:
        state = store._state("task", tid)
        return state.assignees if state is not None else set()

    return refusal(probe, who, lookup, assignees)


# ----------------------------------------------------------------------------- reading


def list_tasks(
    store: Store,
    *,
    incident_id: str | None = None,
    status: str | Sequence[str] | None = None,
    assignee: str | None = None,
    issued_by: str | None = None,
    assigned_to_post: str | None = None,
    overdue_at: int | None = None,
) -> list[Entity]:
    """Tasks matching every filter given, most urgent deadline first. ``status`` may be a code,
    a list of codes, or "open"; ``assigned_to_post`` also matches the units that post commands."""
    wanted: set[str] | None = None
    if isinstance(status, str):
        wanted = set(OPEN) if status == "open" else {status}
    elif status is not None:
        wanted = set(status)
    units: set[str] = set()
    if assigned_to_post is not None:
        units = {u.eid for u in store.entities("unit") if u.get("post_id") == assigned_to_post}
    out = []
    for t in store.entities("task", incident_id=incident_id):
        if wanted is not None and t.get("status") not in wanted:
            continue
        if assignee is not None and t.get("assignee") != assignee:
            continue
        if issued_by is not None and t.get("issuer") != issued_by:
            continue
        if assigned_to_post is not None and not (
            t.get("assignee") == assigned_to_post or t.get("assignee") in units
        ):
            continue
        if overdue_at is not None and not is_overdue(t.data, overdue_at):
            continue
        out.append(t)
    return sorted(out, key=lambda t: (t.get("deadline") or 2**62, t.created_hlc, t.eid))


@dataclass(frozen=True)
class HistoryEntry:
    """One step of a task's life: who (post, operator) did what, when; refused steps too."""

    hlc: int
    at_ms: int
    post_id: str
    post_name: str
    operator: str
    action: str  # issued | status | reassigned | edited | deleted | feedback
    detail: dict[str, Any] = field(default_factory=dict)
    status: str = "applied"  # or "refused"
    reason: str | None = None


def _action(op: Op, first: bool) -> str:
    if op.kind == "del":
        return "deleted"
    if first and "issuer" in op.fields:
        return "issued"
    if "assignee" in op.fields:
        return "reassigned"
    if set(op.fields) == {"status"}:
        return "status"
    return "edited"


def task_history(store: Store, task_id: str) -> list[HistoryEntry]:
    """The full history of a task from the op log: every op on it (refused ones with their
    reason) and every piece of feedback that says more than a status change, oldest first."""
    names = {p.eid: str(p.get("name", p.eid)) for p in store.entities("post", include_deleted=True)}
    out: list[HistoryEntry] = []
    issued = False
    for op, status, reason in store.history("task", task_id):
        action = _action(op, not issued)
        issued = issued or (action == "issued" and status == "applied")
        out.append(
            HistoryEntry(
                op.hlc, hlc_ms(op.hlc), op.post_id, names.get(op.post_id, op.post_id),
                op.operator, action, dict(op.fields), status, reason,
            )  # fmt: skip
        )
    for fb in feedback_of(store, task_id):
        if not (fb.get("text") or fb.get("progress") is not None or fb.get("media")):
            continue  # a bare status change: the task op above already says it
        post = split_origin(fb.created_origin)[0]
        out.append(
            HistoryEntry(
                fb.created_hlc, hlc_ms(fb.created_hlc), post, names.get(post, post),
                fb.created_by, "feedback", dict(fb.data),
            )  # fmt: skip
        )
    out.sort(key=lambda h: (h.hlc, h.post_id, h.action != "status"))
    return out
