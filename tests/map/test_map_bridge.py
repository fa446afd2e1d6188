"""The Python ⇄ page bridge on a real page: calls wait until the page is ready, late callbacks
are dropped once the view is gone, a burst of changes from a sync thread is one diff, and a page
that loads again (a crashed web process) is given the whole picture again."""

from __future__ import annotations

import json
import threading

from map_scenario import EXPECTED, OPERATOR, fill_map, pump_until, run_js
from PySide6.QtWebEngineCore import QWebEnginePage

from app.services import common


def js(dock, script: str):
    text = run_js(dock.page, f"JSON.stringify(eval({json.dumps(script)}))")
    return json.loads(text) if isinstance(text, str) and text else None


def test_calls_before_the_page_is_ready_are_queued(make_map_dock, new_post, qtbot) -> None:
    post = new_post()
    fill_map(post)
    dock = make_map_dock(post, wait=False)
    assert not dock.bridge.is_ready
    dock.set_night(True)  # before the page exists: queued, not lost
    assert dock.select("unit", post.ids["unit"]) is False  # not drawn yet, but remembered
    results: list[object] = []
    dock.bridge.eval("Zhijiu.count('units')", results.append)
    qtbot.waitUntil(lambda: dock.bridge.is_ready and bool(results), timeout=30_000)
    assert results == [1]  # the queue ran after the full picture
    assert js(dock, "document.body.classList.contains('zj-night')") is True
    assert js(dock, "Zhijiu.selectedId()") == f"unit:{post.ids['unit']}"


def test_late_callbacks_are_dropped_when_the_view_is_gone(make_map_dock, new_post) -> None:
    dock = make_map_dock(new_post())
    called: list[object] = []
    dock.bridge.eval("1 + 1", called.append)
    dock.bridge.cleanup()  # the dock is going away before the page answered
    pump_until(lambda: False, 300)
    assert called == []
    dock.bridge.eval("1 + 1", called.append)  # and nothing is sent any more
    pump_until(lambda: False, 200)
    assert called == []


def test_a_sync_burst_is_one_diff(make_map_dock, new_post, qtbot) -> None:
    post = new_post()
    fill_map(post)
    dock = make_map_dock(post)
    bridge = dock.bridge
    seq = bridge.seq
    made: list[str] = []

    def sync_thread() -> None:  # like a peer session applying a batch after a reconnection
        for i in range(40):
            made.append(common.create(post.store, "远程", "feature", {
                "symbol": "hazard", "name": f"同步险情{i}", "level": "general",
                "geom": common.point(106.50 + i / 500, 29.50)}))

    worker = threading.Thread(target=sync_thread, name="test-sync")
    worker.start()
    worker.join(30)  # the GUI thread is blocked meanwhile: everything arrives at once
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.count('hazards')") == EXPECTED["hazards"] + 40)
    assert bridge.seq == seq + 1
    assert js(dock, "Zhijiu.loads") == 1


def test_a_reloaded_page_gets_everything_again(make_map_dock, new_post, qtbot) -> None:
    post = new_post()
    fill_map(post)
    dock = make_map_dock(post)
    assert dock.bridge.ready_count == 1
    dock.set_night(True)
    dock.page.triggerAction(QWebEnginePage.WebAction.Reload)  # what a crashed web process leads to
    qtbot.waitUntil(lambda: dock.bridge.ready_count == 2, timeout=30_000)
    assert js(dock, "Zhijiu.loads") == 2
    for layer, n in EXPECTED.items():
        assert js(dock, f"Zhijiu.count('{layer}')") == n, layer
    assert js(dock, "document.body.classList.contains('zj-night')") is True  # settings too
    eid = common.create(post.store, OPERATOR, "feature", {
        "symbol": "depot", "name": "重载后新增储备库", "geom": common.point(106.55, 29.56)})
    qtbot.waitUntil(lambda: js(dock, f"Zhijiu.item('feature:{eid}') !== null"))


def test_an_empty_post_shows_an_empty_map(make_map_dock, new_post) -> None:
    dock = make_map_dock(new_post())
    assert js(dock, "Zhijiu.count()") == 0
    assert js(dock, "Zhijiu.errorsSoFar()") == []
    assert dock.bridge.seq == 0  # nothing to send, nothing sent
