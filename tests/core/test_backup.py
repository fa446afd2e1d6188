"""Backup and restore keep the original ops and signatures; a restored post never reuses a number."""

from __future__ import annotations

import pytest

from app.datadir import PostFolder
from app.services.backup import BackupError, restore_backup, write_backup
from app.services.common import create
from app.services.posts import init_post


def test_restore_keeps_every_op_byte_for_byte_and_starts_a_new_epoch(tmp_path):
    folder = init_post(tmp_path / "post", name="重庆市应急管理局指挥中心", role="rear")
    folder.set_operator("李明", "4321")
    store = folder.open_store()
    create(store, "李明", "incident", {"title": "洪水", "category": "flood", "status": "open"})
    before_ops = list(store.ops_missing_from({}))
    before_dump = store.dump()
    report = write_backup(folder, store, tmp_path / "post.zjb", "长江水位一九五米")
    assert report.ops == len(before_ops)
    old_origin = store.identity.origin
    store.close()

    target = PostFolder(tmp_path / "restored")
    r = restore_backup(tmp_path / "post.zjb", target, "长江水位一九五米")
    assert r.complete and r.applied == len(before_ops) and r.refused == r.quarantined == 0
    restored = target.open_store()
    assert list(restored.ops_missing_from({})) == before_ops
    assert restored.dump() == before_dump
    assert restored.identity.origin != old_origin  # a fresh epoch: no sequence number reused
    assert restored.identity.post_id == folder.identity().post_id
    assert target.check_pin("李明", "4321")
    create(
        restored, "李明", "incident", {"title": "滑坡", "category": "landslide", "status": "open"}
    )
    assert restored.version_vector()[restored.identity.origin] == 1
    restored.close()


def test_a_wrong_passphrase_or_a_damaged_file_is_a_clear_error(tmp_path):
    folder = init_post(tmp_path / "post", name="前指", role="forward", level="scene")
    store = folder.open_store()
    write_backup(folder, store, tmp_path / "b.zjb", "correct horse")
    store.close()
    with pytest.raises(BackupError, match="wrong passphrase"):
        restore_backup(tmp_path / "b.zjb", PostFolder(tmp_path / "r1"), "wrong horse")
    (tmp_path / "junk").write_bytes(b"not a backup")
    with pytest.raises(BackupError, match="not a zhijiu backup"):
        restore_backup(tmp_path / "junk", PostFolder(tmp_path / "r2"), "correct horse")
    data = (tmp_path / "b.zjb").read_bytes()
    (tmp_path / "cut.zjb").write_bytes(data[: len(data) - 20])
    try:
        r = restore_backup(tmp_path / "cut.zjb", PostFolder(tmp_path / "r3"), "correct horse")
    except BackupError as exc:
        assert "damaged" in str(exc)
    else:
        assert not r.complete  # a truncated file never passes as complete
