"""Python ⇄ map page, after Anki's ``webview.py``: JSON both ways, a queue until the page is ready,
late callbacks dropped once the view is gone, and store changes coalesced into one small diff per
turn of the event loop.

``PageChannel`` is the object the page sees as ``zhijiu`` over QWebChannel: each slot the page
calls only emits a Qt signal. ``MapBridge`` owns the rest:

* scripts for the page (:meth:`MapBridge.eval`) wait in a queue until the page says ``ready``;
  then the configuration goes first, the full picture second, the queue after them;
* a change event from the store marks the records it touched; a zero-time single-shot timer
  turns everything marked during this turn of the event loop into one diff —
  ``{seq, upsert: [item…], remove: [id…]}`` — holding only the items whose drawing changed
  (a renamed team or incident, whose name other items show, recomputes them all; a moved team,
  the common case, recomputes one);
* the page answers every diff with ``applied(seq)`` once it has painted it, which gives the
  op-to-marker latency (``diffShown``);
* if the page is ever loaded again (the web process crashed and was restarted), it starts from
  nothing: the bridge sends the configuration and the full picture again, never a stale diff.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage

from app.store.apply import ApplyResult
from ui.map.features import MapItems
from ui.session import Session

log = logging.getLogger(__name__)

CHUNK = 4000  # items per script in a full load: big enough to be quick, small enough to parse fast
OVERDUE_RECHECK_MS = 30_000


def to_js(value: Any) -> str:
    """A JSON value as a JavaScript expression."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class PageChannel(QObject):
    """What the page may call (``zhijiu.ready(…)`` in JavaScript); each call becomes a signal."""

    pageReady = Signal(int)  # how many times this view's page has loaded (1 unless reloaded)
    featureClicked = Signal(str, str)  # etype, eid
    shapeDrawn = Signal(dict)  # GeoJSON geometry
    shapeEdited = Signal(str, dict)  # map id, GeoJSON geometry
    cursorMoved = Signal(float, float)  # lon, lat
    cursorGone = Signal()
    measurement = Signal(str, float)  # "distance" (m) | "area" (m²)
    diffApplied = Signal(int)  # seq
    viewMoved = Signal(dict)  # {bbox: [w, s, e, n], zoom, center}
    printed = Signal(dict)  # what the page shows in print mode (title, north, scale, grid …)
    baseChosen = Signal(str)  # base map id, chosen in the page's layer control
    layerToggled = Signal(str, bool)  # layer key, visible
    scriptError = Signal(str)

    @Slot(int)
    def ready(self, loads: int) -> None:
        self.pageReady.emit(loads)

    @Slot(str, str)
    def selected(self, etype: str, eid: str) -> None:
        self.featureClicked.emit(etype, eid)

    @Slot(str)
    def drawn(self, geometry: str) -> None:
        g = _json(geometry)
        if isinstance(g, dict):
            self.shapeDrawn.emit(g)

    @Slot(str, str)
    def edited(self, mid: str, geometry: str) -> None:
        g = _json(geometry)
        if isinstance(g, dict):
            self.shapeEdited.emit(mid, g)

    @Slot(float, float)
    def cursor(self, lat: float, lon: float) -> None:
        self.cursorMoved.emit(lon, lat)

    @Slot()
    def cursorLeft(self) -> None:  # noqa: N802 (the page's name for it)
        self.cursorGone.emit()

    @Slot(str, float)
    def measured(self, kind: str, value: float) -> None:
        self.measurement.emit(kind, value)

    @Slot(int)
    def applied(self, seq: int) -> None:
        self.diffApplied.emit(seq)

    @Slot(str)
    def viewChanged(self, view: str) -> None:  # noqa: N802
        v = _json(view)
        if isinstance(v, dict):
            self.viewMoved.emit(v)

    @Slot(str)
    def printReady(self, shown: str) -> None:  # noqa: N802
        v = _json(shown)
        self.printed.emit(v if isinstance(v, dict) else {})

    @Slot(str)
    def baseChanged(self, base_id: str) -> None:  # noqa: N802
        self.baseChosen.emit(base_id)

    @Slot(str, bool)
    def layerChanged(self, key: str, visible: bool) -> None:  # noqa: N802
        self.layerToggled.emit(key, visible)

    @Slot(str)
    def jsError(self, message: str) -> None:  # noqa: N802
        log.warning("map page: %s", message)
        self.scriptError.emit(message)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        log.warning("map page sent malformed JSON: %.200s", text)
        return None


