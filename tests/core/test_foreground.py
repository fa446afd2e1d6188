"""Workers give way to a busy foreground thread (app.foreground): they wait while it works,
never for themselves on it, never forever, and never deadlock on a lock it wants."""

from __future__ import annotations

import threading

from app.foreground import Foreground
from tests.waiting import wait_until

LONG = 600.0  # a wait that would end by lapsing would hang the test, not pass it


def _in_worker(job) -> threading.Thread:
    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    return thread


def test_nothing_attached_or_idle_means_no_wait() -> None:
    fg = Foreground(hold_s=LONG)
    fg.busy()
    _in_worker(fg.give_way).join(LONG)  # not attached: the command line, the node
    fg.attach()
    fg.idle()
    _in_worker(fg.give_way).join(LONG)
    assert fg.waits == 0


def test_the_foreground_thread_never_waits_for_itself() -> None:
    fg = Foreground(hold_s=LONG)
    fg.attach()
    fg.busy()
    fg.give_way()  # a local write applies on the GUI thread
    assert fg.waits == 0 and fg.is_busy


def test_a_worker_waits_while_busy_and_goes_on_when_idle() -> None:
    fg = Foreground(hold_s=LONG)
    fg.attach()
    fg.busy()
    worker = _in_worker(fg.give_way)
    wait_until(lambda: fg.waits == 1, what="the worker to wait")
    assert worker.is_alive()
    fg.idle()
    worker.join(LONG)
    assert not worker.is_alive()


def test_a_busy_mark_lapses_and_the_worker_runs_a_while() -> None:
    fg = Foreground(hold_s=0.0, free_s=LONG)
    fg.attach()
    fg.busy()  # and then the GUI thread blocks outside the event loop (a join, a sleep)
    for _ in range(3):
        _in_worker(fg.give_way).join(LONG)
    assert fg.is_busy and fg.waits == 0


def test_the_foreground_thread_waiting_for_a_lock_lets_its_holder_finish() -> None:
    """The worker holds the store's lock and waits for the GUI to go idle; the GUI thread wants
    that lock (a local write): it goes idle while it waits, so both go on."""
    fg = Foreground(hold_s=LONG)
    fg.attach()
    fg.busy()
    lock = threading.RLock()
    taken = threading.Event()

    def hold_and_give_way() -> None:
        with fg.holding(lock):
            taken.set()
            fg.give_way()

    worker = _in_worker(hold_and_give_way)
    taken.wait(LONG)
    with fg.holding(lock):
        pass
    worker.join(LONG)
    assert not worker.is_alive()
    assert fg.is_busy  # the rest of its event is the GUI thread's again


def test_a_worker_kept_waiting_runs_a_while_even_if_the_gui_is_never_quite_idle() -> None:
    """The GUI thread goes idle for a moment between long turns: each wait ends there, but the
    waits add up, and past the worker's patience it runs without waiting for a while."""
    fg = Foreground(hold_s=LONG, patience_s=0.0, free_s=LONG)
    fg.attach()
    fg.busy()
    _in_worker(fg.give_way).join(LONG)  # no patience: runs at once, and may go on running
    _in_worker(fg.give_way).join(LONG)  # (a thread of its own: its own patience and time)
    assert fg.waits == 0
