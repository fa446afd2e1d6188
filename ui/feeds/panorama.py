"""Stitching a panorama off the GUI thread through the panorama plugin.

``stitch(...)`` is the one function the window calls into ``plugins.panorama``; when the plugin
API lands it registers the same entry point. ``PanoramaJob`` runs it on a worker thread and
reports progress, the result or the failure through queued signals; ``cancel()`` sets the flag
the plugin polls between its steps.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal


def stitch(paths: list[Path], out: Path, progress: Any, cancelled: Any, mode: str = "auto") -> Path:
    from plugins.panorama import stitch_panorama

    return stitch_panorama(paths, progress, cancelled, out=out, mode=mode)


class PanoramaJob(QThread):
    progressed = Signal(int)  # percent
    finishedOk = Signal(str)  # the panorama file
    failed = Signal(str, str)  # code, message

    def __init__(self, paths: list[Path], out: Path, parent: Any = None, mode: str = "auto") -> None:
        super().__init__(parent)
        self.paths, self.out, self.mode = paths, out, mode
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            done = stitch(self.paths, self.out, lambda f, _step: self.progressed.emit(int(f * 100)),
                          self._cancel.is_set, self.mode)
        except Exception as exc:  # the plugin's failure is the operator's news, never a crash
            self.failed.emit(str(getattr(exc, "code", "failed")), str(exc))
            return
        self.finishedOk.emit(str(done))
