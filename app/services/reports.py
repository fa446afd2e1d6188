"""Reports (信息报送) and the incident totals derived from them; reporting deadlines.

Each reporting post's latest report carries its current figures (a 续报 restates the totals it
knows), so an incident's totals are the sum over posts of each post's latest report — never the
sum of every report, which would count the same people twice.

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


def file_report(store: Store, operator: str, *, incident_id: str, kind: str, **fields: Any) -> str:
    if store.get("incident", incident_id) is None:
        raise Refused(f"no incident {incident_id}")
    return create(store, operator, "report", {"incident_id": incident_id, "kind": kind, **fields})


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
