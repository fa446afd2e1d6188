"""One column of the kanban board: the board's filtered tasks in one status, as cards.

A ``QSortFilterProxyModel`` on top of the board's filter proxy, so a change reaches a card row by
row exactly as it reaches the table (no reset, the selection survives a sync burst). Column 0
shows a card's text: the title, then who it is for and the deadline.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.store.store import Entity
from ui.models.entity_table import EntityRole

Index = QModelIndex | QPersistentModelIndex
ASSIGNEE_COLUMN, DEADLINE_COLUMN = 3, 4  # in TaskTableModel.COLUMNS


class StatusColumnProxy(QSortFilterProxyModel):
    def __init__(self, status: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setDynamicSortFilter(True)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        entity: Entity | None = self.sourceModel().index(source_row, 0, source_parent).data(EntityRole)
        return entity is not None and entity.get("status") == self.status

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:
        return source_column == 0  # a list view shows column 0: the card

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return super().data(index, role)
        source = self.mapToSource(index)
        model = source.model()
        title = model.index(source.row(), 0).data()
        who = model.index(source.row(), ASSIGNEE_COLUMN).data()
        due = model.index(source.row(), DEADLINE_COLUMN).data()
        second = " · ".join(part for part in (who, due) if part)
        return f"{title}\n{second}" if second else title
