"""Two posts over the emulated field link (256 kbit/s, 400 ms each way, cut on command): a photo
ingested forward reaches the rear as a thumbnail before its full image, the full image resumes
after a cut, orders sent meanwhile are not delayed, and the rear can ask for one item first.
Sizes are scaled down; order and completeness are asserted, not seconds."""

from __future__ import annotations

import os
import time

import pytest
from nodes import free_port

from app.datadir import PostFolder
from app.media.ingest import ingest_file
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import make_engine
from app.services.posts import init_post
from app.sync.blobs import BlobStore
from app.sync.peers import Peer, save_peers
from benchmarks.linkemu import LinkEmulator
from media.mediafiles import jpeg

RATE = 256_000


def wait(cond, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False


def arrived(src, dst) -> bool:
    mine = dst.version_vector()
    return all(mine.get(o, 0) >= s for o, s in src.version_vector().items())


@pytest.fixture
def link_pair(tmp_path):
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
    yield rstore, BlobStore(rear.blobs), r_engine, fstore, BlobStore(fwd.blobs), link
    f_engine.stop()
    r_engine.stop()
    link.stop()
    fstore.close()
    rstore.close()


def test_thumbnail_first_full_image_resumes_after_a_cut_and_orders_are_not_delayed(link_pair, tmp_path):
    rstore, rblobs, _r_engine, fstore, fblobs, link = link_pair
    assert wait(lambda: arrived(fstore, rstore))
    path = jpeg(tmp_path / "scene.jpg", size=(900, 700), seed=11, lon=106.542, lat=29.546)
    photo = path.stat().st_size
    assert 100_000 < photo < 300_000
    got = ingest_file(fstore, fblobs, "赵刚", path, caption="菜园坝积水")
    m = fstore.get("media", got.media_id)
    thumb, full = m.get("thumb_sha256"), m.get("sha256")
    assert wait(lambda: rblobs.has(thumb), 30)
    assert not rblobs.has(full), "the full image came before (or with) the thumbnail"
    assert wait(lambda: rblobs.partial(full) > 24 * 1024, 30)  # the full image is on its way
    create(fstore, "赵刚", "feature", {"symbol": "road_cut", "name": "南区路中断", "geom": point(106.55, 29.55)})
    assert wait(lambda: arrived(fstore, rstore), 10)
    assert not rblobs.has(full), "the order waited for the photo"

    link.cut()
    before_cut = rblobs.partial(full)
    assert 0 < before_cut < photo
    moved_before = link.bytes_to_client + link.bytes_to_target
    link.restore()
    assert wait(lambda: rblobs.has(full), 120)
    moved = link.bytes_to_client + link.bytes_to_target - moved_before
    assert moved < (photo - before_cut) * 1.3, "the full image started again instead of resuming"
    assert rblobs.path(full).read_bytes() == path.read_bytes()


def test_the_rear_asks_for_one_item_first_and_gets_it_before_a_smaller_one(link_pair):
    rstore, rblobs, r_engine, fstore, fblobs, link = link_pair
    assert wait(lambda: arrived(fstore, rstore))
    link.cut()  # both written while the link is down; the photo would normally go first
    video, photo = os.urandom(96 * 1024), os.urandom(48 * 1024)
    shas = {}
    for kind, data in (("video", video), ("photo", photo)):
        shas[kind] = fblobs.put(data)
        create(fstore, "赵刚", "media", {"sha256": shas[kind], "kind": kind, "size": len(data)})
    link.restore()
    assert wait(lambda: arrived(fstore, rstore), 30)
    r_engine.fetch_first(shas["video"])
    assert wait(lambda: rblobs.has(shas["video"]), 60)
    assert not rblobs.has(shas["photo"]), "the photo went first although the video was asked for"
    assert wait(lambda: rblobs.has(shas["photo"]), 60)
