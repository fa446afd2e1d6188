"""What the map tests draw: a small picture at 渝中区 with one record of every layer, made through
the services as the UI would make it, and helpers to ask the real page questions.

Imported by ``conftest.py`` (fixtures) and by the tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QTimer

from app.datadir import PostFolder
from app.services import common, tasks
from app.store.store import Store

OPERATOR = "王芳"
PIN = "8642"
HOUR_MS = 3600 * 1000


@dataclass
class MapPost:
    folder: PostFolder
    store: Store
    ids: dict[str, str] = field(default_factory=dict)  # short name -> eid


def square(lon: float, lat: float, d: float = 0.002) -> dict[str, Any]:
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    return {"type": "Polygon", "coordinates": ring and [ring]}


def fill_map(post: MapPost) -> None:
    """One record (at least) on every layer of the map."""
    s, op, now, ids = post.store, OPERATOR, common.now_ms(), post.ids
    ids["flood"] = common.create(s, op, "incident", {
        "title": "长江洪峰过境渝中区", "category": "flood", "status": "open", "response_level": 3,
        "geom": common.point(106.5697, 29.5520), "area": square(106.5697, 29.5520, 0.006),
    })
    ids["warning"] = common.create(s, op, "warning", {
        "title": "暴雨红色预警", "level": "red", "type": "rainstorm", "status": "active",
        "area": square(106.55, 29.56, 0.01), "incident_id": ids["flood"],
    })
    ids["lifted"] = common.create(s, op, "warning", {  # lifted: not on the map
        "title": "大风蓝色预警", "level": "blue", "type": "wind", "status": "cancelled",
        "area": square(106.50, 29.50, 0.01),
    })
    for key, symbol, level, lon, lat in (
        ("hazard", "hazard", "major", 106.5640, 29.5505),
        ("risk", "risk_point", "high", 106.5480, 29.5580),
    ):
        ids[key] = common.create(s, op, "feature", {
            "symbol": symbol, "name": f"测试{key}", "level": level, "geom": common.point(lon, lat),
            "incident_id": ids["flood"],
        })
    ids["shelter"] = common.create(s, op, "feature", {
        "symbol": "shelter", "name": "人民公园避难场所", "capacity": 500,
        "geom": common.point(106.5770, 29.5600),
    })
    common.create(s, op, "occupancy", {"shelter_id": ids["shelter"], "delta": 120})
    ids["depot"] = common.create(s, op, "feature", {
        "symbol": "depot", "name": "渝中区应急物资储备库", "geom": common.point(106.5400, 29.5550),
    })
    common.create(s, op, "stock", {"depot_id": ids["depot"], "item": "救生衣", "delta": 300, "unit": "件"})
    ids["post"] = common.create(s, op, "feature", {
        "symbol": "command_post", "name": "菜园坝现场指挥部", "geom": common.point(106.5440, 29.5460),
    })
    ids["route"] = common.create(s, op, "feature", {
        "symbol": "evacuation_route", "name": "菜园坝转移路线",
        "geom": {"type": "LineString", "coordinates": [[106.5440, 29.5460], [106.5500, 29.5520], [106.5560, 29.5560]]},
    })
    ids["zone"] = common.create(s, op, "feature", {
        "symbol": "danger_zone", "name": "储奇门危险区", "geom": square(106.5720, 29.5480, 0.0015),
    })
    ids["unit"] = common.create(s, op, "unit", {
        "name": "渝中区消防救援支队一站", "type": "fire_rescue", "status": "en_route", "headcount": 25,
        "geom": common.point(106.5600, 29.5530),
    })
    ids["unit_nowhere"] = common.create(s, op, "unit", {  # no position: not on the map
        "name": "蓝天救援队", "type": "volunteer", "status": "standby",
    })
    ids["task"] = tasks.issue_task(s, op, title="储奇门码头设置警戒线", assignee=ids["unit"],
                                   incident_id=ids["flood"], priority="high", deadline=now + HOUR_MS)
    common.update(s, op, "task", ids["task"], {"geom": common.point(106.5700, 29.5470),
                                                "deadline": now - HOUR_MS})  # overdue
    ids["photo"] = common.create(s, op, "media", {
        "sha256": hashlib.sha256(b"photo").hexdigest(), "kind": "photo", "caption": "储奇门码头水位",
        "geom": common.point(106.5710, 29.5490), "incident_id": ids["flood"],
    })


# layer -> how many items of it fill_map puts on the map
EXPECTED = {"incidents": 1, "warnings": 1, "hazards": 2, "shelters": 1, "depots": 1, "posts": 1,
            "plotted": 2, "units": 1, "tasks": 1, "media": 1}


def pump_until(predicate: Callable[[], bool], timeout_ms: int = 15_000) -> bool:
    """Turn the event loop until ``predicate()`` holds (for module fixtures, where there is no
    qtbot); never sleeps: each turn waits for events, at most 20 ms."""
    deadline = QDeadlineTimer(timeout_ms)
    while not predicate():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def run_js(page: Any, script: str, timeout_ms: int = 10_000) -> Any:
    """Evaluate ``script`` in the page and return its result (the event loop turns meanwhile)."""
    box: list[Any] = []
    loop = QEventLoop()

    def done(result: Any) -> None:
        box.append(result)
        loop.quit()

    page.runJavaScript(script, 0, done)
    if not box:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        loop.exec()
        timer.stop()
    if not box:
        raise TimeoutError(f"the page did not answer within {timeout_ms} ms: {script[:80]}")
    return box[0]
