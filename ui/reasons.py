"""Why a change was refused, in the user's language, and the message box that says it.

The core refuses with a reason in English (``Refused("forbidden: only the issuer may cancel or
reassign this task")``); the known reasons are translated here. A reason this table does not know
is still shown, after a translated lead-in, so nothing is ever swallowed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

_KNOWN = {
    "forbidden: only the issuer may cancel or reassign this task": QT_TRANSLATE_NOOP(
        "Refusal", "Only the post that issued this task may cancel or reassign it."),
    "forbidden: the task is not assigned to this post or its units": QT_TRANSLATE_NOOP(
        "Refusal", "This task is not assigned to this post or to a team it commands."),
    "forbidden: an assignee may only acknowledge, work and report on a task": QT_TRANSLATE_NOOP(
        "Refusal", "A post a task is assigned to may only acknowledge it, work on it and report "
                   "on it."),
    "forbidden: a forward post issues tasks only to its own units": QT_TRANSLATE_NOOP(
        "Refusal", "A forward command post issues tasks only to the teams it commands."),
    "forbidden: a task's issuer must be the post that issues it": QT_TRANSLATE_NOOP(
        "Refusal", "A task must name this post as its issuer."),
    "forbidden: an observer writes only messages and log": QT_TRANSLATE_NOOP(
        "Refusal", "An observer post writes only messages and duty-log entries."),
    "forbidden: only the roster authority edits the roster": QT_TRANSLATE_NOOP(
        "Refusal", "Only the roster authority (the city rear HQ) changes the roster of posts."),
    "forbidden: a forward post edits only the units it commands": QT_TRANSLATE_NOOP(
        "Refusal", "A forward command post edits only the teams it commands."),
    "forbidden: the post is revoked": QT_TRANSLATE_NOOP(
        "Refusal", "This post has been revoked from the roster."),
    "forbidden: only the recipient acknowledges a message": QT_TRANSLATE_NOOP(
        "Refusal", "Only the post a message was sent to confirms its delivery or reading."),
    "this field has no conflict (any more)": QT_TRANSLATE_NOOP(
        "Refusal", "This conflict has already been resolved."),
    "this store has no post identity to sign with": QT_TRANSLATE_NOOP(
        "Refusal", "This post has no identity to sign changes with."),
    "invalid: the deadline is in the past": QT_TRANSLATE_NOOP(
        "Refusal", "The deadline has already passed."),
    "invalid: the order needs a title (say what is to be done)": QT_TRANSLATE_NOOP(
        "Refusal", "The order needs a title that says what is to be done."),
}

# reasons with figures in them: (pattern, words with %1, %2 … for the pattern's groups)
_PATTERNS = (
    (re.compile(r"not enough (.+) in the depot: (\S+) asked, the depot holds none"), QT_TRANSLATE_NOOP(
        "Refusal", "Not enough %1 in the depot: %2 asked, the depot holds none.")),
    (re.compile(r"not enough (.+) in the depot: (\S+) asked, (\S+) there"), QT_TRANSLATE_NOOP(
        "Refusal", "Not enough %1 in the depot: %2 asked, %3 there.")),
    (re.compile(r"not enough (.+) in the depot: (\S+) left"), QT_TRANSLATE_NOOP(
        "Refusal", "Not enough %1 in the depot: %2 left.")),
    (re.compile(r"no media (.+)"), QT_TRANSLATE_NOOP(
        "Refusal", "No such photo or file at this post: %1.")),
)

_PREFIXES = {
    "forbidden: a forward post may not write ": QT_TRANSLATE_NOOP(
        "Refusal", "A forward command post may not change this kind of record: %1."),
    "no ": QT_TRANSLATE_NOOP("Refusal", "The record no longer exists: %1."),
}


def explain(reason: str) -> str:
    """The refusal reason in words for the person at the keyboard."""
    known = _KNOWN.get(reason)
    if known is not None:
        return QCoreApplication.translate("Refusal", known)
    for pattern, words in _PATTERNS:
        found = pattern.fullmatch(reason)
        if found:
            return labels.arg(QCoreApplication.translate("Refusal", words), *found.groups())
    for prefix, text in _PREFIXES.items():
        if reason.startswith(prefix):
            rest = reason[len(prefix):]
            if prefix == "forbidden: a forward post may not write ":
                rest = labels.ENTITY_TYPE(rest)
            return labels.arg(QCoreApplication.translate("Refusal", text), rest)
    return labels.arg(QCoreApplication.translate("Refusal", "The change was refused: %1"), reason)


def show_refused(parent: QWidget, reason: str) -> QMessageBox:
    """Say why a change was refused, in a window-modal box that does not block the event loop."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Refusal", "Not allowed"))
    box.setText(explain(reason))
    box.setInformativeText(
        QCoreApplication.translate("Refusal", "Nothing was changed.")
    )
    box.setDetailedText(reason)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_refusals(parent: QWidget, refused: list[tuple[str, str]], summary: str) -> QMessageBox:
    """Say which of several changes (a bulk action) were refused: ``summary`` heads the box in the
    action's own words ("1 项已撤销，3 项被拒绝："); each reason follows once, and the details
    name every refused change by its title."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Refusal", "Not allowed"))
    box.setText(summary)
    explained = [(title, explain(reason)) for title, reason in refused]
    box.setInformativeText("\n".join(dict.fromkeys(why for _title, why in explained)))
    box.setDetailedText("\n".join(
        labels.arg(QCoreApplication.translate("Refusal", "%1: %2"), title, why) for title, why in explained))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
