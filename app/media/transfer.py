"""An item's transfer state at this post, read from the blob store: the gallery shows it and the
operator decides whether to ask for the full item now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.sync.blobs import BlobStore

WAITING, THUMBNAIL, ARRIVING, COMPLETE = "waiting", "thumbnail", "arriving", "complete"


@dataclass(frozen=True)
class TransferState:
    state: str  # waiting | thumbnail | arriving | complete
    percent: int  # of the full item
    preview: bool  # the screen-size preview is here


def transfer_state(media: Any, blobs: BlobStore) -> TransferState:
    sha = str(media.get("sha256") or "")
    size = int(media.get("size") or 0)
    thumb, preview = media.get("thumb_sha256"), media.get("preview_sha256")
    has_preview = bool(preview and blobs.has(str(preview)))
    if sha and blobs.has(sha):
        return TransferState(COMPLETE, 100, True)
    got = blobs.partial(sha) if sha else 0
    if got > 0:
        return TransferState(ARRIVING, min(99, got * 100 // max(size, 1)), has_preview)
    if thumb and blobs.has(str(thumb)):
        return TransferState(THUMBNAIL, 0, has_preview)
    return TransferState(WAITING, 0, has_preview)


def best_picture(media: Any, blobs: BlobStore, *, full: bool = True) -> str | None:
    """The sha of the best picture of this item held here: full photo, preview, thumbnail."""
    kinds = ("sha256", "preview_sha256", "thumb_sha256") if full else ("preview_sha256", "thumb_sha256")
    if media.get("kind") == "video":
        kinds = ("preview_sha256", "thumb_sha256")
    for key in kinds:
        sha = media.get(key)
        if sha and blobs.has(str(sha)):
            return str(sha)
    return None
