"""Files become media items: blobs stored by sha256, one ``add`` op through the store's one write
path, with the author post, capture time and position (from the file, else the operator's), a
caption and the incident. The same file twice is recognised by its sha256 and not stored again.

A file that cannot be read raises ``MediaError`` for that file alone: a batch (``ingest_many``,
a watched folder) goes on with the others.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.media.probe import Facts, MediaError, kind_of, photo_facts, video_facts
from app.services.common import create, now_ms, point
from app.store.store import Refused, Store
from app.sync.blobs import BlobStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ingested:
    media_id: str
    sha256: str
    duplicate: bool  # the same file was already an item: nothing new was written


@dataclass(frozen=True)
class Outcome:
    path: Path
    item: Ingested | None = None
    error: MediaError | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_by_sha(store: Store, sha: str) -> str | None:
    for m in store.entities("media"):
        if m.get("sha256") == sha:
            return m.eid
    return None


def ingest_file(
    store: Store,
    blobs: BlobStore,
    operator: str,
    path: Path | str,
    *,
    incident_id: str | None = None,
    caption: str | None = None,
    position: tuple[float, float] | None = None,
    captured_at: int | None = None,
    kind: str | None = None,
    source: str | None = None,
) -> Ingested:
    """One file → one media item (or the existing one). ``position`` (lon, lat) is the operator's
    pick, used when the file has none; ``captured_at`` (UTC ms) likewise. ``kind`` "panorama"
    marks a stitched photo."""
    path = Path(path)
    if not path.is_file():
        raise MediaError("unreadable", f"{path}: no such file")
    detected = kind_of(path)
    if detected is None:
        raise MediaError("unsupported", f"{path.name}: not a photo or a clip this app knows")
    try:
        sha = file_sha256(path)
        size = path.stat().st_size
    except OSError as exc:
        raise MediaError("unreadable", f"{path.name}: {exc.strerror or exc}") from None
    if size == 0:
        raise MediaError("corrupt_image" if detected == "photo" else "corrupt_video", f"{path.name}: empty file")
    existing = find_by_sha(store, sha)
    if existing is not None:
        return Ingested(existing, sha, duplicate=True)
    facts: Facts = photo_facts(path) if detected == "photo" else video_facts(path)
    lon, lat = (facts.lon, facts.lat) if facts.lon is not None else (position or (None, None))
    when = facts.captured_at or captured_at
    if when is None:
        try:
            when = int(os.stat(path).st_mtime * 1000)  # a camera card's file time: the best left
        except OSError:
            when = now_ms()
    try:
        stored = blobs.put_file(path)
        thumb = blobs.put(facts.thumb)
        preview = blobs.put(facts.preview) if facts.preview else None
    except OSError as exc:
        raise MediaError("disk", f"{path.name}: cannot store the file ({exc.strerror or exc})") from None
    assert stored == sha, "the file changed while it was read"
    ident = store.identity
    fields = {
        "sha256": sha, "kind": kind or facts.kind, "mime": facts.mime, "size": size,
        "captured_at": when, "geom": point(lon, lat) if lon is not None and lat is not None else None,
        "caption": caption or None, "incident_id": incident_id, "width": facts.width,
        "height": facts.height, "duration_s": facts.duration_s, "thumb_sha256": thumb,
        "preview_sha256": preview, "post_id": ident.post_id if ident else None,
        "source": (source or path.name)[:200],
    }
    try:
        eid = create(store, operator, "media", fields)
    except Refused as exc:
        raise MediaError("refused", f"{path.name}: {exc}") from None
    log.info("ingested %s as %s %s", path.name, fields["kind"], eid)
    return Ingested(eid, sha, duplicate=False)


def ingest_many(store: Store, blobs: BlobStore, operator: str, paths: Iterable[Path | str],
                **options: object) -> list[Outcome]:
    """Each file on its own: one bad file is reported, the others are still ingested."""
    out = []
    for p in paths:
        try:
            out.append(Outcome(Path(p), item=ingest_file(store, blobs, operator, p, **options)))  # type: ignore[arg-type]
        except MediaError as exc:
            log.warning("not ingested: %s", exc)
            out.append(Outcome(Path(p), error=exc))
    return out


def mean_position(store: Store, media_ids: Iterable[str]) -> tuple[float, float] | None:
    """The mean of the items' positions (a panorama's place); None when none has one."""
    pts = []
    for eid in media_ids:
        m = store.get("media", eid)
        geom = m.get("geom") if m else None
        if geom and geom.get("type") == "Point":
            pts.append(geom["coordinates"])
    if not pts:
        return None
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
