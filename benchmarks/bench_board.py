"""bench board: the situation board and the replay (复盘) over one incident of 100,000 ops.

- Jump: (through checkpoints every 2,500 ops and steps — deltas — every 250 between them; each timed from a collected heap: a full garbage collection of the millions of merge
  objects would otherwise land in one jump or another) rebuild the state at a past moment and compute what the board shows there (figures,
  the task list's rows), through the replay checkpoints, at moments spread over the incident
  (goal ≤ 1 s per jump), beside the plain full replay (``state_at`` of the whole op log up to the
  moment) in the same run. The one-off cost of making the checkpoints is shown too, and a jump
  just after a late op (an older stamp arrives and invalidates the checkpoints after it).
- Charts: refreshing the board's three charts with a 10,000-point series (``setData`` on the
  existing lines, then a paint) beside clearing and re-plotting every line (the baseline).
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.identity import Anchor, Identity, new_authority, new_epoch
from app.ops import encode, hlc_ms, hlc_of_ms
from app.services import board
from app.store.checkpoints import ReplayIndex
from app.store.moment import Moment
from app.store.replay import state_at
from app.store.store import Store
from benchmarks import Figure

BATCH = 1000
JUMPS = 8
CHART_POINTS = 10_000
CHART_ROUNDS = 10
INCIDENT = "incident-flood"
T0 = 1_782_000_000_000


class _Writer:
    """Signs ops of several posts with increasing stamps and the bases their authors saw."""

    def __init__(self) -> None:
        self.auth = new_authority()
        self.posts = [self.auth] + [
            Identity(Ed25519PrivateKey.generate(), new_epoch(), self.auth.anchor) for _ in range(3)
        ]
        self.seqs = {p.origin: 0 for p in self.posts}
        self.last: dict[tuple[str, str, str], list[list[object]]] = {}
        self.ops: list[bytes] = []
        self.t = T0

    def emit(self, p: Identity, etype: str, eid: str, kind: str, fields: dict[str, Any],
             at: int | None = None) -> bytes:
        self.t += 9
        self.seqs[p.origin] += 1
        names = ["deleted"] if kind == "del" else list(fields)
        bases = {f: self.last.get((etype, eid, f), []) for f in names} if kind != "add" else {}
        raw = encode(p.key, origin=p.origin, seq=self.seqs[p.origin],
                     hlc=hlc_of_ms(self.t if at is None else at), operator="值班员", etype=etype,
                     eid=eid, kind=kind, fields=fields, bases=bases)
        for f in names:
            self.last[(etype, eid, f)] = [[p.origin, self.seqs[p.origin]]]
        self.ops.append(raw)
        return raw


def make_incident(n: int, seed: int = 11) -> tuple[Anchor, list[bytes], _Writer]:
    """n ops of one flood incident: teams moving, orders and their status changes, reports,
    shelter movements, plotted features, duty-log entries, a warning raised twice."""
    rng = random.Random(seed)
    w = _Writer()
    for p in w.posts:
        w.emit(w.auth, "post", p.post_id, "put", {
            "name": f"指挥所{p.post_id[:4]}", "role": "rear", "level": "district",
            "sign_key": p.sign_key.hex()})
    w.emit(w.auth, "incident", INCIDENT, "put", {
        "title": "长江洪峰过境", "category": "flood", "status": "open", "response_level": 4})
    w.emit(w.auth, "warning", "w1", "put", {
        "title": "洪水黄色预警", "level": "yellow", "type": "flood", "status": "active",
        "incident_id": INCIDENT})
    units = [uuid.uuid4().hex for _ in range(300)]
    tasks = [uuid.uuid4().hex for _ in range(3000)]
    shelters = [uuid.uuid4().hex for _ in range(20)]
    features = [uuid.uuid4().hex for _ in range(1500)]
    for s in shelters:
        w.emit(w.auth, "feature", s, "put", {"symbol": "shelter", "name": "安置点", "capacity": 5000,
                                            "geom": {"type": "Point", "coordinates": [106.55, 29.55]}})
    issued: set[str] = set()
    statuses = ["acknowledged", "in_progress", "done"]
    while len(w.ops) < n:
        p = rng.choice(w.posts)
        r = rng.random()
        if r < 0.30:
            w.emit(p, "unit", rng.choice(units), "put", {
                "name": "救援队", "type": "comprehensive",
                "status": rng.choice(["standby", "en_route", "on_scene"]),
                "geom": {"type": "Point", "coordinates": [106.5 + rng.random() / 10, 29.5 + rng.random() / 10]}})
        elif r < 0.52:
            eid = rng.choice(tasks)
            if eid in issued:
                w.emit(p, "task", eid, "put", {"status": rng.choice(statuses)})
            else:
                issued.add(eid)
                w.emit(p, "task", eid, "put", {
                    "title": "转移群众", "status": "issued", "issuer": p.post_id,
                    "assignee": rng.choice(units), "assignee_kind": "unit", "incident_id": INCIDENT,
                    "deadline": w.t + rng.randint(60_000, 3_600_000)})
        elif r < 0.67:
            w.emit(p, "report", uuid.uuid4().hex, "add", {
                "incident_id": INCIDENT, "kind": "followup", "trapped": rng.randint(0, 50),
                "evacuated": len(w.ops) // 10 + rng.randint(0, 99), "dead": rng.randint(0, 3)})
        elif r < 0.75:
            w.emit(p, "occupancy", uuid.uuid4().hex, "add", {
                "shelter_id": rng.choice(shelters), "delta": rng.randint(1, 40)})
        elif r < 0.90:
            w.emit(p, "feature", rng.choice(features), "put", {
                "symbol": "hazard", "name": f"险情{rng.randint(1, 999)}", "level": "general",
                "geom": {"type": "Point", "coordinates": [106.5 + rng.random() / 10, 29.5]}})
        elif r < 0.9995:
            w.emit(p, "log", uuid.uuid4().hex, "add", {"text": "值班记录：水位上涨", "category": "duty"})
        else:
            w.emit(w.auth, "warning", "w1", "put", {"level": rng.choice(["orange", "red"])})
    return w.auth.anchor, w.ops[:n], w


def _show(state_or_moment: Any, at_ms: int) -> tuple[board.Figures, int]:
    """What the board and the task list show at a moment."""
    moment = (state_or_moment if isinstance(state_or_moment, Moment)
              else Moment(state_or_moment, at_ms))
    figures = board.figures(moment, INCIDENT, at_ms)
    rows = len(moment.entities("task"))
    return figures, rows


def _jumps(store: Store, n: int, writer: _Writer) -> list[Figure]:
    first = next(store.oplog_rows(status="applied"))[2]
    last = store.clock.last
    rng = random.Random(5)
    moments = sorted(first + int((last - first) * rng.random()) for _ in range(JUMPS))

    full: list[float] = []
    for at in moments[:3]:  # the baseline is slow: three moments are enough
        gc.collect()  # each jump starts from a collected heap, the baseline's and ours alike
        t0 = time.perf_counter()
        f_full, _ = _show(state_at(store, at), hlc_ms(at))
        full.append(time.perf_counter() - t0)

    index = ReplayIndex(store)
    tallies = board.ReplayTallies(INCIDENT)
    t0 = time.perf_counter()
    index.build()
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tallies.figures(index.moment(last, hlc_ms(last)), index)  # the board's tallies, once
    tallies_s = time.perf_counter() - t0
    fast: list[float] = []
    for at in moments:
        gc.collect()
        t0 = time.perf_counter()
        moment = index.moment(at, hlc_ms(at))
        f_fast = tallies.figures(moment, index)
        rows = len(moment.entities("task"))
        fast.append(time.perf_counter() - t0)
        assert f_fast == board.figures(moment, INCIDENT, hlc_ms(at)) and rows
    steps = sum(len(s) for s in index.steps().values())  # before a late op drops some
    # the checkpoints agree with the full replay
    check_at = moments[2]
    assert index.state_at(check_at).dump() == state_at(store, check_at).dump()

    # a late op: a post whose op, stamped early in the incident, arrives only now
    dropped, patched = index.dropped, index.patched
    t0 = time.perf_counter()
    store.apply(_late_report(store, writer, first + (last - first) // 10), source="late")
    patch_s = time.perf_counter() - t0
    gc.collect()
    t0 = time.perf_counter()
    moment = index.moment(moments[-1], hlc_ms(moments[-1]))
    tallies.figures(moment, index)
    len(moment.entities("task"))
    late_s = time.perf_counter() - t0
    index.close()
    return [
        Figure("ops in the incident", n, "ops",
               f"{index.checkpoint_count()} checkpoints, {steps} steps between them"),
        Figure("jump, full replay (baseline)", statistics.mean(full), "s",
               f"state_at + board figures + task rows, mean of {len(full)} moments"),
        Figure("jump with checkpoints", statistics.mean(fast), "s",
               f"mean of {len(fast)} moments; goal ≤ 1 s"),
        Figure("jump with checkpoints, slowest", max(fast), "s", ""),
        Figure("speed-up", statistics.mean(full) / statistics.mean(fast), "×", "full / checkpoints"),
        Figure("make the checkpoints (once)", build_s, "s", "one pass over the op log"),
        Figure("make the board's tallies (once)", tallies_s, "s", "per incident, at every checkpoint"),
        Figure("apply a late op (checkpoints patched)", patch_s, "s", "the store's apply included"),
        Figure("jump after a late op", late_s, "s",
               f"{index.patched - patched} checkpoints patched, {index.dropped - dropped} dropped"),
    ]


def _late_report(store: Store, writer: _Writer, at_hlc: int) -> list[bytes]:
    """A new forward post's roster entry, and its report stamped early in the incident (the post
    was cut off until now)."""
    ident = Identity(Ed25519PrivateKey.generate(), new_epoch(), store.anchor)
    roster = writer.emit(writer.auth, "post", ident.post_id, "put", {
        "name": "断联前方指挥部", "role": "forward", "level": "scene", "sign_key": ident.sign_key.hex()})
    report = encode(ident.key, origin=ident.origin, seq=1, hlc=at_hlc, operator="前方",
                    etype="report", eid=uuid.uuid4().hex, kind="add",
                    fields={"incident_id": INCIDENT, "kind": "first", "trapped": 7}, bases={})
    return [roster, report]


def _charts() -> list[Figure]:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import pyqtgraph as pg

    from ui.board.charts import CHARTS, BoardCharts

    series = board.Series()
    rng = random.Random(3)
    values = dict.fromkeys(board.SERIES_KEYS, 0.0)
    for i in range(CHART_POINTS):
        key = rng.choice(board.SERIES_KEYS)
        values[key] += rng.randint(-1, 3)
        series.t.append(T0 + i * 1000)
        for k in board.SERIES_KEYS:
            series.columns[k].append(values[k])
    charts = BoardCharts()
    charts.resize(900, 900)
    charts.show()
    app.processEvents()

    def timed(refresh: Any) -> float:
        times = []
        for _ in range(CHART_ROUNDS):
            t0 = time.perf_counter()
            refresh()
            charts.grab()  # paint every chart, as the screen would
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    ours = timed(lambda: charts.show_series(series))
    until = series.t[CHART_POINTS // 2]
    ours_replay = timed(lambda: charts.show_series(series, until))

    import numpy as np

    t = np.asarray(series.t, dtype=float) / 1000

    def replot() -> None:  # the baseline: clear each chart and plot every line again
        for key, _title, lines in CHARTS:
            plot = charts.plots[key]
            plot.clear()
            for skey, _w, colour in lines:
                plot.plot(t, np.asarray(series.columns[skey], dtype=float),
                          pen=pg.mkPen(colour, width=2), stepMode="right")

    baseline = timed(replot)
    charts.cleanup()
    charts.close()
    charts.deleteLater()
    app.processEvents()
    return [
        Figure("chart refresh, 10,000 points (setData)", ours * 1000, "ms", "3 charts, 11 lines, painted"),
        Figure("chart refresh during replay (cut)", ours_replay * 1000, "ms", "cut at the moment + cursor"),
        Figure("chart refresh, clear and re-plot (baseline)", baseline * 1000, "ms", ""),
    ]


def run(size: int | None = None) -> list[Figure]:
    n = size or 100_000
    t0 = time.perf_counter()
    anchor, ops, writer = make_incident(n)
    gen = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as d:
        store = Store(f"sqlite:///{d}/board.db", anchor=anchor)
        t0 = time.perf_counter()
        for i in range(0, n, BATCH):
            store.apply(ops[i : i + BATCH], source="bench")
        applied = time.perf_counter() - t0
        assert not store.refused() and not store.quarantined(), store.refused()[:3]
        figures = [Figure("generate and apply", gen + applied, "s", "not part of the figures below")]
        figures += _jumps(store, n, writer)
        store.close()
    return figures + _charts()
