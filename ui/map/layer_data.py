"""What a plugin's map layer returned, checked and reduced to what the page draws (no Qt here).

A ``layers`` contribution returns GeoJSON-like data: a FeatureCollection (or a list of
features, or one Feature), each feature a geometry and its properties; the collection may carry
a ``style`` (Leaflet path options) and ``problems`` (what the plugin could not read, shown in the
plugin manager while the rest is drawn). Nothing the plugin sends reaches the page unchecked:

* geometries are the GeoJSON types, coordinates finite WGS-84 longitude/latitude (a height is
  dropped), rounded to 7 decimals; a ring is closed; a feature that fails is skipped and named;
* properties become the words the page shows on hover — ``label`` (``name`` / ``title`` /
  ``名称`` …) and ``tip`` lines (``description`` without markup, then other short values) — and
  a ``style`` from simplestyle keys (``stroke``, ``stroke-width``, ``fill`` …);
* styles keep only known keys with plausible values (colours, numbers in range, dash patterns);
* at most ``MAX_FEATURES`` features and ``MAX_POSITIONS`` positions: a layer that big is cut
  and says so.

``shape(raw)`` returns a :class:`LayerData` or raises :class:`LayerDataError` when nothing usable
came back (not GeoJSON at all, or every feature bad).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_FEATURES = 20_000
MAX_POSITIONS = 400_000
MAX_TIP_LINES = 6
MAX_TEXT = 200
PROBLEMS_KEPT = 20

LABEL_KEYS = ("name", "title", "label", "名称", "标题", "NAME", "Name")
DESCRIPTION_KEYS = ("description", "desc", "描述", "说明")
HIDDEN_KEYS = {"style", "stroke", "stroke-width", "stroke-opacity", "fill", "fill-opacity",
               "marker-color", "marker-size", "marker-symbol", "styleUrl", "id"}
KINDS = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line",
         "Polygon": "area", "MultiPolygon": "area"}
_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9., %]{5,40}\))$")
_DASH = re.compile(r"^[0-9][0-9 ,.]{0,30}$")
_TAGS = re.compile(r"<[^>]{0,500}>")
NUMBERS = {"weight": (0.0, 30.0), "opacity": (0.0, 1.0), "fillOpacity": (0.0, 1.0), "radius": (1.0, 40.0)}
COLORS = ("color", "fillColor")
SCALAR = (str, int, float)  # isinstance with a tuple: far quicker than with a union, per feature
SIMPLESTYLE = {"stroke": "color", "stroke-width": "weight", "stroke-opacity": "opacity",
               "fill": "fillColor", "fill-opacity": "fillOpacity"}
STYLE_KEYS = (*SIMPLESTYLE, "marker-color", "style")


class LayerDataError(ValueError):
    """Nothing usable: the message says what came back instead."""


@dataclass
class LayerData:
    collection: dict[str, Any]  # a FeatureCollection, every feature checked
    kind: str  # line | area | point — what most of it is (the legend's swatch)
    skipped: list[str] = field(default_factory=list)  # "feature 3: …" and the plugin's own problems
    style: dict[str, Any] = field(default_factory=dict)  # the collection's own style, checked
    # the collection for the page, made where it was checked (off the GUI thread): a JavaScript
    # expression, JSON.parse of a string — V8 reads JSON quicker than the same object literal
    js: str = "null"

    @property
    def count(self) -> int:
        return len(self.collection["features"])


def clean_style(raw: Any) -> dict[str, Any]:
    """The Leaflet path options worth keeping from a style a plugin gave."""
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, Any] = {}
    for key in COLORS:
        value = raw.get(key)
        if isinstance(value, str) and _COLOR.match(value.strip()):
            out[key] = value.strip()
    for key, (low, high) in NUMBERS.items():
        value = raw.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            out[key] = min(max(float(value), low), high)
    dash = raw.get("dashArray")
    if isinstance(dash, str) and _DASH.match(dash.strip()):
        out["dashArray"] = dash.strip()
    return out


def _simplestyle(props: Mapping[str, Any], kind: str) -> dict[str, Any]:
    if not any(k in props for k in STYLE_KEYS):
        return {}
    raw: dict[str, Any] = {SIMPLESTYLE[k]: v for k, v in props.items() if k in SIMPLESTYLE}
    for k in ("stroke-width", "stroke-opacity", "fill-opacity"):
        if isinstance(raw.get(SIMPLESTYLE[k]), str):
            try:
                raw[SIMPLESTYLE[k]] = float(raw[SIMPLESTYLE[k]])
            except ValueError:
                raw.pop(SIMPLESTYLE[k])
    if kind == "point" and isinstance(props.get("marker-color"), str):
        raw.setdefault("color", props["marker-color"])
        raw.setdefault("fillColor", props["marker-color"])
    nested = props.get("style")
    if isinstance(nested, Mapping):
        raw.update(nested)
    return clean_style(raw)


class _Budget:
    def __init__(self) -> None:
        self.positions = 0


def _position(value: Any, budget: _Budget) -> list[float]:
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise ValueError("a position must be [longitude, latitude]")
    lon, lat = value[0], value[1]
    if type(lon) is not float or type(lat) is not float:  # noqa: E721 (the common case, quickly)
        for v in (lon, lat):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ValueError(f"coordinate {v!r} is not a number")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"[{lon}, {lat}] is not a longitude and latitude")
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise ValueError(f"[{lon}, {lat}] is not a longitude and latitude")
    budget.positions += 1
    if budget.positions > MAX_POSITIONS:
        raise OverflowError
    return [round(float(lon), 7), round(float(lat), 7)]


def _line(value: Any, budget: _Budget, least: int) -> list[list[float]]:
    if not isinstance(value, list | tuple) or len(value) < least:
        raise ValueError(f"a line needs at least {least} positions")
    return [_position(p, budget) for p in value]


def _ring(value: Any, budget: _Budget) -> list[list[float]]:
    ring = _line(value, budget, 3)
    if ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    if len(ring) < 4:
        raise ValueError("a ring needs at least 3 distinct positions")
    return ring


def _polygon(value: Any, budget: _Budget) -> list[list[list[float]]]:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError("a polygon needs a ring")
    return [_ring(r, budget) for r in value]


def _many(value: Any, one: Any, budget: _Budget) -> list[Any]:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError("no parts")
    return [one(v, budget) for v in value]


def geometry(raw: Any, budget: _Budget | None = None) -> dict[str, Any]:
    """A checked GeoJSON geometry (GeometryCollections are flattened by the caller)."""
    budget = budget or _Budget()
    if not isinstance(raw, Mapping):
        raise ValueError("no geometry")
    gtype, coords = raw.get("type"), raw.get("coordinates")
    if gtype == "Point":
        c: Any = _position(coords, budget)
    elif gtype == "MultiPoint":
        c = _many(coords, _position, budget)
    elif gtype == "LineString":
        c = _line(coords, budget, 2)
    elif gtype == "MultiLineString":
        c = _many(coords, lambda v, b: _line(v, b, 2), budget)
    elif gtype == "Polygon":
        c = _polygon(coords, budget)
    elif gtype == "MultiPolygon":
        c = _many(coords, _polygon, budget)
    else:
        raise ValueError(f"geometry type {str(gtype)[:40]!r} is not one GeoJSON knows")
    return {"type": gtype, "coordinates": c}


def _text(value: Any) -> str:
    text = str(value)
    if "<" in text:
        text = _TAGS.sub(" ", text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def words(props: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The label and the hover lines of a feature's properties."""
    label, used = "", set()
    for k in LABEL_KEYS:
        v = props.get(k)
        if isinstance(v, SCALAR) and not isinstance(v, bool) and str(v).strip():
            label, used = _text(v), {k}
            break
    tip: list[str] = []
    for k in DESCRIPTION_KEYS:
        if isinstance(props.get(k), str) and props[k].strip():
            tip.append(_text(props[k]))
            used.add(k)
            break
    for k, v in props.items():
        if len(tip) >= MAX_TIP_LINES:
            break
        if k in used or k in HIDDEN_KEYS or k.startswith("_") or isinstance(v, bool) or v is None:
            continue
        if k in LABEL_KEYS and _text(v) == label:  # a "title" that repeats the "name"
            continue
        if isinstance(v, SCALAR) and str(v).strip():
            tip.append(_text(f"{k}: {v}"))
    return label, tip


