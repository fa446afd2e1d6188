"""本所链路信息: this post's endpoint, CURVE key, fingerprint and QR code — and the check of an
enrollment package — so two operators compare them before trusting a link.

A link is only as safe as the key each side was told to trust. The rear operator reads out (or
shows the QR code of) its card; the forward operator compares it with the package it imports or
the peer it has configured. The fingerprint (4 × 4 hex digits, ``app.sync.keys.fingerprint``) is
short enough to read over a radio; the QR code carries the whole key and endpoint, in the same
form as ``app.services.enroll.link_card``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.enroll import EnrollError, Package, describe, link_card, qr_payload
from app.sync.keys import fingerprint
from app.sync.peers import Peer, load_peers
from ui import labels
from ui.qr import QrCodeView
from ui.session import Session

GOOD_STYLE = "color: #1b6e20; font-weight: bold;"
BAD_STYLE = "color: #b71c1c; font-weight: bold;"
PACKAGE_FILTER = "*.pkg *.zjpkg *.enroll"


def card_payload(endpoint: str, key: str) -> str:
    """The QR text of a link end (the core decides its format)."""
    return qr_payload(endpoint, key)


def monospace(size_pt: float | None = None, bold: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    if size_pt is not None:
        font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class LinkCardView(QWidget):
    """One end of a link: whose it is, where it listens, its key, the fingerprint and the QR code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QWidget(self)
        grid = QGridLayout(text)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(10)
        self.heading = QLabel(text)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        self.endpoint_label, self.endpoint = QLabel(text), QLabel(text)
        self.key_label, self.key = QLabel(text), QLabel(text)
        self.fingerprint_label, self.fingerprint = QLabel(text), QLabel(text)
        self.endpoint.setFont(monospace(11))
        self.key.setFont(monospace(10))
        self.key.setWordWrap(True)
        self.fingerprint.setFont(monospace(24, bold=True))
        for row, (label, value) in enumerate(((self.endpoint_label, self.endpoint),
                                              (self.key_label, self.key),
                                              (self.fingerprint_label, self.fingerprint)), 1):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
        self.note = QLabel(text)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        grid.addWidget(self.note, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        layout.addWidget(text, 1)
        self.qr = QrCodeView(parent=self)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self._endpoint_text = ""
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.endpoint_label.setText(self.tr("Address:"))
        self.key_label.setText(self.tr("Public key (CURVE):"))
        self.fingerprint_label.setText(self.tr("Fingerprint:"))

    def show_card(self, heading: str, endpoint: str, key: str, *, qr: str | None = None,
                  endpoint_text: str | None = None, note: str = "") -> None:
        """Show one link end; ``qr`` defaults to ``card_payload(endpoint, key)``."""
        self.heading.setText(heading)
        self.endpoint.setText(endpoint_text if endpoint_text is not None else endpoint)
        self.key.setText(key)
        self.fingerprint.setText(fingerprint(key))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.qr.set_text(qr if qr is not None else card_payload(endpoint, key))


class LinkCardDialog(QDialog):
    """Non-modal: this post's card, the cards of the peers it trusts, and a package check."""

    OWN, PEERS, PACKAGE = 0, 1, 2

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("link_card_dialog")
        self.package: Package | None = None
        self.package_path: Path | None = None
        self._peers: list[Peer] = []
        self._own_endpoint = ""
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)

        # this post
        own = QWidget(self.tabs)
        own_layout = QVBoxLayout(own)
        self.own_card = LinkCardView(own)
        own_layout.addWidget(self.own_card)
        self.own_hint = QLabel(own)
        self.own_hint.setWordWrap(True)
        own_layout.addWidget(self.own_hint)
        own_layout.addStretch(1)
        self.tabs.addTab(own, "")

        # the peers this post connects to
        peers = QWidget(self.tabs)
        peers_layout = QVBoxLayout(peers)
        self.peer_choice = QComboBox(peers)
        self.peer_choice.currentIndexChanged.connect(self._show_peer)
        peers_layout.addWidget(self.peer_choice)
        self.peer_stack = QStackedWidget(peers)
        self.no_peers = QLabel(self.peer_stack)
        self.no_peers.setWordWrap(True)
        self.no_peers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.peer_card = LinkCardView(self.peer_stack)
        self.peer_stack.addWidget(self.no_peers)
        self.peer_stack.addWidget(self.peer_card)
        peers_layout.addWidget(self.peer_stack, 1)
        self.tabs.addTab(peers, "")

        # an enrollment package
        pkg = QWidget(self.tabs)
        pkg_layout = QVBoxLayout(pkg)
        row = QHBoxLayout()
        self.choose_button = QPushButton(pkg)
        self.choose_button.clicked.connect(self.choose_package)
        self.package_file = QLabel(pkg)
        self.package_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.choose_button)
        row.addWidget(self.package_file, 1)
        pkg_layout.addLayout(row)
        self.verdict = QLabel(pkg)
        self.verdict.setWordWrap(True)
        pkg_layout.addWidget(self.verdict)
        self.package_card = LinkCardView(pkg)
        self.package_card.hide()
        pkg_layout.addWidget(self.package_card)
        pkg_layout.addStretch(1)
        self.tabs.addTab(pkg, "")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.setMinimumWidth(860)
        session.link.statusChanged.connect(self._on_status)
        self.retranslate()
        self.refresh()

    def cleanup(self) -> None:
        self.session.link.statusChanged.disconnect(self._on_status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("This post's key and QR code"))
        self.tabs.setTabText(self.OWN, self.tr("This post"))
        self.tabs.setTabText(self.PEERS, self.tr("Peers trusted here"))
        self.tabs.setTabText(self.PACKAGE, self.tr("Check an enrollment package"))
        self.own_hint.setText(self.tr(
            "Before a link is trusted, the operator at the other post compares this address and "
            "fingerprint, group by group, with what their package or peer list says — or scans "
            "the QR code."))
        self.no_peers.setText(self.tr(
            "This post connects to no other post. Importing an enrollment package or “zhijiu "
            "peer add” configures one."))
        self.choose_button.setText(self.tr("Choose a package…"))
        self.refresh()
        if self.package is not None:
            self._show_package(self.package)
        elif not self.verdict.text():
            self.verdict.setText(self.tr(
                "Choose the enrollment package file to see the address and key it will trust."))

    # ------------------------------------------------------------------ this post and its peers

    @Slot(object)
    def _on_status(self, _status: object) -> None:
        endpoint = self.session.link.status.listening or ""
        if endpoint != self._own_endpoint:
            self.refresh()

    def refresh(self) -> None:
        """Re-read this post's endpoint and the configured peers."""
        cfg = self.session.config
        endpoint = self.session.link.status.listening or ""
        self._own_endpoint = endpoint
        card = link_card(self.session.folder, endpoint or None)
        note = ""
        if not endpoint:
            shown = self.tr("Not listening (this post only connects out)")
        else:
            shown = endpoint
            host = endpoint.removeprefix("tcp://").rpartition(":")[0]
            if host in ("0.0.0.0", "*", "[::]", "::"):
                note = self.tr("Listening on every network interface: give the other post this "
                               "computer's own address with this port.")
        self.own_card.show_card(
            labels.arg(self.tr("%1 (this post)"), cfg.name), endpoint,
            card["server_key"], qr=card["qr"], endpoint_text=shown, note=note,
        )
        try:
            self._peers = load_peers(self.session.folder.peers_path)
        except ValueError:
            self._peers = []
        current = self.peer_choice.currentIndex()
        self.peer_choice.blockSignals(True)
        self.peer_choice.clear()
        for peer in self._peers:
            self.peer_choice.addItem(peer.endpoint)
        self.peer_choice.blockSignals(False)
        self.peer_choice.setVisible(len(self._peers) > 1)
        if self._peers:
            self.peer_choice.setCurrentIndex(min(max(current, 0), len(self._peers) - 1))
        self._show_peer(self.peer_choice.currentIndex())

    @Slot(int)
    def _show_peer(self, index: int) -> None:
        if not 0 <= index < len(self._peers):
            self.peer_stack.setCurrentWidget(self.no_peers)
            return
        peer = self._peers[index]
        self.peer_stack.setCurrentWidget(self.peer_card)
        self.peer_card.show_card(
            labels.arg(self.tr("Peer at %1"), peer.endpoint), peer.endpoint, peer.server_key,
            note=self.tr("This post trusts this key for this address. Its operator's card must "
                         "show the same fingerprint."),
        )

    # ------------------------------------------------------------------ an enrollment package

    @Slot()
    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an enrollment package"), "",
            labels.arg(self.tr("Enrollment packages (%1);;All files (*)"), PACKAGE_FILTER),
        )
        if path:
            self.check_package(path)

    def check_package(self, path: str | Path) -> Package | None:
        """Show what the package at ``path`` will trust, and whether it matches what we know."""
        self.tabs.setCurrentIndex(self.PACKAGE)
        self.package_path = Path(path)
        self.package_file.setText(str(self.package_path))
        try:
            package = describe(self.package_path)
        except EnrollError as exc:
            self.package = None
            self.package_card.hide()
            self.verdict.setStyleSheet(BAD_STYLE)
            self.verdict.setText(labels.arg(self.tr("Not an enrollment package: %1"), exc))
            return None
        self.package = package
        self._show_package(package)
        return package

    def _show_package(self, package: Package) -> None:
        self.package_card.show_card(
            labels.arg(self.tr("Package for “%1” (%2)"), package.name, labels.ROLE(package.role)),
            package.endpoint, package.server_key,
            note=self.tr("The post that imports this package connects to this address and trusts "
                         "only this key."),
        )
        self.package_card.show()
        own_key = self.session.folder.curve_keys().public
        peer = next((p for p in self._peers if p.endpoint == package.endpoint), None)
        if package.server_key == own_key:
            style, text = GOOD_STYLE, self.tr("✓ This package connects to this post: the key is "
                                              "this post's own.")
        elif peer is not None and peer.server_key == package.server_key:
            style, text = GOOD_STYLE, self.tr("✓ Same address and key as the peer configured "
                                              "here.")
        elif peer is not None:
            style, text = BAD_STYLE, self.tr("✗ The key differs from the one configured here for "
                                             "this address. Do not trust this link until the "
                                             "operators have checked it.")
        else:
            style, text = "", self.tr("Compare the fingerprint, group by group, with the card "
                                      "of the post at this address before trusting the link.")
        self.verdict.setStyleSheet(style)
        self.verdict.setText(text)
