"""A font that has Chinese glyphs: without one, every label is a row of empty boxes (tofu)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

# In order of preference: what ships with Debian (fonts-noto-cjk), Windows, macOS, then others.
PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimHei",
    "SimSun",
)


def has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def ensure_cjk_font(app: QGuiApplication) -> str:
    """Keep the default font when it writes Chinese, else switch to the best one installed.

    Returns the family in use (the default one when no Chinese font is installed at all: the
    log then says what to install).
    """
    current = app.font()
    if has_chinese(current.family()):
        return current.family()
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    choice = next((f for f in PREFERRED if f in families), None)
    if choice is None and families:
        choice = sorted(families)[0]
    if choice is None:
        log.warning("no Chinese font installed; install fonts-noto-cjk (Debian) or ship one")
        return current.family()
    font = QFont(current)
    font.setFamilies([choice, current.family()])
    app.setFont(font)
    log.info("default font %s has no Chinese; using %s", current.family(), choice)
    return choice
