"""The screen lock: after some idle minutes the window hides its content behind a PIN prompt.

Field laptops are shared. ``IdleWatcher`` filters the window's input events: any key, click,
wheel or touch restarts its timer; when the timer runs out the window locks. The lock view
covers the whole window (menus included), floating docks are hidden and everything behind is
disabled. It asks the PIN of the signed-in operator, or lets another operator sign in — which
changes the name written on new ops from then on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QFrame,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.session import Session
from ui.signin import PinThrottle, pin_field

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``idle_ms`` without user input in the window.

    It filters the events of the window's native ``QWindow``, through which every real key and
    mouse event passes — not the whole application's: with PySide6 an application-wide Python
    event filter sees QtWebEngine's internal objects too, and crashes on them.
    """

    idle = Signal()

    def __init__(self, idle_ms: int, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._window: QWidget | None = window
        self._handle: QWindow | None = None
        window.installEventFilter(self)  # to follow the native window as it is created
        self._attach()
        self.set_idle_ms(idle_ms)

    def _attach(self) -> None:
        handle = self._window.windowHandle() if self._window is not None else None
        if handle is not None and handle is not self._handle:
            if self._handle is not None:
                self._handle.removeEventFilter(self)
            handle.installEventFilter(self)
            self._handle = handle

    def set_idle_ms(self, ms: int) -> None:
        """0 turns the lock off."""
        self._timer.setInterval(max(0, ms))
        self.restart()

    def restart(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def pause(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind in (QEvent.Type.Show, QEvent.Type.WinIdChange):
            self._attach()
        elif kind in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False

    def cleanup(self) -> None:
        self._timer.stop()
        if self._handle is not None:
            self._handle.removeEventFilter(self)
            self._handle = None
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None


class LockView(QFrame):
    """What a locked window shows: the post, who is signed in, an operator choice and a PIN."""

    unlocked = Signal(str)  # the operator who unlocked

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.throttle = PinThrottle()
        self.setObjectName("lock_view")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#lock_view { background: #1f2a36; }"
            "#lock_panel { background: palette(window); border-radius: 8px; }"
            "#lock_title { font-size: 20pt; font-weight: bold; }"
        )
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel = QFrame(self)
        panel.setObjectName("lock_panel")
        panel.setMinimumWidth(360)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel(panel)
        self.title.setObjectName("lock_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.info = QLabel(panel)
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.info)
        form = QFormLayout()
        self.operator_label = QLabel(panel)
        self.operator = QComboBox(panel)
        self.pin_label = QLabel(panel)
        self.pin = pin_field(panel)
        self.operator_label.setBuddy(self.operator)
        self.pin_label.setBuddy(self.pin)
        form.addRow(self.operator_label, self.operator)
        form.addRow(self.pin_label, self.pin)
        layout.addLayout(form)
        self.error = QLabel(panel)
        self.error.setStyleSheet("color: #b00000;")
        layout.addWidget(self.error)
        self.unlock_button = QPushButton(panel)
        self.unlock_button.setDefault(True)
        layout.addWidget(self.unlock_button)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.pin.returnPressed.connect(self.try_unlock)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Screen locked"))
        cfg = self.session.config
        self.info.setText(labels.arg(
            self.tr("%1 — signed in: %2. Enter the PIN to continue, or choose another operator."),
            cfg.name, self.session.operator,
        ))
        self.operator_label.setText(self.tr("&Operator:"))
        self.pin_label.setText(self.tr("&PIN:"))
        self.unlock_button.setText(self.tr("Unlock"))

    def prepare(self) -> None:
        """Fresh for a new lock: the signed-in operator preselected, the PIN empty."""
        names = sorted(self.session.folder.operators())
        self.operator.clear()
        self.operator.addItems(names)
        self.operator.setCurrentText(self.session.operator)
        self.pin.clear()
        self.error.clear()
        self.retranslate()
        self.pin.setFocus()

    @Slot()
    def try_unlock(self) -> bool:
        if not self.pin.isEnabled():
            return False
        name = self.operator.currentText()
        if not self.session.folder.check_pin(name, self.pin.text()):
            self.pin.clear()
            wait = self.throttle.failed()
            self.error.setText(self.tr("Wrong PIN."))
            if wait:
                self.pin.setEnabled(False)
                self.unlock_button.setEnabled(False)
                QTimer.singleShot(wait, self, self._release)
            return False
        self.throttle.reset()
        self.unlocked.emit(name)
        return True

    def _release(self) -> None:
        self.pin.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.pin.setFocus()


class ScreenLock(QObject):
    """Locks ``window`` after idle time or on demand; unlocking needs an operator's PIN."""

    lockedChanged = Signal(bool)
    aboutToLock = Signal()  # the window is still as the person left it (save its layout now)

    def __init__(self, window: QMainWindow, session: Session, idle_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._locked = False
        self._hidden_floating: list[QDockWidget] = []
        self.view = LockView(session, window)
        self.view.hide()
        self.view.unlocked.connect(self._on_unlocked)
        self.watcher = IdleWatcher(idle_ms, window, self)
        self.watcher.idle.connect(self.lock)
        window.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self._locked

    def set_idle_ms(self, ms: int) -> None:
        self.watcher.set_idle_ms(ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self._locked:
            self.view.setGeometry(self.window.rect())
        return False

    @Slot()
    def lock(self) -> None:
        if self._locked:
            return
        self.aboutToLock.emit()
        self._locked = True
        self.watcher.pause()
        docks = self.window.findChildren(QDockWidget)
        self._hidden_floating = [d for d in docks if d.isFloating() and d.isVisible()]
        for dock in self._hidden_floating:
            dock.hide()
        for widget in self._behind():
            widget.setEnabled(False)
        self.view.setGeometry(self.window.rect())
        self.view.prepare()
        self.view.show()
        self.view.raise_()
        self.view.pin.setFocus()
        self.lockedChanged.emit(True)

    def _behind(self) -> list[QWidget]:
        window = self.window
        widgets: list[QWidget] = [*window.findChildren(QDockWidget), window.menuBar()]
        central = window.centralWidget()
        if central is not None:
            widgets.append(central)
        return widgets

    @Slot(str)
    def _on_unlocked(self, operator: str) -> None:
        self.session.set_operator(operator)
        self._locked = False
        self.view.hide()
        for widget in self._behind():
            widget.setEnabled(True)
        for dock in self._hidden_floating:
            dock.show()
        self._hidden_floating = []
        self.watcher.restart()
        self.lockedChanged.emit(False)

    def cleanup(self) -> None:
        self.watcher.cleanup()
        self.window.removeEventFilter(self)
