"""Photos chosen in a form, into the post's blob store and the store as ``media`` records.

The file is read here (a user's path; an unreadable one raises ``OSError`` for the form to
show); ``services.media.ingest_media`` stores the bytes content-addressed beside the store and
writes the ``media`` op. Returns the media ids to put in a task, feedback or report.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QImageReader

from ui.session import Session


def attach_photos(session: Session, paths: Iterable[Path], *, incident_id: str | None = None) -> list[str]:
    ids: list[str] = []
    for path in paths:
        from app.services.media import ingest_media

        data = Path(path).read_bytes()
        size = QImageReader(str(path)).size()  # reads the header only
        ids.append(ingest_media(
            session.store, session.folder.blobs, session.operator, data, kind="photo",
            mime=mimetypes.guess_type(str(path))[0] or "application/octet-stream",
            caption=Path(path).name[:1000], incident_id=incident_id,
            width=size.width() if size.isValid() else None,
            height=size.height() if size.isValid() else None,
        ))
    return ids
