"""Response plans (应急预案): declaring or raising a level issues the plan's standard tasks.

Declaring level L for an incident of category C issues the tasks of every plan of C at levels
L … Ⅳ (a higher response includes the lower ones' tasks). Each template line has a ``plan_key``
(``incident/plan/line``); a line whose key already has a task here is skipped, so raising twice,
or declaring again after a restart, issues nothing new.

Two posts declaring at the same moment, each before seeing the other's tasks, each issue the
tasks (an order has one issuer, so one post cannot issue in another's name, and the role check
must judge every op the same wherever it arrives). Once both sets meet, every post computes the
same answer from the same ops: per ``plan_key`` the task created first (HLC, origin) is *the*
task and the others are duplicates — ``duplicate_plan_tasks`` names them, boards and alerts
leave them out, and ``retire_duplicates`` lets each issuer cancel its own duplicates.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.services.common import create, now_ms
from app.store.store import Draft, Entity, Refused, Store

_PLAN_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhijiu.invalid/plan-task")
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}


def save_plan(
    store: Store,
    operator: str,
    *,
    name: str,
    category: str,
    level: int,
    tasks: Sequence[Mapping[str, Any]],
    note: str | None = None,
    plan_id: str | None = None,
) -> str:
    """A new plan, or (``plan_id`` of an existing one) a new version of it."""
    fields = {
        "name": name,
        "category": category,
        "level": level,
        "tasks": [dict(t) for t in tasks],
        "note": note,
    }
    if plan_id is not None and store.get("plan", plan_id) is not None:
        store.write([Draft("plan", plan_id, "put", fields)], operator=operator)
        return plan_id
    return create(store, operator, "plan", fields, eid=plan_id)


def plans(store: Store, category: str | None = None) -> list[Entity]:
    """Plans, by category then level Ⅰ…Ⅳ."""
    found = [p for p in store.entities("plan") if category is None or p.get("category") == category]
    return sorted(found, key=lambda p: (str(p.get("category")), int(p.get("level", 4)), p.eid))


def plan_task_id(plan_key: str, post_id: str) -> str:
    return uuid.uuid5(_PLAN_NS, f"{plan_key}@{post_id}").hex


def declare_level(
    store: Store, operator: str, incident_id: str, level: int, *, at_ms: int | None = None
) -> list[str]:
    """Declare or raise the incident's response level and issue the standard tasks not issued
    yet; returns the new task ids. One write: the level and its tasks land together or not."""
    if store.identity is None:
        raise Refused("this store has no post identity to sign with")
    incident = store.get("incident", incident_id)
    if incident is None:
        raise Refused(f"no incident {incident_id}")
    if level not in ROMAN:
        raise Refused("invalid: the response level is 1 (Ⅰ) … 4 (Ⅳ)")
    me = store.identity.post_id
    at = at_ms if at_ms is not None else now_ms()
    have = {t.get("plan_key") for t in store.entities("task", incident_id=incident_id)}
    drafts: list[Draft] = []
    if incident.get("response_level") != level:
        drafts.append(Draft("incident", incident_id, "put", {"response_level": level}))
    new_ids: list[str] = []
    for plan in plans(store, str(incident.get("category"))):
        if int(plan.get("level", 4)) < level:
            continue  # a higher level's plan: not (yet) declared
        for n, line in enumerate(plan.get("tasks") or ()):
            key = f"{incident_id}/{plan.eid}/{n}"
            if key in have:
                continue
            fields: dict[str, Any] = {
                "title": line["title"],
                "status": "issued",
                "issuer": me,
                "assignee": line.get("assignee", me),
                "assignee_kind": line.get("assignee_kind", "post" if "assignee" not in line else "unit"),
                "incident_id": incident_id,
                "priority": line.get("priority", "normal"),
                "issued_at": at,
                "plan_key": key,
                "description": line.get("description")
                or f"{plan.get('name')}（{ROMAN[int(plan.get('level', 4))]}级响应）标准任务",
            }
            if "deadline_min" in line:
                fields["deadline"] = at + int(line["deadline_min"]) * 60_000
            if "ack_within_min" in line:
                fields["ack_within_s"] = int(line["ack_within_min"]) * 60
            eid = plan_task_id(key, me)
            drafts.append(Draft("task", eid, "put", fields))
            new_ids.append(eid)
    if drafts:
        store.write(drafts, operator=operator)
    return new_ids


def duplicate_plan_tasks(tasks: Iterable[Entity]) -> set[str]:
    """Plan tasks issued twice for one ``plan_key`` (two posts declaring at once): all but the
    first created. Depends only on the ops, so every post names the same ones."""
    first: dict[str, Entity] = {}
    dupes: set[str] = set()
    for t in tasks:
        key = t.get("plan_key")
        if not key or t.deleted:
            continue
        seen = first.get(key)
        if seen is None:
            first[key] = t
            continue
        early, late = sorted((seen, t), key=lambda e: (e.created_hlc, e.created_origin, e.eid))
        first[key] = early
        dupes.add(late.eid)
    return dupes


def retire_duplicates(store: Store, operator: str, among: set[str] | None = None) -> list[str]:
    """Cancel this post's own duplicate plan tasks (see ``duplicate_plan_tasks``); ``among``:
    only these candidates (a view that knows them), read with their incidents' tasks, not all."""
    from app.services.tasks import set_status

    if store.identity is None:
        return []
    me = store.identity.post_id
    if among is None:
        plan_tasks = [t for t in store.entities("task") if t.get("plan_key")]
    else:
        candidates = store.get_many("task", list(among)).values()
        plan_tasks = [t for incident in sorted({c.incident_id or "" for c in candidates})
                      for t in store.entities("task", incident_id=incident or None)
                      if t.get("plan_key")]
    tasks = {t.eid: t for t in plan_tasks}
    retired = []
    for eid in sorted(duplicate_plan_tasks(tasks.values())):
        t = tasks[eid]
        if t.get("issuer") == me and t.get("status") != "cancelled" and (among is None or eid in among):
            set_status(store, operator, eid, "cancelled", "重复的预案任务：同一任务已由其他指挥部下达")
            retired.append(eid)
    return retired


