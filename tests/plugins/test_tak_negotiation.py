"""TAK protocol v1 negotiation (TakControl) on TAK server links, against a TCP peer written here
from the protocol description: it announces, asks or answers in XML exactly as the description
gives the events, and frames and reads TAK protocol v1 with takproto (pytak's codec, written by
others), never with our own codec."""

from __future__ import annotations

import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytak
import pytest
import takproto
from waiting import wait_until

from plugins.api import stable_id
from plugins.tak import negotiation
from plugins.tak.bridge import TakBridge
from plugins.tak.negotiation import Control, StreamNegotiation

ANNOUNCE = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            b"<event version='2.0' uid='proto-7f3a' type='t-x-takp-v' time='2026-12-06T10:00:00Z' "
            b"start='2026-12-06T10:00:00Z' stale='2026-12-06T10:01:00Z' how='m-g'>"
            b"<point lat='0.0' lon='0.0' hae='0.0' ce='999999' le='999999'/><detail><TakControl>"
            b"<TakProtocolSupport version='1'/><TakServerVersionInfo serverVersion='5.2-RELEASE' apiVersion='3'/>"
            b"</TakControl></detail></event>")


def answer(uid: str, status: str) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<event version='2.0' uid='{uid}' "
            f"type='t-x-takp-r' time='2026-12-06T10:00:01Z' start='2026-12-06T10:00:01Z' "
            f"stale='2026-12-06T10:01:01Z' how='m-g'><point lat='0.0' lon='0.0' hae='0.0' ce='999999' "
            f"le='999999'/><detail><TakControl><TakResponse status='{status}'/></TakControl></detail>"
            f"</event>").encode()


def position(uid: str, lon: float) -> bytes:
    return pytak.gen_cot(lat=29.6, lon=lon, uid=uid, cot_type="a-f-G-U-C", callsign=uid.upper(), stale=600)


def v1_frame(xml: bytes) -> bytes:
    return bytes(takproto.xml2proto(xml.decode(), takproto.TAKProtoVer.STREAM))


