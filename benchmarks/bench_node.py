"""bench node: a rear node with 50 forward posts pushing their backlogs at once, on PostgreSQL
and on SQLite in the same run.

For each store the city rear post is made (``init_post``), 50 forward posts are enrolled
(``create_package``) and the rear runs as a real ``zhijiu serve`` process. A few client processes
(``python -m benchmarks.bench_node --client SPEC``) hold ten post identities each, one DEALER per
post with that post's own CURVE keys, admitted by the node's ZAP from the roster like any post.
Each client signs and frames its posts' ops before the clock starts (unit moves, features, reports,
duty-log entries, stock movements: what a forward post may write), then on the word "go" every
post says HELLO (its version vector: its own ops and the roster it was enrolled with), waits for
the node's HELLO and pushes its ops in OPS batches with a few batches in flight, until an ACK's
version vector covers them all. Like a post's engine, each sends a PING every two seconds and
answers the node's; the clients stay connected and acknowledge what the node relays to them
(every other post's ops), as real posts would, until every post holds every op.

Figures, per store: ops/s sustained at the node (all ops ÷ first HELLO to last ACK), the per-post
catch-up time (its HELLO to its last ACK: p50, p95, max), the time until the node has relayed
everything to every post (and how much of that reached the posts while they were still pushing),
the oldest the node's status file got (``zhijiu status`` calls a node whose file is older than
5 s stopped: it shows how long one turn of the node's loop lasts), and the node process's CPU
time per 1,000 ops received; then the PostgreSQL / SQLite ratios. After the run the node is
stopped and ``zhijiu status --json`` must show every op (posts × ops + the roster) with nothing
held, quarantined or refused, or the benchmark fails. Warnings the node logged are reported,
those of the run apart from those logged as the posts disconnect.

``python -m benchmarks.bench_node [--posts N --ops N --clients N --keep DIR --no-relay]`` prints
the two stores side by side; ``--no-relay`` (a diagnosis) has every post claim in its HELLO
that it holds all other posts' ops, so the node only receives.

``size`` is the total op count (default 50 posts × 400 ops); the test runs ``measure`` small.
"""

from __future__ import annotations

import json
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgpack

from benchmarks import Figure

ROOT = Path(__file__).resolve().parent.parent

POSTS = 50
OPS_PER_POST = 400
CLIENTS = 5
BATCH = 100  # ops per OPS frame
WINDOW = 4  # OPS frames in flight per post
PING_S = 2.0  # each post's heartbeat, as app.sync.engine.PING_S
PUSH_TIMEOUT_S = 900.0
FANOUT_TIMEOUT_S = 600.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class BenchError(RuntimeError):
    """The run did not do what it must (a post not admitted, ops missing, a timeout)."""


# ====================================================================== the parent: one store


@dataclass
class StoreRun:
    store: str  # "PostgreSQL" | "SQLite"
    posts: int
    ops_per_post: int
    elapsed_s: float  # first HELLO → last ACK covering all ops
    catchup_s: list[float]  # per post: its HELLO → its last ACK
    fanout_s: float | None  # first HELLO → every post holds every op (None: not within timeout)
    node_cpu_s: float  # the node process, during the push
    db_cpu_s: float | None  # the PostgreSQL server processes, during the push
    verified: dict[str, Any]
    teardown_odd: list[str] = field(default_factory=list)  # … when the posts left
    relayed_during_push: float = 0.0  # share of what the posts lacked that reached them by then
    status_age_push_s: float = 0.0  # oldest the node's status file got during the push
    status_age_fanout_s: float = 0.0  # … and while it relayed
    loop_turn_max_s: float = 0.0  # the longest the node's sync loop went without finishing a turn
    odd: list[str] = field(default_factory=list)  # warnings and errors the node logged

    @property
    def total_ops(self) -> int:
        return self.posts * self.ops_per_post

    @property
    def ops_per_s(self) -> float:
        return self.total_ops / self.elapsed_s


