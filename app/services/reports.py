"""Reports (信息报送) and the incident totals derived from them; reporting deadlines.

Each reporting post's latest report carries its current figures (a 续报 restates the totals it
knows), so an incident's totals are the sum over posts of each post's latest report — never the
sum of every report, which would count the same people twice.

Order (报送顺序), per post and incident: a post's first report is its 首报, then 续报, and its 终报
closes its reporting — a second 首报, a 续报 or 终报 before the 首报, and anything after the 终报
are refused (``order_problem``), so the window and the command line agree. A 续报 or 终报 that
leaves a figure out carries it over from the post's latest report (``carried_figures``): the
latest report alone makes the post's share of the totals, so a missing figure would drop it.

Deadlines (报送时限): the 首报 is due within ``first_report_within_min`` of the incident opening,
then a 续报 every ``report_every_min`` after the latest report, until a 终报 or the incident closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.domain.report import FIGURES
from app.ops import hlc_ms, split_origin
from app.services.common import create
from app.store.store import Entity, Refused, Store

TOTAL_FIELDS = (*FIGURES, "loss_10k_yuan")
DEFAULT_FIRST_REPORT_MIN = 60  # 首报: within an hour of the incident opening
DEFAULT_REPORT_EVERY_MIN = 120  # 续报: every two hours while it lasts


ORDER_REASONS = {
    "second_first": "this post has already filed its first report (首报) on this incident; "
                    "file a followup (续报)",
    "before_first": "this post has not filed its first report (首报) on this incident yet; "
                    "file the first report first",
    "after_final": "this post has filed its final report (终报) on this incident; "
                   "it takes no more reports",
}


def file_report(store: Store, operator: str, *, incident_id: str, kind: str, **fields: Any) -> str:
    """File a report from this post. A 续报/终报's figures not given (None or absent) carry over
    from this post's latest report of the incident; out-of-order reports are refused."""
    if store.get("incident", incident_id) is None:
        raise Refused(f"no incident {incident_id}")
    post = store.identity.post_id if store.identity is not None else None
    latest = post_latest(store, incident_id, post) if post is not None else None
    problem = order_problem(kind, latest)
    if problem is not None:
        raise Refused(ORDER_REASONS[problem])
    given = {k: v for k, v in fields.items() if v is not None}
    carried = carried_figures(latest) if kind != "first" else {}
    return create(store, operator, "report", {"incident_id": incident_id, "kind": kind, **carried, **given})


def post_latest(store: Store, incident_id: str, post_id: str) -> Entity | None:
    """This post's latest report of the incident: its current figures, the base of its next one."""
    mine = [r for r in store.entities("report", incident_id=incident_id)
            if split_origin(r.created_origin)[0] == post_id]
    return latest_by_post(mine).get(post_id)


def carried_figures(latest: Entity | None) -> dict[str, float]:
    """The figures a 续报/终报 starts from: those the post's latest report gave (a figure it did
    not give stays absent: unknown is not 0)."""
    if latest is None:
        return {}
    return {name: latest.get(name) for name in TOTAL_FIELDS if latest.get(name) is not None}


def order_problem(kind: str, latest: Entity | None) -> str | None:
    """Why a report of ``kind`` may not follow the post's ``latest`` (a key of ORDER_REASONS),
    or None. Pure: a post reports 首报, 续报…, 终报 on an incident, in that order."""
    if latest is not None and latest.get("kind") == "final":
        return "after_final"
    if kind == "first" and latest is not None:
        return "second_first"
    if kind != "first" and latest is None:
        return "before_first"
    return None


def latest_by_post(reports: Sequence[Entity]) -> dict[str, Entity]:
    latest: dict[str, Entity] = {}
    for r in sorted(reports, key=lambda e: (e.created_hlc, e.created_origin)):
        latest[split_origin(r.created_origin)[0]] = r
    return latest


def totals_of(reports: Sequence[Entity]) -> dict[str, float]:
    totals: dict[str, float] = dict.fromkeys(TOTAL_FIELDS, 0)
    for r in latest_by_post(reports).values():
        for name in TOTAL_FIELDS:
            totals[name] += r.get(name, 0) or 0
    return totals


def incident_totals(store: Store, incident_id: str) -> dict[str, float]:
    return totals_of(store.entities("report", incident_id=incident_id))


def reports_of(store: Store, incident_id: str) -> list[Entity]:
    """The incident's reports, newest first."""
    items = store.entities("report", incident_id=incident_id)
    return sorted(items, key=lambda e: (e.created_hlc, e.created_origin), reverse=True)


def report_due(incident: Mapping[str, Any], reports: Sequence[Entity]) -> tuple[str, int] | None:
    """The next report the incident owes and when it is due: ("first" | "followup", ms), or None
    (closed, a 终报 filed, or no opening time to count from). Pure."""
    if incident.get("status") == "closed" or any(r.get("kind") == "final" for r in reports):
        return None
    if not reports:
        opened = incident.get("opened_at")
        if not isinstance(opened, int):
            return None
        within = incident.get("first_report_within_min") or DEFAULT_FIRST_REPORT_MIN
        return "first", opened + int(within) * 60_000
    last = max(hlc_ms(r.created_hlc) for r in reports)
    every = incident.get("report_every_min") or DEFAULT_REPORT_EVERY_MIN
    return "followup", last + int(every) * 60_000
