"""GeoJSON in and out: a FeatureCollection of our features and units, properties kept.

Each item's ``id`` (or ``properties.id``) is its identity: importing the same file again
changes nothing, and a file we exported comes home to the same entities.
"""

from __future__ import annotations

import json
from typing import Any

from plugins.api import InputError, Parsed, PluginContext, Problem

from .records import RowError, exported, owned, properties_of, record_for

MAX_BYTES = 64 * 1024 * 1024
SOURCE = "geojson"


def import_geojson(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES >> 20} MiB")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: not JSON ({exc.msg})") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        items = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
        items = doc["features"]
    else:
        raise InputError("not a GeoJSON Feature or FeatureCollection")
    parsed = Parsed()
    for n, item in enumerate(items):
        where = f"features[{n}]"
        if not isinstance(item, dict) or item.get("type") != "Feature":
            parsed.problems.append(Problem(where, "not a GeoJSON Feature"))
            continue
        props = item.get("properties") or {}
        geom = item.get("geometry")
        if not isinstance(props, dict):
            parsed.problems.append(Problem(where, "properties is not an object"))
            continue
        sid = item.get("id", props.get("id"))
        if sid is not None:
            where = f"{where} (id {sid})"
        if geom is not None and (not isinstance(geom, dict) or geom.get("type") not in ("Point", "LineString", "Polygon")):
            kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
            parsed.problems.append(Problem(where, f"geometry {kind} is not a Point, LineString or Polygon"))
            continue
        try:
            parsed.records.append(record_for(dict(props), geom, SOURCE, sid, where))
        except RowError as exc:
            parsed.problems.append(Problem(where, str(exc)))
    parsed.records = owned(parsed.records, ctx.post_id if ctx else None)
    return parsed


def to_geojson(entities: list[Any]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": e.eid, "geometry": e.get("geom"), "properties": properties_of(e)}
            for e in entities
        ],
    }


def export_geojson(ctx: PluginContext) -> bytes:
    doc = to_geojson(exported(ctx.store))
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
