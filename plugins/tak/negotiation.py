"""TAK protocol negotiation on a stream (a TAK server link): XML first, then TAK protocol v1.

What the TAK protocol description (``protocol.txt`` in the ATAK-CIV sources, as TAK Server's
``StreamingProtoBufOrCoTProtocol`` implements it) says, and what this does:

1. A stream starts in XML (version 0), both ways.
2. The server may announce, at most once per connection, the versions it speaks: an XML event
   of type ``t-x-takp-v`` whose ``<detail><TakControl>`` holds one ``<TakProtocolSupport
   version="N"/>`` per version, under a fresh uid (the *protouid*).
3. A client that wants version 1 answers with ``t-x-takp-q``, the server's protouid as its uid,
   ``<TakControl><TakRequest version="1"/></TakControl>``, and from then on sends nothing — it
   still reads XML — until the answer, ``t-x-takp-r`` with ``<TakResponse status="true|false"/>``.
   It waits at least a minute; no answer by then: it drops the link and connects again.
4. ``true``: from the next byte on, both ways carry stream frames (``0xbf``, a varint length, a
   ``TakMessage``). ``false``: the stream stays XML. The server takes a request for a minute
   after its announcement.

``StreamNegotiation`` is that state machine for one link, either side, without any I/O: the
bridge feeds it the control events it reads and sends what it returns. ``mode`` is the link's
wish: ``"xml"`` (never ask; refuse requests), ``"negotiate"`` (ask, or announce and accept) or
``"protobuf"`` (stream frames from the first byte, for a TAK server input of the ``prototls``
kind that never negotiates).
"""

from __future__ import annotations

import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET

from .cot import _iso

ANNOUNCE, REQUEST, RESPONSE = "t-x-takp-v", "t-x-takp-q", "t-x-takp-r"
VERSION = 1  # the one version after XML there is
TIMEOUT_S = 60.0  # a client waits this long for an answer; a server takes requests this long
MODES = ("xml", "negotiate", "protobuf")


@dataclass(frozen=True)
class Control:
    """A negotiation event read off a stream."""

    type: str
    uid: str
    supported: tuple[str, ...] = ()  # TakProtocolSupport versions (an announcement)
    requested: str | None = None  # TakRequest version (a request)
    status: bool | None = None  # TakResponse status (an answer)


def read_control(frame: bytes) -> Control | None:
    """The negotiation event in an XML frame, or None for any other event (a cheap look first:
    position reports never pay for a second parse)."""
    if b"t-x-takp-" not in frame[:600] or frame[:1] == b"\xbf":
        return None
    try:
        ev = SafeET.fromstring(frame, forbid_dtd=True)
    except Exception:  # malformed: the ordinary parser reports it
        return None
    typ = ev.get("type") or ""
    if ev.tag != "event" or not typ.startswith("t-x-takp-"):
        return None
    ctl = ev.find("detail/TakControl")
    if ctl is None:
        return Control(typ, ev.get("uid") or "")
    request = ctl.find("TakRequest")
    response = ctl.find("TakResponse")
    return Control(
        typ, ev.get("uid") or "",
        supported=tuple(e.get("version") or "" for e in ctl.findall("TakProtocolSupport")),
        requested=request.get("version") if request is not None else None,
        status=(response.get("status") or "").lower() == "true" if response is not None else None,
    )


def control_event(typ: str, uid: str, child: str, attrs: dict[str, str], stale_s: int = 60) -> bytes:
    """A negotiation event as the description gives it (XML header, then the event)."""
    now = time.time_ns() // 1_000_000
    ev = ET.Element("event", {"version": "2.0", "uid": uid, "type": typ, "how": "m-g",
                              "time": _iso(now), "start": _iso(now), "stale": _iso(now + stale_s * 1000)})
    ET.SubElement(ev, "point", {"lat": "0.0", "lon": "0.0", "hae": "0.0", "ce": "999999", "le": "999999"})
    ET.SubElement(ET.SubElement(ET.SubElement(ev, "detail"), "TakControl"), child, attrs)
    body: bytes = ET.tostring(ev, encoding="utf-8")
    return b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + body


class StreamNegotiation:
    def __init__(self, role: str, mode: str, clock: Callable[[], float] = time.monotonic) -> None:
        if role not in ("client", "server") or mode not in MODES:
            raise ValueError(f"role {role!r} / mode {mode!r}")
        self.role = role
        self.mode = mode
        self.clock = clock
        self.protobuf = mode == "protobuf"  # stream frames both ways from now on
        self.waiting_since: float | None = None  # a client that asked and awaits the answer
        self.announced_at: float | None = None  # a server that announced
        self.protouid = ""
        self.refused = False  # the other side said no: we stay XML

    @property
    def may_send(self) -> bool:
        """False while a client waits for the answer (it sends nothing then)."""
        return self.waiting_since is None

    def opening(self) -> bytes | None:
        """What a server sends first: its announcement (once per connection)."""
        if self.role != "server" or self.mode != "negotiate" or self.announced_at is not None:
            return None
        self.protouid = str(uuid.uuid4())
        self.announced_at = self.clock()
        return control_event(ANNOUNCE, self.protouid, "TakProtocolSupport", {"version": str(VERSION)})

    def on_control(self, ctl: Control) -> bytes | None:
        """Take a negotiation event read off the link; returns what to send back (XML), if
        anything. When this returns, ``protobuf`` says how the next byte each way is framed."""
        if self.protobuf:
            return None  # settled
        if self.role == "client":
            if ctl.type == ANNOUNCE and self.mode == "negotiate" and self.waiting_since is None \
                    and not self.refused and str(VERSION) in ctl.supported:
                self.protouid = ctl.uid
                self.waiting_since = self.clock()
                return control_event(REQUEST, ctl.uid, "TakRequest", {"version": str(VERSION)})
            if ctl.type == RESPONSE and self.waiting_since is not None and ctl.status is not None:
                self.waiting_since = None
                self.protobuf = ctl.status
                self.refused = not ctl.status
            return None
        if ctl.type != REQUEST:
            return None
        ok = (self.mode == "negotiate" and self.announced_at is not None
              and self.clock() - self.announced_at <= TIMEOUT_S and ctl.requested == str(VERSION))
        reply = control_event(RESPONSE, ctl.uid or self.protouid, "TakResponse",
                              {"status": "true" if ok else "false"})
        self.protobuf = ok  # the request was the client's last XML; our answer is ours
        return reply

    def expired(self) -> bool:
        """A client that asked has waited longer than the description allows: drop the link."""
        return self.waiting_since is not None and self.clock() - self.waiting_since > TIMEOUT_S
