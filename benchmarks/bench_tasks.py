"""bench tasks: the task board (``TasksDock``: the row-by-row task model, the filter proxy, the
table) over a post holding N tasks (100,000 by default), each figure beside a baseline measured in
the same run — a plain ``QStandardItemModel`` holding the same rows as display strings, behind a
plain ``QSortFilterProxyModel`` in a ``QTableView``.

* open: from nothing to the board shown and painted (ours: read N tasks from the store and sort
  them by deadline on the reader thread, then one model reset; baseline: fill the standard model
  from the same records), and the GUI thread's longest stall meanwhile.
* filter: the status filter set to "overdue" (ours) / a fixed-string filter on the status column
  (baseline), until painted; then cleared.
* sort: by title, until painted.
* remote burst: 1,000 changes from another post (800 status changes of existing tasks, 200 new
  orders), signed by that post and applied by ``Store.apply`` on a worker thread in batches of 64
  as a sync session does, while a 5 ms ``QTimer`` heartbeat on the GUI thread records the longest
  gap between its ticks (the longest stall; goal ≤ 50 ms); until the board shows every change.
  The window's session marks the GUI thread busy while it handles events, and the applying
  thread gives way meanwhile (``app.foreground``): how often and how long it waited is shown.
  The board is sorted by deadline, so an order that is finished moves. Three bursts (each from a
  post of its own): the median and the worst of their longest stalls, the median catch-up.
  Baseline: three bursts of the same shape from other posts, applied the same way; a store
  listener on the applying thread reads each batch's tasks and sends one queued signal per change
  to the standard model (``setText`` / ``appendRow``), measured the same way — the GUI thread
  does nothing but set text, and competes for the interpreter with the same applying thread
  (no session: nothing gives way to it).
* overdue recheck an hour on: ours pops the deadlines passed from a heap; the baseline walks
  every row (what the half-minute check used to do).
* set-up: N orders signed here in bulk and applied by ``Store.apply`` 1,000 at a time.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import Figure

OPERATOR = "测试员"
REMOTE_CHANGES = 1000
NEW_IN_BURST = 200
BATCH = 64  # ops per apply, as the sync engine reads at most 64 frames per turn
HEARTBEAT_MS = 5
WRITE_BATCH = 1000
BURSTS = 3  # each burst's longest stall is noisy on a shared machine: the median of three


def _note(out: list[Figure], figure: Figure) -> None:
    """Keep the figure, and say it at once on stderr (a long run cut short keeps what it measured)."""
    out.append(figure)
    print(f"bench tasks: {figure.name}: {figure.value:,.1f} {figure.unit} {figure.note}", file=sys.stderr, flush=True)


def _qt_app() -> Any:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _pump(until: Callable[[], bool], timeout_s: float = 300.0) -> None:
    """Run the event loop until ``until()``, waiting for events as ``exec`` would (not polling:
    a polling loop would take the interpreter from the threads it waits for)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    wake = QTimer()  # a heartbeat of its own, in case no other event comes
    wake.start(20)
    end = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("bench tasks: the board never caught up")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    wake.stop()


def _paint(widget: Any) -> None:
    """Lay out and paint now (offscreen too): what a person would see."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    widget.repaint()


class Heartbeat:
    """A GUI-thread timer; the longest gap between ticks beyond its interval is the stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return max(self.longest * 1000 - HEARTBEAT_MS, 0.0)


