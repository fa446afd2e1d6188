"""Panorama (全景) plugin: stitch overlapping photos — a drone orbit, a phone sweep — into one
picture with OpenCV's Stitcher.

Self-contained: this package needs only OpenCV and numpy, never the app's internals. The entry
point is ``stitch_panorama(paths, progress, cancelled, out=...)`` (``plugins.panorama.stitch``:
a plain function, a progress callback taking 0..1, a cancel flag polled between steps); the
``PLUGIN`` manifest says what it contributes, for the plugin API to register. Turning the result
into a media item (at the photos' mean position) is the host's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PLUGIN: dict[str, Any] = {
    "id": "zhijiu.panorama",
    "name": "Panorama stitching",
    "name_zh": "全景拼接",
    "version": "1.0.0",
    "requires": ["opencv-python-headless>=4.8,<5"],
    "contributions": {
        "media_actions": [{
            "id": "stitch_panorama",
            "title": "Stitch panorama",
            "title_zh": "拼接全景",
            "accepts": {"kind": "photo", "min_items": 2},
            "produces": {"kind": "panorama"},
            "callable": "plugins.panorama.stitch:stitch_panorama",
        }],
    },
}


def stitch_panorama(paths: list[Path], progress: Any = None, cancelled: Any = None, **options: Any) -> Path:
    """See ``plugins.panorama.stitch.stitch_panorama``; OpenCV is imported only when used."""
    from plugins.panorama.stitch import stitch_panorama as run

    return run(paths, progress, cancelled, **options)
