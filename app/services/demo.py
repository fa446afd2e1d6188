"""The demo scenario (演示想定): a flood crest of the Yangtze and the Jialing at 渝中区, Chongqing.

``load_demo(store)`` fills a post with a realistic, living picture told by four demo posts —
渝中区应急管理局指挥中心 (district rear), 菜园坝现场前方指挥部 and 储奇门前突通信指挥车 (forward,
scene) and 大溪沟街道应急办 (township rear) — over the six hours before now: a flood incident
raised from response level Ⅳ to Ⅲ, a landslide incident open at the same time, warnings, the
朝天门 gauge and its readings, hazards and risk points, shelters filling up, depots issuing supplies, ten rescue
teams moving, seventeen tasks in every state (some overdue, one order not acknowledged in time),
首报 and 续报 with figures (the flood's hourly 续报 now overdue), duty-log entries with a 值班交接,
messages between posts with their delivered / read receipts, and the district's response plans
(预案) for floods and landslides at levels Ⅰ–Ⅳ.

How it is built:

- Each demo post has a *deterministic* identity: its Ed25519 key is ``sha256(b"zhijiu-demo:" +
  code)`` and its epoch is fixed (``DEMO_EPOCH``), so its post id and origin are the same on every
  machine. The local post must be the roster authority: it enrolls the demo posts in the roster
  (only those absent), then the scenario ops, signed by the demo posts, are applied with one
  ``store.apply(…, source="demo")`` like ops from any peer.
- ``ScenarioBuilder`` numbers each origin's ops 1, 2, 3…, stamps them with strictly increasing
  hybrid-clock stamps, derives entity ids with ``uuid5`` and, per ``(etype, eid, field)``,
  remembers the op that last wrote the field, so every update names as its base exactly the
  version its author saw — the task lifecycles, unit movements, the response-level raise and the
  warning upgrade merge as single heads, without conflicts.
- Loading twice adds nothing: ops whose ``(origin, seq)`` the store already holds are skipped
  before ``apply`` (their stamps depend on ``now_ms``, so re-encoding them at another time
  would give different bytes for the same number). If the scenario ever changes, change
  ``DEMO_EPOCH`` too: new origins, never a reused sequence number.

The story is told so that a peer receiving these ops in any order (per origin, as sync sends
them) ends in the same state: every op whose role check depends on another post's op is either
held until that op arrives or valid whichever arrives first. (A reassignment *across* posts
followed by the new assignee's acknowledgement is not: the acknowledgement is refused where it
arrives before the reassignment — a limit of the role check, not of the story.)

Everything here is demo data; incident descriptions say so (演示数据).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.cst import cst_datetime
from app.domain import SPECS
from app.identity import public_bytes
from app.ops import VersionRef, encode, hlc_of_ms, post_id_of
from app.services.common import now_ms as wall_ms
from app.services.duty import receipt_id
from app.services.plans import DEFAULT_PLANS
from app.store.store import Draft, Refused, Store

log = logging.getLogger(__name__)

DEMO_EPOCH = "d0000002"  # d0000002: the 朝天门 gauge readings
SPAN_MS = 6 * 3600 * 1000  # the story starts this long before now
STEP_MS = 20_000  # time between two consecutive ops of the story
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhijiu.invalid/demo/" + DEMO_EPOCH)

Geom = dict[str, Any]


# ----------------------------------------------------------------------------- demo posts


@dataclass(frozen=True)
class DemoPost:
    """A post that tells part of the story; ``parent`` is another demo post's code, or None for
    the local (authority) post."""

    code: str
    name: str
    role: str
    level: str
    parent: str | None

    @cached_property
    def key(self) -> Ed25519PrivateKey:
        seed = hashlib.sha256(b"zhijiu-demo:" + self.code.encode()).digest()
        return Ed25519PrivateKey.from_private_bytes(seed)

    @cached_property
    def sign_key(self) -> bytes:
        return public_bytes(self.key)

    @cached_property
    def post_id(self) -> str:
        return post_id_of(self.sign_key)

    @property
    def origin(self) -> str:
        return f"{self.post_id}.{DEMO_EPOCH}"


DISTRICT = DemoPost("yuzhong-district", "渝中区应急管理局指挥中心", "rear", "district", None)
CAIYUANBA = DemoPost("caiyuanba-forward", "菜园坝现场前方指挥部", "forward", "scene", DISTRICT.code)
CHUQIMEN = DemoPost("chuqimen-vehicle", "储奇门前突通信指挥车", "forward", "scene", DISTRICT.code)
DAXIGOU = DemoPost("daxigou-township", "大溪沟街道应急办", "rear", "township", DISTRICT.code)
DEMO_POSTS: tuple[DemoPost, ...] = (DISTRICT, CAIYUANBA, CHUQIMEN, DAXIGOU)


@dataclass(frozen=True)
class Actor:
    """A person signed in at a demo post: every op says who did it."""

    post: DemoPost
    operator: str


def demo_id(kind: str, name: str) -> str:
    """The deterministic id of a demo entity."""
    return uuid.uuid5(_NAMESPACE, f"{kind}/{name}").hex


# ----------------------------------------------------------------------------- the builder


@dataclass(frozen=True)
class DemoOp:
    origin: str
    seq: int
    hlc: int
    raw: bytes


class ScenarioBuilder:
    """Writes a story as signed ops of several posts, in time order.

    ``at(minutes)`` moves the story's clock (never backwards); each op takes ``STEP_MS``. Per
    ``(etype, eid, field)`` the builder keeps the ``(origin, seq)`` of the last write, so an
    update names as its base the version its author saw. Field values are checked against the
    domain specs as they are written, so a mistake in the story fails here, loudly.
    """

    def __init__(self, start_ms: int, end_ms: int) -> None:
        self.start_ms = start_ms
        self.end_ms = end_ms
        self._t = start_ms
        self._seq: dict[str, int] = {}
        self._last_hlc: dict[str, int] = {}
        self._versions: dict[tuple[str, str, str], VersionRef] = {}
        self._live: set[tuple[str, str]] = set()
        self.ops: list[DemoOp] = []
        self.drift_ms = 0  # how far the story ran behind the minutes it asked for

    # ------------------------------------------------------------------ time

    def at(self, minutes: float) -> int:
        """Move the story's clock to ``minutes`` after the start (or leave it if already later)."""
        target = self.ms(minutes)
        self.drift_ms = max(self.drift_ms, self._t - target)
        self._t = max(self._t, target)
        return self._t

    def ms(self, minutes: float) -> int:
        return self.start_ms + round(minutes * 60_000)

    @property
    def now(self) -> int:
        """The time of the next op."""
        return self._t

    def hm(self, ms: int | None = None) -> str:
        """Beijing time, HH:MM, for the texts of the story."""
        t = self._t if ms is None else ms
        return cst_datetime(t).strftime("%H:%M")

    # ------------------------------------------------------------------ writing

    def put(self, who: Actor, etype: str, eid: str, **fields: Any) -> None:
        """Create an entity (all required fields) or update some of its fields."""
        key = (etype, eid)
        problem = SPECS[etype].check_fields(fields, creating=key not in self._live)
        if problem:
            raise ValueError(f"demo {etype} {eid}: {problem}")
        bases = {
            n: [self._versions[(etype, eid, n)]] if (etype, eid, n) in self._versions else []
            for n in fields
        }
        ref = self._emit(who, etype, eid, "put", fields, bases)
        for n in fields:
            self._versions[(etype, eid, n)] = ref
        self._live.add(key)

    def add(self, who: Actor, etype: str, eid: str | None = None, **fields: Any) -> str:
        """An append-only record (report, feedback, log, message, stock, occupancy); its id
        (``eid`` when the record's id is derived, as a message receipt's is)."""
        if not SPECS[etype].append_only:
            raise ValueError(f"{etype} is not append-only")
        problem = SPECS[etype].check_fields(fields, creating=True)
        if problem:
            raise ValueError(f"demo {etype}: {problem}")
        origin = who.post.origin
        eid = eid or demo_id(etype, f"{origin}/{self._seq.get(origin, 0) + 1}")
        self._emit(who, etype, eid, "add", fields, {})
        return eid

    def delete(self, who: Actor, etype: str, eid: str) -> None:
        if (etype, eid) not in self._live:
            raise ValueError(f"demo {etype} {eid}: nothing to delete")
        field = (etype, eid, "deleted")
        bases = {"deleted": [self._versions[field]] if field in self._versions else []}
        self._versions[field] = self._emit(who, etype, eid, "del", {}, bases)
        self._live.discard((etype, eid))

    def _emit(
        self,
        who: Actor,
        etype: str,
        eid: str,
        kind: str,
        fields: Mapping[str, Any],
        bases: Mapping[str, list[VersionRef]],
    ) -> VersionRef:
        if self._t >= self.end_ms:
            raise ValueError("the demo story runs past now")
        origin = who.post.origin
        seq = self._seq.get(origin, 0) + 1
        hlc = hlc_of_ms(self._t)
        if hlc <= self._last_hlc.get(origin, -1):  # cannot happen: the clock only moves on
            raise AssertionError("stamps of one origin must increase")
        raw = encode(
            who.post.key,
            origin=origin,
            seq=seq,
            hlc=hlc,
            operator=who.operator,
            etype=etype,
            eid=eid,
            kind=kind,
            fields=dict(fields),
            bases=dict(bases),
        )
        self._seq[origin] = seq
        self._last_hlc[origin] = hlc
        self.ops.append(DemoOp(origin, seq, hlc, raw))
        self._t += STEP_MS
        return (origin, seq)

    # ------------------------------------------------------------------ story helpers

    def set_status(
        self,
        who: Actor,
        task: str,
        status: str,
        text: str | None = None,
        progress: int | None = None,
    ) -> None:
        """A task moves on; the move is also written as feedback, as the task service does."""
        self.put(who, "task", task, status=status)
        fb: dict[str, Any] = {"task_id": task, "status": status}
        if text:
            fb["text"] = text
        if progress is not None:
            fb["progress"] = progress
        self.add(who, "feedback", **fb)

    def feedback(self, who: Actor, task: str, text: str, progress: int | None = None) -> None:
        fb: dict[str, Any] = {"task_id": task, "text": text}
        if progress is not None:
            fb["progress"] = progress
        self.add(who, "feedback", **fb)


