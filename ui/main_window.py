"""The main window: a frame that docks the views, a status bar, menus — and no logic of its own.

The views (``ui/docks``) own their models and actions; this frame places them, remembers the
layout (``saveState`` / ``saveGeometry`` in the post's ``ui.ini``), switches the language and
locks the screen. The status bar says which post this is, who is signed in, how many ops the
store holds (updated on every change) and the link state.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from app.store.apply import ApplyResult
from ui import labels
from ui.docks.base import ViewDock
from ui.docks.conflicts import ConflictsDock
from ui.docks.placeholders import PlaceholderDock
from ui.docks.reports import ReportsDock
from ui.docks.tasks import TasksDock
from ui.docks.units import UnitsDock
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, Translations
from ui.lock import ScreenLock
from ui.session import Session
from ui.settings import UiSettings

DEFAULT_SIZE = (1600, 1000)
IDLE_CHOICES = (5, 10, 30, 0)  # minutes; 0: never


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        settings: UiSettings,
        translations: Translations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.translations = translations
        self.setObjectName("main_window")
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.resize(*DEFAULT_SIZE)

        # the views
        self.map_dock = PlaceholderDock("map", self)
        self.board_dock = PlaceholderDock("board", self)
        self.feeds_dock = PlaceholderDock("feeds", self)
        self.tasks_dock = TasksDock(session, self)
        self.reports_dock = ReportsDock(session, self)
        self.units_dock = UnitsDock(session, self)
        self.conflicts_dock = ConflictsDock(session, self)
        self.docks: list[ViewDock] = [
            self.map_dock, self.board_dock, self.feeds_dock, self.tasks_dock,
            self.reports_dock, self.units_dock, self.conflicts_dock,
        ]
        self._place_docks()
        self._default_state = self.saveState()

        self._build_status_bar()
        self._build_menus()
        self.lock = ScreenLock(self, session, settings.idle_minutes * 60_000)
        self.lock.lockedChanged.connect(self._on_locked_changed)
        self.lock.aboutToLock.connect(self.save_layout)

        session.bridge.changed.connect(self._on_store_changed)
        session.operatorChanged.connect(self._on_operator_changed)
        self.retranslate()
        self.restore_layout()

    # ------------------------------------------------------------------ layout

    def _place_docks(self) -> None:
        """The default layout for a 1600×1000 laptop: the map and its neighbours on the left,
        the tasks on the right, reports and teams below them."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(left, self.map_dock)
        self.tabifyDockWidget(self.map_dock, self.board_dock)
        self.tabifyDockWidget(self.board_dock, self.feeds_dock)
        self.addDockWidget(right, self.tasks_dock)
        self.splitDockWidget(self.tasks_dock, self.reports_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.reports_dock, self.units_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.units_dock, self.conflicts_dock)
        self.map_dock.raise_()
        self.units_dock.raise_()
        self.resizeDocks([self.map_dock, self.tasks_dock], [420, 1180], Qt.Orientation.Horizontal)
        self.resizeDocks([self.tasks_dock, self.reports_dock], [520, 440], Qt.Orientation.Vertical)
        self.resizeDocks([self.reports_dock, self.units_dock], [700, 480], Qt.Orientation.Horizontal)

    def restore_layout(self) -> None:
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())

    @Slot()
    def reset_layout(self) -> None:
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.restoreState(QByteArray(self._default_state))

    # ------------------------------------------------------------------ status bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.post_label = QLabel(bar)
        self.operator_label = QLabel(bar)
        self.ops_label = QLabel(bar)
        self.link_label = QLabel(bar)
        for label in (self.post_label, self.operator_label, self.ops_label, self.link_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _update_status(self) -> None:
        cfg = self.session.config
        self.post_label.setText(labels.arg(
            self.tr("%1 · %2 (%3)"), cfg.name, labels.ROLE(cfg.role), labels.LEVEL(cfg.level)
        ))
        self.operator_label.setText(labels.arg(self.tr("Operator: %1"), self.session.operator))
        self._update_op_count()
        self.link_label.setText(self.tr("Standalone (no sync configured)"))
        self.link_label.setToolTip(self.tr("This post is not linked to any other post yet."))

    def _update_op_count(self) -> None:
        self.ops_label.setText(labels.arg(self.tr("Ops: %1"), self.session.store.op_count()))

    @Slot(object)
    def _on_store_changed(self, _result: ApplyResult) -> None:
        self._update_op_count()

    @Slot(str)
    def _on_operator_changed(self, name: str) -> None:
        self.settings.last_operator = name
        self._update_status()

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.post_menu = QMenu(bar)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock.lock())
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.post_menu.addAction(self.lock_action)
        self.idle_menu = QMenu(self.post_menu)
        self.idle_group = QActionGroup(self)
        self.idle_actions: dict[int, QAction] = {}
        for minutes in IDLE_CHOICES:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(minutes == self.settings.idle_minutes)
            action.triggered.connect(lambda _=False, m=minutes: self.set_idle_minutes(m))
            self.idle_group.addAction(action)
            self.idle_menu.addAction(action)
            self.idle_actions[minutes] = action
        self.post_menu.addMenu(self.idle_menu)
        self.post_menu.addSeparator()
        self.post_menu.addAction(self.quit_action)
        bar.addMenu(self.post_menu)

        self.view_menu = QMenu(bar)
        for dock in self.docks:
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.reset_layout_action = QAction(self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.view_menu.addAction(self.reset_layout_action)
        bar.addMenu(self.view_menu)

        self.language_menu = QMenu(bar)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self)  # each in its own language, never translated
            action.setCheckable(True)
            action.setChecked(lang == self.translations.language)
            action.triggered.connect(lambda _=False, code=lang: self.set_language(code))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        bar.addMenu(self.language_menu)

    @Slot(str)
    def set_language(self, lang: str) -> None:
        """Speak ``lang`` now (every view re-reads its words) and next time."""
        installed = self.translations.install(lang)
        self.settings.language = installed
        self.language_actions[installed].setChecked(True)

    @Slot(int)
    def set_idle_minutes(self, minutes: int) -> None:
        """Lock after ``minutes`` without input (0: never); remembered for the next start."""
        self.settings.idle_minutes = minutes
        self.lock.set_idle_ms(minutes * 60_000)
        if minutes in self.idle_actions:
            self.idle_actions[minutes].setChecked(True)

    @Slot(bool)
    def _on_locked_changed(self, locked: bool) -> None:
        for action in (self.lock_action, self.reset_layout_action):
            action.setEnabled(not locked)
        for dock in self.docks:
            dock.toggleViewAction().setEnabled(not locked)
        self.setWindowTitle(self._title(locked))

    # ------------------------------------------------------------------ words

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _title(self, locked: bool = False) -> str:
        if locked:  # the post's name only: nothing of the work shows on a locked screen
            return labels.arg(self.tr("%1 — locked"), self.tr("Zhijiu Command Post"))
        return labels.arg(self.tr("%1 — %2"), self.tr("Zhijiu Command Post"), self.session.config.name)

    def retranslate(self) -> None:
        self.setWindowTitle(self._title(self.lock.locked))
        self.post_menu.setTitle(self.tr("&Post"))
        self.lock_action.setText(self.tr("&Lock screen"))
        self.quit_action.setText(self.tr("&Quit"))
        self.idle_menu.setTitle(self.tr("Lock &after"))
        for minutes, action in self.idle_actions.items():
            action.setText(labels.arg(self.tr("After %1 min idle"), minutes) if minutes
                           else self.tr("Never"))
        self.view_menu.setTitle(self.tr("&View"))
        self.reset_layout_action.setText(self.tr("&Reset layout"))
        self.language_menu.setTitle(self.tr("&Language"))
        self._update_status()

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lock.locked:  # locked: floating docks are hidden; the layout was saved before
            self.save_layout()
        super().closeEvent(event)

    def cleanup(self) -> None:
        """Disconnect every view from the session; call before the session's store closes."""
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.session.operatorChanged.disconnect(self._on_operator_changed)
        self.lock.cleanup()
        for dock in self.docks:
            dock.cleanup()


def dock_titles(window: QMainWindow) -> dict[str, str]:
    """Object name → visible title of every dock (for tests and diagnostics)."""
    return {d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)}
