"""The reports table (信息报送: 首报 / 续报 / 终报 with their figures); reports are append-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.ops import hlc_ms
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityTableModel

FIGURE_COLUMNS = ("dead", "missing", "injured", "trapped", "evacuated", "relocated")


class ReportTableModel(EntityTableModel):
    ETYPE = "report"
    CONTEXT = "ReportTableModel"
    COLUMNS = (
        ("time", QT_TRANSLATE_NOOP("ReportTableModel", "Time")),
        ("kind", QT_TRANSLATE_NOOP("ReportTableModel", "Report")),
        ("category", QT_TRANSLATE_NOOP("ReportTableModel", "Category")),
        ("incident", QT_TRANSLATE_NOOP("ReportTableModel", "Incident")),
        ("dead", QT_TRANSLATE_NOOP("ReportTableModel", "Dead")),
        ("missing", QT_TRANSLATE_NOOP("ReportTableModel", "Missing")),
        ("injured", QT_TRANSLATE_NOOP("ReportTableModel", "Injured")),
        ("trapped", QT_TRANSLATE_NOOP("ReportTableModel", "Trapped")),
        ("evacuated", QT_TRANSLATE_NOOP("ReportTableModel", "Evacuated")),
        ("relocated", QT_TRANSLATE_NOOP("ReportTableModel", "Relocated")),
        ("from", QT_TRANSLATE_NOOP("ReportTableModel", "Reported by")),
        ("text", QT_TRANSLATE_NOOP("ReportTableModel", "Text")),
    )

    def column_names(self, key: str) -> set[str]:
        return {"incident": {"incident"}, "from": {"post"}}.get(key, set())

    def display(self, entity: Entity, key: str) -> str:
        d = entity.data
        if key == "time":
            return labels.short_time(hlc_ms(entity.created_hlc))
        if key == "kind":
            return labels.REPORT_KIND(d.get("kind"))
        if key == "category":
            return labels.REPORT_CATEGORY(d.get("category"))
        if key == "incident":
            return self.names.incident(d.get("incident_id"))
        if key in FIGURE_COLUMNS:
            value = d.get(key)
            return "" if value is None else str(value)
        if key == "from":
            who = d.get("reporter") or entity.created_by
            post = self.names.origin_post(entity.created_origin)
            return f"{post} · {who}" if who else post
        if key == "text":
            return " ".join(str(d.get("text") or "").split())
        return ""

    def sort_value(self, entity: Entity, key: str) -> Any:
        if key == "time":
            return entity.created_hlc
        if key in FIGURE_COLUMNS:
            return int(entity.get(key) or 0)
        return self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "time":
                return labels.local_time(hlc_ms(entity.created_hlc), seconds=True)
            if key == "text":
                return str(entity.get("text") or "") or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in FIGURE_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