def _features(raw: Any) -> tuple[list[Any], list[str], Any]:
    """The raw features, the plugin's own problems, the collection's style."""
    if isinstance(raw, list | tuple):
        return list(raw), [], None
    if not isinstance(raw, Mapping):
        raise LayerDataError(f"returned {type(raw).__name__}, not GeoJSON")
    problems = [str(p)[:MAX_TEXT] for p in raw.get("problems") or [] if p] \
        if isinstance(raw.get("problems"), list | tuple) else []
    if raw.get("type") == "FeatureCollection":
        features = raw.get("features")
        if not isinstance(features, list | tuple):
            raise LayerDataError("a FeatureCollection without a list of features")
        return list(features), problems, raw.get("style")
    if raw.get("type") == "Feature":
        return [raw], problems, raw.get("style")
    raise LayerDataError(f"returned a {str(raw.get('type'))[:40]!r} object, not a GeoJSON FeatureCollection")


def shape(raw: Any) -> LayerData:
    """Check what a layer function returned; see the module's words."""
    features, problems, style = _features(raw)
    out: list[dict[str, Any]] = []
    skipped: list[str] = []
    kinds: dict[str, int] = {}
    budget = _Budget()
    for n, f in enumerate(features, start=1):
        if len(out) >= MAX_FEATURES:
            skipped.append(f"only the first {MAX_FEATURES} features are drawn")
            break
        try:
            if not isinstance(f, Mapping) or f.get("type") not in ("Feature", None):
                raise ValueError("not a Feature")
            parts = [f.get("geometry")]
            g = parts[0]
            if isinstance(g, Mapping) and g.get("type") == "GeometryCollection":
                parts = list(g.get("geometries") or [])
                if not parts:
                    raise ValueError("an empty GeometryCollection")
            raw_props = f.get("properties")
            props: Mapping[str, Any] = raw_props if isinstance(raw_props, Mapping) else {}
            label, tip = words(props)
            for part in parts:
                geom = geometry(part, budget)
                kind = KINDS[geom["type"]]
                kinds[kind] = kinds.get(kind, 0) + 1
                p: dict[str, Any] = {"label": label, "tip": tip}
                st = _simplestyle(props, kind)
                if st:
                    p["style"] = st
                out.append({"type": "Feature", "geometry": geom, "properties": p})
        except OverflowError:
            skipped.append(f"only the first {MAX_POSITIONS} positions are drawn")
            break
        except (ValueError, TypeError) as exc:
            if len(skipped) < PROBLEMS_KEPT:
                skipped.append(f"feature {n}: {exc}")
    if features and not out:
        raise LayerDataError("no feature could be drawn: " + "; ".join(skipped[:3]))
    kind = max(kinds, key=lambda k: kinds[k]) if kinds else "line"
    collection = {"type": "FeatureCollection", "features": out}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    return LayerData(collection, kind, problems + skipped, clean_style(style),
                     f"JSON.parse({json.dumps(text, ensure_ascii=False)})")
