"""The reports & duty log dock: 信息报送 with each incident's current totals, and 值班日志, in two tabs.

Totals come from ``services.reports.incident_totals`` (each reporting post's latest report, never
a sum of every report), recomputed only when a report or an incident changed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.incident import STATUSES as INCIDENT_STATUSES
from app.services import reports as report_service
from app.store.apply import ApplyResult
from ui import labels
from ui.docks.base import ViewDock, fit_columns
from ui.models.duty_log import DutyLogModel
from ui.models.entity_table import EntityTableModel, SortRole
from ui.models.reports import FIGURE_COLUMNS, ReportTableModel
from ui.session import Session


def _table(parent: QWidget, model: EntityTableModel) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.setDynamicSortFilter(True)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class ReportsDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_reports", parent)
        self.session = session
        self.tabs = QTabWidget(self)

        reports_page = QWidget(self.tabs)
        layout = QVBoxLayout(reports_page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.totals = QLabel(reports_page)
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.totals)
        self.report_model = ReportTableModel(session, self)
        self.report_view, self.report_proxy = _table(reports_page, self.report_model)
        for column, key in enumerate(k for k, _ in self.report_model.COLUMNS):
            width = 44 if key in FIGURE_COLUMNS else {"time": 90, "kind": 50, "category": 50,
                                                      "incident": 120, "from": 150}.get(key)
            if width:
                self.report_view.setColumnWidth(column, width)
        layout.addWidget(self.report_view, 1)
        self.tabs.addTab(reports_page, "")

        self.log_model = DutyLogModel(session, self)
        self.log_view, self.log_proxy = _table(self.tabs, self.log_model)
        for column, width in enumerate((90, 70, 380, 60, 150)):
            self.log_view.setColumnWidth(column, width)
        self.tabs.addTab(self.log_view, "")

        self.setWidget(self.tabs)
        session.bridge.changed.connect(self._on_store_changed)
        self.retranslate()

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.report_model.cleanup()
        self.log_model.cleanup()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reports and duty log"))
        self.tabs.setTabText(0, self.tr("Reports"))
        self.tabs.setTabText(1, self.tr("Duty log"))
        self.report_model.retranslate()
        self.log_model.retranslate()
        keys = [k for k, _ in self.report_model.COLUMNS]
        fit_columns(self.report_view, [keys.index(k) for k in ("time", "kind", "category", *FIGURE_COLUMNS)])
        fit_columns(self.log_view, (0, 1, 3))  # time, category, written by
        self._show_totals()

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if any(etype in ("report", "incident") for etype, _ in result.changed):
            self._show_totals()

    def _show_totals(self) -> None:
        store = self.session.store
        lines = []
        for incident in store.entities("incident"):
            if incident.get("status") != INCIDENT_STATUSES[0]:  # closed incidents: not on the board
                continue
            totals = report_service.incident_totals(store, incident.eid)
            figures = [
                f"{labels.REPORT_FIGURE(name)} <b>{int(totals[name])}</b>"
                for name in (*FIGURE_COLUMNS, "houses_damaged") if totals.get(name)
            ]
            if totals.get("loss_10k_yuan"):
                figures.append(
                    f"{labels.REPORT_FIGURE('loss_10k_yuan')} <b>{totals['loss_10k_yuan']:g}</b>"
                )
            title = f"<b>{html.escape(self.session.names.incident(incident.eid))}</b>"
            level = labels.RESPONSE_LEVEL(incident.get("response_level"))
            if level:
                title = labels.arg(self.tr("%1 (%2)"), title, html.escape(level))
            body = self.tr("; ").join(figures) if figures else self.tr("no figures reported yet")
            lines.append(labels.arg(self.tr("%1: %2"), title, body))
        self.totals.setText("<br>".join(lines) if lines else self.tr("No open incident."))
        self.totals.setVisible(True)
