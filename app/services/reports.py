"""Reports (信息报送) and the incident totals derived from them.

Each reporting post's latest report carries its current figures (a 续报 restates the totals it
knows), so an incident's totals are the sum over posts of each post's latest report — never the
sum of every report, which would count the same people twice.
"""

from __future__ import annotations

from typing import Any

from app.domain.report import FIGURES
from app.ops import split_origin
from app.services.common import create
from app.store.store import Entity, Store

TOTAL_FIELDS = (*FIGURES, "loss_10k_yuan")


def file_report(store: Store, operator: str, *, incident_id: str, kind: str, **fields: Any) -> str:
    return create(store, operator, "report", {"incident_id": incident_id, "kind": kind, **fields})


def latest_by_post(reports: list[Entity]) -> dict[str, Entity]:
    latest: dict[str, Entity] = {}
    for r in sorted(reports, key=lambda e: (e.created_hlc, e.created_origin)):
        latest[split_origin(r.created_origin)[0]] = r
    return latest


def incident_totals(store: Store, incident_id: str) -> dict[str, float]:
    reports = store.entities("report", incident_id=incident_id)
    totals: dict[str, float] = dict.fromkeys(TOTAL_FIELDS, 0)
    for r in latest_by_post(reports).values():
        for name in TOTAL_FIELDS:
            totals[name] += r.get(name, 0) or 0
    return totals
