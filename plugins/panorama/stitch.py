"""The stitching itself, a plain function: load, register (features, camera estimation), compose,
write a JPEG — reporting progress between steps and stopping when asked.

OpenCV cannot be interrupted inside one of its calls, so a cancel takes effect at the next step
(after an image is loaded, after registration, after composition). Memory is bounded by
registering at ``register_megapix`` and composing at ``compose_megapix`` per photo (OpenCV's
defaults compose at full resolution: 20 photos of 3 MP would need several GB).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

_REASONS = {
    1: "need_more_images",  # not enough overlap found between the photos
    2: "homography_failed",
    3: "camera_params_failed",
}


class PanoramaError(RuntimeError):
    """``code``: cancelled | too_few | unreadable | need_more_images | homography_failed |
    camera_params_failed | write_failed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _load(path: Path, max_megapix: float) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise PanoramaError("unreadable", f"{Path(path).name}: not a readable image")
    mp = img.shape[0] * img.shape[1] / 1e6
    if mp > max_megapix:  # nothing is gained composing above the compositing resolution
        scale = (max_megapix / mp) ** 0.5
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return img


def stitch_panorama(
    paths: list[Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    out: Path | None = None,
    mode: str = "auto",
    register_megapix: float = 0.6,
    compose_megapix: float = 1.0,
    quality: int = 88,
) -> Path:
    """Stitch ``paths`` into ``out`` (a JPEG; default: beside the first photo); returns ``out``.

    ``mode``: "panorama" (a camera turning: drone orbit, phone sweep), "scans" (a camera moving
    over a flat scene: a drone's straight-down survey), or "auto" (panorama, then scans)."""
    report = progress or (lambda _f, _s: None)
    stop = cancelled or (lambda: False)
    if len(paths) < 2:
        raise PanoramaError("too_few", "a panorama needs at least two photos")
    out = Path(out) if out else Path(paths[0]).with_name(Path(paths[0]).stem + "_panorama.jpg")
    images = []
    for i, p in enumerate(paths):
        if stop():
            raise PanoramaError("cancelled", "cancelled")
        images.append(_load(Path(p), compose_megapix))
        report(0.3 * (i + 1) / len(paths), "load")
    modes = {"panorama": [cv2.Stitcher_PANORAMA], "scans": [cv2.Stitcher_SCANS]}.get(
        mode, [cv2.Stitcher_PANORAMA, cv2.Stitcher_SCANS])
    status, pano = 1, None
    for attempt, m in enumerate(modes):
        if stop():
            raise PanoramaError("cancelled", "cancelled")
        stitcher = cv2.Stitcher_create(m)
        stitcher.setRegistrationResol(register_megapix)
        status = stitcher.estimateTransform(images)
        report(0.3 + 0.3 * (attempt + 1) / len(modes) if status != 0 else 0.6, "register")
        if status != 0:
            continue
        if stop():
            raise PanoramaError("cancelled", "cancelled")
        status, pano = stitcher.composePanorama()
        if status == 0 and pano is not None and pano.size:
            break
    if status != 0 or pano is None:
        code = _REASONS.get(int(status), "need_more_images")
        raise PanoramaError(code, f"the photos could not be stitched ({code}): do they overlap?")
    report(0.9, "compose")
    pano = _crop_black(pano)
    if stop():
        raise PanoramaError("cancelled", "cancelled")
    if not cv2.imwrite(str(out), pano, [cv2.IMWRITE_JPEG_QUALITY, quality]):
        raise PanoramaError("write_failed", f"cannot write {out}")
    report(1.0, "done")
    return out


def _crop_black(pano: np.ndarray) -> np.ndarray:
    """Trim the black margin the warp leaves around the picture (its bounding box only)."""
    mask = cv2.cvtColor(pano, cv2.COLOR_BGR2GRAY) > 0
    rows, cols = np.where(mask.any(axis=1))[0], np.where(mask.any(axis=0))[0]
    if rows.size == 0 or cols.size == 0:
        return pano
    return pano[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
