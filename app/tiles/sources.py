"""Online XYZ tile sources: their URLs, terms and datum, fetching one tile, and a cached reader.

A `TileSource` says where tiles come from (``{z}/{x}/{y}``, ``{s}`` for a subdomain, ``{tk}`` for
an access key filled from the post's settings), which datum its tiles are drawn in (WGS-84, or
GCJ-02 for AMap-style servers), and whether its terms allow bulk ("download this area") use.

`fetch` gets one tile with urllib and never raises for a network problem: no network, a refused
connection, a timeout, an HTTP error or a reply that is not a tile all give None. `CachedSource`
reads through a `TileCache`: the disk first, then the network, keeping what it fetched; after a
connection-level failure it stays offline for a short while instead of making every tile wait
for its own timeout (a post in a valley must not freeze the map).
"""

from __future__ import annotations

import http.client
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Literal

from app.tiles.cache import MAX_TILE_BYTES, TileCache, tile_problem, valid_tile

__all__ = [
    "BUILTIN_SOURCES",
    "OSM_STANDARD",
    "TIANDITU_IMAGE",
    "TIANDITU_IMAGE_LABELS",
    "TIANDITU_VECTOR",
    "TIANDITU_VECTOR_LABELS",
    "USER_AGENT",
    "CachedSource",
    "FetchResult",
    "TileSource",
    "custom",
    "fetch",
    "fetch_result",
    "source_by_name",
    "tile_url",
]

log = logging.getLogger(__name__)

CoordSystem = Literal["wgs84", "gcj02"]


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("zhijiu")
    except (ImportError, PackageNotFoundError):
        return "0"


# Tile servers (OpenStreetMap's policy in particular) ask for an identifying User-Agent.
USER_AGENT = f"Zhijiu/{_version()} (zhijiu emergency command post; offline-first desktop)"


@dataclass(frozen=True)
class TileSource:
    """An online XYZ tile source.

    ``url_template`` has ``{z}``, ``{x}``, ``{y}`` (XYZ numbering, row 0 at the north), optionally
    ``{s}`` (one of ``subdomains``, spread by tile) and ``{tk}`` (the access key given to `fetch`).
    ``allow_bulk_download`` is True only when the source's terms allow downloading an area ahead of
    time — the agency's own tile server, or a source it is authorised to copy; ``terms`` says why
    when they do not. ``overlay`` marks a transparent layer (labels) drawn over a base layer.
    """

    name: str
    url_template: str
    subdomains: tuple[str, ...] = ()
    allow_bulk_download: bool = False
    coord_system: CoordSystem = "wgs84"
    attribution: str = ""
    max_zoom: int = 18
    min_zoom: int = 0
    terms: str = ""
    overlay: bool = False

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a tile source needs a name")
        for part in ("{z}", "{x}", "{y}"):
            if part not in self.url_template:
                raise ValueError(f"tile source {self.name!r}: the URL template lacks {part}")
        if "{s}" in self.url_template and not self.subdomains:
            raise ValueError(f"tile source {self.name!r}: the URL has {{s}} but no subdomains")
        scheme = urllib.parse.urlsplit(self.url_template).scheme.lower()
        if scheme not in ("http", "https"):
            raise ValueError(f"tile source {self.name!r}: only http and https URLs are supported")
        if self.coord_system not in ("wgs84", "gcj02"):
            raise ValueError(f"tile source {self.name!r}: coord_system must be wgs84 or gcj02")
        if not (0 <= self.min_zoom <= self.max_zoom <= 24):
            raise ValueError(f"tile source {self.name!r}: bad zoom range")

    @property
    def needs_key(self) -> bool:
        """True when the URL has a ``{tk}`` key placeholder (天地图)."""
        return "{tk}" in self.url_template


_TIANDITU_TERMS = (
    "天地图 tiles may be downloaded in bulk only with the agency's authorisation: "
    "add the agency's own tile service as a custom source that allows bulk download"
)
_TIANDITU_ATTRIBUTION = "© 天地图 国家地理信息公共服务平台"
_TIANDITU_SUBDOMAINS = tuple(str(i) for i in range(8))


def _tianditu(layer: str, label: str, *, overlay: bool = False) -> TileSource:
    # Web-Mercator ("_w") WMTS in KVP form; TILEMATRIX/TILEROW/TILECOL are z/y/x in XYZ numbering.
    url = (
        f"https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
        f"&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
        "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"
    )
    return TileSource(
        name=label,
        url_template=url,
        subdomains=_TIANDITU_SUBDOMAINS,
        allow_bulk_download=False,
        coord_system="wgs84",  # CGCS2000, equal to WGS-84 at map precision
        attribution=_TIANDITU_ATTRIBUTION,
        max_zoom=18,
        min_zoom=1,
        terms=_TIANDITU_TERMS,
        overlay=overlay,
    )


TIANDITU_VECTOR = _tianditu("vec", "天地图 矢量")
TIANDITU_VECTOR_LABELS = _tianditu("cva", "天地图 矢量注记", overlay=True)
TIANDITU_IMAGE = _tianditu("img", "天地图 影像")
TIANDITU_IMAGE_LABELS = _tianditu("cia", "天地图 影像注记", overlay=True)

