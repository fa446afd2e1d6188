"""A bad field link between two real processes, for the tests and `zhijiu bench sync`.

`LinkEmulator` is a TCP relay: it listens on a local port, and every connection accepted there
gets its own connection to the target; bytes are relayed both ways through an emulated link.
It needs no root and nothing outside the standard library, so any test can put one between two
posts (`tcp://127.0.0.1:PORT` in place of the real endpoint) and drive it from the test's own
thread:

    with LinkEmulator("127.0.0.1", router_port, rate_bps=256_000, delay_ms=400) as link:
        dealer.connect(link.endpoint)
        ...
        link.cut()          # or link.cut("blackhole")
        link.restore()

The model, per direction (client → target and target → client, each its own half of the link):

* **Bandwidth** — a token bucket in bits per second, shared by every connection going that way
  (one physical link, first come first served), with a small burst (4 KiB by default, like
  `tc tbf ... burst 4kb`). Bytes are delayed, never dropped or reordered. Rate counts TCP payload
  only: a real link also carries headers (3–5 % at full segments).
* **Delay** — one-way propagation `delay_ms`, added to every piece *after* it has been serialized
  at the rate, like a real link: a piece leaves the relay `delay` after its last byte went on
  the wire. So a round trip costs 2 × delay plus serialization, and 1 MiB at 256 kbit/s takes
  about 33 s plus one delay. A direction in flight never blocks the other direction.
* **Queue before the link** — the relay reads at most one burst at a time and sets `SO_RCVBUF`
  to `sock_buffer` bytes (32 KiB, which Linux doubles) on its own sockets, so what waits in the
  relay is bounded: about 80 KiB, 2.6 s at 256 kbit/s, with a 16 KiB sender buffer — about what
  `tbf ... latency 2000ms` allows. The *sender's* kernel buffer is the sender's own: on loopback
  Linux autotunes it to about 4 MiB (two minutes at 256 kbit/s!), far more than over a real
  800 ms path where congestion control keeps it small. A sender that must not queue behind a
  big transfer paces itself or sets `ZMQ_SNDBUF`; the relay cannot do it for it.
* **Cut and restore**, on command from the test's thread (each call returns once it is done):
    - `cut("reset")` (the default): every connection is reset at once (SO_LINGER 0, so both
      peers get an RST) and new connections are refused (the port stays reserved, so `restore()`
      listens on the same port again) — a router saying no.
    - `cut("blackhole")`: connections stay open but nothing passes either way (data, FIN and RST
      are all held back); new connections are accepted and then get nothing — a satellite link
      that silently dies, which only application heartbeats can detect.
    - `restore()` after a blackhole **resets every connection that lived through it** (accepted
      before or during the outage), so both peers see a definite end and reconnect cleanly;
      `restore(resume=True)` instead lets the held data flow on, as TCP does after an outage
      shorter than its retransmission timeout (connections accepted during the outage are then
      connected to the target, as a retried SYN would be). After a reset cut, `restore()` listens
      again.
* **Figures** — bytes delivered each way, connections accepted and open (`stats()` returns a
  snapshot); `set_rate()` and `set_delay()` change the link while it runs (a new delay applies
  to pieces serialized from then on; what is already propagating keeps its arrival time).

Design: one thread runs an asyncio loop that owns every socket; the caller's thread talks to it
through `run_coroutine_threadsafe`. Errors inside that thread are logged
(`logging.getLogger(__name__)`), never raised into the caller; an idle relay sleeps in epoll.

Limits:
* TCP only. ZeroMQ's TCP transport is fine (it reconnects by itself); nothing UDP-based.
* No packet loss: the relay sees a byte stream, so loss could only show up as extra delay
  (which is what TCP makes of it). For loss, see the root-only `tc`/nftables recipe.
* The client's TCP connect completes at once (the relay accepts locally); only data pays the
  round trip. The relay's kernel acknowledges what the sender writes, so TCP keepalive and the
  sender's retransmission timers never see a blackhole — only application heartbeats do.
* The relay's connection to the target is made when the client connects (or at restore for
  connections accepted during a blackhole); if the target refuses, the client is reset.

`NetnsLink` (root only) is the kernel-level variant: two network namespaces joined by a veth pair,
each end shaped by `tc tbf`, so real TCP stacks meet a real bottleneck (their own congestion
control, retransmissions and keepalives included). Processes run inside with `command()`
(`ip netns exec`). It shapes bandwidth and cuts silently (a queue that drops everything), but has
no delay — this kernel has no netem — and no reset mode. Tests skip it when it cannot be set up
(`NetnsUnavailable`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import enum
import itertools
import logging
import os
import shutil
import socket
import struct
import subprocess
import threading
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, TypeVar

logger = logging.getLogger(__name__)

CutMode = Literal["reset", "blackhole"]
Direction = Literal["both", "to_target", "to_client"]

DEFAULT_BURST = 4096  # bytes: the token bucket's depth, like `tbf burst 4kb`
DEFAULT_SOCK_BUFFER = 32 * 1024  # SO_RCVBUF on the relay's sockets: the queue in front of the link
_READ_UNLIMITED = 64 * 1024  # read size when the rate is unlimited
_PIPE_LIMIT = 4 * 1024 * 1024  # bytes in propagation per connection and direction, at most
_WRITE_BATCH = 256 * 1024  # pieces already due are written together, up to this many bytes
_CONNECT_TIMEOUT_S = 10.0
_CALL_TIMEOUT_S = 30.0
_START_TIMEOUT_S = 10.0
_JOIN_TIMEOUT_S = 10.0

_T = TypeVar("_T")


class _End(enum.Enum):
    """What ends a direction, sent through the link in order after the data."""

    EOF = "eof"  # the sender shut down its side: FIN, delivered as shutdown(SHUT_WR)
    ABORT = "abort"  # the sender's connection failed (RST): reset the whole connection


_Item = bytes | _End


@dataclass(frozen=True)
class LinkStats:
    """A snapshot of the emulator's counters."""

    bytes_to_target: int  # delivered to the target (client → target)
    bytes_to_client: int  # delivered to the clients (target → client)
    connections_accepted: int  # since start, including those accepted during a blackhole
    connections_active: int  # open now
    state: str  # "stopped", "up", "reset" or "blackhole"

    @property
    def bytes_forwarded(self) -> int:
        return self.bytes_to_target + self.bytes_to_client


