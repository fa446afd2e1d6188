"""The ``zhijiu://`` URL scheme: everything the map page loads, served from local files — and a
guard that blocks (and records) any request the page makes to anywhere else.

URLs (the scheme has a host part, like ``http``)::

    zhijiu://web/map.html                      the page (ui.map.page, built once)
    zhijiu://web/app/{file}                    our page code (resources/web/app)
    zhijiu://web/vendor/{package}/{file}       vendored npm assets (ui.map.assets)
    zhijiu://web/basemap/{name}.geojson        the offline vector base map (app.tiles.basemap)
    zhijiu://tiles/mbtiles/{name}/{z}/{x}/{y}  a tile of an opened MBTiles file (XYZ numbering)
    zhijiu://tiles/xyz/{source}/{z}/{x}/{y}    a tile of an online source, through the tile cache
    zhijiu://media/thumb/{sha256}              a media thumbnail (when a provider is set)

Online tiles are fetched by ``CachedSource.tile`` on a small pool of worker threads
(``zhijiu-tiles-*``), never on the GUI thread; the answer is handed back to the GUI thread with a
queued signal, and dropped if Chromium cancelled the request meanwhile (the job is gone).
MBTiles reads are a local SQLite lookup and happen on the GUI thread.

:func:`register_scheme` must run before the ``QApplication`` exists (``ui.app`` and the test
``conftest.py`` call it early); :func:`install` then puts the handler and the guard on the
web profile, once.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QObject, QUrl, Signal, Slot
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from ui.map import assets, page

log = logging.getLogger(__name__)

SCHEME = b"zhijiu"
LOCAL_SCHEMES = frozenset({"zhijiu", "qrc", "data", "blob"})
TILE_WORKERS = 4

_MIME = {
    ".html": "text/html; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".geojson": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
_TILE = re.compile(r"^/(mbtiles|xyz)/([^/]+)/(\d{1,2})/(\d{1,8})/(\d{1,8})(?:\.\w+)?$")


def register_scheme() -> None:
    """Declare ``zhijiu://`` to Chromium. Call once, before the ``QApplication`` is created."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name() == QByteArray(SCHEME):
        return
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flags = QWebEngineUrlScheme.Flag
    scheme.setFlags(
        flags.SecureScheme  # a secure context: fetch(), sessionStorage
        | flags.LocalAccessAllowed  # may load qrc:///qtwebchannel/qwebchannel.js
        | flags.CorsEnabled
        | flags.FetchApiAllowed
        | flags.ContentSecurityPolicyIgnored
    )
    QWebEngineUrlScheme.registerScheme(scheme)


class TileReader(Protocol):
    def tile(self, z: int, x: int, y: int) -> bytes | None: ...


def sniff_image(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:2] == b"\x1f\x8b":
        return "application/x-protobuf"
    return "application/octet-stream"


