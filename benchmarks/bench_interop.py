"""bench interop: CoT events per second ingested from the SA multicast group with the map open.

A sender process inside network namespace ``a`` (root; ``NetnsLink``, no shaping) sends CoT
position reports made by pytak (``pytak.gen_cot``: 500 teams moving) to 239.2.3.1:6969 over the
veth pair; our TAK bridge receives them in namespace ``b`` (its socket is opened on a thread that
entered ``b``), parses them, and writes them in batches to a post's store while a ``MapDock`` shows
that store on the real page (QtWebEngine, offscreen) and draws every change. Without root, the
same runs over unicast UDP on loopback and the figures say so.

* paced: N events at 1,000/s (the goal: sustained without dropping): events sent, arrived
  (dropped = sent − arrived: lost in the kernel), unaccounted (arrived but neither malformed,
  ignored, superseded by a newer report of the same team, nor handed to the store: lost by us;
  must be 0), the rate taken (sender's first event until the parser had taken every one that
  arrived), the backlog left when the sender stopped, the time
  until every team's latest report was in the store (a team is written at most once per 5 s:
  its reports in between are folded into that write), whether every team stands at the last
  position sent for it, and the map's diffs shown.
* flat out: N events as fast as the sender can: the rate ingested and what was dropped.
* baselines, same run: parsing alone (``cot.parse_event`` + ``records_for``, no network, no store)
  and writing alone (the same records straight to ``write_records`` in batches, no network).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import Figure

GROUP = "239.2.3.1"
PORT = 6969
TEAMS = 500
RATE = 1000
OPERATOR = "基准测试"
CLONE_NEWNET = 0x40000000

SENDER = r"""
import socket, sys, time, warnings
warnings.simplefilter("ignore")
import pytak
addr, port, iface = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n, rate, teams = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
events = [pytak.gen_cot(lat=29.4 + (i % teams) / 2000 + (i // teams) / 10000, lon=106.4 + (i % teams) / 1500,
                        uid=f"bench-{i % teams}", cot_type="a-f-G-U-C", callsign=f"BENCH-{i % teams}", stale=600)
          for i in range(min(n, teams * 8))]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
if iface != "-":
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(iface))
print("ready", flush=True)
sys.stdin.readline()
t0 = time.perf_counter()
for i in range(n):
    if rate > 0:
        due = t0 + i / rate
        while (now := time.perf_counter()) < due:
            time.sleep(min(due - now, 0.002))
    s.sendto(events[i % len(events)], (addr, port))
