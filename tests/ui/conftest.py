"""Fixtures for the window tests (pytest-qt), headless.

``QtWebEngineWidgets`` is imported here, at import time, because it must precede the
``QApplication`` that pytest-qt creates (``../shared/RECIPES.md``).

Fixtures
  post             a rear post (its own roster authority) in ``tmp_path`` with an operator and
                   data made through the services: two incidents, three teams, six tasks in
                   every state (one overdue), reports and duty-log entries.
  demo_post        a rear post with the demo scenario of ``app.services.demo`` loaded.
  forward_post     a forward post enrolled in that post's roster, holding the rear's ops, with a
                   task the rear issued to it.
  translations     Chinese installed for the test, removed afterwards.
  make_main_window a factory: ``make_main_window(post)`` gives a shown ``MainWindow``; at the end
                   every window is closed and cleaned up, and the test fails if a store listener,
                   a top-level widget or a thread was left behind (napari's ``make_napari_viewer``).
                   ``link=True`` also starts the post's sync engine as ``run_gui`` does (with the
                   short heartbeat of ``fast_engine`` and readings every 100 ms).
  linked           two posts on real sockets: the ``post`` fixture's rear post serving on a free
                   127.0.0.1 port (``RearNode``, stop and start it at will) and a forward post
                   enrolled through ``enroll.create_package`` / ``import_package`` pointing at it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import NamedTuple  # noqa: E402

import PySide6.QtWebEngineWidgets  # noqa: E402, F401  (before the QApplication exists)
import pytest  # noqa: E402
from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_scenario import (  # noqa: E402
    FAST_POLL_MS,
    HOUR_MS,
    OPERATOR,
    OTHER_OPERATOR,
    OTHER_PIN,
    PIN,
    Post,
    RearNode,
    enroll_forward,
    fast_engine,
    fill,
    sync,
)

from app.datadir import PostFolder  # noqa: E402
from app.services import common, tasks  # noqa: E402
from app.services.enroll import create_package, import_package  # noqa: E402
from app.services.posts import init_post  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.map.scheme import register_scheme  # noqa: E402

register_scheme()  # before the QApplication: the window holds the map dock


@pytest.fixture
def post(tmp_path: Path) -> Iterator[Post]:
    folder = init_post(tmp_path / "rear", name="重庆市防汛抗旱指挥部", role="rear", level="city")
    folder.set_operator(OPERATOR, PIN)
    folder.set_operator(OTHER_OPERATOR, OTHER_PIN)
    store = folder.open_store()
    p = Post(folder, store)
    fill(p)
    yield p
    store.close()


@pytest.fixture
def forward_post(post: Post, tmp_path: Path) -> Iterator[Post]:
    fwd = enroll_forward(post, tmp_path / "forward")
    fwd.tasks["to_forward"] = tasks.issue_task(
        post.store, OPERATOR, title="前方指挥部回传储奇门现场图像", assignee=fwd.post_id,
        assignee_kind="post", incident_id=post.incidents["flood"], priority="urgent",
        deadline=common.now_ms() + HOUR_MS,
    )
    sync(post.store, fwd.store)
    yield fwd
    fwd.store.close()


class Linked(NamedTuple):
    rear: Post  # the ``post`` fixture's rear post (the roster authority)
    node: RearNode  # its sync engine on 127.0.0.1
    forward: Post  # enrolled from ``package``, its peer: the node
    package: Path


@pytest.fixture
def linked(post: Post, tmp_path: Path, make_main_window: Callable[..., object]) -> Iterator[Linked]:
    """Two posts on real sockets. Depends on ``make_main_window`` so that it is torn down first:
    a rear engine restarted by the test is stopped before the thread check."""
    node = RearNode(post)
    node.start()
    package = tmp_path / "forward.pkg"
    create_package(post.folder, post.store, name="渝中区前方指挥部", role="forward", level="scene",
                   endpoint=node.endpoint, out=package, operator=OPERATOR)
    folder = PostFolder(tmp_path / "forward")
    import_package(package, folder)
    folder.set_operator(OPERATOR, PIN)
    store = folder.open_store()
    try:
        yield Linked(post, node, Post(folder, store, dict(post.incidents), dict(post.units)), package)
    finally:
        node.stop()
        store.close()


@pytest.fixture
def demo_post(tmp_path: Path) -> Iterator[Post]:
    """A rear post with the demo scenario (``zhijiu demo``) loaded."""
    from app.services.demo import load_demo

    folder = init_post(tmp_path / "demo", name="重庆市防汛抗旱指挥部", role="rear", level="city")
    folder.set_operator(OPERATOR, PIN)
    store = folder.open_store()
    load_demo(store)
    yield Post(folder, store)
    store.close()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    t = Translations()
    t.install("zh_CN")
    yield t
    t.remove()


# Process-wide pools that outlive any window (app/store/apply.py: signature checks; map tiles;
# ui/models/entity_table.py: the tables' reader of changed records).
LONG_LIVED_THREADS = ("verify", "zhijiu-tiles", "zhijiu-table-reader")


def _flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


@pytest.fixture
def make_main_window(qapp: QApplication, translations: Translations) -> Iterator[Callable[..., object]]:
    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.settings import UiSettings

    _flush_deletes()
    top_before = {id(w) for w in QApplication.topLevelWidgets()}
    threads_before: set[int | None] = set()
    made: list[tuple[MainWindow, Session, Post]] = []

    def factory(p: Post, *, operator: str = OPERATOR, show: bool = True,
                idle_ms: int | None = None, link: bool = False, listen: str | None = None,
                engine: Callable[..., SyncEngine] = fast_engine) -> MainWindow:
        if not made:  # after every fixture's set-up: what they started is theirs, not the window's
            threads_before.update(t.ident for t in threading.enumerate())
        session = Session(p.folder, p.store, operator)
        window = MainWindow(session, UiSettings(p.folder.path), translations)
        if idle_ms is not None:
            window.lock.set_idle_ms(idle_ms)
        made.append((window, session, p))
        if show:
            window.show()
        if link:  # as run_gui: once the window is up
            session.link.set_interval(FAST_POLL_MS)
            session.link.start(listen, factory=engine)
        return window

    yield factory

    # clean everything up first, then say what leaked (a half-done teardown crashes later tests)
    problems: list[str] = []
    changed = SIGNAL("changed(PyObject)")
    for window, session, _p in made:
        window.close()
        window.cleanup()
        # every view disconnected; only the session's own name book still listens
        if session.bridge.receivers(changed) != 1:
            problems.append(f"{session.bridge.receivers(changed) - 1} view(s) still listen to the store")
        session.cleanup()
        window.deleteLater()
        session.deleteLater()
    _flush_deletes()
    problems += [f"store listener left: {fn}" for _w, _s, p in made for fn in p.store._listeners]
    problems += [f"top-level widget left: {w!r}" for w in QApplication.topLevelWidgets()
                 if id(w) not in top_before]
    problems += [f"thread left running: {t!r}" for t in threading.enumerate()
                 if t.ident not in threads_before and not t.name.startswith(LONG_LIVED_THREADS)]
    assert not problems, "\n".join(problems)
