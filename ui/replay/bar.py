"""The replay bar: enter/leave replay (复盘), play/pause, speed, and the time slider with marks
where orders went out (orange) and reports came in (blue); while the checkpoints are made on
the worker thread, their progress and a button that stops it (the slider stays usable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QWidget,
)

from ui import labels
from ui.replay.controller import SPEEDS, ReplayController

MARK_COLOURS = {"order": QColor("#ef6c00"), "report": QColor("#1565c0")}
SEEK_DELAY_MS = 60  # a dragged slider rebuilds at most this often


class MarkedSlider(QSlider):
    """A horizontal slider over seconds since the start, with coloured ticks at the marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.marks: list[tuple[int, str]] = []  # (slider value, kind)
        self.setMinimumHeight(28)

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        self.marks = marks
        self.update()

    def groove(self) -> QRect:
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderGroove, self
        )

    def x_of(self, value: int) -> int:
        g = self.groove()
        span = max(1, self.maximum() - self.minimum())
        handle = 10
        return g.left() + handle // 2 + round((value - self.minimum()) * (g.width() - handle) / span)

    def mark_positions(self) -> list[tuple[int, str]]:
        return [(self.x_of(v), kind) for v, kind in self.marks]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks:
            return
        p = QPainter(self)
        for x, kind in self.mark_positions():
            p.setPen(QPen(MARK_COLOURS.get(kind, QColor("gray")), 2))
            top = 1 if kind == "order" else self.height() - 7
            p.drawLine(x, top, x, top + 6)
        p.end()


class ReplayBar(QWidget):
    def __init__(self, controller: ReplayController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("replay_toggle")
        self.toggle.setCheckable(True)
        self.play_button = QToolButton(self)
        self.play_button.setObjectName("replay_play")
        self.speed = QComboBox(self)
        for s in SPEEDS:
            self.speed.addItem("", s)
        self.speed.setCurrentIndex(SPEEDS.index(controller.speed))
        self.slider = MarkedSlider(self)
        self.slider.setObjectName("replay_slider")
        self.time_label = QLabel(self)
        self.time_label.setMinimumWidth(150)
        self.build_progress = QProgressBar(self)  # the checkpoints the worker is making
        self.build_progress.setObjectName("replay_build_progress")
        self.build_progress.setMaximumWidth(160)
        self.build_progress.setTextVisible(True)
        self.build_progress.hide()
        self.build_stop = QToolButton(self)
        self.build_stop.setObjectName("replay_build_stop")
        self.build_stop.hide()
        for w in (self.toggle, self.play_button, self.speed):
            layout.addWidget(w)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.build_progress)
        layout.addWidget(self.build_stop)

        self._seek_timer = QTimer(self)
        self._seek_timer.setSingleShot(True)
        self._seek_timer.setInterval(SEEK_DELAY_MS)
        self._seek_timer.timeout.connect(self._seek_to_slider)
        self._syncing = False

        self.toggle.toggled.connect(self._on_toggled)
        self.play_button.clicked.connect(self._on_play_clicked)
        self.speed.currentIndexChanged.connect(
            lambda i: controller.set_speed(int(self.speed.itemData(i)))
        )
        self.slider.valueChanged.connect(self._on_slider_moved)
        controller.rangeChanged.connect(self._on_range_changed)
        controller.momentChanged.connect(self._on_moment)
        controller.activeChanged.connect(self._on_active)
        controller.playingChanged.connect(lambda _p: self.retranslate())
        controller.buildProgress.connect(self._on_build_progress)
        controller.buildFinished.connect(self._on_build_finished)
        self.build_stop.clicked.connect(controller.stop_build)
        self._on_active(controller.active)
        self.retranslate()

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Back to live") if self.controller.active
                            else self.tr("Replay"))
        self.toggle.setToolTip(self.tr("Review the incident as it was at any moment"))
        self.play_button.setText(self.tr("Pause") if self.controller.playing
                                 else self.tr("Play"))
        for i, s in enumerate(SPEEDS):
            self.speed.setItemText(i, labels.arg(self.tr("%1×"), s))
        self.slider.setToolTip(self.tr("Orange ticks: orders issued. Blue ticks: reports received."))
        self.build_progress.setFormat(self.tr("Indexing %p%"))
        self.build_progress.setToolTip(self.tr(
            "Making the replay index: until it is done, a jump takes longer"))
        self.build_stop.setText(self.tr("Stop"))
        self.build_stop.setToolTip(self.tr("Stop making the replay index (jumps stay correct, only slower)"))
        self._show_time()

    # ------------------------------------------------------------------ reacting

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        if on and not self.controller.active:
            self.controller.enter()
        elif not on and self.controller.active:
            self.controller.leave()

    @Slot()
    def _on_play_clicked(self) -> None:
        if self.controller.playing:
            self.controller.pause()
        else:
            self.controller.play()

    @Slot(bool)
    def _on_active(self, active: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(active)
        self.toggle.blockSignals(False)
        self.slider.setEnabled(active)
        self.speed.setEnabled(True)
        self.retranslate()

    @Slot(int, int)
    def _on_build_progress(self, made: int, total: int) -> None:
        self.build_progress.setRange(0, total)  # 0, 0: busy, the amount not known yet
        self.build_progress.setValue(made)
        self.build_progress.show()
        self.build_stop.show()

    @Slot(bool)
    def _on_build_finished(self, _done: bool) -> None:
        self.build_progress.hide()
        self.build_stop.hide()

    @Slot()
    def _on_range_changed(self) -> None:
        c = self.controller
        self._syncing = True
        self.slider.setRange(0, max(0, (c.end_ms - c.start_ms) // 1000))
        self._syncing = False
        self.slider.set_marks([((ms - c.start_ms) // 1000, kind) for ms, kind in c.marks])

    @Slot(object)
    def _on_moment(self, _moment: object) -> None:
        c = self.controller
        self._syncing = True
        self.slider.setValue((c.at_ms - c.start_ms) // 1000 if c.active else self.slider.maximum())
        self._syncing = False
        self._show_time()

    @Slot(int)
    def _on_slider_moved(self, _value: int) -> None:
        if not self._syncing and self.controller.active:
            self._seek_timer.start()

    @Slot()
    def _seek_to_slider(self) -> None:
        c = self.controller
        c.seek(c.start_ms + self.slider.value() * 1000)

    def _show_time(self) -> None:
        c = self.controller
        if c.active:
            self.time_label.setText(labels.local_time(c.at_ms, seconds=True))
        else:
            self.time_label.setText(QCoreApplication.translate("ReplayBar", "Live"))
