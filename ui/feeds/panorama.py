"""Stitching a panorama off the GUI thread through the panorama plugin.

The stitcher is the panorama plugin's ``media_actions`` contribution, found through the plugin
host by whoever owns it (the window: ``FeedsDock.find_stitcher``); ``builtin_stitcher`` imports
the built-in plugin directly, for a dock without a window. ``PanoramaJob`` runs the stitcher on a
worker thread and reports progress, the result or the failure through queued signals;
``cancel()`` sets the flag the plugin polls between its steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

Stitcher = Callable[..., Any]  # (paths, progress, cancelled, *, out, mode) -> Path


def builtin_stitcher() -> Stitcher | None:
    from plugins.panorama import stitch_panorama

    return stitch_panorama


class PanoramaJob(QThread):
    progressed = Signal(int)  # percent
    finishedOk = Signal(str)  # the panorama file
    failed = Signal(str, str)  # code, message

    def __init__(self, stitcher: Stitcher, paths: list[Path], out: Path, parent: Any = None,
                 mode: str = "auto") -> None:
        super().__init__(parent)
        self.stitcher, self.paths, self.out, self.mode = stitcher, paths, out, mode
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            done = self.stitcher(self.paths, lambda f, _step: self.progressed.emit(int(f * 100)),
                                 self._cancel.is_set, out=self.out, mode=self.mode)
        except Exception as exc:  # the plugin's failure is the operator's news, never a crash
            self.failed.emit(str(getattr(exc, "code", "failed")), str(exc))
            return
        self.finishedOk.emit(str(done))
