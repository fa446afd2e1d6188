"""Timing figures per incident, from the store alone: a team's first position inside the area
(or near the point) is its arrival; the first image and the first panorama received after it."""

from __future__ import annotations

import pytest

from app.media.timing import incident_timing
from app.ops import hlc_ms
from app.services.common import create, point, update
from app.services.posts import init_post


@pytest.fixture
def store(tmp_path):
    s = init_post(tmp_path / "rear", name="重庆市应急管理局指挥中心", role="rear").open_store()
    yield s
    s.close()


def _received(store, eid):
    return store.received_ms("media")[eid]


def test_arrival_to_first_image_and_first_panorama(store):
    area = {"type": "Polygon", "coordinates": [[[106.50, 29.50], [106.60, 29.50], [106.60, 29.60],
                                                 [106.50, 29.60], [106.50, 29.50]]]}
    inc = create(store, "张伟", "incident", {"title": "菜园坝内涝", "category": "flood", "status": "open",
                                            "area": area})
    other = create(store, "张伟", "incident", {"title": "别处", "category": "flood", "status": "open",
                                              "geom": point(107.0, 30.0)})
    early = create(store, "张伟", "media", {"sha256": "a" * 64, "kind": "photo", "incident_id": inc})
    assert incident_timing(store, inc).arrived_at is None  # no team yet: no figures
    unit = create(store, "张伟", "unit", {"name": "蓝天救援队", "type": "volunteer", "status": "en_route",
                                          "incident_id": inc, "geom": point(106.40, 29.40)})
    update(store, "张伟", "unit", unit, {"geom": point(106.45, 29.45)})  # still outside
    update(store, "张伟", "unit", unit, {"geom": point(106.55, 29.55), "status": "on_scene"})
    arrived = max(hlc_ms(op.hlc) for op, _s, _r in store.history("unit", unit))
    update(store, "张伟", "unit", unit, {"geom": point(106.56, 29.56)})  # later positions change nothing
    photo = create(store, "张伟", "media", {"sha256": "b" * 64, "kind": "photo", "incident_id": inc})
    create(store, "张伟", "media", {"sha256": "c" * 64, "kind": "photo", "incident_id": other})
    pano = create(store, "张伟", "media", {"sha256": "d" * 64, "kind": "panorama", "incident_id": inc})
    t = incident_timing(store, inc)
    assert t.arrived_unit == unit and t.arrived_at == arrived
    assert t.first_image_at == _received(store, photo) and _received(store, early) < t.arrived_at
    assert t.first_panorama_at == _received(store, pano)
    assert 0 <= t.to_first_image_s <= t.to_first_panorama_s

    near = incident_timing(store, other, radius_m=500)
    assert near.arrived_at is None  # the team is assigned elsewhere and never came near
