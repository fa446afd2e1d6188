"""The tile cache: round trip, counts and sizes, atomic files, refusing bad or huge tiles,
dropping damaged files, one folder per source, many threads at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from loopback_tiles import make_png

from app.tiles.cache import MAX_TILE_BYTES, TileCache, source_folder
from app.tiles.sources import OSM_STANDARD, TIANDITU_VECTOR


def test_round_trip(cache: TileCache) -> None:
    data = make_png(12, 3245, 1702)
    assert cache.get("osm", 12, 3245, 1702) is None
    assert cache.put("osm", 12, 3245, 1702, data)
    assert cache.get("osm", 12, 3245, 1702) == data
    assert cache.has("osm", 12, 3245, 1702)
    assert cache.count() == 1
    assert cache.size_bytes() == len(data)
    # a new cache over the same folder sees it: the tiles are on disk
    again = TileCache(cache.root)
    assert again.get("osm", 12, 3245, 1702) == data


def test_sources_are_kept_apart(cache: TileCache) -> None:
    a, b = make_png(1, 0, 0), make_png(1, 1, 1)
    cache.put(TIANDITU_VECTOR, 1, 0, 0, a)
    cache.put(OSM_STANDARD, 1, 0, 0, b)
    assert cache.get(TIANDITU_VECTOR, 1, 0, 0) == a
    assert cache.get(OSM_STANDARD.name, 1, 0, 0) == b  # a source or its name
    assert cache.count(TIANDITU_VECTOR) == 1
    assert cache.count() == 2
    assert cache.size_bytes(OSM_STANDARD) == len(b)
    folder = source_folder(TIANDITU_VECTOR)
    assert folder.isascii() and "/" not in folder
    assert source_folder("a/b") != source_folder("a_b")


def test_overwrite_counts_once(cache: TileCache) -> None:
    cache.put("s", 3, 1, 1, make_png(3, 1, 1))
    cache.put("s", 3, 1, 1, make_png(3, 2, 2))
    assert cache.count() == 1
    assert cache.get("s", 3, 1, 1) == make_png(3, 2, 2)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body>quota exceeded</body></html>",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_TILE_BYTES,  # huge
    ],
    ids=["empty", "html", "huge"],
)
def test_bad_or_huge_tiles_are_refused(cache: TileCache, data: bytes) -> None:
    assert cache.put("s", 1, 0, 0, data) is False
    assert cache.get("s", 1, 0, 0) is None
    assert cache.count() == 0
    assert not list(cache.root.rglob("*.part"))


def test_damaged_file_is_a_miss_and_is_removed(cache: TileCache) -> None:
    cache.put("s", 2, 1, 1, make_png(2, 1, 1))
    path = cache.path("s", 2, 1, 1)
    path.write_bytes(b"")  # e.g. a power cut on a file system without ordered writes
    assert cache.get("s", 2, 1, 1) is None
    assert not path.exists()


def test_no_tile_outside_the_grid(cache: TileCache) -> None:
    for z, x, y in [(1, 2, 0), (1, 0, 2), (1, -1, 0), (-1, 0, 0), (31, 0, 0)]:
        with pytest.raises(ValueError):
            cache.put("s", z, x, y, make_png(0, 0, 0))
        assert cache.get("s", z, x, y) is None  # a read off the grid is just a miss
        assert not cache.has("s", z, x, y)


def test_an_empty_file_is_not_cached(cache: TileCache) -> None:
    cache.put("s", 2, 1, 1, make_png(2, 1, 1))
    cache.path("s", 2, 1, 1).write_bytes(b"")
    assert not cache.has("s", 2, 1, 1)  # so a resumed download fetches it again


def test_writes_are_atomic_temp_files_ignored(cache: TileCache) -> None:
    cache.put("s", 4, 3, 3, make_png(4, 3, 3))
    folder = cache.path("s", 4, 3, 3).parent
    (folder / ".3.xyz.part").write_bytes(b"half a tile")  # a write that never finished
    assert cache.count() == 1
    assert cache.size_bytes() == len(make_png(4, 3, 3))
    assert [p.name for p in folder.iterdir() if p.suffix == ".tile"] == ["3.tile"]


def test_many_threads(cache: TileCache, tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(64):
                x = (i + offset) % 16
                data = make_png(4, x, i % 16)
                cache.put("s", 4, x, i % 16, data)
                got = cache.get("s", 4, x, i % 16)
                assert got is not None and got[:8] == data[:8]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert cache.count() <= 256
    assert not list(cache.root.rglob("*.part"))
