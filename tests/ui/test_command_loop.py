"""The whole command loop in the window, between a rear and a forward post: issue (through the
form) → appears for the assignee → acknowledge → feedback with a photo → done, with the full
history and the photo shown at the rear."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser
from ui_scenario import Post, sync

from app.services import tasks
from app.sync.blobs import BlobStore
from ui.models.entity_table import IdRole
from ui.models.tasks import TO_ME


def a_photo(path: Path) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    assert image.save(str(path), "PNG")
    return path


def shown_ids(dock) -> list[str]:
    return [dock.proxy.index(r, 0).data(IdRole) for r in range(dock.proxy.rowCount())]


def test_the_whole_loop_from_issue_to_done(make_main_window, post: Post, forward_post: Post,
                                           qtbot, tmp_path: Path) -> None:
    rear_window = make_main_window(post)
    fwd_window = make_main_window(forward_post)
    rear, fwd = rear_window.tasks_dock, fwd_window.tasks_dock

    # the rear issues an order to the forward post through the form
    form = rear.open_issue_form(assignee=forward_post.post_id)
    qtbot.waitUntil(form.isVisible)
    form.title_edit.setText("封控储奇门码头并回传现场照片")
    form.incident_combo.setCurrentIndex(form.incident_combo.findData(post.incidents["flood"]))
    form.priority_combo.setCurrentIndex(form.priority_combo.findData("urgent"))
    form.ack_spin.setValue(10)
    form.set_location(106.5801, 29.5523)  # what the map's click would send
    form.description_edit.setPlainText("码头下游两百米设置警戒线。")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not form.isVisible()
    tid = rear.selected_id()
    assert tid is not None
    order = post.store.get("task", tid)
    assert order.data["assignee"] == forward_post.post_id and order.data["ack_within_s"] == 600
    assert order.data["geom"]["coordinates"] == [106.5801, 29.5523]

    # it appears for the assignee, under "assigned to this post"
    sync(post.store, forward_post.store)
    fwd.mine_filter.setCurrentIndex(fwd.mine_filter.findData(TO_ME))
    qtbot.waitUntil(lambda: tid in shown_ids(fwd))
    assert post.tasks["cordon"] not in shown_ids(fwd)  # the rear's order to its own team: not ours
    assert fwd.select_task(tid)

    # acknowledge, feedback with a photo, done — as the forward post's operator
    assert fwd.set_selected_status("acknowledged")
    photo = a_photo(tmp_path / "scene.png")
    fwd.feedback_text.setText("警戒线已设置，现场照片见附件。")
    fwd.feedback_progress.setValue(60)
    fwd.photo_paths = [photo]
    fwd.send_button.click()
    assert fwd.feedback_text.text() == ""
    assert fwd.set_selected_status("done")

    # back at the rear: done, and the full history with the photo (its blob carried as sync does;
    # here before the ops, so the detail redrawn on their arrival finds it)
    for media in forward_post.store.entities("media"):
        sha = media.data["sha256"]
        BlobStore(post.folder.blobs).put(BlobStore(forward_post.folder.blobs).path(sha).read_bytes())
    sync(forward_post.store, post.store)
    qtbot.waitUntil(lambda: post.store.get("task", tid).data["status"] == "done")
    rear.select_task(tid)
    html = rear.detail.toHtml()
    text = rear.detail.toPlainText()
    for words in ("下达指令", "已签收", "已完成", "警戒线已设置", "60%", "渝中区前方指挥部"):
        assert words in text, words
    assert "<img" in html  # the photo is shown in the thread
    feedback = tasks.feedback_of(post.store, tid)
    media_ids = [m for fb in feedback for m in (fb.get("media") or [])]
    assert len(media_ids) == 1
    assert post.store.get("media", media_ids[0]).data["kind"] == "photo"
    model = rear.model
    assert model.index(model.row_of(tid), 1).data() == "已完成"
    rear_window.grab().save("/tmp/zhijiu_board_loop.png")
    page = QTextBrowser()  # the detail at a readable size, for a person to look at
    page.setHtml(html)
    page.resize(820, 760)
    page.grab().save("/tmp/zhijiu_task_detail.png")
    page.deleteLater()
