"""The link emulator: a TCP relay that throttles, delays, cuts and restores, between real sockets.

Every test starts its own targets and emulator and stops them before it ends. Timing checks are
ratios to what the link's figures predict, with generous bounds — never exact seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import zmq
from zmq.utils.monitor import recv_monitor_message

from benchmarks.linkemu import LinkEmulator

MiB = 1024 * 1024
WAIT = 10.0  # seconds: the most any bounded wait here allows before failing
QUIET = 0.3  # seconds: how long "nothing arrives" is watched


def wait_until(pred: Callable[[], bool], timeout: float = WAIT, what: str = "condition") -> float:
    """Bounded polling; returns the seconds it took."""
    t0 = time.monotonic()
    while not pred():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.01)
    return time.monotonic() - t0


class Target:
    """A TCP server on 127.0.0.1 that runs `handler(conn)` in a thread per connection."""

    def __init__(self, handler: Callable[[socket.socket], None]) -> None:
        self.handler = handler
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.conns: list[socket.socket] = []
        self.threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name="target-accept", daemon=True)
        self._acceptor.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(WAIT * 3)
            self.accepted += 1
            self.conns.append(conn)
            t = threading.Thread(target=self._run, args=(conn,), name="target-conn", daemon=True)
            self.threads.append(t)
            t.start()

    def _run(self, conn: socket.socket) -> None:
        try:
            self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.sock.close()
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for t in [self._acceptor, *self.threads]:
            t.join(5)


def echo(conn: socket.socket) -> None:
    while data := conn.recv(65536):
        conn.sendall(data)


@contextlib.contextmanager
def target(handler: Callable[[socket.socket], None] = echo) -> Iterator[Target]:
    t = Target(handler)
    try:
        yield t
    finally:
        t.close()


def connect(emu: LinkEmulator) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", emu.port), timeout=WAIT)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_exactly(s: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise AssertionError(f"EOF after {len(buf)} of {n} bytes")
        buf += chunk
    return bytes(buf)


def recv_all(s: socket.socket) -> bytes:
    buf = bytearray()
    while chunk := s.recv(65536):
        buf += chunk
    return bytes(buf)


def is_dead(s: socket.socket) -> bool:
    """The connection was ended (RST or FIN) rather than merely quiet."""
    s.settimeout(WAIT)
    try:
        return s.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def is_quiet(s: socket.socket, seconds: float = QUIET) -> bool:
    """Nothing arrives and the connection stays open for `seconds`."""
    s.settimeout(seconds)
    try:
        s.recv(1)
    except TimeoutError:
        return True
    return False


def round_trip(s: socket.socket, payload: bytes = b"x") -> float:
    t0 = time.perf_counter()
    s.sendall(payload)
    assert recv_exactly(s, len(payload)) == payload
    return time.perf_counter() - t0


# -- data ------------------------------------------------------------------------------------


def test_bytes_pass_unchanged_both_ways_with_half_close() -> None:
    up, down = os.urandom(MiB), os.urandom(MiB)
    seen: dict[str, str] = {}
    done = threading.Event()

    def exchange(conn: socket.socket) -> None:
        sender = threading.Thread(target=lambda: (conn.sendall(down), conn.shutdown(socket.SHUT_WR)))
        sender.start()
        seen["at_target"] = hashlib.sha256(recv_all(conn)).hexdigest()
        sender.join(WAIT)
        done.set()

    with target(exchange) as t, LinkEmulator("127.0.0.1", t.port, delay_ms=5) as emu:
        s = connect(emu)
        sender = threading.Thread(target=lambda: (s.sendall(up), s.shutdown(socket.SHUT_WR)))
        sender.start()
        got = recv_all(s)  # ends when the target's FIN has come through the relay
        sender.join(WAIT)
        assert done.wait(WAIT)
        s.close()
        assert hashlib.sha256(got).hexdigest() == hashlib.sha256(down).hexdigest()
        assert seen["at_target"] == hashlib.sha256(up).hexdigest()
        assert (emu.bytes_to_target, emu.bytes_to_client) == (MiB, MiB)
        assert emu.bytes_forwarded == emu.stats().bytes_forwarded == 2 * MiB
        assert emu.connections_accepted == 1
        wait_until(lambda: emu.connections_active == 0, what="the relay closing after both FINs")


def sink(arrivals: list[tuple[int, float]], expect: int) -> Callable[[socket.socket], None]:
    """A target that reads `expect` bytes and records (bytes, time of the last one)."""

    def handler(conn: socket.socket) -> None:
        data = recv_exactly(conn, expect)
        arrivals.append((len(data), time.perf_counter()))

    return handler


def test_throughput_at_256_kbit_is_near_line_rate() -> None:
    rate, size = 256_000, 64 * 1024
    arrivals: list[tuple[int, float]] = []
    with target(sink(arrivals, size)) as t, LinkEmulator("127.0.0.1", t.port, rate_bps=rate) as emu:
        s = connect(emu)
        t0 = time.perf_counter()
        s.sendall(os.urandom(size))  # returns early: the relay and kernel buffer part of it
        wait_until(lambda: len(arrivals) == 1, what="64 KiB through 256 kbit/s")
        elapsed = arrivals[0][1] - t0
        s.close()
    ratio = elapsed / (size * 8 / rate)
    print(f"64 KiB at 256 kbit/s: {elapsed:.2f} s, {ratio:.2f}× line time")
    assert 0.6 <= ratio <= 1.3


def test_connections_share_one_link() -> None:
    """Two connections at once get the link's rate between them, not each."""
    rate, each = 1_000_000, 64 * 1024
    arrivals: list[tuple[int, float]] = []
    with target(sink(arrivals, each)) as t, LinkEmulator("127.0.0.1", t.port, rate_bps=rate) as emu:
        a, b = connect(emu), connect(emu)
        t0 = time.perf_counter()
        senders = [threading.Thread(target=s.sendall, args=(os.urandom(each),)) for s in (a, b)]
        for th in senders:
            th.start()
        wait_until(lambda: len(arrivals) == 2, what="both transfers")
        for th in senders:
            th.join(WAIT)
        elapsed = max(at for _, at in arrivals) - t0
        a.close()
        b.close()
        assert emu.bytes_to_target == 2 * each
    ratio = elapsed / (2 * each * 8 / rate)
    print(f"2 × 64 KiB at 1 Mbit/s shared: {elapsed:.2f} s, {ratio:.2f}× line time")
    # A link per connection would make it about 0.5. No upper bound: a loaded machine only makes
    # the transfer slower, which says nothing of how the link is shared.
    assert ratio >= 0.6


