"""The map page, built once with folium and saved as a file the ``zhijiu://`` scheme serves.

folium makes the Leaflet map (canvas rendering, no tile layer: base maps are chosen
at run time) and the page around it; :class:`ZhijiuApp` adds the scripts and styles of our own
page code (``resources/web/app/map.js``) and of the Leaflet plugins it uses, and starts it. Every
script and stylesheet points at ``zhijiu://web/vendor/…`` (``ui.map.assets``) or at Qt's own
``qrc:///qtwebchannel/qwebchannel.js``: stock folium points at CDNs, and offline such a page is
blank. :func:`build_html` refuses to return a page that names any ``http(s)`` URL.

The page carries no data and no words: after it says it is ready, Python sends the configuration
(symbols, legend, translated words, base maps) and then diffs. So one file serves every post and
language, and it is written again only when folium or this builder changes it (:func:`page_file`).
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from ui.map import assets

log = logging.getLogger(__name__)

APP = assets.WEB / "app"
BUILD = assets.WEB / "build"
PAGE_NAME = "map.html"
PAGE_URL = "zhijiu://web/map.html"
APP_URL = "zhijiu://web/app/"
WEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
# 渝中区, Chongqing: where the map opens before it knows what to show
DEFAULT_CENTER = (29.5560, 106.5600)
DEFAULT_ZOOM = 13

MAP_JS = [
    ("leaflet", assets.url("leaflet", "leaflet.js")),
    ("jquery", assets.url("jquery", "jquery.min.js")),
    ("bootstrap", assets.url("bootstrap", "bootstrap.bundle.min.js")),
    ("awesome_markers", assets.url("awesome-markers", "leaflet.awesome-markers.js")),
]
MAP_CSS = [
    ("leaflet_css", assets.url("leaflet", "leaflet.css")),
    ("bootstrap_css", assets.url("bootstrap", "bootstrap.min.css")),
    ("awesome_markers_font_css", assets.url("fontawesome", "css/all.min.css")),
    ("awesome_markers_css", assets.url("awesome-markers", "leaflet.awesome-markers.css")),
]


class ZhijiuApp(JSCSSMixin, MacroElement):
    """Our page code and the plugins it uses (clustering, drawing), started on folium's map."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            Zhijiu.start({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    default_js = [
        ("qwebchannel", WEBCHANNEL_JS),
        ("markerclusterjs", assets.url("markercluster", "leaflet.markercluster.js")),
        ("leaflet_draw_js", assets.url("leaflet-draw", "leaflet.draw.js")),
        ("zhijiu_map_js", APP_URL + "map.js"),
    ]
    default_css = [
        ("markerclustercss", assets.url("markercluster", "MarkerCluster.css")),
        ("markerclusterdefaultcss", assets.url("markercluster", "MarkerCluster.Default.css")),
        ("leaflet_draw_css", assets.url("leaflet-draw", "leaflet.draw.css")),
        ("zhijiu_map_css", APP_URL + "map.css"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._name = "ZhijiuApp"


def build_html() -> str:
    """The page's HTML; raises if it would fetch anything from the network."""
    m = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # map.js adds a metric-only one
        # no translate3d: each marker would be a compositing layer of its own, which costs
        # seconds and gigabytes with thousands of markers on a machine without a GPU
        disable_3d=True,
    )
    m._name, m._id = "map", "zhijiu"  # a stable name: the same folium gives the same bytes
    m.default_js = list(MAP_JS)
    m.default_css = list(MAP_CSS)  # without glyphicons: our icons are Font Awesome
    m.add_child(ZhijiuApp())
    html: str = m.get_root().render()
    remote = sorted(set(re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*", html)))
    if remote:
        raise RuntimeError(f"the map page would fetch from the network: {remote}")
    return html


_built: Path | None = None


def page_file() -> Path:
    """The page on disk, built on first use in this process (written only when its bytes
    changed: a new folium or a new builder); in ``resources/web/build/`` or, when that is
    read-only (an installed bundle), a temporary folder."""
    global _built
    if _built is not None and _built.is_file():
        return _built
    html = build_html()  # about 20 ms; the same bytes every time for the same folium
    for folder in (BUILD, Path(tempfile.gettempdir()) / "zhijiu-web"):
        target = folder / PAGE_NAME
        try:
            if not (target.is_file() and target.read_text("utf-8") == html):
                folder.mkdir(parents=True, exist_ok=True)
                target.write_text(html, "utf-8")
                log.info("map page built: %s", target)
            _built = target
            return target
        except OSError as exc:
            log.warning("cannot write the map page in %s: %s", folder, exc)
    raise OSError("cannot write the map page anywhere")


def main() -> int:
    """``python -m ui.map.page``: build the page now (``make web`` does, after vendoring)."""
    print(page_file())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
