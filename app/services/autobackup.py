"""Automatic local backups: every few hours a post writes a backup of its op log into
``backups/`` in its folder and keeps the newest few, so a damaged store never costs a record.

The backups are sealed with a passphrase kept beside them (``backups/passphrase``, mode 0600):
they guard against a broken database file, not against someone who holds the folder — who holds
the folder holds the keys already. Copy a backup elsewhere with `zhijiu backup` for that.
Restore: ``zhijiu --data NEW restore backups/auto-….zjb --passphrase-file backups/passphrase``.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from pathlib import Path

from app.datadir import PostFolder
from app.services.backup import BackupError, write_backup
from app.store.store import Store

log = logging.getLogger(__name__)

EVERY_S = 6 * 3600
KEEP = 5


def passphrase(folder: PostFolder) -> str:
    path = folder.path / "backups" / "passphrase"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_urlsafe(24) + "\n")
    return path.read_text("ascii").strip()


def backup_now(folder: PostFolder, store: Store, keep: int = KEEP) -> Path:
    """Write one automatic backup and drop the oldest beyond ``keep``."""
    out = folder.path / "backups" / time.strftime("auto-%Y%m%d-%H%M%S.zjb", time.gmtime())
    write_backup(folder, store, out, passphrase(folder))
    olds = sorted(out.parent.glob("auto-*.zjb"))
    for old in olds[: max(0, len(olds) - keep)]:
        old.unlink(missing_ok=True)
    return out


class AutoBackup:
    """A timer thread: a backup now and then, never in the way (errors are logged, not raised)."""

    def __init__(self, folder: PostFolder, store: Store, every_s: float = EVERY_S, keep: int = KEEP) -> None:
        self.folder, self.store, self.every_s, self.keep = folder, store, every_s, keep
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="zhijiu-autobackup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                path = backup_now(self.folder, self.store, self.keep)
                log.info("automatic backup written: %s", path)
            except (BackupError, OSError) as exc:  # a full disk must not stop the post
                log.warning("automatic backup failed: %s", exc)
