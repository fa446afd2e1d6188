"""The store → Qt bridge: results from any thread arrive on the GUI thread, bursts coalesce, and
cleanup stops the listening."""

from __future__ import annotations

import threading

from ui_scenario import OPERATOR, Post

from app.services import common
from ui.bridge import StoreBridge


def test_local_writes_arrive_at_once(qapp, post: Post) -> None:
    bridge = StoreBridge(post.store)
    got = []
    bridge.changed.connect(got.append)
    try:
        eid = common.create(post.store, OPERATOR, "log", {"text": "测试", "category": "duty"})
        assert len(got) == 1 and ("log", eid) in got[0].changed  # before write() returned
    finally:
        bridge.cleanup()


def test_worker_results_arrive_on_the_gui_thread_coalesced(qapp, qtbot, post: Post) -> None:
    bridge = StoreBridge(post.store)
    got: list[tuple[set, threading.Thread]] = []
    bridge.changed.connect(lambda r: got.append((set(r.changed), threading.current_thread())))
    made: list[str] = []

    def worker() -> None:
        for i in range(20):
            made.append(common.create(post.store, "远程", "log", {"text": f"第{i}条", "category": "duty"}))

    try:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join(10)  # the GUI thread is blocked meanwhile: nothing can be delivered yet
        assert got == []
        qtbot.waitUntil(lambda: bool(got))
        assert len(got) == 1  # twenty results, one delivery
        changed, on = got[0]
        assert {("log", e) for e in made} <= changed
        assert on is threading.main_thread()
    finally:
        bridge.cleanup()


def test_cleanup_unsubscribes(qapp, post: Post) -> None:
    bridge = StoreBridge(post.store)
    got = []
    bridge.changed.connect(got.append)
    bridge.cleanup()
    bridge.cleanup()  # twice is fine
    common.create(post.store, OPERATOR, "log", {"text": "无人收听", "category": "duty"})
    assert got == []
    assert bridge._on_store_change not in post.store._listeners