def _fill(store: Any, n: int, units: list[str], incidents: list[str]) -> list[str]:
    """n new orders of this post, signed here in bulk (as ``write`` would sign them, without its
    per-draft reads) and applied by ``Store.apply`` WRITE_BATCH at a time."""
    from app.domain import task as task_rules
    from app.ops import encode

    rng = random.Random(5)
    ident = store.identity
    assert ident is not None
    me, now = ident.post_id, int(time.time() * 1000)
    seq = store.version_vector().get(ident.origin, 0)
    ids: list[str] = []
    raws: list[bytes] = []
    for i in range(n):
        eid = uuid.uuid4().hex
        ids.append(eid)
        fields = {
            "title": f"任务{i:06d} 转移低洼区域群众", "status": rng.choice(task_rules.STATUSES),
            "issuer": me, "assignee": rng.choice(units), "assignee_kind": "unit",
            "incident_id": rng.choice(incidents), "priority": rng.choice(task_rules.PRIORITIES),
            "deadline": now + rng.randint(-6, 48) * 3_600_000, "issued_at": now - 3_600_000,
        }
        seq += 1
        raws.append(encode(ident.key, origin=ident.origin, seq=seq, hlc=store.clock.now(),
                           operator=OPERATOR, etype="task", eid=eid, kind="put", fields=fields,
                           bases={f: [] for f in fields}))
    for i in range(0, n, WRITE_BATCH):
        result = store.apply(raws[i:i + WRITE_BATCH], source="local")
        if result.refused or result.quarantined:
            raise RuntimeError(f"bench tasks: set-up ops refused: {(result.refused or result.quarantined)[:1]}")
    return ids


