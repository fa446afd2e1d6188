"""`zhijiu task …` and `zhijiu report …` as scripts use them: real processes, JSON out, one-line
errors."""

from __future__ import annotations

import json

from test_cli import zhijiu


def test_the_order_loop_and_reports_from_the_command_line(tmp_path):
    d = tmp_path / "post"
    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district", data=d)
    me = json.loads(zhijiu("status", "--json", data=d).stdout)["post"]["id"]
    zhijiu("demo", data=d)
    js = lambda *a: json.loads(zhijiu(*a, "--json", data=d).stdout)  # noqa: E731
    task = js("task", "issue", "--title", "巡查堤防", "--to", me, "--kind", "post", "--priority", "high",
              "--deadline", "+90m", "--ack-within", "10", "--at", "106.58,29.55", "--operator", "李明")  # fmt: skip
    assert (task["status"], task["priority"], task["ack_within_s"]) == ("issued", "high", 600)
    tid = task["id"]
    assert js("task", "update", tid[:10], "--status", "acknowledged", "--operator", "李明")["status"] == "acknowledged"
    js("task", "update", tid, "--text", "已到达", "--progress", "30", "--operator", "李明")
    assert js("task", "update", tid, "--status", "done", "--operator", "李明")["status"] == "done"
    shown = js("task", "show", tid)
    assert [h["action"] for h in shown["history"]] == ["issued", "status", "feedback", "status"]
    listed = js("task", "list", "--status", "done", "--issued-by-me")
    assert [t["id"] for t in listed] == [tid]
    overdue = js("task", "list", "--overdue")
    assert overdue and all(t["overdue"] for t in overdue)  # the demo's late tasks

    inc = js("report", "list")[0]["incident"]
    first = js("report", "file", "--incident", inc[:8], "--kind", "first", "--evacuated", "58",
               "--injured", "2", "--operator", "李明")  # fmt: skip
    filed = js("report", "file", "--incident", inc[:8], "--kind", "followup", "--category", "disaster",
               "--dead", "0", "--evacuated", "5000", "--loss", "12.5", "--text", "续报", "--operator", "李明")  # fmt: skip
    assert (filed["kind"], filed["evacuated"], filed["loss_10k_yuan"]) == ("followup", 5000, 12.5)
    assert filed["injured"] == 2 and first["kind"] == "first"  # not given: carried over
    (summary,) = [s for s in js("report", "list", "--incident", inc) if s["incident"] == inc]
    assert summary["reports"][0]["id"] == filed["id"] and summary["totals"]["evacuated"] >= 5000
    total = summary["totals"]["evacuated"]
    text_only = js("report", "file", "--incident", inc, "--kind", "followup", "--text", "只有文字")
    assert (text_only["evacuated"], text_only["injured"], text_only["loss_10k_yuan"]) == (5000, 2, 12.5)
    (summary,) = js("report", "list", "--incident", inc)
    assert summary["totals"]["evacuated"] == total  # the post's share did not drop out
    out = tmp_path / "sitrep.html"
    zhijiu("report", "sitrep", inc, "-o", str(out), data=d)
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "情况报告" in html and "Ⅲ级应急响应" in html
    assert "--kind" in zhijiu("report", "file", "--help", data=d).stdout
    assert "carry over" in " ".join(zhijiu("report", "file", "--help", data=d).stdout.split())

    for args, message in [
        (["task", "update", tid, "--status", "teleported"], "invalid choice"),
        (["task", "update", "ffffffffff"], "no task"),
        (["task", "issue", "--title", "x", "--to", "nobody"], "no unit 'nobody'"),
        (["task", "issue", "--title", "x", "--to", me, "--kind", "post", "--deadline", "tomorrow"], "not a time"),
        (["report", "file", "--incident", inc, "--kind", "followup", "--dead", "-3"], "field 'dead'"),
        (["report", "sitrep", inc, "--map", str(out)], "is not a PNG"),
        (["report", "sitrep", inc, "-o", str(tmp_path / "x.docx")], "written as .pdf, .html or .htm"),
        (["report", "file", "--incident", inc, "--kind", "first", "--evacuated", "9"], "file a followup (续报)"),
    ]:  # fmt: skip
        r = zhijiu(*args, data=d, check=False)
        assert r.returncode != 0 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "x.docx").exists()
    (summary,) = js("report", "list", "--incident", inc)
    assert summary["totals"]["evacuated"] == total  # the refused 首报 wrote nothing


