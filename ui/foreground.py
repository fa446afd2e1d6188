"""Tells ``app.foreground`` when the GUI thread is busy, so workers (a sync session applying a
peer's burst, the table reader) wait between their steps and a paint never queues for the
interpreter behind them.

Busy: a watched window takes an event — a top-level window paints all its widgets while handling
its ``UpdateRequest`` — or a model starts putting a burst's records in (it calls ``busy``). Idle:
the event loop is about to sleep. Only the windows are watched, not the whole application: a
Python filter on every object's events crashes PySide when one is half destroyed.

Every window's session starts a watch; the first one attaches the GUI thread, the last one to
stop detaches it (tests open several sessions in one process).
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from app.foreground import FOREGROUND


class ForegroundWatch(QObject):
    _running: ClassVar[int] = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watched: list[QWidget] = []
        self._dispatcher = QAbstractEventDispatcher.instance()
        self._on = self._dispatcher is not None
        if not self._on:
            return
        if ForegroundWatch._running == 0:
            FOREGROUND.attach()
        ForegroundWatch._running += 1
        self._dispatcher.aboutToBlock.connect(self._idle)

    def watch(self, window: QWidget) -> None:
        """Count ``window``'s events (its paints above all) as the GUI thread's work."""
        if self._on:
            window.installEventFilter(self)
            self._watched.append(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        FOREGROUND.busy()
        return False

    @Slot()
    def _idle(self) -> None:
        FOREGROUND.idle()

    def stop(self) -> None:
        """Safe to call twice."""
        if not self._on:
            return
        self._on = False
        for window in self._watched:
            with contextlib.suppress(RuntimeError):  # closed and deleted already
                window.removeEventFilter(self)
        self._watched.clear()
        self._dispatcher.aboutToBlock.disconnect(self._idle)
        ForegroundWatch._running -= 1
        if ForegroundWatch._running == 0:
            FOREGROUND.detach()
