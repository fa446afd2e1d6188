"""The TAK bridge: CoT in from the SA multicast group and TAK servers, our picture out to them.

Threads, each with one job: a UDP receiver on the multicast group (239.2.3.1:6969 by default),
a TCP listener for TAK clients that stream to us, a TCP client per TAK server (reconnecting with
back-off), a parser, a writer, and a sender that turns our changed units, tasks and hazards into
CoT for every link. Receivers only queue raw bytes, so a burst never blocks a socket. The parser
takes events as they come and folds them into what waits to be written: a team's newer report
supersedes its older one not yet written, every marker, shape and photo is kept. The writer
writes what is due every ``batch_ms`` in one call of the store (one transaction, one signing
pass), so a parse never waits for a write. A team is written at most once per
``team_interval_s`` (5 s): a team reporting its position five times a second becomes one signed
op per interval — what every post must store and relay over a 256 kbit/s link. Every event
received is accounted for (``BridgeStats.accounted``). XML and TAK protocol v1 (protobuf) are
both understood on every link; on TCP links what we send follows the TakControl negotiation
(``negotiation``).

Events we sent ourselves come back on the multicast group (loopback, relays): our ``<zhijiu
post=…>`` detail marks them and they are not taken again.
"""

from __future__ import annotations

import collections
import contextlib
import ipaddress
import logging
import queue
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plugins.api import ImportReport, Parsed, PluginContext, Problem, Record, now_ms

from . import cot, mesh, negotiation, proto, symbols

log = logging.getLogger(__name__)

SA_GROUP = ("239.2.3.1", 6969)
RCVBUF = 8 * 1024 * 1024
OUT_TYPES = frozenset({"unit", "task", "feature"})
PARSE_CHUNK = 500  # events parsed between two looks at the writer's queue
RESEND_S = 60.0  # TAK clients drop a track after its stale time: say it again before then


@dataclass
class BridgeStats:
    arrived: int = 0  # datagrams and stream events off the sockets (queued for the worker)
    received: int = 0  # of those, taken off the queue by the parser
    parsed: int = 0
    malformed: int = 0
    ignored: int = 0  # chatter and our own events heard back
    deferred: int = 0  # team reports superseded by a newer report of the team before their write
    handed: int = 0  # records handed to the store (created, changed, unchanged or refused)
    failed: int = 0  # records whose write failed (the store closing, the disk full)
    written: int = 0  # records created or changed in the store
    sent: int = 0
    batches: int = 0
    problems: collections.deque[str] = field(default_factory=lambda: collections.deque(maxlen=200))

    @property
    def accounted(self) -> int:
        """Events whose fate is known: each received event is malformed, ignored, superseded by a
        newer report of its team, or handed to the store (or its write failed)."""
        return self.malformed + self.ignored + self.deferred + self.handed + self.failed


def _addr(text: str, default_port: int) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host:
        return text, default_port
    return host.strip("[]"), int(port)


