"""Read (and, for tests and area exports, write) MBTiles raster/vector tile packages.

MBTiles 1.3: a SQLite file with a ``metadata(name, value)`` table and a ``tiles(zoom_level,
tile_column, tile_row, tile_data)`` table or view. Rows are TMS (row 0 at the south); callers
here speak XYZ as Leaflet does (row 0 at the north), so ``tile_row = 2**z - 1 - y``.
A package is opened read-only (``mode=ro`` URI), so a file on a read-only medium works and is
never modified.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

__all__ = ["MBTiles", "TileError", "sniff_format", "write_mbtiles"]

FORMATS = ("png", "jpg", "webp", "pbf")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x1f\x8b", "pbf"),  # gzip-compressed vector tiles
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


class TileError(Exception):
    """A tile package that cannot be used; the message says which file and why."""


def sniff_format(data: bytes) -> str | None:
    """The tile format from its first bytes: png, jpg, gif, webp, pbf (gzipped), or None."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class MBTiles:
    """A read-only MBTiles package. Thread-safe: one connection, calls serialised by a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise TileError(f"{self.path}: no such MBTiles file")
        try:
            with self.path.open("rb") as fh:
                header = fh.read(16)
        except OSError as exc:
            raise TileError(f"{self.path}: cannot read: {exc.strerror or exc}") from exc
        if header != b"SQLite format 3\x00":
            raise TileError(f"{self.path}: not an MBTiles package (not an SQLite database)")
        uri = self.path.resolve().as_uri() + "?mode=ro"
        try:
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise TileError(f"{self.path}: cannot open: {exc}") from exc
        self._lock = threading.Lock()
        try:
            names = {
                row[0]
                for row in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
            missing = [t for t in ("metadata", "tiles") if t not in names]
            if missing:
                raise TileError(
                    f"{self.path}: not an MBTiles package (missing table {', '.join(missing)})"
                )
            self._meta = {
                str(name): str(value)
                for name, value in self._conn.execute("SELECT name, value FROM metadata")
                if name is not None and value is not None
            }
            self._conn.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0"
            )
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise TileError(f"{self.path}: not a usable MBTiles package: {exc}") from exc
        except TileError:
            self._conn.close()
            raise
        self.format = self._detect_format()
        self.minzoom, self.maxzoom = self._zoom_range()
        self.bounds = self._bounds()

    # -- metadata -------------------------------------------------------------------------------

    def metadata(self) -> dict[str, str]:
        """The ``metadata`` table as a dict (a copy)."""
        return dict(self._meta)

    @property
    def name(self) -> str:
        return self._meta.get("name") or self.path.stem

    @property
    def attribution(self) -> str:
        return self._meta.get("attribution", "")

    def _detect_format(self) -> str:
        fmt = self._meta.get("format", "").strip().lower()
        if fmt == "jpeg":
            fmt = "jpg"
        if fmt in FORMATS:
            return fmt
        with self._lock:
            row = self._conn.execute("SELECT tile_data FROM tiles LIMIT 1").fetchone()
        if row is not None and isinstance(row[0], bytes):
            sniffed = sniff_format(row[0])
            if sniffed in FORMATS:
                return sniffed
        return "png"  # the spec's default for a raster package that does not say

    def _zoom_range(self) -> tuple[int, int]:
        try:
            return int(self._meta["minzoom"]), int(self._meta["maxzoom"])
        except (KeyError, ValueError):
            pass
        with self._lock:
            row = self._conn.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
            ).fetchone()
        if row is None or row[0] is None:
            return 0, 0
        return int(row[0]), int(row[1])

    def _bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in WGS-84 degrees; the whole world if not stated."""
        text = self._meta.get("bounds", "")
        try:
            w, s, e, n = (float(v) for v in text.split(","))
        except ValueError:
            return (-180.0, -85.0511, 180.0, 85.0511)
        return (w, s, e, n)

    # -- tiles ----------------------------------------------------------------------------------

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (Leaflet) coordinates, or None when the package has none there."""
        if z < 0 or not (0 <= x < (1 << z)) or not (0 <= y < (1 << z)):
            return None
        tms_row = (1 << z) - 1 - y
        with self._lock:
            row = self._conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, tms_row),
            ).fetchone()
        if row is None or row[0] is None:
            return None
        return bytes(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> MBTiles:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_mbtiles(
    path: str | Path,
    tiles: Iterable[tuple[int, int, int, bytes]],
    metadata: Mapping[str, str],
) -> int:
    """Write an MBTiles file from XYZ tiles ``(z, x, y, data)``; returns the number written.

    The file is built beside the target and renamed into place, so a reader never sees half a
    package. ``metadata`` fills the metadata table (``name`` and ``format`` should be there;
    ``minzoom``/``maxzoom`` are added from the tiles when missing). An existing file is replaced.
    """
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    count = 0
    zmin: int | None = None
    zmax: int | None = None
    try:
        conn.executescript(
            """
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE UNIQUE INDEX metadata_name ON metadata (name);
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                                tile_data BLOB);
            CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
            """
        )
        for z, x, y, data in tiles:
            if not (0 <= x < (1 << z) and 0 <= y < (1 << z)):
                raise ValueError(f"tile {z}/{x}/{y} is outside zoom {z}")
            conn.execute(
                "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)",
                (z, x, (1 << z) - 1 - y, sqlite3.Binary(data)),
            )
            count += 1
            zmin = z if zmin is None else min(zmin, z)
            zmax = z if zmax is None else max(zmax, z)
        meta = dict(metadata)
        if zmin is not None and zmax is not None:
            meta.setdefault("minzoom", str(zmin))
            meta.setdefault("maxzoom", str(zmax))
        conn.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", sorted(meta.items()))
        conn.commit()
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    tmp.replace(target)
    return count
