"""Regenerate the README's screenshots from the demo scenario, offscreen.

    .venv/bin/python scripts/shoot_docs.py [OUT_DIR]     (default: docs/)

A throwaway rear post gets the demo; the main window opens at 1600×1000 (Chinese) and each view
is raised and grabbed once its content has arrived: ``main_window.png`` (the whole window, map in
front) and ``legend.png`` (every symbol of the legend, in
columns, for checking by eye that no two look alike). Views that another dock covers are grabbed
after ``raise_()``, so a new dock needs one line here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.app import prepare_qt_environment  # noqa: E402

prepare_qt_environment()

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.services.demo import load_demo  # noqa: E402
from app.services.firstrun import DEMO_OPERATOR  # noqa: E402
from app.services.posts import init_post  # noqa: E402
from ui.fonts import ensure_cjk_font  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.settings import UiSettings  # noqa: E402

SETTLE_MS = 4000  # tiles, labels and fonts painted after the last change


def pump(until: Callable[[], bool], timeout_ms: int) -> bool:
    deadline = QDeadlineTimer(timeout_ms)
    while not until():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def settle() -> None:
    pump(lambda: False, SETTLE_MS)


def save(widget: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"shoot_docs: cannot write {path}")
    print(f"wrote {path}")


LEGEND_SHEET_JS = """(function () {
  Zhijiu.showLegend(true);
  var el = document.querySelector('.zj-legend');
  el.style.cssText = 'position:fixed;left:0;top:0;right:0;bottom:0;max-height:none;z-index:5000;' +
                     'overflow:hidden;column-count:4;column-gap:18px;font-size:14px;zoom:1.2;';
  return document.querySelectorAll('.zj-legend-row').length;
})()"""


def shoot(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    translations = Translations()
    translations.install("zh_CN")
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = init_post(Path(tmp) / "post", name="重庆市应急管理局指挥中心", role="rear", level="city")
        store = folder.open_store()
        load_demo(store)
        session = Session(folder, store, DEMO_OPERATOR)
        window = MainWindow(session, UiSettings(folder.path), translations)
        window.resize(1600, 1000)
        window.show()
        try:
            map_dock = window.map_dock
            if not pump(lambda: map_dock.bridge.is_ready and bool(map_dock.bridge.shown), 90_000):
                raise SystemExit("shoot_docs: the map page did not load")
            map_dock.fit_everything()
            settle()
            save(window, out / "main_window.png")

            map_dock.setFloating(True)  # the legend sheet gets a page of its own size
            map_dock.resize(1800, 1200)
            settle()
            rows: list[object] = []
            map_dock.page.runJavaScript(LEGEND_SHEET_JS, 0, rows.append)
            pump(lambda: bool(rows), 10_000)
            settle()
            save(map_dock.view, out / "legend.png")
            print(f"legend rows: {rows[0] if rows else '?'}")
        finally:
            window.cleanup()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # pages before profile
            session.cleanup()
            store.close()
            translations.remove()


if __name__ == "__main__":
    shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
