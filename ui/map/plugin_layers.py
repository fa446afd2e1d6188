"""Plugins' map layers on the map dock: one overlay each in the layer control and the legend.

Every ``layers`` contribution of a loaded plugin is drawn; when the plugin is disabled or
unloaded its layer leaves the page (nothing is reloaded: the page gets ``setPluginLayer`` /
``removePluginLayer`` over the bridge like every other change). A layer function runs on a
worker thread (it may read files or the network) as ``fn(ctx, **options)`` with the options of
the post's ``layers.json`` for its id::

    {"road-closures": {"path": "closures", "refresh_s": 60}}

It returns GeoJSON (checked by ``ui.map.layer_data`` before anything reaches the page) and is
called again every ``refresh_s`` seconds (from ``layers.json``, else the manifest), or it returns
a ``plugins.api.LayerUpdates`` and pushes new data when it has some. A layer that raises,
returns garbage or has features it had to skip is named in the plugin manager
(``PluginHost.report``) while the map keeps its last good drawing; when it works again the
problem is cleared. Which plugin layers a person switched off is remembered with the map's other
hidden layers (their key is ``plugin:<plugin>/<layer>``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot

from app.plugin_host import Contribution, PluginError
from ui import labels
from ui.map import layer_data
from ui.map.bridge import to_js

log = logging.getLogger(__name__)

CONFIG_FILE = "layers.json"
MIN_REFRESH_S = 1.0
DEFAULT_COLOR = "#6a1b9a"
PROBLEMS_SHOWN = 3


def layer_key(c: Contribution) -> str:
    return f"plugin:{c.plugin_id}/{c.id}"


@dataclass
class PluginLayer:
    key: str
    contribution: Contribution
    generation: int
    options: dict[str, Any] = field(default_factory=dict)
    refresh_s: float | None = None
    timer: QTimer | None = None
    busy: bool = False
    stop_listening: Callable[[], None] | None = None
    data: layer_data.LayerData | None = None  # the last good data
    sent: str | None = None  # what the page was last given, to send only changes
    problem: str | None = None
    fetches: int = 0  # answers received (tests wait on it)


class _Worker:
    """One thread that runs layer functions in turn; stopped (and joined) at cleanup."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="zhijiu-map-layers", daemon=True)
        self.thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        self.jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            try:
                job()
            except Exception:  # a job reports its own failures; this is a bug of ours
                log.exception("map layer job failed")

    def stop(self, timeout: float = 5.0) -> None:
        self.jobs.put(None)
        self.thread.join(timeout)
        if self.thread.is_alive():
            log.warning("a plugin's map layer is still running after %g s; left behind", timeout)


