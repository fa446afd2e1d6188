"""Background threads give way to the thread a person is watching (the GUI thread).

CPython runs one thread's Python at a time. A sync session applying a peer's burst on a worker
thread and the GUI thread painting the task board take turns on the interpreter, and a paint
calls into Python once per cell: each call can wait a whole switch interval for the worker to
let go, so a 10 ms paint took 40–80 ms with 100,000 tasks on the board (``zhijiu bench tasks``).

So the GUI thread marks itself busy when a window takes an event or a view starts putting a
burst's changes in, and idle when it is about to sleep (``ui.foreground``); workers call
``give_way()`` between steps (``Store.apply`` between ops, and every store connection before each
SQL statement): while the GUI thread is busy they wait. A lock the GUI thread may need is taken
with ``holding``: a GUI thread waiting for it goes idle, so its holder goes on. Never for long
either way: a busy mark lapses ``HOLD_S`` after the GUI's last event (a thread blocked outside
the event loop does not stall the rest), and a worker that has waited ``PATIENCE_S`` in all
without running ``FREE_S`` in between runs ``FREE_S`` before it waits again, so a GUI thread
that is always busy slows a sync session to a fifth at worst but cannot stop it. With nothing
attached (the command line, the node) ``give_way()`` returns at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

HOLD_S = 0.04  # a busy mark lapses this long after the GUI thread's last event
PATIENCE_S = 0.04  # waiting, in all, after which a worker runs FREE_S whatever the GUI does
FREE_S = 0.01


class Foreground:
    def __init__(self, hold_s: float = HOLD_S, patience_s: float = PATIENCE_S,
                 free_s: float = FREE_S) -> None:
        self.hold_s = hold_s
        self.patience_s = patience_s
        self.free_s = free_s
        self._owner: int | None = None  # the thread that never waits for itself
        self._clear = threading.Event()  # set: the foreground thread is idle
        self._clear.set()
        self._since = 0.0  # when the foreground thread last started on an event
        self._worker = threading.local()  # each worker's waiting so far and running time due
        self.waits = 0  # waits so far and their time, for the benchmarks
        self.waited_s = 0.0

    def attach(self) -> None:
        """The calling thread is the foreground thread from now on."""
        self._owner = threading.get_ident()

    def detach(self) -> None:
        self._owner = None
        self._clear.set()

    def busy(self) -> None:
        """The foreground thread starts on an event (called on that thread)."""
        self._since = time.monotonic()
        if self._clear.is_set():
            self._clear.clear()

    def idle(self) -> None:
        """The foreground thread is about to sleep until its next event."""
        self._clear.set()

    @property
    def attached(self) -> bool:
        return self._owner is not None

    @property
    def is_busy(self) -> bool:
        return not self._clear.is_set()

    @contextmanager
    def holding(self, lock: threading.RLock) -> Iterator[None]:
        """Hold ``lock``. A foreground thread that has to wait for it goes idle meanwhile: the
        worker holding it may be waiting for the foreground thread to go idle."""
        if not lock.acquire(blocking=False):
            was_busy = threading.get_ident() == self._owner and self.is_busy
            if was_busy:
                self.idle()
            lock.acquire()
            if was_busy:  # the rest of its event is the GUI thread's again
                self.busy()
        try:
            yield
        finally:
            lock.release()

    def give_way(self) -> None:
        """Called by a worker between steps: wait while the foreground thread is busy."""
        if self._clear.is_set() or self._owner is None or threading.get_ident() == self._owner:
            return
        mine = self._worker
        now = time.monotonic()
        if now < getattr(mine, "free_until", 0.0):
            return
        if now - getattr(mine, "last_wait", 0.0) >= self.free_s:
            mine.waited = 0.0  # it ran a while since it last waited: patience afresh
        waited = getattr(mine, "waited", 0.0)
        left = min(self._since + self.hold_s, now + self.patience_s - waited) - now
        if left > 0:
            self.waits += 1
            self._clear.wait(left)
            end = time.monotonic()
            self.waited_s += end - now
            mine.waited, mine.last_wait = waited + (end - now), end
            if self._clear.is_set() and mine.waited < self.patience_s:
                return  # the GUI thread went idle: on we go
        mine.waited = 0.0
        mine.free_until = time.monotonic() + self.free_s


FOREGROUND = Foreground()  # one per process, as the interpreter lock it shares out is
