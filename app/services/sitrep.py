"""The situation report (情况报告): one incident's picture as a self-contained Chinese HTML page.

``sitrep_data`` gathers the facts (incident, level, totals from the latest report of each post,
teams, shelters, open and overdue tasks, latest reports); ``sitrep_html`` lays them out for A4
with embedded CSS and the map snapshot (PNG bytes) inline as a data URI, so the one file prints
anywhere. The window renders the same HTML to PDF. The document is official Chinese prose, so
its words are written here in Chinese, not translated from codes at run time.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape
from typing import Any

from app.cst import cst_datetime
from app.domain.task import OPEN
from app.ops import hlc_ms
from app.services.alerts import Alert, alerts
from app.services.plans import ROMAN, duplicate_plan_tasks
from app.services.reports import latest_by_post, report_due, reports_of, totals_of
from app.services.supplies import ShelterState, shelters
from app.store.store import Entity, Refused, Store

CATEGORY = {"flood": "洪涝", "landslide": "地质灾害（滑坡）", "fire": "火灾", "chemical": "危化品事故",
            "earthquake": "地震", "rainstorm": "暴雨", "other": "其他"}  # fmt: skip
TASK_STATUS = {"issued": "已下达", "acknowledged": "已签收", "in_progress": "执行中", "done": "已完成",
               "failed": "未完成", "cancelled": "已撤销"}  # fmt: skip
PRIORITY = {"urgent": "特急", "high": "紧急", "normal": "一般", "low": "较低"}
UNIT_TYPE = {"comprehensive": "综合性救援队伍", "specialist": "专业救援队伍", "volunteer": "社会救援力量",
             "grassroots": "基层救援队伍", "fire_rescue": "消防救援", "medical": "医疗救护",
             "militia": "民兵", "other": "其他"}  # fmt: skip
UNIT_STATUS = {"standby": "待命", "en_route": "赶赴途中", "on_scene": "现场处置", "returning": "返回",
               "off_duty": "休整"}  # fmt: skip
REPORT_KIND = {"first": "首报", "followup": "续报", "final": "终报"}
REPORT_CATEGORY = {"rain": "雨情", "water": "水情", "flood": "汛情", "hazard": "险情", "disaster": "灾情",
                   "works": "工情", "opinion": "舆情"}  # fmt: skip
FIGURE_WORDS = (
    ("dead", "死亡", "人"),
    ("missing", "失踪", "人"),
    ("injured", "受伤", "人"),
    ("trapped", "被困", "人"),
    ("evacuated", "转移", "人"),
    ("relocated", "安置", "人"),
    ("houses_damaged", "房屋受损", "间"),
    ("loss_10k_yuan", "直接经济损失", "万元"),
)
ALERT_WORDS = {"unacknowledged": "超时未签收", "overdue": "超过完成时限", "report_due": "信息报送超时"}


def when(ms: int | None, with_date: bool = True) -> str:
    if ms is None:
        return "—"
    t = cst_datetime(ms)
    return t.strftime("%Y年%m月%d日 %H:%M" if with_date else "%H:%M")


def beijing_time(ms: int | None) -> str:
    """A moment as the report writes it everywhere: Beijing time (UTC+8), labelled so."""
    return f"{when(ms)}（北京时间）"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


@dataclass
class Sitrep:
    incident: Entity
    now: int
    post_name: str
    totals: dict[str, float]
    reporting_posts: int
    units: list[Entity]
    shelters: list[ShelterState]
    open_tasks: list[Entity]
    overdue: list[Alert]
    latest_reports: list[tuple[str, Entity]]  # (post name, report), newest first
    next_report: tuple[str, int] | None
    names: dict[str, str]  # post and unit ids -> names


def sitrep_data(store: Store, incident_id: str, *, now: int, post_name: str | None = None) -> Sitrep:
    incident = store.get("incident", incident_id)
    if incident is None:
        raise Refused(f"no incident {incident_id}")
    names = {p.eid: str(p.get("name")) for p in store.entities("post", include_deleted=True)}
    units = sorted(store.entities("unit", incident_id=incident_id), key=lambda u: str(u.get("name")))
    names.update({u.eid: str(u.get("name")) for u in store.entities("unit")})
    reports = reports_of(store, incident_id)
    latest = latest_by_post(reports)
    tasks = store.entities("task", incident_id=incident_id)
    dupes = duplicate_plan_tasks(tasks)
    open_tasks = sorted(
        (t for t in tasks if t.get("status") in OPEN and t.eid not in dupes),
        key=lambda t: (t.get("deadline") or 2**62, str(t.get("title"))),
    )
    if post_name is None and store.identity is not None:
        post_name = names.get(store.identity.post_id, "")
    return Sitrep(
        incident=incident,
        now=now,
        post_name=post_name or "",
        totals=totals_of(reports),
        reporting_posts=len(latest),
        units=units,
        shelters=shelters(store, incident_id) or shelters(store),  # untied shelters serve all
        open_tasks=open_tasks,
        overdue=[a for a in alerts(store, now, incident_id) if a.etype == "task"],
        latest_reports=sorted(
            ((names.get(post, post), r) for post, r in latest.items()),
            key=lambda pr: pr[1].created_hlc,
            reverse=True,
        ),
        next_report=report_due(incident.data, reports),
        names=names,
    )


CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       font-size: 11pt; color: #111; margin: 0; line-height: 1.5; }
h1 { font-size: 20pt; text-align: center; color: #b00000; margin: 0 0 4pt;
     font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", sans-serif; }
.meta { text-align: center; font-size: 10pt; color: #444; border-bottom: 2px solid #b00000;
        padding-bottom: 6pt; margin-bottom: 10pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; padding-left: 6pt; border-left: 4pt solid #b00000;
     font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", sans-serif; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0; font-size: 10pt; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #f0e6e6; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.w { white-space: nowrap; }  /* short words (执行中, 现场处置) and times: one line each */
.figures td { text-align: center; }
.figures .v { font-size: 15pt; font-weight: bold; }
.late { color: #b00000; font-weight: bold; }
.map { text-align: center; margin: 6pt 0; }
.map img { max-width: 100%; max-height: 120mm; border: 1px solid #999; }
.map .caption { font-size: 9pt; color: #555; }
.none { color: #777; }
p { margin: 3pt 0; text-indent: 2em; }
"""


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    if not rows:
        return '<p class="none">无。</p>'
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _td(v: Any, cls: str = "") -> str:
    return f'<td class="{cls}">{escape(str(v))}</td>' if cls else f"<td>{escape(str(v))}</td>"