@dataclass
class TileStats:
    """What was served: the tests and the status line read it."""

    served: dict[str, int] = field(default_factory=dict)  # "mbtiles/name" -> tiles served
    failed: dict[str, int] = field(default_factory=dict)

    def bump(self, table: dict[str, int], key: str) -> None:
        table[key] = table.get(key, 0) + 1


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``zhijiu://`` from local files, MBTiles and the tile cache (see the module text)."""

    _tileDone = Signal(int, object, str)  # job key, bytes | None, error text (worker -> GUI)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mbtiles: dict[str, TileReader] = {}
        self.xyz: dict[str, TileReader] = {}
        self.basemap: dict[str, Path] = {}
        self.basemap_layers: list[Any] = []  # app.tiles.basemap layers: name, path, style
        self.media: Callable[[str], bytes | None] | None = None
        self.stats = TileStats()
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._next = 0
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._tileDone.connect(self._on_tile_done)
        self._load_basemap()

    # ------------------------------------------------------------------ registries

    def _load_basemap(self) -> None:
        try:
            from app.tiles.basemap import basemap_layers
        except ImportError:
            log.info("no offline vector base map (app.tiles.basemap is not available)")
            return
        try:
            for layer in basemap_layers():
                self.basemap[str(layer.name)] = Path(layer.path)
                self.basemap_layers.append(layer)
        except Exception:  # a broken base map must not take the map page down
            log.exception("cannot list the offline base map layers")

    def add_mbtiles(self, name: str, reader: TileReader) -> str:
        self.mbtiles[name] = reader
        return f"zhijiu://tiles/mbtiles/{name}/{{z}}/{{x}}/{{y}}"

    def add_xyz(self, name: str, reader: TileReader) -> str:
        self.xyz[name] = reader
        return f"zhijiu://tiles/xyz/{name}/{{z}}/{{x}}/{{y}}"

    def remove_xyz(self, name: str) -> None:
        self.xyz.pop(name, None)

    def shutdown(self) -> None:
        """Stop the tile workers (in-flight fetches finish on their own; their answers are
        dropped)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ requests

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if job.requestMethod() != QByteArray(b"GET"):
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        host, path = url.host(), url.path()
        try:
            if host == "web":
                self._serve_web(job, path)
            elif host == "tiles":
                self._serve_tile(job, path)
            elif host == "media":
                self._serve_media(job, path)
            else:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        except Exception:
            log.exception("serving %s failed", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: str, data: bytes) -> None:
        buf = QBuffer(job)  # deleted with the job
        buf.setData(QByteArray(data))
        job.reply(QByteArray(mime.encode()), buf)

    def _serve_file(self, job: QWebEngineUrlRequestJob, root: Path, rel: str) -> None:
        target = (root / rel).resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        if not target.is_file():
            log.warning("map page asked for a missing file: %s", target)
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = _MIME.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._reply(job, mime, target.read_bytes())

    def _serve_web(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        if path == "/" + page.PAGE_NAME:
            self._serve_file(job, page.page_file().parent, page.PAGE_NAME)
        elif path.startswith("/app/"):
            self._serve_file(job, page.APP, path[len("/app/"):])
        elif path.startswith("/vendor/"):
            self._serve_file(job, assets.VENDOR, path[len("/vendor/"):])
        elif path.startswith("/basemap/") and path.endswith(".geojson"):
            name = path[len("/basemap/"):-len(".geojson")]
            source = self.basemap.get(name)
            if source is None or not source.is_file():
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            self._reply(job, "application/json", source.read_bytes())
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _serve_tile(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        m = _TILE.match(path)
        if not m:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        kind, name = m.group(1), QUrl.fromPercentEncoding(m.group(2).encode())
        z, x, y = int(m.group(3)), int(m.group(4)), int(m.group(5))
        key = f"{kind}/{name}"
        if kind == "mbtiles":
            reader = self.mbtiles.get(name)
            data = reader.tile(z, x, y) if reader is not None else None
            if data:
                self.stats.bump(self.stats.served, key)
                self._reply(job, sniff_image(data), data)
            else:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        reader = self.xyz.get(name)
        if reader is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._next += 1
        jid = self._next
        self._jobs[jid] = job
        job.destroyed.connect(lambda *_a, j=jid: self._jobs.pop(j, None))  # cancelled by Chromium
        self._submit(jid, key, reader, z, x, y)

    def _submit(self, jid: int, key: str, reader: TileReader, z: int, x: int, y: int) -> None:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(TILE_WORKERS, thread_name_prefix="zhijiu-tiles")
            pool = self._pool

        def fetch() -> None:  # on a worker thread: no Qt objects but the signal
            try:
                data = reader.tile(z, x, y)
                self._tileDone.emit(jid, data, key)
            except Exception as exc:
                log.info("tile %s %s/%s/%s failed: %s", key, z, x, y, exc)
                self._tileDone.emit(jid, None, key)

        future: Future[Any] = pool.submit(fetch)
        del future

    @Slot(int, object, str)
    def _on_tile_done(self, jid: int, data: bytes | None, key: str) -> None:
        job = self._jobs.pop(jid, None)
        if job is None:
            return  # the page no longer wants it
        if data:
            self.stats.bump(self.stats.served, key)
            self._reply(job, sniff_image(data), data)
        else:
            self.stats.bump(self.stats.failed, key)
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _serve_media(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        m = re.match(r"^/thumb/([0-9a-f]{64})$", path)
        data = self.media(m.group(1)) if (m and self.media is not None) else None
        if not data:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, sniff_image(data), data)


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request whose scheme is not local, and remembers it.

    The map must work with the network gone; a page that quietly asks the internet for a font
    works in the office and fails in the valley. Online tiles go through ``zhijiu://tiles/xyz``
    (fetched by Python, kept in the cache), never straight from the page.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            return
        with self._lock:
            self.blocked.append(url.toString())
        log.warning("map page request blocked (not local): %s", url.toString())
        info.block(True)


@dataclass
class Installed:
    handler: SchemeHandler
    guard: OfflineGuard


_installed: dict[int, Installed] = {}


def install(profile: QWebEngineProfile | None = None) -> Installed:
    """The handler and guard of ``profile`` (the default profile when None), installed once."""
    profile = profile or QWebEngineProfile.defaultProfile()
    key = int(shiboken6.getCppPointer(profile)[0])  # wrappers come and go; the profile stays
    done = _installed.get(key)
    if done is not None:
        return done
    if QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name() != QByteArray(SCHEME):
        raise RuntimeError("ui.map.scheme.register_scheme() must run before the QApplication")
    handler = SchemeHandler(profile)
    guard = OfflineGuard(profile)
    profile.installUrlSchemeHandler(QByteArray(SCHEME), handler)
    profile.setUrlRequestInterceptor(guard)
    done = _installed[key] = Installed(handler, guard)
    return done
