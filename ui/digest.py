"""离线期间收到: after a link returns, what came in from other posts — new orders first.

A non-modal panel: the operator keeps working while it is open, and a second catch-up while it
is still open is added to it rather than replacing it. Records are grouped by kind with a count
(``ui.models.digest``); each shows its title as it stands now, whether it is new, which post sent
it and when.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops import Op
from ui import labels
from ui.models.digest import Digest, build_digest
from ui.session import Session

NEW_COLOR = QColor(183, 28, 28)


class DigestDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("digest_dialog")
        self.setModal(False)
        self.ops: list[Op] = []
        self.digest = Digest([], 0)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        layout.addWidget(self.buttons)
        self.resize(760, 460)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ops = []  # read: the next catch-up starts a fresh list
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Received while offline"))
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Change"), self.tr("From"),
                                   self.tr("Time")])
        self._fill()

    def add_ops(self, ops: list[Op]) -> Digest:
        """Add a catch-up to what is shown (a fresh list once the panel was closed) and show it."""
        self.ops.extend(ops)
        self.digest = build_digest(self.session.store, self.session.names, self.ops)
        self._fill()
        return self.digest

    def _fill(self) -> None:
        d = self.digest
        self.heading.setText(labels.arg(
            self.tr("The link is back. %1 records changed at other posts while this post was "
                    "offline:"), d.records))
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for group in d.groups:
            top = QTreeWidgetItem(self.tree, [group.title])
            top.setFont(0, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, group.etype)
            for item in group.items:
                if item.deleted:
                    change = self.tr("Deleted")
                elif item.new:
                    change = self.tr("New")
                else:
                    change = self.tr("Updated")
                who = f"{item.post} · {item.operator}" if item.operator else item.post
                row = QTreeWidgetItem(top, [item.text, change, who,
                                            labels.short_time(item.time_ms)])
                row.setData(0, Qt.ItemDataRole.UserRole, item.eid)
                row.setToolTip(0, item.text)
                if item.new:
                    row.setForeground(1, QBrush(NEW_COLOR))
                    row.setFont(1, bold)
            hidden = group.count - len(group.items)
            if hidden > 0:
                QTreeWidgetItem(top, [labels.arg(self.tr("… and %1 more"), hidden)])
        self.tree.expandAll()

    def group_titles(self) -> list[str]:
        root = self.tree.invisibleRootItem()
        return [root.child(i).text(0) for i in range(root.childCount())]

    def item_texts(self, group: int) -> list[str]:
        top = self.tree.invisibleRootItem().child(group)
        return [top.child(i).text(0) for i in range(top.childCount())]
