"""`zhijiu timeline` and `zhijiu readings import` as an operator runs them."""

from __future__ import annotations

from test_cli import zhijiu


def test_timeline_and_readings_import(tmp_path):
    a = tmp_path / "a"
    zhijiu("init", "--name", "重庆市应急管理局指挥中心", "--role", "rear", data=a)
    zhijiu("demo", data=a)
    out = zhijiu("timeline", "长江、嘉陵江洪峰过境渝中段洪涝灾害", "--format", "csv", data=a).stdout
    assert out.lstrip("\ufeff").startswith("时间(北京)") and "指令下达" in out
    page = tmp_path / "t.html"
    zhijiu("timeline", "长江、嘉陵江洪峰过境渝中段洪涝灾害", "--format", "html", "-o", str(page), data=a)
    assert "复盘时间线" in page.read_text("utf-8")
    r = zhijiu("timeline", "没有这个事件", "--format", "csv", data=a, check=False)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no incident" in r.stderr

    bad = tmp_path / "bad.csv"
    bad.write_text("gauge,measured_at,value\n朝天门水位站,2026-07-01 08:00,189.0\n朝天门水位站,昨天,1\n",
                   encoding="utf-8")
    r = zhijiu("readings", "import", str(bad), data=a, check=False)
    assert r.returncode == 1 and "line 3" in r.stderr and "Traceback" not in r.stderr
    good = tmp_path / "good.csv"
    good.write_text("gauge,measured_at,value\n朝天门水位站,2026-07-01 08:00,189.0\n", encoding="utf-8")
    assert zhijiu("readings", "import", str(good), data=a).stdout.strip() == "imported 1 reading(s)"
