"""bench sync: catch-up on loopback against raw pyzmq, bytes per op against Cursor-on-Target XML,
and a forward post's link after an outage (256 kbit/s, 800 ms RTT, through the link emulator):
catch-up time against line rate, time from link restored to first op, a 1 MiB photo against line
rate while ops keep flowing.

The source post runs as a separate `zhijiu serve` process; the receiver's engine runs here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import zmq

from app.datadir import PostFolder
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import blob_policy
from app.services.posts import init_post
from app.store.store import Draft, Store
from app.sync.blobs import BlobStore
from app.sync.engine import SyncEngine
from app.sync.peers import Peer
from app.sync.protocol import OPS, encode_frame
from benchmarks import Figure
from benchmarks.linkemu import LinkEmulator

ROOT = Path(__file__).resolve().parent.parent
LINK_BPS = 256_000
ONE_WAY_MS = 400

COT_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<event version="2.0" uid="ANDROID-358240051111110" type="a-f-G-U-C" how="m-g" '
    'time="2026-11-23T01:02:03.456Z" start="2026-11-23T01:02:03.456Z" stale="2026-11-23T01:08:03.456Z">'
    '<point lat="29.5461234" lon="106.5421234" hae="182.3" ce="9.9" le="9999999.0"/>'
    '<detail><contact callsign="菜园坝-救援一队" endpoint="*:-1:stcp"/><__group name="Cyan" role="Team Member"/>'
    '<status battery="87"/><takv device="SM-G950F" platform="ATAK-CIV" os="28" version="4.8.1"/>'
    '<track speed="1.2" course="87.0"/><remarks>救援队到达菜园坝</remarks></detail></event>'
)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Pair:
    """A source post serving in its own process and a receiver post whose engine runs here."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.src = init_post(root / "src", name="菜园坝前指", role="rear", level="scene")
        store = self.src.open_store()
        pkg = root / "dst.pkg"
        create_package(self.src, store, name="重庆市指挥中心", role="rear", level="city",
                       endpoint=f"tcp://127.0.0.1:{self.port}", out=pkg)
        store.close()
        self.dst = PostFolder(root / "dst")
        import_package(pkg, self.dst)
        self.proc: subprocess.Popen[str] | None = None

    def write_ops(self, n: int, tag: str) -> None:
        store = self.src.open_store()
        try:
            for b in range(0, n, 1000):
                store.write([Draft("unit", f"{tag}-{i % 500}", "put", {
                    "name": f"救援队{i % 500}", "type": "comprehensive", "status": "on_scene",
                    "geom": point(106.5 + i / 1e5, 29.5 + b / 1e5)}) for i in range(b, min(n, b + 1000))],
                    operator="赵刚")
        finally:
            store.close()

    def serve(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "--data", str(self.src.path), "serve", "--listen",
             f"tcp://127.0.0.1:{self.port}"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, cwd=ROOT)
        assert self.proc.stdout is not None
        self.proc.stdout.readline()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(30)
            self.proc = None

    def receiver(self, endpoint: str, rate: int | None) -> tuple[Store, SyncEngine]:
        store = self.dst.open_store()
        blobs = BlobStore(self.dst.blobs)
        wanted = blob_policy(store, blobs, "rear", set())  # a rear pulls every photo
        src_key = self.src.curve_keys().public
        engine = SyncEngine(store, keys=self.dst.curve_keys(), name="bench", blobs=blobs, wanted_blobs=wanted,
                            peers=[Peer(endpoint, src_key, rate)])
        return store, engine

    def src_vv(self) -> dict[str, int]:
        store = self.src.open_store()
        try:
            return store.version_vector()
        finally:
            store.close()


def wait(cond: Callable[[], bool], timeout: float) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if cond():
            return time.perf_counter() - t0
        time.sleep(0.02)
    raise TimeoutError("benchmark step did not finish")


def raw_zmq_stream(frames: list[bytes]) -> float:
    """Baseline: the same frames over a CURVE DEALER→ROUTER pair, one ack at the end."""
    ctx = zmq.Context()
    server_pub, server_sec = zmq.curve_keypair()
    client_pub, client_sec = zmq.curve_keypair()
    router = ctx.socket(zmq.ROUTER)
    router.curve_server, router.curve_secretkey, router.curve_publickey = True, server_sec, server_pub
    port = router.bind_to_random_port("tcp://127.0.0.1")
    dealer = ctx.socket(zmq.DEALER)
    dealer.curve_serverkey, dealer.curve_publickey, dealer.curve_secretkey = server_pub, client_pub, client_sec
    dealer.connect(f"tcp://127.0.0.1:{port}")

    def serve() -> None:
        for _ in frames:
            rid, _frame = router.recv_multipart()
        router.send_multipart([rid, b"done"])

    t = threading.Thread(target=serve)
    t.start()
    dealer.send(b"warm-up")
    router_first = frames[0]
    t0 = time.perf_counter()
    for f in frames[1:]:
        dealer.send(f)
    dealer.recv()
    elapsed = time.perf_counter() - t0
    t.join()
    del router_first
    dealer.close(0)
    router.close(0)
    ctx.term()
    return elapsed


