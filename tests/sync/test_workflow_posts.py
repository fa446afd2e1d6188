"""The order loop across two posts in real processes over real ZeroMQ: the city rear issues an
order to a forward post, which receives it by sync, acknowledges it, reports back with a photo
and finishes it; the city sees every step with who did it. The forward post's attempt to cancel
the rear's order is refused with its reason and changes nothing anywhere. A message from the city
comes back with its delivered (written on arrival) and read receipts."""

from __future__ import annotations

import json

import pytest
from nodes import Net, run

ONLY_ISSUER = "forbidden: only the issuer may cancel or reassign this task"


@pytest.fixture
def net(tmp_path):
    net = Net(tmp_path)
    yield net
    net.close()


def js(post, *args):
    return json.loads(run(*args, "--json", data=post.data).stdout)


def test_issue_acknowledge_feedback_done_across_posts(net):
    city = net.city
    forward = net.enroll("forward", "菜园坝现场前方指挥部", "forward", "scene", via=city)
    fwd_id = js(forward, "status")["post"]["id"]
    city_id = js(city, "status")["post"]["id"]
    city.python(
        "from app.services.common import create\n"
        "create(store, '李明', 'incident', {'title': '长江洪峰过境', 'category': 'flood', 'status': 'open'}, eid='inc')"
    )
    task = js(city, "task", "issue", "--title", "转移菜园坝低洼住户", "--to", fwd_id, "--kind", "post",
              "--incident", "inc", "--priority", "urgent", "--deadline", "+2h", "--ack-within", "10",
              "--operator", "李明")  # fmt: skip
    tid = task["id"]

    city.python(
        "from app.services.duty import send_message\n"
        f"send_message(store, '李明', {fwd_id!r}, '请每小时报告转移人数')"
    )
    net.serve(city)
    assert net.sync_once(forward).returncode == 0
    mine = js(forward, "task", "list", "--assigned-to-me")
    assert [t["id"] for t in mine] == [tid] and mine[0]["status"] == "issued"

    # the forward post may not cancel the rear's order: refused, told why, nothing written
    r = run("task", "update", tid, "--status", "cancelled", "--operator", "赵刚", data=forward.data, check=False)
    assert r.returncode == 1 and r.stderr.strip() == f"zhijiu: {ONLY_ISSUER}"
    r = run("task", "update", tid, "--reassign", city_id, "--kind", "post", data=forward.data, check=False)
    assert r.returncode == 1 and r.stderr.strip() == f"zhijiu: {ONLY_ISSUER}"

    forward.python(  # delivered as it arrived (written by the sync itself); now read
        "from app.services.duty import inbox, mark_read, receipts\n"
        "(m,) = inbox(store); assert receipts(store, m.eid)['delivered'] is not None\n"
        "mark_read(store, '赵刚', m.eid)"
    )
    run("task", "update", tid, "--status", "acknowledged", "--operator", "赵刚", data=forward.data)
    forward.python(
        "from app.services.common import create\n"
        "create(store, '赵刚', 'media', {'sha256': '0' * 64, 'kind': 'photo', 'caption': '转移现场'}, eid='photo-1')"
    )
    run("task", "update", tid, "--text", "已转移32人", "--progress", "40", "--photo", "photo-1",
        "--operator", "赵刚", data=forward.data)  # fmt: skip
    run("task", "update", tid, "--status", "done", "--text", "全部转移完毕", "--operator", "赵刚", data=forward.data)
    assert net.sync_once(forward).returncode == 0
    net.stop(city)

    city.python(
        "from app.services.duty import outbox, receipts\n"
        "(m,) = outbox(store); r = receipts(store, m.eid)\n"
        "assert r['delivered'] is not None and r['read'] is not None, r"
    )
    shown = js(city, "task", "show", tid)
    assert shown["status"] == "done"
    steps = [(h["action"], h["post"], h["operator"]) for h in shown["history"]]
    assert steps == [
        ("issued", "重庆市应急管理局指挥中心", "李明"),
        ("status", "菜园坝现场前方指挥部", "赵刚"),
        ("feedback", "菜园坝现场前方指挥部", "赵刚"),
        ("status", "菜园坝现场前方指挥部", "赵刚"),
        ("feedback", "菜园坝现场前方指挥部", "赵刚"),
    ]
    assert shown["history"][2]["detail"]["media"] == ["photo-1"]
    assert city.export() == forward.export()
    for p in (city, forward):
        s = p.status()
        assert s["refused"] == 0 and s["held"] == 0 and s["quarantined"] == 0
