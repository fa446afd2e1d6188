"""The picture viewer: the best picture held here (full, else preview, else thumbnail), zoomed
with the wheel, the +/- buttons or "fit"; drag to pan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

STEP = 1.25


class ImageViewer(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.black)
        self.zoom = 1.0
        self._fit = True

    def show_file(self, path: str | None) -> bool:
        pix = QPixmap(path) if path else QPixmap()
        self.item.setPixmap(pix)
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit()
        return not pix.isNull()

    def fit(self) -> None:
        self._fit = True
        self.resetTransform()
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self._fit = False
        self.zoom = max(0.02, min(32.0, self.zoom * factor))
        self.resetTransform()
        self.scale(self.zoom, self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(STEP if event.angleDelta().y() > 0 else 1 / STEP)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fit:
            self.fit()
