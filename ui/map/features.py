"""Store records as map items: which layer, which symbol, which words — and nothing else.

An item is a small JSON-able dict the page draws (``resources/web/app/map.js``)::

    {"id": "unit:<eid>", "layer": "units", "sym": "unit.fire_rescue", "badge": "unit_status.en_route",
     "g": <GeoJSON geometry>, "label": "渝中区消防救援支队", "tip": ["消防救援", "途中", …]}

optional keys: ``area`` (a second geometry: an incident's area), ``areaSym``, ``dim`` (finished,
off duty), ``overdue``, ``bar`` ([used, capacity] of a shelter). Coordinates stay WGS-84 GeoJSON
as stored. :meth:`MapItems.item` returns None for a record that is not on the map (no position,
deleted, a closed incident, a lifted warning).

Which records a change touches (:meth:`MapItems.affected`): the record itself, and for the
append-only movements the place they count towards — an occupancy movement changes its shelter's
bar, a stock movement its depot's tooltip.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain import task as task_rules
from app.services import gauges, supplies
from app.services.common import now_ms
from app.store.store import Entity, Store
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.names import NameBook

CONTEXT = "MapLayers"

# key, name, colour of its clusters and swatch, clustered
LAYERS: tuple[tuple[str, str, str, bool], ...] = (
    ("incidents", QT_TRANSLATE_NOOP("MapLayers", "Incidents"), "#b71c1c", False),
    ("warnings", QT_TRANSLATE_NOOP("MapLayers", "Warning areas"), "#ff7f00", False),
    ("hazards", QT_TRANSLATE_NOOP("MapLayers", "Hazards and risk points"), "#e65100", True),
    ("plotted", QT_TRANSLATE_NOOP("MapLayers", "Plotted features"), "#546e7a", False),
    ("posts", QT_TRANSLATE_NOOP("MapLayers", "Command posts"), "#0d47a1", False),
    ("units", QT_TRANSLATE_NOOP("MapLayers", "Rescue teams"), "#1565c0", True),
    ("tasks", QT_TRANSLATE_NOOP("MapLayers", "Tasks"), "#00838f", True),
    ("shelters", QT_TRANSLATE_NOOP("MapLayers", "Shelters"), "#2e7d32", True),
    ("depots", QT_TRANSLATE_NOOP("MapLayers", "Supply depots"), "#795548", True),
    ("media", QT_TRANSLATE_NOOP("MapLayers", "Images and video"), "#7b1fa2", True),
)
LAYER_KEYS = tuple(key for key, *_ in LAYERS)
# the entity types the map draws, and the movements that change how a place is drawn
DRAWN = ("incident", "warning", "feature", "unit", "task", "media")
MOVEMENTS = {"occupancy": "shelter_id", "stock": "depot_id", "reading": "gauge_id"}
FEATURE_LAYER = {"hazard": "hazards", "risk_point": "hazards", "shelter": "shelters",
                 "depot": "depots", "command_post": "posts"}
LABEL_MAX = 24

WORDS = {
    "headcount": QT_TRANSLATE_NOOP("MapLayers", "%1 people"),
    "occupancy": QT_TRANSLATE_NOOP("MapLayers", "Occupied %1 of %2 places"),
    "deadline": QT_TRANSLATE_NOOP("MapLayers", "Deadline %1"),
    "overdue": QT_TRANSLATE_NOOP("MapLayers", "OVERDUE"),
    "assignee": QT_TRANSLATE_NOOP("MapLayers", "Assigned to %1"),
    "incident": QT_TRANSLATE_NOOP("MapLayers", "Incident: %1"),
    "commanded": QT_TRANSLATE_NOOP("MapLayers", "Commanded by %1"),
    "valid_to": QT_TRANSLATE_NOOP("MapLayers", "Valid until %1"),
    "captured": QT_TRANSLATE_NOOP("MapLayers", "Taken %1"),
    "stock": QT_TRANSLATE_NOOP("MapLayers", "%1: %2"),
    "callsign": QT_TRANSLATE_NOOP("MapLayers", "Call sign %1"),
    "reading": QT_TRANSLATE_NOOP("MapLayers", "Latest reading %1 at %2"),
}


def word(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, WORDS[key])


def layer_name(key: str) -> str:
    for k, name, *_ in LAYERS:
        if k == key:
            return QCoreApplication.translate(CONTEXT, name)
    return key


def map_id(etype: str, eid: str) -> str:
    return f"{etype}:{eid}"


def split_id(mid: str) -> tuple[str, str]:
    etype, _, eid = mid.partition(":")
    return etype, eid


def _short(text: Any, most: int = LABEL_MAX) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= most else s[: most - 1] + "…"


def _round(g: Any) -> Any:
    """Coordinates to 7 decimals (about a centimetre), as the canonical dump does: smaller diffs."""
    if isinstance(g, float):
        return round(g, 7)
    if isinstance(g, list):
        return [_round(v) for v in g]
    if isinstance(g, dict):
        return {k: _round(v) for k, v in g.items()}
    return g


def _points(g: dict[str, Any] | None) -> list[list[float]]:
    if not isinstance(g, dict):
        return []
    coords = g.get("coordinates")
    if g.get("type") == "Point":
        return [coords] if isinstance(coords, list) else []
    if g.get("type") == "LineString":
        return list(coords or [])
    if g.get("type") == "Polygon":
        return [p for ring in coords or [] for p in ring]
    return []


def bounds_of(geoms: Iterable[dict[str, Any] | None]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) around every position, or None when there is none."""
    pts = [p for g in geoms for p in _points(g)]
    if not pts:
        return None
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)


