"""Security and hostile input at a live node: CURVE + roster admission, tampered relayed ops,
garbage frames — the node keeps serving its other peers and loses nothing."""

from __future__ import annotations

import os
import time

import msgpack
import pytest
import zmq
from nodes import free_port

from app.datadir import PostFolder
from app.ops import pack, unpack
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import make_engine
from app.services.posts import init_post
from app.store.store import Draft
from app.sync.protocol import ACK, HELLO, OPS, PING, PONG, decode_frame, encode_frame


@pytest.fixture
def city(tmp_path):
    folder = init_post(tmp_path / "city", name="重庆市应急管理局指挥中心", role="rear")
    store = folder.open_store()
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    create(store, "李明", "incident", {"title": "洪水", "category": "flood", "status": "open"})
    engine = make_engine(folder, store, listen=endpoint)
    engine.start()
    yield folder, store, engine, endpoint
    engine.stop()
    store.close()


def enrolled(tmp_path, folder, store, name, role="rear"):
    pkg = tmp_path / f"{name}.pkg"
    create_package(folder, store, name=name, role=role, level="district", endpoint="tcp://127.0.0.1:1", out=pkg)
    post = PostFolder(tmp_path / name)
    import_package(pkg, post)
    return post


class RawPeer:
    """A hand-driven DEALER speaking our protocol, with whatever keys the test gives it."""

    def __init__(self, endpoint, server_key, public, secret):
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.curve_serverkey = server_key.encode()
        self.sock.curve_publickey, self.sock.curve_secretkey = public.encode(), secret.encode()
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)

    def send(self, data: bytes) -> None:
        self.sock.send(data)

    def recv(self, timeout_s: float = 5.0):
        if self.sock.poll(int(timeout_s * 1000)):
            return decode_frame(self.sock.recv())
        return None

    def recv_kind(self, kind, timeout_s=5.0):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            f = self.recv(deadline - time.monotonic())
            if f is not None and f.kind == kind:
                return f
        return None

    def hello(self, post="x", vv=None):
        self.send(encode_frame(HELLO, {"v": 1, "post": post, "origin": f"{post}.1", "name": "raw", "vv": vv or {}}))

    def close(self):
        self.sock.close(0)
        self.ctx.term()


def keys_of(post: PostFolder):
    k = post.curve_keys()
    return k.public, k.secret


def test_an_unknown_key_gets_nothing(city):
    folder, _store, _engine, endpoint = city
    public, secret = zmq.curve_keypair()
    stranger = RawPeer(endpoint, folder.curve_keys().public, public.decode(), secret.decode())
    stranger.hello()
    assert stranger.recv(2.0) is None  # the handshake is refused: not one frame comes back
    stranger.close()


def test_a_revoked_post_is_refused_at_its_next_connect(city, tmp_path):
    folder, store, _engine, endpoint = city
    district = enrolled(tmp_path, folder, store, "district")
    peer = RawPeer(endpoint, folder.curve_keys().public, *keys_of(district))
    peer.hello(district.identity().post_id)
    assert peer.recv_kind(HELLO) is not None
    peer.close()
    store.write([Draft("post", district.identity().post_id, "put", {"revoked": True})], operator="李明")
    again = RawPeer(endpoint, folder.curve_keys().public, *keys_of(district))
    again.hello(district.identity().post_id)
    assert again.recv(2.0) is None
    again.close()


def test_a_tampered_op_relayed_through_a_post_is_quarantined_and_the_rest_is_kept(city, tmp_path):
    folder, store, _engine, endpoint = city
    district = enrolled(tmp_path, folder, store, "district")
    forward = enrolled(tmp_path, folder, store, "forward", role="forward")
    fstore = forward.open_store()
    for i in range(3):
        create(fstore, "赵刚", "feature", {"symbol": "hazard", "name": f"险情{i}", "geom": point(106.54, 29.55)})
    genuine = [r for r in fstore.ops_missing_from({}) if unpack(unpack(r)[0])["o"] == fstore.identity.origin]
    fstore.close()
    body = unpack(unpack(genuine[1])[0])
    body["f"]["name"] = "被篡改的险情"
    tampered = pack([pack(body), unpack(genuine[1])[1]])  # same signature, other content

    relay = RawPeer(endpoint, folder.curve_keys().public, *keys_of(district))
    relay.hello(district.identity().post_id)
    assert relay.recv_kind(HELLO) is not None
    relay.send(encode_frame(OPS, {"b": 1, "ops": [genuine[0], tampered, genuine[2]]}))
    assert relay.recv_kind(ACK) is not None
    assert [q[2] for q in store.quarantined()] == ["bad signature"]
    names = {e.get("name") for e in store.entities("feature")}
    assert "被篡改的险情" not in names and "险情0" in names
    relay.send(encode_frame(OPS, {"b": 2, "ops": [genuine[1]]}))  # the genuine op arrives later
    assert relay.recv_kind(ACK) is not None
    assert {e.get("name") for e in store.entities("feature")} == {"险情0", "险情1", "险情2"}
    assert store.held_count() == 0
    relay.close()


def test_hostile_frames_do_not_stop_the_node_from_serving_its_other_peers(city, tmp_path):
    folder, store, engine, endpoint = city
    district = enrolled(tmp_path, folder, store, "district")
    other = enrolled(tmp_path, folder, store, "other")
    before = store.dump()
    hostile = RawPeer(endpoint, folder.curve_keys().public, *keys_of(district))
    hostile.send(encode_frame(OPS, {"b": 1, "ops": [b"x"]}))  # before HELLO
    hostile.hello(district.identity().post_id)
    hostile.recv_kind(HELLO)
    big = msgpack.packb({"b": 1, "ops": [os.urandom(1 << 20) for _ in range(5)]}, use_bin_type=True)
    frames = [
        os.urandom(100), b"", b"\x02", b"\x02\x01" + os.urandom(64),  # garbage, empty, truncated, bad zstd
        bytes((OPS, 0)) + big,  # oversized
        encode_frame(OPS, {"b": 2, "ops": "not a list"}),
        encode_frame(ACK, {"b": 99, "vv": {"a": -1}}),
        encode_frame(ACK, {"b": 12345, "vv": {}}),  # valid, but for a batch never sent
        encode_frame(OPS, {"b": 3, "ops": [os.urandom(200) for _ in range(10)]}),  # junk ops: quarantined
        bytes((42, 0)) + b"\x80",
    ]
    for f in frames:
        hostile.send(f)
    hostile.sock.send_multipart([b"a", b"b", b"c"])
    hostile.send(encode_frame(PING, {"t": 1}))  # answered only after everything before it
    assert hostile.recv_kind(PONG, 15) is not None
    # meanwhile another post is served normally: it gets the incident
    good = RawPeer(endpoint, folder.curve_keys().public, *keys_of(other))
    good.hello(other.identity().post_id)
    assert good.recv_kind(HELLO) is not None
    ops = good.recv_kind(OPS)
    assert ops is not None and len(ops.body["ops"]) >= 1
    assert store.dump() == before  # nothing genuine was lost or changed by the garbage
    assert len(store.quarantined()) == 10
    figures = {f["post"]: f for f in engine.snapshot()}
    assert figures[district.identity().post_id]["bad_frames"] >= 6
    hostile.close()
    good.close()
