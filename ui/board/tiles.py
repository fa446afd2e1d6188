"""The board's big numbers and its level banner, sized by a layout preset (wall screen, laptop).

A tile is a caption over one big number; a tile whose figure went up since the previous
refresh shows a small arrow, so a person sees at a glance what is getting worse.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.services.board import Figures
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

# the colour of each warning level, and the text colour that reads on it
LEVEL_COLOURS = {
    "blue": ("#1565c0", "#ffffff"),
    "yellow": ("#fdd835", "#212121"),
    "orange": ("#ef6c00", "#ffffff"),
    "red": ("#c62828", "#ffffff"),
    None: ("#455a64", "#ffffff"),
}


@dataclass(frozen=True)
class Preset:
    name: str
    number_pt: int
    caption_pt: int
    banner_pt: int
    columns: int
    chart_pt: int
    show_lists: bool


PRESETS = {
    "laptop": Preset("laptop", 26, 10, 15, 7, 9, True),
    "wall": Preset("wall", 72, 24, 40, 7, 20, False),
}

# tile key, caption (source words), colour of the number
TILES: tuple[tuple[str, str, str], ...] = (
    ("dead", QT_TRANSLATE_NOOP("BoardTiles", "Dead"), "#b71c1c"),
    ("missing", QT_TRANSLATE_NOOP("BoardTiles", "Missing"), "#b71c1c"),
    ("injured", QT_TRANSLATE_NOOP("BoardTiles", "Injured"), "#e65100"),
    ("trapped", QT_TRANSLATE_NOOP("BoardTiles", "Trapped"), "#e65100"),
    ("evacuated", QT_TRANSLATE_NOOP("BoardTiles", "Evacuated"), "#1565c0"),
    ("relocated", QT_TRANSLATE_NOOP("BoardTiles", "Relocated"), "#1565c0"),
    ("shelter", QT_TRANSLATE_NOOP("BoardTiles", "Sheltered"), "#2e7d32"),
    ("team_on_scene", QT_TRANSLATE_NOOP("BoardTiles", "Teams on scene"), "#00695c"),
    ("team_en_route", QT_TRANSLATE_NOOP("BoardTiles", "Teams en route"), "#00695c"),
    ("team_standby", QT_TRANSLATE_NOOP("BoardTiles", "Teams on standby"), "#00695c"),
    ("task_open", QT_TRANSLATE_NOOP("BoardTiles", "Tasks open"), "#37474f"),
    ("task_overdue", QT_TRANSLATE_NOOP("BoardTiles", "Tasks overdue"), "#c62828"),
    ("task_done", QT_TRANSLATE_NOOP("BoardTiles", "Tasks done"), "#37474f"),
)


def tile_values(f: Figures) -> dict[str, str]:
    """The text of every tile for these figures."""
    out = {k: f"{v:,}" for k, v in f.casualties.items()}
    out.update({f"team_{k}": str(v) for k, v in f.teams.items()})
    out.update({f"task_{k}": str(v) for k, v in f.tasks.items()})
    out["shelter"] = f"{f.shelter_used:,}"
    return out


class Tile(QFrame):
    def __init__(self, key: str, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.source_caption = caption
        self.setObjectName(f"tile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("Tile { background: palette(base); border: 1px solid #cfd8dc;"
                           " border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(0)
        self.caption = QLabel(self)
        self.number = QLabel("0", self)
        self.number.setStyleSheet(f"color: {colour};")
        for w in (self.caption, self.number):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # a long number is clipped rather than widening the whole board past the screen
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(w)
        self._value = ""
        self.detail = ""  # words after the caption (the shelters' capacity)

    def set_value(self, text: str) -> None:
        self.number.setText(text)
        self._value = text

    def value(self) -> str:
        return self._value

    def apply(self, preset: Preset) -> None:
        f = QFont(self.font())
        f.setPointSize(preset.caption_pt)
        self.caption.setFont(f)
        f = QFont(self.font())
        f.setPointSize(preset.number_pt)
        f.setBold(True)
        self.number.setFont(f)

    def retranslate(self) -> None:
        caption = QCoreApplication.translate("BoardTiles", self.source_caption)
        self.caption.setText(f"{caption} {self.detail}" if self.detail else caption)


class TileGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.tiles = {key: Tile(key, caption, colour, self) for key, caption, colour in TILES}
        self.preset = PRESETS["laptop"]
        self._place()

    def _place(self) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // self.preset.columns, i % self.preset.columns)

    def apply(self, preset: Preset) -> None:
        self.preset = preset
        for tile in self.tiles.values():
            tile.apply(preset)
        self._place()

    def show_figures(self, f: Figures) -> None:
        for key, text in tile_values(f).items():
            self.tiles[key].set_value(text)
        shelter = self.tiles["shelter"]
        shelter.detail = labels.arg(self.tr("of %1 places"), f"{f.shelter_capacity:,}")
        shelter.retranslate()

    def retranslate(self) -> None:
        for tile in self.tiles.values():
            tile.retranslate()


class LevelBanner(QLabel):
    """The warning in force and the response level, on the warning level's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_banner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.level: str | None = None
        self.response: int | None = None
        self.titles: tuple[str, ...] = ()
        self.replay_at: int | None = None
        self.preset = PRESETS["laptop"]
        self._paint()

    def colour(self) -> str:
        return LEVEL_COLOURS.get(self.level, LEVEL_COLOURS[None])[0]

    def show_figures(self, f: Figures, replay_at: int | None = None) -> None:
        self.level, self.response, self.titles = f.warning_level, f.response_level, f.warning_titles
        self.replay_at = replay_at
        self._paint()

    def apply(self, preset: Preset) -> None:
        self.preset = preset
        self._paint()

    def _paint(self) -> None:
        bg, fg = LEVEL_COLOURS.get(self.level, LEVEL_COLOURS[None])
        f = QFont(self.font())
        f.setPointSize(self.preset.banner_pt)
        f.setBold(True)
        self.setFont(f)
        self.setStyleSheet(f"QLabel#level_banner {{ background: {bg}; color: {fg};"
                           " padding: 6px; border-radius: 4px; }")
        parts = []
        if self.level:
            parts.append(labels.arg(self.tr("%1 warning in force"),
                                    labels.WARNING_LEVEL(self.level)))
            if self.titles:
                parts.append(self.titles[0])
        else:
            parts.append(self.tr("No warning in force"))
        parts.append(labels.RESPONSE_LEVEL(self.response) if self.response
                     else self.tr("No emergency response"))
        text = " · ".join(parts)
        if self.replay_at is not None:
            text = labels.arg(self.tr("REPLAY %1"), labels.local_time(self.replay_at)) + " — " + text
        self.setText(text)

    def retranslate(self) -> None:
        self._paint()
