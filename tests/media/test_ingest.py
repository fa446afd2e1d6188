"""Files become media items: EXIF GPS, time and orientation read from real JPEGs, the operator's
position when a photo has none, thumbnails and previews made at ingest, the same file recognised,
and a corrupt JPEG or truncated clip refused alone with one clear error."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

from app.datadir import PostFolder
from app.media.ingest import ingest_file, ingest_many
from app.media.probe import MediaError
from app.media.transfer import COMPLETE, THUMBNAIL, transfer_state
from app.media.watch import FolderWatcher
from app.services.common import create
from app.services.posts import init_post
from app.sync.blobs import BlobStore
from media.mediafiles import clip, corrupt_jpeg, jpeg, truncated


@pytest.fixture
def post(tmp_path):
    folder: PostFolder = init_post(tmp_path / "post", name="菜园坝前指", role="rear")
    store = folder.open_store()
    yield store, BlobStore(folder.blobs)
    store.close()


def test_a_jpeg_with_exif_gps_becomes_a_placed_upright_item_with_thumbnail_and_preview(post, tmp_path):
    store, blobs = post
    incident = create(store, "赵刚", "incident", {"title": "菜园坝内涝", "category": "flood", "status": "open"})
    path = jpeg(tmp_path / "DJI_0001.JPG", size=(2400, 1200), lon=106.5421, lat=29.5463,
                taken="2026:07:15 09:30:00", offset="+08:00", orientation=6)
    got = ingest_file(store, blobs, "赵刚", path, incident_id=incident, caption="南坪积水")
    m = store.get("media", got.media_id)
    assert m.get("kind") == "photo" and m.get("incident_id") == incident and m.get("caption") == "南坪积水"
    lon, lat = m.get("geom")["coordinates"]
    assert lon == pytest.approx(106.5421, abs=1e-5) and lat == pytest.approx(29.5463, abs=1e-5)
    assert m.get("captured_at") == int(dt.datetime(2026, 7, 15, 1, 30, tzinfo=dt.UTC).timestamp() * 1000)
    assert (m.get("width"), m.get("height")) == (1200, 2400)  # orientation 6: turned upright
    assert m.get("post_id") == store.identity.post_id and m.get("size") == path.stat().st_size
    with Image.open(blobs.path(m.get("thumb_sha256"))) as t:
        assert max(t.size) == 320 and t.height > t.width
    with Image.open(blobs.path(m.get("preview_sha256"))) as p:
        assert max(p.size) == 1600
    assert blobs.path(m.get("sha256")).read_bytes() == path.read_bytes()
    assert transfer_state(m, blobs).state == COMPLETE


def test_a_photo_without_gps_takes_the_operators_position_and_a_duplicate_is_not_stored_twice(post, tmp_path):
    store, blobs = post
    path = jpeg(tmp_path / "phone.jpg", seed=3)
    first = ingest_file(store, blobs, "赵刚", path, position=(106.55, 29.56))
    assert store.get("media", first.media_id).get("geom")["coordinates"] == [106.55, 29.56]
    copy = tmp_path / "copy of phone.jpg"
    copy.write_bytes(path.read_bytes())
    ops = store.op_count()
    again = ingest_file(store, blobs, "赵刚", copy)
    assert again.duplicate and again.media_id == first.media_id and store.op_count() == ops
    assert store.get("media", first.media_id).get("preview_sha256") is None  # small: no preview


def test_a_corrupt_jpeg_and_a_truncated_clip_are_refused_alone(post, tmp_path):
    store, blobs = post
    good = jpeg(tmp_path / "good.jpg", seed=4)
    bad = corrupt_jpeg(tmp_path / "bad.jpg", jpeg(tmp_path / "src.jpg", seed=5))
    video = clip(tmp_path / "ok.mp4")
    cut = truncated(tmp_path / "cut.mp4", clip(tmp_path / "whole.mp4", seconds=3))
    outcomes = ingest_many(store, blobs, "赵刚", [bad, good, cut, video])
    errors = {o.path.name: o.error for o in outcomes if o.error}
    assert set(errors) == {"bad.jpg", "cut.mp4"}
    assert errors["bad.jpg"].code == "corrupt_image" and "bad.jpg" in str(errors["bad.jpg"])
    assert errors["cut.mp4"].code == "corrupt_video" and "cut.mp4" in str(errors["cut.mp4"])
    kinds = sorted(m.get("kind") for m in store.entities("media"))
    assert kinds == ["photo", "video"]
    v = next(m for m in store.entities("media") if m.get("kind") == "video")
    assert v.get("duration_s") == pytest.approx(2.0, abs=0.2) and (v.get("width"), v.get("height")) == (320, 240)
    assert blobs.has(v.get("thumb_sha256"))
    with pytest.raises(MediaError) as exc:
        ingest_file(store, blobs, "赵刚", tmp_path / "notes.txt")
    assert exc.value.code in ("unreadable", "unsupported")


def test_a_watched_folder_ingests_settled_files_once_and_survives_a_bad_one(post, tmp_path):
    store, blobs = post
    card = tmp_path / "DCIM"
    card.mkdir()
    seen = []
    watcher = FolderWatcher(store, blobs, "无人机组", [card], on_outcome=seen.append)
    jpeg(card / "a.jpg", seed=8, lon=106.5, lat=29.5)
    corrupt_jpeg(card / "b.jpg", jpeg(tmp_path / "b_src.jpg", seed=9))
    assert watcher.scan() == []  # first sight: wait until the size has settled
    round2 = watcher.scan()
    assert sorted(o.path.name for o in round2) == ["a.jpg", "b.jpg"]
    assert [o.path.name for o in round2 if o.error] == ["b.jpg"]
    assert watcher.scan() == [] and watcher.scan() == []  # not again
    jpeg(card / "c.jpg", seed=10)
    watcher.scan()
    assert [o.path.name for o in watcher.scan()] == ["c.jpg"]
    assert len(store.entities("media")) == 2 and len(seen) == 3
    assert all(m.get("source", "").startswith("watch:") for m in store.entities("media"))


def test_transfer_state_follows_the_blobs_that_are_here(post, tmp_path):
    store, blobs = post
    m = {"sha256": "ab" * 32, "size": 1000, "thumb_sha256": blobs.put(b"thumb")}
    assert transfer_state(m, blobs).state == THUMBNAIL
    (blobs.path(m["sha256"]).parent).mkdir(parents=True, exist_ok=True)
    blobs.path(m["sha256"]).with_suffix(".part").write_bytes(b"x" * 420)
    s = transfer_state(m, blobs)
    assert (s.state, s.percent) == ("arriving", 42)
