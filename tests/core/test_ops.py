"""Ops and the hybrid logical clock: canonical bytes, signatures, a clock that is never dragged."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.identity import public_bytes
from app.ops import (
    MAX_CLOCK_AHEAD_MS,
    HybridClock,
    OpError,
    decode,
    encode,
    hlc_ms,
    hlc_of_ms,
    pack,
    unpack,
)

KEY = Ed25519PrivateKey.generate()


def make(**over):
    args = dict(
        origin="abcd.0001",
        seq=1,
        hlc=hlc_of_ms(1_782_000_000_000),
        operator="李明",
        etype="incident",
        eid="i1",
        kind="put",
        fields={"title": "洪水", "b": 1, "a": 2},
        bases={"title": []},
    )
    args.update(over)
    return encode(KEY, **args)


def test_an_op_round_trips_and_its_signature_verifies():
    op = decode(make())
    assert (op.origin, op.seq, op.operator, op.fields["title"]) == ("abcd.0001", 1, "李明", "洪水")
    assert op.verify(public_bytes(KEY))
    assert not op.verify(public_bytes(Ed25519PrivateKey.generate()))


def test_the_encoding_is_canonical_whatever_the_order_of_the_fields():
    assert make(fields={"a": 2, "b": 1}) == make(fields={"b": 1, "a": 2})


def test_a_non_canonical_body_is_refused_even_when_signed():
    body = unpack(make())[0]
    m = unpack(body)
    import msgpack

    unsorted = msgpack.packb(dict(reversed(list(m.items()))), use_bin_type=True)
    with pytest.raises(OpError, match="canonical"):
        decode(pack([unsorted, KEY.sign(unsorted)]))


@pytest.mark.parametrize(
    "raw", [b"", b"\xc1", pack([b"x"]), pack([b"x", b"y"]), pack({"a": 1}), b"\xff" * 100]
)
def test_garbage_is_an_op_error_not_a_crash(raw):
    with pytest.raises(OpError):
        decode(raw)


def test_the_clock_is_monotonic_and_follows_remote_stamps():
    wall = [1_782_000_000_000]
    clock = HybridClock(wall_ms=lambda: wall[0])
    a = clock.now()
    b = clock.now()
    assert b > a and hlc_ms(b) == wall[0]
    remote = hlc_of_ms(wall[0] + 1000, 7)
    assert clock.observe(remote)
    assert clock.now() > remote


def test_a_stamp_far_ahead_does_not_drag_the_clock_and_is_reported():
    wall = [1_782_000_000_000]
    skews = []
    clock = HybridClock(wall_ms=lambda: wall[0], on_skew=skews.append)
    far = hlc_of_ms(wall[0] + MAX_CLOCK_AHEAD_MS + 60_000)
    assert not clock.observe(far)
    assert hlc_ms(clock.now()) == wall[0]
    assert skews == [MAX_CLOCK_AHEAD_MS + 60_000]