class Peer:
    """One TCP connection as a TAK peer reads it: XML events split after ``</event>``, then —
    once ``v1()`` is called — stream frames through takproto."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        conn.settimeout(30)
        self.buf = b""
        self.protobuf = False

    def send(self, data: bytes) -> None:
        self.conn.sendall(data)

    def _more(self) -> None:
        data = self.conn.recv(65536)
        if not data:
            raise ConnectionError("the bridge closed the link")
        self.buf += data

    def xml_event(self) -> ET.Element:
        while b"</event>" not in self.buf:
            if self.buf[:1] == b"\xbf":
                raise AssertionError("a stream frame where XML was due")
            self._more()
        head, _, self.buf = self.buf.partition(b"</event>")
        return ET.fromstring(head[head.index(b"<event"):] + b"</event>")

    def v1_message(self) -> object:
        while True:
            if self.buf:
                assert self.buf[:1] == b"\xbf", self.buf[:40]
                try:
                    msg, used = _stream_message(self.buf)
                except IndexError:
                    used = 0
                if used:
                    self.buf = self.buf[used:]
                    return msg
            self._more()

    def until(self, read: Callable[[], object], check: Callable[[object], bool]) -> object:
        while not check(item := read()):
            pass
        return item


def _stream_message(buf: bytes) -> tuple[object, int]:
    shift = length = 0
    i = 1
    while True:
        b = buf[i]
        length |= (b & 0x7F) << shift
        i += 1
        if not b & 0x80:
            break
        shift += 7
    if len(buf) < i + length:
        return None, 0
    return takproto.parse_proto(bytearray(buf[: i + length])), i + length


def fake_server(script: Callable[[Peer], None]) -> tuple[socket.socket, threading.Thread, list[BaseException]]:
    server = socket.create_server(("127.0.0.1", 0))
    errors: list[BaseException] = []

    def run() -> None:
        conn, _ = server.accept()
        try:
            script(Peer(conn))
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            conn.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return server, t, errors


def our_team(store) -> str:
    from app.services import common

    return common.create(store, "测试员", "unit", {
        "name": "消防特勤一队", "type": "fire_rescue", "status": "en_route", "callsign": "渝消01",
        "geom": common.point(106.56, 29.56)})


def test_a_tak_server_that_offers_v1_gets_asked_and_both_sides_switch(rear, ctx) -> None:
    uid = our_team(rear.store)
    seen: dict[str, object] = {}

    def script(peer: Peer) -> None:
        peer.send(position("xml-team", 106.60))  # XML before the negotiation
        peer.send(ANNOUNCE)
        request = peer.until(peer.xml_event, lambda e: e.get("type") != "a-f-G-U-U-S-F")  # ours may come first
        seen["request"] = request
        peer.send(answer("proto-7f3a", "true"))
        peer.send(v1_frame(position("v1-team", 106.61)))  # from the next byte on: v1
        seen["ours"] = peer.until(peer.v1_message, lambda m: m.cotEvent.uid == uid)

    server, t, errors = fake_server(script)
    bridge = TakBridge(ctx, multicast=None, connect=[f"127.0.0.1:{server.getsockname()[1]}"], protobuf=True,
                       batch_ms=50).start()
    try:
        t.join(60)
        assert not errors, errors
        wait_until(lambda: rear.store.get("unit", stable_id("cot", "v1-team")) is not None, 30, "the v1 team")
    finally:
        bridge.stop()
        server.close()
    request = seen["request"]
    assert request.get("type") == "t-x-takp-q" and request.get("uid") == "proto-7f3a"
    assert request.find("detail/TakControl/TakRequest").get("version") == "1"
    assert seen["ours"].cotEvent.detail.contact.callsign == "渝消01"
    assert rear.store.get("unit", stable_id("cot", "xml-team")).get("callsign") == "XML-TEAM"
    assert bridge.stats.malformed == 0


def test_a_refusal_keeps_the_link_on_xml(rear, ctx) -> None:
    uid = our_team(rear.store)
    seen: dict[str, object] = {}

    def script(peer: Peer) -> None:
        peer.send(ANNOUNCE)
        peer.until(peer.xml_event, lambda e: e.get("type") == "t-x-takp-q")
        peer.send(answer("proto-7f3a", "false"))
        peer.send(position("after-no", 106.62))
        seen["ours"] = peer.until(peer.xml_event, lambda e: e.get("uid") == uid)  # XML still

    server, t, errors = fake_server(script)
    bridge = TakBridge(ctx, multicast=None, connect=[f"127.0.0.1:{server.getsockname()[1]}"], protobuf=True,
                       batch_ms=50).start()
    try:
        t.join(60)
        assert not errors, errors
        wait_until(lambda: rear.store.get("unit", stable_id("cot", "after-no")) is not None, 30, "the team")
    finally:
        bridge.stop()
        server.close()
    assert seen["ours"].find("detail/contact").get("callsign") == "渝消01"


@pytest.mark.parametrize(("version", "switched"), [("1", True), ("2", False)])
def test_as_the_server_we_announce_and_answer(rear, ctx, version: str, switched: bool) -> None:
    """A TAK client connects to our listening port: we announce v1 first; it asks; we answer."""
    uid = our_team(rear.store)
    bridge = TakBridge(ctx, multicast=None, listen="127.0.0.1:0", protobuf=True, batch_ms=50).start()
    try:
        peer = Peer(socket.create_connection(("127.0.0.1", bridge.bound_port), timeout=30))
        announce = peer.xml_event()  # the very first thing on the link
        assert announce.get("type") == "t-x-takp-v"
        assert [e.get("version") for e in announce.findall("detail/TakControl/TakProtocolSupport")] == ["1"]
        request = (f"<event version='2.0' uid='{announce.get('uid')}' type='t-x-takp-q' how='m-g' "
                   f"time='2026-12-06T10:00:00Z' start='2026-12-06T10:00:00Z' stale='2026-12-06T10:01:00Z'>"
                   f"<point lat='0.0' lon='0.0' hae='0.0' ce='999999' le='999999'/><detail><TakControl>"
                   f"<TakRequest version='{version}'/></TakControl></detail></event>")
        peer.send(request.encode())
        response = peer.until(peer.xml_event, lambda e: e.get("type") == "t-x-takp-r")
        assert response.find("detail/TakControl/TakResponse").get("status") == str(switched).lower()
        if switched:
            peer.send(v1_frame(position("client-team", 106.63)))
            ours = peer.until(peer.v1_message, lambda m: m.cotEvent.uid == uid)
            assert ours.cotEvent.detail.contact.callsign == "渝消01"
        else:
            peer.send(position("client-team", 106.63))
            assert peer.until(peer.xml_event, lambda e: e.get("uid") == uid) is not None
        wait_until(lambda: rear.store.get("unit", stable_id("cot", "client-team")) is not None, 30, "the team")
        peer.conn.close()
    finally:
        bridge.stop()


def test_the_negotiation_times_out_as_the_description_says() -> None:
    now = [0.0]
    client = StreamNegotiation("client", "negotiate", clock=lambda: now[0])
    ask = client.on_control(Control(negotiation.ANNOUNCE, "p1", supported=("1",)))
    assert ask is not None and b"t-x-takp-q" in ask and not client.may_send
    now[0] = 60.0
    assert not client.expired()
    now[0] = 60.5
    assert client.expired()  # no answer in a minute: the bridge drops the link and reconnects
    server = StreamNegotiation("server", "negotiate", clock=lambda: now[0])
    assert server.opening() is not None and server.opening() is None  # once per connection
    now[0] += 61
    late = server.on_control(Control(negotiation.REQUEST, server.protouid, requested="1"))
    assert late is not None and b"status=\"false\"" in late and not server.protobuf
    xml_only = StreamNegotiation("client", "xml")
    assert xml_only.on_control(Control(negotiation.ANNOUNCE, "p2", supported=("1",))) is None


def v1_datagram(xml: bytes | None, control: tuple[int, int] | None = None, contact: str = "") -> bytes:
    """A mesh datagram built with takproto's own message classes (not our encoder)."""
    from takproto.proto import TakMessage

    msg = TakMessage()
    if xml is not None:
        msg.ParseFromString(bytes(takproto.xml2proto(xml.decode(), takproto.TAKProtoVer.MESH))[3:])
    if control is not None:
        msg.takControl.minProtoVersion, msg.takControl.maxProtoVersion = control
        msg.takControl.contactUid = contact
    return b"\xbf\x01\xbf" + msg.SerializeToString()


