"""`zhijiu task issue|update|list|show`: orders from scripts and integrations, JSON with --json.

Ids may be given by a unique prefix (as `git` does). Times: ISO 8601 (a time without a zone is
Beijing time) or relative to now, `+90m`, `+2h`, `+1d`. Errors are one line, as everywhere.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from app.cli import Parser, UserError, _folder, _operator
from app.cst import CST, cst_datetime
from app.domain.task import PRIORITIES, STATUSES, is_overdue, is_unacknowledged_late
from app.services.common import now_ms, point
from app.store.store import Entity, Store

_RELATIVE = re.compile(r"^\+(\d+(?:\.\d+)?)([mhd])$")


@contextmanager
def open_store(args: argparse.Namespace, *, write: bool) -> Iterator[Store]:
    folder = _folder(args)
    if not folder.exists():
        raise UserError(f"no post in {folder.path} (run `zhijiu init` first)")
    if write:
        folder.lock()
    store = folder.open_store(args.db)
    try:
        yield store
    finally:
        store.close()


def parse_time(text: str, *, now: int | None = None) -> int:
    """Epoch ms of `+90m` / `+2h` / `+1d` or an ISO 8601 time (no zone: Beijing time)."""
    m = _RELATIVE.match(text.strip())
    if m:
        scale = {"m": 60_000, "h": 3_600_000, "d": 86_400_000}[m.group(2)]
        return (now if now is not None else now_ms()) + int(float(m.group(1)) * scale)
    try:
        t = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"not a time: {text!r} (use ISO 8601 like 2026-07-01T18:00 or +90m)") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=CST)
    return int(t.timestamp() * 1000)


def parse_point(text: str) -> dict[str, Any]:
    try:
        lon, lat = (float(x) for x in text.split(","))
    except ValueError:
        raise UserError(f"not a position: {text!r} (use LON,LAT like 106.58,29.55)") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise UserError(f"position out of range: {text!r} (LON,LAT)")
    return point(lon, lat)


def resolve(store: Store, etype: str, ident: str, pool: list[Entity] | None = None) -> Entity:
    """An entity by id or unique id prefix; a name also matches posts and units."""
    exact = store.get(etype, ident)
    if exact is not None:
        return exact
    items = pool if pool is not None else store.entities(etype)
    found = [e for e in items if e.eid.startswith(ident)] or [
        e for e in items if etype in ("post", "unit", "incident") and ident in (e.get("name"), e.get("title"))
    ]
    if not found:
        raise UserError(f"no {etype} {ident!r}")
    if len(found) > 1:
        raise UserError(f"{etype} {ident!r} is ambiguous ({len(found)} match); give more of the id")
    return found[0]


def iso(ms: Any) -> str | None:
    if not isinstance(ms, int):
        return None
    return cst_datetime(ms).isoformat(timespec="minutes")


def emit(doc: Any, as_json: bool, text: Callable[[], str]) -> None:
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(text())


def task_doc(t: Entity, now: int) -> dict[str, Any]:
    return {
        "id": t.eid,
        **t.data,
        "deadline_iso": iso(t.get("deadline")),
        "overdue": is_overdue(t.data, now),
        "unacknowledged_late": is_unacknowledged_late(t.data, now),
        "conflicted": t.conflicted,
    }


# ----------------------------------------------------------------------------- verbs


def cmd_task_issue(args: argparse.Namespace) -> int:
    from app.services import tasks as ts

    with open_store(args, write=True) as store:
        kind = args.kind
        target = resolve(store, kind, args.to)
        incident = resolve(store, "incident", args.incident).eid if args.incident else None
        fields: dict[str, Any] = dict(
            title=args.title,
            incident_id=incident,
            priority=args.priority,
            deadline=parse_time(args.deadline) if args.deadline else None,
            ack_within_s=int(args.ack_within * 60) if args.ack_within is not None else None,
            geom=parse_point(args.at) if args.at else None,
            description=args.description,
            attachments=args.attach or None,
        )
        if args.from_depot:
            items = [_item(i) for i in args.item or []]
            to_depot = resolve(store, "feature", args.to_depot).eid if args.to_depot else None
            depot = resolve(store, "feature", args.from_depot).eid
            tid = ts.issue_allocation(
                store, _operator(args), assignee=target.eid, assignee_kind=kind,
                from_depot=depot, to_depot=to_depot, items=items, **fields,
            )  # fmt: skip
        else:
            if args.item:
                raise UserError("--item needs --from-depot (an allocation)")
            tid = ts.issue_task(store, _operator(args), assignee=target.eid, assignee_kind=kind, **fields)
        task = store.get("task", tid)
        assert task is not None
        emit(task_doc(task, now_ms()), args.json, lambda: f"issued task {tid}: {args.title}")
    return 0


def _item(text: str) -> dict[str, Any]:
    """`帐篷=50顶` or `帐篷=50`: an allocation line."""
    m = re.match(r"^(.+?)=(\d+(?:\.\d+)?)(\D{0,20})$", text.strip())
    if not m:
        raise UserError(f"not an item: {text!r} (use NAME=QTY[UNIT], like 帐篷=50顶)")
    qty = float(m.group(2))
    line: dict[str, Any] = {"item": m.group(1), "qty": int(qty) if qty.is_integer() else qty}
    if m.group(3):
        line["unit"] = m.group(3)
    return line


def cmd_task_update(args: argparse.Namespace) -> int:
    from app.services import tasks as ts

    with open_store(args, write=True) as store:
        task = resolve(store, "task", args.task)
        op = _operator(args)
        did = []
        if args.reassign:
            target = resolve(store, args.kind, args.reassign)
            ts.reassign(store, op, task.eid, target.eid, args.kind)
            did.append(f"reassigned to {target.get('name', target.eid)}")
        if args.status:
            ts.set_status(store, op, task.eid, args.status, args.text)
            did.append(f"status {args.status}")
        if args.progress is not None or args.photo or (args.text and not args.status):
            ts.add_feedback(store, op, task.eid, text=args.text, progress=args.progress, media=args.photo)
            did.append("feedback")
        if not did:
            raise UserError("nothing to update: give --status, --text, --progress, --photo or --reassign")
        now = store.get("task", task.eid)
        assert now is not None
        emit(task_doc(now, now_ms()), args.json, lambda: f"task {task.eid}: {', '.join(did)}")
    return 0


def cmd_task_list(args: argparse.Namespace) -> int:
    from app.services import tasks as ts

    with open_store(args, write=False) as store:
        me = store.identity.post_id if store.identity else None
        now = now_ms()
        found = ts.list_tasks(
            store,
            incident_id=resolve(store, "incident", args.incident).eid if args.incident else None,
            status=args.status,
            assignee=resolve(store, args.kind, args.to).eid if args.to else None,
            issued_by=me if args.issued_by_me else None,
            assigned_to_post=me if args.assigned_to_me else None,
            overdue_at=now if args.overdue else None,
        )
        docs = [task_doc(t, now) for t in found]

        def text() -> str:
            lines = [f"{len(docs)} task(s)"]
            for d in docs:
                late = " OVERDUE" if d["overdue"] else " UNACKNOWLEDGED" if d["unacknowledged_late"] else ""
                lines.append(
                    f"{d['id'][:8]}  {d['status']:<12} {d.get('priority', ''):<7} "
                    f"{d['deadline_iso'] or '-':<17} {d['title']}{late}"
                )
            return "\n".join(lines)

        emit(docs, args.json, text)
    return 0


def cmd_task_show(args: argparse.Namespace) -> int:
    from app.services import tasks as ts

    with open_store(args, write=False) as store:
        task = resolve(store, "task", args.task)
        history = [
            {"at": iso(h.at_ms), "post": h.post_name, "operator": h.operator, "action": h.action,
             "detail": h.detail, "status": h.status, "reason": h.reason}
            for h in ts.task_history(store, task.eid)
        ]  # fmt: skip
        doc = {**task_doc(task, now_ms()), "history": history}

        def text() -> str:
            lines = [f"{task.eid}  {task.get('title')}  [{task.get('status')}]"]
            for h in history:
                extra = f"  REFUSED: {h['reason']}" if h["status"] == "refused" else ""
                lines.append(f"  {h['at']}  {h['post']} / {h['operator']}: {h['action']} {_said(h)}{extra}")
            return "\n".join(lines)

        emit(doc, args.json, text)
    return 0


def _said(h: dict[str, Any]) -> str:
    """The gist of one history step for a terminal."""
    d = h["detail"]
    if h["action"] == "issued":
        return f"to {d.get('assignee')} ({d.get('assignee_kind')}), {d.get('priority', 'normal')}"
    if h["action"] == "reassigned":
        return f"to {d.get('assignee')} ({d.get('assignee_kind')})"
    if h["action"] == "feedback":
        parts = [str(d["text"])] if d.get("text") else []
        if d.get("progress") is not None:
            parts.append(f"{d['progress']}%")
        if d.get("media"):
            parts.append(f"{len(d['media'])} photo(s)")
        return ", ".join(parts)
    if h["action"] == "status":
        return str(d.get("status"))
    return ", ".join(f"{k}={v}" for k, v in sorted(d.items()))


# ----------------------------------------------------------------------------- parser


def add_task_verbs(sub: Any) -> None:
    sp: Parser = sub.add_parser(
        "task", help="issue, update and list orders (任务)", description="issue, update and list orders"
    )
    tsub = sp.add_subparsers(dest="task_verb", required=True, metavar="issue|update|list|show", parser_class=Parser)

    def common(p: Parser, *, write: bool) -> None:
        p.add_argument("--json", action="store_true", help="print JSON")
        if write:
            p.add_argument("--operator", help="who does it (default: $ZHIJIU_OPERATOR or the login name)")

    p = tsub.add_parser("issue", help="issue an order to a unit or a post")
    p.set_defaults(func=cmd_task_issue)
    p.add_argument("--title", required=True)
    p.add_argument("--to", required=True, metavar="ID", help="the unit (or with --kind post, the post): id, prefix or name")
    p.add_argument("--kind", choices=("unit", "post"), default="unit")
    p.add_argument("--incident", metavar="ID")
    p.add_argument("--priority", choices=PRIORITIES, default="normal")
    p.add_argument("--deadline", metavar="TIME", help="ISO 8601 (Beijing time) or +90m / +2h / +1d")
    p.add_argument("--ack-within", type=float, metavar="MIN", help="minutes to acknowledge before the alert")
    p.add_argument("--at", metavar="LON,LAT")
    p.add_argument("--description")
    p.add_argument("--attach", action="append", metavar="MEDIA_ID", help="attach a media item (repeat)")
    p.add_argument("--from-depot", metavar="ID", help="a supply allocation (调拨) drawn from this depot")
    p.add_argument("--to-depot", metavar="ID", help="the allocation's receiving depot")
    p.add_argument("--item", action="append", metavar="NAME=QTY[UNIT]", help="an allocation line (repeat)")
    common(p, write=True)

    p = tsub.add_parser("update", help="change status, add feedback, or reassign")
    p.set_defaults(func=cmd_task_update)
    p.add_argument("task", metavar="TASK", help="id or unique prefix")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--text")
    p.add_argument("--progress", type=int, metavar="0-100")
    p.add_argument("--photo", action="append", metavar="MEDIA_ID")
    p.add_argument("--reassign", metavar="ID")
    p.add_argument("--kind", choices=("unit", "post"), default="unit", help="what --reassign names")
    common(p, write=True)

    p = tsub.add_parser("list", help="list tasks")
    p.set_defaults(func=cmd_task_list)
    p.add_argument("--incident", metavar="ID")
    p.add_argument("--status", choices=(*STATUSES, "open"))
    p.add_argument("--to", metavar="ID", help="assigned to this unit (or with --kind post, post)")
    p.add_argument("--kind", choices=("unit", "post"), default="unit")
    p.add_argument("--issued-by-me", action="store_true")
    p.add_argument("--assigned-to-me", action="store_true", help="to this post or a unit it commands")
    p.add_argument("--overdue", action="store_true")
    common(p, write=False)

    p = tsub.add_parser("show", help="a task and its full history (who did what)")
    p.set_defaults(func=cmd_task_show)
    p.add_argument("task", metavar="TASK")
    common(p, write=False)
