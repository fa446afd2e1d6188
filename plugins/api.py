"""The plugin API: the only surface a plugin sees (import-linter keeps plugins away from app/ui).

A plugin is a Python package whose ``__init__`` holds a ``PLUGIN`` manifest dict (see
``plugins/README.md``) and nothing heavy: the callables it contributes are named as
``"module:attribute"`` strings (``".cot:import_cot"`` is relative to the package) and imported
only when they are first used. What a plugin may call — the services that write through the one
write path, the domain's codes, the import bookkeeping — is re-exported here, so a plugin never
reaches into the application's internals and the application can move them freely.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain import SPECS
from app.domain import feature as feature_codes
from app.domain import task as task_codes
from app.domain import unit as unit_codes
from app.domain import warning as warning_codes
from app.services.common import create, delete, new_id, now_ms, point, update
from app.services.gauges import FedReadings, record_readings
from app.services.interop import ImportReport, Problem, Record, stable_id, write_records
from app.store.store import Draft, Entity, Refused, Store
from app.sync.blobs import BlobStore

API_VERSION = 1
CONTRIBUTION_KINDS = ("importers", "exporters", "feeds", "layers", "docks", "commands",
                      "media_actions")

__all__ = [
    "API_VERSION", "CONTRIBUTION_KINDS", "SPECS", "BlobStore", "Draft", "Entity", "FedReadings",
    "ImportReport", "InputError", "LayerUpdates", "Parsed", "PluginContext", "Problem", "Record",
    "Refused", "Store", "create", "delete", "feature_codes", "new_id", "now_ms", "point",
    "record_readings", "stable_id", "task_codes", "unit_codes", "update", "warning_codes",
    "write_records",
]


class InputError(ValueError):
    """The whole input cannot be read (not XML, not a zip …); the message says where and why."""


@dataclass
class Parsed:
    """What an importer read: the records to write and the parts it had to skip."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blobs: list[bytes] = field(default_factory=list)  # files the records name by sha256

    def extend(self, other: Parsed) -> None:
        self.records += other.records
        self.problems += other.problems
        self.blobs += other.blobs


@dataclass
class PluginContext:
    """What a plugin's code is handed: the post's store, who is working, where its files go."""

    store: Store
    operator: str
    post_id: str
    data_dir: Path | None = None
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("plugins"))
    settings: dict[str, Any] = field(default_factory=dict)
    _cleanups: list[Callable[[], None]] = field(default_factory=list)
    # the host's ear for report_problem (the plugin manager shows the problem)
    problem_listener: Callable[[str | None], None] | None = None

    @property
    def blobs(self) -> BlobStore | None:
        return BlobStore(self.data_dir / "blobs") if self.data_dir is not None else None

    def put_blob(self, data: bytes) -> str | None:
        """Keep a file (a photo) beside the store; its sha256, or None without a data folder."""
        blobs = self.blobs
        return blobs.put(data) if blobs is not None else None

    def write(self, parsed: Parsed, report: ImportReport | None = None,
              progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Write what was read, as ops of this post (the one write path); problems are kept;
        ``progress`` hears (written so far, to write) as the chunks go in."""
        report = report or ImportReport()
        report.problems += parsed.problems
        for blob in parsed.blobs:
            self.put_blob(blob)
        return write_records(self.store, self.operator, parsed.records, report, progress)

    def record_readings(self, rows: list[Any], where: str = "row") -> FedReadings:
        """Gauge readings (雨情, 水情) a feed brought, as ops of this post: rows naming their gauge
        (id, name or station code), ``measured_at``, ``value``; bad rows named and skipped,
        readings already held left alone (see ``app.services.gauges.record_readings``)."""
        return record_readings(self.store, self.operator, rows, where=where)

    def report_problem(self, problem: str | None) -> None:
        """Say what is wrong now (a source down, a file unreadable), or ``None`` once it works
        again; the plugin manager shows it beside the plugin. Safe from any thread."""
        if self.problem_listener is not None:
            try:
                self.problem_listener(problem)
            except Exception:  # the host's listeners failing must not end the plugin's thread
                self.log.exception("reporting a problem failed")

    def on_unload(self, cleanup: Callable[[], None]) -> None:
        """Run ``cleanup`` when the plugin is unloaded (stop a socket, a thread, a timer)."""
        self._cleanups.append(cleanup)

    def run_cleanups(self) -> list[str]:
        errors = []
        while self._cleanups:
            fn = self._cleanups.pop()
            try:
                fn()
            except Exception as exc:  # one failing cleanup must not keep the others from running
                self.log.exception("plugin cleanup failed")
                errors.append(f"{type(exc).__name__}: {exc}")
        return errors


class LayerUpdates:
    """A map layer a plugin keeps up to date. A ``layers`` function may return one instead of a
    FeatureCollection; the plugin then calls ``push(collection)`` — from any thread — whenever
    its data changes, and the map draws the latest. ``close()`` when the plugin stops."""

    def __init__(self, initial: Any = None) -> None:
        self._lock = threading.Lock()
        self._data = initial
        self._listeners: list[Callable[[Any], None]] = []

    def push(self, collection: Any) -> None:
        with self._lock:
            self._data = collection
            listeners = list(self._listeners)
        for listener in listeners:
            listener(collection)

    def current(self) -> Any:
        with self._lock:
            return self._data

    def listen(self, listener: Callable[[Any], None]) -> Callable[[], None]:
        """Hear every push; returns the function that stops listening."""
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def close(self) -> None:
        with self._lock:
            self._listeners.clear()
