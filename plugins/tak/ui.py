"""The TAK link view (the plugin's UI half; the core half is ``bridge``): for each running
bridge, what arrived, what was taken, what was skipped and why, what was sent. Plugins bring
their own words: this one carries Chinese and English itself and follows the window's language
through ``QLocale`` (it cannot reach the application's translator: plugins see only the API)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from plugins.api import PluginContext

WORDS = {
    "zh": {"none": "TAK 互通未运行：在本所的 feeds.json 中配置 \"tak\"。",
           "line": "收到 {arrived}，处理 {received}，写入 {written}，格式错误 {malformed}，发出 {sent}",
           "links": "TCP 链路 {links} 条（TAK 协议 v1：{v1} 条）；组播发送：{mesh}",
           "xml": "XML", "v1": "TAK 协议 v1", "off": "未开启"},
    "en": {"none": "The TAK bridge is not running: configure \"tak\" in this post's feeds.json.",
           "line": "arrived {arrived}, taken {received}, written {written}, malformed {malformed}, sent {sent}",
           "links": "TCP links {links} (TAK protocol v1: {v1}); multicast sends {mesh}",
           "xml": "XML", "v1": "TAK protocol v1", "off": "off"},
}


def _words() -> dict[str, str]:
    return WORDS["zh" if QLocale().language() == QLocale.Language.Chinese else "en"]


class TakStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tak_status")
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget(self)
        layout.addWidget(self.problems, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(1000)
        self.refresh()

    def refresh(self) -> None:
        words = _words()
        from .bridge import RUNNING

        if not RUNNING:
            self.summary.setText(words["none"])
            return
        lines, problems = [], []
        for b in RUNNING:
            s = b.stats
            lines.append(words["line"].format(arrived=s.arrived, received=s.received, written=s.written,
                                              malformed=s.malformed, sent=s.sent))
            links, v1, mesh_v1 = b.protocols()
            mesh = "off" if b.multicast is None else "v1" if mesh_v1 else "xml"
            lines.append(words["links"].format(links=links, v1=v1, mesh=words[mesh]))
            problems += list(s.problems)[-50:]
        self.summary.setText("\n".join(lines))
        if self.problems.count() != len(problems):
            self.problems.clear()
            self.problems.addItems(problems)


def make_dock(ctx: PluginContext, parent: QWidget | None = None) -> QWidget:
    return TakStatus(parent)
