"""Fixtures for the plugin tests.

  rear         a rear post (roster authority) in ``tmp_path``: its folder and open store.
  ctx          a ``PluginContext`` on that post, as the plugin host gives one to a plugin.
  host_for     ``host_for(folders=…)``: a ``PluginHost`` on that post (built-ins, extra folders),
               unloaded at the end.

(``wait_until``, a bounded wait for a condition, is in ``tests/waiting.py``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from app.datadir import PostFolder
from app.plugin_host import PluginHost
from app.services.posts import init_post
from app.store.store import Store
from plugins.api import PluginContext

OPERATOR = "测试员"


class Rear(NamedTuple):
    folder: PostFolder
    store: Store
    post_id: str


@pytest.fixture
def rear(tmp_path: Path) -> Iterator[Rear]:
    folder = init_post(tmp_path / "rear", name="市指挥中心", role="rear", level="city")
    store = folder.open_store()
    assert store.identity is not None
    try:
        yield Rear(folder, store, store.identity.post_id)
    finally:
        store.close()


@pytest.fixture
def ctx(rear: Rear) -> PluginContext:
    return PluginContext(store=rear.store, operator=OPERATOR, post_id=rear.post_id,
                         data_dir=rear.folder.path)


@pytest.fixture
def host_for(rear: Rear) -> Iterator[Callable[..., PluginHost]]:
    hosts: list[PluginHost] = []

    def make(**kwargs: Any) -> PluginHost:
        def context(plugin_id: str) -> PluginContext:
            return PluginContext(store=rear.store, operator=OPERATOR, post_id=rear.post_id,
                                 data_dir=rear.folder.path)

        kwargs.setdefault("entry_points", False)
        host = PluginHost(context, settings_dir=rear.folder.path, **kwargs)
        hosts.append(host)
        return host

    yield make
    for h in hosts:
        h.unload_all()
