"""The live video sources this post knows (drones, body cameras, fixed cameras): RTSP or HTTP
URLs, each with the post it belongs to and, for a fixed camera, its position (a snapshot is
geotagged there). Kept in ``streams.json`` in the post's folder: local, like the peers, since an
address reachable from one post is often not reachable from another."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

SCHEMES = ("rtsp", "rtsps", "http", "https", "udp", "rtmp", "srt")


class SourceError(ValueError):
    pass


@dataclass(frozen=True)
class LiveSource:
    name: str
    url: str
    post_id: str | None = None
    lon: float | None = None
    lat: float | None = None


def check_url(url: str) -> str:
    u = urlparse(url.strip())
    if u.scheme.lower() not in SCHEMES or not u.netloc:
        raise SourceError(f"not a stream address: {url!r} (rtsp://… or http://…)")
    return url.strip()


def load_sources(path: Path) -> list[LiveSource]:
    try:
        doc = json.loads(path.read_text("utf-8"))
        return [LiveSource(**{k: d.get(k) for k in ("name", "url", "post_id", "lon", "lat")})
                for d in doc.get("sources", []) if d.get("url")]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise SourceError(f"cannot read {path.name}: {exc}") from None


def save_sources(path: Path, sources: list[LiveSource]) -> None:
    for s in sources:
        check_url(s.url)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"sources": [asdict(s) for s in sources]}, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)


def sources_path(folder_path: Path) -> Path:
    return folder_path / "streams.json"