def test_delay_adds_two_delays_to_a_round_trip_and_changes_at_run_time() -> None:
    delay = 0.15
    with target() as t, LinkEmulator("127.0.0.1", t.port, delay_ms=delay * 1000) as emu:
        s = connect(emu)
        rtt = statistics.median(round_trip(s) for _ in range(3))
        emu.set_delay(0)
        fast = statistics.median(round_trip(s) for _ in range(3))
        # rate and delay together: serialization at the rate, then propagation
        emu.set_delay(delay * 1000)
        emu.set_rate(256_000)
        size = 16 * 1024
        payload = os.urandom(size)
        t0 = time.perf_counter()
        s.sendall(payload)  # echoed back as it arrives: both halves serialize in a pipeline
        assert recv_exactly(s, size) == payload
        both = time.perf_counter() - t0
        s.close()
    serial = (size - 2 * 4096) * 8 / 256_000  # each half's 4 KiB burst passes at once
    print(f"RTT with {delay * 1000:.0f} ms one way: {rtt * 1000:.0f} ms; "
          f"with 0: {fast * 1000:.1f} ms; 16 KiB echo at 256 kbit/s: {both:.2f} s")
    # Lower bounds only: the emulator must add what it is told to; a loaded machine adds more.
    assert rtt >= 0.9 * 2 * delay
    assert fast < rtt / 2  # the delay changed at run time
    assert both >= 2 * delay + 0.6 * serial


# -- cuts --------------------------------------------------------------------------------------


