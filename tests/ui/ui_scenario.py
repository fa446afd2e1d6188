"""The data the window tests look at, made through the services as the UI would make it.

A rear post (its own roster authority) with a small flood scenario at 渝中区, and a forward post
enrolled in its roster; the rear's sync node on a real socket (``RearNode``) and the engine the
tests' windows run (``fast_engine``). Imported by ``conftest.py`` (fixtures) and by tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.datadir import PostConfig, PostFolder
from app.identity import new_epoch, public_bytes
from app.ops import post_id_of
from app.services import common, reports, tasks
from app.store.store import Draft, Store
from app.sync.engine import SyncEngine
from app.sync.peers import load_peers

OPERATOR = "张伟"
PIN = "2468"
OTHER_OPERATOR = "李娜"
OTHER_PIN = "1357"
HOUR_MS = 3600 * 1000


@dataclass
class Post:
    folder: PostFolder
    store: Store
    incidents: dict[str, str] = field(default_factory=dict)  # short name -> id
    units: dict[str, str] = field(default_factory=dict)
    tasks: dict[str, str] = field(default_factory=dict)

    @property
    def post_id(self) -> str:
        assert self.store.identity is not None
        return self.store.identity.post_id


def fill(post: Post) -> None:
    """A small flood scenario at 渝中区, made through the services like the UI would."""
    s, op, now = post.store, OPERATOR, common.now_ms()
    post.incidents["flood"] = common.create(s, op, "incident", {
        "title": "长江嘉陵江洪峰过境渝中区", "category": "flood", "status": "open",
        "response_level": 3, "district": "渝中区", "geom": common.point(106.5697, 29.5520),
    })
    post.incidents["rain"] = common.create(s, op, "incident", {
        "title": "菜园坝片区内涝", "category": "rainstorm", "status": "open", "response_level": 4,
    })
    for key, name, utype, status, people in (
        ("fire", "渝中区消防救援支队一站", "fire_rescue", "standby", 25),
        ("blue_sky", "蓝天救援队", "volunteer", "en_route", 12),
        ("general", "市综合应急救援总队", "comprehensive", "on_scene", 40),
    ):
        post.units[key] = common.create(s, op, "unit", {
            "name": name, "type": utype, "status": status, "headcount": people,
            "post_id": post.post_id, "equipment": ["冲锋舟", "救生衣"],
        })
    flood, rain = post.incidents["flood"], post.incidents["rain"]
    for key, title, unit, prio, deadline_h, status, incident in (
        ("evacuate", "转移菜园坝低洼区域群众", "general", "urgent", 2, "in_progress", flood),
        ("cordon", "储奇门码头设置警戒线", "fire", "high", -1, "issued", flood),  # overdue
        ("pumps", "大溪沟排涝泵站值守", "blue_sky", "normal", 4, "acknowledged", flood),
        ("check", "核查沿江商铺人员", "fire", "normal", 1, "done", flood),
        ("boats", "调拨冲锋舟6艘", "general", "high", 3, "cancelled", rain),
        ("slope", "巡查滨江路边坡", "blue_sky", "low", 5, "failed", rain),
    ):
        tid = tasks.issue_task(
            s, op, title=title, assignee=post.units[unit], incident_id=incident, priority=prio,
            deadline=now + abs(deadline_h) * HOUR_MS,
        )
        if deadline_h < 0:  # no order is issued already late: it becomes overdue by an edit
            common.update(s, op, "task", tid, {"deadline": now + deadline_h * HOUR_MS})
        if status != "issued":
            tasks.set_status(s, op, tid, status, text="现场反馈")
        post.tasks[key] = tid
    reports.file_report(s, op, incident_id=flood, kind="first", category="flood",
                        missing=2, trapped=15, evacuated=1200, text="洪峰将于今晚通过渝中区。")
    reports.file_report(s, op, incident_id=flood, kind="followup", category="flood",
                        missing=1, trapped=3, evacuated=2300, relocated=800, text="续报：被困人员已救出12人。")
    common.create(s, op, "log", {"text": "接班，洪峰预计22时过境。", "category": "handover",
                                 "incident_id": flood})
    common.create(s, op, "log", {"text": "会商研判：启动Ⅲ级应急响应。", "category": "consultation"})


def enroll_forward(rear: Post, path: Path, name: str = "渝中区前方指挥部") -> Post:
    """A forward post in the rear's roster, holding everything the rear holds."""
    assert rear.store.identity is not None
    anchor = rear.store.identity.anchor
    key = Ed25519PrivateKey.generate()
    pub = public_bytes(key)
    pid = post_id_of(pub)
    rear.store.write([Draft("post", pid, "put", {
        "name": name, "role": "forward", "level": "scene", "sign_key": pub.hex(),
    })], operator=OPERATOR)
    folder = PostFolder(path)
    folder.create(PostConfig(
        name=name, role="forward", level="scene", epoch=new_epoch(),
        anchor_post_id=anchor.post_id, anchor_sign_key=anchor.sign_key.hex(),
    ), key)
    folder.set_operator(OPERATOR, PIN)
    store = folder.open_store()
    sync(rear.store, store)
    return Post(folder, store, dict(rear.incidents), dict(rear.units), dict(rear.tasks))


def sync(source: Store, target: Store) -> None:
    """What a sync session does, in one call: every op the target lacks, applied there."""
    target.apply(list(source.ops_missing_from(target.version_vector())), source="test-peer")


# Heartbeat for the tests' engines: a dead link is noticed within a second and a half.
FAST_PING_S = 0.2
FAST_DEAD_S = 1.5
FAST_POLL_MS = 100


def fast_engine(folder: PostFolder, store: Store, listen: str | None) -> SyncEngine:
    """``make_engine`` with a short heartbeat (the window's ``LinkMonitor`` takes any factory)."""
    return SyncEngine(
        store, keys=folder.curve_keys(), name=folder.config().name, listen=listen,
        peers=load_peers(folder.peers_path), ping_s=FAST_PING_S, dead_s=FAST_DEAD_S,
    )


class RearNode:
    """The rear post's sync engine, listening on 127.0.0.1; restarts on the same port."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.engine: SyncEngine | None = None
        self.endpoint = "tcp://127.0.0.1:*"  # the port is chosen by the first bind

    def start(self) -> None:
        engine = fast_engine(self.post.folder, self.post.store, self.endpoint)
        engine.start()
        assert engine.bound_endpoint is not None
        self.endpoint = engine.bound_endpoint
        self.engine = engine

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
            self.engine = None
