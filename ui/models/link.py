"""The link figures as a table (one row per peer) and in one line (online 1/1, offline · 12 waiting).

Rows come from ``SyncEngine.snapshot()`` readings (``ui.link.LinkStatus``), once a second. A
row is kept by its link (outgoing by endpoint, incoming by peer post): a new link is inserted,
a gone one removed, the others announced with ``dataChanged`` — never a reset, so a selected
row stays selected while the figures move. "Last contact" is relative ("3 分钟前"), so every
reading refreshes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QColor

from app.sync.keys import fingerprint
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.link import LinkStatus, PeerKey, peer_key
from ui.session import Session

CONNECTED_BACKGROUND = QColor(214, 240, 214)
OFFLINE_BACKGROUND = QColor(255, 214, 214)
OFFLINE_FOREGROUND = QColor(140, 0, 0)
WARN_BACKGROUND = QColor(255, 236, 196)
SKEW_WARN_MS = 30_000  # a clock this far off makes times on the board misleading

Index = QModelIndex | QPersistentModelIndex

# The core's link errors (``app/sync``), in words; an unknown one is shown after a lead-in.
_ERRORS = {
    "no answer: the link looks dead": QT_TRANSLATE_NOOP(
        "LinkError", "No answer: the link looks dead"),
    "handshake refused: wrong server key, or this post is not admitted": QT_TRANSLATE_NOOP(
        "LinkError", "Handshake refused: the server key is wrong, or this post is not admitted"),
}
_ERROR_PREFIXES = {
    "send failed: ": QT_TRANSLATE_NOOP("LinkError", "Sending failed: %1"),
    "bad frame: ": QT_TRANSLATE_NOOP("LinkError", "Bad data received: %1"),
}


def link_error(text: str | None) -> str:
    if not text:
        return ""
    known = _ERRORS.get(text)
    if known is not None:
        return QCoreApplication.translate("LinkError", known)
    for prefix, template in _ERROR_PREFIXES.items():
        if text.startswith(prefix):
            return labels.arg(QCoreApplication.translate("LinkError", template),
                              text[len(prefix):])
    return text


# ---------------------------------------------------------------------------------- one line


@dataclass(frozen=True)
class LinkSummary:
    """The whole link state in one line.

    ``mode``: ``standalone`` (no peer configured, not listening), ``listening`` (no peer of our
    own, accepting others), ``connecting`` (just started), ``online`` (at least one configured
    peer connected), ``offline`` (none), ``stopped`` (peers configured, the engine not running).
    ``pending``: our changes not yet held by the configured peers (the most behind of them);
    None when unknown — no peer has been reached since the window opened.
    """

    mode: str
    connected: int = 0
    configured: int = 0
    incoming: int = 0
    pending: int | None = None
    last_contact: float | None = None  # wall seconds, the latest of the configured peers

    @property
    def offline(self) -> bool:
        return self.mode in ("offline", "stopped")


def summarize(status: LinkStatus) -> LinkSummary:
    outgoing = [r for r in status.peers if r.get("direction") != "in"]
    incoming = sum(1 for r in status.peers
                   if r.get("direction") == "in" and r.get("state") == "connected")
    configured = len(status.configured)
    if not configured:
        return LinkSummary("listening" if status.listening else "standalone", incoming=incoming)
    connected = sum(1 for r in outgoing if r.get("state") == "connected")
    known = [int(r.get("queued_ops") or 0) for r in outgoing if r.get("last_contact") is not None]
    pending = max(known) if known else None
    contacts = [float(r["last_contact"]) for r in outgoing if r.get("last_contact") is not None]
    last = max(contacts) if contacts else None
    if not status.running:
        mode = "stopped"
    elif connected:
        mode = "online"
    elif status.settling:
        mode = "connecting"
    else:
        mode = "offline"
    return LinkSummary(mode, connected, configured, incoming, pending, last)


_WORDS = {
    "standalone": QT_TRANSLATE_NOOP("LinkSummary", "Standalone (no sync configured)"),
    "listening": QT_TRANSLATE_NOOP("LinkSummary", "Listening · %1 connected"),
    "connecting": QT_TRANSLATE_NOOP("LinkSummary", "Connecting…"),
    "online": QT_TRANSLATE_NOOP("LinkSummary", "Online %1/%2"),
    "online_pending": QT_TRANSLATE_NOOP("LinkSummary", "Online %1/%2 · %3 waiting to send"),
    "stopped": QT_TRANSLATE_NOOP("LinkSummary", "Sync not running"),
    "offline": QT_TRANSLATE_NOOP("LinkSummary", "Offline"),
    "offline_none": QT_TRANSLATE_NOOP("LinkSummary", "Offline · nothing waiting"),
    "offline_pending": QT_TRANSLATE_NOOP("LinkSummary", "Offline · %1 waiting to send"),
    # the banner: a full sentence, large
    "banner_stopped": QT_TRANSLATE_NOOP("LinkSummary", "Offline · sync is not running"),
    "banner_unknown": QT_TRANSLATE_NOOP("LinkSummary", "Offline · no configured peer reached yet"),
    "banner_none": QT_TRANSLATE_NOOP("LinkSummary", "Offline · nothing waiting to send"),
    "banner_pending": QT_TRANSLATE_NOOP("LinkSummary", "Offline · %1 changes waiting to send"),
}


def _words(key: str, *values: object) -> str:
    return labels.arg(QCoreApplication.translate("LinkSummary", _WORDS[key]), *values)


def status_text(s: LinkSummary) -> str:
    """The status-bar words: 单机 / 在线 1/2 / 离线 · 3 项待发送."""
    if s.mode in ("standalone", "connecting", "stopped"):
        return _words(s.mode)
    if s.mode == "listening":
        return _words("listening", s.incoming)
    if s.mode == "online":
        if s.pending:
            return _words("online_pending", s.connected, s.configured, s.pending)
        return _words("online", s.connected, s.configured)
    if s.pending is None:
        return _words("offline")
    return _words("offline_pending", s.pending) if s.pending else _words("offline_none")


def banner_text(s: LinkSummary) -> str:
    """The large line of the offline banner: 离线 · 12 项更改待发送."""
    if s.mode == "stopped":
        return _words("banner_stopped")
    if s.pending is None:
        return _words("banner_unknown")
    return _words("banner_pending", s.pending) if s.pending else _words("banner_none")


# ---------------------------------------------------------------------------------- the table


class LinkTableModel(QAbstractTableModel):
    CONTEXT = "LinkTableModel"
    COLUMNS = (
        ("peer", QT_TRANSLATE_NOOP("LinkTableModel", "Peer")),
        ("direction", QT_TRANSLATE_NOOP("LinkTableModel", "Direction")),
        ("state", QT_TRANSLATE_NOOP("LinkTableModel", "State")),
        ("last_contact", QT_TRANSLATE_NOOP("LinkTableModel", "Last contact")),
        ("rtt", QT_TRANSLATE_NOOP("LinkTableModel", "RTT")),
        ("tx", QT_TRANSLATE_NOOP("LinkTableModel", "Sending")),
        ("rx", QT_TRANSLATE_NOOP("LinkTableModel", "Receiving")),
        ("queued", QT_TRANSLATE_NOOP("LinkTableModel", "Waiting to send")),
        ("skew", QT_TRANSLATE_NOOP("LinkTableModel", "Clock skew")),
        ("rate", QT_TRANSLATE_NOOP("LinkTableModel", "Rate budget")),
        ("error", QT_TRANSLATE_NOOP("LinkTableModel", "Last error")),
    )

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.names = session.names
        self._keys = [key for key, _ in self.COLUMNS]
        self._rows: list[dict[str, Any]] = []
        self._order: list[PeerKey] = []
        self._now = 0.0
        self._configured: dict[str, Any] = {}  # endpoint -> Peer
        self.update(session.link.status)
        session.link.statusChanged.connect(self.update)
        session.names.namesChanged.connect(self._on_names_changed)

    def cleanup(self) -> None:
        self.session.link.statusChanged.disconnect(self.update)
        self.session.names.namesChanged.disconnect(self._on_names_changed)

    @Slot(object)
    def update(self, status: LinkStatus) -> None:
        """Take a reading: rows in and out one by one, the rest refreshed."""
        self._now = status.at
        self._configured = {p.endpoint: p for p in status.configured}
        fresh = {peer_key(r): r for r in status.peers}
        for row in reversed(range(len(self._order))):
            if self._order[row] not in fresh:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._order[row], self._rows[row]
                self.endRemoveRows()
        for row, key in enumerate(self._order):
            self._rows[row] = fresh.pop(key)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
        # new links: outgoing ones first, in the order the engine lists them
        for key, r in sorted(fresh.items(), key=lambda kv: kv[0][0] == "in"):
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n)
            self._order.append(key)
            self._rows.append(r)
            self.endInsertRows()

    @Slot(set)
    def _on_names_changed(self, etypes: set[str]) -> None:
        if "post" in etypes and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    # ------------------------------------------------------------------ words

    def peer_name(self, r: dict[str, Any]) -> str:
        """The peer post's name once it has said who it is, else the address it is reached at."""
        if r.get("post"):
            return self.names.post(r["post"])
        return str(r.get("name") or "")

    def display(self, r: dict[str, Any], key: str) -> str:
        connected = r.get("state") == "connected"
        if key == "peer":
            return self.peer_name(r)
        if key == "direction":
            return self.tr("Outgoing") if r.get("direction") != "in" else self.tr("Incoming")
        if key == "state":
            return self.tr("Connected") if connected else self.tr("Offline")
        if key == "last_contact":
            last = r.get("last_contact")
            return labels.ago(None if last is None else self._now - float(last))
        if key == "rtt":
            return labels.duration_ms(r.get("rtt_ms")) if connected else ""
        if key in ("tx", "rx"):
            if not connected:
                return ""
            return labels.bit_rate(8 * float(r.get(f"{key}_bytes_per_s") or 0))
        if key == "queued":
            if r.get("queued_ops") is None or (r.get("direction") != "in"
                                               and r.get("last_contact") is None):
                return "—"  # not reached yet: what it holds is not known
            return str(r["queued_ops"])
        if key == "skew":
            return labels.duration_ms(r.get("clock_skew_ms"), signed=True)
        if key == "rate":
            rate = r.get("rate_bps")
            return self.tr("Unlimited") if rate is None else labels.bit_rate(rate)
        if key == "error":
            return link_error(r.get("error"))
        return ""

    def tooltip(self, r: dict[str, Any], key: str) -> str | None:
        if key == "peer":
            lines = []
            if r.get("direction") != "in":  # an incoming link is named by its post, not an address
                lines.append(labels.arg(self.tr("Address: %1"), r.get("name") or ""))
            peer = self._configured.get(str(r.get("name")))
            if r.get("direction") != "in" and peer is not None:
                lines.append(labels.arg(self.tr("Key fingerprint: %1"), fingerprint(peer.server_key)))
            if r.get("post"):
                lines.append(labels.arg(self.tr("Post id: %1"), r["post"]))
            return "\n".join(lines)
        if key == "last_contact" and r.get("last_contact") is not None:
            return labels.local_time(int(float(r["last_contact"]) * 1000), seconds=True)
        if key == "queued":
            return self.tr("Changes held here that this peer has not received yet")
        if key == "skew" and abs(r.get("clock_skew_ms") or 0) >= SKEW_WARN_MS:
            return self.tr("The peer's clock differs from this computer's; times it writes may look "
                      "early or late here.")
        if key in ("tx", "rx"):
            total = r.get("bytes_tx" if key == "tx" else "bytes_rx")
            ops = r.get("ops_tx" if key == "tx" else "ops_rx")
            if total is not None:
                return labels.arg(self.tr("%1 bytes, %2 changes in total"), total, ops or 0)
        if key == "error" and r.get("error"):
            return str(r["error"])
        return None

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def figures(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, name: str) -> int | None:
        """The row of a link by its address (outgoing) or peer post id (incoming)."""
        for i, (_direction, key) in enumerate(self._order):
            if key == name:
                return i
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        key = self._keys[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r, key)
        connected = r.get("state") == "connected"
        if role == Qt.ItemDataRole.BackgroundRole:
            if key == "state":
                return QBrush(CONNECTED_BACKGROUND if connected else OFFLINE_BACKGROUND)
            if key == "skew" and abs(r.get("clock_skew_ms") or 0) >= SKEW_WARN_MS:
                return QBrush(WARN_BACKGROUND)
            if key == "queued" and not connected and r.get("queued_ops"):
                return QBrush(WARN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("state", "error") and not connected:
            return QBrush(OFFLINE_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rtt", "tx", "rx", "queued",
                                                                  "skew", "rate"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None