def test_cut_reset_breaks_live_connections_and_refuses_new_ones_until_restore() -> None:
    with target() as t, LinkEmulator("127.0.0.1", t.port) as emu:
        s = connect(emu)
        round_trip(s)
        port = emu.port
        emu.cut("reset")
        assert emu.state == "reset"
        assert is_dead(s)
        s.close()
        assert emu.connections_active == 0
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        emu.restore()
        assert emu.state == "up" and emu.port == port
        s2 = connect(emu)
        assert round_trip(s2, b"after restore")
        s2.close()
        assert emu.connections_accepted == 2


def test_cut_blackhole_stalls_without_closing_and_restore_resets() -> None:
    with target() as t, LinkEmulator("127.0.0.1", t.port) as emu:
        s = connect(emu)
        round_trip(s)
        emu.cut("blackhole")
        assert emu.state == "blackhole"
        s.sendall(b"into the void")
        assert is_quiet(s)  # open, but nothing comes back
        late = connect(emu)  # accepted...
        late.sendall(b"hello?")
        assert is_quiet(late)  # ...and gets nothing
        wait_until(lambda: emu.connections_accepted == 2, what="the relay accepting it")
        assert t.accepted == 1  # the target never heard of it
        assert emu.connections_active == 2
        emu.restore()  # default: what lived through the blackhole is reset
        assert is_dead(s) and is_dead(late)
        s.close()
        late.close()
        s3 = connect(emu)
        assert round_trip(s3, b"fresh")
        s3.close()


def test_cut_blackhole_then_resume_delivers_what_was_held() -> None:
    with target() as t, LinkEmulator("127.0.0.1", t.port, delay_ms=20) as emu:
        s = connect(emu)
        round_trip(s)
        emu.cut("blackhole")
        s.sendall(b"held")
        late = connect(emu)
        late.sendall(b"late")
        assert is_quiet(s, 0.2) and is_quiet(late, 0.2)
        emu.restore(resume=True)
        s.settimeout(WAIT)
        late.settimeout(WAIT)
        assert recv_exactly(s, 4) == b"held"
        assert recv_exactly(late, 4) == b"late"  # connected to the target at restore
        assert round_trip(s, b"again")
        s.close()
        late.close()


def test_target_down_resets_the_client() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))  # bound, never listening: connects are refused, and no other
    dead_port = probe.getsockname()[1]  # test of the suite can take the port meanwhile
    try:
        with LinkEmulator("127.0.0.1", dead_port) as emu:
            s = connect(emu)
            assert is_dead(s)
            s.close()
            wait_until(lambda: emu.connections_active == 0, what="the relay giving up")
    finally:
        probe.close()


# -- ZeroMQ through the link ----------------------------------------------------------------


def wait_event(monitor: zmq.Socket[bytes], event: int) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if monitor.poll(50) and recv_monitor_message(monitor)["event"] == event:
            return
    raise AssertionError(f"no monitor event {event}")


def probe_until_through(dealer: zmq.Socket[bytes], router: zmq.Socket[bytes], tag: str) -> None:
    """Send probes until one reaches the ROUTER (ZeroMQ reconnects on its own timer)."""
    deadline = time.monotonic() + WAIT
    i = 0
    while time.monotonic() < deadline:
        with contextlib.suppress(zmq.Again):
            dealer.send(f"{tag}-{i}".encode(), zmq.NOBLOCK)
        i += 1
        if router.poll(100):
            _, body = router.recv_multipart()
            if body.startswith(tag.encode()):
                return
    raise AssertionError(f"no {tag} probe came through")