# ----------------------------------------------------------------------------- the default set

DEFAULT_PLANS: list[dict[str, Any]] = [
    {
        "name": "防汛Ⅳ级应急响应",
        "category": "flood",
        "level": 4,
        "tasks": [
            {"title": "加密水情雨情监测，每小时报送一次", "priority": "normal", "deadline_min": 60, "ack_within_min": 15},
            {"title": "巡查沿江低洼地带及在建工地", "priority": "normal", "deadline_min": 120, "ack_within_min": 20},
        ],
    },
    {
        "name": "防汛Ⅲ级应急响应",
        "category": "flood",
        "level": 3,
        "tasks": [
            {"title": "组织危险区域群众转移避险", "priority": "high", "deadline_min": 120, "ack_within_min": 10},
            {"title": "开放应急避难场所并报告容量", "priority": "high", "deadline_min": 90, "ack_within_min": 15},
            {"title": "抢险队伍前置待命", "priority": "high", "deadline_min": 60, "ack_within_min": 10},
        ],
    },
    {
        "name": "防汛Ⅱ级应急响应",
        "category": "flood",
        "level": 2,
        "tasks": [
            {"title": "启用前方指挥部，指挥长进驻现场", "priority": "urgent", "deadline_min": 60, "ack_within_min": 5},
            {"title": "调拨冲锋舟、救生衣等防汛物资", "priority": "urgent", "deadline_min": 90, "ack_within_min": 10},
        ],
    },
    {
        "name": "防汛Ⅰ级应急响应",
        "category": "flood",
        "level": 1,
        "tasks": [
            {"title": "请求市级及驻地部队增援", "priority": "urgent", "deadline_min": 30, "ack_within_min": 5},
        ],
    },
    {
        "name": "地质灾害Ⅳ级应急响应",
        "category": "landslide",
        "level": 4,
        "tasks": [
            {"title": "隐患点专人监测，发现异常立即报告", "priority": "high", "deadline_min": 60, "ack_within_min": 15},
            {"title": "设置警戒区，禁止人员车辆进入", "priority": "high", "deadline_min": 45, "ack_within_min": 10},
        ],
    },
    {
        "name": "地质灾害Ⅲ级应急响应",
        "category": "landslide",
        "level": 3,
        "tasks": [
            {"title": "转移威胁范围内住户", "priority": "urgent", "deadline_min": 60, "ack_within_min": 10},
            {"title": "专业队伍现场调查并提出处置建议", "priority": "high", "deadline_min": 180, "ack_within_min": 20},
        ],
    },
]
