"""Field types and entity specs: what a well-formed value of each field is.

Every op's fields are checked here before they touch the store, for local and remote ops alike.
Values are plain msgpack/JSON data; times are UTC epoch milliseconds; geometries are GeoJSON
geometry maps in WGS-84 ``[lon, lat]``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[Any], str | None]  # returns the problem, or None when the value is fine


class FieldError(ValueError):
    pass


def text(max_len: int = 2000) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, str):
            return "must be text"
        return f"longer than {max_len} characters" if len(v) > max_len else None

    return check


def integer(lo: int = 0, hi: int = 2**53) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, int) or isinstance(v, bool):
            return "must be a whole number"
        return None if lo <= v <= hi else f"must be between {lo} and {hi}"

    return check


def number(lo: float = -1e15, hi: float = 1e15) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
            return "must be a number"
        return None if lo <= v <= hi else f"must be between {lo} and {hi}"

    return check


def boolean() -> Check:
    return lambda v: None if isinstance(v, bool) else "must be true or false"


def choice(*codes: str) -> Check:
    allowed = frozenset(codes)
    return lambda v: None if v in allowed else f"must be one of {', '.join(codes)}"


def time_ms() -> Check:
    # 2000-01-01 .. 2200-01-01, so a seconds-for-milliseconds mistake is caught
    return integer(946_684_800_000, 7_258_118_400_000)


def ref() -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, str) or not 1 <= len(v) <= 64:
            return "must be an id"
        return None

    return check


def list_of(item: Check, max_items: int = 200) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, list):
            return "must be a list"
        if len(v) > max_items:
            return f"more than {max_items} items"
        for x in v:
            if (problem := item(x)) is not None:
                return f"item: {problem}"
        return None

    return check


def mapping(max_keys: int = 100) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, dict) or len(v) > max_keys:
            return "must be a map"
        return None if all(isinstance(k, str) for k in v) else "keys must be text"

    return check


def _position(p: Any) -> bool:
    return (
        isinstance(p, list)
        and len(p) == 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in p)
        and -180.0 <= p[0] <= 180.0
        and -90.0 <= p[1] <= 90.0
    )


GEOMETRY_TYPES = ("Point", "LineString", "Polygon")


def geometry(*types: str) -> Check:
    allowed = types or GEOMETRY_TYPES

    def check(v: Any) -> str | None:
        if not isinstance(v, dict) or set(v) != {"type", "coordinates"}:
            return "must be a GeoJSON geometry"
        kind, coords = v["type"], v["coordinates"]
        if kind not in allowed:
            return f"geometry must be {' or '.join(allowed)}"
        if kind == "Point":
            ok = _position(coords)
        elif kind == "LineString":
            ok = isinstance(coords, list) and len(coords) >= 2 and all(map(_position, coords))
        else:
            ok = (
                isinstance(coords, list)
                and len(coords) >= 1
                and all(
                    isinstance(ring, list) and len(ring) >= 4 and all(map(_position, ring))
                    for ring in coords
                )
            )
        return None if ok else "coordinates out of range or malformed"

    return check


@dataclass(frozen=True)
class FieldSpec:
    check: Check
    required: bool = False  # must be given when the entity is created
    time: bool = False  # shown as ISO 8601 in the canonical dump


@dataclass(frozen=True)
class EntitySpec:
    """An entity type. ``append_only`` entities are written once (kind ``add``), never edited."""

    name: str
    fields: Mapping[str, FieldSpec]
    append_only: bool = False
    incident_field: str | None = "incident_id"
    label_field: str | None = None
    parent_field: str | None = None  # a ref field kept in an indexed column (children of a parent)
    extra: dict[str, Any] = field(default_factory=dict)

    def check_fields(self, values: Mapping[str, Any], *, creating: bool) -> str | None:
        """The first problem with these field values, or None."""
        for name, value in values.items():
            spec = self.fields.get(name)
            if spec is None:
                return f"unknown field {name!r}"
            if value is None:
                if spec.required:
                    return f"field {name!r} is required"
                continue  # None clears an optional field
            if (problem := spec.check(value)) is not None:
                return f"field {name!r} {problem}"
        if creating:
            missing = [n for n, s in self.fields.items() if s.required and n not in values]
            if missing:
                return f"missing required field(s): {', '.join(missing)}"
        return None