def test_zeromq_dealer_router_through_the_link_survives_cuts() -> None:
    ctx = zmq.Context()
    router = ctx.socket(zmq.ROUTER)
    dealer = ctx.socket(zmq.DEALER)
    monitor = None
    emu = None
    try:
        for sock in (router, dealer):
            sock.linger = 0
            sock.setsockopt(zmq.HEARTBEAT_IVL, 100)
            sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, 500)
        dealer.setsockopt(zmq.RECONNECT_IVL, 100)
        dealer.setsockopt(zmq.HANDSHAKE_IVL, 1000)
        router_port = router.bind_to_random_port("tcp://127.0.0.1")
        emu = LinkEmulator("127.0.0.1", router_port, rate_bps=1_000_000, delay_ms=20).start()
        monitor = dealer.get_monitor_socket(zmq.EVENT_CONNECTED | zmq.EVENT_DISCONNECTED)
        dealer.connect(emu.endpoint)

        def ping_pong(tag: str, n: int = 20) -> None:
            for i in range(n):
                dealer.send(f"{tag}:{i}".encode())
            bodies: list[bytes] = []
            while len(bodies) < n:
                assert router.poll(int(WAIT * 1000)), f"{tag}: only {len(bodies)} of {n} arrived"
                ident, body = router.recv_multipart()
                if body.startswith(f"{tag}:".encode()):
                    bodies.append(body)
                    router.send_multipart([ident, b"re:" + body])
            assert bodies == [f"{tag}:{i}".encode() for i in range(n)]  # complete, in order
            replies = []
            while len(replies) < n:
                assert dealer.poll(int(WAIT * 1000)), f"{tag}: only {len(replies)} replies"
                reply = dealer.recv()
                if reply.startswith(f"re:{tag}:".encode()):
                    replies.append(reply)
            assert replies == [b"re:" + b for b in bodies]

        ping_pong("before")

        emu.cut("reset")  # the router says no: the DEALER sees the connection drop at once
        wait_event(monitor, zmq.EVENT_DISCONNECTED)
        emu.restore()
        probe_until_through(dealer, router, "probe-a")
        ping_pong("after-reset")

        emu.cut("blackhole")  # silence: only the ZMTP heartbeat can tell
        t0 = time.monotonic()
        wait_event(monitor, zmq.EVENT_DISCONNECTED)
        detected = time.monotonic() - t0
        emu.restore()
        probe_until_through(dealer, router, "probe-b")
        ping_pong("after-blackhole")
        print(f"heartbeat (100 ms / 500 ms) noticed the blackhole after {detected:.2f} s")
        assert emu.connections_accepted >= 3
    finally:
        if monitor is not None:
            dealer.disable_monitor()
            monitor.close(0)
        dealer.close(0)
        router.close(0)
        ctx.term()
        if emu is not None:
            emu.stop()


# -- life cycle -----------------------------------------------------------------------------


def linkemu_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("linkemu")]


def test_stop_leaves_no_thread_no_socket_and_is_idempotent() -> None:
    LinkEmulator("127.0.0.1", 9).stop()  # never started: nothing to do
    with target() as t:
        emu = LinkEmulator("127.0.0.1", t.port, rate_bps=256_000, delay_ms=50)
        try:
            emu.start()
            assert emu.endpoint == f"tcp://127.0.0.1:{emu.port}"
            assert len(linkemu_threads()) == 1
            s = connect(emu)
            round_trip(s)
            cpu0, wall0 = time.process_time(), time.monotonic()
            assert is_quiet(s, 0.5)  # idle with a connection open...
            cpu = time.process_time() - cpu0
            wall = time.monotonic() - wall0
            assert cpu < 0.2 * wall  # ...costs next to no CPU (no busy loop)
        finally:
            emu.stop()
        emu.stop()
        assert linkemu_threads() == []
        assert emu.state == "stopped"
        assert is_dead(s)
        s.close()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", emu.port), timeout=WAIT)
        with pytest.raises(RuntimeError):
            emu.cut()
        with pytest.raises(RuntimeError):
            emu.start()


def test_bad_arguments_are_refused_in_the_callers_thread() -> None:
    with pytest.raises(ValueError):
        LinkEmulator("127.0.0.1", 9, rate_bps=0)
    with pytest.raises(ValueError):
        LinkEmulator("127.0.0.1", 9, delay_ms=-1)
    with LinkEmulator("127.0.0.1", 9) as emu:
        with pytest.raises(ValueError):
            emu.cut("unplug")  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            emu.set_rate(-5)
        emu.set_rate(64_000, direction="to_target")
        emu.set_delay(300, direction="to_client")
        assert emu.rate_bps == 64_000 and emu.delay_ms == 0  # to_target's figures
    assert linkemu_threads() == []
