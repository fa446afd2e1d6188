"""The Plugins menu (插件): the plugin manager, import a file, export in a plugin's format.

The main window adds this menu and calls ``cleanup()`` when it closes; everything else about
plugins lives here and in ``ui.plugins.service``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ui import labels
from ui.plugins.manager import PluginManagerDialog
from ui.plugins.service import PluginService
from ui.plugins.transfer import Transfer
from ui.session import Session


class PluginMenu(QMenu):
    def __init__(self, session: Session, window: QMainWindow) -> None:
        super().__init__(window.menuBar())
        self.setObjectName("plugin_menu")
        self.window_ = window
        self.service = PluginService(session, window)
        self.service.language = self.language
        self.transfer = Transfer(self.service, window)
        self.dialog: PluginManagerDialog | None = None
        self.manager_action = QAction(self)
        self.manager_action.triggered.connect(lambda: self.show_manager())
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self.transfer.choose_import)
        self.export_menu = QMenu(self)
        self.export_menu.aboutToShow.connect(self._fill_exports)
        self.addAction(self.manager_action)
        self.addSeparator()
        self.addAction(self.import_action)
        self.addMenu(self.export_menu)
        self.retranslate()

    def show_manager(self) -> PluginManagerDialog:
        if self.dialog is None:
            self.dialog = PluginManagerDialog(self.service, self.window_, self.language)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def language(self) -> str:
        translations = getattr(self.window_, "translations", None)
        return str(getattr(translations, "language", "zh_CN"))

    def _fill_exports(self) -> None:
        self.export_menu.clear()
        lang = self.language()
        for c in sorted(self.service.host.contributions("exporters"), key=lambda c: c.title_in(lang)):
            action = self.export_menu.addAction(labels.arg(self.tr("%1…"), c.title_in(lang)))
            action.triggered.connect(lambda _=False, fmt=c.format: self.transfer.choose_export(fmt))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Plu&gins"))
        self.manager_action.setText(self.tr("&Plugin manager…"))
        self.import_action.setText(self.tr("&Import a file…"))
        self.export_menu.setTitle(self.tr("&Export as"))

    def cleanup(self) -> None:
        if self.dialog is not None:
            self.dialog.cleanup()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.transfer.cleanup()
        self.service.cleanup()
