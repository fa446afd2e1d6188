"""Import and export from the window, through the plugins' importers and exporters, and the CSV
column-mapping dialog (which column is the longitude, the name, the type …).

An import runs on a worker thread with a progress dialog (the window stays usable), then says
what it took and lists what it skipped, with the line or element at fault; it never stops at the
first bad row. The column mapping starts from what the header suggests
(经度, 纬度, 名称 …) and shows the first rows so a person can check it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.plugin_host import PluginError
from app.services.interop import ImportReport
from plugins.api import InputError
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.plugins.import_job import ImportJob
from ui.plugins.service import PluginService

PREVIEW_ROWS = 6
TARGET_WORDS = {
    "id": QT_TRANSLATE_NOOP("CsvMappingDialog", "Id (keeps re-imports from duplicating)"),
    "name": QT_TRANSLATE_NOOP("CsvMappingDialog", "Name"),
    "lon": QT_TRANSLATE_NOOP("CsvMappingDialog", "Longitude"),
    "lat": QT_TRANSLATE_NOOP("CsvMappingDialog", "Latitude"),
    "entity": QT_TRANSLATE_NOOP("CsvMappingDialog", "Kind of row (column)"),
    "symbol": QT_TRANSLATE_NOOP("CsvMappingDialog", "Symbol"),
    "type": QT_TRANSLATE_NOOP("CsvMappingDialog", "Team type"),
    "status": QT_TRANSLATE_NOOP("CsvMappingDialog", "Team status"),
    "level": QT_TRANSLATE_NOOP("CsvMappingDialog", "Level"),
    "capacity": QT_TRANSLATE_NOOP("CsvMappingDialog", "Capacity"),
    "headcount": QT_TRANSLATE_NOOP("CsvMappingDialog", "Headcount"),
    "callsign": QT_TRANSLATE_NOOP("CsvMappingDialog", "Call sign"),
    "note": QT_TRANSLATE_NOOP("CsvMappingDialog", "Note"),
    "geometry": QT_TRANSLATE_NOOP("CsvMappingDialog", "Geometry (GeoJSON)"),
}
KIND_WORDS = {
    "feature": QT_TRANSLATE_NOOP("CsvMappingDialog", "Plotted features"),
    "unit": QT_TRANSLATE_NOOP("CsvMappingDialog", "Rescue teams"),
    "shelter": QT_TRANSLATE_NOOP("CsvMappingDialog", "Shelters"),
    "depot": QT_TRANSLATE_NOOP("CsvMappingDialog", "Supply depots"),
}


class CsvMappingDialog(QDialog):
    def __init__(self, header: list[str], rows: list[list[str]], mapping: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from plugins.formats.csv_io import ENTITIES, TARGETS

        self.setObjectName("csv_mapping")
        self.header = header
        self.entities = ENTITIES
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind_label = QLabel(self)
        form.addRow(self.kind_label, self.kind)
        self.combos: dict[str, QComboBox] = {}
        self.combo_labels: dict[str, QLabel] = {}
        for target in TARGETS:
            combo = QComboBox(self)
            combo.addItem("", None)
            for h in header:
                combo.addItem(h, h)
            if target in mapping.columns:
                combo.setCurrentIndex(combo.findData(mapping.columns[target]))
            self.combos[target] = combo
            self.combo_labels[target] = QLabel(self)
            form.addRow(self.combo_labels[target], combo)
        layout.addLayout(form)
        self.preview = QTableWidget(min(len(rows), PREVIEW_ROWS), len(header), self)
        self.preview.setHorizontalHeaderLabels(header)
        for r, row in enumerate(rows[:PREVIEW_ROWS]):
            for c, value in enumerate(row[: len(header)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        layout.addWidget(self.preview, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._initial_kind = mapping.entity
        self.resize(720, 720)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("CSV columns"))
        self.intro.setText(self.tr(
            "Say which column holds what. Columns left unassigned are kept with each item as its "
            "own properties. The first rows of the file are shown below."))
        self.kind_label.setText(self.tr("Rows are"))
        current = self.kind.currentData() or self._initial_kind
        self.kind.clear()
        for code in self.entities:
            self.kind.addItem(self.tr(KIND_WORDS[code]), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        for target, label in self.combo_labels.items():
            label.setText(self.tr(TARGET_WORDS[target]))

    def mapping(self) -> Any:
        from plugins.formats.csv_io import ColumnMapping

        columns = {t: str(c.currentData()) for t, c in self.combos.items() if c.currentData()}
        return ColumnMapping(columns, str(self.kind.currentData()))


class Transfer(QWidget):
    """Import and export actions (a widget only for ``tr`` and as the dialogs' parent). An import
    runs on a worker thread (``ImportJob``) behind a progress dialog that does not block the
    window; it ends with ``importFinished`` (the report) or ``importFailed`` (the message)."""

    importFinished = Signal(object)  # the ImportReport
    importFailed = Signal(str)  # what the person was told

    def __init__(self, service: PluginService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.hide()
        self.last_report: ImportReport | None = None
        self.last_message: QMessageBox | None = None
        self.job: ImportJob | None = None  # the import running now
        self.progress: QProgressDialog | None = None
        self._jobs: list[ImportJob] = []  # started and not yet finished (waited for at cleanup)

    def import_path(self, path: str | Path, fmt: str | None = None, *, mapping: Any = None,
                    ask_mapping: bool = True) -> ImportJob | None:
        """Start importing one file (a CSV asks for its columns first) on a worker thread; the
        job, or None when cancelled, refused or unreadable (the person is told why)."""
        from app.cli_interop import guess_format

        host = self.service.host
        path = Path(path)
        if self.job is not None:
            self._fail(self.tr("Another import is still running: wait for it to finish."))
            return None
        fmt = fmt or guess_format(host, str(path))
        importer = host.find("importers", fmt) if fmt else None
        if importer is None:
            self._fail(labels.arg(
                self.tr("No plugin reads %1 files. Is the plugin for this format switched on?"),
                path.suffix or path.name))
            return None
        data: bytes | None = None
        options: dict[str, Any] = {}
        try:
            if fmt == "csv" and (mapping is not None or ask_mapping):
                data = path.read_bytes()  # the column dialog shows its first rows
                if mapping is None:
                    mapping = self.ask_mapping(data)
                    if mapping is None:
                        return None
                options["mapping"] = mapping
            fn = host.resolve(importer)
        except OSError as exc:
            self._fail(labels.arg(self.tr("Cannot read %1: %2"), path.name, exc.strerror or str(exc)))
            return None
        except (InputError, PluginError) as exc:
            self._fail(labels.arg(self.tr("%1 cannot be imported: %2"), path.name, str(exc)))
            return None
        ctx = host.context(importer.plugin_id)
        assert ctx is not None
        ctx.operator = self.service.session.operator
        job = ImportJob(fn, ctx, path, data, options, f"{importer.plugin_id}/{importer.id}", self)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(lambda report, name=path.name: self._on_done(name, report))
        job.failed.connect(lambda code, text, name=path.name: self._on_failed(name, code, text))
        job.finished.connect(lambda j=job: self._on_thread_done(j))
        self.job = job
        self._jobs.append(job)
        self._show_progress(path.name)
        job.start()
        return job

    def _show_progress(self, name: str) -> None:
        dialog = QProgressDialog(self.parentWidget())
        dialog.setObjectName("import_progress")
        dialog.setWindowTitle(self.tr("Import and export"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window goes on working
        dialog.setCancelButton(None)  # type: ignore[arg-type]  # a write in progress is not cut
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)  # reading and parsing: no count yet
        dialog.setLabelText(labels.arg(self.tr("Reading %1…"), name))
        dialog.show()
        self.progress = dialog

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setLabelText(labels.arg(self.tr("Writing %1 of %2 items…"), done, total))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, name: str, report: ImportReport) -> None:
        self.job = None
        self._close_progress()
        self.last_report = report
        text = labels.arg(self.tr("%1: %2 new, %3 changed, %4 unchanged, %5 skipped."), name,
                          report.created, report.updated, report.unchanged, len(report.problems))
        self._tell(QMessageBox.Icon.Warning if report.problems else QMessageBox.Icon.Information,
                   text, "\n".join(str(p) for p in report.problems[:200]))
        self.importFinished.emit(report)

    def _on_failed(self, name: str, code: str, message: str) -> None:
        self.job = None
        self._close_progress()
        if code == "read":
            self._fail(labels.arg(self.tr("Cannot read %1: %2"), name, message))
        else:
            self._fail(labels.arg(self.tr("%1 cannot be imported: %2"), name, message))

    def _on_thread_done(self, job: ImportJob) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        job.deleteLater()

    def _fail(self, text: str) -> None:
        self._tell(QMessageBox.Icon.Warning, text)
        self.importFailed.emit(text)

    def cleanup(self) -> None:
        """Let a running import finish its write before the store closes."""
        for job in list(self._jobs):
            job.wait()
        self._close_progress()

    def ask_mapping(self, data: bytes) -> Any:
        from plugins.formats.csv_io import guess_mapping, read_table

        header, rows = read_table(data)
        dialog = CsvMappingDialog(header, rows, guess_mapping(header), self.parentWidget())
        try:
            return dialog.mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def choose_import(self) -> None:
        exts = sorted({e for c in self.service.host.contributions("importers") for e in c.extensions})
        pattern = " ".join(f"*{e}" for e in exts)
        path, _ = QFileDialog.getOpenFileName(self.parentWidget(), self.tr("Import a file"), "",
                                              labels.arg(self.tr("Files the plugins read (%1)"), pattern))
        if path:
            self.import_path(path)

    def export_to(self, fmt: str, path: str | Path) -> bool:
        from app.cli_interop import InteropError, run_export

        try:
            data = run_export(self.service.host, fmt)
            Path(path).write_bytes(data)
        except (InteropError, OSError) as exc:
            self._tell(QMessageBox.Icon.Warning, labels.arg(self.tr("Export failed: %1"), str(exc)))
            return False
        return True

    def choose_export(self, fmt: str) -> None:
        exporter = self.service.host.find("exporters", fmt)
        ext = exporter.extensions[0] if exporter and exporter.extensions else ""
        path, _ = QFileDialog.getSaveFileName(self.parentWidget(), self.tr("Export"), f"zhijiu{ext}")
        if path:
            self.export_to(fmt, path)

    def _tell(self, icon: QMessageBox.Icon, text: str, details: str = "") -> None:
        box = QMessageBox(self.parentWidget())
        box.setIcon(icon)
        box.setWindowTitle(self.tr("Import and export"))
        box.setText(text)
        if details:
            box.setDetailedText(details)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.last_message = box

