"""Running a post's feeds — the plugins' ``feeds`` contributions (the TAK bridge, a CAP feed) —
one way for the window and for the headless ``serve``.

Which feeds run is the post's ``feeds.json``, one entry per feed id with its options::

    {"tak": {"multicast": "239.2.3.1:6969", "listen": "0.0.0.0:8087"},
     "cap-feed": {"url": "https://…/feed.atom", "interval_s": 300}}

A feed starts when its plugin is loaded and stops with it (the plugin's ``ctx.on_unload``). A
feed that cannot start — a port in use, an option it does not know, a plugin that crashes — is
logged and kept as its plugin's error (the plugin manager shows it); the others start, and the
window or the node goes on.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from app.plugin_host import PluginError, PluginHost
from app.store.store import Store
from plugins.api import PluginContext

log = logging.getLogger(__name__)

PATH_ENV = "ZHIJIU_PLUGIN_PATH"
FEEDS_FILE = "feeds.json"


def plugin_folders(post_path: Path) -> list[Path]:
    """Where a post's own plugins live: its ``plugins/`` folder, then ``ZHIJIU_PLUGIN_PATH``."""
    extra = [Path(p) for p in os.environ.get(PATH_ENV, "").split(os.pathsep) if p]
    return [post_path / "plugins", *extra]


def post_host(post_path: Path, store: Store, operator: str) -> PluginHost:
    """A plugin host on this post (built-ins, the post's folders, entry points), its enabled
    plugins loaded."""
    assert store.identity is not None
    post_id = store.identity.post_id

    def context(plugin_id: str) -> PluginContext:
        return PluginContext(store=store, operator=operator, post_id=post_id, data_dir=post_path,
                             log=logging.getLogger(f"plugins.{plugin_id}"))

    host = PluginHost(context, folders=plugin_folders(post_path), settings_dir=post_path)
    host.discover()
    host.load_enabled()
    return host


def feed_config(post_path: Path) -> dict[str, Any]:
    """The post's ``feeds.json`` (nothing when it is missing or unreadable, which is logged)."""
    path = post_path / FEEDS_FILE
    if not path.exists():
        return {}
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        log.warning("%s is not readable JSON: no feeds started", path)
        return {}
    if not isinstance(doc, dict):
        log.warning("%s is not a JSON object: no feeds started", path)
        return {}
    return doc


class FeedRunner:
    """Starts the configured feeds of the loaded plugins and keeps what each one returned."""

    def __init__(self, host: PluginHost, post_path: Path) -> None:
        self.host = host
        self.post_path = post_path
        self.feeds: dict[str, Any] = {}  # "plugin/feed" -> what its factory returned
        self.failed: dict[str, str] = {}  # "plugin/feed" -> why it did not start
        host.subscribe(self._forget_unloaded)

    def start(self) -> list[str]:
        """Start every configured feed not running yet; the keys of those that failed."""
        config = feed_config(self.post_path)
        failed = []
        for c in self.host.contributions("feeds"):
            key = f"{c.plugin_id}/{c.id}"
            if c.id not in config or key in self.feeds:
                continue
            options = config[c.id] if isinstance(config[c.id], dict) else {}
            try:
                self.feeds[key] = self.host.call(c, **options)
            except Exception as exc:  # whatever the plugin raised: named, logged, the rest go on
                reason = str(exc) if isinstance(exc, PluginError) else f"{type(exc).__name__}: {exc}"
                self.failed[key] = reason
                info = self.host.plugins[c.plugin_id]
                info.error = f"feed {c.id}: {reason}"
                log.warning("feed %s did not start: %s", key, reason)
                failed.append(key)
                continue
            self.failed.pop(key, None)
            log.info("feed %s started", key)
        return failed

    def _forget_unloaded(self) -> None:
        for key in list(self.feeds):
            info = self.host.plugins.get(key.split("/")[0])
            if not (info and info.loaded):
                self.feeds.pop(key)  # its plugin's unload stopped it (ctx.on_unload)

    def stop(self) -> None:
        """Stop every feed: unload the plugins that run one (their cleanups stop threads and
        sockets); a cleanup that fails is logged, the others still run."""
        for plugin_id in sorted({key.split("/")[0] for key in self.feeds}):
            try:
                self.host.unload(plugin_id)
            except Exception:
                log.exception("stopping the feeds of plugin %s failed", plugin_id)
        self.feeds.clear()

    def close(self) -> None:
        self.host.unsubscribe(self._forget_unloaded)
