"""What GeoJSON, KML and CSV share: our features and units as plain properties, and back.

Properties we know (name, symbol, level, capacity …) map to fields; every other property is
kept in the record's ``props`` and written out again, so a file's own attributes survive a round
trip. ``entity`` (``feature``, ``unit``, ``shelter``, ``depot``) says what a row or placemark is;
shelters and depots are features with that symbol.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from plugins.api import SPECS, Entity, Record, feature_codes, stable_id, unit_codes

KIND = "zhijiu:entity"  # the property naming what an item is
EXPORTED = ("feature", "unit")
FEATURE_FIELDS = ("name", "symbol", "level", "capacity", "shelter_kind", "note", "incident_id")
UNIT_FIELDS = ("name", "type", "status", "headcount", "callsign", "contact", "team_color",
               "post_id", "incident_id")
NAME_KEYS = ("name", "title", "名称", "Name", "NAME")


class RowError(ValueError):
    pass


def properties_of(e: Entity) -> dict[str, Any]:
    """An entity as flat properties (without its geometry)."""
    names = FEATURE_FIELDS if e.etype == "feature" else UNIT_FIELDS
    props: dict[str, Any] = dict(e.get("props") or {})
    props.update({k: e.data[k] for k in names if e.data.get(k) is not None})
    if e.etype == "unit" and e.data.get("equipment"):
        props["equipment"] = list(e.data["equipment"])
    props[KIND] = e.etype
    return props


def round_geom(geom: dict[str, Any]) -> dict[str, Any]:
    def r(c: Any) -> Any:
        return [round(float(c[0]), 7), round(float(c[1]), 7)] if c and isinstance(c[0], int | float) \
            else [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


def _int(value: Any, name: str) -> int:
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} {value!r} is not a number") from None
    if f != int(f):
        raise RowError(f"{name} {value!r} is not a whole number")
    return int(f)


def record_for(props: dict[str, Any], geom: dict[str, Any] | None, source: str, source_id: Any,
               where: str, default_kind: str = "feature") -> Record:
    """A record from properties and a geometry; RowError says what is wrong with them."""
    props = {k: v for k, v in props.items() if v is not None and v != ""}
    kind = str(props.pop(KIND, props.pop("entity", default_kind)))
    if kind not in ("feature", "unit", "shelter", "depot"):
        raise RowError(f"{KIND} {kind!r} is not feature, unit, shelter or depot")
    etype = "unit" if kind == "unit" else "feature"
    if geom is not None:
        try:
            geom = round_geom(geom)
        except (KeyError, TypeError, ValueError, IndexError):
            raise RowError("geometry is malformed") from None
    name = next((str(props.pop(k)) for k in NAME_KEYS if k in props), None)
    fields: dict[str, Any] = {}
    if etype == "feature":
        symbol = str(props.pop("symbol", kind if kind in ("shelter", "depot") else "other"))
        if symbol not in feature_codes.SYMBOLS:
            raise RowError(f"symbol {symbol!r} is not one of ours ({', '.join(feature_codes.SYMBOLS)})")
        fields["symbol"] = symbol
        if geom is None:
            raise RowError("no geometry")
        for k in ("level", "shelter_kind", "note", "incident_id"):
            if k in props:
                fields[k] = str(props.pop(k))
        if "capacity" in props:
            fields["capacity"] = _int(props.pop("capacity"), "capacity")
    else:
        for k in ("type", "status", "callsign", "contact", "team_color", "post_id", "incident_id"):
            if k in props:
                fields[k] = str(props.pop(k))
        if "headcount" in props:
            fields["headcount"] = _int(props.pop("headcount"), "headcount")
        if "equipment" in props:
            eq = props.pop("equipment")
            fields["equipment"] = [str(x) for x in eq] if isinstance(eq, list) else \
                [x.strip() for x in str(eq).split(";") if x.strip()]
        fields.setdefault("type", "other")
        fields.setdefault("status", "standby")
        if fields["type"] not in unit_codes.TYPES:
            raise RowError(f"unit type {fields['type']!r} is not one of ours")
        if geom is not None and geom["type"] != "Point":
            raise RowError("a unit's position must be a point")
    if geom is not None:
        fields["geom"] = geom
    if source_id in (None, ""):
        digest = hashlib.sha256(json.dumps([name, geom], sort_keys=True).encode()).hexdigest()
        source_id = f"content:{digest[:32]}"
    fields["name"] = (name or str(source_id))[:200]
    props.pop("id", None)
    if props:
        fields["props"] = {str(k): v for k, v in list(props.items())[:100]}
    problem = SPECS[etype].check_fields(fields, creating=True)
    if problem:
        raise RowError(problem)
    return Record(etype, stable_id(source, str(source_id)), fields, where)


def value_of(text: str) -> Any:
    """A value read as text (KML ExtendedData, a CSV cell): numbers and JSON come back as what
    they were when we wrote them; anything else stays text."""
    t = text.strip()
    if t[:1] in "[{" or t in ("true", "false") or t.lstrip("-").replace(".", "", 1).isdigit():
        try:
            return json.loads(t)
        except ValueError:
            return text
    return text


def exported(store: Any) -> list[Entity]:
    return [e for t in EXPORTED for e in store.entities(t)]


def owned(records: list[Record], post_id: str | None) -> list[Record]:
    """New units are commanded by the importing post (a forward post may hold only its own)."""
    if post_id is None:
        return records
    return [Record(r.etype, r.eid, r.fields, r.where, {"post_id": post_id}) if r.etype == "unit"
            and "post_id" not in r.fields else r for r in records]
