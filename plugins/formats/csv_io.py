"""CSV in and out: one row per feature, unit, shelter or depot, with a column mapping.

A ``ColumnMapping`` says which column holds the id, name, longitude, latitude and the other
fields, and what the rows are when no column says so. ``guess_mapping`` reads the header (English
and Chinese names: 经度, 纬度, 名称 …); the CSV mapping dialog in the window lets a person set
it by hand. Columns the mapping does not name are kept as the item's properties.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from plugins.api import InputError, Parsed, PluginContext, Problem

from .records import KIND, RowError, exported, owned, properties_of, record_for, value_of

MAX_BYTES = 64 * 1024 * 1024
SOURCE = "csv"
TARGETS = ("id", "name", "lon", "lat", "entity", "symbol", "type", "status", "level", "capacity",
           "headcount", "callsign", "note", "geometry")
SYNONYMS = {
    "id": ("id", "uid", "编号", "代码"),
    "name": ("name", "title", "名称", "名字", "队伍名称"),
    "lon": ("lon", "lng", "long", "longitude", "x", "经度"),
    "lat": ("lat", "latitude", "y", "纬度"),
    "entity": ("entity", KIND, "kind", "类别"),
    "symbol": ("symbol", "符号"),
    "type": ("type", "类型"),
    "status": ("status", "状态"),
    "level": ("level", "等级", "级别"),
    "capacity": ("capacity", "容量", "可容纳人数"),
    "headcount": ("headcount", "人数"),
    "callsign": ("callsign", "呼号"),
    "note": ("note", "description", "备注", "说明"),
    "geometry": ("geometry", "geom", "wkt"),
}
ENTITIES = ("feature", "unit", "shelter", "depot")


@dataclass
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)  # target -> column header
    entity: str = "feature"  # what a row is when no column says

    def to_json(self) -> dict[str, Any]:
        return {"columns": dict(self.columns), "entity": self.entity}


def read_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows (UTF-8 with or without BOM, or GB18030 as Chinese spreadsheets save)."""
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES >> 20} MiB")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("neither UTF-8 nor GB18030 text")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise InputError("the file is empty")
    return [h.strip() for h in rows[0]], rows[1:]


def guess_mapping(header: list[str], entity: str = "feature") -> ColumnMapping:
    lower = {h.lower(): h for h in header}
    columns = {}
    for target, names in SYNONYMS.items():
        for name in names:
            if name.lower() in lower:
                columns[target] = lower[name.lower()]
                break
    return ColumnMapping(columns, entity)


def rows_to_parsed(header: list[str], rows: list[list[str]], mapping: ColumnMapping,
                   post_id: str | None = None) -> Parsed:
    parsed = Parsed()
    index = {h: i for i, h in enumerate(header)}
    missing = [c for c in mapping.columns.values() if c not in index]
    if missing:
        raise InputError(f"no column named {', '.join(missing)}")
    if "geometry" not in mapping.columns and not {"lon", "lat"} <= set(mapping.columns):
        raise InputError("say which columns hold the longitude and the latitude")
    named = set(mapping.columns.values())
    for n, row in enumerate(rows, 2):  # line 1 is the header
        if not any(cell.strip() for cell in row):
            continue
        where = f"line {n}"

        def cell(target: str, row: list[str] = row) -> str:
            col = mapping.columns.get(target)
            return row[index[col]].strip() if col is not None and index[col] < len(row) else ""

        try:
            geom = _geometry(cell("geometry"), cell("lon"), cell("lat"))
            props: dict[str, Any] = {h: value_of(row[i]) for h, i in index.items()
                                     if h not in named and i < len(row) and row[i].strip()}
            for target in ("name", "symbol", "type", "status", "level", "capacity", "headcount",
                           "callsign", "note"):
                if cell(target):
                    props[target] = cell(target)
            props[KIND] = cell("entity") or mapping.entity
            parsed.records.append(record_for(props, geom, SOURCE, cell("id") or None, where))
        except RowError as exc:
            parsed.problems.append(Problem(where, str(exc)))
    parsed.records = owned(parsed.records, post_id)
    return parsed


def _geometry(geometry: str, lon: str, lat: str) -> dict[str, Any] | None:
    if geometry:
        try:
            geom = json.loads(geometry)
        except ValueError:
            raise RowError(f"geometry {geometry[:40]!r} is not GeoJSON") from None
        if not isinstance(geom, dict):
            raise RowError("geometry is not a GeoJSON geometry")
        return geom
    if not lon and not lat:
        return None
    try:
        x, y = float(lon), float(lat)
    except ValueError:
        bad = lon if not _is_number(lon) else lat
        raise RowError(f"{'longitude' if bad is lon else 'latitude'} {bad!r} is not a number") from None
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        raise RowError(f"position {x}, {y} is out of range (longitude first?)")
    return {"type": "Point", "coordinates": [x, y]}


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def import_csv(ctx: PluginContext | None, data: bytes, name: str = "",
               mapping: ColumnMapping | None = None) -> Parsed:
    header, rows = read_table(data)
    mapping = mapping or guess_mapping(header)
    return rows_to_parsed(header, rows, mapping, ctx.post_id if ctx else None)


EXPORT_COLUMNS = ["entity", "id", "name", "symbol", "type", "status", "lon", "lat", "level",
                  "capacity", "shelter_kind", "headcount", "callsign", "note", "geometry"]


def export_csv(ctx: PluginContext) -> bytes:
    """Features and units, one row each; a line or an area also carries its GeoJSON geometry."""
    buf = io.StringIO()
    extra: list[str] = []
    rows = []
    for e in exported(ctx.store):
        props = properties_of(e)
        props["entity"] = props.pop(KIND)
        props["id"] = e.eid
        geom = e.get("geom")
        if geom and geom["type"] == "Point":
            props["lon"], props["lat"] = geom["coordinates"]
        elif geom:
            props["geometry"] = json.dumps(geom, separators=(",", ":"))
        for k in props:
            if k not in EXPORT_COLUMNS and k not in extra:
                extra.append(k)
        rows.append(props)
    writer = csv.DictWriter(buf, EXPORT_COLUMNS + extra, lineterminator="\n")
    writer.writeheader()
    for props in rows:
        writer.writerow({k: v if isinstance(v, str | int | float) else json.dumps(v, ensure_ascii=False)
                         for k, v in props.items()})
    return buf.getvalue().encode("utf-8")
