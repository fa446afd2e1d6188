"""The link dock (链路状态) and the offline banner across the top of the window.

The dock lists every peer with its state, last contact, round trip, throughput both ways, the
changes waiting for it, its clock skew, the link's budget and the last error, refreshed from the
engine's readings (``ui.link.LinkMonitor``). The banner is the one thing a forward operator must
not miss: when no configured peer is connected it spans the window in red and says how many of
this post's changes the rear has not received yet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.docks.base import ViewDock
from ui.link import LinkStatus
from ui.models.link import LinkSummary, LinkTableModel, banner_text, status_text, summarize
from ui.session import Session

ONLINE_COLOR = "#1b6e20"
OFFLINE_COLOR = "#b71c1c"


class OfflineBanner(QFrame):
    """离线 · 12 项更改待发送 — red and large. The window shows it above everything while no
    configured peer is connected (``LinkSummary.offline``) and hides it otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offline_banner")
        self.setStyleSheet(
            f"#offline_banner {{ background: {OFFLINE_COLOR}; }}"
            "#offline_banner QLabel { color: white; }"
            "#offline_title { font-size: 20pt; font-weight: bold; }"
            "#offline_detail { font-size: 11pt; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.title = QLabel(self)
        self.title.setObjectName("offline_title")
        self.detail = QLabel(self)
        self.detail.setObjectName("offline_detail")
        self.detail.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.detail, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.summary = LinkSummary("standalone")

    def show_summary(self, summary: LinkSummary, now: float) -> None:
        self.summary = summary
        if not summary.offline:
            return
        self.title.setText(banner_text(summary))
        detail = self.tr("Changes made here are kept on this computer and sent when the link "
                         "returns.")
        if summary.last_contact is not None:
            detail = labels.arg(self.tr("%1 Last contact: %2."), detail,
                                labels.ago(now - summary.last_contact))
        self.detail.setText(detail)


class LinkDock(ViewDock):
    showCard = Signal()  # the operator asks for this post's key and QR code

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_link", parent)
        self.session = session
        self.model = LinkTableModel(session, self)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary_label = QLabel(body)
        self.summary_label.setObjectName("link_summary")
        self.this_post = QLabel(body)
        self.this_post.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_button = QPushButton(body)
        self.card_button.clicked.connect(self.showCard)
        top.addWidget(self.summary_label)
        top.addSpacing(16)
        top.addWidget(self.this_post, 1)
        top.addWidget(self.card_button)
        layout.addLayout(top)
        self.notice = QLabel(body)  # why sync could not start as asked
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; color: #6b4b00; padding: 6px;")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.table = QTableView(body)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(1, self.model.columnCount() - 1):  # short figures: always fit
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        self.table.setColumnWidth(0, 200)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(body)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid); padding: 8px;")
        layout.addWidget(self.empty)
        self.setWidget(body)

        self._fingerprint = session.folder.curve_keys().fingerprint
        self._status = session.link.status
        session.link.statusChanged.connect(self._on_status)
        self.retranslate()

    def cleanup(self) -> None:
        self.session.link.statusChanged.disconnect(self._on_status)
        self.model.cleanup()

    @Slot(object)
    def _on_status(self, status: LinkStatus) -> None:
        self._status = status
        self._update_words()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Link status"))
        self.card_button.setText(self.tr("This post's key and QR code…"))
        self.model.retranslate()
        self._update_words()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _update_words(self) -> None:
        status = self._status
        summary = summarize(status)
        self.summary_label.setText(status_text(summary))
        color = OFFLINE_COLOR if summary.offline else ONLINE_COLOR \
            if summary.mode in ("online", "listening") else "palette(text)"
        self.summary_label.setStyleSheet(f"font-weight: bold; font-size: 12pt; color: {color};")
        if status.listening:
            where = labels.arg(self.tr("Listening on %1"), status.listening)
        elif status.running:
            where = self.tr("Not accepting connections (connects out only)")
        else:
            where = self.tr("Sync is not running")
        self.this_post.setText(labels.arg(self.tr("This post: %1 · key %2"), where,
                                          self._fingerprint))
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if not has_rows:
            self.empty.setText(
                self.tr("No peers. This post syncs with the posts in its peer list (zhijiu peer "
                        "add, or an enrollment package) and with those that connect to it.")
            )