class PluginLayers(QObject):
    """Keeps the page's plugin overlays in step with the loaded plugins (see the module)."""

    updated = Signal(str)  # layer key: its drawing or its problem changed
    _arrived = Signal(str, int, object)  # key, generation, LayerData | LayerUpdates | str (why)

    def __init__(self, dock: Any, service: Any) -> None:
        super().__init__(dock)
        self.dock = dock
        self.service = service
        self.bridge = dock.bridge
        self.layers: dict[str, PluginLayer] = {}
        self._generation = 0
        self._worker: _Worker | None = _Worker()
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        # queued: the host's listeners may run on a plugin's thread (PluginHost.report)
        service.changed.connect(self.sync, Qt.ConnectionType.QueuedConnection)
        self.bridge.ready.connect(self._send_all)
        dock.installEventFilter(self)
        self.sync()

    # ------------------------------------------------------------------ plugins come and go

    @Slot()
    def sync(self) -> None:
        if self._worker is None:
            return
        wanted = {layer_key(c): c for c in self.service.host.contributions("layers")}
        for key in [k for k in self.layers if k not in wanted]:
            self._drop(key)
        for key, c in wanted.items():
            if key not in self.layers:
                self._start(key, c)

    def _config(self, cid: str) -> dict[str, Any]:
        path = self.service.session.folder.path / CONFIG_FILE
        if not path.exists():
            return {}
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s is not readable JSON (%s): layers use their defaults", path, exc)
            return {}
        entry = doc.get(cid) if isinstance(doc, dict) else None
        return dict(entry) if isinstance(entry, dict) else {}

    def _start(self, key: str, c: Contribution) -> None:
        self._generation += 1
        options = self._config(c.id)
        refresh = options.pop("refresh_s", c.options.get("refresh_s"))
        layer = self.layers[key] = PluginLayer(key, c, self._generation, options)
        if isinstance(refresh, int | float) and not isinstance(refresh, bool) and refresh > 0:
            layer.refresh_s = max(float(refresh), MIN_REFRESH_S)
            layer.timer = QTimer(self)
            layer.timer.setInterval(int(layer.refresh_s * 1000))
            layer.timer.timeout.connect(lambda k=key: self.refresh(k))
            layer.timer.start()
        self.refresh(key)

    def _drop(self, key: str) -> None:
        layer = self.layers.pop(key)
        if layer.timer is not None:
            layer.timer.stop()
            layer.timer.deleteLater()
        if layer.stop_listening is not None:
            layer.stop_listening()
        if layer.sent is not None:
            self.bridge.call("removePluginLayer", key)
        if layer.problem is not None:  # a disabled plugin's layer has no problem any more
            self.service.host.report(layer.contribution.plugin_id, None)
        self.updated.emit(key)

    def refresh(self, key: str) -> bool:
        """Ask the layer's function for its data again (on its worker thread); False when it
        is still busy with the last call or pushes its own updates."""
        layer = self.layers.get(key)
        if layer is None or layer.busy or layer.stop_listening is not None or self._worker is None:
            return False
        host = self.service.host
        try:
            fn = host.resolve(layer.contribution)  # the import, here: the host is not thread-safe
        except PluginError as exc:  # kept on the plugin by the host; the manager shows it
            layer.problem = str(exc)
            layer.fetches += 1
            self.updated.emit(key)
            return False
        ctx = host.context(layer.contribution.plugin_id)
        layer.busy = True
        generation, options = layer.generation, dict(layer.options)

        def job() -> None:
            try:
                result = fn(ctx, **options)
                if _is_updates(result):
                    self._arrived.emit(key, generation, result)
                    return
                answer: Any = layer_data.shape(result)
            except Exception as exc:  # the plugin's failure, named; never the map's
                log.warning("map layer %s failed", key, exc_info=True)
                answer = _why(exc)
            self._arrived.emit(key, generation, answer)

        self._worker.submit(job)
        return True

    # ------------------------------------------------------------------ answers

    @Slot(str, int, object)
    def _on_arrived(self, key: str, generation: int, answer: Any) -> None:
        layer = self.layers.get(key)
        if _is_updates(answer):
            if layer is None or layer.generation != generation:
                return
            layer.busy = False
            layer.stop_listening = answer.listen(lambda data: self._pushed(key, generation, data))
            current = answer.current()
            if current is not None:
                self._pushed(key, generation, current)
            return
        if layer is None or layer.generation != generation:
            return  # the plugin went away meanwhile
        layer.busy = False
        layer.fetches += 1
        if isinstance(answer, layer_data.LayerData):
            layer.data = answer
            self._report(layer, "; ".join(answer.skipped[:PROBLEMS_SHOWN]) or None)
            self._send(layer)
        else:
            self._report(layer, str(answer))
        self.updated.emit(key)

    def _pushed(self, key: str, generation: int, data: Any) -> None:
        """A push from the plugin's thread: checked there, drawn on the GUI thread."""
        try:
            answer: Any = layer_data.shape(data)
        except Exception as exc:
            answer = _why(exc)
        self._arrived.emit(key, generation, answer)

    def _report(self, layer: PluginLayer, problem: str | None) -> None:
        title = layer.contribution.title_in(self.service.language())
        text = labels.arg(self.tr("map layer “%1”: %2"), title, problem) if problem else None
        layer.problem = text
        self.service.host.report(layer.contribution.plugin_id, text)

    # ------------------------------------------------------------------ the page

    def _spec(self, layer: PluginLayer) -> dict[str, Any]:
        """What the page is told about the layer besides its data."""
        c = layer.contribution
        data = layer.data
        assert data is not None
        style = {**layer_data.clean_style(c.options.get("style")), **data.style}
        return {"key": layer.key, "title": c.title_in(self.service.language()),
                "color": style.get("color", DEFAULT_COLOR), "kind": data.kind, "style": style,
                "visible": layer.key not in self.dock.settings.hidden_layers}

    def _words(self) -> dict[str, str]:
        return {"section": self.tr("Plugin layers")}

    def _send(self, layer: PluginLayer, *, again: bool = False) -> None:
        if layer.data is None:
            return
        spec = to_js(self._spec(layer))
        # the data's JSON was made on the worker thread: here only compared (a memcmp) and sent
        text = f"Object.assign({spec},{{data:{layer.data.js}}})"
        if text == layer.sent and not again:
            return  # the same data again (a file that did not change): nothing to redraw
        layer.sent = text
        self.bridge.eval(f"Zhijiu.setPluginLayer({text},{to_js(self._words())})")

    @Slot()
    def _send_all(self) -> None:
        """The page is (again) ready: it knows nothing of our layers."""
        for layer in self.layers.values():
            self._send(layer, again=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            for layer in self.layers.values():
                self._send(layer)  # the titles and the legend's heading, in the new language
        return False

    def cleanup(self) -> None:
        """Stop the timers, the listeners and the worker (the page is going away)."""
        with contextlib.suppress(RuntimeError, TypeError):  # the service may be gone first
            self.service.changed.disconnect(self.sync)
        self.dock.removeEventFilter(self)
        for key in list(self.layers):
            layer = self.layers.pop(key)
            if layer.timer is not None:
                layer.timer.stop()
            if layer.stop_listening is not None:
                layer.stop_listening()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None


def _is_updates(value: Any) -> bool:
    return callable(getattr(value, "listen", None)) and callable(getattr(value, "current", None))


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, layer_data.LayerDataError | OSError) or type(exc).__name__ == "InputError":
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
