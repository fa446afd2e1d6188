"""`kill -9` of either side at random moments during a large sync, repeated: after restart and
resync nothing committed is lost and nothing is applied twice."""

from __future__ import annotations

import random
import time

from nodes import Net

MANY = """
from app.services.common import new_id, point
from app.store.store import Draft
for b in range({batches}):
    store.write([Draft("feature", f"{who}-{{b}}-{{i}}", "put", {{"symbol": "risk_point", "name": f"隐患点{{b}}-{{i}}",
                 "geom": point(106.5 + i / 1e4, 29.5 + b / 1e3)}}) for i in range(1000)], operator="测试员")
"""


def test_hard_kills_during_a_large_sync_lose_nothing_and_apply_nothing_twice(tmp_path):
    net = Net(tmp_path)
    try:
        city = net.city
        district = net.enroll("district", "渝中区应急管理局指挥中心", "rear", "district", via=city)
        city.python(MANY.format(batches=12, who="c"))
        district.python(MANY.format(batches=2, who="d"))
        rng = random.Random(20261123)
        net.serve(city)
        for round_ in range(4):
            net.serve(district)
            time.sleep(rng.uniform(0.2, 1.2))
            victim = district if round_ % 2 == 0 else city
            net.stop(victim, hard=True)  # kill -9, mid-transfer
            if victim is district:
                district.python(MANY.format(batches=1, who=f"d{round_}"))  # work goes on offline
            else:
                net.stop(district, hard=True)
                net.serve(city)
        net.serve(district)
        net.wait_until(lambda: city.status()["version_vector"] == district.status()["version_vector"],
                       timeout=120, what="convergence after the kills")
        c, d = city.status(), district.status()
        assert c["ops"] == d["ops"] == 2 + 1000 * (12 + 2 + 2)  # roster, city, district, offline work
        for s in (c, d):
            assert s["quarantined"] == 0 and s["refused"] == 0 and s["held"] == 0
        assert city.export() == district.export()
    finally:
        net.close()
