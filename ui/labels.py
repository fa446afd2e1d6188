"""Words for the codes the core returns: statuses, priorities, roles, levels, kinds, field names.

``app`` speaks in codes (``"in_progress"``, ``"fire_rescue"``); this module turns them into the
words of the current language. Source words are English and marked with ``QT_TRANSLATE_NOOP`` so
``pyside6-lupdate`` collects them; each table is its own translation context, because the same
English word may need different Chinese in different places (a cancelled task is 已撤销, a
cancelled warning is 已解除). An unknown code is shown as it is, never hidden.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain import SPECS
from ui import beijing_time
from ui.i18n import QT_TRANSLATE_NOOP


class CodeTable:
    """One family of codes and their source words, translated on every lookup."""

    def __init__(self, context: str, words: Mapping[Any, str]) -> None:
        self.context = context
        self.words = dict(words)

    def __call__(self, code: Any) -> str:
        if code is None:
            return ""
        source = self.words.get(code)
        if source is None:
            return str(code)
        return QCoreApplication.translate(self.context, source)

    def codes(self) -> list[Any]:
        return list(self.words)


TASK_STATUS = CodeTable("TaskStatus", {
    "issued": QT_TRANSLATE_NOOP("TaskStatus", "Issued"),
    "acknowledged": QT_TRANSLATE_NOOP("TaskStatus", "Acknowledged"),
    "in_progress": QT_TRANSLATE_NOOP("TaskStatus", "In progress"),
    "done": QT_TRANSLATE_NOOP("TaskStatus", "Done"),
    "failed": QT_TRANSLATE_NOOP("TaskStatus", "Not accomplished"),
    "cancelled": QT_TRANSLATE_NOOP("TaskStatus", "Cancelled"),
})

PRIORITY = CodeTable("Priority", {
    "urgent": QT_TRANSLATE_NOOP("Priority", "Urgent"),
    "high": QT_TRANSLATE_NOOP("Priority", "High"),
    "normal": QT_TRANSLATE_NOOP("Priority", "Normal"),
    "low": QT_TRANSLATE_NOOP("Priority", "Low"),
})

ASSIGNEE_KIND = CodeTable("AssigneeKind", {
    "unit": QT_TRANSLATE_NOOP("AssigneeKind", "Unit"),
    "post": QT_TRANSLATE_NOOP("AssigneeKind", "Post"),
})

ROLE = CodeTable("Role", {
    "rear": QT_TRANSLATE_NOOP("Role", "Rear HQ"),
    "forward": QT_TRANSLATE_NOOP("Role", "Forward command post"),
    "observer": QT_TRANSLATE_NOOP("Role", "Observer"),
})

LEVEL = CodeTable("Level", {
    "city": QT_TRANSLATE_NOOP("Level", "City"),
    "district": QT_TRANSLATE_NOOP("Level", "District / county"),
    "township": QT_TRANSLATE_NOOP("Level", "Township (street)"),
    "village": QT_TRANSLATE_NOOP("Level", "Village (community)"),
    "scene": QT_TRANSLATE_NOOP("Level", "On scene"),
    "individual": QT_TRANSLATE_NOOP("Level", "Individual responder"),
})

UNIT_TYPE = CodeTable("UnitType", {
    "comprehensive": QT_TRANSLATE_NOOP("UnitType", "Comprehensive rescue team"),
    "specialist": QT_TRANSLATE_NOOP("UnitType", "Specialist rescue team"),
    "volunteer": QT_TRANSLATE_NOOP("UnitType", "Volunteer rescue force"),
    "grassroots": QT_TRANSLATE_NOOP("UnitType", "Grassroots rescue team"),
    "fire_rescue": QT_TRANSLATE_NOOP("UnitType", "Fire and rescue"),
    "medical": QT_TRANSLATE_NOOP("UnitType", "Medical"),
    "militia": QT_TRANSLATE_NOOP("UnitType", "Militia"),
    "other": QT_TRANSLATE_NOOP("UnitType", "Other"),
})

UNIT_STATUS = CodeTable("UnitStatus", {
    "standby": QT_TRANSLATE_NOOP("UnitStatus", "Standing by"),
    "en_route": QT_TRANSLATE_NOOP("UnitStatus", "En route"),
    "on_scene": QT_TRANSLATE_NOOP("UnitStatus", "On scene"),
    "returning": QT_TRANSLATE_NOOP("UnitStatus", "Returning"),
    "off_duty": QT_TRANSLATE_NOOP("UnitStatus", "Off duty"),
})

REPORT_KIND = CodeTable("ReportKind", {
    "first": QT_TRANSLATE_NOOP("ReportKind", "First report"),
    "followup": QT_TRANSLATE_NOOP("ReportKind", "Follow-up report"),
    "final": QT_TRANSLATE_NOOP("ReportKind", "Final report"),
})

REPORT_CATEGORY = CodeTable("ReportCategory", {
    "rain": QT_TRANSLATE_NOOP("ReportCategory", "Rainfall"),
    "water": QT_TRANSLATE_NOOP("ReportCategory", "River levels"),
    "flood": QT_TRANSLATE_NOOP("ReportCategory", "Flood"),
    "hazard": QT_TRANSLATE_NOOP("ReportCategory", "Hazard"),
    "disaster": QT_TRANSLATE_NOOP("ReportCategory", "Disaster"),
    "works": QT_TRANSLATE_NOOP("ReportCategory", "Flood-control works"),
    "opinion": QT_TRANSLATE_NOOP("ReportCategory", "Public opinion"),
})

REPORT_FIGURE = CodeTable("ReportFigure", {
    "dead": QT_TRANSLATE_NOOP("ReportFigure", "Dead"),
    "missing": QT_TRANSLATE_NOOP("ReportFigure", "Missing"),
    "injured": QT_TRANSLATE_NOOP("ReportFigure", "Injured"),
    "trapped": QT_TRANSLATE_NOOP("ReportFigure", "Trapped"),
    "evacuated": QT_TRANSLATE_NOOP("ReportFigure", "Urgently evacuated"),
    "relocated": QT_TRANSLATE_NOOP("ReportFigure", "Relocated"),
    "houses_damaged": QT_TRANSLATE_NOOP("ReportFigure", "Houses damaged"),
    "loss_10k_yuan": QT_TRANSLATE_NOOP("ReportFigure", "Direct loss (10k yuan)"),
})

LOG_CATEGORY = CodeTable("LogCategory", {
    "duty": QT_TRANSLATE_NOOP("LogCategory", "Duty"),
    "handover": QT_TRANSLATE_NOOP("LogCategory", "Shift handover"),
    "consultation": QT_TRANSLATE_NOOP("LogCategory", "Consultation"),
    "event": QT_TRANSLATE_NOOP("LogCategory", "Event"),
    "order": QT_TRANSLATE_NOOP("LogCategory", "Order"),
    "other": QT_TRANSLATE_NOOP("LogCategory", "Other"),
})

INCIDENT_CATEGORY = CodeTable("IncidentCategory", {
    "flood": QT_TRANSLATE_NOOP("IncidentCategory", "Flood"),
    "landslide": QT_TRANSLATE_NOOP("IncidentCategory", "Landslide"),
    "fire": QT_TRANSLATE_NOOP("IncidentCategory", "Fire"),
    "chemical": QT_TRANSLATE_NOOP("IncidentCategory", "Hazardous chemicals"),
    "earthquake": QT_TRANSLATE_NOOP("IncidentCategory", "Earthquake"),
    "rainstorm": QT_TRANSLATE_NOOP("IncidentCategory", "Rainstorm"),
    "other": QT_TRANSLATE_NOOP("IncidentCategory", "Other"),
})

INCIDENT_STATUS = CodeTable("IncidentStatus", {
    "open": QT_TRANSLATE_NOOP("IncidentStatus", "Responding"),
    "closed": QT_TRANSLATE_NOOP("IncidentStatus", "Closed"),
})

RESPONSE_LEVEL = CodeTable("ResponseLevel", {
    1: QT_TRANSLATE_NOOP("ResponseLevel", "Level I response"),
    2: QT_TRANSLATE_NOOP("ResponseLevel", "Level II response"),
    3: QT_TRANSLATE_NOOP("ResponseLevel", "Level III response"),
    4: QT_TRANSLATE_NOOP("ResponseLevel", "Level IV response"),
})

WARNING_LEVEL = CodeTable("WarningLevel", {
    "blue": QT_TRANSLATE_NOOP("WarningLevel", "Blue"),
    "yellow": QT_TRANSLATE_NOOP("WarningLevel", "Yellow"),
    "orange": QT_TRANSLATE_NOOP("WarningLevel", "Orange"),
    "red": QT_TRANSLATE_NOOP("WarningLevel", "Red"),
})

WARNING_TYPE = CodeTable("WarningType", {
    "rainstorm": QT_TRANSLATE_NOOP("WarningType", "Rainstorm"),
    "flood": QT_TRANSLATE_NOOP("WarningType", "Flood"),
    "geological": QT_TRANSLATE_NOOP("WarningType", "Geological hazard"),
    "wind": QT_TRANSLATE_NOOP("WarningType", "Gale"),
    "heat": QT_TRANSLATE_NOOP("WarningType", "Heat"),
    "cold": QT_TRANSLATE_NOOP("WarningType", "Cold wave"),
    "fire": QT_TRANSLATE_NOOP("WarningType", "Fire danger"),
    "chemical": QT_TRANSLATE_NOOP("WarningType", "Hazardous chemicals"),
    "other": QT_TRANSLATE_NOOP("WarningType", "Other"),
})

WARNING_STAGE = CodeTable("WarningStage", {
    "days": QT_TRANSLATE_NOOP("WarningStage", "1-3 days ahead"),
    "h6": QT_TRANSLATE_NOOP("WarningStage", "6 hours ahead"),
    "h2": QT_TRANSLATE_NOOP("WarningStage", "2 hours ahead"),
    "realtime": QT_TRANSLATE_NOOP("WarningStage", "Real time"),
})

WARNING_TIER = CodeTable("WarningTier", {
    "city": QT_TRANSLATE_NOOP("WarningTier", "City"),
    "district": QT_TRANSLATE_NOOP("WarningTier", "District"),
    "township": QT_TRANSLATE_NOOP("WarningTier", "Township"),
    "village": QT_TRANSLATE_NOOP("WarningTier", "Village / grid"),
})

WARNING_STATUS = CodeTable("WarningStatus", {
    "active": QT_TRANSLATE_NOOP("WarningStatus", "In force"),
    "cancelled": QT_TRANSLATE_NOOP("WarningStatus", "Lifted"),
})

FEATURE_SYMBOL = CodeTable("FeatureSymbol", {
    "hazard": QT_TRANSLATE_NOOP("FeatureSymbol", "Hazard"),
    "risk_point": QT_TRANSLATE_NOOP("FeatureSymbol", "Risk point"),
    "shelter": QT_TRANSLATE_NOOP("FeatureSymbol", "Shelter"),
    "depot": QT_TRANSLATE_NOOP("FeatureSymbol", "Supply depot"),
    "command_post": QT_TRANSLATE_NOOP("FeatureSymbol", "Command post"),
    "road_cut": QT_TRANSLATE_NOOP("FeatureSymbol", "Road cut"),
    "evacuation_route": QT_TRANSLATE_NOOP("FeatureSymbol", "Evacuation route"),
    "danger_zone": QT_TRANSLATE_NOOP("FeatureSymbol", "Danger zone"),
    "staging_area": QT_TRANSLATE_NOOP("FeatureSymbol", "Staging area"),
    "rescue_point": QT_TRANSLATE_NOOP("FeatureSymbol", "Rescue point"),
    "landing_zone": QT_TRANSLATE_NOOP("FeatureSymbol", "Helicopter landing zone"),
    "gauge": QT_TRANSLATE_NOOP("FeatureSymbol", "Rain / river gauge"),
    "other": QT_TRANSLATE_NOOP("FeatureSymbol", "Other"),
})

RISK_LEVEL = CodeTable("RiskLevel", {
    "low": QT_TRANSLATE_NOOP("RiskLevel", "Low"),
    "general": QT_TRANSLATE_NOOP("RiskLevel", "General"),
    "high": QT_TRANSLATE_NOOP("RiskLevel", "Serious"),
    "major": QT_TRANSLATE_NOOP("RiskLevel", "Major"),
})

SHELTER_KIND = CodeTable("ShelterKind", {
    "emergency": QT_TRANSLATE_NOOP("ShelterKind", "Emergency"),
    "short_term": QT_TRANSLATE_NOOP("ShelterKind", "Short-term"),
    "long_term": QT_TRANSLATE_NOOP("ShelterKind", "Long-term"),
})

MEDIA_KIND = CodeTable("MediaKind", {
    "photo": QT_TRANSLATE_NOOP("MediaKind", "Photo"),
    "video": QT_TRANSLATE_NOOP("MediaKind", "Video"),
    "panorama": QT_TRANSLATE_NOOP("MediaKind", "Panorama"),
})

ENTITY_TYPE = CodeTable("EntityType", {
    "incident": QT_TRANSLATE_NOOP("EntityType", "Incident"),
    "feature": QT_TRANSLATE_NOOP("EntityType", "Map feature"),
    "unit": QT_TRANSLATE_NOOP("EntityType", "Rescue team"),
    "task": QT_TRANSLATE_NOOP("EntityType", "Task"),
    "feedback": QT_TRANSLATE_NOOP("EntityType", "Task feedback"),
    "report": QT_TRANSLATE_NOOP("EntityType", "Report"),
    "media": QT_TRANSLATE_NOOP("EntityType", "Image / video"),
    "warning": QT_TRANSLATE_NOOP("EntityType", "Warning"),
    "log": QT_TRANSLATE_NOOP("EntityType", "Duty log entry"),
    "message": QT_TRANSLATE_NOOP("EntityType", "Message"),
    "stock": QT_TRANSLATE_NOOP("EntityType", "Stock movement"),
    "occupancy": QT_TRANSLATE_NOOP("EntityType", "Shelter occupancy"),
    "post": QT_TRANSLATE_NOOP("EntityType", "Command post"),
    "plan": QT_TRANSLATE_NOOP("EntityType", "Response plan"),
    "receipt": QT_TRANSLATE_NOOP("EntityType", "Message receipt"),
    "reading": QT_TRANSLATE_NOOP("EntityType", "Gauge reading"),
})

FIELD_NAME = CodeTable("FieldName", {
    "title": QT_TRANSLATE_NOOP("FieldName", "Title"),
    "name": QT_TRANSLATE_NOOP("FieldName", "Name"),
    "status": QT_TRANSLATE_NOOP("FieldName", "Status"),
    "priority": QT_TRANSLATE_NOOP("FieldName", "Priority"),
    "assignee": QT_TRANSLATE_NOOP("FieldName", "Assigned to"),
    "assignee_kind": QT_TRANSLATE_NOOP("FieldName", "Assignee kind"),
    "issuer": QT_TRANSLATE_NOOP("FieldName", "Issued by"),
    "deadline": QT_TRANSLATE_NOOP("FieldName", "Deadline"),
    "description": QT_TRANSLATE_NOOP("FieldName", "Description"),
    "incident_id": QT_TRANSLATE_NOOP("FieldName", "Incident"),
    "geom": QT_TRANSLATE_NOOP("FieldName", "Location"),
    "area": QT_TRANSLATE_NOOP("FieldName", "Area"),
    "type": QT_TRANSLATE_NOOP("FieldName", "Type"),
    "category": QT_TRANSLATE_NOOP("FieldName", "Category"),
    "level": QT_TRANSLATE_NOOP("FieldName", "Level"),
    "response_level": QT_TRANSLATE_NOOP("FieldName", "Response level"),
    "headcount": QT_TRANSLATE_NOOP("FieldName", "Headcount"),
    "equipment": QT_TRANSLATE_NOOP("FieldName", "Equipment"),
    "post_id": QT_TRANSLATE_NOOP("FieldName", "Commanding post"),
    "contact": QT_TRANSLATE_NOOP("FieldName", "Contact"),
    "callsign": QT_TRANSLATE_NOOP("FieldName", "Call sign"),
    "capacity": QT_TRANSLATE_NOOP("FieldName", "Capacity"),
    "note": QT_TRANSLATE_NOOP("FieldName", "Note"),
    "text": QT_TRANSLATE_NOOP("FieldName", "Text"),
    "symbol": QT_TRANSLATE_NOOP("FieldName", "Symbol"),
    "valid_from": QT_TRANSLATE_NOOP("FieldName", "Valid from"),
    "valid_to": QT_TRANSLATE_NOOP("FieldName", "Valid until"),
    "stage": QT_TRANSLATE_NOOP("FieldName", "Stage"),
    "deleted": QT_TRANSLATE_NOOP("FieldName", "Deleted"),
    "kind": QT_TRANSLATE_NOOP("FieldName", "Kind"),
    "items": QT_TRANSLATE_NOOP("FieldName", "Items"),
    "from_depot": QT_TRANSLATE_NOOP("FieldName", "From depot"),
    "to_depot": QT_TRANSLATE_NOOP("FieldName", "To depot"),
    "plan_key": QT_TRANSLATE_NOOP("FieldName", "Response plan item"),
    "first_report_within_min": QT_TRANSLATE_NOOP("FieldName", "First report due within (min)"),
    "report_every_min": QT_TRANSLATE_NOOP("FieldName", "Follow-up report every (min)"),
    "tasks": QT_TRANSLATE_NOOP("FieldName", "Standard tasks"),
    "ack_within_s": QT_TRANSLATE_NOOP("FieldName", "Acknowledge within"),
    "attachments": QT_TRANSLATE_NOOP("FieldName", "Attachments"),
})

TASK_KIND = CodeTable("TaskKind", {
    "order": QT_TRANSLATE_NOOP("TaskKind", "Order"),
    "allocation": QT_TRANSLATE_NOOP("TaskKind", "Supply allocation"),
})

# Which table names the values of a field, per entity type (None: any entity type).
_VALUE_TABLES: dict[tuple[str | None, str], CodeTable] = {
    ("task", "status"): TASK_STATUS,
    ("task", "priority"): PRIORITY,
    ("task", "assignee_kind"): ASSIGNEE_KIND,
    ("task", "kind"): TASK_KIND,
    ("plan", "category"): INCIDENT_CATEGORY,
    ("plan", "level"): RESPONSE_LEVEL,
    ("unit", "type"): UNIT_TYPE,
    ("unit", "status"): UNIT_STATUS,
    ("incident", "category"): INCIDENT_CATEGORY,
    ("incident", "status"): INCIDENT_STATUS,
    ("incident", "response_level"): RESPONSE_LEVEL,
    ("warning", "level"): WARNING_LEVEL,
    ("warning", "type"): WARNING_TYPE,
    ("warning", "stage"): WARNING_STAGE,
    ("warning", "status"): WARNING_STATUS,
    ("feature", "symbol"): FEATURE_SYMBOL,
    ("feature", "level"): RISK_LEVEL,
    ("feature", "shelter_kind"): SHELTER_KIND,
    ("report", "kind"): REPORT_KIND,
    ("report", "category"): REPORT_CATEGORY,
    ("log", "category"): LOG_CATEGORY,
    ("post", "role"): ROLE,
    ("post", "level"): LEVEL,
    ("media", "kind"): MEDIA_KIND,
}


def local_time(ms: int | None, *, seconds: bool = False) -> str:
    """Epoch milliseconds as Beijing date and time (whatever the machine's zone), the way a
    duty officer writes it."""
    if not isinstance(ms, int):
        return ""
    fmt = "yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm"
    return beijing_time.at(ms).toString(fmt)


def short_time(ms: int | None) -> str:
    """Like :func:`local_time`, without the year when it is this year (for narrow columns)."""
    if not isinstance(ms, int):
        return ""
    when = beijing_time.at(ms)
    if when.date().year() == beijing_time.now().date().year():
        return when.toString("MM-dd HH:mm")
    return when.toString("yyyy-MM-dd HH:mm")


def ago(seconds: float | None) -> str:
    """How long ago, the way a person says it on the radio: 刚刚, 3 分钟前, 2 小时前."""
    if seconds is None:
        return QCoreApplication.translate("Ago", "never")
    s = max(0, int(seconds))
    if s < 10:
        return QCoreApplication.translate("Ago", "just now")
    if s < 60:
        return arg(QCoreApplication.translate("Ago", "%1 s ago"), s)
    if s < 3600:
        return arg(QCoreApplication.translate("Ago", "%1 min ago"), s // 60)
    if s < 86400:
        return arg(QCoreApplication.translate("Ago", "%1 h ago"), s // 3600)
    return arg(QCoreApplication.translate("Ago", "%1 d ago"), s // 86400)


def bit_rate(bps: float | None) -> str:
    """A link speed in bits per second (the unit link budgets are given in): 256 kbit/s."""
    if bps is None:
        return ""
    if bps < 1000:
        return f"{bps:.0f} bit/s"
    if bps < 1_000_000:
        return f"{bps / 1000:.3g} kbit/s"
    return f"{bps / 1_000_000:.3g} Mbit/s"


def duration_ms(ms: float | None, *, signed: bool = False) -> str:
    """A short span: 45 ms, 1.2 s, 6 min; ``signed`` puts + or − in front (clock skew)."""
    if ms is None:
        return ""
    sign = ("+" if ms >= 0 else "\u2212") if signed else ""
    a = abs(ms)
    if a < 1000:
        text = f"{a:.0f} ms"
    elif a < 60_000:
        text = f"{a / 1000:.1f} s"
    else:
        text = f"{a / 60_000:.0f} min"
    return sign + text


def field_name(field: str) -> str:
    return FIELD_NAME(field)


def value_text(etype: str, field: str, value: Any) -> str:
    """A field's value in words: codes translated, times local, structures compact."""
    if value is None:
        return QCoreApplication.translate("FieldValue", "(empty)")
    if field == "deleted":
        return (QCoreApplication.translate("FieldValue", "deleted") if value
                else QCoreApplication.translate("FieldValue", "restored"))
    table = _VALUE_TABLES.get((etype, field))
    if table is not None:
        return table(value)
    spec = SPECS.get(etype)
    fspec = spec.fields.get(field) if spec else None
    if fspec is not None and fspec.time and isinstance(value, int):
        return local_time(value)
    if isinstance(value, bool):
        return (QCoreApplication.translate("FieldValue", "yes") if value
                else QCoreApplication.translate("FieldValue", "no"))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return QCoreApplication.translate("FieldValue", ", ").join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


_PLACEHOLDER = re.compile(r"%(\d)")


def arg(template: str, *values: Any) -> str:
    """Fill ``%1`` … ``%9`` in a translated template in one pass (QString::arg for Python).

    Translations may reorder the placeholders; a value that itself contains ``%2`` is left alone.
    """
    def sub(m: re.Match[str]) -> str:
        i = int(m.group(1)) - 1
        return str(values[i]) if 0 <= i < len(values) else m.group(0)

    return _PLACEHOLDER.sub(sub, template)
