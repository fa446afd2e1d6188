"""Exporting the map view: a PNG of exactly what is on screen, or a PDF page around it.

The page is first put in print mode (``Zhijiu.print``: title, north arrow, coordinate grid, the
legend open, the scale bar it always has, the tool buttons hidden); once it says it has painted
that, the view is grabbed (``QWidget.grab`` renders QtWebEngine offscreen too), print mode is
left, and the image is written. The PDF is one landscape A4 page with the image fitted on it,
so what is printed is what was seen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter


def save_png(image: QImage, path: Path | str) -> bool:
    return bool(image.save(str(path), "PNG"))  # a str at run time, whatever the stub says


def save_pdf(image: QImage, path: Path | str, title: str, resolution: int = 200) -> bool:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Zhijiu 智救指挥所")
    writer.setResolution(resolution)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(8, 8, 8, 8), QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        return False
    try:
        page = QRectF(painter.viewport())
        size = QSizeF(image.size()).scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(page.x() + (page.width() - size.width()) / 2,
                        page.y() + (page.height() - size.height()) / 2, size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
    finally:
        painter.end()
    return Path(path).is_file()
