"""Ops: the one unit of change, their canonical encoding, signatures and the hybrid logical clock.

An op is born at one post, signed there, and never altered afterwards — relays pass the exact
bytes on. On the wire and in the op log an op is an *envelope*: msgpack ``[body, signature]``
where ``body`` is the canonical msgpack encoding of a map (keys sorted at every level), and the
signature is the origin's Ed25519 signature over ``body``. Keeping ``body`` as bytes lets a post
hold and relay an op of a newer format version that it cannot apply yet.

Body keys (format version 1)::

    v   format version                  o   origin: "<post id>.<epoch>"
    s   sequence number (1, 2, … per origin, contiguous)
    h   hybrid logical clock stamp      u   operator (the person signed in at the post)
    t   entity type                     i   entity id
    k   kind: "put" | "del" | "add"     f   fields: name -> value
    b   bases: for each field put, the versions its author saw, as [[origin, seq], …]

A version of a field is named by the op that wrote it, ``(origin, seq)``. An origin is a post id
plus an *epoch* chosen at random when the post is created or restored, so a post restored from
an old backup starts a fresh sequence and never reuses a sequence number.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgpack
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT_VERSION = 1
KINDS = ("put", "del", "add")
MAX_OP_BYTES = 1 << 20  # an op carries data, never a blob; blobs travel separately

# A stamp more than this far ahead of local time does not drag the local clock along.
MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000

VersionRef = tuple[str, int]  # (origin, seq): the op that wrote a field version


class OpError(ValueError):
    """An op that cannot be decoded or is not well formed; the message is the reason."""


# ----------------------------------------------------------------------------- canonical encoding


def _canonical(value: Any) -> Any:
    """Sort map keys at every level so that equal values always encode to equal bytes."""
    t = type(value)  # exact types: this runs for every op received, so no ABC checks
    if t is dict:
        return {k: _canonical(value[k]) for k in sorted(value)}
    if t is list or t is tuple:
        return [_canonical(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _canonical(value[k]) for k in sorted(value)}
    return value


def pack(value: Any) -> bytes:
    """Canonical msgpack: sorted keys, str as str, bytes as bin, lists for tuples."""
    return bytes(msgpack.packb(_canonical(value), use_bin_type=True))


def unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, raw=False, strict_map_key=True, use_list=True)


def post_id_of(public_key: bytes) -> str:
    """A post id is derived from its signing key, so an id cannot be claimed by another key."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def split_origin(origin: str) -> tuple[str, str]:
    post, _, epoch = origin.partition(".")
    return post, epoch


# ----------------------------------------------------------------------------- the op


@dataclass(frozen=True, slots=True)
class Op:
    """A decoded, signed op. ``raw`` is the envelope exactly as signed and relayed."""

    v: int
    origin: str
    seq: int
    hlc: int
    operator: str
    etype: str
    eid: str
    kind: str
    fields: dict[str, Any]
    bases: dict[str, list[VersionRef]]
    raw: bytes = field(repr=False, compare=False)
    body: bytes = field(repr=False, compare=False)
    signature: bytes = field(repr=False, compare=False)

    @property
    def post_id(self) -> str:
        return split_origin(self.origin)[0]

    @property
    def ref(self) -> VersionRef:
        return (self.origin, self.seq)

    def verify(self, public_key: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(self.signature, self.body)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True, slots=True)