def measure(
    kind: str,
    root: Path,
    *,
    posts: int = POSTS,
    ops_per_post: int = OPS_PER_POST,
    clients: int = CLIENTS,
    batch: int = BATCH,
    window: int = WINDOW,
    db_url: str | None = None,
    pg_root: Path | None = None,
    fanout: bool = True,
    fanout_timeout: float = FANOUT_TIMEOUT_S,
    relay: bool = True,
) -> StoreRun:
    """One node on one store (``db_url`` None: SQLite in its folder), pushed to by ``posts`` posts.

    ``relay=False`` (a diagnosis, not the benchmark): each post's HELLO claims it already holds
    every other post's ops, so the node relays nothing and only its receive path is measured."""
    from app.services.enroll import create_package, read_package
    from app.services.posts import init_post

    root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    endpoint = f"tcp://127.0.0.1:{port}"
    node_dir = root / "node"
    folder = init_post(node_dir, name="重庆市应急管理局指挥中心", role="rear", level="city", db_url=db_url)
    server_key = folder.curve_keys().public
    identities: list[dict[str, Any]] = []
    store = folder.open_store()
    try:
        for i in range(posts):
            pkg = root / f"post{i:02d}.pkg"
            create_package(folder, store, name=f"前方指挥部{i + 1:02d}", role="forward", level="scene",
                           endpoint=endpoint, out=pkg)
            identities.append(_identity(read_package(pkg), i))
        node_vv_before = store.version_vector()
    finally:
        store.close()
    held_before = sum(node_vv_before.values())
    expected_total = held_before + posts * ops_per_post
    claim = {**node_vv_before, **{i["origin"]: ops_per_post for i in identities}} if not relay else None
    fanout = fanout and relay

    node, node_err = _start_node(node_dir, endpoint, root)
    procs: list[subprocess.Popen[bytes]] = []
    lines: queue.Queue[tuple[int, str]] = queue.Queue()
    said: dict[tuple[int, str], Any] = {}
    probe: _StatusProbe | None = None
    try:
        groups = [identities[c::clients] for c in range(clients) if identities[c::clients]]
        for c, group in enumerate(groups):
            spec = root / f"client{c}.spec"
            spec.write_bytes(msgpack.packb({
                "endpoint": endpoint, "server_key": server_key, "identities": group,
                "ops": ops_per_post, "batch": batch, "window": window, "expected_total": expected_total,
                "claim": claim,
            }, use_bin_type=True))
            p = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_node", "--client", str(spec)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
            procs.append(p)
            threading.Thread(target=_reader, args=(c, p, lines), daemon=True).start()
        _collect(lines, procs, node, node_err, "ready", 120, said)
        pg_pids = _postgres_pids(pg_root)
        cpu0, db0 = _cpu_s([node.pid]), _cpu_s(pg_pids) if pg_pids else None
        probe = _StatusProbe(folder.link_state_path)
        for p in procs:
            _tell(p, "go")
        pushed = _collect(lines, procs, node, node_err, "pushed", PUSH_TIMEOUT_S, said)
        cpu1, db1 = _cpu_s([node.pid]), _cpu_s(pg_pids) if pg_pids else None
        age_push = probe.lap()
        synced: dict[int, Any] = {}
        if fanout:
            try:
                synced = _collect(lines, procs, node, node_err, "synced", fanout_timeout, said)
            except BenchError as exc:
                if "timed out" not in str(exc):
                    raise
        age_fanout = probe.lap()
        loop_max = probe.loop_worst  # before the posts disconnect and the node stops
        log_at_stop = _log_size(node_dir)
        for p in procs:
            _tell(p, "stop")
        final = _collect(lines, procs, node, node_err, "final", 60, said)
        for p in procs:
            p.wait(60)
    finally:
        if probe is not None:
            probe.stop()
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        _stop_node(node)
        node_err.close()

    posts_out = [r for c in sorted(pushed) for r in pushed[c]]
    t0 = min(r["t_hello"] for r in posts_out)
    t_end = max(r["t_done"] for r in posts_out)
    fanout_s = None
    odd: list[str] = []
    if fanout and len(synced) == len(procs):
        fanout_s = max(r["t_synced"] for c in synced for r in synced[c]) - t0
    elif fanout:
        short = [r for c in sorted(final) for r in final[c] if r["relayed"] < r["expected"]]
        odd.append(f"relay incomplete after {fanout_timeout:.0f} s: {len(short)} posts short, e.g. "
                   + ", ".join(f"{r['relayed']}/{r['expected']}" for r in short[:5]))
    verified = _verify(node_dir, identities, ops_per_post, expected_total, held_before)
    during, teardown = _node_complaints(node_dir, root / "node.stderr", log_at_stop)
    return StoreRun(
        store=kind, posts=posts, ops_per_post=ops_per_post, elapsed_s=t_end - t0,
        catchup_s=sorted(r["t_done"] - r["t_hello"] for r in posts_out), fanout_s=fanout_s,
        node_cpu_s=cpu1 - cpu0, db_cpu_s=None if db0 is None or db1 is None else db1 - db0,
        relayed_during_push=sum(r["relayed"] for r in posts_out)
        / max(1, sum(r["expect_relayed"] for r in posts_out)),
        status_age_push_s=age_push, status_age_fanout_s=age_fanout, loop_turn_max_s=loop_max,
        verified=verified, odd=odd + during, teardown_odd=teardown,
    )


