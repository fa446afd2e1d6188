"""The task detail redraws when a feedback photo's blob lands after its op (blobs come outside
the store, with no change event), and marks a plan task issued twice (it counts once): the
detail says so, the table greys it, and one click cancels this post's copies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from ui_scenario import OPERATOR, Post

from app.media.ingest import ingest_file
from app.services import plans
from app.services import tasks as task_service
from app.store.store import Draft
from app.sync.blobs import BlobStore
from ui.task_detail import awaited_blobs


def test_the_detail_shows_the_photo_once_its_blob_lands(make_main_window, post: Post, qtbot,
                                                       tmp_path: Path) -> None:
    photo = tmp_path / "scene.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(photo))
    elsewhere = BlobStore(tmp_path / "another-post-blobs")  # the op came, the blob did not yet
    item = ingest_file(post.store, elsewhere, OPERATOR, photo, kind="photo")
    task = post.tasks["evacuate"]
    window = make_main_window(post)
    tasks = window.tasks_dock
    assert tasks.select_task(task)
    task_service.add_feedback(post.store, OPERATOR, task, text="现场照片", media=[item.media_id])
    qtbot.waitUntil(lambda: "现场照片" in tasks.detail.toPlainText())
    assert "<img" not in tasks.detail.toHtml()

    BlobStore(post.folder.blobs).put(photo.read_bytes())  # the blob lands (as sync writes it)
    qtbot.waitUntil(lambda: "<img" in tasks.detail.toHtml(), timeout=10_000)
    assert photo.name not in tasks.detail.toHtml()  # shown from this post's blob store
    assert not awaited_blobs(window.session).waiting  # nothing awaited any more


def test_the_detail_marks_a_duplicate_plan_task(make_main_window, post: Post, qtbot) -> None:
    for plan in plans.DEFAULT_PLANS:
        plans.save_plan(post.store, OPERATOR, **plan)
    first = plans.declare_level(post.store, OPERATOR, post.incidents["flood"], 3)[0]
    # the same plan line issued again (as a second post declaring at once would): created later
    fields = {k: v for k, v in post.store.get("task", first).data.items()}
    post.store.write([Draft("task", "dup-of-first", "put", fields)], operator=OPERATOR)
    window = make_main_window(post)
    tasks = window.tasks_dock
    assert tasks.select_task("dup-of-first")
    qtbot.waitUntil(lambda: "重复的预案任务" in tasks.detail.toPlainText())
    assert tasks.select_task(first)
    qtbot.waitUntil(lambda: fields["title"] in tasks.detail.toPlainText())
    assert "重复的预案任务" not in tasks.detail.toPlainText()


def test_the_detail_redraws_when_the_photos_record_comes_after_the_feedback(
    make_main_window, post: Post, qtbot, tmp_path: Path
) -> None:
    photo = tmp_path / "late.png"
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc3333"))
    assert image.save(str(photo))
    sha = BlobStore(post.folder.blobs).put(photo.read_bytes())  # the blob is here already
    task = post.tasks["evacuate"]
    window = make_main_window(post)
    tasks = window.tasks_dock
    assert tasks.select_task(task)
    post.store.write([Draft("feedback", "fb-later", "add", {  # as a peer's feedback arrives first
        "task_id": task, "text": "照片随后", "media": ["media-later"]})], operator=OPERATOR)
    qtbot.waitUntil(lambda: "照片随后" in tasks.detail.toPlainText())
    assert "<img" not in tasks.detail.toHtml()
    post.store.write([Draft("media", "media-later", "add", {
        "sha256": sha, "kind": "photo", "mime": "image/png", "size": photo.stat().st_size})],
        operator=OPERATOR)  # the media record arrives after the feedback that names it
    qtbot.waitUntil(lambda: "<img" in tasks.detail.toHtml(), timeout=10_000)


def test_the_table_greys_duplicate_plan_tasks_and_one_click_cancels_this_posts(
    make_main_window, post: Post, qtbot
) -> None:
    for plan in plans.DEFAULT_PLANS:
        plans.save_plan(post.store, OPERATOR, **plan)
    first, second = plans.declare_level(post.store, OPERATOR, post.incidents["flood"], 3)[:2]
    fields = dict(post.store.get("task", first).data)
    post.store.write([Draft("task", "dup-of-first", "put", fields)], operator=OPERATOR)
    window = make_main_window(post)
    tasks = window.tasks_dock
    model = tasks.model

    def look(eid: str, role: Qt.ItemDataRole) -> object:
        return model.index(model.row_of(eid), 0).data(role)

    assert model.duplicate_ids() == {"dup-of-first"}
    assert look("dup-of-first", Qt.ItemDataRole.FontRole).italic()
    assert "重复的预案任务" in look("dup-of-first", Qt.ItemDataRole.ToolTipRole)
    assert look(first, Qt.ItemDataRole.FontRole) is None
    assert tasks.retire_button.isVisible() and "1" in tasks.retire_button.text()

    qtbot.mouseClick(tasks.retire_button, Qt.MouseButton.LeftButton)
    assert post.store.get("task", "dup-of-first").get("status") == "cancelled"
    assert post.store.get("task", first).get("status") == "issued"  # the one that counts stays
    qtbot.waitUntil(lambda: not tasks.retire_button.isVisible())
    assert model.duplicate_ids() == {"dup-of-first"}  # cancelled, still a duplicate: greyed

    # a copy arriving while the window is open is marked too (row by row, not a reload); the
    # first one leaving makes the earliest copy the one that counts
    post.store.write([Draft("task", "dup-again", "put", fields)], operator=OPERATOR)
    qtbot.waitUntil(lambda: "dup-again" in model.duplicate_ids())
    qtbot.waitUntil(lambda: "1" in tasks.retire_button.text() and tasks.retire_button.isVisible())
    post.store.write([Draft("task", first, "del", {})], operator=OPERATOR)
    qtbot.waitUntil(lambda: model.duplicate_ids() == {"dup-again"})
    assert look("dup-of-first", Qt.ItemDataRole.FontRole) is None

    # a copy moved to another plan line (a peer's edit) is that line's duplicate now
    second_line = post.store.get("task", second).get("plan_key")
    post.store.write([Draft("task", "dup-again", "put", {"plan_key": second_line})], operator=OPERATOR)
    qtbot.waitUntil(lambda: model.row_of("dup-again") is not None
                    and model.entity(model.row_of("dup-again")).get("plan_key") == second_line)
    assert model.duplicate_ids() == {"dup-again"}
