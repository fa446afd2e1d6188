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

        # a partition: both sides rename the same hazard; after the next sync both hold both
        # writes, the same winner, and the loser in the conflict record
        net.stop(city)
        edit = ("from app.services.common import update\n"
                "feat = [e.eid for e in store.entities('feature') if e.get('name') == '菜园坝积水点'][0]\n"
                "update(store, {who!r}, 'feature', feat, {{'name': {name!r}}})")
        city.python(edit.format(who="李明", name="菜园坝积水点(市里核实)"))
        forward.python(edit.format(who="赵刚", name="菜园坝积水点(水深1米)"))
        net.serve(city)
        r = net.sync_once(forward)
        assert r.returncode == 0, r.stderr
        net.wait_until(lambda: city.status()["version_vector"] == forward.status()["version_vector"],
                       what="convergence after the partition")
        dump = city.export()
        assert dump == forward.export()
        conflicts = [c for c in json.loads(dump)["conflicts"] if c["field"] == "name"]
        assert {conflicts[0]["winner"]["value"], *(v["value"] for v in conflicts[0]["losers"])} == {
            "菜园坝积水点(市里核实)", "菜园坝积水点(水深1米)"}
        for p in (city, forward):
            st = p.status()
            assert (st["held"], st["quarantined"], st["refused"]) == (0, 0, 0)
    finally:
        net.close()
