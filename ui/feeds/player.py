"""The video player: QtMultimedia (its bundled FFmpeg) for clips and live RTSP/HTTP sources.

A live source that drops (an error, or the stream ending) is opened again after a growing pause
(1, 2, 4 … 15 s) until it plays or the operator stops it; ``reconnects`` counts the attempts.
``current_frame()`` is the frame on screen, from the widget's QVideoSink: the snapshot button
turns it into a media item.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QWidget

BACKOFF_MS = (1000, 2000, 4000, 8000, 15000)


class VideoPlayer(QObject):
    liveStateChanged = Signal(str)  # playing | reconnecting | stopped

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = QVideoWidget(parent)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.widget)
        self.sink = self.widget.videoSink()
        self.live_url: str | None = None
        self.reconnects = 0
        self._attempt = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._reopen)
        self.player.errorOccurred.connect(self._on_error)
        self.player.mediaStatusChanged.connect(self._on_status)

    def play_file(self, path: str) -> None:
        self.stop()
        self.player.setSource(QUrl.fromLocalFile(path))
        self.player.play()

    def play_live(self, url: str) -> None:
        self.stop()
        self.live_url = url
        self._attempt = 0
        self._open_live()

    def stop(self) -> None:
        self.live_url = None
        self._retry.stop()
        self.player.stop()
        self.player.setSource(QUrl())
        self.liveStateChanged.emit("stopped")

    def current_frame(self) -> QImage:
        frame: QVideoFrame = self.sink.videoFrame()
        return frame.toImage() if frame.isValid() else QImage()

    def _open_live(self) -> None:
        assert self.live_url is not None
        self.player.setSource(QUrl())  # the same URL again would be ignored: clear it first
        self.player.setSource(QUrl(self.live_url))
        self.player.play()

    @Slot()
    def _reopen(self) -> None:
        if self.live_url:
            self.reconnects += 1
            self._open_live()

    def _drop(self) -> None:
        if self.live_url and not self._retry.isActive():
            self.player.stop()
            self._retry.start(BACKOFF_MS[min(self._attempt, len(BACKOFF_MS) - 1)])
            self._attempt += 1
            self.liveStateChanged.emit("reconnecting")

    @Slot(QMediaPlayer.Error, str)
    def _on_error(self, error: QMediaPlayer.Error, _text: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._drop()

    @Slot(QMediaPlayer.MediaStatus)
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self.live_url:
            return
        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._drop()
        elif status in (QMediaPlayer.MediaStatus.BufferedMedia, QMediaPlayer.MediaStatus.LoadedMedia):
            self._attempt = 0
            self.liveStateChanged.emit("playing")
