"""A task's detail as HTML for the board's detail panel: the order, its full history from the op
log (who did what, when — refused attempts too) and the feedback thread with photos.

The history comes from ``services.tasks.task_history`` (the op log), the thread from
``feedback_of``; photos show from the post's blob store when they have arrived, and say so when
they have not yet. A photo's blob often lands after its op: blobs arrive outside the store (no
change event), so ``AwaitedBlobs`` watches the blob store for the photos the detail last showed
as missing, like the gallery's ``refresh_states``, and says when one lands (the window redraws
the detail then; a media record coming after its feedback is a store change the dock sees).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal, Slot

from app.ops import hlc_ms
from app.services import tasks as task_service
from app.services.plans import duplicate_plan_tasks
from app.store.store import Entity
from app.sync.blobs import BlobStore
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.session import Session

HISTORY_ACTION = labels.CodeTable("TaskHistory", {
    "issued": QT_TRANSLATE_NOOP("TaskHistory", "issued the order"),
    "status": QT_TRANSLATE_NOOP("TaskHistory", "set the status"),
    "reassigned": QT_TRANSLATE_NOOP("TaskHistory", "reassigned"),
    "edited": QT_TRANSLATE_NOOP("TaskHistory", "edited"),
    "cancelled": QT_TRANSLATE_NOOP("TaskHistory", "cancelled"),
    "deleted": QT_TRANSLATE_NOOP("TaskHistory", "deleted"),
    "feedback": QT_TRANSLATE_NOOP("TaskHistory", "reported back"),
})
PHOTO_WIDTH = 160
AWAIT_POLL_MS = 1000  # how often the blob store is looked at while a photo shown is missing


class AwaitedBlobs(QObject):
    """The photos the detail shows as not received yet; ``landed`` when one of their blobs
    arrives. Polled, as blobs bring no change event (a media record does: the dock redraws)."""

    landed = Signal()

    def __init__(self, blobs: BlobStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blobs = blobs
        self.waiting: set[str] = set()  # blob hashes
        self._timer = QTimer(self)
        self._timer.setInterval(AWAIT_POLL_MS)
        self._timer.timeout.connect(self.poll)

    def wait_for(self, shas: set[str]) -> None:
        """What the detail drawn last is missing (replaces the set before: one detail)."""
        self.waiting = set(shas)
        if self.waiting:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self.wait_for(set())

    @Slot()
    def poll(self) -> bool:
        arrived = {sha for sha in self.waiting if self.blobs.has(sha)}
        if not arrived:
            return False
        self.wait_for(self.waiting - arrived)
        self.landed.emit()  # the redraw names what it still misses
        return True


def awaited_blobs(session: Session) -> AwaitedBlobs:
    """The session's one watcher (made on first use, owned by the session)."""
    found = session.findChild(AwaitedBlobs)
    if found is None:
        found = AwaitedBlobs(BlobStore(session.folder.blobs), session)
    return found


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def media_paths(
    session: Session, media_ids: list[str], missing: set[str] | None = None
) -> list[tuple[str, Path | None]]:
    """(media id, local file or None while the blob has not arrived) for each photo; the
    hashes of the blobs not here yet go in ``missing``."""
    blobs = BlobStore(session.folder.blobs)
    out: list[tuple[str, Path | None]] = []
    for mid in media_ids:
        media = session.store.get("media", mid)
        sha = str(media.get("sha256")) if media is not None else ""
        here = bool(sha) and blobs.has(sha)
        if missing is not None and sha and not here:
            missing.add(sha)
        out.append((mid, blobs.path(sha) if here else None))
    return out


def _photos(session: Session, media_ids: list[str], missing: set[str]) -> str:
    parts = []
    for _mid, path in media_paths(session, media_ids, missing):
        if path is None:
            waiting = QCoreApplication.translate("TaskDetail", "(photo not received yet)")
            parts.append(f"<i style='color:gray'>{_esc(waiting)}</i>")
        else:
            url = QUrl.fromLocalFile(str(path)).toString()
            parts.append(f"<a href='{url}'><img src='{url}' width='{PHOTO_WIDTH}'></a>")
    return " ".join(parts)


def _detail_words(detail: dict[str, Any], session: Session) -> str:
    words = []
    if "status" in detail:
        words.append(labels.TASK_STATUS(detail["status"]))
    if "assignee" in detail:
        words.append("→ " + session.names.assignee(detail))
    if detail.get("progress") is not None:
        words.append(f"{detail['progress']}%")
    if detail.get("text"):
        words.append(str(detail["text"]))
    return " · ".join(words)


def _first_of_plan_line(read: Any, task: Entity) -> Entity | None:
    """The task that counts for this task's plan line, when this one is a duplicate of it (the
    rule of ``plans.duplicate_plan_tasks``: the same on every post)."""
    key = task.get("plan_key")
    if not key or task.deleted:
        return None
    same: list[Entity] = [t for t in read.entities("task", incident_id=task.incident_id)
                          if t.get("plan_key") == key]
    if task.eid not in duplicate_plan_tasks(same):
        return None
    return min((t for t in same if not t.deleted),
               key=lambda t: (t.created_hlc, t.created_origin, t.eid))


