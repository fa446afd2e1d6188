"""The replay (复盘) controller: which moment the window shows, and the play clock.

Docks subscribe to ``momentChanged``: it carries a ``Moment`` (the store as it was then, read
only) while replaying, and ``None`` when the window returns to live. The controller owns no
widgets; ``ui.replay.bar`` is its face. Moments come from the post's ``ReplayIndex``
(checkpoints plus the remainder of the op log), by HLC stamp: what had been done by then.

Marks are the moments orders went out (a task issued) and reports came in, for the slider.

The checkpoints are made on a worker thread (``ui.replay.build``) when replay starts and as ops
come in meanwhile; until they are, a jump replays from the newest checkpoint made so far (true,
only slower), and the bar shows the build's progress with a button to stop it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from sqlalchemy import func, select

from app.ops import decode, hlc_ms, hlc_of_ms
from app.store import models as m
from app.store.apply import ApplyResult
from app.store.checkpoints import ReplayIndex
from app.store.moment import Moment
from ui.replay.build import IndexBuild
from ui.session import Session

TICK_MS = 200  # how often the play clock moves the moment
SPEEDS = (60, 300, 900, 3600)  # replayed seconds per real second
MARK_KINDS = ("order", "report")


class ReplayController(QObject):
    momentChanged = Signal(object)  # Moment | None (live)
    activeChanged = Signal(bool)
    playingChanged = Signal(bool)
    rangeChanged = Signal()  # start, end or marks changed
    buildProgress = Signal(int, int)  # checkpoints made, to make (0 to make: not known yet)
    buildFinished = Signal(bool)  # True: all made; False: stopped or failed

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.index = ReplayIndex(session.store)  # this window's checkpoints, in memory
        self.active = False
        self.playing = False
        self.speed = SPEEDS[1]
        self.start_ms = 0
        self.end_ms = 0
        self.at_ms = 0
        self.moment: Moment | None = None
        self.marks: list[tuple[int, str]] = []  # (wall ms, "order" | "report")
        self.last_jump_s = 0.0  # how long the last moment took to rebuild (shown, tested)
        self.build: IndexBuild | None = None  # the worker making the checkpoints, while it runs
        self._build_stopped = False  # the operator stopped it: not again until replay restarts
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        session.bridge.changed.connect(self._on_store_changed)
        # first of all: the views that redraw on a new moment read its names from the book
        self.momentChanged.connect(session.names.show_moment)

    def cleanup(self) -> None:
        self._timer.stop()
        self.session.bridge.changed.disconnect(self._on_store_changed)
        if self.build is not None:
            self.build.cancel()
            self.build.finished.disconnect(self._on_build_finished)
            self.build.join()  # at most one checkpoint's work
            self.build = None
        self.index.close()

    # ------------------------------------------------------------------ the checkpoints

    @property
    def building(self) -> bool:
        return self.build is not None

    def start_build(self, *, announce: bool = False) -> None:
        """Make the missing checkpoints on the worker thread (nothing when one is running).
        ``announce``: show the bar's progress at once (replay starts), not only when the
        worker has checkpoints to make (ops coming in)."""
        if self.build is not None or self._build_stopped:
            return
        task = IndexBuild(self.index, self)
        queued = Qt.ConnectionType.QueuedConnection  # emitted on the worker thread
        task.progress.connect(self.buildProgress, queued)
        task.finished.connect(self._on_build_finished, queued)
        self.build = task
        if announce:
            self.buildProgress.emit(0, 0)
        task.start()

    def stop_build(self) -> None:
        """The operator stops the build: jumps replay from the checkpoints made so far."""
        if self.build is not None:
            self._build_stopped = True
            self.build.cancel()

    @Slot(bool)
    def _on_build_finished(self, done: bool) -> None:
        if self.build is None:
            return
        self.build.join()
        self.build.deleteLater()
        self.build = None
        self.buildFinished.emit(done)

    # ------------------------------------------------------------------ the incident's life

    def refresh_range(self) -> None:
        """Read the first and last stamps and the marks from the op log."""
        t = m.oplog
        with self.session.store.engine.connect() as c:
            first, last = c.execute(
                select(func.min(t.c.hlc), func.max(t.c.hlc)).where(t.c.status == "applied")
            ).one()
            rows = c.execute(
                select(t.c.raw)
                .where(t.c.status == "applied", t.c.etype.in_(("task", "report")))
                .order_by(t.c.hlc)
            ).all()
        self.start_ms = hlc_ms(first) if first is not None else 0
        self.end_ms = hlc_ms(last) if last is not None else 0
        marks = []
        for (raw,) in rows:
            op = decode(bytes(raw), trusted=True)
            if op.etype == "report":
                marks.append((hlc_ms(op.hlc), "report"))
            elif "issuer" in op.fields:  # the op that issued the order
                marks.append((hlc_ms(op.hlc), "order"))
        self.marks = marks
        self.rangeChanged.emit()

    @Slot(object)
    def _on_store_changed(self, _result: ApplyResult) -> None:
        if self.active:  # the slider's range grows; the moment shown stays as it was
            self.refresh_range()
            self.start_build()  # checkpoints for the new ops, off the GUI thread

    # ------------------------------------------------------------------ entering and leaving

    def enter(self, at_ms: int | None = None) -> None:
        """Start replaying, at ``at_ms`` (default: the last moment)."""
        self.refresh_range()
        if not self.active:
            self._build_stopped = False
            self.active = True
            self.activeChanged.emit(True)
        self.start_build(announce=True)
        self.seek(self.end_ms if at_ms is None else at_ms)

    def leave(self) -> None:
        """Back to live: every subscriber shows the store again."""
        self.pause()
        if not self.active:
            return
        self.active = False
        self.moment = None
        self.activeChanged.emit(False)
        self.momentChanged.emit(None)

    def seek(self, at_ms: int) -> None:
        """Show the state at the wall-clock moment ``at_ms`` (clamped to the incident's life)."""
        if not self.active:
            self.enter(at_ms)
            return
        at = max(self.start_ms, min(self.end_ms, at_ms))
        started = time.perf_counter()
        # never builds here: the worker makes the checkpoints (start_build)
        self.moment = self.index.moment(hlc_of_ms(at, 0xFFFF), at, build=False)
        self.last_jump_s = time.perf_counter() - started
        self.at_ms = at
        self.momentChanged.emit(self.moment)

    # ------------------------------------------------------------------ the play clock

    def play(self) -> None:
        if not self.active:
            self.enter(self.start_ms or None)
            if self.start_ms:
                self.seek(self.start_ms)
        if self.at_ms >= self.end_ms:
            self.seek(self.start_ms)
        if not self.playing:
            self.playing = True
            self._timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self.playing = False
            self._timer.stop()
            self.playingChanged.emit(False)

    def set_speed(self, speed: int) -> None:
        self.speed = speed

    @Slot()
    def _tick(self) -> None:
        nxt = self.at_ms + self.speed * TICK_MS
        self.seek(nxt)
        if nxt >= self.end_ms:
            self.pause()

    def marks_between(self, start_ms: int, end_ms: int) -> list[tuple[int, str]]:
        return [mk for mk in self.marks if start_ms <= mk[0] <= end_ms]
