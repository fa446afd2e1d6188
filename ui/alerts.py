"""Escalation (告警升级): a red banner across the window and a sound when an order is not
acknowledged in time, a deadline passes, or a 首报/续报 is overdue.

``AlertMonitor`` polls the core's ``services.alerts.alerts(store, now)`` on a QTimer (time passes
without any change in the store) and soon after a change that can end or start an alert; the
clock is injected, so a test moves time instead of sleeping. The timer's polls read the store on
a worker thread (every task is read: with 100,000 that is seconds) and hand the result to the
GUI thread by a queued signal; ``poll()`` does it at once, on the calling thread. Each alert is known by
``(kind, eid)``: the sound plays only when a new one appears, not on every poll; the banner shows
them all, the most late first, and clicking one selects its task (``taskActivated``) or incident.

Sound: a short two-tone WAV made once in the temp folder, played by ``QSoundEffect``; where
QtMultimedia or a sound device is missing, ``QApplication.beep()``. ``sounded`` counts the times
the alarm went off (tests read it: nothing can be heard here).
"""

from __future__ import annotations

import html
import logging
import math
import struct
import tempfile
import wave
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolBar,
    QWidget,
)

from app.services import alerts as alert_service
from app.services.common import now_ms
from app.store.apply import ApplyResult
from ui import labels
from ui.docks.tasks import TasksDock
from ui.i18n import QT_TRANSLATE_NOOP
from ui.session import Session

log = logging.getLogger(__name__)

POLL_MS = 10_000
SHOWN = 4  # alerts named in the banner; the rest are counted
ALERT_RED = "#c62828"
WATCHED = frozenset({"task", "report", "incident"})

ALERT_KIND = labels.CodeTable("AlertKind", {
    "unacknowledged": QT_TRANSLATE_NOOP("AlertKind", "not acknowledged"),
    "overdue": QT_TRANSLATE_NOOP("AlertKind", "deadline passed"),
    "report_due": QT_TRANSLATE_NOOP("AlertKind", "report overdue"),
})
REPORT_DUE = labels.CodeTable("AlertReportKind", {
    "first": QT_TRANSLATE_NOOP("AlertReportKind", "first report overdue"),
    "followup": QT_TRANSLATE_NOOP("AlertReportKind", "follow-up report overdue"),
})


def alarm_wav() -> Path:
    """A half-second two-tone alarm (16-bit mono 22.05 kHz), written once."""
    path = Path(tempfile.gettempdir()) / "zhijiu-alarm.wav"
    if not path.is_file():
        rate, frames = 22050, bytearray()
        for i in range(rate // 2):
            freq = 880 if (i * 8 // rate) % 2 == 0 else 660
            frames += struct.pack("<h", int(12000 * math.sin(2 * math.pi * freq * i / rate)))
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(frames))
    return path


class AlarmSound(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sounded = 0
        self.muted = False
        self._effect = None
        try:
            from PySide6.QtMultimedia import QSoundEffect

            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(alarm_wav())))
            effect.setVolume(0.8)
            self._effect = effect
        except (ImportError, OSError) as exc:  # no QtMultimedia, or no temp folder: beep
            log.info("alarm sound unavailable (%s): the system beep is used", exc)

    def play(self) -> None:
        self.sounded += 1
        if self.muted:
            return
        effect = self._effect
        if effect is not None and effect.status() != effect.Status.Error:
            effect.play()
        else:
            QApplication.beep()


