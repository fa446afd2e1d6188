"""Photos chosen in a form, into the post's blob store and the store as ``media`` records.

The file is read here (a user's path; an unreadable one raises ``OSError`` for the form to
show). Its bytes go into the content-addressed blob store beside the store (``BlobStore.put``:
named by sha256, stored once), and one ``media`` op records it through the services' ``create``
(the one write path); sync then carries the op, and the blob to whoever wants it. Returns the
media ids to put in a task, feedback or report.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QImageReader

from app.services.common import create, now_ms
from app.sync.blobs import BlobStore
from ui.session import Session

MAX_PHOTO_BYTES = 64 * 1024 * 1024


def attach_photos(session: Session, paths: Iterable[Path], *, incident_id: str | None = None) -> list[str]:
    ids: list[str] = []
    blobs = BlobStore(session.folder.blobs)
    for path in paths:
        path = Path(path)
        if path.stat().st_size > MAX_PHOTO_BYTES:
            raise OSError(27, "File too large", str(path))  # EFBIG: said in the form, nothing written
        data = path.read_bytes()
        size = QImageReader(str(path)).size()  # reads the header only
        fields = {
            "sha256": blobs.put(data), "kind": "photo",
            "mime": mimetypes.guess_type(str(path))[0] or "application/octet-stream",
            "size": len(data), "captured_at": now_ms(), "caption": path.name[:1000],
            "incident_id": incident_id,
            "width": size.width() if size.isValid() else None,
            "height": size.height() if size.isValid() else None,
        }
        ids.append(create(session.store, session.operator, "media", fields))
    return ids
