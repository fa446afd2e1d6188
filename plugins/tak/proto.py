"""TAK protocol version 1 (protobuf), through the ``takproto`` package from PyPI.

``takproto`` ships the message classes generated from TAK's public ``.proto`` files
(TakMessage → CotEvent → Detail …). Mesh datagrams (SA multicast) start with the three bytes
``bf 01 bf``; stream frames (TCP) with ``bf`` and a varint length. Both become the same
``CotEvent`` as XML does; what protobuf keeps as ``xmlDetail`` (remarks, links, our own detail)
is read with the same hardened XML parser. Going out, ``encode`` makes a mesh datagram.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from defusedxml import ElementTree as SafeET

from .cot import MAX_EVENT_BYTES, CotError, CotEvent, event_from_element

MESH_HEADER = b"\xbf\x01\xbf"
STREAM_MAGIC = 0xBF


def _message_class() -> Any:
    from takproto.proto import TakMessage  # imported when the first protobuf event arrives

    return TakMessage


def is_protobuf(data: bytes) -> bool:
    return data[:1] == b"\xbf"


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    shift = value = 0
    while pos < len(data) and shift < 64:
        b = data[pos]
        value |= (b & 0x7F) << shift
        pos += 1
        if not b & 0x80:
            return value, pos
        shift += 7
    raise CotError("protobuf frame: truncated length")


class ControlOnly(CotError):
    """A message that holds only a TakControl (a device saying which versions it decodes)."""

    def __init__(self, contact_uid: str, control: tuple[int, int]) -> None:
        super().__init__("a TakControl message")
        self.contact_uid = contact_uid
        self.control = control


def decode(data: bytes) -> CotEvent:
    """A mesh datagram or one stream frame → CotEvent (CotError when malformed; ControlOnly
    for a message with a TakControl and no event)."""
    return decode_with_control(data)[0]


def decode_with_control(data: bytes) -> tuple[CotEvent, tuple[int, int] | None]:
    """The event and the TakControl (lowest, highest version) it came with, if any."""
    if len(data) > MAX_EVENT_BYTES:
        raise CotError("protobuf event too large")
    if data[:3] == MESH_HEADER:
        body = data[3:]
    elif data[:1] == b"\xbf":
        length, pos = _read_varint(data, 1)
        body = data[pos : pos + length]
        if len(body) != length:
            raise CotError("protobuf frame: shorter than its length")
    else:
        raise CotError("not a TAK protocol v1 message (no 0xbf header)")
    msg = _message_class()()
    try:
        msg.ParseFromString(body)
    except Exception as exc:  # protobuf's DecodeError and friends
        raise CotError(f"protobuf: {type(exc).__name__}") from None
    control = None
    if msg.HasField("takControl"):
        control = (msg.takControl.minProtoVersion, msg.takControl.maxProtoVersion)
        if not msg.HasField("cotEvent"):
            raise ControlOnly(msg.takControl.contactUid, control)
    ev = msg.cotEvent
    xml_detail = ev.detail.xmlDetail
    detail = f"<detail>{xml_detail}</detail>" if xml_detail else "<detail/>"
    try:
        detail_elem = SafeET.fromstring(detail, forbid_dtd=True)
    except ET.ParseError:
        raise CotError(f"<event uid={ev.uid!r}>: xmlDetail is not well-formed") from None
    if ev.detail.HasField("contact"):
        ET.SubElement(detail_elem, "contact", {"callsign": ev.detail.contact.callsign})
    if ev.detail.HasField("group"):
        ET.SubElement(detail_elem, "__group", {"name": ev.detail.group.name, "role": ev.detail.group.role})
    elem = ET.Element("event", {
        "uid": ev.uid, "type": ev.type, "how": ev.how,
        "time": _iso(ev.sendTime), "start": _iso(ev.startTime or ev.sendTime), "stale": _iso(ev.staleTime),
    })
    ET.SubElement(elem, "point", {"lat": repr(ev.lat), "lon": repr(ev.lon), "hae": repr(ev.hae)})
    elem.append(detail_elem)
    return event_from_element(elem), control


def _iso(ms: int) -> str:
    from .cot import _iso as iso

    return iso(ms) if ms else ""


def control_datagram(contact_uid: str, lowest: int = 1, highest: int = 1) -> bytes:
    """A mesh datagram holding only a TakControl: this device decodes these versions."""
    msg = _message_class()()
    msg.takControl.minProtoVersion = lowest
    msg.takControl.maxProtoVersion = highest
    msg.takControl.contactUid = contact_uid
    return MESH_HEADER + bytes(msg.SerializeToString())


def encode(xml_event: ET.Element, *, stream: bool = False, control: tuple[int, int] | None = None) -> bytes:
    """One of our XML events as TAK protocol v1: a mesh datagram, or a stream frame; ``control``
    adds a TakControl (the versions we decode) to a mesh message."""
    import datetime as dt

    msg = _message_class()()
    if control is not None:
        msg.takControl.minProtoVersion, msg.takControl.maxProtoVersion = control
    ev = msg.cotEvent
    for attr in ("type", "uid", "how"):
        setattr(ev, attr, xml_event.get(attr, ""))
    for attr, name in (("time", "sendTime"), ("start", "startTime"), ("stale", "staleTime")):
        t = dt.datetime.fromisoformat(xml_event.get(attr, "").replace("Z", "+00:00"))
        setattr(ev, name, int(t.timestamp() * 1000))
    pt = xml_event.find("point")
    assert pt is not None
    for attr in ("lat", "lon", "hae", "ce", "le"):
        setattr(ev, attr, float(pt.get(attr, "9999999.0")))
    detail = xml_event.find("detail")
    if detail is not None:
        rest = []
        for child in detail:
            if child.tag == "contact":
                ev.detail.contact.callsign = child.get("callsign", "")
            elif child.tag == "__group":
                ev.detail.group.name = child.get("name", "")
                ev.detail.group.role = child.get("role", "")
            else:
                rest.append(ET.tostring(child, encoding="unicode"))
        ev.detail.xmlDetail = "".join(rest)
    body = msg.SerializeToString()
    if not stream:
        return MESH_HEADER + body
    n, varint = len(body), bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        varint.append(b | (0x80 if n else 0))
        if not n:
            break
    return bytes([STREAM_MAGIC]) + bytes(varint) + body
