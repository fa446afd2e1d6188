"""bench feeds: ingest throughput and thumbnail time for 3 MP photos (baseline: hashing and
copying the same bytes, and Pillow decoding them), time to the first thumbnail at the rear over
the emulated 256 kbit/s, 800 ms RTT link (goal ≤ 10 s; baseline: one op over the same link), the
full image against line rate, and a panorama of N photos of 3 MP (default 20; goal ≤ 5 min on 2
cores) with its peak memory (baseline: loading the same photos in the same kind of process).

``--size N`` sets the number of photos.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from app.datadir import PostFolder
from app.media.ingest import file_sha256, ingest_file
from app.media.probe import photo_facts
from app.services.common import create, point
from app.services.enroll import create_package, import_package
from app.services.node import make_engine
from app.services.posts import init_post
from app.sync.blobs import BlobStore
from app.sync.peers import Peer, save_peers
from benchmarks import Figure
from benchmarks.linkemu import LinkEmulator

ROOT = Path(__file__).resolve().parent.parent
LINK_BPS = 256_000
ONE_WAY_MS = 400
PHOTO_W, PHOTO_H = 2000, 1500  # 3 MP
STEP = 900  # px between neighbouring photos: 55 % overlap, as a drone survey flies


def _scene(width: int, height: int, seed: int = 5) -> Image.Image:
    """A textured strip with distinct corners everywhere (what a stitcher needs to find)."""
    import random

    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height), (96, 112, 88))
    d = ImageDraw.Draw(img)
    for _ in range(width * height // 700):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(5, 40)
        color = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        if rnd.random() < 0.5:
            d.rectangle((x, y, x + r, y + r * 2 // 3), fill=color)
        else:
            d.ellipse((x, y, x + r, y + r), fill=color, outline=(0, 0, 0))
    return img


def make_photos(folder: Path, n: int) -> list[Path]:
    """N overlapping 3 MP views of one strip, each with its own sensor noise: a real camera's
    JPEG hardly compresses further, and neither do these (the link compresses frames)."""
    import numpy as np

    strip = _scene(PHOTO_W + STEP * (n - 1), PHOTO_H)
    rng = np.random.default_rng(1)
    out = []
    for i in range(n):
        p = folder / f"DJI_{i:04d}.JPG"
        view = np.asarray(strip.crop((i * STEP, 0, i * STEP + PHOTO_W, PHOTO_H)), dtype=np.int16)
        noisy = np.clip(view + rng.normal(0, 6, view.shape), 0, 255).astype(np.uint8)
        Image.fromarray(noisy).save(p, "JPEG", quality=90)
        out.append(p)
    return out


def bench_ingest(root: Path, photos: list[Path]) -> list[Figure]:
    post = init_post(root / "ingest", name="菜园坝前指", role="rear")
    store = post.open_store()
    blobs = BlobStore(post.blobs)
    try:
        t0 = time.perf_counter()
        for p in photos:
            ingest_file(store, blobs, "赵刚", p, position=(106.55, 29.55))
        ingest_s = time.perf_counter() - t0
    finally:
        store.close()
    t0 = time.perf_counter()
    for p in photos:
        photo_facts(p)
    facts_s = (time.perf_counter() - t0) / len(photos)
    t0 = time.perf_counter()
    for p in photos:
        with Image.open(p) as img:
            img.load()
    decode_s = (time.perf_counter() - t0) / len(photos)
    copies = root / "copies"
    copies.mkdir()
    t0 = time.perf_counter()
    for p in photos:
        file_sha256(p)
        (copies / p.name).write_bytes(p.read_bytes())
    copy_s = time.perf_counter() - t0
    n = len(photos)
    return [
        Figure("ingest, 3 MP JPEGs", n / ingest_s, "photos/s", f"{n} photos, EXIF, thumbnail, preview, sha256, op"),
        Figure("hash + copy the same files", n / copy_s, "photos/s", "baseline: bytes only"),
        Figure("thumbnail + preview per photo", facts_s * 1000, "ms", "decode, orient, two JPEGs"),
        Figure("Pillow decode alone", decode_s * 1000, "ms", "baseline: the floor for any thumbnail"),
    ]


def _wait(cond: object, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if cond():  # type: ignore[operator]
            return time.monotonic() - t0
        time.sleep(0.02)
    raise RuntimeError("timed out")


def bench_link(root: Path, photo: Path) -> list[Figure]:
    rear = init_post(root / "rear", name="重庆市应急管理局指挥中心", role="rear")
    rstore = rear.open_store()
    port = free_port()
    pkg = root / "fwd.pkg"
    create_package(rear, rstore, name="菜园坝前指", role="forward", level="scene",
                   endpoint=f"tcp://127.0.0.1:{port}", out=pkg)
    fwd = PostFolder(root / "fwd")
    import_package(pkg, fwd)
    link = LinkEmulator("127.0.0.1", port, rate_bps=LINK_BPS, delay_ms=ONE_WAY_MS)
    link.start()
    save_peers(fwd.peers_path, [Peer(link.endpoint, rear.curve_keys().public, LINK_BPS)])
    fstore = fwd.open_store()
    r_engine = make_engine(rear, rstore, listen=f"tcp://127.0.0.1:{port}")
    f_engine = make_engine(fwd, fstore)
    r_engine.start()
    f_engine.start()
    rblobs, fblobs = BlobStore(rear.blobs), BlobStore(fwd.blobs)
    try:
        _wait(lambda: all(f_engine.idle().values()), 120)
        fid = create(fstore, "赵刚", "feature", {"symbol": "road_cut", "name": "南区路中断", "geom": point(106.55, 29.55)})
        op_s = _wait(lambda: rstore.get("feature", fid) is not None, 60)
        moved0 = link.bytes_to_target
        t0 = time.monotonic()  # every figure below counts from the ingest, the operator's click
        got = ingest_file(fstore, fblobs, "赵刚", photo, position=(106.55, 29.55))
        m = fstore.get("media", got.media_id)
        assert m is not None
        thumb, preview, full = (str(m.get(k)) for k in ("thumb_sha256", "preview_sha256", "sha256"))
        _wait(lambda: rblobs.has(thumb), 120)
        thumb_s = time.monotonic() - t0
        if preview != "None":
            _wait(lambda: rblobs.has(preview), 300)
        preview_s = time.monotonic() - t0
        _wait(lambda: rblobs.has(full), 900)
        full_s = time.monotonic() - t0
        moved = link.bytes_to_target - moved0
    finally:
        f_engine.stop()
        r_engine.stop()
        link.stop()
        fstore.close()
        rstore.close()
    size = photo.stat().st_size
    small = fblobs.size(thumb) + (fblobs.size(preview) if preview != "None" else 0)
    line_full = (size + small) * 8 / LINK_BPS
    return [
        Figure("ingest → thumbnail at the rear", thumb_s, "s",
               f"{fblobs.size(thumb):,} B thumbnail over 256 kbit/s, 800 ms RTT (goal ≤ 10 s)"),
        Figure("one order over the same link", op_s, "s", "baseline: the link's floor"),
        Figure("ingest → preview at the rear", preview_s, "s", f"{fblobs.size(preview) if preview != 'None' else 0:,} B"),
        Figure("ingest → full photo at the rear", full_s, "s", f"{size:,} B photo"),
        Figure("full photo against line rate", line_full / full_s * 100, "%",
               f"line time {line_full:.1f} s for thumbnail + preview + photo (100 % = line rate)"),
        Figure("bytes through the link, forward → rear", moved, "B",
               f"{moved / (size + small) * 100:.0f} % of the three files (framing, acks, compression)"),
        Figure("link busy while sending", moved * 8 / LINK_BPS / full_s * 100, "%", "baseline: 100 % = line rate"),
    ]


# ru_maxrss survives exec (it would report the parent's peak): the child reads its own VmHWM
_PANO_CHILD = """
import resource, sys, time
from pathlib import Path
paths = [Path(p) for p in sys.argv[2:]]
t0 = time.perf_counter()
if sys.argv[1] == "load":
    import cv2
    imgs = [cv2.imread(str(p)) for p in paths]
