"""The panorama plugin on its own: overlapping crops of one generated picture stitch back into
it, progress only grows, a cancel stops it with nothing written, and too few or unrelated
photos fail with a code the window can put into words."""

from __future__ import annotations

import pytest
from media.mediafiles import scene
from PIL import Image

from plugins.panorama import PLUGIN, stitch_panorama
from plugins.panorama.stitch import PanoramaError


@pytest.fixture
def crops(tmp_path):
    img = scene(1200, 500, seed=21)
    out = []
    for i, x in enumerate((0, 350, 700)):
        p = tmp_path / f"c{i}.jpg"
        img.crop((x, 0, x + 500, 500)).save(p, quality=92)
        out.append(p)
    return out


def test_overlapping_crops_stitch_back_into_the_whole_picture(crops, tmp_path):
    steps = []
    out = stitch_panorama(crops, lambda f, s: steps.append(f), out=tmp_path / "pano.jpg")
    with Image.open(out) as pano:
        w, h = pano.size
    assert 1100 <= w <= 1260 and 440 <= h <= 520  # the original is 1200 × 500
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert PLUGIN["id"] == "zhijiu.panorama" and PLUGIN["contributions"]["media_actions"]


def test_cancel_stops_with_nothing_written(crops, tmp_path):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2  # after two photos are loaded

    with pytest.raises(PanoramaError) as exc:
        stitch_panorama(crops, None, cancelled, out=tmp_path / "none.jpg")
    assert exc.value.code == "cancelled" and not (tmp_path / "none.jpg").exists()


def test_too_few_or_unrelated_photos_fail_with_a_code(crops, tmp_path):
    with pytest.raises(PanoramaError) as exc:
        stitch_panorama(crops[:1], out=tmp_path / "x.jpg")
    assert exc.value.code == "too_few"
    other = tmp_path / "other.jpg"
    scene(500, 500, seed=99).save(other)
    far = tmp_path / "far.jpg"
    scene(500, 500, seed=98).save(far)
    with pytest.raises(PanoramaError) as exc:
        stitch_panorama([other, far], out=tmp_path / "y.jpg")
    assert exc.value.code in ("need_more_images", "homography_failed", "camera_params_failed")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a jpeg")
    with pytest.raises(PanoramaError) as exc:
        stitch_panorama([bad, crops[0]], out=tmp_path / "z.jpg")
    assert exc.value.code == "unreadable"
