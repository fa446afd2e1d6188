"""Read-only while replaying (复盘): the window's writing controls are disabled and say why.

The window hands ``ReadOnlyGuard`` every button and action that writes (plotting on the map,
the forms that issue, report, allocate, declare, warn, resolve); measuring, searching and
exporting stay. While the replay controller is active each one is disabled, its tool tip says
回放中，只读 and the status bar shows it too; forms already open are disabled as well. A dock
that enables one of them meanwhile (its selection changed) is noted, not obeyed, and the
control gets that last wish back when replay ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QToolTip, QWidget

from ui.replay.controller import ReplayController


def reason() -> str:
    return QCoreApplication.translate("ReadOnlyGuard", "Replaying: read-only")


class ReadOnlyGuard(QObject):
    def __init__(self, controller: ReplayController, status_bar: QStatusBar | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.widgets: list[QWidget] = []
        self.actions: list[QAction] = []
        self.forms: list[Callable[[], QWidget | None]] = []  # open forms, found when replay starts
        self._wanted: dict[int, bool] = {}  # id -> enabled as its dock last wished
        self._tips: dict[int, str] = {}  # action id -> its own tool tip
        self._disabled_forms: list[QWidget] = []
        self._forcing = False
        self.label: QLabel | None = None
        if status_bar is not None:
            self.label = QLabel(status_bar)
            self.label.setObjectName("replay_read_only")
            self.label.setStyleSheet("color: #b71c1c; font-weight: bold;")
            self.label.setContentsMargins(8, 0, 8, 0)
            status_bar.addPermanentWidget(self.label)
            self.label.hide()
        controller.activeChanged.connect(self._on_active)

    @property
    def active(self) -> bool:
        return self.controller.active

    def add(self, *items: QWidget | QAction | None) -> None:
        for item in items:
            if isinstance(item, QAction):
                self.actions.append(item)
                item.enabledChanged.connect(lambda on, a=item: self._on_action_enabled(a, on))
            elif isinstance(item, QWidget):
                self.widgets.append(item)
                item.installEventFilter(self)
            if self.active and item is not None:
                self._hold(item)

    def add_forms(self, finders: Iterable[Callable[[], QWidget | None]]) -> None:
        self.forms.extend(finders)

    def retranslate(self) -> None:
        if self.label is not None:
            self.label.setText(reason())
        if self.active:
            for action in self.actions:
                action.setToolTip(reason())

    # ------------------------------------------------------------------ holding and letting go

    def _hold(self, item: QWidget | QAction) -> None:
        if isinstance(item, QAction):
            self._wanted[id(item)] = item.isEnabled()
            self._tips[id(item)] = item.toolTip()
            item.setToolTip(reason())
        else:
            parent = item.parentWidget()
            own = item.isEnabledTo(parent) if parent is not None else item.isEnabled()
            self._wanted[id(item)] = own
        self._forcing = True
        item.setEnabled(False)
        self._forcing = False

    def _release(self, item: QWidget | QAction) -> None:
        wanted = self._wanted.pop(id(item), True)
        self._forcing = True
        item.setEnabled(wanted)
        self._forcing = False
        if isinstance(item, QAction):
            item.setToolTip(self._tips.pop(id(item), ""))

    @Slot(bool)
    def _on_active(self, active: bool) -> None:
        if self.label is not None:
            self.label.setText(reason())
            self.label.setVisible(active)
        items: list[QWidget | QAction] = [*self.widgets, *self.actions]
        if active:
            for item in items:
                self._hold(item)
            self._disabled_forms = []
            for find in self.forms:
                form = find()
                if form is not None and form.isVisible() and form.isEnabled():
                    form.setEnabled(False)
                    form.setToolTip(reason())
                    self._disabled_forms.append(form)
        else:
            for item in items:
                self._release(item)
            for form in self._disabled_forms:
                form.setEnabled(True)
                form.setToolTip("")
            self._disabled_forms = []

    def _on_action_enabled(self, action: QAction, on: bool) -> None:
        if self._forcing or not self.active or not on:
            return
        self._wanted[id(action)] = True  # its dock wants it: later
        self._forcing = True
        action.setEnabled(False)
        self._forcing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.ToolTip:  # a disabled control still says why
            QToolTip.showText(event.globalPos(), reason(), watched)  # type: ignore[attr-defined]
            return True
        if event.type() == QEvent.Type.EnabledChange and not self._forcing and watched.isEnabled():
            self._wanted[id(watched)] = True
            self._forcing = True
            watched.setEnabled(False)
            self._forcing = False
        return False

    def reason_for(self, item: QWidget | QAction) -> str | None:
        """Why the control is disabled, when replay holds it (None when not)."""
        if self.active and id(item) in self._wanted:
            return reason()
        return None