else:
    from plugins.panorama import stitch_panorama
    out = stitch_panorama(paths, out=paths[0].parent / "panorama.jpg", mode=sys.argv[1])
    import cv2
    h, w = cv2.imread(str(out)).shape[:2]
    print("size", w, h)
print("secs", time.perf_counter() - t0)
ru = resource.getrusage(resource.RUSAGE_SELF)
print("cpu", ru.ru_utime + ru.ru_stime)
hwm = [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")]
print("rss_kb", hwm[0] if hwm else ru.ru_maxrss)
"""


def _child(mode: str, photos: list[Path]) -> dict[str, list[str]]:
    r = subprocess.run([sys.executable, "-c", _PANO_CHILD, mode, *map(str, photos)], capture_output=True,
                       text=True, cwd=ROOT, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "panorama child failed")
    return {line.split()[0]: line.split()[1:] for line in r.stdout.splitlines() if line.strip()}


def bench_panorama(photos: list[Path]) -> list[Figure]:
    load = _child("load", photos)
    figures = []
    for mode, what in (("auto", "camera turning (drone orbit, sweep): spherical"),
                       ("scans", "camera moving over flat ground (survey): affine")):
        pano = _child(mode, photos)
        w, h = (int(x) for x in pano["size"])
        figures += [
            Figure(f"panorama of {len(photos)} photos of 3 MP, {mode}", float(pano["secs"][0]), "s",
                   f"{what}; {w}×{h} px, {os.cpu_count()} cores (goal ≤ 300 s)"),
            Figure(f"  CPU time, {mode}", float(pano["cpu"][0]), "s", "user + system: what another load cannot inflate"),
            Figure(f"  peak memory, {mode}", int(pano["rss_kb"][0]) / 1024, "MiB", "the whole stitching process"),
        ]
    return figures + [
        Figure("loading the same photos", float(load["secs"][0]), "s", "baseline: OpenCV decode only"),
        Figure("  peak memory, loading", int(load["rss_kb"][0]) / 1024, "MiB", "baseline: the photos in memory"),
    ]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(size: int | None = None) -> list[Figure]:
    n = max(2, size or 20)
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-feeds-") as tmp:
        root = Path(tmp)
        shots = root / "shots"
        shots.mkdir()
        photos = make_photos(shots, n)
        figures = bench_ingest(root, photos)
        figures += bench_link(root, photos[0])
        figures += bench_panorama(photos)
    return figures
