"""An op of a newer format version, with fields this version does not know, written at a forward
post, crosses a district relay to the city over real CURVE links between real processes: every
post keeps it, the city receives it byte-identical, and its signature verifies there against the
author's key in the roster; the op after it in the author's sequence is applied everywhere."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from nodes import ROOT, Net

MAKE_FUTURE = """
import time
from app.ops import FORMAT_VERSION, encode, hlc_of_ms
from app.services.common import create, point
ident = folder.identity()
seq = store.version_vector().get(ident.origin, 0) + 1
raw = encode(ident.key, origin=ident.origin, seq=seq, hlc=hlc_of_ms(int(time.time() * 1000)),
             operator="赵刚", etype="hologram", eid="h1", kind="beam", fields={{"x": 1}},
             version=FORMAT_VERSION + 1, extra={{"z": "新字段", "beam": [1, 2, 3]}})
result = store.apply([raw], source="test")
assert result.future == 1, result
create(store, "赵刚", "feature", {{"symbol": "shelter", "name": "人民公园避难场所",
                                 "geom": point(106.577, 29.56)}})  # seq + 1, after it
open({out!r}, "w").write(raw.hex())
"""

CHECK = """
import json, sys
from app.ops import open_envelope
from app.datadir import PostFolder
folder = PostFolder(sys.argv[1]); store = folder.open_store()
want = bytes.fromhex(open(sys.argv[2]).read())
env, _ = open_envelope(want)
held = [r for r in store.ops_missing_from({{}}) if open_envelope(r)[0].origin == env.origin]
author = store.get("post", env.origin.split(".")[0])
same = [r for r in held if r == want]
print(json.dumps({{"identical": len(same), "seqs": sorted(open_envelope(r)[0].seq for r in held),
                  "verifies": bool(same) and open_envelope(same[0])[0].verify(bytes.fromhex(author.get("sign_key"))),
                  "shelters": len(store.entities("feature"))}}))
store.close()
"""


@pytest.fixture
def net(tmp_path):
    net = Net(tmp_path)
    yield net
    net.close()


def held(post, raw_file) -> dict:
    r = subprocess.run([sys.executable, "-c", CHECK.format(), str(post.data), str(raw_file)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_newer_op_crosses_a_relay_byte_identical_and_verifies(net, tmp_path):
    city = net.city
    district = net.enroll("district", "渝中区应急管理局指挥中心", "rear", "district", via=city)
    forward = net.enroll("forward", "菜园坝现场前方指挥部", "forward", "scene", via=district)
    raw_file = tmp_path / "future.hex"
    forward.python(MAKE_FUTURE.format(out=str(raw_file)))
    assert held(forward, raw_file)["identical"] == 1

    for p in (city, district, forward):
        net.serve(p)
    net.wait_until(lambda: held(city, raw_file)["shelters"] == 1, timeout=90, what="the relay to the city")
    for p in (city, district, forward):
        net.stop(p)
    for p in (district, city):
        doc = held(p, raw_file)
        assert doc["identical"] == 1 and doc["verifies"] is True, (p.name, doc)
        assert doc["seqs"][-2:] == [doc["seqs"][-2], doc["seqs"][-2] + 1]  # it and the op after it
        s = p.status()
        assert s["held"] == 0 and s["quarantined"] == 0 and s["refused"] == 0
