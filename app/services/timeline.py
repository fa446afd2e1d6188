"""An incident's timeline (复盘) from the op log, its export (CSV, a readable Chinese HTML page),
and the indicators against the agency's targets.

Each timeline event is one applied op that concerns the incident: the incident's own changes
(opened, response level), warnings, reports, orders and their status changes, feedback, duty-log
entries, images, gauge readings. An event carries both times: when its author stamped it (HLC)
and when this post received it — the review judges a decision by what had arrived.

Indicators, derived from what the store holds (and where that is an approximation):

- time to the first image / first panorama at the rear: from the incident's opening to the
  moment this post received the first photo or video record (panorama record) of the incident.
  The record's arrival is measured, not the blob's: the blob may follow later on a slow link.
- each order's acknowledgement: from the op that issued it to the first op that moved it to
  acknowledged (or further), both by their stamps; an order skipped straight to in progress or
  done counts as acknowledged then. Orders not yet acknowledged are listed as open.
- longest communications gap per forward post: the longest interval between two consecutive
  ops of that post received here during the incident (from its opening to now or its close).
  A post that was connected but had nothing to say also shows a gap: it is an upper bound.
"""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.cst import cst_datetime
from app.domain.task import STATUS_RANK
from app.ops import decode, hlc_ms, split_origin
from app.services.common import now_ms
from app.store import models as m
from app.store.store import Entity, Store

KINDS = (
    "incident",
    "response_level",
    "warning",
    "warning_cancelled",
    "report",
    "order",
    "task_status",
    "feedback",
    "log",
    "media",
    "reading",
    "unit",
)
# the export is a document in Chinese, the agency's working language
KIND_WORDS = {
    "incident": "事件",
    "response_level": "应急响应",
    "warning": "预警",
    "warning_cancelled": "预警解除",
    "report": "信息报送",
    "order": "指令下达",
    "task_status": "任务状态",
    "feedback": "任务反馈",
    "log": "值班日志",
    "media": "图传",
    "reading": "水雨情",
    "unit": "队伍动态",
}
STATUS_WORDS = {
    "issued": "已下达",
    "acknowledged": "已签收",
    "in_progress": "执行中",
    "done": "已完成",
    "failed": "未完成",
    "cancelled": "已撤销",
    "on_scene": "到达现场",
    "en_route": "途中",
    "standby": "待命",
    "returning": "返回",
    "off_duty": "撤收",
}
LEVEL_WORDS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
REPORT_WORDS = {"first": "首报", "followup": "续报", "final": "终报"}
FIGURE_WORDS = {
    "dead": "死亡",
    "missing": "失踪",
    "injured": "受伤",
    "trapped": "被困",
    "evacuated": "紧急转移",
    "relocated": "转移安置",
}


@dataclass(frozen=True)
class Event:
    at_ms: int  # the author's stamp
    received_ms: int  # when this post received it
    post: str  # the author's post id
    operator: str
    kind: str
    etype: str
    eid: str
    summary: str  # a short Chinese line


def _local(ms: int | None) -> str:
    if ms is None:
        return ""
    return cst_datetime(ms).strftime("%Y-%m-%d %H:%M:%S")


def _fields_line(fields: dict[str, Any]) -> str:
    return "，".join(
        f"{FIGURE_WORDS[k]}{fields[k]}人" for k in FIGURE_WORDS if fields.get(k) is not None
    )


class _Book:
    """What the timeline needs to know about the records an op touches (current state)."""

    def __init__(self, store: Store, incident_id: str) -> None:
        self.incident_id = incident_id
        self.tasks = {e.eid: e for e in store.entities("task", include_deleted=True)}
        self.gauges = {
            e.eid: e for e in store.entities("feature") if e.get("symbol") == "gauge"
        }
        self.units = {e.eid: e for e in store.entities("unit", include_deleted=True)}

    def concerns(self, etype: str, fields: dict[str, Any], current: str | None) -> bool:
        if etype == "incident":
            return True
        if etype == "feedback":
            task = self.tasks.get(str(fields.get("task_id")))
            return task is not None and task.incident_id == self.incident_id
        if etype in ("reading", "unit"):
            return True  # gauges and teams serve every incident of the post
        return current == self.incident_id or fields.get("incident_id") == self.incident_id


def timeline(store: Store, incident_id: str) -> list[Event]:
    """Every event of the incident, in stamp order."""
    book = _Book(store, incident_id)
    current = {
        (e.etype, e.eid): e.incident_id for e in store.entities(include_deleted=True)
    }
    t = m.oplog
    q = (
        select(t.c.raw, t.c.received_ms)
        .where(
            t.c.status == "applied",
            t.c.etype.in_(
                ("incident", "warning", "report", "task", "feedback", "log", "media", "reading",
                 "unit")
            ),
        )
        .order_by(t.c.hlc, t.c.origin)
    )
    out: list[Event] = []
    with store.engine.connect() as c:
        rows = c.execute(q).all()
    for raw, received in rows:
        op = decode(bytes(raw), trusted=True)
        if op.etype == "incident" and op.eid != incident_id:
            continue
        if not book.concerns(op.etype, op.fields, current.get((op.etype, op.eid))):
            continue
        kind, summary = _describe(op.etype, op.kind, op.fields, book, op.eid)
        if kind is None:
            continue
        out.append(
            Event(
                hlc_ms(op.hlc),
                int(received),
                split_origin(op.origin)[0],
                op.operator,
                kind,
                op.etype,
                op.eid,
                summary,
            )
        )
    return out


