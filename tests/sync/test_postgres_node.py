"""A rear node on a real PostgreSQL server (started by the test set-up) serving a forward post:
the same convergence checks as between SQLite posts."""

from __future__ import annotations

import json

import pytest
from nodes import Net, run

pytestmark = pytest.mark.postgres


def test_a_forward_post_syncs_with_a_rear_node_on_postgresql(tmp_path, pg_url):
    net = Net(tmp_path, city_db=pg_url)
    try:
        city = net.city
        assert city.status()["store"]["dialect"] == "postgresql"
        forward = net.enroll("forward", "菜园坝现场前方指挥部", "forward", "scene", via=city)
        run("demo", data=city.data)
        net.serve(city)
        forward.python(
            "from app.services.common import create, point\n"
            "create(store, '赵刚', 'feature', {'symbol': 'hazard', 'name': '菜园坝积水点', 'geom': point(106.542, 29.546)})"
        )
        r = net.sync_once(forward)
        assert r.returncode == 0, r.stderr
        net.wait_until(lambda: city.status()["version_vector"] == forward.status()["version_vector"],
                       what="the forward post's op at the rear")
        assert city.export() == forward.export()
        names = {e["fields"].get("name") for e in json.loads(city.export())["entities"]}
        assert "菜园坝积水点" in names
    finally:
        net.close()