class Envelope:
    """What every post can read of any op, whatever its format version."""

    origin: str
    seq: int
    v: int
    hlc: int
    body: bytes
    signature: bytes
    raw: bytes

    @property
    def post_id(self) -> str:
        return split_origin(self.origin)[0]

    def verify(self, public_key: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(self.signature, self.body)
        except (InvalidSignature, ValueError):
            return False
        return True


def open_envelope(raw: bytes) -> tuple[Envelope, dict[str, Any]]:
    """Decode the envelope and its body map; check only what every format version shares."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise OpError("not bytes")
    raw = bytes(raw)
    if len(raw) > MAX_OP_BYTES:
        raise OpError(f"op too large ({len(raw)} bytes)")
    try:
        outer = unpack(raw)
    except Exception as exc:  # msgpack raises several types for garbage
        raise OpError(f"malformed envelope: {exc.__class__.__name__}") from None
    if not (isinstance(outer, list) and len(outer) == 2):
        raise OpError("malformed envelope: expected [body, signature]")
    body, sig = outer
    if not isinstance(body, bytes) or not isinstance(sig, bytes) or len(sig) != 64:
        raise OpError("malformed envelope: body or signature of the wrong type")
    try:
        m = unpack(body)
    except Exception as exc:
        raise OpError(f"malformed body: {exc.__class__.__name__}") from None
    if not isinstance(m, dict):
        raise OpError("malformed body: not a map")
    v, origin, seq, hlc = m.get("v"), m.get("o"), m.get("s"), m.get("h")
    if not (isinstance(v, int) and not isinstance(v, bool) and v >= 1):
        raise OpError("bad format version")
    if not (isinstance(origin, str) and 3 <= len(origin) <= 64 and "." in origin):
        raise OpError("bad origin")
    if not (isinstance(seq, int) and not isinstance(seq, bool) and 1 <= seq < 2**63):
        raise OpError("bad sequence number")
    if not (isinstance(hlc, int) and not isinstance(hlc, bool) and 0 <= hlc < 2**64):
        raise OpError("bad clock stamp")
    return Envelope(origin, seq, v, hlc, body, sig, raw), m


def decode(raw: bytes, *, trusted: bool = False) -> Op:
    """Decode a format-1 op. Raises OpError with the reason when it is not well formed.

    ``trusted`` skips the canonical-encoding check, for ops read back from our own op log.
    """
    env, m = open_envelope(raw)
    if env.v != FORMAT_VERSION:
        raise OpError(f"format version {env.v} is not {FORMAT_VERSION}")
    return op_from_map(env, m, trusted=trusted)


def op_from_map(env: Envelope, m: dict[str, Any], *, trusted: bool = False) -> Op:
    expected = {"v", "o", "s", "h", "u", "t", "i", "k", "f", "b"}
    if set(m) != expected:
        raise OpError(f"unexpected body keys: {sorted(set(m) ^ expected)}")
    operator, etype, eid, kind, fields, bases = m["u"], m["t"], m["i"], m["k"], m["f"], m["b"]
    if not (isinstance(operator, str) and len(operator) <= 64):
        raise OpError("bad operator")
    if not (isinstance(etype, str) and 1 <= len(etype) <= 32):
        raise OpError("bad entity type")
    if not (isinstance(eid, str) and 1 <= len(eid) <= 64):
        raise OpError("bad entity id")
    if kind not in KINDS:
        raise OpError("bad kind")
    if not isinstance(fields, dict) or not all(isinstance(k, str) for k in fields):
        raise OpError("bad fields")
    if not isinstance(bases, dict):
        raise OpError("bad bases")
    parsed: dict[str, list[VersionRef]] = {}
    for name, refs in bases.items():
        if name not in fields and not (kind == "del" and name == "deleted"):
            raise OpError(f"base for a field not put: {name}")
        if not isinstance(refs, list):
            raise OpError("bad bases")
        out: list[VersionRef] = []
        for ref in refs:
            if not (
                isinstance(ref, list)
                and len(ref) == 2
                and isinstance(ref[0], str)
                and isinstance(ref[1], int)
                and not isinstance(ref[1], bool)
            ):
                raise OpError("bad base reference")
            out.append((ref[0], ref[1]))
        parsed[name] = out
    if not trusted and pack(m) != env.body:
        raise OpError("body is not in canonical encoding")
    return Op(
        v=env.v,
        origin=env.origin,
        seq=env.seq,
        hlc=env.hlc,
        operator=operator,
        etype=etype,
        eid=eid,
        kind=kind,
        fields=fields,
        bases=parsed,
        raw=env.raw,
        body=env.body,
        signature=env.signature,
    )


def encode(
    key: Ed25519PrivateKey,
    *,
    origin: str,
    seq: int,
    hlc: int,
    operator: str,
    etype: str,
    eid: str,
    kind: str,
    fields: Mapping[str, Any],
    bases: Mapping[str, list[VersionRef]] | None = None,
    version: int = FORMAT_VERSION,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """Build, sign and return the envelope of a new op.

    ``extra`` adds body keys; only tests use it, to make ops of a future format version.
    """
    body_map: dict[str, Any] = {
        "v": version,
        "o": origin,
        "s": seq,
        "h": hlc,
        "u": operator,
        "t": etype,
        "i": eid,
        "k": kind,
        "f": dict(fields),
        "b": {name: [list(r) for r in refs] for name, refs in (bases or {}).items()},
    }
    if extra:
        body_map.update(extra)
    body = pack(body_map)
    return pack([body, key.sign(body)])


# ----------------------------------------------------------------------------- hybrid logical clock

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def hlc_ms(stamp: int) -> int:
    """Wall-clock milliseconds (UTC epoch) of a stamp."""
    return stamp >> COUNTER_BITS


def hlc_of_ms(ms: int, counter: int = 0) -> int:
    return (ms << COUNTER_BITS) | (counter & COUNTER_MASK)


class HybridClock:
    """48-bit milliseconds and a 16-bit counter: monotonic here, close to wall time everywhere.

    ``observe`` takes a remote stamp into account without ever changing it; a stamp more than five
    minutes ahead of local time is reported through ``on_skew`` and does not move the clock, so one
    post with a wrong clock cannot drag every post into the future.
    """

    def __init__(
        self,
        last: int = 0,
        *,
        wall_ms: Callable[[], int] | None = None,
        on_skew: Callable[[int], None] | None = None,
    ) -> None:
        self._last = last
        self._wall = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._on_skew = on_skew
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def now(self) -> int:
        with self._lock:
            wall = hlc_of_ms(self._wall())
            self._last = wall if wall > self._last else self._last + 1
            return self._last

    def observe(self, remote: int) -> bool:
        """Advance past a remote stamp; False (and no change) when it is too far ahead."""
        with self._lock:
            ahead_ms = hlc_ms(remote) - self._wall()
            if ahead_ms > MAX_CLOCK_AHEAD_MS:
                if self._on_skew:
                    self._on_skew(ahead_ms)
                return False
            if remote > self._last:
                self._last = remote
            return True