def test_what_a_new_user_tried_is_refused_in_words_or_shown_by_name(tmp_path):
    d = tmp_path / "post"
    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district", data=d)
    zhijiu("demo", data=d)
    js = lambda *a: json.loads(zhijiu(*a, "--json", data=d).stdout)  # noqa: E731
    refused = lambda *a: zhijiu(*a, data=d, check=False)  # noqa: E731
    before = len(js("task", "list"))
    issue = ("task", "issue", "--title", "巡查堤防", "--to", "渝中区综合")  # a unit by the start of its name
    alloc = ("task", "issue", "--title", "调拨", "--to", "渝中区综合", "--from-depot", "渝中区应急物资",
             "--to-depot", "大溪沟")  # depots by name too  # fmt: skip
    for args, message in [
        ((*alloc, "--item", "帐篷=999999顶"), "zhijiu: not enough 帐篷 in the depot: 999999 asked, 220 there"),
        ((*alloc, "--item", "火箭=5枚"), "zhijiu: not enough 火箭 in the depot: 5 asked, the depot holds none"),
        (("task", "issue", "--title", "   ", "--to", "渝中区综合"), "the order needs a title"),
        ((*issue, "--deadline", "2020-01-01T00:00"), "zhijiu: invalid: the deadline is in the past"),
        ((*issue, "--deadline", "-2h"), "zhijiu: invalid: the deadline is in the past"),
        ((*issue, "--deadline=-2h"), "zhijiu: invalid: the deadline is in the past"),
        ((*issue, "--attach", "deadbeef"), "zhijiu: no media 'deadbeef'"),
        ((*issue, "--ack-within", "-5"), "zhijiu: --ack-within must be between 0 and 10080 minutes, not -5"),
        (("task", "issue", "--title", "x", "--to", "区指挥中心"), "no unit '区指挥中心', but a post matches: add --kind post"),
        (("task", "issue", "--title", "x", "--to", "渝中区"), "unit '渝中区' is ambiguous (5 match: 渝中区人武部民兵应急排"),
    ]:  # fmt: skip
        r = refused(*args)
        assert r.returncode != 0 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert len(js("task", "list")) == before  # nothing written
    inc = js("report", "list")[0]["incident"]
    r = refused("report", "file", "--incident", inc, "--kind", "first", "--loss", "-1")
    assert r.returncode == 1 and r.stderr.strip() == "zhijiu: --loss must be between 0 and 1e+12 (万元)"

    task = js(*alloc, "--item", "帐篷=20顶")
    assert task["assignee_name"] == "渝中区综合应急救援大队" and not task["duplicate"]
    tid = task["id"]
    r = refused("task", "update", tid, "--photo", "nosuchmedia")
    assert r.returncode == 1 and r.stderr.strip() == "zhijiu: no media 'nosuchmedia'"
    js("task", "update", tid, "--status", "in_progress", "--text", "已出发", "--progress", "20")
    shown = js("task", "show", tid)
    feedback = [h for h in shown["history"] if h["action"] == "feedback"]
    assert [h["detail"]["text"] for h in feedback] == ["已出发"] and feedback[0]["detail"]["progress"] == 20
    out = zhijiu("task", "show", tid, data=d).stdout
    assert "for 渝中区综合应急救援大队 (unit)" in out and "issued to 渝中区综合应急救援大队 (unit)" in out
    js("task", "update", tid, "--status", "done")
    depots = {name: levels for _id, name, levels in _depots(d)}
    assert depots["渝中区应急物资储备库"]["帐篷"] == 200
    listed = zhijiu("task", "list", "--to", "渝中区综合", data=d).stdout.splitlines()
    assert any(line.startswith(tid[:8]) and "渝中区综合应急救援大队" in line for line in listed)


def _depots(d):
    from app.datadir import PostFolder
    from app.services.supplies import depots

    store = PostFolder(d).open_store(None)
    try:
        return depots(store)
    finally:
        store.close()


def test_duplicate_plan_tasks_are_marked_and_retired_from_the_command_line(tmp_path):
    from app.datadir import PostFolder
    from app.services import plans
    from app.store.store import Draft

    d = tmp_path / "post"
    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district", data=d)
    zhijiu("demo", data=d)
    js = lambda *a: json.loads(zhijiu(*a, "--json", data=d).stdout)  # noqa: E731
    inc = js("report", "list")[0]["incident"]
    store = PostFolder(d).open_store(None)
    try:  # two declarations that crossed: the same plan line issued twice by this post
        first = plans.declare_level(store, "李明", inc, 2)[0]
        store.write([Draft("task", "dup-of-first", "put", dict(store.get("task", first).data))], operator="李明")
    finally:
        store.close()
    docs = {t["id"]: t for t in js("task", "list", "--incident", inc)}
    assert docs["dup-of-first"]["duplicate"] and not docs[first]["duplicate"]
    assert js("task", "show", "dup-of-first")["duplicate"]
    line = next(x for x in zhijiu("task", "list", data=d).stdout.splitlines() if x.startswith("dup-of-f"))
    assert line.endswith("DUPLICATE")
    assert [t["id"] for t in js("task", "retire-duplicates")] == ["dup-of-first"]
    assert js("task", "show", "dup-of-first")["status"] == "cancelled"
    assert js("task", "retire-duplicates") == []


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path):
    import subprocess
    import sys

    d = tmp_path / "post"
    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district", data=d)
    zhijiu("demo", data=d)
    p = subprocess.Popen([sys.executable, "-m", "app", "--data", str(d), "task", "list"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()  # as `| head` does once it has its lines
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141 and err == b""
