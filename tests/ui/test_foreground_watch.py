"""The window's session marks the GUI thread busy while a watched window handles events and idle
when the loop sleeps (ui.foreground), so a sync burst's applying thread waits while the board
paints."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from app.foreground import FOREGROUND
from tests.waiting import wait_until
from ui.session import Session

LONG = 600.0


def test_sessions_attach_the_gui_thread_until_the_last_one_stops(qtbot, post) -> None:
    folder, store = post.folder, post.store
    first, second = Session(folder, store, "值班员"), Session(folder, store, "值班员")
    try:
        assert FOREGROUND.attached
        first.cleanup()
        assert FOREGROUND.attached  # the other window still works
    finally:
        first.cleanup()  # twice: harmless
        second.cleanup()
    assert not FOREGROUND.attached and not FOREGROUND.is_busy


class _Window(QWidget):
    """Runs ``job`` when a user event reaches it (after the watch saw the event)."""

    def __init__(self, job) -> None:
        super().__init__()
        self.job = job

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.job()
            return True
        return super().event(event)


def test_a_worker_waits_while_a_window_handles_an_event_and_goes_on_when_the_loop_sleeps(
    qtbot, post, monkeypatch
) -> None:
    folder, store = post.folder, post.store
    session = Session(folder, store, "值班员")
    monkeypatch.setattr(FOREGROUND, "hold_s", LONG)  # only the loop going to sleep ends the wait
    done = threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        FOREGROUND.give_way()
        done.set()

    def handle_an_event() -> None:
        seen.append(FOREGROUND.is_busy)
        waits = FOREGROUND.waits
        threading.Thread(target=worker, daemon=True).start()
        wait_until(lambda: FOREGROUND.waits > waits, what="the worker to give way")
        seen.append(done.is_set())

    window = _Window(handle_an_event)
    session.foreground.watch(window)
    try:
        FOREGROUND.idle()
        QCoreApplication.postEvent(window, QEvent(QEvent.Type.User))
        qtbot.waitUntil(done.is_set)
        assert seen == [True, False]  # busy in the event, the worker waited until it ended
    finally:
        session.cleanup()
        window.deleteLater()
