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
