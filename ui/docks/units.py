"""The rescue teams dock (救援队伍): every team, its status and who commands it, with a quick filter."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.docks.base import ViewDock, fit_columns
from ui.models.entity_table import SortRole
from ui.models.units import UnitTableModel
from ui.session import Session


class UnitsDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_units", parent)
        self.session = session
        self.model = UnitTableModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setDynamicSortFilter(True)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(body)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        layout.addWidget(self.search)
        self.table = QTableView(body)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 120, 80, 50, 150, 80, 110)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Rescue teams"))
        self.search.setPlaceholderText(self.tr("Filter teams…"))
        self.model.retranslate()
        fit_columns(self.table, (1, 2, 3))  # type, status, people

    def cleanup(self) -> None:
        self.model.cleanup()
