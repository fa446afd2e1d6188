"""The sync engine inside the window: started after sign-in, watched off the GUI thread, stopped
with the session — and the recorder behind the "while you were offline" digest.

``LinkMonitor`` belongs to the session. ``start(listen)`` builds the post's engine
(``app.services.node.make_engine``, the same node ``zhijiu serve`` runs) and starts it. An address
that cannot be bound is reported (``startFailed``) and the engine is started again without it, so
the links this post makes itself still work; if even that fails the window works offline.

Once a second (``POLL_MS``), and soon after any change in the store, a small worker thread reads
``engine.snapshot()`` and ``engine.idle()`` and hands a ``LinkStatus`` to the GUI thread through
a queued signal (qtconsole's ``call_handlers``: the worker only emits). The GUI thread never
reads the engine itself: a snapshot takes the store's lock, which a large batch from a peer can
hold for a while.

Digest: when a link that was up goes down, the ops that arrive from other posts are recorded (a
store listener, on whatever thread applies them) until that link is back and idle — everything
the peer held for us has been applied — and are then handed over as ``digestReady``
(``ui.models.digest`` groups them for the operator).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.datadir import PostFolder
from app.ops import Op
from app.services.node import make_engine
from app.store.apply import ApplyResult
from app.store.store import Store
from app.sync.engine import SyncEngine
from app.sync.peers import Peer, load_peers

log = logging.getLogger(__name__)

POLL_MS = 1000
MIN_GAP_S = 0.25  # between two readings, however many changes ask for one
CONNECT_GRACE_S = 5.0  # after start: links still coming up, not yet "offline"
QUIET_S = 2.0  # an incoming link counts as caught up after this long without a remote op
STALL_S = 10.0  # an outgoing link that never says idle (an op it holds cannot apply here) counts
# as caught up after this long without a remote op

EngineFactory = Callable[[PostFolder, Store, str | None], SyncEngine]
PeerKey = tuple[str, str]  # ("out", endpoint) or ("in", post id)


def default_factory(folder: PostFolder, store: Store, listen: str | None) -> SyncEngine:
    return make_engine(folder, store, listen=listen)


def peer_key(row: dict[str, Any]) -> PeerKey:
    """A link's identity across readings: outgoing by endpoint, incoming by the peer post."""
    if row.get("direction") == "in":
        return ("in", str(row.get("post") or row.get("name")))
    return ("out", str(row.get("name")))


@dataclass(frozen=True)
class LinkStatus:
    """One reading of the engine (``peers``: the rows of ``SyncEngine.snapshot()``)."""

    running: bool = False
    listening: str | None = None  # the bound endpoint
    configured: tuple[Peer, ...] = ()  # the peers this post connects to (peers.json)
    peers: tuple[dict[str, Any], ...] = ()
    idle: dict[str, bool] = field(default_factory=dict)
    at: float = 0.0  # wall-clock seconds of the reading
    settling: bool = False  # just started: links are still coming up


class _Poller:
    """The worker that reads the engine; ``request()`` asks for a reading, any thread."""

    def __init__(self, engine: SyncEngine, deliver: Callable[[object], None]) -> None:
        self._engine = engine
        self._deliver = deliver
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="zhijiu-link-status", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wanted.set()
        self._thread.join(10)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            self._wanted.clear()
            try:
                reading = (self._engine.snapshot(), self._engine.idle(), time.time())
            except Exception:  # a reading that fails is skipped, never the end of the watch
                log.exception("cannot read the sync engine's figures")
            else:
                self._deliver(reading)
            self._stopping.wait(MIN_GAP_S)