def _resolve(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


class _Bucket:
    """Token bucket in bits per second (None = unlimited); waiters queue in order (FIFO lock)."""

    def __init__(self, rate_bps: float | None, burst: int) -> None:
        self.rate_bps = rate_bps
        self.burst = burst
        self._tokens = float(burst)
        self._at: float | None = None
        self._lock = asyncio.Lock()
        self._wake: asyncio.Future[None] | None = None

    def _refill(self, now: float, depth: float | None = None) -> None:
        if self.rate_bps is None:
            self._tokens = float(self.burst)
        elif self._at is not None:
            cap = self.burst if depth is None else depth
            self._tokens = min(cap, self._tokens + (now - self._at) * self.rate_bps / 8)
        self._at = now

    async def take(self, n: int) -> None:
        """Wait until `n` bytes may go on the wire (more than a burst overdraws the bucket)."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            depth: float | None = None
            while True:
                self._refill(loop.time(), depth)
                rate = self.rate_bps
                if rate is None:
                    return
                need = min(n, self.burst)
                if self._tokens >= need:
                    self._tokens -= n
                    return
                fut: asyncio.Future[None] = loop.create_future()
                self._wake = fut
                handle = loop.call_later((need - self._tokens) * 8 / rate, _resolve, fut)
                try:
                    await fut
                finally:
                    handle.cancel()
                    self._wake = None
                # A backlogged link sends back to back: the timer's lateness (about a ms per
                # wake-up) is credited rather than lost to the bucket's cap, or a saturated
                # link would run a few per cent slow.
                depth = 2.0 * self.burst

    def set_rate(self, rate_bps: float | None, now: float) -> None:
        self._refill(now)  # what accrued so far, at the old rate
        self.rate_bps = rate_bps
        if self._wake is not None:
            _resolve(self._wake)  # the waiter recomputes with the new rate


class _Half:
    """One direction of the link, shared by all connections: its bucket, delay and byte count."""

    def __init__(self, name: str, rate_bps: float | None, delay_s: float, burst: int) -> None:
        self.name = name
        self.bucket = _Bucket(rate_bps, burst)
        self.delay_s = delay_s
        self.bytes = 0


class _Pipe:
    """Pieces in propagation for one connection and direction: (due time, piece), in order."""

    def __init__(self, limit: int = _PIPE_LIMIT) -> None:
        self._items: collections.deque[tuple[float, _Item]] = collections.deque()
        self._bytes = 0
        self._limit = limit
        self._cond = asyncio.Condition()

    async def put(self, due: float, item: _Item) -> None:
        async with self._cond:
            await self._cond.wait_for(lambda: self._bytes < self._limit)
            self._items.append((due, item))
            if isinstance(item, bytes):
                self._bytes += len(item)
            self._cond.notify_all()

    async def head(self) -> tuple[float, _Item]:
        async with self._cond:
            await self._cond.wait_for(lambda: bool(self._items))
            return self._items[0]

    def pop_end(self) -> None:
        self._items.popleft()

    def pop_due(self, now: float) -> bytes:
        """The head piece and the data pieces after it already due by `now`, joined."""
        parts: list[bytes] = []
        size = 0
        while self._items and size < _WRITE_BATCH:
            due, item = self._items[0]
            if not isinstance(item, bytes) or (parts and due > now):
                break
            self._items.popleft()
            parts.append(item)
            size += len(item)
        return b"".join(parts)

    async def release(self, n: int) -> None:
        async with self._cond:
            self._bytes -= n
            self._cond.notify_all()


class _Conn:
    def __init__(self, cid: int, client: socket.socket, peer: Any) -> None:
        self.cid = cid
        self.client = client
        self.peer = peer
        self.upstream: socket.socket | None = None
        self.task: asyncio.Task[None] | None = None
        self.rst = False  # close with an RST (SO_LINGER 0) rather than a FIN
        self.aborting = False
        self.ends_delivered = 0
        self.finished = asyncio.Event()


def _set_linger_zero(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _tune(sock: socket.socket, sock_buffer: int | None) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if sock_buffer is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, sock_buffer)


def _check_rate(rate_bps: float | None) -> float | None:
    if rate_bps is not None and not rate_bps > 0:
        raise ValueError(f"rate_bps must be positive or None (unlimited), not {rate_bps!r}")
    return rate_bps


def _check_delay(delay_ms: float) -> float:
    if not delay_ms >= 0:
        raise ValueError(f"delay_ms must be zero or more, not {delay_ms!r}")
    return delay_ms / 1000.0


def _halves(direction: Direction) -> tuple[str, ...]:
    if direction == "both":
        return ("to_target", "to_client")
    if direction in ("to_target", "to_client"):
        return (direction,)
    raise ValueError(f"direction must be 'both', 'to_target' or 'to_client', not {direction!r}")


class LinkEmulator:
    """A throttling, delaying, cuttable TCP relay in front of `target_host:target_port`.

    See the module docstring for the model and its limits. All public methods are called from the
    caller's thread(s); `cut`, `restore`, `set_rate` and `set_delay` return once applied.
    """

    def __init__(
        self,
        target_host: str,
        target_port: int,
        *,
        rate_bps: float | None = None,
        delay_ms: float = 0,
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
        burst_bytes: int = DEFAULT_BURST,
        sock_buffer: int | None = DEFAULT_SOCK_BUFFER,
    ) -> None:
        if burst_bytes < 1:
            raise ValueError("burst_bytes must be at least 1")
        self.target_host = target_host
        self.target_port = target_port
        self.listen_host = listen_host
        self._listen_port = listen_port
        self._burst = burst_bytes
        self._sock_buffer = sock_buffer
        delay_s = _check_delay(delay_ms)
        rate = _check_rate(rate_bps)
        self._halves = {
            "to_target": _Half("to_target", rate, delay_s, burst_bytes),
            "to_client": _Half("to_client", rate, delay_s, burst_bytes),
        }
        self._lsock: socket.socket | None = None
        self._keeper: socket.socket | None = None  # holds the port while new connects are refused
        self._laddr: tuple[Any, ...] | None = None
        self._family = socket.AF_INET
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._stop_event: asyncio.Event | None = None
        self._flowing: asyncio.Event | None = None
        self._accept_task: asyncio.Task[None] | None = None
        self._conns: dict[int, _Conn] = {}
        self._next_id = 0
        self._accepted = 0
        self._state = "stopped"
        self._started = False
        self._stopped = False
        self._control = threading.Lock()

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> LinkEmulator:
        """Listen and start relaying; returns once the port accepts connections."""
        with self._control:
            if self._started:
                raise RuntimeError("LinkEmulator.start() may be called once")
            self._started = True
            self._lsock = self._listen_socket(self._listen_port)
            self._laddr = self._lsock.getsockname()
            self._thread = threading.Thread(
                target=self._thread_main, name=f"linkemu:{self.port}", daemon=True
            )
            self._thread.start()
        if not self._ready.wait(_START_TIMEOUT_S) or self._start_error is not None:
            self.stop()
            raise RuntimeError(f"link emulator did not start: {self._start_error!r}")
        logger.info(
            "link emulator %s → %s:%s (rate %s bit/s, one-way delay %.0f ms)",
            self.endpoint, self.target_host, self.target_port,
            self._halves["to_target"].bucket.rate_bps or "unlimited",
            self._halves["to_target"].delay_s * 1000,
        )
        return self

    def stop(self) -> None:
        """Close every socket and join the thread. Idempotent; safe before start() and in finally."""
        with self._control:
            if self._stopped:
                return
            self._stopped = True
            loop, thread, stop_event = self._loop, self._thread, self._stop_event
        if thread is not None and loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(stop_event.set)
        if thread is not None and thread is not threading.current_thread():
            thread.join(_JOIN_TIMEOUT_S)
            if thread.is_alive():
                logger.error("link emulator thread did not stop within %.0f s", _JOIN_TIMEOUT_S)
        for sock in (self._lsock, self._keeper):  # only if the loop never got to close them
            if sock is not None:
                sock.close()
        self._lsock = self._keeper = None
        self._state = "stopped"

    def __enter__(self) -> LinkEmulator:
        if not self._started:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what the caller sees -------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._laddr is None:
            raise RuntimeError("LinkEmulator is not started")
        return int(self._laddr[1])

    @property
    def endpoint(self) -> str:
        host = str(self._laddr[0]) if self._laddr is not None else self.listen_host
        if ":" in host:
            host = f"[{host}]"
        return f"tcp://{host}:{self.port}"

    @property
    def state(self) -> str:
        return self._state

    @property
    def bytes_to_target(self) -> int:
        return self._halves["to_target"].bytes

    @property
    def bytes_to_client(self) -> int:
        return self._halves["to_client"].bytes

    @property
    def bytes_forwarded(self) -> int:
        """Bytes delivered in both directions."""
        return self.bytes_to_target + self.bytes_to_client

    @property
    def connections_accepted(self) -> int:
        return self._accepted

    @property
    def connections_active(self) -> int:
        return len(self._conns)

    @property
    def rate_bps(self) -> float | None:
        return self._halves["to_target"].bucket.rate_bps

    @property
    def delay_ms(self) -> float:
        return self._halves["to_target"].delay_s * 1000

    def stats(self) -> LinkStats:
        return LinkStats(
            self.bytes_to_target, self.bytes_to_client, self._accepted, len(self._conns), self._state
        )

    # -- commands -------------------------------------------------------------------------------

    def cut(self, mode: CutMode = "reset") -> None:
        """Cut the link: "reset" (RST everything, refuse new connections) or "blackhole"."""
        if mode not in ("reset", "blackhole"):
            raise ValueError(f"mode must be 'reset' or 'blackhole', not {mode!r}")
        self._call(lambda: self._cut(mode))

    def restore(self, *, resume: bool = False) -> None:
        """Bring the link back. After a blackhole, connections that lived through it are reset,
        unless `resume` (then their held data flows on). No-op when the link is up."""
        self._call(lambda: self._restore(resume))

    def set_rate(self, rate_bps: float | None, *, direction: Direction = "both") -> None:
        """Bits per second (None = unlimited), for one direction or both, from now on."""
        rate = _check_rate(rate_bps)
        names = _halves(direction)

        async def apply() -> None:
            now = asyncio.get_running_loop().time()
            for name in names:
                self._halves[name].bucket.set_rate(rate, now)

        if self._loop is None:
            for name in names:
                self._halves[name].bucket.rate_bps = rate
        else:
            self._call(apply)

    def set_delay(self, delay_ms: float, *, direction: Direction = "both") -> None:
        """One-way delay in ms, for one direction or both, for pieces serialized from now on."""
        delay_s = _check_delay(delay_ms)
        names = _halves(direction)

        async def apply() -> None:
            for name in names:
                self._halves[name].delay_s = delay_s

        if self._loop is None:
            for name in names:
                self._halves[name].delay_s = delay_s
        else:
            self._call(apply)

    def _call(self, make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
        loop, thread = self._loop, self._thread
        if loop is None or self._stopped or not loop.is_running():
            raise RuntimeError("LinkEmulator is not running")
        if thread is threading.current_thread():
            raise RuntimeError("LinkEmulator commands must come from another thread")
        return asyncio.run_coroutine_threadsafe(make(), loop).result(_CALL_TIMEOUT_S)

    # -- the loop's thread ----------------------------------------------------------------------

    def _listen_socket(self, port: int) -> socket.socket:
        infos = socket.getaddrinfo(
            self.listen_host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        family, type_, proto, _, addr = infos[0]
        sock = socket.socket(family, type_, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            _tune(sock, self._sock_buffer)  # accepted sockets inherit SO_RCVBUF
            sock.bind(addr)
            sock.listen(128)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        self._family = family
        return sock

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        loop.set_exception_handler(self._on_loop_error)
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:  # never into anyone else's thread
            self._start_error = self._start_error or exc
            logger.exception("link emulator loop failed")
        finally:
            try:
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for task in pending:
                    task.cancel()
                if pending:
                    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            except BaseException:
                logger.exception("link emulator: cleaning up its tasks failed")
            finally:
                loop.close()
                self._ready.set()

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        logger.error("link emulator: %s", context.get("message"), exc_info=context.get("exception"))

    async def _main(self) -> None:
        self._stop_event = asyncio.Event()
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._accept_task = asyncio.create_task(self._accept_loop())
        self._state = "up"
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            await self._stop_listening(keep_port=False)
            await self._abort_all()
            self._state = "stopped"
            logger.info("link emulator on port %s stopped", self._laddr[1] if self._laddr else "?")

    async def _accept_loop(self) -> None:
        loop = asyncio.get_running_loop()
        lsock = self._lsock
        assert lsock is not None
        while True:
            try:
                client, peer = await loop.sock_accept(lsock)
            except OSError as exc:  # EMFILE and the like: log, wait a little, go on
                logger.warning("link emulator: accept failed: %s", exc)
                await asyncio.sleep(0.1)
                continue
            client.setblocking(False)
            _tune(client, None)
            self._accepted += 1
            self._next_id += 1
            conn = _Conn(self._next_id, client, peer)
            self._conns[conn.cid] = conn
            conn.task = asyncio.create_task(self._serve(conn), name=f"linkemu-conn-{conn.cid}")
            logger.debug("link emulator: connection %d from %s (%s)", conn.cid, peer, self._state)

    async def _stop_listening(self, *, keep_port: bool) -> None:
        task, self._accept_task = self._accept_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        lsock, self._lsock = self._lsock, None
        if lsock is None:
            return
        lsock.close()
        if keep_port and self._laddr is not None:
            # Hold the port with a bound socket that does not listen: connects are refused (RST)
            # and nobody else can take the port before restore() listens on it again.
            keeper = socket.socket(self._family, socket.SOCK_STREAM)
            try:
                keeper.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                keeper.bind(self._laddr)
                self._keeper = keeper
            except OSError as exc:
                keeper.close()
                logger.warning("link emulator: could not hold port %s: %s", self._laddr[1], exc)

    async def _start_listening(self) -> None:
        if self._lsock is not None:
            return
        assert self._laddr is not None
        try:
            self._lsock = self._listen_socket(int(self._laddr[1]))
        finally:
            keeper, self._keeper = self._keeper, None
            if keeper is not None:
                keeper.close()
        self._accept_task = asyncio.create_task(self._accept_loop())

    async def _abort_all(self) -> None:
        conns = list(self._conns.values())
        for conn in conns:
            self._abort(conn)
        tasks = [c.task for c in conns if c.task is not None]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _abort(self, conn: _Conn) -> None:
        conn.rst = True
        if not conn.aborting and conn.task is not None and not conn.task.done():
            conn.aborting = True
            conn.task.cancel()

    async def _cut(self, mode: CutMode) -> None:
        assert self._flowing is not None
        if mode == "reset":
            self._state = "reset"
            await self._stop_listening(keep_port=True)
            await self._abort_all()
            self._flowing.set()  # nothing is held any more
        else:
            self._flowing.clear()
            self._state = "blackhole"
            await self._start_listening()  # if it was a reset cut before
        logger.info("link emulator on port %s: cut (%s)", self.port, mode)

    async def _restore(self, resume: bool) -> None:
        assert self._flowing is not None
        if self._state == "blackhole":
            if not resume:
                await self._abort_all()
            self._flowing.set()
        elif self._state == "reset":
            await self._start_listening()
        if self._state != "up":
            logger.info("link emulator on port %s: restored%s", self.port,
                        " (held data resumes)" if resume else "")
        self._state = "up"

    # -- one connection -------------------------------------------------------------------------

    async def _serve(self, conn: _Conn) -> None:
        assert self._flowing is not None
        workers: list[asyncio.Task[None]] = []
        try:
            if not self._flowing.is_set():  # accepted during a blackhole: it waits, gets nothing
                await self._flowing.wait()
            conn.upstream = await self._connect_upstream(conn)
            if conn.upstream is None:
                conn.rst = True
                return
            up, down = self._halves["to_target"], self._halves["to_client"]
            to_target, to_client = _Pipe(), _Pipe()
            workers = [
                asyncio.create_task(self._reader(conn, conn.client, up, to_target)),
                asyncio.create_task(self._writer(conn, conn.upstream, up, to_target)),
                asyncio.create_task(self._reader(conn, conn.upstream, down, to_client)),
                asyncio.create_task(self._writer(conn, conn.client, down, to_client)),
            ]
            await conn.finished.wait()
        except asyncio.CancelledError:
            pass  # aborted: cut, stop, or a failure on either side
        except Exception:
            conn.rst = True
            logger.exception("link emulator: connection %d failed", conn.cid)
        finally:
            try:
                for task in workers:
                    task.cancel()
                if workers:
                    await asyncio.gather(*workers, return_exceptions=True)
            finally:
                for sock in (conn.client, conn.upstream):
                    if sock is not None:
                        if conn.rst:
                            _set_linger_zero(sock)
                        sock.close()
                self._conns.pop(conn.cid, None)
            logger.debug("link emulator: connection %d closed%s", conn.cid,
                         " (reset)" if conn.rst else "")

    async def _connect_upstream(self, conn: _Conn) -> socket.socket | None:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(
                self.target_host, self.target_port, type=socket.SOCK_STREAM
            )
        except OSError as exc:
            logger.warning("link emulator: cannot resolve %s: %s", self.target_host, exc)
            return None
        error: BaseException | None = None
        for family, type_, proto, _, addr in infos:
            sock = socket.socket(family, type_, proto)
            try:
                sock.setblocking(False)
                _tune(sock, self._sock_buffer)
                async with asyncio.timeout(_CONNECT_TIMEOUT_S):
                    await loop.sock_connect(sock, addr)
                return sock
            except (OSError, TimeoutError) as exc:
                sock.close()
                error = exc
            except BaseException:
                sock.close()
                raise
        logger.debug("link emulator: connection %d: target %s:%s unreachable: %s",
                      conn.cid, self.target_host, self.target_port, error)
        return None

    async def _reader(self, conn: _Conn, src: socket.socket, half: _Half, pipe: _Pipe) -> None:
        loop = asyncio.get_running_loop()
        flowing = self._flowing
        assert flowing is not None
        try:
            while True:
                await flowing.wait()
                limited = half.bucket.rate_bps is not None
                data = await loop.sock_recv(src, self._burst if limited else _READ_UNLIMITED)
                if not data:
                    await flowing.wait()
                    await pipe.put(loop.time() + half.delay_s, _End.EOF)
                    return
                view = memoryview(data)
                step = self._burst if half.bucket.rate_bps is not None else len(data)
                for at in range(0, len(data), step):
                    piece = bytes(view[at : at + step])
                    await flowing.wait()
                    await half.bucket.take(len(piece))  # serialization at the rate...
                    await pipe.put(loop.time() + half.delay_s, piece)  # ...then propagation
        except OSError as exc:
            logger.debug("link emulator: connection %d %s: read failed: %s",
                         conn.cid, half.name, exc)
            await flowing.wait()
            await pipe.put(loop.time() + half.delay_s, _End.ABORT)

    async def _writer(self, conn: _Conn, dst: socket.socket, half: _Half, pipe: _Pipe) -> None:
        loop = asyncio.get_running_loop()
        flowing = self._flowing
        assert flowing is not None
        try:
            while True:
                due, item = await pipe.head()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                await flowing.wait()
                if isinstance(item, _End):
                    pipe.pop_end()
                    if item is _End.ABORT:
                        self._abort(conn)
                        return
                    dst.shutdown(socket.SHUT_WR)
                    conn.ends_delivered += 1
                    if conn.ends_delivered == 2:
                        conn.finished.set()
                    return
                batch = pipe.pop_due(loop.time())
                await loop.sock_sendall(dst, batch)
                half.bytes += len(batch)
                await pipe.release(len(batch))
        except OSError as exc:
            logger.debug("link emulator: connection %d %s: write failed: %s",
                         conn.cid, half.name, exc)
            self._abort(conn)


# -- root only: the kernel does the shaping ------------------------------------------------------


class NetnsUnavailable(RuntimeError):
    """Network namespaces cannot be set up here (not root, no `ip`/`tc`, or not permitted)."""


NetnsSide = Literal["a", "b"]
_SIDES: tuple[NetnsSide, ...] = ("a", "b")
_netns_ids = itertools.count(1)


class NetnsLink:
    """Two fresh network namespaces, `a` (198.18.0.1) and `b` (198.18.0.2), joined by a veth pair
    whose two ends are each shaped by `tc tbf` (bandwidth, burst, queue). Root only.

    Nothing is added to the host's own namespace: both veth ends live in the new namespaces (so
    the addresses, from the RFC 2544 benchmarking range, never meet anything else), and `stop()`
    deletes the namespaces, which deletes the veth pair with them.

    `cut()` swaps each end's qdisc for a zero-length FIFO: every packet is dropped silently, TCP
    connections stay open and retransmit, new connects time out — a dead satellite link.
    `restore()` puts the shaping back; TCP recovers by itself if it has not given up.
    """

    A_ADDR = "198.18.0.1"
    B_ADDR = "198.18.0.2"
    _DEV = "zjlink"

    def __init__(
        self,
        rate_bps: float | None = 256_000,
        *,
        burst_bytes: int = DEFAULT_BURST,
        queue_ms: int = 2000,
        name: str | None = None,
    ) -> None:
        self.rate_bps = _check_rate(rate_bps)
        self.burst_bytes = max(burst_bytes, 1600)  # tbf needs a whole frame in the bucket
        self.queue_ms = queue_ms
        base = name or f"zj{os.getpid()}-{next(_netns_ids)}"
        self.ns: dict[NetnsSide, str] = {"a": f"{base}-a", "b": f"{base}-b"}
        self._made: list[str] = []
        self._cut = False

    @staticmethod
    def unavailable_reason() -> str | None:
        """Why this machine cannot run a NetnsLink, or None if it may (creation can still fail)."""
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            return "network namespaces need root"
        missing = [tool for tool in ("ip", "tc") if shutil.which(tool) is None]
        if missing:
            return f"missing {', '.join(missing)} (iproute2)"
        return None

    def addr(self, side: NetnsSide) -> str:
        return self.A_ADDR if side == "a" else self.B_ADDR

    def command(self, side: NetnsSide, argv: Sequence[str]) -> list[str]:
        """`argv` run inside namespace `side` (for subprocess)."""
        return ["ip", "netns", "exec", self.ns[side], *argv]

    def start(self) -> NetnsLink:
        reason = self.unavailable_reason()
        if reason is not None:
            raise NetnsUnavailable(reason)
        try:
            for side in _SIDES:
                self._run("ip", "netns", "add", self.ns[side])
                self._made.append(self.ns[side])
            a, b = self.ns["a"], self.ns["b"]
            self._run("ip", "-n", a, "link", "add", self._DEV, "type", "veth",
                      "peer", "name", self._DEV, "netns", b)
            for side in _SIDES:
                ns = self.ns[side]
                self._run("ip", "-n", ns, "addr", "add", f"{self.addr(side)}/30", "dev", self._DEV)
                self._run("ip", "-n", ns, "link", "set", "lo", "up")
                self._run("ip", "-n", ns, "link", "set", self._DEV, "up")
            self._shape()
        except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
            self.stop()
            raise NetnsUnavailable(f"could not set up the namespaces: {exc}") from exc
        logger.info("netns link %s ⇄ %s at %s bit/s", self.ns["a"], self.ns["b"],
                    self.rate_bps or "unlimited")
        return self

    def set_rate(self, rate_bps: float | None) -> None:
        self.rate_bps = _check_rate(rate_bps)
        if self._made and not self._cut:
            self._shape()

    def cut(self) -> None:
        for ns in self.ns.values():
            self._run("tc", "-n", ns, "qdisc", "replace", "dev", self._DEV, "root",
                      "pfifo", "limit", "0")
        self._cut = True

    def restore(self) -> None:
        self._cut = False
        self._shape()

    def stop(self) -> None:
        """Delete the namespaces (and the veth pair with them). Idempotent."""
        while self._made:
            ns = self._made.pop()
            try:
                self._run("ip", "netns", "del", ns)
            except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
                logger.warning("netns link: could not delete namespace %s: %s", ns, exc)

    def __enter__(self) -> NetnsLink:
        if not self._made:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _shape(self) -> None:
        for ns in self.ns.values():
            if self.rate_bps is None:
                self._run("tc", "-n", ns, "qdisc", "replace", "dev", self._DEV, "root",
                          "pfifo", "limit", "1000")
            else:
                self._run("tc", "-n", ns, "qdisc", "replace", "dev", self._DEV, "root", "tbf",
                          "rate", f"{int(self.rate_bps)}bit", "burst", f"{self.burst_bytes}b",
                          "latency", f"{self.queue_ms}ms")

    @staticmethod
    def _run(*argv: str) -> None:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False,
                              stdin=subprocess.DEVNULL)
        if proc.returncode != 0:
            raise RuntimeError(f"`{' '.join(argv)}` exited {proc.returncode}: {proc.stderr.strip()}")