OSM_STANDARD = TileSource(
    name="OpenStreetMap",
    url_template="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    allow_bulk_download=False,
    coord_system="wgs84",
    attribution="© OpenStreetMap contributors",
    max_zoom=19,
    terms="OpenStreetMap's tile usage policy forbids bulk downloading (prefetching) of its tiles",
)

BUILTIN_SOURCES: tuple[TileSource, ...] = (
    TIANDITU_VECTOR,
    TIANDITU_VECTOR_LABELS,
    TIANDITU_IMAGE,
    TIANDITU_IMAGE_LABELS,
    OSM_STANDARD,
)


def source_by_name(name: str) -> TileSource | None:
    """The built-in source of that name, or None."""
    return next((s for s in BUILTIN_SOURCES if s.name == name), None)


def custom(
    name: str,
    url: str,
    allow_bulk: bool,
    *,
    subdomains: tuple[str, ...] = (),
    coord_system: CoordSystem = "wgs84",
    attribution: str = "",
    max_zoom: int = 18,
) -> TileSource:
    """A source the agency configures (its own tile server, say); ValueError for a bad URL."""
    return TileSource(
        name=name,
        url_template=url,
        subdomains=subdomains,
        allow_bulk_download=allow_bulk,
        coord_system=coord_system,
        attribution=attribution,
        max_zoom=max_zoom,
        terms="" if allow_bulk else f"{name} is not configured to allow bulk download",
    )


def tile_url(source: TileSource, z: int, x: int, y: int, key: str | None = None) -> str:
    """The URL of one tile; ValueError when the source needs a key and none is given."""
    if source.needs_key and not key:
        raise ValueError(f"{source.name} needs an access key (tk) in the settings")
    sub = source.subdomains[(x + y) % len(source.subdomains)] if source.subdomains else ""
    return (
        source.url_template.replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{y}", str(y))
        .replace("{s}", sub)
        .replace("{tk}", urllib.parse.quote(key or "", safe=""))
    )


@dataclass(frozen=True)
class FetchResult:
    """What one fetch gave: the tile, or why not. ``offline`` marks connection-level failures
    (no route, refused, timeout), as opposed to the server answering without a tile."""

    data: bytes | None
    status: int | None = None
    error: str = ""
    offline: bool = False


def fetch_result(
    source: TileSource, z: int, x: int, y: int, timeout: float = 5.0, key: str | None = None
) -> FetchResult:
    """Fetch one tile; never raises for a network or server problem (see `FetchResult`)."""
    if not valid_tile(z, x, y):
        return FetchResult(None, error=f"no such tile: {z}/{x}/{y}")
    if not (source.min_zoom <= z <= source.max_zoom):
        return FetchResult(None, error=f"zoom {z} is outside {source.min_zoom}–{source.max_zoom}")
    try:
        url = tile_url(source, z, x, y, key)
    except ValueError as exc:
        return FetchResult(None, error=str(exc))
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "image/*,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            status = int(reply.status)
            data = reply.read(MAX_TILE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        return FetchResult(None, status=exc.code, error=f"HTTP {exc.code}")
    except (OSError, http.client.HTTPException, ValueError) as exc:
        # URLError (no route, refused, DNS), TimeoutError, a connection cut mid-reply
        return FetchResult(
            None, error=str(getattr(exc, "reason", exc)) or type(exc).__name__, offline=True
        )
    if status != 200:
        return FetchResult(None, status=status, error=f"HTTP {status}")
    problem = tile_problem(data)
    if problem is not None:
        return FetchResult(None, status=status, error=f"bad tile: {problem}")
    return FetchResult(data, status=status)


def fetch(
    source: TileSource, z: int, x: int, y: int, timeout: float = 5.0, key: str | None = None
) -> bytes | None:
    """One tile from the network, or None (offline, HTTP error, not a tile); never raises."""
    result = fetch_result(source, z, x, y, timeout=timeout, key=key)
    if result.data is None:
        log.debug("tile %s %d/%d/%d: %s", source.name, z, x, y, result.error)
    return result.data


class CachedSource:
    """A source read through the disk cache: ``tile(z, x, y)`` is cache first, then network.

    Thread-safe. After a connection-level failure the network is not tried again for
    ``retry_after`` seconds (cached tiles are still served), so an offline post does not wait
    ``timeout`` seconds for each tile of the screen.
    """

    def __init__(
        self,
        source: TileSource,
        cache: TileCache,
        *,
        key: str | None = None,
        timeout: float = 5.0,
        retry_after: float = 15.0,
    ) -> None:
        self.source = source
        self.cache = cache
        self.key = key
        self.timeout = timeout
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._offline_until = 0.0

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def offline(self) -> bool:
        """True while the source is considered unreachable (after a connection failure)."""
        with self._lock:
            return time.monotonic() < self._offline_until

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        data = self.cache.get(self.source, z, x, y)
        if data is not None:
            return data
        if self.offline:
            return None
        result = fetch_result(self.source, z, x, y, timeout=self.timeout, key=self.key)
        if result.offline:
            with self._lock:
                self._offline_until = time.monotonic() + self.retry_after
            log.info(
                "%s unreachable (%s); using cached tiles only for %.0f s",
                self.source.name,
                result.error,
                self.retry_after,
            )
            return None
        if result.data is None:
            return None
        self.cache.put(self.source, z, x, y, result.data)
        return result.data
