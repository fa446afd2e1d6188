"""Fixtures for the map tests: the real page in a real ``QWebEngineView``, headless (offscreen).

``register_scheme()`` and the ``QtWebEngineWidgets`` import happen here at import time: both must
precede the ``QApplication`` pytest-qt creates (``../shared/RECIPES.md``).

Fixtures
  map_post     (module)   a rear post in a temporary folder with one record on every layer
                          (``map_scenario.fill_map``).
  map_dock     (module)   a shown ``MapDock`` over that post, its page loaded and showing the
                          store; one page per test module, so the module's tests share it.
                          At the end the dock is cleaned up and the test fails if the page
                          asked for anything outside ``zhijiu:``/``qrc:``/``data:``/``blob:``,
                          if a store listener or a thread was left behind.
  make_map_dock           a factory for a dock over any post (its own page), same checks.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import json  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import PySide6.QtWebEngineWidgets  # noqa: E402, F401  (before the QApplication exists)
import pytest  # noqa: E402
from map_scenario import OPERATOR, PIN, MapPost, fill_map, pump_until, run_js  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.services.posts import init_post  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.map.scheme import install, register_scheme  # noqa: E402

register_scheme()  # before the QApplication

LONG_LIVED_THREADS = ("verify", "zhijiu-tiles")  # process-wide pools (store signatures, tiles)


def _flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


@pytest.fixture(scope="module")
def map_translations(qapp: QApplication) -> Iterator[Translations]:
    t = Translations()
    t.install("zh_CN")
    yield t
    t.remove()


def _make_post(root: Path, name: str = "重庆市防汛抗旱指挥部") -> MapPost:
    folder = init_post(root, name=name, role="rear", level="city")
    folder.set_operator(OPERATOR, PIN)
    return MapPost(folder, folder.open_store())


@pytest.fixture(scope="module")
def map_post(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MapPost]:
    post = _make_post(tmp_path_factory.mktemp("map") / "rear")
    fill_map(post)
    yield post
    post.store.close()


class DockFactory:
    """Makes docks, and at the end closes them and says what leaked."""

    def __init__(self) -> None:
        self.made: list[tuple[object, object, MapPost]] = []
        self.threads_before = {t.ident for t in threading.enumerate()}
        self.guard = install().guard
        self.blocked_before = len(self.guard.blocked)

    def __call__(self, post: MapPost, *, size: tuple[int, int] = (1100, 760), wait: bool = True):
        from ui.docks.map import MapDock
        from ui.session import Session

        session = Session(post.folder, post.store, OPERATOR)
        dock = MapDock(session)
        dock.resize(*size)
        dock.show()
        self.made.append((dock, session, post))
        if wait:
            assert pump_until(lambda: dock.bridge.is_ready, 30_000), "the map page did not become ready"
            run_js(dock.page, "Zhijiu.applied")  # after the configuration and the full picture
        return dock

    def close(self) -> None:
        problems: list[str] = []
        for dock, _session, _post in self.made:
            if dock.bridge.is_ready:  # a script error in the page fails the test that caused it
                errors = run_js(dock.page, "JSON.stringify(Zhijiu.errorsSoFar())")
                problems += [f"error in the map page: {e}" for e in json.loads(errors or "[]")]
        for dock, session, _post in self.made:
            dock.cleanup()
            dock.close()
            session.cleanup()
            dock.deleteLater()
            session.deleteLater()
        _flush_deletes()
        problems += [f"store listener left: {fn}" for _d, _s, p in self.made for fn in p.store._listeners]
        problems += [f"thread left running: {t!r}" for t in threading.enumerate()
                     if t.ident not in self.threads_before and not t.name.startswith(LONG_LIVED_THREADS)]
        problems += [f"non-local request from the page: {url}"
                     for url in self.guard.blocked[self.blocked_before:]]
        assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def map_dock(qapp: QApplication, map_translations: Translations, map_post: MapPost) -> Iterator[object]:
    factory = DockFactory()
    dock = factory(map_post)
    yield dock
    factory.close()


@pytest.fixture
def make_map_dock(qapp: QApplication, map_translations: Translations) -> Iterator[Callable[..., object]]:
    factory = DockFactory()
    yield factory
    factory.close()


@pytest.fixture
def new_post(tmp_path: Path) -> Iterator[Callable[..., MapPost]]:
    """A factory of empty rear posts in ``tmp_path``."""
    made: list[MapPost] = []

    def factory(name: str = "post") -> MapPost:
        post = _make_post(tmp_path / name)
        made.append(post)
        return post

    yield factory
    for post in made:
        post.store.close()
