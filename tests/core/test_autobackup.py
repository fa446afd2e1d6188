"""Automatic local backups: written on a timer, the newest few kept, restorable."""

from __future__ import annotations

from app.datadir import PostFolder
from app.services.autobackup import AutoBackup, backup_now, passphrase
from app.services.backup import restore_backup
from app.services.common import create
from app.services.posts import init_post


def test_automatic_backups_rotate_and_restore(tmp_path):
    folder = init_post(tmp_path / "post", name="菜园坝前指", role="forward", level="scene")
    store = folder.open_store()
    create(store, "赵刚", "log", {"text": "值班开始", "category": "duty"})
    for _ in range(4):
        backup_now(folder, store, keep=3)
    backups = sorted((folder.path / "backups").glob("auto-*.zjb"))
    assert 1 <= len(backups) <= 3
    report = restore_backup(backups[-1], PostFolder(tmp_path / "restored"), passphrase(folder))
    assert report.complete and report.applied == store.op_count()
    timer = AutoBackup(folder, store, every_s=0.05, keep=2)
    timer.start()
    timer.stop()
    store.close()
