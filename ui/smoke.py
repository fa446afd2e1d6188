"""`zhijiu smoke`: the installed app checks itself, as a person would on a new machine.

On an empty data folder it goes through the first-run dialog and picks "open the demo" (the
button a person would press), signs in as the demo operator (PIN checked like the sign-in
dialog does), opens the main window and the map over the same post, waits for the offline map
page to be ready and to draw the store, and prints one JSON document: the op count, how many
records the page drew against how many the store puts on the map, per layer, any request the
page made outside ``zhijiu:``/``qrc:``/``data:``/``blob:`` (blocked), script errors, and whether
it runs frozen (PyInstaller) and from where. Exit 0 when everything holds, 1 when not.

The bundle test (tests/packaging/test_bundle.py) runs it on the built binary, offscreen.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from app.datadir import PostFolder

READY_TIMEOUT_MS = 90_000


def run_smoke(folder: PostFolder, *, screenshot: Path | None = None) -> int:
    from ui.app import flush_deletes, prepare_qt_environment

    started = time.monotonic()
    prepare_qt_environment()
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.fonts import ensure_cjk_font
    from ui.i18n import Translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    translations = Translations()
    translations.install("zh_CN")
    ensure_cjk_font(app)
    report: dict[str, Any] = {"frozen": bool(getattr(sys, "frozen", False)),
                              "bundle": getattr(sys, "_MEIPASS", None), "first_run": None}

    def pump_until(predicate: Any, timeout_ms: int) -> bool:
        deadline = QDeadlineTimer(timeout_ms)
        while not predicate():
            if deadline.hasExpired():
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return True

    def js(page: Any, script: str) -> Any:
        box: list[Any] = []
        page.runJavaScript(script, 0, box.append)
        if not pump_until(lambda: bool(box), 10_000):
            raise TimeoutError(f"the page did not answer: {script}")
        return box[0]

    if not folder.exists():
        from ui.firstrun import DEMO, FirstRunDialog

        dialog = FirstRunDialog(folder)
        dialog.show()
        QTimer.singleShot(0, dialog.demo_radio.click)
        QTimer.singleShot(0, dialog.buttons.accepted.emit)  # "Start", as a person presses it
        dialog.exec()
        report["first_run"] = {"choice": "demo" if dialog.choice == DEMO else dialog.choice,
                               "error": dialog.error.text()}
        dialog.deleteLater()

    from app.services.firstrun import DEMO_OPERATOR, DEMO_PIN
    from ui.docks.map import MapDock
    from ui.main_window import MainWindow
    from ui.map.scheme import install
    from ui.session import Session
    from ui.settings import UiSettings

    folder.lock()
    store = folder.open_store()
    window = dock = session = None
    try:
        report["post"] = folder.config().name
        report["ops"] = store.op_count()
        report["signed_in"] = folder.check_pin(DEMO_OPERATOR, DEMO_PIN)
        settings = UiSettings(folder.path)
        session = Session(folder, store, DEMO_OPERATOR)
        window = MainWindow(session, settings, translations)
        window.show()
        guard = install().guard
        dock = MapDock(session)
        dock.resize(1100, 760)
        dock.show()
        ready = pump_until(lambda: dock.bridge.is_ready, READY_TIMEOUT_MS)
        report["map_ready"] = ready
        if ready:
            js(dock.page, "Zhijiu.applied")  # after the first full picture
            expected: dict[str, int] = {}
            for item in dock.items.all_items().values():
                expected[item["layer"]] = expected.get(item["layer"], 0) + 1
            report["map_expected"] = expected
            report["map_drawn"] = {k: int(js(dock.page, f"Zhijiu.count({json.dumps(k)})")) for k in expected}
            report["map_features"] = int(js(dock.page, "Zhijiu.count()"))
            report["map_errors"] = json.loads(js(dock.page, "JSON.stringify(Zhijiu.errorsSoFar())"))
            if screenshot is not None:
                pump_until(lambda: False, 1500)  # let the tiles of the base map paint
                dock.grab().save(str(screenshot))
        report["blocked"] = list(guard.blocked)
    finally:
        if dock is not None:
            dock.cleanup()
            dock.close()
            dock.deleteLater()
        if window is not None:
            window.cleanup()
            window.close()
            window.deleteLater()
        if session is not None:
            session.cleanup()
            session.deleteLater()
        flush_deletes()
        store.close()
        folder.unlock()
        translations.remove()
    report["seconds"] = round(time.monotonic() - started, 1)
    report["ok"] = bool(
        report.get("map_ready") and report.get("signed_in") and report["ops"] > 0
        and report.get("map_features", 0) > 0 and report["map_drawn"] == report["map_expected"]
        and not report.get("map_errors") and not report["blocked"]
    )
    print(json.dumps(report, ensure_ascii=False, sort_keys=True), flush=True)
    return 0 if report["ok"] else 1