def _figures_line(r: Entity) -> str:
    parts = [f"{word}{_num(r.get(k))}{unit}" for k, word, unit in FIGURE_WORDS if r.get(k)]
    return "，".join(parts) or "无人员伤亡及损失数据"


def render(s: Sitrep, map_png: bytes | None = None) -> str:
    inc = s.incident
    level = inc.get("response_level")
    level_text = f"{ROMAN[int(level)]}级应急响应" if isinstance(level, int) else "未启动应急响应"
    status = "处置中" if inc.get("status") == "open" else "已结束"
    title = escape(str(inc.get("title", "")))
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{title} 情况报告</title><style>{CSS}</style></head><body>",
        f"<h1>{title}<br>情况报告</h1>",
        f'<div class="meta">{escape(s.post_name)}　{beijing_time(s.now)}</div>',
        "<h2>一、事件概况</h2>",
        f"<p>事件类型：{CATEGORY.get(str(inc.get('category')), str(inc.get('category')))}；"
        f"当前响应级别：<b>{level_text}</b>；状态：{status}；"
        f"发生时间：{when(inc.get('opened_at'))}"
        + (f"；地点：{escape(str(inc.get('district')))}" if inc.get("district") else "")
        + "。</p>",
    ]
    if inc.get("description"):
        out.append(f"<p>{escape(str(inc.get('description')))}</p>")
    out.append("<h2>二、灾情统计</h2>")
    out.append(
        f"<p>据{s.reporting_posts}个报送单位最新报告汇总（每个单位取其最新一次报告，不重复累计）：</p>"
    )
    cells = "".join(
        f'<td><div class="v">{_num(s.totals.get(k, 0))}</div>{word}（{unit}）</td>'
        for k, word, unit in FIGURE_WORDS
    )
    out.append(f'<table class="figures"><tr>{cells}</tr></table>')
    if s.next_report is not None:
        kind, due = s.next_report
        late = ' class="late"' if due < s.now else ""
        out.append(
            f"<p>下一次报送：{'首报' if kind == 'first' else '续报'}，"
            f"时限<span{late}>{when(due)}</span>{'（已超时）' if due < s.now else ''}。</p>"
        )
    out.append("<h2>三、现场态势图</h2>")
    if map_png:
        data = base64.b64encode(map_png).decode("ascii")
        out.append(f'<div class="map"><img alt="态势图" src="data:image/png;base64,{data}">'
                   f'<div class="caption">态势图截取于{beijing_time(s.now)}</div></div>')
    else:
        out.append('<p class="none">本报告未附态势图。</p>')
    out.append("<h2>四、救援力量</h2>")
    people = sum(int(u.get("headcount") or 0) for u in s.units)
    out.append(f"<p>投入救援队伍{len(s.units)}支、{people}人。</p>")
    out.append(
        _table(
            ["队伍", "类型", "人数", "状态", "装备"],
            [
                [
                    _td(u.get("name")),
                    _td(UNIT_TYPE.get(str(u.get("type")), u.get("type")), "w"),
                    _td(u.get("headcount") or "—", "n w"),
                    _td(UNIT_STATUS.get(str(u.get("status")), u.get("status")), "w"),
                    _td("、".join(u.get("equipment") or []) or "—"),
                ]
                for u in s.units
            ],
        )
    )
    if s.shelters:
        out.append(
            _table(
                ["避难场所", "容量", "已安置", "剩余"],
                [
                    [_td(sh.name), _td(sh.capacity if sh.capacity is not None else "—", "n"),
                     _td(sh.occupancy, "n"), _td(sh.free if sh.free is not None else "—", "n")]
                    for sh in s.shelters
                ],  # fmt: skip
            )
        )
    out.append("<h2>五、任务执行情况</h2>")
    out.append(f"<p>在办任务{len(s.open_tasks)}项，其中超时{len({a.eid for a in s.overdue})}项。</p>")
    late_ids = {a.eid for a in s.overdue}
    past_deadline = {a.eid for a in s.overdue if a.kind == "overdue"}
    out.append(
        _table(
            ["任务", "承办", "优先级", "状态", "完成时限"],
            [
                [
                    _td(t.get("title"), "late" if t.eid in late_ids else ""),
                    _td(s.names.get(str(t.get("assignee")), t.get("assignee"))),
                    _td(PRIORITY.get(str(t.get("priority")), t.get("priority") or "—"), "w"),
                    _td(TASK_STATUS.get(str(t.get("status")), t.get("status")), "w"),
                    _td(when(t.get("deadline")), "late w" if t.eid in past_deadline else "w"),
                ]
                for t in s.open_tasks
            ],
        )
    )
    if s.overdue:
        out.append("<p><b>超时事项：</b></p>")
        out.append(
            _table(
                ["事项", "类别", "时限", "已超时"],
                [
                    [_td(a.title), _td(ALERT_WORDS[a.kind]), _td(when(a.due_ms)),
                     _td(f"{a.late_ms // 60_000}分钟", "late")]
                    for a in s.overdue
                ],  # fmt: skip
            )
        )
    out.append("<h2>六、最新报告</h2>")
    if not s.latest_reports:
        out.append('<p class="none">尚无报告。</p>')
    for name, r in s.latest_reports:
        cat = REPORT_CATEGORY.get(str(r.get("category")), "")
        out.append(
            f"<p><b>{escape(name)}</b>　{REPORT_KIND.get(str(r.get('kind')), '')}"
            f"{'（' + cat + '）' if cat else ''}　{when(hlc_ms(r.created_hlc))}"
            f"{'　报告人：' + escape(str(r.get('reporter'))) if r.get('reporter') else ''}：</p>"
        )
        out.append(f"<p>{escape(_figures_line(r))}。{escape(str(r.get('text') or ''))}</p>")
    out.append(f'<div class="meta" style="border:0;margin-top:14pt">（{escape(s.post_name)} 编制）</div>')
    out.append("</body></html>")
    return "\n".join(out)


def sitrep_html(
    store: Store,
    incident_id: str,
    *,
    now: int | None = None,
    map_png: bytes | None = None,
    post_name: str | None = None,
) -> str:
    """The situation report of an incident as one self-contained HTML document."""
    from app.services.common import now_ms

    data = sitrep_data(store, incident_id, now=now if now is not None else now_ms(), post_name=post_name)
    return render(data, map_png)
