"""The plugin manager (插件管理): every plugin found, on or off for this post, and why one failed.

One row per plugin: a check box to enable or disable it (remembered for this post), its name,
version, where it came from and its state — loaded, disabled, or the error that stopped it, in
red. Below the list, the selected plugin's description, origin and contributions; a dock it
contributes can be shown from there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.plugin_host import PluginInfo
from ui import labels
from ui.plugins.service import PluginService

ERROR_COLOR = QColor(183, 28, 28)
OK_COLOR = QColor(46, 125, 50)
ENABLED, NAME, VERSION, SOURCE, STATE = range(5)


class PluginManagerDialog(QDialog):
    def __init__(self, service: PluginService, parent: QWidget | None = None,
                 language: Callable[[], str] = lambda: "zh_CN") -> None:
        super().__init__(parent)
        self.service = service
        self.language = language
        self.setObjectName("plugin_manager")
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (ENABLED, VERSION, SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(NAME, 230)
        layout.addWidget(self.tree, 1)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(90)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.dock_button = QPushButton(self)
        self.buttons.addButton(self.dock_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.dock_button.clicked.connect(self._show_docks)
        layout.addWidget(self.buttons)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        # queued: a check box's own itemChanged must not see its row deleted by the refresh
        service.changed.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self.resize(820, 480)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Plugins"))
        self.heading.setText(self.tr(
            "Plugins add formats, bridges and views. A plugin that fails is shown here with its "
            "error; the rest of the program keeps working. What you switch on or off is kept for "
            "this post."))
        self.tree.setHeaderLabels([self.tr("On"), self.tr("Plugin"), self.tr("Version"),
                                   self.tr("From"), self.tr("State")])
        self.dock_button.setText(self.tr("Show its view"))
        self.refresh()

    def _source(self, info: PluginInfo) -> str:
        return {"builtin": self.tr("built in"), "folder": self.tr("plugin folder"),
                "entry point": self.tr("installed package")}.get(info.source, info.source)

    def _state(self, info: PluginInfo) -> str:
        if info.error and info.loaded:  # running, but a feed or a map layer of it is failing
            return labels.arg(self.tr("Loaded, with a problem: %1"), info.error)
        if info.error:
            return labels.arg(self.tr("Failed: %1"), info.error)
        if info.loaded:
            return self.tr("Loaded")
        return self.tr("Disabled") if not info.enabled else self.tr("Not loaded")

    @Slot()
    def refresh(self) -> None:
        current = self.current_key()
        self.tree.blockSignals(True)
        self.tree.clear()
        lang = self.language()
        for key, info in sorted(self.service.host.plugins.items(),
                                key=lambda kv: (kv[1].error is None, kv[1].name)):
            name = info.manifest.name_in(lang) if info.manifest else info.name
            item = QTreeWidgetItem(self.tree, ["", name, info.version, self._source(info),
                                               self._state(info)])
            item.setData(NAME, Qt.ItemDataRole.UserRole, key)
            if info.manifest is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(ENABLED, Qt.CheckState.Checked if info.enabled else Qt.CheckState.Unchecked)
            item.setForeground(STATE, QBrush(ERROR_COLOR if info.error else OK_COLOR if info.loaded
                                             else QColor(117, 117, 117)))
            item.setToolTip(STATE, self._state(info))
            if key == current:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_details()

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(NAME, Qt.ItemDataRole.UserRole)) if item is not None else None

    def row_texts(self) -> list[list[str]]:
        """What each row says (for tests and diagnostics)."""
        return [[self.tree.topLevelItem(i).text(c) for c in range(5)]
                for i in range(self.tree.topLevelItemCount())]

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != ENABLED:
            return
        key = str(item.data(NAME, Qt.ItemDataRole.UserRole))
        self.service.set_enabled(key, item.checkState(ENABLED) == Qt.CheckState.Checked)

    def _show_details(self) -> None:
        key = self.current_key()
        info = self.service.host.plugins.get(key) if key else None
        if info is None:
            self.details.setText("")
            self.dock_button.setEnabled(False)
            return
        lines = []
        lang = self.language()
        if info.manifest is not None and info.manifest.description:
            lines.append(info.manifest.description_in(lang))
        lines.append(labels.arg(self.tr("Found at: %1"), info.origin))
        if info.manifest is not None and info.manifest.contributions:
            parts = [c.title_in(lang) for c in info.manifest.contributions]
            lines.append(labels.arg(self.tr("Contributes: %1"), "; ".join(parts)))
        if info.error:
            lines.append(labels.arg(self.tr("Error: %1"), info.error))
        self.details.setText("\n".join(lines))
        self.dock_button.setEnabled(info.loaded and any(
            c.kind == "docks" for c in (info.manifest.contributions if info.manifest else ())))

    def _show_docks(self) -> None:
        key = self.current_key()
        for c in self.service.host.contributions("docks"):
            if c.plugin_id == key:
                self.service.show_dock(c)

    def cleanup(self) -> None:
        self.service.changed.disconnect(self.refresh)
