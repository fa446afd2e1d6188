"""MBTiles: XYZ in, TMS rows in the file; metadata, format, zooms, bounds; read-only; and a clear
`TileError` for files that are not MBTiles."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from loopback_tiles import make_png

from app.tiles.mbtiles import MBTiles, TileError, sniff_format, write_mbtiles

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
TILES = [
    (z, x, y, make_png(z, x, y)) for z in range(3) for x in range(1 << z) for y in range(1 << z)
]
META = {
    "name": "测试底图",
    "format": "png",
    "bounds": "105.2,28.1,110.2,32.3",
    "attribution": "test",
}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "base.mbtiles"
    assert write_mbtiles(path, TILES, META) == len(TILES)
    return path


def test_reads_xyz_and_stores_tms_rows(package: Path) -> None:
    with MBTiles(package) as mb:
        for z, x, y, data in TILES:
            assert mb.tile(z, x, y) == data
        # XYZ row 0 is the north; the file keeps the TMS row (2**z - 1 - y)
        assert mb.tile(2, 1, 0) == make_png(2, 1, 0)
    conn = sqlite3.connect(package)
    row = conn.execute(
        "SELECT tile_data FROM tiles WHERE zoom_level=2 AND tile_column=1 AND tile_row=3"
    ).fetchone()
    conn.close()
    assert row[0] == make_png(2, 1, 0)


def test_metadata_format_zooms_bounds(package: Path) -> None:
    with MBTiles(package) as mb:
        meta = mb.metadata()
        assert meta["name"] == "测试底图"
        assert meta["minzoom"] == "0" and meta["maxzoom"] == "2"  # added from the tiles
        assert mb.format == "png"
        assert (mb.minzoom, mb.maxzoom) == (0, 2)
        assert mb.bounds == (105.2, 28.1, 110.2, 32.3)
        assert mb.name == "测试底图"
        meta["name"] = "changed"
        assert mb.metadata()["name"] == "测试底图"  # a copy


def test_missing_tiles_are_none(package: Path) -> None:
    with MBTiles(package) as mb:
        assert mb.tile(3, 0, 0) is None  # no such zoom in the file
        assert mb.tile(1, 2, 0) is None  # outside the zoom's grid
        assert mb.tile(1, 0, -1) is None
        assert mb.tile(-1, 0, 0) is None


def test_format_sniffed_when_metadata_is_silent(tmp_path: Path) -> None:
    path = tmp_path / "photo.mbtiles"
    write_mbtiles(path, [(5, 10, 12, JPEG)], {"name": "x"})
    with MBTiles(path) as mb:
        assert mb.format == "jpg"
        assert (mb.minzoom, mb.maxzoom) == (5, 5)
        assert mb.bounds == (-180.0, -85.0511, 180.0, 85.0511)
        assert mb.tile(5, 10, 12) == JPEG
    assert sniff_format(JPEG) == "jpg"
    assert sniff_format(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert sniff_format(b"\x1f\x8b\x08\x00") == "pbf"
    assert sniff_format(b"<html>") is None


def test_opened_read_only(package: Path) -> None:
    before = hashlib.sha256(package.read_bytes()).hexdigest()
    mb = MBTiles(package)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        mb._conn.execute("DELETE FROM tiles")
    mb.close()
    assert hashlib.sha256(package.read_bytes()).hexdigest() == before
    assert not package.with_name(package.name + "-journal").exists()


def test_reads_from_threads(package: Path) -> None:
    errors: list[BaseException] = []
    with MBTiles(package) as mb:

        def work() -> None:
            try:
                for _ in range(50):
                    for z, x, y, data in TILES:
                        assert mb.tile(z, x, y) == data
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors


def test_write_replaces_and_rejects_bad_tiles(tmp_path: Path) -> None:
    path = tmp_path / "a.mbtiles"
    write_mbtiles(path, [(0, 0, 0, b"old")], {"name": "a"})
    write_mbtiles(path, [(0, 0, 0, make_png(0, 0, 0))], {"name": "a", "format": "png"})
    with MBTiles(path) as mb:
        assert mb.tile(0, 0, 0) == make_png(0, 0, 0)
    with pytest.raises(ValueError, match="outside"):
        write_mbtiles(path, [(1, 2, 0, b"x")], {"name": "a"})
    with MBTiles(path) as mb:  # the failed write left the old package in place
        assert mb.tile(0, 0, 0) == make_png(0, 0, 0)
    assert not list(tmp_path.glob("*.part"))


def test_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbtiles"
    path.write_text("these are not tiles\n")
    with pytest.raises(TileError, match="not an MBTiles package.*not an SQLite database"):
        MBTiles(path)


def test_sqlite_without_tables_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(TileError, match="missing table tiles"):
        MBTiles(path)
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(TileError, match="missing table metadata, tiles"):
        MBTiles(empty)


def test_wrong_columns_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE metadata (name, value); CREATE TABLE tiles (a, b);")
    conn.close()
    with pytest.raises(TileError, match="not a usable MBTiles package"):
        MBTiles(path)
    with pytest.raises(TileError, match="no such MBTiles file"):
        MBTiles(tmp_path / "absent.mbtiles")
    with pytest.raises(TileError, match="no such MBTiles file"):
        MBTiles(tmp_path)  # a folder


def test_any_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "我的 底图 #1%"
    folder.mkdir()
    path = folder / "重庆 影像?.mbtiles"
    write_mbtiles(path, [(1, 0, 0, make_png(1, 0, 0))], {"name": "x", "format": "png"})
    with MBTiles(path) as mb:
        assert mb.tile(1, 0, 0) == make_png(1, 0, 0)
