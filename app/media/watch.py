"""Watched folders (a camera's or drone's card, a shared folder): a plain polling thread that
ingests each new photo or clip once its size has stopped changing (a copy still in progress is
left for the next round). A bad file is reported once and never stops the watch; a file seen
once is not looked at again until it changes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from app.media.ingest import Outcome, ingest_file
from app.media.probe import MediaError, kind_of
from app.store.store import Store
from app.sync.blobs import BlobStore

log = logging.getLogger(__name__)

POLL_S = 2.0


class FolderWatcher:
    def __init__(self, store: Store, blobs: BlobStore, operator: str, folders: list[Path], *,
                 incident_id: str | None = None, poll_s: float = POLL_S,
                 on_outcome: Callable[[Outcome], None] | None = None) -> None:
        self.store, self.blobs, self.operator = store, blobs, operator
        self.folders = list(folders)
        self.incident_id = incident_id
        self.poll_s = poll_s
        self.on_outcome = on_outcome or (lambda _o: None)
        self._seen: dict[Path, tuple[int, float]] = {}  # done: (size, mtime)
        self._sizes: dict[Path, tuple[int, float]] = {}  # last round's, for "has it settled"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="zhijiu-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.scan()
            except Exception:  # a watch must outlive any one folder's trouble
                log.exception("folder watch error; continuing")
            self._stop.wait(self.poll_s)

    def scan(self) -> list[Outcome]:
        """One round over every folder; returns what was ingested or refused this round."""
        done: list[Outcome] = []
        for folder in self.folders:
            try:
                files = sorted(p for p in folder.rglob("*") if p.is_file() and kind_of(p))
            except OSError as exc:  # a card pulled out: try again next round
                log.warning("cannot read %s: %s", folder, exc)
                continue
            for path in files:
                if self._stop.is_set():
                    return done
                try:
                    st = path.stat()
                except OSError:
                    continue
                sig = (st.st_size, st.st_mtime)
                if self._seen.get(path) == sig:
                    continue
                if self._sizes.get(path) != sig:  # new or still growing: look again next round
                    self._sizes[path] = sig
                    continue
                self._seen[path] = sig
                try:
                    item = ingest_file(self.store, self.blobs, self.operator, path,
                                       incident_id=self.incident_id, source=f"watch:{path.name}")
                    outcome = Outcome(path, item=item)
                except MediaError as exc:
                    log.warning("watched file not ingested: %s", exc)
                    outcome = Outcome(path, error=exc)
                done.append(outcome)
                self.on_outcome(outcome)
        return done