class MapBridge(QObject):
    ready = Signal()  # the page is configured and shows the full picture
    diffShown = Signal(int, float)  # seq, milliseconds from the store change to the page's paint

    def __init__(
        self,
        page: QWebEnginePage,
        session: Session,
        items: MapItems,
        configuration: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.items = items
        self._configuration = configuration
        self._page: QWebEnginePage | None = page
        self.channel = PageChannel(self)
        self.webchannel = QWebChannel(self)
        self.webchannel.registerObject("zhijiu", self.channel)
        page.setWebChannel(self.webchannel)
        page.destroyed.connect(self._on_page_destroyed)

        self.is_ready = False
        self.frozen = False  # replay (复盘): the page shows a past moment; live changes wait
        self.loads = 0  # the page's own count (sessionStorage): 1 unless it was reloaded
        self.ready_count = 0  # how many times the page said ready to this bridge
        self.seq = 0
        self.shown: dict[str, dict[str, Any]] = {}  # map id -> item, as the page has it
        self._sent: dict[str, str] = {}  # map id -> its JSON, to send only real changes
        self._queue: list[tuple[str, Callable[[Any], None] | None]] = []
        self._dirty: set[tuple[str, str]] = set()
        self._full = False
        self._changed_at: float | None = None  # when the oldest change of the pending diff arrived
        self._sent_at: dict[int, float] = {}

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._on_flush_timer)
        self._overdue_timer = QTimer(self)
        self._overdue_timer.setInterval(OVERDUE_RECHECK_MS)
        self._overdue_timer.timeout.connect(self._recheck_overdue)
        self._overdue_timer.start()

        self.channel.pageReady.connect(self._on_page_ready)
        self.channel.diffApplied.connect(self._on_diff_applied)
        session.bridge.changed.connect(self._on_store_changed)
        self._listening = True

    def cleanup(self) -> None:
        """Stop listening to the store and forget the page; safe to call twice."""
        if self._listening:
            self.session.bridge.changed.disconnect(self._on_store_changed)
            self._listening = False
        self._flush_timer.stop()
        self._overdue_timer.stop()
        self._queue.clear()
        self._page = None
        self.is_ready = False

    @Slot()
    def _on_page_destroyed(self) -> None:
        self._page = None
        self.is_ready = False
        self._queue.clear()

    # ------------------------------------------------------------------ scripts

    def eval(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run ``script`` in the page — now if it is ready, else as soon as it is. ``callback``
        gets the result, unless the view is gone by then."""
        if self._page is None:
            return
        if not self.is_ready:
            self._queue.append((script, callback))
            return
        self._run(script, callback)

    def call(self, function: str, *args: Any, callback: Callable[[Any], None] | None = None) -> None:
        """``Zhijiu.<function>(args…)`` with the arguments as JSON."""
        self.eval(f"Zhijiu.{function}({','.join(to_js(a) for a in args)})", callback)

    def _run(self, script: str, callback: Callable[[Any], None] | None) -> None:
        page = self._page
        if page is None:
            return
        if callback is None:
            page.runJavaScript(script, 0)
            return

        def guarded(result: Any) -> None:
            if self._page is not None:  # the Anki rule: no callbacks into a view that is gone
                callback(result)

        page.runJavaScript(script, 0, guarded)

    @Slot(int)
    def _on_page_ready(self, loads: int) -> None:
        self.loads = loads
        self.ready_count += 1
        if self.ready_count > 1:
            log.warning("the map page loaded again (%d); sending everything again", loads)
        self.is_ready = True
        self._sent.clear()
        self.shown.clear()
        self._dirty.clear()
        self._run(f"Zhijiu.configure({to_js(self._configuration())})", None)
        self._send_full()
        queue, self._queue = self._queue, []
        for script, callback in queue:
            self._run(script, callback)
        self.ready.emit()

    def configure(self) -> None:
        """Send the configuration again (words, base maps …) and redraw what changed."""
        if self.is_ready:
            self._run(f"Zhijiu.configure({to_js(self._configuration())})", None)
        self.refresh_all()

    # ------------------------------------------------------------------ diffs

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if self.frozen:  # leaving replay redraws everything from the store
            return
        if self.items.renamed(result.changed):  # words on other items changed: recompute all
            self.refresh_all()
            return
        touched = self.items.affected(result.changed)
        if not touched:
            return
        self._dirty |= touched
        self._schedule()

    def refresh_all(self) -> None:
        """Recompute every item (the words changed); only the differences go to the page."""
        self._full = True
        self._schedule()

    @Slot()
    def _recheck_overdue(self) -> None:
        self._dirty |= set(self.items.open_tasks_with_deadline())
        self._schedule()

    def _schedule(self) -> None:
        if self._changed_at is None:
            self._changed_at = time.perf_counter()
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    @Slot()
    def _on_flush_timer(self) -> None:  # a slot returns nothing (PySide6 mishandles a value)
        self.flush()

    def flush(self) -> int:
        """Send what changed since the last flush as one diff; returns its seq (0: nothing)."""
        started = self._changed_at
        self._changed_at = None
        if not self.is_ready or self._page is None:
            return 0  # the full load at ready covers it
        if self._full:
            self._full = False
            self._dirty.clear()
            return self._send_full(started)
        dirty, self._dirty = self._dirty, set()
        if not dirty:
            return 0
        return self._send(self.items.items_of(dirty), started)

    def _send_full(self, started: float | None = None) -> int:
        now = self.items.all_items()
        gone = {mid: None for mid in self._sent if mid not in now}
        return self._send({**now, **gone}, started)

    def _send(self, new: dict[str, dict[str, Any] | None], started: float | None = None) -> int:
        upsert: list[dict[str, Any]] = []
        remove: list[str] = []
        for mid, it in new.items():
            if it is None:
                if mid in self._sent:
                    del self._sent[mid]
                    self.shown.pop(mid, None)
                    remove.append(mid)
                continue
            text = json.dumps(it, ensure_ascii=False, sort_keys=True)
            if self._sent.get(mid) != text:
                self._sent[mid] = text
                self.shown[mid] = it
                upsert.append(it)
        if not upsert and not remove:
            return 0
        for start in range(0, max(len(upsert), 1), CHUNK):
            self.seq += 1
            part = upsert[start:start + CHUNK]
            diff = {"seq": self.seq, "upsert": part, "remove": remove if start == 0 else []}
            self._sent_at[self.seq] = started if started is not None else time.perf_counter()
            self._run(f"Zhijiu.apply({to_js(diff)})", None)
        return self.seq

    @Slot(int)
    def _on_diff_applied(self, seq: int) -> None:
        started = self._sent_at.pop(seq, None)
        for old in [s for s in self._sent_at if s < seq]:
            self._sent_at.pop(old, None)
        if started is not None:
            self.diffShown.emit(seq, (time.perf_counter() - started) * 1000.0)
