"""Over an emulated field link (256 kbit/s, 400 ms each way, cut and restored on command):
orders never wait behind a photo, a photo resumes after a cut instead of starting again, and a
backlog after an outage arrives complete in a few round trips. Sizes are scaled down; the
ratios are the field's. Order and completeness are asserted, not seconds."""

from __future__ import annotations

import hashlib
import os
import time

import pytest
from nodes import free_port

from app.datadir import PostFolder
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import make_engine
from app.services.posts import init_post
from app.sync.blobs import BlobStore
from app.sync.peers import Peer, save_peers
from benchmarks.linkemu import LinkEmulator

RATE = 256_000


def wait(cond, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def field_link(tmp_path):
    """A rear post listening here; a forward post connecting to it through the emulated link."""
    rear = init_post(tmp_path / "rear", name="重庆市应急管理局指挥中心", role="rear")
    rstore = rear.open_store()
    port = free_port()
    pkg = tmp_path / "fwd.pkg"
    create_package(rear, rstore, name="菜园坝前指", role="forward", level="scene",
                   endpoint=f"tcp://127.0.0.1:{port}", out=pkg)
    fwd = PostFolder(tmp_path / "fwd")
    import_package(pkg, fwd)
    link = LinkEmulator("127.0.0.1", port, rate_bps=RATE, delay_ms=400)
    link.start()
    save_peers(fwd.peers_path, [Peer(link.endpoint, rear.curve_keys().public, RATE)])
    fstore = fwd.open_store()
    r_engine = make_engine(rear, rstore, listen=f"tcp://127.0.0.1:{port}")
    f_engine = make_engine(fwd, fstore)
    r_engine.start()
    f_engine.start()
    yield rear, rstore, fwd, fstore, link, f_engine
    f_engine.stop()
    r_engine.stop()
    link.stop()
    fstore.close()
    rstore.close()


def arrived(src, dst) -> bool:
    mine = dst.version_vector()
    return all(mine.get(o, 0) >= s for o, s in src.version_vector().items())


def test_orders_overtake_a_photo_and_the_photo_resumes_after_a_cut(field_link):
    rear, rstore, fwd, fstore, link, engine = field_link
    assert wait(lambda: arrived(fstore, rstore))
    photo = os.urandom(256 * 1024)
    sha = BlobStore(fwd.blobs).put(photo)
    create(fstore, "赵刚", "media", {"sha256": sha, "kind": "photo", "size": len(photo),
                                     "geom": point(106.542, 29.546), "caption": "菜园坝积水"})
    rblobs = BlobStore(rear.blobs)
    assert wait(lambda: rblobs.partial(sha) > 32 * 1024)  # the photo is on its way
    create(fstore, "赵刚", "feature", {"symbol": "road_cut", "name": "南区路中断", "geom": point(106.55, 29.55)})
    assert wait(lambda: arrived(fstore, rstore), 10)
    assert not rblobs.has(sha), "the order arrived before the photo was complete"

    link.cut()  # mid-photo
    before_cut = rblobs.partial(sha)
    assert 0 < before_cut < len(photo)
    create(fstore, "赵刚", "log", {"text": "链路中断", "category": "event"})  # written offline
    moved_before = link.bytes_to_client + link.bytes_to_target
    link.restore()
    assert wait(lambda: rblobs.has(sha), 120)
    assert hashlib.sha256(rblobs.path(sha).read_bytes()).hexdigest() == sha
    moved_after = link.bytes_to_client + link.bytes_to_target - moved_before
    assert moved_after < (len(photo) - before_cut) * 1.3, "the photo started again instead of resuming"
    assert wait(lambda: arrived(fstore, rstore), 30)


def test_a_backlog_after_an_outage_arrives_complete_in_few_round_trips(field_link):
    rear, rstore, fwd, fstore, link, engine = field_link
    assert wait(lambda: arrived(fstore, rstore))
    link.cut()
    batches_before = engine.snapshot()[0]["batches_tx"]
    for i in range(300):
        create(fstore, "赵刚", "feature", {"symbol": "risk_point", "name": f"隐患点{i}", "geom": point(106.5, 29.5)})
    link.restore()
    assert wait(lambda: arrived(fstore, rstore), 120)
    names = {e.get("name") for e in rstore.entities("feature")}
    assert {f"隐患点{i}" for i in range(300)} <= names
    batches = engine.snapshot()[0]["batches_tx"] - batches_before
    assert batches <= 20, f"{batches} batches for 300 ops: round trips grow with the number of ops"


def test_a_photo_is_pulled_before_a_video_written_earlier(field_link):
    rear, rstore, fwd, fstore, link, _engine = field_link
    assert wait(lambda: arrived(fstore, rstore))
    link.cut()  # both are written while the link is down, the video first
    video, photo = os.urandom(160 * 1024), os.urandom(48 * 1024)
    fblobs, rblobs = BlobStore(fwd.blobs), BlobStore(rear.blobs)
    for kind, data in (("video", video), ("photo", photo)):
        sha = fblobs.put(data)
        create(fstore, "赵刚", "media", {"sha256": sha, "kind": kind, "size": len(data)})
    video_sha, photo_sha = (hashlib.sha256(d).hexdigest() for d in (video, photo))
    link.restore()
    assert wait(lambda: rblobs.has(photo_sha), 60)
    assert rblobs.partial(video_sha) < len(video) // 2, "the video went first"
    assert wait(lambda: rblobs.has(video_sha), 60)