def test_on_the_group_auto_sends_v1_only_while_every_device_decodes_it(rear, ctx) -> None:
    from plugins.tak import cot, mesh

    uid = our_team(rear.store)
    now = [1000.0]
    bridge = TakBridge(ctx, multicast=None, send=False, protobuf="auto")
    bridge.mesh = mesh.MeshVersions(clock=lambda: now[0])
    ev = cot.event_for(rear.store.get("unit", uid), rear.post_id, 0)
    xml = cot.to_bytes(ev)

    def sent() -> object:
        data = bridge.mesh_payload(ev, xml)
        return takproto.parse_proto(bytearray(data)) if data[:1] == b"\xbf" else data

    assert sent() == xml  # nobody heard yet: XML, which every device reads
    bridge.take([(v1_datagram(position("atak-a", 106.6), control=(1, 1)), "udp 10.0.0.2")])
    msg = sent()
    assert msg.cotEvent.uid == uid and msg.takControl.maxProtoVersion == 1  # all decode v1: v1
    bridge.take([(position("old-b", 106.61), "udp 10.0.0.3")])
    assert sent() == xml  # a device that only sent XML: back to XML
    bridge.take([(v1_datagram(None, control=(1, 1), contact="old-b"), "udp 10.0.0.3")])
    assert bridge.stats.malformed == 0 and bridge.stats.ignored == 1  # a TakControl alone is no event
    assert sent() != xml  # b says it decodes v1 too
    bridge.take([(position("old-b", 106.62), "udp 10.0.0.3")])
    assert sent() != xml  # its TakControl holds for two minutes...
    now[0] += mesh.CONTROL_VALID_S + 1
    bridge.take([(v1_datagram(position("atak-a", 106.6), control=(1, 1)), "udp 10.0.0.2")])
    assert sent() == xml  # ...then b counts as its last message: XML
    now[0] += mesh.FORGET_S + 1
    bridge.take([(v1_datagram(position("atak-a", 106.6), control=(1, 1)), "udp 10.0.0.2")])
    assert sent() != xml  # b silent ten minutes: no longer holds the group back
    assert {u.get("callsign") for u in rear.store.entities("unit")} >= {"ATAK-A", "OLD-B"}
