"""The window's own settings (language, idle lock, layout), in ``ui.ini`` inside the post folder.

They are local to this post and this machine, never replicated. The file carries a schema
version; ``_migrate`` brings an older file up to date so a newer version never misreads it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ui.i18n import DEFAULT_LANGUAGE, normalize

SCHEMA = 1
FILE_NAME = "ui.ini"
DEFAULT_IDLE_MINUTES = 10


class UiSettings:
    def __init__(self, folder_path: Path | str) -> None:
        self.path = Path(folder_path) / FILE_NAME
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._migrate()

    def _migrate(self) -> None:
        version = self._int("schema", 0)
        if version > SCHEMA:
            return  # written by a newer version: read what we know, write nothing structural
        # version 0 (no file) -> 1: nothing to convert, only the stamp
        self.q.setValue("schema", SCHEMA)

    def _int(self, key: str, default: int) -> int:
        value = self.q.value(key, default)
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return default  # a hand-edited file with nonsense: the default, never a crash

    def sync(self) -> None:
        self.q.sync()

    # language
    @property
    def language(self) -> str:
        return normalize(str(self.q.value("ui/language", DEFAULT_LANGUAGE, type=str)))

    @language.setter
    def language(self, lang: str) -> None:
        self.q.setValue("ui/language", normalize(lang))

    # idle lock
    @property
    def idle_minutes(self) -> int:
        return max(0, self._int("lock/idle_minutes", DEFAULT_IDLE_MINUTES))

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self.q.setValue("lock/idle_minutes", max(0, int(minutes)))

    # the operator signed in last (preselected at sign-in; never the PIN)
    @property
    def last_operator(self) -> str:
        return str(self.q.value("session/last_operator", "", type=str))

    @last_operator.setter
    def last_operator(self, name: str) -> None:
        self.q.setValue("session/last_operator", name)

    # layout
    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.q.value("window/geometry")
        state = self.q.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.sync()
