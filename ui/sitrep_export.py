"""Situation report export (情况报告): one click writes the core's Chinese HTML and renders it to
PDF with QtWebEngine (``QWebEnginePage.printToPdf``: Chromium embeds the font subsets it used, so
the PDF prints anywhere), with a progress signal for a progress dialog.

Steps, each announced by ``progress(percent, step)``: the map snapshot (when a map view is given:
anything with ``export_image(path)`` and an ``exported(str)`` signal, i.e. ``MapDock``, whose
``export_incident`` frames the incident's area and records without a legend and then returns to
the person's view; without one the report says it has no map), the HTML from ``services.sitrep.sitrep_html`` written beside the
PDF, the page loaded from that file (``setHtml`` fails silently above 2 MB; the map makes it
big), and the PDF printed on A4. ``finished(pdf, html)`` or ``failed(reason)`` ends it; nothing
blocks the GUI thread while Chromium lays out and prints.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QPageLayout, QPageSize

from app.cst import cst_datetime
from app.services.common import now_ms
from app.services.sitrep import beijing_time, sitrep_html
from app.store.store import Refused
from ui.session import Session

log = logging.getLogger(__name__)

PRINT_TIMEOUT_MS = 120_000  # the command line's PDF: Chromium gone quiet means a failure, not a hang
MAP_TIMEOUT_MS = 30_000  # a map that never answers: the report goes out without it
STEPS = ("map", "html", "layout", "pdf", "done")


def report_name(title: str, at_ms: int) -> str:
    """A file name from the incident's title and the Beijing time: no path separators, no
    control characters."""
    safe = "".join(c for c in title if c.isalnum() or c in "-_（）()")[:60] or "sitrep"
    return f"{safe}_情况报告_{cst_datetime(at_ms).strftime('%Y%m%d_%H%M')}"


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def print_pdf(html_path: Path, pdf_path: Path) -> str | None:
    """The command line's PDF (``zhijiu report sitrep -o x.pdf``): print a written HTML report as
    the window does, in a QApplication of its own (offscreen without a display); None when the
    PDF is there, else why not."""
    import os
    import sys

    from PySide6.QtCore import QEventLoop

    from ui.app import flush_deletes, prepare_qt_environment

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a command's output: the report's one line, not Chromium's and the GPU's start-up chatter
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--log-level=3")
    os.environ.setdefault("QT_LOGGING_RULES", "*=false")
    prepare_qt_environment()
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = QEventLoop()
    outcome: list[str | None] = ["the PDF printer did not answer"]
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)

    def loaded(ok: bool) -> None:
        if not ok:
            outcome[0] = f"the report page did not load: {html_path}"
            loop.quit()
            return
        page.printToPdf(str(pdf_path), a4_layout())

    def printed(path: str, ok: bool) -> None:
        outcome[0] = None if ok and Path(path).is_file() else f"the PDF could not be written: {path}"
        loop.quit()

    page.loadFinished.connect(loaded)
    page.pdfPrintingFinished.connect(printed)
    QTimer.singleShot(PRINT_TIMEOUT_MS, loop.quit)
    page.load(QUrl.fromLocalFile(str(html_path.resolve())))
    loop.exec()
    page.deleteLater()
    flush_deletes()
    del app
    return outcome[0]


class SitrepExporter(QObject):
    progress = Signal(int, str)  # percent, step code (STEPS)
    finished = Signal(str, str)  # pdf path, html path
    failed = Signal(str)  # reason, for a person

    def __init__(self, session: Session, parent: QObject | None = None, *, map_view: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.map_view = map_view
        self.page: Any = None
        self.profile: Any = None
        self.pdf_path = Path()
        self.html_path = Path()
        self.map_png: bytes | None = None
        self.running = False
        self._incident = ""
        self._now = 0
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.timeout.connect(lambda: self._on_map_exported(""))
        self._map_file = Path()

    def export(self, incident_id: str, out_dir: Path | str, *, now: int | None = None) -> bool:
        """Start; False (and ``failed``) when it cannot even begin."""
        if self.running:
            return False
        incident = self.session.store.get("incident", incident_id)
        if incident is None:
            self.failed.emit(f"no incident {incident_id}")
            return False
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failed.emit(f"{exc.strerror or exc}: {out}")
            return False
        self.running = True
        self._incident, self._now = incident_id, now if now is not None else now_ms()
        base = report_name(str(incident.get("title", "")), self._now)
        self.pdf_path, self.html_path = out / f"{base}.pdf", out / f"{base}.html"
        self.map_png = None
        self.progress.emit(5, "map")
        if self.map_view is not None and hasattr(self.map_view, "export_image"):
            self._map_file = Path(tempfile.mkdtemp(prefix="zhijiu-sitrep-")) / "map.png"
            self.map_view.exported.connect(self._on_map_exported)
            self._map_timer.start(MAP_TIMEOUT_MS)
            when = beijing_time(self._now)  # as the report writes it
            if hasattr(self.map_view, "export_incident"):  # framed on the incident, not the view
                self.map_view.export_incident(self._map_file, self._incident, when=when)
            else:
                self.map_view.export_image(self._map_file, when=when)
        else:
            QTimer.singleShot(0, self._write_html)
        return True

    @Slot(str)
    def _on_map_exported(self, path: str) -> None:
        if self.map_view is not None:
            try:
                self.map_view.exported.disconnect(self._on_map_exported)
            except (RuntimeError, TypeError):
                return  # already handled (the timer and the map both answered)
        self._map_timer.stop()
        if path and Path(path).is_file():
            self.map_png = Path(path).read_bytes()
        else:
            log.warning("situation report: the map did not export a snapshot; the report has none")
        self._write_html()

    @Slot()
    def _write_html(self) -> None:
        self.progress.emit(25, "html")
        try:
            text = sitrep_html(self.session.store, self._incident, now=self._now, map_png=self.map_png,
                               post_name=self.session.config.name)
            self.html_path.write_text(text, encoding="utf-8")
        except Refused as exc:
            self._fail(str(exc))
            return
        except OSError as exc:
            self._fail(f"{exc.strerror or exc}: {self.html_path}")
            return
        from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

        self.progress.emit(45, "layout")
        if self.profile is None:  # its own, off the record: the map's profile admits only zhijiu:
            self.profile = QWebEngineProfile(self)
        self.page = QWebEnginePage(self.profile, self)
        self.page.loadFinished.connect(self._on_loaded)
        self.page.pdfPrintingFinished.connect(self._on_printed)
        self.page.load(QUrl.fromLocalFile(str(self.html_path)))

    @Slot(bool)
    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            self._fail(f"the report page did not load: {self.html_path}")
            return
        self.progress.emit(70, "pdf")
        self.page.printToPdf(str(self.pdf_path), a4_layout())

    @Slot(str, bool)
    def _on_printed(self, path: str, ok: bool) -> None:
        if not ok or not Path(path).is_file():
            self._fail(f"the PDF could not be written: {path}")
            return
        self._release_page()
        self.running = False
        self.progress.emit(100, "done")
        self.finished.emit(str(self.pdf_path), str(self.html_path))

    def _fail(self, reason: str) -> None:
        self._release_page()
        self.running = False
        self.failed.emit(reason)

    def _release_page(self) -> None:
        if self.page is not None:
            self.page.deleteLater()
            self.page = None
