"""The first-run dialog: a new install has no post yet; make one of three ways.

* create a rear post (the city HQ, or a district working alone: its own roster authority),
* import the enrollment package an authority made for this post (its peer comes with it),
* open the demo (a city rear post with the 渝中区 flood scenario and the demo operator).

The work is done by ``app.services.firstrun``; a mistake (no name, an unreadable or sealed
package, a wrong passphrase) is said in the dialog, which stays open, and nothing is half-made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.datadir import FolderError, PostFolder
from app.domain.post import LEVELS
from app.services import firstrun
from app.services.enroll import EnrollError
from app.store.store import Refused
from ui import labels

CREATE, IMPORT, DEMO = 0, 1, 2


class FirstRunDialog(QDialog):
    def __init__(self, folder: PostFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.choice = -1  # what was made, once accepted
        self.demo_ops = 0
        self.suggested_operator = ""  # for the sign-in that follows (the demo's operator)
        self.setWindowTitle(self.tr("Welcome — Zhijiu Command Post"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        header = QLabel(self.tr("This computer has no command post yet"), self)
        font = header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        header.setFont(font)
        layout.addWidget(header)
        where = QLabel(labels.arg(self.tr("Its data will be kept in %1."), folder.path), self)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        layout.addWidget(where)

        self.group = QButtonGroup(self)
        self.create_radio = QRadioButton(self.tr("&Create a rear post (HQ)"), self)
        self.import_radio = QRadioButton(self.tr("&Import an enrollment package from my HQ"), self)
        self.demo_radio = QRadioButton(self.tr("Open the &demo (a flood exercise in Yuzhong)"), self)
        for i, radio in enumerate((self.create_radio, self.import_radio, self.demo_radio)):
            self.group.addButton(radio, i)
            layout.addWidget(radio)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._create_page())
        self.stack.addWidget(self._import_page())
        self.stack.addWidget(self._demo_page())
        layout.addWidget(self.stack)

        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00000;")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.group.idToggled.connect(self._on_choice)
        self.create_radio.setChecked(True)

    # ------------------------------------------------------------------ pages

    def _create_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.name_edit = QLineEdit(page)
        self.name_edit.setMaxLength(100)
        self.name_edit.setPlaceholderText(self.tr("e.g. Chongqing Emergency Management Command Centre"))
        self.level_combo = QComboBox(page)
        for level in LEVELS[:2]:  # a rear HQ is a city's or a district's
            self.level_combo.addItem(labels.LEVEL(level), level)
        form.addRow(self.tr("Post &name:"), self.name_edit)
        form.addRow(self.tr("&Level:"), self.level_combo)
        note = QLabel(self.tr("This post becomes the roster authority: it enrolls the forward posts "
                              "that connect to it."), page)
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _import_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        row = QHBoxLayout()
        self.package_edit = QLineEdit(page)
        self.package_edit.setPlaceholderText(self.tr("the package file your HQ gave you"))
        browse = QPushButton(self.tr("&Browse…"), page)
        browse.clicked.connect(self._browse)
        row.addWidget(self.package_edit, 1)
        row.addWidget(browse)
        label = QLabel(self.tr("&Package:"), page)
        label.setBuddy(self.package_edit)  # a row that is a layout gets no buddy by itself
        form.addRow(label, row)
        self.passphrase_edit = QLineEdit(page)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("only if the package is sealed"))
        form.addRow(self.tr("Pass&phrase:"), self.passphrase_edit)
        note = QLabel(self.tr("Check the server key fingerprint with the HQ operator before "
                              "trusting the link."), page)
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _demo_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        note = QLabel(labels.arg(
            self.tr("A city rear post with a flood exercise: incidents, units, tasks, reports and "
                    "the map. Sign in as %1 with PIN %2."),
            firstrun.DEMO_OPERATOR, firstrun.DEMO_PIN), page)
        note.setWordWrap(True)
        box.addWidget(note)
        box.addStretch(1)
        return page

    @Slot(int, bool)
    def _on_choice(self, choice: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(choice)
            self.error.clear()

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Enrollment package"), str(Path.home()),
            self.tr("Enrollment packages (*.zhijiu *.pkg);;All files (*)"))
        if path:
            self.package_edit.setText(path)

    # ------------------------------------------------------------------ doing it

    def accept(self) -> None:
        choice = self.group.checkedId()
        try:
            if choice == CREATE:
                name = self.name_edit.text().strip()
                if not name:
                    self.error.setText(self.tr("Give the post a name."))
                    self.name_edit.setFocus()
                    return
                firstrun.create_rear_post(self.folder.path, name, str(self.level_combo.currentData()))
            elif choice == IMPORT:
                package = self.package_edit.text().strip()
                if not package:
                    self.error.setText(self.tr("Choose the enrollment package file."))
                    return
                firstrun.import_enrollment(self.folder.path, package, self.passphrase_edit.text())
            else:
                self.demo_ops = firstrun.open_demo(self.folder.path)
                self.suggested_operator = firstrun.DEMO_OPERATOR
        except (FolderError, EnrollError, Refused, OSError) as exc:
            self.error.setText(labels.arg(self.tr("That did not work: %1"), exc))
            return
        self.choice = choice
        super().accept()
