"""`zhijiu import` / `export` for the formats the plugins bring (GeoJSON, KML/KMZ, CSV, CAP, CoT,
TAK data packages). The json dump stays in ``app.cli``; everything else goes through the plugin
host, so a format a plugin adds is on the command line too.

An import takes a file, a folder (every file in it with the format's extensions) or, for formats
that read feeds, an http(s) URL. What cannot be read is listed on stderr with the line or element
at fault; the rest is taken. A file that cannot be read at all is one line and exit 1.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app.datadir import PostFolder
from app.plugin_host import Contribution, PluginError, PluginHost
from app.services.interop import ImportReport, Problem
from app.store.store import Store
from plugins.api import InputError, Parsed, PluginContext

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 256 * 1024 * 1024
SHOWN_PROBLEMS = 20


class InteropError(Exception):
    """One line for the user: the format is unknown, the file unreadable, the plugin failed."""


def make_host(folder: PostFolder, store: Store, operator: str) -> PluginHost:
    assert store.identity is not None
    post_id = store.identity.post_id

    def context(plugin_id: str) -> PluginContext:
        return PluginContext(store=store, operator=operator, post_id=post_id, data_dir=folder.path,
                             log=logging.getLogger(f"plugins.{plugin_id}"))

    host = PluginHost(context, settings_dir=folder.path)
    host.discover()
    host.load_enabled()
    return host


def guess_format(host: PluginHost, path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    for c in host.contributions("importers"):
        if suffix in c.extensions:
            return c.format
    return None


def _importer(host: PluginHost, fmt: str, url: bool) -> Contribution:
    for c in host.contributions("importers"):
        if c.format == fmt and bool(c.options.get("accepts_url")) == url:
            return c
    known = ", ".join(host.formats("importers")) or "none (no plugin loaded)"
    raise InteropError(f"no importer for {fmt!r}{' feeds' if url else ''}; formats: {known}")


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InteropError(f"{path}: larger than {MAX_FILE_BYTES >> 20} MiB")
        return path.read_bytes()
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None


def run_import(host: PluginHost, source: str, fmt: str | None) -> ImportReport:
    is_url = source.startswith(("http://", "https://"))
    fmt = fmt or (None if is_url else guess_format(host, source))
    if fmt is None:
        raise InteropError(f"cannot tell the format of {source}: give --format")
    importer = _importer(host, fmt, is_url)
    ctx = host.context(importer.plugin_id)
    assert ctx is not None
    parsed = Parsed()
    try:
        if is_url:
            parsed = host.call(importer, source)
        elif Path(source).is_dir():
            files = sorted(p for p in Path(source).iterdir()
                           if p.is_file() and p.suffix.lower() in importer.extensions)
            if not files:
                raise InteropError(f"{source}: no {', '.join(importer.extensions)} files in it")
            for p in files:
                try:
                    parsed.extend(host.call(importer, _read(p), p.name))
                except InputError as exc:
                    parsed.problems.append(Problem(p.name, str(exc)))
        else:
            parsed = host.call(importer, _read(Path(source)), Path(source).name)
    except InputError as exc:
        raise InteropError(f"{source}: {exc}") from None
    except PluginError as exc:
        raise InteropError(str(exc)) from None
    return ctx.write(parsed)


def run_export(host: PluginHost, fmt: str) -> bytes:
    exporter = host.find("exporters", fmt)
    if exporter is None:
        raise InteropError(f"no exporter for {fmt!r}; formats: {', '.join(host.formats('exporters'))}")
    try:
        data = host.call(exporter)
    except PluginError as exc:
        raise InteropError(str(exc)) from None
    if not isinstance(data, bytes):
        raise InteropError(f"plugin {exporter.plugin_id}: the {fmt} exporter returned no bytes")
    return data


def write_bytes(data: bytes, path: str | None) -> None:
    if path is None or path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out = Path(path)
    tmp = out.with_name(out.name + ".partial")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InteropError(f"cannot write {path}: {exc.strerror or exc}") from None


def print_report(report: ImportReport) -> None:
    print(f"imported: {report.summary()}")
    for p in report.problems[:SHOWN_PROBLEMS]:
        print(f"  skipped {p}", file=sys.stderr)
    if len(report.problems) > SHOWN_PROBLEMS:
        print(f"  … and {len(report.problems) - SHOWN_PROBLEMS} more", file=sys.stderr)