class MapItems:
    """Builds the items of records, with names from the window's name book."""

    def __init__(self, store: Store, names: NameBook, *, clock: Callable[[], int] = now_ms) -> None:
        self.store = store
        self.names = names
        self.clock = clock
        self._occupancy: dict[str, int] | None = None  # filled for a full load, else per shelter
        self._stock: dict[str, dict[str, float]] | None = None
        # the names of other records that items show (a task's team, a unit's post …), as shown
        self.used_names: dict[tuple[str, str], str] = {}

    def _name(self, etype: str, eid: Any) -> str:
        name = self.names.name(etype, eid)
        if isinstance(eid, str) and eid:
            self.used_names[(etype, eid)] = name
        return name

    # ------------------------------------------------------------------ what a change touches

    def renamed(self, changed: Iterable[tuple[str, str]]) -> bool:
        """Whether a change renamed a record whose name some item shows (then every item is
        recomputed; a moved team, the common case, is not a rename)."""
        for key in changed:
            shown = self.used_names.get(key)
            if shown is None:
                continue
            entity = self.store.get(*key)
            now = self.names.name(*key) if entity is not None else ""
            if now != shown:
                return True
        return False

    def affected(self, changed: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The drawn records a store change may have redrawn."""
        out: set[tuple[str, str]] = set()
        for etype, eid in changed:
            if etype in DRAWN:
                out.add((etype, eid))
            elif etype in MOVEMENTS:
                mv = self.store.get(etype, eid)
                place = mv.get(MOVEMENTS[etype]) if mv is not None else None
                if isinstance(place, str):
                    out.add(("feature", place))
        return out

    # ------------------------------------------------------------------ building

    def all_items(self) -> dict[str, dict[str, Any]]:
        """Every item on the map now (a full load)."""
        self._occupancy = defaultdict(int)
        for mv in self.store.entities("occupancy"):
            self._occupancy[str(mv.get("shelter_id"))] += int(mv.get("delta", 0))
        self._stock = defaultdict(lambda: defaultdict(float))
        for mv in self.store.entities("stock"):
            self._stock[str(mv.get("depot_id"))][str(mv.get("item"))] += mv.get("delta", 0)
        try:
            out: dict[str, dict[str, Any]] = {}
            for etype in DRAWN:
                for entity in self.store.entities(etype):
                    it = self.item(entity)
                    if it is not None:
                        out[it["id"]] = it
            return out
        finally:
            self._occupancy = None
            self._stock = None

    def items_of(self, keys: Iterable[tuple[str, str]], bulk: int = 200) -> dict[str, dict[str, Any] | None]:
        """The item (or None: not on the map) of each record."""
        by_type: dict[str, list[str]] = defaultdict(list)
        for etype, eid in keys:
            by_type[etype].append(eid)
        out: dict[str, dict[str, Any] | None] = {}
        for etype, eids in by_type.items():
            if len(eids) > bulk:
                found = {e.eid: e for e in self.store.entities(etype, include_deleted=True)}
                entities = [found.get(eid) for eid in eids]
            else:
                entities = [self.store.get(etype, eid) for eid in eids]
            for eid, entity in zip(eids, entities, strict=True):
                out[map_id(etype, eid)] = self.item(entity) if entity is not None else None
        return out

    def item(self, e: Entity) -> dict[str, Any] | None:
        if e.deleted:
            return None
        build = getattr(self, f"_{e.etype}", None)
        it: dict[str, Any] | None = build(e) if build is not None else None
        if it is None:
            return None
        it["id"] = map_id(e.etype, e.eid)
        it["tip"] = [t for t in it.get("tip", []) if t]
        for key in ("g", "area"):
            if key in it:
                it[key] = _round(it[key])
        return it

    def _incident_line(self, e: Entity) -> str:
        return labels.arg(word("incident"), self._name("incident", e.incident_id)) if e.incident_id else ""

    def _incident(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        if d.get("status") == "closed" or not (d.get("geom") or d.get("area")):
            return None
        geom = d.get("geom")
        if geom is None:  # only an area: the marker at its middle
            west, south, east, north = bounds_of([d.get("area")]) or (0, 0, 0, 0)
            geom = {"type": "Point", "coordinates": [(west + east) / 2, (south + north) / 2]}
        it: dict[str, Any] = {
            "layer": "incidents", "sym": f"incident.{d.get('category', 'other')}", "g": geom,
            "label": _short(d.get("title")),
            "tip": [labels.INCIDENT_CATEGORY(d.get("category")), labels.RESPONSE_LEVEL(d.get("response_level")),
                    str(d.get("district") or ""), labels.INCIDENT_STATUS(d.get("status"))],
        }
        if d.get("response_level") in (1, 2, 3, 4):
            it["badge"] = f"response.{d['response_level']}"
        if d.get("area"):
            it["area"], it["areaSym"] = d["area"], "incident.area"
        return it

    def _warning(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        if d.get("status") != "active" or not d.get("area"):
            return None
        return {
            "layer": "warnings", "sym": f"warning.{d.get('level')}", "g": d["area"],
            "label": _short(d.get("title"), 40),
            "tip": [labels.WARNING_LEVEL(d.get("level")), labels.WARNING_TYPE(d.get("type")),
                    labels.WARNING_STAGE(d.get("stage")),
                    labels.arg(word("valid_to"), labels.local_time(d.get("valid_to"))) if d.get("valid_to") else "",
                    self._incident_line(e)],
        }

    def _feature(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        symbol = str(d.get("symbol") or "other")
        if not d.get("geom"):
            return None
        layer = FEATURE_LAYER.get(symbol, "plotted")
        tip = [labels.FEATURE_SYMBOL(symbol)]
        it: dict[str, Any] = {"layer": layer, "g": d["geom"], "label": _short(d.get("name"))}
        if layer == "hazards":
            level = d.get("level")
            it["sym"] = f"{symbol}.{level if level else 'none'}"
            tip.append(labels.RISK_LEVEL(level))
        elif layer == "shelters":
            it["sym"] = "shelter"
            cap = d.get("capacity")
            used = (self._occupancy.get(e.eid, 0) if self._occupancy is not None
                    else supplies.shelter_occupancy(self.store, e.eid))
            tip.append(labels.SHELTER_KIND(d.get("shelter_kind")))
            if isinstance(cap, int):
                it["bar"] = [used, cap]
                tip.append(labels.arg(word("occupancy"), used, cap))
        elif layer == "depots":
            it["sym"] = "depot"
            levels = (self._stock.get(e.eid, {}) if self._stock is not None
                      else supplies.stock_levels(self.store, e.eid))
            for name, qty in sorted(levels.items(), key=lambda kv: -abs(kv[1]))[:4]:
                q = int(qty) if float(qty).is_integer() else qty
                tip.append(labels.arg(word("stock"), name, q))
        elif layer == "posts":
            it["sym"] = "command_post"
        else:
            it["sym"] = f"plotted.{symbol}" if symbol in _PLOTTED else "plotted.other"
        if symbol == "gauge":  # coloured by its latest reading against 警戒 / 保证
            status = gauges.status(self.store, e)
            if status.alert is not None:
                it["sym"] = f"gauge.{status.alert}"
            if status.latest is not None:
                tip.append(labels.arg(word("reading"), status.latest,
                                      labels.local_time(status.measured_at)))
        tip += [_short(d.get("note"), 80), self._incident_line(e)]
        it["tip"] = tip
        return it

    def _unit(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        if not d.get("geom"):
            return None
        status = d.get("status")
        it: dict[str, Any] = {
            "layer": "units", "sym": f"unit.{d.get('type', 'other')}", "badge": f"unit_status.{status}",
            "g": d["geom"], "label": _short(d.get("name")),
            "tip": [labels.UNIT_TYPE(d.get("type")), labels.UNIT_STATUS(status),
                    labels.arg(word("headcount"), d["headcount"]) if d.get("headcount") else "",
                    labels.arg(word("callsign"), d["callsign"]) if d.get("callsign") else "",
                    str(d.get("contact") or ""),
                    labels.arg(word("commanded"), self._name("post", d.get("post_id"))) if d.get("post_id") else "",
                    self._incident_line(e)],
        }
        if status == "off_duty":
            it["dim"] = True
        return it

    def _task(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        if not d.get("geom"):
            return None
        status = d.get("status")
        overdue = task_rules.is_overdue(d, self.clock())
        it: dict[str, Any] = {
            "layer": "tasks", "sym": f"task.{status}", "g": d["geom"], "label": _short(d.get("title")),
            "tip": [labels.TASK_STATUS(status) + (" · " + word("overdue") if overdue else ""),
                    labels.PRIORITY(d.get("priority")),
                    labels.arg(word("assignee"), self._name("post" if d.get("assignee_kind") == "post" else "unit",
                                                         d.get("assignee"))),
                    labels.arg(word("deadline"), labels.local_time(d.get("deadline"))) if d.get("deadline") else "",
                    self._incident_line(e)],
        }
        if overdue:
            it["overdue"] = True
            it["badge"] = "task.overdue"
        if status in task_rules.TERMINAL:
            it["dim"] = True
        return it

    def _media(self, e: Entity) -> dict[str, Any] | None:
        d = e.data
        if not d.get("geom"):
            return None
        kind = d.get("kind", "photo")
        return {
            "layer": "media", "sym": f"media.{kind}", "g": d["geom"],
            "label": _short(d.get("caption") or labels.MEDIA_KIND(kind)),
            "tip": [labels.MEDIA_KIND(kind),
                    labels.arg(word("captured"), labels.local_time(d.get("captured_at"))) if d.get("captured_at") else "",
                    self._incident_line(e)],
        }

    # ------------------------------------------------------------------ incidents

    def incident_bounds(self, incident_id: str) -> tuple[float, float, float, float] | None:
        """Around an incident: its area and point, and everything drawn that belongs to it."""
        incident = self.store.get("incident", incident_id)
        geoms: list[dict[str, Any] | None] = []
        if incident is not None:
            geoms += [incident.get("geom"), incident.get("area")]
        for etype in ("feature", "unit", "task", "warning", "media"):
            for e in self.store.entities(etype, incident_id=incident_id):
                geoms += [e.get("geom"), e.get("area")]
        return bounds_of(geoms)

    def open_tasks_with_deadline(self) -> list[tuple[str, str]]:
        """The tasks whose overdue state can change with time alone."""
        return [("task", e.eid) for e in self.store.entities("task")
                if e.get("status") in task_rules.OPEN and e.get("deadline") and e.get("geom")]


_PLOTTED = frozenset({"road_cut", "evacuation_route", "danger_zone", "staging_area", "rescue_point",
                      "landing_zone", "gauge", "other"})


def layers_config(hidden: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The layers as the page wants them, with names in the current language."""
    off = set(hidden)
    return [{"key": key, "name": layer_name(key), "color": color, "cluster": cluster,
             "visible": key not in off}
            for key, _name, color, cluster in LAYERS]
