"""A QR code drawn module by module from ``segno``'s matrix: crisp at any size.

Each module is a whole number of pixels and the code keeps a quiet zone of four modules on every
side (what scanners need), dark on white whatever the window's theme. The picture is built once
per text as a one-pixel-per-module image and scaled without smoothing when painted.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules
MIN_PX = 220
MODULE_PX = 6  # preferred pixels per module


def qr_image(text: str, module_px: int = MODULE_PX, border: int = QUIET_ZONE) -> QImage:
    """The QR code of ``text`` as an image, ``module_px`` pixels per module (error correction M)."""
    code = segno.make(text, error="m", boost_error=False, micro=False)
    rows = list(code.matrix_iter(scale=1, border=border))
    n = len(rows)
    small = QImage(n, n, QImage.Format.Format_Grayscale8)
    small.fill(255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.setPixel(x, y, 0xFF000000)
    return small.scaled(n * module_px, n * module_px, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


class QrCodeView(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._modules: QImage | None = None  # one pixel per module, quiet zone included
        self.setMinimumSize(MIN_PX, MIN_PX)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text and self._modules is not None:
            return
        self._text = text
        self._modules = qr_image(text, module_px=1) if text else None
        self.setToolTip(text)
        self.setFixedSize(self.sizeHint())  # whole pixels per module, never squeezed
        self.update()

    def module_count(self) -> int:
        """Modules across, quiet zone included (0 without a text)."""
        return self._modules.width() if self._modules is not None else 0

    def sizeHint(self) -> QSize:
        n = self.module_count()
        side = max(MIN_PX, n * MODULE_PX)
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self._modules is not None:
            n = self._modules.width()
            scale = max(1, min(self.width(), self.height()) // n)
            side = n * scale
            target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, self._modules)
        painter.end()
