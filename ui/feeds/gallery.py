"""The gallery's model: media items newest first (capture time), filtered by incident, author
post, kind and age, each with its thumbnail and transfer state at this post.

Rows are rebuilt only when a media item arrives or a filter changes; blobs arrive outside the
store, so ``refresh_states()`` (on a timer) re-reads the blob store and redraws only the rows
whose state changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QPixmap

from app.media.transfer import ARRIVING, COMPLETE, THUMBNAIL, TransferState, transfer_state
from app.services.common import now_ms
from app.store.apply import ApplyResult
from app.store.store import Entity
from app.sync.blobs import BlobStore
from ui import labels
from ui.session import Session

MediaRole = Qt.ItemDataRole.UserRole + 1  # the Entity
StateRole = Qt.ItemDataRole.UserRole + 2  # its TransferState
THUMB = 144


def state_text(state: TransferState) -> str:
    from PySide6.QtCore import QCoreApplication

    if state.state == COMPLETE:
        return QCoreApplication.translate("FeedModel", "complete")
    if state.state == ARRIVING:
        return labels.arg(QCoreApplication.translate("FeedModel", "arriving %1%"), state.percent)
    if state.state == THUMBNAIL:
        return QCoreApplication.translate("FeedModel", "thumbnail only")
    return QCoreApplication.translate("FeedModel", "waiting")


class FeedModel(QAbstractListModel):
    def __init__(self, session: Session, blobs: BlobStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.blobs = blobs
        self.incident: str | None = None
        self.post: str | None = None
        self.kind: str | None = None
        self.max_age_s: int | None = None
        self._rows: list[Entity] = []
        self._states: list[TransferState] = []
        self._pixmaps: dict[str, QPixmap] = {}
        session.bridge.changed.connect(self._on_store_changed)
        self.reload()

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)

    def set_filters(self, *, incident: str | None, post: str | None, kind: str | None,
                    max_age_s: int | None) -> None:
        self.incident, self.post, self.kind, self.max_age_s = incident, post, kind, max_age_s
        self.reload()

    def reload(self) -> None:
        since = now_ms() - self.max_age_s * 1000 if self.max_age_s else None
        rows = []
        for m in self.session.store.entities("media"):
            if self.incident and m.get("incident_id") != self.incident:
                continue
            if self.post and m.get("post_id") != self.post:
                continue
            if self.kind and m.get("kind") != self.kind:
                continue
            if since is not None and (m.get("captured_at") or 0) < since:
                continue
            rows.append(m)
        rows.sort(key=lambda m: (m.get("captured_at") or 0, m.created_hlc), reverse=True)
        self.beginResetModel()
        self._rows = rows
        self._states = [transfer_state(m, self.blobs) for m in rows]
        self.endResetModel()

    @Slot()
    def refresh_states(self) -> None:
        for i, m in enumerate(self._rows):
            state = transfer_state(m, self.blobs)
            if state != self._states[i]:
                self._states[i] = state
                self._pixmaps.pop(m.eid, None)  # a thumbnail may have arrived
                idx = self.index(i)
                self.dataChanged.emit(idx, idx)

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if any(etype == "media" for etype, _ in result.changed):
            self.reload()

    def item(self, row: int) -> Entity:
        return self._rows[row]

    def row_of(self, eid: str) -> int:
        return next((i for i, m in enumerate(self._rows) if m.eid == eid), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _thumbnail(self, m: Entity) -> QPixmap:
        pix = self._pixmaps.get(m.eid)
        if pix is None:
            pix = QPixmap()
            sha = m.get("thumb_sha256")
            if sha and self.blobs.has(str(sha)):
                pix.load(str(self.blobs.path(str(sha))))
            if pix.isNull():
                pix = QPixmap(THUMB, THUMB * 3 // 4)
                pix.fill(QColor("#3b4252"))
            else:
                pix = pix.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            self._pixmaps[m.eid] = pix
        return pix

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        m, state = self._rows[index.row()], self._states[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = m.get("caption") or labels.MEDIA_KIND(m.get("kind"))
            if len(first) > 14:
                first = first[:13] + "…"
            return f"{first}\n{labels.short_time(m.get('captured_at'))}\n{state_text(state)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(m)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [labels.MEDIA_KIND(m.get("kind")), m.get("caption") or "",
                     self.session.names.post(m.get("post_id")) if m.get("post_id") else "",
                     self.session.names.incident(m.get("incident_id")) if m.get("incident_id") else "",
                     labels.local_time(m.get("captured_at"), seconds=True), state_text(state)]
            return "\n".join(x for x in lines if x)
        if role == Qt.ItemDataRole.ForegroundRole and state.state != COMPLETE:
            return QColor("#b26a00") if state.state == ARRIVING else QColor("#666666")
        if role == MediaRole:
            return m
        if role == StateRole:
            return state
        return None
