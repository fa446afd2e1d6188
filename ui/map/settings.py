"""The map's own settings, under ``map/`` in the post's ``ui.ini`` (``ui.settings``): local to this
post and machine, never replicated.

The MBTiles files opened here, the base map last chosen, the 天地图 access key, night mode, the
legend, the layers switched off, and the last view. Everything read is checked; a hand-edited
value that makes no sense gives the default, never a crash.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from ui.settings import FILE_NAME


class MapSettings:
    def __init__(self, folder_path: Path | str) -> None:
        self.q = QSettings(str(Path(folder_path) / FILE_NAME), QSettings.Format.IniFormat)

    def _list(self, key: str) -> list[str]:
        value = self.q.value(key, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _bool(self, key: str, default: bool) -> bool:
        value = self.q.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)

    def sync(self) -> None:
        self.q.sync()

    # MBTiles files opened from the dock, reopened at the next start when still there
    @property
    def mbtiles(self) -> list[str]:
        return self._list("map/mbtiles")

    def add_mbtiles(self, path: str) -> None:
        files = [p for p in self.mbtiles if p != path] + [path]
        self.q.setValue("map/mbtiles", files)

    def remove_mbtiles(self, path: str) -> None:
        self.q.setValue("map/mbtiles", [p for p in self.mbtiles if p != path])

    @property
    def base(self) -> str:
        return str(self.q.value("map/base", "", type=str))

    @base.setter
    def base(self, base_id: str) -> None:
        self.q.setValue("map/base", base_id)

    @property
    def tianditu_key(self) -> str:
        return str(self.q.value("map/tianditu_key", "", type=str)).strip()

    @tianditu_key.setter
    def tianditu_key(self, key: str) -> None:
        self.q.setValue("map/tianditu_key", key.strip())

    @property
    def night(self) -> bool:
        return self._bool("map/night", False)

    @night.setter
    def night(self, on: bool) -> None:
        self.q.setValue("map/night", bool(on))

    @property
    def legend(self) -> bool:
        return self._bool("map/legend", True)

    @legend.setter
    def legend(self, on: bool) -> None:
        self.q.setValue("map/legend", bool(on))

    @property
    def hidden_layers(self) -> list[str]:
        return self._list("map/hidden_layers")

    @hidden_layers.setter
    def hidden_layers(self, keys: list[str]) -> None:
        self.q.setValue("map/hidden_layers", list(keys))

    @property
    def view(self) -> dict[str, Any] | None:
        """{center: [lon, lat], zoom} of the last view, or None."""
        try:
            v = json.loads(str(self.q.value("map/view", "", type=str)))
            lon, lat = (float(c) for c in v["center"])
            zoom = int(v["zoom"])
        except (ValueError, KeyError, TypeError):
            return None
        if not (-180 <= lon <= 180 and -85 <= lat <= 85 and 2 <= zoom <= 19):
            return None
        return {"center": [lon, lat], "zoom": zoom}

    @view.setter
    def view(self, v: dict[str, Any]) -> None:
        self.q.setValue("map/view", json.dumps({"center": v.get("center"), "zoom": v.get("zoom")}))
