"""KML and KMZ in and out: Placemarks with a Point, LineString or Polygon, properties kept in
``ExtendedData``. The placemark's ``id`` attribute is its identity across imports.

KML is first checked by defusedxml (no DTD, no entities), then read with lxml for the line
numbers a problem report needs. A KMZ is a zip whose first ``.kml`` is the document.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from plugins.api import InputError, Parsed, PluginContext, Problem

from .records import RowError, exported, owned, properties_of, record_for, value_of

KML_NS = "http://www.opengis.net/kml/2.2"
MAX_BYTES = 64 * 1024 * 1024
MAX_KMZ_ENTRY = 64 * 1024 * 1024
SOURCE = "kml"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _coords(text: str | None, line: int) -> list[list[float]]:
    out = []
    for token in (text or "").split():
        parts = token.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            raise RowError(f"line {line}: coordinate {token[:40]!r} is not 'lon,lat[,alt]'") from None
        out.append([lon, lat])
    return out


def _geometry(pm: Any) -> dict[str, Any] | None:
    for el in pm.iter():
        name = _local(el.tag)
        if name == "Point":
            c = _coords(_child_text(el, "coordinates"), el.sourceline)
            if len(c) != 1:
                raise RowError(f"line {el.sourceline}: <Point> needs one coordinate")
            return {"type": "Point", "coordinates": c[0]}
        if name == "LineString":
            return {"type": "LineString", "coordinates": _coords(_child_text(el, "coordinates"), el.sourceline)}
        if name == "Polygon":
            rings = []
            for ring in el.iter():
                if _local(ring.tag) == "LinearRing":
                    rings.append(_coords(_child_text(ring, "coordinates"), ring.sourceline))
            return {"type": "Polygon", "coordinates": rings}
    return None


def _child_text(el: Any, name: str) -> str | None:
    for c in el:
        if _local(c.tag) == name:
            return str(c.text or "")
    return None


def parse_kml(data: bytes, ctx: PluginContext | None) -> Parsed:
    from lxml import etree

    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES >> 20} MiB")
    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        raise InputError(f"line {exc.position[0]}, column {exc.position[1]}: not well-formed XML") from None
    except DefusedXmlException as exc:
        raise InputError(f"refused: {type(exc).__name__}") from None
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if _local(root.tag) != "kml":
        raise InputError(f"<{_local(root.tag)}> is not a KML document")
    parsed = Parsed()
    for n, pm in enumerate((e for e in root.iter() if _local(e.tag) == "Placemark"), 1):
        sid = pm.get("id")
        where = f"line {pm.sourceline}: <Placemark> {n}" + (f" id={sid!r}" if sid else "")
        try:
            props: dict[str, Any] = {}
            name = _child_text(pm, "name")
            if name:
                props["name"] = name.strip()
            desc = _child_text(pm, "description")
            if desc and desc.strip():
                props["note"] = desc.strip()
            for data_el in pm.iter():
                if _local(data_el.tag) == "Data" and data_el.get("name"):
                    value = _child_text(data_el, "value") or ""
                    props[str(data_el.get("name"))] = value_of(value)
            if any(_local(e.tag) == "MultiGeometry" for e in pm.iter()):
                raise RowError("MultiGeometry is not taken: split it into one placemark per part")
            geom = _geometry(pm)
            parsed.records.append(record_for(props, geom, SOURCE, sid, where))
        except RowError as exc:
            parsed.problems.append(Problem(where, str(exc)))
    parsed.records = owned(parsed.records, ctx.post_id if ctx else None)
    return parsed


def import_kml(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    if data[:4] == b"PK\x03\x04":
        return import_kmz(ctx, data, name)
    return parse_kml(data, ctx)


def import_kmz(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a KMZ (zip) file") from None
    docs = [i for i in zf.infolist() if i.filename.lower().endswith(".kml")]
    if not docs:
        raise InputError("the KMZ holds no .kml document")
    doc = next((i for i in docs if i.filename.lower() == "doc.kml"), docs[0])
    if doc.file_size > MAX_KMZ_ENTRY:
        raise InputError(f"{doc.filename} is larger than {MAX_KMZ_ENTRY >> 20} MiB")
    return parse_kml(zf.read(doc), ctx)


def to_kml(entities: list[Any], title: str = "Zhijiu") -> bytes:
    ET.register_namespace("", KML_NS)
    k = f"{{{KML_NS}}}"
    root = ET.Element(k + "kml")
    doc = ET.SubElement(root, k + "Document")
    ET.SubElement(doc, k + "name").text = title
    for e in entities:
        geom = e.get("geom")
        if not geom:
            continue
        pm = ET.SubElement(doc, k + "Placemark", {"id": e.eid})
        props = properties_of(e)
        ET.SubElement(pm, k + "name").text = str(props.pop("name", e.eid))
        if props.get("note"):
            ET.SubElement(pm, k + "description").text = str(props.pop("note"))
        ext = ET.SubElement(pm, k + "ExtendedData")
        for key, value in sorted(props.items()):
            d = ET.SubElement(ext, k + "Data", {"name": key})
            ET.SubElement(d, k + "value").text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        _geom_element(pm, geom, k)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _geom_element(pm: ET.Element, geom: dict[str, Any], k: str) -> None:
    def text(coords: list[list[float]]) -> str:
        return " ".join(f"{c[0]},{c[1]}" for c in coords)

    if geom["type"] == "Point":
        ET.SubElement(ET.SubElement(pm, k + "Point"), k + "coordinates").text = text([geom["coordinates"]])
    elif geom["type"] == "LineString":
        ET.SubElement(ET.SubElement(pm, k + "LineString"), k + "coordinates").text = text(geom["coordinates"])
    else:
        poly = ET.SubElement(pm, k + "Polygon")
        for i, ring in enumerate(geom["coordinates"]):
            boundary = ET.SubElement(poly, k + ("outerBoundaryIs" if i == 0 else "innerBoundaryIs"))
            ET.SubElement(ET.SubElement(boundary, k + "LinearRing"), k + "coordinates").text = text(ring)


def export_kml(ctx: PluginContext) -> bytes:
    return to_kml(exported(ctx.store))


def export_kmz(ctx: PluginContext) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("doc.kml", export_kml(ctx))
    return buf.getvalue()
