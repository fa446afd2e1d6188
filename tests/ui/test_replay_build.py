"""The replay (复盘) checkpoints are made on a worker thread: the bar shows the progress and a
stop button, the slider stays usable meanwhile, and every moment shown is the full replay's."""

from __future__ import annotations

from ui_scenario import Post

from app.ops import hlc_of_ms
from app.store import checkpoints
from app.store.replay import state_at


def _true(replay, store) -> bool:
    at = hlc_of_ms(replay.at_ms, 0xFFFF)
    return replay.moment is not None and replay.moment.state.dump() == state_at(store, at).dump()


def test_checkpoints_build_on_a_worker_with_progress_and_stop(
    make_main_window, demo_post: Post, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(checkpoints, "EVERY", 20)
    monkeypatch.setattr(checkpoints, "STEP", 5)
    window = make_main_window(demo_post)
    replay, bar = window.board_dock.replay, window.board_dock.replay_bar
    seen: list[tuple[int, int]] = []
    replay.buildProgress.connect(lambda made, total: seen.append((made, total)))

    # the GUI thread holds the index while the worker starts: the worker waits at its first
    # step, so what the window does meanwhile is what it does during a long build
    with replay.index._lock:
        replay.enter()
        assert replay.building and bar.build_progress.isVisible() and bar.build_stop.isVisible()
        assert replay.index.checkpoint_count() == 0
        middle = (replay.start_ms + replay.end_ms) // 2
        bar.slider.setValue((middle - replay.start_ms) // 1000)  # the slider still moves
        qtbot.waitUntil(lambda: abs(replay.at_ms - middle) < 1000)
        assert _true(replay, demo_post.store)
        bar.build_stop.click()  # the worker stops before its first checkpoint
    qtbot.waitUntil(lambda: not replay.building)
    assert not bar.build_progress.isVisible() and not bar.build_stop.isVisible()
    assert replay.index.checkpoint_count() == 0
    replay.seek(replay.start_ms + (replay.end_ms - replay.start_ms) // 3)
    assert _true(replay, demo_post.store)

    replay.leave()  # a new replay builds again, to the end this time
    seen.clear()
    replay.enter()
    qtbot.waitUntil(lambda: not replay.building, timeout=60_000)
    made, total = seen[-1]
    assert made == total == replay.index.checkpoint_count() > 3
    for part in (5, 2, 1.25):
        replay.seek(replay.start_ms + int((replay.end_ms - replay.start_ms) / part))
        assert _true(replay, demo_post.store)
    assert not bar.build_progress.isVisible()
