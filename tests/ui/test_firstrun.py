"""The first-run dialog: a new install makes its post one of three ways (a rear post, an
enrollment package, the demo); a mistake is said in the dialog and nothing is half-made; and
``run_gui`` on an empty folder goes through it to the sign-in."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel
from ui_scenario import Post

from app.datadir import PostFolder
from app.services.enroll import create_package
from app.services.firstrun import DEMO_OPERATOR, DEMO_PIN, DEMO_POST_NAME
from ui.firstrun import FirstRunDialog
from ui.main_window import MainWindow
from ui.signin import SignInDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dialog(qtbot, tmp_path: Path, translations) -> FirstRunDialog:
    d = FirstRunDialog(PostFolder(tmp_path / "new"))
    qtbot.addWidget(d)
    d.show()
    return d


def press_start(qtbot, d: FirstRunDialog) -> None:
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "开始"
    qtbot.mouseClick(ok, LEFT)


def test_create_a_rear_post(qtbot, dialog: FirstRunDialog) -> None:
    assert dialog.windowTitle() == "欢迎使用智救指挥所"
    assert dialog.create_radio.isChecked() and dialog.stack.currentIndex() == 0
    press_start(qtbot, dialog)  # no name yet: said, nothing made
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.error.text() == "请填写指挥所名称。"
    assert not dialog.folder.exists()
    dialog.name_edit.setText("渝中区应急管理局")  # (keyClicks types ASCII only)
    dialog.level_combo.setCurrentIndex(1)
    press_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    cfg = dialog.folder.config()
    assert (cfg.name, cfg.role, cfg.level) == ("渝中区应急管理局", "rear", "district")
    assert dialog.folder.identity().is_authority


def test_import_an_enrollment_package(qtbot, dialog: FirstRunDialog, post: Post, tmp_path: Path) -> None:
    pkg = tmp_path / "caiyuanba.zhijiu"
    post.folder.lock()
    try:
        create_package(post.folder, post.store, name="菜园坝现场前方指挥部", role="forward", level="scene",
                       endpoint="tcp://127.0.0.1:7700", out=pkg, passphrase="长江洪峰2026")
    finally:
        post.folder.unlock()
    dialog.import_radio.click()
    assert dialog.stack.currentIndex() == 1
    garbage = tmp_path / "garbage.zhijiu"
    garbage.write_bytes(b"\x00not a package")
    dialog.package_edit.setText(str(garbage))
    press_start(qtbot, dialog)
    assert "is not an enrollment package" in dialog.error.text() and not dialog.folder.exists()
    dialog.package_edit.setText(str(pkg))
    press_start(qtbot, dialog)  # sealed: needs its passphrase
    assert "passphrase" in dialog.error.text() and not dialog.folder.exists()
    dialog.passphrase_edit.setText("长江洪峰2026")
    press_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    cfg = dialog.folder.config()
    assert (cfg.name, cfg.role, cfg.level) == ("菜园坝现场前方指挥部", "forward", "scene")
    assert dialog.folder.peers_path.exists()  # the link to its HQ came with the package


def test_open_the_demo(qtbot, dialog: FirstRunDialog) -> None:
    dialog.demo_radio.click()
    note = dialog.stack.currentWidget().findChildren(QLabel)[0].text()
    assert DEMO_OPERATOR in note and DEMO_PIN in note
    press_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.folder.config().name == DEMO_POST_NAME
    assert dialog.folder.check_pin(DEMO_OPERATOR, DEMO_PIN)
    assert dialog.demo_ops > 200 and dialog.suggested_operator == DEMO_OPERATOR
    store = dialog.folder.open_store()
    try:
        assert store.op_count() == dialog.demo_ops
        assert len(store.entities("incident")) >= 2
    finally:
        store.close()


@pytest.mark.own_process  # app.exec() ends QtWebEngine for the rest of a process (tests/conftest.py)
def test_run_gui_on_a_new_install_goes_through_first_run_and_sign_in_to_the_window(qapp, tmp_path: Path) -> None:
    from ui.app import run_gui

    folder = PostFolder(tmp_path / "fresh")
    seen: dict[str, object] = {}

    def step() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, FirstRunDialog):
            w.demo_radio.click()
            w.accept()
        elif isinstance(w, SignInDialog):
            seen["operator"] = w.name_combo.currentText() if w.name_combo else None
            w.pin.setText(DEMO_PIN)
            w.accept()
        else:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            if windows:
                seen["tasks"] = windows[0].tasks_dock.model.rowCount() > 0
                seen["backups"] = [t.name for t in threading.enumerate() if t.name == "zhijiu-autobackup"]
                windows[0].close()
                return
        QTimer.singleShot(30, step)

    QTimer.singleShot(30, step)
    assert run_gui(folder, lang="zh_CN") == 0
    assert seen == {"operator": DEMO_OPERATOR, "tasks": True, "backups": ["zhijiu-autobackup"]}
    assert folder.exists()
    assert not [t for t in threading.enumerate() if t.name == "zhijiu-autobackup"]  # stopped on exit


def test_quitting_the_first_run_makes_nothing(qapp, tmp_path: Path) -> None:
    from ui.app import run_gui

    folder = PostFolder(tmp_path / "fresh")

    def step() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, FirstRunDialog):
            w.reject()
            return
        QTimer.singleShot(30, step)

    QTimer.singleShot(30, step)
    assert run_gui(folder, lang="en") == 0
    assert not folder.exists()
