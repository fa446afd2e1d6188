"""The main window: a frame that docks the views, a status bar, menus — and no logic of its own.

The views (``ui/docks``) own their models and actions; this frame places them, remembers the
layout (``saveState`` / ``saveGeometry`` in the post's ``ui.ini``), switches the language and
locks the screen. The status bar says which post this is, who is signed in, how many ops the
store holds (updated on every change) and the link state, which follows the sync engine
(``session.link``): 单机 without peers, 在线 N/M, 离线 · N 项待发送. While no configured peer
is connected, the offline banner spans the top of the window; when a link returns, what arrived
meanwhile opens in the "received while offline" panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolBar,
    QWidget,
)

from app.ops import Op
from app.plugin_host import PluginError
from app.store.apply import ApplyResult
from ui import labels
from ui.alerts import WindowAlerts
from ui.digest import DigestDialog
from ui.docks.base import ViewDock
from ui.docks.board import BoardDock
from ui.docks.conflicts import ConflictsDock
from ui.docks.feeds import FeedsDock
from ui.docks.link import OFFLINE_COLOR, ONLINE_COLOR, LinkDock, OfflineBanner
from ui.docks.map import MapDock
from ui.docks.plans import PlansDock
from ui.docks.reports import ReportsDock
from ui.docks.tasks import TasksDock
from ui.docks.units import UnitsDock
from ui.feeds.panorama import Stitcher
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, Translations
from ui.link import LinkStatus
from ui.link_card import LinkCardDialog
from ui.lock import ScreenLock
from ui.models.link import status_text, summarize
from ui.plugins.menu import PluginMenu
from ui.replay.read_only import ReadOnlyGuard
from ui.session import Session
from ui.settings import UiSettings
from ui.task_detail import awaited_blobs

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
        session.foreground.watch(self)  # the workers give way while the window paints
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
        self.map_dock = MapDock(session, self)
        self.board_dock = BoardDock(session, self)
        self.feeds_dock = FeedsDock(session, self)
        self.tasks_dock = TasksDock(session, self)
        self.reports_dock = ReportsDock(session, self)
        self.units_dock = UnitsDock(session, self)
        self.conflicts_dock = ConflictsDock(session, self)
        self.link_dock = LinkDock(session, self)
        self.plans_dock = PlansDock(session, self)
        self.docks: list[ViewDock] = [
            self.map_dock, self.board_dock, self.feeds_dock, self.tasks_dock,
            self.reports_dock, self.units_dock, self.conflicts_dock, self.link_dock,
            self.plans_dock,
        ]
        # replay (复盘) shows one moment everywhere the incident's state is shown
        self.board_dock.follow(self.tasks_dock, self.map_dock, self.reports_dock, self.units_dock)
        self.reports_dock.map_view = self.map_dock  # its snapshot goes in the situation report
        # a feedback photo's blob lands after its op, outside the store: redraw the task detail
        awaited_blobs(session).landed.connect(self.tasks_dock.show_detail)
        self._build_status_bar()  # before the docks: added later, it leaves stale dock tab bars
        self._build_banner()
        self.alerts = WindowAlerts(self, session, self.tasks_dock)  # escalation: red bar + sound
        self._place_docks()
        self._link_selection()
        self._default_state = self.saveState()
        self._drop_stale_tab_bars()

        self.digest_dialog: DigestDialog | None = None
        self.link_card_dialog: LinkCardDialog | None = None
        self.last_message: QMessageBox | None = None  # the last sync failure shown (tests read it)
        self._hidden_by_lock: list[QDialog] = []
        self._picking_for: TasksDock | ReportsDock | FeedsDock | None = None  # who asked for a map click
        self._build_menus()
        self._guard_writes_in_replay()
        self.lock = ScreenLock(self, session, settings.idle_minutes * 60_000)
        self.lock.lockedChanged.connect(self._on_locked_changed)
        self.lock.aboutToLock.connect(self.save_layout)

        session.bridge.changed.connect(self._on_store_changed)
        session.operatorChanged.connect(self._on_operator_changed)
        session.link.statusChanged.connect(self._on_link_status)
        session.link.digestReady.connect(self.show_digest)
        session.link.startFailed.connect(self._on_sync_failed)
        self.link_dock.showCard.connect(self.show_link_card)
        self.retranslate()
        self.restore_layout()

    # ------------------------------------------------------------------ layout

    def _place_docks(self) -> None:
        """The default layout for a 1600×1000 laptop: the map (the board and the feeds behind it)
        large on the left, the tasks (conflicts and link behind them) on the right, reports and teams
        in a strip along the bottom."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.addDockWidget(left, self.map_dock)
        self.tabifyDockWidget(self.map_dock, self.board_dock)
        self.tabifyDockWidget(self.board_dock, self.feeds_dock)
        self.addDockWidget(right, self.tasks_dock)
        self.tabifyDockWidget(self.tasks_dock, self.conflicts_dock)
        self.tabifyDockWidget(self.conflicts_dock, self.link_dock)
        self.addDockWidget(bottom, self.reports_dock)
        self.splitDockWidget(self.reports_dock, self.units_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.units_dock, self.plans_dock)
        self.map_dock.raise_()
        self.tasks_dock.raise_()
        self.units_dock.raise_()
        self.resizeDocks([self.map_dock, self.tasks_dock], [940, 660], Qt.Orientation.Horizontal)
        self.resizeDocks([self.reports_dock], [300], Qt.Orientation.Vertical)
        self.resizeDocks([self.reports_dock, self.units_dock], [900, 700], Qt.Orientation.Horizontal)

    def _drop_stale_tab_bars(self) -> None:
        """Qt keeps showing the tab bars of the intermediate layouts that placing the docks went
        through (drawn over the status bar); hide them all and let the final state show its own."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:
                bar.hide()
        self.restoreState(self._default_state)

    def _link_selection(self) -> None:
        """A record picked on the map is picked in its table, and the reverse."""
        self.map_dock.featureSelected.connect(self._on_map_selected)
        self.map_dock.mediaActivated.connect(self._on_media_activated)
        self.tasks_dock.pickOnMapRequested.connect(lambda: self._pick_location_for(self.tasks_dock))
        self.reports_dock.pickOnMapRequested.connect(lambda: self._pick_location_for(self.reports_dock))
        self.feeds_dock.pickOnMapRequested.connect(lambda: self._pick_location_for(self.feeds_dock))
        self.map_dock.pointPicked.connect(self._on_point_picked)
        self.board_dock.drawAreaRequested.connect(self._draw_warning_area)
        self.map_dock.areaPicked.connect(self._on_area_picked)
        self.alerts.banner.incidentActivated.connect(self._on_incident_activated)
        self.tasks_dock.table.selectionModel().selectionChanged.connect(self._on_task_selected)
        self.units_dock.table.selectionModel().selectionChanged.connect(self._on_unit_selected)

    @Slot(str, str)
    def _on_map_selected(self, etype: str, eid: str) -> None:
        if etype == "task":
            self.tasks_dock.select_task(eid)
        elif etype == "unit":
            self.units_dock.select_unit(eid)

    def _pick_location_for(self, dock: TasksDock | ReportsDock | FeedsDock) -> None:
        """A form's "pick on map" (the order and report forms, the feeds' position): it stays open but lets
        the map take clicks; the click goes back to the form."""
        self._picking_for = dock
        self._let_the_map_take_clicks(self._form_of(dock))
        self.map_dock.pick_point()

    @staticmethod
    def _let_the_map_take_clicks(form: QDialog | None) -> None:
        """A window-modal form blocks the map: it turns non-modal (and stays open)."""
        if form is not None and form.windowModality() != Qt.WindowModality.NonModal:
            form.hide()
            form.setWindowModality(Qt.WindowModality.NonModal)
            form.show()

    @staticmethod
    def _form_of(dock: TasksDock | ReportsDock | FeedsDock) -> QDialog | None:
        if isinstance(dock, TasksDock):
            return dock.issue_dialog
        return dock.report_dialog if isinstance(dock, ReportsDock) else None  # feeds: no dialog

    @Slot(float, float)
    def _on_point_picked(self, lon: float, lat: float) -> None:
        dock = self._picking_for
        if dock is None:
            return
        dock.set_picked_location(lon, lat)
        dialog = self._form_of(dock)
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()

    def _panorama_stitcher(self) -> Stitcher | None:
        """The panorama plugin's stitching action, while the plugin is loaded."""
        host = self.plugin_menu.service.host
        for action in host.contributions("media_actions"):
            if action.id == "stitch_panorama":
                try:
                    return host.resolve(action)
                except PluginError:  # kept on the plugin; the manager shows it
                    return None
        return None

    @Slot()
    def _draw_warning_area(self) -> None:
        """The warning form's "draw the area on the map": as for a pick, the form stays open."""
        self._let_the_map_take_clicks(self.board_dock.warnings.dialog)
        self.map_dock.pick_area()

    @Slot(dict)
    def _on_area_picked(self, geometry: dict[str, Any]) -> None:
        dialog = self.board_dock.warnings.dialog
        if dialog is not None and dialog.isVisible():
            dialog.set_area(geometry)
            dialog.raise_()

    @Slot(str)
    def _on_incident_activated(self, eid: str) -> None:
        """A late report's link in the alert bar: its incident, on the map and the board."""
        self.map_dock.fit_incident(eid)
        self.board_dock.show_incident(eid)

    @Slot(str)
    def _on_media_activated(self, eid: str) -> None:
        """A photo or video position clicked on the map opens the item in the feeds."""
        self.feeds_dock.select(eid)
        self.feeds_dock.raise_()

    @Slot()
    def _on_task_selected(self) -> None:
        self._show_on_map("task", self.tasks_dock.selected_id())

    @Slot()
    def _on_unit_selected(self) -> None:
        self._show_on_map("unit", self.units_dock.selected_id())

    def _show_on_map(self, etype: str, eid: str | None) -> None:
        if eid is not None and self.map_dock.selected != (etype, eid):
            self.map_dock.select(etype, eid)

    def restore_layout(self) -> None:
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self._show_banner()  # the saved state knows the banner's bar; the link decides

    def save_layout(self) -> None:
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())

    @Slot()
    def reset_layout(self) -> None:
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.restoreState(QByteArray(self._default_state))
        self._show_banner()

    # ------------------------------------------------------------------ the link

    def _build_banner(self) -> None:
        """The offline banner, in a bar of its own above the docks, across the whole window."""
        self.banner = OfflineBanner(self)
        self.banner_bar = QToolBar(self)
        self.banner_bar.setObjectName("link_banner_bar")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.setAllowedAreas(Qt.ToolBarArea.TopToolBarArea)
        self.banner_bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.banner_bar.toggleViewAction().setVisible(False)  # not for the person to hide
        self.banner_bar.setStyleSheet("QToolBar { border: 0; padding: 0; margin: 0; spacing: 0; }")
        self.banner_bar.addWidget(self.banner)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner_bar)
        self.banner_bar.hide()

    def _show_banner(self) -> None:
        status = self.session.link.status
        summary = summarize(status)
        self.banner.show_summary(summary, status.at)
        self.banner_bar.setVisible(summary.offline)

    @Slot(object)
    def _on_link_status(self, _status: LinkStatus) -> None:
        self._update_link_label()
        self._show_banner()

    def _update_link_label(self) -> None:
        summary = summarize(self.session.link.status)
        self.link_label.setText(status_text(summary))
        color = OFFLINE_COLOR if summary.offline else ONLINE_COLOR if summary.mode == "online" \
            else ""
        self.link_label.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")
        tips = {
            "standalone": self.tr("This post is not linked to any other post yet."),
            "listening": self.tr("Other posts can connect to this one; it connects to none "
                                 "itself."),
            "offline": self.tr("No configured peer is connected. Changes made here are kept and "
                               "sent when the link returns."),
            "stopped": self.tr("The sync engine is not running: this window works offline."),
        }
        self.link_label.setToolTip(tips.get(summary.mode, self.tr("See the link status dock.")))

    @Slot(str, str, bool)
    def _on_sync_failed(self, listen: str, reason: str, still_syncing: bool) -> None:
        """Say why sync could not start as asked, once in a box and for good in the link dock."""
        if listen and still_syncing:
            text = labels.arg(self.tr(
                "Other posts cannot connect to this one: listening at %1 failed (%2). This post "
                "still connects to its own peers."), listen, reason)
        else:
            text = labels.arg(self.tr(
                "Sync could not start (%1). This window works offline: changes are kept on this "
                "computer and sent once sync runs again."), reason)
        self.link_dock.show_notice(text)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Sync"))
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.last_message = box

    @Slot(object)
    def show_digest(self, ops: list[Op]) -> DigestDialog:
        """Open (or add to) the "received while offline" panel; it does not block the window."""
        if self.digest_dialog is None:
            self.digest_dialog = DigestDialog(self.session, self)
        self.digest_dialog.add_ops(ops)
        if self.lock.locked:  # nothing of the work shows on a locked screen: shown on unlock
            if self.digest_dialog not in self._hidden_by_lock:
                self._hidden_by_lock.append(self.digest_dialog)
        else:
            self.digest_dialog.show()
            self.digest_dialog.raise_()
        return self.digest_dialog

    @Slot()
    def show_link_card(self) -> LinkCardDialog:
        """This post's endpoint, key, fingerprint and QR code (non-modal)."""
        if self.link_card_dialog is None:
            self.link_card_dialog = LinkCardDialog(self.session, self)
        dialog = self.link_card_dialog
        dialog.refresh()
        dialog.tabs.setCurrentIndex(dialog.OWN)
        dialog.show()
        dialog.raise_()
        return dialog

    @Slot()
    def check_package(self, path: str | Path | None = None) -> LinkCardDialog:
        """The enrollment-package check; with ``path``, that package is shown at once."""
        dialog = self.show_link_card()
        dialog.tabs.setCurrentIndex(dialog.PACKAGE)
        if path is not None:
            dialog.check_package(path)
        return dialog

    def _guard_writes_in_replay(self) -> None:
        """Replay (复盘) shows the past: every control that writes is held disabled meanwhile."""
        m, r, f, u, p, b = (self.map_dock, self.reports_dock, self.feeds_dock, self.units_dock,
                            self.plans_dock, self.board_dock)
        guard = self.read_only = ReadOnlyGuard(b.replay, self.statusBar(), self)
        guard.add(
            m.draw_button, *m.draw_actions.values(), m.edit_action, m.save_edit_action, m.delete_action,
            self.tasks_dock.issue_button, self.tasks_dock.retire_button,
            r.report_button, r.log_edit, r.log_button, r.handover_button, r.message_edit, r.message_button,
            f.import_btn, f.watch_btn, f.pick_btn, f.pano_btn, f.snap_btn,
            u.allocate_button,
            p.declare_button, p.new_button, p.add_row_button, p.remove_row_button, p.save_button,
            b.warnings.issue_button, b.warnings.change_button, b.warnings.lift_button,
            b.gauges.add_button, b.gauges.import_button,
            self.conflicts_dock.candidates,
            self.plugin_menu.import_action,  # an import writes its records as ops
        )
        guard.add_forms([
            lambda: self.tasks_dock.issue_dialog, lambda: r.report_dialog, lambda: u.allocation_dialog,
            lambda: b.warnings.dialog, lambda: m.plot_dialog,
        ])

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
        self._update_link_label()

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

        self.link_menu = QMenu(bar)
        self.link_card_action = QAction(self)
        self.link_card_action.triggered.connect(self.show_link_card)
        self.check_package_action = QAction(self)
        self.check_package_action.triggered.connect(lambda: self.check_package())
        self.link_menu.addAction(self.link_card_action)
        self.link_menu.addAction(self.check_package_action)
        self.link_menu.addSeparator()
        self.link_menu.addAction(self.link_dock.toggleViewAction())
        bar.addMenu(self.link_menu)

        self.view_menu = QMenu(bar)
        for dock in self.docks:
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.reset_layout_action = QAction(self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.view_menu.addAction(self.reset_layout_action)
        bar.addMenu(self.view_menu)

        self.plugin_menu = PluginMenu(self.session, self)  # plugins: manager, import, export
        self.map_dock.show_plugin_layers(self.plugin_menu.service)  # plugins' map layers
        self.feeds_dock.find_stitcher = self._panorama_stitcher
        bar.addMenu(self.plugin_menu)

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
        if locked:  # the panels are windows of their own: hide them with the work
            self._hidden_by_lock = [d for d in (self.digest_dialog, self.link_card_dialog)
                                    if d is not None and d.isVisible()]
            for dialog in self._hidden_by_lock:
                dialog.hide()
        else:
            for dialog in self._hidden_by_lock:
                dialog.show()
            self._hidden_by_lock = []

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
        self.read_only.retranslate()
        self.post_menu.setTitle(self.tr("&Post"))
        self.lock_action.setText(self.tr("&Lock screen"))
        self.quit_action.setText(self.tr("&Quit"))
        self.idle_menu.setTitle(self.tr("Lock &after"))
        for minutes, action in self.idle_actions.items():
            action.setText(labels.arg(self.tr("After %1 min idle"), minutes) if minutes
                           else self.tr("Never"))
        self.link_menu.setTitle(self.tr("Lin&k"))
        self.link_card_action.setText(self.tr("This post's &key and QR code…"))
        self.check_package_action.setText(self.tr("&Check an enrollment package…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.reset_layout_action.setText(self.tr("&Reset layout"))
        self.language_menu.setTitle(self.tr("&Language"))
        self._update_status()
        self._show_banner()

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lock.locked:  # locked: floating docks are hidden; the layout was saved before
            self.save_layout()
        super().closeEvent(event)

    def cleanup(self) -> None:
        """Disconnect every view from the session; call before the session's store closes."""
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.session.operatorChanged.disconnect(self._on_operator_changed)
        self.session.link.statusChanged.disconnect(self._on_link_status)
        self.session.link.digestReady.disconnect(self.show_digest)
        self.session.link.startFailed.disconnect(self._on_sync_failed)
        if self.link_card_dialog is not None:
            self.link_card_dialog.cleanup()
        self.lock.cleanup()
        self.alerts.cleanup()
        self.plugin_menu.cleanup()
        awaited = awaited_blobs(self.session)
        awaited.stop()
        awaited.landed.disconnect(self.tasks_dock.show_detail)
        for dock in self.docks:
            dock.cleanup()


def dock_titles(window: QMainWindow) -> dict[str, str]:
    """Object name → visible title of every dock (for tests and diagnostics)."""
    return {d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)}
