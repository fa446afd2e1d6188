"""Three posts in three processes — the city rear, a district relay, a forward post behind it —
converge to byte-identical dumps after concurrent edits made on all three during a partition,
and every losing write is in the conflict record."""

from __future__ import annotations

import json

import pytest
from nodes import Net

EDIT = """
from app.services.common import update, create, point
inc = sorted(e.eid for e in store.entities("incident") if e.get("category") == "flood")[0]
task = sorted(e.eid for e in store.entities("task"))[0]
feat = sorted(e.eid for e in store.entities("feature") if e.get("symbol") == "hazard")[0]
WHO = {who!r}
{body}
"""


@pytest.fixture
def net(tmp_path):
    net = Net(tmp_path)
    yield net
    net.close()


def converged(*posts) -> bool:
    vvs = [p.status()["version_vector"] for p in posts]
    return all(v == vvs[0] for v in vvs)


def test_three_posts_converge_after_a_partition_with_concurrent_edits(net):
    city = net.city
    district = net.enroll("district", "渝中区应急管理局指挥中心", "rear", "district", via=city)
    forward = net.enroll("forward", "菜园坝现场前方指挥部", "forward", "scene", via=district)
    from nodes import run

    run("demo", data=city.data)
    for p in (city, district, forward):
        net.serve(p)
    net.wait_until(lambda: converged(city, district, forward), what="first convergence")

    # partition: every node down; each post edits on its own
    for p in (city, district, forward):
        net.stop(p)
    city.python(EDIT.format(who="city", body=(
        "update(store, '李明', 'incident', inc, {'response_level': 2})\n"
        "update(store, '李明', 'task', task, {'title': '市里改的标题'})\n"
        "update(store, '李明', 'feature', feat, {'name': '市里标的险情'})")))
    district.python(EDIT.format(who="district", body=(
        "update(store, '王芳', 'incident', inc, {'response_level': 1})\n"
        "update(store, '王芳', 'task', task, {'title': '区里改的标题'})")))
    forward.python(EDIT.format(who="forward", body=(
        "update(store, '赵刚', 'feature', feat, {'name': '前指标的险情'})\n"
        "create(store, '赵刚', 'report', {'incident_id': inc, 'kind': 'followup', 'trapped': 3})")))

    for p in (city, district, forward):
        net.serve(p)
    net.wait_until(lambda: converged(city, district, forward), timeout=90, what="convergence after the partition")
    dumps = [p.export() for p in (city, district, forward)]
    assert dumps[0] == dumps[1] == dumps[2]

    doc = json.loads(dumps[0])
    conflicts = {(c["type"], c["field"]): c for c in doc["conflicts"]}
    level = conflicts[("incident", "response_level")]
    assert {level["winner"]["value"], *(v["value"] for v in level["losers"])} == {1, 2}
    title = conflicts[("task", "title")]
    assert {title["winner"]["value"], *(v["value"] for v in title["losers"])} == {"市里改的标题", "区里改的标题"}
    name = conflicts[("feature", "name")]
    assert {name["winner"]["value"], *(v["value"] for v in name["losers"])} == {"市里标的险情", "前指标的险情"}
    reports = [e for e in doc["entities"] if e["type"] == "report" and e["created"]["operator"] == "赵刚"]
    assert len(reports) == 1
    for p in (city, district, forward):
        s = p.status()
        assert s["held"] == 0 and s["quarantined"] == 0 and s["refused"] == 0