def _describe(
    etype: str, kind: str, f: dict[str, Any], book: _Book, eid: str
) -> tuple[str | None, str]:
    if etype == "incident":
        if "response_level" in f and len(f) <= 2:
            return "response_level", f"应急响应调整为{ROMAN.get(f['response_level'], '')}级"
        if "title" in f:
            level = f.get("response_level")
            extra = f"，启动{ROMAN.get(level, '')}级应急响应" if level else ""
            return "incident", f"事件立项：{f['title']}{extra}"
        if f.get("status") == "closed":
            return "incident", "事件结束"
        return None, ""
    if etype == "warning":
        if f.get("status") == "cancelled":
            return "warning_cancelled", "预警解除"
        if "title" in f or "level" in f:
            level = LEVEL_WORDS.get(str(f.get("level")), "")
            title = f.get("title") or ""
            verb = "发布" if "title" in f else "调整为"
            return "warning", f"预警{verb}{level}{('：' + title) if title else ''}"
        return None, ""
    if etype == "report":
        head = REPORT_WORDS.get(str(f.get("kind")), "报告")
        figures = _fields_line(f)
        return "report", f"{head}{('：' + figures) if figures else ''}"
    if etype == "task":
        if "issuer" in f:
            return "order", f"下达指令：{f.get('title', '')}"
        if "status" in f:
            title = book.tasks[eid].get("title", "") if eid in book.tasks else ""
            return "task_status", f"{title}：{STATUS_WORDS.get(str(f['status']), f['status'])}"
        return None, ""
    if etype == "feedback":
        if "status" in f:
            return None, ""  # the status change is its own event
        task = book.tasks.get(str(f.get("task_id")))
        title = task.get("title", "") if task else ""
        return "feedback", f"{title}：{f.get('text', '')}"
    if etype == "log":
        return "log", str(f.get("text", ""))[:200]
    if etype == "media":
        what = {"photo": "照片", "video": "视频", "panorama": "全景图"}.get(str(f.get("kind")), "")
        return "media", f"回传{what}{('：' + f['caption']) if f.get('caption') else ''}"
    if etype == "reading":
        gauge = book.gauges.get(str(f.get("gauge_id")))
        name = gauge.get("name") if gauge else "测站"
        measure = "米" if f.get("quantity") == "level_m" else "毫米"
        return "reading", f"{name}：{f.get('value')}{measure}"
    if etype == "unit":
        if "status" not in f:
            return None, ""
        team = book.units.get(eid)
        name = f.get("name") or (team.get("name") if team else "")
        return "unit", f"{name}：{STATUS_WORDS.get(str(f['status']), f['status'])}"
    return None, ""


# ----------------------------------------------------------------------------- export

CSV_HEADER = ("时间(北京)", "本站收到", "类别", "报送单位", "操作员", "内容", "类型", "记录编号")


def to_csv(events: list[Event], post_names: dict[str, str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_HEADER)
    for e in events:
        w.writerow(
            (
                _local(e.at_ms),
                _local(e.received_ms),
                KIND_WORDS[e.kind],
                post_names.get(e.post, e.post),
                e.operator,
                e.summary,
                e.kind,
                e.eid,
            )
        )
    return "\ufeff" + buf.getvalue()  # with a BOM, so a spreadsheet reads the Chinese right


def to_html(
    events: list[Event],
    post_names: dict[str, str],
    title: str,
    indicators: Indicators | None = None,
) -> str:
    esc = html.escape
    rows = "\n".join(
        f'<tr class="{e.kind}"><td>{esc(_local(e.at_ms))}</td><td>{esc(_local(e.received_ms))}</td>'
        f"<td>{esc(KIND_WORDS[e.kind])}</td><td>{esc(post_names.get(e.post, e.post))}</td>"
        f"<td>{esc(e.operator)}</td><td>{esc(e.summary)}</td></tr>"
        for e in events
    )
    ind = indicators_html(indicators, post_names) if indicators else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)} — 复盘时间线</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f0f0f0; }}
