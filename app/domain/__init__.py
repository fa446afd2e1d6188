"""The domain: entity types, their fields and the rules of who may change what.

``SPECS`` maps an entity type name to its spec; it is the single list of what a post can hold.
"""

from app.domain import (
    feature,
    gauge,
    incident,
    log,
    media,
    plan,
    post,
    report,
    supply,
    task,
    unit,
    warning,
)
from app.domain.schema import EntitySpec

SPECS: dict[str, EntitySpec] = {
    s.name: s
    for s in (
        incident.SPEC,
        feature.SPEC,
        unit.SPEC,
        task.SPEC,
        task.FEEDBACK,
        report.SPEC,
        media.SPEC,
        warning.SPEC,
        log.LOG,
        log.MESSAGE,
        log.RECEIPT,
        plan.SPEC,
        supply.STOCK,
        supply.OCCUPANCY,
        post.SPEC,
        gauge.READING,
    )
}

__all__ = ["SPECS", "EntitySpec"]
