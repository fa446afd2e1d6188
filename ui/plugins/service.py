"""The window's side of the plugins: the host on this post, its feeds and its docks.

Plugins are found in the built-in folder, in the post's own ``plugins/`` folder, in the folders
of ``ZHIJIU_PLUGIN_PATH`` (separated like PATH) and through the ``zhijiu.plugins`` entry points.
A plugin that fails is named in the plugin manager with its error (and in the log); the window
starts all the same. Feeds a post wants running are listed in its ``feeds.json``::

    {"tak": {"multicast": "239.2.3.1:6969", "listen": "0.0.0.0:8087"},
     "cap-feed": {"url": "https://…/feed.atom", "interval_s": 300}}

and start when their plugin is loaded. A dock a plugin contributes is made when the person asks
for it (plugin manager, "Show") and removed when its plugin is unloaded.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from app.plugin_host import Contribution, PluginError, PluginHost
from plugins.api import PluginContext
from ui.session import Session

log = logging.getLogger(__name__)

PATH_ENV = "ZHIJIU_PLUGIN_PATH"
FEEDS_FILE = "feeds.json"


class PluginService(QObject):
    changed = Signal()  # plugins found, loaded, unloaded or failed

    def __init__(self, session: Session, window: QMainWindow | None = None) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        folders = [session.folder.path / "plugins"]
        folders += [p for p in os.environ.get(PATH_ENV, "").split(os.pathsep) if p]
        from pathlib import Path

        self.host = PluginHost(self._context, folders=[Path(f) for f in folders],
                               settings_dir=session.folder.path)
        self.language: Callable[[], str] = lambda: "zh_CN"  # the menu sets the window's
        self.feeds: dict[str, Any] = {}
        self.docks: dict[tuple[str, str], QDockWidget] = {}
        self.host.subscribe(self._on_host_changed)
        self.host.discover()
        self.host.load_enabled()
        self.start_feeds()

    def _context(self, plugin_id: str) -> PluginContext:
        return PluginContext(store=self.session.store, operator=self.session.operator,
                             post_id=self.session.post_id, data_dir=self.session.folder.path,
                             log=logging.getLogger(f"plugins.{plugin_id}"))

    def _on_host_changed(self) -> None:
        for key in [k for k in self.docks if not self._loaded(k[0])]:
            self._remove_dock(key)
        for key in [k for k in self.feeds if not self._loaded(k.split("/")[0])]:
            self.feeds.pop(key)  # the plugin's unload stopped it (ctx.on_unload)
        self.changed.emit()

    def _loaded(self, plugin_id: str) -> bool:
        info = self.host.plugins.get(plugin_id)
        return bool(info and info.loaded)

    # ------------------------------------------------------------------ feeds

    def feed_config(self) -> dict[str, Any]:
        path = self.session.folder.path / FEEDS_FILE
        if not path.exists():
            return {}
        try:
            doc = json.loads(path.read_text("utf-8"))
            return doc if isinstance(doc, dict) else {}
        except (OSError, ValueError):
            log.warning("%s is not readable JSON: no feeds started", path)
            return {}

    def start_feeds(self) -> None:
        config = self.feed_config()
        for c in self.host.contributions("feeds"):
            key = f"{c.plugin_id}/{c.id}"
            if c.id not in config or key in self.feeds:
                continue
            options = config[c.id] if isinstance(config[c.id], dict) else {}
            try:
                self.feeds[key] = self.host.call(c, **options)
            except (PluginError, TypeError, OSError, ValueError) as exc:
                info = self.host.plugins[c.plugin_id]
                info.error = f"feed {c.id}: {exc}"
                log.warning("feed %s did not start: %s", key, exc)
                self.changed.emit()

    def set_enabled(self, key: str, enabled: bool) -> bool:
        ok = self.host.set_enabled(key, enabled)
        if enabled and ok:
            self.start_feeds()
        return ok

    # ------------------------------------------------------------------ docks

    def show_dock(self, contribution: Contribution) -> QDockWidget | None:
        key = (contribution.plugin_id, contribution.id)
        if key in self.docks:
            self.docks[key].show()
            self.docks[key].raise_()
            return self.docks[key]
        try:
            widget = self.host.call(contribution, self.window)
        except PluginError:
            self.changed.emit()
            return None
        if not isinstance(widget, QWidget):
            return None
        dock = QDockWidget(contribution.title_in(self.language()), self.window)
        dock.setObjectName(f"plugin_{contribution.plugin_id}_{contribution.id}")
        dock.setWidget(widget)
        if self.window is not None:
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.docks[key] = dock
        dock.show()
        return dock

    def _remove_dock(self, key: tuple[str, str]) -> None:
        dock = self.docks.pop(key)
        if self.window is not None:
            self.window.removeDockWidget(dock)
        dock.close()
        dock.deleteLater()

    def cleanup(self) -> None:
        """Unload every plugin (stops their feeds and threads); before the store closes."""
        self.host.unload_all()
        self.host.unsubscribe(self._on_host_changed)
        for key in list(self.docks):
            self._remove_dock(key)
