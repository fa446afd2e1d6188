"""What every dock shares: a stable object name (for the saved layout), words refreshed on a
language change, and ``cleanup()`` that disconnects it from the store before it goes."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QTableView, QWidget


def fit_columns(view: QTableView, columns: Iterable[int], most: int = 220) -> None:
    """Size short columns (codes, numbers, times) to their words in the current language.

    Qt samples at most ``resizeContentsPrecision`` rows (1000 by default), so this stays cheap
    on a long table; long free-text columns keep the width the person gave them.
    """
    for column in columns:
        view.resizeColumnToContents(column)
        if view.columnWidth(column) > most:
            view.setColumnWidth(column, most)


class ViewDock(QDockWidget):
    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)  # saveState/restoreState find docks by this name
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_scrolling_widget(self, body: QWidget) -> None:
        """A tall view (the board, the plans) scrolls instead of forcing the whole window
        taller than a laptop's screen."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(body)
        self.setWidget(area)

    def retranslate(self) -> None:
        """Set every visible word again in the current language."""

    def cleanup(self) -> None:
        """Disconnect from the session; the dock is about to be deleted."""
