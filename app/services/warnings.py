"""Warnings (预警): issue, update and cancel through the one write path; which are in force.

A warning has a level (blue / yellow / orange / red), a type, an area drawn on the map, a valid
period, the stage of the staged warning (1–3 days, 6 h, 2 h, real time) and the tiers that must
act. Cancelling is a status change, never a delete, so the review still sees it.
"""

from __future__ import annotations

from typing import Any

from app.domain.warning import SPEC
from app.services.board import active_warnings_in
from app.services.common import create, now_ms, update
from app.store.store import Entity, Refused, Store

EDITABLE = ("title", "level", "type", "stage", "tiers", "area", "valid_from", "valid_to", "text")


def _check_period(valid_from: Any, valid_to: Any) -> None:
    if isinstance(valid_from, int) and isinstance(valid_to, int) and valid_to <= valid_from:
        raise Refused("invalid: a warning must end after it starts")


def issue_warning(
    store: Store,
    operator: str,
    *,
    title: str,
    level: str,
    type: str,
    stage: str | None = None,
    tiers: list[str] | None = None,
    area: dict[str, Any] | None = None,
    valid_from: int | None = None,
    valid_to: int | None = None,
    incident_id: str | None = None,
    text: str | None = None,
) -> str:
    start = valid_from if valid_from is not None else now_ms()
    _check_period(start, valid_to)
    return create(
        store,
        operator,
        "warning",
        {
            "title": title,
            "level": level,
            "type": type,
            "status": "active",
            "stage": stage,
            "tiers": tiers,
            "area": area,
            "valid_from": start,
            "valid_to": valid_to,
            "incident_id": incident_id,
            "text": text,
        },
    )


def update_warning(store: Store, operator: str, warning_id: str, **changes: Any) -> None:
    """Change a warning's level, stage, area, period … (an upgrade from yellow to orange)."""
    unknown = sorted(set(changes) - set(EDITABLE) - {"incident_id"})
    if unknown:
        raise Refused(f"invalid: a warning has no editable field {', '.join(unknown)}")
    current = store.get("warning", warning_id)
    if current is None or current.deleted:
        raise Refused(f"no warning {warning_id}")
    _check_period(
        changes.get("valid_from", current.get("valid_from")),
        changes.get("valid_to", current.get("valid_to")),
    )
    problem = SPEC.check_fields(changes, creating=False)
    if problem:
        raise Refused(f"invalid: {problem}")
    update(store, operator, "warning", warning_id, changes)


def cancel_warning(store: Store, operator: str, warning_id: str) -> None:
    """Lift a warning (解除): it stays on record, no longer in force."""
    current = store.get("warning", warning_id)
    if current is None or current.deleted:
        raise Refused(f"no warning {warning_id}")
    update(store, operator, "warning", warning_id, {"status": "cancelled"})


def active_warnings(store: Store, at_ms: int | None = None) -> list[Entity]:
    """Warnings in force now (or at ``at_ms``), highest level first."""
    at = now_ms() if at_ms is None else at_ms
    entities = {id(e.data): e for e in store.entities("warning")}
    return [entities[id(d)] for d in active_warnings_in((e.data for e in entities.values()), at)]
