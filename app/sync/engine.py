"""The sync engine: one thread, one ZeroMQ context, every link of this post.

It listens (ROUTER, CURVE server; ZAP admits only keys in the roster) and connects to its
configured peers (one DEALER each, CURVE client proving the peer's server key), so a district
relay is one process. Per session it exchanges version vectors, streams what the peer lacks in
pipelined, acknowledged batches within the link's window and bandwidth budget, pushes new ops
live, measures RTT, skew and throughput, and moves blobs in resumable chunks after the ops —
so a marker never waits behind a photo. Sockets are used only on this thread; other threads
talk to it through ``wake()`` and read ``snapshot()``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import zmq
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils import z85

from app.ops import OpError, open_envelope
from app.store.apply import ApplyResult
from app.store.store import Store
from app.sync.blobs import BlobError, BlobStore
from app.sync.keys import CurveKeys
from app.sync.peers import Peer
from app.sync.protocol import (
    ACK,
    HELLO,
    NOBLOB,
    OPS,
    PING,
    PONG,
    PROTOCOL_VERSION,
    WANT,
    Frame,
    ProtocolError,
    decode_frame,
    encode_frame,
)
from app.sync.protocol import (
    CHUNK as CHUNK_FRAME,
)
from app.sync.session import Session

log = logging.getLogger(__name__)

PING_S = 2.0  # heartbeat and RTT probe
DEAD_S = 10.0  # no frame for this long: the link is dead, the session is dropped
WANT_AGAIN_S = 15.0  # a blob asked for and not arriving: ask again (after a cut)
STATE_EVERY_S = 1.0
MAX_BAD_FRAMES = 50  # a peer sending this many bad frames in a session is cut off
BATCHES_PER_TURN = 4  # per peer and loop turn: a busy peer never starves the others
DRAIN_PER_TURN = 64  # frames read from one socket per turn, for the same reason
DRAIN_BUDGET_S = 0.5  # … and no longer than this: 64 OPS frames took a loaded node 50 s to apply


class SyncEngine:
    def __init__(
        self,
        store: Store,
        *,
        keys: CurveKeys,
        name: str,
        listen: str | None = None,
        peers: list[Peer] | tuple[Peer, ...] = (),
        blobs: BlobStore | None = None,
        wanted_blobs: Callable[[], list[str]] | None = None,
        state_path: Path | None = None,
        ping_s: float = PING_S,
        dead_s: float = DEAD_S,
    ) -> None:
        assert store.identity is not None, "the engine speaks for a post"
        self.store = store
        self.keys = keys
        self.name = name
        self.listen = listen
        self.peers = list(peers)
        self.blobs = blobs
        self._policy = wanted_blobs or (lambda: [])  # in the order to pull them
        self._urgent: list[str] = []  # blobs an operator asked for now: pulled first, anywhere
        self._hurry: set[str] = set()  # of those, the ones whose senders have not been told yet
        self.state_path = state_path
        self.ping_s, self.dead_s = ping_s, dead_s
        self.bound_endpoint: str | None = None
        self._sessions: dict[Any, Session] = {}  # endpoint (out) or routing id (in) -> session
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._dirty = True
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._roster_keys: dict[str, str] = {}  # z85 curve key -> post id
        self.error: str | None = None
        self.blob_completed: list[str] = []
        self.avg_op_bytes = 300.0  # running mean of the ops sent, for "queued bytes"
        self._turn_at = time.time()

    # ------------------------------------------------------------------ control (any thread)

    def start(self) -> None:
        self.store.subscribe(self._on_store_change)
        self._thread = threading.Thread(target=self._run, name="zhijiu-sync", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self.error:
            raise RuntimeError(self.error)

    def stop(self) -> None:
        self._stop.set()
        self.wake()
        if self._thread is not None:
            self._thread.join(10)
        self.store.unsubscribe(self._on_store_change)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # full or closed: the loop is awake or gone anyway
            os.write(self._wake_w, b"!")

    def fetch_first(self, sha: str) -> None:
        """Pull this blob before any other (any thread): it goes to the head of this post's
        wanted list and every peer is asked to send it ahead of what it is already sending."""
        with self._lock:
            if sha in self._urgent:
                self._urgent.remove(sha)
            self._urgent.insert(0, sha)
            self._hurry.add(sha)
        self._dirty = True
        self.wake()

    def wanted_blobs(self) -> list[str]:
        """The blobs to pull, in order: those asked for now first, then the post's policy."""
        with self._lock:
            urgent = [s for s in self._urgent if self.blobs is None or not self.blobs.has(s)]
            self._urgent = urgent
            self._hurry &= set(urgent)
        rest = self._policy()
        return urgent + [s for s in rest if s not in urgent] if urgent else rest

    def _on_store_change(self, result: ApplyResult) -> None:
        self._dirty = True
        if any(k[0] == "post" for k in result.changed):
            self._roster_keys = {}  # reload on the next ZAP request
        self.wake()

    def snapshot(self) -> list[dict[str, Any]]:
        mine = self.store.version_vector()
        with self._lock:
            out = [s.figures(mine) for s in self._sessions.values()]
        for f in out:  # an estimate: ops differ in size, but not by much
            f["queued_bytes"] = int(f["queued_ops"] * self.avg_op_bytes)
        return out

    def idle(self) -> dict[str, bool]:
        """For each configured peer: reached, and nothing left to send or receive either way."""
        mine = self.store.version_vector()
        with self._lock:
            by_name = {s.name: s for s in self._sessions.values() if s.outgoing}
            out = {}
            for p in self.peers:
                s = by_name.get(p.endpoint)
                out[p.endpoint] = bool(
                    s and s.connected and s.hello and not s.inflight and s.lacks(mine) == 0
                    and s.owes(mine) == 0 and not s.blob_sends
                )
            return out

    # ------------------------------------------------------------------ ZAP: who may connect

    def callback(self, domain: str, key: bytes) -> bool:
        """Admit a client whose CURVE key belongs to a post in the roster, not revoked."""
        return key.decode("ascii", "replace") in self._admitted()

    def _admitted(self) -> dict[str, str]:
        if not self._roster_keys:
            keys = {}
            for post in self.store.entities("post"):
                ck = post.get("curve_key")
                if ck and not post.get("revoked"):
                    keys[ck] = post.eid
            self._roster_keys = keys
        return self._roster_keys

    # ------------------------------------------------------------------ the loop (engine thread)

    def _socket_options(self, sock: zmq.Socket[bytes]) -> None:
        sock.setsockopt(zmq.LINGER, 0)
        sock.setsockopt(zmq.SNDHWM, 10_000)
        sock.setsockopt(zmq.RCVHWM, 10_000)
        sock.setsockopt(zmq.HEARTBEAT_IVL, int(self.ping_s * 1000))
        sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, int(self.dead_s * 1000))
        sock.setsockopt(zmq.HEARTBEAT_TTL, int(self.dead_s * 1000))
        sock.setsockopt(zmq.MAXMSGSIZE, 8 << 20)
        sock.setsockopt(zmq.HANDSHAKE_IVL, 8000)  # a handshake stuck on a dead link is given up
        sock.curve_secretkey = self.keys.secret.encode()
        sock.curve_publickey = self.keys.public.encode()

    def _run(self) -> None:
        ctx = zmq.Context()
        known_vv = self._last_known_vv()
        auth = None
        router = None
        dealers: dict[zmq.Socket[bytes], Session] = {}
        monitors: dict[zmq.Socket[bytes], Session] = {}
        try:
            poller = zmq.Poller()
            poller.register(self._wake_r, zmq.POLLIN)
            if self.listen:
                auth = ThreadAuthenticator(ctx)
                auth.start()
                auth.configure_curve_callback("*", credentials_provider=self)
                router = ctx.socket(zmq.ROUTER)
                self._socket_options(router)
                router.curve_server = True
                router.setsockopt(zmq.ROUTER_HANDOVER, 1)
                router.setsockopt(zmq.ROUTER_MANDATORY, 1)
                router.bind(self.listen)
                self.bound_endpoint = router.get_string(zmq.LAST_ENDPOINT)
                poller.register(router, zmq.POLLIN)
            for peer in self.peers:
                d = ctx.socket(zmq.DEALER)
                self._socket_options(d)
                d.curve_serverkey = peer.server_key.encode()
                d.setsockopt(zmq.IMMEDIATE, 1)
                d.setsockopt(zmq.RECONNECT_IVL, 300)
                d.setsockopt(zmq.RECONNECT_IVL_MAX, 4_000)  # the cap: back on within 5 s of a restore
                s = Session(peer.endpoint, outgoing=True, rate_bps=peer.rate_bps)
                s.peer_vv = dict(known_vv.get(peer.endpoint, {}))
                mon = d.get_monitor_socket(
                    zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_DISCONNECTED
                    | zmq.EVENT_HANDSHAKE_FAILED_AUTH | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL
                    | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL
                )
                d.connect(peer.endpoint)
                with self._lock:
                    self._sessions[peer.endpoint] = s
                dealers[d] = s
                monitors[mon] = s
                poller.register(d, zmq.POLLIN)
                poller.register(mon, zmq.POLLIN)
        except (zmq.ZMQError, OSError) as exc:
            self.error = f"cannot start sync: {exc}"
            self._ready.set()
            self._close(ctx, auth, router, dealers, monitors)
            return
        self._ready.set()
        sock_of = {s: d for d, s in dealers.items()}
        writer = None
        if self.state_path:
            # its own thread: the file's age tells `zhijiu status` the process is alive, however
            # long one turn of this loop takes under load; the turn's own age is in the file too
            writer = threading.Thread(target=self._state_writer, name="zhijiu-status", daemon=True)
            writer.start()
        while not self._stop.is_set():
            try:
                events = dict(poller.poll(timeout=self._next_timeout()))
                if self._wake_r in events:
                    with contextlib.suppress(BlockingIOError):
                        os.read(self._wake_r, 4096)
                for mon, s in monitors.items():
                    if mon in events:
                        self._on_monitor(mon, s, sock_of[s])
                if router is not None and router in events:
                    self._drain_router(router)
                for d, s in dealers.items():
                    if d in events:
                        self._drain_dealer(d, s)
                self._timers(router, sock_of)
                self._pump(router, sock_of)
                self._turn_at = time.time()
            except Exception:  # the engine must outlive any bug in one frame's handling
                log.exception("sync loop error; continuing")
                time.sleep(0.2)
        if writer is not None:
            writer.join(10)
        if self.state_path:
            self._write_state(stopped=True)
        self._close(ctx, auth, router, dealers, monitors)

    @staticmethod
    def _close(ctx: zmq.Context[Any], auth: Any, router: Any, dealers: dict[Any, Any],
               monitors: dict[Any, Any]) -> None:
        for d in dealers:
            with contextlib.suppress(zmq.ZMQError):
                d.disable_monitor()
        for sock in monitors:
            sock.close(0)
        for sock in [*dealers, *([router] if router is not None else [])]:
            sock.close(500)  # let the last acknowledgements out
        if auth is not None:
            auth.stop()
        ctx.term()

    def _next_timeout(self) -> int:
        wait = self.ping_s
        with self._lock:
            for s in self._sessions.values():
                w = s.bucket.wait_s()
                if w > 0:
                    wait = min(wait, w)
        if self._dirty:
            wait = 0.0
        return max(1, int(wait * 1000))

    # ------------------------------------------------------------------ receiving

    def _on_monitor(self, mon: zmq.Socket[bytes], s: Session, d: zmq.Socket[bytes]) -> None:
        from zmq.utils.monitor import recv_monitor_message

        while True:
            try:
                msg = recv_monitor_message(mon, zmq.NOBLOCK)
            except zmq.Again:
                return
            ev = msg["event"]
            with self._lock:
                if ev == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                    s.connected, s.error = True, ""
                    s.hello = False
                    self._send(d, None, s, self._hello(s))
                elif ev == zmq.EVENT_DISCONNECTED:
                    s.disconnect()
                elif ev in (zmq.EVENT_HANDSHAKE_FAILED_AUTH, zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL,
                            zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL):
                    s.disconnect("handshake refused: wrong server key, or this post is not admitted")

    def _hello(self, s: Session) -> bytes:
        ident = self.store.identity
        assert ident is not None
        return encode_frame(HELLO, {"v": PROTOCOL_VERSION, "post": ident.post_id, "origin": ident.origin,
                                    "name": self.name, "vv": self.store.version_vector(),
                                    "rate": s.rate_bps})

    def _drain_router(self, router: zmq.Socket[bytes]) -> None:
        until = time.monotonic() + DRAIN_BUDGET_S
        for _ in range(DRAIN_PER_TURN):
            if time.monotonic() > until:
                return
            try:
                parts = router.recv_multipart(zmq.NOBLOCK, copy=False)
            except zmq.Again:
                return
            if len(parts) != 2:
                continue  # not our protocol: a routing id and one frame
            rid = parts[0].bytes
            key = str(parts[1].get("User-Id"))
            with self._lock:
                s = self._sessions.get(rid)
                if s is None:
                    post = self._admitted().get(key)
                    s = Session(f"peer {post}", outgoing=False)
                    s.post_id, s.connected = post, True
                    self._sessions[rid] = s
            self._on_frame(router, rid, s, parts[1].bytes)

    def _drain_dealer(self, d: zmq.Socket[bytes], s: Session) -> None:
        until = time.monotonic() + DRAIN_BUDGET_S
        for _ in range(DRAIN_PER_TURN):
            if time.monotonic() > until:
                return
            try:
                data = d.recv(zmq.NOBLOCK)
            except zmq.Again:
                return
            self._on_frame(d, None, s, data)

    def _on_frame(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session, data: bytes) -> None:
        s.received(len(data))
        try:
            f = decode_frame(data)
            self._handle(sock, rid, s, f)
        except ProtocolError as exc:
            s.bad_frames += 1
            s.error = f"bad frame: {exc}"
            log.warning("bad frame from %s: %s", s.name, exc)
            if s.bad_frames > MAX_BAD_FRAMES and rid is not None:
                with self._lock:
                    self._sessions.pop(rid, None)

    def _handle(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session, f: Frame) -> None:
        b = f.body
        if f.kind == HELLO:
            if b["v"] != PROTOCOL_VERSION:
                raise ProtocolError(f"protocol version {b['v']} not spoken here")
            if rid is not None and s.post_id is not None and b["post"] != s.post_id:
                raise ProtocolError("HELLO names another post than the key it connected with")
            with self._lock:
                s.post_id = b["post"]
                if rid is not None:
                    s.name = b["name"] or s.name
                rate = b.get("rate")
                if s.rate_bps is None and isinstance(rate, int) and rate >= 1000:
                    s.set_rate(rate)  # the link is as slow for us as the other end says it is
                s.reset(b["vv"])
            if rid is not None:  # the server answers with its own HELLO
                self._send(sock, rid, s, self._hello(s))
            self._dirty = True
        elif not s.hello:
            raise ProtocolError(f"{f.name} before HELLO")
        elif f.kind == OPS:
            result = self.store.apply(b["ops"], source=s.name)
            s.ops_rx += result.applied
            with self._lock:  # the peer holds what it sent: never echo it back
                for raw in b["ops"]:
                    try:
                        env, _body = open_envelope(raw)
                    except OpError:
                        continue
                    for vv in (s.peer_vv, s.sent_vv):
                        if env.seq > vv.get(env.origin, 0):
                            vv[env.origin] = env.seq
            self._send(sock, rid, s, encode_frame(ACK, {"b": b["b"], "vv": self.store.version_vector()}))
        elif f.kind == ACK:
            with self._lock:
                sent = s.inflight.get(b["b"])
                if sent is not None:
                    s.rtt_ms = self._smooth(s.rtt_ms, (time.monotonic() - sent[1]) * 1000)
                s.ack(b["b"], b["vv"])
            self._dirty = True
        elif f.kind == PING:
            self._send(sock, rid, s, encode_frame(PONG, {"t": b["t"], "w": int(time.time() * 1000)}))
        elif f.kind == PONG:
            rtt = now_mono_ms() - b["t"]
            if 0 <= rtt < 600_000:
                s.rtt_ms = self._smooth(s.rtt_ms, rtt)
                wall = b.get("w")
                if isinstance(wall, int):
                    s.skew_ms = wall - (time.time() * 1000 - rtt / 2)
        elif f.kind == WANT:  # a request, and the acknowledgement of what has arrived so far
            sha, off = b["sha"], b["off"]
            if self.blobs is None or not self.blobs.has(sha):
                self._send(sock, rid, s, encode_frame(NOBLOB, {"sha": sha}))
            elif off >= self.blobs.size(sha):
                s.blob_sends.pop(sha, None)
            else:  # within one connection nothing sent is lost, so only a new request rewinds
                nxt = s.blob_sends[sha][0] if sha in s.blob_sends else off
                if b.get("first") is True:  # the asker wants this one before the others
                    s.blob_sends.pop(sha, None)
                    s.blob_sends = {sha: (max(nxt, off), off), **s.blob_sends}
                else:
                    s.blob_sends[sha] = (max(nxt, off), off)
                self._dirty = True
        elif f.kind == CHUNK_FRAME:
            self._on_chunk(sock, rid, s, b)
        elif f.kind == NOBLOB:
            s.blob_wants.pop(b["sha"], None)

    def _on_chunk(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session, b: dict[str, Any]) -> None:
        if self.blobs is None or b["sha"] not in self.wanted_blobs():
            return
        try:
            done = self.blobs.write_chunk(b["sha"], b["off"], b["data"], b["size"])
        except BlobError as exc:
            s.error = str(exc)
            s.blob_wants.pop(b["sha"], None)
            return
        s.blob_wants[b["sha"]] = time.monotonic()  # still arriving: do not ask again yet
        if done:
            s.blob_wants.pop(b["sha"], None)
            self.blob_completed.append(b["sha"])
            self._dirty = True
        # acknowledge (the sender keeps only a small window of chunks in flight; all of it: done)
        off = b["size"] if done else self.blobs.partial(b["sha"])
        self._send(sock, rid, s, encode_frame(WANT, {"sha": b["sha"], "off": off}))

    @staticmethod
    def _smooth(old: float | None, new: float) -> float:
        return new if old is None else 0.7 * old + 0.3 * new

    # ------------------------------------------------------------------ sending

    def _send(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session, frame: bytes) -> bool:
        try:
            if rid is None:
                sock.send(frame, zmq.NOBLOCK)
            else:
                sock.send_multipart([rid, frame], zmq.NOBLOCK)
        except zmq.Again:
            return False  # backpressure: try again on the next turn, nothing is dropped
        except zmq.ZMQError as exc:  # EHOSTUNREACH: that peer is gone
            s.disconnect(f"send failed: {exc}")
            return False
        s.sent(len(frame))
        return True

    def _timers(self, router: zmq.Socket[bytes] | None, sock_of: dict[Session, Any]) -> None:
        t = time.monotonic()
        with self._lock:
            items = list(self._sessions.items())
        # frames still unread in our own queue (a node behind on a heavy push): a peer is not dead
        # because this loop has not reached its frames yet
        behind = router is not None and bool(int(router.get(zmq.EVENTS)) & zmq.POLLIN)
        for key, s in items:
            if not s.connected:
                if not s.outgoing:  # a peer that went away; it comes back as a new session
                    with self._lock:
                        self._sessions.pop(key, None)
                continue
            sock, rid = (sock_of[s], None) if s.outgoing else (router, key)
            if sock is None:
                continue
            # an incoming session that never said HELLO (stray frames after a peer left) goes too
            unread = bool(int(sock.get(zmq.EVENTS)) & zmq.POLLIN) if s.outgoing else behind
            if (s.hello or not s.outgoing) and s.last_rx and t - s.last_rx > self.dead_s and not unread:
                with self._lock:
                    if s.outgoing:
                        s.disconnect("no answer: the link looks dead")
                    else:
                        self._sessions.pop(key, None)
                continue
            if s.hello and t - s.last_ping >= self.ping_s:
                s.last_ping = t
                self._send(sock, rid, s, encode_frame(PING, {"t": now_mono_ms()}))

    def _pump(self, router: zmq.Socket[bytes] | None, sock_of: dict[Session, Any]) -> None:
        """Send what each peer lacks: ops first, then blob requests and chunks."""
        self._dirty = False
        with self._lock:
            items = list(self._sessions.items())
        for key, s in items:
            if not (s.connected and s.hello):
                continue
            sock, rid = (sock_of[s], None) if s.outgoing else (router, key)
            if sock is None:
                continue
            more = self._pump_ops(sock, rid, s)
            if not more:
                self._pump_blobs(sock, rid, s)
            if more and not s.bucket.wait_s() and s.inflight_bytes() < s.window_bytes():
                self._dirty = True

    def _pump_ops(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session) -> bool:
        """Fill the window with batches; True when ops remain to send. A few batches a turn, so
        one busy peer never keeps the loop from the others, the heartbeats and the status file."""
        for _turn in range(BATCHES_PER_TURN):
            if s.inflight_bytes() >= s.window_bytes():
                return True
            if not s.bucket.can_send():
                return True
            limit = max(16, s.batch_bytes() // 200)
            rows = self.store.ops_after(s.sent_vv, limit)
            if not rows:
                return False
            ops: list[tuple[str, int, bytes]] = []
            size = 0
            for origin, seq, _hlc, raw in rows:
                if ops and size + len(raw) > s.batch_bytes():
                    break
                ops.append((origin, seq, raw))
                size += len(raw)
            self.avg_op_bytes = 0.9 * self.avg_op_bytes + 0.1 * size / len(ops)
            batch = s.next_batch
            frame = encode_frame(OPS, {"b": batch, "ops": [raw for _, _, raw in ops]})
            if not self._send(sock, rid, s, frame):
                return True
            with self._lock:
                s.next_batch += 1
                s.inflight[batch] = (len(frame), time.monotonic())
                for origin, seq, _raw in ops:
                    if seq > s.sent_vv.get(origin, 0):
                        s.sent_vv[origin] = seq
                s.ops_tx += len(ops)
        self._dirty = True  # the turn is over, not the work: come back after the others
        return True

    def _pump_blobs(self, sock: zmq.Socket[bytes], rid: bytes | None, s: Session) -> None:
        if self.blobs is None:
            return
        t = time.monotonic()
        with self._lock:
            hurry = self._hurry - s.hurried
        for sha in self.wanted_blobs():  # asked in priority order; chunks follow the asking order
            if self.blobs.has(sha):
                continue
            asked = s.blob_wants.get(sha)
            first = sha in hurry
            body: dict[str, Any] = {"sha": sha, "off": self.blobs.partial(sha)}
            if first:
                body["first"] = True  # an older peer ignores the flag and sends in asking order
            if (first or asked is None or t - asked > WANT_AGAIN_S) and self._send(
                    sock, rid, s, encode_frame(WANT, body)):
                s.blob_wants[sha] = t
                if first:
                    s.hurried.add(sha)
        for sha, (off, acked) in list(s.blob_sends.items()):
            size = self.blobs.size(sha)
            # a small window of chunks in flight, so an op never queues behind much of a photo
            while off < size and off - acked < s.blob_window() and s.bucket.can_send():
                data = self.blobs.read(sha, off, s.chunk_bytes())
                frame = encode_frame(CHUNK_FRAME, {"sha": sha, "off": off, "size": size, "data": data})
                if not self._send(sock, rid, s, frame):
                    return
                off += len(data)
                s.blob_sends[sha] = (off, acked)
                if s.rate_bps is not None:
                    self._dirty = True
                    return  # one chunk a turn on a budgeted link, so new ops go first

    # ------------------------------------------------------------------ status file

    def _last_known_vv(self) -> dict[str, dict[str, int]]:
        """What each outgoing peer held when this post last heard from it (from the status file)."""
        if self.state_path is None:
            return {}
        try:
            doc = json.loads(self.state_path.read_text("utf-8"))
            known = doc.get("known_vv", {})
            return {str(k): {str(o): int(n) for o, n in v.items()} for k, v in known.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def _state_writer(self) -> None:
        """The status file's heartbeat: rewritten every STATE_EVERY_S until the engine stops."""
        while not self._stop.is_set():
            try:
                self._write_state()
            except Exception:  # a status file must never take the node down
                log.exception("cannot write the status file")
            self._stop.wait(STATE_EVERY_S)

    def _write_state(self, stopped: bool = False) -> None:
        assert self.state_path is not None
        with self._lock:
            known = {s.name: dict(s.peer_vv) for s in self._sessions.values() if s.outgoing and s.peer_vv}
        doc = {
            "pid": os.getpid(),
            "updated": time.time(),  # the heartbeat: written every STATE_EVERY_S while running
            "every_s": STATE_EVERY_S,
            "loop_at": self._turn_at,  # when the sync loop last finished a turn
            "running": not stopped,
            "listen": self.bound_endpoint,
            "peers": self.snapshot(),
            "known_vv": known,  # what each peer held when last heard: "N changes waiting" at start
        }
        tmp = self.state_path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
            os.replace(tmp, self.state_path)
        except OSError as exc:  # a full disk must not stop the sync
            log.warning("cannot write %s: %s", self.state_path, exc)


def now_mono_ms() -> int:
    return time.monotonic_ns() // 1_000_000


def z85_key(raw: bytes) -> str:
    return z85.encode(raw).decode()