class TakBridge:
    def __init__(
        self,
        ctx: PluginContext,
        *,
        multicast: str | None = "239.2.3.1:6969",
        interface: str = "0.0.0.0",
        listen: str | None = None,
        connect: list[str] | tuple[str, ...] = (),
        send: bool = True,
        protobuf: bool | str = False,
        stream: str | None = None,
        batch_ms: int = 1000,
        team_interval_s: float = 5.0,
        on_written: Callable[[ImportReport], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.multicast = _addr(multicast, 6969) if multicast else None
        self.interface = interface
        self.listen = _addr(listen, 8087) if listen else None
        self.connect = [_addr(c, 8087) for c in connect]
        self.send_enabled = send
        # multicast datagrams: XML, TAK protocol v1, or "auto" (v1 when every device heard on
        # the group decodes it: TakControl, see ``mesh``)
        if protobuf not in (True, False, "auto"):
            raise ValueError(f"protobuf must be true, false or \"auto\", not {protobuf!r}")
        self.protobuf = protobuf
        self.mesh = mesh.MeshVersions()
        # TAK server links: "negotiate" (XML, then v1 when both sides agree: TakControl),
        # "xml", or "protobuf" (v1 from the first byte, a server's prototls input)
        self.stream_mode = stream or ("negotiate" if protobuf else "xml")
        if self.stream_mode not in negotiation.MODES:
            raise ValueError(f"stream must be one of {', '.join(negotiation.MODES)}, not {stream!r}")
        self.batch_s = batch_ms / 1000
        self.team_interval_s = team_interval_s
        self._lock = threading.Lock()  # guards what waits between the parser and the writer
        self._write_lock = threading.Lock()  # one write at a time (the writer, take(), stop)
        self._pending: dict[tuple[str, str], Record] = {}  # team reports waiting for their turn
        self._ready: list[Record] = []  # markers, shapes, photos: written in the next batch
        self._problems: list[Problem] = []  # malformed events, for the next write's report
        self._last_write: dict[tuple[str, str], float] = {}
        self.on_written = on_written
        self.stats = BridgeStats()
        self._inbox: queue.SimpleQueue[tuple[bytes, str]] = queue.SimpleQueue()
        self._outbox: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._streams: list[_Link] = []  # connected TCP peers we also send to
        self._streams_lock = threading.Lock()
        self._udp_out: socket.socket | None = None
        self._udp_in: socket.socket | None = None
        self._server: socket.socket | None = None
        self.bound_port: int | None = None
        self._parsing = False
        self.busy = False  # the writer is writing a batch

    # ------------------------------------------------------------------ life

    def start(self) -> TakBridge:
        if self.multicast:
            self._udp_in = self._open_multicast()
            self._spawn(self._udp_loop, "tak-udp")
        if self.listen:
            self._server = socket.create_server(self.listen, reuse_port=False)
            self._server.settimeout(0.25)
            self.bound_port = self._server.getsockname()[1]
            self._spawn(self._accept_loop, "tak-listen")
        for addr in self.connect:
            self._spawn(lambda a=addr: self._client_loop(a), f"tak-client-{addr[0]}:{addr[1]}")
        self._spawn(self._parse_loop, "tak-parse")
        self._spawn(self._write_loop, "tak-write")
        if self.send_enabled:
            if self.multicast:
                self._udp_out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
                self._udp_out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
                self._udp_out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
                if self.interface != "0.0.0.0":
                    self._udp_out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                                             socket.inet_aton(self.interface))
            self.ctx.store.subscribe(self._on_store_change)
            self._spawn(self._send_loop, "tak-send")
        self.ctx.on_unload(self.stop)
        log.info("TAK bridge started: multicast %s, listen %s, servers %s",
                 self.multicast, self.listen, self.connect)
        return self

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self.ctx.store.unsubscribe(self._on_store_change)
        self._outbox.put(None)
        with self._streams_lock:
            for link in self._streams:
                _close(link.sock)
        for t in self._threads:
            t.join(timeout=5)
        for s in (self._udp_in, self._udp_out, self._server):
            if s is not None:
                _close(s)
        self._threads.clear()
        left: list[tuple[bytes, str]] = []
        while True:  # what arrived before the sockets closed is still taken
            try:
                left.append(self._inbox.get_nowait())
            except queue.Empty:
                break
        self._fold(*self._parse(left))
        self._write_due(everything=True)  # nothing heard is left unwritten at stop
        st = self.stats
        log.info("TAK bridge stopped: %d events received, %d accounted for, %d records written",
                 st.received, st.accounted, st.written)

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        def run() -> None:
            try:
                target()
            except Exception:  # a bug in one thread: said in the log and the link view, the node goes on
                log.exception("TAK bridge: thread %s stopped", name)
                self.stats.problems.append(f"thread {name} stopped on an error (see the log)")

        t = threading.Thread(target=run, name=name, daemon=True)
        t.start()
        self._threads.append(t)

    def _open_multicast(self) -> socket.socket:
        assert self.multicast is not None
        group, port = self.multicast
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:  # root may pass net.core.rmem_max: a burst must wait in the kernel, not be dropped
            s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), RCVBUF)
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)
        s.bind((group, port))
        if ipaddress.ip_address(group).is_multicast:  # else plain unicast UDP (a relay, a test)
            mreq = struct.pack("4s4s", socket.inet_aton(group), socket.inet_aton(self.interface))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        s.settimeout(0.25)
        return s

    # ------------------------------------------------------------------ in

    def _udp_loop(self) -> None:
        assert self._udp_in is not None
        while not self._stop.is_set():
            try:
                data, src = self._udp_in.recvfrom(65535)
            except TimeoutError:
                continue
            except OSError:
                return
            self.stats.arrived += 1
            self._inbox.put((data, f"udp {src[0]}"))

    def _accept_loop(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                conn, src = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._spawn(lambda c=conn, s=src: self._stream_loop(c, f"tcp {s[0]}:{s[1]}", "server"),
                        "tak-conn")

    def _client_loop(self, addr: tuple[str, int]) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                conn = socket.create_connection(addr, timeout=5)
            except OSError as exc:
                self.stats.problems.append(f"TAK server {addr[0]}:{addr[1]}: {exc.strerror or exc}")
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 0.5
            self._stream_loop(conn, f"server {addr[0]}:{addr[1]}", "client")

    def _stream_loop(self, conn: socket.socket, label: str, role: str) -> None:
        """One TCP link: ``role`` is ours on it — "client" on a TAK server we connected to,
        "server" for a TAK client that connected to us (see ``negotiation``)."""
        conn.settimeout(0.25)
        link = _Link(conn, label, negotiation.StreamNegotiation(role, self.stream_mode))
        opening = link.neg.opening()
        if opening is not None:
            link.send_raw(opening)
        with self._streams_lock:
            self._streams.append(link)
        if self.send_enabled:
            self._outbox.put(("*", "*"))  # a new link hears our whole picture
        buffer = bytearray()
        try:
            while not self._stop.is_set():
                if link.neg.expired():
                    self.stats.problems.append(f"{label}: no answer to our TAK protocol request: reconnecting")
                    break
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                buffer += data
                self._take_frames(link, buffer)
        finally:
            with self._streams_lock:
                if link in self._streams:
                    self._streams.remove(link)
            _close(conn)

    def _take_frames(self, link: _Link, buffer: bytearray) -> None:
        """Queue every complete event in the buffer, one at a time, handling the negotiation
        events (they change how the next byte we send is framed) in their place."""
        while True:
            was_protobuf = link.neg.protobuf
            frame = _next_frame(buffer, self.stats)
            if frame is None:
                return
            ctl = None if was_protobuf else negotiation.read_control(frame)
            if ctl is None:
                self.stats.arrived += 1
                self._inbox.put((frame, link.label))
                continue
            with link.lock:  # the answer goes out before anything framed the new way
                reply = link.neg.on_control(ctl)
                if reply is not None:
                    link.send_raw(reply, locked=True)
            switched = link.neg.protobuf != was_protobuf
            if switched:
                log.info("TAK: %s speaks TAK protocol v1 from now on", link.label)
            if ctl.type in (negotiation.REQUEST, negotiation.RESPONSE) and self.send_enabled:
                # settled, either way: our picture again, as the link now speaks (what went out
                # before the answer may have been read past by a peer waiting for the answer)
                self._outbox.put(("*", "*"))

    def _parse_loop(self) -> None:
        """Parse what arrives as it arrives and fold it into what waits to be written: the
        parsing never waits for a write, and a write never waits for the parsing."""
        while not self._stop.is_set():
            try:
                first = self._inbox.get(timeout=0.25)
            except queue.Empty:
                continue
            chunk = [first]
            while len(chunk) < PARSE_CHUNK:
                try:
                    chunk.append(self._inbox.get_nowait())
                except queue.Empty:
                    break
            self._parsing = True
            try:
                self._fold(*self._parse(chunk))
            finally:
                self._parsing = False

    def _write_loop(self) -> None:
        while not self._stop.wait(self.batch_s):
            self._write_due()

    def idle(self) -> bool:
        """Nothing queued, being parsed, waiting for its turn or being written."""
        with self._lock:
            waiting = bool(self._pending or self._ready)
        return self._inbox.empty() and not (self._parsing or self.busy or waiting)

    def take(self, batch: list[tuple[bytes, str]]) -> ImportReport:
        """Parse one batch of raw events and write what is due now, on the calling thread (what
        the two threads do between them; tests call it)."""
        self._fold(*self._parse(batch))
        return self._write_due()

    def _parse(self, batch: list[tuple[bytes, str]]) -> tuple[list[Record], list[Problem]]:
        records: list[Record] = []
        problems: list[Problem] = []
        for data, label in batch:
            self.stats.received += 1
            version, control = 0, None
            try:
                if proto.is_protobuf(data):
                    version = 1
                    ev, control = proto.decode_with_control(data)
                else:
                    ev = cot.parse_event(data)
            except proto.ControlOnly as only:  # a device saying which versions it decodes
                if label.startswith("udp"):
                    self.mesh.heard(only.contact_uid, 1, only.control)
                self.stats.parsed += 1
                self.stats.ignored += 1
                continue
            except cot.CotError as exc:
                self.stats.malformed += 1
                problem = Problem(label, str(exc))
                problems.append(problem)
                self.stats.problems.append(str(problem))
                log.warning("TAK: skipped a malformed event from %s", problem)
                continue
            self.stats.parsed += 1
            if ev.ours.get("post") == self.ctx.post_id:
                self.stats.ignored += 1
                continue
            if label.startswith("udp") and symbols.is_track(ev.type):
                self.mesh.heard(ev.uid, version, control)  # a device on the group: what it speaks
            try:
                got = cot.records_for(ev, self.ctx.put_blob)
            except OSError as exc:  # a photo that cannot be kept (disk full): say so, go on
                self.stats.problems.append(f"{label}: {exc}")
                self.stats.ignored += 1
                continue
            if not got:
                self.stats.ignored += 1
            records += [_owned(r, self.ctx.post_id) for r in got]
        return records, problems

    def _fold(self, records: list[Record], problems: list[Problem]) -> None:
        """Queue records for the writer. A team's newer report supersedes the one still waiting
        (its fields merged over the older ones); every other record is kept as it came."""
        with self._lock:
            self._problems += problems
            for r in records:
                if r.etype != "unit":
                    self._ready.append(r)
                    continue
                key = (r.etype, r.eid)
                old = self._pending.pop(key, None)
                if old is not None:
                    self.stats.deferred += 1
                    r = Record(r.etype, r.eid, {**old.fields, **r.fields}, r.where,
                               {**old.create_only, **r.create_only})
                self._pending[key] = r

    def _write_due(self, everything: bool = False) -> ImportReport:
        """Write what is due in one call of the store (one transaction, signed in one pass)."""
        with self._write_lock:
            with self._lock:
                records, self._ready = self._ready, []
                problems, self._problems = self._problems, []
                records += self._due(everything)
            if not records and not problems:
                return ImportReport()
            self.busy = True
            try:
                return self._write(Parsed(records=records, problems=problems))
            finally:
                self.busy = False

    def _write(self, parsed: Parsed) -> ImportReport:
        try:
            report = self.ctx.write(parsed)
        except Exception:  # the store is closing, the disk is full: keep running, say so
            log.exception("TAK: writing a batch failed")
            self.stats.problems.append("writing a batch failed (see the log)")
            self.stats.failed += len(parsed.records)  # counted and said, not silently gone
            return ImportReport()
        self.stats.handed += len(parsed.records)
        self.stats.written += report.created + report.updated
        self.stats.batches += 1
        for p in report.problems[len(parsed.problems):]:
            self.stats.problems.append(str(p))
        if self.on_written is not None:
            self.on_written(report)
        return report

    def _due(self, everything: bool = False) -> list[Record]:
        """The teams whose turn it is (the caller holds the lock). A team heard again within
        ``team_interval_s`` of its last write waits, folded with its newer reports (the latest
        position wins), and is written once its turn comes — every report is taken, the op log
        gets at most one op per team per interval. A team heard for the first time is written at
        once."""
        now = time.monotonic()
        out = []
        for key in list(self._pending):
            if everything or now - self._last_write.get(key, -1e18) >= self.team_interval_s:
                out.append(self._pending.pop(key))
                self._last_write[key] = now
        return out

    # ------------------------------------------------------------------ out

    def _on_store_change(self, result: Any) -> None:
        for etype, eid in result.changed:
            if etype in OUT_TYPES:
                self._outbox.put((etype, eid))

    def send_all(self) -> None:
        self._outbox.put(("*", "*"))

    def _send_loop(self) -> None:
        last_all = 0.0
        while not self._stop.is_set():
            self._say_versions()
            try:
                item = self._outbox.get(timeout=1.0)
            except queue.Empty:
                item = ("*", "*") if time.monotonic() - last_all > RESEND_S else None
                if item is None:
                    continue
            if item is None:
                return
            keys = {item}
            while True:  # everything waiting goes in one pass
                try:
                    more = self._outbox.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    return
                keys.add(more)
            if ("*", "*") in keys:
                last_all = time.monotonic()
                entities = [e for t in OUT_TYPES for e in self.ctx.store.entities(t)]
            else:
                entities = [e for k in keys if (e := self.ctx.store.get(*k)) is not None and not e.deleted]
            self.send(entities)

    def protocols(self) -> tuple[int, int, bool]:
        """(TCP links, of those speaking TAK protocol v1, multicast sent in v1) for the link view."""
        with self._streams_lock:
            links = list(self._streams)
        mesh_v1 = self.protobuf is True or (self.protobuf == "auto" and self.mesh.version() >= 1)
        return len(links), sum(link.neg.protobuf for link in links), mesh_v1

    def mesh_payload(self, ev: Any, xml: bytes) -> bytes:
        """One of our events as a multicast datagram, in the version the group speaks."""
        if self.protobuf == "auto":
            if self.mesh.version() >= 1:
                return proto.encode(ev, control=(1, mesh.OUR_VERSION))
            return xml
        return proto.encode(ev) if self.protobuf else xml

    def _say_versions(self) -> None:
        """With "auto": tell the group once a minute that we decode version 1 (a TakControl
        alone), so its devices may switch even while we still send XML."""
        if self.protobuf != "auto" or self._udp_out is None or self.multicast is None:
            return
        if self.mesh.control_due():
            try:
                self._udp_out.sendto(proto.control_datagram(self.ctx.post_id), self.multicast)
            except OSError as exc:
                self.stats.problems.append(f"multicast send: {exc.strerror or exc}")

    def send(self, entities: list[Any]) -> int:
        now = now_ms()
        n = 0
        for e in entities:
            if (e.get("props") or {}).get("cot_type"):
                continue  # heard from TAK in the first place: TAK has it already
            ev = cot.event_for(e, self.ctx.post_id, now)
            if ev is None:
                continue
            xml = cot.to_bytes(ev)
            data = self.mesh_payload(ev, xml)
            if self._udp_out is not None and self.multicast is not None:
                try:
                    self._udp_out.sendto(data, self.multicast)
                except OSError as exc:
                    self.stats.problems.append(f"multicast send: {exc.strerror or exc}")
            with self._streams_lock:
                streams = list(self._streams)
            for link in streams:
                link.send_event(ev, xml)
            n += 1
        self.stats.sent += n
        return n


def _owned(rec: Record, post_id: str) -> Record:
    """A new team heard from TAK is commanded by this post (a forward post may hold it then)."""
    if rec.etype != "unit":
        return rec
    return Record(rec.etype, rec.eid, rec.fields, rec.where, {**rec.create_only, "post_id": post_id})


class _Link:
    """A connected TCP peer: its socket, where the negotiation stands, one writer at a time."""

    def __init__(self, sock: socket.socket, label: str, neg: negotiation.StreamNegotiation) -> None:
        self.sock = sock
        self.label = label
        self.neg = neg
        self.lock = threading.Lock()

    def send_raw(self, data: bytes, locked: bool = False) -> None:
        if locked:
            self._send(data)
            return
        with self.lock:
            self._send(data)

    def send_event(self, ev: Any, xml: bytes) -> None:
        """One of our events, framed as the link speaks now (nothing while a request waits)."""
        with self.lock:
            if not self.neg.may_send:
                return  # the picture is sent again once the answer is in
            self._send(proto.encode(ev, stream=True) if self.neg.protobuf else xml)

    def _send(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # its reader notices and drops it
            self.sock.sendall(data)


def _next_frame(buffer: bytearray, stats: BridgeStats) -> bytes | None:
    """The first complete event off a TCP buffer (removed from it): a TAK protocol v1 stream
    frame (first byte 0xbf) or an XML event. Reading takes either at any time — the first byte
    tells them apart — so a peer that switches a frame early, or a v1-only server that still
    sends XML, loses nothing; what we *send* follows the negotiation exactly."""
    if buffer and buffer[0] == proto.STREAM_MAGIC:
        try:
            length, pos = proto._read_varint(bytes(buffer[:11]), 1)
        except cot.CotError:
            return None  # the length itself is still arriving
        if length > cot.MAX_EVENT_BYTES:
            stats.problems.append("a protobuf frame longer than the limit: link reset")
            buffer.clear()
            return None
        if len(buffer) < pos + length:
            return None
        frame = bytes(buffer[: pos + length])
        del buffer[: pos + length]
        return frame
    return next(cot.split_stream(buffer), None)


def _close(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    s.close()


def make_bridge(ctx: PluginContext, **options: Any) -> TakBridge:
    """The feed contribution: a bridge with these options (see ``TakBridge``), started, and
    listed for the TAK link view until it stops."""
    bridge = TakBridge(ctx, **options).start()
    RUNNING.append(bridge)
    ctx.on_unload(lambda: RUNNING.remove(bridge) if bridge in RUNNING else None)
    return bridge


RUNNING: list[TakBridge] = []  # the bridges the feeds started (the TAK link view reads them)
