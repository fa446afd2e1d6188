"""The road closures layer: every ``.geojson`` / ``.json`` / ``.kml`` file in the configured path
(a file or a folder; default ``closures/`` in the post's folder), one FeatureCollection.

Each feature keeps its own properties (the map shows ``name`` and ``description`` on hover, then
the rest); the file it came from is added as ``来源``. A closure with an end time (``until``,
``end``, ``解除时间``, ``结束时间``: ISO 8601, Beijing time without a zone, or epoch ms) that has
passed is left out. A file that cannot be read is named in the answer's ``problems`` and the
others are still drawn; a file is parsed again only when it changes. No folder yet means no
closures: an empty layer, not an error.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET

from plugins.api import InputError, PluginContext, now_ms

DEFAULT_FOLDER = "closures"
SUFFIXES = (".geojson", ".json", ".kml")
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_FILES = 200
END_KEYS = ("until", "end", "ends", "解除时间", "结束时间")
CST = timezone(timedelta(hours=8))
KML = "{http://www.opengis.net/kml/2.2}"

_cache: dict[Path, tuple[tuple[int, int], list[dict[str, Any]]]] = {}
_cache_lock = threading.Lock()


def road_closures(ctx: PluginContext, path: str | None = None) -> dict[str, Any]:
    """The layer function (``layers.json``: ``{"road-closures": {"path": …}}``)."""
    where = Path(path).expanduser() if path else Path(DEFAULT_FOLDER)
    if not where.is_absolute():
        if ctx.data_dir is None:
            raise InputError(f"{where}: a relative path needs the post's folder")
        where = ctx.data_dir / where
    if where.is_file():
        files = [where]
    elif where.is_dir():
        files = sorted(p for p in where.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)[:MAX_FILES]
    elif path:
        raise InputError(f"{where}: no such file or folder")
    else:
        files = []  # no closures folder yet: nothing is closed
    features: list[dict[str, Any]] = []
    problems: list[str] = []
    now = now_ms()
    with _cache_lock:  # files taken away since: forget them
        for gone in [k for k in _cache if k.parent == where and k not in files]:
            del _cache[gone]
    for f in files:
        try:
            found = read_file(f)
        except (InputError, OSError) as exc:
            problems.append(f"{f.name}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}")
            continue
        features += [feat for feat in found if not _ended(feat, now)]
    return {"type": "FeatureCollection", "features": features, "problems": problems}


def read_file(path: Path) -> list[dict[str, Any]]:
    """The features of one file, parsed again only when it changed."""
    st = path.stat()
    stamp = (st.st_size, st.st_mtime_ns)
    with _cache_lock:
        hit = _cache.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    if st.st_size > MAX_FILE_BYTES:
        raise InputError(f"larger than {MAX_FILE_BYTES >> 20} MiB")
    data = path.read_bytes()
    found = read_kml(data) if path.suffix.lower() == ".kml" else read_geojson(data)
    for feat in found:
        feat["properties"].setdefault("来源", path.name)
    with _cache_lock:
        _cache[path] = (stamp, found)
    return found


def read_geojson(data: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not GeoJSON ({exc})") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection")
    out = []
    for f in doc["features"]:
        if isinstance(f, dict):  # the map checks each geometry and names what it skips
            props = f.get("properties")
            out.append({"type": "Feature", "geometry": f.get("geometry"),
                        "properties": dict(props) if isinstance(props, dict) else {}})
    return out


# ------------------------------------------------------------------ KML


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: Any, name: str) -> Any:
    return next((c for c in el if _local(c.tag) == name), None)


def _positions(text: str | None) -> list[list[float]]:
    out = []
    for chunk in (text or "").split():
        parts = chunk.split(",")
        try:
            out.append([float(parts[0]), float(parts[1])])
        except (IndexError, ValueError):
            raise InputError(f"coordinates {chunk[:40]!r} are not lon,lat") from None
    return out


def _geometries(el: Any) -> list[dict[str, Any]]:
    name = _local(el.tag)
    if name == "Point":
        coords = _positions(getattr(_child(el, "coordinates"), "text", ""))
        return [{"type": "Point", "coordinates": coords[0] if coords else None}]
    if name in ("LineString", "LinearRing"):
        return [{"type": "LineString", "coordinates": _positions(getattr(_child(el, "coordinates"), "text", ""))}]
    if name == "Polygon":
        rings = []
        for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
            for b in (c for c in el if _local(c.tag) == boundary):
                ring = _child(b, "LinearRing")
                if ring is not None:
                    rings.append(_positions(getattr(_child(ring, "coordinates"), "text", "")))
        return [{"type": "Polygon", "coordinates": rings}]
    if name == "MultiGeometry":
        return [g for c in el for g in _geometries(c)]
    return []


def _kml_color(text: str | None) -> str | None:
    """KML's aabbggrr as #rrggbb."""
    t = (text or "").strip()
    if len(t) == 8 and all(c in "0123456789abcdefABCDEF" for c in t):
        return f"#{t[6:8]}{t[4:6]}{t[2:4]}"
    return None


def read_kml(data: bytes) -> list[dict[str, Any]]:
    try:
        root = SafeET.fromstring(data)
    except SafeET.ParseError as exc:
        raise InputError(f"not KML ({exc})") from None
    except Exception as exc:  # defusedxml refuses entities and the like
        raise InputError(f"refused as unsafe XML ({type(exc).__name__})") from None
    if _local(root.tag) != "kml":
        raise InputError(f"not KML (the root element is {_local(root.tag)!r})")
    out = []
    for pm in root.iter():
        if _local(pm.tag) != "Placemark":
            continue
        props: dict[str, Any] = {}
        for key in ("name", "description"):
            el = _child(pm, key)
            if el is not None and (el.text or "").strip():
                props[key] = el.text.strip()
        ext = _child(pm, "ExtendedData")
        for d in ext.iter() if ext is not None else ():
            if _local(d.tag) in ("Data", "SimpleData") and d.get("name"):
                value = _child(d, "value") if _local(d.tag) == "Data" else d
                if value is not None and (value.text or "").strip():
                    props[d.get("name")] = value.text.strip()
        style = _child(pm, "Style")
        if style is not None:
            line, poly = _child(style, "LineStyle"), _child(style, "PolyStyle")
            stroke = _kml_color(getattr(_child(line, "color"), "text", None)) if line is not None else None
            fill = _kml_color(getattr(_child(poly, "color"), "text", None)) if poly is not None else None
            width = getattr(_child(line, "width"), "text", None) if line is not None else None
            props.update({k: v for k, v in (("stroke", stroke), ("fill", fill), ("stroke-width", width)) if v})
        geoms = [g for c in pm for g in _geometries(c)]
        if not geoms:
            geoms = [{"type": None, "coordinates": None}]  # named by the map as a feature it skipped
        for g in geoms:
            out.append({"type": "Feature", "geometry": g, "properties": dict(props)})
    return out


# ------------------------------------------------------------------ end times


def _ended(feature: dict[str, Any], now: int) -> bool:
    props = feature.get("properties") or {}
    for key in END_KEYS:
        value = props.get(key)
        if value in (None, ""):
            continue
        try:
            if isinstance(value, int | float) and not isinstance(value, bool):
                end = int(value)
            else:
                moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
                end = int((moment if moment.tzinfo else moment.replace(tzinfo=CST)).timestamp() * 1000)
        except ValueError:
            return False  # an end we cannot read: better shown than hidden
        return end <= now
    return False
