"""The kanban view of the task board: one column of cards per status, over the board's filter.

Every column is a ``StatusColumnProxy`` on the same filter proxy as the table, so filters apply
to both views alike and a remote change moves one card, not the whole board. Selecting cards in
any column is the board's selection (bulk actions act on it).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.domain import task as task_rules
from app.store.store import Entity
from ui import labels
from ui.models.entity_table import EntityRole
from ui.models.kanban import StatusColumnProxy

COLUMN_COLORS = {
    "issued": "#5b6b7f", "acknowledged": "#1f6fb2", "in_progress": "#c77c02",
    "done": "#2e7d32", "failed": "#8e2424", "cancelled": "#777777",
}


class KanbanBoard(QWidget):
    selectionChanged = Signal()

    def __init__(self, source: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.proxies: dict[str, StatusColumnProxy] = {}
        self.views: dict[str, QListView] = {}
        self.headers: dict[str, QLabel] = {}
        for status in task_rules.STATUSES:
            column = QFrame(self)
            column.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(column)
            box.setContentsMargins(2, 2, 2, 2)
            header = QLabel(column)
            header.setStyleSheet(
                f"background: {COLUMN_COLORS[status]}; color: white; font-weight: bold; padding: 3px;"
            )
            proxy = StatusColumnProxy(status, self)
            proxy.setSourceModel(source)  # in the board's order (the task model keeps it)
            view = QListView(column)
            view.setObjectName(f"kanban_{status}")
            view.setModel(proxy)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(True)
            view.setSpacing(2)
            view.setUniformItemSizes(True)  # cheap layout for thousands of cards
            view.setAlternatingRowColors(True)
            view.selectionModel().selectionChanged.connect(lambda *_a, s=status: self._on_selected(s))
            for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
                signal.connect(self._update_headers)
            box.addWidget(header)
            box.addWidget(view, 1)
            layout.addWidget(column, 1)
            self.proxies[status], self.views[status], self.headers[status] = proxy, view, header
        self._update_headers()

    @Slot()
    def _update_headers(self, *_: object) -> None:
        for status, header in self.headers.items():
            header.setText(labels.arg(
                QCoreApplication.translate("KanbanBoard", "%1 (%2)"),
                labels.TASK_STATUS(status), self.proxies[status].rowCount(),
            ))

    def retranslate(self) -> None:
        self._update_headers()

    def _on_selected(self, status: str) -> None:
        """A selection in one column clears the others: the board has one selection."""
        view = self.views[status]
        if view.selectionModel().hasSelection():
            for other, v in self.views.items():
                if other != status and v.selectionModel().hasSelection():
                    v.selectionModel().blockSignals(True)
                    v.clearSelection()
                    v.selectionModel().blockSignals(False)
                    v.viewport().update()
        self.selectionChanged.emit()

    def selected_ids(self) -> list[str]:
        ids: list[str] = []
        for view in self.views.values():
            for index in view.selectionModel().selectedIndexes():
                entity: Entity | None = index.data(EntityRole)
                if entity is not None:
                    ids.append(entity.eid)
        return ids

    def select(self, eid: str) -> bool:
        for view in self.views.values():
            proxy = view.model()
            for row in range(proxy.rowCount()):
                index = proxy.index(row, 0)
                entity: Entity | None = index.data(EntityRole)
                if entity is not None and entity.eid == eid:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    return True
        return False

    def card_texts(self, status: str) -> list[str]:
        proxy = self.proxies[status]
        return [str(proxy.index(r, 0).data()) for r in range(proxy.rowCount())]