class _StatusProbe:
    """Watches the node's status file (what `zhijiu status` reads; older than 5 s there means
    "node stopped") and keeps the oldest it got, per phase; and the longest the sync loop took
    over one turn (the file's ``loop_at``: its heartbeat has a thread of its own)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.worst = 0.0
        self.loop_worst = 0.0
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._halt.wait(0.1):
            try:
                doc = json.loads(self.path.read_text("utf-8"))
                updated, loop_at = float(doc["updated"]), float(doc.get("loop_at", doc["updated"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # being replaced this instant
            self.worst = max(self.worst, time.time() - updated)
            self.loop_worst = max(self.loop_worst, time.time() - loop_at)

    def lap(self) -> float:
        worst, self.worst = self.worst, 0.0
        return worst

    def stop(self) -> None:
        self._halt.set()
        self._thread.join(5)


def _identity(doc: dict[str, Any], i: int) -> dict[str, Any]:
    """What a client needs to speak for one enrolled post, from its package."""
    from app.ops import open_envelope

    secrets = msgpack.unpackb(doc["secrets"], raw=False)
    roster_vv: dict[str, int] = {}
    for raw in doc["roster"]:
        env, _ = open_envelope(raw)
        roster_vv[env.origin] = max(roster_vv.get(env.origin, 0), env.seq)
    post = doc["post"]
    return {
        "post": post["id"], "name": post["name"], "origin": f"{post['id']}.b{i:07d}",
        "sign": secrets["sign"], "curve": list(secrets["curve"]), "roster_vv": roster_vv,
    }


def _start_node(node_dir: Path, endpoint: str, root: Path) -> tuple[subprocess.Popen[str], Any]:
    err = open(root / "node.stderr", "w+", encoding="utf-8")  # noqa: SIM115 - closed by measure
    node = subprocess.Popen(
        [sys.executable, "-m", "app", "--data", str(node_dir), "serve", "--listen", endpoint],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert node.stdout is not None
    line = node.stdout.readline()
    if "serving" not in line:
        node.kill()
        node.wait(10)
        err.seek(0)
        raise BenchError(f"the node did not start: {line.strip()} {err.read()[-2000:]}")
    threading.Thread(target=lambda: node.stdout and node.stdout.read(), daemon=True).start()
    return node, err


def _stop_node(node: subprocess.Popen[str]) -> None:
    if node.poll() is None:
        node.send_signal(signal.SIGTERM)
        try:
            node.wait(60)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait(10)


def _reader(c: int, p: subprocess.Popen[bytes], out: queue.Queue[tuple[int, str]]) -> None:
    assert p.stdout is not None
    for raw in p.stdout:
        out.put((c, raw.decode("utf-8", "replace").strip()))
    out.put((c, "EOF"))


def _tell(p: subprocess.Popen[bytes], word: str) -> None:
    assert p.stdin is not None
    try:
        p.stdin.write(word.encode() + b"\n")
        p.stdin.flush()
    except BrokenPipeError:
        pass


def _collect(lines: queue.Queue[tuple[int, str]], procs: list[subprocess.Popen[bytes]],
             node: subprocess.Popen[str], node_err: Any, what: str, timeout: float,
             said: dict[tuple[int, str], Any]) -> dict[int, Any]:
    """Wait until every client has said ``what`` (a JSON line {what: …} or the bare word).

    ``said`` keeps every message heard so far, so one a client says early (a fast client's
    "synced" while the others are still pushing) is there when it is asked for."""
    deadline = time.monotonic() + timeout
    while not all((c, what) in said for c in range(len(procs))):
        left = deadline - time.monotonic()
        try:
            c, line = lines.get(timeout=max(0.1, min(left, 5.0)))
        except queue.Empty:
            if node.poll() is not None:
                raise BenchError(f"the node exited ({node.returncode}): {_tail(node_err)}") from None
            if left <= 0:
                missing = [c for c in range(len(procs)) if (c, what) not in said]
                raise BenchError(f"timed out after {timeout:.0f} s waiting for '{what}' from "
                                 f"clients {missing}; node stderr: {_tail(node_err)}") from None
            continue
        if line == "EOF":
            raise BenchError(f"client {c} exited ({procs[c].wait()}) before '{what}'")
        if line.startswith("error "):
            raise BenchError(f"client {c}: {line[6:]}")
        if line.startswith("{"):
            for key, value in json.loads(line).items():
                said[(c, key)] = value
        else:
            said[(c, line)] = True
    return {c: said[(c, what)] for c in range(len(procs))}


def _tail(err: Any, n: int = 1500) -> str:
    try:
        err.flush()
        err.seek(0)
        return str(err.read())[-n:].strip() or "(empty)"
    except (OSError, ValueError):
        return "(unreadable)"


def _verify(node_dir: Path, identities: list[dict[str, Any]], n: int, expected_total: int,
            held_before: int) -> dict[str, Any]:
    """The stopped node's ``zhijiu status --json``: every op, nothing held, quarantined or refused."""
    r = subprocess.run([sys.executable, "-m", "app", "--data", str(node_dir), "status", "--json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    if r.returncode != 0:
        raise BenchError(f"zhijiu status failed: {r.stderr.strip()}")
    doc = json.loads(r.stdout)
    vv = doc["version_vector"]
    short = [i["name"] for i in identities if vv.get(i["origin"], 0) != n]
    problems = []
    if doc["ops"] != expected_total:
        problems.append(f"{doc['ops']:,} ops held, {expected_total:,} expected")
    if short:
        problems.append(f"{len(short)} posts' ops incomplete ({', '.join(short[:5])} …)")
    for key in ("held", "quarantined", "refused"):
        if doc[key]:
            problems.append(f"{doc[key]} {key}")
    if problems:
        raise BenchError(f"the node's store is not what was pushed ({doc['store']['dialect']}): "
                         + "; ".join(problems))
    return {"ops": doc["ops"], "roster_ops": held_before, "held": doc["held"],
            "quarantined": doc["quarantined"], "refused": doc["refused"],
            "dialect": doc["store"]["dialect"], "roster": doc["roster"]}


def _log_size(node_dir: Path) -> int:
    try:
        return (node_dir / "logs" / "zhijiu.log").stat().st_size
    except OSError:
        return 0


_WHO = re.compile(r"from (?:peer [0-9a-f]+|\S+):")


def _node_complaints(node_dir: Path, stderr_path: Path, split_at: int) -> tuple[list[str], list[str]]:
    """Warnings and errors the node wrote — in its log before ``split_at`` (the run) and after it
    (the posts leaving), and on stderr — alike lines (but for the post named) counted together."""

    def group(lines: list[str]) -> list[str]:
        counts: dict[str, int] = {}
        for line in lines:
            if any(w in line for w in ("WARNING", "ERROR", "Traceback", "CRITICAL")):
                key = _WHO.sub("from <post>:", line)[:200]
                counts[key] = counts.get(key, 0) + 1
        return [f"{n}× {k}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1])]

    try:
        log = (node_dir / "logs" / "zhijiu.log").read_bytes()
    except OSError:
        log = b""
    try:
        err = stderr_path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        err = []
    def records(data: bytes) -> list[str]:  # "date time LEVEL logger: message" → "LEVEL logger: message"
        return [ln.split(" ", 2)[-1] for ln in data.decode("utf-8", "replace").splitlines()]

    run, teardown = records(log[:split_at]), records(log[split_at:])
    logged = set(run) | set(teardown)
    # stderr repeats the log's records; keep only what is not in it (a traceback, a crash)
    return group(run + [ln for ln in err if ln not in logged]), group(teardown)


def _cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(stat[11]) + int(stat[12])  # utime, stime
    return total / CLOCK_TICKS


def _postgres_pids(pg_root: Path | None) -> list[int]:
    """The postmaster and its children (the backends the node is connected to)."""
    if pg_root is None:
        return []
    try:
        master = int((pg_root / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    pids = [master]
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == master:
                pids.append(int(d.name))
    return pids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ====================================================================== the figures


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted values."""
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def figures(pg: StoreRun, lite: StoreRun) -> list[Figure]:
    def both(name: str, unit: str, get: Any, note: Any, ratio: bool = True) -> list[Figure]:
        a, b = get(pg), get(lite)
        out = [Figure(f"{name} — PostgreSQL", a, unit, note(pg)),
               Figure(f"{name} — SQLite", b, unit, note(lite))]
        if ratio and b:
            out.append(Figure(f"{name} — ratio PostgreSQL / SQLite", a / b, "×", ""))
        return out

    out = both("sustained ops/s at the node", "ops/s", lambda r: r.ops_per_s,
               lambda r: f"{r.total_ops:,} ops from {r.posts} posts in {r.elapsed_s:.2f} s "
                         f"(first HELLO → last ACK)")
    for p in (50, 95):
        out += both(f"per-post catch-up p{p}", "s", lambda r, p=p: pct(r.catchup_s, p),
                    lambda r: f"{r.ops_per_post} ops, HELLO → last ACK")
    out += both("per-post catch-up max", "s", lambda r: r.catchup_s[-1],
                lambda r: f"fastest post {r.catchup_s[0]:.2f} s")
    if pg.fanout_s is not None and lite.fanout_s is not None:
        out += both("every post holds every op", "s", lambda r: r.fanout_s or 0.0,
                    lambda r: f"node relayed {r.posts - 1} posts' ops to each post "
                              f"({(r.posts - 1) * r.total_ops:,} ops out), from first HELLO; "
                              f"{r.relayed_during_push:.0%} of it during the push")
    out += both("node status file, oldest during the run", "s",
                lambda r: max(r.status_age_push_s, r.status_age_fanout_s),
                lambda r: f"push {r.status_age_push_s:.1f} s, relay {r.status_age_fanout_s:.1f} s; "
                          "`zhijiu status` says 'stopped' past 5 s", ratio=False)
    out += both("node sync loop, longest turn", "s", lambda r: r.loop_turn_max_s,
                lambda _r: "status file's loop_at; 'stalled' past 30 s", ratio=False)
    out += both("node CPU per 1,000 ops received", "s", lambda r: r.node_cpu_s / r.total_ops * 1000,
                lambda r: f"node process {r.node_cpu_s:.1f} s during the push"
                          + (f"; PostgreSQL server {r.db_cpu_s:.1f} s" if r.db_cpu_s is not None else ""))
    for r in (pg, lite):
        v = r.verified
        out.append(Figure(f"ops held after the run — {r.store}", v["ops"], "ops",
                          f"= {r.posts} × {r.ops_per_post} + {v['roster_ops']} roster; 0 held, "
                          f"0 quarantined, 0 refused ({v['dialect']})"))
    return out


def shape(size: int | None) -> tuple[int, int]:
    """(posts, ops per post) for a total op count: 50 posts while each can push at least 10."""
    if size is None:
        return POSTS, OPS_PER_POST
    posts = max(1, min(POSTS, size // 10))
    return posts, max(1, size // posts)


def run_both(root: Path, *, posts: int, ops_per_post: int, clients: int = CLIENTS,
             fanout: bool = True, fanout_timeout: float = FANOUT_TIMEOUT_S, relay: bool = True,
             ) -> tuple[StoreRun, StoreRun]:
    from benchmarks.pgcluster import PgCluster

    clients = max(1, min(clients, posts))
    cluster = PgCluster()
    try:
        cluster.start()
        url = cluster.create_database("bench_node")
        pg = measure("PostgreSQL", root / "postgres", posts=posts, ops_per_post=ops_per_post,
                     clients=clients, db_url=url, pg_root=cluster.root, fanout=fanout,
                     fanout_timeout=fanout_timeout, relay=relay)
    finally:
        cluster.stop()
    lite = measure("SQLite", root / "sqlite", posts=posts, ops_per_post=ops_per_post,
                   clients=clients, fanout=fanout, fanout_timeout=fanout_timeout, relay=relay)
    return pg, lite


def run(size: int | None = None) -> list[Figure]:
    posts, per_post = shape(size)
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-node-") as d:
        pg, lite = run_both(Path(d), posts=posts, ops_per_post=per_post)
    figs = figures(pg, lite)
    for r in (pg, lite):
        for line in r.odd[:10]:
            print(f"  node on {r.store} logged during the run: {line}", file=sys.stderr)
        for line in r.teardown_odd[:5]:
            print(f"  node on {r.store} logged as the posts left: {line}", file=sys.stderr)
    return figs


# ====================================================================== a client process


def forward_ops(ident: dict[str, Any], n: int) -> list[bytes]:
    """n signed ops of one forward post, numbered 1..n: unit moves, features, reports, duty log,
    stock movements — all within what a forward post may write."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.ops import encode, hlc_of_ms

    key = Ed25519PrivateKey.from_private_bytes(ident["sign"])
    post, origin = ident["post"], ident["origin"]
    rnd = random.Random(origin)
    incident = "inc-bench-2026-0712"
    hlc0 = hlc_of_ms(time.time_ns() // 1_000_000 - 60_000)
    last: dict[tuple[str, str, str], int] = {}  # (etype, eid, field) -> seq of its current value
    features: list[str] = []
    depot = f"f-{post}-depot"
    out: list[bytes] = []
    lon0, lat0 = 106.3 + rnd.random() * 0.5, 29.3 + rnd.random() * 0.4

    def geom(jitter: float = 0.01) -> dict[str, Any]:
        return {"type": "Point", "coordinates": [round(lon0 + rnd.uniform(-jitter, jitter), 7),
                                                 round(lat0 + rnd.uniform(-jitter, jitter), 7)]}

    for seq in range(1, n + 1):
        kind, roll = "put", rnd.random()
        if seq == 1:
            etype, eid, fields = "feature", depot, {"symbol": "depot", "name": "前方物资储备点",
                                                    "geom": geom(), "incident_id": incident}
        elif roll < 0.35:  # a unit moves (created on its first appearance)
            etype, eid = "unit", f"u-{post}-{rnd.randrange(3)}"
            if (etype, eid, "name") not in last:
                fields = {"name": f"救援{eid[-1]}队", "type": "comprehensive", "status": "en_route",
                          "headcount": rnd.randrange(8, 40), "post_id": post, "geom": geom(),
                          "incident_id": incident, "callsign": f"FWD-{post[:4]}-{eid[-1]}"}
            else:
                fields = {"geom": geom(0.05), "status": rnd.choice(["en_route", "on_scene"])}
        elif roll < 0.55:  # a feature plotted, or an earlier one annotated
            etype = "feature"
            if features and rnd.random() < 0.3:
                eid = rnd.choice(features)
                fields = {"note": f"现场核实 {seq}", "level": rnd.choice(["general", "high", "major"])}
            else:
                eid = f"f-{post}-{seq}"
                features.append(eid)
                fields = {"symbol": rnd.choice(["hazard", "road_cut", "risk_point", "rescue_point"]),
                          "name": f"标绘{seq}", "geom": geom(), "incident_id": incident}
        elif roll < 0.70:
            etype, eid, kind = "report", f"r-{post}-{seq}", "add"
            fields = {"incident_id": incident, "kind": "followup", "category": "disaster",
                      "trapped": rnd.randrange(0, 20), "evacuated": rnd.randrange(0, 500),
                      "text": f"第{seq}次续报：道路中断，已转移群众", "geom": geom()}
        elif roll < 0.90:
            etype, eid, kind = "log", f"l-{post}-{seq}", "add"
            fields = {"text": f"值班记录 {seq}：前方指挥部与后方通联正常", "category": "duty",
                      "incident_id": incident}
        else:
            etype, eid, kind = "stock", f"s-{post}-{seq}", "add"
            fields = {"depot_id": depot, "item": rnd.choice(["帐篷", "棉被", "饮用水"]),
                      "delta": -rnd.randrange(1, 50), "unit": "件", "reason": "发放"}
        bases = {}
        if kind == "put":
            bases = {f: [[origin, last[(etype, eid, f)]]] if (etype, eid, f) in last else []
                     for f in fields}
            for f in fields:
                last[(etype, eid, f)] = seq
        out.append(encode(key, origin=origin, seq=seq, hlc=hlc0 + seq, operator="前指值班员",
                          etype=etype, eid=eid, kind=kind, fields=fields, bases=bases))
    return out


@dataclass
class _Post:
    ident: dict[str, Any]
    frames: list[bytes]  # pre-encoded OPS frames, batch ids 1..
    hello: bytes
    hello_vv: dict[str, int]
    expect_relayed: int
    sock: Any = None
    mon: Any = None
    handshake: bool = False
    t_hello: float = 0.0
    t_server_hello: float | None = None
    t_done: float | None = None
    t_synced: float | None = None
    next_frame: int = 0
    inflight: set[int] = field(default_factory=set)
    relayed: int = 0
    relayed_frames: int = 0
    acks: int = 0
    last_ping: float = 0.0


def client_main(spec_path: Path) -> int:
    import zmq
    from zmq.utils.monitor import recv_monitor_message

    from app.sync.protocol import (
        ACK,
        HELLO,
        OPS,
        PING,
        PONG,
        PROTOCOL_VERSION,
        decode_frame,
        encode_frame,
    )

    spec = msgpack.unpackb(spec_path.read_bytes(), raw=False)
    n, batch = spec["ops"], spec["batch"]
    posts: list[_Post] = []
    for ident in spec["identities"]:  # sign and frame everything before the clock starts
        ops = forward_ops(ident, n)
        frames = [encode_frame(OPS, {"b": i // batch + 1, "ops": ops[i:i + batch]})
                  for i in range(0, n, batch)]
        vv = spec["claim"] or {**ident["roster_vv"], ident["origin"]: n}
        hello = encode_frame(HELLO, {"v": PROTOCOL_VERSION, "post": ident["post"], "origin": ident["origin"],
                                     "name": ident["name"], "vv": vv})
        posts.append(_Post(ident, frames, hello, vv, spec["expected_total"] - sum(vv.values())))

    ctx = zmq.Context()
    poller = zmq.Poller()
    by_sock: dict[Any, _Post] = {}
    for p in posts:
        s = ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.curve_serverkey = spec["server_key"].encode()
        s.curve_publickey, s.curve_secretkey = (k.encode() for k in p.ident["curve"])
        p.mon = s.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH
                                     | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL
                                     | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL)
        s.connect(spec["endpoint"])
        p.sock = s
        by_sock[s] = p
    # every post admitted by the node's ZAP (its CURVE key is in the roster) before "ready"
    deadline = time.monotonic() + 60
    while not all(p.handshake for p in posts):
        if time.monotonic() > deadline:
            _say("error CURVE handshakes did not complete within 60 s")
            return 1
        for p in posts:
            if not p.handshake and p.mon.poll(50):
                ev = recv_monitor_message(p.mon)["event"]
                if ev == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                    p.handshake = True
                else:
                    _say(f"error post {p.ident['name']} refused at the CURVE handshake (event {ev})")
                    return 1
    for p in posts:
        p.sock.disable_monitor()
        p.mon.close(0)
        poller.register(p.sock, zmq.POLLIN)
    stdin = sys.stdin.fileno()
    poller.register(stdin, zmq.POLLIN)
    _say("ready")
    if _read_word(stdin) != "go":
        return 1

    for p in posts:
        p.t_hello = time.monotonic()
        if p.expect_relayed <= 0:  # it lacks nothing (a single post, or --no-relay)
            p.t_synced = p.t_hello
        p.sock.send(p.hello)
    window = spec["window"]
    pushed_said = synced_said = False
    while True:
        for sock, _ in poller.poll(200):
            if sock == stdin:
                if _read_word(stdin) in ("stop", ""):
                    _say(json.dumps({"final": [{"post": p.ident["post"], "relayed": p.relayed,
                                                "expected": p.expect_relayed,
                                                "relayed_frames": p.relayed_frames} for p in posts]}))
                    for q in posts:
                        q.sock.close(0)
                    ctx.term()
                    return 0
                continue
            p = by_sock[sock]
            while True:
                try:
                    data = sock.recv(zmq.NOBLOCK)
                except zmq.Again:
                    break
                f = decode_frame(data)
                t = time.monotonic()
                if f.kind == HELLO:
                    p.t_server_hello = t
                elif f.kind == ACK:
                    p.acks += 1
                    p.inflight.discard(f.body["b"])
                    if p.t_done is None and f.body["vv"].get(p.ident["origin"], 0) >= n:
                        p.t_done = t
                elif f.kind == OPS:  # the node relays what this post lacks: acknowledge it
                    p.relayed += len(f.body["ops"])
                    p.relayed_frames += 1
                    sock.send(encode_frame(ACK, {"b": f.body["b"], "vv": p.hello_vv}))
                    if p.t_synced is None and p.relayed >= p.expect_relayed:
                        p.t_synced = t
                elif f.kind == PING:
                    sock.send(encode_frame(PONG, {"t": f.body["t"], "w": int(time.time() * 1000)}))
        now = time.monotonic()
        for p in posts:  # heartbeat, as a post's engine does (PING_S)
            if p.t_server_hello is not None and now - p.last_ping >= PING_S:
                p.last_ping = now
                p.sock.send(encode_frame(PING, {"t": time.monotonic_ns() // 1_000_000}))
        for p in posts:  # keep a few batches in flight per post
            while (p.t_server_hello is not None and p.next_frame < len(p.frames)
                   and len(p.inflight) < window):
                p.sock.send(p.frames[p.next_frame])
                p.next_frame += 1
                p.inflight.add(p.next_frame)  # batch ids are 1-based
        if not pushed_said and all(p.t_done is not None for p in posts):
            pushed_said = True
            _say(json.dumps({"pushed": [{"post": p.ident["post"], "t_hello": p.t_hello,
                                         "t_server_hello": p.t_server_hello, "t_done": p.t_done,
                                         "acks": p.acks, "relayed": p.relayed,
                                         "expect_relayed": p.expect_relayed} for p in posts]}))
        if pushed_said and not synced_said and all(p.t_synced is not None for p in posts):
            synced_said = True
            _say(json.dumps({"synced": [{"post": p.ident["post"], "t_synced": p.t_synced,
                                         "relayed": p.relayed} for p in posts]}))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _read_word(fd: int) -> str:
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        buf += chunk
    return buf.decode().strip()


# ====================================================================== command line


def _table(pg: StoreRun, lite: StoreRun) -> Iterator[str]:
    rows = [
        ("sustained ops/s at the node", lambda r: f"{r.ops_per_s:,.0f}", lambda a, b: a.ops_per_s / b.ops_per_s),
        ("push time, first HELLO → last ACK (s)", lambda r: f"{r.elapsed_s:.2f}", lambda a, b: a.elapsed_s / b.elapsed_s),
        ("per-post catch-up p50 (s)", lambda r: f"{pct(r.catchup_s, 50):.2f}",
         lambda a, b: pct(a.catchup_s, 50) / pct(b.catchup_s, 50)),
        ("per-post catch-up p95 (s)", lambda r: f"{pct(r.catchup_s, 95):.2f}",
         lambda a, b: pct(a.catchup_s, 95) / pct(b.catchup_s, 95)),
        ("per-post catch-up max (s)", lambda r: f"{r.catchup_s[-1]:.2f}", lambda a, b: a.catchup_s[-1] / b.catchup_s[-1]),
        ("every post holds every op (s)", lambda r: "—" if r.fanout_s is None else f"{r.fanout_s:.2f}",
         lambda a, b: (a.fanout_s / b.fanout_s) if a.fanout_s and b.fanout_s else float("nan")),
        ("node status file, oldest during push (s)", lambda r: f"{r.status_age_push_s:.1f}",
         lambda a, b: a.status_age_push_s / b.status_age_push_s if b.status_age_push_s else float("nan")),
        ("node status file, oldest while relaying (s)", lambda r: f"{r.status_age_fanout_s:.1f}",
         lambda a, b: a.status_age_fanout_s / b.status_age_fanout_s if b.status_age_fanout_s else float("nan")),
        ("relayed to the posts during the push", lambda r: f"{r.relayed_during_push:.1%}",
         lambda a, b: a.relayed_during_push / b.relayed_during_push if b.relayed_during_push else float("nan")),
        ("node CPU during the push (s)", lambda r: f"{r.node_cpu_s:.1f}", lambda a, b: a.node_cpu_s / b.node_cpu_s),
    ]
    yield f"{'':40} {'PostgreSQL':>12} {'SQLite':>12} {'PG/SQLite':>10}"
    for name, show, ratio in rows:
        yield f"{name:40} {show(pg):>12} {show(lite):>12} {ratio(pg, lite):>9.2f}×"


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_node", description=__doc__.split("\n\n")[0])
    ap.add_argument("--client", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--posts", type=int, default=POSTS)
    ap.add_argument("--ops", type=int, default=OPS_PER_POST, help="ops per post")
    ap.add_argument("--clients", type=int, default=CLIENTS)
    ap.add_argument("--no-fanout", action="store_true", help="do not wait for the relay to every post")
    ap.add_argument("--fanout-timeout", type=float, default=FANOUT_TIMEOUT_S)
    ap.add_argument("--no-relay", action="store_true",
                    help="diagnosis: posts claim to hold every op, so the node only receives")
    ap.add_argument("--keep", type=Path, help="run in this folder and keep it (node logs, stores)")
    args = ap.parse_args(argv)
    if args.client:
        try:
            return client_main(args.client)
        except Exception as exc:  # the parent shows it as the client's error
            _say(f"error {exc.__class__.__name__}: {exc}")
            raise
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        pg, lite = run_both(args.keep, posts=args.posts, ops_per_post=args.ops, clients=args.clients,
                            fanout=not args.no_fanout, fanout_timeout=args.fanout_timeout,
                            relay=not args.no_relay)
    else:
        with tempfile.TemporaryDirectory(prefix="zhijiu-bench-node-") as d:
            pg, lite = run_both(Path(d), posts=args.posts, ops_per_post=args.ops, clients=args.clients,
                                fanout=not args.no_fanout, fanout_timeout=args.fanout_timeout,
                            relay=not args.no_relay)
    for line in _table(pg, lite):
        print(line)
    for r in (pg, lite):
        v = r.verified
        print(f"{r.store}: node holds {v['ops']:,} ops ({r.posts} × {r.ops_per_post} + {v['roster_ops']} roster), "
              f"held {v['held']}, quarantined {v['quarantined']}, refused {v['refused']}")
        for line in r.odd:
            print(f"  node logged during the run: {line}")
        for line in r.teardown_odd:
            print(f"  node logged as the posts left: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
