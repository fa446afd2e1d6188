"""One sync session with one peer: what it holds, what is in flight, and the link's figures.

Pure state, no sockets: the engine feeds it frames and asks it what to send next. A session is
reset whenever the peer says HELLO (a new connection): what was in flight is forgotten and the
stream resumes from the peer's version vector, so a reconnect costs only what is missing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


def now_ms() -> int:
    return time.monotonic_ns() // 1_000_000


@dataclass
class TokenBucket:
    """A bandwidth budget in bits per second; None = unlimited. Sending may overdraw by one frame."""

    rate_bps: int | None
    tokens: float = 0.0
    at: float = field(default_factory=time.monotonic)

    def refill(self) -> None:
        if self.rate_bps is None:
            return
        t = time.monotonic()
        burst = max(4096.0, self.rate_bps / 8 / 4)
        self.tokens = min(burst, self.tokens + (t - self.at) * self.rate_bps / 8)
        self.at = t

    def can_send(self) -> bool:
        self.refill()
        return self.rate_bps is None or self.tokens > 0

    def spend(self, n: int) -> None:
        if self.rate_bps is not None:
            self.tokens -= n

    def wait_s(self) -> float:
        """How long until sending is allowed again."""
        if self.rate_bps is None or self.tokens > 0:
            return 0.0
        return -self.tokens * 8 / self.rate_bps


@dataclass
class Rate:
    """Bytes per second, smoothed over a few seconds."""

    value: float = 0.0
    _count: int = 0
    _since: float = field(default_factory=time.monotonic)

    def add(self, n: int) -> None:
        self._count += n
        t = time.monotonic()
        if t - self._since >= 1.0:
            self.value = 0.6 * self.value + 0.4 * self._count / (t - self._since)
            self._count, self._since = 0, t


@dataclass(eq=False)  # identity matters: sessions are dictionary keys in the engine
class Session:
    name: str  # endpoint of an outgoing link, or the peer post's name for an incoming one
    outgoing: bool
    rate_bps: int | None = None
    connected: bool = False
    post_id: str | None = None  # the peer post, known once authenticated / after HELLO
    hello: bool = False  # the peer's HELLO arrived on this connection
    peer_vv: dict[str, int] = field(default_factory=dict)  # what the peer holds (its word)
    sent_vv: dict[str, int] = field(default_factory=dict)  # what we have sent on this connection
    inflight: dict[int, tuple[int, float]] = field(default_factory=dict)  # batch -> (bytes, sent)
    next_batch: int = 1
    last_rx_wall: float | None = None  # wall-clock seconds of the last frame from the peer
    last_rx: float = 0.0  # monotonic
    last_ping: float = 0.0
    rtt_ms: float | None = None
    skew_ms: float | None = None
    tx: Rate = field(default_factory=Rate)
    rx: Rate = field(default_factory=Rate)
    bytes_tx: int = 0
    bytes_rx: int = 0
    ops_tx: int = 0
    ops_rx: int = 0
    bad_frames: int = 0
    error: str = ""
    blob_sends: dict[str, tuple[int, int]] = field(default_factory=dict)  # blob -> (next, acked)
    blob_wants: dict[str, float] = field(default_factory=dict)  # blob -> when we last asked
    hurried: set[str] = field(default_factory=set)  # blobs this peer was asked to send first
    bucket: TokenBucket = field(default_factory=lambda: TokenBucket(None))

    def __post_init__(self) -> None:
        self.bucket = TokenBucket(self.rate_bps)

    def reset(self, peer_vv: dict[str, int]) -> None:
        """A new connection: resume from what the peer says it holds."""
        self.hello = True
        self.peer_vv = dict(peer_vv)
        self.sent_vv = dict(peer_vv)
        self.inflight.clear()
        self.blob_sends.clear()
        self.blob_wants.clear()
        self.hurried.clear()

    def disconnect(self, reason: str = "") -> None:
        self.connected = False
        self.hello = False
        self.inflight.clear()
        self.blob_sends.clear()
        self.blob_wants.clear()
        self.hurried.clear()
        if reason:
            self.error = reason

    def received(self, n: int) -> None:
        self.last_rx = time.monotonic()
        self.last_rx_wall = time.time()
        self.bytes_rx += n
        self.rx.add(n)

    def sent(self, n: int) -> None:
        self.bytes_tx += n
        self.tx.add(n)
        self.bucket.spend(n)

    def ack(self, batch: int, vv: dict[str, int]) -> None:
        self.inflight.pop(batch, None)
        for origin, seq in vv.items():
            if seq > self.peer_vv.get(origin, 0):
                self.peer_vv[origin] = seq
            if seq > self.sent_vv.get(origin, 0):
                self.sent_vv[origin] = seq

    def window_bytes(self) -> int:
        """Bytes allowed in flight: about two seconds of the link, never less than 64 KiB."""
        if self.rate_bps is None:
            return 8 << 20
        return max(64 * 1024, self.rate_bps // 8 * 2)

    def set_rate(self, rate_bps: int) -> None:
        self.rate_bps = rate_bps
        self.bucket = TokenBucket(rate_bps)

    def chunk_bytes(self) -> int:
        """A quarter second of the link (2–16 KiB): what an op may have to wait behind."""
        if self.rate_bps is None:
            return 64 * 1024
        return max(2048, min(16 * 1024, self.rate_bps // 8 // 4))

    def blob_window(self) -> int:
        """Blob bytes in flight: about one second of the link, at least two chunks."""
        if self.rate_bps is None:
            return 1 << 20
        return max(2 * self.chunk_bytes(), self.rate_bps // 8)

    def batch_bytes(self) -> int:
        if self.rate_bps is None:
            return 512 * 1024
        return max(2048, min(64 * 1024, self.rate_bps // 8 // 2))

    def inflight_bytes(self) -> int:
        return sum(n for n, _ in self.inflight.values())

    def lacks(self, mine: dict[str, int]) -> int:
        """How many of our ops the peer does not hold yet."""
        return sum(max(0, seq - self.peer_vv.get(origin, 0)) for origin, seq in mine.items())

    def owes(self, mine: dict[str, int]) -> int:
        """How many ops the peer holds that we do not (as far as it has told us)."""
        return sum(max(0, seq - mine.get(origin, 0)) for origin, seq in self.peer_vv.items())

    def figures(self, mine: dict[str, int]) -> dict[str, Any]:
        return {
            "name": self.name,
            "direction": "out" if self.outgoing else "in",
            "post": self.post_id,
            "state": "connected" if self.connected and self.hello else "offline",
            "last_contact": self.last_rx_wall,
            "rtt_ms": None if self.rtt_ms is None else round(self.rtt_ms, 1),
            "clock_skew_ms": None if self.skew_ms is None else round(self.skew_ms),
            "tx_bytes_per_s": round(self.tx.value),
            "rx_bytes_per_s": round(self.rx.value),
            "bytes_tx": self.bytes_tx,
            "bytes_rx": self.bytes_rx,
            "ops_tx": self.ops_tx,
            "batches_tx": self.next_batch - 1,
            "ops_rx": self.ops_rx,
            "queued_ops": self.lacks(mine),
            "inflight_bytes": self.inflight_bytes(),
            "blobs_sending": len(self.blob_sends),
            "rate_bps": self.rate_bps,
            "bad_frames": self.bad_frames,
            "error": self.error,
        }
