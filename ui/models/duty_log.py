"""The duty log table (值班日志): who wrote what, when, at which post; entries are append-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.ops import hlc_ms
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityTableModel


class DutyLogModel(EntityTableModel):
    ETYPE = "log"
    CONTEXT = "DutyLogModel"
    COLUMNS = (
        ("time", QT_TRANSLATE_NOOP("DutyLogModel", "Time")),
        ("category", QT_TRANSLATE_NOOP("DutyLogModel", "Category")),
        ("text", QT_TRANSLATE_NOOP("DutyLogModel", "Entry")),
        ("operator", QT_TRANSLATE_NOOP("DutyLogModel", "Written by")),
        ("post", QT_TRANSLATE_NOOP("DutyLogModel", "Post")),
        ("incident", QT_TRANSLATE_NOOP("DutyLogModel", "Incident")),
    )

    def column_names(self, key: str) -> set[str]:
        return {"incident": {"incident"}, "post": {"post"}}.get(key, set())

    def display(self, entity: Entity, key: str) -> str:
        d = entity.data
        if key == "time":
            return labels.short_time(hlc_ms(entity.created_hlc))
        if key == "category":
            return labels.LOG_CATEGORY(d.get("category"))
        if key == "text":
            return " ".join(str(d.get("text") or "").split())
        if key == "operator":
            return entity.created_by
        if key == "post":
            return self.names.origin_post(entity.created_origin)
        if key == "incident":
            return self.names.incident(d.get("incident_id"))
        return ""

    def sort_value(self, entity: Entity, key: str) -> Any:
        return entity.created_hlc if key == "time" else self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "time":
                return labels.local_time(hlc_ms(entity.created_hlc), seconds=True)
            if key == "text":
                return str(entity.get("text") or "") or None
        return None
