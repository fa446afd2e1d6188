"""No form shows a literal "&": a label with a mnemonic ("指令(&O)：") needs a buddy, the field it
names, or Qt never turns the "&" into the underlined accelerator and the user reads "(&O)".

The test walks the window's docks and every dialog the window opens, in Chinese (whose
translations carry the mnemonics as "(&X)"), and the two dialogs shown before the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from ui_scenario import OPERATOR, Post

from app.datadir import PostFolder
from app.services.posts import init_post
from ui.firstrun import FirstRunDialog
from ui.map.dialogs import PlotDialog
from ui.signin import SignInDialog

MNEMONIC = re.compile(r"&[^&\s]")


def shows_a_bare_ampersand(label: QLabel) -> bool:
    fmt = label.textFormat()
    rich = fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())
    if fmt == Qt.TextFormat.RichText or rich:
        return False  # rich text: "&" there is an entity, never a mnemonic
    if label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
        return False  # a value shown for copying (a Z85 key may hold "&"), not a caption
    return bool(MNEMONIC.search(label.text().replace("&&", ""))) and label.buddy() is None


def bare_mnemonics(root: QWidget) -> list[str]:
    """The visible labels under ``root`` that would show their mnemonic's "&" as text."""
    return [f"{root.objectName() or type(root).__name__}: {label.text()!r}"
            for label in root.findChildren(QLabel)
            if label.isVisibleTo(root) and shows_a_bare_ampersand(label)]


def test_a_label_without_a_buddy_is_caught(qapp) -> None:
    parent = QWidget()
    label = QLabel("指令(&O)：", parent)
    key = QLabel("U9gu*b]/:Kcs&>Z#J", parent)  # the link card's key: a value, selectable
    key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert bare_mnemonics(parent) == [f"QWidget: {'指令(&O)：'!r}"]
    label.setBuddy(QWidget(parent))
    assert bare_mnemonics(parent) == []
    parent.deleteLater()


def test_the_window_and_its_forms_show_no_literal_ampersand(
        post: Post, make_main_window: Callable[..., object], qtbot) -> None:
    window = make_main_window(post)
    problems = bare_mnemonics(window)  # every dock: filters, the plan editor …

    openers: list[Callable[[], QDialog]] = [
        window.tasks_dock.open_issue_form,
        window.reports_dock.open_report_form,
        window.units_dock.open_allocation_form,
        lambda: window.board_dock.warnings.open_dialog(None),
        window.show_link_card,
        lambda: window.show_digest([]),
        window.plugin_menu.show_manager,
        lambda: PlotDialog({"type": "Point", "coordinates": [106.57, 29.55]},
                           list(post.store.entities("incident")), window),
    ]
    for open_dialog in openers:
        dialog = open_dialog()
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += bare_mnemonics(dialog)
        dialog.close()
    assert problems == []


def test_a_form_mnemonic_moves_the_focus_to_its_field(
        post: Post, make_main_window: Callable[..., object], qtbot) -> None:
    window = make_main_window(post)
    dialog = window.tasks_dock.open_issue_form()
    qtbot.waitExposed(dialog)
    order_label = next(label for label in dialog.findChildren(QLabel) if label.text() == "指令(&O)：")
    assert order_label.buddy() is dialog.title_edit
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the accelerator is a shortcut of the active window
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # 紧急程度(&P)
    qtbot.waitUntil(lambda: dialog.priority_combo.hasFocus())
    assert QKeySequence.mnemonic(order_label.text()).toString() == "Alt+O"
    dialog.close()


def test_the_dialogs_before_the_window_show_no_literal_ampersand(
        post: Post, tmp_path: Path, translations, qtbot) -> None:
    first = FirstRunDialog(PostFolder(tmp_path / "new"))
    qtbot.addWidget(first)
    first.show()
    problems: list[str] = []
    for radio in (first.create_radio, first.import_radio, first.demo_radio):  # each its page
        radio.setChecked(True)
        problems += bare_mnemonics(first)
    fresh = init_post(tmp_path / "fresh", name="渝中区前方指挥部", role="rear", level="district")
    for folder in (fresh, post.folder):  # the first operator is created; then one signs in
        signin = SignInDialog(folder, last_operator=OPERATOR)
        qtbot.addWidget(signin)
        signin.show()
        problems += bare_mnemonics(signin)
    assert problems == []
