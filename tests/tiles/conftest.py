"""Fixtures for the tile tests: a loopback tile server, a tile cache, no proxies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback_tiles import LoopbackTileServer

from app.tiles.cache import TileCache


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib honours *_proxy variables: a test must talk to 127.0.0.1 directly
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def tile_server() -> Iterator[LoopbackTileServer]:
    with LoopbackTileServer() as server:
        yield server


@pytest.fixture
def cache(tmp_path: Path) -> TileCache:
    return TileCache(tmp_path / "tiles")
