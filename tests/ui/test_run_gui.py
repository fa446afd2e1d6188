"""``run_gui`` end to end: sign in, the window in the remembered language, a clean exit — and a
clear message, not a traceback, when the post is already open elsewhere."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_scenario import PIN, Post

from ui.app import run_gui
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.signin import SignInDialog

# run_gui ends in app.exec(): once per process with QtWebEngine (the map), as in the real app
pytestmark = pytest.mark.own_process


@pytest.fixture
def drive(qapp: QApplication) -> Iterator[Callable[[Callable[[], bool]], None]]:
    """Run steps from the event loop while ``run_gui`` blocks in ``exec``: each step returns
    True when done (else it is retried); a watchdog ends a hung loop."""
    timers: list[QTimer] = []
    handlers = list(logging.getLogger().handlers)

    def start(*steps: Callable[[], bool]) -> None:
        pending = list(steps)

        def tick() -> None:
            while pending and pending[0]():
                pending.pop(0)
            if not pending:
                timer.stop()

        timer = QTimer()
        timer.setInterval(30)
        timer.timeout.connect(tick)
        timer.start()
        timers.append(timer)
        watchdog = QTimer()
        watchdog.setSingleShot(True)
        watchdog.timeout.connect(lambda: (QApplication.closeAllWindows(), qapp.exit(99)))
        watchdog.start(20_000)
        timers.append(watchdog)

    yield start
    for t in timers:
        t.stop()
    for h in logging.getLogger().handlers:  # the post's log file handler, added by run_gui
        if h not in handlers:
            logging.getLogger().removeHandler(h)
            h.close()


def test_run_gui_signs_in_shows_the_window_and_exits_cleanly(drive, post: Post) -> None:
    UiSettings(post.folder.path).language = "en"
    seen: dict[str, object] = {}

    def sign_in() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            return False
        seen["dialog_title"] = dialog.windowTitle()
        dialog.pin.setText(PIN)
        dialog.accept()
        return True

    def look_and_close() -> bool:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            return False
        window = windows[0]
        seen["title"] = window.windowTitle()
        seen["tasks"] = window.tasks_dock.model.rowCount()
        window.close()
        return True

    drive(sign_in, look_and_close)
    assert run_gui(post.folder) == 0
    assert seen == {
        "dialog_title": "Sign in — Zhijiu Command Post",
        "title": "Zhijiu Command Post — 重庆市防汛抗旱指挥部",
        "tasks": 6,
    }
    post.folder.lock()  # released on exit
    post.folder.unlock()


def test_run_gui_says_when_the_post_is_open_elsewhere(drive, post: Post) -> None:
    seen: list[str] = []

    def read_and_close() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        box.close()
        return True

    post.folder.lock()
    try:
        drive(read_and_close)
        assert run_gui(post.folder, lang="zh_CN") == 1
    finally:
        post.folder.unlock()
    assert seen and seen[0].startswith("该指挥所已在另一个窗口或节点中打开。")


def test_run_gui_runs_the_sync_engine_while_the_window_is_open(drive, post: Post) -> None:
    seen: dict[str, object] = {}

    def sign_in() -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            return False
        dialog.pin.setText(PIN)
        dialog.accept()
        return True

    def look_and_close() -> bool:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not windows[0].session.link.status.running:
            return False
        window = windows[0]
        seen["listening"] = window.session.link.status.listening
        seen["threads"] = [t.name for t in threading.enumerate() if t.name == "zhijiu-sync"]
        window.close()
        return True

    drive(sign_in, look_and_close)
    assert run_gui(post.folder, lang="zh_CN", listen="tcp://127.0.0.1:*") == 0
    assert str(seen["listening"]).startswith("tcp://127.0.0.1:")
    assert seen["threads"] == ["zhijiu-sync"]
    assert not [t for t in threading.enumerate() if t.name == "zhijiu-sync"]  # stopped on exit
