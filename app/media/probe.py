"""What a photo or clip says about itself, and the small pictures made from it at ingest.

Photos: Pillow reads the size, EXIF capture time (DateTimeOriginal with OffsetTimeOriginal; a
camera that records no offset is taken to be on China Standard Time, +08:00), GPS position and
orientation; the thumbnail and the screen-size preview are drawn upright. Clips: Debian's
``ffprobe`` gives size, duration, creation time and an ISO 6709 location (phones write one);
``ffmpeg`` draws one frame for the thumbnail. A file that cannot be decoded raises
``MediaError`` with a code the window turns into words.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from app.cst import CST

THUMB_PX = 320  # the gallery's tile; about 10–20 KB, a second at 256 kbit/s
PREVIEW_PX = 1600  # a wall screen's viewer without the full file
FFPROBE_TIMEOUT_S = 30

VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".mkv", ".avi", ".ts", ".webm", ".3gp"}
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".bmp"}


class MediaError(ValueError):
    """A file that cannot become a media item; ``code`` for the window, the message for logs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Facts:
    kind: str  # photo | video
    mime: str
    width: int
    height: int
    captured_at: int | None = None  # UTC ms
    lon: float | None = None
    lat: float | None = None
    duration_s: float | None = None
    thumb: bytes = b""  # JPEG
    preview: bytes | None = None  # JPEG, None when the original is small enough to show


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "video" if suffix in VIDEO_SUFFIXES else "photo" if suffix in PHOTO_SUFFIXES else None


# ---------------------------------------------------------------------------------- photos

def photo_facts(path: Path) -> Facts:
    try:
        with Image.open(path) as img:
            fmt = (img.format or "").upper()
            exif = img.getexif()
            width, height = img.size
            if exif.get(0x0112) in (5, 6, 7, 8):  # stored on its side: upright it is turned
                width, height = height, width
            img.draft("RGB", (PREVIEW_PX, PREVIEW_PX))  # JPEG: decode at 1/2, 1/4 … (much faster)
            img.load()  # a truncated or corrupt file fails here (the whole file is read)
            upright = ImageOps.exif_transpose(img)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise MediaError("corrupt_image", f"{path.name}: not a readable image ({exc})") from None
    mime = Image.MIME.get(fmt, "image/jpeg")
    lon, lat = gps_position(exif)
    thumb, preview = derivatives(upright, max(width, height))
    return Facts("photo", mime, width, height, exif_time(exif), lon, lat, thumb=thumb, preview=preview)


def derivatives(img: Image.Image, full_px: int | None = None) -> tuple[bytes, bytes | None]:
    """A thumbnail, and a preview when the picture (``full_px`` its long side before any draft
    decoding) is larger than a screen."""
    rgb = img.convert("RGB") if img.mode != "RGB" else img.copy()
    preview = None
    if (full_px or max(rgb.size)) > PREVIEW_PX:
        rgb.thumbnail((PREVIEW_PX, PREVIEW_PX), Image.Resampling.BICUBIC)  # LANCZOS: +20 % time
        preview = jpeg(rgb, 80)
    rgb.thumbnail((THUMB_PX, THUMB_PX), Image.Resampling.LANCZOS)  # from the preview: cheaper
    return jpeg(rgb, 70), preview


def jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def exif_time(exif: Image.Exif) -> int | None:
    sub = exif.get_ifd(0x8769)  # the Exif IFD
    raw = sub.get(36867) or sub.get(36868) or exif.get(306)  # DateTimeOriginal, Digitized, DateTime
    if not isinstance(raw, str):
        return None
    try:
        when = dt.datetime.strptime(raw.strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = sub.get(36881) or sub.get(36880)  # OffsetTimeOriginal, OffsetTime
    tz: dt.tzinfo = CST
    m = re.fullmatch(r"([+-])(\d\d):(\d\d)", str(offset or "").strip().rstrip("\x00"))
    if m:
        minutes = int(m[2]) * 60 + int(m[3])
        tz = dt.timezone(dt.timedelta(minutes=-minutes if m[1] == "-" else minutes))
    return int(when.replace(tzinfo=tz).timestamp() * 1000)


def gps_position(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(0x8825)
    try:
        lat = _degrees(gps[2]) * (-1 if str(gps.get(1, "N")).upper().startswith("S") else 1)
        lon = _degrees(gps[4]) * (-1 if str(gps.get(3, "E")).upper().startswith("W") else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None
    return lon, lat


def _degrees(dms: Any) -> float:
    d, m, s = (float(x) for x in dms)
    return d + m / 60 + s / 3600


# ---------------------------------------------------------------------------------- clips

def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise MediaError("no_ffmpeg", f"{name} is not installed (Debian package ffmpeg); clips cannot be read")
    return found


def video_facts(path: Path) -> Facts:
    info = _ffprobe(path)
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "video"]
    fmt = info.get("format", {})
    try:
        duration = float(fmt.get("duration") or streams[0].get("duration") or 0)
        width, height = int(streams[0]["width"]), int(streams[0]["height"])
    except (IndexError, KeyError, TypeError, ValueError):
        raise MediaError("corrupt_video", f"{path.name}: no readable video stream") from None
    if duration <= 0:
        raise MediaError("corrupt_video", f"{path.name}: the clip has no length (truncated?)")
    tags = {str(k).lower(): v for k, v in (fmt.get("tags") or {}).items()}
    lon, lat = iso6709(str(tags.get("location") or tags.get("com.apple.quicktime.location.iso6709") or ""))
    frame = video_frame(path, min(1.0, duration / 2))
    with Image.open(io.BytesIO(frame)) as img:
        thumb, preview = derivatives(img)
    mime = {".mov": "video/quicktime", ".mkv": "video/x-matroska", ".webm": "video/webm",
            ".ts": "video/mp2t", ".avi": "video/x-msvideo"}.get(path.suffix.lower(), "video/mp4")
    return Facts("video", mime, width, height, _iso_time(tags.get("creation_time")), lon, lat,
                 duration_s=round(duration, 3), thumb=thumb, preview=preview)


def _ffprobe(path: Path) -> dict[str, Any]:
    cmd = [_tool("ffprobe"), "-v", "error", "-show_entries",
           "format=duration:format_tags:stream=codec_type,width,height,duration", "-of", "json", str(path)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=FFPROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise MediaError("corrupt_video", f"{path.name}: ffprobe took too long") from None
    if r.returncode != 0:
        why = (r.stderr.strip().splitlines() or ["unreadable"])[-1]
        raise MediaError("corrupt_video", f"{path.name}: not a readable clip ({why})")
    try:
        return dict(json.loads(r.stdout))
    except ValueError:
        raise MediaError("corrupt_video", f"{path.name}: ffprobe said nothing useful") from None


def video_frame(path: Path, at_s: float) -> bytes:
    """One decoded frame as PNG (also proves the clip decodes)."""
    cmd = [_tool("ffmpeg"), "-v", "error", "-ss", f"{at_s:.3f}", "-i", str(path), "-frames:v", "1",
           "-f", "image2pipe", "-c:v", "png", "-"]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=FFPROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise MediaError("corrupt_video", f"{path.name}: no frame could be decoded in time") from None
    if r.returncode != 0 or not r.stdout:
        why = (r.stderr.decode("utf-8", "replace").strip().splitlines() or ["no frame"])[-1]
        raise MediaError("corrupt_video", f"{path.name}: no frame could be decoded ({why})")
    return r.stdout


def iso6709(text: str) -> tuple[float | None, float | None]:
    m = re.match(r"([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)", text.strip())
    if not m:
        return None, None
    lat, lon = float(m[1]), float(m[2])
    return (lon, lat) if -90 <= lat <= 90 and -180 <= lon <= 180 else (None, None)


def _iso_time(value: Any) -> int | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return int(when.timestamp() * 1000)
