"""The units & supplies dock (救援队伍与物资): three tabs.

* Teams: every team with type, people, status, equipment, position and who commands it, with a
  quick filter (a row-by-row model over the store).
* Depots: each depot's stock, the sum of its append-only movements (two posts drawing at once
  both count), and the 调拨 form — a task that moves the stock when it is done.
* Shelters: capacity, occupancy (also a sum of movements) and room left; nearly full ones stand out.

Depots and shelters are few; their tabs are recomputed from ``services.supplies`` when a stock
or occupancy movement or a map feature changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import supplies
from app.services import tasks as task_service
from app.store.apply import ApplyResult
from app.store.store import Refused
from ui import labels
from ui.docks.base import ViewDock, fit_columns
from ui.forms.allocation import AllocationDialog, AllocationForm
from ui.models.entity_table import SortRole, select_row, selected_entity_ids
from ui.models.units import UnitTableModel
from ui.reasons import show_refused
from ui.session import Session

NEARLY_FULL = 0.9  # of capacity
FULL_BACKGROUND = QColor(255, 214, 214)
SUPPLY_TYPES = frozenset({"stock", "occupancy", "feature"})


class UnitsDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_units", parent)
        self.session = session
        self.last_message: QMessageBox | None = None
        self.allocation_dialog: AllocationDialog | None = None
        self.moment: Any = None  # replay (复盘): the Moment shown, read-only; None: live
        self.model = UnitTableModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setDynamicSortFilter(True)
        self.tabs = QTabWidget(self)

        body = QWidget(self.tabs)
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
        self.tabs.addTab(body, "")

        depot_page = QWidget(self.tabs)
        depot_layout = QVBoxLayout(depot_page)
        depot_layout.setContentsMargins(4, 4, 4, 4)
        self.depot_tree = QTreeWidget(depot_page)
        self.depot_tree.setColumnCount(2)
        self.depot_tree.setRootIsDecorated(True)
        self.depot_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        depot_layout.addWidget(self.depot_tree, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.allocate_button = QPushButton(depot_page)
        self.allocate_button.setObjectName("allocate")
        self.allocate_button.clicked.connect(lambda: self.open_allocation_form())
        row.addWidget(self.allocate_button)
        depot_layout.addLayout(row)
        self.tabs.addTab(depot_page, "")

        self.shelter_table = QTableWidget(0, 4, self.tabs)
        self.shelter_table.verticalHeader().setVisible(False)
        self.shelter_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shelter_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.shelter_table, "")

        self.setWidget(self.tabs)
        session.bridge.changed.connect(self._on_store_changed)
        self.retranslate()

    def selected_id(self) -> str | None:
        ids = selected_entity_ids(self.table)
        return ids[0] if ids else None

    def select_unit(self, eid: str) -> bool:
        return select_row(self.table, self.model, eid)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Teams and supplies"))
        self.tabs.setTabText(0, self.tr("Teams"))
        self.tabs.setTabText(1, self.tr("Depots"))
        self.tabs.setTabText(2, self.tr("Shelters"))
        self.search.setPlaceholderText(self.tr("Filter teams…"))
        self.allocate_button.setText(self.tr("Allocate (调拨)…"))
        self.depot_tree.setHeaderLabels([self.tr("Depot / item"), self.tr("In stock")])
        self.shelter_table.setHorizontalHeaderLabels(
            [self.tr("Shelter"), self.tr("Capacity"), self.tr("Occupancy"), self.tr("Room left")])
        self.model.retranslate()
        fit_columns(self.table, (1, 2, 3))  # type, status, people
        self.refresh_supplies()

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.model.cleanup()
        if self.allocation_dialog is not None:
            self.allocation_dialog.close()

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): teams, stock and shelters as they were at ``moment``; None: live."""
        self.moment = moment
        self.model.show_moment(moment)
        self.refresh_supplies()

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if self.moment is None and any(etype in SUPPLY_TYPES for etype, _ in result.changed):
            self.refresh_supplies()

    def refresh_supplies(self) -> None:
        store = self.moment if self.moment is not None else self.session.store
        expanded = {self.depot_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                    for i in range(self.depot_tree.topLevelItemCount())
                    if self.depot_tree.topLevelItem(i).isExpanded()}
        self.depot_tree.clear()
        for eid, name, levels in supplies.depots(store):
            top = QTreeWidgetItem([name, labels.arg(self.tr("%1 items"), len(levels))])
            top.setData(0, Qt.ItemDataRole.UserRole, eid)
            for item, qty in levels.items():
                child = QTreeWidgetItem([item, f"{qty:g}"])
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                top.addChild(child)
            self.depot_tree.addTopLevelItem(top)
            top.setExpanded(eid in expanded or len(expanded) == 0)
        shelters = supplies.shelters(store)
        self.shelter_table.setRowCount(len(shelters))
        for r, s in enumerate(shelters):
            cells = [s.name, "" if s.capacity is None else str(s.capacity), str(s.occupancy),
                     "" if s.free is None else str(s.free)]
            full = s.capacity is not None and s.capacity > 0 and s.occupancy >= NEARLY_FULL * s.capacity
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if full:
                    item.setBackground(QBrush(FULL_BACKGROUND))
                self.shelter_table.setItem(r, c, item)

    def stock_shown(self) -> dict[str, dict[str, str]]:
        """Depot name → item → quantity as the Depots tab shows them (tests read it)."""
        out: dict[str, dict[str, str]] = {}
        for i in range(self.depot_tree.topLevelItemCount()):
            top = self.depot_tree.topLevelItem(i)
            out[top.text(0)] = {top.child(j).text(0): top.child(j).text(1) for j in range(top.childCount())}
        return out

    # ------------------------------------------------------------------ 调拨

    def open_allocation_form(self, from_depot: str | None = None) -> AllocationDialog:
        if self.allocation_dialog is not None:
            self.allocation_dialog.close()
        selected = self.depot_tree.currentItem()
        while selected is not None and selected.parent() is not None:
            selected = selected.parent()
        if from_depot is None and selected is not None:
            from_depot = selected.data(0, Qt.ItemDataRole.UserRole)
        dialog = AllocationDialog(self.session, self, from_depot=from_depot)
        dialog.accepted.connect(lambda: dialog.result_form and self.allocate(dialog.result_form))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.allocation_dialog = dialog
        return dialog

    def allocate(self, form: AllocationForm) -> str | None:
        try:
            return task_service.issue_allocation(
                self.session.store, self.session.operator, title=form.title,
                assignee=form.assignee, assignee_kind=form.assignee_kind,
                from_depot=form.from_depot, to_depot=form.to_depot, items=form.items,
                incident_id=form.incident_id, priority=form.priority, deadline=form.deadline,
            )
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