tr.order td, tr.response_level td {{ background: #fff3e0; }}
tr.report td {{ background: #e3f2fd; }}
tr.warning td, tr.warning_cancelled td {{ background: #fff8e1; }}
</style></head><body>
<h1>{esc(title)} — 复盘时间线</h1>
<p>导出时间：{esc(_local(now_ms()))}（北京时间）；共 {len(events)} 条记录。</p>
{ind}
<h2>时间线</h2>
<table><thead><tr><th>时间</th><th>本站收到</th><th>类别</th><th>报送单位</th><th>操作员</th>
<th>内容</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""


# ----------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class OrderAck:
    task_id: str
    title: str
    issued_ms: int
    acknowledged_ms: int | None  # None: not yet

    @property
    def seconds(self) -> float | None:
        if self.acknowledged_ms is None:
            return None
        return (self.acknowledged_ms - self.issued_ms) / 1000


@dataclass(frozen=True)
class Indicators:
    opened_ms: int | None
    first_image_s: float | None
    first_panorama_s: float | None
    orders: list[OrderAck]
    longest_gap_s: dict[str, float]  # forward post id -> seconds


def indicators(store: Store, incident_id: str) -> Indicators:
    incident = store.get("incident", incident_id)
    opened = _opened(incident)
    t = m.oplog
    with store.engine.connect() as c:
        rows = c.execute(
            select(t.c.raw, t.c.received_ms, t.c.etype)
            .where(t.c.status == "applied", t.c.etype.in_(("media", "task")))
            .order_by(t.c.hlc, t.c.origin)
        ).all()
    first: dict[str, int] = {}
    issued: dict[str, tuple[int, str]] = {}
    acked: dict[str, int] = {}
    for raw, received, _etype in rows:
        op = decode(bytes(raw), trusted=True)
        if op.etype == "media":
            if op.fields.get("incident_id") != incident_id:
                continue
            kind = "panorama" if op.fields.get("kind") == "panorama" else "image"
            first.setdefault(kind, int(received))
        else:
            current = store.get("task", op.eid)
            if current is None or current.incident_id != incident_id:
                continue
            if "issuer" in op.fields:
                issued.setdefault(op.eid, (hlc_ms(op.hlc), str(op.fields.get("title", ""))))
            status = op.fields.get("status")
            if (
                isinstance(status, str)
                and STATUS_RANK.get(status, 0) >= 1
                and status != "cancelled"
            ):
                acked.setdefault(op.eid, hlc_ms(op.hlc))

    def since(ms: int | None) -> float | None:
        return None if ms is None or opened is None else max(0.0, (ms - opened) / 1000)

    orders = [
        OrderAck(tid, title, at, acked.get(tid))
        for tid, (at, title) in sorted(issued.items(), key=lambda kv: kv[1][0])
    ]
    end = incident.get("closed_at") if incident is not None else None
    return Indicators(
        opened,
        since(first.get("image")),
        since(first.get("panorama")),
        orders,
        longest_gaps(store, opened, end if isinstance(end, int) else now_ms()),
    )


def _opened(incident: Entity | None) -> int | None:
    if incident is None:
        return None
    at = incident.get("opened_at")
    return at if isinstance(at, int) else hlc_ms(incident.created_hlc)


def longest_gaps(store: Store, start: int | None, end: int) -> dict[str, float]:
    """Per forward post, the longest time between two of its ops arriving here in [start, end]."""
    forward = {p.eid for p in store.entities("post") if p.get("role") == "forward"}
    t = m.oplog
    q = select(t.c.origin, t.c.received_ms).where(t.c.received_ms <= end)
    if start is not None:
        q = q.where(t.c.received_ms >= start)
    arrivals: dict[str, list[int]] = defaultdict(list)
    with store.engine.connect() as c:
        for origin, received in c.execute(q.order_by(t.c.received_ms)):
            post = split_origin(origin)[0]
            if post in forward:
                arrivals[post].append(int(received))
    out: dict[str, float] = {}
    for post in sorted(forward):
        times = arrivals.get(post, [])
        edges = [start if start is not None else (times[0] if times else end), *times, end]
        out[post] = max(b - a for a, b in zip(edges, edges[1:], strict=False)) / 1000
    return out


def indicators_html(ind: Indicators, post_names: dict[str, str]) -> str:
    esc = html.escape

    def dur(s: float | None) -> str:
        if s is None:
            return "尚无"
        return f"{int(s // 60)}分{int(s % 60):02d}秒"

    orders = "".join(
        f"<tr><td>{esc(o.title)}</td><td>{esc(_local(o.issued_ms))}</td>"
        f"<td>{esc(dur(o.seconds) if o.seconds is not None else '未签收')}</td></tr>"
        for o in ind.orders
    )
    gaps = "".join(
        f"<tr><td>{esc(post_names.get(p, p))}</td><td>{esc(dur(s))}</td></tr>"
        for p, s in ind.longest_gap_s.items()
    )
    return f"""<h2>指标</h2>
<table><tbody>
<tr><th>首张图像回传后方（目标10分钟）</th><td>{esc(dur(ind.first_image_s))}</td></tr>
<tr><th>首张全景图（目标30分钟）</th><td>{esc(dur(ind.first_panorama_s))}</td></tr>
</tbody></table>
<h2>指令签收用时</h2>
<table><thead><tr><th>指令</th><th>下达时间</th><th>签收用时</th></tr></thead><tbody>{orders}</tbody></table>
<h2>各前方指挥部最长通信中断</h2>
<table><thead><tr><th>前方指挥部</th><th>最长中断</th></tr></thead><tbody>{gaps}</tbody></table>
"""