def bench_loopback(root: Path, n: int) -> list[Figure]:
    pair = Pair(root / "loop")
    pair.write_ops(n, "u")
    pair.serve()
    store, engine = pair.receiver(f"tcp://127.0.0.1:{pair.port}", None)
    target = pair.src_vv()
    try:
        t0 = time.perf_counter()
        engine.start()
        wait(lambda: all(store.version_vector().get(o, 0) >= s for o, s in target.items()), 600)
        elapsed = time.perf_counter() - t0
        raws = list(store.ops_missing_from({}))
    finally:
        engine.stop()
        store.close()
        pair.stop()
    batches, size, cur = [], 0, []
    for raw in raws:
        if cur and size + len(raw) > 512 * 1024:
            batches.append(cur)
            cur, size = [], 0
        cur.append(raw)
        size += len(raw)
    batches.append(cur)
    frames = [encode_frame(OPS, {"b": i, "ops": b}) for i, b in enumerate(batches)]
    raw_s = raw_zmq_stream([b"x", *frames])
    batched = sum(len(f) for f in frames) / len(raws)
    single = sum(len(encode_frame(OPS, {"b": 1, "ops": [r]})) for r in raws[:500]) / min(500, len(raws))
    cot = len(COT_EXAMPLE.encode())
    return [
        Figure("catch-up on loopback", len(raws) / elapsed, "ops/s", f"{len(raws):,} ops in {elapsed:.2f} s (CURVE, verified, committed)"),
        Figure("raw pyzmq stream, same bytes", len(raws) / raw_s, "ops/s", "baseline: no decode, no apply"),
        Figure("ratio sync / raw stream", elapsed / raw_s, "×", ""),
        Figure("bytes per op, batched", batched, "B", "zstd batch, signed op"),
        Figure("bytes per op, single", single, "B", "one op per frame"),
        Figure("same change as CoT XML", cot, "B", f"{cot / batched:.1f}× the batched op (goal ≥ 5×)"),
    ]


def bench_link(root: Path, n: int, photo_bytes: int) -> list[Figure]:
    """Both engines here (the link, not the CPU, is the bottleneck); the source writes while it serves."""
    pair = Pair(root / "link")
    pair.write_ops(n, "u")
    src_store = pair.src.open_store()
    src_blobs = BlobStore(pair.src.blobs)
    source = SyncEngine(src_store, keys=pair.src.curve_keys(), name="source", blobs=src_blobs,
                        listen=f"tcp://127.0.0.1:{pair.port}")
    source.start()
    emu = LinkEmulator("127.0.0.1", pair.port, rate_bps=LINK_BPS, delay_ms=ONE_WAY_MS)
    emu.start()
    store, engine = pair.receiver(emu.endpoint, LINK_BPS)

    def arrived() -> bool:
        mine = store.version_vector()
        return all(mine.get(o, 0) >= s for o, s in src_store.version_vector().items())

    figures: list[Figure] = []
    try:
        # 1. catch-up after an outage: n ops waiting on the forward side
        t0 = time.perf_counter()
        engine.start()
        wait(arrived, 900)
        elapsed = time.perf_counter() - t0
        moved = emu.bytes_forwarded
        line_s = moved * 8 / LINK_BPS
        figures += [
            Figure("outage catch-up over 256 kbit/s, 800 ms RTT", elapsed, "s", f"{n:,} ops (goal ≤ 60 s)"),
            Figure("bytes through the link", moved, "B", f"{moved / n:.0f} B per op, both directions"),
            Figure("ratio to the time the bytes need", elapsed / line_s, "×", "1.0 = line rate"),
        ]
        # 2. link cut; an order is written; link restored → first op delivered
        emu.cut()
        wait(lambda: all(not ok for ok in engine.idle().values()), 60)
        create(src_store, "赵刚", "log", {"text": "链路中断期间的指令", "category": "order"})
        t0 = time.perf_counter()
        emu.restore()
        figures.append(Figure("link restored → first op delivered", wait(arrived, 120), "s", "goal ≤ 5 s"))
        # 3. a photo while orders keep flowing
        photo = os.urandom(photo_bytes)
        sha = src_blobs.put(photo)
        create(src_store, "赵刚", "media", {"sha256": sha, "kind": "photo", "size": len(photo),
                                          "geom": point(106.542, 29.546), "caption": "菜园坝积水"})
        blobs = BlobStore(pair.dst.blobs)
        start_bytes = emu.bytes_forwarded
        t0 = time.perf_counter()
        latencies: list[float] = []
        next_order = t0 + 2
        while not blobs.has(sha) and time.perf_counter() - t0 < 900:
            time.sleep(0.05)
            if time.perf_counter() >= next_order:
                next_order += 4
                create(src_store, "赵刚", "log", {"text": f"指令 {len(latencies)}", "category": "order"})
                latencies.append(wait(arrived, 120))
        photo_s = time.perf_counter() - t0
        line = photo_bytes * 8 / LINK_BPS
        figures += [
            Figure("photo over the link", photo_s, "s", f"{photo_bytes / 1024:.0f} KiB; {(emu.bytes_forwarded - start_bytes) / photo_bytes:.2f}× its size moved"),
            Figure("photo efficiency against line rate", line / photo_s * 100, "%", "goal ≥ 50%"),
            Figure("orders delivered during the photo", len(latencies), "ops",
                   f"each within {max(latencies, default=0):.1f} s (one way {ONE_WAY_MS} ms)"),
        ]
    finally:
        engine.stop()
        source.stop()
        store.close()
        src_store.close()
        emu.stop()
    return figures


def run(size: int | None = None) -> list[Figure]:
    n = size or 10_000
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        figures = bench_loopback(root, n)
        figures += bench_link(root, n, 1 << 20 if size is None else 256 * 1024)
    return figures