# ----------------------------------------------------------------------------- geometry


def pt(lon: float, lat: float) -> Geom:
    return {"type": "Point", "coordinates": [lon, lat]}


def line(*coords: tuple[float, float]) -> Geom:
    return {"type": "LineString", "coordinates": [list(c) for c in coords]}


def poly(*coords: tuple[float, float]) -> Geom:
    ring = [list(c) for c in coords]
    if ring[0] != ring[-1]:
        ring.append(list(coords[0]))
    return {"type": "Polygon", "coordinates": [ring]}


# Places in 渝中区, WGS-84 [lon, lat] (approximate, at map precision).
CAIYUANBA_STATION = (106.5425, 29.5475)  # 菜园坝火车站广场
CAIYUANBA_RIVERSIDE = (106.5440, 29.5445)  # 长滨路菜园坝段
CHUQIMEN_RIVERSIDE = (106.5760, 29.5522)  # 储奇门 长滨路
CHUQIMEN_VEHICLE = (106.5768, 29.5540)
DAXIGOU_RIVERSIDE = (106.5470, 29.5712)  # 嘉滨路大溪沟段
CHAOTIANMEN_GAUGE = (106.5855, 29.5660)
HUANGHUAYUAN_SLOPE = (106.5535, 29.5665)  # 黄花园片区边坡
DISTRICT_CENTRE = (106.5530, 29.5575)
DATIANWAN = (106.5435, 29.5560)  # 大田湾体育场
PEOPLES_PARK = (106.5760, 29.5575)  # 渝中区人民公园
DAXIGOU_CENTRE = (106.5460, 29.5665)  # 大溪沟街道社区服务中心

RIVERSIDE_AREA = poly(  # the two-river bank of the peninsula
    (106.5300, 29.5480),
    (106.5450, 29.5410),
    (106.5620, 29.5450),
    (106.5780, 29.5490),
    (106.5900, 29.5600),
    (106.5880, 29.5690),
    (106.5660, 29.5730),
    (106.5450, 29.5730),
    (106.5300, 29.5670),
)
SLOPES_AREA = poly(
    (106.5480, 29.5630),
    (106.5600, 29.5640),
    (106.5660, 29.5560),
    (106.5600, 29.5480),
    (106.5500, 29.5500),
    (106.5460, 29.5580),
)


# ----------------------------------------------------------------------------- the story


def scenario_ops(now_ms: int, city_post_id: str) -> list[DemoOp]:
    """Every op of the demo, in time order, for a story that ends shortly before ``now_ms``.

    ``city_post_id`` is the local authority post, to which the district reports by message.
    """
    start = (now_ms - SPAN_MS) // 60_000 * 60_000
    b = ScenarioBuilder(start, now_ms)
    _tell(b, city_post_id)
    return b.ops


