"""Cursor-on-Target XML: read events safely, turn them into our records, write ours as CoT.

Reading uses defusedxml (no entities, no external references) with a size bound per event; a
malformed event is reported with the element at fault and skipped. ``split_stream`` frames a
TCP stream (CoT over TCP has no length prefix: one ``<event>…</event>`` after another).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from plugins.api import Entity, Parsed, Problem, Record, feature_codes, stable_id

from . import symbols

MAX_EVENT_BYTES = 8 * 1024 * 1024  # an image marker carries its photo in base64
MAX_IMAGE_BYTES = 6 * 1024 * 1024
SOURCE = "cot"
STALE_S = 300
_TYPE = re.compile(r"^[a-zA-Z](-[A-Za-z0-9_.]+)*$")
_EVENT_END = re.compile(rb"</event\s*>|<event\b[^>]*/>")
_EVENT_START = re.compile(rb"<event\b")


class CotError(ValueError):
    """An event that cannot be taken; the message names the element and attribute at fault."""


@dataclass
class CotEvent:
    uid: str
    type: str
    how: str
    time_ms: int
    start_ms: int
    stale_ms: int
    lat: float
    lon: float
    hae: float = 9999999.0
    callsign: str = ""
    group: str = ""
    role: str = ""
    remarks: str = ""
    shape: list[tuple[float, float]] = field(default_factory=list)  # (lon, lat) of <link point>
    image: bytes | None = None
    image_mime: str = "image/jpeg"
    ours: dict[str, str] = field(default_factory=dict)  # our own <zhijiu …/> detail


def _time(value: str | None, name: str) -> int:
    if not value:
        raise CotError(f"<event> has no {name}")
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CotError(f"<event> {name}={value[:40]!r} is not an ISO 8601 time") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return int(t.timestamp() * 1000)


def _number(elem: ET.Element, name: str, lo: float, hi: float, default: float | None = None) -> float:
    raw = elem.get(name)
    if raw is None:
        if default is None:
            raise CotError(f"<{elem.tag}> has no {name}")
        return default
    try:
        v = float(raw)
    except ValueError:
        raise CotError(f"<{elem.tag}> {name}={raw[:40]!r} is not a number") from None
    if not lo <= v <= hi:
        raise CotError(f"<{elem.tag}> {name}={raw[:40]} is out of range")
    return v


def event_from_element(ev: ET.Element) -> CotEvent:
    if ev.tag != "event":
        raise CotError(f"<{ev.tag}> is not a CoT <event>")
    uid, typ = ev.get("uid"), ev.get("type")
    if not uid or len(uid) > 300:
        raise CotError("<event> has no uid" if not uid else "<event> uid is longer than 300")
    if not typ or not _TYPE.match(typ):
        raise CotError(f"<event uid={uid!r}> type={typ!r} is not a CoT type")
    where = f"<event uid={uid!r}>"
    pt = ev.find("point")
    if pt is None:
        raise CotError(f"{where} has no <point>")
    try:
        lat = _number(pt, "lat", -90, 90)
        lon = _number(pt, "lon", -180, 180)
        hae = _number(pt, "hae", -1e7, 1e8, 9999999.0)
        t = _time(ev.get("time"), "time")
        start = _time(ev.get("start") or ev.get("time"), "start")
        stale = _time(ev.get("stale"), "stale")
    except CotError as exc:
        raise CotError(f"{where}: {exc}") from None
    out = CotEvent(uid, typ, ev.get("how") or "h-e", t, start, stale, lat, lon, hae)
    detail = ev.find("detail")
    if detail is not None:
        links = 0
        seen: set[str] = set()
        for child in detail:  # one pass over the detail, not one search per element we read
            tag = child.tag
            if tag != "link":
                if tag in seen:
                    continue  # the first of a kind counts
                seen.add(tag)
            if tag == "contact":
                out.callsign = (child.get("callsign") or "")[:64]
            elif tag == "__group":
                out.group = (child.get("name") or "")[:32]
                out.role = (child.get("role") or "")[:64]
            elif tag == "remarks":
                if child.text:
                    out.remarks = child.text.strip()[:4000]
            elif tag == "link":
                links += 1
                _link(out, child, where, links)
            elif tag == "image":
                _image(out, child, where)
            elif tag == "zhijiu":
                out.ours = {k: v[:200] for k, v in child.attrib.items()}
    return out


def _link(out: CotEvent, link: ET.Element, where: str, n: int) -> None:
    p = link.get("point")
    if p is None:
        return
    try:
        la, lo = (float(x) for x in p.split(",")[:2])
    except ValueError:
        raise CotError(f"{where}: <link> {n} point={p[:40]!r} is not 'lat,lon'") from None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise CotError(f"{where}: <link> {n} point is out of range")
    out.shape.append((lo, la))


def _image(out: CotEvent, image: ET.Element, where: str) -> None:
    if not (image.text and image.text.strip()):
        return
    if len(image.text) > MAX_IMAGE_BYTES * 4 // 3 + 16:
        raise CotError(f"{where}: <image> is larger than {MAX_IMAGE_BYTES >> 20} MiB")
    try:
        out.image = base64.b64decode(image.text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise CotError(f"{where}: <image> is not base64") from None
    out.image_mime = (image.get("mime") or "image/jpeg")[:100]


def _fast_parser() -> Any:
    from lxml import etree

    # no entity resolution, no network, no DTD: what defusedxml advises for lxml
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


_FAST = threading.local()


def parse_event(data: bytes) -> CotEvent:
    """One event from bytes; CotError (with the line or element at fault) when it is bad.

    A document with any markup declaration (``<!`` — a DOCTYPE, an ENTITY, CDATA, a comment)
    goes through defusedxml, which refuses DTDs and entity tricks. One without — every event a
    TAK device sends — holds only elements, attributes, text and the predefined character
    references, where defusedxml has nothing to refuse; it is read by lxml's C parser (no entity
    resolution, no network, no DTD), five times faster: the SA stream's 1,000 events a second
    need it.
    """
    if len(data) > MAX_EVENT_BYTES:
        raise CotError(f"event larger than {MAX_EVENT_BYTES >> 20} MiB")
    if b"<!" not in data:
        from lxml import etree

        parser = getattr(_FAST, "parser", None) or _fast_parser()
        _FAST.parser = parser
        try:
            return event_from_element(etree.fromstring(data, parser))
        except etree.XMLSyntaxError as exc:
            line, col = exc.position
            raise CotError(f"line {line}, column {col}: not well-formed XML ({exc.msg})") from None
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        line, col = exc.position
        reason = str(exc).split(":")[0]
        raise CotError(f"line {line}, column {col}: not well-formed XML ({reason})") from None
    except DefusedXmlException as exc:
        raise CotError(f"refused: {type(exc).__name__}") from None
    return event_from_element(root)


def split_stream(buffer: bytearray) -> Iterator[bytes]:
    """Take every complete ``<event>`` off the front of a TCP stream buffer (in place).

    Bytes before an ``<event`` (an XML declaration, junk) are dropped; an event that grows past
    MAX_EVENT_BYTES without ending is dropped too, so a hostile peer cannot make us buffer
    without bound.
    """
    while True:
        start = _EVENT_START.search(buffer)
        if start is None:
            keep = buffer[-6:]  # "<event" may be cut in two
            buffer[:] = keep if b"<" in keep else b""
            return
        if start.start() > 0:
            del buffer[: start.start()]
        end = _EVENT_END.search(buffer)
        if end is None:
            if len(buffer) > MAX_EVENT_BYTES:
                del buffer[:6]  # skip this runaway event; resync on the next one
                continue
            return
        chunk = bytes(buffer[: end.end()])
        del buffer[: end.end()]
        yield chunk


# ----------------------------------------------------------------------------- in: records


def point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}


@functools.lru_cache(maxsize=8192)
def _id(uid: str) -> str:
    """Our id for a CoT uid (a hash: worth remembering for the teams that report every second)."""
    return stable_id(SOURCE, uid)


def records_for(ev: CotEvent, put_blob: Any = None) -> list[Record]:
    """What one event means for our store (nothing for link chatter)."""
    if symbols.is_ignored(ev.type):
        return []
    where = f"<event uid={ev.uid!r} type={ev.type!r}>"
    etype = ev.ours.get("etype")
    if ev.type == symbols.IMAGE_COT or ev.image is not None:
        if ev.image is None or put_blob is None:
            return []  # an image marker without its image: nothing to show
        sha = put_blob(ev.image)
        fields = {"sha256": sha, "kind": "photo", "mime": ev.image_mime, "size": len(ev.image),
                  "captured_at": ev.time_ms, "geom": point(ev.lon, ev.lat),
                  "caption": (ev.callsign or ev.remarks or ev.uid)[:1000]}
        return [Record("media", _id(ev.uid), fields, where)]
    if etype in ("task", "media"):
        return []  # our own orders echoed back are not taken from TAK; a photo comes with its file
    if etype == "unit" or (etype is None and symbols.is_track(ev.type)):
        props = {"cot_type": ev.type, "how": ev.how, **({"role": ev.role} if ev.role else {})}
        fields = {"geom": point(ev.lon, ev.lat), "last_seen": ev.time_ms, "stale_at": ev.stale_ms,
                  "callsign": ev.callsign or None, "team_color": ev.group or None, "props": props}
        create = {"name": (ev.callsign or ev.uid)[:200], "type": symbols.unit_type(ev.type),
                  "status": "on_scene"}
        return [Record("unit", _id(ev.uid),
                       {k: v for k, v in fields.items() if v is not None}, where, create)]
    symbol = ev.ours.get("symbol") or symbols.feature_symbol(ev.type)
    if symbol not in feature_codes.SYMBOLS:
        symbol = "other"
    geom: dict[str, Any] = point(ev.lon, ev.lat)
    ring = ev.shape
    if len(ring) >= 2:
        closed = ring[0] == ring[-1] or ev.type.startswith(("u-d-f", "u-d-r", "u-d-c"))
        coords = [[round(x, 7), round(y, 7)] for x, y in ring]
        if closed and len(ring) >= 3:
            if coords[0] != coords[-1]:
                coords.append(coords[0])
            geom = {"type": "Polygon", "coordinates": [coords]}
        else:
            geom = {"type": "LineString", "coordinates": coords}
    fields = {"symbol": symbol, "name": (ev.callsign or ev.remarks[:60] or ev.uid)[:200],
              "geom": geom, "props": {"cot_type": ev.type, "cot_uid": ev.uid[:200]}}
    level = ev.ours.get("level")
    if level in feature_codes.RISK_LEVELS:
        fields["level"] = level
    if ev.remarks:
        fields["note"] = ev.remarks
    return [Record("feature", _id(ev.uid), fields, where)]


def parse_many(chunks: Iterable[bytes], put_blob: Any = None, own_post: str | None = None) -> Parsed:
    """Events → records; a bad event becomes a Problem naming it (n: its place in the input)."""
    parsed = Parsed()
    for n, chunk in enumerate(chunks, 1):
        try:
            ev = parse_event(chunk)
        except CotError as exc:
            parsed.problems.append(Problem(f"event {n}", str(exc)))
            continue
        if own_post and ev.ours.get("post") == own_post:
            continue  # our own event, heard back
        parsed.records += records_for(ev, put_blob)
    return parsed


# ----------------------------------------------------------------------------- out: CoT


def _iso(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _anchor(geom: dict[str, Any] | None) -> tuple[float, float, list[list[float]]] | None:
    """(lon, lat, shape) for a geometry: a point, or a line/area's first vertex and its outline."""
    if not geom:
        return None
    c = geom.get("coordinates")
    if geom.get("type") == "Point":
        return float(c[0]), float(c[1]), []
    ring = c if geom.get("type") == "LineString" else c[0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    return lon, lat, ring


OUT_FEATURES = frozenset({"hazard", "risk_point", "danger_zone", "road_cut", "shelter", "depot",
                          "command_post", "rescue_point", "landing_zone", "staging_area"})


def event_for(entity: Entity, post_id: str, now_ms: int, stale_s: int = STALE_S) -> ET.Element | None:
    """Our unit, task or hazard as a CoT event (None when it has no place on the map)."""
    d = entity.data
    if entity.etype == "unit":
        cot_type = str((d.get("props") or {}).get("cot_type") or symbols.UNIT_TO_COT.get(d.get("type", ""), "a-f-G"))
        name, geom, how = d.get("callsign") or d.get("name", ""), d.get("geom"), "h-e"
        extra = {"etype": "unit", "type": d.get("type", ""), "status": d.get("status", "")}
    elif entity.etype == "task":
        cot_type, name, geom, how = symbols.TASK_COT, d.get("title", ""), d.get("geom"), "h-e"
        extra = {"etype": "task", "status": d.get("status", ""), "priority": d.get("priority", "")}
    elif entity.etype == "feature" and d.get("symbol") in OUT_FEATURES:
        cot_type = symbols.FEATURE_TO_COT[d["symbol"]]
        name, geom, how = d.get("name", ""), d.get("geom"), "h-e"
        extra = {"etype": "feature", "symbol": d["symbol"], **({"level": d["level"]} if d.get("level") else {})}
        if geom and geom.get("type") != "Point" and not cot_type.startswith("u-d"):
            cot_type = "u-d-f"  # a drawn shape: TAK shows the outline
    else:
        return None
    anchor = _anchor(geom)
    if anchor is None:
        return None
    lon, lat, shape = anchor
    ev = ET.Element("event", {
        "version": "2.0", "uid": entity.eid, "type": cot_type, "how": how,
        "time": _iso(now_ms), "start": _iso(now_ms), "stale": _iso(now_ms + stale_s * 1000),
    })
    ET.SubElement(ev, "point", {"lat": f"{lat:.7f}", "lon": f"{lon:.7f}", "hae": "9999999.0",
                                "ce": "9999999.0", "le": "9999999.0"})
    detail = ET.SubElement(ev, "detail")
    ET.SubElement(detail, "contact", {"callsign": str(name)[:64]})
    if entity.etype == "unit":
        ET.SubElement(detail, "__group", {"name": d.get("team_color") or "Cyan", "role": "Team"})
    for p in shape:
        ET.SubElement(detail, "link", {"point": f"{p[1]:.7f},{p[0]:.7f}"})
    remarks = d.get("note") or d.get("description") or ""
    if remarks:
        ET.SubElement(detail, "remarks").text = str(remarks)[:2000]
    ET.SubElement(detail, "zhijiu", {"post": post_id, **{k: str(v) for k, v in extra.items()}})
    return ev


def to_bytes(ev: ET.Element) -> bytes:
    return ET.tostring(ev, encoding="utf-8", xml_declaration=False)


def export_events(entities: Iterable[Entity], post_id: str, now_ms: int) -> bytes:
    """Every event of ours, one after another (the way a CoT stream or a .cot file holds them)."""
    out = []
    for e in entities:
        ev = event_for(e, post_id, now_ms)
        if ev is not None:
            out.append(to_bytes(ev) + b"\n")
    return b"".join(out)
