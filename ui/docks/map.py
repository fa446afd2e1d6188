"""The map dock (一张图): the common operating picture on an offline Leaflet page.

The page (``ui.map.page``) is loaded once from ``zhijiu://web/map.html``; everything after that
is a message: the store's changes go to it as small diffs (``ui.map.bridge``), clicks, drawings,
edits, the cursor position and measurements come back. The dock adds what belongs to Qt: the tool
bar (search, fit to an incident, draw, measure, edit and delete the selected plotted feature,
night mode, legend, base maps, export), the status line under the map (the coordinates under the
cursor in decimal degrees and in degrees-minutes-seconds, the last measurement), and the windows
for plotting a drawn shape and downloading an area.

Signals for the other docks: ``featureSelected(etype, eid)`` when a person clicks a record on the
map, ``mediaActivated(eid)`` when it is a photo or video. ``select(etype, eid)`` does the
reverse: highlights the record and brings it into view, without emitting ``featureSelected``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QImage, QPainter
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.store import Refused
from ui import labels
from ui.docks.base import ViewDock
from ui.map import assets, coords, export, features, page, scheme, symbols
from ui.map.bridge import MapBridge
from ui.map.dialogs import DownloadAreaDialog, PlotDialog
from ui.map.settings import MapSettings
from ui.reasons import show_refused
from ui.session import Session

log = logging.getLogger(__name__)

VECTOR_BASE = "vector"
TILE_CACHE_FOLDER = "tiles"  # inside the post's folder: what was seen there works offline there
EDITABLE = frozenset({"feature"})  # plotted records (标绘) can be reshaped and deleted here
GRAB_ATTEMPTS = 60  # frames to wait for print mode to reach the view before grabbing anyway
PRINT_SENTINEL = QColor(1, 2, 3)  # map.js marks print mode with two pixels of it, top left


def _slug(text: str) -> str:
    """A URL-safe, stable id for a name that may be Chinese or have spaces."""
    ascii_part = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:24]
    return f"{ascii_part or 'src'}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


class MapPage(QWebEnginePage):
    """The page, with the page's console messages in our log (warnings and errors only)."""

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel,
                                 message: str, line: int, source: str) -> None:
        if level != QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel:
            log.warning("map page console: %s (%s:%d)", message, source, line)


