"""Photos chosen in a form, into the post's blob store and the store as ``media`` records.

Every file is read here first (a user's path; an unreadable one raises ``OSError`` naming it, and
nothing is written: not the photos before it either). Their bytes go into the content-addressed
blob store beside the store (``BlobStore.put``: named by sha256, stored once), and one ``media``
op records each through the services' ``create`` (the one write path); sync then carries the op,
and the blob to whoever wants it. Returns the media ids to put in a task, feedback or report.
``show_unreadable`` says in the user's words which file could not be read and why.
"""

from __future__ import annotations

import errno
import mimetypes
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.common import create, now_ms
from app.sync.blobs import BlobStore
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.session import Session

MAX_PHOTO_BYTES = 64 * 1024 * 1024

_WHY = {  # errno → why a file cannot be read, in words
    errno.ENOENT: QT_TRANSLATE_NOOP("Media", "there is no such file (moved, renamed or deleted?)"),
    errno.EACCES: QT_TRANSLATE_NOOP("Media", "this account may not read it"),
    errno.EPERM: QT_TRANSLATE_NOOP("Media", "this account may not read it"),
    errno.EISDIR: QT_TRANSLATE_NOOP("Media", "it is a folder, not a file"),
    errno.EFBIG: QT_TRANSLATE_NOOP("Media", "it is larger than 64 MB"),
}


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_PHOTO_BYTES:
        raise OSError(errno.EFBIG, "File too large", str(path))
    return path.read_bytes()


def attach_photos(session: Session, paths: Iterable[Path], *, incident_id: str | None = None) -> list[str]:
    files = [(Path(p), _read(Path(p))) for p in paths]  # all read before any is written
    ids: list[str] = []
    blobs = BlobStore(session.folder.blobs)
    for path, data in files:
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


def unreadable_text(exc: OSError) -> str:
    """"The photo file x.jpg cannot be read: there is no such file …" for an ``attach_photos`` error."""
    name = Path(str(exc.filename)).name if exc.filename else ""
    why = _WHY.get(exc.errno or 0)
    reason = QCoreApplication.translate("Media", why) if why else (exc.strerror or str(exc))
    return labels.arg(QCoreApplication.translate("Media", "The photo file %1 cannot be read: %2."), name, reason)


def show_unreadable(parent: QWidget, exc: OSError, nothing_done: str) -> QMessageBox:
    """Say which attached file could not be read and what was therefore not done (``nothing_done``,
    e.g. "Nothing was sent."), in a window-modal box that does not block the event loop."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Media", "File cannot be read"))
    box.setText(unreadable_text(exc))
    box.setInformativeText(nothing_done)
    if exc.filename:
        box.setDetailedText(str(exc.filename))  # the full path, to go and look
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
