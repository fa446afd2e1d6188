"""Starting the desktop app: Qt set up in the right order, the folder locked, sign-in, the window.

Order matters (Anki ``qt/aqt/__init__.py``): the WebEngine sandbox variable and the
``QtWebEngineWidgets`` import come before the ``QApplication``; the translators are installed
before the first widget; the folder is locked before the store opens.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from app.datadir import FolderError, PostFolder

log = logging.getLogger(__name__)


def prepare_qt_environment() -> None:
    """What must happen before Qt starts: Chromium refuses to run as root with its sandbox on;
    the ``zhijiu://`` scheme of the map page is declared; a frozen bundle finds its own Qt."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if getattr(sys, "frozen", False):
        from ui.frozen import prepare_bundle

        prepare_bundle()
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede the QApplication: the map dock)

    from ui.map.scheme import register_scheme

    register_scheme()  # zhijiu:// must be registered before the QApplication exists


def flush_deletes() -> None:
    """Carry out pending ``deleteLater`` calls now: a web page still alive when the application
    ends takes the process down with a segfault (its profile is released under it)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def run_gui(folder: PostFolder, db_url: str | None = None, *, lang: str | None = None,
            listen: str | None = None) -> int:
    """Run the window for the post in ``folder``; returns the process exit code.

    ``lang`` overrides the remembered language for this run (``zh_CN`` or ``en``). The post's
    sync engine runs while the window is open (its configured peers; ``listen``: also accept
    peers at ``tcp://ADDR:PORT``); an address that cannot be bound is said in the window, which
    goes on working.
    """
    prepare_qt_environment()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from ui.fonts import ensure_cjk_font
    from ui.i18n import Translations
    from ui.labels import arg
    from ui.settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Zhijiu")
    app.setOrganizationName("Zhijiu")

    settings = UiSettings(folder.path) if folder.exists() else None
    translations = Translations()  # kept referenced until the end of this function
    translations.install(lang or (settings.language if settings is not None else None))
    ensure_cjk_font(app)

    def fail(message: str) -> int:
        title = QCoreApplication.translate("run_gui", "Zhijiu Command Post")
        QMessageBox.critical(None, title, message)
        translations.remove()
        return 1

    if settings is None:  # a new install: create a post, import one, or open the demo
        from ui.firstrun import FirstRunDialog

        first = FirstRunDialog(folder)
        if first.exec() != QDialog.DialogCode.Accepted:
            translations.remove()
            return 0
        settings = UiSettings(folder.path)
        settings.last_operator = settings.last_operator or first.suggested_operator
        first.deleteLater()
    try:
        folder.lock()
    except FolderError as exc:
        return fail(arg(QCoreApplication.translate(
            "run_gui", "This post is already open in another window or node.\n\n%1"
        ), exc))

    window = None
    session = None
    store = None
    backups = None
    try:
        folder.start_logging()
        try:
            store = folder.open_store(db_url)
        except Exception as exc:  # a damaged or unreachable database: say so, never a traceback
            log.exception("cannot open the store")
            folder.unlock()
            return fail(arg(QCoreApplication.translate(
                "run_gui", "Cannot open the post's store:\n\n%1"), exc))

        from ui.main_window import MainWindow
        from ui.session import Session
        from ui.signin import SignInDialog

        dialog = SignInDialog(folder, last_operator=settings.last_operator)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        operator = dialog.operator
        dialog.deleteLater()
        settings.last_operator = operator
        log.info("operator %s signed in", operator)

        session = Session(folder, store, operator)
        from app.services.autobackup import AutoBackup

        backups = AutoBackup(folder, store)  # every post keeps local backups, not only nodes
        backups.start()
        window = MainWindow(session, settings, translations)
        # The window goes before the event loop ends: QtWebEngine tears its profile down when
        # the application quits, and a map page still alive then crashes the process.
        app.setQuitOnLastWindowClosed(False)
        app.lastWindowClosed.connect(lambda: _close_window(window, app))
        window.show()
        session.link.start(listen)  # after the views are connected: they see its first reading
        return app.exec()
    finally:
        if window is not None:
            _delete_window(window)
        if backups is not None:
            backups.stop()
        if session is not None:
            session.cleanup()  # stops the sync engine before the store closes
        if store is not None:
            store.close()
        flush_deletes()
        settings.sync()
        folder.unlock()
        translations.remove()


def _delete_window(window: Any) -> None:
    """Disconnect the window from the session and delete it (and its web pages) now."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    if not shiboken6.isValid(window):
        return
    window.cleanup()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _close_window(window: Any, app: Any) -> None:
    _delete_window(window)
    app.quit()