class MapDock(ViewDock):
    featureSelected = Signal(str, str)  # etype, eid — a person clicked it on the map
    mediaActivated = Signal(str)  # media eid — a photo or video position was clicked
    exported = Signal(str)  # the file written by export_image
    pointPicked = Signal(float, float)  # lon, lat — the click asked for by pick_point()
    areaPicked = Signal(dict)  # GeoJSON polygon — the shape asked for by pick_area()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_map", parent)
        self.session = session
        self.settings = MapSettings(session.folder.path)
        self.installed = scheme.install(QWebEngineProfile.defaultProfile())
        self.tiles = self.installed.handler
        self.items = features.MapItems(session.store, session.names)
        self.selected: tuple[str, str] | None = None
        self.editing: str | None = None  # map id of the shape being reshaped
        self.picking: str | None = None  # "marker" | "polygon": the next shape drawn answers a form
        self.view_info: dict[str, Any] = {}
        self.base_id = self.settings.base or VECTOR_BASE
        self.plot_dialog: PlotDialog | None = None
        self.download_dialog: DownloadAreaDialog | None = None
        self.last_message: QMessageBox | None = None
        self.measurement: tuple[str, float] | None = None
        self._export: tuple[Path, str, int] | None = None  # file, format, frames waited
        self.export_verified = False  # the last export grabbed the print layout (sentinel seen)
        self._mbtiles: dict[str, tuple[Path, Any]] = {}  # id -> (path, MBTiles)
        self._sources: dict[str, tuple[Any, Any]] = {}  # id -> (TileSource, CachedSource)
        self._search_ids: dict[str, str] = {}
        self._tile_cache: Any = None
        self.plugin_layers: Any = None  # ui.map.plugin_layers.PluginLayers, once plugins are known

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = QToolBar(body)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        self.view = QWebEngineView(body)
        self.page = MapPage(QWebEngineProfile.defaultProfile(), self.view)
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.problem = QLabel(body)  # shown instead of the map when the page cannot be served
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setVisible(False)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem, 1)
        status = QHBoxLayout()
        status.setContentsMargins(6, 2, 6, 2)
        self.cursor_label = QLabel(body)
        self.cursor_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label = QLabel(body)
        self.info_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        status.addWidget(self.cursor_label)
        status.addStretch(1)
        status.addWidget(self.info_label, 1)
        layout.addLayout(status)
        self.setWidget(body)

        self._build_toolbar()
        self._open_remembered_mbtiles()
        self.bridge = MapBridge(self.page, session, self.items, self._configuration, self)
        ch = self.bridge.channel
        ch.featureClicked.connect(self._on_clicked)
        ch.shapeDrawn.connect(self._on_drawn)
        ch.shapeEdited.connect(self._on_edited)
        ch.cursorMoved.connect(self._on_cursor)
        ch.cursorGone.connect(self._on_cursor_gone)
        ch.measurement.connect(self._on_measured)
        ch.viewMoved.connect(self._on_view_moved)
        ch.printed.connect(self._on_print_ready)
        ch.baseChosen.connect(self._on_base_chosen)
        ch.layerToggled.connect(self._on_layer_toggled)
        self.bridge.ready.connect(self._on_ready)
        self.page.renderProcessTerminated.connect(self._on_render_process_gone)

        self.retranslate()
        self._load()

    # ------------------------------------------------------------------ set-up

    def _action(self, name: str, slot: Any, *, checkable: bool = False, menu: QMenu | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        (menu or self.toolbar).addAction(action)
        return action

    def _build_toolbar(self) -> None:
        tb = self.toolbar
        self.search = QLineEdit(tb)
        self.search.setObjectName("map_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(220)
        self.search_model = QStringListModel(self)
        self.completer = QCompleter(self.search_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(self.completer)
        self.search.textEdited.connect(self._refresh_search)
        self.search.returnPressed.connect(self._on_search)
        self.completer.activated.connect(self._on_search)
        tb.addWidget(self.search)

        self.incident_menu = QMenu(self)
        self.incident_menu.aboutToShow.connect(self._fill_incident_menu)
        self.incident_button = QToolButton(tb)
        self.incident_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.incident_button.setMenu(self.incident_menu)
        tb.addWidget(self.incident_button)
        tb.addSeparator()

        self.draw_menu = QMenu(self)
        self.draw_actions = {
            kind: self._action(f"map_draw_{kind}", lambda _=False, k=kind: self.start_drawing(k), menu=self.draw_menu)
            for kind in ("marker", "polyline", "polygon", "rectangle")
        }
        self.draw_button = QToolButton(tb)
        self.draw_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.draw_button.setMenu(self.draw_menu)
        tb.addWidget(self.draw_button)
        self.measure_menu = QMenu(self)
        self.measure_distance_action = self._action("map_measure_distance", lambda: self.measure("distance"),
                                                    menu=self.measure_menu)
        self.measure_area_action = self._action("map_measure_area", lambda: self.measure("area"),
                                                menu=self.measure_menu)
        self.measure_button = QToolButton(tb)
        self.measure_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.measure_button.setMenu(self.measure_menu)
        tb.addWidget(self.measure_button)
        self.edit_action = self._action("map_edit", self.edit_selected)
        self.save_edit_action = self._action("map_save_edit", lambda: self.finish_edit(True))
        self.cancel_edit_action = self._action("map_cancel_edit", lambda: self.finish_edit(False))
        self.delete_action = self._action("map_delete", self.delete_selected)
        tb.addSeparator()

        self.night_action = self._action("map_night", self.set_night, checkable=True)
        self.night_action.setChecked(self.settings.night)
        self.legend_action = self._action("map_legend", self.set_legend, checkable=True)
        self.legend_action.setChecked(self.settings.legend)

        self.base_menu = QMenu(self)
        self.base_menu.aboutToShow.connect(self._fill_base_menu)
        self.base_group = QActionGroup(self)
        self.open_mbtiles_action = QAction(self)
        self.open_mbtiles_action.triggered.connect(self.choose_mbtiles)
        self.download_action = QAction(self)
        self.download_action.triggered.connect(lambda: self.open_download_dialog())
        self.tianditu_key_action = QAction(self)
        self.tianditu_key_action.triggered.connect(self.ask_tianditu_key)
        self.base_button = QToolButton(tb)
        self.base_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.base_button.setMenu(self.base_menu)
        tb.addWidget(self.base_button)

        self.export_menu = QMenu(self)
        self.export_png_action = self._action("map_export_png", lambda: self.choose_export("png"), menu=self.export_menu)
        self.export_pdf_action = self._action("map_export_pdf", lambda: self.choose_export("pdf"), menu=self.export_menu)
        self.export_button = QToolButton(tb)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(self.export_menu)
        tb.addWidget(self.export_button)
        self._update_actions()

    def _load(self) -> None:
        problems = assets.missing()
        if problems:
            self.view.setVisible(False)
            self.problem.setVisible(True)
            self.problem.setText(labels.arg(
                self.tr("The map cannot be shown: its web assets are not installed (%1). "
                        "Run “make setup” (it runs npm ci and copies them)."), "; ".join(problems)))
            log.error("map web assets missing: %s", problems)
            return
        self.view.load(QUrl(page.PAGE_URL))

    def show_plugin_layers(self, plugin_service: Any) -> None:
        """Draw the map layers the loaded plugins contribute, as overlays of their own."""
        from ui.map.plugin_layers import PluginLayers

        self.plugin_layers = PluginLayers(self, plugin_service)

    def cleanup(self) -> None:
        if self.plugin_layers is not None:
            self.plugin_layers.cleanup()
        self.bridge.cleanup()
        for dialog in (self.download_dialog,):
            if dialog is not None:
                dialog.stop()
        for name in list(self._sources):
            self.tiles.remove_xyz(name)
        if not self.tiles.xyz:
            self.tiles.shutdown()
        for name, (_path, reader) in self._mbtiles.items():
            self.tiles.mbtiles.pop(name, None)
            reader.close()
        self._mbtiles.clear()
        self.settings.sync()

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Map"))
        self.search.setPlaceholderText(self.tr("Find on the map…"))
        self.incident_button.setText(self.tr("Fit to incident"))
        self.draw_button.setText(self.tr("Plot"))
        self.draw_button.setToolTip(self.tr("Draw a point, line or area and make it a map feature (标绘)"))
        for kind, text in (("marker", self.tr("Point")), ("polyline", self.tr("Line")),
                           ("polygon", self.tr("Area")), ("rectangle", self.tr("Rectangle"))):
            self.draw_actions[kind].setText(text)
        self.measure_button.setText(self.tr("Measure"))
        self.measure_distance_action.setText(self.tr("Distance"))
        self.measure_area_action.setText(self.tr("Area"))
        self.edit_action.setText(self.tr("Edit shape"))
        self.save_edit_action.setText(self.tr("Save shape"))
        self.cancel_edit_action.setText(self.tr("Cancel edit"))
        self.delete_action.setText(self.tr("Delete"))
        self.night_action.setText(self.tr("Night"))
        self.night_action.setToolTip(self.tr("Dark map for vehicles and night duty"))
        self.legend_action.setText(self.tr("Legend"))
        self.base_button.setText(self.tr("Base map"))
        self.open_mbtiles_action.setText(self.tr("Open MBTiles file…"))
        self.download_action.setText(self.tr("Download this area for offline use…"))
        self.tianditu_key_action.setText(self.tr("天地图 access key…"))
        self.export_button.setText(self.tr("Export"))
        self.export_png_action.setText(self.tr("Image (PNG)…"))
        self.export_pdf_action.setText(self.tr("PDF…"))
        self._update_actions()
        self._on_cursor_gone()
        if hasattr(self, "bridge"):
            self.bridge.configure()

    def _draw_words(self) -> dict[str, str]:
        t = self.tr
        return {
            "cancel": t("Cancel"), "cancelTitle": t("Cancel drawing"),
            "finish": t("Finish"), "finishTitle": t("Finish drawing"),
            "undo": t("Delete last point"), "undoTitle": t("Delete the last point drawn"),
            "polyline": t("Draw a line"), "polygon": t("Draw an area"),
            "rectangle": t("Draw a rectangle"), "marker": t("Place a point"),
            "markerStart": t("Click the map to place the point."),
            "lineStart": t("Click to start the line."), "lineCont": t("Click to continue the line."),
            "lineEnd": t("Click the last point to finish the line."),
            "polygonStart": t("Click to start the area."), "polygonCont": t("Click to continue the area."),
            "polygonEnd": t("Click the first point to close the area."),
            "rectangleStart": t("Press and drag to draw the rectangle."),
            "simpleEnd": t("Release the mouse to finish."),
            "editText": t("Drag the handles to change the shape."), "editSubtext": "",
        }

    def _configuration(self) -> dict[str, Any]:
        """Everything the page needs besides the items, in the current language."""
        return {
            "symbols": symbols.symbols_json(),
            "legend": symbols.legend(),
            "layers": features.layers_config(self.settings.hidden_layers),
            "labels": {"legend": self.tr("Legend"), "km": "km", "m": "m", "km2": "km²", "m2": "m²",
                       "legendFold": self.tr("Click to show or hide the symbols")},
            "draw": self._draw_words(),
            "bases": self.bases(),
            "base": self.base_id,
            "night": self.night_action.isChecked(),
            "legendShown": self.legend_action.isChecked(),
            "view": self.settings.view or {"center": [page.DEFAULT_CENTER[1], page.DEFAULT_CENTER[0]],
                                           "zoom": page.DEFAULT_ZOOM},
            "labelZoom": 15,
        }

    # ------------------------------------------------------------------ base maps

    def bases(self) -> list[dict[str, Any]]:
        """The base maps (and tile overlays) the layer control offers."""
        out: list[dict[str, Any]] = [{
            "id": VECTOR_BASE, "name": self.tr("Offline vector map"), "kind": "vector",
            "layers": [{"url": f"zhijiu://web/basemap/{layer.name}.geojson", "style": dict(layer.style or {}),
                        "labelField": layer.label_property, "minZoom": layer.min_zoom,
                        "maxZoom": layer.max_zoom, "namedStyle": (layer.extra or {}).get("named_style"),
                        "attribution": layer.attribution}
                       for layer in self.tiles.basemap_layers],
        }]
        for mid, (path, reader) in self._mbtiles.items():
            w, s, e, n = reader.bounds
            out.append({"id": f"mbtiles:{mid}", "name": labels.arg(self.tr("%1 (MBTiles)"), reader.name),
                        "kind": "tiles", "url": f"zhijiu://tiles/mbtiles/{mid}/{{z}}/{{x}}/{{y}}",
                        "minZoom": 0, "maxZoom": 19, "maxNativeZoom": reader.maxzoom,
                        "minNativeZoom": reader.minzoom, "bounds": [w, s, e, n],
                        "attribution": reader.attribution, "datum": "wgs84", "file": str(path)})
        for sid, (src, _cached) in self._sources.items():
            out.append({"id": f"xyz:{sid}", "name": src.name, "kind": "tiles",
                        "url": f"zhijiu://tiles/xyz/{sid}/{{z}}/{{x}}/{{y}}",
                        "minZoom": 0, "maxZoom": 19, "maxNativeZoom": src.max_zoom,
                        "attribution": src.attribution, "datum": src.coord_system, "overlay": src.overlay})
        return out

    def _cache(self) -> Any:
        if self._tile_cache is None:
            from app.tiles.cache import TileCache

            self._tile_cache = TileCache(Path(self.session.folder.path) / TILE_CACHE_FOLDER)
        return self._tile_cache

    def add_source(self, source: Any, *, key: str | None = None) -> str:
        """Offer an online XYZ source (``app.tiles.sources.TileSource``) as a base map (or an
        overlay), read through the post's tile cache; returns its base id."""
        from app.tiles.sources import CachedSource

        sid = _slug(source.name)
        cached = CachedSource(source, self._cache(), key=key)
        self._sources[sid] = (source, cached)
        self.tiles.add_xyz(sid, cached)
        self._send_bases()
        return f"xyz:{sid}"

    def _builtin_sources(self) -> None:
        """The built-in online sources that can work here (天地图 needs the agency's key)."""
        try:
            from app.tiles.sources import BUILTIN_SOURCES
        except ImportError:
            return
        key = self.settings.tianditu_key
        for src in BUILTIN_SOURCES:
            if src.needs_key and not key:
                continue
            if _slug(src.name) not in self._sources:
                self.add_source(src, key=key or None)

    def open_mbtiles(self, path: str | Path) -> str | None:
        """Open an MBTiles package as a base map and remember it; returns its base id (None and
        a message when the file cannot be used)."""
        from app.tiles.mbtiles import MBTiles, TileError

        path = Path(path)
        try:
            reader = MBTiles(path)
        except TileError as exc:
            self.last_message = QMessageBox(QMessageBox.Icon.Warning, self.tr("Base map"),
                                            labels.arg(self.tr("This file cannot be used as a base map:\n%1"), exc),
                                            QMessageBox.StandardButton.Ok, self)
            self.last_message.open()
            return None
        if reader.format not in ("png", "jpg", "webp"):
            reader.close()
            self.last_message = QMessageBox(QMessageBox.Icon.Warning, self.tr("Base map"),
                                            labels.arg(self.tr("%1 holds vector tiles (%2); only image tiles can be shown."),
                                                       path.name, reader.format),
                                            QMessageBox.StandardButton.Ok, self)
            self.last_message.open()
            return None
        mid = _slug(str(path.resolve()))
        old = self._mbtiles.pop(mid, None)
        if old is not None:
            old[1].close()
        self._mbtiles[mid] = (path, reader)
        self.tiles.mbtiles[mid] = reader
        self.settings.add_mbtiles(str(path))
        self._send_bases()
        return f"mbtiles:{mid}"

    def _open_remembered_mbtiles(self) -> None:
        from app.tiles.mbtiles import MBTiles, TileError

        for name in self.settings.mbtiles:
            path = Path(name)
            try:
                reader = MBTiles(path)
            except TileError as exc:
                log.warning("remembered MBTiles not usable now: %s", exc)
                continue
            mid = _slug(str(path.resolve()))
            self._mbtiles[mid] = (path, reader)
            self.tiles.mbtiles[mid] = reader
        self._builtin_sources()

    @Slot()
    def choose_mbtiles(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open an MBTiles base map"), "", self.tr("MBTiles packages (*.mbtiles);;All files (*)"))
        if path:
            base = self.open_mbtiles(path)
            if base:
                self.set_base(base)

    @Slot()
    def ask_tianditu_key(self) -> None:
        key, ok = QInputDialog.getText(self, self.tr("天地图 access key"),
                                       self.tr("The agency's 天地图 key (tk), for the 天地图 base maps:"),
                                       QLineEdit.EchoMode.Normal, self.settings.tianditu_key)
        if ok:
            self.settings.tianditu_key = key
            for sid, (src, _cached) in list(self._sources.items()):
                if src.needs_key:
                    self.tiles.remove_xyz(sid)
                    del self._sources[sid]
            self._builtin_sources()
            self._send_bases()

    def _send_bases(self) -> None:
        if hasattr(self, "bridge"):
            self.bridge.call("setBases", self.bases(), self.base_id)

    def set_base(self, base_id: str) -> None:
        self.base_id = base_id
        self.settings.base = base_id
        self.bridge.call("setBase", base_id)

    @Slot(str)
    def _on_base_chosen(self, base_id: str) -> None:
        self.base_id = base_id
        self.settings.base = base_id

    @Slot(str, bool)
    def _on_layer_toggled(self, key: str, visible: bool) -> None:
        hidden = set(self.settings.hidden_layers)
        (hidden.discard if visible else hidden.add)(key)
        self.settings.hidden_layers = sorted(hidden)

    def _fill_base_menu(self) -> None:
        menu = self.base_menu
        menu.clear()
        for action in self.base_group.actions():
            self.base_group.removeAction(action)
        for b in self.bases():
            if b.get("overlay"):
                continue
            action = QAction(b["name"], menu)
            action.setCheckable(True)
            action.setChecked(b["id"] == self.base_id)
            action.triggered.connect(lambda _=False, i=b["id"]: self.set_base(i))
            self.base_group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.open_mbtiles_action)
        menu.addAction(self.tianditu_key_action)
        menu.addAction(self.download_action)
        self.download_action.setEnabled(bool(self._sources))

    # ------------------------------------------------------------------ the area download

    def open_download_dialog(self) -> DownloadAreaDialog | None:
        """"Download this area for offline use", for the area now in view."""
        if not self._sources or not self.view_info.get("bbox"):
            return None
        if self.download_dialog is not None and self.download_dialog.running:
            self.download_dialog.raise_()
            return self.download_dialog
        sources = [(src.name, src, cached) for src, cached in self._sources.values()]
        # the base in view if it is online; else the first source that may be downloaded
        current = next((i for i, sid in enumerate(self._sources) if f"xyz:{sid}" == self.base_id),
                       next((i for i, (_n, src, _c) in enumerate(sources) if src.allow_bulk_download), 0))
        w, s, e, n = self.view_info["bbox"]
        bbox = (max(w, -180.0), max(s, -85.0), min(e, 180.0), min(n, 85.0))
        self.download_dialog = DownloadAreaDialog(sources, bbox, int(self.view_info.get("zoom", 12)), current, self)
        self.download_dialog.open()
        return self.download_dialog

    # ------------------------------------------------------------------ page events

    @Slot()
    def _on_ready(self) -> None:
        if not self.settings.view:
            self.fit_everything()
        self.bridge.call("view", callback=self._on_view_value)

    def _on_view_value(self, view: Any) -> None:
        if isinstance(view, dict):
            self._on_view_moved(view)

    @Slot(QWebEnginePage.RenderProcessTerminationStatus, int)
    def _on_render_process_gone(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        log.error("the map's web process ended (%s, %d); loading the map again", status, code)
        self.bridge.is_ready = False
        QTimer.singleShot(500, self._load)

    @Slot(str, str)
    def _on_clicked(self, etype: str, eid: str) -> None:
        self.selected = (etype, eid)
        self._update_actions()
        it = self.bridge.shown.get(features.map_id(etype, eid))
        if it is not None:
            self.info_label.setText(" · ".join([it.get("label", ""), *it.get("tip", [])[:2]]))
        self.featureSelected.emit(etype, eid)
        if etype == "media":
            self.mediaActivated.emit(eid)

    def select(self, etype: str, eid: str, *, pan: bool = True) -> bool:
        """Highlight a record and bring it into view (from a table); False when it is not on the
        map (no position, or hidden)."""
        mid = features.map_id(etype, eid)
        self.selected = (etype, eid)
        self._update_actions()
        self.bridge.call("select", mid, pan)
        return mid in self.bridge.shown

    @Slot(float, float)
    def _on_cursor(self, lon: float, lat: float) -> None:
        self.cursor_label.setText(f"{coords.decimal(lon, lat)}  ·  {coords.dms(lon, lat)}")

    @Slot()
    def _on_cursor_gone(self) -> None:
        self.cursor_label.setText(self.tr("Point at the map to read coordinates"))

    @Slot(str, float)
    def _on_measured(self, kind: str, value: float) -> None:
        self.measurement = (kind, value)
        text = coords.area_text(value) if kind == "area" else coords.length_text(value)
        self.info_label.setText(labels.arg(
            self.tr("Area: %1") if kind == "area" else self.tr("Distance: %1"), text))

    @Slot(dict)
    def _on_view_moved(self, view: dict[str, Any]) -> None:
        self.view_info = view
        if isinstance(view.get("center"), list) and isinstance(view.get("zoom"), int | float):
            self.settings.view = {"center": view["center"], "zoom": int(view["zoom"])}

    # ------------------------------------------------------------------ tools

    def start_drawing(self, kind: str) -> None:
        if self.picking is None and self._refuse_in_replay():
            return
        self.bridge.call("draw", kind)

    def measure(self, kind: str) -> None:
        self.bridge.call("measure", kind)

    @Slot(bool)
    def set_night(self, on: bool) -> None:
        self.night_action.setChecked(on)
        self.settings.night = on
        self.bridge.call("setNight", on)

    @Slot(bool)
    def set_legend(self, on: bool) -> None:
        self.legend_action.setChecked(on)
        self.settings.legend = on
        self.bridge.call("showLegend", on)

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): draw the records as they were at ``moment`` (an
        ``app.store.moment.Moment``); ``None`` returns to the live store."""
        live = moment is None
        if not live and not self.bridge.frozen:  # replay starts: what was being plotted stops
            if self.editing is not None:
                self.finish_edit(False)
            if self.plot_dialog is not None:
                self.plot_dialog.reject()
        self.items.store = self.session.store if live else moment
        self.items.clock = features.now_ms if live else (lambda: int(moment.at_ms))
        self.bridge.frozen = not live
        self.bridge.refresh_all()

    @property
    def replaying(self) -> bool:
        return self.bridge.frozen

    def _refuse_in_replay(self) -> bool:
        """Plotting writes: during replay (复盘) the map only shows the past (measuring stays)."""
        if not self.replaying:
            return False
        self.info_label.setText(QCoreApplication.translate("ReadOnlyGuard", "Replaying: read-only"))
        return True

    def fit_bounds(self, bounds: tuple[float, float, float, float] | None, max_zoom: int = 16) -> bool:
        if bounds is None:
            return False
        w, s, e, n = bounds
        pad = 0.002 if (e - w) < 0.002 and (n - s) < 0.002 else 0.0
        self.bridge.call("fit", [[s - pad, w - pad], [n + pad, e + pad]], max_zoom)
        return True

    def fit_incident(self, incident_id: str) -> bool:
        """Show an incident: its area and point, and every record of it that has a position."""
        return self.fit_bounds(self.items.incident_bounds(incident_id))

    def fit_everything(self) -> bool:
        """At the first start: the open incidents, or else everything on the map."""
        open_ids = [e.eid for e in self.session.store.entities("incident") if e.get("status") == "open"]
        boxes = [b for b in (self.items.incident_bounds(i) for i in open_ids) if b]
        if not boxes:
            boxes = [b for b in (features.bounds_of([it.get("g")]) for it in self.bridge.shown.values()) if b]
        if not boxes:
            return False
        return self.fit_bounds((min(b[0] for b in boxes), min(b[1] for b in boxes),
                                max(b[2] for b in boxes), max(b[3] for b in boxes)))

    def _fill_incident_menu(self) -> None:
        self.incident_menu.clear()
        incidents = sorted(self.session.store.entities("incident"), key=lambda e: -e.created_hlc)
        for e in incidents:
            if e.get("status") != "open":
                continue
            action = self.incident_menu.addAction(self.session.names.incident(e.eid))
            action.triggered.connect(lambda _=False, i=e.eid: self.fit_incident(i))
        if not self.incident_menu.actions():
            self.incident_menu.addAction(self.tr("No open incident")).setEnabled(False)

    @Slot()
    def _refresh_search(self, *_: object) -> None:
        names: dict[str, str] = {}
        for mid, it in self.bridge.shown.items():
            label = it.get("label")
            if label:
                text = f"{label} · {features.layer_name(it.get('layer', ''))}"
                names.setdefault(text, mid)
        self._search_ids = names
        self.search_model.setStringList(sorted(names))

    @Slot()
    def _on_search(self, *_: object) -> None:
        text = self.search.text().strip()
        if not text:
            return
        self.find_on_map(text)

    def find_on_map(self, text: str) -> str | None:
        """Select the first record whose label contains ``text``; returns its map id."""
        if not self._search_ids:
            self._refresh_search()
        mid = self._search_ids.get(text)
        if mid is None:
            low = text.lower()
            mid = next((m for label, m in sorted(self._search_ids.items()) if low in label.lower()), None)
        if mid is None:
            self.info_label.setText(labels.arg(self.tr("Nothing on the map is called “%1”."), text))
            return None
        etype, eid = features.split_id(mid)
        self.select(etype, eid)
        self.featureSelected.emit(etype, eid)
        return mid

    # ------------------------------------------------------------------ plotting (标绘)

    @Slot(dict)
    def pick_point(self) -> None:
        """Let a person click one point (for a form elsewhere): ``pointPicked`` answers."""
        self._pick("marker", self.tr("Click the map where it is (Esc cancels)"))

    def pick_area(self) -> None:
        """Let a person draw one polygon (for a form elsewhere): ``areaPicked`` answers."""
        self._pick("polygon", self.tr("Draw the area on the map, click its first point to close it (Esc cancels)"))

    def _pick(self, kind: str, hint: str) -> None:
        self.picking = kind
        self.raise_()
        self.info_label.setText(hint)
        self.start_drawing(kind)

    def _on_drawn(self, geometry: dict[str, Any]) -> None:
        if self.picking is not None:  # a form asked for it: not a plotted feature
            self.picking = None
            self.bridge.call("clearPending")
            self.info_label.clear()
            if geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                self.pointPicked.emit(float(lon), float(lat))
            else:
                self.areaPicked.emit(geometry)
            return
        if self._refuse_in_replay():
            self.bridge.call("clearPending")
            return
        if self.plot_dialog is not None:
            self.plot_dialog.reject()
        incidents = [e for e in self.session.store.entities("incident") if e.get("status") == "open"]
        dialog = self.plot_dialog = PlotDialog(geometry, incidents, self)
        dialog.accepted.connect(lambda d=dialog: self._create_feature(d))
        dialog.finished.connect(lambda _r, d=dialog: self._plot_finished(d))
        dialog.open()

    def _create_feature(self, dialog: PlotDialog) -> str | None:
        from app.services import common

        try:
            eid = common.create(self.session.store, self.session.operator, "feature", dialog.fields())
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
        self.selected = ("feature", eid)
        self.bridge.call("select", features.map_id("feature", eid), False)
        self._update_actions()
        return eid

    def _plot_finished(self, dialog: PlotDialog) -> None:
        self.bridge.call("clearPending")
        if self.plot_dialog is dialog:
            self.plot_dialog = None
        dialog.deleteLater()

    def edit_selected(self) -> bool:
        """Reshape (or move) the selected plotted feature on the map; Save or Cancel ends it."""
        if self.selected is None or self.selected[0] not in EDITABLE or self._refuse_in_replay():
            return False
        self.editing = features.map_id(*self.selected)
        self.bridge.call("editStart", self.editing)
        self._update_actions()
        return True

    def finish_edit(self, save: bool) -> None:
        self.bridge.call("editFinish", save)
        if not save:
            self.editing = None
            self._update_actions()

    @Slot(str, dict)
    def _on_edited(self, mid: str, geometry: dict[str, Any]) -> None:
        from app.services import common

        self.editing = None
        self._update_actions()
        etype, eid = features.split_id(mid)
        if etype not in EDITABLE or self._refuse_in_replay():
            return
        try:
            common.update(self.session.store, self.session.operator, etype, eid, {"geom": geometry})
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            self.bridge.refresh_all()  # back to what the store holds

    def delete_selected(self, *, confirm: bool = True) -> bool:
        """Delete the selected plotted feature (after a question, unless ``confirm`` is False)."""
        if self.selected is None or self.selected[0] not in EDITABLE or self._refuse_in_replay():
            return False
        etype, eid = self.selected
        if not confirm:
            return self._delete(etype, eid)
        it = self.bridge.shown.get(features.map_id(etype, eid), {})
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete map feature"),
                          labels.arg(self.tr("Delete “%1” from the map on every post?"), it.get("label", "")),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._delete(etype, eid))
        self.last_message = box
        box.open()
        return True

    def _delete(self, etype: str, eid: str) -> bool:
        from app.services import common

        try:
            common.delete(self.session.store, self.session.operator, etype, eid)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        self.selected = None
        self._update_actions()
        return True

    def _update_actions(self) -> None:
        editable = self.selected is not None and self.selected[0] in EDITABLE
        editing = self.editing is not None
        self.edit_action.setVisible(not editing)
        self.edit_action.setEnabled(editable)
        self.delete_action.setEnabled(editable and not editing)
        self.save_edit_action.setVisible(editing)
        self.cancel_edit_action.setVisible(editing)

    # ------------------------------------------------------------------ export

    def choose_export(self, fmt: str) -> None:
        suffix = "pdf" if fmt == "pdf" else "png"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the map"), f"map.{suffix}",
            self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("PNG image (*.png)"))
        if path:
            self.export_image(path)

    def export_title(self, when: str | None = None) -> tuple[str, str]:
        """The export's title and subtitle; ``when``: the time as the caller writes it (the
        situation report: Beijing time, labelled), else this computer's local time."""
        title = labels.arg(self.tr("%1 — situation map"), self.session.config.name)
        base = next((b["name"] for b in self.bases() if b["id"] == self.base_id), "")
        stamp = when if when is not None else labels.local_time(self._now_ms())
        subtitle = " · ".join(x for x in (stamp, base) if x)
        return title, subtitle

    @staticmethod
    def _now_ms() -> int:
        from app.services.common import now_ms

        return now_ms()

    def export_image(self, path: str | Path, *, when: str | None = None,
                     frame: tuple[float, float, float, float] | None = None, legend: bool = True) -> None:
        """Write the view as PNG or PDF (by suffix) with title, north arrow, grid, scale bar and
        legend; ``exported(path)`` says when the file is there. ``when``: the subtitle's time;
        ``frame`` (west, south, east, north): show that area instead of the view, which comes
        back afterwards; ``legend`` False: without the legend."""
        path = Path(path)
        fmt = "pdf" if path.suffix.lower() == ".pdf" else "png"
        title, subtitle = self.export_title(when)
        self._export = (path, fmt, 0)
        opts: dict[str, Any] = {"title": title, "subtitle": subtitle, "north": self.tr("N"), "legend": legend}
        if frame is not None:
            w, s, e, n = frame
            pad = 0.002 if (e - w) < 0.002 and (n - s) < 0.002 else 0.0  # a lone point: a street's width
            opts["frame"] = [[s - pad, w - pad], [n + pad, e + pad]]
        self.bridge.call("print", opts)

    def export_incident(self, path: str | Path, incident_id: str, *, when: str | None = None) -> None:
        """The situation report's map: the incident's area and its records (units, shelters,
        warning areas, tasks, plotted features) framed, no legend over them; the person's view
        comes back afterwards. Falls back to the view when nothing of the incident has a place."""
        self.export_image(path, when=when, frame=self.items.incident_bounds(incident_id), legend=False)

    @Slot(dict)
    def _on_print_ready(self, _shown: dict[str, Any]) -> None:
        if self._export is None:
            return
        path, fmt, attempts = self._export
        image: QImage = self.view.grab().toImage()
        # the page has painted print mode, but the frame may not have reached the view yet:
        # until the grab shows the page's sentinel pixels, ask the page for another frame
        self.export_verified = image.pixelColor(0, 0) == PRINT_SENTINEL
        if not self.export_verified and attempts < GRAB_ATTEMPTS:
            self._export = (path, fmt, attempts + 1)
            self.bridge.call("printPing")
            return
        if not self.export_verified:
            log.warning("exporting the map: print mode never reached the view; saving what it shows")
        self._export = None
        ratio = image.devicePixelRatio()
        corner = int(3 * ratio)
        image.setDevicePixelRatio(1.0)
        painter = QPainter(image)  # the sentinel's pixels take the colour next to them
        painter.fillRect(0, 0, corner, corner, image.pixelColor(corner + 1, corner + 1))
        painter.end()
        image.setDevicePixelRatio(ratio)
        self._save(image, path, fmt)

    def _save(self, image: QImage, path: Path, fmt: str) -> None:
        self.bridge.call("print", None)
        title, _subtitle = self.export_title()
        ok = export.save_pdf(image, path, title) if fmt == "pdf" else export.save_png(image, path)
        if ok:
            self.info_label.setText(labels.arg(self.tr("Exported to %1"), str(path)))
            self.exported.emit(str(path))
        else:
            self.info_label.setText(labels.arg(self.tr("Could not write %1"), str(path)))
