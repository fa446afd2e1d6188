"""Real photo and video files for the feeds tests: JPEGs drawn with Pillow (with or without EXIF
GPS, time and orientation), a scene to crop overlapping views from, and H.264 clips from Debian's
ffmpeg."""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw


def scene(width: int = 1200, height: int = 500, seed: int = 7) -> Image.Image:
    """A textured picture with plenty of distinct corners, so a stitcher finds features."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height), (90, 120, 150))
    d = ImageDraw.Draw(img)
    for _ in range(width * height // 900):
        x, y = rnd.randrange(width), rnd.randrange(height)
        r = rnd.randrange(4, 28)
        color = tuple(rnd.randrange(256) for _ in range(3))
        if rnd.random() < 0.5:
            d.rectangle((x, y, x + r, y + r * 2 // 3), fill=color)
        else:
            d.ellipse((x, y, x + r, y + r), fill=color, outline=(0, 0, 0))
    return img


def exif_bytes(lon: float | None = None, lat: float | None = None, taken: str | None = None,
               offset: str | None = None, orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if taken:
        sub = exif.get_ifd(0x8769)
        sub[36867] = taken
        if offset:
            sub[36881] = offset
    if lon is not None and lat is not None:
        gps = exif.get_ifd(0x8825)

        def dms(v: float) -> tuple[float, float, float]:
            v = abs(v)
            d = int(v)
            m = int((v - d) * 60)
            return (float(d), float(m), round((v - d - m / 60) * 3600, 4))

        gps[1], gps[2] = ("N" if lat >= 0 else "S"), dms(lat)
        gps[3], gps[4] = ("E" if lon >= 0 else "W"), dms(lon)
    return exif.tobytes()


def jpeg(path: Path, size: tuple[int, int] = (800, 600), seed: int = 1, **exif: object) -> Path:
    img = scene(*size, seed=seed)
    img.save(path, "JPEG", quality=85, exif=exif_bytes(**exif))  # type: ignore[arg-type]
    return path


def corrupt_jpeg(path: Path, good: Path) -> Path:
    """A real JPEG cut off in the middle of its image data."""
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def clip(path: Path, seconds: float = 2, size: str = "320x240", rate: int = 10, extra: tuple[str, ...] = ()) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate={rate}",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", *extra, str(path)],
        check=True, timeout=60,
    )
    return path


def truncated(path: Path, good: Path) -> Path:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def jpeg_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()
