"""Languages: install our translator and Qt's own before the first widget, switch at run time.

Chinese (``zh_CN``) is the default; English is the source language of every string, so English
needs no translator of ours. The translators are kept referenced here for as long as they are
installed (a translator collected by Python while installed is a crash). Installing or removing a
translator makes Qt send ``LanguageChange`` to every widget; each view re-reads its words in
``changeEvent``.

Refreshing the translation files after changing user-visible strings (or run
``python -m ui.i18n_update``, which does the same)::

    pyside6-lupdate $(find ui -name '*.py') -no-obsolete -locations relative \
        -ts resources/translations/zhijiu_zh_CN.ts
    # fill the new <translation> entries (Qt Linguist: pyside6-linguist), then
    pyside6-lrelease resources/translations/zhijiu_zh_CN.ts -qm resources/translations/zhijiu_zh_CN.qm
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
# Each language's name in itself: a person who cannot read the current language still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for ``pyside6-lupdate`` under ``context``; translated where it is shown.

    Same as Qt's own, typed as returning ``str`` (PySide6's stub says ``object``).
    """
    return source


def normalize(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    if lang in LANGUAGES:
        return lang
    return "zh_CN" if lang.lower().startswith("zh") else "en"


class Translations:
    """The translators installed in the application, and the language they speak."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, lang: str | None) -> str:
        """Speak ``lang`` from now on; returns the language actually installed."""
        lang = normalize(lang)
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before installing translators")
        self.remove()
        if lang != "en":
            ours = TRANSLATIONS_DIR / f"zhijiu_{lang}.qm"
            for directory, name in (
                (str(ours.parent), ours.stem),
                (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{lang}"),
            ):
                tr = QTranslator()
                if tr.load(name, directory):
                    app.installTranslator(tr)
                    self._installed.append(tr)
                else:
                    log.warning("no translation %s in %s", name, directory)
        QLocale.setDefault(QLocale(lang))
        self.language = lang
        return lang

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for tr in self._installed:
            if app is not None:
                app.removeTranslator(tr)
        self._installed.clear()
        self.language = "en"
