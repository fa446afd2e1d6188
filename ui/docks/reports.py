"""The reports & duty log dock: 信息报送 with each incident's current totals and the report form
(首报 / 续报 / 终报); 值班日志 with new entries and the shift handover (值班交接); and messages
between posts with their delivered / read receipts — three tabs.

Totals come from ``services.reports.incident_totals`` (each reporting post's latest report, never
a sum of every report), recomputed only when a report or an incident changed. Messages to this
post get their "delivered" receipt as soon as they are here, and "read" when selected.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.incident import STATUSES as INCIDENT_STATUSES
from app.services import duty
from app.services import reports as report_service
from app.store.apply import ApplyResult
from app.store.store import Refused
from ui import labels
from ui.docks.base import ViewDock, fit_columns
from ui.forms.report import ReportDialog, ReportForm
from ui.media import attach_photos, show_unreadable
from ui.models.duty_log import DutyLogModel
from ui.models.entity_table import EntityRole, EntityTableModel, SortRole
from ui.models.messages import MessageTableModel
from ui.models.reports import FIGURE_COLUMNS, ReportTableModel
from ui.reasons import show_refused
from ui.session import Session
from ui.sitrep_export import SitrepExporter


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
    pickOnMapRequested = Signal()  # the report form wants a click on the map

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_reports", parent)
        self.session = session
        self.last_message: QMessageBox | None = None
        self.report_dialog: ReportDialog | None = None
        self.map_view: object | None = None  # a MapDock, for the report's map snapshot (lead wires it)
        self.exporter: SitrepExporter | None = None
        self.export_progress: QProgressDialog | None = None
        self.moment: Any = None  # replay (复盘): the Moment shown, read-only; None: live
        self.tabs = QTabWidget(self)

        reports_page = QWidget(self.tabs)
        layout = QVBoxLayout(reports_page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.totals = QLabel(reports_page)
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(self.totals, 1)
        self.report_button = QPushButton(reports_page)
        self.report_button.setObjectName("file_report")
        self.report_button.clicked.connect(lambda: self.open_report_form())
        top.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        self.sitrep_button = QPushButton(reports_page)
        self.sitrep_button.setObjectName("export_sitrep")
        self.sitrep_button.clicked.connect(lambda: self.export_sitrep())
        top.addWidget(self.sitrep_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.report_model = ReportTableModel(session, self)
        self.report_view, self.report_proxy = _table(reports_page, self.report_model)
        for column, key in enumerate(k for k, _ in self.report_model.COLUMNS):
            width = 44 if key in FIGURE_COLUMNS else {"time": 90, "kind": 50, "category": 50,
                                                      "incident": 120, "from": 150}.get(key)
            if width:
                self.report_view.setColumnWidth(column, width)
        layout.addWidget(self.report_view, 1)
        self.tabs.addTab(reports_page, "")

        log_page = QWidget(self.tabs)
        log_layout = QVBoxLayout(log_page)
        log_layout.setContentsMargins(4, 4, 4, 4)
        self.log_model = DutyLogModel(session, self)
        self.log_view, self.log_proxy = _table(log_page, self.log_model)
        for column, width in enumerate((90, 70, 380, 60, 150)):
            self.log_view.setColumnWidth(column, width)
        log_layout.addWidget(self.log_view, 1)
        entry = QHBoxLayout()
        self.log_edit = QLineEdit(log_page)
        self.log_edit.returnPressed.connect(lambda: self.add_log_entry())
        self.log_button = QPushButton(log_page)
        self.log_button.clicked.connect(lambda: self.add_log_entry())
        self.handover_button = QPushButton(log_page)
        self.handover_button.setObjectName("handover")
        self.handover_button.clicked.connect(self._ask_handover)
        entry.addWidget(self.log_edit, 1)
        entry.addWidget(self.log_button)
        entry.addWidget(self.handover_button)
        log_layout.addLayout(entry)
        self.tabs.addTab(log_page, "")

        message_page = QWidget(self.tabs)
        message_layout = QVBoxLayout(message_page)
        message_layout.setContentsMargins(4, 4, 4, 4)
        self.message_model = MessageTableModel(session, self)
        self.message_view, self.message_proxy = _table(message_page, self.message_model)
        for column, width in enumerate((90, 170, 150, 220)):  # the receipt (last) stays in sight
            self.message_view.setColumnWidth(column, width)
        self.message_view.selectionModel().selectionChanged.connect(self._on_message_selected)
        message_layout.addWidget(self.message_view, 1)
        compose = QHBoxLayout()
        self.message_to = QComboBox(message_page)
        self.message_edit = QLineEdit(message_page)
        self.message_edit.returnPressed.connect(lambda: self.send_message())
        self.message_button = QPushButton(message_page)
        self.message_button.clicked.connect(lambda: self.send_message())
        compose.addWidget(self.message_to)
        compose.addWidget(self.message_edit, 1)
        compose.addWidget(self.message_button)
        message_layout.addLayout(compose)
        self.tabs.addTab(message_page, "")

        self.setWidget(self.tabs)
        session.bridge.changed.connect(self._on_store_changed)
        self.retranslate()

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.report_model.cleanup()
        self.log_model.cleanup()
        self.message_model.cleanup()
        if self.report_dialog is not None:
            self.report_dialog.close()
        if self.export_progress is not None:
            self.export_progress.close()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reports and duty log"))
        self.tabs.setTabText(0, self.tr("Reports"))
        self.tabs.setTabText(1, self.tr("Duty log"))
        self.tabs.setTabText(2, self.tr("Messages"))
        self.report_button.setText(self.tr("File report…"))
        self.sitrep_button.setText(self.tr("Situation report (PDF)…"))
        self.log_edit.setPlaceholderText(self.tr("New duty-log entry…"))
        self.log_button.setText(self.tr("Add entry"))
        self.handover_button.setText(self.tr("Hand over shift…"))
        self.message_edit.setPlaceholderText(self.tr("Short message…"))
        self.message_button.setText(self.tr("Send"))
        self._fill_recipients()
        self.report_model.retranslate()
        self.log_model.retranslate()
        self.message_model.retranslate()
        keys = [k for k, _ in self.report_model.COLUMNS]
        fit_columns(self.report_view, [keys.index(k) for k in ("time", "kind", "category", *FIGURE_COLUMNS)])
        fit_columns(self.log_view, (0, 1, 3))  # time, category, written by
        self._show_totals()

    def show_moment(self, moment: Any | None) -> None:
        """Replay (复盘): the reports, totals, log and messages as they were at ``moment``;
        None: live again (what changed meanwhile is read then)."""
        self.moment = moment
        for model in (self.report_model, self.log_model, self.message_model):
            model.show_moment(moment)
        self._show_totals()

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        etypes = {etype for etype, _ in result.changed}
        if etypes & {"report", "incident"} and self.moment is None:
            self._show_totals()
        if "post" in etypes:
            self._fill_recipients()
        if "message" in etypes:
            self._deliver_receipts()

    def _deliver_receipts(self) -> None:
        """Messages to this post are here: say so to their senders (once each)."""
        with contextlib.suppress(Refused):  # a revoked post writes no receipts: nothing to say
            duty.mark_delivered(self.session.store, self.session.operator)

    # ------------------------------------------------------------------ reports

    def open_report_form(self, incident_id: str | None = None) -> ReportDialog:
        if self.report_dialog is not None:
            self.report_dialog.close()
        if self.export_progress is not None:
            self.export_progress.close()
        dialog = ReportDialog(self.session, self, incident_id=incident_id)
        dialog.pickOnMapRequested.connect(self.pickOnMapRequested)
        dialog.accepted.connect(lambda: dialog.result_form and self.file_report(dialog.result_form))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.report_dialog = dialog
        return dialog

    @Slot(float, float)
    def set_picked_location(self, lon: float, lat: float) -> None:
        if self.report_dialog is not None and self.report_dialog.isVisible():
            self.report_dialog.set_location(lon, lat)

    def file_report(self, form: ReportForm) -> str | None:
        try:
            media = attach_photos(self.session, form.photos, incident_id=form.incident_id)
            fields = dict(form.figures)  # zeros too: a figure back to 0 is news, not a carry-over
            return report_service.file_report(
                self.session.store, self.session.operator, incident_id=form.incident_id,
                kind=form.kind, category=form.category, text=form.text, geom=form.geom,
                media=media or None, **fields)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
        except OSError as exc:  # a photo that cannot be read: said in words, nothing filed
            self.last_message = show_unreadable(self, exc, self.tr("The report was not filed."))
        return None

    # ------------------------------------------------------------------ situation report

    def export_sitrep(self, incident_id: str | None = None, out_dir: Path | None = None) -> SitrepExporter | None:
        """Export the incident's situation report as PDF and HTML, with a progress dialog."""
        store = self.session.store
        if incident_id is None:
            open_ = [e for e in sorted(store.entities("incident"), key=lambda e: -e.created_hlc)
                     if e.get("status") == "open"]
            if not open_:
                return None
            incident_id = open_[0].eid
            if len(open_) > 1:
                names = [self.session.names.incident(e.eid) for e in open_]
                name, ok = QInputDialog.getItem(self, self.tr("Situation report"),
                                                self.tr("Incident:"), names, 0, False)
                if not ok:
                    return None
                incident_id = open_[names.index(name)].eid
        if out_dir is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Save the situation report in"), str(self.session.folder.path))
            if not chosen:
                return None
            out_dir = Path(chosen)
        if self.exporter is not None and self.exporter.running:
            return self.exporter
        exporter = SitrepExporter(self.session, self, map_view=self.map_view)
        progress = QProgressDialog(self.tr("Exporting the situation report…"), "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        words = {"map": self.tr("Taking the map snapshot…"), "html": self.tr("Writing the report…"),
                 "layout": self.tr("Laying out the pages…"), "pdf": self.tr("Printing the PDF…"),
                 "done": self.tr("Done.")}
        exporter.progress.connect(lambda p, step: (progress.setValue(p), progress.setLabelText(words[step])))
        exporter.finished.connect(lambda pdf, html_path: self._on_exported(progress, pdf, html_path))
        exporter.failed.connect(lambda reason: self._on_export_failed(progress, reason))
        self.exporter, self.export_progress = exporter, progress
        progress.show()
        exporter.export(incident_id, out_dir)
        return exporter

    def _on_exported(self, progress: QProgressDialog, pdf: str, html_path: str) -> None:
        progress.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Situation report"),
                          labels.arg(self.tr("Written:\n%1\n%2"), pdf, html_path),
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box

    def _on_export_failed(self, progress: QProgressDialog, reason: str) -> None:
        progress.close()
        self.last_message = show_refused(self, reason)

    # ------------------------------------------------------------------ duty log

    def add_log_entry(self, text: str | None = None) -> bool:
        text = (self.log_edit.text() if text is None else text).strip()
        if not text:
            return False
        try:
            duty.log_entry(self.session.store, self.session.operator, text[:8000])
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        self.log_edit.clear()
        return True

    @Slot()
    def _ask_handover(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Hand over shift"),
            self.tr("The summary of what is open is written to the duty log.\nHanded over to:"))
        if ok:
            self.hand_over(name.strip() or None)

    def hand_over(self, to_operator: str | None) -> str | None:
        """Write the handover summary (值班交接) for the next shift; the entry's id."""
        try:
            return duty.handover(self.session.store, self.session.operator, to_operator=to_operator)
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None

    # ------------------------------------------------------------------ messages

    def _fill_recipients(self) -> None:
        current = self.message_to.currentData()
        self.message_to.clear()
        for post in sorted(self.session.store.entities("post"), key=lambda e: str(e.get("name", ""))):
            if post.eid != self.session.post_id and not post.get("revoked"):
                self.message_to.addItem(self.session.names.post(post.eid), post.eid)
        if current is not None:
            self.message_to.setCurrentIndex(max(self.message_to.findData(current), 0))

    def send_message(self, to_post: str | None = None, text: str | None = None) -> str | None:
        to_post = self.message_to.currentData() if to_post is None else to_post
        text = (self.message_edit.text() if text is None else text).strip()
        if not to_post or not text:
            return None
        try:
            mid = duty.send_message(self.session.store, self.session.operator, to_post, text[:4000])
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return None
        self.message_edit.clear()
        return mid

    @Slot()
    def _on_message_selected(self, *_: object) -> None:
        for index in self.message_view.selectionModel().selectedRows():
            message = index.data(EntityRole)
            if message is not None and self.message_model.incoming(message) \
                    and self.message_model.receipts(message.eid)["read"] is None:
                try:
                    duty.mark_read(self.session.store, self.session.operator, message.eid)
                except Refused as exc:
                    self.last_message = show_refused(self, str(exc))

    def _show_totals(self) -> None:
        store = self.moment if self.moment is not None else self.session.store
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
