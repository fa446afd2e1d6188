"""CAP importers (a file, a zip of alerts, an HTTP feed) and the exporter, plus the feed source
that polls an HTTP feed. A feed is a single alert, an Atom feed whose entries link to alerts or
hold them, or an RSS feed; fetching is bounded in size, count and time."""

from __future__ import annotations

import io
import logging
import threading
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from typing import Any

from defusedxml import ElementTree as SafeET

from plugins.api import ImportReport, InputError, Parsed, PluginContext, Problem, now_ms

from . import cap

log = logging.getLogger(__name__)

MAX_FETCH_BYTES = 4 * 1024 * 1024
MAX_FEED_ENTRIES = 200
FETCH_TIMEOUT_S = 15
ATOM = "{http://www.w3.org/2005/Atom}"


def _warnings(ctx: PluginContext | None) -> list[Any]:
    return ctx.store.entities("warning", include_deleted=True) if ctx is not None else []


def import_cap(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    """A CAP alert, or a zip of them (what ``export --format cap`` writes)."""
    if data[:4] == b"PK\x03\x04":
        return import_cap_zip(ctx, data, name)
    return cap.parse_alerts([(data, name or "alert")], _warnings(ctx))


def import_cap_zip(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a zip file") from None
    items = []
    for info in zf.infolist()[:5000]:
        if info.filename.lower().endswith(".xml"):
            if info.file_size > cap.MAX_ALERT_BYTES:
                items.append((b"", f"{info.filename}: larger than the limit"))
                continue
            items.append((zf.read(info), info.filename))
    return cap.parse_alerts(items, _warnings(ctx))


def fetch(url: str, limit: int = MAX_FETCH_BYTES) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{url}: only http:// and https:// feeds")
    req = urllib.request.Request(url, headers={"User-Agent": "zhijiu-cap/1"})
    try:
        with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT_S) as resp:  # noqa: S310 (scheme checked)
            data: bytes = resp.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{url}: {getattr(exc, 'reason', None) or exc}") from None
    if len(data) > limit:
        raise InputError(f"{url}: larger than {limit >> 20} MiB")
    return data


def import_feed(ctx: PluginContext | None, url: str) -> Parsed:
    """Every alert an HTTP feed offers (linked or inline)."""
    data = fetch(url)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        raise InputError(f"{url} line {exc.position[0]}: not well-formed XML") from None
    if root.tag == cap.Q + "alert":
        return cap.parse_alerts([(data, url)], _warnings(ctx))
    items: list[tuple[bytes, str]] = []
    problems: list[Problem] = []
    entries = root.findall(f"{ATOM}entry") or root.findall("./channel/item")
    for n, entry in enumerate(entries[:MAX_FEED_ENTRIES], 1):
        inline = entry.find(f".//{cap.Q}alert")
        if inline is not None:
            items.append((ET.tostring(inline, encoding="utf-8"), f"{url} entry {n}"))
            continue
        link = entry.find(f"{ATOM}link")
        href = link.get("href") if link is not None else (entry.findtext("link") or "").strip()
        if not href:
            problems.append(Problem(f"{url} entry {n}", "no link to an alert"))
            continue
        href = urllib.parse.urljoin(url, href)
        try:
            items.append((fetch(href, cap.MAX_ALERT_BYTES), href))
        except InputError as exc:
            problems.append(Problem(f"{url} entry {n}", str(exc)))
    parsed = cap.parse_alerts(items, _warnings(ctx))
    parsed.problems = problems + parsed.problems
    return parsed


def export_cap(ctx: PluginContext) -> bytes:
    """Every warning as a CAP 1.2 alert, one file each, in a zip."""
    buf = io.BytesIO()
    sent = now_ms()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for w in ctx.store.entities("warning"):
            zf.writestr(f"{w.eid}.xml", cap.alert_for(w, ctx.post_id, sent))
    return buf.getvalue()


class CapFeed:
    """Polls an HTTP feed every ``interval_s`` and writes what changed (the feed contribution)."""

    def __init__(self, ctx: PluginContext, url: str, interval_s: float = 300.0,
                 on_report: Callable[[ImportReport], None] | None = None) -> None:
        self.ctx, self.url, self.interval_s, self.on_report = ctx, url, interval_s, on_report
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cap-feed", daemon=True)

    def start(self) -> CapFeed:
        self._thread.start()
        self.ctx.on_unload(self.stop)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=FETCH_TIMEOUT_S + 1)

    def poll(self) -> ImportReport:
        try:
            report = self.ctx.write(import_feed(self.ctx, self.url))
            self.last_error = None
        except InputError as exc:
            self.last_error = str(exc)
            log.warning("CAP feed: %s", exc)
            report = ImportReport(problems=[Problem(self.url, str(exc))])
        if self.on_report:
            self.on_report(report)
        return report

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval_s)


def make_feed(ctx: PluginContext, url: str, interval_s: float = 300.0) -> CapFeed:
    return CapFeed(ctx, url, interval_s).start()