def _tell(b: ScenarioBuilder, city: str) -> None:
    # people at the posts
    li = Actor(DISTRICT, "李明(值班长)")
    wang = Actor(DISTRICT, "王芳(值班长)")  # takes over at the handover
    zhang = Actor(DISTRICT, "张建国(区防指副指挥长)")
    liu = Actor(DISTRICT, "刘洋(值班员)")
    chen = Actor(DISTRICT, "陈静(信息员)")
    zhao = Actor(CAIYUANBA, "赵刚(前指指挥长)")
    sun = Actor(CAIYUANBA, "孙磊(前指参谋)")
    zhou = Actor(CAIYUANBA, "周敏(信息员)")
    wu = Actor(CHUQIMEN, "吴昊(通信保障组长)")
    zheng = Actor(CHUQIMEN, "郑伟(前指副指挥长)")
    he = Actor(CHUQIMEN, "何丽(信息员)")
    huang = Actor(DAXIGOU, "黄志强(街道应急办主任)")
    feng = Actor(DAXIGOU, "冯雪(值班员)")

    D, C, Q, X = (p.post_id for p in DEMO_POSTS)

    # ids
    flood = demo_id("incident", "flood-2rivers")
    slide = demo_id("incident", "landslide-huanghuayuan")
    w_flood = demo_id("warning", "flood")
    w_geo = demo_id("warning", "geological")
    gauge = demo_id("feature", "gauge-chaotianmen")
    f = {
        k: demo_id("feature", k)
        for k in (
            "shelter-datianwan",
            "shelter-renminguangchang",
            "shelter-eling",
            "shelter-renmingongyuan",
            "shelter-daxigou",
            "depot-district",
            "depot-daxigou",
            "staging-lianglukou",
            "lz-datianwan",
            "cp-district",
            "cp-caiyuanba",
            "cp-chuqimen",
            "rescue-caiyuanba",
            "hz-caiyuanba",
            "hz-chuqimen",
            "hz-daxigou",
            "hz-chaotianmen",
            "rp-huanghuayuan",
            "rp-shibanpo",
            "rp-substation",
            "rp-oldhouses",
            "rc-caiyuanba",
            "rc-daxigou",
            "rc-chuqimen",
            "er-caiyuanba",
            "er-chuqimen",
            "er-daxigou",
            "dz-caiyuanba",
            "dz-chuqimen",
            "dz-daxigou",
            "dz-huanghuayuan",
            "misplot",
        )
    }
    u = {
        k: demo_id("unit", k)
        for k in (
            "comprehensive",
            "fire",
            "water",
            "cyb-street",
            "dxg-street",
            "jfb-street",
            "bluesky",
            "medical",
            "drainage",
            "militia",
        )
    }
    t = {
        k: demo_id("task", k)
        for k in (
            "evac-cyb",
            "evac-dxg",
            "road",
            "shelter",
            "drone",
            "boat",
            "pump",
            "supply",
            "militia",
            "slope",
            "search",
            "cctv",
            "medical",
            "report",
            "ctm-check",
            "dxg-recheck",
            "sandbags",
        )
    }

    # ── 0 min: the notice, the yellow warning, the incident at level Ⅳ ──────────────────────
    b.at(0)
    b.add(
        li,
        "log",
        category="duty",
        incident_id=None,
        text=(
            f"{b.hm()} 接市防汛抗旱指挥部通知：受上游强降雨影响，长江、嘉陵江将出现编号洪水过程，"
            "预计洪峰于今夜过境主城，朝天门站最高水位约190.4米（吴淞高程）。已电话通知菜园坝、"
            "解放碑、大溪沟、朝天门等沿江街道做好防御准备。（演示数据）"
        ),
    )
    b.put(
        li,
        "warning",
        w_flood,
        title="渝中区长江、嘉陵江洪水黄色预警",
        level="yellow",
        type="flood",
        status="active",
        stage="h6",
        tiers=["district", "township", "village"],
        area=RIVERSIDE_AREA,
        valid_from=b.now,
        valid_to=b.ms(30 * 60),
        text=(
            "预计未来6小时长江、嘉陵江渝中段水位持续上涨，朝天门站将超过保证水位。请菜园坝、"
            "储奇门、大溪沟等低洼区域街道、社区立即开展巡查，做好人员转移准备，"
            "沿江商户、车辆即时撤离。"
        ),
    )
    b.put(
        li,
        "feature",
        gauge,
        symbol="gauge",
        name="朝天门水位站",
        geom=pt(*CHAOTIANMEN_GAUGE),
        note=(
            "长江、嘉陵江交汇处水位站（吴淞高程）。两江沿线防洪标准按百年一遇（吴淞水位195米）"
            "设防；菜园坝、储奇门、大溪沟等低洼区域防洪能力尚不足5年一遇。"
            "警戒、保证水位为演示设定值，以水文部门发布为准。"
        ),
        props={
            "datum": "吴淞高程",
            "level_m": 181.2,
            "trend": "上涨",
            "reading_at": b.now,
            "warning_level_m": 180.5,
            "guarantee_level_m": 183.5,
            "flood_standard_m": 195.0,
            "crest_forecast_m": 190.4,
        },
    )
    b.add(li, "reading", gauge_id=gauge, quantity="level_m", value=181.2, measured_at=b.now)
    b.at(5)
    b.put(
        li,
        "incident",
        flood,
        title="长江、嘉陵江洪峰过境渝中段洪涝灾害",
        category="flood",
        response_level=4,
        status="open",
        geom=pt(106.5600, 29.5530),
        area=RIVERSIDE_AREA,
        opened_at=b.now,
        district="渝中区",
        description=(
            "长江、嘉陵江编号洪水过境，朝天门站水位持续上涨，菜园坝、储奇门、大溪沟等"
            "低洼区域面临进水风险，需组织沿江群众转移避险。（演示数据，非真实事件）"
        ),
    )
    b.put(li, "warning", w_flood, incident_id=flood)
    b.add(
        li,
        "log",
        category="order",
        incident_id=flood,
        text=(
            f"{b.hm()} 区防汛指挥部启动防汛Ⅳ级应急响应，区应急局指挥中心转入24小时联合值守，"
            "水利、规资、气象、消防、城管、公安分局派员进驻。"
        ),
    )

    # ── 8 min: the district plots its resources ──────────────────────────────────────────────
    b.at(8)
    b.put(
        li,
        "feature",
        f["cp-district"],
        symbol="command_post",
        name="渝中区应急管理局指挥中心",
        geom=pt(*DISTRICT_CENTRE),
        incident_id=flood,
    )
    b.put(
        liu,
        "feature",
        f["shelter-datianwan"],
        symbol="shelter",
        name="大田湾体育场避难场所",
        geom=pt(*DATIANWAN),
        capacity=3000,
        shelter_kind="short_term",
        note="室内场馆及看台下通道，可设床位；菜园坝片区群众经皇冠大扶梯、菜袁路转移至此。",
    )
    b.put(
        liu,
        "feature",
        f["shelter-renminguangchang"],
        symbol="shelter",
        name="重庆人民广场应急避难场所",
        geom=pt(106.5510, 29.5620),
        capacity=5000,
        shelter_kind="emergency",
        note="露天场地，仅作紧急避险，不宜长时间安置。",
    )
    b.put(
        liu,
        "feature",
        f["shelter-eling"],
        symbol="shelter",
        name="鹅岭公园应急避难场所",
        geom=pt(106.5285, 29.5530),
        capacity=2000,
        shelter_kind="emergency",
    )
    b.put(
        liu,
        "feature",
        f["shelter-renmingongyuan"],
        symbol="shelter",
        name="渝中区人民公园临时安置点",
        geom=pt(*PEOPLES_PARK),
        capacity=800,
        shelter_kind="short_term",
        note="储奇门片区转移群众就近安置。",
    )
    b.put(
        liu,
        "feature",
        f["shelter-daxigou"],
        symbol="shelter",
        name="大溪沟街道社区服务中心临时安置点",
        geom=pt(*DAXIGOU_CENTRE),
        capacity=400,
        shelter_kind="short_term",
    )
    b.put(
        liu,
        "feature",
        f["depot-district"],
        symbol="depot",
        name="渝中区应急物资储备库",
        geom=pt(106.5330, 29.5560),
        note="区级库，24小时值守，联系人：仓库主管 马涛",
    )
    b.put(
        liu,
        "feature",
        f["depot-daxigou"],
        symbol="depot",
        name="大溪沟街道应急物资储备点",
        geom=pt(106.5470, 29.5675),
    )
    b.put(
        liu,
        "feature",
        f["staging-lianglukou"],
        symbol="staging_area",
        name="两路口救援力量集结区",
        geom=pt(106.5500, 29.5535),
        incident_id=flood,
    )
    b.put(
        liu,
        "feature",
        f["lz-datianwan"],
        symbol="landing_zone",
        name="大田湾体育场直升机临时起降点",
        geom=pt(106.5432, 29.5556),
    )

    b.at(13)
    for item, qty, unit in (
        ("帐篷", 300, "顶"),
        ("折叠床", 800, "张"),
        ("棉被", 1500, "床"),
        ("救生衣", 400, "件"),
        ("沙袋", 6000, "条"),
        ("矿泉水", 1000, "箱"),
        ("方便食品", 800, "箱"),
        ("移动照明灯", 40, "台"),
    ):
        b.add(
            liu,
            "stock",
            depot_id=f["depot-district"],
            item=item,
            delta=qty,
            unit=unit,
            reason="期初库存（汛前盘点）",
        )

    # ── 16 min: rescue teams on the roster of the incident ──────────────────────────────────
    b.at(16)
    teams: list[tuple[str, str, str, int, list[str], tuple[float, float], str, str, str]] = [
        (
            "comprehensive",
            "渝中区综合应急救援大队",
            "comprehensive",
            42,
            ["冲锋舟2艘", "橡皮艇4艘", "救生衣60件", "生命探测仪", "移动照明灯组", "卫星电话"],
            DISTRICT_CENTRE,
            D,
            "大队长 罗勇",
            "渝中应急01",
        ),
        (
            "fire",
            "渝中区消防救援支队解放碑特勤站",
            "fire_rescue",
            26,
            ["抢险救援车", "大功率排水泵3台", "冲锋舟1艘", "破拆工具组"],
            (106.5745, 29.5590),
            C,
            "站长 邓飞",
            "渝中消防特勤",
        ),
        (
            "water",
            "渝中区水上应急救援队",
            "specialist",
            16,
            ["冲锋舟4艘", "救生抛投器", "水下声呐", "救生衣40件"],
            (106.5830, 29.5640),
            C,
            "队长 谢江",
            "渝中水救01",
        ),
        (
            "cyb-street",
            "菜园坝街道综合应急救援队",
            "grassroots",
            18,
            ["救生衣20件", "强光手电", "扩音喇叭", "370MHz对讲机"],
            (106.5440, 29.5490),
            C,
            "队长 胡斌",
            "菜园坝01",
        ),
        (
            "dxg-street",
            "大溪沟街道综合应急救援队",
            "grassroots",
            17,
            ["救生衣20件", "裂缝监测仪", "扩音喇叭", "370MHz对讲机"],
            DAXIGOU_CENTRE,
            X,
            "队长 彭亮",
            "大溪沟01",
        ),
        (
            "jfb-street",
            "解放碑街道综合应急救援队",
            "grassroots",
            20,
            ["救生衣20件", "沙袋装填机", "扩音喇叭"],
            (106.5775, 29.5580),
            Q,
            "队长 曾涛",
            "解放碑01",
        ),
        (
            "bluesky",
            "重庆蓝天救援队渝中分队",
            "volunteer",
            24,
            ["橡皮艇2艘", "无人机2架", "救生衣30件", "医疗急救包"],
            (106.5520, 29.5585),
            Q,
            "队长 唐鑫",
            "蓝天渝中",
        ),
        (
            "medical",
            "重庆市急救医疗中心渝中急救分队",
            "medical",
            12,
            ["救护车3辆", "急救药品", "心电监护仪"],
            (106.5650, 29.5580),
            Q,
            "领队 许医生",
            "120渝中",
        ),
        (
            "drainage",
            "渝中区城市排涝抢险队",
            "specialist",
            15,
            ["大流量排水抢险车2台", "潜水泵8台", "发电机2台"],
            (106.5600, 29.5560),
            Q,
            "队长 范伟",
            "渝中排涝01",
        ),
        (
            "militia",
            "渝中区人武部民兵应急排",
            "militia",
            30,
            ["救生衣30件", "铁锹", "编织袋"],
            (106.5500, 29.5600),
            X,
            "排长 董超",
            "民兵应急排",
        ),
    ]
    for key, name, kind, n, gear, at, owner, contact, callsign in teams:
        b.put(
            liu,
            "unit",
            u[key],
            name=name,
            type=kind,
            status="standby",
            headcount=n,
            equipment=gear,
            geom=pt(*at),
            post_id=owner,
            incident_id=flood,
            contact=contact,
            callsign=callsign,
        )

    # ── 20 min: the township starts work; the first orders go out ──────────────────────────
    b.at(20)
    b.add(
        feng,
        "log",
        category="duty",
        incident_id=flood,
        text=(
            f"{b.hm()} 大溪沟街道启动防汛应急响应，街道应急办24小时值守；网格员分片入户通知"
            "嘉滨路沿线低洼住户做好转移准备。"
        ),
    )
    for item, qty, unit in (
        ("折叠床", 150, "张"),
        ("棉被", 300, "床"),
        ("救生衣", 60, "件"),
        ("矿泉水", 200, "箱"),
        ("方便食品", 150, "箱"),
    ):
        b.add(
            feng,
            "stock",
            depot_id=f["depot-daxigou"],
            item=item,
            delta=qty,
            unit=unit,
            reason="期初库存（汛前盘点）",
        )

    b.at(24)
    b.put(
        li,
        "task",
        t["evac-cyb"],
        title="菜园坝低洼区域群众紧急转移",
        status="issued",
        issuer=D,
        assignee=u["cyb-street"],
        assignee_kind="unit",
        incident_id=flood,
        priority="urgent",
        issued_at=b.now,
        deadline=b.ms(220),
        ack_within_s=900,
        geom=pt(*CAIYUANBA_STATION),
        description=(
            "对长滨路沿线、菜园坝火车站周边低洼区域逐户清查，经皇冠大扶梯、菜袁路转移至"
            "大田湾体育场，做到应转尽转、不漏一户一人。"
        ),
    )
    b.put(
        li,
        "task",
        t["evac-dxg"],
        title="大溪沟嘉陵江沿线低洼区域人员转移",
        status="issued",
        issuer=D,
        assignee=X,
        assignee_kind="post",
        incident_id=flood,
        priority="urgent",
        issued_at=b.now,
        deadline=b.ms(240),
        ack_within_s=900,
        geom=pt(*DAXIGOU_RIVERSIDE),
        description="嘉滨路大溪沟段沿线低洼住户、商户转移至大溪沟街道社区服务中心。",
    )
    b.put(
        li,
        "task",
        t["road"],
        title="长滨路菜园坝段交通管制",
        status="issued",
        issuer=D,
        assignee=C,
        assignee_kind="post",
        incident_id=flood,
        priority="high",
        issued_at=b.now,
        deadline=b.ms(75),
        ack_within_s=600,
        geom=pt(*CAIYUANBA_RIVERSIDE),
        description="会同交巡警封闭长滨路菜园坝段，设置绕行提示。",
    )
    b.put(
        li,
        "task",
        t["shelter"],
        title="大田湾体育场避难场所开设",
        status="issued",
        issuer=D,
        assignee=u["comprehensive"],
        assignee_kind="unit",
        incident_id=flood,
        priority="high",
        issued_at=b.now,
        deadline=b.ms(100),
        ack_within_s=600,
        geom=pt(*DATIANWAN),
        description="开设大田湾体育场临时安置点，设置登记、医疗、物资发放区。",
    )
    b.put(
        li,
        "task",
        t["drone"],
        title="两江沿线无人机巡查",
        status="issued",
        issuer=D,
        assignee=Q,
        assignee_kind="post",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(180),
        ack_within_s=900,
        geom=pt(*CHAOTIANMEN_GAUGE),
        description="对菜园坝至朝天门长江沿线、朝天门至大溪沟嘉陵江沿线开展无人机巡查，每30分钟回传一次图像。",
    )
    b.add(
        li,
        "message",
        to=C,
        text=(
            "请赵刚同志带前指立即前出菜园坝，在火车站广场开设现场前方指挥部，统一指挥菜园坝片区"
            "转移避险，到位后报告。"
        ),
    )
    b.add(
        li,
        "message",
        to=city,
        text=(
            "渝中区已启动防汛Ⅳ级应急响应，区前指正前出菜园坝、储奇门，沿江低洼区域群众转移"
            "准备工作已部署。请市防指知悉。"
        ),
    )
    b.put(li, "unit", u["comprehensive"], status="en_route")

    # ── 32 min: the 菜园坝 forward post opens ───────────────────────────────────────────────
    b.at(32)
    b.put(
        zhao,
        "feature",
        f["cp-caiyuanba"],
        symbol="command_post",
        name="菜园坝现场前方指挥部",
        geom=pt(*CAIYUANBA_STATION),
        incident_id=flood,
        note="火车站广场东侧，指挥帐篷2顶",
    )
    b.add(
        sun,
        "log",
        category="event",
        incident_id=flood,
        text=(
            f"{b.hm()} 前指在菜园坝火车站广场开设，卫星便携站、370MHz对讲已通，"
            "消防特勤站、水上救援队、菜园坝街道救援队到位待命。"
        ),
    )
    b.set_status(sun, t["evac-cyb"], "acknowledged", "已签收，菜园坝街道救援队18人集结完毕。")
    b.put(sun, "unit", u["cyb-street"], status="on_scene", geom=pt(106.5438, 29.5458))
    b.set_status(sun, t["road"], "acknowledged", "已签收，协调渝中交巡警支队派员。")
    b.set_status(sun, t["road"], "in_progress", "长滨路菜园坝段两端设卡，开始劝离车辆。", 30)
    b.put(sun, "unit", u["fire"], status="en_route", geom=pt(106.5620, 29.5520))
    b.put(sun, "unit", u["water"], status="en_route", geom=pt(106.5700, 29.5500))
    b.put(li, "unit", u["comprehensive"], status="on_scene", geom=pt(*DATIANWAN))
    b.set_status(li, t["shelter"], "acknowledged", "综合救援大队已签收。")

    b.at(38)
    b.set_status(feng, t["evac-dxg"], "acknowledged", "街道已签收，组织网格员、救援队入户。")
    b.set_status(feng, t["evac-dxg"], "in_progress", "开始转移嘉滨路沿线住户。", 10)
    b.put(
        zhou,
        "feature",
        f["hz-caiyuanba"],
        symbol="hazard",
        name="长滨路菜园坝段漫水",
        geom=pt(*CAIYUANBA_RIVERSIDE),
        level="high",
        incident_id=flood,
        note="滨江路面积水约30厘米并持续上涨，沿线商铺、停放车辆受淹风险高。",
    )
    b.put(
        zhou,
        "feature",
        f["rc-caiyuanba"],
        symbol="road_cut",
        name="长滨路菜园坝段封闭",
        geom=line((106.5360, 29.5455), (106.5440, 29.5440), (106.5500, 29.5445)),
        incident_id=flood,
    )
    b.put(
        zhou,
        "feature",
        f["dz-caiyuanba"],
        symbol="danger_zone",
        name="菜园坝低洼淹没危险区",
        geom=poly(
            (106.5360, 29.5445),
            (106.5470, 29.5425),
            (106.5510, 29.5455),
            (106.5450, 29.5490),
            (106.5370, 29.5480),
        ),
        level="high",
        incident_id=flood,
    )
    b.put(
        zhou,
        "feature",
        f["er-caiyuanba"],
        symbol="evacuation_route",
        name="菜园坝—皇冠大扶梯—大田湾转移路线",
        geom=line((106.5430, 29.5465), (106.5468, 29.5478), (106.5490, 29.5525), DATIANWAN),
        incident_id=flood,
    )
    b.put(
        zhou,
        "feature",
        f["rescue-caiyuanba"],
        symbol="rescue_point",
        name="菜园坝火车站广场救援点",
        geom=pt(106.5450, 29.5462),
        incident_id=flood,
    )

    # ── 42 min: the 首报 from 菜园坝; a boat search ordered by the forward post ────────────
    b.at(42)
    b.add(
        zhou,
        "report",
        incident_id=flood,
        kind="first",
        category="flood",
        dead=0,
        missing=0,
        injured=0,
        trapped=12,
        evacuated=380,
        relocated=0,
        houses_damaged=0,
        loss_10k_yuan=150,
        geom=pt(*CAIYUANBA_STATION),
        reporter="赵刚",
        text=(
            f"【首报】{b.hm()}，长江菜园坝段水位快速上涨，长滨路沿线低洼处开始进水。"
            "初步统计片区需转移群众约2600人，已转移380人；12名群众被困于滨江商铺及车内，"
            "暂无人员伤亡。前指已开设，救援力量正在展开。"
        ),
    )
    b.put(
        zhao,
        "task",
        t["boat"],
        title="长滨路被困群众搜救",
        status="issued",
        issuer=C,
        assignee=u["water"],
        assignee_kind="unit",
        incident_id=flood,
        priority="urgent",
        issued_at=b.now,
        deadline=b.ms(140),
        ack_within_s=300,
        geom=pt(*CAIYUANBA_RIVERSIDE),
        description="冲锋舟沿长滨路搜救被困商户及车内人员。",
    )
    b.set_status(sun, t["boat"], "acknowledged", "水上救援队已签收，冲锋舟下水。")
    b.put(sun, "unit", u["water"], status="on_scene", geom=pt(106.5445, 29.5448))
    b.set_status(sun, t["boat"], "in_progress", "2艘冲锋舟开始沿长滨路搜救。", 10)
    b.put(
        li,
        "warning",
        w_geo,
        title="渝中区地质灾害气象风险黄色预警",
        level="yellow",
        type="geological",
        status="active",
        stage="h6",
        tiers=["township", "village"],
        area=SLOPES_AREA,
        valid_from=b.now,
        valid_to=b.ms(42 + 24 * 60),
        text=(
            "持续降雨叠加两江高水位，渝中区边坡、挡墙、危岩发生地质灾害风险较高。"
            "请相关街道加强隐患点巡查监测，群测群防员24小时值守，发现险情立即转移受威胁群众。"
        ),
    )
    b.put(
        liu,
        "feature",
        f["rp-shibanpo"],
        symbol="risk_point",
        name="石板坡边坡",
        geom=pt(106.5630, 29.5500),
        level="general",
        note="地质灾害隐患点，预警期间群测群防员加密巡查，每2小时报告一次。",
    )

    b.at(48)
    b.add(
        sun,
        "occupancy",
        shelter_id=f["shelter-datianwan"],
        delta=180,
        note="菜园坝片区第一批转移群众入住",
    )
    b.put(li, "task", t["shelter"], status="in_progress")
    b.add(
        li, "feedback", task_id=t["shelter"], text="登记区、医疗点已设置，床位铺设中。", progress=50
    )

    # ── 50 min: the 储奇门 vehicle arrives and restores links ───────────────────────────────
    b.at(50)
    b.add(
        wu,
        "log",
        category="event",
        incident_id=flood,
        text=(
            f"{b.hm()} 前突通信指挥车抵达储奇门，卫星链路、宽窄带自组网、370MHz对讲建立，"
            "图传上线，通信恢复用时12分钟。"
        ),
    )
    b.put(
        wu,
        "feature",
        f["cp-chuqimen"],
        symbol="command_post",
        name="储奇门前突通信指挥车",
        geom=pt(*CHUQIMEN_VEHICLE),
        incident_id=flood,
    )
    b.set_status(wu, t["drone"], "acknowledged", "已签收，蓝天救援队无人机组配合。")
    b.put(
        wu,
        "feature",
        f["misplot"],
        symbol="hazard",
        name="储奇门滨江路段进水",
        geom=pt(106.5860, 29.5520),
        level="general",
        incident_id=flood,
    )
    b.put(zheng, "unit", u["bluesky"], status="en_route", geom=pt(106.5650, 29.5560))
    b.put(zheng, "unit", u["drainage"], status="en_route", geom=pt(106.5680, 29.5545))
    b.set_status(wu, t["drone"], "in_progress", "无人机1号机起飞，沿长江巡查。", 10)
    b.delete(wu, "feature", f["misplot"])  # plotted in the river by mistake; re-plotted below
    b.put(
        he,
        "feature",
        f["hz-chuqimen"],
        symbol="hazard",
        name="储奇门滨江路段进水、地下车库倒灌风险",
        geom=pt(*CHUQIMEN_RIVERSIDE),
        level="high",
        incident_id=flood,
        note="长滨路储奇门段低点进水，周边2处地下车库入口需封堵。",
    )
    b.put(
        he,
        "feature",
        f["dz-chuqimen"],
        symbol="danger_zone",
        name="储奇门低洼淹没危险区",
        geom=poly(
            (106.5710, 29.5500), (106.5800, 29.5515), (106.5815, 29.5545), (106.5730, 29.5540)
        ),
        level="high",
        incident_id=flood,
    )
    b.put(
        he,
        "feature",
        f["rp-oldhouses"],
        symbol="risk_point",
        name="储奇门片区临江老旧居民楼",
        geom=pt(106.5750, 29.5530),
        level="general",
        incident_id=flood,
        note="砖混结构，底层临江，底层住户已先行转移。",
    )
    b.put(
        he,
        "feature",
        f["rc-chuqimen"],
        symbol="road_cut",
        name="长滨路储奇门段封闭",
        geom=line((106.5700, 29.5505), (106.5780, 29.5520)),
        incident_id=flood,
    )
    b.put(
        he,
        "feature",
        f["er-chuqimen"],
        symbol="evacuation_route",
        name="储奇门—人民公园转移路线",
        geom=line((106.5770, 29.5525), (106.5765, 29.5545), PEOPLES_PARK),
        incident_id=flood,
    )

    b.at(62)
    b.add(
        he,
        "report",
        incident_id=flood,
        kind="first",
        category="flood",
        dead=0,
        missing=0,
        injured=0,
        trapped=3,
        evacuated=150,
        relocated=0,
        houses_damaged=0,
        loss_10k_yuan=80,
        geom=pt(*CHUQIMEN_VEHICLE),
        reporter="郑伟",
        text=(
            f"【首报】{b.hm()}，储奇门长滨路段低点进水，已转移沿线群众150人，"
            "3人被困于地下车库出口，排涝、救援力量正在前往。"
        ),
    )
    b.put(zheng, "unit", u["bluesky"], status="on_scene", geom=pt(106.5762, 29.5528))

    # ── 66 min: consultation; response raised to Ⅲ, warning to orange ───────────────────────
    b.at(66)
    b.add(
        zhang,
        "log",
        category="consultation",
        incident_id=flood,
        text=(
            f"{b.hm()} 区防指会商研判（张建国主持，水利、规资、气象、消防、城管参加）："
            "朝天门站水位182.6米并持续上涨，预计洪峰190.4米，超保证水位6.9米，菜园坝、储奇门、"
            "大溪沟低洼区域将大面积进水。决定：①防汛应急响应由Ⅳ级提升至Ⅲ级；②洪水预警升级为"
            "橙色；③沿江低洼区域群众于洪峰前全部转移；④增派排涝、医疗力量至储奇门。"
        ),
    )
    b.put(zhang, "incident", flood, response_level=3)
    b.add(
        zhang,
        "log",
        category="order",
        incident_id=flood,
        text=(
            f"{b.hm()} 区防汛指挥部将防汛应急响应提升至Ⅲ级，各成员单位、沿江街道按Ⅲ级响应"
            "要求到岗到位。"
        ),
    )
    b.put(
        li,
        "warning",
        w_flood,
        title="渝中区长江、嘉陵江洪水橙色预警",
        level="orange",
        stage="h2",
        text=(
            "预计2小时内朝天门站水位将超过185米，洪峰190.4米（吴淞高程），菜园坝、储奇门、"
            "大溪沟等低洼区域将进水。请沿江街道、社区立即组织群众转移，"
            "封闭长滨路、嘉滨路低洼路段。"
        ),
    )
    b.add(
        li,
        "message",
        to=city,
        text=(f"渝中区防汛应急响应已于{b.hm()}提升至Ⅲ级，洪水预警升级为橙色，请市防指知悉。"),
    )
    msg_to_q = b.add(li, "message", to=Q, text="储奇门片区增派城市排涝抢险队、急救分队，归你指挥。")

    b.at(74)
    b.put(
        li,
        "task",
        t["pump"],
        title="储奇门地下车库排涝封堵",
        status="issued",
        issuer=D,
        assignee=u["jfb-street"],
        assignee_kind="unit",
        incident_id=flood,
        priority="high",
        issued_at=b.now,
        deadline=b.ms(420),
        ack_within_s=600,
        geom=pt(*CHUQIMEN_RIVERSIDE),
        description="封堵地下车库入口，抽排积水，防止倒灌。",
    )
    b.add(
        li,
        "occupancy",
        shelter_id=f["shelter-renmingongyuan"],
        delta=150,
        note="储奇门片区转移群众入住",
    )
    b.put(
        li,
        "task",
        t["supply"],
        title="调拨帐篷、折叠床、棉被至大田湾体育场",
        status="issued",
        issuer=D,
        assignee=u["comprehensive"],
        assignee_kind="unit",
        incident_id=flood,
        priority="high",
        issued_at=b.now,
        deadline=b.ms(150),
        ack_within_s=600,
        geom=pt(*DATIANWAN),
    )
    b.set_status(li, t["supply"], "acknowledged")
    b.put(
        li,
        "task",
        t["militia"],
        title="民兵应急排增援菜园坝群众转移",
        status="issued",
        issuer=D,
        assignee=u["militia"],
        assignee_kind="unit",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(200),
        ack_within_s=900,
        geom=pt(*CAIYUANBA_STATION),
    )
    # Reassigned to a team of the same post: the ack by 储奇门 is then valid whichever of the
    # issue and the reassignment a peer receives first (see the module notes on delivery order).
    b.put(li, "task", t["pump"], assignee=u["drainage"])
    b.add(
        li,
        "feedback",
        task_id=t["pump"],
        text=("改派渝中区城市排涝抢险队（大流量排水抢险车），解放碑街道救援队转为沙袋封堵配合。"),
    )

    b.at(84)
    b.set_status(zheng, t["pump"], "acknowledged", "排涝抢险队已签收。")
    b.put(zheng, "unit", u["drainage"], status="on_scene", geom=pt(106.5758, 29.5522))
    b.set_status(zheng, t["pump"], "in_progress", "2台排水抢险车就位，开始封堵入口、抽排。", 20)
    b.set_status(feng, t["militia"], "acknowledged", "民兵应急排已签收，30人集结。")
    b.put(feng, "unit", u["militia"], status="en_route", geom=pt(106.5480, 29.5530))
    b.set_status(sun, t["evac-cyb"], "in_progress", "分三组逐户清查，已转移约900人。", 40)
    b.put(sun, "unit", u["fire"], status="on_scene", geom=pt(106.5440, 29.5452))

    b.at(90)
    b.put(
        chen,
        "feature",
        gauge,
        props={
            "datum": "吴淞高程",
            "level_m": 183.1,
            "trend": "上涨",
            "reading_at": b.now,
            "warning_level_m": 180.5,
            "guarantee_level_m": 183.5,
            "flood_standard_m": 195.0,
            "crest_forecast_m": 190.4,
        },
    )
    b.add(chen, "reading", gauge_id=gauge, quantity="level_m", value=183.1, measured_at=b.now)
    for item, qty, unit in (
        ("帐篷", -80, "顶"),
        ("折叠床", -400, "张"),
        ("棉被", -600, "床"),
        ("矿泉水", -300, "箱"),
        ("方便食品", -200, "箱"),
    ):
        b.add(
            liu,
            "stock",
            depot_id=f["depot-district"],
            item=item,
            delta=qty,
            unit=unit,
            reason="调拨大田湾体育场安置点",
            task_id=t["supply"],
        )
    b.set_status(li, t["supply"], "in_progress", "2车物资已出库。", 50)

    b.at(98)
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="沙袋",
        delta=-2000,
        unit="条",
        reason="调拨储奇门地下车库封堵",
        task_id=t["pump"],
    )
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="救生衣",
        delta=-150,
        unit="件",
        reason="调拨菜园坝前指",
    )
    b.set_status(li, t["shelter"], "done", "大田湾安置点开设完毕，床位800张。", 100)

    # ── 100 min: the landslide — a second incident, opened by the township ──────────────────
    b.at(100)
    b.put(
        feng,
        "feature",
        f["rp-huanghuayuan"],
        symbol="risk_point",
        name="黄花园片区边坡",
        geom=pt(*HUANGHUAYUAN_SLOPE),
        level="general",
        note="土质边坡，高约18米，坡下居民楼2栋。",
    )
    b.add(
        huang,
        "log",
        category="event",
        incident_id=None,
        text=(
            f"{b.hm()} 网格员报告：黄花园片区边坡出现多条裂缝，坡脚局部溜塌，"
            "坡下2栋居民楼约46户受威胁。"
        ),
    )
    b.put(
        huang,
        "incident",
        slide,
        title="大溪沟街道黄花园片区边坡滑坡险情",
        category="landslide",
        response_level=4,
        status="open",
        geom=pt(*HUANGHUAYUAN_SLOPE),
        area=poly(
            (106.5525, 29.5658), (106.5546, 29.5659), (106.5547, 29.5672), (106.5526, 29.5671)
        ),
        opened_at=b.now,
        district="渝中区",
        description=(
            "持续降雨致黄花园片区一处土质边坡出现裂缝、坡脚溜塌，坡下居民楼2栋约46户"
            "受威胁，已紧急转移。（演示数据，非真实事件）"
        ),
    )
    b.put(huang, "feature", f["rp-huanghuayuan"], level="high", incident_id=slide)
    b.put(huang, "warning", w_geo, incident_id=slide)
    b.put(
        huang,
        "feature",
        f["dz-huanghuayuan"],
        symbol="danger_zone",
        name="黄花园边坡危险区",
        geom=poly(
            (106.5525, 29.5658), (106.5546, 29.5659), (106.5547, 29.5672), (106.5526, 29.5671)
        ),
        level="high",
        incident_id=slide,
    )
    b.put(
        huang,
        "task",
        t["slope"],
        title="黄花园边坡24小时监测及坡下居民转移",
        status="issued",
        issuer=X,
        assignee=u["dxg-street"],
        assignee_kind="unit",
        incident_id=slide,
        priority="urgent",
        issued_at=b.now,
        deadline=b.ms(24 * 60),
        ack_within_s=600,
        geom=pt(*HUANGHUAYUAN_SLOPE),
    )
    b.set_status(feng, t["slope"], "acknowledged", "大溪沟街道救援队签收。")
    b.put(
        feng,
        "unit",
        u["dxg-street"],
        status="on_scene",
        incident_id=slide,
        geom=pt(106.5532, 29.5662),
    )
    b.set_status(feng, t["slope"], "in_progress", "坡下46户已全部撤离，裂缝计安装完成。", 40)
    b.add(feng, "occupancy", shelter_id=f["shelter-daxigou"], delta=46, note="黄花园边坡坡下住户")
    b.add(
        huang,
        "report",
        incident_id=slide,
        kind="first",
        category="hazard",
        dead=0,
        missing=0,
        injured=0,
        trapped=0,
        evacuated=46,
        relocated=46,
        houses_damaged=0,
        loss_10k_yuan=0,
        geom=pt(*HUANGHUAYUAN_SLOPE),
        reporter="黄志强",
        text=(
            f"【首报】{b.hm()}，黄花园片区边坡出现裂缝及局部溜塌，坡下46户已紧急转移至"
            "社区服务中心，无人员伤亡，边坡已安排专人24小时监测。"
        ),
    )

    b.at(112)
    b.add(
        feng, "occupancy", shelter_id=f["shelter-daxigou"], delta=120, note="嘉滨路沿线转移群众入住"
    )
    for item, qty, unit in (("折叠床", -120, "张"), ("棉被", -160, "床"), ("矿泉水", -60, "箱")):
        b.add(
            feng,
            "stock",
            depot_id=f["depot-daxigou"],
            item=item,
            delta=qty,
            unit=unit,
            reason="社区服务中心安置点",
        )
    b.add(
        feng,
        "report",
        incident_id=flood,
        kind="first",
        category="flood",
        dead=0,
        missing=0,
        injured=0,
        trapped=0,
        evacuated=210,
        relocated=120,
        houses_damaged=0,
        loss_10k_yuan=30,
        geom=pt(*DAXIGOU_RIVERSIDE),
        reporter="黄志强",
        text=(
            f"【首报】{b.hm()}，嘉陵江大溪沟段水位上涨，嘉滨路低洼段开始漫水，"
            "已转移群众210人，集中安置120人。"
        ),
    )
    b.put(
        feng,
        "feature",
        f["hz-daxigou"],
        symbol="hazard",
        name="嘉滨路大溪沟段漫水",
        geom=pt(*DAXIGOU_RIVERSIDE),
        level="general",
        incident_id=flood,
    )
    b.put(
        feng,
        "feature",
        f["rc-daxigou"],
        symbol="road_cut",
        name="嘉滨路大溪沟段封闭",
        geom=line((106.5400, 29.5710), (106.5480, 29.5718), (106.5530, 29.5716)),
        incident_id=flood,
    )
    b.put(
        feng,
        "feature",
        f["dz-daxigou"],
        symbol="danger_zone",
        name="大溪沟低洼淹没危险区",
        geom=poly(
            (106.5400, 29.5695), (106.5520, 29.5705), (106.5520, 29.5725), (106.5400, 29.5715)
        ),
        level="general",
        incident_id=flood,
    )
    b.put(
        feng,
        "feature",
        f["er-daxigou"],
        symbol="evacuation_route",
        name="嘉滨路—社区服务中心转移路线",
        geom=line((106.5460, 29.5705), (106.5462, 29.5685), DAXIGOU_CENTRE),
        incident_id=flood,
    )

    # ── 120 min: 续报 from 菜园坝; the boat search ends ───────────────────────────────────
    b.at(120)
    b.add(
        sun,
        "occupancy",
        shelter_id=f["shelter-datianwan"],
        delta=420,
        note="菜园坝片区第二批转移群众入住",
    )
    b.add(
        zhou,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=0,
        injured=0,
        trapped=5,
        evacuated=1460,
        relocated=600,
        houses_damaged=2,
        loss_10k_yuan=380,
        geom=pt(*CAIYUANBA_STATION),
        reporter="赵刚",
        text=(
            f"【续报一】截至{b.hm()}，菜园坝片区已转移1460人，集中安置于大田湾体育场600人，"
            "其余投亲靠友；被困12人中已救出7人，5人待救。"
        ),
    )
    b.feedback(sun, t["boat"], "已救出7人，继续搜救滨江商铺。", 60)
    b.put(
        zhou,
        "feature",
        f["rp-substation"],
        symbol="risk_point",
        name="菜园坝片区配电房进水风险",
        geom=pt(106.5420, 29.5470),
        level="high",
        incident_id=flood,
        note="已通知供电公司预防性停电。",
    )

    b.at(130)
    b.set_status(li, t["supply"], "done", "物资已全部送达大田湾安置点并签收。", 100)
    b.set_status(sun, t["road"], "done", "长滨路菜园坝段已完成封闭，无滞留车辆。", 100)

    b.at(140)
    b.set_status(sun, t["boat"], "done", "12名被困群众全部救出，1人轻微擦伤已送医。", 100)
    b.put(
        chen,
        "feature",
        gauge,
        props={
            "datum": "吴淞高程",
            "level_m": 184.4,
            "trend": "上涨",
            "reading_at": b.now,
            "warning_level_m": 180.5,
            "guarantee_level_m": 183.5,
            "flood_standard_m": 195.0,
            "crest_forecast_m": 190.4,
        },
    )
    b.add(chen, "reading", gauge_id=gauge, quantity="level_m", value=184.4, measured_at=b.now)

    b.at(145)
    b.add(
        he,
        "occupancy",
        shelter_id=f["shelter-renmingongyuan"],
        delta=260,
        note="储奇门片区第二批转移群众入住",
    )
    b.add(
        he,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=0,
        injured=1,
        trapped=0,
        evacuated=620,
        relocated=410,
        houses_damaged=3,
        loss_10k_yuan=260,
        geom=pt(*CHUQIMEN_VEHICLE),
        reporter="郑伟",
        text=(
            f"【续报一】截至{b.hm()}，储奇门片区已转移620人，人民公园安置点安置410人；"
            "地下车库3名被困人员已救出，1人腿部受伤送重庆市急救医疗中心。"
        ),
    )
    b.feedback(zheng, t["pump"], "1号车库入口封堵完成，2号车库抽排中。", 50)

    # ── 175 min: a person missing at 大溪沟; a search ordered ────────────────────────────
    b.at(175)
    b.add(
        feng,
        "occupancy",
        shelter_id=f["shelter-daxigou"],
        delta=160,
        note="嘉滨路沿线第二批转移群众入住",
    )
    for item, qty, unit in (("折叠床", -30, "张"), ("棉被", -120, "床")):
        b.add(
            feng,
            "stock",
            depot_id=f["depot-daxigou"],
            item=item,
            delta=qty,
            unit=unit,
            reason="社区服务中心安置点补充",
        )
    b.add(
        feng,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=1,
        injured=0,
        trapped=0,
        evacuated=540,
        relocated=280,
        houses_damaged=1,
        loss_10k_yuan=120,
        geom=pt(*DAXIGOU_RIVERSIDE),
        reporter="黄志强",
        text=(
            f"【续报一】截至{b.hm()}，大溪沟片区已转移540人，集中安置280人。"
            "1名群众在嘉滨路沿江垂钓时落水失踪，已组织搜寻。"
        ),
    )
    b.put(
        li,
        "task",
        t["search"],
        title="嘉陵江大溪沟段落水人员搜寻",
        status="issued",
        issuer=D,
        assignee=u["water"],
        assignee_kind="unit",
        incident_id=flood,
        priority="urgent",
        issued_at=b.now,
        deadline=b.ms(300),
        ack_within_s=300,
        geom=pt(*DAXIGOU_RIVERSIDE),
    )
    b.set_status(sun, t["search"], "acknowledged", "水上救援队2艘冲锋舟转场大溪沟。")
    b.put(sun, "unit", u["water"], status="en_route", geom=pt(106.5600, 29.5700))
    b.put(
        li,
        "task",
        t["report"],
        title="每小时续报转移安置数据",
        status="issued",
        issuer=D,
        assignee=C,
        assignee_kind="post",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(12 * 60),
        ack_within_s=900,
    )
    b.set_status(zhou, t["report"], "acknowledged")
    b.put(sun, "unit", u["water"], status="on_scene", geom=pt(106.5475, 29.5712))
    b.set_status(sun, t["search"], "in_progress", "沿嘉陵江大溪沟至黄花园大桥段水面搜寻。", 20)
    b.set_status(zhou, t["report"], "in_progress", "按整点报送。", 10)
    b.put(
        feng,
        "feature",
        f["hz-daxigou"],
        level="high",
        note="嘉滨路大溪沟段积水深约60厘米，1人落水失踪。",
    )

    # ── 190 min: the drone fails; CCTV instead; the militia stood down ──────────────────────
    b.at(190)
    b.set_status(
        wu,
        t["drone"],
        "failed",
        (
            "两江沿线阵风6级、阵雨，无人机两次起飞均因风速超限返航，任务未完成；"
            "建议改用高点视频监控。"
        ),
    )
    b.put(
        li,
        "task",
        t["cctv"],
        title="接入朝天门、储奇门高点视频替代无人机巡查",
        status="issued",
        issuer=D,
        assignee=Q,
        assignee_kind="post",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(400),
        ack_within_s=900,
        geom=pt(*CHAOTIANMEN_GAUGE),
    )
    b.put(
        chen,
        "feature",
        f["hz-chaotianmen"],
        symbol="hazard",
        name="朝天门码头趸船系缆受力增大",
        geom=pt(106.5850, 29.5650),
        level="general",
        incident_id=flood,
    )

    b.at(200)
    b.set_status(
        li, t["militia"], "cancelled", "菜园坝转移已基本完成，民兵应急排任务撤销，原地待命。"
    )
    b.put(feng, "unit", u["militia"], status="off_duty", geom=pt(106.5500, 29.5600))
    b.set_status(wu, t["cctv"], "acknowledged", "已签收，正在协调城管、公安高点视频接入。")
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="沙袋",
        delta=3000,
        unit="条",
        reason="市级应急物资储备库调拨补充",
    )
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="矿泉水",
        delta=500,
        unit="箱",
        reason="市级应急物资储备库调拨补充",
    )
    msg_boats = b.add(
        zhou, "message", to=D, text="前指请求增派2艘冲锋舟及夜间照明灯组，保障洪峰过境期间巡查。"
    )

    b.at(212)
    b.add(
        zhou,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=0,
        injured=1,
        trapped=0,
        evacuated=2280,
        relocated=600,
        houses_damaged=6,
        loss_10k_yuan=620,
        geom=pt(*CAIYUANBA_STATION),
        reporter="赵刚",
        text=(
            f"【续报二】截至{b.hm()}，菜园坝片区已转移2280人，被困人员全部救出，"
            "1人轻伤；滨江商铺6处进水受损。"
        ),
    )
    b.add(
        li,
        "message",
        to=C,
        text=(
            "已协调市水上搜救中心增派冲锋舟2艘，移动照明灯组10台由区储备库发出，预计40分钟到达。"
        ),
    )
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="移动照明灯",
        delta=-10,
        unit="台",
        reason="调拨菜园坝前指夜间照明",
    )

    b.at(222)
    b.set_status(sun, t["evac-cyb"], "done", "菜园坝低洼区域应转尽转，累计转移2630人。", 100)
    b.put(sun, "unit", u["cyb-street"], status="on_scene", geom=pt(*DATIANWAN))
    b.put(sun, "unit", u["fire"], status="returning", geom=pt(106.5600, 29.5540))

    b.at(232)
    b.put(
        zheng,
        "task",
        t["medical"],
        title="人民公园安置点医疗保障",
        status="issued",
        issuer=Q,
        assignee=u["medical"],
        assignee_kind="unit",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(12 * 60),
        ack_within_s=900,
        geom=pt(*PEOPLES_PARK),
    )
    b.set_status(zheng, t["medical"], "acknowledged", "急救分队签收，救护车1辆驻点。")
    b.put(zheng, "unit", u["medical"], status="on_scene", geom=pt(106.5758, 29.5573))

    # ── 240 min: the shift changes at the district ──────────────────────────────────────
    b.at(240)
    reading_at = b.hm(b.ms(140))
    b.add(
        li,
        "log",
        category="handover",
        incident_id=flood,
        text=(
            f"{b.hm()} 值班交接。交班：李明；接班：王芳。当前态势：防汛Ⅲ级响应，洪水橙色预警、"
            f"地质灾害黄色预警生效；朝天门站184.4米（{reading_at}）并上涨，预计洪峰190.4米；"
            "菜园坝、储奇门、大溪沟累计转移约3800人。待办：①大溪沟落水失踪1人搜寻；"
            "②大溪沟沿线转移已超时限，督促完成；③储奇门地下车库排涝；④黄花园边坡监测；"
            "⑤高点视频接入；⑥人民公园安置点医疗保障。"
        ),
    )
    b.add(
        wang,
        "log",
        category="duty",
        incident_id=flood,
        text=(f"{b.hm()} 王芳接班，已逐项核对在办任务及在岗救援队伍。"),
    )

    b.at(250)
    b.put(
        chen,
        "feature",
        gauge,
        props={
            "datum": "吴淞高程",
            "level_m": 186.9,
            "trend": "上涨",
            "reading_at": b.now,
            "warning_level_m": 180.5,
            "guarantee_level_m": 183.5,
            "flood_standard_m": 195.0,
            "crest_forecast_m": 190.4,
        },
    )
    b.add(chen, "reading", gauge_id=gauge, quantity="level_m", value=186.9, measured_at=b.now)

    b.at(262)
    b.add(
        sun,
        "occupancy",
        shelter_id=f["shelter-datianwan"],
        delta=320,
        note="菜园坝片区第三批转移群众入住",
    )
    b.add(
        he,
        "occupancy",
        shelter_id=f["shelter-renmingongyuan"],
        delta=150,
        note="储奇门片区第三批转移群众入住",
    )
    b.add(
        liu,
        "stock",
        depot_id=f["depot-district"],
        item="折叠床",
        delta=-200,
        unit="张",
        reason="调拨人民公园安置点",
    )
    b.feedback(feng, t["evac-dxg"], "已转移约70%，剩余住户多为老人，正逐户动员。", 70)

    b.at(280)
    b.add(
        he,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=0,
        injured=1,
        trapped=0,
        evacuated=980,
        relocated=560,
        houses_damaged=5,
        loss_10k_yuan=560,
        geom=pt(*CHUQIMEN_VEHICLE),
        reporter="郑伟",
        text=(
            f"【续报二】截至{b.hm()}，储奇门片区已转移980人，人民公园安置点安置560人，"
            "地下车库排涝持续进行。"
        ),
    )
    b.feedback(zheng, t["pump"], "2号车库水深降至40厘米。", 70)
    b.add(
        feng,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=1,
        injured=0,
        trapped=0,
        evacuated=760,
        relocated=280,
        houses_damaged=1,
        loss_10k_yuan=210,
        geom=pt(*DAXIGOU_RIVERSIDE),
        reporter="黄志强",
        text=(
            f"【续报二】截至{b.hm()}，大溪沟片区已转移760人，集中安置280人，落水失踪1人仍在搜寻。"
        ),
    )

    b.at(300)
    b.add(
        zhou,
        "report",
        incident_id=flood,
        kind="followup",
        category="flood",
        dead=0,
        missing=0,
        injured=1,
        trapped=0,
        evacuated=2630,
        relocated=920,
        houses_damaged=14,
        loss_10k_yuan=1480,
        geom=pt(*CAIYUANBA_STATION),
        reporter="赵刚",
        text=(
            f"【续报三】截至{b.hm()}，菜园坝片区累计转移2630人，大田湾体育场集中安置920人，"
            "其余投亲靠友；滨江商铺、仓库14处进水受损，初步估算直接经济损失1480万元。"
        ),
    )
    b.feedback(zhou, t["report"], f"{b.hm()} 数据已报送。", 40)
    b.feedback(sun, t["search"], "搜寻至黄花园大桥下游，暂未发现落水人员。", 40)

    # ── 310 min: late orders that are still open at the end of the story ───────────────────
    b.at(310)
    b.put(
        wang,
        "task",
        t["ctm-check"],
        title="朝天门码头趸船、囤船人员清场核查",
        status="issued",
        issuer=D,
        assignee=u["jfb-street"],
        assignee_kind="unit",
        incident_id=flood,
        priority="high",
        issued_at=b.now,
        deadline=b.ms(420),
        ack_within_s=900,
        geom=pt(106.5850, 29.5650),
        description="洪峰过境前核查朝天门码头趸船、囤船上无滞留人员。",
    )
    b.put(
        wang,
        "task",
        t["sandbags"],
        title="储奇门沙袋围堰加高",
        status="issued",
        issuer=D,
        assignee=u["jfb-street"],
        assignee_kind="unit",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(480),
        ack_within_s=1800,
        geom=pt(*CHUQIMEN_RIVERSIDE),
    )
    b.set_status(wang, t["sandbags"], "cancelled", "与储奇门地下车库封堵任务重复，撤销。")
    b.put(
        chen,
        "feature",
        gauge,
        props={
            "datum": "吴淞高程",
            "level_m": 188.6,
            "trend": "上涨",
            "reading_at": b.now,
            "warning_level_m": 180.5,
            "guarantee_level_m": 183.5,
            "flood_standard_m": 195.0,
            "crest_forecast_m": 190.4,
        },
    )
    b.add(chen, "reading", gauge_id=gauge, quantity="level_m", value=188.6, measured_at=b.now)
    b.add(
        wang,
        "log",
        category="duty",
        incident_id=flood,
        text=(
            f"{b.hm()} 朝天门站水位188.6米，超保证水位5.1米，仍在上涨，距百年一遇防洪标准"
            "（195米）6.4米；低洼区域转移基本完成。"
        ),
    )

    b.at(330)
    b.put(
        wang,
        "task",
        t["dxg-recheck"],
        title="大溪沟片区转移人员复核",
        status="issued",
        issuer=D,
        assignee=X,
        assignee_kind="post",
        incident_id=flood,
        priority="normal",
        issued_at=b.now,
        deadline=b.ms(480),
        ack_within_s=3600,
        geom=pt(*DAXIGOU_CENTRE),
        description="逐户复核转移名单，确保无遗漏、无回流。",
    )
    b.put(wu, "unit", u["bluesky"], status="on_scene", geom=pt(106.5850, 29.5648))
    b.add(
        feng,
        "occupancy",
        shelter_id=f["shelter-daxigou"],
        delta=12,
        note="黄花园边坡影响范围扩大，追加转移",
    )
    b.add(
        huang,
        "report",
        incident_id=slide,
        kind="followup",
        category="hazard",
        dead=0,
        missing=0,
        injured=0,
        trapped=0,
        evacuated=58,
        relocated=58,
        houses_damaged=2,
        loss_10k_yuan=15,
        geom=pt(*HUANGHUAYUAN_SLOPE),
        reporter="黄志强",
        text=(
            f"【续报一】截至{b.hm()}，黄花园边坡裂缝有所扩展，影响范围扩大，"
            "追加转移12人，累计转移58人；2栋居民楼外墙开裂。"
        ),
    )
    b.feedback(feng, t["slope"], "裂缝日变化量3毫米，持续监测。", 60)
    msg_video = b.add(
        zheng,
        "message",
        to=D,
        text="储奇门高点视频已接入1路，卫星链路带宽有限，视频改为每5分钟回传快照。",
    )

    # the workflow's records, told last so every earlier op keeps its number: the district's
    # response plans (预案) as data, receipts of the messages between demo posts (the last one
    # delivered, not yet read), and the hourly 续报 cadence of the flood — now overdue
    b.at(334)
    for plan in DEFAULT_PLANS:
        b.put(chen, "plan", demo_id("plan", f"{plan['category']}-{plan['level']}"), **plan)
    b.put(wang, "incident", flood, report_every_min=60, first_report_within_min=60)
    b.put(wang, "incident", slide, report_every_min=120, first_report_within_min=60)
    for who, message, kinds in (
        (he, msg_to_q, ("delivered", "read")),
        (chen, msg_boats, ("delivered", "read")),
        (chen, msg_video, ("delivered",)),
    ):
        for kind in kinds:
            b.add(who, "receipt", eid=receipt_id(message, kind), message_id=message, kind=kind)