print(f"sent {n} {time.perf_counter() - t0:.4f}", flush=True)
"""


def _enter_netns(name: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(f"/var/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns into {name} failed")
    finally:
        os.close(fd)


class Run:
    """One post with the map open and the TAK bridge on it."""

    def __init__(self, root: Path) -> None:
        from app.services.posts import init_post
        from benchmarks.bench_map import _pump, _qt_app
        from plugins.api import PluginContext
        from ui.docks.map import MapDock
        from ui.session import Session

        _qt_app()
        self.pump = _pump
        self.folder = init_post(root, name="基准测试指挥部", role="rear", level="city")
        self.store = self.folder.open_store()
        self.ctx = PluginContext(store=self.store, operator=OPERATOR, post_id=self.store.identity.post_id,
                                 data_dir=self.folder.path)
        self.session = Session(self.folder, self.store, OPERATOR)
        self.dock = MapDock(self.session)
        self.dock.resize(1400, 900)
        self.dock.show()
        self.shown = 0
        self.dock.bridge.diffShown.connect(self._on_shown)
        bridge = self.dock.bridge
        _pump(lambda: bridge.is_ready)
        self.bridge: Any = None

    def _on_shown(self, _seq: int, _ms: int) -> None:
        self.shown += 1

    def start_bridge(self, group: str, port: int, iface: str, netns: str | None) -> None:
        from plugins.tak.bridge import TakBridge

        self.bridge = TakBridge(self.ctx, multicast=f"{group}:{port}", interface=iface, send=False)
        error: list[BaseException] = []

        def open_in_namespace() -> None:
            try:
                if netns:
                    _enter_netns(netns)
                self.bridge.start()
            except BaseException as exc:  # reported on the main thread
                error.append(exc)

        t = threading.Thread(target=open_in_namespace, name="bench-netns")
        t.start()
        t.join()
        if error:
            raise error[0]

    def ingest(self, sender_cmd: list[str], n: int, rate: float, timeout: float) -> dict[str, float]:
        """Send n events; wait until every one that arrived was taken by the parser, then until
        every team's latest report is written. Times are from the sender's first event."""
        stats, bridge = self.bridge.stats, self.bridge
        arrived0, received0, written0 = stats.arrived, stats.received, stats.written
        accounted0 = stats.accounted
        proc = subprocess.Popen(sender_cmd + [str(n), str(rate), str(TEAMS)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "ready"
        shown0 = self.shown
        proc.stdin.write("go\n")
        proc.stdin.flush()
        t_go = time.perf_counter()
        self.pump(lambda: proc.poll() is not None, timeout)
        t_sent = time.perf_counter()
        sent_line = proc.stdout.readline().strip()
        sent = int(sent_line.split()[1])
        send_s = float(sent_line.split()[2])

        def caught_up() -> bool:  # the kernel buffer is drained and the parser took all of it
            return (stats.received - received0 >= stats.arrived - arrived0 and bridge._inbox.empty()
                    and not bridge._parsing)

        quiet = [time.perf_counter(), stats.arrived]

        def drained() -> bool:
            if stats.arrived != quiet[1]:
                quiet[:] = [time.perf_counter(), stats.arrived]
            return caught_up() and (stats.arrived - arrived0 >= sent or time.perf_counter() - quiet[0] > 1.0)

        self.pump(drained, timeout)
        t_taken = time.perf_counter()
        self.pump(lambda: bridge.idle() and caught_up(), timeout)
        t_written = time.perf_counter()
        self.pump(lambda: True, 1)
        arrived = stats.arrived - arrived0
        return {"unaccounted": arrived - (stats.accounted - accounted0), "sent": sent, "send_s": send_s, "arrived": arrived, "dropped": sent - arrived,
                "rate": arrived / (t_taken - t_go), "backlog_ms": (t_taken - t_sent) * 1000,
                "written_ms": (t_written - t_sent) * 1000, "ops": stats.written - written0,
                "map_diffs": self.shown - shown0}

    def positions_match(self, n: int) -> tuple[int, int]:
        """(teams whose stored position is the last one sent for them, teams)."""
        import pytak

        last = {}
        for i in range(n):  # as SENDER makes them (a cycle of TEAMS * 8 events; pytak keeps 4 decimals)
            j, k = i % min(n, TEAMS * 8), i % TEAMS
            last[f"BENCH-{k}"] = [float(pytak.truncate_float(106.4 + k / 1500)),
                                  float(pytak.truncate_float(29.4 + k / 2000 + (j // TEAMS) / 10000))]
        ok = 0
        for u in self.store.entities("unit"):
            want = last.get(u.get("callsign"))
            got = (u.get("geom") or {}).get("coordinates")
            ok += want is not None and got is not None and abs(got[0] - want[0]) < 1e-7 and abs(got[1] - want[1]) < 1e-7
        return ok, len(last)

    def close(self) -> None:
        if self.bridge is not None:
            self.bridge.stop()
        self.dock.cleanup()
        self.dock.close()
        self.session.cleanup()
        self.dock.deleteLater()
        self.session.deleteLater()
        self.store.close()


def _flush_deletes() -> None:
    from benchmarks.bench_map import _flush_deletes as flush

    flush()


def _parse_baseline(n: int) -> float:
    import pytak

    from plugins.tak import cot

    events = [pytak.gen_cot(lat=29.5, lon=106.5 + i / 1e5, uid=f"p-{i % TEAMS}", cot_type="a-f-G-U-C",
                            callsign=f"P-{i % TEAMS}", stale=600) for i in range(min(n, 4000))]
    t0 = time.perf_counter()
    for i in range(n):
        cot.records_for(cot.parse_event(events[i % len(events)]))
    return n / (time.perf_counter() - t0)


def _write_baseline(root: Path, n: int) -> float:
    """The same records written in one-second batches (RATE events each; latest per uid wins),
    no network, no map: what the store alone takes."""
    import pytak

    from app.services.interop import write_records
    from app.services.posts import init_post
    from plugins.tak import cot

    store = init_post(root, name="写入基线", role="rear", level="city").open_store()
    try:
        events = [cot.parse_event(pytak.gen_cot(lat=29.5 + i / 1e6, lon=106.5, uid=f"w-{i % TEAMS}",
                                                cot_type="a-f-G-U-C", callsign=f"W-{i % TEAMS}", stale=600))
                  for i in range(n)]
        records = [r for ev in events for r in cot.records_for(ev)]
        t0 = time.perf_counter()
        for i in range(0, len(records), RATE):
            write_records(store, OPERATOR, records[i:i + RATE])
        return n / (time.perf_counter() - t0)
    finally:
        store.close()


def run(size: int | None) -> list[Figure]:
    from benchmarks.linkemu import NetnsLink, NetnsUnavailable

    n = size or 10_000
    figures: list[Figure] = []
    link: NetnsLink | None = None
    why = NetnsLink.unavailable_reason()
    if why is None:
        try:
            link = NetnsLink(rate_bps=None).start()
            for side in ("a", "b"):
                link._run("ip", "-n", link.ns[side], "route", "add", "224.0.0.0/4", "dev", link._DEV)
        except (NetnsUnavailable, RuntimeError) as exc:
            why, link = str(exc), None
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-interop-") as tmp:
        run_ = Run(Path(tmp) / "post")
        try:
            if link is not None:
                group, iface, note = GROUP, link.B_ADDR, "multicast between network namespaces"
                run_.start_bridge(group, PORT, iface, link.ns["b"])
                sender = link.command("a", [sys.executable, "-c", SENDER, GROUP, str(PORT), link.A_ADDR])
            else:
                import socket

                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.bind(("127.0.0.1", 0))
                    port = s.getsockname()[1]
                group, iface, note = "127.0.0.1", "0.0.0.0", f"UNICAST loopback ({why})"
                run_.start_bridge(group, port, iface, None)
                sender = [sys.executable, "-c", SENDER, group, str(port), "-"]
            # SENDER's arguments: addr port iface, then n rate teams (added by ingest)
            paced = run_.ingest(sender, n, RATE, timeout=n / RATE * 3 + 60)
            match, teams = run_.positions_match(n)
            figures.append(Figure(f"ingested at {RATE:,}/s offered, map open", paced["rate"], "ev/s",
                                  f"{paced['arrived']:,} of {paced['sent']:,} arrived, {paced['dropped']:,} "
                                  f"dropped, {paced['unaccounted']:,} unaccounted; goal {RATE:,}/s without drops; {note}"))
            figures.append(Figure("backlog when the sender stopped", paced["backlog_ms"], "ms",
                                  "time to take what was still queued (0: kept up)"))
            figures.append(Figure("every team's latest report written", paced["written_ms"], "ms",
                                  f"after the sender stopped; {paced['ops']:,} ops for {paced['arrived']:,} "
                                  f"events (one per team per 5 s); {match} of {teams} teams at their last "
                                  f"position; map diffs shown {paced['map_diffs']:,}"))
            flat = run_.ingest(sender, n * 2, 0, timeout=180)
            figures.append(Figure("ingested flat out, map open", flat["rate"], "ev/s",
                                  f"sender {flat['sent'] / flat['send_s']:,.0f} ev/s; {flat['arrived']:,} of "
                                  f"{flat['sent']:,} arrived, {flat['dropped']:,} dropped in the kernel, "
                                  f"{flat['unaccounted']:,} unaccounted"))
        finally:
            run_.close()
            _flush_deletes()  # the page before its profile, or QtWebEngine crashes at exit
            if link is not None:
                link.stop()
        figures.append(Figure("baseline: parse alone", _parse_baseline(n), "ev/s",
                              "parse_event + records_for, no network, no store"))
        figures.append(Figure("baseline: defusedxml alone", _defused_baseline(n), "ev/s",
                              "what the parse would take through defusedxml for every event"))
        figures.append(Figure("baseline: write alone", _write_baseline(Path(tmp) / "w", n), "ev/s",
                              f"{RATE:,}-event batches ({TEAMS} teams) to the store, no network, no map"))
    return figures



def _defused_baseline(n: int) -> float:
    import pytak
    from defusedxml import ElementTree as SafeET

    events = [pytak.gen_cot(lat=29.5, lon=106.5 + i / 1e5, uid=f"d-{i % TEAMS}", cot_type="a-f-G-U-C",
                            callsign=f"D-{i % TEAMS}", stale=600) for i in range(min(n, 4000))]
    t0 = time.perf_counter()
    for i in range(n):
        SafeET.fromstring(events[i % len(events)], forbid_dtd=True)
    return n / (time.perf_counter() - t0)
