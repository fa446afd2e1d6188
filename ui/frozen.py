"""What the frozen (PyInstaller) app sets before Qt starts; ``ui.app.prepare_qt_environment``
calls it when ``sys.frozen``.

PyInstaller's own runtime hook already points Qt at the bundle's plugins and writes the embedded
``qt.conf`` (so QtWebEngineProcess, its resources and locales are found beside the app). Our
modules find ``resources/`` from their own ``__file__``, which lies under ``sys._MEIPASS`` in the
bundle, exactly as it lies under the checkout in development; this module checks that it is there
and says where the data goes (the per-user folder, ``app.datadir.default_data_dir``).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def bundle_root() -> Path:
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))


def prepare_bundle() -> None:
    root = bundle_root()
    resources = root / "resources"
    if not (resources / "translations").is_dir():  # a damaged unpack: say so in the log
        log.error("the bundle in %s has no resources folder", root)
    # the bundle carries Qt's own: never pick up a system Qt's plugins or a developer's settings
    for var in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        if var in os.environ and not os.environ[var].startswith(str(root)):
            del os.environ[var]
    # Chromium under a VM, over remote X or without a GPU driver: draw with the CPU, not a black map
    if not os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS") and not Path("/dev/dri").exists():
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = "--disable-gpu"
