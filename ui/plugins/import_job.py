"""An import off the GUI thread: the file is read, parsed by its plugin and written through the one
write path on a worker thread, which reports its progress and ends with the report or the error.

The plugin's callable is resolved on the GUI thread before the job starts (resolving may touch the
plugin host, whose listeners update widgets); the job only calls it. Signals cross back to the GUI
thread queued, so the window never touches a widget from here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from plugins.api import InputError, PluginContext

log = logging.getLogger(__name__)


class ImportJob(QThread):
    progressed = Signal(int, int)  # records written so far, records to write
    succeeded = Signal(object)  # the ImportReport
    failed = Signal(str, str)  # code ("read": the file; "input": its content or the plugin), message

    def __init__(self, importer: Callable[..., Any], ctx: PluginContext, path: Path, data: bytes | None,
                 options: dict[str, Any], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.importer = importer
        self.ctx = ctx
        self.path = path
        self.data = data  # already read (a CSV whose columns were asked first), or None
        self.options = options
        self.name = name  # "plugin/importer", for the log and the error

    def run(self) -> None:
        try:
            data = self.data if self.data is not None else self.path.read_bytes()
        except OSError as exc:
            self.failed.emit("read", exc.strerror or str(exc))
            return
        try:
            parsed = self.importer(self.ctx, data, self.path.name, **self.options)
        except InputError as exc:
            self.failed.emit("input", str(exc))
            return
        except Exception as exc:  # a plugin's bug: named, logged, the window goes on
            log.exception("importer %s failed on %s", self.name, self.path)
            self.failed.emit("input", f"{self.name}: {type(exc).__name__}: {exc}")
            return
        try:
            report = self.ctx.write(parsed, progress=self.progressed.emit)
        except Exception as exc:  # the store refused or failed: nothing half-said
            log.exception("writing the import of %s failed", self.path)
            self.failed.emit("input", f"{type(exc).__name__}: {exc}")
            return
        self.succeeded.emit(report)
