"""The rescue teams table (救援队伍): type, status, people, equipment and the post commanding each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.domain import unit as unit_rules
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityTableModel


class UnitTableModel(EntityTableModel):
    ETYPE = "unit"
    CONTEXT = "UnitTableModel"
    COLUMNS = (
        ("name", QT_TRANSLATE_NOOP("UnitTableModel", "Team")),
        ("type", QT_TRANSLATE_NOOP("UnitTableModel", "Type")),
        ("status", QT_TRANSLATE_NOOP("UnitTableModel", "Status")),
        ("headcount", QT_TRANSLATE_NOOP("UnitTableModel", "People")),
        ("post", QT_TRANSLATE_NOOP("UnitTableModel", "Commanded by")),
        ("callsign", QT_TRANSLATE_NOOP("UnitTableModel", "Call sign")),
        ("contact", QT_TRANSLATE_NOOP("UnitTableModel", "Contact")),
        ("equipment", QT_TRANSLATE_NOOP("UnitTableModel", "Equipment")),
    )

    def column_names(self, key: str) -> set[str]:
        return {"post": {"post"}}.get(key, set())

    def display(self, entity: Entity, key: str) -> str:
        d = entity.data
        if key == "type":
            return labels.UNIT_TYPE(d.get("type"))
        if key == "status":
            return labels.UNIT_STATUS(d.get("status"))
        if key == "headcount":
            return "" if d.get("headcount") is None else str(d["headcount"])
        if key == "post":
            return self.names.post(d.get("post_id"))
        if key == "equipment":
            return QCoreApplication.translate("FieldValue", ", ").join(d.get("equipment") or [])
        return str(d.get(key) or "")

    def sort_value(self, entity: Entity, key: str) -> Any:
        if key == "headcount":
            return int(entity.get("headcount") or 0)
        if key == "status":
            status = entity.get("status")
            return unit_rules.STATUSES.index(status) if status in unit_rules.STATUSES else 99
        return self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "headcount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "equipment":
            return "\n".join(entity.get("equipment") or []) or None
        return None
