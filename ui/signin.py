"""Sign-in: who sits at this post's keyboard. Every op written from the window carries that name.

PINs are checked by ``PostFolder.check_pin`` (stored salted and hashed by the folder, never here).
A post with no operator yet creates its first one in the same dialog (name and PIN twice).
After three wrong PINs each further attempt waits longer, so a PIN cannot be guessed at speed on
a laptop left in a tent.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.datadir import FolderError, PostFolder
from ui import labels

MIN_PIN = 4
MAX_PIN = 12
FREE_ATTEMPTS = 3


def pin_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{MAX_PIN}}}"), field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    field.setMaxLength(MAX_PIN)
    return field


class PinThrottle:
    """Waits after repeated wrong PINs: 1 s, 2 s, 4 s … up to a minute."""

    def __init__(self, free: int = FREE_ATTEMPTS) -> None:
        self.free = free
        self.failures = 0

    def failed(self) -> int:
        """Record a wrong PIN; returns how many milliseconds to wait before the next try."""
        self.failures += 1
        over = self.failures - self.free
        return 0 if over <= 0 else min(60_000, 1000 * 2 ** (over - 1))

    def reset(self) -> None:
        self.failures = 0


class SignInDialog(QDialog):
    def __init__(self, folder: PostFolder, *, last_operator: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.operator = ""
        self.throttle = PinThrottle()
        operators = sorted(folder.operators())
        self.creating = not operators
        cfg = folder.config()

        self.setWindowTitle(self.tr("Sign in — Zhijiu Command Post"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        header = QLabel(self)
        header.setTextFormat(Qt.TextFormat.PlainText)
        header.setText(labels.arg(self.tr("%1 — %2"), cfg.name, labels.ROLE(cfg.role)))
        font = header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        header.setFont(font)
        layout.addWidget(header)

        intro = QLabel(self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.pin = pin_field(self)
        self.pin2: QLineEdit | None = None
        if self.creating:
            intro.setText(self.tr("No operator has been set up at this post yet. Create the first "
                                  "one: the name goes on every order and report written here."))
            self.name_edit: QLineEdit | None = QLineEdit(self)
            self.name_edit.setMaxLength(100)
            self.name_combo: QComboBox | None = None
            self.pin2 = pin_field(self)
            form.addRow(self.tr("&Name:"), self.name_edit)
            form.addRow(self.tr("&PIN (4–12 digits):"), self.pin)
            form.addRow(self.tr("PIN &again:"), self.pin2)
        else:
            intro.setText(self.tr("Sign in with your name and PIN."))
            self.name_edit = None
            self.name_combo = QComboBox(self)
            self.name_combo.addItems(operators)
            if last_operator in operators:
                self.name_combo.setCurrentText(last_operator)
            form.addRow(self.tr("&Operator:"), self.name_combo)
            form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)

        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00000;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create and sign in") if self.creating else self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.name_edit or self.pin).setFocus()

    def name(self) -> str:
        if self.name_edit is not None:
            return self.name_edit.text().strip()
        assert self.name_combo is not None
        return self.name_combo.currentText()

    @Slot()
    def accept(self) -> None:
        """Sign in (or create the first operator); stays open and says why when it cannot."""
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return  # waiting after wrong PINs
        name, pin = self.name(), self.pin.text()
        if self.creating:
            if not name:
                return self._fail(self.tr("Enter a name."))
            if len(pin) < MIN_PIN or not pin.isdigit():
                return self._fail(self.tr("The PIN needs at least 4 digits."))
            assert self.pin2 is not None
            if pin != self.pin2.text():
                return self._fail(self.tr("The two PINs differ."))
            try:
                self.folder.set_operator(name, pin)
            except (FolderError, OSError) as exc:
                return self._fail(labels.arg(self.tr("Could not save the operator: %1"), exc))
        elif not self.folder.check_pin(name, pin):
            wait = self.throttle.failed()
            self.pin.clear()
            self._fail(self.tr("Wrong PIN."))
            if wait:
                self._hold(wait)
            return
        self.throttle.reset()
        self.operator = name
        super().accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.pin.setFocus()

    def _hold(self, ms: int) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.pin.setEnabled(False)
        self.error.setText(labels.arg(self.tr("Wrong PIN. Try again in %1 s."), (ms + 999) // 1000))

        def release() -> None:
            ok.setEnabled(True)
            self.pin.setEnabled(True)
            self.pin.setFocus()

        QTimer.singleShot(ms, self, release)