def _remote_ops(store: Any, task_ids: list[str], units: list[str], incidents: list[str],
                seed: int = 9) -> list[bytes]:
    """1,000 changes signed by another (rear) post enrolled in this roster."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.identity import Identity, new_epoch
    from app.ops import encode
    from app.store.store import Draft

    assert store.identity is not None
    remote = Identity(Ed25519PrivateKey.generate(), new_epoch(), store.identity.anchor)
    store.write([Draft("post", remote.post_id, "put", {
        "name": "区县后方指挥部", "role": "rear", "level": "district", "sign_key": remote.sign_key.hex(),
    })], operator=OPERATOR)
    rng = random.Random(seed)
    ops: list[bytes] = []
    hlc = store.clock.now()
    changed = rng.sample(task_ids, REMOTE_CHANGES - NEW_IN_BURST)
    states = store._states_of({("task", eid) for eid in changed})  # one read for the bases
    for seq, eid in enumerate(changed, 1):
        hlc += 1
        status = rng.choice(("acknowledged", "in_progress", "done"))
        state = states[("task", eid)]
        ops.append(encode(remote.key, origin=remote.origin, seq=seq, hlc=hlc, operator="远端值班员",
                          etype="task", eid=eid, kind="put", fields={"status": status},
                          bases={"status": state.head_refs("status") if state else []}))
    now = int(time.time() * 1000)
    for k in range(NEW_IN_BURST):
        hlc += 1
        fields = {"title": f"远端新任务{k:03d}", "status": "issued", "issuer": remote.post_id,
                  "assignee": rng.choice(units), "assignee_kind": "unit",
                  "incident_id": rng.choice(incidents), "priority": "high",
                  "deadline": now + 7_200_000, "issued_at": now}
        ops.append(encode(remote.key, origin=remote.origin, seq=len(changed) + k + 1, hlc=hlc,
                          operator="远端值班员", etype="task", eid=uuid.uuid4().hex, kind="put",
                          fields=fields, bases={f: [] for f in fields}))
    return ops


def _apply_in_thread(store: Any, ops: list[bytes]) -> threading.Thread:
    def run() -> None:
        for i in range(0, len(ops), BATCH):
            store.apply(ops[i:i + BATCH], source="bench-peer")

    thread = threading.Thread(target=run, name="bench-remote")
    thread.start()
    return thread


def _burst(store: Any, ops: list[bytes], shown: Callable[[], bool]) -> tuple[float, float]:
    """Apply ``ops`` on a worker thread as a sync session does; the GUI thread's longest stall
    and the time until ``shown()`` (every change on the board), both in ms."""
    beat = Heartbeat()
    beat.start()
    t0 = time.perf_counter()
    thread = _apply_in_thread(store, ops)
    _pump(lambda: not thread.is_alive() and shown())
    caught_up = (time.perf_counter() - t0) * 1000
    stall = beat.stop()
    thread.join()
    return stall, caught_up


def _note_bursts(out: list[Figure], prefix: str, stalls: list[float], catch_ups: list[float]) -> None:
    each = ", ".join(f"{x:.0f}" for x in stalls)
    _note(out, Figure(f"{prefix}remote 1,000: longest stall, median", statistics.median(stalls), "ms",
                      f"of {len(stalls)} bursts ({each}); goal ≤ 50 ms"))
    _note(out, Figure(f"{prefix}remote 1,000: longest stall, worst", max(stalls), "ms"))
    _note(out, Figure(f"{prefix}remote 1,000: caught up, median", statistics.median(catch_ups), "ms",
                      ", ".join(f"{x:.0f}" for x in catch_ups)))


def _ours(folder: Any, store: Any, task_ids: list[str], units: list[str], incidents: list[str],
          out: list[Figure]) -> None:
    from PySide6.QtCore import Qt

    from app.domain import task as task_rules
    from app.foreground import FOREGROUND
    from ui.docks.tasks import TasksDock
    from ui.models.tasks import OVERDUE
    from ui.session import Session

    remote = [_remote_ops(store, task_ids, units, incidents, seed=9 + k) for k in range(BURSTS)]
    session = Session(folder, store, OPERATOR)
    beat = Heartbeat()
    beat.start()
    t0 = time.perf_counter()
    dock = TasksDock(session)
    dock.resize(1400, 900)
    dock.show()
    _pump(lambda: not dock.model.loading)  # the records are read and ordered on the reader thread
    _paint(dock)
    _note(out, Figure("open board", (time.perf_counter() - t0) * 1000, "ms", f"{dock.model.rowCount():,} tasks"))
    _note(out, Figure("open board: GUI thread's longest stall", beat.stop(), "ms", "the window stays responsive"))

    t0 = time.perf_counter()
    dock.status_filter.setCurrentIndex(dock.status_filter.findData(OVERDUE))
    _paint(dock)
    shown = dock.proxy.rowCount()
    _note(out, Figure("filter overdue", (time.perf_counter() - t0) * 1000, "ms", f"{shown:,} shown"))
    dock.status_filter.setCurrentIndex(0)
    _paint(dock)

    t0 = time.perf_counter()
    dock.table.sortByColumn(0, dock.table.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    _paint(dock)
    _note(out, Figure("sort by title", (time.perf_counter() - t0) * 1000, "ms"))

    # the bursts land on the board in its usual order, by deadline: a status change that
    # finishes an order moves its row (out of one place, into another)
    dock.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    _paint(dock)
    stalls, catch_ups = [], []
    waits, waited_s = FOREGROUND.waits, FOREGROUND.waited_s
    for ops in remote:
        expected = dock.model.rowCount() + NEW_IN_BURST
        stall, caught_up = _burst(store, ops, lambda n=expected: dock.model.settled()
                                  and dock.model.rowCount() == n)
        stalls.append(stall)
        catch_ups.append(caught_up)
    _note_bursts(out, "", stalls, catch_ups)
    _note(out, Figure("remote 1,000: applying thread gave way, per burst", (FOREGROUND.waited_s - waited_s)
                      * 1000 / len(remote), "ms", f"{(FOREGROUND.waits - waits) / len(remote):.0f} waits "
                      "for the busy GUI thread"))

    # the overdue recheck an hour on: only the rows whose deadline passed in that hour are
    # touched; the baseline is the walk over every row that the check used to be
    model = dock.model
    live_clock, later = model.clock, model.clock() + 3_600_000
    model.clock = lambda: later
    before = len(model.overdue_ids())
    t0 = time.perf_counter()
    model.recheck_overdue()
    _note(out, Figure("overdue recheck, an hour on", (time.perf_counter() - t0) * 1000, "ms",
                      f"{len(model.overdue_ids()) - before:,} rows became overdue"))
    t0 = time.perf_counter()
    flipped = sum(task_rules.is_overdue(e.data, later) != (e.eid in model._overdue) for e in model._rows)
    _note(out, Figure("baseline: overdue recheck walking every row", (time.perf_counter() - t0) * 1000, "ms",
                      f"{len(model._rows):,} rows, {flipped} differ"))
    model.clock = live_clock
    dock.cleanup()
    dock.close()
    session.cleanup()
    dock.deleteLater()
    session.deleteLater()


def _baseline(store: Any, remote: list[list[bytes]], out: list[Figure]) -> None:
    from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, Signal
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    keys = ("title", "status", "priority", "assignee", "deadline", "issuer", "incident_id")
    beat = Heartbeat()
    beat.start()
    t0 = time.perf_counter()
    records = store.entities("task")
    model = QStandardItemModel(0, len(keys))
    rows: dict[str, int] = {}
    for e in records:
        rows[e.eid] = model.rowCount()
        model.appendRow([QStandardItem(str(e.get(k, ""))) for k in keys])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setDynamicSortFilter(True)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    view.resize(1400, 900)
    view.show()
    _paint(view)
    _note(out, Figure("baseline: open QStandardItemModel", (time.perf_counter() - t0) * 1000, "ms",
                      f"{model.rowCount():,} rows"))
    _note(out, Figure("baseline: open: GUI thread's longest stall", beat.stop(), "ms"))

    t0 = time.perf_counter()
    proxy.setFilterKeyColumn(1)
    proxy.setFilterFixedString("issued")
    _paint(view)
    _note(out, Figure("baseline: filter", (time.perf_counter() - t0) * 1000, "ms", f"{proxy.rowCount():,} shown"))
    proxy.setFilterFixedString("")
    _paint(view)

    t0 = time.perf_counter()
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    _paint(view)
    _note(out, Figure("baseline: sort by title", (time.perf_counter() - t0) * 1000, "ms"))

    class Feed(QObject):
        change = Signal(str, str)

    feed = Feed()
    done = [0]

    def on_change(eid: str, status: str) -> None:
        row = rows.get(eid)
        if row is None:
            rows[eid] = model.rowCount()
            model.appendRow([QStandardItem(x) for x in (eid, status, "", "", "", "", "")])
        else:
            model.item(row, 1).setText(status)
        done[0] += 1

    def on_store(result: Any) -> None:
        """On the applying thread: read what changed, one queued signal per change."""
        eids = [eid for etype, eid in result.changed if etype == "task"]
        for eid, e in store.get_many("task", eids).items():
            feed.change.emit(eid, str(e.get("status", "")))

    feed.change.connect(on_change, Qt.ConnectionType.QueuedConnection)
    store.subscribe(on_store)
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by deadline, as ours
    _paint(view)
    stalls, catch_ups = [], []
    for ops in remote:
        done[0] = 0
        stall, caught_up = _burst(store, ops, lambda: done[0] == REMOTE_CHANGES)
        stalls.append(stall)
        catch_ups.append(caught_up)
    store.unsubscribe(on_store)
    _note_bursts(out, "baseline: ", stalls, catch_ups)
    view.close()
    view.deleteLater()


def run(size: int | None = None) -> list[Figure]:
    n = size or 100_000
    _qt_app()
    from app.services import common
    from app.services.posts import init_post

    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-tasks-") as tmp:
        folder = init_post(Path(tmp) / "rear", name="重庆市应急管理局指挥中心", role="rear", level="city")
        store = folder.open_store()
        assert store.identity is not None
        try:
            incidents = [common.create(store, OPERATOR, "incident", {
                "title": f"事件{i}", "category": "flood", "status": "open"}) for i in range(5)]
            units = [common.create(store, OPERATOR, "unit", {
                "name": f"救援队{i:02d}", "type": "comprehensive", "status": "standby",
                "post_id": store.identity.post_id}) for i in range(40)]
            t0 = time.perf_counter()
            task_ids = _fill(store, n, units, incidents)
            _note(out, Figure("set-up: write tasks", (time.perf_counter() - t0), "s", f"{n:,} signed ops"))
            _ours(folder, store, task_ids, units, incidents, out)
            _baseline(store, [_remote_ops(store, task_ids, units, incidents, seed=20 + k)
                              for k in range(BURSTS)], out)
        finally:
            store.close()
    return out