class AlertMonitor(QObject):
    alertsChanged = Signal(list)  # every current alert (services.alerts.Alert), most late first
    raised = Signal(list)  # the alerts that are new since the last poll
    _computed = Signal(list)  # from the worker thread, queued to the GUI thread

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 clock: Callable[[], int] = now_ms, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.current: list[alert_service.Alert] = []
        self._known: set[tuple[str, str]] = set()
        self.sound = AlarmSound(self)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zhijiu-alerts")
        self._busy = False
        self._again = False
        self._computed.connect(self._take, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll_in_background)
        self._soon = QTimer(self)  # after a burst of changes, poll once
        self._soon.setSingleShot(True)
        self._soon.setInterval(200)
        self._soon.timeout.connect(self.poll_in_background)
        session.bridge.changed.connect(self._on_store_changed)
        self.timer.start()

    def cleanup(self) -> None:
        self.timer.stop()
        self._soon.stop()
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self._pool.shutdown(wait=True, cancel_futures=True)

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if any(etype in WATCHED for etype, _ in result.changed) and not self._soon.isActive():
            self._soon.start()

    @Slot()
    def poll_in_background(self) -> None:
        """Compute the alerts on the worker thread; one at a time, the latest request wins."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        now, store = self.clock(), self.session.store

        def work() -> None:
            try:
                self._computed.emit(alert_service.alerts(store, now))
            except Exception:  # a store closing under us: the next poll tries again
                log.exception("computing alerts")
                self._computed.emit([None])

        self._pool.submit(work)

    @Slot(list)
    def _take(self, alerts: list[alert_service.Alert]) -> None:
        self._busy = False
        if alerts != [None]:
            self._publish(alerts)
        if self._again:
            self._again = False
            self.poll_in_background()

    @Slot()
    def poll(self) -> list[alert_service.Alert]:
        """Compute the alerts now, on this thread, and publish them."""
        alerts = alert_service.alerts(self.session.store, self.clock())
        self._publish(alerts)
        return alerts

    def _publish(self, alerts: list[alert_service.Alert]) -> None:
        keys = {(a.kind, a.eid) for a in alerts}
        new = [a for a in alerts if (a.kind, a.eid) not in self._known]
        changed = keys != {(a.kind, a.eid) for a in self.current}
        self.current, self._known = alerts, keys
        if changed:
            self.alertsChanged.emit(alerts)
        if new:
            self.sound.play()
            self.raised.emit(new)


def late_words(ms: int) -> str:
    minutes = max(int(-(-ms // 60_000)), 0)  # started minutes: 1 s late is 1 min
    if minutes < 60:
        return labels.arg(QCoreApplication.translate("AlertBanner", "%1 min"), minutes)
    return labels.arg(QCoreApplication.translate("AlertBanner", "%1 h %2 min"), minutes // 60, minutes % 60)


def alert_text(alert: alert_service.Alert) -> str:
    kind = REPORT_DUE(alert.report_kind) if alert.kind == "report_due" and alert.report_kind \
        else ALERT_KIND(alert.kind)
    return labels.arg(QCoreApplication.translate("AlertBanner", "%1 — %2, %3 late"),
                      alert.title, kind, late_words(alert.late_ms))


class AlertBanner(QWidget):
    """The red bar: how many alerts, the most late ones by name (links), and a mute button."""

    taskActivated = Signal(str)
    incidentActivated = Signal(str)

    def __init__(self, monitor: AlertMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert_banner")
        self.monitor = monitor
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the red of the style sheet
        self.setStyleSheet(f"#alert_banner {{ background: {ALERT_RED}; }} "
                           "#alert_banner QLabel { color: white; font-weight: bold; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setMaximumHeight(3 * self.text.fontMetrics().lineSpacing())  # the worst first; more in the tasks
        self.text.linkActivated.connect(self._on_link)
        self.mute_button = QPushButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self._on_mute)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.mute_button)
        monitor.alertsChanged.connect(self.show_alerts)
        self.retranslate()
        self.show_alerts(monitor.current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.mute_button.setText(self.tr("Sound on") if self.mute_button.isChecked() else self.tr("Mute"))
        self.show_alerts(self.monitor.current)

    @Slot(bool)
    def _on_mute(self, muted: bool) -> None:
        self.monitor.sound.muted = muted
        self.retranslate()

    @Slot(list)
    def show_alerts(self, alerts: list[alert_service.Alert]) -> None:
        if not alerts:  # the bar holding the banner hides itself (WindowAlerts)
            self.text.clear()
            return
        links = [f"<a style='color:white' href='{a.etype}:{a.eid}'>{html.escape(alert_text(a))}</a>"
                 for a in alerts[:SHOWN]]
        more = len(alerts) - SHOWN
        head = labels.arg(self.tr("⚠ %1 alerts:"), len(alerts))
        tail = labels.arg(self.tr("and %1 more"), more) if more > 0 else ""
        self.text.setText(f"{html.escape(head)} " + "；".join(links) + (f" {html.escape(tail)}" if tail else ""))

    @Slot(str)
    def _on_link(self, link: str) -> None:
        etype, _, eid = link.partition(":")
        (self.taskActivated if etype == "task" else self.incidentActivated).emit(eid)


class WindowAlerts(QObject):
    """The monitor and its banner in a bar of their own across the top of a main window; an
    alert clicked selects its task on the board."""

    def __init__(self, window: QMainWindow, session: Session, tasks_dock: TasksDock) -> None:
        super().__init__(window)
        self.monitor = AlertMonitor(session, self)
        self.banner = AlertBanner(self.monitor, window)
        self.bar = QToolBar(window)
        self.bar.setObjectName("alert_banner_bar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.bar.toggleViewAction().setVisible(False)  # not for the person to hide
        self.bar.setStyleSheet("QToolBar { border: 0; padding: 0; margin: 0; spacing: 0; }")
        self.bar.addWidget(self.banner)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.tasks_dock = tasks_dock
        self.monitor.alertsChanged.connect(self._show_bar)
        self.banner.taskActivated.connect(self.show_task)
        self.monitor.poll()
        self._show_bar(self.monitor.current)

    @Slot(list)
    def _show_bar(self, alerts: list[alert_service.Alert]) -> None:
        self.bar.setVisible(bool(alerts))

    @Slot(str)
    def show_task(self, eid: str) -> None:
        dock = self.tasks_dock
        dock.show()
        dock.raise_()
        if not dock.select_task(eid):  # hidden by a filter: show every task, then select it
            for combo in (dock.incident_filter, dock.status_filter, dock.assignee_filter, dock.mine_filter):
                combo.setCurrentIndex(0)
            dock.select_task(eid)

    def cleanup(self) -> None:
        self.monitor.cleanup()
