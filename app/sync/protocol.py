"""Sync frames: what posts say to each other, and the checks every received frame passes.

A frame is one ZeroMQ message part: a type byte, a flags byte (bit 0: the payload is zstd
compressed), then a msgpack map. Anything that fails a check raises ``ProtocolError``; the
engine counts it against the sender and carries on — a hostile or broken frame never stops a
node or loses a record.

| type  | payload                                           | meaning                               |
|-------|---------------------------------------------------|---------------------------------------|
| HELLO | v, post, origin, name, vv (rate)                  | start (or restart) a session; rate:   |
|       |                                                   | the link budget its sender works to   |
| OPS   | b (batch id), ops [envelopes]                     | ops the other side lacks, in order    |
| ACK   | b, vv                                             | batch applied; what I now hold        |
| PING  | t                                                 | heartbeat; echo t in PONG (RTT)       |
| PONG  | t                                                 |                                       |
| WANT  | sha, off                                          | send this blob from byte ``off`` — and|
|       |                                                   | the ack of chunks arrived so far      |
| CHUNK | sha, off, size, data                              | a piece of a blob                     |
| NOBLOB| sha                                               | I do not have it (yet)                |
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import msgpack
import zstandard

PROTOCOL_VERSION = 1
MAX_FRAME = 4 << 20  # bytes on the wire
MAX_PAYLOAD = 16 << 20  # after decompression
MAX_OPS_PER_BATCH = 5000
COMPRESS_ABOVE = 512  # small frames are not worth compressing

HELLO, OPS, ACK, PING, PONG, WANT, CHUNK, NOBLOB = range(1, 9)
NAMES = {HELLO: "HELLO", OPS: "OPS", ACK: "ACK", PING: "PING", PONG: "PONG", WANT: "WANT",
         CHUNK: "CHUNK", NOBLOB: "NOBLOB"}

_compressor = zstandard.ZstdCompressor(level=3)
_decompressor = zstandard.ZstdDecompressor()


class ProtocolError(ValueError):
    """A frame that breaks the protocol; the message says how."""


@dataclass(frozen=True)
class Frame:
    kind: int
    body: dict[str, Any]

    @property
    def name(self) -> str:
        return NAMES.get(self.kind, str(self.kind))


def encode_frame(kind: int, body: dict[str, Any]) -> bytes:
    payload = bytes(msgpack.packb(body, use_bin_type=True))
    if len(payload) > COMPRESS_ABOVE:
        return bytes((kind, 1)) + _compressor.compress(payload)
    return bytes((kind, 0)) + payload


def _is_vv(v: Any) -> bool:
    return isinstance(v, dict) and len(v) < 100_000 and all(
        isinstance(k, str) and len(k) <= 64 and isinstance(n, int) and not isinstance(n, bool) and n >= 0
        for k, n in v.items()
    )


def _is_sha(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v)


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**53


_CHECKS: dict[int, dict[str, Any]] = {
    HELLO: {"v": _is_count, "post": lambda v: isinstance(v, str) and len(v) <= 64,
            "origin": lambda v: isinstance(v, str) and len(v) <= 64,
            "name": lambda v: isinstance(v, str) and len(v) <= 200, "vv": _is_vv},
    OPS: {"b": _is_count, "ops": lambda v: isinstance(v, list) and len(v) <= MAX_OPS_PER_BATCH
          and all(isinstance(x, bytes) for x in v)},
    ACK: {"b": _is_count, "vv": _is_vv},
    PING: {"t": _is_count},
    PONG: {"t": _is_count},
    WANT: {"sha": _is_sha, "off": _is_count},
    CHUNK: {"sha": _is_sha, "off": _is_count, "size": _is_count,
            "data": lambda v: isinstance(v, bytes) and len(v) <= 1 << 20},
    NOBLOB: {"sha": _is_sha},
}


def decode_frame(data: bytes) -> Frame:
    if len(data) < 2:
        raise ProtocolError("frame too short")
    if len(data) > MAX_FRAME:
        raise ProtocolError(f"frame too large ({len(data)} bytes)")
    kind, flags = data[0], data[1]
    checks = _CHECKS.get(kind)
    if checks is None:
        raise ProtocolError(f"unknown frame type {kind}")
    payload = data[2:]
    if flags & 1:
        try:  # streamed and bounded: a frame that claims a huge size cannot allocate it
            with _decompressor.stream_reader(io.BytesIO(payload)) as reader:
                payload = reader.read(MAX_PAYLOAD + 1)
        except zstandard.ZstdError as exc:
            raise ProtocolError(f"bad compression: {exc}") from None
        if len(payload) > MAX_PAYLOAD:
            raise ProtocolError("payload too large")
    elif flags:
        raise ProtocolError("unknown flags")
    try:
        body = msgpack.unpackb(payload, raw=False, strict_map_key=True, max_bin_len=MAX_PAYLOAD)
    except Exception as exc:  # msgpack raises several types on garbage
        raise ProtocolError(f"bad payload: {exc.__class__.__name__}") from None
    if not isinstance(body, dict):
        raise ProtocolError("payload is not a map")
    for key, ok in checks.items():
        if key not in body or not ok(body[key]):
            raise ProtocolError(f"{NAMES[kind]}: bad or missing {key!r}")
    return Frame(kind, body)
