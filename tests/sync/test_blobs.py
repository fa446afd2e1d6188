"""Blobs move after the ops, in chunks, verified by their hash; a rear post pulls every photo."""

from __future__ import annotations

import hashlib
import os
import time

from nodes import free_port

from app.datadir import PostFolder
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import make_engine
from app.services.posts import init_post
from app.sync.blobs import BlobStore


def wait(cond, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


def rear_and_forward(tmp_path):
    """A rear post and a forward post it enrolled, with the endpoint the rear will listen on."""
    rear = init_post(tmp_path / "rear", name="重庆市应急管理局指挥中心", role="rear")
    rstore = rear.open_store()
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    pkg = tmp_path / "fwd.pkg"
    create_package(rear, rstore, name="菜园坝前指", role="forward", level="scene", endpoint=endpoint, out=pkg)
    fwd = PostFolder(tmp_path / "fwd")
    import_package(pkg, fwd)
    return rear, rstore, fwd, fwd.open_store(), endpoint


def test_a_photo_taken_forward_reaches_the_rear_whole_and_verified(tmp_path):
    rear, rstore, fwd, fstore, endpoint = rear_and_forward(tmp_path)
    photo = os.urandom(300_000)
    sha = BlobStore(fwd.blobs).put(photo)
    create(fstore, "赵刚", "media", {"sha256": sha, "kind": "photo", "size": len(photo),
                                     "geom": point(106.542, 29.546), "caption": "菜园坝积水"})
    r_engine = make_engine(rear, rstore, listen=endpoint)
    f_engine = make_engine(fwd, fstore)
    r_engine.start()
    f_engine.start()
    try:
        rblobs = BlobStore(rear.blobs)
        assert wait(lambda: rblobs.has(sha))
        assert hashlib.sha256(rblobs.path(sha).read_bytes()).hexdigest() == sha
        assert wait(lambda: all(f_engine.idle().values()))
    finally:
        f_engine.stop()
        r_engine.stop()
        fstore.close()
        rstore.close()


def test_a_chunk_that_does_not_fit_is_ignored_and_a_wrong_blob_is_discarded(tmp_path):
    blobs = BlobStore(tmp_path)
    data = os.urandom(40_000)
    sha = hashlib.sha256(data).hexdigest()
    assert not blobs.write_chunk(sha, 0, data[:16384], len(data))
    assert not blobs.write_chunk(sha, 0, data[:16384], len(data))  # duplicate: ignored
    assert blobs.partial(sha) == 16384
    assert not blobs.write_chunk(sha, 30000, data[30000:], len(data))  # a gap: ignored
    assert blobs.write_chunk(sha, 16384, data[16384:], len(data))
    assert blobs.has(sha) and blobs.path(sha).read_bytes() == data
    import pytest

    from app.sync.blobs import BlobError

    other = hashlib.sha256(b"x").hexdigest()
    with pytest.raises(BlobError):
        blobs.write_chunk(other, 0, b"not x", 5)
    assert not blobs.has(other) and blobs.partial(other) == 0


def test_ops_received_from_a_peer_are_never_sent_back_to_it(tmp_path):
    rear, rstore, fwd, fstore, endpoint = rear_and_forward(tmp_path)
    r_engine, f_engine = make_engine(rear, rstore, listen=endpoint), make_engine(fwd, fstore)
    r_engine.start()
    f_engine.start()
    try:
        assert wait(lambda: all(f_engine.idle().values()))
        for i in range(5):
            create(fstore, "赵刚", "log", {"text": f"现场记录{i}", "category": "event"})
        assert wait(lambda: rstore.version_vector() == fstore.version_vector())
        assert wait(lambda: all(f_engine.idle().values()))
        (incoming,) = r_engine.snapshot()
        assert incoming["ops_tx"] == 0 and incoming["queued_ops"] == 0
    finally:
        f_engine.stop()
        r_engine.stop()
        fstore.close()
        rstore.close()
