"""A disk cache that keeps every online tile seen, so a base map once viewed works offline.

Layout: ``ROOT/<source-folder>/<z>/<x>/<y>.tile``, one file per tile, raw bytes as served. The
source folder is the source name made filesystem-safe plus a short hash of the name, so two
sources never share tiles. Writes go to a temporary file in the same folder and are renamed into
place (atomic: a reader, another thread, or a power cut never leaves half a tile under the final
name). A tile that is empty, larger than `MAX_TILE_BYTES`, or not an image or vector tile (an
HTML error page served with status 200, say) is refused. A damaged file found on read is deleted
and reported as a miss, so the tile is simply fetched again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from app.tiles.mbtiles import sniff_format

__all__ = [
    "MAX_TILE_BYTES",
    "NamedSource",
    "TileCache",
    "source_folder",
    "tile_problem",
    "valid_tile",
]

log = logging.getLogger(__name__)

MAX_TILE_BYTES = 2 * 1024 * 1024  # a 256 px raster tile is 5–60 KB; 2 MiB is no tile
_SUFFIX = ".tile"


class NamedSource(Protocol):
    """Anything with a name (a `TileSource`); a plain string works as well."""

    @property
    def name(self) -> str: ...


def _source_name(source: str | NamedSource) -> str:
    return source if isinstance(source, str) else source.name


def source_folder(source: str | NamedSource) -> str:
    """The folder name of a source: readable, filesystem-safe and unique per name."""
    name = _source_name(source)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._")[:40] or "source"
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


def valid_tile(z: int, x: int, y: int) -> bool:
    """True for a tile on the XYZ grid (zoom 0–30)."""
    return 0 <= z <= 30 and 0 <= x < (1 << z) and 0 <= y < (1 << z)


def _check_zxy(z: int, x: int, y: int) -> None:
    if not valid_tile(z, x, y):
        raise ValueError(f"no such tile: {z}/{x}/{y}")


def tile_problem(data: bytes) -> str | None:
    """Why ``data`` is not a tile worth keeping, or None when it is fine."""
    if not data:
        return "empty"
    if len(data) > MAX_TILE_BYTES:
        return f"too large ({len(data)} bytes, the limit is {MAX_TILE_BYTES})"
    if sniff_format(data) is None:
        return "not an image or vector tile"
    return None


class TileCache:
    """Tiles on disk under ``root``; safe to use from several threads at once."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, source: str | NamedSource, z: int, x: int, y: int) -> Path:
        """Where the tile is kept; ValueError for a tile off the grid."""
        _check_zxy(z, x, y)
        return self.root / source_folder(source) / str(z) / str(x) / f"{y}{_SUFFIX}"

    def has(self, source: str | NamedSource, z: int, x: int, y: int) -> bool:
        """True when a (non-empty) tile is kept; False for a tile off the grid."""
        if not valid_tile(z, x, y):
            return False
        try:
            return self.path(source, z, x, y).stat().st_size > 0
        except OSError:
            return False

    def get(self, source: str | NamedSource, z: int, x: int, y: int) -> bytes | None:
        """The cached tile, or None (also off the grid, or when the file turned out damaged)."""
        if not valid_tile(z, x, y):
            return None
        path = self.path(source, z, x, y)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("tile cache: cannot read %s: %s", path, exc)
            return None
        problem = tile_problem(data)
        if problem is not None:
            log.warning("tile cache: dropping damaged %s (%s)", path, problem)
            path.unlink(missing_ok=True)
            return None
        return data

    def put(self, source: str | NamedSource, z: int, x: int, y: int, data: bytes) -> bool:
        """Keep a tile; False (and nothing written) when it is refused as bad or huge.
        ValueError for a tile off the grid (a caller's bug, not a bad tile)."""
        path = self.path(source, z, x, y)
        problem = tile_problem(data)
        if problem is not None:
            log.warning(
                "tile cache: refused %s %d/%d/%d: %s", _source_name(source), z, x, y, problem
            )
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{y}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def _files(self, source: str | NamedSource | None = None) -> Iterator[os.DirEntry[str]]:
        base = self.root if source is None else self.root / source_folder(source)
        stack = [base]
        while stack:
            folder = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except FileNotFoundError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.name.endswith(_SUFFIX) and not entry.name.startswith("."):
                    yield entry

    def count(self, source: str | NamedSource | None = None) -> int:
        """How many tiles are kept (of one source, or of all)."""
        return sum(1 for _ in self._files(source))

    def size_bytes(self, source: str | NamedSource | None = None) -> int:
        """Bytes of tile data kept (of one source, or of all)."""
        total = 0
        for entry in self._files(source):
            try:
                total += entry.stat(follow_symlinks=False).st_size
            except FileNotFoundError:
                continue
        return total
