"""Frames for the docks whose own issues have not landed yet: the map (一张图), the situation board
(态势) and the feeds (图传). Each says in one line that it arrives later, so the layout a person
arranges now already has their place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.docks.base import ViewDock
from ui.i18n import QT_TRANSLATE_NOOP

PLACEHOLDERS = {
    "map": (QT_TRANSLATE_NOOP("PlaceholderDock", "Map"),
            QT_TRANSLATE_NOOP("PlaceholderDock", "The common operating map arrives in a later version.")),
    "board": (QT_TRANSLATE_NOOP("PlaceholderDock", "Situation"),
              QT_TRANSLATE_NOOP("PlaceholderDock", "The situation board arrives in a later version.")),
    "feeds": (QT_TRANSLATE_NOOP("PlaceholderDock", "Feeds"),
              QT_TRANSLATE_NOOP("PlaceholderDock", "Image and video feeds from the scene arrive in a later version.")),
}


class PlaceholderDock(ViewDock):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(f"dock_{kind}", parent)
        self.kind = kind
        self.note = QLabel(self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid); padding: 12px;")
        self.setWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        title, note = PLACEHOLDERS[self.kind]
        self.setWindowTitle(QCoreApplication.translate("PlaceholderDock", title))
        self.note.setText(QCoreApplication.translate("PlaceholderDock", note))
