"""The window's side of the plugins: the host on this post, its feeds and its docks.

Plugins are found in the built-in folder, in the post's own ``plugins/`` folder, in the folders
of ``ZHIJIU_PLUGIN_PATH`` (separated like PATH) and through the ``zhijiu.plugins`` entry points.
A plugin that fails is named in the plugin manager with its error (and in the log); the window
starts all the same. Feeds a post wants running (its ``feeds.json``) are run by
``app.feeds.FeedRunner``, as ``zhijiu serve`` runs them. A dock a plugin contributes is made when the person asks
for it (plugin manager, "Show") and removed when its plugin is unloaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from app.feeds import FeedRunner, plugin_folders
from app.plugin_host import Contribution, PluginError, PluginHost
from plugins.api import PluginContext
from ui.session import Session

log = logging.getLogger(__name__)


class PluginService(QObject):
    changed = Signal()  # plugins found, loaded, unloaded or failed

    def __init__(self, session: Session, window: QMainWindow | None = None) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.host = PluginHost(self._context, folders=plugin_folders(session.folder.path),
                               settings_dir=session.folder.path)
        self.language: Callable[[], str] = lambda: "zh_CN"  # the menu sets the window's
        self.runner = FeedRunner(self.host, session.folder.path)
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
        self.changed.emit()

    def _loaded(self, plugin_id: str) -> bool:
        info = self.host.plugins.get(plugin_id)
        return bool(info and info.loaded)

    # ------------------------------------------------------------------ feeds

    @property
    def feeds(self) -> dict[str, Any]:
        return self.runner.feeds

    def start_feeds(self) -> None:
        if self.runner.start():
            self.changed.emit()  # the manager shows why

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
        self.runner.close()
        self.host.unsubscribe(self._on_host_changed)
        for key in list(self.docks):
            self._remove_dock(key)
