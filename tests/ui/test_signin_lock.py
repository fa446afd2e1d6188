"""Sign-in with a PIN, the first operator of a new post, and the idle screen lock."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from ui_scenario import OPERATOR, OTHER_OPERATOR, OTHER_PIN, PIN, Post

from app.services import tasks
from app.services.posts import init_post
from ui.settings import UiSettings
from ui.signin import PinThrottle, SignInDialog


def test_signin_rejects_a_wrong_pin_and_accepts_the_right_one(qtbot, translations, post: Post) -> None:
    dialog = SignInDialog(post.folder, last_operator=OPERATOR)
    qtbot.addWidget(dialog)
    assert not dialog.creating
    assert dialog.name_combo is not None and dialog.name_combo.currentText() == OPERATOR

    dialog.pin.setText("0000")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == "PIN 码错误。"
    assert dialog.pin.text() == ""
    assert dialog.operator == ""

    dialog.pin.setText(PIN)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.operator == OPERATOR


def test_another_operators_pin_does_not_open_this_operator(qtbot, translations, post: Post) -> None:
    dialog = SignInDialog(post.folder)
    qtbot.addWidget(dialog)
    assert dialog.name_combo is not None
    dialog.name_combo.setCurrentText(OPERATOR)
    dialog.pin.setText(OTHER_PIN)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_new_post_creates_its_first_operator(qtbot, translations, tmp_path: Path) -> None:
    folder = init_post(tmp_path / "new", name="渝中区前方指挥部", role="rear", level="district")
    dialog = SignInDialog(folder)
    qtbot.addWidget(dialog)
    assert dialog.creating and dialog.name_edit is not None and dialog.pin2 is not None
    dialog.name_edit.setText("王强")
    dialog.pin.setText("1234")
    dialog.pin2.setText("1235")
    dialog.accept()
    assert dialog.error.text() == "两次输入的 PIN 码不一致。"
    assert folder.operators() == {}
    dialog.pin.setText("12")
    dialog.pin2.setText("12")
    dialog.accept()
    assert "至少需要 4 位" in dialog.error.text()
    dialog.pin.setText("1234")
    dialog.pin2.setText("1234")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.operator == "王强"
    assert folder.check_pin("王强", "1234")
    assert "1234" not in folder.operators_path.read_text("utf-8")  # stored hashed


def test_pin_attempts_slow_down_after_three_failures() -> None:
    throttle = PinThrottle()
    assert [throttle.failed() for _ in range(6)] == [0, 0, 0, 1000, 2000, 4000]
    throttle.reset()
    assert throttle.failed() == 0


def test_idle_lock_engages_and_unlocks_with_the_pin(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post, idle_ms=150)
    lock = window.lock
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert lock.view.isVisible()
    assert lock.view.geometry() == window.rect()  # covers everything, menus included
    assert not window.tasks_dock.isEnabled() and not window.menuBar().isEnabled()
    assert window.windowTitle() == "智救指挥所 — 已锁定"

    lock.view.pin.setText("9999")
    assert not lock.view.try_unlock()
    assert lock.locked and lock.view.error.text() == "PIN 码错误。"

    lock.set_idle_ms(0)  # no re-lock while the test looks around
    lock.view.pin.setText(PIN)
    assert lock.view.try_unlock()
    assert not lock.locked
    assert not lock.view.isVisible()
    assert window.tasks_dock.isEnabled() and window.menuBar().isEnabled()
    assert window.session.operator == OPERATOR


def test_user_input_keeps_the_screen_unlocked(make_main_window, post: Post, qtbot) -> None:
    # The idle time is long enough that a loaded machine cannot run it out between two steps;
    # what is checked is that a key, through the native window, starts it again.
    window = make_main_window(post, idle_ms=60_000)
    lock = window.lock
    timer = lock.watcher._timer
    window.units_dock.search.setFocus()
    qtbot.waitUntil(lambda: timer.remainingTime() < 59_000, timeout=5000)  # a second passes
    clicked = time.monotonic()
    qtbot.keyClick(window.windowHandle(), "a")  # as a keyboard does, to the widget with the focus
    qtbot.waitUntil(lambda: "a" in window.units_dock.search.text(), timeout=5000)
    since_click_ms = (time.monotonic() - clicked) * 1000
    # started again by the key: at least 60 s minus the time since the click are left, however
    # slow the machine; not started again, less than 59 s minus that time would be left
    assert timer.remainingTime() + since_click_ms >= 59_500
    assert not lock.locked
    lock.set_idle_ms(300)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)  # then no input: it locks


def test_another_operator_takes_over_at_the_lock(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    window.lock_action.trigger()
    lock = window.lock
    assert lock.locked
    lock.view.operator.setCurrentText(OTHER_OPERATOR)
    lock.view.pin.setText(PIN)  # the first operator's PIN does not open for the second
    assert not lock.view.try_unlock()
    lock.view.pin.setText(OTHER_PIN)
    assert lock.view.try_unlock()
    assert window.session.operator == OTHER_OPERATOR
    assert f"值班员：{OTHER_OPERATOR}" in window.operator_label.text()

    # new ops carry the new operator's name
    window.tasks_dock.select_task(post.tasks["cordon"])
    assert window.tasks_dock.set_selected_status("acknowledged")
    assert tasks.feedback_of(post.store, post.tasks["cordon"])[-1].created_by == OTHER_OPERATOR


def test_the_idle_time_is_chosen_from_the_menu_and_remembered(make_main_window, post: Post) -> None:
    window = make_main_window(post)
    assert window.idle_actions[10].isChecked()  # the default
    window.idle_actions[0].trigger()  # never
    assert UiSettings(post.folder.path).idle_minutes == 0
    assert not window.lock.watcher._timer.isActive()
    window.idle_actions[5].trigger()
    assert UiSettings(post.folder.path).idle_minutes == 5
    assert window.lock.watcher._timer.interval() == 5 * 60_000
    assert window.idle_actions[5].text() == "空闲 5 分钟后"


def test_a_floating_dock_is_hidden_while_locked_and_its_layout_kept(make_main_window, post: Post, qtbot) -> None:
    window = make_main_window(post)
    window.units_dock.setFloating(True)
    qtbot.waitUntil(window.units_dock.isVisible)
    window.lock_action.trigger()
    assert not window.units_dock.isVisible()  # a floating team list would show through the lock
    window.close()  # closing while locked keeps the layout saved at lock time

    again = make_main_window(post)
    qtbot.waitUntil(again.isVisible)
    assert again.units_dock.isFloating() and again.units_dock.isVisible()
