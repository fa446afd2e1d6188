"""Making the replay (复盘) checkpoints on a worker thread: seconds of work at 100,000 ops that
must not freeze the window.

The pattern of Orange's ``TaskState``: the worker only calls ``ReplayIndex.build`` and emits
signals; ``progress`` and ``finished`` reach the GUI thread as queued signals, and ``cancel``
sets a flag the build reads between two checkpoints (what it made stays and serves jumps).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from app.store.checkpoints import ReplayIndex

log = logging.getLogger(__name__)


class IndexBuild(QObject):
    progress = Signal(int, int)  # checkpoints made, checkpoints to make
    finished = Signal(bool)  # True: every checkpoint made; False: cancelled or failed

    def __init__(self, index: ReplayIndex, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="replay-build", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker (it stops at the next checkpoint once cancelled)."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            done = self.index.build(
                progress=lambda made, total: self.progress.emit(made, total),
                cancelled=self._cancel.is_set,
            )
        except Exception:  # the jumps still work without checkpoints: say so, never crash
            log.exception("making the replay checkpoints failed")
            done = False
        self.finished.emit(done)
