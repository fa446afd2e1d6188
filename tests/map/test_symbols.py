"""The symbol set and the page, without a page: every code the domain knows has a symbol, every
symbol a person can meet is in the legend with a name, no two look alike, and the page built by
folium asks nothing of the network."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.domain import feature as feature_rules
from app.domain import incident as incident_rules
from app.domain import media as media_rules
from app.domain import task as task_rules
from app.domain import unit as unit_rules
from app.domain import warning as warning_rules
from ui.map import assets, features, page, symbols


@pytest.fixture(autouse=True)
def _app(qapp, map_translations):  # symbol names are translated (Chinese by default)
    yield


def test_every_domain_code_has_a_symbol() -> None:
    table = symbols.table()
    wanted = (
        [f"incident.{c}" for c in incident_rules.CATEGORIES]
        + [f"unit.{c}" for c in unit_rules.TYPES]
        + [f"unit_status.{c}" for c in unit_rules.STATUSES]
        + [f"task.{c}" for c in task_rules.STATUSES]
        + [f"warning.{c}" for c in warning_rules.LEVELS]
        + [f"media.{c}" for c in media_rules.KINDS]
        + [f"{s}.{lv}" for s in ("hazard", "risk_point") for lv in (*feature_rules.RISK_LEVELS, "none")]
    )
    for code in feature_rules.SYMBOLS:
        if code not in ("hazard", "risk_point"):
            wanted.append(code if code in ("shelter", "depot", "command_post") else f"plotted.{code}")
    missing = [k for k in wanted if k not in table]
    assert missing == []


def test_the_legend_names_every_symbol_in_chinese() -> None:
    legend = symbols.legend()
    table = symbols.table()
    keys = {e["sym"] for sec in legend for e in sec["entries"]}
    assert keys <= set(table)
    assert set(table) - keys <= {"fallback", "task.overdue"}  # overdue is shown as a pin with its badge
    for sec in legend:
        assert re.search(r"[\u4e00-\u9fff]", sec["title"]), sec["title"]
        for e in sec["entries"]:
            assert re.search(r"[\u4e00-\u9fff]", e["name"]), e["name"]


def test_no_two_point_symbols_look_alike() -> None:
    table = symbols.table()
    looks = Counter((s.shape, s.color, s.glyph) for k, s in table.items()
                    if k not in ("fallback", "incident.area") and not k.startswith("warning."))
    assert [look for look, n in looks.items() if n > 1] == []
    lines = Counter((s.line.get("color"), s.line.get("dash"), s.line.get("fill"))
                    for k, s in table.items() if k.startswith(("plotted.", "warning.")) and s.line)
    assert [look for look, n in lines.items() if n > 1] == []


def test_layers_of_records() -> None:
    assert set(features.LAYER_KEYS) == set(symbols.SECTION_TITLES) - {"response", "unit_status", "places"} \
        | {"hazards", "shelters", "depots", "posts", "plotted"}
    assert features.FEATURE_LAYER["command_post"] == "posts"


def test_the_page_asks_nothing_of_the_network() -> None:
    html = page.build_html()
    assert "http://" not in html and "https://" not in html and "cdn" not in html.lower()
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert src.startswith(("zhijiu://web/", "qrc:///")), src
    assert "Zhijiu.start(map_zhijiu)" in html
    assert "preferCanvas" in html
    assert page.build_html() == html  # built the same every time: a file on disk can be reused


def test_the_vendored_assets_are_complete() -> None:
    assert assets.missing() == [], "run `make web` (npm ci, then python -m ui.map.assets)"
    css = (assets.VENDOR / "fontawesome" / "css" / "all.min.css").read_text("utf-8")
    for font in re.findall(r"url\(\.\./webfonts/([^)]+)\)", css):
        assert (assets.VENDOR / "fontawesome" / "webfonts" / font).is_file(), font
    for glyph in {s.glyph for s in symbols.table().values() if s.glyph and not s.glyph.startswith("text:")}:
        assert f".fa-{glyph}" in css, glyph  # a glyph Font Awesome free does not have is a blank