# ----------------------------------------------------------------------------- loading


def enroll_demo_posts(store: Store, *, operator: str) -> int:
    """Enroll the demo posts that are not in the roster yet; how many were enrolled."""
    ident = store.identity
    assert ident is not None
    by_code = {p.code: p for p in DEMO_POSTS}
    drafts = []
    for p in DEMO_POSTS:
        if store.get("post", p.post_id) is not None:
            continue
        parent = by_code[p.parent].post_id if p.parent else ident.post_id
        drafts.append(
            Draft(
                "post",
                p.post_id,
                "put",
                {
                    "name": p.name,
                    "role": p.role,
                    "level": p.level,
                    "sign_key": p.sign_key.hex(),
                    "parent": parent,
                },
            )
        )
    if drafts:
        store.write(drafts, operator=operator)
    return len(drafts)


def load_demo(store: Store, *, now_ms: int | None = None, operator: str = "系统(演示数据)") -> int:
    """Load the demo scenario into ``store``; the number of ops newly applied (0 the second time).

    Raises ``Refused`` when this post is not the roster authority: the demo posts must be
    enrolled in the roster, and only the authority may do that.
    """
    ident = store.identity
    if ident is None:
        raise Refused("the demo needs a post with an identity; this store has none")
    if not ident.is_authority:
        raise Refused(
            "the demo scenario can only be loaded on the roster authority post (the city rear "
            "post created by `zhijiu init --role rear`): its demo posts must be enrolled in the "
            "roster, and only the authority may enroll posts"
        )
    now = wall_ms() if now_ms is None else now_ms
    enroll_demo_posts(store, operator=operator)
    held = store.version_vector()
    ops = [op for op in scenario_ops(now, ident.post_id) if op.seq > held.get(op.origin, 0)]
    if not ops:
        return 0
    result = store.apply([op.raw for op in ops], source="demo")
    if result.refused or result.quarantined or result.held:
        log.error(
            "demo scenario: %d refused, %d quarantined, %d held (first: %s)",
            len(result.refused),
            len(result.quarantined),
            result.held,
            (result.refused or result.quarantined or ["held"])[0],
        )
    return result.applied