class LinkMonitor(QObject):
    statusChanged = Signal(object)  # LinkStatus, on the GUI thread
    digestReady = Signal(object)  # list[Op]: what arrived from other posts after an outage
    startFailed = Signal(str, str, bool)  # address asked for, the core's reason, still syncing
    _polled = Signal(object)

    def __init__(self, folder: PostFolder, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.store = store
        assert store.identity is not None
        self._own_post = store.identity.post_id
        self.engine: SyncEngine | None = None
        self.start_error: str | None = None
        self._poller: _Poller | None = None
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._polled.connect(self._on_polled, Qt.ConnectionType.QueuedConnection)
        self.status = LinkStatus(configured=tuple(self._configured()),
                                 peers=tuple(self._offline_rows()), at=time.time())
        # digest recording: written by the store's listener (any thread), read on the GUI thread
        self._lock = threading.Lock()
        self._recording = False
        self._recorded: list[Op] = []
        self._last_remote = 0.0
        self._connected: dict[PeerKey, bool] = {}
        self._outage: set[PeerKey] = set()
        self._catching_up: dict[PeerKey, float] = {}  # -> when it came back (monotonic)
        self._ever_connected = False

    # ------------------------------------------------------------------ starting and stopping

    @property
    def running(self) -> bool:
        return self.engine is not None

    def set_interval(self, ms: int) -> None:
        """How often the figures are read (1 s; tests read faster)."""
        self._timer.setInterval(ms)

    def start(self, listen: str | None = None, *, factory: EngineFactory | None = None) -> bool:
        """Start this post's sync engine; False when it could not start (the window works offline).

        ``listen``: also accept peers at this address (``tcp://ADDR:PORT``).
        """
        if self.engine is not None:
            return True
        make = factory or default_factory
        self.start_error = None
        engine, reason = self._try_start(make, listen)
        if engine is None and listen:  # still make our own links, without accepting others
            engine, _again = self._try_start(make, None)
        if reason is not None:
            self.start_error = reason
            self.startFailed.emit(listen or "", reason, engine is not None)
        if engine is None:
            self._publish(LinkStatus(configured=tuple(self._configured()),
                                     peers=tuple(self._offline_rows()), at=time.time()))
            return False
        self.engine = engine
        self._started = time.monotonic()
        self.store.subscribe(self._on_store_change)
        self._poller = _Poller(engine, self._polled.emit)
        self._publish(LinkStatus(
            running=True, listening=engine.bound_endpoint, configured=tuple(engine.peers),
            peers=tuple(self._offline_rows(engine.peers)), at=time.time(),
            settling=bool(engine.peers),
        ))
        self._timer.start()
        self.poll()
        log.info("sync engine started%s", f", listening on {engine.bound_endpoint}"
                 if engine.bound_endpoint else "")
        return True

    def _try_start(self, make: EngineFactory, listen: str | None) -> tuple[SyncEngine | None, str | None]:
        try:
            engine = make(self.folder, self.store, listen)
        except Exception as exc:  # a damaged peers file, an unreadable key: said, never raised
            log.exception("cannot build the sync engine")
            return None, str(exc)
        try:
            engine.start()
        except RuntimeError as exc:
            engine.stop()  # its thread has ended; this drops its store listener and pipe
            log.warning("sync engine did not start: %s", exc)
            return None, str(exc).removeprefix("cannot start sync: ")
        return engine, None

    def stop(self) -> None:
        """Stop the engine and the watch; safe to call twice. Call before the store closes."""
        self._timer.stop()
        if self._poller is not None:
            self._poller.stop()
            self._poller = None
        if self.engine is not None:
            self.store.unsubscribe(self._on_store_change)
            self.engine.stop()
            self.engine = None
            log.info("sync engine stopped")
        with self._lock:
            self._recording = False
            self._recorded = []

    @Slot()
    def poll(self) -> None:
        """Ask for a fresh reading (it arrives as ``statusChanged``)."""
        if self._poller is not None:
            self._poller.request()

    def _configured(self) -> list[Peer]:
        try:
            return load_peers(self.folder.peers_path)
        except ValueError:
            return []

    def _offline_rows(self, peers: list[Peer] | None = None) -> list[dict[str, Any]]:
        return [{"name": p.endpoint, "direction": "out", "post": None, "state": "offline",
                 "last_contact": None, "rate_bps": p.rate_bps, "queued_ops": None}
                for p in (self._configured() if peers is None else peers)]

    # ------------------------------------------------------------------ readings (GUI thread)

    @Slot(object)
    def _on_polled(self, reading: tuple[list[dict[str, Any]], dict[str, bool], float]) -> None:
        engine = self.engine
        if engine is None:  # a reading that was on its way when the engine stopped
            return
        peers, idle, at = reading
        if any(r.get("state") == "connected" for r in peers):
            self._ever_connected = True
        settling = (not self._ever_connected
                    and time.monotonic() - self._started < CONNECT_GRACE_S)
        status = LinkStatus(True, engine.bound_endpoint, tuple(engine.peers), tuple(peers),
                            dict(idle), at, settling)
        self._track(status)
        self._publish(status)

    def _publish(self, status: LinkStatus) -> None:
        self.status = status
        self.statusChanged.emit(status)

    def _track(self, status: LinkStatus) -> None:
        """Follow each link up and down; record while one is down, hand over when it is back."""
        rows = {peer_key(r): r for r in status.peers}
        for key in set(self._connected) | set(rows):
            row = rows.get(key)
            up = row is not None and row.get("state") == "connected"
            was = self._connected.get(key, False)
            if was and not up:
                self._outage.add(key)
                self._catching_up.pop(key, None)
                with self._lock:
                    self._recording = True
            elif up and key in self._outage:
                self._outage.discard(key)
                self._catching_up[key] = time.monotonic()
            self._connected[key] = up
        if not self._catching_up:
            return
        now = time.monotonic()
        with self._lock:
            last_remote = self._last_remote
        done = set()
        for key, back in self._catching_up.items():
            row = rows.get(key)
            if row is None:
                continue
            silent = now - max(back, last_remote)
            if key[0] == "out":
                caught_up = status.idle.get(key[1], False) or silent >= STALL_S
            else:  # an incoming peer: no vector of ours to compare, so a quiet moment
                caught_up = (silent >= QUIET_S and not row.get("queued_ops")
                             and not row.get("inflight_bytes"))
            if caught_up:
                done.add(key)
        if not done:
            return
        for key in done:
            del self._catching_up[key]
        with self._lock:
            ops, self._recorded = self._recorded, []
            self._recording = bool(self._outage or self._catching_up)
        if ops:
            self.digestReady.emit(ops)

    # ------------------------------------------------------------------ store listener (any thread)

    def _on_store_change(self, result: ApplyResult) -> None:
        poller = self._poller
        if poller is not None:
            poller.request()  # a local change: "N waiting to send" moves now, not in a second
        if not self._recording:
            return
        remote = [op for op in result.applied_ops if op.post_id != self._own_post]
        if remote:
            with self._lock:
                if self._recording:
                    self._recorded.extend(remote)
                    self._last_remote = time.monotonic()
