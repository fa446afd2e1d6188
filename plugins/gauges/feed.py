"""The gauge feed: polls an HTTP endpoint and/or a watched folder every ``interval_s`` and
records the readings it finds through the one write path (``ctx.record_readings``).

A reading already held is not written again (the service gives a fed reading an id of its own
values), so a source that repeats its last day costs nothing. A source that is down, slow or
sends garbage is logged and shown in the plugin manager (``ctx.report_problem``), and tried again
sooner than the normal interval — after ``retry_s``, doubling up to ``interval_s`` —; once it
works again the problem is cleared. A folder file is read again only when it changes; a file
being written (unreadable now) is read on the next pass. ``stop()`` (run at unload) ends the
thread within one fetch timeout.

feeds.json::

    {"gauges": {"url": "http://hydro.local/api/readings.json", "folder": "station-drop",
                "interval_s": 300}}

``folder`` may be relative to the post's folder.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.api import FedReadings, InputError, PluginContext, Refused

from . import readings

log = logging.getLogger(__name__)

MAX_FETCH_BYTES = 8 * 1024 * 1024
MAX_FILES_PER_PASS = 500
FOLDER_SUFFIXES = (".json", ".csv", ".txt")
PROBLEMS_SHOWN = 3


@dataclass
class PassResult:
    """What one pass over the sources did."""

    added: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)  # row problems: the source worked
    failures: list[str] = field(default_factory=list)  # a source that could not be read
    alerts: list[tuple[str, str]] = field(default_factory=list)

    def take(self, fed: FedReadings, name: str) -> None:
        self.added += fed.added
        self.already += fed.already
        self.problems += [f"{name}: {where}: {why}" for where, why in fed.problems]
        self.alerts += fed.alerts


def fetch(url: str, timeout_s: float) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "zhijiu-gauges/1",
                                               "Accept": "application/json, text/csv"})
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:  # noqa: S310 (scheme checked)
            data: bytes = resp.read(MAX_FETCH_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except OSError as exc:  # refused, timed out, no route
        raise InputError(f"{url}: {getattr(exc, 'reason', None) or exc}") from None
    if len(data) > MAX_FETCH_BYTES:
        raise InputError(f"{url}: larger than {MAX_FETCH_BYTES >> 20} MiB")
    return data


class GaugeFeed:
    def __init__(self, ctx: PluginContext, url: str | None = None, folder: str | None = None,
                 interval_s: float = 300.0, retry_s: float = 30.0, timeout_s: float = 15.0) -> None:
        if not url and not folder:
            raise ValueError("the gauges feed needs a 'url' or a 'folder'")
        if url is not None and (not isinstance(url, str) or not url.startswith(("http://", "https://"))):
            raise ValueError(f"'url' must be an http:// or https:// address, not {url!r}")
        for name, value in (("interval_s", interval_s), ("retry_s", retry_s), ("timeout_s", timeout_s)):
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise ValueError(f"'{name}' must be a positive number of seconds, not {value!r}")
        self.ctx = ctx
        self.url = url
        self.folder: Path | None = None
        if folder:
            path = Path(folder).expanduser()
            self.folder = path if path.is_absolute() or ctx.data_dir is None else ctx.data_dir / path
        self.interval_s, self.retry_s, self.timeout_s = float(interval_s), float(retry_s), float(timeout_s)
        self.passes = 0
        self.failed_in_a_row = 0  # passes where a source could not be read
        self.added = 0
        self.last: PassResult | None = None
        self.last_problem: str | None = None
        self._seen: dict[Path, tuple[int, int]] = {}  # folder file -> (size, mtime_ns) read
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gauges-feed", daemon=True)

    def start(self) -> GaugeFeed:
        self.ctx.on_unload(self.stop)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.timeout_s + 5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # ------------------------------------------------------------------ one pass

    def poll(self) -> PassResult:
        """Read every source once and record what is new; says what went wrong."""
        result = PassResult()
        if self.url:
            try:
                rows = readings.parse(fetch(self.url, self.timeout_s), self.url)
                result.take(self.ctx.record_readings(rows), self.url)
            except (InputError, Refused) as exc:
                result.failures.append(str(exc))
        if self.folder is not None:
            self._poll_folder(result)
        self.passes += 1
        self.added += result.added
        self.failed_in_a_row = self.failed_in_a_row + 1 if result.failures else 0
        self.last = result
        self._report(result)
        return result

    def _poll_folder(self, result: PassResult) -> None:
        assert self.folder is not None
        try:
            files = sorted(p for p in self.folder.iterdir()
                           if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        except OSError as exc:
            result.failures.append(f"{self.folder}: {exc.strerror or exc}")
            return
        for path in files[:MAX_FILES_PER_PASS]:
            try:
                st = path.stat()
                stamp = (st.st_size, st.st_mtime_ns)
                if self._seen.get(path) == stamp:
                    continue
                rows = readings.parse(path.read_bytes(), path.name)
                result.take(self.ctx.record_readings(rows), path.name)
                self._seen[path] = stamp
            except OSError as exc:
                result.failures.append(f"{path.name}: {exc.strerror or exc}")
            except (InputError, Refused) as exc:
                result.failures.append(str(exc))
                self._seen[path] = stamp  # garbage stays garbage until the station writes it again

    def _report(self, result: PassResult) -> None:
        for gauge_id, alert in result.alerts:
            log.warning("gauge %s is now %s", gauge_id, alert)
        if result.added:
            log.info("gauges feed: %d new readings (%d already held)", result.added, result.already)
        trouble = result.failures + result.problems
        if not trouble:
            problem = None
        else:
            problem = "; ".join(trouble[:PROBLEMS_SHOWN])
            if len(trouble) > PROBLEMS_SHOWN:
                problem += f"; and {len(trouble) - PROBLEMS_SHOWN} more"
            if result.failures:
                problem += f" (trying again in {self._delay():g} s)"
            log.warning("gauges feed: %s", problem)
        self.last_problem = problem
        self.ctx.report_problem(problem)

    # ------------------------------------------------------------------ the thread

    def _delay(self) -> float:
        """After a failed pass, sooner than the interval; doubling while the source stays down."""
        failed = self.failed_in_a_row
        return min(self.interval_s, self.retry_s * 2 ** min(failed - 1, 16)) if failed else self.interval_s

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self.poll()
            except Exception as exc:  # a bug of ours must not end the feed silently
                log.exception("gauges feed pass failed")
                self.failed_in_a_row += 1
                self.ctx.report_problem(f"gauges feed: {type(exc).__name__}: {exc}")
            wait = self._delay() - (time.monotonic() - started)
            self._stop.wait(max(wait, 0.0))


def make_feed(ctx: PluginContext, **options: Any) -> GaugeFeed:
    return GaugeFeed(ctx, **options).start()
