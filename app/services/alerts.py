"""Alerts (告警): what is late at a given moment — an order not acknowledged in the time its
issuer set, an open task past its deadline, an incident whose 首报 or 续报 is overdue.

``compute_alerts`` is pure (entities and ``now`` in, alerts out) so a view can poll it on a
timer and a test can ask about any moment; ``alerts`` reads the store and calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.task import is_overdue, is_unacknowledged_late
from app.services.plans import duplicate_plan_tasks
from app.services.reports import report_due
from app.store.store import Entity, Store

KINDS = ("unacknowledged", "overdue", "report_due")


@dataclass(frozen=True)
class Alert:
    kind: str  # unacknowledged | overdue | report_due
    etype: str  # task | incident
    eid: str
    incident_id: str | None
    title: str
    due_ms: int
    late_ms: int
    report_kind: str | None = None  # report_due: "first" (首报) or "followup" (续报)


def compute_alerts(
    tasks: Iterable[Entity],
    incidents: Iterable[Entity],
    reports: Iterable[Entity],
    now_ms: int,
) -> list[Alert]:
    """Every alert at ``now_ms``, the latest-overdue first."""
    tasks = [t for t in tasks if not t.deleted]
    dupes = duplicate_plan_tasks(tasks)
    out: list[Alert] = []
    for t in tasks:
        if t.eid in dupes:
            continue
        title = str(t.get("title", ""))
        if is_unacknowledged_late(t.data, now_ms):
            due = int(t.get("issued_at")) + int(t.get("ack_within_s")) * 1000
            out.append(Alert("unacknowledged", "task", t.eid, t.incident_id, title, due, now_ms - due))
        if is_overdue(t.data, now_ms):
            due = int(t.get("deadline"))
            out.append(Alert("overdue", "task", t.eid, t.incident_id, title, due, now_ms - due))
    by_incident: dict[str, list[Entity]] = {}
    for r in reports:
        if r.incident_id:
            by_incident.setdefault(r.incident_id, []).append(r)
    for inc in incidents:
        if inc.deleted:
            continue
        due_kind = report_due(inc.data, by_incident.get(inc.eid, []))
        if due_kind is not None and due_kind[1] < now_ms:
            kind, due = due_kind
            out.append(
                Alert("report_due", "incident", inc.eid, inc.eid, str(inc.get("title", "")), due,
                      now_ms - due, kind)  # fmt: skip
            )
    out.sort(key=lambda a: (-a.late_ms, a.kind, a.eid))
    return out


def alerts(store: Store, now_ms: int, incident_id: str | None = None) -> list[Alert]:
    incidents = store.entities("incident")
    if incident_id is not None:
        incidents = [i for i in incidents if i.eid == incident_id]
    return compute_alerts(
        store.entities("task", incident_id=incident_id),
        incidents,
        store.entities("report", incident_id=incident_id),
        now_ms,
    )
