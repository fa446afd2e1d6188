"""Replay (复盘): the state at any past moment, rebuilt from the op log."""

from __future__ import annotations

from oplab import Lab

from app.ops import hlc_ms
from app.store.replay import state_at


def test_state_at_shows_earlier_values_and_now_equals_the_store(tmp_path):
    lab = Lab(tmp_path)
    a = lab.authority
    a.put("incident", "i1", title="洪水", category="flood", status="open", response_level=4)
    t_level4 = a.store.clock.last
    a.put(
        "unit",
        "u1",
        name="市消防救援支队",
        type="fire_rescue",
        status="en_route",
        geom={"type": "Point", "coordinates": [106.50, 29.50]},
    )
    t_moving = a.store.clock.last
    a.put("incident", "i1", response_level=3)
    a.put("unit", "u1", status="on_scene", geom={"type": "Point", "coordinates": [106.54, 29.55]})

    then = state_at(a.store, t_level4)
    assert then.get("incident", "i1").values()["response_level"] == 4
    assert then.get("unit", "u1") is None
    moving = state_at(a.store, t_moving)
    assert moving.get("unit", "u1").values()["geom"]["coordinates"] == [106.50, 29.50]
    now = state_at(a.store, a.store.clock.last)
    assert now.dump() == a.store.dump()
    by_receipt = state_at(a.store, hlc_ms(a.store.clock.last) + 1000, by="received")
    assert by_receipt.dump() == a.store.dump()
    lab.close()