def task_detail_html(session: Session, task: Entity, *, moment: Any = None) -> str:
    """The task's facts, history and feedback thread; ``moment`` (replay): as they were then."""
    d, names = task.data, session.names
    read = session.store if moment is None else moment
    missing: set[str] = set()  # blobs of the photos shown that are not here yet: watched
    rows = [
        (QCoreApplication.translate("TaskDetail", "Status"), labels.TASK_STATUS(d.get("status"))),
        (QCoreApplication.translate("TaskDetail", "Priority"), labels.PRIORITY(d.get("priority"))),
        (QCoreApplication.translate("TaskDetail", "Assigned to"), names.assignee(d)),
        (QCoreApplication.translate("TaskDetail", "Issued by"), f"{names.post(d.get('issuer'))} · {task.created_by}"),
        (QCoreApplication.translate("TaskDetail", "Incident"), names.incident(d.get("incident_id"))),
        (QCoreApplication.translate("TaskDetail", "Issued at"), labels.local_time(d.get("issued_at"))),
        (QCoreApplication.translate("TaskDetail", "Deadline"), labels.local_time(d.get("deadline"))),
    ]
    if d.get("ack_within_s"):
        rows.append((QCoreApplication.translate("TaskDetail", "Acknowledge within"),
                     labels.arg(QCoreApplication.translate("TaskDetail", "%1 min"), int(d["ack_within_s"]) // 60)))
    geom = d.get("geom")
    if isinstance(geom, dict) and geom.get("coordinates"):
        lon, lat = geom["coordinates"][:2]
        rows.append((QCoreApplication.translate("TaskDetail", "Location"), f"{lat:.5f}, {lon:.5f}"))
    parts = [f"<h3 style='margin:0'>{_esc(d.get('title'))}</h3>",
             "<table cellspacing='0' cellpadding='1'>"
             + "".join(f"<tr><td style='color:#555'>{_esc(k)}</td><td>{_esc(v)}</td></tr>"
                       for k, v in rows if v)
             + "</table>"]
    first = _first_of_plan_line(read, task)
    if first is not None:  # two posts declared at once: this line was issued twice
        note = labels.arg(QCoreApplication.translate(
            "TaskDetail", "Duplicate plan task: %1 issued this plan line first; it counts once"),
            names.post(first.get("issuer")))
        parts.append(f"<p style='color:#b26a00'><b>{_esc(note)}</b></p>")
    if d.get("description"):
        parts.append(f"<p>{_esc(d['description'])}</p>")
    if d.get("attachments"):
        title = QCoreApplication.translate("TaskDetail", "Attachments:")
        parts.append(f"<p>{_esc(title)} {_photos(session, list(d['attachments']), missing)}</p>")

    history = task_service.task_history(session.store, task.eid)
    if moment is not None:
        history = [h for h in history if h.at_ms <= moment.at_ms]
    lines = []
    for h in history:
        who = f"{h.post_name or names.post(h.post_id)} · {h.operator}"
        what = HISTORY_ACTION(h.action)
        extra = _detail_words(dict(h.detail or {}), session)
        style = ""
        if h.status != "applied":
            style = " style='color:#b00020'"
            extra = (extra + " · " if extra else "") + labels.arg(QCoreApplication.translate("TaskDetail", "refused: %1"), h.reason or "")
        lines.append(f"<tr{style}><td>{_esc(labels.local_time(h.at_ms, seconds=True))}</td>"
                     f"<td>{_esc(who)}</td><td>{_esc(what)}</td><td>{_esc(extra)}</td></tr>")
    title = QCoreApplication.translate("TaskDetail", "History")
    parts.append(f"<h4 style='margin-bottom:2px'>{_esc(title)}</h4>")
    parts.append("<table cellspacing='0' cellpadding='2'>" + "".join(lines) + "</table>")

    thread = []
    for fb in task_service.feedback_of(read, task.eid):  # type: ignore[arg-type]
        if fb.get("status") and not (fb.get("text") or fb.get("media") or fb.get("progress") is not None):
            continue  # a bare status change: already in the history
        head = (f"<b>{_esc(names.origin_post(fb.created_origin))} · {_esc(fb.created_by)}</b> "
                f"<span style='color:gray'>{_esc(labels.local_time(hlc_ms(fb.created_hlc)))}</span>")
        body = []
        if fb.get("status"):
            body.append(_esc(labels.TASK_STATUS(fb.get("status"))))
        if fb.get("progress") is not None:
            body.append(_esc(labels.arg(QCoreApplication.translate("TaskDetail", "progress %1%"), fb.get("progress"))))
        if fb.get("text"):
            body.append(_esc(fb.get("text")))
        photos = _photos(session, list(fb.get("media") or []), missing)
        thread.append(f"<p style='margin:2px 0'>{head}<br>{' · '.join(body)}"
                      + (f"<br>{photos}" if photos else "") + "</p>")
    title = QCoreApplication.translate("TaskDetail", "Feedback")
    none_yet = QCoreApplication.translate("TaskDetail", "No feedback yet.")
    parts.append(f"<h4 style='margin-bottom:2px'>{_esc(title)}</h4>")
    parts.append("".join(thread) if thread else
                 f"<p style='color:gray'>{_esc(none_yet)}</p>")
    awaited_blobs(session).wait_for(missing)  # redrawn when one lands
    return "".join(parts)
