"""The map's symbol set: every type and status has its own shape, colour and glyph, and a name.

In the spirit of the national emergency symbols (应急管理图标): dangers are warm-coloured
triangles and diamonds coloured by level (蓝 低 · 黄 一般 · 橙 较大 · 红 重大), incidents a red
burst badged with the response level, rescue forces shields by type with a badge for their status,
orders pins coloured by lifecycle state (overdue ones pulse red), places of refuge and supply
green and brown squares, plotted routes and zones lines and areas with their own dash pattern.
Shapes are drawn by the page (SVG), glyphs are Font Awesome 6 (solid), so nothing here depends
on an image file.

A symbol key is ``family.code`` (``unit.fire_rescue``, ``hazard.major``); ``legend()`` lists every
symbol a person can meet on the map, with its name in the current language — the page shows it
as the legend and prints it on exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain import feature as feature_rules
from app.domain import incident as incident_rules
from app.domain import media as media_rules
from app.domain import task as task_rules
from app.domain import unit as unit_rules
from app.domain import warning as warning_rules
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "MapSymbols"

LEVEL_COLORS = {  # warning and risk levels: the four colours every Chinese duty officer knows
    "low": "#1e6fd9", "general": "#f2c200", "high": "#ff7f00", "major": "#e60000",
    "blue": "#1e6fd9", "yellow": "#f2c200", "orange": "#ff7f00", "red": "#e60000",
}
RESPONSE_COLORS = {1: "#e60000", 2: "#ff7f00", 3: "#f2c200", 4: "#1e6fd9"}  # 响应 Ⅰ … Ⅳ
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}


@dataclass(frozen=True)
class Symbol:
    shape: str  # circle square diamond triangle hexagon octagon shield pin burst
    color: str
    glyph: str  # a Font Awesome solid icon name, or "text:Ⅲ"
    fg: str = "#ffffff"
    size: int = 30
    line: dict[str, Any] = field(default_factory=dict)  # style when drawn as a line or an area
    stroke: str = "#ffffff"
    glyphScale: float = 0.42  # noqa: N815 (read by the page as is)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        if not d["line"]:
            del d["line"]
        return d


def _dark_fg(color: str) -> str:
    return "#3e2723" if color in ("#f2c200", "#ffffff") else "#ffffff"


INCIDENT_GLYPHS = {
    "flood": "house-flood-water", "landslide": "hill-rockslide", "fire": "fire",
    "chemical": "flask-vial", "earthquake": "house-crack", "rainstorm": "cloud-showers-heavy",
    "other": "triangle-exclamation",
}
UNIT_STYLE = {  # unit type -> (colour, glyph)
    "comprehensive": ("#1565c0", "people-group"),
    "specialist": ("#6a1b9a", "helmet-safety"),
    "volunteer": ("#00897b", "hand-holding-heart"),
    "grassroots": ("#5d4037", "house-user"),
    "fire_rescue": ("#d84315", "fire-extinguisher"),
    "medical": ("#ffffff", "kit-medical"),
    "militia": ("#33691e", "shield-halved"),
    "other": ("#546e7a", "user-group"),
}
UNIT_STATUS_STYLE = {
    "standby": ("#607d8b", "pause"),
    "en_route": ("#1e88e5", "arrow-right"),
    "on_scene": ("#2e7d32", "location-crosshairs"),
    "returning": ("#8e24aa", "rotate-left"),
    "off_duty": ("#9e9e9e", "moon"),
}
TASK_STYLE = {
    "issued": ("#1e88e5", "clipboard-list"),
    "acknowledged": ("#00838f", "clipboard-check"),
    "in_progress": ("#f9a825", "person-running"),
    "done": ("#43a047", "check"),
    "failed": ("#6d1b1b", "xmark"),
    "cancelled": ("#9e9e9e", "ban"),
}
MEDIA_GLYPHS = {"photo": "camera", "video": "video", "panorama": "panorama"}
PLOTTED = {  # feature symbol: (shape, colour, glyph, line style)
    "road_cut": ("octagon", "#c62828", "road-barrier",
                 {"color": "#c62828", "weight": 6, "dash": "2 9", "opacity": 1}),
    "evacuation_route": ("circle", "#00a152", "person-walking-arrow-right",
                         {"color": "#00c853", "weight": 6, "dash": "14 8", "opacity": 0.95}),
    "danger_zone": ("hexagon", "#b71c1c", "skull-crossbones",
                    {"color": "#d50000", "weight": 3, "dash": "8 5", "fill": "#ff1744",
                     "fillOpacity": 0.25}),
    "staging_area": ("square", "#283593", "people-roof",
                     {"color": "#3949ab", "weight": 3, "dash": "10 4", "fill": "#5c6bc0",
                      "fillOpacity": 0.18}),
    "rescue_point": ("circle", "#ef6c00", "life-ring", {"color": "#ef6c00", "weight": 4}),
    "landing_zone": ("circle", "#263238", "helicopter-symbol", {"color": "#263238", "weight": 4}),
    "gauge": ("circle", "#0277bd", "ruler-vertical", {"color": "#0277bd", "weight": 4}),
    "other": ("circle", "#757575", "location-dot", {"color": "#616161", "weight": 3,
                                                    "fill": "#9e9e9e", "fillOpacity": 0.15}),
}


GAUGE_ALERT_COLORS = {"warning": "#ff7f00", "guarantee": "#e60000"}  # 超警戒 / 超保证


def table() -> dict[str, Symbol]:
    """Every symbol by key."""
    s: dict[str, Symbol] = {"fallback": Symbol("circle", "#757575", "question")}
    for code in incident_rules.CATEGORIES:
        s[f"incident.{code}"] = Symbol("burst", "#b71c1c", INCIDENT_GLYPHS[code], size=40,
                                       glyphScale=0.36)
    s["incident.area"] = Symbol("square", "#b71c1c", "", line={
        "color": "#b71c1c", "weight": 3, "dash": "12 6", "fill": "#ef5350", "fillOpacity": 0.08})
    for response, roman in ROMAN.items():
        color = RESPONSE_COLORS[response]
        s[f"response.{response}"] = Symbol("circle", color, f"text:{roman}", fg=_dark_fg(color))
    for code in ("hazard", "risk_point"):
        shape, glyph = ("triangle", "exclamation") if code == "hazard" else ("diamond", "triangle-exclamation")
        for level in feature_rules.RISK_LEVELS:
            color = LEVEL_COLORS[level]
            s[f"{code}.{level}"] = Symbol(shape, color, glyph, fg=_dark_fg(color), line={
                "color": color, "weight": 3, "fill": color, "fillOpacity": 0.25})
        color = "#8e0000" if code == "hazard" else "#616161"
        s[f"{code}.none"] = Symbol(shape, color, glyph, line={
            "color": color, "weight": 3, "fill": color, "fillOpacity": 0.2})
    for code, (color, glyph) in UNIT_STYLE.items():
        s[f"unit.{code}"] = Symbol("shield", color, glyph, fg="#d50000" if code == "medical" else "#ffffff",
                                   stroke="#37474f" if code == "medical" else "#ffffff")
    for code, (color, glyph) in UNIT_STATUS_STYLE.items():
        s[f"unit_status.{code}"] = Symbol("circle", color, glyph)
    for code, (color, glyph) in TASK_STYLE.items():
        s[f"task.{code}"] = Symbol("pin", color, glyph, fg=_dark_fg(color) if code != "in_progress" else "#3e2723",
                                   size=32)
    s["task.overdue"] = Symbol("circle", "#ff1744", "clock")
    s["shelter"] = Symbol("square", "#2e7d32", "person-shelter", line={
        "color": "#2e7d32", "weight": 3, "fill": "#66bb6a", "fillOpacity": 0.2})
    s["depot"] = Symbol("square", "#795548", "warehouse", line={
        "color": "#795548", "weight": 3, "fill": "#a1887f", "fillOpacity": 0.2})
    s["command_post"] = Symbol("hexagon", "#0d47a1", "flag", line={
        "color": "#0d47a1", "weight": 3, "fill": "#42a5f5", "fillOpacity": 0.15})
    for level in warning_rules.LEVELS:
        color = LEVEL_COLORS[level]
        s[f"warning.{level}"] = Symbol("square", color, "", line={
            "color": color, "weight": 2, "dash": "6 4", "fill": color, "fillOpacity": 0.16})
    for code, glyph in MEDIA_GLYPHS.items():
        s[f"media.{code}"] = Symbol("circle", "#7b1fa2", glyph, size=24, glyphScale=0.46)
    for code, (shape, color, glyph, line) in PLOTTED.items():
        s[f"plotted.{code}"] = Symbol(shape, color, glyph, line=line)
    for alert, color in GAUGE_ALERT_COLORS.items():  # a gauge whose latest reading is too high
        s[f"gauge.{alert}"] = Symbol("circle", color, PLOTTED["gauge"][2], fg=_dark_fg(color))
    return s


# ---------------------------------------------------------------------- the legend

SECTION_TITLES = {
    "incidents": QT_TRANSLATE_NOOP("MapSymbols", "Incidents"),
    "response": QT_TRANSLATE_NOOP("MapSymbols", "Response level (badge)"),
    "hazards": QT_TRANSLATE_NOOP("MapSymbols", "Hazards and risk points"),
    "units": QT_TRANSLATE_NOOP("MapSymbols", "Rescue teams"),
    "unit_status": QT_TRANSLATE_NOOP("MapSymbols", "Team status (badge)"),
    "tasks": QT_TRANSLATE_NOOP("MapSymbols", "Tasks"),
    "places": QT_TRANSLATE_NOOP("MapSymbols", "Shelters, depots, posts"),
    "warnings": QT_TRANSLATE_NOOP("MapSymbols", "Warning areas"),
    "plotted": QT_TRANSLATE_NOOP("MapSymbols", "Plotted features"),
    "media": QT_TRANSLATE_NOOP("MapSymbols", "Images and video"),
}
WORDS = {
    "overdue": QT_TRANSLATE_NOOP("MapSymbols", "Overdue task"),
    "no_level": QT_TRANSLATE_NOOP("MapSymbols", "level not given"),
    "space": QT_TRANSLATE_NOOP("MapSymbols", "Shelter places: room left"),
    "nearly_full": QT_TRANSLATE_NOOP("MapSymbols", "Shelter places: nearly full (80%)"),
    "full": QT_TRANSLATE_NOOP("MapSymbols", "Shelter places: full"),
    "incident_area": QT_TRANSLATE_NOOP("MapSymbols", "Incident area"),
    "warning_area": QT_TRANSLATE_NOOP("MapSymbols", "%1 warning"),
    "line": QT_TRANSLATE_NOOP("MapSymbols", "%1 (line)"),
    "area": QT_TRANSLATE_NOOP("MapSymbols", "%1 (area)"),
    "level_of": QT_TRANSLATE_NOOP("MapSymbols", "%1 · %2"),
    "gauge_warning": QT_TRANSLATE_NOOP("MapSymbols", "Gauge above its warning level"),
    "gauge_guarantee": QT_TRANSLATE_NOOP("MapSymbols", "Gauge above its guaranteed level"),
}


def word(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, WORDS[key])


def legend() -> list[dict[str, Any]]:
    """The legend sections, in the current language: [{title, entries: [{sym, name, kind}]}]."""
    fs = labels.FEATURE_SYMBOL

    def section(key: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
        return {"key": key, "title": QCoreApplication.translate(CONTEXT, SECTION_TITLES[key]),
                "entries": entries}

    def point(sym: str, name: str, **extra: Any) -> dict[str, Any]:
        return {"sym": sym, "name": name, "kind": "point", **extra}

    level_of: Callable[[str, str], str] = lambda what, level: labels.arg(word("level_of"), what, level)  # noqa: E731
    hazards = []
    for code in ("hazard", "risk_point"):
        for level in feature_rules.RISK_LEVELS:
            hazards.append(point(f"{code}.{level}", level_of(fs(code), labels.RISK_LEVEL(level))))
        hazards.append(point(f"{code}.none", level_of(fs(code), word("no_level"))))
    plotted = []
    for code, (_shape, _c, _g, line) in PLOTTED.items():
        plotted.append(point(f"plotted.{code}", fs(code)))
        if code in ("road_cut", "evacuation_route"):
            plotted.append({"sym": f"plotted.{code}", "kind": "line",
                            "name": labels.arg(word("line"), fs(code))})
        elif line.get("fill"):
            plotted.append({"sym": f"plotted.{code}", "kind": "area",
                            "name": labels.arg(word("area"), fs(code))})
    plotted += [point(f"gauge.{alert}", word(f"gauge_{alert}")) for alert in GAUGE_ALERT_COLORS]
    return [
        section("incidents", [point(f"incident.{c}", labels.INCIDENT_CATEGORY(c))
                              for c in incident_rules.CATEGORIES]
                + [{"sym": "incident.area", "kind": "area", "name": word("incident_area")}]),
        section("response", [{"sym": f"response.{lv}", "kind": "badge", "name": labels.RESPONSE_LEVEL(lv)}
                             for lv in ROMAN]),
        section("hazards", hazards),
        section("units", [point(f"unit.{c}", labels.UNIT_TYPE(c)) for c in unit_rules.TYPES]),
        section("unit_status", [{"sym": f"unit_status.{c}", "kind": "badge", "name": labels.UNIT_STATUS(c)}
                                for c in unit_rules.STATUSES]),
        section("tasks", [point(f"task.{c}", labels.TASK_STATUS(c)) for c in task_rules.STATUSES]
                + [point("task.issued", word("overdue"), badge="task.overdue", overdue=True)]),
        section("places", [
            point("shelter", fs("shelter")),
            {"sym": "shelter", "kind": "bar", "ratio": 40, "color": "#2e7d32", "name": word("space")},
            {"sym": "shelter", "kind": "bar", "ratio": 85, "color": "#ff8f00", "name": word("nearly_full")},
            {"sym": "shelter", "kind": "bar", "ratio": 100, "color": "#d50000", "name": word("full")},
            point("depot", fs("depot")),
            point("command_post", fs("command_post")),
        ]),
        section("warnings", [{"sym": f"warning.{lv}", "kind": "area",
                              "name": labels.arg(word("warning_area"), labels.WARNING_LEVEL(lv))}
                             for lv in warning_rules.LEVELS]),
        section("plotted", plotted),
        section("media", [point(f"media.{k}", labels.MEDIA_KIND(k)) for k in media_rules.KINDS]),
    ]


def symbols_json() -> dict[str, Any]:
    return {key: sym.to_json() for key, sym in table().items()}
